/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The layout reader on each flattening of a table, and the parser on
 * reports that are partly broken. */

#include "config.h"

#include <string.h>

#include "gk-core.h"

static GkTextRow *
nth_table_row (GPtrArray *rows,
               guint      n)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GkTextRow *row = g_ptr_array_index (rows, i);
      if (row->layout != GK_ROW_PROSE && n-- == 0)
        return row;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
assert_cells (GkTextRow  *row,
              const char *expected)
{
  g_auto(GStrv) want = g_strsplit (expected, "|", -1);

  if (g_strv_length (want) != row->n_cells)
    g_error ("line %u: %u cells, expected %u (%s)", row->line, row->n_cells, g_strv_length (want), expected);
  for (guint i = 0; i < row->n_cells; i++)
    g_assert_cmpstr (row->cells[i].norm, ==, want[i]);
}

static void
test_blocks (void)
{
  const char *text =
    "四、政府信息公开行政复议、行政诉讼情况\n"
    "\t行政复议\n"
    "\t行政诉讼\n"
    "\n"
    "\t结果维持\n"
    "\t结果\n"
    "纠正\n"
    "\t\n"
    "\t总计\n"
    "\n"
    "\t0\n"
    "\t\n"
    "\t７\n";
  g_autoptr(GPtrArray) rows = gk_layout_read (text);
  GkTextRow *first = g_ptr_array_index (rows, 0);

  g_assert_cmpint (first->layout, ==, GK_ROW_PROSE);
  g_assert_cmpuint (first->line, ==, 1);
  assert_cells (nth_table_row (rows, 0), "行政复议|行政诉讼");
  /* A line without the tab continues the cell; "\t" alone is an empty cell. */
  assert_cells (nth_table_row (rows, 1), "结果维持|结果纠正||总计");
  assert_cells (nth_table_row (rows, 2), "0||7");
  g_assert_cmpint (nth_table_row (rows, 2)->layout, ==, GK_ROW_BLOCK);
  g_assert_cmpuint (nth_table_row (rows, 2)->cells[2].line, ==, 13);
  g_assert_cmpstr (nth_table_row (rows, 1)->cells[1].raw, ==, "结果\n纠正");
  g_assert_cmpstr (nth_table_row (rows, 2)->cells[2].raw, ==, "７");
}

static void
test_tsv (void)
{
  const char *text =
    "行政复议\t\t\t\t\t行政诉讼\n"
    "\t\t\t\t\t7\t0\t0\t0\t7\t24\t3\t4\t8\t39\n"
    "\t0\n";
  g_autoptr(GPtrArray) rows = gk_layout_read (text);

  assert_cells (nth_table_row (rows, 0), "行政复议|||||行政诉讼");
  assert_cells (nth_table_row (rows, 1), "|||||7|0|0|0|7|24|3|4|8|39");
  /* Beside tab-separated rows, "\t0" is a row of two fields. */
  assert_cells (nth_table_row (rows, 2), "|0");
  g_assert_cmpint (nth_table_row (rows, 2)->layout, ==, GK_ROW_TSV);
}

static void
test_pipes (void)
{
  const char *text =
    "第二十条第(一)项 | |||\n"
    "规章 | 0 | 0 | 0 |\n"
    "\n"
    "| 信息内容 | 本年制发件数 | 本年废止件数 |\n"
    "|---|:---:|---|\n"
    "| 规章 |  | 1 |\n"
    "0\t---\t---\n";
  g_autoptr(GPtrArray) rows = gk_layout_read (text);

  assert_cells (nth_table_row (rows, 0), "第二十条第(一)项|||");
  assert_cells (nth_table_row (rows, 1), "规章|0|0|0");
  assert_cells (nth_table_row (rows, 2), "信息内容|本年制发件数|本年废止件数");
  /* The separator row is dropped; the empty cell is kept. */
  assert_cells (nth_table_row (rows, 3), "规章||1");
  assert_cells (nth_table_row (rows, 4), "0|---|---");
}

/* A short table 3 and 4 in one layout or another, to check the parser on
 * reports that are broken on purpose. */
static const char *report_head =
  "测试区测试局2021年政府信息公开工作年度报告\n"
  "\n"
  "一、总体情况\n"
  "2021年，测试局认真贯彻落实条例。\n"
  "\n"
  "三、收到和处理政府信息公开申请情况\n";

static GString *
make_t3 (const char *blank_key)
{
  static const char * const labels[] = {
    "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果\t（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开\t1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”",
    "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷",
    "8.属于行政查询事项", "（四）无法提供\t1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确", "（五）不予处理\t1.信访举报投诉类申请", "2.重复申请",
    "3.要求提供公开出版物", "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息",
    "（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他",
    "（七）总计", "四、结转下年度继续办理",
  };
  static const char * const values[] = {
    "3\t1\t0\t0\t0\t0\t4", "0\t0\t0\t0\t0\t0\t0", "2\t1\t0\t0\t0\t0\t3", "0\t0\t0\t0\t0\t0\t0",
  };
  GString *s = g_string_new ("\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n");

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      const char *v = i < G_N_ELEMENTS (values) ? values[i] : "0\t0\t0\t0\t0\t0\t0";
      if (i == 23)
        v = "3\t1\t0\t0\t0\t0\t4";
      if (i == 13)
        v = "1\t0\t0\t0\t0\t0\t1";
      if (blank_key && i == 0 && strcmp (blank_key, "new.commercial") == 0)
        v = "3\t\t0\t0\t0\t0\t4";
      g_string_append_printf (s, "%s\t%s\n", labels[i], v);
    }
  return s;
}

