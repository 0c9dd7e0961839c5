/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-findings-view"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "gk-tooltip.h"
#include "gk-findings-view.h"
#include "gk-finding-item.h"

/* Every failed finding of the library in one table: each report's own and
 * those across reports, with the user's verdicts.  The rows come from
 * gk_library_list_findings_async(), which reads the findings straight from
 * the store without building a report's tables, in a worker thread; the
 * view reads them again (debounced) whenever the library's findings or
 * reports change, and only while it is shown. */
struct _GkFindingsView
{
  GtkBox              parent_instance;

  GkLibrary          *library;
  GCancellable       *cancellable;
  guint               reload_id;
  gboolean            dirty;
  gboolean            loading;

  GListStore         *items;     /* GkFindingItem */
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkCustomFilter    *filter;
  char               *rule;      /* shown rule, or NULL for all */
  gboolean            errors_only;
  gboolean            undismissed_only;

  GtkToggleButton    *errors_button;
  GtkToggleButton    *undismissed_button;
  GtkDropDown        *rule_dropdown;
  GtkStringList      *rules;
  GtkLabel           *count_label;
  GtkStack           *stack;
  AdwStatusPage      *status_page;
  GtkColumnView      *column_view;
};

G_DEFINE_FINAL_TYPE (GkFindingsView, gk_findings_view, GTK_TYPE_BOX)

enum {
  FINDING_ACTIVATED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

typedef enum
{
  COLUMN_AGENCY,
  COLUMN_YEAR,
  COLUMN_RULE,
  COLUMN_SEVERITY,
  COLUMN_MESSAGE,
  COLUMN_VERDICT,
} Column;

/* Wait this long after a change before reading the findings again: an
 * import announces many changes in a row. */
#define RELOAD_DELAY_MS 300

static void schedule_reload (GkFindingsView *self);

static const GkStoreFinding *
row_of (gpointer item)
{
  return gk_finding_item_get (GK_FINDING_ITEM (item));
}

static const char *
agency_label (const GkStoreFinding *row)
{
  return row->agency != NULL && *row->agency != '\0' ? row->agency : _("Unknown agency");
}

static const char *
severity_label (GkSeverity severity)
{
  return severity == GK_SEVERITY_ERROR ? _("Error") : _("Warning");
}

static const char *
verdict_label (GkVerdict verdict)
{
  switch (verdict)
    {
    case GK_VERDICT_CONFIRMED: return C_("verdict", "Confirmed");
    case GK_VERDICT_DISMISSED: return C_("verdict", "Dismissed");
    case GK_VERDICT_NONE:
    default:                   return "";
    }
}

/* ---------------------------------------------------------------------- */
/* Filtering and sorting                                                  */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  GkFindingsView *self = user_data;
  const GkStoreFinding *row = row_of (item);

  if (self->errors_only && row->severity != GK_SEVERITY_ERROR)
    return FALSE;
  if (self->undismissed_only && row->verdict == GK_VERDICT_DISMISSED)
    return FALSE;
  if (self->rule != NULL && g_strcmp0 (row->rule, self->rule) != 0)
    return FALSE;
  return TRUE;
}

/* "R2" before "R10". */
static int
compare_rules (const char *a,
               const char *b)
{
  if (a[0] != b[0])
    return a[0] < b[0] ? -1 : 1;
  if (strlen (a) != strlen (b))
    return strlen (a) < strlen (b) ? -1 : 1;
  return strcmp (a, b);
}

static int
compare_rule_pointers (gconstpointer a,
                       gconstpointer b)
{
  return compare_rules (*(const char * const *) a, *(const char * const *) b);
}

