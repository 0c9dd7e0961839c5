/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "gk-normalize.h"

/**
 * gk_normalize_char:
 *
 * Folds a full-width character (U+FF01–U+FF5E) onto its ASCII twin, and
 * every kind of space onto U+0020.  Chinese punctuation without an ASCII
 * twin (、。“”) is kept: report labels rely on it.
 */
gunichar
gk_normalize_char (gunichar c)
{
  if (c >= 0xFF01 && c <= 0xFF5E)
    return c - 0xFEE0;
  if (gk_normalize_is_space (c))
    return ' ';
  return c;
}

gboolean
gk_normalize_is_space (gunichar c)
{
  switch (c)
    {
    case ' ':
    case '\t':
    case '\v':
    case '\f':
    case 0x00A0: /* no-break space, from &nbsp; */
    case 0x3000: /* ideographic space */
    case 0x2002: case 0x2003: case 0x2009: case 0x200A:
    case 0x202F:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Zero-width characters that web pages scatter inside words. */
static gboolean
is_invisible (gunichar c)
{
  return c == 0x200B || c == 0x200C || c == 0x200D || c == 0xFEFF || c == 0x2060;
}

/* Writes the normal form of @len bytes of @text to @out, which has room
 * for @len + 1 bytes: every change shrinks or keeps a character's encoding
 * (a full-width form's three bytes become one).  Returns the length.
 *
 * This runs over every byte of every report, so it works on the UTF-8
 * bytes themselves: runs of bytes that stay as they are (CJK text, most
 * ASCII) are copied whole, and only the few sequences that change are
 * decoded: U+00A0, the spaces and zero-width characters of U+2000–U+2060,
 * U+3000, the BOM and the full-width forms U+FF01–U+FF5E. */
static gsize
normalize_into (const char *text,
                gsize       len,
                char       *out,
                gboolean    drop_spaces)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + len;
  char *w = out;

  while (p < end)
    {
      const guchar *run = p;
      guchar b;

      /* The run of bytes that stay. */
      while (p < end)
        {
          b = *p;
          if (b < 0x80)
            {
              if (drop_spaces && (b == ' ' || b == '\t' || b == '\v' || b == '\f' || b == '\r' || b == '\n'))
                break;
            }
          else if (b == 0xC2 || b == 0xE2 || b == 0xE3 || b == 0xEF)
            break;
          p++;
        }
      memcpy (w, run, p - run);
      w += p - run;
      if (p >= end)
        break;

      b = *p;
      if (b < 0x80)
        {
          /* ASCII white space, dropped. */
          p++;
          continue;
        }

      {
        gsize n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
        gunichar c = 0;
        gboolean space = FALSE, drop = FALSE;

        if ((gsize) (end - p) < n)
          {
            /* A truncated sequence: keep its bytes as they are. */
            memcpy (w, p, end - p);
            w += end - p;
            break;
          }

        if (b == 0xC2)
          space = p[1] == 0xA0;
        else if (b == 0xE2)
          {
            if (p[1] == 0x80)
              {
                space = p[2] == 0x82 || p[2] == 0x83 || p[2] == 0x89 || p[2] == 0x8A || p[2] == 0xAF;
                drop = p[2] == 0x8B || p[2] == 0x8C || p[2] == 0x8D;
              }
            else if (p[1] == 0x81)
              drop = p[2] == 0xA0;
          }
        else if (b == 0xE3)
          space = p[1] == 0x80 && p[2] == 0x80;
        else if (b == 0xEF)
          {
            c = ((gunichar) (b & 0x0F) << 12) | ((gunichar) (p[1] & 0x3F) << 6) | (p[2] & 0x3F);
            drop = c == 0xFEFF;
            if (!(c >= 0xFF01 && c <= 0xFF5E))
              c = 0;
          }

        if (space)
          {
            if (!drop_spaces)
              *w++ = ' ';
          }
        else if (c != 0)
          *w++ = (char) (c - 0xFEE0);
        else if (!drop)
          {
            memcpy (w, p, n);
            w += n;
          }
        p += n;
      }
    }

  *w = '\0';
  return w - out;
}

static char *
normalize (const char *text,
           gboolean    drop_spaces)
{
  gsize len;
  char *out;

  g_return_val_if_fail (text != NULL, NULL);

  len = strlen (text);
  out = g_malloc (len + 1);
  normalize_into (text, len, out, drop_spaces);
  return out;
}

/**
 * gk_normalize_compact_into:
 * @text: the text, not necessarily NUL-terminated
 * @len: its length in bytes
 * @out: room for @len + 1 bytes
 *
 * gk_normalize_compact() without an allocation, for the layout reader.
 *
 * Returns: the length written, not counting the NUL
 */
gsize
gk_normalize_compact_into (const char *text,
                           gsize       len,
                           char       *out)
{
  return normalize_into (text, len, out, TRUE);
}

/**
 * gk_normalize_text:
 *
 * Returns: (transfer full): @text with full-width forms folded to ASCII and
 *   every space made a plain space; line breaks are kept
 */
char *
gk_normalize_text (const char *text)
{
  return normalize (text, FALSE);
}

/**
 * gk_normalize_compact:
 *
 * Returns: (transfer full): like gk_normalize_text(), with all white space
 *   removed, which is how labels and numbers are compared ("商业 企业" and
 *   "商业\n企业" both become "商业企业")
 */
char *
gk_normalize_compact (const char *text)
{
  return normalize (text, TRUE);
}

static gboolean
is_strippable (gunichar c)
{
  return gk_normalize_is_space (c) || is_invisible (c) || c == '\r' || c == '\n';
}

/**
 * gk_normalize_strip_bounds:
 * @text: the text, not necessarily NUL-terminated
 * @len: its length in bytes
 * @start: (out): where the text starts without leading white space
 * @end: (out): where it ends without trailing white space
 *
 * gk_normalize_strip() without an allocation.
 */
void
gk_normalize_strip_bounds (const char *text,
                           gsize       len,
                           gsize      *start,
                           gsize      *end)
{
  const char *s = text;
  const char *e = text + len;

  while (s < e)
    {
      gunichar c = g_utf8_get_char_validated (s, e - s);
      if (c == (gunichar)-1 || c == (gunichar)-2 || !is_strippable (c))
        break;
      s = g_utf8_next_char (s);
    }

  while (e > s)
    {
      const char *prev = g_utf8_find_prev_char (s, e);
      gunichar c;

      if (prev == NULL)
        break;
      c = g_utf8_get_char_validated (prev, e - prev);
      if (c == (gunichar)-1 || c == (gunichar)-2 || !is_strippable (c))
        break;
      e = prev;
    }

  *start = s - text;
  *end = e - text;
}

/**
 * gk_normalize_strip:
 *
 * Returns: (transfer full): @text without leading and trailing white space
 *   of any width, inner text untouched
 */
char *
gk_normalize_strip (const char *text)
{
  const char *start = text;
  const char *end;

  g_return_val_if_fail (text != NULL, NULL);

  while (*start)
    {
      gunichar c = g_utf8_get_char (start);
      if (!(gk_normalize_is_space (c) || is_invisible (c) || c == '\r' || c == '\n'))
        break;
      start = g_utf8_next_char (start);
    }

  end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);
      gunichar c = g_utf8_get_char (prev);
      if (!(gk_normalize_is_space (c) || is_invisible (c) || c == '\r' || c == '\n'))
        break;
      end = prev;
    }

  return g_strndup (start, end - start);
}
