/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window under a display: the seeds dropped onto it show five
 * agencies; 门头沟's table 3 shows 216; a click on a finding highlights
 * its cells.  Skipped where GTK cannot open a display. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gk-application.h"
#include "gk-report-view.h"
#include "gk-table-grid.h"
#include "gk-trend-chart.h"
#include "gk-trends-view.h"
#include "gk-window-private.h"

static char *tmp_dir;

static void
spin_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
spin_a_while (void)
{
  gint64 until = g_get_monotonic_time () + 200 * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* Reports come without their tables; showing one reads them first. */
static gboolean
report_shown (gpointer data)
{
  GkWindow *window = data;
  const char *page = gtk_stack_get_visible_child_name (window->report_stack);

  return g_strcmp0 (page, "opening") != 0;
}

static void
after_paint_cb (GdkFrameClock *clock,
                guint         *n_frames)
{
  (*n_frames)++;
}

static gboolean
two_frames_painted (gpointer data)
{
  return *(guint *) data >= 2;
}

/* Layout happens with the next frame; a moment may not be enough for one
 * on a busy machine.  Two, for a layout that changes with the width. */
static void
wait_for_layout (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  guint n_frames = 0;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &n_frames);

  gtk_widget_queue_draw (window);
  spin_until (two_frames_painted, &n_frames);
  g_signal_handler_disconnect (clock, id);
}

static gboolean
focus_out_of_popovers (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (data));

  return focus == NULL || gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) == NULL;
}

static gboolean
import_done (gpointer data)
{
  return !gk_window_is_importing (data);
}

static gboolean
library_open (gpointer data)
{
  GkWindow *window = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (window->main_stack), "loading") != 0;
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

/* A copy of seed 002 for 2019 with one total changed: R1 and R3 fail. */
static GtkWidget *
find_with_css_class (GtkWidget  *widget,
                     const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_css_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
write_broken_report (void)
{
  g_autofree char *seed = g_test_build_filename (G_TEST_DIST, "data", "seeds", "002_7c3adba71c2c08c1.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) broken = NULL;
  char *path = g_build_filename (tmp_dir, "broken-2019.txt", NULL);

  g_assert_true (g_file_get_contents (seed, &text, NULL, NULL));
  broken = g_string_new (text);
  g_assert_cmpuint (g_string_replace (broken, "2020 年政府", "2019 年政府", 1), ==, 1);
  g_assert_cmpuint (g_string_replace (broken, "\t1\t216\t", "\t1\t217\t", 1), ==, 1);
  g_assert_true (g_file_set_contents (path, broken->str, -1, NULL));
  return path;
}

static void
drop_files (GkWindow *window)
{
  GtkDropTarget *target = find_drop_target (GTK_WIDGET (window));
  g_autofree char *seeds = g_test_build_filename (G_TEST_DIST, "data", "seeds", NULL);
  g_autofree char *broken = write_broken_report ();
  GSList *files = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_assert_nonnull (target);
  files = g_slist_append (files, g_file_new_for_path (seeds));
  files = g_slist_append (files, g_file_new_for_path (broken));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, files);

  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);
  g_assert_true (gk_window_is_importing (window));

  /* A second drop while the import runs is refused. */
  {
    gboolean again = TRUE;
    g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &again);
    g_assert_false (again);
  }
  g_value_unset (&value);

  spin_until (import_done, window);
}

static guint
find_finding (GkReport   *report,
              const char *rule)
{
  GListModel *findings = gk_report_get_findings (report);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(GkFinding) finding = g_list_model_get_item (findings, i);
      if (strcmp (gk_finding_get_rule (finding), rule) == 0
          && gk_finding_get_status (finding) == GK_FINDING_FAILED)
        return i;
    }
  g_assert_not_reached ();
  return 0;
}

