/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-report-pdf"

#include "config.h"

#include <string.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "gk-report-pdf.h"

/* The PDF is laid out first, into pages of drawing operations, and drawn
 * afterwards: page numbers such as "第 1 页 共 5 页" need the number of
 * pages before the first page is drawn.
 *
 * The tables follow the official templates as Word prints them: ruled
 * grids whose label cells are narrow, so that long labels wrap over two or
 * three lines, with merged cells where the template merges them (table 3's
 * group labels span their rows, table 4's headers span their columns, a
 * table 2 value column spans the columns a sub-table does not use).  A
 * table that does not fit on its page continues on the next one under a
 * repeat of its header rows. */

#define PAGE_WIDTH    595.28
#define PAGE_HEIGHT   841.89
#define MARGIN_LEFT   79.4   /* 28 mm, as the official document standard */
#define MARGIN_RIGHT  73.7   /* 26 mm */
#define MARGIN_TOP    75.0
#define MARGIN_BOTTOM 72.0
#define BODY_WIDTH    (PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)
#define BODY_BOTTOM   (PAGE_HEIGHT - MARGIN_BOTTOM)

#define FONT_FAMILY   "WenQuanYi Micro Hei, Noto Sans CJK SC, Source Han Sans SC, sans-serif"
#define BODY_SIZE     12.0
#define TITLE_SIZE    18.0
#define TABLE_SIZE    10.5
#define HEADER_SIZE   9.0
#define CELL_PADDING  3.5
#define RULE_WIDTH    0.6
#define FILLED_RULE_WIDTH 0.5
#define MAX_COLUMNS   16

static const char * const section_headings[GK_N_SECTIONS] = {
  "一、总体情况",
  "二、主动公开政府信息情况",
  "三、收到和处理政府信息公开申请情况",
  "四、政府信息公开行政复议、行政诉讼情况",
  "五、存在的主要问题及改进情况",
  "六、其他需要报告的事项",
};

#define PREAMBLE \
  "依据《中华人民共和国政府信息公开条例》（以下简称《政府信息公开条例》）第五十条规定，编制本报告。"

#define T3_NOTE \
  "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

/* ---------------------------------------------------------------------- */
/* Pages of drawing operations                                            */

typedef enum
{
  OP_LINE,  /* a laid-out line of text, its baseline at (x, y) */
  OP_TEXT,  /* a whole layout, its top left at (x, y) */
  OP_RECT,  /* a ruled rectangle */
  OP_RULE,  /* a horizontal rule from x to x2 */
} OpKind;

typedef struct
{
  OpKind           kind;
  double           x, y, width, height;
  PangoLayoutLine *line;
  PangoLayout     *layout;
} Op;

static void
op_free (Op *op)
{
  g_clear_pointer (&op->line, pango_layout_line_unref);
  g_clear_object (&op->layout);
  g_free (op);
}

typedef struct
{
  PangoContext       *context;
  GPtrArray          *pages;    /* GPtrArray of Op* per page */
  double              y;        /* where the next block goes on the last page */
  const GkPdfOptions *options;
  GkReport           *report;
  GkPdfInfo           info;
} Doc;

static GPtrArray *
doc_page (Doc *doc)
{
  return g_ptr_array_index (doc->pages, doc->pages->len - 1);
}

static void
doc_new_page (Doc *doc)
{
  g_ptr_array_add (doc->pages, g_ptr_array_new_with_free_func ((GDestroyNotify) op_free));
  doc->y = MARGIN_TOP;
}

static void
doc_add_op (Doc         *doc,
            OpKind       kind,
            double       x,
            double       y,
            double       width,
            double       height,
            PangoLayout *layout)
{
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  op->x = x;
  op->y = y;
  op->width = width;
  op->height = height;
  op->layout = layout ? g_object_ref (layout) : NULL;
  g_ptr_array_add (doc_page (doc), op);
}

static PangoLayout *
new_layout (Doc            *doc,
            const char     *text,
            double          size,
            double          width,
            PangoAlignment  alignment)
{
  PangoLayout *layout = pango_layout_new (doc->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

/* Places a paragraph line by line, so that it can break across pages the
 * way a word processor breaks it. */
static void
place_paragraph (Doc         *doc,
                 PangoLayout *layout,
                 double       space_after)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      int y0, y1, baseline;
      Op *op;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      baseline = pango_layout_iter_get_baseline (iter);

      if (doc->y + (double) (y1 - y0) / PANGO_SCALE > BODY_BOTTOM)
        doc_new_page (doc);

      op = g_new0 (Op, 1);
      op->kind = OP_LINE;
      op->x = MARGIN_LEFT + (double) logical.x / PANGO_SCALE;
      op->y = doc->y + (double) (baseline - y0) / PANGO_SCALE;
      op->line = pango_layout_line_ref (line);
      g_ptr_array_add (doc_page (doc), op);

      doc->y += (double) (y1 - y0) / PANGO_SCALE;
    }
  while (pango_layout_iter_next_line (iter));

  pango_layout_iter_free (iter);
  doc->y += space_after;
}

