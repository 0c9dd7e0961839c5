/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

#include "gk-types.h"

G_BEGIN_DECLS

/* A cell is a small reference-counted value (a boxed type), not a
 * GObject: a library holds millions of them, and a GObject's construction
 * and disposal cost as much as parsing the cell. */
typedef struct _GkCell GkCell;

#define GK_TYPE_CELL (gk_cell_get_type ())

GType        gk_cell_get_type        (void) G_GNUC_CONST;
GkCell      *gk_cell_ref             (GkCell      *self);
void         gk_cell_unref           (GkCell      *self);

GkCell      *gk_cell_new             (GkTableId    table,
                                      const char  *row,
                                      const char  *column,
                                      const char  *raw,
                                      guint        line);
GkTableId    gk_cell_get_table       (GkCell      *self);
const char  *gk_cell_get_row         (GkCell      *self);
const char  *gk_cell_get_column      (GkCell      *self);
const char  *gk_cell_get_raw         (GkCell      *self);
GkValueClass  gk_cell_get_value_class (GkCell      *self);
gboolean     gk_cell_has_value       (GkCell      *self);
double       gk_cell_get_value       (GkCell      *self);
gboolean     gk_cell_is_integer      (GkCell      *self);
guint        gk_cell_get_line        (GkCell      *self);
gboolean     gk_cell_get_ambiguous   (GkCell      *self);
void         gk_cell_set_ambiguous   (GkCell      *self,
                                      gboolean     ambiguous);
char        *gk_cell_dup_key         (GkCell      *self);
guint        gk_cell_n_pooled_keys   (void);
char        *gk_cell_format_value    (GkCell      *self);

GkValueClass  gk_cell_classify        (const char  *raw,
                                      double      *value,
                                      gboolean    *has_value,
                                      gboolean    *is_integer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkCell, gk_cell_unref)

G_END_DECLS
