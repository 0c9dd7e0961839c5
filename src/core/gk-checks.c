/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Being written by the checks helper. */
#include "config.h"
#include "gk-checks.h"
void
gk_checks_run (GkReport *report)
{
}