static void
add_paragraph (Doc            *doc,
               const char     *text,
               double          size,
               PangoAlignment  alignment,
               gboolean        indent,
               double          space_after)
{
  g_autoptr(PangoLayout) layout = new_layout (doc, text, size, BODY_WIDTH, alignment);

  /* Chinese paragraphs open with a two-character indent; justified, like
   * the body text of every real report. */
  if (indent)
    pango_layout_set_indent (layout, (int) (2 * size * PANGO_SCALE));
  pango_layout_set_justify (layout, alignment == PANGO_ALIGN_LEFT);
  pango_layout_set_spacing (layout, (int) (0.5 * size * PANGO_SCALE));
  place_paragraph (doc, layout, space_after);
}

/* ---------------------------------------------------------------------- */
/* Ruled tables                                                           */

typedef struct
{
  guint           row, col, rowspan, colspan;
  char           *text;
  PangoAlignment  align;
  PangoLayout    *layout;
  double          text_height;
} TCell;

typedef struct
{
  guint      n_columns;
  double     widths[MAX_COLUMNS];
  guint      n_rows;
  guint      n_header_rows;  /* repeated at the top of a continuation */
  double     font_size;
  double     padding;
  GPtrArray *cells;          /* TCell* */
  double    *heights;
} Table;

static void
tcell_free (TCell *cell)
{
  g_free (cell->text);
  g_clear_object (&cell->layout);
  g_free (cell);
}

static Table *
table_new (guint         n_columns,
           const double *widths,
           double        font_size)
{
  Table *table = g_new0 (Table, 1);
  double sum = 0;

  g_assert (n_columns <= MAX_COLUMNS);
  table->n_columns = n_columns;
  table->font_size = font_size;
  table->padding = CELL_PADDING;
  table->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) tcell_free);

  /* The widths are proportions of the body's width. */
  for (guint i = 0; i < n_columns; i++)
    sum += widths[i];
  for (guint i = 0; i < n_columns; i++)
    table->widths[i] = widths[i] * BODY_WIDTH / sum;
  return table;
}

static void
table_free (Table *table)
{
  g_ptr_array_unref (table->cells);
  g_free (table->heights);
  g_free (table);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Table, table_free)

static void
table_add (Table          *table,
           guint           row,
           guint           col,
           guint           rowspan,
           guint           colspan,
           const char     *text,
           PangoAlignment  align)
{
  TCell *cell = g_new0 (TCell, 1);

  g_assert (col + colspan <= table->n_columns);
  cell->row = row;
  cell->col = col;
  cell->rowspan = MAX (rowspan, 1);
  cell->colspan = MAX (colspan, 1);
  cell->text = g_strdup (text ? text : "");
  cell->align = align;
  g_ptr_array_add (table->cells, cell);
  table->n_rows = MAX (table->n_rows, row + cell->rowspan);
}

static double
column_x (Table *table,
          guint  col)
{
  double x = MARGIN_LEFT;

  for (guint i = 0; i < col; i++)
    x += table->widths[i];
  return x;
}

/* Row heights: each row as tall as its tallest one-row cell; a merged cell
 * whose text needs more than its rows' height makes its last row taller. */
static void
table_measure (Doc   *doc,
               Table *table)
{
  double line = 0;

  table->heights = g_new0 (double, table->n_rows);

  for (guint i = 0; i < table->cells->len; i++)
    {
      TCell *cell = g_ptr_array_index (table->cells, i);
      double width = column_x (table, cell->col + cell->colspan) - column_x (table, cell->col) - 2 * table->padding;

      cell->layout = new_layout (doc, cell->text, table->font_size, width, cell->align);
      pango_layout_set_spacing (cell->layout, (int) (0.15 * table->font_size * PANGO_SCALE));
      cell->text_height = layout_height (cell->layout);
      if (pango_layout_get_line_count (cell->layout) == 1)
        line = MAX (line, cell->text_height);
    }

  for (guint r = 0; r < table->n_rows; r++)
    table->heights[r] = line + 2 * table->padding;

  for (guint i = 0; i < table->cells->len; i++)
    {
      TCell *cell = g_ptr_array_index (table->cells, i);
      if (cell->rowspan == 1)
        table->heights[cell->row] = MAX (table->heights[cell->row], cell->text_height + 2 * table->padding);
    }

  for (guint i = 0; i < table->cells->len; i++)
    {
      TCell *cell = g_ptr_array_index (table->cells, i);
      double sum = 0;

      if (cell->rowspan == 1)
        continue;
      for (guint r = cell->row; r < cell->row + cell->rowspan; r++)
        sum += table->heights[r];
      if (sum < cell->text_height + 2 * table->padding)
        table->heights[cell->row + cell->rowspan - 1] += cell->text_height + 2 * table->padding - sum;
    }
}