static int
compare_column (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const GkStoreFinding *x = row_of ((gpointer) a);
  const GkStoreFinding *y = row_of ((gpointer) b);
  int c = 0;

  switch ((Column) GPOINTER_TO_INT (user_data))
    {
    case COLUMN_AGENCY:
      c = g_strcmp0 (x->agency, y->agency);
      if (c == 0)
        c = (x->year > y->year) - (x->year < y->year);
      break;
    case COLUMN_YEAR:
      c = (x->year > y->year) - (x->year < y->year);
      break;
    case COLUMN_RULE:
      c = compare_rules (x->rule, y->rule);
      break;
    case COLUMN_SEVERITY:
      c = (int) x->severity - (int) y->severity;
      break;
    case COLUMN_MESSAGE:
      c = g_strcmp0 (x->message, y->message);
      break;
    case COLUMN_VERDICT:
      c = (int) x->verdict - (int) y->verdict;
      break;
    default:
      g_assert_not_reached ();
    }
  return c < 0 ? GTK_ORDERING_SMALLER : c > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
update_count (GkFindingsView *self)
{
  guint shown = gk_findings_view_get_n_shown (self);
  guint total = gk_findings_view_get_n_total (self);
  g_autofree char *text = NULL;

  /* Translators: how many findings the filters let through, e.g. "12 of 40 findings" */
  text = g_strdup_printf (ngettext ("%u of %u finding", "%u of %u findings", total), shown, total);
  gtk_label_set_label (self->count_label, text);

  if (self->loading && total == 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else if (total == 0)
    {
      adw_status_page_set_title (self->status_page, _("No Problems Found"));
      adw_status_page_set_description (self->status_page,
                                       _("Every report of the library passes its checks, and so do the reports of each agency compared with each other."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else if (shown == 0)
    {
      adw_status_page_set_title (self->status_page, _("No Matching Findings"));
      adw_status_page_set_description (self->status_page, _("No finding passes the filters above."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
refilter (GkFindingsView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
toggled_cb (GkFindingsView  *self,
            GtkToggleButton *button)
{
  if (button == self->errors_button)
    self->errors_only = gtk_toggle_button_get_active (button);
  else
    self->undismissed_only = gtk_toggle_button_get_active (button);
  refilter (self);
}

static void
rule_selected_cb (GkFindingsView *self,
                  GParamSpec     *pspec,
                  GtkDropDown    *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  g_clear_pointer (&self->rule, g_free);
  /* The first entry is "All Rules". */
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    self->rule = g_strdup (gtk_string_list_get_string (self->rules, selected));
  refilter (self);
}

/* The rules present, sorted, after "All Rules"; the chosen one stays
 * chosen if it is still there. */
static void
update_rules (GkFindingsView *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) rules = g_ptr_array_new ();
  g_autofree char *chosen = g_strdup (self->rule);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint position = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkFindingItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      const char *rule = gk_finding_item_get (item)->rule;

      if (rule != NULL && g_hash_table_add (seen, (gpointer) rule))
        g_ptr_array_add (rules, (gpointer) rule);
    }
  g_ptr_array_sort (rules, compare_rule_pointers);
  g_ptr_array_add (rules, NULL);

  for (guint i = 0; chosen != NULL && rules->pdata[i] != NULL; i++)
    if (strcmp (rules->pdata[i], chosen) == 0)
      position = i + 1;

  g_signal_handlers_block_by_func (self->rule_dropdown, rule_selected_cb, self);
  gtk_string_list_splice (self->rules, 1, g_list_model_get_n_items (G_LIST_MODEL (self->rules)) - 1,
                          (const char * const *) rules->pdata);
  gtk_drop_down_set_selected (self->rule_dropdown, position);
  g_signal_handlers_unblock_by_func (self->rule_dropdown, rule_selected_cb, self);

  if (position == 0)
    g_clear_pointer (&self->rule, g_free);
}

/* ---------------------------------------------------------------------- */
/* Loading                                                                */

static void
list_findings_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GkFindingsView) self = user_data;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  rows = gk_library_list_findings_finish (GK_LIBRARY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  if (rows == NULL)
    {
      g_warning ("The findings of the library could not be read: %s", error->message);
      update_count (self);
      return;
    }

  /* The items take the rows over. */
  g_ptr_array_set_free_func (rows, NULL);
  items = g_ptr_array_new_full (rows->len, g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, gk_finding_item_new (g_ptr_array_index (rows, i)));
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  update_rules (self);
  refilter (self);
}

/**
 * gk_findings_view_reload:
 *
 * Reads the findings of the library again, in a worker thread.
 */
void
gk_findings_view_reload (GkFindingsView *self)
{
  g_return_if_fail (GK_IS_FINDINGS_VIEW (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  self->dirty = FALSE;
  if (self->library == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  update_count (self);
  gk_library_list_findings_async (self->library, self->cancellable, list_findings_cb, g_object_ref (self));
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  GkFindingsView *self = user_data;

  self->reload_id = 0;
  gk_findings_view_reload (self);
  return G_SOURCE_REMOVE;
}

/* Reads again soon if shown, or when next shown. */
static void
schedule_reload (GkFindingsView *self)
{
  self->dirty = TRUE;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || self->reload_id != 0)
    return;
  self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

static void
findings_changed_cb (GkFindingsView *self,
                     const char     *agency,
                     GkLibrary      *library)
{
  /* While a large import is checked agency by agency, read once when
   * the last one is done rather than after each. */
  if (gk_library_is_checking (library))
    {
      self->dirty = TRUE;
      return;
    }
  schedule_reload (self);
}

static void
reports_changed_cb (GkFindingsView *self,
                    guint           position,
                    guint           removed,
                    guint           added,
                    GListModel     *model)
{
  schedule_reload (self);
}

/* ---------------------------------------------------------------------- */
/* Columns                                                                */

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (column == COLUMN_AGENCY || column == COLUMN_MESSAGE)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == COLUMN_YEAR)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  const GkStoreFinding *row = row_of (gtk_list_item_get_item (list_item));
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *year = NULL;
  const char *text = "";

  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "warning");
  gtk_widget_remove_css_class (label, "dim-label");
  gk_widget_set_wrapped_tooltip (label, NULL);

  switch ((Column) GPOINTER_TO_INT (user_data))
    {
    case COLUMN_AGENCY:
      text = agency_label (row);
      gk_widget_set_wrapped_tooltip (label, text);
      break;
    case COLUMN_YEAR:
      text = year = row->year > 0 ? g_strdup_printf ("%d", row->year) : g_strdup ("—");
      break;
    case COLUMN_RULE:
      text = row->rule;
      break;
    case COLUMN_SEVERITY:
      text = severity_label (row->severity);
      gtk_widget_add_css_class (label, row->severity == GK_SEVERITY_ERROR ? "error" : "warning");
      break;
    case COLUMN_MESSAGE:
      text = row->message;
      gk_widget_set_wrapped_tooltip (label, text);
      if (row->verdict == GK_VERDICT_DISMISSED)
        gtk_widget_add_css_class (label, "dim-label");
      break;
    case COLUMN_VERDICT:
      text = verdict_label (row->verdict);
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_label (GTK_LABEL (label), text ? text : "");
}

static void
add_column (GkFindingsView *self,
            Column          column,
            const char     *title,
            gboolean        expand,
            int             fixed_width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;
  g_autoptr(GtkSorter) sorter = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (column));

  view_column = gtk_column_view_column_new (title, factory);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_column, GINT_TO_POINTER (column), NULL));
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (view_column, fixed_width);
  gtk_column_view_append_column (self->column_view, view_column);
  g_object_unref (view_column);
}

static void
activate_cb (GkFindingsView *self,
             guint           position,
             GtkColumnView  *column_view)
{
  gk_findings_view_activate (self, position);
}

/* ---------------------------------------------------------------------- */

static void
gk_findings_view_map (GtkWidget *widget)
{
  GkFindingsView *self = GK_FINDINGS_VIEW (widget);

  GTK_WIDGET_CLASS (gk_findings_view_parent_class)->map (widget);

  if (self->dirty)
    gk_findings_view_reload (self);
}

static void
gk_findings_view_dispose (GObject *object)
{
  GkFindingsView *self = (GkFindingsView *)object;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->library != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->library, self);
      g_clear_object (&self->library);
    }

  G_OBJECT_CLASS (gk_findings_view_parent_class)->dispose (object);
}

static void
gk_findings_view_finalize (GObject *object)
{
  GkFindingsView *self = (GkFindingsView *)object;

  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->items);
  g_free (self->rule);

  G_OBJECT_CLASS (gk_findings_view_parent_class)->finalize (object);
}

static void
gk_findings_view_class_init (GkFindingsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gk_findings_view_dispose;
  object_class->finalize = gk_findings_view_finalize;
  widget_class->map = gk_findings_view_map;

  /**
   * GkFindingsView::finding-activated:
   * @report_id: the report's id in the store
   * @finding_id: gk_finding_dup_id() of the finding
   *
   * The user chose a finding, to see it in its report.
   */
  signals [FINDING_ACTIVATED] =
    g_signal_new ("finding-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gk_findings_view_init (GkFindingsView *self)
{
  const char * const all_rules[] = { _("All Rules"), NULL };
  GtkWidget *bar, *scroller, *spinner, *spacer;
  GtkSingleSelection *selection;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);

  self->items = g_list_store_new (GK_TYPE_FINDING_ITEM);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->items)),
                                              GTK_FILTER (self->filter));

  /* The filters, and how many findings pass them. */
  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);

  self->errors_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Errors Only")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->errors_button), _("Show only errors, not warnings"));
  g_signal_connect_swapped (self->errors_button, "toggled", G_CALLBACK (toggled_cb), self);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->errors_button));

  self->undismissed_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Undismissed Only")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->undismissed_button), _("Hide the findings you dismissed"));
  g_signal_connect_swapped (self->undismissed_button, "toggled", G_CALLBACK (toggled_cb), self);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->undismissed_button));

  self->rules = gtk_string_list_new (all_rules);
  self->rule_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (self->rules), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->rule_dropdown), _("Show the findings of one rule"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rule_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Rule"), -1);
  g_signal_connect_swapped (self->rule_dropdown, "notify::selected", G_CALLBACK (rule_selected_cb), self);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->rule_dropdown));

  spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (bar), spacer);

  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "numeric");
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->count_label));
  gtk_box_append (GTK_BOX (self), bar);
  gtk_box_append (GTK_BOX (self), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  /* The table, sorted by the column the user clicks. */
  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_column_separators (self->column_view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Findings"), -1);
  add_column (self, COLUMN_AGENCY, _("Agency"), FALSE, 160);
  add_column (self, COLUMN_YEAR, _("Year"), FALSE, -1);
  add_column (self, COLUMN_RULE, _("Rule"), FALSE, -1);
  add_column (self, COLUMN_SEVERITY, _("Severity"), FALSE, -1);
  add_column (self, COLUMN_MESSAGE, _("Message"), TRUE, -1);
  add_column (self, COLUMN_VERDICT, _("Verdict"), FALSE, -1);
  /* By agency and year until the user clicks another heading. */
  {
    g_autoptr(GtkColumnViewColumn) first = g_list_model_get_item (gtk_column_view_get_columns (self->column_view), 0);
    gtk_column_view_sort_by_column (self->column_view, first, GTK_SORT_ASCENDING);
  }

  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  g_signal_connect_swapped (self->column_view, "activate", G_CALLBACK (activate_cb), self);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->column_view));
  gtk_widget_set_vexpand (scroller, TRUE);

  self->status_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->status_page, "emblem-ok-symbolic");

  spinner = gtk_spinner_new ();
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reading the findings"), -1);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, scroller, "list");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->status_page), "empty");
  gtk_stack_add_named (self->stack, spinner, "loading");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->stack));

  self->dirty = TRUE;
  update_count (self);
}

