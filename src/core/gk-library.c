/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-library"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gk-library.h"

/* The library the UI observes: a GListModel of every report, and a
 * GListModel of agencies, each a GListModel of its reports.  It is the
 * only way the UI changes the store, so the model and the database never
 * disagree; the UI never sees SQL. */
struct _GkLibrary
{
  GObject     parent_instance;

  GkStore    *store;
  GListStore *reports;
  GListStore *agencies;
  GHashTable *agency_by_name;  /* name → GkAgency (borrowed from agencies) */
  /* The reports whose contents were loaded on demand, most recent last:
   * beyond LOADED_LIMIT the oldest give theirs back. */
  GQueue      loaded;
};

/* Enough for going back and forth between the reports one compares; a
 * report's contents are some 20–40 kB. */
#define LOADED_LIMIT 32

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GkLibrary, gk_library, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
gk_library_get_item_type (GListModel *model)
{
  return GK_TYPE_REPORT;
}

static guint
gk_library_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (GK_LIBRARY (model)->reports));
}

static gpointer
gk_library_get_item (GListModel *model,
                     guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (GK_LIBRARY (model)->reports), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = gk_library_get_item_type;
  iface->get_n_items = gk_library_get_n_items;
  iface->get_item = gk_library_get_item;
}

static void
reports_changed_cb (GkLibrary  *self,
                    guint       position,
                    guint       removed,
                    guint       added,
                    GListModel *reports)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
gk_library_dispose (GObject *object)
{
  GkLibrary *self = (GkLibrary *)object;

  g_queue_clear_full (&self->loaded, g_object_unref);
  g_clear_pointer (&self->agency_by_name, g_hash_table_unref);
  g_clear_object (&self->agencies);
  if (self->reports != NULL)
    g_signal_handlers_disconnect_by_func (self->reports, reports_changed_cb, self);
  g_clear_object (&self->reports);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (gk_library_parent_class)->dispose (object);
}

static void
gk_library_class_init (GkLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gk_library_dispose;
}

