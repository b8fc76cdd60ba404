/* ranah-escalation.c — the service-standard clock of open steps and who must be told
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <math.h>

#include "ranah-escalation.h"
#include "ranah-workflow.h"

#define DEFAULT_WARN_PERCENT   75
#define DEFAULT_BREACH_PERCENT 100

const char *
ranah_alert_kind_to_string (RanahAlertKind kind)
{
  switch (kind)
    {
    case RANAH_ALERT_WARN:
      return "warn";
    case RANAH_ALERT_BREACH:
      return "breach";
    case RANAH_ALERT_ESCALATED:
      return "escalated";
    default:
      return "unknown";
    }
}

RanahRole
ranah_escalation_superior (RanahRole role)
{
  /* The SOP's chain of dispositions (steps 2–4), read upwards. */
  switch (role)
    {
    case RANAH_ROLE_STAF:
      return RANAH_ROLE_SUBKOOR;
    case RANAH_ROLE_SUBKOOR:
      return RANAH_ROLE_KABID;
    case RANAH_ROLE_KABID:
      return RANAH_ROLE_KADIS;
    default:
      return RANAH_ROLE_NONE;
    }
}

RanahRole
ranah_escalation_holder (RanahState state)
{
  guint step = ranah_workflow_pending_step (state);

  if (step == 0)
    return RANAH_ROLE_NONE;
  return ranah_workflow_sop_step (step)->actor;
}

gint64
ranah_escalation_received_at (RanahCalendar      *calendar,
                              const RanahRequest *request)
{
  gint64 opening;

  g_return_val_if_fail (calendar != NULL, 0);
  g_return_val_if_fail (request != NULL, 0);

  if (request->received_at != 0)
    return request->received_at;
  opening = ranah_calendar_opening (calendar, request->received_date);
  if (opening == 0)
    return request->created_at;
  /* Entered on the day it arrived, without a time: it arrived when it was entered (or at
   * the opening, if that was earlier in the morning). */
  if (request->created_at > opening
      && request->created_at < ranah_calendar_moment (calendar, request->received_date, 24 * 60))
    return request->created_at;
  return opening;
}

gint64
ranah_escalation_started (RanahCalendar      *calendar,
                          const RanahRequest *request)
{
  g_return_val_if_fail (calendar != NULL, 0);
  g_return_val_if_fail (request != NULL, 0);

  /* Every move sets state_since, so a request still in its first state since it was
   * entered has state_since == created_at. A letter recalled back to "submitted" starts
   * again from the recall. */
  if (request->state == RANAH_STATE_SUBMITTED && request->state_since == request->created_at)
    return MIN (ranah_escalation_received_at (calendar, request), request->state_since);
  return request->state_since;
}

gint64
ranah_escalation_disposition_due (RanahCalendar          *calendar,
                                  const RanahDisposition *disposition)
{
  const RanahSopStep *next;

  g_return_val_if_fail (calendar != NULL, 0);
  g_return_val_if_fail (disposition != NULL, 0);

  next = ranah_workflow_sop_step (disposition->step + 1);
  return ranah_calendar_add_working_days (calendar, disposition->created_at,
                                          MAX (1u, next != NULL ? next->standard_days : 0));
}

