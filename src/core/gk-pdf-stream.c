/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-pdf-stream"

#include "config.h"

#include <math.h>

#include "gk-cell.h"
#include "gk-pdf-stream.h"

/* Tables without rules.
 *
 * Values line up: the numbers of a column share their centre, and the
 * columns of the value area are the centres of the numbers, with the
 * narrow header cells that stand on the same pitch (they give the columns
 * whose values are all blank their place, as in table 4 with five blanks
 * before ten numbers).  What is left of the values is the label area,
 * where cells are the runs that overlap from line to line.  A line with a
 * value is a row; a line with labels only is part of the row nearest to
 * it (a label wrapped above and below the numbers it names); other lines
 * (headers) make rows of their own, consecutive ones together. */

/* Finds the table without rules that starts at line *@first when that line
 * has separate parts: the lines of separate parts that follow, with the
 * short lines between them (labels wrapped above or below their numbers,
 * header cells), and the header lines above the first over its value
 * columns, down to line @lowest.  Returns the end of the table's lines and
 * moves *@first up to its first header line, or returns *@first when there
 * are fewer than two lines of separate parts. */
guint
gk_pdf_stream_block (GArray         *lines,
                     const gboolean *skip,
                     guint           lowest,
                     guint          *first)
{
  const GkPdfLine *start = &g_array_index (lines, GkPdfLine, *first);
  guint end = *first + 1, n_table = 1;
  double left, right;

  if (start->n_runs < 2)
    return *first;

  for (guint l = *first + 1; l < lines->len && !skip[l]; l++)
    {
      const GkPdfLine *line = &g_array_index (lines, GkPdfLine, l);
      const GkPdfLine *above = &g_array_index (lines, GkPdfLine, l - 1);
      double h = MAX (line->height, above->height);
      double gap = line->y1 - above->y2;
      gboolean followed = FALSE;

      if (line->n_runs >= 2)
        {
          if (gap > 2.0 * h)
            break;
          end = l + 1;
          n_table++;
          continue;
        }

      if (gap > 1.2 * h || line->n_chars > 25)
        break;
      for (guint k = l + 1; k < lines->len && k <= l + 3 && !skip[k]; k++)
        {
          const GkPdfLine *next = &g_array_index (lines, GkPdfLine, k);
          const GkPdfLine *before = &g_array_index (lines, GkPdfLine, k - 1);

          if (next->y1 - before->y2 > 1.2 * MAX (next->height, before->height))
            break;
          if (next->n_runs >= 2)
            {
              followed = TRUE;
              break;
            }
        }
      /* After the last line of parts, only a label's close last line. */
      if (followed || (l == end && gap <= 0.8 * h))
        end = l + 1;
      else
        break;
    }

  if (n_table < 2)
    return *first;

  left = G_MAXDOUBLE;
  right = -G_MAXDOUBLE;
  for (guint l = *first; l < end; l++)
    if (g_array_index (lines, GkPdfLine, l).n_runs >= 2)
      {
        left = MIN (left, g_array_index (lines, GkPdfLine, l).x1);
        right = MAX (right, g_array_index (lines, GkPdfLine, l).x2);
      }

  /* Header cells over the value columns, above the first line of parts. */
  while (*first > lowest && !skip[*first - 1])
    {
      const GkPdfLine *line = &g_array_index (lines, GkPdfLine, *first - 1);
      const GkPdfLine *below = &g_array_index (lines, GkPdfLine, *first);

      if (line->n_runs >= 2 || line->n_chars > 25 || below->y1 - line->y2 > 1.2 * MAX (line->height, below->height)
          || line->x1 < left + 0.25 * (right - left))
        break;
      (*first)--;
    }

  return end;
}

typedef struct
{
  guint    line;
  guint    from, to;  /* positions in the page's index array */
  double   x1, x2;
  gboolean numeric;
  int      column;    /* a value column, or -1 in the label area */
} StreamRun;

