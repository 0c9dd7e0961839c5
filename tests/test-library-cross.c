/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The library's findings across reports (C1–C3, D1, D2): kept in the
 * store, re-checked when the agency's reports change, counted in the
 * summaries, listed with every other finding without loading tables, and
 * the user's verdicts on them kept. */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "gk-core.h"

#define AGENCY "北京市门头沟区政府"
#define SEED_002 "002_7c3adba71c2c08c1.txt"  /* 门头沟 2020 */

typedef struct
{
  char      *dir;
  char      *path;
  GkStore   *store;
  GkLibrary *library;
  guint      n_changed;  /* findings-changed emissions */
} Fixture;

static void
findings_changed_cb (GkLibrary  *library,
                     const char *agency,
                     Fixture    *fixture)
{
  fixture->n_changed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("gongkai-cross-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->store = gk_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->library = gk_library_new (fixture->store);
  g_signal_connect (fixture->library, "findings-changed", G_CALLBACK (findings_changed_cb), fixture);
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
wait_for_checks (GkLibrary *library)
{
  while (gk_library_is_checking (library))
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  wait_for_checks (fixture->library);
  g_clear_object (&fixture->library);
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Seed 002 with its title's year set to @year and, when given, its row
 * 四、结转下年度继续办理 replaced by @carried_out, written to @name. */
static GFile *
write_variant (Fixture    *fixture,
               const char *name,
               int         year,
               const char *carried_out)
{
  g_autofree char *seed = g_test_build_filename (G_TEST_DIST, "data", "seeds", SEED_002, NULL);
  g_autofree char *text = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *title = g_strdup_printf ("%d 年政府", year);
  g_autoptr(GString) s = NULL;

  g_assert_true (g_file_get_contents (seed, &text, NULL, NULL));
  s = g_string_new (text);
  g_assert_cmpuint (g_string_replace (s, "2020 年政府", title, 1), ==, 1);
  if (carried_out != NULL)
    {
      g_autofree char *row = g_strdup_printf ("四、结转下年度继续办理\t\t%s\t", carried_out);
      g_assert_cmpuint (g_string_replace (s, "四、结转下年度继续办理\t\t8\t0\t0\t0\t0\t0\t8\t", row, 1), ==, 1);
    }
  g_assert_true (g_file_set_contents (path, s->str, -1, NULL));
  return g_file_new_for_path (path);
}

static void
import_files (Fixture *fixture,
              GFile   *first,
              ...)
{
  g_autoptr(GkImporter) importer = gk_importer_new (fixture->store);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) outcomes = NULL;
  va_list args;

  va_start (args, first);
  for (GFile *file = first; file != NULL; file = va_arg (args, GFile *))
    g_ptr_array_add (files, file);
  va_end (args);

  outcomes = gk_importer_import_sync (importer, files, NULL);
  for (guint i = 0; i < outcomes->len; i++)
    {
      GkImportStatus status = gk_import_outcome_get_status (g_ptr_array_index (outcomes, i));
      g_assert_true (status == GK_IMPORT_ADDED || status == GK_IMPORT_NEW_VERSION);
    }
  gk_library_add_outcomes (fixture->library, outcomes);
  wait_for_checks (fixture->library);
}

/* The report of @year of the test agency in @library; (transfer full). */
static GkReport *
report_of (GkLibrary *library,
           int        year,
           gboolean   active)
{
  GkAgency *agency = gk_library_find_agency (library, AGENCY);

  g_assert_nonnull (agency);
  for (guint i = 0; i < gk_agency_get_n_reports (agency); i++)
    {
      GkReport *report = g_list_model_get_item (G_LIST_MODEL (agency), i);

      if (gk_report_get_year (report) == year && gk_store_report_is_active (report) == active)
        return report;
      g_object_unref (report);
    }
  g_error ("no %s report of %d", active ? "active" : "inactive", year);
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
load_contents (GkLibrary *library,
               GkReport  *report)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  gk_library_load_contents_async (library, report, NULL, load_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gk_library_load_contents_finish (library, result, &error));
  g_assert_no_error (error);
}

/* The first finding of @rule on @report (with contents); (transfer full). */
static GkFinding *
find_rule (GkReport   *report,
           const char *rule)
{
  GListModel *findings = gk_report_get_findings (report);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      GkFinding *finding = g_list_model_get_item (findings, i);

      if (g_strcmp0 (gk_finding_get_rule (finding), rule) == 0)
        return finding;
      g_object_unref (finding);
    }
  return NULL;
}

static guint
count_rule (GkReport   *report,
            const char *rule)
{
  GListModel *findings = gk_report_get_findings (report);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(GkFinding) finding = g_list_model_get_item (findings, i);

      if (g_strcmp0 (gk_finding_get_rule (finding), rule) == 0)
        n++;
    }
  return n;
}

