/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-pdf-cmap"

#define _GNU_SOURCE /* memmem */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <zlib.h>

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

/* Poppler's token buffers (CharCodeToUnicode::parseCMap1()): longer
 * tokens are cut, which makes them invalid. */
#define TOKEN_SIZE    256

typedef struct
{
  const char *p, *end;
  char        buf[TOKEN_SIZE];
  gsize       len;
} Tokenizer;

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\0';
}

static gboolean
is_delimiter (char c)
{
  return c != '\0' && strchr ("()<>[]{}/%", c) != NULL;
}

static void
token_add (Tokenizer *t,
           char       c)
{
  if (t->len < TOKEN_SIZE - 1)
    t->buf[t->len++] = c;
}

/* The next token in t->buf, t->len long, as poppler's PSTokenizer reads
 * it: a hex string "<…>" runs to the next ">" and drops the white space
 * inside ("<5B7 684>" is "<5B7684>"); FALSE at the end. */
static gboolean
next_token (Tokenizer *t)
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

  t->len = 0;
  token_add (t, *p);
  if (*p == '<')
    {
      for (p++; p < t->end; p++)
        {
          if (!is_space (*p))
            token_add (t, *p);
          if (*p == '>')
            {
              p++;
              break;
            }
        }
    }
  else if (*p == '(')
    {
      gboolean backslash = FALSE;

      for (p++; p < t->end; p++)
        {
          token_add (t, *p);
          if (*p == '\\')
            backslash = TRUE;
          else if (!backslash && *p == ')')
            {
              p++;
              break;
            }
          else
            backslash = FALSE;
        }
    }
  else if (*p == '[' || *p == ']' || *p == '{' || *p == '}')
    p++;
  else
    for (p++; p < t->end && !is_space (*p) && !is_delimiter (*p); p++)
      token_add (t, *p);

  t->buf[t->len] = '\0';
  t->p = p;
  return TRUE;
}

static gboolean
token_is (const Tokenizer *t,
          const char      *word)
{
  return strcmp (t->buf, word) == 0;
}

static gboolean
is_hex_string (const char *token,
               gsize       len)
{
  return len >= 2 && token[0] == '<' && token[len - 1] == '>';
}

/* A hex string "<…>" as poppler's parseHex(): any number of digits,
 * kept to 32 bits. */
static gboolean
parse_code (const char *token,
            gsize       len,
            guint32    *code)
{
  if (!is_hex_string (token, len))
    return FALSE;

  *code = 0;
  for (gsize i = 1; i < len - 1; i++)
    {
      int digit = g_ascii_xdigit_value (token[i]);
      if (digit < 0)
        return FALSE;
      *code = (*code << 4) + digit;
    }
  return TRUE;
}

/* A destination poppler keeps as a string: more than four hex digits. */
static gboolean
is_string_destination (const char *token,
                       gsize       len)
{
  return is_hex_string (token, len) && len - 2 > 4;
}

/* Poppler maps no code above this, whatever the map says. */
#define MAX_MAPPED_CODE  0xFFFFFF

