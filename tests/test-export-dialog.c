/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export-dialog.c: Export Library under a display: the export runs
 * in a thread, ::exported says how many reports went out, the file is
 * the CLI's; a file that cannot be written leaves the dialog open with
 * an error in words.  Skipped where GTK cannot open a display. */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "gk-export-dialog.h"

static char *tmp_dir;

static GkStore *
make_store (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "library.db", NULL);
  g_autofree char *seeds = g_test_build_filename (G_TEST_DIST, "data", "seeds", NULL);
  g_autoptr(GDir) dir = g_dir_open (seeds, 0, NULL);
  g_autoptr(GError) error = NULL;
  GkStore *store = gk_store_open (path, &error);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *seed = g_build_filename (seeds, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (seed);
      g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, &error);
      g_autoptr(GkReport) report = gk_parse_bytes (bytes, name, &error);
      GkStoreImportResult result;
      gint64 id;

      g_assert_no_error (error);
      gk_checks_run (report);
      g_assert_true (gk_store_import (store, report, bytes, &result, &id, &error));
    }
  return store;
}

typedef struct
{
  gboolean exported;
  guint    n_reports;
  GFile   *file;
} Outcome;

static void
exported_cb (GkExportDialog *dialog,
             guint           n_reports,
             GFile          *file,
             Outcome        *outcome)
{
  outcome->exported = TRUE;
  outcome->n_reports = n_reports;
  outcome->file = g_object_ref (file);
}

static void
spin_until (gboolean *flag,
            gpointer *gone)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!*flag && (gone == NULL || *gone != NULL))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
spin_a_while (void)
{
  gint64 until = g_get_monotonic_time () + 300 * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_export (void)
{
  g_autoptr(GkStore) store = make_store ();
  g_autofree char *path = g_build_filename (tmp_dir, "library.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  GkExportDialog *dialog = gk_export_dialog_new (NULL, store, 5);
  gpointer alive = dialog;
  Outcome outcome = { 0 };

  g_object_add_weak_pointer (G_OBJECT (dialog), &alive);
  g_signal_connect (dialog, "exported", G_CALLBACK (exported_cb), &outcome);
  gtk_window_present (GTK_WINDOW (dialog));

  gk_export_dialog_set_format (dialog, GK_LIBRARY_EXPORT_CSV);
  g_assert_cmpint (gk_export_dialog_get_format (dialog), ==, GK_LIBRARY_EXPORT_CSV);
  gk_export_dialog_export_to (dialog, file);
  spin_until (&outcome.exported, NULL);

  g_assert_cmpuint (outcome.n_reports, ==, 5);
  g_assert_true (g_file_equal (outcome.file, file));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, GK_EXPORT_CSV_HEADER "\n"));
  g_assert_nonnull (strstr (contents, "北京市门头沟区政府,2020,2019,t3,new,total,216,216,number"));

  /* It closes once done. */
  spin_until (&outcome.exported, &alive);
  spin_a_while ();
  g_assert_null (alive);

  g_object_unref (outcome.file);
  g_unlink (path);
}

static void
test_unwritable (void)
{
  g_autoptr(GkStore) store = make_store ();
  g_autofree char *path = g_build_filename (tmp_dir, "no-such-folder", "library.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GList) toplevels = NULL;
  GkExportDialog *dialog = gk_export_dialog_new (NULL, store, 5);
  Outcome outcome = { 0 };
  gboolean found_error = FALSE;

  g_signal_connect (dialog, "exported", G_CALLBACK (exported_cb), &outcome);
  gtk_window_present (GTK_WINDOW (dialog));
  gk_export_dialog_set_format (dialog, GK_LIBRARY_EXPORT_JSON);
  gk_export_dialog_export_to (dialog, file);

  /* The error dialog appears over the export dialog, which stays. */
  for (gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC; !found_error;)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_clear_pointer (&toplevels, g_list_free);
      toplevels = gtk_window_list_toplevels ();
      for (GList *l = toplevels; l != NULL; l = l->next)
        if (ADW_IS_MESSAGE_DIALOG (l->data)
            && gtk_window_get_transient_for (l->data) == GTK_WINDOW (dialog))
          {
            const char *body = adw_message_dialog_get_body (l->data);

            g_assert_nonnull (strstr (body, "no-such-folder"));
            found_error = TRUE;
            gtk_window_destroy (l->data);
          }
    }
  g_assert_false (outcome.exported);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin_a_while ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmp_dir = g_dir_make_tmp ("gongkai-export-dialog-XXXXXX", NULL);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  g_test_add_func ("/export-dialog/export", test_export);
  g_test_add_func ("/export-dialog/unwritable", test_unwritable);
  status = g_test_run ();

  {
    g_autofree char *db = g_build_filename (tmp_dir, "library.db", NULL);
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (tmp_dir);
  }
  return status;
}
