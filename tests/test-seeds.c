/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The five seed reports, parsed: metadata and every cell of tables 3 and 4
 * (and table 2) against values read off each seed by hand. */

#include "config.h"

#include <string.h>

#include "gk-core.h"

typedef struct
{
  const char *file;
  const char *agency;
  int         year;
  GkTemplate  template_;
  /* Table 3: one string of 7 space-separated cells per row, in template
   * order; NULL means every cell is "0". */
  const char * const *t3;
  /* Table 4: the 15 cells, "_" for a blank. */
  const char *t4;
  /* Table 2: "row/column=raw" pairs that are not "0". */
  const char * const *t2_nonzero;
  guint       t2_cells;
} Seed;

static const char * const seed_002_t3[] = {
  "192 23 0 0 0 1 216",  /* new */
  "4 0 0 0 0 0 4",       /* carried_in */
  "78 10 0 0 0 1 89",    /* granted */
  "15 3 0 0 0 0 18",     /* partial */
  "2 0 0 0 0 0 2",       /* denied.1 */
  "0 0 0 0 0 0 0",
  "0 0 0 0 0 0 0",
  "1 0 0 0 0 0 1",       /* denied.4 */
  "2 1 0 0 0 0 3",       /* denied.5 */
  "2 0 0 0 0 0 2",       /* denied.6 */
  "6 0 0 0 0 0 6",       /* denied.7 */
  "0 0 0 0 0 0 0",
  "48 5 0 0 0 0 53",     /* unable.1, label split "（四）无法" / "提供" */
  "0 1 0 0 0 0 1",       /* unable.2 */
  "0 0 0 0 0 0 0",       /* unable.3 */
  "1 0 0 0 0 0 1",       /* rejected.1 */
  "0 0 0 0 0 0 0",
  "0 0 0 0 0 0 0",
  "0 0 0 0 0 0 0",
  "0 0 0 0 0 0 0",
  "33 3 0 0 0 0 36",     /* other (2019: one row) */
  "188 23 0 0 0 1 212",  /* total */
  "8 0 0 0 0 0 8",       /* carried_out */
  NULL
};

static const char * const seed_002_t2[] = {
  "normative/made=17", "normative/published=16", "normative/published_total=186",
  "licensing/prev_items=213", "licensing/change=+2", "licensing/decisions=23131",
  "other_services.行政检查/prev_items=", "other_services.行政检查/change=+45",
  "other_services.行政检查/decisions=131690",
  "other_services.行政确认/prev_items=", "other_services.行政确认/change=+6",
  "other_services.行政确认/decisions=12719",
  "penalty/prev_items=4602", "penalty/change=+2450", "penalty/decisions=9032",
  "coercion/prev_items=84", "coercion/change=+87", "coercion/decisions=26",
  "fees/prev_items=25",
  "procurement/items=4440", "procurement/amount=81184.6411",
  NULL
};

static const char * const seed_003_t2[] = { "normative/in_force=4", NULL };
static const char * const seed_004_t2[] = {
  "normative/issued=2", "normative/repealed=17", "normative/in_force=51", NULL
};
static const char * const no_t2[] = { NULL };

static const Seed seeds[] = {
  { "000_fd56001bfeaab35a.txt", "北京市大兴区人民政府政府办公室", 2021, GK_TEMPLATE_2021,
    NULL, "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", no_t2, 10 },
  { "001_0c1ccc46f30db888.txt", "西工区金谷园街道办事处", 2021, GK_TEMPLATE_2021,
    NULL, "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", no_t2, 10 },
  { "002_7c3adba71c2c08c1.txt", "北京市门头沟区政府", 2020, GK_TEMPLATE_2019,
    seed_002_t3, "_ _ _ _ _ 7 0 0 0 7 24 3 4 8 39", seed_002_t2, 25 },
  { "003_3a1e568c72146643.txt", "北京市密云区科学技术委员会", 2021, GK_TEMPLATE_2021,
    NULL, "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", seed_003_t2, 10 },
  { "004_666f3d5e264c9cf1.txt", "北京市怀柔区人民政府办公室", 2024, GK_TEMPLATE_2021,
    NULL, "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", seed_004_t2, 10 },
};

