/* bench-pg.c — PostgreSQL store throughput and notification latency, beside pgbench
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under pg-harness.sh. Prints, in one run on one server:
 *  - Ranah moves per second and their p50/p99 latency with 16 concurrent clients (each a
 *    Kepala Dinas desk disposing requests and recalling the disposition, i.e. full
 *    SECURITY DEFINER moves with workflow checks, audit hash chain and NOTIFY);
 *  - pgbench's built-in TPC-B-like script with 16 clients for the same time, and the ratio;
 *  - notification latency: move committed → another connection's ::changed, p50/p99.
 */
#include <glib/gstdio.h>
#include <math.h>

#include "ranah-postgres-store.h"
#include "store-fixture.h"

#define N_CLIENTS 16

static double seconds = 10.0;

static const char *
env (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL)
    g_error ("%s is not set: run under tests/pg/pg-harness.sh", name);
  return value;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint i;

  if (sorted->len == 0)
    return 0;
  i = (guint) ceil (p / 100.0 * sorted->len) - 1;
  return g_array_index (sorted, double, MIN (i, sorted->len - 1));
}

/* ---- Ranah moves ------------------------------------------------------------------------ */

typedef struct {
  const char *uri;
  gint64      now;
  GArray     *ids;          /* this client's requests, all "submitted" */
  gint64      start;        /* everyone signs in first, then moves from here… */
  gint64      deadline;     /* …to here */
  GArray     *latencies;    /* ms */
  guint       failures;
} MoveJob;

static gpointer
move_thread (gpointer data)
{
  MoveJob *job = data;
  g_autoptr(RanahStore) store = store_fixture_open_uri (job->uri);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) versions = g_array_new (FALSE, FALSE, sizeof (gint64));

  ranah_store_set_now (store, job->now);
  if (!ranah_store_sign_in (store, "kadis", STORE_FIXTURE_PASSWORD, &error))
    g_error ("sign-in: %s", error->message);
  for (guint i = 0; i < job->ids->len; i++)
    {
      g_autoptr(RanahRequest) r = ranah_store_get_request (store, g_array_index (job->ids, gint64, i),
                                                           &error);
      g_assert_no_error (error);
      g_array_append_val (versions, r->version);
    }
  while (g_get_monotonic_time () < job->start)
    g_usleep (500);

  for (guint n = 0; g_get_monotonic_time () < job->deadline; n++)
    {
      guint i = n % job->ids->len;
      gint64 *version = &g_array_index (versions, gint64, i);
      RanahMove move = { 0 };
      gint64 start = g_get_monotonic_time ();
      double ms;

      /* Dispose, then take the unread disposition back: the request is ready again. */
      move.action = (*version % 2 == 1) ? RANAH_ACTION_DISPOSE_TO_KABID
                                        : RANAH_ACTION_RECALL_DISPOSITION;
      move.request_id = g_array_index (job->ids, gint64, i);
      move.expected_version = *version;
      if (ranah_store_move (store, &move, &error))
        (*version)++;
      else
        {
          job->failures++;
          g_printerr ("# move failed: %s\n", error->message);
          g_clear_error (&error);
          continue;
        }
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (job->latencies, ms);
    }
  return NULL;
}

static void
bench_moves (StoreWorld *w,
             double     *per_second,
             double     *p50,
             double     *p99)
{
  GThread *threads[N_CLIENTS];
  MoveJob jobs[N_CLIENTS];
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 started, elapsed;
  guint failures = 0;

  for (guint t = 0; t < N_CLIENTS; t++)
    {
      jobs[t] = (MoveJob) { .uri = w->uri, .now = w->now,
                            .ids = g_array_new (FALSE, FALSE, sizeof (gint64)),
                            .latencies = g_array_new (FALSE, FALSE, sizeof (double)) };
      for (guint k = 0; k < 2; k++)
        {
          gint64 id = store_world_submit (w, NULL, TRUE);
          g_array_append_val (jobs[t].ids, id);
        }
    }
  started = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  for (guint t = 0; t < N_CLIENTS; t++)
    {
      jobs[t].start = started;
      jobs[t].deadline = started + (gint64) (seconds * G_USEC_PER_SEC);
      threads[t] = g_thread_new ("client", move_thread, &jobs[t]);
    }
  for (guint t = 0; t < N_CLIENTS; t++)
    {
      g_thread_join (threads[t]);
      g_array_append_vals (all, jobs[t].latencies->data, jobs[t].latencies->len);
      failures += jobs[t].failures;
      g_array_unref (jobs[t].latencies);
      g_array_unref (jobs[t].ids);
    }
  elapsed = MAX (g_get_monotonic_time () - started, (gint64) (seconds * G_USEC_PER_SEC));
  g_array_sort (all, compare_double);
  /* Moves that began before the deadline, over the window (the last ones end after it). */
  *per_second = all->len / (elapsed / (double) G_USEC_PER_SEC);
  *p50 = percentile (all, 50);
  *p99 = percentile (all, 99);
  g_print ("ranah: %u moves by %d clients in %.1f s, %u failed\n", all->len, N_CLIENTS,
           elapsed / (double) G_USEC_PER_SEC, failures);
}

