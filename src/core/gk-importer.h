/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "gk-import-outcome.h"
#include "gk-store.h"

G_BEGIN_DECLS

#define GK_TYPE_IMPORTER (gk_importer_get_type ())

G_DECLARE_FINAL_TYPE (GkImporter, gk_importer, GK, IMPORTER, GObject)

GkImporter *gk_importer_new              (GkStore              *store);
gboolean    gk_importer_get_busy         (GkImporter           *self);
double      gk_importer_get_fraction     (GkImporter           *self);
guint       gk_importer_get_n_done       (GkImporter           *self);
guint       gk_importer_get_n_total      (GkImporter           *self);
const char *gk_importer_get_current_name (GkImporter           *self);
void        gk_importer_import_async     (GkImporter           *self,
                                          GPtrArray            *files,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
GPtrArray  *gk_importer_import_finish    (GkImporter           *self,
                                          GAsyncResult         *result,
                                          GError              **error);
GPtrArray  *gk_importer_import_sync      (GkImporter           *self,
                                          GPtrArray            *files,
                                          GCancellable         *cancellable);
gboolean    gk_importer_is_report_file   (const char           *basename);
gboolean    gk_importer_check_local      (GFile                *file,
                                          GError              **error);

G_END_DECLS
