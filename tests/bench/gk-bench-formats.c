/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-bench-formats.c: the formats benchmark's runner.  Takes the first
 * COUNT reports of the text corpus, renders each into every format a
 * report reaches users in (the test support's writers: web pages in three
 * styles, Word, and more as readers land), then times gk_parse_bytes over
 * each format's documents on one core, from bytes in memory, so that what
 * is measured is the reader and the parser, not the disk.
 *
 *   gk-bench-formats DIR COUNT
 *
 * Prints a line per format, and for scripts:
 *   RESULT format=NAME reports=N failed=N bytes=N seconds=S */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "gk-core.h"
#include "gk-report-docx.h"
#include "gk-report-html.h"
#include "gk-report-pdf.h"
#include "gk-report-scraped.h"
#include "gk-report-writer.h"

typedef GBytes *(*RenderFunc) (GkReport *report, GError **error);

static GBytes *
render_text (GkReport  *report,
             GError   **error)
{
  g_autofree char *text = gk_report_write (report, GK_WRITE_TSV);
  return gk_report_encode (text, GK_WRITE_UTF8, error);
}

static GBytes *
render_html_portal_gbk (GkReport  *report,
                        GError   **error)
{
  return gk_report_write_html (report, GK_HTML_PORTAL, GK_HTML_GB2312, error);
}

static GBytes *
render_html_word (GkReport  *report,
                  GError   **error)
{
  return gk_report_write_html (report, GK_HTML_WORD, GK_HTML_UTF8, error);
}

static GBytes *
render_docx (GkReport  *report,
             GError   **error)
{
  return gk_report_write_docx (report, error);
}

static GBytes *
render_pdf (GkReport  *report,
            GError   **error)
{
  GkPdfOptions options;

  gk_pdf_options_init (&options);
  return gk_report_write_pdf (report, &options, NULL);
}

static GBytes *
render_scraped (GkReport  *report,
                GError   **error)
{
  char *text = gk_report_write_scraped (report, GK_SCRAPED_PAGE_ONE_LINE, 1, NULL);
  return g_bytes_new_take (text, strlen (text));
}

static const struct
{
  const char *key;
  const char *name;
  RenderFunc  render;
} formats[] = {
  { "text", "text (tsv, utf-8)", render_text },
  { "html-portal", "html (portal page, gbk)", render_html_portal_gbk },
  { "html-word", "html (word export, utf-8)", render_html_word },
  { "docx", "docx", render_docx },
  { "pdf", "pdf", render_pdf },
  { "scraped", "scraped text (one line)", render_scraped },
};

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
first_reports (const char *dir_path,
               guint       count)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *reports = g_ptr_array_new_with_free_func (g_object_unref);
  const char *name;

  if (dir == NULL)
    return reports;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len && reports->len < count; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);
      g_autofree char *contents = NULL;
      gsize length;
      g_autoptr(GBytes) bytes = NULL;
      GkReport *report;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;
      bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      report = gk_parse_bytes (bytes, g_ptr_array_index (names, i), NULL);
      if (report != NULL)
        g_ptr_array_add (reports, report);
    }

  return reports;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) reports = NULL;
  guint count;

  setlocale (LC_ALL, "");
  if (argc != 3 || (count = (guint) g_ascii_strtoull (argv[2], NULL, 10)) == 0)
    {
      g_printerr ("usage: gk-bench-formats DIR COUNT\n");
      return 2;
    }

  reports = first_reports (argv[1], count);
  if (reports->len == 0)
    {
      g_printerr ("gk-bench-formats: no reports in %s\n", argv[1]);
      return 1;
    }

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      guint64 total_bytes = 0;
      guint n_failed = 0;
      gint64 start;
      double seconds;

      for (guint i = 0; i < reports->len; i++)
        {
          g_autoptr(GError) error = NULL;
          GBytes *bytes = formats[f].render (g_ptr_array_index (reports, i), &error);

          if (bytes == NULL)
            {
              g_printerr ("gk-bench-formats: %s: %s\n", formats[f].name, error->message);
              return 1;
            }
          total_bytes += g_bytes_get_size (bytes);
          g_ptr_array_add (documents, bytes);
        }

      start = g_get_monotonic_time ();
      for (guint i = 0; i < documents->len; i++)
        {
          g_autoptr(GkReport) report = gk_parse_bytes (g_ptr_array_index (documents, i), "bench", NULL);

          if (report == NULL)
            n_failed++;
          else
            gk_checks_run (report);
        }
      seconds = (g_get_monotonic_time () - start) / 1e6;

      g_print ("%-28s %5u reports, %7.1f MB in %6.3f s: %7.0f reports/s, %6.1f MB/s%s\n",
               formats[f].name, documents->len, total_bytes / 1e6, seconds,
               documents->len / seconds, total_bytes / 1e6 / seconds,
               n_failed > 0 ? " (some failed)" : "");
      g_print ("RESULT format=%s reports=%u failed=%u bytes=%" G_GUINT64_FORMAT " seconds=%.6f\n",
               formats[f].key, documents->len, n_failed, total_bytes, seconds);
    }

  return 0;
}
