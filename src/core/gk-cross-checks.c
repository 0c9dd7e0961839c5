/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-cross-checks"

#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "gk-cross-checks.h"
#include "gk-keys.h"
#include "gk-normalize.h"
#include "gk-similarity.h"

/* The rules between reports (report-format.md §7), over any set of
 * reports: the files given to the command line, or a library.
 *
 * - C1: carried_in of year N equals carried_out of year N−1, per column
 *   of table 3.
 * - C2: in a 2021 table 2, the documents in force at the end of N are
 *   those of N−1 plus those issued minus those repealed in N.
 * - C3: in a 2019 table 2, 上一年项目数量 of N is 上一年项目数量 plus
 *   本年增/减 of N−1.
 * - D1: two reports of one agency and year with different numbers.
 * - D2: prose that repeats the agency's previous report (gk-similarity.c).
 *
 * Which reports belong to one agency is the caller's to say (a key per
 * report), so that a library can honour the names its user merged.
 *
 * All are warnings: a difference between two reports may be a correction
 * as well as an error, and only a person can tell which.  A C-rule
 * instance whose input is blank or "/" in either report is skipped, not
 * reported as not assessable: the report with the blank already says so
 * through its own rules, and a note per blank cell and per pair of years
 * would bury the warnings that matter.
 *
 * Each finding is added to both reports it compares (except D2, which is
 * about the newer report), with the cells of that report, the other
 * report's value beside its own, and the other report's SHA-256 so that
 * the finding's id stays the same on every run over the same files. */

/* Counts are whole numbers and amounts have at most four decimals. */
#define EPSILON 1e-6

/* C2 holds "approximately": documents also lapse at the end of their
 * validity without being repealed, so a drift of up to this share of the
 * expected count is not a warning. */
#define C2_TOLERANCE 0.05

/* How many differing cells a D1 message names. */
#define D1_LISTED 3

/* How many characters of a shared passage a D2 message quotes, and how
 * many passages, the longest first. */
#define D2_QUOTED 40
#define D2_N_QUOTED 3

typedef struct
{
  GkReport *report;
  char     *key;
  int       year;
  guint     index;  /* the order given: ties are broken by it */
} Entry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a;
  const Entry *y = b;
  int c = strcmp (x->key, y->key);

  if (c != 0)
    return c;
  if (x->year != y->year)
    return x->year < y->year ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index ? 1 : 0;
}

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  if (fabs (value - round (value)) < EPSILON && fabs (value) < 1e15)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) round (value));

  g_ascii_formatd (buf, sizeof buf, "%.4f", value);
  end = buf + strlen (buf);
  while (end > buf && end[-1] == '0')
    *--end = '\0';
  if (end > buf && end[-1] == '.')
    *--end = '\0';
  return g_strdup (buf);
}

static gboolean
cell_is_usable (GkCell *cell)
{
  if (cell == NULL)
    return FALSE;
  switch (gk_cell_get_value_class (cell))
    {
    case GK_VALUE_BLANK:
    case GK_VALUE_NA:
      return FALSE;
    default:
      return gk_cell_has_value (cell);
    }
}

static GkTemplate
table_template (GkReport *report,
                GkTable  *table)
{
  GkTemplate template_ = gk_table_get_template (table);

  if (template_ == GK_TEMPLATE_UNKNOWN)
    template_ = gk_report_get_template (report);
  return template_;
}

static const char *
row_label (GkTableId   table,
           GkTemplate  template_,
           const char *row)
{
  const char *label = gk_keys_row_label (table, template_, row);

  return label != NULL ? label : row;
}

static const char *
column_label (GkTableId   table,
              GkTemplate  template_,
              const char *column)
{
  const char *label = gk_keys_column_label (table, template_, column);

  return label != NULL ? label : column;
}

/* How a message names the other report: its year and its file. */
static char *
describe_report (GkReport *report)
{
  const char *name = gk_report_get_source_name (report);
  const char *sha256 = gk_report_get_sha256 (report);
  g_autofree char *short_sha = NULL;

  if (name == NULL || *name == '\0')
    name = short_sha = g_strndup (sha256 != NULL ? sha256 : "?", 12);

  /* Translators: names the report a finding compares with, e.g.
   * "the 2019 report “mentougou-2019.pdf”". */
  return g_strdup_printf (_("the %d report “%s”"), gk_report_get_year (report), name);
}

