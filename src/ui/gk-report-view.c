/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-report-view"

#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "gk-report-view.h"
#include "gk-tooltip.h"
#include "gk-table-grid.h"

/* The detail page of one report: what was read about it and how sure
 * that is, its three tables drawn as printed, the findings beside them
 * (clicking one highlights its cells), and the prose of its six sections.
 *
 * libadwaita 1.2 has no breakpoints, so the page decides its own layout
 * when it is allocated: the findings go to the right of the tables when
 * both fit side by side at their natural widths, and below them when not.
 * That decision depends only on the width, never on the result of the
 * layout it changes, so it cannot oscillate.  The template starts
 * stacked, so that the page's minimum width is the stacked one: side by
 * side is only chosen far above it. */

/* The six section headings as the official templates print them: report
 * data, not UI text. */
static const char * const section_titles[GK_N_SECTIONS] = {
  "一、总体情况",
  "二、主动公开政府信息情况",
  "三、收到和处理政府信息公开申请情况",
  "四、政府信息公开行政复议、行政诉讼情况",
  "五、存在的主要问题及改进情况",
  "六、其他需要报告的事项",
};

#define N_TABLES 3

/* The page's side margins and the gap between tables and findings, as in
 * the template. */
#define PAGE_MARGIN     24
#define COLUMN_SPACING  30
#define FINDINGS_WIDTH  360
#define PAGE_WIDTH      1600
#define SCROLL_MARGIN   24

typedef struct
{
  GtkWidget *section;
  GtkWidget *grid;
  GtkWidget *missing;
  GtkWidget *missing_title;
  GtkWidget *missing_description;
} TableSection;

struct _GkReportView
{
  GtkWidget           parent_instance;

  GkReport           *report;
  GkLibrary          *library;   /* names the other report of a finding */
  GtkSortListModel   *findings;
  TableSection        tables[N_TABLES];
  GtkWidget          *scroll_target;
  guint               scroll_tick_id;
  guint               scroll_ticks;

  /* Template widgets */
  GtkScrolledWindow  *scroller;
  GtkWidget          *page;
  GtkLabel           *title_label;
  GtkLabel           *subtitle_label;
  GtkWidget          *details_group;
  AdwActionRow       *agency_row;
  GtkLabel           *agency_value;
  GtkWidget          *agency_warning;
  AdwActionRow       *year_row;
  GtkLabel           *year_value;
  GtkWidget          *year_warning;
  AdwActionRow       *template_row;
  GtkLabel           *template_value;
  GtkWidget          *template_warning;
  AdwActionRow       *tables_row;
  GtkLabel           *tables_value;
  GtkWidget          *tables_warning;
  AdwActionRow       *source_row;
  GtkLabel           *source_value;
  AdwActionRow       *version_row;
  GtkBox             *columns_box;
  GtkWidget          *tables_box;
  AdwClamp           *findings_clamp;
  GtkWidget          *findings_box;
  GtkLabel           *findings_summary;
  GtkListBox         *findings_list;
  GtkWidget          *prose_box;
};

G_DEFINE_FINAL_TYPE (GkReportView, gk_report_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_REPORT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  VERDICT_REQUESTED,
  USE_VERSION_REQUESTED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* ---------------------------------------------------------------------- */
/* Details                                                                */

/* How a guess was made, in words: the confidence values are those the
 * metadata reader gives to its sources, from the title (0.95) down to the
 * most frequent year in the body (0.4). */
static const char *
describe_confidence (double confidence)
{
  if (confidence >= 0.95)
    return _("From the title");
  if (confidence >= 0.85)
    return _("Stated in the report");
  if (confidence >= 0.65)
    return _("Inferred from the text");
  return _("Guessed from the body");
}

/* Below this a guess is shown with a warning sign. */
#define CONFIDENT 0.65

static char *
describe_evidence (double      confidence,
                   const char *evidence,
                   guint       line)
{
  const char *how = describe_confidence (confidence);

  if (evidence != NULL && *evidence != '\0' && line > 0)
    /* Translators: how a value was found, the line, and the text it was
     * read from: "From the title, line 3: “…”". */
    return g_strdup_printf (_("%s, line %u: “%s”"), how, line, evidence);
  if (evidence != NULL && *evidence != '\0')
    return g_strdup_printf (_("%s: “%s”"), how, evidence);
  return g_strdup (how);
}

static void
set_guess (AdwActionRow *row,
           GtkLabel     *value_label,
           GtkWidget    *warning,
           const char   *value,
           double        confidence,
           const char   *evidence,
           guint         line,
           const char   *unknown_value,
           const char   *unknown_description)
{
  if (value == NULL)
    {
      gtk_label_set_label (value_label, unknown_value);
      adw_action_row_set_subtitle (row, unknown_description);
      gtk_widget_set_visible (warning, TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (value_label), "dim-label");
    }
  else
    {
      g_autofree char *description = describe_evidence (confidence, evidence, line);

      gtk_label_set_label (value_label, value);
      adw_action_row_set_subtitle (row, description);
      gtk_widget_set_visible (warning, confidence < CONFIDENT);
      gtk_widget_remove_css_class (GTK_WIDGET (value_label), "dim-label");
    }
}

static GkFinding *
find_rule (GkReport   *report,
           const char *rule,
           const char *subject)
{
  GListModel *findings = gk_report_get_findings (report);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(GkFinding) finding = g_list_model_get_item (findings, i);

      if (g_strcmp0 (gk_finding_get_rule (finding), rule) == 0
          && (subject == NULL || g_strcmp0 (gk_finding_get_subject (finding), subject) == 0))
        return finding;
    }

  return NULL;
}

