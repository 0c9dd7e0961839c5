/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-window"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "gk-findings-view.h"
#include "gk-report-view.h"
#include "gk-trends-view.h"
#include "gk-comparison-view.h"
#include "gk-window-private.h"

/* The main window: agencies → an agency's reports → a report, in a
 * leaflet that folds on narrow screens; an empty library shows an
 * invitation to drop reports instead.  The window observes the library
 * model and never touches the store or a report's text itself. */

G_DEFINE_FINAL_TYPE (GkWindow, gk_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_LOADING,
  PROP_SIDEBAR_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_main_page (GkWindow *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->library)) == 0;

  if (self->loading)
    gtk_stack_set_visible_child_name (self->main_stack, "loading");
  else
    gtk_stack_set_visible_child_name (self->main_stack, empty ? "empty" : "library");
  gtk_spinner_set_spinning (self->loading_spinner, self->loading);
}

static void
library_changed_cb (GkWindow   *self,
                    guint       position,
                    guint       removed,
                    guint       added,
                    GListModel *library)
{
  guint n_agencies = g_list_model_get_n_items (gk_library_get_agencies (self->library));
  g_autofree char *subtitle = NULL;

  update_main_page (self);

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u report", "%u reports",
                                           g_list_model_get_n_items (library)),
                              g_list_model_get_n_items (library));
  adw_window_title_set_subtitle (self->agencies_title, n_agencies ? subtitle : NULL);
}

/* ---------------------------------------------------------------------- */
/* Agency rows                                                            */

static void
agency_row_update (GtkListItem *item)
{
  GkAgency *agency = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = g_object_get_data (G_OBJECT (box), "name");
  GtkWidget *detail = g_object_get_data (G_OBJECT (box), "detail");
  GtkWidget *mark = g_object_get_data (G_OBJECT (box), "mark");
  g_autofree char *years = NULL;
  g_autofree char *text = NULL;
  guint n_reports, n_errors;

  if (agency == NULL)
    return;

  n_reports = gk_agency_get_n_reports (agency);
  n_errors = gk_agency_get_n_errors (agency);
  years = gk_agency_dup_years_text (agency);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u report", "%u reports", n_reports), n_reports);
  if (*years)
    {
      g_autofree char *with_years = g_strdup_printf ("%s · %s", years, text);
      g_free (text);
      text = g_steal_pointer (&with_years);
    }

  gtk_label_set_label (GTK_LABEL (name), gk_agency_get_name (agency));
  gtk_label_set_label (GTK_LABEL (detail), text);
  gtk_widget_set_visible (mark, n_errors > 0);
  if (n_errors > 0)
    {
      g_autofree char *tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%u report has errors",
                                                           "%u reports have errors", n_errors),
                                              n_errors);
      gtk_widget_set_tooltip_text (mark, tip);
    }
}

static void
agency_notify_cb (GkAgency    *agency,
                  GParamSpec  *pspec,
                  GtkListItem *item)
{
  agency_row_update (item);
}

static void
agency_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 GkWindow                 *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *mark = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (mark, "error");
  gtk_widget_set_valign (mark, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), detail);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), mark);

  g_object_set_data (G_OBJECT (box), "name", name);
  g_object_set_data (G_OBJECT (box), "detail", detail);
  g_object_set_data (G_OBJECT (box), "mark", mark);
  gtk_list_item_set_child (item, box);
}

static void
agency_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                GkWindow                 *self)
{
  GkAgency *agency = gtk_list_item_get_item (item);

  agency_row_update (item);
  g_signal_connect_object (agency, "notify::n-errors", G_CALLBACK (agency_notify_cb), item, 0);
  g_signal_connect_object (agency, "notify::n-reports", G_CALLBACK (agency_notify_cb), item, 0);
}

static void
agency_unbind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  GkWindow                 *self)
{
  GkAgency *agency = gtk_list_item_get_item (item);

  if (agency != NULL)
    g_signal_handlers_disconnect_by_func (agency, agency_notify_cb, item);
}

/* ---------------------------------------------------------------------- */
/* Report rows (an agency's years)                                        */

static void
year_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               GkWindow                 *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *year = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *mark = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *version = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (year), 0);
  gtk_widget_add_css_class (year, "heading");
  gtk_widget_add_css_class (version, "version-badge");
  gtk_widget_set_valign (version, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (heading), year);
  gtk_box_append (GTK_BOX (heading), version);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_set_valign (mark, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  gtk_box_append (GTK_BOX (labels), heading);
  gtk_box_append (GTK_BOX (labels), detail);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), mark);

  g_object_set_data (G_OBJECT (box), "version", version);
  g_object_set_data (G_OBJECT (box), "year", year);
  g_object_set_data (G_OBJECT (box), "detail", detail);
  g_object_set_data (G_OBJECT (box), "mark", mark);
  gtk_list_item_set_child (item, box);
}

