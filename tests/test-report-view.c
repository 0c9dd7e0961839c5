/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GkReportView and GkTableGrid on seed 002 (a 2020 report in the 2019
 * template whose five 行政复议 cells are blank): values in the right
 * cells, cell classes, finding marks, the highlight of a selected
 * finding, a missing table, and the side-by-side or stacked layout.
 * Every test skips when there is no display. */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <adwaita.h>

#include "gk-core.h"
#include "gk-report-view.h"
#include "gk-table-grid.h"
#include "gk-tooltip.h"

#define SEED_002 "002_7c3adba71c2c08c1.txt"

static gboolean have_display;
static GPtrArray *css_errors;

#define REQUIRE_DISPLAY()                                \
  G_STMT_START {                                         \
    if (!have_display)                                   \
      {                                                  \
        g_test_skip ("no display to open");              \
        return;                                          \
      }                                                  \
  } G_STMT_END

static char *
read_seed (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "seeds", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* Parses seed 002, after replacing the first @from by @to when given. */
static GkReport *
parse_seed_002 (const char *from,
                const char *to)
{
  g_autofree char *text = read_seed (SEED_002);
  g_autoptr(GString) modified = g_string_new (text);
  g_autoptr(GError) error = NULL;
  GkReport *report;

  if (from != NULL)
    g_assert_cmpuint (g_string_replace (modified, from, to, 1), ==, 1);

  report = gk_parse_text (modified->str, SEED_002, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  gk_checks_run (report);
  return report;
}

/* Seed 002 without the text from @start up to @end. */
static GkReport *
parse_seed_002_without (const char *start_marker,
                        const char *end_marker)
{
  g_autofree char *text = read_seed (SEED_002);
  g_autoptr(GString) cut = NULL;
  g_autoptr(GError) error = NULL;
  const char *start = strstr (text, start_marker);
  const char *end = strstr (text, end_marker);
  GkReport *report;

  g_assert_true (start != NULL && end != NULL && start < end);
  cut = g_string_new_len (text, start - text);
  g_string_append (cut, end);

  report = gk_parse_text (cut->str, "cut.txt", &error);
  g_assert_no_error (error);
  gk_checks_run (report);
  return report;
}

static GtkWidget *
new_view (GkReport *report)
{
  GtkWidget *view = gk_report_view_new ();

  g_object_ref_sink (view);
  gk_report_view_set_report (GK_REPORT_VIEW (view), report);
  g_assert_true (gk_report_view_get_report (GK_REPORT_VIEW (view)) == report);
  return view;
}

static GtkWidget *
cell_widget (GtkWidget  *view,
             GkTableId   table,
             const char *key)
{
  GtkWidget *grid = gk_report_view_get_table_grid (GK_REPORT_VIEW (view), table);

  g_assert_true (GK_IS_TABLE_GRID (grid));
  return gk_table_grid_get_cell_widget (GK_TABLE_GRID (grid), key);
}

/* Depth-first search for a widget. */
static GtkWidget *
find_widget (GtkWidget *root,
             gboolean (*match) (GtkWidget *widget, gconstpointer data),
             gconstpointer data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_label_named (GtkWidget     *widget,
                gconstpointer  name)
{
  g_autofree char *mismatch = NULL;

  if (!GTK_IS_LABEL (widget) || !gtk_widget_has_css_class (widget, "cell"))
    return FALSE;
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL, name);
  return mismatch == NULL;
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_finding_row (GtkWidget     *widget,
                gconstpointer  finding)
{
  return ADW_IS_ACTION_ROW (widget) && g_object_get_data (G_OBJECT (widget), "gk-finding") == finding;
}

static gboolean
has_css_class (GtkWidget     *widget,
               gconstpointer  css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

/* Visible, and so are all its ancestors up to @root. */
static gboolean
is_shown_in (GtkWidget *widget,
             GtkWidget *root)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      if (!gtk_widget_get_visible (widget))
        return FALSE;
      if (widget == root)
        return TRUE;
    }
  return FALSE;
}

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  guint *left = user_data;

  if (*left > 0)
    (*left)--;
  return *left > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
wake_up_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @widget has seen @n_frames frames: its tick
 * callback keeps the frame clock going, and a timeout makes sure that a
 * test never blocks for ever. */
static void
wait_for_frames (GtkWidget *widget,
                 guint      n_frames)
{
  gint64 start = g_get_monotonic_time ();
  guint left = n_frames;
  guint tick_id, wake_id;

  tick_id = gtk_widget_add_tick_callback (widget, count_frame_cb, &left, NULL);
  wake_id = g_timeout_add (20, wake_up_cb, NULL);
  while (left > 0 && g_get_monotonic_time () - start < 5 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake_id);
  if (left > 0)
    gtk_widget_remove_tick_callback (widget, tick_id);
  g_assert_cmpuint (left, ==, 0);
}

static GtkWidget *
present_in_window (GtkWidget *view,
                   int        width,
                   int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (view, 3);
  g_assert_true (gtk_widget_get_mapped (view));
  g_assert_cmpint (gtk_widget_get_width (view), >, 0);

  return window;
}

/* ---------------------------------------------------------------------- */

static void
test_css_parses (void)
{
  REQUIRE_DISPLAY ();

  for (guint i = 0; i < css_errors->len; i++)
    g_test_message ("style.css: %s", (char *) g_ptr_array_index (css_errors, i));
  g_assert_cmpuint (css_errors->len, ==, 0);
}

static void
test_table3_value (void)
{
  g_autoptr(GkReport) report = NULL;
  g_autoptr(GtkWidget) view = NULL;
  GtkWidget *grid, *label;

  REQUIRE_DISPLAY ();

  report = parse_seed_002 (NULL, NULL);
  view = new_view (report);
  grid = gk_report_view_get_table_grid (GK_REPORT_VIEW (view), GK_TABLE_3);

  /* Found by its accessible name, the way a screen reader announces it. */
  label = find_widget (grid, is_label_named, "总计, 一、本年新收政府信息公开申请数量: 216");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "216");
  g_assert_true (label == cell_widget (view, GK_TABLE_3, "t3/new/total"));
  g_assert_true (gtk_widget_has_css_class (label, "number"));
  g_assert_true (gtk_widget_has_css_class (label, "total"));

  /* Its neighbours, to be sure the columns are not shifted. */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (cell_widget (view, GK_TABLE_3, "t3/new/natural"))), ==, "192");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (cell_widget (view, GK_TABLE_3, "t3/new/commercial"))), ==, "23");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (cell_widget (view, GK_TABLE_3, "t3/total/total"))), ==, "212");
  /* The 2019 template: one 其他处理 row. */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (cell_widget (view, GK_TABLE_3, "t3/other/total"))), ==, "36");
  g_assert_null (cell_widget (view, GK_TABLE_3, "t3/other.1/total"));

  /* The printed headers are there, spans and all. */
  g_assert_nonnull (find_widget (grid, is_label_with_text, "法人或其他组织"));
  g_assert_nonnull (find_widget (grid, is_label_with_text, "三、本年度办理结果"));
  g_assert_nonnull (find_widget (grid, is_label_with_text, "（三）不予公开"));
  g_assert_nonnull (find_widget (grid, is_label_with_text, "1.属于国家秘密"));

  /* Table 2 of the 2019 template, with the named sub-items. */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (cell_widget (view, GK_TABLE_2, "t2/penalty/change"))), ==, "+2450");
  g_assert_true (gtk_widget_has_css_class (cell_widget (view, GK_TABLE_2, "t2/penalty/change"), "signed"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (cell_widget (view, GK_TABLE_2, "t2/other_services.行政检查/decisions"))), ==, "131690");
  g_assert_nonnull (find_widget (gk_report_view_get_table_grid (GK_REPORT_VIEW (view), GK_TABLE_2),
                                 is_label_with_text, "第二十条第（九）项"));
}

