/* ranah-calendar.c — the working-day clock: office hours count, nights, weekends and
 * holidays do not
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Days are numbered as GDate's Julian days (1 = 0001-01-01, a Monday), so a weekday is a
 * remainder and a holiday a lookup. The inbox computes the clock for many rows, and a
 * stored moment may be anything, so nothing here steps day by day over a long span: the
 * office time of whole days is counted as whole weeks of the office hours less the
 * holidays, found by binary search with the office time of the holidays before each one
 * kept alongside (the calendar's index, rebuilt when a holiday or the hours change).
 *
 * The zone is asked as little as possible. Most zones, WITA among them, keep one offset
 * from some moment on: found once when the calendar is made, every day after it is
 * plain arithmetic. Before it (or in a zone that still changes its clocks) the zone is
 * asked whether its offset changed within a span (its intervals are in time order, so
 * the same interval at both ends means every office day between has its nominal length).
 */
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ranah-calendar.h"
#include "ranah-error.h"

#define SECONDS_PER_DAY G_GINT64_CONSTANT (86400)
#define EPOCH_DAY 719163            /* GDate Julian day of 1970-01-01 */
#define FIRST_DAY 1                 /* 0001-01-01 */
#define LAST_DAY 3652059            /* 9999-12-31 */
#define MIN_TIME G_GINT64_CONSTANT (-62135596800) /* 0001-01-01T00:00:00Z */
#define MAX_TIME G_GINT64_CONSTANT (253402300799) /* 9999-12-31T23:59:59Z */
#define MAX_TEXT 200                /* of an office-hours value */

struct _RanahCalendar {
  GTimeZone        *tz;
  RanahOfficeHours  hours;
  gint32            open[7];      /* seconds after local midnight, Monday = 0 */
  gint32            close[7];     /* == open: closed that weekday */
  gint64            week_seconds; /* nominal office seconds of a week */
  guint             week_days;    /* open weekdays */
  GHashTable       *holidays;     /* day number → itself */
  GArray           *sorted;       /* the same day numbers (guint32), ascending */
  /* The index: for the i-th holiday, the nominal office seconds (gint64) and the open
   * weekdays (guint32) of the holidays before it; len + 1 entries. */
  GArray           *holiday_seconds;
  GArray           *holiday_days;
  /* From stable_from on the zone's offset is stable_offset; days from stable_day on lie
   * wholly after stable_from. */
  gint64            stable_from;
  gint32            stable_offset;
  guint32           stable_day;
};

/* ---- office hours ---------------------------------------------------------------------- */

static const char *day_names[7][2] = {
  { "mon", "sen" }, { "tue", "sel" }, { "wed", "rab" }, { "thu", "kam" },
  { "fri", "jum" }, { "sat", "sab" }, { "sun", "min" },
};

static void
set_hours_error (GError     **error,
                 const char  *fault)
{
  g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
               _("Office hours are written like “%s”: %s"), RANAH_OFFICE_HOURS_DEFAULT, fault);
}

static int
parse_day_name (const char *text,
                gsize       len)
{
  if (len != 3)
    return -1;
  for (int d = 0; d < 7; d++)
    for (int k = 0; k < 2; k++)
      if (g_ascii_strncasecmp (text, day_names[d][k], 3) == 0)
        return d;
  return -1;
}

/* "HH:MM" or "HH.MM", 00:00 … 24:00, in minutes; -1 when it is not one. */
static int
parse_time (const char *text,
            gsize       len)
{
  guint h = 0, m = 0;
  gsize i = 0, digits = 0;

  while (i < len && g_ascii_isdigit (text[i]) && digits < 2)
    {
      h = h * 10 + (text[i] - '0');
      i++;
      digits++;
    }
  if (digits == 0 || i >= len || (text[i] != ':' && text[i] != '.'))
    return -1;
  i++;
  if (len - i != 2 || !g_ascii_isdigit (text[i]) || !g_ascii_isdigit (text[i + 1]))
    return -1;
  m = (text[i] - '0') * 10 + (text[i + 1] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0))
    return -1;
  return (int) (h * 60 + m);
}

