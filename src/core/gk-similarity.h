/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-similarity.h: how much of a report's prose repeats an earlier report
 * of the same agency (rule D2 of report-format.md §7). */

#pragma once

#include <glib.h>

#include "gk-report.h"

G_BEGIN_DECLS

/* Shingles are runs of this many characters (after normalisation). */
#define GK_SIMILARITY_SHINGLE 8

/**
 * GkSharedPassage:
 * @section: the index of the newer report's section (0 for 一 … 5 for 六)
 * @start: where the passage starts, in bytes into that section's text
 * @end: where it ends, in bytes, exclusive
 * @text: (transfer full): the passage as the newer report writes it
 */
typedef struct
{
  guint  section;
  gsize  start;
  gsize  end;
  char  *text;
} GkSharedPassage;

/**
 * GkSimilarity:
 * @n_shingles: the distinct shingles of the newer prose
 * @n_shared: how many of them the older prose has too
 * @passages: (element-type GkSharedPassage): the maximal spans of the
 *   newer prose that shared shingles cover, longest first
 */
typedef struct
{
  guint   n_shingles;
  guint   n_shared;
  GArray *passages;
} GkSimilarity;

GkSimilarity *gk_similarity_compare_texts   (const char * const *older,
                                             guint               n_older,
                                             const char * const *newer,
                                             guint               n_newer);
GkSimilarity *gk_similarity_compare_reports (GkReport           *older,
                                             GkReport           *newer);
gboolean      gk_similarity_get_overlap     (const GkSimilarity *self,
                                             double             *overlap);
void          gk_similarity_free            (GkSimilarity       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkSimilarity, gk_similarity_free)

G_END_DECLS
