/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-chart-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gk-chart-model.h"
#include "gk-report.h"

/* The trend chart as data and geometry, with no toolkit in sight, so the
 * numbers a chart shows and where it shows them are unit-tested without a
 * display, and the screen, the export and the tests all draw the same
 * picture.
 *
 * Years are categories.  A value is either present or missing: a missing
 * value (every cell behind it blank, not applicable or absent) is drawn as a
 * gap, never as a zero, because a blank in a report is not a zero
 * (report-format.md §6). */

typedef struct
{
  const char  *label;
  GkChartMark  mark;
  GkChartAxis  axis;
} SeriesInfo;

/* The labels are the row names the official templates print: report data,
 * not UI text, so they are not translated (as in gk-keys.c). */
static const SeriesInfo series_info[GK_CHART_N_SERIES] = {
  [GK_CHART_SERIES_GRANTED]           = { "予以公开",         GK_CHART_MARK_BAR,  GK_CHART_AXIS_COUNT },
  [GK_CHART_SERIES_PARTIAL]           = { "部分公开",         GK_CHART_MARK_BAR,  GK_CHART_AXIS_COUNT },
  [GK_CHART_SERIES_DENIED]            = { "不予公开",         GK_CHART_MARK_BAR,  GK_CHART_AXIS_COUNT },
  [GK_CHART_SERIES_UNABLE]            = { "无法提供",         GK_CHART_MARK_BAR,  GK_CHART_AXIS_COUNT },
  [GK_CHART_SERIES_REJECTED]          = { "不予处理",         GK_CHART_MARK_BAR,  GK_CHART_AXIS_COUNT },
  [GK_CHART_SERIES_OTHER]             = { "其他处理",         GK_CHART_MARK_BAR,  GK_CHART_AXIS_COUNT },
  [GK_CHART_SERIES_NEW]               = { "本年新收",         GK_CHART_MARK_LINE, GK_CHART_AXIS_COUNT },
  [GK_CHART_SERIES_REVIEW]            = { "行政复议",         GK_CHART_MARK_BAR,  GK_CHART_AXIS_COUNT },
  [GK_CHART_SERIES_SUIT_DIRECT]       = { "未经复议直接起诉", GK_CHART_MARK_BAR,  GK_CHART_AXIS_COUNT },
  [GK_CHART_SERIES_SUIT_AFTER_REVIEW] = { "复议后起诉",       GK_CHART_MARK_BAR,  GK_CHART_AXIS_COUNT },
  [GK_CHART_SERIES_CORRECTED_RATE]    = { "纠错率",           GK_CHART_MARK_LINE, GK_CHART_AXIS_PERCENT },
};

/* Each kind owns a contiguous run of GkChartSeries; the indicator chart
 * has as many lines as it is given, so its count is not here. */
static const struct
{
  GkChartSeries first;
  guint         n;
} kind_series[] = {
  [GK_CHART_OUTCOMES] = { GK_CHART_SERIES_GRANTED, GK_CHART_SERIES_NEW - GK_CHART_SERIES_GRANTED + 1 },
  [GK_CHART_DISPUTES] = { GK_CHART_SERIES_REVIEW, GK_CHART_SERIES_CORRECTED_RATE - GK_CHART_SERIES_REVIEW + 1 },
  [GK_CHART_INDICATOR] = { GK_CHART_SERIES_COMPARED_1, 0 },
};

#define MAX_KIND_SERIES 7

/* Gaps between the years of the reports are filled with empty categories so
 * the time axis stays honest, unless the span is absurd (a misread year). */
#define MAX_FILLED_SPAN 50

typedef struct
{
  double   value;
  /* The corrected share keeps its fraction, so a tooltip can show the
   * formula and the denominator (report-format.md §9). */
  double   numerator;
  double   denominator;
  gboolean present;
  /* Some of the cells behind the value were missing: the value is the sum
   * of the rest. */
  gboolean incomplete;
  /* The indicator chart: how many reports the rate pools, and whether it
   * has none only because its denominator is 0. */
  guint    n_reports;
  gboolean zero_denominator;
} Point;

/* A line of the indicator chart. */
typedef struct
{
  SeriesInfo  info;
  char       *label;
  GPtrArray  *reports;  /* of GkReport */
  gboolean    average;
} Compared;

typedef struct
{
  gboolean  shown;
  double    min;
  double    max;
  double    step;
  GArray   *ticks;  /* of GkChartTick */
} Axis;

typedef struct
{
  GkChartRect bar;
  double      x;
  double      y;
  gboolean    has_bar;
  gboolean    has_point;
} Geometry;

struct _GkChartModel
{
  GObject         parent_instance;

  GkChartKind     kind;
  char           *label;
  GPtrArray      *reports;   /* of GkReport, or NULL when fed by series */

  /* The indicator chart. */
  GkIndicator     indicator;
  GPtrArray      *compared;  /* of Compared */

  GArray         *years;     /* of int */
  GArray         *points;    /* of Point, [series * n_years + year_index] */

  int             highlight_year;
  int             highlight_series;

  /* The last layout. */
  gboolean        laid_out;
  double          width;
  double          height;
  GkChartMetrics  metrics;
  GkChartRect     plot;
  double          category_width;
  guint           label_stride;
  Axis            axes[2];
  GArray         *geometry;  /* of Geometry, indexed like points */
};

enum {
  PROP_0,
  PROP_KIND,
  PROP_LABEL,
  PROP_HIGHLIGHT_YEAR,
  PROP_HIGHLIGHT_SERIES,
  PROP_N_YEARS,
  PROP_EMPTY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (GkChartModel, gk_chart_model, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (GkChartKind, gk_chart_kind,
  G_DEFINE_ENUM_VALUE (GK_CHART_OUTCOMES, "outcomes"),
  G_DEFINE_ENUM_VALUE (GK_CHART_DISPUTES, "disputes"),
  G_DEFINE_ENUM_VALUE (GK_CHART_INDICATOR, "indicator"))

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static inline guint
n_series_of (GkChartModel *self)
{
  if (self->kind == GK_CHART_INDICATOR)
    return self->compared->len;
  return kind_series[self->kind].n;
}

static inline const SeriesInfo *
info_of (GkChartModel *self,
         guint         series)
{
  g_assert (series < n_series_of (self));
  if (self->kind == GK_CHART_INDICATOR)
    return &((Compared *) g_ptr_array_index (self->compared, series))->info;
  return &series_info[kind_series[self->kind].first + series];
}

static inline Point *
point_at (GkChartModel *self,
          guint         year_index,
          guint         series)
{
  g_assert (year_index < self->years->len && series < n_series_of (self));
  return &g_array_index (self->points, Point, series * self->years->len + year_index);
}

static inline Geometry *
geometry_at (GkChartModel *self,
             guint         year_index,
             guint         series)
{
  g_assert (self->laid_out);
  return &g_array_index (self->geometry, Geometry, series * self->years->len + year_index);
}

static gboolean
compute_empty (GkChartModel *self)
{
  for (guint i = 0; i < self->points->len; i++)
    if (g_array_index (self->points, Point, i).present)
      return FALSE;
  return TRUE;
}

/* Every change of the data goes through here: the layout is stale, the
 * highlight may point past the end, and the widget needs to redraw and to
 * renew its accessible description. */
static void
data_changed (GkChartModel *self,
              guint         old_n_years,
              gboolean      old_empty)
{
  self->laid_out = FALSE;

  if (self->highlight_year >= (int) self->years->len)
    gk_chart_model_set_highlight (self, -1, -1);

  if (old_n_years != self->years->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_YEARS]);
  if (old_empty != compute_empty (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_EMPTY]);

  g_signal_emit (self, signals [CHANGED], 0);
}

static void
reset_points (GkChartModel *self)
{
  g_array_set_size (self->points, 0);
  g_array_set_size (self->points, self->years->len * n_series_of (self));
}

/* Reading reports. */

/* Reads one report's values for the series of @kind into @out (one Point per
 * series of the kind, not yet summed over reports).  The report's summary
 * holds them (gk-report-summary.h), so a chart of a whole library never
 * needs the reports' tables. */
static void
read_report (GkReport    *report,
             GkChartKind  kind,
             Point       *out)
{
  const GkReportSummary *summary = gk_report_get_summary (report);

  if (kind == GK_CHART_OUTCOMES)
    {
      static const GkSummaryItem items[] = {
        [GK_CHART_SERIES_GRANTED]  = GK_SUMMARY_GRANTED,
        [GK_CHART_SERIES_PARTIAL]  = GK_SUMMARY_PARTIAL,
        [GK_CHART_SERIES_DENIED]   = GK_SUMMARY_DENIED,
        [GK_CHART_SERIES_UNABLE]   = GK_SUMMARY_UNABLE,
        [GK_CHART_SERIES_REJECTED] = GK_SUMMARY_REJECTED,
        [GK_CHART_SERIES_OTHER]    = GK_SUMMARY_OTHER,
        [GK_CHART_SERIES_NEW]      = GK_SUMMARY_NEW,
      };

      for (guint s = 0; s < G_N_ELEMENTS (items); s++)
        {
          out[s].present = gk_report_summary_has_value (summary, items[s]);
          out[s].value = out[s].present ? gk_report_summary_get_value (summary, items[s]) : 0;
          out[s].incomplete = gk_report_summary_is_incomplete (summary, items[s]);
        }
    }
  else
    {
      Point *rate = &out[GK_CHART_SERIES_CORRECTED_RATE - GK_CHART_SERIES_REVIEW];
      gboolean pair_missing = FALSE;

      for (guint r = 0; r < 3; r++)
        {
          GkSummaryItem total = GK_SUMMARY_T4 (r, 4);
          GkSummaryItem corrected = GK_SUMMARY_T4 (r, 1);

          out[r].present = gk_report_summary_has_value (summary, total);
          out[r].value = out[r].present ? gk_report_summary_get_value (summary, total) : 0;
          out[r].incomplete = FALSE;

          /* The share takes a row only when both of its numbers are there,
           * so numerator and denominator cover the same cases. */
          if (gk_report_summary_has_value (summary, corrected) && out[r].present)
            {
              rate->numerator += gk_report_summary_get_value (summary, corrected);
              rate->denominator += out[r].value;
              rate->present = TRUE;
            }
          else
            pair_missing = TRUE;
        }
      rate->incomplete = rate->present && pair_missing;
    }
}

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* The years of the reports of @arrays, and those between them. */
static void
fill_years (GkChartModel     *self,
            GPtrArray *const *arrays,
            guint             n_arrays)
{
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (int));

