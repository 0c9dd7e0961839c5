/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-report-html"

#include "config.h"

#include <string.h>

#include "gk-report-html.h"
#include "gk-report-spans.h"

/* The portal's chrome is made to matter: its navigation has more than the
 * eight lines the title is looked for in, its footer names another
 * government's website (what the agency is guessed from when a report has
 * no title), and a script and a style in the body hold the report's own
 * words.  A reader that kept any of it would guess other metadata or read
 * other text. */

#define PORTAL_GOVERNMENT "某某市人民政府"

const char *
gk_html_style_to_string (GkHtmlStyle style)
{
  switch (style)
    {
    case GK_HTML_PLAIN:  return "plain";
    case GK_HTML_PORTAL: return "portal";
    case GK_HTML_WORD:   return "word";
    default:             g_return_val_if_reached (NULL);
    }
}

const char *
gk_html_charset_to_string (GkHtmlCharset charset)
{
  switch (charset)
    {
    case GK_HTML_UTF8:    return "utf8";
    case GK_HTML_GB2312:  return "gb2312";
    case GK_HTML_UTF16LE: return "utf16le";
    default:              g_return_val_if_reached (NULL);
    }
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

/* Word wraps its HTML at about 76 columns, inside sentences: a line break
 * between two Chinese characters, which a browser joins without a space. */
static void
append_wrapped (GString    *out,
                const char *text)
{
  guint run = 0;
  gunichar previous = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (run >= 30 && g_unichar_iswide (previous) && g_unichar_iswide (c))
        {
          g_string_append (out, "\r\n");
          run = 0;
        }

      if (c == '&')
        g_string_append (out, "&amp;");
      else if (c == '<')
        g_string_append (out, "&lt;");
      else if (c == '>')
        g_string_append (out, "&gt;");
      else
        g_string_append_unichar (out, c);
      previous = c;
      run++;
    }
}

static void
write_meta (GString       *out,
            GkHtmlStyle    style,
            GkHtmlCharset  charset)
{
  switch (charset)
    {
    case GK_HTML_GB2312:
      g_string_append (out, "<meta charset=\"gb2312\">\n");
      break;
    case GK_HTML_UTF16LE:
      if (style == GK_HTML_WORD)
        g_string_append (out, "<meta http-equiv=Content-Type content=\"text/html; charset=unicode\">\n");
      else
        g_string_append (out, "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-16\">\n");
      break;
    case GK_HTML_UTF8:
    default:
      if (style == GK_HTML_WORD)
        g_string_append (out, "<meta http-equiv=Content-Type content=\"text/html; charset=utf-8\">\n");
      else
        g_string_append (out, "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\" />\n");
      break;
    }
}

static void
write_cell_text (GString     *out,
                 const char  *text,
                 GkHtmlStyle  style)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  if (style == GK_HTML_WORD)
    {
      if (*text == '\0')
        {
          g_string_append (out, "<p class=MsoNormal align=center style='text-align:center'><span\r\n"
                                "lang=EN-US style='font-size:10.0pt'><o:p>&nbsp;</o:p></span></p>");
          return;
        }
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_string_append (out, "<p class=MsoNormal align=center style='text-align:center'><span\r\n"
                                "style='font-size:10.0pt;font-family:宋体'>");
          append_escaped (out, lines[i]);
          g_string_append (out, "<span lang=EN-US><o:p></o:p></span></span></p>");
        }
      return;
    }

  if (*text == '\0' && style == GK_HTML_PORTAL)
    {
      g_string_append (out, "&nbsp;");
      return;
    }

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, "<br>");
      append_escaped (out, lines[i]);
    }
}

