/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-importer"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gk-checks.h"
#include "gk-importer.h"
#include "gk-parser.h"

/* Imports files and folders into the library, off the main thread.
 *
 * The worker touches only its own data and the store (each file in its
 * own transaction, so a failure or a kill never disturbs what was
 * imported before).  Progress is kept under a mutex and published on the
 * thread that started the import, from one idle at a time, as properties
 * that a progress bar can bind to. */
struct _GkImporter
{
  GObject       parent_instance;

  GkStore      *store;
  GMainContext *context;  /* where progress is published */

  GMutex        mutex;
  /* Written by the worker under the mutex. */
  guint         worker_done;
  guint         worker_total;
  char         *worker_name;
  guint         publish_source;

  /* Published on the main thread. */
  gboolean      busy;
  guint         n_done;
  guint         n_total;
  char         *current_name;
};

enum {
  PROP_0,
  PROP_BUSY,
  PROP_FRACTION,
  PROP_N_DONE,
  PROP_N_TOTAL,
  PROP_CURRENT_NAME,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (GkImporter, gk_importer, G_TYPE_OBJECT)

static GParamSpec *properties [N_PROPS];

static void
gk_importer_dispose (GObject *object)
{
  GkImporter *self = (GkImporter *)object;

  g_mutex_lock (&self->mutex);
  if (self->publish_source != 0)
    {
      GSource *source = g_main_context_find_source_by_id (self->context, self->publish_source);
      if (source != NULL)
        g_source_destroy (source);
      self->publish_source = 0;
    }
  g_mutex_unlock (&self->mutex);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (gk_importer_parent_class)->dispose (object);
}

static void
gk_importer_finalize (GObject *object)
{
  GkImporter *self = (GkImporter *)object;

  g_clear_pointer (&self->worker_name, g_free);
  g_clear_pointer (&self->current_name, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (gk_importer_parent_class)->finalize (object);
}

static void
gk_importer_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  GkImporter *self = GK_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, gk_importer_get_fraction (self));
      break;
    case PROP_N_DONE:
      g_value_set_uint (value, self->n_done);
      break;
    case PROP_N_TOTAL:
      g_value_set_uint (value, self->n_total);
      break;
    case PROP_CURRENT_NAME:
      g_value_set_string (value, self->current_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_importer_class_init (GkImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gk_importer_dispose;
  object_class->finalize = gk_importer_finalize;
  object_class->get_property = gk_importer_get_property;

  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_N_DONE] =
    g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_N_TOTAL] =
    g_param_spec_uint ("n-total", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_CURRENT_NAME] =
    g_param_spec_string ("current-name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gk_importer_init (GkImporter *self)
{
  g_mutex_init (&self->mutex);
}

/**
 * gk_importer_new:
 * @store: (nullable): the library to import into; %NULL only parses
 */
GkImporter *
gk_importer_new (GkStore *store)
{
  GkImporter *self = g_object_new (GK_TYPE_IMPORTER, NULL);

  self->store = store ? g_object_ref (store) : NULL;
  return self;
}

gboolean
gk_importer_get_busy (GkImporter *self)
{
  g_return_val_if_fail (GK_IS_IMPORTER (self), FALSE);
  return self->busy;
}

double
gk_importer_get_fraction (GkImporter *self)
{
  g_return_val_if_fail (GK_IS_IMPORTER (self), 0);
  return self->n_total ? (double) self->n_done / self->n_total : 0;
}

guint
gk_importer_get_n_done (GkImporter *self)
{
  g_return_val_if_fail (GK_IS_IMPORTER (self), 0);
  return self->n_done;
}

guint
gk_importer_get_n_total (GkImporter *self)
{
  g_return_val_if_fail (GK_IS_IMPORTER (self), 0);
  return self->n_total;
}

/**
 * gk_importer_get_current_name:
 *
 * Returns: (nullable): the name of the file being imported
 */
const char *
gk_importer_get_current_name (GkImporter *self)
{
  g_return_val_if_fail (GK_IS_IMPORTER (self), NULL);
  return self->current_name;
}

/**
 * gk_importer_check_local:
 * @file: a file named by a user: dropped, chosen or on a command line
 * @error: why it is refused
 *
 * Refuses a file that is not on this computer: a web address (a link
 * dropped from a browser, a URL on the command line) or any other URI
 * but file://.  GIO would otherwise fetch it through GVfs, and Gongkai
 * never goes on the network (the reports come from strangers' sites, and
 * reading them must not tell anyone anything).  Only the URI is looked
 * at: nothing is read, resolved or mounted.
 *
 * Returns: %TRUE when @file is a local file
 */
gboolean
gk_importer_check_local (GFile   *file,
                         GError **error)
{
  static const char * const web[] = {
    "http", "https", "ftp", "ftps", "dav", "davs", "webdav", "webdavs",
  };
  g_autofree char *scheme = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  scheme = g_file_get_uri_scheme (file);
  if (scheme != NULL && g_ascii_strcasecmp (scheme, "file") == 0)
    return TRUE;

  for (guint i = 0; scheme != NULL && i < G_N_ELEMENTS (web); i++)
    if (g_ascii_strcasecmp (scheme, web[i]) == 0)
      {
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("this is a web address; Gongkai works offline: download the file and open it"));
        return FALSE;
      }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               /* Translators: %s is a URI scheme such as smb or sftp */
               _("this is not a file on this computer but a “%s:” address; Gongkai works offline: copy the file to a folder here and open it"),
               scheme != NULL ? scheme : "?");
  return FALSE;
}

