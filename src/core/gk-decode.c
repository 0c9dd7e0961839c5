/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-decode"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <uchardet.h>

#include "gk-decode.h"

G_DEFINE_QUARK (gk-decode-error-quark, gk_decode_error)

/* Line ends become \n so that line numbers mean the same whatever system
 * wrote the file. */
static char *
normalize_newlines (char *text)
{
  char *r, *w;

  /* Most files have none: then there is nothing to rewrite. */
  r = w = strchr (text, '\r');
  if (r == NULL)
    return text;

  for (; *r; r++)
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
  return text;
}

/* A file is binary when it holds NUL bytes or many C0 control characters
 * that no text editor writes.  UTF-16 is caught by its BOM before this. */
static gboolean
looks_binary (const guint8 *data,
              gsize         length)
{
  gsize n_control = 0;
  gsize n = MIN (length, 64 * 1024);

  for (gsize i = 0; i < n; i++)
    {
      guint8 b = data[i];
      if (b == 0)
        return TRUE;
      if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1b)
        n_control++;
    }

  return n_control * 100 > n;  /* more than 1 % */
}

/* UTF-16 without a BOM: a Chinese report's digits, tabs and newlines are
 * ASCII code units, a byte of 0 beside a printable byte, on one side only.
 * CJK code points with a zero low byte (U+4E00 一) give a few pairs the
 * other way round, so the decision is by a clear majority. */
static const char *
guess_bomless_utf16 (const guint8 *data,
                     gsize         length)
{
  gsize le_pairs = 0, be_pairs = 0;
  gsize n = MIN (length, 64 * 1024) & ~(gsize)1;

  if (n < 4)
    return NULL;

  for (gsize i = 0; i < n; i += 2)
    {
      guint8 a = data[i], b = data[i + 1];

      if (b == 0 && a != 0 && (a == '\t' || a == '\n' || a == '\r' || (a >= 0x20 && a < 0x7F)))
        le_pairs++;
      else if (a == 0 && b != 0 && (b == '\t' || b == '\n' || b == '\r' || (b >= 0x20 && b < 0x7F)))
        be_pairs++;
    }

  if (le_pairs >= 4 && le_pairs > 2 * be_pairs)
    return "UTF-16LE";
  if (be_pairs >= 4 && be_pairs > 2 * le_pairs)
    return "UTF-16BE";
  return NULL;
}

char *
gk_decode_with (const guint8  *data,
                gsize          length,
                const char    *charset,
                GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize bytes_read = 0, bytes_written = 0;
  char *out;

  out = g_convert ((const char *) data, length, "UTF-8", charset,
                   &bytes_read, &bytes_written, &local_error);
  if (out == NULL)
    {
      g_set_error (error, GK_DECODE_ERROR, GK_DECODE_ERROR_ENCODING,
                   /* Translators: %s is an encoding name such as GB18030,
                    * %lu a byte offset */
                   _("not valid %s text (bad byte sequence at byte %lu)"),
                   charset, (gulong) bytes_read);
      return NULL;
    }

  /* glibc's iconv passes some invalid UTF-8 (0xF8 and the other lead bytes
   * of the old five- and six-byte forms) through from "UTF-8", which a
   * detector may name: the result is checked, not trusted. */
  if (!g_utf8_validate (out, bytes_written, NULL))
    {
      g_free (out);
      g_set_error (error, GK_DECODE_ERROR, GK_DECODE_ERROR_ENCODING,
                   _("not valid %s text"), charset);
      return NULL;
    }

  /* A NUL in the middle would cut the text short everywhere after this. */
  if (strlen (out) != bytes_written)
    {
      g_free (out);
      g_set_error (error, GK_DECODE_ERROR, GK_DECODE_ERROR_BINARY,
                   _("the file holds NUL characters: it is not a text file"));
      return NULL;
    }

  return normalize_newlines (out);
}

