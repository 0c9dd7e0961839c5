/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The trend chart without a display: the model's aggregation, ranges, ticks,
 * geometry, hit-testing and words, and the render function measured pixel by
 * pixel on a cairo image surface. */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "gk-core.h"
#include "gk-chart-model.h"
#include "gk-chart-render.h"

#define WIDTH  640
#define HEIGHT 400

/* Building reports by hand: the parser is not needed to chart numbers. */

typedef struct
{
  const char *row;
  const char *column;
  const char *raw;
} Cell;

static GkReport *
make_report (int         year,
             GkTemplate  template_,
             const char *agency,
             const Cell *t3,
             const Cell *t4)
{
  GkReport *report = gk_report_new ();
  const Cell *cells[] = { t3, t4 };
  const GkTableId ids[] = { GK_TABLE_3, GK_TABLE_4 };

  gk_report_set_year (report, year, NULL, 0, 1.0);
  gk_report_set_template (report, template_);
  gk_report_set_agency (report, agency, NULL, 0, 1.0);

  for (guint t = 0; t < G_N_ELEMENTS (ids); t++)
    {
      g_autoptr(GkTable) table = NULL;

      if (cells[t] == NULL)
        continue;
      table = gk_table_new (ids[t], template_);
      for (const Cell *c = cells[t]; c->row != NULL; c++)
        {
          g_autoptr(GkCell) cell = gk_cell_new (ids[t], c->row,
                                                c->column != NULL ? c->column : "total",
                                                c->raw, 0);
          gk_table_add_cell (table, cell);
        }
      gk_report_set_table (report, table);
    }

  return report;
}

static GkChartModel *
outcomes_with (const int    *years,
               guint         n_years,
               GkChartSeries series,
               const double *values)
{
  GkChartModel *model = gk_chart_model_new (GK_CHART_OUTCOMES);

  gk_chart_model_set_years (model, years, n_years);
  gk_chart_model_set_series (model, series, values, n_years);
  return model;
}

static void
assert_ticks (GkChartModel *model,
              GkChartAxis   axis,
              const double *expected,
              guint         n_expected)
{
  const GkChartTick *ticks;
  guint n;

  ticks = gk_chart_model_get_ticks (model, axis, &n);
  g_assert_cmpuint (n, ==, n_expected);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (ticks[i].value, expected[i], 1e-9);
}

/* Ranges and ticks. */

static void
test_ticks_216 (void)
{
  const int years[] = { 2020 };
  const double granted[] = { 89 };
  const double partial[] = { 127 };
  const double expected[] = { 0, 50, 100, 150, 200, 250 };
  g_autoptr(GkChartModel) model = outcomes_with (years, 1, GK_CHART_SERIES_GRANTED, granted);
  const GkChartTick *ticks;
  GkChartRect plot;
  double min, max;
  guint n;

  /* The stack of 89 + 127 is what has to fit. */
  gk_chart_model_set_series (model, GK_CHART_SERIES_PARTIAL, partial, 1);
  gk_chart_model_layout (model, WIDTH, HEIGHT, NULL);

  g_assert_true (gk_chart_model_get_plot_rect (model, &plot));
  g_assert_cmpfloat (plot.width, >, WIDTH / 2);
  g_assert_cmpfloat (plot.height, >, HEIGHT / 2);
  gk_chart_model_get_range (model, GK_CHART_AXIS_COUNT, &min, &max);
  g_assert_cmpfloat (min, ==, 0);
  g_assert_cmpfloat (max, ==, 250);
  assert_ticks (model, GK_CHART_AXIS_COUNT, expected, G_N_ELEMENTS (expected));

  /* Labels are plain integers, the baseline at the bottom of the plot, the
   * top tick at its top. */
  ticks = gk_chart_model_get_ticks (model, GK_CHART_AXIS_COUNT, &n);
  g_assert_cmpstr (ticks[0].label, ==, "0");
  g_assert_cmpstr (ticks[5].label, ==, "250");
  g_assert_cmpfloat_with_epsilon (ticks[0].y, plot.y + plot.height, 1e-9);
  g_assert_cmpfloat_with_epsilon (ticks[5].y, plot.y, 1e-9);
  g_assert_false (gk_chart_model_has_axis (model, GK_CHART_AXIS_PERCENT));

  /* A line alone sets the range as well. */
  {
    const double fresh[] = { 216 };
    g_autoptr(GkChartModel) line = outcomes_with (years, 1, GK_CHART_SERIES_NEW, fresh);

    gk_chart_model_layout (line, WIDTH, HEIGHT, NULL);
    assert_ticks (line, GK_CHART_AXIS_COUNT, expected, G_N_ELEMENTS (expected));
  }
}

static void
test_ticks_small (void)
{
  const int years[] = { 2020, 2021 };
  const double seven[] = { 3, 7 };
  const double expected[] = { 0, 2, 4, 6, 8 };
  const double one[] = { 1, 0 };
  const double zeros[] = { 0, 0 };
  g_autoptr(GkChartModel) model = outcomes_with (years, 2, GK_CHART_SERIES_GRANTED, seven);
  const GkChartTick *ticks;
  guint n;

  gk_chart_model_layout (model, WIDTH, HEIGHT, NULL);
  assert_ticks (model, GK_CHART_AXIS_COUNT, expected, G_N_ELEMENTS (expected));

  /* Never a fractional count. */
  gk_chart_model_set_series (model, GK_CHART_SERIES_GRANTED, one, 2);
  gk_chart_model_layout (model, WIDTH, HEIGHT, NULL);
  ticks = gk_chart_model_get_ticks (model, GK_CHART_AXIS_COUNT, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (ticks[1].label, ==, "1");

  /* Zeros are data: a scale with the zeros on its baseline, not "empty". */
  gk_chart_model_set_series (model, GK_CHART_SERIES_GRANTED, zeros, 2);
  g_assert_false (gk_chart_model_is_empty (model));
  gk_chart_model_layout (model, WIDTH, HEIGHT, NULL);
  ticks = gk_chart_model_get_ticks (model, GK_CHART_AXIS_COUNT, &n);
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpfloat (ticks[0].value, ==, 0);
}

static gboolean
is_nice (double step)
{
  double magnitude = pow (10, floor (log10 (step) + 1e-9));
  double norm = step / magnitude;

  return fabs (norm - 1) < 1e-9 || fabs (norm - 2) < 1e-9 || fabs (norm - 5) < 1e-9;
}

/* Every maximum gets a 0 baseline, a whole-number 1-2-5 step, between 2 and 6
 * intervals and a top that covers the data without wasting half the plot. */
static void
test_ticks_property (void)
{
  const int years[] = { 2021 };
  g_autoptr(GkChartModel) model = gk_chart_model_new (GK_CHART_OUTCOMES);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240101);

  gk_chart_model_set_years (model, years, 1);

  for (guint i = 0; i < 2000; i++)
    {
      double value = i < 200 ? (double) i + 1 : (double) g_rand_int_range (rand, 1, 2000000);
      const GkChartTick *ticks;
      double step;
      guint n;

      gk_chart_model_set_series (model, GK_CHART_SERIES_NEW, &value, 1);
      gk_chart_model_layout (model, WIDTH, HEIGHT, NULL);
      ticks = gk_chart_model_get_ticks (model, GK_CHART_AXIS_COUNT, &n);

      g_assert_cmpuint (n, >=, 2);
      g_assert_cmpuint (n, <=, 7);
      g_assert_cmpfloat (ticks[0].value, ==, 0);
      g_assert_cmpfloat (ticks[n - 1].value, >=, value);
      step = ticks[1].value - ticks[0].value;
      g_assert_true (is_nice (step));
      g_assert_cmpfloat (step, >=, 1);
      g_assert_cmpfloat (step, ==, floor (step));
      g_assert_cmpfloat (ticks[n - 1].value - step, <, value);
      for (guint t = 1; t < n; t++)
        g_assert_cmpfloat (ticks[t].y, <, ticks[t - 1].y);
    }
}

static void
test_ticks_short_plot (void)
{
  const int years[] = { 2021 };
  const double value[] = { 216 };
  g_autoptr(GkChartModel) model = outcomes_with (years, 1, GK_CHART_SERIES_NEW, value);
  guint n;

  /* A short chart gets fewer ticks rather than overlapping labels. */
  gk_chart_model_layout (model, WIDTH, 120, NULL);
  gk_chart_model_get_ticks (model, GK_CHART_AXIS_COUNT, &n);
  g_assert_cmpuint (n, <=, 4);
  g_assert_cmpuint (n, >=, 2);
}

static void
test_percent_axis (void)
{
  const int years[] = { 2020, 2021 };
  const double review[] = { 40, 24 };
  const double rates[][2] = { { 12.5, 33.3 }, { 60, 80 }, { 0, 0 }, { 2, 1.5 } };
  g_autoptr(GkChartModel) model = gk_chart_model_new (GK_CHART_DISPUTES);
  int rate = gk_chart_model_series_index (model, GK_CHART_SERIES_CORRECTED_RATE);

  g_assert_cmpint (rate, ==, 3);
  g_assert_cmpint (gk_chart_model_series_index (model, GK_CHART_SERIES_GRANTED), ==, -1);
  gk_chart_model_set_years (model, years, 2);
  gk_chart_model_set_series (model, 0, review, 2);

  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      const GkChartTick *count, *percent;
      guint n_count, n_percent;
      double max = MAX (rates[i][0], rates[i][1]);

      gk_chart_model_set_series (model, rate, rates[i], 2);
      gk_chart_model_layout (model, WIDTH, HEIGHT, NULL);
      g_assert_true (gk_chart_model_has_axis (model, GK_CHART_AXIS_PERCENT));

      percent = gk_chart_model_get_ticks (model, GK_CHART_AXIS_PERCENT, &n_percent);
      count = gk_chart_model_get_ticks (model, GK_CHART_AXIS_COUNT, &n_count);
      g_assert_cmpfloat (percent[0].value, ==, 0);
      g_assert_cmpfloat (percent[n_percent - 1].value, >=, max);
      g_assert_cmpfloat (percent[n_percent - 1].value, <=, 100);
      g_assert_nonnull (strchr (percent[1].label, '%'));

      /* Where a nice step allows, both axes share the grid lines. */
      if (n_percent == n_count)
        for (guint t = 0; t < n_count; t++)
          g_assert_cmpfloat_with_epsilon (percent[t].y, count[t].y, 1e-9);

      /* A share of 0 % is shown against the whole scale. */
      if (max == 0)
        g_assert_cmpfloat (percent[n_percent - 1].value, ==, 100);
    }

  /* 12.5 % and 33.3 % with the count axis at 0…40 in 4 intervals: 0…40 %. */
  gk_chart_model_set_series (model, rate, rates[0], 2);
  gk_chart_model_layout (model, WIDTH, HEIGHT, NULL);
  {
    double min, max;

    gk_chart_model_get_range (model, GK_CHART_AXIS_PERCENT, &min, &max);
    g_assert_cmpfloat (max, ==, 40);
  }
}

