/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The library model over the store: imports, GListModel signals, agencies
 * grouping their years, duplicates, versions, corrections and merges. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gk-core.h"

typedef struct
{
  char      *dir;
  GkStore   *store;
  GkLibrary *library;
  guint      n_added;     /* items added as signalled */
  guint      n_signals;
} Fixture;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  fixture->n_signals++;
  fixture->n_added += added;
  fixture->n_added -= removed;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("gongkai-library-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->store = gk_store_open (path, &error);
  g_assert_no_error (error);
  fixture->library = gk_library_new (fixture->store);
  g_signal_connect (fixture->library, "items-changed", G_CALLBACK (items_changed_cb), fixture);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->library);
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static GPtrArray *
seed_folder (void)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "seeds", NULL);

  g_ptr_array_add (files, g_file_new_for_path (path));
  return files;
}

static guint
count_status (GPtrArray      *outcomes,
              GkImportStatus  status)
{
  guint n = 0;

  for (guint i = 0; i < outcomes->len; i++)
    if (gk_import_outcome_get_status (g_ptr_array_index (outcomes, i)) == status)
      n++;
  return n;
}

static GPtrArray *
import_seeds (Fixture *fixture)
{
  g_autoptr(GkImporter) importer = gk_importer_new (fixture->store);
  g_autoptr(GPtrArray) files = seed_folder ();
  GPtrArray *outcomes = gk_importer_import_sync (importer, files, NULL);

  gk_library_add_outcomes (fixture->library, outcomes);
  return outcomes;
}

static void
load_contents_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GAsyncResult **out = user_data;
  *out = g_object_ref (result);
}

/* Loads @report's contents the way the window does, in a worker thread. */
static void
load_contents (GkLibrary *library,
               GkReport  *report)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  gk_library_load_contents_async (library, report, NULL, load_contents_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gk_library_load_contents_finish (library, result, &error));
  g_assert_no_error (error);
}

static void
test_import_seeds (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) outcomes = import_seeds (fixture);
  GListModel *agencies = gk_library_get_agencies (fixture->library);
  GkAgency *mentougou;
  g_autoptr(GkReport) report = NULL;

  g_assert_cmpuint (outcomes->len, ==, 5);
  g_assert_cmpuint (count_status (outcomes, GK_IMPORT_ADDED), ==, 5);

  /* One items-changed for the import, announcing five reports. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->library)), ==, 5);
  g_assert_cmpuint (fixture->n_added, ==, 5);
  g_assert_cmpuint (fixture->n_signals, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (agencies), ==, 5);

  mentougou = gk_library_find_agency (fixture->library, "北京市门头沟区政府");
  g_assert_nonnull (mentougou);
  g_assert_cmpuint (gk_agency_get_n_reports (mentougou), ==, 1);
  report = g_list_model_get_item (G_LIST_MODEL (mentougou), 0);
  g_assert_cmpint (gk_report_get_year (report), ==, 2020);
  g_assert_cmpint (gk_store_report_id (report), >, 0);

  /* The model keeps the summary; the tables stay in the store until the
   * report is opened. */
  g_assert_false (gk_report_has_contents (report));
  g_assert_null (gk_report_get_table (report, GK_TABLE_3));
  g_assert_cmpfloat (gk_report_summary_get_value (gk_report_get_summary (report), GK_SUMMARY_NEW), ==, 216);
  g_assert_cmpfloat (gk_report_summary_get_value (gk_report_get_summary (report), GK_SUMMARY_GRANTED), ==, 89);
  /* Table 4's review row is blank in this report: no value, not 0. */
  g_assert_false (gk_report_summary_has_value (gk_report_get_summary (report), GK_SUMMARY_T4 (0, 4)));
  g_assert_cmpfloat (gk_report_summary_get_value (gk_report_get_summary (report), GK_SUMMARY_T4 (1, 4)), ==, 7);
  g_assert_cmpfloat (gk_report_summary_get_value (gk_report_get_summary (report), GK_SUMMARY_T4 (2, 4)), ==, 39);

  load_contents (fixture->library, report);
  g_assert_true (gk_report_has_contents (report));
  g_assert_cmpstr (gk_cell_get_raw (gk_report_lookup_cell (report, GK_TABLE_3, "new", "total")), ==, "216");

  /* The library reloads the same from the store. */
  {
    g_autoptr(GkLibrary) reloaded = gk_library_new (fixture->store);
    g_autoptr(GError) error = NULL;

    g_assert_true (gk_library_load (reloaded, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==, 5);
    g_assert_cmpuint (g_list_model_get_n_items (gk_library_get_agencies (reloaded)), ==, 5);
  }
}

