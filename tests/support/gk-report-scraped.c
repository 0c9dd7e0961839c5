/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-report-scraped"

#include "config.h"

#include <string.h>

#include "gk-report-scraped.h"

/* The report is laid out as lines of cells, the way a page's tables read
 * when their text is copied: a label cell, then the values, a blank cell
 * being nothing at all.  Then the cells of a line are joined the way the
 * style says, and the lines too. */

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
  GkScrapedStyle  style;
  GRand          *rand;
  GString        *out;
  GHashTable     *t2_runs;
} Writer;

const char *
gk_scraped_style_to_string (GkScrapedStyle style)
{
  switch (style)
    {
    case GK_SCRAPED_RUN_TOGETHER:  return "run-together";
    case GK_SCRAPED_SPACES:        return "spaces";
    case GK_SCRAPED_FULL_WIDTH:    return "full-width";
    case GK_SCRAPED_ONE_LINE:      return "one-line";
    case GK_SCRAPED_PAGE:          return "page";
    case GK_SCRAPED_PAGE_ONE_LINE: return "page-one-line";
    default:                       g_return_val_if_reached (NULL);
    }
}

static gboolean
one_line (Writer *w)
{
  return w->style == GK_SCRAPED_ONE_LINE || w->style == GK_SCRAPED_PAGE_ONE_LINE;
}

static GkScrapedStyle
cell_style (Writer *w)
{
  if (w->style == GK_SCRAPED_PAGE)
    return GK_SCRAPED_SPACES;
  if (w->style == GK_SCRAPED_PAGE_ONE_LINE)
    return GK_SCRAPED_ONE_LINE;
  return w->style;
}

/* What goes between two cells. */
static void
append_separator (Writer  *w,
                  GString *line)
{
  switch (cell_style (w))
    {
    case GK_SCRAPED_SPACES:
      for (int n = g_rand_int_range (w->rand, 0, 4); n > 0; n--)
        g_string_append_c (line, ' ');
      break;
    case GK_SCRAPED_FULL_WIDTH:
      for (int n = g_rand_int_range (w->rand, 0, 3); n > 0; n--)
        g_string_append (line, "\u3000");
      break;
    default:
      break;
    }
}

/* A value cell; with spaces, now and then one inside the number.  Only
 * in tables 3 and 4: their arithmetic can tell such a space from one
 * between two cells, table 2 has nothing that could, so "1 7 16186" would
 * honestly read as 1 | 7 | 16186 there. */
static void
append_value (Writer     *w,
              GString    *line,
              const char *value,
              gboolean    inner_spaces)
{
  gsize len = strlen (value);

  if (inner_spaces && cell_style (w) == GK_SCRAPED_SPACES && len >= 2 && g_rand_int_range (w->rand, 0, 100) < 20)
    {
      gsize at = g_rand_int_range (w->rand, 1, len);
      g_string_append_len (line, value, at);
      g_string_append_c (line, ' ');
      g_string_append (line, value + at);
      return;
    }
  g_string_append (line, value);
}

static void
end_line (Writer *w)
{
  if (!one_line (w))
    g_string_append_c (w->out, '\n');
}

/* A line of cells: @labels, then @values (NULL-terminated; "" for a
 * blank, written as nothing).  Returns the values as written, for
 * table 2's record of its runs. */
static char *
write_cells (Writer             *w,
             const char * const *labels,
             const char * const *values,
             gboolean            inner_spaces)
{
  g_autoptr(GString) line = g_string_new (NULL);
  gsize values_at;
  gboolean first = TRUE;

  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    {
      if (!first)
        append_separator (w, line);
      g_string_append (line, labels[i]);
      first = FALSE;
    }

  values_at = line->len;
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      if (!first)
        append_separator (w, line);
      /* Where the values start is where table 2's run is cut from. */
      if (i == 0)
        values_at = line->len;
      append_value (w, line, values[i], inner_spaces);
      first = FALSE;
    }

  g_string_append (w->out, line->str);
  end_line (w);
  return g_strdup (line->str + values_at);
}

static void
write_line (Writer     *w,
            const char *text)
{
  g_string_append (w->out, text);
  end_line (w);
}

