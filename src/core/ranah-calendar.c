/* ranah-calendar.c — the working-day clock: weekends and holidays do not count
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Days are numbered as GDate's Julian days (1 = 0001-01-01, a Monday), so a weekday is a
 * remainder and a holiday a lookup. The inbox computes the clock for many rows, and a
 * stored moment may be anything, so nothing here steps day by day over a long span: whole
 * weeks are counted, holidays are found by binary search, and the zone is asked only
 * whether its offset changed within a span (its intervals are in time order, so the same
 * interval at both ends means every day between is 86400 seconds long).
 */
#include <string.h>

#include "ranah-calendar.h"

#define SECONDS_PER_DAY G_GINT64_CONSTANT (86400)
#define EPOCH_DAY 719163            /* GDate Julian day of 1970-01-01 */
#define FIRST_DAY 1                 /* 0001-01-01 */
#define LAST_DAY 3652059            /* 9999-12-31 */
#define MIN_TIME G_GINT64_CONSTANT (-62135596800) /* 0001-01-01T00:00:00Z */
#define MAX_TIME G_GINT64_CONSTANT (253402300799) /* 9999-12-31T23:59:59Z */

struct _RanahCalendar {
  GTimeZone  *tz;
  GHashTable *holidays;   /* day number → itself */
  GArray     *sorted;     /* the same day numbers (guint32), ascending */
};

RanahCalendar *
ranah_calendar_new (const char *tzid)
{
  RanahCalendar *calendar = g_new0 (RanahCalendar, 1);

  if (tzid != NULL && tzid[0] != '\0')
    calendar->tz = g_time_zone_new_identifier (tzid);
  if (calendar->tz == NULL)
    calendar->tz = g_time_zone_new_offset (8 * 3600);
  calendar->holidays = g_hash_table_new (NULL, NULL);
  calendar->sorted = g_array_new (FALSE, FALSE, sizeof (guint32));
  return calendar;
}

void
ranah_calendar_free (RanahCalendar *calendar)
{
  if (calendar == NULL)
    return;
  g_time_zone_unref (calendar->tz);
  g_hash_table_unref (calendar->holidays);
  g_array_unref (calendar->sorted);
  g_free (calendar);
}

/* The day number of a strict YYYY-MM-DD, 0 when it is not one. */
static guint32
parse_day (const char *date)
{
  guint v[3] = { 0, 0, 0 };
  const guint widths[3] = { 4, 2, 2 };
  const char *p = date;

  if (date == NULL || strlen (date) != 10)
    return 0;
  for (guint f = 0; f < 3; f++)
    {
      for (guint i = 0; i < widths[f]; i++, p++)
        {
          if (!g_ascii_isdigit (*p))
            return 0;
          v[f] = v[f] * 10 + (*p - '0');
        }
      if (f < 2 && *p++ != '-')
        return 0;
    }
  if (!g_date_valid_dmy (v[2], v[1], v[0]))
    return 0;
  {
    GDate d;
    g_date_clear (&d, 1);
    g_date_set_dmy (&d, v[2], v[1], v[0]);
    return g_date_get_julian (&d);
  }
}

static gboolean
is_weekday (guint32 day)
{
  return (day - 1) % 7 < 5;   /* 0 = Monday … 5 = Saturday, 6 = Sunday */
}

static gboolean
is_working (RanahCalendar *calendar,
            guint32        day)
{
  return is_weekday (day) && !g_hash_table_contains (calendar->holidays, GUINT_TO_POINTER (day));
}

/* Index of the first holiday on or after @day. */
static guint
first_holiday_from (RanahCalendar *calendar,
                    guint32        day)
{
  guint lo = 0, hi = calendar->sorted->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (calendar->sorted, guint32, mid) < day)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Working days in [@first, @end). */
