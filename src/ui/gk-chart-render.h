/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-chart-render.h: the one drawing routine of the trend chart, over
 * cairo, shared by the widget, the PNG/SVG/PDF export and the tests. */

#pragma once

#include <cairo.h>

#include "gk-chart-model.h"

G_BEGIN_DECLS

/**
 * GkChartColor:
 *
 * A colour with straight (not premultiplied) alpha.  The fields match
 * GdkRGBA's, so the widget copies theme colours field by field.
 */
typedef struct
{
  float red;
  float green;
  float blue;
  float alpha;
} GkChartColor;

/**
 * GkChartStyle:
 * @foreground: labels and the baseline
 * @background: filled behind everything and used to separate marks drawn
 *   over each other; a transparent one is not filled
 * @grid: the horizontal grid lines
 * @highlight: the band behind the hovered or focused year
 * @series: one colour per #GkChartSeries, so one style serves both kinds
 * @font: (nullable): a Pango font description string, %NULL for "Sans 10"
 * @show_title: draw the label and what the chart shows above it
 * @show_legend: draw a legend below it; the widget shows the legend as
 *   widgets instead, the export draws it
 */
typedef struct
{
  GkChartColor  foreground;
  GkChartColor  background;
  GkChartColor  grid;
  GkChartColor  highlight;
  GkChartColor  series[GK_CHART_N_SERIES];
  const char   *font;
  gboolean      show_title;
  gboolean      show_legend;
} GkChartStyle;

const GkChartStyle *gk_chart_style_get_light (void);
const GkChartStyle *gk_chart_style_get_dark  (void);

void     gk_chart_render     (cairo_t            *cr,
                              GkChartModel       *model,
                              int                 width,
                              int                 height,
                              const GkChartStyle *style);

void     gk_chart_render_swatch      (cairo_t            *cr,
                                      GkChartModel       *model,
                                      guint               series,
                                      const GkChartColor *color);
void     gk_chart_render_swatch_size (GkChartModel       *model,
                                      guint               series,
                                      double             *width,
                                      double             *height);
gboolean gk_chart_export_png (GkChartModel       *model,
                              const GkChartStyle *style,
                              int                 width,
                              int                 height,
                              const char         *path,
                              GError            **error);
gboolean gk_chart_export_svg (GkChartModel       *model,
                              const GkChartStyle *style,
                              int                 width,
                              int                 height,
                              const char         *path,
                              GError            **error);
gboolean gk_chart_export_pdf (GkChartModel       *model,
                              const GkChartStyle *style,
                              int                 width,
                              int                 height,
                              const char         *path,
                              GError            **error);

G_END_DECLS
