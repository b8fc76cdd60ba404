/* test-report-page.c — the Laporan page on a real store, under Xvfb
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page computes the same report as the store gives directly, shows it, and draws its
 * two charts; RANAH_REPORT_KEEP=DIR keeps a PNG of the page to look at.
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "ranah-application.h"
#include "ranah-chart.h"
#include "ranah-report-page.h"
#include "ranah-report-pdf.h"
#include "ranah-screenshots.h"
#include "ranah-task.h"
#include "ranah-window.h"
#include "store-fixture.h"

static void
test_page_shows_the_store (void)
{
  g_autoptr(StoreWorld) world = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahReport) direct = NULL;
  GtkWidget *window;
  GtkWidget *page;
  const RanahReport *shown;

  /* A few requests in several states, moved on the fixture's Monday. */
  store_world_request_in (world, RANAH_STATE_DONE, FALSE);
  store_world_request_in (world, RANAH_STATE_DRAFTED, TRUE);
  store_world_request_in (world, RANAH_STATE_AT_SUBKOOR, FALSE);
  store_world_request_in (world, RANAH_STATE_WITHDRAWN, FALSE);
  store_world_sign_in (world, RANAH_ROLE_ADMIN);
  /* A week later: the request at Subkoor is overdue. */
  ranah_store_set_now (world->store, world->now + 7 * 86400);

  /* Not shown, the page reads nothing; shown, it loads. */
  page = ranah_report_page_new ();
  g_object_ref_sink (page);
  ranah_report_page_set_store (RANAH_REPORT_PAGE (page), world->store);
  ranah_report_page_set_period (RANAH_REPORT_PAGE (page), "2026-01-01", "2026-12-31");
  ranah_screenshots_settle (100);
  g_assert_null (ranah_report_page_get_report (RANAH_REPORT_PAGE (page)));

  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 1400);
  adw_window_set_content (ADW_WINDOW (window), page);
  g_object_unref (page);
  gtk_window_present (GTK_WINDOW (window));
  ranah_screenshots_settle (300);

  shown = ranah_report_page_get_report (RANAH_REPORT_PAGE (page));
  g_assert_nonnull (shown);
  direct = ranah_report_from_store (world->store, "2026-01-01", "2026-12-31", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shown->from_date, ==, "2026-01-01");
  g_assert_cmpuint (shown->received, ==, 4);
  g_assert_cmpuint (shown->received, ==, direct->received);
  g_assert_cmpuint (shown->open_total, ==, direct->open_total);
  g_assert_cmpuint (shown->open_overdue, ==, 2);
  for (guint step = 1; step <= RANAH_REPORT_N_STEPS; step++)
    g_assert_cmpuint (shown->steps[step].n, ==, direct->steps[step].n);
  g_assert_cmpuint (shown->steps[2].n, ==, 3);

  /* The page as shown, to look at with RANAH_REPORT_KEEP=DIR. */
  {
    const char *keep = g_getenv ("RANAH_REPORT_KEEP");
    g_autofree char *path = g_build_filename (keep != NULL ? keep : g_get_tmp_dir (),
                                              "ranah-report-page.png", NULL);

    g_assert_true (ranah_screenshot_widget (page, path, &error));
    g_assert_no_error (error);
    if (keep == NULL)
      g_unlink (path);
  }

  /* The chart of requests per month draws the four March requests as a bar. */
  {
    const char *keep = g_getenv ("RANAH_REPORT_KEEP");
    g_autofree char *path = g_build_filename (keep != NULL ? keep : g_get_tmp_dir (),
                                              "ranah-report-months.png", NULL);
    GtkWidget *chart_window = gtk_window_new ();
    GtkWidget *chart = ranah_chart_new (RANAH_CHART_MONTHS);
    g_autoptr(GdkTexture) texture = NULL;
    g_autofree guchar *pixels = NULL;
    int w, h;
    guint blue = 0;

    gtk_window_set_default_size (GTK_WINDOW (chart_window), 500, 240);
    gtk_window_set_child (GTK_WINDOW (chart_window), chart);
    ranah_chart_set_report (RANAH_CHART (chart), shown);
    gtk_window_present (GTK_WINDOW (chart_window));
    ranah_screenshots_settle (200);
    g_assert_true (ranah_screenshot_widget (chart, path, &error));
    g_assert_no_error (error);
    texture = gdk_texture_new_from_filename (path, &error);
    g_assert_no_error (error);
    w = gdk_texture_get_width (texture);
    h = gdk_texture_get_height (texture);
    pixels = g_malloc ((gsize) w * h * 4);
    gdk_texture_download (texture, pixels, (gsize) w * 4);
    for (int i = 0; i < w * h; i++)
      {
        /* BGRA in memory: the bar colour (0.21, 0.52, 0.89). */
        int b = pixels[i * 4], g = pixels[i * 4 + 1], r = pixels[i * 4 + 2];
        if (ABS (r - 54) < 8 && ABS (g - 133) < 8 && ABS (b - 227) < 8)
          blue++;
      }
    g_assert_cmpuint (blue, >, 500);
    if (keep == NULL)
      g_unlink (path);
    gtk_window_destroy (GTK_WINDOW (chart_window));
  }

  /* Another period: the page follows. */
  ranah_report_page_set_period (RANAH_REPORT_PAGE (page), "2025-01-01", "2025-12-31");
  ranah_screenshots_settle (100);
  shown = ranah_report_page_get_report (RANAH_REPORT_PAGE (page));
  g_assert_nonnull (shown);
  g_assert_cmpuint (shown->received, ==, 0);
  g_assert_cmpuint (shown->steps[2].n, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  ranah_task_wait_idle ();
}

