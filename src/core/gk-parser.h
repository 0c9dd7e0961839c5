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

GQuark    gk_parse_error_quark (void);

GkReport *gk_parse_bytes       (GBytes       *bytes,
                                const char   *source_name,
                                GError      **error);
GkReport *gk_parse_text        (const char   *text,
                                const char   *source_name,
                                GError      **error);
GkReport *gk_parse_file        (GFile        *file,
                                GCancellable *cancellable,
                                GError      **error);

G_END_DECLS
