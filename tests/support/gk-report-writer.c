/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-report-writer"

#include "config.h"

#include <string.h>

#include "gk-report-writer.h"

/* The writer first lays each table out as the official template prints it,
 * as a list of rows of cells, the way an HTML table flattens: a cell that
 * spans columns is one cell, a cell that spans rows leaves an empty cell in
 * the rows below it (this is exactly seed 000's structure).  Then it prints
 * those rows in the requested layout.  Blank cells stay empty, never "0". */

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

typedef struct
{
  GPtrArray *rows;   /* GPtrArray of char* */
  gboolean   pad;    /* TSV: pad every row to the widest, like seeds 001/002 */
} Grid;

static Grid *
grid_new (gboolean pad)
{
  Grid *grid = g_new0 (Grid, 1);

  grid->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  grid->pad = pad;
  return grid;
}

static void
grid_free (Grid *grid)
{
  g_ptr_array_unref (grid->rows);
  g_free (grid);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Grid, grid_free)

static GPtrArray *
grid_add_row (Grid *grid)
{
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (grid->rows, row);
  return row;
}

static void
row_add (GPtrArray  *row,
         const char *text)
{
  g_ptr_array_add (row, g_strdup (text ? text : ""));
}

static guint
grid_width (Grid *grid)
{
  guint width = 0;

  for (guint i = 0; i < grid->rows->len; i++)
    width = MAX (width, ((GPtrArray *) g_ptr_array_index (grid->rows, i))->len);
  return width;
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

/* Table 2: the sub-tables of 第二十条, each with its heading row, its
 * "信息内容" header and its rows.  Named sub-items of 其他对外管理服务事项
 * (2019) are printed as seed 002 prints them: the group label, then the
 * item's name, then the values; later items leave the group cell empty. */
static Grid *
layout_t2 (GkReport *report,
           GkTable  *table)
{
  GkTemplate template_ = table_template (report, table);
  g_autoptr(GPtrArray) present = gk_table_dup_row_keys (table);
  const char *current_item = NULL;
  const GkT2Row *rows;
  guint n_rows;
  Grid *grid = grid_new (TRUE);

  rows = gk_keys_t2_rows (template_, &n_rows);

  for (guint i = 0; i < n_rows; i++)
    {
      const GkT2Row *t2row = &rows[i];
      g_autoptr(GPtrArray) keys = g_ptr_array_new ();
      gboolean split = FALSE;

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
          GPtrArray *heading = grid_add_row (grid);
          GPtrArray *header = grid_add_row (grid);
          g_autofree char *title = g_strdup_printf ("第二十条第%s项", t2row->item);

          row_add (heading, title);
          row_add (header, "信息内容");
          for (guint c = 0; t2row->columns[c] != NULL; c++)
            row_add (header, gk_keys_t2_column_label (template_, t2row->columns[c]));
          current_item = t2row->item;
        }

      for (guint k = 0; k < keys->len; k++)
        {
          const char *key = g_ptr_array_index (keys, k);
          GPtrArray *row = grid_add_row (grid);

          if (split && strchr (key, '.') != NULL)
            {
              row_add (row, k == 0 || strchr (g_ptr_array_index (keys, k - 1), '.') == NULL
                            ? t2row->label : "");
              row_add (row, strchr (key, '.') + 1);
            }
          else
            row_add (row, t2row->label);

          for (guint c = 0; t2row->columns[c] != NULL; c++)
            row_add (row, cell_raw (table, key, t2row->columns[c]));
        }
    }

  return grid;
}

/* Splits a table 3 row label into the template's label cells:
 * "一、本年新收…" spans all three label columns; "三、本年度办理结果（一）予以公开"
 * is the 三、 cell (spanning 22 rows) and （一）; "（三）不予公开 1.属于国家秘密"
 * is the group cell (spanning 8 rows) and the item; later items sit under
 * both spanning cells. */