  g_array_set_size (self->years, 0);

  for (guint a = 0; a < n_arrays; a++)
    for (guint i = 0; arrays[a] != NULL && i < arrays[a]->len; i++)
      {
        int year = gk_report_get_year (g_ptr_array_index (arrays[a], i));
        gboolean known = FALSE;

        if (year <= 0)
          continue;
        for (guint j = 0; j < seen->len && !known; j++)
          known = g_array_index (seen, int, j) == year;
        if (!known)
          g_array_append_val (seen, year);
      }
  g_array_sort (seen, compare_int);

  if (seen->len > 0)
    {
      int first = g_array_index (seen, int, 0);
      int last = g_array_index (seen, int, seen->len - 1);

      if (last - first <= MAX_FILLED_SPAN)
        for (int y = first; y <= last; y++)
          g_array_append_val (self->years, y);
      else
        g_array_append_vals (self->years, seen->data, seen->len);
    }
}

static void
aggregate_reports (GkChartModel *self)
{
  guint n = n_series_of (self);
  /* How many reports each year has, and how many of them had each series:
   * a sum over some agencies only is incomplete. */
  g_autoptr(GArray) n_reports = NULL;
  g_autoptr(GArray) n_had = NULL;

  fill_years (self, &self->reports, 1);

  reset_points (self);
  n_reports = g_array_sized_new (FALSE, TRUE, sizeof (guint), self->years->len);
  g_array_set_size (n_reports, self->years->len);
  n_had = g_array_sized_new (FALSE, TRUE, sizeof (guint), self->years->len * n);
  g_array_set_size (n_had, self->years->len * n);

  for (guint i = 0; self->reports != NULL && i < self->reports->len; i++)
    {
      GkReport *report = g_ptr_array_index (self->reports, i);
      int year = gk_report_get_year (report);
      Point one[MAX_KIND_SERIES] = { { 0 } };
      guint y;

      for (y = 0; y < self->years->len; y++)
        if (g_array_index (self->years, int, y) == year)
          break;
      if (y == self->years->len)
        continue;

      read_report (report, self->kind, one);
      g_array_index (n_reports, guint, y)++;

      for (guint s = 0; s < n; s++)
        {
          Point *p = point_at (self, y, s);

          if (!one[s].present)
            continue;
          p->present = TRUE;
          p->value += one[s].value;
          p->numerator += one[s].numerator;
          p->denominator += one[s].denominator;
          p->incomplete |= one[s].incomplete;
          g_array_index (n_had, guint, s * self->years->len + y)++;
        }
    }

  for (guint y = 0; y < self->years->len; y++)
    for (guint s = 0; s < n; s++)
      {
        Point *p = point_at (self, y, s);

        if (p->present && g_array_index (n_had, guint, s * self->years->len + y)
                          < g_array_index (n_reports, guint, y))
          p->incomplete = TRUE;

        if (info_of (self, s)->axis == GK_CHART_AXIS_PERCENT)
          {
            /* 0 of 0 is no share at all, not 0 %. */
            p->present = p->present && p->denominator > 0;
            p->value = p->present ? 100.0 * p->numerator / p->denominator : 0;
          }
      }
}

/* The indicator chart.  Each line pools its reports of a year, an agency's
 * one report or a set of agencies' reports: the rate of the sums,
 * Σ numerators / Σ denominators, as if they were one agency, which weighs
 * each agency by its number of cases, unlike a mean of their rates.  The
 * library's average is pooled the same way.  A report with a blank input
 * is left out of the sums, and the value says it is incomplete; a year
 * whose denominators sum to 0 has no value, a gap in the line. */
static void
aggregate_indicator (GkChartModel *self)
{
  g_autoptr(GPtrArray) arrays = g_ptr_array_new ();

  /* The chosen agencies' years; the average alone when there are none. */
  for (guint s = 0; s < self->compared->len; s++)
    {
      Compared *c = g_ptr_array_index (self->compared, s);
      if (!c->average)
        g_ptr_array_add (arrays, c->reports);
    }
  if (arrays->len == 0)
    for (guint s = 0; s < self->compared->len; s++)
      g_ptr_array_add (arrays, ((Compared *) g_ptr_array_index (self->compared, s))->reports);
  fill_years (self, (GPtrArray *const *) arrays->pdata, arrays->len);

  reset_points (self);

  for (guint s = 0; s < self->compared->len; s++)
    {
      Compared *c = g_ptr_array_index (self->compared, s);

      for (guint y = 0; y < self->years->len; y++)
        {
          Point *p = point_at (self, y, s);
          int year = g_array_index (self->years, int, y);
          guint n_missing = 0;

          for (guint i = 0; c->reports != NULL && i < c->reports->len; i++)
            {
              GkReport *report = g_ptr_array_index (c->reports, i);
              GkIndicatorResult result;

              if (gk_report_get_year (report) != year)
                continue;
              gk_indicator_compute_summary (gk_report_get_summary (report), self->indicator, &result);
              if (result.state == GK_INDICATOR_MISSING_INPUT)
                {
                  n_missing++;
                  continue;
                }
              p->numerator += result.numerator;
              p->denominator += result.denominator;
              p->n_reports++;
            }

          /* Counts are whole numbers: anything this close to 0 is 0. */
          p->zero_denominator = p->n_reports > 0 && fabs (p->denominator) < 1e-9;
          p->present = p->n_reports > 0 && !p->zero_denominator;
          p->value = p->present ? 100.0 * p->numerator / p->denominator : 0;
          p->incomplete = p->present && n_missing > 0;
        }
    }
}

static void
compared_free (gpointer data)
{
  Compared *c = data;

  g_free (c->label);
  g_clear_pointer (&c->reports, g_ptr_array_unref);
  g_free (c);
}

/* Formatting. */

static char *
format_number (double value)
{
  if (fabs (value - round (value)) < 1e-9)
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.2f", value);
}

static char *
format_percent (double value)
{
  if (fabs (value - round (value)) < 1e-9)
    return g_strdup_printf ("%.0f%%", value);
  return g_strdup_printf ("%.1f%%", value);
}

/* Object. */

