/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-pdf-reader"

#define _GNU_SOURCE /* memmem */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <poppler.h>

#include "gk-cell.h"
#include "gk-parser.h"
#include "gk-pdf-grid.h"
#include "gk-pdf-reader.h"

/* A PDF has no lines, cells or paragraphs, only characters at positions.
 * The reader takes each character's box from poppler
 * (poppler_page_get_text_layout(): one rectangle per character of
 * poppler_page_get_text()) and rebuilds the rest from geometry, never from
 * the order poppler reads the text in:
 *
 *  - lines: characters on one baseline;
 *  - running heads and feet: lines at the same place on several pages, and
 *    page numbers ("- 1 -", "第 1 页 共 5 页", "1/5", a lone number);
 *  - ruled tables: the rules of the page (gk-pdf-grid.c) give the cells,
 *    merged ones included, and each character goes into the cell that holds
 *    it, so that a label wrapped over three lines is one cell of the row that
 *    holds its numbers; a table that goes on over a page break is one table,
 *    its repeated header rows dropped;
 *  - tables without rules: consecutive lines with wide gaps, cells by the
 *    columns their text lines up in;
 *  - paragraphs: a line that reaches the right margin goes on in the next
 *    line, unless that one is indented.
 *
 * Rows are returned in reading order: GK_ROW_PROSE for a paragraph,
 * GK_ROW_GRID for a table row, one cell per column of the table where a
 * merged cell is one cell in the row it starts in and an empty cell in the
 * rows below (the way the other readers and the report writer flatten
 * tables).  Blank cells stay empty strings: a blank is not a zero.
 *
 * A row's line is a running count of the document's lines of text, from 1:
 * each line of a paragraph and each table row counts one.  A PDF has no
 * line numbers of its own, and a count across pages reads like the line
 * numbers of a text report. */

/* A report is a few pages; a file with thousands is something else, and
 * every page costs time. */
#define MAX_PAGES   2000
#define MAX_GLYPHS  (2 * 1000 * 1000)

/* Fractions of the page height where running heads and feet are. */
#define HEAD_ZONE   0.12
#define FOOT_ZONE   0.88

/* In units of a line's height: the gap between two characters that splits
 * a line into separate runs (table cells side by side). */
#define RUN_GAP     1.0

/* Inside a table without rules, cells are closer: two-character headers in
 * columns a little wider than them. */
#define CELL_GAP    0.5

/* Points above and below a page's table lines that are rendered with them:
 * header rows without separate parts ("第二十条第（一）项"). */
#define BAND_MARGIN 100.0

typedef struct
{
  gunichar ch;
  float    x1, y1, x2, y2;
  guint8   space : 1;  /* a word space poppler inferred from a gap */
  guint8   taken : 1;  /* a running head or foot, or in a table */
} Glyph;

typedef struct
{
  guint  start, n;  /* a range of the index array the line was built from */
  double x1, y1, x2, y2;
  double height;    /* the characters' box height, a font size unit */
  guint  n_chars;   /* characters that are not spaces */
  guint  n_runs;
} Line;

typedef enum
{
  ITEM_LINE,
  ITEM_TABLE,
} ItemKind;

typedef struct
{
  ItemKind   kind;
  guint      page;
  double     top, bottom;
  /* ITEM_LINE */
  char      *text;
  double     x1, x2, height;
  guint      n_chars;
  /* ITEM_TABLE */
  GPtrArray *rows;       /* GStrv, one string per cell */
  guint      n_columns;
  double    *xs;         /* column lines of a ruled table, else NULL */
  double    *centers;    /* value columns of a table without rules, else NULL */
  gboolean   first_on_page, last_on_page;
} Item;

typedef struct
{
  Glyph  *glyphs;
  guint   n_glyphs;
  double  width, height;
  /* The page's lines before anything is taken out of them: where running
   * heads and feet are looked for. */
  guint  *order;
  GArray *lines;
  /* The page's ruled tables (Item*), read before anything else. */
  GPtrArray *tables;
} Page;

static void
item_free (Item *item)
{
  g_free (item->text);
  g_clear_pointer (&item->rows, g_ptr_array_unref);
  g_free (item->xs);
  g_free (item->centers);
  g_free (item);
}

/* ---------------------------------------------------------------------- */
/* Lines                                                                  */

