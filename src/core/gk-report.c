/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-report"

#include "config.h"

#include "gk-report.h"
#include "gk-report-summary.h"

/* One annual report: where it came from, whose and which year it is (with
 * the evidence for each guess), its prose sections, its tables and what the
 * checks found in it.  A table the report lacks is NULL, never invented. */
struct _GkReport
{
  GObject     parent_instance;

  char       *source_name;
  char       *sha256;
  char       *encoding;
  GkFormat    format;

  char       *agency;
  char       *agency_evidence;
  guint       agency_line;
  double      agency_confidence;

  int         year;
  char       *year_evidence;
  guint       year_line;
  double      year_confidence;

  GkTemplate  template_;

  char       *sections[GK_N_SECTIONS];
  guint       section_lines[GK_N_SECTIONS];

  GkTable    *tables[3];  /* t2, t3, t4 */
  GListStore *findings;

  /* A library keeps most of its reports without their contents (sections,
   * tables, findings) and loads them when one is opened; the summary
   * answers for them meanwhile.  It is computed from the contents when
   * they are here, on demand, and forgotten when they change. */
  gboolean         contents_dropped;
  gboolean         summary_valid;
  GkReportSummary  summary;
};

enum {
  PROP_0,
  PROP_SOURCE_NAME,
  PROP_SHA256,
  PROP_ENCODING,
  PROP_AGENCY,
  PROP_AGENCY_CONFIDENCE,
  PROP_YEAR,
  PROP_YEAR_CONFIDENCE,
  PROP_TEMPLATE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (GkReport, gk_report, G_TYPE_OBJECT)

static GParamSpec *properties [N_PROPS];

static void
gk_report_dispose (GObject *object)
{
  GkReport *self = (GkReport *)object;

  for (guint i = 0; i < G_N_ELEMENTS (self->tables); i++)
    g_clear_object (&self->tables[i]);
  g_clear_object (&self->findings);

  G_OBJECT_CLASS (gk_report_parent_class)->dispose (object);
}

static void
gk_report_finalize (GObject *object)
{
  GkReport *self = (GkReport *)object;

  g_clear_pointer (&self->source_name, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->encoding, g_free);
  g_clear_pointer (&self->agency, g_free);
  g_clear_pointer (&self->agency_evidence, g_free);
  g_clear_pointer (&self->year_evidence, g_free);
  for (guint i = 0; i < GK_N_SECTIONS; i++)
    g_clear_pointer (&self->sections[i], g_free);

  G_OBJECT_CLASS (gk_report_parent_class)->finalize (object);
}

static void
gk_report_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GkReport *self = GK_REPORT (object);

