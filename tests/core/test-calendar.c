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

/* The whole of every weekday counts (the clock before office hours): the properties of
 * weeks, holidays and zones that do not depend on the hours. */
#define ROUND_THE_CLOCK "mon-fri 00:00-24:00"

static RanahCalendar *
round_the_clock (const char *tzid)
{
  RanahCalendar *calendar = ranah_calendar_new (tzid);

  g_assert_true (ranah_calendar_set_office_hours (calendar, ROUND_THE_CLOCK, NULL));
  return calendar;
}

static RanahCalendar *
calendar_2026 (void)
{
  RanahCalendar *calendar = round_the_clock ("Asia/Makassar");

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
  g_autoptr(RanahCalendar) wita = round_the_clock ("Asia/Makassar");
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
  g_autoptr(RanahCalendar) berlin = round_the_clock ("Europe/Berlin");
  g_autoptr(RanahCalendar) office = ranah_calendar_new ("Europe/Berlin");
  gint64 friday = at ("Europe/Berlin", "2026-03-27 15:00");
  gint64 monday = at ("Europe/Berlin", "2026-03-30 15:00");

  /* Clocks go forward on Sunday 29 March: still "Monday 15:00", 71 hours later. */
  g_assert_cmpint (ranah_calendar_add_working_days (berlin, friday, 1), ==, monday);
  g_assert_cmpint (monday - friday, ==, 71 * HOUR);
  /* Office hours are wall-clock hours: 1.5 h of Friday and 7.5 h of Monday. */
  g_assert_cmpint (ranah_calendar_add_working_days (office, friday, 1), ==, monday);
  g_assert_cmpint (ranah_calendar_working_seconds (office, friday, monday), ==, 9 * HOUR);

  /* A day whose clocks change during its office hours has its real length. */
  {
    g_autoptr(RanahCalendar) sunday = ranah_calendar_new ("Europe/Berlin");

    g_assert_true (ranah_calendar_set_office_hours (sunday, "sun 01:00-05:00", NULL));
    g_assert_cmpint (ranah_calendar_working_seconds (sunday, at ("Europe/Berlin", "2026-03-28 12:00"),
                                                     at ("Europe/Berlin", "2026-03-30 12:00")),
                     ==, 3 * HOUR);
    g_assert_cmpint (ranah_calendar_working_seconds (sunday, at ("Europe/Berlin", "2026-03-21 12:00"),
                                                     at ("Europe/Berlin", "2026-04-06 12:00")),
                     ==, 4 * HOUR + 3 * HOUR + 4 * HOUR);
  }
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

/* The office hours of the local day @day as moments (GDateTime's own answer), FALSE when
 * the office is closed that day. */
static gboolean
reference_office (RanahCalendar          *calendar,
                  const RanahOfficeHours *hours,
                  GTimeZone              *tz,
                  GDateTime              *day,
                  gint64                 *open,
                  gint64                 *close)
{
  g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
  guint w = g_date_time_get_day_of_week (day) - 1;
  g_autoptr(GDateTime) o = NULL;
  g_autoptr(GDateTime) c = NULL;

  if (!ranah_calendar_is_working_day (calendar, date))
    return FALSE;
  g_assert_cmpuint (hours->close[w], >, hours->open[w]);
  o = g_date_time_new (tz, g_date_time_get_year (day), g_date_time_get_month (day),
                       g_date_time_get_day_of_month (day), hours->open[w] / 60,
                       hours->open[w] % 60, 0);
  if (hours->close[w] == 24 * 60)
    {
      g_autoptr(GDateTime) noon = g_date_time_add_hours (day, 36);

      c = g_date_time_new (tz, g_date_time_get_year (noon), g_date_time_get_month (noon),
                           g_date_time_get_day_of_month (noon), 0, 0, 0);
    }
  else
    c = g_date_time_new (tz, g_date_time_get_year (day), g_date_time_get_month (day),
                         g_date_time_get_day_of_month (day), hours->close[w] / 60,
                         hours->close[w] % 60, 0);
  *open = g_date_time_to_unix (o);
  *close = g_date_time_to_unix (c);
  return *close > *open;
}

static GDateTime *
reference_day (GTimeZone *tz,
               gint64     when)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_time_new (tz, g_date_time_get_year (local), g_date_time_get_month (local),
                          g_date_time_get_day_of_month (local), 0, 0, 0);
}

