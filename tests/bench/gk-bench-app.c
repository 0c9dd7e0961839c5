/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-bench-app.c: the desktop app's benchmark runner, over the same core
 * and chart code the app runs, without a display.
 *
 *   gk-bench-app import DIR DB   import every report under DIR into a
 *                                fresh library at DB, as the window does
 *   gk-bench-app load DB         load the library the app opens at start
 *   gk-bench-app chart DB        redraw the whole library's trend chart
 *   gk-bench-app check DB        compare every agency's reports with each
 *                                other again (C1–C3, D1, D2), as the app
 *                                does in the background after an import
 *
 * Each prints what it measured, and last a line for scripts:
 *   RESULT import reports=N added=N versions=N duplicates=N failed=N
 *          seconds=S worker_seconds=S filing_seconds=S cpu_seconds=S
 *          rss_kb=N
 *   RESULT load reports=N agencies=N seconds=S rss_kb=N
 *   RESULT chart reports=N years=N redraws=N outcomes_ms=M disputes_ms=M
 *          ms=M
 *   RESULT check agencies=N seconds=S
 * (each on one line).  rss_kb is the process's peak resident set size
 * (getrusage ru_maxrss).  GK_BENCH_REDRAWS sets the number of redraws per
 * chart kind (200). */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/resource.h>
#include <pango/pangocairo.h>

#include "gk-core.h"
#include "gk-chart-model.h"
#include "gk-chart-render.h"

#define CHART_WIDTH  1000
#define CHART_HEIGHT 600

static long
peak_rss_kb (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return -1;
  return usage.ru_maxrss;  /* kilobytes on Linux */
}

/* User and system time of the whole process, every thread, in seconds. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return 0;
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
         + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static double
seconds_since (gint64 start)
{
  return MAX (g_get_monotonic_time () - start, 1) / 1e6;
}

static GkStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  GkStore *store = gk_store_open (path, &error);

  if (store == NULL)
    g_printerr ("gk-bench-app: %s: %s\n", path, error->message);
  return store;
}

/* ---- import ---------------------------------------------------------- */

typedef struct
{
  GMainLoop *loop;
  GPtrArray *outcomes;
  GError    *error;
  gint64     finished_at;
} ImportRun;

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ImportRun *run = user_data;

  run->outcomes = gk_importer_import_finish (GK_IMPORTER (object), result, &run->error);
  run->finished_at = g_get_monotonic_time ();
  g_main_loop_quit (run->loop);
}

/* What the window does: gk_importer_import_async() in a worker thread,
 * progress published on this thread's main loop, then
 * gk_library_add_outcomes() to show what was added.  The time runs from
 * the call to the last report filed. */
