/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-window-private.h: what gk-window.c, gk-window-actions.c and
 * gk-window-dnd.c share. */

#pragma once

#include "gk-core.h"
#include "gk-window.h"

G_BEGIN_DECLS

struct _GkWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GkStore              *store;
  GkLibrary            *library;
  GkImporter           *importer;
  GCancellable         *import_cancellable;
  GPtrArray            *queued_files;  /* GFile: to import once the library
                                        * is open and the import ends */

  GtkFilter            *agency_filter;
  GtkSingleSelection   *agency_selection;
  GtkSingleSelection   *year_selection;
  GkAgency             *agency;  /* selected, borrowed from the library */
  GkReport             *report;  /* shown, borrowed */
  GCancellable         *report_cancellable;  /* loading its contents */
  gboolean              loading; /* the library is being read */
  gboolean              load_started;
  gboolean              sidebar_visible;
  guint                 load_timeout_id;
  GdkFrameClock        *first_frame_clock;  /* until the first frame */

  GtkWidget            *report_view;
  /* Made when their page is first shown (_gk_window_ensure_page()):
   * NULL until then. */
  GtkWidget            *trends_view;
  GtkWidget            *comparison_view;
  GtkWidget            *findings_view;
  char                 *pending_finding;  /* to select once its report shows */
  GkReport             *pending_report;   /* that report, borrowed */

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  GtkWidget            *agencies_pane;
  GtkWidget            *agencies_separator;
  GtkWidget            *years_separator;
  GtkToggleButton      *sidebar_button;
  GtkWidget            *years_pane;
  GtkWidget            *detail_pane;
  AdwWindowTitle       *agencies_title;
  AdwWindowTitle       *years_title;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkToggleButton      *search_button;
  GtkListView          *agency_list;
  GtkListView          *year_list;
  AdwViewStack         *view_stack;
  AdwViewSwitcherTitle *switcher_title;
  GtkStack             *report_stack;
  GtkSpinner           *report_spinner;
  GtkBox               *report_box;
  GtkBox               *trends_box;
  GtkBox               *compare_box;
  GtkBox               *findings_box;
  GtkRevealer          *progress_revealer;
  GtkProgressBar       *progress_bar;
  GtkLabel             *progress_label;
  AdwStatusPage        *empty_page;
  GtkSpinner           *loading_spinner;
};

void _gk_window_class_actions_init (GkWindowClass *klass);
void _gk_window_update_actions     (GkWindow      *self);
void _gk_window_dnd_init           (GkWindow      *self);
void _gk_window_show_report        (GkWindow      *self,
                                    GkReport      *report);
void _gk_window_select_agency_named (GkWindow     *self,
                                     const char   *name);
void _gk_window_ensure_page        (GkWindow      *self,
                                    const char    *name);

G_END_DECLS
