/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "gk-chart-model.h"

G_BEGIN_DECLS

#define GK_TYPE_TREND_CHART (gk_trend_chart_get_type ())

G_DECLARE_FINAL_TYPE (GkTrendChart, gk_trend_chart, GK, TREND_CHART, GtkWidget)

GtkWidget    *gk_trend_chart_new          (void);
GkChartModel *gk_trend_chart_get_model    (GkTrendChart  *self);
void          gk_trend_chart_set_model    (GkTrendChart  *self,
                                           GkChartModel  *model);
void          gk_trend_chart_model_changed (GkTrendChart *self);
void          gk_trend_chart_get_series_color (GkTrendChart *self,
                                               GkChartSeries series,
                                               GdkRGBA      *color);
gboolean      gk_trend_chart_export       (GkTrendChart  *self,
                                           const char    *path,
                                           int            width,
                                           int            height,
                                           GError       **error);

G_END_DECLS
