/* test-report.c — the service-standard clock, the escalation chain, the figures of a period
 * on a real store, and the report PDFs
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures are checked against numbers this file computes on its own from the schedule
 * of moves it drives: its own day-by-day working-time count and its own sort, never the
 * calendar or the report code under test.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "store-fixture.h"
#include "ranah-report-pdf.h"

#define TZID "Asia/Makassar"
#define HOUR 3600

static gint64
wita (int y, int m, int d, int h, int min)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (TZID);
  g_autoptr(GDateTime) dt = g_date_time_new (tz, y, m, d, h, min, 0);

  return g_date_time_to_unix (dt);
}

static RanahRequest *
open_request (RanahState state,
              gint64     since,
              gint64     assignee)
{
  RanahRequest *r = ranah_request_new ();

  r->id = 42;
  r->state = state;
  r->state_since = since;
  r->assignee_id = assignee;
  g_free (r->fqdn);
  r->fqdn = g_strdup ("simrs.tarakankota.go.id");
  return r;
}

/* ---- the clock ------------------------------------------------------------------------- */

static void
test_clock_weekend (void)
{
  g_autoptr(RanahCalendar) cal = ranah_calendar_new (TZID);
  g_autoptr(RanahRequest) r = open_request (RANAH_STATE_SUBMITTED, wita (2026, 3, 6, 15, 0), 0);
  RanahClock clock;

  /* Friday 15:00, one working day (Friday's 9 office hours): due Monday 15:00. */
  g_assert_true (ranah_escalation_clock (cal, r, wita (2026, 3, 9, 9, 0), &clock));
  g_assert_cmpint (clock.due_at, ==, wita (2026, 3, 9, 15, 0));
  g_assert_true (!clock.overdue);
  g_assert_cmpuint (clock.step, ==, 2);
  g_assert_cmpint (clock.holder, ==, RANAH_ROLE_KADIS);
  /* 1.5 h on Friday and 1.5 h on Monday of 9: a third, the night and weekend not counted. */
  g_assert_cmpfloat_with_epsilon (clock.used, 3.0 / 9.0, 1e-9);
  g_assert_cmpint (clock.waited_seconds, ==, 3 * HOUR);
  /* Sunday evening: only Friday's 1.5 h are used. */
  g_assert_true (ranah_escalation_clock (cal, r, wita (2026, 3, 8, 20, 0), &clock));
  g_assert_cmpfloat_with_epsilon (clock.used, 1.5 / 9.0, 1e-9);
  /* Monday 15:00 it is due, and overdue from then on. */
  g_assert_true (ranah_escalation_clock (cal, r, wita (2026, 3, 9, 15, 0), &clock));
  g_assert_true (clock.overdue);
  g_assert_cmpfloat_with_epsilon (clock.used, 1.0, 1e-9);
}

static void
test_clock_holiday (void)
{
  g_autoptr(RanahCalendar) cal = ranah_calendar_new (TZID);
  g_autoptr(RanahRequest) r = open_request (RANAH_STATE_AT_KABID, wita (2026, 3, 6, 15, 0), 7);
  RanahClock clock;

  g_assert_true (ranah_calendar_add_holiday (cal, "2026-03-09"));
  g_assert_true (ranah_escalation_clock (cal, r, wita (2026, 3, 10, 9, 0), &clock));
  /* Monday is a holiday: due Tuesday 15:00, and Tuesday 09:00 is a third again. */
  g_assert_cmpint (clock.due_at, ==, wita (2026, 3, 10, 15, 0));
  g_assert_cmpfloat_with_epsilon (clock.used, 3.0 / 9.0, 1e-9);
  g_assert_cmpint (clock.holder, ==, RANAH_ROLE_KABID);
}

static void
test_clock_cuti_bersama (void)
{
  g_autoptr(RanahCalendar) cal = ranah_calendar_new (TZID);
  g_autoptr(RanahRequest) r = open_request (RANAH_STATE_REVIEWED, wita (2026, 3, 17, 10, 0), 0);
  RanahClock clock;

  /* Cuti bersama on Wednesday 18 March and Nyepi on Thursday 19 March 2026. */
  g_assert_true (ranah_calendar_add_holiday (cal, "2026-03-18"));
  g_assert_true (ranah_calendar_add_holiday (cal, "2026-03-19"));
  g_assert_true (ranah_escalation_clock (cal, r, wita (2026, 3, 20, 9, 0), &clock));
  /* 6 h of Tuesday and 1.5 h of Friday, of Tuesday's 8.5. */
  g_assert_cmpint (clock.due_at, ==, wita (2026, 3, 20, 10, 0));
  g_assert_cmpfloat_with_epsilon (clock.used, 7.5 / 8.5, 1e-9);
  /* Three calendar days later, still not breached. */
  g_assert_cmpfloat (clock.used, <, 1.0);
  g_assert_true (ranah_escalation_clock (cal, r, wita (2026, 3, 20, 10, 0), &clock));
  g_assert_cmpfloat_with_epsilon (clock.used, 1.0, 1e-9);
}

static void
test_clock_follows_calendar (void)
{
  g_autoptr(RanahCalendar) cal = ranah_calendar_new (TZID);
  g_autoptr(RanahRequest) r = open_request (RANAH_STATE_AT_KABID, wita (2026, 3, 6, 15, 0), 7);
  RanahClock clock;

  /* What the store cached at the move (Monday 15:00) is not read. */
  r->due_at = wita (2026, 3, 9, 15, 0);
  g_assert_true (ranah_escalation_clock (cal, r, wita (2026, 3, 9, 16, 0), &clock));
  g_assert_true (clock.overdue);
  /* Monday declared a holiday afterwards: due Tuesday, no longer overdue on Monday. */
  g_assert_true (ranah_calendar_add_holiday (cal, "2026-03-09"));
  g_assert_true (ranah_escalation_clock (cal, r, wita (2026, 3, 9, 16, 0), &clock));
  g_assert_cmpint (clock.due_at, ==, wita (2026, 3, 10, 15, 0));
  g_assert_false (clock.overdue);
  g_assert_cmpfloat_with_epsilon (clock.used, 1.5 / 9.0, 1e-9);
  /* Other office hours move it too: Friday closing at 16:00 leaves 1 h of Friday. */
  g_assert_true (ranah_calendar_set_office_hours (cal, "mon-fri 07:30-16:00", NULL));
  g_assert_true (ranah_escalation_clock (cal, r, wita (2026, 3, 9, 16, 0), &clock));
  g_assert_cmpint (clock.due_at, ==, wita (2026, 3, 10, 15, 0));
  g_assert_cmpfloat_with_epsilon (clock.used, 1.0 / 8.5, 1e-9);
}

static void
test_clock_received (void)
{
  g_autoptr(RanahCalendar) cal = ranah_calendar_new (TZID);
  g_autoptr(RanahRequest) r = open_request (RANAH_STATE_SUBMITTED, wita (2026, 3, 12, 10, 0), 0);
  RanahClock clock;

  /* A paper letter received Tuesday, typed in on Thursday 10:00 without a time: its clock
   * started at Tuesday's opening, due Tuesday 16:00, overdue on Thursday. */
  r->created_at = r->state_since;
  g_free (r->received_date);
  r->received_date = g_strdup ("2026-03-10");
  g_assert_cmpint (ranah_escalation_received_at (cal, r), ==, wita (2026, 3, 10, 7, 30));
  g_assert_true (ranah_escalation_clock (cal, r, wita (2026, 3, 12, 10, 0), &clock));
  g_assert_cmpint (clock.started, ==, wita (2026, 3, 10, 7, 30));
  g_assert_cmpint (clock.due_at, ==, wita (2026, 3, 10, 16, 0));
  g_assert_true (clock.overdue);
  g_assert_cmpfloat_with_epsilon (clock.waited_days, 2.0 + 2.5 / 8.5, 1e-9);
  /* With its time: received Tuesday 14:00, due Wednesday 14:00. */
  r->received_at = wita (2026, 3, 10, 14, 0);
  g_assert_true (ranah_escalation_clock (cal, r, wita (2026, 3, 11, 13, 0), &clock));
  g_assert_cmpint (clock.due_at, ==, wita (2026, 3, 11, 14, 0));
  g_assert_false (clock.overdue);
  /* Entered the day it arrived without a time: from the moment it was entered. */
  r->received_at = 0;
  g_free (r->received_date);
  r->received_date = g_strdup ("2026-03-12");
  g_assert_cmpint (ranah_escalation_received_at (cal, r), ==, wita (2026, 3, 12, 10, 0));
  /* … or the opening, when it was entered before it. */
  r->created_at = r->state_since = wita (2026, 3, 12, 6, 0);
  g_assert_cmpint (ranah_escalation_received_at (cal, r), ==, wita (2026, 3, 12, 7, 30));
  g_assert_cmpint (ranah_escalation_started (cal, r), ==, wita (2026, 3, 12, 6, 0));
  /* Recalled back to "submitted": the clock starts at the recall. */
  g_free (r->received_date);
  r->received_date = g_strdup ("2026-03-10");
  r->state_since = wita (2026, 3, 13, 9, 0);
  g_assert_cmpint (ranah_escalation_started (cal, r), ==, wita (2026, 3, 13, 9, 0));
  /* Later steps run from their own start. */
  r->state = RANAH_STATE_AT_KABID;
  r->state_since = r->created_at;
  g_assert_cmpint (ranah_escalation_started (cal, r), ==, r->created_at);
}

