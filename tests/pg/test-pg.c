/* test-pg.c — what only the PostgreSQL store promises: the database itself refuses,
 * concurrency, notifications, faults, TLS, moving up from SQLite, backups
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under pg-harness.sh (RANAH_TEST_PG_* name the throwaway server).
 */
#include <glib/gstdio.h>

#include "ranah-postgres-store.h"
#include "store-fixture.h"

static const char *
env (const char *name)
{
  const char *value = g_getenv (name);

  g_assert_nonnull (value);
  return value;
}

/* The database name of a fixture URI: the path after the last '/'. */
static const char *
db_of (const char *uri)
{
  return strrchr (uri, '/') + 1;
}

/* Runs @sql with psql as @user; returns its exit status, stdout in *@out. */
static int
psql_as (const char  *user,
         const char  *password,
         const char  *dbname,
         const char  *sql,
         char       **out)
{
  g_autofree char *psql = g_build_filename (env ("RANAH_TEST_PG_BINDIR"), "psql", NULL);
  g_autofree char *conninfo = g_strdup_printf ("host=%s port=%s user=%s dbname=%s",
                                               env ("RANAH_TEST_PG_HOST"),
                                               env ("RANAH_TEST_PG_PORT"), user, dbname);
  const char *argv[] = { psql, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", conninfo,
                         "-c", sql, NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "PGPASSWORD", password, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (out != NULL && *out != NULL)
    g_strstrip (*out);
  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

/* ---- the database refuses --------------------------------------------------------------- */

static void
test_psql_refusals (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahRequest) r = NULL;
  const char *db = db_of (w->uri);
  g_autofree char *out = NULL;
  g_autofree char *sql = NULL;
  gint64 id, foreign;

  id = store_world_submit (w, NULL, TRUE);
  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  g_assert_true (ranah_store_set_profile (w->store, RANAH_PROFILE_TSIG_SECRET,
                                          "dG9wLXNlY3JldA==", &error));
  g_assert_no_error (error);
  /* A request of the second OPD, entered by DKISP staff. */
  {
    g_autoptr(RanahRequest) paper = store_world_request (w, NULL);
    store_world_sign_in (w, RANAH_ROLE_STAF);
    paper->opd_id = w->opd2_id;
    foreign = ranah_store_submit_request (w->store, paper, NULL, &error);
    g_assert_no_error (error);
  }

  /* Staff disposing as Kepala Dinas, by the function… */
  sql = g_strdup_printf ("SELECT ranah.move ('dispose-to-kabid', %" G_GINT64_FORMAT ", 1, NULL, "
                         "NULL, 0, 0, NULL, 'biasa', 0, 0, NULL, NULL)", id);
  g_assert_cmpint (psql_as ("staf", STORE_FIXTURE_PASSWORD, db, sql, NULL), !=, 0);
  /* …or by taking Kepala Dinas's group. */
  g_assert_cmpint (psql_as ("staf", STORE_FIXTURE_PASSWORD, db, "SET ROLE ranah_kadis", NULL), !=, 0);
  g_assert_cmpint (psql_as ("staf", STORE_FIXTURE_PASSWORD, db, "SET ROLE kadis", NULL), !=, 0);
  /* Setting a request's state straight in the table. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE ranah.requests SET state = 'done' WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (psql_as ("staf", STORE_FIXTURE_PASSWORD, db, sql, NULL), !=, 0);
  g_assert_cmpint (psql_as ("kadis", STORE_FIXTURE_PASSWORD, db, sql, NULL), !=, 0);
  /* Writing the audit trail. */
  g_assert_cmpint (psql_as ("staf", STORE_FIXTURE_PASSWORD, db,
                            "INSERT INTO ranah.events (seq, at, action, prev_hash, hash) "
                            "VALUES (999, 0, 'forged', '', '')", NULL), !=, 0);
  g_assert_cmpint (psql_as ("staf", STORE_FIXTURE_PASSWORD, db, "DELETE FROM ranah.events", NULL), !=, 0);
  g_assert_cmpint (psql_as ("admin", STORE_FIXTURE_PASSWORD, db, "DELETE FROM ranah.events", NULL), !=, 0);
  g_assert_cmpint (psql_as ("staf", STORE_FIXTURE_PASSWORD, db,
                            "SELECT ranah.append_event (1, 'x', 0, 0, 'forged', '', '', '', 0)",
                            NULL), !=, 0);
  /* Reading another OPD's request: row-level security shows nothing. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count (*) FROM ranah.requests WHERE id = %" G_GINT64_FORMAT,
                         foreign);
  g_assert_cmpint (psql_as ("opd1", STORE_FIXTURE_PASSWORD, db, sql, &out), ==, 0);
  g_assert_cmpstr (out, ==, "0");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (psql_as ("opd2", STORE_FIXTURE_PASSWORD, db, sql, &out), ==, 0);
  g_assert_cmpstr (out, ==, "1");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count (*) FROM ranah.records WHERE request_id = %" G_GINT64_FORMAT,
                         foreign);
  g_assert_cmpint (psql_as ("opd1", STORE_FIXTURE_PASSWORD, db, sql, &out), ==, 0);
  g_assert_cmpstr (out, ==, "0");
  g_clear_pointer (&out, g_free);
  /* The TSIG secret: staff and Sub Koordinator only (and admin, who enters it). */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup ("SELECT count (*) FROM ranah.profile WHERE key = 'tsig-secret'");
  g_assert_cmpint (psql_as ("kadis", STORE_FIXTURE_PASSWORD, db, sql, &out), ==, 0);
  g_assert_cmpstr (out, ==, "0");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (psql_as ("opd1", STORE_FIXTURE_PASSWORD, db, sql, &out), ==, 0);
  g_assert_cmpstr (out, ==, "0");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (psql_as ("staf", STORE_FIXTURE_PASSWORD, db, sql, &out), ==, 0);
  g_assert_cmpstr (out, ==, "1");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (psql_as ("subkoor", STORE_FIXTURE_PASSWORD, db, sql, &out), ==, 0);
  g_assert_cmpstr (out, ==, "1");
  g_clear_pointer (&out, g_free);
  /* An official cannot make themselves a login or a member of another group. */
  g_assert_cmpint (psql_as ("admin", STORE_FIXTURE_PASSWORD, db, "GRANT ranah_kadis TO staf", NULL), !=, 0);
  g_assert_cmpint (psql_as ("staf", STORE_FIXTURE_PASSWORD, db,
                            "SELECT ranah.ensure_login ('x', 'kadis', 'SCRAM-SHA-256$x')", NULL), !=, 0);

  /* Nothing of that changed anything, and the store still works. */
  r = store_world_get (w, id);
  g_assert_cmpint (r->state, ==, RANAH_STATE_SUBMITTED);
  g_assert_cmpint (r->version, ==, 1);
  store_world_move (w, id, RANAH_ACTION_DISPOSE_TO_KABID, RANAH_ROLE_KADIS);
  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  g_assert_true (ranah_store_verify_audit (w->store, &error));
  g_assert_no_error (error);
}

/* The hash PostgreSQL computes in SQL is the one core computes in C. */
static void
test_audit_hash_in_sql (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(RanahRequest) r G_GNUC_UNUSED = store_world_request (w, NULL);
  gint64 id;

  /* Multi-byte text in the note: the length prefix counts bytes, as C's strlen does. */
  id = store_world_request_in (w, RANAH_STATE_AT_KABID, FALSE);
  g_assert_true (store_world_try_move (w, id, RANAH_ACTION_DECLINE, RANAH_ROLE_KABID,
                                       "Nama “dinkes” sudah dipakai — ditolak ✓", &error));
  g_assert_no_error (error);
  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  events = ranah_store_list_events (w->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, >, 5);
  for (guint i = 0; i < events->len; i++)
    {
      RanahEvent *e = g_ptr_array_index (events, i);
      g_autofree char *hash = ranah_audit_event_hash (e);
      g_assert_cmpstr (hash, ==, e->hash);
    }
  g_assert_true (ranah_audit_verify_chain (events, &error));
  g_assert_no_error (error);
}

/* ---- concurrency ------------------------------------------------------------------------ */

#define N_CLIENTS 32

typedef struct {
  const char *uri;
  gint64      now;
  GArray     *ids;
  GArray     *versions;
  RanahAction action;
  const char *username;
  gint       *start;
  gint        successes;
  gint        conflicts;
  GPtrArray  *other;
  GMutex     *lock;
  guint       offset;
} RaceJob;

static gpointer
race_thread (gpointer data)
{
  RaceJob *job = data;
  g_autoptr(RanahStore) store = store_fixture_open_uri (job->uri);
  g_autoptr(GError) error = NULL;

  ranah_store_set_now (store, job->now);
  if (!ranah_store_sign_in (store, job->username, STORE_FIXTURE_PASSWORD, &error))
    g_error ("sign-in: %s", error->message);
  /* Everyone starts together. */
  g_atomic_int_inc (job->start);
  while (g_atomic_int_get (job->start) < N_CLIENTS)
    g_usleep (100);
  /* Each client starts at its own request, so that as many moves run at once as there
   * are clients, and then tries every other one too, losing those races. */
  for (guint k = 0; k < job->ids->len; k++)
    {
      guint i = (job->offset + k) % job->ids->len;
      RanahMove move = { 0 };

      move.action = job->action;
      move.request_id = g_array_index (job->ids, gint64, i);
      move.expected_version = g_array_index (job->versions, gint64, i);
      move.render = store_fixture_render;
      if (ranah_store_move (store, &move, &error))
        job->successes++;
      else if (g_error_matches (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_CONFLICT))
        job->conflicts++;
      else
        {
          g_mutex_lock (job->lock);
          g_ptr_array_add (job->other, g_strdup (error->message));
          g_mutex_unlock (job->lock);
        }
      g_clear_error (&error);
    }
  return NULL;
}

static void
race (StoreWorld  *w,
      GArray      *ids,
      RanahAction  action,
      const char  *username,
      gint        *successes,
      gint        *conflicts)
{
  g_autoptr(GArray) versions = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) other = g_ptr_array_new_with_free_func (g_free);
  GThread *threads[N_CLIENTS];
  RaceJob jobs[N_CLIENTS];
  GMutex lock;
  gint start = 0;

  g_mutex_init (&lock);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(RanahRequest) r = store_world_get (w, g_array_index (ids, gint64, i));
      g_array_append_val (versions, r->version);
    }
  for (guint t = 0; t < N_CLIENTS; t++)
    {
      jobs[t] = (RaceJob) { w->uri, w->now, ids, versions, action, username, &start, 0, 0,
                            other, &lock, t };
      threads[t] = g_thread_new ("client", race_thread, &jobs[t]);
    }
  *successes = *conflicts = 0;
  for (guint t = 0; t < N_CLIENTS; t++)
    {
      g_thread_join (threads[t]);
      *successes += jobs[t].successes;
      *conflicts += jobs[t].conflicts;
    }
  for (guint i = 0; i < other->len; i++)
    g_printerr ("# unexpected: %s\n", (char *) g_ptr_array_index (other, i));
  g_assert_cmpuint (other->len, ==, 0);
  g_mutex_clear (&lock);
}

