/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-digit-split"

#include "config.h"

#include <string.h>

#include "gk-digit-split.h"

/* Text copied from a web page loses the boundaries of a table's cells:
 * "192 | 23 | 0 | 0 | 0 | 1 | 216" arrives as "192230001216", or with
 * spaces that fall between some cells and inside some numbers.  Digits
 * are never reordered, so a row is one of the ways to cut its run into
 * cells; the table's arithmetic says which.
 *
 * Every search here is bounded: a run has at most 64 characters, a cell
 * at most 10 digits (15 for an amount), and the searches count their
 * steps and stop with GK_SPLIT_TOO_MANY rather than run long.  A caller
 * treats that as "more than one split", never as a result. */

#define MAX_COUNT_DIGITS  10
#define MAX_AMOUNT_CHARS  16
#define ROW_MAX_STEPS     200000
#define GROUPS_MAX_STEPS  400000
#define MAX_BEST          64

/* ---------------------------------------------------------------------- */
/* Runs                                                                   */

/**
 * gk_digit_run_new:
 * @text: a run of digits, signs, decimal points, "/" and white space
 * @len: its length in bytes
 * @line: where it stands, for messages
 *
 * Returns: (transfer full): the run; a space or tab between two
 *   characters may separate cells, a line break always does
 */
GkDigitRun *
gk_digit_run_new (const char *text,
                  gsize       len,
                  guint       line)
{
  GkDigitRun *run = g_new0 (GkDigitRun, 1);
  GString *shown = g_string_sized_new (len);
  GkGap gap = GK_GAP_NONE;

  run->line = line;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == ' ' || c == '\t' || c == '\r')
        {
          gap = MAX (gap, GK_GAP_SPACE);
          continue;
        }
      if (c == '\n')
        {
          gap = GK_GAP_HARD;
          continue;
        }

      if (run->n_atoms == GK_DIGIT_RUN_MAX_ATOMS)
        run->too_long = TRUE;
      else
        {
          run->atoms[run->n_atoms] = c;
          run->gaps[run->n_atoms] = run->n_atoms == 0 ? GK_GAP_NONE : gap;
          run->n_atoms++;
        }

      if (shown->len > 0 && gap != GK_GAP_NONE)
        g_string_append_c (shown, ' ');
      g_string_append_c (shown, c);
      gap = GK_GAP_NONE;
    }

  run->text = g_string_free (shown, FALSE);
  return run;
}

void
gk_digit_run_free (GkDigitRun *run)
{
  if (run == NULL)
    return;
  g_free (run->text);
  g_free (run);
}

/**
 * gk_split_cell_text:
 *
 * Returns: (transfer full): the characters of cell @cell, without the
 *   spaces that may have stood inside it; "" for a blank
 */
char *
gk_split_cell_text (const GkDigitRun *run,
                    const GkSplit    *split,
                    guint             cell)
{
  g_return_val_if_fail (cell < split->n_cells, NULL);

  return g_strndup (run->atoms + split->start[cell], split->start[cell + 1] - split->start[cell]);
}

/**
 * gk_split_describe:
 *
 * Returns: (transfer full): the split as "192|23|0|0|0|1|216", a blank
 *   shown as "_"
 */
char *
gk_split_describe (const GkDigitRun *run,
                   const GkSplit    *split)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < split->n_cells; i++)
    {
      guint a = split->start[i], b = split->start[i + 1];

      if (i > 0)
        g_string_append_c (out, '|');
      if (a == b)
        g_string_append_c (out, '_');
      else
        g_string_append_len (out, run->atoms + a, b - a);
    }

  return g_string_free (out, FALSE);
}

gboolean
gk_split_same_cell (const GkDigitRun *run,
                    const GkSplit    *a,
                    const GkSplit    *b,
                    guint             cell)
{
  guint la = a->start[cell + 1] - a->start[cell];
  guint lb = b->start[cell + 1] - b->start[cell];

  return la == lb && memcmp (run->atoms + a->start[cell], run->atoms + b->start[cell], la) == 0;
}

/* ---------------------------------------------------------------------- */
/* Cells                                                                  */

