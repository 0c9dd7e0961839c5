/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-html-reader.h: a saved web page (libxml2's HTML parser): prose from paragraphs and headings, a row of cells per <tr> with colspan and rowspan spread over their grid positions. */

#pragma once

#include <glib.h>

#include "gk-layout.h"

G_BEGIN_DECLS

/* Returns the rows (see gk_text_rows_new()) in reading order, or %NULL with
 * a #GkParseError that says what is wrong with the file. */
GPtrArray *gk_html_read (const guint8  *data,
                        gsize          length,
                        char         **encoding,
                        GError       **error);

G_END_DECLS