static void
test_escalation_notices (void)
{
  g_autoptr(StoreWorld) world = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ranah-told-XXXXXX", NULL);
  g_autofree char *told = g_build_filename (dir, "told", NULL);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) kabid = NULL;
  gint64 later = world->now + 2 * 86400;   /* Wednesday: a day past the standard */

  store_world_request_in (world, RANAH_STATE_AT_SUBKOOR, FALSE);

  store_world_sign_in (world, RANAH_ROLE_SUBKOOR);
  ranah_store_set_now (world->store, later);
  first = ranah_report_take_new_alerts (world->store, told, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_cmpint (((RanahAlert *) first->pdata[0])->kind, ==, RANAH_ALERT_BREACH);
  /* Told once: the next look finds nothing new. */
  again = ranah_report_take_new_alerts (world->store, told, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 0);

  /* Kabid, above Subkoor, hears of it on his own account. */
  store_world_sign_in (world, RANAH_ROLE_KABID);
  ranah_store_set_now (world->store, later);
  kabid = ranah_report_take_new_alerts (world->store, told, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kabid->len, ==, 1);
  g_assert_cmpint (((RanahAlert *) kabid->pdata[0])->kind, ==, RANAH_ALERT_ESCALATED);

  /* The app's path: a worker thread, the default file of told keys (in this test's own
   * XDG_STATE_HOME), then a real notification server. */
  {
    g_autofree char *state = g_build_filename (g_get_user_state_dir (), "ranah",
                                               "escalations-told", NULL);
    g_autofree char *text = NULL;

    store_world_sign_in (world, RANAH_ROLE_SUBKOOR);
    ranah_report_notify_escalations (world->store, NULL);
    ranah_task_wait_idle ();
    g_assert_true (g_file_get_contents (state, &text, NULL, NULL));
    g_assert_nonnull (strstr (text, "subkoor:"));
    g_assert_nonnull (strstr (text, ":breach"));
    g_unlink (state);
  }

  g_unlink (told);
  g_rmdir (dir);
}

static void
test_window_has_reports (void)
{
  g_autoptr(StoreWorld) world = store_world_new ();
  RanahWindow *window;
  GtkWidget *page;

  store_world_request_in (world, RANAH_STATE_AT_KABID, FALSE);

  /* Kadis finds Laporan in the sidebar; it loads when shown. */
  store_world_sign_in (world, RANAH_ROLE_KADIS);
  window = ranah_window_new (NULL, world->store);
  gtk_window_present (GTK_WINDOW (window));
  ranah_screenshots_settle (100);
  page = ranah_window_get_page (window, "report");
  g_assert_true (RANAH_IS_REPORT_PAGE (page));
  g_assert_null (ranah_report_page_get_report (RANAH_REPORT_PAGE (page)));
  ranah_window_show_page (window, "report");
  ranah_screenshots_settle (200);
  g_assert_cmpstr (ranah_window_get_visible_page (window), ==, "report");
  g_assert_nonnull (ranah_report_page_get_report (RANAH_REPORT_PAGE (page)));
  g_assert_cmpuint (ranah_report_page_get_report (RANAH_REPORT_PAGE (page))->steps[2].n, ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
  ranah_task_wait_idle ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state = g_dir_make_tmp ("ranah-state-XXXXXX", NULL);

  g_setenv ("RANAH_TEST_FAST_PWHASH", "1", TRUE);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  ranah_ui_init ();

  g_test_add_func ("/ranah/report/page/shows-the-store", test_page_shows_the_store);
  g_test_add_func ("/ranah/report/page/escalation-notices", test_escalation_notices);
  g_test_add_func ("/ranah/report/page/in-the-window", test_window_has_reports);
  {
    int status = g_test_run ();
    g_autofree char *ranah = g_build_filename (state, "ranah", NULL);

    g_rmdir (ranah);
    g_rmdir (state);
    return status;
  }
}
