/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-pdf-grid"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cairo.h>

#include "gk-pdf-grid.h"

/* Which cells a table has is said by its rules, not by its text: a label
 * wrapped over three lines, a value centred across three merged columns and
 * a group label centred across eight rows all sit where no x or y gap could
 * place them with certainty.  poppler-glib does not hand out a page's
 * paths, so the page is rendered (a pixel a point: poppler draws thin
 * stroked rules at least a pixel wide, and a filled hairline of 0.3 pt
 * still darkens its pixels past the threshold) and the rules are read off
 * the pixels: runs of ink long in one direction and thin in the other.
 *
 * Glyph strokes are runs too.  A rule is kept only when it is part of a
 * lattice: a vertical rule must meet two horizontal ones and a horizontal
 * rule two vertical ones, which no stroke inside a padded cell does.  The
 * lattice's row and column lines then give the cells, and a cell whose
 * border is missing is merged with its neighbour there, which is what a
 * merged cell looks like on paper. */

#define RENDER_SCALE    1.0
#define MAX_PIXELS      (24 * 1000 * 1000)  /* a poster-sized page is rendered smaller */
#define INK_LUMINANCE   190                 /* darker than grey cell shading (25 %: 191) */
#define MIN_H_LENGTH    16.0                /* points: longer than a character's stroke */
#define MIN_V_LENGTH    10.0                /* points: a row is taller than this */
#define MAX_THICKNESS   3.0                 /* points */
#define TOLERANCE       2.0                 /* points */
#define MIN_COVERAGE    0.5
#define MAX_RULE_PAIRS  (8 * 1000 * 1000)

typedef struct
{
  double   at;        /* y of a horizontal rule, x of a vertical one */
  double   from, to;  /* its extent along its direction */
  gboolean valid;
  guint    group;
} Segment;

typedef struct
{
  int      y0, y1;    /* first and last pixel line of the run so far */
  int      x0, x1;    /* extent, x1 exclusive */
  gboolean touched;
} OpenRun;

struct _GkPdfGridFinder
{
  /* Reused from page to page: a page's pixels are megabytes, and fresh
   * buffers of that size cost the kernel a page fault every 4 kB. */
  guint32 *pixels;
  gsize    n_pixels;
  guint8  *ink;
  int     *open;
  gsize    n_open;
};

/* Renders the band [top, bottom) of the page and returns one byte per
 * pixel, non-zero where there is ink, in the finder's buffer. */
static const guint8 *
render_ink (GkPdfGridFinder *finder,
            PopplerPage     *page,
            double           top,
            double           bottom,
            int             *width,
            int             *height,
            double          *scale)
{
  double page_width, page_height;
  cairo_surface_t *surface;
  cairo_t *cr;
  int w, h, stride;

  poppler_page_get_size (page, &page_width, &page_height);
  if (!(page_width > 1 && bottom - top > 1))
    return NULL;

  *scale = RENDER_SCALE;
  if (page_width * (bottom - top) * *scale * *scale > MAX_PIXELS)
    *scale = sqrt (MAX_PIXELS / (page_width * (bottom - top)));

  w = (int) ceil (page_width * *scale);
  h = (int) ceil ((bottom - top) * *scale);
  stride = cairo_format_stride_for_width (CAIRO_FORMAT_RGB24, w);
  if (finder->n_pixels < (gsize) stride / 4 * h)
    {
      g_free (finder->pixels);
      g_free (finder->ink);
      finder->n_pixels = (gsize) stride / 4 * h;
      finder->pixels = g_malloc (finder->n_pixels * 4);
      finder->ink = g_malloc (finder->n_pixels);
    }

  surface = cairo_image_surface_create_for_data ((unsigned char *) finder->pixels, CAIRO_FORMAT_RGB24, w, h, stride);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, *scale, *scale);
  cairo_translate (cr, 0, -top);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  cairo_surface_destroy (surface);

  for (int y = 0; y < h; y++)
    {
      const guint32 *row = finder->pixels + (gsize) y * (stride / 4);
      guint8 *out = finder->ink + (gsize) y * w;

      for (int x = 0; x < w; x++)
        {
          guint32 px = row[x];

          /* Luminance, in thousandths, compared without a division. */
          out[x] = ((px >> 16) & 0xff) * 299 + ((px >> 8) & 0xff) * 587 + (px & 0xff) * 114 < INK_LUMINANCE * 1000;
        }
    }

  *width = w;
  *height = h;
  return finder->ink;
}