static gint64
count_working (RanahCalendar *calendar,
               guint32        first,
               guint32        end)
{
  gint64 count;
  guint32 day;

  if (end <= first)
    return 0;
  count = (gint64) ((end - first) / 7) * 5;
  for (day = first + (end - first) / 7 * 7; day < end; day++)
    if (is_weekday (day))
      count++;
  for (guint i = first_holiday_from (calendar, first); i < calendar->sorted->len; i++)
    {
      guint32 holiday = g_array_index (calendar->sorted, guint32, i);

      if (holiday >= end)
        break;
      if (is_weekday (holiday))
        count--;
    }
  return count;
}

static gint64
clamp_time (gint64 t)
{
  return CLAMP (t, MIN_TIME, MAX_TIME);
}

/* The day @when falls on in the calendar's zone. */
static guint32
day_of (RanahCalendar *calendar,
        gint64         when)
{
  gint64 utc = clamp_time (when);
  gint interval = g_time_zone_find_interval (calendar->tz, G_TIME_TYPE_UNIVERSAL, utc);
  gint64 local = utc + g_time_zone_get_offset (calendar->tz, interval);
  gint64 days = local >= 0 ? local / SECONDS_PER_DAY
                           : -((-local + SECONDS_PER_DAY - 1) / SECONDS_PER_DAY);

  return (guint32) CLAMP (days + EPOCH_DAY, FIRST_DAY, LAST_DAY);
}

/* The moment local midnight starts @day (or the first moment after it, should a zone skip
 * midnight). */
static gint64
day_start (RanahCalendar *calendar,
           guint32        day)
{
  gint64 local = ((gint64) day - EPOCH_DAY) * SECONDS_PER_DAY;
  gint64 adjusted = local;
  gint interval = g_time_zone_adjust_time (calendar->tz, G_TIME_TYPE_STANDARD, &adjusted);

  return adjusted - g_time_zone_get_offset (calendar->tz, interval);
}

static guint32
next_working_day (RanahCalendar *calendar,
                  guint32        day)
{
  do
    day++;
  while (day < LAST_DAY && !is_working (calendar, day));
  return day;
}

