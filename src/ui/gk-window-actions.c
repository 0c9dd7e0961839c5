/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-window-actions.c: the window's actions, every one reachable from the
 * keyboard (shortcuts in gtk/help-overlay.ui). */

#define G_LOG_DOMAIN "gk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "gk-chart-export-dialog.h"
#include "gk-export-dialog.h"
#include "gk-trend-chart.h"
#include "gk-trends-view.h"
#include "gk-window-private.h"

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char * const *mime_types,
            const char * const *patterns)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; mime_types && mime_types[i]; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  for (guint i = 0; patterns && patterns[i]; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);
}

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  GkWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (list, g_list_model_get_item (files, i));
      gk_window_import_files (self, list);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
open_chooser (GkWindow             *self,
              GtkFileChooserAction  action)
{
  static const char * const all_mimes[] = {
    "text/plain", "text/markdown", "text/html", "application/xhtml+xml", "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", NULL,
  };
  static const char * const text_mimes[] = { "text/plain", NULL };
  static const char * const markdown_mimes[] = { "text/markdown", NULL };
  static const char * const markdown_patterns[] = { "*.md", "*.markdown", NULL };
  static const char * const html_mimes[] = { "text/html", "application/xhtml+xml", NULL };
  static const char * const pdf_mimes[] = { "application/pdf", NULL };
  static const char * const word_mimes[] = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", NULL,
  };
  GtkFileChooserNative *chooser;
  gboolean folders = action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;

  chooser = gtk_file_chooser_native_new (folders ? _("Open Folders of Reports") : _("Open Reports"),
                                         GTK_WINDOW (self), action, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);

  if (!folders)
    {
      add_filter (GTK_FILE_CHOOSER (chooser), _("All Reports"), all_mimes, markdown_patterns);
      add_filter (GTK_FILE_CHOOSER (chooser), _("Text"), text_mimes, NULL);
      add_filter (GTK_FILE_CHOOSER (chooser), _("Markdown"), markdown_mimes, markdown_patterns);
      add_filter (GTK_FILE_CHOOSER (chooser), _("Web Pages"), html_mimes, NULL);
      add_filter (GTK_FILE_CHOOSER (chooser), _("PDF Documents"), pdf_mimes, NULL);
      add_filter (GTK_FILE_CHOOSER (chooser), _("Word Documents"), word_mimes, NULL);
    }

  g_signal_connect (chooser, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  open_chooser (GK_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_chooser (GK_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

/* The seed reports installed with the app, so that a first-time user sees
 * everything work in one click.  GK_SAMPLES_DIR points at the source
 * tree's copies when running uninstalled. */
static void
import_samples_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GkWindow *self = GK_WINDOW (widget);
  const char *dir = g_getenv ("GK_SAMPLES_DIR");
  g_autofree char *path = g_build_filename (dir ? dir : PKGDATADIR, dir ? "" : "samples", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *msg = g_strdup_printf (_("The sample reports are not installed (%s)"), path);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (msg));
      return;
    }

  g_ptr_array_add (files, g_file_new_for_path (path));
  gk_window_import_files (self, files);
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  gk_window_cancel_import (GK_WINDOW (widget));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GkWindow *self = GK_WINDOW (widget);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->library)) == 0)
    return;
  adw_leaflet_set_visible_child (self->leaflet, self->agencies_pane);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GkWindow *self = GK_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Alt+1 … Alt+4: the pages of the detail, by name.  On a folded window
 * the detail is brought forward too. */
static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GkWindow *self = GK_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, name);
  if (adw_leaflet_get_folded (self->leaflet)
      && g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "library") == 0)
    adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}

/* ---------------------------------------------------------------------- */
/* Corrections                                                            */

