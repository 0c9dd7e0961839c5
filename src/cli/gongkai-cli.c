/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gongkai-cli"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>

#include "gk-core.h"

/* The command-line front end over the core, for scripts and batch checks.
 * Bad input is normal here (a folder of downloads holds empty files, PDFs
 * saved as .txt, pages without tables): each bad file gets one line on
 * standard error and the others are still processed, so that one broken
 * download never hides the results of a thousand good ones. */

typedef enum
{
  EXIT_CLEAN = 0,     /* every input read, no failed finding */
  EXIT_FINDINGS = 1,  /* `check` found a failed rule in a report */
  EXIT_BAD_INPUT = 2, /* an input could not be read, or a bad command line */
} ExitStatus;

typedef enum
{
  COMMAND_PARSE,
  COMMAND_CHECK,
  COMMAND_EXPORT,
  COMMAND_SHEET,
} Command;

/* What "-", standard input, is called in messages and as the report's
 * source name. */
#define STDIN_NAME "stdin"

/* What `export` writes. */
typedef enum
{
  FORMAT_CSV,
  FORMAT_INDICATORS,
  FORMAT_JSON,
  FORMAT_XLSX,
} Format;

static const char * const format_names[] = { "csv", "indicators", "json", "xlsx" };

static gboolean opt_version;
static gboolean opt_library;
static char *opt_format;
static char *opt_output;
static int opt_max_size = -1;  /* -1: not given */
static char **opt_args;

/* --max-size, in MB: a larger file is refused before it is read. */
#define MAX_SIZE_CEILING_MB 4096
static GkParseLimits limits;

static const GOptionEntry option_entries[] = {
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format,
    /* Translators: the help of --format; the words in quotes are keywords */
    N_("The format of export: “csv” (every cell, the default), “indicators”, “json” or “xlsx”"),
    N_("FORMAT") },
  { "library", 0, 0, G_OPTION_ARG_NONE, &opt_library,
    N_("Export the app’s library instead of files"), NULL },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    N_("Write the export or the check sheet to FILE (“-” for standard output)"), N_("FILE") },
  { "max-size", 0, 0, G_OPTION_ARG_INT, &opt_max_size,
    /* Translators: the help of --max-size; MB is the argument's name */
    N_("Refuse files larger than MB megabytes (default 64)"), N_("MB") },
  { "version", 0, 0, G_OPTION_ARG_NONE, &opt_version,
    N_("Show the version and exit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_args,
    NULL, NULL },
  { NULL }
};

/* Everything goes out as UTF-8 whatever the locale: the messages are
 * bound to UTF-8, and the data (agency names, row labels, JSON, CSV) is
 * Chinese text that g_print() would turn into "?" under LC_ALL=C, which
 * is what scripts and cron jobs often run with. */
static void
write_stream (FILE       *stream,
              const char *format,
              va_list     args) G_GNUC_PRINTF (2, 0);

static void
write_stream (FILE       *stream,
              const char *format,
              va_list     args)
{
  g_autofree char *text = g_strdup_vprintf (format, args);

  fputs (text, stream);
}

static void out_printf (const char *format,
                        ...) G_GNUC_PRINTF (1, 2);
static void err_printf (const char *format,
                        ...) G_GNUC_PRINTF (1, 2);

static void
out_printf (const char *format,
            ...)
{
  va_list args;

  va_start (args, format);
  write_stream (stdout, format, args);
  va_end (args);
}

static void
err_printf (const char *format,
            ...)
{
  va_list args;

  /* Whatever was written to standard output comes first, so that a
   * message about a file follows the output of the files before it. */
  fflush (stdout);
  va_start (args, format);
  write_stream (stderr, format, args);
  va_end (args);
}

static void print_usage_error (const char *message);

static void
write_stdout (const GString *out)
{
  fwrite (out->str, 1, out->len, stdout);
}

static void
print_input_error (const char *name,
                   const char *message)
{
  err_printf ("%s: %s: %s\n", g_get_prgname (), name, message);
}

/* Standard input, read to its end, but never more than a report can be:
 * the parser then says the input is too large instead of the tool running
 * out of memory on an endless pipe. */
