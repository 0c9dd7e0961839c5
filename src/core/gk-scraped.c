/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-scraped"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gk-digit-split.h"
#include "gk-finding.h"
#include "gk-keys.h"
#include "gk-normalize.h"
#include "gk-report.h"
#include "gk-parser.h"
#include "gk-scraped.h"

/* Text copied out of a portal page ("scraped text"): the report may be
 * one line, page chrome and a block of page metadata may come before it,
 * and the tables' cells are run together ("一、本年新收政府信息公开申请
 * 数量192230001216") or separated by spaces that are not reliable.
 *
 * The rebuild works on the whole text as one stream.  It finds the six
 * section headings and the three tables by what they say, gives each
 * heading and each piece of prose a row of its own, and rebuilds every
 * table row as the rows of a real table: label cells, then value cells.
 * The values come from splitting each run of digits with the table's
 * arithmetic (gk-digit-split.c).
 *
 * A split is never picked silently.  When several splits keep every
 * rule, the cells they disagree on are left blank and marked ambiguous,
 * and a P5 finding lists the splits; when none keeps every rule, the split
 * that breaks the fewest is kept and a P6 finding names what it breaks. */

/* What an ambiguous cell holds between the rebuild and the report: "not
 * applicable", so that it stays in its column and, should it ever reach
 * a report as it is, no guessed number enters a statistic.
 * gk_scraped_add_findings() makes it a blank. */
#define AMBIGUOUS_MARK "—"

/* The searches are bounded (gk-digit-split.c); these bound the rest. */
#define ROW_MAX_SPLITS     256
#define FREE_ROW_MAX_SPLITS 2000
#define TABLE_MAX_NODES    300000
#define MAX_LISTED         4

/* ---------------------------------------------------------------------- */
/* Deciding                                                               */

/* "本年新收政府信息公开申请数量" followed by a digit: a table 3 label run
 * into its numbers.  Prose says "…申请数量为0" or "…申请数量0件", so what
 * follows the digits matters too: a run of at least seven of them. */
static gboolean
has_run_after (const char *p)
{
  guint digits = 0;

  for (; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p != ' ')
        break;
    }
  return digits >= 7;
}

static gboolean
has_scraped_label (const char *norm)
{
  static const char * const labels[] = { "本年新收", "上年结转" };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      const char *p = norm;

      while ((p = strstr (p, labels[i])) != NULL)
        {
          /* The rest of the label: CJK without punctuation, ≤ 16 chars. */
          const char *q = p + strlen (labels[i]);

          for (guint n = 0; n < 16 && *q && !g_ascii_isdigit (*q); n++)
            {
              gunichar c = g_utf8_get_char (q);
              if (c < 0x3400 || c == 0x3002 || c == 0xFF0C || c == 0x4E3A /* 为 */)
                break;
              q = g_utf8_next_char (q);
            }
          if (g_ascii_isdigit (*q) && has_run_after (q))
            return TRUE;
          p += strlen (labels[i]);
        }
    }

  return FALSE;
}

static guint
row_count_numbers (const GkTextRow *row)
{
  guint n = 0;

  for (guint i = 0; i < row->n_cells; i++)
    if (row->cells[i].klass == GK_VALUE_NUMBER || row->cells[i].klass == GK_VALUE_SIGNED
        || row->cells[i].klass == GK_VALUE_NA)
      n++;
  return n;
}

/**
 * gk_scraped_applies:
 * @rows: what gk_layout_read() (or a format reader) made of a report
 *
 * Cheap: two substring searches per row.  Text whose table 3 came out as
 * a real table (a row with the label and its numbers in cells of their
 * own) is never scraped text.
 *
 * Returns: whether the rows look like scraped text, whose table cells
 *   have to be rebuilt by gk_scraped_rebuild()
 */
gboolean
gk_scraped_applies (GPtrArray *rows)
{
  gboolean scraped = FALSE;

  g_return_val_if_fail (rows != NULL, FALSE);

  for (guint r = 0; r < rows->len; r++)
    {
      const GkTextRow *row = g_ptr_array_index (rows, r);

      if (strstr (row->joined, "本年新收") == NULL && strstr (row->joined, "上年结转") == NULL)
        continue;

      if (row->layout != GK_ROW_PROSE && row_count_numbers (row) >= 3)
        return FALSE;

      if (!scraped)
        for (guint c = 0; c < row->n_cells && !scraped; c++)
          scraped = has_scraped_label (row->cells[c].norm);
    }

  return scraped;
}

/* ---------------------------------------------------------------------- */
/* The stream                                                             */

typedef struct
{
  GString *raw;       /* the rows' text, a line break between rows */
  GString *norm;      /* the same folded: ASCII for full-width forms, ' ' for
                       * every space, zero-width characters dropped */
  GArray  *raw_at;    /* guint per byte of norm (and one past): its place in raw */
  GArray  *starts;    /* guint: where each row starts in norm */
  GArray  *lines;     /* guint: that row's line */
  /* What the searches for splits of all the report's runs may take: a
   * hostile report of many long runs would otherwise take seconds. */
  GkSplitBudget *budget;
} Stream;

static gboolean
is_invisible (gunichar c)
{
  return c == 0x200B || c == 0x200C || c == 0x200D || c == 0xFEFF || c == 0x2060;
}

static void
stream_append (Stream     *st,
               const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint at = st->raw->len + (p - text);
      char buf[6];
      gint n;

      if (is_invisible (c))
        continue;
      if (c == '\r')
        c = ' ';
      c = gk_normalize_char (c);
      n = g_unichar_to_utf8 (c, buf);
      g_string_append_len (st->norm, buf, n);
      for (gint i = 0; i < n; i++)
        g_array_append_val (st->raw_at, at);
    }
  g_string_append (st->raw, text);
}

static Stream *
stream_new (GPtrArray *rows)
{
  Stream *st = g_new0 (Stream, 1);

  st->raw = g_string_new (NULL);
  st->norm = g_string_new (NULL);
  st->raw_at = g_array_new (FALSE, FALSE, sizeof (guint));
  st->starts = g_array_new (FALSE, FALSE, sizeof (guint));
  st->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  st->budget = g_new0 (GkSplitBudget, 1);
  st->budget->steps_left = GK_SPLIT_REPORT_STEPS;

  for (guint r = 0; r < rows->len; r++)
    {
      const GkTextRow *row = g_ptr_array_index (rows, r);
      guint at = st->norm->len;

      if (r > 0)
        {
          guint raw_len = st->raw->len;
          g_string_append_c (st->raw, '\n');
          g_string_append_c (st->norm, '\n');
          g_array_append_val (st->raw_at, raw_len);
          at = st->norm->len;
        }
      g_array_append_val (st->starts, at);
      g_array_append_val (st->lines, row->line);

      /* A prose row is its line; a row of cells (a stray "|" or tab in
       * the page) is joined back with spaces. */
      for (guint c = 0; c < row->n_cells; c++)
        {
          if (c > 0)
            {
              guint raw_len = st->raw->len;
              g_string_append_c (st->raw, ' ');
              g_string_append_c (st->norm, ' ');
              g_array_append_val (st->raw_at, raw_len);
            }
          stream_append (st, row->cells[c].raw);
        }
    }

  {
    guint end = st->raw->len;
    g_array_append_val (st->raw_at, end);
  }

  return st;
}

static void
stream_free (Stream *st)
{
  g_string_free (st->raw, TRUE);
  g_string_free (st->norm, TRUE);
  g_array_unref (st->raw_at);
  g_array_unref (st->starts);
  g_array_unref (st->lines);
  g_free (st->budget);
  g_free (st);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Stream, stream_free)

static guint
stream_line (const Stream *st,
             guint         pos)
{
  guint lo = 0, hi = st->starts->len;

  /* The last row that starts at or before pos. */
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (st->starts, guint, mid) <= pos)
        lo = mid;
      else
        hi = mid;
    }
  return st->lines->len > 0 ? MAX (g_array_index (st->lines, guint, lo), 1) : 1;
}

static gboolean
has_at (const Stream *st,
        guint         pos,
        const char   *needle)
{
  gsize n = strlen (needle);
  return pos + n <= st->norm->len && memcmp (st->norm->str + pos, needle, n) == 0;
}

/* The first @needle in [from, to), or -1. */
static int
find (const Stream *st,
      guint         from,
      guint         to,
      const char   *needle)
{
  gsize n = strlen (needle);

  if (to > st->norm->len)
    to = st->norm->len;
  if (from >= to || to - from < n)
    return -1;
  {
    const char *hit = g_strstr_len (st->norm->str + from, to - from, needle);
    return hit != NULL ? (int) (hit - st->norm->str) : -1;
  }
}

