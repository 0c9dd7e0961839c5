/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cross.c: the rules between reports (C1–C3, D1, D2) over two-year
 * fixtures made from the seeds: a seed parsed, its year changed and a few
 * cells edited in the model. */

#include "config.h"

#include <string.h>

#include "gk-core.h"

#define SEED_002 "002_7c3adba71c2c08c1.txt"  /* 门头沟 2020, 2019 template */
#define SEED_000 "000_fd56001bfeaab35a.txt"  /* 大兴 2021, all zeros */
#define SEED_001 "001_0c1ccc46f30db888.txt"  /* 金谷园 2021 */
#define SEED_003 "003_3a1e568c72146643.txt"  /* 密云科委 2021 */
#define SEED_004 "004_666f3d5e264c9cf1.txt"  /* 怀柔 2024, 2021 template */

static GkReport *
parse_seed (const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "seeds", file, NULL);
  g_autoptr(GFile) gfile = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GkReport *report = gk_parse_file (gfile, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  gk_checks_run (report);
  return report;
}

/* A seed as another report: its own name, digest and year. */
static GkReport *
seed_as (const char *file,
         const char *name,
         int         year)
{
  GkReport *report = parse_seed (file);
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, name, -1);

  gk_report_set_source_name (report, name);
  gk_report_set_sha256 (report, sha256);
  gk_report_set_year (report, year, "test", 1, 1.0);
  return report;
}

static void
set_cell (GkReport   *report,
          GkTableId   table,
          const char *row,
          const char *column,
          const char *raw)
{
  GkTable *t = gk_report_get_table (report, table);
  GkCell *old = gk_table_lookup (t, row, column);
  g_autoptr(GkCell) cell = NULL;

  g_assert_nonnull (old);
  cell = gk_cell_new (table, row, column, raw, gk_cell_get_line (old));
  gk_table_add_cell (t, cell);
  g_assert_true (gk_table_lookup (t, row, column) == cell);
}

/* Sets the seven cells of a row of table 3, "4 0 0 0 0 0 4". */
static void
set_t3_row (GkReport   *report,
            const char *row,
            const char *values)
{
  g_auto(GStrv) raws = g_strsplit (values, " ", -1);
  guint n_columns;
  const GkKeyLabel *columns = gk_keys_t3_columns (&n_columns);

  g_assert_cmpuint (g_strv_length (raws), ==, n_columns);
  for (guint c = 0; c < n_columns; c++)
    set_cell (report, GK_TABLE_3, row, columns[c].key, raws[c]);
}

/* Prose that shares no eight characters with any seed's. */
static void
rewrite_prose (GkReport *report)
{
  gk_report_set_section (report, 0, "本年度我们把精力放在栏目改版上，网站首页调整为按主题浏览，访问量明显增长。", 5);
  gk_report_set_section (report, 4, "下一步拟引入第三方测评，逐条整改测评意见。", 40);
  gk_report_set_section (report, 5, "无", 50);
}

static GPtrArray *
pair (GkReport *a,
      GkReport *b)
{
  GPtrArray *reports = g_ptr_array_new ();

  g_ptr_array_add (reports, a);
  g_ptr_array_add (reports, b);
  return reports;
}

/* The findings of the rules across reports, in order. */
static GPtrArray *
cross_findings (GkReport *report)
{
  GListModel *findings = gk_report_get_findings (report);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      GkFinding *finding = g_list_model_get_item (findings, i);

      if (gk_cross_checks_is_cross_rule (gk_finding_get_rule (finding)))
        g_ptr_array_add (out, finding);
      else
        g_object_unref (finding);
    }
  return out;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* "C1:t3:natural@<sha> …", sorted, for messages and comparisons. */
static char *
dup_cross_ids (GkReport *report)
{
  g_autoptr(GPtrArray) findings = cross_findings (report);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < findings->len; i++)
    g_ptr_array_add (ids, gk_finding_dup_id (g_ptr_array_index (findings, i)));
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (" ", (char **) ids->pdata);
}

