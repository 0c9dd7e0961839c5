/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-docx-reader"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <archive.h>
#include <archive_entry.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "gk-docx-reader.h"
#include "gk-grid.h"
#include "gk-normalize.h"
#include "gk-parser.h"

/* A Word document is a zip; its body is word/document.xml.  The zip is
 * read from memory with libarchive and only that entry is unpacked, with
 * every byte counted: a zip bomb declares little and inflates a lot, so
 * what is refused is what actually comes out.  The XML is parsed without
 * network access and without loading or expanding external entities.
 *
 * Only the seekable zip reader is used: it reads the central directory,
 * so the entries before document.xml are skipped by their sizes, never
 * inflated.  A zip without its central directory (cut short) is refused
 * as damaged, as Word refuses it. */

#define DOCUMENT_PART "word/document.xml"

/* The body of a 200-page report is a few MB. */
#define MAX_DOCUMENT_BYTES (64 * 1024 * 1024)

/* Word's XML compresses about ten times; a document.xml that grows more
 * than this many times the whole file is refused, once past a floor under
 * which no ratio matters. */
#define MAX_RATIO 200
#define RATIO_FLOOR (1024 * 1024)

#define W_NS        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_STRICT_NS "http://purl.oclc.org/ooxml/wordprocessingml/main"

/* ---------------------------------------------------------------------- */
/* The zip                                                                */

static gboolean
is_document_part (const char *name)
{
  g_autofree char *slashed = NULL;

  if (name == NULL)
    return FALSE;
  /* Some zip tools write Windows separators; part names ignore case. */
  slashed = g_strdelimit (g_strdup (name), "\\", '/');
  return g_ascii_strcasecmp (slashed[0] == '/' ? slashed + 1 : slashed, DOCUMENT_PART) == 0;
}

static void
set_corrupt (GError         **error,
             struct archive  *a)
{
  /* libarchive's text may quote names from the file: made UTF-8, as
   * every message is. */
  g_autofree char *why = archive_error_string (a) != NULL ? g_utf8_make_valid (archive_error_string (a), -1) : NULL;

  g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_CORRUPT,
               /* Translators: %s is libarchive's explanation, in English */
               _("the DOCX file is damaged or truncated: its zip cannot be read (%s)"),
               why != NULL ? why : _("unknown error"));
}

static GBytes *
read_entry_data (struct archive  *a,
                 gsize            declared,
                 gsize            file_length,
                 GError         **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_sized_new (MIN (declared, MAX_DOCUMENT_BYTES) + 1);
  guint8 chunk[64 * 1024];
  la_ssize_t n;

  while ((n = archive_read_data (a, chunk, sizeof chunk)) > 0)
    {
      gsize total = buffer->len + (gsize) n;

      if (total > MAX_DOCUMENT_BYTES)
        {
          g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT,
                       _("the zip entry %s unpacks to more than the %d MB limit: refused as a possible zip bomb"),
                       DOCUMENT_PART, MAX_DOCUMENT_BYTES / (1024 * 1024));
          return NULL;
        }
      if (total > RATIO_FLOOR && total / MAX (file_length, 1) > MAX_RATIO)
        {
          g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT,
                       _("the zip entry %s unpacks to more than %d times the size of the %lu kB file: refused as a possible zip bomb"),
                       DOCUMENT_PART, MAX_RATIO, (gulong) (file_length / 1024));
          return NULL;
        }
      g_byte_array_append (buffer, chunk, (guint) n);
    }

  if (n < 0)
    {
      set_corrupt (error, a);
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

static GBytes *
read_document_part (const guint8  *data,
                    gsize          length,
                    GError       **error)
{
  struct archive *a = archive_read_new ();
  struct archive_entry *entry;
  GBytes *bytes = NULL;
  int r;

  archive_read_support_format_zip_seekable (a);
  if (archive_read_open_memory (a, data, length) != ARCHIVE_OK)
    {
      set_corrupt (error, a);
      archive_read_free (a);
      return NULL;
    }

  while ((r = archive_read_next_header (a, &entry)) == ARCHIVE_OK || r == ARCHIVE_WARN)
    {
      gsize declared = 0;

      if (!is_document_part (archive_entry_pathname (entry)))
        continue;

      if (archive_entry_is_encrypted (entry))
        {
          g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_UNSUPPORTED,
                       _("the DOCX file is encrypted: save it without a password and import that"));
          break;
        }

      if (archive_entry_size_is_set (entry))
        {
          la_int64_t size = archive_entry_size (entry);

          if (size > MAX_DOCUMENT_BYTES)
            {
              g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT,
                           _("the zip entry %s is %lu MB unpacked, more than the %d MB limit: refused as a possible zip bomb"),
                           DOCUMENT_PART, (gulong) (size / (1024 * 1024)), MAX_DOCUMENT_BYTES / (1024 * 1024));
              break;
            }
          declared = size > 0 ? (gsize) size : 0;
        }

      bytes = read_entry_data (a, declared, length, error);
      break;
    }

  if (bytes == NULL && error != NULL && *error == NULL)
    {
      if (r == ARCHIVE_EOF)
        g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_CORRUPT,
                     _("the DOCX file is damaged: its zip has no %s"), DOCUMENT_PART);
      else
        set_corrupt (error, a);
    }

  archive_read_free (a);
  return bytes;
}