static int
bench_import (const char *dir,
              const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkStore) store = NULL;
  g_autoptr(GkLibrary) library = NULL;
  g_autoptr(GkImporter) importer = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GMainLoop) loop = NULL;
  ImportRun run = { 0 };
  guint added = 0, versions = 0, duplicates = 0, failed = 0;
  const char *first_failure = NULL;
  g_autofree char *first_failure_name = NULL;
  gint64 start, close_start;
  double seconds, worker_seconds, filing_seconds, close_seconds;
  double cpu_start, cpu;
  long rss_kb;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_printerr ("gk-bench-app: %s is not a folder\n", dir);
      return 1;
    }
  /* A fresh library only: never import into (or delete) one that exists. */
  if (g_file_test (db, G_FILE_TEST_EXISTS))
    {
      g_printerr ("gk-bench-app: %s exists; the import benchmark wants a fresh library\n", db);
      return 1;
    }

  store = open_store (db);
  if (store == NULL)
    return 1;
  library = gk_library_new (store);
  if (!gk_library_load (library, &error))
    {
      g_printerr ("gk-bench-app: %s\n", error->message);
      return 1;
    }
  importer = gk_importer_new (store);
  loop = g_main_loop_new (NULL, FALSE);
  run.loop = loop;
  g_ptr_array_add (files, g_file_new_for_path (dir));

  cpu_start = cpu_seconds ();
  start = g_get_monotonic_time ();
  gk_importer_import_async (importer, files, NULL, import_done_cb, &run);
  g_main_loop_run (loop);
  if (run.outcomes == NULL)
    {
      g_printerr ("gk-bench-app: the import failed: %s\n", run.error ? run.error->message : "?");
      g_clear_error (&run.error);
      return 1;
    }
  gk_library_add_outcomes (library, run.outcomes);
  seconds = seconds_since (start);
  cpu = cpu_seconds () - cpu_start;
  worker_seconds = MAX (run.finished_at - start, 1) / 1e6;
  filing_seconds = seconds - worker_seconds;
  rss_kb = peak_rss_kb ();

  for (guint i = 0; i < run.outcomes->len; i++)
    {
      GkImportOutcome *outcome = g_ptr_array_index (run.outcomes, i);

      switch (gk_import_outcome_get_status (outcome))
        {
        case GK_IMPORT_ADDED:
          added++;
          break;
        case GK_IMPORT_NEW_VERSION:
          versions++;
          break;
        case GK_IMPORT_DUPLICATE:
          duplicates++;
          break;
        case GK_IMPORT_FAILED:
        default:
          failed++;
          if (first_failure == NULL)
            {
              first_failure = gk_import_outcome_get_message (outcome);
              first_failure_name = gk_import_outcome_dup_name (outcome);
            }
          break;
        }
    }

  /* Closing checkpoints the write-ahead log: the app pays it on quit, not
   * while the user waits, so it is shown apart. */
  close_start = g_get_monotonic_time ();
  g_clear_object (&importer);
  g_clear_object (&library);
  g_clear_object (&store);
  close_seconds = seconds_since (close_start);

  g_print ("imported %u files into a fresh library in %.3f s: %.0f reports/s\n",
           run.outcomes->len, seconds, run.outcomes->len / seconds);
  g_print ("  %u added, %u kept as other versions, %u duplicates, %u failed\n",
           added, versions, duplicates, failed);
  if (first_failure != NULL)
    g_print ("  first failure: %s: %s\n", first_failure_name, first_failure);
  g_print ("  importer (read, parse, check, store) %.3f s; filing into the library %.3f s\n",
           worker_seconds, filing_seconds);
  g_print ("  CPU time %.3f s (user + system, all threads): %.0f%% of one core\n",
           cpu, 100 * cpu / seconds);
  g_print ("  closing the library %.3f s (not counted); peak memory %.1f MB\n",
           close_seconds, rss_kb * 1024 / 1e6);
  g_print ("RESULT import reports=%u added=%u versions=%u duplicates=%u failed=%u "
           "seconds=%.6f worker_seconds=%.6f filing_seconds=%.6f cpu_seconds=%.6f rss_kb=%ld\n",
           run.outcomes->len, added, versions, duplicates, failed,
           seconds, worker_seconds, filing_seconds, cpu, rss_kb);

  g_ptr_array_unref (run.outcomes);
  return 0;
}

/* ---- load ------------------------------------------------------------ */

/* What the window does at start: open the store and load the library. */
static GkLibrary *
load_library (const char *db,
              double     *seconds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkStore) store = NULL;
  g_autoptr(GkLibrary) library = NULL;
  gint64 start;

  if (!g_file_test (db, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("gk-bench-app: no library at %s\n", db);
      return NULL;
    }

  start = g_get_monotonic_time ();
  store = open_store (db);
  if (store == NULL)
    return NULL;
  library = gk_library_new (store);
  if (!gk_library_load (library, &error))
    {
      g_printerr ("gk-bench-app: %s\n", error->message);
      return NULL;
    }
  if (seconds != NULL)
    *seconds = seconds_since (start);

  return g_steal_pointer (&library);
}

static int
bench_load (const char *db)
{
  g_autoptr(GkLibrary) library = NULL;
  double seconds = 0;
  long rss_kb;
  guint n_reports, n_agencies;

  library = load_library (db, &seconds);
  if (library == NULL)
    return 1;
  rss_kb = peak_rss_kb ();
  n_reports = g_list_model_get_n_items (G_LIST_MODEL (library));
  n_agencies = g_list_model_get_n_items (gk_library_get_agencies (library));

  g_print ("loaded %u reports of %u agencies in %.3f s; peak memory %.1f MB\n",
           n_reports, n_agencies, seconds, rss_kb * 1024 / 1e6);
  g_print ("RESULT load reports=%u agencies=%u seconds=%.6f rss_kb=%ld\n",
           n_reports, n_agencies, seconds, rss_kb);
  return 0;
}