typedef enum
{
  CELL_VALID,
  CELL_NOT_YET,  /* invalid, but a longer cell may be valid: "81184." */
  CELL_NEVER,    /* invalid, and so is every longer cell: "01", "/1" */
} CellParse;

static CellParse
parse_cell (const char    *s,
            guint          len,
            GkDigitSyntax  syntax,
            gint64        *value)
{
  guint i = 0, digits = 0;
  gboolean negative = FALSE, seen_dot = FALSE;
  gint64 v = 0;

  *value = GK_SPLIT_NO_VALUE;

  if (s[0] == '/')
    return len == 1 ? CELL_VALID : CELL_NEVER;

  if (s[0] == '+' || s[0] == '-')
    {
      if (syntax != GK_DIGIT_SIGNED)
        return CELL_NEVER;
      negative = s[0] == '-';
      i = 1;
      if (len == 1)
        return CELL_NOT_YET;
    }

  /* No leading zero: "0" alone, or "0." in an amount. */
  if (s[i] == '0' && len > i + 1 && !(syntax == GK_DIGIT_AMOUNT && s[i + 1] == '.'))
    return CELL_NEVER;

  for (; i < len; i++)
    {
      char c = s[i];

      if (c >= '0' && c <= '9')
        {
          digits++;
          if (!seen_dot)
            v = v * 10 + (c - '0');
        }
      else if (c == '.' && syntax == GK_DIGIT_AMOUNT && !seen_dot && digits > 0)
        seen_dot = TRUE;
      else
        return CELL_NEVER;
    }

  if (syntax == GK_DIGIT_AMOUNT ? len > MAX_AMOUNT_CHARS : digits > MAX_COUNT_DIGITS)
    return CELL_NEVER;
  if (digits == 0 || s[len - 1] == '.')
    return CELL_NOT_YET;

  *value = negative ? -v : v;
  return CELL_VALID;
}

/* ---------------------------------------------------------------------- */
/* The search over one run                                                */

typedef struct
{
  const GkDigitRun    *run;
  guint                n_cells;
  const GkDigitSyntax *syntax;    /* per cell; NULL: every cell a count */
  const gint8         *sum_from;  /* per cell: -1, or the first cell it sums */
  gboolean             enforce;   /* a sum that fails prunes the branch */
  gboolean             allow_blank;
  gboolean             keep_all;  /* every split found, else the best */
  guint                max_results;
  guint                max_steps;

  guint                steps;
  gboolean             stopped;   /* hit max_steps */
  gboolean             overflow;  /* more results than max_results */
  GArray              *out;
  GkSplit              cur;
  guint                best_cost;
  guint                best_crossings;
} Search;

static void
record (Search *s,
        guint   cost,
        guint   crossings)
{
  s->cur.cost = MIN (cost, 255);
  s->cur.crossings = MIN (crossings, 255);

  if (!s->keep_all)
    {
      if (cost > s->best_cost || (cost == s->best_cost && crossings > s->best_crossings))
        return;
      if (cost < s->best_cost || crossings < s->best_crossings)
        {
          g_array_set_size (s->out, 0);
          s->best_cost = cost;
          s->best_crossings = crossings;
          s->overflow = FALSE;
        }
    }

  if (s->out->len >= s->max_results)
    {
      s->overflow = TRUE;
      /* Every split is wanted: the list is incomplete, stop. */
      if (s->keep_all)
        s->stopped = TRUE;
      return;
    }
  g_array_append_val (s->out, s->cur);
}

