/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "gk-core.h"

/* The consistency rules run on reports built cell by cell.  The baseline
 * is seed 002 (tests/data/seeds/002_7c3adba71c2c08c1.txt), a 2020 report
 * of 门头沟区 in the 2019 template whose tables add up, with the five
 * 行政复议 cells of table 4 left blank.  Each test breaks one thing and
 * checks that exactly the rule instances it concerns speak up. */

static const char * const seed002_t3[23][7] = {
  { "192", "23", "0", "0", "0", "1", "216" },  /* new */
  { "4",   "0",  "0", "0", "0", "0", "4" },    /* carried_in */
  { "78",  "10", "0", "0", "0", "1", "89" },   /* granted */
  { "15",  "3",  "0", "0", "0", "0", "18" },   /* partial */
  { "2",   "0",  "0", "0", "0", "0", "2" },    /* denied.1 */
  { "0",   "0",  "0", "0", "0", "0", "0" },
  { "0",   "0",  "0", "0", "0", "0", "0" },
  { "1",   "0",  "0", "0", "0", "0", "1" },
  { "2",   "1",  "0", "0", "0", "0", "3" },
  { "2",   "0",  "0", "0", "0", "0", "2" },
  { "6",   "0",  "0", "0", "0", "0", "6" },
  { "0",   "0",  "0", "0", "0", "0", "0" },    /* denied.8 */
  { "48",  "5",  "0", "0", "0", "0", "53" },   /* unable.1 */
  { "0",   "1",  "0", "0", "0", "0", "1" },
  { "0",   "0",  "0", "0", "0", "0", "0" },    /* unable.3 */
  { "1",   "0",  "0", "0", "0", "0", "1" },    /* rejected.1 */
  { "0",   "0",  "0", "0", "0", "0", "0" },
  { "0",   "0",  "0", "0", "0", "0", "0" },
  { "0",   "0",  "0", "0", "0", "0", "0" },
  { "0",   "0",  "0", "0", "0", "0", "0" },    /* rejected.5 */
  { "33",  "3",  "0", "0", "0", "0", "36" },   /* other */
  { "188", "23", "0", "0", "0", "1", "212" },  /* total */
  { "8",   "0",  "0", "0", "0", "0", "8" },    /* carried_out */
};

/* The same report as the 2021 template would hold it: 其他处理 split in
 * three rows that add up to the 2019 row. */
static const char * const seed002_t3_2021_other[3][7] = {
  { "10", "1", "0", "0", "0", "0", "11" },  /* other.1 */
  { "3",  "0", "0", "0", "0", "0", "3" },   /* other.2 */
  { "20", "2", "0", "0", "0", "0", "22" },  /* other.3 */
};

static const char * const seed002_t4[3][5] = {
  { "",   "",  "",  "",  "" },    /* review: blank in the report */
  { "7",  "0", "0", "0", "7" },   /* suit_direct */
  { "24", "3", "4", "8", "39" },  /* suit_after_review */
};

/* Sentences of the seed's 一、总体情况, as the report writes them. */
static const char seed002_prose[] =
  "2020 年，门头沟区坚持以习近平新时代中国特色社会主义思想为指导。\n"
  "一是深化执行结果公开。坚持以公开为常态、不公开为例外，遵循应公开，尽公开的原则，"
  "全年主动公开各类信息共计 14257 条。2020 年，公开征集决策性文件共 11 件，推进会议开放 3 次。\n"
  "重新修订全区政府信息公开指南，确保全区依申请公开办理依法依规。"
  "2020 年，全区共办理依申请公开 212 件，结转下年度 8 件。\n";

static GkTable *
make_t3 (GkTemplate template_)
{
  guint n_rows, n_columns;
  const GkKeyLabel *rows = gk_keys_t3_rows (template_, &n_rows);
  const GkKeyLabel *columns = gk_keys_t3_columns (&n_columns);
  GkTable *table = gk_table_new (GK_TABLE_3, template_);
  guint seed_row = 0;

  g_assert_cmpuint (n_columns, ==, 7);
  g_assert_cmpuint (n_rows, ==, template_ == GK_TEMPLATE_2019 ? 23 : 25);

  for (guint r = 0; r < n_rows; r++)
    {
      const char * const *values;

      if (g_str_has_prefix (rows[r].key, "other."))
        values = seed002_t3_2021_other[rows[r].key[6] - '1'];
      else
        {
          /* The 2019 rows line up with the 2021 ones except 其他处理. */
          if (strcmp (rows[r].key, "total") == 0)
            seed_row = 21;
          values = seed002_t3[seed_row++];
        }

      for (guint c = 0; c < n_columns; c++)
        {
          g_autoptr(GkCell) cell = gk_cell_new (GK_TABLE_3, rows[r].key, columns[c].key,
                                                values[c], 100 + r);
          gk_table_add_cell (table, cell);
        }
    }

  return table;
}

