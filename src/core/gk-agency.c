/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-agency"

#include "config.h"

#include "gk-agency.h"

/* One agency of the library: a GListModel of its reports, newest year
 * first (two versions of one year side by side), with the counts the
 * sidebar shows. */
struct _GkAgency
{
  GObject     parent_instance;

  char       *name;
  GListStore *reports;
  guint       n_errors;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_N_REPORTS,
  PROP_N_ERRORS,
  N_PROPS
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GkAgency, gk_agency, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GParamSpec *properties [N_PROPS];

static GType
gk_agency_get_item_type (GListModel *model)
{
  return GK_TYPE_REPORT;
}

static guint
gk_agency_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (GK_AGENCY (model)->reports));
}

static gpointer
gk_agency_get_item (GListModel *model,
                    guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (GK_AGENCY (model)->reports), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = gk_agency_get_item_type;
  iface->get_n_items = gk_agency_get_n_items;
  iface->get_item = gk_agency_get_item;
}

static void
reports_changed_cb (GkAgency   *self,
                    guint       position,
                    guint       removed,
                    guint       added,
                    GListModel *reports)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_REPORTS]);
}

static void
gk_agency_dispose (GObject *object)
{
  GkAgency *self = (GkAgency *)object;

  if (self->reports != NULL)
    g_signal_handlers_disconnect_by_func (self->reports, reports_changed_cb, self);
  g_clear_object (&self->reports);

  G_OBJECT_CLASS (gk_agency_parent_class)->dispose (object);
}

static void
gk_agency_finalize (GObject *object)
{
  GkAgency *self = (GkAgency *)object;

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (gk_agency_parent_class)->finalize (object);
}

static void
gk_agency_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GkAgency *self = GK_AGENCY (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_N_REPORTS:
      g_value_set_uint (value, gk_agency_get_n_reports (self));
      break;
    case PROP_N_ERRORS:
      g_value_set_uint (value, self->n_errors);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_agency_class_init (GkAgencyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gk_agency_dispose;
  object_class->finalize = gk_agency_finalize;
  object_class->get_property = gk_agency_get_property;

  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_N_REPORTS] =
    g_param_spec_uint ("n-reports", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_N_ERRORS] =
    g_param_spec_uint ("n-errors", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gk_agency_init (GkAgency *self)
{
  self->reports = g_list_store_new (GK_TYPE_REPORT);
  g_signal_connect_object (self->reports, "items-changed",
                           G_CALLBACK (reports_changed_cb), self, G_CONNECT_SWAPPED);
}

GkAgency *
gk_agency_new (const char *name)
{
  GkAgency *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (GK_TYPE_AGENCY, NULL);
  self->name = g_strdup (name);
  return self;
}

const char *
gk_agency_get_name (GkAgency *self)
{
  g_return_val_if_fail (GK_IS_AGENCY (self), NULL);
  return self->name;
}

guint
gk_agency_get_n_reports (GkAgency *self)
{
  g_return_val_if_fail (GK_IS_AGENCY (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->reports));
}

/**
 * gk_agency_get_n_errors:
 *
 * Returns: how many of the agency's reports have errors
 */
guint
gk_agency_get_n_errors (GkAgency *self)
{
  g_return_val_if_fail (GK_IS_AGENCY (self), 0);
  return self->n_errors;
}

/**
 * gk_report_has_errors:
 *
 * Returns: whether a check failed with severity error
 */
gboolean
gk_report_has_errors (GkReport *report)
{
  g_return_val_if_fail (GK_IS_REPORT (report), FALSE);
  return gk_report_count_findings (report, GK_FINDING_FAILED, GK_SEVERITY_ERROR) > 0;
}

/* Newest year first; undated reports last. */
static int
compare_reports (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  int year_a = gk_report_get_year ((GkReport *) a);
  int year_b = gk_report_get_year ((GkReport *) b);

  if (year_a != year_b)
    return year_b - year_a;
  return g_strcmp0 (gk_report_get_source_name ((GkReport *) a),
                    gk_report_get_source_name ((GkReport *) b));
}

/**
 * gk_agency_refresh:
 *
 * Recounts errors and re-sorts after reports changed (a corrected year, a
 * re-check).
 */
void
gk_agency_refresh (GkAgency *self)
{
  guint n = 0;
  guint n_items;

  g_return_if_fail (GK_IS_AGENCY (self));

  g_list_store_sort (self->reports, compare_reports, NULL);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->reports));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GkReport) report = g_list_model_get_item (G_LIST_MODEL (self->reports), i);
      if (gk_report_has_errors (report))
        n++;
    }

  if (n != self->n_errors)
    {
      self->n_errors = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ERRORS]);
    }
}

void
gk_agency_add_report (GkAgency *self,
                      GkReport *report)
{
  g_return_if_fail (GK_IS_AGENCY (self));
  g_return_if_fail (GK_IS_REPORT (report));

  g_list_store_insert_sorted (self->reports, report, compare_reports, NULL);
  if (gk_report_has_errors (report))
    {
      self->n_errors++;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ERRORS]);
    }
}

gboolean
gk_agency_remove_report (GkAgency *self,
                         GkReport *report)
{
  guint position;

  g_return_val_if_fail (GK_IS_AGENCY (self), FALSE);
  g_return_val_if_fail (GK_IS_REPORT (report), FALSE);

  if (!g_list_store_find (self->reports, report, &position))
    return FALSE;
  g_list_store_remove (self->reports, position);
  gk_agency_refresh (self);
  return TRUE;
}

/**
 * gk_agency_dup_years_text:
 *
 * Returns: (transfer full): the years covered, e.g. "2019–2024", or "" when
 *   no report has a year
 */
char *
gk_agency_dup_years_text (GkAgency *self)
{
  int first = 0, last = 0;
  guint n_items;

  g_return_val_if_fail (GK_IS_AGENCY (self), NULL);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->reports));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GkReport) report = g_list_model_get_item (G_LIST_MODEL (self->reports), i);
      int year = gk_report_get_year (report);

      if (year <= 0)
        continue;
      if (first == 0 || year < first)
        first = year;
      if (year > last)
        last = year;
    }

  if (first == 0)
    return g_strdup ("");
  if (first == last)
    return g_strdup_printf ("%d", first);
  return g_strdup_printf ("%d–%d", first, last);
}
