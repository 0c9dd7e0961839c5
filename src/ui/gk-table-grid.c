/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-table-grid"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "gk-table-grid.h"
#include "gk-tooltip.h"

/* One statistical table of a report, drawn as the official template
 * prints it: the same header rows and spans, the same row groups, so a
 * reader can hold the screen next to the PDF.  It is a GtkGrid of labels,
 * not a list view: the tables are small and fixed, and real widgets give
 * every cell its own CSS state, tooltip and accessible name.
 *
 * Each value cell carries the class of what the report printed in it
 * ("number", "zero", "signed", "blank", "na", "text", or "missing" when
 * the table has no such cell), the mark of the worst finding involving it
 * ("finding-error", "finding-warning", "not-assessable"), and
 * "selected-finding" while a finding is being looked at. */

/* Header texts of the official templates that have no key in gk-keys.h.
 * Like the labels there they are report data, not UI text, so they are
 * not translated. */
#define T3_NOTE          "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
#define T3_APPLICANTS    "申请人情况"
#define T3_ORGANISATIONS "法人或其他组织"
#define T2_CONTENT       "信息内容"

/* How close to the edge of a scrolled area a highlighted cell may sit. */
#define SCROLL_MARGIN 24

typedef enum
{
  MARK_NONE = 0,
  MARK_NOT_ASSESSABLE,
  MARK_WARNING,
  MARK_ERROR,
} Mark;

typedef struct
{
  GtkWidget *label;         /* owned by the grid */
  GkCell    *cell;          /* NULL when the table has no such cell */
  char      *key;
  char      *row_label;
  char      *column_label;
  GPtrArray *findings;      /* GkFinding involving the cell */
} CellInfo;

struct _GkTableGrid
{
  GtkWidget      parent_instance;

  GtkWidget     *grid;
  GtkWidget     *scrollbar;
  GtkAdjustment *hadjustment;   /* sideways scrolling of a squeezed table */
  GkTable       *table;
  GListModel    *findings;

  GHashTable    *cells;         /* key → CellInfo */
  GPtrArray     *highlighted;   /* CellInfo, borrowed from cells */
  guint          scroll_tick_id;
  guint          scroll_ticks;
};

G_DEFINE_FINAL_TYPE (GkTableGrid, gk_table_grid, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TABLE,
  PROP_FINDINGS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char * const mark_classes[] = {
  NULL, "not-assessable", "finding-warning", "finding-error",
};

static void
cell_info_free (gpointer data)
{
  CellInfo *info = data;

  g_clear_pointer (&info->cell, gk_cell_unref);
  g_clear_pointer (&info->findings, g_ptr_array_unref);
  g_free (info->key);
  g_free (info->row_label);
  g_free (info->column_label);
  g_free (info);
}

static gboolean cell_query_tooltip_cb (GtkWidget   *label,
                                       int          x,
                                       int          y,
                                       gboolean     keyboard_mode,
                                       GtkTooltip  *tooltip,
                                       GkTableGrid *self);

/* ---------------------------------------------------------------------- */
/* Building the grid                                                      */

static GtkWidget *
attach_label (GkTableGrid *self,
              const char  *text,
              const char  *css_class,
              int          column,
              int          row,
              int          width,
              int          height)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, css_class);
  gtk_grid_attach (GTK_GRID (self->grid), label, column, row, width, height);

  return label;
}

static GtkWidget *
attach_header (GkTableGrid *self,
               const char  *text,
               int          column,
               int          row,
               int          width,
               int          height)
{
  GtkWidget *label = attach_label (self, text, "header", column, row, width, height);

  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  /* A header wraps after about seven Chinese characters, as on paper,
   * instead of widening its column for one long line; when the table is
   * squeezed, after two at the least.  (A "char" here is about half a
   * Chinese character.) */
  gtk_label_set_width_chars (GTK_LABEL (label), 4);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 13 * width);

  return label;
}

static GtkWidget *
attach_row_header (GkTableGrid *self,
                   const char  *text,
                   gboolean     group,
                   int          column,
                   int          row,
                   int          width,
                   int          height)
{
  GtkWidget *label = attach_label (self, text, "row-header", column, row, width, height);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_width_chars (GTK_LABEL (label), group ? 6 : 12);
  gtk_label_set_max_width_chars (GTK_LABEL (label), group ? 10 : 22 + 10 * (width - 1));
  if (group)
    gtk_widget_add_css_class (label, "row-group");

  return label;
}

static const char *
describe_class (CellInfo *info)
{
  if (info->cell == NULL)
    return _("Not in the report: the table has no such cell");

  switch (gk_cell_get_value_class (info->cell))
    {
    case GK_VALUE_NUMBER:
      return _("A number");
    case GK_VALUE_SIGNED:
      return _("A signed change, counted with its sign");
    case GK_VALUE_BLANK:
      return _("Blank: the report left this cell empty, which is not a zero");
    case GK_VALUE_NA:
      return _("Not applicable: the report marks this cell as having no value");
    case GK_VALUE_TEXT:
      return _("Text where a number belongs");
    default:
      g_return_val_if_reached ("");
    }
}

