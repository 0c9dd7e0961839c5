/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-parser"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <nettle/sha2.h>

#include "gk-cell.h"
#include "gk-decode.h"
#include "gk-docx-reader.h"
#include "gk-format.h"
#include "gk-html-reader.h"
#include "gk-importer.h"
#include "gk-keys.h"
#include "gk-layout.h"
#include "gk-metadata.h"
#include "gk-normalize.h"
#include "gk-parser.h"
#include "gk-pdf-reader.h"
#include "gk-scraped.h"

/* From rows of cells (gk-layout.c) to the report model.
 *
 * Tables are found by what they say, not by where they are: table 2 by
 * its 第二十条 sub-tables, table 3 by its row labels, table 4 by its
 * 行政复议 / 行政诉讼 header.  Rows of table 3 are identified by their
 * labels' keywords (a label may be split over cells: "（四）无法" …
 * "提供"), and the numbers of a row are aligned by the positions of its
 * cells, never by counting numbers in reading order. */

G_DEFINE_QUARK (gk-parse-error-quark, gk_parse_error)

typedef enum
{
  CTX_NONE,
  CTX_T2,
  CTX_T3,
  CTX_T4,
} TableContext;

typedef struct
{
  GkReport  *report;
  GPtrArray *rows;
  GPtrArray *t2_rows;   /* GkTextRow*, borrowed */
  GPtrArray *t3_rows;
  GPtrArray *t4_rows;
  GString   *sections[GK_N_SECTIONS];
  guint      section_lines[GK_N_SECTIONS];
  GkTemplate t2_template;
  GkTemplate t3_template;
  const GkParseLimits *limits;
  guint      dropped_rows[3];              /* rows of tables 2–4 past the limit */
  guint      section_cut[GK_N_SECTIONS];   /* bytes of prose past the limit */
} ParseState;

/* Adds a finding of the parser's own (P1–P4).  The subject is
 * "table:what", unique per finding of a rule, so that rule + subject stay
 * a stable identity. */
static GkFinding *
add_parse_finding (GkReport   *report,
                   const char *rule,
                   GkSeverity  severity,
                   const char *subject,
                   guint       line,
                   const char *message)
{
  g_autoptr(GkFinding) finding = NULL;
  guint n = g_list_model_get_n_items (gk_report_get_findings (report));

  /* A file can make a finding of each of its lines: past the limit,
   * one last finding says so and the rest are not kept. */
  if (n > GK_PARSE_MAX_FINDINGS)
    return NULL;
  if (n == GK_PARSE_MAX_FINDINGS)
    {
      g_autofree char *msg = g_strdup_printf (_("More than %d findings while reading the report: the rest are not listed"),
                                              GK_PARSE_MAX_FINDINGS);

      finding = gk_finding_new ("P7", GK_SEVERITY_WARNING, GK_FINDING_FAILED, "limit:findings", msg);
      gk_finding_set_line (finding, line);
      gk_report_add_finding (report, finding);
      return NULL;
    }

  finding = gk_finding_new (rule, severity, GK_FINDING_FAILED, subject, message);
  gk_finding_set_line (finding, line);
  gk_report_add_finding (report, finding);
  return finding;  /* the report holds it, or NULL past the limit */
}

/* A text cell that stands where a number should: "约10件", "251000元".
 * Short, with digits, and not a numbered label ("1.属于国家秘密"). */
static gboolean
cell_is_value_text (const GkTextCell *cell)
{
  const char *p = cell->norm;
  gboolean has_digit = FALSE;

  if (cell->klass != GK_VALUE_TEXT || g_utf8_strlen (p, -1) > 10)
    return FALSE;
  if (*p == '(')
    p++;
  if (g_ascii_isdigit (*p))
    {
      while (g_ascii_isdigit (*p))
        p++;
      if (*p == '.' || *p == ')' || g_str_has_prefix (p, "、"))
        return FALSE;
    }
  for (p = cell->norm; *p; p++)
    if (g_ascii_isdigit (*p))
      has_digit = TRUE;
  return has_digit && strstr (cell->norm, "第") == NULL;
}

static gboolean
cell_is_label (const GkTextCell *cell)
{
  return cell->klass == GK_VALUE_TEXT && !cell_is_value_text (cell);
}

static gboolean
cell_is_data (const GkTextCell *cell)
{
  return cell->klass == GK_VALUE_NUMBER || cell->klass == GK_VALUE_SIGNED || cell->klass == GK_VALUE_NA
         || cell_is_value_text (cell);
}

static gboolean
row_contains (const GkTextRow *row,
              const char      *needle)
{
  return strstr (row->joined, needle) != NULL;
}

static guint
row_count_data (const GkTextRow *row)
{
  guint n = 0;

  for (guint i = 0; i < row->n_cells; i++)
    if (cell_is_data (&row->cells[i]))
      n++;
  return n;
}

static guint
row_count_labels (const GkTextRow *row)
{
  guint n = 0;

  for (guint i = 0; i < row->n_cells; i++)
    if (cell_is_label (&row->cells[i]))
      n++;
  return n;
}

/* Index just past the last label cell of a row: what follows are values. */
static guint
row_data_start (const GkTextRow *row)
{
  guint start = 0;

  for (guint i = 0; i < row->n_cells; i++)
    if (cell_is_label (&row->cells[i]))
      start = i + 1;
  return start;
}

/* ---------------------------------------------------------------------- */
/* Sections                                                               */

static const char * const ordinals[GK_N_SECTIONS] = { "一", "二", "三", "四", "五", "六" };

/* Returns the section (0–5) a prose line heads, or -1.  Headings vary
 * ("五、政府信息公开工作存在的主要问题及改进情况", a missing "二、"), so
 * they are matched by keywords, the ordinal being optional. */