  switch (prop_id)
    {
    case PROP_SOURCE_NAME:
      g_value_set_string (value, self->source_name);
      break;
    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;
    case PROP_ENCODING:
      g_value_set_string (value, self->encoding);
      break;
    case PROP_AGENCY:
      g_value_set_string (value, self->agency);
      break;
    case PROP_AGENCY_CONFIDENCE:
      g_value_set_double (value, self->agency_confidence);
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_YEAR_CONFIDENCE:
      g_value_set_double (value, self->year_confidence);
      break;
    case PROP_TEMPLATE:
      g_value_set_string (value, gk_template_to_string (self->template_));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_report_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  GkReport *self = GK_REPORT (object);

  switch (prop_id)
    {
    case PROP_SOURCE_NAME:
      gk_report_set_source_name (self, g_value_get_string (value));
      break;
    case PROP_AGENCY:
      gk_report_set_agency (self, g_value_get_string (value), NULL, 0, 1.0);
      break;
    case PROP_YEAR:
      gk_report_set_year (self, g_value_get_int (value), NULL, 0, 1.0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_report_class_init (GkReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gk_report_dispose;
  object_class->finalize = gk_report_finalize;
  object_class->get_property = gk_report_get_property;
  object_class->set_property = gk_report_set_property;

  properties [PROP_SOURCE_NAME] =
    g_param_spec_string ("source-name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_SHA256] =
    g_param_spec_string ("sha256", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_ENCODING] =
    g_param_spec_string ("encoding", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_AGENCY] =
    g_param_spec_string ("agency", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_AGENCY_CONFIDENCE] =
    g_param_spec_double ("agency-confidence", NULL, NULL, 0, 1, 0,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, 9999, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_YEAR_CONFIDENCE] =
    g_param_spec_double ("year-confidence", NULL, NULL, 0, 1, 0,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_TEMPLATE] =
    g_param_spec_string ("template", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gk_report_init (GkReport *self)
{
  self->findings = g_list_store_new (GK_TYPE_FINDING);
}

GkReport *
gk_report_new (void)
{
  return g_object_new (GK_TYPE_REPORT, NULL);
}

static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

const char *
gk_report_get_source_name (GkReport *self)
{
  g_return_val_if_fail (GK_IS_REPORT (self), NULL);
  return self->source_name;
}

void
gk_report_set_source_name (GkReport   *self,
                           const char *source_name)
{
  g_return_if_fail (GK_IS_REPORT (self));
  if (replace_string (&self->source_name, source_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SOURCE_NAME]);
}

/**
 * gk_report_get_sha256:
 *
 * Returns: (nullable): the SHA-256 of the file's bytes, in lower-case hex
 */
const char *
gk_report_get_sha256 (GkReport *self)
{
  g_return_val_if_fail (GK_IS_REPORT (self), NULL);
  return self->sha256;
}

void
gk_report_set_sha256 (GkReport   *self,
                      const char *sha256)
{
  g_return_if_fail (GK_IS_REPORT (self));
  if (replace_string (&self->sha256, sha256))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SHA256]);
}

const char *
gk_report_get_encoding (GkReport *self)
{
  g_return_val_if_fail (GK_IS_REPORT (self), NULL);
  return self->encoding;
}

void
gk_report_set_encoding (GkReport   *self,
                        const char *encoding)
{
  g_return_if_fail (GK_IS_REPORT (self));
  if (replace_string (&self->encoding, encoding))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ENCODING]);
}

GkFormat
gk_report_get_format (GkReport *self)
{
  g_return_val_if_fail (GK_IS_REPORT (self), GK_FORMAT_TEXT);
  return self->format;
}

void
gk_report_set_format (GkReport *self,
                      GkFormat  format)
{
  g_return_if_fail (GK_IS_REPORT (self));
  self->format = format;
}

/**
 * gk_report_get_agency:
 *
 * Returns: (nullable): the agency's name as the report writes it, %NULL
 *   when it could not be found
 */
const char *
gk_report_get_agency (GkReport *self)
{
  g_return_val_if_fail (GK_IS_REPORT (self), NULL);
  return self->agency;
}

/**
 * gk_report_get_agency_evidence:
 *
 * Returns: (nullable): the text the agency was read from
 */
const char *
gk_report_get_agency_evidence (GkReport *self)
{
  g_return_val_if_fail (GK_IS_REPORT (self), NULL);
  return self->agency_evidence;
}

guint
gk_report_get_agency_line (GkReport *self)
{
  g_return_val_if_fail (GK_IS_REPORT (self), 0);
  return self->agency_line;
}

/**
 * gk_report_get_agency_confidence:
 *
 * Returns: how sure the guess is, from 0 (none) to 1 (stated in the title,
 *   or corrected by a person)
 */
double
gk_report_get_agency_confidence (GkReport *self)
{
  g_return_val_if_fail (GK_IS_REPORT (self), 0);
  return self->agency_confidence;
}

void
gk_report_set_agency (GkReport   *self,
                      const char *agency,
                      const char *evidence,
                      guint       line,
                      double      confidence)
{
  gboolean changed;

  g_return_if_fail (GK_IS_REPORT (self));

  changed = replace_string (&self->agency, agency);
  replace_string (&self->agency_evidence, evidence);
  self->agency_line = line;
  if (self->agency_confidence != confidence)
    {
      self->agency_confidence = CLAMP (confidence, 0, 1);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_AGENCY_CONFIDENCE]);
    }
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_AGENCY]);
}

/**
 * gk_report_get_year:
 *
 * Returns: the year the report covers, 0 when unknown
 */
int
gk_report_get_year (GkReport *self)
{
  g_return_val_if_fail (GK_IS_REPORT (self), 0);
  return self->year;
}

const char *
gk_report_get_year_evidence (GkReport *self)
{
  g_return_val_if_fail (GK_IS_REPORT (self), NULL);
  return self->year_evidence;
}

guint
gk_report_get_year_line (GkReport *self)
{
  g_return_val_if_fail (GK_IS_REPORT (self), 0);
  return self->year_line;
}

double
gk_report_get_year_confidence (GkReport *self)
{
  g_return_val_if_fail (GK_IS_REPORT (self), 0);
  return self->year_confidence;
}