static void
test_clock_no_standard (void)
{
  g_autoptr(RanahCalendar) cal = ranah_calendar_new (TZID);
  g_autoptr(RanahRequest) staf = open_request (RANAH_STATE_AT_STAF, wita (2026, 3, 2, 9, 0), 5);
  g_autoptr(RanahRequest) done = open_request (RANAH_STATE_DONE, wita (2026, 3, 2, 9, 0), 0);
  RanahClock clock;

  /* Steps 5, 6 and 10 have no Waktu in the SOP: no clock, no alerts. */
  g_assert_false (ranah_escalation_clock (cal, staf, wita (2026, 4, 2, 9, 0), &clock));
  g_assert_cmpuint (clock.step, ==, 5);
  g_assert_cmpint (clock.holder, ==, RANAH_ROLE_STAF);
  g_assert_false (ranah_escalation_clock (cal, done, wita (2026, 4, 2, 9, 0), &clock));
  g_assert_cmpuint (clock.step, ==, 0);
}

/* ---- escalation ------------------------------------------------------------------------ */

static void
test_escalation_chain (void)
{
  g_assert_cmpint (ranah_escalation_superior (RANAH_ROLE_STAF), ==, RANAH_ROLE_SUBKOOR);
  g_assert_cmpint (ranah_escalation_superior (RANAH_ROLE_SUBKOOR), ==, RANAH_ROLE_KABID);
  g_assert_cmpint (ranah_escalation_superior (RANAH_ROLE_KABID), ==, RANAH_ROLE_KADIS);
  g_assert_cmpint (ranah_escalation_superior (RANAH_ROLE_KADIS), ==, RANAH_ROLE_NONE);
  g_assert_cmpint (ranah_escalation_superior (RANAH_ROLE_OPD), ==, RANAH_ROLE_NONE);
  g_assert_cmpint (ranah_escalation_superior (RANAH_ROLE_ADMIN), ==, RANAH_ROLE_NONE);

  g_assert_cmpint (ranah_escalation_holder (RANAH_STATE_SUBMITTED), ==, RANAH_ROLE_KADIS);
  g_assert_cmpint (ranah_escalation_holder (RANAH_STATE_AT_SUBKOOR), ==, RANAH_ROLE_SUBKOOR);
  g_assert_cmpint (ranah_escalation_holder (RANAH_STATE_DRAFTING), ==, RANAH_ROLE_SUBKOOR);
  g_assert_cmpint (ranah_escalation_holder (RANAH_STATE_DRAFTED), ==, RANAH_ROLE_KABID);
  g_assert_cmpint (ranah_escalation_holder (RANAH_STATE_SENT), ==, RANAH_ROLE_OPD);
  g_assert_cmpint (ranah_escalation_holder (RANAH_STATE_DONE), ==, RANAH_ROLE_NONE);
}

static guint
count_kind (GPtrArray      *alerts,
            RanahAlertKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < alerts->len; i++)
    n += ((RanahAlert *) g_ptr_array_index (alerts, i))->kind == kind;
  return n;
}

static void
test_escalation_thresholds (void)
{
  g_autoptr(RanahCalendar) cal = ranah_calendar_new (TZID);
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_request_free);
  /* Monday 09:00: due Tuesday 09:00, after Monday's 8.5 office hours. */
  gint64 since = wita (2026, 3, 2, 9, 0);
  const gint64 subkoor_id = 14, other_subkoor_id = 15, kabid_id = 13, kadis_id = 12;
  /* 75 % is 6 h 22.5 min of office time: Monday 15:22:30. */
  const gint64 three_quarters = 6 * HOUR + 1350;
  g_autoptr(GPtrArray) a = NULL;

  g_ptr_array_add (requests, open_request (RANAH_STATE_AT_SUBKOOR, since, subkoor_id));

  /* 50 %: nobody hears anything. */
  a = ranah_escalation_for_user (cal, requests, RANAH_ROLE_SUBKOOR, subkoor_id,
                                 since + 4 * HOUR + 15 * 60, NULL);
  g_assert_cmpuint (a->len, ==, 0);
  g_clear_pointer (&a, g_ptr_array_unref);
  /* Just short of 75 %: nothing yet. */
  a = ranah_escalation_for_user (cal, requests, RANAH_ROLE_SUBKOOR, subkoor_id,
                                 since + three_quarters - 60, NULL);
  g_assert_cmpuint (a->len, ==, 0);
  g_clear_pointer (&a, g_ptr_array_unref);

  /* 75 %: the assignee is warned, a colleague in the same role is not, nor is Kabid. */
  a = ranah_escalation_for_user (cal, requests, RANAH_ROLE_SUBKOOR, subkoor_id,
                                 since + three_quarters, NULL);
  g_assert_cmpuint (a->len, ==, 1);
  g_assert_cmpint (((RanahAlert *) a->pdata[0])->kind, ==, RANAH_ALERT_WARN);
  g_assert_nonnull (strstr (((RanahAlert *) a->pdata[0])->message, "75%"));
  g_clear_pointer (&a, g_ptr_array_unref);
  a = ranah_escalation_for_user (cal, requests, RANAH_ROLE_SUBKOOR, other_subkoor_id,
                                 since + three_quarters, NULL);
  g_assert_cmpuint (a->len, ==, 0);
  g_clear_pointer (&a, g_ptr_array_unref);
  a = ranah_escalation_for_user (cal, requests, RANAH_ROLE_KABID, kabid_id,
                                 since + three_quarters, NULL);
  g_assert_cmpuint (a->len, ==, 0);
  g_clear_pointer (&a, g_ptr_array_unref);

  /* Breach: the holder hears of it, the superior (Kabid) is told, Kadis is not. */
  a = ranah_escalation_for_user (cal, requests, RANAH_ROLE_SUBKOOR, subkoor_id,
                                 since + 25 * HOUR, NULL);
  g_assert_cmpuint (a->len, ==, 1);
  g_assert_cmpint (((RanahAlert *) a->pdata[0])->kind, ==, RANAH_ALERT_BREACH);
  g_clear_pointer (&a, g_ptr_array_unref);
  a = ranah_escalation_for_user (cal, requests, RANAH_ROLE_KABID, kabid_id,
                                 since + 25 * HOUR, NULL);
  g_assert_cmpuint (a->len, ==, 1);
  g_assert_cmpint (((RanahAlert *) a->pdata[0])->kind, ==, RANAH_ALERT_ESCALATED);
  g_assert_cmpint (((RanahAlert *) a->pdata[0])->holder, ==, RANAH_ROLE_SUBKOOR);
  g_clear_pointer (&a, g_ptr_array_unref);
  a = ranah_escalation_for_user (cal, requests, RANAH_ROLE_KADIS, kadis_id,
                                 since + 25 * HOUR, NULL);
  g_assert_cmpuint (a->len, ==, 0);
  g_clear_pointer (&a, g_ptr_array_unref);

  /* Kadis has no superior: a breach at his own step goes to him alone. */
  g_ptr_array_add (requests, open_request (RANAH_STATE_REVIEWED, since, 0));
  a = ranah_escalation_all (cal, requests, since + 25 * HOUR, NULL);
  g_assert_cmpuint (a->len, ==, 3);
  g_assert_cmpuint (count_kind (a, RANAH_ALERT_BREACH), ==, 2);
  g_assert_cmpuint (count_kind (a, RANAH_ALERT_ESCALATED), ==, 1);
  for (guint i = 0; i < a->len; i++)
    {
      RanahAlert *alert = a->pdata[i];
      if (alert->holder == RANAH_ROLE_KADIS)
        {
          g_assert_cmpint (alert->kind, ==, RANAH_ALERT_BREACH);
          g_assert_cmpint (alert->recipient, ==, RANAH_ROLE_KADIS);
        }
    }
  g_clear_pointer (&a, g_ptr_array_unref);
}

