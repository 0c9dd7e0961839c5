/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-checks"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "gk-checks.h"
#include "gk-keys.h"
#include "gk-normalize.h"

/* The consistency rules of one report (report-format.md §7): the
 * arithmetic of tables 3 and 4 (R1–R4), the counts being whole numbers
 * (R5), the template matching the year (T3) and the numbers the prose
 * states matching the tables (T1).
 *
 * A rule instance whose input is blank, "/" or missing is reported as not
 * assessable rather than skipped: a blank is not a zero, and a rule that
 * silently passes would hide exactly the reports that need a look. */

/* Counts are whole numbers and amounts have at most four decimals, so
 * anything closer than this is the same number. */
#define EPSILON 1e-6

/* How far a number may stand from the phrase that names it in the prose,
 * in characters.  Longer gaps start to pick up unrelated numbers. */
#define T1_MAX_GAP 15

static const char * const t3_applicant_columns[] = {
  "natural", "commercial", "research", "nonprofit", "legal", "other_org",
};

static const char * const t3_result_rows[] = {
  "granted", "partial",
  "denied.1", "denied.2", "denied.3", "denied.4",
  "denied.5", "denied.6", "denied.7", "denied.8",
  "unable.1", "unable.2", "unable.3",
  "rejected.1", "rejected.2", "rejected.3", "rejected.4", "rejected.5",
};

static const char * const t3_other_rows_2019[] = { "other" };
static const char * const t3_other_rows_2021[] = { "other.1", "other.2", "other.3" };

static const char * const t4_parts[] = { "upheld", "corrected", "other", "pending" };

/* Numbers as people read them: no ".0" on counts, at most four decimals
 * (the precision of the amounts real reports print). */
static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  if (fabs (value - round (value)) < EPSILON && fabs (value) < 1e15)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) round (value));

  g_ascii_formatd (buf, sizeof buf, "%.4f", value);
  end = buf + strlen (buf);
  while (end > buf && end[-1] == '0')
    *--end = '\0';
  if (end > buf && end[-1] == '.')
    *--end = '\0';

  return g_strdup (buf);
}

static gboolean
same_number (double a,
             double b)
{
  return fabs (a - b) < EPSILON;
}

/* Whether a rule may use the cell's value.  A text cell counts when a
 * single number could be read from it ("约3件"); the parser flags those. */
static gboolean
cell_is_usable (GkCell *cell)
{
  if (cell == NULL)
    return FALSE;

  switch (gk_cell_get_value_class (cell))
    {
    case GK_VALUE_BLANK:
    case GK_VALUE_NA:
      return FALSE;
    case GK_VALUE_NUMBER:
    case GK_VALUE_SIGNED:
    case GK_VALUE_TEXT:
    default:
      return gk_cell_has_value (cell);
    }
}

static const char *
row_label (GkTableId   table,
           GkTemplate  template_,
           const char *row)
{
  const char *label = gk_keys_row_label (table, template_, row);

  return label != NULL ? label : row;
}

static const char *
column_label (GkTableId   table,
              GkTemplate  template_,
              const char *column)
{
  const char *label = gk_keys_column_label (table, template_, column);

  return label != NULL ? label : column;
}

/* The ordinal of a top-level row of table 3 ("一" of
 * "一、本年新收政府信息公开申请数量"), which is how the template's own
 * note states R1; other labels are kept whole. */
static char *
dup_short_row_label (GkTemplate  template_,
                     const char *row)
{
  const char *label = row_label (GK_TABLE_3, template_, row);
  const char *next = g_utf8_next_char (label);

  if (*label != '\0' && g_str_has_prefix (next, "、") && next[strlen ("、")] != '\0')
    return g_strndup (label, next - label);

  return g_strdup (label);
}

/* The template whose rows a table follows: its own when the parser knew
 * it, otherwise the report's. */
static GkTemplate
table_template (GkReport *report,
                GkTable  *table)
{
  GkTemplate template_ = gk_table_get_template (table);

  if (template_ == GK_TEMPLATE_UNKNOWN)
    template_ = gk_report_get_template (report);

  return template_;
}

/* The cells one rule instance reads: their keys in the order the rule
 * names them, and those it cannot use. */
typedef struct
{
  const char *row;     /* static or interned: it must outlive the Inputs */
  const char *column;
} CellRef;

typedef struct
{
  GkTable    *table;
  GkTableId   table_id;
  GkTemplate  template_;
  GArray     *refs;  /* CellRef: the inputs, in the order the rule names them */
  GPtrArray  *keys;  /* their "t3/new/natural" keys, made only when a finding needs them */
  GPtrArray  *unusable_names;   /* for people: "row label / column label" */
  GPtrArray  *unusable_states;  /* plain: "t3/new/natural=blank" */
  guint       line;
} Inputs;

static void
inputs_init (Inputs     *in,
             GkTable    *table,
             GkTemplate  template_)
{
  in->table = table;
  in->table_id = gk_table_get_id (table);
  in->template_ = template_;
  in->refs = g_array_sized_new (FALSE, FALSE, sizeof (CellRef), 32);
  in->keys = NULL;
  /* Most rule instances have only usable inputs: these are made for the
   * few that do not. */
  in->unusable_names = NULL;
  in->unusable_states = NULL;
  in->line = 0;
}

