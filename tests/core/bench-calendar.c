/* bench-calendar.c — the working-day clock over an inbox of 100,000 requests
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For each request: its due time (one working day after it reached its state) and the
 * working days it has waited, as the inbox showed them; then the whole clock of each row
 * as the inbox shows it now (ranah_escalation_clock (): the start, the due time by the
 * office hours and holidays as they are, the share used, the wait). Prints rows per second.
 */
#include <stdio.h>

#include "ranah-core.h"
#include "ranah-escalation.h"

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

  printf ("calendar: %d rows (due time + working days waited) in %.3f s: %.0f rows/s "
          "(mean wait %.2f working days, checksum %" G_GINT64_FORMAT ")\n",
          N_ROWS, elapsed / 1e6, N_ROWS / (elapsed / 1e6), total_days / N_ROWS, checksum);

  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_request_free);
    const RanahState states[] = { RANAH_STATE_SUBMITTED, RANAH_STATE_AT_KABID,
                                  RANAH_STATE_REVIEWED, RANAH_STATE_AT_STAF };
    double used = 0;
    guint overdue = 0;

    for (guint i = 0; i < N_ROWS; i++)
      {
        RanahRequest *r = ranah_request_new ();
        gint64 span = i % 20 == 0 ? 365 * 86400 : 30 * 86400;

        r->id = i + 1;
        r->state = states[i % G_N_ELEMENTS (states)];
        r->state_since = r->created_at = now - g_rand_int_range (rand, 0, (gint32) span);
        g_free (r->received_date);
        r->received_date = ranah_calendar_date_of (calendar, r->created_at - 2 * 86400);
        g_ptr_array_add (rows, r);
      }
    start = g_get_monotonic_time ();
    for (guint i = 0; i < rows->len; i++)
      {
        RanahClock clock;

        if (ranah_escalation_clock (calendar, g_ptr_array_index (rows, i), now, &clock))
          {
            used += clock.used;
            overdue += clock.overdue;
          }
      }
    elapsed = g_get_monotonic_time () - start;
    printf ("clock: %d rows (ranah_escalation_clock: start, due, used, wait) in %.3f s: "
            "%.0f rows/s (%u overdue, mean used %.2f)\n", N_ROWS, elapsed / 1e6,
            N_ROWS / (elapsed / 1e6), overdue, used / N_ROWS);
  }
  g_rand_free (rand);
  return 0;
}
