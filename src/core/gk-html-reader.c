/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-html-reader"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "gk-decode.h"
#include "gk-grid.h"
#include "gk-html-reader.h"
#include "gk-normalize.h"
#include "gk-parser.h"

/* A saved web page: the report sits inside a portal's chrome (header,
 * navigation, breadcrumb, sidebar, footer, scripts), or is a whole page
 * that Word exported.  The reader keeps the report's text and tables and
 * drops the chrome, because the metadata guesses read the first and last
 * lines of prose: a navigation bar above the title or a footer naming the
 * portal's government would change whose report it seems to be.
 *
 * The bytes are decoded here, not by libxml2: libxml2 takes a declared
 * "gb2312" literally and stops at the first character outside GB 2312,
 * silently, and real pages declare gb2312 while holding GBK.  The parser
 * gets UTF-8 with the encoding forced and the page's own declaration
 * ignored. */

/* Elements nested deeper than this are not a report, and walking them
 * recursively must stay within the stack. */
#define MAX_DEPTH 256

/* Word writes a long list of namespaces before its <meta>. */
#define PRESCAN_BYTES 8192

/* A page whose bytes do not all decode keeps going past a few bad bytes
 * (a download cut inside a character), not past many. */
#define MAX_BAD_BYTES(length) MAX (16, (length) / 1000)

/* ---------------------------------------------------------------------- */
/* Encoding                                                               */

static const char * const gb_labels[] = {
  "gb2312", "gbk", "gb_2312-80", "gb_2312", "gb-2312", "x-gbk", "x-gb2312", "gb18030", "cp936",
  "x-cp936", "ms936", "windows-936", "csgb2312", "chinese", "iso-ir-58", "csiso58gb231280",
  "euc-cn", "x-euc-cn",
};

static const char * const utf8_labels[] = {
  "utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8",
  /* A page whose bytes are ASCII-compatible and that declares UTF-16 was
   * converted after it was written: browsers read it as UTF-8 too. */
  "utf-16", "utf-16le", "utf-16be", "unicode", "ucs-2", "csunicode", "iso-10646-ucs-2",
};

static const char * const big5_labels[] = {
  "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5",
};

