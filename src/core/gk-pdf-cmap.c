/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-pdf-cmap"

#define _GNU_SOURCE /* memmem */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "gk-pdf-cmap.h"

/* Why measure the font maps ourselves: poppler reads a font's ToUnicode
 * CMap each time it shows a page that uses the font (for its text, and
 * again to render it), and its cost grows with the codes the map names,
 * not with the bytes it takes: a range "<0000> <FFFF> <0000>" is 65536
 * entries in 20 bytes, and a range mapped to strings of characters is
 * 65536 allocations, kept in an array that grows sixteen entries at a time
 * (quadratic).  A damaged or hostile map of a few kilobytes then takes
 * seconds per page.  Real maps name the few thousand characters a report
 * uses.  The reader refuses a PDF whose maps name far more (gk-pdf-reader.c).
 *
 * Streams are found by their keyword, as a damaged PDF's cross-reference
 * table cannot be trusted; a font map is a stream, never inside an object
 * stream.  Flate-compressed and uncompressed streams are read; a map
 * behind another filter (LZW, ASCII85) is not seen.  The tokens are
 * poppler's (PSTokenizer): a hex string runs from "<" to the next ">". */

/* Inflating is bounded: images are skipped by their dictionary, and the
 * bytes inflated in all, across streams, stop at this. */
#define MAX_INFLATED  (16 * 1024 * 1024)
/* Poppler reads the maps of composite fonts with two-byte codes, and cuts
 * a range's ends there. */
#define MAX_CODE      0xFFFF

typedef struct
{
  const char *p, *end;
} Tokenizer;

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\0';
}

static gboolean
is_delimiter (char c)
{
  return strchr ("()<>[]{}/%", c) != NULL;
}

/* The next token, as [*start, *start + *len); FALSE at the end. */
static gboolean
next_token (Tokenizer   *t,
            const char **start,
            gsize       *len)
{
  const char *p = t->p;

  for (;;)
    {
      while (p < t->end && is_space (*p))
        p++;
      if (p < t->end && *p == '%')
        {
          while (p < t->end && *p != '\n' && *p != '\r')
            p++;
          continue;
        }
      break;
    }
  if (p >= t->end)
    {
      t->p = p;
      return FALSE;
    }

  *start = p;
  if (*p == '<')
    {
      const char *close = memchr (p, '>', t->end - p);
      p = close != NULL ? close + 1 : t->end;
    }
  else if (*p == '(')
    {
      int depth = 0;
      for (; p < t->end; p++)
        {
          if (*p == '\\')
            p++;
          else if (*p == '(')
            depth++;
          else if (*p == ')' && --depth == 0)
            {
              p++;
              break;
            }
        }
      p = MIN (p, t->end);
    }
  else if (*p == '[' || *p == ']' || *p == '{' || *p == '}')
    p++;
  else
    {
      p++;
      while (p < t->end && !is_space (*p) && !is_delimiter (*p))
        p++;
    }

  *len = p - *start;
  t->p = p;
  return TRUE;
}

static gboolean
token_is (const char *token,
          gsize       len,
          const char *word)
{
  return len == strlen (word) && memcmp (token, word, len) == 0;
}

/* A hex string "<…>" of at most 8 digits, as poppler's parseHex(). */
static gboolean
parse_code (const char *token,
            gsize       len,
            guint64    *code)
{
  if (len < 3 || len > 10 || token[0] != '<' || token[len - 1] != '>')
    return FALSE;

  *code = 0;
  for (gsize i = 1; i < len - 1; i++)
    {
      int digit = g_ascii_xdigit_value (token[i]);
      if (digit < 0)
        return FALSE;
      *code = *code * 16 + digit;
    }
  return TRUE;
}

/* A destination poppler keeps as a string: more than four hex digits. */
static gboolean
is_string_destination (const char *token,
                       gsize       len)
{
  return len >= 2 && token[0] == '<' && token[len - 1] == '>' && len - 2 > 4;
}

static void
count_map (const char      *text,
           gsize            length,
           GkPdfCmapCounts *counts)
{
  Tokenizer t = { text, text + length };
  const char *tok;
  gsize len;

  counts->n_maps++;

  while (next_token (&t, &tok, &len))
    {
      if (token_is (tok, len, "beginbfchar"))
        {
          while (next_token (&t, &tok, &len) && !token_is (tok, len, "endbfchar"))
            {
              const char *dst;
              gsize dst_len;

              if (!next_token (&t, &dst, &dst_len) || token_is (dst, dst_len, "endbfchar"))
                break;
              counts->n_codes++;
              if (is_string_destination (dst, dst_len))
                counts->n_strings++;
            }
        }
      else if (token_is (tok, len, "beginbfrange"))
        {
          while (next_token (&t, &tok, &len) && !token_is (tok, len, "endbfrange"))
            {
              const char *tok2, *tok3;
              gsize len2, len3;
              guint64 code1, code2, n;

              if (!next_token (&t, &tok2, &len2) || token_is (tok2, len2, "endbfrange")
                  || !next_token (&t, &tok3, &len3) || token_is (tok3, len3, "endbfrange"))
                break;
              if (!parse_code (tok, len, &code1) || !parse_code (tok2, len2, &code2))
                continue;
              code1 = MIN (code1, MAX_CODE);
              code2 = MIN (code2, MAX_CODE);
              if (code1 > code2)
                continue;
              n = code2 - code1 + 1;

              if (token_is (tok3, len3, "["))
                {
                  /* One destination per code, up to "]". */
                  while (next_token (&t, &tok3, &len3) && !token_is (tok3, len3, "]") && n-- > 0)
                    {
                      counts->n_codes++;
                      if (is_string_destination (tok3, len3))
                        counts->n_strings++;
                    }
                }
              else
                {
                  counts->n_codes += n;
                  if (is_string_destination (tok3, len3))
                    counts->n_strings += n;
                }
            }
        }
    }
}

