/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-check-sheet"

#include "config.h"

#include <string.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "gk-check-sheet.h"
#include "gk-keys.h"
#include "gk-store.h"

/* The check sheet is what an evaluator files with a report: it must read
 * on paper, in greyscale, with no screen to hover over.  So a value is
 * shown as the report printed it (a zero as "0", a blank as the word
 * "blank", "/" as "/"), a cell of a failed finding is shaded, framed in a
 * heavy line and numbered, and the number leads to the finding in the
 * list at the end.
 *
 * Pages are laid out into recording surfaces first and copied into the
 * PDF afterwards, because the footer says "Page N of M" and M is only
 * known once everything is laid out. */

/* Header texts of the official templates that have no key in gk-keys.h:
 * report data, not UI text, so not translated. */
#define T2_TITLE         "二、主动公开政府信息情况"
#define T3_TITLE         "三、收到和处理政府信息公开申请情况"
#define T4_TITLE         "四、政府信息公开行政复议、行政诉讼情况"
#define T2_CONTENT       "信息内容"
#define T3_APPLICANTS    "申请人情况"
#define T3_ORGANISATIONS "法人或其他组织"

#define FONT_FAMILY "Sans"

/* Sizes in points. */
#define MARGIN       40.0
#define FOOTER_SPACE 24.0
#define CELL_PAD      2.5
#define BODY_SIZE     9.0
#define TABLE_SIZE    7.5

#define MAX_COLUMNS 8

typedef enum
{
  CELL_HEADER  = 1 << 0,
  CELL_RIGHT   = 1 << 1,
  CELL_CENTER  = 1 << 2,
  CELL_DIM     = 1 << 3,
  CELL_ERROR   = 1 << 4,
  CELL_WARNING = 1 << 5,
  CELL_GROUP   = 1 << 6,
  CELL_BOLD    = 1 << 7,
  /* A header cell that runs on into the row below, as 自然人 runs down
   * beside 法人或其他组织's sub-columns: no line between the two. */
  CELL_JOIN_BELOW = 1 << 8,
  CELL_JOINED     = 1 << 9,
} CellFlags;

typedef struct
{
  char      *text;
  char      *marks;   /* the footnote numbers, e.g. "1,3", or NULL */
  guint      span;
  CellFlags  flags;
} SheetCell;

typedef struct
{
  char      *title;
  guint      n_columns;
  double     widths[MAX_COLUMNS];  /* fractions of the text width */
  double     font_size;
  GPtrArray *header;  /* of GPtrArray of SheetCell */
  GPtrArray *body;
} SheetTable;

/* The failed findings involving a cell. */
typedef struct
{
  GString  *numbers;
  gboolean  error;
} CellMark;

typedef struct
{
  GkReport     *report;
  double        width;
  double        height;
  PangoContext *pango;
  GPtrArray    *pages;   /* of cairo_surface_t, recording surfaces */
  cairo_t      *cr;      /* drawing the last page */
  double        y;
  char         *running_title;
  GHashTable   *marks;   /* cell key → CellMark */
} Sheet;

static void
sheet_cell_free (gpointer data)
{
  SheetCell *cell = data;

  g_free (cell->text);
  g_free (cell->marks);
  g_free (cell);
}

static void
cell_mark_free (gpointer data)
{
  CellMark *mark = data;

  g_string_free (mark->numbers, TRUE);
  g_free (mark);
}

static SheetTable *
sheet_table_new (const char *title,
                 double      font_size,
                 guint       n_columns,
                 ...)
{
  SheetTable *table = g_new0 (SheetTable, 1);
  va_list args;

  g_assert (n_columns <= MAX_COLUMNS);

  table->title = g_strdup (title);
  table->font_size = font_size;
  table->n_columns = n_columns;
  table->header = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  table->body = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  va_start (args, n_columns);
  for (guint i = 0; i < n_columns; i++)
    table->widths[i] = va_arg (args, double);
  va_end (args);

  return table;
}

static void
sheet_table_free (SheetTable *table)
{
  g_free (table->title);
  g_ptr_array_unref (table->header);
  g_ptr_array_unref (table->body);
  g_free (table);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SheetTable, sheet_table_free)

static GPtrArray *
sheet_table_add_row (SheetTable *table,
                     gboolean    header)
{
  GPtrArray *row = g_ptr_array_new_with_free_func (sheet_cell_free);

  g_ptr_array_add (header ? table->header : table->body, row);
  return row;
}

static SheetCell *
row_add (GPtrArray  *row,
         const char *text,
         guint       span,
         CellFlags   flags)
{
  SheetCell *cell = g_new0 (SheetCell, 1);

  cell->text = g_strdup (text != NULL ? text : "");
  cell->span = MAX (span, 1);
  cell->flags = flags;
  g_ptr_array_add (row, cell);
  return cell;
}

/* ---- Pages and text ----------------------------------------------------- */

static double
text_width (Sheet *sheet)
{
  return sheet->width - 2 * MARGIN;
}

static double
page_bottom (Sheet *sheet)
{
  return sheet->height - MARGIN - FOOTER_SPACE;
}