/* Draws rows [first, end) at the top of @y, after the header rows when
 * @with_header.  A merged cell cut by the page shows its text in its first
 * part only, as word processors print it. */
static double
table_draw_rows (Doc      *doc,
                 Table    *table,
                 double    y,
                 gboolean  with_header,
                 guint     first,
                 guint     end)
{
  g_autofree double *row_y = g_new0 (double, table->n_rows + 1);
  g_autofree gboolean *shown = g_new0 (gboolean, table->n_rows);

  if (with_header)
    for (guint r = 0; r < table->n_header_rows; r++)
      shown[r] = TRUE;
  for (guint r = first; r < end; r++)
    shown[r] = TRUE;

  for (guint r = 0; r < table->n_rows; r++)
    if (shown[r])
      {
        row_y[r] = y;
        y += table->heights[r];
      }

  for (guint i = 0; i < table->cells->len; i++)
    {
      TCell *cell = g_ptr_array_index (table->cells, i);
      guint a = cell->row, b = cell->row + cell->rowspan;
      guint va = G_MAXUINT, vb = 0;
      double x0 = column_x (table, cell->col);
      double x1 = column_x (table, cell->col + cell->colspan);
      double top, height = 0;

      for (guint r = a; r < b; r++)
        if (shown[r])
          {
            va = MIN (va, r);
            vb = MAX (vb, r + 1);
            height += table->heights[r];
          }
      if (va == G_MAXUINT)
        continue;
      top = row_y[va];

      if (doc->options->ruled_tables)
        doc_add_op (doc, OP_RECT, x0, top, x1 - x0, height, NULL);
      if (va == a && cell->text[0] != '\0')
        doc_add_op (doc, OP_TEXT, x0 + table->padding, top + (height - cell->text_height) / 2,
                    x1 - x0 - 2 * table->padding, cell->text_height, cell->layout);
    }

  return y;
}

/* Returns the 1-based pages the table went on. */
static void
place_table (Doc   *doc,
             Table *table,
             guint *first_page,
             guint *last_page)
{
  guint r = 0;
  gboolean continuation = FALSE;
  double header_height = 0;

  table_measure (doc, table);
  for (guint i = 0; i < table->n_header_rows; i++)
    header_height += table->heights[i];

  doc->y += 4;
  /* A table does not start with its header alone at the foot of a page. */
  if (doc->y + header_height + table->heights[MIN (table->n_header_rows, table->n_rows - 1)] > BODY_BOTTOM)
    doc_new_page (doc);
  *first_page = doc->pages->len;

  while (r < table->n_rows)
    {
      double space = BODY_BOTTOM - doc->y - (continuation ? header_height : 0);
      double used = 0;
      guint end = r;

      while (end < table->n_rows && used + table->heights[end] <= space)
        used += table->heights[end++];
      if (end == r)
        end = r + 1;  /* a row taller than a page: let it overflow */

      /* A merged cell cut by the page break needs room for its text in
       * its first part; otherwise the break moves up to where it starts. */
      for (gboolean moved = TRUE; moved && end < table->n_rows; )
        {
          moved = FALSE;
          for (guint i = 0; i < table->cells->len; i++)
            {
              TCell *cell = g_ptr_array_index (table->cells, i);
              double part = 0;

              if (cell->row < r || cell->row >= end || cell->row + cell->rowspan <= end)
                continue;
              for (guint k = cell->row; k < end; k++)
                part += table->heights[k];
              if (part < cell->text_height + 2 * table->padding && cell->row > r)
                {
                  end = cell->row;
                  moved = TRUE;
                  break;
                }
            }
        }

      doc->y = table_draw_rows (doc, table, doc->y, continuation, r, end);
      r = end;
      if (r < table->n_rows)
        {
          doc_new_page (doc);
          continuation = table->n_header_rows > 0 && r >= table->n_header_rows;
        }
    }

  *last_page = doc->pages->len;
  doc->y += 10;
}

static const char *
cell_raw (GkTable    *table,
          const char *row,
          const char *column)
{
  GkCell *cell = gk_table_lookup (table, row, column);

  return cell != NULL ? gk_cell_get_raw (cell) : "";
}