/* ---------------------------------------------------------------------- */
/* The XML                                                                */

static gboolean
is_w (const xmlNode *node,
      const char    *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL && node->ns->href != NULL
         && (strcmp ((const char *) node->ns->href, W_NS) == 0
             || strcmp ((const char *) node->ns->href, W_STRICT_NS) == 0)
         && strcmp ((const char *) node->name, name) == 0;
}

static xmlNode *
w_child (xmlNode    *node,
         const char *name)
{
  if (node == NULL)
    return NULL;
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (is_w (child, name))
      return child;
  return NULL;
}

/* w:val of @node, in the node's own namespace (Strict or Transitional). */
static char *
w_val (xmlNode *node)
{
  xmlChar *value;
  char *copy;

  if (node == NULL)
    return NULL;
  value = xmlGetNsProp (node, (const xmlChar *) "val", node->ns->href);
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

/* A number attribute (gridSpan, gridBefore…), clamped to [0, @max]. */
static guint
w_val_uint (xmlNode *node,
            guint    fallback,
            guint    max)
{
  g_autofree char *value = w_val (node);
  guint64 n = 0;

  if (value == NULL || !g_ascii_isdigit (value[0]))
    return fallback;
  for (const char *p = value; g_ascii_isdigit (*p) && n <= max; p++)
    n = n * 10 + (*p - '0');
  return (guint) MIN (n, max);
}

/* An on/off property (w:vanish): on unless its w:val says otherwise. */
static gboolean
w_on (xmlNode *node)
{
  g_autofree char *value = w_val (node);

  if (node == NULL)
    return FALSE;
  return value == NULL || !(strcmp (value, "0") == 0 || strcmp (value, "false") == 0 || strcmp (value, "off") == 0);
}

typedef struct
{
  GPtrArray *rows;
  guint      paragraph;   /* paragraphs read, the rows' "line" */
  GString   *line;
  guint      line_no;
  GPtrArray *cell_lines;  /* while reading a table cell: its lines */
  GError    *error;
} Reader;

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
}

static void
append_text (Reader  *self,
             xmlNode *t)
{
  /* Only text: a reference to an entity of the document's own DTD is
   * left out, never expanded. */
  for (xmlNode *child = t->children; child != NULL; child = child->next)
    if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
      g_string_append (self->line, (const char *) child->content);
}

static void
read_run (Reader  *self,
          xmlNode *run)
{
  /* Hidden text is not part of the document as it prints. */
  if (w_on (w_child (w_child (run, "rPr"), "vanish")))
    return;

  for (xmlNode *child = run->children; child != NULL; child = child->next)
    {
      if (is_w (child, "t"))
        append_text (self, child);
      else if (is_w (child, "tab") || is_w (child, "ptab"))
        g_string_append_c (self->line, ' ');
      else if (is_w (child, "br") || is_w (child, "cr"))
        flush_line (self);
      else if (is_w (child, "noBreakHyphen"))
        g_string_append_c (self->line, '-');
      /* Deleted text (w:delText), field codes (w:instrText), drawings and
       * text boxes are not the paragraph's text. */
    }
}

/* The runs of a paragraph, inside hyperlinks, fields, content controls
 * and tracked insertions; tracked deletions are left out. */
static void
read_inline (Reader  *self,
             xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (is_w (child, "r"))
        read_run (self, child);
      else if (is_w (child, "hyperlink") || is_w (child, "smartTag") || is_w (child, "fldSimple")
               || is_w (child, "ins") || is_w (child, "moveTo") || is_w (child, "customXml")
               || is_w (child, "dir") || is_w (child, "bdo") || is_w (child, "sdt")
               || is_w (child, "sdtContent"))
        read_inline (self, child);
    }
}

