/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-chart-size.c: a chart exported at a chosen size has that size: a
 * PNG its pixels, a PDF its page in points; a size out of bounds is an
 * error in words. */

#include "config.h"

#include <string.h>
#include <cairo.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "gk-chart-model.h"
#include "gk-chart-render.h"
#include "gk-chart-size.h"

static GkChartModel *
make_model (void)
{
  static const int years[] = { 2019, 2020, 2021 };
  static const double values[] = { 132, 216, 180 };
  GkChartModel *model = gk_chart_model_new (GK_CHART_OUTCOMES);

  gk_chart_model_set_years (model, years, G_N_ELEMENTS (years));
  gk_chart_model_set_series (model, GK_CHART_SERIES_GRANTED, values, G_N_ELEMENTS (years));
  return model;
}

static void
test_presets_png (void)
{
  g_autoptr(GkChartModel) model = make_model ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gk-chart-size-XXXXXX", &error);
  const GkChartSizePreset *presets;
  gboolean seen_large = FALSE;
  guint n;

  g_assert_no_error (error);
  presets = gk_chart_size_presets (&n);
  g_assert_cmpuint (n, >=, 3);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_build_filename (dir, "chart.png", NULL);
      cairo_surface_t *png;

      g_assert_true (gk_chart_size_check (presets[i].width, presets[i].height, NULL));
      g_assert_true (gk_chart_export_png (model, NULL, presets[i].width, presets[i].height, path, &error));
      g_assert_no_error (error);

      png = cairo_image_surface_create_from_png (path);
      g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (png), ==, presets[i].width);
      g_assert_cmpint (cairo_image_surface_get_height (png), ==, presets[i].height);
      cairo_surface_destroy (png);
      g_unlink (path);

      if (presets[i].width == 1600 && presets[i].height == 1000)
        seen_large = TRUE;
    }
  g_assert_true (seen_large);

  /* And a size of one's own. */
  {
    g_autofree char *path = g_build_filename (dir, "custom.png", NULL);
    cairo_surface_t *png;

    g_assert_true (gk_chart_export_png (model, NULL, 1234, 567, path, &error));
    png = cairo_image_surface_create_from_png (path);
    g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1234);
    g_assert_cmpint (cairo_image_surface_get_height (png), ==, 567);
    cairo_surface_destroy (png);
    g_unlink (path);
  }

  g_rmdir (dir);
}

/* A4 landscape as a PDF is an A4 page. */
static void
test_a4_pdf (void)
{
  g_autoptr(GkChartModel) model = make_model ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gk-chart-size-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  PopplerDocument *document;
  PopplerPage *page;
  double width, height;

  g_assert_true (gk_chart_export_pdf (model, NULL, 842, 595, path, &error));
  g_assert_no_error (error);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1);
  page = poppler_document_get_page (document, 0);
  poppler_page_get_size (page, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 842, 0.5);
  g_assert_cmpfloat_with_epsilon (height, 595, 0.5);
  g_object_unref (page);
  g_object_unref (document);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_bounds (void)
{
  static const int bad[][2] = {
    { 0, 500 }, { 800, 0 }, { -800, 500 }, { 199, 500 }, { 800, GK_CHART_SIZE_MAX + 1 }, { 100000, 100000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (gk_chart_size_check (bad[i][0], bad[i][1], &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_nonnull (strstr (error->message, "cannot be exported"));
    }

  g_assert_true (gk_chart_size_check (GK_CHART_SIZE_MIN, GK_CHART_SIZE_MAX, NULL));
  g_assert_true (gk_chart_size_check (GK_CHART_SIZE_DEFAULT_WIDTH, GK_CHART_SIZE_DEFAULT_HEIGHT, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart-size/presets-png", test_presets_png);
  g_test_add_func ("/chart-size/a4-pdf", test_a4_pdf);
  g_test_add_func ("/chart-size/bounds", test_bounds);

  return g_test_run ();
}
