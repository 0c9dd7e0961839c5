/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-chart-size.h: the sizes a chart is exported at (GTK-free, so the
 * tests check them with no display). */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The chart is drawn in units: pixels in a PNG or an SVG, points in a
 * PDF.  Below the minimum its labels overlap; above the maximum a PNG
 * would take hundreds of megabytes. */
#define GK_CHART_SIZE_MIN 200
#define GK_CHART_SIZE_MAX 8000

#define GK_CHART_SIZE_DEFAULT_WIDTH  1200
#define GK_CHART_SIZE_DEFAULT_HEIGHT 720

typedef struct
{
  const char *label;  /* translatable, see gk_chart_size_presets() */
  int         width;
  int         height;
} GkChartSizePreset;

const GkChartSizePreset *gk_chart_size_presets (guint    *n_presets);
gboolean                 gk_chart_size_check   (int       width,
                                                int       height,
                                                GError  **error);

G_END_DECLS
