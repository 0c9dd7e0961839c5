/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-trends-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "gk-chart-model.h"
#include "gk-chart-render.h"
#include "gk-trend-chart.h"
#include "gk-trends-view.h"

/* The Trends page: what to show (application outcomes, reconsideration
 * and litigation, or one derived rate), for whom (the selected agency, the
 * whole library, or a chosen set of agencies summed into one series), the
 * chart, its legend as widgets, and export.
 *
 * The rate is drawn a line per agency: the selected one, or each chosen
 * one (or the chosen set pooled into one line), with the library's average
 * beside it, pooled the same way (Σ numerators / Σ denominators). */

/* The rates the indicator chart offers, in the order of report-format.md
 * §9. */
static const GkIndicator chart_rates[] = {
  GK_INDICATOR_DISCLOSED_RATE,
  GK_INDICATOR_DENIED_RATE,
  GK_INDICATOR_UNABLE_RATE,
  GK_INDICATOR_REJECTED_RATE,
  GK_INDICATOR_REVIEW_CORRECTED_RATE,
  GK_INDICATOR_REVIEW_CORRECTED_RATE_CONCLUDED,
  GK_INDICATOR_SUIT_CORRECTED_RATE,
  GK_INDICATOR_DISPUTE_RATE,
};
struct _GkTrendsView
{
  GtkBox          parent_instance;

  GkLibrary      *library;
  GSettings      *settings;
  GkAgency       *agency;       /* borrowed */
  GkTrendsScope   scope;
  GHashTable     *chosen;       /* agency names of the chosen set */
  GkChartModel   *model;

  GtkWidget      *outcomes_button;
  GtkWidget      *disputes_button;
  GtkWidget      *indicator_button;
  GtkWidget      *indicator_bar;
  GtkWidget      *indicator_dropdown;
  GtkWidget      *scope_dropdown;
  GtkWidget      *choose_button;
  GtkWidget      *choose_search;
  GtkWidget      *choose_list;
  GtkWidget      *average_check;
  GtkWidget      *sum_check;
  GtkWidget      *chart;
  GtkWidget      *legend;
};

G_DEFINE_FINAL_TYPE (GkTrendsView, gk_trends_view, GTK_TYPE_BOX)

/**
 * gk_trends_collect_reports:
 * @agencies: (element-type GkAgency): the agencies to chart
 *
 * One report per agency and year: when an agency has two versions of a
 * year, the active one counts, so nothing is summed twice.
 *
 * Returns: (transfer container) (element-type GkReport): the reports
 */
GPtrArray *
gk_trends_collect_reports (GListModel *agencies)
{
  GPtrArray *reports = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint a = 0; a < g_list_model_get_n_items (agencies); a++)
    {
      g_autoptr(GkAgency) agency = g_list_model_get_item (agencies, a);
      /* year → the report that counts for it */
      g_autoptr(GHashTable) years = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
      GHashTableIter iter;
      gpointer value;

      for (guint r = 0; r < g_list_model_get_n_items (G_LIST_MODEL (agency)); r++)
        {
          g_autoptr(GkReport) report = g_list_model_get_item (G_LIST_MODEL (agency), r);
          int year = gk_report_get_year (report);
          GkReport *kept;

          if (year <= 0)
            continue;
          kept = g_hash_table_lookup (years, GINT_TO_POINTER (year));
          /* Of two versions of a year, the active one counts. */
          if (kept == NULL || (!gk_store_report_is_active (kept) && gk_store_report_is_active (report)))
            g_hash_table_insert (years, GINT_TO_POINTER (year), g_steal_pointer (&report));
        }

      g_hash_table_iter_init (&iter, years);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_ptr_array_add (reports, g_object_ref (value));
    }

  return reports;
}

/* A key of the legend, drawn as the export draws it, in the colour the
 * chart draws the series with now (light or dark). */
static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  GkTrendsView *self = user_data;
  guint series = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "gk-series"));
  double swatch_width, swatch_height;
  GkChartColor color;
  GdkRGBA rgba;

  if (series >= gk_chart_model_get_n_series (self->model))
    return;
  gk_trend_chart_get_series_color (GK_TREND_CHART (self->chart),
                                   gk_chart_model_get_series_id (self->model, series), &rgba);
  color = (GkChartColor) { rgba.red, rgba.green, rgba.blue, rgba.alpha };
  gk_chart_render_swatch_size (self->model, series, &swatch_width, &swatch_height);
  cairo_translate (cr, round ((width - swatch_width) / 2), round ((height - swatch_height) / 2));
  gk_chart_render_swatch (cr, self->model, series, &color);
}