static void
test_duplicates (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) first = import_seeds (fixture);
  g_autoptr(GPtrArray) second = import_seeds (fixture);

  g_assert_cmpuint (count_status (second, GK_IMPORT_DUPLICATE), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->library)), ==, 5);
}

/* Two reports of one agency: the agency lists both, newest year first. */
static void
test_agency_groups_years (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) outcomes = import_seeds (fixture);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "seeds", "002_7c3adba71c2c08c1.txt", NULL);
  g_autofree char *text = NULL;
  g_autofree char *other_path = g_build_filename (fixture->dir, "2019.txt", NULL);
  g_autoptr(GkImporter) importer = gk_importer_new (fixture->store);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) more = NULL;
  GkAgency *agency;
  g_autofree char *years = NULL;
  g_autoptr(GkReport) newest = NULL;
  g_autoptr(GkReport) oldest = NULL;

  /* The same agency's report for 2019: the title's year changed. */
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  {
    g_autoptr(GString) s = g_string_new (text);
    g_string_replace (s, "2020 年政府", "2019 年政府", 1);
    g_assert_true (g_file_set_contents (other_path, s->str, -1, NULL));
  }
  g_ptr_array_add (files, g_file_new_for_path (other_path));
  more = gk_importer_import_sync (importer, files, NULL);
  g_assert_cmpuint (count_status (more, GK_IMPORT_ADDED), ==, 1);
  gk_library_add_outcomes (fixture->library, more);

  agency = gk_library_find_agency (fixture->library, "北京市门头沟区政府");
  g_assert_cmpuint (gk_agency_get_n_reports (agency), ==, 2);
  newest = g_list_model_get_item (G_LIST_MODEL (agency), 0);
  oldest = g_list_model_get_item (G_LIST_MODEL (agency), 1);
  g_assert_cmpint (gk_report_get_year (newest), ==, 2020);
  g_assert_cmpint (gk_report_get_year (oldest), ==, 2019);
  years = gk_agency_dup_years_text (agency);
  g_assert_cmpstr (years, ==, "2019–2020");
  g_assert_cmpuint (g_list_model_get_n_items (gk_library_get_agencies (fixture->library)), ==, 5);
}

static void
test_correct_and_merge (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) outcomes = import_seeds (fixture);
  g_autoptr(GError) error = NULL;
  GkAgency *agency = gk_library_find_agency (fixture->library, "北京市门头沟区政府");
  g_autoptr(GkReport) report = g_list_model_get_item (G_LIST_MODEL (agency), 0);
  GkReport *miyun;
  g_autoptr(GkLibrary) reloaded = NULL;

  /* Merge two spellings of one agency. */
  g_assert_true (gk_library_merge_agencies (fixture->library, "北京市门头沟区政府", "北京市门头沟区人民政府", &error));
  g_assert_no_error (error);
  g_assert_null (gk_library_find_agency (fixture->library, "北京市门头沟区政府"));
  g_assert_nonnull (gk_library_find_agency (fixture->library, "北京市门头沟区人民政府"));
  g_assert_cmpstr (gk_report_get_agency (report), ==, "北京市门头沟区人民政府");

  /* Correct a year. */
  agency = gk_library_find_agency (fixture->library, "北京市密云区科学技术委员会");
  miyun = g_list_model_get_item (G_LIST_MODEL (agency), 0);
  g_assert_true (gk_library_correct_year (fixture->library, miyun, 2022, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gk_report_get_year (miyun), ==, 2022);
  g_object_unref (miyun);

  /* Both survive reopening, and re-parsing the stored bytes. */
  reloaded = gk_library_new (fixture->store);
  g_assert_true (gk_library_load (reloaded, &error));
  g_assert_nonnull (gk_library_find_agency (reloaded, "北京市门头沟区人民政府"));
  g_assert_null (gk_library_find_agency (reloaded, "北京市门头沟区政府"));
  {
    GkAgency *a = gk_library_find_agency (reloaded, "北京市密云区科学技术委员会");
    g_autoptr(GkReport) r = g_list_model_get_item (G_LIST_MODEL (a), 0);
    g_autoptr(GkReport) reparsed = gk_store_reparse (fixture->store, gk_store_report_id (r), gk_parse_bytes, &error);

    g_assert_no_error (error);
    g_assert_cmpint (gk_report_get_year (r), ==, 2022);
    g_assert_nonnull (reparsed);
    g_assert_cmpint (gk_report_get_year (reparsed), ==, 2022);
  }
}

