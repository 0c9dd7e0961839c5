/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-comparison-view.c: the Compare page over the seeds: the rows of a
 * year, indicator cells checked by hand against the seed's table, sorting
 * by a rate with the rows without one last, and "—" where a rate divides
 * by 0.  Every test skips when there is no display. */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "gk-comparison-view.h"
#include "gk-trend-chart.h"
#include "gk-trends-view.h"

static gboolean have_display;

typedef struct
{
  char      *dir;
  GkStore   *store;
  GkLibrary *library;
  GtkWidget *window;
  GtkWidget *view;
} Fixture;

/* A copy of a seed with its agency (and maybe year) and a cell changed. */
static char *
write_variant (const char *dir,
               const char *seed,
               const char *name,
               const char *from,
               const char *to,
               const char *from2,
               const char *to2)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "seeds", seed, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) variant = NULL;
  char *out = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  variant = g_string_new (text);
  g_assert_cmpuint (g_string_replace (variant, from, to, 1), ==, 1);
  g_assert_cmpuint (g_string_replace (variant, from2, to2, 1), ==, 1);
  g_assert_true (g_file_set_contents (out, variant->str, -1, NULL));
  return out;
}

static void
import_files (Fixture   *fixture,
              GPtrArray *files)
{
  g_autoptr(GkImporter) importer = gk_importer_new (fixture->store);
  g_autoptr(GPtrArray) outcomes = gk_importer_import_sync (importer, files, NULL);

  gk_library_add_outcomes (fixture->library, outcomes);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (!have_display)
    return;

  fixture->dir = g_dir_make_tmp ("gongkai-compare-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->store = gk_store_open (path, &error);
  g_assert_no_error (error);
  fixture->library = gk_library_new (fixture->store);

  /* Built before the import: it follows the library. */
  fixture->view = gk_comparison_view_new (fixture->library);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 600);
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->view);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!have_display)
    return;

  g_clear_pointer ((GtkWindow **) &fixture->window, gtk_window_destroy);
  g_clear_object (&fixture->library);
  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static void
spin (void)
{
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

static const char *
visible_page (GtkWidget *view)
{
  /* The toolbar, then the stack of the table and the empty state. */
  return gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_last_child (view)));
}

static GkReport *
row_of (GkComparisonView *view,
        const char       *agency)
{
  GListModel *rows = gk_comparison_view_get_rows (view);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GkReport) report = g_list_model_get_item (rows, i);
      g_autofree char *name = gk_comparison_view_dup_cell_text (view, report, GK_COMPARISON_AGENCY, NULL);

      if (g_strcmp0 (name, agency) == 0)
        return report;
    }
  g_error ("no row of %s", agency);
  return NULL;
}

static char *
cell (GkComparisonView   *view,
      const char         *agency,
      GkComparisonColumn  column,
      char              **tooltip)
{
  return gk_comparison_view_dup_cell_text (view, row_of (view, agency), column, tooltip);
}

static char *
agency_at (GkComparisonView *view,
           guint             position)
{
  g_autoptr(GkReport) report = g_list_model_get_item (gk_comparison_view_get_rows (view), position);

  g_assert_nonnull (report);
  return gk_comparison_view_dup_cell_text (view, report, GK_COMPARISON_AGENCY, NULL);
}

static gboolean
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0
      && gtk_widget_get_mapped (widget))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (find_label (child, text))
      return TRUE;
  return FALSE;
}

static void
activated_cb (GkComparisonView *view,
              GkReport         *report,
              GkReport        **out)
{
  *out = report;
}

