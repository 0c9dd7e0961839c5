/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-grid"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gk-grid.h"
#include "gk-layout.h"
#include "gk-normalize.h"
#include "gk-parser.h"

/* A merged cell is not a missing cell.  Report tables merge their labels
 * ("（三）不予公开" spans eight rows, "一、本年新收…" three columns) and
 * their headers; the parser aligns values by their positions, so every
 * grid position a merge covers must still be there, empty.  Row spans are
 * followed with one counter per column, so a hostile rowspan costs
 * nothing; rows are only stored once they have a cell of their own. */

typedef struct
{
  guint      line;
  GPtrArray *cells;  /* char*, NULL where nothing was written */
} GridRow;

struct _GkGrid
{
  guint      line;     /* the table's, for messages */
  GPtrArray *rows;     /* GridRow* */
  GridRow   *current;  /* the row being filled, once it has a cell */
  guint      current_line;
  gboolean   in_row;
  GArray    *pending;  /* guint per column: rows below still covered */
  GArray    *covered;  /* gboolean per column: covered in this row */
  guint      cursor;
  guint      width;
};

static void
grid_row_free (GridRow *row)
{
  g_ptr_array_unref (row->cells);
  g_free (row);
}

/**
 * gk_grid_new:
 * @line: the table's line in its source, for messages
 *
 * Returns: (transfer full): an empty grid
 */
GkGrid *
gk_grid_new (guint line)
{
  GkGrid *grid = g_new0 (GkGrid, 1);

  grid->line = line;
  grid->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) grid_row_free);
  grid->pending = g_array_new (FALSE, TRUE, sizeof (guint));
  grid->covered = g_array_new (FALSE, TRUE, sizeof (gboolean));
  return grid;
}

void
gk_grid_free (GkGrid *grid)
{
  if (grid == NULL)
    return;

  g_clear_pointer (&grid->current, grid_row_free);
  g_ptr_array_unref (grid->rows);
  g_array_unref (grid->pending);
  g_array_unref (grid->covered);
  g_free (grid);
}

static void
end_row (GkGrid *grid)
{
  if (grid->current != NULL)
    g_ptr_array_add (grid->rows, grid->current);
  grid->current = NULL;
  grid->in_row = FALSE;
}

/**
 * gk_grid_begin_row:
 * @grid: a grid
 * @line: the row's line in its source
 *
 * Starts a row: the positions that cells of rows above span into are
 * taken, the next cell goes to the first free one.
 */
void
gk_grid_begin_row (GkGrid *grid,
                   guint   line)
{
  g_return_if_fail (grid != NULL);

  end_row (grid);
  grid->in_row = TRUE;
  grid->current_line = line;
  grid->cursor = 0;

  for (guint c = 0; c < grid->pending->len; c++)
    {
      guint *pending = &g_array_index (grid->pending, guint, c);

      g_array_index (grid->covered, gboolean, c) = *pending > 0;
      if (*pending > 0 && *pending != GK_GRID_SPAN_TO_END)
        (*pending)--;
    }
}

/**
 * gk_grid_end_group:
 * @grid: a grid
 *
 * Ends a row group (HTML's thead, tbody, tfoot): row spans stop there.
 */
void
gk_grid_end_group (GkGrid *grid)
{
  g_return_if_fail (grid != NULL);

  end_row (grid);
  for (guint c = 0; c < grid->pending->len; c++)
    g_array_index (grid->pending, guint, c) = 0;
}

/**
 * gk_grid_add_cell:
 * @grid: a grid inside a row
 * @text: (nullable): the cell's text; %NULL or empty for a blank
 * @colspan: columns it spans, at least 1
 * @rowspan: rows it spans, at least 1, or %GK_GRID_SPAN_TO_END
 * @error: a %GK_PARSE_ERROR_LIMIT when the table grows past the limits
 *
 * Places the cell at the row's next free position.
 */
