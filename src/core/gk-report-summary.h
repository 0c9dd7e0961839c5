/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-report-summary.h: the few numbers of a report that lists, charts and
 * comparisons need, small enough to keep for every report of a library
 * while the tables themselves stay on disk until a report is opened. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * GkSummaryItem:
 *
 * Table 3's 总计 column, its sub-rows summed per group (the 2021 template's
 * three 其他处理 rows summed so both templates line up), then table 4's
 * fifteen cells, row by row (复议, 直接起诉, 复议后起诉) and within a row
 * 维持, 纠正, 其他结果, 尚未审结, 总计.
 */
typedef enum
{
  GK_SUMMARY_NEW = 0,
  GK_SUMMARY_CARRIED_IN,
  GK_SUMMARY_GRANTED,
  GK_SUMMARY_PARTIAL,
  GK_SUMMARY_DENIED,
  GK_SUMMARY_UNABLE,
  GK_SUMMARY_REJECTED,
  GK_SUMMARY_OTHER,
  GK_SUMMARY_TOTAL,
  GK_SUMMARY_CARRIED_OUT,
  GK_SUMMARY_T4_FIRST,
  GK_SUMMARY_N_ITEMS = GK_SUMMARY_T4_FIRST + 15,
} GkSummaryItem;

/* Table 4's cell at row @r (0–2) and column @c (0–4). */
#define GK_SUMMARY_T4(r, c) ((GkSummaryItem) (GK_SUMMARY_T4_FIRST + 5 * (r) + (c)))

typedef struct
{
  /* NaN where none of the cells summed holds a value. */
  double  values[GK_SUMMARY_N_ITEMS];
  /* Bit i: item i summed some cells with values and some without. */
  guint32 incomplete;
  guint   n_errors;          /* failed findings of severity error */
  guint   n_warnings;        /* failed findings of severity warning */
  guint   n_not_assessable;  /* rules that could not be checked */
} GkReportSummary;

G_STATIC_ASSERT (GK_SUMMARY_N_ITEMS <= 32);

gboolean gk_report_summary_has_value   (const GkReportSummary *summary,
                                        GkSummaryItem          item);
double   gk_report_summary_get_value   (const GkReportSummary *summary,
                                        GkSummaryItem          item);
gboolean gk_report_summary_is_incomplete (const GkReportSummary *summary,
                                          GkSummaryItem          item);

/* Defined in gk-report-summary.c; the report is a GkReport. */
typedef struct _GkReport GkReport;
void     gk_report_summary_compute     (GkReportSummary       *summary,
                                        GkReport              *report);

GBytes  *gk_report_summary_to_bytes    (const GkReportSummary *summary);
gboolean gk_report_summary_from_bytes  (GkReportSummary       *summary,
                                        const guint8          *data,
                                        gsize                  length);

G_END_DECLS