static const char *
describe_format (GkFormat format)
{
  switch (format)
    {
    case GK_FORMAT_TEXT:
      return _("Plain text");
    case GK_FORMAT_HTML:
      return _("Web page");
    case GK_FORMAT_DOCX:
      return _("Word document");
    case GK_FORMAT_PDF:
      return _("PDF document");
    default:
      g_return_val_if_reached ("");
    }
}

static void
update_template_row (GkReportView *self)
{
  GkReport *report = self->report;
  GkFinding *mismatch = find_rule (report, "T3", NULL);
  g_autofree char *description = NULL;
  const char *value = NULL;

  /* The circulars that issued the templates are named as printed. */
  switch (gk_report_get_template (report))
    {
    case GK_TEMPLATE_2019:
      value = _("2019 template");
      /* Translators: %s is the circular that issued the template. */
      description = g_strdup_printf (_("%s, for the reports of 2019 and 2020"), "国办公开办函〔2019〕60号");
      break;
    case GK_TEMPLATE_2021:
      value = _("2021 template");
      /* Translators: %s is the circular that issued the template. */
      description = g_strdup_printf (_("%s, for the reports of 2021 onward"), "国办公开办函〔2021〕30号");
      break;
    case GK_TEMPLATE_LEGACY:
      value = _("Before 2019");
      description = g_strdup (_("A free or provincial layout: its tables cannot be checked"));
      break;
    case GK_TEMPLATE_UNKNOWN:
    default:
      value = _("Not recognised");
      description = g_strdup (_("The tables match neither official template"));
      break;
    }

  gtk_label_set_label (self->template_value, value);
  if (mismatch != NULL)
    {
      adw_action_row_set_subtitle (self->template_row, gk_finding_get_message (mismatch));
      gk_widget_set_wrapped_tooltip (self->template_warning, gk_finding_get_message (mismatch));
    }
  else
    adw_action_row_set_subtitle (self->template_row, description);
  gtk_widget_set_visible (self->template_warning,
                          mismatch != NULL || gk_report_get_template (report) == GK_TEMPLATE_UNKNOWN);
}

static void
update_tables_row (GkReportView *self)
{
  int missing[N_TABLES];
  guint n_missing = 0, n_cells = 0;
  g_autofree char *value = NULL;
  g_autofree char *cells = NULL;

  for (GkTableId id = GK_TABLE_2; id <= GK_TABLE_4; id++)
    {
      GkTable *table = gk_report_get_table (self->report, id);

      if (table != NULL)
        n_cells += gk_table_get_n_cells (table);
      else
        missing[n_missing++] = id;
    }

  switch (n_missing)
    {
    case 0:
      value = g_strdup (_("All three found"));
      break;
    case 1:
      value = g_strdup_printf (_("Table %d missing"), missing[0]);
      break;
    case 2:
      value = g_strdup_printf (_("Tables %d and %d missing"), missing[0], missing[1]);
      break;
    default:
      value = g_strdup (_("All three missing"));
      break;
    }
  gtk_label_set_label (self->tables_value, value);
  gtk_widget_set_visible (self->tables_warning, n_missing > 0);
  if (n_missing > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->tables_value), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->tables_value), "error");

  cells = g_strdup_printf (ngettext ("%u cell read from tables 2, 3 and 4",
                                     "%u cells read from tables 2, 3 and 4", n_cells),
                           n_cells);
  adw_action_row_set_subtitle (self->tables_row, cells);
}

static void
update_details (GkReportView *self)
{
  GkReport *report = self->report;
  const char *agency = gk_report_get_agency (report);
  int year = gk_report_get_year (report);
  g_autofree char *year_text = year > 0 ? g_strdup_printf ("%d", year) : NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *source = NULL;

  gtk_label_set_label (self->title_label, agency ? agency : _("Unknown Agency"));
  if (year > 0)
    /* Translators: under the agency's name: "Annual report 2020". */
    subtitle = g_strdup_printf (_("Annual report %d on government information disclosure"), year);
  else
    subtitle = g_strdup (_("Annual report on government information disclosure, year unknown"));
  gtk_label_set_label (self->subtitle_label, subtitle);

  set_guess (self->agency_row, self->agency_value, self->agency_warning,
             agency, gk_report_get_agency_confidence (report),
             gk_report_get_agency_evidence (report), gk_report_get_agency_line (report),
             _("Unknown"), _("No agency name was found in the report"));
  set_guess (self->year_row, self->year_value, self->year_warning,
             year_text, gk_report_get_year_confidence (report),
             gk_report_get_year_evidence (report), gk_report_get_year_line (report),
             _("Unknown"), _("No year was found in the report"));

  update_template_row (self);
  update_tables_row (self);

  gtk_label_set_label (self->source_value,
                       gk_report_get_source_name (report) ? gk_report_get_source_name (report) : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->source_value), gk_report_get_source_name (report));
  if (gk_report_get_encoding (report) != NULL)
    /* Translators: "Plain text, UTF-8". */
    source = g_strdup_printf (_("%s, %s"), describe_format (gk_report_get_format (report)),
                              gk_report_get_encoding (report));
  else
    source = g_strdup (describe_format (gk_report_get_format (report)));
  adw_action_row_set_subtitle (self->source_row, source);
}

/* ---------------------------------------------------------------------- */
/* Tables                                                                 */

static TableSection *
table_section (GkReportView *self,
               GkTableId     id)
{
  g_assert (id >= GK_TABLE_2 && id <= GK_TABLE_4);
  return &self->tables[id - GK_TABLE_2];
}