static int
section_heading (const char *norm_in)
{
  const char *norm = norm_in;
  int by_ordinal = -1;
  int by_keyword = -1;

  /* Markdown headings and bold markers. */
  while (*norm == '#' || *norm == '*')
    norm++;

  /* Most prose lines are long sentences: the byte length rules them out
   * before anything is searched. */
  if (strlen (norm) > 40 * 4 || g_utf8_strlen (norm, -1) > 40 || strstr (norm, "。") != NULL || *norm == '\0')
    return -1;
  /* "（二）主动公开情况" is a sub-heading of section 一. */
  if (*norm == '(' || g_ascii_isdigit (*norm) || *norm == '-')
    return -1;

  for (int i = 0; i < GK_N_SECTIONS; i++)
    {
      if (g_str_has_prefix (norm, ordinals[i])
          && (g_str_has_prefix (norm + strlen (ordinals[i]), "、")
              || g_str_has_prefix (norm + strlen (ordinals[i]), ".")
              || g_str_has_prefix (norm + strlen (ordinals[i]), ",")))
        by_ordinal = i;
    }

  if (strstr (norm, "总体情况") != NULL)
    by_keyword = 0;
  else if (strstr (norm, "主动公开") != NULL && strstr (norm, "情况") != NULL)
    by_keyword = 1;
  else if ((strstr (norm, "收到和处理") != NULL || strstr (norm, "依申请") != NULL
            || strstr (norm, "公开申请情况") != NULL) && strstr (norm, "情况") != NULL)
    by_keyword = 2;
  else if (strstr (norm, "行政复议") != NULL && strstr (norm, "行政诉讼") != NULL)
    by_keyword = 3;
  else if (strstr (norm, "存在的主要问题") != NULL || strstr (norm, "问题及改进") != NULL
           || strstr (norm, "存在问题及") != NULL)
    by_keyword = 4;
  else if (strstr (norm, "其他需要报告") != NULL)
    by_keyword = 5;

  if (by_keyword < 0)
    return -1;
  /* Without an ordinal the heading must start with its keywords, so that a
   * sentence fragment that merely mentions them is not taken. */
  if (by_ordinal < 0)
    {
      static const char * const starts[GK_N_SECTIONS] = {
        "总体情况", "主动公开", "收到和处理", "政府信息公开行政复议", "存在的主要问题", "其他需要报告",
      };
      if (!g_str_has_prefix (norm, starts[by_keyword])
          && !(by_keyword == 3 && g_str_has_prefix (norm, "行政复议"))
          && !(by_keyword == 3 && g_str_has_prefix (norm, "因政府信息公开"))
          && !(by_keyword == 4 && g_str_has_prefix (norm, "政府信息公开工作存在")))
        return -1;
    }

  return by_keyword;
}

/* ---------------------------------------------------------------------- */
/* Table 3                                                                */

/* The item number a label starts with: "1.", "1、", "1．", "(1)". */
static int
leading_item_number (const char *norm)
{
  const char *p = norm;
  int n = 0;

  if (*p == '(')
    p++;
  if (!g_ascii_isdigit (*p))
    return 0;
  while (g_ascii_isdigit (*p))
    {
      /* Sub-rows are numbered 1 to 8: a run of digits longer than any
       * of them names none (and must not overflow). */
      if (n > 99)
        return 0;
      n = n * 10 + (*p++ - '0');
    }
  if (*p == '.' || *p == ')' || g_str_has_prefix (p, "、"))
    return n;
  return 0;
}

/* Identifies a row of table 3 from its label cells.  @group carries the
 * group (不予公开 …) of the rows above, for sub-rows that only give their
 * number.  Returns an interned key or NULL. */
static const char *
t3_row_key (const GkTextRow *row,
            guint            data_start,
            GkT3Group       *group)
{
  g_autoptr(GString) label = g_string_new (NULL);
  const char *last = "";

  for (guint i = 0; i < data_start; i++)
    {
      g_string_append (label, row->cells[i].norm);
      if (row->cells[i].norm[0] != '\0')
        last = row->cells[i].norm;
    }

  /* The sub-row's number starts its own cell: "1.属于国家秘密". */
  return gk_keys_t3_row_key (label->str, leading_item_number (last), group);
}

/* Chooses which cells of a row hold its @n values.  Copies flatten merged
 * cells into spacer fields before and after the values ("label\t\t192\t…
 * \t216\t"), so trailing empties go first, then leading ones; a row with
 * too few cells gets blanks where the missing cells were. */
static gboolean
align_values (const GkTextRow  *row,
              guint             data_start,
              guint             n,
              const GkTextCell **out)
{
  guint start = data_start;
  guint end = row->n_cells;
  gboolean exact = TRUE;

  if (end - start != n)
    {
      /* A row of a real table (HTML, DOCX) is laid out on its grid: the
       * empty cells right after the labels are the positions a merged
       * label covers, while a trailing one is a blank value. */
      if (row->layout == GK_ROW_GRID)
        while (end - start > n && row->cells[start].norm[0] == '\0')
          start++;
      while (end > start && end - start > n && row->cells[end - 1].norm[0] == '\0')
        end--;
      while (end - start > n && row->cells[start].norm[0] == '\0')
        start++;
    }

  if (end - start > n)
    {
      /* More values than columns: keep the first n, tell the user. */
      exact = FALSE;
      end = start + n;
    }

  for (guint i = 0; i < n; i++)
    out[i] = (start + i < end) ? &row->cells[start + i] : NULL;

  if (end - start < n)
    exact = FALSE;

  return exact;
}

static gboolean
is_t3_header_row (const GkTextRow *row)
{
  return row_contains (row, "自然人") || row_contains (row, "商业企业") || row_contains (row, "申请人情况")
         || row_contains (row, "勾稽关系") || row_contains (row, "法人或其他组织")
         || row_contains (row, "科研机构");
}

