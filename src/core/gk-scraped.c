/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-scraped"

#include "config.h"

#include "gk-scraped.h"

/**
 * gk_scraped_applies:
 * @rows: what gk_layout_read() (or a format reader) made of a report
 *
 * Returns: whether the rows look like scraped text, whose table cells
 *   have to be rebuilt by gk_scraped_rebuild()
 */
gboolean
gk_scraped_applies (GPtrArray *rows)
{
  return FALSE;
}

/**
 * gk_scraped_rebuild:
 * @rows: the rows gk_scraped_applies() accepted
 * @findings: (element-type GkFinding): where to add a finding for each
 *   split that had to be guessed
 *
 * Returns: (transfer full): new rows, with the tables' rows rebuilt
 */
GPtrArray *
gk_scraped_rebuild (GPtrArray *rows,
                    GPtrArray *findings)
{
  return g_ptr_array_ref (rows);
}
