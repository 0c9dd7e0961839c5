/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-comparison-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gk-tooltip.h"
#include "gk-comparison-view.h"

/* The Compare page: one row per agency, its report of the chosen year,
 * with the counts and rates researchers compare agencies by.  Everything
 * shown is computed from the reports' summaries (gk-report-summary.h), so
 * a library of thousands of reports compares without opening one table.
 *
 * A rate without a value shows "—", never 0 %: a rate of nothing is
 * neither 0 % nor 100 %, and a blank is not a zero (report-format.md §6).
 * Sorting by a rate puts those rows last in either direction, so a ranking
 * never starts with agencies that had nothing to rank. */

typedef struct
{
  /* The header: report vocabulary, like the row labels, not translated. */
  const char    *title;
  GkIndicator    indicator;    /* the rates */
  GkSummaryItem  item;         /* the counts */
  const char    *about;        /* the counts: what they are, translated */
  const char    *no_denominator; /* the rates: why 0 is below them */
} ColumnSpec;

static const ColumnSpec columns[GK_COMPARISON_N_COLUMNS] = {
  [GK_COMPARISON_AGENCY] = { NULL, 0, 0, NULL, NULL },
  [GK_COMPARISON_NEW] = {
    "本年新收", 0, GK_SUMMARY_NEW,
    N_("Requests received this year: row 一、本年新收 of table 3, column 总计"), NULL },
  [GK_COMPARISON_CONCLUDED] = {
    "办结", 0, GK_SUMMARY_TOTAL,
    N_("Requests answered this year: row （七）总计 of table 3, column 总计, the sum of the outcomes 予以公开 to 其他处理"),
    NULL },
  [GK_COMPARISON_DISCLOSED_RATE] = {
    NULL, GK_INDICATOR_DISCLOSED_RATE, 0, NULL, N_("no request was answered this year") },
  [GK_COMPARISON_DENIED_RATE] = {
    NULL, GK_INDICATOR_DENIED_RATE, 0, NULL, N_("no request was answered this year") },
  [GK_COMPARISON_UNABLE_RATE] = {
    NULL, GK_INDICATOR_UNABLE_RATE, 0, NULL, N_("no request was answered this year") },
  [GK_COMPARISON_REJECTED_RATE] = {
    NULL, GK_INDICATOR_REJECTED_RATE, 0, NULL, N_("no request was answered this year") },
  [GK_COMPARISON_REVIEW_CORRECTED_RATE] = {
    NULL, GK_INDICATOR_REVIEW_CORRECTED_RATE, 0, NULL, N_("there was no administrative review") },
  [GK_COMPARISON_SUIT_CORRECTED_RATE] = {
    NULL, GK_INDICATOR_SUIT_CORRECTED_RATE, 0, NULL, N_("there was no lawsuit") },
  [GK_COMPARISON_DISPUTE_RATE] = {
    NULL, GK_INDICATOR_DISPUTE_RATE, 0, NULL, N_("no request was received this year") },
};

static inline gboolean
is_count (GkComparisonColumn column)
{
  return column == GK_COMPARISON_NEW || column == GK_COMPARISON_CONCLUDED;
}

static inline gboolean
is_rate (GkComparisonColumn column)
{
  return column >= GK_COMPARISON_DISCLOSED_RATE && column < GK_COMPARISON_N_COLUMNS;
}

struct _GkComparisonView
{
  GtkBox               parent_instance;

  gboolean             out_of_date;  /* the library changed while unmapped */

  GkLibrary           *library;
  int                  year;
  GListStore          *reports;     /* of GkReport: the year's, one per agency */
  GHashTable          *agency_of;   /* GkReport → its agency's name */
  GtkStringList       *years;       /* newest first */
  gboolean             updating_years;

  GtkFilter           *filter;
  GtkSorter           *missing_last;
  GtkSortListModel    *sorted;
  GtkSingleSelection  *selection;

