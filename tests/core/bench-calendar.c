/* bench-calendar.c — the working-day clock over an inbox of 100,000 requests
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For each request: its due time (one working day after it reached its state) and the
 * working days it has waited, as the inbox shows them. Prints rows per second.
 */
#include <stdio.h>

#include "ranah-core.h"

#define N_ROWS 100000

int
main (int argc, char **argv)
{
  g_autoptr(RanahCalendar) calendar = ranah_calendar_new ("Asia/Makassar");
  const char *holidays[] = {
    "2026-01-01", "2026-02-17", "2026-03-19", "2026-03-20", "2026-03-23", "2026-04-03",
    "2026-05-01", "2026-05-14", "2026-05-27", "2026-06-01", "2026-06-16", "2026-08-17",
    "2026-08-25", "2026-12-24", "2026-12-25",
  };
  gint64 now = 1795795200;   /* 2026-11-28 00:00 WITA */
  GRand *rand = g_rand_new_with_seed (42);
  double total_days = 0;
  gint64 checksum = 0;
  gint64 start, elapsed;

  for (guint i = 0; i < G_N_ELEMENTS (holidays); i++)
    ranah_calendar_add_holiday (calendar, holidays[i]);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_ROWS; i++)
    {
      /* Most requests reached their state within the last month, some a year ago. */
      gint64 span = i % 20 == 0 ? 365 * 86400 : 30 * 86400;
      gint64 since = now - g_rand_int_range (rand, 0, (gint32) span);

      checksum += ranah_calendar_add_working_days (calendar, since, 1);
      total_days += ranah_calendar_working_days (calendar, since, now);
    }
  elapsed = g_get_monotonic_time () - start;
  g_rand_free (rand);

  printf ("calendar: %d rows (due time + working days waited) in %.3f s: %.0f rows/s "
          "(mean wait %.2f working days, checksum %" G_GINT64_FORMAT ")\n",
          N_ROWS, elapsed / 1e6, N_ROWS / (elapsed / 1e6), total_days / N_ROWS, checksum);
  return 0;
}
