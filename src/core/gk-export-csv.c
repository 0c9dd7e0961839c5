/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-export-csv"

#include "config.h"

#include <string.h>

#include "gk-export-csv.h"

/* The "long" or tidy form: one line per cell with the report's metadata
 * repeated, so that any number of reports stack into one table that
 * filters and pivots without reshaping.  Fields are quoted as RFC 4180
 * says; lines end in a bare \n, which every CSV reader accepts and which
 * keeps the output friendly to line-based Unix tools.  The header is
 * written separately so that a caller exporting many reports writes it
 * once. */

static gboolean
needs_quotes (const char *field)
{
  return strpbrk (field, ",\"\r\n") != NULL;
}

/**
 * gk_export_csv_append_field:
 * @out: where to append
 * @field: (nullable): the field's text; %NULL is an empty field
 *
 * Appends one field, quoted when it holds a comma, a double quote or a
 * line break, with its double quotes doubled.  No separator is added.
 */
void
gk_export_csv_append_field (GString    *out,
                            const char *field)
{
  g_return_if_fail (out != NULL);

  if (field == NULL || *field == '\0')
    return;

  if (!needs_quotes (field))
    {
      g_string_append (out, field);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = field; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * gk_export_csv_append_header:
 *
 * Appends %GK_EXPORT_CSV_HEADER and a line end.
 */
void
gk_export_csv_append_header (GString *out)
{
  g_return_if_fail (out != NULL);
  g_string_append (out, GK_EXPORT_CSV_HEADER "\n");
}

/**
 * gk_export_csv_append_report:
 * @out: where to append
 * @report: a parsed report
 *
 * Appends one line per cell of each table the report has, tables 2, 3 and
 * 4 in turn and each table's cells in template order.  The value is empty
 * for a blank or not-applicable cell: a blank is not a zero.
 */
void
gk_export_csv_append_report (GString  *out,
                             GkReport *report)
{
  g_autofree char *year = NULL;
  const char *template_;

  g_return_if_fail (out != NULL);
  g_return_if_fail (GK_IS_REPORT (report));

  if (gk_report_get_year (report) > 0)
    year = g_strdup_printf ("%d", gk_report_get_year (report));
  template_ = gk_template_to_string (gk_report_get_template (report));

  for (GkTableId id = GK_TABLE_2; id <= GK_TABLE_4; id++)
    {
      GkTable *table = gk_report_get_table (report, id);
      guint n_cells;

      if (table == NULL)
        continue;

      n_cells = gk_table_get_n_cells (table);
      for (guint i = 0; i < n_cells; i++)
        {
          GkCell *cell = gk_table_get_cell (table, i);
          g_autofree char *value = gk_cell_format_value (cell);

          gk_export_csv_append_field (out, gk_report_get_source_name (report));
          g_string_append_c (out, ',');
          gk_export_csv_append_field (out, gk_report_get_agency (report));
          g_string_append_c (out, ',');
          gk_export_csv_append_field (out, year);
          g_string_append_c (out, ',');
          gk_export_csv_append_field (out, template_);
          g_string_append_c (out, ',');
          gk_export_csv_append_field (out, gk_table_id_to_key (id));
          g_string_append_c (out, ',');
          gk_export_csv_append_field (out, gk_cell_get_row (cell));
          g_string_append_c (out, ',');
          gk_export_csv_append_field (out, gk_cell_get_column (cell));
          g_string_append_c (out, ',');
          gk_export_csv_append_field (out, value);
          g_string_append_c (out, ',');
          gk_export_csv_append_field (out, gk_cell_get_raw (cell));
          g_string_append_c (out, ',');
          gk_export_csv_append_field (out, gk_value_class_to_string (gk_cell_get_value_class (cell)));
          g_string_append_c (out, '\n');
        }
    }
}

/**
 * gk_export_csv_write_header:
 *
 * Writes %GK_EXPORT_CSV_HEADER and a line end to @stream.
 */
gboolean
gk_export_csv_write_header (GOutputStream  *stream,
                            GCancellable   *cancellable,
                            GError        **error)
{
  static const char header[] = GK_EXPORT_CSV_HEADER "\n";

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  return g_output_stream_write_all (stream, header, sizeof header - 1, NULL, cancellable, error);
}

/**
 * gk_export_csv_write_report:
 *
 * Writes the lines of gk_export_csv_append_report() to @stream.  Each
 * report is formatted in memory first (a few tens of kB), so a long export
 * needs memory for one report only.
 */
gboolean
gk_export_csv_write_report (GOutputStream  *stream,
                            GkReport       *report,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (GK_IS_REPORT (report), FALSE);

  out = g_string_new (NULL);
  gk_export_csv_append_report (out, report);
  return g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error);
}
