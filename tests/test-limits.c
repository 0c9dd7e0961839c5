/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The safety limits of a parse: each is met with a clear error or a
 * finding, never with memory or time running out.  The size of a file and
 * the length of a cell are the parser's (GkParseLimits); nesting, zip
 * entries and pages are the format readers', tested here through
 * gk_parse_bytes() as a user meets them (skipped while a reader is not in
 * the build). */

#include "config.h"

#include <string.h>

#include "gk-core.h"
#include "gk-hostile.h"

static char *
load_seed (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "seeds", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static GkReport *
parse_with (const char          *text,
            gsize                length,
            const GkParseLimits *limits,
            GError             **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length);

  return gk_parse_bytes_with_limits (bytes, "limits.txt", limits, error);
}

static void
test_defaults (void)
{
  GkParseLimits limits;

  gk_parse_limits_init (&limits);
  g_assert_cmpuint (limits.max_size, ==, 64 * 1024 * 1024);
  g_assert_cmpuint (limits.max_cell_length, ==, GK_PARSE_DEFAULT_MAX_CELL_LENGTH);
}

/* ---------------------------------------------------------------------- */
/* The size of a file                                                     */

static void
test_size (void)
{
  g_autofree char *text = load_seed ("000_fd56001bfeaab35a.txt");
  gsize length = strlen (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = NULL;
  GkParseLimits limits;

  gk_parse_limits_init (&limits);

  /* Under the limit, and exactly at it, a file is read. */
  report = parse_with (text, length, &limits, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_clear_object (&report);

  limits.max_size = length;
  report = parse_with (text, length, &limits, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_clear_object (&report);

  /* One byte over, it is refused, and the message gives both sizes. */
  limits.max_size = length - 1;
  report = parse_with (text, length, &limits, &error);
  g_assert_null (report);
  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "6646 bytes"));
  g_assert_nonnull (strstr (error->message, "6645 bytes"));
  g_clear_error (&error);

  limits.max_size = 4 * 1024;
  report = parse_with (text, length, &limits, &error);
  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "the file is 6646 bytes, more than the 4 kB a report can be");
  g_clear_error (&error);

  /* The check callers make before they load a file says the same. */
  g_assert_true (gk_parse_limits_check_size (NULL, GK_PARSE_DEFAULT_MAX_SIZE, &error));
  g_assert_no_error (error);
  g_assert_false (gk_parse_limits_check_size (NULL, GK_PARSE_DEFAULT_MAX_SIZE + 1, &error));
  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "the file is 67108865 bytes, more than the 64 MB a report can be");
  g_clear_error (&error);
  g_assert_false (gk_parse_limits_check_size (NULL, G_GUINT64_CONSTANT (5) << 30, &error));
  g_assert_cmpstr (error->message, ==, "the file is 5120 MB, more than the 64 MB a report can be");
  g_clear_error (&error);
  limits.max_size = 10 * 1024 * 1024;
  g_assert_false (gk_parse_limits_check_size (&limits, 15 * 1024 * 1024 + 300 * 1024, &error));
  g_assert_cmpstr (error->message, ==, "the file is 15.3 MB, more than the 10 MB a report can be");
  g_clear_error (&error);
}

/* The default limit on bytes in memory: refused before anything is read
 * of them (calloc'd pages of zeros cost nothing until touched). */
static void
test_size_default (void)
{
  gsize length = GK_PARSE_DEFAULT_MAX_SIZE + 1;
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_malloc0 (length), length);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = gk_parse_bytes (bytes, "huge.txt", &error);

  g_assert_null (report);
  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_TOO_LARGE);
}

/* ---------------------------------------------------------------------- */
/* The length of a cell                                                   */

static GkFinding *
find_finding (GkReport   *report,
              const char *subject_prefix)
{
  GListModel *findings = gk_report_get_findings (report);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(GkFinding) finding = g_list_model_get_item (findings, i);

      if (g_str_has_prefix (gk_finding_get_subject (finding), subject_prefix))
        return finding;  /* the report holds it */
    }
  return NULL;
}