static PangoLayout *
make_layout (Sheet      *sheet,
             const char *text,
             double      size,
             CellFlags   flags,
             double      width)
{
  PangoLayout *layout = pango_layout_new (sheet->pango);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (flags & (CELL_HEADER | CELL_BOLD | CELL_GROUP))
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  if (flags & CELL_DIM)
    pango_font_description_set_style (font, PANGO_STYLE_ITALIC);
  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (MAX (width, 1.0)));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  if (flags & CELL_RIGHT)
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  else if (flags & CELL_CENTER)
    pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return pango_units_to_double (height);
}

static void
sheet_new_page (Sheet *sheet)
{
  cairo_rectangle_t extents = { 0, 0, sheet->width, sheet->height };
  cairo_surface_t *surface;

  g_clear_pointer (&sheet->cr, cairo_destroy);
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  g_ptr_array_add (sheet->pages, surface);
  sheet->cr = cairo_create (surface);
  sheet->y = MARGIN;

  /* After the first page, a line says whose sheet a loose page is. */
  if (sheet->pages->len > 1)
    {
      g_autoptr(PangoLayout) layout = make_layout (sheet, sheet->running_title, 7.0, CELL_DIM,
                                                   text_width (sheet));

      cairo_set_source_rgb (sheet->cr, 0.35, 0.35, 0.35);
      cairo_move_to (sheet->cr, MARGIN, MARGIN - 16);
      pango_cairo_show_layout (sheet->cr, layout);
    }
}

static void
sheet_ensure_space (Sheet  *sheet,
                    double  height)
{
  /* A block taller than a page goes on a fresh page and overflows it:
   * breaking it would not make it shorter. */
  if (sheet->y + height > page_bottom (sheet) && sheet->y > MARGIN)
    sheet_new_page (sheet);
}

static void
sheet_paragraph (Sheet      *sheet,
                 const char *text,
                 double      size,
                 CellFlags   flags,
                 double      space_after)
{
  g_autoptr(PangoLayout) layout = make_layout (sheet, text, size, flags, text_width (sheet));
  double height = layout_height (layout);

  sheet_ensure_space (sheet, height);
  if (flags & CELL_DIM)
    cairo_set_source_rgb (sheet->cr, 0.3, 0.3, 0.3);
  else
    cairo_set_source_rgb (sheet->cr, 0, 0, 0);
  cairo_move_to (sheet->cr, MARGIN, sheet->y);
  pango_cairo_show_layout (sheet->cr, layout);
  sheet->y += height + space_after;
}

/* ---- Tables ------------------------------------------------------------- */

static double
cell_width (Sheet      *sheet,
            SheetTable *table,
            guint       column,
            guint       span)
{
  double fraction = 0;

  for (guint c = column; c < column + span && c < table->n_columns; c++)
    fraction += table->widths[c];
  return fraction * text_width (sheet);
}

/* The footnote numbers in a cell's corner, and the width they take from
 * its text: the same when measuring and when drawing, so that a row is as
 * tall as what is drawn in it. */
static PangoLayout *
make_marks_layout (Sheet      *sheet,
                   SheetTable *table,
                   SheetCell  *cell,
                   double     *width)
{
  PangoLayout *layout = make_layout (sheet, cell->marks, table->font_size * 0.7, CELL_BOLD, -1);
  int marks_width;

  pango_layout_get_size (layout, &marks_width, NULL);
  *width = pango_units_to_double (marks_width) + 2;
  return layout;
}

static double
measure_row (Sheet      *sheet,
             SheetTable *table,
             GPtrArray  *row)
{
  double height = table->font_size * 1.2;
  guint column = 0;

  for (guint i = 0; i < row->len; i++)
    {
      SheetCell *cell = g_ptr_array_index (row, i);
      double width = cell_width (sheet, table, column, cell->span) - 2 * CELL_PAD;
      g_autoptr(PangoLayout) layout = NULL;

      if (cell->marks != NULL)
        {
          double marks_width;

          g_object_unref (make_marks_layout (sheet, table, cell, &marks_width));
          width -= marks_width;
        }
      layout = make_layout (sheet, cell->text, table->font_size, cell->flags, width);
      height = MAX (height, layout_height (layout));
      column += cell->span;
    }

  return height + 2 * CELL_PAD;
}