static const char *
template_name (GkTemplate template_)
{
  switch (template_)
    {
    case GK_TEMPLATE_2019:   return _("2019 template");
    case GK_TEMPLATE_2021:   return _("2021 template");
    case GK_TEMPLATE_LEGACY: return _("Before 2019");
    case GK_TEMPLATE_UNKNOWN:
    default:                 return _("Not recognised");
    }
}

static void
year_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              GkWindow                 *self)
{
  GkReport *report = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *year = g_object_get_data (G_OBJECT (box), "year");
  GtkWidget *detail = g_object_get_data (G_OBJECT (box), "detail");
  GtkWidget *mark = g_object_get_data (G_OBJECT (box), "mark");
  guint n_errors = gk_report_count_findings (report, GK_FINDING_FAILED, GK_SEVERITY_ERROR);
  guint n_warnings = gk_report_count_findings (report, GK_FINDING_FAILED, GK_SEVERITY_WARNING);
  g_autofree char *year_text = NULL;
  g_autofree char *detail_text = NULL;

  if (gk_report_get_year (report) > 0)
    year_text = g_strdup_printf ("%d", gk_report_get_year (report));
  else
    year_text = g_strdup (_("Year unknown"));

  detail_text = g_strdup_printf ("%s · %s", template_name (gk_report_get_template (report)),
                                 gk_report_get_source_name (report) ? gk_report_get_source_name (report) : "");

  gtk_label_set_label (GTK_LABEL (year), year_text);
  gtk_label_set_label (GTK_LABEL (detail), detail_text);

  /* Two reports of one agency and year: the second is flagged, so the
   * user sees there is a version to choose between. */
  {
    GtkWidget *version = g_object_get_data (G_OBJECT (box), "version");
    guint number = gk_store_report_version (report);

    gtk_widget_set_visible (version, number > 1);
    if (number > 1)
      {
        g_autofree char *text = g_strdup_printf (_("version %u"), number);
        gtk_label_set_label (GTK_LABEL (version), text);
        gtk_widget_set_tooltip_text (version, _("The library holds another report for this agency and year"));
      }
  }
  gtk_widget_set_visible (mark, n_errors + n_warnings > 0);
  gtk_widget_remove_css_class (mark, "error");
  gtk_widget_remove_css_class (mark, "warning");
  gtk_widget_add_css_class (mark, n_errors ? "error" : "warning");
  if (n_errors + n_warnings > 0)
    {
      g_autofree char *tip = g_strdup_printf (_("%u errors, %u warnings"), n_errors, n_warnings);
      gtk_widget_set_tooltip_text (mark, tip);
    }
}

/* ---------------------------------------------------------------------- */

static void
present_report (GkWindow *self)
{
  gtk_spinner_stop (self->report_spinner);
  gk_report_view_set_report (GK_REPORT_VIEW (self->report_view), self->report);
  gtk_stack_set_visible_child_name (self->report_stack, self->report ? "report" : "none");
  _gk_window_update_actions (self);
  if (self->report != NULL && self->report == self->pending_report)
    {
      gk_report_view_select_finding_id (GK_REPORT_VIEW (self->report_view), self->pending_finding);
      g_clear_pointer (&self->pending_finding, g_free);
      self->pending_report = NULL;
    }
}

