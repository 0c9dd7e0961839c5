/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-finding"

#include "config.h"

#include "gk-finding.h"

/* What a check found in a report: a rule that does not hold, or one that
 * could not be assessed because an input is blank or "/".  The subject
 * names what the rule was applied to (a column, a row, a group), so that
 * rule + subject identify a finding across re-checks.  A finding that
 * compares two reports (C1–C3, D1, D2) also names the other one by its
 * SHA-256, which is part of its identity: the same rule compared with
 * another version of the neighbouring report is another finding. */
struct _GkFinding
{
  GObject          parent_instance;

  char            *rule;
  GkSeverity       severity;
  GkFindingStatus  status;
  char            *subject;
  char            *message;
  char            *expected;
  char            *found;
  char            *other_report;  /* SHA-256 of the report compared with */
  guint            line;
  GPtrArray       *cells;  /* "t3/new/natural", NULL-terminated */

  /* The user's, kept by the library beside the report, not by the checks. */
  GkVerdict        verdict;
  char            *note;
};

enum {
  PROP_0,
  PROP_RULE,
  PROP_SEVERITY,
  PROP_STATUS,
  PROP_SUBJECT,
  PROP_MESSAGE,
  PROP_EXPECTED,
  PROP_FOUND,
  PROP_OTHER_REPORT,
  PROP_LINE,
  PROP_VERDICT,
  PROP_NOTE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (GkFinding, gk_finding, G_TYPE_OBJECT)

static GParamSpec *properties [N_PROPS];

static void
gk_finding_finalize (GObject *object)
{
  GkFinding *self = (GkFinding *)object;

  g_clear_pointer (&self->rule, g_free);
  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->expected, g_free);
  g_clear_pointer (&self->found, g_free);
  g_clear_pointer (&self->other_report, g_free);
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (gk_finding_parent_class)->finalize (object);
}