static int
compare_by_center_y (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const Glyph *glyphs = user_data;
  const Glyph *x = &glyphs[*(const guint *) a], *y = &glyphs[*(const guint *) b];
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
  const Glyph *glyphs = user_data;
  const Glyph *x = &glyphs[*(const guint *) a], *y = &glyphs[*(const guint *) b];

  if (x->x1 != y->x1)
    return x->x1 < y->x1 ? -1 : 1;
  return x->y1 < y->y1 ? -1 : x->y1 > y->y1;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
glyph_height (const Glyph *glyph)
{
  return MAX (glyph->y2 - glyph->y1, 0.1);
}

static void
line_measure (Line         *line,
              const Glyph  *glyphs,
              const guint  *indices)
{
  double previous_x2 = 0;
  GArray *heights = g_array_new (FALSE, FALSE, sizeof (double));

  line->x1 = line->y1 = G_MAXDOUBLE;
  line->x2 = line->y2 = -G_MAXDOUBLE;
  line->n_chars = 0;
  line->n_runs = 0;

  for (guint i = 0; i < line->n; i++)
    {
      const Glyph *glyph = &glyphs[indices[line->start + i]];
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
  g_array_sort (heights, compare_doubles);
  line->height = g_array_index (heights, double, heights->len / 2);
  g_array_unref (heights);

  for (guint i = 0; i < line->n; i++)
    {
      const Glyph *glyph = &glyphs[indices[line->start + i]];

      if (glyph->space)
        continue;
      if (line->n_runs == 0 || glyph->x1 - previous_x2 > RUN_GAP * line->height)
        line->n_runs++;
      previous_x2 = MAX (previous_x2, glyph->x2);
    }
}

/* Sorts @indices (into @glyphs) into lines, top to bottom, each left to
 * right, and returns the lines; lines of spaces only are left out. */
static GArray *
build_lines (const Glyph *glyphs,
             guint       *indices,
             guint        n)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  guint start = 0;

  g_qsort_with_data (indices, n, sizeof (guint), compare_by_center_y, (gpointer) glyphs);

  while (start < n)
    {
      const Glyph *first = &glyphs[indices[start]];
      double center = (first->y1 + first->y2) / 2;
      double height = glyph_height (first);
      guint end = start + 1;
      Line line = { 0, };

      /* Characters whose centres are within a third of a line of the
       * first's are on its baseline; the sort keeps them together. */
      while (end < n)
        {
          const Glyph *glyph = &glyphs[indices[end]];
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
static void
append_joined (GString    *out,
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
static void
append_glyph_text (GString      *out,
                   const Glyph  *glyphs,
                   const guint  *indices,
                   guint         from,
                   guint         to,
                   double        gap)
{
  gboolean pending_space = FALSE;
  gsize start = out->len;
  double previous_x2 = G_MAXDOUBLE;

  for (guint i = from; i < to; i++)
    {
      const Glyph *glyph = &glyphs[indices[i]];

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

static char *
line_text (const Line   *line,
           const Glyph  *glyphs,
           const guint  *indices)
{
  GString *out = g_string_new (NULL);

  append_glyph_text (out, glyphs, indices, line->start, line->start + line->n, RUN_GAP * line->height);
  return g_string_free (out, FALSE);
}

/* The text of a cell: its lines joined. */
static char *
block_text (const Glyph *glyphs,
            guint       *indices,
            guint        n)
{
  g_autoptr(GArray) lines = build_lines (glyphs, indices, n);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      g_autofree char *text = line_text (&g_array_index (lines, Line, i), glyphs, indices);
      append_joined (out, text);
    }
  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------------------- */
/* Running heads, feet and page numbers                                   */

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
static gboolean
is_page_number (const char *text)
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
static char *
running_key (const char *text)
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


typedef struct
{
  guint    page;
  guint    line;
  gboolean head;
  double   y;
  char    *key;
} Running;

static void
running_clear (Running *running)
{
  g_free (running->key);
}

/* Takes out the lines at the top or the foot of a page whose text recurs at
 * the same place on other pages (a third of them at least): a running head
 * with the agency's name, a foot with the site's address.  Page numbers are
 * found later, page by page, since their digits differ. */
static void
drop_running_lines (Page  *pages,
                    guint  n_pages)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Running));
  guint needed = MAX (2, n_pages / 3);

  g_array_set_clear_func (candidates, (GDestroyNotify) running_clear);
  if (n_pages < 2)
    return;

  for (guint p = 0; p < n_pages; p++)
    {
      Page *page = &pages[p];

      for (guint l = 0; l < page->lines->len; l++)
        {
          const Line *line = &g_array_index (page->lines, Line, l);
          gboolean head = l < 2 && line->y2 < HEAD_ZONE * page->height;
          gboolean foot = l + 2 >= page->lines->len && line->y1 > FOOT_ZONE * page->height;
          g_autofree char *text = NULL;
          Running running = { 0, };

          gboolean in_table = FALSE;

          /* A head has one or two parts (agency left, title right); a line
           * of many, or one in a ruled table (a header row repeated on the
           * next page) is a table's. */
          if ((!head && !foot) || line->n_runs > 2)
            continue;
          for (guint i = 0; i < line->n && !in_table; i++)
            in_table = page->glyphs[page->order[line->start + i]].taken;
          if (in_table)
            continue;
          text = line_text (line, page->glyphs, page->order);
          running.key = running_key (text);
          if (running.key == NULL)
            continue;
          running.page = p;
          running.line = l;
          running.head = head;
          running.y = head ? line->y1 : line->y2;
          g_array_append_val (candidates, running);
        }
    }

  for (guint c = 0; c < candidates->len; c++)
    {
      const Running *running = &g_array_index (candidates, Running, c);
      const Page *page = &pages[running->page];
      const Line *line = &g_array_index (page->lines, Line, running->line);
      guint seen = 0;
      guint previous_page = G_MAXUINT;

      for (guint k = 0; k < candidates->len; k++)
        {
          const Running *other = &g_array_index (candidates, Running, k);

          if (other->page != previous_page && other->head == running->head
              && fabs (other->y - running->y) <= 3.0 && strcmp (other->key, running->key) == 0)
            {
              seen++;
              previous_page = other->page;
            }
        }

      if (seen >= needed)
        for (guint i = 0; i < line->n; i++)
          page->glyphs[page->order[line->start + i]].taken = TRUE;
    }
}

/* ---------------------------------------------------------------------- */
/* Tables                                                                 */

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *x = *(Item * const *) a, *y = *(Item * const *) b;

  return x->top < y->top ? -1 : x->top > y->top;
}

static gboolean
row_is_empty (char **cells)
{
  for (guint i = 0; cells[i] != NULL; i++)
    if (cells[i][0] != '\0')
      return FALSE;
  return TRUE;
}

/* A ruled table's rows: one cell per lattice column, a merged cell once in
 * the row it starts in and as an empty cell in the rows it spans below;
 * rows with no text at all (the lattice lines of a merged cell) are left
 * out. */
static Item *
grid_item (const GkPdfGrid *grid,
           const Glyph     *glyphs,
           GArray         **cell_glyphs,
           guint            page)
{
  Item *item = g_new0 (Item, 1);
  char **texts = g_new0 (char *, grid->n_cells);

  for (guint k = 0; k < grid->n_cells; k++)
    texts[k] = cell_glyphs[k] != NULL
               ? block_text (glyphs, (guint *) (gpointer) cell_glyphs[k]->data, cell_glyphs[k]->len)
               : g_strdup ("");

  item->kind = ITEM_TABLE;
  item->page = page;
  item->top = grid->ys[0];
  item->bottom = grid->ys[grid->n_rows];
  item->n_columns = grid->n_columns;
  item->xs = g_memdup2 (grid->xs, sizeof (double) * (grid->n_columns + 1));
  item->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint r = 0; r < grid->n_rows; r++)
    {
      GPtrArray *cells = g_ptr_array_new ();
      char **row;

      for (guint c = 0; c < grid->n_columns; c++)
        {
          guint k = grid->cell_of[r * grid->n_columns + c];
          const GkPdfGridCell *cell = &grid->cells[k];

          if (cell->c0 != c)
            continue;
          g_ptr_array_add (cells, g_strdup (cell->r0 == r ? texts[k] : ""));
        }
      g_ptr_array_add (cells, NULL);
      row = (char **) g_ptr_array_free (cells, FALSE);

      if (row_is_empty (row))
        g_strfreev (row);
      else
        g_ptr_array_add (item->rows, row);
    }

  for (guint k = 0; k < grid->n_cells; k++)
    g_free (texts[k]);
  g_free (texts);
  return item;
}

/* Puts the page's characters into the cells of its ruled tables, and
 * returns the tables that hold text. */
static void
read_grids (GkPdfGridFinder *finder,
            PopplerPage     *ppage,
            Page            *page,
            guint            page_number,
            double           top,
            double           bottom,
            GPtrArray       *items)
{
  g_autoptr(GPtrArray) grids = gk_pdf_grid_finder_find (finder, ppage, top, bottom);

  for (guint g = 0; g < grids->len; g++)
    {
      const GkPdfGrid *grid = g_ptr_array_index (grids, g);
      GArray **cell_glyphs = g_new0 (GArray *, grid->n_cells);
      gboolean has_text = FALSE;

      for (guint i = 0; i < page->n_glyphs; i++)
        {
          const Glyph *glyph = &page->glyphs[i];
          guint k;

          if (glyph->taken
              || !gk_pdf_grid_locate (grid, (glyph->x1 + glyph->x2) / 2, (glyph->y1 + glyph->y2) / 2, &k))
            continue;
          if (cell_glyphs[k] == NULL)
            cell_glyphs[k] = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (cell_glyphs[k], i);
          has_text |= !glyph->space;
        }

      /* Ruled boxes with no text in them are drawings, not tables. */
      if (has_text)
        {
          for (guint k = 0; k < grid->n_cells; k++)
            for (guint i = 0; cell_glyphs[k] != NULL && i < cell_glyphs[k]->len; i++)
              page->glyphs[g_array_index (cell_glyphs[k], guint, i)].taken = TRUE;
          g_ptr_array_add (items, grid_item (grid, page->glyphs, cell_glyphs, page_number));
        }

      for (guint k = 0; k < grid->n_cells; k++)
        if (cell_glyphs[k] != NULL)
          g_array_unref (cell_glyphs[k]);
      g_free (cell_glyphs);
    }
}

typedef struct
{
  guint  from, to;  /* positions in the line's index range */
  double x1, x2;
} Run;

static GArray *
line_runs (const Line  *line,
           const Glyph *glyphs,
           const guint *indices)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (Run));
  Run *run = NULL;

  for (guint i = line->start; i < line->start + line->n; i++)
    {
      const Glyph *glyph = &glyphs[indices[i]];

      if (glyph->space)
        continue;
      if (run == NULL || glyph->x1 - run->x2 > CELL_GAP * line->height)
        {
          Run next = { i, i + 1, glyph->x1, glyph->x2 };
          g_array_append_val (runs, next);
          run = &g_array_index (runs, Run, runs->len - 1);
          continue;
        }
      run->to = i + 1;
      run->x2 = MAX (run->x2, glyph->x2);
    }

  return runs;
}

