/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The findings page: every failed finding of a library, its filters (rule,
 * errors only, undismissed only), its count, and opening a finding.  The
 * library holds the seeds and a 2019 report of 门头沟 whose carry-over
 * does not match 2020's, so that findings across reports are among them.
 * Skips when there is no display. */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "gk-core.h"
#include "gk-findings-view.h"
#include "gk-finding-item.h"
#include "gk-report-view.h"

static gboolean have_display;

typedef struct
{
  char      *dir;
  GkStore   *store;
  GkLibrary *library;
  GtkWidget *window;
  GtkWidget *view;
} Fixture;

static void
wait_for_checks (GkLibrary *library)
{
  while (gk_library_is_checking (library))
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_for_view (GkFindingsView *view)
{
  while (gk_findings_view_is_loading (view))
    g_main_context_iteration (NULL, TRUE);
}

static GFile *
write_2019 (const char *dir)
{
  g_autofree char *seed = g_test_build_filename (G_TEST_DIST, "data", "seeds", "002_7c3adba71c2c08c1.txt", NULL);
  g_autofree char *path = g_build_filename (dir, "mentougou-2019.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) s = NULL;

  g_assert_true (g_file_get_contents (seed, &text, NULL, NULL));
  s = g_string_new (text);
  g_assert_cmpuint (g_string_replace (s, "2020 年政府", "2019 年政府", 1), ==, 1);
  g_assert_cmpuint (g_string_replace (s, "四、结转下年度继续办理\t\t8\t0\t0\t0\t0\t0\t8\t",
                                      "四、结转下年度继续办理\t\t5\t0\t0\t0\t0\t0\t5\t", 1), ==, 1);
  g_assert_true (g_file_set_contents (path, s->str, -1, NULL));
  return g_file_new_for_path (path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *seeds = g_test_build_filename (G_TEST_DIST, "data", "seeds", NULL);
  g_autoptr(GkImporter) importer = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) outcomes = NULL;

  if (!have_display)
    return;

  fixture->dir = g_dir_make_tmp ("gongkai-findings-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->store = gk_store_open (path, &error);
  g_assert_no_error (error);
  fixture->library = gk_library_new (fixture->store);

  importer = gk_importer_new (fixture->store);
  g_ptr_array_add (files, g_file_new_for_path (seeds));
  g_ptr_array_add (files, write_2019 (fixture->dir));
  outcomes = gk_importer_import_sync (importer, files, NULL);
  g_assert_cmpuint (outcomes->len, ==, 6);
  gk_library_add_outcomes (fixture->library, outcomes);
  wait_for_checks (fixture->library);

  fixture->view = gk_findings_view_new (fixture->library);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 600);
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->view);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gk_findings_view_reload (GK_FINDINGS_VIEW (fixture->view));
  wait_for_view (GK_FINDINGS_VIEW (fixture->view));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (!have_display)
    return;

  g_clear_pointer ((GtkWindow **) &fixture->window, gtk_window_destroy);
  wait_for_checks (fixture->library);
  g_clear_object (&fixture->library);
  g_clear_object (&fixture->store);
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (fixture->dir, name, NULL);
        g_unlink (child);
      }
  }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

#define SKIP_WITHOUT_DISPLAY()                 \
  G_STMT_START {                               \
    if (!have_display)                         \
      {                                        \
        g_test_skip ("no display to open");    \
        return;                                \
      }                                        \
  } G_STMT_END

/* What the store says, counted independently of the view. */
static guint
count_rows (GkStore    *store,
            const char *rule,
            gboolean    errors_only)
{
  g_autoptr(GPtrArray) rows = gk_store_list_findings (store, NULL);
  guint n = 0;

  g_assert_nonnull (rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GkStoreFinding *row = g_ptr_array_index (rows, i);

      if ((rule == NULL || strcmp (row->rule, rule) == 0)
          && (!errors_only || row->severity == GK_SEVERITY_ERROR))
        n++;
    }
  return n;
}

