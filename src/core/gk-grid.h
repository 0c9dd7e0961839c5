/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-grid.h: a table of cells with column and row spans, laid out on its
 * grid the way the text copies of a report flatten it: a merged cell's
 * text at its top-left position, empty cells at the others it covers.
 * The HTML and DOCX readers fill one per table and take GK_ROW_GRID rows
 * from it. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* No report table is wider than a few dozen columns; browsers cap colspan
 * at 1000 too.  The cell cap keeps a hostile table's grid in memory
 * bounds. */
#define GK_GRID_MAX_COLUMNS 1000
#define GK_GRID_MAX_CELLS   (1024 * 1024)

/* A rowspan of 0 in HTML: to the end of the row group. */
#define GK_GRID_SPAN_TO_END G_MAXUINT

typedef struct _GkGrid GkGrid;

GkGrid   *gk_grid_new       (guint        line);
void      gk_grid_free      (GkGrid      *grid);
void      gk_grid_begin_row (GkGrid      *grid,
                             guint        line);
gboolean  gk_grid_add_cell  (GkGrid      *grid,
                             const char  *text,
                             guint        colspan,
                             guint        rowspan,
                             GError     **error);
void      gk_grid_end_group (GkGrid      *grid);
guint     gk_grid_get_width (GkGrid      *grid);
void      gk_grid_take_rows (GkGrid      *grid,
                             GPtrArray   *rows);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkGrid, gk_grid_free)

G_END_DECLS
