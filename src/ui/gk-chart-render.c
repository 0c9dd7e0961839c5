/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-chart-render"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "gk-chart-render.h"

/* Drawing the chart the model has laid out.  Everything goes through
 * gk_chart_render(), so what the window shows, what is exported and what the
 * tests measure pixel by pixel are one picture.  Positions come from the
 * model; this file only decides how things look. */

#define RGB(hex, a) { ((hex) >> 16 & 0xff) / 255.f, ((hex) >> 8 & 0xff) / 255.f, ((hex) & 0xff) / 255.f, (a) }

/* The GNOME palette.  The outcomes read from granted (green) over the
 * refusals (red, orange, purple) to the rest (grey); the new applications
 * line is a dark blue that stands out against all of them.  The dark style
 * takes lighter shades so the marks keep their contrast. */
static const GkChartStyle light_style = {
  .foreground = RGB (0x000000, 0.8f),
  .background = RGB (0xffffff, 1.f),
  .grid       = RGB (0x000000, 0.1f),
  .highlight  = RGB (0x3584e4, 0.12f),
  .series = {
    [GK_CHART_SERIES_GRANTED]           = RGB (0x26a269, 1.f),
    [GK_CHART_SERIES_PARTIAL]           = RGB (0x8de6a0, 1.f),
    [GK_CHART_SERIES_DENIED]            = RGB (0xe01b24, 1.f),
    [GK_CHART_SERIES_UNABLE]            = RGB (0xffa348, 1.f),
    [GK_CHART_SERIES_REJECTED]          = RGB (0x9141ac, 1.f),
    [GK_CHART_SERIES_OTHER]             = RGB (0xc0bfbc, 1.f),
    [GK_CHART_SERIES_NEW]               = RGB (0x1a5fb4, 1.f),
    [GK_CHART_SERIES_REVIEW]            = RGB (0x3584e4, 1.f),
    [GK_CHART_SERIES_SUIT_DIRECT]       = RGB (0xff7800, 1.f),
    [GK_CHART_SERIES_SUIT_AFTER_REVIEW] = RGB (0x9141ac, 1.f),
    [GK_CHART_SERIES_CORRECTED_RATE]    = RGB (0xc01c28, 1.f),
    /* The compared agencies: hues far apart, then the average in the
     * foreground's grey, dashed. */
    [GK_CHART_SERIES_COMPARED_1]        = RGB (0x1c71d8, 1.f),
    [GK_CHART_SERIES_COMPARED_2]        = RGB (0xe66100, 1.f),
    [GK_CHART_SERIES_COMPARED_3]        = RGB (0x26a269, 1.f),
    [GK_CHART_SERIES_COMPARED_4]        = RGB (0xc01c28, 1.f),
    [GK_CHART_SERIES_COMPARED_5]        = RGB (0x813d9c, 1.f),
    [GK_CHART_SERIES_COMPARED_6]        = RGB (0x986a44, 1.f),
    [GK_CHART_SERIES_COMPARED_7]        = RGB (0xe5a50a, 1.f),
    [GK_CHART_SERIES_COMPARED_8]        = RGB (0x2190a4, 1.f),
    [GK_CHART_SERIES_AVERAGE]           = RGB (0x5e5c64, 1.f),
  },
  .font = "Sans 10",
};