static GkTable *
make_t4 (void)
{
  guint n_rows, n_columns;
  const GkKeyLabel *rows = gk_keys_t4_rows (&n_rows);
  const GkKeyLabel *columns = gk_keys_t4_columns (&n_columns);
  GkTable *table = gk_table_new (GK_TABLE_4, GK_TEMPLATE_2019);

  g_assert_cmpuint (n_rows, ==, 3);
  g_assert_cmpuint (n_columns, ==, 5);

  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      {
        g_autoptr(GkCell) cell = gk_cell_new (GK_TABLE_4, rows[r].key, columns[c].key,
                                              seed002_t4[r][c], 200);
        gk_table_add_cell (table, cell);
      }

  return table;
}

/* Seed 002 without prose: year 2020, 2019 template, tables 3 and 4. */
static GkReport *
make_report (GkTemplate template_)
{
  GkReport *report = gk_report_new ();
  g_autoptr(GkTable) t3 = make_t3 (template_);
  g_autoptr(GkTable) t4 = make_t4 ();

  gk_report_set_year (report, template_ == GK_TEMPLATE_2021 ? 2021 : 2020, "2020 年", 3, 1.0);
  gk_report_set_template (report, template_);
  gk_report_set_table (report, t3);
  gk_report_set_table (report, t4);

  return report;
}

static void
set_cell (GkReport   *report,
          GkTableId   table,
          const char *row,
          const char *column,
          const char *raw)
{
  g_autoptr(GkCell) cell = gk_cell_new (table, row, column, raw, 0);

  gk_table_add_cell (gk_report_get_table (report, table), cell);
}

/* Returns (transfer full) the finding of @rule on @subject, or NULL. */
static GkFinding *
find_finding (GkReport   *report,
              const char *rule,
              const char *subject)
{
  GListModel *findings = gk_report_get_findings (report);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(GkFinding) f = g_list_model_get_item (findings, i);

      if (g_strcmp0 (gk_finding_get_rule (f), rule) == 0
          && g_strcmp0 (gk_finding_get_subject (f), subject) == 0)
        return g_steal_pointer (&f);
    }

  return NULL;
}

/* Counts the findings of @rule (every rule when NULL) with @status. */
static guint
count_findings (GkReport        *report,
                const char      *rule,
                GkFindingStatus  status)
{
  GListModel *findings = gk_report_get_findings (report);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(GkFinding) f = g_list_model_get_item (findings, i);

      if ((rule == NULL || g_strcmp0 (gk_finding_get_rule (f), rule) == 0)
          && gk_finding_get_status (f) == status)
        n++;
    }

  return n;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The subjects of the failed findings, sorted, joined with spaces, with
 * the rule: "R1:t3:natural R3:t3:total". */
static char *
dup_failed_ids (GkReport *report)
{
  GListModel *findings = gk_report_get_findings (report);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(GkFinding) f = g_list_model_get_item (findings, i);

      if (gk_finding_get_status (f) == GK_FINDING_FAILED)
        g_ptr_array_add (ids, gk_finding_dup_id (f));
    }

  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);

  return g_strjoinv (" ", (char **) ids->pdata);
}

static void
assert_cells (GkFinding          *finding,
              const char * const *expected)
{
  const char * const *cells = gk_finding_get_cells (finding);

  g_assert_cmpstrv (cells, expected);
}

static void
test_clean_seed (void)
{
  g_autoptr(GkReport) report = make_report (GK_TEMPLATE_2019);
  g_autoptr(GkFinding) review = NULL;
  g_autoptr(GkFinding) direct = NULL;

  gk_report_set_section (report, 0, seed002_prose, 7);
  gk_checks_run (report);

  g_assert_cmpuint (count_findings (report, NULL, GK_FINDING_FAILED), ==, 0);

  /* 行政复议 is blank: R4 cannot pass it, nor fail it. */
  review = find_finding (report, "R4", "t4:review");
  g_assert_nonnull (review);
  g_assert_cmpint (gk_finding_get_status (review), ==, GK_FINDING_NOT_ASSESSABLE);
  g_assert_cmpint (gk_finding_get_severity (review), ==, GK_SEVERITY_ERROR);
  g_assert_true (gk_finding_involves (review, "t4/review/total"));
  g_assert_true (gk_finding_involves (review, "t4/review/upheld"));
  g_assert_nonnull (strstr (gk_finding_get_message (review), "行政复议"));

  direct = find_finding (report, "R4", "t4:suit_direct");
  g_assert_null (direct);

  /* Nothing else is blank in the seed. */
  g_assert_cmpuint (count_findings (report, NULL, GK_FINDING_NOT_ASSESSABLE), ==, 1);
}