static void
parse_t3 (ParseState *state)
{
  GkReport *report = state->report;
  g_autoptr(GHashTable) found = g_hash_table_new (g_str_hash, g_str_equal);  /* key → GkTextCell*[7] */
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GkTable) table = NULL;
  GkT3Group group = GK_T3_GROUP_NONE;
  gboolean has_other_single = FALSE, has_other_split = FALSE;
  guint n_t3_columns;
  const GkKeyLabel *t3_columns = gk_keys_t3_columns (&n_t3_columns);
  const GkKeyLabel *rows, *columns;
  guint n_rows, n_columns;
  guint first_line = 0;

  for (guint r = 0; r < state->t3_rows->len; r++)
    {
      const GkTextRow *row = g_ptr_array_index (state->t3_rows, r);
      guint data_start;
      const char *key;
      const GkTextCell **cells;

      if (row->layout == GK_ROW_PROSE || is_t3_header_row (row))
        continue;

      data_start = row_data_start (row);
      key = t3_row_key (row, data_start, &group);

      if (key == NULL)
        {
          if (row_count_data (row) > 0)
            {
              g_autofree char *msg = g_strdup_printf (_("Table 3, line %u: a row with numbers whose label is not one of the template’s; it was left out"), row->line);
              g_autofree char *subject = g_strdup_printf ("t3:unknown-row@%u", row->line);
              add_parse_finding (report, "P4", GK_SEVERITY_WARNING, subject, row->line, msg);
            }
          continue;
        }

      if (g_hash_table_contains (found, key))
        {
          g_autofree char *msg = g_strdup_printf (_("Table 3, line %u: the row “%s” appears a second time; the first one was kept"),
                                                  row->line, gk_keys_row_label (GK_TABLE_3, GK_TEMPLATE_2021, key));
          g_autofree char *subject = g_strdup_printf ("t3:%s:repeated@%u", key, row->line);
          add_parse_finding (report, "P4", GK_SEVERITY_WARNING, subject, row->line, msg);
          continue;
        }

      if (first_line == 0)
        first_line = row->line;

      cells = g_new0 (const GkTextCell *, GK_T3_N_COLUMNS);
      g_ptr_array_add (keep, cells);
      if (!align_values (row, data_start, GK_T3_N_COLUMNS, cells))
        {
          g_autofree char *msg = g_strdup_printf (_("Table 3, line %u: the row “%s” does not have 7 cells; missing ones are blank"),
                                                  row->line, gk_keys_row_label (GK_TABLE_3, GK_TEMPLATE_2021, key));
          g_autofree char *subject = g_strdup_printf ("t3:%s:cells", key);
          GkFinding *finding = add_parse_finding (report, "P4", GK_SEVERITY_WARNING, subject, row->line, msg);

          for (guint c = 0; finding != NULL && c < GK_T3_N_COLUMNS; c++)
            {
              g_autofree char *cell_key = g_strdup_printf ("t3/%s/%s", key, t3_columns[c].key);
              gk_finding_add_cell (finding, cell_key);
            }
        }
      g_hash_table_insert (found, (gpointer) key, cells);

      if (strcmp (key, "other") == 0)
        has_other_single = TRUE;
      else if (g_str_has_prefix (key, "other."))
        has_other_split = TRUE;
    }

  if (g_hash_table_size (found) == 0)
    return;

  if (has_other_split)
    state->t3_template = GK_TEMPLATE_2021;
  else if (has_other_single)
    state->t3_template = GK_TEMPLATE_2019;

  table = gk_table_new (GK_TABLE_3, state->t3_template == GK_TEMPLATE_2019 ? GK_TEMPLATE_2019 : GK_TEMPLATE_2021);
  gk_table_set_line (table, first_line);
  rows = gk_keys_t3_rows (state->t3_template, &n_rows);
  columns = gk_keys_t3_columns (&n_columns);

  for (guint r = 0; r < n_rows; r++)
    {
      const GkTextCell **cells = g_hash_table_lookup (found, rows[r].key);

      if (cells == NULL)
        {
          g_autofree char *msg = g_strdup_printf (_("Table 3 has no row “%s”; its cells are blank"), rows[r].label);
          g_autofree char *subject = g_strdup_printf ("t3:%s", rows[r].key);
          GkFinding *finding = add_parse_finding (report, "P2", GK_SEVERITY_WARNING, subject, first_line, msg);

          for (guint c = 0; finding != NULL && c < n_columns; c++)
            {
              g_autofree char *cell_key = g_strdup_printf ("t3/%s/%s", rows[r].key, columns[c].key);
              gk_finding_add_cell (finding, cell_key);
            }
        }

      for (guint c = 0; c < n_columns; c++)
        {
          const GkTextCell *tc = cells ? cells[c] : NULL;
          g_autoptr(GkCell) cell = gk_cell_new (GK_TABLE_3, rows[r].key, columns[c].key,
                                                tc ? tc->raw : NULL, tc ? tc->line : 0);
          gk_table_add_cell (table, cell);
        }
    }

  gk_report_set_table (report, table);
}

/* ---------------------------------------------------------------------- */
/* Table 4                                                                */

static void
parse_t4 (ParseState *state)
{
  GkReport *report = state->report;
  g_autoptr(GPtrArray) values = g_ptr_array_new ();  /* GkTextCell* */
  g_autoptr(GkTable) table = NULL;
  const GkKeyLabel *rows, *columns;
  guint n_rows, n_columns;
  guint first_line = 0;

  for (guint r = 0; r < state->t4_rows->len && values->len < GK_T4_N_ROWS * GK_T4_N_COLUMNS; r++)
    {
      const GkTextRow *row = g_ptr_array_index (state->t4_rows, r);
      guint start = 0, end = row->n_cells;

      if (first_line == 0)
        first_line = row->line;
      /* Header rows carry labels; the data row holds only numbers, "/"
       * and blanks. */
      if (row->layout == GK_ROW_PROSE || row_count_labels (row) > 0 || row_count_data (row) == 0)
        continue;

      while (end > start && row->cells[end - 1].norm[0] == '\0')
        end--;
      /* Spacer cells before the values of a full row. */
      while (end - start > GK_T4_N_ROWS * GK_T4_N_COLUMNS - values->len && row->cells[start].norm[0] == '\0')
        start++;

      for (guint i = start; i < end && values->len < GK_T4_N_ROWS * GK_T4_N_COLUMNS; i++)
        g_ptr_array_add (values, &row->cells[i]);
    }

  if (values->len == 0)
    return;

  if (values->len < GK_T4_N_ROWS * GK_T4_N_COLUMNS)
    {
      g_autofree char *msg = g_strdup_printf (_("Table 4 has only %u of its 15 cells: the table is truncated; the missing cells are blank"), values->len);
      GkFinding *finding = add_parse_finding (report, "P4", GK_SEVERITY_ERROR, "t4:truncated", first_line, msg);

      for (guint i = values->len; finding != NULL && i < GK_T4_N_ROWS * GK_T4_N_COLUMNS; i++)
        {
          guint n;
          g_autofree char *cell_key = g_strdup_printf ("t4/%s/%s", gk_keys_t4_rows (&n)[i / GK_T4_N_COLUMNS].key,
                                                       gk_keys_t4_columns (&n)[i % GK_T4_N_COLUMNS].key);
          gk_finding_add_cell (finding, cell_key);
        }
    }

  table = gk_table_new (GK_TABLE_4, GK_TEMPLATE_UNKNOWN);
  gk_table_set_line (table, first_line);
  rows = gk_keys_t4_rows (&n_rows);
  columns = gk_keys_t4_columns (&n_columns);

  for (guint i = 0; i < n_rows * n_columns; i++)
    {
      const GkTextCell *tc = i < values->len ? g_ptr_array_index (values, i) : NULL;
      g_autoptr(GkCell) cell = gk_cell_new (GK_TABLE_4, rows[i / n_columns].key, columns[i % n_columns].key,
                                            tc ? tc->raw : NULL, tc ? tc->line : 0);
      gk_table_add_cell (table, cell);
    }

  gk_report_set_table (report, table);
}

/* ---------------------------------------------------------------------- */
/* Table 2                                                                */

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
  const char       *row;     /* a template's key, or one of parse_t2()'s names */
  const GkTextCell *values[GK_T2_MAX_COLUMNS];
  const char       *columns[GK_T2_MAX_COLUMNS];
  guint             n_values;
  guint             line;
} T2Row;