static void
search_cell (Search *s,
             guint   cell,
             guint   pos,
             guint   cost,
             guint   crossings)
{
  const GkDigitRun *run = s->run;
  GkDigitSyntax syntax;
  guint cells_after;
  guint inner_spaces = 0;

  if (s->stopped)
    return;
  if (s->steps++ > s->max_steps)
    {
      s->stopped = TRUE;
      return;
    }
  if (!s->keep_all && cost > s->best_cost)
    return;

  if (cell == s->n_cells)
    {
      if (pos == run->n_atoms)
        {
          s->cur.start[cell] = pos;
          record (s, cost, crossings);
        }
      return;
    }

  syntax = s->syntax ? s->syntax[cell] : GK_DIGIT_COUNT;
  cells_after = s->n_cells - cell - 1;
  s->cur.start[cell] = pos;

  if (s->allow_blank)
    {
      s->cur.value[cell] = GK_SPLIT_NO_VALUE;
      search_cell (s, cell + 1, pos, cost + 1, crossings);
    }

  for (guint end = pos + 1; end <= run->n_atoms; end++)
    {
      gint64 value;
      CellParse parsed;
      guint cell_cost = 0;

      if (s->stopped)
        return;
      /* A line break inside a cell: no longer cell can take it either. */
      if (end - 1 > pos && run->gaps[end - 1] == GK_GAP_HARD)
        break;
      if (end - 1 > pos && run->gaps[end - 1] == GK_GAP_SPACE)
        inner_spaces++;

      /* Each cell tried is a step too: what a step costs stays about
       * the same however long the cells are. */
      if (s->steps++ > s->max_steps)
        {
          s->stopped = TRUE;
          return;
        }
      parsed = parse_cell (run->atoms + pos, end - pos, syntax, &value);
      if (parsed == CELL_NEVER)
        break;
      if (parsed == CELL_NOT_YET)
        continue;
      if (!s->allow_blank && run->n_atoms - end < cells_after)
        break;

      if (s->sum_from != NULL && s->sum_from[cell] >= 0)
        {
          gint64 sum = 0;
          gboolean known = value != GK_SPLIT_NO_VALUE;

          for (int k = s->sum_from[cell]; k < (int) cell && known; k++)
            {
              if (s->cur.value[k] == GK_SPLIT_NO_VALUE)
                known = FALSE;
              else
                sum += s->cur.value[k];
            }
          if (known && sum != value)
            {
              if (s->enforce)
                {
                  /* Only a longer number can still be the sum. */
                  if (value > sum)
                    break;
                  continue;
                }
              cell_cost = 1;
            }
        }

      s->cur.value[cell] = value;
      search_cell (s, cell + 1, end, cost + cell_cost, crossings + inner_spaces);
    }
}

static GkSplitStatus
run_search (Search        *s,
            GkSplitBudget *budget,
            GArray        *out)
{
  g_array_set_size (out, 0);

  if (s->run->too_long)
    return GK_SPLIT_TOO_MANY;
  if (budget != NULL)
    {
      if (budget->steps_left == 0)
        return GK_SPLIT_TOO_MANY;
      s->max_steps = MIN (s->max_steps, budget->steps_left);
    }

  s->out = out;
  s->best_cost = G_MAXUINT;
  s->best_crossings = G_MAXUINT;
  memset (&s->cur, 0, sizeof s->cur);
  s->cur.n_cells = s->n_cells;
  search_cell (s, 0, 0, 0, 0);

  if (budget != NULL)
    budget->steps_left -= MIN (s->steps, budget->steps_left);
  return s->overflow || s->stopped ? GK_SPLIT_TOO_MANY : GK_SPLIT_OK;
}

/**
 * gk_split_row_sum:
 * @run: a row's run
 * @rule_holds: %TRUE for the splits whose first six cells sum to the
 *   seventh (R3); %FALSE for every split into seven cells
 * @max_splits: give up beyond this many
 * @budget: (nullable): the steps left to the report's searches
 * @out: (element-type GkSplit): where the splits go
 *
 * Returns: %GK_SPLIT_TOO_MANY when there were more splits than
 *   @max_splits, or more to try than the search allows itself
 */
GkSplitStatus
gk_split_row_sum (const GkDigitRun *run,
                  gboolean          rule_holds,
                  guint             max_splits,
                  GkSplitBudget    *budget,
                  GArray           *out)
{
  static const gint8 sum_from[7] = { -1, -1, -1, -1, -1, -1, 0 };
  Search s = { 0, };

  s.run = run;
  s.n_cells = 7;
  s.sum_from = rule_holds ? sum_from : NULL;
  s.enforce = TRUE;
  s.keep_all = TRUE;
  s.max_results = max_splits;
  s.max_steps = ROW_MAX_STEPS;

  return run_search (&s, budget, out);
}

