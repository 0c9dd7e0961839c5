/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-indicators.c: the indicators of report-format.md §9 on numbers
 * read off the seeds by hand, and the cases that have no value. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "gk-core.h"

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
set_cell (GkReport   *report,
          GkTableId   table,
          const char *row,
          const char *column,
          const char *raw)
{
  g_autoptr(GkCell) cell = gk_cell_new (table, row, column, raw, 1);

  gk_table_add_cell (gk_report_get_table (report, table), cell);
}

static void
assert_value (GkReport    *report,
              GkIndicator  indicator,
              double       numerator,
              double       denominator,
              const char  *shown)
{
  GkIndicatorResult result;
  g_autofree char *text = NULL;

  gk_indicator_compute (report, indicator, &result);
  if (result.state != GK_INDICATOR_HAS_VALUE)
    {
      g_autofree char *why = gk_indicator_result_dup_why_none (&result);
      g_error ("%s: expected a value, found none: %s", gk_indicator_get_key (indicator), why);
    }
  g_assert_cmpfloat (result.numerator, ==, numerator);
  if (gk_indicator_is_rate (indicator))
    {
      g_assert_cmpfloat (result.denominator, ==, denominator);
      g_assert_cmpfloat_with_epsilon (result.value, numerator / denominator, 1e-12);
    }
  else
    g_assert_cmpfloat (result.value, ==, numerator);

  text = gk_indicator_result_format (&result);
  g_assert_cmpstr (text, ==, shown);
}

static void
assert_no_value (GkReport         *report,
                 GkIndicator       indicator,
                 GkIndicatorState  state)
{
  GkIndicatorResult result;
  g_autofree char *text = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *why = NULL;

  gk_indicator_compute (report, indicator, &result);
  g_assert_cmpint (result.state, ==, state);
  text = gk_indicator_result_format (&result);
  plain = gk_indicator_result_format_plain (&result);
  why = gk_indicator_result_dup_why_none (&result);
  /* Never "0%" or "nan": nothing at all. */
  g_assert_null (text);
  g_assert_null (plain);
  g_assert_nonnull (why);
  if (state == GK_INDICATOR_ZERO_DENOMINATOR)
    g_assert_nonnull (strstr (why, "denominator is 0"));
  else
    g_assert_nonnull (strstr (why, "blank"));
}

/* Seed 002, 北京市门头沟区政府 2020, column 总计 of table 3:
 *   一 new 216, 二 carried_in 4, （七）total 212;
 *   granted 89, partial 18;
 *   denied.1…8: 2 0 0 1 3 2 6 0 = 14;
 *   unable.1…3: 53 1 0 = 54;
 *   rejected.1…5: 1 0 0 0 0 = 1.
 * Table 4: 行政复议 all blank; 直接起诉 7 0 0 0 7; 复议后起诉 24 3 4 8 39. */
static void
test_seed_002 (void)
{
  g_autoptr(GkReport) report = parse_seed ("002_7c3adba71c2c08c1.txt");
  GkIndicatorResult result;

  assert_value (report, GK_INDICATOR_RECEIVED, 216 + 4, 0, "220");
  assert_value (report, GK_INDICATOR_DISCLOSED_RATE, 89 + 18, 212, "50.47%");
  assert_value (report, GK_INDICATOR_DENIED_RATE, 14, 212, "6.60%");
  assert_value (report, GK_INDICATOR_UNABLE_RATE, 54, 212, "25.47%");
  assert_value (report, GK_INDICATOR_REJECTED_RATE, 1, 212, "0.47%");
  assert_value (report, GK_INDICATOR_SUIT_CORRECTED_RATE, 0 + 3, 7 + 39, "6.52%");

  /* The blank 行政复议 cells are not zeros. */
  assert_no_value (report, GK_INDICATOR_REVIEW_CORRECTED_RATE, GK_INDICATOR_MISSING_INPUT);
  assert_no_value (report, GK_INDICATOR_REVIEW_CORRECTED_RATE_CONCLUDED, GK_INDICATOR_MISSING_INPUT);
  assert_no_value (report, GK_INDICATOR_DISPUTE_RATE, GK_INDICATOR_MISSING_INPUT);

  gk_indicator_compute (report, GK_INDICATOR_REVIEW_CORRECTED_RATE, &result);
  g_assert_cmpint (result.missing_table, ==, GK_TABLE_4);
  g_assert_cmpstr (result.missing_row, ==, "review");
  g_assert_cmpstr (result.missing_column, ==, "corrected");
  {
    g_autofree char *why = gk_indicator_result_dup_why_none (&result);
    g_assert_nonnull (strstr (why, "行政复议 / 结果纠正"));
  }

  /* For tools: a fraction, six decimals. */
  gk_indicator_compute (report, GK_INDICATOR_DISCLOSED_RATE, &result);
  {
    g_autofree char *plain = gk_indicator_result_format_plain (&result);
    g_assert_cmpstr (plain, ==, "0.504717");
  }
}

