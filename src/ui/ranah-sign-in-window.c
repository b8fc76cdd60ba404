/* ranah-sign-in-window.c — choosing a store, signing in, and the first run
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ranah-demo.h"
#include "ranah-desktop-session.h"
#include "ranah-inbox-page.h"
#include "ranah-sign-in-window.h"
#include "ranah-task.h"

struct _RanahSignInWindow
{
  AdwApplicationWindow  parent_instance;

  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  GtkStack             *stack;
  GtkImage             *logo;
  AdwComboRow          *kind_row;
  AdwEntryRow          *file_row;
  AdwEntryRow          *uri_row;
  AdwEntryRow          *user_row;
  AdwEntryRow          *password_row;
  GtkSwitch            *stay_switch;
  GtkButton            *sign_in_button;
  GtkLabel             *demo_hint;
  AdwEntryRow          *government_row;
  AdwEntryRow          *agency_row;
  AdwEntryRow          *domain_row;
  AdwEntryRow          *city_row;
  AdwEntryRow          *admin_user_row;
  AdwEntryRow          *admin_name_row;
  AdwEntryRow          *admin_password_row;
  AdwEntryRow          *admin_confirm_row;
  GtkSpinner           *spinner;
  GtkLabel             *busy_label;

  RanahApplication     *application;
  RanahStore           *empty_store;  /* opened, found empty: the setup page fills it */
  char                 *empty_uri;
};

G_DEFINE_FINAL_TYPE (RanahSignInWindow, ranah_sign_in_window, ADW_TYPE_APPLICATION_WINDOW)

typedef struct
{
  char         *uri;
  char         *user;
  char         *password;
  gboolean      stay;         /* keep a session after the sign-in (sign-in only) */
  RanahStore   *store;        /* for setup and demo */
  GHashTable   *profile;      /* for setup */
  RanahUser    *admin;        /* for setup */
} Job;

typedef struct
{
  RanahStore *store;
  gboolean    empty;
  RanahInboxLoad *inbox;    /* read right after signing in, or NULL */
} Opened;

static void
job_free (Job *job)
{
  g_free (job->uri);
  g_free (job->user);
  if (job->password != NULL)
    memset (job->password, 0, strlen (job->password));
  g_free (job->password);
  g_clear_object (&job->store);
  g_clear_pointer (&job->profile, g_hash_table_unref);
  g_clear_pointer (&job->admin, ranah_user_free);
  g_free (job);
}

static void
opened_free (Opened *opened)
{
  g_clear_object (&opened->store);
  g_clear_pointer (&opened->inbox, ranah_inbox_load_free);
  g_free (opened);
}

static void
show_busy (RanahSignInWindow *self,
           const char        *message)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  gtk_label_set_text (self->busy_label, message);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "busy");
}

static void
show_page (RanahSignInWindow *self,
           const char        *page)
{
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_stack_set_visible_child_name (self->stack, page);
  if (g_str_equal (page, "sign-in"))
    {
      const char *user = gtk_editable_get_text (GTK_EDITABLE (self->user_row));
      gtk_widget_grab_focus (*user ? GTK_WIDGET (self->password_row) : GTK_WIDGET (self->user_row));
    }
  else if (g_str_equal (page, "setup"))
    gtk_widget_grab_focus (GTK_WIDGET (self->admin_name_row));
}

static char *
current_uri (RanahSignInWindow *self)
{
  if (adw_combo_row_get_selected (self->kind_row) == 1)
    return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->uri_row))));
  return g_strconcat ("sqlite:", gtk_editable_get_text (GTK_EDITABLE (self->file_row)), NULL);
}