static const char *
t2_row_key (const char *norm)
{
  for (guint i = 0; i < G_N_ELEMENTS (t2_row_keywords); i++)
    if (strstr (norm, t2_row_keywords[i].keyword) != NULL)
      return t2_row_keywords[i].key;
  return NULL;
}

/* What t2_sub_item_key() returns for a name past the limit. */
static const char t2_too_many_items[] = "";

/* The key of a named item of 其他对外管理服务事项, "other_services.NAME",
 * kept in @sub_items in the order the items come; the same pointer for
 * the same name.  Past %GK_PARSE_MAX_T2_ITEMS names, t2_too_many_items. */
static const char *
t2_sub_item_key (GPtrArray  *sub_items,
                 const char *name)
{
  g_autofree char *key = g_strconcat ("other_services.", name, NULL);
  guint i;

  if (g_ptr_array_find_with_equal_func (sub_items, key, g_str_equal, &i))
    return g_ptr_array_index (sub_items, i);
  if (sub_items->len >= GK_PARSE_MAX_T2_ITEMS)
    return t2_too_many_items;
  g_ptr_array_add (sub_items, g_steal_pointer (&key));
  return g_ptr_array_index (sub_items, sub_items->len - 1);
}

static void
parse_t2 (ParseState *state)
{
  GkReport *report = state->report;
  g_autoptr(GArray) parsed = g_array_new (FALSE, TRUE, sizeof (T2Row));
  /* The other_services.* keys, owned here: names from the file are never
   * interned (see gk-cell.c), and there are at most GK_PARSE_MAX_T2_ITEMS. */
  g_autoptr(GPtrArray) sub_items = g_ptr_array_new_with_free_func (g_free);
  guint n_dropped_items = 0, dropped_line = 0;
  g_autoptr(GkTable) table = NULL;
  const char *header[GK_T2_MAX_COLUMNS] = { NULL, };
  guint n_header = 0;
  gboolean in_other_services = FALSE;
  int votes_2019 = 0, votes_2021 = 0;
  const GkT2Row *rows;
  guint n_rows;
  guint first_line = 0;

  for (guint r = 0; r < state->t2_rows->len; r++)
    {
      const GkTextRow *row = g_ptr_array_index (state->t2_rows, r);
      guint data_start = row_data_start (row);
      const char *key = NULL;
      T2Row entry = { NULL, };
      guint start, end;

      if (first_line == 0)
        first_line = row->line;

      if (row_contains (row, "第二十条"))
        {
          n_header = 0;
          in_other_services = FALSE;
          continue;
        }

      if (row_contains (row, "信息内容"))
        {
          /* The column header of a sub-table. */
          n_header = 0;
          for (guint i = 1; i < row->n_cells && n_header < GK_T2_MAX_COLUMNS; i++)
            {
              const char *norm = row->cells[i].norm;
              if (*norm == '\0')
                continue;
              for (guint k = 0; k < G_N_ELEMENTS (t2_column_keywords); k++)
                if (strstr (norm, t2_column_keywords[k].keyword) != NULL)
                  {
                    header[n_header++] = t2_column_keywords[k].column;
                    if (t2_column_keywords[k].template_ == GK_TEMPLATE_2019)
                      votes_2019++;
                    else if (t2_column_keywords[k].template_ == GK_TEMPLATE_2021)
                      votes_2021++;
                    break;
                  }
            }
          continue;
        }

      if (data_start == 0)
        continue;

      /* Row label: the first label cell; a second one names a sub-item of
       * 其他对外管理服务事项 (2019). */
      {
        const GkTextCell *first_label = NULL, *second_label = NULL;

        for (guint i = 0; i < data_start; i++)
          if (cell_is_label (&row->cells[i]))
            {
              if (first_label == NULL)
                first_label = &row->cells[i];
              else if (second_label == NULL)
                second_label = &row->cells[i];
            }

        key = t2_row_key (first_label->norm);
        if (key != NULL && strcmp (key, "other_services") == 0)
          {
            in_other_services = TRUE;
            if (second_label != NULL)
              key = t2_sub_item_key (sub_items, second_label->norm);
          }
        else if (key == NULL && in_other_services)
          key = t2_sub_item_key (sub_items, first_label->norm);
        else if (key != NULL)
          in_other_services = FALSE;
      }

      /* A name past the limit: the row is dropped, with a finding below. */
      if (key == t2_too_many_items)
        {
          if (n_dropped_items++ == 0)
            dropped_line = row->line;
          continue;
        }

      if (key == NULL)
        continue;

      entry.row = key;
      entry.line = row->line;

      start = data_start;
      end = row->n_cells;
      /* A row of a real table under its header: empty cells that a merged
       * label covers come first, then padding to the table's width; what
       * is left lines up with the header, blanks included. */
      if (row->layout == GK_ROW_GRID && n_header > 0)
        {
          while (end - start > n_header && row->cells[start].norm[0] == '\0')
            start++;
          while (end - start > n_header && row->cells[end - 1].norm[0] == '\0')
            end--;
        }
      else
        while (end > start && row->cells[end - 1].norm[0] == '\0')
          end--;
      /* 001 writes "行政事业性收费" and its value as lone lines: take the
       * values from the next row when this one has none. */
      if (end == start && r + 1 < state->t2_rows->len)
        {
          const GkTextRow *next = g_ptr_array_index (state->t2_rows, r + 1);
          if (row_count_labels (next) == 0 && row_count_data (next) > 0)
            {
              row = next;
              r++;
              start = 0;
              end = row->n_cells;
              while (end > start && row->cells[end - 1].norm[0] == '\0')
                end--;
            }
        }

      for (guint i = start; i < end && entry.n_values < GK_T2_MAX_COLUMNS; i++)
        entry.values[entry.n_values++] = &row->cells[i];

      /* Values sit under the header's columns; a row with fewer values
       * than columns lost its first cells to a merged label. */
      {
        guint n_cols = n_header;
        const char *defaults[GK_T2_MAX_COLUMNS + 1] = { NULL, };

        if (n_cols == 0)
          {
            /* No header: the template's own columns for this row. */
            const char *base = g_str_has_prefix (key, "other_services.") ? "other_services" : key;
            GkTemplate guess = votes_2019 > votes_2021 ? GK_TEMPLATE_2019 : GK_TEMPLATE_2021;
            const GkT2Row *trows = gk_keys_t2_rows (guess, &n_rows);

            for (guint i = 0; i < n_rows; i++)
              if (strcmp (trows[i].key, base) == 0)
                for (n_cols = 0; trows[i].columns[n_cols] != NULL; n_cols++)
                  defaults[n_cols] = trows[i].columns[n_cols];
          }

        for (guint i = 0; i < n_cols; i++)
          entry.columns[i] = n_header ? header[i] : defaults[i];

        if (entry.n_values < n_cols)
          {
            guint shift = n_cols - entry.n_values;
            for (guint i = n_cols; i-- > shift; )
              entry.values[i] = entry.values[i - shift];
            for (guint i = 0; i < shift; i++)
              entry.values[i] = NULL;
          }
        entry.n_values = n_cols;
      }

      g_array_append_val (parsed, entry);
    }

  if (n_dropped_items > 0)
    {
      g_autofree char *msg = g_strdup_printf (_("Table 2, line %u: more than %d items are named under 其他对外管理服务事项; the %u rows of the others were ignored"),
                                              dropped_line, GK_PARSE_MAX_T2_ITEMS, n_dropped_items);
      add_parse_finding (report, "P7", GK_SEVERITY_WARNING, "t2:items", dropped_line, msg);
    }

  if (parsed->len == 0)
    return;

  state->t2_template = votes_2019 > votes_2021 ? GK_TEMPLATE_2019 : GK_TEMPLATE_2021;
  table = gk_table_new (GK_TABLE_2, state->t2_template);
  gk_table_set_line (table, first_line);
  rows = gk_keys_t2_rows (state->t2_template, &n_rows);

  for (guint r = 0; r < n_rows; r++)
    {
      g_autoptr(GPtrArray) keys = g_ptr_array_new ();

      /* 其他对外管理服务事项 split into named items replaces its row. */
      if (strcmp (rows[r].key, "other_services") == 0 && sub_items->len > 0)
        g_ptr_array_extend (keys, sub_items, NULL, NULL);
      else
        g_ptr_array_add (keys, (gpointer) rows[r].key);

      for (guint k = 0; k < keys->len; k++)
        {
          const char *key = g_ptr_array_index (keys, k);
          const T2Row *entry = NULL;

          for (guint i = 0; i < parsed->len; i++)
            if (strcmp (g_array_index (parsed, T2Row, i).row, key) == 0)
              {
                entry = &g_array_index (parsed, T2Row, i);
                break;
              }

          if (entry == NULL)
            {
              g_autofree char *msg = g_strdup_printf (_("Table 2 has no row “%s”; its cells are blank"), rows[r].label);
              g_autofree char *subject = g_strdup_printf ("t2:%s", key);
              GkFinding *finding = add_parse_finding (report, "P2", GK_SEVERITY_WARNING, subject, first_line, msg);

              for (guint c = 0; finding != NULL && rows[r].columns[c] != NULL; c++)
                {
                  g_autofree char *cell_key = g_strdup_printf ("t2/%s/%s", key, rows[r].columns[c]);
                  gk_finding_add_cell (finding, cell_key);
                }
            }

          for (guint c = 0; rows[r].columns[c] != NULL; c++)
            {
              const char *column = rows[r].columns[c];
              const GkTextCell *tc = NULL;
              g_autoptr(GkCell) cell = NULL;

              if (entry != NULL)
                for (guint i = 0; i < entry->n_values; i++)
                  if (g_strcmp0 (entry->columns[i], column) == 0)
                    tc = entry->values[i];

              cell = gk_cell_new (GK_TABLE_2, key, column, tc ? tc->raw : NULL, tc ? tc->line : 0);
              gk_table_add_cell (table, cell);
            }
        }
    }

  gk_report_set_table (report, table);
}