  /* The column the view is sorted by and how, which GTK 4.8 does not
   * tell: see probe_sort_order(). */
  int                  sort_column;
  gboolean             sort_descending;
  gboolean             probing;
  int                  probed_column;
  GObject             *probe_a;
  GObject             *probe_b;

  char                *header_tooltips[GK_COMPARISON_N_COLUMNS];
  GtkColumnViewColumn *view_columns[GK_COMPARISON_N_COLUMNS];

  GtkWidget           *year_dropdown;
  GtkWidget           *search_entry;
  GtkWidget           *stack;
  GtkWidget           *status_page;
  GtkWidget           *column_view;
};

G_DEFINE_FINAL_TYPE (GkComparisonView, gk_comparison_view, GTK_TYPE_BOX)

enum {
  REPORT_ACTIVATED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* ---------------------------------------------------------------------- */
/* Values                                                                 */

/* The column's value for @report: FALSE, with @result saying why, when
 * there is none.  A count is handed back as the numerator. */
static gboolean
column_value (GkReport           *report,
              GkComparisonColumn  column,
              GkIndicatorResult  *result)
{
  const GkReportSummary *summary = gk_report_get_summary (report);

  memset (result, 0, sizeof *result);

  if (is_rate (column))
    {
      gk_indicator_compute_summary (summary, columns[column].indicator, result);
      return result->state == GK_INDICATOR_HAS_VALUE;
    }

  if (is_count (column))
    {
      GkSummaryItem item = columns[column].item;

      if (!gk_report_summary_has_value (summary, item))
        {
          result->state = GK_INDICATOR_MISSING_INPUT;
          return FALSE;
        }
      result->state = GK_INDICATOR_HAS_VALUE;
      result->value = result->numerator = gk_report_summary_get_value (summary, item);
      return TRUE;
    }

  return FALSE;
}

/* Whether the missing input of @result is a group of rows (the eight
 * 不予公开 rows, say) of which only some are blank. */
static gboolean
group_partly_blank (GkReport                *report,
                    const GkIndicatorResult *result)
{
  static const struct { const char *prefix; GkSummaryItem item; } groups[] = {
    { "denied.", GK_SUMMARY_DENIED },
    { "unable.", GK_SUMMARY_UNABLE },
    { "rejected.", GK_SUMMARY_REJECTED },
  };

  if (result->missing_table != GK_TABLE_3 || result->missing_row == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (g_str_has_prefix (result->missing_row, groups[i].prefix))
      return gk_report_summary_is_incomplete (gk_report_get_summary (report), groups[i].item);
  return FALSE;
}

static char *
format_count (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (fabs (value - round (value)) < 1e-9)
    return g_strdup_printf ("%.0f", value);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.2f", value));
}

static const char *
agency_name (GkComparisonView *self,
             GkReport         *report)
{
  const char *name = g_hash_table_lookup (self->agency_of, report);

  return name != NULL ? name : gk_report_get_agency (report);
}

/**
 * gk_comparison_view_dup_cell_text:
 * @tooltip: (out) (optional) (transfer full): what the cell's tooltip says
 *
 * Returns: (transfer full): what the cell of @report's row in @column
 *   shows, "—" when there is no value
 */
char *
gk_comparison_view_dup_cell_text (GkComparisonView   *self,
                                  GkReport           *report,
                                  GkComparisonColumn  column,
                                  char              **tooltip)
{
  GkIndicatorResult result;
  gboolean has = FALSE;
  char *text = NULL;

  g_return_val_if_fail (GK_IS_COMPARISON_VIEW (self), NULL);
  g_return_val_if_fail (GK_IS_REPORT (report), NULL);
  g_return_val_if_fail (column < GK_COMPARISON_N_COLUMNS, NULL);

  if (column == GK_COMPARISON_AGENCY)
    {
      if (tooltip != NULL)
        {
          const char *file = gk_report_get_source_name (report);

          /* Translators: the tooltip of an agency in the comparison; %s is
           * the agency, %d the year, the last %s the report's file. */
          *tooltip = g_strdup_printf (_("%s, report for %d, from “%s”.\nActivate the row to open it."),
                                      agency_name (self, report), gk_report_get_year (report),
                                      file != NULL ? file : "");
        }
      return g_strdup (agency_name (self, report));
    }

  has = column_value (report, column, &result);

  if (is_count (column))
    {
      if (has)
        {
          text = format_count (result.value);
          if (tooltip != NULL)
            *tooltip = g_strdup_printf ("%s = %s\n%s", columns[column].title, text, _(columns[column].about));
        }
      else
        {
          text = g_strdup ("—");
          if (tooltip != NULL)
            /* Translators: %s is a row of table 3, e.g. 本年新收 */
            *tooltip = g_strdup_printf (_("No value: %s is blank, not applicable or missing in this report.\n%s"),
                                        columns[column].title, _(columns[column].about));
        }
      return text;
    }

  if (has)
    text = gk_indicator_result_format (&result);
  else
    text = g_strdup ("—");

  if (tooltip != NULL)
    {
      GkIndicator indicator = columns[column].indicator;
      g_autofree char *numerator = format_count (result.numerator);
      g_autofree char *denominator = format_count (result.denominator);
      g_autofree char *line = NULL;

      switch (result.state)
        {
        case GK_INDICATOR_HAS_VALUE:
          line = g_strdup_printf ("%s / %s = %s", numerator, denominator, text);
          break;
        case GK_INDICATOR_ZERO_DENOMINATOR:
          /* Translators: the first %s is the numerator, the last says why
           * the denominator is 0, e.g. "there was no lawsuit" */
          line = g_strdup_printf (_("No value: %s / 0, %s"), numerator, _(columns[column].no_denominator));
          break;
        case GK_INDICATOR_MISSING_INPUT:
        default:
          if (group_partly_blank (report, &result))
            {
              const char *row = gk_keys_row_label (result.missing_table, GK_TEMPLATE_2021, result.missing_row);

              /* The summary keeps the group's sum, not which of its rows
               * was blank. */
              /* Translators: %s is the first of a group of rows of table 3,
               * e.g. （三）不予公开 1.属于国家秘密 */
              line = g_strdup_printf (_("no value: some of the rows summed from %s on, in table 3, are blank, not applicable or missing"),
                                      row != NULL ? row : result.missing_row);
            }
          else
            line = gk_indicator_result_dup_why_none (&result);
          break;
        }

      /* Translators: a rate's cell: its name and numbers, its formula in
       * the report's terms and in cell keys, what it is a share of */
      *tooltip = g_strdup_printf (_("%s %s\n%s\n%s\nDenominator: %s"),
                                  gk_indicator_get_name (indicator),
                                  line,
                                  gk_indicator_get_formula_zh (indicator),
                                  gk_indicator_get_formula (indicator),
                                  gk_indicator_get_denominator (indicator));
    }
  return text;
}

/* ---------------------------------------------------------------------- */
/* Sorting                                                                */

typedef struct
{
  GkComparisonView   *self;
  GkComparisonColumn  column;
} SortData;

static int
compare_column (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  SortData *data = user_data;
  GkComparisonView *self = data->self;
  GkIndicatorResult ra, rb;
  gboolean has_a, has_b;

  if (self->probing)
    {
      self->probed_column = data->column;
      return GTK_ORDERING_SMALLER;
    }

  if (data->column == GK_COMPARISON_AGENCY)
    return gtk_ordering_from_cmpfunc (g_utf8_collate (agency_name (self, (GkReport *) a),
                                                      agency_name (self, (GkReport *) b)));

  has_a = column_value ((GkReport *) a, data->column, &ra);
  has_b = column_value ((GkReport *) b, data->column, &rb);
  if (has_a != has_b)
    return has_a ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  if (!has_a)
    return GTK_ORDERING_EQUAL;
  if (ra.value != rb.value)
    return ra.value < rb.value ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  /* Of two equal rates, the one of more cases first. */
  if (ra.denominator != rb.denominator)
    return ra.denominator > rb.denominator ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  return GTK_ORDERING_EQUAL;
}

/* Put before the column view's own sorter: rows without a value in the
 * sorted column go last, whichever the direction. */
static int
compare_missing_last (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  GkComparisonView *self = user_data;
  GkIndicatorResult ra, rb;
  gboolean has_a, has_b;

  if (self->probing || self->sort_column <= GK_COMPARISON_AGENCY)
    return GTK_ORDERING_EQUAL;

  has_a = column_value ((GkReport *) a, self->sort_column, &ra);
  has_b = column_value ((GkReport *) b, self->sort_column, &rb);
  if (has_a == has_b)
    return GTK_ORDERING_EQUAL;
  return has_a ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
}

/* GTK 4.8's GtkColumnViewSorter does not say which column it sorts by, nor
 * in which direction (gtk_column_view_sorter_get_primary_sort_column()
 * came with 4.10).  Its comparison asks the sorted column's sorter first
 * and reverses the answer when descending, so comparing two probes, for
 * which every column sorter answers "smaller" and notes its column, tells
 * both. */
static void
probe_sort_order (GkComparisonView *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view));
  GtkOrdering order;