static void
assert_no_cross_findings (GkReport *report)
{
  g_autofree char *ids = dup_cross_ids (report);

  if (*ids != '\0')
    g_error ("%s: expected no finding across reports, found: %s",
             gk_report_get_source_name (report), ids);
}

/* The only finding across reports of @report: of @rule and @subject. */
static GkFinding *
assert_one_finding (GkReport   *report,
                    const char *rule,
                    const char *subject)
{
  g_autoptr(GPtrArray) findings = cross_findings (report);
  GkFinding *finding;

  if (findings->len != 1)
    {
      g_autofree char *ids = dup_cross_ids (report);
      g_error ("%s: expected one %s finding, found: %s",
               gk_report_get_source_name (report), rule, ids);
    }
  finding = g_ptr_array_index (findings, 0);
  g_assert_cmpstr (gk_finding_get_rule (finding), ==, rule);
  g_assert_cmpstr (gk_finding_get_subject (finding), ==, subject);
  g_assert_cmpint (gk_finding_get_severity (finding), ==, GK_SEVERITY_WARNING);
  g_assert_cmpint (gk_finding_get_status (finding), ==, GK_FINDING_FAILED);
  return g_object_ref (finding);
}

/* Seed 002 as 2020, and a 2019 report before it whose carry-over and item
 * counts agree with it; @natural_out is its 四、结转 for 自然人. */
static void
make_002_years (GkReport   **prev,
                GkReport   **cur,
                const char  *natural_out)
{
  g_autofree char *carried_out = g_strdup_printf ("%s 0 0 0 0 0 4", natural_out);

  *cur = seed_as (SEED_002, "mentougou-2020.txt", 2020);
  *prev = seed_as (SEED_002, "mentougou-2019.txt", 2019);
  rewrite_prose (*prev);

  /* 2020's 二、上年结转 is 4 0 0 0 0 0 4. */
  set_t3_row (*prev, "carried_out", carried_out);
  /* C3: the 2019 counts of items plus no change are those of 2020. */
  set_cell (*prev, GK_TABLE_2, "licensing", "change", "0");
  set_cell (*prev, GK_TABLE_2, "penalty", "change", "0");
  set_cell (*prev, GK_TABLE_2, "coercion", "change", "0");
}

/* ---------------------------------------------------------------------- */
/* C1                                                                     */

static void
test_c1_broken (void)
{
  g_autoptr(GkReport) prev = NULL;
  g_autoptr(GkReport) cur = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GkFinding) on_cur = NULL;
  g_autoptr(GkFinding) on_prev = NULL;
  const char * const cur_cells[] = { "t3/carried_in/natural", NULL };
  const char * const prev_cells[] = { "t3/carried_out/natural", NULL };
  guint n_own_before;

  make_002_years (&prev, &cur, "5");
  n_own_before = g_list_model_get_n_items (gk_report_get_findings (cur));
  reports = pair (prev, cur);
  gk_cross_checks_run (reports, NULL, NULL);

  /* Only 自然人 differs: 5 carried out of 2019, 4 carried into 2020. */
  on_cur = assert_one_finding (cur, "C1", "t3:natural");
  g_assert_cmpstrv (gk_finding_get_cells (on_cur), cur_cells);
  g_assert_cmpstr (gk_finding_get_expected (on_cur), ==, "5");
  g_assert_cmpstr (gk_finding_get_found (on_cur), ==, "4");
  g_assert_cmpstr (gk_finding_get_other_report (on_cur), ==, gk_report_get_sha256 (prev));
  g_assert_nonnull (strstr (gk_finding_get_message (on_cur), "二、上年结转"));
  g_assert_nonnull (strstr (gk_finding_get_message (on_cur), "四、结转下年度继续办理"));
  g_assert_nonnull (strstr (gk_finding_get_message (on_cur), "mentougou-2019.txt"));
  g_assert_cmpuint (gk_finding_get_line (on_cur), >, 0);

  /* Shown on both reports, each with its own cell. */
  on_prev = assert_one_finding (prev, "C1", "t3:natural");
  g_assert_cmpstrv (gk_finding_get_cells (on_prev), prev_cells);
  g_assert_cmpstr (gk_finding_get_expected (on_prev), ==, "4");
  g_assert_cmpstr (gk_finding_get_found (on_prev), ==, "5");
  g_assert_cmpstr (gk_finding_get_other_report (on_prev), ==, gk_report_get_sha256 (cur));
  g_assert_nonnull (strstr (gk_finding_get_message (on_prev), "mentougou-2020.txt"));

  /* The report's own findings are still there. */
  g_assert_cmpuint (g_list_model_get_n_items (gk_report_get_findings (cur)), ==, n_own_before + 1);
}