static const char *
day_title (int day)
{
  static const char *titles[7] = {
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
    N_("Saturday"), N_("Sunday"),
  };
  return _(titles[day]);
}

/* One entry, "mon-thu,sat 07:30-16:00", into @hours; @named marks the days seen. */
static gboolean
parse_entry (const char        *entry,
             RanahOfficeHours  *hours,
             gboolean          *named,
             GError           **error)
{
  g_autofree char *fault = NULL;
  const char *space = entry;
  const char *span, *dash;
  gboolean days[7] = { FALSE };
  int open, close;

  while (*space != '\0' && !g_ascii_isspace (*space))
    space++;
  span = space;
  while (g_ascii_isspace (*span))
    span++;
  if (*space == '\0' || *span == '\0')
    {
      fault = g_strdup_printf (_("“%s” needs days and a span such as 07:30-16:00."), entry);
      set_hours_error (error, fault);
      return FALSE;
    }

  /* The days: a list of days and ranges. */
  for (const char *p = entry; p < space;)
    {
      const char *end = p;
      const char *hyphen = NULL;
      int first, last;

      while (end < space && *end != ',')
        {
          if (*end == '-' && hyphen == NULL)
            hyphen = end;
          end++;
        }
      first = parse_day_name (p, (hyphen != NULL ? hyphen : end) - p);
      last = hyphen != NULL ? parse_day_name (hyphen + 1, end - hyphen - 1) : first;
      if (first < 0 || last < 0)
        {
          g_autofree char *word = g_strndup (p, end - p);

          fault = g_strdup_printf (_("“%s” is not a day (mon, tue, wed, thu, fri, sat, sun)."),
                                   word);
          set_hours_error (error, fault);
          return FALSE;
        }
      if (last < first)
        {
          g_autofree char *word = g_strndup (p, end - p);

          fault = g_strdup_printf (_("“%s” runs backwards: write days from Monday to Sunday."),
                                   word);
          set_hours_error (error, fault);
          return FALSE;
        }
      for (int d = first; d <= last; d++)
        days[d] = TRUE;
      p = end < space ? end + 1 : end;
    }

  /* The span: two times joined by a hyphen. */
  dash = strchr (span, '-');
  open = dash != NULL ? parse_time (span, dash - span) : -1;
  close = dash != NULL ? parse_time (dash + 1, strlen (dash + 1)) : -1;
  if (open < 0 || close < 0)
    {
      fault = g_strdup_printf (_("“%s” is not a span of two times such as 07:30-16:00."), span);
      set_hours_error (error, fault);
      return FALSE;
    }
  for (int d = 0; d < 7; d++)
    {
      if (!days[d])
        continue;
      if (named[d])
        {
          fault = g_strdup_printf (_("%s is named twice."), day_title (d));
          set_hours_error (error, fault);
          return FALSE;
        }
      if (close <= open)
        {
          fault = g_strdup_printf (_("on %s the office must close after it opens."),
                                   day_title (d));
          set_hours_error (error, fault);
          return FALSE;
        }
      named[d] = TRUE;
      hours->open[d] = (guint16) open;
      hours->close[d] = (guint16) close;
    }
  return TRUE;
}

