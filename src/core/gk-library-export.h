/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-library-export.h: the whole library in one file (every cell as CSV,
 * the indicators as CSV, JSON or an XLSX workbook), as `gongkai-cli export
 * --library` and the app's Export Library both write it. */

#pragma once

#include <gio/gio.h>

#include "gk-store.h"

G_BEGIN_DECLS

typedef enum
{
  GK_LIBRARY_EXPORT_CSV = 0,
  GK_LIBRARY_EXPORT_INDICATORS,
  GK_LIBRARY_EXPORT_JSON,
  GK_LIBRARY_EXPORT_XLSX,
} GkLibraryExportFormat;

/**
 * GkLibraryExportProgress:
 * @done: how many reports are written
 * @total: how many there are to write
 * @user_data: the data given with the function
 *
 * Called from the thread that writes the export, after each report.
 */
typedef void (*GkLibraryExportProgress) (guint    done,
                                         guint    total,
                                         gpointer user_data);

const char *gk_library_export_format_extension (GkLibraryExportFormat format);
gboolean    gk_library_export_write   (GkStore                 *store,
                                       GkLibraryExportFormat    format,
                                       GOutputStream           *stream,
                                       GkLibraryExportProgress  progress,
                                       gpointer                 user_data,
                                       guint                   *n_reports,
                                       GCancellable            *cancellable,
                                       GError                 **error);
gboolean    gk_library_export_to_file (GkStore                 *store,
                                       GkLibraryExportFormat    format,
                                       GFile                   *file,
                                       GkLibraryExportProgress  progress,
                                       gpointer                 user_data,
                                       guint                   *n_reports,
                                       GCancellable            *cancellable,
                                       GError                 **error);

G_END_DECLS