static void
set_uri (RanahSignInWindow *self,
         const char        *uri)
{
  if (uri != NULL && (g_str_has_prefix (uri, "postgresql:") || g_str_has_prefix (uri, "postgres:")
                      || strchr (uri, '=') != NULL))
    {
      adw_combo_row_set_selected (self->kind_row, 1);
      gtk_editable_set_text (GTK_EDITABLE (self->uri_row), uri);
    }
  else
    {
      g_autofree char *fallback = ranah_store_default_uri ();
      const char *sqlite_uri = uri != NULL && g_str_has_prefix (uri, "sqlite:") ? uri : fallback;

      adw_combo_row_set_selected (self->kind_row, 0);
      gtk_editable_set_text (GTK_EDITABLE (self->file_row), sqlite_uri + strlen ("sqlite:"));
    }
}

static gpointer
open_thread (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Job *job = data;
  Opened *opened;
  g_autoptr(RanahStore) store = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean initialized;

  store = ranah_store_open (job->uri, error);
  if (store == NULL)
    return NULL;
  initialized = ranah_store_is_initialized (store, &local_error);
  /* An empty store says so with an error too; only a store that cannot be used stops here. */
  if (!initialized && local_error != NULL
      && !(local_error->domain == RANAH_STORE_ERROR
           && local_error->code != RANAH_STORE_ERROR_UNAVAILABLE
           && local_error->code != RANAH_STORE_ERROR_VERSION
           && local_error->code != RANAH_STORE_ERROR_CORRUPT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (initialized && job->user != NULL)
    {
      if (*job->user == '\0')
        {
          g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                       _("Enter your user name."));
          return NULL;
        }
      if (!ranah_store_sign_in (store, job->user, job->password, error))
        return NULL;
      if (job->stay)
        ranah_desktop_session_keep (store, job->uri);
    }
  opened = g_new0 (Opened, 1);
  /* While this thread holds the store: the main window opens with its inbox filled. A
   * failure here is left for the inbox page to meet and report. */
  if (initialized && job->user != NULL)
    opened->inbox = ranah_inbox_load_head (store, RANAH_INBOX_FIRST_SCREENFUL, NULL);
  opened->store = g_steal_pointer (&store);
  opened->empty = !initialized;
  return opened;
}

static void
open_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RanahSignInWindow *self = RANAH_SIGN_IN_WINDOW (source);
  gboolean probe = GPOINTER_TO_INT (user_data);
  g_autoptr(GError) error = NULL;
  Opened *opened = ranah_task_finish (result, &error);
  g_autofree char *uri = current_uri (self);

  if (opened == NULL)
    {
      show_page (self, "sign-in");
      /* A probe at start-up stays quiet: the person has not asked for anything yet. */
      g_debug ("Opening the store failed: %s", error->message);
      if (!probe)
        ranah_sign_in_window_show_error (self, error->message);
      return;
    }

  if (opened->empty)
    {
      g_set_object (&self->empty_store, opened->store);
      g_free (self->empty_uri);
      self->empty_uri = g_steal_pointer (&uri);
      show_page (self, "setup");
    }
  else if (probe)
    show_page (self, "sign-in");
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      ranah_application_signed_in_with_inbox (self->application, opened->store, uri,
                                              g_steal_pointer (&opened->inbox));
    }
  opened_free (opened);
}

static void
start_open (RanahSignInWindow *self,
            gboolean           probe)
{
  Job *job = g_new0 (Job, 1);

  job->uri = current_uri (self);
  if (!probe)
    {
      job->user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));
      job->password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
      job->stay = gtk_switch_get_active (self->stay_switch);
    }
  show_busy (self, probe ? _("Opening the store…") : _("Signing in…"));
  ranah_task_run (self, NULL, open_thread, job, (GDestroyNotify) job_free,
                  (GDestroyNotify) opened_free, open_done, GINT_TO_POINTER (probe));
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  start_open (RANAH_SIGN_IN_WINDOW (widget), FALSE);
}

static gpointer
create_thread (gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  Job *job = data;
  GHashTableIter iter;
  gpointer key, value;

  if (!ranah_store_initialize (job->store, job->admin, job->password, error)
      || !ranah_store_sign_in (job->store, job->admin->username, job->password, error))
    return NULL;
  g_hash_table_iter_init (&iter, job->profile);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!ranah_store_set_profile (job->store, key, value, error))
      return NULL;
  return g_object_ref (job->store);
}