/* ---------------------------------------------------------------------- */

static void
flag_text_cells (GkReport *report)
{
  for (GkTableId id = GK_TABLE_2; id <= GK_TABLE_4; id++)
    {
      GkTable *table = gk_report_get_table (report, id);

      if (table == NULL)
        continue;

      for (guint i = 0; i < gk_table_get_n_cells (table); i++)
        {
          GkCell *cell = gk_table_get_cell (table, i);
          g_autofree char *key = NULL;
          g_autofree char *msg = NULL;
          g_autoptr(GkFinding) finding = NULL;

          if (gk_cell_get_value_class (cell) != GK_VALUE_TEXT)
            continue;

          key = gk_cell_dup_key (cell);
          if (gk_cell_has_value (cell))
            {
              g_autofree char *value = gk_cell_format_value (cell);
              msg = g_strdup_printf (_("Cell %s holds text “%s”; the number %s was taken from it"),
                                     key, gk_cell_get_raw (cell), value);
            }
          else
            msg = g_strdup_printf (_("Cell %s holds text “%s” instead of a number"), key, gk_cell_get_raw (cell));

          finding = gk_finding_new ("P3", GK_SEVERITY_WARNING, GK_FINDING_FAILED, key, msg);
          gk_finding_set_line (finding, gk_cell_get_line (cell));
          gk_finding_add_cell (finding, key);
          gk_report_add_finding (report, finding);
        }
    }
}

static TableContext
context_for_row (const GkTextRow *row,
                 TableContext     current)
{
  if (row_contains (row, "第二十条"))
    return CTX_T2;
  if (row_contains (row, "本年新收") || row_contains (row, "勾稽关系") || row_contains (row, "申请人情况"))
    return CTX_T3;
  if (row->layout != GK_ROW_PROSE && row_contains (row, "行政复议")
      && (row_contains (row, "行政诉讼") || row_contains (row, "维持")))
    return CTX_T4;
  return current;
}

/* Enforces the limit on the cells of the tables' rows, before any cell of
 * the report is made of them: nothing that long is a count or a label of
 * the templates, but it would become a cell's text or a row's key, held,
 * stored and shown whole.  A label is cut (its first words still name
 * the row); a value is left blank, since a number cut short would be
 * another number. */