typedef struct
{
  int major;       /* the pixel row of a horizontal run, column of a vertical one */
  int from, to;    /* its extent, to exclusive */
} PixelRun;

/* Runs of ink along pixel rows, at least @min_run long. */
static GArray *
horizontal_runs (const guint8 *ink,
                 int           w,
                 int           h,
                 int           min_run)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (PixelRun));

  for (int y = 0; y < h; y++)
    {
      const guint8 *line = ink + (gsize) y * w;

      for (int x = 0; x < w; )
        {
          const guint8 *hit = memchr (line + x, 1, w - x);
          int start;

          if (hit == NULL)
            break;
          x = start = hit - line;
          while (x < w && line[x])
            x++;
          if (x - start >= min_run)
            {
              PixelRun run = { y, start, x };
              g_array_append_val (runs, run);
            }
        }
    }
  return runs;
}

static int
compare_runs (gconstpointer a,
              gconstpointer b)
{
  const PixelRun *x = a, *y = b;

  if (x->major != y->major)
    return x->major - y->major;
  return x->from - y->from;
}

/* Runs of ink down pixel columns, read row by row (the bitmap's order):
 * each row closes the columns open above it that it has no ink in, and
 * opens those where its ink starts.  Only ink is visited, never the white
 * that is most of a page. */
static GArray *
vertical_runs (GkPdfGridFinder *finder,
               const guint8    *ink,
               int              w,
               int              h,
               int              min_run)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (PixelRun));
  g_autoptr(GArray) open_columns = g_array_new (FALSE, FALSE, sizeof (int));
  int *open;

  if (finder->n_open < (gsize) w)
    {
      g_free (finder->open);
      finder->n_open = w;
      finder->open = g_new (int, w);
    }
  open = finder->open;
  for (int x = 0; x < w; x++)
    open[x] = -1;

  for (int y = 0; y <= h; y++)
    {
      const guint8 *line = y < h ? ink + (gsize) y * w : NULL;

      for (guint i = open_columns->len; i-- > 0; )
        {
          int x = g_array_index (open_columns, int, i);

          if (line != NULL && line[x])
            continue;
          if (y - open[x] >= min_run)
            {
              PixelRun run = { x, open[x], y };
              g_array_append_val (runs, run);
            }
          open[x] = -1;
          g_array_remove_index_fast (open_columns, i);
        }

      for (int x = 0; line != NULL && x < w; x++)
        {
          const guint8 *hit = memchr (line + x, 1, w - x);

          if (hit == NULL)
            break;
          x = hit - line;
          if (open[x] < 0)
            {
              open[x] = y;
              g_array_append_val (open_columns, x);
            }
        }
    }

  g_array_sort (runs, compare_runs);
  return runs;
}

/* Merges runs on neighbouring pixel lines that overlap into one rule, as
 * long as it stays thin; @runs are sorted by their line. */