static GBytes *
read_stdin (GError **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buf[64 * 1024];
  size_t n;

  while ((n = fread (buf, 1, sizeof buf, stdin)) > 0)
    {
      g_byte_array_append (data, buf, n);
      if (data->len > limits.max_size)
        break;
    }

  if (ferror (stdin))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("standard input could not be read"));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* A device or a pipe named on the command line has no size to check
 * first, so it is read like standard input, up to the size limit. */
static GBytes *
read_special (GFile   *file,
              GError **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buf[64 * 1024];
  gssize n;

  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;

  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buf, sizeof buf, NULL, error)) > 0)
    {
      g_byte_array_append (data, buf, n);
      if (data->len > limits.max_size)
        break;
    }
  if (n < 0)
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* GIO's messages repeat the absolute path, which the line already names;
 * the common cases get a short message of their own. */
static const char *
describe_io_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return _("no such file");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    return _("permission denied");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    return _("this is a folder, not a file");
  return error->message;
}

static GBytes *
read_file (const char  *arg,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (arg);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;

  /* A URL is refused before GIO is asked anything about it: GVfs would
   * fetch it, and Gongkai never goes on the network. */
  if (!gk_importer_check_local (file, error))
    return NULL;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, describe_io_error (local_error));
      return NULL;
    }

  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_DIRECTORY:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                           _("this is a folder, not a file"));
      return NULL;

    case G_FILE_TYPE_SPECIAL:
      {
        GBytes *bytes = read_special (file, &local_error);

        if (bytes == NULL)
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, describe_io_error (local_error));
        return bytes;
      }

    default:
      break;
    }

  /* Checked before loading: a multi-gigabyte file named by mistake must
   * not be read into memory only to be refused. */
  if (!gk_parse_limits_check_size (&limits, g_file_info_get_size (info), error))
    return NULL;

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, describe_io_error (local_error));
      return NULL;
    }

  return g_bytes_new_take (contents, length);
}

/* Reads, parses and checks one input.  Returns the report, or NULL after
 * setting @error to a message that completes "FILE: …". */
static GkReport *
load_report (const char  *arg,
             const char  *name,
             GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  GkReport *report;

  if (strcmp (arg, "-") == 0)
    bytes = read_stdin (error);
  else
    bytes = read_file (arg, error);
  if (bytes == NULL)
    return NULL;

  report = gk_parse_bytes_with_limits (bytes, name, &limits, error);
  if (report == NULL)
    return NULL;

  gk_checks_run (report);
  return report;
}

/* The name of an input for messages and as source name: UTF-8 whatever
 * the file system's encoding, since it ends up in JSON and CSV. */
static char *
input_name (const char *arg)
{
  if (strcmp (arg, "-") == 0)
    return g_strdup (STDIN_NAME);
  return g_filename_display_name (arg);
}

static ExitStatus
run_parse (char **files)
{
  g_autoptr(GString) out = g_string_new ("[");
  ExitStatus status = EXIT_CLEAN;

  /* Reports are written as they are read, so a long list needs memory for
   * one report at a time. */
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *name = input_name (files[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GkReport) report = NULL;
      g_autoptr(JsonNode) node = NULL;

      report = load_report (files[i], name, &error);
      if (report != NULL)
        node = gk_report_to_json (report);
      else
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();

          print_input_error (name, error->message);
          status = EXIT_BAD_INPUT;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "file");
          json_builder_add_string_value (builder, name);
          json_builder_set_member_name (builder, "error");
          json_builder_add_string_value (builder, error->message);
          json_builder_end_object (builder);
          node = json_builder_get_root (builder);
        }

      g_string_append (out, i > 0 ? ",\n  " : "\n  ");
      gk_report_json_append_node (out, node, TRUE, 1);
      write_stdout (out);
      g_string_truncate (out, 0);
    }

  g_string_append (out, files[0] != NULL ? "\n]\n" : "]\n");
  write_stdout (out);

  return status;
}