/**
 * gk_split_columns:
 * @run: a row's run
 * @syntax: (array length=n_cells): what each cell may hold
 * @n_cells: how many cells the row has
 * @budget: (nullable): the steps left to the report's searches
 * @out: (element-type GkSplit): the best splits
 *
 * Table 2 has no arithmetic: the splits kept are those that leave the
 * fewest cells blank, then those that put the fewest spaces inside a
 * number.  More than one left means the run is ambiguous.
 */
GkSplitStatus
gk_split_columns (const GkDigitRun    *run,
                  const GkDigitSyntax *syntax,
                  guint                n_cells,
                  GkSplitBudget       *budget,
                  GArray              *out)
{
  Search s = { 0, };

  g_return_val_if_fail (n_cells > 0 && n_cells <= GK_SPLIT_MAX_CELLS, GK_SPLIT_TOO_MANY);

  s.run = run;
  s.n_cells = n_cells;
  s.syntax = syntax;
  s.allow_blank = TRUE;
  s.max_results = MAX_BEST;
  s.max_steps = ROW_MAX_STEPS;

  return run_search (&s, budget, out);
}

/**
 * gk_split_groups:
 * @run: table 4's run
 * @n_groups: 1 to 3
 * @rule_holds: %TRUE for the splits where every group holds R4; %FALSE
 *   for those that break the fewest groups
 * @budget: (nullable): the steps left to the report's searches
 * @out: (element-type GkSplit): the best splits
 */
GkSplitStatus
gk_split_groups (const GkDigitRun *run,
                 guint             n_groups,
                 gboolean          rule_holds,
                 GkSplitBudget    *budget,
                 GArray           *out)
{
  gint8 sum_from[GK_SPLIT_MAX_CELLS];
  Search s = { 0, };

  g_return_val_if_fail (n_groups >= 1 && n_groups <= 3, GK_SPLIT_TOO_MANY);

  for (guint i = 0; i < 5 * n_groups; i++)
    sum_from[i] = i % 5 == 4 ? (gint8) (i - 4) : -1;

  s.run = run;
  s.n_cells = 5 * n_groups;
  s.sum_from = sum_from;
  s.enforce = rule_holds;
  s.max_results = MAX_BEST;
  s.max_steps = GROUPS_MAX_STEPS;

  return run_search (&s, budget, out);
}

/**
 * gk_split_match_values:
 * @run: a row's run
 * @values: (array length=n_values): the numbers the row should hold
 * @out: (out): the split that gives them
 *
 * Returns: whether the run's digits are exactly @values written one after
 *   the other (without cutting through a line break)
 */
gboolean
gk_split_match_values (const GkDigitRun *run,
                       const gint64     *values,
                       guint             n_values,
                       GkSplit          *out)
{
  guint pos = 0, crossings = 0;

  g_return_val_if_fail (n_values <= GK_SPLIT_MAX_CELLS, FALSE);

  if (run->too_long)
    return FALSE;

  memset (out, 0, sizeof *out);
  out->n_cells = n_values;

  for (guint i = 0; i < n_values; i++)
    {
      char digits[24];
      guint len;

      if (values[i] < 0)
        return FALSE;
      len = g_snprintf (digits, sizeof digits, "%" G_GINT64_FORMAT, values[i]);
      if (pos + len > run->n_atoms || memcmp (run->atoms + pos, digits, len) != 0)
        return FALSE;
      for (guint k = pos + 1; k < pos + len; k++)
        {
          if (run->gaps[k] == GK_GAP_HARD)
            return FALSE;
          if (run->gaps[k] == GK_GAP_SPACE)
            crossings++;
        }
      out->start[i] = pos;
      out->value[i] = values[i];
      pos += len;
    }

  out->start[n_values] = pos;
  out->crossings = MIN (crossings, 255);
  return pos == run->n_atoms;
}

/* ---------------------------------------------------------------------- */
/* Tables: rows tied by equations                                         */