static void
update_legend (GkTrendsView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->legend)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->legend), child);
  /* "No data to chart" needs no key. */
  gtk_widget_set_visible (self->legend, !gk_chart_model_is_empty (self->model));

  for (guint s = 0; s < gk_chart_model_get_n_series (self->model); s++)
    {
      GkChartSeries id = gk_chart_model_get_series_id (self->model, s);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      /* Only a picture of the key: the label names the series. */
      GtkWidget *swatch = g_object_new (GTK_TYPE_DRAWING_AREA,
                                        "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                        NULL);
      GtkWidget *label = gtk_label_new (gk_chart_model_get_series_label (self->model, s));
      double width, height;

      gk_chart_render_swatch_size (self->model, s, &width, &height);
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), (int) ceil (width));
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), (int) ceil (height));
      g_object_set_data (G_OBJECT (swatch), "gk-series", GUINT_TO_POINTER (s));
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, self, NULL);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (label, "caption");

      if (id == GK_CHART_SERIES_AVERAGE)
        gtk_widget_set_tooltip_text (box, _("The library’s rate of each year, pooled over all its reports: the sum of the numerators over the sum of the denominators"));

      gtk_box_append (GTK_BOX (box), swatch);
      gtk_box_append (GTK_BOX (box), label);
      gtk_flow_box_append (GTK_FLOW_BOX (self->legend), box);
    }
}

/* The indicator chart of @agencies (the scope's): a line each, or one for
 * the chosen set when summed, and the library's pooled average. */
static void
refresh_indicator (GkTrendsView *self,
                   GListModel   *agencies,
                   const char   *label)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) label_list = NULL;
  g_autoptr(GPtrArray) average = NULL;
  gboolean sum = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->sum_check));
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->indicator_dropdown));
  GkIndicator indicator = chart_rates[selected < G_N_ELEMENTS (chart_rates) ? selected : 0];

  switch (self->scope)
    {
    case GK_TRENDS_SCOPE_LIBRARY:
      /* The library as a whole is its pooled average. */
      break;

    case GK_TRENDS_SCOPE_SELECTION:
      if (sum)
        {
          if (g_list_model_get_n_items (agencies) > 0)
            {
              g_ptr_array_add (groups, gk_trends_collect_reports (agencies));
              g_strv_builder_add (labels, label);
            }
          break;
        }
      G_GNUC_FALLTHROUGH;

    case GK_TRENDS_SCOPE_AGENCY:
    default:
      for (guint i = 0; i < g_list_model_get_n_items (agencies); i++)
        {
          g_autoptr(GkAgency) agency = g_list_model_get_item (agencies, i);
          g_autoptr(GListStore) one = g_list_store_new (GK_TYPE_AGENCY);

          g_list_store_append (one, agency);
          g_ptr_array_add (groups, gk_trends_collect_reports (G_LIST_MODEL (one)));
          g_strv_builder_add (labels, gk_agency_get_name (agency));
        }
      break;
    }

  if (self->scope == GK_TRENDS_SCOPE_LIBRARY
      || gtk_check_button_get_active (GTK_CHECK_BUTTON (self->average_check)))
    average = gk_trends_collect_reports (gk_library_get_agencies (self->library));

  label_list = g_strv_builder_end (labels);
  gk_chart_model_set_indicator (self->model, indicator, (const char * const *) label_list, groups, average);
  gk_chart_model_set_label (self->model, label ? label : "");
}