static void
count_map (const char      *text,
           gsize            length,
           GkPdfCmapCounts *counts)
{
  Tokenizer t = { text, text + length, { 0, }, 0 };
  guint64 slots = 0;

  counts->n_maps++;

  while (next_token (&t))
    {
      if (token_is (&t, "beginbfchar"))
        {
          while (next_token (&t) && !token_is (&t, "endbfchar"))
            {
              char src[TOKEN_SIZE];
              gsize src_len = t.len;
              guint32 code;

              memcpy (src, t.buf, t.len + 1);
              if (!next_token (&t) || token_is (&t, "endbfchar"))
                break;
              if (!is_hex_string (t.buf, t.len) || !parse_code (src, src_len, &code) || code > MAX_MAPPED_CODE)
                continue;
              /* A code is a slot of the map, which grows to hold it: a
               * single code of 0xFFFFFF is an array of 16 million. */
              slots = MAX (slots, (guint64) code + 1);
              counts->n_codes++;
              if (is_string_destination (t.buf, t.len))
                counts->n_strings++;
            }
        }
      else if (token_is (&t, "beginbfrange"))
        {
          while (next_token (&t) && !token_is (&t, "endbfrange"))
            {
              char first[TOKEN_SIZE];
              gsize first_len = t.len;
              guint32 code1, code2;
              guint64 n;

              memcpy (first, t.buf, t.len + 1);
              if (!next_token (&t) || token_is (&t, "endbfrange"))
                break;
              if (!parse_code (first, first_len, &code1) || !parse_code (t.buf, t.len, &code2))
                {
                  /* Poppler reads the third token before it looks. */
                  if (!next_token (&t) || token_is (&t, "endbfrange"))
                    break;
                  continue;
                }
              if (!next_token (&t) || token_is (&t, "endbfrange"))
                break;
              code1 = MIN (code1, MAX_CODE);
              code2 = MIN (code2, MAX_CODE);
              if (code1 > code2)
                continue;
              n = code2 - code1 + 1;

              if (token_is (&t, "["))
                {
                  /* One destination per code, up to "]". */
                  while (next_token (&t) && n > 0 && !token_is (&t, "]"))
                    {
                      slots = MAX (slots, (guint64) code2 + 1);
                      n--;
                      counts->n_codes++;
                      if (is_string_destination (t.buf, t.len))
                        counts->n_strings++;
                    }
                }
              else if (is_hex_string (t.buf, t.len))
                {
                  slots = MAX (slots, (guint64) code2 + 1);
                  counts->n_codes += n;
                  if (is_string_destination (t.buf, t.len))
                    counts->n_strings += n;
                }
            }
        }
    }

  counts->n_slots += slots;
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

/* Poppler's window before a stream's first byte: its own inflater
 * (Stream.cc, not zlib) lets a damaged stream copy from "before the
 * start", where zlib stops with "invalid distance too far back", and reads
 * on.  Zeros are what it finds there; the tokenizer takes them as spaces. */
static const guint8 empty_window[32 * 1024];

/* Inflates the zlib stream at @data as poppler does, stopping at its end,
 * at an error or when *@budget bytes are out: the two header bytes are
 * checked and skipped, the checksum at the end is not read, and a
 * distance reaching before the start reads zeros. */
static GByteArray *
inflate_stream (const guint8 *data,
                gsize         length,
                gsize        *budget)
{
  GByteArray *out = g_byte_array_new ();
  z_stream z = { 0, };
  guint8 buffer[4096];

  /* A preset dictionary (FDICT): poppler gives up on the stream. */
  if (length < 2 || (data[1] & 0x20) != 0)
    return out;
  if (inflateInit2 (&z, -MAX_WBITS) != Z_OK)
    return out;
  inflateSetDictionary (&z, empty_window, sizeof empty_window);
  z.next_in = (Bytef *) data + 2;
  z.avail_in = (uInt) MIN (length - 2, G_MAXUINT);

  while (*budget > 0)
    {
      gsize room = MIN (sizeof buffer, *budget);
      gsize written;
      int status;

      z.next_out = buffer;
      z.avail_out = (uInt) room;
      status = inflate (&z, Z_NO_FLUSH);
      /* What came out before an error counts: poppler keeps it too. */
      written = room - z.avail_out;
      g_byte_array_append (out, buffer, written);
      *budget -= written;
      if (status != Z_OK || written == 0)
        break;
    }

  inflateEnd (&z);
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
          text = inflate_stream (data + start, length - start, &budget);
          if (text->len > 0 && memmem (text->data, text->len, "beginbf", 7) != NULL)
            count_map ((const char *) text->data, text->len, counts);
        }
      else if (memmem (data + start, end - start, "beginbf", 7) != NULL)
        count_map ((const char *) data + start, end - start, counts);
    }
}
