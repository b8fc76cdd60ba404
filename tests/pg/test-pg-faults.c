/* test-pg-faults.c — a PostgreSQL server that restarts, fills up or cannot get its locks is
 * "unavailable" (exit 7), never "not allowed" or "not a Ranah user" (exit 4)
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under pg-harness.sh (RANAH_TEST_PG_* name the throwaway server; RANAH_TEST_PG_CTL
 * restarts it). The mapping of each SQLSTATE is checked with errors the server really
 * raises; a statement timeout behind a lock is met end to end; and officials sign in, work
 * and resume their sessions while the server restarts again and again.
 */
#include <string.h>

#include "ranah-postgres-private.h"
#include "store-fixture.h"

#define BUSY "The store is busy; try again."

static const char *
env (const char *name)
{
  const char *value = g_getenv (name);

  g_assert_nonnull (value);
  return value;
}

static const char *
db_of (const char *uri)
{
  return strrchr (uri, '/') + 1;
}

/* A connection as the harness's superuser to @dbname: for what officials may not do. */
static RanahPostgresStore *
superuser (const char *dbname)
{
  g_autofree char *conninfo = g_strdup_printf ("host=%s port=%s user=%s password=%s dbname=%s",
                                               env ("RANAH_TEST_PG_HOST"),
                                               env ("RANAH_TEST_PG_PORT"),
                                               env ("RANAH_TEST_PG_SUPERUSER"),
                                               env ("RANAH_TEST_PG_SUPERUSER_PASSWORD"),
                                               dbname);
  g_autoptr(GError) error = NULL;
  RanahPostgresStore *self = ranah_pg_connect_owner (conninfo, &error);

  g_assert_no_error (error);
  g_assert_nonnull (self);
  return self;
}

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

/* ---- each SQLSTATE ---------------------------------------------------------------------- */

static void
test_sqlstates (void)
{
  static const struct {
    const char *state;
    GQuark      domain;
    int         code;
    const char *message;   /* NULL: any */
  } cases[] = {
    /* busy: try again at once */
    { "55P03", 0, RANAH_STORE_ERROR_UNAVAILABLE, BUSY },   /* lock_not_available */
    { "57014", 0, RANAH_STORE_ERROR_UNAVAILABLE, BUSY },   /* query_canceled */
    { "25P03", 0, RANAH_STORE_ERROR_UNAVAILABLE, BUSY },   /* idle_in_transaction_session_timeout */
    { "40001", 0, RANAH_STORE_ERROR_UNAVAILABLE, BUSY },   /* serialization_failure */
    { "40P01", 0, RANAH_STORE_ERROR_UNAVAILABLE, BUSY },   /* deadlock_detected */
    { "RN015", 0, RANAH_STORE_ERROR_UNAVAILABLE, BUSY },   /* the store's functions: no locks */
    /* the server going away, or not there yet */
    { "08006", 0, RANAH_STORE_ERROR_UNAVAILABLE, "The store server cannot be reached" },
    { "08001", 0, RANAH_STORE_ERROR_UNAVAILABLE, "The store server cannot be reached" },
    { "57P01", 0, RANAH_STORE_ERROR_UNAVAILABLE, "The store server cannot be reached" },
    { "57P02", 0, RANAH_STORE_ERROR_UNAVAILABLE, "The store server cannot be reached" },
    { "57P03", 0, RANAH_STORE_ERROR_UNAVAILABLE, "The store server cannot be reached" },
    { "53300", 0, RANAH_STORE_ERROR_UNAVAILABLE, "The store server cannot be reached" },
    /* and what they are not */
    { "RN010", 0, RANAH_STORE_ERROR_CONFLICT, NULL },
    { "RN013", 0, RANAH_STORE_ERROR_PERMISSION, NULL },
    { "23505", 0, RANAH_STORE_ERROR_VALIDATION, NULL },
  };
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(RanahPostgresStore) su = superuser (db_of (w->uri));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *sql = g_strdup_printf ("DO $$ BEGIN RAISE EXCEPTION 'raised by the test' "
                                              "USING ERRCODE = '%s'; END $$", cases[i].state);
      g_autoptr(GError) error = NULL;
      g_autoptr(PGresult) res = NULL;

      g_rec_mutex_lock (&su->lock);
      res = ranah_pg_query (su, sql, NULL, &error);
      g_rec_mutex_unlock (&su->lock);
      g_assert_null (res);
      if (!g_error_matches (error, RANAH_STORE_ERROR, cases[i].code))
        g_error ("SQLSTATE %s: %s (%s %d)", cases[i].state, error->message,
                 g_quark_to_string (error->domain), error->code);
      if (cases[i].message != NULL)
        g_assert_true (g_str_has_prefix (error->message, cases[i].message));
      if (cases[i].code == RANAH_STORE_ERROR_UNAVAILABLE)
        g_assert_null (strstr (error->message, "raised by the test"));
    }
}

