/* ranah-notifier.c — desktop notifications: new inbox items, the daily overdue list and
 * failed DNS checks
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A failed check is told once: by (entry id, result), so neither a refresh nor a cron job
 * that checks every hour repeats a failure that stays the same, while a different result (a
 * new problem, a certificate's days running out) is told. An entry that passes drops out,
 * and fails anew later. What was told is kept in the "failing-check-notices" setting, per
 * user name, so that signing in again the next morning does not repeat it either.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libnotify/notify.h>

#include "ranah-escalation.h"
#include "ranah-notifier.h"
#include "ranah-request-object.h"
#include "ranah-task.h"

struct _RanahNotifier
{
  GObject      parent_instance;

  RanahStore  *store;
  GSettings   *settings;
  GHashTable  *seen;            /* request id → state the last time it was in the inbox */
  gboolean     primed;
  char        *overdue_date;    /* without settings */
  char        *last_summary;
  GHashTable  *told_failing;    /* "ENTRY-ID:CHECKED-AT" of failed checks already told */
  gboolean     checking;
  gboolean     check_again;
  guint        n_sent;
  guint        n_delivered;
};

G_DEFINE_FINAL_TYPE (RanahNotifier, ranah_notifier, G_TYPE_OBJECT)

enum {
  NOTIFIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  RanahStore *store;
  GPtrArray  *requests;  /* RanahRequest* arrivals */
} ArrivalJob;

static void
arrival_job_free (ArrivalJob *job)
{
  g_clear_object (&job->store);
  g_clear_pointer (&job->requests, g_ptr_array_unref);
  g_free (job);
}

static void
send_notification (RanahNotifier *self,
                   const char    *summary,
                   const char    *body)
{
  g_autoptr(GError) error = NULL;

  g_free (self->last_summary);
  self->last_summary = g_strdup (summary);
  self->n_sent++;
  g_signal_emit (self, signals[NOTIFIED], 0, summary, body);

  if (self->settings != NULL && !g_settings_get_boolean (self->settings, "notifications"))
    return;
  if (!notify_is_initted () && !notify_init (APP_ID))
    return;
  {
    NotifyNotification *notification = notify_notification_new (summary, body, APP_ID);

    notify_notification_set_category (notification, "x-ranah.inbox");
    notify_notification_set_hint (notification, "desktop-entry", g_variant_new_string (APP_ID));
    if (!notify_notification_show (notification, &error))
      g_debug ("Could not show a notification: %s", error->message);
    else
      self->n_delivered++;
    g_object_unref (notification);
  }
}

static gpointer
arrivals_thread (gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  ArrivalJob *job = data;
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < job->requests->len; i++)
    {
      RanahRequest *request = g_ptr_array_index (job->requests, i);
      g_autoptr(GPtrArray) dispositions = NULL;
      RanahDisposition *last = NULL;

      dispositions = ranah_store_list_dispositions (job->store, request->id, NULL);
      for (guint d = 0; dispositions != NULL && d < dispositions->len; d++)
        {
          RanahDisposition *disposition = g_ptr_array_index (dispositions, d);
          if (!disposition->recalled)
            last = disposition;
        }
      if (last != NULL && ranah_workflow_pending_step (request->state) == last->step + 1)
        g_ptr_array_add (lines, g_strdup_printf (_("New disposition: %s from %s"), request->fqdn,
                                                 ranah_role_title (last->from_role)));
      else
        g_ptr_array_add (lines, g_strdup_printf (_("New in your inbox: %s (%s)"), request->fqdn,
                                                 ranah_state_label (request->state)));
    }
  return lines;
}

static void
arrivals_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  RanahNotifier *self = RANAH_NOTIFIER (source);
  g_autoptr(GPtrArray) lines = ranah_task_finish (result, NULL);

  for (guint i = 0; lines != NULL && i < lines->len; i++)
    send_notification (self, g_ptr_array_index (lines, i), _("Open Ranah to act on it."));
}

static void
check_overdue (RanahNotifier *self,
               GListModel    *inbox,
               RanahCalendar *calendar)
{
  gint64 now = ranah_store_now (self->store);
  g_autofree char *today = NULL;
  g_autofree char *last = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  guint n_overdue = 0;
  g_autofree char *summary = NULL;

  if (calendar == NULL)
    return;
  today = ranah_calendar_date_of (calendar, now);
  if (!ranah_calendar_is_working_day (calendar, today))
    return;
  last = self->settings != NULL ? g_settings_get_string (self->settings, "overdue-notice-date")
                                : g_strdup (self->overdue_date);
  if (g_strcmp0 (last, today) == 0)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (inbox); i++)
    {
      g_autoptr(RanahRequestObject) object = g_list_model_get_item (inbox, i);
      const RanahRequest *request = ranah_request_object_get_request (object);
      RanahClock clock;

      /* By the calendar as it is now, not the store's cached due time. */
      if (!ranah_escalation_clock (calendar, request, now, &clock) || !clock.overdue)
        continue;
      if (n_overdue < 10)
        g_string_append_printf (body, "%s%s — %s", body->len ? "\n" : "", request->fqdn,
                                ranah_state_label (request->state));
      n_overdue++;
    }
  if (n_overdue == 0)
    return;
  if (n_overdue > 10)
    g_string_append_printf (body, "\n%s", _("…and more in your inbox."));

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "overdue-notice-date", today);
  g_free (self->overdue_date);
  self->overdue_date = g_strdup (today);

  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item is overdue",
                                          "%u items are overdue", n_overdue), n_overdue);
  send_notification (self, summary, body->str);
}

