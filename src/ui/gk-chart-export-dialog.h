/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-chart-export-dialog.h: Export Chart asks for a size, then a file. */

#pragma once

#include <adwaita.h>

#include "gk-trend-chart.h"

G_BEGIN_DECLS

void gk_chart_export_dialog_present (GtkWindow       *parent,
                                     GkTrendChart    *chart,
                                     AdwToastOverlay *toasts);

G_END_DECLS