/* The file kinds a folder's walk picks up.  Files chosen one by one are
 * all tried, whatever their names: the format is read from the bytes. */
gboolean
gk_importer_is_report_file (const char *basename)
{
  static const char * const extensions[] = {
    ".txt", ".text", ".md", ".markdown", ".htm", ".html", ".xhtml", ".shtml",
    ".pdf", ".docx", ".doc", ".wps",
  };
  g_autofree char *lower = NULL;

  g_return_val_if_fail (basename != NULL, FALSE);

  if (basename[0] == '.')
    return FALSE;
  lower = g_ascii_strdown (basename, -1);
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_str_has_suffix (lower, extensions[i]))
      return TRUE;
  return FALSE;
}

static gboolean
publish_cb (gpointer user_data)
{
  GkImporter *self = user_data;
  guint done, total;
  g_autofree char *name = NULL;

  g_mutex_lock (&self->mutex);
  done = self->worker_done;
  total = self->worker_total;
  name = g_strdup (self->worker_name);
  self->publish_source = 0;
  g_mutex_unlock (&self->mutex);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->n_done != done)
    {
      self->n_done = done;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_DONE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FRACTION]);
    }
  if (self->n_total != total)
    {
      self->n_total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_TOTAL]);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FRACTION]);
    }
  if (g_strcmp0 (self->current_name, name) != 0)
    {
      g_free (self->current_name);
      self->current_name = g_steal_pointer (&name);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CURRENT_NAME]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  return G_SOURCE_REMOVE;
}

/* Called by the worker: record, and schedule one publication if none is
 * pending.  Publications are at most 20 a second: a progress bar needs no
 * more, and waking the main thread once per file costs an import of ten
 * thousand files several per cent. */
static void
report_progress (GkImporter *self,
                 guint       done,
                 guint       total,
                 const char *name)
{
  g_mutex_lock (&self->mutex);
  self->worker_done = done;
  self->worker_total = total;
  if (name != NULL)
    {
      g_free (self->worker_name);
      self->worker_name = g_strdup (name);
    }
  if (self->publish_source == 0 && self->context != NULL)
    {
      GSource *source = g_timeout_source_new (50);
      g_source_set_callback (source, publish_cb, g_object_ref (self), g_object_unref);
      g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_static_name (source, "[gongkai] import progress");
      self->publish_source = g_source_attach (source, self->context);
      g_source_unref (source);
    }
  g_mutex_unlock (&self->mutex);
}

static int
compare_files (gconstpointer a,
               gconstpointer b)
{
  g_autofree char *path_a = g_file_get_uri (*(GFile **) a);
  g_autofree char *path_b = g_file_get_uri (*(GFile **) b);

  return strcmp (path_a, path_b);
}

/* Folders are walked recursively; what cannot be listed is a failure of
 * its own, not of the whole import. */