gboolean
ranah_office_hours_parse (const char        *text,
                          RanahOfficeHours  *hours,
                          GError           **error)
{
  RanahOfficeHours parsed = { { 0 }, { 0 } };
  gboolean named[7] = { FALSE };
  g_auto(GStrv) entries = NULL;
  gboolean any = FALSE;

  g_return_val_if_fail (hours != NULL, FALSE);

  if (text == NULL || strlen (text) > MAX_TEXT || !g_utf8_validate (text, -1, NULL))
    {
      set_hours_error (error, _("the text is missing or too long."));
      return FALSE;
    }
  entries = g_strsplit (text, ";", -1);
  for (guint i = 0; entries[i] != NULL; i++)
    {
      char *entry = g_strstrip (entries[i]);

      /* Spaces around the parts of an entry are allowed: "mon - thu 07:30 - 16:00". */
      {
        GString *tight = g_string_new (NULL);

        for (const char *p = entry; *p != '\0'; p++)
          {
            if (g_ascii_isspace (*p))
              {
                const char *q = p;

                while (g_ascii_isspace (*q))
                  q++;
                /* Keep one space where it separates the days from the span. */
                if (tight->len > 0 && *q != '\0' && *q != '-' && *q != ','
                    && tight->str[tight->len - 1] != '-' && tight->str[tight->len - 1] != ',')
                  g_string_append_c (tight, ' ');
                p = q - 1;
                continue;
              }
            g_string_append_c (tight, *p);
          }
        g_free (entries[i]);
        entries[i] = g_string_free (tight, FALSE);
        entry = entries[i];
      }
      if (*entry == '\0')
        continue;
      if (!parse_entry (entry, &parsed, named, error))
        return FALSE;
    }
  for (int d = 0; d < 7; d++)
    any = any || parsed.close[d] > parsed.open[d];
  if (!any)
    {
      set_hours_error (error, _("no day is open."));
      return FALSE;
    }
  *hours = parsed;
  return TRUE;
}

char *
ranah_office_hours_to_string (const RanahOfficeHours *hours)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (hours != NULL, NULL);

  for (int d = 0; d < 7;)
    {
      int last = d;

      if (hours->close[d] <= hours->open[d])
        {
          d++;
          continue;
        }
      while (last + 1 < 7 && hours->open[last + 1] == hours->open[d]
             && hours->close[last + 1] == hours->close[d])
        last++;
      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append (out, day_names[d][0]);
      if (last > d)
        g_string_append_printf (out, "-%s", day_names[last][0]);
      g_string_append_printf (out, " %02u:%02u-%02u:%02u", hours->open[d] / 60u,
                              hours->open[d] % 60u, hours->close[d] / 60u,
                              hours->close[d] % 60u);
      d = last + 1;
    }
  return g_string_free (out, FALSE);
}

/* ---- the calendar ---------------------------------------------------------------------- */

static guint
weekday (guint32 day)
{
  return (day - 1) % 7;   /* 0 = Monday … 6 = Sunday */
}

static gint64
clamp_time (gint64 t)
{
  return CLAMP (t, MIN_TIME, MAX_TIME);
}

/* The index over the holidays, after one was added or the hours changed. */
static void
rebuild_index (RanahCalendar *calendar)
{
  gint64 seconds = 0;
  guint32 days = 0;

  g_array_set_size (calendar->holiday_seconds, 0);
  g_array_set_size (calendar->holiday_days, 0);
  for (guint i = 0; i <= calendar->sorted->len; i++)
    {
      g_array_append_val (calendar->holiday_seconds, seconds);
      g_array_append_val (calendar->holiday_days, days);
      if (i < calendar->sorted->len)
        {
          guint w = weekday (g_array_index (calendar->sorted, guint32, i));

          seconds += calendar->close[w] - calendar->open[w];
          days += calendar->close[w] > calendar->open[w];
        }
    }
}

static void
use_hours (RanahCalendar          *calendar,
           const RanahOfficeHours *hours)
{
  calendar->hours = *hours;
  calendar->week_seconds = 0;
  calendar->week_days = 0;
  for (guint d = 0; d < 7; d++)
    {
      gboolean open = hours->close[d] > hours->open[d];

      calendar->open[d] = open ? hours->open[d] * 60 : 0;
      calendar->close[d] = open ? hours->close[d] * 60 : 0;
      calendar->week_seconds += calendar->close[d] - calendar->open[d];
      calendar->week_days += open;
    }
  rebuild_index (calendar);
}

/* The slow answer: the zone's offset at @utc. */
static gint32
offset_at (RanahCalendar *calendar,
           gint64         utc)
{
  gint interval = g_time_zone_find_interval (calendar->tz, G_TIME_TYPE_UNIVERSAL, utc);

  return g_time_zone_get_offset (calendar->tz, interval);
}

