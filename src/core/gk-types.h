/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-types.h: the enumerations shared by the core model. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * GkTemplate:
 * The official layout a report follows (report-format.md §1).
 */
typedef enum
{
  GK_TEMPLATE_UNKNOWN = 0,
  GK_TEMPLATE_2019    = 2019,
  GK_TEMPLATE_2021    = 2021,
  GK_TEMPLATE_LEGACY  = 1,
} GkTemplate;

/**
 * GkTableId:
 * The statistical tables of a report, numbered as in the report itself.
 */
typedef enum
{
  GK_TABLE_2 = 2,
  GK_TABLE_3 = 3,
  GK_TABLE_4 = 4,
} GkTableId;

/**
 * GkValueClass:
 * What a cell holds (report-format.md §6).
 */
typedef enum
{
  GK_VALUE_NUMBER = 0,
  GK_VALUE_SIGNED,
  GK_VALUE_BLANK,
  GK_VALUE_NA,
  GK_VALUE_TEXT,
} GkValueClass;

typedef enum
{
  GK_SEVERITY_ERROR = 0,
  GK_SEVERITY_WARNING,
} GkSeverity;

/**
 * GkFindingStatus:
 * @GK_FINDING_FAILED: the rule was evaluated and does not hold
 * @GK_FINDING_NOT_ASSESSABLE: an input of the rule is blank or not
 *   applicable, so the rule could be neither passed nor failed
 */
typedef enum
{
  GK_FINDING_FAILED = 0,
  GK_FINDING_NOT_ASSESSABLE,
} GkFindingStatus;

/**
 * GkVerdict:
 * @GK_VERDICT_NONE: nobody has looked at the finding yet
 * @GK_VERDICT_CONFIRMED: a person agrees the report is wrong there
 * @GK_VERDICT_DISMISSED: a person judged the finding not to matter (the
 *   note says why)
 *
 * What the user decided about a finding; it survives re-checks, since a
 * finding's id (rule and subject) does.
 */
typedef enum
{
  GK_VERDICT_NONE = 0,
  GK_VERDICT_CONFIRMED,
  GK_VERDICT_DISMISSED,
} GkVerdict;

/**
 * GkFormat:
 * The container the report's bytes arrived in.
 */
typedef enum
{
  GK_FORMAT_TEXT = 0,
  GK_FORMAT_HTML,
  GK_FORMAT_DOCX,
  GK_FORMAT_PDF,
} GkFormat;

const char *gk_template_to_string   (GkTemplate      template_);
GkTemplate  gk_template_from_string (const char     *str);
const char *gk_table_id_to_key      (GkTableId       table);
gboolean    gk_table_id_from_key    (const char     *key,
                                     GkTableId      *table);
const char *gk_value_class_to_string (GkValueClass     value_class);
const char *gk_severity_to_string   (GkSeverity      severity);
const char *gk_finding_status_to_string (GkFindingStatus status);
const char *gk_format_to_string     (GkFormat        format);
const char *gk_verdict_to_string    (GkVerdict       verdict);
GkVerdict   gk_verdict_from_string  (const char     *str);

G_END_DECLS
