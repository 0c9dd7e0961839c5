/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-report-html.h: renders a GkReport as a web page, the ways reports are
 * published: a bare page, the report inside a government portal's page
 * (header, navigation, breadcrumb, sidebar, footer, scripts and styles
 * around it), or Word's "Save as Web Page" (every cell's text in
 * <p class=MsoNormal><span>, &nbsp; in blank cells, lines wrapped inside
 * sentences).  Tables have the templates' merged cells as rowspan and
 * colspan (gk-report-spans.h).  Used by the format tests and by the
 * benchmark's corpus generator; not part of the app. */

#pragma once

#include <glib.h>

#include "gk-core.h"

G_BEGIN_DECLS

/**
 * GkHtmlStyle:
 * @GK_HTML_PLAIN: headings, paragraphs and tables, nothing else
 * @GK_HTML_PORTAL: the report in a portal page, with chrome that would
 *   change the guessed agency if it were read as the report's text
 * @GK_HTML_WORD: Word's HTML export
 */
typedef enum
{
  GK_HTML_PLAIN = 0,
  GK_HTML_PORTAL,
  GK_HTML_WORD,
} GkHtmlStyle;

#define GK_HTML_N_STYLES 3

/**
 * GkHtmlCharset:
 * @GK_HTML_UTF8: UTF-8, declared in a <meta>
 * @GK_HTML_GB2312: GBK bytes declared as <meta charset="gb2312">, as most
 *   Chinese portals serve them (characters GBK lacks in GB18030)
 * @GK_HTML_UTF16LE: UTF-16LE with a byte order mark, as Word's "Unicode"
 *   web pages
 */
typedef enum
{
  GK_HTML_UTF8 = 0,
  GK_HTML_GB2312,
  GK_HTML_UTF16LE,
} GkHtmlCharset;

#define GK_HTML_N_CHARSETS 3

const char *gk_html_style_to_string   (GkHtmlStyle     style);
const char *gk_html_charset_to_string (GkHtmlCharset   charset);

/* The page's markup in UTF-8, declaring @charset in its <meta>. */
char       *gk_report_write_html_text (GkReport       *report,
                                       GkHtmlStyle     style,
                                       GkHtmlCharset   charset);
/* The page's bytes in @charset. */
GBytes     *gk_report_write_html      (GkReport       *report,
                                       GkHtmlStyle     style,
                                       GkHtmlCharset   charset,
                                       GError        **error);
/* A report's text as it is, its lines and table rows, in the portal page. */
GBytes     *gk_text_write_html_portal (const char     *text,
                                       GkHtmlCharset   charset,
                                       GError        **error);

G_END_DECLS
