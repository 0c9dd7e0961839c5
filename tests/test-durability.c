/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The library never loses what was imported: an importing process killed
 * at any moment, or a disk that fills up, leaves a library that opens,
 * passes SQLite's integrity check and holds every report whose import had
 * returned.
 *
 * The imports run in a child process (fork()), which tells the parent
 * through a pipe which reports it committed; the parent kills it, or lets
 * it run into the limit, and then examines the library. */

#include "config.h"

#define _GNU_SOURCE /* unshare() */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "gk-core.h"

/* ---------------------------------------------------------------------- */
/* Reports                                                                */

static const char * const seed_names[] = {
  "000_fd56001bfeaab35a.txt",
  "001_0c1ccc46f30db888.txt",
  "002_7c3adba71c2c08c1.txt",
  "003_3a1e568c72146643.txt",
  "004_666f3d5e264c9cf1.txt",
};

static char *seed_texts[G_N_ELEMENTS (seed_names)];

static void
load_seeds (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (seed_names); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "seeds", seed_names[i], NULL);
      g_autoptr(GError) error = NULL;

      g_file_get_contents (path, &seed_texts[i], NULL, &error);
      g_assert_no_error (error);
    }
}

/* The file of import number @n: a real report, made unique by a line of
 * its own, so that every import is a new file (a new version of its
 * agency's report after the first five). */
static GBytes *
import_bytes (guint n)
{
  char *text = g_strdup_printf ("%s\n（本文件为第%u份副本）\n", seed_texts[n % G_N_ELEMENTS (seed_texts)], n);

  return g_bytes_new_take (text, strlen (text));
}