gboolean
gk_grid_add_cell (GkGrid      *grid,
                  const char  *text,
                  guint        colspan,
                  guint        rowspan,
                  GError     **error)
{
  guint start;
  gsize n_rows;

  g_return_val_if_fail (grid != NULL, FALSE);
  g_return_val_if_fail (grid->in_row, FALSE);

  colspan = MAX (colspan, 1);
  rowspan = MAX (rowspan, 1);

  while (grid->cursor < grid->covered->len && g_array_index (grid->covered, gboolean, grid->cursor))
    grid->cursor++;
  start = grid->cursor;

  if (colspan > GK_GRID_MAX_COLUMNS || start + colspan > GK_GRID_MAX_COLUMNS)
    {
      g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT,
                   _("the table at line %u has more than %u columns: refused as a safety limit"),
                   grid->line, GK_GRID_MAX_COLUMNS);
      return FALSE;
    }

  n_rows = grid->rows->len + 1;
  if ((gsize) MAX (grid->width, start + colspan) * n_rows > GK_GRID_MAX_CELLS)
    {
      g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT,
                   _("the table at line %u has more than %u cells: refused as a safety limit"),
                   grid->line, GK_GRID_MAX_CELLS);
      return FALSE;
    }

  if (grid->current == NULL)
    {
      grid->current = g_new0 (GridRow, 1);
      grid->current->line = grid->current_line;
      grid->current->cells = g_ptr_array_new_with_free_func (g_free);
    }

  if (grid->pending->len < start + colspan)
    {
      g_array_set_size (grid->pending, start + colspan);
      g_array_set_size (grid->covered, start + colspan);
    }
  if (grid->current->cells->len < start + colspan)
    g_ptr_array_set_size (grid->current->cells, start + colspan);

  for (guint c = start; c < start + colspan; c++)
    g_array_index (grid->pending, guint, c) = rowspan == GK_GRID_SPAN_TO_END ? rowspan : rowspan - 1;

  g_free (g_ptr_array_index (grid->current->cells, start));
  g_ptr_array_index (grid->current->cells, start) = g_strdup (text);

  grid->cursor = start + colspan;
  grid->width = MAX (grid->width, grid->cursor);
  return TRUE;
}

/**
 * gk_grid_get_width:
 *
 * Returns: the number of columns of the widest row so far
 */
guint
gk_grid_get_width (GkGrid *grid)
{
  g_return_val_if_fail (grid != NULL, 0);

  return grid->width;
}

static gboolean
is_blank (const char *text)
{
  gsize start, end;

  if (text == NULL)
    return TRUE;
  gk_normalize_strip_bounds (text, strlen (text), &start, &end);
  return start == end;
}

/**
 * gk_grid_take_rows:
 * @grid: a grid
 * @rows: (element-type GkTextRow): where to append its rows
 *
 * Appends one %GK_ROW_GRID row per row of the table, every one as wide as
 * the table.  A row with no text at all (a spacer) carries nothing and is
 * left out.  The grid is empty afterwards.
 */
void
gk_grid_take_rows (GkGrid    *grid,
                   GPtrArray *rows)
{
  g_autofree const char **cells = NULL;

  g_return_if_fail (grid != NULL);
  g_return_if_fail (rows != NULL);

  end_row (grid);
  cells = g_new0 (const char *, MAX (grid->width, 1));

  for (guint r = 0; r < grid->rows->len; r++)
    {
      GridRow *row = g_ptr_array_index (grid->rows, r);
      gboolean empty = TRUE;

      for (guint c = 0; c < grid->width; c++)
        {
          cells[c] = c < row->cells->len ? g_ptr_array_index (row->cells, c) : NULL;
          if (!is_blank (cells[c]))
            empty = FALSE;
        }

      if (!empty)
        g_ptr_array_add (rows, gk_text_row_new (GK_ROW_GRID, row->line, cells, grid->width));
    }

  g_ptr_array_set_size (grid->rows, 0);
  g_array_set_size (grid->pending, 0);
  g_array_set_size (grid->covered, 0);
  grid->width = 0;
}