static void
test_c1_correct (void)
{
  g_autoptr(GkReport) prev = NULL;
  g_autoptr(GkReport) cur = NULL;
  g_autoptr(GPtrArray) reports = NULL;

  make_002_years (&prev, &cur, "4");
  reports = pair (prev, cur);
  gk_cross_checks_run (reports, NULL, NULL);

  assert_no_cross_findings (prev);
  assert_no_cross_findings (cur);
}

/* A report of 2018 is no year before 2020: C1 does not apply. */
static void
test_c1_not_consecutive (void)
{
  g_autoptr(GkReport) prev = NULL;
  g_autoptr(GkReport) cur = NULL;
  g_autoptr(GPtrArray) reports = NULL;

  make_002_years (&prev, &cur, "5");
  gk_report_set_year (prev, 2018, "test", 1, 1.0);
  reports = pair (prev, cur);
  gk_cross_checks_run (reports, NULL, NULL);

  assert_no_cross_findings (prev);
  assert_no_cross_findings (cur);
}

/* A blank is not a zero: a blank 四、结转 cannot contradict 二、上年结转. */
static void
test_c1_blank (void)
{
  g_autoptr(GkReport) prev = NULL;
  g_autoptr(GkReport) cur = NULL;
  g_autoptr(GPtrArray) reports = NULL;

  make_002_years (&prev, &cur, "4");
  set_cell (prev, GK_TABLE_3, "carried_out", "natural", "");
  set_cell (prev, GK_TABLE_3, "carried_out", "total", "/");
  reports = pair (prev, cur);
  gk_cross_checks_run (reports, NULL, NULL);

  assert_no_cross_findings (prev);
  assert_no_cross_findings (cur);
}

/* Other agencies are not compared; the key function decides what one
 * agency is. */
static char *
same_key (GkReport *report,
          gpointer  user_data)
{
  return g_strdup (user_data);
}

static void
test_c1_agency_key (void)
{
  g_autoptr(GkReport) prev = NULL;
  g_autoptr(GkReport) cur = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GkFinding) finding = NULL;

  make_002_years (&prev, &cur, "5");
  gk_report_set_agency (prev, "北京市门头沟区人民政府", "test", 1, 1.0);
  reports = pair (prev, cur);

  gk_cross_checks_run (reports, NULL, NULL);
  assert_no_cross_findings (prev);
  assert_no_cross_findings (cur);

  /* As a library would after its user merged the two names. */
  gk_cross_checks_run (reports, same_key, (gpointer) "门头沟");
  finding = assert_one_finding (cur, "C1", "t3:natural");

  /* The default key folds spaces and full-width forms. */
  gk_report_set_agency (prev, "北京市 门头沟区政府", "test", 1, 1.0);
  gk_cross_checks_run (reports, NULL, NULL);
  g_clear_object (&finding);
  finding = assert_one_finding (cur, "C1", "t3:natural");
}

/* Same inputs, same ids: a verdict on a finding survives a re-check, and
 * running the checks again replaces their findings instead of adding. */