void
gk_report_set_year (GkReport   *self,
                    int         year,
                    const char *evidence,
                    guint       line,
                    double      confidence)
{
  g_return_if_fail (GK_IS_REPORT (self));

  replace_string (&self->year_evidence, evidence);
  self->year_line = line;
  if (self->year_confidence != confidence)
    {
      self->year_confidence = CLAMP (confidence, 0, 1);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_YEAR_CONFIDENCE]);
    }
  if (self->year != year)
    {
      self->year = year;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_YEAR]);
    }
}

GkTemplate
gk_report_get_template (GkReport *self)
{
  g_return_val_if_fail (GK_IS_REPORT (self), GK_TEMPLATE_UNKNOWN);
  return self->template_;
}

void
gk_report_set_template (GkReport   *self,
                        GkTemplate  template_)
{
  g_return_if_fail (GK_IS_REPORT (self));
  if (self->template_ == template_)
    return;
  self->template_ = template_;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TEMPLATE]);
}

/**
 * gk_report_get_section:
 * @index: 0 for 一、总体情况 … 5 for 六、其他需要报告的事项
 *
 * Returns: (nullable): the section's prose, %NULL when the report lacks it
 */
const char *
gk_report_get_section (GkReport *self,
                       guint     index)
{
  g_return_val_if_fail (GK_IS_REPORT (self), NULL);
  g_return_val_if_fail (index < GK_N_SECTIONS, NULL);
  return self->sections[index];
}

guint
gk_report_get_section_line (GkReport *self,
                            guint     index)
{
  g_return_val_if_fail (GK_IS_REPORT (self), 0);
  g_return_val_if_fail (index < GK_N_SECTIONS, 0);
  return self->section_lines[index];
}

void
gk_report_set_section (GkReport   *self,
                       guint       index,
                       const char *text,
                       guint       line)
{
  g_return_if_fail (GK_IS_REPORT (self));
  g_return_if_fail (index < GK_N_SECTIONS);

  replace_string (&self->sections[index], text);
  self->section_lines[index] = line;
}

/**
 * gk_report_get_table:
 *
 * Returns: (transfer none) (nullable): the table, %NULL when the report
 *   has none
 */
GkTable *
gk_report_get_table (GkReport  *self,
                     GkTableId  table)
{
  g_return_val_if_fail (GK_IS_REPORT (self), NULL);
  g_return_val_if_fail (table >= GK_TABLE_2 && table <= GK_TABLE_4, NULL);
  return self->tables[table - GK_TABLE_2];
}

/**
 * gk_report_set_table:
 * @table: (transfer none): the table, which knows its own id
 */
void
gk_report_set_table (GkReport *self,
                     GkTable  *table)
{
  GkTableId id;

  g_return_if_fail (GK_IS_REPORT (self));
  g_return_if_fail (GK_IS_TABLE (table));

  id = gk_table_get_id (table);
  g_set_object (&self->tables[id - GK_TABLE_2], table);
  self->summary_valid = FALSE;
}

/**
 * gk_report_lookup_cell:
 *
 * Returns: (transfer none) (nullable): the cell, %NULL when the table or
 *   the cell is missing
 */
GkCell *
gk_report_lookup_cell (GkReport   *self,
                       GkTableId   table,
                       const char *row,
                       const char *column)
{
  GkTable *t = gk_report_get_table (self, table);

  if (t == NULL)
    return NULL;
  return gk_table_lookup (t, row, column);
}

/**
 * gk_report_get_findings:
 *
 * Returns: (transfer none): a #GListModel of #GkFinding
 */
GListModel *
gk_report_get_findings (GkReport *self)
{
  g_return_val_if_fail (GK_IS_REPORT (self), NULL);
  return G_LIST_MODEL (self->findings);
}

void
gk_report_add_finding (GkReport  *self,
                       GkFinding *finding)
{
  g_return_if_fail (GK_IS_REPORT (self));
  g_return_if_fail (GK_IS_FINDING (finding));
  g_list_store_append (self->findings, finding);
  self->summary_valid = FALSE;
}

/**
 * gk_report_remove_findings:
 * @predicate: (scope call): returns %TRUE for the findings to remove
 *
 * Lets a check be run again: its old findings are removed first.
 */
void
gk_report_remove_findings (GkReport  *self,
                           gboolean (*predicate) (GkFinding *finding,
                                                  gpointer   user_data),
                           gpointer   user_data)
{
  g_return_if_fail (GK_IS_REPORT (self));
  g_return_if_fail (predicate != NULL);

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->findings)); i > 0; i--)
    {
      g_autoptr(GkFinding) f = g_list_model_get_item (G_LIST_MODEL (self->findings), i - 1);
      if (predicate (f, user_data))
        g_list_store_remove (self->findings, i - 1);
    }
  self->summary_valid = FALSE;
}