/* Where the zone's last interval begins (its intervals are in time order). */
static void
find_stable (RanahCalendar *calendar)
{
  gint last = g_time_zone_find_interval (calendar->tz, G_TIME_TYPE_UNIVERSAL, MAX_TIME);
  gint64 lo = MIN_TIME, hi = MAX_TIME;

  while (lo < hi)
    {
      gint64 mid = lo + (hi - lo) / 2;

      if (g_time_zone_find_interval (calendar->tz, G_TIME_TYPE_UNIVERSAL, mid) == last)
        hi = mid;
      else
        lo = mid + 1;
    }
  calendar->stable_from = lo;
  calendar->stable_offset = g_time_zone_get_offset (calendar->tz, last);
  /* The day after the one stable_from falls in (an offset is under a day). */
  {
    gint64 local = lo + calendar->stable_offset;
    gint64 days = local >= 0 ? local / SECONDS_PER_DAY
                             : -((-local + SECONDS_PER_DAY - 1) / SECONDS_PER_DAY);

    calendar->stable_day = (guint32) CLAMP (days + EPOCH_DAY + 2, FIRST_DAY, LAST_DAY + 1);
  }
}

RanahCalendar *
ranah_calendar_new (const char *tzid)
{
  RanahCalendar *calendar = g_new0 (RanahCalendar, 1);
  RanahOfficeHours hours;

  if (tzid != NULL && tzid[0] != '\0')
    calendar->tz = g_time_zone_new_identifier (tzid);
  if (calendar->tz == NULL)
    calendar->tz = g_time_zone_new_offset (8 * 3600);
  calendar->holidays = g_hash_table_new (NULL, NULL);
  calendar->sorted = g_array_new (FALSE, FALSE, sizeof (guint32));
  calendar->holiday_seconds = g_array_new (FALSE, FALSE, sizeof (gint64));
  calendar->holiday_days = g_array_new (FALSE, FALSE, sizeof (guint32));
  if (!ranah_office_hours_parse (RANAH_OFFICE_HOURS_DEFAULT, &hours, NULL))
    g_assert_not_reached ();
  use_hours (calendar, &hours);
  find_stable (calendar);
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
  g_array_unref (calendar->holiday_seconds);
  g_array_unref (calendar->holiday_days);
  g_free (calendar);
}