static GkTemplate
table_template (GkReport *report,
                GkTable  *table)
{
  GkTemplate template_ = gk_table_get_template (table);

  if (template_ != GK_TEMPLATE_2019 && template_ != GK_TEMPLATE_2021)
    template_ = gk_report_get_template (report);
  return template_;
}

static gboolean
table_has_row (GkTable    *table,
               const char *key)
{
  guint n;
  const GkKeyLabel *columns = gk_keys_t3_columns (&n);

  for (guint c = 0; c < n; c++)
    if (gk_table_lookup (table, key, columns[c].key) != NULL)
      return TRUE;
  return FALSE;
}

static const char *
t3_group_of (const char *key)
{
  static const char * const groups[] = { "denied.", "unable.", "rejected.", "other." };

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (g_str_has_prefix (key, groups[i]))
      return groups[i];
  return NULL;
}

/* Table 3 as the template prints it: three label columns (三、 spanning
 * the result rows, the group labels spanning their items, the items), the
 * applicant columns under a three-row header. */
static Table *
build_t3 (GkReport *report,
          GkTable  *gk_table)
{
  static const double widths[] = { 44, 62, 118, 30, 30, 30, 30, 30, 30, 30 };
  GkTemplate template_ = table_template (report, gk_table);
  const GkKeyLabel *rows, *columns;
  guint n_rows, n_columns;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  Table *table = table_new (G_N_ELEMENTS (widths), widths, TABLE_SIZE);
  guint results_first = G_MAXUINT, results_last = 0;

  /* Roomy rows, as in the template: the table is longer than a page and
   * always continues on the next. */
  table->padding = 5.0;

  rows = gk_keys_t3_rows (template_, &n_rows);
  columns = gk_keys_t3_columns (&n_columns);
  for (guint r = 0; r < n_rows; r++)
    if (table_has_row (gk_table, rows[r].key))
      g_ptr_array_add (keys, (gpointer) rows[r].key);

  table->n_header_rows = 3;
  table_add (table, 0, 0, 3, 3, T3_NOTE, PANGO_ALIGN_LEFT);
  table_add (table, 0, 3, 1, 7, "申请人情况", PANGO_ALIGN_CENTER);
  table_add (table, 1, 3, 2, 1, columns[0].label, PANGO_ALIGN_CENTER);
  table_add (table, 1, 4, 1, 5, "法人或其他组织", PANGO_ALIGN_CENTER);
  table_add (table, 1, 9, 2, 1, columns[6].label, PANGO_ALIGN_CENTER);
  for (guint c = 1; c < 6; c++)
    table_add (table, 2, 3 + c, 1, 1, columns[c].label, PANGO_ALIGN_CENTER);

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      if (strcmp (key, "new") != 0 && strcmp (key, "carried_in") != 0 && strcmp (key, "carried_out") != 0)
        {
          results_first = MIN (results_first, i);
          results_last = MAX (results_last, i);
        }
    }

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      const char *label = gk_keys_row_label (GK_TABLE_3, template_, key);
      const char *group = t3_group_of (key);
      guint row = 3 + i;

      if (i == results_first)
        table_add (table, row, 0, results_last - results_first + 1, 1, "三、本年度办理结果", PANGO_ALIGN_CENTER);

      if (i < results_first || i > results_last)
        table_add (table, row, 0, 1, 3, label, PANGO_ALIGN_LEFT);
      else if (group != NULL && strchr (key, '.') != NULL)
        {
          const char *space = strchr (label, ' ');
          const char *previous = i > 0 ? g_ptr_array_index (keys, i - 1) : "";

          /* The group label spans the group's rows, from its first. */
          if (!g_str_has_prefix (previous, group))
            {
              guint n = 0;
              g_autofree char *name = space ? g_strndup (label, space - label) : g_strdup ("");

              while (i + n < keys->len && g_str_has_prefix (g_ptr_array_index (keys, i + n), group))
                n++;
              table_add (table, row, 1, n, 1, name, PANGO_ALIGN_CENTER);
            }
          table_add (table, row, 2, 1, 1, space ? space + 1 : label, PANGO_ALIGN_LEFT);
        }
      else
        {
          /* "三、本年度办理结果（一）予以公开": the 三、 part is the merged cell. */
          const char *paren = g_str_has_prefix (label, "三、") ? strstr (label, "（") : NULL;
          table_add (table, row, 1, 1, 2, paren ? paren : label, PANGO_ALIGN_LEFT);
        }

      for (guint c = 0; c < n_columns; c++)
        table_add (table, row, 3 + c, 1, 1, cell_raw (gk_table, key, columns[c].key), PANGO_ALIGN_CENTER);
    }

  return table;
}

