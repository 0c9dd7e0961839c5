/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-digit-split.h: splitting runs of digits whose cell boundaries were
 * lost ("192230001216") back into cells, with the tables' own arithmetic
 * (R1–R4) deciding between the ways a run can be split. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A run holds at most this many characters; a longer one is not searched. */
#define GK_DIGIT_RUN_MAX_ATOMS 64
/* At most this many cells per split: table 4's data row. */
#define GK_SPLIT_MAX_CELLS     15

/* A cell that holds no number: blank, or "/" (not applicable). */
#define GK_SPLIT_NO_VALUE      G_MININT64

typedef enum
{
  GK_DIGIT_COUNT = 0,  /* digits without a leading zero */
  GK_DIGIT_SIGNED,     /* a count with an optional sign: 本年增/减 */
  GK_DIGIT_AMOUNT,     /* a decimal amount: 81184.6411 */
} GkDigitSyntax;

typedef enum
{
  GK_GAP_NONE = 0,
  GK_GAP_SPACE,        /* may separate two cells, or sit inside a number */
  GK_GAP_HARD,         /* a line break: always a boundary */
} GkGap;

typedef struct
{
  guint  n_atoms;
  char   atoms[GK_DIGIT_RUN_MAX_ATOMS];  /* 0-9 + - . / */
  guint8 gaps[GK_DIGIT_RUN_MAX_ATOMS];   /* GkGap before each atom */
  gboolean too_long;                     /* more atoms than fit */
  char  *text;                           /* as written, spaces collapsed */
  guint  line;
} GkDigitRun;

typedef struct
{
  guint8 n_cells;
  /* Cell i is atoms [start[i], start[i + 1]); an empty range is a blank. */
  guint8 start[GK_SPLIT_MAX_CELLS + 1];
  gint64 value[GK_SPLIT_MAX_CELLS];
  guint8 crossings;  /* spaces inside a cell */
  guint8 cost;       /* rules broken, or cells left blank */
} GkSplit;

typedef enum
{
  GK_SPLIT_OK = 0,
  GK_SPLIT_TOO_MANY,   /* the search hit its bound */
} GkSplitStatus;

GkDigitRun   *gk_digit_run_new       (const char        *text,
                                      gsize              len,
                                      guint              line);
void          gk_digit_run_free      (GkDigitRun        *run);
char         *gk_split_cell_text     (const GkDigitRun  *run,
                                      const GkSplit     *split,
                                      guint              cell);
char         *gk_split_describe      (const GkDigitRun  *run,
                                      const GkSplit     *split);
gboolean      gk_split_same_cell     (const GkDigitRun  *run,
                                      const GkSplit     *a,
                                      const GkSplit     *b,
                                      guint              cell);

/* The steps that several searches may take together, each search
 * taking what it uses: the searches of one report share one, so that a
 * report of many ambiguous rows costs no more than one of a few.  A
 * search that finds it spent returns GK_SPLIT_TOO_MANY at once.  The
 * most a real scraped report was seen to use is some 1,600. */
typedef struct
{
  guint steps_left;
} GkSplitBudget;

#define GK_SPLIT_REPORT_STEPS 300000

/* Table 3: one row's splits into 7 cells whose first six sum to the
 * seventh (R3).  With @rule_holds FALSE, every split instead. */
GkSplitStatus gk_split_row_sum       (const GkDigitRun  *run,
                                      gboolean           rule_holds,
                                      guint              max_splits,
                                      GkSplitBudget     *budget,
                                      GArray            *out);
gboolean      gk_split_match_values  (const GkDigitRun  *run,
                                      const gint64      *values,
                                      guint              n_values,
                                      GkSplit           *out);

/* Table 2: the splits of a run into @n_cells cells of the given syntax,
 * cells left blank only where the digits cannot fill them; the best ones
 * (fewest blanks, then fewest spaces inside a number). */
GkSplitStatus gk_split_columns       (const GkDigitRun    *run,
                                      const GkDigitSyntax *syntax,
                                      guint                n_cells,
                                      GkSplitBudget       *budget,
                                      GArray              *out);

/* Table 4: the run split into @n_groups groups of five whose first four
 * sum to the fifth (R4); the best ones (fewest groups broken, then fewest
 * spaces inside a number). */
GkSplitStatus gk_split_groups        (const GkDigitRun  *run,
                                      guint              n_groups,
                                      gboolean           rule_holds,
                                      GkSplitBudget     *budget,
                                      GArray            *out);

/* A table of rows tied by equations between their cells (table 3's R1 and
 * R2), each row with its candidate splits. */
typedef struct _GkSplitTable GkSplitTable;

GkSplitTable *gk_split_table_new          (guint              n_columns);
void          gk_split_table_free         (GkSplitTable      *table);
guint         gk_split_table_add_row      (GkSplitTable      *table,
                                           const GkDigitRun  *run,
                                           GArray            *candidates,
                                           gboolean           rule_holds,
                                           gboolean           unknown);
void          gk_split_table_add_equation (GkSplitTable      *table,
                                           const char        *rule,
                                           guint              column,
                                           const guint       *plus,
                                           guint              n_plus,
                                           const guint       *minus,
                                           guint              n_minus);
GkSplitStatus gk_split_table_solve        (GkSplitTable      *table,
                                           guint              max_nodes);
guint         gk_split_table_get_n_solutions (GkSplitTable   *table);
const GkSplit *gk_split_table_get_split   (GkSplitTable      *table,
                                           guint              solution,
                                           guint              row);
guint         gk_split_table_get_cost     (GkSplitTable      *table);
GPtrArray    *gk_split_table_broken       (GkSplitTable      *table,
                                           guint              solution);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkDigitRun, gk_digit_run_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkSplitTable, gk_split_table_free)

G_END_DECLS