static void
print_finding (const char *name,
               GkFinding  *finding)
{
  const char *expected = gk_finding_get_expected (finding);
  const char *found = gk_finding_get_found (finding);
  g_autofree char *detail = NULL;
  const char *kind;

  if (gk_finding_get_status (finding) == GK_FINDING_NOT_ASSESSABLE)
    /* Translators: a rule that could not be evaluated because a cell it
     * needs is blank or not applicable; printed as "FILE: note R1 …" */
    kind = _("note");
  else if (gk_finding_get_severity (finding) == GK_SEVERITY_ERROR)
    /* Translators: printed as "FILE: error R1 …" */
    kind = _("error");
  else
    /* Translators: printed as "FILE: warning T1 …" */
    kind = _("warning");

  if (expected != NULL && found != NULL)
    detail = g_strdup_printf (_(" (expected %s, found %s)"), expected, found);
  else if (expected != NULL)
    detail = g_strdup_printf (_(" (expected %s)"), expected);
  else if (found != NULL)
    detail = g_strdup_printf (_(" (found %s)"), found);

  out_printf ("%s: %s %s [%s] %s%s\n",
           name, kind,
           gk_finding_get_rule (finding),
           gk_finding_get_subject (finding),
           gk_finding_get_message (finding),
           detail ? detail : "");
}

static void
print_summary (const char *name,
               GkReport   *report)
{
  g_autofree char *errors = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *notes = NULL;
  guint n_errors, n_warnings, n_notes;

  n_errors = gk_report_count_findings (report, GK_FINDING_FAILED, GK_SEVERITY_ERROR);
  n_warnings = gk_report_count_findings (report, GK_FINDING_FAILED, GK_SEVERITY_WARNING);
  n_notes = gk_report_count_findings (report, GK_FINDING_NOT_ASSESSABLE, -1);

  errors = g_strdup_printf (ngettext ("%u error", "%u errors", n_errors), n_errors);
  warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings", n_warnings), n_warnings);
  notes = g_strdup_printf (ngettext ("%u rule not assessable", "%u rules not assessable", n_notes), n_notes);
  /* Translators: the summary of one file: its name, then "2 errors",
   * "1 warning" and "3 rules not assessable" */
  out_printf (_("%s: %s, %s, %s\n"), name, errors, warnings, notes);
}

/* Reads every input, printing a line on standard error for each that
 * cannot be read.  The reports are checked one by one, and then against
 * each other (C1–C3, D1, D2), which needs them all at once. */
static GPtrArray *
load_reports (char       **files,
              ExitStatus  *status)
{
  GPtrArray *reports = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *name = input_name (files[i]);
      g_autoptr(GError) error = NULL;
      GkReport *report = load_report (files[i], name, &error);

      if (report == NULL)
        {
          print_input_error (name, error->message);
          *status = EXIT_BAD_INPUT;
          continue;
        }
      g_ptr_array_add (reports, report);
    }

  gk_cross_checks_run (reports, NULL, NULL);
  return reports;
}

static ExitStatus
run_check (char **files)
{
  ExitStatus status = EXIT_CLEAN;
  g_autoptr(GPtrArray) reports = load_reports (files, &status);

  for (guint i = 0; i < reports->len; i++)
    {
      GkReport *report = g_ptr_array_index (reports, i);
      const char *name = gk_report_get_source_name (report);
      GListModel *findings = gk_report_get_findings (report);

      for (guint j = 0; j < g_list_model_get_n_items (findings); j++)
        {
          g_autoptr(GkFinding) finding = g_list_model_get_item (findings, j);
          print_finding (name, finding);
        }
      print_summary (name, report);

      if (gk_report_count_findings (report, GK_FINDING_FAILED, -1) > 0 && status == EXIT_CLEAN)
        status = EXIT_FINDINGS;
    }

  return status;
}

/* ---- The library --------------------------------------------------------- */

/* Everything gongkai-cli uses of the app's library is in this function:
 * the export itself is gk_library_export_write(), which the app's Export
 * Library uses too, so both write the same file. */
