/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-library-export"

#include "config.h"

#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "gk-cross-checks.h"
#include "gk-export-csv.h"
#include "gk-export-indicators.h"
#include "gk-export-xlsx.h"
#include "gk-library-json.h"
#include "gk-library-export.h"

/* What counts in an export is the active version of each agency and year,
 * as the app shows and charts them; the other versions take part in the
 * checks across reports only, where they raise D1.
 *
 * Those checks compare the reports of one agency, so the library is
 * exported an agency at a time: the agency's reports are loaded whole,
 * checked against each other, written and let go.  An export of ten
 * thousand reports holds the metadata of all and the contents of a few. */

/* The agency a report of the library belongs to: its name as the store
 * gives it, with the user's corrections and merges applied, which is how
 * the store itself groups versions. */
static char *
library_agency_key (GkReport *report,
                    gpointer  user_data)
{
  const char *agency = gk_report_get_agency (report);

  return agency != NULL && *agency != '\0' ? g_strdup (agency) : NULL;
}

const char *
gk_library_export_format_extension (GkLibraryExportFormat format)
{
  switch (format)
    {
    case GK_LIBRARY_EXPORT_JSON:
      return "json";
    case GK_LIBRARY_EXPORT_XLSX:
      return "xlsx";
    case GK_LIBRARY_EXPORT_CSV:
    case GK_LIBRARY_EXPORT_INDICATORS:
    default:
      return "csv";
    }
}

typedef struct
{
  GkLibraryExportFormat  format;
  GOutputStream         *stream;
  GkExportXlsx          *xlsx;
  GString               *out;
  guint                  n_written;
  GCancellable          *cancellable;
} Sink;

static gboolean
sink_flush (Sink    *sink,
            GError **error)
{
  gboolean ok = TRUE;

  if (sink->out->len > 0)
    ok = g_output_stream_write_all (sink->stream, sink->out->str, sink->out->len, NULL,
                                    sink->cancellable, error);
  g_string_truncate (sink->out, 0);
  return ok;
}

static gboolean
sink_append (Sink      *sink,
             GkReport  *report,
             GError   **error)
{
  switch (sink->format)
    {
    case GK_LIBRARY_EXPORT_CSV:
      gk_export_csv_append_report (sink->out, report);
      break;
    case GK_LIBRARY_EXPORT_INDICATORS:
      gk_export_indicators_append_report (sink->out, report);
      break;
    case GK_LIBRARY_EXPORT_JSON:
      gk_library_json_append_report (sink->out, report, sink->n_written == 0);
      break;
    case GK_LIBRARY_EXPORT_XLSX:
    default:
      gk_export_xlsx_append_report (sink->xlsx, report);
      break;
    }
  sink->n_written++;
  return sink_flush (sink, error);
}

/* libxlsxwriter writes to a file name: the workbook is made in a
 * temporary file, then copied into the stream. */
static gboolean
copy_file_into (const char     *path,
                GOutputStream  *stream,
                GCancellable   *cancellable,
                GError        **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, cancellable, error);

  if (in == NULL)
    return FALSE;
  return g_output_stream_splice (stream, G_INPUT_STREAM (in), G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE,
                                 cancellable, error) >= 0;
}

/* Loads the reports of one agency whole, checks them against each other,
 * and writes the active ones. */
static gboolean
export_group (GkStore                  *store,
              GPtrArray                *group,
              Sink                     *sink,
              guint                     total,
              GkLibraryExportProgress   progress,
              gpointer                  user_data,
              GError                  **error)
{
  g_autoptr(GPtrArray) whole = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < group->len; i++)
    {
      GkReport *listed = g_ptr_array_index (group, i);
      GkReport *report;

      if (g_cancellable_set_error_if_cancelled (sink->cancellable, error))
        return FALSE;
      report = gk_store_load_report (store, gk_store_report_id (listed), error);
      if (report == NULL)
        return FALSE;
      g_ptr_array_add (whole, report);
    }

  /* Compared afresh, as the library may not have compared them yet (an
   * import by the command line, an agency still pending); the findings
   * this replaces get the user's verdicts back. */
  if (whole->len > 1)
    {
      gk_cross_checks_run (whole, library_agency_key, NULL);
      for (guint i = 0; i < whole->len; i++)
        if (!gk_store_apply_verdicts (store, g_ptr_array_index (whole, i), error))
          return FALSE;
    }

  for (guint i = 0; i < whole->len; i++)
    {
      GkReport *report = g_ptr_array_index (whole, i);

      if (!gk_store_report_is_active (report))
        continue;
      if (!sink_append (sink, report, error))
        return FALSE;
      if (progress != NULL)
        progress (sink->n_written, total, user_data);
    }

  return TRUE;
}

