/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-check-sheet.c: the printable check sheet, read back with
 * poppler-glib: its pages, its text (agency, figures, rule ids, verdicts,
 * "Page N of M") and, rendered, the shading of the cells of failed
 * findings. */

#include "config.h"

#include <string.h>
#include <cairo.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "gk-core.h"

#define SEED_002 "002_7c3adba71c2c08c1.txt"

/* The error fill of gk-check-sheet.c, as 8-bit RGB. */
#define ERROR_FILL_R 245
#define ERROR_FILL_G 168
#define ERROR_FILL_B 168

typedef struct
{
  PopplerDocument *document;
  GPtrArray       *pages;  /* the text of each page */
  char            *text;   /* all of it */
} Sheet;

static void
sheet_free (Sheet *sheet)
{
  g_clear_object (&sheet->document);
  g_ptr_array_unref (sheet->pages);
  g_free (sheet->text);
  g_free (sheet);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sheet, sheet_free)
/* poppler-glib 22 declares no cleanup functions of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

static GkReport *
parse_seed (const char *file,
            gboolean    check)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "seeds", file, NULL);
  g_autoptr(GFile) gfile = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GkReport *report = gk_parse_file (gfile, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  if (check)
    gk_checks_run (report);
  return report;
}

static Sheet *
write_sheet (GkReport *report,
             double    width,
             double    height)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  Sheet *sheet = g_new0 (Sheet, 1);
  gboolean ok;

  ok = gk_check_sheet_write_pdf (report, stream, width, height, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_output_stream_close (stream, NULL, NULL);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
  g_assert_true (g_bytes_get_size (bytes) > 4);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 4, "%PDF", 4);

  sheet->document = poppler_document_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sheet->document);

  sheet->pages = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < poppler_document_get_n_pages (sheet->document); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (sheet->document, i);
      char *text = poppler_page_get_text (page);

      g_ptr_array_add (sheet->pages, text);
      g_string_append (all, text);
      g_string_append_c (all, '\n');
    }
  sheet->text = g_string_free (g_steal_pointer (&all), FALSE);

  return sheet;
}

/* Every page says "Page N of M", with M the real number of pages. */
static void
assert_page_numbers (Sheet *sheet)
{
  guint n = sheet->pages->len;

  g_assert_cmpuint (n, >=, 1);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *expected = g_strdup_printf ("Page %u of %u", i + 1, n);

      if (strstr (g_ptr_array_index (sheet->pages, i), expected) == NULL)
        g_error ("page %u lacks “%s”:\n%s", i + 1, expected, (char *) g_ptr_array_index (sheet->pages, i));
    }
}

static void
assert_has (const char *text,
            const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in the sheet's text:\n%s", needle, text);
}

/* How many pixels of the sheet, rendered, have the error fill. */
static guint
count_error_pixels (Sheet *sheet)
{
  guint count = 0;

  for (int i = 0; i < poppler_document_get_n_pages (sheet->document); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (sheet->document, i);
      cairo_surface_t *surface;
      double width, height;
      cairo_t *cr;
      guchar *data;
      int stride;

      poppler_page_get_size (page, &width, &height);
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      poppler_page_render_for_printing (page, cr);
      cairo_destroy (cr);
      cairo_surface_flush (surface);

      data = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);
      for (int y = 0; y < (int) height; y++)
        for (int x = 0; x < (int) width; x++)
          {
            guint32 pixel = *(guint32 *) (data + y * stride + x * 4);
            int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

            if (ABS (r - ERROR_FILL_R) <= 4 && ABS (g - ERROR_FILL_G) <= 4 && ABS (b - ERROR_FILL_B) <= 4)
              count++;
          }
      cairo_surface_destroy (surface);
    }

  return count;
}

/* Every seed gives a sheet whose first page names its agency, with its
 * three tables, and no shaded cell when no rule failed. */
static void
test_seeds (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "seeds", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n_seeds = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GkReport) report = NULL;
      g_autoptr(Sheet) sheet = NULL;

      if (!g_str_has_suffix (name, ".txt"))
        continue;
      n_seeds++;
      report = parse_seed (name, TRUE);
      sheet = write_sheet (report, 0, 0);

      g_test_message ("%s: %u pages", name, sheet->pages->len);
      assert_page_numbers (sheet);
      g_assert_nonnull (gk_report_get_agency (report));
      assert_has (g_ptr_array_index (sheet->pages, 0), gk_report_get_agency (report));
      assert_has (sheet->text, "三、收到和处理政府信息公开申请情况");
      assert_has (sheet->text, "四、政府信息公开行政复议、行政诉讼情况");
      assert_has (sheet->text, "（七）总计");
      if (gk_report_count_findings (report, GK_FINDING_FAILED, -1) == 0)
        g_assert_cmpuint (count_error_pixels (sheet), ==, 0);

      /* 门头沟's table 3 total (tests/test-seeds.c). */
      if (strcmp (name, SEED_002) == 0)
        {
          assert_has (sheet->text, "216");
          assert_has (sheet->text, "81184.6411");
          /* The blanks of its table 4 are said, not left empty. */
          assert_has (sheet->text, "blank");
        }
    }
  g_assert_cmpuint (n_seeds, >=, 5);
}

/* A report with failed findings: the rule ids, the verdict and its note
 * are in the list, and the cells involved are shaded. */
