/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-roundtrip.c: every seed, parsed, written back in every layout and
 * every encoding, and parsed again, must give the same report: the same
 * agency, year and template and the same cells (row, column, normalised raw
 * text, class, value).  A report whose tables use different layouts must
 * parse the same too. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "gk-core.h"
#include "gk-report-writer.h"

#define MAX_MISMATCHES 25

typedef struct
{
  char          *seed;      /* file name, e.g. "000_fd56001bfeaab35a.txt" */
  gboolean       mixed;
  GkWriteLayout  layouts[3]; /* t2, t3, t4 */
  GkWriteEncoding encoding;
} Case;

static GHashTable *originals;  /* seed file name → GkReport, or absent */

static GPtrArray *list_seeds (void);

static void
case_free (gpointer data)
{
  Case *c = data;

  g_free (c->seed);
  g_free (c);
}

static char *
seed_path (const char *seed)
{
  return g_test_build_filename (G_TEST_DIST, "data", "seeds", seed, NULL);
}

/* Parses a seed once; every case of that seed compares against it. */
static GkReport *
parse_original (const char *seed)
{
  GkReport *report = g_hash_table_lookup (originals, seed);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (report != NULL)
    return report;

  path = seed_path (seed);
  file = g_file_new_for_path (path);
  report = gk_parse_file (file, NULL, &error);
  if (report == NULL)
    {
      g_test_fail_printf ("the seed %s does not parse: %s", seed,
                          error != NULL ? error->message : "no report and no error");
      return NULL;
    }

  g_hash_table_insert (originals, g_strdup (seed), report);
  return report;
}

static char *
normalized_raw (GkCell *cell)
{
  return gk_normalize_compact (gk_cell_get_raw (cell));
}

static void
add_mismatch (GString    *diff,
              guint      *n,
              const char *format,
              ...) G_GNUC_PRINTF (3, 4);

static void
add_mismatch (GString    *diff,
              guint      *n,
              const char *format,
              ...)
{
  va_list args;

  (*n)++;
  if (*n > MAX_MISMATCHES)
    return;

  va_start (args, format);
  g_string_append_vprintf (diff, format, args);
  va_end (args);
  g_string_append_c (diff, '\n');
}

static void
compare_cells (GkCell  *a,
               GkCell  *b,
               GString *diff,
               guint   *n)
{
  g_autofree char *key = gk_cell_dup_key (a);
  g_autofree char *raw_a = normalized_raw (a);
  g_autofree char *raw_b = normalized_raw (b);

  if (g_strcmp0 (raw_a, raw_b) != 0)
    add_mismatch (diff, n, "%s: raw \"%s\" became \"%s\"", key, raw_a, raw_b);
  if (gk_cell_get_value_class (a) != gk_cell_get_value_class (b))
    add_mismatch (diff, n, "%s: class %s became %s", key,
                  gk_value_class_to_string (gk_cell_get_value_class (a)),
                  gk_value_class_to_string (gk_cell_get_value_class (b)));
  if (gk_cell_has_value (a) != gk_cell_has_value (b)
      || gk_cell_get_value (a) != gk_cell_get_value (b))
    add_mismatch (diff, n, "%s: value %s%g became %s%g", key,
                  gk_cell_has_value (a) ? "" : "(none) ", gk_cell_get_value (a),
                  gk_cell_has_value (b) ? "" : "(none) ", gk_cell_get_value (b));
}

static void
compare_tables (GkReport  *original,
                GkReport  *reparsed,
                GkTableId  id,
                GString   *diff,
                guint     *n)
{
  GkTable *a = gk_report_get_table (original, id);
  GkTable *b = gk_report_get_table (reparsed, id);
  const char *name = gk_table_id_to_key (id);

  if (a == NULL || b == NULL)
    {
      if (a != b)
        add_mismatch (diff, n, "%s: %s in the original, %s after the round trip",
                      name, a ? "present" : "absent", b ? "present" : "absent");
      return;
    }

  if (gk_table_get_template (a) != gk_table_get_template (b))
    add_mismatch (diff, n, "%s: template %s became %s", name,
                  gk_template_to_string (gk_table_get_template (a)),
                  gk_template_to_string (gk_table_get_template (b)));

  for (guint i = 0; i < gk_table_get_n_cells (a); i++)
    {
      GkCell *ca = gk_table_get_cell (a, i);
      GkCell *cb = gk_table_lookup (b, gk_cell_get_row (ca), gk_cell_get_column (ca));

      if (cb == NULL)
        {
          g_autofree char *key = gk_cell_dup_key (ca);
          g_autofree char *raw = normalized_raw (ca);
          add_mismatch (diff, n, "%s (\"%s\"): lost in the round trip", key, raw);
          continue;
        }
      compare_cells (ca, cb, diff, n);
    }

  for (guint i = 0; i < gk_table_get_n_cells (b); i++)
    {
      GkCell *cb = gk_table_get_cell (b, i);

      if (gk_table_lookup (a, gk_cell_get_row (cb), gk_cell_get_column (cb)) == NULL)
        {
          g_autofree char *key = gk_cell_dup_key (cb);
          g_autofree char *raw = normalized_raw (cb);
          add_mismatch (diff, n, "%s (\"%s\"): appeared in the round trip", key, raw);
        }
    }
}

