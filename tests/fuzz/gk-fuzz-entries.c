/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-fuzz"

#include "config.h"

#include <string.h>
#include <archive.h>
#include <archive_entry.h>

#include "gk-core.h"
#include "gk-docx-reader.h"
#include "gk-format.h"
#include "gk-html-reader.h"
#include "gk-pdf-reader.h"
#include "gk-scraped.h"

#include "gk-fuzz-entries.h"

/* A crash is not the only failure a fuzzer can find: each entry point
 * also checks what its callers rely on (an error or a result, never both
 * nor neither; an error of the documented domain with a message; rows and
 * cells well formed; tables complete).  g_assert() aborts, which libFuzzer
 * reports as a crash with its input. */

static void
check_message (const char *message)
{
  g_assert_nonnull (message);
  g_assert_cmpstr (message, !=, "");
  if (!g_utf8_validate (message, -1, NULL))
    {
      g_autofree char *escaped = g_strescape (message, NULL);
      g_error ("a message that is not UTF-8: \"%s\"", escaped);
    }
}

static void
check_error (const GError *error,
             GQuark        domain)
{
  g_assert_nonnull (error);
  g_assert_cmpuint (error->domain, ==, domain);
  check_message (error->message);
}

static void
check_rows (GPtrArray *rows)
{
  g_assert_nonnull (rows);

  for (guint r = 0; r < rows->len; r++)
    {
      const GkTextRow *row = g_ptr_array_index (rows, r);

      g_assert_nonnull (row);
      g_assert_cmpint (row->layout, >=, GK_ROW_PROSE);
      g_assert_cmpint (row->layout, <=, GK_ROW_GRID);
      g_assert_cmpuint (row->n_cells, >=, 1);
      if (row->layout == GK_ROW_PROSE)
        g_assert_cmpuint (row->n_cells, ==, 1);
      g_assert_nonnull (row->joined);
      g_assert_true (g_utf8_validate (row->joined, -1, NULL));

      for (guint c = 0; c < row->n_cells; c++)
        {
          const GkTextCell *cell = &row->cells[c];

          g_assert_true (g_utf8_validate (cell->raw, -1, NULL));
          g_assert_true (g_utf8_validate (cell->norm, -1, NULL));
          g_assert_cmpint (cell->klass, >=, GK_VALUE_NUMBER);
          g_assert_cmpint (cell->klass, <=, GK_VALUE_TEXT);
        }
    }
}

/* Everything the app and the CLI do with a parsed report. */
static void
check_report (GkReport *report)
{
  GkTable *table;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);

  g_assert_true (GK_IS_REPORT (report));

  gk_checks_run (report);

  /* A present table has every cell of its template. */
  table = gk_report_get_table (report, GK_TABLE_3);
  if (table != NULL)
    {
      guint n = gk_table_get_n_cells (table);
      g_assert_true (n == 23 * 7 || n == 25 * 7);
    }
  table = gk_report_get_table (report, GK_TABLE_4);
  if (table != NULL)
    g_assert_cmpuint (gk_table_get_n_cells (table), ==, 15);

  for (GkTableId id = GK_TABLE_2; id <= GK_TABLE_4; id++)
    {
      table = gk_report_get_table (report, id);
      for (guint i = 0; table != NULL && i < gk_table_get_n_cells (table); i++)
        g_assert_true (g_utf8_validate (gk_cell_get_raw (gk_table_get_cell (table, i)), -1, NULL));
    }

  for (guint i = 0; i < GK_N_SECTIONS; i++)
    {
      const char *section = gk_report_get_section (report, i);
      g_assert_true (section == NULL || g_utf8_validate (section, -1, NULL));
    }

  {
    GListModel *findings = gk_report_get_findings (report);

    for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
      {
        g_autoptr(GkFinding) finding = g_list_model_get_item (findings, i);
        check_message (gk_finding_get_message (finding));
      }
  }

  node = gk_report_to_json (report);
  json = gk_report_json_to_string (node, FALSE);
  g_assert_true (g_utf8_validate (json, -1, NULL));

  gk_export_csv_append_report (csv, report);
  g_assert_true (g_utf8_validate (csv->str, csv->len, NULL));
}