/* The raw text of [a, b), trimmed of white space. */
static char *
raw_dup (const Stream *st,
         guint         a,
         guint         b)
{
  guint ra = g_array_index (st->raw_at, guint, a);
  guint rb = g_array_index (st->raw_at, guint, b);
  gsize start, end;

  gk_normalize_strip_bounds (st->raw->str + ra, rb - ra, &start, &end);
  return g_strndup (st->raw->str + ra + start, end - start);
}

/* The folded text of [a, b) without white space: what labels are
 * matched on. */
static char *
compact_dup (const Stream *st,
             guint         a,
             guint         b)
{
  GString *out = g_string_sized_new (b - a);

  for (guint i = a; i < b; i++)
    {
      char c = st->norm->str[i];
      if (c != ' ' && c != '\n')
        g_string_append_c (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
trim_span (const Stream *st,
           guint        *a,
           guint        *b)
{
  while (*a < *b && (st->norm->str[*a] == ' ' || st->norm->str[*a] == '\n'))
    (*a)++;
  while (*b > *a && (st->norm->str[*b - 1] == ' ' || st->norm->str[*b - 1] == '\n'))
    (*b)--;
}

/* ---------------------------------------------------------------------- */
/* Runs of digits                                                         */

typedef struct
{
  guint a, b;  /* the run, trimmed, in the stream */
} Span;

static gboolean
is_run_char (char c)
{
  return g_ascii_isdigit (c) || c == ' ' || c == '\n' || c == '+' || c == '-' || c == '.' || c == '/';
}

/* Where a run may start: a digit, a sign before a digit, or a "/" that
 * stands for a cell ("/ / 7"), not the one in "本年增/减". */
static gboolean
starts_run (const Stream *st,
            guint         pos,
            guint         to)
{
  const char *s = st->norm->str;
  char c = s[pos];

  if (g_ascii_isdigit (c))
    return TRUE;
  if ((c == '+' || c == '-') && pos + 1 < to && g_ascii_isdigit (s[pos + 1]))
    return TRUE;
  if (c == '/')
    {
      guint q = pos + 1;
      while (q < to && s[q] == ' ')
        q++;
      return q > pos + 1 && q < to && (g_ascii_isdigit (s[q]) || s[q] == '/');
    }
  return FALSE;
}

/* The runs of [from, to).  An item number run into the end of a run
 * ("…0000002" + "2.其他法律…": "20000022.") is given back to the label
 * it numbers: items are "1." to "8." and "1、" to "8、". */
static GArray *
find_runs (const Stream *st,
           guint         from,
           guint         to)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (Span));
  const char *s = st->norm->str;
  guint pos = from;

  while (pos < to)
    {
      Span span;

      if (!starts_run (st, pos, to))
        {
          pos++;
          continue;
        }

      span.a = pos;
      while (pos < to && is_run_char (s[pos]))
        pos++;
      span.b = pos;
      trim_span (st, &span.a, &span.b);

      /* "2." or "2、" before a label: the item number of the next row. */
      if (span.b > span.a && s[span.b - 1] == '.' && span.b - 1 > span.a && g_ascii_isdigit (s[span.b - 2]))
        span.b -= 2;
      else if (span.b > span.a && g_ascii_isdigit (s[span.b - 1]) && span.b < to && has_at (st, span.b, "、"))
        span.b -= 1;
      /* Signs and points that end a run belong to no number. */
      while (span.b > span.a && (s[span.b - 1] == '.' || s[span.b - 1] == '+' || s[span.b - 1] == '-'))
        span.b--;
      trim_span (st, &span.a, &span.b);

      if (span.b > span.a)
        g_array_append_val (runs, span);
    }

  return runs;
}

static GkDigitRun *
run_new (const Stream *st,
         const Span   *span)
{
  return gk_digit_run_new (st->norm->str + span->a, span->b - span->a, stream_line (st, span->a));
}

/* ---------------------------------------------------------------------- */
/* Section headings                                                       */

typedef struct
{
  int   section;
  guint a, b;
} Heading;

static const char * const ordinals[GK_N_SECTIONS] = { "一", "二", "三", "四", "五", "六" };

/* The keywords of the parser's section_heading(), for the heading of
 * section @i. */
static gboolean
heading_matches (int         i,
                 const char *text)
{
  switch (i)
    {
    case 0:
      return strstr (text, "总体情况") != NULL;
    case 1:
      return strstr (text, "主动公开") != NULL;
    case 2:
      return strstr (text, "收到和处理") != NULL || strstr (text, "依申请") != NULL
             || strstr (text, "公开申请情况") != NULL;
    case 3:
      return strstr (text, "行政复议") != NULL && strstr (text, "行政诉讼") != NULL;
    case 4:
      return strstr (text, "存在的主要问题") != NULL || strstr (text, "问题及改进") != NULL
             || strstr (text, "存在问题及") != NULL;
    case 5:
      return strstr (text, "其他需要报告") != NULL;
    default:
      return FALSE;
    }
}

/* A heading "四、政府信息公开行政复议、行政诉讼情况" at @pos: the ordinal,
 * then up to 40 characters without digits or a full stop, ending at the
 * first "情况" or "事项".  Returns its end, or 0. */
static guint
heading_at (const Stream *st,
            int           i,
            guint         pos,
            guint         to)
{
  const char *s = st->norm->str;
  guint p = pos + strlen (ordinals[i]);
  guint chars = 0;

  if (!(has_at (st, p, "、") || s[p] == '.' || s[p] == ','))
    return 0;
  /* "（二）" and "第三" are not section ordinals. */
  if ((pos > 0 && s[pos - 1] == '(') || (pos >= strlen ("第") && has_at (st, pos - strlen ("第"), "第")))
    return 0;
  p = g_utf8_next_char (s + p) - s;

  while (p < to && chars < 40)
    {
      if (g_ascii_isdigit (s[p]) || s[p] == '\n' || has_at (st, p, "。"))
        return 0;
      if (has_at (st, p, "情况") || has_at (st, p, "事项"))
        {
          guint end = p + strlen ("情况");
          g_autofree char *text = compact_dup (st, pos, end);
          return heading_matches (i, text) ? end : 0;
        }
      if (s[p] != ' ')
        chars++;
      p = g_utf8_next_char (s + p) - s;
    }
  return 0;
}

static GArray *
find_headings (const Stream *st)
{
  GArray *headings = g_array_new (FALSE, FALSE, sizeof (Heading));
  guint from = 0, to = st->norm->len;

  for (int i = 0; i < GK_N_SECTIONS; i++)
    {
      int pos = from;

      while ((pos = find (st, pos, to, ordinals[i])) >= 0)
        {
          guint end = heading_at (st, i, pos, to);
          if (end > 0)
            {
              Heading h = { i, pos, end };
              g_array_append_val (headings, h);
              from = end;
              break;
            }
          pos += strlen (ordinals[i]);
        }
    }

  return headings;
}

static const Heading *
heading_for (GArray *headings,
             int     section)
{
  for (guint i = 0; i < headings->len; i++)
    if (g_array_index (headings, Heading, i).section == section)
      return &g_array_index (headings, Heading, i);
  return NULL;
}

/* Where section @section's text lies: after its heading, up to the next
 * heading.  Without the heading, the whole text. */
static void
section_bounds (const Stream *st,
                GArray       *headings,
                int           section,
                guint        *from,
                guint        *to)
{
  const Heading *h = heading_for (headings, section);

  *from = 0;
  *to = st->norm->len;
  if (h == NULL)
    return;
  *from = h->b;
  for (guint i = 0; i < headings->len; i++)
    {
      const Heading *next = &g_array_index (headings, Heading, i);
      if (next->section > section)
        {
          *to = next->a;
          break;
        }
    }
}

/* ---------------------------------------------------------------------- */
/* Rebuilt tables                                                         */

typedef struct
{
  GkTableId  table;
  guint      a, b;    /* the table's text in the stream */
  GPtrArray *rows;    /* GkTextRow, to take the text's place */
} Rebuilt;

static void
rebuilt_clear (Rebuilt *t)
{
  g_clear_pointer (&t->rows, g_ptr_array_unref);
}

static void
add_grid_row (Rebuilt    *t,
              guint       line,
              GPtrArray  *cells)
{
  g_ptr_array_add (t->rows, gk_text_row_new (GK_ROW_GRID, line, (const char * const *) cells->pdata, cells->len));
}

/* The cells of a table its splits disagree on, and what the finding
 * that names them says. */
typedef struct
{
  const char *table_key;   /* "t3" */
  GPtrArray  *ambiguous;   /* cell keys */
  GString    *choices;     /* the rows' splits, for the message */
  GString    *found;       /* the rows' runs */
  guint       line;
  gboolean    too_many;
  gboolean    has_rules;   /* table 2 has no arithmetic */
} Ambiguity;

static void
ambiguity_init (Ambiguity  *amb,
                const char *table_key)
{
  amb->table_key = table_key;
  amb->ambiguous = g_ptr_array_new_with_free_func (g_free);
  amb->choices = g_string_new (NULL);
  amb->found = g_string_new (NULL);
  amb->line = 0;
  amb->too_many = FALSE;
  amb->has_rules = strcmp (table_key, "t2") != 0;
}

static void
ambiguity_clear (Ambiguity *amb)
{
  g_ptr_array_unref (amb->ambiguous);
  g_string_free (amb->choices, TRUE);
  g_string_free (amb->found, TRUE);
}

/* Notes a row whose cells the splits disagree on, with its splits. */
static void
ambiguity_add_row (Ambiguity         *amb,
                   const char        *row_label,
                   const GkDigitRun  *run,
                   const GkSplit    **splits,
                   guint              n_splits)
{
  if (amb->line == 0)
    amb->line = run->line;

  if (amb->choices->len > 0)
    g_string_append (amb->choices, "; ");
  g_string_append_printf (amb->choices, "%s: ", row_label);
  if (n_splits == 0)
    /* Translators: said of a row of digits whose split was not searched */
    g_string_append (amb->choices, _("too many ways to split"));
  for (guint i = 0, listed = 0; i < n_splits; i++)
    {
      g_autofree char *text = NULL;
      gboolean seen = FALSE;

      /* The same split of this row may belong to several solutions. */
      for (guint k = 0; k < i && !seen; k++)
        seen = memcmp (splits[k]->start, splits[i]->start, sizeof splits[i]->start) == 0;
      if (seen)
        continue;
      if (listed == MAX_LISTED)
        {
          g_string_append (amb->choices, " …");
          break;
        }
      if (listed > 0)
        /* Translators: between two ways to split a row: "1|10 or 11|0" */
        g_string_append (amb->choices, _(" or "));
      text = gk_split_describe (run, splits[i]);
      g_string_append (amb->choices, text);
      listed++;
    }

  if (amb->found->len > 0)
    g_string_append (amb->found, "; ");
  g_string_append_printf (amb->found, "%s: %s", row_label, run->text);
}

static void
ambiguity_add_cell (Ambiguity  *amb,
                    const char *row,
                    const char *column)
{
  g_ptr_array_add (amb->ambiguous, g_strdup_printf ("%s/%s/%s", amb->table_key, row, column));
}

static void
ambiguity_report (Ambiguity  *amb,
                  const char *table_name,
                  GPtrArray  *findings)
{
  g_autoptr(GkFinding) finding = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *msg = NULL;

  if (amb->ambiguous->len == 0)
    return;

  subject = g_strdup_printf ("%s:ambiguous", amb->table_key);
  if (amb->too_many)
    msg = g_strdup_printf (_("%s: the numbers run together have too many possible splits to search; "
                             "the %u cells they could not fix are left blank. %s"),
                           table_name, amb->ambiguous->len, amb->choices->str);
  else if (amb->has_rules)
    msg = g_strdup_printf (_("%s: the numbers run together can be split in more than one way that keeps the "
                             "table’s rules; the %u cells the splits disagree on are left blank. Possible splits: %s"),
                           table_name, amb->ambiguous->len, amb->choices->str);
  else
    msg = g_strdup_printf (_("%s: the numbers run together can be split in more than one way, and the table has "
                             "no arithmetic to tell which is meant; the %u cells the splits disagree on are left "
                             "blank. Possible splits: %s"),
                           table_name, amb->ambiguous->len, amb->choices->str);

  finding = gk_finding_new ("P5", GK_SEVERITY_WARNING, GK_FINDING_FAILED, subject, msg);
  gk_finding_set_line (finding, amb->line);
  gk_finding_set_found (finding, amb->found->str);
  for (guint i = 0; i < amb->ambiguous->len; i++)
    gk_finding_add_cell (finding, g_ptr_array_index (amb->ambiguous, i));
  g_ptr_array_add (findings, g_steal_pointer (&finding));
}

static GkFinding *
broken_finding (const char *table_key,
                const char *message,
                guint       line)
{
  g_autofree char *subject = g_strdup_printf ("%s:rules-broken", table_key);
  GkFinding *finding = gk_finding_new ("P6", GK_SEVERITY_WARNING, GK_FINDING_FAILED, subject, message);

  gk_finding_set_line (finding, line);
  return finding;
}

/* ---------------------------------------------------------------------- */
/* Table 3                                                                */

/* Where the item number of a label is: "(三)不予公开1.属于…" → at "1".
 * Returns the offset, or -1. */
static int
item_number_at (const char *label,
                int        *item)
{
  for (const char *p = label; *p; p++)
    if (g_ascii_isdigit (*p) && (p == label || !g_ascii_isdigit (p[-1])) && !g_ascii_isdigit (p[1])
        && (p[1] == '.' || g_str_has_prefix (p + 1, "、")))
      {
        *item = *p - '0';
        return p - label;
      }
  return -1;
}

/* Names a row from its label in the stream, as the parser names the rows
 * it reads (gk_keys_t3_row_key()): here the sub-row's number may follow
 * its group's words in one run ("（三）不予公开1.属于国家秘密"). */
static const char *
t3_row_key (const char *label,
            GkT3Group  *group)
{
  int number = 0;

  item_number_at (label, &number);
  return gk_keys_t3_row_key (label, number, group);
}

typedef struct
{
  const char *key;
  guint       label_a, label_b;  /* the label in the stream */
  Span        span;              /* its run */
  GkDigitRun *run;
  guint       index;             /* in the split table */
  gboolean    unknown;
  gboolean    free;              /* no split keeps R3 */
  GArray     *candidates;
} T3Row;

static void
t3_row_clear (T3Row *row)
{
  g_clear_pointer (&row->run, gk_digit_run_free);
  g_clear_pointer (&row->candidates, g_array_unref);
}

static const char * const t3_result_prefixes[] = { "granted", "partial", "denied.", "unable.", "rejected.", "other" };

static gboolean
is_result_row (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (t3_result_prefixes); i++)
    if (g_str_has_prefix (key, t3_result_prefixes[i]))
      return TRUE;
  return FALSE;
}

