/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-hostile.h: files made to hurt a reader of reports (bombs, depths,
 * page counts, pipes, devices, damaged containers), for the tests of the
 * limits, of the importer and of the window. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * GkHostileFile:
 * @name: its name in the folder gk_hostile_write_dir() fills
 * @regular: whether it is a regular file, which a dropped folder yields;
 *   pipes, devices and broken links are met only when chosen themselves
 * @must_fail: whether its import must fail (a few hostile files are
 *   reports all the same, read within the limits)
 * @reason: (nullable): a part of the message its failure must give, when
 *   the core decides it; %NULL where the format's reader decides
 */
typedef struct
{
  const char *name;
  gboolean    regular;
  gboolean    must_fail;
  const char *reason;
} GkHostileFile;

GBytes              *gk_hostile_deep_html  (guint        depth);
GBytes              *gk_hostile_docx_bomb  (guint        megabytes);
GBytes              *gk_hostile_pdf_pages  (guint        n_pages);
char                *gk_hostile_new_row    (const char  *value,
                                            const char  *label_tail);

const GkHostileFile *gk_hostile_write_dir  (const char  *dir,
                                            guint       *n_files);

G_END_DECLS