static void
report_contents_loaded_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GkWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GkReport *report = g_object_get_data (G_OBJECT (result), "report");

  if (!gk_library_load_contents_finish (GK_LIBRARY (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (report == self->report)
        {
          g_autofree char *message = g_strdup_printf (_("The report cannot be opened: %s"), error->message);

          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
          self->report = NULL;
          present_report (self);
        }
      return;
    }

  if (report == self->report)
    present_report (self);
}

/* The user confirmed or dismissed a finding of the report shown. */
static void
verdict_requested_cb (GkWindow   *self,
                      GkFinding  *finding,
                      int         verdict,
                      const char *note)
{
  g_autoptr(GError) error = NULL;

  if (self->report == NULL)
    return;

  if (!gk_library_set_verdict (self->library, self->report, finding, verdict, note, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The verdict could not be saved: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }
}

/* The user settled a version conflict (D1) from the report shown. */
static void
use_version_requested_cb (GkWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->report == NULL)
    return;

  if (!gk_library_set_active_version (self->library, self->report, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The version could not be chosen: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }
}

/* A row of the findings page: its report, on the Report page, with the
 * finding selected and its cells highlighted. */
static void
finding_activated_cb (GkWindow   *self,
                      gint64      report_id,
                      const char *finding_id)
{
  GkReport *report = gk_library_find_report (self->library, report_id);
  GkAgency *agency;
  guint position;

  if (report == NULL)
    return;
  agency = gk_library_find_agency_of (self->library, report);
  if (agency == NULL)
    return;

  g_free (self->pending_finding);
  self->pending_finding = g_strdup (finding_id);
  self->pending_report = report;
  if (self->agency != agency)
    _gk_window_select_agency_named (self, gk_agency_get_name (agency));
  for (position = 0; position < gk_agency_get_n_reports (agency); position++)
    {
      g_autoptr(GkReport) item = g_list_model_get_item (G_LIST_MODEL (agency), position);
      if (item == report)
        break;
    }
  if (self->agency == agency)
    gtk_single_selection_set_selected (self->year_selection, position);
  adw_view_stack_set_visible_child_name (self->view_stack, "report");
  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);

  /* Already shown: no selection changed, so select it here. */
  if (self->report == report && gk_report_has_contents (report))
    present_report (self);
}

/* The library keeps reports without their tables; the first time one is
 * shown they are read from the store in a worker thread, behind a
 * spinner, so that a large library costs little memory and the window
 * never waits on the disk. */
void
_gk_window_show_report (GkWindow *self,
                        GkReport *report)
{
  g_cancellable_cancel (self->report_cancellable);
  g_clear_object (&self->report_cancellable);

  self->report = report;
  if (report != NULL && self->settings != NULL)
    g_settings_set_int64 (self->settings, "last-report-id", gk_store_report_id (report));

  if (report == NULL || gk_report_has_contents (report))
    {
      present_report (self);
      return;
    }

  self->report_cancellable = g_cancellable_new ();
  gk_report_view_set_report (GK_REPORT_VIEW (self->report_view), NULL);
  gtk_stack_set_visible_child_name (self->report_stack, "opening");
  gtk_spinner_start (self->report_spinner);
  _gk_window_update_actions (self);
  gk_library_load_contents_async (self->library, report, self->report_cancellable,
                                  report_contents_loaded_cb, g_object_ref (self));
}

/* In GTK 4.8, a drop-down whose item is chosen closes its popover while
 * the focus is still inside; as the popover unmaps, the agencies' list
 * selects a row (its first, or the one after) though nobody chose it,
 * and another report shows.  No one selects an agency or a year from
 * inside a popover, so a selection made while the focus is in one is
 * undone. */
static gboolean
focus_is_in_popover (GkWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL;
}

/* Selects @item in @selection again; FALSE when it is not there. */
static gboolean
reselect (GtkSingleSelection *selection,
          gpointer            item)
{
  GListModel *model = G_LIST_MODEL (selection);

  for (guint i = 0; item != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) candidate = g_list_model_get_item (model, i);

      if (candidate == item)
        {
          gtk_single_selection_set_selected (selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

static void
year_selected_cb (GkWindow           *self,
                  GParamSpec         *pspec,
                  GtkSingleSelection *selection)
{
  GkReport *report = gtk_single_selection_get_selected_item (selection);

  if (focus_is_in_popover (self)
      && (report == self->report || reselect (selection, self->report)))
    return;
  _gk_window_show_report (self, report);
}

static void
year_activate_cb (GkWindow    *self,
                  guint        position,
                  GtkListView *list)
{
  gtk_single_selection_set_selected (self->year_selection, position);
  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}

static void
agency_selected_cb (GkWindow           *self,
                    GParamSpec         *pspec,
                    GtkSingleSelection *selection)
{
  GkAgency *agency = gtk_single_selection_get_selected_item (selection);

  if (focus_is_in_popover (self)
      && (agency == self->agency || reselect (selection, self->agency)))
    return;

  self->agency = agency;
  gtk_single_selection_set_model (self->year_selection, agency ? G_LIST_MODEL (agency) : NULL);
  adw_window_title_set_title (self->years_title, agency ? gk_agency_get_name (agency) : _("Reports"));
  if (agency != NULL)
    {
      g_autofree char *years = gk_agency_dup_years_text (agency);
      adw_window_title_set_subtitle (self->years_title, years);
      if (self->settings != NULL)
        g_settings_set_string (self->settings, "last-agency", gk_agency_get_name (agency));
    }

  /* The newest report shows at once; the year list is one click away. */
  if (agency != NULL && gk_agency_get_n_reports (agency) > 0)
    gtk_single_selection_set_selected (self->year_selection, 0);
  else
    _gk_window_show_report (self, NULL);

  if (self->trends_view != NULL)
    gk_trends_view_set_agency (GK_TRENDS_VIEW (self->trends_view), agency);
}

static void
agency_activate_cb (GkWindow    *self,
                    guint        position,
                    GtkListView *list)
{
  gtk_single_selection_set_selected (self->agency_selection, position);
  adw_leaflet_set_visible_child (self->leaflet, self->years_pane);
}

void
_gk_window_select_agency_named (GkWindow   *self,
                                const char *name)
{
  GListModel *model = G_LIST_MODEL (self->agency_selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n && name != NULL; i++)
    {
      g_autoptr(GkAgency) agency = g_list_model_get_item (model, i);
      if (g_strcmp0 (gk_agency_get_name (agency), name) == 0)
        {
          gtk_single_selection_set_selected (self->agency_selection, i);
          return;
        }
    }
}

/* A row of the comparison: its agency and report, shown. */
static void
comparison_report_activated_cb (GkWindow *self,
                                GkReport *report)
{
  GkAgency *agency = gk_library_find_agency_of (self->library, report);
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (agency == NULL)
    return;
  /* The agency list's search could hide it. */
  if (query != NULL && *query != '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_filter_changed (self->agency_filter, GTK_FILTER_CHANGE_LESS_STRICT);
    }
  _gk_window_select_agency_named (self, gk_agency_get_name (agency));
  for (guint i = 0; self->agency == agency && i < g_list_model_get_n_items (G_LIST_MODEL (agency)); i++)
    {
      g_autoptr(GkReport) item = g_list_model_get_item (G_LIST_MODEL (agency), i);
      if (item == report)
        gtk_single_selection_set_selected (self->year_selection, i);
    }
  adw_view_stack_set_visible_child_name (self->view_stack, "report");
  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}

static gboolean
agency_matches (gpointer item,
                gpointer user_data)
{
  GkWindow *self = user_data;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *haystack = NULL;
  g_autofree char *needle = NULL;

  if (query == NULL || *query == '\0')
    return TRUE;

  /* Full-width and half-width spellings match each other. */
  haystack = gk_normalize_compact (gk_agency_get_name (item));
  needle = gk_normalize_compact (query);
  return strstr (haystack, needle) != NULL;
}

static void
search_changed_cb (GkWindow       *self,
                   GtkSearchEntry *entry)
{
  gtk_filter_changed (self->agency_filter, GTK_FILTER_CHANGE_DIFFERENT);
}

/* ---------------------------------------------------------------------- */
/* The library                                                            */

static void
library_error_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           GkWindow         *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = gk_store_default_path ();
  g_autofree char *moved_to = NULL;

  if (g_strcmp0 (response, "fresh") != 0)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (!gk_store_set_aside (path, &moved_to, &error))
    {
      g_autofree char *msg = g_strdup_printf (_("The old library could not be moved aside: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (msg));
      return;
    }

  self->store = gk_store_open (path, &error);
  if (self->store == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  g_clear_object (&self->library);
  g_clear_object (&self->importer);
  /* Rebuilding the window's models is simplest done by a new window. */
  {
    GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
    GkWindow *window;

    g_clear_object (&self->store);
    window = gk_window_new (GK_APPLICATION (app));
    gtk_window_present (GTK_WINDOW (window));
    {
      g_autofree char *msg = g_strdup_printf (_("Started a fresh library; the old one was kept as %s"), moved_to);
      adw_toast_overlay_add_toast (window->toast_overlay, adw_toast_new (msg));
    }
    gtk_window_destroy (GTK_WINDOW (self));
  }
}

static gboolean
report_library_error_cb (gpointer user_data)
{
  GkWindow *self = user_data;
  const char *message = g_object_get_data (G_OBJECT (self), "library-error");
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("The Library Could Not Be Opened"),
                                                       NULL));
  adw_message_dialog_format_body (dialog,
                                  _("%s\n\nYou can start a fresh library; the old file is kept beside it, untouched."),
                                  message);
  adw_message_dialog_add_responses (dialog,
                                    "quit", _("_Quit"),
                                    "fresh", _("_Start a Fresh Library"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "fresh", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "fresh");
  adw_message_dialog_set_close_response (dialog, "quit");
  g_signal_connect (dialog, "response", G_CALLBACK (library_error_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));

  return G_SOURCE_REMOVE;
}

/* The agency and report shown when the window was last closed. */
static void
restore_selection (GkWindow *self)
{
  g_autofree char *last = NULL;
  gint64 last_report;

  if (self->settings == NULL)
    return;

  last = g_settings_get_string (self->settings, "last-agency");
  last_report = g_settings_get_int64 (self->settings, "last-report-id");
  _gk_window_select_agency_named (self, last);

  for (guint i = 0; self->agency != NULL && i < gk_agency_get_n_reports (self->agency); i++)
    {
      g_autoptr(GkReport) report = g_list_model_get_item (G_LIST_MODEL (self->agency), i);

      if (last_report > 0 && gk_store_report_id (report) == last_report)
        {
          gtk_single_selection_set_selected (self->year_selection, i);
          break;
        }
    }
}

static void start_queued_import (GkWindow *self);

static void
library_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GkWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->loading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  if (!gk_library_load_finish (GK_LIBRARY (object), result, &error))
    {
      g_object_set_data_full (G_OBJECT (self), "library-error", g_strdup (error->message), g_free);
      report_library_error_cb (self);
      /* Not into a library that cannot be read: its dialog says why. */
      g_clear_pointer (&self->queued_files, g_ptr_array_unref);
    }

  update_main_page (self);
  _gk_window_update_actions (self);
  restore_selection (self);
  start_queued_import (self);
}

static void first_frame_painted_cb (GdkFrameClock *clock,
                                    GkWindow      *self);

static void
start_loading (GkWindow *self)
{
  if (self->load_started)
    return;
  self->load_started = TRUE;
  g_clear_handle_id (&self->load_timeout_id, g_source_remove);
  /* By function: GTK's own handlers on the clock have the window as data. */
  if (self->first_frame_clock != NULL)
    g_signal_handlers_disconnect_by_func (self->first_frame_clock, first_frame_painted_cb, self);
  g_clear_object (&self->first_frame_clock);

  gk_library_load_async (self->library, NULL, library_loaded_cb, g_object_ref (self));
}

static gboolean
load_timeout_cb (gpointer user_data)
{
  GkWindow *self = user_data;

  self->load_timeout_id = 0;
  start_loading (self);
  return G_SOURCE_REMOVE;
}

static void
first_frame_painted_cb (GdkFrameClock *clock,
                        GkWindow      *self)
{
  start_loading (self);
}

static void
window_realized_cb (GkWindow *self)
{
  if (self->load_started)
    return;
  self->first_frame_clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  g_signal_connect (self->first_frame_clock, "after-paint", G_CALLBACK (first_frame_painted_cb), self);
}

/* The window shows itself at once, with a spinner; a large library is
 * read in a worker thread, and imports wait until it is open.  The
 * reading starts once the first frame is painted: on two cores, a
 * thread that allocates ten thousand reports slows the main thread's
 * start-up (they share the process's page tables and allocator) for no
 * gain, since nothing of the library can be shown before the window is.
 * A window that is never shown, as in some tests, reads it all the same
 * after a moment. */
static void
open_library (GkWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = gk_store_default_path ();

  self->store = gk_store_open (path, &error);
  if (self->store == NULL)
    {
      /* The window still opens, empty, and asks what to do. */
      g_object_set_data_full (G_OBJECT (self), "library-error", g_strdup (error->message), g_free);
      g_idle_add_full (G_PRIORITY_DEFAULT, report_library_error_cb, g_object_ref (self), g_object_unref);
      self->library = gk_library_new (NULL);
      self->importer = gk_importer_new (NULL);
      return;
    }

  self->library = gk_library_new (self->store);
  self->importer = gk_importer_new (self->store);
  self->loading = TRUE;
  g_signal_connect (self, "realize", G_CALLBACK (window_realized_cb), NULL);
  self->load_timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, 500, load_timeout_cb,
                                              g_object_ref (self), g_object_unref);
}

/* ---------------------------------------------------------------------- */
/* Import                                                                 */

static void
progress_changed_cb (GkWindow   *self,
                     GParamSpec *pspec,
                     GkImporter *importer)
{
  g_autofree char *text = NULL;
  const char *name = gk_importer_get_current_name (importer);

  gtk_progress_bar_set_fraction (self->progress_bar, gk_importer_get_fraction (importer));
  /* Translators: "Importing 3 of 10: report.txt" */
  text = g_strdup_printf (_("Importing %u of %u: %s"),
                          MIN (gk_importer_get_n_done (importer) + 1, gk_importer_get_n_total (importer)),
                          gk_importer_get_n_total (importer),
                          name ? name : "");
  gtk_label_set_label (self->progress_label, text);
}

static void
show_failures (GkWindow  *self,
               GPtrArray *outcomes)
{
  AdwMessageDialog *dialog;
  GtkWidget *list, *scroller;
  guint n_failed = 0;

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  for (guint i = 0; i < outcomes->len; i++)
    {
      GkImportOutcome *outcome = g_ptr_array_index (outcomes, i);
      g_autofree char *name = NULL;
      GtkWidget *row;

      if (gk_import_outcome_get_status (outcome) != GK_IMPORT_FAILED)
        continue;
      n_failed++;
      name = g_file_get_basename (gk_import_outcome_get_file (outcome));
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), gk_import_outcome_get_message (outcome));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       g_dngettext (GETTEXT_PACKAGE,
                                                                    "A File Could Not Be Imported",
                                                                    "Files Could Not Be Imported",
                                                                    n_failed),
                                                       _("Nothing already in the library was changed.")));
  adw_message_dialog_set_extra_child (dialog, scroller);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 480, -1);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