static int
find_t3_row (GArray     *rows,
             const char *key)
{
  for (guint i = 0; i < rows->len; i++)
    if (strcmp (g_array_index (rows, T3Row, i).key, key) == 0)
      return i;
  return -1;
}

/* Where table 3's header starts, given where its first row's label
 * starts: the note on R1, "申请人情况" or "自然人", whichever comes first
 * after @from. */
static guint
t3_header_start (const Stream *st,
                 guint         from,
                 guint         first_label)
{
  static const char * const markers[] = { "(本列数据", "本列数据", "申请人情况", "自然人" };
  guint best = first_label;

  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    {
      int at = find (st, from, first_label, markers[i]);
      if (at >= 0 && (guint) at < best)
        best = at;
    }
  return best;
}

/* The start of the first row's label: "一、本年新收…", the ordinal before
 * the keyword included. */
static guint
first_label_start (const Stream *st,
                   guint         keyword)
{
  guint p = keyword;

  while (p > 0 && st->norm->str[p - 1] == ' ')
    p--;
  if (p >= strlen ("一、") && memcmp (st->norm->str + p - strlen ("一、"), "一、", strlen ("一、")) == 0)
    return p - strlen ("一、");
  return keyword;
}

/* Makes the cells of a label: "(三)不予公开1.属于国家秘密" is the group
 * cell and the item cell, as in the template. */
static void
add_label_cells (const Stream *st,
                 guint         a,
                 guint         b,
                 GPtrArray    *cells)
{
  g_autofree char *label = compact_dup (st, a, b);
  int item;
  int at = item_number_at (label, &item);

  trim_span (st, &a, &b);
  if (at > 0)
    {
      /* The same cut in the stream: after as many non-space bytes. */
      guint p = a, seen = 0;

      while (p < b && seen < (guint) at)
        {
          if (st->norm->str[p] != ' ' && st->norm->str[p] != '\n')
            seen++;
          p++;
        }
      g_ptr_array_add (cells, raw_dup (st, a, p));
      g_ptr_array_add (cells, raw_dup (st, p, b));
      return;
    }
  g_ptr_array_add (cells, raw_dup (st, a, b));
}

static const char *
t3_row_label (const char *key)
{
  const char *label = gk_keys_row_label (GK_TABLE_3, GK_TEMPLATE_2021, key);

  if (label == NULL)
    label = gk_keys_row_label (GK_TABLE_3, GK_TEMPLATE_2019, key);
  return label != NULL ? label : key;
}