/* ---- check ----------------------------------------------------------- */

static int
bench_check (const char *db)
{
  g_autoptr(GkLibrary) library = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GListModel *agencies;
  guint n_agencies, n_lone = 0;
  gint64 start;
  double seconds;

  library = load_library (db, NULL);
  if (library == NULL)
    return 1;
  /* Whatever was pending at opening first. */
  while (gk_library_is_checking (library))
    g_main_context_iteration (NULL, TRUE);

  agencies = gk_library_get_agencies (library);
  n_agencies = g_list_model_get_n_items (agencies);
  for (guint i = 0; i < n_agencies; i++)
    {
      g_autoptr(GkAgency) agency = g_list_model_get_item (agencies, i);

      g_ptr_array_add (names, g_strdup (gk_agency_get_name (agency)));
      if (gk_agency_get_n_reports (agency) <= 1)
        n_lone++;
    }
  g_ptr_array_add (names, NULL);

  if (!gk_store_add_cross_pending (gk_library_get_store (library),
                                   (const char * const *) names->pdata, &error))
    {
      g_printerr ("gk-bench-app: %s\n", error->message);
      return 1;
    }
  g_clear_object (&library);

  /* As the app after an import of the whole corpus: at opening, every
   * agency is to be compared again. */
  start = g_get_monotonic_time ();
  library = load_library (db, NULL);
  if (library == NULL)
    return 1;
  while (gk_library_is_checking (library))
    g_main_context_iteration (NULL, TRUE);
  seconds = seconds_since (start);

  g_print ("compared the reports of %u agencies (%u with one report) in %.3f s\n",
           n_agencies, n_lone, seconds);
  g_print ("RESULT check agencies=%u seconds=%.6f\n", n_agencies, seconds);
  return 0;
}

/* ---- chart ----------------------------------------------------------- */

/* The rule of gk_trends_collect_reports() (src/ui/gk-trends-view.c, which
 * needs GTK): one report per agency and year, the first listed (the
 * active version), so that nothing is summed twice. */
static GPtrArray *
collect_reports (GListModel *agencies)
{
  GPtrArray *reports = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint a = 0; a < g_list_model_get_n_items (agencies); a++)
    {
      g_autoptr(GkAgency) agency = g_list_model_get_item (agencies, a);
      g_autoptr(GHashTable) years = g_hash_table_new (g_direct_hash, g_direct_equal);

      for (guint r = 0; r < g_list_model_get_n_items (G_LIST_MODEL (agency)); r++)
        {
          g_autoptr(GkReport) report = g_list_model_get_item (G_LIST_MODEL (agency), r);
          int year = gk_report_get_year (report);

          if (year <= 0 || g_hash_table_contains (years, GINT_TO_POINTER (year)))
            continue;
          g_hash_table_add (years, GINT_TO_POINTER (year));
          g_ptr_array_add (reports, g_steal_pointer (&report));
        }
    }

  return reports;
}

typedef struct
{
  PangoLayout *layout;
} Measure;

/* The widget measures with its own Pango layout; so does the bench. */
static void
measure_cb (const char *text,
            double     *width,
            double     *height,
            gpointer    user_data)
{
  Measure *measure = user_data;
  int w, h;

  pango_layout_set_text (measure->layout, text, -1);
  pango_layout_get_pixel_size (measure->layout, &w, &h);
  *width = w;
  *height = h;
}

/* Times @n redraws as GkTrendChart's snapshot does them: lay the model out
 * at the widget's size, then gk_chart_render() over a cleared surface.
 * Returns milliseconds per redraw. */