static void
test_changed_total (void)
{
  g_autoptr(GkReport) report = make_report (GK_TEMPLATE_2019);
  g_autoptr(GkFinding) r1 = NULL;
  g_autoptr(GkFinding) r2 = NULL;
  g_autoptr(GkFinding) r3 = NULL;
  g_autofree char *ids = NULL;
  const char * const r1_cells[] = {
    "t3/new/natural", "t3/carried_in/natural", "t3/total/natural", "t3/carried_out/natural", NULL
  };

  set_cell (report, GK_TABLE_3, "total", "natural", "187");
  gk_checks_run (report);

  ids = dup_failed_ids (report);
  g_assert_cmpstr (ids, ==, "R1:t3:natural R2:t3:natural R3:t3:total");

  r1 = find_finding (report, "R1", "t3:natural");
  g_assert_cmpint (gk_finding_get_severity (r1), ==, GK_SEVERITY_ERROR);
  g_assert_cmpstr (gk_finding_get_expected (r1), ==, "196");
  g_assert_cmpstr (gk_finding_get_found (r1), ==, "195");
  assert_cells (r1, r1_cells);
  g_assert_cmpstr (gk_finding_get_message (r1), ==,
                   "Column 自然人: 一 + 二 = 196, but （七）总计 + 四 = 195");

  r2 = find_finding (report, "R2", "t3:natural");
  g_assert_cmpstr (gk_finding_get_expected (r2), ==, "188");
  g_assert_cmpstr (gk_finding_get_found (r2), ==, "187");
  g_assert_true (gk_finding_involves (r2, "t3/total/natural"));
  g_assert_true (gk_finding_involves (r2, "t3/granted/natural"));
  g_assert_true (gk_finding_involves (r2, "t3/rejected.5/natural"));
  g_assert_true (gk_finding_involves (r2, "t3/other/natural"));
  g_assert_false (gk_finding_involves (r2, "t3/new/natural"));
  g_assert_cmpuint (g_strv_length ((char **) gk_finding_get_cells (r2)), ==, 20);

  r3 = find_finding (report, "R3", "t3:total");
  g_assert_cmpstr (gk_finding_get_expected (r3), ==, "211");
  g_assert_cmpstr (gk_finding_get_found (r3), ==, "212");
  g_assert_true (gk_finding_involves (r3, "t3/total/total"));
  g_assert_true (gk_finding_involves (r3, "t3/total/natural"));
  g_assert_true (gk_finding_involves (r3, "t3/total/other_org"));
  g_assert_cmpuint (g_strv_length ((char **) gk_finding_get_cells (r3)), ==, 7);
}

static void
test_blank_not_assessable (void)
{
  g_autoptr(GkReport) report = make_report (GK_TEMPLATE_2019);
  g_autoptr(GkFinding) r1 = NULL;
  g_autoptr(GkFinding) r3 = NULL;
  g_autoptr(GkFinding) r2 = NULL;
  g_autoptr(GkFinding) r2_na = NULL;

  set_cell (report, GK_TABLE_3, "carried_in", "commercial", "");
  /* "/" is not applicable: no more usable than a blank. */
  set_cell (report, GK_TABLE_3, "denied.3", "research", "/");
  gk_checks_run (report);

  g_assert_cmpuint (count_findings (report, NULL, GK_FINDING_FAILED), ==, 0);

  r1 = find_finding (report, "R1", "t3:commercial");
  g_assert_nonnull (r1);
  g_assert_cmpint (gk_finding_get_status (r1), ==, GK_FINDING_NOT_ASSESSABLE);
  g_assert_true (gk_finding_involves (r1, "t3/carried_in/commercial"));
  g_assert_cmpstr (gk_finding_get_found (r1), ==, "t3/carried_in/commercial=blank");

  r3 = find_finding (report, "R3", "t3:carried_in");
  g_assert_nonnull (r3);
  g_assert_cmpint (gk_finding_get_status (r3), ==, GK_FINDING_NOT_ASSESSABLE);

  /* carried_in is no input of R2. */
  r2 = find_finding (report, "R2", "t3:commercial");
  g_assert_null (r2);

  r2_na = find_finding (report, "R2", "t3:research");
  g_assert_nonnull (r2_na);
  g_assert_cmpint (gk_finding_get_status (r2_na), ==, GK_FINDING_NOT_ASSESSABLE);
  g_assert_cmpstr (gk_finding_get_found (r2_na), ==, "t3/denied.3/research=na");

  /* R1:t3:commercial, R3:t3:carried_in, R2:t3:research, R3:t3:denied.3,
   * R4:t4:review. */
  g_assert_cmpuint (count_findings (report, NULL, GK_FINDING_NOT_ASSESSABLE), ==, 5);
}

