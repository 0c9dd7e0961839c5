/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-metadata.h: whose report it is and which year it covers. */

#pragma once

#include "gk-layout.h"
#include "gk-report.h"

G_BEGIN_DECLS

void gk_metadata_guess (GkReport  *report,
                        GPtrArray *rows);

G_END_DECLS