static GArray *
merge_runs (GArray *runs,
            double  scale)
{
  GArray *rules = g_array_new (FALSE, FALSE, sizeof (Segment));
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (OpenRun));
  int max_thickness = (int) ceil (MAX_THICKNESS * scale);
  guint next = 0;
  int major = runs->len > 0 ? g_array_index (runs, PixelRun, 0).major : 0;

  while (next < runs->len || open->len > 0)
    {
      for (guint i = 0; i < open->len; i++)
        g_array_index (open, OpenRun, i).touched = FALSE;

      for (; next < runs->len && g_array_index (runs, PixelRun, next).major == major; next++)
        {
          const PixelRun *pixels = &g_array_index (runs, PixelRun, next);
          gboolean joined = FALSE;

          for (guint i = 0; i < open->len && !joined; i++)
            {
              OpenRun *run = &g_array_index (open, OpenRun, i);
              int overlap = MIN (run->x1, pixels->to) - MAX (run->x0, pixels->from);

              if (run->y1 == major - 1 && overlap * 2 >= MIN (run->x1 - run->x0, pixels->to - pixels->from))
                {
                  run->y1 = major;
                  run->x0 = MIN (run->x0, pixels->from);
                  run->x1 = MAX (run->x1, pixels->to);
                  run->touched = TRUE;
                  joined = TRUE;
                }
            }
          if (!joined)
            {
              OpenRun run = { major, major, pixels->from, pixels->to, TRUE };
              g_array_append_val (open, run);
            }
        }

      for (guint i = open->len; i-- > 0; )
        {
          OpenRun *run = &g_array_index (open, OpenRun, i);

          if (run->touched)
            continue;
          if (run->y1 - run->y0 + 1 <= max_thickness)
            {
              Segment rule = { 0, };

              rule.at = (run->y0 + run->y1 + 1) / 2.0 / scale;
              rule.from = run->x0 / scale;
              rule.to = run->x1 / scale;
              rule.valid = TRUE;
              g_array_append_val (rules, rule);
            }
          g_array_remove_index_fast (open, i);
        }

      /* Jump over pixel lines without runs once nothing is open. */
      if (open->len == 0 && next < runs->len)
        major = g_array_index (runs, PixelRun, next).major;
      else
        major++;
    }

  return rules;
}

static gboolean
crosses (const Segment *h,
         const Segment *v)
{
  return v->at >= h->from - TOLERANCE && v->at <= h->to + TOLERANCE
         && h->at >= v->from - TOLERANCE && h->at <= v->to + TOLERANCE;
}

/* Keeps the rules that are part of a lattice (see above). */
static void
keep_lattice_rules (GArray *hs,
                    GArray *vs)
{
  for (guint pass = 0; pass < 8; pass++)
    {
      gboolean changed = FALSE;

      for (guint i = 0; i < vs->len; i++)
        {
          Segment *v = &g_array_index (vs, Segment, i);
          guint n = 0;

          if (!v->valid)
            continue;
          for (guint k = 0; k < hs->len && n < 2; k++)
            if (g_array_index (hs, Segment, k).valid && crosses (&g_array_index (hs, Segment, k), v))
              n++;
          if (n < 2)
            v->valid = FALSE, changed = TRUE;
        }

      for (guint k = 0; k < hs->len; k++)
        {
          Segment *h = &g_array_index (hs, Segment, k);
          guint n = 0;

          if (!h->valid)
            continue;
          for (guint i = 0; i < vs->len && n < 2; i++)
            if (g_array_index (vs, Segment, i).valid && crosses (h, &g_array_index (vs, Segment, i)))
              n++;
          if (n < 2)
            h->valid = FALSE, changed = TRUE;
        }

      if (!changed)
        break;
    }
}

static guint
uf_find (guint *parent,
         guint  i)
{
  while (parent[i] != i)
    i = parent[i] = parent[parent[i]];
  return i;
}

static void
uf_union (guint *parent,
          guint  a,
          guint  b)
{
  a = uf_find (parent, a);
  b = uf_find (parent, b);
  if (a != b)
    parent[MAX (a, b)] = MIN (a, b);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Sorts @values and merges those within the tolerance of each other. */
static GArray *
cluster_lines (GArray *values)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (double));
  double sum = 0;
  guint n = 0;

  g_array_sort (values, compare_doubles);
  for (guint i = 0; i < values->len; i++)
    {
      double value = g_array_index (values, double, i);

      if (n > 0 && value - g_array_index (values, double, i - 1) > TOLERANCE)
        {
          double mean = sum / n;
          g_array_append_val (lines, mean);
          sum = 0;
          n = 0;
        }
      sum += value;
      n++;
    }
  if (n > 0)
    {
      double mean = sum / n;
      g_array_append_val (lines, mean);
    }
  return lines;
}

