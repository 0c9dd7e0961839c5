/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "gk-core.h"

G_BEGIN_DECLS

#define GK_TYPE_REPORT_VIEW (gk_report_view_get_type ())

G_DECLARE_FINAL_TYPE (GkReportView, gk_report_view, GK, REPORT_VIEW, GtkWidget)

GtkWidget *gk_report_view_new            (void);
GkReport  *gk_report_view_get_report     (GkReportView *self);
void       gk_report_view_set_report     (GkReportView *self,
                                          GkReport     *report);
gboolean   gk_report_view_select_finding (GkReportView *self,
                                          guint         index);
GtkWidget *gk_report_view_get_table_grid (GkReportView *self,
                                          GkTableId     table);
void       gk_report_view_set_library    (GkReportView *self,
                                          GkLibrary    *library);
gboolean   gk_report_view_select_finding_id (GkReportView *self,
                                             const char   *finding_id);

G_END_DECLS
