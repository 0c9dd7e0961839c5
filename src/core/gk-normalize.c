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

static char *
normalize (const char *text,
           gboolean    drop_spaces)
{
  gsize len;
  char *out, *w;

  g_return_val_if_fail (text != NULL, NULL);

  /* Every change shrinks or keeps a character's encoding (a full-width
   * form's three bytes become one), so the result fits in the input's
   * length and is written in one pass. */
  len = strlen (text);
  out = g_malloc (len + 1);
  w = out;

  for (const char *p = text; *p; )
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
          for (gsize i = 1; i < n && *p != '\0'; i++)
            *w++ = *p++;
          continue;
        }

      c = g_utf8_get_char_validated (p, -1);
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
  return out;
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
