/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-pdf.c: libFuzzer target: a PDF (gk_pdf_read). */

#include "config.h"

#include "gk-fuzz-entries.h"

GK_FUZZ_DEFINE_TARGET (gk_fuzz_pdf)