/* Table 4: one data row of 15 under a three-row header. */
static Table *
build_t4 (GkReport *report,
          GkTable  *gk_table)
{
  static const double widths[] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
  const GkKeyLabel *rows, *columns;
  guint n_rows, n_columns;
  Table *table = table_new (G_N_ELEMENTS (widths), widths, TABLE_SIZE);

  rows = gk_keys_t4_rows (&n_rows);
  columns = gk_keys_t4_columns (&n_columns);
  g_assert (n_rows * n_columns == G_N_ELEMENTS (widths));

  table->n_header_rows = 3;
  table_add (table, 0, 0, 1, n_columns, rows[0].label, PANGO_ALIGN_CENTER);
  table_add (table, 0, n_columns, 1, n_columns * (n_rows - 1), "行政诉讼", PANGO_ALIGN_CENTER);
  for (guint c = 0; c < n_columns; c++)
    table_add (table, 1, c, 2, 1, columns[c].label, PANGO_ALIGN_CENTER);
  for (guint r = 1; r < n_rows; r++)
    {
      const char *space = strchr (rows[r].label, ' ');

      table_add (table, 1, r * n_columns, 1, n_columns, space ? space + 1 : rows[r].label, PANGO_ALIGN_CENTER);
      for (guint c = 0; c < n_columns; c++)
        table_add (table, 2, r * n_columns + c, 1, 1, columns[c].label, PANGO_ALIGN_CENTER);
    }
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      table_add (table, 3, r * n_columns + c, 1, 1, cell_raw (gk_table, rows[r].key, columns[c].key), PANGO_ALIGN_CENTER);

  return table;
}

/* Table 2: the sub-tables of 第二十条 one under the other, each with its
 * title row and its header; a sub-table with fewer than three value columns
 * has its last column span the rest.  The label column is split in two
 * where 其他对外管理服务事项 (2019) names its items. */
static Table *
build_t2 (GkReport *report,
          GkTable  *gk_table)
{
  static const double widths[] = { 100, 72, 90, 90, 90 };
  GkTemplate template_ = table_template (report, gk_table);
  g_autoptr(GPtrArray) present = gk_table_dup_row_keys (gk_table);
  const char *current_item = NULL;
  const GkT2Row *rows;
  guint n_rows, row = 0;
  Table *table = table_new (G_N_ELEMENTS (widths), widths, TABLE_SIZE);

  rows = gk_keys_t2_rows (template_, &n_rows);

  for (guint i = 0; i < n_rows; i++)
    {
      const GkT2Row *t2row = &rows[i];
      g_autoptr(GPtrArray) keys = g_ptr_array_new ();
      guint n_values = 0;
      gboolean split = FALSE;

      while (t2row->columns[n_values] != NULL)
        n_values++;

      if (g_ptr_array_find_with_equal_func (present, t2row->key, g_str_equal, NULL))
        g_ptr_array_add (keys, (gpointer) t2row->key);
      for (guint j = 0; j < present->len; j++)
        {
          const char *key = g_ptr_array_index (present, j);
          if (g_str_has_prefix (key, t2row->key) && key[strlen (t2row->key)] == '.')
            {
              g_ptr_array_add (keys, (gpointer) key);
              split = TRUE;
            }
        }
      if (keys->len == 0)
        continue;

      if (g_strcmp0 (current_item, t2row->item) != 0)
        {
          g_autofree char *title = g_strdup_printf ("第二十条第%s项", t2row->item);

          table_add (table, row++, 0, 1, 5, title, PANGO_ALIGN_CENTER);
          table_add (table, row, 0, 1, 2, "信息内容", PANGO_ALIGN_CENTER);
          for (guint c = 0; c < n_values; c++)
            table_add (table, row, 2 + c, 1, c + 1 == n_values ? 3 - c : 1,
                       gk_keys_t2_column_label (template_, t2row->columns[c]), PANGO_ALIGN_CENTER);
          row++;
          current_item = t2row->item;
        }

      for (guint k = 0; k < keys->len; k++)
        {
          const char *key = g_ptr_array_index (keys, k);

          if (split && strchr (key, '.') != NULL)
            {
              if (k == 0 || strchr (g_ptr_array_index (keys, k - 1), '.') == NULL)
                {
                  guint n = 0;
                  while (k + n < keys->len && strchr (g_ptr_array_index (keys, k + n), '.') != NULL)
                    n++;
                  table_add (table, row, 0, n, 1, t2row->label, PANGO_ALIGN_CENTER);
                }
              table_add (table, row, 1, 1, 1, strchr (key, '.') + 1, PANGO_ALIGN_CENTER);
            }
          else
            table_add (table, row, 0, 1, 2, t2row->label, PANGO_ALIGN_CENTER);

          for (guint c = 0; c < n_values; c++)
            table_add (table, row, 2 + c, 1, c + 1 == n_values ? 3 - c : 1,
                       cell_raw (gk_table, key, t2row->columns[c]), PANGO_ALIGN_CENTER);
          row++;
        }
    }

  return table;
}

