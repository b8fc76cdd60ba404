/* fuzz-calendar.c — libFuzzer target for the working-day clock
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: two 64-bit moments, a day count, then holiday dates one a line. Any input must
 * leave the clock consistent: the due time is never before the start, and between the
 * start and the due time lie exactly the standard's working seconds (WITA has no DST).
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

  if (size < 17)
    return 0;
  memcpy (&a, data, 8);
  memcpy (&b, data + 8, 8);
  days = data[16] % 32;
  rest = g_strndup ((const char *) data + 17, size - 17);
  lines = g_strsplit (rest, "\n", 64);
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

    g_assert_cmpint (due, >=, a);
    g_assert_cmpint (ranah_calendar_working_seconds (calendar, a, due), ==, (gint64) days * 86400);
    g_assert_cmpint (seconds, <=, hi - lo);
    g_assert_cmpfloat (ranah_calendar_working_days (calendar, lo, hi) * 86400 - seconds, <, 1e-3 * (1 + seconds));
    g_assert_cmpfloat (seconds - ranah_calendar_working_days (calendar, lo, hi) * 86400, <, 1e-3 * (1 + seconds));
  }
  return 0;
}
