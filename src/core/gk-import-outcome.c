/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-import-outcome"

#include "config.h"

#include "gk-import-outcome.h"

/* What became of one file of an import: added, a duplicate of what the
 * library holds, a second version of a report it holds, or failed — with
 * the reason in words. */
struct _GkImportOutcome
{
  GObject         parent_instance;

  GFile          *file;
  GkImportStatus  status;
  GkReport       *report;
  char           *message;
};

G_DEFINE_FINAL_TYPE (GkImportOutcome, gk_import_outcome, G_TYPE_OBJECT)

static void
gk_import_outcome_finalize (GObject *object)
{
  GkImportOutcome *self = (GkImportOutcome *)object;

  g_clear_object (&self->file);
  g_clear_object (&self->report);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (gk_import_outcome_parent_class)->finalize (object);
}

static void
gk_import_outcome_class_init (GkImportOutcomeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gk_import_outcome_finalize;
}

static void
gk_import_outcome_init (GkImportOutcome *self)
{
}

/**
 * gk_import_outcome_new:
 * @file: the file imported
 * @status: what became of it
 * @report: (nullable): the report, unless it failed
 * @message: (nullable): why it failed, or a note
 */
GkImportOutcome *
gk_import_outcome_new (GFile          *file,
                       GkImportStatus  status,
                       GkReport       *report,
                       const char     *message)
{
  GkImportOutcome *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (GK_TYPE_IMPORT_OUTCOME, NULL);
  self->file = g_object_ref (file);
  self->status = status;
  self->report = report ? g_object_ref (report) : NULL;
  self->message = g_strdup (message);

  return self;
}

GFile *
gk_import_outcome_get_file (GkImportOutcome *self)
{
  g_return_val_if_fail (GK_IS_IMPORT_OUTCOME (self), NULL);
  return self->file;
}

/**
 * gk_import_outcome_dup_name:
 *
 * Returns: (transfer full): the file's name for people
 */
char *
gk_import_outcome_dup_name (GkImportOutcome *self)
{
  g_return_val_if_fail (GK_IS_IMPORT_OUTCOME (self), NULL);
  return g_file_get_parse_name (self->file);
}

GkImportStatus
gk_import_outcome_get_status (GkImportOutcome *self)
{
  g_return_val_if_fail (GK_IS_IMPORT_OUTCOME (self), GK_IMPORT_FAILED);
  return self->status;
}

/**
 * gk_import_outcome_get_report:
 *
 * Returns: (transfer none) (nullable): the report read from the file
 */
GkReport *
gk_import_outcome_get_report (GkImportOutcome *self)
{
  g_return_val_if_fail (GK_IS_IMPORT_OUTCOME (self), NULL);
  return self->report;
}

const char *
gk_import_outcome_get_message (GkImportOutcome *self)
{
  g_return_val_if_fail (GK_IS_IMPORT_OUTCOME (self), NULL);
  return self->message;
}
