/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-pdf-text"

#include "config.h"

#include <string.h>

#include "gk-pdf-text.h"

/* Lines are characters on one baseline, left to right; runs are the parts of
 * a line that gaps wider than a character separate (the cells of a table
 * side by side).  Their text is the characters with poppler's word spaces
 * between them, never with the order poppler read them in. */

static int
compare_by_center_y (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const GkPdfGlyph *glyphs = user_data;
  const GkPdfGlyph *x = &glyphs[*(const guint *) a], *y = &glyphs[*(const guint *) b];
  double cx = x->y1 + x->y2, cy = y->y1 + y->y2;

  if (cx != cy)
    return cx < cy ? -1 : 1;
  return x->x1 < y->x1 ? -1 : x->x1 > y->x1;
}

static int
compare_by_x (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const GkPdfGlyph *glyphs = user_data;
  const GkPdfGlyph *x = &glyphs[*(const guint *) a], *y = &glyphs[*(const guint *) b];

  if (x->x1 != y->x1)
    return x->x1 < y->x1 ? -1 : 1;
  return x->y1 < y->y1 ? -1 : x->y1 > y->y1;
}

int
gk_pdf_compare_doubles (gconstpointer a,
                        gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
glyph_height (const GkPdfGlyph *glyph)
{
  return MAX (glyph->y2 - glyph->y1, 0.1);
}

static void
line_measure (GkPdfLine        *line,
              const GkPdfGlyph *glyphs,
              const guint      *indices)
{
  double previous_x2 = 0;
  GArray *heights = g_array_new (FALSE, FALSE, sizeof (double));

  line->x1 = line->y1 = G_MAXDOUBLE;
  line->x2 = line->y2 = -G_MAXDOUBLE;
  line->n_chars = 0;
  line->n_runs = 0;

  for (guint i = 0; i < line->n; i++)
    {
      const GkPdfGlyph *glyph = &glyphs[indices[line->start + i]];
      double h = glyph_height (glyph);

      if (glyph->space)
        continue;
      line->x1 = MIN (line->x1, glyph->x1);
      line->y1 = MIN (line->y1, glyph->y1);
      line->x2 = MAX (line->x2, glyph->x2);
      line->y2 = MAX (line->y2, glyph->y2);
      g_array_append_val (heights, h);
      line->n_chars++;
    }

  if (line->n_chars == 0)
    {
      g_array_unref (heights);
      return;
    }

  /* The median height: a line mixes fonts whose boxes differ. */
  g_array_sort (heights, gk_pdf_compare_doubles);
  line->height = g_array_index (heights, double, heights->len / 2);
  g_array_unref (heights);

  for (guint i = 0; i < line->n; i++)
    {
      const GkPdfGlyph *glyph = &glyphs[indices[line->start + i]];

      if (glyph->space)
        continue;
      if (line->n_runs == 0 || glyph->x1 - previous_x2 > GK_PDF_RUN_GAP * line->height)
        line->n_runs++;
      previous_x2 = MAX (previous_x2, glyph->x2);
    }
}

/* Sorts @indices (into @glyphs) into lines, top to bottom, each left to
 * right, and returns the lines; lines of spaces only are left out. */
GArray *
gk_pdf_lines_build (const GkPdfGlyph *glyphs,
                    guint            *indices,
                    guint             n)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (GkPdfLine));
  guint start = 0;

  g_qsort_with_data (indices, n, sizeof (guint), compare_by_center_y, (gpointer) glyphs);

  while (start < n)
    {
      const GkPdfGlyph *first = &glyphs[indices[start]];
      double center = (first->y1 + first->y2) / 2;
      double height = glyph_height (first);
      guint end = start + 1;
      GkPdfLine line = { 0, };

      /* Characters whose centres are within a third of a line of the
       * first's are on its baseline; the sort keeps them together. */
      while (end < n)
        {
          const GkPdfGlyph *glyph = &glyphs[indices[end]];
          double h = MIN (height, glyph_height (glyph));

          if ((glyph->y1 + glyph->y2) / 2 - center > 0.35 * h)
            break;
          end++;
        }

      g_qsort_with_data (indices + start, end - start, sizeof (guint), compare_by_x, (gpointer) glyphs);
      line.start = start;
      line.n = end - start;
      line_measure (&line, glyphs, indices);
      if (line.n_chars > 0)
        g_array_append_val (lines, line);
      start = end;
    }

  return lines;
}