static void
test_cell_classes (void)
{
  static const char * const review[] = { "upheld", "corrected", "other", "pending", "total" };
  g_autoptr(GkReport) report = NULL;
  g_autoptr(GkReport) modified = NULL;
  g_autoptr(GtkWidget) view = NULL;
  g_autofree char *tooltip = NULL;
  GtkWidget *label;

  REQUIRE_DISPLAY ();

  report = parse_seed_002 (NULL, NULL);
  view = new_view (report);

  for (guint i = 0; i < G_N_ELEMENTS (review); i++)
    {
      g_autofree char *key = g_strdup_printf ("t4/review/%s", review[i]);

      label = cell_widget (view, GK_TABLE_4, key);
      g_assert_nonnull (label);
      g_assert_true (gtk_widget_has_css_class (label, "blank"));
      g_assert_false (gtk_widget_has_css_class (label, "zero"));
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "");
    }

  /* The litigation numbers stay in their own columns. */
  label = cell_widget (view, GK_TABLE_4, "t4/suit_direct/upheld");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "7");
  g_assert_false (gtk_widget_has_css_class (label, "zero"));
  label = cell_widget (view, GK_TABLE_4, "t4/suit_direct/corrected");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "0");
  g_assert_true (gtk_widget_has_css_class (label, "zero"));
  g_assert_false (gtk_widget_has_css_class (label, "blank"));
  label = cell_widget (view, GK_TABLE_4, "t4/suit_after_review/total");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "39");

  /* A "/" where a 0 was: not applicable, neither blank nor zero. */
  modified = parse_seed_002 ("4\t0\t0\t0\t0\t0\t4", "4\t/\t0\t0\t0\t0\t4");
  gk_report_view_set_report (GK_REPORT_VIEW (view), modified);
  label = cell_widget (view, GK_TABLE_3, "t3/carried_in/commercial");
  g_assert_true (gtk_widget_has_css_class (label, "na"));
  g_assert_false (gtk_widget_has_css_class (label, "zero"));
  g_assert_false (gtk_widget_has_css_class (label, "blank"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "/");
  g_assert_true (find_widget (gk_report_view_get_table_grid (GK_REPORT_VIEW (view), GK_TABLE_3),
                              is_label_named, "商业企业, 二、上年结转政府信息公开申请数量: not applicable, “/”") == label);
  /* The tooltip says what the report printed. */
  tooltip = gk_table_grid_dup_cell_tooltip (GK_TABLE_GRID (gk_report_view_get_table_grid (GK_REPORT_VIEW (view), GK_TABLE_3)),
                                            "t3/carried_in/commercial");
  g_assert_nonnull (strstr (tooltip, "“/”"));
  g_assert_true (gtk_widget_get_has_tooltip (label));
}