static void
test_missing_cells_and_tables (void)
{
  g_autoptr(GkReport) report = gk_report_new ();
  g_autoptr(GkTable) full = make_t3 (GK_TEMPLATE_2019);
  g_autoptr(GkTable) t3 = gk_table_new (GK_TABLE_3, GK_TEMPLATE_2019);

  /* Table 3 without its last row, 四、结转下年度继续办理. */
  for (guint i = 0; i < gk_table_get_n_cells (full); i++)
    {
      GkCell *cell = gk_table_get_cell (full, i);

      if (strcmp (gk_cell_get_row (cell), "carried_out") != 0)
        gk_table_add_cell (t3, cell);
    }

  gk_report_set_year (report, 2020, NULL, 0, 1.0);
  gk_report_set_template (report, GK_TEMPLATE_2019);
  gk_report_set_table (report, t3);
  gk_checks_run (report);

  /* Every column loses R1; the missing row cannot be added across. */
  g_assert_cmpuint (count_findings (report, "R1", GK_FINDING_NOT_ASSESSABLE), ==, 7);
  g_assert_cmpuint (count_findings (report, "R3", GK_FINDING_NOT_ASSESSABLE), ==, 1);
  g_assert_cmpuint (count_findings (report, NULL, GK_FINDING_FAILED), ==, 0);
  {
    g_autoptr(GkFinding) r1 = find_finding (report, "R1", "t3:total");
    g_autoptr(GkFinding) r3 = find_finding (report, "R3", "t3:carried_out");

    g_assert_nonnull (r1);
    g_assert_cmpstr (gk_finding_get_found (r1), ==, "t3/carried_out/total=missing");
    g_assert_nonnull (r3);
  }

  /* Table 4 is missing: the parser says so, R4 stays silent. */
  g_assert_cmpuint (count_findings (report, "R4", GK_FINDING_NOT_ASSESSABLE), ==, 0);
  g_assert_cmpuint (count_findings (report, "R4", GK_FINDING_FAILED), ==, 0);
}

static void
test_no_tables (void)
{
  g_autoptr(GkReport) report = gk_report_new ();

  gk_report_set_year (report, 2020, NULL, 0, 1.0);
  gk_report_set_template (report, GK_TEMPLATE_2019);
  gk_report_set_section (report, 0, seed002_prose, 7);
  gk_checks_run (report);

  g_assert_cmpuint (g_list_model_get_n_items (gk_report_get_findings (report)), ==, 0);
}

static void
test_r4 (void)
{
  g_autoptr(GkReport) report = make_report (GK_TEMPLATE_2019);
  g_autoptr(GkFinding) r4 = NULL;
  g_autofree char *ids = NULL;

  set_cell (report, GK_TABLE_4, "suit_after_review", "pending", "9");
  gk_checks_run (report);

  ids = dup_failed_ids (report);
  g_assert_cmpstr (ids, ==, "R4:t4:suit_after_review");

  r4 = find_finding (report, "R4", "t4:suit_after_review");
  g_assert_cmpstr (gk_finding_get_expected (r4), ==, "40");
  g_assert_cmpstr (gk_finding_get_found (r4), ==, "39");
  g_assert_true (gk_finding_involves (r4, "t4/suit_after_review/pending"));
  g_assert_true (gk_finding_involves (r4, "t4/suit_after_review/total"));
  g_assert_false (gk_finding_involves (r4, "t4/suit_direct/total"));
  g_assert_nonnull (strstr (gk_finding_get_message (r4), "尚未审结"));
}

static void
test_r5_negative (void)
{
  g_autoptr(GkReport) report = make_report (GK_TEMPLATE_2019);
  g_autoptr(GkFinding) r5 = NULL;
  g_autoptr(GkFinding) r5_t4 = NULL;
  const char * const cells[] = { "t3/denied.2/natural", NULL };

  set_cell (report, GK_TABLE_3, "denied.2", "natural", "-3");
  /* A sign on a positive count is odd but not wrong. */
  set_cell (report, GK_TABLE_4, "suit_direct", "upheld", "+7");
  gk_checks_run (report);

  r5 = find_finding (report, "R5", "t3/denied.2/natural");
  g_assert_nonnull (r5);
  g_assert_cmpint (gk_finding_get_status (r5), ==, GK_FINDING_FAILED);
  g_assert_cmpint (gk_finding_get_severity (r5), ==, GK_SEVERITY_ERROR);
  g_assert_cmpstr (gk_finding_get_found (r5), ==, "-3");
  g_assert_nonnull (gk_finding_get_expected (r5));
  assert_cells (r5, cells);

  r5_t4 = find_finding (report, "R5", "t4/suit_direct/upheld");
  g_assert_null (r5_t4);
  g_assert_cmpuint (count_findings (report, "R5", GK_FINDING_FAILED), ==, 1);
}

