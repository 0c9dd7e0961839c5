/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-report-spans"

#include "config.h"

#include <string.h>

#include "gk-report-spans.h"

/* The tables as the official templates draw them (国办公开办函〔2021〕30号
 * and 〔2019〕60号), so that a page or a document made from a report has
 * the merged cells real ones have.  Table 2 keeps its labels one column
 * wide, as the templates do; the 2019 sub-items of 其他对外管理服务事项
 * (seed 002) get a second label column, with the group label spanning
 * their rows, which makes those rows one cell wider than the others, as
 * in the pages that print them. */

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

#define T3_RESULTS "三、本年度办理结果"

#define T2_WIDTH (1 + GK_T2_MAX_COLUMNS)

static void
span_cell_free (GkSpanCell *cell)
{
  g_free (cell->text);
  g_free (cell);
}

static GPtrArray *
add_row (GkSpanTable *table)
{
  GPtrArray *row = g_ptr_array_new_with_free_func ((GDestroyNotify) span_cell_free);

  g_ptr_array_add (table->rows, row);
  return row;
}

static void
add_cell (GPtrArray  *row,
          const char *text,
          guint       colspan,
          guint       rowspan,
          gboolean    label)
{
  GkSpanCell *cell = g_new0 (GkSpanCell, 1);

  cell->text = g_strdup (text != NULL ? text : "");
  cell->colspan = MAX (colspan, 1);
  cell->rowspan = MAX (rowspan, 1);
  cell->label = label;
  g_ptr_array_add (row, cell);
}

static const char *
cell_raw (GkTable    *table,
          const char *row,
          const char *column)
{
  GkCell *cell = gk_table_lookup (table, row, column);
  const char *raw = cell != NULL ? gk_cell_get_raw (cell) : NULL;

  return raw != NULL ? raw : "";
}

static GkTemplate
table_template (GkReport *report,
                GkTable  *table)
{
  GkTemplate template_ = gk_table_get_template (table);

  if (template_ != GK_TEMPLATE_2019 && template_ != GK_TEMPLATE_2021)
    template_ = gk_report_get_template (report);
  if (template_ != GK_TEMPLATE_2019 && template_ != GK_TEMPLATE_2021)
    template_ = GK_TEMPLATE_2021;
  return template_;
}

static void
layout_t2 (GkSpanTable *out,
           GkReport    *report,
           GkTable     *table)
{
  GkTemplate template_ = table_template (report, table);
  g_autoptr(GPtrArray) present = gk_table_dup_row_keys (table);
  const char *current_item = NULL;
  const GkT2Row *rows;
  guint n_rows;

  rows = gk_keys_t2_rows (template_, &n_rows);

  for (guint i = 0; i < n_rows; i++)
    {
      const GkT2Row *t2row = &rows[i];
      g_autoptr(GPtrArray) keys = g_ptr_array_new ();
      guint n_columns = 0, n_sub = 0;

      while (t2row->columns[n_columns] != NULL)
        n_columns++;

      if (g_ptr_array_find_with_equal_func (present, t2row->key, g_str_equal, NULL))
        g_ptr_array_add (keys, (gpointer) t2row->key);
      for (guint j = 0; j < present->len; j++)
        {
          const char *key = g_ptr_array_index (present, j);

          if (g_str_has_prefix (key, t2row->key) && key[strlen (t2row->key)] == '.')
            {
              g_ptr_array_add (keys, (gpointer) key);
              n_sub++;
            }
        }

      if (keys->len == 0)
        continue;

      if (g_strcmp0 (current_item, t2row->item) != 0)
        {
          g_autofree char *title = g_strdup_printf ("第二十条第%s项", t2row->item);
          GPtrArray *row = add_row (out);

          add_cell (row, title, T2_WIDTH, 1, TRUE);
          row = add_row (out);
          add_cell (row, "信息内容", 1, 1, TRUE);
          for (guint c = 0; c < n_columns; c++)
            add_cell (row, gk_keys_t2_column_label (template_, t2row->columns[c]),
                      c + 1 == n_columns ? T2_WIDTH - n_columns : 1, 1, TRUE);
          current_item = t2row->item;
        }

      for (guint k = 0; k < keys->len; k++)
        {
          const char *key = g_ptr_array_index (keys, k);
          const char *dot = strchr (key, '.');
          GPtrArray *row = add_row (out);

          if (dot != NULL)
            {
              if (k == 0 || strchr (g_ptr_array_index (keys, k - 1), '.') == NULL)
                add_cell (row, t2row->label, 1, n_sub, TRUE);
              add_cell (row, dot + 1, 1, 1, TRUE);
            }
          else
            add_cell (row, t2row->label, 1, 1, TRUE);

          for (guint c = 0; c < n_columns; c++)
            add_cell (row, cell_raw (table, key, t2row->columns[c]),
                      c + 1 == n_columns ? T2_WIDTH - n_columns : 1, 1, FALSE);
        }
    }
}