toast_details_cb (AdwToast *toast,
                  GkWindow *self)
{
  GPtrArray *outcomes = g_object_get_data (G_OBJECT (toast), "outcomes");

  show_failures (self, outcomes);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GkWindow) self = user_data;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GError) error = NULL;
  guint n_added = 0, n_duplicates = 0, n_failed = 0, n_versions = 0;
  GkReport *first = NULL;
  g_autofree char *text = NULL;
  AdwToast *toast;

  outcomes = gk_importer_import_finish (GK_IMPORTER (object), result, &error);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  g_clear_object (&self->import_cancellable);
  _gk_window_update_actions (self);

  if (outcomes == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      start_queued_import (self);
      return;
    }

  gk_library_add_outcomes (self->library, outcomes);

  for (guint i = 0; i < outcomes->len; i++)
    {
      GkImportOutcome *outcome = g_ptr_array_index (outcomes, i);

      switch (gk_import_outcome_get_status (outcome))
        {
        case GK_IMPORT_ADDED:
          n_added++;
          if (first == NULL)
            first = gk_import_outcome_get_report (outcome);
          break;
        case GK_IMPORT_NEW_VERSION:
          n_added++;
          n_versions++;
          if (first == NULL)
            first = gk_import_outcome_get_report (outcome);
          break;
        case GK_IMPORT_DUPLICATE:
          n_duplicates++;
          break;
        case GK_IMPORT_FAILED:
        default:
          n_failed++;
          break;
        }
    }

  /* Translators: the summary of an import, e.g. "Imported 5, duplicates 0, failed 1" */
  text = g_strdup_printf (_("Imported %u, duplicates %u, failed %u"), n_added, n_duplicates, n_failed);
  if (n_versions > 0)
    {
      g_autofree char *with_versions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                     "%s (%u second version)",
                                                                     "%s (%u second versions)", n_versions),
                                                        text, n_versions);
      g_free (text);
      text = g_steal_pointer (&with_versions);
    }

  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, n_failed ? 0 : 5);
  if (n_failed > 0)
    {
      adw_toast_set_button_label (toast, _("_Details"));
      g_object_set_data_full (G_OBJECT (toast), "outcomes", g_ptr_array_ref (outcomes),
                              (GDestroyNotify) g_ptr_array_unref);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_details_cb), self, 0);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  if (first != NULL)
    _gk_window_select_agency_named (self, gk_report_get_agency (first));

  start_queued_import (self);
}