/* What a screen reader says for the value, so that a blank is never read
 * as an empty string or a zero. */
static char *
describe_value (CellInfo *info)
{
  if (info->cell == NULL)
    return g_strdup (_("missing"));

  switch (gk_cell_get_value_class (info->cell))
    {
    case GK_VALUE_NUMBER:
    case GK_VALUE_SIGNED:
      return gk_cell_format_value (info->cell);
    case GK_VALUE_BLANK:
      return g_strdup (_("blank"));
    case GK_VALUE_NA:
      /* Translators: a cell marked "/" or "—": it has no value. */
      return g_strdup_printf (_("not applicable, “%s”"), gk_cell_get_raw (info->cell));
    case GK_VALUE_TEXT:
      return g_strdup (gk_cell_get_raw (info->cell));
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}

static void
present_cell (CellInfo *info)
{
  GtkLabel *label = GTK_LABEL (info->label);
  g_autofree char *text = NULL;
  g_autofree char *value = NULL;
  g_autofree char *name = NULL;
  const char *css_class = "missing";
  float xalign = 1.0;

  if (info->cell != NULL)
    {
      switch (gk_cell_get_value_class (info->cell))
        {
        case GK_VALUE_NUMBER:
        case GK_VALUE_SIGNED:
          text = gk_cell_format_value (info->cell);
          css_class = gk_cell_get_value_class (info->cell) == GK_VALUE_SIGNED ? "signed" : "number";
          if (gk_cell_has_value (info->cell) && gk_cell_get_value (info->cell) == 0.0)
            gtk_widget_add_css_class (info->label, "zero");
          break;
        case GK_VALUE_BLANK:
          css_class = "blank";
          break;
        case GK_VALUE_NA:
          text = g_strstrip (g_strdup (gk_cell_get_raw (info->cell)));
          css_class = "na";
          xalign = 0.5;
          break;
        case GK_VALUE_TEXT:
          text = g_strstrip (g_strdup (gk_cell_get_raw (info->cell)));
          css_class = "text";
          /* Only text may wrap: a number broken over two lines reads as
           * two numbers. */
          gtk_label_set_wrap (label, TRUE);
          gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  gtk_label_set_label (label, text ? text : "");
  gtk_label_set_xalign (label, xalign);
  gtk_widget_add_css_class (info->label, css_class);
  if (info->cell != NULL && gk_cell_get_ambiguous (info->cell))
    gtk_widget_add_css_class (info->label, "ambiguous");

  value = describe_value (info);
  /* Translators: the accessible name of a table cell: "column, row: value",
   * e.g. "总计, 一、本年新收政府信息公开申请数量: 216". */
  name = g_strdup_printf (_("%s, %s: %s"), info->column_label, info->row_label, value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (info->label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

static void
attach_cell (GkTableGrid *self,
             const char  *row,
             const char  *column,
             const char  *row_label,
             const char  *column_label,
             int          x,
             int          y,
             int          width)
{
  CellInfo *info = g_new0 (CellInfo, 1);
  GkCell *cell = gk_table_lookup (self->table, row, column);

  info->cell = cell ? gk_cell_ref (cell) : NULL;
  info->key = g_strdup_printf ("%s/%s/%s", gk_table_id_to_key (gk_table_get_id (self->table)), row, column);
  info->row_label = g_strdup (row_label ? row_label : row);
  info->column_label = g_strdup (column_label ? column_label : column);
  info->findings = g_ptr_array_new_with_free_func (g_object_unref);

  info->label = gtk_label_new (NULL);
  gtk_widget_add_css_class (info->label, "cell");
  /* Room for three digits at the least, so that a column of short
   * numbers does not squeeze its header into one character a line. */
  gtk_label_set_width_chars (GTK_LABEL (info->label), 3);
  if (g_strcmp0 (row, "total") == 0 || g_strcmp0 (column, "total") == 0)
    gtk_widget_add_css_class (info->label, "total");
  gtk_grid_attach (GTK_GRID (self->grid), info->label, x, y, width, 1);
  g_object_set_data_full (G_OBJECT (info->label), "gk-cell-key", g_strdup (info->key), g_free);
  gtk_widget_set_has_tooltip (info->label, TRUE);
  g_signal_connect_object (info->label, "query-tooltip", G_CALLBACK (cell_query_tooltip_cb), self, 0);

  present_cell (info);
  g_hash_table_insert (self->cells, info->key, info);
}

/* Table 2: the sub-tables of 第二十条, one under the other, each with its
 * title row and its own column header. */
static void
build_table_2 (GkTableGrid *self)
{
  GkTemplate template_ = gk_table_get_template (self->table);
  g_autoptr(GPtrArray) row_keys = gk_table_dup_row_keys (self->table);
  const GkT2Row *rows;
  guint n_rows;
  int n_label_columns = 1;
  int y = 0;

  rows = gk_keys_t2_rows (template_, &n_rows);

  /* The 2019 template lets 其他对外管理服务事项 be split into named
   * sub-items, printed in a second label column. */
  for (guint i = 0; i < row_keys->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (row_keys, i), "other_services."))
      n_label_columns = 2;

  for (guint r = 0; r < n_rows; r++)
    {
      const GkT2Row *row = &rows[r];
      g_autoptr(GPtrArray) sub_items = g_ptr_array_new ();
      guint n_columns = 0;

      while (n_columns < GK_T2_MAX_COLUMNS && row->columns[n_columns] != NULL)
        n_columns++;

      if (r == 0 || g_strcmp0 (row->item, rows[r - 1].item) != 0)
        {
          g_autofree char *title = g_strdup_printf ("第二十条第%s项", row->item);
          GtkWidget *label;

          label = attach_header (self, title, 0, y, n_label_columns + GK_T2_MAX_COLUMNS, 1);
          gtk_widget_add_css_class (label, "subtable-title");
          gtk_label_set_xalign (GTK_LABEL (label), 0.0);
          gtk_label_set_max_width_chars (GTK_LABEL (label), -1);
          y++;

          attach_header (self, T2_CONTENT, 0, y, n_label_columns, 1);
          for (guint c = 0; c < n_columns; c++)
            {
              /* A sub-table with fewer columns lets its last one fill the
               * width, as the printed form does. */
              int width = c + 1 == n_columns ? GK_T2_MAX_COLUMNS - (int) c : 1;
              attach_header (self, gk_keys_t2_column_label (template_, row->columns[c]),
                             n_label_columns + c, y, width, 1);
            }
          y++;
        }

      if (strcmp (row->key, "other_services") == 0)
        for (guint i = 0; i < row_keys->len; i++)
          if (g_str_has_prefix (g_ptr_array_index (row_keys, i), "other_services."))
            g_ptr_array_add (sub_items, g_ptr_array_index (row_keys, i));

      if (sub_items->len > 0)
        attach_row_header (self, row->label, TRUE, 0, y, 1, sub_items->len);
      else
        {
          attach_row_header (self, row->label, FALSE, 0, y, n_label_columns, 1);
          g_ptr_array_add (sub_items, (gpointer) row->key);
        }

      for (guint s = 0; s < sub_items->len; s++, y++)
        {
          const char *key = g_ptr_array_index (sub_items, s);
          const char *item = gk_keys_row_label (GK_TABLE_2, template_, key);
          g_autofree char *row_label = NULL;

          if (key != row->key)
            {
              attach_row_header (self, item, FALSE, 1, y, 1, 1);
              row_label = g_strdup_printf ("%s %s", row->label, item);
            }
          else
            row_label = g_strdup (row->label);

          for (guint c = 0; c < n_columns; c++)
            {
              int width = c + 1 == n_columns ? GK_T2_MAX_COLUMNS - (int) c : 1;
              attach_cell (self, key, row->columns[c], row_label,
                           gk_keys_t2_column_label (template_, row->columns[c]),
                           n_label_columns + c, y, width);
            }
        }
    }
}

/* Table 3: a three-row column header (申请人情况 → 自然人 | 法人或其他组织
 * → its five kinds | 总计) and a row header three columns wide, whose
 * groups come from the template labels themselves: "三、本年度办理结果"
 * spans the result rows, and a numbered family such as denied.1 …
 * denied.8 is grouped under the part of its first label before the space,
 * "（三）不予公开". */
static void
build_table_3 (GkTableGrid *self)
{
  GkTemplate template_ = gk_table_get_template (self->table);
  const GkKeyLabel *rows, *columns;
  guint n_rows, n_columns;
  guint block_start, block_end;
  const int header_rows = 3, label_columns = 3;
  GtkWidget *note;

  rows = gk_keys_t3_rows (template_, &n_rows);
  columns = gk_keys_t3_columns (&n_columns);
  g_assert (n_columns == GK_T3_N_COLUMNS);

  note = attach_header (self, T3_NOTE, 0, 0, label_columns, header_rows);
  gtk_widget_add_css_class (note, "note");
  attach_header (self, T3_APPLICANTS, label_columns, 0, n_columns, 1);
  /* 自然人 first, 总计 last, and the five kinds of organisation between,
   * under one header of their own (report-format.md §4). */
  attach_header (self, columns[0].label, label_columns, 1, 1, 2);
  attach_header (self, T3_ORGANISATIONS, label_columns + 1, 1, n_columns - 2, 1);
  for (guint c = 1; c + 1 < n_columns; c++)
    attach_header (self, columns[c].label, label_columns + c, 2, 1, 1);
  attach_header (self, columns[n_columns - 1].label, label_columns + n_columns - 1, 1, 1, 2);

  block_start = block_end = n_rows;
  for (guint r = 0; r < n_rows; r++)
    {
      if (g_str_has_prefix (rows[r].label, "三、"))
        block_start = r;
      else if (g_str_has_prefix (rows[r].label, "四、") && block_start < n_rows)
        block_end = r;
    }

  for (guint r = 0; r < n_rows; r++)
    {
      const char *label = rows[r].label;
      const char *dot = strchr (rows[r].key, '.');
      int y = header_rows + r;

      if (r >= block_start && r < block_end)
        {
          if (r == block_start)
            {
              const char *paren = strstr (label, "（");
              g_autofree char *group = paren ? g_strndup (label, paren - label) : g_strdup (label);

              attach_row_header (self, group, TRUE, 0, y, 1, block_end - block_start);
              if (paren != NULL)
                label = paren;
            }

          if (dot != NULL)
            {
              gsize base_len = dot - rows[r].key + 1;
              gboolean first = r == 0 || strncmp (rows[r - 1].key, rows[r].key, base_len) != 0;

              if (first)
                {
                  const char *space = strchr (label, ' ');
                  g_autofree char *group = space ? g_strndup (label, space - label) : g_strdup (label);
                  guint n = 1;

                  while (r + n < block_end && strncmp (rows[r + n].key, rows[r].key, base_len) == 0)
                    n++;
                  attach_row_header (self, group, TRUE, 1, y, 1, n);
                  label = space ? space + 1 : "";
                }
              attach_row_header (self, label, FALSE, 2, y, 1, 1);
            }
          else
            attach_row_header (self, label, FALSE, 1, y, 2, 1);
        }
      else
        attach_row_header (self, label, FALSE, 0, y, label_columns, 1);

      for (guint c = 0; c < n_columns; c++)
        attach_cell (self, rows[r].key, columns[c].key, rows[r].label, columns[c].label,
                     label_columns + c, y, 1);
    }
}

/* Table 4: one data row under a header of three levels: 行政复议 with its
 * five columns, and 行政诉讼 split into 未经复议直接起诉 and 复议后起诉,
 * each with the same five. */
static void
build_table_4 (GkTableGrid *self)
{
  const GkKeyLabel *rows, *columns;
  guint n_rows, n_columns;

  rows = gk_keys_t4_rows (&n_rows);
  columns = gk_keys_t4_columns (&n_columns);

  for (guint r = 0; r < n_rows; r++)
    {
      const char *space = strchr (rows[r].label, ' ');
      int x = r * n_columns;

      if (space == NULL)
        {
          attach_header (self, rows[r].label, x, 0, n_columns, 1);
          for (guint c = 0; c < n_columns; c++)
            attach_header (self, columns[c].label, x + c, 1, 1, 2);
        }
      else
        {
          gsize group_len = space - rows[r].label;

          /* One header over the rows that share "行政诉讼 ". */
          if (r == 0 || strncmp (rows[r - 1].label, rows[r].label, group_len + 1) != 0)
            {
              g_autofree char *group = g_strndup (rows[r].label, group_len);
              guint n = 1;

              while (r + n < n_rows && strncmp (rows[r + n].label, rows[r].label, group_len + 1) == 0)
                n++;
              attach_header (self, group, x, 0, n * n_columns, 1);
            }
          attach_header (self, space + 1, x, 1, n_columns, 1);
          for (guint c = 0; c < n_columns; c++)
            attach_header (self, columns[c].label, x + c, 2, 1, 1);
        }

      for (guint c = 0; c < n_columns; c++)
        attach_cell (self, rows[r].key, columns[c].key, rows[r].label, columns[c].label,
                     x + c, 3, 1);
    }
}

static void
stop_scrolling (GkTableGrid *self)
{
  if (self->scroll_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick_id);
  self->scroll_tick_id = 0;
}

static void apply_findings (GkTableGrid *self);

static void
rebuild (GkTableGrid *self)
{
  g_ptr_array_set_size (self->highlighted, 0);
  g_hash_table_remove_all (self->cells);
  stop_scrolling (self);

  /* A new grid is cheaper and simpler than removing some 200 children. */
  g_clear_pointer (&self->grid, gtk_widget_unparent);
  self->grid = gtk_grid_new ();
  gtk_widget_add_css_class (self->grid, "table");
  gtk_widget_set_overflow (self->grid, GTK_OVERFLOW_HIDDEN);
  /* The one-pixel gaps show the grid's background: the rules between
   * cells, unbroken across spans. */
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 1);
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 1);
  gtk_widget_insert_before (self->grid, GTK_WIDGET (self), self->scrollbar);

  if (self->table == NULL)
    {
      gtk_widget_set_visible (self->grid, FALSE);
      return;
    }

  switch (gk_table_get_id (self->table))
    {
    case GK_TABLE_2:
      build_table_2 (self);
      break;
    case GK_TABLE_3:
      build_table_3 (self);
      break;
    case GK_TABLE_4:
      build_table_4 (self);
      break;
    default:
      g_warning ("Unknown table id %d", gk_table_get_id (self->table));
      break;
    }

  apply_findings (self);
}

/* ---------------------------------------------------------------------- */
/* Findings                                                               */

static Mark
finding_mark (GkFinding *finding)
{
  if (gk_finding_get_status (finding) == GK_FINDING_NOT_ASSESSABLE)
    return MARK_NOT_ASSESSABLE;
  return gk_finding_get_severity (finding) == GK_SEVERITY_ERROR ? MARK_ERROR : MARK_WARNING;
}

static const char *
describe_finding (GkFinding *finding)
{
  switch (finding_mark (finding))
    {
    case MARK_ERROR:
      return _("error");
    case MARK_WARNING:
      return _("warning");
    case MARK_NOT_ASSESSABLE:
      return _("not assessable");
    case MARK_NONE:
    default:
      g_return_val_if_reached ("");
    }
}

static char *
dup_tooltip_markup (CellInfo *info)
{
  GString *markup = g_string_new (NULL);
  g_autofree char *title = NULL;

  title = g_markup_printf_escaped ("<b>%s · %s</b>", info->row_label, info->column_label);
  g_string_append (markup, title);

  if (info->cell != NULL)
    {
      const char *raw = gk_cell_get_raw (info->cell);
      g_autofree char *printed = NULL;

      if (raw != NULL && *raw != '\0')
        /* Translators: the text of a cell exactly as the report has it. */
        printed = g_markup_printf_escaped (_("Printed as “%s”"), raw);
      else
        printed = g_markup_escape_text (_("Printed as an empty cell"), -1);
      g_string_append_printf (markup, "\n%s", printed);
    }

  {
    g_autofree char *klass = g_markup_escape_text (describe_class (info), -1);
    g_string_append_printf (markup, "\n%s", klass);
  }

  if (info->cell != NULL && gk_cell_get_ambiguous (info->cell))
    {
      g_autofree char *note = g_markup_escape_text (_("The column of this value was not certain"), -1);
      g_string_append_printf (markup, "\n%s", note);
    }

  if (info->cell != NULL && gk_cell_get_line (info->cell) > 0)
    {
      g_autofree char *line = g_strdup_printf (_("Line %u of the source"), gk_cell_get_line (info->cell));
      g_string_append_printf (markup, "\n<small>%s</small>", line);
    }

  for (guint i = 0; i < info->findings->len; i++)
    {
      GkFinding *finding = g_ptr_array_index (info->findings, i);
      g_autofree char *item = NULL;

      /* Translators: one finding in a cell's tooltip: "R1 (error): message". */
      item = g_markup_printf_escaped (_("%s (%s): %s"),
                                      gk_finding_get_rule (finding),
                                      describe_finding (finding),
                                      gk_finding_get_message (finding));
      g_string_append_printf (markup, "%s• %s", i == 0 ? "\n\n" : "\n", item);
    }

  return g_string_free (markup, FALSE);
}

/* Tooltips are written when asked for, not for each of the grid's
 * hundreds of cells whenever its findings change. */
static gboolean
cell_query_tooltip_cb (GtkWidget   *label,
                       int          x,
                       int          y,
                       gboolean     keyboard_mode,
                       GtkTooltip  *tooltip,
                       GkTableGrid *self)
{
  CellInfo *info = g_hash_table_lookup (self->cells, g_object_get_data (G_OBJECT (label), "gk-cell-key"));
  g_autofree char *markup = NULL;

  /* A label of a table the grid no longer shows. */
  if (info == NULL || info->label != label)
    return FALSE;

  markup = dup_tooltip_markup (info);
  gk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static void
apply_findings (GkTableGrid *self)
{
  GHashTableIter iter;
  CellInfo *info;
  guint n_items = self->findings ? g_list_model_get_n_items (self->findings) : 0;

  g_hash_table_iter_init (&iter, self->cells);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &info))
    g_ptr_array_set_size (info->findings, 0);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GkFinding) finding = g_list_model_get_item (self->findings, i);
      const char * const *keys = gk_finding_get_cells (finding);

      for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
        {
          info = g_hash_table_lookup (self->cells, keys[k]);
          /* A rule may name a cell twice; list the finding once. */
          if (info != NULL && !g_ptr_array_find (info->findings, finding, NULL))
            g_ptr_array_add (info->findings, g_object_ref (finding));
        }
    }

  g_hash_table_iter_init (&iter, self->cells);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &info))
    {
      Mark mark = MARK_NONE;

      for (guint i = 0; i < info->findings->len; i++)
        mark = MAX (mark, finding_mark (g_ptr_array_index (info->findings, i)));

      for (guint m = MARK_NOT_ASSESSABLE; m <= MARK_ERROR; m++)
        {
          if (m == mark)
            gtk_widget_add_css_class (info->label, mark_classes[m]);
          else
            gtk_widget_remove_css_class (info->label, mark_classes[m]);
        }
    }
}