static ExitStatus
export_library (Format format)
{
  static const GkLibraryExportFormat formats[] = {
    [FORMAT_CSV] = GK_LIBRARY_EXPORT_CSV,
    [FORMAT_INDICATORS] = GK_LIBRARY_EXPORT_INDICATORS,
    [FORMAT_JSON] = GK_LIBRARY_EXPORT_JSON,
    [FORMAT_XLSX] = GK_LIBRARY_EXPORT_XLSX,
  };
  g_autofree char *path = gk_store_default_path ();
  g_autoptr(GkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* gk_store_open() would make an empty library: an export must not. */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *message = g_strdup_printf (_("there is no library at %s: import reports with the app first"),
                                                  display);

      err_printf ("%s: %s\n", g_get_prgname (), message);
      return EXIT_BAD_INPUT;
    }

  store = gk_store_open (path, &error);
  if (store == NULL)
    {
      err_printf ("%s: %s\n", g_get_prgname (), error->message);
      return EXIT_BAD_INPUT;
    }

  if (opt_output != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (opt_output);

      ok = gk_library_export_to_file (store, formats[format], file, NULL, NULL, NULL, NULL, &error);
      if (!ok)
        {
          g_autofree char *display = g_filename_display_name (opt_output);
          print_input_error (display, describe_io_error (error));
        }
    }
  else
    {
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

      fflush (stdout);
      ok = gk_library_export_write (store, formats[format], out, NULL, NULL, NULL, NULL, &error);
      if (!ok)
        err_printf ("%s: %s\n", g_get_prgname (), error->message);
    }

  return ok ? EXIT_CLEAN : EXIT_BAD_INPUT;
}

/* ---- Export -------------------------------------------------------------- */

/* Where an export goes: standard output, or the file of --output. */
typedef struct
{
  FILE       *stream;
  const char *path;   /* NULL for standard output */
  gboolean    failed;
} Output;

