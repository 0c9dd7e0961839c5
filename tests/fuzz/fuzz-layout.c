/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-layout.c: libFuzzer target: text to rows in every layout, the scraped-text pass, grid rows. */

#include "config.h"

#include "gk-fuzz-entries.h"

GK_FUZZ_DEFINE_TARGET (gk_fuzz_layout)