static void
draw_row (Sheet      *sheet,
          SheetTable *table,
          GPtrArray  *row,
          double      height)
{
  cairo_t *cr = sheet->cr;
  double x = MARGIN;
  guint column = 0;

  for (guint i = 0; i < row->len; i++)
    {
      SheetCell *cell = g_ptr_array_index (row, i);
      double width = cell_width (sheet, table, column, cell->span);
      double text_x = x + CELL_PAD;
      double text_w = width - 2 * CELL_PAD;
      gboolean marked = (cell->flags & (CELL_ERROR | CELL_WARNING)) != 0;
      g_autoptr(PangoLayout) layout = NULL;

      /* The fills stay distinct in greyscale: an error's is the darkest,
       * a header's barely grey; the heavy frame and the number carry the
       * mark where even that is lost. */
      if (cell->flags & CELL_ERROR)
        cairo_set_source_rgb (cr, 0.96, 0.66, 0.66);
      else if (cell->flags & CELL_WARNING)
        cairo_set_source_rgb (cr, 1.0, 0.86, 0.55);
      else if (cell->flags & CELL_GROUP)
        cairo_set_source_rgb (cr, 0.90, 0.90, 0.90);
      else if (cell->flags & CELL_HEADER)
        cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
      else
        cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, x, sheet->y, width, height);
      cairo_fill (cr);

      if (cell->marks != NULL)
        {
          double marks_width;
          g_autoptr(PangoLayout) marks = make_marks_layout (sheet, table, cell, &marks_width);

          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_move_to (cr, x + 2.2, sheet->y + 1.6);
          pango_cairo_show_layout (cr, marks);
          text_x += marks_width;
          text_w -= marks_width;
        }

      layout = make_layout (sheet, cell->text, table->font_size, cell->flags, text_w);
      if (cell->flags & CELL_DIM)
        cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
      else
        cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, text_x, sheet->y + (height - layout_height (layout)) / 2);
      pango_cairo_show_layout (cr, layout);

      if (marked)
        {
          cairo_set_line_width (cr, 1.4);
          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_rectangle (cr, x + 0.7, sheet->y + 0.7, width - 1.4, height - 1.4);
        }
      else
        {
          cairo_set_line_width (cr, 0.4);
          cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
          cairo_move_to (cr, x, sheet->y);
          cairo_line_to (cr, x, sheet->y + height);
          cairo_move_to (cr, x + width, sheet->y);
          cairo_line_to (cr, x + width, sheet->y + height);
          if (!(cell->flags & CELL_JOINED))
            {
              cairo_move_to (cr, x, sheet->y);
              cairo_line_to (cr, x + width, sheet->y);
            }
          if (!(cell->flags & CELL_JOIN_BELOW))
            {
              cairo_move_to (cr, x, sheet->y + height);
              cairo_line_to (cr, x + width, sheet->y + height);
            }
        }
      cairo_stroke (cr);

      x += width;
      column += cell->span;
    }

  sheet->y += height;
}

static double
draw_table_head (Sheet      *sheet,
                 SheetTable *table,
                 gboolean    continued,
                 gboolean    dry_run)
{
  g_autofree char *title = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  double height;

  /* Translators: the title of a table broken across pages, on the next one */
  title = continued ? g_strdup_printf (_("%s (continued)"), table->title) : g_strdup (table->title);
  layout = make_layout (sheet, title, 10.5, CELL_BOLD, text_width (sheet));
  height = layout_height (layout) + 4;

  if (!dry_run)
    {
      cairo_set_source_rgb (sheet->cr, 0, 0, 0);
      cairo_move_to (sheet->cr, MARGIN, sheet->y);
      pango_cairo_show_layout (sheet->cr, layout);
      sheet->y += height;
    }

  for (guint r = 0; r < table->header->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (table->header, r);
      double row_height = measure_row (sheet, table, row);

      if (!dry_run)
        draw_row (sheet, table, row, row_height);
      height += row_height;
    }

  return height;
}

static void
draw_table (Sheet      *sheet,
            SheetTable *table)
{
  double head_height = draw_table_head (sheet, table, FALSE, TRUE);
  double first = table->body->len > 0 ? measure_row (sheet, table, g_ptr_array_index (table->body, 0)) : 0;
  double whole = head_height;

  for (guint r = 0; r < table->body->len; r++)
    whole += measure_row (sheet, table, g_ptr_array_index (table->body, r));

  /* A table that fits on a page is not broken; a title alone at the foot
   * of a page is no use. */
  if (whole <= page_bottom (sheet) - MARGIN)
    sheet_ensure_space (sheet, whole);
  else
    sheet_ensure_space (sheet, head_height + first);
  draw_table_head (sheet, table, FALSE, FALSE);

  for (guint r = 0; r < table->body->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (table->body, r);
      double height = measure_row (sheet, table, row);

      if (sheet->y + height > page_bottom (sheet))
        {
          sheet_new_page (sheet);
          draw_table_head (sheet, table, TRUE, FALSE);
        }
      draw_row (sheet, table, row, height);
    }

  sheet->y += 14;
}

/* ---- The report --------------------------------------------------------- */

static void
add_value_cell (Sheet      *sheet,
                GPtrArray  *row,
                GkTableId   table_id,
                GkTable    *table,
                const char *row_key,
                const char *column_key,
                guint       span)
{
  GkCell *cell = gk_table_lookup (table, row_key, column_key);
  g_autofree char *key = g_strdup_printf ("%s/%s/%s", gk_table_id_to_key (table_id), row_key, column_key);
  CellMark *mark = g_hash_table_lookup (sheet->marks, key);
  g_autofree char *text = NULL;
  CellFlags flags = 0;
  SheetCell *sheet_cell;

  if (cell == NULL)
    {
      /* Translators: in a table of the check sheet, a cell the report's
       * table does not have at all */
      text = g_strdup (_("missing"));
      flags = CELL_DIM | CELL_CENTER;
    }
  else
    {
      switch (gk_cell_get_value_class (cell))
        {
        case GK_VALUE_NUMBER:
        case GK_VALUE_SIGNED:
          text = gk_cell_format_value (cell);
          flags = CELL_RIGHT;
          break;
        case GK_VALUE_BLANK:
          /* Translators: in a table of the check sheet, a cell the report
           * left empty (which is not a zero) */
          text = g_strdup (_("blank"));
          flags = CELL_DIM | CELL_CENTER;
          break;
        case GK_VALUE_NA:
          text = g_strstrip (g_strdup (gk_cell_get_raw (cell)));
          flags = CELL_CENTER;
          break;
        case GK_VALUE_TEXT:
        default:
          text = g_strstrip (g_strdup (gk_cell_get_raw (cell)));
          break;
        }
      if (gk_cell_get_ambiguous (cell))
        {
          /* Translators: after a value the reader could not be sure of */
          g_autofree char *with = g_strdup_printf (_("%s (?)"), text);
          g_free (text);
          text = g_steal_pointer (&with);
        }
    }

  if (mark != NULL)
    flags |= mark->error ? CELL_ERROR : CELL_WARNING;
  sheet_cell = row_add (row, text, span, flags);
  if (mark != NULL)
    sheet_cell->marks = g_strdup (mark->numbers->str);
}