static void
test_empty (void)
{
  const int years[] = { 2019, 2020 };
  const double nothing[] = { NAN, NAN };
  g_autoptr(GkChartModel) model = gk_chart_model_new (GK_CHART_OUTCOMES);
  g_autofree char *text = NULL;
  GkChartRect plot;
  guint year, n;
  int series;

  g_assert_true (gk_chart_model_is_empty (model));
  gk_chart_model_layout (model, WIDTH, HEIGHT, NULL);
  g_assert_false (gk_chart_model_get_plot_rect (model, &plot));
  g_assert_false (gk_chart_model_has_axis (model, GK_CHART_AXIS_COUNT));
  gk_chart_model_get_ticks (model, GK_CHART_AXIS_COUNT, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_false (gk_chart_model_nearest (model, WIDTH / 2, HEIGHT / 2, &year, &series));
  text = gk_chart_model_describe (model);
  g_assert_nonnull (strstr (text, "No data"));

  /* Years whose every value is missing are no data either. */
  gk_chart_model_set_years (model, years, 2);
  gk_chart_model_set_series (model, GK_CHART_SERIES_GRANTED, nothing, 2);
  g_assert_true (gk_chart_model_is_empty (model));
  gk_chart_model_layout (model, WIDTH, HEIGHT, NULL);
  g_assert_false (gk_chart_model_get_plot_rect (model, &plot));
  g_assert_false (gk_chart_model_has_axis (model, GK_CHART_AXIS_COUNT));
}

/* Feeding reports. */

static const Cell t3_2019_a[] = {
  { "new", NULL, "216" }, { "granted", NULL, "89" }, { "partial", NULL, "18" },
  { "denied.1", NULL, "2" }, { "denied.2", NULL, "0" }, { "denied.3", NULL, "0" },
  { "denied.4", NULL, "1" }, { "denied.5", NULL, "3" }, { "denied.6", NULL, "2" },
  { "denied.7", NULL, "6" }, { "denied.8", NULL, "0" },
  { "unable.1", NULL, "53" }, { "unable.2", NULL, "1" }, { "unable.3", NULL, "0" },
  { "rejected.1", NULL, "1" }, { "rejected.2", NULL, "0" }, { "rejected.3", NULL, "0" },
  { "rejected.4", NULL, "0" }, { "rejected.5", NULL, "0" },
  { "other", NULL, "36" }, { "total", NULL, "212" },
  /* A different column must not leak in. */
  { "granted", "natural", "78" },
  { NULL, NULL, NULL }
};

static const Cell t3_2021_a[] = {
  { "new", NULL, "120" }, { "granted", NULL, "50" }, { "partial", NULL, "10" },
  { "denied.1", NULL, "1" },
  { "unable.1", NULL, "20" },
  { "rejected.2", NULL, "4" },
  { "other.1", NULL, "1" }, { "other.2", NULL, "2" }, { "other.3", NULL, "3" },
  { NULL, NULL, NULL }
};

/* A second agency of 2021, with 其他处理 blank and 不予公开 not applicable. */
static const Cell t3_2021_b[] = {
  { "new", NULL, "30" }, { "granted", NULL, "20" }, { "partial", NULL, "" },
  { "denied.1", NULL, "/" }, { "denied.2", NULL, "—" },
  { "unable.1", NULL, "5" },
  { "other.1", NULL, "" }, { "other.2", NULL, "" }, { "other.3", NULL, "" },
  { NULL, NULL, NULL }
};

static const Cell t3_2023[] = {
  { "new", NULL, "7" }, { "granted", NULL, "" },
  { NULL, NULL, NULL }
};

static GPtrArray *
sample_reports (void)
{
  GPtrArray *reports = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (reports, make_report (2021, GK_TEMPLATE_2021, "乙区", t3_2021_b, NULL));
  g_ptr_array_add (reports, make_report (2020, GK_TEMPLATE_2019, "甲区", t3_2019_a, NULL));
  g_ptr_array_add (reports, make_report (2023, GK_TEMPLATE_2021, "甲区", t3_2023, NULL));
  g_ptr_array_add (reports, make_report (2021, GK_TEMPLATE_2021, "甲区", t3_2021_a, NULL));
  /* A report without a year cannot be placed. */
  g_ptr_array_add (reports, make_report (0, GK_TEMPLATE_2021, "甲区", t3_2021_a, NULL));

  return reports;
}

static void
assert_value (GkChartModel  *model,
              guint          year_index,
              GkChartSeries  id,
              double         expected)
{
  int series = gk_chart_model_series_index (model, id);
  double value = -1;

  g_assert_cmpint (series, >=, 0);
  if (isnan (expected))
    g_assert_false (gk_chart_model_get_value (model, year_index, series, &value));
  else
    {
      g_assert_true (gk_chart_model_get_value (model, year_index, series, &value));
      g_assert_cmpfloat_with_epsilon (value, expected, 1e-9);
    }
}

static void
test_reports_outcomes (void)
{
  g_autoptr(GPtrArray) reports = sample_reports ();
  g_autoptr(GkChartModel) model = gk_chart_model_new (GK_CHART_OUTCOMES);

  gk_chart_model_set_reports (model, reports, "甲区与乙区");
  g_assert_cmpstr (gk_chart_model_get_label (model), ==, "甲区与乙区");

  /* 2020 … 2023: 2022 has no report but keeps its place on the axis. */
  g_assert_cmpuint (gk_chart_model_get_n_years (model), ==, 4);
  g_assert_cmpint (gk_chart_model_get_year (model, 0), ==, 2020);
  g_assert_cmpint (gk_chart_model_get_year (model, 2), ==, 2022);
  g_assert_cmpint (gk_chart_model_get_year (model, 3), ==, 2023);

  /* 2020, the 2019 template: sums of the sub-rows, the one 其他处理 row. */
  assert_value (model, 0, GK_CHART_SERIES_NEW, 216);
  assert_value (model, 0, GK_CHART_SERIES_GRANTED, 89);
  assert_value (model, 0, GK_CHART_SERIES_PARTIAL, 18);
  assert_value (model, 0, GK_CHART_SERIES_DENIED, 14);
  assert_value (model, 0, GK_CHART_SERIES_UNABLE, 54);
  assert_value (model, 0, GK_CHART_SERIES_REJECTED, 1);
  assert_value (model, 0, GK_CHART_SERIES_OTHER, 36);
  g_assert_false (gk_chart_model_get_incomplete (model, 0, GK_CHART_SERIES_DENIED));

  /* 2021, two agencies summed; the three 2021 其他处理 rows line up with
   * the 2019 row. */
  assert_value (model, 1, GK_CHART_SERIES_NEW, 150);
  assert_value (model, 1, GK_CHART_SERIES_GRANTED, 70);
  assert_value (model, 1, GK_CHART_SERIES_OTHER, 6);
  assert_value (model, 1, GK_CHART_SERIES_UNABLE, 25);
  /* Agency B's blanks are missing, not zero: the sums cover agency A only
   * and say so. */
  assert_value (model, 1, GK_CHART_SERIES_PARTIAL, 10);
  g_assert_true (gk_chart_model_get_incomplete (model, 1, GK_CHART_SERIES_PARTIAL));
  g_assert_true (gk_chart_model_get_incomplete (model, 1, GK_CHART_SERIES_OTHER));
  g_assert_true (gk_chart_model_get_incomplete (model, 1, GK_CHART_SERIES_DENIED));
  g_assert_false (gk_chart_model_get_incomplete (model, 1, GK_CHART_SERIES_NEW));

  /* 2022: no report at all; 2023: a blank granted cell is missing. */
  for (guint s = 0; s < gk_chart_model_get_n_series (model); s++)
    assert_value (model, 2, s, NAN);
  assert_value (model, 3, GK_CHART_SERIES_NEW, 7);
  assert_value (model, 3, GK_CHART_SERIES_GRANTED, NAN);
  assert_value (model, 3, GK_CHART_SERIES_OTHER, NAN);

  /* Missing years are drawn as missing: no bar, no line point. */
  gk_chart_model_layout (model, WIDTH, HEIGHT, NULL);
  {
    GkChartRect r;
    guint year;
    int series;

    g_assert_false (gk_chart_model_get_bar_rect (model, 2, GK_CHART_SERIES_GRANTED, &r));
    g_assert_false (gk_chart_model_get_point (model, 2, GK_CHART_SERIES_NEW, NULL, NULL));
    g_assert_true (gk_chart_model_get_category_rect (model, 2, &r));
    g_assert_true (gk_chart_model_nearest (model, r.x + r.width / 2, r.y + r.height / 2,
                                           &year, &series));
    g_assert_cmpuint (year, ==, 2);
    g_assert_cmpint (series, ==, -1);
  }
}

static void
test_reports_label (void)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GkChartModel) model = gk_chart_model_new (GK_CHART_OUTCOMES);

  /* One agency names itself; a set of agencies needs the caller's label. */
  g_ptr_array_add (reports, make_report (2021, GK_TEMPLATE_2021, "甲区", t3_2021_a, NULL));
  gk_chart_model_set_reports (model, reports, NULL);
  g_assert_cmpstr (gk_chart_model_get_label (model), ==, "甲区");
  g_assert_cmpuint (gk_chart_model_get_n_years (model), ==, 1);

  g_ptr_array_add (reports, make_report (2021, GK_TEMPLATE_2021, "乙区", t3_2021_b, NULL));
  gk_chart_model_set_reports (model, reports, NULL);
  g_assert_null (gk_chart_model_get_label (model));

  /* No reports: empty. */
  gk_chart_model_set_reports (model, NULL, NULL);
  g_assert_true (gk_chart_model_is_empty (model));
  g_assert_cmpuint (gk_chart_model_get_n_years (model), ==, 0);
}