static double
time_redraws (GkChartModel *model,
              guint         n)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 10");
  g_autoptr(PangoLayout) layout = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  GkChartStyle style = *gk_chart_style_get_light ();
  GkChartMetrics metrics;
  Measure measure;
  gint64 start;
  double ms;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, CHART_WIDTH, CHART_HEIGHT);
  cr = cairo_create (surface);
  layout = pango_cairo_create_layout (cr);
  pango_layout_set_font_description (layout, font);
  measure.layout = layout;

  /* The widget's style: the theme's background shows through, the title
   * and the legend are widgets of their own. */
  style.background.alpha = 0;
  style.show_title = FALSE;
  style.show_legend = FALSE;
  style.font = "Sans 10";

  gk_chart_metrics_init (&metrics, 10 * 96.0 / 72.0);
  metrics.measure = measure_cb;
  metrics.measure_data = &measure;

  /* One redraw first, so that fonts and glyph caches are warm as they are
   * in a running app. */
  gk_chart_model_layout (model, CHART_WIDTH, CHART_HEIGHT, &metrics);
  gk_chart_render (cr, model, CHART_WIDTH, CHART_HEIGHT, &style);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      /* A GTK snapshot starts from an empty node: clear. */
      cairo_save (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_restore (cr);

      /* Move the hover across the years, as the pointer does. */
      if (gk_chart_model_get_n_years (model) > 0)
        gk_chart_model_set_highlight (model, i % gk_chart_model_get_n_years (model), -1);

      gk_chart_model_layout (model, CHART_WIDTH, CHART_HEIGHT, &metrics);
      gk_chart_render (cr, model, CHART_WIDTH, CHART_HEIGHT, &style);
    }
  cairo_surface_flush (surface);
  ms = (g_get_monotonic_time () - start) / 1e3 / MAX (n, 1);

  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    g_printerr ("gk-bench-app: cairo: %s\n", cairo_status_to_string (cairo_status (cr)));

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return ms;
}

static int
bench_chart (const char *db)
{
  static const struct { GkChartKind kind; const char *name; } kinds[] = {
    { GK_CHART_OUTCOMES, "outcomes" },
    { GK_CHART_DISPUTES, "disputes" },
  };
  g_autoptr(GkLibrary) library = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GkChartModel) model = NULL;
  const char *redraws_env = g_getenv ("GK_BENCH_REDRAWS");
  guint n = redraws_env ? (guint) g_ascii_strtoull (redraws_env, NULL, 10) : 200;
  double ms[G_N_ELEMENTS (kinds)];
  double feed_ms[G_N_ELEMENTS (kinds)];
  double worst = 0;
  guint n_years = 0;

  if (n == 0)
    n = 200;

  library = load_library (db, NULL);
  if (library == NULL)
    return 1;
  reports = collect_reports (gk_library_get_agencies (library));
  model = gk_chart_model_new (GK_CHART_OUTCOMES);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      gint64 start = g_get_monotonic_time ();

      /* What the trends page does when the kind or the scope changes. */
      gk_chart_model_set_kind (model, kinds[k].kind);
      gk_chart_model_set_reports (model, reports, "Whole library");
      feed_ms[k] = (g_get_monotonic_time () - start) / 1e3;
      n_years = gk_chart_model_get_n_years (model);

      ms[k] = time_redraws (model, n);
      worst = MAX (worst, ms[k]);
      g_print ("chart %s: %u reports over %u years; %u redraws at %d×%d: %.3f ms each "
               "(feeding the model once: %.1f ms)\n",
               kinds[k].name, reports->len, n_years, n, CHART_WIDTH, CHART_HEIGHT,
               ms[k], feed_ms[k]);
    }

  g_print ("RESULT chart reports=%u years=%u redraws=%u outcomes_ms=%.4f disputes_ms=%.4f ms=%.4f\n",
           reports->len, n_years, n, ms[0], ms[1], worst);
  return 0;
}

static int
usage (void)
{
  g_printerr ("usage: gk-bench-app import DIR DB\n"
              "       gk-bench-app load DB\n"
              "       gk-bench-app chart DB\n"
              "       gk-bench-app check DB\n");
  return 2;
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");

  if (argc == 4 && strcmp (argv[1], "import") == 0)
    return bench_import (argv[2], argv[3]);
  if (argc == 3 && strcmp (argv[1], "load") == 0)
    return bench_load (argv[2]);
  if (argc == 3 && strcmp (argv[1], "chart") == 0)
    return bench_chart (argv[2]);
  if (argc == 3 && strcmp (argv[1], "check") == 0)
    return bench_check (argv[2]);
  return usage ();
}
