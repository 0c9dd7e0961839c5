/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-formats-pdf.c: reports as PDFs.  Every seed, parsed from its text,
 * is rendered as a PDF the way real reports look (tests/support/
 * gk-report-pdf.c: ruled tables with wrapped and merged label cells, table 3
 * continued on the next page under a repeated header, a running head and
 * page numbers) and parsed again from the PDF's bytes: agency, year,
 * template, every cell and the prose must come back as the text gave them,
 * with every style of page numbers, with rules stroked or filled, and
 * (tables 3 and 4) without rules at all.  Then the PDFs an importer must
 * refuse with a clear error: a scan without text, blank pages, fonts that
 * map to no known character, a truncated or damaged file, a password-
 * protected one, one with too many pages.  A PDF named .docx is a PDF. */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gk-core.h"
#include "gk-pdf-reader.h"
#include "gk-report-pdf.h"

static char *
seed_path (const char *seed)
{
  return g_test_build_filename (G_TEST_DIST, "data", "seeds", seed, NULL);
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

static GkReport *
parse_seed (const char *seed)
{
  g_autofree char *path = seed_path (seed);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GkReport *report = gk_parse_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static gboolean
skip_without_fonts (void)
{
  if (gk_pdf_fonts_available ())
    return FALSE;
  g_test_skip ("no font with Chinese characters (fonts-wqy-microhei) to draw the PDFs with");
  return TRUE;
}

static void
keep_pdf (const char *name,
          GBytes     *pdf)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);

  if (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL))
    g_test_message ("the PDF is in %s", path);
}

static void
compare_tables (GkReport  *original,
                GkReport  *from_pdf,
                GkTableId  id,
                GString   *diff)
{
  GkTable *a = gk_report_get_table (original, id);
  GkTable *b = gk_report_get_table (from_pdf, id);

  if (a == NULL || b == NULL)
    {
      if (a != b)
        g_string_append_printf (diff, "%s: %s in the text, %s in the PDF\n", gk_table_id_to_key (id),
                                a ? "present" : "absent", b ? "present" : "absent");
      return;
    }

  if (gk_table_get_template (a) != gk_table_get_template (b))
    g_string_append_printf (diff, "%s: template %s became %s\n", gk_table_id_to_key (id),
                            gk_template_to_string (gk_table_get_template (a)),
                            gk_template_to_string (gk_table_get_template (b)));
  if (gk_table_get_n_cells (a) != gk_table_get_n_cells (b))
    g_string_append_printf (diff, "%s: %u cells became %u\n", gk_table_id_to_key (id),
                            gk_table_get_n_cells (a), gk_table_get_n_cells (b));

  for (guint i = 0; i < gk_table_get_n_cells (a); i++)
    {
      GkCell *ca = gk_table_get_cell (a, i);
      GkCell *cb = gk_table_lookup (b, gk_cell_get_row (ca), gk_cell_get_column (ca));
      g_autofree char *key = gk_cell_dup_key (ca);

      if (cb == NULL)
        {
          g_string_append_printf (diff, "%s: missing from the PDF\n", key);
          continue;
        }
      /* The raw text exactly: a PDF holds the characters themselves. */
      if (g_strcmp0 (gk_cell_get_raw (ca), gk_cell_get_raw (cb)) != 0)
        g_string_append_printf (diff, "%s: \"%s\" became \"%s\"\n", key, gk_cell_get_raw (ca), gk_cell_get_raw (cb));
      if (gk_cell_get_value_class (ca) != gk_cell_get_value_class (cb)
          || gk_cell_has_value (ca) != gk_cell_has_value (cb)
          || gk_cell_get_value (ca) != gk_cell_get_value (cb))
        g_string_append_printf (diff, "%s: value %s %g became %s %g\n", key,
                                gk_value_class_to_string (gk_cell_get_value_class (ca)), gk_cell_get_value (ca),
                                gk_value_class_to_string (gk_cell_get_value_class (cb)), gk_cell_get_value (cb));
    }
}