static const Cell t4_a[] = {
  { "review", "corrected", "2" }, { "review", "total", "10" },
  { "suit_direct", "corrected", "1" }, { "suit_direct", "total", "5" },
  { "suit_after_review", "corrected", "" }, { "suit_after_review", "total", "" },
  { NULL, NULL, NULL }
};

static const Cell t4_b[] = {
  { "review", "corrected", "0" }, { "review", "total", "0" },
  { "suit_direct", "corrected", "0" }, { "suit_direct", "total", "0" },
  { "suit_after_review", "corrected", "0" }, { "suit_after_review", "total", "0" },
  { NULL, NULL, NULL }
};

static const Cell t4_c[] = {
  { "review", "corrected", "1" }, { "review", "total", "3" },
  { "suit_direct", "corrected", "0" }, { "suit_direct", "total", "2" },
  { "suit_after_review", "corrected", "1" }, { "suit_after_review", "total", "5" },
  { NULL, NULL, NULL }
};

static void
test_reports_disputes (void)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GkChartModel) model = gk_chart_model_new (GK_CHART_DISPUTES);
  g_autofree char *tooltip = NULL;
  int rate;

  g_ptr_array_add (reports, make_report (2019, GK_TEMPLATE_2019, "甲区", t3_2019_a, t4_a));
  g_ptr_array_add (reports, make_report (2020, GK_TEMPLATE_2019, "甲区", t3_2019_a, t4_b));
  g_ptr_array_add (reports, make_report (2021, GK_TEMPLATE_2021, "甲区", NULL, t4_c));
  g_ptr_array_add (reports, make_report (2021, GK_TEMPLATE_2021, "乙区", NULL, t4_a));
  gk_chart_model_set_reports (model, reports, NULL);
  rate = gk_chart_model_series_index (model, GK_CHART_SERIES_CORRECTED_RATE);

  g_assert_cmpuint (gk_chart_model_get_n_years (model), ==, 3);
  assert_value (model, 0, GK_CHART_SERIES_REVIEW, 10);
  assert_value (model, 0, GK_CHART_SERIES_SUIT_DIRECT, 5);
  assert_value (model, 0, GK_CHART_SERIES_SUIT_AFTER_REVIEW, NAN);
  /* (2 + 1) / (10 + 5), the blank third group left out of both sides. */
  assert_value (model, 0, GK_CHART_SERIES_CORRECTED_RATE, 20);
  g_assert_true (gk_chart_model_get_incomplete (model, 0, rate));

  /* 0 of 0 is no share, not 0 %. */
  assert_value (model, 1, GK_CHART_SERIES_REVIEW, 0);
  assert_value (model, 1, GK_CHART_SERIES_CORRECTED_RATE, NAN);

  /* Two agencies: (1 + 0 + 1 + 2 + 1) / (3 + 2 + 5 + 10 + 5) = 5 / 25. */
  assert_value (model, 2, GK_CHART_SERIES_REVIEW, 13);
  assert_value (model, 2, GK_CHART_SERIES_SUIT_AFTER_REVIEW, 5);
  assert_value (model, 2, GK_CHART_SERIES_CORRECTED_RATE, 20);
  /* Agency B's blank group makes the 2021 sum of that group incomplete. */
  g_assert_true (gk_chart_model_get_incomplete (model, 2, 2));

  /* The tooltip shows the share's formula and denominator. */
  tooltip = gk_chart_model_dup_tooltip (model, 2, rate);
  g_assert_nonnull (strstr (tooltip, "2021 · 纠错率: 20%"));
  g_assert_nonnull (strstr (tooltip, "5 corrected of 25"));

  /* Switching the kind reads the same reports again. */
  gk_chart_model_set_kind (model, GK_CHART_OUTCOMES);
  g_assert_cmpuint (gk_chart_model_get_n_years (model), ==, 3);
  assert_value (model, 0, GK_CHART_SERIES_GRANTED, 89);
  assert_value (model, 2, GK_CHART_SERIES_GRANTED, NAN);
}

/* Geometry and hit-testing. */