/* ---------------------------------------------------------------------- */
/* Drawing                                                                */

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static char *
page_number_text (GkPdfPageNumbers style,
                  guint            page,
                  guint            n_pages)
{
  switch (style)
    {
    case GK_PDF_PAGE_NUMBERS_DASH:     return g_strdup_printf ("- %u -", page);
    case GK_PDF_PAGE_NUMBERS_OF:       return g_strdup_printf ("第 %u 页 共 %u 页", page, n_pages);
    case GK_PDF_PAGE_NUMBERS_FRACTION: return g_strdup_printf ("%u/%u", page, n_pages);
    case GK_PDF_PAGE_NUMBERS_PLAIN:    return g_strdup_printf ("%u", page);
    case GK_PDF_PAGE_NUMBERS_NONE:
    default:                           return NULL;
    }
}

static void
draw_running_parts (Doc     *doc,
                    cairo_t *cr,
                    guint    page,
                    guint    n_pages)
{
  g_autofree char *number = page_number_text (doc->options->page_numbers, page, n_pages);

  if (doc->options->running_header)
    {
      const char *agency = gk_report_get_agency (doc->report);
      g_autoptr(PangoLayout) left = new_layout (doc, agency ? agency : "", HEADER_SIZE, BODY_WIDTH / 2, PANGO_ALIGN_LEFT);
      g_autoptr(PangoLayout) right = new_layout (doc, "政府信息公开工作年度报告", HEADER_SIZE, BODY_WIDTH / 2, PANGO_ALIGN_RIGHT);

      cairo_move_to (cr, MARGIN_LEFT, 40);
      pango_cairo_show_layout (cr, left);
      cairo_move_to (cr, MARGIN_LEFT + BODY_WIDTH / 2, 40);
      pango_cairo_show_layout (cr, right);
      cairo_set_line_width (cr, 0.75);
      cairo_move_to (cr, MARGIN_LEFT, 56);
      cairo_line_to (cr, PAGE_WIDTH - MARGIN_RIGHT, 56);
      cairo_stroke (cr);
    }

  if (number != NULL)
    {
      PangoAlignment align = doc->options->page_numbers == GK_PDF_PAGE_NUMBERS_FRACTION ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_CENTER;
      g_autoptr(PangoLayout) layout = new_layout (doc, number, 10.5, BODY_WIDTH, align);

      cairo_move_to (cr, MARGIN_LEFT, PAGE_HEIGHT - 44);
      pango_cairo_show_layout (cr, layout);
    }
}

static GBytes *
draw_pages (Doc *doc)
{
  GByteArray *buffer = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (write_cb, buffer, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_t *cr = cairo_create (surface);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Gongkai tests");

  for (guint p = 0; p < doc->pages->len; p++)
    {
      GPtrArray *ops = g_ptr_array_index (doc->pages, p);

      cairo_set_source_rgb (cr, 0, 0, 0);
      draw_running_parts (doc, cr, p + 1, doc->pages->len);

      for (guint i = 0; i < ops->len; i++)
        {
          Op *op = g_ptr_array_index (ops, i);

          switch (op->kind)
            {
            case OP_LINE:
              cairo_move_to (cr, op->x, op->y);
              pango_cairo_show_layout_line (cr, op->line);
              break;
            case OP_TEXT:
              cairo_move_to (cr, op->x, op->y);
              pango_cairo_show_layout (cr, op->layout);
              break;
            case OP_RECT:
              if (doc->options->filled_rules)
                {
                  /* Each border its own rectangle, centred on the cell's
                   * edge, as Word writes them. */
                  double w = FILLED_RULE_WIDTH;

                  cairo_rectangle (cr, op->x - w / 2, op->y - w / 2, op->width + w, w);
                  cairo_rectangle (cr, op->x - w / 2, op->y + op->height - w / 2, op->width + w, w);
                  cairo_rectangle (cr, op->x - w / 2, op->y - w / 2, w, op->height + w);
                  cairo_rectangle (cr, op->x + op->width - w / 2, op->y - w / 2, w, op->height + w);
                  cairo_fill (cr);
                }
              else
                {
                  cairo_set_line_width (cr, RULE_WIDTH);
                  cairo_rectangle (cr, op->x, op->y, op->width, op->height);
                  cairo_stroke (cr);
                }
              break;
            case OP_RULE:
            default:
              cairo_set_line_width (cr, RULE_WIDTH);
              cairo_move_to (cr, op->x, op->y);
              cairo_line_to (cr, op->x + op->width, op->y);
              cairo_stroke (cr);
              break;
            }
        }
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (buffer);
}

static PangoContext *
new_context (void)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (font_map);
  cairo_font_options_t *font_options = cairo_font_options_create ();

  /* Points are the PDF's units; metrics must not be rounded to pixels. */
  pango_cairo_context_set_resolution (context, 72);
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, font_options);
  cairo_font_options_destroy (font_options);
  return context;
}