static void
test_stable_ids (void)
{
  g_autofree char *first_prev = NULL;
  g_autofree char *first_cur = NULL;
  g_autofree char *again_cur = NULL;

  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(GkReport) prev = NULL;
      g_autoptr(GkReport) cur = NULL;
      g_autoptr(GPtrArray) reports = NULL;

      make_002_years (&prev, &cur, "5");
      reports = pair (prev, cur);
      gk_cross_checks_run (reports, NULL, NULL);

      if (run == 0)
        {
          first_prev = dup_cross_ids (prev);
          first_cur = dup_cross_ids (cur);
          gk_cross_checks_run (reports, NULL, NULL);
          again_cur = dup_cross_ids (cur);
          g_assert_cmpstr (again_cur, ==, first_cur);
        }
      else
        {
          g_autofree char *ids_prev = dup_cross_ids (prev);
          g_autofree char *ids_cur = dup_cross_ids (cur);

          g_assert_cmpstr (ids_prev, ==, first_prev);
          g_assert_cmpstr (ids_cur, ==, first_cur);
        }
    }

  /* The id names the rule, the subject and the other report. */
  {
    g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "mentougou-2019.txt", -1);
    g_autofree char *want = g_strconcat ("C1:t3:natural@", sha, NULL);
    g_assert_cmpstr (first_cur, ==, want);
  }
}

/* ---------------------------------------------------------------------- */
/* C2, C3                                                                 */

/* Seed 004 as 2024 (规范性文件: 2 issued, 17 repealed, 51 in force) and a
 * 2023 report with @in_force in force at its end. */
static void
make_004_years (GkReport   **prev,
                GkReport   **cur,
                const char  *in_force)
{
  *cur = seed_as (SEED_004, "huairou-2024.txt", 2024);
  *prev = seed_as (SEED_004, "huairou-2023.txt", 2023);
  rewrite_prose (*prev);
  set_cell (*prev, GK_TABLE_2, "normative", "in_force", in_force);
}

static void
test_c2 (void)
{
  const char * const cur_cells[] = {
    "t2/normative/in_force", "t2/normative/issued", "t2/normative/repealed", NULL,
  };
  const char * const prev_cells[] = { "t2/normative/in_force", NULL };

  /* 66 + 2 − 17 = 51: holds. */
  {
    g_autoptr(GkReport) prev = NULL;
    g_autoptr(GkReport) cur = NULL;
    g_autoptr(GPtrArray) reports = NULL;

    make_004_years (&prev, &cur, "66");
    reports = pair (prev, cur);
    gk_cross_checks_run (reports, NULL, NULL);
    assert_no_cross_findings (prev);
    assert_no_cross_findings (cur);
  }

  /* 67 + 2 − 17 = 52 against 51: within 5 % of 52, documents lapse. */
  {
    g_autoptr(GkReport) prev = NULL;
    g_autoptr(GkReport) cur = NULL;
    g_autoptr(GPtrArray) reports = NULL;

    make_004_years (&prev, &cur, "67");
    reports = pair (prev, cur);
    gk_cross_checks_run (reports, NULL, NULL);
    assert_no_cross_findings (prev);
    assert_no_cross_findings (cur);
  }

  /* 80 + 2 − 17 = 65 against 51: a warning on both. */
  {
    g_autoptr(GkReport) prev = NULL;
    g_autoptr(GkReport) cur = NULL;
    g_autoptr(GPtrArray) reports = NULL;
    g_autoptr(GkFinding) on_cur = NULL;
    g_autoptr(GkFinding) on_prev = NULL;

    make_004_years (&prev, &cur, "80");
    reports = pair (prev, cur);
    gk_cross_checks_run (reports, NULL, NULL);

    on_cur = assert_one_finding (cur, "C2", "t2:normative");
    g_assert_cmpstrv (gk_finding_get_cells (on_cur), cur_cells);
    g_assert_cmpstr (gk_finding_get_expected (on_cur), ==, "65");
    g_assert_cmpstr (gk_finding_get_found (on_cur), ==, "51");
    g_assert_nonnull (strstr (gk_finding_get_message (on_cur), "行政规范性文件"));
    g_assert_nonnull (strstr (gk_finding_get_message (on_cur), "80"));

    on_prev = assert_one_finding (prev, "C2", "t2:normative");
    g_assert_cmpstrv (gk_finding_get_cells (on_prev), prev_cells);
    g_assert_cmpstr (gk_finding_get_other_report (on_prev), ==, gk_report_get_sha256 (cur));
  }
}