static void
cut_long_cells (ParseState *state)
{
  GPtrArray *tables[] = { state->t2_rows, state->t3_rows, state->t4_rows };
  guint max = state->limits->max_cell_length;

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    for (guint r = 0; r < tables[t]->len; r++)
      {
        GkTextRow *row = g_ptr_array_index (tables[t], r);

        for (guint c = 0; c < row->n_cells; c++)
          {
            GkTextCell *cell = &row->cells[c];
            g_autofree char *msg = NULL;
            g_autofree char *subject = NULL;
            glong n_chars;

            /* No more characters than bytes: most cells stop here. */
            if (strlen (cell->raw) <= max || (n_chars = g_utf8_strlen (cell->raw, -1)) <= max)
              continue;

            if (cell_is_label (cell))
              {
                *g_utf8_offset_to_pointer (cell->raw, max) = '\0';
                if (g_utf8_strlen (cell->norm, -1) > max)
                  *g_utf8_offset_to_pointer (cell->norm, max) = '\0';
                msg = g_strdup_printf (_("Table %u, line %u: a cell holds %ld characters, more than the %u a cell can hold; only the first %u were kept"),
                                       t + 2, cell->line, n_chars, max, max);
              }
            else
              {
                cell->raw[0] = '\0';
                cell->norm[0] = '\0';
                cell->klass = GK_VALUE_BLANK;
                msg = g_strdup_printf (_("Table %u, line %u: a cell holds %ld characters, more than the %u a cell can hold; it was left blank"),
                                       t + 2, cell->line, n_chars, max);
              }
            subject = g_strdup_printf ("t%u:long@%u:%u", t + 2, cell->line, c);
            add_parse_finding (state->report, "P4", GK_SEVERITY_WARNING, subject, cell->line, msg);
          }
      }
}

/* Adds @row to table @t (0 for table 2), or counts it past the limit. */
static void
add_table_row (ParseState *state,
               guint       t,
               GkTextRow  *row)
{
  GPtrArray *tables[] = { state->t2_rows, state->t3_rows, state->t4_rows };

  if (tables[t]->len >= GK_PARSE_MAX_TABLE_ROWS)
    state->dropped_rows[t]++;
  else
    g_ptr_array_add (tables[t], row);
}

/* Appends @text to the prose of @section after @separator (none at the
 * start), up to GK_PARSE_MAX_SECTION_LENGTH bytes; what is past it is
 * counted, not kept. */
static void
append_prose (ParseState *state,
              int         section,
              const char *separator,
              const char *text)
{
  GString *prose = state->sections[section];
  gsize len = strlen (text);
  gsize room;

  if (prose->len > 0)
    len += strlen (separator);
  if (state->section_cut[section] == 0 && prose->len + len <= GK_PARSE_MAX_SECTION_LENGTH)
    {
      if (prose->len > 0)
        g_string_append (prose, separator);
      g_string_append (prose, text);
      return;
    }

  /* The first text past the limit: its head fills the room left, cut
   * where a character starts. */
  if (state->section_cut[section] == 0)
    {
      const char *end;

      room = GK_PARSE_MAX_SECTION_LENGTH - prose->len;
      if (prose->len > 0 && room > strlen (separator))
        {
          g_string_append (prose, separator);
          room -= strlen (separator);
          len -= strlen (separator);
        }
      else if (prose->len > 0)
        room = 0;
      end = text + MIN (room, strlen (text));
      while (end > text && (*end & 0xC0) == 0x80)
        end--;
      g_string_append_len (prose, text, end - text);
      len -= end - text;
    }
  state->section_cut[section] += len;
}

/* The findings of the limits parse_rows() met. */
static void
report_cuts (ParseState *state)
{
  for (guint t = 0; t < G_N_ELEMENTS (state->dropped_rows); t++)
    if (state->dropped_rows[t] > 0)
      {
        g_autofree char *msg = g_strdup_printf (_("Table %u has more than %d rows, far more than its template: the %u rows after them were ignored"),
                                                t + 2, GK_PARSE_MAX_TABLE_ROWS, state->dropped_rows[t]);
        g_autofree char *subject = g_strdup_printf ("t%u:rows", t + 2);
        add_parse_finding (state->report, "P7", GK_SEVERITY_WARNING, subject, 0, msg);
      }

  for (guint i = 0; i < GK_N_SECTIONS; i++)
    if (state->section_cut[i] > 0)
      {
        g_autofree char *msg = g_strdup_printf (_("Section %u’s text is longer than %d kB: only its first %d kB were kept (%u bytes were left out)"),
                                                i + 1, GK_PARSE_MAX_SECTION_LENGTH / 1024,
                                                GK_PARSE_MAX_SECTION_LENGTH / 1024, state->section_cut[i]);
        g_autofree char *subject = g_strdup_printf ("section%u:length", i + 1);
        add_parse_finding (state->report, "P7", GK_SEVERITY_WARNING, subject, state->section_lines[i], msg);
      }
}

static gboolean
parse_rows (ParseState  *state,
            GError     **error)
{
  GkReport *report = state->report;
  TableContext ctx = CTX_NONE;
  int section = -1;

  for (guint r = 0; r < state->rows->len; r++)
    {
      GkTextRow *row = g_ptr_array_index (state->rows, r);

      if (row->layout == GK_ROW_PROSE)
        {
          int heading = section_heading (row->cells[0].norm);

          if (heading > section)
            {
              section = heading;
              state->section_lines[section] = row->line;
              ctx = section == 1 ? CTX_T2 : section == 2 ? CTX_T3 : section == 3 ? CTX_T4 : CTX_NONE;
              continue;
            }

          /* Lone labels and numbers inside table 2 (seed 001). */
          if (ctx == CTX_T2 && strlen (row->cells[0].norm) <= 12 * 3
              && (cell_is_data (&row->cells[0]) || t2_row_key (row->cells[0].norm) != NULL))
            {
              add_table_row (state, 0, row);
              continue;
            }

          if (section >= 0)
            append_prose (state, section, "\n", row->cells[0].raw);
          continue;
        }

      ctx = context_for_row (row, ctx);
      switch (ctx)
        {
        case CTX_T2:
          add_table_row (state, 0, row);
          break;
        case CTX_T3:
          add_table_row (state, 1, row);
          break;
        case CTX_T4:
          add_table_row (state, 2, row);
          break;
        case CTX_NONE:
        default:
          /* A table row outside the three tables (a local addition): its
           * text still belongs to the section's prose. */
          if (section >= 0)
            for (guint c = 0; c < row->n_cells; c++)
              if (row->cells[c].raw[0] != '\0')
                append_prose (state, section, c == 0 ? "\n" : " ", row->cells[c].raw);
          break;
        }
    }

  report_cuts (state);

  cut_long_cells (state);
  parse_t2 (state);
  parse_t3 (state);
  parse_t4 (state);

  for (guint i = 0; i < GK_N_SECTIONS; i++)
    if (state->section_lines[i] > 0 || state->sections[i]->len > 0)
      gk_report_set_section (report, i, state->sections[i]->str, state->section_lines[i]);

  gk_metadata_guess (report, state->rows);

  /* The template: table 3's 其他处理 rows decide, table 2's columns
   * otherwise; a report before 2019 follows neither. */
  {
    GkTemplate template_ = GK_TEMPLATE_UNKNOWN;
    int year = gk_report_get_year (report);

    if (state->t3_template != GK_TEMPLATE_UNKNOWN)
      template_ = state->t3_template;
    else if (gk_report_get_table (report, GK_TABLE_2) != NULL)
      template_ = state->t2_template;
    if (year > 0 && year < 2019 && template_ == GK_TEMPLATE_UNKNOWN)
      template_ = GK_TEMPLATE_LEGACY;
    gk_report_set_template (report, template_);
  }

  if (gk_report_get_table (report, GK_TABLE_2) == NULL
      && gk_report_get_table (report, GK_TABLE_3) == NULL
      && gk_report_get_table (report, GK_TABLE_4) == NULL)
    {
      /* A report from before the 2019 templates is kept for its text. */
      if (gk_report_get_template (report) == GK_TEMPLATE_LEGACY)
        return TRUE;

      g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_NO_TABLES,
                   _("no report tables found: this does not look like an annual report on government information disclosure"));
      return FALSE;
    }

  {
    static const char * const table_names[] = {
      /* Translators: the titles of the report's tables, as in the report */
      N_("Table 2 (主动公开政府信息情况)"),
      N_("Table 3 (收到和处理政府信息公开申请情况)"),
      N_("Table 4 (政府信息公开行政复议、行政诉讼情况)"),
    };

    for (GkTableId id = GK_TABLE_2; id <= GK_TABLE_4; id++)
      if (gk_report_get_table (report, id) == NULL && gk_report_get_template (report) != GK_TEMPLATE_LEGACY)
        {
          g_autofree char *msg = g_strdup_printf (_("%s is missing from the report"), _(table_names[id - GK_TABLE_2]));
          add_parse_finding (report, "P1", GK_SEVERITY_ERROR, gk_table_id_to_key (id), 0, msg);
        }
  }

  flag_text_cells (report);
  return TRUE;
}