static void
test_race (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint successes, conflicts;
  const guint n = 6;

  for (guint i = 0; i < n; i++)
    {
      gint64 id = store_world_submit (w, NULL, TRUE);
      g_array_append_val (ids, id);
    }
  race (w, ids, RANAH_ACTION_DISPOSE_TO_KABID, "kadis", &successes, &conflicts);
  g_assert_cmpint (successes, ==, n);
  g_assert_cmpint (conflicts, ==, n * (N_CLIENTS - 1));
  for (guint i = 0; i < n; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(RanahRequest) r = store_world_get (w, id);
      g_autoptr(GPtrArray) dispositions = ranah_store_list_dispositions (w->store, id, &error);

      g_assert_no_error (error);
      g_assert_cmpint (r->state, ==, RANAH_STATE_AT_KABID);
      g_assert_cmpint (r->version, ==, 2);
      g_assert_cmpuint (dispositions->len, ==, 1);
      g_assert_cmpuint (store_world_n_events (w, id), ==, 2);
    }
  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  g_assert_true (ranah_store_verify_audit (w->store, &error));
  g_assert_no_error (error);
}

static void
test_signers (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  gint successes, conflicts;
  const guint n = N_CLIENTS;

  for (guint i = 0; i < n; i++)
    {
      gint64 id = store_world_request_in (w, RANAH_STATE_REVIEWED, i % 3 == 0);
      g_array_append_val (ids, id);
    }
  /* 32 signers at once, each on its own letter first and then on all the others: every
   * letter is signed exactly once and the numbers run 0001…0032 without a gap. */
  race (w, ids, RANAH_ACTION_SIGN, "kadis", &successes, &conflicts);
  g_assert_cmpint (successes, ==, n);
  g_assert_cmpint (conflicts, ==, n * (N_CLIENTS - 1));

  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RanahLetter) letter = ranah_store_get_letter (w->store,
                                                              g_array_index (ids, gint64, i),
                                                              &error);
      g_assert_no_error (error);
      g_assert_cmpint (letter->state, ==, RANAH_LETTER_SIGNED);
      g_assert_true (g_hash_table_add (numbers, g_strdup (letter->number)));
    }
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *number = g_strdup_printf ("000.5.2/%04u/DKISP/2026", i);
      g_assert_true (g_hash_table_contains (numbers, number));
    }
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  g_assert_true (ranah_store_verify_audit (w->store, &error));
  g_assert_no_error (error);
}

