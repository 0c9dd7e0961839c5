/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-scraped.c: reports as text copied out of portal pages.  Every seed,
 * rendered as scraped text in every style (cells run together, irregular
 * spaces, full-width spaces, one line, a page's chrome and metadata around
 * it) and in several encodings, must parse to the seed's own cells where
 * the digits split one way only, and to blank cells named by a P5 finding
 * where they genuinely split several ways.  Which cells those are is
 * worked out here independently: table 2 by trying every way to cut its
 * runs, table 4 from which of its groups the seed leaves blank, table 3
 * is unique in every seed (checked by hand for seed 002).  Then the rows
 * of the issue given literally, a deliberately ambiguous table 3, and one
 * whose numbers break R3. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "gk-core.h"
#include "gk-digit-split.h"
#include "gk-report-scraped.h"
#include "gk-report-writer.h"
#include "gk-scraped.h"

static GHashTable *originals;  /* seed file name → GkReport */

typedef struct
{
  char           *seed;
  GkScrapedStyle  style;
} Case;

static void
case_free (gpointer data)
{
  Case *c = data;

  g_free (c->seed);
  g_free (c);
}

static GkReport *
parse_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GkReport *report = gk_parse_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static GkReport *
parse_original (const char *seed)
{
  GkReport *report = g_hash_table_lookup (originals, seed);

  if (report == NULL)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "seeds", seed, NULL);
      report = parse_path (path);
      g_hash_table_insert (originals, g_strdup (seed), report);
    }
  return report;
}

static GkReport *
parse_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "formats", name, NULL);
  return parse_path (path);
}

/* ---------------------------------------------------------------------- */
/* Table 2: every way to cut a run                                        */

typedef enum
{
  SYNTAX_COUNT,
  SYNTAX_SIGNED,
  SYNTAX_AMOUNT,
} Syntax;

static gboolean
valid_number (const char *s,
              gsize       n,
              Syntax      syntax)
{
  gsize i = 0, start;

  if (n == 1 && s[0] == '/')
    return TRUE;
  if (syntax == SYNTAX_SIGNED && n > 1 && (s[0] == '+' || s[0] == '-'))
    i = 1;
  start = i;
  while (i < n && g_ascii_isdigit (s[i]))
    i++;
  if (i == start || (s[start] == '0' && i - start > 1))
    return FALSE;
  if (i == n)
    return TRUE;
  if (syntax != SYNTAX_AMOUNT || s[i] != '.')
    return FALSE;
  start = ++i;
  while (i < n && g_ascii_isdigit (s[i]))
    i++;
  return i == n && i > start;
}

/* Which of a table 2 row's @n cells its run leaves open.  Every cut of
 * the run's characters is tried, every placement of the blanks: the
 * readings kept are those with the fewest blank cells, then the fewest
 * spaces inside a number; a cell is ambiguous when they disagree. */