/* Seed 000 received nothing and handled nothing: every rate over table 3
 * has a denominator of 0, and so no value, while the count is a real 0. */
static void
test_zero_denominators (void)
{
  g_autoptr(GkReport) report = parse_seed ("000_fd56001bfeaab35a.txt");

  assert_value (report, GK_INDICATOR_RECEIVED, 0, 0, "0");
  for (GkIndicator i = GK_INDICATOR_DISCLOSED_RATE; i < GK_N_INDICATORS; i++)
    assert_no_value (report, i, GK_INDICATOR_ZERO_DENOMINATOR);
}

/* The variant without 尚未审结, and its own zero denominator. */
static void
test_review_variants (void)
{
  g_autoptr(GkReport) report = parse_seed ("000_fd56001bfeaab35a.txt");

  /* 10 reviews, 2 pending, 4 corrected: 4 / 10 over all, 4 / 8 over those
   * concluded. */
  set_cell (report, GK_TABLE_4, "review", "total", "10");
  set_cell (report, GK_TABLE_4, "review", "pending", "2");
  set_cell (report, GK_TABLE_4, "review", "corrected", "4");
  assert_value (report, GK_INDICATOR_REVIEW_CORRECTED_RATE, 4, 10, "40.00%");
  assert_value (report, GK_INDICATOR_REVIEW_CORRECTED_RATE_CONCLUDED, 4, 8, "50.00%");

  /* 争议转化率: 10 reviews and no lawsuits over 20 new requests. */
  set_cell (report, GK_TABLE_3, "new", "total", "20");
  assert_value (report, GK_INDICATOR_DISPUTE_RATE, 10, 20, "50.00%");

  /* All 10 pending: none concluded, no rate of them. */
  set_cell (report, GK_TABLE_4, "review", "pending", "10");
  assert_value (report, GK_INDICATOR_REVIEW_CORRECTED_RATE, 4, 10, "40.00%");
  assert_no_value (report, GK_INDICATOR_REVIEW_CORRECTED_RATE_CONCLUDED, GK_INDICATOR_ZERO_DENOMINATOR);

  /* "/" is not applicable, not 0. */
  set_cell (report, GK_TABLE_4, "review", "corrected", "/");
  assert_no_value (report, GK_INDICATOR_REVIEW_CORRECTED_RATE, GK_INDICATOR_MISSING_INPUT);
}

/* A report without table 4 has no value for the indicators that need it. */
static void
test_missing_table (void)
{
  g_autoptr(GkReport) report = gk_report_new ();
  g_autoptr(GkTable) t3 = gk_table_new (GK_TABLE_3, GK_TEMPLATE_2021);

  gk_report_set_table (report, t3);
  set_cell (report, GK_TABLE_3, "new", "total", "5");
  set_cell (report, GK_TABLE_3, "carried_in", "total", "1");

  assert_value (report, GK_INDICATOR_RECEIVED, 6, 0, "6");
  assert_no_value (report, GK_INDICATOR_DISCLOSED_RATE, GK_INDICATOR_MISSING_INPUT);
  assert_no_value (report, GK_INDICATOR_SUIT_CORRECTED_RATE, GK_INDICATOR_MISSING_INPUT);
  assert_no_value (report, GK_INDICATOR_DISPUTE_RATE, GK_INDICATOR_MISSING_INPUT);
}