static gboolean
table_is_empty (GkTable *table)
{
  return table == NULL || gk_table_get_n_cells (table) == 0;
}

static void
add_table_2 (Sheet   *sheet,
             GkTable *table)
{
  GkTemplate template_ = gk_table_get_template (table);
  g_autoptr(SheetTable) grid = sheet_table_new (T2_TITLE, TABLE_SIZE, 4, 0.34, 0.22, 0.22, 0.22);
  g_autoptr(GPtrArray) row_keys = gk_table_dup_row_keys (table);
  const GkT2Row *rows;
  guint n_rows;

  rows = gk_keys_t2_rows (template_, &n_rows);
  for (guint r = 0; r < n_rows; r++)
    {
      const GkT2Row *t2_row = &rows[r];
      g_autoptr(GPtrArray) sub_items = g_ptr_array_new_with_free_func (g_free);
      guint n_columns = 0;

      while (n_columns < GK_T2_MAX_COLUMNS && t2_row->columns[n_columns] != NULL)
        n_columns++;

      /* Each 第二十条 item is a small table of its own, with its own
       * column headers, as the template prints it. */
      if (r == 0 || g_strcmp0 (t2_row->item, rows[r - 1].item) != 0)
        {
          g_autofree char *title = g_strdup_printf ("第二十条第%s项", t2_row->item);
          GPtrArray *row = sheet_table_add_row (grid, FALSE);

          row_add (row, title, 4, CELL_GROUP);
          row = sheet_table_add_row (grid, FALSE);
          row_add (row, T2_CONTENT, 1, CELL_HEADER);
          for (guint c = 0; c < n_columns; c++)
            row_add (row, gk_keys_t2_column_label (template_, t2_row->columns[c]),
                     c == n_columns - 1 ? GK_T2_MAX_COLUMNS - c : 1, CELL_HEADER | CELL_CENTER);
        }

      /* 其他对外管理服务事项 may be split into named sub-items. */
      if (g_strcmp0 (t2_row->key, "other_services") == 0)
        for (guint i = 0; i < row_keys->len; i++)
          if (g_str_has_prefix (g_ptr_array_index (row_keys, i), "other_services."))
            g_ptr_array_add (sub_items, g_strdup (g_ptr_array_index (row_keys, i)));
      if (sub_items->len == 0)
        g_ptr_array_add (sub_items, g_strdup (t2_row->key));

      for (guint s = 0; s < sub_items->len; s++)
        {
          const char *key = g_ptr_array_index (sub_items, s);
          GPtrArray *row = sheet_table_add_row (grid, FALSE);
          g_autofree char *label = NULL;

          if (strcmp (key, t2_row->key) == 0)
            label = g_strdup (t2_row->label);
          else
            label = g_strdup_printf ("%s：%s", t2_row->label, gk_keys_row_label (GK_TABLE_2, template_, key));
          row_add (row, label, 1, 0);
          for (guint c = 0; c < n_columns; c++)
            add_value_cell (sheet, row, GK_TABLE_2, table, key, t2_row->columns[c],
                            c == n_columns - 1 ? GK_T2_MAX_COLUMNS - c : 1);
        }
    }

  draw_table (sheet, grid);
}

static void
add_table_3 (Sheet   *sheet,
             GkTable *table)
{
  const GkKeyLabel *rows, *columns;
  guint n_rows, n_columns;
  g_autoptr(SheetTable) grid = NULL;
  GPtrArray *row;

  rows = gk_keys_t3_rows (gk_table_get_template (table), &n_rows);
  columns = gk_keys_t3_columns (&n_columns);
  g_assert (n_columns == 7);

  /* Seven narrow value columns leave the labels about a third of a
   * portrait page; they wrap, as in the printed template. */
  grid = sheet_table_new (T3_TITLE, TABLE_SIZE, 8, 0.328, 0.096, 0.096, 0.096, 0.096, 0.096, 0.096, 0.096);

  /* The template's three header rows: 申请人情况 over everything, then
   * 自然人 and 总计 running down beside 法人或其他组织 and its five
   * sub-columns. */
  row = sheet_table_add_row (grid, TRUE);
  row_add (row, "", 1, CELL_HEADER | CELL_JOIN_BELOW);
  row_add (row, T3_APPLICANTS, 7, CELL_HEADER | CELL_CENTER);
  row = sheet_table_add_row (grid, TRUE);
  row_add (row, "", 1, CELL_HEADER | CELL_JOINED | CELL_JOIN_BELOW);
  row_add (row, columns[0].label, 1, CELL_HEADER | CELL_CENTER | CELL_JOIN_BELOW);
  row_add (row, T3_ORGANISATIONS, 5, CELL_HEADER | CELL_CENTER);
  row_add (row, columns[n_columns - 1].label, 1, CELL_HEADER | CELL_CENTER | CELL_JOIN_BELOW);
  row = sheet_table_add_row (grid, TRUE);
  row_add (row, "", 1, CELL_HEADER | CELL_JOINED);
  row_add (row, "", 1, CELL_HEADER | CELL_JOINED);
  for (guint c = 1; c + 1 < n_columns; c++)
    row_add (row, columns[c].label, 1, CELL_HEADER | CELL_CENTER);
  row_add (row, "", 1, CELL_HEADER | CELL_JOINED);

  for (guint r = 0; r < n_rows; r++)
    {
      row = sheet_table_add_row (grid, FALSE);
      row_add (row, rows[r].label, 1, 0);
      for (guint c = 0; c < n_columns; c++)
        add_value_cell (sheet, row, GK_TABLE_3, table, rows[r].key, columns[c].key, 1);
    }

  draw_table (sheet, grid);
}

