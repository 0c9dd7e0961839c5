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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/hostile/import", Fixture, NULL, fixture_set_up, test_hostile, fixture_tear_down);

  return g_test_run ();
}
