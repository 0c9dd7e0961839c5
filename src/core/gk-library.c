/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-library"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gk-library.h"
#include "gk-cross-checks.h"

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

  /* The checks across reports (gk-cross-checks.h), one agency at a time
   * in a worker thread: the names waiting, and the one being checked. */
  GQueue        pending;
  GHashTable   *pending_set;  /* the names in pending, for lookups: a
                               * library opens with thousands */
  char         *checking;
  GCancellable *cancellable;
};

enum {
  FINDINGS_CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void start_next_check (GkLibrary *self);
static void queue_check      (GkLibrary  *self,
                              const char *agency);
static void queue_checks     (GkLibrary          *self,
                              const char * const *agencies);

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

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pending_set, g_hash_table_unref);
  g_queue_clear_full (&self->pending, g_free);
  g_clear_pointer (&self->checking, g_free);
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

  /**
   * GkLibrary::findings-changed:
   * @agency: (nullable): the agency whose findings changed, or %NULL for
   *   any
   *
   * The findings of reports changed: a check across reports finished
   * (summaries and loaded reports' findings are up to date when it is
   * emitted), or the user gave a verdict.
   */
  signals [FINDINGS_CHANGED] =
    g_signal_new ("findings-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
gk_library_init (GkLibrary *self)
{
  self->reports = g_list_store_new (GK_TYPE_REPORT);
  self->agencies = g_list_store_new (GK_TYPE_AGENCY);
  self->agency_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->cancellable = g_cancellable_new ();
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
  queue_check (self, agency_name_of (report));
}


/* Queues @agency for a check, unless it is queued already. */
static void
push_pending (GkLibrary  *self,
              const char *agency)
{
  char *name;

  if (self->pending_set == NULL)
    self->pending_set = g_hash_table_new (g_str_hash, g_str_equal);
  if (g_hash_table_contains (self->pending_set, agency))
    return;
  name = g_strdup (agency);
  g_queue_push_tail (&self->pending, name);
  g_hash_table_add (self->pending_set, name);
}

/* The agencies whose reports were never compared (a library made before
 * the checks across reports), or whose check did not finish. */
static void
queue_pending_checks (GkLibrary *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pending = NULL;

  if (self->store == NULL)
    return;
  pending = gk_store_dup_cross_pending (self->store, &error);
  if (pending == NULL)
    {
      g_warning ("Could not read which agencies to check: %s", error->message);
      return;
    }
  for (guint i = 0; pending[i] != NULL; i++)
    push_pending (self, pending[i]);
  start_next_check (self);
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
  queue_pending_checks (self);
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
  queue_pending_checks (self);
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
  {
    g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr(GPtrArray) names = g_ptr_array_new ();

    for (guint i = 0; i < added->len; i++)
      {
        const char *name = agency_name_of (g_ptr_array_index (added, i));

        if (g_hash_table_add (seen, (gpointer) name))
          g_ptr_array_add (names, (gpointer) name);
      }
    g_ptr_array_add (names, NULL);
    queue_checks (self, (const char * const *) names->pdata);
  }
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
  queue_check (self, agency_name_of (report));
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
  queue_check (self, old_name);
  queue_check (self, agency_name_of (report));
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
  queue_check (self, agency_name_of (report));
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
  queue_check (self, canonical);

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
  g_signal_emit (self, signals[FINDINGS_CHANGED], 0, agency_name_of (report));
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Checks across reports                                                  */

typedef struct
{
  GkStore    *store;
  char       *agency;
  GArray     *ids;      /* gint64: the agency's reports in the model */
  gboolean    unchanged; /* a lone report: nothing was compared */
} CrossCheck;

static void
cross_check_free (CrossCheck *check)
{
  g_clear_object (&check->store);
  g_clear_pointer (&check->agency, g_free);
  g_clear_pointer (&check->ids, g_array_unref);
  g_free (check);
}

/* Every report given belongs to the agency being checked. */
static char *
same_agency_key (GkReport *report,
                 gpointer  user_data)
{
  return g_strdup (user_data);
}

static void
cross_check_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  CrossCheck *check = task_data;
  GError *error = NULL;
  g_autoptr(GPtrArray) group = NULL;
  g_autoptr(GHashTable) updated = NULL;

  if (!gk_store_settle_lone_agency (check->store, check->agency, &check->unchanged, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (check->unchanged)
    {
      g_task_return_pointer (task, g_hash_table_new (g_int64_hash, g_int64_equal),
                             (GDestroyNotify) g_hash_table_unref);
      return;
    }

  group = gk_store_load_cross_group (check->store, check->agency, &error);
  if (group == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  gk_cross_checks_run (group, same_agency_key, check->agency);
  if (!gk_store_replace_cross_findings (check->store, check->agency, group, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Read back, so that the new findings carry the verdicts the user gave
   * them before (a dismissed C1 stays dismissed), and their summaries
   * count them.  The reports of the model and those compared may differ
   * (one moved here meanwhile, or a version set aside): both are read. */
  for (guint i = 0; i < group->len; i++)
    {
      gint64 id = gk_store_report_id (g_ptr_array_index (group, i));
      g_array_append_val (check->ids, id);
    }
  g_clear_pointer (&group, g_ptr_array_unref);

  updated = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  for (guint i = 0; i < check->ids->len; i++)
    {
      gint64 id = g_array_index (check->ids, gint64, i);
      g_autoptr(GError) local_error = NULL;
      GkReport *whole;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (g_hash_table_contains (updated, &id))
        continue;
      whole = gk_store_load_report (check->store, id, &local_error);
      if (whole == NULL)
        {
          /* Removed meanwhile: its removal queued another check. */
          if (!g_error_matches (local_error, GK_STORE_ERROR, GK_STORE_ERROR_NOT_FOUND))
            {
              g_task_return_error (task, g_steal_pointer (&local_error));
              return;
            }
          continue;
        }
      g_hash_table_insert (updated, g_memdup2 (&id, sizeof id), whole);
    }

  g_task_return_pointer (task, g_steal_pointer (&updated), (GDestroyNotify) g_hash_table_unref);
}

static gboolean
is_cross_finding (GkFinding *finding,
                  gpointer   user_data)
{
  return gk_cross_checks_is_cross_rule (gk_finding_get_rule (finding));
}

/* Gives the model's @report the findings across reports of @whole, the
 * same report just read back from the store. */
static void
update_report (GkReport *report,
               GkReport *whole)
{
  if (gk_report_has_contents (report))
    {
      GListModel *findings = gk_report_get_findings (whole);

      gk_report_remove_findings (report, is_cross_finding, NULL);
      for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
        {
          g_autoptr(GkFinding) finding = g_list_model_get_item (findings, i);

          if (is_cross_finding (finding, NULL))
            gk_report_add_finding (report, finding);
        }
    }
  else
    {
      gk_report_set_summary (report, gk_report_get_summary (whole));
    }
}

static void
cross_check_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GkLibrary *self = GK_LIBRARY (object);
  g_autoptr(GHashTable) updated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *agency_name = NULL;
  GkAgency *agency;

  updated = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->cancellable == NULL)
    return;

  agency_name = g_steal_pointer (&self->checking);
  if (updated != NULL && ((CrossCheck *) g_task_get_task_data (G_TASK (result)))->unchanged)
    {
      /* A lone report, with nothing to compare before or now. */
      start_next_check (self);
      return;
    }
  if (updated == NULL)
    {
      /* The agency stays pending in the store, for the next opening. */
      g_warning ("Could not check the reports of %s against each other: %s",
                 agency_name, error->message);
      start_next_check (self);
      return;
    }

  /* Only the agency's reports: one that moved to another agency since
   * has a check of that agency queued, which updates it. */
  agency = gk_library_find_agency (self, agency_name);
  for (guint i = 0; agency != NULL && i < gk_agency_get_n_reports (agency); i++)
    {
      g_autoptr(GkReport) report = g_list_model_get_item (G_LIST_MODEL (agency), i);
      gint64 id = gk_store_report_id (report);
      GkReport *whole = g_hash_table_lookup (updated, &id);

      if (whole != NULL)
        update_report (report, whole);
    }
  if (agency != NULL)
    gk_agency_refresh (agency);

  g_signal_emit (self, signals[FINDINGS_CHANGED], 0, agency_name);
  start_next_check (self);
}

/* A library in memory has no store to read tables from: its reports keep
 * their contents, and are compared where they are. */
static void
check_in_memory (GkLibrary  *self,
                 const char *name)
{
  GkAgency *agency = gk_library_find_agency (self, name);
  g_autoptr(GPtrArray) group = g_ptr_array_new_with_free_func (g_object_unref);

  if (agency != NULL)
    {
      for (guint i = 0; i < gk_agency_get_n_reports (agency); i++)
        {
          GkReport *report = g_list_model_get_item (G_LIST_MODEL (agency), i);

          if (gk_report_has_contents (report))
            g_ptr_array_add (group, report);
          else
            g_object_unref (report);
        }
      gk_cross_checks_run (group, same_agency_key, (gpointer) name);
      gk_agency_refresh (agency);
    }
  g_signal_emit (self, signals[FINDINGS_CHANGED], 0, name);
}

static void
start_next_check (GkLibrary *self)
{
  g_autoptr(GTask) task = NULL;
  CrossCheck *check;
  GkAgency *agency;

  if (self->checking != NULL)
    return;
  self->checking = g_queue_pop_head (&self->pending);
  if (self->checking != NULL)
    g_hash_table_remove (self->pending_set, self->checking);
  if (self->checking == NULL)
    return;

  check = g_new0 (CrossCheck, 1);
  check->store = g_object_ref (self->store);
  check->agency = g_strdup (self->checking);
  check->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  agency = gk_library_find_agency (self, self->checking);
  for (guint i = 0; agency != NULL && i < gk_agency_get_n_reports (agency); i++)
    {
      g_autoptr(GkReport) report = g_list_model_get_item (G_LIST_MODEL (agency), i);
      gint64 id = gk_store_report_id (report);

      if (id != 0)
        g_array_append_val (check->ids, id);
    }

  task = g_task_new (self, self->cancellable, cross_check_done, NULL);
  g_task_set_source_tag (task, start_next_check);
  g_task_set_task_data (task, check, (GDestroyNotify) cross_check_free);
  g_task_run_in_thread (task, cross_check_thread);
}

/* Checks the reports of @agencies against each other again, after some
 * were added, removed or changed: soon, in a worker thread, one agency
 * at a time. */
static void
queue_checks (GkLibrary          *self,
              const char * const *agencies)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    {
      for (guint i = 0; agencies[i] != NULL; i++)
        if (*agencies[i] != '\0')
          check_in_memory (self, agencies[i]);
      return;
    }

  /* Should the app quit first, the next opening checks them. */
  if (!gk_store_add_cross_pending (self->store, agencies, &error))
    g_debug ("Could not note the agencies to check: %s", error->message);

  /* One pass after the last change is enough; a check under way read
   * the store before this change, so it does not count. */
  for (guint i = 0; agencies[i] != NULL; i++)
    if (*agencies[i] != '\0')
      push_pending (self, agencies[i]);
  start_next_check (self);
}

static void
queue_check (GkLibrary  *self,
             const char *agency)
{
  const char * const agencies[] = { agency, NULL };

  if (agency != NULL)
    queue_checks (self, agencies);
}

/**
 * gk_library_is_checking:
 *
 * Returns: whether checks across reports are under way or waiting; when
 *   they finish, #GkLibrary::findings-changed is emitted
 */
gboolean
gk_library_is_checking (GkLibrary *self)
{
  g_return_val_if_fail (GK_IS_LIBRARY (self), FALSE);
  return self->checking != NULL || self->pending.length > 0;
}

/**
 * gk_library_check_agency:
 * @agency: an agency's name
 *
 * Checks the reports of @agency against each other again (C1–C3, D1,
 * D2), in a worker thread; the library does it by itself whenever its
 * reports change.
 */
void
gk_library_check_agency (GkLibrary  *self,
                         const char *agency)
{
  g_return_if_fail (GK_IS_LIBRARY (self));
  g_return_if_fail (agency != NULL);
  queue_check (self, agency);
}

/**
 * gk_library_find_report:
 * @id: a report's id in the store
 *
 * Returns: (transfer none) (nullable): the report of that id
 */
GkReport *
gk_library_find_report (GkLibrary *self,
                        gint64     id)
{
  g_return_val_if_fail (GK_IS_LIBRARY (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->reports)); i++)
    {
      g_autoptr(GkReport) report = g_list_model_get_item (G_LIST_MODEL (self->reports), i);

      if (gk_store_report_id (report) == id)
        return report;
    }
  return NULL;
}

/**
 * gk_library_find_report_by_sha256:
 * @sha256: a report's digest, e.g. gk_finding_get_other_report()
 *
 * Returns: (transfer none) (nullable): the report of those bytes
 */
GkReport *
gk_library_find_report_by_sha256 (GkLibrary  *self,
                                  const char *sha256)
{
  g_return_val_if_fail (GK_IS_LIBRARY (self), NULL);

  for (guint i = 0; sha256 != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->reports)); i++)
    {
      g_autoptr(GkReport) report = g_list_model_get_item (G_LIST_MODEL (self->reports), i);

      if (g_strcmp0 (gk_report_get_sha256 (report), sha256) == 0)
        return report;
    }
  return NULL;
}