/* Tables without rules.
 *
 * Values line up: the numbers of a column share their centre, and the
 * columns of the value area are the centres of the numbers, with the
 * narrow header cells that stand on the same pitch (they give the columns
 * whose values are all blank their place, as in table 4 with five blanks
 * before ten numbers).  What is left of the values is the label area,
 * where cells are the runs that overlap from line to line.  A line with a
 * value is a row; a line with labels only is part of the row nearest to
 * it (a label wrapped above and below the numbers it names); other lines
 * (headers) make rows of their own, consecutive ones together. */

typedef struct
{
  guint    line;
  guint    from, to;  /* positions in the page's index array */
  double   x1, x2;
  gboolean numeric;
  int      column;    /* a value column, or -1 in the label area */
} StreamRun;

static gboolean
is_value_text (const char *text)
{
  double value;
  gboolean has_value, is_integer;
  GkValueClass klass = gk_cell_classify (text, &value, &has_value, &is_integer);

  return klass == GK_VALUE_NUMBER || klass == GK_VALUE_SIGNED || klass == GK_VALUE_NA;
}

static GArray *
cluster_centers (GArray *values,
                 double  tolerance)
{
  GArray *centers = g_array_new (FALSE, FALSE, sizeof (double));
  double sum = 0;
  guint n = 0;

  g_array_sort (values, compare_doubles);
  for (guint i = 0; i < values->len; i++)
    {
      double value = g_array_index (values, double, i);

      if (n > 0 && value - sum / n > tolerance)
        {
          double mean = sum / n;
          g_array_append_val (centers, mean);
          sum = 0;
          n = 0;
        }
      sum += value;
      n++;
    }
  if (n > 0)
    {
      double mean = sum / n;
      g_array_append_val (centers, mean);
    }
  return centers;
}

static int
nearest_center (GArray *centers,
                double  x)
{
  int best = -1;
  double distance = G_MAXDOUBLE;

  for (guint c = 0; c < centers->len; c++)
    if (fabs (g_array_index (centers, double, c) - x) < distance)
      {
        distance = fabs (g_array_index (centers, double, c) - x);
        best = c;
      }
  return best;
}

static int
compare_runs_by_position (gconstpointer a,
                          gconstpointer b)
{
  const StreamRun *x = *(StreamRun * const *) a, *y = *(StreamRun * const *) b;

  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return x->x1 < y->x1 ? -1 : x->x1 > y->x1;
}

/* The text of runs (StreamRun*) that make one cell: by line, then left to
 * right. */