  self->probing = TRUE;
  self->probed_column = -1;
  order = gtk_sorter_compare (sorter, self->probe_a, self->probe_b);
  self->probing = FALSE;

  self->sort_column = order == GTK_ORDERING_EQUAL ? -1 : self->probed_column;
  self->sort_descending = order == GTK_ORDERING_LARGER;
}

static void
view_sorter_changed_cb (GkComparisonView *self)
{
  probe_sort_order (self);
  gtk_sorter_changed (self->missing_last, GTK_SORTER_CHANGE_DIFFERENT);
}

/**
 * gk_comparison_view_sort_by:
 *
 * Sorts the rows as clicking @column's header does.
 */
void
gk_comparison_view_sort_by (GkComparisonView   *self,
                            GkComparisonColumn  column,
                            GtkSortType         direction)
{
  g_return_if_fail (GK_IS_COMPARISON_VIEW (self));
  g_return_if_fail (column < GK_COMPARISON_N_COLUMNS);

  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (self->column_view), self->view_columns[column], direction);
}

/* ---------------------------------------------------------------------- */
/* Rows                                                                   */

static gboolean
agency_matches (gpointer item,
                gpointer user_data)
{
  GkComparisonView *self = user_data;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *haystack = NULL;
  g_autofree char *needle = NULL;

  if (query == NULL || *query == '\0')
    return TRUE;

  /* Full-width and half-width spellings match each other, as in the
   * agency list. */
  haystack = gk_normalize_compact (agency_name (self, item));
  needle = gk_normalize_compact (query);
  return strstr (haystack, needle) != NULL;
}