static void
build_table_sections (GkReportView *self)
{
  for (GkTableId id = GK_TABLE_2; id <= GK_TABLE_4; id++)
    {
      TableSection *section = table_section (self, id);
      const char *title = section_titles[id - 1];
      GtkWidget *heading, *icon, *box;

      section->section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      gtk_box_append (GTK_BOX (self->tables_box), section->section);

      heading = gtk_label_new (title);
      gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
      gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
      gtk_widget_add_css_class (heading, "title-4");
      gtk_box_append (GTK_BOX (section->section), heading);

      /* The grid scrolls sideways on its own when the page is narrower
       * than the table can be. */
      section->grid = gk_table_grid_new ();
      gtk_accessible_update_property (GTK_ACCESSIBLE (section->grid),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      -1);
      gtk_box_append (GTK_BOX (section->section), section->grid);

      /* A compact status page: AdwStatusPage's large icon would dwarf the
       * tables around it. */
      section->missing = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_widget_add_css_class (section->missing, "card");
      gtk_widget_add_css_class (section->missing, "missing-table");
      icon = gtk_image_new_from_icon_name ("x-office-spreadsheet-symbolic");
      gtk_image_set_pixel_size (GTK_IMAGE (icon), 32);
      gtk_widget_add_css_class (icon, "dim-label");
      gtk_box_append (GTK_BOX (section->missing), icon);
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      section->missing_title = gtk_label_new (NULL);
      gtk_label_set_wrap (GTK_LABEL (section->missing_title), TRUE);
      gtk_label_set_justify (GTK_LABEL (section->missing_title), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (section->missing_title, "title-4");
      gtk_box_append (GTK_BOX (box), section->missing_title);
      section->missing_description = gtk_label_new (NULL);
      gtk_label_set_wrap (GTK_LABEL (section->missing_description), TRUE);
      gtk_label_set_justify (GTK_LABEL (section->missing_description), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (section->missing_description, "dim-label");
      gtk_box_append (GTK_BOX (box), section->missing_description);
      gtk_box_append (GTK_BOX (section->missing), box);
      gtk_box_append (GTK_BOX (section->section), section->missing);
    }
}

static void
update_tables (GkReportView *self)
{
  GListModel *findings = self->report ? gk_report_get_findings (self->report) : NULL;

  for (GkTableId id = GK_TABLE_2; id <= GK_TABLE_4; id++)
    {
      TableSection *section = table_section (self, id);
      GkTable *table = self->report ? gk_report_get_table (self->report, id) : NULL;

      gk_table_grid_set_findings (GK_TABLE_GRID (section->grid), findings);
      gk_table_grid_set_table (GK_TABLE_GRID (section->grid), table);
      gtk_widget_set_visible (section->grid, table != NULL);
      gtk_widget_set_visible (section->missing, table == NULL);

      if (table == NULL && self->report != NULL)
        {
          /* Translators: a notice in place of a table, "Table 3 is missing
           * from this report". */
          g_autofree char *title = g_strdup_printf (_("Table %d is missing from this report"), id);
          const char *description;

          if (gk_report_get_template (self->report) == GK_TEMPLATE_LEGACY)
            description = _("Reports from before 2019 follow no standard layout, so their tables are not read.");
          else
            description = _("The rules that need its numbers could not be checked.");
          gtk_label_set_label (GTK_LABEL (section->missing_title), title);
          gtk_label_set_label (GTK_LABEL (section->missing_description), description);
        }
    }
}

/* ---------------------------------------------------------------------- */
/* Findings                                                               */

static int
finding_rank (GkFinding *finding)
{
  if (gk_finding_get_status (finding) == GK_FINDING_NOT_ASSESSABLE)
    return 2;
  return gk_finding_get_severity (finding) == GK_SEVERITY_ERROR ? 0 : 1;
}

/* Errors first, then warnings, then what could not be assessed; the
 * checks' own order within each. */
static int
compare_findings (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  return finding_rank ((GkFinding *) a) - finding_rank ((GkFinding *) b);
}

static const char *
verdict_label (GkVerdict verdict)
{
  switch (verdict)
    {
    /* Translators: what the user decided about a finding */
    case GK_VERDICT_CONFIRMED: return C_("verdict", "Confirmed");
    case GK_VERDICT_DISMISSED: return C_("verdict", "Dismissed");
    case GK_VERDICT_NONE:
    default:                   return NULL;
    }
}

/* Shows the finding's verdict on its row: a badge, the note, and a
 * dismissed finding dimmed. */
static void
update_verdict (GkFinding  *finding,
                GParamSpec *pspec,
                GtkWidget  *row)
{
  GtkWidget *badge = g_object_get_data (G_OBJECT (row), "gk-verdict-badge");
  const char *details = g_object_get_data (G_OBJECT (row), "gk-details");
  GkVerdict verdict = gk_finding_get_verdict (finding);
  const char *note = gk_finding_get_note (finding);
  g_autoptr(GString) subtitle = g_string_new (details);

  gtk_label_set_label (GTK_LABEL (badge), verdict_label (verdict) ? verdict_label (verdict) : "");
  gtk_widget_set_visible (badge, verdict != GK_VERDICT_NONE);
  if (verdict != GK_VERDICT_NONE && note != NULL)
    {
      if (subtitle->len > 0)
        g_string_append_c (subtitle, '\n');
      /* Translators: the user's note on a finding they confirmed or dismissed */
      g_string_append_printf (subtitle, _("Note: %s"), note);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  if (verdict == GK_VERDICT_DISMISSED)
    gtk_widget_add_css_class (row, "dismissed");
  else
    gtk_widget_remove_css_class (row, "dismissed");
}

static void
verdict_clicked_cb (GtkButton *button,
                    gpointer   user_data)
{
  GkReportView *self = user_data;
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);
  GkFinding *finding = g_object_get_data (G_OBJECT (popover), "gk-finding");
  GtkEditable *entry = g_object_get_data (G_OBJECT (popover), "gk-note-entry");
  GkVerdict verdict = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "gk-verdict"));

  gtk_popover_popdown (GTK_POPOVER (popover));
  g_signal_emit (self, signals[VERDICT_REQUESTED], 0, finding, verdict,
                 verdict == GK_VERDICT_NONE ? NULL : gtk_editable_get_text (entry));
}