static gboolean
output_open (Output     *output,
             const char *path)
{
  output->path = path;
  output->failed = FALSE;

  if (path == NULL)
    {
      output->stream = stdout;
      return TRUE;
    }

  output->stream = g_fopen (path, "wb");
  if (output->stream == NULL)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      print_input_error (display, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static void
output_write (Output        *output,
              const GString *chunk)
{
  if (chunk->len > 0 && fwrite (chunk->str, 1, chunk->len, output->stream) != chunk->len)
    output->failed = TRUE;
}

/* Closes the file of --output; standard output is checked in main(). */
static gboolean
output_close (Output *output)
{
  gboolean ok = !output->failed;

  if (output->path == NULL)
    return ok;

  if (fclose (output->stream) != 0 || !ok)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (output->path);

      print_input_error (display, g_strerror (ok ? saved_errno : EIO));
      return FALSE;
    }
  return TRUE;
}

/* The tidy CSV and the indicators are written a report at a time, so an
 * export of many files needs memory for one report. */
static ExitStatus
export_streaming (char   **files,
                  Format   format,
                  Output  *output)
{
  g_autoptr(GString) out = g_string_new (NULL);
  ExitStatus status = EXIT_CLEAN;

  /* The header even when no input can be read: the output is always a
   * valid CSV table. */
  if (format == FORMAT_CSV)
    gk_export_csv_append_header (out);
  else
    gk_export_indicators_append_header (out);
  output_write (output, out);

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *name = input_name (files[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GkReport) report = NULL;

      report = load_report (files[i], name, &error);
      if (report == NULL)
        {
          print_input_error (name, error->message);
          status = EXIT_BAD_INPUT;
          continue;
        }

      g_string_truncate (out, 0);
      if (format == FORMAT_CSV)
        gk_export_csv_append_report (out, report);
      else
        gk_export_indicators_append_report (out, report);
      output_write (output, out);
    }

  return status;
}

static void
export_text (GPtrArray *reports,
             Format     format,
             Output    *output)
{
  g_autoptr(GString) out = g_string_new (NULL);

  switch (format)
    {
    case FORMAT_CSV:
      gk_export_csv_append_header (out);
      break;
    case FORMAT_INDICATORS:
      gk_export_indicators_append_header (out);
      break;
    case FORMAT_JSON:
      gk_library_json_append_begin (out);
      break;
    case FORMAT_XLSX:
    default:
      g_assert_not_reached ();
    }
  output_write (output, out);

  for (guint i = 0; i < reports->len; i++)
    {
      GkReport *report = g_ptr_array_index (reports, i);

      g_string_truncate (out, 0);
      if (format == FORMAT_CSV)
        gk_export_csv_append_report (out, report);
      else if (format == FORMAT_INDICATORS)
        gk_export_indicators_append_report (out, report);
      else
        gk_library_json_append_report (out, report, i == 0);
      output_write (output, out);
    }

  if (format == FORMAT_JSON)
    {
      g_string_truncate (out, 0);
      gk_library_json_append_end (out, reports->len == 0);
      output_write (output, out);
    }
}

/* libxlsxwriter writes to a file name and prints its own errors: the
 * workbook is made in a temporary file, which can be written, and then
 * copied to --output or to standard output. */
static gboolean
export_xlsx (GPtrArray  *reports,
             const char *output_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp_path = NULL;
  gboolean ok = FALSE;
  int fd;

  fd = g_file_open_tmp ("gongkai-XXXXXX.xlsx", &tmp_path, &error);
  if (fd < 0)
    {
      err_printf ("%s: %s\n", g_get_prgname (), error->message);
      return FALSE;
    }
  close (fd);

  if (!gk_export_xlsx_write (tmp_path, reports, &error))
    err_printf ("%s: %s\n", g_get_prgname (), error->message);
  else if (output_path != NULL)
    {
      g_autoptr(GFile) source = g_file_new_for_path (tmp_path);
      g_autoptr(GFile) target = g_file_new_for_commandline_arg (output_path);

      /* A copy, not a move: the temporary file is private to its owner,
       * the workbook gets the permissions of any new file. */
      /* Never uploaded (GVfs would): a URL is refused as an input is. */
      if (!g_file_has_uri_scheme (target, "file"))
        {
          g_autofree char *display = g_filename_display_name (output_path);
          print_input_error (display, _("this is not a file on this computer; Gongkai works offline: write the workbook to a file here"));
          ok = FALSE;
        }
      else if (!(ok = g_file_copy (source, target, G_FILE_COPY_OVERWRITE | G_FILE_COPY_TARGET_DEFAULT_PERMS,
                                   NULL, NULL, NULL, &error)))
        {
          g_autofree char *display = g_filename_display_name (output_path);
          print_input_error (display, describe_io_error (error));
        }
    }
  else
    {
      g_autofree char *contents = NULL;
      gsize length;

      ok = g_file_get_contents (tmp_path, &contents, &length, &error);
      if (!ok)
        err_printf ("%s: %s\n", g_get_prgname (), error->message);
      else
        fwrite (contents, 1, length, stdout);
    }

  g_unlink (tmp_path);
  return ok;
}

static ExitStatus
run_export (char   **files,
            Format   format)
{
  g_autoptr(GPtrArray) reports = NULL;
  ExitStatus status = EXIT_CLEAN;
  Output output;

  /* A workbook on a terminal is garbage on the screen. */
  if (format == FORMAT_XLSX && opt_output == NULL && isatty (STDOUT_FILENO))
    {
      print_usage_error (_("an XLSX workbook is binary: give --output FILE, or redirect standard output"));
      return EXIT_BAD_INPUT;
    }

  if (opt_library)
    return export_library (format);
  else if (format == FORMAT_CSV || format == FORMAT_INDICATORS)
    {
      if (!output_open (&output, opt_output))
        return EXIT_BAD_INPUT;
      status = export_streaming (files, format, &output);
      return output_close (&output) ? status : EXIT_BAD_INPUT;
    }
  else
    reports = load_reports (files, &status);

  if (format == FORMAT_XLSX)
    return export_xlsx (reports, opt_output) ? status : EXIT_BAD_INPUT;

  if (!output_open (&output, opt_output))
    return EXIT_BAD_INPUT;
  export_text (reports, format, &output);
  return output_close (&output) ? status : EXIT_BAD_INPUT;
}

/* ---- The check sheet ------------------------------------------------------ */

/* One report's printable check sheet, a PDF: to --output, to standard
 * output for "-o -", or else to "<agency>-<year>-check-sheet.pdf" in the
 * current folder, whose name is then printed. */
static ExitStatus
run_sheet (const char *file)
{
  g_autofree char *name = input_name (file);
  g_autofree char *target = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = NULL;
  gboolean to_stdout = g_strcmp0 (opt_output, "-") == 0;

  /* A PDF on a terminal is garbage on the screen. */
  if (to_stdout && isatty (STDOUT_FILENO))
    {
      print_usage_error (_("a PDF is binary: give --output FILE, or redirect standard output"));
      return EXIT_BAD_INPUT;
    }

  report = load_report (file, name, &error);
  if (report == NULL)
    {
      print_input_error (name, error->message);
      return EXIT_BAD_INPUT;
    }

  if (to_stdout)
    {
      /* A sheet is some hundred kB: made in memory, then written out. */
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
      g_autoptr(GBytes) bytes = NULL;

      if (!gk_check_sheet_write_pdf (report, out, 0, 0, NULL, &error)
          || !g_output_stream_close (out, NULL, &error))
        {
          err_printf ("%s: %s\n", g_get_prgname (), error->message);
          return EXIT_BAD_INPUT;
        }
      bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
      fwrite (g_bytes_get_data (bytes, NULL), 1, g_bytes_get_size (bytes), stdout);
      return EXIT_CLEAN;
    }

  target = opt_output != NULL ? g_strdup (opt_output) : gk_check_sheet_default_name (report);
  {
    g_autoptr(GFile) gfile = g_file_new_for_commandline_arg (target);

    if (!gk_check_sheet_write_pdf_file (report, gfile, 0, 0, NULL, &error))
      {
        g_autofree char *display = g_filename_display_name (target);

        print_input_error (display, describe_io_error (error));
        return EXIT_BAD_INPUT;
      }
  }

  /* Without --output the name was made up: say what it is. */
  if (opt_output == NULL)
    {
      g_autofree char *display = g_filename_display_name (target);

      out_printf ("%s\n", display);
    }
  return EXIT_CLEAN;
}

static void
print_usage_error (const char *message)
{
  /* Translators: %s is the program's name */
  g_autofree char *hint = g_strdup_printf (_("Try “%s --help” for more information."), g_get_prgname ());

  err_printf ("%s: %s\n%s\n", g_get_prgname (), message, hint);
}

static const char *
locale_dir (void)
{
  const char *dir = g_getenv ("GK_LOCALEDIR");

  /* The tests point this at the build's po/ directory, so translations
   * work uninstalled. */
  if (dir != NULL && *dir != '\0')
    return dir;
  return LOCALEDIR;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *command_name;
  Command command;
  Format format = FORMAT_CSV;
  ExitStatus status;
  int n_args;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("gongkai-cli");

  /* Translators: the arguments in the --help usage line */
  context = g_option_context_new (_("COMMAND FILE…"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, option_entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Read and check annual reports on government information disclosure "
      "(政府信息公开工作年度报告).\n"
      "\n"
      "Commands:\n"
      "  parse FILE…                 print the reports as JSON: metadata, sections, cells, findings\n"
      "  check FILE…                 print the findings of the consistency checks, within\n"
      "                              each report and between reports of one agency\n"
      "  export [--format F] FILE…   export the reports: “csv”, every cell of every table,\n"
      "                              one per line; “indicators”, a line of indicators per\n"
      "                              report; “json”, everything; “xlsx”, an Excel workbook\n"
      "  export [--format F] --library [--output FILE]\n"
      "                              export the app’s library, the versions that count\n"
      "  sheet FILE [--output OUT.pdf]\n"
      "                              write the printable check sheet of a report, a PDF:\n"
      "                              its tables with the failed cells marked, and the\n"
      "                              findings; by default to AGENCY-YEAR-check-sheet.pdf\n"
      "\n"
      "“-” in place of a file reads standard input."));
  g_option_context_set_description (context,
    _("Exit status: 0 when every file was read and no check failed, 1 when a "
      "check failed in a report (check only), 2 when a file could not be read "
      "or the command line is wrong."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      print_usage_error (error->message);
      return EXIT_BAD_INPUT;
    }

  gk_parse_limits_init (&limits);
  if (opt_max_size != -1)
    {
      if (opt_max_size < 1 || opt_max_size > MAX_SIZE_CEILING_MB)
        {
          g_autofree char *message = g_strdup_printf (_("--max-size takes a number of megabytes from 1 to %d"),
                                                      MAX_SIZE_CEILING_MB);
          print_usage_error (message);
          return EXIT_BAD_INPUT;
        }
      limits.max_size = (guint64) opt_max_size * 1024 * 1024;
    }

  if (opt_version)
    {
      out_printf ("%s %s\n", g_get_prgname (), PACKAGE_VERSION);
      return EXIT_CLEAN;
    }

  n_args = opt_args != NULL ? (int) g_strv_length (opt_args) : 0;
  if (n_args == 0)
    {
      print_usage_error (_("no command given"));
      return EXIT_BAD_INPUT;
    }

  command_name = opt_args[0];
  if (strcmp (command_name, "parse") == 0)
    command = COMMAND_PARSE;
  else if (strcmp (command_name, "check") == 0)
    command = COMMAND_CHECK;
  else if (strcmp (command_name, "export") == 0)
    command = COMMAND_EXPORT;
  else if (strcmp (command_name, "sheet") == 0)
    command = COMMAND_SHEET;
  else if (strcmp (command_name, "help") == 0)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      out_printf ("%s", help);
      return EXIT_CLEAN;
    }
  else
    {
      g_autofree char *display = g_filename_display_name (command_name);
      g_autofree char *message = g_strdup_printf (_("unknown command “%s”"), display);
      print_usage_error (message);
      return EXIT_BAD_INPUT;
    }

  if (command != COMMAND_EXPORT && (opt_format != NULL || opt_library))
    {
      /* Translators: the options are keywords */
      print_usage_error (_("--format and --library only apply to export"));
      return EXIT_BAD_INPUT;
    }
  if (command != COMMAND_EXPORT && command != COMMAND_SHEET && opt_output != NULL)
    {
      /* Translators: the option and the commands are keywords */
      print_usage_error (_("--output only applies to export and sheet"));
      return EXIT_BAD_INPUT;
    }
  if (command == COMMAND_SHEET && n_args > 2)
    {
      print_usage_error (_("sheet writes the check sheet of one report: give one file"));
      return EXIT_BAD_INPUT;
    }
  if (opt_format != NULL)
    {
      guint i;

      for (i = 0; i < G_N_ELEMENTS (format_names); i++)
        if (g_ascii_strcasecmp (opt_format, format_names[i]) == 0)
          break;
      if (i == G_N_ELEMENTS (format_names))
        {
          g_autofree char *display = g_filename_display_name (opt_format);
          g_autofree char *message = NULL;

          /* Translators: the words in quotes are keywords */
          message = g_strdup_printf (_("unknown export format “%s”; the formats are “csv”, “indicators”, “json” and “xlsx”"),
                                     display);
          print_usage_error (message);
          return EXIT_BAD_INPUT;
        }
      format = (Format) i;
    }

  if (opt_library && n_args > 1)
    {
      print_usage_error (_("--library exports the library: give no files with it"));
      return EXIT_BAD_INPUT;
    }
  if (!opt_library && n_args < 2)
    {
      print_usage_error (_("no file given"));
      return EXIT_BAD_INPUT;
    }

  switch (command)
    {
    case COMMAND_PARSE:
      status = run_parse (opt_args + 1);
      break;
    case COMMAND_CHECK:
      status = run_check (opt_args + 1);
      break;
    case COMMAND_SHEET:
      status = run_sheet (opt_args[1]);
      break;
    case COMMAND_EXPORT:
    default:
      status = run_export (opt_args + 1, format);
      break;
    }

  g_clear_pointer (&opt_args, g_strfreev);
  g_clear_pointer (&opt_format, g_free);
  g_clear_pointer (&opt_output, g_free);

  if (fflush (stdout) != 0 || ferror (stdout))
    {
      err_printf ("%s: %s\n", g_get_prgname (), _("the output could not be written"));
      return EXIT_BAD_INPUT;
    }

  return status;
}
