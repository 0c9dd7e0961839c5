/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-trend-chart"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gk-chart-render.h"
#include "gk-chart-size.h"
#include "gk-trend-chart.h"

/* The trend chart widget: draws a GkChartModel through gk_chart_render(),
 * the same routine the export and the tests use, with the theme's colours
 * so dark mode works.  Hover and the arrow keys highlight a year; the
 * tooltip names the label, year, series and value; the accessible
 * description states the numbers. */
struct _GkTrendChart
{
  GtkWidget     parent_instance;

  GkChartModel *model;
  int           focus_year;
  int           focus_series;
};

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (GkTrendChart, gk_trend_chart, GTK_TYPE_WIDGET)

static GParamSpec *properties [N_PROPS];

static void
measure_text_cb (const char *text,
                 double     *width,
                 double     *height,
                 gpointer    user_data)
{
  GtkWidget *widget = user_data;
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  *width = w;
  *height = h;
}

static void
fill_metrics (GkTrendChart   *self,
              GkChartMetrics *metrics)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double size = font ? pango_font_description_get_size (font) / (double) PANGO_SCALE : 10;

  gk_chart_metrics_init (metrics, size * 96.0 / 72.0);
  metrics->measure = measure_text_cb;
  metrics->measure_data = self;
}

static void
copy_color (GkChartColor  *to,
            const GdkRGBA *from)
{
  to->red = from->red;
  to->green = from->green;
  to->blue = from->blue;
  to->alpha = from->alpha;
}

/* The light or dark palette, with text and grid taken from the theme so
 * that high contrast follows too. */
static void
fill_style (GkTrendChart *self,
            GkChartStyle *style,
            char        **font)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  PangoFontDescription *desc = pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  GdkRGBA fg;

  *style = adw_style_manager_get_dark (manager) ? *gk_chart_style_get_dark () : *gk_chart_style_get_light ();

  gtk_style_context_get_color (context, &fg);
  copy_color (&style->foreground, &fg);
  style->grid = style->foreground;
  style->grid.alpha = 0.12f;
  style->highlight = style->foreground;
  style->highlight.alpha = 0.07f;
  /* Transparent: the widget's own background shows through. */
  style->background.alpha = 0;
  style->show_title = FALSE;
  style->show_legend = FALSE;

  *font = desc ? pango_font_description_to_string (desc) : NULL;
  style->font = *font;
}

static void
gk_trend_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  GkTrendChart *self = GK_TREND_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GkChartMetrics metrics;
  GkChartStyle style;
  g_autofree char *font = NULL;
  cairo_t *cr;

  if (self->model == NULL || width <= 0 || height <= 0)
    return;

  fill_metrics (self, &metrics);
  fill_style (self, &style, &font);
  gk_chart_model_layout (self->model, width, height, &metrics);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gk_chart_render (cr, self->model, width, height, &style);
  cairo_destroy (cr);
}

static void
update_description (GkTrendChart *self)
{
  g_autofree char *description = self->model ? gk_chart_model_describe (self->model) : NULL;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->model ? gk_chart_model_get_title (self->model) : _("Trend chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description ? description : "",
                                  -1);
}

static void
set_highlight (GkTrendChart *self,
               int           year,
               int           series)
{
  if (self->model == NULL)
    return;
  if (gk_chart_model_get_highlight_year (self->model) == year
      && gk_chart_model_get_highlight_series (self->model) == series)
    return;
  gk_chart_model_set_highlight (self->model, year, series);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           GkTrendChart             *self)
{
  guint year;
  int series;

  if (self->model != NULL && gk_chart_model_nearest (self->model, x, y, &year, &series))
    set_highlight (self, year, series);
  else
    set_highlight (self, self->focus_year, -1);
}

static void
leave_cb (GtkEventControllerMotion *motion,
          GkTrendChart             *self)
{
  set_highlight (self, gtk_widget_has_focus (GTK_WIDGET (self)) ? self->focus_year : -1, -1);
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  GkTrendChart *self = GK_TREND_CHART (widget);
  g_autofree char *text = NULL;
  guint year;
  int series;

  if (self->model == NULL || gk_chart_model_is_empty (self->model))
    return FALSE;

  if (keyboard)
    {
      if (self->focus_year < 0)
        return FALSE;
      text = gk_chart_model_dup_tooltip (self->model, self->focus_year, -1);
    }
  else
    {
      if (!gk_chart_model_nearest (self->model, x, y, &year, &series))
        return FALSE;
      text = gk_chart_model_dup_tooltip (self->model, year, series);
    }

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The arrow keys step through the years, so the numbers of every year are
 * reachable without a pointer. */
static gboolean
key_pressed_cb (GtkEventControllerKey *key,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GkTrendChart          *self)
{
  guint n_years;

  if (self->model == NULL || (n_years = gk_chart_model_get_n_years (self->model)) == 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      self->focus_year = self->focus_year <= 0 ? 0 : self->focus_year - 1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      self->focus_year = MIN (self->focus_year + 1, (int) n_years - 1);
      break;
    case GDK_KEY_Home:
      self->focus_year = 0;
      break;
    case GDK_KEY_End:
      self->focus_year = n_years - 1;
      break;
    default:
      return FALSE;
    }

  set_highlight (self, self->focus_year, -1);
  {
    g_autofree char *text = gk_chart_model_dup_tooltip (self->model, self->focus_year, -1);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self), text);
    gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  }
  return TRUE;
}