static void
add_finding (GkReport   *report,
             GkReport   *other,
             const char *rule,
             const char *subject,
             const char *message,
             const char *expected,
             const char *found,
             guint       line,
             const char *cell_key,
             ...) G_GNUC_NULL_TERMINATED;

/* Adds a failed warning to @report, naming @other; the trailing
 * arguments are the keys of @report's cells involved. */
static void
add_finding (GkReport   *report,
             GkReport   *other,
             const char *rule,
             const char *subject,
             const char *message,
             const char *expected,
             const char *found,
             guint       line,
             const char *cell_key,
             ...)
{
  g_autoptr(GkFinding) finding = NULL;
  va_list args;

  finding = gk_finding_new (rule, GK_SEVERITY_WARNING, GK_FINDING_FAILED, subject, message);
  gk_finding_set_expected (finding, expected);
  gk_finding_set_found (finding, found);
  gk_finding_set_line (finding, line);
  gk_finding_set_other_report (finding, gk_report_get_sha256 (other));

  va_start (args, cell_key);
  for (const char *key = cell_key; key != NULL; key = va_arg (args, const char *))
    gk_finding_add_cell (finding, key);
  va_end (args);

  gk_report_add_finding (report, finding);
}

/* ---------------------------------------------------------------------- */
/* C1: carried_in (N) = carried_out (N−1)                                 */

static void
check_c1 (GkReport *prev,
          GkReport *cur)
{
  GkTable *t_prev = gk_report_get_table (prev, GK_TABLE_3);
  GkTable *t_cur = gk_report_get_table (cur, GK_TABLE_3);
  g_autofree char *prev_name = NULL;
  g_autofree char *cur_name = NULL;
  const GkKeyLabel *columns;
  const char *l_in, *l_out;
  guint n_columns;

  if (t_prev == NULL || t_cur == NULL)
    return;

  prev_name = describe_report (prev);
  cur_name = describe_report (cur);
  l_in = row_label (GK_TABLE_3, table_template (cur, t_cur), "carried_in");
  l_out = row_label (GK_TABLE_3, table_template (prev, t_prev), "carried_out");
  columns = gk_keys_t3_columns (&n_columns);

  for (guint c = 0; c < n_columns; c++)
    {
      const char *column = columns[c].key;
      GkCell *in = gk_table_lookup (t_cur, "carried_in", column);
      GkCell *out = gk_table_lookup (t_prev, "carried_out", column);
      g_autofree char *s_in = NULL;
      g_autofree char *s_out = NULL;
      g_autofree char *subject = NULL;
      g_autofree char *key_in = NULL;
      g_autofree char *key_out = NULL;
      g_autofree char *message = NULL;

      if (!cell_is_usable (in) || !cell_is_usable (out))
        continue;
      if (fabs (gk_cell_get_value (in) - gk_cell_get_value (out)) < EPSILON)
        continue;

      s_in = gk_cell_format_value (in);
      s_out = gk_cell_format_value (out);
      subject = g_strdup_printf ("t3:%s", column);
      key_in = g_strdup_printf ("t3/carried_in/%s", column);
      key_out = g_strdup_printf ("t3/carried_out/%s", column);

      /* Translators: C1, the two cells side by side: "二、上年结转… / 自然人:
       * 4 here, but 四、结转下年度继续办理 / 自然人 of the 2019 report “a.txt”
       * is 5".  The labels are Chinese report terms. */
      message = g_strdup_printf (_("%s / %s: %s here, but %s / %s of %s is %s"),
                                 l_in, columns[c].label, s_in,
                                 l_out, columns[c].label, prev_name, s_out);
      add_finding (cur, prev, "C1", subject, message, s_out, s_in,
                   gk_cell_get_line (in), key_in, NULL);

      g_free (message);
      message = g_strdup_printf (_("%s / %s: %s here, but %s / %s of %s is %s"),
                                 l_out, columns[c].label, s_out,
                                 l_in, columns[c].label, cur_name, s_in);
      add_finding (prev, cur, "C1", subject, message, s_in, s_out,
                   gk_cell_get_line (out), key_out, NULL);
    }
}

/* ---------------------------------------------------------------------- */
/* C2: in_force (N) ≈ in_force (N−1) + issued (N) − repealed (N)          */