static GDateTime *
reference_next_day (GTimeZone *tz,
                    GDateTime *day)
{
  g_autoptr(GDateTime) noon = g_date_time_add_hours (day, 36);

  return g_date_time_new (tz, g_date_time_get_year (noon), g_date_time_get_month (noon),
                          g_date_time_get_day_of_month (noon), 0, 0, 0);
}

/* The plain definition, one day at a time with GDateTime, to hold the fast one against. */
static void
reference_measure (RanahCalendar          *calendar,
                   const RanahOfficeHours *hours,
                   GTimeZone              *tz,
                   gint64                  from,
                   gint64                  to,
                   gint64                 *seconds,
                   double                 *days)
{
  g_autoptr(GDateTime) day = NULL;

  *seconds = 0;
  *days = 0;
  if (to <= from)
    return;
  day = reference_day (tz, from);
  while (g_date_time_to_unix (day) < to)
    {
      GDateTime *next = reference_next_day (tz, day);
      gint64 open, close;

      if (reference_office (calendar, hours, tz, day, &open, &close))
        {
          gint64 lo = MAX (open, from), hi = MIN (close, to);

          if (hi > lo)
            {
              *seconds += hi - lo;
              *days += (double) (hi - lo) / (double) (close - open);
            }
        }
      g_date_time_unref (day);
      day = next;
    }
}

/* The rule of ranah-calendar.h, one day at a time: the N office days from the one the
 * clock starts in, their lengths added up, then that much office time from the start. */
static gint64
reference_due (RanahCalendar          *calendar,
               const RanahOfficeHours *hours,
               GTimeZone              *tz,
               gint64                  start,
               guint                   n)
{
  g_autoptr(GDateTime) day = reference_day (tz, start);
  gint64 open, close, need = 0, clock = start;

  if (n == 0)
    return start;
  /* The day the clock starts in. */
  while (!reference_office (calendar, hours, tz, day, &open, &close) || close <= clock)
    {
      GDateTime *next = reference_next_day (tz, day);

      g_date_time_unref (day);
      day = next;
      clock = G_MININT64;
    }
  clock = MAX (clock, open);
  {
    g_autoptr(GDateTime) d = g_date_time_ref (day);

    for (guint counted = 0; counted < n;)
      {
        GDateTime *next;

        if (reference_office (calendar, hours, tz, d, &open, &close))
          {
            need += close - open;
            counted++;
          }
        next = reference_next_day (tz, d);
        g_date_time_unref (d);
        d = next;
      }
  }
  /* Spend @need from @clock. */
  for (;;)
    {
      GDateTime *next;

      if (reference_office (calendar, hours, tz, day, &open, &close))
        {
          gint64 lo = MAX (open, clock);

          if (close - lo >= need)
            return lo + need;
          need -= close - lo;
        }
      next = reference_next_day (tz, day);
      g_date_time_unref (day);
      day = next;
    }
}