/* A statement timeout behind a lock someone else holds: "busy", and nothing stored. */
static void
test_statement_timeout (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(RanahPostgresStore) su = superuser (db_of (w->uri));
  g_autoptr(RanahStore) kadis = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  gint64 start;

  store_world_submit (w, NULL, TRUE);
  g_rec_mutex_lock (&su->lock);
  g_assert_true (ranah_pg_exec (su, "ALTER ROLE kadis SET statement_timeout = '300ms'", &error));
  g_assert_true (ranah_pg_exec (su, "BEGIN", &error));
  g_assert_true (ranah_pg_exec (su, "LOCK TABLE ranah.requests IN ACCESS EXCLUSIVE MODE", &error));
  g_assert_no_error (error);
  g_rec_mutex_unlock (&su->lock);

  kadis = store_fixture_open_uri (w->uri);
  g_assert_true (ranah_store_sign_in (kadis, "kadis", STORE_FIXTURE_PASSWORD, &error));
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  requests = ranah_store_list_requests (kadis, NULL, &error);
  g_assert_null (requests);
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE);
  g_assert_cmpstr (error->message, ==, BUSY);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&error);

  g_rec_mutex_lock (&su->lock);
  g_assert_true (ranah_pg_exec (su, "ROLLBACK", &error));
  g_assert_true (ranah_pg_exec (su, "ALTER ROLE kadis RESET statement_timeout", &error));
  g_rec_mutex_unlock (&su->lock);
  /* Once the lock is gone, the same connection works. */
  requests = ranah_store_list_requests (kadis, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (requests->len, ==, 1);
}

/* ---- restarts --------------------------------------------------------------------------- */

static gpointer
restart_soon_thread (gpointer data)
{
  g_usleep (700 * 1000);
  pg_ctl ("restart");
  return NULL;
}

/* The connection is made, and the server restarts while the identity query runs (held
 * behind a lock until then): the server is away, not the account. */
static void
identity_query_cut (StoreWorld  *w,
                    const char  *table,
                    const char  *username,
                    const char  *token)
{
  g_autoptr(RanahPostgresStore) su = superuser (db_of (w->uri));
  g_autoptr(RanahStore) store = store_fixture_open_uri (w->uri);
  g_autoptr(GError) error = NULL;
  g_autofree char *lock = g_strdup_printf ("LOCK TABLE %s IN ACCESS EXCLUSIVE MODE", table);
  GThread *thread;
  gboolean ok;

  g_rec_mutex_lock (&su->lock);
  g_assert_true (ranah_pg_exec (su, "BEGIN", &error));
  g_assert_true (ranah_pg_exec (su, lock, &error));
  g_assert_no_error (error);
  g_rec_mutex_unlock (&su->lock);

  thread = g_thread_new ("restart-soon", restart_soon_thread, NULL);
  ok = token != NULL ? ranah_store_resume_session (store, username, token, &error)
                     : ranah_store_sign_in (store, username, STORE_FIXTURE_PASSWORD, &error);
  g_thread_join (thread);
  g_assert_false (ok);
  if (!g_error_matches (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE))
    g_error ("%s cut by a restart: %s (%s %d)", token != NULL ? "resume" : "sign-in",
             error->message, g_quark_to_string (error->domain), error->code);
}

static void
test_identity_query_cut_by_restart (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(RanahStore) desk = store_fixture_open_uri (w->uri);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  gint64 expires = 0;

  g_assert_true (ranah_store_sign_in (desk, "kabid", STORE_FIXTURE_PASSWORD, &error));
  token = ranah_store_start_session (desk, "test-pg-faults", &expires, &error);
  g_assert_no_error (error);

  identity_query_cut (w, "ranah.users", "kadis", NULL);
  identity_query_cut (w, "ranah.sessions", "kabid", token);

  /* The account and the session are as they were. */
  {
    g_autoptr(RanahStore) store = store_fixture_open_uri (w->uri);

    g_assert_true (ranah_store_sign_in (store, "kadis", STORE_FIXTURE_PASSWORD, &error));
    g_assert_no_error (error);
    g_assert_true (ranah_store_resume_session (store, "kabid", token, &error));
    g_assert_no_error (error);
  }
}

typedef struct {
  gint done;
  guint restarts;
} Restarter;

static gpointer
restart_thread (gpointer data)
{
  Restarter *r = data;

  for (guint i = 0; i < r->restarts; i++)
    {
      g_usleep (400 * 1000);
      pg_ctl ("restart");
    }
  g_atomic_int_set (&r->done, 1);
  return NULL;
}