static GkReport *
parse_seed (const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "seeds", file, NULL);
  g_autoptr(GFile) gfile = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GkReport *report = gk_parse_file (gfile, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
assert_cell (GkCell     *cell,
             const char *expected)
{
  g_autofree char *key = gk_cell_dup_key (cell);

  if (strcmp (expected, "_") == 0)
    {
      if (gk_cell_get_value_class (cell) != GK_VALUE_BLANK)
        g_error ("%s: expected a blank, found “%s”", key, gk_cell_get_raw (cell));
      g_assert_false (gk_cell_has_value (cell));
      return;
    }

  if (strcmp (gk_cell_get_raw (cell), expected) != 0)
    g_error ("%s: expected “%s”, found “%s”", key, expected, gk_cell_get_raw (cell));
  g_assert_true (gk_cell_has_value (cell));
  g_assert_cmpfloat (gk_cell_get_value (cell), ==, g_ascii_strtod (expected, NULL));
  g_assert_cmpuint (gk_cell_get_line (cell), >, 0);
}

static void
test_seed (gconstpointer data)
{
  const Seed *seed = data;
  g_autoptr(GkReport) report = parse_seed (seed->file);
  GkTable *t2, *t3, *t4;
  const GkKeyLabel *rows, *columns;
  guint n_rows, n_columns;

  g_assert_cmpstr (gk_report_get_agency (report), ==, seed->agency);
  g_assert_cmpint (gk_report_get_year (report), ==, seed->year);
  g_assert_cmpint (gk_report_get_template (report), ==, seed->template_);
  g_assert_cmpstr (gk_report_get_encoding (report), ==, "UTF-8");
  g_assert_cmpuint (strlen (gk_report_get_sha256 (report)), ==, 64);
  {
    /* The same digest GLib computes. */
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "seeds", seed->file, NULL);
    g_autofree char *contents = NULL;
    g_autofree char *expected = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
    g_assert_cmpstr (gk_report_get_sha256 (report), ==, expected);
  }
  g_assert_cmpfloat (gk_report_get_agency_confidence (report), >, 0);
  g_assert_cmpfloat (gk_report_get_year_confidence (report), >, 0);
  g_assert_nonnull (gk_report_get_agency_evidence (report));
  g_assert_cmpuint (gk_report_get_agency_line (report), >, 0);

  /* Table 3: every cell. */
  t3 = gk_report_get_table (report, GK_TABLE_3);
  g_assert_nonnull (t3);
  rows = gk_keys_t3_rows (seed->template_, &n_rows);
  columns = gk_keys_t3_columns (&n_columns);
  g_assert_cmpuint (gk_table_get_n_cells (t3), ==, n_rows * n_columns);
  g_assert_cmpuint (n_rows, ==, seed->template_ == GK_TEMPLATE_2019 ? 23 : 25);

  for (guint r = 0; r < n_rows; r++)
    {
      g_auto(GStrv) expected = NULL;

      if (seed->t3 != NULL)
        {
          g_assert_nonnull (seed->t3[r]);
          expected = g_strsplit (seed->t3[r], " ", -1);
        }
      for (guint c = 0; c < n_columns; c++)
        {
          GkCell *cell = gk_table_lookup (t3, rows[r].key, columns[c].key);
          g_assert_nonnull (cell);
          assert_cell (cell, expected ? expected[c] : "0");
        }
    }

  /* Table 4: all 15 cells in order. */
  t4 = gk_report_get_table (report, GK_TABLE_4);
  g_assert_nonnull (t4);
  g_assert_cmpuint (gk_table_get_n_cells (t4), ==, 15);
  {
    g_auto(GStrv) expected = g_strsplit (seed->t4, " ", -1);
    const GkKeyLabel *t4_rows = gk_keys_t4_rows (&n_rows);
    const GkKeyLabel *t4_columns = gk_keys_t4_columns (&n_columns);

    for (guint i = 0; i < 15; i++)
      {
        GkCell *cell = gk_table_lookup (t4, t4_rows[i / 5].key, t4_columns[i % 5].key);
        g_assert_nonnull (cell);
        assert_cell (cell, expected[i]);
      }
  }

  /* Table 2: every cell of its template; the non-zero ones as listed. */
  t2 = gk_report_get_table (report, GK_TABLE_2);
  g_assert_nonnull (t2);
  g_assert_cmpint (gk_table_get_template (t2), ==, seed->template_);
  g_assert_cmpuint (gk_table_get_n_cells (t2), ==, seed->t2_cells);
  for (guint i = 0; i < gk_table_get_n_cells (t2); i++)
    {
      GkCell *cell = gk_table_get_cell (t2, i);
      g_autofree char *prefix = g_strdup_printf ("%s/%s=", gk_cell_get_row (cell), gk_cell_get_column (cell));
      const char *expected = "0";

      for (guint k = 0; seed->t2_nonzero[k] != NULL; k++)
        if (g_str_has_prefix (seed->t2_nonzero[k], prefix))
          expected = seed->t2_nonzero[k] + strlen (prefix);
      assert_cell (cell, *expected ? expected : "_");
    }

  /* Every section of the report was found. */
  for (guint i = 0; i < GK_N_SECTIONS; i++)
    g_assert_cmpuint (gk_report_get_section_line (report, i), >, 0);
}

