/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-docx-reader.h: a Word document (libarchive for the zip, libxml2 for word/document.xml): prose from paragraphs, rows from w:tbl with w:gridSpan and w:vMerge spread over their grid positions. */

#pragma once

#include <glib.h>

#include "gk-layout.h"

G_BEGIN_DECLS

/* Returns the rows (see gk_text_rows_new()) in reading order, or %NULL with
 * a #GkParseError that says what is wrong with the file. */
GPtrArray *gk_docx_read (const guint8  *data,
                        gsize          length,
                        GError       **error);

G_END_DECLS