/* Failed DNS checks */

/* The roles that keep the registry and act on a failed check (Sub Koordinator and Staf;
 * the administrator performs no step of the procedure). */
static gboolean
keeps_registry (const RanahUser *user)
{
  return user != NULL && (user->role == RANAH_ROLE_SUBKOOR || user->role == RANAH_ROLE_STAF);
}

static char *
failing_key (const RanahEntry *entry)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "\t%s", entry->id,
                          entry->last_check != NULL ? entry->last_check : "");
}

static void
load_told_failing (RanahNotifier *self,
                   const char    *username)
{
  g_autoptr(GVariant) told = NULL;
  GVariantIter iter;
  const char *who, *result;
  gint64 id;

  self->told_failing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (self->settings == NULL)
    return;
  told = g_settings_get_value (self->settings, "failing-check-notices");
  g_variant_iter_init (&iter, told);
  while (g_variant_iter_next (&iter, "(&sx&s)", &who, &id, &result))
    if (g_strcmp0 (who, username) == 0)
      g_hash_table_add (self->told_failing,
                        g_strdup_printf ("%" G_GINT64_FORMAT "\t%s", id, result));
}

/* Keeps other users' notices and replaces this user's with the failures now told. */
static void
save_told_failing (RanahNotifier *self,
                   const char    *username)
{
  g_autoptr(GVariant) old = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  GHashTableIter told;
  const char *who, *result;
  gpointer key;
  gint64 id;

  if (self->settings == NULL)
    return;
  old = g_settings_get_value (self->settings, "failing-check-notices");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sxs)"));
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "(&sx&s)", &who, &id, &result))
    if (g_strcmp0 (who, username) != 0)
      g_variant_builder_add (&builder, "(sxs)", who, id, result);
  g_hash_table_iter_init (&told, self->told_failing);
  while (g_hash_table_iter_next (&told, &key, NULL))
    {
      const char *tab = strchr (key, '\t');

      if (tab != NULL)
        g_variant_builder_add (&builder, "(sxs)", username,
                               g_ascii_strtoll (key, NULL, 10), tab + 1);
    }
  g_settings_set_value (self->settings, "failing-check-notices",
                        g_variant_builder_end (&builder));
}

static void
notify_failing (RanahNotifier *self,
                GPtrArray     *entries)
{
  const RanahUser *me = ranah_store_get_user (self->store);
  g_autoptr(GHashTable) failing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *summary = NULL;
  gboolean same;

  if (me == NULL)
    return;
  for (guint i = 0; i < entries->len; i++)
    {
      const RanahEntry *entry = g_ptr_array_index (entries, i);
      char *key = failing_key (entry);

      if (!g_hash_table_contains (self->told_failing, key))
        g_ptr_array_add (fresh, (gpointer) entry);
      g_hash_table_add (failing, key);
    }
  /* Entries that recovered drop out, so the setting holds only what still fails. */
  same = fresh->len == 0 && g_hash_table_size (failing) == g_hash_table_size (self->told_failing);
  g_hash_table_unref (self->told_failing);
  self->told_failing = g_steal_pointer (&failing);
  if (!same)
    save_told_failing (self, me->username);
  if (fresh->len == 0)
    return;

  if (fresh->len == 1)
    {
      const RanahEntry *entry = g_ptr_array_index (fresh, 0);

      summary = g_strdup_printf (_("DNS check failed: %s"), entry->fqdn);
      g_string_append (body, entry->last_check != NULL ? entry->last_check : "");
    }
  else
    {
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u subdomain failed its DNS check",
                                              "%u subdomains failed their DNS check", fresh->len),
                                 fresh->len);
      for (guint i = 0; i < fresh->len && i < 5; i++)
        {
          const RanahEntry *entry = g_ptr_array_index (fresh, i);
          g_string_append_printf (body, "%s%s — %s", i > 0 ? "\n" : "", entry->fqdn,
                                  entry->last_check != NULL ? entry->last_check : "");
        }
      if (fresh->len > 5)
        {
          g_string_append_c (body, '\n');
          g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "…and %u more.",
                                                     "…and %u more.", fresh->len - 5),
                                  fresh->len - 5);
        }
    }
  send_notification (self, summary, body->str);
}

