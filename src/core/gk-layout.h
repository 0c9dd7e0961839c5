/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-layout.h: the layout reader.  Turns the text of a report into rows of
 * cells, whatever way the tables were flattened into text. */

#pragma once

#include <glib.h>

#include "gk-types.h"

G_BEGIN_DECLS

typedef enum
{
  GK_ROW_PROSE = 0,  /* a line of running text, one cell */
  GK_ROW_BLOCK,      /* one cell per tab-indented line, rows between blank lines */
  GK_ROW_TSV,        /* tab-separated fields */
  GK_ROW_PIPE,       /* "a | b | c |" or a markdown table row */
  GK_ROW_GRID,       /* a row of a real table: HTML, DOCX or PDF, merged
                      * cells already spread over their grid positions */
} GkRowLayout;

typedef struct
{
  char         *raw;   /* as written, trimmed; continuation lines joined */
  char         *norm;  /* full-width folded, white space removed: for matching */
  guint         line;  /* 1-based line of the cell's first line */
  GkValueClass  klass; /* what the cell holds, see gk_cell_classify() */
} GkTextCell;

typedef struct
{
  GkRowLayout  layout;
  guint        line;
  guint        n_cells;
  GkTextCell  *cells;
  /* Every cell's norm, joined by U+001F: one search finds a word in any
   * cell of the row, and never across two. */
  char        *joined;
  /* Where the cells' strings and the joined text live. */
  char        *strings;
} GkTextRow;

GPtrArray   *gk_layout_read          (const char  *text);
GPtrArray   *gk_text_rows_new        (void);
GkTextRow   *gk_text_row_new         (GkRowLayout         layout,
                                      guint               line,
                                      const char * const *cells,
                                      guint               n_cells);
void         gk_text_row_free        (GkTextRow   *row);
const char  *gk_row_layout_to_string (GkRowLayout  layout);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkTextRow, gk_text_row_free)

G_END_DECLS