static gboolean
is_value_text (const char *text)
{
  double value;
  gboolean has_value, is_integer;
  GkValueClass klass = gk_cell_classify (text, &value, &has_value, &is_integer);

  return klass == GK_VALUE_NUMBER || klass == GK_VALUE_SIGNED || klass == GK_VALUE_NA;
}

static GArray *
cluster_centers (GArray *values,
                 double  tolerance)
{
  GArray *centers = g_array_new (FALSE, FALSE, sizeof (double));
  double sum = 0;
  guint n = 0;

  g_array_sort (values, gk_pdf_compare_doubles);
  for (guint i = 0; i < values->len; i++)
    {
      double value = g_array_index (values, double, i);

      if (n > 0 && value - sum / n > tolerance)
        {
          double mean = sum / n;
          g_array_append_val (centers, mean);
          sum = 0;
          n = 0;
        }
      sum += value;
      n++;
    }
  if (n > 0)
    {
      double mean = sum / n;
      g_array_append_val (centers, mean);
    }
  return centers;
}

static int
nearest_center (GArray *centers,
                double  x)
{
  int best = -1;
  double distance = G_MAXDOUBLE;

  for (guint c = 0; c < centers->len; c++)
    if (fabs (g_array_index (centers, double, c) - x) < distance)
      {
        distance = fabs (g_array_index (centers, double, c) - x);
        best = c;
      }
  return best;
}

static int
compare_runs_by_position (gconstpointer a,
                          gconstpointer b)
{
  const StreamRun *x = *(StreamRun * const *) a, *y = *(StreamRun * const *) b;

  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return x->x1 < y->x1 ? -1 : x->x1 > y->x1;
}

/* The text of runs (StreamRun*) that make one cell: by line, then left to
 * right. */
static char *
runs_text (GPtrArray        *runs,
           const GkPdfGlyph *glyphs,
           const guint      *indices)
{
  GString *out = g_string_new (NULL);
  guint line = G_MAXUINT;

  g_ptr_array_sort (runs, compare_runs_by_position);
  for (guint i = 0; i < runs->len; i++)
    {
      const StreamRun *run = g_ptr_array_index (runs, i);
      g_autoptr(GString) piece = g_string_new (NULL);

      gk_pdf_append_glyph_text (piece, glyphs, indices, run->from, run->to, 0);
      if (line == run->line)
        g_string_append_c (out, ' ');
      if (line == run->line)
        g_string_append (out, piece->str);
      else
        gk_pdf_append_joined (out, piece->str);
      line = run->line;
    }
  return g_string_free (out, FALSE);
}

/**
 * gk_pdf_stream_read:
 * @glyphs: the page's characters
 * @indices: the index array the lines were built from
 * @lines: the table's lines, from gk_pdf_stream_block()
 * @n_lines: how many
 * @centers: (out): the centres of the value columns (double)
 *
 * Returns: (transfer full) (element-type GStrv): the table's rows, each its
 *   label cells then one cell per value column
 */
