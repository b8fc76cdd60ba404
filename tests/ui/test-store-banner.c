/* test-store-banner.c — the main window's banner when the PostgreSQL server goes away
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under pg-harness.sh (a real server it stops and starts) and xvfb-run.sh.
 */
#include "config.h"

#include <gtk/gtk.h>

#include "ranah-application.h"
#include "ranah-screenshots.h"
#include "ranah-store-banner.h"
#include "ranah-task.h"
#include "ranah-window.h"
#include "store-fixture.h"

static void
pg_ctl (const char *verb)
{
  g_autofree char *command = g_strdup_printf ("%s %s", g_getenv ("RANAH_TEST_PG_CTL"), verb);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
count (guint *counter)
{
  (*counter)++;
}

/* Iterates the main loop for @ms milliseconds, or until @banner's shown state is @until. */
static gboolean
run_until (RanahStoreBanner *banner,
           gboolean          until,
           guint             ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      if (ranah_store_banner_is_shown (banner) == until)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
  return ranah_store_banner_is_shown (banner) == until;
}

static void
test_server_restart (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  RanahWindow *window;
  RanahStoreBanner *banner;
  GtkWidget *inbox;
  guint loads = 0;
  guint loads_before;

  store_world_submit (w, NULL, TRUE);
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  window = ranah_window_new (NULL, w->store);
  gtk_window_present (GTK_WINDOW (window));
  inbox = ranah_window_get_page (window, "inbox");
  g_signal_connect_swapped (inbox, "loaded", G_CALLBACK (count), &loads);
  ranah_task_wait_idle ();
  banner = ranah_store_banner_get_for (GTK_WIDGET (window));
  g_assert_nonnull (banner);
  ranah_store_banner_set_interval (banner, 1);
  g_assert_false (ranah_store_banner_is_shown (banner));

  /* The server goes away: the next reload fails UNAVAILABLE and the banner shows. */
  pg_ctl ("stop");
  ranah_window_reload (window);
  ranah_task_wait_idle ();
  g_assert_true (ranah_store_banner_is_shown (banner));
  if (g_getenv ("RANAH_TEST_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("RANAH_TEST_SCREENSHOT_DIR"),
                                                "store-banner.png", NULL);
      ranah_screenshots_settle (600);
      g_assert_true (ranah_screenshot_widget (GTK_WIDGET (window), path, NULL));
    }

  /* It keeps trying while the server stays down, and stays up meanwhile. */
  g_assert_false (run_until (banner, FALSE, 2500));
  g_assert_true (ranah_store_banner_is_shown (banner));

  /* The server is back: a probe gets through, the banner hides, the inbox reloads. */
  loads_before = loads;
  pg_ctl ("start");
  g_assert_true (run_until (banner, FALSE, 15000));
  ranah_task_wait_idle ();
  g_assert_cmpuint (loads, >, loads_before);

  gtk_window_destroy (GTK_WINDOW (window));
  ranah_task_wait_idle ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  ranah_ui_init ();
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/ranah/ui/store-banner/server-restart", test_server_restart);
  return g_test_run ();
}
