/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "gk-types.h"

/* These strings are the stable ASCII keys of report-format.md §11: they end
 * up in JSON, CSV and the library, so they never change or get translated. */

const char *
gk_template_to_string (GkTemplate template_)
{
  switch (template_)
    {
    case GK_TEMPLATE_2019:   return "2019";
    case GK_TEMPLATE_2021:   return "2021";
    case GK_TEMPLATE_LEGACY: return "legacy";
    case GK_TEMPLATE_UNKNOWN:
    default:                 return "unknown";
    }
}

GkTemplate
gk_template_from_string (const char *str)
{
  if (g_strcmp0 (str, "2019") == 0)
    return GK_TEMPLATE_2019;
  if (g_strcmp0 (str, "2021") == 0)
    return GK_TEMPLATE_2021;
  if (g_strcmp0 (str, "legacy") == 0)
    return GK_TEMPLATE_LEGACY;
  return GK_TEMPLATE_UNKNOWN;
}

const char *
gk_table_id_to_key (GkTableId table)
{
  switch (table)
    {
    case GK_TABLE_2: return "t2";
    case GK_TABLE_3: return "t3";
    case GK_TABLE_4: return "t4";
    default:         g_return_val_if_reached ("t?");
    }
}

gboolean
gk_table_id_from_key (const char *key,
                      GkTableId  *table)
{
  g_return_val_if_fail (table != NULL, FALSE);

  if (g_strcmp0 (key, "t2") == 0)
    *table = GK_TABLE_2;
  else if (g_strcmp0 (key, "t3") == 0)
    *table = GK_TABLE_3;
  else if (g_strcmp0 (key, "t4") == 0)
    *table = GK_TABLE_4;
  else
    return FALSE;

  return TRUE;
}

const char *
gk_value_class_to_string (GkValueClass value_class)
{
  switch (value_class)
    {
    case GK_VALUE_NUMBER: return "number";
    case GK_VALUE_SIGNED: return "signed";
    case GK_VALUE_BLANK:  return "blank";
    case GK_VALUE_NA:     return "na";
    case GK_VALUE_TEXT:   return "text";
    default:             g_return_val_if_reached ("text");
    }
}

const char *
gk_severity_to_string (GkSeverity severity)
{
  return severity == GK_SEVERITY_ERROR ? "error" : "warning";
}

const char *
gk_finding_status_to_string (GkFindingStatus status)
{
  return status == GK_FINDING_FAILED ? "failed" : "not-assessable";
}

const char *
gk_format_to_string (GkFormat format)
{
  switch (format)
    {
    case GK_FORMAT_TEXT: return "text";
    case GK_FORMAT_HTML: return "html";
    case GK_FORMAT_DOCX: return "docx";
    case GK_FORMAT_PDF:  return "pdf";
    default:             g_return_val_if_reached ("text");
    }
}

const char *
gk_verdict_to_string (GkVerdict verdict)
{
  switch (verdict)
    {
    case GK_VERDICT_CONFIRMED: return "confirmed";
    case GK_VERDICT_DISMISSED: return "dismissed";
    case GK_VERDICT_NONE:
    default:                   return "none";
    }
}

GkVerdict
gk_verdict_from_string (const char *str)
{
  if (g_strcmp0 (str, "confirmed") == 0)
    return GK_VERDICT_CONFIRMED;
  if (g_strcmp0 (str, "dismissed") == 0)
    return GK_VERDICT_DISMISSED;
  return GK_VERDICT_NONE;
}
