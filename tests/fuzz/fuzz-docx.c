/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-docx.c: libFuzzer target: a Word document (gk_docx_read). */

#include "config.h"

#include "gk-fuzz-entries.h"

GK_FUZZ_DEFINE_TARGET (gk_fuzz_docx)
