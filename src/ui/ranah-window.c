/* ranah-window.c — the main window: a sidebar of views beside the chosen view
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ranah-format.h"
#include "ranah-inbox-page.h"
#include "ranah-new-request-dialog.h"
#include "ranah-registry-page.h"
#include "ranah-report-page.h"
#include "ranah-request-page.h"
#include "ranah-requests-page.h"
#include "ranah-settings-page.h"
#include "ranah-store-banner.h"
#include "ranah-window.h"

struct _RanahWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar_list;
  GtkListBoxRow        *inbox_row;
  GtkListBoxRow        *settings_row;
  GtkListBoxRow        *report_row;
  RanahReportPage      *report_page;
  GtkLabel             *inbox_count;
  GtkLabel             *user_label;
  AdwWindowTitle       *content_title;
  GtkButton            *back_button;
  GtkButton            *new_button;
  GtkStack             *content_stack;
  RanahInboxPage       *inbox_page;
  RanahRequestsPage    *requests_page;
  RanahRegistryPage    *registry_page;
  RanahSettingsPage    *settings_page;
  RanahRequestPage     *request_page;

  RanahApplication     *application;
  RanahStore           *store;
  RanahNotifier        *notifier;
  gboolean              escalations_pending;
  GtkWindow            *dialog;
  char                 *page_before_request;
  gboolean              drawn_once;
};

G_DEFINE_FINAL_TYPE (RanahWindow, ranah_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  INBOX_DRAWN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
may_submit (RanahWindow *self)
{
  const RanahUser *user = self->store ? ranah_store_get_user (self->store) : NULL;
  const RanahTransition *submit = ranah_workflow_find (RANAH_STATE_NONE, RANAH_ACTION_SUBMIT);

  return user != NULL && submit != NULL && (submit->roles & RANAH_ROLE_BIT (user->role)) != 0;
}

static void
update_title (RanahWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->content_stack);
  GtkStackPage *page = gtk_stack_get_page (self->content_stack,
                                           gtk_stack_get_visible_child (self->content_stack));
  gboolean on_request = g_strcmp0 (name, "request") == 0;

  adw_window_title_set_title (self->content_title, gtk_stack_page_get_title (page));
  adw_window_title_set_subtitle (self->content_title, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), on_request);
  gtk_widget_set_visible (GTK_WIDGET (self->new_button), may_submit (self));
}

static void
select_sidebar_row (RanahWindow *self,
                    const char  *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), name) == 0)
      {
        gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));
        return;
      }
}

static void
on_sidebar_row_activated (RanahWindow   *self,
                          GtkListBoxRow *row)
{
  if (row == NULL)
    return;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack),
                 gtk_widget_get_name (GTK_WIDGET (row))) != 0)
    ranah_window_show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
after_paint_cb (GdkFrameClock *clock,
                RanahWindow   *self)
{
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, self);
  g_signal_emit (self, signals[INBOX_DRAWN], 0);
}

static void
watch_first_paint (RanahWindow *self)
{
  g_signal_handlers_disconnect_by_func (self, watch_first_paint, NULL);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                    G_CALLBACK (after_paint_cb), self);
}

static void
notify_loaded (RanahWindow *self)
{
  if (self->notifier == NULL)
    return;
  ranah_notifier_inbox_loaded (self->notifier, ranah_inbox_page_get_model (self->inbox_page),
                               ranah_inbox_page_get_calendar (self->inbox_page));
  /* Each load and live refresh also looks for newly failed DNS checks. */
  ranah_notifier_check_registry (self->notifier);
}

static gboolean
notify_idle (gpointer user_data)
{
  notify_loaded (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_inbox_loaded (RanahWindow    *self,
                 RanahInboxPage *page)
{
  guint n = ranah_inbox_page_get_n_waiting (page);
  g_autofree char *count = g_strdup_printf ("%u", n);

  gtk_label_set_text (self->inbox_count, count);
  gtk_widget_set_visible (GTK_WIDGET (self->inbox_count), n > 0);
  /* The notifier compares whole inboxes: not a first screenful (the rest follows with
   * another ::loaded). The first time, after the frame that shows the inbox: it reads
   * every item, which need not delay the window. */
  if (ranah_inbox_page_is_complete (page) && !self->drawn_once)
    g_idle_add_full (G_PRIORITY_LOW, notify_idle, g_object_ref (self), g_object_unref);
  else if (ranah_inbox_page_is_complete (page))
    notify_loaded (self);

  if (!self->drawn_once)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

      self->drawn_once = TRUE;
      /* Escalation notices read every open request: they wait until the inbox is there
       * rather than compete with it for the processor. */
      if (self->escalations_pending)
        {
          self->escalations_pending = FALSE;
          ranah_report_notify_escalations (self->store, self->application != NULL
                                           ? ranah_application_get_settings (self->application)
                                           : NULL);
        }
      /* "Drawn" means a frame with the filled inbox has been painted; a window not yet on
       * screen (it waits for its inbox) paints its first frame once mapped. */
      if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
        g_signal_connect (self, "map", G_CALLBACK (watch_first_paint), NULL);
      else if (clock != NULL)
        {
          g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), self);
          gtk_widget_queue_draw (GTK_WIDGET (self));
        }
      else
        g_signal_emit (self, signals[INBOX_DRAWN], 0);
    }
}