static void
t2_oracle (const char   *run,
           const Syntax *syntax,
           guint         n,
           gboolean     *ambiguous,
           char        **unique)
{
  char atoms[64];
  gboolean space[64] = { FALSE, };
  guint m = 0;
  gboolean pending = FALSE;
  guint best_blanks = G_MAXUINT, best_crossings = G_MAXUINT;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (const char *p = run; *p; p++)
    {
      if (*p == ' ')
        pending = TRUE;
      else if (g_str_has_prefix (p, "\u3000"))
        {
          pending = TRUE;
          p += strlen ("\u3000") - 1;
        }
      else
        {
          g_assert_cmpuint (m, <, 20);
          space[m] = pending && m > 0;
          atoms[m++] = *p;
          pending = FALSE;
        }
    }

  for (guint cuts = 0; cuts < (m > 0 ? 1u << (m - 1) : 1u); cuts++)
    {
      guint starts[21], n_pieces = 0, crossings = 0;

      if (m > 0)
        {
          starts[n_pieces++] = 0;
          for (guint i = 1; i < m; i++)
            {
              if (cuts & (1u << (i - 1)))
                starts[n_pieces++] = i;
              else if (space[i])
                crossings++;
            }
        }
      starts[n_pieces] = m;
      if (n_pieces > n)
        continue;

      /* Which slots are blank: every subset of the right size. */
      for (guint blanks = 0; blanks < (1u << n); blanks++)
        {
          char **texts;
          guint piece = 0;
          gboolean ok = TRUE;
          guint n_blank = 0;

          for (guint c = 0; c < n; c++)
            n_blank += (blanks >> c) & 1;
          if (n_blank != n - n_pieces)
            continue;
          texts = g_new0 (char *, n + 1);
          for (guint c = 0; c < n; c++)
            {
              if (blanks & (1u << c))
                texts[c] = g_strdup ("");
              else
                {
                  gsize len = starts[piece + 1] - starts[piece];
                  ok = ok && valid_number (atoms + starts[piece], len, syntax[c]);
                  texts[c] = g_strndup (atoms + starts[piece], len);
                  piece++;
                }
            }

          if (!ok || n - n_pieces > best_blanks
              || (n - n_pieces == best_blanks && crossings > best_crossings))
            {
              g_strfreev (texts);
              continue;
            }
          if (n - n_pieces < best_blanks || crossings < best_crossings)
            {
              g_ptr_array_set_size (kept, 0);
              best_blanks = n - n_pieces;
              best_crossings = crossings;
            }
          g_ptr_array_add (kept, texts);
        }
    }

  g_assert_cmpuint (kept->len, >, 0);
  for (guint c = 0; c < n; c++)
    {
      const char *first = ((char **) g_ptr_array_index (kept, 0))[c];

      ambiguous[c] = FALSE;
      for (guint i = 1; i < kept->len; i++)
        if (strcmp (((char **) g_ptr_array_index (kept, i))[c], first) != 0)
          ambiguous[c] = TRUE;
      unique[c] = ambiguous[c] ? NULL : g_strdup (first);
    }
}

static Syntax
column_syntax (const char *column)
{
  if (strcmp (column, "change") == 0)
    return SYNTAX_SIGNED;
  if (strcmp (column, "amount") == 0)
    return SYNTAX_AMOUNT;
  return SYNTAX_COUNT;
}

/* The cells a scraped rendering of @original must leave ambiguous. */
static GHashTable *
expected_ambiguous (GkReport   *original,
                    GHashTable *t2_runs)
{
  GHashTable *expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GkTable *t2 = gk_report_get_table (original, GK_TABLE_2);
  GkTable *t4 = gk_report_get_table (original, GK_TABLE_4);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, t2_runs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *row = key;
      const char *base = g_str_has_prefix (row, "other_services.") ? "other_services" : row;
      guint n_rows, n = 0;
      const GkT2Row *rows = gk_keys_t2_rows (gk_table_get_template (t2), &n_rows);
      const char *columns[GK_T2_MAX_COLUMNS];
      Syntax syntax[GK_T2_MAX_COLUMNS];
      gboolean ambiguous[GK_T2_MAX_COLUMNS];
      char *unique[GK_T2_MAX_COLUMNS];

      for (guint i = 0; i < n_rows; i++)
        if (strcmp (rows[i].key, base) == 0)
          for (n = 0; rows[i].columns[n] != NULL; n++)
            {
              columns[n] = rows[i].columns[n];
              syntax[n] = column_syntax (columns[n]);
            }
      g_assert_cmpuint (n, >, 0);

      t2_oracle (value, syntax, n, ambiguous, unique);
      for (guint c = 0; c < n; c++)
        {
          if (ambiguous[c])
            g_hash_table_add (expected, g_strdup_printf ("t2/%s/%s", row, columns[c]));
          else
            {
              /* Where the digits allow one reading, it is the seed's. */
              GkCell *cell = gk_table_lookup (t2, row, columns[c]);
              g_assert_cmpstr (unique[c], ==, gk_cell_get_raw (cell));
            }
          g_free (unique[c]);
        }
    }

  /* Table 4: with a group blank in the seed, the digits make fewer than
   * three groups, and nothing tells which group is missing. */
  if (t4 != NULL)
    {
      guint n_rows, n_columns, groups = 0;
      const GkKeyLabel *rows = gk_keys_t4_rows (&n_rows);
      const GkKeyLabel *columns = gk_keys_t4_columns (&n_columns);

      for (guint r = 0; r < n_rows; r++)
        {
          gboolean whole = TRUE;
          for (guint c = 0; c < n_columns; c++)
            if (gk_cell_get_value_class (gk_table_lookup (t4, rows[r].key, columns[c].key)) == GK_VALUE_BLANK)
              whole = FALSE;
          groups += whole;
        }
      if (groups < n_rows)
        for (guint r = 0; r < n_rows; r++)
          for (guint c = 0; c < n_columns; c++)
            g_hash_table_add (expected, g_strdup_printf ("t4/%s/%s", rows[r].key, columns[c].key));
    }

  return expected;
}