static void
test_failures_do_not_disturb (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) outcomes = import_seeds (fixture);
  g_autofree char *empty = g_build_filename (fixture->dir, "empty.txt", NULL);
  g_autofree char *binary = g_build_filename (fixture->dir, "image.txt", NULL);
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  g_autoptr(GkImporter) importer = gk_importer_new (fixture->store);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) bad = NULL;

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_set_contents (binary, png, sizeof png, NULL));
  g_ptr_array_add (files, g_file_new_for_path (empty));
  g_ptr_array_add (files, g_file_new_for_path (binary));
  g_ptr_array_add (files, g_file_new_for_path ("/nonexistent/report.txt"));

  bad = gk_importer_import_sync (importer, files, NULL);
  g_assert_cmpuint (count_status (bad, GK_IMPORT_FAILED), ==, 3);
  for (guint i = 0; i < bad->len; i++)
    g_assert_cmpstr (gk_import_outcome_get_message (g_ptr_array_index (bad, i)), !=, "");
  gk_library_add_outcomes (fixture->library, bad);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->library)), ==, 5);
  g_assert_cmpuint (gk_store_count_reports (fixture->store, NULL), ==, 5);
}

static void
test_remove (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) outcomes = import_seeds (fixture);
  GkAgency *agency = gk_library_find_agency (fixture->library, "西工区金谷园街道办事处");
  g_autoptr(GkReport) report = g_list_model_get_item (G_LIST_MODEL (agency), 0);
  g_autoptr(GError) error = NULL;

  g_assert_true (gk_library_remove_report (fixture->library, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->library)), ==, 4);
  g_assert_null (gk_library_find_agency (fixture->library, "西工区金谷园街道办事处"));
  g_assert_cmpuint (gk_store_count_reports (fixture->store, NULL), ==, 4);
}

/* The async import publishes its progress on the calling thread. */
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

static void
progress_cb (GkImporter *importer,
             GParamSpec *pspec,
             guint      *n_notifies)
{
  (*n_notifies)++;
  g_assert_cmpuint (gk_importer_get_n_done (importer), <=, gk_importer_get_n_total (importer));
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GkImporter) importer = gk_importer_new (fixture->store);
  g_autoptr(GPtrArray) files = seed_folder ();
  GPtrArray *outcomes = NULL;
  guint n_notifies = 0;

  g_signal_connect (importer, "notify::n-done", G_CALLBACK (progress_cb), &n_notifies);
  gk_importer_import_async (importer, files, NULL, import_done_cb, &outcomes);
  g_assert_true (gk_importer_get_busy (importer));
  while (outcomes == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (gk_importer_get_busy (importer));
  g_assert_cmpuint (outcomes->len, ==, 5);
  g_assert_cmpuint (gk_importer_get_n_done (importer), ==, 5);
  g_assert_cmpuint (gk_importer_get_n_total (importer), ==, 5);
  g_assert_cmpfloat (gk_importer_get_fraction (importer), ==, 1.0);
  g_assert_cmpuint (n_notifies, >, 0);
  g_ptr_array_unref (outcomes);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/library/import-seeds", Fixture, NULL, fixture_set_up, test_import_seeds, fixture_tear_down);
  g_test_add ("/library/duplicates", Fixture, NULL, fixture_set_up, test_duplicates, fixture_tear_down);
  g_test_add ("/library/agency-groups-years", Fixture, NULL, fixture_set_up, test_agency_groups_years, fixture_tear_down);
  g_test_add ("/library/correct-and-merge", Fixture, NULL, fixture_set_up, test_correct_and_merge, fixture_tear_down);
  g_test_add ("/library/failures", Fixture, NULL, fixture_set_up, test_failures_do_not_disturb, fixture_tear_down);
  g_test_add ("/library/remove", Fixture, NULL, fixture_set_up, test_remove, fixture_tear_down);
  g_test_add ("/library/async", Fixture, NULL, fixture_set_up, test_async, fixture_tear_down);

  return g_test_run ();
}
