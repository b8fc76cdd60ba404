/* ranah-screenshots.c — PNG screenshots of every main view, light and dark
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `ranah --screenshots DIR` drives the real windows on a demo store; the README and the
 * AppStream metadata use what it writes.
 */
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ranah-demo.h"
#include "ranah-disposition-dialog.h"
#include "ranah-letter.h"
#include "ranah-new-request-dialog.h"
#include "ranah-request-page.h"
#include "ranah-screenshots.h"
#include "ranah-settings-page.h"
#include "ranah-sign-in-window.h"
#include "ranah-task.h"
#include "ranah-window.h"

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
ranah_screenshots_settle (guint ms)
{
  gboolean done = FALSE;

  ranah_task_wait_idle ();
  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  ranah_task_wait_idle ();
}

gboolean
ranah_screenshot_widget (GtkWidget   *widget,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  if (width <= 0 || height <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s has no size yet",
                   G_OBJECT_TYPE_NAME (widget));
      return FALSE;
    }
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  /* The window, not @widget, paints the background: start from its colour so the PNG is
   * not transparent where the window would show through. */
  {
    GdkRGBA background = { 1, 1, 1, 1 };
    GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (gtk_widget_get_root (widget)));

    gtk_style_context_lookup_color (style, "window_bg_color", &background);
    gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  }
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "nothing was drawn");
      return FALSE;
    }
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "could not write %s", path);
      return FALSE;
    }
  return TRUE;
}

static void
shoot (GtkWindow  *window,
       const char *dir,
       const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *content = ADW_IS_APPLICATION_WINDOW (window)
                       ? adw_application_window_get_content (ADW_APPLICATION_WINDOW (window))
                       : ADW_IS_WINDOW (window) ? adw_window_get_content (ADW_WINDOW (window))
                       : gtk_window_get_child (window);
  const char *schemes[] = { "light", "dark" };

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      g_autofree char *file = g_strdup_printf ("%s-%s.png", name, schemes[i]);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autoptr(GError) error = NULL;

      adw_style_manager_set_color_scheme (style, i == 0 ? ADW_COLOR_SCHEME_FORCE_LIGHT
                                                        : ADW_COLOR_SCHEME_FORCE_DARK);
      ranah_screenshots_settle (400);
      if (!ranah_screenshot_widget (content, path, &error))
        g_printerr ("%s: %s\n", path, error->message);
      else
        g_print ("%s\n", path);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* A national holiday calendar for @year as the feeds publish it: the demo store already has
 * some of its dates, and one event has a time of day. */
static char *
holiday_calendar (int year)
{
  GString *ics = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                               "PRODID:-//Ranah//Hari Libur Nasional//ID\r\n"
                               "X-WR-CALNAME:Hari Libur di Indonesia\r\n");
  const struct { const char *start, *end, *summary; gboolean yearly; } events[] = {
    { "0101", "0102", "Tahun Baru Masehi", FALSE },
    { "0116", "0117", "Isra Mikraj Nabi Muhammad SAW", FALSE },
    { "0216", "0217", "Cuti Bersama Tahun Baru Imlek", FALSE },
    { "0217", "0218", "Tahun Baru Imlek 2577 Kongzili", FALSE },
    { "0319", "0320", "Hari Suci Nyepi (Tahun Baru Saka 1948)", FALSE },
    { "0320", "0322", "Hari Raya Idul Fitri 1447 Hijriah", FALSE },
    { "0323", "0325", "Cuti Bersama Idul Fitri 1447 Hijriah", FALSE },
    { "0817", NULL, "Hari Proklamasi Kemerdekaan R.I.", TRUE },
    { "1224", "1225", "Cuti Bersama Hari Raya Natal", FALSE },
    { "1225", NULL, "Hari Raya Natal", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      g_string_append_printf (ics, "BEGIN:VEVENT\r\nUID:libur-%u@ranah\r\n"
                                   "DTSTART;VALUE=DATE:%04d%s\r\n", i,
                              events[i].yearly ? year - 1 : year, events[i].start);
      if (events[i].end != NULL)
        g_string_append_printf (ics, "DTEND;VALUE=DATE:%04d%s\r\n", year, events[i].end);
      if (events[i].yearly)
        g_string_append (ics, "RRULE:FREQ=YEARLY\r\n");
      g_string_append_printf (ics, "SUMMARY:%s\r\nEND:VEVENT\r\n", events[i].summary);
    }
  g_string_append_printf (ics, "BEGIN:VEVENT\r\nUID:rapat@ranah\r\n"
                               "DTSTART;TZID=Asia/Makassar:%04d0105T090000\r\n"
                               "SUMMARY:Rapat Penetapan Libur\r\nEND:VEVENT\r\n"
                               "END:VCALENDAR\r\n", year);
  return g_string_free (ics, FALSE);
}

static RanahStore *
open_as (const char *uri,
         const char *user)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahStore) store = ranah_store_open (uri, &error);

  if (store == NULL || !ranah_store_sign_in (store, user, RANAH_DEMO_PASSWORD, &error))
    {
      g_printerr ("%s: %s\n", user, error->message);
      return NULL;
    }
  return g_steal_pointer (&store);
}

