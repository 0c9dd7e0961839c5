/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-normalize.h: text normalisation for matching.  The raw text is always
 * kept elsewhere; these copies only serve comparison and number parsing. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *gk_normalize_text        (const char *text);
char     *gk_normalize_compact     (const char *text);
gunichar  gk_normalize_char        (gunichar    c);
gboolean  gk_normalize_is_space    (gunichar    c);
char     *gk_normalize_strip       (const char *text);
gsize     gk_normalize_compact_into (const char *text,
                                     gsize       len,
                                     char       *out);
void      gk_normalize_strip_bounds (const char *text,
                                     gsize       len,
                                     gsize      *start,
                                     gsize      *end);

G_END_DECLS