static void
test_r5_decimal (void)
{
  g_autoptr(GkReport) report = make_report (GK_TEMPLATE_2019);
  g_autoptr(GkFinding) r5 = NULL;

  set_cell (report, GK_TABLE_4, "suit_direct", "other", "0.5");
  gk_checks_run (report);

  r5 = find_finding (report, "R5", "t4/suit_direct/other");
  g_assert_nonnull (r5);
  g_assert_cmpstr (gk_finding_get_found (r5), ==, "0.5");
  g_assert_cmpuint (count_findings (report, "R5", GK_FINDING_FAILED), ==, 1);
  /* The half also breaks the row's sum: 7.5 against 7. */
  {
    g_autoptr(GkFinding) r4 = find_finding (report, "R4", "t4:suit_direct");

    g_assert_nonnull (r4);
    g_assert_cmpstr (gk_finding_get_expected (r4), ==, "7.5");
  }
}

static void
test_r5_table2 (void)
{
  g_autoptr(GkReport) report = gk_report_new ();
  g_autoptr(GkTable) t2 = gk_table_new (GK_TABLE_2, GK_TEMPLATE_2019);
  g_autoptr(GkReport) report21 = gk_report_new ();
  g_autoptr(GkTable) t2_21 = gk_table_new (GK_TABLE_2, GK_TEMPLATE_2021);
  g_autofree char *ids = NULL;
  struct { const char *row, *column, *raw; } cells[] = {
    { "rules",       "made",       "0" },
    { "normative",   "made",       "17" },
    { "licensing",   "prev_items", "213" },
    { "licensing",   "change",     "+2" },
    { "penalty",     "change",     "-3" },          /* a change may be negative */
    { "penalty",     "decisions",  "9032" },
    { "coercion",    "prev_items", "-84" },         /* a count may not */
    { "fees",        "prev_items", "25" },
    { "procurement", "items",      "4440" },
    { "procurement", "amount",     "81184.6411" },  /* money */
    { "coercion",    "decisions",  "26.5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      g_autoptr(GkCell) cell = gk_cell_new (GK_TABLE_2, cells[i].row, cells[i].column,
                                            cells[i].raw, 0);
      gk_table_add_cell (t2, cell);
    }
  gk_report_set_year (report, 2020, NULL, 0, 1.0);
  gk_report_set_template (report, GK_TEMPLATE_2019);
  gk_report_set_table (report, t2);
  gk_checks_run (report);

  ids = dup_failed_ids (report);
  g_assert_cmpstr (ids, ==, "R5:t2/coercion/decisions R5:t2/coercion/prev_items");

  {
    g_autoptr(GkCell) fees = gk_cell_new (GK_TABLE_2, "fees", "amount", "12.35", 0);
    g_autoptr(GkCell) rules = gk_cell_new (GK_TABLE_2, "rules", "in_force", "-1", 0);

    gk_table_add_cell (t2_21, fees);
    gk_table_add_cell (t2_21, rules);
  }
  gk_report_set_year (report21, 2021, NULL, 0, 1.0);
  gk_report_set_template (report21, GK_TEMPLATE_2021);
  gk_report_set_table (report21, t2_21);
  gk_checks_run (report21);

  g_clear_pointer (&ids, g_free);
  ids = dup_failed_ids (report21);
  g_assert_cmpstr (ids, ==, "R5:t2/rules/in_force");
}