static void
update_status (GkComparisonView *self)
{
  guint n_year = g_list_model_get_n_items (G_LIST_MODEL (self->reports));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));

  if (n_shown > 0)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "table");
      return;
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->years)) == 0)
    {
      adw_status_page_set_title (ADW_STATUS_PAGE (self->status_page), _("Nothing to Compare"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->status_page),
                                       _("Import annual reports to compare the agencies that wrote them."));
    }
  else if (n_year == 0)
    {
      g_autofree char *title = g_strdup_printf (_("No Reports for %d"), self->year);
      adw_status_page_set_title (ADW_STATUS_PAGE (self->status_page), title);
      adw_status_page_set_description (ADW_STATUS_PAGE (self->status_page),
                                       _("Choose another year."));
    }
  else
    {
      adw_status_page_set_title (ADW_STATUS_PAGE (self->status_page), _("No Agency Matches"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->status_page),
                                       _("No agency with a report for this year has that in its name."));
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
}

/* One report per agency: of two versions of the year, the active one. */
static void
fill_rows (GkComparisonView *self)
{
  GListModel *agencies = gk_library_get_agencies (self->library);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  g_hash_table_remove_all (self->agency_of);

  for (guint a = 0; a < g_list_model_get_n_items (agencies) && self->year > 0; a++)
    {
      g_autoptr(GkAgency) agency = g_list_model_get_item (agencies, a);
      GkReport *kept = NULL;

      for (guint r = 0; r < g_list_model_get_n_items (G_LIST_MODEL (agency)); r++)
        {
          g_autoptr(GkReport) report = g_list_model_get_item (G_LIST_MODEL (agency), r);

          if (gk_report_get_year (report) != self->year)
            continue;
          if (kept == NULL || (!gk_store_report_is_active (kept) && gk_store_report_is_active (report)))
            kept = report;
        }

      if (kept != NULL)
        {
          g_ptr_array_add (rows, g_object_ref (kept));
          g_hash_table_insert (self->agency_of, kept, g_strdup (gk_agency_get_name (agency)));
        }
    }

  g_list_store_splice (self->reports, 0, g_list_model_get_n_items (G_LIST_MODEL (self->reports)),
                       rows->pdata, rows->len);
  update_status (self);
}