static void
verdict_popover_show_cb (GtkPopover *popover,
                         gpointer    user_data)
{
  GkFinding *finding = g_object_get_data (G_OBJECT (popover), "gk-finding");
  GtkEditable *entry = g_object_get_data (G_OBJECT (popover), "gk-note-entry");
  const char *note = gk_finding_get_note (finding);

  gtk_editable_set_text (entry, note ? note : "");
}

/* The menu of a failed finding: confirm it, dismiss it with a note, or
 * take the verdict back.  The window stores what is chosen. */
static GtkWidget *
create_verdict_button (GkReportView *self,
                       GkFinding    *finding)
{
  static const struct { GkVerdict verdict; const char *label; } choices[] = {
    { GK_VERDICT_CONFIRMED, N_("_Confirm") },
    { GK_VERDICT_DISMISSED, N_("_Dismiss") },
    { GK_VERDICT_NONE, N_("C_lear") },
  };
  GtkWidget *menu_button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *heading = gtk_label_new (_("Your Verdict"));

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "emblem-ok-symbolic");
  gtk_widget_set_tooltip_text (menu_button, _("Confirm or dismiss this finding"));
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Note, e.g. why it does not matter"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"), -1);
  gtk_widget_set_size_request (entry, 260, -1);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_(choices[i].label));

      g_object_set_data (G_OBJECT (button), "gk-verdict", GINT_TO_POINTER (choices[i].verdict));
      g_signal_connect (button, "clicked", G_CALLBACK (verdict_clicked_cb), self);
      if (choices[i].verdict == GK_VERDICT_CONFIRMED)
        gtk_widget_add_css_class (button, "suggested-action");
      gtk_box_append (GTK_BOX (buttons), button);
    }
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_popover_set_child (GTK_POPOVER (popover), box);

  g_object_set_data_full (G_OBJECT (popover), "gk-finding", g_object_ref (finding), g_object_unref);
  g_object_set_data (G_OBJECT (popover), "gk-note-entry", entry);
  g_signal_connect (popover, "show", G_CALLBACK (verdict_popover_show_cb), NULL);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu_button), popover);

  return menu_button;
}

static void
use_version_clicked_cb (GkReportView *self)
{
  g_signal_emit (self, signals[USE_VERSION_REQUESTED], 0);
}

/* The other report of a finding across reports, in words: "北京市门头沟区
 * 政府 2019", or the start of its SHA-256 when the library does not hold
 * it (any more). */
static char *
describe_other_report (GkReportView *self,
                       GkFinding    *finding)
{
  const char *sha256 = gk_finding_get_other_report (finding);
  GkReport *other = self->library ? gk_library_find_report_by_sha256 (self->library, sha256) : NULL;
  const char *agency;

  if (other == NULL)
    /* Translators: a report the library no longer holds, by the start of its digest */
    return g_strdup_printf (_("report %.12s"), sha256);

  agency = gk_report_get_agency (other);
  if (agency == NULL || *agency == '\0')
    agency = _("Unknown agency");
  if (gk_store_report_version (other) > 1)
    /* Translators: an agency's report: "北京市门头沟区政府 2020, version 2" */
    return g_strdup_printf (_("%s %d, version %u"), agency, gk_report_get_year (other),
                            gk_store_report_version (other));
  /* Translators: an agency's report: "北京市门头沟区政府 2019" */
  return g_strdup_printf (_("%s %d"), agency, gk_report_get_year (other));
}

/* A finding across reports shows the two values side by side: this
 * report's and the other report's, named by agency and year.  D2 has no
 * cells: its values are the share of prose repeated and the most that
 * evaluators accept; its message quotes the passages. */
static void
append_cross_details (GkReportView *self,
                      GkFinding    *finding,
                      GString      *details)
{
  g_autofree char *other = describe_other_report (self, finding);
  const char *rule = gk_finding_get_rule (finding);
  const char *found = gk_finding_get_found (finding);
  const char *expected = gk_finding_get_expected (finding);

  if (g_strcmp0 (rule, "D2") == 0)
    {
      /* Translators: D2, "Repeats 北京市门头沟区政府 2019: 82.5% of the prose (at most ≤ 50%)" */
      g_string_append_printf (details, _("Repeats %s: %s of the prose (accepted: %s)"),
                              other, found ? found : "?", expected ? expected : "?");
      return;
    }
  if (g_strcmp0 (rule, "D1") == 0)
    {
      /* Translators: D1, the other version of the report shown */
      g_string_append_printf (details, _("Other version: %s"), other);
      return;
    }
  if ((found != NULL || expected != NULL) && g_strcmp0 (rule, "C1") != 0)
    {
      /* Translators: C2/C3, this report's value and what the other
       * report's numbers make of it: "This report: 213 · from
       * 北京市门头沟区政府 2019: 215" */
      g_string_append_printf (details, _("This report: %s · from %s: %s"),
                              found ? found : "—", other, expected ? expected : "—");
    }
  else if (found != NULL || expected != NULL)
    {
      /* Translators: a finding across reports, this report's value and
       * the other report's: "This report: 4 · 北京市门头沟区政府 2019: 5" */
      g_string_append_printf (details, _("This report: %s · %s: %s"),
                              found ? found : "—", other, expected ? expected : "—");
    }
}

/* Two versions of a year that disagree (D1): the user says which one
 * counts, in the report's details rather than in the finding's row, where
 * the button would squeeze the message beside the tables. */
