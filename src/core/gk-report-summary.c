/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-report-summary"

#include "config.h"

#include <math.h>
#include <string.h>

#include "gk-cell.h"
#include "gk-report.h"
#include "gk-report-summary.h"

/* A library of ten thousand reports holds some two million cells; the
 * lists, the trend charts and the comparisons only ever read these 25
 * numbers of each report and its finding counts.  The store keeps them in
 * a column of their own, so opening a library reads a few hundred bytes
 * per report instead of its tables. */

static const char * const rows_denied[] = {
  "denied.1", "denied.2", "denied.3", "denied.4", "denied.5", "denied.6", "denied.7", "denied.8", NULL
};
static const char * const rows_unable[] = { "unable.1", "unable.2", "unable.3", NULL };
static const char * const rows_rejected[] = {
  "rejected.1", "rejected.2", "rejected.3", "rejected.4", "rejected.5", NULL
};
static const char * const rows_other_2019[] = { "other", NULL };
static const char * const rows_other_2021[] = { "other.1", "other.2", "other.3", NULL };
static const char * const t4_rows[] = { "review", "suit_direct", "suit_after_review" };
static const char * const t4_columns[] = { "upheld", "corrected", "other", "pending", "total" };

/* Sums table @table's cells of @rows in @column into @item. */
static void
sum_into (GkReportSummary    *summary,
          GkSummaryItem       item,
          GkReport           *report,
          GkTableId           table,
          const char * const *rows,
          const char         *column)
{
  guint n_present = 0, n_missing = 0;
  double sum = 0;

  for (guint i = 0; rows[i] != NULL; i++)
    {
      GkCell *cell = gk_report_lookup_cell (report, table, rows[i], column);

      if (cell != NULL && gk_cell_has_value (cell))
        {
          sum += gk_cell_get_value (cell);
          n_present++;
        }
      else
        n_missing++;
    }

  summary->values[item] = n_present > 0 ? sum : NAN;
  if (n_present > 0 && n_missing > 0)
    summary->incomplete |= 1u << item;
}

/* The rows the table holds decide which 其他处理 rows there are; the
 * template only breaks the tie, since a report may use the other year's
 * template (report-format.md §4). */
static const char * const *
other_rows (GkReport *report)
{
  for (guint i = 0; rows_other_2021[i] != NULL; i++)
    if (gk_report_lookup_cell (report, GK_TABLE_3, rows_other_2021[i], "total") != NULL)
      return rows_other_2021;
  if (gk_report_lookup_cell (report, GK_TABLE_3, "other", "total") != NULL)
    return rows_other_2019;
  return gk_report_get_template (report) == GK_TEMPLATE_2021 ? rows_other_2021 : rows_other_2019;
}

/**
 * gk_report_summary_compute:
 * @summary: (out caller-allocates): where to write
 * @report: a report with its contents
 */
void
gk_report_summary_compute (GkReportSummary *summary,
                           GkReport        *report)
{
  static const struct { GkSummaryItem item; const char *row; } single[] = {
    { GK_SUMMARY_NEW, "new" },
    { GK_SUMMARY_CARRIED_IN, "carried_in" },
    { GK_SUMMARY_GRANTED, "granted" },
    { GK_SUMMARY_PARTIAL, "partial" },
    { GK_SUMMARY_TOTAL, "total" },
    { GK_SUMMARY_CARRIED_OUT, "carried_out" },
  };

  memset (summary, 0, sizeof *summary);

  for (guint i = 0; i < G_N_ELEMENTS (single); i++)
    {
      const char * const rows[] = { single[i].row, NULL };
      sum_into (summary, single[i].item, report, GK_TABLE_3, rows, "total");
    }
  sum_into (summary, GK_SUMMARY_DENIED, report, GK_TABLE_3, rows_denied, "total");
  sum_into (summary, GK_SUMMARY_UNABLE, report, GK_TABLE_3, rows_unable, "total");
  sum_into (summary, GK_SUMMARY_REJECTED, report, GK_TABLE_3, rows_rejected, "total");
  sum_into (summary, GK_SUMMARY_OTHER, report, GK_TABLE_3, other_rows (report), "total");

  for (guint r = 0; r < G_N_ELEMENTS (t4_rows); r++)
    for (guint c = 0; c < G_N_ELEMENTS (t4_columns); c++)
      {
        const char * const rows[] = { t4_rows[r], NULL };
        sum_into (summary, GK_SUMMARY_T4 (r, c), report, GK_TABLE_4, rows, t4_columns[c]);
      }

  summary->n_errors = gk_report_count_findings (report, GK_FINDING_FAILED, GK_SEVERITY_ERROR);
  summary->n_warnings = gk_report_count_findings (report, GK_FINDING_FAILED, GK_SEVERITY_WARNING);
  summary->n_not_assessable = gk_report_count_findings (report, GK_FINDING_NOT_ASSESSABLE, -1);
}