static gboolean
row_contains_norm (const GkTextRow *row,
                   const char      *needle)
{
  return strstr (row->joined, needle) != NULL;
}

/* "- 3 -", "3", "3/5", "第 3 页 共 5 页" as the text of a paragraph. */
static gboolean
looks_like_page_number (const char *norm)
{
  const char *p = norm;

  if (g_str_has_prefix (p, "第") && strstr (p, "页") != NULL && strlen (p) < 30)
    return TRUE;
  while (*p == '-')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '/')
    for (p++; g_ascii_isdigit (*p); p++)
      ;
  while (*p == '-')
    p++;
  return *p == '\0';
}

static gboolean
row_has_cell (const GkTextRow *row,
              const char      *norm)
{
  for (guint c = 0; c < row->n_cells; c++)
    if (strcmp (row->cells[c].norm, norm) == 0)
      return TRUE;
  return FALSE;
}

/* What the reader itself made of the PDF: the structure the parser relies
 * on, checked where the parser would forgive a mistake. */
static void
check_rows (GBytes           *pdf,
            GkReport         *original,
            GkPdfPageNumbers  page_numbers,
            GString          *diff)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (pdf, &size);
  guint t3_headers = 0, unable_rows = 0, partial_rows = 0, t4_data_rows = 0;
  g_autofree char *head = g_strconcat (gk_report_get_agency (original) ? gk_report_get_agency (original) : "",
                                       "政府信息公开工作年度报告", NULL);
  g_autofree char *running_head = gk_normalize_compact (head);

  rows = gk_pdf_read (data, size, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);

  for (guint r = 0; r < rows->len; r++)
    {
      const GkTextRow *row = g_ptr_array_index (rows, r);

      if (r > 0 && row->line <= ((const GkTextRow *) g_ptr_array_index (rows, r - 1))->line)
        g_string_append_printf (diff, "row %u: line %u does not follow line %u\n", r, row->line,
                                ((const GkTextRow *) g_ptr_array_index (rows, r - 1))->line);

      if (row->layout == GK_ROW_PROSE)
        {
          const char *norm = row->cells[0].norm;

          /* The running head (the agency at the left, the report's name at
           * the right, one line) and the page numbers are gone. */
          if (strcmp (norm, running_head) == 0 || looks_like_page_number (norm))
            g_string_append_printf (diff, "line %u: a running head or page number was kept as text: \"%s\" (page numbers %s)\n",
                                    row->line, row->cells[0].raw, gk_pdf_page_numbers_to_string (page_numbers));
          continue;
        }

      if (row_contains_norm (row, "勾稽关系"))
        t3_headers++;
      /* The group label wrapped in its narrow cell ("（四）无法" / "提供")
       * is one cell, in the row of its first item and its numbers. */
      if (row_has_cell (row, "(四)无法提供"))
        {
          unable_rows++;
          if (!row_has_cell (row, "1.本机关不掌握相关政府信息") || row->n_cells < 10
              || row->cells[row->n_cells - 1].klass != GK_VALUE_NUMBER)
            g_string_append_printf (diff, "line %u: （四）无法提供 is not in the row of its first item and numbers\n", row->line);
        }
      if (row_has_cell (row, "(二)部分公开(区分处理的,只计这一情形,不计其他情形)"))
        partial_rows++;
      if (row->n_cells == 15 && row->cells[14].klass == GK_VALUE_NUMBER)
        t4_data_rows++;
    }

  /* Table 3 is continued on a second page; its repeated header is dropped. */
  if (t3_headers != 1)
    g_string_append_printf (diff, "table 3's header row appears %u times, not once\n", t3_headers);
  if (unable_rows != 1)
    g_string_append_printf (diff, "（四）无法提供 heads %u rows, not one\n", unable_rows);
  if (partial_rows != 1)
    g_string_append_printf (diff, "the wrapped （二）部分公开 label is in %u rows, not one\n", partial_rows);
  if (t4_data_rows != 1)
    g_string_append_printf (diff, "table 4 has %u rows of 15 values, not one\n", t4_data_rows);
}

