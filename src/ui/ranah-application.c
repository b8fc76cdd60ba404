/* ranah-application.c — the Ranah desktop application
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libnotify/notify.h>

#include "ranah-application.h"
#include "ranah-desktop-session.h"
#include "ranah-resources.h"
#include "ranah-screenshots.h"
#include "ranah-sign-in-window.h"
#include "ranah-task.h"
#include "ranah-window.h"

#define RESOURCE_PATH "/id/go/tarakankota/Ranah"

struct _RanahApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  RanahStore     *store;
  char           *store_uri;    /* as signed in to: where its session file is found */

  char           *opt_store;
  char           *opt_user;
  char           *opt_screenshots;
  gboolean        opt_exit_when_drawn;
  int             exit_status;    /* for --exit-when-drawn */
  gint64          started_at;
  gboolean        auto_signing_in;
  char           *auto_uri;
  guint           present_timeout;
};

/* How long a window waits for the sign-in before it shows itself with a spinner. */
#define SIGN_IN_PATIENCE_MS 1000

G_DEFINE_FINAL_TYPE (RanahApplication, ranah_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "store", 's', 0, G_OPTION_ARG_STRING, NULL,
    N_("Open this store (sqlite:PATH or postgresql://…)"), N_("URI") },
  { "user", 'u', 0, G_OPTION_ARG_STRING, NULL,
    N_("Sign in as this user, with the password from $RANAH_PASSWORD"), N_("NAME") },
  { "screenshots", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write screenshots of every main view, light and dark, to DIR on a demo store, then quit"),
    N_("DIR") },
  { "exit-when-drawn", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print how long the inbox took to appear, then quit (for benchmarks)"), NULL },
  { NULL }
};