/* ---- live updates ----------------------------------------------------------------------- */

static void
on_changed (RanahStore *store,
            gpointer    user_data)
{
  gint64 *when = user_data;

  if (*when == 0)
    *when = g_get_monotonic_time ();
}

static void
test_notify (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(RanahStore) watcher = store_fixture_open_uri (w->uri);
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  gint64 id, changed_at = 0, moved_at;

  g_main_context_push_thread_default (context);
  g_assert_true (ranah_store_sign_in (watcher, "kabid", STORE_FIXTURE_PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ranah_store_schema_version (watcher), ==, RANAH_POSTGRES_SCHEMA_VERSION);
  ranah_store_watch (watcher);
  g_signal_connect (watcher, "changed", G_CALLBACK (on_changed), &changed_at);
  /* The submission itself is news to the watcher; let it arrive before measuring. */
  moved_at = g_get_monotonic_time ();
  id = store_world_submit (w, NULL, TRUE);
  while (changed_at == 0 && g_get_monotonic_time () - moved_at < 2 * G_USEC_PER_SEC)
    g_main_context_iteration (context, FALSE), g_usleep (1000);
  g_assert_cmpint (changed_at, !=, 0);
  changed_at = 0;

  /* Another desktop's move: the watcher hears of it within a second. */
  moved_at = g_get_monotonic_time ();
  store_world_move (w, id, RANAH_ACTION_DISPOSE_TO_KABID, RANAH_ROLE_KADIS);
  while (changed_at == 0 && g_get_monotonic_time () - moved_at < G_USEC_PER_SEC)
    g_main_context_iteration (context, FALSE), g_usleep (1000);
  g_assert_cmpint (changed_at, !=, 0);
  g_assert_cmpint (changed_at - moved_at, <, G_USEC_PER_SEC);
  g_test_message ("notified after %.1f ms", (changed_at - moved_at) / 1000.0);

  /* The watcher's own moves are not news to it. */
  changed_at = 0;
  {
    g_autoptr(RanahRequest) r = ranah_store_get_request (watcher, id, &error);
    RanahMove move = { .action = RANAH_ACTION_DISPOSE_TO_SUBKOOR, .request_id = id,
                       .expected_version = r->version };
    g_assert_true (ranah_store_move (watcher, &move, &error));
    g_assert_no_error (error);
  }
  moved_at = g_get_monotonic_time ();
  while (g_get_monotonic_time () - moved_at < G_USEC_PER_SEC / 4)
    g_main_context_iteration (context, FALSE), g_usleep (1000);
  g_assert_cmpint (changed_at, ==, 0);
  g_main_context_pop_thread_default (context);
}

/* ---- faults ----------------------------------------------------------------------------- */

static void
pg_ctl (const char *verb)
{
  g_autofree char *command = g_strdup_printf ("%s %s", env ("RANAH_TEST_PG_CTL"), verb);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
test_restart (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(RanahRequest) r = NULL;
  RanahMove move = { 0 };
  gint64 id = store_world_submit (w, NULL, TRUE);

  store_world_sign_in (w, RANAH_ROLE_KADIS);
  r = ranah_store_get_request (w->store, id, &error);
  g_assert_no_error (error);

  /* The server goes away under an open store: a clear UNAVAILABLE, nothing stored. */
  pg_ctl ("stop");
  move.action = RANAH_ACTION_DISPOSE_TO_KABID;
  move.request_id = id;
  move.expected_version = r->version;
  move.idempotency_key = "desk-7/move-1";
  g_assert_false (ranah_store_move (w->store, &move, &error));
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "cannot be reached"));
  g_clear_error (&error);
  g_assert_null (ranah_store_list_users (w->store, &error));
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  /* Back again: the next call reconnects by itself, and the kept move goes through. */
  pg_ctl ("start");
  g_assert_true (ranah_store_move (w->store, &move, &error));
  g_assert_no_error (error);
  /* The reply was "lost" and the desk retries with the same key: applied once. */
  g_assert_true (ranah_store_move (w->store, &move, &error));
  g_assert_no_error (error);

  /* A restart between two calls: one UNAVAILABLE at most, then it works again. */
  pg_ctl ("restart");
  users = ranah_store_list_users (w->store, &error);
  if (users == NULL)
    {
      g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE);
      g_clear_error (&error);
      users = ranah_store_list_users (w->store, &error);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 7);

  g_clear_pointer (&r, ranah_request_free);
  r = store_world_get (w, id);
  g_assert_cmpint (r->state, ==, RANAH_STATE_AT_KABID);
  g_assert_cmpint (r->version, ==, 2);
  g_assert_cmpuint (store_world_n_events (w, id), ==, 2);
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  g_assert_true (ranah_store_verify_audit (w->store, &error));
  g_assert_no_error (error);
}

