/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-indicators"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "gk-indicators.h"
#include "gk-keys.h"

/* The indicators of report-format.md §9, each defined once here as sums
 * of cells: the computation, the formula shown beside a value and the
 * export all read the same definition, so they cannot disagree.
 *
 * An indicator whose input is blank, "/" or missing has no value, nor
 * does a rate whose denominator is 0: a blank is not a zero, and a rate of
 * nothing is neither 0 % nor 100 %.  Showing 0 % there would put agencies
 * that received no requests at the bottom of every ranking. */

typedef struct
{
  GkTableId   table;
  const char *row;    /* NULL ends a list */
  const char *column;
  int         sign;
} Term;

#define MAX_TERMS 8

typedef struct
{
  const char *key;
  /* The researchers' Chinese term and formula: report vocabulary, like
   * the row labels, so not translated. */
  const char *name;
  const char *formula_zh;
  const char *title;        /* for people, translated */
  const char *formula;      /* in the stable keys of §11 */
  const char *denominator;  /* in words, translated; NULL for a count */
  Term        numerator[MAX_TERMS + 1];
  Term        divisor[MAX_TERMS + 1];
} Definition;

#define T3(row) { GK_TABLE_3, row, "total", 1 }
#define T4(row, column) { GK_TABLE_4, row, column, 1 }
#define T4_MINUS(row, column) { GK_TABLE_4, row, column, -1 }
#define END { 0, NULL, NULL, 0 }

static const Definition definitions[GK_N_INDICATORS] = {
  [GK_INDICATOR_RECEIVED] = {
    "received", "受理总量", "本年新收 + 上年结转",
    N_("Requests to handle"),
    "t3/new/total + t3/carried_in/total",
    NULL,
    { T3 ("new"), T3 ("carried_in"), END },
    { END },
  },
  [GK_INDICATOR_DISCLOSED_RATE] = {
    "disclosed_rate", "实质公开率", "（予以公开 + 部分公开）÷ 总计",
    N_("Substantive disclosure rate"),
    "(t3/granted/total + t3/partial/total) / t3/total/total",
    N_("every request handled this year: row （七）总计 of table 3, column 总计"),
    { T3 ("granted"), T3 ("partial"), END },
    { T3 ("total"), END },
  },
  [GK_INDICATOR_DENIED_RATE] = {
    "denied_rate", "不予公开率", "不予公开 1–8 之和 ÷ 总计",
    N_("Refusal rate"),
    "(t3/denied.1/total + … + t3/denied.8/total) / t3/total/total",
    N_("every request handled this year: row （七）总计 of table 3, column 总计"),
    { T3 ("denied.1"), T3 ("denied.2"), T3 ("denied.3"), T3 ("denied.4"),
      T3 ("denied.5"), T3 ("denied.6"), T3 ("denied.7"), T3 ("denied.8"), END },
    { T3 ("total"), END },
  },
  [GK_INDICATOR_UNABLE_RATE] = {
    "unable_rate", "无法提供率", "无法提供 1–3 之和 ÷ 总计",
    N_("Unable-to-provide rate"),
    "(t3/unable.1/total + t3/unable.2/total + t3/unable.3/total) / t3/total/total",
    N_("every request handled this year: row （七）总计 of table 3, column 总计"),
    { T3 ("unable.1"), T3 ("unable.2"), T3 ("unable.3"), END },
    { T3 ("total"), END },
  },
  [GK_INDICATOR_REJECTED_RATE] = {
    "rejected_rate", "不予处理率", "不予处理 1–5 之和 ÷ 总计",
    N_("Not-processed rate"),
    "(t3/rejected.1/total + … + t3/rejected.5/total) / t3/total/total",
    N_("every request handled this year: row （七）总计 of table 3, column 总计"),
    { T3 ("rejected.1"), T3 ("rejected.2"), T3 ("rejected.3"), T3 ("rejected.4"),
      T3 ("rejected.5"), END },
    { T3 ("total"), END },
  },
  [GK_INDICATOR_REVIEW_CORRECTED_RATE] = {
    "review_corrected_rate", "复议纠错率", "行政复议 结果纠正 ÷ 行政复议 总计",
    N_("Review correction rate"),
    "t4/review/corrected / t4/review/total",
    N_("every administrative review of the year, concluded or not: 行政复议 总计 in table 4"),
    { T4 ("review", "corrected"), END },
    { T4 ("review", "total"), END },
  },
  [GK_INDICATOR_REVIEW_CORRECTED_RATE_CONCLUDED] = {
    "review_corrected_rate_concluded", "复议纠错率（不含尚未审结）",
    "行政复议 结果纠正 ÷（行政复议 总计 − 尚未审结）",
    N_("Review correction rate, concluded reviews only"),
    "t4/review/corrected / (t4/review/total - t4/review/pending)",
    N_("the administrative reviews concluded: 行政复议 总计 minus 尚未审结 in table 4"),
    { T4 ("review", "corrected"), END },
    { T4 ("review", "total"), T4_MINUS ("review", "pending"), END },
  },
  [GK_INDICATOR_SUIT_CORRECTED_RATE] = {
    "suit_corrected_rate", "诉讼纠错率",
    "（直接起诉 结果纠正 + 复议后起诉 结果纠正）÷（直接起诉 总计 + 复议后起诉 总计）",
    N_("Lawsuit correction rate"),
    "(t4/suit_direct/corrected + t4/suit_after_review/corrected) / "
    "(t4/suit_direct/total + t4/suit_after_review/total)",
    N_("every lawsuit of the year, filed directly or after a review: the two 总计 of 行政诉讼 in table 4"),
    { T4 ("suit_direct", "corrected"), T4 ("suit_after_review", "corrected"), END },
    { T4 ("suit_direct", "total"), T4 ("suit_after_review", "total"), END },
  },
  [GK_INDICATOR_DISPUTE_RATE] = {
    "dispute_rate", "争议转化率",
    "（行政复议 总计 + 直接起诉 总计 + 复议后起诉 总计）÷ 本年新收",
    N_("Dispute rate"),
    "(t4/review/total + t4/suit_direct/total + t4/suit_after_review/total) / t3/new/total",
    N_("the requests received this year: row 一、本年新收 of table 3, column 总计"),
    { T4 ("review", "total"), T4 ("suit_direct", "total"), T4 ("suit_after_review", "total"), END },
    { T3 ("new"), END },
  },
};