static void
update_version_row (GkReportView *self)
{
  GkFinding *conflict = self->report != NULL ? find_rule (self->report, "D1", NULL) : NULL;
  g_autofree char *other = NULL;
  g_autofree char *subtitle = NULL;

  if (conflict == NULL || gk_finding_get_status (conflict) != GK_FINDING_FAILED)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->version_row), FALSE);
      return;
    }

  other = describe_other_report (self, conflict);
  /* Translators: %s names the other version: "测试区人民政府办公室 2021,
   * version 2" */
  subtitle = g_strdup_printf (_("%s has other numbers: choose the version that counts"), other);
  adw_action_row_set_subtitle (self->version_row, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->version_row), TRUE);
}

static GtkWidget *
create_finding_row (gpointer item,
                    gpointer user_data)
{
  GkReportView *self = user_data;
  GkFinding *finding = GK_FINDING (item);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon, *rule;
  g_autoptr(GString) details = g_string_new (NULL);
  const char *icon_name, *css_class, *status;

  switch (finding_rank (finding))
    {
    case 0:
      icon_name = "dialog-error-symbolic";
      css_class = "error";
      status = _("Error");
      break;
    case 1:
      icon_name = "dialog-warning-symbolic";
      css_class = "warning";
      status = _("Warning");
      break;
    default:
      icon_name = "action-unavailable-symbolic";
      css_class = "dim-label";
      status = _("Not assessable");
      break;
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gk_finding_get_message (finding));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (row, "finding");
  if (finding_rank (finding) == 2)
    gtk_widget_add_css_class (row, "not-assessable");

  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_widget_add_css_class (icon, css_class);
  gtk_widget_set_tooltip_text (icon, status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, status,
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  rule = gtk_label_new (gk_finding_get_rule (finding));
  gtk_widget_set_valign (rule, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (rule, "rule-badge");
  gtk_widget_add_css_class (rule, css_class);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), rule);

  /* A rule that could not be assessed names its unusable cells in its
   * message; its expected and found are the formula and cell keys, for
   * tools (JSON, CSV), not for people. */
  if (gk_finding_get_status (finding) == GK_FINDING_FAILED && gk_finding_get_other_report (finding) != NULL)
    append_cross_details (self, finding, details);
  else if (gk_finding_get_status (finding) == GK_FINDING_FAILED && gk_finding_get_expected (finding) != NULL)
    g_string_append_printf (details, _("Expected: %s"), gk_finding_get_expected (finding));
  if (gk_finding_get_status (finding) == GK_FINDING_FAILED && gk_finding_get_found (finding) != NULL
      && gk_finding_get_other_report (finding) == NULL)
    {
      if (details->len > 0)
        g_string_append_c (details, '\n');
      g_string_append_printf (details, _("Found: %s"), gk_finding_get_found (finding));
    }
  if (gk_finding_get_line (finding) > 0)
    {
      if (details->len > 0)
        g_string_append_c (details, '\n');
      g_string_append_printf (details, _("Line %u"), gk_finding_get_line (finding));
    }
  if (details->len > 0)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), details->str);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
      gk_widget_set_wrapped_tooltip (row, details->str);
    }

  g_object_set_data_full (G_OBJECT (row), "gk-finding", g_object_ref (finding), g_object_unref);

  /* A finding the rules failed can be judged; one they could not assess
   * has nothing to judge. */
  if (gk_finding_get_status (finding) == GK_FINDING_FAILED)
    {
      GtkWidget *badge = gtk_label_new (NULL);

      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (badge, "verdict-badge");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_verdict_button (self, finding));

      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 6);
      g_object_set_data_full (G_OBJECT (row), "gk-details", g_strdup (details->str), g_free);
      g_object_set_data (G_OBJECT (row), "gk-verdict-badge", badge);
      update_verdict (finding, NULL, row);
      g_signal_connect_object (finding, "notify::verdict", G_CALLBACK (update_verdict), row, 0);
      g_signal_connect_object (finding, "notify::note", G_CALLBACK (update_verdict), row, 0);
    }

  return row;
}

static void
update_findings_summary (GkReportView *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint n_errors, n_warnings, n_unassessed;
  g_autofree char *text = NULL;

  if (self->report == NULL)
    {
      gtk_label_set_label (self->findings_summary, "");
      return;
    }

  n_errors = gk_report_count_findings (self->report, GK_FINDING_FAILED, GK_SEVERITY_ERROR);
  n_warnings = gk_report_count_findings (self->report, GK_FINDING_FAILED, GK_SEVERITY_WARNING);
  n_unassessed = gk_report_count_findings (self->report, GK_FINDING_NOT_ASSESSABLE, -1);

  if (n_errors > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u error", "%u errors", n_errors), n_errors));
  if (n_warnings > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u warning", "%u warnings", n_warnings), n_warnings));
  if (n_unassessed > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u not assessable", "%u not assessable", n_unassessed),
                                             n_unassessed));
  g_ptr_array_add (parts, NULL);

  /* Translators: the separator between "2 errors", "1 warning" … */
  text = g_strjoinv (_(", "), (char **) parts->pdata);
  gtk_label_set_label (self->findings_summary, text);
}

static void
findings_changed_cb (GkReportView *self,
                     guint         position,
                     guint         removed,
                     guint         added,
                     GListModel   *model)
{
  update_findings_summary (self);
  if (self->report != NULL)
    update_template_row (self);
  update_version_row (self);
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  GkReportView *self = GK_REPORT_VIEW (widget);
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;

  /* One frame first, so that a page filled just now is laid out. */
  if (self->scroll_ticks++ == 0)
    return G_SOURCE_CONTINUE;

  self->scroll_tick_id = 0;
  if (self->scroll_target == NULL
      || !gtk_widget_compute_bounds (self->scroll_target, GTK_WIDGET (self->scroller), &bounds))
    return G_SOURCE_REMOVE;

  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  if (bounds.origin.y < 0 || bounds.origin.y > gtk_adjustment_get_page_size (adjustment) / 2)
    gtk_adjustment_set_value (adjustment,
                              gtk_adjustment_get_value (adjustment) + bounds.origin.y - SCROLL_MARGIN);

  return G_SOURCE_REMOVE;
}

static void
stop_scrolling (GkReportView *self)
{
  if (self->scroll_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick_id);
  self->scroll_tick_id = 0;
  self->scroll_target = NULL;
}

static void
scroll_to (GkReportView *self,
           GtkWidget    *target)
{
  self->scroll_target = target;
  self->scroll_ticks = 0;
  if (self->scroll_tick_id == 0)
    self->scroll_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_tick_cb, NULL, NULL);
}