typedef struct
{
  const GkDigitRun *run;
  GArray           *candidates;  /* GkSplit, owned */
  gboolean          rule_holds;  /* the candidates keep the row's own rule */
  gboolean          unknown;     /* left out of the search */
  GArray           *touches;     /* Touch: the equations the row is in */
} TableRow;

typedef struct
{
  guint equation;
  int   coef;
} Touch;

typedef struct
{
  const char *rule;
  guint       column;
  GArray     *terms;  /* Touch, with .equation holding the row */
  /* During the search. */
  gint64      partial;
  guint       unassigned_plus;
  guint       unassigned_minus;
  guint       na;
  gboolean    ignored;  /* a row of it is unknown */
} Equation;

struct _GkSplitTable
{
  guint      n_columns;
  GArray    *rows;       /* TableRow */
  GArray    *equations;  /* Equation */

  /* The search. */
  guint     *order;
  guint      n_order;
  guint     *assigned;   /* per row: candidate index */
  guint      nodes;
  guint      max_nodes;
  gboolean   overflow;
  gboolean   exact;
  guint      best_cost;
  guint      best_crossings;
  GArray    *solutions;  /* guint[n_rows] each, flattened */
  guint      n_solutions;
};

GkSplitTable *
gk_split_table_new (guint n_columns)
{
  GkSplitTable *table = g_new0 (GkSplitTable, 1);

  table->n_columns = n_columns;
  table->rows = g_array_new (FALSE, TRUE, sizeof (TableRow));
  table->equations = g_array_new (FALSE, TRUE, sizeof (Equation));
  table->solutions = g_array_new (FALSE, FALSE, sizeof (guint));
  return table;
}

void
gk_split_table_free (GkSplitTable *table)
{
  if (table == NULL)
    return;

  for (guint i = 0; i < table->rows->len; i++)
    {
      TableRow *row = &g_array_index (table->rows, TableRow, i);
      g_array_unref (row->candidates);
      g_array_unref (row->touches);
    }
  for (guint i = 0; i < table->equations->len; i++)
    g_array_unref (g_array_index (table->equations, Equation, i).terms);

  g_array_unref (table->rows);
  g_array_unref (table->equations);
  g_array_unref (table->solutions);
  g_free (table->order);
  g_free (table->assigned);
  g_free (table);
}

/**
 * gk_split_table_add_row:
 * @candidates: (element-type GkSplit): the row's splits, copied
 * @rule_holds: whether they keep the row's own rule; a row none of whose
 *   splits does is searched with all its splits, each costing one rule
 * @unknown: the row could not be searched: it is left out, and so are the
 *   equations it is in
 *
 * Returns: the row's index
 */
guint
gk_split_table_add_row (GkSplitTable     *table,
                        const GkDigitRun *run,
                        GArray           *candidates,
                        gboolean          rule_holds,
                        gboolean          unknown)
{
  TableRow row = { 0, };

  row.run = run;
  row.candidates = g_array_new (FALSE, FALSE, sizeof (GkSplit));
  if (candidates != NULL)
    g_array_append_vals (row.candidates, candidates->data, candidates->len);
  row.rule_holds = rule_holds;
  row.unknown = unknown;
  row.touches = g_array_new (FALSE, FALSE, sizeof (Touch));
  g_array_append_val (table->rows, row);
  return table->rows->len - 1;
}

/**
 * gk_split_table_add_equation:
 * @rule: e.g. "R1"
 * @column: the cell of each row the equation reads
 * @plus: (array length=n_plus): rows on the left
 * @minus: (array length=n_minus): rows on the right
 *
 * Adds Σ plus = Σ minus over the cells of @column.
 */