static void
test_c3 (void)
{
  g_autoptr(GkReport) prev = NULL;
  g_autoptr(GkReport) cur = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GkFinding) on_cur = NULL;
  g_autoptr(GkFinding) on_prev = NULL;
  const char * const cur_cells[] = { "t2/licensing/prev_items", NULL };
  const char * const prev_cells[] = { "t2/licensing/prev_items", "t2/licensing/change", NULL };

  /* 2019: 213 licences and +5 make 218; 2020 starts from 213. */
  make_002_years (&prev, &cur, "4");
  set_cell (prev, GK_TABLE_2, "licensing", "change", "+5");
  reports = pair (prev, cur);
  gk_cross_checks_run (reports, NULL, NULL);

  on_cur = assert_one_finding (cur, "C3", "t2:licensing");
  g_assert_cmpstrv (gk_finding_get_cells (on_cur), cur_cells);
  g_assert_cmpstr (gk_finding_get_expected (on_cur), ==, "218");
  g_assert_cmpstr (gk_finding_get_found (on_cur), ==, "213");
  g_assert_nonnull (strstr (gk_finding_get_message (on_cur), "行政许可"));
  g_assert_nonnull (strstr (gk_finding_get_message (on_cur), "+5"));

  on_prev = assert_one_finding (prev, "C3", "t2:licensing");
  g_assert_cmpstrv (gk_finding_get_cells (on_prev), prev_cells);
}

/* C3 is a rule of the 2019 template, C2 of the 2021 one: a pair across
 * the change of template has neither. */
static void
test_c2_c3_templates (void)
{
  g_autoptr(GkReport) prev = seed_as (SEED_002, "mentougou-2020.txt", 2020);
  g_autoptr(GkReport) cur = seed_as (SEED_004, "mentougou-2021.txt", 2021);
  g_autoptr(GPtrArray) reports = pair (prev, cur);

  rewrite_prose (prev);
  /* C1 holds: 2020 carried 8 0 0 0 0 0 8 out; 2021 carries them in. */
  set_t3_row (cur, "carried_in", "8 0 0 0 0 0 8");
  gk_cross_checks_run (reports, same_key, (gpointer) "门头沟");

  assert_no_cross_findings (prev);
  assert_no_cross_findings (cur);
}

/* ---------------------------------------------------------------------- */
/* D1                                                                     */

