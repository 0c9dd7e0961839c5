/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "gk-core.h"

G_BEGIN_DECLS

#define GK_TYPE_TABLE_GRID (gk_table_grid_get_type ())

G_DECLARE_FINAL_TYPE (GkTableGrid, gk_table_grid, GK, TABLE_GRID, GtkWidget)

GtkWidget *gk_table_grid_new             (void);
GkTable   *gk_table_grid_get_table       (GkTableGrid        *self);
void       gk_table_grid_set_table       (GkTableGrid        *self,
                                          GkTable            *table);
void       gk_table_grid_set_findings    (GkTableGrid        *self,
                                          GListModel         *findings);
gboolean   gk_table_grid_highlight       (GkTableGrid        *self,
                                          const char * const *cell_keys);
int        gk_table_grid_get_unscrolled_width (GkTableGrid *self);
char      *gk_table_grid_dup_cell_tooltip (GkTableGrid     *self,
                                          const char      *cell_key);
GtkWidget *gk_table_grid_get_cell_widget (GkTableGrid        *self,
                                          const char         *cell_key);

G_END_DECLS