/**
 * gk_window_is_loading:
 * @self: a #GkWindow
 *
 * Returns: whether the library is still being read
 */
gboolean
gk_window_is_loading (GkWindow *self)
{
  g_return_val_if_fail (GK_IS_WINDOW (self), FALSE);

  return self->loading;
}

/**
 * gk_window_is_importing:
 *
 * Returns: whether an import runs or waits: files are queued, or the
 *   library is still being read.  Drops and the Open dialog are refused
 *   meanwhile.
 */
gboolean
gk_window_is_importing (GkWindow *self)
{
  g_return_val_if_fail (GK_IS_WINDOW (self), FALSE);
  return self->loading || gk_importer_get_busy (self->importer)
         || (self->queued_files != NULL && self->queued_files->len > 0);
}

static void
start_import (GkWindow  *self,
              GPtrArray *files)
{
  self->import_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_label (self->progress_label, _("Looking for reports…"));
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  gk_importer_import_async (self->importer, files, self->import_cancellable,
                            import_done_cb, g_object_ref (self));
  _gk_window_update_actions (self);
}

/* Called when the library is open and when an import ends. */
static void
start_queued_import (GkWindow *self)
{
  g_autoptr(GPtrArray) files = NULL;

  if (self->queued_files == NULL || self->queued_files->len == 0)
    return;
  if (self->loading || gk_importer_get_busy (self->importer))
    return;

  files = g_steal_pointer (&self->queued_files);
  start_import (self, files);
}