static void
inputs_clear (Inputs *in)
{
  g_clear_pointer (&in->refs, g_array_unref);
  g_clear_pointer (&in->keys, g_ptr_array_unref);
  g_clear_pointer (&in->unusable_names, g_ptr_array_unref);
  g_clear_pointer (&in->unusable_states, g_ptr_array_unref);
}

/* The inputs' cell keys, made on first use. */
static GPtrArray *
inputs_keys (Inputs *in)
{
  if (in->keys == NULL)
    {
      in->keys = g_ptr_array_new_full (in->refs->len, g_free);
      for (guint i = 0; i < in->refs->len; i++)
        {
          const CellRef *ref = &g_array_index (in->refs, CellRef, i);
          g_ptr_array_add (in->keys, g_strconcat (gk_table_id_to_key (in->table_id), "/",
                                                  ref->row, "/", ref->column, NULL));
        }
    }
  return in->keys;
}

/* Reads one input of the rule.  Returns its value, 0 when it cannot be
 * used; inputs_usable() tells whether any could not. */
static double
inputs_take (Inputs     *in,
             const char *row,
             const char *column)
{
  GkCell *cell = gk_table_lookup (in->table, row, column);
  CellRef ref = { row, column };

  /* Checks run on every report of a library: key strings are only made
   * for the few rule instances that end in a finding. */
  g_array_append_val (in->refs, ref);

  if (cell != NULL && in->line == 0)
    in->line = gk_cell_get_line (cell);

  if (!cell_is_usable (cell))
    {
      const char *state;

      if (cell == NULL)
        state = "missing";
      else
        state = gk_value_class_to_string (gk_cell_get_value_class (cell));

      if (in->unusable_names == NULL)
        {
          in->unusable_names = g_ptr_array_new_with_free_func (g_free);
          in->unusable_states = g_ptr_array_new_with_free_func (g_free);
        }
      g_ptr_array_add (in->unusable_names,
                       g_strdup_printf ("%s / %s",
                                        row_label (in->table_id, in->template_, row),
                                        column_label (in->table_id, in->template_, column)));
      g_ptr_array_add (in->unusable_states,
                       g_strconcat (gk_table_id_to_key (in->table_id), "/", row, "/", column, "=", state, NULL));
      return 0;
    }

  return gk_cell_get_value (cell);
}

static gboolean
inputs_usable (Inputs *in)
{
  return in->unusable_names == NULL;
}

static char *
join_strings (GPtrArray  *strings,
              const char *separator)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < strings->len; i++)
    {
      if (i > 0)
        g_string_append (out, separator);
      g_string_append (out, g_ptr_array_index (strings, i));
    }

  return g_string_free (out, FALSE);
}

static void
add_finding (GkReport        *report,
             const char      *rule,
             GkSeverity       severity,
             GkFindingStatus  status,
             const char      *subject,
             const char      *message,
             const char      *expected,
             const char      *found,
             GPtrArray       *cell_keys,
             guint            line)
{
  g_autoptr(GkFinding) finding = gk_finding_new (rule, severity, status, subject, message);

  gk_finding_set_expected (finding, expected);
  gk_finding_set_found (finding, found);
  gk_finding_set_line (finding, line);

  if (cell_keys != NULL)
    for (guint i = 0; i < cell_keys->len; i++)
      gk_finding_add_cell (finding, g_ptr_array_index (cell_keys, i));

  gk_report_add_finding (report, finding);
}

/* Reports the rule instance as not assessable when an input is blank,
 * not applicable or missing, and returns TRUE then: the caller must not
 * evaluate it. */
static gboolean
not_assessable (GkReport   *report,
                Inputs     *in,
                const char *rule,
                GkSeverity  severity,
                const char *subject,
                const char *what,
                const char *formula)
{
  g_autofree char *names = NULL;
  g_autofree char *states = NULL;
  g_autofree char *message = NULL;
  guint n;

  if (inputs_usable (in))
    return FALSE;

  n = in->unusable_names->len;
  names = join_strings (in->unusable_names, "; ");
  states = join_strings (in->unusable_states, ", ");
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: the first %s says what
                                           * the rule was applied to, e.g.
                                           * "Column 自然人"; the second lists
                                           * table cells by their row and
                                           * column labels, which are Chinese
                                           * report terms. */
                                          "%s: not assessable, because this cell is blank, not applicable or missing: %s",
                                          "%s: not assessable, because these cells are blank, not applicable or missing: %s",
                                          n),
                             what, names);

  add_finding (report, rule, severity, GK_FINDING_NOT_ASSESSABLE, subject,
               message, formula, states, inputs_keys (in), in->line);
  return TRUE;
}

/* R1: in each column of table 3, new + carried_in = total + carried_out,
 * the one rule the template prints. */