/* Text as the decoder hands it on: UTF-8, cut at a NUL. */
static char *
to_text (const guint8 *data,
         gsize         size)
{
  const guint8 *nul = memchr (data, '\0', size);

  return g_utf8_make_valid ((const char *) data, nul ? (gssize) (nul - data) : (gssize) size);
}

/**
 * gk_fuzz_init:
 *
 * Makes criticals and warnings fatal, as g_test_init() does: a failed
 * g_return_if_fail() on hostile input is a bug the fuzzer must report.
 */
void
gk_fuzz_init (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_FATAL_MASK);
  /* Types and quarks registered before the first input, so that they are
   * not taken for a leak of it. */
  g_type_ensure (GK_TYPE_REPORT);
  g_type_ensure (GK_TYPE_FINDING);
  (void) gk_parse_error_quark ();
  (void) gk_decode_error_quark ();
}

/* Bytes to UTF-8: the BOMs, UTF-16 guessing, GB18030, uchardet, and the
 * explicit conversions the readers ask for. */
void
gk_fuzz_decode (const guint8 *data,
                gsize         size)
{
  static const char * const charsets[] = { "UTF-8", "GB18030", "GBK", "UTF-16LE", "UTF-16BE", "BIG5" };
  g_autoptr(GError) error = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *text = gk_decode_text (data, size, &encoding, &error);

  if (text == NULL)
    {
      check_error (error, GK_DECODE_ERROR);
      g_assert_null (encoding);
    }
  else
    {
      g_assert_no_error (error);
      g_assert_nonnull (encoding);
      g_assert_true (g_utf8_validate (text, -1, NULL));
      g_assert_null (strchr (text, '\r'));
    }

  if (size > 0)
    {
      g_autoptr(GError) with_error = NULL;
      g_autofree char *with = gk_decode_with (data + 1, size - 1, charsets[data[0] % G_N_ELEMENTS (charsets)],
                                              &with_error);

      if (with == NULL)
        check_error (with_error, GK_DECODE_ERROR);
      else
        g_assert_true (g_utf8_validate (with, -1, NULL));
    }
}

/* Text to rows: blocks, tab-separated, pipe and markdown rows, and the
 * scraped-text pass; then rows made the way the format readers make
 * them. */
void
gk_fuzz_layout (const guint8 *data,
                gsize         size)
{
  g_autofree char *text = to_text (data, size);
  g_autoptr(GPtrArray) rows = gk_layout_read (text);

  check_rows (rows);

  if (gk_scraped_applies (rows))
    {
      g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
      GPtrArray *rebuilt = gk_scraped_rebuild (rows, findings);

      g_clear_pointer (&rows, g_ptr_array_unref);
      rows = rebuilt;
      check_rows (rows);
      for (guint i = 0; i < findings->len; i++)
        check_message (gk_finding_get_message (g_ptr_array_index (findings, i)));
    }

  /* A grid row of the first lines, one cell each, empty ones blank. */
  {
    g_auto(GStrv) lines = g_strsplit (text, "\n", 65);
    guint n = MIN (g_strv_length (lines), 64);
    g_autofree const char **cells = g_new0 (const char *, MAX (n, 1));
    g_autoptr(GPtrArray) grid = gk_text_rows_new ();

    for (guint i = 0; i < n; i++)
      cells[i] = lines[i][0] != '\0' ? lines[i] : NULL;
    if (n > 0)
      g_ptr_array_add (grid, gk_text_row_new (GK_ROW_GRID, 1, cells, n));
    g_ptr_array_add (grid, gk_text_row_new (GK_ROW_PROSE, 1, (const char * const *) &text, 1));
    check_rows (grid);
  }
}