static void
create_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RanahSignInWindow *self = RANAH_SIGN_IN_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahStore) store = ranah_task_finish (result, &error);

  if (store == NULL)
    {
      show_page (self, "setup");
      ranah_sign_in_window_show_error (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->admin_password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->admin_confirm_row), "");
  ranah_application_signed_in (self->application, store, self->empty_uri);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RanahSignInWindow *self = RANAH_SIGN_IN_WINDOW (widget);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->admin_password_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->admin_confirm_row));
  const char *username = gtk_editable_get_text (GTK_EDITABLE (self->admin_user_row));
  Job *job;

  if (self->empty_store == NULL)
    return;
  if (*username == '\0')
    {
      ranah_sign_in_window_show_error (self, _("Enter the administrator’s user name."));
      return;
    }
  if (strlen (password) < 8)
    {
      ranah_sign_in_window_show_error (self, _("The password needs at least 8 characters."));
      return;
    }
  if (!g_str_equal (password, confirm))
    {
      ranah_sign_in_window_show_error (self, _("The two passwords differ."));
      return;
    }

  job = g_new0 (Job, 1);
  job->store = g_object_ref (self->empty_store);
  job->password = g_strdup (password);
  job->admin = ranah_user_new ();
  job->admin->username = g_ascii_strdown (username, -1);
  g_free (job->admin->full_name);
  job->admin->full_name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->admin_name_row)));
  job->admin->role = RANAH_ROLE_ADMIN;
  job->admin->active = TRUE;
  job->profile = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_hash_table_insert (job->profile, (char *) RANAH_PROFILE_GOVERNMENT,
                       g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->government_row))));
  g_hash_table_insert (job->profile, (char *) RANAH_PROFILE_AGENCY,
                       g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->agency_row))));
  g_hash_table_insert (job->profile, (char *) RANAH_PROFILE_PARENT_DOMAIN,
                       g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->domain_row))));
  g_hash_table_insert (job->profile, (char *) RANAH_PROFILE_CITY,
                       g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->city_row))));
  show_busy (self, _("Creating the store…"));
  ranah_task_run (self, NULL, create_thread, job, (GDestroyNotify) job_free, g_object_unref,
                  create_done, NULL);
}

static gpointer
demo_thread (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Job *job = data;

  if (!ranah_demo_seed (job->store, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
demo_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RanahSignInWindow *self = RANAH_SIGN_IN_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *hint = NULL;

  if (ranah_task_finish (result, &error) == NULL)
    {
      show_page (self, "setup");
      ranah_sign_in_window_show_error (self, error->message);
      return;
    }
  g_clear_object (&self->empty_store);
  set_uri (self, self->empty_uri);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), "kadis");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), RANAH_DEMO_PASSWORD);
  hint = g_strdup_printf (_("Demo users: %s. Every password is “%s”."),
                          RANAH_DEMO_USERS, RANAH_DEMO_PASSWORD);
  gtk_label_set_text (self->demo_hint, hint);
  gtk_widget_set_visible (GTK_WIDGET (self->demo_hint), TRUE);
  show_page (self, "sign-in");
}

static void
demo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RanahSignInWindow *self = RANAH_SIGN_IN_WINDOW (widget);
  Job *job;

  if (self->empty_store == NULL)
    return;
  job = g_new0 (Job, 1);
  job->store = g_object_ref (self->empty_store);
  show_busy (self, _("Filling the demo store with sample OPDs, users and requests…"));
  ranah_task_run (self, NULL, demo_thread, job, (GDestroyNotify) job_free, NULL, demo_done, NULL);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RanahSignInWindow *self = RANAH_SIGN_IN_WINDOW (widget);

  g_clear_object (&self->empty_store);
  show_page (self, "sign-in");
}

