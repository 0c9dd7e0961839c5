/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-export-indicators"

#include "config.h"

#include "gk-export-csv.h"
#include "gk-export-indicators.h"
#include "gk-indicators.h"

/* The "wide" form: one line per report, so that a spreadsheet or a data
 * frame gets one indicator per column without pivoting.  The columns are
 * the indicators' stable keys; a rate is a fraction (0.504717 for
 * 50.47 %), with six decimals, so that tools compute with it directly.
 * An indicator without a value (an input blank, a denominator of 0) is an
 * empty field, never 0: pandas and R read it as missing.  Quoting and line
 * ends are those of the tidy export (gk-export-csv.c). */

/**
 * gk_export_indicators_append_header:
 *
 * Appends "file,agency,year,template," and the indicators' keys, in the
 * order of #GkIndicator, and a line end.
 */
void
gk_export_indicators_append_header (GString *out)
{
  g_return_if_fail (out != NULL);

  g_string_append (out, "file,agency,year,template");
  for (guint i = 0; i < GK_N_INDICATORS; i++)
    {
      g_string_append_c (out, ',');
      g_string_append (out, gk_indicator_get_key (i));
    }
  g_string_append_c (out, '\n');
}

/**
 * gk_export_indicators_append_report:
 *
 * Appends the line of @report.
 */
void
gk_export_indicators_append_report (GString  *out,
                                    GkReport *report)
{
  g_autofree char *year = NULL;

  g_return_if_fail (out != NULL);
  g_return_if_fail (GK_IS_REPORT (report));

  if (gk_report_get_year (report) > 0)
    year = g_strdup_printf ("%d", gk_report_get_year (report));

  gk_export_csv_append_field (out, gk_report_get_source_name (report));
  g_string_append_c (out, ',');
  gk_export_csv_append_field (out, gk_report_get_agency (report));
  g_string_append_c (out, ',');
  gk_export_csv_append_field (out, year);
  g_string_append_c (out, ',');
  gk_export_csv_append_field (out, gk_template_to_string (gk_report_get_template (report)));

  for (guint i = 0; i < GK_N_INDICATORS; i++)
    {
      GkIndicatorResult result;
      g_autofree char *value = NULL;

      gk_indicator_compute (report, i, &result);
      value = gk_indicator_result_format_plain (&result);
      g_string_append_c (out, ',');
      gk_export_csv_append_field (out, value);
    }
  g_string_append_c (out, '\n');
}
