/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-check-sheet.h: the printable check sheet of one report, a PDF an
 * evaluator files: the report's metadata, tables 2, 3 and 4 as printed
 * with the cells of failed findings marked, and the findings with their
 * verdicts. */

#pragma once

#include <gio/gio.h>

#include "gk-report.h"

G_BEGIN_DECLS

/* ISO A4 portrait, in PostScript points. */
#define GK_CHECK_SHEET_A4_WIDTH  595.276
#define GK_CHECK_SHEET_A4_HEIGHT 841.890

gboolean gk_check_sheet_write_pdf      (GkReport       *report,
                                        GOutputStream  *stream,
                                        double          width,
                                        double          height,
                                        GCancellable   *cancellable,
                                        GError        **error);
gboolean gk_check_sheet_write_pdf_file (GkReport       *report,
                                        GFile          *file,
                                        double          width,
                                        double          height,
                                        GCancellable   *cancellable,
                                        GError        **error);
char    *gk_check_sheet_default_name   (GkReport       *report);

G_END_DECLS
