/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "gk-report.h"

G_BEGIN_DECLS

typedef enum
{
  GK_IMPORT_ADDED = 0,
  GK_IMPORT_DUPLICATE,
  GK_IMPORT_NEW_VERSION,
  GK_IMPORT_FAILED,
} GkImportStatus;

#define GK_TYPE_IMPORT_OUTCOME (gk_import_outcome_get_type ())

G_DECLARE_FINAL_TYPE (GkImportOutcome, gk_import_outcome, GK, IMPORT_OUTCOME, GObject)

GkImportOutcome *gk_import_outcome_new        (GFile           *file,
                                               GkImportStatus   status,
                                               GkReport        *report,
                                               const char      *message);
GFile           *gk_import_outcome_get_file   (GkImportOutcome *self);
char            *gk_import_outcome_dup_name   (GkImportOutcome *self);
GkImportStatus   gk_import_outcome_get_status (GkImportOutcome *self);
GkReport        *gk_import_outcome_get_report (GkImportOutcome *self);
const char      *gk_import_outcome_get_message (GkImportOutcome *self);

G_END_DECLS