static gboolean
is_ascii_letter (gunichar c)
{
  return c < 0x80 && g_ascii_isalpha (c);
}

static gunichar
last_char (GString *s)
{
  const char *p;

  if (s->len == 0)
    return 0;
  p = g_utf8_find_prev_char (s->str, s->str + s->len);
  return p ? g_utf8_get_char (p) : 0;
}

/* Appends @text to a cell or paragraph that goes on from an earlier line:
 * Chinese wraps anywhere and joins without a space; words of Latin letters
 * were broken at a space, which the join puts back.  Digits join without
 * one: "1316" over "90" is one number. */
void
gk_pdf_append_joined (GString    *out,
                      const char *text)
{
  if (*text == '\0')
    return;
  if (out->len > 0 && is_ascii_letter (last_char (out)) && is_ascii_letter (g_utf8_get_char (text)))
    g_string_append_c (out, ' ');
  g_string_append (out, text);
}

/* The text of glyphs [from, to) of a line, with poppler's word spaces
 * between characters but none at the ends; a gap wider than @gap (a run
 * break, when @gap > 0) is a space too. */
void
gk_pdf_append_glyph_text (GString          *out,
                          const GkPdfGlyph *glyphs,
                          const guint      *indices,
                          guint             from,
                          guint             to,
                          double            gap)
{
  gboolean pending_space = FALSE;
  gsize start = out->len;
  double previous_x2 = G_MAXDOUBLE;

  for (guint i = from; i < to; i++)
    {
      const GkPdfGlyph *glyph = &glyphs[indices[i]];

      if (glyph->space)
        {
          pending_space = out->len > start;
          continue;
        }
      if (gap > 0 && out->len > start && glyph->x1 - previous_x2 > gap)
        pending_space = TRUE;
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, glyph->ch);
      previous_x2 = glyph->x2;
    }
}

char *
gk_pdf_line_text (const GkPdfLine  *line,
                  const GkPdfGlyph *glyphs,
                  const guint      *indices)
{
  GString *out = g_string_new (NULL);

  gk_pdf_append_glyph_text (out, glyphs, indices, line->start, line->start + line->n, GK_PDF_RUN_GAP * line->height);
  return g_string_free (out, FALSE);
}

/* The text of a cell: its lines joined. */
char *
gk_pdf_block_text (const GkPdfGlyph *glyphs,
                   guint            *indices,
                   guint             n)
{
  g_autoptr(GArray) lines = gk_pdf_lines_build (glyphs, indices, n);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      g_autofree char *text = gk_pdf_line_text (&g_array_index (lines, GkPdfLine, i), glyphs, indices);
      gk_pdf_append_joined (out, text);
    }
  return g_string_free (out, FALSE);
}

/* The runs of a line: its characters split where the gap between two is
 * wider than GK_PDF_CELL_GAP line heights. */
GArray *
gk_pdf_line_runs (const GkPdfLine  *line,
                  const GkPdfGlyph *glyphs,
                  const guint      *indices)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (GkPdfRun));
  GkPdfRun *run = NULL;

  for (guint i = line->start; i < line->start + line->n; i++)
    {
      const GkPdfGlyph *glyph = &glyphs[indices[i]];

      if (glyph->space)
        continue;
      if (run == NULL || glyph->x1 - run->x2 > GK_PDF_CELL_GAP * line->height)
        {
          GkPdfRun next = { i, i + 1, glyph->x1, glyph->x2 };
          g_array_append_val (runs, next);
          run = &g_array_index (runs, GkPdfRun, runs->len - 1);
          continue;
        }
      run->to = i + 1;
      run->x2 = MAX (run->x2, glyph->x2);
    }

  return runs;
}