static void
add_table_4 (Sheet   *sheet,
             GkTable *table)
{
  const GkKeyLabel *rows, *columns;
  guint n_rows, n_columns;
  g_autoptr(SheetTable) grid = NULL;
  GPtrArray *row;

  rows = gk_keys_t4_rows (&n_rows);
  columns = gk_keys_t4_columns (&n_columns);
  g_assert (n_columns == 5);

  /* The template prints the three bodies side by side, fifteen columns
   * wide; on paper they are three rows of the same five columns. */
  grid = sheet_table_new (T4_TITLE, TABLE_SIZE, 6, 0.30, 0.14, 0.14, 0.14, 0.14, 0.14);
  row = sheet_table_add_row (grid, TRUE);
  row_add (row, "", 1, CELL_HEADER);
  for (guint c = 0; c < n_columns; c++)
    row_add (row, columns[c].label, 1, CELL_HEADER | CELL_CENTER);

  for (guint r = 0; r < n_rows; r++)
    {
      row = sheet_table_add_row (grid, FALSE);
      row_add (row, rows[r].label, 1, 0);
      for (guint c = 0; c < n_columns; c++)
        add_value_cell (sheet, row, GK_TABLE_4, table, rows[r].key, columns[c].key, 1);
    }

  draw_table (sheet, grid);
}

static const char *
template_name (GkTemplate template_)
{
  switch (template_)
    {
    case GK_TEMPLATE_2021:
      return _("2021 template");
    case GK_TEMPLATE_2019:
      return _("2019 template");
    case GK_TEMPLATE_LEGACY:
      return _("before 2019 (legacy)");
    case GK_TEMPLATE_UNKNOWN:
    default:
      return _("not recognised");
    }
}

static char *
describe_evidence (double      confidence,
                   guint       line,
                   const char *evidence)
{
  if (evidence == NULL || *evidence == '\0')
    /* Translators: how sure the reader is of the agency or year, e.g. "95%" */
    return g_strdup_printf (_("confidence %.0f%%"), confidence * 100);
  if (line > 0)
    /* Translators: confidence, line number and the text it was read from */
    return g_strdup_printf (_("confidence %.0f%%, read from line %u: “%s”"),
                            confidence * 100, line, evidence);
  /* Translators: confidence and where it was read from */
  return g_strdup_printf (_("confidence %.0f%%, from %s"), confidence * 100, evidence);
}

