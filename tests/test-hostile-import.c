/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Hostile files imported as the app imports what is dropped on it: each
 * fails with a reason (or, within the limits, is a report after all), none
 * hangs the import or harms the library.  A folder is walked for report
 * files; files dropped themselves are taken whatever they are, pipes and
 * devices included. */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "gk-core.h"
#include "gk-hostile.h"

typedef struct
{
  char    *dir;
  char    *hostile;
  GkStore *store;
} Fixture;

static void
remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode))
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
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *library = NULL;

  fixture->dir = g_dir_make_tmp ("gk-hostile-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->hostile = g_build_filename (fixture->dir, "hostile", NULL);
  g_assert_cmpint (g_mkdir (fixture->hostile, 0700), ==, 0);
  library = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->store = gk_store_open (library, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->hostile);
  g_free (fixture->dir);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GPtrArray **outcomes = user_data;
  g_autoptr(GError) error = NULL;

  *outcomes = gk_importer_import_finish (GK_IMPORTER (object), result, &error);
  g_assert_no_error (error);
}

/* Imports @files as the window does, on the importer's threads; a pipe
 * that blocked the import would fail the deadline, not hang the test. */
static GPtrArray *
import (Fixture   *fixture,
        GPtrArray *files)
{
  g_autoptr(GkImporter) importer = gk_importer_new (fixture->store);
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  GPtrArray *outcomes = NULL;

  gk_importer_import_async (importer, files, NULL, import_done_cb, &outcomes);
  while (outcomes == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  return outcomes;
}

static GkImportOutcome *
find_outcome (GPtrArray  *outcomes,
              const char *name)
{
  for (guint i = 0; i < outcomes->len; i++)
    {
      GkImportOutcome *outcome = g_ptr_array_index (outcomes, i);
      g_autofree char *basename = g_file_get_basename (gk_import_outcome_get_file (outcome));

      if (strcmp (basename, name) == 0)
        return outcome;
    }
  return NULL;
}

static void
check_outcome (GkImportOutcome     *outcome,
               const GkHostileFile *file,
               gboolean             again)
{
  const char *message = gk_import_outcome_get_message (outcome);
  GkImportStatus status = gk_import_outcome_get_status (outcome);

  g_test_message ("%s: %d %s", file->name, status, message ? message : "");

  if (!file->must_fail)
    {
      g_assert_cmpint (status, ==, again ? GK_IMPORT_DUPLICATE : GK_IMPORT_ADDED);
      return;
    }

  g_assert_cmpint (status, ==, GK_IMPORT_FAILED);
  /* Listed with a reason a user can read. */
  g_assert_nonnull (message);
  g_assert_cmpstr (message, !=, "");
  g_assert_true (g_utf8_validate (message, -1, NULL));
  if (file->reason != NULL && strstr (message, file->reason) == NULL)
    g_error ("%s failed with “%s”, which does not say “%s”", file->name, message, file->reason);
}

static void
test_hostile (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) folder = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) outcomes = NULL;
  const GkHostileFile *files;
  guint n_files, n_regular = 0;

  files = gk_hostile_write_dir (fixture->hostile, &n_files);

  /* A folder dropped: its report files are walked, nothing else. */
  g_ptr_array_add (folder, g_file_new_for_path (fixture->hostile));
  outcomes = import (fixture, folder);
  for (guint i = 0; i < n_files; i++)
    {
      GkImportOutcome *outcome = find_outcome (outcomes, files[i].name);

      if (!files[i].regular)
        {
          g_assert_null (outcome);
          continue;
        }
      n_regular++;
      g_assert_nonnull (outcome);
      check_outcome (outcome, &files[i], FALSE);
    }
  g_assert_cmpuint (outcomes->len, ==, n_regular);
  g_clear_pointer (&outcomes, g_ptr_array_unref);

  /* Each file dropped itself, pipes and devices too. */
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_build_filename (fixture->hostile, files[i].name, NULL);
      g_ptr_array_add (chosen, g_file_new_for_path (path));
    }
  outcomes = import (fixture, chosen);
  g_assert_cmpuint (outcomes->len, ==, n_files);
  for (guint i = 0; i < n_files; i++)
    {
      GkImportOutcome *outcome = find_outcome (outcomes, files[i].name);

      g_assert_nonnull (outcome);
      check_outcome (outcome, &files[i], TRUE);
    }

  /* The library holds the one report among them, and nothing else. */
  g_assert_cmpuint (gk_store_count_reports (fixture->store, NULL), ==, 1);
}

