/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "gk-core.h"
#include "gk-library.h"

G_BEGIN_DECLS

#define GK_TYPE_TRENDS_VIEW (gk_trends_view_get_type ())

G_DECLARE_FINAL_TYPE (GkTrendsView, gk_trends_view, GK, TRENDS_VIEW, GtkBox)

typedef enum
{
  GK_TRENDS_SCOPE_AGENCY = 0,
  GK_TRENDS_SCOPE_LIBRARY,
  GK_TRENDS_SCOPE_SELECTION,
} GkTrendsScope;

GtkWidget *gk_trends_view_new        (GkLibrary     *library,
                                      GSettings     *settings);
void       gk_trends_view_set_agency (GkTrendsView  *self,
                                      GkAgency      *agency);
void       gk_trends_view_set_scope  (GkTrendsView  *self,
                                      GkTrendsScope  scope);
void       gk_trends_view_choose_agencies (GkTrendsView       *self,
                                           const char * const *names);
GtkWidget *gk_trends_view_get_chart  (GkTrendsView  *self);

GPtrArray *gk_trends_collect_reports (GListModel    *agencies);

G_END_DECLS