static void
set_too_many_rows (GError **error,
                   guint64  n_rows)
{
  /* The count as text: gettext cannot read a message built with
   * G_GUINT64_FORMAT. */
  g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, n_rows);

  g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT,
               _("the file has %s lines of text, more than the %d a report can have: refused"),
               count, GK_PARSE_MAX_ROWS);
}

/* Takes @rows, from the layout reader or a format reader.  Scraped text
 * has its tables' cells run together; they are rebuilt first, and every
 * split that had to be guessed becomes a finding of the report. */
static GkReport *
parse_rows_into (GkReport            *report,
                 GPtrArray           *rows,
                 const GkParseLimits *limits,
                 GError             **error)
{
  ParseState state = { 0, };
  g_autoptr(GPtrArray) scraped_findings = NULL;
  gboolean ok;

  /* Rows from a format reader (the text's lines were counted before). */
  if (rows->len > GK_PARSE_MAX_ROWS)
    {
      set_too_many_rows (error, rows->len);
      g_ptr_array_unref (rows);
      g_object_unref (report);
      return NULL;
    }

  if (gk_scraped_applies (rows))
    {
      GPtrArray *rebuilt;

      scraped_findings = g_ptr_array_new_with_free_func (g_object_unref);
      rebuilt = gk_scraped_rebuild (rows, scraped_findings);
      g_ptr_array_unref (rows);
      rows = rebuilt;
    }

  state.report = report;
  state.rows = rows;
  state.limits = limits;
  state.t2_rows = g_ptr_array_new ();
  state.t3_rows = g_ptr_array_new ();
  state.t4_rows = g_ptr_array_new ();
  for (guint i = 0; i < GK_N_SECTIONS; i++)
    state.sections[i] = g_string_new (NULL);

  ok = parse_rows (&state, error);

  /* Cells the splits disagree on become blanks marked ambiguous. */
  if (ok && scraped_findings != NULL)
    gk_scraped_add_findings (report, scraped_findings);

  for (guint i = 0; i < GK_N_SECTIONS; i++)
    g_string_free (state.sections[i], TRUE);
  g_ptr_array_unref (state.t2_rows);
  g_ptr_array_unref (state.t3_rows);
  g_ptr_array_unref (state.t4_rows);
  g_ptr_array_unref (state.rows);

  if (!ok)
    {
      g_object_unref (report);
      return NULL;
    }

  return report;
}

static GkReport *
parse_text_into (GkReport            *report,
                 const char          *text,
                 const GkParseLimits *limits,
                 GError             **error)
{
  guint64 n_lines = 0;
  gboolean blank = TRUE;

  /* Counted before the lines become rows: a row costs some hundred bytes
   * more than its text, and 64 MB of one-character lines would take
   * gigabytes. */
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n')
        {
          n_lines += !blank;
          blank = TRUE;
        }
      else if (*p != ' ' && *p != '\t' && *p != '\r')
        blank = FALSE;
    }
  n_lines += !blank;

  if (n_lines > GK_PARSE_MAX_ROWS)
    {
      set_too_many_rows (error, n_lines);
      g_object_unref (report);
      return NULL;
    }

  return parse_rows_into (report, gk_layout_read (text), limits, error);
}

static gboolean
is_blank_text (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!(g_unichar_isspace (c) || gk_normalize_is_space (c)))
        return FALSE;
    }
  return TRUE;
}

/**
 * gk_parse_text:
 * @text: a report's text in UTF-8
 * @source_name: (nullable): where it came from, for messages
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 *   when the text holds no report
 */
GkReport *
gk_parse_text (const char  *text,
               const char  *source_name,
               GError     **error)
{
  GkReport *report;
  GkParseLimits limits;

  g_return_val_if_fail (text != NULL, NULL);

  gk_parse_limits_init (&limits);
  if (is_blank_text (text))
    {
      g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_EMPTY, _("the file holds no text"));
      return NULL;
    }

  report = gk_report_new ();
  gk_report_set_source_name (report, source_name);
  gk_report_set_encoding (report, "UTF-8");
  return parse_text_into (report, text, &limits, error);
}

/* The file's identity in the library.  nettle rather than GChecksum: it
 * hashes with the CPU's SHA extensions where there are some, and hashing
 * was a sixth of the time a report took to read. */
static char *
sha256_hex (const guint8 *data,
            gsize         length)
{
  struct sha256_ctx ctx;
  guint8 digest[SHA256_DIGEST_SIZE];
  char *hex = g_malloc (2 * SHA256_DIGEST_SIZE + 1);
  static const char digits[] = "0123456789abcdef";

  sha256_init (&ctx);
  sha256_update (&ctx, length, data);
  sha256_digest (&ctx, sizeof digest, digest);

  for (guint i = 0; i < SHA256_DIGEST_SIZE; i++)
    {
      hex[2 * i] = digits[digest[i] >> 4];
      hex[2 * i + 1] = digits[digest[i] & 0xF];
    }
  hex[2 * SHA256_DIGEST_SIZE] = '\0';
  return hex;
}