GPtrArray *
gk_pdf_stream_read (const GkPdfGlyph  *glyphs,
                    const guint       *indices,
                    const GkPdfLine   *lines,
                    guint              n_lines,
                    GArray           **centers_out)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (StreamRun));
  g_autoptr(GArray) numeric_centers = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) centers = NULL;
  g_autofree int *owner = g_new (int, n_lines);
  g_autofree gboolean *has_value = g_new0 (gboolean, n_lines);
  g_autofree gboolean *is_header = g_new0 (gboolean, n_lines);
  double height = lines[0].height;
  double pitch = 0;

  for (guint l = 0; l < n_lines; l++)
    {
      g_autoptr(GArray) line_runs_ = gk_pdf_line_runs (&lines[l], glyphs, indices);

      height = MIN (height, lines[l].height);
      for (guint i = 0; i < line_runs_->len; i++)
        {
          const GkPdfRun *r = &g_array_index (line_runs_, GkPdfRun, i);
          StreamRun run = { l, r->from, r->to, r->x1, r->x2, FALSE, -1 };
          g_autoptr(GString) text = g_string_new (NULL);

          gk_pdf_append_glyph_text (text, glyphs, indices, r->from, r->to, 0);
          run.numeric = is_value_text (text->str);
          if (run.numeric)
            {
              double center = (run.x1 + run.x2) / 2;
              g_array_append_val (numeric_centers, center);
            }
          g_array_append_val (runs, run);
        }
    }

  /* The value columns: where the numbers are, and the narrow cells on
   * their pitch. */
  centers = cluster_centers (numeric_centers, 0.4 * height);
  for (guint c = 1; c < centers->len; c++)
    {
      double d = g_array_index (centers, double, c) - g_array_index (centers, double, c - 1);
      pitch = pitch == 0 ? d : MIN (pitch, d);
    }
  if (pitch > 0)
    {
      g_autoptr(GArray) narrow = g_array_new (FALSE, FALSE, sizeof (double));
      double lo = g_array_index (centers, double, 0);
      double hi = g_array_index (centers, double, centers->len - 1);

      for (guint i = 0; i < runs->len; i++)
        {
          const StreamRun *run = &g_array_index (runs, StreamRun, i);
          double center = (run->x1 + run->x2) / 2;

          if (!run->numeric && run->x2 - run->x1 < 0.9 * pitch)
            g_array_append_val (narrow, center);
        }

      /* Columns of blanks stand on the pitch next to the columns of
       * numbers, one after the other, each with a narrow header cell: a
       * stray fragment of a label somewhere on the pitch is none. */
      for (int direction = -1; direction <= 1; direction += 2)
        for (int k = 1; ; k++)
          {
            double target = (direction < 0 ? lo : hi) + direction * k * pitch;
            gboolean found = FALSE;

            for (guint i = 0; i < narrow->len && !found; i++)
              found = fabs (g_array_index (narrow, double, i) - target) < 0.25 * pitch;
            if (!found)
              break;
            g_array_append_val (centers, target);
          }

      /* And between them, where a column has no number but a header. */
      for (double target = lo + pitch; target < hi - 0.5 * pitch; target += pitch)
        {
          gboolean known = FALSE, found = FALSE;

          for (guint c = 0; c < centers->len && !known; c++)
            known = fabs (g_array_index (centers, double, c) - target) < 0.25 * pitch;
          for (guint i = 0; i < narrow->len && !found && !known; i++)
            found = fabs (g_array_index (narrow, double, i) - target) < 0.25 * pitch;
          if (found)
            g_array_append_val (centers, target);
        }
      g_array_sort (centers, gk_pdf_compare_doubles);
    }

  for (guint i = 0; i < runs->len; i++)
    {
      StreamRun *run = &g_array_index (runs, StreamRun, i);
      double center = (run->x1 + run->x2) / 2;
      double reach = pitch > 0 ? 0.5 * pitch : height;

      if (centers->len == 0 || center < g_array_index (centers, double, 0) - reach)
        run->column = -1;
      else if (run->x2 - run->x1 > (pitch > 0 ? pitch : 2 * height))
        /* A header spanning several columns: the first it covers. */
        run->column = nearest_center (centers, run->x1 + reach);
      else
        run->column = nearest_center (centers, center);
      if (run->numeric && run->column >= 0)
        has_value[run->line] = TRUE;
    }

  /* Which row each line belongs to. */
  for (guint l = 0; l < n_lines; l++)
    {
      gboolean labels_only = TRUE;
      double best = G_MAXDOUBLE;
      double center = (lines[l].y1 + lines[l].y2) / 2;

      owner[l] = has_value[l] ? (int) l : -1;
      if (has_value[l])
        continue;
      for (guint i = 0; i < runs->len; i++)
        if (g_array_index (runs, StreamRun, i).line == l && g_array_index (runs, StreamRun, i).column >= 0)
          labels_only = FALSE;
      if (!labels_only)
        continue;
      for (guint k = 0; k < n_lines; k++)
        {
          double d = fabs ((lines[k].y1 + lines[k].y2) / 2 - center);

          /* Ties go to the row above: a label wraps downwards. */
          if (has_value[k] && d < best - 0.01 && d <= 2.5 * height)
            {
              best = d;
              owner[l] = k;
            }
        }
    }
  for (guint l = 0; l < n_lines; l++)
    {
      if (owner[l] >= 0)
        continue;
      /* A header line: with the header line just above it if that is a
       * line of the same cells (closer than the rows of a table are). */
      if (l > 0 && is_header[l - 1] && lines[l].y1 - lines[l - 1].y2 <= 0.6 * height)
        owner[l] = owner[l - 1];
      else
        owner[l] = l;
      is_header[l] = TRUE;
    }

  for (guint l = 0; l < n_lines; l++)
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();  /* StreamRun*, label area */
      g_autoptr(GPtrArray) cells = g_ptr_array_new ();   /* char* */
      g_autoptr(GPtrArray) cell_runs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

      if (owner[l] != (int) l)
        continue;

      for (guint i = 0; i < runs->len; i++)
        {
          StreamRun *run = &g_array_index (runs, StreamRun, i);
          if (owner[run->line] == (int) l && run->column < 0)
            g_ptr_array_add (labels, run);
        }

      /* Label cells: runs that overlap one another from line to line. */
      for (guint i = 0; i < labels->len; i++)
        {
          StreamRun *run = g_ptr_array_index (labels, i);
          GPtrArray *cell = NULL;

          for (guint k = 0; k < cell_runs->len && cell == NULL; k++)
            {
              GPtrArray *candidate = g_ptr_array_index (cell_runs, k);
              for (guint j = 0; j < candidate->len; j++)
                {
                  StreamRun *other = g_ptr_array_index (candidate, j);
                  double overlap = MIN (run->x2, other->x2) - MAX (run->x1, other->x1);

                  if (other->line != run->line && overlap > 0.3 * MIN (run->x2 - run->x1, other->x2 - other->x1))
                    {
                      cell = candidate;
                      break;
                    }
                }
            }
          if (cell == NULL)
            {
              cell = g_ptr_array_new ();
              g_ptr_array_add (cell_runs, cell);
            }
          g_ptr_array_add (cell, run);
        }
      for (guint i = 0; i < cell_runs->len; i++)
        for (guint k = i + 1; k < cell_runs->len; k++)
          {
            StreamRun *a = g_ptr_array_index ((GPtrArray *) g_ptr_array_index (cell_runs, i), 0);
            StreamRun *b = g_ptr_array_index ((GPtrArray *) g_ptr_array_index (cell_runs, k), 0);

            if (b->x1 < a->x1)
              {
                gpointer t = cell_runs->pdata[i];
                cell_runs->pdata[i] = cell_runs->pdata[k];
                cell_runs->pdata[k] = t;
              }
          }
      for (guint i = 0; i < cell_runs->len; i++)
        g_ptr_array_add (cells, runs_text (g_ptr_array_index (cell_runs, i), glyphs, indices));

      for (guint c = 0; c < centers->len; c++)
        {
          g_autoptr(GPtrArray) column = g_ptr_array_new ();

          for (guint i = 0; i < runs->len; i++)
            {
              StreamRun *run = &g_array_index (runs, StreamRun, i);
              if (owner[run->line] == (int) l && run->column == (int) c)
                g_ptr_array_add (column, run);
            }
          g_ptr_array_add (cells, runs_text (column, glyphs, indices));
        }

      g_ptr_array_add (cells, NULL);
      g_ptr_array_add (rows, g_ptr_array_steal (cells, NULL));
    }

  *centers_out = g_steal_pointer (&centers);
  return rows;
}

