/* bench-store.c — how fast the SQLite store moves requests and fills an inbox
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-store moves [N]   N full moves (submits and the nine moves of each request)
 * bench-store inbox [N]   the inbox and the overdue list with N requests in the store
 * bench-store entry [N]   the registry entry a letter names, with N entries in the
 *                         registry: ranah_store_find_entry_for_request() beside the
 *                         listing with the FQDN as search text that the letter layer
 *                         scanned before it
 *
 * Figures of 28 November 2026 (two cores, medians), entry mode with 100,000 entries: on
 * SQLite 0.026 ms against 150 ms for a request's own entry, 0.015 ms against 148 ms when
 * there is none; on PostgreSQL (run under tests/pg/pg-harness.sh with
 * RANAH_TEST_STORE_URI_FACTORY=tests/pg/pg-newdb.sh) 1.2 ms against 112 ms, and 0.3 ms
 * against 114 ms. A whole `ranah-cli letter pdf` of a drafted approval on such a store:
 * 1,628 million instructions before, 78.6 million after (callgrind); 202 ms against 44 ms
 * on SQLite, 262 ms against 108 ms on PostgreSQL.
 */
#include "ranah-sqlite-private.h"
#include "store-fixture.h"

static const char *const usernames[RANAH_N_ROLES] = {
  NULL, "opd1", "kadis", "kabid", "subkoor", "staf", "admin",
};

static const RanahAction path[] = {
  RANAH_ACTION_DISPOSE_TO_KABID, RANAH_ACTION_DISPOSE_TO_SUBKOOR, RANAH_ACTION_DISPOSE_TO_STAF,
  RANAH_ACTION_CREATE, RANAH_ACTION_REPORT, RANAH_ACTION_DRAFT, RANAH_ACTION_REVIEW,
  RANAH_ACTION_SIGN, RANAH_ACTION_RECEIVE,
};

static int
bench_moves (guint n_moves)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  RanahStore *as[RANAH_N_ROLES] = { NULL };
  guint n_requests = n_moves / (G_N_ELEMENTS (path) + 1);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 start, elapsed;
  guint done = 0;

  /* One connection per role, signed in before the clock starts. */
  for (RanahRole role = RANAH_ROLE_OPD; role <= RANAH_ROLE_STAF; role++)
    {
      as[role] = store_fixture_open_uri (w->uri);
      ranah_store_set_now (as[role], w->now);
      if (!ranah_store_sign_in (as[role], usernames[role], STORE_FIXTURE_PASSWORD, &error))
        g_error ("%s", error->message);
    }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_requests; i++)
    {
      g_autoptr(RanahRequest) r = store_world_request (w, NULL);
      g_autoptr(GBytes) pdf = store_fixture_pdf (30000);
      gint64 id = ranah_store_submit_request (as[RANAH_ROLE_OPD], r, pdf, &error);

      if (id == 0)
        g_error ("%s", error->message);
      g_array_append_val (ids, id);
      done++;
    }
  for (guint step = 0; step < G_N_ELEMENTS (path); step++)
    {
      const RanahTransition *t = ranah_workflow_find (RANAH_STATE_SUBMITTED + step, path[step]);
      RanahRole role = RANAH_ROLE_OPD;

      while ((t->roles & RANAH_ROLE_BIT (role)) == 0)
        role++;
      for (guint i = 0; i < ids->len; i++)
        {
          RanahMove move = { 0 };

          move.action = path[step];
          move.request_id = g_array_index (ids, gint64, i);
          move.expected_version = step + 1;
          move.render = store_fixture_render;
          /* Step 5 needs each record seen in DNS: its proof, as ranah-cli dns verify keeps
           * it, is part of the step. */
          if (path[step] == RANAH_ACTION_CREATE)
            {
              g_autoptr(RanahRequest) r = ranah_store_get_request (as[role], move.request_id,
                                                                   &error);
              g_autoptr(GPtrArray) proofs = NULL;

              if (r == NULL)
                g_error ("%s", error->message);
              proofs = ranah_records_copy (r->records);
              for (guint k = 0; k < proofs->len; k++)
                {
                  RanahRecord *proof = g_ptr_array_index (proofs, k);

                  proof->proof_server = g_strdup (STORE_FIXTURE_DNS_SERVER);
                  proof->proof_serial = STORE_FIXTURE_DNS_SERIAL;
                  proof->proof_answer = store_world_answer (proof);
                }
              if (!ranah_store_record_proofs (as[role], move.request_id, proofs, &error))
                g_error ("proofs: %s", error->message);
            }
          if (!ranah_store_move (as[role], &move, &error))
            g_error ("%s: %s", ranah_action_to_string (path[step]), error->message);
          done++;
        }
    }
  elapsed = g_get_monotonic_time () - start;

  g_print ("SQLite store: %u moves (%u submits + %u workflow moves) in %.2f s: %.0f moves/s, "
           "%.2f ms a move\n", done, n_requests, done - n_requests, elapsed / 1e6,
           done / (elapsed / 1e6), elapsed / 1e3 / done);
  for (RanahRole role = RANAH_ROLE_OPD; role <= RANAH_ROLE_STAF; role++)
    g_object_unref (as[role]);
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  if (!ranah_store_verify_audit (w->store, &error))
    g_error ("%s", error->message);
  return 0;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static int