static void
assert_all_rule (GkFindingsView *view,
                 const char     *rule)
{
  GListModel *model = gk_findings_view_get_model (view);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GkFindingItem) item = g_list_model_get_item (model, i);
      g_assert_cmpstr (gk_finding_item_get (item)->rule, ==, rule);
    }
}

static void
test_filter_by_rule (Fixture       *fixture,
                     gconstpointer  data)
{
  GkFindingsView *view;
  guint total, n_c1, n_errors;

  SKIP_WITHOUT_DISPLAY ();
  view = GK_FINDINGS_VIEW (fixture->view);

  total = count_rows (fixture->store, NULL, FALSE);
  n_c1 = count_rows (fixture->store, "C1", FALSE);
  n_errors = count_rows (fixture->store, NULL, TRUE);
  /* The fixture has findings across reports and others. */
  g_assert_cmpuint (n_c1, >=, 2);
  g_assert_cmpuint (total, >, n_c1);

  g_assert_cmpuint (gk_findings_view_get_n_total (view), ==, total);
  g_assert_cmpuint (gk_findings_view_get_n_shown (view), ==, total);

  gk_findings_view_set_rule (view, "C1");
  g_assert_cmpuint (gk_findings_view_get_n_shown (view), ==, n_c1);
  g_assert_cmpuint (g_list_model_get_n_items (gk_findings_view_get_model (view)), ==, n_c1);
  assert_all_rule (view, "C1");

  /* A rule no finding has leaves the choice at "All Rules". */
  gk_findings_view_set_rule (view, "Z9");
  g_assert_cmpuint (gk_findings_view_get_n_shown (view), ==, total);

  gk_findings_view_set_errors_only (view, TRUE);
  g_assert_cmpuint (gk_findings_view_get_n_shown (view), ==, n_errors);
  gk_findings_view_set_rule (view, "C1");
  /* Findings across reports are warnings. */
  g_assert_cmpuint (gk_findings_view_get_n_shown (view), ==, 0);
  gk_findings_view_set_errors_only (view, FALSE);
  g_assert_cmpuint (gk_findings_view_get_n_shown (view), ==, n_c1);
}

static void
activated_cb (GkFindingsView *view,
              gint64          report_id,
              const char     *finding_id,
              char          **out)
{
  *out = g_strdup_printf ("%" G_GINT64_FORMAT " %s", report_id, finding_id);
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Dismissing a finding hides it from "undismissed only"; activating a
 * row names its report and finding. */
static void
test_dismiss_and_activate (Fixture       *fixture,
                           gconstpointer  data)
{
  GkFindingsView *view;
  g_autoptr(GkFindingItem) item = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *activated = NULL;
  g_autofree char *expected = NULL;
  const GkStoreFinding *row;
  GkReport *report;
  GListModel *findings;
  gboolean dismissed = FALSE;
  guint total;

  SKIP_WITHOUT_DISPLAY ();
  view = GK_FINDINGS_VIEW (fixture->view);
  total = gk_findings_view_get_n_total (view);

  gk_findings_view_set_rule (view, "C1");
  item = g_list_model_get_item (gk_findings_view_get_model (view), 0);
  g_assert_nonnull (item);
  row = gk_finding_item_get (item);

  g_signal_connect (view, "finding-activated", G_CALLBACK (activated_cb), &activated);
  gk_findings_view_activate (view, 0);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " %s", row->report_id, row->finding_id);
  g_assert_cmpstr (activated, ==, expected);

  /* Dismiss it as the report view would. */
  report = gk_library_find_report (fixture->library, row->report_id);
  g_assert_nonnull (report);
  gk_library_load_contents_async (fixture->library, report, NULL, load_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gk_library_load_contents_finish (fixture->library, result, NULL));
  findings = gk_report_get_findings (report);
  for (guint i = 0; i < g_list_model_get_n_items (findings) && !dismissed; i++)
    {
      g_autoptr(GkFinding) finding = g_list_model_get_item (findings, i);
      g_autofree char *id = gk_finding_dup_id (finding);

      if (strcmp (id, row->finding_id) == 0)
        dismissed = gk_library_set_verdict (fixture->library, report, finding, GK_VERDICT_DISMISSED, NULL, NULL);
    }
  g_assert_true (dismissed);
  g_clear_object (&item);

  /* The view reads the findings again by itself after the change. */
  while (TRUE)
    {
      GListModel *model = gk_findings_view_get_model (view);
      gboolean seen = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (model) && !seen; i++)
        {
          g_autoptr(GkFindingItem) any = g_list_model_get_item (model, i);
          seen = gk_finding_item_get (any)->verdict == GK_VERDICT_DISMISSED;
        }
      if (seen && !gk_findings_view_is_loading (view))
        break;
      g_main_context_iteration (NULL, TRUE);
    }

  gk_findings_view_set_rule (view, NULL);
  g_assert_cmpuint (gk_findings_view_get_n_shown (view), ==, total);
  gk_findings_view_set_undismissed_only (view, TRUE);
  g_assert_cmpuint (gk_findings_view_get_n_shown (view), ==, total - 1);
}