static gboolean
in_results (const char *key)
{
  static const char * const prefixes[] = { "denied.", "unable.", "rejected.", "other." };

  if (strcmp (key, "granted") == 0 || strcmp (key, "partial") == 0 || strcmp (key, "other") == 0
      || strcmp (key, "total") == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (key, prefixes[i]))
      return TRUE;
  return FALSE;
}

/* "（三）不予公开" from "（三）不予公开 1.属于国家秘密", the label of the
 * group's first item. */
static char *
group_label (GkTemplate  template_,
             const char *group)
{
  g_autofree char *first = g_strconcat (group, ".1", NULL);
  const char *label = gk_keys_row_label (GK_TABLE_3, template_, first);
  const char *space = label != NULL ? strchr (label, ' ') : NULL;

  return space != NULL ? g_strndup (label, space - label) : g_strdup (group);
}

static void
layout_t3 (GkSpanTable *out,
           GkReport    *report,
           GkTable     *table)
{
  GkTemplate template_ = table_template (report, table);
  g_autoptr(GPtrArray) keys = gk_table_dup_row_keys (table);
  const GkKeyLabel *columns;
  guint n_columns, n_results = 0;
  gboolean first_result = TRUE;
  GPtrArray *row;

  columns = gk_keys_t3_columns (&n_columns);

  row = add_row (out);
  add_cell (row, T3_NOTE, 3, 3, TRUE);
  add_cell (row, "申请人情况", n_columns, 1, TRUE);

  row = add_row (out);
  add_cell (row, gk_keys_column_label (GK_TABLE_3, template_, "natural"), 1, 2, TRUE);
  add_cell (row, "法人或其他组织", n_columns - 2, 1, TRUE);
  add_cell (row, gk_keys_column_label (GK_TABLE_3, template_, "total"), 1, 2, TRUE);

  row = add_row (out);
  for (guint c = 0; c < n_columns; c++)
    if (strcmp (columns[c].key, "natural") != 0 && strcmp (columns[c].key, "total") != 0)
      add_cell (row, columns[c].label, 1, 1, TRUE);

  for (guint i = 0; i < keys->len; i++)
    if (in_results (g_ptr_array_index (keys, i)))
      n_results++;

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      const char *label = gk_keys_row_label (GK_TABLE_3, template_, key);
      const char *dot = strchr (key, '.');

      if (label == NULL)
        label = key;

      row = add_row (out);
      if (!in_results (key))
        add_cell (row, label, 3, 1, TRUE);
      else
        {
          if (first_result)
            {
              add_cell (row, T3_RESULTS, 1, n_results, TRUE);
              first_result = FALSE;
            }

          if (dot != NULL)
            {
              g_autofree char *group = g_strndup (key, dot - key);
              const char *previous = i > 0 ? g_ptr_array_index (keys, i - 1) : "";
              const char *space = strchr (label, ' ');

              if (!g_str_has_prefix (previous, group) || previous[dot - key] != '.')
                {
                  g_autofree char *glabel = group_label (template_, group);
                  guint n_items = 0;

                  for (guint j = i; j < keys->len; j++)
                    {
                      const char *other = g_ptr_array_index (keys, j);
                      if (g_str_has_prefix (other, group) && other[dot - key] == '.')
                        n_items++;
                    }
                  add_cell (row, glabel, 1, n_items, TRUE);
                }
              add_cell (row, space != NULL ? space + 1 : label, 1, 1, TRUE);
            }
          else
            {
              /* "三、本年度办理结果（一）予以公开": the 三、 part is the
               * spanning cell above. */
              if (g_str_has_prefix (label, T3_RESULTS))
                label += strlen (T3_RESULTS);
              add_cell (row, label, 2, 1, TRUE);
            }
        }

      for (guint c = 0; c < n_columns; c++)
        add_cell (row, cell_raw (table, key, columns[c].key), 1, 1, FALSE);
    }
}