static void
add_header (Sheet *sheet)
{
  GkReport *report = sheet->report;
  const char *agency = gk_report_get_agency (report);
  const char *sha256 = gk_report_get_sha256 (report);
  const char *source = gk_report_get_source_name (report);
  const char *encoding = gk_report_get_encoding (report);
  int year = gk_report_get_year (report);
  gint64 imported_at = gk_store_report_imported_at (report);
  g_autoptr(SheetTable) grid = sheet_table_new (_("The report"), BODY_SIZE, 2, 0.24, 0.76);
  g_autofree char *subtitle = NULL;
  g_autofree char *evidence = NULL;
  g_autofree char *year_evidence = NULL;
  g_autofree char *agency_text = NULL;
  g_autofree char *source_base = source != NULL ? g_path_get_basename (source) : NULL;
  g_autofree char *imported = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *year_text = NULL;
  g_autofree char *source_text = NULL;
  GPtrArray *row;

  if (agency == NULL || *agency == '\0')
    agency = _("Agency not recognised");
  sheet_paragraph (sheet, agency, 18, CELL_BOLD, 4);

  if (year > 0)
    /* Translators: under the agency's name; %d is the year of the report */
    subtitle = g_strdup_printf (_("Check sheet of the %d annual report on government information disclosure"), year);
  else
    subtitle = g_strdup (_("Check sheet of an annual report on government information disclosure (year not recognised)"));
  sheet_paragraph (sheet, subtitle, 11, 0, 12);

  evidence = describe_evidence (gk_report_get_agency_confidence (report),
                                gk_report_get_agency_line (report),
                                gk_report_get_agency_evidence (report));
  agency_text = g_strdup_printf ("%s — %s", agency, evidence);
  row = sheet_table_add_row (grid, FALSE);
  row_add (row, _("Agency"), 1, CELL_HEADER);
  row_add (row, agency_text, 1, 0);

  year_evidence = describe_evidence (gk_report_get_year_confidence (report),
                                     gk_report_get_year_line (report),
                                     gk_report_get_year_evidence (report));
  year_text = year > 0 ? g_strdup_printf ("%d — %s", year, year_evidence) : g_strdup (year_evidence);
  row = sheet_table_add_row (grid, FALSE);
  row_add (row, _("Year"), 1, CELL_HEADER);
  row_add (row, year_text, 1, 0);

  row = sheet_table_add_row (grid, FALSE);
  row_add (row, _("Template"), 1, CELL_HEADER);
  row_add (row, template_name (gk_report_get_template (report)), 1, 0);

  /* Translators: the source file's name, its format and its encoding,
   * e.g. "report.pdf (pdf, UTF-8)" */
  source_text = g_strdup_printf (_("%s (%s, %s)"),
                                 source_base != NULL ? source_base : _("unnamed"),
                                 gk_format_to_string (gk_report_get_format (report)),
                                 encoding != NULL ? encoding : _("encoding unknown"));
  row = sheet_table_add_row (grid, FALSE);
  row_add (row, _("Source file"), 1, CELL_HEADER);
  row_add (row, source_text, 1, 0);

  row = sheet_table_add_row (grid, FALSE);
  /* Translators: the first characters of the file's SHA-256 checksum */
  row_add (row, _("SHA-256 (first 16)"), 1, CELL_HEADER);
  if (sha256 != NULL && strlen (sha256) > 16)
    {
      g_autofree char *prefix = g_strndup (sha256, 16);
      row_add (row, prefix, 1, 0);
    }
  else
    row_add (row, sha256 != NULL ? sha256 : _("unknown"), 1, 0);

  if (imported_at > 0)
    {
      g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (imported_at / G_USEC_PER_SEC);
      g_autoptr(GDateTime) local = date != NULL ? g_date_time_to_local (date) : NULL;

      imported = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : NULL;
    }
  row = sheet_table_add_row (grid, FALSE);
  row_add (row, _("Imported"), 1, CELL_HEADER);
  row_add (row, imported != NULL ? imported : _("not in a library"), 1, 0);

  {
    guint n_errors = gk_report_count_findings (report, GK_FINDING_FAILED, GK_SEVERITY_ERROR);
    guint n_warnings = gk_report_count_findings (report, GK_FINDING_FAILED, GK_SEVERITY_WARNING);
    guint n_notes = gk_report_count_findings (report, GK_FINDING_NOT_ASSESSABLE, -1);
    g_autofree char *errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", n_errors),
                                               n_errors);
    g_autofree char *warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                                              n_warnings), n_warnings);
    g_autofree char *notes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u rule not assessable",
                                                           "%u rules not assessable", n_notes), n_notes);

    /* Translators: the findings of the report on its check sheet: "2
     * errors", "1 warning" and "3 rules not assessable" */
    counts = g_strdup_printf (_("%s, %s, %s"), errors, warnings, notes);
  }
  row = sheet_table_add_row (grid, FALSE);
  row_add (row, _("Findings"), 1, CELL_HEADER);
  row_add (row, counts, 1, 0);

  draw_table (sheet, grid);

  sheet_paragraph (sheet,
                   _("How to read the tables: numbers are as the report prints them, “0” being a zero; "
                     "“blank” is a cell the report left empty, which is not a zero; “/” and the like "
                     "are printed as in the report (not applicable); “missing” is a cell the table "
                     "does not have.  A shaded cell in a heavy frame is involved in the failed "
                     "findings whose numbers it carries, listed at the end."),
                   7.5, CELL_DIM, 12);
}

static const char *
verdict_name (GkVerdict verdict)
{
  switch (verdict)
    {
    case GK_VERDICT_CONFIRMED:
      return _("Confirmed");
    case GK_VERDICT_DISMISSED:
      return _("Dismissed");
    case GK_VERDICT_NONE:
    default:
      return _("Not reviewed");
    }
}

