/* ranah-store-banner.c — the "store cannot be reached" banner atop the main window
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any page's store call that fails with RANAH_STORE_ERROR_UNAVAILABLE (the server
 * restarted, the network is cut, the disk went away) reveals the banner; from then on a
 * cheap store call runs in a worker every few seconds, and the first one that gets an
 * answer hides the banner and reloads the views. Dialogs are left alone, so what the user
 * typed stays where it is.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ranah-store-banner.h"
#include "ranah-task.h"
#include "ranah-window.h"

struct _RanahStoreBanner
{
  GtkWidget    parent_instance;

  GtkRevealer *revealer;
  GtkWindow   *window;     /* not owned: the banner lives inside it */
  RanahStore  *store;      /* owned; NULL means the window's */
  guint        interval;
  guint        timeout_id;
  gboolean     probing;
};

G_DEFINE_FINAL_TYPE (RanahStoreBanner, ranah_store_banner, GTK_TYPE_WIDGET)

static void schedule_probe (RanahStoreBanner *self);

static RanahStore *
probe_store (RanahStoreBanner *self)
{
  if (self->store != NULL)
    return self->store;
  if (RANAH_IS_WINDOW (self->window))
    return ranah_window_get_store (RANAH_WINDOW (self->window));
  return NULL;
}

static gpointer
probe_thread (gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return ranah_store_list_opds (RANAH_STORE (data), error);
}

static void
probe_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  RanahStoreBanner *self = RANAH_STORE_BANNER (source);
  g_autoptr(GPtrArray) opds = NULL;
  g_autoptr(GError) error = NULL;

  self->probing = FALSE;
  opds = ranah_task_finish (result, &error);
  if (g_error_matches (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE))
    {
      schedule_probe (self);
      return;
    }
  /* Any other answer came from the store itself: it can be reached again. */
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  if (RANAH_IS_WINDOW (self->window))
    ranah_window_reload (RANAH_WINDOW (self->window));
}

static gboolean
probe_now (gpointer user_data)
{
  RanahStoreBanner *self = user_data;
  RanahStore *store = probe_store (self);

  self->timeout_id = 0;
  if (store == NULL)
    return G_SOURCE_REMOVE;
  self->probing = TRUE;
  ranah_task_run (self, NULL, probe_thread, g_object_ref (store), g_object_unref,
                  (GDestroyNotify) g_ptr_array_unref, probe_done, NULL);
  return G_SOURCE_REMOVE;
}

static void
schedule_probe (RanahStoreBanner *self)
{
  if (self->timeout_id != 0 || self->probing)
    return;
  self->timeout_id = g_timeout_add_seconds (self->interval, probe_now, self);
}

static void
ranah_store_banner_dispose (GObject *object)
{
  RanahStoreBanner *self = RANAH_STORE_BANNER (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->store);
  if (self->revealer != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->revealer));
      self->revealer = NULL;
    }
  G_OBJECT_CLASS (ranah_store_banner_parent_class)->dispose (object);
}

static void
ranah_store_banner_class_init (RanahStoreBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ranah_store_banner_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
ranah_store_banner_init (RanahStoreBanner *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *label = gtk_label_new (_("The store cannot be reached; Ranah keeps trying and "
                                      "reloads as soon as it answers."));

  self->interval = 5;
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), spinner);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "ranah-error-banner");

  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_revealer_set_child (self->revealer, box);
  gtk_widget_set_parent (GTK_WIDGET (self->revealer), GTK_WIDGET (self));
}

RanahStoreBanner *
ranah_store_banner_install (GtkWindow *window,
                            GtkWidget *overlay)
{
  RanahStoreBanner *self;
  GtkWidget *box;
  g_autoptr(GtkWidget) child = NULL;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (overlay), NULL);

  self = g_object_new (RANAH_TYPE_STORE_BANNER, NULL);
  self->window = window;
  child = adw_toast_overlay_get_child (ADW_TOAST_OVERLAY (overlay));
  if (child != NULL)
    g_object_ref (child);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), NULL);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self));
  if (child != NULL)
    {
      gtk_widget_set_vexpand (child, TRUE);
      gtk_box_append (GTK_BOX (box), child);
    }
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), box);
  g_object_set_data (G_OBJECT (window), "ranah-store-banner", self);
  return self;
}

RanahStoreBanner *
ranah_store_banner_get_for (GtkWidget *widget)
{
  GtkRoot *root;
  RanahStoreBanner *banner;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  if (GTK_IS_WINDOW (widget))
    root = GTK_ROOT (widget);
  else
    root = gtk_widget_get_root (widget);
  if (!GTK_IS_WINDOW (root))
    return NULL;
  banner = g_object_get_data (G_OBJECT (root), "ranah-store-banner");
  if (banner == NULL && gtk_window_get_transient_for (GTK_WINDOW (root)) != NULL)
    banner = g_object_get_data (G_OBJECT (gtk_window_get_transient_for (GTK_WINDOW (root))),
                                "ranah-store-banner");
  return banner;
}

gboolean
ranah_store_banner_notice (GtkWidget    *widget,
                           const GError *error)
{
  RanahStoreBanner *self;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  if (!g_error_matches (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE))
    return FALSE;
  self = ranah_store_banner_get_for (widget);
  if (self == NULL)
    return FALSE;
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
  schedule_probe (self);
  return TRUE;
}

gboolean
ranah_store_banner_is_shown (RanahStoreBanner *self)
{
  g_return_val_if_fail (RANAH_IS_STORE_BANNER (self), FALSE);
  return gtk_revealer_get_reveal_child (self->revealer);
}

void
ranah_store_banner_set_store (RanahStoreBanner *self,
                              RanahStore       *store)
{
  g_return_if_fail (RANAH_IS_STORE_BANNER (self));
  g_return_if_fail (store == NULL || RANAH_IS_STORE (store));
  g_set_object (&self->store, store);
}

void
ranah_store_banner_set_interval (RanahStoreBanner *self,
                                 guint             seconds)
{
  g_return_if_fail (RANAH_IS_STORE_BANNER (self));
  self->interval = MAX (seconds, 1);
}
