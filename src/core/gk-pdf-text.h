/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-pdf-text.h: the characters of a PDF page with their boxes, the lines
 * and runs they make, and the text of both.  Internal to the PDF reader. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* In units of a line's height: the gap between two characters that splits
 * a line into separate runs (table cells side by side). */
#define GK_PDF_RUN_GAP  1.0

/* Inside a table without rules, cells are closer: two-character headers in
 * columns a little wider than them. */
#define GK_PDF_CELL_GAP 0.5

typedef struct
{
  gunichar ch;
  float    x1, y1, x2, y2;
  guint8   space : 1;  /* a word space poppler inferred from a gap */
  guint8   taken : 1;  /* a running head or foot, or in a table */
} GkPdfGlyph;

typedef struct
{
  guint  start, n;  /* a range of the index array the line was built from */
  double x1, y1, x2, y2;
  double height;    /* the characters' box height, a font size unit */
  guint  n_chars;   /* characters that are not spaces */
  guint  n_runs;
} GkPdfLine;

typedef struct
{
  guint  from, to;  /* positions in the line's index range */
  double x1, x2;
} GkPdfRun;

int       gk_pdf_compare_doubles   (gconstpointer      a,
                                    gconstpointer      b);
GArray   *gk_pdf_lines_build       (const GkPdfGlyph  *glyphs,
                                    guint             *indices,
                                    guint              n);
GArray   *gk_pdf_line_runs         (const GkPdfLine   *line,
                                    const GkPdfGlyph  *glyphs,
                                    const guint       *indices);
void      gk_pdf_append_joined     (GString           *out,
                                    const char        *text);
void      gk_pdf_append_glyph_text (GString           *out,
                                    const GkPdfGlyph  *glyphs,
                                    const guint       *indices,
                                    guint              from,
                                    guint              to,
                                    double             gap);
char     *gk_pdf_line_text         (const GkPdfLine   *line,
                                    const GkPdfGlyph  *glyphs,
                                    const guint       *indices);
char     *gk_pdf_block_text        (const GkPdfGlyph  *glyphs,
                                    guint             *indices,
                                    guint              n);
gboolean  gk_pdf_is_page_number    (const char        *text);
char     *gk_pdf_running_key       (const char        *text);

G_END_DECLS