static void
test_findings (void)
{
  g_autoptr(GkReport) report = NULL;
  g_autoptr(GtkWidget) view = NULL;
  g_autoptr(GkFinding) error = NULL;
  g_autoptr(GkFinding) warning = NULL;
  g_autofree char *tooltip = NULL;
  GtkWidget *window, *total, *natural, *review, *row;
  guint n_before;

  REQUIRE_DISPLAY ();

  report = parse_seed_002 (NULL, NULL);
  view = new_view (report);
  /* Rows are activated as in a window. */
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), view);
  total = cell_widget (view, GK_TABLE_3, "t3/new/total");
  natural = cell_widget (view, GK_TABLE_3, "t3/new/natural");
  review = cell_widget (view, GK_TABLE_4, "t4/review/total");

  /* Seed 002's own finding: R4 cannot be assessed on the blank row. */
  g_assert_true (gtk_widget_has_css_class (review, "not-assessable"));
  g_assert_false (gtk_widget_has_css_class (total, "finding-error"));

  n_before = g_list_model_get_n_items (gk_report_get_findings (report));
  error = gk_finding_new ("X1", GK_SEVERITY_ERROR, GK_FINDING_FAILED, "t3:test",
                          "A test error about 本年新收");
  gk_finding_add_cell (error, "t3/new/total");
  gk_finding_set_expected (error, "226");
  gk_finding_set_found (error, "216");
  gk_report_add_finding (report, error);

  /* The grid follows the report's findings as they change. */
  g_assert_true (gtk_widget_has_css_class (total, "finding-error"));
  g_assert_false (gtk_widget_has_css_class (natural, "finding-error"));
  tooltip = gk_table_grid_dup_cell_tooltip (GK_TABLE_GRID (gk_report_view_get_table_grid (GK_REPORT_VIEW (view), GK_TABLE_3)),
                                            "t3/new/total");
  g_assert_nonnull (strstr (tooltip, "A test error about 本年新收"));

  warning = gk_finding_new ("X2", GK_SEVERITY_WARNING, GK_FINDING_FAILED, "t3:test2", "A test warning");
  gk_finding_add_cell (warning, "t3/new/total");
  gk_finding_add_cell (warning, "t3/new/natural");
  gk_report_add_finding (report, warning);
  /* The worse mark wins where two findings meet. */
  g_assert_true (gtk_widget_has_css_class (total, "finding-error"));
  g_assert_false (gtk_widget_has_css_class (total, "finding-warning"));
  g_assert_true (gtk_widget_has_css_class (natural, "finding-warning"));
  g_assert_cmpuint (g_list_model_get_n_items (gk_report_get_findings (report)), ==, n_before + 2);

  /* Activating the error's row highlights its cell, and nothing else. */
  row = find_widget (view, is_finding_row, error);
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_has_css_class (total, "selected-finding"));
  g_assert_true (gtk_widget_activate (row));
  g_assert_true (gtk_widget_has_css_class (total, "selected-finding"));
  g_assert_false (gtk_widget_has_css_class (natural, "selected-finding"));
  g_assert_false (gtk_widget_has_css_class (review, "selected-finding"));

  /* The warning's row moves the highlight to both its cells. */
  row = find_widget (view, is_finding_row, warning);
  g_assert_true (gtk_widget_activate (row));
  g_assert_true (gtk_widget_has_css_class (total, "selected-finding"));
  g_assert_true (gtk_widget_has_css_class (natural, "selected-finding"));

  /* Errors come first in the list: index 0 is the error. */
  g_assert_true (gk_report_view_select_finding (GK_REPORT_VIEW (view), 0));
  g_assert_true (gtk_widget_has_css_class (total, "selected-finding"));
  g_assert_false (gtk_widget_has_css_class (natural, "selected-finding"));
  /* Not assessable last: the R4 row of table 4. */
  g_assert_true (gk_report_view_select_finding (GK_REPORT_VIEW (view), n_before + 1));
  g_assert_false (gtk_widget_has_css_class (total, "selected-finding"));
  g_assert_true (gtk_widget_has_css_class (review, "selected-finding"));
  g_assert_false (gk_report_view_select_finding (GK_REPORT_VIEW (view), n_before + 2));

  /* A table grid on its own, with a plain list of findings. */
  {
    g_autoptr(GListStore) store = g_list_store_new (GK_TYPE_FINDING);
    g_autoptr(GtkWidget) grid = g_object_ref_sink (gk_table_grid_new ());
    const char * const keys[] = { "t3/new/total", "t4/review/total", NULL };
    GtkWidget *cell;

    gk_table_grid_set_table (GK_TABLE_GRID (grid), gk_report_get_table (report, GK_TABLE_3));
    cell = gk_table_grid_get_cell_widget (GK_TABLE_GRID (grid), "t3/new/total");
    g_assert_false (gtk_widget_has_css_class (cell, "finding-error"));
    gk_table_grid_set_findings (GK_TABLE_GRID (grid), G_LIST_MODEL (store));
    g_list_store_append (store, error);
    g_assert_true (gtk_widget_has_css_class (cell, "finding-error"));
    g_list_store_remove_all (store);
    g_assert_false (gtk_widget_has_css_class (cell, "finding-error"));

    /* Keys of other tables are ignored. */
    g_assert_true (gk_table_grid_highlight (GK_TABLE_GRID (grid), keys));
    g_assert_true (gtk_widget_has_css_class (cell, "selected-finding"));
    g_assert_false (gk_table_grid_highlight (GK_TABLE_GRID (grid), NULL));
    g_assert_false (gtk_widget_has_css_class (cell, "selected-finding"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_missing_table (void)
{
  g_autoptr(GkReport) report = NULL;
  g_autoptr(GtkWidget) view = NULL;
  GtkWidget *notice;

  REQUIRE_DISPLAY ();

  report = parse_seed_002_without ("三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议");
  g_assert_null (gk_report_get_table (report, GK_TABLE_3));

  view = new_view (report);
  g_assert_null (cell_widget (view, GK_TABLE_3, "t3/new/total"));
  g_assert_nonnull (cell_widget (view, GK_TABLE_4, "t4/review/total"));

  notice = find_widget (view, is_label_with_text, "Table 3 is missing from this report");
  g_assert_nonnull (notice);
  g_assert_true (is_shown_in (notice, view));
  g_assert_null (find_widget (view, is_label_with_text, "Table 4 is missing from this report"));
  g_assert_nonnull (find_widget (view, is_label_with_text, "Table 3 missing"));

  /* The P1 finding comes first; choosing it highlights no cell. */
  g_assert_true (gk_report_view_select_finding (GK_REPORT_VIEW (view), 0));

  /* Back to a whole report: the notice goes. */
  {
    g_autoptr(GkReport) whole = parse_seed_002 (NULL, NULL);

    gk_report_view_set_report (GK_REPORT_VIEW (view), whole);
    g_assert_false (is_shown_in (notice, view));
    g_assert_nonnull (cell_widget (view, GK_TABLE_3, "t3/new/total"));
  }

  gk_report_view_set_report (GK_REPORT_VIEW (view), NULL);
  g_assert_null (gk_report_view_get_report (GK_REPORT_VIEW (view)));
  g_assert_null (cell_widget (view, GK_TABLE_3, "t3/new/total"));
}

static GtkWidget *
inner_grid (GtkWidget *view,
            GkTableId  table)
{
  return gtk_widget_get_first_child (gk_report_view_get_table_grid (GK_REPORT_VIEW (view), table));
}

/* A long tooltip, Chinese or not, wraps into lines of a readable width:
 * neither one character a line nor one line across the screen.  A short
 * one stays on one line. */
static void
test_tooltip_width (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *label;
  int min, nat, short_min, short_nat, height, one_line;

  REQUIRE_DISPLAY ();

  for (guint i = 0; i < 8; i++)
    g_string_append (text, "行政复议 / 结果维持；行政复议 / 结果纠正；");

  label = g_object_ref_sink (gk_tooltip_label_new ("行政复议"));
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &short_min, &short_nat, NULL, NULL);
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, -1, NULL, &one_line, NULL, NULL);
  g_object_unref (label);
  g_assert_cmpint (short_min, ==, short_nat);

  label = g_object_ref_sink (gk_tooltip_label_new (text->str));
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, min, NULL, &height, NULL, NULL);
  g_object_unref (label);

  /* At its minimum width, at least 15 characters a line... */
  g_assert_cmpint (min, >=, 15 * short_nat / 4);
  /* ...no wider than 40 or so... */
  g_assert_cmpint (nat, <=, 40 * short_nat / 4);
  /* ...and several lines, since the text is 200 characters long. */
  g_assert_cmpint (height, >=, 4 * one_line);

  /* A widget whose tooltip is set and cleared over and over, as a list
   * row's at each bind, answers the query once. */
  {
    GtkWidget *row = g_object_ref_sink (gtk_label_new ("row"));
    guint n_handlers = 0;
    gulong id;

    for (guint i = 0; i < 5; i++)
      {
        gk_widget_set_wrapped_tooltip (row, NULL);
        gk_widget_set_wrapped_tooltip (row, "行政复议");
      }
    g_assert_true (gtk_widget_get_has_tooltip (row));
    while ((id = g_signal_handler_find (row, G_SIGNAL_MATCH_ID,
                                        g_signal_lookup ("query-tooltip", GTK_TYPE_WIDGET),
                                        0, NULL, NULL, NULL)) != 0)
      {
        g_signal_handler_disconnect (row, id);
        n_handlers++;
      }
    g_assert_cmpuint (n_handlers, ==, 1);
    gk_widget_set_wrapped_tooltip (row, NULL);
    g_assert_false (gtk_widget_get_has_tooltip (row));
    g_object_unref (row);
  }
}