static void
gk_chart_model_finalize (GObject *object)
{
  GkChartModel *self = (GkChartModel *)object;

  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->reports, g_ptr_array_unref);
  g_clear_pointer (&self->compared, g_ptr_array_unref);
  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->geometry, g_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->axes); i++)
    g_clear_pointer (&self->axes[i].ticks, g_array_unref);

  G_OBJECT_CLASS (gk_chart_model_parent_class)->finalize (object);
}

static void
gk_chart_model_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GkChartModel *self = GK_CHART_MODEL (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_HIGHLIGHT_YEAR:
      g_value_set_int (value, self->highlight_year);
      break;
    case PROP_HIGHLIGHT_SERIES:
      g_value_set_int (value, self->highlight_series);
      break;
    case PROP_N_YEARS:
      g_value_set_uint (value, self->years->len);
      break;
    case PROP_EMPTY:
      g_value_set_boolean (value, gk_chart_model_is_empty (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_chart_model_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GkChartModel *self = GK_CHART_MODEL (object);

  switch (prop_id)
    {
    case PROP_KIND:
      gk_chart_model_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_LABEL:
      gk_chart_model_set_label (self, g_value_get_string (value));
      break;
    case PROP_HIGHLIGHT_YEAR:
      gk_chart_model_set_highlight (self, g_value_get_int (value), self->highlight_series);
      break;
    case PROP_HIGHLIGHT_SERIES:
      gk_chart_model_set_highlight (self, self->highlight_year, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_chart_model_class_init (GkChartModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gk_chart_model_finalize;
  object_class->get_property = gk_chart_model_get_property;
  object_class->set_property = gk_chart_model_set_property;

  properties [PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       GK_TYPE_CHART_KIND, GK_CHART_OUTCOMES,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_HIGHLIGHT_YEAR] =
    g_param_spec_int ("highlight-year", NULL, NULL, -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_HIGHLIGHT_SERIES] =
    g_param_spec_int ("highlight-series", NULL, NULL, -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_N_YEARS] =
    g_param_spec_uint ("n-years", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_EMPTY] =
    g_param_spec_boolean ("empty", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GkChartModel::changed:
   *
   * The data or the kind changed: the layout is stale and the description
   * out of date.  Highlight changes are told by notify instead.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
gk_chart_model_init (GkChartModel *self)
{
  self->years = g_array_new (FALSE, FALSE, sizeof (int));
  self->compared = g_ptr_array_new_with_free_func (compared_free);
  self->indicator = GK_INDICATOR_DISCLOSED_RATE;
  self->points = g_array_new (FALSE, TRUE, sizeof (Point));
  self->geometry = g_array_new (FALSE, TRUE, sizeof (Geometry));
  for (guint i = 0; i < G_N_ELEMENTS (self->axes); i++)
    self->axes[i].ticks = g_array_new (FALSE, TRUE, sizeof (GkChartTick));
  self->highlight_year = -1;
  self->highlight_series = -1;
  gk_chart_metrics_init (&self->metrics, 13);
}

/* Public API. */

/**
 * gk_chart_metrics_init:
 * @font_size: the label font's size in pixels
 *
 * Fills @metrics with spacing proportional to @font_size and no measure
 * function.
 */
void
gk_chart_metrics_init (GkChartMetrics *metrics,
                       double          font_size)
{
  g_return_if_fail (metrics != NULL);

  if (font_size <= 0)
    font_size = 13;

  memset (metrics, 0, sizeof *metrics);
  metrics->font_size = font_size;
  metrics->padding = round (font_size);
  metrics->label_gap = round (font_size * 0.6);
  metrics->bar_max_width = round (font_size * 4);
  metrics->hit_radius = round (font_size);
}

GkChartModel *
gk_chart_model_new (GkChartKind kind)
{
  return g_object_new (GK_TYPE_CHART_MODEL, "kind", kind, NULL);
}

/**
 * gk_chart_model_copy:
 *
 * A new model with the same kind, label, data and highlight, but its own
 * layout: export lays a copy out at another size without disturbing the
 * geometry the widget hit-tests against.
 *
 * Returns: (transfer full): the copy
 */
GkChartModel *
gk_chart_model_copy (GkChartModel *self)
{
  GkChartModel *copy;

  g_return_val_if_fail (GK_IS_CHART_MODEL (self), NULL);

  copy = gk_chart_model_new (self->kind);
  copy->label = g_strdup (self->label);
  copy->indicator = self->indicator;
  for (guint s = 0; s < self->compared->len; s++)
    {
      const Compared *c = g_ptr_array_index (self->compared, s);
      Compared *d = g_new0 (Compared, 1);

      d->label = g_strdup (c->label);
      d->info = c->info;
      d->info.label = d->label;
      d->average = c->average;
      d->reports = c->reports != NULL ? g_ptr_array_ref (c->reports) : NULL;
      g_ptr_array_add (copy->compared, d);
    }
  if (self->reports != NULL)
    copy->reports = g_ptr_array_ref (self->reports);
  g_array_append_vals (copy->years, self->years->data, self->years->len);
  g_array_append_vals (copy->points, self->points->data, self->points->len);
  copy->highlight_year = self->highlight_year;
  copy->highlight_series = self->highlight_series;

  return copy;
}

GkChartKind
gk_chart_model_get_kind (GkChartModel *self)
{
  g_return_val_if_fail (GK_IS_CHART_MODEL (self), GK_CHART_OUTCOMES);

  return self->kind;
}

/**
 * gk_chart_model_set_kind:
 *
 * Switches between the charts.  A model fed with reports reads them
 * again for the outcomes or disputes; one fed with plain series, or the
 * indicator chart, is cleared, since its series belong to the old kind.
 */
void
gk_chart_model_set_kind (GkChartModel *self,
                         GkChartKind   kind)
{
  guint old_n_years;
  gboolean old_empty;

  g_return_if_fail (GK_IS_CHART_MODEL (self));
  g_return_if_fail (kind == GK_CHART_OUTCOMES || kind == GK_CHART_DISPUTES
                    || kind == GK_CHART_INDICATOR);

  if (self->kind == kind)
    return;

  old_n_years = self->years->len;
  old_empty = compute_empty (self);

  /* The indicator chart's lines are its own, and its data: given again by
   * gk_chart_model_set_indicator(). */
  g_ptr_array_set_size (self->compared, 0);
  self->kind = kind;
  if (self->reports != NULL && kind != GK_CHART_INDICATOR)
    aggregate_reports (self);
  else
    {
      g_array_set_size (self->years, 0);
      reset_points (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_KIND]);
  /* The old kind's series index means nothing in the new one. */
  gk_chart_model_set_highlight (self, self->highlight_year, -1);
  data_changed (self, old_n_years, old_empty);
}

const char *
gk_chart_model_get_label (GkChartModel *self)
{
  g_return_val_if_fail (GK_IS_CHART_MODEL (self), NULL);

  return self->label;
}

/**
 * gk_chart_model_set_label:
 * @label: (nullable): whose numbers these are: an agency, or a group of them
 *
 * Names the data in tooltips, the description and the export title.
 */
void
gk_chart_model_set_label (GkChartModel *self,
                          const char   *label)
{
  g_return_if_fail (GK_IS_CHART_MODEL (self));

  if (g_strcmp0 (self->label, label) == 0)
    return;

  g_free (self->label);
  self->label = g_strdup (label);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LABEL]);
}

/**
 * gk_chart_model_get_title:
 *
 * Returns: what the chart of this kind shows, translated
 */
const char *
gk_chart_model_get_title (GkChartModel *self)
{
  g_return_val_if_fail (GK_IS_CHART_MODEL (self), NULL);

  if (self->kind == GK_CHART_INDICATOR)
    return gk_indicator_get_title (self->indicator);
  if (self->kind == GK_CHART_OUTCOMES)
    /* Translators: the chart of table 3, 本年度办理结果 by year. */
    return _("Application Outcomes");
  /* Translators: the chart of table 4, 行政复议 and 行政诉讼 by year. */
  return _("Reviews and Lawsuits");
}

/**
 * gk_chart_model_get_axis_caption:
 *
 * Returns: the unit or name an axis is labelled with, translated
 */
const char *
gk_chart_model_get_axis_caption (GkChartModel *self,
                                 GkChartAxis   axis)
{
  g_return_val_if_fail (GK_IS_CHART_MODEL (self), NULL);

  if (axis == GK_CHART_AXIS_PERCENT && self->kind == GK_CHART_INDICATOR)
    return gk_indicator_get_name (self->indicator);
  if (axis == GK_CHART_AXIS_PERCENT)
    return series_info[GK_CHART_SERIES_CORRECTED_RATE].label;
  if (self->kind == GK_CHART_OUTCOMES)
    /* Translators: the unit of the count axis of the outcomes chart; zh_CN: 件. */
    return _("Applications");
  /* Translators: the unit of the count axis of the review and lawsuit chart; zh_CN: 件. */
  return _("Cases");
}

/**
 * gk_chart_model_set_reports:
 * @reports: (nullable) (element-type GkReport): the reports to chart
 * @label: (nullable): whose reports they are; %NULL takes the agency when
 *   all the reports share one
 *
 * Reads table 3 (outcomes) or table 4 (disputes) of every report with a
 * known year and sums the reports of each year, so a set of agencies shows
 * as one.  Blank and not-applicable cells are missing: a series none of the
 * year's reports gives a number for is drawn as missing, not as 0.  Years
 * between the first and the last that no report covers are kept as empty
 * categories.  The array is kept, so changing the kind reads it again.
 */
void
gk_chart_model_set_reports (GkChartModel *self,
                            GPtrArray    *reports,
                            const char   *label)
{
  guint old_n_years;
  gboolean old_empty;
  g_autofree char *agency = NULL;

  g_return_if_fail (GK_IS_CHART_MODEL (self));
  /* Its lines are groups of reports: gk_chart_model_set_indicator(). */
  g_return_if_fail (self->kind != GK_CHART_INDICATOR);

  old_n_years = self->years->len;
  old_empty = compute_empty (self);

  if (reports != NULL)
    g_ptr_array_ref (reports);
  g_clear_pointer (&self->reports, g_ptr_array_unref);
  self->reports = reports;

  for (guint i = 0; label == NULL && reports != NULL && i < reports->len; i++)
    {
      const char *a = gk_report_get_agency (g_ptr_array_index (reports, i));

      if (i == 0)
        agency = g_strdup (a);
      else if (g_strcmp0 (agency, a) != 0)
        g_clear_pointer (&agency, g_free);
      if (agency == NULL)
        break;
    }

  aggregate_reports (self);
  gk_chart_model_set_label (self, label != NULL ? label : agency);
  data_changed (self, old_n_years, old_empty);
}

/**
 * gk_chart_model_set_indicator:
 * @indicator: a rate (gk_indicator_is_rate())
 * @labels: (array zero-terminated=1): a name per group
 * @groups: (element-type GPtrArray): per line, the reports it pools: an
 *   agency's, one per year, or those of a set of agencies summed into one
 *   line; at most %GK_CHART_MAX_COMPARED lines get a colour of their own
 * @average: (nullable) (element-type GkReport): the reports of the whole
 *   library, one per agency and year, for a dashed line of their pooled
 *   rate
 *
 * Makes the model the indicator chart: @indicator over the years, a line
 * per group.  Every value is pooled: Σ numerators / Σ denominators of the
 * group's reports of the year, computed from their summaries.
 */
void
gk_chart_model_set_indicator (GkChartModel       *self,
                              GkIndicator         indicator,
                              const char * const *labels,
                              GPtrArray          *groups,
                              GPtrArray          *average)
{
  guint old_n_years;
  gboolean old_empty;

  g_return_if_fail (GK_IS_CHART_MODEL (self));
  g_return_if_fail (gk_indicator_is_rate (indicator));
  g_return_if_fail (groups == NULL || labels != NULL);
  g_return_if_fail (groups == NULL || g_strv_length ((char **) labels) == groups->len);

  if (self->kind != GK_CHART_INDICATOR)
    gk_chart_model_set_kind (self, GK_CHART_INDICATOR);

  old_n_years = self->years->len;
  old_empty = compute_empty (self);

  g_clear_pointer (&self->reports, g_ptr_array_unref);
  g_ptr_array_set_size (self->compared, 0);
  self->indicator = indicator;

  for (guint g = 0; groups != NULL && g < groups->len; g++)
    {
      Compared *c = g_new0 (Compared, 1);

      c->label = g_strdup (labels[g]);
      c->reports = g_ptr_array_ref (g_ptr_array_index (groups, g));
      g_ptr_array_add (self->compared, c);
    }
  if (average != NULL)
    {
      Compared *c = g_new0 (Compared, 1);

      /* Translators: the legend of the library's average rate, pooled:
       * the sum of the numerators over the sum of the denominators */
      c->label = g_strdup (_("Library average (pooled)"));
      c->reports = g_ptr_array_ref (average);
      c->average = TRUE;
      g_ptr_array_add (self->compared, c);
    }
  for (guint s = 0; s < self->compared->len; s++)
    {
      Compared *c = g_ptr_array_index (self->compared, s);

      c->info.label = c->label;
      c->info.mark = GK_CHART_MARK_LINE;
      c->info.axis = GK_CHART_AXIS_PERCENT;
    }

  aggregate_indicator (self);
  gk_chart_model_set_highlight (self, self->highlight_year, -1);
  data_changed (self, old_n_years, old_empty);
}

GkIndicator
gk_chart_model_get_indicator (GkChartModel *self)
{
  g_return_val_if_fail (GK_IS_CHART_MODEL (self), GK_INDICATOR_DISCLOSED_RATE);
  return self->indicator;
}

/**
 * gk_chart_model_set_years:
 * @years: (array length=n_years): the categories, in the order to draw them
 *
 * Starts plain series data: every value is missing until
 * gk_chart_model_set_series() gives it.
 */
void
gk_chart_model_set_years (GkChartModel *self,
                          const int    *years,
                          guint         n_years)
{
  guint old_n_years;
  gboolean old_empty;

  g_return_if_fail (GK_IS_CHART_MODEL (self));
  g_return_if_fail (years != NULL || n_years == 0);

  old_n_years = self->years->len;
  old_empty = compute_empty (self);

  g_clear_pointer (&self->reports, g_ptr_array_unref);
  g_array_set_size (self->years, 0);
  g_array_append_vals (self->years, years, n_years);
  reset_points (self);

  data_changed (self, old_n_years, old_empty);
}

/**
 * gk_chart_model_set_series:
 * @series: the series index within the model's kind
 * @values: (array length=n_values): one value per year; NAN for missing
 *
 * Sets one series of plain data.  For the percentage series the values are
 * per cent.
 */
void
gk_chart_model_set_series (GkChartModel *self,
                           guint         series,
                           const double *values,
                           guint         n_values)
{
  guint old_n_years;
  gboolean old_empty;

  g_return_if_fail (GK_IS_CHART_MODEL (self));
  g_return_if_fail (series < n_series_of (self));
  g_return_if_fail (n_values == self->years->len);
  g_return_if_fail (values != NULL || n_values == 0);

  old_n_years = self->years->len;
  old_empty = compute_empty (self);

  for (guint y = 0; y < n_values; y++)
    {
      Point *p = point_at (self, y, series);

      memset (p, 0, sizeof *p);
      p->present = !isnan (values[y]);
      p->value = p->present ? values[y] : 0;
    }

  data_changed (self, old_n_years, old_empty);
}

/**
 * gk_chart_model_clear:
 *
 * Drops all data: the chart shows its "no data" message.
 */
void
gk_chart_model_clear (GkChartModel *self)
{
  g_return_if_fail (GK_IS_CHART_MODEL (self));

  gk_chart_model_set_years (self, NULL, 0);
}

guint
gk_chart_model_get_n_years (GkChartModel *self)
{
  g_return_val_if_fail (GK_IS_CHART_MODEL (self), 0);

  return self->years->len;
}

int
gk_chart_model_get_year (GkChartModel *self,
                         guint         year_index)
{
  g_return_val_if_fail (GK_IS_CHART_MODEL (self), 0);
  g_return_val_if_fail (year_index < self->years->len, 0);

  return g_array_index (self->years, int, year_index);
}

guint
gk_chart_model_get_n_series (GkChartModel *self)
{
  g_return_val_if_fail (GK_IS_CHART_MODEL (self), 0);

  return n_series_of (self);
}

GkChartSeries
gk_chart_model_get_series_id (GkChartModel *self,
                              guint         series)
{
  g_return_val_if_fail (GK_IS_CHART_MODEL (self), 0);
  g_return_val_if_fail (series < n_series_of (self), 0);

  if (self->kind == GK_CHART_INDICATOR)
    {
      /* Beyond the palette, colours repeat: the legend still tells. */
      if (((Compared *) g_ptr_array_index (self->compared, series))->average)
        return GK_CHART_SERIES_AVERAGE;
      return GK_CHART_SERIES_COMPARED_1 + series % GK_CHART_MAX_COMPARED;
    }
  return kind_series[self->kind].first + series;
}

/**
 * gk_chart_model_series_index:
 *
 * Returns: the index of @id among the model's series, -1 when the model's
 *   kind does not draw it
 */
int
gk_chart_model_series_index (GkChartModel  *self,
                             GkChartSeries  id)
{
  g_return_val_if_fail (GK_IS_CHART_MODEL (self), -1);

  if (self->kind == GK_CHART_INDICATOR)
    {
      for (guint s = 0; s < n_series_of (self); s++)
        if (gk_chart_model_get_series_id (self, s) == id)
          return s;
      return -1;
    }
  if (id < kind_series[self->kind].first
      || id >= kind_series[self->kind].first + kind_series[self->kind].n)
    return -1;
  return id - kind_series[self->kind].first;
}

const char *
gk_chart_model_get_series_label (GkChartModel *self,
                                 guint         series)
{
  g_return_val_if_fail (GK_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (series < n_series_of (self), NULL);

  return info_of (self, series)->label;
}

GkChartMark
gk_chart_model_get_series_mark (GkChartModel *self,
                                guint         series)
{
  g_return_val_if_fail (GK_IS_CHART_MODEL (self), GK_CHART_MARK_BAR);
  g_return_val_if_fail (series < n_series_of (self), GK_CHART_MARK_BAR);

  return info_of (self, series)->mark;
}

/**
 * gk_chart_model_get_series_stroke:
 *
 * Returns: how line series @series is drawn (bars are always filled)
 */
GkChartStroke
gk_chart_model_get_series_stroke (GkChartModel *self,
                                  guint         series)
{
  static const GkChartStroke rounds[] = {
    GK_CHART_STROKE_SOLID, GK_CHART_STROKE_DOTTED, GK_CHART_STROKE_DASH_DOT, GK_CHART_STROKE_LONG_DASH,
  };

  g_return_val_if_fail (GK_IS_CHART_MODEL (self), GK_CHART_STROKE_SOLID);
  g_return_val_if_fail (series < n_series_of (self), GK_CHART_STROKE_SOLID);

  if (gk_chart_model_get_series_id (self, series) == GK_CHART_SERIES_AVERAGE)
    return GK_CHART_STROKE_DASHED;
  if (self->kind != GK_CHART_INDICATOR)
    return GK_CHART_STROKE_SOLID;
  /* Each time the colours come round again, the next stroke. */
  return rounds[(series / GK_CHART_MAX_COMPARED) % G_N_ELEMENTS (rounds)];
}

GkChartAxis
gk_chart_model_get_series_axis (GkChartModel *self,
                                guint         series)
{
  g_return_val_if_fail (GK_IS_CHART_MODEL (self), GK_CHART_AXIS_COUNT);
  g_return_val_if_fail (series < n_series_of (self), GK_CHART_AXIS_COUNT);

  return info_of (self, series)->axis;
}

/**
 * gk_chart_model_get_value:
 * @value: (out) (optional): the value; per cent for the percentage series
 *
 * Returns: %FALSE when the value is missing
 */
gboolean
gk_chart_model_get_value (GkChartModel *self,
                          guint         year_index,
                          guint         series,
                          double       *value)
{
  Point *p;

  g_return_val_if_fail (GK_IS_CHART_MODEL (self), FALSE);
  g_return_val_if_fail (year_index < self->years->len, FALSE);
  g_return_val_if_fail (series < n_series_of (self), FALSE);

  p = point_at (self, year_index, series);
  if (value != NULL)
    *value = p->value;
  return p->present;
}

/**
 * gk_chart_model_get_fraction:
 * @numerator: (out) (optional): the sum of the numerators
 * @denominator: (out) (optional): the sum of the denominators
 * @n_reports: (out) (optional): how many reports they sum
 *
 * The fraction behind a share: the corrected share of the disputes chart
 * or a rate of the indicator chart.
 *
 * Returns: %FALSE when the value has no fraction behind it (a count, or
 *   no report gives its inputs); %TRUE also for a denominator of 0
 */
gboolean
gk_chart_model_get_fraction (GkChartModel *self,
                             guint         year_index,
                             guint         series,
                             double       *numerator,
                             double       *denominator,
                             guint        *n_reports)
{
  Point *p;

  g_return_val_if_fail (GK_IS_CHART_MODEL (self), FALSE);
  g_return_val_if_fail (year_index < self->years->len, FALSE);
  g_return_val_if_fail (series < n_series_of (self), FALSE);

  p = point_at (self, year_index, series);
  if (numerator != NULL)
    *numerator = p->numerator;
  if (denominator != NULL)
    *denominator = p->denominator;
  if (n_reports != NULL)
    *n_reports = p->n_reports;
  return info_of (self, series)->axis == GK_CHART_AXIS_PERCENT && (p->present || p->zero_denominator);
}

/**
 * gk_chart_model_get_incomplete:
 *
 * Returns: whether the value sums only some of the cells behind it, the
 *   others being blank, not applicable or absent
 */
gboolean
gk_chart_model_get_incomplete (GkChartModel *self,
                               guint         year_index,
                               guint         series)
{
  g_return_val_if_fail (GK_IS_CHART_MODEL (self), FALSE);
  g_return_val_if_fail (year_index < self->years->len, FALSE);
  g_return_val_if_fail (series < n_series_of (self), FALSE);

  return point_at (self, year_index, series)->incomplete;
}

/**
 * gk_chart_model_is_empty:
 *
 * Returns: %TRUE when there is no value to draw, so the chart shows a
 *   message instead of axes
 */
gboolean
gk_chart_model_is_empty (GkChartModel *self)
{
  g_return_val_if_fail (GK_IS_CHART_MODEL (self), TRUE);

  return compute_empty (self);
}

/**
 * gk_chart_model_set_highlight:
 * @year_index: the hovered or focused year, -1 for none
 * @series: the hovered series within that year, -1 for the whole year
 */
void
gk_chart_model_set_highlight (GkChartModel *self,
                              int           year_index,
                              int           series)
{
  g_return_if_fail (GK_IS_CHART_MODEL (self));

  if (year_index < 0 || year_index >= (int) self->years->len)
    year_index = -1;
  if (year_index < 0 || series < 0 || series >= (int) n_series_of (self))
    series = -1;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->highlight_year != year_index)
    {
      self->highlight_year = year_index;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_HIGHLIGHT_YEAR]);
    }
  if (self->highlight_series != series)
    {
      self->highlight_series = series;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_HIGHLIGHT_SERIES]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

int
gk_chart_model_get_highlight_year (GkChartModel *self)
{
  g_return_val_if_fail (GK_IS_CHART_MODEL (self), -1);

  return self->highlight_year;
}

int
gk_chart_model_get_highlight_series (GkChartModel *self)
{
  g_return_val_if_fail (GK_IS_CHART_MODEL (self), -1);

  return self->highlight_series;
}

/* Layout. */

static void
measure (const GkChartMetrics *m,
         const char           *text,
         double               *width,
         double               *height)
{
  double w = 0;

  if (m->measure != NULL)
    {
      m->measure (text, width, height, m->measure_data);
      return;
    }

  /* Digits and Latin letters are about half as wide as Han characters. */
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    w += g_unichar_iswide (g_utf8_get_char (p)) ? m->font_size : m->font_size * 0.6;
  *width = ceil (w);
  *height = ceil (m->font_size * 1.25);
}

/* The smallest step of the 1-2-5 series (…, 1, 2, 5, 10, 20, …) that
 * covers @max in at most @max_intervals intervals: the finest grid that
 * still leaves room for its labels, and the least space wasted above the
 * data (216 → 0…250 by 50 rather than 0…300 by 100). */
static double
nice_step (double   max,
           guint    max_intervals,
           gboolean integer)
{
  static const double multiples[] = { 1, 2, 5 };
  double magnitude;

  g_assert (max_intervals > 0);

  if (max <= 0)
    return 1;

  magnitude = pow (10, floor (log10 (max / max_intervals)));
  for (guint k = 0; k < 30; k++)
    {
      double step = multiples[k % 3] * magnitude * pow (10, k / 3);

      if (integer && step < 1)
        continue;
      /* The slack keeps 100 / 20 at 5 when floating point makes it 5.000…1. */
      if (ceil (max / step - 1e-9) <= max_intervals)
        return step;
    }
  g_assert_not_reached ();
  return max;
}

static void
axis_set (Axis   *axis,
          double  max,
          double  step)
{
  axis->shown = TRUE;
  axis->min = 0;
  axis->step = step;
  axis->max = ceil (max / step - 1e-9) * step;
  if (axis->max <= 0)
    axis->max = step;
}

static void
axis_fill_ticks (Axis        *axis,
                 GkChartAxis  which)
{
  guint n = (guint) round ((axis->max - axis->min) / axis->step);

  g_array_set_size (axis->ticks, 0);
  for (guint i = 0; i <= n; i++)
    {
      GkChartTick tick = { 0 };
      g_autofree char *label = NULL;

      tick.value = axis->min + i * axis->step;
      label = which == GK_CHART_AXIS_PERCENT ? format_percent (tick.value)
                                             : format_number (tick.value);
      g_strlcpy (tick.label, label, sizeof tick.label);
      g_array_append_val (axis->ticks, tick);
    }
}

/* The percentage axis reuses the count axis's intervals when a nice step
 * fits them, so the grid lines serve both axes; otherwise it takes its own
 * ticks and the grid follows the count axis only. */
static void
layout_percent_axis (GkChartModel *self,
                     double        max,
                     guint         target)
{
  static const double steps[] = {
    0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100
  };
  Axis *count = &self->axes[GK_CHART_AXIS_COUNT];
  Axis *percent = &self->axes[GK_CHART_AXIS_PERCENT];
  /* A share that is 0 % every year is shown against the whole scale. */
  double want = max > 0 ? max : 100;
  double limit = MAX (100, max);

  if (count->shown)
    {
      guint n = (guint) round (count->max / count->step);

      for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
        if (n * steps[i] >= want - 1e-9 && n * steps[i] <= limit + 1e-9)
          {
            percent->shown = TRUE;
            percent->min = 0;
            percent->step = steps[i];
            percent->max = n * steps[i];
            return;
          }
    }

  axis_set (percent, want, nice_step (want, target, FALSE));
  if (percent->max > limit)
    axis_set (percent, 100, nice_step (100, target, FALSE));
}

static double
value_to_y (GkChartModel *self,
            GkChartAxis   axis,
            double        value)
{
  const Axis *a = &self->axes[axis];
  double f = (value - a->min) / (a->max - a->min);

  return self->plot.y + self->plot.height * (1 - CLAMP (f, 0, 1));
}

static void
layout_geometry (GkChartModel *self)
{
  const GkChartMetrics *m = &self->metrics;
  guint n_years = self->years->len;
  guint n_series = n_series_of (self);
  guint n_bars = 0;
  double bar_width, gap = 0, group;

  for (guint s = 0; s < n_series; s++)
    if (info_of (self, s)->mark == GK_CHART_MARK_BAR)
      n_bars++;

  /* Outcomes stack: the six outcomes split the year's handled applications
   * (rule R2), so the stack's height is their total.  Disputes stand side by
   * side: a suit after review is a review case taken further, so a stack
   * would count one dispute twice and suggest a total the report does not
   * have (report-format.md §5). */
  if (self->kind == GK_CHART_OUTCOMES)
    {
      bar_width = MIN (self->category_width * 0.62, m->bar_max_width);
      group = bar_width;
    }
  else if (n_bars == 0)
    {
      /* Lines only. */
      bar_width = group = 0;
    }
  else
    {
      gap = 3;
      bar_width = MIN ((self->category_width * 0.78 - (n_bars - 1) * gap) / n_bars,
                       m->bar_max_width * 0.5);
      if (bar_width < 6)
        {
          gap = 1;
          bar_width = (self->category_width * 0.78 - (n_bars - 1) * gap) / n_bars;
        }
      group = n_bars * bar_width + (n_bars - 1) * gap;
    }
  bar_width = MAX (bar_width, 1);

  g_array_set_size (self->geometry, 0);
  g_array_set_size (self->geometry, n_years * n_series);

  for (guint y = 0; y < n_years; y++)
    {
      double centre = self->plot.x + (y + 0.5) * self->category_width;
      double left = centre - group / 2;
      double stack = 0;
      guint bar = 0;

      for (guint s = 0; s < n_series; s++)
        {
          const SeriesInfo *info = info_of (self, s);
          Point *p = point_at (self, y, s);
          Geometry *g = geometry_at (self, y, s);

          if (info->mark == GK_CHART_MARK_LINE)
            {
              g->has_point = p->present;
              g->x = centre;
              g->y = p->present ? value_to_y (self, info->axis, p->value) : 0;
              continue;
            }

          if (p->present)
            {
              double x0, x1, y0, y1;
              /* Counts cannot be negative (rule R5); a negative misreading
               * is stated in words but not drawn below the baseline. */
              double v = MAX (p->value, 0);

              if (self->kind == GK_CHART_OUTCOMES)
                {
                  x0 = left;
                  y0 = value_to_y (self, info->axis, stack);
                  stack += v;
                }
              else
                {
                  x0 = left + bar * (bar_width + gap);
                  y0 = value_to_y (self, info->axis, 0);
                }
              x1 = x0 + bar_width;
              y1 = value_to_y (self, info->axis, self->kind == GK_CHART_OUTCOMES ? stack : v);

              /* Whole pixels give crisp edges, and stacked segments that
               * share an edge round it the same way. */
              x0 = round (x0);
              x1 = MAX (round (x1), x0 + 1);
              y0 = round (y0);
              y1 = round (y1);

              g->has_bar = TRUE;
              g->bar.x = x0;
              g->bar.width = x1 - x0;
              g->bar.y = y1;
              g->bar.height = y0 - y1;
            }
          bar++;
        }
    }
}

/**
 * gk_chart_model_layout:
 * @metrics: (nullable): sizes and text measurement; %NULL for defaults
 *
 * Computes the geometry of the chart drawn at @width × @height pixels: the
 * ranges and ticks of both axes (0 baseline, 1-2-5 steps, whole numbers
 * for counts, 0–100 % or a nicer part of it), the plot rectangle, every bar
 * and line point, and which year labels fit.  Nothing is laid out for an
 * empty model: the renderer then shows a message.
 */
void
gk_chart_model_layout (GkChartModel         *self,
                       double                width,
                       double                height,
                       const GkChartMetrics *metrics)
{
  GkChartMetrics defaults;
  const GkChartMetrics *m;
  double line_height, w, h;
  double left_width = 0, right_width = 0, year_width = 0;
  double top, bottom, left, right;
  double count_max = 0, percent_max = 0;
  gboolean any_count = FALSE, any_percent = FALSE;
  guint target;
  guint n_years = self->years->len;

  g_return_if_fail (GK_IS_CHART_MODEL (self));

  if (metrics == NULL)
    {
      gk_chart_metrics_init (&defaults, 13);
      metrics = &defaults;
    }
  self->metrics = *metrics;
  m = &self->metrics;

  self->laid_out = TRUE;
  self->width = width;
  self->height = height;
  self->plot = (GkChartRect) { 0, 0, 0, 0 };
  self->category_width = 0;
  self->label_stride = 1;
  for (guint i = 0; i < G_N_ELEMENTS (self->axes); i++)
    {
      self->axes[i].shown = FALSE;
      self->axes[i].min = self->axes[i].max = 0;
      self->axes[i].step = 1;
      g_array_set_size (self->axes[i].ticks, 0);
    }
  g_array_set_size (self->geometry, 0);
  g_array_set_size (self->geometry, self->points->len);

  if (compute_empty (self))
    return;

  /* What the data needs: the tallest stack or bar and the highest line
   * point on the count axis, the highest share on the other. */
  for (guint y = 0; y < n_years; y++)
    {
      double stack = 0;

      for (guint s = 0; s < n_series_of (self); s++)
        {
          const SeriesInfo *info = info_of (self, s);
          Point *p = point_at (self, y, s);

          if (!p->present)
            continue;
          if (info->axis == GK_CHART_AXIS_PERCENT)
            {
              any_percent = TRUE;
              percent_max = MAX (percent_max, p->value);
            }
          else
            {
              any_count = TRUE;
              if (info->mark == GK_CHART_MARK_BAR && self->kind == GK_CHART_OUTCOMES)
                stack += MAX (p->value, 0);
              else
                count_max = MAX (count_max, p->value);
            }
        }
      count_max = MAX (count_max, stack);
    }

  /* Vertical margins first: they do not depend on the ticks, and the
   * number of ticks depends on the height left. */
  /* The top holds the axis captions, clear of the top tick's label, which
   * is centred on the top grid line. */
  measure (m, "0123456789", &w, &line_height);
  top = m->padding + line_height * 1.5 + m->label_gap;
  bottom = m->padding + line_height + m->label_gap;
  /* A chart too small for its margins still keeps its plot inside. */
  self->plot.y = MIN (round (top), floor (height));
  self->plot.height = MAX (0, round (height - bottom) - self->plot.y);

  /* As many intervals as leave a label's height and a half between
   * grid lines, and never so many that the grid turns into a texture. */
  target = (guint) CLAMP (floor (self->plot.height / (line_height * 1.8)), 2, 6);

  if (any_count)
    {
      /* All zeros still get a scale, so the zeros sit on a labelled line. */
      double max = count_max > 0 ? count_max : target;

      axis_set (&self->axes[GK_CHART_AXIS_COUNT], max, nice_step (max, target, TRUE));
      axis_fill_ticks (&self->axes[GK_CHART_AXIS_COUNT], GK_CHART_AXIS_COUNT);
    }
  if (any_percent)
    {
      layout_percent_axis (self, percent_max, target);
      axis_fill_ticks (&self->axes[GK_CHART_AXIS_PERCENT], GK_CHART_AXIS_PERCENT);
    }

  for (guint a = 0; a < G_N_ELEMENTS (self->axes); a++)
    for (guint i = 0; i < self->axes[a].ticks->len; i++)
      {
        measure (m, g_array_index (self->axes[a].ticks, GkChartTick, i).label, &w, &h);
        if (a == GK_CHART_AXIS_COUNT)
          left_width = MAX (left_width, w);
        else
          right_width = MAX (right_width, w);
      }

  for (guint y = 0; y < n_years; y++)
    {
      g_autofree char *text = g_strdup_printf ("%d", g_array_index (self->years, int, y));

      measure (m, text, &w, &h);
      year_width = MAX (year_width, w);
    }

  /* The first and the last year's labels are centred under their columns
   * and must not be cut off by the edge, however narrow the columns. */
  left = m->padding + MAX (left_width + m->label_gap, year_width / 2);
  right = m->padding + MAX (right_width > 0 ? right_width + m->label_gap : 0, year_width / 2);
  self->plot.x = MIN (round (left), floor (width));
  self->plot.width = MAX (0, round (width - right) - self->plot.x);
  self->category_width = n_years > 0 ? self->plot.width / n_years : 0;

  for (guint a = 0; a < G_N_ELEMENTS (self->axes); a++)
    for (guint i = 0; i < self->axes[a].ticks->len; i++)
      {
        GkChartTick *tick = &g_array_index (self->axes[a].ticks, GkChartTick, i);

        tick->y = value_to_y (self, a, tick->value);
      }

  /* Crowded years show every k-th label, counted back from the latest
   * year, which is the one readers look for. */
  if (self->category_width > 0)
    self->label_stride = MAX (1, (guint) ceil ((year_width + m->label_gap) / self->category_width));

  layout_geometry (self);
}

/**
 * gk_chart_model_get_plot_rect:
 * @rect: (out): the area inside the axes
 *
 * Returns: %FALSE when there is nothing laid out (an empty model)
 */
gboolean
gk_chart_model_get_plot_rect (GkChartModel *self,
                              GkChartRect  *rect)
{
  g_return_val_if_fail (GK_IS_CHART_MODEL (self), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  *rect = self->plot;
  return self->laid_out && !compute_empty (self);
}

/**
 * gk_chart_model_has_axis:
 *
 * Returns: whether the last layout shows @axis: the percentage axis only
 *   when a share is present
 */
gboolean
gk_chart_model_has_axis (GkChartModel *self,
                         GkChartAxis   axis)
{
  g_return_val_if_fail (GK_IS_CHART_MODEL (self), FALSE);
  g_return_val_if_fail (axis <= GK_CHART_AXIS_PERCENT, FALSE);

  return self->laid_out && self->axes[axis].shown;
}

void
gk_chart_model_get_range (GkChartModel *self,
                          GkChartAxis   axis,
                          double       *min,
                          double       *max)
{
  g_return_if_fail (GK_IS_CHART_MODEL (self));
  g_return_if_fail (axis <= GK_CHART_AXIS_PERCENT);

  if (min != NULL)
    *min = self->axes[axis].min;
  if (max != NULL)
    *max = self->axes[axis].max;
}

/**
 * gk_chart_model_get_ticks:
 * @n_ticks: (out): how many
 *
 * Returns: (array length=n_ticks) (transfer none): the ticks from the
 *   baseline up, valid until the next layout
 */
const GkChartTick *
gk_chart_model_get_ticks (GkChartModel *self,
                          GkChartAxis   axis,
                          guint        *n_ticks)
{
  g_return_val_if_fail (GK_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (axis <= GK_CHART_AXIS_PERCENT, NULL);
  g_return_val_if_fail (n_ticks != NULL, NULL);

  *n_ticks = self->axes[axis].ticks->len;
  return (const GkChartTick *) self->axes[axis].ticks->data;
}

/**
 * gk_chart_model_get_category_rect:
 * @rect: (out): the year's column of the plot, the full plot height
 */
gboolean
gk_chart_model_get_category_rect (GkChartModel *self,
                                  guint         year_index,
                                  GkChartRect  *rect)
{
  g_return_val_if_fail (GK_IS_CHART_MODEL (self), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  if (!self->laid_out || compute_empty (self) || year_index >= self->years->len)
    return FALSE;

  rect->x = self->plot.x + year_index * self->category_width;
  rect->width = self->category_width;
  rect->y = self->plot.y;
  rect->height = self->plot.height;
  return TRUE;
}

/**
 * gk_chart_model_get_year_label_visible:
 *
 * Returns: whether the year's label fits; crowded charts thin them out
 */
gboolean
gk_chart_model_get_year_label_visible (GkChartModel *self,
                                       guint         year_index)
{
  g_return_val_if_fail (GK_IS_CHART_MODEL (self), FALSE);
  g_return_val_if_fail (year_index < self->years->len, FALSE);

  return (self->years->len - 1 - year_index) % self->label_stride == 0;
}

/**
 * gk_chart_model_get_bar_rect:
 * @series: a bar series
 * @rect: (out): the bar or the stacked segment, in whole pixels
 *
 * Returns: %FALSE when the value is missing or the series is a line; a
 *   zero value has a rectangle of height 0
 */
gboolean
gk_chart_model_get_bar_rect (GkChartModel *self,
                             guint         year_index,
                             guint         series,
                             GkChartRect  *rect)
{
  Geometry *g;

  g_return_val_if_fail (GK_IS_CHART_MODEL (self), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);
  g_return_val_if_fail (series < n_series_of (self), FALSE);

  if (!self->laid_out || year_index >= self->years->len || compute_empty (self))
    return FALSE;

  g = geometry_at (self, year_index, series);
  if (!g->has_bar)
    return FALSE;
  *rect = g->bar;
  return TRUE;
}

/**
 * gk_chart_model_get_point:
 * @series: a line series
 *
 * Returns: %FALSE when the value is missing or the series is drawn as bars
 */
gboolean
gk_chart_model_get_point (GkChartModel *self,
                          guint         year_index,
                          guint         series,
                          double       *x,
                          double       *y)
{
  Geometry *g;

  g_return_val_if_fail (GK_IS_CHART_MODEL (self), FALSE);
  g_return_val_if_fail (series < n_series_of (self), FALSE);

  if (!self->laid_out || year_index >= self->years->len || compute_empty (self))
    return FALSE;

  g = geometry_at (self, year_index, series);
  if (!g->has_point)
    return FALSE;
  if (x != NULL)
    *x = g->x;
  if (y != NULL)
    *y = g->y;
  return TRUE;
}

static double
distance_to_rect (const GkChartRect *r,
                  double             x,
                  double             y)
{
  double dx = MAX (MAX (r->x - x, 0), x - (r->x + r->width));
  double dy = MAX (MAX (r->y - y, 0), y - (r->y + r->height));

  return hypot (dx, dy);
}

/**
 * gk_chart_model_nearest:
 * @year_index: (out): the year under the pointer
 * @series: (out): the series nearest the pointer within that year, -1 when
 *   the year has no value at all
 *
 * Hit-tests the last layout.  Anywhere in a year's column picks that year,
 * so a tooltip follows the pointer without pixel hunting.  Line points are
 * drawn over the bars and win within the hit radius; then the bar segment
 * under the pointer; then whatever is closest.
 *
 * Returns: %FALSE when (@x, @y) is outside the plot or nothing is drawn
 */
gboolean
gk_chart_model_nearest (GkChartModel *self,
                        double        x,
                        double        y,
                        guint        *year_index,
                        int          *series)
{
  const GkChartMetrics *m = &self->metrics;
  double best = G_MAXDOUBLE;
  int found = -1;
  guint year;

  g_return_val_if_fail (GK_IS_CHART_MODEL (self), FALSE);

  if (!self->laid_out || compute_empty (self) || self->years->len == 0
      || self->category_width <= 0)
    return FALSE;
  if (x < self->plot.x || x >= self->plot.x + self->plot.width
      || y < self->plot.y - m->hit_radius || y > self->plot.y + self->plot.height + m->hit_radius)
    return FALSE;

  year = MIN ((guint) ((x - self->plot.x) / self->category_width), self->years->len - 1);

  for (guint s = 0; s < n_series_of (self); s++)
    {
      Geometry *g = geometry_at (self, year, s);
      double d;

      if (!g->has_point)
        continue;
      d = hypot (g->x - x, g->y - y);
      if (d <= m->hit_radius && d < best)
        {
          best = d;
          found = s;
        }
    }

  if (found < 0)
    for (guint s = 0; s < n_series_of (self); s++)
      {
        Geometry *g = geometry_at (self, year, s);
        double d;

        if (g->has_bar)
          d = distance_to_rect (&g->bar, x, y);
        else if (g->has_point)
          d = hypot (g->x - x, g->y - y);
        else
          continue;

        /* A zero-height segment must not steal the pointer from the
         * segment it sits on. */
        if (g->has_bar && g->bar.height <= 0)
          d += 0.5;
        if (d < best)
          {
            best = d;
            found = s;
          }
      }

  if (year_index != NULL)
    *year_index = year;
  if (series != NULL)
    *series = found;
  return TRUE;
}

/**
 * gk_chart_model_format_value:
 *
 * Returns: (transfer full): the value as the chart states it: a count, a
 *   share in per cent, or "no data"
 */
char *
gk_chart_model_format_value (GkChartModel *self,
                             guint         year_index,
                             guint         series)
{
  Point *p;
  char *text;

  g_return_val_if_fail (GK_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (year_index < self->years->len, NULL);
  g_return_val_if_fail (series < n_series_of (self), NULL);

  p = point_at (self, year_index, series);
  if (!p->present && p->zero_denominator)
    /* Translators: a rate of nothing, e.g. of no requests: not 0 %. */
    return g_strdup (_("no value (denominator 0)"));
  if (!p->present)
    /* Translators: a value the reports leave blank or not applicable. */
    return g_strdup (_("no data"));

  text = info_of (self, series)->axis == GK_CHART_AXIS_PERCENT
         ? format_percent (round (p->value * 10) / 10)
         : format_number (p->value);

  if (p->incomplete)
    {
      char *tmp = text;

      /* Translators: after a value that sums only the cells that are not blank. */
      text = g_strdup_printf (_("%s (incomplete)"), tmp);
      g_free (tmp);
    }
  return text;
}

/**
 * gk_chart_model_dup_tooltip:
 * @series: a series index, or -1 for the year as a whole
 *
 * Returns: (transfer full): the text a tooltip shows for a point: whose
 *   data, the year, the series and its value, with the formula and
 *   denominator of a share
 */
char *
gk_chart_model_dup_tooltip (GkChartModel *self,
                            guint         year_index,
                            int           series)
{
  GString *text;
  int year;

  g_return_val_if_fail (GK_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (year_index < self->years->len, NULL);
  g_return_val_if_fail (series < (int) n_series_of (self), NULL);

  text = g_string_new (NULL);
  year = g_array_index (self->years, int, year_index);

  if (self->label != NULL && self->label[0] != '\0')
    g_string_append_printf (text, "%s\n", self->label);

  if (series < 0)
    /* Translators: a tooltip for a year the reports give no number for. */
    g_string_append_printf (text, _("%d: no data"), year);
  else
    {
      Point *p = point_at (self, year_index, series);
      g_autofree char *value = gk_chart_model_format_value (self, year_index, series);

      g_string_append_printf (text, "%d · %s: %s", year, info_of (self, series)->label, value);

      if (self->kind == GK_CHART_INDICATOR)
        {
          g_autofree char *num = format_number (p->numerator);
          g_autofree char *den = format_number (p->denominator);

          if (p->present || p->zero_denominator)
            g_string_append_printf (text, "\n%s / %s", num, den);
          if (((Compared *) g_ptr_array_index (self->compared, series))->average)
            {
              g_string_append_c (text, '\n');
              g_string_append_printf (text,
                                      /* Translators: how the library's average rate is computed */
                                      g_dngettext (GETTEXT_PACKAGE,
                                                   "Pooled over %u report: the sum of the numerators over the sum of the denominators",
                                                   "Pooled over %u reports: the sum of the numerators over the sum of the denominators",
                                                   p->n_reports),
                                      p->n_reports);
            }
          else if (p->n_reports > 1)
            {
              g_string_append_c (text, '\n');
              g_string_append_printf (text,
                                      /* Translators: a rate of a set of agencies */
                                      g_dngettext (GETTEXT_PACKAGE,
                                                   "%u report summed",
                                                   "%u reports summed",
                                                   p->n_reports),
                                      p->n_reports);
            }
          g_string_append_c (text, '\n');
          g_string_append (text, gk_indicator_get_formula_zh (self->indicator));
        }
      /* Plain series data knows the share but not its fraction. */
      else if (p->present && p->denominator > 0)
        {
          g_autofree char *num = format_number (p->numerator);
          g_autofree char *den = format_number (p->denominator);

          g_string_append_c (text, '\n');
          /* Translators: the fraction behind the corrected share (纠错率):
           * cases with the result corrected, of all cases of review and
           * both kinds of lawsuit. */
          g_string_append_printf (text, _("%s corrected of %s reviews and lawsuits"), num, den);
        }
    }

  return g_string_free (text, FALSE);
}

/* The order the words follow: a count line first (本年新收 before its
 * outcomes, as the report lists them), then the bars, then shares. */
static guint
describe_rank (GkChartModel *self,
               guint         series)
{
  const SeriesInfo *info = info_of (self, series);

  if (info->axis == GK_CHART_AXIS_PERCENT)
    return 2;
  return info->mark == GK_CHART_MARK_LINE ? 0 : 1;
}

/**
 * gk_chart_model_describe:
 *
 * Returns: (transfer full): every number of the chart in words, year by
 *   year, for the accessible description and for readers who prefer text
 */
char *
gk_chart_model_describe (GkChartModel *self)
{
  GString *text;

  g_return_val_if_fail (GK_IS_CHART_MODEL (self), NULL);

  text = g_string_new (NULL);
  if (self->label != NULL && self->label[0] != '\0')
    g_string_append_printf (text, "%s: ", self->label);
  g_string_append (text, gk_chart_model_get_title (self));

  if (compute_empty (self))
    {
      g_string_append (text, ". ");
      /* Translators: the description of a chart without any number. */
      g_string_append (text, _("No data."));
      return g_string_free (text, FALSE);
    }

  g_string_append_printf (text, ", %d–%d.",
                          g_array_index (self->years, int, 0),
                          g_array_index (self->years, int, self->years->len - 1));

  for (guint y = 0; y < self->years->len; y++)
    {
      gboolean first = TRUE;

      g_string_append_printf (text, " %d: ", g_array_index (self->years, int, y));
      for (guint rank = 0; rank < 3; rank++)
        for (guint s = 0; s < n_series_of (self); s++)
          {
            g_autofree char *value = NULL;

            if (describe_rank (self, s) != rank)
              continue;
            value = gk_chart_model_format_value (self, y, s);
            g_string_append_printf (text, "%s%s %s", first ? "" : ", ",
                                    info_of (self, s)->label, value);
            first = FALSE;
          }
      g_string_append_c (text, '.');
    }

  return g_string_free (text, FALSE);
}