static void
test_tls_verify_full (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahStore) store = NULL;
  g_autoptr(RanahStore) bad = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *bad_uri = NULL;
  g_autofree char *out = NULL;
  g_autofree char *sql = NULL;

  /* The office's own CA, the server's name checked: localhost is in the certificate. */
  uri = g_strdup_printf ("host=localhost port=%s dbname=%s sslmode=verify-full sslrootcert=%s",
                         env ("RANAH_TEST_PG_PORT"), db_of (w->uri),
                         env ("RANAH_TEST_PG_SSLROOTCERT"));
  store = store_fixture_open_uri (uri);
  g_assert_true (ranah_store_is_initialized (store, &error));
  g_assert_true (ranah_store_sign_in (store, "kadis", STORE_FIXTURE_PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ranah_store_get_user (store)->username, ==, "kadis");

  sql = g_strdup_printf ("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid ()");
  {
    g_autofree char *psql = g_build_filename (env ("RANAH_TEST_PG_BINDIR"), "psql", NULL);
    g_autofree char *conninfo = g_strdup_printf ("%s user=kadis", uri);
    const char *argv[] = { psql, "-X", "-A", "-t", "-d", conninfo, "-c", sql, NULL };
    g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "PGPASSWORD",
                                           STORE_FIXTURE_PASSWORD, TRUE);
    int status = 0;

    g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                  &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpstr (g_strstrip (out), ==, "t");
  }

  /* A name the certificate does not carry is refused before any password is sent. */
  bad_uri = g_strdup_printf ("host=127.0.0.2 hostaddr=127.0.0.1 port=%s dbname=%s "
                             "sslmode=verify-full sslrootcert=%s", env ("RANAH_TEST_PG_PORT"),
                             db_of (w->uri), env ("RANAH_TEST_PG_SSLROOTCERT"));
  bad = store_fixture_open_uri (bad_uri);
  g_assert_false (ranah_store_sign_in (bad, "kadis", STORE_FIXTURE_PASSWORD, &error));
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "certificate"));
}