static void
collect_files (GFile        *file,
               gboolean      chosen,
               GPtrArray    *files,
               GPtrArray    *outcomes,
               GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileEnumerator) children = NULL;
  GFileType type;

  if (g_cancellable_is_cancelled (cancellable))
    return;

  /* Before anything asks GIO about it: a query alone would go on the
   * network through GVfs. */
  if (!gk_importer_check_local (file, &error))
    {
      g_ptr_array_add (outcomes, gk_import_outcome_new (file, GK_IMPORT_FAILED, NULL, error->message));
      return;
    }

  type = g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable);
  if (type != G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *name = g_file_get_basename (file);
      if (chosen || (type == G_FILE_TYPE_REGULAR && gk_importer_is_report_file (name)))
        g_ptr_array_add (files, g_object_ref (file));
      return;
    }

  children = g_file_enumerate_children (file,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                        G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN,
                                        G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (children == NULL)
    {
      g_ptr_array_add (outcomes, gk_import_outcome_new (file, GK_IMPORT_FAILED, NULL, error->message));
      return;
    }

  {
    g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);

    for (;;)
      {
        GFileInfo *info = NULL;
        GFile *child = NULL;

        if (!g_file_enumerator_iterate (children, &info, &child, cancellable, NULL) || info == NULL)
          break;
        if (g_file_info_get_is_hidden (info))
          continue;
        g_ptr_array_add (sorted, g_object_ref (child));
      }

    /* A stable order, so that progress and versions do not depend on the
     * file system's whims. */
    g_ptr_array_sort (sorted, compare_files);
    for (guint i = 0; i < sorted->len; i++)
      collect_files (g_ptr_array_index (sorted, i), FALSE, files, outcomes, cancellable);
  }
}

/* What became of a file once the store has seen its report. */
static GkImportOutcome *
stored_outcome (GFile               *file,
                GkReport            *report,
                GkStoreImportResult  result)
{
  switch (result)
    {
    case GK_STORE_IMPORT_DUPLICATE:
      return gk_import_outcome_new (file, GK_IMPORT_DUPLICATE, report,
                                    _("the library already holds this file"));
    case GK_STORE_IMPORT_NEW_VERSION:
      return gk_import_outcome_new (file, GK_IMPORT_NEW_VERSION, report,
                                    _("a different report for the same agency and year: kept as another version"));
    case GK_STORE_IMPORT_ADDED:
    default:
      return gk_import_outcome_new (file, GK_IMPORT_ADDED, report, NULL);
    }
}

/* Reads, parses and checks one file.  Returns the outcome when the file
 * failed, or NULL with @report and @bytes set for the store. */
static GkImportOutcome *
parse_one (GFile         *file,
           GCancellable  *cancellable,
           GkReport     **report_out,
           GBytes       **bytes_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GkReport) report = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = g_file_get_basename (file);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (info == NULL)
    return gk_import_outcome_new (file, GK_IMPORT_FAILED, NULL, error->message);
  /* A pipe would block the import until someone writes to it, and a
   * device such as /dev/zero would never end: only files are read.  A link
   * is seen as itself only when it leads nowhere. */
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_SYMBOLIC_LINK)
    return gk_import_outcome_new (file, GK_IMPORT_FAILED, NULL,
                                  _("a link that leads to no file"));
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    return gk_import_outcome_new (file, GK_IMPORT_FAILED, NULL,
                                  _("not a file but a device, a pipe or a socket: there is nothing to import"));
  /* Refused before it is read, with the parser's own words. */
  if (!gk_parse_limits_check_size (NULL, g_file_info_get_size (info), &error))
    return gk_import_outcome_new (file, GK_IMPORT_FAILED, NULL, error->message);

  bytes = g_file_load_bytes (file, cancellable, NULL, &error);
  if (bytes == NULL)
    return gk_import_outcome_new (file, GK_IMPORT_FAILED, NULL, error->message);

  report = gk_parse_bytes (bytes, name, &error);
  if (report == NULL)
    return gk_import_outcome_new (file, GK_IMPORT_FAILED, NULL, error->message);
  gk_checks_run (report);

  *report_out = g_steal_pointer (&report);
  *bytes_out = g_steal_pointer (&bytes);
  return NULL;
}

/* ---------------------------------------------------------------------- */
/* The writer: stores parsed reports in batches on a thread of its own, so
 * that on two cores one parses while the other writes.  A batch is one
 * transaction; a batch that fails is stored again file by file, so that
 * one bad report never takes the others down with it. */

#define BATCH_SIZE 50

typedef struct
{
  guint     index;   /* in the outcomes */
  GFile    *file;
  GkReport *report;
  GBytes   *bytes;
} Parsed;

static void
parsed_free (Parsed *parsed)
{
  g_clear_object (&parsed->file);
  g_clear_object (&parsed->report);
  g_clear_pointer (&parsed->bytes, g_bytes_unref);
  g_free (parsed);
}

/* The queue's end-of-input mark. */
static Parsed end_of_input;

typedef struct
{
  GkImporter  *self;
  GAsyncQueue *queue;     /* Parsed*, then &end_of_input */
  GPtrArray   *outcomes;  /* slots, filled in place */
  guint       *n_done;    /* atomic */
  guint        n_total;
} Writer;

