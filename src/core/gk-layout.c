/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-layout"

#include "config.h"

#include <string.h>

#include "gk-cell.h"
#include "gk-layout.h"
#include "gk-normalize.h"

/* The layout reader.  Real report text arrives in several flattenings of
 * the same tables (report-format.md §10), often mixed in one file:
 *
 *  - blocks: one cell per tab-indented line, a blank line between rows; a
 *    line without the tab continues the cell above ("结果" / "纠正");
 *  - tab-separated rows, empty cells kept as empty fields;
 *  - pipe rows "a | b |" and markdown rows "| a | b |" with "---" rules.
 *
 * The reader decides per paragraph (lines between truly empty lines), since
 * a line holding only "\t0" is a cell in a block but a two-field row in a
 * tab-separated table.  It never drops an empty cell: a blank is not a
 * zero, and its position is what keeps the numbers after it in their
 * columns. */

typedef enum
{
  LINE_EMPTY,   /* nothing, or spaces only: a paragraph break */
  LINE_PLAIN,   /* text without separators */
  LINE_TABBED,  /* one leading tab and no other: a block cell */
  LINE_TSV,     /* tabs between fields */
  LINE_PIPE,    /* pipes between fields */
} LineKind;

typedef struct
{
  const char *start;
  gsize       len;
  guint       number;
  LineKind    kind;
} Line;

const char *
gk_row_layout_to_string (GkRowLayout layout)
{
  switch (layout)
    {
    case GK_ROW_PROSE: return "prose";
    case GK_ROW_BLOCK: return "block";
    case GK_ROW_TSV:   return "tsv";
    case GK_ROW_PIPE:  return "pipe";
    case GK_ROW_GRID:  return "grid";
    default:           g_return_val_if_reached ("prose");
    }
}

void
gk_text_row_free (GkTextRow *row)
{
  if (row == NULL)
    return;

  /* The cells' strings and the joined text live in row->strings. */
  g_free (row->strings);
  g_free (row->cells);
  g_free (row);
}

static guint
count_byte (const char *s,
            gsize       len,
            char        byte)
{
  guint n = 0;

  for (const char *p = memchr (s, byte, len); p != NULL; p = memchr (p + 1, byte, len - (p + 1 - s)))
    n++;
  return n;
}

/* Every byte of a report passes here once: the counts are made with
 * memchr(), and only the start of the line is walked. */
static LineKind
classify_line (const char *s,
               gsize       len)
{
  guint tabs = count_byte (s, len, '\t');
  guint pipes = count_byte (s, len, '|');
  gsize first_text = 0;

  /* The first character that is not white space (U+3000, E3 80 80,
   * counts as space too). */
  while (first_text < len)
    {
      guchar c = s[first_text];

      if (c == ' ' || c == '\t' || c == '\r')
        first_text++;
      else if (c == 0xE3 && first_text + 2 < len && (guchar) s[first_text + 1] == 0x80
               && (guchar) s[first_text + 2] == 0x80)
        first_text += 3;
      else
        break;
    }

  if (tabs == 0 && first_text == len)
    return LINE_EMPTY;

  if (tabs >= 2 || (tabs == 1 && s[0] != '\t'))
    return LINE_TSV;

  if (pipes >= 2 || (pipes == 1 && (s[first_text < len ? first_text : 0] == '|' || s[len - 1] == '|')))
    return LINE_PIPE;

  if (tabs == 1 && s[0] == '\t')
    return LINE_TABBED;

  return LINE_PLAIN;
}

/* Whether a cell's text needs gk_normalize_compact(): plain ASCII without
 * white space (most cells: "0", "192", "+2") is its own normal form. */
static gboolean
needs_normalizing (const char *s,
                   gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      guchar b = (guchar) s[i];
      if (b >= 0x80 || b <= ' ')
        return TRUE;
    }
  return FALSE;
}

/* Sets up a cell from @len bytes of @raw, writing its strings at the
 * row's cursor: a row's strings are one allocation, however many cells. */