static void
test_d1 (void)
{
  g_autoptr(GkReport) a = seed_as (SEED_002, "mentougou-2020.txt", 2020);
  g_autoptr(GkReport) b = seed_as (SEED_002, "mentougou-2020-v2.txt", 2020);
  g_autoptr(GPtrArray) reports = pair (a, b);
  g_autoptr(GkFinding) on_a = NULL;
  g_autoptr(GkFinding) on_b = NULL;
  const char * const cells[] = { "t3/new/natural", "t2/penalty/decisions", NULL };

  /* Same numbers, other bytes (a page saved twice): no conflict. */
  gk_cross_checks_run (reports, NULL, NULL);
  assert_no_cross_findings (a);
  assert_no_cross_findings (b);

  set_cell (b, GK_TABLE_3, "new", "natural", "193");
  set_cell (b, GK_TABLE_2, "penalty", "decisions", "9033");
  gk_cross_checks_run (reports, NULL, NULL);

  on_a = assert_one_finding (a, "D1", "versions");
  on_b = assert_one_finding (b, "D1", "versions");
  g_assert_cmpstr (gk_finding_get_other_report (on_a), ==, gk_report_get_sha256 (b));
  g_assert_cmpstr (gk_finding_get_other_report (on_b), ==, gk_report_get_sha256 (a));
  /* In table order: table 2 first. */
  g_assert_cmpstr (gk_finding_get_cells (on_a)[0], ==, cells[1]);
  g_assert_cmpstr (gk_finding_get_cells (on_a)[1], ==, cells[0]);
  g_assert_null (gk_finding_get_cells (on_a)[2]);
  g_assert_nonnull (strstr (gk_finding_get_message (on_a), "2 cells"));
  g_assert_nonnull (strstr (gk_finding_get_message (on_a), "192 here, 193 there"));
  g_assert_nonnull (strstr (gk_finding_get_message (on_b), "193 here, 192 there"));
  g_assert_nonnull (strstr (gk_finding_get_message (on_b), "mentougou-2020.txt"));
}

/* The same file twice is one report, not two versions. */
static void
test_d1_same_file (void)
{
  g_autoptr(GkReport) a = parse_seed (SEED_002);
  g_autoptr(GkReport) b = parse_seed (SEED_002);
  g_autoptr(GPtrArray) reports = pair (a, b);

  set_cell (b, GK_TABLE_3, "new", "natural", "193");
  gk_cross_checks_run (reports, NULL, NULL);
  assert_no_cross_findings (a);
  assert_no_cross_findings (b);
}

/* ---------------------------------------------------------------------- */
/* D2                                                                     */

/* @n distinct ideographs from @first, one apart. */
static void
append_ideographs (GString  *out,
                   gunichar  first,
                   guint     n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_unichar (out, first + i);
}

/* Hand-computed overlap.  The newer prose is 60 distinct ideographs
 * c0…c59 with "，", "2021" and a space in between; the older one has
 * c0…c44 with "2020" in the same place and then 20 ideographs of its own.
 * Folded (punctuation and spaces dropped, "2021" and "2020" both one "#")
 * the newer text is 61 characters, c0…c19 # c20…c59, so it has
 * 61 − 8 + 1 = 54 shingles, all distinct.  The older one has c0…c19 #
 * c20…c44 too, 46 characters, whose 46 − 8 + 1 = 39 shingles are shared;
 * any window reaching c45 is not.  Overlap: 39 / 54 = 72.2 %, and one
 * passage, from c0 to c44 as the newer text writes it. */
static void
make_d2_prose (char **older,
               char **newer,
               char **passage)
{
  GString *o = g_string_new (NULL);
  GString *n = g_string_new (NULL);
  gsize passage_end;

  append_ideographs (n, 0x4E00, 10);
  g_string_append (n, "，");
  append_ideographs (n, 0x4E00 + 10, 10);
  g_string_append (n, "2021");
  append_ideographs (n, 0x4E00 + 20, 11);
  g_string_append (n, " ");
  append_ideographs (n, 0x4E00 + 31, 14);   /* up to c44 */
  passage_end = n->len;
  append_ideographs (n, 0x4E00 + 45, 15);   /* c45 … c59 */

  append_ideographs (o, 0x4E00, 20);
  g_string_append (o, "2020");
  append_ideographs (o, 0x4E00 + 20, 25);   /* up to c44 */
  append_ideographs (o, 0x5E00, 20);        /* its own */

  *passage = g_strndup (n->str, passage_end);
  *older = g_string_free (o, FALSE);
  *newer = g_string_free (n, FALSE);
}

