/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-report-writer.h: renders a GkReport back into report text, in each of
 * the layouts real reports reach a text file in (report-format.md §10), and
 * encodes that text the ways real files are encoded.  Used by the round-trip
 * tests and by the benchmark's corpus generator; not part of the app. */

#pragma once

#include <glib.h>

#include "gk-core.h"

G_BEGIN_DECLS

/**
 * GkWriteLayout:
 * @GK_WRITE_BLOCK: one cell per tab-indented line, a blank line after each
 *   row (seeds 000, 003)
 * @GK_WRITE_TSV: one row per line, cells separated by tabs, empty cells kept
 *   as empty fields (seeds 001, 002)
 * @GK_WRITE_PIPE: "a | b | c |" (seed 004); a row whose first cell is empty
 *   starts with a "|" border, as in markdown, so the empty cell keeps its
 *   position
 * @GK_WRITE_MARKDOWN: "| a | b |", each table padded to its widest row, with
 *   a "|---|---|" separator after the table's first row
 */
typedef enum
{
  GK_WRITE_BLOCK = 0,
  GK_WRITE_TSV,
  GK_WRITE_PIPE,
  GK_WRITE_MARKDOWN,
} GkWriteLayout;

#define GK_WRITE_N_LAYOUTS 4

typedef enum
{
  GK_WRITE_UTF8 = 0,
  GK_WRITE_UTF8_BOM,
  GK_WRITE_UTF16LE_BOM,
  GK_WRITE_UTF16BE_BOM,
  GK_WRITE_GB18030,
} GkWriteEncoding;

#define GK_WRITE_N_ENCODINGS 5

const char *gk_write_layout_to_string   (GkWriteLayout    layout);
const char *gk_write_encoding_to_string (GkWriteEncoding  encoding);

char       *gk_report_write             (GkReport        *report,
                                         GkWriteLayout    layout);
char       *gk_report_write_mixed       (GkReport        *report,
                                         GkWriteLayout    t2_layout,
                                         GkWriteLayout    t3_layout,
                                         GkWriteLayout    t4_layout);
GBytes     *gk_report_encode            (const char      *text,
                                         GkWriteEncoding  encoding,
                                         GError         **error);

G_END_DECLS