/* Each cell of a row is fixed when every split in @splits agrees on it. */
static void
mark_ambiguous (const GkDigitRun *run,
                const GkSplit   **splits,
                guint             n_splits,
                guint             n_cells,
                gboolean         *ambiguous)
{
  for (guint c = 0; c < n_cells; c++)
    {
      ambiguous[c] = n_splits == 0;
      for (guint i = 1; i < n_splits && !ambiguous[c]; i++)
        ambiguous[c] = !gk_split_same_cell (run, splits[0], splits[i], c);
    }
}

typedef struct
{
  const char *rule;
  guint       column;
  GArray     *rows;  /* guint: indices into the T3Row array */
} T3Equation;

static void
t3_add_equation (GkSplitTable *table,
                 GArray       *equations,
                 GArray       *rows,
                 const char   *rule,
                 guint         column,
                 const guint  *plus,
                 guint         n_plus,
                 const guint  *minus,
                 guint         n_minus)
{
  guint plus_index[4], *minus_index = g_newa (guint, MAX (n_minus, 1));
  T3Equation eq = { rule, column, g_array_new (FALSE, FALSE, sizeof (guint)) };

  for (guint i = 0; i < n_plus; i++)
    plus_index[i] = g_array_index (rows, T3Row, plus[i]).index;
  for (guint i = 0; i < n_minus; i++)
    minus_index[i] = g_array_index (rows, T3Row, minus[i]).index;
  g_array_append_vals (eq.rows, plus, n_plus);
  g_array_append_vals (eq.rows, minus, n_minus);
  g_array_append_val (equations, eq);

  gk_split_table_add_equation (table, rule, column, plus_index, n_plus, minus_index, n_minus);
}

/* Names what the kept split breaks, with the cells of each rule. */
static void
t3_report_broken (GkSplitTable *table,
                  GArray       *rows,
                  GArray       *equations,
                  GPtrArray    *findings)
{
  g_autoptr(GPtrArray) broken = gk_split_table_broken (table, 0);
  g_autoptr(GString) what = g_string_new (NULL);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) found = g_string_new (NULL);
  guint n_columns;
  const GkKeyLabel *columns = gk_keys_t3_columns (&n_columns);
  g_autoptr(GkFinding) finding = NULL;
  g_autofree char *msg = NULL;
  guint line = 0;

  for (guint i = 0; i < broken->len; i++)
    {
      const char *entry = g_ptr_array_index (broken, i);
      const char *colon = strchr (entry, ':');
      guint n = (guint) g_ascii_strtoull (colon + 1, NULL, 10);

      if (what->len > 0)
        g_string_append (what, "; ");

      if (g_str_has_prefix (entry, "row:"))
        {
          const T3Row *row = NULL;

          for (guint r = 0; r < rows->len; r++)
            if (g_array_index (rows, T3Row, r).index == n)
              row = &g_array_index (rows, T3Row, r);
          g_assert (row != NULL);
          if (line == 0)
            line = row->run->line;
          /* Translators: R3 is a rule's name; %s is the row's label */
          g_string_append_printf (what, _("R3 in the row “%s”"), t3_row_label (row->key));
          if (found->len > 0)
            g_string_append (found, "; ");
          g_string_append_printf (found, "%s: %s", t3_row_label (row->key), row->run->text);
          for (guint c = 0; c < n_columns; c++)
            g_ptr_array_add (cells, g_strdup_printf ("t3/%s/%s", row->key, columns[c].key));
        }
      else
        {
          const T3Equation *eq = &g_array_index (equations, T3Equation, n);

          /* Translators: the first %s is a rule's name (R1, R2), the
           * second a column of table 3 */
          g_string_append_printf (what, _("%s in the column “%s”"), eq->rule, columns[eq->column].label);
          for (guint k = 0; k < eq->rows->len; k++)
            {
              const T3Row *row = &g_array_index (rows, T3Row, g_array_index (eq->rows, guint, k));
              g_autofree char *key = g_strdup_printf ("t3/%s/%s", row->key, columns[eq->column].key);

              if (line == 0)
                line = row->run->line;
              if (!g_ptr_array_find_with_equal_func (cells, key, g_str_equal, NULL))
                g_ptr_array_add (cells, g_steal_pointer (&key));
            }
        }
    }

  if (what->len == 0)
    return;

  msg = g_strdup_printf (_("Table 3: no way to split the numbers run together keeps every rule of the table, "
                           "so the split that breaks the fewest was kept; it breaks %s. "
                           "The report itself may be wrong here: check these cells against the original."),
                         what->str);
  finding = broken_finding ("t3", msg, line);
  if (found->len > 0)
    gk_finding_set_found (finding, found->str);
  for (guint i = 0; i < cells->len; i++)
    gk_finding_add_cell (finding, g_ptr_array_index (cells, i));
  g_ptr_array_add (findings, g_steal_pointer (&finding));
}

/* Splits every row's run, then the rows together with R1 and R2.  Adds
 * to @texts each row's cells (GStrv): the mark where they are ambiguous. */
static void
t3_solve (GArray        *rows,
          GPtrArray     *texts,
          GkSplitBudget *budget,
          GPtrArray     *findings)
{
  g_autoptr(GkSplitTable) table = gk_split_table_new (GK_T3_N_COLUMNS);
  g_autoptr(GArray) equations = g_array_new (FALSE, FALSE, sizeof (T3Equation));
  g_autoptr(GArray) results = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_columns;
  const GkKeyLabel *columns = gk_keys_t3_columns (&n_columns);
  int new_, carried_in, total, carried_out;
  gboolean has_other = FALSE, has_other_split = FALSE;
  GkSplitStatus status;
  guint n_solutions;
  Ambiguity amb;

  for (guint i = 0; i < rows->len; i++)
    {
      T3Row *row = &g_array_index (rows, T3Row, i);

      row->candidates = g_array_new (FALSE, FALSE, sizeof (GkSplit));
      if (gk_split_row_sum (row->run, TRUE, ROW_MAX_SPLITS, budget, row->candidates) == GK_SPLIT_TOO_MANY)
        row->unknown = TRUE;
      else if (row->candidates->len == 0)
        {
          /* No split keeps R3: every split is searched, each breaking it,
           * and the column rules may say which is meant.  A list cut
           * short still holds the split the rules derive (gk-digit-
           * split.c, derive()). */
          row->free = TRUE;
          gk_split_row_sum (row->run, FALSE, FREE_ROW_MAX_SPLITS, budget, row->candidates);
          if (row->candidates->len == 0)
            row->unknown = TRUE;
        }
      row->index = gk_split_table_add_row (table, row->run, row->candidates, !row->free, row->unknown);
    }

  /* Rows that appear twice: the parser keeps the first, so do R1 and R2. */
  new_ = find_t3_row (rows, "new");
  carried_in = find_t3_row (rows, "carried_in");
  total = find_t3_row (rows, "total");
  carried_out = find_t3_row (rows, "carried_out");
  for (guint i = 0; i < rows->len; i++)
    {
      const T3Row *row = &g_array_index (rows, T3Row, i);

      if (!is_result_row (row->key) || find_t3_row (rows, row->key) != (int) i)
        continue;
      g_array_append_val (results, i);
      if (strcmp (row->key, "other") == 0)
        has_other = TRUE;
      else if (g_str_has_prefix (row->key, "other."))
        has_other_split = TRUE;
    }

  for (guint c = 0; c < GK_T3_N_COLUMNS; c++)
    {
      if (new_ >= 0 && carried_in >= 0 && total >= 0 && carried_out >= 0)
        {
          guint plus[2] = { new_, carried_in };
          guint minus[2] = { total, carried_out };
          t3_add_equation (table, equations, rows, "R1", c, plus, 2, minus, 2);
        }
      /* R2 only over a complete set of result rows: a sum that misses a
       * row would reject the right split. */
      if (total >= 0 && has_other != has_other_split
          && results->len == (has_other ? 19u : 21u))
        {
          guint plus[1] = { total };
          t3_add_equation (table, equations, rows, "R2", c, plus, 1,
                           (const guint *) (gpointer) results->data, results->len);
        }
    }

  status = gk_split_table_solve (table, TABLE_MAX_NODES);
  n_solutions = gk_split_table_get_n_solutions (table);

  ambiguity_init (&amb, "t3");
  amb.too_many = status == GK_SPLIT_TOO_MANY;

  for (guint i = 0; i < rows->len; i++)
    {
      T3Row *row = &g_array_index (rows, T3Row, i);
      g_autofree const GkSplit **splits = NULL;
      guint n_splits = 0;
      gboolean ambiguous[GK_T3_N_COLUMNS];
      gboolean any = FALSE;
      char **cells = g_new0 (char *, GK_T3_N_COLUMNS + 1);

      g_ptr_array_add (texts, cells);

      if (!row->unknown)
        {
          /* The row's splits in the solutions kept; when the search was
           * cut short, every split the row has. */
          gboolean all = status == GK_SPLIT_TOO_MANY || n_solutions == 0;
          guint n = all ? row->candidates->len : n_solutions;

          splits = g_new0 (const GkSplit *, MAX (n, 1));
          for (guint s = 0; s < n; s++)
            splits[n_splits++] = all ? &g_array_index (row->candidates, GkSplit, s)
                                     : gk_split_table_get_split (table, s, row->index);
        }

      mark_ambiguous (row->run, splits, n_splits, GK_T3_N_COLUMNS, ambiguous);
      for (guint c = 0; c < GK_T3_N_COLUMNS; c++)
        {
          cells[c] = ambiguous[c] ? g_strdup (AMBIGUOUS_MARK) : gk_split_cell_text (row->run, splits[0], c);
          if (ambiguous[c])
            {
              ambiguity_add_cell (&amb, row->key, columns[c].key);
              any = TRUE;
            }
        }
      if (any)
        {
          if (row->unknown)
            amb.too_many = TRUE;
          ambiguity_add_row (&amb, t3_row_label (row->key), row->run, splits, n_splits);
        }
    }

  ambiguity_report (&amb, _("Table 3"), findings);
  ambiguity_clear (&amb);

  if (n_solutions > 0 && gk_split_table_get_cost (table) > 0)
    t3_report_broken (table, rows, equations, findings);

  for (guint i = 0; i < equations->len; i++)
    g_array_unref (g_array_index (equations, T3Equation, i).rows);
}