static char *
runs_text (GPtrArray   *runs,
           const Glyph *glyphs,
           const guint *indices)
{
  GString *out = g_string_new (NULL);
  guint line = G_MAXUINT;

  g_ptr_array_sort (runs, compare_runs_by_position);
  for (guint i = 0; i < runs->len; i++)
    {
      const StreamRun *run = g_ptr_array_index (runs, i);
      g_autoptr(GString) piece = g_string_new (NULL);

      append_glyph_text (piece, glyphs, indices, run->from, run->to, 0);
      if (line == run->line)
        g_string_append_c (out, ' ');
      if (line == run->line)
        g_string_append (out, piece->str);
      else
        append_joined (out, piece->str);
      line = run->line;
    }
  return g_string_free (out, FALSE);
}

static Item *
stream_item (const Glyph *glyphs,
             const guint *indices,
             const Line  *lines,
             guint        n_lines,
             guint        page)
{
  Item *item = g_new0 (Item, 1);
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (StreamRun));
  g_autoptr(GArray) numeric_centers = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) centers = NULL;
  g_autofree int *owner = g_new (int, n_lines);
  g_autofree gboolean *has_value = g_new0 (gboolean, n_lines);
  g_autofree gboolean *is_header = g_new0 (gboolean, n_lines);
  double height = lines[0].height;
  double pitch = 0;

  for (guint l = 0; l < n_lines; l++)
    {
      g_autoptr(GArray) line_runs_ = line_runs (&lines[l], glyphs, indices);

      height = MIN (height, lines[l].height);
      for (guint i = 0; i < line_runs_->len; i++)
        {
          const Run *r = &g_array_index (line_runs_, Run, i);
          StreamRun run = { l, r->from, r->to, r->x1, r->x2, FALSE, -1 };
          g_autoptr(GString) text = g_string_new (NULL);

          append_glyph_text (text, glyphs, indices, r->from, r->to, 0);
          run.numeric = is_value_text (text->str);
          if (run.numeric)
            {
              double center = (run.x1 + run.x2) / 2;
              g_array_append_val (numeric_centers, center);
            }
          g_array_append_val (runs, run);
        }
    }

  /* The value columns: where the numbers are, and the narrow cells on
   * their pitch. */
  centers = cluster_centers (numeric_centers, 0.4 * height);
  for (guint c = 1; c < centers->len; c++)
    {
      double d = g_array_index (centers, double, c) - g_array_index (centers, double, c - 1);
      pitch = pitch == 0 ? d : MIN (pitch, d);
    }
  if (pitch > 0)
    {
      g_autoptr(GArray) narrow = g_array_new (FALSE, FALSE, sizeof (double));
      double lo = g_array_index (centers, double, 0);
      double hi = g_array_index (centers, double, centers->len - 1);

      for (guint i = 0; i < runs->len; i++)
        {
          const StreamRun *run = &g_array_index (runs, StreamRun, i);
          double center = (run->x1 + run->x2) / 2;

          if (!run->numeric && run->x2 - run->x1 < 0.9 * pitch)
            g_array_append_val (narrow, center);
        }

      /* Columns of blanks stand on the pitch next to the columns of
       * numbers, one after the other, each with a narrow header cell: a
       * stray fragment of a label somewhere on the pitch is none. */
      for (int direction = -1; direction <= 1; direction += 2)
        for (int k = 1; ; k++)
          {
            double target = (direction < 0 ? lo : hi) + direction * k * pitch;
            gboolean found = FALSE;

            for (guint i = 0; i < narrow->len && !found; i++)
              found = fabs (g_array_index (narrow, double, i) - target) < 0.25 * pitch;
            if (!found)
              break;
            g_array_append_val (centers, target);
          }

      /* And between them, where a column has no number but a header. */
      for (double target = lo + pitch; target < hi - 0.5 * pitch; target += pitch)
        {
          gboolean known = FALSE, found = FALSE;

          for (guint c = 0; c < centers->len && !known; c++)
            known = fabs (g_array_index (centers, double, c) - target) < 0.25 * pitch;
          for (guint i = 0; i < narrow->len && !found && !known; i++)
            found = fabs (g_array_index (narrow, double, i) - target) < 0.25 * pitch;
          if (found)
            g_array_append_val (centers, target);
        }
      g_array_sort (centers, compare_doubles);
    }

  for (guint i = 0; i < runs->len; i++)
    {
      StreamRun *run = &g_array_index (runs, StreamRun, i);
      double center = (run->x1 + run->x2) / 2;
      double reach = pitch > 0 ? 0.5 * pitch : height;

      if (centers->len == 0 || center < g_array_index (centers, double, 0) - reach)
        run->column = -1;
      else if (run->x2 - run->x1 > (pitch > 0 ? pitch : 2 * height))
        /* A header spanning several columns: the first it covers. */
        run->column = nearest_center (centers, run->x1 + reach);
      else
        run->column = nearest_center (centers, center);
      if (run->numeric && run->column >= 0)
        has_value[run->line] = TRUE;
    }

  /* Which row each line belongs to. */
  for (guint l = 0; l < n_lines; l++)
    {
      gboolean labels_only = TRUE;
      double best = G_MAXDOUBLE;
      double center = (lines[l].y1 + lines[l].y2) / 2;

      owner[l] = has_value[l] ? (int) l : -1;
      if (has_value[l])
        continue;
      for (guint i = 0; i < runs->len; i++)
        if (g_array_index (runs, StreamRun, i).line == l && g_array_index (runs, StreamRun, i).column >= 0)
          labels_only = FALSE;
      if (!labels_only)
        continue;
      for (guint k = 0; k < n_lines; k++)
        {
          double d = fabs ((lines[k].y1 + lines[k].y2) / 2 - center);

          /* Ties go to the row above: a label wraps downwards. */
          if (has_value[k] && d < best - 0.01 && d <= 2.5 * height)
            {
              best = d;
              owner[l] = k;
            }
        }
    }
  for (guint l = 0; l < n_lines; l++)
    {
      if (owner[l] >= 0)
        continue;
      /* A header line: with the header line just above it if that is a
       * line of the same cells (closer than the rows of a table are). */
      if (l > 0 && is_header[l - 1] && lines[l].y1 - lines[l - 1].y2 <= 0.6 * height)
        owner[l] = owner[l - 1];
      else
        owner[l] = l;
      is_header[l] = TRUE;
    }

  item->kind = ITEM_TABLE;
  item->page = page;
  item->top = lines[0].y1;
  item->bottom = lines[n_lines - 1].y2;
  item->n_columns = centers->len;
  item->centers = g_memdup2 (centers->data, sizeof (double) * centers->len);
  item->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint l = 0; l < n_lines; l++)
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();  /* StreamRun*, label area */
      g_autoptr(GPtrArray) cells = g_ptr_array_new ();   /* char* */
      g_autoptr(GPtrArray) cell_runs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

      if (owner[l] != (int) l)
        continue;

      for (guint i = 0; i < runs->len; i++)
        {
          StreamRun *run = &g_array_index (runs, StreamRun, i);
          if (owner[run->line] == (int) l && run->column < 0)
            g_ptr_array_add (labels, run);
        }

      /* Label cells: runs that overlap one another from line to line. */
      for (guint i = 0; i < labels->len; i++)
        {
          StreamRun *run = g_ptr_array_index (labels, i);
          GPtrArray *cell = NULL;

          for (guint k = 0; k < cell_runs->len && cell == NULL; k++)
            {
              GPtrArray *candidate = g_ptr_array_index (cell_runs, k);
              for (guint j = 0; j < candidate->len; j++)
                {
                  StreamRun *other = g_ptr_array_index (candidate, j);
                  double overlap = MIN (run->x2, other->x2) - MAX (run->x1, other->x1);

                  if (other->line != run->line && overlap > 0.3 * MIN (run->x2 - run->x1, other->x2 - other->x1))
                    {
                      cell = candidate;
                      break;
                    }
                }
            }
          if (cell == NULL)
            {
              cell = g_ptr_array_new ();
              g_ptr_array_add (cell_runs, cell);
            }
          g_ptr_array_add (cell, run);
        }
      for (guint i = 0; i < cell_runs->len; i++)
        for (guint k = i + 1; k < cell_runs->len; k++)
          {
            StreamRun *a = g_ptr_array_index ((GPtrArray *) g_ptr_array_index (cell_runs, i), 0);
            StreamRun *b = g_ptr_array_index ((GPtrArray *) g_ptr_array_index (cell_runs, k), 0);

            if (b->x1 < a->x1)
              {
                gpointer t = cell_runs->pdata[i];
                cell_runs->pdata[i] = cell_runs->pdata[k];
                cell_runs->pdata[k] = t;
              }
          }
      for (guint i = 0; i < cell_runs->len; i++)
        g_ptr_array_add (cells, runs_text (g_ptr_array_index (cell_runs, i), glyphs, indices));

      for (guint c = 0; c < centers->len; c++)
        {
          g_autoptr(GPtrArray) column = g_ptr_array_new ();

          for (guint i = 0; i < runs->len; i++)
            {
              StreamRun *run = &g_array_index (runs, StreamRun, i);
              if (owner[run->line] == (int) l && run->column == (int) c)
                g_ptr_array_add (column, run);
            }
          g_ptr_array_add (cells, runs_text (column, glyphs, indices));
        }

      g_ptr_array_add (cells, NULL);
      g_ptr_array_add (item->rows, g_ptr_array_steal (cells, NULL));
    }

  return item;
}