/**
 * gk_window_import_files:
 * @files: (element-type GFile): files and folders
 *
 * Imports in the background.  Files that come while the library is
 * still being read or while another import runs are imported after it:
 * they come from outside the window (a double-click in Files, the
 * command line, a second launch), where a refusal would lose them.  The
 * window's own ways in, the Open dialog and drops, are refused meanwhile,
 * and show it.
 */
void
gk_window_import_files (GkWindow  *self,
                        GPtrArray *files)
{
  g_return_if_fail (GK_IS_WINDOW (self));
  g_return_if_fail (files != NULL);

  if (files->len == 0)
    return;

  if (self->loading || gk_importer_get_busy (self->importer))
    {
      if (self->queued_files == NULL)
        self->queued_files = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < files->len; i++)
        g_ptr_array_add (self->queued_files, g_object_ref (g_ptr_array_index (files, i)));

      /* At start-up the spinner says the library is opening, and the
       * import follows it at once: no need to say more. */
      if (!self->loading)
        {
          g_autofree char *text = NULL;

          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u file will be imported after the current import",
                                               "%u files will be imported after the current import",
                                               self->queued_files->len),
                                  self->queued_files->len);
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
        }
      return;
    }

  start_import (self, files);
}

/**
 * gk_window_cancel_import:
 *
 * Stops the import that runs and forgets the files waiting for it.
 */