/* ---------------------------------------------------------------------- */
/* Comparing                                                              */

static GHashTable *
finding_cells (GkReport   *report,
               const char *rule,
               guint      *n_findings)
{
  GHashTable *cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *findings = gk_report_get_findings (report);

  *n_findings = 0;
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(GkFinding) finding = g_list_model_get_item (findings, i);
      const char * const *keys;

      if (strcmp (gk_finding_get_rule (finding), rule) != 0)
        continue;
      (*n_findings)++;
      g_assert_cmpint (gk_finding_get_severity (finding), ==, GK_SEVERITY_WARNING);
      keys = gk_finding_get_cells (finding);
      for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
        g_hash_table_add (cells, g_strdup (keys[k]));
    }
  return cells;
}

/* The parser's own findings (P1–P4), as "rule:subject". */
static GHashTable *
parser_findings (GkReport *report)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *findings = gk_report_get_findings (report);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(GkFinding) finding = g_list_model_get_item (findings, i);
      const char *rule = gk_finding_get_rule (finding);

      if (rule[0] == 'P' && rule[1] >= '1' && rule[1] <= '4')
        g_hash_table_add (ids, gk_finding_dup_id (finding));
    }
  return ids;
}

static void
assert_same_keys (GHashTable *expected,
                  GHashTable *found,
                  const char *what)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (found, key))
      g_error ("%s: %s expected, missing", what, (const char *) key);
  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (expected, key))
      g_error ("%s: %s not expected", what, (const char *) key);
}

/* Every cell of @original: the same in @scraped, or blank and marked
 * ambiguous where @ambiguous says so. */
static void
compare_cells (GkReport   *original,
               GkReport   *scraped,
               GHashTable *ambiguous)
{
  for (GkTableId id = GK_TABLE_2; id <= GK_TABLE_4; id++)
    {
      GkTable *a = gk_report_get_table (original, id);
      GkTable *b = gk_report_get_table (scraped, id);

      g_assert_nonnull (a);
      g_assert_nonnull (b);
      g_assert_cmpuint (gk_table_get_n_cells (a), ==, gk_table_get_n_cells (b));
      if (id != GK_TABLE_4)
        g_assert_cmpint (gk_table_get_template (a), ==, gk_table_get_template (b));

      for (guint i = 0; i < gk_table_get_n_cells (a); i++)
        {
          GkCell *ca = gk_table_get_cell (a, i);
          GkCell *cb = gk_table_lookup (b, gk_cell_get_row (ca), gk_cell_get_column (ca));
          g_autofree char *key = gk_cell_dup_key (ca);

          if (cb == NULL)
            g_error ("%s is missing", key);
          if (g_hash_table_contains (ambiguous, key))
            {
              if (gk_cell_get_value_class (cb) != GK_VALUE_BLANK || !gk_cell_get_ambiguous (cb))
                g_error ("%s: expected a blank marked ambiguous, found “%s”", key, gk_cell_get_raw (cb));
              g_assert_false (gk_cell_has_value (cb));
              continue;
            }
          if (g_strcmp0 (gk_cell_get_raw (ca), gk_cell_get_raw (cb)) != 0)
            g_error ("%s: expected “%s”, found “%s”", key, gk_cell_get_raw (ca), gk_cell_get_raw (cb));
          g_assert_false (gk_cell_get_ambiguous (cb));
          g_assert_cmpint (gk_cell_get_value_class (ca), ==, gk_cell_get_value_class (cb));
          g_assert_cmpint (gk_cell_has_value (ca), ==, gk_cell_has_value (cb));
          g_assert_cmpfloat (gk_cell_get_value (ca), ==, gk_cell_get_value (cb));
          if (gk_cell_get_value_class (cb) != GK_VALUE_BLANK)
            g_assert_cmpuint (gk_cell_get_line (cb), >, 0);
        }
    }
}