static gboolean
label_in (const char         *label,
          const char * const *labels,
          guint               n)
{
  for (guint i = 0; i < n; i++)
    if (strcmp (label, labels[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The charset iconv decodes a declared label with.  Every label of the
 * GB family is read as GB18030, the superset the others are subsets of.
 * Other labels (latin1 and the like on a Chinese page) are mistakes the
 * bytes themselves correct better. */
static const char *
charset_for_label (const char *label)
{
  if (label == NULL)
    return NULL;
  if (label_in (label, gb_labels, G_N_ELEMENTS (gb_labels)))
    return "GB18030";
  if (label_in (label, utf8_labels, G_N_ELEMENTS (utf8_labels)))
    return "UTF-8";
  if (label_in (label, big5_labels, G_N_ELEMENTS (big5_labels)))
    return "BIG5-HKSCS";
  return NULL;
}

/* The name a report gives its encoding: Big5 is read as BIG5-HKSCS, its
 * superset, but the page is Big5. */
static const char *
encoding_name (const char *charset)
{
  return strcmp (charset, "BIG5-HKSCS") == 0 ? "BIG5" : charset;
}

/* The label after "charset" or "encoding" in @tag (lower case):
 * charset="gb2312", charset=gbk, content="text/html; charset=utf-8". */
static char *
label_after (const char *tag,
             const char *tag_end,
             const char *key)
{
  const char *p = g_strstr_len (tag, tag_end - tag, key);
  const char *start;

  if (p == NULL)
    return NULL;
  p += strlen (key);
  while (p < tag_end && g_ascii_isspace (*p))
    p++;
  if (p >= tag_end || *p != '=')
    return NULL;
  p++;
  while (p < tag_end && (g_ascii_isspace (*p) || *p == '"' || *p == '\''))
    p++;
  start = p;
  while (p < tag_end && (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.' || *p == ':'))
    p++;
  return p > start ? g_strndup (start, p - start) : NULL;
}

/* The encoding a page declares in its first few kB: an XML declaration
 * or the first <meta> that names a charset. */
static char *
declared_label (const guint8 *data,
                gsize         length)
{
  g_autofree char *head = g_ascii_strdown ((const char *) data, MIN (length, PRESCAN_BYTES));
  const char *p = head;

  while (g_ascii_isspace (*p))
    p++;
  if (g_str_has_prefix (p, "<?xml"))
    {
      const char *end = strstr (p, "?>");
      char *label = end ? label_after (p, end, "encoding") : NULL;

      if (label != NULL)
        return label;
    }

  for (p = strstr (head, "<meta"); p != NULL; p = strstr (p, "<meta"))
    {
      const char *end = strchr (p, '>');
      char *label;

      if (end == NULL)
        break;
      label = label_after (p, end, "charset");
      if (label != NULL)
        return label;
      p = end;
    }

  return NULL;
}

/* UTF-16 without a byte order mark: markup is ASCII, so the zero bytes
 * fall on one side of each pair. */
static const char *
bomless_utf16 (const guint8 *data,
               gsize         length)
{
  gsize n = MIN (length, 512) & ~(gsize) 1;
  gsize zero_odd = 0, zero_even = 0;

  for (gsize i = 0; i < n; i += 2)
    {
      if (data[i] == 0 && data[i + 1] != 0)
        zero_even++;
      else if (data[i] != 0 && data[i + 1] == 0)
        zero_odd++;
    }

  if (n >= 8 && zero_odd * 2 > n / 2)
    return "UTF-16LE";
  if (n >= 8 && zero_even * 2 > n / 2)
    return "UTF-16BE";
  return NULL;
}

static char *
normalize_newlines (GString *text)
{
  char *w = text->str;

  for (const char *r = text->str; *r; r++)
    {
      if (*r == '\r')
        {
          *w++ = '\n';
          if (r[1] == '\n')
            r++;
        }
      else
        *w++ = *r;
    }
  *w = '\0';
  return g_string_free (text, FALSE);
}

/* Decodes with U+FFFD for the bytes that are not @charset, up to a few. */
static char *
decode_lenient (const guint8  *data,
                gsize          length,
                const char    *charset,
                GError       **error)
{
  g_autoptr(GString) out = g_string_sized_new (length + length / 2 + 16);
  GIConv cd = g_iconv_open ("UTF-8", charset);
  gchar *in = (gchar *) data;
  gsize in_left = length;
  gsize bad = 0;

  if (cd == (GIConv) -1)
    {
      g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_ENCODING,
                   _("the page is in %s, which this system cannot decode"), charset);
      return NULL;
    }

  while (in_left > 0)
    {
      char buf[4096];
      gchar *outp = buf;
      gsize out_left = sizeof buf;
      gsize r = g_iconv (cd, &in, &in_left, &outp, &out_left);
      int saved = errno;

      g_string_append_len (out, buf, outp - buf);
      if (r != (gsize) -1 || saved == E2BIG)
        continue;

      if (saved != EILSEQ && saved != EINVAL)
        break;
      if (++bad > MAX_BAD_BYTES (length))
        break;
      g_string_append (out, "\xEF\xBF\xBD");
      in++;
      in_left--;
      g_iconv (cd, NULL, NULL, NULL, NULL);
    }
  g_iconv_close (cd);

  if (in_left > 0)
    {
      g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_ENCODING,
                   /* Translators: %s is an encoding such as GB18030 */
                   _("the page is not valid %s text: more than %lu bytes cannot be decoded"),
                   charset, (gulong) MAX_BAD_BYTES (length));
      return NULL;
    }

  if (memchr (out->str, '\0', out->len) != NULL)
    {
      g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_BINARY,
                   _("the page holds NUL characters: it is not a web page"));
      return NULL;
    }

  /* From "UTF-8", glibc's iconv passes the old five- and six-byte forms
   * (lead bytes 0xF8 to 0xFD) through unchanged (as in gk-decode.c):
   * they are bad bytes too.  Found by fuzz-parse. */
  if (!g_utf8_validate_len (out->str, out->len, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (out->str, out->len);

      g_string_assign (out, valid);
    }

  return normalize_newlines (g_steal_pointer (&out));
}

static char *
decode_strict (const guint8  *data,
               gsize          length,
               const char    *charset,
               GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *text = gk_decode_with (data, length, charset, &local_error);

  if (text == NULL && error != NULL)
    g_set_error_literal (error, GK_PARSE_ERROR,
                         g_error_matches (local_error, GK_DECODE_ERROR, GK_DECODE_ERROR_BINARY)
                         ? GK_PARSE_ERROR_BINARY : GK_PARSE_ERROR_ENCODING,
                         local_error->message);
  return text;
}

/* The page as UTF-8.  A byte order mark decides; then bytes that are valid
 * UTF-8 are UTF-8 whatever the page declares (pages re-saved as UTF-8 keep
 * their old gb2312 <meta>, and GBK text is never valid UTF-8); then the
 * declared charset; then what the text decoder finds (GB18030 first). */
static char *
decode_page (const guint8  *data,
             gsize          length,
             char         **encoding,
             GError       **error)
{
  const char *charset = NULL;
  g_autofree char *label = NULL;
  gsize skip = 0;
  char *text;

  if (length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    charset = "UTF-8", skip = 3;
  else if (length >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    charset = "UTF-16LE", skip = 2;
  else if (length >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    charset = "UTF-16BE", skip = 2;
  else
    charset = bomless_utf16 (data, length);

  if (charset != NULL)
    {
      text = decode_strict (data + skip, length - skip, charset, NULL);
      if (text == NULL)
        text = decode_lenient (data + skip, length - skip, charset, error);
      if (text != NULL)
        *encoding = g_strdup (charset);
      return text;
    }

  if (g_utf8_validate ((const char *) data, length, NULL))
    {
      text = decode_strict (data, length, "UTF-8", error);
      if (text != NULL)
        *encoding = g_strdup ("UTF-8");
      return text;
    }

  label = declared_label (data, length);
  charset = charset_for_label (label);
  if (charset != NULL && strcmp (charset, "UTF-8") != 0)
    {
      text = decode_strict (data, length, charset, NULL);
      if (text != NULL)
        {
          *encoding = g_strdup (encoding_name (charset));
          return text;
        }
    }

  text = gk_decode_text (data, length, encoding, NULL);
  if (text != NULL)
    return text;

  /* Nothing decodes all of it: the declared charset, or GB18030, the
   * likeliest for a Chinese page, with the bad bytes replaced. */
  if (charset == NULL)
    charset = "GB18030";
  text = decode_lenient (data, length, charset, error);
  if (text != NULL)
    *encoding = g_strdup (encoding_name (charset));
  return text;
}

/* Word marks its list numbers and spacers with "<![if !supportLists]>" …
 * "<![endif]>".  A browser reads "<![" as a bogus comment up to the next
 * ">" and shows what is between; libxml2 keeps the markers as text.  They
 * are dropped in place, keeping their line breaks so that line numbers
 * stay the source's. */
static void
drop_bogus_comments (char *text)
{
  char *w = strstr (text, "<![");
  const char *r = w;

  if (w == NULL)
    return;

  while (*r)
    {
      if (r[0] == '<' && r[1] == '!' && r[2] == '[' && !g_str_has_prefix (r, "<![CDATA["))
        {
          const char *end = strchr (r, '>');

          if (end == NULL)
            break;
          for (; r <= end; r++)
            if (*r == '\n')
              *w++ = '\n';
          continue;
        }
      *w++ = *r++;
    }
  while (*r)
    *w++ = *r++;
  *w = '\0';
}

/* ---------------------------------------------------------------------- */
/* What is chrome                                                         */

typedef struct
{
  guint    chars;       /* characters of text, white space aside */
  guint    link_chars;  /* … of them inside <a href> */
  gboolean has_table;   /* a <table> below this element */
} Stats;

static gboolean
name_is (const xmlNode *node,
         const char    *name)
{
  return node->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static gboolean
name_in (const xmlNode      *node,
         const char * const *names,
         guint               n)
{
  if (node->type != XML_ELEMENT_NODE)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_ascii_strcasecmp ((const char *) node->name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Elements whose content is never text of the page. */
static gboolean
is_never_text (const xmlNode *node)
{
  static const char * const names[] = {
    "script", "style", "noscript", "template", "head", "title", "iframe", "frame", "frameset",
    "object", "embed", "applet", "svg", "math", "canvas", "audio", "video", "select", "option",
    "button", "input", "textarea", "map", "area", "meta", "link", "base", "img", "param",
    "source", "track", "datalist", "xml",
  };

  return name_in (node, names, G_N_ELEMENTS (names));
}

static gboolean
is_block (const xmlNode *node)
{
  static const char * const names[] = {
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol",
    "p", "pre", "section", "summary", "table", "caption", "tbody", "thead", "tfoot", "tr", "td",
    "th", "ul", "legend", "listing", "xmp", "plaintext",
  };

  return name_in (node, names, G_N_ELEMENTS (names));
}

static Stats *
stats_of (GArray  *stats,
          xmlNode *node)
{
  guint index = GPOINTER_TO_UINT (node->_private);

  g_assert (index > 0);
  return &g_array_index (stats, Stats, index - 1);
}

static guint
count_chars (const char *text)
{
  guint n = 0;

  for (const guchar *p = (const guchar *) text; *p; p++)
    if ((*p & 0xC0) != 0x80 && !g_ascii_isspace (*p))
      n++;
  return n;
}

/* Measures every element once, bottom up, into @stats (indexed from the
 * node's _private), so that the walk can ask of any element how much of
 * its text is links and whether it holds a table. */
static gboolean
measure (GArray   *stats,
         xmlNode  *node,
         guint     depth,
         gboolean  in_link,
         Stats    *parent,
         GError  **error)
{
  Stats mine = { 0, };
  guint index;

  if (depth > MAX_DEPTH)
    {
      g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT,
                   _("the page nests its elements more than %d deep (line %d): refused as a safety limit"),
                   MAX_DEPTH, (int) xmlGetLineNo (node));
      return FALSE;
    }

  if (is_never_text (node))
    return TRUE;

  in_link = in_link || (name_is (node, "a") && xmlHasProp (node, (const xmlChar *) "href") != NULL);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        {
          guint n = count_chars ((const char *) child->content);

          mine.chars += n;
          if (in_link)
            mine.link_chars += n;
        }
      else if (child->type == XML_ELEMENT_NODE)
        {
          if (name_is (child, "table"))
            mine.has_table = TRUE;
          if (!measure (stats, child, depth + 1, in_link, &mine, error))
            return FALSE;
        }
    }

  g_array_append_val (stats, mine);
  index = stats->len;
  node->_private = GUINT_TO_POINTER (index);

  if (parent != NULL)
    {
      parent->chars += mine.chars;
      parent->link_chars += mine.link_chars;
      parent->has_table = parent->has_table || mine.has_table;
    }
  return TRUE;
}

static gboolean
is_hidden (xmlNode *node)
{
  g_autofree xmlChar *style = NULL;
  g_autofree char *compact = NULL;
  char *w;

  if (xmlHasProp (node, (const xmlChar *) "hidden") != NULL)
    return TRUE;

  style = xmlGetProp (node, (const xmlChar *) "style");
  if (style == NULL)
    return FALSE;

  compact = g_ascii_strdown ((const char *) style, -1);
  w = compact;
  for (const char *r = compact; *r; r++)
    if (!g_ascii_isspace (*r))
      *w++ = *r;
  *w = '\0';

  return strstr (compact, "display:none") != NULL || strstr (compact, "visibility:hidden") != NULL
         || strstr (compact, "mso-hide:all") != NULL;
}

/* A class or id that portals give their chrome: "nav", "footer",
 * "nav-wrap", "footer_box".  "header" only alone: "article-header" and
 * "header-title" may hold the report's title. */
static gboolean
is_chrome_name (const char *value)
{
  static const char * const names[] = {
    "nav", "navbar", "navigation", "menu", "footer", "foot", "bottom", "copyright", "breadcrumb",
    "breadcrumbs", "crumb", "crumbs", "sidebar", "banner", "toolbar", "share",
  };
  g_autofree char *lower = g_ascii_strdown (value, -1);
  g_auto(GStrv) tokens = g_strsplit_set (lower, " \t\n\r\f", -1);

  for (guint t = 0; tokens[t] != NULL; t++)
    {
      const char *token = tokens[t];

      if (strcmp (token, "header") == 0)
        return TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        if (g_str_has_prefix (token, names[i])
            && (token[strlen (names[i])] == '\0' || token[strlen (names[i])] == '-'
                || token[strlen (names[i])] == '_'))
          return TRUE;
    }
  return FALSE;
}

static gboolean
has_chrome_attribute (xmlNode *node)
{
  static const char * const attributes[] = { "class", "id" };

  for (guint i = 0; i < G_N_ELEMENTS (attributes); i++)
    {
      g_autofree xmlChar *value = xmlGetProp (node, (const xmlChar *) attributes[i]);

      if (value != NULL && is_chrome_name ((const char *) value))
        return TRUE;
    }
  return FALSE;
}

static gboolean
inside_article (xmlNode *node)
{
  for (xmlNode *p = node->parent; p != NULL; p = p->parent)
    if (name_is (p, "article") || name_is (p, "main"))
      return TRUE;
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* The walk                                                               */

typedef struct
{
  GPtrArray *rows;
  GArray    *stats;
  GString   *line;        /* the line of prose, or of a cell, being read */
  guint      line_no;
  gboolean   space;       /* white space since the last character */
  gboolean   newline;     /* … holding a line break */
  gunichar   last;
  guint      pre;         /* inside <pre>: white space is kept */
  GPtrArray *cell_lines;  /* while reading a table cell: its lines */
  guint      page_chars;  /* characters of text in the whole page */
  GError    *error;
} Reader;

static guint
line_of (xmlNode *node)
{
  long line = xmlGetLineNo (node);

  return line > 0 ? (guint) line : 0;
}

/* Ends the line being read: a prose row, or a line of the cell. */
static void
flush_line (Reader *self)
{
  gsize start, end;

  gk_normalize_strip_bounds (self->line->str, self->line->len, &start, &end);
  if (end > start)
    {
      if (self->cell_lines != NULL)
        g_ptr_array_add (self->cell_lines, g_strndup (self->line->str + start, end - start));
      else
        {
          const char *text = self->line->str;
          g_ptr_array_add (self->rows, gk_text_row_new (GK_ROW_PROSE, self->line_no, &text, 1));
        }
    }

  g_string_truncate (self->line, 0);
  self->space = self->newline = FALSE;
  self->last = 0;
}

static gboolean
is_html_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* White space collapses to one space, as a browser shows it; a line break
 * between two Chinese characters collapses to nothing (Word wraps its HTML
 * inside sentences, and a browser joins them again). */
static void
append_text (Reader     *self,
             const char *text,
             guint       line)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (self->pre > 0)
        {
          if (c == '\n')
            {
              flush_line (self);
              continue;
            }
          if (c == '\t')
            c = ' ';
        }
      else if (is_html_space (c))
        {
          self->space = TRUE;
          if (c == '\n' || c == '\r')
            self->newline = TRUE;
          continue;
        }

      if (self->space && self->line->len > 0
          && !(self->newline && g_unichar_iswide (self->last) && g_unichar_iswide (c)))
        g_string_append_c (self->line, ' ');
      self->space = self->newline = FALSE;

      if (self->line->len == 0)
        self->line_no = line;
      g_string_append_unichar (self->line, c);
      self->last = c;
    }
}

static gboolean walk (Reader  *self,
                      xmlNode *node,
                      gboolean in_data_table);

static gboolean
walk_children (Reader   *self,
               xmlNode  *node,
               gboolean  in_data_table)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (!walk (self, child, in_data_table))
      return FALSE;
  return TRUE;
}

static guint
span_attribute (xmlNode    *node,
                const char *name,
                guint       fallback,
                guint       max)
{
  g_autofree xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  const char *p;
  guint64 n = 0;

  if (value == NULL)
    return fallback;
  p = (const char *) value;
  while (g_ascii_isspace (*p))
    p++;
  if (!g_ascii_isdigit (*p))
    return fallback;
  while (g_ascii_isdigit (*p) && n <= max)
    n = n * 10 + (*p++ - '0');
  return (guint) MIN (n, max);
}

/* The rows of a table in order: its own, then those of its row groups. */
static void
collect_rows (xmlNode   *table,
              GPtrArray *rows)
{
  for (xmlNode *child = table->children; child != NULL; child = child->next)
    {
      if (name_is (child, "tr"))
        g_ptr_array_add (rows, child);
      else if (name_is (child, "thead") || name_is (child, "tbody") || name_is (child, "tfoot"))
        {
          for (xmlNode *row = child->children; row != NULL; row = row->next)
            if (name_is (row, "tr"))
              g_ptr_array_add (rows, row);
          /* A NULL marks the end of a row group: row spans stop there. */
          g_ptr_array_add (rows, NULL);
        }
    }
}

static gboolean
is_cell (xmlNode *node)
{
  return name_is (node, "td") || name_is (node, "th");
}

/* A table that holds other tables, or has a single column, lays the page
 * out; its cells are read as blocks of the page. */
static gboolean
is_layout_table (Reader    *self,
                 xmlNode   *table,
                 GPtrArray *rows)
{
  guint width = 0;

  if (stats_of (self->stats, table)->has_table)
    return TRUE;

  for (guint r = 0; r < rows->len; r++)
    {
      xmlNode *row = g_ptr_array_index (rows, r);
      guint n = 0;

      if (row == NULL)
        continue;
      for (xmlNode *cell = row->children; cell != NULL; cell = cell->next)
        if (is_cell (cell))
          n += span_attribute (cell, "colspan", 1, GK_GRID_MAX_COLUMNS);
      width = MAX (width, n);
    }

  return width <= 1;
}

/* A cell's text: its lines (paragraphs, <br>) joined by "\n", as the text
 * layouts join a label split over lines. */
static char *
read_cell (Reader  *self,
           xmlNode *cell)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  self->cell_lines = lines;
  if (!is_hidden (cell))
    walk_children (self, cell, TRUE);
  flush_line (self);
  self->cell_lines = NULL;

  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static gboolean
read_data_table (Reader    *self,
                 xmlNode   *table,
                 GPtrArray *rows)
{
  g_autoptr(GkGrid) grid = gk_grid_new (line_of (table));

  for (xmlNode *child = table->children; child != NULL; child = child->next)
    if (name_is (child, "caption"))
      {
        if (!walk (self, child, FALSE))
          return FALSE;
        flush_line (self);
      }

  for (guint r = 0; r < rows->len; r++)
    {
      xmlNode *row = g_ptr_array_index (rows, r);

      if (row == NULL)
        {
          gk_grid_end_group (grid);
          continue;
        }

      gk_grid_begin_row (grid, line_of (row));
      for (xmlNode *cell = row->children; cell != NULL; cell = cell->next)
        {
          g_autofree char *text = NULL;
          guint colspan, rowspan;

          if (!is_cell (cell))
            continue;

          text = read_cell (self, cell);
          colspan = span_attribute (cell, "colspan", 1, GK_GRID_MAX_COLUMNS);
          /* rowspan="0" spans the rest of the row group. */
          rowspan = span_attribute (cell, "rowspan", 1, 65534);
          if (rowspan == 0 && xmlHasProp (cell, (const xmlChar *) "rowspan") != NULL)
            rowspan = GK_GRID_SPAN_TO_END;

          if (!gk_grid_add_cell (grid, text, colspan, rowspan, &self->error))
            return FALSE;
        }
    }

  gk_grid_take_rows (grid, self->rows);
  return TRUE;
}

static gboolean
read_table (Reader  *self,
            xmlNode *table)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  flush_line (self);
  collect_rows (table, rows);

  if (is_layout_table (self, table, rows))
    {
      if (!walk_children (self, table, FALSE))
        return FALSE;
      flush_line (self);
      return TRUE;
    }

  return read_data_table (self, table, rows);
}

/* Whether an element is the page's chrome rather than its content. */
static gboolean
is_chrome (Reader  *self,
           xmlNode *node)
{
  Stats *stats;

  if (name_is (node, "html") || name_is (node, "body"))
    return FALSE;

  if (name_is (node, "nav") || name_is (node, "aside"))
    return TRUE;
  if ((name_is (node, "header") || name_is (node, "footer")) && !inside_article (node))
    return TRUE;

  /* Menus, link lists, breadcrumbs, a table of contents: blocks whose text
   * is mostly links. */
  stats = stats_of (self->stats, node);
  if (is_block (node) && stats->chars > 0 && stats->link_chars * 2 > stats->chars)
    return TRUE;

  /* A chrome-like class or id, unless the element holds most of the
   * page's text: then it is the content, whatever it is called ("wrap
   * menu-open"). */
  return has_chrome_attribute (node) && stats->chars * 2 <= self->page_chars;
}

static gboolean
walk (Reader   *self,
      xmlNode  *node,
      gboolean  in_data_table)
{
  gboolean block;

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      append_text (self, (const char *) node->content, line_of (node));
      return TRUE;
    }

  if (node->type != XML_ELEMENT_NODE || is_never_text (node) || is_hidden (node))
    return TRUE;

  if (!in_data_table && is_chrome (self, node))
    return TRUE;

  if (name_is (node, "br"))
    {
      flush_line (self);
      return TRUE;
    }

  if (name_is (node, "table") && !in_data_table)
    return read_table (self, node);

  block = is_block (node);
  if (block)
    flush_line (self);
  if (name_is (node, "pre"))
    self->pre++;

  if (!walk_children (self, node, in_data_table))
    return FALSE;

  if (name_is (node, "pre"))
    self->pre--;
  if (block)
    flush_line (self);
  return TRUE;
}

/**
 * gk_html_read:
 * @data: the page's bytes
 * @length: how many
 * @encoding: (out) (transfer full): the encoding the page was decoded from
 * @error: a #GkParseError
 *
 * Returns: (transfer full) (nullable): the rows, see gk_text_rows_new()
 */
GPtrArray *
gk_html_read (const guint8  *data,
              gsize          length,
              char         **encoding,
              GError       **error)
{
  g_autofree char *text = NULL;
  g_autofree char *charset = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) stats = NULL;
  htmlParserCtxtPtr ctxt;
  xmlErrorPtr xml_error;
  htmlDocPtr doc;
  xmlNode *root;
  Reader reader = { 0, };
  gsize text_len;
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (encoding != NULL, NULL);

  *encoding = NULL;

  /* Idempotent, and safe to call from the importer's threads. */
  xmlInitParser ();

  text = decode_page (data, length, &charset, error);
  if (text == NULL)
    return NULL;

  drop_bogus_comments (text);
  text_len = strlen (text);
  if (text_len > G_MAXINT)
    {
      g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_TOO_LARGE, _("the page is too large to read"));
      return NULL;
    }

  ctxt = htmlNewParserCtxt ();
  if (ctxt == NULL)
    g_error ("out of memory");
  doc = htmlCtxtReadMemory (ctxt, text, (int) text_len, NULL, "UTF-8",
                            HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
                            | HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);

  /* Recovering from broken markup is normal; libxml2 stopping at its
   * nesting limit is not: what is below was dropped. */
  xml_error = xmlCtxtGetLastError (ctxt);
  if (xml_error != NULL && xml_error->message != NULL && strstr (xml_error->message, "depth") != NULL)
    {
      g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT,
                   _("the page nests its elements more than %d deep (line %d): refused as a safety limit"),
                   MAX_DEPTH, xml_error->line);
      if (doc != NULL)
        xmlFreeDoc (doc);
      htmlFreeParserCtxt (ctxt);
      return NULL;
    }
  htmlFreeParserCtxt (ctxt);

  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL)
    {
      if (doc != NULL)
        xmlFreeDoc (doc);
      g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_CORRUPT,
                   _("the page could not be read as HTML"));
      return NULL;
    }

  stats = g_array_new (FALSE, TRUE, sizeof (Stats));
  rows = gk_text_rows_new ();

  ok = measure (stats, root, 0, FALSE, NULL, error);
  if (ok)
    {
      reader.rows = rows;
      reader.stats = stats;
      reader.page_chars = stats_of (stats, root)->chars;
      reader.line = g_string_new (NULL);
      ok = walk (&reader, root, FALSE);
      if (ok)
        flush_line (&reader);
      else
        g_propagate_error (error, g_steal_pointer (&reader.error));
      g_string_free (reader.line, TRUE);
    }

  xmlFreeDoc (doc);
  if (!ok)
    return NULL;

  if (rows->len == 0)
    {
      g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_EMPTY,
                   _("the page holds no text outside its scripts, styles and navigation"));
      return NULL;
    }

  *encoding = g_steal_pointer (&charset);
  return g_steal_pointer (&rows);
}