static const Definition *
get_definition (GkIndicator indicator)
{
  g_return_val_if_fail ((guint) indicator < GK_N_INDICATORS, &definitions[0]);
  return &definitions[indicator];
}

/**
 * gk_indicator_get_key:
 *
 * Returns: the indicator's stable ASCII key, e.g. "disclosed_rate", used
 *   in the JSON and the CSV
 */
const char *
gk_indicator_get_key (GkIndicator indicator)
{
  return get_definition (indicator)->key;
}

/**
 * gk_indicator_get_name:
 *
 * Returns: the Chinese term researchers use, e.g. "实质公开率"
 */
const char *
gk_indicator_get_name (GkIndicator indicator)
{
  return get_definition (indicator)->name;
}

/**
 * gk_indicator_get_title:
 *
 * Returns: the name for people, translated
 */
const char *
gk_indicator_get_title (GkIndicator indicator)
{
  return g_dgettext (GETTEXT_PACKAGE, get_definition (indicator)->title);
}

gboolean
gk_indicator_is_rate (GkIndicator indicator)
{
  return get_definition (indicator)->divisor[0].row != NULL;
}

/**
 * gk_indicator_get_formula:
 *
 * Returns: the formula over the cell keys of report-format.md §11
 */
const char *
gk_indicator_get_formula (GkIndicator indicator)
{
  return get_definition (indicator)->formula;
}

/**
 * gk_indicator_get_formula_zh:
 *
 * Returns: the formula in the report's own terms, e.g.
 *   "（予以公开 + 部分公开）÷ 总计"
 */
const char *
gk_indicator_get_formula_zh (GkIndicator indicator)
{
  return get_definition (indicator)->formula_zh;
}

/**
 * gk_indicator_get_denominator:
 *
 * Returns: (nullable): what the rate is a share of, in words, translated;
 *   %NULL for a count
 */
const char *
gk_indicator_get_denominator (GkIndicator indicator)
{
  const char *text = get_definition (indicator)->denominator;

  return text != NULL ? g_dgettext (GETTEXT_PACKAGE, text) : NULL;
}

gboolean
gk_indicator_from_key (const char  *key,
                       GkIndicator *indicator)
{
  g_return_val_if_fail (key != NULL, FALSE);

  for (guint i = 0; i < GK_N_INDICATORS; i++)
    if (strcmp (definitions[i].key, key) == 0)
      {
        if (indicator != NULL)
          *indicator = i;
        return TRUE;
      }
  return FALSE;
}

/* Sums @terms into @sum; FALSE, with the first cell that cannot be used
 * in @result, when one of them is blank, not applicable or missing. */