/* The longest text of a cell of table 3. */
static glong
longest_cell (GkReport *report)
{
  GkTable *table = gk_report_get_table (report, GK_TABLE_3);
  glong longest = 0;

  g_assert_nonnull (table);
  for (guint i = 0; i < gk_table_get_n_cells (table); i++)
    longest = MAX (longest, g_utf8_strlen (gk_cell_get_raw (gk_table_get_cell (table, i)), -1));
  return longest;
}

/* A number of 5000 digits: no count (a double would be infinite), so text,
 * cut to the limit like any text, and said so. */
static void
test_cell_length (void)
{
  g_autofree char *digits = g_strnfill (5000, '7');
  g_autofree char *text = gk_hostile_new_row (digits, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = NULL;
  GkParseLimits limits;
  GkFinding *finding;

  gk_parse_limits_init (&limits);

  report = parse_with (text, strlen (text), &limits, &error);
  g_assert_no_error (error);
  g_assert_cmpint (longest_cell (report), <=, GK_PARSE_DEFAULT_MAX_CELL_LENGTH);
  g_assert_cmpuint (gk_table_get_n_cells (gk_report_get_table (report, GK_TABLE_3)), ==, 25 * 7);

  finding = find_finding (report, "t3:long@62:");
  g_assert_nonnull (finding);
  g_assert_cmpint (gk_finding_get_severity (finding), ==, GK_SEVERITY_WARNING);
  g_assert_cmpuint (gk_finding_get_line (finding), ==, 62);
  g_assert_cmpstr (gk_finding_get_message (finding), ==,
                   "Table 3, line 62: a cell holds 5000 characters, more than the 1000 a cell can hold; only the first 1000 were kept");

  /* Unparsed, the cell was text: never a number out of range. */
  {
    double value;
    gboolean has_value, is_integer;

    g_assert_cmpint (gk_cell_classify (digits, &value, &has_value, &is_integer), ==, GK_VALUE_TEXT);
    g_assert_false (has_value);
  }
}

/* A count written with 4999 leading zeros is a count, 7: cut, it would be
 * 0, so it is left blank, with a finding.  Under a higher limit it is kept
 * whole. */
static void
test_value_length (void)
{
  g_autofree char *zeros = g_strnfill (4999, '0');
  g_autofree char *number = g_strconcat (zeros, "7", NULL);
  g_autofree char *text = gk_hostile_new_row (number, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = NULL;
  GkParseLimits limits;
  GkFinding *finding;
  GkCell *cell;

  gk_parse_limits_init (&limits);

  report = parse_with (text, strlen (text), &limits, &error);
  g_assert_no_error (error);
  /* Its row lost a value (which of its cells is blank depends on how the
   * row's blanks line up), and no cell is the cut number. */
  g_assert_cmpint (longest_cell (report), <, 1000);
  for (guint i = 0; i < gk_table_get_n_cells (gk_report_get_table (report, GK_TABLE_3)); i++)
    g_assert_cmpfloat (gk_cell_get_value (gk_table_get_cell (gk_report_get_table (report, GK_TABLE_3), i)), !=, 7);
  finding = find_finding (report, "t3:long@62:");
  g_assert_nonnull (finding);
  g_assert_cmpstr (gk_finding_get_message (finding), ==,
                   "Table 3, line 62: a cell holds 5000 characters, more than the 1000 a cell can hold; it was left blank");
  g_clear_object (&report);

  /* The limit is the caller's. */
  limits.max_cell_length = 5000;
  report = parse_with (text, strlen (text), &limits, &error);
  g_assert_no_error (error);
  cell = gk_report_lookup_cell (report, GK_TABLE_3, "new", "total");
  g_assert_cmpstr (gk_cell_get_raw (cell), ==, number);
  g_assert_cmpfloat (gk_cell_get_value (cell), ==, 7);
  g_assert_null (find_finding (report, "t3:long@"));
}

/* A label far longer than any of the templates' is cut too, and still
 * known by its first words: the tables are what they were. */
static void
test_label_length (void)
{
  g_autoptr(GString) tail = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *plain = gk_hostile_new_row (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = NULL;
  g_autoptr(GkReport) expected = NULL;
  GkTable *table, *expected_table;

  for (guint i = 0; i < 3000; i++)
    g_string_append (tail, "很");
  text = gk_hostile_new_row (NULL, tail->str);

  report = gk_parse_text (text, "long-label.txt", &error);
  g_assert_no_error (error);
  expected = gk_parse_text (plain, "plain.txt", &error);
  g_assert_no_error (error);

  table = gk_report_get_table (report, GK_TABLE_3);
  expected_table = gk_report_get_table (expected, GK_TABLE_3);
  g_assert_cmpuint (gk_table_get_n_cells (table), ==, gk_table_get_n_cells (expected_table));
  for (guint i = 0; i < gk_table_get_n_cells (table); i++)
    g_assert_cmpstr (gk_cell_get_raw (gk_table_get_cell (table, i)), ==,
                     gk_cell_get_raw (gk_table_get_cell (expected_table, i)));
  g_assert_nonnull (find_finding (report, "t3:long@62:0"));
}

/* ---------------------------------------------------------------------- */
/* What a report may hold                                                 */

/* Seed 002 (2019 template: 其他对外管理服务事项 split into 行政检查 and
 * 行政确认) with @n more named items after them, each named from @first
 * on, so that calls with other @first give names never seen before. */
static char *
seed_with_items (guint n,
                 guint first)
{
  g_autofree char *seed = load_seed ("002_7c3adba71c2c08c1.txt");
  const char *anchor = "\t行政确认\t+6\t12719\n";
  const char *at = strstr (seed, anchor);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_nonnull (at);
  g_string_append_len (text, seed, at - seed + strlen (anchor));
  for (guint i = 0; i < n; i++)
    {
      guint k = first + i;
      /* Names of CJK characters only: digits would read as values. */
      g_string_append (text, "\t事项");
      for (guint d = 0; d < 4; d++)
        g_string_append_unichar (text, 0x4E00 + ((k >> (5 * d)) & 31));
      g_string_append (text, "\t3\t+1\t5\n");
    }
  g_string_append (text, at + strlen (anchor));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static guint
count_items (GkReport *report)
{
  g_autoptr(GPtrArray) rows = gk_table_dup_row_keys (gk_report_get_table (report, GK_TABLE_2));
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    n += g_str_has_prefix (g_ptr_array_index (rows, i), "other_services.");
  return n;
}

/* Table 2 keeps at most GK_PARSE_MAX_T2_ITEMS named items, the first
 * ones, and says how many rows it left out. */
static void
test_t2_items (void)
{
  g_autofree char *text = seed_with_items (GK_PARSE_MAX_T2_ITEMS + 50, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = gk_parse_text (text, "items.txt", &error);
  GkFinding *finding;

  g_assert_no_error (error);
  g_assert_cmpuint (count_items (report), ==, GK_PARSE_MAX_T2_ITEMS);
  /* The report's own items are the first, and whole. */
  g_assert_cmpstr (gk_cell_get_raw (gk_report_lookup_cell (report, GK_TABLE_2, "other_services.行政检查", "decisions")), ==, "131690");
  g_assert_cmpstr (gk_cell_get_raw (gk_report_lookup_cell (report, GK_TABLE_2, "other_services.行政确认", "decisions")), ==, "12719");
  g_assert_cmpstr (gk_cell_get_raw (gk_report_lookup_cell (report, GK_TABLE_2, "penalty", "decisions")), ==, "9032");

  finding = find_finding (report, "t2:items");
  g_assert_nonnull (finding);
  g_assert_cmpstr (gk_finding_get_rule (finding), ==, "P7");
  g_assert_nonnull (strstr (gk_finding_get_message (finding), "more than 100 items"));
  g_assert_nonnull (strstr (gk_finding_get_message (finding), "the 52 rows of the others"));

  /* At the limit, nothing is left out. */
  g_clear_object (&report);
  g_free (text);
  text = seed_with_items (GK_PARSE_MAX_T2_ITEMS - 2, 0);
  report = gk_parse_text (text, "items.txt", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_items (report), ==, GK_PARSE_MAX_T2_ITEMS);
  g_assert_null (find_finding (report, "t2:items"));
}

/* The names of table 2's items come from the file: they are not interned
 * (an interned string lives as long as the process), and the copies the
 * cells hold go with the last of them.  Reports of names never seen
 * before, one after another, leave nothing behind. */
static void
test_t2_names_not_kept (void)
{
  guint before = gk_cell_n_pooled_keys ();

  for (guint r = 0; r < 20; r++)
    {
      g_autofree char *text = seed_with_items (GK_PARSE_MAX_T2_ITEMS - 2, 1000 + r * GK_PARSE_MAX_T2_ITEMS);
      g_autoptr(GError) error = NULL;
      g_autoptr(GkReport) report = gk_parse_text (text, "names.txt", &error);
      g_autoptr(GPtrArray) rows = NULL;

      g_assert_no_error (error);
      rows = gk_table_dup_row_keys (gk_report_get_table (report, GK_TABLE_2));
      for (guint i = 0; i < rows->len; i++)
        {
          const char *row = g_ptr_array_index (rows, i);

          if (g_str_has_prefix (row, "other_services.事项"))
            g_assert_cmpuint (g_quark_try_string (row), ==, 0);
        }
      /* The report's own names and the names added. */
      g_assert_cmpuint (gk_cell_n_pooled_keys (), ==, before + GK_PARSE_MAX_T2_ITEMS);
      /* Cells of the same row share their key. */
      g_assert_true (gk_report_lookup_cell (report, GK_TABLE_2, "other_services.行政检查", "decisions") != NULL);
    }

  g_assert_cmpuint (gk_cell_n_pooled_keys (), ==, before);
}

/* A table keeps GK_PARSE_MAX_TABLE_ROWS rows. */
static void
test_table_rows (void)
{
  g_autofree char *seed = load_seed ("002_7c3adba71c2c08c1.txt");
  const char *anchor = "规章\t0\t0\t0\n";
  const char *at = strstr (seed, anchor);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = NULL;
  GkFinding *finding;

  g_assert_nonnull (at);
  g_string_append_len (text, seed, at - seed);
  for (guint i = 0; i < GK_PARSE_MAX_TABLE_ROWS + 500; i++)
    g_string_append (text, "规章\t0\t0\t0\n");
  g_string_append (text, at);

  report = gk_parse_text (text->str, "rows.txt", &error);
  g_assert_no_error (error);
  finding = find_finding (report, "t2:rows");
  g_assert_nonnull (finding);
  g_assert_cmpstr (gk_finding_get_rule (finding), ==, "P7");
  /* The table's rows after the first thousand: the 501 added past it and
   * the seed's own below them. */
  g_assert_nonnull (strstr (gk_finding_get_message (finding), "more than 1000 rows"));
  g_assert_cmpstr (gk_cell_get_raw (gk_report_lookup_cell (report, GK_TABLE_2, "rules", "made")), ==, "0");
  /* The other tables are whole. */
  g_assert_cmpuint (gk_table_get_n_cells (gk_report_get_table (report, GK_TABLE_4)), ==, 15);
  g_assert_null (find_finding (report, "t3:rows"));
}

/* A section keeps GK_PARSE_MAX_SECTION_LENGTH bytes of prose, cut where a
 * character starts. */
static void
test_section_length (void)
{
  g_autofree char *seed = load_seed ("002_7c3adba71c2c08c1.txt");
  const char *anchor = "二、主动公开政府信息情况";
  const char *at = strstr (seed, anchor);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = NULL;
  const char *section;
  GkFinding *finding;

  g_assert_nonnull (at);
  g_string_append_len (text, seed, at - seed);
  /* 2 MB of prose in section 一, in paragraphs of 3-byte characters. */
  for (guint p = 0; p < 700; p++)
    {
      for (guint i = 0; i < 1000; i++)
        g_string_append (text, "很");
      g_string_append (text, "。\n");
    }
  g_string_append (text, at);

  report = gk_parse_text (text->str, "prose.txt", &error);
  g_assert_no_error (error);
  section = gk_report_get_section (report, 0);
  g_assert_nonnull (section);
  g_assert_cmpuint (strlen (section), <=, GK_PARSE_MAX_SECTION_LENGTH);
  g_assert_cmpuint (strlen (section), >, GK_PARSE_MAX_SECTION_LENGTH - 4);
  g_assert_true (g_utf8_validate (section, -1, NULL));
  finding = find_finding (report, "section1:length");
  g_assert_nonnull (finding);
  g_assert_cmpstr (gk_finding_get_rule (finding), ==, "P7");
  /* The tables after it are read. */
  g_assert_cmpstr (gk_cell_get_raw (gk_report_lookup_cell (report, GK_TABLE_2, "penalty", "decisions")), ==, "9032");
  g_assert_null (find_finding (report, "section2:length"));
}

/* More lines than a report has is refused before they become rows; blank
 * lines do not count. */
static void
test_rows (void)
{
  g_autofree char *seed = load_seed ("002_7c3adba71c2c08c1.txt");
  g_autoptr(GString) text = g_string_new (seed);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = NULL;

  for (guint i = 0; i < GK_PARSE_MAX_ROWS; i++)
    g_string_append (text, "\n  \n");
  report = gk_parse_text (text->str, "blank.txt", &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_clear_object (&report);

  for (guint i = 0; i < GK_PARSE_MAX_ROWS; i++)
    g_string_append (text, "1\n");
  report = gk_parse_text (text->str, "lines.txt", &error);
  g_assert_null (report);
  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "more than the 100000 a report can have"));
}

/* Past GK_PARSE_MAX_FINDINGS findings of the parse, one more says so and
 * the rest are not kept: here a thousand cells too long in table 2. */
static void
test_findings (void)
{
  g_autofree char *seed = load_seed ("002_7c3adba71c2c08c1.txt");
  const char *anchor = "规章\t0\t0\t0\n";
  const char *at = strstr (seed, anchor);
  g_autofree char *label = g_strnfill (GK_PARSE_DEFAULT_MAX_CELL_LENGTH + 1, 'x');
  g_autofree char *digits = g_strnfill (GK_PARSE_DEFAULT_MAX_CELL_LENGTH + 1, '1');
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = NULL;
  GListModel *findings;
  guint n_long = 0;

  g_assert_nonnull (at);
  g_string_append_len (text, seed, at - seed);
  /* Two cells too long a row: a label (cut) and a value (left blank). */
  for (guint i = 0; i < GK_PARSE_MAX_FINDINGS / 2 + 10; i++)
    g_string_append_printf (text, "%s\t%s\t2\t3\n", label, digits);
  g_string_append (text, at);

  report = gk_parse_text (text->str, "findings.txt", &error);
  g_assert_no_error (error);
  findings = gk_report_get_findings (report);
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, GK_PARSE_MAX_FINDINGS + 1);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(GkFinding) finding = g_list_model_get_item (findings, i);
      n_long += strcmp (gk_finding_get_rule (finding), "P4") == 0;
    }
  g_assert_cmpuint (n_long, >, 900);
  g_assert_nonnull (find_finding (report, "limit:findings"));
}

/* ---------------------------------------------------------------------- */
/* The format readers' limits                                             */

/* Parses @bytes; returns NULL with the test skipped when the format's
 * reader is not in this build yet. */
static gboolean
parse_hostile (GBytes     *bytes,
               const char *name,
               GError    **error)
{
  g_autoptr(GkReport) report = gk_parse_bytes (bytes, name, error);

  if (report != NULL)
    return TRUE;

  g_assert_nonnull (*error);
  g_assert_true ((*error)->domain == GK_PARSE_ERROR);
  g_assert_cmpstr ((*error)->message, !=, "");
  g_test_message ("%s: %s", name, (*error)->message);
  return FALSE;
}

static gboolean
reader_missing (const GError *error)
{
  if (g_error_matches (error, GK_PARSE_ERROR, GK_PARSE_ERROR_UNSUPPORTED))
    {
      g_test_skip ("the reader of this format is not in this build");
      return TRUE;
    }
  return FALSE;
}

/* Elements nested far deeper than any page: a reader that walks the tree
 * by recursion would run out of stack. */
static void
test_html_nesting (void)
{
  g_autoptr(GBytes) bytes = gk_hostile_deep_html (100000);
  g_autoptr(GError) error = NULL;

  if (parse_hostile (bytes, "deep.html", &error) || reader_missing (error))
    return;
  /* Either refused for its depth, or read without the depths: never a
   * crash. */
  g_assert_true (error->code == GK_PARSE_ERROR_LIMIT || error->code == GK_PARSE_ERROR_NO_TABLES
                 || error->code == GK_PARSE_ERROR_CORRUPT);
}

/* A Word document whose body inflates from some 130 kB to 128 MB: the
 * reader must stop long before, and say it refused a zip bomb. */
static void
test_docx_bomb (void)
{
  g_autoptr(GBytes) bytes = gk_hostile_docx_bomb (128);
  g_autoptr(GError) error = NULL;

  g_assert_false (parse_hostile (bytes, "bomb.docx", &error));
  if (reader_missing (error))
    return;
  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT);
}

/* A PDF of 50,000 empty pages, 5 MB: far more pages than a report has. */
static void
test_pdf_pages (void)
{
  g_autoptr(GBytes) bytes = gk_hostile_pdf_pages (50000);
  g_autoptr(GError) error = NULL;

  g_assert_false (parse_hostile (bytes, "pages.pdf", &error));
  if (reader_missing (error))
    return;
  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT);
}