static int
compare_years_descending (gconstpointer a,
                          gconstpointer b)
{
  return *(const int *) b - *(const int *) a;
}

/* The years of the library, newest first; keeps the chosen one when it is
 * still there, else the newest. */
static void
fill_years (GkComparisonView *self)
{
  GListModel *agencies = gk_library_get_agencies (self->library);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  guint selected = 0;

  for (guint a = 0; a < g_list_model_get_n_items (agencies); a++)
    {
      g_autoptr(GkAgency) agency = g_list_model_get_item (agencies, a);

      for (guint r = 0; r < g_list_model_get_n_items (G_LIST_MODEL (agency)); r++)
        {
          g_autoptr(GkReport) report = g_list_model_get_item (G_LIST_MODEL (agency), r);
          int year = gk_report_get_year (report);

          if (year > 0 && !g_hash_table_contains (seen, GINT_TO_POINTER (year)))
            {
              g_hash_table_add (seen, GINT_TO_POINTER (year));
              g_array_append_val (years, year);
            }
        }
    }
  g_array_sort (years, compare_years_descending);

  for (guint i = 0; i < years->len; i++)
    {
      int year = g_array_index (years, int, i);

      g_ptr_array_add (strings, g_strdup_printf ("%d", year));
      if (year == self->year)
        selected = i;
    }
  g_ptr_array_add (strings, NULL);

  self->updating_years = TRUE;
  gtk_string_list_splice (self->years, 0, g_list_model_get_n_items (G_LIST_MODEL (self->years)),
                          (const char * const *) strings->pdata);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->year_dropdown),
                              years->len > 0 ? selected : GTK_INVALID_LIST_POSITION);
  self->updating_years = FALSE;

  self->year = years->len > 0 ? g_array_index (years, int, selected) : 0;
  gtk_widget_set_sensitive (self->year_dropdown, years->len > 0);
}

/* The rows are made while the page is shown: a library that changes
 * while another page is, as at start or during an import, only marks
 * them out of date. */
static void
library_changed_cb (GkComparisonView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->out_of_date = TRUE;
      return;
    }
  self->out_of_date = FALSE;
  fill_years (self);
  fill_rows (self);
}

static void
mapped_cb (GkComparisonView *self)
{
  if (self->out_of_date)
    library_changed_cb (self);
}

static void
year_selected_cb (GkComparisonView *self)
{
  GtkStringObject *item;

  if (self->updating_years)
    return;
  item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (self->year_dropdown));
  if (item == NULL)
    return;
  self->year = atoi (gtk_string_object_get_string (item));
  fill_rows (self);
}

static void
search_changed_cb (GkComparisonView *self)
{
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
  update_status (self);
}

static void
activate_cb (GkComparisonView *self,
             guint             position)
{
  g_autoptr(GkReport) report = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (report != NULL)
    g_signal_emit (self, signals [REPORT_ACTIVATED], 0, report);
}

/* ---------------------------------------------------------------------- */
/* Cells                                                                  */

/* A cell's tooltip is written when asked for: setting one on each cell
 * as it is bound asks the display where the pointer is, a round trip
 * per cell, which for a year of a thousand agencies took seconds. */