static GkWriteEncoding
style_encoding (GkScrapedStyle style)
{
  switch (style)
    {
    case GK_SCRAPED_SPACES:        return GK_WRITE_UTF16LE_BOM;
    case GK_SCRAPED_FULL_WIDTH:    return GK_WRITE_GB18030;
    case GK_SCRAPED_ONE_LINE:      return GK_WRITE_UTF16BE_BOM;
    case GK_SCRAPED_PAGE:          return GK_WRITE_UTF8_BOM;
    case GK_SCRAPED_PAGE_ONE_LINE: return GK_WRITE_GB18030;
    case GK_SCRAPED_RUN_TOGETHER:
    default:                       return GK_WRITE_UTF8;
    }
}

static void
test_seed_style (gconstpointer data)
{
  const Case *c = data;
  GkReport *original = parse_original (c->seed);
  g_autoptr(GHashTable) t2_runs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *text = gk_report_write_scraped (original, c->style, g_str_hash (c->seed), t2_runs);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = gk_report_encode (text, style_encoding (c->style), &error);
  g_autoptr(GkReport) scraped = NULL;
  g_autoptr(GHashTable) expected = NULL;
  g_autoptr(GHashTable) p5 = NULL;
  g_autoptr(GHashTable) p6 = NULL;
  g_autoptr(GHashTable) ids_a = NULL;
  g_autoptr(GHashTable) ids_b = NULL;
  guint n_p5, n_p6;

  g_assert_no_error (error);

  /* The text is what the style says. */
  if (c->style == GK_SCRAPED_ONE_LINE || c->style == GK_SCRAPED_PAGE_ONE_LINE)
    g_assert_null (strchr (text, '\n'));
  if (c->style == GK_SCRAPED_FULL_WIDTH)
    g_assert_nonnull (strstr (text, "\u3000"));
  if (c->style == GK_SCRAPED_PAGE || c->style == GK_SCRAPED_PAGE_ONE_LINE)
    g_assert_true (g_str_has_prefix (text, "首页"));
  g_assert_null (strchr (text, '\t'));

  {
    g_autoptr(GPtrArray) rows = gk_layout_read (text);
    g_assert_true (gk_scraped_applies (rows));
  }

  scraped = gk_parse_bytes (bytes, c->seed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (scraped);

  g_assert_cmpstr (gk_report_get_agency (scraped), ==, gk_report_get_agency (original));
  g_assert_cmpint (gk_report_get_year (scraped), ==, gk_report_get_year (original));
  g_assert_cmpint (gk_report_get_template (scraped), ==, gk_report_get_template (original));
  g_assert_cmpfloat (gk_report_get_agency_confidence (scraped), >=, 0.9);

  expected = expected_ambiguous (original, t2_runs);
  compare_cells (original, scraped, expected);

  /* Exactly the expected cells are named by P5, and nothing was broken. */
  p5 = finding_cells (scraped, "P5", &n_p5);
  assert_same_keys (expected, p5, "P5");
  g_assert_cmpuint (n_p5, <=, 3);
  p6 = finding_cells (scraped, "P6", &n_p6);
  g_assert_cmpuint (n_p6, ==, 0);

  /* The parser finds in the rebuilt rows what it finds in the seed. */
  ids_a = parser_findings (original);
  ids_b = parser_findings (scraped);
  assert_same_keys (ids_a, ids_b, "parser findings");

  for (guint i = 0; i < GK_N_SECTIONS; i++)
    g_assert_cmpuint (gk_report_get_section_line (scraped, i), >, 0);
}

/* ---------------------------------------------------------------------- */

/* The layouts of the seeds are never scraped text. */
static void
test_applies_not_to_seeds (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "seeds", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) rows = NULL;
      GkReport *original = parse_original (name);

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      rows = gk_layout_read (text);
      g_assert_false (gk_scraped_applies (rows));

      /* Nor are the writer's layouts of them. */
      for (guint layout = 0; layout < GK_WRITE_N_LAYOUTS; layout++)
        {
          g_autofree char *written = gk_report_write (original, layout);
          g_autoptr(GPtrArray) written_rows = gk_layout_read (written);
          g_assert_false (gk_scraped_applies (written_rows));
        }
      n++;
    }
  g_assert_cmpuint (n, ==, 5);
}