static void
read_paragraph (Reader  *self,
                xmlNode *p)
{
  self->paragraph++;
  flush_line (self);
  self->line_no = self->paragraph;
  read_inline (self, p);
  flush_line (self);
}

static gboolean read_blocks (Reader  *self,
                             xmlNode *node);

/* The rows of a table, or the cells of a row: @name children, and those
 * inside content controls and custom XML around them. */
static void
collect (xmlNode    *node,
         const char *name,
         GPtrArray  *out)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (is_w (child, name))
        g_ptr_array_add (out, child);
      else if (is_w (child, "sdt") || is_w (child, "sdtContent") || is_w (child, "customXml"))
        collect (child, name, out);
    }
}

static gboolean
has_nested_table (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (is_w (child, "tbl") || has_nested_table (child))
        return TRUE;
    }
  return FALSE;
}

static guint
row_width (xmlNode *row)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  xmlNode *tr_pr = w_child (row, "trPr");
  guint width = w_val_uint (w_child (tr_pr, "gridBefore"), 0, GK_GRID_MAX_COLUMNS)
                + w_val_uint (w_child (tr_pr, "gridAfter"), 0, GK_GRID_MAX_COLUMNS);

  collect (row, "tc", cells);
  for (guint c = 0; c < cells->len; c++)
    width += w_val_uint (w_child (w_child (g_ptr_array_index (cells, c), "tcPr"), "gridSpan"), 1,
                         GK_GRID_MAX_COLUMNS);
  return width;
}

static char *
read_cell (Reader  *self,
           xmlNode *cell)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  self->cell_lines = lines;
  read_blocks (self, cell);
  self->cell_lines = NULL;

  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* A row of a table, onto its grid: w:gridBefore and w:gridAfter are empty
 * positions; a cell spans w:gridSpan columns; a w:vMerge cell that
 * continues the one above is empty, its text being in the first. */
static gboolean
read_row (Reader  *self,
          GkGrid  *grid,
          xmlNode *row)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  xmlNode *tr_pr = w_child (row, "trPr");
  guint before = w_val_uint (w_child (tr_pr, "gridBefore"), 0, GK_GRID_MAX_COLUMNS);
  guint after = w_val_uint (w_child (tr_pr, "gridAfter"), 0, GK_GRID_MAX_COLUMNS);

  gk_grid_begin_row (grid, self->paragraph + 1);
  if (before > 0 && !gk_grid_add_cell (grid, NULL, before, 1, &self->error))
    return FALSE;

  collect (row, "tc", cells);
  for (guint c = 0; c < cells->len; c++)
    {
      xmlNode *cell = g_ptr_array_index (cells, c);
      xmlNode *tc_pr = w_child (cell, "tcPr");
      xmlNode *v_merge = w_child (tc_pr, "vMerge");
      xmlNode *h_merge = w_child (tc_pr, "hMerge");
      guint span = w_val_uint (w_child (tc_pr, "gridSpan"), 1, GK_GRID_MAX_COLUMNS);
      g_autofree char *text = read_cell (self, cell);
      gboolean merged = FALSE;

      if (v_merge != NULL)
        {
          g_autofree char *value = w_val (v_merge);
          merged = g_strcmp0 (value, "restart") != 0;
        }
      /* The legacy horizontal merge: a continuing cell belongs to the one
       * on its left. */
      if (h_merge != NULL)
        {
          g_autofree char *value = w_val (h_merge);
          merged = merged || g_strcmp0 (value, "restart") != 0;
        }

      if (!gk_grid_add_cell (grid, merged ? NULL : text, span, 1, &self->error))
        return FALSE;
    }

  if (after > 0 && !gk_grid_add_cell (grid, NULL, after, 1, &self->error))
    return FALSE;
  return TRUE;
}

/* A table that holds tables, or has a single column, lays the document
 * out: its cells are read as paragraphs of the body. */
static gboolean
read_table (Reader  *self,
            xmlNode *table)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GkGrid) grid = NULL;
  guint width = 0;

  collect (table, "tr", rows);
  for (guint r = 0; r < rows->len; r++)
    width = MAX (width, row_width (g_ptr_array_index (rows, r)));

  if (width <= 1 || has_nested_table (table))
    {
      for (guint r = 0; r < rows->len; r++)
        {
          g_autoptr(GPtrArray) cells = g_ptr_array_new ();

          collect (g_ptr_array_index (rows, r), "tc", cells);
          for (guint c = 0; c < cells->len; c++)
            if (!read_blocks (self, g_ptr_array_index (cells, c)))
              return FALSE;
        }
      return TRUE;
    }

  grid = gk_grid_new (self->paragraph + 1);
  for (guint r = 0; r < rows->len; r++)
    if (!read_row (self, grid, g_ptr_array_index (rows, r)))
      return FALSE;
  gk_grid_take_rows (grid, self->rows);
  return TRUE;
}