static void
cell_init (GkTextCell  *cell,
           char       **cursor,
           const char  *raw,
           gsize        len,
           guint        line,
           gboolean     classify)
{
  double value;
  gboolean has_value, is_integer;
  gsize start, end;

  gk_normalize_strip_bounds (raw, len, &start, &end);
  raw += start;
  len = end - start;

  cell->raw = *cursor;
  memcpy (cell->raw, raw, len);
  cell->raw[len] = '\0';
  *cursor += len + 1;

  if (needs_normalizing (raw, len))
    {
      cell->norm = *cursor;
      *cursor += gk_normalize_compact_into (cell->raw, len, cell->norm) + 1;
    }
  else
    cell->norm = cell->raw;

  cell->line = line;
  cell->klass = classify ? gk_cell_classify (cell->raw, &value, &has_value, &is_integer) : GK_VALUE_TEXT;
}

/* Joins the cells' norms at the row's cursor, once its cells are set. */
static void
finish_row (GkTextRow *row,
            char      *cursor)
{
  row->joined = cursor;
  for (guint i = 0; i < row->n_cells; i++)
    {
      gsize n = strlen (row->cells[i].norm);

      if (i > 0)
        *cursor++ = '\x1f';
      memcpy (cursor, row->cells[i].norm, n);
      cursor += n;
    }
  *cursor = '\0';
}

/* @text_bytes: the bytes of all the row's cells together */
static GkTextRow *
row_new (GkRowLayout   layout,
         guint         line,
         guint         n_cells,
         gsize         text_bytes,
         char        **cursor)
{
  GkTextRow *row = g_new0 (GkTextRow, 1);

  row->layout = layout;
  row->line = line;
  row->n_cells = n_cells;
  row->cells = g_new0 (GkTextCell, MAX (n_cells, 1));
  /* Each cell's raw text and norm (never longer), then the joined norms
   * with their separators. */
  row->strings = g_malloc (3 * (text_bytes + n_cells) + 1);
  *cursor = row->strings;

  return row;
}

static GkTextRow *
prose_row (const Line *line)
{
  char *cursor;
  GkTextRow *row = row_new (GK_ROW_PROSE, line->number, 1, line->len, &cursor);

  /* A long line of running text is never a number: classifying it would
   * only cost time.  A short one may be a lone value ("0" under its label
   * in seed 001). */
  cell_init (&row->cells[0], &cursor, line->start, line->len, line->number, line->len <= 32);
  row->joined = row->cells[0].norm;
  return row;
}

/* A row of "---" rules only (markdown separator, or its tab-separated
 * twin): no data, dropped. */
static gboolean
is_rule_row (const GkTextRow *row)
{
  gboolean seen = FALSE;

  for (guint i = 0; i < row->n_cells; i++)
    {
      const char *s = row->cells[i].norm;
      gsize n;

      if (*s == '\0')
        continue;
      if (*s == ':')
        s++;
      n = strspn (s, "-");
      if (n < 3)
        return FALSE;
      s += n;
      if (*s == ':')
        s++;
      if (*s != '\0')
        return FALSE;
      seen = TRUE;
    }

  return seen;
}

static GkTextRow *
split_row (const Line  *line,
           char         sep,
           GkRowLayout  layout)
{
  const char *s = line->start;
  const char *end = line->start + line->len;
  GPtrArray *fields = g_ptr_array_new ();
  GkTextRow *row;
  char *cursor;

  if (sep == '|')
    {
      /* "| a | b |" (markdown) and "a | b |" (pipe rows) both end in a
       * pipe that closes the row rather than opening an empty cell. */
      while (s < end && (*s == ' ' || *s == '\t'))
        s++;
      if (s < end && *s == '|')
        s++;
      while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
        end--;
      if (end > s && end[-1] == '|')
        end--;
    }

  for (const char *p = s; ; )
    {
      const char *q = memchr (p, sep, end - p);
      const char *stop = q ? q : end;

      g_ptr_array_add (fields, (gpointer) p);
      g_ptr_array_add (fields, (gpointer) stop);
      if (q == NULL)
        break;
      p = q + 1;
    }

  row = row_new (layout, line->number, fields->len / 2, end - s, &cursor);
  for (guint i = 0; i < row->n_cells; i++)
    {
      const char *a = g_ptr_array_index (fields, 2 * i);
      const char *b = g_ptr_array_index (fields, 2 * i + 1);
      cell_init (&row->cells[i], &cursor, a, b - a, line->number, TRUE);
    }
  finish_row (row, cursor);

  g_ptr_array_unref (fields);
  return row;
}

