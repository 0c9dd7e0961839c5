/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Hostile files dropped onto the window (tests/gk-hostile.c): a folder of
 * them, and the pipe, the device and the broken links themselves.  The app
 * lives on, the one report among them is in the library, and the details
 * of the import list every other file as failed, with its reason.
 * Skipped where GTK cannot open a display. */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "gk-application.h"
#include "gk-hostile.h"
#include "gk-report-view.h"
#include "gk-table-grid.h"
#include "gk-window-private.h"

static char *tmp_dir;

static void
spin_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

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
  gint64 until = g_get_monotonic_time () + 300 * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
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

/* Reports come without their tables; showing one reads them first. */
static gboolean
report_shown (gpointer data)
{
  GkWindow *window = data;
  const char *page = gtk_stack_get_visible_child_name (window->report_stack);

  return g_strcmp0 (page, "opening") != 0;
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

/* Every descendant of @widget of @type, depth first. */
static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, found);
}

/* The toast's button that opens the details of the import. */
static GtkWidget *
find_details_button (GkWindow *window)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (window->toast_overlay), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), "_Details") == 0)
      return g_ptr_array_index (buttons, i);
  return NULL;
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static void
drop (GkWindow  *window,
      GSList    *files)
{
  GtkDropTarget *target = find_drop_target (GTK_WIDGET (window));
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_assert_nonnull (target);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, files);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);
  g_value_unset (&value);
}

static void
test_window (GkApplication *app)
{
  GkWindow *window = gk_window_new (app);
  g_autofree char *hostile = g_build_filename (tmp_dir, "hostile", NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  const GkHostileFile *files;
  GSList *list = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *details;
  guint n_files, n_failed = 0;

  g_assert_cmpint (g_mkdir (hostile, 0700), ==, 0);
  files = gk_hostile_write_dir (hostile, &n_files);

  gtk_window_present (GTK_WINDOW (window));
  spin_until (library_open, window);

  /* The folder, and what a folder never yields: the pipe, the device and
   * the broken links. */
  list = g_slist_append (list, g_file_new_for_path (hostile));
  for (guint i = 0; i < n_files; i++)
    if (!files[i].regular)
      {
        g_autofree char *path = g_build_filename (hostile, files[i].name, NULL);
        list = g_slist_append (list, g_file_new_for_path (path));
      }
  drop (window, list);
  spin_until (import_done, window);
  spin_a_while ();

  /* The one report among them is in the library, and shows, no cell
   * longer than a cell can be. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "library");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->library)), ==, 1);
  {
    g_autoptr(GkReport) report = g_list_model_get_item (G_LIST_MODEL (window->library), 0);

    _gk_window_select_agency_named (window, gk_report_get_agency (report));
    spin_until (report_shown, window);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (window->report_stack), ==, "report");
    spin_a_while ();
    {
      GtkWidget *grid = gk_report_view_get_table_grid (GK_REPORT_VIEW (window->report_view), GK_TABLE_3);
      GtkWidget *cell = gk_table_grid_get_cell_widget (GK_TABLE_GRID (grid), "t3/new/total");

      g_assert_nonnull (cell);
      g_assert_cmpint (g_utf8_strlen (gtk_label_get_label (GTK_LABEL (cell)), -1), <=, GK_PARSE_DEFAULT_MAX_CELL_LENGTH);
    }
  }

  /* The toast says files failed; its button lists them. */
  details = find_details_button (window);
  g_assert_nonnull (details);
  g_signal_emit_by_name (details, "clicked");
  spin_a_while ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);

  collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < n_files; i++)
    {
      AdwActionRow *row = NULL;
      const char *reason;

      for (guint r = 0; r < rows->len && row == NULL; r++)
        if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, r)), files[i].name) == 0)
          row = g_ptr_array_index (rows, r);

      if (!files[i].must_fail)
        {
          g_assert_null (row);
          continue;
        }

      n_failed++;
      if (row == NULL)
        g_error ("%s is not listed among the files that failed", files[i].name);
      reason = adw_action_row_get_subtitle (row);
      g_test_message ("%s: %s", files[i].name, reason);
      g_assert_nonnull (reason);
      g_assert_cmpstr (reason, !=, "");
      if (files[i].reason != NULL)
        g_assert_nonnull (strstr (reason, files[i].reason));
    }
  g_assert_cmpuint (rows->len, ==, n_failed);

  gtk_window_destroy (GTK_WINDOW (dialog));
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

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  /* A library of our own, never the user's. */
  tmp_dir = g_dir_make_tmp ("gongkai-hostile-XXXXXX", NULL);
  data_home = g_build_filename (tmp_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      remove_tree (tmp_dir);
      return 0;
    }

  g_test_add_func ("/window/hostile-drop", test_main);
  status = g_test_run ();

  remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