static GtkWindow *
find_main_window (RanahApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (RANAH_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
show_sign_in (RanahApplication *self,
              const char       *message)
{
  RanahSignInWindow *window;

  /* A benchmark measures an inbox, not a form nobody will fill in. */
  if (self->opt_exit_when_drawn)
    {
      g_printerr ("%s\n", message != NULL ? message
                                         : _("There is no inbox to draw: Ranah asks for the password."));
      self->exit_status = 1;
      g_application_quit (G_APPLICATION (self));
      return;
    }
  window = ranah_sign_in_window_new_for (self, self->opt_store, self->opt_user);

  if (message != NULL)
    ranah_sign_in_window_show_error (window, message);
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_inbox_drawn (RanahWindow *window,
                gpointer     user_data)
{
  RanahApplication *self = user_data;
  const char *launched = g_getenv ("RANAH_BENCH_LAUNCH_US");
  /* From the launch when the benchmark's launcher says when that was (the same monotonic
   * clock), else from the start of the application object. */
  gint64 origin = launched != NULL ? g_ascii_strtoll (launched, NULL, 10) : self->started_at;

  g_print ("inbox-drawn-ms %.1f\n", (double) (g_get_monotonic_time () - origin) / 1000.0);
  g_application_quit (G_APPLICATION (self));
}

typedef struct
{
  char             *uri;
  char             *user;
  char             *password;  /* --user with $RANAH_PASSWORD, or */
  RanahSessionFile *session;   /* the session kept from an earlier sign-in */
} AutoSignIn;

static void
auto_sign_in_free (AutoSignIn *data)
{
  g_free (data->uri);
  g_free (data->user);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_clear_pointer (&data->session, ranah_session_file_free);
  g_free (data);
}

typedef struct
{
  RanahStore     *store;
  RanahInboxLoad *inbox;
} AutoSignedIn;

static void
auto_signed_in_free (AutoSignedIn *done)
{
  g_clear_object (&done->store);
  g_clear_pointer (&done->inbox, ranah_inbox_load_free);
  g_free (done);
}

static gpointer
auto_sign_in_thread (gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  AutoSignIn *auto_data = data;
  g_autoptr(RanahStore) store = NULL;
  AutoSignedIn *done;

  store = ranah_store_open (auto_data->uri, error);
  if (store == NULL)
    return NULL;
  if (auto_data->session != NULL
      ? !ranah_desktop_session_resume (store, auto_data->session, error)
      : !ranah_store_sign_in (store, auto_data->user, auto_data->password, error))
    return NULL;
  done = g_new0 (AutoSignedIn, 1);
  /* Read here, while GTK starts on the main thread: the window opens with its inbox. */
  done->inbox = ranah_inbox_load_head (store, RANAH_INBOX_FIRST_SCREENFUL, NULL);
  done->store = g_steal_pointer (&store);
  return done;
}

static void
auto_sign_in_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  RanahApplication *self = RANAH_APPLICATION (source);
  g_autoptr(GError) error = NULL;
  AutoSignedIn *done = ranah_task_finish (result, &error);

  self->auto_signing_in = FALSE;
  g_clear_handle_id (&self->present_timeout, g_source_remove);
  if (done == NULL)
    {
      GtkWindow *waiting = find_main_window (self);

      if (waiting != NULL)
        gtk_window_destroy (waiting);
      show_sign_in (self, error->message);
    }
  else
    {
      ranah_application_signed_in_with_inbox (self, done->store, self->auto_uri,
                                              g_steal_pointer (&done->inbox));
      auto_signed_in_free (done);
    }
  g_application_release (G_APPLICATION (self));
}

static gboolean
present_waiting_window (gpointer user_data)
{
  RanahApplication *self = user_data;
  GtkWindow *window = find_main_window (self);

  self->present_timeout = 0;
  if (window != NULL)
    gtk_window_present (window);
  return G_SOURCE_REMOVE;
}

/* --user with $RANAH_PASSWORD, or a session kept from an earlier sign-in: the store is
 * opened, the password (argon2id) or the session checked and the inbox read in a thread
 * that starts before GTK does, so that the two overlap. Takes @session. */
static void
start_auto_sign_in (RanahApplication *self,
                    const char       *uri,
                    const char       *password,
                    RanahSessionFile *session)
{
  AutoSignIn *data = g_new0 (AutoSignIn, 1);

  g_free (self->auto_uri);
  self->auto_uri = g_strdup (uri);
  data->uri = g_strdup (uri);
  data->user = g_strdup (self->opt_user);
  data->password = g_strdup (password);
  data->session = session;
  self->auto_signing_in = TRUE;
  /* Held until the sign-in ends, whatever becomes of the window meanwhile. */
  g_application_hold (G_APPLICATION (self));
  ranah_task_run (self, NULL, auto_sign_in_thread, data, (GDestroyNotify) auto_sign_in_free,
                  (GDestroyNotify) auto_signed_in_free, auto_sign_in_done, NULL);
}

static void
ranah_application_quit_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  RanahApplication *self = user_data;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL;)
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_destroy (window);
    }
}

static void
ranah_application_about_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  RanahApplication *self = user_data;
  static const char *developers[] = { "The Ranah authors", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (parent,
                         "application-name", "Ranah",
                         "application-icon", APP_ID,
                         "developer-name", _("The Ranah authors"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Runs the subdomain request procedure of the city’s IT "
                                       "agency, from the request letter to DNS and the response "
                                       "letter."),
                         "developers", developers,
                         "copyright", "© 2026 The Ranah authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
ranah_application_shortcuts_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  RanahApplication *self = user_data;
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource (RESOURCE_PATH "/ui/ranah-shortcuts-window.ui");
  GtkWindow *window = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));

  gtk_window_set_transient_for (window,
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (window);
}

static void
ranah_application_window_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  RanahApplication *self = user_data;
  GtkWindow *window = find_main_window (self);
  const char *name = g_action_get_name (G_ACTION (action));

  if (window == NULL)
    return;
  gtk_window_present (window);
  if (g_str_equal (name, "new-request"))
    ranah_window_new_request (RANAH_WINDOW (window));
  else if (g_str_equal (name, "search"))
    ranah_window_search (RANAH_WINDOW (window));
  else if (g_str_equal (name, "preferences"))
    ranah_window_show_page (RANAH_WINDOW (window), "settings");
}