/* How much of [from, to] the rules of @rules at @at cover, 0 to 1. */
static double
coverage (GPtrArray *rules,
          double     at,
          double     from,
          double     to)
{
  double covered = 0;

  if (to <= from)
    return 1;
  for (guint i = 0; i < rules->len; i++)
    {
      const Segment *rule = g_ptr_array_index (rules, i);

      if (fabs (rule->at - at) <= TOLERANCE)
        covered += MAX (0, MIN (rule->to, to) - MAX (rule->from, from));
    }
  return MIN (covered / (to - from), 1.0);
}

static GkPdfGrid *
build_grid (GPtrArray *hs,
            GPtrArray *vs)
{
  g_autoptr(GArray) x_values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) y_values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) xs = NULL;
  g_autoptr(GArray) ys = NULL;
  g_autofree guint *parent = NULL;
  g_autofree guint *component_cell = NULL;
  double h_min = G_MAXDOUBLE, h_max = -G_MAXDOUBLE, v_min = G_MAXDOUBLE, v_max = -G_MAXDOUBLE;
  GkPdfGrid *grid;
  guint n_rows, n_columns;

  for (guint i = 0; i < vs->len; i++)
    {
      const Segment *v = g_ptr_array_index (vs, i);
      g_array_append_val (x_values, v->at);
      v_min = MIN (v_min, v->from);
      v_max = MAX (v_max, v->to);
    }
  for (guint i = 0; i < hs->len; i++)
    {
      const Segment *h = g_ptr_array_index (hs, i);
      g_array_append_val (y_values, h->at);
      h_min = MIN (h_min, h->from);
      h_max = MAX (h_max, h->to);
    }

  xs = cluster_lines (x_values);
  ys = cluster_lines (y_values);

  /* A table without side rules ends where its horizontal rules end. */
  if (h_min < g_array_index (xs, double, 0) - 2 * TOLERANCE)
    g_array_prepend_val (xs, h_min);
  if (h_max > g_array_index (xs, double, xs->len - 1) + 2 * TOLERANCE)
    g_array_append_val (xs, h_max);
  if (v_min < g_array_index (ys, double, 0) - 2 * TOLERANCE)
    g_array_prepend_val (ys, v_min);
  if (v_max > g_array_index (ys, double, ys->len - 1) + 2 * TOLERANCE)
    g_array_append_val (ys, v_max);

  if (xs->len < 2 || ys->len < 2)
    return NULL;
  n_columns = xs->len - 1;
  n_rows = ys->len - 1;

  parent = g_new (guint, n_rows * n_columns);
  for (guint i = 0; i < n_rows * n_columns; i++)
    parent[i] = i;

  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      {
        double top = g_array_index (ys, double, r), bottom = g_array_index (ys, double, r + 1);
        double left = g_array_index (xs, double, c), right = g_array_index (xs, double, c + 1);

        if (c + 1 < n_columns && coverage (vs, right, top, bottom) < MIN_COVERAGE)
          uf_union (parent, r * n_columns + c, r * n_columns + c + 1);
        if (r + 1 < n_rows && coverage (hs, bottom, left, right) < MIN_COVERAGE)
          uf_union (parent, r * n_columns + c, (r + 1) * n_columns + c);
      }

  grid = g_new0 (GkPdfGrid, 1);
  grid->n_rows = n_rows;
  grid->n_columns = n_columns;
  grid->xs = g_memdup2 (xs->data, sizeof (double) * xs->len);
  grid->ys = g_memdup2 (ys->data, sizeof (double) * ys->len);
  grid->cell_of = g_new (guint, n_rows * n_columns);
  grid->cells = g_new0 (GkPdfGridCell, n_rows * n_columns);
  component_cell = g_new (guint, n_rows * n_columns);
  for (guint i = 0; i < n_rows * n_columns; i++)
    component_cell[i] = G_MAXUINT;

  /* Cells are numbered in reading order of their first lattice cell. */
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      {
        guint root = uf_find (parent, r * n_columns + c);
        GkPdfGridCell *cell;

        if (component_cell[root] == G_MAXUINT)
          {
            component_cell[root] = grid->n_cells;
            cell = &grid->cells[grid->n_cells++];
            cell->r0 = r;
            cell->r1 = r + 1;
            cell->c0 = c;
            cell->c1 = c + 1;
          }
        cell = &grid->cells[component_cell[root]];
        cell->r0 = MIN (cell->r0, r);
        cell->r1 = MAX (cell->r1, r + 1);
        cell->c0 = MIN (cell->c0, c);
        cell->c1 = MAX (cell->c1, c + 1);
        grid->cell_of[r * n_columns + c] = component_cell[root];
      }

  return grid;
}

