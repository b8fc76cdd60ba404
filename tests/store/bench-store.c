/* bench-store.c — how fast the SQLite store moves requests and fills an inbox
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-store moves [N]   N full moves (submits and the nine moves of each request)
 * bench-store inbox [N]   the inbox and the overdue list with N requests in the store
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

int
main (int argc, char *argv[])
{
  guint n;

  g_setenv ("RANAH_TEST_FAST_PWHASH", "1", TRUE);
  if (argc < 2)
    {
      g_printerr ("usage: bench-store moves|inbox [N]\n");
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
  g_printerr ("usage: bench-store moves|inbox [N]\n");
  return 2;
}