static void
refresh (GkTrendsView *self)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GListStore) agencies = g_list_store_new (GK_TYPE_AGENCY);
  g_autofree char *label = NULL;
  GListModel *all = gk_library_get_agencies (self->library);

  switch (self->scope)
    {
    case GK_TRENDS_SCOPE_LIBRARY:
      for (guint i = 0; i < g_list_model_get_n_items (all); i++)
        {
          g_autoptr(GkAgency) agency = g_list_model_get_item (all, i);
          g_list_store_append (agencies, agency);
        }
      label = g_strdup (_("Whole library"));
      break;

    case GK_TRENDS_SCOPE_SELECTION:
      for (guint i = 0; i < g_list_model_get_n_items (all); i++)
        {
          g_autoptr(GkAgency) agency = g_list_model_get_item (all, i);
          if (g_hash_table_contains (self->chosen, gk_agency_get_name (agency)))
            g_list_store_append (agencies, agency);
        }
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u chosen agency", "%u chosen agencies",
                                            g_list_model_get_n_items (G_LIST_MODEL (agencies))),
                               g_list_model_get_n_items (G_LIST_MODEL (agencies)));
      break;

    case GK_TRENDS_SCOPE_AGENCY:
    default:
      if (self->agency != NULL)
        {
          g_list_store_append (agencies, self->agency);
          label = g_strdup (gk_agency_get_name (self->agency));
        }
      break;
    }

  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->indicator_button)))
    refresh_indicator (self, G_LIST_MODEL (agencies), label);
  else
    {
      reports = gk_trends_collect_reports (G_LIST_MODEL (agencies));
      gk_chart_model_set_kind (self->model,
                               gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->disputes_button))
                               ? GK_CHART_DISPUTES : GK_CHART_OUTCOMES);
      gk_chart_model_set_reports (self->model, reports, label ? label : "");
    }
  gk_trend_chart_model_changed (GK_TREND_CHART (self->chart));
  update_legend (self);

  {
    gboolean indicator = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->indicator_button));

    gtk_widget_set_visible (self->choose_button, self->scope == GK_TRENDS_SCOPE_SELECTION);
    gtk_widget_set_visible (self->indicator_bar, indicator);
    /* The whole library's line is the average itself. */
    gtk_widget_set_visible (self->average_check, indicator && self->scope != GK_TRENDS_SCOPE_LIBRARY);
    gtk_widget_set_visible (self->sum_check, indicator && self->scope == GK_TRENDS_SCOPE_SELECTION);
  }
}

static void
kind_toggled_cb (GkTrendsView    *self,
                 GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "chart-kind",
                           GTK_WIDGET (button) == self->disputes_button ? "disputes"
                           : GTK_WIDGET (button) == self->indicator_button ? "indicator" : "outcomes");
  refresh (self);
}

static void
scope_changed_cb (GkTrendsView *self,
                  GParamSpec   *pspec,
                  GtkDropDown  *dropdown)
{
  static const char * const nicks[] = { "agency", "library", "selection" };
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected >= G_N_ELEMENTS (nicks))
    return;
  self->scope = selected;
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "chart-scope", nicks[selected]);
  refresh (self);
}

static void
save_chosen (GkTrendsView *self)
{
  g_autofree const char **names = NULL;
  guint n = 0;

  if (self->settings == NULL)
    return;
  names = (const char **) g_hash_table_get_keys_as_array (self->chosen, &n);
  g_settings_set_strv (self->settings, "chart-agencies", names);
}

static void
chosen_toggled_cb (GtkCheckButton *check,
                   GkTrendsView   *self)
{
  const char *name = g_object_get_data (G_OBJECT (check), "agency");

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->chosen, g_strdup (name));
  else
    g_hash_table_remove (self->chosen, name);
  save_chosen (self);
  refresh (self);
}

static void
indicator_changed_cb (GkTrendsView *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->indicator_dropdown));

  if (selected >= G_N_ELEMENTS (chart_rates))
    return;
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "chart-indicator", gk_indicator_get_key (chart_rates[selected]));
  refresh (self);
}

static void
option_toggled_cb (GkTrendsView *self)
{
  if (self->settings != NULL)
    {
      g_settings_set_boolean (self->settings, "chart-average",
                              gtk_check_button_get_active (GTK_CHECK_BUTTON (self->average_check)));
      g_settings_set_boolean (self->settings, "chart-sum-chosen",
                              gtk_check_button_get_active (GTK_CHECK_BUTTON (self->sum_check)));
    }
  refresh (self);
}

/* The chooser's search: full-width and half-width spellings alike. */
static gboolean
choose_row_matches (GtkListBoxRow *row,
                    gpointer       user_data)
{
  GkTrendsView *self = user_data;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->choose_search));
  GtkWidget *check = gtk_list_box_row_get_child (row);
  const char *name = check ? g_object_get_data (G_OBJECT (check), "agency") : NULL;
  g_autofree char *haystack = NULL;
  g_autofree char *needle = NULL;

  if (query == NULL || *query == '\0' || name == NULL)
    return TRUE;
  haystack = gk_normalize_compact (name);
  needle = gk_normalize_compact (query);
  return strstr (haystack, needle) != NULL;
}

