/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "gk-core.h"

G_BEGIN_DECLS

#define GK_TYPE_FINDINGS_VIEW (gk_findings_view_get_type ())

G_DECLARE_FINAL_TYPE (GkFindingsView, gk_findings_view, GK, FINDINGS_VIEW, GtkBox)

GtkWidget  *gk_findings_view_new                  (GkLibrary      *library);
void        gk_findings_view_reload               (GkFindingsView *self);
gboolean    gk_findings_view_is_loading           (GkFindingsView *self);
void        gk_findings_view_set_errors_only      (GkFindingsView *self,
                                                   gboolean        errors_only);
void        gk_findings_view_set_undismissed_only (GkFindingsView *self,
                                                   gboolean        undismissed_only);
void        gk_findings_view_set_rule             (GkFindingsView *self,
                                                   const char     *rule);
guint       gk_findings_view_get_n_shown          (GkFindingsView *self);
guint       gk_findings_view_get_n_total          (GkFindingsView *self);
GListModel *gk_findings_view_get_model            (GkFindingsView *self);
void        gk_findings_view_activate             (GkFindingsView *self,
                                                   guint           position);

G_END_DECLS
