/* test-calendar.c — the working-day clock
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "ranah-core.h"

#define DAY G_GINT64_CONSTANT (86400)
#define HOUR G_GINT64_CONSTANT (3600)

/* "YYYY-MM-DD HH:MM" in @tzid as Unix seconds. */
static gint64
at (const char *tzid,
    const char *when)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (tzid);
  int y, mo, d, h, mi;
  g_autoptr(GDateTime) dt = NULL;

  g_assert_nonnull (tz);
  g_assert_cmpint (sscanf (when, "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi), ==, 5);
  dt = g_date_time_new (tz, y, mo, d, h, mi, 0);
  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

#define WITA(s) at ("Asia/Makassar", s)

static RanahCalendar *
calendar_2026 (void)
{
  RanahCalendar *calendar = ranah_calendar_new ("Asia/Makassar");

  g_assert_true (ranah_calendar_add_holiday (calendar, "2026-08-17"));  /* Kemerdekaan */
  g_assert_true (ranah_calendar_add_holiday (calendar, "2026-12-25"));  /* Natal */
  g_assert_true (ranah_calendar_add_holiday (calendar, "2026-12-24"));  /* cuti bersama */
  return calendar;
}

static void
test_weekends (void)
{
  g_autoptr(RanahCalendar) calendar = calendar_2026 ();
  const char *working[] = { "2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27" };
  const char *off[] = { "2026-11-28", "2026-11-29", "2026-11-21", "2026-11-22" };

  for (guint i = 0; i < G_N_ELEMENTS (working); i++)
    g_assert_true (ranah_calendar_is_working_day (calendar, working[i]));
  for (guint i = 0; i < G_N_ELEMENTS (off); i++)
    g_assert_false (ranah_calendar_is_working_day (calendar, off[i]));

  /* Thursday 10:00 + 1 is Friday 10:00; + 2 crosses the weekend to Monday 10:00. */
  g_assert_cmpint (ranah_calendar_add_working_days (calendar, WITA ("2026-11-26 10:00"), 1), ==,
                   WITA ("2026-11-27 10:00"));
  g_assert_cmpint (ranah_calendar_add_working_days (calendar, WITA ("2026-11-26 10:00"), 2), ==,
                   WITA ("2026-11-30 10:00"));
  /* Four whole weeks. */
  g_assert_cmpint (ranah_calendar_add_working_days (calendar, WITA ("2026-11-02 09:00"), 20), ==,
                   WITA ("2026-11-30 09:00"));
  /* No standard, no movement. */
  g_assert_cmpint (ranah_calendar_add_working_days (calendar, WITA ("2026-11-28 09:00"), 0), ==,
                   WITA ("2026-11-28 09:00"));
}

static void
test_friday_to_monday (void)
{
  g_autoptr(RanahCalendar) calendar = calendar_2026 ();
  gint64 friday = WITA ("2026-11-27 15:00");
  gint64 monday = WITA ("2026-11-30 15:00");

  g_assert_cmpint (ranah_calendar_add_working_days (calendar, friday, 1), ==, monday);
  g_assert_cmpint (ranah_calendar_working_seconds (calendar, friday, monday), ==, DAY);
  g_assert_cmpfloat_with_epsilon (ranah_calendar_working_days (calendar, friday, monday), 1.0, 1e-9);
  /* Half the standard used by Monday 03:00: 9 hours of Friday and 3 of Monday. */
  g_assert_cmpfloat_with_epsilon (ranah_calendar_working_days (calendar, friday,
                                                               WITA ("2026-11-30 03:00")),
                                  0.5, 1e-9);
}

static void
test_arrival_on_saturday (void)
{
  g_autoptr(RanahCalendar) calendar = calendar_2026 ();
  gint64 saturday = WITA ("2026-11-28 10:00");
  gint64 sunday_night = WITA ("2026-11-29 23:59");

  g_assert_cmpint (ranah_calendar_add_working_days (calendar, saturday, 1), ==,
                   WITA ("2026-12-01 00:00"));
  g_assert_cmpint (ranah_calendar_add_working_days (calendar, sunday_night, 1), ==,
                   WITA ("2026-12-01 00:00"));
  g_assert_cmpint (ranah_calendar_add_working_days (calendar, saturday, 3), ==,
                   WITA ("2026-12-03 00:00"));
  /* The weekend itself does not count. */
  g_assert_cmpint (ranah_calendar_working_seconds (calendar, saturday, sunday_night), ==, 0);
  g_assert_cmpint (ranah_calendar_working_seconds (calendar, saturday, WITA ("2026-11-30 06:00")),
                   ==, 6 * HOUR);
}

static void
test_holidays (void)
{
  g_autoptr(RanahCalendar) calendar = calendar_2026 ();
  gint64 wednesday = WITA ("2026-12-23 10:00");

  g_assert_false (ranah_calendar_is_working_day (calendar, "2026-08-17"));
  g_assert_false (ranah_calendar_is_working_day (calendar, "2026-12-25"));
  g_assert_true (ranah_calendar_is_working_day (calendar, "2026-12-23"));
  g_assert_true (ranah_calendar_is_working_day (calendar, "2026-12-28"));

  /* Cuti bersama on Thursday, Christmas on Friday, then the weekend. */
  g_assert_false (ranah_calendar_is_working_day (calendar, "2026-12-24"));
  g_assert_cmpint (ranah_calendar_add_working_days (calendar, wednesday, 1), ==,
                   WITA ("2026-12-28 10:00"));
  g_assert_cmpint (ranah_calendar_add_working_days (calendar, wednesday, 2), ==,
                   WITA ("2026-12-29 10:00"));
  g_assert_cmpint (ranah_calendar_working_seconds (calendar, wednesday, WITA ("2026-12-28 10:00")),
                   ==, DAY);

  /* Arriving on a holiday is like arriving on a weekend. */
  g_assert_cmpint (ranah_calendar_add_working_days (calendar, WITA ("2026-08-17 09:00"), 1), ==,
                   WITA ("2026-08-19 00:00"));

  g_assert_false (ranah_calendar_add_holiday (calendar, "2026-02-30"));
  g_assert_false (ranah_calendar_add_holiday (calendar, "17-08-2026"));
  g_assert_false (ranah_calendar_add_holiday (calendar, ""));
  g_assert_false (ranah_calendar_is_working_day (calendar, "not a date"));
  /* Adding a holiday twice is harmless. */
  g_assert_true (ranah_calendar_add_holiday (calendar, "2026-12-25"));
}

static void
test_zone (void)
{
  g_autoptr(RanahCalendar) wita = ranah_calendar_new ("Asia/Makassar");
  g_autoptr(RanahCalendar) fallback = ranah_calendar_new ("Mars/Olympus_Mons");
  g_autoptr(RanahCalendar) null_zone = ranah_calendar_new (NULL);
  g_autoptr(RanahCalendar) wib = ranah_calendar_new ("Asia/Jakarta");
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL;
  /* 2026-11-27T16:00:00Z is midnight in WITA (UTC+8), 23:00 in WIB (UTC+7). */
  gint64 t = 1795795200;

  a = ranah_calendar_date_of (wita, t);
  b = ranah_calendar_date_of (wita, t - 1);
  c = ranah_calendar_date_of (fallback, t);
  d = ranah_calendar_date_of (null_zone, t);
  e = ranah_calendar_date_of (wib, t);
  g_assert_cmpstr (a, ==, "2026-11-28");
  g_assert_cmpstr (b, ==, "2026-11-27");
  g_assert_cmpstr (c, ==, "2026-11-28");
  g_assert_cmpstr (d, ==, "2026-11-28");
  g_assert_cmpstr (e, ==, "2026-11-27");

  /* WITA has no daylight saving: every working day is exactly 86400 seconds, all year. */
  for (gint64 day = WITA ("2026-01-05 00:00"); day < WITA ("2027-01-04 00:00"); day += 7 * DAY)
    g_assert_cmpint (ranah_calendar_working_seconds (wita, day, day + 7 * DAY), ==, 5 * DAY);

  /* Day boundaries are the zone's: Saturday 00:30 WITA is still Friday in UTC. */
  g_assert_cmpint (ranah_calendar_working_seconds (wita, WITA ("2026-11-27 23:00"),
                                                   WITA ("2026-11-28 00:30")), ==, HOUR);
}

static void
test_daylight_saving (void)
{
  g_autoptr(RanahCalendar) berlin = ranah_calendar_new ("Europe/Berlin");
  gint64 friday = at ("Europe/Berlin", "2026-03-27 15:00");
  gint64 monday = at ("Europe/Berlin", "2026-03-30 15:00");

  /* Clocks go forward on Sunday 29 March: still "Monday 15:00", 71 hours later. */
  g_assert_cmpint (ranah_calendar_add_working_days (berlin, friday, 1), ==, monday);
  g_assert_cmpint (monday - friday, ==, 71 * HOUR);
}

static void
test_working_seconds (void)
{
  g_autoptr(RanahCalendar) calendar = calendar_2026 ();
  gint64 monday = WITA ("2026-11-30 08:00");

  g_assert_cmpint (ranah_calendar_working_seconds (calendar, monday, monday + 2 * HOUR), ==,
                   2 * HOUR);
  g_assert_cmpint (ranah_calendar_working_seconds (calendar, monday + 2 * HOUR, monday), ==, 0);
  g_assert_cmpint (ranah_calendar_working_seconds (calendar, monday, monday), ==, 0);
  g_assert_cmpfloat (ranah_calendar_working_days (calendar, monday, monday - 1), ==, 0.0);
  g_assert_cmpfloat_with_epsilon (ranah_calendar_working_days (calendar, WITA ("2026-11-30 06:00"),
                                                               WITA ("2026-11-30 18:00")),
                                  0.5, 1e-9);
  /* A whole December: 23 weekdays less two holidays. */
  g_assert_cmpint (ranah_calendar_working_seconds (calendar, WITA ("2026-12-01 00:00"),
                                                   WITA ("2027-01-01 00:00")), ==, 21 * DAY);

  /* The due time is exactly the standard later on the clock, wherever the step starts. */
  for (gint64 start = WITA ("2026-11-20 00:00"); start < WITA ("2027-01-10 00:00"); start += 7 * HOUR + 13)
    for (guint days = 0; days <= 6; days++)
      {
        gint64 due = ranah_calendar_add_working_days (calendar, start, days);

        g_assert_cmpint (due, >=, start);
        g_assert_cmpint (ranah_calendar_working_seconds (calendar, start, due), ==, days * DAY);
      }
}

/* The plain definition, one day at a time with GDateTime, to hold the fast one against. */
static void
reference_measure (RanahCalendar *calendar,
                   GTimeZone     *tz,
                   gint64         from,
                   gint64         to,
                   gint64        *seconds,
                   double        *days)
{
  *seconds = 0;
  *days = 0;
  if (to <= from)
    return;
  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (from);
    g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
    g_autoptr(GDateTime) day = g_date_time_new (tz, g_date_time_get_year (local),
                                                g_date_time_get_month (local),
                                                g_date_time_get_day_of_month (local), 0, 0, 0);

    while (g_date_time_to_unix (day) < to)
      {
        g_autoptr(GDateTime) next_noon = g_date_time_add_hours (day, 36);
        g_autoptr(GDateTime) next = g_date_time_new (tz, g_date_time_get_year (next_noon),
                                                     g_date_time_get_month (next_noon),
                                                     g_date_time_get_day_of_month (next_noon),
                                                     0, 0, 0);
        g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
        gint64 begin = g_date_time_to_unix (day), end = g_date_time_to_unix (next);
        gint64 lo = MAX (begin, from), hi = MIN (end, to);

        if (ranah_calendar_is_working_day (calendar, date) && hi > lo)
          {
            *seconds += hi - lo;
            *days += (double) (hi - lo) / (double) (end - begin);
          }
        g_date_time_unref (day);
        day = g_steal_pointer (&next);
      }
  }
}

static void
test_reference (void)
{
  const char *zones[] = { "Asia/Makassar", "Asia/Jakarta", "Europe/Berlin", "America/Sao_Paulo" };
  GRand *rand = g_rand_new_with_seed (7);

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(RanahCalendar) calendar = ranah_calendar_new (zones[z]);
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zones[z]);
      gint64 base = at (zones[z], "2014-01-01 00:00");

      /* Holidays on all kinds of days, a few falling on weekends or a clock change. */
      for (guint i = 0; i < 120; i++)
        {
          g_autoptr(GDateTime) d = g_date_time_new_from_unix_utc (base + g_rand_int_range (rand, 0, 10 * 365) * DAY);
          g_autofree char *date = g_date_time_format (d, "%Y-%m-%d");
          g_assert_true (ranah_calendar_add_holiday (calendar, date));
        }
      g_assert_true (ranah_calendar_add_holiday (calendar, "2016-10-17"));  /* Brazil: DST start, Monday-ish */
      g_assert_true (ranah_calendar_add_holiday (calendar, "2018-03-26"));

      for (guint i = 0; i < 150; i++)
        {
          gint64 from = base + (gint64) g_rand_double_range (rand, 0, 9.0 * 365 * DAY);
          gint64 to = from + (gint64) (i % 3 == 0 ? g_rand_double_range (rand, 0, 900.0 * DAY)
                                                  : g_rand_double_range (rand, 0, 20.0 * DAY));
          gint64 seconds, ref_seconds;
          double days, ref_days;
          guint n = g_rand_int_range (rand, 0, 400);
          gint64 due, step;

          reference_measure (calendar, tz, from, to, &ref_seconds, &ref_days);
          seconds = ranah_calendar_working_seconds (calendar, from, to);
          days = ranah_calendar_working_days (calendar, from, to);
          g_assert_cmpint (seconds, ==, ref_seconds);
          g_assert_cmpfloat_with_epsilon (days, ref_days, 1e-6);

          /* The due time, stepped one working day at a time. */
          due = ranah_calendar_add_working_days (calendar, from, n);
          step = from;
          for (guint k = 0; k < n; k++)
            step = ranah_calendar_add_working_days (calendar, step, 1);
          if (n > 0)
            {
              g_autofree char *due_date = ranah_calendar_date_of (calendar, due);
              g_autofree char *step_date = ranah_calendar_date_of (calendar, step);

              g_assert_cmpstr (due_date, ==, step_date);
              g_assert_true (ranah_calendar_is_working_day (calendar, due_date));
              g_assert_cmpfloat_with_epsilon (ranah_calendar_working_days (calendar, from, due),
                                              (double) n, 0.05);
            }
        }
    }
  g_rand_free (rand);
}