static void
test_escalation_profile (void)
{
  g_autoptr(RanahCalendar) cal = ranah_calendar_new (TZID);
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_request_free);
  g_autoptr(GHashTable) profile = ranah_profile_default ();
  gint64 since = wita (2026, 3, 2, 9, 0);
  RanahThresholds t;
  g_autoptr(GPtrArray) a = NULL;

  ranah_thresholds_from_profile (profile, &t);
  g_assert_cmpuint (t.warn_percent, ==, 75);
  g_assert_cmpuint (t.breach_percent, ==, 100);
  g_assert_true (ranah_profile_key_is_known (RANAH_PROFILE_WARN_PERCENT));

  /* The admin lowers the warning to 50 % and lets a breach wait until 150 %. */
  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_WARN_PERCENT), g_strdup ("50"));
  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_BREACH_PERCENT), g_strdup ("150"));
  ranah_thresholds_from_profile (profile, &t);
  g_ptr_array_add (requests, open_request (RANAH_STATE_DRAFTED, since, 0));
  a = ranah_escalation_all (cal, requests, since + 12 * HOUR, &t);
  g_assert_cmpuint (a->len, ==, 1);
  g_assert_cmpint (((RanahAlert *) a->pdata[0])->kind, ==, RANAH_ALERT_WARN);
  g_clear_pointer (&a, g_ptr_array_unref);
  /* Tuesday 10:00: 9.5 h of 8.5, 112 %. */
  a = ranah_escalation_all (cal, requests, since + 25 * HOUR, &t);
  g_assert_cmpuint (a->len, ==, 1);
  g_assert_cmpint (((RanahAlert *) a->pdata[0])->kind, ==, RANAH_ALERT_WARN);
  g_clear_pointer (&a, g_ptr_array_unref);
  a = ranah_escalation_all (cal, requests, since + 36 * HOUR, &t);
  g_assert_cmpuint (count_kind (a, RANAH_ALERT_BREACH), ==, 1);
  g_assert_cmpuint (count_kind (a, RANAH_ALERT_ESCALATED), ==, 1);
  g_clear_pointer (&a, g_ptr_array_unref);

  /* Nonsense values fall back to the defaults. */
  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_WARN_PERCENT), g_strdup ("lots"));
  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_BREACH_PERCENT), g_strdup ("0"));
  ranah_thresholds_from_profile (profile, &t);
  g_assert_cmpuint (t.warn_percent, ==, 75);
  g_assert_cmpuint (t.breach_percent, ==, 100);
}

static void
test_escalation_once_keys (void)
{
  g_autoptr(RanahCalendar) cal = ranah_calendar_new (TZID);
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_request_free);
  gint64 since = wita (2026, 3, 2, 9, 0);
  g_autoptr(GPtrArray) a1 = NULL;
  g_autoptr(GPtrArray) a2 = NULL;
  g_autoptr(GPtrArray) a3 = NULL;
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);

  g_ptr_array_add (requests, open_request (RANAH_STATE_AT_KABID, since, 0));
  a1 = ranah_escalation_all (cal, requests, since + 25 * HOUR, NULL);
  a2 = ranah_escalation_all (cal, requests, since + 40 * HOUR, NULL);
  g_assert_cmpuint (a1->len, ==, 2);
  /* Same request, state and kind later on: the same keys, so it is told once. */
  for (guint i = 0; i < a1->len; i++)
    {
      g_assert_cmpstr (((RanahAlert *) a1->pdata[i])->key, ==,
                       ((RanahAlert *) a2->pdata[i])->key);
      g_hash_table_add (keys, ((RanahAlert *) a1->pdata[i])->key);
    }
  g_assert_cmpuint (g_hash_table_size (keys), ==, 2);
  /* A fresh arrival in the same state (a recalled disposition sent again) is news. */
  ((RanahRequest *) requests->pdata[0])->state_since = since + HOUR;
  a3 = ranah_escalation_all (cal, requests, since + 40 * HOUR, NULL);
  for (guint i = 0; i < a3->len; i++)
    g_assert_false (g_hash_table_contains (keys, ((RanahAlert *) a3->pdata[i])->key));
}

static void
test_percentiles (void)
{
  const double one[] = { 4 };
  const double ten[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
  const double four[] = { 1, 2, 3, 10 };

  g_assert_cmpfloat (ranah_report_median (one, 1), ==, 4);
  g_assert_cmpfloat (ranah_report_p90 (one, 1), ==, 4);
  g_assert_cmpfloat (ranah_report_median (ten, 10), ==, 5.5);
  g_assert_cmpfloat (ranah_report_p90 (ten, 10), ==, 9);
  g_assert_cmpfloat (ranah_report_median (four, 4), ==, 2.5);
  g_assert_cmpfloat (ranah_report_p90 (four, 4), ==, 10);
}

/* ---- a seeded store ------------------------------------------------------------------- */

static char *run (const char *const *argv);

static const char *holidays[] = { "2026-03-18", "2026-03-19" };

/* The default office hours of the minute starting at @t: the length of its office day in
 * minutes when the office is open then, else 0. Monday to Thursday 07:30–16:00, Friday
 * 07:30–16:30, not on the holidays. */
static int
naive_office_day (gint64 t)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (TZID);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) dt = g_date_time_to_timezone (utc, tz);
  g_autofree char *date = g_date_time_format (dt, "%Y-%m-%d");
  int dow = g_date_time_get_day_of_week (dt);
  int minute = g_date_time_get_hour (dt) * 60 + g_date_time_get_minute (dt);
  int close = dow == 5 ? 16 * 60 + 30 : 16 * 60;

  for (guint i = 0; i < G_N_ELEMENTS (holidays); i++)
    if (g_str_equal (date, holidays[i]))
      return 0;
  if (dow > 5 || minute < 7 * 60 + 30 || minute >= close)
    return 0;
  return close - (7 * 60 + 30);
}

/* Office seconds counted the slow way, minute by minute (every move is on the hour). */
static gint64
naive_working_seconds (gint64 from,
                       gint64 to)
{
  gint64 total = 0;

  for (gint64 t = from; t < to; t += 60)
    if (naive_office_day (t) > 0)
      total += 60;
  return total;
}

/* Working days counted the slow way: each office minute is a share of its day. */
static double
naive_working_days (gint64 from,
                    gint64 to)
{
  double total = 0;

  for (gint64 t = from; t < to; t += 60)
    {
      int length = naive_office_day (t);

      if (length > 0)
        total += 1.0 / length;
    }
  return total;
}

/* Whether a one-day step that started at @from and ended at @to kept its standard, the
 * slow way: the office day the clock starts in gives the time allowed. */
static gboolean
naive_within_one_day (gint64 from,
                      gint64 to)
{
  gint64 t = from;
  gint64 allowed;

  while (naive_office_day (t) == 0)
    t += 60;
  allowed = (gint64) naive_office_day (t) * 60;
  return naive_working_seconds (from, to) <= allowed;
}

