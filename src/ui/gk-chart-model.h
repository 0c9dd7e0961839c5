/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-chart-model.h: the trend chart without any toolkit: series in, layout
 * out.  The widget, the export and the tests all read the same geometry. */

#pragma once

#include <glib-object.h>

#include "gk-indicators.h"

G_BEGIN_DECLS

#define GK_TYPE_CHART_MODEL (gk_chart_model_get_type ())

G_DECLARE_FINAL_TYPE (GkChartModel, gk_chart_model, GK, CHART_MODEL, GObject)

/**
 * GkChartKind:
 * @GK_CHART_OUTCOMES: how applications were handled (table 3, column
 *   `total`): stacked bars of the six outcomes and a line of new applications
 * @GK_CHART_DISPUTES: administrative review and litigation (table 4, column
 *   `total`): grouped bars of the three proceedings and the corrected share
 *   as a line on a percentage axis
 * @GK_CHART_INDICATOR: one rate of report-format.md §9 for several agencies
 *   (or sets of agencies) side by side, a line each, and the library's
 *   pooled average as a dashed line
 */
typedef enum
{
  GK_CHART_OUTCOMES = 0,
  GK_CHART_DISPUTES,
  GK_CHART_INDICATOR,
} GkChartKind;

#define GK_TYPE_CHART_KIND (gk_chart_kind_get_type ())

GType gk_chart_kind_get_type (void) G_GNUC_CONST;

/**
 * GkChartSeries:
 *
 * Every series either chart kind draws.  A model's series index counts
 * from the first series of its kind, so for %GK_CHART_OUTCOMES the index
 * equals the value below; gk_chart_model_series_index() converts.  The
 * style keeps one colour per value, so both kinds share one style.
 */
typedef enum
{
  GK_CHART_SERIES_GRANTED = 0,
  GK_CHART_SERIES_PARTIAL,
  GK_CHART_SERIES_DENIED,
  GK_CHART_SERIES_UNABLE,
  GK_CHART_SERIES_REJECTED,
  GK_CHART_SERIES_OTHER,
  GK_CHART_SERIES_NEW,
  GK_CHART_SERIES_REVIEW,
  GK_CHART_SERIES_SUIT_DIRECT,
  GK_CHART_SERIES_SUIT_AFTER_REVIEW,
  GK_CHART_SERIES_CORRECTED_RATE,
  GK_CHART_SERIES_COMPARED_1,
  GK_CHART_SERIES_COMPARED_2,
  GK_CHART_SERIES_COMPARED_3,
  GK_CHART_SERIES_COMPARED_4,
  GK_CHART_SERIES_COMPARED_5,
  GK_CHART_SERIES_COMPARED_6,
  GK_CHART_SERIES_COMPARED_7,
  GK_CHART_SERIES_COMPARED_8,
  GK_CHART_SERIES_AVERAGE,
  GK_CHART_N_SERIES
} GkChartSeries;

/* How many lines the indicator chart tells apart by colour. */
#define GK_CHART_MAX_COMPARED (GK_CHART_SERIES_AVERAGE - GK_CHART_SERIES_COMPARED_1)

typedef enum
{
  GK_CHART_MARK_BAR = 0,
  GK_CHART_MARK_LINE,
} GkChartMark;

/**
 * GkChartStroke:
 * @GK_CHART_STROKE_SOLID: a solid line
 * @GK_CHART_STROKE_DASHED: the library's average, a reference line
 * @GK_CHART_STROKE_DOTTED: the agencies past the palette's colours…
 * @GK_CHART_STROKE_DASH_DOT: …then past them again…
 * @GK_CHART_STROKE_LONG_DASH: …and once more, before the strokes repeat
 *
 * How a line series is drawn.  The indicator chart gives its first
 * %GK_CHART_MAX_COMPARED agencies a colour each; the next ones take the
 * same colours again, with another stroke, so no two of the first
 * 4 × %GK_CHART_MAX_COMPARED look alike.
 */
typedef enum
{
  GK_CHART_STROKE_SOLID = 0,
  GK_CHART_STROKE_DASHED,
  GK_CHART_STROKE_DOTTED,
  GK_CHART_STROKE_DASH_DOT,
  GK_CHART_STROKE_LONG_DASH,
} GkChartStroke;

/**
 * GkChartAxis:
 * @GK_CHART_AXIS_COUNT: the left axis, whole numbers of applications or cases
 * @GK_CHART_AXIS_PERCENT: the right axis, a share in per cent
 */
typedef enum
{
  GK_CHART_AXIS_COUNT = 0,
  GK_CHART_AXIS_PERCENT,
} GkChartAxis;

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} GkChartRect;

typedef struct
{
  double value;
  /* Where the tick sits, in pixels from the top of the chart. */
  double y;
  char   label[32];
} GkChartTick;

/**
 * GkChartMeasureFunc:
 *
 * Measures @text as the renderer will draw it, in pixels.  The model knows
 * no fonts; without a measure function it estimates from the font size.
 */
typedef void (*GkChartMeasureFunc) (const char *text,
                                    double     *width,
                                    double     *height,
                                    gpointer    user_data);

typedef struct
{
  /* Pixel size of the labels; only used to estimate text without @measure. */
  double             font_size;
  /* Space between the chart's edge and anything drawn. */
  double             padding;
  /* Space between a tick label and the plot. */
  double             label_gap;
  /* Bars wider than this look like blocks when there are few years. */
  double             bar_max_width;
  /* How far from a line point the pointer may be and still pick it. */
  double             hit_radius;
  GkChartMeasureFunc measure;
  gpointer           measure_data;
} GkChartMetrics;