/* Highlights the cells of @finding in every table (the grids scroll to
 * them); a finding about a whole table, such as a missing one, scrolls to
 * that table, and one about the report to its details. */
static void
show_finding (GkReportView *self,
              GkFinding    *finding)
{
  const char * const *keys = finding ? gk_finding_get_cells (finding) : NULL;
  gboolean shown = FALSE;

  for (GkTableId id = GK_TABLE_2; id <= GK_TABLE_4; id++)
    {
      GkTableGrid *grid = GK_TABLE_GRID (table_section (self, id)->grid);
      shown |= gk_table_grid_highlight (grid, keys);
    }

  if (finding == NULL || shown)
    return;

  for (GkTableId id = GK_TABLE_2; id <= GK_TABLE_4; id++)
    {
      const char *subject = gk_finding_get_subject (finding);
      const char *key = gk_table_id_to_key (id);

      if (subject != NULL && g_str_has_prefix (subject, key)
          && (subject[strlen (key)] == '\0' || subject[strlen (key)] == ':'))
        {
          scroll_to (self, table_section (self, id)->section);
          return;
        }
    }

  if (g_strcmp0 (gk_finding_get_rule (finding), "T3") == 0)
    scroll_to (self, self->details_group);
}

static void
finding_activated_cb (GkReportView  *self,
                      GtkListBoxRow *row,
                      GtkListBox    *list)
{
  show_finding (self, g_object_get_data (G_OBJECT (row), "gk-finding"));
}

/* ---------------------------------------------------------------------- */
/* Prose                                                                  */

/* A short line that opens with an ordinal such as "（一）" or "(五)" and
 * does not end a sentence reads as a sub-heading. */
static gboolean
looks_like_subheading (const char *line)
{
  return (g_str_has_prefix (line, "（") || g_str_has_prefix (line, "("))
         && g_utf8_strlen (line, -1) <= 30
         && !g_str_has_suffix (line, "。");
}

static char *
format_prose (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *markup = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      g_autofree char *escaped = NULL;

      if (*line == '\0')
        continue;
      /* Half a line between paragraphs: a blank line would be too loose,
       * none too dense. */
      if (markup->len > 0)
        g_string_append (markup, "\n<span size=\"50%\"> </span>\n");
      escaped = g_markup_escape_text (line, -1);
      if (looks_like_subheading (line))
        g_string_append_printf (markup, "<b>%s</b>", escaped);
      else
        g_string_append (markup, escaped);
    }

  return g_string_free (markup, FALSE);
}

static void
update_prose (GkReportView *self)
{
  GtkWidget *child;
  gboolean any = FALSE;

  while ((child = gtk_widget_get_first_child (self->prose_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->prose_box), child);

  for (guint i = 0; self->report != NULL && i < GK_N_SECTIONS; i++)
    {
      const char *text = gk_report_get_section (self->report, i);
      g_autofree char *markup = NULL;
      GtkWidget *section, *heading, *body;

      if (text == NULL)
        continue;
      markup = format_prose (text);
      if (*markup == '\0')
        continue;

      if (!any)
        {
          GtkWidget *title = gtk_label_new (_("Text of the Report"));
          gtk_label_set_xalign (GTK_LABEL (title), 0.0);
          gtk_widget_add_css_class (title, "title-2");
          gtk_box_append (GTK_BOX (self->prose_box), title);
          any = TRUE;
        }

      section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      gtk_widget_add_css_class (section, "prose-section");
      heading = gtk_label_new (section_titles[i]);
      gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
      gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
      gtk_widget_add_css_class (heading, "title-4");
      gtk_box_append (GTK_BOX (section), heading);

      body = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (body), markup);
      gtk_label_set_wrap (GTK_LABEL (body), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (body), TRUE);
      gtk_label_set_xalign (GTK_LABEL (body), 0.0);
      gtk_label_set_max_width_chars (GTK_LABEL (body), 90);
      gtk_widget_set_halign (body, GTK_ALIGN_START);
      gtk_widget_add_css_class (body, "prose");
      gtk_box_append (GTK_BOX (section), body);

      gtk_box_append (GTK_BOX (self->prose_box), section);
    }

  gtk_widget_set_visible (self->prose_box, any);
}

/* ---------------------------------------------------------------------- */
/* Layout                                                                 */

/* Beside the tables, the findings stay in view as the tables scroll by,
 * as far as the tables go (CSS's "position: sticky"): after a click on
 * one has scrolled to its cells, the next is still there to click.  The
 * clamp's top margin follows the scrolling, never past the tables' end,
 * so that the page keeps its height.  Findings taller than the view
 * scroll with the page, or their last ones could not be reached before
 * the tables' end.  The margin is set at once, not from an idle: the
 * scrolling is laid out in the frame that shows it, and so is the
 * margin. */