/* ---- pgbench ---------------------------------------------------------------------------- */

static void
bench_pgbench (double *tps,
               double *p50,
               double *p99)
{
  g_autofree char *pgbench = g_build_filename (env ("RANAH_TEST_PG_BINDIR"), "pgbench", NULL);
  g_autofree char *psql = g_build_filename (env ("RANAH_TEST_PG_BINDIR"), "psql", NULL);
  g_autofree char *dir = g_dir_make_tmp ("ranah-pgbench-XXXXXX", NULL);
  g_autofree char *duration = g_strdup_printf ("%d", (int) seconds);
  g_autofree char *clients = g_strdup_printf ("%d", N_CLIENTS);
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  int status = 0;

  envp = g_environ_setenv (envp, "PGHOST", env ("RANAH_TEST_PG_HOST"), TRUE);
  envp = g_environ_setenv (envp, "PGPORT", env ("RANAH_TEST_PG_PORT"), TRUE);
  envp = g_environ_setenv (envp, "PGUSER", env ("RANAH_TEST_PG_SUPERUSER"), TRUE);
  envp = g_environ_setenv (envp, "PGPASSWORD", env ("RANAH_TEST_PG_SUPERUSER_PASSWORD"), TRUE);

  {
    const char *argv[] = { psql, "-X", "-q", "-d", "postgres", "-c",
                           "DROP DATABASE IF EXISTS bench", "-c", "CREATE DATABASE bench", NULL };
    g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                  &status, &error);
    g_assert_no_error (error);
  }
  {
    /* Scale 10: at scale 1 every TPC-B transaction queues on the one branch row, and the
     * peer looks slower than it is. */
    const char *argv[] = { pgbench, "-i", "-q", "-s", "10", "bench", NULL };
    g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                  &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  {
    const char *argv[] = { pgbench, "-n", "-c", clients, "-j", "2", "-T", duration, "-l",
                           "bench", NULL };
    g_spawn_sync (dir, (char **) argv, envp, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                  &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  *tps = 0;
  {
    g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "tps = "))
        *tps = g_ascii_strtod (lines[i] + 6, NULL);
  }
  /* Per-transaction log: "client_id transaction_no time script_no time_epoch time_us";
   * the third field is the latency in microseconds. */
  d = g_dir_open (dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;

      if (g_file_get_contents (path, &text, NULL, NULL))
        {
          lines = g_strsplit (text, "\n", -1);
          for (guint i = 0; lines[i] != NULL; i++)
            {
              g_auto(GStrv) f = g_strsplit (lines[i], " ", -1);
              if (g_strv_length (f) >= 3)
                {
                  double ms = g_ascii_strtod (f[2], NULL) / 1000.0;
                  g_array_append_val (latencies, ms);
                }
            }
        }
      g_unlink (path);
    }
  g_rmdir (dir);
  g_array_sort (latencies, compare_double);
  *p50 = percentile (latencies, 50);
  *p99 = percentile (latencies, 99);
  g_print ("pgbench: %u transactions by %d clients in %s s\n", latencies->len, N_CLIENTS,
           duration);
}

/* ---- notifications ---------------------------------------------------------------------- */

typedef struct {
  const char   *uri;
  GMainContext *context;
  gint          ready;
  gint          stop;
  gpointer      changed_at;   /* atomic: last ::changed, monotonic µs as a gsize */
} Watcher;