static void
gk_library_init (GkLibrary *self)
{
  self->reports = g_list_store_new (GK_TYPE_REPORT);
  self->agencies = g_list_store_new (GK_TYPE_AGENCY);
  self->agency_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_signal_connect_object (self->reports, "items-changed",
                           G_CALLBACK (reports_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * gk_library_new:
 * @store: (nullable): where the library lives; %NULL keeps it in memory
 */
GkLibrary *
gk_library_new (GkStore *store)
{
  GkLibrary *self = g_object_new (GK_TYPE_LIBRARY, NULL);

  self->store = store ? g_object_ref (store) : NULL;
  return self;
}

/**
 * gk_library_get_store:
 *
 * Returns: (transfer none) (nullable): the store
 */
GkStore *
gk_library_get_store (GkLibrary *self)
{
  g_return_val_if_fail (GK_IS_LIBRARY (self), NULL);
  return self->store;
}

/**
 * gk_library_get_agencies:
 *
 * Returns: (transfer none): a #GListModel of #GkAgency, in the order they
 *   were first seen; sort it for display
 */
GListModel *
gk_library_get_agencies (GkLibrary *self)
{
  g_return_val_if_fail (GK_IS_LIBRARY (self), NULL);
  return G_LIST_MODEL (self->agencies);
}

/**
 * gk_library_find_agency:
 *
 * Returns: (transfer none) (nullable): the agency of that name
 */
GkAgency *
gk_library_find_agency (GkLibrary  *self,
                        const char *name)
{
  g_return_val_if_fail (GK_IS_LIBRARY (self), NULL);
  return g_hash_table_lookup (self->agency_by_name, name ? name : "");
}

static const char *
agency_name_of (GkReport *report)
{
  const char *name = gk_report_get_agency (report);

  /* Reports whose agency could not be read are grouped together until the
   * user names it. */
  return name && *name ? name : _("Unknown agency");
}

/**
 * gk_library_find_agency_of:
 *
 * Returns: (transfer none) (nullable): the agency @report is listed under
 */
GkAgency *
gk_library_find_agency_of (GkLibrary *self,
                           GkReport  *report)
{
  g_return_val_if_fail (GK_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (GK_IS_REPORT (report), NULL);
  return gk_library_find_agency (self, agency_name_of (report));
}

/* Files @report under its agency.  A new agency goes into @new_agencies
 * when given, for the caller to add them all with one items-changed: a
 * list view rebinds its rows at each signal, and a library opens with
 * thousands of agencies. */
static GkAgency *
group_report (GHashTable *by_name,
              GkReport   *report,
              GPtrArray  *new_agencies)
{
  const char *name = agency_name_of (report);
  GkAgency *agency = g_hash_table_lookup (by_name, name);
  GkAgency *created = NULL;

  if (agency == NULL)
    {
      agency = created = gk_agency_new (name);
      g_ptr_array_add (new_agencies, created);
      g_hash_table_insert (by_name, (gpointer) gk_agency_get_name (agency), agency);
    }
  gk_agency_add_report (agency, report);
  return created;
}

static void
file_report (GkLibrary *self,
             GkReport  *report,
             GPtrArray *new_agencies)
{
  g_autoptr(GPtrArray) created = NULL;

  if (new_agencies == NULL)
    new_agencies = created = g_ptr_array_new_with_free_func (g_object_unref);
  group_report (self->agency_by_name, report, new_agencies);
  if (created != NULL && created->len > 0)
    g_list_store_append (self->agencies, g_ptr_array_index (created, 0));
}

/* Files @reports and adds them to the model, agencies first so that
 * whoever observes the reports finds their agencies; one items-changed
 * for each list. */
static void
file_reports (GkLibrary *self,
              GPtrArray *reports)
{
  g_autoptr(GPtrArray) new_agencies = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < reports->len; i++)
    file_report (self, g_ptr_array_index (reports, i), new_agencies);
  g_list_store_splice (self->agencies, g_list_model_get_n_items (G_LIST_MODEL (self->agencies)), 0,
                       new_agencies->pdata, new_agencies->len);
  g_list_store_splice (self->reports, g_list_model_get_n_items (G_LIST_MODEL (self->reports)), 0,
                       reports->pdata, reports->len);
}

static void
unfile_report (GkLibrary  *self,
               GkReport   *report,
               const char *name)
{
  GkAgency *agency = g_hash_table_lookup (self->agency_by_name, name);
  guint position;

  if (agency == NULL || !gk_agency_remove_report (agency, report))
    return;

  if (gk_agency_get_n_reports (agency) == 0 && g_list_store_find (self->agencies, agency, &position))
    {
      g_hash_table_remove (self->agency_by_name, name);
      g_list_store_remove (self->agencies, position);
    }
}

/**
 * gk_library_add_report:
 *
 * Adds a report to the model (the store already holds it).
 */
void
gk_library_add_report (GkLibrary *self,
                       GkReport  *report)
{
  g_return_if_fail (GK_IS_LIBRARY (self));
  g_return_if_fail (GK_IS_REPORT (report));

  file_report (self, report, NULL);
  g_list_store_append (self->reports, report);
}


/**
 * gk_library_load:
 *
 * Fills an empty model from the store.
 */
gboolean
gk_library_load (GkLibrary  *self,
                 GError    **error)
{
  g_autoptr(GPtrArray) reports = NULL;

  g_return_val_if_fail (GK_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_list_model_get_n_items (G_LIST_MODEL (self->reports)) == 0, FALSE);

  if (self->store == NULL)
    return TRUE;

  reports = gk_store_list_reports (self->store, error);
  if (reports == NULL)
    return FALSE;

  file_reports (self, reports);
  return TRUE;
}

/* What the worker thread makes of the store: the reports, and already
 * grouped into agencies, which for a large library is most of the work. */
typedef struct
{
  GPtrArray  *reports;
  GPtrArray  *agencies;
  GHashTable *by_name;  /* name → GkAgency, borrowed */
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->by_name, g_hash_table_unref);
  g_clear_pointer (&loaded->agencies, g_ptr_array_unref);
  g_clear_pointer (&loaded->reports, g_ptr_array_unref);
  g_free (loaded);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GkStore *store = task_data;
  GError *error = NULL;
  GPtrArray *reports = gk_store_list_reports (store, &error);
  Loaded *loaded;

  if (reports == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Nothing observes these objects until the main thread takes them. */
  loaded = g_new0 (Loaded, 1);
  loaded->reports = reports;
  loaded->agencies = g_ptr_array_new_with_free_func (g_object_unref);
  loaded->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < reports->len; i++)
    group_report (loaded->by_name, g_ptr_array_index (reports, i), loaded->agencies);

  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

/**
 * gk_library_load_async:
 *
 * Reads the store in a worker thread, so that a window can show itself
 * while a large library opens.  The model must stay untouched until
 * gk_library_load_finish().
 */
void
gk_library_load_async (GkLibrary           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GK_IS_LIBRARY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gk_library_load_async);

  if (self->store == NULL)
    {
      Loaded *loaded = g_new0 (Loaded, 1);

      loaded->reports = g_ptr_array_new ();
      loaded->agencies = g_ptr_array_new ();
      loaded->by_name = g_hash_table_new (g_str_hash, g_str_equal);
      g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
      return;
    }

  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

gboolean
gk_library_load_finish (GkLibrary     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  Loaded *loaded;
  GHashTableIter iter;
  gpointer name, agency;

  g_return_val_if_fail (GK_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  loaded = g_task_propagate_pointer (G_TASK (result), error);
  if (loaded == NULL)
    return FALSE;

  /* The model was empty until now (see gk_library_load_async()). */
  g_hash_table_iter_init (&iter, loaded->by_name);
  while (g_hash_table_iter_next (&iter, &name, &agency))
    g_hash_table_insert (self->agency_by_name, name, agency);
  g_list_store_splice (self->agencies, g_list_model_get_n_items (G_LIST_MODEL (self->agencies)), 0,
                       loaded->agencies->pdata, loaded->agencies->len);
  g_list_store_splice (self->reports, g_list_model_get_n_items (G_LIST_MODEL (self->reports)), 0,
                       loaded->reports->pdata, loaded->reports->len);
  loaded_free (loaded);
  return TRUE;
}

static void
load_contents_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GkLibrary *self = source_object;
  GError *error = NULL;
  GkReport *whole;

  /* A new object, never the model's report: the main thread may be
   * reading that one. */
  whole = gk_store_load_report (self->store, *(gint64 *) task_data, &error);
  if (whole == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, whole, g_object_unref);
}

/**
 * gk_library_load_contents_async:
 * @report: a report of the library
 *
 * Loads the sections, tables and findings of @report, which the library
 * keeps only for the reports recently opened, in a worker thread.
 * gk_library_load_contents_finish() puts them into @report.
 */
void
gk_library_load_contents_async (GkLibrary           *self,
                                GkReport            *report,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  gint64 *id;

  g_return_if_fail (GK_IS_LIBRARY (self));
  g_return_if_fail (GK_IS_REPORT (report));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gk_library_load_contents_async);
  g_object_set_data_full (G_OBJECT (task), "report", g_object_ref (report), g_object_unref);

  if (gk_report_has_contents (report) || self->store == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  id = g_new (gint64, 1);
  *id = gk_store_report_id (report);
  g_task_set_task_data (task, id, g_free);
  g_task_run_in_thread (task, load_contents_thread);
}

/**
 * gk_library_load_contents_finish:
 *
 * Returns: whether @report now has its contents
 */
gboolean
gk_library_load_contents_finish (GkLibrary     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_autoptr(GkReport) whole = NULL;
  g_autoptr(GError) local_error = NULL;
  GkReport *report;

  g_return_val_if_fail (GK_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  report = g_object_get_data (G_OBJECT (result), "report");
  whole = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Another load of the same report may have finished first. */
  if (whole != NULL && !gk_report_has_contents (report))
    {
      gk_report_take_contents (report, whole);
      if (g_queue_find (&self->loaded, report) == NULL)
        g_queue_push_tail (&self->loaded, g_object_ref (report));
      while (self->loaded.length > LOADED_LIMIT)
        {
          g_autoptr(GkReport) oldest = g_queue_pop_head (&self->loaded);
          gk_report_drop_contents (oldest);
        }
    }

  return gk_report_has_contents (report);
}

/**
 * gk_library_add_outcomes:
 * @outcomes: (element-type GkImportOutcome): what an import did
 *
 * Adds the reports an import added, as the store now holds them (with
 * the user's corrections and agency merges applied).
 */
void
gk_library_add_outcomes (GkLibrary *self,
                         GPtrArray *outcomes)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (GK_IS_LIBRARY (self));
  g_return_if_fail (outcomes != NULL);

  for (guint i = 0; i < outcomes->len; i++)
    {
      GkImportOutcome *outcome = g_ptr_array_index (outcomes, i);
      GkImportStatus status = gk_import_outcome_get_status (outcome);
      GkReport *report = gk_import_outcome_get_report (outcome);

      if (report == NULL || (status != GK_IMPORT_ADDED && status != GK_IMPORT_NEW_VERSION))
        continue;

      if (self->store != NULL)
        {
          gk_store_apply_corrections (self->store, report);
          /* The store holds the contents now; the model keeps the summary,
           * so that importing thousands of reports does not keep them all
           * in memory. */
          gk_report_drop_contents (report);
        }
      g_ptr_array_add (added, g_object_ref (report));
    }

  file_reports (self, added);
}

gboolean
gk_library_remove_report (GkLibrary  *self,
                          GkReport   *report,
                          GError    **error)
{
  guint position;

  g_return_val_if_fail (GK_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (GK_IS_REPORT (report), FALSE);

  if (self->store != NULL
      && !gk_store_remove_report (self->store, gk_store_report_id (report), error))
    return FALSE;

  unfile_report (self, report, agency_name_of (report));
  if (g_list_store_find (self->reports, report, &position))
    g_list_store_remove (self->reports, position);
  if (g_queue_remove (&self->loaded, report))
    g_object_unref (report);
  return TRUE;
}

/**
 * gk_library_correct_agency:
 *
 * Corrects the agency of @report; the correction is stored apart from the
 * parse, so it survives re-parsing.
 */
gboolean
gk_library_correct_agency (GkLibrary   *self,
                           GkReport    *report,
                           const char  *agency,
                           GError     **error)
{
  g_autofree char *old_name = NULL;

  g_return_val_if_fail (GK_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (GK_IS_REPORT (report), FALSE);
  g_return_val_if_fail (agency != NULL && *agency != '\0', FALSE);

  if (self->store != NULL
      && !gk_store_correct_agency (self->store, gk_store_report_id (report), agency, error))
    return FALSE;

  old_name = g_strdup (agency_name_of (report));
  unfile_report (self, report, old_name);
  gk_report_set_agency (report, agency, _("corrected by you"), 0, 1.0);
  file_report (self, report, NULL);
  return TRUE;
}

gboolean
gk_library_correct_year (GkLibrary  *self,
                         GkReport   *report,
                         int         year,
                         GError    **error)
{
  GkAgency *agency;

  g_return_val_if_fail (GK_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (GK_IS_REPORT (report), FALSE);

  if (self->store != NULL
      && !gk_store_correct_year (self->store, gk_store_report_id (report), year, error))
    return FALSE;

  gk_report_set_year (report, year, _("corrected by you"), 0, 1.0);
  agency = gk_library_find_agency_of (self, report);
  if (agency != NULL)
    gk_agency_refresh (agency);
  return TRUE;
}

/**
 * gk_library_merge_agencies:
 * @alias: a spelling to fold into @canonical, e.g. "北京市门头沟区政府"
 * @canonical: the name to list both under, e.g. "北京市门头沟区人民政府"
 */
gboolean
gk_library_merge_agencies (GkLibrary   *self,
                           const char  *alias,
                           const char  *canonical,
                           GError     **error)
{
  GkAgency *from;
  g_autoptr(GPtrArray) moved = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *alias_copy = NULL;

  g_return_val_if_fail (GK_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (alias != NULL && canonical != NULL, FALSE);

  if (g_strcmp0 (alias, canonical) == 0)
    return TRUE;

  if (self->store != NULL && !gk_store_merge_agency (self->store, alias, canonical, error))
    return FALSE;

  alias_copy = g_strdup (alias);
  from = g_hash_table_lookup (self->agency_by_name, alias_copy);
  if (from == NULL)
    return TRUE;

  for (guint i = 0; i < gk_agency_get_n_reports (from); i++)
    g_ptr_array_add (moved, g_list_model_get_item (G_LIST_MODEL (from), i));

  for (guint i = 0; i < moved->len; i++)
    {
      GkReport *report = g_ptr_array_index (moved, i);
      g_autofree char *evidence = g_strdup_printf (_("merged from “%s”"), alias_copy);

      unfile_report (self, report, alias_copy);
      gk_report_set_agency (report, canonical, evidence,
                            gk_report_get_agency_line (report), 1.0);
      file_report (self, report, NULL);
    }

  return TRUE;
}

/**
 * gk_library_set_verdict:
 * @report: a report of the library, with its contents
 * @finding: one of @report's findings
 * @verdict: what the user decided; %GK_VERDICT_NONE takes it back
 * @note: (nullable): why
 *
 * Confirms or dismisses a finding, in the store and on the finding, whose
 * "verdict" and "note" properties notify the views.
 */
gboolean
gk_library_set_verdict (GkLibrary   *self,
                        GkReport    *report,
                        GkFinding   *finding,
                        GkVerdict    verdict,
                        const char  *note,
                        GError     **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (GK_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (GK_IS_REPORT (report), FALSE);
  g_return_val_if_fail (GK_IS_FINDING (finding), FALSE);

  id = gk_finding_dup_id (finding);
  if (self->store != NULL
      && !gk_store_set_verdict (self->store, gk_store_report_id (report), id, verdict, note, error))
    return FALSE;

  gk_finding_set_verdict (finding, verdict, note);
  return TRUE;
}