/* A report's text, parsed and checked. */
void
gk_fuzz_text (const guint8 *data,
              gsize         size)
{
  g_autofree char *text = to_text (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = gk_parse_text (text, "fuzz.txt", &error);

  if (report == NULL)
    check_error (error, GK_PARSE_ERROR);
  else
    {
      g_assert_no_error (error);
      check_report (report);
    }
}

/* A file as the importer reads it: sniffed, read by its format's reader
 * or decoded, parsed and checked. */
void
gk_fuzz_parse (const guint8 *data,
               gsize         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = gk_parse_bytes (bytes, "fuzz", &error);

  if (report == NULL)
    check_error (error, GK_PARSE_ERROR);
  else
    {
      g_assert_no_error (error);
      g_assert_true (g_utf8_validate (gk_report_get_encoding (report), -1, NULL));
      check_report (report);
    }
}

static void
check_reader_result (GPtrArray *rows,
                     GError    *error)
{
  if (rows == NULL)
    check_error (error, GK_PARSE_ERROR);
  else
    {
      g_assert_no_error (error);
      check_rows (rows);
    }
}

/* The readers are called directly, whatever the sniffer would say: a file
 * that starts like HTML may be anything after its first kilobyte. */
void
gk_fuzz_html (const guint8 *data,
              gsize         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *encoding = NULL;
  g_autoptr(GPtrArray) rows = gk_html_read (data, size, &encoding, &error);

  check_reader_result (rows, error);
  if (rows != NULL && encoding != NULL)
    g_assert_true (g_utf8_validate (encoding, -1, NULL));
}

/* Adds a stored (uncompressed) entry to a zip being written. */
static void
add_zip_entry (struct archive *zip,
               const char     *name,
               const void     *data,
               gsize           size)
{
  struct archive_entry *entry = archive_entry_new ();

  archive_entry_set_pathname (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, size);
  g_assert_cmpint (archive_write_header (zip, entry), ==, ARCHIVE_OK);
  if (size > 0)
    g_assert_cmpint (archive_write_data (zip, data, size), ==, (la_ssize_t) size);
  archive_entry_free (entry);
}

/* A Word document around @xml as its word/document.xml.  The body of a
 * real DOCX is deflated, which mutations cannot see through: an input that
 * is not a zip is taken as the body, so that the fuzzer works on the XML
 * the reader walks. */
static GBytes *
zip_document (const guint8 *xml,
              gsize         size)
{
  static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "</Types>";
  struct archive *zip = archive_write_new ();
  gsize capacity = size + sizeof content_types + 4096;
  guint8 *buffer = g_malloc (capacity);
  size_t used = 0;

  g_assert_cmpint (archive_write_set_format_zip (zip), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_zip_set_compression_store (zip), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open_memory (zip, buffer, capacity, &used), ==, ARCHIVE_OK);
  add_zip_entry (zip, "[Content_Types].xml", content_types, sizeof content_types - 1);
  add_zip_entry (zip, "word/document.xml", xml, size);
  g_assert_cmpint (archive_write_close (zip), ==, ARCHIVE_OK);
  archive_write_free (zip);

  return g_bytes_new_take (buffer, used);
}

void
gk_fuzz_docx (const guint8 *data,
              gsize         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) zipped = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  if (size < 4 || memcmp (data, "PK\x03\x04", 4) != 0)
    {
      zipped = zip_document (data, size);
      data = g_bytes_get_data (zipped, &size);
    }

  rows = gk_docx_read (data, size, &error);
  check_reader_result (rows, error);
}

void
gk_fuzz_pdf (const guint8 *data,
             gsize         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = gk_pdf_read (data, size, &error);

  check_reader_result (rows, error);
}

static const GkFuzzTarget targets[] = {
  { "decode", gk_fuzz_decode, "decode" },
  { "layout", gk_fuzz_layout, "text" },
  { "text",   gk_fuzz_text,   "text" },
  { "parse",  gk_fuzz_parse,  "decode text html docx pdf" },
  { "html",   gk_fuzz_html,   "html" },
  { "docx",   gk_fuzz_docx,   "docx" },
  { "pdf",    gk_fuzz_pdf,    "pdf" },
};

const GkFuzzTarget *
gk_fuzz_targets (guint *n_targets)
{
  *n_targets = G_N_ELEMENTS (targets);
  return targets;
}

const GkFuzzTarget *
gk_fuzz_target_lookup (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    if (strcmp (targets[i].name, name) == 0)
      return &targets[i];
  return NULL;
}
