/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-table"

#include "config.h"

#include <string.h>

#include "gk-keys.h"
#include "gk-table.h"

/* One statistical table of a report.  The cells are kept in the order the
 * template prints them and can be looked up by row and column key. */
struct _GkTable
{
  GObject     parent_instance;

  GkTableId   id;
  GkTemplate  template_;
  guint       line;
  GPtrArray  *cells;   /* GkCell, in order */
  GHashTable *by_row;  /* row key → GPtrArray of the row's GkCell (borrowed) */
};

enum {
  PROP_0,
  PROP_ID,
  PROP_TEMPLATE,
  PROP_LINE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (GkTable, gk_table, G_TYPE_OBJECT)

static GParamSpec *properties [N_PROPS];

static void
gk_table_finalize (GObject *object)
{
  GkTable *self = (GkTable *)object;

  g_clear_pointer (&self->by_row, g_hash_table_unref);
  g_clear_pointer (&self->cells, g_ptr_array_unref);

  G_OBJECT_CLASS (gk_table_parent_class)->finalize (object);
}

static void
gk_table_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  GkTable *self = GK_TABLE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, gk_table_id_to_key (self->id));
      break;
    case PROP_TEMPLATE:
      g_value_set_string (value, gk_template_to_string (self->template_));
      break;
    case PROP_LINE:
      g_value_set_uint (value, self->line);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_table_class_init (GkTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gk_table_finalize;
  object_class->get_property = gk_table_get_property;

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_TEMPLATE] =
    g_param_spec_string ("template", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_LINE] =
    g_param_spec_uint ("line", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* Keys are interned as the static strings of gk-keys.c (gk_keys_intern()),
 * so most lookups are answered by the pointers alone. */
static gboolean
key_equal (gconstpointer a,
           gconstpointer b)
{
  return a == b || strcmp (a, b) == 0;
}

static void
gk_table_init (GkTable *self)
{
  self->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) gk_cell_unref);
  /* Row keys are the cells' own interned strings: nothing to free. */
  self->by_row = g_hash_table_new_full (g_str_hash, key_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
}

GkTable *
gk_table_new (GkTableId  id,
              GkTemplate template_)
{
  GkTable *self = g_object_new (GK_TYPE_TABLE, NULL);

  self->id = id;
  self->template_ = template_;

  return self;
}

GkTableId
gk_table_get_id (GkTable *self)
{
  g_return_val_if_fail (GK_IS_TABLE (self), GK_TABLE_3);
  return self->id;
}

GkTemplate
gk_table_get_template (GkTable *self)
{
  g_return_val_if_fail (GK_IS_TABLE (self), GK_TEMPLATE_UNKNOWN);
  return self->template_;
}

/**
 * gk_table_get_line:
 *
 * Returns: the 1-based source line where the table starts, 0 when unknown
 */
guint
gk_table_get_line (GkTable *self)
{
  g_return_val_if_fail (GK_IS_TABLE (self), 0);
  return self->line;
}

void
gk_table_set_line (GkTable *self,
                   guint    line)
{
  g_return_if_fail (GK_IS_TABLE (self));
  self->line = line;
}

/* A row holds at most a handful of cells: the column is found by a scan. */
static guint
find_in_row (GPtrArray  *row_cells,
             const char *column)
{
  /* Keys are interned as the static strings of gk-keys.c: the callers'
   * keys are mostly the same pointers. */
  for (guint i = 0; i < row_cells->len; i++)
    if (gk_cell_get_column (g_ptr_array_index (row_cells, i)) == column)
      return i;
  for (guint i = 0; i < row_cells->len; i++)
    if (strcmp (gk_cell_get_column (g_ptr_array_index (row_cells, i)), column) == 0)
      return i;
  return G_MAXUINT;
}

/**
 * gk_table_add_cell:
 * @cell: (transfer none): a cell of this table
 *
 * Adds @cell at the end, or in place of the cell with the same keys.
 */
void
gk_table_add_cell (GkTable *self,
                   GkCell  *cell)
{
  GPtrArray *row_cells;
  guint in_row;

  g_return_if_fail (GK_IS_TABLE (self));
  g_return_if_fail (cell != NULL);
  g_return_if_fail (gk_cell_get_table (cell) == self->id);

  row_cells = g_hash_table_lookup (self->by_row, gk_cell_get_row (cell));
  if (row_cells == NULL)
    {
      row_cells = g_ptr_array_sized_new (GK_T2_MAX_COLUMNS + 4);
      g_hash_table_insert (self->by_row, (gpointer) gk_cell_get_row (cell), row_cells);
    }

  in_row = find_in_row (row_cells, gk_cell_get_column (cell));
  if (in_row != G_MAXUINT)
    {
      GkCell *old = g_ptr_array_index (row_cells, in_row);
      guint pos;

      if (g_ptr_array_find (self->cells, old, &pos))
        {
          g_ptr_array_index (row_cells, in_row) = cell;
          g_ptr_array_index (self->cells, pos) = gk_cell_ref (cell);
          gk_cell_unref (old);
          return;
        }
    }

  g_ptr_array_add (row_cells, cell);
  g_ptr_array_add (self->cells, gk_cell_ref (cell));
}

/**
 * gk_table_lookup:
 *
 * Returns: (transfer none) (nullable): the cell at @row and @column
 */
GkCell *
gk_table_lookup (GkTable    *self,
                 const char *row,
                 const char *column)
{
  GPtrArray *row_cells;
  guint in_row;

  g_return_val_if_fail (GK_IS_TABLE (self), NULL);
  g_return_val_if_fail (row != NULL && column != NULL, NULL);

  row_cells = g_hash_table_lookup (self->by_row, row);
  if (row_cells == NULL)
    return NULL;
  in_row = find_in_row (row_cells, column);
  return in_row == G_MAXUINT ? NULL : g_ptr_array_index (row_cells, in_row);
}

guint
gk_table_get_n_cells (GkTable *self)
{
  g_return_val_if_fail (GK_IS_TABLE (self), 0);
  return self->cells->len;
}

/**
 * gk_table_get_cell:
 *
 * Returns: (transfer none): the cell at @position in template order
 */
GkCell *
gk_table_get_cell (GkTable *self,
                   guint    position)
{
  g_return_val_if_fail (GK_IS_TABLE (self), NULL);
  g_return_val_if_fail (position < self->cells->len, NULL);
  return g_ptr_array_index (self->cells, position);
}

/**
 * gk_table_dup_row_keys:
 *
 * Returns: (transfer container) (element-type utf8): the row keys in the
 *   order their first cell appears; the strings are the cells' own
 *   (interned, or pooled while a cell holds them: see gk-cell.c)
 */
GPtrArray *
gk_table_dup_row_keys (GkTable *self)
{
  GPtrArray *rows = g_ptr_array_new ();

  g_return_val_if_fail (GK_IS_TABLE (self), rows);

  for (guint i = 0; i < self->cells->len; i++)
    {
      const char *row = gk_cell_get_row (g_ptr_array_index (self->cells, i));
      /* Row keys are interned or pooled: pointer comparison is enough. */
      if (rows->len == 0 || g_ptr_array_index (rows, rows->len - 1) != row)
        {
          if (!g_ptr_array_find (rows, row, NULL))
            g_ptr_array_add (rows, (gpointer) row);
        }
    }

  return rows;
}