/* Table 3: from the first "本年新收" followed by a run, as long as the
 * labels between the runs name rows of the table. */
static gboolean
rebuild_t3 (const Stream *st,
            guint         from,
            guint         to,
            Rebuilt      *out,
            GPtrArray    *findings)
{
  g_autoptr(GArray) runs = find_runs (st, from, to);
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (T3Row));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint prev_end = from;
  guint header_a = 0;
  GkT3Group group = GK_T3_GROUP_NONE;

  g_array_set_clear_func (rows, (GDestroyNotify) t3_row_clear);

  for (guint i = 0; i < runs->len; i++)
    {
      const Span *span = &g_array_index (runs, Span, i);
      T3Row row = { 0, };
      g_autofree char *label = NULL;

      if (rows->len == 0)
        {
          int keyword = find (st, prev_end, span->a, "本年新收");

          if (keyword < 0)
            {
              prev_end = span->b;
              continue;
            }
          row.label_a = first_label_start (st, keyword);
          header_a = t3_header_start (st, prev_end, row.label_a);
          row.key = "new";
        }
      else
        {
          row.label_a = prev_end;
          label = compact_dup (st, prev_end, span->a);
          /* A sentence after the table ends it. */
          if (strstr (label, "。") != NULL || g_utf8_strlen (label, -1) > 80)
            break;
          row.key = t3_row_key (label, &group);
          if (row.key == NULL)
            break;
        }

      row.label_b = span->a;
      row.span = *span;
      row.run = run_new (st, span);
      g_array_append_val (rows, row);
      prev_end = span->b;
    }

  /* A few labels followed by numbers may be prose; a table has rows. */
  if (rows->len < 4)
    return FALSE;

  t3_solve (rows, texts, st->budget, findings);

  out->table = GK_TABLE_3;
  out->a = header_a;
  out->b = g_array_index (rows, T3Row, rows->len - 1).span.b;
  out->rows = gk_text_rows_new ();

  {
    const T3Row *first = &g_array_index (rows, T3Row, 0);
    g_autofree char *header = raw_dup (st, header_a, first->label_a);

    if (*header != '\0')
      {
        g_autoptr(GPtrArray) cells = g_ptr_array_new ();
        g_ptr_array_add (cells, header);
        add_grid_row (out, stream_line (st, header_a), cells);
      }
  }

  for (guint i = 0; i < rows->len; i++)
    {
      const T3Row *row = &g_array_index (rows, T3Row, i);
      char **values = g_ptr_array_index (texts, i);
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

      add_label_cells (st, row->label_a, row->label_b, cells);
      for (guint c = 0; c < GK_T3_N_COLUMNS; c++)
        g_ptr_array_add (cells, g_strdup (values[c]));
      add_grid_row (out, row->run->line, cells);
    }

  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Table 4                                                                */

static void
t4_cell_key (guint  i,
             char **row,
             char **column)
{
  guint n;

  *row = g_strdup (gk_keys_t4_rows (&n)[i / GK_T4_N_COLUMNS].key);
  *column = g_strdup (gk_keys_t4_columns (&n)[i % GK_T4_N_COLUMNS].key);
}

/* Table 4: one run after the header "行政复议…结果维持…总计": three
 * groups of five, or fewer when a group is blank (seed 002's 行政复议). */