/* Seed 002's table 3 as the issue quotes it: "一、本年新收政府信息公开申请
 * 数量192230001216" and the 部分公开 row "15 30 00 0 18", with other rows in
 * U+3000 and spaces, in a page with its chrome and metadata. */
static void
test_issue_rows (void)
{
  g_autoptr(GkReport) scraped = parse_fixture ("scraped-002-issue.txt");
  GkReport *original = parse_original ("002_7c3adba71c2c08c1.txt");
  GkTable *a = gk_report_get_table (original, GK_TABLE_3);
  GkTable *b = gk_report_get_table (scraped, GK_TABLE_3);
  g_autoptr(GHashTable) p5 = NULL;
  GkCell *cell;
  guint n;

  g_assert_cmpstr (gk_report_get_agency (scraped), ==, "北京市门头沟区政府");
  g_assert_cmpint (gk_report_get_year (scraped), ==, 2020);
  g_assert_cmpint (gk_report_get_template (scraped), ==, GK_TEMPLATE_2019);
  /* The title field, not the breadcrumb that ends in the same title. */
  g_assert_true (g_str_has_prefix (gk_report_get_agency_evidence (scraped), "标题"));

  g_assert_nonnull (b);
  g_assert_cmpuint (gk_table_get_n_cells (a), ==, gk_table_get_n_cells (b));
  for (guint i = 0; i < gk_table_get_n_cells (a); i++)
    {
      GkCell *ca = gk_table_get_cell (a, i);
      GkCell *cb = gk_table_lookup (b, gk_cell_get_row (ca), gk_cell_get_column (ca));
      g_autofree char *key = gk_cell_dup_key (ca);

      g_assert_nonnull (cb);
      if (g_strcmp0 (gk_cell_get_raw (ca), gk_cell_get_raw (cb)) != 0)
        g_error ("%s: expected “%s”, found “%s”", key, gk_cell_get_raw (ca), gk_cell_get_raw (cb));
      g_assert_false (gk_cell_get_ambiguous (cb));
    }

  cell = gk_report_lookup_cell (scraped, GK_TABLE_3, "partial", "commercial");
  g_assert_cmpfloat (gk_cell_get_value (cell), ==, 3);
  cell = gk_report_lookup_cell (scraped, GK_TABLE_3, "new", "total");
  g_assert_cmpfloat (gk_cell_get_value (cell), ==, 216);

  /* Table 2 with its cells spaced: read as written. */
  cell = gk_report_lookup_cell (scraped, GK_TABLE_2, "procurement", "amount");
  g_assert_cmpstr (gk_cell_get_raw (cell), ==, "81184.6411");
  cell = gk_report_lookup_cell (scraped, GK_TABLE_2, "other_services.行政确认", "prev_items");
  g_assert_cmpint (gk_cell_get_value_class (cell), ==, GK_VALUE_BLANK);
  g_assert_false (gk_cell_get_ambiguous (cell));

  /* Only table 4 is ambiguous: its 行政复议 group is blank. */
  p5 = finding_cells (scraped, "P5", &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (g_hash_table_size (p5), ==, 15);
  g_assert_true (g_hash_table_contains (p5, "t4/review/total"));
}

static GkFinding *
find_finding (GkReport   *report,
              const char *rule,
              const char *subject)
{
  GListModel *findings = gk_report_get_findings (report);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(GkFinding) finding = g_list_model_get_item (findings, i);
      if (strcmp (gk_finding_get_rule (finding), rule) == 0 && strcmp (gk_finding_get_subject (finding), subject) == 0)
        return finding;  /* the report holds it */
    }
  return NULL;
}

/* new, granted and total are each "110000011": 1|10|0|0|0|0|11 and
 * 11|0|0|0|0|0|11 both keep R1, R2 and R3.  The two cells that differ in
 * each row are left blank, nothing is picked. */