static void
check_c2 (GkReport *prev,
          GkReport *cur)
{
  static const char * const rows[] = { "rules", "normative" };
  GkTable *t_prev = gk_report_get_table (prev, GK_TABLE_2);
  GkTable *t_cur = gk_report_get_table (cur, GK_TABLE_2);
  g_autofree char *prev_name = NULL;
  g_autofree char *cur_name = NULL;
  const char *l_in_force, *l_issued, *l_repealed;

  if (t_prev == NULL || t_cur == NULL
      || table_template (prev, t_prev) != GK_TEMPLATE_2021
      || table_template (cur, t_cur) != GK_TEMPLATE_2021)
    return;

  prev_name = describe_report (prev);
  cur_name = describe_report (cur);
  l_in_force = column_label (GK_TABLE_2, GK_TEMPLATE_2021, "in_force");
  l_issued = column_label (GK_TABLE_2, GK_TEMPLATE_2021, "issued");
  l_repealed = column_label (GK_TABLE_2, GK_TEMPLATE_2021, "repealed");

  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      const char *row = rows[r];
      GkCell *before = gk_table_lookup (t_prev, row, "in_force");
      GkCell *issued = gk_table_lookup (t_cur, row, "issued");
      GkCell *repealed = gk_table_lookup (t_cur, row, "repealed");
      GkCell *after = gk_table_lookup (t_cur, row, "in_force");
      const char *label = row_label (GK_TABLE_2, GK_TEMPLATE_2021, row);
      g_autofree char *s_before = NULL;
      g_autofree char *s_issued = NULL;
      g_autofree char *s_repealed = NULL;
      g_autofree char *s_after = NULL;
      g_autofree char *s_expected = NULL;
      g_autofree char *subject = NULL;
      g_autofree char *message = NULL;
      g_autofree char *k_in_force = NULL;
      g_autofree char *k_issued = NULL;
      g_autofree char *k_repealed = NULL;
      double expected;

      if (!cell_is_usable (before) || !cell_is_usable (issued)
          || !cell_is_usable (repealed) || !cell_is_usable (after))
        continue;

      expected = gk_cell_get_value (before) + gk_cell_get_value (issued) - gk_cell_get_value (repealed);
      if (fabs (gk_cell_get_value (after) - expected) <= C2_TOLERANCE * fabs (expected) + EPSILON)
        continue;

      s_before = gk_cell_format_value (before);
      s_issued = gk_cell_format_value (issued);
      s_repealed = gk_cell_format_value (repealed);
      s_after = gk_cell_format_value (after);
      s_expected = format_number (expected);
      subject = g_strdup_printf ("t2:%s", row);
      k_in_force = g_strdup_printf ("t2/%s/in_force", row);
      k_issued = g_strdup_printf ("t2/%s/issued", row);
      k_repealed = g_strdup_printf ("t2/%s/repealed", row);

      /* Translators: C2 on the later report: "规章: 现行有效件数 66 in the
       * 2023 report “a.txt”, plus 本年制发件数 2 and minus 本年废止件数 17
       * here, makes 51, but this report gives 现行有效件数 52". */
      message = g_strdup_printf (_("%s: %s %s in %s, plus %s %s and minus %s %s here, makes %s, "
                                   "but this report gives %s %s"),
                                 label, l_in_force, s_before, prev_name,
                                 l_issued, s_issued, l_repealed, s_repealed,
                                 s_expected, l_in_force, s_after);
      add_finding (cur, prev, "C2", subject, message, s_expected, s_after,
                   gk_cell_get_line (after), k_in_force, k_issued, k_repealed, NULL);

      g_free (message);
      /* Translators: C2 on the earlier report: "规章: 现行有效件数 66 here,
       * plus 本年制发件数 2 and minus 本年废止件数 17 in the 2024 report
       * “b.txt”, makes 51, but that report gives 现行有效件数 52". */
      message = g_strdup_printf (_("%s: %s %s here, plus %s %s and minus %s %s in %s, makes %s, "
                                   "but that report gives %s %s"),
                                 label, l_in_force, s_before,
                                 l_issued, s_issued, l_repealed, s_repealed, cur_name,
                                 s_expected, l_in_force, s_after);
      add_finding (prev, cur, "C2", subject, message, s_expected, s_after,
                   gk_cell_get_line (before), k_in_force, NULL);
    }
}