static void
test_geometry (void)
{
  const int years[] = { 2019, 2020, 2021 };
  const double granted[] = { 50, 100, 80 };
  const double denied[] = { 20, NAN, 10 };
  const double fresh[] = { 90, 140, NAN };
  g_autoptr(GkChartModel) model = outcomes_with (years, 3, GK_CHART_SERIES_GRANTED, granted);
  GkChartRect plot, g0, g1, d0, cat;
  double x, y;

  gk_chart_model_set_series (model, GK_CHART_SERIES_DENIED, denied, 3);
  gk_chart_model_set_series (model, GK_CHART_SERIES_NEW, fresh, 3);
  gk_chart_model_layout (model, WIDTH, HEIGHT, NULL);
  gk_chart_model_get_plot_rect (model, &plot);

  /* Bars stand on the baseline, in whole pixels, inside their year. */
  g_assert_true (gk_chart_model_get_bar_rect (model, 0, GK_CHART_SERIES_GRANTED, &g0));
  g_assert_true (gk_chart_model_get_bar_rect (model, 1, GK_CHART_SERIES_GRANTED, &g1));
  g_assert_cmpfloat (g0.y + g0.height, ==, plot.y + plot.height);
  g_assert_cmpfloat (g0.x, ==, round (g0.x));
  g_assert_cmpfloat (fabs (g1.height - 2 * g0.height), <=, 1);
  gk_chart_model_get_category_rect (model, 0, &cat);
  g_assert_cmpfloat (g0.x, >=, cat.x);
  g_assert_cmpfloat (g0.x + g0.width, <=, cat.x + cat.width);

  /* Stacked: 不予公开 sits on 予以公开. */
  g_assert_true (gk_chart_model_get_bar_rect (model, 0, GK_CHART_SERIES_DENIED, &d0));
  g_assert_cmpfloat (d0.y + d0.height, ==, g0.y);
  g_assert_cmpfloat (d0.x, ==, g0.x);
  g_assert_false (gk_chart_model_get_bar_rect (model, 1, GK_CHART_SERIES_DENIED, &d0));

  /* Line points at the year's centre; none where the value is missing. */
  g_assert_true (gk_chart_model_get_point (model, 1, GK_CHART_SERIES_NEW, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, plot.x + 1.5 * plot.width / 3, 1e-9);
  g_assert_false (gk_chart_model_get_point (model, 2, GK_CHART_SERIES_NEW, &x, &y));
  g_assert_false (gk_chart_model_get_point (model, 1, GK_CHART_SERIES_GRANTED, &x, &y));
}

static void
test_disputes_grouped (void)
{
  const int years[] = { 2020, 2021 };
  const double review[] = { 10, 12 };
  const double direct[] = { 5, NAN };
  const double after[] = { 2, 4 };
  g_autoptr(GkChartModel) model = gk_chart_model_new (GK_CHART_DISPUTES);
  GkChartRect plot, a, b, c, b1;

  gk_chart_model_set_years (model, years, 2);
  gk_chart_model_set_series (model, 0, review, 2);
  gk_chart_model_set_series (model, 1, direct, 2);
  gk_chart_model_set_series (model, 2, after, 2);
  gk_chart_model_layout (model, WIDTH, HEIGHT, NULL);
  gk_chart_model_get_plot_rect (model, &plot);

  /* Side by side, each from the baseline, in a fixed order. */
  g_assert_true (gk_chart_model_get_bar_rect (model, 0, 0, &a));
  g_assert_true (gk_chart_model_get_bar_rect (model, 0, 1, &b));
  g_assert_true (gk_chart_model_get_bar_rect (model, 0, 2, &c));
  g_assert_cmpfloat (a.y + a.height, ==, plot.y + plot.height);
  g_assert_cmpfloat (b.y + b.height, ==, plot.y + plot.height);
  g_assert_cmpfloat (a.x + a.width, <=, b.x);
  g_assert_cmpfloat (b.x + b.width, <=, c.x);
  g_assert_cmpfloat (fabs (a.height - 2 * b.height), <=, 1);
  /* A missing bar leaves its slot empty rather than shifting the others. */
  g_assert_false (gk_chart_model_get_bar_rect (model, 1, 1, &b1));
  g_assert_false (gk_chart_model_has_axis (model, GK_CHART_AXIS_PERCENT));
}

static void
test_nearest (void)
{
  const int years[] = { 2019, 2020, 2021 };
  const double granted[] = { 50, 100, 80 };
  const double denied[] = { 20, 30, 10 };
  const double fresh[] = { 90, 200, 120 };
  g_autoptr(GkChartModel) model = outcomes_with (years, 3, GK_CHART_SERIES_GRANTED, granted);
  GkChartRect plot, r;
  double x, y;
  guint year;
  int series;

  gk_chart_model_set_series (model, GK_CHART_SERIES_DENIED, denied, 3);
  gk_chart_model_set_series (model, GK_CHART_SERIES_NEW, fresh, 3);
  gk_chart_model_layout (model, WIDTH, HEIGHT, NULL);
  gk_chart_model_get_plot_rect (model, &plot);

  /* Inside a segment: that segment. */
  gk_chart_model_get_bar_rect (model, 1, GK_CHART_SERIES_DENIED, &r);
  g_assert_true (gk_chart_model_nearest (model, r.x + r.width / 2, r.y + r.height / 2, &year, &series));
  g_assert_cmpuint (year, ==, 1);
  g_assert_cmpint (series, ==, GK_CHART_SERIES_DENIED);

  gk_chart_model_get_bar_rect (model, 0, GK_CHART_SERIES_GRANTED, &r);
  g_assert_true (gk_chart_model_nearest (model, r.x + 1, r.y + r.height - 1, &year, &series));
  g_assert_cmpuint (year, ==, 0);
  g_assert_cmpint (series, ==, GK_CHART_SERIES_GRANTED);

  /* Near a line point, even a little off: the line, drawn on top. */
  gk_chart_model_get_point (model, 2, GK_CHART_SERIES_NEW, &x, &y);
  g_assert_true (gk_chart_model_nearest (model, x + 3, y - 4, &year, &series));
  g_assert_cmpuint (year, ==, 2);
  g_assert_cmpint (series, ==, GK_CHART_SERIES_NEW);

  /* Beside the bar, in the year's column: still that year, the closest. */
  gk_chart_model_get_category_rect (model, 1, &r);
  g_assert_true (gk_chart_model_nearest (model, r.x + 2, plot.y + plot.height - 2, &year, &series));
  g_assert_cmpuint (year, ==, 1);
  g_assert_cmpint (series, ==, GK_CHART_SERIES_GRANTED);

  /* Outside the plot: nothing. */
  g_assert_false (gk_chart_model_nearest (model, plot.x - 5, plot.y + 10, &year, &series));
  g_assert_false (gk_chart_model_nearest (model, plot.x + 10, plot.y + plot.height + 40, &year, &series));
  g_assert_false (gk_chart_model_nearest (model, plot.x + plot.width + 1, plot.y + 10, &year, &series));
}

static void
test_years_crowded (void)
{
  int years[14];
  double values[14];
  g_autoptr(GkChartModel) model = gk_chart_model_new (GK_CHART_OUTCOMES);
  guint shown = 0;
  GkChartRect plot, r;

  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      years[i] = 2008 + i;
      values[i] = 10 * i + 5;
    }
  gk_chart_model_set_years (model, years, G_N_ELEMENTS (years));
  gk_chart_model_set_series (model, GK_CHART_SERIES_GRANTED, values, G_N_ELEMENTS (years));

  /* Wide: every year labelled. */
  gk_chart_model_layout (model, 1200, HEIGHT, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    g_assert_true (gk_chart_model_get_year_label_visible (model, i));

  /* Narrow: thinned, the latest year always labelled. */
  gk_chart_model_layout (model, 300, HEIGHT, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    shown += gk_chart_model_get_year_label_visible (model, i);
  g_assert_cmpuint (shown, <, G_N_ELEMENTS (years));
  g_assert_cmpuint (shown, >=, 2);
  g_assert_true (gk_chart_model_get_year_label_visible (model, G_N_ELEMENTS (years) - 1));

  /* Bars still fit their column and do not overlap. */
  gk_chart_model_get_plot_rect (model, &plot);
  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      GkChartRect cat;

      g_assert_true (gk_chart_model_get_bar_rect (model, i, GK_CHART_SERIES_GRANTED, &r));
      gk_chart_model_get_category_rect (model, i, &cat);
      g_assert_cmpfloat (r.width, >=, 1);
      g_assert_cmpfloat (r.x, >=, floor (cat.x));
      g_assert_cmpfloat (r.x + r.width, <=, ceil (cat.x + cat.width));
    }

  /* One year alone: a bar of modest width in the middle. */
  {
    const int one[] = { 2021 };
    const double v[] = { 42 };
    g_autoptr(GkChartModel) single = outcomes_with (one, 1, GK_CHART_SERIES_GRANTED, v);
    GkChartMetrics metrics;

    gk_chart_metrics_init (&metrics, 13);
    gk_chart_model_layout (single, WIDTH, HEIGHT, &metrics);
    gk_chart_model_get_plot_rect (single, &plot);
    g_assert_true (gk_chart_model_get_bar_rect (single, 0, GK_CHART_SERIES_GRANTED, &r));
    g_assert_cmpfloat (r.width, <=, metrics.bar_max_width + 1);
    g_assert_cmpfloat (fabs (r.x + r.width / 2 - (plot.x + plot.width / 2)), <=, 1);
    g_assert_true (gk_chart_model_get_year_label_visible (single, 0));
  }
}

/* Words. */

static void
test_describe (void)
{
  const int years[] = { 2020, 2021 };
  const double fresh[] = { 216, 120 };
  const double granted[] = { 89, 50 };
  const double partial[] = { 18, NAN };
  g_autoptr(GkChartModel) model = outcomes_with (years, 2, GK_CHART_SERIES_NEW, fresh);
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *missing = NULL;

  gk_chart_model_set_series (model, GK_CHART_SERIES_GRANTED, granted, 2);
  gk_chart_model_set_series (model, GK_CHART_SERIES_PARTIAL, partial, 2);
  gk_chart_model_set_label (model, "北京市门头沟区政府");

  text = gk_chart_model_describe (model);
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "北京市门头沟区政府: "));
  g_assert_nonnull (strstr (text, "2020–2021"));
  g_assert_nonnull (strstr (text, "2020: 本年新收 216, 予以公开 89, 部分公开 18, "));
  g_assert_nonnull (strstr (text, "2021: 本年新收 120, 予以公开 50, 部分公开 no data"));

  tooltip = gk_chart_model_dup_tooltip (model, 0, GK_CHART_SERIES_GRANTED);
  g_assert_cmpstr (tooltip, ==, "北京市门头沟区政府\n2020 · 予以公开: 89");
  missing = gk_chart_model_dup_tooltip (model, 1, GK_CHART_SERIES_PARTIAL);
  g_assert_cmpstr (missing, ==, "北京市门头沟区政府\n2021 · 部分公开: no data");
}

static void
count_cb (GkChartModel *model,
          guint        *count)
{
  (*count)++;
}

static void
test_signals (void)
{
  const int years[] = { 2020, 2021 };
  const double v[] = { 1, 2 };
  g_autoptr(GkChartModel) model = gk_chart_model_new (GK_CHART_OUTCOMES);
  guint changed = 0;

  g_signal_connect (model, "changed", G_CALLBACK (count_cb), &changed);
  gk_chart_model_set_years (model, years, 2);
  gk_chart_model_set_series (model, 0, v, 2);
  g_assert_cmpuint (changed, ==, 2);

  gk_chart_model_set_highlight (model, 1, 0);
  g_assert_cmpint (gk_chart_model_get_highlight_year (model), ==, 1);
  g_assert_cmpint (gk_chart_model_get_highlight_series (model), ==, 0);
  /* Out of range: none. */
  gk_chart_model_set_highlight (model, 7, 0);
  g_assert_cmpint (gk_chart_model_get_highlight_year (model), ==, -1);
  g_assert_cmpint (gk_chart_model_get_highlight_series (model), ==, -1);

  /* Fewer years drop a highlight past the end. */
  gk_chart_model_set_highlight (model, 1, -1);
  gk_chart_model_set_years (model, years, 1);
  g_assert_cmpint (gk_chart_model_get_highlight_year (model), ==, -1);
}

/* Rendering, measured in pixels. */

typedef struct
{
  guint8 r, g, b;
} Rgb;

static Rgb
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 p;
  Rgb rgb;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  /* Opaque pixels: premultiplication changes nothing. */
  p = *(const guint32 *) (data + y * stride + x * 4);
  g_assert_cmpuint (p >> 24, ==, 0xff);
  rgb.r = p >> 16 & 0xff;
  rgb.g = p >> 8 & 0xff;
  rgb.b = p & 0xff;
  return rgb;
}

static gboolean
same_color (Rgb                 rgb,
            const GkChartColor *color)
{
  return ABS (rgb.r - (int) round (color->red * 255)) <= 1
         && ABS (rgb.g - (int) round (color->green * 255)) <= 1
         && ABS (rgb.b - (int) round (color->blue * 255)) <= 1;
}

