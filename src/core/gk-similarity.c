/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-similarity"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gk-normalize.h"
#include "gk-similarity.h"

/* Rule D2 asks whether a report's prose repeats the same agency's previous
 * report.  The measure is containment over character shingles: the share
 * of the newer prose's distinct runs of GK_SIMILARITY_SHINGLE characters
 * that also occur somewhere in the older prose.  Characters rather than
 * words, because Chinese has no spaces to split words at; eight of them,
 * because shorter runs are the vocabulary every report shares
 * ("政府信息公开" is six) and longer ones let a single changed word hide a
 * copied sentence.
 *
 * Before shingling the text is folded so that what changes every year in
 * a copied report does not hide the copy: spaces and punctuation are
 * dropped, full-width forms become ASCII, Latin letters lower case, and
 * every run of digits becomes one "#" ("2020年" and "2021年" are the same
 * text; so are "共计 14257 条" and "共计 9876 条").
 *
 * The shared passages are the maximal spans of the newer text that shared
 * shingles cover, given as byte ranges of the original section text, so
 * that they can be shown and highlighted as the report writes them. */

/* A digit run, folded. */
#define DIGITS ((gunichar) '#')

typedef struct
{
  const char *text;  /* the section, valid UTF-8 */
  char       *owned; /* a repaired copy when the section was not valid */
  GArray     *chars; /* gunichar: the folded characters */
  GArray     *starts; /* gsize: where each folded character starts in text */
  GArray     *ends;   /* gsize: where it ends */
} Folded;

static void
folded_clear (Folded *f)
{
  g_clear_pointer (&f->owned, g_free);
  g_clear_pointer (&f->chars, g_array_unref);
  g_clear_pointer (&f->starts, g_array_unref);
  g_clear_pointer (&f->ends, g_array_unref);
}

static void
fold (const char *text,
      Folded     *f)
{
  gboolean in_digits = FALSE;

  f->owned = NULL;
  if (!g_utf8_validate (text, -1, NULL))
    text = f->owned = g_utf8_make_valid (text, -1);
  f->text = text;
  f->chars = g_array_new (FALSE, FALSE, sizeof (gunichar));
  f->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  f->ends = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = gk_normalize_char (g_utf8_get_char (p));
      gsize start = p - text;
      gsize end = g_utf8_next_char (p) - text;

      if (g_unichar_isdigit (c))
        {
          if (in_digits)
            {
              /* The run grows: its one character now ends here. */
              g_array_index (f->ends, gsize, f->ends->len - 1) = end;
              continue;
            }
          in_digits = TRUE;
          c = DIGITS;
        }
      else
        {
          in_digits = FALSE;
          if (!g_unichar_isalnum (c))
            continue;
          c = g_unichar_tolower (c);
        }

      g_array_append_val (f->chars, c);
      g_array_append_val (f->starts, start);
      g_array_append_val (f->ends, end);
    }
}

/* FNV-1a over the shingle's characters.  At 64 bits two different
 * shingles of one library collide with negligible probability. */
static guint64
hash_shingle (const gunichar *chars)
{
  guint64 h = G_GUINT64_CONSTANT (14695981039346656037);

  for (guint i = 0; i < GK_SIMILARITY_SHINGLE; i++)
    {
      gunichar c = chars[i];

      for (guint b = 0; b < 4; b++)
        {
          h ^= (c >> (8 * b)) & 0xFF;
          h *= G_GUINT64_CONSTANT (1099511628211);
        }
    }

  return h;
}

static guint
n_windows (const Folded *f)
{
  return f->chars->len >= GK_SIMILARITY_SHINGLE ? f->chars->len - GK_SIMILARITY_SHINGLE + 1 : 0;
}

