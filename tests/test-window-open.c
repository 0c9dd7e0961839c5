/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Files opened from outside the window (a double-click in Files, the
 * command line, a second launch) are never lost: those that come while
 * the library is still being read, at start-up, are imported once it is
 * open; those that come during an import are imported after it; Cancel
 * stops both.  Skipped where GTK cannot open a display. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gk-application.h"
#include "gk-window-private.h"

static char *tmp_dir;

static void
spin_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
import_done (gpointer data)
{
  return !gk_window_is_importing (data);
}

static char *
seed_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "seeds", name, NULL);
}

static GPtrArray *
files_of (const char *path,
          ...)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, path);
  for (const char *p = path; p != NULL; p = va_arg (args, const char *))
    g_ptr_array_add (files, g_file_new_for_path (p));
  va_end (args);
  return files;
}

static gboolean
has_source (GkWindow   *window,
            const char *name)
{
  GListModel *reports = G_LIST_MODEL (window->library);

  for (guint i = 0; i < g_list_model_get_n_items (reports); i++)
    {
      g_autoptr(GkReport) report = g_list_model_get_item (reports, i);

      if (g_strcmp0 (gk_report_get_source_name (report), name) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A copy of seed 002 as another year: a report of its own, not a
 * duplicate. */
static char *
write_other_year (const char *name)
{
  g_autofree char *seed = seed_path ("002_7c3adba71c2c08c1.txt");
  g_autofree char *text = NULL;
  g_autoptr(GString) copy = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_assert_true (g_file_get_contents (seed, &text, NULL, NULL));
  copy = g_string_new (text);
  g_assert_cmpuint (g_string_replace (copy, "2020 年政府", "2018 年政府", 1), ==, 1);
  g_assert_true (g_file_set_contents (path, copy->str, -1, NULL));
  return path;
}

/* Runs once the application has handled the files of its command line. */
static void
opened_cb (GApplication  *app,
           GFile        **files,
           int            n_files,
           const char    *hint)
{
  GkWindow *window = GK_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_autofree char *seed_c = seed_path ("002_7c3adba71c2c08c1.txt");
  g_autofree char *seed_d = seed_path ("003_3a1e568c72146643.txt");
  g_autofree char *seed_e = seed_path ("004_666f3d5e264c9cf1.txt");
  g_autofree char *other_year = write_other_year ("waiting-2018.txt");
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;

  g_assert_nonnull (window);
  g_assert_cmpint (n_files, ==, 2);

  /* At start-up the library is still being read: the two files wait for
   * it, and are imported once it is open. */
  g_assert_true (gk_window_is_loading (window));
  g_assert_true (gk_window_is_importing (window));
  spin_until (import_done, window);
  g_assert_false (gk_window_is_loading (window));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->library)), ==, 2);
  g_assert_true (has_source (window, "000_fd56001bfeaab35a.txt"));
  g_assert_true (has_source (window, "001_0c1ccc46f30db888.txt"));

  /* Files that come while an import runs are imported after it. */
  first = files_of (seed_c, NULL);
  second = files_of (seed_d, NULL);
  gk_window_import_files (window, first);
  g_assert_true (gk_importer_get_busy (window->importer));
  gk_window_import_files (window, second);
  g_assert_nonnull (window->queued_files);
  g_assert_cmpuint (window->queued_files->len, ==, 1);
  spin_until (import_done, window);
  g_assert_null (window->queued_files);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->library)), ==, 4);
  g_assert_true (has_source (window, "002_7c3adba71c2c08c1.txt"));
  g_assert_true (has_source (window, "003_3a1e568c72146643.txt"));

  /* Cancel stops the import and forgets the files waiting for it. */
  g_clear_pointer (&first, g_ptr_array_unref);
  g_clear_pointer (&second, g_ptr_array_unref);
  first = files_of (seed_e, NULL);
  second = files_of (other_year, NULL);
  gk_window_import_files (window, first);
  gk_window_import_files (window, second);
  g_assert_true (gk_window_is_importing (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-import", NULL));
  g_assert_null (window->queued_files);
  spin_until (import_done, window);
  g_assert_false (has_source (window, "waiting-2018.txt"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->library)), <=, 5);

  /* And the window takes files again. */
  gk_window_import_files (window, second);
  spin_until (import_done, window);
  g_assert_true (has_source (window, "waiting-2018.txt"));

  g_unlink (other_year);
  gtk_window_destroy (GTK_WINDOW (window));
  g_application_quit (app);
}

static void
test_open_at_launch (void)
{
  g_autoptr(GkApplication) app = gk_application_new ();
  g_autofree char *seed_a = seed_path ("000_fd56001bfeaab35a.txt");
  g_autofree char *seed_b = seed_path ("001_0c1ccc46f30db888.txt");
  char *argv[] = { (char *) "gongkai", seed_a, seed_b, NULL };

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_signal_connect_after (app, "open", G_CALLBACK (opened_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  /* A library of our own, never the user's. */
  tmp_dir = g_dir_make_tmp ("gongkai-window-open-XXXXXX", NULL);
  data_home = g_build_filename (tmp_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      /* TAP's way of saying the whole program is skipped. */
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  g_test_add_func ("/window/open/queued", test_open_at_launch);
  status = g_test_run ();
  return status;
}