static void
check_r1 (GkReport *report,
          GkTable  *t3,
          GkTemplate template_)
{
  guint n_columns;
  const GkKeyLabel *columns = gk_keys_t3_columns (&n_columns);
  g_autofree char *l_new = dup_short_row_label (template_, "new");
  g_autofree char *l_in = dup_short_row_label (template_, "carried_in");
  g_autofree char *l_total = dup_short_row_label (template_, "total");
  g_autofree char *l_out = dup_short_row_label (template_, "carried_out");

  for (guint c = 0; c < n_columns; c++)
    {
      const char *column = columns[c].key;
      g_autofree char *subject = g_strdup_printf ("t3:%s", column);
      g_autofree char *what = NULL;
      Inputs in;
      double inflow, outflow;

      inputs_init (&in, t3, template_);
      inflow = inputs_take (&in, "new", column);
      inflow += inputs_take (&in, "carried_in", column);
      outflow = inputs_take (&in, "total", column);
      outflow += inputs_take (&in, "carried_out", column);

      /* Translators: %s is a column label of table 3, e.g. 自然人. */
      what = g_strdup_printf (_("Column %s"), columns[c].label);

      if (!not_assessable (report, &in, "R1", GK_SEVERITY_ERROR, subject, what,
                           "new + carried_in = total + carried_out")
          && !same_number (inflow, outflow))
        {
          g_autofree char *s_in = format_number (inflow);
          g_autofree char *s_out = format_number (outflow);
          g_autofree char *message = NULL;

          /* Translators: R1.  "Column 自然人: 一 + 二 = 196, but （七）总计 +
           * 四 = 195"; the row names are the ordinals and labels of the
           * report's table 3. */
          message = g_strdup_printf (_("%s: %s + %s = %s, but %s + %s = %s"),
                                     what, l_new, l_in, s_in, l_total, l_out, s_out);
          add_finding (report, "R1", GK_SEVERITY_ERROR, GK_FINDING_FAILED, subject,
                       message, s_in, s_out, inputs_keys (&in), in.line);
        }

      inputs_clear (&in);
    }
}

/* The 其他处理 rows a table really has: the 2021 template splits the one
 * row of 2019 in three.  A table with neither follows its template. */
static const char * const *
t3_other_rows (GkTable    *t3,
               GkTemplate  template_,
               guint      *n_rows)
{
  g_autoptr(GPtrArray) rows = gk_table_dup_row_keys (t3);
  gboolean has_split = FALSE;
  gboolean has_single = FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const char *row = g_ptr_array_index (rows, i);

      if (g_str_has_prefix (row, "other."))
        has_split = TRUE;
      else if (strcmp (row, "other") == 0)
        has_single = TRUE;
    }

  /* When both are present the single row is a local subtotal of the
   * split ones, and the split rows are the detail the template asks for. */
  if (has_split || (!has_single && template_ == GK_TEMPLATE_2021))
    {
      *n_rows = G_N_ELEMENTS (t3_other_rows_2021);
      return t3_other_rows_2021;
    }

  *n_rows = G_N_ELEMENTS (t3_other_rows_2019);
  return t3_other_rows_2019;
}

/* R2: in each column of table 3, the handling results add up to 总计. */
static void
check_r2 (GkReport *report,
          GkTable  *t3,
          GkTemplate template_)
{
  guint n_columns, n_other;
  const GkKeyLabel *columns = gk_keys_t3_columns (&n_columns);
  const char * const *other_rows = t3_other_rows (t3, template_, &n_other);
  const char *l_total = row_label (GK_TABLE_3, template_, "total");
  const char *formula = n_other == 1
    ? "total = granted + partial + denied.1..8 + unable.1..3 + rejected.1..5 + other"
    : "total = granted + partial + denied.1..8 + unable.1..3 + rejected.1..5 + other.1..3";

  for (guint c = 0; c < n_columns; c++)
    {
      const char *column = columns[c].key;
      g_autofree char *subject = g_strdup_printf ("t3:%s", column);
      g_autofree char *what = NULL;
      Inputs in;
      double total, sum = 0;

      inputs_init (&in, t3, template_);
      total = inputs_take (&in, "total", column);
      for (guint r = 0; r < G_N_ELEMENTS (t3_result_rows); r++)
        sum += inputs_take (&in, t3_result_rows[r], column);
      for (guint r = 0; r < n_other; r++)
        sum += inputs_take (&in, other_rows[r], column);

      what = g_strdup_printf (_("Column %s"), columns[c].label);

      if (!not_assessable (report, &in, "R2", GK_SEVERITY_ERROR, subject, what, formula)
          && !same_number (total, sum))
        {
          g_autofree char *s_total = format_number (total);
          g_autofree char *s_sum = format_number (sum);
          g_autofree char *message = NULL;

          /* Translators: R2.  "Column 自然人: （七）总计 = 187, but the
           * handling results above it add up to 188". */
          message = g_strdup_printf (_("%s: %s = %s, but the handling results above it add up to %s"),
                                     what, l_total, s_total, s_sum);
          add_finding (report, "R2", GK_SEVERITY_ERROR, GK_FINDING_FAILED, subject,
                       message, s_sum, s_total, inputs_keys (&in), in.line);
        }

      inputs_clear (&in);
    }
}

/* The rows of table 3 to check across: the template's, then any a local
 * template added (subtotals must add up across too).  Without a known
 * template, the rows the table has. */
static GPtrArray *
t3_rows_to_check (GkTable    *t3,
                  GkTemplate  template_)
{
  g_autoptr(GPtrArray) present = gk_table_dup_row_keys (t3);
  GPtrArray *rows = g_ptr_array_new ();

  if (template_ == GK_TEMPLATE_2019 || template_ == GK_TEMPLATE_2021)
    {
      guint n;
      const GkKeyLabel *keys = gk_keys_t3_rows (template_, &n);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (rows, (gpointer) g_intern_static_string (keys[i].key));
    }

  /* Row keys of cells are interned, so pointers compare. */
  for (guint i = 0; i < present->len; i++)
    {
      const char *row = g_intern_string (g_ptr_array_index (present, i));

      if (!g_ptr_array_find (rows, row, NULL))
        g_ptr_array_add (rows, (gpointer) row);
    }

  return rows;
}