static void
findings_changed_cb (GkTableGrid *self,
                     guint        position,
                     guint        removed,
                     guint        added,
                     GListModel  *model)
{
  apply_findings (self);
}

/* ---------------------------------------------------------------------- */
/* Scrolling a highlight into view                                        */

static void
scroll_adjustment (GtkAdjustment *adjustment,
                   double         start,
                   double         size)
{
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);

  /* start and size are relative to the visible area.  Cells already in
   * view stay where they are; others are brought to the middle, with the
   * headers around them, or to the top when they do not fit. */
  if (start >= SCROLL_MARGIN && start + size <= page - SCROLL_MARGIN)
    return;
  if (size > page - 2 * SCROLL_MARGIN)
    gtk_adjustment_set_value (adjustment, value + start - SCROLL_MARGIN);
  else
    gtk_adjustment_set_value (adjustment, value + start - (page - size) / 2);
}

/* The bounds of the highlighted cells relative to @target. */
static gboolean
highlight_bounds (GkTableGrid     *self,
                  GtkWidget       *target,
                  graphene_rect_t *area)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->highlighted->len; i++)
    {
      CellInfo *info = g_ptr_array_index (self->highlighted, i);
      graphene_rect_t bounds;

      if (!gtk_widget_compute_bounds (info->label, target, &bounds))
        continue;
      if (any)
        graphene_rect_union (area, &bounds, area);
      else
        *area = bounds;
      any = TRUE;
    }

  return any;
}