bench_inbox (guint n_requests)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  gint64 start;
  const RanahRole roles[] = { RANAH_ROLE_KADIS, RANAH_ROLE_KABID, RANAH_ROLE_STAF, RANAH_ROLE_OPD };

  start = g_get_monotonic_time ();
  if (!ranah_sqlite_seed_requests (RANAH_SQLITE_STORE (w->store), n_requests, w->opd_id, w->now,
                                   &error))
    g_error ("%s", error->message);
  g_print ("seeded %u requests in %.2f s\n", n_requests,
           (g_get_monotonic_time () - start) / 1e6);

  for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
      guint n = 0;

      store_world_sign_in (w, roles[r]);
      for (guint i = 0; i < 15; i++)
        {
          g_autoptr(GPtrArray) inbox = NULL;
          gint64 t0 = g_get_monotonic_time (), dt;

          inbox = ranah_store_inbox (w->store, &error);
          dt = g_get_monotonic_time () - t0;
          if (inbox == NULL)
            g_error ("%s", error->message);
          n = inbox->len;
          g_array_append_val (times, dt);
        }
      g_array_sort (times, compare_gint64);
      g_print ("inbox of %-8s with %u requests in the store: %u waiting, median %.2f ms, "
               "worst %.2f ms\n", usernames[roles[r]], n_requests, n,
               g_array_index (times, gint64, times->len / 2) / 1e3,
               g_array_index (times, gint64, times->len - 1) / 1e3);
    }
  {
    g_autoptr(GPtrArray) overdue = NULL;
    gint64 t0;

    store_world_sign_in (w, RANAH_ROLE_ADMIN);
    t0 = g_get_monotonic_time ();
    overdue = ranah_store_list_overdue (w->store, &error);
    if (overdue == NULL)
      g_error ("%s", error->message);
    g_print ("overdue list: %u requests in %.2f ms\n", overdue->len,
             (g_get_monotonic_time () - t0) / 1e3);
  }
  return 0;
}

/* The letter layer's find_entry() before ranah_store_find_entry_for_request(). */
static gint64
list_and_scan (RanahStore         *store,
               const RanahRequest *request)
{
  RanahEntryFilter filter = { request->fqdn, 0, -1 };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  if ((entries = ranah_store_list_entries (store, &filter, &error)) == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < entries->len; i++)
    if (((RanahEntry *) g_ptr_array_index (entries, i))->request_id == request->id)
      return ((RanahEntry *) g_ptr_array_index (entries, i))->id;
  for (guint i = 0; i < entries->len; i++)
    if (g_ascii_strcasecmp (((RanahEntry *) g_ptr_array_index (entries, i))->fqdn,
                            request->fqdn) == 0)
      return ((RanahEntry *) g_ptr_array_index (entries, i))->id;
  return 0;
}

static gint64
find_by_index (RanahStore         *store,
               const RanahRequest *request)
{
  g_autoptr(RanahEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  entry = ranah_store_find_entry_for_request (store, request->id, request->fqdn, &error);
  if (entry != NULL)
    return entry->id;
  if (!g_error_matches (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND))
    g_error ("%s", error->message);
  return 0;
}

/* Median and worst of @runs calls of @find, in microseconds; the entry found in *@id. */
static void
time_lookup (gint64           (*find) (RanahStore *, const RanahRequest *),
             RanahStore        *store,
             const RanahRequest *request,
             guint              runs,
             gint64            *id,
             double            *median_us,
             double            *worst_us)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < runs; i++)
    {
      gint64 t0 = g_get_monotonic_time (), dt;

      *id = find (store, request);
      dt = g_get_monotonic_time () - t0;
      g_array_append_val (times, dt);
    }
  g_array_sort (times, compare_gint64);
  *median_us = g_array_index (times, gint64, times->len / 2);
  *worst_us = g_array_index (times, gint64, times->len - 1);
}