static GPtrArray *
list_findings (GkLibrary *library)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  gk_library_list_findings_async (library, NULL, load_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  rows = gk_library_list_findings_finish (library, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

/* The row of @report's finding @finding_id among @rows, or NULL. */
static GkStoreFinding *
find_row (GPtrArray  *rows,
          GkReport   *report,
          const char *finding_id)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GkStoreFinding *row = g_ptr_array_index (rows, i);

      if (row->report_id == gk_store_report_id (report) && strcmp (row->finding_id, finding_id) == 0)
        return row;
    }
  return NULL;
}

static guint
count_rows (GPtrArray  *rows,
            const char *rule)
{
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    if (strcmp (((GkStoreFinding *) g_ptr_array_index (rows, i))->rule, rule) == 0)
      n++;
  return n;
}

/* 2019 carried 5 cases into 2020, which says it received 4: C1 on both. */
static void
import_broken_pair (Fixture *fixture)
{
  import_files (fixture,
                write_variant (fixture, "mentougou-2019.txt", 2019, "5\t0\t0\t0\t0\t0\t5"),
                write_variant (fixture, "mentougou-2020.txt", 2020, NULL),
                NULL);
}

static void
test_c1_in_library (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GkReport) prev = NULL;
  g_autoptr(GkReport) cur = NULL;
  g_autoptr(GkFinding) on_cur = NULL;
  g_autoptr(GkFinding) on_prev = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *cur_id = NULL;
  GkStoreFinding *row;
  guint warnings;

  import_broken_pair (fixture);
  g_assert_cmpuint (fixture->n_changed, >, 0);

  prev = report_of (fixture->library, 2019, TRUE);
  cur = report_of (fixture->library, 2020, TRUE);

  /* The summary, without the tables, counts the findings across reports. */
  warnings = gk_report_get_summary (cur)->n_warnings;
  load_contents (fixture->library, cur);
  load_contents (fixture->library, prev);
  g_assert_cmpuint (count_rule (cur, "C1"), >, 0);
  g_assert_cmpuint (gk_report_count_findings (cur, GK_FINDING_FAILED, GK_SEVERITY_WARNING), ==, warnings);

  on_cur = find_rule (cur, "C1");
  on_prev = find_rule (prev, "C1");
  g_assert_nonnull (on_cur);
  g_assert_nonnull (on_prev);
  g_assert_cmpstr (gk_finding_get_other_report (on_cur), ==, gk_report_get_sha256 (prev));
  g_assert_cmpstr (gk_finding_get_other_report (on_prev), ==, gk_report_get_sha256 (cur));

  /* The findings query lists them, with agency and year, cells unread. */
  rows = list_findings (fixture->library);
  cur_id = gk_finding_dup_id (on_cur);
  row = find_row (rows, cur, cur_id);
  g_assert_nonnull (row);
  g_assert_cmpstr (row->agency, ==, AGENCY);
  g_assert_cmpint (row->year, ==, 2020);
  g_assert_cmpstr (row->rule, ==, "C1");
  g_assert_cmpint (row->severity, ==, GK_SEVERITY_WARNING);
  g_assert_cmpstr (row->message, ==, gk_finding_get_message (on_cur));
  g_assert_cmpint (row->verdict, ==, GK_VERDICT_NONE);
  g_assert_cmpuint (count_rows (rows, "C1"), ==, count_rule (cur, "C1") + count_rule (prev, "C1"));
  /* Every row is a failed finding of one of the two reports. */
  {
    guint n_failed = gk_report_count_findings (cur, GK_FINDING_FAILED, -1)
                     + gk_report_count_findings (prev, GK_FINDING_FAILED, -1);
    g_assert_cmpuint (rows->len, ==, n_failed);
  }

  /* Dismissed, it stays dismissed after reopening and a re-check. */
  g_assert_true (gk_library_set_verdict (fixture->library, cur, on_cur, GK_VERDICT_DISMISSED, "a correction", NULL));
  {
    g_autoptr(GkStore) store = NULL;
    g_autoptr(GkLibrary) reopened = NULL;
    g_autoptr(GkReport) again = NULL;
    g_autoptr(GkFinding) finding = NULL;
    g_autoptr(GPtrArray) rows2 = NULL;
    g_autoptr(GError) error = NULL;

    g_clear_object (&fixture->library);
    g_clear_object (&fixture->store);
    store = gk_store_open (fixture->path, &error);
    g_assert_no_error (error);
    reopened = gk_library_new (store);
    g_assert_true (gk_library_load (reopened, &error));
    g_assert_no_error (error);
    /* Nothing was left to check. */
    g_assert_false (gk_library_is_checking (reopened));

    again = report_of (reopened, 2020, TRUE);
    g_assert_cmpuint (gk_report_get_summary (again)->n_warnings, ==, warnings);
    gk_library_check_agency (reopened, AGENCY);
    wait_for_checks (reopened);
    load_contents (reopened, again);
    finding = find_rule (again, "C1");
    g_assert_nonnull (finding);
    g_assert_cmpint (gk_finding_get_verdict (finding), ==, GK_VERDICT_DISMISSED);
    g_assert_cmpstr (gk_finding_get_note (finding), ==, "a correction");

    rows2 = list_findings (reopened);
    row = find_row (rows2, again, cur_id);
    g_assert_nonnull (row);
    g_assert_cmpint (row->verdict, ==, GK_VERDICT_DISMISSED);

    fixture->store = g_steal_pointer (&store);
    fixture->library = g_steal_pointer (&reopened);
  }
}