static void
test_t3 (void)
{
  g_autoptr(GkReport) report = make_report (GK_TEMPLATE_2019);

  /* 2020 in the 2019 template is right. */
  gk_checks_run (report);
  g_assert_cmpuint (count_findings (report, "T3", GK_FINDING_FAILED), ==, 0);
  g_assert_cmpuint (count_findings (report, "T3", GK_FINDING_NOT_ASSESSABLE), ==, 0);

  /* A 2021 report in the 2019 template is a late adopter. */
  gk_report_set_year (report, 2021, NULL, 0, 1.0);
  gk_checks_run (report);
  {
    g_autoptr(GkFinding) t3 = find_finding (report, "T3", "report");

    g_assert_nonnull (t3);
    g_assert_cmpint (gk_finding_get_status (t3), ==, GK_FINDING_FAILED);
    g_assert_cmpint (gk_finding_get_severity (t3), ==, GK_SEVERITY_WARNING);
    g_assert_cmpstr (gk_finding_get_expected (t3), ==, "2021");
    g_assert_cmpstr (gk_finding_get_found (t3), ==, "2019");
  }
  g_assert_cmpuint (count_findings (report, "T3", GK_FINDING_FAILED), ==, 1);

  /* Before 2019 there was no national template. */
  gk_report_set_year (report, 2018, NULL, 0, 1.0);
  gk_checks_run (report);
  {
    g_autoptr(GkFinding) t3 = find_finding (report, "T3", "report");

    g_assert_nonnull (t3);
    g_assert_cmpstr (gk_finding_get_expected (t3), ==, "legacy");
  }

  gk_report_set_year (report, 2021, NULL, 0, 1.0);
  gk_report_set_template (report, GK_TEMPLATE_2021);
  gk_checks_run (report);
  g_assert_cmpuint (count_findings (report, "T3", GK_FINDING_FAILED), ==, 0);

  gk_report_set_year (report, 0, NULL, 0, 0);
  gk_checks_run (report);
  g_assert_cmpuint (count_findings (report, "T3", GK_FINDING_FAILED), ==, 0);
  g_assert_cmpuint (count_findings (report, "T3", GK_FINDING_NOT_ASSESSABLE), ==, 1);

  gk_report_set_year (report, 2020, NULL, 0, 1.0);
  gk_report_set_template (report, GK_TEMPLATE_UNKNOWN);
  gk_checks_run (report);
  g_assert_cmpuint (count_findings (report, "T3", GK_FINDING_FAILED), ==, 0);
  g_assert_cmpuint (count_findings (report, "T3", GK_FINDING_NOT_ASSESSABLE), ==, 1);
}

static void
test_t1_agrees (void)
{
  g_autoptr(GkReport) report = make_report (GK_TEMPLATE_2019);

  gk_report_set_section (report, 0, "2020 年，全区共办理依申请公开 212 件，结转下年度 8 件。", 9);
  gk_checks_run (report);

  g_assert_cmpuint (count_findings (report, "T1", GK_FINDING_FAILED), ==, 0);
  g_assert_cmpuint (count_findings (report, "T1", GK_FINDING_NOT_ASSESSABLE), ==, 0);
}

static void
test_t1_disagrees (void)
{
  g_autoptr(GkReport) report = make_report (GK_TEMPLATE_2019);
  g_autoptr(GkFinding) t1 = NULL;
  const char * const cells[] = { "t3/total/total", NULL };

  gk_report_set_section (report, 0,
                         "（二）依申请公开工作\n"
                         "2020 年，全区共办理依申请公开 210 件，结转下年度 8 件。", 17);
  gk_checks_run (report);

  g_assert_cmpuint (count_findings (report, "T1", GK_FINDING_FAILED), ==, 1);
  t1 = find_finding (report, "T1", "s1:total");
  g_assert_nonnull (t1);
  g_assert_cmpint (gk_finding_get_severity (t1), ==, GK_SEVERITY_WARNING);
  g_assert_cmpstr (gk_finding_get_expected (t1), ==, "212");
  g_assert_cmpstr (gk_finding_get_found (t1), ==, "210");
  assert_cells (t1, cells);
  g_assert_cmpuint (gk_finding_get_line (t1), ==, 18);
  g_assert_nonnull (strstr (gk_finding_get_message (t1), "210"));
  g_assert_nonnull (strstr (gk_finding_get_message (t1), "总计"));
}

static void
test_t1_unrelated_numbers (void)
{
  g_autoptr(GkReport) report = make_report (GK_TEMPLATE_2019);

  /* None of these numbers is about a table cell; 14257 and 11 would fail
   * any cell they were taken for. */
  gk_report_set_section (report, 0, seed002_prose, 7);
  gk_report_set_section (report, 1,
                         "全年主动公开各类信息共计 14257 条。\n"
                         "2020 年，公开征集决策性文件共 11 件，推进会议开放 3 次。\n"
                         "2024年共主动公开区政府办公室文件6件。\n"
                         "共计梳理 1774 大类业务事项，其中涉及重点领域 1200 余项。\n"
                         "办理人大建议和政协提案 35 件。\n"
                         "发出收费通知的件数为0件，总金额为0元。\n"
                         "新收申请较上年增加 12 件。\n"
                         "予以公开率为 42%。\n"
                         "不予公开 20 件。\n"
                         "全区共办理政务服务事项 120 件。\n"
                         "上年结转资金 30 万元。\n"
                         "不予公开、部分公开共 5 件。\n"
                         "复议后提起行政诉讼 39 件。\n"
                         "继续办理依申请公开申请 8 件。\n"
                         "办理依申请公开事项中属于城市规划建设住房保障领域的共 30 件。\n", 11);
  gk_checks_run (report);

  g_assert_cmpuint (count_findings (report, "T1", GK_FINDING_FAILED), ==, 0);
  g_assert_cmpuint (count_findings (report, "T1", GK_FINDING_NOT_ASSESSABLE), ==, 0);
}