static void
add_t3_label (GPtrArray  *row,
              const char *key,
              const char *label)
{
  const char *space;

  if (label == NULL)
    {
      row_add (row, key);
      return;
    }

  if (g_str_has_prefix (label, "三、") && strstr (label, "（") != NULL)
    {
      const char *paren = strstr (label, "（");
      g_autofree char *head = g_strndup (label, paren - label);

      row_add (row, head);
      row_add (row, paren);
    }
  else if (g_str_has_prefix (label, "（"))
    {
      row_add (row, "");
      space = strchr (label, ' ');
      if (space != NULL)
        {
          g_autofree char *head = g_strndup (label, space - label);
          row_add (row, head);
          row_add (row, space + 1);
        }
      else
        row_add (row, label);
    }
  else if (g_ascii_isdigit (label[0]))
    {
      row_add (row, "");
      row_add (row, "");
      row_add (row, label);
    }
  else
    row_add (row, label);
}

static Grid *
layout_t3 (GkReport *report,
           GkTable  *table)
{
  GkTemplate template_ = table_template (report, table);
  g_autoptr(GPtrArray) keys = gk_table_dup_row_keys (table);
  const GkKeyLabel *columns;
  guint n_columns;
  GPtrArray *row;
  Grid *grid = grid_new (FALSE);

  columns = gk_keys_t3_columns (&n_columns);

  row = grid_add_row (grid);
  row_add (row, T3_NOTE);
  row_add (row, "申请人情况");

  /* 自然人 and 总计 span two header rows; 法人或其他组织 spans five columns. */
  row = grid_add_row (grid);
  row_add (row, "");
  row_add (row, gk_keys_column_label (GK_TABLE_3, template_, "natural"));
  row_add (row, "法人或其他组织");
  row_add (row, gk_keys_column_label (GK_TABLE_3, template_, "total"));

  row = grid_add_row (grid);
  row_add (row, "");
  row_add (row, "");
  for (guint c = 0; c < n_columns; c++)
    if (strcmp (columns[c].key, "natural") != 0 && strcmp (columns[c].key, "total") != 0)
      row_add (row, columns[c].label);
  row_add (row, "");

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);

      row = grid_add_row (grid);
      add_t3_label (row, key, gk_keys_row_label (GK_TABLE_3, template_, key));
      for (guint c = 0; c < n_columns; c++)
        row_add (row, cell_raw (table, key, columns[c].key));
    }

  return grid;
}

