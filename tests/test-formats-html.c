/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-formats-html.c: reports as web pages.  Each seed, parsed from its
 * text, is written as a portal page in GBK under <meta charset="gb2312">,
 * as Word's HTML export and as a bare UTF-16 page, with the templates'
 * merged cells as rowspan and colspan; each page must parse to the same
 * agency, year, template, cells (raw text, class, value) and sections.
 * Then the reader itself: chrome, scripts, merged cells, Word's markup,
 * encodings, limits, and the hand-written pages in data/formats. */

#define _GNU_SOURCE /* memmem */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "gk-core.h"
#include "gk-format.h"
#include "gk-grid.h"
#include "gk-html-reader.h"
#include "gk-report-diff.h"
#include "gk-report-html.h"

static GHashTable *originals;  /* seed file name → GkReport */

/* ---------------------------------------------------------------------- */
/* Helpers                                                                */

static GkReport *
parse_seed (const char *seed)
{
  GkReport *report = g_hash_table_lookup (originals, seed);
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (report != NULL)
    return report;

  /* Read without GFile, whose VFS modules stay loaded and look like leaks
   * under valgrind. */
  path = g_test_build_filename (G_TEST_DIST, "data", "seeds", seed, NULL);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (contents, length);
  report = gk_parse_bytes (bytes, seed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_hash_table_insert (originals, g_strdup (seed), report);
  return report;
}

static GPtrArray *
read_html (const char  *html,
           char       **encoding,
           GError     **error)
{
  g_autofree char *ignored = NULL;

  return gk_html_read ((const guint8 *) html, strlen (html), encoding ? encoding : &ignored, error);
}

/* The rows as text, one per line: "P|text" for prose, "G|a|b|c" for a
 * table row, each with its line. */
static char *
rows_to_string (GPtrArray *rows)
{
  GString *out = g_string_new (NULL);

  for (guint r = 0; r < rows->len; r++)
    {
      const GkTextRow *row = g_ptr_array_index (rows, r);

      g_string_append (out, row->layout == GK_ROW_PROSE ? "P" : row->layout == GK_ROW_GRID ? "G" : "?");
      for (guint c = 0; c < row->n_cells; c++)
        {
          g_string_append_c (out, '|');
          g_string_append (out, row->cells[c].raw);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static char *
read_to_string (const char *html)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = read_html (html, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows_to_string (rows);
}

/* Fails for every finding of the parser's own (P1–P4) in @report that
 * @allowed (the same report read from its text) does not have too: a
 * merged cell must never read as a missing one. */
static void
assert_no_new_parse_findings (GkReport *report,
                              GkReport *allowed)
{
  GListModel *findings = gk_report_get_findings (report);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(GkFinding) finding = g_list_model_get_item (findings, i);
      gboolean known = FALSE;

      if (gk_finding_get_rule (finding)[0] != 'P')
        continue;

      if (allowed != NULL)
        {
          GListModel *others = gk_report_get_findings (allowed);

          for (guint k = 0; k < g_list_model_get_n_items (others) && !known; k++)
            {
              g_autoptr(GkFinding) other = g_list_model_get_item (others, k);

              known = g_strcmp0 (gk_finding_get_rule (other), gk_finding_get_rule (finding)) == 0
                      && g_strcmp0 (gk_finding_get_subject (other), gk_finding_get_subject (finding)) == 0;
            }
        }

      if (!known)
        g_test_fail_printf ("unexpected finding %s [%s]: %s", gk_finding_get_rule (finding),
                            gk_finding_get_subject (finding), gk_finding_get_message (finding));
    }
}

static GBytes *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "formats", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* ---------------------------------------------------------------------- */
/* The seeds as web pages                                                 */

typedef struct
{
  char          *seed;
  GkHtmlStyle    style;
  GkHtmlCharset  charset;
} SeedCase;

static void
seed_case_free (gpointer data)
{
  SeedCase *c = data;

  g_free (c->seed);
  g_free (c);
}

static void
test_seed_page (gconstpointer data)
{
  const SeedCase *c = data;
  static const char * const encodings[] = { "UTF-8", "GB18030", "UTF-16LE" };
  GkReport *original = parse_seed (c->seed);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = gk_report_write_html (original, c->style, c->charset, &error);
  g_autoptr(GkReport) report = NULL;
  g_autofree char *diff = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (bytes);

  /* Named .txt: the format comes from the bytes. */
  report = gk_parse_bytes (bytes, c->seed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);

  g_assert_cmpint (gk_report_get_format (report), ==, GK_FORMAT_HTML);
  g_assert_cmpstr (gk_report_get_encoding (report), ==, encodings[c->charset]);

  /* Every table, every cell, the metadata and the prose. */
  g_assert_nonnull (gk_report_get_table (report, GK_TABLE_3));
  diff = gk_report_diff (original, report, TRUE, 20);
  if (*diff != '\0')
    {
      g_auto(GStrv) lines = g_strsplit (diff, "\n", -1);

      for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
        g_test_message ("%s", lines[i]);
      g_test_fail_printf ("the %s page of %s does not parse like its text (listed above)",
                          gk_html_style_to_string (c->style), c->seed);
    }

  assert_no_new_parse_findings (report, original);
}

/* The seed's own text, line by line, in the portal: the metadata comes
 * from its own title, signature or footer (seed 004 has no title, and its
 * agency is completed from the government its last line names), with a
 * navigation bar above and a footer naming another government below. */
static void
test_seed_verbatim (gconstpointer data)
{
  const char *seed = data;
  GkReport *original = parse_seed (seed);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "seeds", seed, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GkReport) report = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autofree char *diff = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  text = gk_decode_text ((const guint8 *) contents, length, NULL, &error);
  g_assert_no_error (error);

  bytes = gk_text_write_html_portal (text, GK_HTML_GB2312, &error);
  g_assert_no_error (error);
  report = gk_parse_bytes (bytes, seed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpint (gk_report_get_format (report), ==, GK_FORMAT_HTML);
  g_assert_cmpstr (gk_report_get_encoding (report), ==, "GB18030");

  /* The same evidence, not only the same name. */
  g_assert_cmpstr (gk_report_get_agency_evidence (report), ==, gk_report_get_agency_evidence (original));
  g_assert_cmpstr (gk_report_get_year_evidence (report), ==, gk_report_get_year_evidence (original));

  diff = gk_report_diff (original, report, TRUE, 20);
  if (*diff != '\0')
    {
      g_auto(GStrv) lines = g_strsplit (diff, "\n", -1);

      for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
        g_test_message ("%s", lines[i]);
      g_test_fail_printf ("the text of %s in a portal page does not parse like the text (listed above)", seed);
    }
}

/* The writer really writes what the test relies on: GBK bytes under a
 * gb2312 label, rowspan on the groups of table 3, colspan in headers,
 * chrome around the report. */
static void
test_writer_page (void)
{
  GkReport *original = parse_seed ("002_7c3adba71c2c08c1.txt");
  g_autofree char *text = gk_report_write_html_text (original, GK_HTML_PORTAL, GK_HTML_GB2312);
  g_autoptr(GBytes) bytes = gk_report_write_html (original, GK_HTML_PORTAL, GK_HTML_GB2312, NULL);
  g_autofree char *word = gk_report_write_html_text (original, GK_HTML_WORD, GK_HTML_UTF8);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_assert_nonnull (strstr (text, "<meta charset=\"gb2312\">"));
  g_assert_nonnull (strstr (text, "<td rowspan=\"8\">（三）不予公开</td><td>1.属于国家秘密</td>"));
  g_assert_nonnull (strstr (text, "<td rowspan=\"3\">（四）无法提供</td>"));
  g_assert_nonnull (strstr (text, "<td colspan=\"3\" rowspan=\"3\">（本列数据"));
  g_assert_nonnull (strstr (text, "<td colspan=\"5\">法人或其他组织</td>"));
  g_assert_nonnull (strstr (text, "<td colspan=\"10\">行政诉讼</td>"));
  g_assert_nonnull (strstr (text, "<td rowspan=\"2\">其他对外管理服务事项</td><td>行政检查</td><td>&nbsp;</td>"));
  g_assert_nonnull (strstr (text, "<div class=\"nav\">"));
  g_assert_nonnull (strstr (text, "<div class=\"footer\">"));
  /* GBK, not UTF-8: 门头沟 is C3 C5 CD B7 B9 B5. */
  g_assert_false (g_utf8_validate (data, size, NULL));
  g_assert_nonnull (memmem (data, size, "\xC3\xC5\xCD\xB7\xB9\xB5", 6));

  g_assert_nonnull (strstr (word, "<p class=MsoNormal align=center style='text-align:center'><span\r\n"
                                  "style='font-size:10.0pt;font-family:宋体'>192<span lang=EN-US>"));
  g_assert_nonnull (strstr (word, "<o:p>&nbsp;</o:p>"));
}

/* ---------------------------------------------------------------------- */
/* The reader                                                             */

static void
test_chrome (void)
{
  g_autoptr(GBytes) page = load_fixture ("html-portal-chrome.html");
  g_autofree char *encoding = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (page, &size);
  g_autoptr(GPtrArray) rows = gk_html_read (data, size, &encoding, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = rows_to_string (rows);
  g_assert_cmpstr (encoding, ==, "GB18030");

  /* Scripts and styles never become text, wherever they are. */
  g_assert_null (strstr (text, "function"));
  g_assert_null (strstr (text, "document.write"));
  g_assert_null (strstr (text, "font-size"));
  g_assert_null (strstr (text, "_hmt"));
  /* Nor do the header, navigation, breadcrumb, sidebar and footer. */
  g_assert_null (strstr (text, "首页"));
  g_assert_null (strstr (text, "当前位置"));
  g_assert_null (strstr (text, "相关链接"));
  g_assert_null (strstr (text, "版权所有"));
  g_assert_null (strstr (text, "网站标识码"));
  g_assert_null (strstr (text, "请输入关键字"));
  /* The report does, title first. */
  g_assert_true (g_str_has_prefix (text, "P|北京市某某区人民政府办公室2021年政府信息公开工作年度报告\n"));
  g_assert_nonnull (strstr (text, "\nP|一、总体情况\n"));
  g_assert_nonnull (strstr (text, "\nP|北京市某某区人民政府网站网址为https://www.example.gov.cn/，如需了解更多政府信息，请登录查询。\n"));
}

static void
test_chrome_names_content (void)
{
  /* A wrapper whose class looks like chrome but holds the page's text is
   * the content; a footer inside an article is the article's. */
  g_autofree char *text = read_to_string (
    "<body><div class=\"wrap menu-open\"><div class=\"nav\"><a href=\"/\">首页</a></div>"
    "<article><p>报告正文第一段，足够长的一段文字。</p><p>第二段文字也在这里。</p>"
    "<footer>北京市某某区人民政府办公室</footer></article></div>"
    "<footer>版权所有</footer></body>");

  g_assert_cmpstr (text, ==,
                   "P|报告正文第一段，足够长的一段文字。\n"
                   "P|第二段文字也在这里。\n"
                   "P|北京市某某区人民政府办公室\n");
}

static void
test_merged_cells (void)
{
  g_autofree char *text = read_to_string (
    "<table>"
    "<tr><td rowspan=2 colspan=2>A</td><td>B</td><td rowspan=3>C</td></tr>"
    "<tr><td>D</td></tr>"
    "<tr><td>E</td><td colspan=2>F</td></tr>"
    "<tr><td>G</td><td> </td><td>&nbsp;</td><td>H</td></tr>"
    "</table>");

  /* Text at the top-left of a merge, empty cells at the rest of it. */
  g_assert_cmpstr (text, ==,
                   "G|A||B|C\n"
                   "G|||D|\n"
                   "G|E|F||\n"
                   "G|G|||H\n");
}

static void
test_row_groups (void)
{
  /* rowspan stops at the end of its row group; rowspan=0 runs to it. */
  g_autofree char *text = read_to_string (
    "<table>"
    "<thead><tr><td rowspan=5>A</td><td>B</td></tr></thead>"
    "<tbody><tr><td>C</td><td>D</td></tr>"
    "<tr><td rowspan=0>E</td><td>F</td></tr>"
    "<tr><td>G</td></tr><tr><td>H</td></tr></tbody>"
    "</table>");

  g_assert_cmpstr (text, ==,
                   "G|A|B\n"
                   "G|C|D\n"
                   "G|E|F\n"
                   "G||G\n"
                   "G||H\n");
}

static void
test_layout_tables (void)
{
  /* A table that holds a table lays the page out: its cells are blocks of
   * prose, the inner table is the data.  A one-column table is a box. */
  g_autofree char *text = read_to_string (
    "<table><tr><td>标题</td></tr><tr><td>"
    "<p>正文第一段</p>"
    "<table><tr><td>甲</td><td>乙</td></tr><tr><td>1</td><td>2</td></tr></table>"
    "<p>正文第二段</p></td><td>右栏</td></tr></table>"
    "<table><tr><td><p>方框内的文字</p><p>第二行</p></td></tr></table>");

  g_assert_cmpstr (text, ==,
                   "P|标题\n"
                   "P|正文第一段\n"
                   "G|甲|乙\n"
                   "G|1|2\n"
                   "P|正文第二段\n"
                   "P|右栏\n"
                   "P|方框内的文字\n"
                   "P|第二行\n");
}

static void
test_text (void)
{
  /* White space collapses; a line break between Chinese characters
   * vanishes (Word wraps inside sentences); <br> and blocks end lines;
   * a cell keeps its lines; hidden text is not text. */
  g_autofree char *text = read_to_string (
    "<body><p>2021年，本机关\r\n认真落实  《条例》，\n"
    "receiving 12\n requests.</p>"
    "<div>第一行<br>第二行<span style='display: none'>隐藏</span></div>"
    "<p hidden>也隐藏</p>"
    "<pre>a  b\nc</pre>"
    "<table><tr><td><p>（四）无法</p><p>提供</p></td><td>1<br>2</td></tr></table>"
    "</body>");

  g_assert_cmpstr (text, ==,
                   "P|2021年，本机关认真落实 《条例》， receiving 12 requests.\n"
                   "P|第一行\n"
                   "P|第二行\n"
                   "P|a  b\n"
                   "P|c\n"
                   "G|（四）无法\n提供|1\n2\n");
}

static void
test_word_markup (void)
{
  /* Word's conditional list markers and o:p elements. */
  g_autofree char *text = read_to_string (
    "<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span\n"
    "lang=EN-US>1.<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span></span><![endif]><span\n"
    "style='font-family:仿宋_GB2312'>组织领导情况。<span lang=EN-US><o:p></o:p></span></span></p>"
    "<table><tr><td><p class=MsoNormal><span lang=EN-US>&nbsp;<o:p></o:p></span></p></td>"
    "<td><p class=MsoNormal><span lang=EN-US>0<o:p></o:p></span></p></td></tr></table>");

  g_assert_cmpstr (text, ==,
                   "P|1.\302\240\302\240 组织领导情况。\n"
                   "G||0\n");
}

static void
assert_cell (GkReport   *report,
             GkTableId   id,
             const char *row,
             const char *column,
             const char *raw)
{
  GkTable *table = gk_report_get_table (report, id);
  GkCell *cell = table != NULL ? gk_table_lookup (table, row, column) : NULL;

  g_assert_nonnull (cell);
  g_assert_cmpstr (gk_cell_get_raw (cell) != NULL ? gk_cell_get_raw (cell) : "", ==, raw);
}

static void
test_t2_merged (void)
{
  /* Table 2 with its labels two columns wide (the sub-items of 其他对外管理
   * 服务事项 take the second), blanks in the last column, and a value
   * spanning two: every value stays under its header. */
  const char *html =
    "<p>二、主动公开政府信息情况</p><table>"
    "<tr><td colspan=5>第二十条第（五）项</td></tr>"
    "<tr><td colspan=2>信息内容</td><td>上一年项目数量</td><td>本年增/减</td><td>处理决定数量</td></tr>"
    "<tr><td colspan=2>行政许可</td><td>213</td><td>+2</td><td>&nbsp;</td></tr>"
    "<tr><td rowspan=2>其他对外管理服务事项</td><td>行政检查</td><td></td><td>+45</td><td>131690</td></tr>"
    "<tr><td>行政确认</td><td>3</td><td>+6</td><td>12719</td></tr>"
    "<tr><td colspan=5>第二十条第（八）项</td></tr>"
    "<tr><td colspan=2>信息内容</td><td>上一年项目数量</td><td colspan=2>本年增/减</td></tr>"
    "<tr><td colspan=2>行政事业性收费</td><td>25</td><td colspan=2></td></tr>"
    "</table>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (html, strlen (html));
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = gk_parse_bytes (bytes, "t2.html", &error);

  g_assert_no_error (error);
  g_assert_cmpint (gk_table_get_template (gk_report_get_table (report, GK_TABLE_2)), ==, GK_TEMPLATE_2019);
  assert_cell (report, GK_TABLE_2, "licensing", "prev_items", "213");
  assert_cell (report, GK_TABLE_2, "licensing", "change", "+2");
  assert_cell (report, GK_TABLE_2, "licensing", "decisions", "");
  assert_cell (report, GK_TABLE_2, "other_services.行政检查", "prev_items", "");
  assert_cell (report, GK_TABLE_2, "other_services.行政检查", "change", "+45");
  assert_cell (report, GK_TABLE_2, "other_services.行政检查", "decisions", "131690");
  assert_cell (report, GK_TABLE_2, "other_services.行政确认", "prev_items", "3");
  assert_cell (report, GK_TABLE_2, "other_services.行政确认", "decisions", "12719");
  assert_cell (report, GK_TABLE_2, "fees", "prev_items", "25");
  assert_cell (report, GK_TABLE_2, "fees", "change", "");
}

/* ---------------------------------------------------------------------- */
/* Encodings                                                              */

static GPtrArray *
read_bytes (const guint8  *data,
            gsize          size,
            char         **encoding)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = gk_html_read (data, size, encoding, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static void
test_gb_labels (void)
{
  /* 镕 (U+9555) is in GBK, not in GB 2312: libxml2 decoding "gb2312"
   * would stop there.  Every label of the family reads as GB18030. */
  static const char * const metas[] = {
    "<meta charset=\"gb2312\">",
    "<meta charset=gbk>",
    "<meta charset='GB_2312-80'>",
    "<meta charset=\"x-gbk\">",
    "<meta charset=\"GB18030\">",
    "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">",
    "<META HTTP-EQUIV=Content-Type CONTENT=\"text/html; charset=GBK\">",
  };

  for (guint i = 0; i < G_N_ELEMENTS (metas); i++)
    {
      g_autofree char *html = g_strconcat ("<html><head>", metas[i], "</head><body><p>朱镕基同志</p>"
                                           "<p>之后的文字</p></body></html>", NULL);
      g_autofree char *gbk = g_convert (html, -1, "GBK", "UTF-8", NULL, NULL, NULL);
      g_autofree char *encoding = NULL;
      g_autoptr(GPtrArray) rows = read_bytes ((const guint8 *) gbk, strlen (gbk), &encoding);
      g_autofree char *text = rows_to_string (rows);

      g_assert_cmpstr (encoding, ==, "GB18030");
      g_assert_cmpstr (text, ==, "P|朱镕基同志\nP|之后的文字\n");
    }
}

static void
test_other_encodings (void)
{
  const char *html = "<html><head><meta charset=\"gb2312\"></head><body><p>二、主动公开</p></body></html>";
  g_autofree char *encoding = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *text = NULL;
  gsize len;

  /* Re-saved as UTF-8 with its old gb2312 label: the bytes decide. */
  rows = read_bytes ((const guint8 *) html, strlen (html), &encoding);
  g_assert_cmpstr (encoding, ==, "UTF-8");
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&encoding, g_free);

  /* Big5, declared. */
  {
    g_autofree char *big5 = g_convert ("<meta charset=big5><p>政府資訊公開</p>", -1, "BIG5", "UTF-8", NULL, &len, NULL);

    rows = read_bytes ((const guint8 *) big5, len, &encoding);
    text = rows_to_string (rows);
    g_assert_cmpstr (encoding, ==, "BIG5");
    g_assert_cmpstr (text, ==, "P|政府資訊公開\n");
    g_clear_pointer (&rows, g_ptr_array_unref);
    g_clear_pointer (&encoding, g_free);
    g_clear_pointer (&text, g_free);
  }

  /* UTF-16 big-endian with its BOM, little-endian without. */
  {
    g_autofree char *be = g_convert (html, -1, "UTF-16BE", "UTF-8", NULL, &len, NULL);
    g_autofree guint8 *data = g_malloc (len + 2);

    data[0] = 0xFE;
    data[1] = 0xFF;
    memcpy (data + 2, be, len);
    rows = read_bytes (data, len + 2, &encoding);
    text = rows_to_string (rows);
    g_assert_cmpstr (encoding, ==, "UTF-16BE");
    g_assert_cmpstr (text, ==, "P|二、主动公开\n");
    g_clear_pointer (&rows, g_ptr_array_unref);
    g_clear_pointer (&encoding, g_free);
    g_clear_pointer (&text, g_free);
  }
  {
    g_autofree char *le = g_convert (html, -1, "UTF-16LE", "UTF-8", NULL, &len, NULL);

    rows = read_bytes ((const guint8 *) le, len, &encoding);
    text = rows_to_string (rows);
    g_assert_cmpstr (encoding, ==, "UTF-16LE");
    g_assert_cmpstr (text, ==, "P|二、主动公开\n");
    g_clear_pointer (&rows, g_ptr_array_unref);
    g_clear_pointer (&encoding, g_free);
    g_clear_pointer (&text, g_free);
  }

  /* A GBK page with a byte that is no GBK, and cut inside its last
   * character, still reads, each bad byte replaced. */
  {
    g_autofree char *gbk = g_convert ("<p>第一段</p><p>第二段", -1, "GBK", "UTF-8", NULL, &len, NULL);
    g_autofree char *broken = g_strdup_printf ("<p>1\377</p>%s", gbk);

    rows = read_bytes ((const guint8 *) broken, strlen (broken) - 1, &encoding);
    text = rows_to_string (rows);
    g_assert_cmpstr (encoding, ==, "GB18030");
    g_assert_cmpstr (text, ==, "P|1\357\277\275\nP|第一段\nP|第二\357\277\275\n");
    g_clear_pointer (&rows, g_ptr_array_unref);
    g_clear_pointer (&encoding, g_free);
    g_clear_pointer (&text, g_free);
  }
  /* Many such bytes are not a page in that encoding. */
  {
    g_autoptr(GString) junk = g_string_new ("<meta charset=gbk><p>");
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < 100; i++)
      g_string_append (junk, "\xD6\xD0\xFF");
    rows = gk_html_read ((const guint8 *) junk->str, junk->len, &encoding, &error);
    g_assert_null (rows);
    g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_ENCODING);
    g_assert_nonnull (strstr (error->message, "GB18030"));
  }
  /* A page declared UTF-8 with a bad byte, and the old five-byte form of
   * UTF-8 that glibc's iconv lets through from UTF-8: both are replaced,
   * and the text is UTF-8 (found by fuzz-parse). */
  {
    const char *bad = "<meta charset=\"utf-8\"><p>第一段\345</p><p>第二\373\272\246\243\200段</p>";
    g_autoptr(GError) error = NULL;

    rows = gk_html_read ((const guint8 *) bad, strlen (bad), &encoding, &error);
    g_assert_no_error (error);
    text = rows_to_string (rows);
    g_assert_cmpstr (encoding, ==, "UTF-8");
    g_assert_true (g_utf8_validate (text, -1, NULL));
    g_assert_nonnull (strstr (text, "P|第一段\357\277\275\n"));
    g_assert_nonnull (strstr (text, "P|第二\357\277\275"));
    g_assert_nonnull (strstr (text, "段\n"));
    g_clear_pointer (&rows, g_ptr_array_unref);
    g_clear_pointer (&encoding, g_free);
    g_clear_pointer (&text, g_free);
  }
}

/* ---------------------------------------------------------------------- */
/* Limits and bad pages                                                   */

static void
test_depth_limit (void)
{
  g_autoptr(GString) html = g_string_new ("<html><body>");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  for (guint i = 0; i < 300; i++)
    g_string_append (html, "<div>");
  g_string_append (html, "深处");

  rows = read_html (html->str, NULL, &error);
  g_assert_null (rows);
  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "256"));
}

