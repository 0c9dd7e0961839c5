/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-tooltip.h: tooltips whose long lines wrap at a readable width. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *gk_tooltip_label_new (const char *markup);
void gk_tooltip_set_markup         (GtkTooltip *tooltip,
                                    const char *markup);
void gk_tooltip_set_text           (GtkTooltip *tooltip,
                                    const char *text);
void gk_widget_set_wrapped_tooltip (GtkWidget  *widget,
                                    const char *text);

G_END_DECLS
