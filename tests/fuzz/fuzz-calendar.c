/* fuzz-calendar.c — libFuzzer target for the working-day clock
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: two 64-bit moments, a day count, then office hours on the first line (used when
 * they parse) and holiday dates one a line. Any input must leave the clock consistent:
 * the due time is never before the start, and between the start and the due time lie the
 * office hours of as many office days as the standard has working days (WITA has no DST).
 */
#include <string.h>

#include "ranah-core.h"

#include "fuzz.h"

#define SPAN G_GINT64_CONSTANT (4102444800)   /* 1970 … 2100 */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t        size)
{
  g_autoptr(RanahCalendar) calendar = ranah_calendar_new ("Asia/Makassar");
  gint64 a = 0, b = 0;
  guint8 days = 0;
  g_autofree char *rest = NULL;
  g_auto(GStrv) lines = NULL;
  RanahOfficeHours hours;
  gint64 shortest = G_MAXINT64, longest = 0;

  if (size < 17)
    return 0;
  memcpy (&a, data, 8);
  memcpy (&b, data + 8, 8);
  days = data[16] % 32;
  rest = g_strndup ((const char *) data + 17, size - 17);
  lines = g_strsplit (rest, "\n", 64);
  if (lines[0] == NULL || !ranah_office_hours_parse (lines[0], &hours, NULL))
    g_assert_true (ranah_office_hours_parse (RANAH_OFFICE_HOURS_DEFAULT, &hours, NULL));
  else
    {
      g_autofree char *canonical = ranah_office_hours_to_string (&hours);
      RanahOfficeHours again;

      /* The canonical text reads back as the same hours. */
      g_assert_true (ranah_office_hours_parse (canonical, &again, NULL));
      for (guint d = 0; d < 7; d++)
        if (hours.close[d] > hours.open[d])
          {
            g_assert_cmpuint (again.open[d], ==, hours.open[d]);
            g_assert_cmpuint (again.close[d], ==, hours.close[d]);
          }
      g_assert_true (ranah_calendar_set_office_hours (calendar, lines[0], NULL));
    }
  for (guint d = 0; d < 7; d++)
    if (hours.close[d] > hours.open[d])
      {
        shortest = MIN (shortest, (gint64) (hours.close[d] - hours.open[d]) * 60);
        longest = MAX (longest, (gint64) (hours.close[d] - hours.open[d]) * 60);
      }
  for (guint i = 0; lines[i] != NULL; i++)
    if (ranah_calendar_add_holiday (calendar, lines[i]))
      g_assert_false (ranah_calendar_is_working_day (calendar, lines[i]));

  /* Anything at all: no crash, and sane signs. */
  g_assert_cmpint (ranah_calendar_working_seconds (calendar, a, b), >=, 0);
  g_assert_true (ranah_calendar_working_days (calendar, a, b) >= 0);
  g_free (ranah_calendar_date_of (calendar, a));
  (void) ranah_calendar_add_working_days (calendar, a, days);

  /* Within a realistic span, the properties the inbox relies on. */
  a = (gint64) ((guint64) a % (guint64) SPAN);
  b = (gint64) ((guint64) b % (guint64) SPAN);
  {
    gint64 due = ranah_calendar_add_working_days (calendar, a, days);
    gint64 lo = MIN (a, b), hi = MAX (a, b);
    gint64 seconds = ranah_calendar_working_seconds (calendar, lo, hi);

    gint64 office = ranah_calendar_working_seconds (calendar, a, due);

    g_assert_cmpint (due, >=, a);
    g_assert_cmpint (office, >=, (gint64) days * shortest);
    g_assert_cmpint (office, <=, (gint64) days * longest);
    g_assert_cmpint (seconds, <=, hi - lo);
    /* Each working day counts its share of its own office hours. */
    g_assert_cmpfloat (ranah_calendar_working_days (calendar, lo, hi) * shortest - seconds, <, 1e-3 * (1 + seconds));
    g_assert_cmpfloat (seconds - ranah_calendar_working_days (calendar, lo, hi) * longest, <, 1e-3 * (1 + seconds));
  }
  return 0;
}