static void
update_sticky_findings (GkReportView *self)
{
  GtkAdjustment *adjustment;
  GtkWidget *viewport, *content, *findings;
  int findings_height, room;
  graphene_point_t top;
  int margin = 0;

  /* The adjustment outlives the page while it is taken down. */
  if (self->scroller == NULL || self->findings_clamp == NULL || self->tables_box == NULL)
    return;
  viewport = gtk_scrolled_window_get_child (self->scroller);
  content = GTK_IS_VIEWPORT (viewport) ? gtk_viewport_get_child (GTK_VIEWPORT (viewport)) : NULL;
  if (content == NULL)
    return;

  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  findings = GTK_WIDGET (self->findings_clamp);
  findings_height = gtk_widget_get_height (findings);
  room = gtk_widget_get_height (self->tables_box) - findings_height;

  if (gtk_orientable_get_orientation (GTK_ORIENTABLE (self->columns_box)) == GTK_ORIENTATION_HORIZONTAL
      && room > 0
      && findings_height + 2 * SCROLL_MARGIN <= gtk_adjustment_get_page_size (adjustment)
      && gtk_widget_compute_point (GTK_WIDGET (self->columns_box), content, &GRAPHENE_POINT_INIT (0, 0), &top))
    margin = CLAMP ((int) (gtk_adjustment_get_value (adjustment) + SCROLL_MARGIN - top.y), 0, room);

  if (gtk_widget_get_margin_top (findings) != margin)
    gtk_widget_set_margin_top (findings, margin);
}

static void
gk_report_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  GkReportView *self = GK_REPORT_VIEW (widget);

  gtk_widget_measure (GTK_WIDGET (self->scroller), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
gk_report_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  GkReportView *self = GK_REPORT_VIEW (widget);
  GtkOrientation orientation;
  int tables_width;

  /* The findings go beside the tables when tables 2 and 3 fit in what is
   * left without scrolling sideways, their labels wrapped if need be.
   * Table 4, one row of fifteen cells, wraps its headers and scrolls
   * sideways as well beside the findings as below them, so it does not
   * push them down.  None of this depends on where the findings go. */
  tables_width = 0;
  for (GkTableId table = GK_TABLE_2; table <= GK_TABLE_3; table++)
    tables_width = MAX (tables_width,
                        gk_table_grid_get_unscrolled_width (GK_TABLE_GRID (table_section (self, table)->grid)));
  if (MIN (width, PAGE_WIDTH) - 2 * PAGE_MARGIN >= tables_width + COLUMN_SPACING + FINDINGS_WIDTH)
    orientation = GTK_ORIENTATION_HORIZONTAL;
  else
    orientation = GTK_ORIENTATION_VERTICAL;

  if (gtk_orientable_get_orientation (GTK_ORIENTABLE (self->columns_box)) != orientation)
    {
      gboolean wide = orientation == GTK_ORIENTATION_HORIZONTAL;

      gtk_orientable_set_orientation (GTK_ORIENTABLE (self->columns_box), orientation);
      /* Beside the tables the findings keep to a column; the clamp caps
       * their natural width, which long messages would otherwise take
       * from the tables.  Below the tables they use the page's width. */
      adw_clamp_set_maximum_size (self->findings_clamp, wide ? FINDINGS_WIDTH : PAGE_WIDTH);
      adw_clamp_set_tightening_threshold (self->findings_clamp, wide ? FINDINGS_WIDTH : PAGE_WIDTH);
      if (wide)
        gtk_widget_add_css_class (GTK_WIDGET (self->columns_box), "wide");
      else
        {
          gtk_widget_remove_css_class (GTK_WIDGET (self->columns_box), "wide");
          gtk_widget_set_margin_top (GTK_WIDGET (self->findings_clamp), 0);
        }
    }

  gtk_widget_allocate (GTK_WIDGET (self->scroller), width, height, baseline, NULL);
}

/* ---------------------------------------------------------------------- */

static void
gk_report_view_dispose (GObject *object)
{
  GkReportView *self = (GkReportView *)object;

  stop_scrolling (self);
  if (self->report != NULL)
    g_signal_handlers_disconnect_by_func (gk_report_get_findings (self->report), findings_changed_cb, self);
  if (self->findings_list != NULL)
    gtk_list_box_bind_model (self->findings_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GK_TYPE_REPORT_VIEW);
  self->findings_list = NULL;
  g_clear_object (&self->findings);
  g_clear_object (&self->report);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (gk_report_view_parent_class)->dispose (object);
}