static Item *
line_item (const Line  *line,
           const Glyph *glyphs,
           const guint *indices,
           guint        page)
{
  Item *item = g_new0 (Item, 1);

  item->kind = ITEM_LINE;
  item->page = page;
  item->top = line->y1;
  item->bottom = line->y2;
  item->x1 = line->x1;
  item->x2 = line->x2;
  item->height = line->height;
  item->n_chars = line->n_chars;
  item->text = line_text (line, glyphs, indices);
  return item;
}

/* Whether a line at the top or foot of the page is a page number. */
static gboolean
is_page_number_line (const Line  *line,
                     const Page  *page,
                     const Glyph *glyphs,
                     const guint *indices)
{
  g_autofree char *text = NULL;

  if (line->n_runs != 1 || line->n_chars > 24)
    return FALSE;
  if (line->y2 >= HEAD_ZONE * page->height && line->y1 <= FOOT_ZONE * page->height)
    return FALSE;
  text = line_text (line, glyphs, indices);
  return is_page_number (text);
}

/* Whether the page has lines of separate parts outside its running head
 * and foot, and the band of the page around them: only such a page can
 * hold a table, and only that band is rendered to look for rules (a table
 * the band cuts makes gk_pdf_grid_finder_find() render the whole page). */
static gboolean
table_band (const Page *page,
            double     *top,
            double     *bottom)
{
  *top = G_MAXDOUBLE;
  *bottom = -G_MAXDOUBLE;

  for (guint l = 0; l < page->lines->len; l++)
    {
      const Line *line = &g_array_index (page->lines, Line, l);

      /* Not for a running head of two parts (agency, title), the page's
       * first line, nor a foot, its last. */
      if ((l == 0 && line->y2 < HEAD_ZONE * page->height)
          || (l + 1 == page->lines->len && line->y1 > FOOT_ZONE * page->height))
        continue;
      if (line->n_runs >= 2)
        {
          *top = MIN (*top, line->y1 - BAND_MARGIN);
          *bottom = MAX (*bottom, line->y2 + BAND_MARGIN);
        }
    }
  return *top < *bottom;
}

/* Finds the table without rules that starts at line *@first when that line
 * has separate parts: the lines of separate parts that follow, with the
 * short lines between them (labels wrapped above or below their numbers,
 * header cells), and the header lines above the first over its value
 * columns.  Returns the end of the table's lines and moves *@first up to
 * its first header line, or returns *@first when there are fewer than two
 * lines of separate parts. */