static int
compare_hashes (gconstpointer a,
                gconstpointer b)
{
  guint64 x = *(const guint64 *) a;
  guint64 y = *(const guint64 *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static gboolean
has_hash (GArray  *sorted,
          guint64  hash)
{
  return sorted->len > 0
         && bsearch (&hash, sorted->data, sorted->len, sizeof (guint64), compare_hashes) != NULL;
}

static void
passage_clear (gpointer data)
{
  GkSharedPassage *passage = data;

  g_clear_pointer (&passage->text, g_free);
}

/* Longest first, then in reading order, so that the order is the same on
 * every run. */
static int
compare_passages (gconstpointer a,
                  gconstpointer b)
{
  const GkSharedPassage *x = a;
  const GkSharedPassage *y = b;
  gsize lx = x->end - x->start;
  gsize ly = y->end - y->start;

  if (lx != ly)
    return lx > ly ? -1 : 1;
  if (x->section != y->section)
    return x->section < y->section ? -1 : 1;
  return x->start < y->start ? -1 : x->start > y->start ? 1 : 0;
}

/* Adds the maximal runs of covered characters of @f as passages. */
static void
add_passages (GkSimilarity   *self,
              guint           section,
              const Folded   *f,
              const gboolean *covered)
{
  guint i = 0;

  while (i < f->chars->len)
    {
      GkSharedPassage passage;
      guint j;

      if (!covered[i])
        {
          i++;
          continue;
        }
      for (j = i; j + 1 < f->chars->len && covered[j + 1]; j++)
        ;

      passage.section = section;
      passage.start = g_array_index (f->starts, gsize, i);
      passage.end = g_array_index (f->ends, gsize, j);
      passage.text = g_strndup (f->text + passage.start, passage.end - passage.start);
      g_array_append_val (self->passages, passage);

      i = j + 1;
    }
}

/**
 * gk_similarity_compare_texts:
 * @older: (array length=n_older) (element-type utf8) (nullable): the
 *   older report's prose, one text per section; an entry may be %NULL
 * @newer: (array length=n_newer) (element-type utf8) (nullable): the
 *   newer report's
 *
 * Measures how much of @newer repeats @older.  Shingles do not run from
 * one section into the next.
 *
 * Returns: (transfer full): the measure and the shared passages
 */
GkSimilarity *
gk_similarity_compare_texts (const char * const *older,
                             guint               n_older,
                             const char * const *newer,
                             guint               n_newer)
{
  g_autoptr(GkSimilarity) self = g_new0 (GkSimilarity, 1);
  g_autoptr(GArray) older_hashes = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GArray) newer_hashes = g_array_new (FALSE, FALSE, sizeof (guint64));

  g_return_val_if_fail (older != NULL || n_older == 0, NULL);
  g_return_val_if_fail (newer != NULL || n_newer == 0, NULL);

  self->passages = g_array_new (FALSE, FALSE, sizeof (GkSharedPassage));
  g_array_set_clear_func (self->passages, passage_clear);

  for (guint s = 0; s < n_older; s++)
    {
      Folded f;

      if (older[s] == NULL)
        continue;
      fold (older[s], &f);
      for (guint i = 0; i < n_windows (&f); i++)
        {
          guint64 h = hash_shingle (&g_array_index (f.chars, gunichar, i));
          g_array_append_val (older_hashes, h);
        }
      folded_clear (&f);
    }
  g_array_sort (older_hashes, compare_hashes);

  for (guint s = 0; s < n_newer; s++)
    {
      Folded f;
      g_autofree gboolean *covered = NULL;
      gboolean any = FALSE;

      if (newer[s] == NULL)
        continue;
      fold (newer[s], &f);
      covered = g_new0 (gboolean, f.chars->len + 1);

      for (guint i = 0; i < n_windows (&f); i++)
        {
          guint64 h = hash_shingle (&g_array_index (f.chars, gunichar, i));

          g_array_append_val (newer_hashes, h);
          if (has_hash (older_hashes, h))
            {
              for (guint k = 0; k < GK_SIMILARITY_SHINGLE; k++)
                covered[i + k] = TRUE;
              any = TRUE;
            }
        }

      if (any)
        add_passages (self, s, &f, covered);
      folded_clear (&f);
    }

  /* Distinct shingles: a sentence the newer report repeats counts once,
   * as it does in the older one. */
  g_array_sort (newer_hashes, compare_hashes);
  for (guint i = 0; i < newer_hashes->len; i++)
    {
      guint64 h = g_array_index (newer_hashes, guint64, i);

      if (i > 0 && h == g_array_index (newer_hashes, guint64, i - 1))
        continue;
      self->n_shingles++;
      if (has_hash (older_hashes, h))
        self->n_shared++;
    }

  g_array_sort (self->passages, compare_passages);

  return g_steal_pointer (&self);
}

/**
 * gk_similarity_compare_reports:
 *
 * gk_similarity_compare_texts() over the six sections of two reports.
 *
 * Returns: (transfer full): the measure and the passages of @newer
 */
GkSimilarity *
gk_similarity_compare_reports (GkReport *older,
                               GkReport *newer)
{
  const char *a[GK_N_SECTIONS];
  const char *b[GK_N_SECTIONS];

  g_return_val_if_fail (GK_IS_REPORT (older), NULL);
  g_return_val_if_fail (GK_IS_REPORT (newer), NULL);

  for (guint i = 0; i < GK_N_SECTIONS; i++)
    {
      a[i] = gk_report_get_section (older, i);
      b[i] = gk_report_get_section (newer, i);
    }

  return gk_similarity_compare_texts (a, GK_N_SECTIONS, b, GK_N_SECTIONS);
}

/**
 * gk_similarity_get_overlap:
 * @overlap: (out): the shared share of the newer prose's shingles, 0 to 1
 *
 * Returns: %FALSE when the newer prose is too short to have a shingle,
 *   and so no overlap to speak of (never 0 % nor NaN)
 */
gboolean
gk_similarity_get_overlap (const GkSimilarity *self,
                           double             *overlap)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->n_shingles == 0)
    return FALSE;
  if (overlap != NULL)
    *overlap = (double) self->n_shared / self->n_shingles;
  return TRUE;
}

void
gk_similarity_free (GkSimilarity *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->passages, g_array_unref);
  g_free (self);
}