/* Links dropped from a browser, and other addresses that are not files
 * here: each fails with a reason, before GIO is asked anything about it
 * (GVfs would fetch it: Gongkai never goes on the network).  The hosts
 * are .invalid, which never resolve: an importer that tried would fail
 * with another message.  A file:// URI of a local file is a file. */
static void
test_web_addresses (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct {
    const char *uri;
    const char *reason;
  } refused[] = {
    { "https://example.invalid/2023/report.pdf", "this is a web address; Gongkai works offline: download the file and open it" },
    { "http://example.invalid/report.html", "this is a web address" },
    { "ftp://example.invalid/pub/report.txt", "this is a web address" },
    { "HTTPS://EXAMPLE.INVALID/REPORT.DOCX", "this is a web address" },
    { "smb://server.invalid/share/report.docx", "not a file on this computer but a “smb:” address" },
    { "sftp://server.invalid/home/report-2023.pdf", "not a file on this computer but a “sftp:” address" },
  };
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autofree char *seed = g_test_build_filename (G_TEST_DIST, "data", "seeds", "001_0c1ccc46f30db888.txt", NULL);
  g_autofree char *seed_uri = NULL;

  g_assert_true (g_file_test (seed, G_FILE_TEST_IS_REGULAR));
  seed_uri = g_filename_to_uri (seed, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    g_ptr_array_add (files, g_file_new_for_uri (refused[i].uri));
  g_ptr_array_add (files, g_file_new_for_uri (seed_uri));

  outcomes = import (fixture, files);
  g_assert_cmpuint (outcomes->len, ==, G_N_ELEMENTS (refused) + 1);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *basename = g_path_get_basename (refused[i].uri);
      GkImportOutcome *outcome = find_outcome (outcomes, basename);
      const char *message;

      g_assert_nonnull (outcome);
      message = gk_import_outcome_get_message (outcome);
      g_test_message ("%s: %s", refused[i].uri, message);
      g_assert_cmpint (gk_import_outcome_get_status (outcome), ==, GK_IMPORT_FAILED);
      g_assert_nonnull (message);
      if (strstr (message, refused[i].reason) == NULL)
        g_error ("%s failed with “%s”, which does not say “%s”", refused[i].uri, message, refused[i].reason);
    }

  /* The one local file among them is imported. */
  {
    g_autofree char *basename = g_path_get_basename (seed);
    GkImportOutcome *outcome = find_outcome (outcomes, basename);

    g_assert_nonnull (outcome);
    g_assert_cmpint (gk_import_outcome_get_status (outcome), ==, GK_IMPORT_ADDED);
  }
  g_assert_cmpuint (gk_store_count_reports (fixture->store, NULL), ==, 1);
}

/* gk_parse_file() refuses a web address too, and the check itself reads
 * only the URI. */
static void
test_parse_file_web_address (void)
{
  g_autoptr(GFile) file = g_file_new_for_uri ("https://example.invalid/report.pdf");
  g_autoptr(GFile) local = g_file_new_for_path ("/nonexistent/report.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = gk_parse_file (file, NULL, &error);

  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "web address"));
  g_clear_error (&error);

  /* A local path passes the check, whether or not it exists. */
  g_assert_true (gk_importer_check_local (local, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/hostile/import", Fixture, NULL, fixture_set_up, test_hostile, fixture_tear_down);
  g_test_add ("/hostile/web-addresses", Fixture, NULL, fixture_set_up, test_web_addresses, fixture_tear_down);
  g_test_add_func ("/hostile/parse-file-web-address", test_parse_file_web_address);

  return g_test_run ();
}