static char *
compact_section (GkReport *report,
                 guint     section)
{
  const char *text = gk_report_get_section (report, section);

  return gk_normalize_compact (text != NULL ? text : "");
}

typedef struct
{
  char             *seed;
  GkPdfPageNumbers  page_numbers;
  gboolean          filled_rules;
} SeedCase;

static void
seed_case_free (gpointer data)
{
  SeedCase *c = data;

  g_free (c->seed);
  g_free (c);
}

/* Renders @original with @options, parses the PDF back and lists what
 * differs from the text's parse in @diff. */
static void
compare_pdf (GkReport           *original,
             const char         *name,
             const GkPdfOptions *options,
             GString            *diff)
{
  g_autoptr(GkReport) from_pdf = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  GkPdfInfo info;
  gsize before = diff->len;

  pdf = gk_report_write_pdf (original, options, &info);
  g_assert_nonnull (pdf);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (pdf, NULL), "%PDF-"));

  /* The case the test is for: table 3 goes over a page break. */
  g_assert_cmpuint (info.t3_first_page, >, 0);
  g_assert_cmpuint (info.t3_last_page, >, info.t3_first_page);

  from_pdf = gk_parse_bytes (pdf, name, &error);
  if (from_pdf == NULL)
    {
      keep_pdf ("gk-test-formats-pdf-failed.pdf", pdf);
      g_assert_no_error (error);
    }

  g_assert_cmpint (gk_report_get_format (from_pdf), ==, GK_FORMAT_PDF);
  if (g_strcmp0 (gk_report_get_agency (original), gk_report_get_agency (from_pdf)) != 0)
    g_string_append_printf (diff, "agency \"%s\" became \"%s\"\n",
                            gk_report_get_agency (original), gk_report_get_agency (from_pdf));
  if (gk_report_get_year (original) != gk_report_get_year (from_pdf))
    g_string_append_printf (diff, "year %d became %d\n", gk_report_get_year (original), gk_report_get_year (from_pdf));
  if (gk_report_get_template (original) != gk_report_get_template (from_pdf))
    g_string_append_printf (diff, "template %s became %s\n",
                            gk_template_to_string (gk_report_get_template (original)),
                            gk_template_to_string (gk_report_get_template (from_pdf)));

  compare_tables (original, from_pdf, GK_TABLE_2, diff);
  compare_tables (original, from_pdf, GK_TABLE_3, diff);
  compare_tables (original, from_pdf, GK_TABLE_4, diff);

  /* The prose, paragraphs rejoined from their wrapped lines and across page
   * breaks, with no running head or page number inside. */
  for (guint i = 0; i < GK_N_SECTIONS; i++)
    {
      g_autofree char *a = compact_section (original, i);
      g_autofree char *b = compact_section (from_pdf, i);

      if (strcmp (a, b) != 0)
        g_string_append_printf (diff, "section %u: \"%s\" became \"%s\"\n", i + 1, a, b);
    }

  check_rows (pdf, original, options->page_numbers, diff);

  if (diff->len > before)
    keep_pdf ("gk-test-formats-pdf-failed.pdf", pdf);
}