static void
test_width_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = read_html ("<table><tr><td colspan=900>a</td><td colspan=900>b</td></tr>"
                                         "<tr><td>1</td><td>2</td></tr></table>", NULL, &error);

  g_assert_null (rows);
  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "columns"));
}

static void
test_rowspan_is_cheap (void)
{
  /* A huge rowspan costs one counter, not rows. */
  g_autofree char *text = read_to_string ("<table><tr><td rowspan=65534>a</td><td>b</td></tr>"
                                          "<tr><td>c</td></tr></table>");

  g_assert_cmpstr (text, ==, "G|a|b\nG||c\n");
}

static void
test_empty_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = read_html ("<html><head><script>var a = 1;</script></head>"
                                         "<body><div class=\"nav\"><a href=\"/\">首页</a></div></body></html>",
                                         NULL, &error);

  g_assert_null (rows);
  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_EMPTY);
}

static void
test_no_table (void)
{
  g_autoptr(GBytes) page = load_fixture ("html-no-table.html");
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = gk_parse_bytes (page, "html-no-table.html", &error);

  g_assert_null (report);
  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_NO_TABLES);
  g_assert_nonnull (strstr (error->message, "no report tables"));
}

static void
test_sniffing (void)
{
  /* Markup decides, not a name: whole pages in any encoding, and a
   * fragment copied out of a CMS; a text report that quotes a tag deep
   * in its prose stays text. */
  static const struct { const char *text; GkFormat format; } cases[] = {
    { "<!DOCTYPE html><html><body><p>一</p></body></html>", GK_FORMAT_HTML },
    { "\n\n  <p style=\"text-indent:2em\">一、总体情况</p>\n<p>2021年，…</p>", GK_FORMAT_HTML },
    { "<span style=\"font-size:16px\">某某局2021年政府信息公开工作年度报告</span>", GK_FORMAT_HTML },
    { "某某局2021年政府信息公开工作年度报告\n一、总体情况\n", GK_FORMAT_TEXT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      GkFormat format;

      g_assert_true (gk_format_sniff ((const guint8 *) cases[i].text, strlen (cases[i].text), &format, &error));
      g_assert_no_error (error);
      g_assert_cmpint (format, ==, cases[i].format);
    }

  {
    g_autoptr(GString) text = g_string_new ("某某局2021年政府信息公开工作年度报告\n");
    GkFormat format;

    for (guint i = 0; i < 40; i++)
      g_string_append (text, "一、总体情况。本年度共收到申请若干件，均已按时办结。\n");
    g_string_append (text, "网页上的写法是<p>和<table>。\n");
    g_assert_true (gk_format_sniff ((const guint8 *) text->str, text->len, &format, NULL));
    g_assert_cmpint (format, ==, GK_FORMAT_TEXT);
  }
}

static void
test_legacy_doc (void)
{
  /* An OLE2 compound file (Word 97–2003) with some text after it. */
  static const guint8 doc[] = {
    0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0, 0, 0, 0, 0,
    '<', 'h', 't', 'm', 'l', '>',
  };
  g_autoptr(GBytes) bytes = g_bytes_new_static (doc, sizeof doc);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = gk_parse_bytes (bytes, "report.html", &error);

  g_assert_null (report);
  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, ".doc"));
}