void
gk_pdf_grid_free (GkPdfGrid *grid)
{
  if (grid == NULL)
    return;

  g_free (grid->xs);
  g_free (grid->ys);
  g_free (grid->cell_of);
  g_free (grid->cells);
  g_free (grid);
}

/* Binary search for the interval of @lines (n + 1 ascending values) that
 * holds @value. */
static gboolean
find_interval (const double *lines,
               guint         n,
               double        value,
               guint        *index)
{
  guint lo = 0, hi = n;

  if (value < lines[0] || value >= lines[n])
    return FALSE;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;
      if (value < lines[mid])
        hi = mid;
      else
        lo = mid;
    }
  *index = lo;
  return TRUE;
}

/**
 * gk_pdf_grid_locate:
 * @grid: a grid
 * @x: a point's x, in the page's points
 * @y: its y, from the top of the page
 * @cell: (out): the index of the cell that holds the point
 *
 * Returns: whether the point is inside the grid
 */
gboolean
gk_pdf_grid_locate (const GkPdfGrid *grid,
                    double           x,
                    double           y,
                    guint           *cell)
{
  guint r, c;

  if (!find_interval (grid->xs, grid->n_columns, x, &c) || !find_interval (grid->ys, grid->n_rows, y, &r))
    return FALSE;
  *cell = grid->cell_of[r * grid->n_columns + c];
  return TRUE;
}

static int
compare_grids (gconstpointer a,
               gconstpointer b)
{
  const GkPdfGrid *x = *(GkPdfGrid * const *) a, *y = *(GkPdfGrid * const *) b;

  return x->ys[0] < y->ys[0] ? -1 : x->ys[0] > y->ys[0];
}

GkPdfGridFinder *
gk_pdf_grid_finder_new (void)
{
  return g_new0 (GkPdfGridFinder, 1);
}

void
gk_pdf_grid_finder_free (GkPdfGridFinder *finder)
{
  if (finder == NULL)
    return;

  g_free (finder->pixels);
  g_free (finder->ink);
  g_free (finder->open);
  g_free (finder);
}

/* Finds the tables of the rendered band; @reaches_edge is set when a
 * table's rules run into the band's top or bottom, a table the band cut. */