static void
correct_agency_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            GkWindow         *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (g_strcmp0 (response, "correct") != 0 || self->report == NULL)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  if (*name == '\0')
    return;

  if (!gk_library_correct_agency (self->library, self->report, name, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  else
    _gk_window_select_agency_named (self, name);
}

static void
correct_agency_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GkWindow *self = GK_WINDOW (widget);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (self->report == NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Correct the Agency"),
                                                       _("The name is kept as a correction: it survives re-reading the report.")));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), gk_report_get_agency (self->report) ? gk_report_get_agency (self->report) : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "correct", _("C_orrect"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "correct", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "correct");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (correct_agency_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
correct_year_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          GkWindow         *self)
{
  GtkSpinButton *spin = g_object_get_data (G_OBJECT (dialog), "spin");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "correct") != 0 || self->report == NULL)
    return;

  if (!gk_library_correct_year (self->library, self->report, gtk_spin_button_get_value_as_int (spin), &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
correct_year_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GkWindow *self = GK_WINDOW (widget);
  AdwMessageDialog *dialog;
  GtkWidget *spin;
  int year;

  if (self->report == NULL)
    return;

  year = gk_report_get_year (self->report);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Correct the Year"),
                                                       _("The year the report covers, kept as a correction.")));
  spin = gtk_spin_button_new_with_range (1990, 2100, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), year > 0 ? year : 2021);
  gtk_widget_set_halign (spin, GTK_ALIGN_CENTER);
  adw_message_dialog_set_extra_child (dialog, spin);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "correct", _("C_orrect"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "correct", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "correct");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "spin", spin);
  g_signal_connect_object (dialog, "response", G_CALLBACK (correct_year_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
merge_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   GkWindow         *self)
{
  GtkDropDown *dropdown = g_object_get_data (G_OBJECT (dialog), "dropdown");
  GtkStringObject *choice;
  g_autoptr(GError) error = NULL;
  g_autofree char *alias = NULL;
  const char *canonical;

  if (g_strcmp0 (response, "merge") != 0 || self->agency == NULL)
    return;

  choice = gtk_drop_down_get_selected_item (dropdown);
  if (choice == NULL)
    return;

  alias = g_strdup (gk_agency_get_name (self->agency));
  canonical = gtk_string_object_get_string (choice);
  if (!gk_library_merge_agencies (self->library, alias, canonical, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  else
    _gk_window_select_agency_named (self, canonical);
}

static void
merge_agency_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GkWindow *self = GK_WINDOW (widget);
  GListModel *agencies = gk_library_get_agencies (self->library);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  AdwMessageDialog *dialog;
  GtkWidget *dropdown;

  if (self->agency == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (agencies); i++)
    {
      g_autoptr(GkAgency) agency = g_list_model_get_item (agencies, i);
      if (agency != self->agency)
        gtk_string_list_append (names, gk_agency_get_name (agency));
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (names)) == 0)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("There is no other agency to merge with")));
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Merge Two Spellings"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("List the reports of “%s” under the agency chosen below. "
                                    "The merge is kept and applies to reports imported later."),
                                  gk_agency_get_name (self->agency));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
  gtk_drop_down_set_expression (GTK_DROP_DOWN (dropdown),
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  adw_message_dialog_set_extra_child (dialog, dropdown);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "merge", _("_Merge"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "dropdown", dropdown);
  g_signal_connect_object (dialog, "response", G_CALLBACK (merge_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    GkWindow         *self)
{
  g_autoptr(GError) error = NULL;
  GkReport *report = self->report;

  if (g_strcmp0 (response, "remove") != 0 || report == NULL)
    return;

  _gk_window_show_report (self, NULL);
  if (!gk_library_remove_report (self->library, report, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
remove_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GkWindow *self = GK_WINDOW (widget);
  AdwMessageDialog *dialog;

  if (self->report == NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Remove the Report?"), NULL));
  adw_message_dialog_format_body (dialog, _("“%s” will be removed from the library. The file itself is not touched."),
                                  gk_report_get_source_name (self->report));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GkWindow *self = GK_WINDOW (widget);
  GtkWidget *chart;

  /* Showing the page makes it, if it was never shown. */
  adw_view_stack_set_visible_child_name (self->view_stack, "trends");
  chart = gk_trends_view_get_chart (GK_TRENDS_VIEW (self->trends_view));
  /* The size is asked first, then the file. */
  gk_chart_export_dialog_present (GTK_WINDOW (self), GK_TREND_CHART (chart), self->toast_overlay);
}

/* ---------------------------------------------------------------------- */
/* Exports: the check sheet of a report, the whole library                */

static void
open_file_cb (AdwToast *toast,
              GkWindow *self)
{
  GFile *file = g_object_get_data (G_OBJECT (toast), "file");
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

/* A toast naming the file, with a button that opens it. */
static void
toast_written (GkWindow   *self,
               const char *message,
               GFile      *file)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_timeout (toast, 8);
  g_object_set_data_full (G_OBJECT (toast), "file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (open_file_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_export_error (GkWindow     *self,
                   const char   *heading,
                   GFile        *file,
                   const GError *error)
{
  g_autofree char *name = g_file_get_parse_name (file);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, NULL));
  /* Translators: the file, then what went wrong */
  adw_message_dialog_format_body (dialog, _("Writing “%s” failed: %s"), name, error->message);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  GkStore *store;
  gint64   report_id;
  GFile   *file;
} SheetJob;

static void
sheet_job_free (gpointer data)
{
  SheetJob *job = data;

  g_object_unref (job->store);
  g_object_unref (job->file);
  g_free (job);
}

/* The report is read afresh from the store in the thread: the one on
 * screen belongs to the main thread, and the store's copy has every
 * verdict saved so far. */
static void
sheet_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  SheetJob *job = task_data;
  g_autoptr(GkReport) report = NULL;
  GError *error = NULL;

  report = gk_store_load_report (job->store, job->report_id, &error);
  if (report == NULL
      || !gk_check_sheet_write_pdf_file (report, job->file, 0, 0, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
sheet_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GkWindow *self = GK_WINDOW (source);
  SheetJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    show_export_error (self, _("The Check Sheet Could Not Be Saved"), job->file, error);
  else
    {
      g_autofree char *name = g_file_get_basename (job->file);
      /* Translators: a toast; %s is the file's name */
      g_autofree char *message = g_strdup_printf (_("Check sheet saved as “%s”"), name);

      toast_written (self, message, job->file);
    }
}

static void
sheet_chooser_response_cb (GtkNativeDialog *chooser,
                           int              response,
                           GkWindow        *self)
{
  gint64 report_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (chooser), "report-id"));

  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, NULL, sheet_done_cb, NULL);
      SheetJob *job = g_new0 (SheetJob, 1);

      job->store = g_object_ref (self->store);
      job->report_id = report_id;
      job->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_task_set_task_data (task, job, sheet_job_free);
      g_task_set_source_tag (task, sheet_chooser_response_cb);
      g_task_run_in_thread (task, sheet_thread);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_check_sheet_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  GkWindow *self = GK_WINDOW (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;
  g_autofree char *name = NULL;
  gint64 report_id;

  if (self->report == NULL || self->store == NULL)
    return;
  report_id = gk_store_report_id (self->report);
  if (report_id <= 0)
    return;

  chooser = gtk_file_chooser_native_new (_("Export Check Sheet"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF Documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  name = gk_check_sheet_default_name (self->report);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  /* The report chosen now, even if another is shown when the file is. */
  g_object_set_data (G_OBJECT (chooser), "report-id", GSIZE_TO_POINTER ((gsize) report_id));
  g_signal_connect (chooser, "response", G_CALLBACK (sheet_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
library_exported_cb (GkExportDialog *dialog,
                     guint           n_reports,
                     GFile          *file,
                     GkWindow       *self)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;

  /* Translators: a toast; %u is a number of reports, %s a file name */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u report to “%s”",
                                          "Exported %u reports to “%s”", n_reports),
                             n_reports, name);
  toast_written (self, message, file);
}

static guint
count_reports (GkWindow *self)
{
  GListModel *agencies = gk_library_get_agencies (self->library);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (agencies); i++)
    {
      g_autoptr(GListModel) agency = g_list_model_get_item (agencies, i);
      n += g_list_model_get_n_items (agency);
    }
  return n;
}

static void
export_library_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GkWindow *self = GK_WINDOW (widget);
  GkExportDialog *dialog;

  if (self->store == NULL || self->library == NULL)
    return;

  dialog = gk_export_dialog_new (GTK_WINDOW (self), self->store, count_reports (self));
  g_signal_connect_object (dialog, "exported", G_CALLBACK (library_exported_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_gk_window_update_actions (GkWindow *self)
{
  gboolean busy = self->importer != NULL && gk_window_is_importing (self);
  gboolean has_report = self->report != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-folder", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-samples", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.correct-agency", has_report);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.correct-year", has_report);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.merge-agency", self->agency != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-report", has_report && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-check-sheet", has_report && self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-library",
                                 self->store != NULL && self->library != NULL
                                 && g_list_model_get_n_items (G_LIST_MODEL (self->library)) > 0);
}

void
_gk_window_class_actions_init (GkWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder", NULL, open_folder_action);
  gtk_widget_class_install_action (widget_class, "win.import-samples", NULL, import_samples_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL, cancel_import_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.correct-agency", NULL, correct_agency_action);
  gtk_widget_class_install_action (widget_class, "win.correct-year", NULL, correct_year_action);
  gtk_widget_class_install_action (widget_class, "win.merge-agency", NULL, merge_agency_action);
  gtk_widget_class_install_action (widget_class, "win.remove-report", NULL, remove_report_action);
  gtk_widget_class_install_action (widget_class, "win.export-chart", NULL, export_chart_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-sidebar", "sidebar-visible");
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.export-check-sheet", NULL, export_check_sheet_action);
  gtk_widget_class_install_action (widget_class, "win.export-library", NULL, export_library_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-import", NULL);
  /* The check sheet is what gets printed: Ctrl+P, as Print elsewhere. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.export-check-sheet", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-page", "s", "report");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-page", "s", "trends");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-page", "s", "compare");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-page", "s", "findings");
}