/* ---------------------------------------------------------------------- */
/* Public API                                                             */

void
gk_pdf_options_init (GkPdfOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->page_numbers = GK_PDF_PAGE_NUMBERS_DASH;
  options->running_header = TRUE;
  options->ruled_tables = TRUE;
}

const char *
gk_pdf_page_numbers_to_string (GkPdfPageNumbers page_numbers)
{
  switch (page_numbers)
    {
    case GK_PDF_PAGE_NUMBERS_DASH:     return "dash";
    case GK_PDF_PAGE_NUMBERS_OF:       return "of";
    case GK_PDF_PAGE_NUMBERS_FRACTION: return "fraction";
    case GK_PDF_PAGE_NUMBERS_PLAIN:    return "plain";
    case GK_PDF_PAGE_NUMBERS_NONE:     return "none";
    default:                           g_return_val_if_reached (NULL);
    }
}

/**
 * gk_pdf_fonts_available:
 *
 * Returns: whether a font with Chinese characters is installed, without
 *   which the PDFs would hold boxes instead of text
 */
gboolean
gk_pdf_fonts_available (void)
{
  PangoContext *context = new_context ();
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (FONT_FAMILY " 12");
  g_autoptr(PangoFont) font = pango_font_map_load_font (pango_context_get_font_map (context), context, description);
  gboolean ok = font != NULL && pango_font_has_char (font, 0x653F /* 政 */) && pango_font_has_char (font, 0x62A5 /* 报 */);

  g_object_unref (context);
  return ok;
}

/**
 * gk_report_write_pdf:
 * @report: a report, usually parsed from text
 * @options: (nullable): how the pages look; %NULL for gk_pdf_options_init()
 * @info: (out) (optional): what the layout came to
 *
 * Renders @report as an A4 PDF: a title "<agency><year>年政府信息公开工作
 * 年度报告", the preamble, the six sections with their prose wrapped into
 * justified paragraphs, and tables 2, 3 and 4 as ruled grids.  Cells are
 * drawn as their raw text; blank cells stay blank.
 *
 * Returns: (transfer full): the PDF's bytes
 */
GBytes *
gk_report_write_pdf (GkReport           *report,
                     const GkPdfOptions *options,
                     GkPdfInfo          *info)
{
  GkPdfOptions defaults;
  Doc doc = { 0, };
  g_autoptr(GString) title = g_string_new (NULL);
  const char *agency;
  GBytes *bytes;
  int year;

  g_return_val_if_fail (GK_IS_REPORT (report), NULL);

  if (options == NULL)
    {
      gk_pdf_options_init (&defaults);
      options = &defaults;
    }

  doc.context = new_context ();
  doc.pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  doc.options = options;
  doc.report = report;
  doc_new_page (&doc);

  agency = gk_report_get_agency (report);
  year = gk_report_get_year (report);
  g_string_append (title, agency != NULL ? agency : "");
  if (year > 0)
    g_string_append_printf (title, "%d年", year);
  g_string_append (title, "政府信息公开工作年度报告");

  doc.y += 12;
  add_paragraph (&doc, title->str, TITLE_SIZE, PANGO_ALIGN_CENTER, FALSE, 18);
  add_paragraph (&doc, PREAMBLE, BODY_SIZE, PANGO_ALIGN_LEFT, TRUE, 0);

  for (guint i = 0; i < GK_N_SECTIONS; i++)
    {
      const char *text = gk_report_get_section (report, i);
      GkTable *gk_table = NULL;
      g_autoptr(Table) table = NULL;

      add_paragraph (&doc, section_headings[i], BODY_SIZE, PANGO_ALIGN_LEFT, TRUE, 0);

      if (text != NULL)
        {
          g_auto(GStrv) paragraphs = g_strsplit (text, "\n", -1);

          for (guint k = 0; paragraphs[k] != NULL; k++)
            {
              g_autofree char *stripped = gk_normalize_strip (paragraphs[k]);
              if (*stripped != '\0')
                add_paragraph (&doc, stripped, BODY_SIZE, PANGO_ALIGN_LEFT, TRUE, 0);
            }
        }

      switch (i)
        {
        case 1:
          gk_table = gk_report_get_table (report, GK_TABLE_2);
          if (gk_table != NULL)
            table = build_t2 (report, gk_table);
          break;
        case 2:
          gk_table = gk_report_get_table (report, GK_TABLE_3);
          if (gk_table != NULL)
            table = build_t3 (report, gk_table);
          break;
        case 3:
          gk_table = gk_report_get_table (report, GK_TABLE_4);
          if (gk_table != NULL)
            table = build_t4 (report, gk_table);
          break;
        default:
          break;
        }

      if (table != NULL)
        {
          guint first, last;

          place_table (&doc, table, &first, &last);
          if (i == 2)
            {
              doc.info.t3_first_page = first;
              doc.info.t3_last_page = last;
            }
        }
      doc.y += 6;
    }

  bytes = draw_pages (&doc);
  doc.info.n_pages = doc.pages->len;
  if (info != NULL)
    *info = doc.info;

  g_ptr_array_unref (doc.pages);
  g_object_unref (doc.context);
  return bytes;
}