gboolean
ranah_calendar_add_holiday (RanahCalendar *calendar,
                            const char    *date)
{
  guint32 day;

  g_return_val_if_fail (calendar != NULL, FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  day = parse_day (date);
  if (day == 0)
    return FALSE;
  if (g_hash_table_add (calendar->holidays, GUINT_TO_POINTER (day)))
    g_array_insert_val (calendar->sorted, first_holiday_from (calendar, day), day);
  return TRUE;
}

gboolean
ranah_calendar_is_working_day (RanahCalendar *calendar,
                               const char    *date)
{
  guint32 day;

  g_return_val_if_fail (calendar != NULL, FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  day = parse_day (date);
  return day != 0 && is_working (calendar, day);
}

gint64
ranah_calendar_add_working_days (RanahCalendar *calendar,
                                 gint64         start,
                                 guint          days)
{
  guint32 day;
  gint hour = 0, minute = 0;
  double seconds = 0;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) due = NULL;
  GDate date;

  g_return_val_if_fail (calendar != NULL, 0);

  if (days == 0)
    return start;

  start = clamp_time (start);
  day = day_of (calendar, start);
  if (is_working (calendar, day))
    {
      /* Either may be NULL at the ends of GDateTime's range (years 1 and 9999). */
      local = g_date_time_new_from_unix_utc (start);
      if (local != NULL)
        {
          g_autoptr(GDateTime) in_zone = g_date_time_to_timezone (local, calendar->tz);

          if (in_zone != NULL)
            {
              hour = g_date_time_get_hour (in_zone);
              minute = g_date_time_get_minute (in_zone);
              seconds = g_date_time_get_second (in_zone);
            }
        }
    }
  else
    /* Arriving on a day off, the clock starts at the next working day's midnight. */
    day = next_working_day (calendar, day);

  while (days > 0 && day < LAST_DAY)
    {
      if (days > 10)
        {
          /* Jump whole weeks, leaving at least one working day to step to, so that the
           * due day is always a working day even when the jump lands on a holiday. */
          guint64 weeks = (days - 1) / 5;
          gint64 target = (gint64) day + (gint64) weeks * 7;

          if (target >= LAST_DAY)
            {
              day = LAST_DAY;
              break;
            }
          days -= (guint) count_working (calendar, day + 1, (guint32) target + 1);
          day = (guint32) target;
        }
      else
        {
          day = next_working_day (calendar, day);
          days--;
        }
    }

  /* The same wall-clock time on the due day ("Friday 15:00 → Monday 15:00"), which a zone
   * with daylight saving would otherwise shift by an hour. */
  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  due = g_date_time_new (calendar->tz, g_date_get_year (&date), g_date_get_month (&date),
                         g_date_get_day (&date), hour, minute, seconds);
  if (due == NULL)
    return day_start (calendar, day);
  return g_date_time_to_unix (due);
}

/* The seconds of the working days in [@first, @end), all of them whole days. */
static gint64
whole_days_seconds (RanahCalendar *calendar,
                    guint32        first,
                    guint32        end)
{
  gint64 begin, finish;

  if (end <= first)
    return 0;
  begin = day_start (calendar, first);
  finish = day_start (calendar, end);
  if (g_time_zone_find_interval (calendar->tz, G_TIME_TYPE_UNIVERSAL, begin)
      == g_time_zone_find_interval (calendar->tz, G_TIME_TYPE_UNIVERSAL, finish - 1))
    return count_working (calendar, first, end) * SECONDS_PER_DAY;
  if (end - first == 1)
    return is_working (calendar, first) ? finish - begin : 0;
  /* The offset changes somewhere inside: halve until each part has one offset. */
  return whole_days_seconds (calendar, first, first + (end - first) / 2)
         + whole_days_seconds (calendar, first + (end - first) / 2, end);
}

/* The working part of [@from, @to) as seconds and as working days, where each working
 * day counts 1 whatever its length. */
static void
measure (RanahCalendar *calendar,
         gint64         from,
         gint64         to,
         gint64        *out_seconds,
         double        *out_days)
{
  guint32 first, last;
  gint64 first_start, first_end, last_start, last_end;

  *out_seconds = 0;
  *out_days = 0;
  from = clamp_time (from);
  to = clamp_time (to);
  if (to <= from)
    return;

  first = day_of (calendar, from);
  last = day_of (calendar, to);
  first_start = day_start (calendar, first);
  first_end = day_start (calendar, first + 1);

  if (first == last)
    {
      if (is_working (calendar, first) && first_end > first_start)
        {
          *out_seconds = to - from;
          *out_days = (double) (to - from) / (double) (first_end - first_start);
        }
      return;
    }

  if (is_working (calendar, first) && first_end > first_start)
    {
      gint64 part = first_end - MAX (from, first_start);

      *out_seconds += part;
      *out_days += (double) part / (double) (first_end - first_start);
    }
  *out_seconds += whole_days_seconds (calendar, first + 1, last);
  *out_days += (double) count_working (calendar, first + 1, last);
  last_start = day_start (calendar, last);
  last_end = day_start (calendar, last + 1);
  if (is_working (calendar, last) && to > last_start && last_end > last_start)
    {
      gint64 part = MIN (to, last_end) - last_start;

      *out_seconds += part;
      *out_days += (double) part / (double) (last_end - last_start);
    }
}

gint64
ranah_calendar_working_seconds (RanahCalendar *calendar,
                                gint64         from,
                                gint64         to)
{
  gint64 seconds;
  double days;

  g_return_val_if_fail (calendar != NULL, 0);

  measure (calendar, from, to, &seconds, &days);
  return seconds;
}

double
ranah_calendar_working_days (RanahCalendar *calendar,
                             gint64         from,
                             gint64         to)
{
  gint64 seconds;
  double days;

  g_return_val_if_fail (calendar != NULL, 0);

  measure (calendar, from, to, &seconds, &days);
  return days;
}

char *
ranah_calendar_date_of (RanahCalendar *calendar,
                        gint64         when)
{
  GDate date;

  g_return_val_if_fail (calendar != NULL, NULL);

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day_of (calendar, when));
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}