void
gk_window_cancel_import (GkWindow *self)
{
  g_return_if_fail (GK_IS_WINDOW (self));

  g_clear_pointer (&self->queued_files, g_ptr_array_unref);
  g_cancellable_cancel (self->import_cancellable);
  _gk_window_update_actions (self);
}

/* ---------------------------------------------------------------------- */

static gboolean
gk_window_close_request (GtkWindow *window)
{
  GkWindow *self = GK_WINDOW (window);

  g_cancellable_cancel (self->import_cancellable);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (gk_window_parent_class)->close_request (window);
}

static void
gk_window_dispose (GObject *object)
{
  GkWindow *self = (GkWindow *)object;

  g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_pointer (&self->queued_files, g_ptr_array_unref);
  g_cancellable_cancel (self->report_cancellable);
  g_clear_object (&self->report_cancellable);
  g_clear_handle_id (&self->load_timeout_id, g_source_remove);
  if (self->first_frame_clock != NULL)
    g_signal_handlers_disconnect_by_func (self->first_frame_clock, first_frame_painted_cb, self);
  g_clear_object (&self->first_frame_clock);
  g_clear_pointer (&self->pending_finding, g_free);
  self->pending_report = NULL;
  if (self->importer != NULL)
    g_signal_handlers_disconnect_by_data (self->importer, self);
  if (self->library != NULL)
    g_signal_handlers_disconnect_by_data (self->library, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), GK_TYPE_WINDOW);

  g_clear_object (&self->agency_selection);
  g_clear_object (&self->year_selection);
  g_clear_object (&self->agency_filter);
  g_clear_object (&self->importer);
  g_clear_object (&self->library);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gk_window_parent_class)->dispose (object);
}

/* Hiding the agencies and the years gives a report the whole width of
 * the window, which at 1280 pixels is what puts its findings beside its
 * tables.  Folded, the leaflet shows one pane at a time anyway. */
static void
set_sidebar_visible (GkWindow *self,
                     gboolean  visible)
{
  visible = !!visible;
  if (self->sidebar_visible == visible)
    return;
  self->sidebar_visible = visible;

  gtk_widget_set_visible (self->agencies_pane, visible);
  gtk_widget_set_visible (self->agencies_separator, visible);
  gtk_widget_set_visible (self->years_pane, visible);
  gtk_widget_set_visible (self->years_separator, visible);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR_VISIBLE]);
}

static void
leaflet_folded_cb (GkWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  /* The folded leaflet needs its panes to navigate between them. */
  if (folded)
    set_sidebar_visible (self, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_button), !folded);
}

static void
gk_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  GkWindow *self = GK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_VISIBLE:
      set_sidebar_visible (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GkWindow *self = GK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_SIDEBAR_VISIBLE:
      g_value_set_boolean (value, self->sidebar_visible);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* ---------------------------------------------------------------------- */
/* Pages made when first shown                                            */

/* The Trends, Compare and Findings pages are made the first time they are
 * shown, not with the window: most sessions start on a report, and making
 * and styling three pages nobody looks at yet delayed the first frame. */
void
_gk_window_ensure_page (GkWindow   *self,
                        const char *name)
{
  if (g_strcmp0 (name, "trends") == 0 && self->trends_view == NULL)
    {
      self->trends_view = gk_trends_view_new (self->library, self->settings);
      gtk_widget_set_vexpand (self->trends_view, TRUE);
      gtk_box_append (self->trends_box, self->trends_view);
      gk_trends_view_set_agency (GK_TRENDS_VIEW (self->trends_view), self->agency);
    }
  else if (g_strcmp0 (name, "compare") == 0 && self->comparison_view == NULL)
    {
      self->comparison_view = gk_comparison_view_new (self->library);
      gtk_widget_set_vexpand (self->comparison_view, TRUE);
      g_signal_connect_object (self->comparison_view, "report-activated",
                               G_CALLBACK (comparison_report_activated_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (self->compare_box, self->comparison_view);
    }
  else if (g_strcmp0 (name, "findings") == 0 && self->findings_view == NULL)
    {
      self->findings_view = gk_findings_view_new (self->library);
      gtk_widget_set_vexpand (self->findings_view, TRUE);
      g_signal_connect_object (self->findings_view, "finding-activated",
                               G_CALLBACK (finding_activated_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (self->findings_box, self->findings_view);
    }
}

static void
view_stack_page_changed_cb (GkWindow     *self,
                            GParamSpec   *pspec,
                            AdwViewStack *stack)
{
  _gk_window_ensure_page (self, adw_view_stack_get_visible_child_name (stack));
}

static void
gk_window_class_init (GkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gk_window_dispose;
  object_class->get_property = gk_window_get_property;
  object_class->set_property = gk_window_set_property;
  window_class->close_request = gk_window_close_request;

  /**
   * GkWindow:loading:
   *
   * Whether the library is still being read.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * GkWindow:sidebar-visible:
   *
   * Whether the agencies and years are shown beside the report when the
   * window is wide enough for both.
   */
  properties[PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GK_TYPE_REPORT_VIEW);
  g_type_ensure (GK_TYPE_TRENDS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongkai/Gongkai/gk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, agencies_pane);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, agencies_separator);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, years_separator);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, years_pane);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, agencies_title);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, years_title);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, agency_list);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, year_list);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, report_stack);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, report_spinner);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, report_box);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, trends_box);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, compare_box);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, findings_box);
  gtk_widget_class_bind_template_callback (widget_class, view_stack_page_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, loading_spinner);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);

  _gk_window_class_actions_init (klass);
}