static gboolean
rebuild_t4 (const Stream *st,
            guint         from,
            guint         to,
            Rebuilt      *out,
            GPtrArray    *findings)
{
  g_autoptr(GArray) runs = NULL;
  g_autoptr(GArray) splits = g_array_new (FALSE, FALSE, sizeof (GkSplit));
  g_autoptr(GkDigitRun) run = NULL;
  g_autofree char *header_text = NULL;
  char *texts[GK_T4_N_ROWS * GK_T4_N_COLUMNS] = { NULL, };
  int upheld = find (st, from, to, "结果维持");
  guint header_a, n_groups = 0;
  GkSplitStatus status = GK_SPLIT_OK;
  gboolean exact = FALSE;
  Span span;
  Ambiguity amb;

  if (upheld < 0)
    return FALSE;

  /* The header starts at the 行政复议 just before its first column. */
  header_a = upheld;
  for (int at = find (st, MAX (from, (guint) MAX (upheld - 240, 0)), upheld, "行政复议"); at >= 0;
       at = find (st, at + 1, upheld, "行政复议"))
    header_a = at;

  runs = find_runs (st, upheld, to);
  if (runs->len == 0)
    return FALSE;
  span = g_array_index (runs, Span, 0);
  header_text = compact_dup (st, upheld, span.a);
  if (strstr (header_text, "。") != NULL)
    return FALSE;
  run = run_new (st, &span);

  /* All three groups if the digits make them, else two, else one. */
  for (guint k = 3; k >= 1 && !exact; k--)
    {
      if (run->n_atoms < 5 * k)
        continue;
      status = gk_split_groups (run, k, TRUE, st->budget, splits);
      if (splits->len > 0 || status == GK_SPLIT_TOO_MANY)
        {
          n_groups = k;
          exact = splits->len > 0;
          if (!exact)
            break;
        }
    }
  if (!exact && n_groups == 0 && run->n_atoms >= 5)
    {
      n_groups = MIN (run->n_atoms / 5, 3);
      status = gk_split_groups (run, n_groups, FALSE, st->budget, splits);
    }

  ambiguity_init (&amb, "t4");
  amb.too_many = status == GK_SPLIT_TOO_MANY;

  {
    g_autofree const GkSplit **list = g_new0 (const GkSplit *, MAX (splits->len, 1));
    gboolean ambiguous[GK_SPLIT_MAX_CELLS];

    for (guint s = 0; s < splits->len; s++)
      list[s] = &g_array_index (splits, GkSplit, s);
    mark_ambiguous (run, list, status == GK_SPLIT_TOO_MANY ? 0 : splits->len, 5 * MAX (n_groups, 1), ambiguous);

    for (guint i = 0; i < GK_T4_N_ROWS * GK_T4_N_COLUMNS; i++)
      {
        g_autofree char *row = NULL, *column = NULL;

        /* With fewer than three groups, which group is blank cannot be
         * told: every cell depends on it. */
        if (n_groups == 3 && !ambiguous[i])
          {
            texts[i] = gk_split_cell_text (run, list[0], i);
            continue;
          }
        texts[i] = g_strdup (AMBIGUOUS_MARK);
        t4_cell_key (i, &row, &column);
        ambiguity_add_cell (&amb, row, column);
      }

    if (amb.ambiguous->len > 0)
      {
        if (n_groups == 3 || n_groups == 0)
          ambiguity_add_row (&amb, _("the data row"), run, list, status == GK_SPLIT_TOO_MANY ? 0 : splits->len);
        else
          {
            g_autofree char *groups = NULL;

            ambiguity_add_row (&amb, _("the data row"), run, list, splits->len);
            groups = g_strdup_printf (_("%s (the digits make %u of the three groups of five, and which group "
                                        "is blank cannot be told)"), amb.choices->str, n_groups);
            g_string_assign (amb.choices, groups);
          }
      }
    ambiguity_report (&amb, _("Table 4"), findings);
    ambiguity_clear (&amb);

    /* No split keeps R4 in every group: the kept one breaks the fewest. */
    if (!exact && splits->len > 0)
      {
        const GkSplit *kept = list[0];
        g_autoptr(GString) what = g_string_new (NULL);
        g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
        guint n;
        const GkKeyLabel *t4_rows = gk_keys_t4_rows (&n);

        for (guint g = 0; g < n_groups; g++)
          {
            gint64 sum = 0;
            gboolean known = TRUE;

            for (guint c = 0; c < 4; c++)
              {
                if (kept->value[5 * g + c] == GK_SPLIT_NO_VALUE)
                  known = FALSE;
                sum += kept->value[5 * g + c];
              }
            if (!known || kept->value[5 * g + 4] == GK_SPLIT_NO_VALUE || sum == kept->value[5 * g + 4])
              continue;
            if (what->len > 0)
              g_string_append (what, "; ");
            /* Translators: R4 is a rule's name; %s names a group of table 4 */
            g_string_append_printf (what, _("R4 in the group “%s”"),
                                    n_groups == 3 ? t4_rows[g].label : _("one of the groups"));
            for (guint c = 0; c < 5 && n_groups == 3; c++)
              {
                g_autofree char *row = NULL, *column = NULL;
                t4_cell_key (5 * g + c, &row, &column);
                g_ptr_array_add (cells, g_strdup_printf ("t4/%s/%s", row, column));
              }
          }

        if (what->len > 0)
          {
            g_autofree char *msg = g_strdup_printf (_("Table 4: no way to split the numbers run together keeps every "
                                                      "rule of the table, so the split that breaks the fewest was "
                                                      "kept; it breaks %s. The report itself may be wrong here: "
                                                      "check these cells against the original."), what->str);
            g_autoptr(GkFinding) finding = broken_finding ("t4", msg, run->line);

            gk_finding_set_found (finding, run->text);

            for (guint i = 0; i < cells->len; i++)
              gk_finding_add_cell (finding, g_ptr_array_index (cells, i));
            g_ptr_array_add (findings, g_steal_pointer (&finding));
          }
      }
  }

  out->table = GK_TABLE_4;
  out->a = header_a;
  out->b = span.b;
  out->rows = gk_text_rows_new ();
  {
    g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

    g_ptr_array_add (cells, raw_dup (st, header_a, span.a));
    add_grid_row (out, stream_line (st, header_a), cells);
    g_ptr_array_set_size (cells, 0);
    for (guint i = 0; i < GK_T4_N_ROWS * GK_T4_N_COLUMNS; i++)
      g_ptr_array_add (cells, texts[i]);
    add_grid_row (out, run->line, cells);
  }

  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Table 2                                                                */

/* The parser's t2 keywords: the rebuilt rows are read by parse_t2(). */
typedef struct
{
  const char *key;
  const char *keyword;
} RowKeyword;

static const RowKeyword t2_row_keywords[] = {
  { "normative",      "规范性文件" },
  { "rules",          "规章" },
  { "licensing",      "行政许可" },
  { "other_services", "其他对外管理服务事项" },
  { "penalty",        "行政处罚" },
  { "coercion",       "行政强制" },
  { "fees",           "行政事业性收费" },
  { "procurement",    "政府集中采购" },
};

typedef struct
{
  const char *keyword;
  const char *column;
  GkTemplate  template_;
} ColumnKeyword;

static const ColumnKeyword t2_column_keywords[] = {
  { "制发",         "issued",          GK_TEMPLATE_2021 },
  { "废止",         "repealed",        GK_TEMPLATE_2021 },
  { "现行有效",     "in_force",        GK_TEMPLATE_2021 },
  { "收费金额",     "amount",          GK_TEMPLATE_2021 },
  { "新制作",       "made",            GK_TEMPLATE_2019 },
  { "新公开",       "published",       GK_TEMPLATE_2019 },
  { "对外公开总",   "published_total", GK_TEMPLATE_2019 },
  { "上一年项目",   "prev_items",      GK_TEMPLATE_2019 },
  { "增/减",        "change",          GK_TEMPLATE_2019 },
  { "增减",         "change",          GK_TEMPLATE_2019 },
  { "采购项目",     "items",           GK_TEMPLATE_2019 },
  { "采购总金额",   "amount",          GK_TEMPLATE_2019 },
  { "处理决定",     "decisions",       GK_TEMPLATE_UNKNOWN },
};

typedef struct
{
  const Stream *st;
  Rebuilt      *out;
  const char   *columns[GK_T2_MAX_COLUMNS];
  guint         n_columns;
  gboolean      in_other_services;
  int           votes_2019, votes_2021;
  Ambiguity     amb;
} T2State;

/* The first row keyword in [a, b): its row key and where its label
 * starts ("行政规范性文件" starts before its keyword). */
static int
t2_next_row (const Stream  *st,
             guint          a,
             guint          b,
             const char   **key)
{
  int best = -1;

  for (guint i = 0; i < G_N_ELEMENTS (t2_row_keywords); i++)
    {
      int at = find (st, a, b, t2_row_keywords[i].keyword);

      if (at < 0)
        continue;
      if (strcmp (t2_row_keywords[i].key, "normative") == 0 && (guint) at >= a + strlen ("行政")
          && has_at (st, at - strlen ("行政"), "行政"))
        at -= strlen ("行政");
      if (best < 0 || at < best)
        {
          best = at;
          *key = t2_row_keywords[i].key;
        }
    }
  return best;
}

/* The column header after "信息内容": its labels cut where each column's
 * keyword starts (with the "本年" before it). */
static void
t2_header (T2State *t2,
           guint    a,
           guint    b)
{
  const Stream *st = t2->st;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  guint starts[GK_T2_MAX_COLUMNS + 1];
  guint n = 0;

  t2->n_columns = 0;
  for (guint p = a; p < b && n < GK_T2_MAX_COLUMNS; p++)
    for (guint k = 0; k < G_N_ELEMENTS (t2_column_keywords); k++)
      if (has_at (st, p, t2_column_keywords[k].keyword))
        {
          guint start = p;

          if (p >= a + strlen ("本年") && has_at (st, p - strlen ("本年"), "本年"))
            start = p - strlen ("本年");
          if (n > 0 && start <= starts[n - 1])
            start = p;
          starts[n++] = start;
          t2->columns[t2->n_columns++] = t2_column_keywords[k].column;
          if (t2_column_keywords[k].template_ == GK_TEMPLATE_2019)
            t2->votes_2019++;
          else if (t2_column_keywords[k].template_ == GK_TEMPLATE_2021)
            t2->votes_2021++;
          p += strlen (t2_column_keywords[k].keyword) - 1;
          break;
        }
  starts[n] = b;

  g_ptr_array_add (cells, g_strdup ("信息内容"));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (cells, raw_dup (st, starts[i], starts[i + 1]));
  add_grid_row (t2->out, stream_line (st, a), cells);
}

static GkDigitSyntax
t2_syntax (const char *column)
{
  if (strcmp (column, "change") == 0)
    return GK_DIGIT_SIGNED;
  if (strcmp (column, "amount") == 0)
    return GK_DIGIT_AMOUNT;
  return GK_DIGIT_COUNT;
}

/* A row of table 2 with its run (or none): split with the columns of
 * its sub-table. */
static void
t2_row (T2State    *t2,
        const char *key,
        GPtrArray  *label_cells,
        const Span *span,
        guint       line)
{
  const Stream *st = t2->st;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GkDigitRun) run = NULL;
  g_autoptr(GArray) splits = g_array_new (FALSE, FALSE, sizeof (GkSplit));
  g_autofree const GkSplit **list = NULL;
  const char *columns[GK_T2_MAX_COLUMNS];
  GkDigitSyntax syntax[GK_T2_MAX_COLUMNS];
  gboolean ambiguous[GK_SPLIT_MAX_CELLS];
  guint n_columns = t2->n_columns;
  GkSplitStatus status;
  gboolean any = FALSE;

  for (guint i = 0; i < label_cells->len; i++)
    g_ptr_array_add (cells, g_strdup (g_ptr_array_index (label_cells, i)));

  if (span == NULL)
    {
      add_grid_row (t2->out, line, cells);
      return;
    }

  memcpy (columns, t2->columns, sizeof columns);
  if (n_columns == 0)
    {
      /* No header: the template's own columns, as the parser does. */
      const char *base = g_str_has_prefix (key, "other_services.") ? "other_services" : key;
      guint n_rows;
      const GkT2Row *rows = gk_keys_t2_rows (t2->votes_2019 > t2->votes_2021 ? GK_TEMPLATE_2019 : GK_TEMPLATE_2021,
                                             &n_rows);

      for (guint i = 0; i < n_rows; i++)
        if (strcmp (rows[i].key, base) == 0)
          for (n_columns = 0; rows[i].columns[n_columns] != NULL; n_columns++)
            columns[n_columns] = rows[i].columns[n_columns];
    }

  run = run_new (st, span);
  if (n_columns == 0)
    {
      g_ptr_array_add (cells, g_strdup (run->text));
      add_grid_row (t2->out, run->line, cells);
      return;
    }

  for (guint c = 0; c < n_columns; c++)
    syntax[c] = t2_syntax (columns[c]);
  status = gk_split_columns (run, syntax, n_columns, st->budget, splits);

  list = g_new0 (const GkSplit *, MAX (splits->len, 1));
  for (guint s = 0; s < splits->len; s++)
    list[s] = &g_array_index (splits, GkSplit, s);
  mark_ambiguous (run, list, status == GK_SPLIT_TOO_MANY ? 0 : splits->len, n_columns, ambiguous);

  for (guint c = 0; c < n_columns; c++)
    {
      if (!ambiguous[c])
        {
          g_ptr_array_add (cells, gk_split_cell_text (run, list[0], c));
          continue;
        }
      g_ptr_array_add (cells, g_strdup (AMBIGUOUS_MARK));
      ambiguity_add_cell (&t2->amb, key, columns[c]);
      any = TRUE;
    }

  if (any)
    {
      const char *label = gk_keys_row_label (GK_TABLE_2, t2->votes_2019 > t2->votes_2021 ? GK_TEMPLATE_2019
                                                                                         : GK_TEMPLATE_2021, key);
      if (status == GK_SPLIT_TOO_MANY)
        t2->amb.too_many = TRUE;
      ambiguity_add_row (&t2->amb, label != NULL ? label : key, run, list,
                         status == GK_SPLIT_TOO_MANY ? 0 : splits->len);
    }

  add_grid_row (t2->out, run->line, cells);
}