static void
write_table (GString     *out,
             GkReport    *report,
             GkTableId    id,
             GkHtmlStyle  style)
{
  g_autoptr(GkSpanTable) table = gk_span_table_new (report, id);

  if (table == NULL)
    return;

  switch (style)
    {
    case GK_HTML_WORD:
      g_string_append (out, "<div align=center>\r\n\r\n"
                            "<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0\r\n"
                            " style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;\r\n"
                            " mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>\r\n");
      break;
    case GK_HTML_PORTAL:
      g_string_append (out, "<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\" width=\"100%\" "
                            "style=\"border-collapse:collapse\">\n<tbody>\n");
      break;
    case GK_HTML_PLAIN:
    default:
      g_string_append (out, "<table border=\"1\">\n");
      break;
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, r);

      if (style == GK_HTML_WORD)
        g_string_append_printf (out, " <tr style='mso-yfti-irow:%u;height:20.0pt'>\r\n", r);
      else
        g_string_append (out, "<tr>");

      for (guint c = 0; c < row->len; c++)
        {
          const GkSpanCell *cell = g_ptr_array_index (row, c);

          if (style == GK_HTML_WORD)
            {
              g_string_append_printf (out, "  <td width=%u", 48 * cell->colspan);
              if (cell->colspan > 1)
                g_string_append_printf (out, " colspan=%u", cell->colspan);
              if (cell->rowspan > 1)
                g_string_append_printf (out, " rowspan=%u", cell->rowspan);
              g_string_append (out, " style='border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'>\r\n  ");
              write_cell_text (out, cell->text, style);
              g_string_append (out, "\r\n  </td>\r\n");
            }
          else
            {
              g_string_append (out, "<td");
              if (cell->colspan > 1)
                g_string_append_printf (out, " colspan=\"%u\"", cell->colspan);
              if (cell->rowspan > 1)
                g_string_append_printf (out, " rowspan=\"%u\"", cell->rowspan);
              g_string_append_c (out, '>');
              write_cell_text (out, cell->text, style);
              g_string_append (out, "</td>");
            }
        }

      g_string_append (out, style == GK_HTML_WORD ? " </tr>\r\n" : "</tr>\n");
    }

  switch (style)
    {
    case GK_HTML_WORD:
      g_string_append (out, "</table>\r\n\r\n</div>\r\n\r\n"
                            "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>\r\n\r\n");
      break;
    case GK_HTML_PORTAL:
      g_string_append (out, "</tbody>\n</table>\n");
      break;
    case GK_HTML_PLAIN:
    default:
      g_string_append (out, "</table>\n");
      break;
    }
}

static void
write_paragraph (GString     *out,
                 const char  *text,
                 GkHtmlStyle  style,
                 gboolean     heading)
{
  switch (style)
    {
    case GK_HTML_WORD:
      g_string_append (out, "<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt'><span\r\n");
      g_string_append (out, heading ? "style='font-size:16.0pt;font-family:黑体'>"
                                    : "style='font-size:16.0pt;font-family:仿宋_GB2312'>");
      append_wrapped (out, text);
      g_string_append (out, "<span lang=EN-US><o:p></o:p></span></span></p>\r\n\r\n");
      break;
    case GK_HTML_PORTAL:
      g_string_append (out, heading ? "<p style=\"text-indent:2em;\"><strong>" : "<p style=\"text-indent:2em;\">");
      append_escaped (out, text);
      g_string_append (out, heading ? "</strong></p>\n" : "</p>\n");
      break;
    case GK_HTML_PLAIN:
    default:
      g_string_append (out, heading ? "<h2>" : "<p>");
      append_escaped (out, text);
      g_string_append (out, heading ? "</h2>\n" : "</p>\n");
      break;
    }
}

static void
write_report (GString     *out,
              GkReport    *report,
              GkHtmlStyle  style)
{
  write_paragraph (out, gk_report_preamble (), style, FALSE);

  for (guint i = 0; i < GK_N_SECTIONS; i++)
    {
      g_auto(GStrv) lines = gk_report_prose_lines (report, i);

      write_paragraph (out, gk_report_heading (i), style, TRUE);
      for (guint l = 0; lines[l] != NULL; l++)
        write_paragraph (out, lines[l], style, FALSE);

      if (i >= 1 && i <= 3)
        write_table (out, report, GK_TABLE_2 + (i - 1), style);
    }
}