static void
choose_search_changed_cb (GkTrendsView *self)
{
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->choose_list));
}

/* The chooser lists the library's agencies each time it opens. */
static void
fill_choose_list (GkTrendsView *self)
{
  GListModel *all = gk_library_get_agencies (self->library);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->choose_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->choose_list), child);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(GkAgency) agency = g_list_model_get_item (all, i);
      GtkWidget *check = gtk_check_button_new_with_label (gk_agency_get_name (agency));

      g_object_set_data_full (G_OBJECT (check), "agency", g_strdup (gk_agency_get_name (agency)), g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_hash_table_contains (self->chosen, gk_agency_get_name (agency)));
      g_signal_connect (check, "toggled", G_CALLBACK (chosen_toggled_cb), self);
      gtk_list_box_append (GTK_LIST_BOX (self->choose_list), check);
    }
}

static void
choose_popover_show_cb (GkTrendsView *self)
{
  fill_choose_list (self);
  /* A long list is searched first. */
  gtk_editable_set_text (GTK_EDITABLE (self->choose_search), "");
  gtk_widget_grab_focus (self->choose_search);
}

static void
library_changed_cb (GkTrendsView *self)
{
  refresh (self);
}

/* ---------------------------------------------------------------------- */

/* The window's Export Chart (Ctrl+E) asks for a size, then a file. */
static void
export_clicked_cb (GkTrendsView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.export-chart", NULL);
}

/* ---------------------------------------------------------------------- */

static void
gk_trends_view_dispose (GObject *object)
{
  GkTrendsView *self = (GkTrendsView *)object;

  if (self->library != NULL)
    g_signal_handlers_disconnect_by_data (self->library, self);
  g_clear_object (&self->library);
  g_clear_object (&self->settings);
  g_clear_object (&self->model);
  g_clear_pointer (&self->chosen, g_hash_table_unref);

  G_OBJECT_CLASS (gk_trends_view_parent_class)->dispose (object);
}

static void
gk_trends_view_class_init (GkTrendsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gk_trends_view_dispose;
}

/* The list of rates: the Chinese term and the name in the reader's
 * language, the formula as tooltip. */
static void
rate_item_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
rate_item_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  guint position = gtk_list_item_get_position (item);
  GkIndicator indicator = chart_rates[position < G_N_ELEMENTS (chart_rates) ? position : 0];
  g_autofree char *text = g_strdup_printf ("%s · %s", gk_indicator_get_name (indicator),
                                           gk_indicator_get_title (indicator));
  g_autofree char *tooltip = g_strdup_printf ("%s\n%s", gk_indicator_get_formula_zh (indicator),
                                              gk_indicator_get_denominator (indicator));
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, tooltip);
}