/* Reads the labels of [a, b), the text between two runs: headings of
 * sub-tables, their column headers and the rows' labels.  Every row but
 * the last has no values; the last takes @span.  Returns FALSE when the
 * text is no part of table 2, or leaves @span without a row: the table
 * ended before it. */
static gboolean
t2_labels (T2State    *t2,
           guint       a,
           guint       b,
           const Span *span)
{
  const Stream *st = t2->st;
  guint p = a;

  for (;;)
    {
      int heading = find (st, p, b, "第二十条");
      int header = find (st, p, b, "信息内容");
      const char *key = NULL;
      int row = t2_next_row (st, p, b, &key);
      int next = b;

      trim_span (st, &p, &b);
      if (p >= b)
        break;

      if (heading >= 0 && (heading < row || row < 0) && (heading < header || header < 0))
        {
          /* "第二十条第(一)项": to its "项". */
          int end = find (st, heading, MIN (b, (guint) heading + 40), "项");
          g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

          end = end >= 0 ? end + (int) strlen ("项") : (int) b;
          g_ptr_array_add (cells, raw_dup (st, heading, end));
          add_grid_row (t2->out, stream_line (st, heading), cells);
          t2->n_columns = 0;
          t2->in_other_services = FALSE;
          p = end;
          continue;
        }

      if (header >= 0 && (header < row || row < 0))
        {
          guint start = header + strlen ("信息内容");
          guint end = row >= 0 ? (guint) row : b;

          t2_header (t2, start, end);
          p = end;
          continue;
        }

      {
        g_autoptr(GPtrArray) label_cells = g_ptr_array_new_with_free_func (g_free);
        g_autofree char *row_key = NULL;
        guint label_end;

        if (row >= 0)
          {
            const char *unused = NULL;
            int after = t2_next_row (st, row + 1, b, &unused);

            /* Another row label follows: this row has no values. */
            next = after >= 0 ? after : (int) b;
            label_end = next;
            if (strcmp (key, "other_services") == 0)
              {
                int keyword = find (st, row, next, "其他对外管理服务事项");
                guint name = keyword + strlen ("其他对外管理服务事项");
                g_autofree char *sub = compact_dup (st, name, next);

                g_ptr_array_add (label_cells, raw_dup (st, row, name));
                t2->in_other_services = TRUE;
                if (*sub != '\0')
                  {
                    g_ptr_array_add (label_cells, raw_dup (st, name, next));
                    row_key = g_strconcat ("other_services.", sub, NULL);
                  }
                else
                  row_key = g_strdup ("other_services");
              }
            else
              {
                g_ptr_array_add (label_cells, raw_dup (st, row, next));
                t2->in_other_services = FALSE;
                row_key = g_strdup (key);
              }
          }
        else
          {
            /* A named item of 其他对外管理服务事项: short, no sentence. */
            g_autofree char *sub = compact_dup (st, p, b);

            if (!t2->in_other_services || g_utf8_strlen (sub, -1) > 12 || strstr (sub, "。") != NULL)
              return FALSE;
            g_ptr_array_add (label_cells, g_strdup ("其他对外管理服务事项"));
            g_ptr_array_add (label_cells, raw_dup (st, p, b));
            row_key = g_strconcat ("other_services.", sub, NULL);
            label_end = b;
          }

        t2_row (t2, row_key, label_cells, label_end >= b ? span : NULL, stream_line (st, p));
        if (label_end >= b)
          return TRUE;
        p = label_end;
      }
    }

  /* Headings and headers only: the run has no row. */
  return FALSE;
}

/* Table 2: from the first "第二十条第…项", as long as the text between
 * the runs reads as the table's headings, headers and row labels. */
static gboolean
rebuild_t2 (const Stream *st,
            guint         from,
            guint         to,
            Rebuilt      *out,
            GPtrArray    *findings)
{
  g_autoptr(GArray) runs = NULL;
  T2State t2 = { 0, };
  int start = find (st, from, to, "第二十条第");
  guint prev_end, end = 0;

  if (start < 0)
    return FALSE;

  runs = find_runs (st, start, to);
  out->table = GK_TABLE_2;
  out->a = start;
  out->rows = gk_text_rows_new ();
  t2.st = st;
  t2.out = out;
  ambiguity_init (&t2.amb, "t2");

  prev_end = start;
  for (guint i = 0; i < runs->len; i++)
    {
      const Span *span = &g_array_index (runs, Span, i);

      if (!t2_labels (&t2, prev_end, span->a, span))
        break;
      end = span->b;
      prev_end = span->b;
    }

  ambiguity_report (&t2.amb, _("Table 2"), findings);
  ambiguity_clear (&t2.amb);

  if (end == 0)
    {
      rebuilt_clear (out);
      return FALSE;
    }
  out->b = end;
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Prose                                                                  */

/* Page chrome that may follow the report too. */
static const char * const chrome_anywhere[] = {
  "当前位置", "您的位置", "您现在的位置", "您当前的位置", "打印本页", "关闭窗口", "关闭本页",
  "【打印】", "【关闭】", "[打印]", "[关闭]", "分享到", "扫一扫", "返回顶部",
};

/* Only before the report: words prose uses too. */
static const char * const chrome_before[] = {
  "首页>", "打印", "关闭", "微信", "微博", "收藏",
};

/* A page's metadata: "标题:…", "发布时间:…". */
static const char * const field_labels[] = {
  "标题", "题名", "发布时间", "发布日期", "成文日期", "发文日期", "印发日期", "生成日期",
  "来源", "信息来源", "发布机构", "发文机关", "发文机构", "索引号", "主题分类", "主题词",
  "公开方式", "公开范围", "文号", "发文字号", "原文链接", "链接", "浏览次数", "点击数",
  "阅读次数", "访问量", "作者", "责任编辑", "编辑",
};

static guint
field_at (const Stream *st,
          guint         pos,
          guint         to)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (has_at (st, pos, field_labels[i]))
      {
        guint p = pos + strlen (field_labels[i]);
        while (p < to && st->norm->str[p] == ' ')
          p++;
        if (p < to && st->norm->str[p] == ':')
          return i + 1;
      }
  return 0;
}

static void
emit_prose (const Stream *st,
            guint         a,
            guint         b,
            GPtrArray    *out)
{
  g_autofree char *text = NULL;

  trim_span (st, &a, &b);
  if (a >= b)
    return;
  text = raw_dup (st, a, b);
  if (*text == '\0')
    return;
  {
    const char *cells[1] = { text };
    g_ptr_array_add (out, gk_text_row_new (GK_ROW_PROSE, stream_line (st, a), cells, 1));
  }
}

/* Prose between headings and tables: a row per line, and page chrome
 * cut off.  Before the report (@front), the page's metadata is a row per
 * field, and the title and each sentence end a row. */