static gboolean
is_chinese_charset (const char *name)
{
  static const char * const names[] = {
    "GB18030", "GB2312", "GBK", "HZ-GB-2312", "EUC-CN", "X-GBK", "CP936",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static char *
detect_charset (const guint8 *data,
                gsize         length)
{
  uchardet_t ud = uchardet_new ();
  char *name = NULL;

  if (uchardet_handle_data (ud, (const char *) data, length) == 0)
    {
      uchardet_data_end (ud);
      if (uchardet_get_charset (ud) != NULL && *uchardet_get_charset (ud) != '\0')
        name = g_strdup (uchardet_get_charset (ud));
    }
  uchardet_delete (ud);

  return name;
}

/**
 * gk_decode_text:
 * @data: the bytes of a file
 * @length: their number
 * @encoding: (out) (optional) (transfer full): the encoding they were in
 * @error: return location for a #GkDecodeError
 *
 * Decodes a text report: a BOM first, then valid UTF-8, then a strict
 * GB18030 reading (a superset of GBK and GB2312, and the only encoding
 * besides UTF-8 that Chinese government sites use), then what uchardet
 * says.  Latin-1 is never taken: a Chinese report in Latin-1 is garbage.
 *
 * Returns: (transfer full): the text in UTF-8 with \n line ends, BOM removed
 */
char *
gk_decode_text (const guint8  *data,
                gsize          length,
                char         **encoding,
                GError       **error)
{
  const char *charset = NULL;
  gsize skip = 0;
  char *text = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (encoding)
    *encoding = NULL;

  if (length == 0)
    {
      g_set_error (error, GK_DECODE_ERROR, GK_DECODE_ERROR_EMPTY,
                   _("the file is empty"));
      return NULL;
    }

  if (length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    charset = "UTF-8", skip = 3;
  else if (length >= 4 && data[0] == 0xFF && data[1] == 0xFE && data[2] == 0 && data[3] == 0)
    charset = "UTF-32LE", skip = 4;
  else if (length >= 4 && data[0] == 0 && data[1] == 0 && data[2] == 0xFE && data[3] == 0xFF)
    charset = "UTF-32BE", skip = 4;
  else if (length >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    charset = "UTF-16LE", skip = 2;
  else if (length >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    charset = "UTF-16BE", skip = 2;
  else
    charset = guess_bomless_utf16 (data, length);

  if (charset != NULL)
    {
      text = gk_decode_with (data + skip, length - skip, charset, skip > 0 ? error : NULL);
      /* Without a BOM the guess must be confirmed by the result: binary
       * data with zero bytes decodes as UTF-16 too, into control codes,
       * or does not decode at all. */
      if (skip == 0 && (text == NULL || looks_binary ((const guint8 *) text, strlen (text))))
        {
          g_clear_pointer (&text, g_free);
          g_set_error (error, GK_DECODE_ERROR, GK_DECODE_ERROR_BINARY,
                       _("binary data, not a text report"));
        }
      if (text != NULL && encoding)
        *encoding = g_strdup (charset);
      return text;
    }

  /* Valid UTF-8 holds no NUL byte; most reports are, and need no scan
   * for binary data. */
  if (g_utf8_validate ((const char *) data, length, NULL) && !looks_binary (data, MIN (length, 4096)))
    {
      text = normalize_newlines (g_strndup ((const char *) data, length));
      if (encoding)
        *encoding = g_strdup ("UTF-8");
      return text;
    }

  if (looks_binary (data, length))
    {
      g_set_error (error, GK_DECODE_ERROR, GK_DECODE_ERROR_BINARY,
                   _("binary data, not a text report"));
      return NULL;
    }

  /* Not UTF-8.  GB18030 decodes every GBK and GB2312 file, and a strict
   * conversion fails on anything else, so it is tried before uchardet,
   * which is unreliable on short GBK texts. */
  text = gk_decode_with (data, length, "GB18030", NULL);
  if (text != NULL)
    {
      if (encoding)
        *encoding = g_strdup ("GB18030");
      return text;
    }

  {
    g_autofree char *detected = detect_charset (data, length);

    if (detected != NULL && !is_chinese_charset (detected)
        && (g_ascii_strcasecmp (detected, "BIG5") == 0
            || g_ascii_strcasecmp (detected, "EUC-TW") == 0
            || g_ascii_strncasecmp (detected, "UTF-", 4) == 0))
      {
        text = gk_decode_with (data, length, detected, NULL);
        if (text != NULL)
          {
            if (encoding)
              *encoding = g_steal_pointer (&detected);
            return text;
          }
      }

    g_set_error (error, GK_DECODE_ERROR, GK_DECODE_ERROR_ENCODING,
                 /* Translators: %s is what an encoding detector guessed */
                 _("unknown text encoding: not UTF-8, UTF-16 or GB18030 (a detector suggests %s)"),
                 detected ? detected : "nothing");
    return NULL;
  }
}