/* The first widget under @widget of @type for which @match says yes. */
static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type,
             gboolean (*match) (GtkWidget *, gconstpointer),
             gconstpointer data)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, match, data);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
subtitle_has (GtkWidget     *row,
              gconstpointer  text)
{
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  return subtitle != NULL && strstr (subtitle, text) != NULL;
}

static gboolean
label_is (GtkWidget     *button,
          gconstpointer  text)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), text) == 0;
}

/* A widget the view would show: it and its parents up to the view's
 * window are visible (the window itself is never presented here). */
static gboolean
shown_button_is (GtkWidget     *button,
                 gconstpointer  text)
{
  if (!label_is (button, text))
    return FALSE;
  for (GtkWidget *w = button; w != NULL && !GTK_IS_WINDOW (w); w = gtk_widget_get_parent (w))
    if (!gtk_widget_get_visible (w))
      return FALSE;
  return TRUE;
}

static GkReport *
open_report (Fixture *fixture,
             int      year,
             gboolean active)
{
  GkAgency *agency = gk_library_find_agency (fixture->library, "北京市门头沟区政府");
  g_autoptr(GAsyncResult) result = NULL;

  for (guint i = 0; i < gk_agency_get_n_reports (agency); i++)
    {
      g_autoptr(GkReport) report = g_list_model_get_item (G_LIST_MODEL (agency), i);

      if (gk_report_get_year (report) != year || gk_store_report_is_active (report) != active)
        continue;
      gk_library_load_contents_async (fixture->library, report, NULL, load_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (gk_library_load_contents_finish (fixture->library, result, NULL));
      return report;
    }
  g_assert_not_reached ();
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
      n += g_strcmp0 (gk_finding_get_rule (finding), rule) == 0;
    }
  return n;
}

static void
use_version_cb (GkReportView *view,
                Fixture      *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gk_library_set_active_version (fixture->library, gk_report_view_get_report (view), &error));
  g_assert_no_error (error);
}

/* The report view shows a finding across reports with the other report's
 * agency, year and value beside this one's, and settles a version
 * conflict from the D1 finding. */