static GkReport *
parse_string (const char  *text,
              GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  return gk_parse_bytes (bytes, "test.txt", error);
}

static guint
count_rule (GkReport   *report,
            const char *rule)
{
  GListModel *findings = gk_report_get_findings (report);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(GkFinding) f = g_list_model_get_item (findings, i);
      if (strcmp (gk_finding_get_rule (f), rule) == 0)
        n++;
    }
  return n;
}

/* A blank in the middle of a row stays in its column: the numbers after it
 * do not shift left. */
static void
test_blank_keeps_column (void)
{
  g_autoptr(GString) t3 = make_t3 ("new.commercial");
  g_autofree char *text = g_strconcat (report_head, t3->str, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = parse_string (text, &error);
  GkCell *cell;

  g_assert_no_error (error);
  cell = gk_report_lookup_cell (report, GK_TABLE_3, "new", "commercial");
  g_assert_cmpint (gk_cell_get_value_class (cell), ==, GK_VALUE_BLANK);
  cell = gk_report_lookup_cell (report, GK_TABLE_3, "new", "total");
  g_assert_cmpstr (gk_cell_get_raw (cell), ==, "4");
  cell = gk_report_lookup_cell (report, GK_TABLE_3, "unable.2", "natural");
  g_assert_cmpstr (gk_cell_get_raw (cell), ==, "1");
  g_assert_cmpstr (gk_report_get_agency (report), ==, "测试区测试局");
  g_assert_cmpint (gk_report_get_template (report), ==, GK_TEMPLATE_2021);
}

/* "约3件" where a number should be is a text cell in its column, with its
 * number taken and flagged, not a label that shifts the row. */
static void
test_text_cell (void)
{
  g_autoptr(GString) t3 = make_t3 (NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = NULL;
  GkCell *cell;

  g_assert_cmpuint (g_string_replace (t3, "一、本年新收政府信息公开申请数量\t3\t1", "一、本年新收政府信息公开申请数量\t约3件\t1", 1), ==, 1);
  text = g_strconcat (report_head, t3->str, NULL);
  report = parse_string (text, &error);
  g_assert_no_error (error);

  cell = gk_report_lookup_cell (report, GK_TABLE_3, "new", "natural");
  g_assert_cmpstr (gk_cell_get_raw (cell), ==, "约3件");
  g_assert_cmpint (gk_cell_get_value_class (cell), ==, GK_VALUE_TEXT);
  g_assert_cmpfloat (gk_cell_get_value (cell), ==, 3);
  cell = gk_report_lookup_cell (report, GK_TABLE_3, "new", "commercial");
  g_assert_cmpstr (gk_cell_get_raw (cell), ==, "1");
  cell = gk_report_lookup_cell (report, GK_TABLE_3, "new", "total");
  g_assert_cmpstr (gk_cell_get_raw (cell), ==, "4");
  g_assert_cmpuint (count_rule (report, "P3"), ==, 1);
  g_assert_cmpuint (count_rule (report, "P4"), ==, 0);
}

/* Tables 2 and 4 are missing: reported as missing, never invented. */
static void
test_missing_tables (void)
{
  g_autoptr(GString) t3 = make_t3 (NULL);
  g_autofree char *text = g_strconcat (report_head, t3->str, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = parse_string (text, &error);

  g_assert_no_error (error);
  g_assert_null (gk_report_get_table (report, GK_TABLE_2));
  g_assert_null (gk_report_get_table (report, GK_TABLE_4));
  g_assert_nonnull (gk_report_get_table (report, GK_TABLE_3));
  g_assert_cmpuint (count_rule (report, "P1"), ==, 2);
}

/* A file cut off in the middle of table 3 keeps the rows it has; the rest
 * are blank and named in findings. */
static void
test_truncated_t3 (void)
{
  g_autoptr(GString) t3 = make_t3 (NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = NULL;
  const char *cut = strstr (t3->str, "（五）不予处理");

  g_string_truncate (t3, cut - t3->str);
  text = g_strconcat (report_head, t3->str, NULL);
  report = parse_string (text, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (gk_cell_get_raw (gk_report_lookup_cell (report, GK_TABLE_3, "new", "natural")), ==, "3");
  g_assert_cmpint (gk_cell_get_value_class (gk_report_lookup_cell (report, GK_TABLE_3, "total", "natural")),
                   ==, GK_VALUE_BLANK);
  /* rejected.1–5, the other rows, total and carried_out: 5 + 3 + 2. */
  g_assert_cmpuint (count_rule (report, "P2"), ==, 10);
  g_assert_cmpuint (gk_table_get_n_cells (gk_report_get_table (report, GK_TABLE_3)), ==, 25 * 7);
}

static void
test_truncated_t4 (void)
{
  g_autoptr(GString) t3 = make_t3 (NULL);
  g_autofree char *text = g_strconcat (report_head, t3->str,
                                       "四、政府信息公开行政复议、行政诉讼情况\n"
                                       "行政复议 | 行政诉讼 |\n"
                                       "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"
                                       "1 | 0 | 0 | 0 | 1 | 2 | 0 |\n", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = parse_string (text, &error);
  GkTable *t4;

  g_assert_no_error (error);
  t4 = gk_report_get_table (report, GK_TABLE_4);
  g_assert_nonnull (t4);
  g_assert_cmpuint (gk_table_get_n_cells (t4), ==, 15);
  g_assert_cmpstr (gk_cell_get_raw (gk_table_lookup (t4, "suit_direct", "upheld")), ==, "2");
  g_assert_cmpint (gk_cell_get_value_class (gk_table_lookup (t4, "suit_direct", "total")), ==, GK_VALUE_BLANK);
  g_assert_cmpuint (count_rule (report, "P4"), ==, 1);
}

static void
test_no_tables (void)
{
  const char *text = "今天天气很好。\n我们去公园散步，看到了很多花。\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = parse_string (text, &error);

  g_assert_null (report);
  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_NO_TABLES);
}

static void
test_only_whitespace (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = parse_string (" \n\t\n　\n", &error);

  g_assert_null (report);
  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_EMPTY);
}

/* A report from before the 2019 templates has no standard tables; its
 * text is kept and it is marked legacy. */
static void
test_legacy (void)
{
  const char *text =
    "某某县人民政府2016年政府信息公开工作年度报告\n"
    "一、概述\n"
    "2016年，我县主动公开政府信息1200条。\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = parse_string (text, &error);

  g_assert_no_error (error);
  g_assert_cmpint (gk_report_get_template (report), ==, GK_TEMPLATE_LEGACY);
  g_assert_cmpint (gk_report_get_year (report), ==, 2016);
  g_assert_null (gk_report_get_table (report, GK_TABLE_3));
}

/* The same table in two layouts within one report: table 3 as markdown,
 * table 4 as blocks. */
static void
test_mixed_layouts (void)
{
  g_autoptr(GString) t3 = make_t3 (NULL);
  g_autoptr(GString) md = g_string_new (NULL);
  g_auto(GStrv) lines = g_strsplit (t3->str, "\n", -1);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = NULL;

  for (guint i = 0; lines[i] && *lines[i]; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      g_autofree char *joined = g_strjoinv (" | ", fields);
      g_string_append_printf (md, "| %s |\n", joined);
      if (i == 0)
        g_string_append (md, "|---|---|---|---|---|---|---|---|---|\n");
    }

  text = g_strconcat (report_head, md->str, "\n",
                      "四、政府信息公开行政复议、行政诉讼情况\n"
                      "\t行政复议\n\t行政诉讼\n\n"
                      "\t结果维持\n\t结果纠正\n\t其他结果\n\t尚未审结\n\t总计\n\n"
                      "\t\n\t\n\t\n\t\n\t\n\t1\n\t0\n\t0\n\t0\n\t1\n\t0\n\t0\n\t0\n\t2\n\t2\n\n"
                      "五、存在的主要问题及改进情况\n无。\n", NULL);
  report = parse_string (text, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (gk_cell_get_raw (gk_report_lookup_cell (report, GK_TABLE_3, "new", "total")), ==, "4");
  g_assert_cmpstr (gk_cell_get_raw (gk_report_lookup_cell (report, GK_TABLE_3, "total", "commercial")), ==, "1");
  g_assert_cmpint (gk_cell_get_value_class (gk_report_lookup_cell (report, GK_TABLE_4, "review", "total")),
                   ==, GK_VALUE_BLANK);
  g_assert_cmpstr (gk_cell_get_raw (gk_report_lookup_cell (report, GK_TABLE_4, "suit_direct", "upheld")), ==, "1");
  g_assert_cmpstr (gk_cell_get_raw (gk_report_lookup_cell (report, GK_TABLE_4, "suit_after_review", "total")), ==, "2");
  g_assert_cmpstr (gk_report_get_section (report, 4), ==, "无。");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layout/blocks", test_blocks);
  g_test_add_func ("/layout/tsv", test_tsv);
  g_test_add_func ("/layout/pipes", test_pipes);
  g_test_add_func ("/parse/blank-keeps-column", test_blank_keeps_column);
  g_test_add_func ("/parse/text-cell", test_text_cell);
  g_test_add_func ("/parse/missing-tables", test_missing_tables);
  g_test_add_func ("/parse/truncated-t3", test_truncated_t3);
  g_test_add_func ("/parse/truncated-t4", test_truncated_t4);
  g_test_add_func ("/parse/no-tables", test_no_tables);
  g_test_add_func ("/parse/only-whitespace", test_only_whitespace);
  g_test_add_func ("/parse/legacy", test_legacy);
  g_test_add_func ("/parse/mixed-layouts", test_mixed_layouts);

  return g_test_run ();
}
