/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-chart"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "gk-chart-size.h"

/* The labels are marked with N_() and translated where shown.  A4 is in
 * points (1/72 in), the unit of a PDF page: a PDF at that size prints on
 * the sheet edge to edge. */
static const GkChartSizePreset presets[] = {
  { N_("Small screen, 800 × 500"), 800, 500 },
  { N_("Screen, 1200 × 720"), GK_CHART_SIZE_DEFAULT_WIDTH, GK_CHART_SIZE_DEFAULT_HEIGHT },
  { N_("Large, 1600 × 1000"), 1600, 1000 },
  { N_("Slides, 1920 × 1080"), 1920, 1080 },
  { N_("A4 landscape, 842 × 595"), 842, 595 },
  { N_("A4 portrait, 595 × 842"), 595, 842 },
};

/**
 * gk_chart_size_presets:
 *
 * Returns: (array length=n_presets): the sizes offered for an export, the
 *   default one second
 */
const GkChartSizePreset *
gk_chart_size_presets (guint *n_presets)
{
  g_return_val_if_fail (n_presets != NULL, NULL);

  *n_presets = G_N_ELEMENTS (presets);
  return presets;
}

/**
 * gk_chart_size_check:
 *
 * Returns: whether a chart can be exported at @width × @height; %FALSE
 *   with @error saying why otherwise
 */
gboolean
gk_chart_size_check (int       width,
                     int       height,
                     GError  **error)
{
  if (width < GK_CHART_SIZE_MIN || height < GK_CHART_SIZE_MIN
      || width > GK_CHART_SIZE_MAX || height > GK_CHART_SIZE_MAX)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: the size asked for, then the limits */
                   _("A chart of %d × %d cannot be exported: each side must be from %d to %d"),
                   width, height, GK_CHART_SIZE_MIN, GK_CHART_SIZE_MAX);
      return FALSE;
    }
  return TRUE;
}