static void
layout_t4 (GkSpanTable *out,
           GkTable     *table)
{
  const GkKeyLabel *rows, *columns;
  guint n_rows, n_columns;
  GPtrArray *row;

  rows = gk_keys_t4_rows (&n_rows);
  columns = gk_keys_t4_columns (&n_columns);

  row = add_row (out);
  add_cell (row, rows[0].label, n_columns, 1, TRUE);
  add_cell (row, "行政诉讼", n_columns * (n_rows - 1), 1, TRUE);

  row = add_row (out);
  for (guint c = 0; c < n_columns; c++)
    add_cell (row, columns[c].label, 1, 2, TRUE);
  for (guint r = 1; r < n_rows; r++)
    {
      const char *space = strchr (rows[r].label, ' ');
      add_cell (row, space != NULL ? space + 1 : rows[r].label, n_columns, 1, TRUE);
    }

  row = add_row (out);
  for (guint r = 1; r < n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      add_cell (row, columns[c].label, 1, 1, TRUE);

  row = add_row (out);
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      add_cell (row, cell_raw (table, rows[r].key, columns[c].key), 1, 1, FALSE);
}

/* Places every cell on the grid, as a browser does, and records per row
 * which positions start a cell and which continue one from above. */
static void
place (GkSpanTable *table)
{
  g_autoptr(GArray) pending = g_array_new (FALSE, TRUE, sizeof (guint));   /* rows still covered */
  g_autoptr(GArray) owner = g_array_new (FALSE, TRUE, sizeof (gpointer));  /* the covering cell */

  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, r);
      GArray *slots = g_array_new (FALSE, TRUE, sizeof (GkSpanSlot));
      guint column = 0;
      guint next = 0;

      while (next < row->len || column < pending->len)
        {
          GkSpanSlot slot = { NULL, column, FALSE };

          if (column < pending->len && g_array_index (pending, guint, column) > 0)
            {
              const GkSpanCell *cell = g_array_index (owner, gpointer, column);

              slot.cell = cell;
              slot.continued = TRUE;
              g_array_append_val (slots, slot);
              for (guint c = column; c < column + cell->colspan; c++)
                g_array_index (pending, guint, c)--;
              column += cell->colspan;
              continue;
            }

          if (next >= row->len)
            {
              column++;
              continue;
            }

          slot.cell = g_ptr_array_index (row, next++);
          g_array_append_val (slots, slot);
          if (pending->len < column + slot.cell->colspan)
            {
              g_array_set_size (pending, column + slot.cell->colspan);
              g_array_set_size (owner, column + slot.cell->colspan);
            }
          for (guint c = column; c < column + slot.cell->colspan; c++)
            {
              /* Decremented as this row ends, like the continuations. */
              g_array_index (pending, guint, c) = slot.cell->rowspan;
              g_array_index (owner, gpointer, c) = (gpointer) slot.cell;
            }
          column += slot.cell->colspan;
        }

      /* The cells this row started cover it: count it off. */
      for (guint s = 0; s < slots->len; s++)
        {
          GkSpanSlot *slot = &g_array_index (slots, GkSpanSlot, s);

          if (!slot->continued)
            for (guint c = slot->column; c < slot->column + slot->cell->colspan; c++)
              g_array_index (pending, guint, c)--;
        }

      g_ptr_array_add (table->slots, slots);
      table->width = MAX (table->width, gk_span_row_end (table, r));
    }
}

/**
 * gk_span_table_new:
 * @report: a report
 * @id: which table
 *
 * Returns: (transfer full) (nullable): the table as the template draws it,
 *   or %NULL when the report has no such table
 */
GkSpanTable *
gk_span_table_new (GkReport  *report,
                   GkTableId  id)
{
  GkTable *table;
  GkSpanTable *out;

  g_return_val_if_fail (GK_IS_REPORT (report), NULL);

  table = gk_report_get_table (report, id);
  if (table == NULL)
    return NULL;

  out = g_new0 (GkSpanTable, 1);
  out->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  out->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  switch (id)
    {
    case GK_TABLE_2:
      layout_t2 (out, report, table);
      break;
    case GK_TABLE_3:
      layout_t3 (out, report, table);
      break;
    case GK_TABLE_4:
      layout_t4 (out, table);
      break;
    default:
      g_assert_not_reached ();
    }

  place (out);
  return out;
}

void
gk_span_table_free (GkSpanTable *table)
{
  if (table == NULL)
    return;
  g_ptr_array_unref (table->rows);
  g_ptr_array_unref (table->slots);
  g_free (table);
}

/**
 * gk_span_row_end:
 *
 * Returns: the grid column just past the last position @row fills
 */
guint
gk_span_row_end (GkSpanTable *table,
                 guint        row)
{
  GArray *slots = g_ptr_array_index (table->slots, row);
  const GkSpanSlot *last;

  if (slots->len == 0)
    return 0;
  last = &g_array_index (slots, GkSpanSlot, slots->len - 1);
  return last->column + last->cell->colspan;
}

/**
 * gk_report_title:
 *
 * Returns: (transfer full): "<agency><year>年政府信息公开工作年度报告", as
 *   gk_report_write() titles its text
 */
char *
gk_report_title (GkReport *report)
{
  const char *agency = gk_report_get_agency (report);
  int year = gk_report_get_year (report);
  GString *title = g_string_new (agency != NULL ? agency : "");

  if (year > 0)
    g_string_append_printf (title, "%d年", year);
  g_string_append (title, "政府信息公开工作年度报告");
  return g_string_free (title, FALSE);
}

const char *
gk_report_preamble (void)
{
  return PREAMBLE;
}

const char *
gk_report_heading (guint section)
{
  g_return_val_if_fail (section < GK_N_SECTIONS, NULL);
  return section_headings[section];
}

/**
 * gk_report_prose_lines:
 *
 * Returns: (transfer full): the section's lines, stripped, without the
 *   empty ones
 */
GStrv
gk_report_prose_lines (GkReport *report,
                       guint     section)
{
  const char *text = gk_report_get_section (report, section);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;

  if (text != NULL)
    {
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_autofree char *line = gk_normalize_strip (lines[i]);

          if (*line != '\0')
            g_strv_builder_add (builder, line);
        }
    }

  return g_strv_builder_end (builder);
}
