/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "gk-chart-export-dialog.h"
#include "gk-chart-size.h"

/* Export Chart: a size (a preset, or any width and height), then a file
 * whose type (PNG, SVG, PDF) follows the filter or the extension.  The
 * size is in pixels for PNG and SVG and in points for PDF, the units the
 * shared render function draws in. */

/* The last size chosen, offered again in this session. */
static int last_width = GK_CHART_SIZE_DEFAULT_WIDTH;
static int last_height = GK_CHART_SIZE_DEFAULT_HEIGHT;

typedef struct
{
  GtkWindow       *parent;
  GkTrendChart    *chart;
  AdwToastOverlay *toasts;
  GtkWidget       *presets;
  GtkSpinButton   *width;
  GtkSpinButton   *height;
  gboolean         updating;
} Export;

static void
export_free (gpointer data)
{
  Export *export = data;

  g_object_unref (export->parent);
  g_object_unref (export->chart);
  g_object_unref (export->toasts);
  g_free (export);
}

static void
show_error (Export     *export,
            const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (export->parent, _("The Chart Could Not Be Exported"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_file_cb (AdwToast  *toast,
              GtkWindow *parent)
{
  GFile *file = g_object_get_data (G_OBJECT (toast), "file");
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     Export          *export)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
      const char *extension = filter ? g_object_get_data (G_OBJECT (filter), "extension") : NULL;
      g_autofree char *lower = g_ascii_strdown (path ? path : "", -1);
      g_autoptr(GError) error = NULL;

      /* The chosen filter decides the format when the name says nothing. */
      if (path != NULL && extension != NULL
          && !g_str_has_suffix (lower, ".png") && !g_str_has_suffix (lower, ".svg")
          && !g_str_has_suffix (lower, ".pdf"))
        {
          char *with_extension = g_strconcat (path, extension, NULL);

          g_free (path);
          path = with_extension;
        }

      if (path == NULL)
        show_error (export, _("The chart can only be saved to a local file: choose a folder on this computer."));
      else if (!gk_trend_chart_export (export->chart, path, last_width, last_height, &error))
        show_error (export, error->message);
      else
        {
          g_autofree char *name = g_path_get_basename (path);
          /* Translators: a toast: the file's name and the chart's size */
          g_autofree char *message = g_strdup_printf (_("Chart saved as “%s” (%d × %d)"),
                                                      name, last_width, last_height);
          AdwToast *toast = adw_toast_new (message);

          adw_toast_set_button_label (toast, _("_Open"));
          g_object_set_data_full (G_OBJECT (toast), "file", g_file_new_for_path (path), g_object_unref);
          g_signal_connect_object (toast, "button-clicked", G_CALLBACK (open_file_cb), export->parent, 0);
          adw_toast_overlay_add_toast (export->toasts, toast);
        }
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  export_free (export);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type,
            const char     *extension)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  g_object_set_data (G_OBJECT (filter), "extension", (gpointer) extension);
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);
}

static void
choose_file (Export *export)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Chart"), export->parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (chooser), _("PNG Image"), "image/png", ".png");
  add_filter (GTK_FILE_CHOOSER (chooser), _("SVG Image"), "image/svg+xml", ".svg");
  add_filter (GTK_FILE_CHOOSER (chooser), _("PDF Document"), "application/pdf", ".pdf");
  /* Translators: the default file name of an exported chart */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("chart.png"));
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
size_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  Export           *export)
{
  g_autoptr(GError) error = NULL;
  int width = gtk_spin_button_get_value_as_int (export->width);
  int height = gtk_spin_button_get_value_as_int (export->height);

  if (g_strcmp0 (response, "choose") != 0)
    {
      export_free (export);
      return;
    }

  if (!gk_chart_size_check (width, height, &error))
    {
      show_error (export, error->message);
      export_free (export);
      return;
    }

  last_width = width;
  last_height = height;
  choose_file (export);
}

static void
preset_selected_cb (GtkDropDown *presets,
                    GParamSpec  *pspec,
                    Export      *export)
{
  const GkChartSizePreset *list;
  guint n, selected = gtk_drop_down_get_selected (presets);

  list = gk_chart_size_presets (&n);
  if (selected >= n)
    return;  /* "Custom": the spin buttons say */

  export->updating = TRUE;
  gtk_spin_button_set_value (export->width, list[selected].width);
  gtk_spin_button_set_value (export->height, list[selected].height);
  export->updating = FALSE;
}

/* Editing a side by hand makes the size a custom one. */
static void
side_changed_cb (GtkSpinButton *spin,
                 Export        *export)
{
  const GkChartSizePreset *list;
  int width = gtk_spin_button_get_value_as_int (export->width);
  int height = gtk_spin_button_get_value_as_int (export->height);
  guint n, i;

  if (export->updating)
    return;
  list = gk_chart_size_presets (&n);
  for (i = 0; i < n; i++)
    if (list[i].width == width && list[i].height == height)
      break;
  g_signal_handlers_block_by_func (export->presets, preset_selected_cb, export);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (export->presets), i);
  g_signal_handlers_unblock_by_func (export->presets, preset_selected_cb, export);
}

static GtkSpinButton *
side_spin (const char *accessible_label,
           int         value)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (GK_CHART_SIZE_MIN, GK_CHART_SIZE_MAX, 10);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 0);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 5);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  return GTK_SPIN_BUTTON (spin);
}

/**
 * gk_chart_export_dialog_present:
 * @toasts: where to say the chart was saved
 *
 * Asks for the size of the exported chart, then for the file, and exports
 * @chart there.
 */
void
gk_chart_export_dialog_present (GtkWindow       *parent,
                                GkTrendChart    *chart,
                                AdwToastOverlay *toasts)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const GkChartSizePreset *list;
  Export *export;
  GtkWidget *dialog, *box, *sides, *times;
  guint n;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (GK_IS_TREND_CHART (chart));
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (toasts));

  export = g_new0 (Export, 1);
  export->parent = g_object_ref (parent);
  export->chart = g_object_ref (chart);
  export->toasts = g_object_ref (toasts);

  list = gk_chart_size_presets (&n);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (labels, _(list[i].label));
  /* Translators: the last choice of the chart sizes: the width and the
   * height typed in */
  gtk_string_list_append (labels, _("Custom size"));

  dialog = adw_message_dialog_new (parent, _("Export Chart"),
                                   _("The size of the image: pixels for PNG and SVG, points for PDF "
                                     "(A4 is 842 × 595 points)."));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  export->presets = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (export->presets), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Size"), -1);
  gtk_box_append (GTK_BOX (box), export->presets);

  sides = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (sides, GTK_ALIGN_CENTER);
  export->width = side_spin (_("Width"), last_width);
  export->height = side_spin (_("Height"), last_height);
  times = gtk_label_new ("×");
  gtk_box_append (GTK_BOX (sides), GTK_WIDGET (export->width));
  gtk_box_append (GTK_BOX (sides), times);
  gtk_box_append (GTK_BOX (sides), GTK_WIDGET (export->height));
  gtk_box_append (GTK_BOX (box), sides);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  side_changed_cb (export->width, export);
  g_signal_connect (export->presets, "notify::selected", G_CALLBACK (preset_selected_cb), export);
  g_signal_connect (export->width, "value-changed", G_CALLBACK (side_changed_cb), export);
  g_signal_connect (export->height, "value-changed", G_CALLBACK (side_changed_cb), export);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "choose", _("_Choose File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "choose", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "choose");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (size_response_cb), export);
  gtk_window_present (GTK_WINDOW (dialog));
}