static void
on_store_changed (RanahWindow *self)
{
  ranah_window_reload (self);
}

static void
on_open_request (RanahWindow *self,
                 gint64       request_id)
{
  ranah_window_open_request (self, request_id);
}

static void
on_dialog_destroyed (RanahWindow *self,
                     GtkWindow   *dialog)
{
  if (self->dialog == dialog)
    self->dialog = NULL;
}

static void
on_request_submitted (RanahWindow *self,
                      gint64       request_id)
{
  ranah_window_reload (self);
  ranah_window_open_request (self, request_id);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RanahWindow *self = RANAH_WINDOW (widget);

  ranah_window_show_page (self, self->page_before_request ? self->page_before_request : "inbox");
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  adw_leaflet_navigate (RANAH_WINDOW (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ranah_window_show_page (RANAH_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
open_request_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ranah_window_open_request (RANAH_WINDOW (widget), g_variant_get_int64 (parameter));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ranah_window_reload (RANAH_WINDOW (widget));
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RanahWindow *self = RANAH_WINDOW (widget);

  if (self->application != NULL)
    ranah_application_sign_out (self->application);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_window_state (RanahWindow *self)
{
  GSettings *settings;
  int width, height;

  if (self->application == NULL
      || (settings = ranah_application_get_settings (self->application)) == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
ranah_window_close_request (GtkWindow *window)
{
  save_window_state (RANAH_WINDOW (window));
  return GTK_WINDOW_CLASS (ranah_window_parent_class)->close_request (window);
}

static void
ranah_window_dispose (GObject *object)
{
  RanahWindow *self = RANAH_WINDOW (object);

  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->notifier);
  g_clear_object (&self->store);
  g_clear_pointer (&self->page_before_request, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), RANAH_TYPE_WINDOW);

  G_OBJECT_CLASS (ranah_window_parent_class)->dispose (object);
}

static void
ranah_window_class_init (RanahWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ranah_window_dispose;
  window_class->close_request = ranah_window_close_request;

  /**
   * RanahWindow::inbox-drawn:
   *
   * The first frame showing the loaded inbox has been painted (benchmarks time this).
   */
  signals[INBOX_DRAWN] = g_signal_new ("inbox-drawn", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (RANAH_TYPE_INBOX_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/tarakankota/Ranah/ui/ranah-window.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, RanahWindow, name)
  CHILD (toast_overlay);
  CHILD (leaflet);
  CHILD (sidebar_list);
  CHILD (inbox_row);
  CHILD (settings_row);
  CHILD (report_row);
  CHILD (inbox_count);
  CHILD (user_label);
  CHILD (content_title);
  CHILD (back_button);
  CHILD (new_button);
  CHILD (content_stack);
  CHILD (inbox_page);
#undef CHILD

  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.open-request", "x", open_request_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-page", "s", "inbox");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-page", "s", "requests");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-page", "s", "registry");
}

static void
ranah_window_init (RanahWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ranah_store_banner_install (GTK_WINDOW (self), GTK_WIDGET (self->toast_overlay));
  if (g_str_equal (PROFILE, "development"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
  g_signal_connect_swapped (self->sidebar_list, "row-activated",
                            G_CALLBACK (on_sidebar_row_activated), self);
  g_signal_connect_swapped (self->sidebar_list, "row-selected",
                            G_CALLBACK (on_sidebar_row_activated), self);
  g_signal_connect_swapped (self->content_stack, "notify::visible-child",
                            G_CALLBACK (update_title), self);
  g_signal_connect_swapped (self->inbox_page, "loaded", G_CALLBACK (on_inbox_loaded), self);
  g_signal_connect_swapped (self->inbox_page, "open-request", G_CALLBACK (on_open_request), self);
}

RanahWindow *
ranah_window_new (RanahApplication *application,
                  RanahStore       *store)
{
  RanahWindow *self;

  g_return_val_if_fail (application == NULL || RANAH_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (RANAH_IS_STORE (store), NULL);

  self = ranah_window_new_signing_in (application);
  ranah_window_set_signed_in (self, store);
  return self;
}

RanahWindow *
ranah_window_new_signing_in (RanahApplication *application)
{
  RanahWindow *self;
  GSettings *settings = NULL;

  g_return_val_if_fail (application == NULL || RANAH_IS_APPLICATION (application), NULL);

  self = g_object_new (RANAH_TYPE_WINDOW, "application", application, NULL);
  self->application = application;
  if (application != NULL && (settings = ranah_application_get_settings (application)) != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  else
    gtk_window_set_default_size (GTK_WINDOW (self), 1100, 720);
  /* Until the store is there, the sidebar leads nowhere and shows no role's rows. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->sidebar_list), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->settings_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->report_row), FALSE);
  return self;
}

void
ranah_window_set_signed_in (RanahWindow *self,
                            RanahStore  *store)
{
  const RanahUser *user;
  g_autofree char *who = NULL;
  GSettings *settings = NULL;

  g_return_if_fail (RANAH_IS_WINDOW (self));
  g_return_if_fail (RANAH_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  user = ranah_store_get_user (store);
  if (self->application != NULL)
    settings = ranah_application_get_settings (self->application);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sidebar_list), TRUE);

  who = ranah_format_user (user);
  gtk_label_set_text (self->user_label, who);
  gtk_widget_set_visible (GTK_WIDGET (self->settings_row),
                          user != NULL && user->role == RANAH_ROLE_ADMIN);

  self->notifier = ranah_notifier_new (store, settings);

  ranah_inbox_page_set_store (self->inbox_page, store);
  /* Laporan is for DKISP: an OPD sees only its own requests. Escalation notices (warning,
   * breach, escalation) are told once each, from now on at every sign-in. */
  gtk_widget_set_visible (GTK_WIDGET (self->report_row),
                          user != NULL && user->role != RANAH_ROLE_OPD);
  if (user != NULL && user->role != RANAH_ROLE_OPD)
    self->escalations_pending = TRUE;

  /* Admin performs no step of the procedure: their home is Settings. */
  ranah_window_show_page (self, user != NULL && user->role == RANAH_ROLE_ADMIN ? "settings"
                                                                               : "inbox");
  ranah_inbox_page_reload (self->inbox_page);

  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self,
                           G_CONNECT_SWAPPED);
  ranah_store_watch (store);
}

void
ranah_window_preload_inbox (RanahWindow    *self,
                            RanahInboxLoad *inbox)
{
  g_return_if_fail (RANAH_IS_WINDOW (self));
  ranah_inbox_page_preload (self->inbox_page, inbox);
}

RanahStore *
ranah_window_get_store (RanahWindow *self)
{
  g_return_val_if_fail (RANAH_IS_WINDOW (self), NULL);
  return self->store;
}

void
ranah_window_new_request (RanahWindow *self)
{
  RanahNewRequestDialog *dialog;

  g_return_if_fail (RANAH_IS_WINDOW (self));

  if (!may_submit (self))
    {
      ranah_window_toast (self, _("Only an OPD or DKISP staff can enter a request."));
      return;
    }
  if (self->dialog != NULL)
    {
      gtk_window_present (self->dialog);
      return;
    }
  dialog = ranah_new_request_dialog_new (GTK_WINDOW (self), self->store);
  self->dialog = GTK_WINDOW (dialog);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_dialog_destroyed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "submitted", G_CALLBACK (on_request_submitted), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The pages other than the inbox are built the first time they are needed, not with the
 * window: the window then comes up sooner, and most sessions open two or three of them. */
static GtkWidget *
ensure_page (RanahWindow *self,
             const char  *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->content_stack, name);
  const char *title;

  if (page != NULL)
    return page;
  if (g_str_equal (name, "requests"))
    {
      self->requests_page = g_object_new (RANAH_TYPE_REQUESTS_PAGE, NULL);
      g_signal_connect_swapped (self->requests_page, "open-request",
                                G_CALLBACK (on_open_request), self);
      if (self->store != NULL)
        ranah_requests_page_set_store (self->requests_page, self->store);
      page = GTK_WIDGET (self->requests_page);
      title = _("Requests");
    }
  else if (g_str_equal (name, "registry"))
    {
      self->registry_page = g_object_new (RANAH_TYPE_REGISTRY_PAGE, NULL);
      if (self->store != NULL)
        ranah_registry_page_set_store (self->registry_page, self->store);
      page = GTK_WIDGET (self->registry_page);
      title = _("Subdomain Registry");
    }
  else if (g_str_equal (name, "report"))
    {
      self->report_page = g_object_new (RANAH_TYPE_REPORT_PAGE, NULL);
      if (self->store != NULL)
        ranah_report_page_set_store (self->report_page, self->store);
      page = GTK_WIDGET (self->report_page);
      title = _("Reports");
    }
  else if (g_str_equal (name, "settings"))
    {
      self->settings_page = g_object_new (RANAH_TYPE_SETTINGS_PAGE, NULL);
      if (self->store != NULL)
        ranah_settings_page_set_store (self->settings_page, self->store);
      page = GTK_WIDGET (self->settings_page);
      title = _("Settings");
    }
  else if (g_str_equal (name, "request"))
    {
      self->request_page = g_object_new (RANAH_TYPE_REQUEST_PAGE, NULL);
      if (self->store != NULL)
        ranah_request_page_set_store (self->request_page, self->store);
      page = GTK_WIDGET (self->request_page);
      title = _("Request");
    }
  else
    return NULL;
  gtk_stack_add_titled (self->content_stack, page, name, title);
  return page;
}

void
ranah_window_search (RanahWindow *self)
{
  const char *name;

  g_return_if_fail (RANAH_IS_WINDOW (self));

  name = gtk_stack_get_visible_child_name (self->content_stack);
  if (g_strcmp0 (name, "registry") == 0)
    ranah_registry_page_focus_search (self->registry_page);
  else
    {
      ranah_window_show_page (self, "requests");
      if (self->requests_page != NULL)
        ranah_requests_page_focus_search (self->requests_page);
    }
}

void
ranah_window_show_page (RanahWindow *self,
                        const char  *name)
{
  const RanahUser *user;

  g_return_if_fail (RANAH_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  /* Still signing in: the inbox's spinner stays until the store is there. */
  if (self->store == NULL)
    return;
  user = ranah_store_get_user (self->store);
  if (g_str_equal (name, "settings") && (user == NULL || user->role != RANAH_ROLE_ADMIN))
    {
      ranah_window_toast (self, _("Only an administrator can change the settings."));
      return;
    }
  if (g_str_equal (name, "report") && (user == NULL || user->role == RANAH_ROLE_OPD))
    return;
  if (ensure_page (self, name) == NULL)
    return;

  gtk_stack_set_visible_child_name (self->content_stack, name);
  if (!g_str_equal (name, "request"))
    {
      select_sidebar_row (self, name);
      if (g_str_equal (name, "requests"))
        ranah_requests_page_reload (self->requests_page);
      else if (g_str_equal (name, "registry"))
        ranah_registry_page_reload (self->registry_page);
      else if (g_str_equal (name, "settings"))
        ranah_settings_page_reload (self->settings_page);
      else if (g_str_equal (name, "report"))
        ranah_report_page_reload (self->report_page);
    }
  update_title (self);
}

const char *
ranah_window_get_visible_page (RanahWindow *self)
{
  g_return_val_if_fail (RANAH_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->content_stack);
}

GtkWidget *
ranah_window_get_page (RanahWindow *self,
                       const char  *name)
{
  g_return_val_if_fail (RANAH_IS_WINDOW (self), NULL);
  return ensure_page (self, name);
}

void
ranah_window_open_request (RanahWindow *self,
                           gint64       request_id)
{
  const char *current;

  g_return_if_fail (RANAH_IS_WINDOW (self));

  current = gtk_stack_get_visible_child_name (self->content_stack);
  if (g_strcmp0 (current, "request") != 0)
    {
      g_free (self->page_before_request);
      self->page_before_request = g_strdup (current);
    }
  ensure_page (self, "request");
  ranah_request_page_load (self->request_page, request_id);
  ranah_window_show_page (self, "request");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

void
ranah_window_reload (RanahWindow *self)
{
  const char *name;

  g_return_if_fail (RANAH_IS_WINDOW (self));

  ranah_inbox_page_reload (self->inbox_page);
  name = gtk_stack_get_visible_child_name (self->content_stack);
  if (g_strcmp0 (name, "requests") == 0)
    ranah_requests_page_reload (self->requests_page);
  else if (g_strcmp0 (name, "registry") == 0)
    ranah_registry_page_reload (self->registry_page);
  else if (g_strcmp0 (name, "settings") == 0)
    ranah_settings_page_reload (self->settings_page);
  else if (g_strcmp0 (name, "request") == 0)
    ranah_request_page_reload (self->request_page);
}

void
ranah_window_toast (RanahWindow *self,
                    const char  *message)
{
  AdwToast *toast;

  g_return_if_fail (RANAH_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

RanahNotifier *
ranah_window_get_notifier (RanahWindow *self)
{
  g_return_val_if_fail (RANAH_IS_WINDOW (self), NULL);
  return self->notifier;
}

GtkWindow *
ranah_window_get_dialog (RanahWindow *self)
{
  g_return_val_if_fail (RANAH_IS_WINDOW (self), NULL);
  return self->dialog;
}

void
ranah_widget_toast (GtkWidget  *widget,
                    const char *message)
{
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  root = gtk_widget_get_root (widget);
  if (RANAH_IS_WINDOW (root))
    ranah_window_toast (RANAH_WINDOW (root), message);
  else if (GTK_IS_WINDOW (root) && RANAH_IS_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (root))))
    ranah_window_toast (RANAH_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (root))), message);
  else
    g_message ("%s", message);
}
