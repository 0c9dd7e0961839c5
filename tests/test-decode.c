/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Decoding: every encoding a report arrives in, and the ones it must not
 * be mistaken for. */

#include "config.h"

#include <string.h>

#include "gk-core.h"

static const char *sample = "北京市门头沟区政府 2020 年政府信息公开工作年度报告\n一、本年新收政府信息公开申请数量\t192\n";

static char *
decode (const void  *data,
        gsize        len,
        char       **encoding,
        GError     **error)
{
  return gk_decode_text (data, len, encoding, error);
}

static void
test_utf8 (void)
{
  g_autofree char *enc = NULL;
  g_autofree char *text = decode (sample, strlen (sample), &enc, NULL);

  g_assert_cmpstr (text, ==, sample);
  g_assert_cmpstr (enc, ==, "UTF-8");
}

static void
test_utf8_bom (void)
{
  g_autofree char *with_bom = g_strconcat ("\xEF\xBB\xBF", sample, NULL);
  g_autofree char *enc = NULL;
  g_autofree char *text = decode (with_bom, strlen (with_bom), &enc, NULL);

  g_assert_cmpstr (text, ==, sample);
  g_assert_cmpstr (enc, ==, "UTF-8");
}

static void
check_converted (const char *charset,
                 const char *bom,
                 gsize       bom_len,
                 const char *expected_name)
{
  gsize len = 0;
  g_autofree char *converted = g_convert (sample, -1, charset, "UTF-8", NULL, &len, NULL);
  g_autofree char *bytes = g_malloc (len + bom_len);
  g_autofree char *enc = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (converted);
  memcpy (bytes, bom, bom_len);
  memcpy (bytes + bom_len, converted, len);

  text = decode (bytes, len + bom_len, &enc, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, sample);
  g_assert_cmpstr (enc, ==, expected_name);
}

static void
test_utf16 (void)
{
  check_converted ("UTF-16LE", "\xFF\xFE", 2, "UTF-16LE");
  check_converted ("UTF-16BE", "\xFE\xFF", 2, "UTF-16BE");
  /* Without a BOM, the zero bytes of ASCII digits and newlines give it away. */
  check_converted ("UTF-16LE", "", 0, "UTF-16LE");
}

static void
test_gb18030 (void)
{
  check_converted ("GB18030", "", 0, "GB18030");
  /* GBK and GB2312 are subsets: read as GB18030. */
  check_converted ("GBK", "", 0, "GB18030");
  check_converted ("GB2312", "", 0, "GB18030");
}

/* A character only GB18030's four-byte sequences encode (in names of
 * people and places): a GBK decoder would fail on it. */
static void
test_gb18030_four_byte (void)
{
  const char *utf8 = "䶮\t1\n";
  gsize len = 0;
  g_autofree char *bytes = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &len, NULL);
  g_autofree char *enc = NULL;
  g_autofree char *text = decode (bytes, len, &enc, NULL);

  g_assert_cmpstr (text, ==, utf8);
  g_assert_cmpstr (enc, ==, "GB18030");
}

static void
test_crlf (void)
{
  const char *crlf = "一、总体情况\r\n2021年\r\n\r\n二\r";
  g_autofree char *text = decode (crlf, strlen (crlf), NULL, NULL);

  g_assert_cmpstr (text, ==, "一、总体情况\n2021年\n\n二\n");
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = decode ("", 0, NULL, &error);

  g_assert_null (text);
  g_assert_error (error, GK_DECODE_ERROR, GK_DECODE_ERROR_EMPTY);
}

static void
test_binary (void)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R' };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = decode (png, sizeof png, NULL, &error);

  g_assert_null (text);
  g_assert_error (error, GK_DECODE_ERROR, GK_DECODE_ERROR_BINARY);
}

/* Bytes that are neither UTF-8 nor GB18030 are refused in words, never
 * read as Latin-1. */
static void
test_not_latin1 (void)
{
  /* 0x80 is a lone byte GB18030 does not define; 0xFF never starts a
   * GB18030 sequence. */
  static const char bad[] = "report \x80\xFF\xFE\x80 abc\xFF\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *enc = NULL;
  g_autofree char *text = decode (bad, sizeof bad - 1, &enc, &error);

  g_assert_null (text);
  g_assert_error (error, GK_DECODE_ERROR, GK_DECODE_ERROR_ENCODING);
  g_assert_null (enc);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/decode/utf8", test_utf8);
  g_test_add_func ("/decode/utf8-bom", test_utf8_bom);
  g_test_add_func ("/decode/utf16", test_utf16);
  g_test_add_func ("/decode/gb18030", test_gb18030);
  g_test_add_func ("/decode/gb18030-four-byte", test_gb18030_four_byte);
  g_test_add_func ("/decode/crlf", test_crlf);
  g_test_add_func ("/decode/empty", test_empty);
  g_test_add_func ("/decode/binary", test_binary);
  g_test_add_func ("/decode/not-latin1", test_not_latin1);

  return g_test_run ();
}