/* Paragraphs and tables, in order, of the body, a cell or a content
 * control. */
static gboolean
read_blocks (Reader  *self,
             xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (is_w (child, "p"))
        read_paragraph (self, child);
      else if (is_w (child, "tbl"))
        {
          if (!read_table (self, child))
            return FALSE;
        }
      else if (is_w (child, "sdt") || is_w (child, "sdtContent") || is_w (child, "customXml")
               || is_w (child, "ins") || is_w (child, "moveTo"))
        {
          if (!read_blocks (self, child))
            return FALSE;
        }
    }
  return TRUE;
}

static void
set_xml_error (GError           **error,
               xmlParserCtxtPtr   ctxt)
{
  xmlErrorPtr xml_error = xmlCtxtGetLastError (ctxt);
  g_autofree char *message = NULL;
  int line = 0;

  if (xml_error != NULL && xml_error->message != NULL)
    {
      /* libxml2 quotes the document (a namespace, a name) byte for byte:
       * its message is made UTF-8, as every message is. */
      message = g_strstrip (g_utf8_make_valid (xml_error->message, -1));
      line = xml_error->line;
    }

  /* libxml2's own limits (nesting, huge text, entity expansion) are
   * limits here too. */
  if (message != NULL
      && (strstr (message, "depth") != NULL || strstr (message, "huge") != NULL
          || strstr (message, "amplification") != NULL
          || (xml_error != NULL && xml_error->code == XML_ERR_ENTITY_LOOP)))
    g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT,
                 /* Translators: the last %s is libxml2's explanation, in English */
                 _("%s goes past a safety limit at line %d: %s"), DOCUMENT_PART, line, message);
  else
    g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_CORRUPT,
                 /* Translators: the last %s is libxml2's explanation, in English */
                 _("the DOCX file is damaged: %s is not well-formed XML (line %d: %s)"),
                 DOCUMENT_PART, line, message != NULL ? message : _("unknown error"));
}

/**
 * gk_docx_read:
 * @data: the file's bytes
 * @length: how many
 * @error: a #GkParseError
 *
 * Returns: (transfer full) (nullable): the rows, see gk_text_rows_new();
 *   a row's line is the number of its first paragraph
 */
GPtrArray *
gk_docx_read (const guint8  *data,
              gsize          length,
              GError       **error)
{
  g_autoptr(GBytes) part = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;
  xmlNode *root, *body;
  Reader reader = { 0, };
  const char *xml;
  gsize xml_len;
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  part = read_document_part (data, length, error);
  if (part == NULL)
    return NULL;

  xml = g_bytes_get_data (part, &xml_len);
  /* Idempotent, and safe to call from the importer's threads. */
  xmlInitParser ();
  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    g_error ("out of memory");
  /* No XML_PARSE_NOENT and no DTD loading: entities are never expanded,
   * external ones never fetched. */
  doc = xmlCtxtReadMemory (ctxt, xml, (int) xml_len, DOCUMENT_PART, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      set_xml_error (error, ctxt);
      xmlFreeParserCtxt (ctxt);
      return NULL;
    }
  xmlFreeParserCtxt (ctxt);

  root = xmlDocGetRootElement (doc);
  body = root != NULL && is_w (root, "document") ? w_child (root, "body") : NULL;
  if (body == NULL)
    {
      xmlFreeDoc (doc);
      g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_CORRUPT,
                   _("the DOCX file is damaged: %s has no document body"), DOCUMENT_PART);
      return NULL;
    }

  rows = gk_text_rows_new ();
  reader.rows = rows;
  reader.line = g_string_new (NULL);
  ok = read_blocks (&reader, body);
  if (ok)
    flush_line (&reader);
  else
    g_propagate_error (error, g_steal_pointer (&reader.error));
  g_string_free (reader.line, TRUE);
  xmlFreeDoc (doc);

  if (!ok)
    return NULL;

  if (rows->len == 0)
    {
      g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_EMPTY, _("the document holds no text"));
      return NULL;
    }

  return g_steal_pointer (&rows);
}
