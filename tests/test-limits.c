/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The safety limits of a parse: each is met with a clear error or a
 * finding, never with memory or time running out.  The size of a file and
 * the length of a cell are the parser's (GkParseLimits); nesting, zip
 * entries and pages are the format readers', tested here through
 * gk_parse_bytes() as a user meets them (skipped while a reader is not in
 * the build). */

#include "config.h"

#include <string.h>
#include <archive.h>
#include <archive_entry.h>

#include "gk-core.h"

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

/* Seed 001 with the last value of its table-3 row 本年新收 replaced by
 * @value, or its label followed by @label_tail. */
static char *
seed_with_new_row (const char *value,
                   const char *label_tail)
{
  g_autofree char *text = load_seed ("001_0c1ccc46f30db888.txt");
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean done = FALSE;

  for (guint i = 0; lines[i] != NULL && !done; i++)
    {
      g_auto(GStrv) fields = NULL;
      int last = -1;

      if (strstr (lines[i], "本年新收政府信息公开申请数量") == NULL || strchr (lines[i], '\t') == NULL)
        continue;

      fields = g_strsplit (lines[i], "\t", -1);
      for (int f = 0; fields[f] != NULL; f++)
        if (fields[f][0] != '\0')
          last = f;
      g_assert_cmpint (last, >, 0);

      if (value != NULL)
        {
          g_free (fields[last]);
          fields[last] = g_strdup (value);
        }
      if (label_tail != NULL)
        {
          char *label = g_strconcat (fields[0], label_tail, NULL);
          g_free (fields[0]);
          fields[0] = label;
        }
      g_free (lines[i]);
      lines[i] = g_strjoinv ("\t", fields);
      done = TRUE;
    }

  g_assert_true (done);
  return g_strjoinv ("\n", lines);
}

/* The cells of table 3 whose text is @length characters long. */
static guint
count_cells_of_length (GkReport *report,
                       glong     length,
                       GkCell  **found)
{
  GkTable *table = gk_report_get_table (report, GK_TABLE_3);
  guint n = 0;

  g_assert_nonnull (table);
  for (guint i = 0; i < gk_table_get_n_cells (table); i++)
    {
      GkCell *cell = gk_table_get_cell (table, i);

      if (g_utf8_strlen (gk_cell_get_raw (cell), -1) == length)
        {
          *found = cell;
          n++;
        }
    }
  return n;
}

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

