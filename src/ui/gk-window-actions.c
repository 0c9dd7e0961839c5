/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-window-actions.c: the window's actions, every one reachable from the
 * keyboard (shortcuts in gtk/help-overlay.ui). */

#define G_LOG_DOMAIN "gk-window"

#include "config.h"

#include <glib/gi18n.h>

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
  GkWindow *self = GK_WINDOW (widget);

  g_cancellable_cancel (self->import_cancellable);
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

  adw_view_stack_set_visible_child_name (self->view_stack, "trends");
  gk_trends_view_export (GK_TRENDS_VIEW (self->trends_view));
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

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-sidebar", NULL);
}