gboolean
ranah_calendar_set_office_hours (RanahCalendar  *calendar,
                                 const char     *text,
                                 GError        **error)
{
  RanahOfficeHours hours;

  g_return_val_if_fail (calendar != NULL, FALSE);

  if (text == NULL || *text == '\0')
    text = RANAH_OFFICE_HOURS_DEFAULT;
  if (!ranah_office_hours_parse (text, &hours, error))
    return FALSE;
  use_hours (calendar, &hours);
  return TRUE;
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
is_holiday (RanahCalendar *calendar,
            guint32        day)
{
  return g_hash_table_contains (calendar->holidays, GUINT_TO_POINTER (day));
}

static gboolean
is_working (RanahCalendar *calendar,
            guint32        day)
{
  guint w = weekday (day);

  return calendar->close[w] > calendar->open[w] && !is_holiday (calendar, day);
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
  guint lo, hi;

  if (end <= first)
    return 0;
  count = (gint64) ((end - first) / 7) * calendar->week_days;
  for (guint32 day = first + (end - first) / 7 * 7; day < end; day++)
    count += calendar->close[weekday (day)] > calendar->open[weekday (day)];
  lo = first_holiday_from (calendar, first);
  hi = first_holiday_from (calendar, end);
  count -= g_array_index (calendar->holiday_days, guint32, hi)
           - g_array_index (calendar->holiday_days, guint32, lo);
  return count;
}

/* Nominal office seconds of the working days in [@first, @end). */
static gint64
nominal_seconds (RanahCalendar *calendar,
                 guint32        first,
                 guint32        end)
{
  gint64 seconds;
  guint lo, hi;

  if (end <= first)
    return 0;
  seconds = (gint64) ((end - first) / 7) * calendar->week_seconds;
  for (guint32 day = first + (end - first) / 7 * 7; day < end; day++)
    seconds += calendar->close[weekday (day)] - calendar->open[weekday (day)];
  lo = first_holiday_from (calendar, first);
  hi = first_holiday_from (calendar, end);
  seconds -= g_array_index (calendar->holiday_seconds, gint64, hi)
             - g_array_index (calendar->holiday_seconds, gint64, lo);
  return seconds;
}

/* The day @when falls on in the calendar's zone. */
static guint32
day_of (RanahCalendar *calendar,
        gint64         when)
{
  gint64 utc = clamp_time (when);
  gint64 local = utc + (utc >= calendar->stable_from ? calendar->stable_offset
                                                     : offset_at (calendar, utc));
  gint64 days = local >= 0 ? local / SECONDS_PER_DAY
                           : -((-local + SECONDS_PER_DAY - 1) / SECONDS_PER_DAY);

  return (guint32) CLAMP (days + EPOCH_DAY, FIRST_DAY, LAST_DAY);
}

/* The moment @day at @seconds after its local midnight (the first moment after a gap the
 * clocks skip); @seconds may be 86400, the next day's midnight. */
static gint64
local_moment (RanahCalendar *calendar,
              guint32        day,
              gint32         seconds)
{
  gint64 local = ((gint64) day - EPOCH_DAY) * SECONDS_PER_DAY + seconds;
  gint64 adjusted = local;
  gint interval;

  if (day >= calendar->stable_day)
    return local - calendar->stable_offset;
  interval = g_time_zone_adjust_time (calendar->tz, G_TIME_TYPE_STANDARD, &adjusted);
  return adjusted - g_time_zone_get_offset (calendar->tz, interval);
}

static gint64
day_start (RanahCalendar *calendar,
           guint32        day)
{
  return local_moment (calendar, day, 0);
}

/* The office hours of @day as moments, [*open, *close); FALSE (and an empty span) when
 * the office is closed that day. */
static gboolean
office_of (RanahCalendar *calendar,
           guint32        day,
           gint64        *open,
           gint64        *close)
{
  guint w = weekday (day);

  if (!is_working (calendar, day))
    {
      *open = *close = 0;
      return FALSE;
    }
  *open = local_moment (calendar, day, calendar->open[w]);
  *close = local_moment (calendar, day, calendar->close[w]);
  if (*close < *open)
    *close = *open;
  return *close > *open;
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

/* The office seconds of the working days in [@first, @end). */
static gint64
whole_days_seconds (RanahCalendar *calendar,
                    guint32        first,
                    guint32        end)
{
  gint64 begin, finish;

  if (end <= first)
    return 0;
  if (first >= calendar->stable_day)
    return nominal_seconds (calendar, first, end);
  begin = day_start (calendar, first);
  finish = day_start (calendar, end);
  /* From the moment before the first day: a zone that changes its clocks at midnight
   * makes that day start after the change. */
  if (g_time_zone_find_interval (calendar->tz, G_TIME_TYPE_UNIVERSAL, begin - 1)
      == g_time_zone_find_interval (calendar->tz, G_TIME_TYPE_UNIVERSAL, finish - 1))
    return nominal_seconds (calendar, first, end);
  if (end - first == 1)
    {
      gint64 open, close;

      return office_of (calendar, first, &open, &close) ? close - open : 0;
    }
  /* The offset changes somewhere inside: halve until each part has one offset. */
  return whole_days_seconds (calendar, first, first + (end - first) / 2)
         + whole_days_seconds (calendar, first + (end - first) / 2, end);
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
    {
      g_array_insert_val (calendar->sorted, first_holiday_from (calendar, day), day);
      rebuild_index (calendar);
    }
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

/* The @n-th working day counting @day (a working day) as the first. */
static guint32
nth_working_day (RanahCalendar *calendar,
                 guint32        day,
                 guint          n)
{
  /* Every working day up to @day is counted; n − 1 remain. */
  while (n > 1 && day < LAST_DAY)
    {
      if (n > 10 && calendar->week_days > 0)
        {
          /* Jump whole weeks, leaving at least one working day to step to, so that the
           * day reached is always a working day even when the jump lands on a holiday. */
          guint64 weeks = (n - 2) / calendar->week_days;
          gint64 target = (gint64) day + (gint64) weeks * 7;

          if (target >= LAST_DAY)
            return LAST_DAY;
          n -= (guint) count_working (calendar, day + 1, (guint32) target + 1);
          day = (guint32) target;
        }
      else
        {
          day = next_working_day (calendar, day);
          n--;
        }
    }
  return day;
}

gint64
ranah_calendar_add_working_days (RanahCalendar *calendar,
                                 gint64         start,
                                 guint          days)
{
  guint32 day, last;
  gint64 open, close, carry = 0;

  g_return_val_if_fail (calendar != NULL, 0);

  if (days == 0)
    return start;

  start = clamp_time (start);
  day = day_of (calendar, start);
  if (office_of (calendar, day, &open, &close) && start < close)
    /* The clock starts now, or at this day's opening: what it missed is carried. */
    carry = MAX (start, open) - open;
  else
    /* Closed or after closing: the clock starts at the next opening. */
    day = next_working_day (calendar, day);

  last = nth_working_day (calendar, day, days);
  if (!office_of (calendar, last, &open, &close))
    return day_start (calendar, MIN (last, (guint32) LAST_DAY));
  if (carry == 0)
    return close;
  /* The remainder runs on from the next opening, over as many days as it needs. */
  for (day = last; day < LAST_DAY;)
    {
      day = next_working_day (calendar, day);
      if (!office_of (calendar, day, &open, &close))
        break;
      if (carry <= close - open)
        return open + carry;
      carry -= close - open;
    }
  return clamp_time (day_start (calendar, day));
}

/* The office part of [@from, @to) within @day, as seconds and as a share of that day. */
static void
day_part (RanahCalendar *calendar,
          guint32        day,
          gint64         from,
          gint64         to,
          gint64        *seconds,
          double        *days)
{
  gint64 open, close, lo, hi;

  if (!office_of (calendar, day, &open, &close))
    return;
  lo = MAX (from, open);
  hi = MIN (to, close);
  if (hi > lo)
    {
      *seconds += hi - lo;
      *days += (double) (hi - lo) / (double) (close - open);
    }
}

/* The office part of [@from, @to) as seconds and as working days. */
static void
measure (RanahCalendar *calendar,
         gint64         from,
         gint64         to,
         gint64        *out_seconds,
         double        *out_days)
{
  guint32 first, last;

  *out_seconds = 0;
  *out_days = 0;
  from = clamp_time (from);
  to = clamp_time (to);
  if (to <= from)
    return;

  first = day_of (calendar, from);
  last = day_of (calendar, to);
  if (first == last)
    {
      day_part (calendar, first, from, to, out_seconds, out_days);
      return;
    }
  day_part (calendar, first, from, MAX_TIME + 1, out_seconds, out_days);
  *out_seconds += whole_days_seconds (calendar, first + 1, last);
  *out_days += (double) count_working (calendar, first + 1, last);
  day_part (calendar, last, MIN_TIME, to, out_seconds, out_days);
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

void
ranah_calendar_working_time (RanahCalendar *calendar,
                             gint64         from,
                             gint64         to,
                             gint64        *seconds,
                             double        *days)
{
  gint64 s;
  double d;

  g_return_if_fail (calendar != NULL);

  measure (calendar, from, to, &s, &d);
  if (seconds != NULL)
    *seconds = s;
  if (days != NULL)
    *days = d;
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

gint64
ranah_calendar_moment (RanahCalendar *calendar,
                       const char    *date,
                       guint          minutes)
{
  guint32 day;

  g_return_val_if_fail (calendar != NULL, 0);

  day = parse_day (date);
  if (day == 0 || minutes > 24 * 60)
    return 0;
  return local_moment (calendar, day, (gint32) minutes * 60);
}

gint64
ranah_calendar_opening (RanahCalendar *calendar,
                        const char    *date)
{
  guint32 day;

  g_return_val_if_fail (calendar != NULL, 0);

  day = parse_day (date);
  if (day == 0)
    return 0;
  return local_moment (calendar, day, calendar->open[weekday (day)]);
}