/**
 * gk_parse_limits_init:
 * @limits: (out caller-allocates): the limits to set
 *
 * Sets @limits to the defaults, %GK_PARSE_DEFAULT_MAX_SIZE and
 * %GK_PARSE_DEFAULT_MAX_CELL_LENGTH.
 */
void
gk_parse_limits_init (GkParseLimits *limits)
{
  g_return_if_fail (limits != NULL);

  limits->max_size = GK_PARSE_DEFAULT_MAX_SIZE;
  limits->max_cell_length = GK_PARSE_DEFAULT_MAX_CELL_LENGTH;
}

/* "64 MB", "70.3 MB", "512 kB", "1000 bytes": sizes as limits are given. */
static char *
format_size (guint64 bytes)
{
  if (bytes >= 1024 * 1024)
    {
      if (bytes % (1024 * 1024) == 0)
        return g_strdup_printf ("%" G_GUINT64_FORMAT " MB", bytes / (1024 * 1024));
      return g_strdup_printf ("%.1f MB", bytes / (1024.0 * 1024.0));
    }
  if (bytes % 1024 == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " kB", bytes / 1024);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu byte", "%lu bytes", bytes), (gulong) bytes);
}

/**
 * gk_parse_limits_check_size:
 * @limits: (nullable): the limits, %NULL for the defaults
 * @size: the size of a file, in bytes
 *
 * Tells whether a file of @size bytes may be read, so that callers refuse
 * a file too large before they load it, with the message the parser gives.
 *
 * Returns: %TRUE when it may, %FALSE with %GK_PARSE_ERROR_TOO_LARGE
 */
gboolean
gk_parse_limits_check_size (const GkParseLimits  *limits,
                            guint64               size,
                            GError              **error)
{
  GkParseLimits defaults;

  if (limits == NULL)
    {
      gk_parse_limits_init (&defaults);
      limits = &defaults;
    }

  if (size > limits->max_size)
    {
      g_autofree char *have = format_size (size);
      g_autofree char *max = format_size (limits->max_size);

      /* Not "64.0 MB, more than the 64 MB" for a file just over. */
      if (strcmp (have, max) == 0 || (size - limits->max_size < 1024 * 1024 / 10 && size >= 1024 * 1024))
        {
          g_free (have);
          have = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu byte", "%lu bytes", size), (gulong) size);
        }
      /* Translators: the sizes are "70.3 MB" and "64 MB" */
      g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_TOO_LARGE,
                   _("the file is %s, more than the %s a report can be"), have, max);
      return FALSE;
    }

  return TRUE;
}

/**
 * gk_parse_bytes:
 * @bytes: the file's bytes
 * @source_name: (nullable): where they came from
 *
 * Decodes and parses a report.  Bad input is normal: every way it can fail
 * is a #GkParseError with a message that says what is wrong.
 *
 * Returns: (transfer full) (nullable): the report
 */
GkReport *
gk_parse_bytes (GBytes      *bytes,
                const char  *source_name,
                GError     **error)
{
  return gk_parse_bytes_with_limits (bytes, source_name, NULL, error);
}

/**
 * gk_parse_bytes_with_limits:
 * @bytes: the file's bytes
 * @source_name: (nullable): where they came from
 * @limits: (nullable): the limits to keep, %NULL for the defaults
 *
 * As gk_parse_bytes(), within @limits.
 *
 * Returns: (transfer full) (nullable): the report
 */
GkReport *
gk_parse_bytes_with_limits (GBytes              *bytes,
                            const char          *source_name,
                            const GkParseLimits *limits,
                            GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sha256 = NULL;
  GkParseLimits defaults;
  const guint8 *data;
  gsize length;
  GkFormat format;
  GkReport *report;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (limits == NULL)
    {
      gk_parse_limits_init (&defaults);
      limits = &defaults;
    }

  data = g_bytes_get_data (bytes, &length);

  if (!gk_parse_limits_check_size (limits, length, error))
    return NULL;

  if (!gk_format_sniff (data, length, &format, error))
    return NULL;

  sha256 = sha256_hex (data, length);

  if (format != GK_FORMAT_TEXT)
    {
      GPtrArray *rows = NULL;

      switch (format)
        {
        case GK_FORMAT_HTML:
          rows = gk_html_read (data, length, &encoding, error);
          break;
        case GK_FORMAT_DOCX:
          rows = gk_docx_read (data, length, error);
          break;
        case GK_FORMAT_PDF:
          rows = gk_pdf_read (data, length, error);
          break;
        case GK_FORMAT_TEXT:
        default:
          g_assert_not_reached ();
        }

      if (rows == NULL)
        return NULL;

      report = gk_report_new ();
      gk_report_set_source_name (report, source_name);
      gk_report_set_sha256 (report, sha256);
      /* A DOCX is UTF-8 XML and a PDF has no encoding of its own. */
      gk_report_set_encoding (report, encoding ? encoding : "UTF-8");
      gk_report_set_format (report, format);
      return parse_rows_into (report, rows, limits, error);
    }

  text = gk_decode_text (data, length, &encoding, &local_error);
  if (text == NULL)
    {
      GkParseError code = GK_PARSE_ERROR_ENCODING;

      if (g_error_matches (local_error, GK_DECODE_ERROR, GK_DECODE_ERROR_EMPTY))
        code = GK_PARSE_ERROR_EMPTY;
      else if (g_error_matches (local_error, GK_DECODE_ERROR, GK_DECODE_ERROR_BINARY))
        code = GK_PARSE_ERROR_BINARY;
      g_set_error_literal (error, GK_PARSE_ERROR, code, local_error->message);
      return NULL;
    }

  if (is_blank_text (text))
    {
      g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_EMPTY, _("the file holds no text"));
      return NULL;
    }

  report = gk_report_new ();
  gk_report_set_source_name (report, source_name);
  gk_report_set_sha256 (report, sha256);
  gk_report_set_encoding (report, encoding);
  gk_report_set_format (report, GK_FORMAT_TEXT);

  return parse_text_into (report, text, limits, error);
}

/**
 * gk_parse_file:
 *
 * Reads and parses a report file; the source name is the file's basename.
 *
 * Returns: (transfer full) (nullable): the report
 */
GkReport *
gk_parse_file (GFile         *file,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  /* A web address is never fetched (GVfs would). */
  if (!gk_importer_check_local (file, error))
    return NULL;

  bytes = g_file_load_bytes (file, cancellable, NULL, error);
  if (bytes == NULL)
    return NULL;

  name = g_file_get_basename (file);
  return gk_parse_bytes (bytes, name, error);
}