static GPtrArray *
find_in_band (GkPdfGridFinder *finder,
              PopplerPage     *page,
              double           top,
              double           bottom,
              gboolean        *reaches_edge)
{
  GPtrArray *grids = g_ptr_array_new_with_free_func ((GDestroyNotify) gk_pdf_grid_free);
  const guint8 *ink;
  g_autoptr(GArray) hs = NULL;
  g_autoptr(GArray) vs = NULL;
  g_autofree guint *parent = NULL;
  double scale;
  int w, h;
  guint n;

  *reaches_edge = FALSE;
  ink = render_ink (finder, page, top, bottom, &w, &h, &scale);
  if (ink == NULL)
    return grids;

  {
    g_autoptr(GArray) h_runs = horizontal_runs (ink, w, h, (int) ceil (MIN_H_LENGTH * scale));
    g_autoptr(GArray) v_runs = vertical_runs (finder, ink, w, h, (int) ceil (MIN_V_LENGTH * scale));

    hs = merge_runs (h_runs, scale);
    vs = merge_runs (v_runs, scale);
  }

  /* A page of thousands of rules is a drawing or a chart, and matching
   * every pair of them would take seconds: no tables there. */
  if ((gsize) hs->len * vs->len > MAX_RULE_PAIRS)
    return grids;

  /* Back to page coordinates. */
  for (guint i = 0; i < hs->len; i++)
    g_array_index (hs, Segment, i).at += top;
  for (guint i = 0; i < vs->len; i++)
    {
      g_array_index (vs, Segment, i).from += top;
      g_array_index (vs, Segment, i).to += top;
    }

  keep_lattice_rules (hs, vs);

  /* Tables are the connected groups of crossing rules. */
  n = hs->len + vs->len;
  parent = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    parent[i] = i;
  for (guint k = 0; k < hs->len; k++)
    {
      const Segment *hr = &g_array_index (hs, Segment, k);

      if (!hr->valid)
        continue;
      for (guint i = 0; i < vs->len; i++)
        {
          const Segment *vr = &g_array_index (vs, Segment, i);
          if (vr->valid && crosses (hr, vr))
            uf_union (parent, k, hs->len + i);
        }
    }

  for (guint root = 0; root < n; root++)
    {
      g_autoptr(GPtrArray) group_h = NULL;
      g_autoptr(GPtrArray) group_v = NULL;
      GkPdfGrid *grid;

      if (uf_find (parent, root) != root)
        continue;

      group_h = g_ptr_array_new ();
      group_v = g_ptr_array_new ();
      for (guint k = 0; k < hs->len; k++)
        if (g_array_index (hs, Segment, k).valid && uf_find (parent, k) == root)
          g_ptr_array_add (group_h, &g_array_index (hs, Segment, k));
      for (guint i = 0; i < vs->len; i++)
        if (g_array_index (vs, Segment, i).valid && uf_find (parent, hs->len + i) == root)
          g_ptr_array_add (group_v, &g_array_index (vs, Segment, i));

      if (group_h->len < 2 || group_v->len < 2)
        continue;

      for (guint i = 0; i < group_v->len; i++)
        {
          const Segment *v = g_ptr_array_index (group_v, i);
          if (v->from <= top + TOLERANCE || v->to >= bottom - TOLERANCE)
            *reaches_edge = TRUE;
        }

      grid = build_grid (group_h, group_v);
      if (grid == NULL)
        continue;
      if (grid->n_cells < 2)
        {
          gk_pdf_grid_free (grid);
          continue;
        }
      g_ptr_array_add (grids, grid);
    }

  g_ptr_array_sort (grids, compare_grids);
  return grids;
}

/**
 * gk_pdf_grid_finder_find:
 * @finder: a finder, reused for every page of a document
 * @page: a page
 * @top: where on the page the tables may start, in points from the top
 * @bottom: where they end
 *
 * Renders the band of the page where the tables are (the whole page when
 * a table runs past the band) and reads the tables' rules.
 *
 * Returns: (transfer full) (element-type GkPdfGrid): the band's ruled
 *   tables, from the top of the page down; a ruled box of a single cell (a
 *   frame around the text) is not a table
 */
GPtrArray *
gk_pdf_grid_finder_find (GkPdfGridFinder *finder,
                         PopplerPage     *page,
                         double           top,
                         double           bottom)
{
  double page_width, page_height;
  gboolean reaches_edge;
  GPtrArray *grids;

  poppler_page_get_size (page, &page_width, &page_height);
  top = CLAMP (top, 0, page_height);
  bottom = CLAMP (bottom, top, page_height);

  grids = find_in_band (finder, page, top, bottom, &reaches_edge);
  if (reaches_edge && (top > 0 || bottom < page_height))
    {
      g_ptr_array_unref (grids);
      grids = find_in_band (finder, page, 0, page_height, &reaches_edge);
    }
  return grids;
}