static void
store_batch (Writer    *writer,
             GPtrArray *batch)
{
  g_autofree GkStoreImportItem *items = g_new0 (GkStoreImportItem, batch->len);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < batch->len; i++)
    {
      Parsed *parsed = g_ptr_array_index (batch, i);
      items[i].report = parsed->report;
      items[i].original_bytes = parsed->bytes;
    }

  if (gk_store_import_many (writer->self->store, items, batch->len, &error))
    {
      for (guint i = 0; i < batch->len; i++)
        {
          Parsed *parsed = g_ptr_array_index (batch, i);
          /* Stored: the library keeps only the report's summary, and so
           * does the import, or ten thousand reports' tables would sit in
           * memory until it ends. */
          gk_report_drop_contents (parsed->report);
          g_ptr_array_index (writer->outcomes, parsed->index) =
            stored_outcome (parsed->file, parsed->report, items[i].result);
        }
    }
  else
    {
      for (guint i = 0; i < batch->len; i++)
        {
          Parsed *parsed = g_ptr_array_index (batch, i);
          g_autoptr(GError) one_error = NULL;
          GkStoreImportResult result;
          gint64 id;

          if (gk_store_import (writer->self->store, parsed->report, parsed->bytes, &result, &id, &one_error))
            {
              gk_report_drop_contents (parsed->report);
              g_ptr_array_index (writer->outcomes, parsed->index) =
                stored_outcome (parsed->file, parsed->report, result);
            }
          else
            g_ptr_array_index (writer->outcomes, parsed->index) =
              gk_import_outcome_new (parsed->file, GK_IMPORT_FAILED, NULL, one_error->message);
        }
    }

  g_atomic_int_add (writer->n_done, batch->len);
  report_progress (writer->self, g_atomic_int_get (writer->n_done), writer->n_total, NULL);
  g_ptr_array_set_size (batch, 0);
}

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) parsed_free);
  gboolean done = FALSE;

  while (!done)
    {
      /* Wait for work, then take what else is ready, up to a batch. */
      Parsed *parsed = g_async_queue_pop (writer->queue);

      for (;;)
        {
          if (parsed == &end_of_input)
            {
              done = TRUE;
              break;
            }
          g_ptr_array_add (batch, parsed);
          if (batch->len >= BATCH_SIZE || (parsed = g_async_queue_try_pop (writer->queue)) == NULL)
            break;
        }

      if (batch->len > 0)
        store_batch (writer, batch);
    }

  return NULL;
}

/* The parsers: the calling thread and, on a machine with more cores, more
 * threads take the files in turn; each hands what it parsed to the writer.
 * Parsing and checking is half of an import's work and storing the other
 * half, so on two cores both parse while the writer stores. */
typedef struct
{
  GkImporter   *self;
  GPtrArray    *files;
  GPtrArray    *outcomes;   /* slots, filled in place */
  GCancellable *cancellable;
  GAsyncQueue  *queue;      /* to the writer, or NULL without a store */
  guint        *n_done;     /* atomic */
  guint         next;       /* atomic: the next file to take */
} Parsers;

static gpointer
parser_thread (gpointer data)
{
  Parsers *parsers = data;

  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&parsers->next, 1);
      GFile *file;
      g_autofree char *name = NULL;
      GkImportOutcome *failed;
      GkReport *report = NULL;
      GBytes *bytes = NULL;

      /* A cancelled import leaves the slots of the files it did not get
       * to empty. */
      if (i >= parsers->files->len || g_cancellable_is_cancelled (parsers->cancellable))
        break;

      file = g_ptr_array_index (parsers->files, i);
      name = g_file_get_basename (file);
      report_progress (parsers->self, g_atomic_int_get (parsers->n_done), parsers->files->len, name);
      failed = parse_one (file, parsers->cancellable, &report, &bytes);

      if (failed != NULL)
        {
          g_ptr_array_index (parsers->outcomes, i) = failed;
          g_atomic_int_inc (parsers->n_done);
        }
      else if (parsers->queue != NULL)
        {
          Parsed *parsed = g_new0 (Parsed, 1);

          parsed->index = i;
          parsed->file = g_object_ref (file);
          parsed->report = report;
          parsed->bytes = bytes;
          g_async_queue_push (parsers->queue, parsed);
        }
      else
        {
          g_ptr_array_index (parsers->outcomes, i) = gk_import_outcome_new (file, GK_IMPORT_ADDED, report, NULL);
          g_object_unref (report);
          g_bytes_unref (bytes);
          g_atomic_int_inc (parsers->n_done);
        }
    }

  return NULL;
}

