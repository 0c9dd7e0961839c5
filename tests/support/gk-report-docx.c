/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-report-docx"

#include "config.h"

#include <string.h>
#include <archive.h>
#include <archive_entry.h>
#include <gio/gio.h>

#include "gk-report-docx.h"
#include "gk-report-spans.h"

/* The smallest package Word and LibreOffice open: the content types, the
 * package's relationship to its main part, and word/document.xml. */

#define CONTENT_TYPES \
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n" \
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" \
  "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" \
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" \
  "<Override PartName=\"/word/document.xml\" " \
  "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>" \
  "</Types>"

#define PACKAGE_RELS \
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n" \
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
  "<Relationship Id=\"rId1\" " \
  "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" " \
  "Target=\"word/document.xml\"/></Relationships>"

#define TABLE_WIDTH 9000  /* twips: an A4 page between its margins */

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

/* Word starts a new run wherever the font changes, which for Chinese text
 * is between its characters and the digits or Latin letters among them. */
static void
write_runs (GString    *out,
            const char *text,
            gboolean    bold)
{
  const char *p = text;

  while (*p)
    {
      gboolean ascii = (guchar) *p < 0x80;
      const char *end = p;
      g_autofree char *piece = NULL;

      while (*end && ((guchar) *end < 0x80) == ascii)
        end = ascii ? end + 1 : g_utf8_next_char (end);

      piece = g_strndup (p, end - p);
      g_string_append (out, "<w:r><w:rPr>");
      g_string_append (out, ascii ? "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\"/>"
                                  : "<w:rFonts w:hint=\"eastAsia\"/>");
      if (bold)
        g_string_append (out, "<w:b/>");
      g_string_append (out, "<w:sz w:val=\"32\"/></w:rPr><w:t xml:space=\"preserve\">");
      append_escaped (out, piece);
      g_string_append (out, "</w:t></w:r>");
      p = end;
    }
}

static void
write_paragraph (GString    *out,
                 const char *text,
                 gboolean    centered,
                 gboolean    bold)
{
  g_string_append (out, "<w:p><w:pPr>");
  if (centered)
    g_string_append (out, "<w:jc w:val=\"center\"/>");
  else
    g_string_append (out, "<w:ind w:firstLine=\"640\"/>");
  g_string_append (out, "</w:pPr>");
  write_runs (out, text, bold);
  g_string_append (out, "</w:p>\r\n");
}

static void
write_cell_text (GString    *out,
                 const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  if (*text == '\0')
    {
      g_string_append (out, "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:p>");
      return;
    }

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_string_append (out, "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>");
      write_runs (out, lines[i], FALSE);
      g_string_append (out, "</w:p>");
    }
}

static void
write_table (GString   *out,
             GkReport  *report,
             GkTableId  id)
{
  g_autoptr(GkSpanTable) table = gk_span_table_new (report, id);
  guint column_width;

  if (table == NULL || table->width == 0)
    return;

  column_width = TABLE_WIDTH / table->width;
  g_string_append (out, "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"0\" w:type=\"auto\"/>"
                        "<w:jc w:val=\"center\"/><w:tblLook w:val=\"04A0\"/></w:tblPr><w:tblGrid>");
  for (guint c = 0; c < table->width; c++)
    g_string_append_printf (out, "<w:gridCol w:w=\"%u\"/>", column_width);
  g_string_append (out, "</w:tblGrid>\r\n");

  for (guint r = 0; r < table->rows->len; r++)
    {
      GArray *slots = g_ptr_array_index (table->slots, r);
      guint after = table->width - gk_span_row_end (table, r);

      g_string_append (out, "<w:tr>");
      if (after > 0)
        g_string_append_printf (out, "<w:trPr><w:gridAfter w:val=\"%u\"/></w:trPr>", after);

      for (guint s = 0; s < slots->len; s++)
        {
          const GkSpanSlot *slot = &g_array_index (slots, GkSpanSlot, s);
          guint span = slot->cell->colspan;

          g_string_append_printf (out, "<w:tc><w:tcPr><w:tcW w:w=\"%u\" w:type=\"dxa\"/>", column_width * span);
          if (span > 1)
            g_string_append_printf (out, "<w:gridSpan w:val=\"%u\"/>", span);
          if (slot->continued)
            g_string_append (out, "<w:vMerge/>");
          else if (slot->cell->rowspan > 1)
            g_string_append (out, "<w:vMerge w:val=\"restart\"/>");
          g_string_append (out, "<w:vAlign w:val=\"center\"/></w:tcPr>");

          if (slot->continued)
            g_string_append (out, "<w:p/>");
          else
            write_cell_text (out, slot->cell->text);
          g_string_append (out, "</w:tc>");
        }
      g_string_append (out, "</w:tr>\r\n");
    }

  g_string_append (out, "</w:tbl>\r\n");
}

/**
 * gk_report_write_docx_xml:
 * @report: a report
 *
 * Returns: (transfer full): word/document.xml for @report
 */