typedef struct {
  char        req;        /* 'A'… */
  RanahAction action;
  RanahRole   role;
  int         m, d, h;    /* 2026, WITA */
} Move;

/* The schedule the store is driven through; every expected figure derives from it. */
static const Move schedule[] = {
  { 'A', RANAH_ACTION_SUBMIT, RANAH_ROLE_OPD, 3, 2, 9 },
  { 'D', RANAH_ACTION_SUBMIT, RANAH_ROLE_OPD, 3, 2, 10 },
  { 'A', RANAH_ACTION_DISPOSE_TO_KABID, RANAH_ROLE_KADIS, 3, 2, 13 },
  { 'B', RANAH_ACTION_SUBMIT, RANAH_ROLE_OPD, 3, 3, 8 },
  { 'A', RANAH_ACTION_DISPOSE_TO_SUBKOOR, RANAH_ROLE_KABID, 3, 3, 10 },
  { 'D', RANAH_ACTION_WITHDRAW, RANAH_ROLE_OPD, 3, 3, 10 },
  { 'B', RANAH_ACTION_DECLINE, RANAH_ROLE_KADIS, 3, 4, 8 },
  { 'A', RANAH_ACTION_DISPOSE_TO_STAF, RANAH_ROLE_SUBKOOR, 3, 4, 12 },
  { 'A', RANAH_ACTION_CREATE, RANAH_ROLE_STAF, 3, 4, 15 },
  { 'A', RANAH_ACTION_REPORT, RANAH_ROLE_STAF, 3, 5, 9 },
  { 'B', RANAH_ACTION_DRAFT, RANAH_ROLE_SUBKOOR, 3, 5, 8 },
  { 'A', RANAH_ACTION_DRAFT, RANAH_ROLE_SUBKOOR, 3, 5, 11 },
  { 'B', RANAH_ACTION_REVIEW, RANAH_ROLE_KABID, 3, 6, 8 },
  { 'B', RANAH_ACTION_SIGN, RANAH_ROLE_KADIS, 3, 6, 12 },
  { 'A', RANAH_ACTION_REVIEW, RANAH_ROLE_KABID, 3, 6, 15 },
  { 'A', RANAH_ACTION_SIGN, RANAH_ROLE_KADIS, 3, 9, 10 },
  { 'A', RANAH_ACTION_RECEIVE, RANAH_ROLE_OPD, 3, 9, 16 },
  { 'C', RANAH_ACTION_SUBMIT, RANAH_ROLE_OPD, 3, 17, 10 },
  { 'C', RANAH_ACTION_DISPOSE_TO_KABID, RANAH_ROLE_KADIS, 3, 20, 9 },
  { 'C', RANAH_ACTION_DISPOSE_TO_SUBKOOR, RANAH_ROLE_KABID, 3, 20, 10 },
  { 'C', RANAH_ACTION_DISPOSE_TO_STAF, RANAH_ROLE_SUBKOOR, 3, 23, 11 },
  { 'E', RANAH_ACTION_SUBMIT, RANAH_ROLE_OPD, 4, 1, 9 },
  { 'E', RANAH_ACTION_DISPOSE_TO_KABID, RANAH_ROLE_KADIS, 4, 1, 17 },
};

typedef struct {
  StoreWorld *world;
  gint64      ids[5];        /* by letter - 'A' */
  gint64      now;           /* the clock of the moves, then the report's "now" */
} Seeded;

static const char *const role_users[RANAH_N_ROLES] = {
  NULL, "opd1", "kadis", "kabid", "subkoor", "staf", "admin",
};

/* Signs in as @username and pins that connection's clock (each user may have a connection
 * of their own). */
static void
seeded_as_user (Seeded     *s,
                const char *username)
{
  store_world_sign_in_as (s->world, username);
  ranah_store_set_now (s->world->store, s->now);
}

static void
seeded_as (Seeded    *s,
           RanahRole  role)
{
  seeded_as_user (s, role_users[role]);
}