/* The portal page around @body.  Without a @title the article has no
 * heading of its own: the body's first lines are the report's. */
static void
write_portal (GString       *out,
              const char    *title_or_null,
              const char    *body,
              GkHtmlCharset  charset)
{
  static const char * const menu[] = {
    "首页", "政务公开", "政务服务", "互动交流", "走进某某", "政策文件", "通知公告",
    "人事信息", "政府信息公开年报", "专题专栏", "数据开放",
  };
  const char *title = title_or_null != NULL ? title_or_null : "政府信息公开工作年度报告";

  g_string_append (out, "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
                        "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
                        "<html xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n");
  write_meta (out, GK_HTML_PORTAL, charset);
  g_string_append (out, "<meta http-equiv=\"X-UA-Compatible\" content=\"IE=edge\" />\n<title>");
  append_escaped (out, title);
  g_string_append (out, "_" PORTAL_GOVERNMENT "门户网站</title>\n<meta name=\"ArticleTitle\" content=\"");
  append_escaped (out, title);
  g_string_append (out, "\" />\n"
                        "<link rel=\"stylesheet\" type=\"text/css\" href=\"/images/style.css\" />\n"
                        "<style type=\"text/css\">\n"
                        "body { font-family: \"微软雅黑\"; } .content td { border: 1px solid #000; }\n"
                        "</style>\n"
                        "<script type=\"text/javascript\" src=\"/js/jquery.min.js\"></script>\n"
                        "</head>\n<body>\n"
                        "<div class=\"header\">\n  <div class=\"logo\">" PORTAL_GOVERNMENT "门户网站</div>\n"
                        "  <div class=\"search\"><form action=\"/search\"><input type=\"text\" value=\"请输入关键字\" />"
                        "<button>搜索</button></form></div>\n</div>\n"
                        "<div class=\"nav\"><ul>\n");
  for (guint i = 0; i < G_N_ELEMENTS (menu); i++)
    g_string_append_printf (out, "  <li><a href=\"/col/col%u/index.html\">%s</a></li>\n", 100 + i, menu[i]);
  g_string_append (out, "</ul></div>\n"
                        "<div class=\"crumb\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/zwgk/\">政务公开</a> &gt; "
                        "<a href=\"/zwgk/ndbg/\">政府信息公开年报</a></div>\n"
                        "<script type=\"text/javascript\">\n"
                        "  var ArticleTitle = \"政府信息公开工作年度报告\";\n"
                        "  document.write(\"<p>一、总体情况 本年新收政府信息公开申请数量 999<\\/p>\");\n"
                        "</script>\n"
                        "<style>.article h1 { font-size: 22px; } /* 二、主动公开政府信息情况 */</style>\n"
                        "<div class=\"main\">\n<div class=\"article\">\n");
  if (title_or_null != NULL)
    {
      g_string_append (out, "<h1 class=\"title\">");
      append_escaped (out, title);
      g_string_append (out, "</h1>\n");
    }
  g_string_append (out, "<div class=\"info\">发布时间：2022-01-20　来源：本网　【字体：<a href=\"javascript:;\">大</a> "
                        "<a href=\"javascript:;\">中</a> <a href=\"javascript:;\">小</a>】</div>\n"
                        "<div class=\"content\" id=\"zoom\">\n");
  g_string_append (out, body);
  g_string_append (out, "</div>\n"
                        "<div class=\"share\">分享到：<a href=\"#\">微信</a> <a href=\"#\">微博</a></div>\n"
                        "</div>\n"
                        "<div class=\"sidebar\"><h3>相关链接</h3><ul>\n"
                        "  <li><a href=\"/a.html\">2020年政府信息公开工作年度报告</a></li>\n"
                        "  <li><a href=\"/b.html\">2019年政府信息公开工作年度报告</a></li>\n"
                        "</ul></div>\n</div>\n"
                        "<div class=\"footer\">\n"
                        "  <p>主办：" PORTAL_GOVERNMENT "办公室　承办：" PORTAL_GOVERNMENT "大数据中心</p>\n"
                        "  <p>版权所有：" PORTAL_GOVERNMENT "网站　网站标识码：1100000001　京ICP备05060933号</p>\n"
                        "  <p>" PORTAL_GOVERNMENT "政府网站由" PORTAL_GOVERNMENT "办公室主办</p>\n"
                        "</div>\n"
                        "<script type=\"text/javascript\">var _hmt = _hmt || []; /* 北京市某某区人民政府办公室 */</script>\n"
                        "</body>\n</html>\n");
}