static void
gk_report_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GkReportView *self = GK_REPORT_VIEW (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_report_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GkReportView *self = GK_REPORT_VIEW (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      gk_report_view_set_report (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_report_view_class_init (GkReportViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gk_report_view_dispose;
  object_class->get_property = gk_report_view_get_property;
  object_class->set_property = gk_report_view_set_property;

  widget_class->measure = gk_report_view_measure;
  widget_class->size_allocate = gk_report_view_size_allocate;

  properties [PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL,
                         GK_TYPE_REPORT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GkReportView::verdict-requested:
   * @finding: the finding
   * @verdict: a #GkVerdict; %GK_VERDICT_NONE takes the verdict back
   * @note: (nullable): the user's note
   *
   * The user confirmed or dismissed a finding.  Whoever owns the library
   * stores it (gk_library_set_verdict()); the view shows the verdict once
   * the finding has it.
   */
  signals [VERDICT_REQUESTED] =
    g_signal_new ("verdict-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, GK_TYPE_FINDING, G_TYPE_INT, G_TYPE_STRING);

  /**
   * GkReportView::use-version-requested:
   *
   * The user chose the report shown as the version that counts for its
   * agency and year, settling a version conflict (D1).  Whoever owns the
   * library stores it (gk_library_set_active_version()).
   */
  signals [USE_VERSION_REQUESTED] =
    g_signal_new ("use-version-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongkai/Gongkai/gk-report-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GkReportView, scroller);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, page);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, title_label);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, details_group);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, agency_row);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, agency_value);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, agency_warning);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, year_row);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, year_value);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, year_warning);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, template_row);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, template_value);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, template_warning);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, tables_row);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, tables_value);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, tables_warning);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, source_row);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, source_value);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, version_row);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, columns_box);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, tables_box);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, findings_clamp);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, findings_box);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, findings_summary);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, findings_list);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, prose_box);
  gtk_widget_class_bind_template_callback (widget_class, finding_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, use_version_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "reportview");
}

static void
gk_report_view_init (GkReportView *self)
{
  GtkWidget *placeholder;

  g_type_ensure (GK_TYPE_TABLE_GRID);
  gtk_widget_init_template (GTK_WIDGET (self));

  placeholder = gtk_label_new (_("No problems found"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_add_css_class (placeholder, "findings-placeholder");
  gtk_list_box_set_placeholder (self->findings_list, placeholder);

  build_table_sections (self);
  gk_report_view_set_report (self, NULL);

  {
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

    /* "changed" too: the tables, the findings or the view change size. */
    g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (update_sticky_findings),
                             self, G_CONNECT_SWAPPED);
    g_signal_connect_object (adjustment, "changed", G_CALLBACK (update_sticky_findings),
                             self, G_CONNECT_SWAPPED);
  }
}

/* ---------------------------------------------------------------------- */

GtkWidget *
gk_report_view_new (void)
{
  return g_object_new (GK_TYPE_REPORT_VIEW, NULL);
}

/**
 * gk_report_view_get_report:
 *
 * Returns: (transfer none) (nullable): the report shown
 */
GkReport *
gk_report_view_get_report (GkReportView *self)
{
  g_return_val_if_fail (GK_IS_REPORT_VIEW (self), NULL);

  return self->report;
}

/**
 * gk_report_view_set_report:
 * @report: (nullable): the report to show
 *
 * Shows @report from the top, with no finding selected.
 */
void
gk_report_view_set_report (GkReportView *self,
                           GkReport     *report)
{
  g_return_if_fail (GK_IS_REPORT_VIEW (self));
  g_return_if_fail (report == NULL || GK_IS_REPORT (report));

  if (self->report == report && report != NULL)
    return;

  if (self->report != NULL)
    g_signal_handlers_disconnect_by_func (gk_report_get_findings (self->report), findings_changed_cb, self);
  g_set_object (&self->report, report);
  stop_scrolling (self);

  gtk_list_box_bind_model (self->findings_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->findings);

  gtk_widget_set_visible (self->page, report != NULL);
  if (report != NULL)
    {
      GListModel *findings = gk_report_get_findings (report);
      GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (compare_findings, NULL, NULL));

      self->findings = gtk_sort_list_model_new (g_object_ref (findings), sorter);
      gtk_list_box_bind_model (self->findings_list, G_LIST_MODEL (self->findings),
                               create_finding_row, self, NULL);
      g_signal_connect_object (findings, "items-changed",
                               G_CALLBACK (findings_changed_cb), self, G_CONNECT_SWAPPED);
      update_details (self);
    }

  update_findings_summary (self);
  update_version_row (self);
  update_tables (self);
  update_prose (self);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REPORT]);
}

/**
 * gk_report_view_select_finding:
 * @index: a position in the findings list as shown (errors first)
 *
 * Selects the finding at @index and highlights its cells, as a click on
 * it does.
 *
 * Returns: %TRUE if there is a finding at @index
 */
gboolean
gk_report_view_select_finding (GkReportView *self,
                               guint         index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (GK_IS_REPORT_VIEW (self), FALSE);

  row = gtk_list_box_get_row_at_index (self->findings_list, index);
  if (row == NULL)
    return FALSE;

  gtk_list_box_select_row (self->findings_list, row);
  show_finding (self, g_object_get_data (G_OBJECT (row), "gk-finding"));
  return TRUE;
}

/**
 * gk_report_view_get_table_grid:
 *
 * Returns: (transfer none): the grid that shows @table
 */
GtkWidget *
gk_report_view_get_table_grid (GkReportView *self,
                               GkTableId     table)
{
  g_return_val_if_fail (GK_IS_REPORT_VIEW (self), NULL);
  g_return_val_if_fail (table >= GK_TABLE_2 && table <= GK_TABLE_4, NULL);

  return table_section (self, table)->grid;
}

/**
 * gk_report_view_set_library:
 * @library: (nullable): the library the reports shown belong to
 *
 * Lets the findings across reports name the other report by its agency
 * and year.
 */
void
gk_report_view_set_library (GkReportView *self,
                            GkLibrary    *library)
{
  g_return_if_fail (GK_IS_REPORT_VIEW (self));
  g_return_if_fail (library == NULL || GK_IS_LIBRARY (library));

  g_set_object (&self->library, library);
}

/**
 * gk_report_view_select_finding_id:
 * @finding_id: gk_finding_dup_id() of a finding of the report shown
 *
 * Selects that finding and highlights its cells, as a click on it does.
 *
 * Returns: %TRUE if the report shown has that finding
 */
gboolean
gk_report_view_select_finding_id (GkReportView *self,
                                  const char   *finding_id)
{
  g_return_val_if_fail (GK_IS_REPORT_VIEW (self), FALSE);
  g_return_val_if_fail (finding_id != NULL, FALSE);

  for (guint i = 0; self->findings != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->findings)); i++)
    {
      g_autoptr(GkFinding) finding = g_list_model_get_item (G_LIST_MODEL (self->findings), i);
      g_autofree char *id = gk_finding_dup_id (finding);

      if (strcmp (id, finding_id) == 0)
        return gk_report_view_select_finding (self, i);
    }
  return FALSE;
}