static void
on_kind_changed (RanahSignInWindow *self)
{
  gboolean server = adw_combo_row_get_selected (self->kind_row) == 1;

  gtk_widget_set_visible (GTK_WIDGET (self->file_row), !server);
  gtk_widget_set_visible (GTK_WIDGET (self->uri_row), server);
}

static void
ranah_sign_in_window_dispose (GObject *object)
{
  RanahSignInWindow *self = RANAH_SIGN_IN_WINDOW (object);

  g_clear_object (&self->empty_store);
  g_clear_pointer (&self->empty_uri, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), RANAH_TYPE_SIGN_IN_WINDOW);

  G_OBJECT_CLASS (ranah_sign_in_window_parent_class)->dispose (object);
}

static void
ranah_sign_in_window_class_init (RanahSignInWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ranah_sign_in_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/tarakankota/Ranah/ui/ranah-sign-in-window.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, RanahSignInWindow, name)
  CHILD (error_revealer);
  CHILD (error_label);
  CHILD (stack);
  CHILD (stay_switch);
  CHILD (logo);
  CHILD (kind_row);
  CHILD (file_row);
  CHILD (uri_row);
  CHILD (user_row);
  CHILD (password_row);
  CHILD (sign_in_button);
  CHILD (demo_hint);
  CHILD (government_row);
  CHILD (agency_row);
  CHILD (domain_row);
  CHILD (city_row);
  CHILD (admin_user_row);
  CHILD (admin_name_row);
  CHILD (admin_password_row);
  CHILD (admin_confirm_row);
  CHILD (spinner);
  CHILD (busy_label);
#undef CHILD

  gtk_widget_class_install_action (widget_class, "sign-in.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "sign-in.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "sign-in.demo", NULL, demo_action);
  gtk_widget_class_install_action (widget_class, "sign-in.back", NULL, back_action);
}

static void
ranah_sign_in_window_init (RanahSignInWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_image_set_from_icon_name (self->logo, APP_ID);
  if (g_str_equal (PROFILE, "development"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->sign_in_button));
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_kind_changed), self);
}

RanahSignInWindow *
ranah_sign_in_window_new (RanahApplication *application)
{
  return ranah_sign_in_window_new_for (application, NULL, NULL);
}

RanahSignInWindow *
ranah_sign_in_window_new_for (RanahApplication *application,
                              const char       *uri,
                              const char       *user)
{
  RanahSignInWindow *self;
  GSettings *settings;
  g_autofree char *last_store = NULL;
  g_autofree char *last_user = NULL;

  g_return_val_if_fail (RANAH_IS_APPLICATION (application), NULL);

  self = g_object_new (RANAH_TYPE_SIGN_IN_WINDOW, "application", application, NULL);
  self->application = application;
  settings = ranah_application_get_settings (application);
  if (settings != NULL)
    {
      last_store = g_settings_get_string (settings, "last-store");
      last_user = g_settings_get_string (settings, "last-user");
      g_settings_bind (settings, "stay-signed-in", self->stay_switch, "active",
                       G_SETTINGS_BIND_DEFAULT);
    }
  if (uri == NULL && last_store != NULL && *last_store)
    uri = last_store;
  if (user == NULL)
    user = last_user;
  set_uri (self, uri);
  if (user != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
  /* Look at the store straight away, so that an empty one goes to the first-run page. */
  start_open (self, TRUE);
  return self;
}

void
ranah_sign_in_window_show_error (RanahSignInWindow *self,
                                 const char        *message)
{
  g_return_if_fail (RANAH_IS_SIGN_IN_WINDOW (self));
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL && *message);
}

const char *
ranah_sign_in_window_get_page (RanahSignInWindow *self)
{
  g_return_val_if_fail (RANAH_IS_SIGN_IN_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

void
ranah_sign_in_window_set_fields (RanahSignInWindow *self,
                                 const char        *uri,
                                 const char        *user,
                                 const char        *password)
{
  g_return_if_fail (RANAH_IS_SIGN_IN_WINDOW (self));
  if (uri != NULL)
    set_uri (self, uri);
  if (user != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
  if (password != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
}