/* ---------------------------------------------------------------------- */
/* C3: prev_items (N) = prev_items (N−1) + change (N−1)                   */

static void
check_c3 (GkReport *prev,
          GkReport *cur)
{
  GkTable *t_prev = gk_report_get_table (prev, GK_TABLE_2);
  GkTable *t_cur = gk_report_get_table (cur, GK_TABLE_2);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *prev_name = NULL;
  g_autofree char *cur_name = NULL;
  const char *l_prev_items, *l_change;

  if (t_prev == NULL || t_cur == NULL
      || table_template (prev, t_prev) != GK_TEMPLATE_2019
      || table_template (cur, t_cur) != GK_TEMPLATE_2019)
    return;

  prev_name = describe_report (prev);
  cur_name = describe_report (cur);
  l_prev_items = column_label (GK_TABLE_2, GK_TEMPLATE_2019, "prev_items");
  l_change = column_label (GK_TABLE_2, GK_TEMPLATE_2019, "change");

  /* Every row with a count of items: 行政许可, the named sub-items of
   * 其他对外管理服务事项, 行政处罚, 行政强制, 行政事业性收费. */
  rows = gk_table_dup_row_keys (t_cur);
  for (guint r = 0; r < rows->len; r++)
    {
      const char *row = g_ptr_array_index (rows, r);
      GkCell *items_before = gk_table_lookup (t_prev, row, "prev_items");
      GkCell *change = gk_table_lookup (t_prev, row, "change");
      GkCell *items_after = gk_table_lookup (t_cur, row, "prev_items");
      const char *label = row_label (GK_TABLE_2, GK_TEMPLATE_2019, row);
      g_autofree char *s_before = NULL;
      g_autofree char *s_change = NULL;
      g_autofree char *s_after = NULL;
      g_autofree char *s_expected = NULL;
      g_autofree char *subject = NULL;
      g_autofree char *message = NULL;
      g_autofree char *k_items = NULL;
      g_autofree char *k_change = NULL;
      double expected;

      if (!cell_is_usable (items_before) || !cell_is_usable (change) || !cell_is_usable (items_after))
        continue;

      expected = gk_cell_get_value (items_before) + gk_cell_get_value (change);
      if (fabs (gk_cell_get_value (items_after) - expected) < EPSILON)
        continue;

      s_before = gk_cell_format_value (items_before);
      s_change = gk_cell_format_value (change);
      s_after = gk_cell_format_value (items_after);
      s_expected = format_number (expected);
      subject = g_strdup_printf ("t2:%s", row);
      k_items = g_strdup_printf ("t2/%s/prev_items", row);
      k_change = g_strdup_printf ("t2/%s/change", row);

      /* Translators: C3 on the later report: "行政许可: 上一年项目数量 213
       * here, but 上一年项目数量 213 and 本年增/减 +2 in the 2019 report
       * “a.txt” make 215". */
      message = g_strdup_printf (_("%s: %s %s here, but %s %s and %s %s in %s make %s"),
                                 label, l_prev_items, s_after,
                                 l_prev_items, s_before, l_change, s_change, prev_name,
                                 s_expected);
      add_finding (cur, prev, "C3", subject, message, s_expected, s_after,
                   gk_cell_get_line (items_after), k_items, NULL);

      g_free (message);
      /* Translators: C3 on the earlier report: "行政许可: 上一年项目数量 213
       * and 本年增/减 +2 here make 215, but the 2020 report “b.txt” gives
       * 上一年项目数量 213". */
      message = g_strdup_printf (_("%s: %s %s and %s %s here make %s, but %s gives %s %s"),
                                 label, l_prev_items, s_before, l_change, s_change,
                                 s_expected, cur_name, l_prev_items, s_after);
      add_finding (prev, cur, "C3", subject, message, s_expected, s_after,
                   gk_cell_get_line (items_before), k_items, k_change, NULL);
    }
}

/* ---------------------------------------------------------------------- */
/* D1: versions with different numbers                                    */

typedef struct
{
  GkCell *a;  /* either may be NULL: a cell only one version has */
  GkCell *b;
} Difference;

static gboolean
same_value (GkCell *a,
            GkCell *b)
{
  gboolean va = a != NULL && gk_cell_has_value (a);
  gboolean vb = b != NULL && gk_cell_has_value (b);

  if (va != vb)
    return FALSE;
  return !va || fabs (gk_cell_get_value (a) - gk_cell_get_value (b)) < EPSILON;
}