/* ---- moving up, backups ----------------------------------------------------------------- */

static gint64
count_of (RanahStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = ranah_store_list_requests (store, NULL, &error);

  g_assert_no_error (error);
  return list->len;
}

static void
test_move_up_from_sqlite (void)
{
  g_autofree char *factory = g_strdup (env ("RANAH_TEST_STORE_URI_FACTORY"));
  g_autoptr(StoreWorld) lite = NULL;
  g_autoptr(RanahStore) pg = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lite_events = NULL;
  g_autoptr(GPtrArray) pg_events = NULL;
  g_autoptr(RanahLetter) lite_letter = NULL;
  g_autoptr(RanahLetter) pg_letter = NULL;
  g_autoptr(GBytes) lite_pdf = NULL;
  g_autoptr(GBytes) pg_pdf = NULL;
  g_autofree char *uri = NULL;
  gint64 done, refused, open;

  /* An office on SQLite with a full history. */
  g_unsetenv ("RANAH_TEST_STORE_URI_FACTORY");
  lite = store_world_new ();
  g_setenv ("RANAH_TEST_STORE_URI_FACTORY", factory, TRUE);
  g_assert_true (g_str_has_prefix (lite->uri, "sqlite:"));
  done = store_world_request_in (lite, RANAH_STATE_DONE, FALSE);
  refused = store_world_request_in (lite, RANAH_STATE_SENT, TRUE);
  open = store_world_request_in (lite, RANAH_STATE_AT_SUBKOOR, FALSE);
  store_world_sign_in (lite, RANAH_ROLE_ADMIN);

  uri = store_fixture_fresh_uri ();
  g_assert_true (ranah_postgres_store_import_from (uri, lite->store, "mulai-baru-2026", &error));
  g_assert_no_error (error);

  pg = store_fixture_open_uri (uri);
  ranah_store_set_now (pg, lite->now);
  g_assert_true (ranah_store_sign_in (pg, "admin", "mulai-baru-2026", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_of (pg), ==, count_of (lite->store));

  lite_events = ranah_store_list_events (lite->store, 0, &error);
  pg_events = ranah_store_list_events (pg, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pg_events->len, ==, lite_events->len);
  for (guint i = 0; i < pg_events->len; i++)
    g_assert_cmpstr (((RanahEvent *) g_ptr_array_index (pg_events, i))->hash, ==,
                     ((RanahEvent *) g_ptr_array_index (lite_events, i))->hash);
  g_assert_true (ranah_store_verify_audit (pg, &error));
  g_assert_no_error (error);

  lite_letter = ranah_store_get_letter (lite->store, done, &error);
  pg_letter = ranah_store_get_letter (pg, done, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pg_letter->number, ==, lite_letter->number);
  g_assert_cmpstr (pg_letter->pdf_sha256, ==, lite_letter->pdf_sha256);
  lite_pdf = ranah_store_get_letter_pdf (lite->store, lite_letter->id, &error);
  pg_pdf = ranah_store_get_letter_pdf (pg, pg_letter->id, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (lite_pdf, pg_pdf));
  {
    g_autoptr(RanahRequest) a = ranah_store_get_request (lite->store, refused, &error);
    g_autoptr(RanahRequest) b = ranah_store_get_request (pg, refused, &error);
    g_autoptr(GBytes) la = ranah_store_get_request_letter (lite->store, refused, &error);
    g_autoptr(GBytes) lb = ranah_store_get_request_letter (pg, refused, &error);
    g_assert_no_error (error);
    g_assert_cmpint (b->state, ==, a->state);
    g_assert_cmpint (b->outcome, ==, RANAH_OUTCOME_REFUSED);
    g_assert_cmpint (b->version, ==, a->version);
    g_assert_true (g_bytes_equal (la, lb));
  }

  /* Work goes on where it stopped: the open request moves on, and the chain continues. */
  g_assert_true (ranah_store_sign_in (pg, "subkoor", "mulai-baru-2026", &error));
  g_assert_no_error (error);
  {
    g_autoptr(RanahRequest) r = ranah_store_get_request (pg, open, &error);
    RanahMove move = { .action = RANAH_ACTION_DISPOSE_TO_STAF, .request_id = open,
                       .expected_version = r->version };
    g_assert_true (ranah_store_move (pg, &move, &error));
    g_assert_no_error (error);
  }
  g_assert_true (ranah_store_sign_in (pg, "admin", "mulai-baru-2026", &error));
  g_assert_true (ranah_store_verify_audit (pg, &error));
  g_assert_no_error (error);

  /* Only into an empty database. */
  g_assert_false (ranah_postgres_store_import_from (uri, lite->store, "mulai-baru-2026", &error));
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_CONFLICT);
}

