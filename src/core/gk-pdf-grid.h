/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-pdf-grid.h: the ruled tables of a PDF page, found in the page's
 * rules: the lattice of their row and column lines and the cells, merged
 * where a rule is missing.  Internal to the PDF reader. */

#pragma once

#include <glib.h>
#include <poppler.h>

G_BEGIN_DECLS

typedef struct
{
  guint r0, r1;  /* lattice rows [r0, r1) */
  guint c0, c1;  /* lattice columns [c0, c1) */
} GkPdfGridCell;

typedef struct
{
  guint          n_rows;
  guint          n_columns;
  double        *xs;       /* n_columns + 1 column lines, points, ascending */
  double        *ys;       /* n_rows + 1 row lines, points from the top */
  guint         *cell_of;  /* n_rows × n_columns: index into cells */
  guint          n_cells;
  GkPdfGridCell *cells;
} GkPdfGrid;

typedef struct _GkPdfGridFinder GkPdfGridFinder;

GkPdfGridFinder *gk_pdf_grid_finder_new  (void);
void             gk_pdf_grid_finder_free (GkPdfGridFinder *finder);
GPtrArray       *gk_pdf_grid_finder_find (GkPdfGridFinder *finder,
                                          PopplerPage     *page,
                                          double           top,
                                          double           bottom);

void             gk_pdf_grid_free        (GkPdfGrid       *grid);
gboolean         gk_pdf_grid_locate      (const GkPdfGrid *grid,
                                          double           x,
                                          double           y,
                                          guint           *cell);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkPdfGrid, gk_pdf_grid_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkPdfGridFinder, gk_pdf_grid_finder_free)

G_END_DECLS