static void
gk_finding_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  GkFinding *self = GK_FINDING (object);

  switch (prop_id)
    {
    case PROP_RULE:
      g_value_set_string (value, self->rule);
      break;
    case PROP_SEVERITY:
      g_value_set_string (value, gk_severity_to_string (self->severity));
      break;
    case PROP_STATUS:
      g_value_set_string (value, gk_finding_status_to_string (self->status));
      break;
    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_EXPECTED:
      g_value_set_string (value, self->expected);
      break;
    case PROP_FOUND:
      g_value_set_string (value, self->found);
      break;
    case PROP_OTHER_REPORT:
      g_value_set_string (value, self->other_report);
      break;
    case PROP_LINE:
      g_value_set_uint (value, self->line);
      break;
    case PROP_VERDICT:
      g_value_set_string (value, gk_verdict_to_string (self->verdict));
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_finding_class_init (GkFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gk_finding_finalize;
  object_class->get_property = gk_finding_get_property;

  properties [PROP_RULE] =
    g_param_spec_string ("rule", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_SEVERITY] =
    g_param_spec_string ("severity", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_SUBJECT] =
    g_param_spec_string ("subject", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_EXPECTED] =
    g_param_spec_string ("expected", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_FOUND] =
    g_param_spec_string ("found", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_OTHER_REPORT] =
    g_param_spec_string ("other-report", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_LINE] =
    g_param_spec_uint ("line", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* "none", "confirmed" or "dismissed": set with gk_finding_set_verdict(). */
  properties [PROP_VERDICT] =
    g_param_spec_string ("verdict", NULL, NULL, "none",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gk_finding_init (GkFinding *self)
{
  self->cells = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->cells, NULL);
}

/**
 * gk_finding_new:
 * @rule: the rule id, "R1" … "T3", or "P1" … for what parsing found
 * @severity: how serious a failure is
 * @status: failed, or not assessable
 * @subject: (nullable): what the rule was applied to, e.g. "t3:natural"
 * @message: the explanation for people, already translated
 */
GkFinding *
gk_finding_new (const char      *rule,
                GkSeverity       severity,
                GkFindingStatus  status,
                const char      *subject,
                const char      *message)
{
  GkFinding *self;

  g_return_val_if_fail (rule != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  self = g_object_new (GK_TYPE_FINDING, NULL);
  self->rule = g_strdup (rule);
  self->severity = severity;
  self->status = status;
  self->subject = g_strdup (subject ? subject : "");
  self->message = g_strdup (message);

  return self;
}

const char *
gk_finding_get_rule (GkFinding *self)
{
  g_return_val_if_fail (GK_IS_FINDING (self), NULL);
  return self->rule;
}

GkSeverity
gk_finding_get_severity (GkFinding *self)
{
  g_return_val_if_fail (GK_IS_FINDING (self), GK_SEVERITY_ERROR);
  return self->severity;
}

GkFindingStatus
gk_finding_get_status (GkFinding *self)
{
  g_return_val_if_fail (GK_IS_FINDING (self), GK_FINDING_FAILED);
  return self->status;
}

const char *
gk_finding_get_subject (GkFinding *self)
{
  g_return_val_if_fail (GK_IS_FINDING (self), NULL);
  return self->subject;
}

const char *
gk_finding_get_message (GkFinding *self)
{
  g_return_val_if_fail (GK_IS_FINDING (self), NULL);
  return self->message;
}

/**
 * gk_finding_get_expected:
 *
 * Returns: (nullable): what the rule expects, e.g. "196"
 */
const char *
gk_finding_get_expected (GkFinding *self)
{
  g_return_val_if_fail (GK_IS_FINDING (self), NULL);
  return self->expected;
}

/**
 * gk_finding_get_found:
 *
 * Returns: (nullable): what the report has instead
 */
const char *
gk_finding_get_found (GkFinding *self)
{
  g_return_val_if_fail (GK_IS_FINDING (self), NULL);
  return self->found;
}

void
gk_finding_set_expected (GkFinding  *self,
                         const char *expected)
{
  g_return_if_fail (GK_IS_FINDING (self));
  g_free (self->expected);
  self->expected = g_strdup (expected);
}

void
gk_finding_set_found (GkFinding  *self,
                      const char *found)
{
  g_return_if_fail (GK_IS_FINDING (self));
  g_free (self->found);
  self->found = g_strdup (found);
}

/**
 * gk_finding_get_other_report:
 *
 * Returns: (nullable): the SHA-256 of the other report a finding across
 *   reports compares this one with, %NULL for a finding of one report
 */
const char *
gk_finding_get_other_report (GkFinding *self)
{
  g_return_val_if_fail (GK_IS_FINDING (self), NULL);
  return self->other_report;
}

/**
 * gk_finding_set_other_report:
 * @sha256: (nullable): the SHA-256 of the report compared with
 */
void
gk_finding_set_other_report (GkFinding  *self,
                             const char *sha256)
{
  g_return_if_fail (GK_IS_FINDING (self));
  g_free (self->other_report);
  self->other_report = g_strdup (sha256);
}

guint
gk_finding_get_line (GkFinding *self)
{
  g_return_val_if_fail (GK_IS_FINDING (self), 0);
  return self->line;
}

void
gk_finding_set_line (GkFinding *self,
                     guint      line)
{
  g_return_if_fail (GK_IS_FINDING (self));
  self->line = line;
}

/**
 * gk_finding_add_cell:
 * @cell_key: "table/row/column" of a cell the finding involves
 */
void
gk_finding_add_cell (GkFinding  *self,
                     const char *cell_key)
{
  g_return_if_fail (GK_IS_FINDING (self));
  g_return_if_fail (cell_key != NULL);

  if (gk_finding_involves (self, cell_key))
    return;
  g_ptr_array_insert (self->cells, self->cells->len - 1, g_strdup (cell_key));
}

/**
 * gk_finding_get_cells:
 *
 * Returns: (transfer none) (array zero-terminated=1): the keys of the cells
 *   involved, in the order the rule names them
 */
const char * const *
gk_finding_get_cells (GkFinding *self)
{
  g_return_val_if_fail (GK_IS_FINDING (self), NULL);
  return (const char * const *) self->cells->pdata;
}

gboolean
gk_finding_involves (GkFinding  *self,
                     const char *cell_key)
{
  g_return_val_if_fail (GK_IS_FINDING (self), FALSE);

  for (guint i = 0; i + 1 < self->cells->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->cells, i), cell_key) == 0)
      return TRUE;
  return FALSE;
}

/**
 * gk_finding_dup_id:
 *
 * Returns: (transfer full): "rule:subject", stable across re-checks of the
 *   same report; "rule:subject@sha256" for a finding across reports, so
 *   that a verdict on the comparison with one report does not carry over
 *   to a comparison with another
 */
char *
gk_finding_dup_id (GkFinding *self)
{
  g_return_val_if_fail (GK_IS_FINDING (self), NULL);

  if (self->other_report != NULL)
    return g_strconcat (self->rule, ":", self->subject, "@", self->other_report, NULL);
  return g_strconcat (self->rule, ":", self->subject, NULL);
}

GkVerdict
gk_finding_get_verdict (GkFinding *self)
{
  g_return_val_if_fail (GK_IS_FINDING (self), GK_VERDICT_NONE);
  return self->verdict;
}

/**
 * gk_finding_get_note:
 *
 * Returns: (nullable): what the user wrote with the verdict
 */
const char *
gk_finding_get_note (GkFinding *self)
{
  g_return_val_if_fail (GK_IS_FINDING (self), NULL);
  return self->note;
}

/**
 * gk_finding_set_verdict:
 * @note: (nullable): why, in the user's words
 *
 * Records what the user decided.  The library stores it (see
 * gk_library_set_verdict()); this only changes the object.
 */
void
gk_finding_set_verdict (GkFinding  *self,
                        GkVerdict   verdict,
                        const char *note)
{
  g_return_if_fail (GK_IS_FINDING (self));

  if (note != NULL && *note == '\0')
    note = NULL;

  if (self->verdict != verdict)
    {
      self->verdict = verdict;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERDICT]);
    }
  if (g_strcmp0 (self->note, note) != 0)
    {
      g_free (self->note);
      self->note = g_strdup (note);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
    }
}