static void
test_cell_length (void)
{
  g_autofree char *digits = g_strnfill (5000, '7');
  g_autofree char *text = seed_with_new_row (digits, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = NULL;
  GkParseLimits limits;
  GkFinding *finding;
  GkCell *cell = NULL;

  gk_parse_limits_init (&limits);

  /* The value is cut to the limit, the rest of the report is intact, and
   * a finding says so. */
  report = parse_with (text, strlen (text), &limits, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_cells_of_length (report, 5000, &cell), ==, 0);
  g_assert_cmpuint (count_cells_of_length (report, GK_PARSE_DEFAULT_MAX_CELL_LENGTH, &cell), ==, 1);
  g_assert_cmpstr (gk_cell_get_row (cell), ==, "new");
  g_assert_true (g_str_has_prefix (digits, gk_cell_get_raw (cell)));
  g_assert_cmpuint (gk_table_get_n_cells (gk_report_get_table (report, GK_TABLE_3)), ==, 25 * 7);

  finding = find_finding (report, "t3:long@");
  g_assert_nonnull (finding);
  g_assert_cmpint (gk_finding_get_severity (finding), ==, GK_SEVERITY_WARNING);
  g_assert_cmpuint (gk_finding_get_line (finding), ==, 62);
  g_assert_cmpstr (gk_finding_get_message (finding), ==,
                   "Table 3, line 62: a cell holds 5000 characters, more than the 1000 a cell can hold; only the first 1000 were kept");
  g_clear_object (&report);

  /* The limit is the caller's. */
  limits.max_cell_length = 2000;
  report = parse_with (text, strlen (text), &limits, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_cells_of_length (report, 2000, &cell), ==, 1);
  g_assert_nonnull (find_finding (report, "t3:long@"));
  g_clear_object (&report);

  /* A value of exactly the limit's length is kept whole, without a word. */
  limits.max_cell_length = 5000;
  report = parse_with (text, strlen (text), &limits, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_cells_of_length (report, 5000, &cell), ==, 1);
  g_assert_null (find_finding (report, "t3:long@"));
}

/* A label far longer than any of the templates' is cut too, but it is
 * still known by its first words, and costs no finding: nothing of the
 * tables was lost. */
static void
test_label_length (void)
{
  g_autoptr(GString) tail = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *plain = seed_with_new_row (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = NULL;
  g_autoptr(GkReport) expected = NULL;
  GkTable *table, *expected_table;

  for (guint i = 0; i < 3000; i++)
    g_string_append (tail, "很");
  text = seed_with_new_row (NULL, tail->str);

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
  g_assert_null (find_finding (report, "t3:long@"));
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
  const guint depth = 100000;
  g_autoptr(GString) page = g_string_new ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < depth; i++)
    g_string_append (page, i % 2 ? "<div>" : "<table><tr><td>");
  g_string_append (page, "本年新收政府信息公开申请数量</td></tr></table></body></html>");
  bytes = g_string_free_to_bytes (g_steal_pointer (&page));

  if (parse_hostile (bytes, "deep.html", &error) || reader_missing (error))
    return;
  /* Either refused for its depth, or read without the depths: never a
   * crash. */
  g_assert_true (error->code == GK_PARSE_ERROR_LIMIT || error->code == GK_PARSE_ERROR_NO_TABLES
                 || error->code == GK_PARSE_ERROR_CORRUPT);
}

static void
add_entry (struct archive *zip,
           const char     *name,
           const char     *data,
           gsize           size,
           gsize           repeat)
{
  struct archive_entry *entry = archive_entry_new ();

  archive_entry_set_pathname (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, size * repeat);
  g_assert_cmpint (archive_write_header (zip, entry), ==, ARCHIVE_OK);
  for (gsize i = 0; i < repeat; i++)
    g_assert_cmpint (archive_write_data (zip, data, size), ==, (la_ssize_t) size);
  archive_entry_free (entry);
}

/* A Word document whose body inflates from some 100 kB to 128 MB: the
 * reader must stop long before, and say it refused a zip bomb. */
static void
test_docx_bomb (void)
{
  static const char types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
  static const char head[] =
    "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:body><w:p><w:r><w:t>";
  g_autofree char *spaces = g_strnfill (1024 * 1024, ' ');
  struct archive *zip = archive_write_new ();
  gsize capacity = 4 * 1024 * 1024;
  g_autofree guint8 *buffer = g_malloc (capacity);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  size_t used = 0;

  g_assert_cmpint (archive_write_set_format_zip (zip), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_zip_set_compression_deflate (zip), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open_memory (zip, buffer, capacity, &used), ==, ARCHIVE_OK);
  add_entry (zip, "[Content_Types].xml", types, strlen (types), 1);
  /* The body starts like one, then is all spaces. */
  {
    struct archive_entry *entry = archive_entry_new ();
    const gsize repeat = 128;

    archive_entry_set_pathname (entry, "word/document.xml");
    archive_entry_set_filetype (entry, AE_IFREG);
    archive_entry_set_perm (entry, 0644);
    archive_entry_set_size (entry, strlen (head) + repeat * 1024 * 1024);
    g_assert_cmpint (archive_write_header (zip, entry), ==, ARCHIVE_OK);
    g_assert_cmpint (archive_write_data (zip, head, strlen (head)), ==, (la_ssize_t) strlen (head));
    for (gsize i = 0; i < repeat; i++)
      g_assert_cmpint (archive_write_data (zip, spaces, 1024 * 1024), ==, 1024 * 1024);
    archive_entry_free (entry);
  }
  g_assert_cmpint (archive_write_close (zip), ==, ARCHIVE_OK);
  archive_write_free (zip);
  g_test_message ("the bomb: %" G_GSIZE_FORMAT " bytes", (gsize) used);
  bytes = g_bytes_new (buffer, used);

  g_assert_false (parse_hostile (bytes, "bomb.docx", &error));
  if (reader_missing (error))
    return;
  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT);
}

/* A PDF of 50,000 empty pages, 5 MB: far more pages than a report has. */
static void
test_pdf_pages (void)
{
  const guint n_pages = 50000;
  g_autoptr(GString) pdf = g_string_new ("%PDF-1.4\n");
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize xref, offset;

  /* 1: catalog, 2: pages, 3…: one page each. */
  offset = pdf->len;
  g_array_append_val (offsets, offset);
  g_string_append (pdf, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
  offset = pdf->len;
  g_array_append_val (offsets, offset);
  g_string_append (pdf, "2 0 obj << /Type /Pages /Count ");
  g_string_append_printf (pdf, "%u /Kids [", n_pages);
  for (guint i = 0; i < n_pages; i++)
    g_string_append_printf (pdf, "%u 0 R ", i + 3);
  g_string_append (pdf, "] >> endobj\n");
  for (guint i = 0; i < n_pages; i++)
    {
      offset = pdf->len;
      g_array_append_val (offsets, offset);
      g_string_append_printf (pdf, "%u 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n", i + 3);
    }
  xref = pdf->len;
  g_string_append_printf (pdf, "xref\n0 %u\n0000000000 65535 f \n", offsets->len + 1);
  for (guint i = 0; i < offsets->len; i++)
    g_string_append_printf (pdf, "%010" G_GSIZE_FORMAT " 00000 n \n", g_array_index (offsets, gsize, i));
  g_string_append_printf (pdf, "trailer << /Size %u /Root 1 0 R >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                          offsets->len + 1, xref);
  bytes = g_string_free_to_bytes (g_steal_pointer (&pdf));

  g_assert_false (parse_hostile (bytes, "pages.pdf", &error));
  if (reader_missing (error))
    return;
  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT);
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
  g_test_add_func ("/limits/label-length", test_label_length);
  g_test_add_func ("/limits/html-nesting", test_html_nesting);
  g_test_add_func ("/limits/docx-zip-bomb", test_docx_bomb);
  g_test_add_func ("/limits/pdf-pages", test_pdf_pages);

  return g_test_run ();
}