/* ---------------------------------------------------------------------- */
/* Page numbers and running heads                                         */

/* Full-width forms fold to ASCII, white space goes: "第 １ 页" → "第1页". */
static char *
fold_for_matching (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x3000)
        continue;
      if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFEE0;
      if (c == 0x2010 || c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2015 || c == 0x2212)
        c = '-';
      g_string_append_unichar (out, c < 0x80 ? (gunichar) g_ascii_tolower (c) : c);
    }
  return g_string_free (out, FALSE);
}

static const char *
eat_number (const char *p)
{
  guint n = 0;

  if (p == NULL)
    return NULL;
  while (g_ascii_isdigit (p[n]) && n < 5)
    n++;
  return n > 0 && n < 5 ? p + n : NULL;
}

static const char *
eat (const char *p,
     const char *word)
{
  return p != NULL && g_str_has_prefix (p, word) ? p + strlen (word) : NULL;
}

static const char *
eat_separator (const char *p)
{
  static const char * const separators[] = { ",", "，", "/", "、", "|", "." };

  if (p == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    if (g_str_has_prefix (p, separators[i]))
      return p + strlen (separators[i]);
  return p;
}

/* "第N页", "第N页共M页", "共M页第N页" */
static gboolean
is_chinese_page_number (const char *p)
{
  const char *q = eat (eat_number (eat (p, "第")), "页");

  if (q != NULL)
    {
      if (*q == '\0')
        return TRUE;
      q = eat (eat_number (eat (eat_separator (q), "共")), "页");
      return q != NULL && *q == '\0';
    }

  q = eat (eat_number (eat (p, "共")), "页");
  q = eat (eat_number (eat (eat_separator (q), "第")), "页");
  return q != NULL && *q == '\0';
}

static const char *
eat_dashes (const char *p)
{
  for (;;)
    {
      if (*p == '-' || *p == '~')
        p++;
      else if (g_str_has_prefix (p, "·"))
        p += strlen ("·");
      else if (g_str_has_prefix (p, "•"))
        p += strlen ("•");
      else
        return p;
    }
}

/* A page number as running feet and heads print them: "- 1 -", "—1—",
 * "1", "第 1 页 共 5 页", "共5页 第1页", "1/5", "Page 1 of 5", "1 of 5". */
gboolean
gk_pdf_is_page_number (const char *text)
{
  g_autofree char *folded = fold_for_matching (text);
  const char *p = eat_dashes (folded);
  const char *q = eat_number (p);

  if (q != NULL)
    {
      if (*eat_dashes (q) == '\0')
        return TRUE;
      if (*q == '/')
        q = eat_number (q + 1);
      else
        q = eat_number (eat (q, "of"));
      return q != NULL && *q == '\0';
    }

  q = eat_number (eat (p, "page"));
  if (q != NULL)
    {
      if (*q != '\0')
        q = eat_number (eat (q, "of"));
      return q != NULL && *q == '\0';
    }

  return is_chinese_page_number (p);
}

/* What identifies a running head or foot across pages: its text without
 * white space, digits made alike ("第 3 页" and "第 4 页" are one foot). */
char *
gk_pdf_running_key (const char *text)
{
  g_autofree char *folded = fold_for_matching (text);
  guint letters = 0;

  for (char *p = folded; *p; p = g_utf8_next_char (p))
    {
      if (g_ascii_isdigit (*p))
        *p = '#';
      else if (g_unichar_isalpha (g_utf8_get_char (p)))
        letters++;
    }
  /* A line of numbers is a table row or a page number, never a title
   * repeated on every page. */
  return letters >= 2 ? g_steal_pointer (&folded) : NULL;
}