static char *
import_sha256 (guint n)
{
  g_autoptr(GBytes) bytes = import_bytes (n);

  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static GkReport *
import_report (GBytes *bytes,
               guint   n)
{
  g_autofree char *name = g_strdup_printf ("report-%u.txt", n);
  g_autoptr(GError) error = NULL;
  GkReport *report = gk_parse_bytes (bytes, name, &error);

  g_assert_no_error (error);
  gk_checks_run (report);
  return report;
}

/* ---------------------------------------------------------------------- */
/* What the child tells the parent                                        */

typedef struct
{
  guint32 n;       /* the import's number, or END */
  guint32 code;    /* with END: the GkStoreError code */
  gint64  id;
} Record;

#define END G_MAXUINT32

/* Each write is smaller than PIPE_BUF: whole or not at all, even when the
 * writer is killed. */
static void
send_records (int           fd,
              const Record *records,
              guint         n)
{
  g_assert (n * sizeof (Record) <= PIPE_BUF);
  if (write (fd, records, n * sizeof (Record)) != (ssize_t) (n * sizeof (Record)))
    _exit (4);
}

/* Reads the records until the child closes the pipe; with an END record,
 * its code goes to @end_code and the text after it to @end_message. */
static void
receive_records (int        fd,
                 GArray    *committed,
                 guint32   *end_code,
                 char     **end_message)
{
  Record record;
  ssize_t n;

  while ((n = read (fd, &record, sizeof record)) == sizeof record)
    {
      if (record.n == END)
        {
          g_autoptr(GString) message = g_string_new (NULL);
          char buf[512];

          g_assert_nonnull (end_code);
          *end_code = record.code;
          while ((n = read (fd, buf, sizeof buf)) > 0)
            g_string_append_len (message, buf, n);
          *end_message = g_string_free (g_steal_pointer (&message), FALSE);
          break;
        }
      g_array_append_val (committed, record);
    }
  g_assert_cmpint (n, ==, 0);
}

G_NORETURN static void
send_error (int           fd,
            const GError *error)
{
  Record end = { END, error->domain == GK_STORE_ERROR ? (guint32) error->code : G_MAXUINT32 - 1, 0 };

  send_records (fd, &end, 1);
  if (write (fd, error->message, strlen (error->message)) < 0)
    _exit (4);
  close (fd);
  _exit (0);
}

/* Imports @count files from number @n on, alone (gk_store_import) or as
 * one batch (gk_store_import_many), and reports them once committed. */
static gboolean
import_some (GkStore  *store,
             int       fd,
             guint     n,
             guint     count,
             GError  **error)
{
  GkStoreImportItem items[8];
  Record records[8];

  g_assert (count >= 1 && count <= G_N_ELEMENTS (items));

  for (guint i = 0; i < count; i++)
    {
      items[i].original_bytes = import_bytes (n + i);
      items[i].report = import_report (items[i].original_bytes, n + i);
    }

  if (count == 1)
    {
      if (!gk_store_import (store, items[0].report, items[0].original_bytes, NULL, &records[0].id, error))
        return FALSE;
    }
  else if (!gk_store_import_many (store, items, count, error))
    return FALSE;

  for (guint i = 0; i < count; i++)
    {
      records[i].n = n + i;
      records[i].code = 0;
      if (count > 1)
        records[i].id = items[i].report_id;
      g_bytes_unref (items[i].original_bytes);
      g_object_unref (items[i].report);
    }
  send_records (fd, records, count);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Checking a library                                                     */

static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  return db;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

/* The library at @path opens, is sound, and holds every report of
 * @committed, with the bytes it was imported from.  At most @in_flight
 * more may be there: imports whose commit was made but not yet reported
 * when the child died.  Returns the number of reports. */
static guint
check_library (const char *path,
               GArray     *committed,
               guint       in_flight)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkStore) store = gk_store_open (path, &error);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) shas = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3 *db;

  g_assert_no_error (error);
  g_assert_nonnull (store);

  /* SQLite's own check of every page and index, and the references
   * between tables. */
  db = open_raw (path);
  {
    g_autofree char *check = query_text (db, "PRAGMA integrity_check");
    g_autofree char *fk = query_text (db, "PRAGMA foreign_key_check");
    /* A report is stored whole or not at all: never a row of reports
     * without its contents and its original. */
    g_autofree char *partial = query_text (db,
      "SELECT COUNT(*) FROM reports r"
      " WHERE NOT EXISTS (SELECT 1 FROM contents c WHERE c.report_id = r.id)"
      "    OR NOT EXISTS (SELECT 1 FROM originals o WHERE o.report_id = r.id)");

    g_assert_cmpstr (check, ==, "ok");
    g_assert_null (fk);
    g_assert_cmpstr (partial, ==, "0");
  }
  sqlite3_close (db);

  all = gk_store_list_reports (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      GkReport *report = g_ptr_array_index (all, i);
      gint64 *id = g_new (gint64, 1);

      *id = gk_store_report_id (report);
      g_hash_table_insert (shas, id, (gpointer) gk_report_get_sha256 (report));
    }

  g_assert_cmpuint (all->len, >=, committed->len);
  g_assert_cmpuint (all->len, <=, committed->len + in_flight);

  for (guint i = 0; i < committed->len; i++)
    {
      const Record *record = &g_array_index (committed, Record, i);
      g_autofree char *sha = import_sha256 (record->n);
      const char *stored = g_hash_table_lookup (shas, &record->id);

      if (stored == NULL)
        g_error ("import %u (report %" G_GINT64_FORMAT ") was committed, but the library lost it",
                 record->n, record->id);
      g_assert_cmpstr (stored, ==, sha);
    }

  /* The ids are the table's keys; free them with it. */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, shas);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        g_hash_table_iter_steal (&iter);
        g_free (key);
      }
  }

  return all->len;
}

/* The last few committed reports load whole: their cells are those of a
 * fresh parse, and their originals the bytes imported. */