static gboolean
cell_query_tooltip_cb (GtkWidget   *label,
                       int          x,
                       int          y,
                       gboolean     keyboard_mode,
                       GtkTooltip  *tooltip,
                       GtkListItem *item)
{
  GkComparisonColumn column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (label), "gk-column"));
  GtkWidget *view = gtk_widget_get_ancestor (label, GK_TYPE_COMPARISON_VIEW);
  GkReport *report = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;
  g_autofree char *tip = NULL;

  if (view == NULL || report == NULL)
    return FALSE;
  text = gk_comparison_view_dup_cell_text (GK_COMPARISON_VIEW (view), report, column, &tip);
  if (tip == NULL || *tip == '\0')
    return FALSE;
  gk_tooltip_set_text (tooltip, tip);
  return TRUE;
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GkComparisonColumn column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  g_object_set_data (G_OBJECT (label), "gk-column", user_data);
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (cell_query_tooltip_cb), item);

  if (column == GK_COMPARISON_AGENCY)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 20);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
    }
  else
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

      /* Figures of one width, so the digits line up down a column. */
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
      gtk_label_set_attributes (GTK_LABEL (label), attrs);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GkComparisonColumn column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_list_item_get_child (item);
  GkReport *report = gtk_list_item_get_item (item);
  GtkWidget *view = gtk_widget_get_ancestor (label, GK_TYPE_COMPARISON_VIEW);
  g_autofree char *text = NULL;

  /* Bound before it is in the view: bound again once it is. */
  if (view == NULL)
    view = g_object_get_data (G_OBJECT (factory), "view");
  text = gk_comparison_view_dup_cell_text (GK_COMPARISON_VIEW (view), report, column, NULL);
  gtk_label_set_text (GTK_LABEL (label), text);
  if (g_strcmp0 (text, "—") == 0)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

/* A column's header has no tooltip of its own in GTK 4.8: the header
 * widgets the view makes, one per visible column in order, get it. */
static void
set_header_tooltips (GkComparisonView *self)
{
  GtkWidget *header = gtk_widget_get_first_child (self->column_view);
  guint i = 0;

  if (header == NULL)
    return;
  for (GtkWidget *title = gtk_widget_get_first_child (header);
       title != NULL && i < GK_COMPARISON_N_COLUMNS;
       title = gtk_widget_get_next_sibling (title), i++)
    gtk_widget_set_tooltip_text (title, self->header_tooltips[i]);
}

/**
 * gk_comparison_view_get_column_tooltip:
 *
 * Returns: what the header of @column explains: its formula and
 *   denominator
 */
const char *
gk_comparison_view_get_column_tooltip (GkComparisonView   *self,
                                       GkComparisonColumn  column)
{
  g_return_val_if_fail (GK_IS_COMPARISON_VIEW (self), NULL);
  g_return_val_if_fail (column < GK_COMPARISON_N_COLUMNS, NULL);
  return self->header_tooltips[column];
}