static gboolean
sum_terms (GkReport          *report,
           const Term        *terms,
           double            *sum,
           GkIndicatorResult *result)
{
  *sum = 0;

  for (const Term *t = terms; t->row != NULL; t++)
    {
      GkCell *cell = gk_report_lookup_cell (report, t->table, t->row, t->column);
      GkValueClass value_class = cell != NULL ? gk_cell_get_value_class (cell) : GK_VALUE_BLANK;

      if (cell == NULL || value_class == GK_VALUE_BLANK || value_class == GK_VALUE_NA
          || !gk_cell_has_value (cell))
        {
          result->state = GK_INDICATOR_MISSING_INPUT;
          result->missing_table = t->table;
          result->missing_row = t->row;
          result->missing_column = t->column;
          return FALSE;
        }
      *sum += t->sign * gk_cell_get_value (cell);
    }

  return TRUE;
}

/**
 * gk_indicator_compute:
 * @result: (out caller-allocates): the value, or why there is none
 *
 * Computes @indicator for @report from the cells of its tables.
 */
void
gk_indicator_compute (GkReport          *report,
                      GkIndicator        indicator,
                      GkIndicatorResult *result)
{
  const Definition *def;

  g_return_if_fail (result != NULL);
  memset (result, 0, sizeof *result);
  result->indicator = indicator;
  result->state = GK_INDICATOR_MISSING_INPUT;
  g_return_if_fail (GK_IS_REPORT (report));
  g_return_if_fail ((guint) indicator < GK_N_INDICATORS);

  def = &definitions[indicator];

  if (!sum_terms (report, def->numerator, &result->numerator, result))
    return;

  if (def->divisor[0].row == NULL)
    {
      result->state = GK_INDICATOR_HAS_VALUE;
      result->value = result->numerator;
      return;
    }

  if (!sum_terms (report, def->divisor, &result->denominator, result))
    return;

  /* Counts are whole numbers: anything this close to 0 is 0. */
  if (fabs (result->denominator) < 1e-9)
    {
      result->state = GK_INDICATOR_ZERO_DENOMINATOR;
      return;
    }

  result->state = GK_INDICATOR_HAS_VALUE;
  result->value = result->numerator / result->denominator;
}

/* The summary item holding @t's cell, or the sum of the group of rows it
 * belongs to (the 不予公开 rows are kept as one sum, for instance). */
static GkSummaryItem
term_item (const Term *t)
{
  static const char * const t4_rows[] = { "review", "suit_direct", "suit_after_review" };
  static const char * const t4_columns[] = { "upheld", "corrected", "other", "pending", "total" };
  static const struct { const char *prefix; GkSummaryItem item; } t3[] = {
    { "new", GK_SUMMARY_NEW },
    { "carried_in", GK_SUMMARY_CARRIED_IN },
    { "granted", GK_SUMMARY_GRANTED },
    { "partial", GK_SUMMARY_PARTIAL },
    { "denied.", GK_SUMMARY_DENIED },
    { "unable.", GK_SUMMARY_UNABLE },
    { "rejected.", GK_SUMMARY_REJECTED },
    { "total", GK_SUMMARY_TOTAL },
  };

  if (t->table == GK_TABLE_3)
    {
      for (guint i = 0; i < G_N_ELEMENTS (t3); i++)
        if (g_str_has_suffix (t3[i].prefix, ".") ? g_str_has_prefix (t->row, t3[i].prefix)
                                                 : strcmp (t->row, t3[i].prefix) == 0)
          return t3[i].item;
    }
  else if (t->table == GK_TABLE_4)
    {
      for (guint r = 0; r < G_N_ELEMENTS (t4_rows); r++)
        for (guint c = 0; c < G_N_ELEMENTS (t4_columns); c++)
          if (strcmp (t->row, t4_rows[r]) == 0 && strcmp (t->column, t4_columns[c]) == 0)
            return GK_SUMMARY_T4 (r, c);
    }

  /* Every term of the definitions above has an item: a new one needs one
   * in gk-report-summary.c too. */
  g_assert_not_reached ();
}

/* Like sum_terms(), over the sums the summary keeps: a run of terms with
 * the same item (8 不予公开 rows) is that one item.  The summary marks an
 * item summed over some blank cells as incomplete, and such an item is as
 * unusable as a blank cell; which of its cells was blank the summary does
 * not say, so the group's first row is named then. */
static gboolean
sum_summary_terms (const GkReportSummary *summary,
                   const Term            *terms,
                   double                *sum,
                   GkIndicatorResult     *result)
{
  const Term *t = terms;

  *sum = 0;

  while (t->row != NULL)
    {
      const Term *first = t;
      GkSummaryItem item = term_item (first);

      while (t->row != NULL && term_item (t) == item)
        t++;

      if (!gk_report_summary_has_value (summary, item)
          || gk_report_summary_is_incomplete (summary, item))
        {
          result->state = GK_INDICATOR_MISSING_INPUT;
          result->missing_table = first->table;
          result->missing_row = first->row;
          result->missing_column = first->column;
          return FALSE;
        }
      *sum += first->sign * gk_report_summary_get_value (summary, item);
    }

  return TRUE;
}