static void
test_correct_and_remove (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GkReport) prev = NULL;
  g_autoptr(GkReport) cur = NULL;
  g_autoptr(GkFinding) on_cur = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint changed, prev_warnings;

  import_broken_pair (fixture);
  prev = report_of (fixture->library, 2019, TRUE);
  cur = report_of (fixture->library, 2020, TRUE);
  load_contents (fixture->library, cur);
  on_cur = find_rule (cur, "C1");
  g_assert_nonnull (on_cur);
  g_assert_true (gk_library_set_verdict (fixture->library, cur, on_cur, GK_VERDICT_DISMISSED, NULL, NULL));
  prev_warnings = gk_report_get_summary (prev)->n_warnings;
  g_assert_false (gk_report_has_contents (prev));

  /* 2017 and 2020 are not consecutive: no C1 any more, on the loaded
   * report (the view's list changes) as in its summary. */
  changed = fixture->n_changed;
  g_assert_true (gk_library_correct_year (fixture->library, prev, 2017, &error));
  g_assert_no_error (error);
  wait_for_checks (fixture->library);
  g_assert_cmpuint (fixture->n_changed, >, changed);
  g_assert_cmpuint (count_rule (cur, "C1"), ==, 0);
  g_assert_cmpuint (gk_report_get_summary (prev)->n_warnings, <, prev_warnings);
  rows = list_findings (fixture->library);
  g_assert_cmpuint (count_rows (rows, "C1"), ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Back to 2019: C1 again, still dismissed. */
  g_assert_true (gk_library_correct_year (fixture->library, prev, 2019, &error));
  g_assert_no_error (error);
  wait_for_checks (fixture->library);
  g_clear_object (&on_cur);
  on_cur = find_rule (cur, "C1");
  g_assert_nonnull (on_cur);
  g_assert_cmpint (gk_finding_get_verdict (on_cur), ==, GK_VERDICT_DISMISSED);

  /* Parsed again, 2019 keeps its corrected year and C1 its verdict. */
  changed = fixture->n_changed;
  g_assert_true (gk_library_reparse (fixture->library, prev, gk_parse_bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gk_report_get_year (prev), ==, 2019);
  wait_for_checks (fixture->library);
  g_assert_cmpuint (fixture->n_changed, >, changed);
  g_clear_object (&on_cur);
  on_cur = find_rule (cur, "C1");
  g_assert_nonnull (on_cur);
  g_assert_cmpint (gk_finding_get_verdict (on_cur), ==, GK_VERDICT_DISMISSED);

  /* Removing 2019 takes every finding across reports with it. */
  g_assert_true (gk_library_remove_report (fixture->library, prev, &error));
  g_assert_no_error (error);
  wait_for_checks (fixture->library);
  g_assert_cmpuint (count_rule (cur, "C1"), ==, 0);
  g_assert_cmpuint (count_rule (cur, "D2"), ==, 0);
  rows = list_findings (fixture->library);
  g_assert_cmpuint (count_rows (rows, "C1"), ==, 0);
  g_assert_cmpuint (count_rows (rows, "D2"), ==, 0);
}

/* Two versions of 2020 with different numbers: D1, until the user says
 * which one counts. */
static void
test_version_conflict (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GkReport) first = NULL;
  g_autoptr(GkReport) second = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  import_files (fixture, write_variant (fixture, "mentougou-2020.txt", 2020, NULL), NULL);
  import_files (fixture, write_variant (fixture, "mentougou-2020-v2.txt", 2020, "9\t0\t0\t0\t0\t0\t9"), NULL);

  first = report_of (fixture->library, 2020, TRUE);
  second = report_of (fixture->library, 2020, FALSE);
  load_contents (fixture->library, first);
  load_contents (fixture->library, second);
  g_assert_cmpuint (count_rule (first, "D1"), ==, 1);
  g_assert_cmpuint (count_rule (second, "D1"), ==, 1);

  g_assert_true (gk_library_set_active_version (fixture->library, second, &error));
  g_assert_no_error (error);
  g_assert_true (gk_store_report_is_active (second));
  g_assert_false (gk_store_report_is_active (first));
  wait_for_checks (fixture->library);
  g_assert_cmpuint (count_rule (first, "D1"), ==, 0);
  g_assert_cmpuint (count_rule (second, "D1"), ==, 0);
  rows = list_findings (fixture->library);
  g_assert_cmpuint (count_rows (rows, "D1"), ==, 0);
}