static void
scroll_to_highlight (GkTableGrid *self)
{
  graphene_rect_t area;

  /* Sideways within the table, then in every scrolled window around it. */
  if (highlight_bounds (self, GTK_WIDGET (self), &area))
    scroll_adjustment (self->hadjustment, area.origin.x, area.size.width);

  for (GtkWidget *ancestor = gtk_widget_get_parent (GTK_WIDGET (self));
       ancestor != NULL;
       ancestor = gtk_widget_get_parent (ancestor))
    {
      if (!GTK_IS_SCROLLED_WINDOW (ancestor) || !highlight_bounds (self, ancestor, &area))
        continue;

      scroll_adjustment (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (ancestor)),
                         area.origin.y, area.size.height);
    }
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  GkTableGrid *self = GK_TABLE_GRID (widget);

  /* Wait one frame so that a grid built or re-styled just now has been
   * laid out before its cells are measured. */
  if (self->scroll_ticks++ == 0 || gtk_widget_get_width (widget) == 0)
    return G_SOURCE_CONTINUE;

  self->scroll_tick_id = 0;
  scroll_to_highlight (self);
  return G_SOURCE_REMOVE;
}

/* ---------------------------------------------------------------------- */
/* Size                                                                   */

/* Between its minimum and natural widths the table reflows: labels wrap.
 * Below its minimum it keeps that shape and scrolls sideways, with a
 * scrollbar of its own under it, as a printed form would have to.  It
 * does that itself rather than in a GtkScrolledWindow, because a scrolled
 * window that scrolls sideways measures its child's height without a
 * width, which is wrong for a table whose height depends on its width. */