/* Whether a plain line inside a block continues the cell above it.  Split
 * labels are short fragments ("纠正", "企业", "提供"); a sentence or a section
 * heading that follows a table without a blank line is not one. */
static gboolean
is_continuation (const Line *line)
{
  g_autofree char *text = g_strndup (line->start, line->len);
  g_autofree char *norm = gk_normalize_compact (text);
  glong n_chars = g_utf8_strlen (norm, -1);

  if (n_chars == 0 || n_chars > 16)
    return FALSE;
  if (strstr (norm, "。") != NULL)
    return FALSE;
  /* "五、…" starts a section. */
  if (g_str_has_prefix (norm, "一、") || g_str_has_prefix (norm, "二、") || g_str_has_prefix (norm, "三、")
      || g_str_has_prefix (norm, "四、") || g_str_has_prefix (norm, "五、") || g_str_has_prefix (norm, "六、"))
    return FALSE;
  return TRUE;
}

/* Makes the cells read so far into one row of the block layout. */
static void
flush_block_row (GPtrArray **cells,
                 GArray    **cell_lines,
                 guint       row_line,
                 GPtrArray  *rows)
{
  GkTextRow *row;
  gsize bytes = 0;
  char *cursor;

  if (*cells == NULL)
    return;

  for (guint c = 0; c < (*cells)->len; c++)
    bytes += ((GString *) g_ptr_array_index (*cells, c))->len;

  row = row_new (GK_ROW_BLOCK, row_line, (*cells)->len, bytes, &cursor);
  for (guint c = 0; c < (*cells)->len; c++)
    {
      GString *text = g_ptr_array_index (*cells, c);
      cell_init (&row->cells[c], &cursor, text->str, text->len, g_array_index (*cell_lines, guint, c), TRUE);
      g_string_free (text, TRUE);
    }
  finish_row (row, cursor);
  g_ptr_array_add (rows, row);
  g_clear_pointer (cells, g_ptr_array_unref);
  g_clear_pointer (cell_lines, g_array_unref);
}

static void
read_block_paragraph (const Line *lines,
                      guint       n_lines,
                      GPtrArray  *rows)
{
  GPtrArray *cells = NULL;   /* GString* per cell of the row being read */
  GArray *cell_lines = NULL;
  guint row_line = 0;

  for (guint i = 0; i < n_lines; i++)
    {
      const Line *line = &lines[i];

      if (line->kind == LINE_TABBED)
        {
          if (cells == NULL)
            {
              cells = g_ptr_array_new ();
              cell_lines = g_array_new (FALSE, FALSE, sizeof (guint));
              row_line = line->number;
            }
          g_ptr_array_add (cells, g_string_new_len (line->start + 1, line->len - 1));
          g_array_append_val (cell_lines, line->number);
        }
      else if (cells != NULL && is_continuation (line))
        {
          GString *last = g_ptr_array_index (cells, cells->len - 1);
          g_autofree char *piece = g_strndup (line->start, line->len);
          g_autofree char *stripped = gk_normalize_strip (piece);

          g_string_append_c (last, '\n');
          g_string_append (last, stripped);
        }
      else
        {
          /* Prose before the first cell of the block, or a sentence right
           * after it: flush the cells read so far as one row first. */
          flush_block_row (&cells, &cell_lines, row_line, rows);
          g_ptr_array_add (rows, prose_row (line));
        }
    }

  flush_block_row (&cells, &cell_lines, row_line, rows);
}