static void
test_d2_measure (void)
{
  g_autofree char *older = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *passage = NULL;
  g_autoptr(GkSimilarity) similarity = NULL;
  const GkSharedPassage *p;
  const char *a[] = { older, NULL };
  const char *b[] = { NULL, NULL };
  double overlap;

  g_assert_cmpint (GK_SIMILARITY_SHINGLE, ==, 8);
  make_d2_prose (&older, &newer, &passage);
  a[0] = older;
  b[1] = newer;  /* in section 二: passages name the section */

  similarity = gk_similarity_compare_texts (a, 2, b, 2);
  g_assert_cmpuint (similarity->n_shingles, ==, 54);
  g_assert_cmpuint (similarity->n_shared, ==, 39);
  g_assert_true (gk_similarity_get_overlap (similarity, &overlap));
  g_assert_cmpfloat_with_epsilon (overlap, 39.0 / 54.0, 1e-12);

  g_assert_cmpuint (similarity->passages->len, ==, 1);
  p = &g_array_index (similarity->passages, GkSharedPassage, 0);
  g_assert_cmpuint (p->section, ==, 1);
  g_assert_cmpuint (p->start, ==, 0);
  g_assert_cmpuint (p->end, ==, strlen (passage));
  g_assert_cmpstr (p->text, ==, passage);

  /* Nothing to measure in prose shorter than a shingle. */
  {
    const char *tiny[] = { "无" };
    g_autoptr(GkSimilarity) none = gk_similarity_compare_texts (tiny, 1, tiny, 1);

    g_assert_false (gk_similarity_get_overlap (none, &overlap));
  }
}

static void
test_d2_copied (void)
{
  g_autoptr(GkReport) older = seed_as (SEED_002, "mentougou-2019.txt", 2019);
  g_autoptr(GkReport) newer = seed_as (SEED_002, "mentougou-2020.txt", 2020);
  g_autoptr(GPtrArray) reports = pair (older, newer);
  g_autoptr(GkFinding) finding = NULL;
  g_autofree char *older_text = NULL;
  g_autofree char *newer_text = NULL;
  g_autofree char *passage = NULL;

  make_d2_prose (&older_text, &newer_text, &passage);
  for (guint i = 0; i < GK_N_SECTIONS; i++)
    {
      gk_report_set_section (older, i, NULL, 0);
      gk_report_set_section (newer, i, NULL, 0);
    }
  gk_report_set_section (older, 0, older_text, 10);
  gk_report_set_section (newer, 0, newer_text, 12);
  /* Keep C1 and C3 out of this test. */
  set_t3_row (older, "carried_out", "4 0 0 0 0 0 4");
  set_cell (older, GK_TABLE_2, "licensing", "change", "0");
  set_cell (older, GK_TABLE_2, "penalty", "change", "0");
  set_cell (older, GK_TABLE_2, "coercion", "change", "0");

  gk_cross_checks_run (reports, NULL, NULL);

  /* On the newer report only. */
  assert_no_cross_findings (older);
  finding = assert_one_finding (newer, "D2", "prose");
  g_assert_cmpstr (gk_finding_get_found (finding), ==, "72.2%");
  g_assert_cmpstr (gk_finding_get_other_report (finding), ==, gk_report_get_sha256 (older));
  g_assert_nonnull (strstr (gk_finding_get_message (finding), "72.2%"));
  g_assert_nonnull (strstr (gk_finding_get_message (finding), "mentougou-2019.txt"));
  g_assert_cmpuint (gk_finding_get_line (finding), ==, 12);
  g_assert_null (gk_finding_get_cells (finding)[0]);
  /* The shared passage, quoted. */
  {
    g_autofree char *head = g_utf8_substring (passage, 0, 10);

    g_assert_nonnull (strstr (gk_finding_get_message (finding), head));
  }

  /* A real report copied whole, but for its year and numbers. */
  {
    g_autoptr(GkReport) seed_older = seed_as (SEED_000, "daxing-2020.txt", 2020);
    g_autoptr(GkReport) seed_newer = seed_as (SEED_000, "daxing-2021.txt", 2021);
    g_autoptr(GPtrArray) seeds = pair (seed_older, seed_newer);
    g_autoptr(GkFinding) copied = NULL;

    gk_cross_checks_run (seeds, NULL, NULL);
    copied = assert_one_finding (seed_newer, "D2", "prose");
    g_assert_cmpstr (gk_finding_get_found (copied), ==, "100.0%");
    /* Its three longest passages are quoted, after the older report's
     * name: four quotations in all. */
    {
      const char *message = gk_finding_get_message (copied);
      guint n_quotes = 0;

      for (const char *q = strstr (message, "“"); q != NULL; q = strstr (q + 1, "“"))
        n_quotes++;
      g_assert_cmpuint (n_quotes, ==, 4);
    }
  }
}