static void
write_word (GString       *out,
            GkReport      *report,
            GkHtmlCharset  charset)
{
  g_autofree char *title = gk_report_title (report);

  g_string_append (out, "<html xmlns:v=\"urn:schemas-microsoft-com:vml\"\r\n"
                        "xmlns:o=\"urn:schemas-microsoft-com:office:office\"\r\n"
                        "xmlns:w=\"urn:schemas-microsoft-com:office:word\"\r\n"
                        "xmlns:m=\"http://schemas.microsoft.com/office/2004/12/omml\"\r\n"
                        "xmlns=\"http://www.w3.org/TR/REC-html40\">\r\n\r\n<head>\r\n");
  write_meta (out, GK_HTML_WORD, charset);
  g_string_append (out, "<meta name=ProgId content=Word.Document>\r\n"
                        "<meta name=Generator content=\"Microsoft Word 15\">\r\n"
                        "<title>");
  append_escaped (out, title);
  g_string_append (out, "</title>\r\n"
                        "<!--[if gte mso 9]><xml>\r\n <w:WordDocument>\r\n  <w:View>Print</w:View>\r\n"
                        " </w:WordDocument>\r\n</xml><![endif]-->\r\n"
                        "<style>\r\n<!--\r\n /* Font Definitions */\r\n @font-face\r\n\t{font-family:宋体;}\r\n"
                        "p.MsoNormal\r\n\t{margin:0cm;text-align:justify;font-size:10.5pt;}\r\n-->\r\n</style>\r\n"
                        "</head>\r\n\r\n<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>\r\n\r\n"
                        "<div class=WordSection1 style='layout-grid:15.6pt'>\r\n\r\n"
                        "<p class=MsoNormal align=center style='text-align:center'><b><span\r\n"
                        "style='font-size:22.0pt;font-family:方正小标宋简体'>");
  append_wrapped (out, title);
  g_string_append (out, "<span lang=EN-US><o:p></o:p></span></span></b></p>\r\n\r\n");
  write_report (out, report, GK_HTML_WORD);
  g_string_append (out, "</div>\r\n\r\n</body>\r\n\r\n</html>\r\n");
}

static void
write_plain (GString       *out,
             GkReport      *report,
             GkHtmlCharset  charset)
{
  g_autofree char *title = gk_report_title (report);

  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n");
  write_meta (out, GK_HTML_PLAIN, charset);
  g_string_append (out, "<title>");
  append_escaped (out, title);
  g_string_append (out, "</title>\n</head>\n<body>\n<h1>");
  append_escaped (out, title);
  g_string_append (out, "</h1>\n");
  write_report (out, report, GK_HTML_PLAIN);
  g_string_append (out, "</body>\n</html>\n");
}

/**
 * gk_report_write_html_text:
 * @report: a report
 * @style: how the page is made
 * @charset: the charset its <meta> declares
 *
 * Returns: (transfer full): the page, UTF-8
 */
char *
gk_report_write_html_text (GkReport      *report,
                           GkHtmlStyle    style,
                           GkHtmlCharset  charset)
{
  GString *out;

  g_return_val_if_fail (GK_IS_REPORT (report), NULL);

  out = g_string_sized_new (64 * 1024);
  switch (style)
    {
    case GK_HTML_PORTAL:
      {
        g_autofree char *title = gk_report_title (report);
        g_autoptr(GString) body = g_string_new (NULL);

        write_report (body, report, GK_HTML_PORTAL);
        write_portal (out, title, body->str, charset);
      }
      break;
    case GK_HTML_WORD:
      write_word (out, report, charset);
      break;
    case GK_HTML_PLAIN:
    default:
      write_plain (out, report, charset);
      break;
    }
  return g_string_free (out, FALSE);
}

