/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-report-pdf.h: renders a GkReport as a PDF laid out the way real
 * reports are (A4, a title, wrapped paragraphs, the tables as ruled grids
 * with merged and wrapped label cells, a running header and page numbers),
 * and makes the damaged kinds of PDF an importer meets (a scan with no text
 * layer, blank pages).  Used by the PDF tests and the benchmark's corpus
 * generator; not part of the app. */

#pragma once

#include <glib.h>

#include "gk-core.h"

G_BEGIN_DECLS

/**
 * GkPdfPageNumbers:
 * @GK_PDF_PAGE_NUMBERS_DASH: "- 1 -", centred at the foot
 * @GK_PDF_PAGE_NUMBERS_OF: "第 1 页 共 5 页"
 * @GK_PDF_PAGE_NUMBERS_FRACTION: "1/5", at the right of the foot
 * @GK_PDF_PAGE_NUMBERS_PLAIN: "1"
 * @GK_PDF_PAGE_NUMBERS_NONE: no page numbers
 */
typedef enum
{
  GK_PDF_PAGE_NUMBERS_DASH = 0,
  GK_PDF_PAGE_NUMBERS_OF,
  GK_PDF_PAGE_NUMBERS_FRACTION,
  GK_PDF_PAGE_NUMBERS_PLAIN,
  GK_PDF_PAGE_NUMBERS_NONE,
} GkPdfPageNumbers;

#define GK_PDF_N_PAGE_NUMBERS 5

typedef struct
{
  GkPdfPageNumbers page_numbers;
  /* The agency at the left of every page's head, the report's name at the
   * right, a rule under both. */
  gboolean         running_header;
  /* Tables drawn as ruled grids (the templates' way); without rules the
   * cells are only text at positions. */
  gboolean         ruled_tables;
  /* Rules as thin filled rectangles (0.5 pt, as Word exports borders)
   * rather than stroked lines, which PDF viewers draw at least a pixel
   * wide. */
  gboolean         filled_rules;
} GkPdfOptions;

/* What the layout came to, so that tests can check that a case they mean
 * to cover (table 3 continued on the next page) really is in the file. */
typedef struct
{
  guint n_pages;
  guint t3_first_page;  /* 1-based; 0 when the report has no table 3 */
  guint t3_last_page;
} GkPdfInfo;

void        gk_pdf_options_init          (GkPdfOptions        *options);
const char *gk_pdf_page_numbers_to_string (GkPdfPageNumbers   page_numbers);

gboolean    gk_pdf_fonts_available       (void);

GBytes     *gk_report_write_pdf          (GkReport            *report,
                                          const GkPdfOptions  *options,
                                          GkPdfInfo           *info);
GBytes     *gk_pdf_write_scanned         (guint                n_pages);
GBytes     *gk_pdf_write_blank           (guint                n_pages);
GBytes     *gk_pdf_write_unmapped        (void);

G_END_DECLS