static gpointer
failing_thread (gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  RanahEntryFilter filter = { NULL, 0, -1, TRUE };

  return ranah_store_list_entries (RANAH_STORE (data), &filter, error);
}

static void
failing_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  RanahNotifier *self = RANAH_NOTIFIER (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = ranah_task_finish (result, &error);

  self->checking = FALSE;
  /* An unreachable store is the store banner's to tell. */
  if (entries == NULL)
    g_debug ("Could not look for failed DNS checks: %s", error->message);
  else
    notify_failing (self, entries);
  if (self->check_again)
    {
      self->check_again = FALSE;
      ranah_notifier_check_registry (self);
    }
}

static void
ranah_notifier_finalize (GObject *object)
{
  RanahNotifier *self = RANAH_NOTIFIER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->seen, g_hash_table_unref);
  g_clear_pointer (&self->overdue_date, g_free);
  g_clear_pointer (&self->last_summary, g_free);
  g_clear_pointer (&self->told_failing, g_hash_table_unref);

  G_OBJECT_CLASS (ranah_notifier_parent_class)->finalize (object);
}

static void
ranah_notifier_class_init (RanahNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ranah_notifier_finalize;

  /**
   * RanahNotifier::notified:
   * @summary: the notification's summary
   * @body: its body
   *
   * A notification was sent (or would have been, with notifications off).
   */
  signals[NOTIFIED] = g_signal_new ("notified", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                    G_TYPE_STRING, G_TYPE_STRING);
}

static void
ranah_notifier_init (RanahNotifier *self)
{
  self->seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

RanahNotifier *
ranah_notifier_new (RanahStore *store,
                    GSettings  *settings)
{
  RanahNotifier *self;

  g_return_val_if_fail (RANAH_IS_STORE (store), NULL);

  self = g_object_new (RANAH_TYPE_NOTIFIER, NULL);
  self->store = g_object_ref (store);
  if (settings != NULL)
    self->settings = g_object_ref (settings);
  return self;
}

void
ranah_notifier_inbox_loaded (RanahNotifier *self,
                             GListModel    *inbox,
                             RanahCalendar *calendar)
{
  g_autoptr(GHashTable) seen = NULL;
  GPtrArray *arrivals = NULL;

  g_return_if_fail (RANAH_IS_NOTIFIER (self));
  g_return_if_fail (G_IS_LIST_MODEL (inbox));

  seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (inbox); i++)
    {
      g_autoptr(RanahRequestObject) object = g_list_model_get_item (inbox, i);
      const RanahRequest *request = ranah_request_object_get_request (object);
      gpointer old_state;
      gboolean known = g_hash_table_lookup_extended (self->seen, &request->id, NULL, &old_state);

      if (self->primed && (!known || GPOINTER_TO_INT (old_state) != (int) request->state))
        {
          if (arrivals == NULL)
            arrivals = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_request_free);
          g_ptr_array_add (arrivals, ranah_request_copy (request));
        }
      g_hash_table_insert (seen, g_memdup2 (&request->id, sizeof request->id),
                           GINT_TO_POINTER ((int) request->state));
    }
  g_hash_table_unref (self->seen);
  self->seen = g_steal_pointer (&seen);

  self->primed = TRUE;
  check_overdue (self, inbox, calendar);

  if (arrivals != NULL)
    {
      ArrivalJob *job = g_new0 (ArrivalJob, 1);

      job->store = g_object_ref (self->store);
      job->requests = arrivals;
      ranah_task_run (self, NULL, arrivals_thread, job, (GDestroyNotify) arrival_job_free,
                      (GDestroyNotify) g_ptr_array_unref, arrivals_done, NULL);
    }
}

void
ranah_notifier_check_registry (RanahNotifier *self)
{
  const RanahUser *me;

  g_return_if_fail (RANAH_IS_NOTIFIER (self));

  me = ranah_store_get_user (self->store);
  if (!keeps_registry (me))
    return;
  if (self->checking)
    {
      self->check_again = TRUE;
      return;
    }
  if (self->told_failing == NULL)
    load_told_failing (self, me->username);
  self->checking = TRUE;
  ranah_task_run (self, NULL, failing_thread, g_object_ref (self->store), g_object_unref,
                  (GDestroyNotify) g_ptr_array_unref, failing_done, NULL);
}

const char *
ranah_notifier_get_last_summary (RanahNotifier *self)
{
  g_return_val_if_fail (RANAH_IS_NOTIFIER (self), NULL);
  return self->last_summary;
}

guint
ranah_notifier_get_n_delivered (RanahNotifier *self)
{
  g_return_val_if_fail (RANAH_IS_NOTIFIER (self), 0);
  return self->n_delivered;
}

guint
ranah_notifier_get_n_sent (RanahNotifier *self)
{
  g_return_val_if_fail (RANAH_IS_NOTIFIER (self), 0);
  return self->n_sent;
}