/**
 * gk_findings_view_new:
 * @library: the library whose findings to list
 */
GtkWidget *
gk_findings_view_new (GkLibrary *library)
{
  GkFindingsView *self;

  g_return_val_if_fail (GK_IS_LIBRARY (library), NULL);

  self = g_object_new (GK_TYPE_FINDINGS_VIEW, NULL);
  self->library = g_object_ref (library);
  g_signal_connect_object (library, "findings-changed", G_CALLBACK (findings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (library, "items-changed", G_CALLBACK (reports_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

/**
 * gk_findings_view_is_loading:
 *
 * Returns: whether the findings are being read
 */
gboolean
gk_findings_view_is_loading (GkFindingsView *self)
{
  g_return_val_if_fail (GK_IS_FINDINGS_VIEW (self), FALSE);
  return self->loading;
}

void
gk_findings_view_set_errors_only (GkFindingsView *self,
                                  gboolean        errors_only)
{
  g_return_if_fail (GK_IS_FINDINGS_VIEW (self));
  gtk_toggle_button_set_active (self->errors_button, errors_only);
}

void
gk_findings_view_set_undismissed_only (GkFindingsView *self,
                                       gboolean        undismissed_only)
{
  g_return_if_fail (GK_IS_FINDINGS_VIEW (self));
  gtk_toggle_button_set_active (self->undismissed_button, undismissed_only);
}

/**
 * gk_findings_view_set_rule:
 * @rule: (nullable): a rule present in the list, or %NULL for all
 *
 * Chooses the rule in the view's drop-down, as the user would.
 */
void
gk_findings_view_set_rule (GkFindingsView *self,
                           const char     *rule)
{
  guint position = 0;

  g_return_if_fail (GK_IS_FINDINGS_VIEW (self));

  for (guint i = 1; rule != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->rules)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->rules, i), rule) == 0)
      position = i;
  gtk_drop_down_set_selected (self->rule_dropdown, position);
}

/* Returns: how many findings pass the filters */
guint
gk_findings_view_get_n_shown (GkFindingsView *self)
{
  g_return_val_if_fail (GK_IS_FINDINGS_VIEW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

/* Returns: how many failed findings the library holds */
guint
gk_findings_view_get_n_total (GkFindingsView *self)
{
  g_return_val_if_fail (GK_IS_FINDINGS_VIEW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

/**
 * gk_findings_view_get_model:
 *
 * Returns: (transfer none): the findings as shown, filtered and sorted,
 *   a #GListModel of #GkFindingItem
 */
GListModel *
gk_findings_view_get_model (GkFindingsView *self)
{
  g_return_val_if_fail (GK_IS_FINDINGS_VIEW (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

/**
 * gk_findings_view_activate:
 * @position: a row as shown
 *
 * Opens the finding at @position, as activating its row does.
 */
void
gk_findings_view_activate (GkFindingsView *self,
                           guint           position)
{
  g_autoptr(GkFindingItem) item = NULL;
  const GkStoreFinding *row;

  g_return_if_fail (GK_IS_FINDINGS_VIEW (self));

  item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  if (item == NULL)
    return;
  row = gk_finding_item_get (item);
  g_signal_emit (self, signals[FINDING_ACTIVATED], 0, row->report_id, row->finding_id);
}