static guint
stream_block (GArray         *lines,
              const gboolean *skip,
              guint          *first)
{
  const Line *start = &g_array_index (lines, Line, *first);
  guint end = *first + 1, n_table = 1;
  double left, right;

  if (start->n_runs < 2)
    return *first;

  for (guint l = *first + 1; l < lines->len && !skip[l]; l++)
    {
      const Line *line = &g_array_index (lines, Line, l);
      const Line *above = &g_array_index (lines, Line, l - 1);
      double h = MAX (line->height, above->height);
      double gap = line->y1 - above->y2;
      gboolean followed = FALSE;

      if (line->n_runs >= 2)
        {
          if (gap > 2.0 * h)
            break;
          end = l + 1;
          n_table++;
          continue;
        }

      if (gap > 1.2 * h || line->n_chars > 25)
        break;
      for (guint k = l + 1; k < lines->len && k <= l + 3 && !skip[k]; k++)
        {
          const Line *next = &g_array_index (lines, Line, k);
          const Line *before = &g_array_index (lines, Line, k - 1);

          if (next->y1 - before->y2 > 1.2 * MAX (next->height, before->height))
            break;
          if (next->n_runs >= 2)
            {
              followed = TRUE;
              break;
            }
        }
      /* After the last line of parts, only a label's close last line. */
      if (followed || (l == end && gap <= 0.8 * h))
        end = l + 1;
      else
        break;
    }

  if (n_table < 2)
    return *first;

  left = G_MAXDOUBLE;
  right = -G_MAXDOUBLE;
  for (guint l = *first; l < end; l++)
    if (g_array_index (lines, Line, l).n_runs >= 2)
      {
        left = MIN (left, g_array_index (lines, Line, l).x1);
        right = MAX (right, g_array_index (lines, Line, l).x2);
      }

  /* Header cells over the value columns, above the first line of parts. */
  while (*first > 0 && !skip[*first - 1])
    {
      const Line *line = &g_array_index (lines, Line, *first - 1);
      const Line *below = &g_array_index (lines, Line, *first);

      if (line->n_runs >= 2 || line->n_chars > 25 || below->y1 - line->y2 > 1.2 * MAX (line->height, below->height)
          || line->x1 < left + 0.25 * (right - left))
        break;
      (*first)--;
    }

  return end;
}

/* The page's items, top to bottom: its ruled tables, found before, and
 * what is left: page numbers go, lines of several parts in a row make
 * tables without rules, the other lines are text. */
static void
read_page (Page      *page,
           guint      page_number,
           GPtrArray *items)
{
  g_autoptr(GPtrArray) page_items = g_ptr_array_new ();
  g_autofree guint *indices = g_new (guint, MAX (page->n_glyphs, 1));
  g_autoptr(GArray) lines = NULL;
  g_autofree gboolean *skip = NULL;
  guint n = 0;

  for (guint i = 0; i < page->n_glyphs; i++)
    if (!page->glyphs[i].taken)
      indices[n++] = i;
  lines = build_lines (page->glyphs, indices, n);

  if (page->tables != NULL)
    {
      g_ptr_array_extend_and_steal (page_items, g_steal_pointer (&page->tables));
    }

  /* Page numbers first: the first or the last line, never a table's. */
  skip = g_new0 (gboolean, MAX (lines->len, 1));
  if (lines->len > 0)
    {
      skip[0] = is_page_number_line (&g_array_index (lines, Line, 0), page, page->glyphs, indices);
      skip[lines->len - 1] = is_page_number_line (&g_array_index (lines, Line, lines->len - 1), page, page->glyphs, indices);
    }

  for (guint l = 0; l < lines->len; )
    {
      guint first, end;

      if (skip[l])
        {
          l++;
          continue;
        }

      first = l;
      end = stream_block (lines, skip, &first);
      if (end > l)
        {
          g_ptr_array_add (page_items, stream_item (page->glyphs, indices, &g_array_index (lines, Line, first),
                                                    end - first, page_number));
          /* Lines before @first that the table took back are in it. */
          for (guint i = page_items->len - 1; i-- > 0; )
            {
              Item *previous = g_ptr_array_index (page_items, i);

              if (previous->kind != ITEM_LINE || previous->top < g_array_index (lines, Line, first).y1 - 0.01)
                break;
              item_free (g_ptr_array_steal_index (page_items, i));
            }
          l = end;
          continue;
        }

      g_ptr_array_add (page_items, line_item (&g_array_index (lines, Line, l), page->glyphs, indices, page_number));
      l++;
    }

  g_ptr_array_sort (page_items, compare_items);
  for (guint i = 0; i < page_items->len; i++)
    {
      Item *item = g_ptr_array_index (page_items, i);

      item->first_on_page = i == 0;
      item->last_on_page = i + 1 == page_items->len;
      g_ptr_array_add (items, item);
    }
}

/* ---------------------------------------------------------------------- */
/* Rows                                                                   */

typedef struct
{
  double left, right;  /* the body text's margins */
  double body_height;  /* the body text's line height */
} Metrics;

static double
percentile (GArray *values,
            double  fraction)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, (guint) (fraction * (values->len - 1)));
}

static void
measure_body (GPtrArray *items,
              Metrics   *metrics)
{
  g_autoptr(GArray) lefts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rights = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) heights = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint pass = 0; pass < 2 && lefts->len == 0; pass++)
    for (guint i = 0; i < items->len; i++)
      {
        const Item *item = g_ptr_array_index (items, i);

        /* Body text is the long lines; the short ones are headings. */
        if (item->kind != ITEM_LINE || (pass == 0 && item->n_chars < 8))
          continue;
        g_array_append_val (lefts, item->x1);
        g_array_append_val (rights, item->x2);
        g_array_append_val (heights, item->height);
      }

  if (lefts->len == 0)
    {
      metrics->left = metrics->right = metrics->body_height = 0;
      return;
    }

  /* Most lines of justified text start at the left margin and end at the
   * right one; first lines are indented and last lines short. */
  metrics->left = percentile (lefts, 0.1);
  metrics->right = percentile (rights, 0.9);
  metrics->body_height = percentile (heights, 0.5);
}