static void
write_prose (Writer     *w,
             const char *text)
{
  g_auto(GStrv) lines = NULL;

  if (text == NULL)
    return;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = gk_normalize_strip (lines[i]);

      /* Tabs and pipes would make a line a table row. */
      g_strdelimit (line, "\t|", ' ');
      if (*line != '\0')
        write_line (w, line);
    }
}

static const char *
raw (GkTable    *table,
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

static void
write_t2 (Writer   *w,
          GkReport *report,
          GkTable  *table)
{
  GkTemplate template_ = table_template (report, table);
  g_autoptr(GPtrArray) present = gk_table_dup_row_keys (table);
  const char *current_item = NULL;
  guint n_rows;
  const GkT2Row *rows = gk_keys_t2_rows (template_, &n_rows);

  for (guint i = 0; i < n_rows; i++)
    {
      const GkT2Row *t2row = &rows[i];
      g_autoptr(GPtrArray) keys = g_ptr_array_new ();

      if (g_ptr_array_find_with_equal_func (present, t2row->key, g_str_equal, NULL))
        g_ptr_array_add (keys, (gpointer) t2row->key);
      for (guint j = 0; j < present->len; j++)
        {
          const char *key = g_ptr_array_index (present, j);
          if (g_str_has_prefix (key, t2row->key) && key[strlen (t2row->key)] == '.')
            g_ptr_array_add (keys, (gpointer) key);
        }
      if (keys->len == 0)
        continue;

      if (g_strcmp0 (current_item, t2row->item) != 0)
        {
          g_autofree char *title = g_strdup_printf ("第二十条第%s项", t2row->item);
          g_autoptr(GPtrArray) header = g_ptr_array_new ();

          write_line (w, title);
          g_ptr_array_add (header, (gpointer) "信息内容");
          for (guint c = 0; t2row->columns[c] != NULL; c++)
            g_ptr_array_add (header, (gpointer) gk_keys_t2_column_label (template_, t2row->columns[c]));
          g_ptr_array_add (header, NULL);
          g_free (write_cells (w, (const char * const *) header->pdata, NULL, FALSE));
          current_item = t2row->item;
        }

      for (guint k = 0; k < keys->len; k++)
        {
          const char *key = g_ptr_array_index (keys, k);
          const char *labels[3] = { t2row->label, NULL, NULL };
          const char *values[GK_T2_MAX_COLUMNS + 1] = { NULL, };
          g_autofree char *run = NULL;

          if (strchr (key, '.') != NULL)
            labels[1] = strchr (key, '.') + 1;
          for (guint c = 0; t2row->columns[c] != NULL; c++)
            values[c] = raw (table, key, t2row->columns[c]);
          run = write_cells (w, labels, values, FALSE);
          if (w->t2_runs != NULL)
            g_hash_table_insert (w->t2_runs, g_strdup (key), g_steal_pointer (&run));
        }
    }
}

static void
write_t3 (Writer   *w,
          GkReport *report,
          GkTable  *table)
{
  GkTemplate template_ = table_template (report, table);
  g_autoptr(GPtrArray) keys = gk_table_dup_row_keys (table);
  guint n_columns;
  const GkKeyLabel *columns = gk_keys_t3_columns (&n_columns);
  const char *header[] = {
    T3_NOTE, "申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构",
    "社会公益组织", "法律服务机构", "其他", "总计", NULL,
  };

  g_free (write_cells (w, header, NULL, FALSE));

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      const char *label = gk_keys_row_label (GK_TABLE_3, template_, key);
      const char *labels[3] = { label != NULL ? label : key, NULL, NULL };
      const char *values[GK_T3_N_COLUMNS + 1] = { NULL, };
      const char *space = label != NULL ? strchr (label, ' ') : NULL;
      g_autofree char *group = NULL;

      /* "（三）不予公开 1.属于国家秘密": two label cells. */
      if (space != NULL)
        {
          group = g_strndup (label, space - label);
          labels[0] = group;
          labels[1] = space + 1;
        }
      for (guint c = 0; c < n_columns; c++)
        values[c] = raw (table, key, columns[c].key);
      g_free (write_cells (w, labels, values, TRUE));
    }
}