static cairo_surface_t *
render (GkChartModel       *model,
        const GkChartStyle *style,
        int                 width,
        int                 height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  gk_chart_render (cr, model, width, height, style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* A row of the plot halfway between two grid lines, where only bars and
 * the background can be. */
static int
clear_row (GkChartModel *model)
{
  const GkChartTick *ticks;
  guint n;

  ticks = gk_chart_model_get_ticks (model, GK_CHART_AXIS_COUNT, &n);
  g_assert_cmpuint (n, >=, 3);
  return (int) ((ticks[1].y + ticks[2].y) / 2);
}

static void
test_render_single_bar (void)
{
  const GkChartStyle *style = gk_chart_style_get_light ();
  const GkChartColor *granted_color = &style->series[GK_CHART_SERIES_GRANTED];
  const int years[] = { 2021 };
  const double granted[] = { 100 };
  g_autoptr(GkChartModel) model = outcomes_with (years, 1, GK_CHART_SERIES_GRANTED, granted);
  cairo_surface_t *surface = render (model, style, WIDTH, HEIGHT);
  GkChartRect r;
  int cx;

  /* The render laid the model out at its size: the rectangles are what
   * was drawn. */
  g_assert_true (gk_chart_model_get_bar_rect (model, 0, GK_CHART_SERIES_GRANTED, &r));
  cx = (int) (r.x + r.width / 2);

  g_assert_true (same_color (pixel (surface, cx, (int) (r.y + r.height / 2)), granted_color));
  g_assert_true (same_color (pixel (surface, (int) r.x + 1, (int) (r.y + r.height) - 1), granted_color));
  g_assert_true (same_color (pixel (surface, (int) (r.x + r.width) - 1, (int) r.y + 4), granted_color));
  /* Just above the bar, and beside it: background. */
  g_assert_true (same_color (pixel (surface, cx, (int) r.y - 4), &style->background));
  g_assert_true (same_color (pixel (surface, (int) r.x - 4, clear_row (model)), &style->background));
  g_assert_true (same_color (pixel (surface, (int) (r.x + r.width) + 3, clear_row (model)),
                             &style->background));
  g_assert_true (same_color (pixel (surface, (int) r.x + 2, clear_row (model)), granted_color));

  cairo_surface_destroy (surface);
}

/* Counts the pixels of @color in column @x going up from the baseline. */
static int
bar_height (cairo_surface_t    *surface,
            int                 x,
            int                 baseline,
            const GkChartColor *color)
{
  int n = 0;

  for (int y = baseline - 1; y >= 0 && same_color (pixel (surface, x, y), color); y--)
    n++;
  return n;
}

static void
test_render_two_bars (void)
{
  const GkChartStyle *style = gk_chart_style_get_light ();
  const GkChartColor *color = &style->series[GK_CHART_SERIES_GRANTED];
  const int years[] = { 2020, 2021 };
  const double granted[] = { 50, 100 };
  g_autoptr(GkChartModel) model = outcomes_with (years, 2, GK_CHART_SERIES_GRANTED, granted);
  cairo_surface_t *surface = render (model, style, WIDTH, HEIGHT);
  GkChartRect plot, r0, r1;
  int h0, h1, baseline;

  gk_chart_model_get_plot_rect (model, &plot);
  gk_chart_model_get_bar_rect (model, 0, GK_CHART_SERIES_GRANTED, &r0);
  gk_chart_model_get_bar_rect (model, 1, GK_CHART_SERIES_GRANTED, &r1);
  baseline = (int) (plot.y + plot.height);

  h0 = bar_height (surface, (int) (r0.x + r0.width / 2), baseline, color);
  h1 = bar_height (surface, (int) (r1.x + r1.width / 2), baseline, color);
  g_test_message ("bar heights %d and %d pixels", h0, h1);
  g_assert_cmpint (h0, >, 20);
  g_assert_cmpint (ABS (h1 - 2 * h0), <=, 2);
  /* And as tall as the model says. */
  g_assert_cmpint (ABS (h1 - (int) r1.height), <=, 1);

  cairo_surface_destroy (surface);
}

static void
test_render_stack_and_line (void)
{
  const GkChartStyle *style = gk_chart_style_get_dark ();
  const int years[] = { 2020, 2021 };
  const double granted[] = { 60, 80 };
  const double denied[] = { 40, 20 };
  const double fresh[] = { 150, 110 };
  g_autoptr(GkChartModel) model = outcomes_with (years, 2, GK_CHART_SERIES_GRANTED, granted);
  cairo_surface_t *surface;
  GkChartRect g, d;
  double x, y;

  gk_chart_model_set_series (model, GK_CHART_SERIES_DENIED, denied, 2);
  gk_chart_model_set_series (model, GK_CHART_SERIES_NEW, fresh, 2);
  surface = render (model, style, WIDTH, HEIGHT);

  /* Dark background, each segment in its colour, the line's marker in its. */
  g_assert_true (same_color (pixel (surface, 2, 2), &style->background));
  gk_chart_model_get_bar_rect (model, 0, GK_CHART_SERIES_GRANTED, &g);
  gk_chart_model_get_bar_rect (model, 0, GK_CHART_SERIES_DENIED, &d);
  g_assert_true (same_color (pixel (surface, (int) (g.x + g.width / 2), (int) (g.y + g.height / 2)),
                             &style->series[GK_CHART_SERIES_GRANTED]));
  g_assert_true (same_color (pixel (surface, (int) (d.x + d.width / 2), (int) (d.y + d.height / 2)),
                             &style->series[GK_CHART_SERIES_DENIED]));
  g_assert_true (gk_chart_model_get_point (model, 1, GK_CHART_SERIES_NEW, &x, &y));
  g_assert_true (same_color (pixel (surface, (int) x, (int) y), &style->series[GK_CHART_SERIES_NEW]));

  cairo_surface_destroy (surface);
}

static void
test_render_highlight (void)
{
  const GkChartStyle *style = gk_chart_style_get_light ();
  const int years[] = { 2020, 2021 };
  const double granted[] = { 50, 100 };
  g_autoptr(GkChartModel) model = outcomes_with (years, 2, GK_CHART_SERIES_GRANTED, granted);
  cairo_surface_t *plain, *lit;
  GkChartRect cat, r;
  int x, y;

  plain = render (model, style, WIDTH, HEIGHT);
  gk_chart_model_set_highlight (model, 0, GK_CHART_SERIES_GRANTED);
  lit = render (model, style, WIDTH, HEIGHT);

  /* The band shows in the highlighted year's column, beside its bar… */
  gk_chart_model_get_category_rect (model, 0, &cat);
  gk_chart_model_get_bar_rect (model, 0, GK_CHART_SERIES_GRANTED, &r);
  x = (int) cat.x + 3;
  y = clear_row (model);
  g_assert_true (same_color (pixel (plain, x, y), &style->background));
  g_assert_false (same_color (pixel (lit, x, y), &style->background));
  /* …and not in the other year's. */
  gk_chart_model_get_category_rect (model, 1, &cat);
  g_assert_true (same_color (pixel (lit, (int) cat.x + 3, y), &style->background));

  cairo_surface_destroy (plain);
  cairo_surface_destroy (lit);
}

static void
test_render_empty (void)
{
  const GkChartStyle *style = gk_chart_style_get_light ();
  g_autoptr(GkChartModel) model = gk_chart_model_new (GK_CHART_OUTCOMES);
  cairo_surface_t *surface = render (model, style, WIDTH, HEIGHT);
  guint text_pixels = 0;

  /* No bars, no line, no axis: background and the grey message only. */
  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      {
        Rgb rgb = pixel (surface, x, y);

        for (guint s = 0; s < GK_CHART_N_SERIES; s++)
          g_assert_false (same_color (rgb, &style->series[s]));
        g_assert_true (rgb.r == rgb.g && rgb.g == rgb.b);
        if (!same_color (rgb, &style->background))
          {
            text_pixels++;
            /* The message is centred. */
            g_assert_cmpint (ABS (y - HEIGHT / 2), <, 20);
          }
      }
  g_assert_cmpuint (text_pixels, >, 50);

  cairo_surface_destroy (surface);
}

static void
test_render_sizes (void)
{
  const int years[] = { 2019, 2020, 2021 };
  const double granted[] = { 5, 7, 3 };
  g_autoptr(GkChartModel) model = outcomes_with (years, 3, GK_CHART_SERIES_GRANTED, granted);
  const int sizes[][2] = { { 1, 1 }, { 40, 30 }, { 120, 80 }, { 2000, 1200 } };

  /* Tiny or huge, nothing breaks and the plot stays inside. */
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      cairo_surface_t *surface = render (model, NULL, sizes[i][0], sizes[i][1]);
      GkChartRect plot;

      gk_chart_model_get_plot_rect (model, &plot);
      g_assert_cmpfloat (plot.width, >=, 0);
      g_assert_cmpfloat (plot.height, >=, 0);
      g_assert_cmpfloat (plot.x + plot.width, <=, sizes[i][0]);
      cairo_surface_destroy (surface);
    }
}

/* Five years of one agency as the parser would give them: every row of
 * the template present, the rows not listed below holding 0. */
static GkChartModel *
sample_model (GkChartKind kind)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  static const char * const t3_rows[] = {
    "new", "granted", "partial", "denied.1", "denied.4", "denied.5",
    "unable.1", "unable.2", "rejected.1", "rejected.2", "other",
  };
  static const int t3_values[][G_N_ELEMENTS (t3_rows)] = {
    { 132, 61, 9, 2, 1, 3, 38, 2, 4, 1, 10 },
    { 216, 89, 18, 2, 1, 3, 53, 1, 1, 0, 36 },
    { 180, 92, 15, 1, 0, 2, 41, 3, 2, 1, 12 },
    { 241, 120, 21, 3, 2, 1, 60, 0, 3, 2, 18 },
    { 198, 104, 17, 2, 1, 0, 48, 2, 5, 0, 9 },
  };
  static const char * const t4_rows[] = { "review", "suit_direct", "suit_after_review" };
  static const int t4_values[][6] = {
    /* corrected and total of review, direct suit, suit after review */
    { 1, 8, 0, 3, 1, 2 },
    { 0, 7, 3, 24, 0, 8 },
    { 2, 11, 1, 15, 0, 4 },
    { 1, 9, 2, 12, 1, 5 },
    { 3, 14, 0, 10, 0, 3 },
  };
  GkChartModel *model;

  for (guint y = 0; y < G_N_ELEMENTS (t3_values); y++)
    {
      int year = 2019 + y;
      GkTemplate template_ = year < 2021 ? GK_TEMPLATE_2019 : GK_TEMPLATE_2021;
      g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
      const GkKeyLabel *keys;
      guint n_keys, n = 0;
      g_autofree Cell *t3 = NULL;
      Cell t4[7] = { { 0 } };

      /* 2022 is missing from the sample, as in a real collection. */
      if (year == 2022)
        continue;

      keys = gk_keys_t3_rows (template_, &n_keys);
      t3 = g_new0 (Cell, n_keys + 1);
      for (guint k = 0; k < n_keys; k++)
        {
          int value = 0;

          for (guint r = 0; r < G_N_ELEMENTS (t3_rows); r++)
            if (strcmp (keys[k].key, t3_rows[r]) == 0)
              value = t3_values[y][r];
          /* The 2021 template splits 其他处理 in three. */
          if (g_str_has_prefix (keys[k].key, "other."))
            for (guint r = 0; r < G_N_ELEMENTS (t3_rows); r++)
              if (strcmp (t3_rows[r], "other") == 0)
                value = strcmp (keys[k].key, "other.3") == 0 ? t3_values[y][r] - 3
                        : strcmp (keys[k].key, "other.1") == 0 ? 2 : 1;

          g_ptr_array_add (strings, g_strdup_printf ("%d", value));
          t3[n++] = (Cell) { keys[k].key, NULL, g_ptr_array_index (strings, strings->len - 1) };
        }

      for (guint r = 0; r < G_N_ELEMENTS (t4_rows); r++)
        {
          g_ptr_array_add (strings, g_strdup_printf ("%d", t4_values[y][2 * r]));
          t4[2 * r] = (Cell) { t4_rows[r], "corrected", g_ptr_array_index (strings, strings->len - 1) };
          g_ptr_array_add (strings, g_strdup_printf ("%d", t4_values[y][2 * r + 1]));
          t4[2 * r + 1] = (Cell) { t4_rows[r], "total", g_ptr_array_index (strings, strings->len - 1) };
        }

      g_ptr_array_add (reports, make_report (year, template_, "北京市门头沟区人民政府", t3, t4));
    }

  model = gk_chart_model_new (kind);
  gk_chart_model_set_reports (model, reports, NULL);
  return model;
}