/* A small PDF whose cross-reference /Size, or an object's number, claims
 * millions of objects: refused before poppler makes a table that size
 * (over a second for 8 million, a timeout found by fuzz-pdf).  The same
 * PDF with its true /Size gets past that check. */
static void
test_pdf_objects (void)
{
  g_autoptr(GBytes) pages = gk_hostile_pdf_pages (1);
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (pages, NULL), g_bytes_get_size (pages));
  g_autoptr(GString) numbered = NULL;
  g_autoptr(GBytes) claimed = NULL;
  g_autoptr(GBytes) renumbered = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(GError) error3 = NULL;

  /* The honest one: not refused for its objects (it has no text). */
  g_assert_false (parse_hostile (pages, "one.pdf", &error));
  if (reader_missing (error))
    return;
  g_assert_false (g_error_matches (error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT));

  numbered = g_string_new (text->str);
  g_assert_cmpuint (g_string_replace (text, "/Size 4 ", "/Size 8485377 ", 1), ==, 1);
  claimed = g_bytes_new (text->str, text->len);
  g_assert_false (parse_hostile (claimed, "size.pdf", &error2));
  g_assert_error (error2, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT);

  g_assert_cmpuint (g_string_replace (numbered, "3 0 obj", "9999999 0 obj", 1), ==, 1);
  renumbered = g_bytes_new (numbered->str, numbered->len);
  g_assert_false (parse_hostile (renumbered, "number.pdf", &error3));
  g_assert_error (error3, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/limits/defaults", test_defaults);
  g_test_add_func ("/limits/size", test_size);
  g_test_add_func ("/limits/size-default", test_size_default);
  g_test_add_func ("/limits/cell-length", test_cell_length);
  g_test_add_func ("/limits/value-length", test_value_length);
  g_test_add_func ("/limits/label-length", test_label_length);
  g_test_add_func ("/limits/t2-items", test_t2_items);
  g_test_add_func ("/limits/t2-names-not-kept", test_t2_names_not_kept);
  g_test_add_func ("/limits/table-rows", test_table_rows);
  g_test_add_func ("/limits/section-length", test_section_length);
  g_test_add_func ("/limits/rows", test_rows);
  g_test_add_func ("/limits/findings", test_findings);
  g_test_add_func ("/limits/html-nesting", test_html_nesting);
  g_test_add_func ("/limits/docx-zip-bomb", test_docx_bomb);
  g_test_add_func ("/limits/pdf-pages", test_pdf_pages);
  g_test_add_func ("/limits/pdf-objects", test_pdf_objects);

  return g_test_run ();
}