/* The narrowest a table asks to be: a phone's width, less the page's
 * margins.  Narrower tables scroll. */
#define MIN_WIDTH 280

static void
grid_widths (GkTableGrid *self,
             int         *minimum,
             int         *natural)
{
  gtk_widget_measure (self->grid, GTK_ORIENTATION_HORIZONTAL, -1, minimum, natural, NULL, NULL);
}

static int
scrollbar_height (GkTableGrid *self)
{
  int height;

  gtk_widget_measure (self->scrollbar, GTK_ORIENTATION_VERTICAL, -1, &height, NULL, NULL, NULL);
  return height;
}

static void
gk_table_grid_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  GkTableGrid *self = GK_TABLE_GRID (widget);
  int grid_minimum, grid_natural, width;

  grid_widths (self, &grid_minimum, &grid_natural);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN (grid_minimum, MIN_WIDTH);
      *natural = grid_natural;
      return;
    }

  /* Without a width, the table is asked for its height at its natural
   * width, which it would take. */
  width = for_size < 0 ? grid_natural : CLAMP (for_size, grid_minimum, grid_natural);
  gtk_widget_measure (self->grid, GTK_ORIENTATION_VERTICAL, width,
                      minimum, natural, NULL, NULL);
  if (for_size >= 0 && for_size < grid_minimum)
    {
      int extra = scrollbar_height (self);

      *minimum += extra;
      *natural += extra;
    }
}