static void
report_diff (GString    *diff,
             const char *what)
{
  g_auto(GStrv) lines = NULL;

  if (diff->len == 0)
    return;
  lines = g_strsplit (diff->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    g_test_message ("%s", lines[i]);
  g_test_fail_printf ("%s does not parse as its text (differences above)", what);
}

/* A seed, rendered as a PDF and parsed back: the same report. */
static void
test_seed (gconstpointer data)
{
  const SeedCase *c = data;
  g_autoptr(GkReport) original = NULL;
  g_autoptr(GString) diff = g_string_new (NULL);
  g_autofree char *what = NULL;
  GkPdfOptions options;

  if (skip_without_fonts ())
    return;

  original = parse_seed (c->seed);
  gk_pdf_options_init (&options);
  options.page_numbers = c->page_numbers;
  options.filled_rules = c->filled_rules;
  compare_pdf (original, c->seed, &options, diff);

  what = g_strdup_printf ("the PDF of %s", c->seed);
  report_diff (diff, what);
}

/* Tables without rules: the cells are found by the alignment of their
 * text alone.  Tables 3 and 4 come back whole (wrapped labels joined into
 * the rows of their numbers, table 4's blanks in their columns).  Table 2
 * is not compared: without rules, a value centred under a header merged
 * over three columns cannot be told from a value in the middle column. */
static void
test_unruled (gconstpointer data)
{
  const char *seed = data;
  g_autoptr(GkReport) original = NULL;
  g_autoptr(GkReport) from_pdf = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) diff = g_string_new (NULL);
  GkPdfOptions options;

  if (skip_without_fonts ())
    return;

  original = parse_seed (seed);
  gk_pdf_options_init (&options);
  options.ruled_tables = FALSE;
  pdf = gk_report_write_pdf (original, &options, NULL);

  from_pdf = gk_parse_bytes (pdf, seed, &error);
  if (from_pdf == NULL)
    keep_pdf ("gk-test-formats-pdf-failed.pdf", pdf);
  g_assert_no_error (error);
  g_assert_nonnull (from_pdf);

  if (g_strcmp0 (gk_report_get_agency (original), gk_report_get_agency (from_pdf)) != 0)
    g_string_append_printf (diff, "agency \"%s\" became \"%s\"\n",
                            gk_report_get_agency (original), gk_report_get_agency (from_pdf));
  if (gk_report_get_year (original) != gk_report_get_year (from_pdf))
    g_string_append_printf (diff, "year %d became %d\n", gk_report_get_year (original), gk_report_get_year (from_pdf));
  compare_tables (original, from_pdf, GK_TABLE_3, diff);
  compare_tables (original, from_pdf, GK_TABLE_4, diff);

  if (diff->len > 0)
    {
      g_auto(GStrv) lines = g_strsplit (diff->str, "\n", -1);

      keep_pdf ("gk-test-formats-pdf-failed.pdf", pdf);
      for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
        g_test_message ("%s", lines[i]);
      g_test_fail_printf ("the PDF of %s without rules does not parse as its text (differences above)", seed);
    }
}

/* The five seeds must be there, or the seed tests test nothing. */
static void
test_seeds_present (void)
{
  g_autoptr(GPtrArray) seeds = list_seeds ();

  g_assert_cmpuint (seeds->len, >=, 5);
}

/* A scan: page images, no text layer. */
static void
test_scanned (void)
{
  g_autoptr(GBytes) pdf = gk_pdf_write_scanned (3);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = gk_parse_bytes (pdf, "scan.pdf", &error);

  g_assert_null (report);
  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_SCANNED);
  g_assert_true (g_str_has_prefix (error->message, "scanned, no text layer: "));
}

/* Text whose fonts map their glyphs to no known character. */
static void
test_unmapped (void)
{
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = NULL;

  if (skip_without_fonts ())
    return;

  pdf = gk_pdf_write_unmapped ();
  report = gk_parse_bytes (pdf, "unmapped.pdf", &error);
  g_assert_null (report);
  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "characters are unknown"));
}

/* Blank pages are no report, and not a scan either. */
static void
test_blank (void)
{
  g_autoptr(GBytes) pdf = gk_pdf_write_blank (2);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = gk_parse_bytes (pdf, "blank.pdf", &error);

  g_assert_null (report);
  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_EMPTY);
}

static void
test_page_limit (void)
{
  g_autoptr(GBytes) pdf = gk_pdf_write_blank (2001);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = gk_parse_bytes (pdf, "huge.pdf", &error);

  g_assert_null (report);
  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "2001"));
}