static GBytes *
encode (char           *text,
        GkHtmlCharset   charset,
        GError        **error)
{
  g_autofree char *owned = text;
  g_autofree char *converted = NULL;
  gsize len = 0;

  switch (charset)
    {
    case GK_HTML_GB2312:
      /* GB18030 is GBK for every character GBK has. */
      converted = g_convert (owned, -1, "GB18030", "UTF-8", NULL, &len, error);
      return converted != NULL ? g_bytes_new_take (g_steal_pointer (&converted), len) : NULL;

    case GK_HTML_UTF16LE:
      converted = g_convert (owned, -1, "UTF-16LE", "UTF-8", NULL, &len, error);
      if (converted == NULL)
        return NULL;
      {
        guint8 *buf = g_malloc (len + 2);

        buf[0] = 0xFF;
        buf[1] = 0xFE;
        memcpy (buf + 2, converted, len);
        return g_bytes_new_take (buf, len + 2);
      }

    case GK_HTML_UTF8:
    default:
      len = strlen (owned);
      return g_bytes_new_take (g_steal_pointer (&owned), len);
    }
}

/**
 * gk_text_write_html_portal:
 * @text: a report's text, UTF-8
 * @charset: how to encode the page
 * @error: set when the text cannot be encoded
 *
 * Wraps a report's text as it is in the portal page: each line of prose
 * (as gk_layout_read() finds them) a paragraph, each run of table rows a
 * table with a cell per field and no merges.  The report keeps its own
 * title, signature and footer lines, so the metadata is guessed from them
 * with the chrome around them.
 *
 * Returns: (transfer full) (nullable): the page's bytes
 */
GBytes *
gk_text_write_html_portal (const char     *text,
                           GkHtmlCharset   charset,
                           GError        **error)
{
  g_autoptr(GPtrArray) rows = gk_layout_read (text);
  g_autoptr(GString) body = g_string_new (NULL);
  GString *out = g_string_sized_new (64 * 1024);
  gboolean in_table = FALSE;

  for (guint r = 0; r < rows->len; r++)
    {
      const GkTextRow *row = g_ptr_array_index (rows, r);

      if (row->layout == GK_ROW_PROSE)
        {
          if (in_table)
            g_string_append (body, "</table>\n");
          in_table = FALSE;
          g_string_append (body, "<p>");
          append_escaped (body, row->cells[0].raw);
          g_string_append (body, "</p>\n");
          continue;
        }

      if (!in_table)
        g_string_append (body, "<table border=\"1\">\n");
      in_table = TRUE;
      g_string_append (body, "<tr>");
      for (guint c = 0; c < row->n_cells; c++)
        {
          g_auto(GStrv) lines = g_strsplit (row->cells[c].raw, "\n", -1);

          g_string_append (body, "<td>");
          for (guint l = 0; lines[l] != NULL; l++)
            {
              if (l > 0)
                g_string_append (body, "<br>");
              append_escaped (body, lines[l]);
            }
          g_string_append (body, "</td>");
        }
      g_string_append (body, "</tr>\n");
    }
  if (in_table)
    g_string_append (body, "</table>\n");

  write_portal (out, NULL, body->str, charset);
  return encode (g_string_free (out, FALSE), charset, error);
}

/**
 * gk_report_write_html:
 * @report: a report
 * @style: how the page is made
 * @charset: how it is encoded
 * @error: set when the text cannot be encoded
 *
 * Returns: (transfer full) (nullable): the page's bytes
 */
GBytes *
gk_report_write_html (GkReport       *report,
                      GkHtmlStyle     style,
                      GkHtmlCharset   charset,
                      GError        **error)
{
  g_return_val_if_fail (GK_IS_REPORT (report), NULL);

  return encode (gk_report_write_html_text (report, style, charset), charset, error);
}
