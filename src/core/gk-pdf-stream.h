/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-pdf-stream.h: tables without rules, read by the alignment of their
 * text.  Internal to the PDF reader. */

#pragma once

#include <glib.h>

#include "gk-pdf-text.h"

G_BEGIN_DECLS

guint      gk_pdf_stream_block (GArray            *lines,
                                const gboolean    *skip,
                                guint              lowest,
                                guint             *first);
GPtrArray *gk_pdf_stream_read  (const GkPdfGlyph  *glyphs,
                                const guint       *indices,
                                const GkPdfLine   *lines,
                                guint              n_lines,
                                GArray           **centers);

G_END_DECLS