static const GActionEntry app_entries[] = {
  { "quit", ranah_application_quit_action },
  { "about", ranah_application_about_action },
  { "shortcuts", ranah_application_shortcuts_action },
  { "new-request", ranah_application_window_action },
  { "search", ranah_application_window_action },
  { "preferences", ranah_application_window_action },
};

/* The store this start opens: --store, else the one last signed in to, else the embedded
 * one, as the sign-in window would fill it in. */
static char *
remembered_store (RanahApplication *self)
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *last = NULL;

  if (self->opt_store != NULL)
    return g_strdup (self->opt_store);
  settings = g_settings_new (APP_ID);
  last = g_settings_get_string (settings, "last-store");
  if (*last != '\0')
    return g_steal_pointer (&last);
  return ranah_store_default_uri ();
}

static gint
ranah_application_handle_local_options (GApplication *application,
                                        GVariantDict *options)
{
  RanahApplication *self = RANAH_APPLICATION (application);

  g_variant_dict_lookup (options, "store", "s", &self->opt_store);
  g_variant_dict_lookup (options, "user", "s", &self->opt_user);
  g_variant_dict_lookup (options, "screenshots", "^ay", &self->opt_screenshots);
  self->opt_exit_when_drawn = g_variant_dict_contains (options, "exit-when-drawn");
  if (self->opt_screenshots != NULL)
    return -1;
  if (self->opt_user != NULL && g_getenv ("RANAH_PASSWORD") != NULL)
    start_auto_sign_in (self, self->opt_store, g_getenv ("RANAH_PASSWORD"), NULL);
  else
    {
      g_autofree char *uri = remembered_store (self);
      RanahSessionFile *session = ranah_desktop_session_find (uri, self->opt_user);

      if (session != NULL)
        start_auto_sign_in (self, uri, NULL, session);
    }
  return -1;
}

static void
ranah_application_startup (GApplication *application)
{
  RanahApplication *self = RANAH_APPLICATION (application);
  static const char *quit_accels[] = { "<Primary>q", NULL };
  static const char *shortcuts_accels[] = { "<Primary>question", NULL };
  static const char *new_accels[] = { "<Primary>n", NULL };
  static const char *search_accels[] = { "<Primary>f", NULL };
  static const char *prefs_accels[] = { "<Primary>comma", NULL };

  G_APPLICATION_CLASS (ranah_application_parent_class)->startup (application);

  ranah_ui_init ();
  self->settings = g_settings_new (APP_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries, G_N_ELEMENTS (app_entries),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts",
                                         shortcuts_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-request", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         prefs_accels);
  notify_init (APP_ID);
}

static void
ranah_application_activate (GApplication *application)
{
  RanahApplication *self = RANAH_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->opt_screenshots != NULL)
    {
      ranah_screenshots_run (self, self->opt_screenshots);
      return;
    }

  if (self->auto_signing_in)
    {
      /* Built now, while the sign-in thread works, and shown with its inbox filled when the
       * thread is done — or, should that take long (a distant server), at once with a
       * spinner after a moment. */
      window = GTK_WINDOW (ranah_window_new_signing_in (self));
      if (self->opt_exit_when_drawn)
        g_signal_connect (window, "inbox-drawn", G_CALLBACK (on_inbox_drawn), self);
      self->present_timeout = g_timeout_add (SIGN_IN_PATIENCE_MS, present_waiting_window, self);
      return;
    }

  show_sign_in (self, NULL);
}

static void
ranah_application_shutdown (GApplication *application)
{
  g_clear_handle_id (&RANAH_APPLICATION (application)->present_timeout, g_source_remove);
  if (notify_is_initted ())
    notify_uninit ();
  G_APPLICATION_CLASS (ranah_application_parent_class)->shutdown (application);
}

static void
ranah_application_finalize (GObject *object)
{
  RanahApplication *self = RANAH_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_pointer (&self->store_uri, g_free);
  g_clear_pointer (&self->auto_uri, g_free);
  g_clear_pointer (&self->opt_store, g_free);
  g_clear_pointer (&self->opt_user, g_free);
  g_clear_pointer (&self->opt_screenshots, g_free);

  G_OBJECT_CLASS (ranah_application_parent_class)->finalize (object);
}