void          gk_chart_metrics_init             (GkChartMetrics *metrics,
                                                 double          font_size);

GkChartModel *gk_chart_model_new                (GkChartKind     kind);
GkChartModel *gk_chart_model_copy               (GkChartModel   *self);

GkChartKind   gk_chart_model_get_kind           (GkChartModel   *self);
void          gk_chart_model_set_kind           (GkChartModel   *self,
                                                 GkChartKind     kind);
const char   *gk_chart_model_get_label          (GkChartModel   *self);
void          gk_chart_model_set_label          (GkChartModel   *self,
                                                 const char     *label);
const char   *gk_chart_model_get_title          (GkChartModel   *self);
const char   *gk_chart_model_get_axis_caption   (GkChartModel   *self,
                                                 GkChartAxis     axis);

/* Feeding. */
void          gk_chart_model_set_reports        (GkChartModel   *self,
                                                 GPtrArray      *reports,
                                                 const char     *label);
void          gk_chart_model_set_indicator      (GkChartModel       *self,
                                                 GkIndicator         indicator,
                                                 const char * const *labels,
                                                 GPtrArray          *groups,
                                                 GPtrArray          *average);
GkIndicator   gk_chart_model_get_indicator      (GkChartModel   *self);
void          gk_chart_model_set_years          (GkChartModel   *self,
                                                 const int      *years,
                                                 guint           n_years);
void          gk_chart_model_set_series         (GkChartModel   *self,
                                                 guint           series,
                                                 const double   *values,
                                                 guint           n_values);
void          gk_chart_model_clear              (GkChartModel   *self);

/* The data. */
guint         gk_chart_model_get_n_years        (GkChartModel   *self);
int           gk_chart_model_get_year           (GkChartModel   *self,
                                                 guint           year_index);
guint         gk_chart_model_get_n_series       (GkChartModel   *self);
GkChartSeries gk_chart_model_get_series_id      (GkChartModel   *self,
                                                 guint           series);
int           gk_chart_model_series_index       (GkChartModel   *self,
                                                 GkChartSeries   id);
const char   *gk_chart_model_get_series_label   (GkChartModel   *self,
                                                 guint           series);
GkChartMark   gk_chart_model_get_series_mark    (GkChartModel   *self,
                                                 guint           series);
GkChartStroke gk_chart_model_get_series_stroke  (GkChartModel   *self,
                                                 guint           series);
GkChartAxis   gk_chart_model_get_series_axis    (GkChartModel   *self,
                                                 guint           series);
gboolean      gk_chart_model_get_value          (GkChartModel   *self,
                                                 guint           year_index,
                                                 guint           series,
                                                 double         *value);
gboolean      gk_chart_model_get_fraction       (GkChartModel   *self,
                                                 guint           year_index,
                                                 guint           series,
                                                 double         *numerator,
                                                 double         *denominator,
                                                 guint          *n_reports);
gboolean      gk_chart_model_get_incomplete     (GkChartModel   *self,
                                                 guint           year_index,
                                                 guint           series);
gboolean      gk_chart_model_is_empty           (GkChartModel   *self);

/* Hover and keyboard focus, drawn by the renderer. */
void          gk_chart_model_set_highlight      (GkChartModel   *self,
                                                 int             year_index,
                                                 int             series);
int           gk_chart_model_get_highlight_year (GkChartModel   *self);
int           gk_chart_model_get_highlight_series (GkChartModel *self);

/* Layout. */
void          gk_chart_model_layout             (GkChartModel         *self,
                                                 double                width,
                                                 double                height,
                                                 const GkChartMetrics *metrics);
gboolean      gk_chart_model_get_plot_rect      (GkChartModel   *self,
                                                 GkChartRect    *rect);
gboolean      gk_chart_model_has_axis           (GkChartModel   *self,
                                                 GkChartAxis     axis);
void          gk_chart_model_get_range          (GkChartModel   *self,
                                                 GkChartAxis     axis,
                                                 double         *min,
                                                 double         *max);
const GkChartTick *gk_chart_model_get_ticks     (GkChartModel   *self,
                                                 GkChartAxis     axis,
                                                 guint          *n_ticks);
gboolean      gk_chart_model_get_category_rect  (GkChartModel   *self,
                                                 guint           year_index,
                                                 GkChartRect    *rect);
gboolean      gk_chart_model_get_year_label_visible (GkChartModel *self,
                                                 guint           year_index);
gboolean      gk_chart_model_get_bar_rect       (GkChartModel   *self,
                                                 guint           year_index,
                                                 guint           series,
                                                 GkChartRect    *rect);
gboolean      gk_chart_model_get_point          (GkChartModel   *self,
                                                 guint           year_index,
                                                 guint           series,
                                                 double         *x,
                                                 double         *y);
gboolean      gk_chart_model_nearest            (GkChartModel   *self,
                                                 double          x,
                                                 double          y,
                                                 guint          *year_index,
                                                 int            *series);

/* Words. */
char         *gk_chart_model_format_value       (GkChartModel   *self,
                                                 guint           year_index,
                                                 guint           series);
char         *gk_chart_model_dup_tooltip        (GkChartModel   *self,
                                                 guint           year_index,
                                                 int             series);
char         *gk_chart_model_describe           (GkChartModel   *self);

G_END_DECLS
