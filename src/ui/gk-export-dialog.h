/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "gk-core.h"

G_BEGIN_DECLS

#define GK_TYPE_EXPORT_DIALOG (gk_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GkExportDialog, gk_export_dialog, GK, EXPORT_DIALOG, AdwWindow)

GkExportDialog        *gk_export_dialog_new        (GtkWindow             *parent,
                                                    GkStore               *store,
                                                    guint                  n_reports);
GkLibraryExportFormat  gk_export_dialog_get_format (GkExportDialog        *self);
void                   gk_export_dialog_set_format (GkExportDialog        *self,
                                                    GkLibraryExportFormat  format);
void                   gk_export_dialog_export_to  (GkExportDialog        *self,
                                                    GFile                 *file);

G_END_DECLS
