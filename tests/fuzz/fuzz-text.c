/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-text.c: libFuzzer target: a report's text parsed and checked (gk_parse_text). */

#include "config.h"

#include "gk-fuzz-entries.h"

GK_FUZZ_DEFINE_TARGET (gk_fuzz_text)
