/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-application"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gk-application.h"
#include "gk-window.h"

/* The application: one window, which every file the desktop hands us
 * (double-click, "Open With", a second `gongkai FILE`) is imported into. */
struct _GkApplication
{
  AdwApplication parent_instance;

  /* The benchmark hook below: when the application was made, and whether
   * the first frame is being watched. */
  gint64         bench_init_time;
  gboolean       bench_watching;
};

G_DEFINE_FINAL_TYPE (GkApplication, gk_application, ADW_TYPE_APPLICATION)

/* ---- Benchmark hook: start to first frame (build-aux/bench app) -------
 *
 * Only when the environment variable GK_BENCH_FIRST_FRAME is set: once the
 * window is realized, waits for its frame clock's first "after-paint",
 * prints "first-frame-ms N" on stdout.  N counts from the
 * process's start as the kernel records it (/proc/self/stat, field 22, in
 * clock ticks of 10 ms since boot), so it includes exec, loading the shared
 * libraries and everything before main(), which a timestamp taken in
 * main() or here would miss; the tick rounds the start down, so N is at
 * most one tick too long.  A second line, "first-frame-init-ms N", counts
 * from gk_application_init() instead, to the microsecond, and stands in
 * for N where /proc is missing.  Then, since the window reads the library
 * only once it is on the screen, "library-shown-ms" and
 * "library-shown-init-ms" time the frame that first shows the library,
 * and the app quits.  Without the variable none of this runs. */

/* Milliseconds since the process started, or -1 when unknown. */
static double
bench_ms_since_process_start (void)
{
#ifdef __linux__
  g_autofree char *contents = NULL;
  const char *fields;
  char **tokens;
  guint64 start_ticks = 0;
  gboolean found = FALSE;
  long ticks_per_second = sysconf (_SC_CLK_TCK);
  struct timespec now;

  if (ticks_per_second <= 0
      || !g_file_get_contents ("/proc/self/stat", &contents, NULL, NULL)
      || clock_gettime (CLOCK_BOOTTIME, &now) != 0)
    return -1;

  /* Field 2, the command in parentheses, may hold spaces: count the
   * fields from the last ')'.  starttime is field 22, the 20th after it. */
  fields = strrchr (contents, ')');
  if (fields == NULL)
    return -1;
  tokens = g_strsplit (fields + 1, " ", 0);
  if (g_strv_length (tokens) > 20)
    found = g_ascii_string_to_unsigned (tokens[20], 10, 0, G_MAXUINT64, &start_ticks, NULL);
  g_strfreev (tokens);
  if (!found)
    return -1;

  return (now.tv_sec + now.tv_nsec / 1e9 - (double) start_ticks / ticks_per_second) * 1e3;
#else
  return -1;
#endif
}

static void
bench_print (GkApplication *self,
             const char    *what)
{
  double since_start = bench_ms_since_process_start ();
  double since_init = (g_get_monotonic_time () - self->bench_init_time) / 1e3;

  g_print ("%s-ms %.0f\n", what, since_start >= 0 ? since_start : since_init);
  g_print ("%s-init-ms %.1f\n", what, since_init);
  fflush (stdout);
}

static void
bench_library_painted_cb (GdkFrameClock *clock,
                          GkApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, bench_library_painted_cb, self);
  bench_print (self, "library-shown");
  g_application_quit (G_APPLICATION (self));
}

/* The library is read, and its agencies are in the window's list: the
 * frame after that is the one that shows them. */
static void
bench_loading_cb (GkWindow      *window,
                  GParamSpec    *pspec,
                  GkApplication *self)
{
  if (gk_window_is_loading (window))
    return;
  g_signal_handlers_disconnect_by_func (window, bench_loading_cb, self);
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                           G_CALLBACK (bench_library_painted_cb), self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (window));
}

static void
bench_after_paint_cb (GdkFrameClock *clock,
                      GkApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  g_signal_handlers_disconnect_by_func (clock, bench_after_paint_cb, self);
  bench_print (self, "first-frame");

  /* Then, since the library is read after the first frame, the time
   * until it is on the screen too, and the memory that takes. */
  if (GK_IS_WINDOW (window) && gk_window_is_loading (GK_WINDOW (window)))
    {
      g_signal_connect_object (window, "notify::loading", G_CALLBACK (bench_loading_cb), self, 0);
      return;
    }
  bench_print (self, "library-shown");
  g_application_quit (G_APPLICATION (self));
}

static void
bench_window_realized_cb (GtkWidget     *window,
                          GkApplication *self)
{
  g_signal_handlers_disconnect_by_func (window, bench_window_realized_cb, self);
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (bench_after_paint_cb), self, 0);
}

static void
bench_watch_first_frame (GkApplication *self,
                         GtkWindow     *window)
{
  if (self->bench_watching || g_getenv ("GK_BENCH_FIRST_FRAME") == NULL)
    return;
  self->bench_watching = TRUE;

  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    bench_window_realized_cb (GTK_WIDGET (window), self);
  else
    g_signal_connect_after (window, "realize", G_CALLBACK (bench_window_realized_cb), self);
}

/* ---- End of the benchmark hook ----------------------------------------- */

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
  GkWindow *window = get_window (GK_APPLICATION (app));

  bench_watch_first_frame (GK_APPLICATION (app), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
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
  self->bench_init_time = g_get_monotonic_time ();
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