/**
 * gk_table_grid_get_unscrolled_width:
 * @self: a #GkTableGrid
 *
 * Returns: the narrowest the table can be without scrolling sideways,
 *   its labels wrapped as far as they go
 */
int
gk_table_grid_get_unscrolled_width (GkTableGrid *self)
{
  int minimum, natural;

  g_return_val_if_fail (GK_IS_TABLE_GRID (self), 0);

  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    return 0;
  grid_widths (self, &minimum, &natural);
  return minimum;
}

static GtkSizeRequestMode
gk_table_grid_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
gk_table_grid_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  GkTableGrid *self = GK_TABLE_GRID (widget);
  int grid_minimum, grid_natural, grid_width, grid_height;
  gboolean overflow;
  int bar = 0;

  grid_widths (self, &grid_minimum, &grid_natural);
  grid_width = CLAMP (width, grid_minimum, grid_natural);
  overflow = grid_width > width;
  if (overflow)
    bar = scrollbar_height (self);
  grid_height = MAX (0, height - bar);

  gtk_adjustment_configure (self->hadjustment,
                            gtk_adjustment_get_value (self->hadjustment),
                            0, grid_width,
                            width * 0.1, width * 0.9, width);

  gtk_widget_allocate (self->grid, grid_width, grid_height, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (-gtk_adjustment_get_value (self->hadjustment), 0)));

  gtk_widget_set_child_visible (self->scrollbar, overflow);
  if (overflow)
    gtk_widget_allocate (self->scrollbar, width, bar, -1,
                         gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, grid_height)));
}