static void
test_backup_restore (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahStore) restored = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ranah-pg-backup-XXXXXX", &error);
  g_autofree char *dump = g_build_filename (dir, "ranah.dump", NULL);
  g_autofree char *target = store_fixture_fresh_uri ();
  g_autofree char *pg_restore = g_build_filename (env ("RANAH_TEST_PG_BINDIR"), "pg_restore", NULL);
  g_autofree char *err = NULL;
  gint64 id = store_world_request_in (w, RANAH_STATE_DONE, FALSE);
  int status = 0;

  g_assert_no_error (error);
  g_assert_true (ranah_postgres_store_backup (w->uri, dump, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (dump, G_FILE_TEST_IS_REGULAR));

  {
    const char *argv[] = { pg_restore, "--exit-on-error", "--no-password", "-d", target, dump,
                           NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status,
                  &error);
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("pg_restore: %s", err);
  }

  restored = store_fixture_open_uri (target);
  ranah_store_set_now (restored, w->now);
  g_assert_true (ranah_store_sign_in (restored, "admin", STORE_FIXTURE_PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_true (ranah_store_verify_audit (restored, &error));
  g_assert_no_error (error);
  {
    g_autoptr(RanahRequest) r = ranah_store_get_request (restored, id, &error);
    g_autoptr(RanahLetter) letter = ranah_store_get_letter (restored, id, &error);
    g_autoptr(GBytes) pdf = NULL;
    g_autofree char *sha = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (r->state, ==, RANAH_STATE_DONE);
    pdf = ranah_store_get_letter_pdf (restored, letter->id, &error);
    g_assert_no_error (error);
    sha = ranah_sha256_hex (g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
    g_assert_cmpstr (sha, ==, letter->pdf_sha256);
  }
  /* The restored store takes new work. */
  g_assert_cmpint (store_world_submit (w, NULL, TRUE), >, 0);
  g_unlink (dump);
  g_rmdir (dir);
}

/* A schema from a newer Ranah is refused, never written over. */
static void
test_newer_schema_refused (void)
{
  g_autofree char *uri = store_fixture_fresh_uri ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahStore) store = NULL;
  g_autofree char *sql = NULL;

  g_assert_true (ranah_postgres_store_install (uri, &error));
  g_assert_no_error (error);
  /* Idempotent: a second install changes nothing and succeeds. */
  g_assert_true (ranah_postgres_store_install (uri, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("INSERT INTO ranah.schema_version (version) VALUES (%d)",
                         RANAH_POSTGRES_SCHEMA_VERSION + 1);
  g_assert_cmpint (psql_as (env ("RANAH_TEST_PG_OWNER"), env ("RANAH_TEST_PG_OWNER_PASSWORD"),
                            db_of (uri), sql, NULL), ==, 0);
  g_assert_false (ranah_postgres_store_install (uri, &error));
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VERSION);
  g_clear_error (&error);
  store = ranah_store_open (uri, &error);
  g_assert_null (store);
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VERSION);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("RANAH_TEST_PG_PORT") == NULL)
    {
      g_test_skip ("run under tests/pg/pg-harness.sh");
      return 77;
    }

  g_test_add_func ("/ranah/store-pg/security/psql-refusals", test_psql_refusals);
  g_test_add_func ("/ranah/store-pg/audit/hash-in-sql-is-core-hash", test_audit_hash_in_sql);
  g_test_add_func ("/ranah/store-pg/concurrency/race-32-clients", test_race);
  g_test_add_func ("/ranah/store-pg/concurrency/letter-numbers-32-signers", test_signers);
  g_test_add_func ("/ranah/store-pg/live/notify-within-a-second", test_notify);
  g_test_add_func ("/ranah/store-pg/faults/server-restart-reconnects", test_restart);
  g_test_add_func ("/ranah/store-pg/tls/verify-full-throwaway-ca", test_tls_verify_full);
  g_test_add_func ("/ranah/store-pg/move-up/from-sqlite-chain-verifies", test_move_up_from_sqlite);
  g_test_add_func ("/ranah/store-pg/backup/pg-dump-restore", test_backup_restore);
  g_test_add_func ("/ranah/store-pg/install/newer-schema-refused", test_newer_schema_refused);

  return g_test_run ();
}
