/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-report-spans.h: a GkReport's tables laid out as the official templates
 * print them in a web page or a Word document, with merged cells: table 3's
 * group labels ("（三）不予公开") span their rows, its header and "一、本年新收…"
 * span columns, table 4's headers span both.  The HTML and DOCX writers
 * (gk-report-html.h, gk-report-docx.h) render these; not part of the app. */

#pragma once

#include <glib.h>

#include "gk-core.h"

G_BEGIN_DECLS

typedef struct
{
  char     *text;     /* the label, or the cell's raw text; "" when blank */
  guint     colspan;  /* at least 1 */
  guint     rowspan;  /* at least 1 */
  gboolean  label;    /* a label or header, not a value */
} GkSpanCell;

/* A position of a row on the table's grid, in order: a cell that starts
 * there, or the continuation of a cell from a row above (DOCX writes
 * those as w:vMerge cells). */
typedef struct
{
  const GkSpanCell *cell;
  guint             column;
  gboolean          continued;
} GkSpanSlot;

typedef struct
{
  GPtrArray *rows;   /* GPtrArray of GkSpanCell*, per row */
  GPtrArray *slots;  /* GArray of GkSpanSlot, per row */
  guint      width;  /* columns of the widest row */
} GkSpanTable;

GkSpanTable *gk_span_table_new  (GkReport    *report,
                                 GkTableId    id);
void         gk_span_table_free (GkSpanTable *table);
guint        gk_span_row_end    (GkSpanTable *table,
                                 guint        row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkSpanTable, gk_span_table_free)

/* The report's prose as the text writer prints it: the title line built
 * from the agency and year, the preamble, and per section its heading and
 * its lines (empty lines dropped). */
char        *gk_report_title        (GkReport    *report);
const char  *gk_report_preamble     (void);
const char  *gk_report_heading      (guint        section);
GStrv        gk_report_prose_lines  (GkReport    *report,
                                     guint        section);

G_END_DECLS