static gboolean
scroll_cb (GkTableGrid              *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double page = gtk_adjustment_get_page_size (self->hadjustment);
  double delta = dx;

  if (!gtk_widget_get_child_visible (self->scrollbar))
    return FALSE;

  /* Shift turns a vertical wheel sideways, as in a scrolled window. */
  if (delta == 0 && (state & GDK_SHIFT_MASK) != 0)
    delta = dy;
  if (delta == 0)
    return FALSE;

  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    delta *= pow (page, 2.0 / 3.0);
  gtk_adjustment_set_value (self->hadjustment, gtk_adjustment_get_value (self->hadjustment) + delta);

  return TRUE;
}

/* ---------------------------------------------------------------------- */

static void
gk_table_grid_dispose (GObject *object)
{
  GkTableGrid *self = (GkTableGrid *)object;

  stop_scrolling (self);
  if (self->highlighted != NULL)
    g_ptr_array_set_size (self->highlighted, 0);
  if (self->cells != NULL)
    g_hash_table_remove_all (self->cells);
  g_clear_pointer (&self->grid, gtk_widget_unparent);
  g_clear_pointer (&self->scrollbar, gtk_widget_unparent);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->table);
  if (self->findings != NULL)
    g_signal_handlers_disconnect_by_func (self->findings, findings_changed_cb, self);
  g_clear_object (&self->findings);

  G_OBJECT_CLASS (gk_table_grid_parent_class)->dispose (object);
}

static void
gk_table_grid_finalize (GObject *object)
{
  GkTableGrid *self = (GkTableGrid *)object;

  g_clear_pointer (&self->highlighted, g_ptr_array_unref);
  g_clear_pointer (&self->cells, g_hash_table_unref);

  G_OBJECT_CLASS (gk_table_grid_parent_class)->finalize (object);
}