/* A library made before the checks across reports gets them at opening. */
static void
test_pending_at_opening (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GkStore) store = NULL;
  g_autoptr(GkLibrary) reopened = NULL;
  g_autoptr(GkReport) cur = NULL;
  g_autoptr(GError) error = NULL;

  import_broken_pair (fixture);
  {
    const char * const agencies[] = { AGENCY, NULL };
    g_assert_true (gk_store_add_cross_pending (fixture->store, agencies, &error));
  }
  g_assert_no_error (error);

  g_clear_object (&fixture->library);
  g_clear_object (&fixture->store);
  store = gk_store_open (fixture->path, &error);
  g_assert_no_error (error);
  reopened = gk_library_new (store);
  g_assert_true (gk_library_load (reopened, &error));
  g_assert_true (gk_library_is_checking (reopened));
  wait_for_checks (reopened);
  {
    g_auto(GStrv) pending = gk_store_dup_cross_pending (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (pending), ==, 0);
  }
  cur = report_of (reopened, 2020, TRUE);
  load_contents (reopened, cur);
  g_assert_cmpuint (count_rule (cur, "C1"), >, 0);

  fixture->store = g_steal_pointer (&store);
  fixture->library = g_steal_pointer (&reopened);
}

/* An agency with one report has nothing to compare: it is settled
 * without its tables being read, and no findings-changed is emitted;
 * one with two reports, or with findings across reports left over, is
 * compared as before. */