static void
check_contents (const char *path,
                GArray     *committed,
                guint       how_many)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkStore) store = gk_store_open (path, &error);

  g_assert_no_error (error);

  for (guint i = committed->len > how_many ? committed->len - how_many : 0; i < committed->len; i++)
    {
      const Record *record = &g_array_index (committed, Record, i);
      g_autoptr(GBytes) bytes = import_bytes (record->n);
      g_autoptr(GkReport) expected = import_report (bytes, record->n);
      g_autoptr(GkReport) loaded = gk_store_load_report (store, record->id, &error);
      g_autoptr(GBytes) original = NULL;

      g_assert_no_error (error);
      for (GkTableId t = GK_TABLE_2; t <= GK_TABLE_4; t++)
        {
          GkTable *want = gk_report_get_table (expected, t);
          GkTable *got = gk_report_get_table (loaded, t);

          g_assert_cmpint (want == NULL, ==, got == NULL);
          if (want == NULL)
            continue;
          g_assert_cmpuint (gk_table_get_n_cells (got), ==, gk_table_get_n_cells (want));
          for (guint c = 0; c < gk_table_get_n_cells (want); c++)
            g_assert_cmpstr (gk_cell_get_raw (gk_table_get_cell (got, c)), ==,
                             gk_cell_get_raw (gk_table_get_cell (want, c)));
        }

      original = gk_store_load_original (store, record->id, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (original, bytes));
    }
}

/* ---------------------------------------------------------------------- */
/* Fixture                                                                */

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("gk-durability-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "library.db", NULL);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static pid_t
fork_child (int fds[2])
{
  pid_t pid;

  g_assert_cmpint (pipe (fds), ==, 0);
  /* Nothing buffered may be written twice, by both processes. */
  fflush (stdout);
  fflush (stderr);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    close (fds[0]);
  else
    close (fds[1]);
  return pid;
}

/* ---------------------------------------------------------------------- */
/* Killed while importing                                                 */

#define KILL_ROUNDS 100
#define MAX_BATCH 5

/* In the child: imports until killed, alone and in batches. */
G_NORETURN static void
kill_child (const char *path,
            int         fd,
            guint       first)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkStore) store = gk_store_open (path, &error);

  if (store == NULL)
    _exit (2);

  for (guint n = first; ; )
    {
      /* One import alone, then a batch of two to five, and so on. */
      guint count = n % 2 ? 1 : 2 + (n / 2) % (MAX_BATCH - 1);

      if (!import_some (store, fd, n, count, &error))
        send_error (fd, error);
      n += count;
    }
}

static void
test_kill (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GArray) committed = g_array_new (FALSE, FALSE, sizeof (Record));
  guint n_reports = 0;

  for (guint round = 0; round < KILL_ROUNDS; round++)
    {
      int fds[2];
      int status = 0;
      guint before = committed->len;
      guint delay;
      pid_t pid = fork_child (fds);

      if (pid == 0)
        kill_child (fixture->path, fds[1], (round + 1) * 10000);

      /* Every fourth round the kill lands early, while the library is
       * created, opened or recovered; the others wait for the first
       * commit, so that the kill lands among the imports, in a
       * transaction or between two. */
      if (round % 4 == 0)
        delay = g_test_rand_int_range (0, 20000);
      else
        {
          Record first;
          struct pollfd ready = { fds[0], POLLIN, 0 };

          g_assert_cmpint (poll (&ready, 1, 10000), ==, 1);
          g_assert_cmpint (read (fds[0], &first, sizeof first), ==, sizeof first);
          g_assert_cmpuint (first.n, !=, END);
          g_array_append_val (committed, first);
          delay = g_test_rand_int_range (0, 40000);
        }
      g_usleep (delay);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      /* Killed, not dead of an error of its own. */
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

      receive_records (fds[0], committed, NULL, NULL);
      close (fds[0]);

      /* The library is checked after every kill, as the app would open it
       * after a crash: a batch may have committed unreported. */
      {
        guint n = check_library (fixture->path, committed, (round + 1) * MAX_BATCH);

        /* Nothing that was there before is gone. */
        g_assert_cmpuint (n, >=, n_reports);
        n_reports = n;
      }
      g_test_message ("round %u: killed %u µs after %s, %u imports committed, %u reports in the library",
                      round, delay, round % 4 ? "the first commit" : "the start", committed->len - before, n_reports);
    }

  g_assert_cmpuint (committed->len, >, KILL_ROUNDS);
  check_contents (fixture->path, committed, 10);
}

/* ---------------------------------------------------------------------- */
/* Full disk                                                              */

/* In the child: imports until the store says the disk is full, reports
 * the error, then tries once more (which must fail as cleanly). */