static void
add_findings (Sheet *sheet)
{
  GListModel *findings = gk_report_get_findings (sheet->report);
  guint n = g_list_model_get_n_items (findings);
  g_autoptr(SheetTable) grid = NULL;
  GPtrArray *row;

  if (n == 0)
    {
      sheet_paragraph (sheet, _("Findings"), 10.5, CELL_BOLD, 4);
      sheet_paragraph (sheet, _("No findings: every rule that could be checked holds."), BODY_SIZE, 0, 8);
      return;
    }

  grid = sheet_table_new (_("Findings"), TABLE_SIZE + 0.5, 5, 0.05, 0.07, 0.14, 0.50, 0.24);
  row = sheet_table_add_row (grid, TRUE);
  /* Translators: the column of finding numbers on the check sheet */
  row_add (row, _("No."), 1, CELL_HEADER);
  row_add (row, _("Rule"), 1, CELL_HEADER);
  row_add (row, _("Severity"), 1, CELL_HEADER);
  row_add (row, _("Finding"), 1, CELL_HEADER);
  row_add (row, _("Verdict"), 1, CELL_HEADER);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkFinding) finding = g_list_model_get_item (findings, i);
      GkFindingStatus status = gk_finding_get_status (finding);
      const char *expected = gk_finding_get_expected (finding);
      const char *found = gk_finding_get_found (finding);
      const char *note = gk_finding_get_note (finding);
      g_autoptr(GString) text = g_string_new (gk_finding_get_message (finding));
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *verdict = NULL;
      const char *severity;

      if (expected != NULL || found != NULL)
        {
          g_string_append_c (text, '\n');
          /* Translators: on the check sheet, under a finding's message */
          g_string_append_printf (text, _("Expected: %s; found: %s"),
                                  expected != NULL ? expected : "—", found != NULL ? found : "—");
        }

      if (status == GK_FINDING_NOT_ASSESSABLE)
        severity = _("Not assessable");
      else if (gk_finding_get_severity (finding) == GK_SEVERITY_ERROR)
        severity = _("Error");
      else
        severity = _("Warning");

      if (note != NULL && *note != '\0')
        /* Translators: a verdict and the evaluator's note, e.g. "Dismissed: a typo" */
        verdict = g_strdup_printf (_("%s: %s"), verdict_name (gk_finding_get_verdict (finding)), note);
      else
        verdict = g_strdup (verdict_name (gk_finding_get_verdict (finding)));

      row = sheet_table_add_row (grid, FALSE);
      row_add (row, number, 1, CELL_RIGHT | CELL_BOLD);
      row_add (row, gk_finding_get_rule (finding), 1, 0);
      row_add (row, severity, 1, status == GK_FINDING_FAILED ? CELL_BOLD : 0);
      row_add (row, text->str, 1, 0);
      row_add (row, verdict, 1, 0);
    }

  draw_table (sheet, grid);
}

/* Numbers the findings in list order and notes, for each cell, the failed
 * ones that involve it. */
static void
collect_marks (Sheet *sheet)
{
  GListModel *findings = gk_report_get_findings (sheet->report);
  guint n = g_list_model_get_n_items (findings);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkFinding) finding = g_list_model_get_item (findings, i);
      const char * const *cells = gk_finding_get_cells (finding);

      if (gk_finding_get_status (finding) != GK_FINDING_FAILED)
        continue;
      for (guint c = 0; cells != NULL && cells[c] != NULL; c++)
        {
          CellMark *mark = g_hash_table_lookup (sheet->marks, cells[c]);

          if (mark == NULL)
            {
              mark = g_new0 (CellMark, 1);
              mark->numbers = g_string_new (NULL);
              g_hash_table_insert (sheet->marks, g_strdup (cells[c]), mark);
            }
          else
            g_string_append_c (mark->numbers, ',');
          g_string_append_printf (mark->numbers, "%u", i + 1);
          if (gk_finding_get_severity (finding) == GK_SEVERITY_ERROR)
            mark->error = TRUE;
        }
    }
}

static void
lay_out (Sheet *sheet)
{
  GkReport *report = sheet->report;
  GkTable *t2 = gk_report_get_table (report, GK_TABLE_2);
  GkTable *t3 = gk_report_get_table (report, GK_TABLE_3);
  GkTable *t4 = gk_report_get_table (report, GK_TABLE_4);

  collect_marks (sheet);
  sheet_new_page (sheet);
  add_header (sheet);

  if (table_is_empty (t2) && table_is_empty (t3) && table_is_empty (t4))
    sheet_paragraph (sheet,
                     _("This report has no statistical tables: tables 2, 3 and 4 were not found in it, "
                       "so none of their figures could be checked."),
                     BODY_SIZE, CELL_BOLD, 14);
  else
    {
      if (table_is_empty (t2))
        sheet_paragraph (sheet, _("Table 2 (二、主动公开政府信息情况) was not found in the report."),
                         BODY_SIZE, CELL_BOLD, 12);
      else
        add_table_2 (sheet, t2);
      if (table_is_empty (t3))
        sheet_paragraph (sheet, _("Table 3 (三、收到和处理政府信息公开申请情况) was not found in the report."),
                         BODY_SIZE, CELL_BOLD, 12);
      else
        add_table_3 (sheet, t3);
      if (table_is_empty (t4))
        sheet_paragraph (sheet, _("Table 4 (四、政府信息公开行政复议、行政诉讼情况) was not found in the report."),
                         BODY_SIZE, CELL_BOLD, 12);
      else
        add_table_4 (sheet, t4);
    }

  add_findings (sheet);
  g_clear_pointer (&sheet->cr, cairo_destroy);
}

/* ---- Output ------------------------------------------------------------- */

typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} WriteClosure;