static char *
dup_cell_value (GkCell *cell)
{
  if (cell == NULL)
    /* Translators: D1, a cell one version of a report lacks. */
    return g_strdup (_("missing"));
  if (!gk_cell_has_value (cell))
    /* Translators: D1, a blank or "/" cell. */
    return g_strdup (_("blank"));
  return gk_cell_format_value (cell);
}

static void
add_d1 (GkReport *report,
        GkReport *other,
        GArray   *differences,
        gboolean  report_is_a)
{
  g_autoptr(GkFinding) finding = NULL;
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *other_name = describe_report (other);
  g_autofree char *message = NULL;
  guint n = differences->len;
  guint line = 0;

  for (guint i = 0; i < n; i++)
    {
      const Difference *d = &g_array_index (differences, Difference, i);
      GkCell *mine = report_is_a ? d->a : d->b;
      GkCell *theirs = report_is_a ? d->b : d->a;
      GkCell *any = mine != NULL ? mine : theirs;
      GkTableId table = gk_cell_get_table (any);
      GkTemplate template_ = gk_report_get_template (report);
      g_autofree char *s_mine = NULL;
      g_autofree char *s_theirs = NULL;

      if (mine != NULL && line == 0)
        line = gk_cell_get_line (mine);
      if (i >= D1_LISTED)
        continue;

      s_mine = dup_cell_value (mine);
      s_theirs = dup_cell_value (theirs);
      if (list->len > 0)
        g_string_append (list, "; ");
      /* Translators: D1, one cell that differs: "一、本年新收… / 自然人 192
       * here, 193 there". */
      g_string_append_printf (list, _("%s / %s %s here, %s there"),
                              row_label (table, template_, gk_cell_get_row (any)),
                              column_label (table, template_, gk_cell_get_column (any)),
                              s_mine, s_theirs);
    }
  if (n > D1_LISTED)
    /* Translators: D1, after the cells listed: "; and 4 more". */
    g_string_append_printf (list, _("; and %u more"), n - D1_LISTED);

  /* Translators: D1.  The first %s names the other report, e.g. "the
   * 2020 report “b.txt”"; the last lists the cells. */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Another version of this report, %s, has a different number in %u cell: %s",
                                          "Another version of this report, %s, has different numbers in %u cells: %s",
                                          n),
                             other_name, n, list->str);

  finding = gk_finding_new ("D1", GK_SEVERITY_WARNING, GK_FINDING_FAILED, "versions", message);
  gk_finding_set_line (finding, line);
  gk_finding_set_other_report (finding, gk_report_get_sha256 (other));
  for (guint i = 0; i < n; i++)
    {
      const Difference *d = &g_array_index (differences, Difference, i);
      GkCell *mine = report_is_a ? d->a : d->b;

      if (mine != NULL)
        {
          g_autofree char *key = gk_cell_dup_key (mine);
          gk_finding_add_cell (finding, key);
        }
    }
  gk_report_add_finding (report, finding);
}

static void
check_d1 (GkReport *a,
          GkReport *b)
{
  g_autoptr(GArray) differences = g_array_new (FALSE, FALSE, sizeof (Difference));

  for (GkTableId id = GK_TABLE_2; id <= GK_TABLE_4; id++)
    {
      GkTable *ta = gk_report_get_table (a, id);
      GkTable *tb = gk_report_get_table (b, id);

      /* In the order of a's table, then what only b has. */
      for (guint i = 0; ta != NULL && i < gk_table_get_n_cells (ta); i++)
        {
          Difference d = { gk_table_get_cell (ta, i), NULL };

          if (tb != NULL)
            d.b = gk_table_lookup (tb, gk_cell_get_row (d.a), gk_cell_get_column (d.a));
          if (!same_value (d.a, d.b))
            g_array_append_val (differences, d);
        }
      for (guint i = 0; tb != NULL && i < gk_table_get_n_cells (tb); i++)
        {
          Difference d = { NULL, gk_table_get_cell (tb, i) };

          if (ta != NULL && gk_table_lookup (ta, gk_cell_get_row (d.b), gk_cell_get_column (d.b)) != NULL)
            continue;
          if (!same_value (NULL, d.b))
            g_array_append_val (differences, d);
        }
    }

  if (differences->len == 0)
    return;

  add_d1 (a, b, differences, TRUE);
  add_d1 (b, a, differences, FALSE);
}