/**
 * gk_library_set_active_version:
 * @report: one of several versions of an agency's report for a year
 *
 * Makes @report the version that counts, settling the version conflict
 * (D1) between them: from now on only @report is compared with the
 * agency's other years.
 */
gboolean
gk_library_set_active_version (GkLibrary  *self,
                               GkReport   *report,
                               GError    **error)
{
  GkAgency *agency;

  g_return_val_if_fail (GK_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (GK_IS_REPORT (report), FALSE);

  if (self->store == NULL)
    return TRUE;
  if (!gk_store_set_active_version (self->store, gk_store_report_id (report), error))
    return FALSE;

  agency = gk_library_find_agency_of (self, report);
  for (guint i = 0; agency != NULL && i < gk_agency_get_n_reports (agency); i++)
    {
      g_autoptr(GkReport) other = g_list_model_get_item (G_LIST_MODEL (agency), i);

      if (gk_report_get_year (other) == gk_report_get_year (report)
          && !gk_store_refresh_report (self->store, other, error))
        return FALSE;
    }
  queue_check (self, agency_name_of (report));
  return TRUE;
}

/**
 * gk_library_reparse:
 * @report: a report of the library
 * @parse: the parser, gk_parse_bytes()
 *
 * Parses @report's original bytes again and replaces what the library
 * holds of it; the user's corrections and verdicts stay.
 */
gboolean
gk_library_reparse (GkLibrary         *self,
                    GkReport          *report,
                    GkStoreParseFunc   parse,
                    GError           **error)
{
  g_autoptr(GkReport) parsed = NULL;
  g_autoptr(GkReport) whole = NULL;
  g_autofree char *old_name = NULL;
  gint64 id;

  g_return_val_if_fail (GK_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (GK_IS_REPORT (report), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  id = gk_store_report_id (report);
  parsed = gk_store_reparse (self->store, id, parse, error);
  if (parsed == NULL)
    return FALSE;
  whole = gk_store_load_report (self->store, id, error);
  if (whole == NULL)
    return FALSE;

  old_name = g_strdup (agency_name_of (report));
  unfile_report (self, report, old_name);
  gk_report_set_agency (report, gk_report_get_agency (whole), gk_report_get_agency_evidence (whole),
                        gk_report_get_agency_line (whole), gk_report_get_agency_confidence (whole));
  gk_report_set_year (report, gk_report_get_year (whole), gk_report_get_year_evidence (whole),
                      gk_report_get_year_line (whole), gk_report_get_year_confidence (whole));
  if (gk_report_has_contents (report))
    gk_report_take_contents (report, whole);
  else
    gk_report_set_summary (report, gk_report_get_summary (whole));
  file_report (self, report, NULL);

  queue_check (self, old_name);
  queue_check (self, agency_name_of (report));
  return TRUE;
}

static void
list_findings_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *rows = gk_store_list_findings (task_data, &error);

  if (rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
}

/* A library in memory lists the findings of the reports that have them. */
static GPtrArray *
list_findings_in_memory (GkLibrary *self)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) gk_store_finding_free);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->reports)); i++)
    {
      g_autoptr(GkReport) report = g_list_model_get_item (G_LIST_MODEL (self->reports), i);
      GListModel *findings = gk_report_get_findings (report);

      for (guint j = 0; j < g_list_model_get_n_items (findings); j++)
        {
          g_autoptr(GkFinding) finding = g_list_model_get_item (findings, j);
          GkStoreFinding *row;

          if (gk_finding_get_status (finding) != GK_FINDING_FAILED)
            continue;
          row = g_new0 (GkStoreFinding, 1);
          row->report_id = gk_store_report_id (report);
          row->agency = g_strdup (gk_report_get_agency (report));
          row->year = gk_report_get_year (report);
          row->rule = g_strdup (gk_finding_get_rule (finding));
          row->severity = gk_finding_get_severity (finding);
          row->message = g_strdup (gk_finding_get_message (finding));
          row->finding_id = gk_finding_dup_id (finding);
          row->other_report = g_strdup (gk_finding_get_other_report (finding));
          row->verdict = gk_finding_get_verdict (finding);
          g_ptr_array_add (rows, row);
        }
    }
  return rows;
}

/**
 * gk_library_list_findings_async:
 *
 * Lists the failed findings of every report (gk_store_list_findings()),
 * in a worker thread and without loading any tables.
 */
void
gk_library_list_findings_async (GkLibrary           *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GK_IS_LIBRARY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gk_library_list_findings_async);
  if (self->store == NULL)
    {
      g_task_return_pointer (task, list_findings_in_memory (self), (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, list_findings_thread);
}

/**
 * gk_library_list_findings_finish:
 *
 * Returns: (transfer container) (element-type GkStoreFinding): the
 *   findings; %NULL on error
 */
GPtrArray *
gk_library_list_findings_finish (GkLibrary     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (GK_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