/* Whether the dictionary before a stream names it an image: its bytes
 * need not be inflated. */
static gboolean
is_image (const guint8 *data,
          gsize         keyword)
{
  gsize from = keyword > 512 ? keyword - 512 : 0;
  const guint8 *dict = data + from;
  gsize len = keyword - from;
  const guint8 *obj;

  /* Only this stream's dictionary: from the last "obj" on. */
  while ((obj = memmem (dict, len, "obj", 3)) != NULL)
    {
      len -= obj + 3 - dict;
      dict = obj + 3;
    }
  return memmem (dict, len, "/Image", 6) != NULL;
}

/* Inflates the zlib stream at @data, stopping at its end, at an error or
 * when *@budget bytes are out.  Poppler keeps what a damaged stream gave
 * before its error (a bad checksum at the end, say): the input goes in by
 * small pieces, so that little of it is lost with the piece that fails. */
static GByteArray *
inflate (const guint8 *data,
         gsize         length,
         gsize        *budget)
{
  g_autoptr(GConverter) zlib = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB));
  GByteArray *out = g_byte_array_new ();
  guint8 buffer[4096];
  gsize in = 0;

  while (*budget > 0)
    {
      gsize piece = MIN (length - in, 64);
      gboolean last = piece == length - in;
      gsize read = 0, written = 0;
      g_autoptr(GError) error = NULL;
      GConverterResult result;

      result = g_converter_convert (zlib, data + in, piece, buffer, MIN (sizeof buffer, *budget),
                                    last ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                                    &read, &written, &error);
      if (result == G_CONVERTER_ERROR)
        {
          /* More input is needed for a whole symbol. */
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) && !last)
            {
              gsize more = MIN (length - in, 4096);

              g_clear_error (&error);
              result = g_converter_convert (zlib, data + in, more, buffer, MIN (sizeof buffer, *budget),
                                            more == length - in ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                                            &read, &written, &error);
            }
          if (result == G_CONVERTER_ERROR)
            break;
        }
      in += read;
      g_byte_array_append (out, buffer, written);
      *budget -= written;
      if (result == G_CONVERTER_FINISHED || (read == 0 && written == 0))
        break;
    }

  return out;
}

/**
 * gk_pdf_cmap_count:
 * @data: the bytes of a PDF
 * @length: how many
 * @counts: (out caller-allocates): what the font maps name
 *
 * Counts the codes the font maps (ToUnicode CMaps) of the PDF name.
 */
void
gk_pdf_cmap_count (const guint8    *data,
                   gsize            length,
                   GkPdfCmapCounts *counts)
{
  gsize budget = MAX_INFLATED;
  gsize at = 0;

  memset (counts, 0, sizeof *counts);

  while (at < length)
    {
      const guint8 *keyword = memmem (data + at, length - at, "stream", 6);
      gsize start, end;
      const guint8 *stop;

      if (keyword == NULL)
        break;
      at = keyword - data + 6;
      /* "endstream", or "stream" not followed by its end of line. */
      if ((keyword > data && keyword[-1] == 'd') || at >= length || (data[at] != '\r' && data[at] != '\n'))
        continue;
      start = at + (data[at] == '\r' && at + 1 < length && data[at + 1] == '\n' ? 2 : 1);
      stop = memmem (data + start, length - start, "endstream", 9);
      end = stop != NULL ? (gsize) (stop - data) : length;
      /* The next stream is looked for inside this one too: when the
       * cross-reference table is damaged, poppler finds objects by
       * their keywords, in a stream's bytes as well (a PDF inside an
       * uncompressed stream). */
      at = start;

      if (start >= end || is_image (data, keyword - data))
        continue;

      /* zlib's header: deflate, and a check of its two bytes. */
      if (end - start >= 2 && (data[start] & 0x0F) == 8 && ((data[start] << 8) | data[start + 1]) % 31 == 0)
        {
          g_autoptr(GByteArray) text = NULL;

          if (budget == 0)
            continue;
          /* Up to the end of the file, not of the stream: a damaged
           * stream may hold "endstream" in its compressed bytes, and
           * poppler reads on by its length. */
          text = inflate (data + start, length - start, &budget);
          if (text->len > 0 && memmem (text->data, text->len, "beginbf", 7) != NULL)
            count_map ((const char *) text->data, text->len, counts);
        }
      else if (memmem (data + start, end - start, "beginbf", 7) != NULL)
        count_map ((const char *) data + start, end - start, counts);
    }
}