static int
bench_entry (guint n_entries)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_entry_free);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  static const RanahAction to_draft[] = {
    RANAH_ACTION_DISPOSE_TO_KABID, RANAH_ACTION_DISPOSE_TO_SUBKOOR, RANAH_ACTION_DISPOSE_TO_STAF,
    RANAH_ACTION_CREATE, RANAH_ACTION_REPORT, RANAH_ACTION_DRAFT,
  };
  static const RanahRole by[] = {
    RANAH_ROLE_KADIS, RANAH_ROLE_KABID, RANAH_ROLE_SUBKOOR, RANAH_ROLE_STAF, RANAH_ROLE_STAF,
    RANAH_ROLE_SUBKOOR,
  };
  struct { const char *what; gint64 id; } cases[2];
  gint64 start;

  /* As an agency's old list arrives: one import, every entry with one record. */
  for (guint i = 0; i < n_entries; i++)
    {
      RanahEntry *e = ranah_entry_new ();
      g_autofree char *target = g_strdup_printf ("103.76.%u.%u", 100 + (i / 250) % 100,
                                                 1 + i % 250);

      g_free (e->name);
      e->name = g_strdup_printf ("lama%06u", i);
      e->opd_id = i % 2 ? w->opd_id : w->opd2_id;
      g_ptr_array_add (e->records, ranah_record_new (RANAH_RECORD_A, "", target));
      g_ptr_array_add (entries, e);
    }
  start = g_get_monotonic_time ();
  store_world_sign_in (w, RANAH_ROLE_SUBKOOR);
  if (!ranah_store_import_entries (w->store, entries, &problems, &error))
    g_error ("%s", error->message);
  g_print ("imported %u registry entries in %.2f s\n", n_entries,
           (g_get_monotonic_time () - start) / 1e6);

  /* A letter whose request has its own entry (an approval, drafted), and one that has none
   * (a refusal: both ways read to the end before they give up). */
  cases[0].what = "approval, own entry";
  cases[0].id = store_world_submit (w, "layanan-baru", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (to_draft); i++)
    store_world_move (w, cases[0].id, to_draft[i], by[i]);
  cases[1].what = "refusal, no entry";
  cases[1].id = store_world_request_in (w, RANAH_STATE_DRAFTED, TRUE);

  store_world_sign_in (w, RANAH_ROLE_KADIS);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(RanahRequest) request = store_world_get (w, cases[c].id);
      double new_median, new_worst, old_median, old_worst;
      gint64 new_id, old_id;

      time_lookup (find_by_index, w->store, request, 200, &new_id, &new_median, &new_worst);
      time_lookup (list_and_scan, w->store, request, 5, &old_id, &old_median, &old_worst);
      if (new_id != old_id)
        g_error ("the two ways found different entries: %" G_GINT64_FORMAT " and %"
                 G_GINT64_FORMAT, new_id, old_id);
      g_print ("entry of a letter (%s) among %u entries: find_entry_for_request median "
               "%.3f ms (worst %.3f), list-and-scan median %.1f ms (worst %.1f): %.0fx\n",
               cases[c].what, n_entries, new_median / 1e3, new_worst / 1e3, old_median / 1e3,
               old_worst / 1e3, old_median / new_median);
    }
  return 0;
}

int
main (int argc, char *argv[])
{
  guint n;

  g_setenv ("RANAH_TEST_FAST_PWHASH", "1", TRUE);
  if (argc < 2)
    {
      g_printerr ("usage: bench-store moves|inbox|entry [N]\n");
      return 2;
    }
  if (g_str_equal (argv[1], "moves"))
    {
      n = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 2000;
      return bench_moves (n);
    }
  if (g_str_equal (argv[1], "inbox"))
    {
      n = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 100000;
      return bench_inbox (n);
    }
  if (g_str_equal (argv[1], "entry"))
    {
      n = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 100000;
      return bench_entry (n);
    }
  g_printerr ("usage: bench-store moves|inbox|entry [N]\n");
  return 2;
}