/* Every indicator explains itself: a key, a Chinese name, a formula in
 * keys and in words; a rate says what it is a share of. */
static void
test_definitions (void)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);

  for (GkIndicator i = 0; i < GK_N_INDICATORS; i++)
    {
      const char *key = gk_indicator_get_key (i);
      GkIndicator back;

      g_assert_true (gk_indicator_from_key (key, &back));
      g_assert_cmpint (back, ==, i);
      g_assert_false (g_hash_table_contains (keys, key));
      g_hash_table_add (keys, (gpointer) key);

      g_assert_cmpuint (strlen (gk_indicator_get_name (i)), >, 0);
      g_assert_cmpuint (strlen (gk_indicator_get_title (i)), >, 0);
      g_assert_nonnull (strstr (gk_indicator_get_formula (i), "t"));
      g_assert_cmpuint (strlen (gk_indicator_get_formula_zh (i)), >, 0);
      if (gk_indicator_is_rate (i))
        {
          g_assert_nonnull (gk_indicator_get_denominator (i));
          g_assert_nonnull (strstr (gk_indicator_get_formula (i), "/"));
        }
      else
        g_assert_null (gk_indicator_get_denominator (i));
    }

  g_assert_false (gk_indicator_from_key ("no_such_rate", NULL));
  g_assert_cmpstr (gk_indicator_get_name (GK_INDICATOR_DISCLOSED_RATE), ==, "实质公开率");
  g_assert_cmpstr (gk_indicator_get_name (GK_INDICATOR_DISPUTE_RATE), ==, "争议转化率");
}

/* The summary holds sums of rows; the indicators read from it must be
 * the very ones read from the cells. */
static void
assert_summary_agrees (GkReport *report)
{
  GkReportSummary summary;

  gk_report_summary_compute (&summary, report);

  for (GkIndicator i = 0; i < GK_N_INDICATORS; i++)
    {
      GkIndicatorResult from_cells, from_summary;

      gk_indicator_compute (report, i, &from_cells);
      gk_indicator_compute_summary (&summary, i, &from_summary);

      g_test_message ("%s: state %d / %d", gk_indicator_get_key (i), from_cells.state, from_summary.state);
      g_assert_cmpint (from_summary.indicator, ==, i);
      g_assert_cmpint (from_summary.state, ==, from_cells.state);
      switch (from_cells.state)
        {
        case GK_INDICATOR_HAS_VALUE:
          g_assert_cmpfloat (from_summary.value, ==, from_cells.value);
          G_GNUC_FALLTHROUGH;
        case GK_INDICATOR_ZERO_DENOMINATOR:
          g_assert_cmpfloat (from_summary.numerator, ==, from_cells.numerator);
          g_assert_cmpfloat (from_summary.denominator, ==, from_cells.denominator);
          break;
        case GK_INDICATOR_MISSING_INPUT:
        default:
          g_assert_cmpint (from_summary.missing_table, ==, from_cells.missing_table);
          g_assert_cmpstr (from_summary.missing_column, ==, from_cells.missing_column);
          /* The same row, or (a group summed with some blanks) the same
           * group: "denied.1" for "denied.3". */
          {
            const char *dot = strchr (from_cells.missing_row, '.');
            gsize stem = dot ? (gsize) (dot - from_cells.missing_row) + 1 : strlen (from_cells.missing_row) + 1;
            g_assert_cmpint (strncmp (from_summary.missing_row, from_cells.missing_row, stem), ==, 0);
          }
          break;
        }

      {
        g_autofree char *a = gk_indicator_result_format (&from_cells);
        g_autofree char *b = gk_indicator_result_format (&from_summary);
        g_assert_cmpstr (a, ==, b);
      }
    }
}