/* Cut short at several places, a PDF gives a report or a GkParseError:
 * never a crash, a hang, or a warning.  Half a PDF loses its
 * cross-reference table and its end: poppler rebuilds what it can. */
static void
test_truncated (void)
{
  g_autoptr(GkReport) original = NULL;
  g_autoptr(GBytes) pdf = NULL;
  const double fractions[] = { 0.02, 0.25, 0.5, 0.75, 0.98 };
  gsize size;
  const guint8 *data;

  if (skip_without_fonts ())
    return;

  original = parse_seed ("002_7c3adba71c2c08c1.txt");
  pdf = gk_report_write_pdf (original, NULL, NULL);
  data = g_bytes_get_data (pdf, &size);

  for (guint i = 0; i < G_N_ELEMENTS (fractions); i++)
    {
      g_autoptr(GBytes) cut = g_bytes_new (data, (gsize) (size * fractions[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(GkReport) report = gk_parse_bytes (cut, "cut.pdf", &error);

      g_test_message ("cut at %.0f %%: %s", fractions[i] * 100,
                      report != NULL ? "a report" : error != NULL ? error->message : "nothing");
      if (report == NULL)
        {
          g_assert_nonnull (error);
          g_assert_true (error->domain == GK_PARSE_ERROR);
          g_assert_cmpstr (error->message, !=, "");
        }
      else
        g_assert_cmpint (gk_report_get_format (report), ==, GK_FORMAT_PDF);

      /* Half a file, or less, has lost its pages' text to the cut. */
      if (fractions[i] <= 0.5)
        {
          g_assert_null (report);
          g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_CORRUPT);
        }
    }

  /* Cut just before its end ("startxref" and "%%EOF" gone), a PDF still has
   * its objects and its cross-reference table: poppler rebuilds the file's
   * structure, and the whole report is read. */
  {
    const guint8 *end = NULL;
    g_autoptr(GBytes) cut = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GkReport) report = NULL;

    for (const guint8 *p = data; p != NULL && p + 9 <= data + size; p++)
      {
        p = memchr (p, 's', data + size - p);
        if (p == NULL)
          break;
        if (memcmp (p, "startxref", 9) == 0)
          end = p;
      }
    g_assert_nonnull (end);
    cut = g_bytes_new (data, end - data);
    report = gk_parse_bytes (cut, "cut.pdf", &error);
    g_assert_no_error (error);
    g_assert_nonnull (report);
    g_assert_cmpuint (gk_table_get_n_cells (gk_report_get_table (report, GK_TABLE_3)), ==,
                      gk_table_get_n_cells (gk_report_get_table (original, GK_TABLE_3)));
  }
}

static void
test_damaged (void)
{
  static const char garbage[] = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\nthis is no PDF body at all\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (garbage, sizeof garbage - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = gk_parse_bytes (bytes, "damaged.pdf", &error);

  g_assert_null (report);
  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_CORRUPT);
}

/* A PDF with the standard security handler whose user password is not
 * empty: its /U entry does not match the empty password, so no viewer opens
 * it without one.  The objects are written with their offsets, as a PDF
 * wants them. */
static GBytes *
make_encrypted_pdf (void)
{
  static const char * const objects[] = {
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    "<< /Filter /Standard /V 1 /R 2 /P -44"
    " /O <6fd1a3b8c2e0419e5f7a0d3c8b2e61f4a9c0d7e3b5f1286a4c9e0b7d3f2a1c05>"
    " /U <3a9c1e7f5b2d8046c1e3a5f7092b4d6e8f0a1c3e5b7d9f2a4c6e8b0d1f3a5c7e> >>",
  };
  GString *out = g_string_new ("%PDF-1.4\n");
  gsize offsets[G_N_ELEMENTS (objects)];
  gsize xref;

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      offsets[i] = out->len;
      g_string_append_printf (out, "%u 0 obj\n%s\nendobj\n", i + 1, objects[i]);
    }
  xref = out->len;
  g_string_append_printf (out, "xref\n0 %u\n0000000000 65535 f \n", (guint) G_N_ELEMENTS (objects) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    g_string_append_printf (out, "%010lu 00000 n \n", (gulong) offsets[i]);
  g_string_append_printf (out, "trailer\n<< /Size %u /Root 1 0 R /Encrypt 4 0 R"
                          " /ID [<0123456789abcdef0123456789abcdef><0123456789abcdef0123456789abcdef>] >>\n"
                          "startxref\n%lu\n%%%%EOF\n",
                          (guint) G_N_ELEMENTS (objects) + 1, (gulong) xref);
  return g_string_free_to_bytes (out);
}

static void
test_encrypted (void)
{
  g_autoptr(GBytes) pdf = make_encrypted_pdf ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = gk_parse_bytes (pdf, "locked.pdf", &error);

  g_assert_null (report);
  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "password"));
}