/* ---------------------------------------------------------------------- */
/* D2: prose repeated from the previous report                            */

/* The line a passage starts on, counted from its section's first line. */
static guint
passage_line (GkReport              *report,
              const GkSharedPassage *passage)
{
  const char *text = gk_report_get_section (report, passage->section);
  guint line = gk_report_get_section_line (report, passage->section);

  if (line == 0 || text == NULL)
    return 0;
  for (gsize i = 0; i < passage->start && text[i] != '\0'; i++)
    if (text[i] == '\n')
      line++;
  return line;
}

static void
check_d2 (GkReport *older,
          GkReport *newer)
{
  g_autoptr(GkSimilarity) similarity = gk_similarity_compare_reports (older, newer);
  const GkSharedPassage *longest;
  g_autofree char *older_name = NULL;
  g_autofree char *percent = NULL;
  g_autoptr(GString) quotes = g_string_new (NULL);
  g_autofree char *message = NULL;
  g_autoptr(GkFinding) finding = NULL;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double overlap;

  if (!gk_similarity_get_overlap (similarity, &overlap)
      || similarity->n_shingles < GK_CROSS_D2_MIN_SHINGLES
      || overlap <= GK_CROSS_D2_THRESHOLD
      || similarity->passages->len == 0)
    return;

  older_name = describe_report (older);
  g_ascii_formatd (buf, sizeof buf, "%.1f", 100 * overlap);
  percent = g_strconcat (buf, "%", NULL);

  /* The passages come longest first: an evaluator sees at once what was
   * copied, in the newer report's words. */
  longest = &g_array_index (similarity->passages, GkSharedPassage, 0);
  for (guint i = 0; i < similarity->passages->len && i < D2_N_QUOTED; i++)
    {
      const GkSharedPassage *passage = &g_array_index (similarity->passages, GkSharedPassage, i);
      g_autofree char *quote = NULL;

      if (g_utf8_strlen (passage->text, -1) > D2_QUOTED)
        {
          g_autofree char *head = g_utf8_substring (passage->text, 0, D2_QUOTED);
          quote = g_strconcat (head, "…", NULL);
        }
      else
        quote = g_strdup (passage->text);
      g_strdelimit (quote, "\n", ' ');
      if (i > 0)
        /* Translators: between two quoted passages of a D2 finding */
        g_string_append (quotes, _("; "));
      /* Translators: a passage quoted in a D2 finding */
      g_string_append_printf (quotes, _("“%s”"), quote);
    }

  /* Translators: D2.  "82.5% of the prose repeats the 2019 report
   * “a.txt”: 3 passages in common, the longest “…”; “…”; “…”". */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s of the prose repeats %s: %u passage in common: %s",
                                          "%s of the prose repeats %s: %u passages in common, the longest %s",
                                          similarity->passages->len),
                             percent, older_name, similarity->passages->len, quotes->str);

  finding = gk_finding_new ("D2", GK_SEVERITY_WARNING, GK_FINDING_FAILED, "prose", message);
  /* What evaluators accept at most, and what the report has. */
  gk_finding_set_expected (finding, "≤ 50%");
  gk_finding_set_found (finding, percent);
  gk_finding_set_line (finding, passage_line (newer, longest));
  gk_finding_set_other_report (finding, gk_report_get_sha256 (older));
  gk_report_add_finding (newer, finding);
}

/* ---------------------------------------------------------------------- */
/* Public API                                                             */

/**
 * gk_cross_checks_default_key:
 *
 * The agency as the report names it, with spaces and full-width forms
 * folded, so that "北京市 门头沟区政府" and "北京市门头沟区政府" are one.
 *
 * Returns: (transfer full) (nullable): the key, %NULL when the report
 *   names no agency
 */
char *
gk_cross_checks_default_key (GkReport *report,
                             gpointer  user_data)
{
  const char *agency;
  g_autofree char *key = NULL;

  g_return_val_if_fail (GK_IS_REPORT (report), NULL);

  agency = gk_report_get_agency (report);
  if (agency == NULL)
    return NULL;
  key = gk_normalize_compact (agency);
  if (key == NULL || *key == '\0')
    return NULL;
  return g_steal_pointer (&key);
}