gboolean
ranah_escalation_clock (RanahCalendar      *calendar,
                        const RanahRequest *request,
                        gint64              now,
                        RanahClock         *clock)
{
  gint64 span;

  g_return_val_if_fail (calendar != NULL, FALSE);
  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail (clock != NULL, FALSE);

  *clock = (RanahClock) { 0 };
  clock->step = ranah_workflow_pending_step (request->state);
  if (clock->step == 0)
    return FALSE;
  clock->holder = ranah_escalation_holder (request->state);
  clock->started = ranah_escalation_started (calendar, request);
  clock->standard_days = ranah_workflow_standard_days (request->state);
  ranah_calendar_working_time (calendar, clock->started, now, &clock->waited_seconds,
                               &clock->waited_days);
  if (clock->standard_days == 0)
    return FALSE;

  /* From the calendar as it is now, never from the store's cached request->due_at. */
  clock->due_at = ranah_calendar_add_working_days (calendar, clock->started,
                                                   clock->standard_days);
  span = ranah_calendar_working_seconds (calendar, clock->started, clock->due_at);
  if (span <= 0)
    clock->used = now >= clock->due_at ? 1.0 : 0.0;
  else
    clock->used = (double) clock->waited_seconds / (double) span;
  /* Past the due time is a breach even when no office time has passed since (a due time
   * at closing, and the evening after it). */
  if (now >= clock->due_at && clock->used < 1.0)
    clock->used = 1.0;
  clock->overdue = now >= clock->due_at;
  return TRUE;
}

void
ranah_alert_free (RanahAlert *alert)
{
  if (alert == NULL)
    return;
  g_free (alert->fqdn);
  g_free (alert->message);
  g_free (alert->key);
  g_free (alert);
}

static guint
profile_percent (GHashTable *profile,
                 const char *key,
                 guint       fallback)
{
  const char *value = profile != NULL ? g_hash_table_lookup (profile, key) : NULL;
  guint64 n;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, 1000, &n, NULL))
    return fallback;
  return (guint) n;
}

void
ranah_thresholds_from_profile (GHashTable      *profile,
                               RanahThresholds *thresholds)
{
  g_return_if_fail (thresholds != NULL);

  thresholds->breach_percent = profile_percent (profile, RANAH_PROFILE_BREACH_PERCENT,
                                                DEFAULT_BREACH_PERCENT);
  thresholds->warn_percent = profile_percent (profile, RANAH_PROFILE_WARN_PERCENT,
                                              DEFAULT_WARN_PERCENT);
  thresholds->warn_percent = MIN (thresholds->warn_percent, thresholds->breach_percent);
}

static const char *
name_of (const RanahRequest *request)
{
  if (request->fqdn != NULL && *request->fqdn != '\0')
    return request->fqdn;
  if (request->name != NULL && *request->name != '\0')
    return request->name;
  return "?";
}

static RanahAlert *
alert_new (RanahCalendar      *calendar,
           const RanahRequest *request,
           const RanahClock   *clock,
           RanahRole           recipient,
           RanahAlertKind      kind)
{
  RanahAlert *alert = g_new0 (RanahAlert, 1);
  g_autofree char *due = ranah_calendar_date_of (calendar, clock->due_at);
  int percent = (int) floor (clock->used * 100.0 + 1e-9);

  alert->request_id = request->id;
  alert->fqdn = g_strdup (name_of (request));
  alert->state = request->state;
  alert->step = clock->step;
  alert->holder = clock->holder;
  alert->holder_id = request->assignee_id;
  alert->recipient = recipient;
  alert->kind = kind;
  alert->due_at = clock->due_at;
  alert->used = clock->used;
  alert->key = g_strdup_printf ("%" G_GINT64_FORMAT ":%s:%" G_GINT64_FORMAT ":%s",
                                request->id, ranah_state_to_string (request->state),
                                request->state_since, ranah_alert_kind_to_string (kind));
  switch (kind)
    {
    case RANAH_ALERT_WARN:
      alert->message = g_strdup_printf (_("Request %s has used %d%% of the time for step %u; "
                                          "it is due on %s."),
                                        alert->fqdn, percent, clock->step, due);
      break;
    case RANAH_ALERT_BREACH:
      alert->message = g_strdup_printf (_("Request %s is past the standard of step %u: it "
                                          "was due on %s."),
                                        alert->fqdn, clock->step, due);
      break;
    case RANAH_ALERT_ESCALATED:
      if (request->assignee_name != NULL && *request->assignee_name != '\0')
        alert->message = g_strdup_printf (_("Request %s is past the standard of step %u "
                                            "held by %s (%s): it was due on %s."),
                                          alert->fqdn, clock->step, request->assignee_name,
                                          ranah_role_title (clock->holder), due);
      else
        alert->message = g_strdup_printf (_("Request %s is past the standard of step %u "
                                            "held by %s: it was due on %s."),
                                          alert->fqdn, clock->step,
                                          ranah_role_title (clock->holder), due);
      break;
    default:
      g_assert_not_reached ();
    }
  return alert;
}