/* Whether line @next goes on with the paragraph that @previous ends. */
static gboolean
continues_paragraph (const Item    *previous,
                     const Item    *next,
                     const Metrics *metrics)
{
  double h = MAX (previous->height, next->height);

  if (fabs (previous->height - next->height) > 0.15 * h)
    return FALSE;

  if (next->page == previous->page)
    {
      /* Paragraph spacing, or a line above the last one (a second column). */
      if (next->top - previous->bottom > 1.2 * h || next->top < previous->top)
        return FALSE;
    }
  else if (next->page != previous->page + 1)
    return FALSE;

  /* A line that ends before the right margin ends its paragraph. */
  if (previous->x2 < metrics->right - 1.5 * h)
    return FALSE;

  /* An indented line starts one, unless both are lines of a title centred
   * in a larger font. */
  if (next->x1 > metrics->left + 0.8 * h)
    {
      gboolean centred = fabs ((next->x1 - metrics->left) - (metrics->right - next->x2)) <= h;

      if (!centred || next->height < 1.15 * metrics->body_height)
        return FALSE;
    }

  return TRUE;
}

/* Whether table @next goes on with @previous over a page break: the one
 * ends its page, the other starts the next, between the same side rules
 * and on the same column rules.  A part may lack some of the other's
 * column rules: those between label columns that all of its rows merge. */
static gboolean
continues_table (const Item *previous,
                 const Item *next)
{
  const Item *fewer, *more;
  guint shared = 0;

  if (next->page != previous->page + 1 || !previous->last_on_page || !next->first_on_page)
    return FALSE;

  /* Tables without rules: the same value columns. */
  if (previous->centers != NULL && next->centers != NULL)
    {
      if (previous->n_columns != next->n_columns)
        return FALSE;
      for (guint c = 0; c < next->n_columns; c++)
        if (fabs (previous->centers[c] - next->centers[c]) > 2.0)
          return FALSE;
      return TRUE;
    }

  if (previous->xs == NULL || next->xs == NULL)
    return FALSE;
  if (fabs (previous->xs[0] - next->xs[0]) > 2.0
      || fabs (previous->xs[previous->n_columns] - next->xs[next->n_columns]) > 2.0)
    return FALSE;

  fewer = previous->n_columns <= next->n_columns ? previous : next;
  more = fewer == previous ? next : previous;
  for (guint i = 0; i <= fewer->n_columns; i++)
    for (guint k = 0; k <= more->n_columns; k++)
      if (fabs (fewer->xs[i] - more->xs[k]) <= 2.0)
        {
          shared++;
          break;
        }
  return shared * 5 >= (fewer->n_columns + 1) * 4;
}

static gboolean
rows_equal (char **a,
            char **b)
{
  guint i;

  for (i = 0; a[i] != NULL && b[i] != NULL; i++)
    if (strcmp (a[i], b[i]) != 0)
      return FALSE;
  return a[i] == NULL && b[i] == NULL;
}

/* The header rows a continued table repeats: among the first rows of the
 * table's first part. */
static gboolean
is_repeated_header (char      **row,
                    const Item *first_part)
{
  for (guint i = 0; i < first_part->rows->len && i < 5; i++)
    if (rows_equal (row, g_ptr_array_index (first_part->rows, i)))
      return TRUE;
  return FALSE;
}

static void
flush_paragraph (GString   **paragraph,
                 guint       line,
                 GPtrArray  *rows)
{
  const char *cells[1];

  if (*paragraph == NULL)
    return;
  cells[0] = (*paragraph)->str;
  g_ptr_array_add (rows, gk_text_row_new (GK_ROW_PROSE, line, cells, 1));
  g_string_free (*paragraph, TRUE);
  *paragraph = NULL;
}

static GPtrArray *
items_to_rows (GPtrArray *items)
{
  GPtrArray *rows = gk_text_rows_new ();
  GString *paragraph = NULL;
  const Item *previous_line = NULL;
  const Item *previous_table = NULL;
  const Item *first_part = NULL;
  guint paragraph_line = 0;
  guint line = 0;
  Metrics metrics;

  measure_body (items, &metrics);

  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = g_ptr_array_index (items, i);

      if (item->kind == ITEM_LINE)
        {
          line++;
          if (paragraph != NULL && previous_line != NULL && continues_paragraph (previous_line, item, &metrics))
            append_joined (paragraph, item->text);
          else
            {
              flush_paragraph (&paragraph, paragraph_line, rows);
              paragraph = g_string_new (item->text);
              paragraph_line = line;
            }
          previous_line = item;
          previous_table = NULL;
          continue;
        }

      flush_paragraph (&paragraph, paragraph_line, rows);
      previous_line = NULL;

      {
        gboolean continued = previous_table != NULL && first_part != NULL && continues_table (previous_table, item);
        gboolean in_header = continued;

        if (!continued)
          first_part = item;

        for (guint r = 0; r < item->rows->len; r++)
          {
            char **cells = g_ptr_array_index (item->rows, r);

            if (in_header && is_repeated_header (cells, first_part))
              continue;
            in_header = FALSE;
            line++;
            g_ptr_array_add (rows, gk_text_row_new (GK_ROW_GRID, line, (const char * const *) cells,
                                                    g_strv_length (cells)));
          }
        previous_table = item;
      }
    }

  flush_paragraph (&paragraph, paragraph_line, rows);
  return rows;
}

/* ---------------------------------------------------------------------- */
/* The document                                                           */

static void
page_clear (Page *page)
{
  g_free (page->glyphs);
  g_free (page->order);
  g_clear_pointer (&page->lines, g_array_unref);
  g_clear_pointer (&page->tables, g_ptr_array_unref);
}

/* Reads a page's characters and their boxes; returns how many are not
 * spaces. */
