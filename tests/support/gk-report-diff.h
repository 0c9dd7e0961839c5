/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-report-diff.h: what differs between two parses of one report (its
 * metadata, every cell's raw text, class and value, its sections), one
 * difference per line.  The format tests compare a report read from a web
 * page or a Word document with the same report read from its text; not
 * part of the app. */

#pragma once

#include <glib.h>

#include "gk-core.h"

G_BEGIN_DECLS

/* Returns: (transfer full): the differences, one per line (at most
 * @max_lines, then a count of the rest); "" when there are none. */
char *gk_report_diff (GkReport *expected,
                      GkReport *actual,
                      gboolean  sections,
                      guint     max_lines);

G_END_DECLS