static void
ranah_application_class_init (RanahApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = ranah_application_finalize;
  app_class->handle_local_options = ranah_application_handle_local_options;
  app_class->startup = ranah_application_startup;
  app_class->activate = ranah_application_activate;
  app_class->shutdown = ranah_application_shutdown;
}

static void
ranah_application_init (RanahApplication *self)
{
  self->started_at = g_get_monotonic_time ();
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

RanahApplication *
ranah_application_new (void)
{
  /* NON_UNIQUE: each desktop session signs in on its own; a second launch with other
   * options (screenshots, benchmarks) must not be swallowed by a running instance. */
  return g_object_new (RANAH_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

int
ranah_application_get_exit_status (RanahApplication *self)
{
  g_return_val_if_fail (RANAH_IS_APPLICATION (self), 1);
  return self->exit_status;
}

GSettings *
ranah_application_get_settings (RanahApplication *self)
{
  g_return_val_if_fail (RANAH_IS_APPLICATION (self), NULL);
  return self->settings;
}

RanahStore *
ranah_application_get_store (RanahApplication *self)
{
  g_return_val_if_fail (RANAH_IS_APPLICATION (self), NULL);
  return self->store;
}

GtkWindow *
ranah_application_signed_in (RanahApplication *self,
                             RanahStore       *store,
                             const char       *uri)
{
  return ranah_application_signed_in_with_inbox (self, store, uri, NULL);
}

GtkWindow *
ranah_application_signed_in_with_inbox (RanahApplication *self,
                                        RanahStore       *store,
                                        const char       *uri,
                                        RanahInboxLoad   *inbox)
{
  RanahWindow *window;
  const RanahUser *user;

  g_return_val_if_fail (RANAH_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (RANAH_IS_STORE (store), NULL);

  g_set_object (&self->store, store);
  g_free (self->store_uri);
  self->store_uri = g_strdup (uri);
  user = ranah_store_get_user (store);
  if (self->settings != NULL)
    {
      g_settings_set_string (self->settings, "last-store", uri != NULL ? uri : "");
      if (user != NULL)
        g_settings_set_string (self->settings, "last-user", user->username);
    }

  /* A window shown while the sign-in ran (--user) takes the store; else a new one. */
  window = (RanahWindow *) find_main_window (self);
  if (window == NULL || ranah_window_get_store (window) != NULL)
    {
      window = ranah_window_new_signing_in (self);
      if (self->opt_exit_when_drawn)
        g_signal_connect (window, "inbox-drawn", G_CALLBACK (on_inbox_drawn), self);
    }
  if (inbox != NULL)
    ranah_window_preload_inbox (window, inbox);
  ranah_window_set_signed_in (window, store);
  gtk_window_present (GTK_WINDOW (window));

  /* The sign-in window has done its work. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL;)
    {
      GtkWindow *other = l->data;
      l = l->next;
      if (RANAH_IS_SIGN_IN_WINDOW (other))
        gtk_window_destroy (other);
    }
  return GTK_WINDOW (window);
}

void
ranah_application_sign_out (RanahApplication *self)
{
  GtkWindow *window;

  g_return_if_fail (RANAH_IS_APPLICATION (self));

  /* Signing out ends the session kept on this computer, for ranah-cli too. */
  if (self->store != NULL)
    ranah_desktop_session_end (self->store, self->store_uri);
  show_sign_in (self, NULL);
  while ((window = find_main_window (self)) != NULL)
    gtk_window_destroy (window);
  g_clear_object (&self->store);
  g_clear_pointer (&self->store_uri, g_free);
}

void
ranah_ui_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      GtkCssProvider *provider = gtk_css_provider_new ();

      /* Referencing the bundle links its object out of the static library; its
       * constructor registers it. */
      if (ranah_get_resource () == NULL)
        g_error ("The ui resources are missing from this build.");
      adw_init ();
      gtk_css_provider_load_from_resource (provider, RESOURCE_PATH "/ranah.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_object_unref (provider);
      gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                        RESOURCE_PATH "/icons");
      g_once_init_leave (&initialized, 1);
    }
}
