/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "gk-export-dialog.h"

/* Export Library: a format to pick, then a file, then the export in a
 * thread with its progress here, since an export of thousands of reports
 * takes a while.  The reports are loaded from the store in that thread an
 * agency at a time (gk_library_export_write()), exactly as `gongkai-cli
 * export --library` writes them, so the two files are the same. */

struct _GkExportDialog
{
  AdwWindow              parent_instance;

  GkStore               *store;
  guint                  n_reports;
  GkLibraryExportFormat  format;
  GCancellable          *cancellable;  /* while exporting */

  GtkWidget             *stack;
  GtkWidget             *export_button;
  GtkWidget             *checks[4];
  GtkWidget             *progress_bar;
  GtkWidget             *progress_label;
};

G_DEFINE_FINAL_TYPE (GkExportDialog, gk_export_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  const char *title;
  const char *subtitle;
} FormatInfo;

static FormatInfo
format_info (GkLibraryExportFormat format)
{
  switch (format)
    {
    case GK_LIBRARY_EXPORT_CSV:
      return (FormatInfo) { _("Every Cell (CSV)"),
                            _("One line per cell of tables 2, 3 and 4, for R, pandas or a spreadsheet") };
    case GK_LIBRARY_EXPORT_INDICATORS:
      return (FormatInfo) { _("Indicators (CSV)"),
                            _("One line per report, one column per indicator") };
    case GK_LIBRARY_EXPORT_XLSX:
      return (FormatInfo) { _("Workbook (XLSX)"),
                            _("A sheet per table, the indicators and the findings, with Chinese headers") };
    case GK_LIBRARY_EXPORT_JSON:
    default:
      return (FormatInfo) { _("Everything (JSON)"),
                            _("Metadata, sections, cells, findings with their verdicts, and indicators") };
    }
}

/* ---- The export, in a thread ------------------------------------------- */

typedef struct
{
  GkStore               *store;
  GkLibraryExportFormat  format;
  GFile                 *file;
  guint                  n_reports;
  GWeakRef               dialog;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_object_unref (job->store);
  g_object_unref (job->file);
  g_weak_ref_clear (&job->dialog);
  g_free (job);
}

typedef struct
{
  GWeakRef dialog;
  guint    done;
  guint    total;
} Progress;

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_weak_ref_clear (&progress->dialog);
  g_free (progress);
}

static gboolean
show_progress_cb (gpointer data)
{
  Progress *progress = data;
  g_autoptr(GkExportDialog) self = g_weak_ref_get (&progress->dialog);

  if (self != NULL && progress->total > 0)
    {
      /* Translators: the progress of Export Library */
      g_autofree char *text = g_strdup_printf (_("Exported %u of %u reports"), progress->done, progress->total);

      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar),
                                     (double) progress->done / progress->total);
      gtk_label_set_label (GTK_LABEL (self->progress_label), text);
    }
  return G_SOURCE_REMOVE;
}

/* Called in the export's thread after each report. */
static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  ExportJob *job = user_data;
  g_autoptr(GObject) dialog = g_weak_ref_get (&job->dialog);
  Progress *progress;

  /* The dialog is only ever touched in the main thread: here it is held
   * weakly, so that closing it while the export runs is safe. */
  if (dialog == NULL)
    return;
  progress = g_new0 (Progress, 1);
  g_weak_ref_init (&progress->dialog, dialog);
  progress->done = done;
  progress->total = total;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, show_progress_cb, progress, progress_free);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  if (gk_library_export_to_file (job->store, job->format, job->file, progress_cb, job,
                                 &job->n_reports, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
show_error (GkExportDialog *self,
            GFile          *file,
            const GError   *error)
{
  g_autofree char *name = g_file_get_parse_name (file);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("The Library Could Not Be Exported"),
                                                       NULL));
  /* Translators: the file, then what went wrong */
  adw_message_dialog_format_body (dialog, _("Writing “%s” failed: %s"), name, error->message);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GkExportDialog *self = GK_EXPORT_DIALOG (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->cancellable);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_window_destroy (GTK_WINDOW (self));
          return;
        }
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "choose");
      gtk_widget_set_sensitive (self->export_button, TRUE);
      show_error (self, job->file, error);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_EXPORTED], 0, job->n_reports, job->file);
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * gk_export_dialog_export_to:
 *
 * Exports the library in the chosen format into @file, in a thread,
 * showing the progress; emits ::exported and closes when done.  The file
 * chooser calls it; so can a test.
 */
void
gk_export_dialog_export_to (GkExportDialog *self,
                            GFile          *file)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (GK_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->cancellable == NULL);

  job = g_new0 (ExportJob, 1);
  job->store = g_object_ref (self->store);
  job->format = self->format;
  job->file = g_object_ref (file);
  g_weak_ref_init (&job->dialog, self);

  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), 0);
  gtk_label_set_label (GTK_LABEL (self->progress_label), _("Reading the library…"));
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "progress");
  gtk_widget_set_sensitive (self->export_button, FALSE);

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, export_done_cb, NULL);
  g_task_set_source_tag (task, gk_export_dialog_export_to);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