static void
add_columns (GkComparisonView *self)
{
  for (GkComparisonColumn c = 0; c < GK_COMPARISON_N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      SortData *data = g_new0 (SortData, 1);
      g_autoptr(GtkSorter) sorter = NULL;
      const char *title;
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "view", self);
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GUINT_TO_POINTER (c));

      data->self = self;
      data->column = c;
      sorter = GTK_SORTER (gtk_custom_sorter_new (compare_column, data, g_free));

      if (c == GK_COMPARISON_AGENCY)
        {
          title = _("Agency");
          self->header_tooltips[c] = g_strdup (_("The agency, and its report of the year: of two versions, the active one"));
        }
      else if (is_count (c))
        {
          title = columns[c].title;
          self->header_tooltips[c] = g_strdup_printf ("%s\n%s", columns[c].title, _(columns[c].about));
        }
      else
        {
          GkIndicator indicator = columns[c].indicator;

          g_autofree char *named = NULL;

          title = gk_indicator_get_name (indicator);
          /* The Chinese name, and the translated one where it differs. */
          if (g_strcmp0 (gk_indicator_get_name (indicator), gk_indicator_get_title (indicator)) == 0)
            named = g_strdup (gk_indicator_get_name (indicator));
          else
            /* Translators: a rate's name as the reports give it, then in your language */
            named = g_strdup_printf (C_("rate name", "%s (%s)"),
                                     gk_indicator_get_name (indicator),
                                     gk_indicator_get_title (indicator));
          /* Translators: a column's tooltip: the rate's name, its formula
           * in the report's terms and in cell keys, and its denominator */
          self->header_tooltips[c] = g_strdup_printf (_("%s\n%s\n%s\nDenominator: %s.\nNo value (—) when the denominator is 0 or an input is blank."),
                                                      named,
                                                      gk_indicator_get_formula_zh (indicator),
                                                      gk_indicator_get_formula (indicator),
                                                      gk_indicator_get_denominator (indicator));
        }

      column = gtk_column_view_column_new (title, factory);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (c == GK_COMPARISON_AGENCY)
        gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), column);
      self->view_columns[c] = column;
      g_object_unref (column);
    }

  set_header_tooltips (self);
}

/* ---------------------------------------------------------------------- */

static void
gk_comparison_view_dispose (GObject *object)
{
  GkComparisonView *self = (GkComparisonView *)object;

  if (self->library != NULL)
    g_signal_handlers_disconnect_by_data (self->library, self);
  if (self->column_view != NULL)
    {
      GtkSorter *sorter = gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view));
      g_signal_handlers_disconnect_by_data (sorter, self);
    }
  g_clear_object (&self->library);

  G_OBJECT_CLASS (gk_comparison_view_parent_class)->dispose (object);
}

static void
gk_comparison_view_finalize (GObject *object)
{
  GkComparisonView *self = (GkComparisonView *)object;

  g_clear_object (&self->reports);
  g_clear_object (&self->years);
  g_clear_object (&self->filter);
  g_clear_object (&self->missing_last);
  g_clear_object (&self->sorted);
  g_clear_object (&self->selection);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);
  g_clear_pointer (&self->agency_of, g_hash_table_unref);
  for (guint i = 0; i < GK_COMPARISON_N_COLUMNS; i++)
    g_free (self->header_tooltips[i]);

  G_OBJECT_CLASS (gk_comparison_view_parent_class)->finalize (object);
}