/* R3: in each row of table 3, the six applicant columns add up to 总计. */
static void
check_r3 (GkReport *report,
          GkTable  *t3,
          GkTemplate template_)
{
  g_autoptr(GPtrArray) rows = t3_rows_to_check (t3, template_);
  const char *l_total = column_label (GK_TABLE_3, template_, "total");

  for (guint r = 0; r < rows->len; r++)
    {
      const char *row = g_ptr_array_index (rows, r);
      g_autofree char *subject = g_strdup_printf ("t3:%s", row);
      g_autofree char *what = NULL;
      Inputs in;
      double total, sum = 0;

      inputs_init (&in, t3, template_);
      total = inputs_take (&in, row, "total");
      for (guint c = 0; c < G_N_ELEMENTS (t3_applicant_columns); c++)
        sum += inputs_take (&in, row, t3_applicant_columns[c]);

      /* Translators: %s is a row label of a table, e.g.
       * 一、本年新收政府信息公开申请数量 or 行政复议. */
      what = g_strdup_printf (_("Row %s"), row_label (GK_TABLE_3, template_, row));

      if (!not_assessable (report, &in, "R3", GK_SEVERITY_ERROR, subject, what,
                           "total = natural + commercial + research + nonprofit + legal + other_org")
          && !same_number (total, sum))
        {
          g_autofree char *s_total = format_number (total);
          g_autofree char *s_sum = format_number (sum);
          g_autofree char *message = NULL;

          /* Translators: R3.  "Row 一、本年新收政府信息公开申请数量: 总计 =
           * 216, but the six applicant columns add up to 215". */
          message = g_strdup_printf (_("%s: %s = %s, but the six applicant columns add up to %s"),
                                     what, l_total, s_total, s_sum);
          add_finding (report, "R3", GK_SEVERITY_ERROR, GK_FINDING_FAILED, subject,
                       message, s_sum, s_total, inputs_keys (&in), in.line);
        }

      inputs_clear (&in);
    }
}

/* R4: in each group of table 4, 维持 + 纠正 + 其他结果 + 尚未审结 = 总计. */
static void
check_r4 (GkReport *report,
          GkTable  *t4,
          GkTemplate template_)
{
  guint n_rows;
  const GkKeyLabel *rows = gk_keys_t4_rows (&n_rows);

  for (guint r = 0; r < n_rows; r++)
    {
      const char *row = rows[r].key;
      g_autofree char *subject = g_strdup_printf ("t4:%s", row);
      g_autofree char *what = NULL;
      Inputs in;
      double total, sum = 0;

      inputs_init (&in, t4, template_);
      for (guint c = 0; c < G_N_ELEMENTS (t4_parts); c++)
        sum += inputs_take (&in, row, t4_parts[c]);
      total = inputs_take (&in, row, "total");

      what = g_strdup_printf (_("Row %s"), rows[r].label);

      if (!not_assessable (report, &in, "R4", GK_SEVERITY_ERROR, subject, what,
                           "upheld + corrected + other + pending = total")
          && !same_number (total, sum))
        {
          g_autofree char *s_total = format_number (total);
          g_autofree char *s_sum = format_number (sum);
          g_autofree char *message = NULL;

          /* Translators: R4.  "Row 行政复议: 结果维持 + 结果纠正 + 其他结果 +
           * 尚未审结 = 5, but 总计 = 6". */
          message = g_strdup_printf (_("%s: %s + %s + %s + %s = %s, but %s = %s"),
                                     what,
                                     column_label (GK_TABLE_4, template_, "upheld"),
                                     column_label (GK_TABLE_4, template_, "corrected"),
                                     column_label (GK_TABLE_4, template_, "other"),
                                     column_label (GK_TABLE_4, template_, "pending"),
                                     s_sum,
                                     column_label (GK_TABLE_4, template_, "total"),
                                     s_total);
          add_finding (report, "R4", GK_SEVERITY_ERROR, GK_FINDING_FAILED, subject,
                       message, s_sum, s_total, inputs_keys (&in), in.line);
        }

      inputs_clear (&in);
    }
}

/* Which cells of table 2 hold counts.  Amounts are money and may have
 * decimals; the 2019 本年增/减 is a change and may be negative. */
static gboolean
t2_column_is_count (const char *column)
{
  return strcmp (column, "amount") != 0 && strcmp (column, "change") != 0;
}

/* R5: every count that has a value is a whole number of 0 or more.  Blank
 * cells are no input of this rule, so they give no finding here. */