static void
read_paragraph (const Line *lines,
                guint       n_lines,
                GPtrArray  *rows)
{
  gboolean has_tsv = FALSE;
  gboolean has_tabbed = FALSE;

  for (guint i = 0; i < n_lines; i++)
    {
      if (lines[i].kind == LINE_TSV)
        has_tsv = TRUE;
      else if (lines[i].kind == LINE_TABBED)
        has_tabbed = TRUE;
    }

  /* A paragraph of single-tab lines is a block; once any line has tabs
   * between fields, "\t0" is a row of two fields like its neighbours. */
  if (has_tabbed && !has_tsv)
    {
      read_block_paragraph (lines, n_lines, rows);
      return;
    }

  for (guint i = 0; i < n_lines; i++)
    {
      const Line *line = &lines[i];
      GkTextRow *row;

      switch (line->kind)
        {
        case LINE_TSV:
        case LINE_TABBED:
          row = split_row (line, '\t', GK_ROW_TSV);
          break;
        case LINE_PIPE:
          row = split_row (line, '|', GK_ROW_PIPE);
          break;
        case LINE_PLAIN:
        case LINE_EMPTY:
        default:
          row = prose_row (line);
          break;
        }

      if (row->layout != GK_ROW_PROSE && is_rule_row (row))
        {
          gk_text_row_free (row);
          continue;
        }
      g_ptr_array_add (rows, row);
    }
}

/**
 * gk_text_rows_new:
 *
 * Returns: (transfer full): an empty array that frees its #GkTextRow
 *   elements, as gk_layout_read() and the format readers return
 */
GPtrArray *
gk_text_rows_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) gk_text_row_free);
}

/**
 * gk_text_row_new:
 * @layout: where the row came from; %GK_ROW_PROSE takes exactly one cell
 * @line: the row's line (or paragraph, or position) in its source, 1-based
 * @cells: (array length=n_cells): each cell's text as written; %NULL is blank
 * @n_cells: how many
 *
 * Builds a row the way the text layouts do, for the readers of HTML, DOCX
 * and PDF, which find their cells in markup or positions instead of text.
 *
 * Returns: (transfer full): the row
 */
GkTextRow *
gk_text_row_new (GkRowLayout         layout,
                 guint               line,
                 const char * const *cells,
                 guint               n_cells)
{
  GkTextRow *row;
  gsize text_bytes = 0;
  char *cursor;

  g_return_val_if_fail (layout != GK_ROW_PROSE || n_cells == 1, NULL);

  for (guint i = 0; i < n_cells; i++)
    text_bytes += cells[i] ? strlen (cells[i]) : 0;

  row = row_new (layout, line, n_cells, text_bytes, &cursor);
  for (guint i = 0; i < n_cells; i++)
    {
      const char *text = cells[i] ? cells[i] : "";
      gsize len = strlen (text);

      cell_init (&row->cells[i], &cursor, text, len, line,
                 layout != GK_ROW_PROSE || len <= 32);
    }

  if (layout == GK_ROW_PROSE)
    row->joined = row->cells[0].norm;
  else
    finish_row (row, cursor);

  return row;
}

/**
 * gk_layout_read:
 * @text: the report in UTF-8, with \n line ends
 *
 * Returns: (transfer container) (element-type GkTextRow): the rows in
 *   reading order; empty lines produce no row
 */
GPtrArray *
gk_layout_read (const char *text)
{
  GPtrArray *rows = gk_text_rows_new ();
  GArray *paragraph = g_array_new (FALSE, FALSE, sizeof (Line));
  const char *p = text;
  guint number = 0;

  g_return_val_if_fail (text != NULL, rows);

  while (*p)
    {
      const char *nl = strchr (p, '\n');
      Line line;

      line.start = p;
      line.len = nl ? (gsize)(nl - p) : strlen (p);
      line.number = ++number;
      if (line.len > 0 && p[line.len - 1] == '\r')
        line.len--;
      line.kind = classify_line (line.start, line.len);

      if (line.kind == LINE_EMPTY)
        {
          if (paragraph->len > 0)
            read_paragraph ((const Line *) (gpointer) paragraph->data, paragraph->len, rows);
          g_array_set_size (paragraph, 0);
        }
      else
        g_array_append_val (paragraph, line);

      if (nl == NULL)
        break;
      p = nl + 1;
    }

  if (paragraph->len > 0)
    read_paragraph ((const Line *) (gpointer) paragraph->data, paragraph->len, rows);

  g_array_unref (paragraph);
  return rows;
}