/* Wide: the findings beside the tables; narrow: below them. */
static void
test_layout (void)
{
  g_autoptr(GkReport) narrow_tables = NULL;
  g_autoptr(GkReport) report = NULL;
  GtkWidget *view, *window, *list, *grid;
  graphene_rect_t list_bounds, grid_bounds;

  REQUIRE_DISPLAY ();

  /* Only table 2, which is narrow: room for the findings beside it even
   * on the 1280-pixel screen of the test machines. */
  narrow_tables = parse_seed_002_without ("三、收到和处理政府信息公开申请情况", "五、存在的主要问题及改进情况");
  g_assert_null (gk_report_get_table (narrow_tables, GK_TABLE_4));
  view = gk_report_view_new ();
  gk_report_view_set_report (GK_REPORT_VIEW (view), narrow_tables);
  window = present_in_window (view, 1200, 800);
  g_assert_cmpint (gtk_widget_get_width (view), >=, 1100);

  list = find_widget (view, has_css_class, "findings-list");
  grid = inner_grid (view, GK_TABLE_2);
  g_assert_nonnull (list);
  g_assert_true (gtk_widget_compute_bounds (list, view, &list_bounds));
  g_assert_true (gtk_widget_compute_bounds (grid, view, &grid_bounds));
  g_assert_cmpfloat (list_bounds.origin.x, >=, grid_bounds.origin.x + grid_bounds.size.width);
  g_assert_cmpfloat (list_bounds.origin.y, <, grid_bounds.origin.y + grid_bounds.size.height);
  gtk_window_destroy (GTK_WINDOW (window));

  /* All three tables in a narrower window: the findings go below. */
  report = parse_seed_002 (NULL, NULL);
  view = gk_report_view_new ();
  gk_report_view_set_report (GK_REPORT_VIEW (view), report);
  window = present_in_window (view, 900, 800);
  g_assert_cmpint (gtk_widget_get_width (view), <=, 900);

  list = find_widget (view, has_css_class, "findings-list");
  grid = inner_grid (view, GK_TABLE_4);
  g_assert_true (gtk_widget_compute_bounds (list, view, &list_bounds));
  g_assert_true (gtk_widget_compute_bounds (grid, view, &grid_bounds));
  g_assert_cmpfloat (list_bounds.origin.y, >=, grid_bounds.origin.y + grid_bounds.size.height);
  /* Table 4 wraps its headers to fit... */
  g_assert_cmpint (gtk_widget_get_width (grid), <=,
                   gtk_widget_get_width (gk_report_view_get_table_grid (GK_REPORT_VIEW (view), GK_TABLE_4)));
  gtk_window_destroy (GTK_WINDOW (window));

  /* ...and in a phone-sized window it keeps a readable shape and scrolls
   * sideways instead of squeezing further. */
  view = gk_report_view_new ();
  gk_report_view_set_report (GK_REPORT_VIEW (view), report);
  window = present_in_window (view, 400, 700);
  g_assert_cmpint (gtk_widget_get_width (inner_grid (view, GK_TABLE_4)), >,
                   gtk_widget_get_width (gk_report_view_get_table_grid (GK_REPORT_VIEW (view), GK_TABLE_4)));
  g_assert_cmpint (gtk_widget_get_width (view), <=, 400);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Selecting a finding scrolls its cells into view. */
static void
test_scroll_to_cells (void)
{
  g_autoptr(GkReport) report = NULL;
  g_autoptr(GkFinding) finding = NULL;
  GtkWidget *view, *window, *cell;
  graphene_rect_t bounds;

  REQUIRE_DISPLAY ();

  report = parse_seed_002 (NULL, NULL);
  finding = gk_finding_new ("X3", GK_SEVERITY_ERROR, GK_FINDING_FAILED, "t3:x3", "Scroll here");
  gk_finding_add_cell (finding, "t4/suit_after_review/total");
  gk_report_add_finding (report, finding);

  view = gk_report_view_new ();
  gk_report_view_set_report (GK_REPORT_VIEW (view), report);
  window = present_in_window (view, 700, 600);

  /* Table 4 is far down, and its last column to the right of the narrow
   * window, where the table scrolls sideways. */
  cell = cell_widget (view, GK_TABLE_4, "t4/suit_after_review/total");
  g_assert_true (gtk_widget_compute_bounds (cell, view, &bounds));
  g_assert_cmpfloat (bounds.origin.y, >, gtk_widget_get_height (view));
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, >, gtk_widget_get_width (view));

  g_assert_true (gk_report_view_select_finding (GK_REPORT_VIEW (view), 0));
  wait_for_frames (view, 4);

  g_assert_true (gtk_widget_compute_bounds (cell, view, &bounds));
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (view));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (view));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_scroller (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_SCROLLED_WINDOW (widget);
}

