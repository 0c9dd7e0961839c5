/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "gk-cell.h"
#include "gk-types.h"

G_BEGIN_DECLS

#define GK_TYPE_TABLE (gk_table_get_type ())

G_DECLARE_FINAL_TYPE (GkTable, gk_table, GK, TABLE, GObject)

GkTable    *gk_table_new          (GkTableId    id,
                                   GkTemplate   template_);
GkTableId   gk_table_get_id       (GkTable     *self);
GkTemplate  gk_table_get_template (GkTable     *self);
guint       gk_table_get_line     (GkTable     *self);
void        gk_table_set_line     (GkTable     *self,
                                   guint        line);
void        gk_table_add_cell     (GkTable     *self,
                                   GkCell      *cell);
GkCell     *gk_table_lookup       (GkTable     *self,
                                   const char  *row,
                                   const char  *column);
guint       gk_table_get_n_cells  (GkTable     *self);
GkCell     *gk_table_get_cell     (GkTable     *self,
                                   guint        position);
GPtrArray  *gk_table_dup_row_keys (GkTable     *self);

G_END_DECLS