static void
test_window (GkApplication *app)
{
  GkWindow *window = gk_window_new (app);
  GtkWidget *grid, *cell;
  GkReport *report;
  guint index;

  /* The width of the usual laptop screen. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  /* The library is read in the background: the window shows it opening. */
  spin_until (library_open, window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "empty");

  drop_files (window);
  spin_a_while ();

  /* Five agencies: the second 门头沟 report is a version of the agency. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "library");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->agency_selection)), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->library)), ==, 6);

  /* Selecting 门头沟 shows its newest report: 216 in table 3. */
  _gk_window_select_agency_named (window, "北京市门头沟区政府");
  spin_until (report_shown, window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->report_stack), ==, "report");
  report = gk_report_view_get_report (GK_REPORT_VIEW (window->report_view));
  g_assert_nonnull (report);
  g_assert_cmpint (gk_report_get_year (report), ==, 2020);
  grid = gk_report_view_get_table_grid (GK_REPORT_VIEW (window->report_view), GK_TABLE_3);
  cell = gk_table_grid_get_cell_widget (GK_TABLE_GRID (grid), "t3/new/total");
  g_assert_nonnull (cell);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (cell)), ==, "216");

  /* GTK 4.8 makes the agencies select a row while a drop-down's popover
   * closes: a selection made while the focus is in a popover is undone. */
  {
    GtkWidget *menu_button = gtk_menu_button_new ();
    GtkWidget *popover = gtk_popover_new ();
    GtkWidget *button = gtk_button_new_with_label ("2021");
    guint before = gtk_single_selection_get_selected (window->agency_selection);

    gtk_popover_set_child (GTK_POPOVER (popover), button);
    gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu_button), popover);
    gtk_box_append (window->trends_box, menu_button);
    gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
    spin_a_while ();
    gtk_widget_grab_focus (button);
    g_assert_true (gtk_widget_has_focus (button));

    gtk_single_selection_set_selected (window->agency_selection, before == 0 ? 1 : 0);
    g_assert_cmpuint (gtk_single_selection_get_selected (window->agency_selection), ==, before);
    g_assert_true (gk_report_view_get_report (GK_REPORT_VIEW (window->report_view)) == report);

    gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
    gtk_box_remove (window->trends_box, menu_button);
    /* Until the focus has left the popover, the window undoes
     * selections: on a busy machine that takes more than a moment. */
    spin_until (focus_out_of_popovers, window);
    spin_a_while ();
  }

  /* The 2019 copy with a wrong total: a click on its R1 finding
   * highlights the cells R1 read. */
  gtk_single_selection_set_selected (window->year_selection, 1);
  spin_until (report_shown, window);
  report = gk_report_view_get_report (GK_REPORT_VIEW (window->report_view));
  g_assert_cmpint (gk_report_get_year (report), ==, 2019);
  grid = gk_report_view_get_table_grid (GK_REPORT_VIEW (window->report_view), GK_TABLE_3);
  cell = gk_table_grid_get_cell_widget (GK_TABLE_GRID (grid), "t3/new/total");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (cell)), ==, "217");
  g_assert_false (gtk_widget_has_css_class (cell, "selected-finding"));

  index = find_finding (report, "R1");
  g_assert_true (gk_report_view_select_finding (GK_REPORT_VIEW (window->report_view), index));
  spin_a_while ();
  g_assert_true (gtk_widget_has_css_class (cell, "selected-finding"));
  cell = gk_table_grid_get_cell_widget (GK_TABLE_GRID (grid), "t3/carried_out/total");
  g_assert_true (gtk_widget_has_css_class (cell, "selected-finding"));
  /* A cell R1 did not read stays plain. */
  cell = gk_table_grid_get_cell_widget (GK_TABLE_GRID (grid), "t3/granted/natural");
  g_assert_false (gtk_widget_has_css_class (cell, "selected-finding"));

  /* Dismissing the finding, as its menu does, stores the verdict. */
  {
    g_autoptr(GkFinding) r1 = g_list_model_get_item (gk_report_get_findings (report), index);
    g_autoptr(GkReport) stored = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *r1_id = gk_finding_dup_id (r1);
    GListModel *findings;
    gboolean seen = FALSE;

    g_signal_emit_by_name (window->report_view, "verdict-requested", r1, GK_VERDICT_DISMISSED, "printing error");
    g_assert_cmpint (gk_finding_get_verdict (r1), ==, GK_VERDICT_DISMISSED);
    g_assert_cmpstr (gk_finding_get_note (r1), ==, "printing error");

    stored = gk_store_load_report (window->store, gk_store_report_id (report), &error);
    g_assert_no_error (error);
    findings = gk_report_get_findings (stored);
    for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
      {
        g_autoptr(GkFinding) f = g_list_model_get_item (findings, i);
        g_autofree char *f_id = gk_finding_dup_id (f);

        if (g_str_equal (f_id, r1_id))
          {
            g_assert_cmpint (gk_finding_get_verdict (f), ==, GK_VERDICT_DISMISSED);
            g_assert_cmpstr (gk_finding_get_note (f), ==, "printing error");
            seen = TRUE;
          }
      }
    g_assert_true (seen);
  }

  /* At 1280 pixels the tables take the width beside the agencies and
   * years, and the findings go below them.  F9 hides the agencies and
   * years, and the findings come beside the tables. */
  {
    GtkWidget *list = find_with_css_class (window->report_view, "findings-list");
    graphene_rect_t list_bounds, grid_bounds;

    g_assert_nonnull (list);
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >=, 1200);
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1280);
    g_assert_true (gtk_widget_compute_bounds (list, window->report_view, &list_bounds));
    g_assert_true (gtk_widget_compute_bounds (grid, window->report_view, &grid_bounds));
    g_assert_cmpfloat (list_bounds.origin.y, >, grid_bounds.origin.y + grid_bounds.size.height);

    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL);
    wait_for_layout (GTK_WIDGET (window));
    g_assert_false (gtk_widget_get_visible (window->agencies_pane));
    g_assert_false (gtk_widget_get_visible (window->years_pane));
    g_assert_true (gtk_widget_compute_bounds (list, window->report_view, &list_bounds));
    g_assert_true (gtk_widget_compute_bounds (grid, window->report_view, &grid_bounds));
    g_assert_cmpfloat (list_bounds.origin.x, >=, grid_bounds.origin.x + grid_bounds.size.width);

    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL);
    spin_a_while ();
    g_assert_true (gtk_widget_get_visible (window->agencies_pane));
  }

  /* Alt+1 … Alt+4 switch the pages.  The pages other than the report's
   * are made when first shown, and then show what is selected. */
  g_assert_null (window->trends_view);
  g_assert_null (window->comparison_view);
  g_assert_null (window->findings_view);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "findings"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "findings");
  g_assert_nonnull (window->findings_view);
  g_assert_true (gtk_widget_is_ancestor (window->findings_view, GTK_WIDGET (window->findings_box)));
  g_assert_null (window->trends_view);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "compare"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "compare");
  g_assert_nonnull (window->comparison_view);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "trends"));
  g_assert_nonnull (window->trends_view);
  {
    GtkWidget *chart = gk_trends_view_get_chart (GK_TRENDS_VIEW (window->trends_view));
    GkChartModel *model = gk_trend_chart_get_model (GK_TREND_CHART (chart));

    g_assert_nonnull (window->agency);
    g_assert_nonnull (strstr (gk_chart_model_get_label (model), gk_agency_get_name (window->agency)));
    g_assert_cmpuint (gk_chart_model_get_n_years (model), >=, 1);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "report"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "report");

  /* Search narrows the agencies. */
  gtk_editable_set_text (GTK_EDITABLE (window->search_entry), "金谷园");
  {
    gint64 until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
    while (g_list_model_get_n_items (G_LIST_MODEL (window->agency_selection)) != 1
           && g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->agency_selection)), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
activate_cb (GApplication *app)
{
  test_window (GK_APPLICATION (app));
  g_application_quit (app);
}

static void
test_main (void)
{
  g_autoptr(GkApplication) app = gk_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  /* A library of our own, never the user's. */
  tmp_dir = g_dir_make_tmp ("gongkai-window-XXXXXX", NULL);
  data_home = g_build_filename (tmp_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      /* TAP's way of saying the whole program is skipped. */
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  g_test_add_func ("/window/drop-select-highlight", test_main);
  status = g_test_run ();
  return status;
}
