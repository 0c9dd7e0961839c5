/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-bench-parse.c: the parser benchmark's runner.  Streams a corpus on one
 * core: reads each file, parses it (gk_parse_bytes), runs the checks on it
 * (gk_checks_run) and drops it, so memory stays that of one report.
 *
 *   gk-bench-parse DIR|FILE…
 *
 * A directory stands for the *.txt files in it, in name order.  Prints the
 * throughput, and last a line for scripts:
 *   RESULT reports=N failed=N bytes=N seconds=S */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "gk-core.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
add_inputs (GPtrArray  *files,
            const char *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (files, g_strdup (path));
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return;

  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (files, g_build_filename (path, g_ptr_array_index (names, i), NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *first_error = NULL;
  guint64 bytes = 0;
  guint reports = 0, failed = 0;
  guint64 errors = 0, warnings = 0;
  gint64 start, elapsed;
  double seconds;

  setlocale (LC_ALL, "");

  if (argc < 2 || g_str_has_prefix (argv[1], "-"))
    {
      g_printerr ("usage: gk-bench-parse DIR|FILE…\n");
      return 2;
    }

  for (int i = 1; i < argc; i++)
    add_inputs (files, argv[i]);

  if (files->len == 0)
    {
      g_printerr ("gk-bench-parse: no report files\n");
      return 1;
    }

  start = g_get_monotonic_time ();

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) data = NULL;
      g_autoptr(GkReport) report = NULL;
      char *contents;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      bytes += length;
      data = g_bytes_new_take (contents, length);

      report = gk_parse_bytes (data, path, &error);
      reports++;
      if (report == NULL)
        {
          failed++;
          if (first_error == NULL)
            first_error = g_strdup_printf ("%s: %s", path, error ? error->message : "no report");
          continue;
        }

      gk_checks_run (report);
      errors += gk_report_count_findings (report, GK_FINDING_FAILED, GK_SEVERITY_ERROR);
      warnings += gk_report_count_findings (report, GK_FINDING_FAILED, GK_SEVERITY_WARNING);
    }

  elapsed = g_get_monotonic_time () - start;
  seconds = MAX (elapsed, 1) / 1e6;

  g_print ("parsed %u reports (%u failed to parse), %.1f MB in %.3f s on one core\n",
           reports, failed, bytes / 1e6, seconds);
  g_print ("%.1f MB/s, %.0f reports/s (MB = 10^6 bytes)\n",
           bytes / 1e6 / seconds, reports / seconds);
  g_print ("findings: %" G_GUINT64_FORMAT " errors, %" G_GUINT64_FORMAT " warnings\n",
           errors, warnings);
  if (first_error != NULL)
    g_print ("first parse failure: %s\n", first_error);
  g_print ("RESULT reports=%u failed=%u bytes=%" G_GUINT64_FORMAT " seconds=%.6f\n",
           reports, failed, bytes, seconds);

  return 0;
}
