/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-window-dnd.c: files and folders dropped onto the window. */

#define G_LOG_DOMAIN "gk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "gk-window-private.h"

/* Drops are refused while an import runs: the pointer shows it, and the
 * files are not silently queued. */
static gboolean
drop_accept_cb (GtkDropTarget *target,
                GdkDrop       *drop,
                GkWindow      *self)
{
  if (gk_window_is_importing (self))
    return FALSE;
  return gdk_content_formats_contain_gtype (gdk_drop_get_formats (drop), GDK_TYPE_FILE_LIST);
}

static GdkDragAction
drop_enter_cb (GtkDropTarget *target,
               double         x,
               double         y,
               GkWindow      *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self->main_stack), "drop-highlight");
  return GDK_ACTION_COPY;
}

static void
drop_leave_cb (GtkDropTarget *target,
               GkWindow      *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->main_stack), "drop-highlight");
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GkWindow      *self)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_remove_css_class (GTK_WIDGET (self->main_stack), "drop-highlight");

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  if (gk_window_is_importing (self))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("An import is running: wait for it or cancel it first")));
      return FALSE;
    }

  for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
    g_ptr_array_add (files, g_object_ref (l->data));

  gk_window_import_files (self, files);
  return TRUE;
}

void
_gk_window_dnd_init (GkWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "accept", G_CALLBACK (drop_accept_cb), self);
  g_signal_connect (target, "enter", G_CALLBACK (drop_enter_cb), self);
  g_signal_connect (target, "leave", G_CALLBACK (drop_leave_cb), self);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
