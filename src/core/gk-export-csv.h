/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-export-csv.h: every cell of many reports as one tidy CSV table, one
 * line per cell, for spreadsheets, R and pandas. */

#pragma once

#include <gio/gio.h>

#include "gk-report.h"

G_BEGIN_DECLS

/* The first line of the export, without its line end. */
#define GK_EXPORT_CSV_HEADER "file,agency,year,template,table,row,column,value,raw,class"

void     gk_export_csv_append_field  (GString        *out,
                                      const char     *field);
void     gk_export_csv_append_header (GString        *out);
void     gk_export_csv_append_report (GString        *out,
                                      GkReport       *report);
gboolean gk_export_csv_write_header  (GOutputStream  *stream,
                                      GCancellable   *cancellable,
                                      GError        **error);
gboolean gk_export_csv_write_report  (GOutputStream  *stream,
                                      GkReport       *report,
                                      GCancellable   *cancellable,
                                      GError        **error);

G_END_DECLS