static void
test_reference (void)
{
  const char *zones[] = { "Asia/Makassar", "Asia/Jakarta", "Europe/Berlin", "America/Sao_Paulo" };
  const char *hours_text[] = { RANAH_OFFICE_HOURS_DEFAULT, ROUND_THE_CLOCK,
                               "mon,wed 08:00-12:00; thu-sat 13:15-24:00", "sun 00:00-02:30" };
  GRand *rand = g_rand_new_with_seed (7);

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    for (guint h = 0; h < G_N_ELEMENTS (hours_text); h++)
      {
        g_autoptr(RanahCalendar) calendar = ranah_calendar_new (zones[z]);
        g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zones[z]);
        gint64 base = at (zones[z], "2014-01-01 00:00");
        RanahOfficeHours hours;

        g_assert_true (ranah_office_hours_parse (hours_text[h], &hours, NULL));
        g_assert_true (ranah_calendar_set_office_hours (calendar, hours_text[h], NULL));
        /* Holidays on all kinds of days, a few falling on weekends or a clock change. */
        for (guint i = 0; i < 120; i++)
          {
            g_autoptr(GDateTime) d = g_date_time_new_from_unix_utc (base + g_rand_int_range (rand, 0, 10 * 365) * DAY);
            g_autofree char *date = g_date_time_format (d, "%Y-%m-%d");
            g_assert_true (ranah_calendar_add_holiday (calendar, date));
          }
        g_assert_true (ranah_calendar_add_holiday (calendar, "2016-10-17"));  /* Brazil: DST start, Monday-ish */
        g_assert_true (ranah_calendar_add_holiday (calendar, "2018-03-26"));

        for (guint i = 0; i < 60; i++)
          {
            gint64 from = base + (gint64) g_rand_double_range (rand, 0, 9.0 * 365 * DAY);
            gint64 to = from + (gint64) (i % 3 == 0 ? g_rand_double_range (rand, 0, 900.0 * DAY)
                                                    : g_rand_double_range (rand, 0, 20.0 * DAY));
            gint64 seconds, ref_seconds;
            double days, ref_days;
            guint n = i % 4 == 0 ? g_rand_int_range (rand, 0, 400) : g_rand_int_range (rand, 0, 6);
            gint64 due;

            reference_measure (calendar, &hours, tz, from, to, &ref_seconds, &ref_days);
            seconds = ranah_calendar_working_seconds (calendar, from, to);
            days = ranah_calendar_working_days (calendar, from, to);
            if (seconds != ref_seconds)
              g_printerr ("# %s, \"%s\", from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT "\n",
                          zones[z], hours_text[h], from, to);
            g_assert_cmpint (seconds, ==, ref_seconds);
            g_assert_cmpfloat_with_epsilon (days, ref_days, 1e-6);

            due = ranah_calendar_add_working_days (calendar, from, n);
            g_assert_cmpint (due, ==, reference_due (calendar, &hours, tz, from, n));
            if (n > 0)
              {
                /* Due on a working day, within its office hours or at their close. */
                g_autofree char *due_date = ranah_calendar_date_of (calendar, due - 1);

                g_assert_true (ranah_calendar_is_working_day (calendar, due_date));
                g_assert_cmpint (due, >, from);
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

/* ---- office hours ---------------------------------------------------------------------- */

static void
test_office_hours_parse (void)
{
  RanahOfficeHours hours;
  g_autofree char *text = NULL;
  const struct { const char *in; const char *canonical; } good[] = {
    { RANAH_OFFICE_HOURS_DEFAULT, RANAH_OFFICE_HOURS_DEFAULT },
    { "  MON - THU 07.30 - 16.00 ;fri 7:30-16:30; ", RANAH_OFFICE_HOURS_DEFAULT },
    { "sen-kam 07:30-16:00; jum 07:30-16:30", RANAH_OFFICE_HOURS_DEFAULT },
    { "mon,tue,wed,thu 07:30-16:00; fri 07:30-16:30", RANAH_OFFICE_HOURS_DEFAULT },
    { "mon-fri 00:00-24:00", "mon-fri 00:00-24:00" },
    { "sat 08:00-12:00; mon,wed-thu 08:00-15:00", "mon 08:00-15:00; wed-thu 08:00-15:00; sat 08:00-12:00" },
    { "sun 00:00-00:01", "sun 00:00-00:01" },
  };
  const struct { const char *in; const char *fault; } bad[] = {
    { "", "no day is open" },
    { ";;", "no day is open" },
    { "monday 07:30-16:00", "“monday” is not a day" },
    { "mon-thu", "needs days and a span" },
    { "mon-thu 07:30", "is not a span" },
    { "mon-thu 7:30-25:00", "is not a span" },
    { "mon-thu 07:60-16:00", "is not a span" },
    { "mon-thu 24:01-24:00", "is not a span" },
    { "mon-thu 0730-1600", "is not a span" },
    { "fri-mon 07:30-16:00", "runs backwards" },
    { "mon-thu 07:30-16:00; thu 08:00-12:00", "Thursday is named twice" },
    { "mon 16:00-07:30", "on Monday the office must close after it opens" },
    { "tue 08:00-08:00", "on Tuesday the office must close after it opens" },
    { "mon-thu 07:30-16:00 fri 07:30-16:30", "is not a span" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *canonical = NULL;

      g_assert_true (ranah_office_hours_parse (good[i].in, &hours, &error));
      g_assert_no_error (error);
      canonical = ranah_office_hours_to_string (&hours);
      g_assert_cmpstr (canonical, ==, good[i].canonical);
    }
  g_assert_true (ranah_office_hours_parse (RANAH_OFFICE_HOURS_DEFAULT, &hours, NULL));
  g_assert_cmpuint (hours.open[0], ==, 7 * 60 + 30);
  g_assert_cmpuint (hours.close[3], ==, 16 * 60);
  g_assert_cmpuint (hours.close[4], ==, 16 * 60 + 30);
  g_assert_cmpuint (hours.close[5], ==, hours.open[5]);
  g_assert_cmpuint (hours.close[6], ==, hours.open[6]);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      RanahOfficeHours kept = hours;

      g_assert_false (ranah_office_hours_parse (bad[i].in, &kept, &error));
      g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
      if (strstr (error->message, bad[i].fault) == NULL)
        g_error ("“%s”: %s", bad[i].in, error->message);
      /* A failed parse leaves the hours alone. */
      g_assert_cmpmem (&kept, sizeof kept, &hours, sizeof hours);
    }
  {
    g_autofree char *longer = g_strnfill (201, 'a');
    g_autoptr(GError) error = NULL;

    g_assert_false (ranah_office_hours_parse (longer, &hours, &error));
    g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
    g_assert_false (ranah_office_hours_parse (NULL, &hours, NULL));
  }
  text = ranah_office_hours_to_string (&hours);
  g_assert_cmpstr (text, ==, RANAH_OFFICE_HOURS_DEFAULT);

  /* The calendar keeps its hours when new ones do not parse. */
  {
    g_autoptr(RanahCalendar) calendar = ranah_calendar_new ("Asia/Makassar");
    g_autoptr(GError) error = NULL;

    g_assert_false (ranah_calendar_set_office_hours (calendar, "fri-mon 08:00-12:00", &error));
    g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
    g_assert_true (ranah_calendar_is_working_day (calendar, "2026-11-26"));
    g_assert_false (ranah_calendar_is_working_day (calendar, "2026-11-28"));
    g_assert_true (ranah_calendar_set_office_hours (calendar, "sat 08:00-12:00", NULL));
    g_assert_false (ranah_calendar_is_working_day (calendar, "2026-11-26"));
    g_assert_true (ranah_calendar_is_working_day (calendar, "2026-11-28"));
    g_assert_true (ranah_calendar_set_office_hours (calendar, NULL, NULL));
    g_assert_true (ranah_calendar_is_working_day (calendar, "2026-11-26"));
  }
}

/* The default office hours, with the 2026 holidays of calendar_2026 (). */
static RanahCalendar *
office_2026 (void)
{
  RanahCalendar *calendar = ranah_calendar_new ("Asia/Makassar");

  g_assert_true (ranah_calendar_add_holiday (calendar, "2026-08-17"));
  g_assert_true (ranah_calendar_add_holiday (calendar, "2026-12-25"));
  g_assert_true (ranah_calendar_add_holiday (calendar, "2026-12-24"));
  return calendar;
}

#define assert_due(calendar, start, days, due) \
  g_assert_cmpint (ranah_calendar_add_working_days ((calendar), WITA (start), (days)), ==, WITA (due))

/* The worked examples of ranah-calendar.h, one by one. */
static void
test_office_during_hours (void)
{
  g_autoptr(RanahCalendar) calendar = office_2026 ();

  /* 1 h of Thursday and 7.5 h of Friday: Thursday's 8.5 h. */
  assert_due (calendar, "2026-11-26 15:00", 1, "2026-11-27 15:00");
  g_assert_cmpint (ranah_calendar_working_seconds (calendar, WITA ("2026-11-26 15:00"),
                                                   WITA ("2026-11-27 15:00")), ==, 8 * HOUR + 1800);
  /* Monday to Wednesday alike; at the opening itself, due at that day's closing. */
  assert_due (calendar, "2026-11-24 09:10", 1, "2026-11-25 09:10");
  assert_due (calendar, "2026-11-24 07:30", 1, "2026-11-24 16:00");
  assert_due (calendar, "2026-11-24 15:59", 1, "2026-11-25 15:59");
  /* A step with no standard is due when it starts. */
  assert_due (calendar, "2026-11-24 09:10", 0, "2026-11-24 09:10");
}

static void
test_office_before_opening (void)
{
  g_autoptr(RanahCalendar) calendar = office_2026 ();

  /* The clock starts at 07:30: all of Thursday. */
  assert_due (calendar, "2026-11-26 06:45", 1, "2026-11-26 16:00");
  assert_due (calendar, "2026-11-26 00:00", 1, "2026-11-26 16:00");
  g_assert_cmpint (ranah_calendar_working_seconds (calendar, WITA ("2026-11-26 06:45"),
                                                   WITA ("2026-11-26 07:30")), ==, 0);
  /* Friday before opening: Friday's 9 h. */
  assert_due (calendar, "2026-11-27 07:00", 1, "2026-11-27 16:30");
}

static void
test_office_after_closing (void)
{
  g_autoptr(RanahCalendar) calendar = office_2026 ();

  /* The clock starts at Friday's opening: Friday's 9 h. */
  assert_due (calendar, "2026-11-26 17:00", 1, "2026-11-27 16:30");
  /* Closing time itself is after hours. */
  assert_due (calendar, "2026-11-26 16:00", 1, "2026-11-27 16:30");
  assert_due (calendar, "2026-11-26 23:59", 1, "2026-11-27 16:30");
  /* Friday evening: Monday's 8.5 h. */
  assert_due (calendar, "2026-11-27 16:30", 1, "2026-11-30 16:00");
  g_assert_cmpint (ranah_calendar_working_seconds (calendar, WITA ("2026-11-26 16:00"),
                                                   WITA ("2026-11-27 07:30")), ==, 0);
}

static void
test_office_weekend (void)
{
  g_autoptr(RanahCalendar) calendar = office_2026 ();

  assert_due (calendar, "2026-11-28 10:00", 1, "2026-11-30 16:00");
  assert_due (calendar, "2026-11-29 23:59", 1, "2026-11-30 16:00");
  assert_due (calendar, "2026-11-28 10:00", 3, "2026-12-02 16:00");
  g_assert_cmpint (ranah_calendar_working_seconds (calendar, WITA ("2026-11-28 00:00"),
                                                   WITA ("2026-11-30 07:30")), ==, 0);
  g_assert_false (ranah_calendar_is_working_day (calendar, "2026-11-28"));
  /* A holiday is like a weekend. */
  assert_due (calendar, "2026-08-17 09:00", 1, "2026-08-18 16:00");
}

static void
test_office_holiday_eve (void)
{
  g_autoptr(RanahCalendar) calendar = office_2026 ();

  /* 1 h of Wednesday, then Thursday (cuti bersama), Friday (Natal) and the weekend,
   * then 7.5 h of Monday. */
  assert_due (calendar, "2026-12-23 15:00", 1, "2026-12-28 15:00");
  g_assert_cmpint (ranah_calendar_working_seconds (calendar, WITA ("2026-12-23 15:00"),
                                                   WITA ("2026-12-28 15:00")), ==, 8 * HOUR + 1800);
  /* The day before Kemerdekaan (a Monday): Friday 14 August to Tuesday 18 August. */
  assert_due (calendar, "2026-08-14 10:00", 1, "2026-08-18 10:00");
}

static void
test_office_friday (void)
{
  g_autoptr(RanahCalendar) calendar = office_2026 ();

  /* 1.5 h of Friday and 7.5 h of Monday: Friday's 9 h. */
  assert_due (calendar, "2026-11-27 15:00", 1, "2026-11-30 15:00");
  g_assert_cmpint (ranah_calendar_working_seconds (calendar, WITA ("2026-11-27 15:00"),
                                                   WITA ("2026-11-30 15:00")), ==, 9 * HOUR);
  /* 20 min of Friday, Monday's 8.5 h, 10 min of Tuesday. */
  assert_due (calendar, "2026-11-27 16:10", 1, "2026-12-01 07:40");
  g_assert_cmpint (ranah_calendar_working_seconds (calendar, WITA ("2026-11-27 16:10"),
                                                   WITA ("2026-12-01 07:40")), ==, 9 * HOUR);
  /* Exactly Monday's length to carry: due at Monday's closing. */
  assert_due (calendar, "2026-11-27 16:00", 1, "2026-11-30 16:00");
  /* Thursday to Friday the other way: Thursday's 8.5 h, and the long Friday absorbs
   * what is carried. */
  assert_due (calendar, "2026-11-26 15:59", 1, "2026-11-27 15:59");
}

static void
test_office_several_days (void)
{
  g_autoptr(RanahCalendar) calendar = office_2026 ();

  /* 1 h of Thursday + Friday's 9 h + 7.5 h of Monday = 8.5 h + 9 h. */
  assert_due (calendar, "2026-11-26 15:00", 2, "2026-11-30 15:00");
  g_assert_cmpint (ranah_calendar_working_seconds (calendar, WITA ("2026-11-26 15:00"),
                                                   WITA ("2026-11-30 15:00")), ==, 17 * HOUR + 1800);
  /* Four whole weeks from a Monday opening: due at the closing of the 20th day. */
  assert_due (calendar, "2026-11-02 07:30", 20, "2026-11-27 16:30");
  assert_due (calendar, "2026-11-02 09:00", 20, "2026-11-30 09:00");
  /* A long standard jumps weeks and still skips the year-end holidays. */
  assert_due (calendar, "2026-12-01 09:00", 30, "2027-01-14 09:00");
}

static void
test_office_used (void)
{
  g_autoptr(RanahCalendar) calendar = office_2026 ();
  gint64 start = WITA ("2026-11-26 15:00");
  gint64 due = ranah_calendar_add_working_days (calendar, start, 1);
  gint64 used = ranah_calendar_working_seconds (calendar, start, WITA ("2026-11-27 11:15"));

  /* 1 h of Thursday and 3.75 h of Friday: 4.75 h of 8.5 h. */
  g_assert_cmpint (used, ==, 4 * HOUR + 45 * 60);
  g_assert_cmpfloat_with_epsilon ((double) used / ranah_calendar_working_seconds (calendar, start, due),
                                  4.75 / 8.5, 1e-9);
  /* In working days each day counts its share: 1/8.5 of Thursday and 3.75/9 of Friday. */
  g_assert_cmpfloat_with_epsilon (ranah_calendar_working_days (calendar, start,
                                                               WITA ("2026-11-27 11:15")),
                                  1.0 / 8.5 + 3.75 / 9.0, 1e-9);
  /* The night does not count: Thursday 16:00 to Friday 07:30 adds nothing. */
  g_assert_cmpint (ranah_calendar_working_seconds (calendar, start, WITA ("2026-11-27 07:30")), ==,
                   HOUR);
  /* A whole December: 21 working days, 3 of them Fridays (9 h; the 25th is Natal) and 18
   * others (8.5 h). */
  g_assert_cmpint (ranah_calendar_working_seconds (calendar, WITA ("2026-12-01 00:00"),
                                                   WITA ("2027-01-01 00:00")), ==,
                   3 * 9 * HOUR + 18 * (8 * HOUR + 1800));
  g_assert_cmpfloat_with_epsilon (ranah_calendar_working_days (calendar, WITA ("2026-12-01 00:00"),
                                                               WITA ("2027-01-01 00:00")),
                                  21.0, 1e-9);
}

static void
test_office_holiday_added_later (void)
{
  g_autoptr(RanahCalendar) calendar = ranah_calendar_new ("Asia/Makassar");
  gint64 start = WITA ("2026-12-23 15:00");

  /* Before the cuti bersama is declared the step is due Thursday 15:00 … */
  g_assert_cmpint (ranah_calendar_add_working_days (calendar, start, 1), ==,
                   WITA ("2026-12-24 15:00"));
  /* … and after it moves to Friday, then (with Natal) to Monday. */
  g_assert_true (ranah_calendar_add_holiday (calendar, "2026-12-24"));
  g_assert_cmpint (ranah_calendar_add_working_days (calendar, start, 1), ==,
                   WITA ("2026-12-25 15:00"));
  g_assert_true (ranah_calendar_add_holiday (calendar, "2026-12-25"));
  g_assert_cmpint (ranah_calendar_add_working_days (calendar, start, 1), ==,
                   WITA ("2026-12-28 15:00"));
}

static void
test_moment (void)
{
  g_autoptr(RanahCalendar) calendar = office_2026 ();

  g_assert_cmpint (ranah_calendar_moment (calendar, "2026-11-26", 15 * 60), ==,
                   WITA ("2026-11-26 15:00"));
  g_assert_cmpint (ranah_calendar_moment (calendar, "2026-11-26", 24 * 60), ==,
                   WITA ("2026-11-27 00:00"));
  g_assert_cmpint (ranah_calendar_moment (calendar, "2026-11-26", 24 * 60 + 1), ==, 0);
  g_assert_cmpint (ranah_calendar_moment (calendar, "26-11-2026", 0), ==, 0);
  g_assert_cmpint (ranah_calendar_opening (calendar, "2026-11-26"), ==, WITA ("2026-11-26 07:30"));
  g_assert_cmpint (ranah_calendar_opening (calendar, "2026-11-28"), ==, WITA ("2026-11-28 00:00"));
  /* A holiday keeps its weekday's hours: only the clock stops. */
  g_assert_cmpint (ranah_calendar_opening (calendar, "2026-12-25"), ==, WITA ("2026-12-25 07:30"));
  g_assert_cmpint (ranah_calendar_opening (calendar, "not a date"), ==, 0);
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
  g_test_add_func ("/ranah/core/calendar/office-hours/parse", test_office_hours_parse);
  g_test_add_func ("/ranah/core/calendar/office-hours/during-hours", test_office_during_hours);
  g_test_add_func ("/ranah/core/calendar/office-hours/before-opening", test_office_before_opening);
  g_test_add_func ("/ranah/core/calendar/office-hours/after-closing", test_office_after_closing);
  g_test_add_func ("/ranah/core/calendar/office-hours/weekend", test_office_weekend);
  g_test_add_func ("/ranah/core/calendar/office-hours/holiday-eve", test_office_holiday_eve);
  g_test_add_func ("/ranah/core/calendar/office-hours/friday", test_office_friday);
  g_test_add_func ("/ranah/core/calendar/office-hours/several-days", test_office_several_days);
  g_test_add_func ("/ranah/core/calendar/office-hours/used", test_office_used);
  g_test_add_func ("/ranah/core/calendar/office-hours/holiday-added-later",
                   test_office_holiday_added_later);
  g_test_add_func ("/ranah/core/calendar/moment", test_moment);

  return g_test_run ();
}