static guint
read_glyphs (PopplerPage *ppage,
             Page        *page)
{
  char *text = poppler_page_get_text (ppage);
  PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  GArray *glyphs = g_array_new (FALSE, FALSE, sizeof (Glyph));
  guint n_chars = 0;

  poppler_page_get_size (ppage, &page->width, &page->height);

  if (text != NULL && poppler_page_get_text_layout (ppage, &rects, &n_rects))
    {
      const char *p = text;

      /* One rectangle per character of the text, in the same order. */
      for (guint i = 0; i < n_rects && *p != '\0'; i++, p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          const PopplerRectangle *rect = &rects[i];
          Glyph glyph = { 0, };

          if (c == '\n' || c == '\r' || !isfinite (rect->x1) || !isfinite (rect->y1)
              || !isfinite (rect->x2) || !isfinite (rect->y2))
            continue;
          glyph.space = g_unichar_isspace (c) || c == 0x3000 || c == 0xA0;
          if (!glyph.space && (g_unichar_iscntrl (c) || !g_unichar_validate (c)))
            continue;
          glyph.ch = c;
          glyph.x1 = MIN (rect->x1, rect->x2);
          glyph.x2 = MAX (rect->x1, rect->x2);
          glyph.y1 = MIN (rect->y1, rect->y2);
          glyph.y2 = MAX (rect->y1, rect->y2);
          g_array_append_val (glyphs, glyph);
          if (!glyph.space)
            n_chars++;
        }
    }

  g_free (text);
  g_free (rects);
  page->n_glyphs = glyphs->len;
  page->glyphs = (Glyph *) (gpointer) g_array_free (glyphs, FALSE);

  page->order = g_new (guint, MAX (page->n_glyphs, 1));
  for (guint i = 0; i < page->n_glyphs; i++)
    page->order[i] = i;
  page->lines = build_lines (page->glyphs, page->order, page->n_glyphs);
  return n_chars;
}

static gboolean
has_images (PopplerDocument *document,
            int              n_pages)
{
  for (int i = 0; i < n_pages && i < 20; i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      GList *images;
      gboolean found;

      if (page == NULL)
        continue;
      images = poppler_page_get_image_mapping (page);
      found = images != NULL;
      poppler_page_free_image_mapping (images);
      g_object_unref (page);
      if (found)
        return TRUE;
    }
  return FALSE;
}

/* A PDF ends with "%%EOF"; a download cut short does not. */
static gboolean
is_truncated (const guint8 *data,
              gsize         length)
{
  gsize tail = MIN (length, 1024);

  return memmem (data + length - tail, tail, "%%EOF", 5) == NULL;
}

static PopplerDocument *
open_document (const guint8  *data,
               gsize          length,
               GError       **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, length);
  g_autoptr(GError) local_error = NULL;
  PopplerDocument *document = poppler_document_new_from_bytes (bytes, NULL, &local_error);

  if (document != NULL)
    return document;

  if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_UNSUPPORTED,
                 _("the PDF is protected by a password: open it with the password in a PDF viewer, save a copy without protection and import that"));
  else
    g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_CORRUPT,
                 _("the PDF is damaged or truncated and cannot be opened: %s"),
                 local_error != NULL ? local_error->message : "?");
  return NULL;
}

/* The rendering buffers, kept for the thread's next PDF: fresh buffers of
 * a page's size cost a page fault every 4 kB, a fifth of reading a PDF. */
static GkPdfGridFinder *
thread_finder (void)
{
  static GPrivate key = G_PRIVATE_INIT ((GDestroyNotify) gk_pdf_grid_finder_free);
  GkPdfGridFinder *finder = g_private_get (&key);

  if (finder == NULL)
    {
      finder = gk_pdf_grid_finder_new ();
      g_private_set (&key, finder);
    }
  return finder;
}

/**
 * gk_pdf_read:
 * @data: the bytes of a PDF
 * @length: how many
 * @error: a #GkParseError when the PDF cannot be read
 *
 * Returns: (transfer container) (element-type GkTextRow) (nullable): the
 *   rows of the report, in reading order
 */
GPtrArray *
gk_pdf_read (const guint8  *data,
             gsize          length,
             GError       **error)
{
  PopplerDocument *document;
  GPtrArray *rows = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GkPdfGridFinder *finder;
  Page *pages;
  guint total = 0;
  int n_pages;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  document = open_document (data, length, error);
  if (document == NULL)
    return NULL;

  n_pages = poppler_document_get_n_pages (document);
  if (n_pages > MAX_PAGES)
    {
      g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT,
                   _("the PDF has %d pages, more than the %d a report can have: refused"), n_pages, MAX_PAGES);
      g_object_unref (document);
      return NULL;
    }
  if (n_pages <= 0)
    {
      g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_CORRUPT, _("the PDF has no pages"));
      g_object_unref (document);
      return NULL;
    }

  pages = g_new0 (Page, n_pages);
  for (int p = 0; p < n_pages; p++)
    {
      PopplerPage *ppage = poppler_document_get_page (document, p);

      if (ppage == NULL)
        {
          pages[p].lines = g_array_new (FALSE, FALSE, sizeof (Line));
          continue;
        }
      total += read_glyphs (ppage, &pages[p]);
      g_object_unref (ppage);

      if (total > MAX_GLYPHS)
        {
          g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT,
                       _("the PDF holds more than %d characters of text, far more than a report: refused"), MAX_GLYPHS);
          goto out;
        }
    }

  if (total == 0)
    {
      if (has_images (document, n_pages))
        g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_SCANNED,
                     _("scanned, no text layer: the %d pages of this PDF are images; run text recognition (OCR) on it and import the result"),
                     n_pages);
      else if (is_truncated (data, length))
        g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_CORRUPT,
                     _("the PDF is truncated (it has no end-of-file marker) and no text could be read from it"));
      else
        g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_EMPTY, _("the PDF’s pages hold no text"));
      goto out;
    }

  /* Ruled tables first: a table's header row repeated at the top of the
   * next page must not pass for a running head. */
  finder = thread_finder ();
  for (int p = 0; p < n_pages; p++)
    {
      PopplerPage *ppage;
      double top, bottom;

      if (!table_band (&pages[p], &top, &bottom) || (ppage = poppler_document_get_page (document, p)) == NULL)
        continue;
      pages[p].tables = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
      read_grids (finder, ppage, &pages[p], p, top, bottom, pages[p].tables);
      g_object_unref (ppage);
    }

  drop_running_lines (pages, n_pages);

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  for (int p = 0; p < n_pages; p++)
    read_page (&pages[p], p, items);

  rows = items_to_rows (items);
  if (rows->len == 0)
    {
      g_clear_pointer (&rows, g_ptr_array_unref);
      g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_EMPTY, _("the PDF holds no text besides page headers and numbers"));
    }

out:
  for (int p = 0; p < n_pages; p++)
    page_clear (&pages[p]);
  g_free (pages);
  g_object_unref (document);
  return rows;
}