/* The format comes from the bytes: a PDF saved as .docx is read as a PDF. */
static void
test_named_docx (void)
{
  g_autoptr(GkReport) original = NULL;
  g_autoptr(GkReport) report = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  if (skip_without_fonts ())
    return;

  original = parse_seed ("000_fd56001bfeaab35a.txt");
  pdf = gk_report_write_pdf (original, NULL, NULL);

  dir = g_dir_make_tmp ("gk-test-pdf-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "年度报告.docx", NULL);
  g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
  g_assert_no_error (error);

  file = g_file_new_for_path (path);
  report = gk_parse_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpint (gk_report_get_format (report), ==, GK_FORMAT_PDF);
  g_assert_cmpstr (gk_report_get_source_name (report), ==, "年度报告.docx");
  g_assert_cmpint (gk_report_get_year (report), ==, 2021);
  g_assert_nonnull (gk_report_get_table (report, GK_TABLE_3));

  g_unlink (path);
  g_rmdir (dir);
}

/* Every style of page numbers, with and without a running head, on the
 * seed whose table 2 starts at the foot of its first page (000) and on the
 * one with the longest table 2 (002): the same report each time. */
static void
test_page_numbers (void)
{
  static const char * const seeds[] = { "000_fd56001bfeaab35a.txt", "002_7c3adba71c2c08c1.txt" };

  if (skip_without_fonts ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autoptr(GkReport) original = parse_seed (seeds[i]);

      for (GkPdfPageNumbers style = 0; style < GK_PDF_N_PAGE_NUMBERS; style++)
        {
          g_autoptr(GString) diff = g_string_new (NULL);
          g_autofree char *what = NULL;
          GkPdfOptions options;

          gk_pdf_options_init (&options);
          options.page_numbers = style;
          options.running_header = style % 2 == 0;
          options.filled_rules = style % 2 == 1;
          compare_pdf (original, seeds[i], &options, diff);

          what = g_strdup_printf ("the PDF of %s with page numbers \"%s\"%s", seeds[i],
                                  gk_pdf_page_numbers_to_string (style),
                                  options.running_header ? " and a running head" : "");
          report_diff (diff, what);
        }
    }
}

/* The importer parses on several threads at once, each PDF with its own
 * poppler document but through poppler's and cairo's shared state (font
 * caches, the global parameters): PDFs parsed four at a time, over and
 * over, come back as they do one at a time. */
typedef struct
{
  GPtrArray *pdfs;        /* GBytes */
  GPtrArray *expected;    /* GkReport, parsed alone */
  gint       next;        /* the next job, atomically */
  guint      n_jobs;
  gint       n_failed;
} ThreadsRun;

static gpointer
parse_jobs_thread (gpointer data)
{
  ThreadsRun *run = data;
  guint job;

  while ((job = (guint) g_atomic_int_add (&run->next, 1)) < run->n_jobs)
    {
      guint i = job % run->pdfs->len;
      g_autoptr(GError) error = NULL;
      g_autoptr(GkReport) report = gk_parse_bytes (g_ptr_array_index (run->pdfs, i), "threads.pdf", &error);
      g_autoptr(GString) diff = g_string_new (NULL);

      if (report == NULL)
        {
          g_test_message ("PDF %u: %s", i, error->message);
          g_atomic_int_inc (&run->n_failed);
          continue;
        }
      for (GkTableId id = GK_TABLE_2; id <= GK_TABLE_4; id++)
        compare_tables (g_ptr_array_index (run->expected, i), report, id, diff);
      if (diff->len > 0)
        {
          g_test_message ("PDF %u on a thread: %s", i, diff->str);
          g_atomic_int_inc (&run->n_failed);
        }
    }
  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(GPtrArray) seeds = list_seeds ();
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  ThreadsRun run = { 0 };

  if (skip_without_fonts ())
    return;

  run.pdfs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  run.expected = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < seeds->len; i++)
    for (guint ruled = 0; ruled <= 1; ruled++)
      {
        g_autoptr(GkReport) original = parse_seed (g_ptr_array_index (seeds, i));
        g_autoptr(GError) error = NULL;
        GkPdfOptions options;
        GBytes *pdf;
        GkReport *alone;

        gk_pdf_options_init (&options);
        options.ruled_tables = ruled;
        options.page_numbers = i % GK_PDF_N_PAGE_NUMBERS;
        pdf = gk_report_write_pdf (original, &options, NULL);
        alone = gk_parse_bytes (pdf, "alone.pdf", &error);
        g_assert_no_error (error);
        g_ptr_array_add (run.pdfs, pdf);
        g_ptr_array_add (run.expected, alone);
      }

  run.n_jobs = 3 * run.pdfs->len;
  for (guint t = 0; t < 4; t++)
    g_ptr_array_add (threads, g_thread_new ("parse", parse_jobs_thread, &run));
  for (guint t = 0; t < threads->len; t++)
    g_thread_join (g_ptr_array_index (threads, t));

  g_assert_cmpint (g_atomic_int_get (&run.n_failed), ==, 0);
  g_assert_cmpuint (run.pdfs->len, ==, 2 * seeds->len);
  g_ptr_array_unref (run.pdfs);
  g_ptr_array_unref (run.expected);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) seeds = NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (seed_case_free);

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pdf/seeds-present", test_seeds_present);
  seeds = list_seeds ();
  for (guint i = 0; i < seeds->len; i++)
    {
      SeedCase *c = g_new0 (SeedCase, 1);
      g_autofree char *name = NULL;

      c->seed = g_strdup (g_ptr_array_index (seeds, i));
      c->page_numbers = i % GK_PDF_N_PAGE_NUMBERS;
      c->filled_rules = i % 2 == 1;
      g_ptr_array_add (cases, c);
      name = g_strdup_printf ("/pdf/seed/%.3s", c->seed);
      g_test_add_data_func (name, c, test_seed);
      g_free (name);
      name = g_strdup_printf ("/pdf/unruled/%.3s", c->seed);
      g_test_add_data_func (name, c->seed, test_unruled);
    }

  g_test_add_func ("/pdf/page-numbers", test_page_numbers);
  g_test_add_func ("/pdf/scanned", test_scanned);
  g_test_add_func ("/pdf/blank", test_blank);
  g_test_add_func ("/pdf/unmapped", test_unmapped);
  g_test_add_func ("/pdf/page-limit", test_page_limit);
  g_test_add_func ("/pdf/truncated", test_truncated);
  g_test_add_func ("/pdf/damaged", test_damaged);
  g_test_add_func ("/pdf/encrypted", test_encrypted);
  g_test_add_func ("/pdf/named-docx", test_named_docx);
  g_test_add_func ("/pdf/threads", test_threads);

  return g_test_run ();
}