static void
focus_enter_cb (GtkEventControllerFocus *focus,
                GkTrendChart            *self)
{
  if (self->model == NULL || gk_chart_model_get_n_years (self->model) == 0)
    return;
  if (self->focus_year < 0)
    self->focus_year = gk_chart_model_get_n_years (self->model) - 1;
  set_highlight (self, self->focus_year, -1);
}

static void
focus_leave_cb (GtkEventControllerFocus *focus,
                GkTrendChart            *self)
{
  set_highlight (self, -1, -1);
}

static void
notify_dark_cb (GkTrendChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
gk_trend_chart_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 640;
    }
  else
    {
      *minimum = 200;
      *natural = 360;
    }
}

static void
gk_trend_chart_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (gk_trend_chart_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
gk_trend_chart_dispose (GObject *object)
{
  GkTrendChart *self = (GkTrendChart *)object;

  g_clear_object (&self->model);

  G_OBJECT_CLASS (gk_trend_chart_parent_class)->dispose (object);
}

static void
gk_trend_chart_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GkTrendChart *self = GK_TREND_CHART (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_trend_chart_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GkTrendChart *self = GK_TREND_CHART (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      gk_trend_chart_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_trend_chart_class_init (GkTrendChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gk_trend_chart_dispose;
  object_class->get_property = gk_trend_chart_get_property;
  object_class->set_property = gk_trend_chart_set_property;

  widget_class->snapshot = gk_trend_chart_snapshot;
  widget_class->measure = gk_trend_chart_measure;
  widget_class->css_changed = gk_trend_chart_css_changed;

  properties [PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, GK_TYPE_CHART_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "trendchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
gk_trend_chart_init (GkTrendChart *self)
{
  GtkEventController *controller;

  self->focus_year = -1;
  self->focus_series = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (notify_dark_cb), self, G_CONNECT_SWAPPED);

  update_description (self);
}

GtkWidget *
gk_trend_chart_new (void)
{
  return g_object_new (GK_TYPE_TREND_CHART, NULL);
}

/**
 * gk_trend_chart_get_model:
 *
 * Returns: (transfer none) (nullable): the model drawn
 */
GkChartModel *
gk_trend_chart_get_model (GkTrendChart *self)
{
  g_return_val_if_fail (GK_IS_TREND_CHART (self), NULL);
  return self->model;
}

void
gk_trend_chart_set_model (GkTrendChart *self,
                          GkChartModel *model)
{
  g_return_if_fail (GK_IS_TREND_CHART (self));
  g_return_if_fail (model == NULL || GK_IS_CHART_MODEL (model));

  if (g_set_object (&self->model, model))
    {
      gk_trend_chart_model_changed (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODEL]);
    }
}

/**
 * gk_trend_chart_model_changed:
 *
 * Tells the widget its model's data changed: redraw and restate.
 */
void
gk_trend_chart_model_changed (GkTrendChart *self)
{
  g_return_if_fail (GK_IS_TREND_CHART (self));

  self->focus_year = -1;
  if (self->model != NULL)
    gk_chart_model_set_highlight (self->model, -1, -1);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * gk_trend_chart_get_series_color:
 *
 * The colour the chart draws @series in, for the legend's swatches.
 */
void
gk_trend_chart_get_series_color (GkTrendChart  *self,
                                 GkChartSeries  series,
                                 GdkRGBA       *color)
{
  GkChartStyle style;
  g_autofree char *font = NULL;

  g_return_if_fail (GK_IS_TREND_CHART (self));
  g_return_if_fail (series < GK_CHART_N_SERIES);

  fill_style (self, &style, &font);
  color->red = style.series[series].red;
  color->green = style.series[series].green;
  color->blue = style.series[series].blue;
  color->alpha = style.series[series].alpha;
}

/**
 * gk_trend_chart_export:
 * @path: where to write; the format follows the extension (.png, .svg,
 *   .pdf)
 *
 * Exports the chart at @width × @height (pixels in a PNG or an SVG, points
 * in a PDF; see gk_chart_size_check() for the limits), with title and
 * legend drawn in, in the light palette that prints well.
 */
gboolean
gk_trend_chart_export (GkTrendChart  *self,
                       const char    *path,
                       int            width,
                       int            height,
                       GError       **error)
{
  GkChartStyle style;
  g_autofree char *lower = NULL;
  gboolean ok;

  g_return_val_if_fail (GK_IS_TREND_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* The size is the user's choice: a bad one is an error, not a crash. */
  if (!gk_chart_size_check (width, height, error))
    return FALSE;

  if (self->model == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("There is no chart to export"));
      return FALSE;
    }

  style = *gk_chart_style_get_light ();
  style.show_title = TRUE;
  style.show_legend = TRUE;

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".svg"))
    ok = gk_chart_export_svg (self->model, &style, width, height, path, error);
  else if (g_str_has_suffix (lower, ".pdf"))
    ok = gk_chart_export_pdf (self->model, &style, width, height, path, error);
  else
    ok = gk_chart_export_png (self->model, &style, width, height, path, error);

  /* The export laid the model out at its own size: lay it out again for
   * the screen. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return ok;
}