static gint64
find_request (RanahStore *store,
              const char *name)
{
  RanahRequestFilter filter = { 0 };
  g_autoptr(GPtrArray) requests = NULL;

  filter.text = name;
  requests = ranah_store_list_requests (store, &filter, NULL);
  for (guint i = 0; requests != NULL && i < requests->len; i++)
    {
      RanahRequest *request = g_ptr_array_index (requests, i);
      if (g_str_equal (request->name, name))
        return request->id;
    }
  return 0;
}

static RanahWindow *
main_window (RanahApplication *application,
             RanahStore       *store)
{
  RanahWindow *window = ranah_window_new (application, store);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  ranah_screenshots_settle (500);
  return window;
}

void
ranah_screenshots_run (RanahApplication *application,
                       const char       *dir)
{
  g_autofree char *tmp = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahStore) seed = NULL;
  RanahWindow *window;
  RanahStore *store;

  g_return_if_fail (RANAH_IS_APPLICATION (application));

  g_application_hold (G_APPLICATION (application));
  g_mkdir_with_parents (dir, 0755);
  tmp = g_dir_make_tmp ("ranah-screenshots-XXXXXX", &error);
  if (tmp == NULL)
    goto out;
  uri = g_strconcat ("sqlite:", tmp, "/demo.db", NULL);
  if ((seed = ranah_store_open (uri, &error)) == NULL
      || !ranah_demo_seed_full (seed, ranah_letter_render_signed, seed, &error))
    goto out;

  /* The sign-in window on the demo store. */
  {
    RanahSignInWindow *sign_in = ranah_sign_in_window_new (application);

    ranah_sign_in_window_set_fields (sign_in, uri, "kadis", NULL);
    gtk_window_set_default_size (GTK_WINDOW (sign_in), 600, 700);
    gtk_window_present (GTK_WINDOW (sign_in));
    ranah_screenshots_settle (500);
    shoot (GTK_WINDOW (sign_in), dir, "sign-in");
    gtk_window_destroy (GTK_WINDOW (sign_in));
  }

  /* Kepala Dinas: the inbox, all requests, a request with its letter, a disposition. */
  if ((store = open_as (uri, "kadis")) != NULL)
    {
      gint64 vaksin = find_request (store, "vaksin");
      gint64 sehat = find_request (store, "sehat");

      window = main_window (application, store);
      shoot (GTK_WINDOW (window), dir, "inbox");
      ranah_window_show_page (window, "requests");
      ranah_screenshots_settle (300);
      shoot (GTK_WINDOW (window), dir, "requests");
      if (vaksin != 0)
        {
          ranah_window_open_request (window, vaksin);
          ranah_screenshots_settle (500);
          shoot (GTK_WINDOW (window), dir, "request");
        }
      if (sehat != 0)
        {
          RanahRequestPage *page = RANAH_REQUEST_PAGE (ranah_window_get_page (window, "request"));
          GtkWindow *dialog;

          ranah_window_open_request (window, sehat);
          ranah_screenshots_settle (300);
          gtk_widget_activate_action (GTK_WIDGET (page), "request.act", "s", "dispose-to-kabid");
          ranah_screenshots_settle (300);
          if ((dialog = ranah_request_page_get_dialog (page)) != NULL)
            {
              shoot (dialog, dir, "disposition");
              gtk_window_destroy (dialog);
            }
        }
      gtk_window_destroy (GTK_WINDOW (window));
      g_object_unref (store);
    }

  /* Sub Koordinator: the registry. */
  if ((store = open_as (uri, "subkoor")) != NULL)
    {
      window = main_window (application, store);
      ranah_window_show_page (window, "registry");
      ranah_screenshots_settle (500);
      shoot (GTK_WINDOW (window), dir, "registry");
      gtk_window_destroy (GTK_WINDOW (window));
      g_object_unref (store);
    }

  /* An OPD: a new request being typed. */
  if ((store = open_as (uri, "dinkes")) != NULL)
    {
      GtkWindow *dialog;

      window = main_window (application, store);
      ranah_window_new_request (window);
      ranah_screenshots_settle (300);
      if ((dialog = ranah_window_get_dialog (window)) != NULL)
        {
          ranah_new_request_dialog_fill (RANAH_NEW_REQUEST_DIALOG (dialog), "name", "puskesmas");
          ranah_new_request_dialog_fill (RANAH_NEW_REQUEST_DIALOG (dialog), "target", "103.76.120.50");
          ranah_new_request_dialog_fill (RANAH_NEW_REQUEST_DIALOG (dialog), "purpose",
                                         "Informasi layanan puskesmas");
          ranah_screenshots_settle (600);
          shoot (dialog, dir, "new-request");
          gtk_window_destroy (dialog);
        }
      gtk_window_destroy (GTK_WINDOW (window));
      g_object_unref (store);
    }

  /* The administrator: settings. */
  if ((store = open_as (uri, "admin")) != NULL)
    {
      window = main_window (application, store);
      ranah_screenshots_settle (300);
      shoot (GTK_WINDOW (window), dir, "settings");
      /* Importing the national holiday calendar: every date, duplicates greyed. */
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_local ();
        g_autofree char *path = g_build_filename (tmp, "hari-libur.ics", NULL);
        g_autofree char *ics = holiday_calendar (g_date_time_get_year (now));
        g_autoptr(GFile) file = g_file_new_for_path (path);
        GtkWidget *page = ranah_window_get_page (window, "settings");

        if (RANAH_IS_SETTINGS_PAGE (page) && g_file_set_contents (path, ics, -1, NULL))
          {
            GtkWindow *dialog = ranah_settings_page_import_holidays (RANAH_SETTINGS_PAGE (page),
                                                                     file);
            gtk_window_set_default_size (dialog, 640, 760);
            ranah_screenshots_settle (600);
            shoot (dialog, dir, "holiday-import");
            gtk_window_destroy (dialog);
          }
        g_unlink (path);
      }
      gtk_window_destroy (GTK_WINDOW (window));
      g_object_unref (store);
    }

  /* The narrowest supported size. */
  if ((store = open_as (uri, "kadis")) != NULL)
    {
      window = ranah_window_new (application, store);
      gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
      gtk_window_present (GTK_WINDOW (window));
      ranah_screenshots_settle (600);
      shoot (GTK_WINDOW (window), dir, "inbox-800x600");
      gtk_window_destroy (GTK_WINDOW (window));
      g_object_unref (store);
    }

out:
  if (error != NULL)
    g_printerr ("%s\n", error->message);
  if (seed != NULL)
    g_clear_object (&seed);
  if (tmp != NULL)
    {
      g_autofree char *db = g_build_filename (tmp, "demo.db", NULL);
      g_autofree char *wal = g_strconcat (db, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db, "-shm", NULL);
      g_unlink (db);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (tmp);
    }
  g_application_release (G_APPLICATION (application));
  g_application_quit (G_APPLICATION (application));
}