static void
test_t1_phrases (void)
{
  g_autoptr(GkReport) report = make_report (GK_TEMPLATE_2019);
  g_autofree char *ids = NULL;

  /* Right: 216, 4, 89 + 18, 46 = 7 + 39, 8 written in full-width digits.
   * Wrong: 予以公开 90 (89), 部分公开 17 (18), 新收 200 (216),
   * 结转下年度继续办理数量为 9 (8), 办理结果 0 (212). */
  gk_report_set_section (report, 0,
                         "本年新收政府信息公开申请 216 件，上年结转 4 件。\n"
                         "予以公开及部分公开 107 件。\n"
                         "被提起行政诉讼 46 件。\n"
                         "结转下年度８件。\n", 1);
  gk_report_set_section (report, 2,
                         "其中予以公开 90 件、部分公开 17 件。\n"
                         "共收到政府信息公开申请 200 件。\n"
                         "结转下年度继续办理数量为 9。\n"
                         "本年度办理结果数量为0。\n", 30);
  /* 行政复议 is blank in table 4: the claim cannot be checked. */
  gk_report_set_section (report, 3, "本年度发生行政复议 0 起。", 60);
  gk_checks_run (report);

  ids = dup_failed_ids (report);
  g_assert_cmpstr (ids, ==,
                   "T1:s3:carried_out T1:s3:granted T1:s3:new T1:s3:partial T1:s3:total");
  {
    g_autoptr(GkFinding) granted = find_finding (report, "T1", "s3:granted");
    g_autoptr(GkFinding) out = find_finding (report, "T1", "s3:carried_out");

    g_assert_cmpstr (gk_finding_get_expected (granted), ==, "89");
    g_assert_cmpstr (gk_finding_get_found (granted), ==, "90");
    g_assert_cmpuint (gk_finding_get_line (granted), ==, 30);
    g_assert_cmpstr (gk_finding_get_found (out), ==, "9");
    g_assert_cmpuint (gk_finding_get_line (out), ==, 32);
  }
  {
    g_autoptr(GkFinding) review = find_finding (report, "T1", "s4:review");

    g_assert_nonnull (review);
    g_assert_cmpint (gk_finding_get_status (review), ==, GK_FINDING_NOT_ASSESSABLE);
    g_assert_true (gk_finding_involves (review, "t4/review/total"));
  }

  /* A wrong sum of granted and partial is one claim about two cells. */
  gk_report_set_section (report, 0, "予以公开及部分公开258件。行政诉讼 45 件。", 1);
  gk_report_set_section (report, 2, NULL, 0);
  gk_report_set_section (report, 3, NULL, 0);
  gk_checks_run (report);

  g_clear_pointer (&ids, g_free);
  ids = dup_failed_ids (report);
  g_assert_cmpstr (ids, ==, "T1:s1:granted+partial T1:s1:suit");
  {
    g_autoptr(GkFinding) both = find_finding (report, "T1", "s1:granted+partial");
    g_autoptr(GkFinding) suit = find_finding (report, "T1", "s1:suit");
    const char * const both_cells[] = { "t3/granted/total", "t3/partial/total", NULL };
    const char * const suit_cells[] = {
      "t4/suit_direct/total", "t4/suit_after_review/total", NULL
    };

    g_assert_cmpstr (gk_finding_get_expected (both), ==, "107");
    g_assert_cmpstr (gk_finding_get_found (both), ==, "258");
    assert_cells (both, both_cells);
    g_assert_cmpstr (gk_finding_get_expected (suit), ==, "46");
    assert_cells (suit, suit_cells);
  }
}

static void
test_t1_repeated_subjects (void)
{
  g_autoptr(GkReport) report = make_report (GK_TEMPLATE_2019);

  /* Two wrong statements of the same count keep apart. */
  gk_report_set_section (report, 0, "上年结转 5 件。另查，上年结转 6 件。", 1);
  gk_checks_run (report);

  g_assert_cmpuint (count_findings (report, "T1", GK_FINDING_FAILED), ==, 2);
  {
    g_autoptr(GkFinding) first = find_finding (report, "T1", "s1:carried_in");
    g_autoptr(GkFinding) second = find_finding (report, "T1", "s1:carried_in#2");

    g_assert_cmpstr (gk_finding_get_found (first), ==, "5");
    g_assert_cmpstr (gk_finding_get_found (second), ==, "6");
  }
}