static Grid *
layout_t4 (GkReport *report,
           GkTable  *table)
{
  const GkKeyLabel *rows, *columns;
  guint n_rows, n_columns;
  GPtrArray *row;
  Grid *grid = grid_new (FALSE);

  rows = gk_keys_t4_rows (&n_rows);
  columns = gk_keys_t4_columns (&n_columns);

  row = grid_add_row (grid);
  row_add (row, rows[0].label);
  row_add (row, "行政诉讼");

  /* The 行政复议 columns span two header rows; each kind of suit spans five. */
  row = grid_add_row (grid);
  for (guint c = 0; c < n_columns; c++)
    row_add (row, columns[c].label);
  for (guint r = 1; r < n_rows; r++)
    {
      const char *space = strchr (rows[r].label, ' ');
      row_add (row, space != NULL ? space + 1 : rows[r].label);
    }

  row = grid_add_row (grid);
  for (guint c = 0; c < n_columns; c++)
    row_add (row, "");
  for (guint r = 1; r < n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      row_add (row, columns[c].label);

  row = grid_add_row (grid);
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      row_add (row, cell_raw (table, rows[r].key, columns[c].key));

  return grid;
}

/* A cell must stay one cell: no line breaks or tabs inside it, and in the
 * pipe layouts no "|".  The full-width bar folds back to "|" when the text
 * is normalised, so the cell still compares equal. */
static void
append_cell (GString       *out,
             const char    *text,
             GkWriteLayout  layout)
{
  gboolean pipes = layout == GK_WRITE_PIPE || layout == GK_WRITE_MARKDOWN;

  for (const char *p = text; *p; p++)
    {
      if (*p == '\t' || *p == '\n' || *p == '\r')
        g_string_append_c (out, ' ');
      else if (*p == '|' && pipes)
        g_string_append (out, "｜");
      else
        g_string_append_c (out, *p);
    }
}

static void
write_grid (GString       *out,
            Grid          *grid,
            GkWriteLayout  layout)
{
  guint width = grid_width (grid);

  g_string_append_c (out, '\n');

  for (guint r = 0; r < grid->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (grid->rows, r);
      guint n = row->len;

      switch (layout)
        {
        case GK_WRITE_BLOCK:
          for (guint c = 0; c < n; c++)
            {
              g_string_append_c (out, '\t');
              append_cell (out, g_ptr_array_index (row, c), layout);
              g_string_append_c (out, '\n');
            }
          g_string_append_c (out, '\n');
          break;

        case GK_WRITE_TSV:
          /* A row of one cell needs a tab, or it reads as prose. */
          if (grid->pad)
            n = width;
          n = MAX (n, 2);
          for (guint c = 0; c < n; c++)
            {
              if (c > 0)
                g_string_append_c (out, '\t');
              if (c < row->len)
                append_cell (out, g_ptr_array_index (row, c), layout);
            }
          g_string_append_c (out, '\n');
          break;

        case GK_WRITE_PIPE:
          if (n > 0 && *(const char *) g_ptr_array_index (row, 0) == '\0')
            g_string_append (out, "| ");
          for (guint c = 0; c < n; c++)
            {
              if (c > 0)
                g_string_append_c (out, ' ');
              append_cell (out, g_ptr_array_index (row, c), layout);
              g_string_append (out, " |");
            }
          g_string_append_c (out, '\n');
          break;

        case GK_WRITE_MARKDOWN:
          g_string_append_c (out, '|');
          for (guint c = 0; c < width; c++)
            {
              g_string_append_c (out, ' ');
              if (c < n)
                append_cell (out, g_ptr_array_index (row, c), layout);
              g_string_append (out, " |");
            }
          g_string_append_c (out, '\n');
          if (r == 0)
            {
              g_string_append_c (out, '|');
              for (guint c = 0; c < width; c++)
                g_string_append (out, "---|");
              g_string_append_c (out, '\n');
            }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  if (layout != GK_WRITE_BLOCK)
    g_string_append_c (out, '\n');
}

/* Prose is written as paragraphs of plain lines.  Lines lose leading white
 * space (a tab would make them a cell in the block layout) and any tab or
 * "|" (which would make them a table row). */
static void
write_prose (GString    *out,
             const char *text)
{
  g_auto(GStrv) lines = NULL;
  gboolean wrote = FALSE;

  if (text == NULL)
    return;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = gk_normalize_strip (lines[i]);

      if (*line == '\0')
        {
          if (wrote)
            g_string_append_c (out, '\n');
          wrote = FALSE;
          continue;
        }

      for (const char *p = line; *p; p++)
        {
          if (*p == '\t' || *p == '\r')
            g_string_append_c (out, ' ');
          else if (*p == '|')
            g_string_append (out, "｜");
          else
            g_string_append_c (out, *p);
        }
      g_string_append_c (out, '\n');
      wrote = TRUE;
    }
}

const char *
gk_write_layout_to_string (GkWriteLayout layout)
{
  switch (layout)
    {
    case GK_WRITE_BLOCK:    return "block";
    case GK_WRITE_TSV:      return "tsv";
    case GK_WRITE_PIPE:     return "pipe";
    case GK_WRITE_MARKDOWN: return "markdown";
    default:                g_return_val_if_reached (NULL);
    }
}

const char *
gk_write_encoding_to_string (GkWriteEncoding encoding)
{
  switch (encoding)
    {
    case GK_WRITE_UTF8:        return "utf8";
    case GK_WRITE_UTF8_BOM:    return "utf8-bom";
    case GK_WRITE_UTF16LE_BOM: return "utf16le-bom";
    case GK_WRITE_UTF16BE_BOM: return "utf16be-bom";
    case GK_WRITE_GB18030:     return "gb18030";
    default:                   g_return_val_if_reached (NULL);
    }
}

/**
 * gk_report_write_mixed:
 * @report: a report, usually parsed or generated
 * @t2_layout: the layout of table 2
 * @t3_layout: the layout of table 3
 * @t4_layout: the layout of table 4
 *
 * Renders @report as report text: a title line "<agency><year>年政府信息公开
 * 工作年度报告", the six section headings with the report's prose, and the
 * tables the report has, each in its own layout.  Cells are written as their
 * raw text.
 *
 * Returns: (transfer full): the text, UTF-8
 */
char *
gk_report_write_mixed (GkReport      *report,
                       GkWriteLayout  t2_layout,
                       GkWriteLayout  t3_layout,
                       GkWriteLayout  t4_layout)
{
  GString *out;
  const char *agency;
  int year;

  g_return_val_if_fail (GK_IS_REPORT (report), NULL);

  out = g_string_sized_new (16 * 1024);

  agency = gk_report_get_agency (report);
  year = gk_report_get_year (report);
  g_string_append (out, agency != NULL ? agency : "");
  if (year > 0)
    g_string_append_printf (out, "%d年", year);
  g_string_append (out, "政府信息公开工作年度报告\n\n");
  g_string_append (out, PREAMBLE "\n\n");

  for (guint i = 0; i < GK_N_SECTIONS; i++)
    {
      GkTable *table = NULL;
      GkWriteLayout layout = GK_WRITE_BLOCK;

      g_string_append (out, section_headings[i]);
      g_string_append_c (out, '\n');
      write_prose (out, gk_report_get_section (report, i));

      switch (i)
        {
        case 1:
          table = gk_report_get_table (report, GK_TABLE_2);
          layout = t2_layout;
          if (table != NULL)
            {
              g_autoptr(Grid) grid = layout_t2 (report, table);
              write_grid (out, grid, layout);
            }
          break;
        case 2:
          table = gk_report_get_table (report, GK_TABLE_3);
          layout = t3_layout;
          if (table != NULL)
            {
              g_autoptr(Grid) grid = layout_t3 (report, table);
              write_grid (out, grid, layout);
            }
          break;
        case 3:
          table = gk_report_get_table (report, GK_TABLE_4);
          layout = t4_layout;
          if (table != NULL)
            {
              g_autoptr(Grid) grid = layout_t4 (report, table);
              write_grid (out, grid, layout);
            }
          break;
        default:
          break;
        }

      if (table == NULL)
        g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

/**
 * gk_report_write:
 *
 * Like gk_report_write_mixed() with every table in @layout.
 *
 * Returns: (transfer full): the text, UTF-8
 */
char *
gk_report_write (GkReport      *report,
                 GkWriteLayout  layout)
{
  return gk_report_write_mixed (report, layout, layout, layout);
}

static GBytes *
with_prefix (const char *prefix,
             gsize       prefix_len,
             const char *data,
             gsize       len)
{
  guint8 *buf = g_malloc (prefix_len + len);

  memcpy (buf, prefix, prefix_len);
  memcpy (buf + prefix_len, data, len);
  return g_bytes_new_take (buf, prefix_len + len);
}

/**
 * gk_report_encode:
 * @text: UTF-8 text
 * @encoding: how to write it
 * @error: set when @text cannot be written in @encoding
 *
 * Returns: (transfer full) (nullable): the encoded bytes, with a byte
 *   order mark for the encodings that have one
 */
GBytes *
gk_report_encode (const char       *text,
                  GkWriteEncoding   encoding,
                  GError          **error)
{
  g_autofree char *converted = NULL;
  gsize len = 0;

  g_return_val_if_fail (text != NULL, NULL);

  switch (encoding)
    {
    case GK_WRITE_UTF8:
      return g_bytes_new (text, strlen (text));

    case GK_WRITE_UTF8_BOM:
      return with_prefix ("\xEF\xBB\xBF", 3, text, strlen (text));

    case GK_WRITE_UTF16LE_BOM:
      converted = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, &len, error);
      return converted != NULL ? with_prefix ("\xFF\xFE", 2, converted, len) : NULL;

    case GK_WRITE_UTF16BE_BOM:
      converted = g_convert (text, -1, "UTF-16BE", "UTF-8", NULL, &len, error);
      return converted != NULL ? with_prefix ("\xFE\xFF", 2, converted, len) : NULL;

    case GK_WRITE_GB18030:
      converted = g_convert (text, -1, "GB18030", "UTF-8", NULL, &len, error);
      return converted != NULL ? g_bytes_new_take (g_steal_pointer (&converted), len) : NULL;

    default:
      g_return_val_if_reached (NULL);
    }
}
