/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-decode.c: libFuzzer target: bytes to UTF-8 text (gk_decode_text, gk_decode_with). */

#include "config.h"

#include "gk-fuzz-entries.h"

GK_FUZZ_DEFINE_TARGET (gk_fuzz_decode)
