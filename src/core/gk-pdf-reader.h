/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-pdf-reader.h: a PDF (poppler-glib): rows and cells rebuilt from the characters' positions, tables continued across pages joined, page headers, footers and numbers dropped. */

#pragma once

#include <glib.h>

#include "gk-layout.h"

G_BEGIN_DECLS

/* Returns the rows (see gk_text_rows_new()) in reading order, or %NULL with
 * a #GkParseError that says what is wrong with the file. */
GPtrArray *gk_pdf_read (const guint8  *data,
                        gsize          length,
                        GError       **error);

G_END_DECLS
