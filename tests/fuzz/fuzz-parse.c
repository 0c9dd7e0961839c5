/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-parse.c: libFuzzer target: a whole file sniffed, read, parsed and checked (gk_parse_bytes). */

#include "config.h"

#include "gk-fuzz-entries.h"

GK_FUZZ_DEFINE_TARGET (gk_fuzz_parse)