static void
gk_table_grid_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GkTableGrid *self = GK_TABLE_GRID (object);

  switch (prop_id)
    {
    case PROP_TABLE:
      g_value_set_object (value, self->table);
      break;
    case PROP_FINDINGS:
      g_value_set_object (value, self->findings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_table_grid_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GkTableGrid *self = GK_TABLE_GRID (object);

  switch (prop_id)
    {
    case PROP_TABLE:
      gk_table_grid_set_table (self, g_value_get_object (value));
      break;
    case PROP_FINDINGS:
      gk_table_grid_set_findings (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_table_grid_class_init (GkTableGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gk_table_grid_dispose;
  object_class->finalize = gk_table_grid_finalize;
  object_class->get_property = gk_table_grid_get_property;
  object_class->set_property = gk_table_grid_set_property;

  properties [PROP_TABLE] =
    g_param_spec_object ("table", NULL, NULL,
                         GK_TYPE_TABLE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_FINDINGS] =
    g_param_spec_object ("findings", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->measure = gk_table_grid_measure;
  widget_class->get_request_mode = gk_table_grid_get_request_mode;
  widget_class->size_allocate = gk_table_grid_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "tablegrid");
}

static void
gk_table_grid_init (GkTableGrid *self)
{
  GtkEventController *controller;

  self->cells = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, cell_info_free);
  self->highlighted = g_ptr_array_new ();

  self->hadjustment = g_object_ref_sink (gtk_adjustment_new (0, 0, 0, 0, 0, 0));
  g_signal_connect_object (self->hadjustment, "value-changed",
                           G_CALLBACK (gtk_widget_queue_allocate), self, G_CONNECT_SWAPPED);
  self->scrollbar = gtk_scrollbar_new (GTK_ORIENTATION_HORIZONTAL, self->hadjustment);
  gtk_widget_set_parent (self->scrollbar, GTK_WIDGET (self));
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_object (controller, "scroll", G_CALLBACK (scroll_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  rebuild (self);
}

/* ---------------------------------------------------------------------- */

GtkWidget *
gk_table_grid_new (void)
{
  return g_object_new (GK_TYPE_TABLE_GRID, NULL);
}

/**
 * gk_table_grid_get_table:
 *
 * Returns: (transfer none) (nullable): the table shown
 */
GkTable *
gk_table_grid_get_table (GkTableGrid *self)
{
  g_return_val_if_fail (GK_IS_TABLE_GRID (self), NULL);

  return self->table;
}

/**
 * gk_table_grid_set_table:
 * @table: (nullable): the table to show
 *
 * Builds the grid for @table: its template decides the rows and headers.
 * The findings already set stay, and mark the new cells.
 */
void
gk_table_grid_set_table (GkTableGrid *self,
                         GkTable     *table)
{
  g_return_if_fail (GK_IS_TABLE_GRID (self));
  g_return_if_fail (table == NULL || GK_IS_TABLE (table));

  if (!g_set_object (&self->table, table))
    return;

  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TABLE]);
}

/**
 * gk_table_grid_set_findings:
 * @findings: (nullable): a #GListModel of #GkFinding
 *
 * Marks every cell a finding names: failed findings by their severity,
 * not-assessable ones with a subtle mark.  Cells of other tables are
 * ignored, so a report's whole list can be given to each grid.  The marks
 * follow later changes of the model.
 */
void
gk_table_grid_set_findings (GkTableGrid *self,
                            GListModel  *findings)
{
  g_return_if_fail (GK_IS_TABLE_GRID (self));
  g_return_if_fail (findings == NULL || G_IS_LIST_MODEL (findings));

  if (self->findings == findings)
    return;

  if (self->findings != NULL)
    g_signal_handlers_disconnect_by_func (self->findings, findings_changed_cb, self);
  g_set_object (&self->findings, findings);
  if (findings != NULL)
    g_signal_connect_object (findings, "items-changed",
                             G_CALLBACK (findings_changed_cb), self, G_CONNECT_SWAPPED);

  apply_findings (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FINDINGS]);
}

/**
 * gk_table_grid_highlight:
 * @cell_keys: (nullable) (array zero-terminated=1): cell keys such as
 *   "t3/new/total"; keys of other tables are ignored
 *
 * Gives the cells the strong "selected-finding" highlight, drops it from
 * the cells highlighted before, and scrolls the highlighted cells into
 * view in every scrolled window around the grid.
 *
 * Returns: %TRUE when at least one cell of this grid is highlighted
 */
gboolean
gk_table_grid_highlight (GkTableGrid        *self,
                         const char * const *cell_keys)
{
  g_return_val_if_fail (GK_IS_TABLE_GRID (self), FALSE);

  for (guint i = 0; i < self->highlighted->len; i++)
    {
      CellInfo *info = g_ptr_array_index (self->highlighted, i);
      gtk_widget_remove_css_class (info->label, "selected-finding");
    }
  g_ptr_array_set_size (self->highlighted, 0);

  for (guint k = 0; cell_keys != NULL && cell_keys[k] != NULL; k++)
    {
      CellInfo *info = g_hash_table_lookup (self->cells, cell_keys[k]);

      if (info == NULL || g_ptr_array_find (self->highlighted, info, NULL))
        continue;
      gtk_widget_add_css_class (info->label, "selected-finding");
      g_ptr_array_add (self->highlighted, info);
    }

  if (self->highlighted->len == 0)
    return FALSE;

  self->scroll_ticks = 0;
  if (self->scroll_tick_id == 0)
    self->scroll_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_tick_cb, NULL, NULL);

  return TRUE;
}

/**
 * gk_table_grid_get_cell_widget:
 * @cell_key: a key such as "t3/new/total"
 *
 * Returns: (transfer none) (nullable): the label showing the cell, or
 *   %NULL when the grid has no such cell
 */
GtkWidget *
gk_table_grid_get_cell_widget (GkTableGrid *self,
                               const char  *cell_key)
{
  CellInfo *info;

  g_return_val_if_fail (GK_IS_TABLE_GRID (self), NULL);
  g_return_val_if_fail (cell_key != NULL, NULL);

  info = g_hash_table_lookup (self->cells, cell_key);
  return info ? info->label : NULL;
}

/**
 * gk_table_grid_dup_cell_tooltip:
 * @self: a #GkTableGrid
 * @cell_key: a cell key, e.g. "t3/new/total"
 *
 * Returns: (transfer full) (nullable): the markup of the cell's tooltip:
 *   its row and column, what the report printed, what kind of value it
 *   is and the findings that involve it; %NULL when there is no such cell
 */
char *
gk_table_grid_dup_cell_tooltip (GkTableGrid *self,
                                const char  *cell_key)
{
  CellInfo *info;

  g_return_val_if_fail (GK_IS_TABLE_GRID (self), NULL);
  g_return_val_if_fail (cell_key != NULL, NULL);

  info = g_hash_table_lookup (self->cells, cell_key);
  return info ? dup_tooltip_markup (info) : NULL;
}