/**
 * gk_library_export_write:
 * @store: the library
 * @format: what to write
 * @stream: where to write it; it is not closed
 * @progress: (nullable): called after each report, in this thread
 * @n_reports: (out) (optional): how many reports were written
 *
 * Writes the reports that count (the active version of each agency and
 * year), each with its findings, those between reports of one agency
 * (C1–C3, D1, D2) included.  The reports are loaded from @store an agency
 * at a time; it may run in any thread.
 *
 * Returns: whether everything was written
 */
gboolean
gk_library_export_write (GkStore                 *store,
                         GkLibraryExportFormat    format,
                         GOutputStream           *stream,
                         GkLibraryExportProgress  progress,
                         gpointer                 user_data,
                         guint                   *n_reports,
                         GCancellable            *cancellable,
                         GError                 **error)
{
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GHashTable) by_agency = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *tmp_path = NULL;
  Sink sink = { format, stream, NULL, out, 0, cancellable };
  gboolean ok = TRUE;
  guint total = 0;

  g_return_val_if_fail (GK_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_reports != NULL)
    *n_reports = 0;

  /* The metadata of every report, in the order of import; their contents
   * come later, an agency at a time. */
  listed = gk_store_list_reports (store, error);
  if (listed == NULL)
    return FALSE;

  groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  by_agency = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < listed->len; i++)
    {
      GkReport *report = g_ptr_array_index (listed, i);
      g_autofree char *key = library_agency_key (report, NULL);
      GPtrArray *group = key != NULL ? g_hash_table_lookup (by_agency, key) : NULL;

      if (group == NULL)
        {
          group = g_ptr_array_new ();
          g_ptr_array_add (groups, group);
          /* A report naming no agency is compared with nothing. */
          if (key != NULL)
            g_hash_table_insert (by_agency, g_steal_pointer (&key), group);
        }
      g_ptr_array_add (group, report);
      if (gk_store_report_is_active (report))
        total++;
    }

  if (format == GK_LIBRARY_EXPORT_XLSX)
    {
      int fd = g_file_open_tmp ("gongkai-XXXXXX.xlsx", &tmp_path, error);

      if (fd < 0)
        return FALSE;
      close (fd);
      sink.xlsx = gk_export_xlsx_begin (tmp_path, error);
      if (sink.xlsx == NULL)
        {
          g_unlink (tmp_path);
          return FALSE;
        }
    }
  else if (format == GK_LIBRARY_EXPORT_CSV)
    gk_export_csv_append_header (out);
  else if (format == GK_LIBRARY_EXPORT_INDICATORS)
    gk_export_indicators_append_header (out);
  else
    gk_library_json_append_begin (out);

  /* The header even when the library is empty: the output is always a
   * valid table or document. */
  ok = sink_flush (&sink, error);
  for (guint g = 0; ok && g < groups->len; g++)
    ok = export_group (store, g_ptr_array_index (groups, g), &sink, total, progress, user_data, error);

  if (format == GK_LIBRARY_EXPORT_JSON && ok)
    {
      gk_library_json_append_end (out, sink.n_written == 0);
      ok = sink_flush (&sink, error);
    }

  if (sink.xlsx != NULL)
    {
      /* Ended even after a failure: it frees the workbook. */
      if (!gk_export_xlsx_end (sink.xlsx, ok ? error : NULL))
        ok = FALSE;
      if (ok)
        ok = copy_file_into (tmp_path, stream, cancellable, error);
      g_unlink (tmp_path);
    }

  if (ok && n_reports != NULL)
    *n_reports = sink.n_written;
  return ok;
}

/**
 * gk_library_export_to_file:
 *
 * Like gk_library_export_write(), into @file, which is replaced only once
 * the whole export is written.
 */
gboolean
gk_library_export_to_file (GkStore                 *store,
                           GkLibraryExportFormat    format,
                           GFile                   *file,
                           GkLibraryExportProgress  progress,
                           gpointer                 user_data,
                           guint                   *n_reports,
                           GCancellable            *cancellable,
                           GError                 **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error);
  if (stream == NULL)
    return FALSE;

  if (!gk_library_export_write (store, format, G_OUTPUT_STREAM (stream), progress, user_data,
                                n_reports, cancellable, &local_error))
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      /* Closing cancelled leaves whatever file was there before. */
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);
}
