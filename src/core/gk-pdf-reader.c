/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-pdf-reader"

#define _GNU_SOURCE /* memmem */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <poppler.h>

#include "gk-parser.h"
#include "gk-pdf-cmap.h"
#include "gk-pdf-grid.h"
#include "gk-pdf-reader.h"
#include "gk-pdf-stream.h"
#include "gk-pdf-text.h"

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
 * GK_ROW_GRID for a table row.  A ruled table's row has a cell per column,
 * a cell merged over columns being one cell, and a cell merged over rows
 * being in the row it starts in and an empty cell in the rows below (the
 * way the report writer flattens the templates' tables).  A row of a table
 * without rules has its label cells, then a cell per value column.  Blank
 * cells stay empty strings: a blank is not a zero.
 *
 * A row's line is a running count of the document's lines of text, from 1:
 * each line of a paragraph and each table row counts one.  A PDF has no
 * line numbers of its own, and a count across pages reads like the line
 * numbers of a text report. */

/* A report is a few pages; a file with thousands is something else, and
 * every page costs time. */
#define MAX_PAGES   2000
/* Object numbers: a long report has a few thousand objects. */
#define MAX_OBJECTS 1000000
#define MAX_GLYPHS  (2 * 1000 * 1000)

/* What the font maps (ToUnicode) may name, see gk-pdf-cmap.c: a report's
 * fonts name the few thousand characters it uses, a handful of them
 * (ligatures) mapped to strings, with codes (glyph numbers) below 65536;
 * poppler's work is the codes named plus the array up to the largest.  It
 * reads a font's map again for each page it shows, so the pages count
 * too. */
#define MAX_MAP_WORK         (1024 * 1024)
#define MAX_MAP_STRINGS      4096
#define MAX_MAP_WORK_PAGES   (64 * 1024 * 1024)

/* Fractions of the page height where running heads and feet are. */
#define HEAD_ZONE   0.12
#define FOOT_ZONE   0.88

/* Points above and below a page's table lines that are rendered with them:
 * header rows without separate parts ("第二十条第（一）项"). */
#define BAND_MARGIN 100.0

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
  GkPdfGlyph  *glyphs;
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
/* Running heads, feet and page numbers                                   */

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
          const GkPdfLine *line = &g_array_index (page->lines, GkPdfLine, l);
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
          text = gk_pdf_line_text (line, page->glyphs, page->order);
          running.key = gk_pdf_running_key (text);
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
      const GkPdfLine *line = &g_array_index (page->lines, GkPdfLine, running->line);
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

/* A ruled table's rows: a cell per lattice column, one for a cell merged
 * over columns; a cell merged over rows has its text in the row it starts
 * in and is an empty cell in the rows below.  Rows with no text at all
 * (lattice lines that only some columns have) are left out. */
static Item *
grid_item (const GkPdfGrid   *grid,
           const GkPdfGlyph  *glyphs,
           GArray           **cell_glyphs,
           guint              page)
{
  Item *item = g_new0 (Item, 1);
  char **texts = g_new0 (char *, grid->n_cells);

  for (guint k = 0; k < grid->n_cells; k++)
    texts[k] = cell_glyphs[k] != NULL
               ? gk_pdf_block_text (glyphs, (guint *) (gpointer) cell_glyphs[k]->data, cell_glyphs[k]->len)
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
          const GkPdfGlyph *glyph = &page->glyphs[i];
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

static Item *
stream_item (const GkPdfGlyph *glyphs,
             const guint      *indices,
             const GkPdfLine  *lines,
             guint             n_lines,
             guint             page)
{
  Item *item = g_new0 (Item, 1);
  g_autoptr(GArray) centers = NULL;

  item->kind = ITEM_TABLE;
  item->page = page;
  item->top = lines[0].y1;
  item->bottom = lines[n_lines - 1].y2;
  item->rows = gk_pdf_stream_read (glyphs, indices, lines, n_lines, &centers);
  item->n_columns = centers->len;
  item->centers = g_memdup2 (centers->data, sizeof (double) * centers->len);
  return item;
}

static Item *
line_item (const GkPdfLine  *line,
           const GkPdfGlyph *glyphs,
           const guint      *indices,
           guint             page)
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
  item->text = gk_pdf_line_text (line, glyphs, indices);
  return item;
}

/* Whether a line at the top or foot of the page is a page number. */
static gboolean
is_page_number_line (const GkPdfLine  *line,
                     const Page       *page,
                     const GkPdfGlyph *glyphs,
                     const guint      *indices)
{
  g_autofree char *text = NULL;

  if (line->n_runs != 1 || line->n_chars > 24)
    return FALSE;
  if (line->y2 >= HEAD_ZONE * page->height && line->y1 <= FOOT_ZONE * page->height)
    return FALSE;
  text = gk_pdf_line_text (line, glyphs, indices);
  return gk_pdf_is_page_number (text);
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
      const GkPdfLine *line = &g_array_index (page->lines, GkPdfLine, l);

      /* Not for a running head of two parts (agency, title), the page's
       * first line, nor a foot, its last, standing apart from the body;
       * the header row of a table at the foot of the page is close to the
       * row above it. */
      if (l == 0 && line->y2 < HEAD_ZONE * page->height && page->lines->len > 1
          && g_array_index (page->lines, GkPdfLine, 1).y1 - line->y2 > 1.5 * line->height)
        continue;
      if (l > 0 && l + 1 == page->lines->len && line->y1 > FOOT_ZONE * page->height
          && line->y1 - g_array_index (page->lines, GkPdfLine, l - 1).y2 > 1.5 * line->height)
        continue;
      if (line->n_runs >= 2)
        {
          *top = MIN (*top, line->y1 - BAND_MARGIN);
          *bottom = MAX (*bottom, line->y2 + BAND_MARGIN);
        }
    }
  return *top < *bottom;
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
  lines = gk_pdf_lines_build (page->glyphs, indices, n);

  if (page->tables != NULL)
    g_ptr_array_extend_and_steal (page_items, g_steal_pointer (&page->tables));

  /* Page numbers first: the first or the last line, never a table's. */
  skip = g_new0 (gboolean, MAX (lines->len, 1));
  if (lines->len > 0)
    {
      skip[0] = is_page_number_line (&g_array_index (lines, GkPdfLine, 0), page, page->glyphs, indices);
      skip[lines->len - 1] = is_page_number_line (&g_array_index (lines, GkPdfLine, lines->len - 1), page, page->glyphs, indices);
    }

  for (guint l = 0, lowest = 0; l < lines->len; )
    {
      guint first, end;

      if (skip[l])
        {
          l++;
          continue;
        }

      first = l;
      end = gk_pdf_stream_block (lines, skip, lowest, &first);
      if (end > l)
        {
          g_ptr_array_add (page_items, stream_item (page->glyphs, indices, &g_array_index (lines, GkPdfLine, first),
                                                    end - first, page_number));
          /* Lines before @first that the table took back are in it. */
          for (guint i = page_items->len - 1; i-- > 0; )
            {
              Item *previous = g_ptr_array_index (page_items, i);

              if (previous->kind != ITEM_LINE || previous->top < g_array_index (lines, GkPdfLine, first).y1 - 0.01)
                break;
              item_free (g_ptr_array_steal_index (page_items, i));
            }
          l = lowest = end;
          continue;
        }

      g_ptr_array_add (page_items, line_item (&g_array_index (lines, GkPdfLine, l), page->glyphs, indices, page_number));
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
  g_array_sort (values, gk_pdf_compare_doubles);
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
is_repeated_header (char       **row,
                    const Item  *first_part)
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
            gk_pdf_append_joined (paragraph, item->text);
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

/* A character no font maps to text: a private use code point or the
 * replacement character, what poppler gives for glyphs whose font has no
 * ToUnicode map. */
static gboolean
is_unknown_char (gunichar c)
{
  return (c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000 || c == 0xFFFD;
}

/* Reads a page's characters and their boxes; returns how many are not
 * spaces, and adds those that map to no known character to @n_unknown. */
static guint
read_glyphs (PopplerPage *ppage,
             Page        *page,
             guint       *n_unknown)
{
  char *text = poppler_page_get_text (ppage);
  PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  GArray *glyphs = g_array_new (FALSE, FALSE, sizeof (GkPdfGlyph));
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
          GkPdfGlyph glyph = { 0, };

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
          if (is_unknown_char (c))
            (*n_unknown)++;
        }
    }

  g_free (text);
  g_free (rects);
  page->n_glyphs = glyphs->len;
  page->glyphs = (GkPdfGlyph *) (gpointer) g_array_free (glyphs, FALSE);

  page->order = g_new (guint, MAX (page->n_glyphs, 1));
  for (guint i = 0; i < page->n_glyphs; i++)
    page->order[i] = i;
  page->lines = gk_pdf_lines_build (page->glyphs, page->order, page->n_glyphs);
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

/* The number after @p, skipping blanks; -1 when there is none. */
static gint64
number_after (const guint8 *p,
              const guint8 *end)
{
  gint64 n = -1;

  while (p < end && (*p == ' ' || *p == '\r' || *p == '\n' || *p == '\t' || *p == '\f' || *p == '\0'))
    p++;
  for (; p < end && g_ascii_isdigit (*p); p++)
    {
      n = (n < 0 ? 0 : n) * 10 + (*p - '0');
      if (n > G_MAXINT32)
        return G_MAXINT32;
    }
  return n;
}

/* The highest object number the PDF gives itself: in a cross-reference
 * table's or stream's /Size, or as "N G obj".  Poppler makes a table of
 * that many entries before anything else, or when it rebuilds the table
 * of a damaged file; a few bytes saying /Size 8485377 made it work for
 * over a second (a timeout found by fuzz-pdf). */
static gint64
highest_object_number (const guint8 *data,
                       gsize         length)
{
  const guint8 *end = data + length;
  const guint8 *p = data;
  gint64 highest = 0;

  while (p < end && (p = memmem (p, end - p, "/Size", 5)) != NULL)
    {
      highest = MAX (highest, number_after (p + 5, end));
      p += 5;
    }

  /* "N G obj": back from "obj" over the generation, then the number. */
  for (p = data; p < end && (p = memmem (p, end - p, "obj", 3)) != NULL; p += 3)
    {
      const guint8 *q = p;
      const guint8 *digits_end;

      while (q > data && (q[-1] == ' ' || q[-1] == '\r' || q[-1] == '\n' || q[-1] == '\t'))
        q--;
      while (q > data && g_ascii_isdigit (q[-1]))
        q--;
      while (q > data && (q[-1] == ' ' || q[-1] == '\r' || q[-1] == '\n' || q[-1] == '\t'))
        q--;
      digits_end = q;
      while (q > data && g_ascii_isdigit (q[-1]) && digits_end - q < 12)
        q--;
      if (q < digits_end)
        highest = MAX (highest, number_after (q, digits_end));
    }
  return highest;
}

static PopplerDocument *
open_document (const guint8  *data,
               gsize          length,
               GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  PopplerDocument *document;
  gint64 highest = highest_object_number (data, length);

  /* A report has a few thousand objects; a damaged or hostile file may
   * claim millions. */
  if (highest > MAX_OBJECTS)
    {
      g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT,
                   _("the PDF numbers its objects up to %d, more than the %d a report can have: refused as damaged"),
                   (int) highest, MAX_OBJECTS);
      return NULL;
    }

  bytes = g_bytes_new_static (data, length);
  document = poppler_document_new_from_bytes (bytes, NULL, &local_error);

  if (document != NULL)
    return document;

  if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_UNSUPPORTED,
                 _("the PDF is protected by a password: open it with the password in a PDF viewer, save a copy without protection and import that"));
  else
    {
      /* Poppler may quote the file's bytes: made UTF-8, as every message is. */
      g_autofree char *why = g_utf8_make_valid (local_error != NULL ? local_error->message : "?", -1);

      g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_CORRUPT,
                   _("the PDF is damaged or truncated and cannot be opened: %s"), why);
    }
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
  guint n_unknown = 0;
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

  {
    GkPdfCmapCounts maps;

    gk_pdf_cmap_count (data, length, &maps);
    g_debug ("%u font maps: %" G_GUINT64_FORMAT " codes, %" G_GUINT64_FORMAT " to strings, %" G_GUINT64_FORMAT " slots, %d pages",
             maps.n_maps, maps.n_codes, maps.n_strings, maps.n_slots, n_pages);
    if (maps.n_codes + maps.n_slots > MAX_MAP_WORK || maps.n_strings > MAX_MAP_STRINGS
        || (maps.n_codes + maps.n_slots) * (guint64) n_pages > MAX_MAP_WORK_PAGES)
      {
        /* The counts as text: gettext cannot read a message built with
         * G_GUINT64_FORMAT. */
        g_autofree char *codes = g_strdup_printf ("%" G_GUINT64_FORMAT, (guint64) maps.n_codes);
        g_autofree char *slots = g_strdup_printf ("%" G_GUINT64_FORMAT, (guint64) maps.n_slots);
        g_autofree char *strings = g_strdup_printf ("%" G_GUINT64_FORMAT, (guint64) maps.n_strings);

        g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT,
                     _("the PDF’s font maps (ToUnicode) name %s character codes in tables of %s entries (%s of the codes mapped to strings) for %d pages, far more than a report’s fonts: refused as damaged, since reading them would take minutes"),
                     codes, slots, strings, n_pages);
        g_object_unref (document);
        return NULL;
      }
  }

  pages = g_new0 (Page, n_pages);
  for (int p = 0; p < n_pages; p++)
    {
      PopplerPage *ppage = poppler_document_get_page (document, p);

      if (ppage == NULL)
        {
          pages[p].lines = g_array_new (FALSE, FALSE, sizeof (GkPdfLine));
          continue;
        }
      total += read_glyphs (ppage, &pages[p], &n_unknown);
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

  /* Fonts without a map to Unicode: their text is glyph numbers. */
  if (n_unknown > total / 2)
    {
      g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_ENCODING,
                   _("the PDF’s fonts do not say which characters they draw (%u of its %u characters are unknown), so its text cannot be read: run text recognition (OCR) on it and import the result"),
                   n_unknown, total);
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