void
gk_split_table_add_equation (GkSplitTable *table,
                             const char   *rule,
                             guint         column,
                             const guint  *plus,
                             guint         n_plus,
                             const guint  *minus,
                             guint         n_minus)
{
  Equation eq = { 0, };
  guint index = table->equations->len;

  eq.rule = rule;
  eq.column = column;
  eq.terms = g_array_new (FALSE, FALSE, sizeof (Touch));

  for (guint i = 0; i < n_plus + n_minus; i++)
    {
      guint r = i < n_plus ? plus[i] : minus[i - n_plus];
      Touch term = { r, i < n_plus ? 1 : -1 };
      Touch touch = { index, term.coef };

      g_return_if_fail (r < table->rows->len);
      g_array_append_val (eq.terms, term);
      g_array_append_val (g_array_index (table->rows, TableRow, r).touches, touch);
    }

  g_array_append_val (table->equations, eq);
}

static void
record_solution (GkSplitTable *table,
                 guint         cost,
                 guint         crossings)
{
  guint n_rows = table->rows->len;

  if (cost > table->best_cost || (cost == table->best_cost && crossings > table->best_crossings))
    return;
  if (cost < table->best_cost || crossings < table->best_crossings)
    {
      g_array_set_size (table->solutions, 0);
      table->n_solutions = 0;
      table->best_cost = cost;
      table->best_crossings = crossings;
    }
  if (table->n_solutions >= MAX_BEST)
    {
      table->overflow = TRUE;
      return;
    }
  g_array_append_vals (table->solutions, table->assigned, n_rows);
  table->n_solutions++;
}

/* Assigns a candidate to a row: updates the equations it is in.  Returns
 * the rules it breaks, or G_MAXUINT when a broken rule prunes (exact). */
static guint
assign (GkSplitTable  *table,
        TableRow      *row,
        const GkSplit *split)
{
  guint broken = 0;
  gboolean prune = FALSE;

  for (guint t = 0; t < row->touches->len; t++)
    {
      Touch *touch = &g_array_index (row->touches, Touch, t);
      Equation *eq = &g_array_index (table->equations, Equation, touch->equation);
      gint64 v = split->value[eq->column];

      if (eq->ignored)
        continue;
      if (v == GK_SPLIT_NO_VALUE)
        eq->na++;
      else
        eq->partial += touch->coef * v;
      if (touch->coef > 0)
        eq->unassigned_plus--;
      else
        eq->unassigned_minus--;

      if (eq->na > 0)
        continue;
      if (eq->unassigned_plus == 0 && eq->unassigned_minus == 0)
        {
          if (eq->partial != 0)
            {
              broken++;
              prune = TRUE;
            }
        }
      /* Cells are never negative: a sum already too large stays so. */
      else if ((eq->unassigned_plus == 0 && eq->partial < 0) || (eq->unassigned_minus == 0 && eq->partial > 0))
        prune = TRUE;
    }

  if (table->exact && prune)
    return G_MAXUINT;
  return broken;
}

static void
unassign (GkSplitTable  *table,
          TableRow      *row,
          const GkSplit *split)
{
  for (guint t = 0; t < row->touches->len; t++)
    {
      Touch *touch = &g_array_index (row->touches, Touch, t);
      Equation *eq = &g_array_index (table->equations, Equation, touch->equation);
      gint64 v = split->value[eq->column];

      if (eq->ignored)
        continue;
      if (v == GK_SPLIT_NO_VALUE)
        eq->na--;
      else
        eq->partial -= touch->coef * v;
      if (touch->coef > 0)
        eq->unassigned_plus++;
      else
        eq->unassigned_minus++;
    }
}

/* A row that keeps no rule of its own: the values the equations ask of
 * it, if the row's digits are exactly those. */
static gboolean
derive (GkSplitTable *table,
        TableRow     *row,
        GkSplit      *out)
{
  gint64 values[GK_SPLIT_MAX_CELLS];

  if (table->n_columns > GK_SPLIT_MAX_CELLS)
    return FALSE;

  for (guint c = 0; c < table->n_columns; c++)
    {
      gboolean found = FALSE;

      for (guint t = 0; t < row->touches->len && !found; t++)
        {
          Touch *touch = &g_array_index (row->touches, Touch, t);
          Equation *eq = &g_array_index (table->equations, Equation, touch->equation);

          if (eq->ignored || eq->column != c || eq->na > 0
              || eq->unassigned_plus + eq->unassigned_minus != 1)
            continue;
          values[c] = -eq->partial * touch->coef;
          found = TRUE;
        }
      if (!found || values[c] < 0)
        return FALSE;
    }

  return gk_split_match_values (row->run, values, table->n_columns, out);
}