static void
gk_trends_view_init (GkTrendsView *self)
{
  GtkWidget *toolbar, *kinds, *popover, *scroller, *export_button, *choose_box;
  GtkListItemFactory *factory;
  const char *scope_names[4];
  g_autoptr(GtkStringList) rate_names = gtk_string_list_new (NULL);

  self->chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->model = gk_chart_model_new (GK_CHART_OUTCOMES);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 18);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 12);

  toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (self), toolbar);

  /* What: a linked pair of toggles. */
  kinds = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (kinds, "linked");
  self->outcomes_button = gtk_toggle_button_new_with_mnemonic (_("_Applications"));
  self->disputes_button = gtk_toggle_button_new_with_mnemonic (_("_Disputes"));
  gtk_widget_set_tooltip_text (self->outcomes_button, _("How applications were answered, per year"));
  gtk_widget_set_tooltip_text (self->disputes_button, _("Administrative reconsideration and litigation, per year"));
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->disputes_button), GTK_TOGGLE_BUTTON (self->outcomes_button));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->outcomes_button), TRUE);
  self->indicator_button = gtk_toggle_button_new_with_mnemonic (_("_Indicator"));
  gtk_widget_set_tooltip_text (self->indicator_button,
                               _("One derived rate per year, for several agencies side by side and the library’s average"));
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->indicator_button), GTK_TOGGLE_BUTTON (self->outcomes_button));
  gtk_box_append (GTK_BOX (kinds), self->outcomes_button);
  gtk_box_append (GTK_BOX (kinds), self->disputes_button);
  gtk_box_append (GTK_BOX (kinds), self->indicator_button);
  gtk_box_append (GTK_BOX (toolbar), kinds);

  /* The indicator chart's own options, on a second line: the first is
   * full on a laptop. */
  self->indicator_bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_visible (self->indicator_bar, FALSE);

  /* Which rate: its Chinese term, as in the reports; the list adds its
   * name. */
  for (guint i = 0; i < G_N_ELEMENTS (chart_rates); i++)
    gtk_string_list_append (rate_names, gk_indicator_get_name (chart_rates[i]));
  self->indicator_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (rate_names)), NULL);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (rate_item_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (rate_item_bind_cb), NULL);
  gtk_drop_down_set_list_factory (GTK_DROP_DOWN (self->indicator_dropdown), factory);
  g_object_unref (factory);
  gtk_widget_set_tooltip_text (self->indicator_dropdown, _("The rate to chart; hover a point for its formula and numbers"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->indicator_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Indicator"),
                                  -1);
  gtk_box_append (GTK_BOX (self->indicator_bar), self->indicator_dropdown);

  /* For whom. */
  scope_names[0] = _("This agency");
  scope_names[1] = _("Whole library");
  scope_names[2] = _("Chosen agencies");
  scope_names[3] = NULL;
  self->scope_dropdown = gtk_drop_down_new_from_strings (scope_names);
  gtk_widget_set_tooltip_text (self->scope_dropdown, _("Which reports the chart sums"));
  gtk_box_append (GTK_BOX (toolbar), self->scope_dropdown);

  popover = gtk_popover_new ();
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 400);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  self->choose_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->choose_list), GTK_SELECTION_NONE);
  gtk_list_box_set_filter_func (GTK_LIST_BOX (self->choose_list), choose_row_matches, self, NULL);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->choose_list);
  self->choose_search = gtk_search_entry_new ();
  g_object_set (self->choose_search, "placeholder-text", _("Find an agency"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->choose_search),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Find an agency"),
                                  -1);
  g_signal_connect_object (self->choose_search, "search-changed",
                           G_CALLBACK (choose_search_changed_cb), self, G_CONNECT_SWAPPED);
  choose_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (choose_box), self->choose_search);
  gtk_box_append (GTK_BOX (choose_box), scroller);
  gtk_popover_set_child (GTK_POPOVER (popover), choose_box);
  g_signal_connect_object (popover, "show", G_CALLBACK (choose_popover_show_cb), self, G_CONNECT_SWAPPED);
  self->choose_button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->choose_button), _("Agencies"));
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->choose_button), popover);
  gtk_widget_set_visible (self->choose_button, FALSE);
  gtk_box_append (GTK_BOX (toolbar), self->choose_button);

  self->sum_check = gtk_check_button_new_with_mnemonic (_("_One line"));
  gtk_widget_set_tooltip_text (self->sum_check,
                               _("Pool the chosen agencies into one line, as if they were one agency"));
  gtk_widget_set_visible (self->sum_check, FALSE);
  gtk_box_append (GTK_BOX (self->indicator_bar), self->sum_check);

  self->average_check = gtk_check_button_new_with_mnemonic (_("Library _average"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->average_check), TRUE);
  gtk_widget_set_tooltip_text (self->average_check,
                               _("Add the library’s rate of each year, pooled over its reports: the sum of the numerators over the sum of the denominators, so larger agencies weigh more"));
  gtk_widget_set_visible (self->average_check, FALSE);
  gtk_box_append (GTK_BOX (self->indicator_bar), self->average_check);

  export_button = gtk_button_new_from_icon_name ("document-save-as-symbolic");
  gtk_widget_set_tooltip_text (export_button, _("Export the chart as PNG, SVG or PDF"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (export_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Export Chart"),
                                  -1);
  gtk_widget_set_halign (export_button, GTK_ALIGN_END);
  gtk_widget_set_hexpand (export_button, TRUE);
  g_signal_connect_object (export_button, "clicked", G_CALLBACK (export_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (toolbar), export_button);
  gtk_box_append (GTK_BOX (self), self->indicator_bar);

  self->chart = gk_trend_chart_new ();
  gk_trend_chart_set_model (GK_TREND_CHART (self->chart), self->model);
  gtk_widget_set_vexpand (self->chart, TRUE);
  gtk_widget_set_hexpand (self->chart, TRUE);
  gtk_box_append (GTK_BOX (self), self->chart);

  self->legend = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->legend), GTK_SELECTION_NONE);
  /* Enough per line that the legend takes two lines at most on a laptop. */
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (self->legend), 4);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->legend), 8);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->legend), 12);
  gtk_widget_set_halign (self->legend, GTK_ALIGN_CENTER);
  gtk_widget_set_can_focus (self->legend, FALSE);
  gtk_box_append (GTK_BOX (self), self->legend);

  g_signal_connect_object (self->outcomes_button, "toggled", G_CALLBACK (kind_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->disputes_button, "toggled", G_CALLBACK (kind_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->indicator_button, "toggled", G_CALLBACK (kind_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->indicator_dropdown, "notify::selected", G_CALLBACK (indicator_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->average_check, "toggled", G_CALLBACK (option_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sum_check, "toggled", G_CALLBACK (option_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scope_dropdown, "notify::selected", G_CALLBACK (scope_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * gk_trends_view_new:
 * @settings: (nullable): where the chart choice is remembered
 */
GtkWidget *
gk_trends_view_new (GkLibrary *library,
                    GSettings *settings)
{
  GkTrendsView *self;

  g_return_val_if_fail (GK_IS_LIBRARY (library), NULL);

  self = g_object_new (GK_TYPE_TRENDS_VIEW, NULL);
  self->library = g_object_ref (library);
  self->settings = settings ? g_object_ref (settings) : NULL;

  if (self->settings != NULL)
    {
      g_autofree char *kind = g_settings_get_string (self->settings, "chart-kind");
      g_autofree char *scope = g_settings_get_string (self->settings, "chart-scope");
      g_autofree char *rate = g_settings_get_string (self->settings, "chart-indicator");
      g_auto(GStrv) chosen = g_settings_get_strv (self->settings, "chart-agencies");
      GkIndicator indicator;
      /* Read before setting either: each toggle saves both. */
      gboolean average = g_settings_get_boolean (self->settings, "chart-average");
      gboolean sum = g_settings_get_boolean (self->settings, "chart-sum-chosen");

      for (guint i = 0; chosen[i] != NULL; i++)
        g_hash_table_add (self->chosen, g_strdup (chosen[i]));
      if (gk_indicator_from_key (rate, &indicator))
        for (guint i = 0; i < G_N_ELEMENTS (chart_rates); i++)
          if (chart_rates[i] == indicator)
            gtk_drop_down_set_selected (GTK_DROP_DOWN (self->indicator_dropdown), i);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (self->average_check), average);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (self->sum_check), sum);

      if (g_strcmp0 (kind, "disputes") == 0)
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->disputes_button), TRUE);
      else if (g_strcmp0 (kind, "indicator") == 0)
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->indicator_button), TRUE);
      if (g_strcmp0 (scope, "library") == 0)
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->scope_dropdown), GK_TRENDS_SCOPE_LIBRARY);
      else if (g_strcmp0 (scope, "selection") == 0)
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->scope_dropdown), GK_TRENDS_SCOPE_SELECTION);
    }

  g_signal_connect_object (library, "items-changed", G_CALLBACK (library_changed_cb), self, G_CONNECT_SWAPPED);
  refresh (self);
  return GTK_WIDGET (self);
}

