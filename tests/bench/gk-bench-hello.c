/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-bench-hello: the floor under build-aux/bench app's "start to first
 * frame".  A libadwaita window with a header bar and a status page, and
 * nothing of Gongkai, timed as the app times itself (gk-application.c):
 * from the process's start as the kernel records it to the first frame
 * clock "after-paint" of its window.  What the toolkit, the display
 * server and the GL driver cost before an app can draw anything is this
 * figure; the app's own start-up is the difference. */

#include <adwaita.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double
ms_since_process_start (void)
{
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
}

static void
after_paint_cb (GdkFrameClock *clock,
                GApplication  *app)
{
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, app);
  g_print ("first-frame-ms %.0f\n", ms_since_process_start ());
  fflush (stdout);
  g_application_quit (app);
}

static void
realized_cb (GtkWidget    *window,
             GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb), app);
}

static void
activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_title (ADW_STATUS_PAGE (page), "Hello");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "document-open-symbolic");
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), page);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  g_signal_connect_after (window, "realize", G_CALLBACK (realized_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.gongkai.BenchHello",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
