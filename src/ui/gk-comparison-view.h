/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-comparison-view.h: every agency's report of one year side by side,
 * with the derived indicators of report-format.md §9. */

#pragma once

#include <adwaita.h>

#include "gk-core.h"

G_BEGIN_DECLS

#define GK_TYPE_COMPARISON_VIEW (gk_comparison_view_get_type ())

G_DECLARE_FINAL_TYPE (GkComparisonView, gk_comparison_view, GK, COMPARISON_VIEW, GtkBox)

/**
 * GkComparisonColumn:
 *
 * The columns, left to right: the agency, two counts of table 3, then
 * the rates of report-format.md §9.
 */
typedef enum
{
  GK_COMPARISON_AGENCY = 0,
  GK_COMPARISON_NEW,
  GK_COMPARISON_CONCLUDED,
  GK_COMPARISON_DISCLOSED_RATE,
  GK_COMPARISON_DENIED_RATE,
  GK_COMPARISON_UNABLE_RATE,
  GK_COMPARISON_REJECTED_RATE,
  GK_COMPARISON_REVIEW_CORRECTED_RATE,
  GK_COMPARISON_SUIT_CORRECTED_RATE,
  GK_COMPARISON_DISPUTE_RATE,
  GK_COMPARISON_N_COLUMNS
} GkComparisonColumn;

GtkWidget  *gk_comparison_view_new            (GkLibrary          *library);
int         gk_comparison_view_get_year       (GkComparisonView   *self);
gboolean    gk_comparison_view_set_year       (GkComparisonView   *self,
                                               int                 year);
void        gk_comparison_view_set_filter_text (GkComparisonView  *self,
                                               const char         *text);
GListModel *gk_comparison_view_get_rows       (GkComparisonView   *self);
void        gk_comparison_view_sort_by        (GkComparisonView   *self,
                                               GkComparisonColumn  column,
                                               GtkSortType         direction);
char       *gk_comparison_view_dup_cell_text  (GkComparisonView   *self,
                                               GkReport           *report,
                                               GkComparisonColumn  column,
                                               char              **tooltip);
const char *gk_comparison_view_get_column_tooltip (GkComparisonView   *self,
                                               GkComparisonColumn  column);
GtkColumnView *gk_comparison_view_get_column_view (GkComparisonView *self);

G_END_DECLS
