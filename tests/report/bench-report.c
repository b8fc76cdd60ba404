/* bench-report.c — how long the figures of a year take on a busy agency's history
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 20,000 requests walked through the whole SOP (200,000 audit events) and 5,000 registry
 * entries, built in memory: ranah_report_compute() for a year, and the escalation alerts of
 * 2,000 open requests. Prints the median of five runs of each.
 */
#include <stdio.h>

#include "ranah-escalation.h"
#include "ranah-report.h"
#include "ranah-workflow.h"

#define N_REQUESTS 20000
#define N_OPEN     2000
#define N_ENTRIES  5000

static int
cmp (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (void)
{
  g_autoptr(RanahCalendar) cal = ranah_calendar_new ("Asia/Makassar");
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_request_free);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_event_free);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_entry_free);
  g_autoptr(GPtrArray) open = g_ptr_array_new ();
  GRand *rand = g_rand_new_with_seed (7);
  gint64 start = 1767225600;   /* 2026-01-01 UTC */
  gint64 seq = 0;
  double compute[5], alerts[5];

  ranah_calendar_add_holiday (cal, "2026-03-18");
  ranah_calendar_add_holiday (cal, "2026-03-19");
  for (guint i = 0; i < N_REQUESTS; i++)
    {
      RanahRequest *r = ranah_request_new ();
      RanahState state = RANAH_STATE_NONE;
      gint64 t = start + (gint64) g_rand_int_range (rand, 0, 360) * 86400 + 3600;
      guint steps = i < N_OPEN ? (guint) g_rand_int_range (rand, 1, 9) : 10;

      r->id = i + 1;
      r->opd_id = 1 + i % 40;
      r->opd_name = g_strdup_printf ("OPD %" G_GINT64_FORMAT, r->opd_id);
      r->name = g_strdup_printf ("layanan%u", i);
      r->fqdn = g_strdup_printf ("layanan%u.tarakankota.go.id", i);
      r->created_at = t;
      for (guint s = 0; s < steps; s++)
        {
          RanahAction action = s == 0 ? RANAH_ACTION_SUBMIT : ranah_workflow_forward_action (state);
          const RanahTransition *tr = ranah_workflow_find (state, action);
          RanahEvent *e = ranah_event_new ();

          e->seq = ++seq;
          e->at = t;
          e->request_id = r->id;
          e->step = tr->step;
          e->action = g_strdup (ranah_action_to_string (action));
          e->from_state = g_strdup (ranah_state_to_string (state));
          e->to_state = g_strdup (ranah_state_to_string (tr->to));
          e->username = g_strdup ("staf");
          g_ptr_array_add (events, e);
          state = tr->to;
          t += g_rand_int_range (rand, 600, 3 * 86400);
        }
      r->state = state;
      r->state_since = t;
      r->outcome = RANAH_OUTCOME_APPROVED;
      g_ptr_array_add (requests, r);
      if (ranah_state_is_open (state))
        g_ptr_array_add (open, r);
    }
  for (guint i = 0; i < N_ENTRIES; i++)
    {
      RanahEntry *e = ranah_entry_new ();

      e->name = g_strdup_printf ("entri%u", i);
      e->fqdn = g_strdup_printf ("entri%u.tarakankota.go.id", i);
      e->opd_id = 1 + i % 40;
      e->opd_name = g_strdup_printf ("OPD %" G_GINT64_FORMAT, e->opd_id);
      e->status = i % 20 == 0 ? RANAH_ENTRY_SUSPENDED : RANAH_ENTRY_ACTIVE;
      g_ptr_array_add (entries, e);
    }

  /* Events must be in trail order. */
  for (guint run = 0; run < 5; run++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(RanahReport) report = ranah_report_compute (cal, requests, events, entries,
                                                            "2026-01-01", "2026-12-31",
                                                            start, start + 365 * 86400,
                                                            start + 370 * 86400);
      gint64 t1 = g_get_monotonic_time ();
      g_autoptr(GPtrArray) a G_GNUC_UNUSED =
        ranah_escalation_all (cal, open, start + 370 * 86400, NULL);
      gint64 t2 = g_get_monotonic_time ();

      compute[run] = (t1 - t0) / 1000.0;
      alerts[run] = (t2 - t1) / 1000.0;
      g_assert_cmpuint (report->received, ==, N_REQUESTS);
    }
  qsort (compute, 5, sizeof (double), (int (*) (const void *, const void *)) cmp);
  qsort (alerts, 5, sizeof (double), (int (*) (const void *, const void *)) cmp);
  printf ("report of a year: %u requests, %u events, %u entries: %.1f ms (median of 5)\n",
          N_REQUESTS, events->len, N_ENTRIES, compute[2]);
  printf ("escalation alerts of %u open requests: %.1f ms (median of 5)\n", open->len,
          alerts[2]);
  g_rand_free (rand);
  return 0;
}
