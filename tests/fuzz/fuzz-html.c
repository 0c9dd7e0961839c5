/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-html.c: libFuzzer target: a saved web page (gk_html_read). */

#include "config.h"

#include "gk-fuzz-entries.h"

GK_FUZZ_DEFINE_TARGET (gk_fuzz_html)