G_NORETURN static void
fill_child (const char *path,
            int         fd,
            guint       first)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkStore) store = gk_store_open (path, &error);
  guint n = first;

  if (store == NULL)
    send_error (fd, error);

  /* Far more than fits. */
  while (n < first + 5000)
    {
      if (!import_some (store, fd, n, 1 + n % 3, &error))
        break;
      n += 1 + n % 3;
    }
  if (error == NULL)
    _exit (5);

  {
    g_autoptr(GError) again = NULL;

    if (import_some (store, fd, n + 10, 1, &again))
      _exit (6);
  }

  g_clear_object (&store);
  send_error (fd, error);
}

/* Imports a few reports in the parent: what must survive the full disk. */
static void
import_first (const char *path,
              GArray     *committed,
              guint       count)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkStore) store = gk_store_open (path, &error);

  g_assert_no_error (error);
  for (guint n = 1; n <= count; n++)
    {
      g_autoptr(GBytes) bytes = import_bytes (n);
      g_autoptr(GkReport) report = import_report (bytes, n);
      Record record = { n, 0, 0 };

      g_assert_true (gk_store_import (store, report, bytes, NULL, &record.id, &error));
      g_assert_no_error (error);
      g_array_append_val (committed, record);
    }
}

/* After the full disk: the library is sound, holds everything committed
 * and takes new reports again. */
static void
check_after_full (const char *path,
                  GArray     *committed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkStore) store = NULL;
  guint n_reports = check_library (path, committed, MAX_BATCH);

  store = gk_store_open (path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) bytes = import_bytes (999999);
    g_autoptr(GkReport) report = import_report (bytes, 999999);

    g_assert_true (gk_store_import (store, report, bytes, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (gk_store_count_reports (store, NULL), ==, n_reports + 1);
  check_contents (path, committed, 3);
}

/* A file-size limit (RLIMIT_FSIZE) stands for the full disk: writes past
 * it fail with EFBIG, as they fail with ENOSPC on a full file system. */
static void
test_full_fsize (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GArray) committed = g_array_new (FALSE, FALSE, sizeof (Record));
  g_autofree char *message = NULL;
  guint32 code = G_MAXUINT32;
  int fds[2];
  int status = 0;
  pid_t pid;
  GStatBuf st;

  import_first (fixture->path, committed, 3);
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);

  pid = fork_child (fds);
  if (pid == 0)
    {
      /* Room for a few more imports in the WAL, then no more. */
      struct rlimit limit = { st.st_size + 128 * 1024, st.st_size + 128 * 1024 };

      signal (SIGXFSZ, SIG_IGN);
      if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
        _exit (7);
      fill_child (fixture->path, fds[1], 1000);
    }

  receive_records (fds[0], committed, &code, &message);
  close (fds[0]);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  g_test_message ("%u imports committed; then: %s", committed->len - 3, message);
  g_assert_cmpuint (committed->len, >, 3);
  g_assert_cmpuint (code, ==, GK_STORE_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (message, fixture->path));

  check_after_full (fixture->path, committed);
}

/* A real full file system: a tmpfs of 1 MB, mounted in a user and mount
 * namespace of the child's own (no privilege needed where the kernel
 * allows unprivileged user namespaces; skipped elsewhere).  The child
 * copies the library out of its tmpfs before it exits, for the parent to
 * examine. */

static gboolean
write_proc (const char *file,
            const char *text)
{
  int fd = open (file, O_WRONLY);
  gboolean ok = fd >= 0 && write (fd, text, strlen (text)) == (ssize_t) strlen (text);

  if (fd >= 0)
    close (fd);
  return ok;
}

static gboolean
enter_tmpfs (const char *mount_point,
             const char *size)
{
  g_autofree char *uid_map = g_strdup_printf ("0 %u 1", (guint) getuid ());
  g_autofree char *gid_map = g_strdup_printf ("0 %u 1", (guint) getgid ());
  g_autofree char *options = g_strdup_printf ("size=%s,mode=0700", size);

  if (unshare (CLONE_NEWUSER | CLONE_NEWNS) != 0)
    return FALSE;
  if (!write_proc ("/proc/self/setgroups", "deny")
      || !write_proc ("/proc/self/uid_map", uid_map)
      || !write_proc ("/proc/self/gid_map", gid_map))
    return FALSE;
  /* Nothing mounted here is seen outside. */
  if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    return FALSE;
  return mount ("tmpfs", mount_point, "tmpfs", MS_NOSUID | MS_NODEV, options) == 0;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (from, &contents, &length, NULL))
    return;  /* no WAL: nothing to copy */
  if (!g_file_set_contents (to, contents, length, NULL))
    _exit (8);
}

