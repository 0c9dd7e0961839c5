/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-cell"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gk-cell.h"
#include "gk-keys.h"
#include "gk-normalize.h"

/* One cell of a statistical table: where it sits (table, row and column
 * keys of report-format.md §11), what the report wrote there and what that
 * means.  The parser makes them in their hundreds per report and a library
 * holds millions, so a cell is a plain reference-counted struct, set up
 * once by gk_cell_new() and read through its getters. */
struct _GkCell
{
  gint         ref_count;
  GkTableId    table;
  const char  *row;     /* interned, or pooled (see key_acquire()) */
  const char  *column;
  double       value;
  GkValueClass value_class;
  guint        line;
  guint        has_value : 1;
  guint        is_integer : 1;
  guint        ambiguous : 1;
  guint        row_pooled : 1;
  guint        column_pooled : 1;
  char         raw[];   /* allocated with the cell: one allocation a cell */
};

G_DEFINE_BOXED_TYPE (GkCell, gk_cell, gk_cell_ref, gk_cell_unref)

/* Keys.  The templates' keys are interned (gk_keys_intern()), so that
 * lookups compare pointers.  A key that is not one of them comes from a
 * file: the name of a sub-item of 其他对外管理服务事项 ("other_services.行政
 * 检查").  Interned, such names would stay for the life of the process, and
 * a file, or a thousand of them, with a million names would grow it for
 * good.  They are pooled instead: one copy per name, shared by the cells
 * that use it (pointers still compare) and freed with the last of them. */
typedef struct
{
  guint refs;
  char  key[];
} PooledKey;

static GMutex      pool_lock;
static GHashTable *pool;  /* key → PooledKey, which holds the key */

static const char *
key_acquire (const char *key,
             gboolean   *pooled)
{
  GQuark quark = g_quark_try_string (key);
  PooledKey *entry;

  *pooled = FALSE;
  if (quark != 0)
    return g_quark_to_string (quark);

  g_mutex_lock (&pool_lock);
  if (pool == NULL)
    pool = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  entry = g_hash_table_lookup (pool, key);
  if (entry == NULL)
    {
      gsize len = strlen (key);

      entry = g_malloc (sizeof (PooledKey) + len + 1);
      entry->refs = 0;
      memcpy (entry->key, key, len + 1);
      g_hash_table_insert (pool, entry->key, entry);
    }
  entry->refs++;
  g_mutex_unlock (&pool_lock);

  *pooled = TRUE;
  return entry->key;
}

static void
key_release (const char *key)
{
  PooledKey *entry;

  g_mutex_lock (&pool_lock);
  entry = g_hash_table_lookup (pool, key);
  g_assert (entry != NULL && entry->key == key);
  if (--entry->refs == 0)
    g_hash_table_remove (pool, key);
  g_mutex_unlock (&pool_lock);
}

/**
 * gk_cell_n_pooled_keys:
 *
 * Returns: how many keys that are not the templates' the live cells hold
 *   (a bound the tests check)
 */
guint
gk_cell_n_pooled_keys (void)
{
  guint n;

  g_mutex_lock (&pool_lock);
  n = pool != NULL ? g_hash_table_size (pool) : 0;
  g_mutex_unlock (&pool_lock);
  return n;
}

GkCell *
gk_cell_ref (GkCell *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->ref_count > 0, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
gk_cell_unref (GkCell *self)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->ref_count > 0);

  if (g_atomic_int_dec_and_test (&self->ref_count))
    {
      if (self->row_pooled)
        key_release (self->row);
      if (self->column_pooled)
        key_release (self->column);
      g_free (self);
    }
}