/* Keeps the text that failed to round-trip, so it can be read. */
static void
keep_text (const Case *c,
           const char *text)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  name = g_strdup_printf ("gk-roundtrip-%.3s-%s-%s-%s-%s.txt", c->seed,
                          gk_write_layout_to_string (c->layouts[0]),
                          gk_write_layout_to_string (c->layouts[1]),
                          gk_write_layout_to_string (c->layouts[2]),
                          gk_write_encoding_to_string (c->encoding));
  path = g_build_filename (g_get_tmp_dir (), name, NULL);
  if (g_file_set_contents (path, text, -1, NULL))
    g_test_message ("the written text (UTF-8) is in %s", path);
}

static void
test_roundtrip (gconstpointer data)
{
  const Case *c = data;
  GkReport *original = parse_original (c->seed);
  g_autoptr(GkReport) reparsed = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) diff = g_string_new (NULL);
  g_autofree char *text = NULL;
  guint n = 0;

  if (original == NULL)
    return;

  text = gk_report_write_mixed (original, c->layouts[0], c->layouts[1], c->layouts[2]);
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));

  bytes = gk_report_encode (text, c->encoding, &error);
  g_assert_no_error (error);

  reparsed = gk_parse_bytes (bytes, c->seed, &error);
  if (reparsed == NULL)
    {
      keep_text (c, text);
      g_test_fail_printf ("the written text does not parse: %s",
                          error != NULL ? error->message : "no report and no error");
      return;
    }

  if (g_strcmp0 (gk_report_get_agency (original), gk_report_get_agency (reparsed)) != 0)
    add_mismatch (diff, &n, "agency \"%s\" became \"%s\"",
                  gk_report_get_agency (original), gk_report_get_agency (reparsed));
  if (gk_report_get_year (original) != gk_report_get_year (reparsed))
    add_mismatch (diff, &n, "year %d became %d",
                  gk_report_get_year (original), gk_report_get_year (reparsed));
  if (gk_report_get_template (original) != gk_report_get_template (reparsed))
    add_mismatch (diff, &n, "template %s became %s",
                  gk_template_to_string (gk_report_get_template (original)),
                  gk_template_to_string (gk_report_get_template (reparsed)));

  compare_tables (original, reparsed, GK_TABLE_2, diff, &n);
  compare_tables (original, reparsed, GK_TABLE_3, diff, &n);
  compare_tables (original, reparsed, GK_TABLE_4, diff, &n);

  if (n > MAX_MISMATCHES)
    g_string_append_printf (diff, "… and %u more\n", n - MAX_MISMATCHES);
  if (n > 0)
    keep_text (c, text);

  if (n > 0)
    {
      g_auto(GStrv) lines = g_strsplit (diff->str, "\n", -1);

      /* As TAP comments, one per line, so the test log stays valid TAP. */
      for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
        g_test_message ("%s", lines[i]);
      g_test_fail_printf ("%u differences after the round trip (listed above)", n);
    }
}

/* The round trip only means something if the seed's tables were read. */
static void
test_seeds_present (void)
{
  g_autoptr(GPtrArray) seeds = list_seeds ();

  g_assert_cmpuint (seeds->len, >=, 5);
}

