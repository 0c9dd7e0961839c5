/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-application"

#include "config.h"

#include <glib/gi18n.h>

#include "gk-application.h"
#include "gk-window.h"

/* The application: one window, which every file the desktop hands us
 * (double-click, "Open With", a second `gongkai FILE`) is imported into. */
struct _GkApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (GkApplication, gk_application, ADW_TYPE_APPLICATION)

static GkWindow *
get_window (GkApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (gk_window_new (self));
  return GK_WINDOW (window);
}

static void
gk_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_window (GK_APPLICATION (app))));
}

static void
gk_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  GkWindow *window = get_window (GK_APPLICATION (app));
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);

  for (int i = 0; i < n_files; i++)
    g_ptr_array_add (list, g_object_ref (files[i]));

  gtk_window_present (GTK_WINDOW (window));
  gk_window_import_files (window, list);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GkApplication *self = user_data;
  static const char *developers[] = { "The Gongkai developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Gongkai"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Gongkai developers"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/gongkai/gongkai",
                        "issue-url", "https://github.com/gongkai/gongkai/issues",
                        "comments", _("Read, check and compare annual reports on government information disclosure."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GkApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing the window lets it cancel an import and save its state. */
  for (GList *l = windows; l != NULL; )
    {
      GList *next = l->next;
      gtk_window_close (GTK_WINDOW (l->data));
      l = next;
    }
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
};

static void
gk_application_startup (GApplication *app)
{
  GkApplication *self = GK_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *export_accels[] = { "<Control>e", NULL };

  G_APPLICATION_CLASS (gk_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.export-chart", export_accels);
}

static void
gk_application_class_init (GkApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = gk_application_activate;
  app_class->open = gk_application_open;
  app_class->startup = gk_application_startup;
}

static void
gk_application_init (GkApplication *self)
{
}

GkApplication *
gk_application_new (void)
{
  return g_object_new (GK_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/gongkai/Gongkai",
                       NULL);
}