/* Two real reports of other agencies, as if one agency had rewritten its
 * prose: no D2, and an overlap far below the threshold. */
static void
test_d2_rewritten (void)
{
  static const char * const pairs[][2] = {
    { SEED_000, SEED_003 },
    { SEED_003, SEED_004 },
    { SEED_001, SEED_000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autoptr(GkReport) older = seed_as (pairs[i][0], "older.txt", 2020);
      g_autoptr(GkReport) newer = seed_as (pairs[i][1], "newer.txt", 2021);
      g_autoptr(GkSimilarity) similarity = gk_similarity_compare_reports (older, newer);
      g_autoptr(GPtrArray) reports = pair (older, newer);
      g_autoptr(GPtrArray) findings = NULL;
      double overlap;

      g_assert_true (gk_similarity_get_overlap (similarity, &overlap));
      g_test_message ("%s → %s: overlap %.1f%%", pairs[i][0], pairs[i][1], 100 * overlap);
      g_assert_cmpfloat (overlap, <, 0.2);

      gk_cross_checks_run (reports, same_key, (gpointer) "one agency");
      findings = cross_findings (newer);
      for (guint j = 0; j < findings->len; j++)
        g_assert_cmpstr (gk_finding_get_rule (g_ptr_array_index (findings, j)), !=, "D2");
    }
}

/* A one-line section the same both years ("无。") is no copy. */
static void
test_d2_short (void)
{
  g_autoptr(GkReport) older = seed_as (SEED_000, "a.txt", 2020);
  g_autoptr(GkReport) newer = seed_as (SEED_000, "b.txt", 2021);
  g_autoptr(GPtrArray) reports = pair (older, newer);

  for (guint i = 0; i < GK_N_SECTIONS; i++)
    {
      gk_report_set_section (older, i, i == 5 ? "本年度无其他需要报告的事项。" : NULL, 0);
      gk_report_set_section (newer, i, i == 5 ? "本年度无其他需要报告的事项。" : NULL, 0);
    }
  gk_cross_checks_run (reports, NULL, NULL);
  assert_no_cross_findings (newer);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cross/c1/broken", test_c1_broken);
  g_test_add_func ("/cross/c1/correct", test_c1_correct);
  g_test_add_func ("/cross/c1/not-consecutive", test_c1_not_consecutive);
  g_test_add_func ("/cross/c1/blank", test_c1_blank);
  g_test_add_func ("/cross/c1/agency-key", test_c1_agency_key);
  g_test_add_func ("/cross/stable-ids", test_stable_ids);
  g_test_add_func ("/cross/c2", test_c2);
  g_test_add_func ("/cross/c3", test_c3);
  g_test_add_func ("/cross/c2-c3/templates", test_c2_c3_templates);
  g_test_add_func ("/cross/d1", test_d1);
  g_test_add_func ("/cross/d1/same-file", test_d1_same_file);
  g_test_add_func ("/cross/d2/measure", test_d2_measure);
  g_test_add_func ("/cross/d2/copied", test_d2_copied);
  g_test_add_func ("/cross/d2/rewritten", test_d2_rewritten);
  g_test_add_func ("/cross/d2/short", test_d2_short);

  return g_test_run ();
}