/**
 * gk_trends_view_set_agency:
 * @agency: (nullable): the agency selected in the window
 */
void
gk_trends_view_set_agency (GkTrendsView *self,
                           GkAgency     *agency)
{
  g_return_if_fail (GK_IS_TRENDS_VIEW (self));

  self->agency = agency;
  refresh (self);
}

void
gk_trends_view_set_scope (GkTrendsView  *self,
                          GkTrendsScope  scope)
{
  g_return_if_fail (GK_IS_TRENDS_VIEW (self));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->scope_dropdown), scope);
}

/**
 * gk_trends_view_choose_agencies:
 * @names: (array zero-terminated=1): the agencies to sum, for the
 *   "chosen agencies" scope
 */
void
gk_trends_view_choose_agencies (GkTrendsView       *self,
                                const char * const *names)
{
  g_return_if_fail (GK_IS_TRENDS_VIEW (self));

  g_hash_table_remove_all (self->chosen);
  for (guint i = 0; names && names[i]; i++)
    g_hash_table_add (self->chosen, g_strdup (names[i]));
  save_chosen (self);
  refresh (self);
}

/**
 * gk_trends_view_get_chart:
 *
 * Returns: (transfer none): the chart widget
 */
GtkWidget *
gk_trends_view_get_chart (GkTrendsView *self)
{
  g_return_val_if_fail (GK_IS_TRENDS_VIEW (self), NULL);
  return self->chart;
}
