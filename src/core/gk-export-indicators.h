/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-export-indicators.h: the indicators of report-format.md §9 as a wide
 * CSV table, one line per report and one column per indicator. */

#pragma once

#include <glib.h>

#include "gk-report.h"

G_BEGIN_DECLS

void gk_export_indicators_append_header (GString  *out);
void gk_export_indicators_append_report (GString  *out,
                                         GkReport *report);

G_END_DECLS