/* ---------------------------------------------------------------------- */
/* Hand-written pages                                                     */

typedef struct
{
  const char *name;
  const char *encoding;
  const char *agency;
  int         year;
  GkTemplate  template_;
  /* "table/row/column=raw" for cells to check; "" after = for a blank */
  const char * const *cells;
} Fixture;

static const char * const word_export_cells[] = {
  "t3/new/natural=3", "t3/new/commercial=1", "t3/new/total=4",
  "t3/carried_in/natural=", "t3/carried_in/total=0",
  "t3/granted/natural=2", "t3/granted/total=2",
  "t3/partial/natural=1", "t3/partial/total=1",
  "t3/denied.1/natural=0", "t3/denied.3/natural=",
  "t3/unable.1/commercial=1", "t3/unable.1/total=1",
  "t3/other.3/natural=0", "t3/total/natural=3", "t3/total/commercial=1", "t3/total/total=4",
  "t3/carried_out/natural=0", "t3/carried_out/total=",
  "t4/review/upheld=", "t4/review/total=", "t4/suit_direct/upheld=1", "t4/suit_direct/total=1",
  "t4/suit_after_review/total=0",
  "t2/rules/issued=0", "t2/normative/issued=2", "t2/normative/repealed=", "t2/normative/in_force=15",
  "t2/licensing/decisions=1024", "t2/penalty/decisions=", "t2/fees/amount=0.35",
  NULL
};

