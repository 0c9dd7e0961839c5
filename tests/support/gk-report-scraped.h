/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-report-scraped.h: renders a GkReport as text copied out of a portal
 * page ("scraped text"): table cells run together or separated by
 * unreliable spaces, the report on one line, page chrome and a page
 * metadata block before it.  Used by test-scraped; not part of the app. */

#pragma once

#include <glib.h>

#include "gk-core.h"

G_BEGIN_DECLS

/**
 * GkScrapedStyle:
 * @GK_SCRAPED_RUN_TOGETHER: each table row on a line of its own, its
 *   label and cells with no separator ("一、本年新收…192230001216")
 * @GK_SCRAPED_SPACES: cells separated by zero to three ASCII spaces, and
 *   now and then a space inside a number ("15 30 00 0 18", "1 92")
 * @GK_SCRAPED_FULL_WIDTH: cells separated by zero to two U+3000
 * @GK_SCRAPED_ONE_LINE: the whole report on one line, cells run together
 * @GK_SCRAPED_PAGE: page chrome and a page metadata block (标题:, 发布时间:,
 *   来源:) on lines of their own before the body, chrome after it; the
 *   body as @GK_SCRAPED_SPACES
 * @GK_SCRAPED_PAGE_ONE_LINE: chrome, metadata, body and footer all on one
 *   line, page items separated by spaces, the body's cells run together
 */
typedef enum
{
  GK_SCRAPED_RUN_TOGETHER = 0,
  GK_SCRAPED_SPACES,
  GK_SCRAPED_FULL_WIDTH,
  GK_SCRAPED_ONE_LINE,
  GK_SCRAPED_PAGE,
  GK_SCRAPED_PAGE_ONE_LINE,
} GkScrapedStyle;

#define GK_SCRAPED_N_STYLES 6

const char *gk_scraped_style_to_string (GkScrapedStyle  style);
char       *gk_report_write_scraped    (GkReport       *report,
                                        GkScrapedStyle  style,
                                        guint32         seed,
                                        GHashTable     *t2_runs);

G_END_DECLS
