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
 * (a full-width form's three bytes become one).  Returns the length. */
static gsize
normalize_into (const char *text,
                gsize       len,
                char       *out,
                gboolean    drop_spaces)
{
  const char *p = text;
  const char *end = text + len;
  char *w = out;

  while (p < end)
    {
      guchar b = (guchar)*p;
      gunichar c;
      const char *next;

      if (b < 0x80)
        {
          if (!(drop_spaces && (b == ' ' || b == '\t' || b == '\v' || b == '\f' || b == '\r' || b == '\n')))
            *w++ = (char) b;
          p++;
          continue;
        }

      /* Only a few lead bytes start a character that changes: U+00A0
       * (C2), U+2000–U+206F (E2), U+3000 (E3 80 80) and the full-width
       * forms and BOM (EF).  Everything else, CJK included, is copied. */
      if (b != 0xC2 && b != 0xE2 && b != 0xE3 && b != 0xEF)
        {
          gsize n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;

          *w++ = *p++;
          for (gsize i = 1; i < n && p < end; i++)
            *w++ = *p++;
          continue;
        }

      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar)-1 || c == (gunichar)-2)
        {
          p++;
          continue;
        }
      next = g_utf8_next_char (p);

      if (is_invisible (c))
        {
          p = next;
          continue;
        }

      c = gk_normalize_char (c);
      if (c < 0x80)
        {
          if (!(drop_spaces && c == ' '))
            *w++ = (char) c;
        }
      else
        {
          memcpy (w, p, next - p);
          w += next - p;
        }
      p = next;
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