/* Strings that stand for "not applicable" in real reports. */
static gboolean
is_not_applicable (const char *s)
{
  static const char * const na[] = {
    "/", "-", "--", "—", "——", "–", "\\", "无", "N/A", "n/a", "NA", "×", "x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (na); i++)
    if (strcmp (s, na[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Parses an ASCII decimal, with optional sign and thousands separators.
 * Returns FALSE when anything else is in the string. */
static gboolean
parse_plain_number (const char *s,
                    double     *value,
                    gboolean   *is_integer,
                    gboolean   *is_signed)
{
  GString *digits = g_string_sized_new (16);
  const char *p = s;
  gboolean seen_dot = FALSE;
  gboolean ok = TRUE;
  guint group = 0;
  gboolean grouped = FALSE;

  *is_signed = FALSE;
  if (*p == '+' || *p == '-')
    {
      *is_signed = TRUE;
      g_string_append_c (digits, *p);
      p++;
    }

  if (!g_ascii_isdigit (*p))
    ok = FALSE;

  for (; ok && *p; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (digits, *p);
          group++;
        }
      else if (*p == ',' && !seen_dot && group >= 1 && (grouped ? group == 3 : group <= 3)
               && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3])
               && !g_ascii_isdigit (p[4]))
        {
          grouped = TRUE;
          group = 0;
        }
      else if (*p == '.' && !seen_dot && g_ascii_isdigit (p[1]))
        {
          seen_dot = TRUE;
          g_string_append_c (digits, '.');
        }
      else
        ok = FALSE;
    }

  if (ok)
    {
      *value = g_ascii_strtod (digits->str, NULL);
      *is_integer = !seen_dot || floor (*value) == *value;
      /* Some 310 digits overflow a double: no count, but text. */
      ok = isfinite (*value);
    }

  g_string_free (digits, TRUE);
  return ok;
}

/**
 * gk_cell_classify:
 * @raw: the cell's text as written
 * @value: (out): the number the cell stands for, 0 when none
 * @has_value: (out): whether @value means anything
 * @is_integer: (out): whether @value is a whole number
 *
 * Decides what a cell holds (report-format.md §6).  A text cell gets a
 * value only when it holds exactly one number ("约3件", "251000元").
 */
GkValueClass
gk_cell_classify (const char *raw,
                  double     *value,
                  gboolean   *has_value,
                  gboolean   *is_integer)
{
  g_autofree char *norm = NULL;
  gboolean is_signed = FALSE;
  double v = 0;
  gboolean integer = TRUE;

  *value = 0;
  *has_value = FALSE;
  *is_integer = FALSE;

  if (raw == NULL)
    return GK_VALUE_BLANK;

  /* Fast path: most cells are plain ASCII digits, maybe padded. */
  {
    const char *p = raw;
    const char *digits;
    gint64 v64 = 0;

    while (*p == ' ' || *p == '\t')
      p++;
    digits = p;
    while (g_ascii_isdigit (*p) && p - digits < 15)
      v64 = v64 * 10 + (*p++ - '0');
    if (p > digits)
      {
        const char *q = p;
        while (*q == ' ' || *q == '\t')
          q++;
        if (*q == '\0')
          {
            *value = (double) v64;
            *has_value = TRUE;
            *is_integer = TRUE;
            return GK_VALUE_NUMBER;
          }
      }
    else if (*p == '\0')
      return GK_VALUE_BLANK;
  }

  /* Full-width digits and signs count like ASCII ones; white space of any
   * width inside a number is noise from copying. */
  norm = gk_normalize_compact (raw);

  if (*norm == '\0')
    return GK_VALUE_BLANK;

  if (is_not_applicable (norm))
    return GK_VALUE_NA;

  if (parse_plain_number (norm, &v, &integer, &is_signed))
    {
      *value = v;
      *has_value = TRUE;
      *is_integer = integer;
      return is_signed ? GK_VALUE_SIGNED : GK_VALUE_NUMBER;
    }

  /* Text: take the number only when there is exactly one. */
  {
    const char *p = norm;
    const char *start = NULL;
    gsize len = 0;
    guint n_numbers = 0;

    while (*p)
      {
        if (g_ascii_isdigit (*p))
          {
            const char *q = p;
            while (g_ascii_isdigit (*q) || (*q == '.' && g_ascii_isdigit (q[1])))
              q++;
            n_numbers++;
            start = p;
            len = q - p;
            p = q;
          }
        else
          p++;
      }

    if (n_numbers == 1)
      {
        g_autofree char *num = g_strndup (start, len);
        double v_text = g_ascii_strtod (num, NULL);

        if (isfinite (v_text))
          {
            *value = v_text;
            *has_value = TRUE;
            *is_integer = floor (v_text) == v_text;
          }
      }
  }

  return GK_VALUE_TEXT;
}

/**
 * gk_cell_new:
 * @table: the table the cell belongs to
 * @row: the row key
 * @column: the column key
 * @raw: (nullable): the text as written, %NULL for a cell the report lacks
 * @line: the 1-based source line, 0 when unknown
 *
 * Returns: (transfer full): a new cell, classified from @raw
 */
GkCell *
gk_cell_new (GkTableId   table,
             const char *row,
             const char *column,
             const char *raw,
             guint       line)
{
  GkCell *self;
  gboolean has_value, is_integer;
  gsize raw_len;

  g_return_val_if_fail (row != NULL, NULL);
  g_return_val_if_fail (column != NULL, NULL);

  gk_keys_intern ();

  if (raw == NULL)
    raw = "";
  raw_len = strlen (raw);
  self = g_malloc0 (sizeof (GkCell) + raw_len + 1);
  memcpy (self->raw, raw, raw_len + 1);
  self->ref_count = 1;
  self->table = table;
  {
    gboolean row_pooled, column_pooled;

    self->row = key_acquire (row, &row_pooled);
    self->column = key_acquire (column, &column_pooled);
    self->row_pooled = row_pooled;
    self->column_pooled = column_pooled;
  }
  self->line = line;
  self->value_class = gk_cell_classify (self->raw, &self->value, &has_value, &is_integer);
  self->has_value = has_value;
  self->is_integer = is_integer;

  return self;
}

GkTableId
gk_cell_get_table (GkCell *self)
{
  g_return_val_if_fail (self != NULL, GK_TABLE_3);
  return self->table;
}

const char *
gk_cell_get_row (GkCell *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->row;
}

const char *
gk_cell_get_column (GkCell *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->column;
}

const char *
gk_cell_get_raw (GkCell *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->raw;
}

GkValueClass
gk_cell_get_value_class (GkCell *self)
{
  g_return_val_if_fail (self != NULL, GK_VALUE_BLANK);
  return self->value_class;
}

gboolean
gk_cell_has_value (GkCell *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->has_value;
}

double
gk_cell_get_value (GkCell *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->value;
}

gboolean
gk_cell_is_integer (GkCell *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->is_integer;
}

guint
gk_cell_get_line (GkCell *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->line;
}

/**
 * gk_cell_get_ambiguous:
 *
 * Whether the parser could place this cell's text in more than one way
 * (cells run together in scraped text) and kept one without certainty.
 */
gboolean
gk_cell_get_ambiguous (GkCell *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->ambiguous;
}

void
gk_cell_set_ambiguous (GkCell   *self,
                       gboolean  ambiguous)
{
  g_return_if_fail (self != NULL);
  self->ambiguous = !!ambiguous;
}

/**
 * gk_cell_dup_key:
 *
 * Returns: (transfer full): "table/row/column", e.g. "t3/new/natural"
 */
char *
gk_cell_dup_key (GkCell *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_strdup_printf ("%s/%s/%s", gk_table_id_to_key (self->table), self->row, self->column);
}

/**
 * gk_cell_format_value:
 *
 * Returns: (transfer full): the value as plain ASCII ("12", "+2450",
 *   "81184.6411"), or an empty string when the cell has none
 */
char *
gk_cell_format_value (GkCell *self)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (self != NULL, NULL);

  if (!self->has_value)
    return g_strdup ("");

  if (self->is_integer && fabs (self->value) < 1e15)
    {
      if (self->value_class == GK_VALUE_SIGNED && self->value >= 0)
        return g_strdup_printf ("+%" G_GINT64_FORMAT, (gint64) self->value);
      return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) self->value);
    }

  g_ascii_formatd (buf, sizeof buf, "%.10g", self->value);
  if (self->value_class == GK_VALUE_SIGNED && self->value >= 0)
    return g_strconcat ("+", buf, NULL);
  return g_strdup (buf);
}