static void
test_rerun (void)
{
  g_autoptr(GkReport) report = make_report (GK_TEMPLATE_2019);
  g_autoptr(GkFinding) parser = gk_finding_new ("P3", GK_SEVERITY_WARNING,
                                                GK_FINDING_FAILED, "t2",
                                                "a parser finding");
  guint n_first;

  gk_report_add_finding (report, parser);
  set_cell (report, GK_TABLE_3, "total", "natural", "187");
  gk_report_set_year (report, 2021, NULL, 0, 1.0);
  gk_report_set_section (report, 0, "全区共办理依申请公开 210 件。", 1);

  gk_checks_run (report);
  n_first = g_list_model_get_n_items (gk_report_get_findings (report));
  /* P3, R1, R2, R3, R4 (n/a), T3, T1. */
  g_assert_cmpuint (n_first, ==, 7);

  gk_checks_run (report);
  g_assert_cmpuint (g_list_model_get_n_items (gk_report_get_findings (report)), ==, n_first);
  {
    g_autoptr(GkFinding) kept = find_finding (report, "P3", "t2");

    g_assert_true (kept == parser);
  }

  /* Fixed cells take their findings with them. */
  set_cell (report, GK_TABLE_3, "total", "natural", "188");
  gk_checks_run (report);
  g_assert_cmpuint (count_findings (report, "R1", GK_FINDING_FAILED), ==, 0);
  g_assert_cmpuint (count_findings (report, "P3", GK_FINDING_FAILED), ==, 1);
}

static void
test_r2_template_2021 (void)
{
  g_autoptr(GkReport) report = make_report (GK_TEMPLATE_2021);
  g_autoptr(GkFinding) r2 = NULL;
  g_autoptr(GkFinding) r2_na = NULL;
  g_autofree char *ids = NULL;

  gk_checks_run (report);
  g_assert_cmpuint (count_findings (report, NULL, GK_FINDING_FAILED), ==, 0);

  /* The three 其他处理 rows are inputs of R2, each of them. */
  set_cell (report, GK_TABLE_3, "other.3", "commercial", "3");
  set_cell (report, GK_TABLE_3, "other.3", "total", "23");
  gk_checks_run (report);

  ids = dup_failed_ids (report);
  g_assert_cmpstr (ids, ==, "R2:t3:commercial R2:t3:total");
  r2 = find_finding (report, "R2", "t3:commercial");
  g_assert_cmpstr (gk_finding_get_expected (r2), ==, "24");
  g_assert_cmpstr (gk_finding_get_found (r2), ==, "23");
  g_assert_true (gk_finding_involves (r2, "t3/other.1/commercial"));
  g_assert_true (gk_finding_involves (r2, "t3/other.3/commercial"));
  g_assert_false (gk_finding_involves (r2, "t3/other/commercial"));
  g_assert_cmpuint (g_strv_length ((char **) gk_finding_get_cells (r2)), ==, 22);

  set_cell (report, GK_TABLE_3, "other.2", "natural", "");
  gk_checks_run (report);
  r2_na = find_finding (report, "R2", "t3:natural");
  g_assert_nonnull (r2_na);
  g_assert_cmpint (gk_finding_get_status (r2_na), ==, GK_FINDING_NOT_ASSESSABLE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/checks/clean-seed", test_clean_seed);
  g_test_add_func ("/checks/r1-r2-r3/changed-total", test_changed_total);
  g_test_add_func ("/checks/not-assessable/blank", test_blank_not_assessable);
  g_test_add_func ("/checks/not-assessable/missing", test_missing_cells_and_tables);
  g_test_add_func ("/checks/no-tables", test_no_tables);
  g_test_add_func ("/checks/r4", test_r4);
  g_test_add_func ("/checks/r5/negative", test_r5_negative);
  g_test_add_func ("/checks/r5/decimal", test_r5_decimal);
  g_test_add_func ("/checks/r5/table-2", test_r5_table2);
  g_test_add_func ("/checks/r2/template-2021", test_r2_template_2021);
  g_test_add_func ("/checks/t3", test_t3);
  g_test_add_func ("/checks/t1/agrees", test_t1_agrees);
  g_test_add_func ("/checks/t1/disagrees", test_t1_disagrees);
  g_test_add_func ("/checks/t1/unrelated-numbers", test_t1_unrelated_numbers);
  g_test_add_func ("/checks/t1/phrases", test_t1_phrases);
  g_test_add_func ("/checks/t1/repeated-subjects", test_t1_repeated_subjects);
  g_test_add_func ("/checks/rerun", test_rerun);

  return g_test_run ();
}
