/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a cell holds (report-format.md §6), and normalisation. */

#include "config.h"

#include "gk-core.h"

typedef struct
{
  const char   *raw;
  GkValueClass  klass;
  gboolean      has_value;
  double        value;
} Case;

static const Case cases[] = {
  { "0",           GK_VALUE_NUMBER, TRUE,  0 },
  { "12",          GK_VALUE_NUMBER, TRUE,  12 },
  { " 12 ",        GK_VALUE_NUMBER, TRUE,  12 },
  { "１２",        GK_VALUE_NUMBER, TRUE,  12 },      /* full width */
  { "1,234",       GK_VALUE_NUMBER, TRUE,  1234 },
  { "1,234,567",   GK_VALUE_NUMBER, TRUE,  1234567 },
  { "81184.6411",  GK_VALUE_NUMBER, TRUE,  81184.6411 },
  { "+2450",       GK_VALUE_SIGNED, TRUE,  2450 },
  { "-3",          GK_VALUE_SIGNED, TRUE,  -3 },
  { "＋2",         GK_VALUE_SIGNED, TRUE,  2 },
  { "",            GK_VALUE_BLANK,  FALSE, 0 },
  { "　",          GK_VALUE_BLANK,  FALSE, 0 },        /* ideographic space */
  { "/",           GK_VALUE_NA,     FALSE, 0 },
  { "／",          GK_VALUE_NA,     FALSE, 0 },
  { "-",           GK_VALUE_NA,     FALSE, 0 },
  { "—",           GK_VALUE_NA,     FALSE, 0 },
  { "无",          GK_VALUE_NA,     FALSE, 0 },
  { "251000元",    GK_VALUE_TEXT,   TRUE,  251000 },
  { "约3件",       GK_VALUE_TEXT,   TRUE,  3 },
  { "3件或4件",    GK_VALUE_TEXT,   FALSE, 0 },       /* two numbers: none taken */
  { "行政许可",    GK_VALUE_TEXT,   FALSE, 0 },
  { "1,23",        GK_VALUE_TEXT,   FALSE, 0 },       /* not a thousands separator */
};

static void
test_classify (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double value = -1;
      gboolean has_value = FALSE, is_integer = FALSE;
      GkValueClass klass = gk_cell_classify (cases[i].raw, &value, &has_value, &is_integer);

      if (klass != cases[i].klass || has_value != cases[i].has_value)
        g_error ("“%s”: class %s, has_value %d; expected %s, %d", cases[i].raw,
                 gk_value_class_to_string (klass), has_value,
                 gk_value_class_to_string (cases[i].klass), cases[i].has_value);
      if (has_value)
        g_assert_cmpfloat_with_epsilon (value, cases[i].value, 1e-9);
    }
}

static void
test_cell_object (void)
{
  g_autoptr(GkCell) cell = gk_cell_new (GK_TABLE_3, "new", "natural", "１９２", 67);
  g_autoptr(GkCell) blank = gk_cell_new (GK_TABLE_4, "review", "total", NULL, 0);
  g_autoptr(GkCell) signed_cell = gk_cell_new (GK_TABLE_2, "licensing", "change", "+2", 47);
  g_autofree char *key = gk_cell_dup_key (cell);
  g_autofree char *value = gk_cell_format_value (cell);
  g_autofree char *blank_value = gk_cell_format_value (blank);
  g_autofree char *signed_value = gk_cell_format_value (signed_cell);

  g_assert_cmpstr (key, ==, "t3/new/natural");
  g_assert_cmpstr (gk_cell_get_raw (cell), ==, "１９２");  /* raw text kept */
  g_assert_cmpstr (value, ==, "192");
  g_assert_cmpuint (gk_cell_get_line (cell), ==, 67);
  g_assert_cmpstr (blank_value, ==, "");
  g_assert_cmpint (gk_cell_get_value_class (blank), ==, GK_VALUE_BLANK);
  g_assert_cmpstr (signed_value, ==, "+2");
}

static void
test_normalize (void)
{
  g_autofree char *a = gk_normalize_text ("（四）无法提供：１２３，ＡＢｃ　x");
  g_autofree char *b = gk_normalize_compact ("商业 企业\n（二）　部分公开");
  g_autofree char *c = gk_normalize_strip ("　\t 规章 \u00a0");

  g_assert_cmpstr (a, ==, "(四)无法提供:123,ABc x");
  g_assert_cmpstr (b, ==, "商业企业(二)部分公开");
  g_assert_cmpstr (c, ==, "规章");
}

static void
test_keys (void)
{
  guint n = 0;

  gk_keys_t3_rows (GK_TEMPLATE_2021, &n);
  g_assert_cmpuint (n, ==, 25);
  gk_keys_t3_rows (GK_TEMPLATE_2019, &n);
  g_assert_cmpuint (n, ==, 23);
  gk_keys_t3_columns (&n);
  g_assert_cmpuint (n, ==, 7);
  gk_keys_t2_rows (GK_TEMPLATE_2021, &n);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpstr (gk_keys_row_label (GK_TABLE_3, GK_TEMPLATE_2019, "other"), ==, "（六）其他处理");
  g_assert_cmpstr (gk_keys_column_label (GK_TABLE_4, GK_TEMPLATE_2021, "corrected"), ==, "结果纠正");
  g_assert_cmpint (gk_keys_row_index (GK_TABLE_3, GK_TEMPLATE_2021, "carried_out"), ==, 24);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cell/classify", test_classify);
  g_test_add_func ("/cell/object", test_cell_object);
  g_test_add_func ("/cell/normalize", test_normalize);
  g_test_add_func ("/cell/keys", test_keys);

  return g_test_run ();
}