/**
 * gk_report_count_findings:
 * @status: which findings to count
 * @severity: a #GkSeverity, or -1 for any
 */
guint
gk_report_count_findings (GkReport        *self,
                          GkFindingStatus  status,
                          int              severity)
{
  guint n = 0;
  guint n_items;

  g_return_val_if_fail (GK_IS_REPORT (self), 0);

  if (self->contents_dropped)
    {
      if (status == GK_FINDING_NOT_ASSESSABLE)
        return self->summary.n_not_assessable;
      if (severity == GK_SEVERITY_ERROR)
        return self->summary.n_errors;
      if (severity == GK_SEVERITY_WARNING)
        return self->summary.n_warnings;
      return self->summary.n_errors + self->summary.n_warnings;
    }

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->findings));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GkFinding) f = g_list_model_get_item (G_LIST_MODEL (self->findings), i);
      if (gk_finding_get_status (f) == status
          && (severity < 0 || (int) gk_finding_get_severity (f) == severity))
        n++;
    }

  return n;
}

/**
 * gk_report_get_summary:
 *
 * Returns: (transfer none): the numbers lists and charts read, valid until
 *   the report's contents change
 */
const GkReportSummary *
gk_report_get_summary (GkReport *self)
{
  g_return_val_if_fail (GK_IS_REPORT (self), NULL);

  if (!self->summary_valid && !self->contents_dropped)
    {
      gk_report_summary_compute (&self->summary, self);
      self->summary_valid = TRUE;
    }
  return &self->summary;
}

/**
 * gk_report_set_summary:
 *
 * Gives a report whose contents are not loaded (see
 * gk_report_drop_contents()) the summary the library stored for it.
 */
void
gk_report_set_summary (GkReport              *self,
                       const GkReportSummary *summary)
{
  g_return_if_fail (GK_IS_REPORT (self));
  g_return_if_fail (summary != NULL);

  self->summary = *summary;
  self->summary_valid = TRUE;
}

/**
 * gk_report_has_contents:
 *
 * Returns: whether the report's sections, tables and findings are loaded;
 *   a report of the library may hold only its metadata and summary
 */
gboolean
gk_report_has_contents (GkReport *self)
{
  g_return_val_if_fail (GK_IS_REPORT (self), FALSE);
  return !self->contents_dropped;
}

static void
clear_contents (GkReport *self)
{
  for (guint i = 0; i < GK_N_SECTIONS; i++)
    {
      g_clear_pointer (&self->sections[i], g_free);
      self->section_lines[i] = 0;
    }
  for (guint i = 0; i < G_N_ELEMENTS (self->tables); i++)
    g_clear_object (&self->tables[i]);
  g_list_store_remove_all (self->findings);
}

/**
 * gk_report_drop_contents:
 *
 * Frees the report's sections, tables and findings, keeping its metadata
 * and summary (computed first when it was not), so that a library of
 * thousands of reports fits in little memory.
 */
void
gk_report_drop_contents (GkReport *self)
{
  g_return_if_fail (GK_IS_REPORT (self));

  if (self->contents_dropped)
    return;

  gk_report_get_summary (self);
  clear_contents (self);
  self->contents_dropped = TRUE;
}

/**
 * gk_report_take_contents:
 * @from: a report loaded whole, whose contents move to @self; it is left
 *   without them
 *
 * Gives a report of the library its contents back, loaded again from the
 * library.  The metadata of @self stays as it is: it holds the user's
 * corrections.
 */
void
gk_report_take_contents (GkReport *self,
                         GkReport *from)
{
  guint n;

  g_return_if_fail (GK_IS_REPORT (self));
  g_return_if_fail (GK_IS_REPORT (from));
  g_return_if_fail (self != from);

  clear_contents (self);
  for (guint i = 0; i < GK_N_SECTIONS; i++)
    {
      self->sections[i] = g_steal_pointer (&from->sections[i]);
      self->section_lines[i] = from->section_lines[i];
    }
  for (guint i = 0; i < G_N_ELEMENTS (self->tables); i++)
    self->tables[i] = g_steal_pointer (&from->tables[i]);

  n = g_list_model_get_n_items (G_LIST_MODEL (from->findings));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkFinding) f = g_list_model_get_item (G_LIST_MODEL (from->findings), i);
      g_list_store_append (self->findings, f);
    }
  g_list_store_remove_all (from->findings);

  self->contents_dropped = FALSE;
  self->summary_valid = FALSE;
  from->summary_valid = FALSE;
}