char *
gk_report_write_docx_xml (GkReport *report)
{
  g_autofree char *title = NULL;
  GString *out;

  g_return_val_if_fail (GK_IS_REPORT (report), NULL);

  title = gk_report_title (report);
  out = g_string_sized_new (128 * 1024);
  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
                        "<w:document xmlns:w=\"" GK_DOCX_W_NS "\" "
                        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                        "<w:body>\r\n");

  /* A bookmark and a proofing mark, as Word leaves them, around the title. */
  g_string_append (out, "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:bookmarkStart w:id=\"0\" w:name=\"_GoBack\"/>"
                        "<w:proofErr w:type=\"gramStart\"/>");
  write_runs (out, title, TRUE);
  g_string_append (out, "<w:proofErr w:type=\"gramEnd\"/><w:bookmarkEnd w:id=\"0\"/></w:p>\r\n");
  write_paragraph (out, gk_report_preamble (), FALSE, FALSE);

  for (guint i = 0; i < GK_N_SECTIONS; i++)
    {
      g_auto(GStrv) lines = gk_report_prose_lines (report, i);

      write_paragraph (out, gk_report_heading (i), FALSE, TRUE);
      for (guint l = 0; lines[l] != NULL; l++)
        write_paragraph (out, lines[l], FALSE, FALSE);
      if (i >= 1 && i <= 3)
        write_table (out, report, GK_TABLE_2 + (i - 1));
    }

  g_string_append (out, "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
                        "<w:pgMar w:top=\"1440\" w:right=\"1800\" w:bottom=\"1440\" w:left=\"1800\" "
                        "w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr>"
                        "</w:body></w:document>\r\n");
  return g_string_free (out, FALSE);
}

static la_ssize_t
write_cb (struct archive *a,
          void           *data,
          const void     *buffer,
          size_t          length)
{
  g_byte_array_append (data, buffer, length);
  return length;
}

static gboolean
archive_failed (struct archive  *a,
                int              r,
                GError         **error)
{
  if (r >= ARCHIVE_WARN)
    return FALSE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "writing the zip: %s",
               archive_error_string (a) ? archive_error_string (a) : "unknown error");
  return TRUE;
}

/* Writes an entry made of @head, @padding spaces and @tail. */
static gboolean
add_entry (struct archive  *a,
           const char      *name,
           const char      *head,
           gsize            head_len,
           gsize            padding,
           const char      *tail,
           gsize            tail_len,
           GError         **error)
{
  static char spaces[64 * 1024];
  struct archive_entry *entry = archive_entry_new ();
  int r;

  if (spaces[0] != ' ')
    memset (spaces, ' ', sizeof spaces);

  archive_entry_set_pathname (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_mtime (entry, 1577836800, 0);
  archive_entry_set_size (entry, head_len + padding + tail_len);
  r = archive_write_header (a, entry);
  archive_entry_free (entry);
  if (archive_failed (a, r, error))
    return FALSE;

  if (head_len > 0 && archive_write_data (a, head, head_len) < 0)
    return !archive_failed (a, ARCHIVE_FATAL, error);
  while (padding > 0)
    {
      gsize n = MIN (padding, sizeof spaces);

      if (archive_write_data (a, spaces, n) < 0)
        return !archive_failed (a, ARCHIVE_FATAL, error);
      padding -= n;
    }
  if (tail_len > 0 && archive_write_data (a, tail, tail_len) < 0)
    return !archive_failed (a, ARCHIVE_FATAL, error);

  return !archive_failed (a, archive_write_finish_entry (a), error);
}

/**
 * gk_docx_pack:
 * @document_xml: the body part
 * @padding: spaces to put after its XML declaration
 * @error: set when the zip cannot be written
 *
 * Returns: (transfer full) (nullable): the .docx bytes
 */
GBytes *
gk_docx_pack (const char  *document_xml,
              gsize        padding,
              GError     **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  struct archive *a = archive_write_new ();
  const char *declaration_end = strstr (document_xml, "?>");
  gsize head_len = declaration_end != NULL ? (gsize) (declaration_end + 2 - document_xml) : 0;
  gboolean ok;

  archive_write_set_format_zip (a);
  archive_write_zip_set_compression_deflate (a);
  archive_write_set_bytes_in_last_block (a, 1);
  ok = !archive_failed (a, archive_write_open (a, out, NULL, write_cb, NULL), error)
       && add_entry (a, "[Content_Types].xml", CONTENT_TYPES, strlen (CONTENT_TYPES), 0, NULL, 0, error)
       && add_entry (a, "_rels/.rels", PACKAGE_RELS, strlen (PACKAGE_RELS), 0, NULL, 0, error)
       && add_entry (a, "word/document.xml", document_xml, head_len, padding,
                     document_xml + head_len, strlen (document_xml + head_len), error)
       && !archive_failed (a, archive_write_close (a), error);
  archive_write_free (a);

  return ok ? g_byte_array_free_to_bytes (g_steal_pointer (&out)) : NULL;
}

/**
 * gk_zip_pack:
 * @names: entry names, %NULL-terminated
 * @contents: each entry's text
 * @error: set when the zip cannot be written
 *
 * Returns: (transfer full) (nullable): the zip's bytes
 */
GBytes *
gk_zip_pack (const char * const  *names,
             const char * const  *contents,
             GError             **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  struct archive *a = archive_write_new ();
  gboolean ok;

  archive_write_set_format_zip (a);
  archive_write_zip_set_compression_deflate (a);
  archive_write_set_bytes_in_last_block (a, 1);
  ok = !archive_failed (a, archive_write_open (a, out, NULL, write_cb, NULL), error);
  for (guint i = 0; ok && names[i] != NULL; i++)
    ok = add_entry (a, names[i], contents[i], strlen (contents[i]), 0, NULL, 0, error);
  ok = ok && !archive_failed (a, archive_write_close (a), error);
  archive_write_free (a);

  return ok ? g_byte_array_free_to_bytes (g_steal_pointer (&out)) : NULL;
}

/**
 * gk_report_write_docx:
 * @report: a report
 * @error: set when the zip cannot be written
 *
 * Returns: (transfer full) (nullable): the .docx bytes
 */
GBytes *
gk_report_write_docx (GkReport  *report,
                      GError   **error)
{
  g_autofree char *xml = gk_report_write_docx_xml (report);

  return gk_docx_pack (xml, 0, error);
}