static GSettings *
settings_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Running from the build tree without the schema compiled is allowed:
   * the window then simply does not remember its state. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  return schema ? g_settings_new (APPLICATION_ID) : NULL;
}

static void
gk_window_init (GkWindow *self)
{
  GtkListItemFactory *factory;
  g_autoptr(GtkFilterListModel) filtered = NULL;
  g_autoptr(GtkSortListModel) sorted = NULL;
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->sidebar_visible = TRUE;
  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (leaflet_folded_cb), self, G_CONNECT_SWAPPED);
  leaflet_folded_cb (self);

  self->settings = settings_if_installed ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  open_library (self);

  /* Agencies: filtered by the search, sorted by name. */
  self->agency_filter = GTK_FILTER (gtk_custom_filter_new (agency_matches, self, NULL));
  filtered = gtk_filter_list_model_new (g_object_ref (gk_library_get_agencies (self->library)),
                                        g_object_ref (self->agency_filter));
  sorter = GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (GK_TYPE_AGENCY, NULL, "name")));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_steal_pointer (&filtered)), sorter);
  self->agency_selection = gtk_single_selection_new (G_LIST_MODEL (g_steal_pointer (&sorted)));
  gtk_single_selection_set_autoselect (self->agency_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->agency_selection, TRUE);
  gtk_single_selection_set_selected (self->agency_selection, GTK_INVALID_LIST_POSITION);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (agency_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (agency_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (agency_unbind_cb), self);
  gtk_list_view_set_factory (self->agency_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->agency_list, GTK_SELECTION_MODEL (self->agency_selection));
  g_signal_connect_object (self->agency_selection, "notify::selected-item",
                           G_CALLBACK (agency_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->agency_list, "activate",
                           G_CALLBACK (agency_activate_cb), self, G_CONNECT_SWAPPED);

  /* The selected agency's reports. */
  self->year_selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->year_selection, FALSE);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (year_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (year_bind_cb), self);
  gtk_list_view_set_factory (self->year_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->year_list, GTK_SELECTION_MODEL (self->year_selection));
  g_signal_connect_object (self->year_selection, "notify::selected-item",
                           G_CALLBACK (year_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->year_list, "activate",
                           G_CALLBACK (year_activate_cb), self, G_CONNECT_SWAPPED);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, self->agencies_pane);

  self->report_view = gk_report_view_new ();
  g_signal_connect_object (self->report_view, "verdict-requested",
                           G_CALLBACK (verdict_requested_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_vexpand (self->report_view, TRUE);
  gtk_box_append (self->report_box, self->report_view);

  g_signal_connect_object (self->report_view, "use-version-requested",
                           G_CALLBACK (use_version_requested_cb), self, G_CONNECT_SWAPPED);
  gk_report_view_set_library (GK_REPORT_VIEW (self->report_view), self->library);

  g_signal_connect_object (self->importer, "notify::n-done",
                           G_CALLBACK (progress_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->importer, "notify::current-name",
                           G_CALLBACK (progress_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "items-changed",
                           G_CALLBACK (library_changed_cb), self, G_CONNECT_SWAPPED);
  library_changed_cb (self, 0, 0, 0, G_LIST_MODEL (self->library));

  _gk_window_dnd_init (self);
  _gk_window_update_actions (self);

}

GkWindow *
gk_window_new (GkApplication *application)
{
  return g_object_new (GK_TYPE_WINDOW, "application", application, NULL);
}