/* Found by fuzzing: moments at the ends of the representable range. */
static void
test_extremes (void)
{
  g_autoptr(RanahCalendar) calendar = ranah_calendar_new ("Asia/Makassar");
  const gint64 moments[] = {
    G_MININT64, G_MININT64 + 1, -62135596800, -62135596801, -1, 0, 1, 253402300799,
    253402300800, G_MAXINT64 - 1, G_MAXINT64,
  };

  for (guint i = 0; i < G_N_ELEMENTS (moments); i++)
    for (guint j = 0; j < G_N_ELEMENTS (moments); j++)
      {
        g_autofree char *date = ranah_calendar_date_of (calendar, moments[i]);

        g_assert_nonnull (date);
        g_assert_cmpuint (strlen (date), ==, 10);
        g_assert_cmpint (ranah_calendar_working_seconds (calendar, moments[i], moments[j]), >=, 0);
        g_assert_true (ranah_calendar_working_days (calendar, moments[i], moments[j]) >= 0);
        if (j < 3)
          (void) ranah_calendar_add_working_days (calendar, moments[i], j * 5);
      }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ranah/core/calendar/weekends", test_weekends);
  g_test_add_func ("/ranah/core/calendar/friday-to-monday", test_friday_to_monday);
  g_test_add_func ("/ranah/core/calendar/arrival-on-saturday", test_arrival_on_saturday);
  g_test_add_func ("/ranah/core/calendar/holidays", test_holidays);
  g_test_add_func ("/ranah/core/calendar/zone", test_zone);
  g_test_add_func ("/ranah/core/calendar/daylight-saving", test_daylight_saving);
  g_test_add_func ("/ranah/core/calendar/working-seconds", test_working_seconds);
  g_test_add_func ("/ranah/core/calendar/extremes", test_extremes);
  g_test_add_func ("/ranah/core/calendar/reference", test_reference);

  return g_test_run ();
}