static const GkChartStyle dark_style = {
  .foreground = RGB (0xffffff, 0.9f),
  .background = RGB (0x1e1e1e, 1.f),
  .grid       = RGB (0xffffff, 0.1f),
  .highlight  = RGB (0x78aeed, 0.16f),
  .series = {
    [GK_CHART_SERIES_GRANTED]           = RGB (0x2ec27e, 1.f),
    [GK_CHART_SERIES_PARTIAL]           = RGB (0x8ff0a4, 1.f),
    [GK_CHART_SERIES_DENIED]            = RGB (0xf66151, 1.f),
    [GK_CHART_SERIES_UNABLE]            = RGB (0xffbe6f, 1.f),
    [GK_CHART_SERIES_REJECTED]          = RGB (0xc061cb, 1.f),
    [GK_CHART_SERIES_OTHER]             = RGB (0x9a9996, 1.f),
    [GK_CHART_SERIES_NEW]               = RGB (0x99c1f1, 1.f),
    [GK_CHART_SERIES_REVIEW]            = RGB (0x62a0ea, 1.f),
    [GK_CHART_SERIES_SUIT_DIRECT]       = RGB (0xffa348, 1.f),
    [GK_CHART_SERIES_SUIT_AFTER_REVIEW] = RGB (0xc061cb, 1.f),
    [GK_CHART_SERIES_CORRECTED_RATE]    = RGB (0xff7b63, 1.f),
    [GK_CHART_SERIES_COMPARED_1]        = RGB (0x62a0ea, 1.f),
    [GK_CHART_SERIES_COMPARED_2]        = RGB (0xffa348, 1.f),
    [GK_CHART_SERIES_COMPARED_3]        = RGB (0x57e389, 1.f),
    [GK_CHART_SERIES_COMPARED_4]        = RGB (0xf66151, 1.f),
    [GK_CHART_SERIES_COMPARED_5]        = RGB (0xdc8add, 1.f),
    [GK_CHART_SERIES_COMPARED_6]        = RGB (0xcdab8f, 1.f),
    [GK_CHART_SERIES_COMPARED_7]        = RGB (0xf8e45c, 1.f),
    [GK_CHART_SERIES_COMPARED_8]        = RGB (0x93ddf0, 1.f),
    [GK_CHART_SERIES_AVERAGE]           = RGB (0xc0bfbc, 1.f),
  },
  .font = "Sans 10",
};

#define DEFAULT_FONT     "Sans 10"
#define LINE_WIDTH       2.0
#define MARKER_RADIUS    3.5
#define MARKER_HIGHLIGHT 5.5
#define LEGEND_SWATCH    10.0

/* One drawing: the cairo context, a Pango layout for every text, and the
 * metrics derived from the font. */
typedef struct
{
  cairo_t              *cr;
  GkChartModel         *model;
  const GkChartStyle   *style;
  PangoLayout          *layout;
  PangoFontDescription *font;
  GkChartMetrics        metrics;
  /* The size of the chart itself, without the export's title and legend. */
  double                width;
  double                height;
} Painter;

/**
 * gk_chart_style_get_light:
 *
 * Returns: (transfer none): colours for a light background, fixed rather
 *   than taken from a theme: what export uses
 */
const GkChartStyle *
gk_chart_style_get_light (void)
{
  return &light_style;
}

/**
 * gk_chart_style_get_dark:
 *
 * Returns: (transfer none): colours for a dark background
 */
const GkChartStyle *
gk_chart_style_get_dark (void)
{
  return &dark_style;
}

