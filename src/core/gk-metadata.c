/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "gk-metadata.h"
void
gk_metadata_guess (GkReport  *report,
                   GPtrArray *rows)
{
}