/**
 * gk_indicator_compute_summary:
 * @summary: a report's summary
 * @result: (out caller-allocates): the value, or why there is none
 *
 * Computes @indicator from a report's summary, without its tables: the
 * same result as gk_indicator_compute() on the report, except that for an
 * input summed over several rows, some of them blank, the missing cell
 * named is the group's first row.
 */
void
gk_indicator_compute_summary (const GkReportSummary *summary,
                              GkIndicator            indicator,
                              GkIndicatorResult     *result)
{
  const Definition *def;

  g_return_if_fail (result != NULL);
  memset (result, 0, sizeof *result);
  result->indicator = indicator;
  result->state = GK_INDICATOR_MISSING_INPUT;
  g_return_if_fail (summary != NULL);
  g_return_if_fail ((guint) indicator < GK_N_INDICATORS);

  def = &definitions[indicator];

  if (!sum_summary_terms (summary, def->numerator, &result->numerator, result))
    return;

  if (def->divisor[0].row == NULL)
    {
      result->state = GK_INDICATOR_HAS_VALUE;
      result->value = result->numerator;
      return;
    }

  if (!sum_summary_terms (summary, def->divisor, &result->denominator, result))
    return;

  if (fabs (result->denominator) < 1e-9)
    {
      result->state = GK_INDICATOR_ZERO_DENOMINATOR;
      return;
    }

  result->state = GK_INDICATOR_HAS_VALUE;
  result->value = result->numerator / result->denominator;
}

/* Up to @decimals decimals, without trailing zeros. */
static char *
format_decimal (double value,
                int    decimals)
{
  char format[8];
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (buf, sizeof buf, format, value);
  if (strchr (buf, '.') != NULL)
    {
      end = buf + strlen (buf);
      while (end[-1] == '0')
        *--end = '\0';
      if (end[-1] == '.')
        *--end = '\0';
    }
  if (strcmp (buf, "-0") == 0)
    return g_strdup ("0");
  return g_strdup (buf);
}

/**
 * gk_indicator_result_format:
 *
 * Returns: (transfer full) (nullable): the value for people, "220" or
 *   "50.47%", or %NULL when there is none
 */
char *
gk_indicator_result_format (const GkIndicatorResult *result)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (result != NULL, NULL);

  if (result->state != GK_INDICATOR_HAS_VALUE)
    return NULL;
  if (!gk_indicator_is_rate (result->indicator))
    return format_decimal (result->value, 4);

  /* A decimal point whatever the locale, as in the rest of the output. */
  g_ascii_formatd (buf, sizeof buf, "%.2f", 100 * result->value);
  return g_strconcat (buf, "%", NULL);
}

/**
 * gk_indicator_result_format_plain:
 *
 * Returns: (transfer full) (nullable): the value for tools: the count, or
 *   the rate as a fraction with six decimals ("0.504717"); %NULL when
 *   there is none
 */
char *
gk_indicator_result_format_plain (const GkIndicatorResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  if (result->state != GK_INDICATOR_HAS_VALUE)
    return NULL;
  return format_decimal (result->value, gk_indicator_is_rate (result->indicator) ? 6 : 4);
}

/**
 * gk_indicator_result_dup_why_none:
 *
 * Returns: (transfer full) (nullable): why the indicator has no value, for
 *   people; %NULL when it has one
 */
char *
gk_indicator_result_dup_why_none (const GkIndicatorResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  switch (result->state)
    {
    case GK_INDICATOR_MISSING_INPUT:
      {
        const char *row = gk_keys_row_label (result->missing_table, GK_TEMPLATE_2021, result->missing_row);
        const char *column = gk_keys_column_label (result->missing_table, GK_TEMPLATE_2021, result->missing_column);

        /* Translators: an indicator without a value; the first two %s are
         * the row and column labels of a table cell, in Chinese. */
        return g_strdup_printf (_("no value: %s / %s of table %d is blank, not applicable or missing"),
                                row != NULL ? row : result->missing_row,
                                column != NULL ? column : result->missing_column,
                                (int) result->missing_table);
      }
    case GK_INDICATOR_ZERO_DENOMINATOR:
      return g_strdup (_("no value: the denominator is 0"));
    case GK_INDICATOR_HAS_VALUE:
    default:
      return NULL;
    }
}
