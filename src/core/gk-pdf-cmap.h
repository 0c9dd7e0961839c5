/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-pdf-cmap.h: the size of a PDF's font maps (ToUnicode CMaps), measured
 * before poppler reads them.  Internal to the PDF reader. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint64 n_codes;    /* codes the maps name, ranges counted whole */
  guint64 n_strings;  /* of which mapped to more than one UTF-16 unit */
  guint64 n_slots;    /* the length of the maps' arrays: their largest codes */
  guint   n_maps;     /* streams read as font maps */
} GkPdfCmapCounts;

void gk_pdf_cmap_count (const guint8    *data,
                        gsize            length,
                        GkPdfCmapCounts *counts);

G_END_DECLS