/* Any failure while the server restarts must be UNAVAILABLE: recorded here when not. */
static void
expect_unavailable (GPtrArray   *wrong,
                    const char  *what,
                    GError      *error,
                    guint       *n_failures)
{
  (*n_failures)++;
  if (!g_error_matches (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE))
    g_ptr_array_add (wrong, g_strdup_printf ("%s: %s (%s %d)", what, error->message,
                                             g_quark_to_string (error->domain), error->code));
}

static void
test_sign_in_during_restarts (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GPtrArray) wrong = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(RanahStore) desk = store_fixture_open_uri (w->uri);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  Restarter restarter = { 0, 4 };
  guint n_attempts = 0, n_failures = 0, n_ok = 0;
  GThread *thread;
  gint64 expires = 0;

  /* A session to resume all along, as ranah-cli does after "login". */
  g_assert_true (ranah_store_sign_in (desk, "kabid", STORE_FIXTURE_PASSWORD, &error));
  token = ranah_store_start_session (desk, "test-pg-faults", &expires, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);

  thread = g_thread_new ("restarter", restart_thread, &restarter);
  while (!g_atomic_int_get (&restarter.done))
    {
      g_autoptr(RanahStore) store = NULL;
      g_autoptr(RanahStore) resumed = NULL;
      g_autoptr(GPtrArray) users = NULL;
      g_autoptr(GPtrArray) inbox = NULL;

      n_attempts++;
      /* A fresh desk signing in: the connection, then the identity query. */
      store = ranah_store_open (w->uri, &error);
      if (store == NULL)
        {
          expect_unavailable (wrong, "open", error, &n_failures);
          g_clear_error (&error);
          continue;
        }
      if (!ranah_store_sign_in (store, "kadis", STORE_FIXTURE_PASSWORD, &error))
        {
          expect_unavailable (wrong, "sign-in", error, &n_failures);
          g_clear_error (&error);
        }
      else if ((users = ranah_store_list_users (store, &error)) == NULL
               || (inbox = ranah_store_inbox (store, &error)) == NULL)
        {
          expect_unavailable (wrong, "a call after sign-in", error, &n_failures);
          g_clear_error (&error);
        }
      else
        n_ok++;

      /* The kept session: a restart must not end it. */
      resumed = ranah_store_open (w->uri, &error);
      if (resumed == NULL)
        g_clear_error (&error);
      else if (!ranah_store_resume_session (resumed, "kabid", token, &error))
        {
          expect_unavailable (wrong, "resume", error, &n_failures);
          g_clear_error (&error);
        }

      /* The long-lived connection of a desktop: every call reconnects or is unavailable. */
      {
        g_autoptr(GPtrArray) again = ranah_store_list_users (desk, &error);
        if (again == NULL)
          {
            expect_unavailable (wrong, "a call on an open store", error, &n_failures);
            g_clear_error (&error);
          }
      }
    }
  g_thread_join (thread);

  g_test_message ("%u rounds during %u restarts: %u fine, %u failures", n_attempts,
                  restarter.restarts, n_ok, n_failures);
  for (guint i = 0; i < wrong->len; i++)
    g_printerr ("# not unavailable: %s\n", (char *) g_ptr_array_index (wrong, i));
  g_assert_cmpuint (wrong->len, ==, 0);
  /* The loop met the restarts, and also worked between them. */
  g_assert_cmpuint (n_failures, >, 0);
  g_assert_cmpuint (n_ok, >, 0);

  /* Afterwards everything works again, the session included. */
  {
    g_autoptr(RanahStore) store = store_fixture_open_uri (w->uri);
    g_autoptr(GPtrArray) users = NULL;

    g_assert_true (ranah_store_resume_session (store, "kabid", token, &error));
    g_assert_no_error (error);
    users = ranah_store_list_users (desk, &error);
    if (users == NULL)
      {
        g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE);
        g_clear_error (&error);
        users = ranah_store_list_users (desk, &error);
      }
    g_assert_no_error (error);
    g_assert_nonnull (users);
  }
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

  g_test_add_func ("/ranah/store-pg/faults/sqlstates-busy-or-unavailable", test_sqlstates);
  g_test_add_func ("/ranah/store-pg/faults/statement-timeout-is-busy", test_statement_timeout);
  g_test_add_func ("/ranah/store-pg/faults/identity-query-cut-by-restart-is-unavailable",
                   test_identity_query_cut_by_restart);
  g_test_add_func ("/ranah/store-pg/faults/sign-in-during-restarts-is-unavailable",
                   test_sign_in_during_restarts);

  return g_test_run ();
}