static void
test_findings (void)
{
  g_autoptr(GkReport) report = parse_seed (SEED_002, FALSE);
  g_autoptr(GkCell) cell = gk_cell_new (GK_TABLE_3, "new", "natural", "200", 1);
  g_autoptr(Sheet) sheet = NULL;
  g_autoptr(Sheet) clean_sheet = NULL;
  g_autoptr(GkReport) clean = parse_seed (SEED_002, TRUE);
  GListModel *findings;
  guint n_failed = 0;

  /* 192 → 200: the row no longer adds up to its 总计, nor the column. */
  gk_table_add_cell (gk_report_get_table (report, GK_TABLE_3), cell);
  gk_checks_run (report);
  findings = gk_report_get_findings (report);
  g_assert_cmpuint (gk_report_count_findings (report, GK_FINDING_FAILED, -1), >, 0);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(GkFinding) finding = g_list_model_get_item (findings, i);

      if (gk_finding_get_status (finding) == GK_FINDING_FAILED && n_failed++ == 0)
        gk_finding_set_verdict (finding, GK_VERDICT_DISMISSED, "笔误，已电话核实");
    }

  sheet = write_sheet (report, 0, 0);
  assert_page_numbers (sheet);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(GkFinding) finding = g_list_model_get_item (findings, i);

      assert_has (sheet->text, gk_finding_get_rule (finding));
    }
  assert_has (sheet->text, "200");
  assert_has (sheet->text, "Dismissed");
  assert_has (sheet->text, "笔误，已电话核实");
  assert_has (sheet->text, "Not reviewed");

  /* The changed cell, its row's and its column's totals are shaded; the
   * same report without the error has no shading. */
  clean_sheet = write_sheet (clean, 0, 0);
  g_assert_cmpuint (count_error_pixels (clean_sheet), ==, 0);
  g_assert_cmpuint (count_error_pixels (sheet), >, 200);
}

/* Many findings: the list runs over pages, each repeating its header. */
static void
test_long_findings (void)
{
  g_autoptr(GkReport) report = parse_seed (SEED_002, TRUE);
  g_autoptr(Sheet) base = write_sheet (report, 0, 0);
  g_autoptr(Sheet) sheet = NULL;
  guint n_with_header = 0;

  for (guint i = 0; i < 80; i++)
    {
      g_autofree char *subject = g_strdup_printf ("t3/row%u", i);
      g_autofree char *message = g_strdup_printf ("Synthetic finding number %u for the page break", i);
      g_autoptr(GkFinding) finding = gk_finding_new ("X9", GK_SEVERITY_WARNING, GK_FINDING_FAILED,
                                                     subject, message);

      gk_report_add_finding (report, finding);
    }

  sheet = write_sheet (report, 0, 0);
  assert_page_numbers (sheet);
  g_assert_cmpuint (sheet->pages->len, >, base->pages->len + 1);
  assert_has (sheet->text, "Synthetic finding number 79 ");
  assert_has (sheet->text, "Findings (continued)");
  for (guint i = 0; i < sheet->pages->len; i++)
    if (strstr (g_ptr_array_index (sheet->pages, i), "Synthetic finding number") != NULL
        && strstr (g_ptr_array_index (sheet->pages, i), "Severity") != NULL)
      n_with_header++;
  g_assert_cmpuint (n_with_header, >=, 2);
}

/* A report without tables still gets a sheet, which says so. */
static void
test_no_tables (void)
{
  g_autoptr(GkReport) report = gk_report_new ();
  g_autoptr(Sheet) sheet = NULL;

  gk_report_set_agency (report, "某某县人民政府", "test", 1, 0.5);
  gk_report_set_year (report, 2022, "test", 1, 0.5);
  sheet = write_sheet (report, 0, 0);

  g_assert_cmpuint (sheet->pages->len, ==, 1);
  assert_page_numbers (sheet);
  assert_has (sheet->text, "某某县人民政府");
  assert_has (sheet->text, "no statistical tables");
  assert_has (sheet->text, "No findings");
}

/* Landscape A4 works; a page too small for a sheet is refused in words. */
static void
test_page_size (void)
{
  g_autoptr(GkReport) report = parse_seed (SEED_002, TRUE);
  g_autoptr(Sheet) landscape = write_sheet (report, GK_CHECK_SHEET_A4_HEIGHT, GK_CHECK_SHEET_A4_WIDTH);
  g_autoptr(PopplerPage) page = poppler_document_get_page (landscape->document, 0);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  double width, height;

  poppler_page_get_size (page, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, GK_CHECK_SHEET_A4_HEIGHT, 0.5);
  g_assert_cmpfloat_with_epsilon (height, GK_CHECK_SHEET_A4_WIDTH, 0.5);
  assert_page_numbers (landscape);
  assert_has (landscape->text, "216");

  g_assert_false (gk_check_sheet_write_pdf (report, stream, 100, 100, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  assert_has (error->message, "too small");
}

/* The file variant writes a file, and refuses a folder that is not there
 * without leaving anything behind. */
static void
test_file (void)
{
  g_autoptr(GkReport) report = parse_seed (SEED_002, TRUE);
  g_autofree char *dir = g_dir_make_tmp ("gk-sheet-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sheet.pdf", NULL);
  g_autofree char *bad = g_build_filename (dir, "no-such-folder", "sheet.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = gk_check_sheet_default_name (report);
  gsize length;

  g_assert_cmpstr (name, ==, "北京市门头沟区政府-2020-check-sheet.pdf");

  g_assert_true (gk_check_sheet_write_pdf_file (report, file, 0, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));

  g_assert_false (gk_check_sheet_write_pdf_file (report, bad_file, 0, 0, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/check-sheet/seeds", test_seeds);
  g_test_add_func ("/check-sheet/findings", test_findings);
  g_test_add_func ("/check-sheet/long-findings", test_long_findings);
  g_test_add_func ("/check-sheet/no-tables", test_no_tables);
  g_test_add_func ("/check-sheet/page-size", test_page_size);
  g_test_add_func ("/check-sheet/file", test_file);

  return g_test_run ();
}