static cairo_status_t
write_to_stream (void                *data,
                 const unsigned char *bytes,
                 unsigned int         length)
{
  WriteClosure *closure = data;

  if (closure->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (closure->stream, bytes, length, NULL,
                                  closure->cancellable, &closure->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static void
draw_footer (Sheet      *sheet,
             cairo_t    *cr,
             guint       page,
             guint       n_pages,
             const char *generated)
{
  /* Translators: the footer of each page of the check sheet */
  g_autofree char *text = g_strdup_printf (_("Page %u of %u"), page, n_pages);
  g_autoptr(PangoLayout) left = make_layout (sheet, generated, 7, CELL_DIM, text_width (sheet));
  g_autoptr(PangoLayout) right = make_layout (sheet, text, 7.5, CELL_RIGHT, text_width (sheet));
  double y = sheet->height - MARGIN - 8;

  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  cairo_move_to (cr, MARGIN, y);
  pango_cairo_show_layout (cr, left);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, MARGIN, y);
  pango_cairo_show_layout (cr, right);
}

/**
 * gk_check_sheet_write_pdf:
 * @report: a report with its contents (tables and findings) loaded
 * @stream: where the PDF goes; it is not closed
 * @width: the page width in points, or 0 for A4 portrait
 * @height: the page height in points, or 0 for A4 portrait
 *
 * Writes the check sheet of @report: its metadata, tables 2, 3 and 4 with
 * the cells of failed findings marked, and the list of findings with
 * their verdicts, on pages numbered "Page N of M".
 *
 * It uses no GTK and may run in any thread.
 *
 * Returns: whether the PDF was written whole
 */
gboolean
gk_check_sheet_write_pdf (GkReport       *report,
                          GOutputStream  *stream,
                          double          width,
                          double          height,
                          GCancellable   *cancellable,
                          GError        **error)
{
  Sheet sheet = { 0 };
  WriteClosure closure = { stream, cancellable, NULL };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *now_text = g_date_time_format (now, "%Y-%m-%d %H:%M");
  g_autofree char *generated = NULL;
  cairo_font_options_t *options;
  cairo_surface_t *pdf;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (GK_IS_REPORT (report), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (width <= 0 || height <= 0)
    {
      width = GK_CHECK_SHEET_A4_WIDTH;
      height = GK_CHECK_SHEET_A4_HEIGHT;
    }
  /* Narrower than this, table 3's labels would be a character wide. */
  if (width < 2 * MARGIN + 200 || height < 2 * MARGIN + FOOTER_SPACE + 200)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("a page of %.0f × %.0f points is too small for a check sheet"), width, height);
      return FALSE;
    }

  sheet.report = report;
  sheet.width = width;
  sheet.height = height;
  sheet.pages = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  sheet.marks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cell_mark_free);
  /* Translators: the line at the top of the second and later pages of a
   * check sheet: the agency and the year */
  sheet.running_title = g_strdup_printf (_("Check sheet: %s, %d"),
                                         gk_report_get_agency (report) ? gk_report_get_agency (report) : "—",
                                         gk_report_get_year (report));

  /* Text is measured as it will be printed: without hinting, which would
   * fit it to a screen's pixels. */
  sheet.pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (sheet.pango, options);
  cairo_font_options_destroy (options);

  lay_out (&sheet);

  /* Translators: the footer of the check sheet: the date and the version */
  generated = g_strdup_printf (_("Generated on %s by Gongkai %s"), now_text, PACKAGE_VERSION);

  pdf = cairo_pdf_surface_create_for_stream (write_to_stream, &closure, width, height);
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_TITLE, sheet.running_title);
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_CREATOR, "Gongkai " PACKAGE_VERSION);
  cr = cairo_create (pdf);
  for (guint i = 0; i < sheet.pages->len; i++)
    {
      cairo_set_source_surface (cr, g_ptr_array_index (sheet.pages, i), 0, 0);
      cairo_paint (cr);
      draw_footer (&sheet, cr, i + 1, sheet.pages->len, generated);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (pdf);
  status = cairo_surface_status (pdf);
  cairo_surface_destroy (pdf);

  g_ptr_array_unref (sheet.pages);
  g_hash_table_unref (sheet.marks);
  g_object_unref (sheet.pango);
  g_free (sheet.running_title);

  if (closure.error != NULL)
    {
      g_propagate_error (error, closure.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("the check sheet could not be drawn: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/**
 * gk_check_sheet_write_pdf_file:
 *
 * Like gk_check_sheet_write_pdf(), into @file, which is replaced only
 * once the whole sheet is written.
 */
gboolean
gk_check_sheet_write_pdf_file (GkReport      *report,
                               GFile         *file,
                               double         width,
                               double         height,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (GK_IS_REPORT (report), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error);
  if (stream == NULL)
    return FALSE;

  if (!gk_check_sheet_write_pdf (report, G_OUTPUT_STREAM (stream), width, height, cancellable, &local_error))
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      /* Closing cancelled leaves whatever file was there before. */
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);
}

/**
 * gk_check_sheet_default_name:
 *
 * Returns: (transfer full): a file name for @report's check sheet,
 *   "<agency>-<year>-check-sheet.pdf", with no character a file system
 *   refuses
 */
char *
gk_check_sheet_default_name (GkReport *report)
{
  const char *agency;
  g_autofree char *safe = NULL;
  int year;

  g_return_val_if_fail (GK_IS_REPORT (report), NULL);

  agency = gk_report_get_agency (report);
  year = gk_report_get_year (report);
  safe = g_strdup (agency != NULL && *agency != '\0' ? agency : "report");
  g_strdelimit (safe, "/\\:*?\"<>|\n\r\t", '_');

  if (year > 0)
    return g_strdup_printf ("%s-%d-check-sheet.pdf", safe, year);
  return g_strdup_printf ("%s-check-sheet.pdf", safe);
}