/* A real one-page PDF, as a scanner would give, carrying @text. */
static GBytes *
scanned_pdf (const char *text)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;

  {
    g_autofree char *path = g_build_filename (g_get_tmp_dir (), "ranah-report-scan-XXXXXX.pdf", NULL);
    int fd = g_mkstemp (path);
    char *data;
    gsize len;

    g_assert_cmpint (fd, >=, 0);
    close (fd);
    surface = cairo_pdf_surface_create (path, RANAH_PAPER_A4_WIDTH, RANAH_PAPER_A4_HEIGHT);
    cr = cairo_create (surface);
    cairo_select_font_face (cr, "Liberation Sans", CAIRO_FONT_SLANT_NORMAL,
                            CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size (cr, 14);
    cairo_move_to (cr, 72, 100);
    cairo_show_text (cr, text);
    cairo_show_page (cr);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
    g_assert_true (g_file_get_contents (path, &data, &len, NULL));
    g_unlink (path);
    g_byte_array_append (bytes, (guint8 *) data, len);
    g_free (data);
  }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static void
seed_move (Seeded     *s,
           const Move *m)
{
  StoreWorld *w = s->world;
  g_autoptr(GError) error = NULL;
  guint k = m->req - 'A';

  s->now = wita (2026, m->m, m->d, m->h, 0);
  if (m->action == RANAH_ACTION_SUBMIT)
    {
      g_autoptr(RanahRequest) r = store_world_request (w, NULL);
      g_autofree char *text = g_strdup_printf ("SURAT PERMOHONAN %c DARI OPD", m->req);
      g_autoptr(GBytes) pdf = scanned_pdf (text);

      g_free (r->name);
      r->name = g_strdup_printf ("layanan-%c", g_ascii_tolower (m->req));
      /* The letters arrive the day they are entered, so each clock starts at its entry. */
      g_free (r->received_date);
      r->received_date = g_strdup_printf ("2026-%02d-%02d", m->m, m->d);
      if (m->req == 'D')
        {
          r->opd_id = w->opd2_id;
          seeded_as_user (s, "opd2");
        }
      else
        seeded_as (s, RANAH_ROLE_OPD);
      s->ids[k] = ranah_store_submit_request (w->store, r, pdf, &error);
      g_assert_no_error (error);
      return;
    }

  {
    g_autoptr(RanahRequest) r = NULL;
    g_autoptr(GPtrArray) records = NULL;
    RanahMove move = { 0 };

    seeded_as (s, RANAH_ROLE_ADMIN);
    r = ranah_store_get_request (w->store, s->ids[k], &error);
    g_assert_no_error (error);

    move.action = m->action;
    move.request_id = s->ids[k];
    move.expected_version = r->version;
    if (m->action == RANAH_ACTION_DECLINE || m->action == RANAH_ACTION_WITHDRAW)
      move.note = "Nama sudah dipakai layanan lain.";
    if (m->req == 'D')
      seeded_as_user (s, "opd2");
    else
      seeded_as (s, m->role);
    /* Step 5: the authoritative server seen to answer every record (its proof). */
    if (m->action == RANAH_ACTION_CREATE)
      {
        records = ranah_records_copy (r->records);
        for (guint i = 0; i < records->len; i++)
          {
            RanahRecord *record = g_ptr_array_index (records, i);

            record->proof_server = g_strdup ("192.0.2.53:53");
            record->proof_serial = 2026030101;
            record->proof_answer = g_strdup (record->target);
          }
        g_assert_true (ranah_store_record_proofs (w->store, s->ids[k], records, &error));
        g_assert_no_error (error);
      }
    move.render = ranah_letter_render_signed;
    move.render_data = w->store;
    g_assert_true (ranah_store_move (w->store, &move, &error));
    g_assert_no_error (error);
  }
}

static Seeded *
seeded_new (void)
{
  Seeded *s = g_new0 (Seeded, 1);
  g_autoptr(GError) error = NULL;

  s->world = store_world_new ();
  s->now = wita (2026, 3, 1, 9, 0);
  seeded_as (s, RANAH_ROLE_ADMIN);
  for (guint i = 0; i < G_N_ELEMENTS (holidays); i++)
    {
      g_autoptr(RanahHoliday) h = ranah_holiday_new (holidays[i], "Libur", i == 0);
      g_assert_true (ranah_store_add_holiday (s->world->store, h, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (schedule); i++)
    seed_move (s, &schedule[i]);
  s->now = wita (2026, 4, 7, 9, 0);
  seeded_as (s, RANAH_ROLE_ADMIN);
  return s;
}

static void
seeded_free (Seeded *s)
{
  store_world_free (s->world);
  g_free (s);
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* The figures the test expects for step @step, from the schedule alone. */
static void
expected_step (guint   step,
               guint  *n,
               guint  *within,
               double *median,
               double *p90)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (double));
  guint standard = ranah_workflow_sop_step (step)->standard_days;

  *within = 0;
  for (guint i = 0; i < G_N_ELEMENTS (schedule); i++)
    {
      const Move *m = &schedule[i];
      const Move *prev = NULL;
      RanahState at = RANAH_STATE_NONE;

      if (m->action == RANAH_ACTION_SUBMIT || m->action == RANAH_ACTION_WITHDRAW)
        continue;
      /* The state before this move: replay the request's moves so far. */
      for (guint k = 0; k < i; k++)
        if (schedule[k].req == m->req)
          {
            prev = &schedule[k];
            at = ranah_workflow_find (at, schedule[k].action)->to;
          }
      if (ranah_workflow_pending_step (at) != step)
        continue;
      {
        gint64 from = wita (2026, prev->m, prev->d, prev->h, 0);
        gint64 to = wita (2026, m->m, m->d, m->h, 0);
        double d = naive_working_days (from, to);

        g_assert_cmpuint (standard, <=, 1);
        g_array_append_val (days, d);
        if (standard > 0 && naive_within_one_day (from, to))
          (*within)++;
      }
    }
  *n = days->len;
  *median = *p90 = 0;
  if (days->len == 0)
    return;
  g_array_sort (days, cmp_double);
  {
    double *v = (double *) days->data;
    guint c = days->len;
    guint rank = (guint) ceil (0.9 * c - 1e-9);

    *median = c % 2 ? v[c / 2] : (v[c / 2 - 1] + v[c / 2]) / 2;
    *p90 = v[MAX (rank, 1) - 1];
  }
}

static void
test_figures_seeded (void)
{
  Seeded *s = seeded_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahReport) report = NULL;
  guint total_measured = 0;

  seeded_as (s, RANAH_ROLE_ADMIN);
  report = ranah_report_from_store (s->world->store, "2026-03-01", "2026-04-30", &error);
  g_assert_no_error (error);

  for (guint step = 1; step <= RANAH_REPORT_N_STEPS; step++)
    {
      const RanahStepFigures *f = &report->steps[step];
      guint n, within;
      double median, p90;

      expected_step (step, &n, &within, &median, &p90);
      g_test_message ("step %u: n %u/%u median %.4f/%.4f p90 %.4f/%.4f within %u/%u", step,
                      f->n, n, f->median_days, median, f->p90_days, p90, f->n_within, within);
      g_assert_cmpuint (f->n, ==, n);
      g_assert_cmpfloat_with_epsilon (f->median_days, median, 1e-6);
      g_assert_cmpfloat_with_epsilon (f->p90_days, p90, 1e-6);
      g_assert_cmpuint (f->n_within, ==, within);
      total_measured += n;
    }
  /* The schedule has 18 moves besides submissions; the withdrawal measures nobody. */
  g_assert_cmpuint (total_measured, ==, 17);
  /* Spot checks in plain numbers: step 2 took 4 h of Monday's 8.5 (A), 8 h of Tuesday and
   * 0.5 h of Wednesday (B, exactly the standard), 6 h of Tuesday and 1.5 h of Friday over
   * the cuti bersama and Nyepi (C), 7 h of Wednesday (E, until its closing). */
  g_assert_cmpuint (report->steps[2].n, ==, 4);
  g_assert_cmpuint (report->steps[2].n_within, ==, 4);
  g_assert_cmpfloat_with_epsilon (report->steps[2].median_days,
                                  (7.0 / 8.5 + 6.0 / 8.5 + 1.5 / 9.0) / 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->steps[2].share_within, 1.0, 1e-9);
  g_assert_cmpfloat (report->steps[5].share_within, <, 0);   /* no standard */

  /* Per role: Kadis holds steps 2 and 9. */
  {
    guint n2, w2, n9, w9;
    double m, p;

    expected_step (2, &n2, &w2, &m, &p);
    expected_step (9, &n9, &w9, &m, &p);
    g_assert_cmpuint (report->roles[RANAH_ROLE_KADIS].n, ==, n2 + n9);
    g_assert_cmpuint (report->roles[RANAH_ROLE_KADIS].n_within, ==, w2 + w9);
  }

  /* Requests per OPD and outcomes: DINKES A (approved, done), B (refused), C and E
   * (pending); DISDIK D (withdrawn). */
  g_assert_cmpuint (report->received, ==, 5);
  g_assert_cmpuint (report->opds->len, ==, 2);
  {
    RanahOpdFigures *disdik = report->opds->pdata[1];
    RanahOpdFigures *dinkes = report->opds->pdata[0];

    g_assert_cmpstr (dinkes->opd_name, ==, "Dinas Kesehatan");
    g_assert_cmpuint (dinkes->total, ==, 4);
    g_assert_cmpuint (dinkes->approved, ==, 1);
    g_assert_cmpuint (dinkes->refused, ==, 1);
    g_assert_cmpuint (dinkes->pending, ==, 2);
    g_assert_cmpuint (dinkes->done, ==, 1);
    g_assert_cmpstr (disdik->opd_name, ==, "Dinas Pendidikan");
    g_assert_cmpuint (disdik->total, ==, 1);
    g_assert_cmpuint (disdik->withdrawn, ==, 1);
  }
  g_assert_cmpuint (report->months->len, ==, 2);
  g_assert_cmpuint (((RanahMonthFigures *) report->months->pdata[0])->count, ==, 4);
  g_assert_cmpuint (((RanahMonthFigures *) report->months->pdata[1])->count, ==, 1);

  /* Open now: B (sent), C (at Staf), E (at Kabid, overdue). */
  g_assert_cmpuint (report->open_total, ==, 3);
  g_assert_cmpuint (report->open_overdue, ==, 1);
  {
    guint expected[RANAH_REPORT_N_AGES] = { 0 };
    const char reqs[] = { 'B', 'C', 'E' };
    const double limits[] = { 1, 3, 5, 10 };

    for (guint i = 0; i < G_N_ELEMENTS (reqs); i++)
      for (guint k = 0; k < G_N_ELEMENTS (schedule); k++)
        if (schedule[k].req == reqs[i] && schedule[k].action == RANAH_ACTION_SUBMIT)
          {
            double age = naive_working_days (wita (2026, schedule[k].m, schedule[k].d,
                                                   schedule[k].h, 0), s->now);
            guint b = 0;

            while (b < G_N_ELEMENTS (limits) && age >= limits[b])
              b++;
            expected[b]++;
          }
    for (guint b = 0; b < RANAH_REPORT_N_AGES; b++)
      g_assert_cmpuint (report->open_by_age[b], ==, expected[b]);
  }

  /* Registry: A's approval made one active entry; a failed check marks it failing. */
  g_assert_cmpuint (report->registry.active, ==, 1);
  g_assert_cmpuint (report->registry.failing, ==, 0);
  {
    g_autoptr(GPtrArray) entries = NULL;
    g_autoptr(RanahReport) again = NULL;

    entries = ranah_store_list_entries (s->world->store, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (entries->len, ==, 1);
    seeded_as (s, RANAH_ROLE_STAF);
    g_assert_true (ranah_store_record_check (s->world->store,
                                             ((RanahEntry *) entries->pdata[0])->id, FALSE,
                                             "NXDOMAIN", &error));
    g_assert_no_error (error);
    seeded_as (s, RANAH_ROLE_ADMIN);
    again = ranah_report_from_store (s->world->store, "2026-03-01", "2026-04-30", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (again->registry.failing, ==, 1);
    g_assert_cmpstr (again->failing->pdata[0], ==, "layanan-a.tarakankota.go.id");
  }

  /* The JSON holds the same numbers. */
  {
    g_autofree char *json = ranah_report_to_json (report);
    g_assert_nonnull (strstr (json, "\"received\":5"));
    g_assert_nonnull (strstr (json, "{\"step\":2,\"role\":\"kadis\",\"standard_days\":1,\"n\":4,"
                                    "\"n_within\":4"));
  }

  /* Kadis, for whom the Laporan page is made, gets the same figures as the admin. */
  {
    g_autoptr(RanahReport) kadis = NULL;

    seeded_as (s, RANAH_ROLE_KADIS);
    kadis = ranah_report_from_store (s->world->store, "2026-03-01", "2026-04-30", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (kadis->received, ==, report->received);
    for (guint step = 1; step <= RANAH_REPORT_N_STEPS; step++)
      g_assert_cmpfloat (kadis->steps[step].median_days, ==, report->steps[step].median_days);
    seeded_as (s, RANAH_ROLE_ADMIN);
  }

  /* A narrower period keeps only the stays that ended in it. */
  {
    g_autoptr(RanahReport) april = NULL;

    april = ranah_report_from_store (s->world->store, "2026-04-01", "2026-04-30", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (april->steps[2].n, ==, 1);
    g_assert_cmpuint (april->received, ==, 1);
  }

  /* RANAH_REPORT_KEEP=DIR keeps a copy of the seeded store to try ranah-cli report on. */
  if (g_getenv ("RANAH_REPORT_KEEP") != NULL && g_str_has_prefix (s->world->uri, "sqlite:"))
    {
      g_autofree char *dest = g_build_filename (g_getenv ("RANAH_REPORT_KEEP"), "seeded.db",
                                                NULL);
      g_autofree char *command = g_strdup_printf (".backup '%s'", dest);
      g_autofree char *out G_GNUC_UNUSED =
        run ((const char *[]) { "sqlite3", s->world->uri + 7, command,
                                NULL });
    }

  /* Escalation from the store: E waits at Kabid past its standard. */
  {
    g_autoptr(GPtrArray) kabid = NULL;
    g_autoptr(GPtrArray) kadis = NULL;

    seeded_as (s, RANAH_ROLE_KABID);
    kabid = ranah_escalation_from_store (s->world->store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (kabid->len, ==, 1);
    g_assert_cmpint (((RanahAlert *) kabid->pdata[0])->kind, ==, RANAH_ALERT_BREACH);
    g_assert_cmpint (((RanahAlert *) kabid->pdata[0])->request_id, ==, s->ids['E' - 'A']);
    seeded_as (s, RANAH_ROLE_KADIS);
    kadis = ranah_escalation_from_store (s->world->store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (kadis->len, ==, 1);
    g_assert_cmpint (((RanahAlert *) kadis->pdata[0])->kind, ==, RANAH_ALERT_ESCALATED);
  }
  seeded_free (s);
}

/* ---- PDFs ------------------------------------------------------------------------------ */

static char *
run (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static char *
save (GBytes     *bytes,
      const char *name)
{
  const char *keep = g_getenv ("RANAH_REPORT_KEEP");
  char *path = g_build_filename (keep != NULL ? keep : g_get_tmp_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);
  return path;
}

static void
assert_contains (const char *text,
                 const char *what)
{
  if (strstr (text, what) == NULL)
    g_error ("“%s” is missing from:\n%s", what, text);
}

/* Every font of the PDF at @path is embedded (pdffonts' "emb" column), as archives want. */
static void
assert_fonts_embedded (const char *path)
{
  g_autofree char *fonts = run ((const char *[]) { "pdffonts", path, NULL });
  g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);
  guint n = 0;

  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GPtrArray) fields = g_ptr_array_new ();

      for (guint k = 0; cols[k] != NULL; k++)
        if (*cols[k] != '\0')
          g_ptr_array_add (fields, cols[k]);
      if (fields->len < 7)
        continue;
      /* name type… encoding emb sub uni object ID */
      g_assert_cmpstr (fields->pdata[fields->len - 5], ==, "yes");
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

static void
test_compliance_pdf (void)
{
  Seeded *s = seeded_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahReport) report = NULL;
  g_autoptr(GHashTable) profile = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  seeded_as (s, RANAH_ROLE_ADMIN);
  report = ranah_report_from_store (s->world->store, "2026-03-01", "2026-04-30", &error);
  g_assert_no_error (error);
  profile = ranah_store_get_profile (s->world->store, &error);
  g_assert_no_error (error);
  pdf = ranah_report_compliance_pdf (profile, report, &error);
  g_assert_no_error (error);
  path = save (pdf, "ranah-compliance.pdf");

  text = run ((const char *[]) { "pdftotext", "-layout", path, "-", NULL });
  assert_contains (text, "LAPORAN KEPATUHAN STANDAR OPERASIONAL PROSEDUR");
  assert_contains (text, "1 Maret 2026 s.d. 30 April 2026");
  assert_contains (text, g_hash_table_lookup (profile, RANAH_PROFILE_AGENCY));
  for (guint step = 1; step <= RANAH_REPORT_N_STEPS; step++)
    {
      /* The SOP's own words: the first three words of each step's description. */
      g_auto(GStrv) words = g_strsplit (ranah_workflow_sop_step (step)->description, " ", 3);
      assert_contains (text, words[0]);
    }
  assert_contains (text, "100% (4 dari 4)");
  assert_contains (text, "Waktu per langkah terhadap standar");
  info = run ((const char *[]) { "pdfinfo", path, NULL });
  assert_contains (info, "841.89 x 595.276 pts (A4)");
  assert_contains (info, "Title:           Laporan Kepatuhan SOP");
  assert_fonts_embedded (path);

  csv = ranah_report_compliance_csv (report);
  rows = ranah_csv_parse (csv, strlen (csv), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 11);
  {
    RanahCsvRow *step2 = rows->pdata[2];
    g_autofree char *median = g_strdup_printf ("%.2f", report->steps[2].median_days);

    g_assert_cmpstr (step2->fields[0], ==, "2");
    g_assert_cmpstr (step2->fields[1], ==, ranah_role_title (RANAH_ROLE_KADIS));
    g_assert_cmpstr (step2->fields[4], ==, "1");
    g_assert_cmpstr (step2->fields[6], ==, "4");
    g_assert_cmpstr (step2->fields[7], ==, median);
    g_assert_cmpstr (step2->fields[10], ==, "100");
  }
  if (g_getenv ("RANAH_REPORT_KEEP") == NULL)
    g_unlink (path);
  seeded_free (s);
}

static void
test_case_file_pdf (void)
{
  Seeded *s = seeded_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(RanahLetter) letter = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  gint64 a = s->ids[0];

  seeded_as (s, RANAH_ROLE_ADMIN);
  letter = ranah_store_get_letter (s->world->store, a, &error);
  g_assert_no_error (error);
  g_assert_cmpint (letter->state, ==, RANAH_LETTER_SIGNED);
  pdf = ranah_report_case_file_pdf (s->world->store, a, &error);
  g_assert_no_error (error);
  path = save (pdf, "ranah-case-file.pdf");

  text = run ((const char *[]) { "pdftotext", "-layout", path, "-", NULL });
  /* The cover and its contents. */
  assert_contains (text, "BERKAS PERMOHONAN PEMBUATAN SUBDOMAIN");
  assert_contains (text, "DAFTAR ISI");
  assert_contains (text, "layanan-a.tarakankota.go.id");
  /* 1: the scanned letter's own page, embedded. */
  assert_contains (text, "SURAT PERMOHONAN A DARI OPD");
  /* 2: the Lembar Disposisi with the three dispositions. */
  assert_contains (text, "LEMBAR DISPOSISI");
  assert_contains (text, "DISPOSISI 3 (langkah 4)");
  /* 3: the DNS proof with the answer the server gave: which server, the zone's serial. */
  assert_contains (text, "BUKTI REKAMAN DNS");
  assert_contains (text, "BUKTI PEMERIKSAAN DNS");
  assert_contains (text, "192.0.2.53:53");
  assert_contains (text, "2026030101");
  assert_contains (text, "Status registri           :    aktif");
  /* 4: the signed letter itself, with its number. */
  assert_contains (text, letter->number);
  /* 5: the audit events. */
  assert_contains (text, "JEJAK AUDIT");
  assert_contains (text, "dispose-to-subkoor");
  assert_contains (text, "receive");

  assert_fonts_embedded (path);
  info = run ((const char *[]) { "pdfinfo", "-f", "1", "-l", "40", path, NULL });
  assert_contains (info, "Page    1 size:  595.276 x 841.89 pts (A4)");
  /* The Lembar Disposisi keeps its A5 page inside the file. */
  assert_contains (info, "size:  419.528 x 595.276 pts");
  {
    const char *pages = strstr (info, "Pages:");
    guint n;

    g_assert_nonnull (pages);
    n = (guint) g_ascii_strtoull (pages + 6 + strspn (pages + 6, " "), NULL, 10);
    /* Cover, five part covers, letter page, sheet, DNS proof, letter, audit at least. */
    g_assert_cmpuint (n, >=, 11);
  }
  if (g_getenv ("RANAH_REPORT_KEEP") == NULL)
    g_unlink (path);

  /* A request still in progress: no letter yet, said so on its part's cover. */
  {
    g_autoptr(GBytes) open = ranah_report_case_file_pdf (s->world->store, s->ids['E' - 'A'],
                                                         &error);
    g_autofree char *open_path = NULL;
    g_autofree char *open_text = NULL;

    g_assert_no_error (error);
    open_path = save (open, "ranah-case-file-open.pdf");
    open_text = run ((const char *[]) { "pdftotext", open_path, "-", NULL });
    assert_contains (open_text, "Surat Tanggapan belum dibuat.");
    assert_contains (open_text, "SURAT PERMOHONAN E DARI OPD");
    if (g_getenv ("RANAH_REPORT_KEEP") == NULL)
      g_unlink (open_path);
  }
  seeded_free (s);
}

static void
test_compliance_f4 (void)
{
  g_autoptr(RanahCalendar) cal = ranah_calendar_new (TZID);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(RanahReport) report = NULL;
  g_autoptr(GHashTable) profile = ranah_profile_default ();
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;

  /* An empty period on F4: every step says it measured nothing, on landscape F4. */
  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_PAPER), g_strdup ("F4"));
  report = ranah_report_compute (cal, none, none, none, "2026-01-01", "2026-01-31",
                                 wita (2026, 1, 1, 0, 0), wita (2026, 2, 1, 0, 0),
                                 wita (2026, 2, 2, 9, 0));
  pdf = ranah_report_compliance_pdf (profile, report, &error);
  g_assert_no_error (error);
  path = save (pdf, "ranah-compliance-f4.pdf");
  info = run ((const char *[]) { "pdfinfo", path, NULL });
  assert_contains (info, "935.433 x 609.449 pts");
  text = run ((const char *[]) { "pdftotext", "-layout", path, "-", NULL });
  assert_contains (text, "1 Januari 2026 s.d. 31 Januari 2026");
  assert_contains (text, "tidak");
  if (g_getenv ("RANAH_REPORT_KEEP") == NULL)
    g_unlink (path);
}

static void
test_case_file_unreadable (void)
{
  g_autoptr(StoreWorld) world = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  gint64 id;

  /* The fixture's "scanned letter" has a PDF header and nothing else: the case file still
   * comes out, and the part's cover says the stored file could not be read, with its hash. */
  id = store_world_submit (world, NULL, TRUE);
  store_world_sign_in (world, RANAH_ROLE_ADMIN);
  pdf = ranah_report_case_file_pdf (world->store, id, &error);
  g_assert_no_error (error);
  path = save (pdf, "ranah-case-file-unreadable.pdf");
  text = run ((const char *[]) { "pdftotext", path, "-", NULL });
  assert_contains (text, "tidak dapat dibaca");
  assert_contains (text, "2048 bita");
  assert_contains (text, "LEMBAR DISPOSISI");
  assert_contains (text, "JEJAK AUDIT");
  if (g_getenv ("RANAH_REPORT_KEEP") == NULL)
    g_unlink (path);
}

/* ---- ranah-cli report ------------------------------------------------------------------ */

/* Runs ranah-cli with @args on the seeded store as admin; returns its standard output and
 * sets *@status to its exit code. */
static char *
cli (Seeded             *s,
     const char * const *args,
     int                *status)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "ranah-cli",
                                                 NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int wait_status = 0;

  env = g_environ_setenv (env, "RANAH_STORE", s->world->uri, TRUE);
  env = g_environ_setenv (env, "RANAH_USER", "admin", TRUE);
  env = g_environ_setenv (env, "RANAH_PASSWORD", STORE_FIXTURE_PASSWORD, TRUE);
  g_ptr_array_add (argv, path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, NULL, &wait_status, &error));
  g_assert_no_error (error);
  *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return out;
}

static void
test_cli (void)
{
  Seeded *s = seeded_new ();
  g_autofree char *dir = g_dir_make_tmp ("ranah-report-cli-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "kepatuhan.pdf", NULL);
  g_autofree char *csv = g_build_filename (dir, "kepatuhan.csv", NULL);
  g_autofree char *case_file = g_build_filename (dir, "berkas.pdf", NULL);
  g_autofree char *public = g_build_filename (dir, "publik.json", NULL);
  g_autofree char *told = g_build_filename (dir, "told.txt", NULL);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, s->ids[0]);
  int status;

  {
    g_autofree char *out = cli (s, (const char *[]) { "report", "summary", "--from", "2026-03-01",
                                                      "--to", "2026-04-30", "--json", NULL },
                                &status);
    g_assert_cmpint (status, ==, 0);
    assert_contains (out, "\"received\":5");
    assert_contains (out, "{\"step\":2,\"role\":\"kadis\",\"standard_days\":1,\"n\":4,");
  }
  {
    g_autofree char *out G_GNUC_UNUSED =
      cli (s, (const char *[]) { "report", "compliance", "--from",
                                 "2026-03-01", "--to", "2026-04-30", "-o",
                                 pdf, NULL }, &status);
    g_autofree char *text = NULL;

    g_assert_cmpint (status, ==, 0);
    text = run ((const char *[]) { "pdftotext", pdf, "-", NULL });
    assert_contains (text, "LAPORAN KEPATUHAN");
  }
  {
    g_autofree char *out G_GNUC_UNUSED =
      cli (s, (const char *[]) { "report", "compliance", "--from",
                                 "2026-03-01", "--to", "2026-04-30", "-o",
                                 csv, NULL }, &status);
    g_autofree char *text = NULL;

    g_assert_cmpint (status, ==, 0);
    g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
    assert_contains (text, "2,Kepala Dinas,Mendisposisikan surat permohonan kepada Kepala "
                           "Bidang,Surat Permohonan,1,Surat Disposisi,4,");
  }
  {
    g_autofree char *out G_GNUC_UNUSED =
      cli (s, (const char *[]) { "report", "case-file", id, "-o", case_file,
                                 NULL }, &status);
    g_autofree char *text = NULL;

    g_assert_cmpint (status, ==, 0);
    text = run ((const char *[]) { "pdftotext", case_file, "-", NULL });
    assert_contains (text, "SURAT PERMOHONAN A DARI OPD");
    assert_contains (text, "JEJAK AUDIT");
  }
  {
    g_autofree char *out G_GNUC_UNUSED =
      cli (s, (const char *[]) { "report", "public", "--format", "json",
                                 "-o", public, NULL }, &status);
    g_autofree char *text = NULL;

    g_assert_cmpint (status, ==, 0);
    g_assert_true (g_file_get_contents (public, &text, NULL, NULL));
    assert_contains (text, "\"fqdn\":\"layanan-a.tarakankota.go.id\"");
    g_assert_null (strstr (text, "budi"));
  }
  /* For cron: the late step at Kabid (E) goes to kabid, and up to kadis; told once. */
  {
    g_autofree char *first = cli (s, (const char *[]) { "report", "escalations", "--once", told,
                                                        NULL }, &status);
    g_autofree char *second = NULL;

    g_assert_cmpint (status, ==, 0);
    assert_contains (first, "breach");
    assert_contains (first, "kabid");
    assert_contains (first, "escalated");
    assert_contains (first, "kadis");
    assert_contains (first, "layanan-e.tarakankota.go.id");
    second = cli (s, (const char *[]) { "report", "escalations", "--once", told, NULL }, &status);
    g_assert_cmpint (status, ==, 0);
    g_assert_cmpstr (second, ==, "");
  }
  /* --mine: what the signed-in user (admin here, holding no step) must be told: nothing. */
  {
    g_autofree char *out = cli (s, (const char *[]) { "report", "escalations", "--mine", NULL },
                                &status);

    g_assert_cmpint (status, ==, 0);
    g_assert_cmpstr (out, ==, "");
  }
  /* Mistakes get the CLI's exit codes: usage 2, not found 6, validation 3. */
  g_free (cli (s, (const char *[]) { "report", "compliance", "-o", "x.txt", NULL }, &status));
  g_assert_cmpint (status, ==, 2);
  g_free (cli (s, (const char *[]) { "report", "case-file", "9999", "-o", case_file, NULL },
               &status));
  g_assert_cmpint (status, ==, 6);
  g_free (cli (s, (const char *[]) { "report", "summary", "--from", "2026-05-01", "--to",
                                     "2026-04-01", NULL }, &status));
  g_assert_cmpint (status, ==, 3);

  for (const char *const *f = (const char *[]) { pdf, csv, case_file, public, told, NULL }; *f; f++)
    g_unlink (*f);
  g_rmdir (dir);
  seeded_free (s);
}

/* ---- the public list ------------------------------------------------------------------- */

static RanahEntry *
entry (const char       *name,
       RanahEntryStatus  status,
       gboolean          internal)
{
  RanahEntry *e = ranah_entry_new ();
  RanahRecord *r = ranah_record_new (RANAH_RECORD_A, "", internal ? "10.1.2.3" : "103.20.30.40");

  r->internal = internal;
  g_ptr_array_add (e->records, r);
  g_free (e->name);
  e->name = g_strdup (name);
  g_free (e->fqdn);
  e->fqdn = g_strdup_printf ("%s.tarakankota.go.id", name);
  g_free (e->opd_name);
  e->opd_name = g_strdup ("Dinas Kesehatan");
  g_free (e->purpose);
  e->purpose = g_strdup ("Layanan \"publik\"");
  g_free (e->contact_name);
  e->contact_name = g_strdup ("Budi Santoso");
  g_free (e->contact_phone);
  e->contact_phone = g_strdup ("081234567890");
  g_free (e->contact_email);
  e->contact_email = g_strdup ("budi@dinkes.tarakankota.go.id");
  e->status = status;
  g_free (e->activated_on);
  e->activated_on = g_strdup ("2026-03-05");
  return e;
}

static void
test_public_list (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_entry_free);
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (entries, entry ("simrs", RANAH_ENTRY_ACTIVE, FALSE));
  g_ptr_array_add (entries, entry ("absen", RANAH_ENTRY_ACTIVE, FALSE));
  g_ptr_array_add (entries, entry ("lama", RANAH_ENTRY_SUSPENDED, FALSE));
  g_ptr_array_add (entries, entry ("cabut", RANAH_ENTRY_REVOKED, FALSE));
  g_ptr_array_add (entries, entry ("intranet", RANAH_ENTRY_ACTIVE, TRUE));

  csv = ranah_report_public_csv (entries);
  rows = ranah_csv_parse (csv, strlen (csv), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (((RanahCsvRow *) rows->pdata[0])->fields[0], ==, "name");
  g_assert_cmpstr (((RanahCsvRow *) rows->pdata[1])->fields[0], ==, "absen");
  g_assert_cmpstr (((RanahCsvRow *) rows->pdata[2])->fields[1], ==, "simrs.tarakankota.go.id");
  g_assert_cmpstr (((RanahCsvRow *) rows->pdata[2])->fields[4], ==, "2026-03-05");

  json = ranah_report_public_json (entries);
  assert_contains (json, "\"name\":\"simrs\",\"fqdn\":\"simrs.tarakankota.go.id\","
                         "\"opd\":\"Dinas Kesehatan\",\"purpose\":\"Layanan \\\"publik\\\"\","
                         "\"activated_on\":\"2026-03-05\"");
  for (guint i = 0; i < 2; i++)
    {
      const char *text = i ? json : csv;

      g_assert_null (strstr (text, "budi"));
      g_assert_null (strstr (text, "0812"));
      g_assert_null (strstr (text, "Budi"));
      g_assert_null (strstr (text, "intranet"));
      g_assert_null (strstr (text, "10.1.2.3"));
      g_assert_null (strstr (text, "103.20.30.40"));
      g_assert_null (strstr (text, "lama"));
      g_assert_null (strstr (text, "cabut"));
    }
}

/* ---- charts ---------------------------------------------------------------------------- */

static void
test_chart_bars (void)
{
  g_autoptr(RanahCalendar) cal = ranah_calendar_new (TZID);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(RanahReport) report = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 200);
  cairo_t *cr = cairo_create (surface);
  const RanahChartColors *c = ranah_chart_colors_paper ();
  guint bar_pixels = 0, standard_pixels = 0;
  guchar *data;
  int stride;

  report = ranah_report_compute (cal, none, none, none, "2026-01-01", "2026-06-30", 0, 1, 0);
  /* Step 2 at twice its standard: its bar must reach above the standard's line. */
  report->steps[2].n = 3;
  report->steps[2].median_days = 2.0;
  report->steps[2].p90_days = 2.5;
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  ranah_chart_draw_steps (cr, report, 400, 200, NULL, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 20; y < 200; y++)
    for (int x = 0; x < 400; x++)
      {
        guint32 px = *(guint32 *) (data + y * stride + x * 4);
        int r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;

        if (abs (r - (int) (c->bar[0] * 255)) < 3 && abs (g - (int) (c->bar[1] * 255)) < 3
            && abs (b - (int) (c->bar[2] * 255)) < 3)
          bar_pixels++;
        if (r > 180 && g < 60 && b < 60)
          standard_pixels++;
      }
  cairo_surface_destroy (surface);
  g_assert_cmpuint (bar_pixels, >, 200);
  g_assert_cmpuint (standard_pixels, >, 20);
}

int
main (int argc, char **argv)
{
  g_setenv ("RANAH_TEST_FAST_PWHASH", "1", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ranah/report/clock/weekend", test_clock_weekend);
  g_test_add_func ("/ranah/report/clock/holiday", test_clock_holiday);
  g_test_add_func ("/ranah/report/clock/cuti-bersama", test_clock_cuti_bersama);
  g_test_add_func ("/ranah/report/clock/follows-calendar", test_clock_follows_calendar);
  g_test_add_func ("/ranah/report/clock/received", test_clock_received);
  g_test_add_func ("/ranah/report/clock/no-standard", test_clock_no_standard);
  g_test_add_func ("/ranah/report/escalation/chain", test_escalation_chain);
  g_test_add_func ("/ranah/report/escalation/thresholds", test_escalation_thresholds);
  g_test_add_func ("/ranah/report/escalation/profile", test_escalation_profile);
  g_test_add_func ("/ranah/report/escalation/once-keys", test_escalation_once_keys);
  g_test_add_func ("/ranah/report/figures/percentiles", test_percentiles);
  g_test_add_func ("/ranah/report/figures/seeded", test_figures_seeded);
  g_test_add_func ("/ranah/report/compliance/pdf-and-csv", test_compliance_pdf);
  g_test_add_func ("/ranah/report/compliance/f4-empty-period", test_compliance_f4);
  g_test_add_func ("/ranah/report/case-file/pdf", test_case_file_pdf);
  g_test_add_func ("/ranah/report/case-file/unreadable-attachment", test_case_file_unreadable);
  g_test_add_func ("/ranah/report/cli/report-commands", test_cli);
  g_test_add_func ("/ranah/report/public/list", test_public_list);
  g_test_add_func ("/ranah/report/chart/steps", test_chart_bars);
  return g_test_run ();
}