gboolean
gk_report_summary_has_value (const GkReportSummary *summary,
                             GkSummaryItem          item)
{
  g_return_val_if_fail (summary != NULL && item < GK_SUMMARY_N_ITEMS, FALSE);
  return !isnan (summary->values[item]);
}

/* Returns: the item's value, or NaN when it has none */
double
gk_report_summary_get_value (const GkReportSummary *summary,
                             GkSummaryItem          item)
{
  g_return_val_if_fail (summary != NULL && item < GK_SUMMARY_N_ITEMS, NAN);
  return summary->values[item];
}

gboolean
gk_report_summary_is_incomplete (const GkReportSummary *summary,
                                 GkSummaryItem          item)
{
  g_return_val_if_fail (summary != NULL && item < GK_SUMMARY_N_ITEMS, FALSE);
  return (summary->incomplete & (1u << item)) != 0;
}

/* The stored form: a version byte, the item count, then each value as a
 * little-endian IEEE double, then the incomplete mask and the three counts
 * as little-endian 32-bit integers.  A summary written by a later version
 * with more items is read as far as this version knows. */
#define SUMMARY_FORMAT 1

static void
put_u32 (GByteArray *out,
         guint32     v)
{
  guint32 le = GUINT32_TO_LE (v);
  g_byte_array_append (out, (const guint8 *) &le, 4);
}

GBytes *
gk_report_summary_to_bytes (const GkReportSummary *summary)
{
  GByteArray *out = g_byte_array_sized_new (2 + 8 * GK_SUMMARY_N_ITEMS + 16);
  guint8 head[2] = { SUMMARY_FORMAT, GK_SUMMARY_N_ITEMS };

  g_return_val_if_fail (summary != NULL, NULL);

  g_byte_array_append (out, head, 2);
  for (guint i = 0; i < GK_SUMMARY_N_ITEMS; i++)
    {
      guint64 bits;

      memcpy (&bits, &summary->values[i], 8);
      bits = GUINT64_TO_LE (bits);
      g_byte_array_append (out, (const guint8 *) &bits, 8);
    }
  put_u32 (out, summary->incomplete);
  put_u32 (out, summary->n_errors);
  put_u32 (out, summary->n_warnings);
  put_u32 (out, summary->n_not_assessable);

  return g_byte_array_free_to_bytes (out);
}

static guint32
get_u32 (const guint8 *p)
{
  guint32 v;

  memcpy (&v, p, 4);
  return GUINT32_FROM_LE (v);
}

/**
 * gk_report_summary_from_bytes:
 *
 * Returns: %FALSE when @data is not a stored summary
 */
gboolean
gk_report_summary_from_bytes (GkReportSummary *summary,
                              const guint8    *data,
                              gsize            length)
{
  guint n_items;
  const guint8 *p;

  g_return_val_if_fail (summary != NULL, FALSE);

  if (data == NULL || length < 2 || data[0] != SUMMARY_FORMAT)
    return FALSE;
  n_items = data[1];
  if (n_items < GK_SUMMARY_N_ITEMS || length != 2 + 8 * (gsize) n_items + 16)
    return FALSE;

  p = data + 2;
  for (guint i = 0; i < n_items; i++, p += 8)
    if (i < GK_SUMMARY_N_ITEMS)
      {
        guint64 bits;

        memcpy (&bits, p, 8);
        bits = GUINT64_FROM_LE (bits);
        memcpy (&summary->values[i], &bits, 8);
      }
  summary->incomplete = get_u32 (p) & ((1u << GK_SUMMARY_N_ITEMS) - 1);
  summary->n_errors = get_u32 (p + 4);
  summary->n_warnings = get_u32 (p + 8);
  summary->n_not_assessable = get_u32 (p + 12);
  return TRUE;
}