static void
test_original (gconstpointer data)
{
  const char *seed = data;
  GkReport *original = parse_original (seed);
  GkTable *t2, *t3, *t4;

  if (original == NULL)
    return;

  t2 = gk_report_get_table (original, GK_TABLE_2);
  t3 = gk_report_get_table (original, GK_TABLE_3);
  t4 = gk_report_get_table (original, GK_TABLE_4);
  g_assert_nonnull (t2);
  g_assert_nonnull (t3);
  g_assert_nonnull (t4);
  /* Seeds are complete reports: 161 (2019) or 175 (2021) cells in table 3. */
  if (t3 != NULL)
    g_assert_cmpuint (gk_table_get_n_cells (t3), >=, 161);
  if (t4 != NULL)
    g_assert_cmpuint (gk_table_get_n_cells (t4), ==, 15);
  g_assert_cmpint (gk_report_get_year (original), >=, 2019);
  g_assert_true (gk_report_get_template (original) == GK_TEMPLATE_2019 ||
                 gk_report_get_template (original) == GK_TEMPLATE_2021);
}

/* The writer itself, independent of the parser: a report built by hand is
 * written with its blank cells as empty fields, its labels as the template
 * prints them, and encodes to bytes that decode back to the same text. */
static void
test_writer (void)
{
  g_autoptr(GkReport) report = gk_report_new ();
  g_autoptr(GkTable) t4 = gk_table_new (GK_TABLE_4, GK_TEMPLATE_2021);
  g_autoptr(GkTable) t3 = gk_table_new (GK_TABLE_3, GK_TEMPLATE_2021);
  const GkKeyLabel *rows, *columns;
  guint n_rows, n_columns;
  g_autofree char *tsv = NULL;
  g_autofree char *pipe = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *block = NULL;

  gk_report_set_agency (report, "测试区人民政府办公室", NULL, 1, 1.0);
  gk_report_set_year (report, 2021, NULL, 1, 1.0);
  gk_report_set_template (report, GK_TEMPLATE_2021);
  gk_report_set_section (report, 0, "第一段。\n\n\t第二段|含竖线。", 5);

  rows = gk_keys_t3_rows (GK_TEMPLATE_2021, &n_rows);
  columns = gk_keys_t3_columns (&n_columns);
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      {
        g_autoptr(GkCell) cell = gk_cell_new (GK_TABLE_3, rows[r].key, columns[c].key,
                                              c == 0 ? "" : "1", 0);
        gk_table_add_cell (t3, cell);
      }
  gk_report_set_table (report, t3);

  rows = gk_keys_t4_rows (&n_rows);
  columns = gk_keys_t4_columns (&n_columns);
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      {
        g_autoptr(GkCell) cell = gk_cell_new (GK_TABLE_4, rows[r].key, columns[c].key,
                                              r == 0 ? "" : "2", 0);
        gk_table_add_cell (t4, cell);
      }
  gk_report_set_table (report, t4);

  tsv = gk_report_write (report, GK_WRITE_TSV);
  g_assert_true (g_str_has_prefix (tsv, "测试区人民政府办公室2021年政府信息公开工作年度报告\n"));
  g_assert_nonnull (strstr (tsv, "\n一、总体情况\n第一段。\n\n第二段｜含竖线。\n"));
  g_assert_nonnull (strstr (tsv, "\n六、其他需要报告的事项\n"));
  g_assert_nonnull (strstr (tsv, "\n一、本年新收政府信息公开申请数量\t\t1\t1\t1\t1\t1\t1\n"));
  g_assert_nonnull (strstr (tsv, "\n三、本年度办理结果\t（一）予以公开\t\t1\t"));
  g_assert_nonnull (strstr (tsv, "\n\t（三）不予公开\t1.属于国家秘密\t\t1\t"));
  g_assert_nonnull (strstr (tsv, "\n\t\t2.其他法律行政法规禁止公开\t\t1\t"));
  g_assert_nonnull (strstr (tsv, "\n\t自然人\t法人或其他组织\t总计\n"));
  g_assert_nonnull (strstr (tsv, "\n行政复议\t行政诉讼\n"));
  g_assert_nonnull (strstr (tsv, "\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n"));
  g_assert_nonnull (strstr (tsv, "\n\t\t\t\t\t2\t2\t2\t2\t2\t2\t2\t2\t2\t2\n"));
  g_assert_nonnull (strstr (tsv, "\n二、主动公开政府信息情况\n\n三、收到和处理政府信息公开申请情况\n"));

  pipe = gk_report_write (report, GK_WRITE_PIPE);
  g_assert_nonnull (strstr (pipe, "\n一、本年新收政府信息公开申请数量 |  | 1 | 1 |"));
  g_assert_nonnull (strstr (pipe, "\n|  | （二）部分公开（区分处理的，只计这一情形，不计其他情形） |  | 1 |"));
  g_assert_nonnull (strstr (pipe, "\n|  |  |  |  |  | 2 | 2 |"));

  markdown = gk_report_write (report, GK_WRITE_MARKDOWN);
  g_assert_nonnull (strstr (markdown, "\n| 行政复议 | 行政诉讼 |  |  |"));
  g_assert_nonnull (strstr (markdown, "|\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n| 结果维持 |"));

  block = gk_report_write (report, GK_WRITE_BLOCK);
  g_assert_nonnull (strstr (block, "\n\t四、结转下年度继续办理\n\t\n\t1\n"));
  g_assert_nonnull (strstr (block, "\n\n\t行政复议\n\t行政诉讼\n\n"));

  for (guint e = 0; e < GK_WRITE_N_ENCODINGS; e++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = gk_report_encode (tsv, e, &error);
      g_autofree char *decoded = NULL;
      gsize size;
      const guint8 *data;

      g_assert_no_error (error);
      if (bytes == NULL)
        continue;
      data = g_bytes_get_data (bytes, &size);
      decoded = gk_decode_text (data, size, NULL, &error);
      g_assert_no_error (error);
      if (decoded == NULL)
        continue;
      /* A decoder may drop the byte order mark, nothing else. */
      g_assert_cmpstr (g_str_has_prefix (decoded, "\xEF\xBB\xBF") ? decoded + 3 : decoded, ==, tsv);
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
list_seeds (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "seeds", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *seeds = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (seeds, g_strdup (name));

  g_ptr_array_sort (seeds, compare_names);
  return seeds;
}

static void
add_case (GPtrArray     *cases,
          const char    *seed,
          gboolean       mixed,
          GkWriteLayout  t2,
          GkWriteLayout  t3,
          GkWriteLayout  t4,
          GkWriteEncoding encoding)
{
  Case *c = g_new0 (Case, 1);
  g_autofree char *path = NULL;

  c->seed = g_strdup (seed);
  c->mixed = mixed;
  c->layouts[0] = t2;
  c->layouts[1] = t3;
  c->layouts[2] = t4;
  c->encoding = encoding;
  g_ptr_array_add (cases, c);

  if (mixed)
    path = g_strdup_printf ("/roundtrip/%.3s/mixed/%s-%s-%s/%s", seed,
                            gk_write_layout_to_string (t2),
                            gk_write_layout_to_string (t3),
                            gk_write_layout_to_string (t4),
                            gk_write_encoding_to_string (encoding));
  else
    path = g_strdup_printf ("/roundtrip/%.3s/%s/%s", seed,
                            gk_write_layout_to_string (t2),
                            gk_write_encoding_to_string (encoding));
  g_test_add_data_func (path, c, test_roundtrip);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) seeds = NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (case_free);
  int ret;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  /* One case failing must not hide the others: every layout and encoding
   * of every seed reports on its own. */
  g_test_set_nonfatal_assertions ();

  originals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  seeds = list_seeds ();

  g_test_add_func ("/roundtrip/writer", test_writer);
  g_test_add_func ("/roundtrip/seeds", test_seeds_present);

  for (guint s = 0; s < seeds->len; s++)
    {
      const char *seed = g_ptr_array_index (seeds, s);
      g_autofree char *path = g_strdup_printf ("/roundtrip/%.3s/original", seed);

      g_test_add_data_func (path, seed, test_original);

      for (guint l = 0; l < GK_WRITE_N_LAYOUTS; l++)
        for (guint e = 0; e < GK_WRITE_N_ENCODINGS; e++)
          add_case (cases, seed, FALSE, l, l, l, e);

      /* Tables of one report flattened by different tools. */
      add_case (cases, seed, TRUE, GK_WRITE_TSV, GK_WRITE_BLOCK, GK_WRITE_PIPE, GK_WRITE_UTF8);
      add_case (cases, seed, TRUE, GK_WRITE_PIPE, GK_WRITE_MARKDOWN, GK_WRITE_BLOCK, GK_WRITE_GB18030);
      add_case (cases, seed, TRUE, GK_WRITE_BLOCK, GK_WRITE_TSV, GK_WRITE_MARKDOWN, GK_WRITE_UTF16LE_BOM);
    }

  ret = g_test_run ();

  g_hash_table_unref (originals);
  return ret;
}