static void
set_color (cairo_t            *cr,
           const GkChartColor *color,
           double              alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
set_text (Painter    *p,
          const char *text)
{
  pango_layout_set_font_description (p->layout, p->font);
  pango_layout_set_text (p->layout, text, -1);
}

static void
text_size (Painter    *p,
           const char *text,
           double     *width,
           double     *height)
{
  PangoRectangle logical;

  set_text (p, text);
  pango_layout_get_pixel_extents (p->layout, NULL, &logical);
  *width = logical.width;
  *height = logical.height;
}

static void
measure_cb (const char *text,
            double     *width,
            double     *height,
            gpointer    user_data)
{
  text_size (user_data, text, width, height);
}

/* Draws @text with its anchor at (@x, @y): @xalign and @yalign 0 for the
 * left or top edge, 0.5 for the centre, 1 for the right or bottom edge. */
static void
draw_text (Painter            *p,
           const char         *text,
           double              x,
           double              y,
           double              xalign,
           double              yalign,
           const GkChartColor *color,
           double              alpha)
{
  double w, h;

  text_size (p, text, &w, &h);
  cairo_move_to (p->cr, round (x - w * xalign), round (y - h * yalign));
  set_color (p->cr, color, alpha);
  pango_cairo_show_layout (p->cr, p->layout);
}

/* A rectangle with its two top corners rounded, so a bar reads as a bar and
 * not as a block, while its foot stays flat on the baseline. */
static void
top_rounded_rect (cairo_t           *cr,
                  const GkChartRect *r,
                  double             radius)
{
  radius = MIN (radius, MIN (r->width / 2, r->height));

  cairo_new_sub_path (cr);
  cairo_move_to (cr, r->x, r->y + r->height);
  cairo_line_to (cr, r->x, r->y + radius);
  if (radius > 0)
    cairo_arc (cr, r->x + radius, r->y + radius, radius, G_PI, 1.5 * G_PI);
  cairo_line_to (cr, r->x + r->width - radius, r->y);
  if (radius > 0)
    cairo_arc (cr, r->x + r->width - radius, r->y + radius, radius, 1.5 * G_PI, 2 * G_PI);
  cairo_line_to (cr, r->x + r->width, r->y + r->height);
  cairo_close_path (cr);
}

static double
font_pixel_size (const PangoFontDescription *font)
{
  double size = pango_font_description_get_size (font) / (double) PANGO_SCALE;

  if (size <= 0)
    return 13;
  /* Points at the 96 dpi PangoCairo assumes. */
  if (!pango_font_description_get_size_is_absolute (font))
    size = size * 96.0 / 72.0;
  return size;
}

static void
draw_grid_and_ticks (Painter *p)
{
  cairo_t *cr = p->cr;
  const GkChartStyle *style = p->style;
  GkChartRect plot;
  GkChartAxis grid_axis;
  const GkChartTick *ticks;
  guint n_ticks;

  gk_chart_model_get_plot_rect (p->model, &plot);

  /* The grid follows the count axis; the percentage axis either shares its
   * intervals or only labels its own ticks. */
  grid_axis = gk_chart_model_has_axis (p->model, GK_CHART_AXIS_COUNT)
              ? GK_CHART_AXIS_COUNT : GK_CHART_AXIS_PERCENT;

  cairo_set_line_width (cr, 1);
  ticks = gk_chart_model_get_ticks (p->model, grid_axis, &n_ticks);
  for (guint i = 1; i < n_ticks; i++)
    {
      /* Half pixels put a 1 px line on one row of pixels. */
      double y = floor (ticks[i].y) + 0.5;

      cairo_move_to (cr, plot.x, y);
      cairo_line_to (cr, plot.x + plot.width, y);
    }
  set_color (cr, &style->grid, 1);
  cairo_stroke (cr);

  for (GkChartAxis axis = GK_CHART_AXIS_COUNT; axis <= GK_CHART_AXIS_PERCENT; axis++)
    {
      gboolean left = axis == GK_CHART_AXIS_COUNT;

      if (!gk_chart_model_has_axis (p->model, axis))
        continue;

      ticks = gk_chart_model_get_ticks (p->model, axis, &n_ticks);
      for (guint i = 0; i < n_ticks; i++)
        draw_text (p, ticks[i].label,
                   left ? plot.x - p->metrics.label_gap : plot.x + plot.width + p->metrics.label_gap,
                   ticks[i].y, left ? 1 : 0, 0.5, &style->foreground, 0.65);

      /* The unit sits above the labels it explains. */
      draw_text (p, gk_chart_model_get_axis_caption (p->model, axis),
                 left ? p->metrics.padding : p->width - p->metrics.padding,
                 p->metrics.padding, left ? 0 : 1, 0, &style->foreground, 0.65);
    }
}

static void
draw_year_labels (Painter *p)
{
  GkChartRect plot;

  gk_chart_model_get_plot_rect (p->model, &plot);

  for (guint y = 0; y < gk_chart_model_get_n_years (p->model); y++)
    {
      g_autofree char *text = NULL;
      GkChartRect cat;

      if (!gk_chart_model_get_year_label_visible (p->model, y)
          || !gk_chart_model_get_category_rect (p->model, y, &cat))
        continue;

      text = g_strdup_printf ("%d", gk_chart_model_get_year (p->model, y));
      draw_text (p, text, cat.x + cat.width / 2, plot.y + plot.height + p->metrics.label_gap,
                 0.5, 0, &p->style->foreground,
                 (int) y == gk_chart_model_get_highlight_year (p->model) ? 1 : 0.65);
    }
}

static void
draw_bars (Painter *p)
{
  cairo_t *cr = p->cr;
  GkChartModel *model = p->model;
  gboolean stacked = gk_chart_model_get_kind (model) == GK_CHART_OUTCOMES;
  guint n_series = gk_chart_model_get_n_series (model);
  GkChartRect plot;

  gk_chart_model_get_plot_rect (model, &plot);

  for (guint y = 0; y < gk_chart_model_get_n_years (model); y++)
    {
      gboolean any = FALSE;
      int top = -1;

      for (guint s = 0; s < n_series; s++)
        {
          GkChartRect r;

          if (gk_chart_model_get_series_mark (model, s) != GK_CHART_MARK_BAR)
            continue;
          if (!gk_chart_model_get_value (model, y, s, NULL))
            continue;
          any = TRUE;
          if (gk_chart_model_get_bar_rect (model, y, s, &r) && r.height > 0)
            top = s;
        }

      for (guint s = 0; s < n_series; s++)
        {
          GkChartRect r;
          gboolean below = FALSE;

          if (gk_chart_model_get_series_mark (model, s) != GK_CHART_MARK_BAR
              || !gk_chart_model_get_bar_rect (model, y, s, &r) || r.height <= 0)
            continue;

          /* A hairline of background between stacked segments tells
           * neighbours of similar colour apart; segments too thin to spare
           * the pixel keep it. */
          for (guint t = 0; stacked && t < s; t++)
            {
              GkChartRect under;

              if (gk_chart_model_get_series_mark (model, t) == GK_CHART_MARK_BAR
                  && gk_chart_model_get_bar_rect (model, y, t, &under) && under.height > 0)
                below = TRUE;
            }
          if (below && r.height >= 3)
            r.height -= 1;

          if (!stacked || (int) s == top)
            top_rounded_rect (cr, &r, 3);
          else
            cairo_rectangle (cr, r.x, r.y, r.width, r.height);
          set_color (cr, &p->style->series[gk_chart_model_get_series_id (model, s)], 1);
          cairo_fill (cr);
        }

      /* A line's point is a number too: the indicator chart has no bars. */
      for (guint s = 0; s < n_series && !any; s++)
        any = gk_chart_model_get_value (model, y, s, NULL);

      /* A year without any number is marked, so it is not read as zero. */
      if (!any)
        {
          GkChartRect cat;
          double w, h;
          /* Translators: under a year the reports give no number for; keep it short. */
          const char *text = _("n/a");

          gk_chart_model_get_category_rect (model, y, &cat);
          text_size (p, text, &w, &h);
          if (w <= cat.width)
            draw_text (p, text, cat.x + cat.width / 2, plot.y + plot.height - 4,
                       0.5, 1, &p->style->foreground, 0.45);
        }
    }
}

/* The dashes of @stroke for a line @width wide, drawn with round caps: a
 * dash of length 0 is a dot.  Scaled with the line, so the legend's
 * shorter swatches still show the pattern. */
static void
set_stroke (cairo_t       *cr,
            GkChartStroke  stroke,
            double         scale)
{
  static const double dashed[] = { 6, 4 };
  static const double dotted[] = { 0, 4 };
  static const double dash_dot[] = { 8, 4, 0, 4 };
  static const double long_dash[] = { 14, 5 };
  const double *dashes = NULL;
  double scaled[4];
  int n = 0;

  switch (stroke)
    {
    case GK_CHART_STROKE_DASHED:
      dashes = dashed, n = G_N_ELEMENTS (dashed);
      break;
    case GK_CHART_STROKE_DOTTED:
      dashes = dotted, n = G_N_ELEMENTS (dotted);
      break;
    case GK_CHART_STROKE_DASH_DOT:
      dashes = dash_dot, n = G_N_ELEMENTS (dash_dot);
      break;
    case GK_CHART_STROKE_LONG_DASH:
      dashes = long_dash, n = G_N_ELEMENTS (long_dash);
      break;
    case GK_CHART_STROKE_SOLID:
    default:
      break;
    }

  for (int i = 0; i < n; i++)
    scaled[i] = dashes[i] * scale;
  cairo_set_dash (cr, n > 0 ? scaled : NULL, n, 0);
}

static void
draw_lines (Painter *p)
{
  cairo_t *cr = p->cr;
  GkChartModel *model = p->model;
  guint n_series = gk_chart_model_get_n_series (model);
  guint n_years = gk_chart_model_get_n_years (model);
  int hl_year = gk_chart_model_get_highlight_year (model);
  int hl_series = gk_chart_model_get_highlight_series (model);

  /* The library's average first, under the agencies it is a reference
   * for: where they coincide, the agency stays visible. */
  for (guint i = 0; i < 2 * n_series; i++)
    {
      guint s = i % n_series;
      gboolean average = gk_chart_model_get_series_id (model, s) == GK_CHART_SERIES_AVERAGE;
      const GkChartColor *color = &p->style->series[gk_chart_model_get_series_id (model, s)];
      gboolean drawing = FALSE;

      if (gk_chart_model_get_series_mark (model, s) != GK_CHART_MARK_LINE
          || average != (i < n_series))
        continue;

      /* A missing year breaks the line: joining its neighbours would draw
       * a value the reports do not give. */
      for (guint y = 0; y < n_years; y++)
        {
          double x0, y0;

          if (!gk_chart_model_get_point (model, y, s, &x0, &y0))
            {
              drawing = FALSE;
              continue;
            }
          if (drawing)
            cairo_line_to (cr, x0, y0);
          else
            cairo_move_to (cr, x0, y0);
          drawing = TRUE;
        }

      /* A halo of background keeps the line legible where it crosses bars
       * of a similar colour. */
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_width (cr, LINE_WIDTH + 2);
      set_color (cr, &p->style->background, 0.8);
      cairo_stroke_preserve (cr);
      cairo_set_line_width (cr, LINE_WIDTH);
      set_color (cr, color, 1);
      /* The library's average is a reference, not one more agency, and
       * agencies past the palette repeat its colours with other strokes. */
      set_stroke (cr, gk_chart_model_get_series_stroke (model, s), 1);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      for (guint y = 0; y < n_years; y++)
        {
          double x0, y0;
          double r = (int) y == hl_year && ((int) s == hl_series || hl_series < 0)
                     ? MARKER_HIGHLIGHT : MARKER_RADIUS;

          if (!gk_chart_model_get_point (model, y, s, &x0, &y0))
            continue;
          cairo_arc (cr, x0, y0, r + 1.5, 0, 2 * G_PI);
          set_color (cr, &p->style->background, 1);
          cairo_fill (cr);
          cairo_arc (cr, x0, y0, r, 0, 2 * G_PI);
          set_color (cr, color, 1);
          cairo_fill (cr);
        }
    }
}

static void
draw_highlight_band (Painter *p)
{
  GkChartRect cat;
  int year = gk_chart_model_get_highlight_year (p->model);

  if (year < 0 || !gk_chart_model_get_category_rect (p->model, year, &cat))
    return;

  cairo_rectangle (p->cr, round (cat.x), cat.y, round (cat.x + cat.width) - round (cat.x), cat.height);
  set_color (p->cr, &p->style->highlight, 1);
  cairo_fill (p->cr);
}

static void
draw_highlight_bar (Painter *p)
{
  GkChartRect r;
  int year = gk_chart_model_get_highlight_year (p->model);
  int series = gk_chart_model_get_highlight_series (p->model);

  if (year < 0 || series < 0
      || gk_chart_model_get_series_mark (p->model, series) != GK_CHART_MARK_BAR
      || !gk_chart_model_get_bar_rect (p->model, year, series, &r) || r.height <= 0)
    return;

  cairo_rectangle (p->cr, r.x + 1, r.y + 1, r.width - 2, MAX (r.height - 2, 0));
  cairo_set_line_width (p->cr, 2);
  set_color (p->cr, &p->style->foreground, 1);
  cairo_stroke (p->cr);
}

static void
draw_baseline (Painter *p)
{
  GkChartRect plot;
  double y;

  /* The row just under the bars, which stand on it. */
  gk_chart_model_get_plot_rect (p->model, &plot);
  y = plot.y + plot.height + 0.5;
  cairo_move_to (p->cr, plot.x, y);
  cairo_line_to (p->cr, plot.x + plot.width, y);
  cairo_set_line_width (p->cr, 1);
  set_color (p->cr, &p->style->foreground, 0.35);
  cairo_stroke (p->cr);
}

static void
draw_chart (Painter *p,
            double   width,
            double   height)
{
  p->width = width;
  p->height = height;
  gk_chart_model_layout (p->model, width, height, &p->metrics);

  if (gk_chart_model_is_empty (p->model))
    {
      PangoFontDescription *normal = p->font;
      g_autoptr(PangoFontDescription) large = pango_font_description_copy (p->font);

      pango_font_description_set_size (large, (int) (pango_font_description_get_size (p->font) * 1.2));
      p->font = large;
      /* Translators: shown in place of a chart when no report gives a number. */
      draw_text (p, _("No data to chart"), width / 2, height / 2, 0.5, 0.5,
                 &p->style->foreground, 0.55);
      p->font = normal;
      return;
    }

  draw_highlight_band (p);
  draw_grid_and_ticks (p);
  draw_bars (p);
  draw_baseline (p);
  draw_highlight_bar (p);
  draw_lines (p);
  draw_year_labels (p);
}

/**
 * gk_chart_render_swatch:
 * @cr: where to draw, with (0, 0) the swatch's top left corner
 * @series: a series of @model
 * @color: its colour
 *
 * Draws the key of one series as the legends show it, the export's and
 * the widget's: a square for bars, for lines a short stretch of the line
 * in its stroke with a point marker.  It takes
 * gk_chart_render_swatch_size().
 */
void
gk_chart_render_swatch (cairo_t            *cr,
                        GkChartModel       *model,
                        guint               series,
                        const GkChartColor *color)
{
  double width, height;

  g_return_if_fail (GK_IS_CHART_MODEL (model));
  g_return_if_fail (series < gk_chart_model_get_n_series (model));

  gk_chart_render_swatch_size (model, series, &width, &height);
  if (gk_chart_model_get_series_mark (model, series) == GK_CHART_MARK_LINE)
    {
      double mid = height / 2;

      cairo_move_to (cr, 0, mid);
      cairo_line_to (cr, width, mid);
      cairo_set_line_width (cr, LINE_WIDTH);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      set_color (cr, color, 1);
      set_stroke (cr, gk_chart_model_get_series_stroke (model, series), 0.6);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_arc (cr, width / 2, mid, MARKER_RADIUS, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  else
    {
      GkChartRect r = { 0, 0, width, height };

      top_rounded_rect (cr, &r, 2);
      set_color (cr, color, 1);
      cairo_fill (cr);
    }
}

/**
 * gk_chart_render_swatch_size:
 * @width: (out): the swatch's width
 * @height: (out): its height
 *
 * The size gk_chart_render_swatch() draws @series' key at.
 */
void
gk_chart_render_swatch_size (GkChartModel *model,
                             guint         series,
                             double       *width,
                             double       *height)
{
  gboolean line = gk_chart_model_get_series_mark (model, series) == GK_CHART_MARK_LINE;

  *width = line ? 2 * LEGEND_SWATCH : LEGEND_SWATCH;
  *height = LEGEND_SWATCH;
}

/* The legend of the export: a swatch and a label per series, wrapped into
 * rows.  Returns its height; draws only when @draw. */
static double
legend (Painter  *p,
        double    x,
        double    y,
        double    width,
        gboolean  draw)
{
  const double spacing = 18, swatch_gap = 6, row_gap = 4;
  GkChartModel *model = p->model;
  double cx = x, cy = y, row_height = 0;

  for (guint s = 0; s < gk_chart_model_get_n_series (model); s++)
    {
      const GkChartColor *color = &p->style->series[gk_chart_model_get_series_id (model, s)];
      const char *label = gk_chart_model_get_series_label (model, s);
      double sw, sh, w, h, item;
      gboolean shown = FALSE;

      /* A series the chart does not draw needs no key. */
      for (guint i = 0; i < gk_chart_model_get_n_years (model) && !shown; i++)
        shown = gk_chart_model_get_value (model, i, s, NULL);
      if (!shown)
        continue;

      gk_chart_render_swatch_size (model, s, &sw, &sh);
      text_size (p, label, &w, &h);
      item = sw + swatch_gap + w;
      if (cx > x && cx + item > x + width)
        {
          cx = x;
          cy += row_height + row_gap;
        }
      row_height = MAX (row_height, h);

      if (draw)
        {
          cairo_save (p->cr);
          cairo_translate (p->cr, cx, round (cy + h / 2 - LEGEND_SWATCH / 2));
          gk_chart_render_swatch (p->cr, model, s, color);
          cairo_restore (p->cr);
          draw_text (p, label, cx + sw + swatch_gap, cy, 0, 0, &p->style->foreground, 0.8);
        }
      cx += item + spacing;
    }

  return cy + row_height - y;
}

/**
 * gk_chart_render:
 * @cr: where to draw, with (0, 0) the chart's top left corner
 * @width: the chart's width in user units (logical pixels)
 * @height: the chart's height
 * @style: (nullable): colours and font; %NULL for the light style
 *
 * Lays @model out at @width × @height and draws it: background, grid, tick
 * labels, bars, lines with point markers, the highlighted year, or a
 * message when there is no data.  The model keeps this layout, so the
 * widget hit-tests against exactly what it drew.
 */
void
gk_chart_render (cairo_t            *cr,
                 GkChartModel       *model,
                 int                 width,
                 int                 height,
                 const GkChartStyle *style)
{
  Painter p = { 0 };
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoFontDescription) font = NULL;
  double top = 0, bottom = 0;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (GK_IS_CHART_MODEL (model));

  if (style == NULL)
    style = &light_style;
  if (width <= 0 || height <= 0)
    return;

  layout = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string (style->font != NULL ? style->font : DEFAULT_FONT);

  p.cr = cr;
  p.model = model;
  p.style = style;
  p.layout = layout;
  p.font = font;
  gk_chart_metrics_init (&p.metrics, font_pixel_size (font));
  p.metrics.measure = measure_cb;
  p.metrics.measure_data = &p;

  cairo_save (cr);

  if (style->background.alpha > 0)
    {
      cairo_rectangle (cr, 0, 0, width, height);
      set_color (cr, &style->background, 1);
      cairo_fill (cr);
    }

  if (style->show_title)
    {
      g_autoptr(PangoFontDescription) bold = pango_font_description_copy (font);
      const char *label = gk_chart_model_get_label (model);
      g_autofree char *title = NULL;
      double w, h;

      if (label != NULL && label[0] != '\0')
        title = g_strdup_printf ("%s · %s", label, gk_chart_model_get_title (model));
      else
        title = g_strdup (gk_chart_model_get_title (model));

      pango_font_description_set_weight (bold, PANGO_WEIGHT_BOLD);
      pango_font_description_set_size (bold, (int) (pango_font_description_get_size (font) * 1.15));
      p.font = bold;
      text_size (&p, title, &w, &h);
      draw_text (&p, title, p.metrics.padding, p.metrics.padding, 0, 0, &style->foreground, 1);
      p.font = font;
      top = p.metrics.padding + h;
    }

  if (style->show_legend && !gk_chart_model_is_empty (model))
    {
      double legend_width = width - 2 * p.metrics.padding;
      double h = legend (&p, 0, 0, legend_width, FALSE);

      bottom = h + p.metrics.padding;
      legend (&p, p.metrics.padding, height - bottom, legend_width, TRUE);
    }

  cairo_translate (cr, 0, top);
  draw_chart (&p, width, MAX (height - top - bottom, 0));

  cairo_restore (cr);
}

/* Export. */

typedef enum
{
  EXPORT_PNG,
  EXPORT_SVG,
  EXPORT_PDF,
} ExportFormat;

static gboolean
check_status (cairo_status_t   status,
              const char      *path,
              GError         **error)
{
  g_autofree char *display = NULL;

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  display = g_filename_display_name (path);
  g_set_error (error, G_IO_ERROR,
               status == CAIRO_STATUS_WRITE_ERROR ? G_IO_ERROR_FAILED : G_IO_ERROR_INVALID_DATA,
               /* Translators: the first %s is a file name, the second cairo's reason. */
               _("Could not write the chart to “%s”: %s"),
               display, cairo_status_to_string (status));
  return FALSE;
}

static gboolean
export (ExportFormat         format,
        GkChartModel        *model,
        const GkChartStyle  *style,
        int                  width,
        int                  height,
        const char          *path,
        GError             **error)
{
  g_autoptr(GkChartModel) copy = NULL;
  GkChartStyle decorated;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (GK_IS_CHART_MODEL (model), FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A file stands alone: it names what it shows and carries its legend,
   * which on screen are widgets beside the chart. */
  decorated = style != NULL ? *style : light_style;
  decorated.show_title = TRUE;
  decorated.show_legend = TRUE;
  /* A copy keeps the layout the widget hit-tests against, and no hover
   * highlight leaks into the file. */
  copy = gk_chart_model_copy (model);
  gk_chart_model_set_highlight (copy, -1, -1);

  switch (format)
    {
    case EXPORT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      break;
    case EXPORT_SVG:
      surface = cairo_svg_surface_create (path, width, height);
      /* Pixels, as the chart was sized, rather than cairo's default points. */
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      break;
    case EXPORT_PDF:
      /* A PDF unit is a point; one pixel per point gives a page the size
       * of the chart on screen. */
      surface = cairo_pdf_surface_create (path, width, height);
      break;
    default:
      g_assert_not_reached ();
    }

  cr = cairo_create (surface);
  gk_chart_render (cr, copy, width, height, &decorated);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS && format == EXPORT_PNG)
    status = cairo_surface_write_to_png (surface, path);

  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return check_status (status, path, error);
}

/**
 * gk_chart_export_png:
 * @style: (nullable): colours and font; %NULL for the light style
 *
 * Writes the chart, with a title and a legend, as a PNG image of
 * @width × @height pixels.
 */
gboolean
gk_chart_export_png (GkChartModel        *model,
                     const GkChartStyle  *style,
                     int                  width,
                     int                  height,
                     const char          *path,
                     GError             **error)
{
  return export (EXPORT_PNG, model, style, width, height, path, error);
}

/**
 * gk_chart_export_svg:
 *
 * Like gk_chart_export_png(), as an SVG drawing.
 */
gboolean
gk_chart_export_svg (GkChartModel        *model,
                     const GkChartStyle  *style,
                     int                  width,
                     int                  height,
                     const char          *path,
                     GError             **error)
{
  return export (EXPORT_SVG, model, style, width, height, path, error);
}

/**
 * gk_chart_export_pdf:
 *
 * Like gk_chart_export_png(), as a one-page PDF with the fonts embedded.
 */
gboolean
gk_chart_export_pdf (GkChartModel        *model,
                     const GkChartStyle  *style,
                     int                  width,
                     int                  height,
                     const char          *path,
                     GError             **error)
{
  return export (EXPORT_PDF, model, style, width, height, path, error);
}
