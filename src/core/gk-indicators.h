/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-indicators.h: the derived indicators researchers compute from a
 * report's tables (report-format.md §9). */

#pragma once

#include <glib.h>

#include "gk-report.h"
#include "gk-report-summary.h"

G_BEGIN_DECLS

/**
 * GkIndicator:
 * @GK_INDICATOR_RECEIVED: 受理总量, new + carried_in
 * @GK_INDICATOR_DISCLOSED_RATE: 实质公开率, (granted + partial) / total
 * @GK_INDICATOR_DENIED_RATE: 不予公开率, Σdenied / total
 * @GK_INDICATOR_UNABLE_RATE: 无法提供率, Σunable / total
 * @GK_INDICATOR_REJECTED_RATE: 不予处理率, Σrejected / total
 * @GK_INDICATOR_REVIEW_CORRECTED_RATE: 复议纠错率, 复议 纠正 / 复议 总计
 * @GK_INDICATOR_REVIEW_CORRECTED_RATE_CONCLUDED: the same over the reviews
 *   concluded, 复议 纠正 / (复议 总计 − 尚未审结)
 * @GK_INDICATOR_SUIT_CORRECTED_RATE: 诉讼纠错率, the 纠正 of both kinds of
 *   lawsuit over their 总计
 * @GK_INDICATOR_DISPUTE_RATE: 争议转化率, reviews and lawsuits over new
 *   requests
 *
 * Table 3 inputs are the 总计 column.
 */
typedef enum
{
  GK_INDICATOR_RECEIVED = 0,
  GK_INDICATOR_DISCLOSED_RATE,
  GK_INDICATOR_DENIED_RATE,
  GK_INDICATOR_UNABLE_RATE,
  GK_INDICATOR_REJECTED_RATE,
  GK_INDICATOR_REVIEW_CORRECTED_RATE,
  GK_INDICATOR_REVIEW_CORRECTED_RATE_CONCLUDED,
  GK_INDICATOR_SUIT_CORRECTED_RATE,
  GK_INDICATOR_DISPUTE_RATE,
} GkIndicator;

#define GK_N_INDICATORS (GK_INDICATOR_DISPUTE_RATE + 1)

/**
 * GkIndicatorState:
 * @GK_INDICATOR_HAS_VALUE: the indicator has a value
 * @GK_INDICATOR_MISSING_INPUT: a cell it needs is blank, not applicable or
 *   missing, or the table is: no value, since a blank is not a zero
 * @GK_INDICATOR_ZERO_DENOMINATOR: the denominator is 0: no value, since
 *   a rate of nothing is neither 0 % nor 100 %
 */
typedef enum
{
  GK_INDICATOR_HAS_VALUE = 0,
  GK_INDICATOR_MISSING_INPUT,
  GK_INDICATOR_ZERO_DENOMINATOR,
} GkIndicatorState;

/**
 * GkIndicatorResult:
 * @value: the count, or the rate as a fraction (0.5 for 50 %); only
 *   meaningful with %GK_INDICATOR_HAS_VALUE
 * @numerator: the numerator, or the count
 * @denominator: the denominator; 0 for a count
 * @missing_table: with %GK_INDICATOR_MISSING_INPUT, the first cell that
 *   could not be used: its table …
 * @missing_row: … row key …
 * @missing_column: … and column key (static strings)
 */
typedef struct
{
  GkIndicator       indicator;
  GkIndicatorState  state;
  double            value;
  double            numerator;
  double            denominator;
  GkTableId         missing_table;
  const char       *missing_row;
  const char       *missing_column;
} GkIndicatorResult;

const char *gk_indicator_get_key         (GkIndicator        indicator);
const char *gk_indicator_get_name        (GkIndicator        indicator);
const char *gk_indicator_get_title       (GkIndicator        indicator);
gboolean    gk_indicator_is_rate         (GkIndicator        indicator);
const char *gk_indicator_get_formula     (GkIndicator        indicator);
const char *gk_indicator_get_formula_zh  (GkIndicator        indicator);
const char *gk_indicator_get_denominator (GkIndicator        indicator);
gboolean    gk_indicator_from_key        (const char        *key,
                                          GkIndicator       *indicator);

void        gk_indicator_compute         (GkReport          *report,
                                          GkIndicator        indicator,
                                          GkIndicatorResult *result);
void        gk_indicator_compute_summary (const GkReportSummary *summary,
                                          GkIndicator            indicator,
                                          GkIndicatorResult     *result);
char       *gk_indicator_result_format   (const GkIndicatorResult *result);
char       *gk_indicator_result_format_plain (const GkIndicatorResult *result);
char       *gk_indicator_result_dup_why_none (const GkIndicatorResult *result);

G_END_DECLS