/* Seed 002's signed and decimal cells keep their class. */
static void
test_seed_002_classes (void)
{
  g_autoptr(GkReport) report = parse_seed ("002_7c3adba71c2c08c1.txt");
  GkCell *cell;

  cell = gk_report_lookup_cell (report, GK_TABLE_2, "penalty", "change");
  g_assert_cmpint (gk_cell_get_value_class (cell), ==, GK_VALUE_SIGNED);
  g_assert_cmpfloat (gk_cell_get_value (cell), ==, 2450);

  cell = gk_report_lookup_cell (report, GK_TABLE_2, "procurement", "amount");
  g_assert_cmpint (gk_cell_get_value_class (cell), ==, GK_VALUE_NUMBER);
  g_assert_cmpfloat_with_epsilon (gk_cell_get_value (cell), 81184.6411, 1e-9);
  g_assert_false (gk_cell_is_integer (cell));

  cell = gk_report_lookup_cell (report, GK_TABLE_4, "review", "total");
  g_assert_cmpint (gk_cell_get_value_class (cell), ==, GK_VALUE_BLANK);

  /* The source line of a cell is the line it stands on. */
  cell = gk_report_lookup_cell (report, GK_TABLE_3, "new", "total");
  g_assert_cmpuint (gk_cell_get_line (cell), ==, 67);
  cell = gk_report_lookup_cell (report, GK_TABLE_3, "unable.3", "natural");
  g_assert_cmpuint (gk_cell_get_line (cell), ==, 82);
}

/* Seed 004 has no title: the agency comes from the body and the footer,
 * with less confidence than a title gives. */
static void
test_seed_004_evidence (void)
{
  g_autoptr(GkReport) report = parse_seed ("004_666f3d5e264c9cf1.txt");

  g_assert_cmpfloat (gk_report_get_agency_confidence (report), <, 0.9);
  g_assert_nonnull (strstr (gk_report_get_agency_evidence (report), "区政府办公室"));
  g_assert_cmpuint (gk_report_get_agency_line (report), ==, 64);
  g_assert_cmpuint (gk_report_get_year_line (report), ==, 3);
}

/* Word numbers its lists itself: a report saved from Word, or copied out
 * of it, may have lost the "（三）" of its row groups and the "1." of
 * their items.  The rows are named by their words, and 2021's "3.其他"
 * under 其他处理, which has no other words, by where it stands. */
static void
test_seed_without_item_numbers (gconstpointer data)
{
  const Seed *seed = data;
  g_autoptr(GkReport) numbered = parse_seed (seed->file);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "seeds", seed->file, NULL);
  g_autofree char *text = NULL;
  g_autofree char *no_items = NULL;
  g_autofree char *no_numbers = NULL;
  g_autoptr(GRegex) items = g_regex_new ("(^|\\t)([ \\t]*)[0-9]\\.[ ]*(?=\\p{Han}|“)", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GRegex) groups = g_regex_new ("(^|\\t)（[一二三四五六七]）", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GkReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *findings;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  no_items = g_regex_replace (items, text, -1, 0, "\\1\\2", 0, &error);
  g_assert_no_error (error);
  no_numbers = g_regex_replace (groups, no_items, -1, 0, "\\1", 0, &error);
  g_assert_no_error (error);
  /* Some numbers were there to take out. */
  g_assert_cmpuint (strlen (no_numbers), <, strlen (text) - 20);

  report = gk_parse_text (no_numbers, seed->file, &error);
  g_assert_no_error (error);

  for (GkTableId id = GK_TABLE_2; id <= GK_TABLE_4; id++)
    {
      GkTable *table = gk_report_get_table (report, id);
      GkTable *expected = gk_report_get_table (numbered, id);

      g_assert_cmpuint (gk_table_get_n_cells (table), ==, gk_table_get_n_cells (expected));
      for (guint i = 0; i < gk_table_get_n_cells (table); i++)
        {
          GkCell *cell = gk_table_get_cell (table, i);
          GkCell *want = gk_table_get_cell (expected, i);
          g_autofree char *key = gk_cell_dup_key (cell);
          g_autofree char *want_key = gk_cell_dup_key (want);

          g_assert_cmpstr (key, ==, want_key);
          if (g_strcmp0 (gk_cell_get_raw (cell), gk_cell_get_raw (want)) != 0)
            g_error ("%s: “%s” with the numbers, “%s” without", key,
                     gk_cell_get_raw (want), gk_cell_get_raw (cell));
        }
    }

  /* No row was left out or left blank. */
  findings = gk_report_get_findings (report);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(GkFinding) finding = g_list_model_get_item (findings, i);
      const char *rule = gk_finding_get_rule (finding);

      if (g_str_equal (rule, "P2") || g_str_equal (rule, "P4"))
        g_error ("%s: %s", rule, gk_finding_get_message (finding));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autofree char *name = g_strdup_printf ("/seeds/%.3s", seeds[i].file);
      g_test_add_data_func (name, &seeds[i], test_seed);
    }
  /* The three seeds whose table 3 is there to read. */
  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("/seeds/%.3s/without-item-numbers", seeds[i].file);
      g_test_add_data_func (name, &seeds[i], test_seed_without_item_numbers);
    }
  g_test_add_func ("/seeds/002/classes", test_seed_002_classes);
  g_test_add_func ("/seeds/004/evidence", test_seed_004_evidence);

  return g_test_run ();
}