/**
 * gk_pdf_write_scanned:
 * @n_pages: how many pages
 *
 * Returns: (transfer full): a PDF whose pages are images only, like a
 *   scanned report without a text layer
 */
GBytes *
gk_pdf_write_scanned (guint n_pages)
{
  GByteArray *buffer = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (write_cb, buffer, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_t *cr = cairo_create (surface);

  for (guint p = 0; p < n_pages; p++)
    {
      cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, 283);
      cairo_t *icr = cairo_create (image);

      /* A greyish sheet with dark bars where the lines of text were. */
      cairo_set_source_rgb (icr, 0.93, 0.93, 0.9);
      cairo_paint (icr);
      cairo_set_source_rgb (icr, 0.2, 0.2, 0.2);
      for (guint line = 0; line < 30; line++)
        {
          cairo_rectangle (icr, 25 + (line % 5 == 0 ? 8 : 0), 30 + line * 7.5, 150 - (line * 37 + p * 11) % 40, 3);
          cairo_fill (icr);
        }
      cairo_destroy (icr);

      cairo_save (cr);
      cairo_scale (cr, PAGE_WIDTH / 200, PAGE_HEIGHT / 283);
      cairo_set_source_surface (cr, image, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_surface_destroy (image);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (buffer);
}

/**
 * gk_pdf_write_blank:
 * @n_pages: how many pages
 *
 * Returns: (transfer full): a PDF of @n_pages empty A4 pages
 */
GBytes *
gk_pdf_write_blank (guint n_pages)
{
  GByteArray *buffer = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (write_cb, buffer, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_t *cr = cairo_create (surface);

  for (guint p = 0; p < n_pages; p++)
    cairo_show_page (cr);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (buffer);
}

/**
 * gk_pdf_write_unmapped:
 *
 * Returns: (transfer full): a one-page PDF whose text is drawn in a real
 *   font but mapped to private use characters, as converters that write
 *   fonts without a usable ToUnicode map leave it: the glyphs show, the text
 *   cannot be read
 */
GBytes *
gk_pdf_write_unmapped (void)
{
  static const char * const lines[] = {
    "北京市某区人民政府办公室2021年政府信息公开工作年度报告",
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
  };
  GByteArray *buffer = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (write_cb, buffer, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "WenQuanYi Micro Hei", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, BODY_SIZE);

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      cairo_glyph_t *glyphs = NULL;
      int n_glyphs = 0;
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree cairo_text_cluster_t *clusters = NULL;

      if (cairo_scaled_font_text_to_glyphs (cairo_get_scaled_font (cr), MARGIN_LEFT, MARGIN_TOP + 24 * i,
                                            lines[i], -1, &glyphs, &n_glyphs, NULL, NULL, NULL) != CAIRO_STATUS_SUCCESS)
        continue;

      /* Each glyph "is" a private use character, one to one. */
      clusters = g_new (cairo_text_cluster_t, n_glyphs);
      for (int k = 0; k < n_glyphs; k++)
        {
          gsize before = text->len;

          g_string_append_unichar (text, 0xE000 + (glyphs[k].index % 0x1000));
          clusters[k].num_bytes = text->len - before;
          clusters[k].num_glyphs = 1;
        }
      cairo_show_text_glyphs (cr, text->str, text->len, glyphs, n_glyphs, clusters, n_glyphs, 0);
      cairo_glyph_free (glyphs);
    }
  cairo_show_page (cr);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (buffer);
}
