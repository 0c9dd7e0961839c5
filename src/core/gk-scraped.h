/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-scraped.h: text scraped from a portal page, with the table cells run
 * together, rebuilt into rows of cells. */

#pragma once

#include <glib.h>

#include "gk-layout.h"
#include "gk-report.h"

G_BEGIN_DECLS

gboolean   gk_scraped_applies      (GPtrArray *rows);
GPtrArray *gk_scraped_rebuild      (GPtrArray *rows,
                                    GPtrArray *findings);
void       gk_scraped_add_findings (GkReport  *report,
                                    GPtrArray *findings);

G_END_DECLS