static void
test_report_view_cross (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *view, *row, *button;
  GkReport *report, *second;
  g_autoptr(GkFinding) c1 = NULL;
  g_autofree char *c1_id = NULL;
  GListModel *findings;

  SKIP_WITHOUT_DISPLAY ();

  report = open_report (fixture, 2020, TRUE);
  view = gk_report_view_new ();
  gk_report_view_set_library (GK_REPORT_VIEW (view), fixture->library);
  gtk_window_set_child (GTK_WINDOW (fixture->window), view);
  gk_report_view_set_report (GK_REPORT_VIEW (view), report);

  /* 自然人 carried into 2020: 4; carried out of 2019: 5. */
  row = find_widget (view, ADW_TYPE_ACTION_ROW, subtitle_has, "This report: 4 · 北京市门头沟区政府 2019: 5");
  g_assert_nonnull (row);
  g_assert_null (find_widget (view, GTK_TYPE_BUTTON, shown_button_is, "_Use This Version"));

  findings = gk_report_get_findings (report);
  for (guint i = 0; i < g_list_model_get_n_items (findings) && c1 == NULL; i++)
    {
      g_autoptr(GkFinding) finding = g_list_model_get_item (findings, i);
      if (g_strcmp0 (gk_finding_get_rule (finding), "C1") == 0)
        c1 = g_object_ref (finding);
    }
  g_assert_nonnull (c1);
  c1_id = gk_finding_dup_id (c1);
  g_assert_true (gk_report_view_select_finding_id (GK_REPORT_VIEW (view), c1_id));
  g_assert_false (gk_report_view_select_finding_id (GK_REPORT_VIEW (view), "C1:nothing"));

  /* Another version of 2020 with other numbers: D1 on both. */
  {
    g_autofree char *seed = g_test_build_filename (G_TEST_DIST, "data", "seeds", "002_7c3adba71c2c08c1.txt", NULL);
    g_autofree char *path = g_build_filename (fixture->dir, "mentougou-2020-v2.txt", NULL);
    g_autofree char *text = NULL;
    g_autoptr(GString) s = NULL;
    g_autoptr(GkImporter) importer = gk_importer_new (fixture->store);
    g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GPtrArray) outcomes = NULL;

    g_assert_true (g_file_get_contents (seed, &text, NULL, NULL));
    s = g_string_new (text);
    g_assert_cmpuint (g_string_replace (s, "四、结转下年度继续办理\t\t8\t0\t0\t0\t0\t0\t8\t",
                                        "四、结转下年度继续办理\t\t9\t0\t0\t0\t0\t0\t9\t", 1), ==, 1);
    g_assert_true (g_file_set_contents (path, s->str, -1, NULL));
    g_ptr_array_add (files, g_file_new_for_path (path));
    outcomes = gk_importer_import_sync (importer, files, NULL);
    gk_library_add_outcomes (fixture->library, outcomes);
    wait_for_checks (fixture->library);
  }
  second = open_report (fixture, 2020, FALSE);
  g_assert_cmpuint (count_rule (second, "D1"), ==, 1);
  g_assert_cmpuint (count_rule (report, "D1"), ==, 1);

  gk_report_view_set_report (GK_REPORT_VIEW (view), second);
  g_signal_connect (view, "use-version-requested", G_CALLBACK (use_version_cb), fixture);
  button = find_widget (view, GTK_TYPE_BUTTON, shown_button_is, "_Use This Version");
  g_assert_nonnull (button);
  /* In the report's details, naming the other version. */
  row = gtk_widget_get_ancestor (button, ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "北京市门头沟区政府 2020"));
  g_assert_null (g_object_get_data (G_OBJECT (row), "gk-finding"));
  g_signal_emit_by_name (button, "clicked");
  wait_for_checks (fixture->library);

  g_assert_true (gk_store_report_is_active (second));
  g_assert_cmpuint (count_rule (second, "D1"), ==, 0);
  g_assert_cmpuint (count_rule (report, "D1"), ==, 0);
  g_assert_null (find_widget (view, GTK_TYPE_BUTTON, shown_button_is, "_Use This Version"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();

  g_test_add ("/findings-view/filter-by-rule", Fixture, NULL, fixture_set_up, test_filter_by_rule, fixture_tear_down);
  g_test_add ("/findings-view/report-view-cross", Fixture, NULL, fixture_set_up, test_report_view_cross, fixture_tear_down);
  g_test_add ("/findings-view/dismiss-and-activate", Fixture, NULL, fixture_set_up, test_dismiss_and_activate, fixture_tear_down);

  return g_test_run ();
}