static void
emit_prose_span (const Stream *st,
                 guint         a,
                 guint         b,
                 gboolean      front,
                 GPtrArray    *out)
{
  const char *s = st->norm->str;
  guint piece = a;
  gboolean value_ends_at_space = FALSE;

  for (guint p = a; p < b; )
    {
      guint field;
      gboolean cut_before = FALSE;
      guint cut_after = 0;

      if (s[p] == '\n')
        {
          emit_prose (st, piece, p, out);
          piece = ++p;
          value_ends_at_space = FALSE;
          continue;
        }

      for (guint i = 0; i < G_N_ELEMENTS (chrome_anywhere) && !cut_before; i++)
        if (has_at (st, p, chrome_anywhere[i]))
          {
            cut_before = TRUE;
            if (!g_str_has_prefix (chrome_anywhere[i], "当前") && !g_str_has_prefix (chrome_anywhere[i], "您"))
              cut_after = p + strlen (chrome_anywhere[i]);
          }

      if (front)
        {
          for (guint i = 0; i < G_N_ELEMENTS (chrome_before) && !cut_before; i++)
            if (has_at (st, p, chrome_before[i]))
              {
                cut_before = TRUE;
                if (i > 0)
                  cut_after = p + strlen (chrome_before[i]);
              }
          if (!cut_before && s[p] == '[' && find (st, p, MIN (b, p + 40), "]") >= 0)
            {
              cut_before = TRUE;
              cut_after = find (st, p, MIN (b, p + 40), "]") + 1;
            }
          if (!cut_before && has_at (st, p, "【") && find (st, p, MIN (b, p + 60), "】") >= 0)
            {
              cut_before = TRUE;
              cut_after = find (st, p, MIN (b, p + 60), "】") + strlen ("】");
            }
          if (!cut_before && (field = field_at (st, p, b)) > 0)
            {
              cut_before = TRUE;
              /* A title runs to "报告"; other values to the first space. */
              value_ends_at_space = field > 2;
            }
          if (value_ends_at_space && s[p] == ' ' && p > piece && s[p - 1] != ':' && s[p - 1] != ' ')
            {
              emit_prose (st, piece, p, out);
              piece = p;
              value_ends_at_space = FALSE;
            }
          if (has_at (st, p, "年度报告"))
            cut_after = p + strlen ("年度报告");
          else if (has_at (st, p, "。"))
            cut_after = p + strlen ("。");
        }

      if (cut_before && p > piece)
        {
          emit_prose (st, piece, p, out);
          piece = p;
        }
      if (cut_after > 0)
        {
          cut_after = MIN (cut_after, b);
          emit_prose (st, piece, cut_after, out);
          piece = p = cut_after;
          value_ends_at_space = FALSE;
          continue;
        }
      p = g_utf8_next_char (s + p) - s;
    }

  emit_prose (st, piece, b, out);
}

/* ---------------------------------------------------------------------- */
/* Rebuilding                                                             */

typedef struct
{
  guint          a, b;
  const Heading *heading;  /* or */
  Rebuilt       *table;
} Piece;

static int
compare_pieces (gconstpointer a,
                gconstpointer b)
{
  const Piece *pa = a, *pb = b;
  return pa->a < pb->a ? -1 : pa->a > pb->a ? 1 : 0;
}

/**
 * gk_scraped_rebuild:
 * @rows: the rows gk_scraped_applies() accepted
 * @findings: (element-type GkFinding): where to add a finding for each
 *   split that had to be guessed
 *
 * Returns: (transfer full): new rows, with the tables' rows rebuilt; @rows
 *   itself when no table was found in them
 */
GPtrArray *
gk_scraped_rebuild (GPtrArray *rows,
                    GPtrArray *findings)
{
  g_autoptr(Stream) st = NULL;
  g_autoptr(GArray) headings = NULL;
  g_autoptr(GArray) pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  g_autoptr(GPtrArray) own = g_ptr_array_new_with_free_func (g_object_unref);
  Rebuilt tables[3] = { { 0, }, };
  GPtrArray *out;
  guint from, to, pos;

  g_return_val_if_fail (rows != NULL, NULL);
  g_return_val_if_fail (findings != NULL, NULL);

  st = stream_new (rows);
  headings = find_headings (st);

  section_bounds (st, headings, 2, &from, &to);
  rebuild_t3 (st, from, to, &tables[1], own);

  section_bounds (st, headings, 1, &from, &to);
  if (tables[1].rows != NULL && heading_for (headings, 1) == NULL)
    to = MIN (to, tables[1].a);
  rebuild_t2 (st, from, to, &tables[0], own);

  section_bounds (st, headings, 3, &from, &to);
  if (tables[1].rows != NULL)
    from = MAX (from, tables[1].b);
  rebuild_t4 (st, from, to, &tables[2], own);

  if (tables[0].rows == NULL && tables[1].rows == NULL && tables[2].rows == NULL)
    return g_ptr_array_ref (rows);

  for (guint i = 0; i < headings->len; i++)
    {
      const Heading *h = &g_array_index (headings, Heading, i);
      Piece piece = { h->a, h->b, h, NULL };
      g_array_append_val (pieces, piece);
    }
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (tables[i].rows != NULL)
      {
        Piece piece = { tables[i].a, tables[i].b, NULL, &tables[i] };
        g_array_append_val (pieces, piece);
      }
  g_array_sort (pieces, compare_pieces);

  out = gk_text_rows_new ();
  pos = 0;
  for (guint i = 0; i < pieces->len; i++)
    {
      const Piece *piece = &g_array_index (pieces, Piece, i);

      /* A heading inside a table's text is none; a table's rows are
       * always kept, its findings name their cells. */
      if (piece->a < pos && piece->heading != NULL)
        continue;
      if (piece->a > pos)
        emit_prose_span (st, pos, piece->a, i == 0, out);
      if (piece->heading != NULL)
        emit_prose (st, piece->a, piece->b, out);
      else
        for (guint r = 0; r < piece->table->rows->len; r++)
          g_ptr_array_add (out, g_steal_pointer (&piece->table->rows->pdata[r]));
      pos = MAX (pos, piece->b);
    }
  emit_prose_span (st, pos, st->norm->len, pieces->len == 0, out);

  /* The rows were moved out, their places left NULL. */
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    rebuilt_clear (&tables[i]);

  g_ptr_array_extend_and_steal (findings, g_steal_pointer (&own));
  return out;
}

/* "t3/denied.1/natural" → table, row, column. */
static gboolean
split_cell_key (const char  *key,
                GkTableId   *table,
                char       **row,
                char       **column)
{
  const char *first = strchr (key, '/');
  const char *last = strrchr (key, '/');
  g_autofree char *table_key = NULL;

  if (first == NULL || last == first)
    return FALSE;
  table_key = g_strndup (key, first - key);
  if (!gk_table_id_from_key (table_key, table))
    return FALSE;
  *row = g_strndup (first + 1, last - first - 1);
  *column = g_strdup (last + 1);
  return TRUE;
}

/**
 * gk_scraped_add_findings:
 * @report: the report parsed from the rows gk_scraped_rebuild() made
 * @findings: (element-type GkFinding): the findings it made
 *
 * Adds the findings to @report.  The cells of a P5 finding (the splits
 * disagree on them) become blank cells marked ambiguous: no guessed
 * number enters a sum, and the finding keeps the digits as found.
 */
void
gk_scraped_add_findings (GkReport  *report,
                         GPtrArray *findings)
{
  g_return_if_fail (GK_IS_REPORT (report));
  g_return_if_fail (findings != NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      GkFinding *finding = g_ptr_array_index (findings, i);
      const char * const *cells;

      /* As many as the parser's own findings may be (gk-parser.c), past
       * which they are not listed; the cells are still blanked. */
      if (g_list_model_get_n_items (gk_report_get_findings (report)) < GK_PARSE_MAX_FINDINGS)
        gk_report_add_finding (report, finding);
      if (strcmp (gk_finding_get_rule (finding), "P5") != 0)
        continue;

      cells = gk_finding_get_cells (finding);
      for (guint c = 0; cells != NULL && cells[c] != NULL; c++)
        {
          g_autofree char *row = NULL, *column = NULL;
          g_autoptr(GkCell) blank = NULL;
          GkTableId id;
          GkTable *table;
          GkCell *cell;

          if (!split_cell_key (cells[c], &id, &row, &column))
            continue;
          table = gk_report_get_table (report, id);
          cell = table != NULL ? gk_table_lookup (table, row, column) : NULL;
          if (cell == NULL)
            continue;
          blank = gk_cell_new (id, row, column, NULL, gk_cell_get_line (cell));
          gk_cell_set_ambiguous (blank, TRUE);
          gk_table_add_cell (table, blank);
        }
    }
}