static void
test_full_tmpfs (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GArray) committed = g_array_new (FALSE, FALSE, sizeof (Record));
  g_autofree char *mount_point = g_build_filename (fixture->dir, "tmpfs", NULL);
  g_autofree char *inner = g_build_filename (mount_point, "library.db", NULL);
  g_autofree char *message = NULL;
  guint32 code = G_MAXUINT32;
  int fds[2];
  int status = 0;
  pid_t pid;

  g_assert_cmpint (g_mkdir (mount_point, 0700), ==, 0);

  pid = fork_child (fds);
  if (pid == 0)
    {
      g_autofree char *filler = g_build_filename (mount_point, "filler", NULL);
      g_autofree char *wal = g_strconcat (inner, "-wal", NULL);
      g_autofree char *wal_copy = g_strconcat (fixture->path, "-wal", NULL);
      g_autofree char *zeros = g_malloc0 (128 * 1024);
      g_autoptr(GError) error = NULL;

      if (!enter_tmpfs (mount_point, "1m"))
        {
          Record skip = { END, G_MAXUINT32 - 2, 0 };

          send_records (fds[1], &skip, 1);
          if (write (fds[1], g_strerror (errno), strlen (g_strerror (errno))) < 0)
            _exit (4);
          _exit (0);
        }

      /* The first reports, then a file that takes some room, then imports
       * until the disk is full; with the file removed there is room again
       * for one more. */
      {
        g_autoptr(GkStore) store = gk_store_open (inner, &error);

        if (store == NULL || !import_some (store, fds[1], 1, 3, &error))
          send_error (fds[1], error);
      }
      if (!g_file_set_contents (filler, zeros, 128 * 1024, NULL))
        _exit (9);

      {
        g_autoptr(GkStore) store = gk_store_open (inner, &error);
        guint n = 1000;

        if (store == NULL)
          send_error (fds[1], error);
        while (n < 6000 && import_some (store, fds[1], n, 1 + n % 3, &error))
          n += 1 + n % 3;
        if (error == NULL)
          _exit (5);

        g_unlink (filler);
        {
          g_autoptr(GError) again = NULL;

          if (!import_some (store, fds[1], 900000, 1, &again))
            _exit (10);
        }
      }

      /* The store is closed: the library is its file, and its WAL if the
       * last checkpoint could not finish. */
      copy_file (inner, fixture->path);
      copy_file (wal, wal_copy);
      send_error (fds[1], error);
    }

  receive_records (fds[0], committed, &code, &message);
  close (fds[0]);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  if (code == G_MAXUINT32 - 2)
    {
      g_autofree char *reason = g_strdup_printf ("no tmpfs in a user namespace here: %s", message);
      g_test_skip (reason);
      return;
    }

  g_test_message ("%u imports committed; then: %s", committed->len, message);
  g_assert_cmpuint (committed->len, >, 4);
  g_assert_cmpuint (code, ==, GK_STORE_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (message, inner));
  g_assert_nonnull (strstr (message, "disk is full"));

  check_after_full (fixture->path, committed);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  load_seeds ();

  g_test_add ("/durability/kill", Fixture, NULL, fixture_set_up, test_kill, fixture_tear_down);
  g_test_add ("/durability/full-disk/file-size-limit", Fixture, NULL,
              fixture_set_up, test_full_fsize, fixture_tear_down);
  g_test_add ("/durability/full-disk/tmpfs", Fixture, NULL,
              fixture_set_up, test_full_tmpfs, fixture_tear_down);

  status = g_test_run ();

  for (guint i = 0; i < G_N_ELEMENTS (seed_texts); i++)
    g_free (seed_texts[i]);
  return status;
}
