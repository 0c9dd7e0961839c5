/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-parser.h: from the bytes of a report to a GkReport. */

#pragma once

#include <gio/gio.h>

#include "gk-report.h"

G_BEGIN_DECLS

#define GK_PARSE_ERROR (gk_parse_error_quark ())

typedef enum
{
  GK_PARSE_ERROR_EMPTY,      /* no bytes, or only white space */
  GK_PARSE_ERROR_BINARY,     /* not a text report */
  GK_PARSE_ERROR_ENCODING,   /* text in an encoding we cannot read */
  GK_PARSE_ERROR_NO_TABLES,  /* text, but no report table in it */
  GK_PARSE_ERROR_TOO_LARGE,  /* over the size limit */
  GK_PARSE_ERROR_UNSUPPORTED,/* a kind of file Gongkai does not read (.doc, .wps, zip) */
  GK_PARSE_ERROR_CORRUPT,    /* a damaged or truncated HTML, DOCX or PDF */
  GK_PARSE_ERROR_SCANNED,    /* a PDF of page images, with no text layer */
  GK_PARSE_ERROR_LIMIT,      /* past a safety limit (zip bomb, nesting, pages) */
} GkParseError;

/* Reports are a few kB to a few MB; anything far larger is not a report. */
#define GK_PARSE_DEFAULT_MAX_SIZE (64 * 1024 * 1024)
/* The longest text a table's cell keeps, in characters: a count has a few
 * digits and the longest label of the templates some sixty characters. */
#define GK_PARSE_DEFAULT_MAX_CELL_LENGTH 1000

/* What one report may hold.  A real report has a few hundred lines, some
 * sixty rows in its tables, a handful of named items under table 2's
 * 其他对外管理服务事项 and some tens of kB of prose; a file far past these
 * is not a report, and reading it whole would cost memory and time that
 * grow with it (some of them faster than its size). */
#define GK_PARSE_MAX_ROWS            100000  /* lines or rows: refused past it */
#define GK_PARSE_MAX_TABLE_ROWS      1000    /* rows of one table: the rest dropped */
#define GK_PARSE_MAX_T2_ITEMS        100     /* named items of 其他对外管理服务事项 */
#define GK_PARSE_MAX_SECTION_LENGTH  (1024 * 1024)  /* bytes of a section's prose */
#define GK_PARSE_MAX_FINDINGS        1000    /* findings of the parse itself */

/**
 * GkParseLimits:
 * @max_size: the largest file, in bytes, read at all
 * @max_cell_length: the characters a cell of a table keeps; the rest of a
 *   longer one is cut, with a finding
 *
 * The safety limits of a parse that the caller may choose.  The readers
 * of HTML, DOCX and PDF have fixed limits of their own (nesting, zip
 * entries and ratios, pages), reported as %GK_PARSE_ERROR_LIMIT.
 */
typedef struct
{
  guint64 max_size;
  guint   max_cell_length;
} GkParseLimits;

GQuark    gk_parse_error_quark (void);

void      gk_parse_limits_init       (GkParseLimits        *limits);
gboolean  gk_parse_limits_check_size (const GkParseLimits  *limits,
                                      guint64               size,
                                      GError              **error);

GkReport *gk_parse_bytes       (GBytes       *bytes,
                                const char   *source_name,
                                GError      **error);
GkReport *gk_parse_bytes_with_limits (GBytes              *bytes,
                                      const char          *source_name,
                                      const GkParseLimits *limits,
                                      GError             **error);
GkReport *gk_parse_text        (const char   *text,
                                const char   *source_name,
                                GError      **error);
GkReport *gk_parse_file        (GFile        *file,
                                GCancellable *cancellable,
                                GError      **error);

G_END_DECLS