static void
test_lone_agency (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char * const agencies[] = { AGENCY, NULL };
  gboolean settled = TRUE;
  guint n_changed;

  import_files (fixture, write_variant (fixture, "2020.txt", 2020, NULL), NULL);
  g_assert_true (gk_store_add_cross_pending (fixture->store, agencies, &error));
  g_assert_no_error (error);
  g_assert_true (gk_store_settle_lone_agency (fixture->store, AGENCY, &settled, &error));
  g_assert_no_error (error);
  g_assert_true (settled);
  {
    g_auto(GStrv) pending = gk_store_dup_cross_pending (fixture->store, &error);
    g_assert_cmpuint (g_strv_length (pending), ==, 0);
  }

  /* Through the library: checked, and nothing changed to tell. */
  n_changed = fixture->n_changed;
  gk_library_check_agency (fixture->library, AGENCY);
  wait_for_checks (fixture->library);
  g_assert_cmpuint (fixture->n_changed, ==, n_changed);

  /* Two reports with a broken carry-over: not settled; C1 found. */
  import_files (fixture, write_variant (fixture, "2019.txt", 2019, "5\t0\t0\t0\t0\t0\t5"), NULL);
  g_assert_true (gk_store_settle_lone_agency (fixture->store, AGENCY, &settled, &error));
  g_assert_false (settled);
  {
    g_autoptr(GkReport) cur = report_of (fixture->library, 2020, TRUE);
    load_contents (fixture->library, cur);
    g_assert_cmpuint (count_rule (cur, "C1"), >, 0);
  }

  /* The 2019 report removed: the one left still holds its C1 until the
   * check that follows the removal, which is not a lone settling. */
  {
    g_autoptr(GkReport) old = report_of (fixture->library, 2019, TRUE);
    g_autoptr(GkReport) cur = NULL;

    g_assert_true (gk_library_remove_report (fixture->library, old, &error));
    g_assert_no_error (error);
    wait_for_checks (fixture->library);
    cur = report_of (fixture->library, 2020, TRUE);
    load_contents (fixture->library, cur);
    g_assert_cmpuint (count_rule (cur, "C1"), ==, 0);
  }
}

/* A library of schema 3, before the checks across reports: opening it
 * migrates it and compares the reports of every agency. */
static void
test_migration (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GkStore) store = NULL;
  g_autoptr(GkLibrary) reopened = NULL;
  g_autoptr(GkReport) cur = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  import_broken_pair (fixture);
  g_clear_object (&fixture->library);
  g_clear_object (&fixture->store);

  /* Back to what version 3 wrote. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "DROP INDEX reports_without_summary;"
                                 "DROP TABLE cross_findings; DROP TABLE cross_pending;"
                                 "ALTER TABLE reports DROP COLUMN chosen;"
                                 "PRAGMA user_version = 3;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = gk_store_open (fixture->path, &error);
  g_assert_no_error (error);
  reopened = gk_library_new (store);
  g_assert_true (gk_library_load (reopened, &error));
  g_assert_no_error (error);
  g_assert_true (gk_library_is_checking (reopened));
  wait_for_checks (reopened);

  cur = report_of (reopened, 2020, TRUE);
  g_assert_cmpuint (gk_report_get_summary (cur)->n_warnings, >, 0);
  load_contents (reopened, cur);
  g_assert_cmpuint (count_rule (cur, "C1"), >, 0);

  fixture->store = g_steal_pointer (&store);
  fixture->library = g_steal_pointer (&reopened);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/library-cross/c1", Fixture, NULL, fixture_set_up, test_c1_in_library, fixture_tear_down);
  g_test_add ("/library-cross/correct-and-remove", Fixture, NULL, fixture_set_up, test_correct_and_remove, fixture_tear_down);
  g_test_add ("/library-cross/version-conflict", Fixture, NULL, fixture_set_up, test_version_conflict, fixture_tear_down);
  g_test_add ("/library-cross/pending-at-opening", Fixture, NULL, fixture_set_up, test_pending_at_opening, fixture_tear_down);

  g_test_add ("/library-cross/lone-agency", Fixture, NULL, fixture_set_up, test_lone_agency, fixture_tear_down);
  g_test_add ("/library-cross/migration", Fixture, NULL, fixture_set_up, test_migration, fixture_tear_down);

  return g_test_run ();
}