static gint
by_used_desc (gconstpointer a,
              gconstpointer b)
{
  const RanahAlert *x = *(RanahAlert * const *) a;
  const RanahAlert *y = *(RanahAlert * const *) b;

  if (x->used != y->used)
    return x->used > y->used ? -1 : 1;
  return x->request_id < y->request_id ? -1 : x->request_id > y->request_id;
}

/* The alerts of one request: for its holder, and for the holder's superior on breach. */
static void
alerts_of (RanahCalendar         *calendar,
           const RanahRequest    *request,
           gint64                 now,
           const RanahThresholds *thresholds,
           GPtrArray             *out)
{
  RanahClock clock;
  RanahRole superior;
  double warn = thresholds->warn_percent / 100.0;
  double breach = thresholds->breach_percent / 100.0;

  if (!ranah_escalation_clock (calendar, request, now, &clock))
    return;
  if (clock.used + 1e-9 < warn)
    return;
  if (clock.used + 1e-9 < breach)
    {
      g_ptr_array_add (out, alert_new (calendar, request, &clock, clock.holder,
                                       RANAH_ALERT_WARN));
      return;
    }
  g_ptr_array_add (out, alert_new (calendar, request, &clock, clock.holder,
                                   RANAH_ALERT_BREACH));
  superior = ranah_escalation_superior (clock.holder);
  if (superior != RANAH_ROLE_NONE)
    g_ptr_array_add (out, alert_new (calendar, request, &clock, superior,
                                     RANAH_ALERT_ESCALATED));
}

static void
check_arguments (const RanahThresholds **thresholds,
                 RanahThresholds        *defaults)
{
  if (*thresholds == NULL)
    {
      ranah_thresholds_from_profile (NULL, defaults);
      *thresholds = defaults;
    }
}

GPtrArray *
ranah_escalation_all (RanahCalendar         *calendar,
                      GPtrArray             *requests,
                      gint64                 now,
                      const RanahThresholds *thresholds)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_alert_free);
  RanahThresholds defaults;

  g_return_val_if_fail (calendar != NULL, out);
  g_return_val_if_fail (requests != NULL, out);

  check_arguments (&thresholds, &defaults);
  for (guint i = 0; i < requests->len; i++)
    alerts_of (calendar, g_ptr_array_index (requests, i), now, thresholds, out);
  g_ptr_array_sort (out, by_used_desc);
  return out;
}

GPtrArray *
ranah_escalation_for_user (RanahCalendar         *calendar,
                           GPtrArray             *requests,
                           RanahRole              role,
                           gint64                 user_id,
                           gint64                 now,
                           const RanahThresholds *thresholds)
{
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_alert_free);

  g_return_val_if_fail (calendar != NULL, out);
  g_return_val_if_fail (requests != NULL, out);

  all = ranah_escalation_all (calendar, requests, now, thresholds);
  for (guint i = 0; i < all->len; i++)
    {
      RanahAlert *alert = g_ptr_array_index (all, i);

      if (alert->recipient != role)
        continue;
      /* A step disposed to one person is theirs alone; their colleagues in the role are
       * not told about it. An escalation goes to every holder of the superior role. */
      if (alert->kind != RANAH_ALERT_ESCALATED && alert->holder_id != 0
          && alert->holder_id != user_id)
        continue;
      g_ptr_array_add (out, g_steal_pointer (&all->pdata[i]));
    }
  return out;
}
