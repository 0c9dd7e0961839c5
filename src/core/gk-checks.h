/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-checks.h: the consistency rules of one report (report-format.md §7). */

#pragma once

#include "gk-report.h"

G_BEGIN_DECLS

void gk_checks_run (GkReport *report);

G_END_DECLS