static const char * const utf16_cells[] = {
  "t3/new/natural=5", "t3/new/total=5", "t3/granted/natural=4", "t3/unable.1/natural=1",
  "t3/total/natural=5", "t3/carried_out/natural=0",
  "t4/review/upheld=1", "t4/review/total=1", "t4/suit_after_review/total=0",
  NULL
};

static const Fixture fixtures[] = {
  { "html-word-export.html", "GB18030", "西城区某某街道办事处", 2022, GK_TEMPLATE_2021, word_export_cells },
  { "html-utf16.html", "UTF-16LE", "某某县农业农村局", 2021, GK_TEMPLATE_2021, utf16_cells },
};

static void
test_fixture (gconstpointer data)
{
  const Fixture *fixture = data;
  g_autoptr(GBytes) page = load_fixture (fixture->name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = gk_parse_bytes (page, fixture->name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpint (gk_report_get_format (report), ==, GK_FORMAT_HTML);
  g_assert_cmpstr (gk_report_get_encoding (report), ==, fixture->encoding);
  g_assert_cmpstr (gk_report_get_agency (report), ==, fixture->agency);
  g_assert_cmpint (gk_report_get_year (report), ==, fixture->year);
  g_assert_cmpint (gk_report_get_template (report), ==, fixture->template_);

  for (guint i = 0; fixture->cells[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit_set (fixture->cells[i], "/=", 4);
      GkTableId id;
      GkTable *table;
      GkCell *cell;

      g_assert_true (gk_table_id_from_key (parts[0], &id));
      table = gk_report_get_table (report, id);
      g_assert_nonnull (table);
      cell = gk_table_lookup (table, parts[1], parts[2]);
      if (cell == NULL)
        g_test_fail_printf ("%s: no such cell", fixture->cells[i]);
      else if (g_strcmp0 (gk_cell_get_raw (cell) ? gk_cell_get_raw (cell) : "", parts[3]) != 0)
        g_test_fail_printf ("%s: the cell holds \"%s\"", fixture->cells[i], gk_cell_get_raw (cell));
      else if (*parts[3] == '\0')
        g_assert_cmpint (gk_cell_get_value_class (cell), ==, GK_VALUE_BLANK);
    }

  /* The fixtures' tables are complete: no finding of the parser's own. */
  assert_no_new_parse_findings (report, NULL);
}

/* ---------------------------------------------------------------------- */

static GPtrArray *
list_seeds (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "seeds", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *seeds = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (seeds, g_strdup (name));
  g_ptr_array_sort (seeds, (GCompareFunc) g_strcmp0);
  return seeds;
}

int
main (int   argc,
      char *argv[])
{
  static const struct { GkHtmlStyle style; GkHtmlCharset charset; } pages[] = {
    { GK_HTML_PORTAL, GK_HTML_GB2312 },
    { GK_HTML_WORD, GK_HTML_UTF8 },
    { GK_HTML_PLAIN, GK_HTML_UTF16LE },
  };
  g_autoptr(GPtrArray) seeds = NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (seed_case_free);
  int ret;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  originals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  seeds = list_seeds ();

  for (guint s = 0; s < seeds->len; s++)
    for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
      {
        SeedCase *c = g_new0 (SeedCase, 1);
        g_autofree char *path = NULL;

        c->seed = g_strdup (g_ptr_array_index (seeds, s));
        c->style = pages[p].style;
        c->charset = pages[p].charset;
        g_ptr_array_add (cases, c);
        path = g_strdup_printf ("/formats/html/seed/%.3s/%s-%s", c->seed, gk_html_style_to_string (c->style),
                                gk_html_charset_to_string (c->charset));
        g_test_add_data_func (path, c, test_seed_page);
      }

  for (guint s = 0; s < seeds->len; s++)
    {
      const char *seed = g_ptr_array_index (seeds, s);
      g_autofree char *path = g_strdup_printf ("/formats/html/seed/%.3s/portal-verbatim", seed);

      g_test_add_data_func (path, seed, test_seed_verbatim);
    }

  g_test_add_func ("/formats/html/writer", test_writer_page);
  g_test_add_func ("/formats/html/chrome", test_chrome);
  g_test_add_func ("/formats/html/chrome-names-content", test_chrome_names_content);
  g_test_add_func ("/formats/html/merged-cells", test_merged_cells);
  g_test_add_func ("/formats/html/row-groups", test_row_groups);
  g_test_add_func ("/formats/html/layout-tables", test_layout_tables);
  g_test_add_func ("/formats/html/text", test_text);
  g_test_add_func ("/formats/html/word-markup", test_word_markup);
  g_test_add_func ("/formats/html/t2-merged", test_t2_merged);
  g_test_add_func ("/formats/html/encoding/gb-labels", test_gb_labels);
  g_test_add_func ("/formats/html/encoding/others", test_other_encodings);
  g_test_add_func ("/formats/html/limit/depth", test_depth_limit);
  g_test_add_func ("/formats/html/limit/width", test_width_limit);
  g_test_add_func ("/formats/html/limit/rowspan", test_rowspan_is_cheap);
  g_test_add_func ("/formats/html/bad/empty", test_empty_page);
  g_test_add_func ("/formats/html/bad/no-table", test_no_table);
  g_test_add_func ("/formats/html/sniffing", test_sniffing);
  g_test_add_func ("/formats/html/bad/legacy-doc", test_legacy_doc);
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = g_strdup_printf ("/formats/html/fixture/%s", fixtures[i].name);
      g_test_add_data_func (path, &fixtures[i], test_fixture);
    }

  ret = g_test_run ();
  g_hash_table_unref (originals);
  return ret;
}