static void
watcher_changed (RanahStore *store,
                 gpointer    user_data)
{
  Watcher *w = user_data;

  g_atomic_pointer_set (&w->changed_at, GSIZE_TO_POINTER ((gsize) g_get_monotonic_time ()));
}

static gpointer
watcher_thread (gpointer data)
{
  Watcher *w = data;
  g_autoptr(RanahStore) store = store_fixture_open_uri (w->uri);
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (w->context);
  if (!ranah_store_sign_in (store, "kabid", STORE_FIXTURE_PASSWORD, &error))
    g_error ("sign-in: %s", error->message);
  ranah_store_watch (store);
  g_signal_connect (store, "changed", G_CALLBACK (watcher_changed), w);
  g_atomic_int_set (&w->ready, 1);
  while (!g_atomic_int_get (&w->stop))
    g_main_context_iteration (w->context, TRUE);
  g_main_context_pop_thread_default (w->context);
  return NULL;
}

static gboolean
wake (gpointer data)
{
  return G_SOURCE_REMOVE;
}

static void
bench_notify (StoreWorld *w,
              double     *p50,
              double     *p99)
{
  Watcher watcher = { w->uri, g_main_context_new (), 0, 0, NULL };
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  GThread *thread;
  gint64 id = store_world_submit (w, NULL, TRUE), version = 1;
  const guint n = 200;

  thread = g_thread_new ("watcher", watcher_thread, &watcher);
  while (!g_atomic_int_get (&watcher.ready))
    g_usleep (1000);
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  for (guint i = 0; i < n; i++)
    {
      RanahMove move = { 0 };
      gint64 committed, deadline;

      g_atomic_pointer_set (&watcher.changed_at, NULL);
      move.action = version % 2 == 1 ? RANAH_ACTION_DISPOSE_TO_KABID
                                     : RANAH_ACTION_RECALL_DISPOSITION;
      move.request_id = id;
      move.expected_version = version;
      if (!ranah_store_move (w->store, &move, &error))
        g_error ("move: %s", error->message);
      committed = g_get_monotonic_time ();
      version++;
      deadline = committed + 2 * G_USEC_PER_SEC;
      while (g_atomic_pointer_get (&watcher.changed_at) == NULL
             && g_get_monotonic_time () < deadline)
        g_usleep (100);
      {
        gint64 at = (gint64) GPOINTER_TO_SIZE (g_atomic_pointer_get (&watcher.changed_at));
        double ms = at == 0 ? 2000.0 : MAX (0, at - committed) / 1000.0;
        g_array_append_val (latencies, ms);
      }
    }
  g_atomic_int_set (&watcher.stop, 1);
  g_main_context_invoke (watcher.context, wake, NULL);
  g_thread_join (thread);
  g_main_context_unref (watcher.context);
  g_array_sort (latencies, compare_double);
  *p50 = percentile (latencies, 50);
  *p99 = percentile (latencies, 99);
}

int
main (int argc, char *argv[])
{
  g_autoptr(StoreWorld) w = NULL;
  double moves, moves_p50, moves_p99, tps, tps_p50, tps_p99, n_p50, n_p99;
  const char *s = g_getenv ("RANAH_BENCH_SECONDS");

  if (s != NULL)
    seconds = MAX (1.0, g_ascii_strtod (s, NULL));
  w = store_world_new ();

  bench_moves (w, &moves, &moves_p50, &moves_p99);
  bench_pgbench (&tps, &tps_p50, &tps_p99);
  bench_notify (w, &n_p50, &n_p99);

  g_print ("ranah moves, %d clients:    %8.1f moves/s   p50 %6.2f ms   p99 %7.2f ms\n",
           N_CLIENTS, moves, moves_p50, moves_p99);
  g_print ("pgbench TPC-B, %d clients:  %8.1f tps       p50 %6.2f ms   p99 %7.2f ms\n",
           N_CLIENTS, tps, tps_p50, tps_p99);
  g_print ("ratio ranah/pgbench:        %8.3f (throughput)   %.2fx (p99 latency)\n",
           tps > 0 ? moves / tps : 0, tps_p99 > 0 ? moves_p99 / tps_p99 : 0);
  g_print ("notification latency:       p50 %.2f ms   p99 %.2f ms\n", n_p50, n_p99);
  return 0;
}
