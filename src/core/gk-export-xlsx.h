/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-export-xlsx.h: many reports as one Excel workbook: a sheet per
 * table, the indicators and the findings, with Chinese headers. */

#pragma once

#include <gio/gio.h>

#include "gk-report.h"

G_BEGIN_DECLS

/* The sheets, in order. */
#define GK_EXPORT_XLSX_SHEET_T2         "表2 主动公开"
#define GK_EXPORT_XLSX_SHEET_T3         "表3 依申请公开"
#define GK_EXPORT_XLSX_SHEET_T4         "表4 复议诉讼"
#define GK_EXPORT_XLSX_SHEET_INDICATORS "指标"
#define GK_EXPORT_XLSX_SHEET_DEFINITIONS "指标说明"
#define GK_EXPORT_XLSX_SHEET_FINDINGS   "发现"

typedef struct _GkExportXlsx GkExportXlsx;

gboolean      gk_export_xlsx_write          (const char    *path,
                                             GPtrArray     *reports,
                                             GError       **error);
GkExportXlsx *gk_export_xlsx_begin          (const char    *path,
                                             GError       **error);
void          gk_export_xlsx_append_report  (GkExportXlsx  *w,
                                             GkReport      *report);
gboolean      gk_export_xlsx_end            (GkExportXlsx  *w,
                                             GError       **error);

G_END_DECLS