static void
test_summary_seeds (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "seeds", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GkReport) report = NULL;

      if (g_str_has_prefix (name, "."))
        continue;
      g_test_message ("seed %s", name);
      report = parse_seed (name);
      assert_summary_agrees (report);
      n++;
    }
  g_assert_cmpuint (n, >=, 5);
}

/* Zero denominators, blank cells, a blank among summed rows, "/", a
 * missing table: the summary gives the same answers. */
static void
test_summary_edges (void)
{
  g_autoptr(GkReport) zero = parse_seed ("000_fd56001bfeaab35a.txt");
  g_autoptr(GkReport) blanks = parse_seed ("002_7c3adba71c2c08c1.txt");
  g_autoptr(GkReport) bare = gk_report_new ();
  g_autoptr(GkTable) t3 = gk_table_new (GK_TABLE_3, GK_TEMPLATE_2021);
  GkReportSummary summary;
  GkIndicatorResult result;

  assert_summary_agrees (zero);
  assert_summary_agrees (blanks);

  /* All 10 reviews pending: the concluded variant divides by 0. */
  set_cell (zero, GK_TABLE_4, "review", "total", "10");
  set_cell (zero, GK_TABLE_4, "review", "pending", "10");
  set_cell (zero, GK_TABLE_4, "review", "corrected", "4");
  assert_summary_agrees (zero);
  gk_report_summary_compute (&summary, zero);
  gk_indicator_compute_summary (&summary, GK_INDICATOR_REVIEW_CORRECTED_RATE_CONCLUDED, &result);
  g_assert_cmpint (result.state, ==, GK_INDICATOR_ZERO_DENOMINATOR);
  gk_indicator_compute_summary (&summary, GK_INDICATOR_REVIEW_CORRECTED_RATE, &result);
  g_assert_cmpint (result.state, ==, GK_INDICATOR_HAS_VALUE);
  g_assert_cmpfloat (result.value, ==, 0.4);

  /* One blank 不予公开 row among eight: the sum of the others is not the
   * count, so no 不予公开率; the other rates still have theirs. */
  set_cell (blanks, GK_TABLE_3, "denied.3", "total", "");
  assert_summary_agrees (blanks);
  gk_report_summary_compute (&summary, blanks);
  gk_indicator_compute_summary (&summary, GK_INDICATOR_DENIED_RATE, &result);
  g_assert_cmpint (result.state, ==, GK_INDICATOR_MISSING_INPUT);
  gk_indicator_compute_summary (&summary, GK_INDICATOR_DISCLOSED_RATE, &result);
  g_assert_cmpint (result.state, ==, GK_INDICATOR_HAS_VALUE);

  /* "/" is not applicable, not 0. */
  set_cell (blanks, GK_TABLE_4, "suit_direct", "corrected", "/");
  assert_summary_agrees (blanks);

  gk_report_set_table (bare, t3);
  set_cell (bare, GK_TABLE_3, "new", "total", "5");
  set_cell (bare, GK_TABLE_3, "carried_in", "total", "1");
  assert_summary_agrees (bare);

  /* A summary of nothing at all. */
  for (guint i = 0; i < GK_SUMMARY_N_ITEMS; i++)
    summary.values[i] = NAN;
  summary.incomplete = 0;
  for (GkIndicator i = 0; i < GK_N_INDICATORS; i++)
    {
      gk_indicator_compute_summary (&summary, i, &result);
      g_assert_cmpint (result.state, ==, GK_INDICATOR_MISSING_INPUT);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/indicators/seed-002", test_seed_002);
  g_test_add_func ("/indicators/zero-denominators", test_zero_denominators);
  g_test_add_func ("/indicators/review-variants", test_review_variants);
  g_test_add_func ("/indicators/missing-table", test_missing_table);
  g_test_add_func ("/indicators/definitions", test_definitions);
  g_test_add_func ("/indicators/summary-seeds", test_summary_seeds);
  g_test_add_func ("/indicators/summary-edges", test_summary_edges);

  return g_test_run ();
}