/**
 * gk_importer_import_sync:
 * @files: (element-type GFile): files and folders
 *
 * Imports in the calling thread, with more threads for parsing on a
 * machine with more than one core and one for the store; what
 * gk_importer_import_async() runs in its worker.  Stops between two files
 * when @cancellable is cancelled: what was imported stays.
 *
 * Returns: (transfer container) (element-type GkImportOutcome): one
 *   outcome per file
 */
GPtrArray *
gk_importer_import_sync (GkImporter   *self,
                         GPtrArray    *files,
                         GCancellable *cancellable)
{
  g_autoptr(GPtrArray) expanded = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) listing_failures = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) helpers = g_ptr_array_new ();
  g_autoptr(GPtrArray) slots = g_ptr_array_new ();
  GPtrArray *outcomes = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_done = 0;
  Writer writer = { 0, };
  Parsers parsers = { 0, };
  GThread *thread = NULL;
  guint n_helpers;

  g_return_val_if_fail (GK_IS_IMPORTER (self), outcomes);
  g_return_val_if_fail (files != NULL, outcomes);

  for (guint i = 0; i < files->len; i++)
    collect_files (g_ptr_array_index (files, i), TRUE, expanded, listing_failures, cancellable);

  report_progress (self, 0, expanded->len, NULL);

  /* One slot per file, filled by whichever thread finishes it. */
  g_ptr_array_set_size (slots, expanded->len);

  if (self->store != NULL)
    {
      writer.self = self;
      writer.queue = g_async_queue_new ();
      writer.outcomes = slots;
      writer.n_done = &n_done;
      writer.n_total = expanded->len;
      thread = g_thread_new ("gongkai-store", writer_thread, &writer);
    }

  parsers.self = self;
  parsers.files = expanded;
  parsers.outcomes = slots;
  parsers.cancellable = cancellable;
  parsers.queue = writer.queue;
  parsers.n_done = &n_done;

  /* A thread per core besides this one, for a batch worth sharing. */
  n_helpers = MIN (g_get_num_processors (), 4) - 1;
  if (expanded->len < 8)
    n_helpers = 0;
  for (guint i = 0; i < n_helpers; i++)
    g_ptr_array_add (helpers, g_thread_new ("gongkai-parse", parser_thread, &parsers));
  parser_thread (&parsers);
  for (guint i = 0; i < helpers->len; i++)
    g_thread_join (g_ptr_array_index (helpers, i));

  if (thread != NULL)
    {
      g_async_queue_push (writer.queue, &end_of_input);
      g_thread_join (thread);
      g_async_queue_unref (writer.queue);
    }

  report_progress (self, g_atomic_int_get (&n_done), expanded->len, NULL);

  /* A cancelled import reports only the files it got to. */
  for (guint i = 0; i < slots->len; i++)
    if (g_ptr_array_index (slots, i) != NULL)
      g_ptr_array_add (outcomes, g_ptr_array_index (slots, i));
  g_ptr_array_extend_and_steal (outcomes, g_steal_pointer (&listing_failures));
  return outcomes;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GkImporter *self = source_object;
  GPtrArray *files = task_data;

  g_task_return_pointer (task, gk_importer_import_sync (self, files, cancellable),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
set_busy (GkImporter *self,
          gboolean    busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

/**
 * gk_importer_import_async:
 * @files: (element-type GFile): files and folders to import
 *
 * Imports in a worker thread.  One import at a time: the caller refuses
 * new files while #GkImporter:busy is set.
 */
void
gk_importer_import_async (GkImporter          *self,
                          GPtrArray           *files,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *copy;

  g_return_if_fail (GK_IS_IMPORTER (self));
  g_return_if_fail (files != NULL);
  g_return_if_fail (!self->busy);

  copy = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (files, i)));

  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  self->n_done = 0;
  self->n_total = 0;
  set_busy (self, TRUE);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gk_importer_import_async);
  g_task_set_task_data (task, copy, (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, import_thread);
}

/**
 * gk_importer_import_finish:
 *
 * Returns: (transfer container) (element-type GkImportOutcome): one
 *   outcome per file, in the order imported
 */
GPtrArray *
gk_importer_import_finish (GkImporter    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  GPtrArray *outcomes;

  g_return_val_if_fail (GK_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  outcomes = g_task_propagate_pointer (G_TASK (result), error);
  /* Publish the last figures now rather than from a late idle. */
  publish_cb (self);
  set_busy (self, FALSE);
  return outcomes;
}