static void
gk_comparison_view_class_init (GkComparisonViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gk_comparison_view_dispose;
  object_class->finalize = gk_comparison_view_finalize;

  /**
   * GkComparisonView::report-activated:
   * @report: the report of the row
   *
   * A row was activated: the window shows its report.
   */
  signals [REPORT_ACTIVATED] =
    g_signal_new ("report-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, GK_TYPE_REPORT);
}

static void
gk_comparison_view_init (GkComparisonView *self)
{
  GtkWidget *toolbar, *label, *scroller;
  g_autoptr(GtkFilterListModel) filtered = NULL;
  GtkMultiSorter *sorter;
  GtkSorter *view_sorter;

  self->reports = g_list_store_new (GK_TYPE_REPORT);
  self->agency_of = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  self->years = gtk_string_list_new (NULL);
  self->sort_column = -1;
  self->probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_b = g_object_new (G_TYPE_OBJECT, NULL);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 18);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 12);

  toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (self), toolbar);

  label = gtk_label_new_with_mnemonic (_("_Year"));
  gtk_box_append (GTK_BOX (toolbar), label);
  self->year_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->years)), NULL);
  gtk_widget_set_tooltip_text (self->year_dropdown, _("The year whose reports are compared"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->year_dropdown);
  gtk_box_append (GTK_BOX (toolbar), self->year_dropdown);

  self->search_entry = gtk_search_entry_new ();
  g_object_set (self->search_entry, "placeholder-text", _("Filter agencies"), NULL);
  gtk_widget_set_tooltip_text (self->search_entry, _("Show only the agencies whose name contains this"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Filter agencies"),
                                  -1);
  gtk_widget_set_hexpand (self->search_entry, TRUE);
  gtk_widget_set_halign (self->search_entry, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (toolbar), self->search_entry);

  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_box_append (GTK_BOX (self), self->stack);

  self->column_view = gtk_column_view_new (NULL);
  gtk_column_view_set_show_column_separators (GTK_COLUMN_VIEW (self->column_view), TRUE);
  gtk_column_view_set_reorderable (GTK_COLUMN_VIEW (self->column_view), FALSE);
  gtk_widget_add_css_class (self->column_view, "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Agencies compared"),
                                  -1);
  add_columns (self);

  /* Rows without a value in the sorted column last, then the column. */
  view_sorter = gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view));
  g_signal_connect_object (view_sorter, "changed", G_CALLBACK (view_sorter_changed_cb), self, G_CONNECT_SWAPPED);
  self->missing_last = GTK_SORTER (gtk_custom_sorter_new (compare_missing_last, self, NULL));
  sorter = gtk_multi_sorter_new ();
  gtk_multi_sorter_append (sorter, g_object_ref (self->missing_last));
  gtk_multi_sorter_append (sorter, g_object_ref (view_sorter));

  self->filter = GTK_FILTER (gtk_custom_filter_new (agency_matches, self, NULL));
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->reports)), g_object_ref (self->filter));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_steal_pointer (&filtered)), GTK_SORTER (sorter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->column_view), GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (activate_cb), self, G_CONNECT_SWAPPED);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->column_view);
  gtk_stack_add_named (GTK_STACK (self->stack), scroller, "table");

  self->status_page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->status_page), "view-list-symbolic");
  gtk_stack_add_named (GTK_STACK (self->stack), self->status_page, "empty");

  g_signal_connect_object (self->year_dropdown, "notify::selected", G_CALLBACK (year_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
gk_comparison_view_new (GkLibrary *library)
{
  GkComparisonView *self;

  g_return_val_if_fail (GK_IS_LIBRARY (library), NULL);

  self = g_object_new (GK_TYPE_COMPARISON_VIEW, NULL);
  self->library = g_object_ref (library);
  /* The library changes its agencies' reports and then itself. */
  g_signal_connect_object (library, "items-changed", G_CALLBACK (library_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);
  library_changed_cb (self);
  return GTK_WIDGET (self);
}

int
gk_comparison_view_get_year (GkComparisonView *self)
{
  g_return_val_if_fail (GK_IS_COMPARISON_VIEW (self), 0);
  return self->year;
}

/**
 * gk_comparison_view_set_year:
 *
 * Returns: %FALSE when the library has no report of @year
 */
gboolean
gk_comparison_view_set_year (GkComparisonView *self,
                             int               year)
{
  GListModel *years;
  g_autofree char *text = NULL;

  g_return_val_if_fail (GK_IS_COMPARISON_VIEW (self), FALSE);

  years = G_LIST_MODEL (self->years);
  text = g_strdup_printf ("%d", year);
  for (guint i = 0; i < g_list_model_get_n_items (years); i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->years, i), text) == 0)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->year_dropdown), i);
        return TRUE;
      }
  return FALSE;
}

void
gk_comparison_view_set_filter_text (GkComparisonView *self,
                                    const char       *text)
{
  g_return_if_fail (GK_IS_COMPARISON_VIEW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* Without waiting for the entry's delay. */
  search_changed_cb (self);
}

/**
 * gk_comparison_view_get_rows:
 *
 * Returns: (transfer none): the rows as shown, filtered and sorted, of
 *   #GkReport
 */
GListModel *
gk_comparison_view_get_rows (GkComparisonView *self)
{
  g_return_val_if_fail (GK_IS_COMPARISON_VIEW (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

/**
 * gk_comparison_view_get_column_view:
 *
 * Returns: (transfer none): the table
 */
GtkColumnView *
gk_comparison_view_get_column_view (GkComparisonView *self)
{
  g_return_val_if_fail (GK_IS_COMPARISON_VIEW (self), NULL);
  return GTK_COLUMN_VIEW (self->column_view);
}