/* Beside the tables the findings stay in view as the page scrolls, down
 * to the tables' end and no further. */
static void
test_sticky_findings (void)
{
  g_autoptr(GkReport) report = NULL;
  GtkWidget *view, *window, *list, *scroller, *last_grid;
  GtkAdjustment *adjustment;
  graphene_rect_t list_bounds, grid_bounds, start_bounds;
  double end;

  REQUIRE_DISPLAY ();

  report = parse_seed_002 (NULL, NULL);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GkFinding) finding = gk_finding_new ("X4", GK_SEVERITY_WARNING, GK_FINDING_FAILED,
                                                     i == 0 ? "t3:a" : "t3:b", "A finding to keep in view");
      gk_finding_add_cell (finding, "t3/new/total");
      gk_report_add_finding (report, finding);
    }

  view = gk_report_view_new ();
  gk_report_view_set_report (GK_REPORT_VIEW (view), report);
  window = present_in_window (view, 1280, 700);
  list = find_widget (view, has_css_class, "findings-list");
  scroller = find_widget (view, is_scroller, NULL);
  last_grid = inner_grid (view, GK_TABLE_4);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

  /* Beside the tables, which are much longer than the view. */
  g_assert_true (gtk_widget_compute_bounds (list, view, &start_bounds));
  g_assert_true (gtk_widget_compute_bounds (inner_grid (view, GK_TABLE_3), view, &grid_bounds));
  g_assert_cmpfloat (start_bounds.origin.x, >=, grid_bounds.origin.x + grid_bounds.size.width);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, 2 * gtk_adjustment_get_page_size (adjustment));

  /* Scrolled half-way down the tables: the findings are in view. */
  gtk_adjustment_set_value (adjustment, start_bounds.origin.y + 600);
  wait_for_frames (view, 3);
  g_assert_true (gtk_widget_compute_bounds (list, view, &list_bounds));
  g_assert_cmpfloat (list_bounds.origin.y, >=, 0);
  g_assert_cmpfloat (list_bounds.origin.y + list_bounds.size.height, <=, gtk_widget_get_height (view));

  /* Scrolled to the end: they stop where the tables end. */
  end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  gtk_adjustment_set_value (adjustment, end);
  wait_for_frames (view, 3);
  g_assert_true (gtk_widget_compute_bounds (list, view, &list_bounds));
  g_assert_true (gtk_widget_compute_bounds (last_grid, view, &grid_bounds));
  g_assert_cmpfloat (list_bounds.origin.y + list_bounds.size.height, <=,
                     grid_bounds.origin.y + grid_bounds.size.height + 1);
  /* ...and the page is as long as it was. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment), ==, end);

  /* Back at the top, they are where they were. */
  gtk_adjustment_set_value (adjustment, 0);
  wait_for_frames (view, 3);
  g_assert_true (gtk_widget_compute_bounds (list, view, &list_bounds));
  g_assert_cmpfloat (list_bounds.origin.y, ==, start_bounds.origin.y);

  /* Below the tables, in a narrower window, they scroll with the page. */
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  wait_for_frames (view, 3);
  g_assert_cmpint (gtk_widget_get_margin_top (gtk_widget_get_ancestor (list, ADW_TYPE_CLAMP)), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
css_parsing_error_cb (GtkCssProvider *provider,
                      GtkCssSection  *section,
                      const GError   *error,
                      gpointer        user_data)
{
  g_autofree char *where = gtk_css_section_to_string (section);

  g_ptr_array_add (css_errors, g_strdup_printf ("%s: %s", where, error->message));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  /* GTK's test accessibility backend keeps the accessible names that the
   * tests read, and needs no accessibility bus; "none" would drop them. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_test_init (&argc, &argv, NULL);

  css_errors = g_ptr_array_new_with_free_func (g_free);
  have_display = gtk_init_check ();
  if (have_display)
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      adw_init ();
      g_signal_connect (provider, "parsing-error", G_CALLBACK (css_parsing_error_cb), NULL);
      gtk_css_provider_load_from_resource (provider, "/io/github/gongkai/Gongkai/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }

  g_test_add_func ("/report-view/css", test_css_parses);
  g_test_add_func ("/report-view/table3-value", test_table3_value);
  g_test_add_func ("/report-view/cell-classes", test_cell_classes);
  g_test_add_func ("/report-view/findings", test_findings);
  g_test_add_func ("/report-view/missing-table", test_missing_table);
  g_test_add_func ("/report-view/layout", test_layout);
  g_test_add_func ("/report-view/tooltip-width", test_tooltip_width);
  g_test_add_func ("/report-view/scroll-to-cells", test_scroll_to_cells);
  g_test_add_func ("/report-view/sticky-findings", test_sticky_findings);

  return g_test_run ();
}