static void
search_rows (GkSplitTable *table,
             guint         level,
             guint         cost,
             guint         crossings)
{
  TableRow *row;
  guint n;
  GkSplit derived;
  gboolean has_derived = FALSE;

  if (table->nodes++ > table->max_nodes)
    {
      table->overflow = TRUE;
      return;
    }
  if (cost > table->best_cost)
    return;

  if (level == table->n_order)
    {
      record_solution (table, cost, crossings);
      return;
    }

  row = &g_array_index (table->rows, TableRow, table->order[level]);
  n = row->candidates->len;

  if (!table->exact && !row->rule_holds && derive (table, row, &derived))
    {
      gboolean seen = FALSE;

      for (guint i = 0; i < n && !seen; i++)
        seen = memcmp (g_array_index (row->candidates, GkSplit, i).start, derived.start, sizeof derived.start) == 0;
      has_derived = !seen;
    }

  for (guint i = 0; i < n + (has_derived ? 1 : 0); i++)
    {
      const GkSplit *split = i < n ? &g_array_index (row->candidates, GkSplit, i) : &derived;
      guint broken;

      if (table->overflow)
        return;

      broken = assign (table, row, split);
      if (broken != G_MAXUINT)
        {
          if (i == n)
            {
              /* Solutions refer to candidates by index: the derived split
               * stays a candidate, found as such on later visits. */
              g_array_append_val (row->candidates, derived);
              split = &g_array_index (row->candidates, GkSplit, n);
            }
          table->assigned[table->order[level]] = i;
          search_rows (table, level + 1, cost + broken + (row->rule_holds ? 0 : 1), crossings + split->crossings);
        }
      unassign (table, row, split);
    }
}