static void
write_t4 (Writer  *w,
          GkTable *table)
{
  guint n_rows, n_columns;
  const GkKeyLabel *rows = gk_keys_t4_rows (&n_rows);
  const GkKeyLabel *columns = gk_keys_t4_columns (&n_columns);
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  const char *values[GK_T4_N_ROWS * GK_T4_N_COLUMNS + 1] = { NULL, };

  g_ptr_array_add (header, (gpointer) "行政复议");
  g_ptr_array_add (header, (gpointer) "行政诉讼");
  for (guint c = 0; c < n_columns; c++)
    g_ptr_array_add (header, (gpointer) columns[c].label);
  g_ptr_array_add (header, (gpointer) "未经复议直接起诉");
  g_ptr_array_add (header, (gpointer) "复议后起诉");
  for (guint r = 1; r < n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      g_ptr_array_add (header, (gpointer) columns[c].label);
  g_ptr_array_add (header, NULL);
  g_free (write_cells (w, (const char * const *) header->pdata, NULL, FALSE));

  for (guint i = 0; i < n_rows * n_columns; i++)
    values[i] = raw (table, rows[i / n_columns].key, columns[i % n_columns].key);
  g_free (write_cells (w, NULL, values, TRUE));
}

/* A page's chrome and metadata, as a portal prints them around a report. */
static void
write_page_header (Writer     *w,
                   const char *title,
                   int         year)
{
  g_autofree char *crumbs = g_strdup_printf ("当前位置：首页 > 政务公开 > 政府信息公开年报 > %s", title);
  g_autofree char *title_field = g_strdup_printf ("标题：%s", title);
  g_autofree char *date = g_strdup_printf ("发布时间：%d-01-20 10:30", year + 1);
  const char *items[] = {
    "首页 > 政务公开 > 政府信息公开年报",
    crumbs,
    "【字体：大 中 小】 打印本页 关闭窗口",
    title_field,
    date,
    "来源：本网",
    "浏览次数：1024",
  };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_string_append (w->out, items[i]);
      if (one_line (w))
        g_string_append_c (w->out, ' ');
      else
        g_string_append_c (w->out, '\n');
    }
}

static void
write_page_footer (Writer *w)
{
  if (one_line (w))
    g_string_append_c (w->out, ' ');
  g_string_append (w->out, "【打印】 【关闭】 分享到：微信 微博");
  end_line (w);
}

/**
 * gk_report_write_scraped:
 * @report: a report, usually parsed from a seed
 * @style: how the page's text came out
 * @seed: for the styles with irregular spacing: the same seed gives the
 *   same text
 * @t2_runs: (nullable) (element-type utf8 utf8): where to record, for each
 *   row key of table 2, its values as written ("17 16186")
 *
 * Returns: (transfer full): the text, UTF-8
 */
char *
gk_report_write_scraped (GkReport       *report,
                         GkScrapedStyle  style,
                         guint32         seed,
                         GHashTable     *t2_runs)
{
  Writer w = { 0, };
  g_autofree char *title = NULL;
  const char *agency;
  int year;

  g_return_val_if_fail (GK_IS_REPORT (report), NULL);

  w.style = style;
  w.rand = g_rand_new_with_seed (seed);
  w.out = g_string_sized_new (16 * 1024);
  w.t2_runs = t2_runs;

  agency = gk_report_get_agency (report);
  year = gk_report_get_year (report);
  title = g_strdup_printf ("%s%d年政府信息公开工作年度报告", agency != NULL ? agency : "", year);

  if (style == GK_SCRAPED_PAGE || style == GK_SCRAPED_PAGE_ONE_LINE)
    write_page_header (&w, title, year);

  write_line (&w, title);
  write_line (&w, PREAMBLE);

  for (guint i = 0; i < GK_N_SECTIONS; i++)
    {
      GkTable *table;

      write_line (&w, section_headings[i]);
      write_prose (&w, gk_report_get_section (report, i));

      if (i == 1 && (table = gk_report_get_table (report, GK_TABLE_2)) != NULL)
        write_t2 (&w, report, table);
      else if (i == 2 && (table = gk_report_get_table (report, GK_TABLE_3)) != NULL)
        write_t3 (&w, report, table);
      else if (i == 3 && (table = gk_report_get_table (report, GK_TABLE_4)) != NULL)
        write_t4 (&w, table);
    }

  if (style == GK_SCRAPED_PAGE || style == GK_SCRAPED_PAGE_ONE_LINE)
    write_page_footer (&w);

  g_rand_free (w.rand);
  return g_string_free (w.out, FALSE);
}