static void
check_magic (const char *path,
             const char *magic)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpmem (contents, strlen (magic), magic, strlen (magic));
}

static void
test_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gk-chart-XXXXXX", &error);
  g_autofree char *png = NULL, *svg = NULL, *pdf = NULL, *bad = NULL;
  g_autoptr(GkChartModel) model = sample_model (GK_CHART_OUTCOMES);
  GkChartRect before, after;

  g_assert_no_error (error);
  png = g_build_filename (dir, "chart.png", NULL);
  svg = g_build_filename (dir, "chart.svg", NULL);
  pdf = g_build_filename (dir, "chart.pdf", NULL);

  /* Export lays out a copy: the geometry the widget hit-tests against
   * stays as it was. */
  gk_chart_model_layout (model, 300, 200, NULL);
  gk_chart_model_get_plot_rect (model, &before);

  g_assert_true (gk_chart_export_png (model, NULL, 800, 480, png, &error));
  g_assert_no_error (error);
  g_assert_true (gk_chart_export_svg (model, gk_chart_style_get_light (), 800, 480, svg, &error));
  g_assert_no_error (error);
  g_assert_true (gk_chart_export_pdf (model, gk_chart_style_get_dark (), 800, 480, pdf, &error));
  g_assert_no_error (error);

  check_magic (png, "\x89PNG\r\n\x1a\n");
  check_magic (svg, "<?xml");
  check_magic (pdf, "%PDF-");
  {
    g_autofree char *contents = NULL;

    g_file_get_contents (svg, &contents, NULL, NULL);
    g_assert_nonnull (strstr (contents, "<svg"));
  }

  gk_chart_model_get_plot_rect (model, &after);
  g_assert_cmpmem (&before, sizeof before, &after, sizeof after);

  /* An unwritable place is an error, not a crash. */
  bad = g_build_filename (dir, "no-such-dir", "chart.png", NULL);
  g_assert_false (gk_chart_export_png (model, NULL, 100, 100, bad, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_unlink (png);
  g_unlink (svg);
  g_unlink (pdf);
  g_rmdir (dir);
}

/* GK_CHART_SAMPLES=DIR writes the sample charts there, to look at. */
static void
test_samples (void)
{
  const char *dir = g_getenv ("GK_CHART_SAMPLES");
  g_autoptr(GkChartModel) outcomes = NULL;
  g_autoptr(GkChartModel) disputes = NULL;
  g_autoptr(GkChartModel) empty = NULL;
  g_autoptr(GkChartModel) crowded = gk_chart_model_new (GK_CHART_OUTCOMES);
  g_autoptr(GkChartModel) single = gk_chart_model_new (GK_CHART_DISPUTES);
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  const struct
  {
    const char     *name;
    GkChartModel  **model;
    gboolean        export;
  } samples[] = {
    { "outcomes-light.png", &outcomes, TRUE },
    { "outcomes-dark.png", &outcomes, FALSE },
    { "disputes-light.png", &disputes, TRUE },
    { "disputes-dark.png", &disputes, FALSE },
    { "empty.png", &empty, FALSE },
    { "crowded-light.png", &crowded, FALSE },
    { "single-light.png", &single, TRUE },
  };
  int years[14];
  double granted[14], denied[14], fresh[14];

  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      years[i] = 2008 + i;
      granted[i] = 40 + 9 * i + (i % 3) * 7;
      denied[i] = 5 + i % 4;
      fresh[i] = granted[i] + denied[i] + 12 + (i % 2) * 9;
    }
  gk_chart_model_set_years (crowded, years, G_N_ELEMENTS (years));
  gk_chart_model_set_series (crowded, GK_CHART_SERIES_GRANTED, granted, G_N_ELEMENTS (years));
  gk_chart_model_set_series (crowded, GK_CHART_SERIES_DENIED, denied, G_N_ELEMENTS (years));
  gk_chart_model_set_series (crowded, GK_CHART_SERIES_NEW, fresh, G_N_ELEMENTS (years));
  {
    const double review[] = { 7 }, direct[] = { 3 }, after[] = { 2 }, rate[] = { 16.7 };

    gk_chart_model_set_years (single, years + 13, 1);
    gk_chart_model_set_series (single, 0, review, 1);
    gk_chart_model_set_series (single, 1, direct, 1);
    gk_chart_model_set_series (single, 2, after, 1);
    gk_chart_model_set_series (single, 3, rate, 1);
    gk_chart_model_set_label (single, "西工区金谷园街道办事处");
  }

  outcomes = sample_model (GK_CHART_OUTCOMES);
  disputes = sample_model (GK_CHART_DISPUTES);
  empty = gk_chart_model_new (GK_CHART_DISPUTES);

  description = gk_chart_model_describe (outcomes);
  g_test_message ("%s", description);
  g_assert_nonnull (strstr (description, "2020: 本年新收 216, 予以公开 89, 部分公开 18, 不予公开 6, "
                                         "无法提供 54, 不予处理 1, 其他处理 36."));
  g_assert_nonnull (strstr (description, "2022: 本年新收 no data"));
  g_assert_nonnull (strstr (description, "2023: 本年新收 198, 予以公开 104"));

  if (dir == NULL)
    {
      g_test_skip ("set GK_CHART_SAMPLES=DIR to write sample charts");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = g_build_filename (dir, samples[i].name, NULL);
      const GkChartStyle *style = strstr (samples[i].name, "dark") != NULL
                                  ? gk_chart_style_get_dark () : gk_chart_style_get_light ();

      if (samples[i].export)
        g_assert_true (gk_chart_export_png (*samples[i].model, style, 760, 440, path, &error));
      else
        {
          cairo_surface_t *surface;

          /* What the widget would show, hovering 2020. */
          gk_chart_model_set_highlight (*samples[i].model, 1, 0);
          surface = render (*samples[i].model, style, *samples[i].model == crowded ? 420 : 640, 360);
          g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
          cairo_surface_destroy (surface);
          gk_chart_model_set_highlight (*samples[i].model, -1, -1);
        }
      g_assert_no_error (error);
    }
}

/* The indicator chart: one rate, a line per agency or set of agencies,
 * and the library's pooled average. */

static const Cell rate_a_2020[] = {
  { "granted", NULL, "10" }, { "partial", NULL, "5" }, { "total", NULL, "50" }, { NULL, NULL, NULL }
};
static const Cell rate_a_2021[] = {
  { "granted", NULL, "20" }, { "partial", NULL, "0" }, { "total", NULL, "40" }, { NULL, NULL, NULL }
};
/* Answered nothing: 0 of 0, no rate. */
static const Cell rate_b_2020[] = {
  { "granted", NULL, "0" }, { "partial", NULL, "0" }, { "total", NULL, "0" }, { NULL, NULL, NULL }
};
static const Cell rate_b_2021[] = {
  { "granted", NULL, "30" }, { "partial", NULL, "10" }, { "total", NULL, "50" }, { NULL, NULL, NULL }
};
/* A blank input: left out of the average, which says so. */
static const Cell rate_c_2021[] = {
  { "granted", NULL, "" }, { "partial", NULL, "1" }, { "total", NULL, "10" }, { NULL, NULL, NULL }
};
static const Cell rate_d_2020[] = {
  { "granted", NULL, "40" }, { "partial", NULL, "0" }, { "total", NULL, "50" }, { NULL, NULL, NULL }
};

typedef struct
{
  GPtrArray *a;
  GPtrArray *b;
  GPtrArray *a_and_b;
  GPtrArray *library;
} RateData;