static int
compare_order (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  GkSplitTable *table = user_data;
  const TableRow *ra = &g_array_index (table->rows, TableRow, *(const guint *) a);
  const TableRow *rb = &g_array_index (table->rows, TableRow, *(const guint *) b);

  /* Rows that keep no rule of their own last, where the equations can
   * say what they should hold; then the fewest choices first. */
  if (ra->rule_holds != rb->rule_holds)
    return ra->rule_holds ? -1 : 1;
  if (ra->candidates->len != rb->candidates->len)
    return ra->candidates->len < rb->candidates->len ? -1 : 1;
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

static void
reset_equations (GkSplitTable *table)
{
  for (guint e = 0; e < table->equations->len; e++)
    {
      Equation *eq = &g_array_index (table->equations, Equation, e);

      eq->partial = 0;
      eq->na = 0;
      eq->unassigned_plus = eq->unassigned_minus = 0;
      eq->ignored = FALSE;
      for (guint t = 0; t < eq->terms->len; t++)
        {
          Touch *term = &g_array_index (eq->terms, Touch, t);
          TableRow *row = &g_array_index (table->rows, TableRow, term->equation);

          if (row->unknown)
            eq->ignored = TRUE;
          if (term->coef > 0)
            eq->unassigned_plus++;
          else
            eq->unassigned_minus++;
        }
    }
}

/**
 * gk_split_table_solve:
 * @max_nodes: how many partial assignments the search may visit
 *
 * Finds the assignments of one candidate per row that keep every
 * equation; when there are none, those that break the fewest rules (a
 * row without a split that keeps its own rule counts as one).  Among
 * them, those with the fewest spaces inside numbers are kept.
 *
 * Returns: %GK_SPLIT_TOO_MANY when the search hit @max_nodes or found
 *   more solutions than it keeps; the solutions found are then a sample
 */
GkSplitStatus
gk_split_table_solve (GkSplitTable *table,
                      guint         max_nodes)
{
  guint n_rows = table->rows->len;
  gboolean all_hold = TRUE;

  g_free (table->order);
  g_free (table->assigned);
  table->order = g_new0 (guint, MAX (n_rows, 1));
  table->assigned = g_new0 (guint, MAX (n_rows, 1));
  table->n_order = 0;

  for (guint r = 0; r < n_rows; r++)
    {
      TableRow *row = &g_array_index (table->rows, TableRow, r);

      if (row->unknown)
        continue;
      if (!row->rule_holds || row->candidates->len == 0)
        all_hold = FALSE;
      table->order[table->n_order++] = r;
    }
  g_qsort_with_data (table->order, table->n_order, sizeof (guint), compare_order, table);

  table->max_nodes = max_nodes;
  table->nodes = 0;
  table->overflow = FALSE;
  table->best_cost = G_MAXUINT;
  table->best_crossings = G_MAXUINT;
  g_array_set_size (table->solutions, 0);
  table->n_solutions = 0;

  if (all_hold)
    {
      table->exact = TRUE;
      reset_equations (table);
      search_rows (table, 0, 0, 0);
    }

  if (table->n_solutions == 0 && !table->overflow)
    {
      table->exact = FALSE;
      table->nodes = 0;
      table->best_cost = G_MAXUINT;
      table->best_crossings = G_MAXUINT;
      reset_equations (table);
      search_rows (table, 0, 0, 0);
    }

  return table->overflow ? GK_SPLIT_TOO_MANY : GK_SPLIT_OK;
}

guint
gk_split_table_get_n_solutions (GkSplitTable *table)
{
  return table->n_solutions;
}

/* Rules broken by the solutions kept: 0 when they keep every rule. */
guint
gk_split_table_get_cost (GkSplitTable *table)
{
  return table->n_solutions > 0 ? table->best_cost : 0;
}

/**
 * gk_split_table_get_split:
 *
 * Returns: (nullable): the split of @row in solution @solution, %NULL for
 *   a row left out of the search
 */
const GkSplit *
gk_split_table_get_split (GkSplitTable *table,
                          guint         solution,
                          guint         row)
{
  const TableRow *r;
  guint index;

  g_return_val_if_fail (solution < table->n_solutions, NULL);
  g_return_val_if_fail (row < table->rows->len, NULL);

  r = &g_array_index (table->rows, TableRow, row);
  if (r->unknown)
    return NULL;
  index = g_array_index (table->solutions, guint, solution * table->rows->len + row);
  g_return_val_if_fail (index < r->candidates->len, NULL);
  return &g_array_index (r->candidates, GkSplit, index);
}

/**
 * gk_split_table_broken:
 *
 * Returns: (transfer full) (element-type utf8): what solution @solution
 *   breaks, one entry per rule: "row:N" for row N, which keeps no rule of
 *   its own, "RULE:N" for the Nth equation added
 */
GPtrArray *
gk_split_table_broken (GkSplitTable *table,
                       guint         solution)
{
  GPtrArray *broken = g_ptr_array_new_with_free_func (g_free);
  guint n_rows = table->rows->len;

  g_return_val_if_fail (solution < table->n_solutions, broken);

  for (guint r = 0; r < n_rows; r++)
    {
      const TableRow *row = &g_array_index (table->rows, TableRow, r);
      if (!row->unknown && !row->rule_holds)
        g_ptr_array_add (broken, g_strdup_printf ("row:%u", r));
    }

  for (guint e = 0; e < table->equations->len; e++)
    {
      const Equation *eq = &g_array_index (table->equations, Equation, e);
      gint64 sum = 0;
      gboolean assessable = TRUE;

      for (guint t = 0; t < eq->terms->len && assessable; t++)
        {
          const Touch *term = &g_array_index (eq->terms, Touch, t);
          const GkSplit *split;

          if (g_array_index (table->rows, TableRow, term->equation).unknown)
            assessable = FALSE;
          else
            {
              split = gk_split_table_get_split (table, solution, term->equation);
              if (split->value[eq->column] == GK_SPLIT_NO_VALUE)
                assessable = FALSE;
              else
                sum += term->coef * split->value[eq->column];
            }
        }
      if (assessable && sum != 0)
        g_ptr_array_add (broken, g_strdup_printf ("%s:%u", eq->rule, e));
    }

  return broken;
}