/* The five seeds: 2021 has three agencies, 2020 one, 2024 one. */
static void
test_seed_year (Fixture       *fixture,
                gconstpointer  data)
{
  GkComparisonView *view;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *seeds = g_test_build_filename (G_TEST_DIST, "data", "seeds", NULL);
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  GkReport *activated = NULL;

  if (!have_display)
    {
      g_test_skip ("no display to open");
      return;
    }
  view = GK_COMPARISON_VIEW (fixture->view);

  /* An empty library: the empty state. */
  spin ();
  g_assert_cmpstr (visible_page (fixture->view), ==, "empty");
  g_assert_cmpint (gk_comparison_view_get_year (view), ==, 0);

  g_ptr_array_add (files, g_file_new_for_path (seeds));
  import_files (fixture, files);
  spin ();

  /* The newest year first. */
  g_assert_cmpint (gk_comparison_view_get_year (view), ==, 2024);
  g_assert_cmpuint (g_list_model_get_n_items (gk_comparison_view_get_rows (view)), ==, 1);
  g_assert_cmpstr (visible_page (fixture->view), ==, "table");
  g_assert_false (gk_comparison_view_set_year (view, 1999));

  g_assert_true (gk_comparison_view_set_year (view, 2021));
  g_assert_cmpuint (g_list_model_get_n_items (gk_comparison_view_get_rows (view)), ==, 3);
  row_of (view, "北京市大兴区人民政府政府办公室");
  row_of (view, "西工区金谷园街道办事处");
  row_of (view, "北京市密云区科学技术委员会");

  /* Seed 000 received and answered nothing: the counts are a real 0, the
   * rates over them divide by 0 and have no value. */
  text = cell (view, "北京市大兴区人民政府政府办公室", GK_COMPARISON_NEW, NULL);
  g_assert_cmpstr (text, ==, "0");
  g_clear_pointer (&text, g_free);
  text = cell (view, "北京市大兴区人民政府政府办公室", GK_COMPARISON_DISCLOSED_RATE, &tooltip);
  g_assert_cmpstr (text, ==, "—");
  g_assert_nonnull (strstr (tooltip, "0 / 0"));
  g_assert_nonnull (strstr (tooltip, "no request was answered"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&tooltip, g_free);
  text = cell (view, "北京市大兴区人民政府政府办公室", GK_COMPARISON_REVIEW_CORRECTED_RATE, &tooltip);
  g_assert_cmpstr (text, ==, "—");
  g_assert_nonnull (strstr (tooltip, "no administrative review"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&tooltip, g_free);

  /* Seed 002, by hand from its table 3: 予以公开 89 + 部分公开 18 = 107
   * of （七）总计 212 is 50.47 %; 本年新收 216. */
  g_assert_true (gk_comparison_view_set_year (view, 2020));
  g_assert_cmpuint (g_list_model_get_n_items (gk_comparison_view_get_rows (view)), ==, 1);
  text = cell (view, "北京市门头沟区政府", GK_COMPARISON_DISCLOSED_RATE, &tooltip);
  g_assert_cmpstr (text, ==, "50.47%");
  g_assert_nonnull (strstr (tooltip, "107 / 212 = 50.47%"));
  g_assert_nonnull (strstr (tooltip, gk_indicator_get_denominator (GK_INDICATOR_DISCLOSED_RATE)));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&tooltip, g_free);
  text = cell (view, "北京市门头沟区政府", GK_COMPARISON_NEW, NULL);
  g_assert_cmpstr (text, ==, "216");
  g_clear_pointer (&text, g_free);
  text = cell (view, "北京市门头沟区政府", GK_COMPARISON_CONCLUDED, NULL);
  g_assert_cmpstr (text, ==, "212");
  g_clear_pointer (&text, g_free);
  /* 诉讼纠错率: (0 + 3) / (7 + 39). */
  text = cell (view, "北京市门头沟区政府", GK_COMPARISON_SUIT_CORRECTED_RATE, &tooltip);
  g_assert_cmpstr (text, ==, "6.52%");
  g_assert_nonnull (strstr (tooltip, "3 / 46 = 6.52%"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&tooltip, g_free);
  /* Its 行政复议 cells are blank: no rate, and the tooltip names the cell. */
  text = cell (view, "北京市门头沟区政府", GK_COMPARISON_REVIEW_CORRECTED_RATE, &tooltip);
  g_assert_cmpstr (text, ==, "—");
  g_assert_nonnull (strstr (tooltip, "行政复议"));
  g_assert_nonnull (strstr (tooltip, "blank"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&tooltip, g_free);

  /* What is on screen is what the cells say. */
  spin ();
  g_assert_true (find_label (fixture->view, "50.47%"));
  g_assert_true (find_label (fixture->view, "北京市门头沟区政府"));

  /* The headers explain their formula and denominator. */
  g_assert_nonnull (strstr (gk_comparison_view_get_column_tooltip (view, GK_COMPARISON_DISPUTE_RATE),
                            gk_indicator_get_formula (GK_INDICATOR_DISPUTE_RATE)));
  {
    GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (gk_comparison_view_get_column_view (view)));
    GtkWidget *title = gtk_widget_get_first_child (header);
    guint i = 0;

    for (; title != NULL && i < GK_COMPARISON_DISCLOSED_RATE; i++)
      title = gtk_widget_get_next_sibling (title);
    g_assert_nonnull (title);
    g_assert_cmpstr (gtk_widget_get_tooltip_text (title), ==,
                     gk_comparison_view_get_column_tooltip (view, GK_COMPARISON_DISCLOSED_RATE));
  }

  /* Activating a row hands its report on. */
  g_signal_connect (view, "report-activated", G_CALLBACK (activated_cb), &activated);
  g_signal_emit_by_name (gk_comparison_view_get_column_view (view), "activate", 0);
  g_assert_true (activated == row_of (view, "北京市门头沟区政府"));

  /* The filter. */
  g_assert_true (gk_comparison_view_set_year (view, 2021));
  gk_comparison_view_set_filter_text (view, "密云");
  g_assert_cmpuint (g_list_model_get_n_items (gk_comparison_view_get_rows (view)), ==, 1);
  gk_comparison_view_set_filter_text (view, "没有这个机关");
  g_assert_cmpuint (g_list_model_get_n_items (gk_comparison_view_get_rows (view)), ==, 0);
  spin ();
  g_assert_cmpstr (visible_page (fixture->view), ==, "empty");
  gk_comparison_view_set_filter_text (view, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (gk_comparison_view_get_rows (view)), ==, 3);
}

/* 2020 with two more agencies: one with a higher 实质公开率, one that
 * answered nothing.  Sorted by the rate either way, the one without a rate
 * comes last. */
static void
test_sort_by_rate (Fixture       *fixture,
                   gconstpointer  data)
{
  GkComparisonView *view;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *seed = g_test_build_filename (G_TEST_DIST, "data", "seeds", "002_7c3adba71c2c08c1.txt", NULL);
  g_autofree char *higher = NULL;
  g_autofree char *nothing = NULL;
  g_autofree char *partly = NULL;
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  const char *expected_down[] = { "北京市延庆区政府", "北京市门头沟区政府", "北京市平谷区人民政府办公室" };
  const char *expected_up[] = { "北京市门头沟区政府", "北京市延庆区政府", "北京市平谷区人民政府办公室" };

  if (!have_display)
    {
      g_test_skip ("no display to open");
      return;
    }
  view = GK_COMPARISON_VIEW (fixture->view);

  /* 予以公开 89 → 150: (150 + 18) / 212 = 79.25 %. */
  higher = write_variant (fixture->dir, "002_7c3adba71c2c08c1.txt", "yanqing-2020.txt",
                          "北京市门头沟区政府", "北京市延庆区政府",
                          "\t78\t10\t0\t0\t0\t1\t89\t", "\t139\t10\t0\t0\t0\t1\t150\t");
  nothing = write_variant (fixture->dir, "000_fd56001bfeaab35a.txt", "pinggu-2020.txt",
                           "北京市大兴区人民政府政府办公室", "北京市平谷区人民政府办公室",
                           "2021年政府信息公开工作年度报告", "2020年政府信息公开工作年度报告");
  g_ptr_array_add (files, g_file_new_for_path (seed));
  g_ptr_array_add (files, g_file_new_for_path (higher));
  /* One of the eight 不予公开 rows blank: no 不予公开率. */
  partly = write_variant (fixture->dir, "002_7c3adba71c2c08c1.txt", "fangshan-2020.txt",
                          "北京市门头沟区政府", "北京市房山区政府",
                          "合法权益\t1\t0\t0\t0\t0\t0\t1", "合法权益\t1\t0\t0\t0\t0\t0\t");
  g_ptr_array_add (files, g_file_new_for_path (nothing));
  import_files (fixture, files);
  spin ();

  g_assert_cmpint (gk_comparison_view_get_year (view), ==, 2020);
  g_assert_cmpuint (g_list_model_get_n_items (gk_comparison_view_get_rows (view)), ==, 3);


  text = cell (view, "北京市延庆区政府", GK_COMPARISON_DISCLOSED_RATE, &tooltip);
  g_assert_cmpstr (text, ==, "79.25%");
  g_assert_nonnull (strstr (tooltip, "168 / 212 = 79.25%"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&tooltip, g_free);
  text = cell (view, "北京市平谷区人民政府办公室", GK_COMPARISON_DISCLOSED_RATE, NULL);
  g_assert_cmpstr (text, ==, "—");
  g_clear_pointer (&text, g_free);

  gk_comparison_view_sort_by (view, GK_COMPARISON_DISCLOSED_RATE, GTK_SORT_DESCENDING);
  for (guint i = 0; i < G_N_ELEMENTS (expected_down); i++)
    {
      g_autofree char *name = agency_at (view, i);
      g_assert_cmpstr (name, ==, expected_down[i]);
    }

  gk_comparison_view_sort_by (view, GK_COMPARISON_DISCLOSED_RATE, GTK_SORT_ASCENDING);
  for (guint i = 0; i < G_N_ELEMENTS (expected_up); i++)
    {
      g_autofree char *name = agency_at (view, i);
      g_assert_cmpstr (name, ==, expected_up[i]);
    }

  /* By a count, both ways: 平谷 received 0, the others 216. */
  gk_comparison_view_sort_by (view, GK_COMPARISON_NEW, GTK_SORT_ASCENDING);
  {
    g_autofree char *name = agency_at (view, 0);
    g_assert_cmpstr (name, ==, "北京市平谷区人民政府办公室");
  }
  gk_comparison_view_sort_by (view, GK_COMPARISON_NEW, GTK_SORT_DESCENDING);
  {
    g_autofree char *name = agency_at (view, 2);
    g_assert_cmpstr (name, ==, "北京市平谷区人民政府办公室");
  }

  /* Added later, the page follows the library.  One of 房山's eight
   * 不予公开 rows is blank: no 不予公开率, and the tooltip says a row of the
   * group is blank, not which (the summary keeps only their sum). */
  {
    g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);

    g_ptr_array_add (more, g_file_new_for_path (partly));
    import_files (fixture, more);
  }
  g_assert_cmpuint (g_list_model_get_n_items (gk_comparison_view_get_rows (view)), ==, 4);
  text = cell (view, "北京市房山区政府", GK_COMPARISON_DENIED_RATE, &tooltip);
  g_assert_cmpstr (text, ==, "—");
  g_assert_nonnull (strstr (tooltip, "some of the rows summed"));
  g_assert_nonnull (strstr (tooltip, "不予公开"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&tooltip, g_free);
  text = cell (view, "北京市房山区政府", GK_COMPARISON_DISCLOSED_RATE, NULL);
  g_assert_cmpstr (text, ==, "50.47%");
  g_clear_pointer (&text, g_free);

  /* By 不予公开率 either way, 房山 and 平谷 (none) come last. */
  for (guint d = 0; d < 2; d++)
    {
      gk_comparison_view_sort_by (view, GK_COMPARISON_DENIED_RATE, d ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING);
      for (guint i = 2; i < 4; i++)
        {
          g_autofree char *name = agency_at (view, i);
          g_assert_true (g_strcmp0 (name, "北京市房山区政府") == 0
                         || g_strcmp0 (name, "北京市平谷区人民政府办公室") == 0);
        }
    }
}

static GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      const char *text = NULL;

      if (GTK_IS_BUTTON (widget))
        text = gtk_button_get_label (GTK_BUTTON (widget));
      else if (GTK_IS_CHECK_BUTTON (widget))
        text = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));
      if (label == NULL || g_strcmp0 (text, label) == 0)
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The Trends page's indicator chart over the library: chosen agencies a
 * line each, or pooled into one, and the library's average; the choice is
 * remembered. */
static void
test_trends_indicator (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *seeds = g_test_build_filename (G_TEST_DIST, "data", "seeds", NULL);
  g_autofree char *higher = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  const char * const chosen[] = { "北京市门头沟区政府", "北京市延庆区政府", NULL };
  GtkWidget *trends, *again;
  GkChartModel *model;
  double value, num, den;
  guint n;

  if (!have_display)
    {
      g_test_skip ("no display to open");
      return;
    }
  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_test_skip ("the schema is not compiled: set GSETTINGS_SCHEMA_DIR");
      return;
    }
  settings = g_settings_new (APPLICATION_ID);

  higher = write_variant (fixture->dir, "002_7c3adba71c2c08c1.txt", "yanqing-2020.txt",
                          "北京市门头沟区政府", "北京市延庆区政府",
                          "\t78\t10\t0\t0\t0\t1\t89\t", "\t139\t10\t0\t0\t0\t1\t150\t");
  g_ptr_array_add (files, g_file_new_for_path (seeds));
  g_ptr_array_add (files, g_file_new_for_path (higher));
  import_files (fixture, files);

  trends = gk_trends_view_new (fixture->library, settings);
  gtk_window_set_child (GTK_WINDOW (fixture->window), trends);
  model = gk_trend_chart_get_model (GK_TREND_CHART (gk_trends_view_get_chart (GK_TRENDS_VIEW (trends))));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_widget (trends, GTK_TYPE_TOGGLE_BUTTON, "_Indicator")), TRUE);
  gk_trends_view_choose_agencies (GK_TRENDS_VIEW (trends), chosen);
  gk_trends_view_set_scope (GK_TRENDS_VIEW (trends), GK_TRENDS_SCOPE_SELECTION);
  spin ();

  g_assert_cmpint (gk_chart_model_get_kind (model), ==, GK_CHART_INDICATOR);
  g_assert_cmpint (gk_chart_model_get_indicator (model), ==, GK_INDICATOR_DISCLOSED_RATE);
  /* Two agencies and the average. */
  g_assert_cmpuint (gk_chart_model_get_n_series (model), ==, 3);
  g_assert_cmpint (gk_chart_model_get_series_id (model, 2), ==, GK_CHART_SERIES_AVERAGE);
  g_assert_cmpint (gk_chart_model_get_year (model, 0), ==, 2020);
  /* 门头沟 107 / 212; the average of 2020 pools both: (107 + 168) / 424. */
  for (guint s = 0; s < 2; s++)
    if (g_strcmp0 (gk_chart_model_get_series_label (model, s), "北京市门头沟区政府") == 0)
      {
        g_assert_true (gk_chart_model_get_value (model, 0, s, &value));
        g_assert_cmpfloat_with_epsilon (value, 100.0 * 107 / 212, 1e-9);
      }
  g_assert_true (gk_chart_model_get_fraction (model, 0, 2, &num, &den, &n));
  g_assert_cmpfloat (num, ==, 107 + 168);
  g_assert_cmpfloat (den, ==, 212 + 212);
  g_assert_cmpuint (n, ==, 2);

  /* Pooled into one line. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_widget (trends, GTK_TYPE_CHECK_BUTTON, "_One line")), TRUE);
  g_assert_cmpuint (gk_chart_model_get_n_series (model), ==, 2);
  g_assert_true (gk_chart_model_get_fraction (model, 0, 0, &num, &den, &n));
  g_assert_cmpfloat (num, ==, 107 + 168);
  g_assert_cmpuint (n, ==, 2);

  /* The average off: the chosen set only. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_widget (trends, GTK_TYPE_CHECK_BUTTON, "Library _average")), FALSE);
  g_assert_cmpuint (gk_chart_model_get_n_series (model), ==, 1);

  /* Remembered: a new view shows the same. */
  {
    g_autofree char *kind = g_settings_get_string (settings, "chart-kind");
    g_assert_cmpstr (kind, ==, "indicator");
  }
  again = gk_trends_view_new (fixture->library, settings);
  g_object_ref_sink (again);
  model = gk_trend_chart_get_model (GK_TREND_CHART (gk_trends_view_get_chart (GK_TRENDS_VIEW (again))));
  gk_trends_view_set_scope (GK_TRENDS_VIEW (again), GK_TRENDS_SCOPE_SELECTION);
  g_assert_cmpint (gk_chart_model_get_kind (model), ==, GK_CHART_INDICATOR);
  g_assert_cmpuint (gk_chart_model_get_n_series (model), ==, 1);
  g_assert_true (gk_chart_model_get_fraction (model, 0, 0, &num, &den, &n));
  g_assert_cmpfloat (den, ==, 212 + 212);
  g_object_unref (again);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();

  g_test_add ("/comparison/seed-year", Fixture, NULL, fixture_set_up, test_seed_year, fixture_tear_down);
  g_test_add ("/comparison/sort-by-rate", Fixture, NULL, fixture_set_up, test_sort_by_rate, fixture_tear_down);
  g_test_add ("/trends/indicator", Fixture, NULL, fixture_set_up, test_trends_indicator, fixture_tear_down);

  return g_test_run ();
}
