/* SPDX-License-Identifier: GPL-3.0-or-later */

#define _GNU_SOURCE /* memmem */
#define G_LOG_DOMAIN "gk-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gk-format.h"
#include "gk-parser.h"

/* The format comes from the bytes, never from the file name: portals serve
 * HTML as .txt and PDFs as .doc, and users rename files.  Magic numbers
 * decide the binary containers; markup near the start decides HTML. */

static gboolean
has_prefix (const guint8 *data,
            gsize         length,
            const char   *magic,
            gsize         magic_len)
{
  return length >= magic_len && memcmp (data, magic, magic_len) == 0;
}

/* A zip is a Word document when it has the part Word keeps the body in.
 * The names of a zip's entries are stored as plain bytes (in the local
 * headers and the central directory), so a search finds them. */
static gboolean
zip_has_entry (const guint8 *data,
               gsize         length,
               const char   *name)
{
  return memmem (data, length, name, strlen (name)) != NULL;
}

/* Looks for an HTML tag among the first few kB, in ASCII or in UTF-16
 * (either byte order), after a BOM, white space and comments. */
static gboolean
looks_like_html (const guint8 *data,
                 gsize         length)
{
  /* A page's start, or a fragment of one copied out of a CMS ("<p
   * style=…>"); "<?xml" last, it needs a check of its own. */
  static const char * const tags[] = {
    "<!doctype html", "<html", "<head", "<body", "<meta", "<table", "<title", "<div", "<p>", "<p ",
    "<span", "<h1", "<h2", "<h3", "<style", "<script", "<font", "<center", "<section", "<article", "<?xml",
  };
  gsize n = MIN (length, 4096);
  g_autofree char *ascii = g_malloc (n + 1);
  gsize k = 0;

  /* Fold to lower-case ASCII and drop the NULs of UTF-16, so one search
   * serves every encoding a page can arrive in. */
  for (gsize i = 0; i < n; i++)
    if (data[i] != 0)
      ascii[k++] = g_ascii_tolower (data[i]);
  ascii[k] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      const char *hit = strstr (ascii, tags[i]);

      if (hit == NULL)
        continue;
      /* "<?xml" alone is any XML; an XHTML page names its namespace. */
      if (i == G_N_ELEMENTS (tags) - 1)
        return strstr (ascii, "<html") != NULL;
      /* A text report may quote a tag in its prose; markup starts the file,
       * or nearly. */
      if (hit - ascii < 1024)
        return TRUE;
    }

  return FALSE;
}

/**
 * gk_format_sniff:
 * @data: the file's bytes
 * @length: how many
 * @format: (out): the container they are in
 *
 * Returns: %TRUE with @format set when the bytes are a kind of file Gongkai
 *   reads (text, HTML, DOCX, PDF); %FALSE with a #GkParseError that names the
 *   kind of file otherwise
 */
gboolean
gk_format_sniff (const guint8  *data,
                 gsize          length,
                 GkFormat      *format,
                 GError       **error)
{
  g_return_val_if_fail (format != NULL, FALSE);

  *format = GK_FORMAT_TEXT;

  /* No bytes (whose pointer may be NULL): text, which the decoder finds
   * empty. */
  if (length == 0)
    return TRUE;

  /* "%PDF-" may follow a little junk; readers accept it within the first
   * kilobyte. */
  if (memmem (data, MIN (length, 1024), "%PDF-", 5) != NULL)
    {
      *format = GK_FORMAT_PDF;
      return TRUE;
    }

  if (has_prefix (data, length, "PK\x03\x04", 4))
    {
      if (zip_has_entry (data, length, "word/document.xml"))
        {
          *format = GK_FORMAT_DOCX;
          return TRUE;
        }
      if (zip_has_entry (data, length, "content.xml"))
        g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_UNSUPPORTED,
                     _("an OpenDocument or WPS file: save it as DOCX or PDF and import that"));
      else
        g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_UNSUPPORTED,
                     _("a zip archive that is not a Word document: unpack it and import the reports inside"));
      return FALSE;
    }

  /* The OLE2 compound file: Word 97–2003 .doc, WPS .wps, old Excel, and
   * also a DOCX saved with a password, which Word wraps in one with an
   * "EncryptedPackage" stream (its name in UTF-16 in the directory). */
  if (has_prefix (data, length, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
    {
      static const char encrypted[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";

      if (memmem (data, length, encrypted, sizeof encrypted - 1) != NULL)
        g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_UNSUPPORTED,
                     _("a password-protected Word document: save it without a password and import that"));
      else
        g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_UNSUPPORTED,
                     _("a legacy Word (.doc) or WPS (.wps) file, which Gongkai cannot read: save it as DOCX or PDF and import that"));
      return FALSE;
    }

  if (has_prefix (data, length, "{\\rtf", 5))
    {
      g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_UNSUPPORTED,
                   _("a Rich Text (.rtf) file, which Gongkai cannot read: save it as DOCX or PDF and import that"));
      return FALSE;
    }

  if (has_prefix (data, length, "\x89PNG", 4) || has_prefix (data, length, "\xFF\xD8\xFF", 3)
      || has_prefix (data, length, "GIF8", 4))
    {
      g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_UNSUPPORTED,
                   _("an image, not a report: a scanned page has no text to read"));
      return FALSE;
    }

  if (looks_like_html (data, length))
    *format = GK_FORMAT_HTML;

  return TRUE;
}