static void
check_r5_table (GkReport *report,
                GkTable  *table,
                GkTemplate template_)
{
  GkTableId id = gk_table_get_id (table);
  guint n = gk_table_get_n_cells (table);

  for (guint i = 0; i < n; i++)
    {
      GkCell *cell = gk_table_get_cell (table, i);
      const char *row = gk_cell_get_row (cell);
      const char *column = gk_cell_get_column (cell);
      g_autofree char *key = NULL;
      g_autofree char *message = NULL;
      g_autoptr(GPtrArray) keys = NULL;
      double value;

      if (!cell_is_usable (cell))
        continue;
      if (id == GK_TABLE_2 && !t2_column_is_count (column))
        continue;

      value = gk_cell_get_value (cell);
      if (value > -EPSILON && gk_cell_is_integer (cell))
        continue;

      key = gk_cell_dup_key (cell);
      keys = g_ptr_array_new ();
      g_ptr_array_add (keys, key);

      /* Translators: R5.  "行政复议 / 总计 holds “-3”, which is not a whole
       * number of 0 or more"; the labels are the cell's row and column. */
      message = g_strdup_printf (_("%s / %s holds “%s”, which is not a whole number of 0 or more"),
                                 row_label (id, template_, row),
                                 column_label (id, template_, column),
                                 gk_cell_get_raw (cell));
      add_finding (report, "R5", GK_SEVERITY_ERROR, GK_FINDING_FAILED, key, message,
                   /* Translators: what R5 expected a count to be. */
                   _("a whole number of 0 or more"),
                   gk_cell_get_raw (cell), keys, gk_cell_get_line (cell));
    }
}

static const char *
template_name (GkTemplate template_)
{
  switch (template_)
    {
    case GK_TEMPLATE_2019:
      /* Translators: the official template of 国办公开办函〔2019〕60号. */
      return C_("template", "2019");
    case GK_TEMPLATE_2021:
      /* Translators: the official template of 国办公开办函〔2021〕30号. */
      return C_("template", "2021");
    case GK_TEMPLATE_LEGACY:
      /* Translators: the free or provincial layouts of reports before
       * 2019, when there was no national template. */
      return C_("template", "pre-2019");
    case GK_TEMPLATE_UNKNOWN:
    default:
      return C_("template", "unknown");
    }
}

/* T3: the template matches the year (report-format.md §1).  A report in
 * the "wrong" template is kept as it is and shown, never coerced. */
static void
check_t3 (GkReport *report)
{
  int year = gk_report_get_year (report);
  GkTemplate template_ = gk_report_get_template (report);
  GkTemplate expected;
  g_autofree char *message = NULL;

  if (year <= 0)
    expected = GK_TEMPLATE_UNKNOWN;
  else if (year < 2019)
    expected = GK_TEMPLATE_LEGACY;
  else if (year < 2021)
    expected = GK_TEMPLATE_2019;
  else
    expected = GK_TEMPLATE_2021;

  if (year <= 0 || template_ == GK_TEMPLATE_UNKNOWN)
    {
      const char *why = year <= 0
        ? _("The template cannot be checked against the year, because the year is unknown")
        : _("The template cannot be checked against the year, because the template is unknown");

      add_finding (report, "T3", GK_SEVERITY_WARNING, GK_FINDING_NOT_ASSESSABLE, "report",
                   why, gk_template_to_string (expected), gk_template_to_string (template_),
                   NULL, gk_report_get_year_line (report));
      return;
    }

  if (expected == template_)
    return;

  /* Translators: T3.  "The report covers 2021 but follows the 2019
   * template; reports for that year use the 2021 template". */
  message = g_strdup_printf (_("The report covers %d but follows the %s template; reports for that year use the %s template"),
                             year, template_name (template_), template_name (expected));
  add_finding (report, "T3", GK_SEVERITY_WARNING, GK_FINDING_FAILED, "report", message,
               gk_template_to_string (expected), gk_template_to_string (template_),
               NULL, gk_report_get_year_line (report));
}

/* T1: a number the prose states about a table cell.  Each claim is a
 * keyword followed, within a short clause, by a number and a unit; the
 * number is compared with the sum of the named cells. */
typedef struct
{
  const char *id;              /* names the claim in the finding's subject */
  const char *keyword;         /* a regular expression */
  guint       max_gap;         /* characters allowed between keyword and number */
  GkTableId   table;
  const char *cells[3];        /* "row/column", NULL-terminated */
  gboolean    needs_request;   /* "申请" must be in the clause */
  gboolean    t4;              /* about table 4: results words change the cell */
  const char *bad_before[4];   /* words that must not stand just before it */
} Claim;

/* In order: a longer phrase goes before the shorter ones it contains, so
 * that "予以公开及部分公开258件" is one claim, not three. */
static const Claim claims[] = {
  { "granted+partial", "予以公开(?:及|和|与|或|以及|、)部分公开", 8, GK_TABLE_3,
    { "granted/total", "partial/total", NULL }, FALSE, FALSE, { "主动", NULL } },
  { "carried_out", "结转(?:至|到)?下一?年度?", T1_MAX_GAP, GK_TABLE_3,
    { "carried_out/total", NULL }, FALSE, FALSE, { NULL } },
  { "carried_in", "上一?年度?结转", T1_MAX_GAP, GK_TABLE_3,
    { "carried_in/total", NULL }, FALSE, FALSE, { NULL } },
  { "new", "本年度?新收", T1_MAX_GAP, GK_TABLE_3,
    { "new/total", NULL }, FALSE, FALSE, { NULL } },
  { "new", "新收|收到", T1_MAX_GAP, GK_TABLE_3,
    { "new/total", NULL }, TRUE, FALSE, { "未", "没有", NULL } },
  { "granted", "予以公开", 8, GK_TABLE_3,
    { "granted/total", NULL }, FALSE, FALSE, { "主动", "不", NULL } },
  { "partial", "部分公开", 8, GK_TABLE_3,
    { "partial/total", NULL }, FALSE, FALSE, { NULL } },
  { "total", "办理结果(?:数量|总数|总量)?(?:合计|共计|共)?(?:为|是)", 0, GK_TABLE_3,
    { "total/total", NULL }, FALSE, FALSE, { NULL } },
  { "total", "办理|办结", T1_MAX_GAP, GK_TABLE_3,
    { "total/total", NULL }, TRUE, FALSE, { "继续", NULL } },
  { "review", "行政复议", T1_MAX_GAP, GK_TABLE_4,
    { "review/total", NULL }, FALSE, TRUE, { NULL } },
  { "suit", "行政诉讼", T1_MAX_GAP, GK_TABLE_4,
    { "suit_direct/total", "suit_after_review/total", NULL }, FALSE, TRUE, { "复议后", "直接", NULL } },
};