/**
 * gk_cross_checks_is_cross_rule:
 * @rule: a rule id
 *
 * Returns: whether @rule is one gk_cross_checks_run() checks: C1, C2, C3,
 *   D1 or D2
 */
gboolean
gk_cross_checks_is_cross_rule (const char *rule)
{
  g_return_val_if_fail (rule != NULL, FALSE);

  if (rule[0] != 'C' && rule[0] != 'D')
    return FALSE;
  if (rule[1] == '\0')
    return FALSE;
  for (const char *p = rule + 1; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
is_cross_finding (GkFinding *finding,
                  gpointer   user_data)
{
  return gk_cross_checks_is_cross_rule (gk_finding_get_rule (finding));
}

static gboolean
is_same_report (GkReport *a,
                GkReport *b)
{
  return a == b
         || (gk_report_get_sha256 (a) != NULL
             && g_strcmp0 (gk_report_get_sha256 (a), gk_report_get_sha256 (b)) == 0);
}

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_clear_pointer (&entry->key, g_free);
}

/**
 * gk_cross_checks_run:
 * @reports: (element-type GkReport): the reports to compare
 * @key_func: (nullable) (scope call): which agency a report belongs to;
 *   %NULL for gk_cross_checks_default_key()
 *
 * Compares the reports of each agency with each other: consecutive years
 * (C1–C3), the same year (D1) and the latest earlier year (D2).  Adds what
 * it finds to the reports, replacing the findings of these rules from an
 * earlier run; the findings of one report's own checks stay.  Reports
 * without an agency key or a year are left out.
 */
void
gk_cross_checks_run (GPtrArray      *reports,
                     GkCrossKeyFunc  key_func,
                     gpointer        user_data)
{
  g_autoptr(GArray) entries = NULL;
  guint g0;

  g_return_if_fail (reports != NULL);

  if (key_func == NULL)
    key_func = gk_cross_checks_default_key;

  entries = g_array_sized_new (FALSE, FALSE, sizeof (Entry), reports->len);
  g_array_set_clear_func (entries, entry_clear);

  for (guint i = 0; i < reports->len; i++)
    {
      GkReport *report = g_ptr_array_index (reports, i);
      Entry entry = { report, NULL, gk_report_get_year (report), i };

      g_return_if_fail (GK_IS_REPORT (report));
      gk_report_remove_findings (report, is_cross_finding, NULL);

      if (entry.year <= 0)
        continue;
      entry.key = key_func (report, user_data);
      if (entry.key == NULL)
        continue;
      g_array_append_val (entries, entry);
    }

  g_array_sort (entries, compare_entries);

  /* One agency at a time: [g0, g1) share a key, ordered by year. */
  for (g0 = 0; g0 < entries->len;)
    {
      const Entry *group = &g_array_index (entries, Entry, g0);
      guint prev_start = 0, prev_end = 0;  /* the latest earlier year, if any */
      guint g1 = g0;

      while (g1 < entries->len && strcmp (g_array_index (entries, Entry, g1).key, group->key) == 0)
        g1++;

      for (guint y0 = g0; y0 < g1;)
        {
          int year = g_array_index (entries, Entry, y0).year;
          guint y1 = y0;

          while (y1 < g1 && g_array_index (entries, Entry, y1).year == year)
            y1++;

          /* D1: every pair of one year. */
          for (guint i = y0; i < y1; i++)
            for (guint j = i + 1; j < y1; j++)
              {
                GkReport *a = g_array_index (entries, Entry, i).report;
                GkReport *b = g_array_index (entries, Entry, j).report;

                if (!is_same_report (a, b))
                  check_d1 (a, b);
              }

          if (prev_end > prev_start)
            {
              gboolean consecutive = g_array_index (entries, Entry, prev_start).year == year - 1;

              for (guint i = prev_start; i < prev_end; i++)
                for (guint j = y0; j < y1; j++)
                  {
                    GkReport *prev = g_array_index (entries, Entry, i).report;
                    GkReport *cur = g_array_index (entries, Entry, j).report;

                    if (is_same_report (prev, cur))
                      continue;
                    if (consecutive)
                      {
                        check_c1 (prev, cur);
                        check_c2 (prev, cur);
                        check_c3 (prev, cur);
                      }
                    check_d2 (prev, cur);
                  }
            }

          prev_start = y0;
          prev_end = y1;
          y0 = y1;
        }

      g0 = g1;
    }
}