/* ---- Choosing ----------------------------------------------------------- */

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     GkExportDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        gk_export_dialog_export_to (self, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
export_clicked_cb (GkExportDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  const char *extension = gk_library_export_format_extension (self->format);

  chooser = gtk_file_chooser_native_new (_("Export Library"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Translators: the default file name of Export Library, without its
   * extension; keep it a valid file name */
  name = g_strdup_printf ("%s.%s",
                          self->format == GK_LIBRARY_EXPORT_INDICATORS ? _("gongkai-indicators") : _("gongkai-library"),
                          extension);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
format_toggled_cb (GtkCheckButton *check,
                   GkExportDialog *self)
{
  if (!gtk_check_button_get_active (check))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (self->checks); i++)
    if (GTK_WIDGET (check) == self->checks[i])
      self->format = (GkLibraryExportFormat) i;
}

static gboolean
close_request_cb (GkExportDialog *self)
{
  /* Closing while exporting cancels; the export's end closes the window,
   * and the half-written file is never put in place. */
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }
  return FALSE;
}

static void
cancel_clicked_cb (GkExportDialog *self)
{
  if (!close_request_cb (self))
    gtk_window_destroy (GTK_WINDOW (self));
}

GkLibraryExportFormat
gk_export_dialog_get_format (GkExportDialog *self)
{
  g_return_val_if_fail (GK_IS_EXPORT_DIALOG (self), GK_LIBRARY_EXPORT_CSV);
  return self->format;
}

void
gk_export_dialog_set_format (GkExportDialog        *self,
                             GkLibraryExportFormat  format)
{
  g_return_if_fail (GK_IS_EXPORT_DIALOG (self));
  g_return_if_fail ((guint) format < G_N_ELEMENTS (self->checks));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->checks[format]), TRUE);
  self->format = format;
}

static void
gk_export_dialog_dispose (GObject *object)
{
  GkExportDialog *self = GK_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (gk_export_dialog_parent_class)->dispose (object);
}

static void
gk_export_dialog_class_init (GkExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gk_export_dialog_dispose;

  /**
   * GkExportDialog::exported:
   * @n_reports: how many reports the file holds
   * @file: the file written
   */
  signals[SIGNAL_EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_FILE);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gk_export_dialog_init (GkExportDialog *self)
{
  GtkWidget *box, *header, *cancel, *page, *group, *progress_box, *title;

  gtk_window_set_title (GTK_WINDOW (self), _("Export Library"));
  gtk_window_set_default_size (GTK_WINDOW (self), 520, -1);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  adw_window_set_content (ADW_WINDOW (self), box);

  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  title = adw_window_title_new (_("Export Library"), NULL);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_box_append (GTK_BOX (box), header);

  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (cancel_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);

  self->export_button = gtk_button_new_with_mnemonic (_("_Export…"));
  gtk_widget_add_css_class (self->export_button, "suggested-action");
  gtk_widget_set_tooltip_text (self->export_button, _("Choose where to save the export"));
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (export_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->export_button);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->export_button);

  self->stack = gtk_stack_new ();
  gtk_stack_set_transition_type (GTK_STACK (self->stack), GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_box_append (GTK_BOX (box), self->stack);

  /* The formats, as radio rows. */
  page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 18);
  gtk_widget_set_margin_start (page, 18);
  gtk_widget_set_margin_end (page, 18);
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Format"));
  gtk_box_append (GTK_BOX (page), group);

  for (guint i = 0; i < G_N_ELEMENTS (self->checks); i++)
    {
      FormatInfo info = format_info ((GkLibraryExportFormat) i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info.title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), info.subtitle);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (i > 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (self->checks[0]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, info.title, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect (check, "toggled", G_CALLBACK (format_toggled_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      self->checks[i] = check;
    }
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->checks[GK_LIBRARY_EXPORT_XLSX]), TRUE);
  self->format = GK_LIBRARY_EXPORT_XLSX;
  gtk_stack_add_named (GTK_STACK (self->stack), page, "choose");

  /* The progress. */
  progress_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_valign (progress_box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (progress_box, 24);
  gtk_widget_set_margin_end (progress_box, 24);
  self->progress_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->progress_label), TRUE);
  self->progress_bar = gtk_progress_bar_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Export progress"), -1);
  gtk_box_append (GTK_BOX (progress_box), self->progress_label);
  gtk_box_append (GTK_BOX (progress_box), self->progress_bar);
  gtk_stack_add_named (GTK_STACK (self->stack), progress_box, "progress");
}

/**
 * gk_export_dialog_new:
 * @store: the library's store, read in a thread
 * @n_reports: how many reports the library shows, for the subtitle
 */
GkExportDialog *
gk_export_dialog_new (GtkWindow *parent,
                      GkStore   *store,
                      guint      n_reports)
{
  GkExportDialog *self;
  g_autofree char *subtitle = NULL;
  GtkWidget *header, *title;

  g_return_val_if_fail (GK_IS_STORE (store), NULL);

  self = g_object_new (GK_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->n_reports = n_reports;

  /* The window title's subtitle says what goes out. */
  header = gtk_widget_get_first_child (adw_window_get_content (ADW_WINDOW (self)));
  title = adw_header_bar_get_title_widget (ADW_HEADER_BAR (header));
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u report, the versions that count",
                                           "%u reports, the versions that count", n_reports),
                              n_reports);
  adw_window_title_set_subtitle (ADW_WINDOW_TITLE (title), subtitle);

  return self;
}