static void
test_ambiguous_t3 (void)
{
  g_autoptr(GkReport) report = parse_fixture ("scraped-ambiguous.txt");
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) p5 = NULL;
  static const char * const rows[] = { "new", "granted", "total" };
  GkFinding *finding;
  guint n;

  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      g_hash_table_add (expected, g_strdup_printf ("t3/%s/natural", rows[r]));
      g_hash_table_add (expected, g_strdup_printf ("t3/%s/commercial", rows[r]));
    }

  p5 = finding_cells (report, "P5", &n);
  g_assert_cmpuint (n, ==, 1);
  assert_same_keys (expected, p5, "P5");

  finding = find_finding (report, "P5", "t3:ambiguous");
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (gk_finding_get_message (finding), "1|10|0|0|0|0|11"));
  g_assert_nonnull (strstr (gk_finding_get_message (finding), "11|0|0|0|0|0|11"));
  g_assert_nonnull (strstr (gk_finding_get_found (finding), "110000011"));
  g_assert_null (find_finding (report, "P6", "t3:rules-broken"));

  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      GkCell *cell = gk_report_lookup_cell (report, GK_TABLE_3, rows[r], "natural");

      g_assert_cmpint (gk_cell_get_value_class (cell), ==, GK_VALUE_BLANK);
      g_assert_true (gk_cell_get_ambiguous (cell));
      /* The cells every split agrees on are kept. */
      cell = gk_report_lookup_cell (report, GK_TABLE_3, rows[r], "total");
      g_assert_cmpstr (gk_cell_get_raw (cell), ==, "11");
      g_assert_false (gk_cell_get_ambiguous (cell));
    }

  /* No guessed number enters a check: R3 of those rows cannot be assessed. */
  gk_checks_run (report);
  {
    GListModel *findings = gk_report_get_findings (report);
    gboolean r3_new = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
      {
        g_autoptr(GkFinding) f = g_list_model_get_item (findings, i);
        if (strcmp (gk_finding_get_rule (f), "R3") == 0 && gk_finding_involves (f, "t3/new/natural"))
          {
            g_assert_cmpint (gk_finding_get_status (f), ==, GK_FINDING_NOT_ASSESSABLE);
            r3_new = TRUE;
          }
      }
    g_assert_true (r3_new);
  }
}

/* new is printed "123000016": its cells sum to 15, not 16, and R1 fails
 * in the 总计 column.  No split keeps every rule; the one kept breaks the
 * fewest, and a P6 finding names them. */
static void
test_r3_broken (void)
{
  g_autoptr(GkReport) report = parse_fixture ("scraped-r3.txt");
  GkFinding *finding = find_finding (report, "P6", "t3:rules-broken");
  const char *message;
  guint n_columns;
  const GkKeyLabel *columns = gk_keys_t3_columns (&n_columns);
  static const char * const kept[] = { "12", "3", "0", "0", "0", "0", "16" };

  g_assert_nonnull (finding);
  g_assert_cmpint (gk_finding_get_severity (finding), ==, GK_SEVERITY_WARNING);
  message = gk_finding_get_message (finding);
  g_assert_nonnull (strstr (message, "R3"));
  g_assert_nonnull (strstr (message, "本年新收"));
  g_assert_nonnull (strstr (message, "R1"));
  g_assert_nonnull (strstr (gk_finding_get_found (finding), "123000016"));

  for (guint c = 0; c < n_columns; c++)
    {
      g_autofree char *key = g_strdup_printf ("t3/new/%s", columns[c].key);
      GkCell *cell = gk_report_lookup_cell (report, GK_TABLE_3, "new", columns[c].key);

      g_assert_true (gk_finding_involves (finding, key));
      g_assert_cmpstr (gk_cell_get_raw (cell), ==, kept[c]);
      g_assert_false (gk_cell_get_ambiguous (cell));
    }
  g_assert_true (gk_finding_involves (finding, "t3/total/total"));
  g_assert_false (gk_finding_involves (finding, "t3/granted/natural"));
  g_assert_null (find_finding (report, "P5", "t3:ambiguous"));
}

/* A run far too long to search is reported ambiguous, quickly. */
static void
test_too_many (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "formats", "scraped-ambiguous.txt", NULL);
  g_autofree char *text = NULL;
  g_autofree char *long_text = NULL;
  g_autoptr(GkReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GkFinding *finding;
  GkCell *cell;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  /* 上年结转 gets 49 digits instead of seven zeros. */
  {
    g_auto(GStrv) parts = g_strsplit (text, "二、上年结转政府信息公开申请数量0000000", 2);
    g_assert_nonnull (parts[1]);
    long_text = g_strconcat (parts[0], "二、上年结转政府信息公开申请数量",
                             "1234567891234567891234567891234567891234567891234", parts[1], NULL);
  }

  report = gk_parse_text (long_text, "long", &error);
  g_assert_no_error (error);
  finding = find_finding (report, "P5", "t3:ambiguous");
  g_assert_nonnull (finding);
  g_assert_true (gk_finding_involves (finding, "t3/carried_in/natural"));
  g_assert_nonnull (strstr (gk_finding_get_message (finding), "too many"));
  cell = gk_report_lookup_cell (report, GK_TABLE_3, "carried_in", "total");
  g_assert_true (gk_cell_get_ambiguous (cell));
  g_assert_false (gk_cell_has_value (cell));
}