static void
rate_data_init (RateData *d)
{
  GkReport *a2020 = make_report (2020, GK_TEMPLATE_2021, "甲区", rate_a_2020, NULL);
  GkReport *a2021 = make_report (2021, GK_TEMPLATE_2021, "甲区", rate_a_2021, NULL);
  GkReport *b2020 = make_report (2020, GK_TEMPLATE_2021, "乙区", rate_b_2020, NULL);
  GkReport *b2021 = make_report (2021, GK_TEMPLATE_2021, "乙区", rate_b_2021, NULL);
  GkReport *c2021 = make_report (2021, GK_TEMPLATE_2021, "丙区", rate_c_2021, NULL);
  GkReport *d2020 = make_report (2020, GK_TEMPLATE_2021, "丁区", rate_d_2020, NULL);

  d->a = g_ptr_array_new_with_free_func (g_object_unref);
  d->b = g_ptr_array_new_with_free_func (g_object_unref);
  d->a_and_b = g_ptr_array_new_with_free_func (g_object_unref);
  d->library = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (d->a, g_object_ref (a2020));
  g_ptr_array_add (d->a, g_object_ref (a2021));
  g_ptr_array_add (d->b, g_object_ref (b2020));
  g_ptr_array_add (d->b, g_object_ref (b2021));
  g_ptr_array_extend (d->a_and_b, d->a, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_extend (d->a_and_b, d->b, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_add (d->library, a2020);
  g_ptr_array_add (d->library, a2021);
  g_ptr_array_add (d->library, b2020);
  g_ptr_array_add (d->library, b2021);
  g_ptr_array_add (d->library, c2021);
  g_ptr_array_add (d->library, d2020);
}

static void
rate_data_clear (RateData *d)
{
  g_ptr_array_unref (d->a);
  g_ptr_array_unref (d->b);
  g_ptr_array_unref (d->a_and_b);
  g_ptr_array_unref (d->library);
}

static GkChartModel *
indicator_model (RateData *d)
{
  GkChartModel *model = gk_chart_model_new (GK_CHART_OUTCOMES);
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  const char * const labels[] = { "甲区", "乙区", NULL };

  g_ptr_array_add (groups, d->a);
  g_ptr_array_add (groups, d->b);
  gk_chart_model_set_indicator (model, GK_INDICATOR_DISCLOSED_RATE, labels, groups, d->library);
  return model;
}

static void
assert_rate (GkChartModel *model,
             guint         year_index,
             guint         series,
             double        numerator,
             double        denominator,
             guint         n_reports)
{
  double value = -1, num = -1, den = -1;
  guint n = 0;

  g_assert_true (gk_chart_model_get_fraction (model, year_index, series, &num, &den, &n));
  g_assert_cmpfloat (num, ==, numerator);
  g_assert_cmpfloat (den, ==, denominator);
  g_assert_cmpuint (n, ==, n_reports);
  if (denominator == 0)
    {
      /* A gap, not 0 %. */
      g_assert_false (gk_chart_model_get_value (model, year_index, series, &value));
      return;
    }
  g_assert_true (gk_chart_model_get_value (model, year_index, series, &value));
  g_assert_cmpfloat_with_epsilon (value, 100 * numerator / denominator, 1e-9);
}

static void
test_indicator_values (void)
{
  RateData d;
  g_autoptr(GkChartModel) model = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *gap = NULL;
  double value;

  rate_data_init (&d);
  model = indicator_model (&d);

  g_assert_cmpint (gk_chart_model_get_kind (model), ==, GK_CHART_INDICATOR);
  g_assert_cmpint (gk_chart_model_get_indicator (model), ==, GK_INDICATOR_DISCLOSED_RATE);
  g_assert_cmpstr (gk_chart_model_get_title (model), ==, gk_indicator_get_title (GK_INDICATOR_DISCLOSED_RATE));
  g_assert_cmpstr (gk_chart_model_get_axis_caption (model, GK_CHART_AXIS_PERCENT), ==, "实质公开率");
  g_assert_cmpuint (gk_chart_model_get_n_series (model), ==, 3);
  g_assert_cmpstr (gk_chart_model_get_series_label (model, 0), ==, "甲区");
  g_assert_cmpstr (gk_chart_model_get_series_label (model, 1), ==, "乙区");
  g_assert_cmpint (gk_chart_model_get_series_id (model, 0), ==, GK_CHART_SERIES_COMPARED_1);
  g_assert_cmpint (gk_chart_model_get_series_id (model, 1), ==, GK_CHART_SERIES_COMPARED_2);
  g_assert_cmpint (gk_chart_model_get_series_id (model, 2), ==, GK_CHART_SERIES_AVERAGE);
  g_assert_cmpint (gk_chart_model_series_index (model, GK_CHART_SERIES_AVERAGE), ==, 2);
  g_assert_cmpint (gk_chart_model_series_index (model, GK_CHART_SERIES_GRANTED), ==, -1);
  for (guint s = 0; s < 3; s++)
    {
      g_assert_cmpint (gk_chart_model_get_series_mark (model, s), ==, GK_CHART_MARK_LINE);
      g_assert_cmpint (gk_chart_model_get_series_axis (model, s), ==, GK_CHART_AXIS_PERCENT);
    }

  /* The years are the agencies': 2020 and 2021. */
  g_assert_cmpuint (gk_chart_model_get_n_years (model), ==, 2);
  g_assert_cmpint (gk_chart_model_get_year (model, 0), ==, 2020);

  /* 甲区: (10 + 5) / 50, then (20 + 0) / 40: the agency's own rates, as
   * the comparison computes them. */
  assert_rate (model, 0, 0, 15, 50, 1);
  assert_rate (model, 1, 0, 20, 40, 1);
  for (guint i = 0; i < d.a->len; i++)
    {
      GkReport *report = g_ptr_array_index (d.a, i);
      GkIndicatorResult result;

      gk_indicator_compute (report, GK_INDICATOR_DISCLOSED_RATE, &result);
      g_assert_true (gk_chart_model_get_value (model, i, 0, &value));
      g_assert_cmpfloat_with_epsilon (value, 100 * result.value, 1e-9);
    }

  /* 乙区 answered nothing in 2020: a gap, then 40 / 50. */
  assert_rate (model, 0, 1, 0, 0, 1);
  gap = gk_chart_model_format_value (model, 0, 1);
  g_assert_nonnull (strstr (gap, "denominator 0"));
  g_assert_null (strstr (gap, "0%"));
  assert_rate (model, 1, 1, 40, 50, 1);

  /* The average pools: 2020 (15 + 0 + 40) / (50 + 0 + 50) = 55 %; 2021
   * (20 + 40) / (40 + 50) = 66.7 %, not the mean of 50 % and 80 %, and
   * without 丙区, whose 予以公开 is blank: incomplete. */
  assert_rate (model, 0, 2, 55, 100, 3);
  assert_rate (model, 1, 2, 60, 90, 2);
  g_assert_false (gk_chart_model_get_incomplete (model, 0, 2));
  g_assert_true (gk_chart_model_get_incomplete (model, 1, 2));
  g_assert_false (gk_chart_model_get_incomplete (model, 1, 0));

  tooltip = gk_chart_model_dup_tooltip (model, 1, 2);
  g_assert_nonnull (strstr (tooltip, "Library average (pooled)"));
  g_assert_nonnull (strstr (tooltip, "60 / 90"));
  g_assert_nonnull (strstr (tooltip, "Pooled over 2 reports"));
  g_assert_nonnull (strstr (tooltip, "incomplete"));

  /* No point where there is no rate. */
  gk_chart_model_layout (model, WIDTH, HEIGHT, NULL);
  g_assert_false (gk_chart_model_get_point (model, 0, 1, NULL, NULL));
  g_assert_true (gk_chart_model_get_point (model, 1, 1, NULL, NULL));
  g_assert_true (gk_chart_model_has_axis (model, GK_CHART_AXIS_PERCENT));
  g_assert_false (gk_chart_model_has_axis (model, GK_CHART_AXIS_COUNT));

  /* A copy, as export takes, has the same lines. */
  {
    g_autoptr(GkChartModel) copy = gk_chart_model_copy (model);

    g_assert_cmpuint (gk_chart_model_get_n_series (copy), ==, 3);
    g_assert_cmpstr (gk_chart_model_get_series_label (copy, 2), ==, "Library average (pooled)");
    assert_rate (copy, 1, 2, 60, 90, 2);
  }

  /* Back to the outcomes: the lines go. */
  gk_chart_model_set_kind (model, GK_CHART_OUTCOMES);
  g_assert_cmpuint (gk_chart_model_get_n_series (model), ==, 7);

  rate_data_clear (&d);
}

/* A set of agencies rolled up into one line, or one bar: their sums. */
static void
test_rollup (void)
{
  RateData d;
  g_autoptr(GkChartModel) model = gk_chart_model_new (GK_CHART_INDICATOR);
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  const char * const labels[] = { "甲乙两区", NULL };

  rate_data_init (&d);

  g_ptr_array_add (groups, d.a_and_b);
  gk_chart_model_set_indicator (model, GK_INDICATOR_DISCLOSED_RATE, labels, groups, NULL);
  g_assert_cmpuint (gk_chart_model_get_n_series (model), ==, 1);
  /* 2020: 乙区's 0 of 0 adds nothing; 2021: (20 + 40) / (40 + 50). */
  assert_rate (model, 0, 0, 15, 50, 2);
  assert_rate (model, 1, 0, 60, 90, 2);
  {
    g_autofree char *tooltip = gk_chart_model_dup_tooltip (model, 1, 0);
    g_assert_nonnull (strstr (tooltip, "2 reports summed"));
  }

  /* The outcomes chart of the same set: summed counts. */
  gk_chart_model_set_kind (model, GK_CHART_OUTCOMES);
  gk_chart_model_set_reports (model, d.a_and_b, "甲乙两区");
  assert_value (model, 1, GK_CHART_SERIES_GRANTED, 20 + 30);
  assert_value (model, 1, GK_CHART_SERIES_PARTIAL, 0 + 10);
  assert_value (model, 0, GK_CHART_SERIES_GRANTED, 10 + 0);

  /* Only the average, no agency: the library's years. */
  gk_chart_model_set_indicator (model, GK_INDICATOR_DISCLOSED_RATE, NULL, NULL, d.library);
  g_assert_cmpuint (gk_chart_model_get_n_series (model), ==, 1);
  g_assert_cmpuint (gk_chart_model_get_n_years (model), ==, 2);
  assert_rate (model, 0, 0, 55, 100, 3);

  /* Nothing at all: empty. */
  gk_chart_model_set_indicator (model, GK_INDICATOR_DISCLOSED_RATE, NULL, NULL, NULL);
  g_assert_true (gk_chart_model_is_empty (model));

  rate_data_clear (&d);
}

static gboolean
column_has_color (cairo_surface_t    *surface,
                  int                 x,
                  int                 y0,
                  int                 y1,
                  const GkChartColor *color)
{
  for (int y = y0; y < y1; y++)
    if (same_color (pixel (surface, x, y), color))
      return TRUE;
  return FALSE;
}

static void
test_render_indicator (void)
{
  const GkChartStyle *style = gk_chart_style_get_light ();
  RateData d;
  g_autoptr(GkChartModel) model = NULL;
  cairo_surface_t *surface;
  GkChartRect plot, cat;
  double x, y;

  rate_data_init (&d);
  model = indicator_model (&d);
  surface = render (model, style, WIDTH, HEIGHT);
  g_assert_true (gk_chart_model_get_plot_rect (model, &plot));

  /* Each line's marker in its colour, where the model put it. */
  g_assert_true (gk_chart_model_get_point (model, 0, 0, &x, &y));
  g_assert_true (same_color (pixel (surface, (int) x, (int) y), &style->series[GK_CHART_SERIES_COMPARED_1]));
  g_assert_true (gk_chart_model_get_point (model, 1, 1, &x, &y));
  g_assert_true (same_color (pixel (surface, (int) x, (int) y), &style->series[GK_CHART_SERIES_COMPARED_2]));
  g_assert_true (gk_chart_model_get_point (model, 1, 2, &x, &y));
  g_assert_true (same_color (pixel (surface, (int) x, (int) y), &style->series[GK_CHART_SERIES_AVERAGE]));

  /* 乙区 has no rate in 2020: nothing of its colour in that year's column,
   * neither a marker at 0 % nor a line to 2021. */
  g_assert_true (gk_chart_model_get_category_rect (model, 0, &cat));
  for (int cx = (int) cat.x; cx < (int) (cat.x + cat.width); cx += 2)
    g_assert_false (column_has_color (surface, cx, (int) plot.y, (int) (plot.y + plot.height),
                                      &style->series[GK_CHART_SERIES_COMPARED_2]));
  /* 甲区's line does cross from 2020 to 2021. */
  g_assert_true (column_has_color (surface, (int) (cat.x + cat.width), (int) plot.y,
                                   (int) (plot.y + plot.height), &style->series[GK_CHART_SERIES_COMPARED_1]));

  cairo_surface_destroy (surface);

  /* The export draws the same lines, with the legend, from a copy; the
   * words name the average. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *dir = g_dir_make_tmp ("gk-chart-XXXXXX", &error);
    g_autofree char *png = g_build_filename (dir, "indicator.png", NULL);
    g_autofree char *text = gk_chart_model_describe (model);
    cairo_surface_t *exported;

    g_assert_no_error (error);
    g_assert_true (gk_chart_export_png (model, style, 800, 480, png, &error));
    g_assert_no_error (error);
    exported = cairo_image_surface_create_from_png (png);
    g_assert_cmpint (cairo_surface_status (exported), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpint (cairo_image_surface_get_width (exported), ==, 800);
    cairo_surface_destroy (exported);
    g_unlink (png);
    g_rmdir (dir);

    g_assert_nonnull (strstr (text, "甲区"));
    g_assert_nonnull (strstr (text, "Library average (pooled)"));
    g_assert_nonnull (strstr (text, "denominator 0"));
  }

  /* GK_CHART_SAMPLES=DIR: the pictures to look at, as test_samples(). */
  if (g_getenv ("GK_CHART_SAMPLES") != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *light = g_build_filename (g_getenv ("GK_CHART_SAMPLES"), "indicator-light.png", NULL);
      g_autofree char *dark = g_build_filename (g_getenv ("GK_CHART_SAMPLES"), "indicator-dark.png", NULL);

      g_assert_true (gk_chart_export_png (model, style, 760, 440, light, &error));
      g_assert_true (gk_chart_export_png (model, gk_chart_style_get_dark (), 760, 440, dark, &error));
      g_assert_no_error (error);
    }

  rate_data_clear (&d);
}

/* The background pixels on the middle of series @s's line from the first
 * year to the second. */
static guint
count_gaps (cairo_surface_t    *surface,
            GkChartModel       *model,
            guint               s,
            const GkChartStyle *style)
{
  double x0, y0, x1, y1;
  guint n = 0;

  g_assert_true (gk_chart_model_get_point (model, 0, s, &x0, &y0));
  g_assert_true (gk_chart_model_get_point (model, 1, s, &x1, &y1));
  for (double t = 0.2; t <= 0.8; t += 0.005)
    if (same_color (pixel (surface, (int) round (x0 + t * (x1 - x0)), (int) round (y0 + t * (y1 - y0))),
                    &style->background))
      n++;
  return n;
}

/* Past the palette's eight colours the agencies' lines take the colours
 * again, dotted: the ninth is not mistaken for the first. */
static void
test_render_many_agencies (void)
{
  const GkChartStyle *style = gk_chart_style_get_light ();
  const char * const labels[] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", NULL };
  RateData d;
  g_autoptr(GkChartModel) model = gk_chart_model_new (GK_CHART_INDICATOR);
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  cairo_surface_t *surface;

  rate_data_init (&d);
  /* 乙区 has a rate in 2021 only: a marker, no line.  甲区 has both
   * years, so the line between them is the ninth series' alone. */
  for (guint i = 0; i < 8; i++)
    g_ptr_array_add (groups, d.b);
  g_ptr_array_add (groups, d.a);
  g_ptr_array_add (groups, d.b);
  gk_chart_model_set_indicator (model, GK_INDICATOR_DISCLOSED_RATE, labels, groups, d.library);

  g_assert_cmpuint (gk_chart_model_get_n_series (model), ==, 11);
  g_assert_cmpint (gk_chart_model_get_series_id (model, 8), ==, gk_chart_model_get_series_id (model, 0));
  for (guint s = 0; s < 8; s++)
    g_assert_cmpint (gk_chart_model_get_series_stroke (model, s), ==, GK_CHART_STROKE_SOLID);
  g_assert_cmpint (gk_chart_model_get_series_stroke (model, 8), ==, GK_CHART_STROKE_DOTTED);
  g_assert_cmpint (gk_chart_model_get_series_stroke (model, 9), ==, GK_CHART_STROKE_DOTTED);
  g_assert_cmpint (gk_chart_model_get_series_id (model, 10), ==, GK_CHART_SERIES_AVERAGE);
  g_assert_cmpint (gk_chart_model_get_series_stroke (model, 10), ==, GK_CHART_STROKE_DASHED);

  /* Without the average, which would cross the line. */
  gk_chart_model_set_indicator (model, GK_INDICATOR_DISCLOSED_RATE, labels, groups, NULL);
  surface = render (model, style, WIDTH, HEIGHT);
  g_assert_cmpuint (count_gaps (surface, model, 8, style), >, 10);
  cairo_surface_destroy (surface);
  if (g_getenv ("GK_CHART_SAMPLES") != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (g_getenv ("GK_CHART_SAMPLES"), "many-agencies.png", NULL);

      g_assert_true (gk_chart_export_png (model, style, 760, 440, path, &error));
      g_assert_no_error (error);
    }

  /* The same agency first: a solid line, no gaps. */
  g_ptr_array_index (groups, 0) = d.a;
  g_ptr_array_index (groups, 8) = d.b;
  gk_chart_model_set_indicator (model, GK_INDICATOR_DISCLOSED_RATE, labels, groups, NULL);
  surface = render (model, style, WIDTH, HEIGHT);
  g_assert_cmpuint (count_gaps (surface, model, 0, style), ==, 0);
  cairo_surface_destroy (surface);

  /* The outcome charts' line is solid. */
  gk_chart_model_set_kind (model, GK_CHART_OUTCOMES);
  g_assert_cmpint (gk_chart_model_get_series_stroke (model, gk_chart_model_series_index (model, GK_CHART_SERIES_NEW)),
                   ==, GK_CHART_STROKE_SOLID);

  rate_data_clear (&d);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/ticks/216", test_ticks_216);
  g_test_add_func ("/chart/ticks/small", test_ticks_small);
  g_test_add_func ("/chart/ticks/property", test_ticks_property);
  g_test_add_func ("/chart/ticks/short-plot", test_ticks_short_plot);
  g_test_add_func ("/chart/ticks/percent", test_percent_axis);
  g_test_add_func ("/chart/empty", test_empty);
  g_test_add_func ("/chart/reports/outcomes", test_reports_outcomes);
  g_test_add_func ("/chart/reports/label", test_reports_label);
  g_test_add_func ("/chart/reports/disputes", test_reports_disputes);
  g_test_add_func ("/chart/geometry/stacked", test_geometry);
  g_test_add_func ("/chart/geometry/grouped", test_disputes_grouped);
  g_test_add_func ("/chart/geometry/crowded", test_years_crowded);
  g_test_add_func ("/chart/nearest", test_nearest);
  g_test_add_func ("/chart/describe", test_describe);
  g_test_add_func ("/chart/signals", test_signals);
  g_test_add_func ("/chart/render/single-bar", test_render_single_bar);
  g_test_add_func ("/chart/render/two-bars", test_render_two_bars);
  g_test_add_func ("/chart/render/stack-and-line", test_render_stack_and_line);
  g_test_add_func ("/chart/render/highlight", test_render_highlight);
  g_test_add_func ("/chart/render/empty", test_render_empty);
  g_test_add_func ("/chart/render/sizes", test_render_sizes);
  g_test_add_func ("/chart/export", test_export);
  g_test_add_func ("/chart/indicator/values", test_indicator_values);
  g_test_add_func ("/chart/indicator/rollup", test_rollup);
  g_test_add_func ("/chart/render/indicator", test_render_indicator);
  g_test_add_func ("/chart/render/many-agencies", test_render_many_agencies);
  g_test_add_func ("/chart/samples", test_samples);

  return g_test_run ();
}