/* Literal words one of which each claim's keyword contains, in the order
 * of claims[]: a section without any of them cannot match, and the regex
 * (the costliest part of the checks) is not run on it. */
static const char * const claim_anchors[][3] = {
  { "部分公开", NULL },
  { "结转", NULL },
  { "结转", NULL },
  { "新收", NULL },
  { "新收", "收到", NULL },
  { "予以公开", NULL },
  { "部分公开", NULL },
  { "办理结果", NULL },
  { "办理", "办结", NULL },
  { "行政复议", NULL },
  { "行政诉讼", NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (claim_anchors) == G_N_ELEMENTS (claims));

static gboolean
claim_may_match (guint       index,
                 const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (claim_anchors[index]) && claim_anchors[index][i] != NULL; i++)
    if (strstr (text, claim_anchors[index][i]) != NULL)
      return TRUE;
  return FALSE;
}

/* Words that, between a keyword and its number, show the number is about
 * something else: a part of the total, a change, another table, a list. */
static const char * const gap_words_any[] = {
  "和", "及", "与", "或", "并", "分别", "其中",
  "较", "比", "增", "减", "降", "升", "多", "少", "率", "约", "余", "近", "超",
  "自然人", "法人", "企业", "机构", "组织",
  "主动", "文件", "咨询", "热线", "建议", "提案", "收费", "费用",
  NULL,
};

static const char * const gap_words_t3[] = {
  "复议", "诉讼", "起诉", "投诉", "举报", "信访", "不予", "无法", "其他",
  NULL,
};

static const char * const gap_words_t4[] = {
  "诉讼", "起诉", "复议", "维持", "纠正", "纠错", "撤销", "驳回", "确认",
  "审结", "结果", "败诉", "胜诉",
  NULL,
};