/* The searches of one report share their steps: once a hostile run has
 * spent them, the next search gives up at once, and a report of many
 * such runs costs no more than one of a few. */
static void
test_split_budget (void)
{
  const char *hostile = "12345678912345678912345678912345678912";
  const char *plain = "1 2 3 4 5 6 21";
  g_autoptr(GkDigitRun) hard = gk_digit_run_new (hostile, strlen (hostile), 1);
  g_autoptr(GkDigitRun) easy = gk_digit_run_new (plain, strlen (plain), 2);
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (GkSplit));
  GkSplitBudget budget = { 5000 };
  GkSplitBudget plenty = { GK_SPLIT_REPORT_STEPS };

  /* Alone, the plain row has its one split, for a few steps. */
  g_assert_cmpint (gk_split_row_sum (easy, TRUE, 16, &plenty, out), ==, GK_SPLIT_OK);
  g_assert_cmpuint (out->len, ==, 1);
  g_assert_cmpuint (plenty.steps_left, <, GK_SPLIT_REPORT_STEPS);
  g_assert_cmpuint (plenty.steps_left, >, GK_SPLIT_REPORT_STEPS - 100);

  /* The hostile one takes all that is left, and says it gave up. */
  g_assert_cmpint (gk_split_row_sum (hard, FALSE, 1000000, &budget, out), ==, GK_SPLIT_TOO_MANY);
  g_assert_cmpuint (budget.steps_left, ==, 0);

  /* After it, nothing is searched: too many, no split. */
  g_assert_cmpint (gk_split_row_sum (easy, TRUE, 16, &budget, out), ==, GK_SPLIT_TOO_MANY);
  g_assert_cmpuint (out->len, ==, 0);
}

/* Prose that mentions a table 3 label and a number is not a table. */
static void
test_prose_only (void)
{
  const char *text =
    "某区2021年政府信息公开工作年度报告\n"
    "一、总体情况\n"
    "本年新收政府信息公开申请数量1234567件，上年结转政府信息公开申请数量12件。\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = gk_parse_text (text, "prose", &error);

  g_assert_null (report);
  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_NO_TABLES);
}

static GPtrArray *
list_seeds (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "seeds", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *seeds = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d != NULL)
    while ((name = g_dir_read_name (d)) != NULL)
      if (g_str_has_suffix (name, ".txt"))
        g_ptr_array_add (seeds, g_strdup (name));
  g_ptr_array_sort (seeds, (GCompareFunc) g_ascii_strcasecmp);
  return seeds;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) seeds = NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (case_free);
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  originals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  g_test_add_func ("/scraped/applies-not-to-seeds", test_applies_not_to_seeds);

  seeds = list_seeds ();
  for (guint i = 0; i < seeds->len; i++)
    for (guint style = 0; style < GK_SCRAPED_N_STYLES; style++)
      {
        Case *c = g_new0 (Case, 1);
        g_autofree char *path = NULL;

        c->seed = g_strdup (g_ptr_array_index (seeds, i));
        c->style = style;
        g_ptr_array_add (cases, c);
        path = g_strdup_printf ("/scraped/%.3s/%s", c->seed, gk_scraped_style_to_string (style));
        g_test_add_data_func (path, c, test_seed_style);
      }

  g_test_add_func ("/scraped/issue-rows", test_issue_rows);
  g_test_add_func ("/scraped/ambiguous-t3", test_ambiguous_t3);
  g_test_add_func ("/scraped/r3-broken", test_r3_broken);
  g_test_add_func ("/scraped/too-many", test_too_many);
  g_test_add_func ("/scraped/split-budget", test_split_budget);
  g_test_add_func ("/scraped/prose-only", test_prose_only);

  status = g_test_run ();
  g_hash_table_unref (originals);
  return status;
}
