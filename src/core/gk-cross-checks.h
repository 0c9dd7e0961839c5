/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-cross-checks.h: the rules between reports of one agency
 * (report-format.md §7: C1–C3, D1, D2). */

#pragma once

#include "gk-report.h"

G_BEGIN_DECLS

/* D2 is raised above this overlap: evaluators penalise more than half. */
#define GK_CROSS_D2_THRESHOLD 0.5

/* Below this many distinct shingles in the newer prose, D2 is not raised:
 * two one-line sections such as "无。" are the same without being a copy. */
#define GK_CROSS_D2_MIN_SHINGLES 50

/**
 * GkCrossKeyFunc:
 * @report: a report
 * @user_data: the data given with the function
 *
 * Says which agency a report belongs to.  Reports with equal keys are
 * compared with each other.
 *
 * Returns: (transfer full) (nullable): the key, or %NULL to leave the
 *   report out of every comparison
 */
typedef char *(*GkCrossKeyFunc) (GkReport *report,
                                 gpointer  user_data);

char     *gk_cross_checks_default_key   (GkReport       *report,
                                         gpointer        user_data);
gboolean  gk_cross_checks_is_cross_rule (const char     *rule);
void      gk_cross_checks_run           (GPtrArray      *reports,
                                         GkCrossKeyFunc  key_func,
                                         gpointer        user_data);

G_END_DECLS