static gboolean
contains_any (const char         *text,
              const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (text, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
is_clause_end (gunichar c)
{
  return c == 0x3002 /* 。 */ || c == 0x3001 /* 、 */ || c == ';' || c == ','
         || c == '!' || c == '?' || c == '\n';
}

/* The text of the clause before @pos, up to @max_chars characters. */
static char *
dup_clause_before (const char *text,
                   const char *pos,
                   guint       max_chars)
{
  const char *start = pos;

  for (guint i = 0; i < max_chars && start > text; i++)
    {
      const char *prev = g_utf8_prev_char (start);
      gunichar c = g_utf8_get_char (prev);

      if (is_clause_end (c) || g_unichar_isdigit (c))
        break;
      start = prev;
    }

  /* What a list number or a bracket leaves behind ("1." of "1.本年新收")
   * belongs to no clause. */
  while (start < pos && !g_unichar_isalpha (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);

  return g_strndup (start, pos - start);
}

/* Whether @word stands right before @pos, ignoring spaces. */
static gboolean
ends_with_word (const char *before,
                const char *word)
{
  g_autofree char *compact = gk_normalize_compact (before);

  return g_str_has_suffix (compact, word);
}

/* Whether the keyword at @pos follows "、" after an item that has no
 * number of its own ("不予公开、部分公开共5件"): the number then counts the
 * whole list.  "予以公开89件、部分公开18件" is two claims. */
static gboolean
follows_bare_list_item (const char *text,
                        const char *pos)
{
  const char *prev;
  gunichar c;

  while (pos > text && pos[-1] == ' ')
    pos--;
  if (pos == text)
    return FALSE;

  prev = g_utf8_prev_char (pos);
  if (g_utf8_get_char (prev) != 0x3001 /* 、 */)
    return FALSE;

  while (prev > text && prev[-1] == ' ')
    prev--;
  if (prev == text)
    return FALSE;

  c = g_utf8_get_char (g_utf8_prev_char (prev));
  return !(g_unichar_isdigit (c) || c == 0x4EF6 /* 件 */ || c == 0x8D77 /* 起 */);
}

static GRegex *
claim_regex (guint index)
{
  static GRegex *regexes[G_N_ELEMENTS (claims)];
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      for (guint i = 0; i < G_N_ELEMENTS (claims); i++)
        {
          g_autofree char *pattern = NULL;
          g_autoptr(GError) error = NULL;

          /* The gap takes no digit, so the number is always the first one
           * after the keyword; it stops at the end of a clause.  Thousands
           * separators are folded to ASCII commas by normalisation. */
          pattern = g_strdup_printf ("(?:%s)(?<gap>[^\\d\\x{3002}\\x{3001};,!?%%\\n]{0,%u}?)"
                                     "(?<num>(?:\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+)(?:\\.\\d+)?)"
                                     "\\s*(?<unit>件|起)?",
                                     claims[i].keyword, claims[i].max_gap);
          /* JIT-compiled: these patterns run over every report of a
           * library, and matching was a tenth of a report's parse and
           * check.  PCRE's JIT reads ahead in whole words, which memcheck
           * reports in its own code; run valgrind with GK_NO_JIT=1. */
          regexes[i] = g_regex_new (pattern, g_getenv ("GK_NO_JIT") ? 0 : G_REGEX_OPTIMIZE, 0, &error);
          g_assert_no_error (error);
        }
      g_once_init_leave (&initialised, 1);
    }

  return regexes[index];
}

/* Whether the character after a number without a unit ends the statement
 * ("…办理结果数量为0。"), so that "为42%" or "为2020年" are not taken. */
static gboolean
ends_statement (const char *p)
{
  gunichar c;

  while (*p == ' ')
    p++;
  if (*p == '\0')
    return TRUE;

  c = g_utf8_get_char (p);
  return is_clause_end (c) || c == ')' || c == 0x201D /* ” */;
}

typedef struct
{
  GHashTable *subjects;  /* subject → count, to keep subjects unique */
} ProseState;

static void
check_claim_match (GkReport     *report,
                   ProseState   *state,
                   const Claim  *claim,
                   guint         section,
                   const char   *text,
                   GMatchInfo   *match,
                   GArray       *taken)
{
  int start, end, num_start, num_end, unit_start, unit_end;
  g_autofree char *gap = g_match_info_fetch_named (match, "gap");
  g_autofree char *num = g_match_info_fetch_named (match, "num");
  g_autofree char *before = NULL;
  g_autofree char *compact_gap = NULL;
  g_autofree char *phrase = NULL;
  g_autofree char *digits = NULL;
  g_autofree char *subject = NULL;
  GkTable *table;
  GkTemplate template_;
  Inputs in;
  double stated, sum = 0;
  gboolean has_unit;
  guint line;

  g_match_info_fetch_pos (match, 0, &start, &end);
  g_match_info_fetch_named_pos (match, "num", &num_start, &num_end);
  has_unit = g_match_info_fetch_named_pos (match, "unit", &unit_start, &unit_end)
             && unit_start >= 0 && unit_end > unit_start;

  /* A phrase inside one already taken (部分公开 in 予以公开及部分公开). */
  for (guint i = 0; i < taken->len; i += 2)
    if (start < g_array_index (taken, int, i + 1) && end > g_array_index (taken, int, i))
      return;

  compact_gap = gk_normalize_compact (gap);
  before = dup_clause_before (text, text + start, 12);

  if (contains_any (compact_gap, gap_words_any))
    return;
  if (contains_any (compact_gap, claim->t4 ? gap_words_t4 : gap_words_t3))
    return;

  /* A keyword right after a connector is the last of a list, and the
   * number is the list's sum. */
  {
    static const char * const connectors[] = { "和", "及", "与", "或", NULL };

    for (guint i = 0; connectors[i] != NULL; i++)
      if (ends_with_word (before, connectors[i]))
        return;
    if (follows_bare_list_item (text, text + start))
      return;
  }

  {
    g_autofree char *compact_before = gk_normalize_compact (before);
    glong n_chars = g_utf8_strlen (compact_before, -1);
    const char *near = g_utf8_offset_to_pointer (compact_before, MAX (0, n_chars - 6));

    for (guint i = 0; i < G_N_ELEMENTS (claim->bad_before) && claim->bad_before[i] != NULL; i++)
      if (strstr (near, claim->bad_before[i]) != NULL)
        return;
  }

  if (claim->needs_request
      && strstr (compact_gap, "申请") == NULL && strstr (before, "申请") == NULL)
    return;

  /* Without a unit, only "…为N" at the end of a statement is a count. */
  if (!has_unit)
    {
      g_autofree char *lead = g_strndup (text + start, num_start - start);
      g_autofree char *compact_lead = gk_normalize_compact (lead);

      if (!(g_str_has_suffix (compact_lead, "为") || g_str_has_suffix (compact_lead, "是"))
          || !ends_statement (text + num_end))
        return;
    }

  g_array_append_val (taken, start);
  g_array_append_val (taken, end);

  table = gk_report_get_table (report, claim->table);
  if (table == NULL)
    return;

  template_ = table_template (report, table);
  inputs_init (&in, table, template_);
  for (guint i = 0; claim->cells[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (claim->cells[i], "/", 2);
      /* inputs_take() keeps the keys until the finding is made. */
      sum += inputs_take (&in, g_intern_string (parts[0]), g_intern_string (parts[1]));
    }

  digits = g_strdup (num);
  g_strdelimit (digits, ",", ' ');
  {
    g_autofree char *plain = gk_normalize_compact (digits);
    stated = g_ascii_strtod (plain, NULL);
  }

  /* The line the phrase is on, counted from the section's first line. */
  line = gk_report_get_section_line (report, section);
  if (line > 0)
    for (const char *p = text; p < text + start; p++)
      if (*p == '\n')
        line++;

  /* The quotation starts where the clause does, so that it carries what
   * the keyword relies on ("依申请公开办理0件"). */
  {
    g_autofree char *rest = g_strndup (text + start, end - start);

    phrase = g_strconcat (before, rest, NULL);
    g_strstrip (phrase);
  }

  {
    g_autofree char *base = g_strdup_printf ("s%u:%s", section + 1, claim->id);
    guint count = GPOINTER_TO_UINT (g_hash_table_lookup (state->subjects, base)) + 1;

    g_hash_table_insert (state->subjects, g_strdup (base), GUINT_TO_POINTER (count));
    subject = count == 1 ? g_steal_pointer (&base) : g_strdup_printf ("%s#%u", base, count);
  }

  {
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *cell_names = NULL;
    g_autofree char *what = NULL;
    g_autofree char *formula = NULL;

    for (guint i = 0; claim->cells[i] != NULL; i++)
      {
        g_auto(GStrv) parts = g_strsplit (claim->cells[i], "/", 2);
        g_ptr_array_add (names, g_strdup_printf ("%s / %s",
                                                 row_label (claim->table, template_, parts[0]),
                                                 column_label (claim->table, template_, parts[1])));
      }
    cell_names = join_strings (names, " + ");

    /* Translators: T1.  %s is a quotation from the report, e.g.
     * “办理依申请公开 212 件”. */
    what = g_strdup_printf (_("The text says “%s”"), phrase);

    /* The finding points at the prose, not at the cells. */
    in.line = line;

    formula = join_strings (inputs_keys (&in), " + ");

    if (!not_assessable (report, &in, "T1", GK_SEVERITY_WARNING, subject, what, formula)
        && !same_number (stated, sum))
      {
        g_autofree char *s_sum = format_number (sum);
        g_autofree char *s_stated = format_number (stated);
        g_autofree char *message = NULL;

        /* Translators: T1.  "The text says “办理依申请公开 210 件”, but
         * table 3 gives 212 for （七）总计 / 总计". */
        message = g_strdup_printf (_("%s, but table %d gives %s for %s"),
                                   what, (int) claim->table, s_sum, cell_names);
        add_finding (report, "T1", GK_SEVERITY_WARNING, GK_FINDING_FAILED, subject,
                     message, s_sum, s_stated, inputs_keys (&in), line);
      }
  }

  inputs_clear (&in);
}

static gboolean
has_full_width_digit (const char *text)
{
  for (const char *p = strstr (text, "\xef\xbc"); p != NULL; p = strstr (p + 2, "\xef\xbc"))
    if ((guchar) p[2] >= 0x90 && (guchar) p[2] <= 0x99)
      return TRUE;
  return FALSE;
}

static void
check_t1 (GkReport *report)
{
  ProseState state;

  state.subjects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint s = 0; s < GK_N_SECTIONS; s++)
    {
      const char *section = gk_report_get_section (report, s);
      g_autofree char *text = NULL;
      g_autoptr(GArray) taken = NULL;

      if (section == NULL || *section == '\0')
        continue;

      /* A claim has a number: prose without a digit, ASCII or full-width
       * (EF BC 90–99), has none to check. */
      if (strpbrk (section, "0123456789") == NULL && !has_full_width_digit (section))
        continue;

      /* Full-width digits and punctuation fold to ASCII; line breaks stay
       * so that line numbers can be counted. */
      text = gk_normalize_text (section);
      taken = g_array_new (FALSE, FALSE, sizeof (int));

      for (guint c = 0; c < G_N_ELEMENTS (claims); c++)
        {
          g_autoptr(GMatchInfo) match = NULL;

          if (!claim_may_match (c, text))
            continue;
          g_regex_match (claim_regex (c), text, 0, &match);
          while (g_match_info_matches (match))
            {
              check_claim_match (report, &state, &claims[c], s, text, match, taken);
              g_match_info_next (match, NULL);
            }
        }
    }

  g_hash_table_unref (state.subjects);
}

/* The findings gk_checks_run() makes: R1…R5 and T1, T3.  The parser's
 * (P…) and those of checks across reports stay. */
static gboolean
is_own_finding (GkFinding *finding,
                gpointer   user_data)
{
  const char *rule = gk_finding_get_rule (finding);

  if (rule[0] != 'R' && rule[0] != 'T')
    return FALSE;
  if (rule[1] == '\0')
    return FALSE;
  for (const char *p = rule + 1; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/**
 * gk_checks_run:
 * @report: a parsed report
 *
 * Checks @report against the rules of report-format.md §7 that need no
 * other report, and adds what they find to its findings, replacing those
 * of an earlier run.  Tables the report lacks are skipped: the parser has
 * reported them already.
 */
void
gk_checks_run (GkReport *report)
{
  GkTable *t2, *t3, *t4;

  g_return_if_fail (GK_IS_REPORT (report));

  gk_report_remove_findings (report, is_own_finding, NULL);

  t2 = gk_report_get_table (report, GK_TABLE_2);
  t3 = gk_report_get_table (report, GK_TABLE_3);
  t4 = gk_report_get_table (report, GK_TABLE_4);

  if (t3 != NULL)
    {
      GkTemplate template_ = table_template (report, t3);

      check_r1 (report, t3, template_);
      check_r2 (report, t3, template_);
      check_r3 (report, t3, template_);
    }

  if (t4 != NULL)
    check_r4 (report, t4, table_template (report, t4));

  if (t2 != NULL)
    check_r5_table (report, t2, table_template (report, t2));
  if (t3 != NULL)
    check_r5_table (report, t3, table_template (report, t3));
  if (t4 != NULL)
    check_r5_table (report, t4, table_template (report, t4));

  check_t3 (report);
  check_t1 (report);
}
