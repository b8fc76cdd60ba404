/* test-sessions.c — sign in once, resume with a token: start, resume, end, expiry, revocation
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Backend-neutral like test-store.c: tests/pg/meson.build runs it again on PostgreSQL.
 * What the store keeps is read straight from its tables: with sqlite3 on the file, with
 * psql as the schema owner on PostgreSQL.
 */
#include "config.h"

#include <sodium.h>
#include <sqlite3.h>

#include "store-fixture.h"
#include "ranah-postgres-store.h"
#include "ranah-sqlite-private.h"

#define HOUR 3600

/* The store's own view of a table, bypassing the store: the first column of every row,
 * one a line. */
static char *
raw_query (StoreWorld *w,
           const char *sqlite_sql,
           const char *pg_sql)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (store_fixture_is_sqlite ())
    {
      sqlite3 *db = NULL;
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_open_v2 (w->uri + strlen ("sqlite:"), &db, SQLITE_OPEN_READONLY,
                                        NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sqlite_sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (out, "%s\n", (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      sqlite3_close (db);
    }
  else
    {
      g_autofree char *psql = g_build_filename (g_getenv ("RANAH_TEST_PG_BINDIR"), "psql", NULL);
      g_autofree char *stdout_text = NULL;
      g_autofree char *stderr_text = NULL;
      g_autoptr(GError) error = NULL;
      const char *argv[] = { psql, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", w->uri,
                             "-c", pg_sql, NULL };
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   &stdout_text, &stderr_text, &status, &error));
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("psql: %s", stderr_text);
      g_string_append (out, stdout_text);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A new connection, as a desktop or a command starting: nobody signed in yet. */
static RanahStore *
fresh_connection (StoreWorld *w,
                  gint64      now)
{
  RanahStore *store = store_fixture_open_uri (w->uri);

  ranah_store_set_now (store, now);
  return store;
}

static char *
start_as (StoreWorld *w,
          const char *username,
          gint64     *expires_at)
{
  g_autoptr(GError) error = NULL;
  char *token;

  store_world_sign_in_as (w, username);
  token = ranah_store_start_session (w->store, "test on localhost", expires_at, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  return token;
}

static void
assert_resume_refused (StoreWorld *w,
                       const char *username,
                       const char *token,
                       gint64      now)
{
  g_autoptr(RanahStore) store = fresh_connection (w, now);
  g_autoptr(GError) error = NULL;

  /* The store judges by its own clock: on PostgreSQL, the server's. */
  store_world_pin_server_clock (w, now);
  g_assert_false (ranah_store_resume_session (store, username, token, &error));
  store_world_pin_server_clock (w, w->now);
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_AUTH);
  g_assert_cmpstr (error->message, ==,
                   "Your session has ended; sign in again with your password.");
  g_assert_null (ranah_store_get_user (store));
}

static RanahStore *
resume (StoreWorld *w,
        const char *username,
        const char *token,
        gint64      now)
{
  RanahStore *store = fresh_connection (w, now);
  g_autoptr(GError) error = NULL;

  store_world_pin_server_clock (w, now);
  g_assert_true (ranah_store_resume_session (store, username, token, &error));
  g_assert_no_error (error);
  store_world_pin_server_clock (w, w->now);
  return store;
}

static gboolean
has_event (StoreWorld *w,
           const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;

  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  events = ranah_store_list_events (w->store, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    if (g_str_equal (((RanahEvent *) g_ptr_array_index (events, i))->action, action))
      return TRUE;
  return FALSE;
}

static void
test_start_resume_end (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahStore) store = NULL;
  g_autoptr(GPtrArray) inbox = NULL;
  g_autofree char *token = NULL;
  g_autofree char *again = NULL;
  gint64 expires_at = 0;

  /* Nobody signed in: no session. */
  {
    g_autoptr(RanahStore) nobody = fresh_connection (w, w->now);
    g_assert_null (ranah_store_start_session (nobody, "x", NULL, &error));
    g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION);
    g_clear_error (&error);
  }

  token = start_as (w, "kadis", &expires_at);
  g_assert_true (g_str_has_prefix (token, "rnh1."));
  g_assert_cmpuint (strlen (token), ==, 5 + 43);
  g_assert_cmpint (expires_at, ==, w->now + 10 * HOUR);
  g_assert_true (has_event (w, "auth:session-started"));

  /* Any later connection, the user name in any case, no password. */
  store = resume (w, "KaDiS", token, w->now + 9 * HOUR);
  g_assert_cmpstr (ranah_store_get_user (store)->username, ==, "kadis");
  g_assert_cmpint (ranah_store_get_user (store)->role, ==, RANAH_ROLE_KADIS);
  g_assert_true (ranah_store_is_resumed (store));
  inbox = ranah_store_inbox (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (inbox);

  /* A session cannot start another: only the password can. */
  again = ranah_store_start_session (store, "x", NULL, &error);
  g_assert_null (again);
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  /* Signing out ends it for every connection. */
  {
    g_autoptr(RanahStore) other = resume (w, "kadis", token, w->now + 9 * HOUR);
    g_autoptr(GPtrArray) after = NULL;

    g_assert_true (ranah_store_end_session (store, token, &error));
    g_assert_no_error (error);
    /* On PostgreSQL a connection already open on the session is still the session's login:
     * its next call says the session has ended, as a sign-in refused would. */
    if (!store_fixture_is_sqlite ())
      {
        after = ranah_store_inbox (other, &error);
        g_assert_null (after);
        g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_AUTH);
        g_assert_nonnull (strstr (error->message, "session has ended"));
        g_clear_error (&error);
      }
  }
  assert_resume_refused (w, "kadis", token, w->now + HOUR);
  g_assert_true (has_event (w, "auth:session-ended"));
  g_assert_true (ranah_store_verify_audit (w->store, &error));
  g_assert_no_error (error);
}

static void
test_wrong_token (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autofree char *token = start_as (w, "kabid", NULL);
  g_autofree char *other = g_strdup (token);

  /* The same shape, another secret; not a token at all; empty. */
  other[10] = other[10] == 'A' ? 'B' : 'A';
  assert_resume_refused (w, "kabid", other, w->now);
  assert_resume_refused (w, "kabid", "rnh1.short", w->now);
  assert_resume_refused (w, "kabid", "", w->now);
  assert_resume_refused (w, "kabid", STORE_FIXTURE_PASSWORD, w->now);
  /* The real one still works. */
  g_clear_object (&w->store);
  w->store = resume (w, "kabid", token, w->now);
}

static void
test_other_users_name (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autofree char *token = start_as (w, "staf", NULL);

  assert_resume_refused (w, "subkoor", token, w->now);
  assert_resume_refused (w, "admin", token, w->now);
  assert_resume_refused (w, "nobody", token, w->now);
  {
    g_autoptr(RanahStore) store = resume (w, "staf", token, w->now);
  }
  /* Nor may another user end it. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RanahStore) store = NULL;

    store_world_sign_in (w, RANAH_ROLE_SUBKOOR);
    ranah_store_end_session (w->store, token, &error);
    g_assert_no_error (error);
    store = resume (w, "staf", token, w->now);
  }
}

static void
test_expired (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = start_as (w, "kabid", NULL);
  g_autofree char *short_token = NULL;
  g_autofree char *left = NULL;
  gint64 expires_at = 0;

  /* The default: a working day. */
  {
    g_autoptr(RanahStore) store = resume (w, "kabid", token, w->now + 10 * HOUR - 1);
  }
  assert_resume_refused (w, "kabid", token, w->now + 10 * HOUR);
  assert_resume_refused (w, "kabid", token, w->now + 30 * HOUR);

  /* The profile sets the lifetime. */
  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  g_assert_true (ranah_store_set_profile (w->store, RANAH_PROFILE_SESSION_HOURS, "1", &error));
  g_assert_no_error (error);
  short_token = start_as (w, "subkoor", &expires_at);
  g_assert_cmpint (expires_at, ==, w->now + HOUR);
  {
    g_autoptr(RanahStore) store = resume (w, "subkoor", short_token, w->now + HOUR - 60);
  }
  assert_resume_refused (w, "subkoor", short_token, w->now + HOUR + 1);

  /* Starting a session a day later clears the ended ones from the store; on PostgreSQL a
   * connection still open on one of them is told its session has ended. */
  {
    g_autoptr(RanahStore) open = resume (w, "kabid", token, w->now + 10 * HOUR - 1);
    g_autoptr(GPtrArray) inbox = NULL;

    store_world_set_now (w, w->now + 24 * HOUR);
    g_free (start_as (w, "staf", NULL));
    left = raw_query (w, "SELECT count(*) FROM sessions", "SELECT count (*) FROM ranah.sessions");
    g_assert_cmpstr (left, ==, "1\n");
    if (!store_fixture_is_sqlite ())
      {
        inbox = ranah_store_inbox (open, &error);
        g_assert_null (inbox);
        g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_AUTH);
        g_clear_error (&error);
      }
  }
}

static void
test_revoked_by_password (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = start_as (w, "kadis", NULL);
  g_autofree char *token2 = start_as (w, "kadis", NULL);
  g_autofree char *other = start_as (w, "kabid", NULL);
  g_autofree char *own = NULL;

  /* The administrator sets kadis's password: both of kadis's sessions end, kabid's not. */
  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  g_assert_true (ranah_store_set_password (w->store, w->user_ids[RANAH_ROLE_KADIS],
                                           "sandi-baru-2026", &error));
  g_assert_no_error (error);
  assert_resume_refused (w, "kadis", token, w->now);
  assert_resume_refused (w, "kadis", token2, w->now);
  {
    g_autoptr(RanahStore) store = resume (w, "kabid", other, w->now);

    /* Changing one's own password through a session ends that session too. */
    g_assert_true (ranah_store_set_password (store, w->user_ids[RANAH_ROLE_KABID],
                                             "sandi-baru-2026", &error));
    g_assert_no_error (error);
  }
  assert_resume_refused (w, "kabid", other, w->now);
  g_assert_true (has_event (w, "auth:sessions-revoked"));

  /* The new password starts new sessions. */
  {
    g_autoptr(RanahStore) store = fresh_connection (w, w->now);

    g_assert_true (ranah_store_sign_in (store, "kabid", "sandi-baru-2026", &error));
    g_assert_no_error (error);
    own = ranah_store_start_session (store, "again", NULL, &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr(RanahStore) store = resume (w, "kabid", own, w->now);
  }
}

static void
test_revoked_by_disabling (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = start_as (w, "staf", NULL);
  g_autoptr(RanahUser) staf = NULL;

  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  staf = ranah_store_find_user (w->store, "staf", &error);
  g_assert_no_error (error);
  staf->active = FALSE;
  g_assert_true (ranah_store_update_user (w->store, staf, &error));
  g_assert_no_error (error);
  assert_resume_refused (w, "staf", token, w->now);

  /* Enabling the account again does not bring the session back. */
  staf->active = TRUE;
  g_assert_true (ranah_store_update_user (w->store, staf, &error));
  g_assert_no_error (error);
  assert_resume_refused (w, "staf", token, w->now);
  g_assert_true (has_event (w, "auth:sessions-revoked"));
}

static void
test_only_hash_kept (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autofree char *token = start_as (w, "opd1", NULL);
  g_autofree char *hashes = NULL;
  g_autofree char *labels = NULL;
  guint8 digest[crypto_hash_sha256_BYTES];
  char hex[crypto_hash_sha256_BYTES * 2 + 2];

  g_assert_cmpint (sodium_init (), >=, 0);
  crypto_hash_sha256 (digest, (const guint8 *) token, strlen (token));
  sodium_bin2hex (hex, sizeof hex - 1, digest, sizeof digest);
  strcat (hex, "\n");

  hashes = raw_query (w, "SELECT token_hash FROM sessions",
                      "SELECT token_hash FROM ranah.sessions");
  g_assert_cmpstr (hashes, ==, hex);
  g_assert_null (strstr (hashes, token + strlen ("rnh1.")));
  labels = raw_query (w, "SELECT label || user_id || created_at || expires_at FROM sessions",
                      "SELECT label || user_id || created_at || expires_at || login_role "
                      "FROM ranah.sessions");
  g_assert_null (strstr (labels, token + strlen ("rnh1.")));
  g_assert_nonnull (strstr (labels, "test on localhost"));
}

static void
test_locked_account (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  if (!store_fixture_is_sqlite ())
    {
      g_test_skip ("PostgreSQL has no account lockout of its own (see src/store/sql/README.md)");
      return;
    }
  token = start_as (w, "kabid", NULL);
  /* Someone guessing kabid's password locks the account: the session waits too. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(RanahStore) store = fresh_connection (w, w->now);
      g_assert_false (ranah_store_sign_in (store, "kabid", "tebak-tebakan", &error));
      g_clear_error (&error);
    }
  assert_resume_refused (w, "kabid", token, w->now + 60);
  {
    g_autoptr(RanahStore) store = resume (w, "kabid", token, w->now + 16 * 60);
  }
}

static void
test_oldest_ended (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *count = NULL;

  for (guint i = 0; i <= RANAH_STORE_MAX_SESSIONS; i++)
    {
      /* One second apart, as logins are. */
      store_world_set_now (w, w->now + 1);
      g_ptr_array_add (tokens, start_as (w, "staf", NULL));
    }
  assert_resume_refused (w, "staf", g_ptr_array_index (tokens, 0), w->now);
  {
    g_autoptr(RanahStore) second = resume (w, "staf", g_ptr_array_index (tokens, 1), w->now);
    g_autoptr(RanahStore) last = resume (w, "staf", g_ptr_array_index (tokens, tokens->len - 1),
                                         w->now);
  }
  count = raw_query (w, "SELECT count(*) FROM sessions", "SELECT count (*) FROM ranah.sessions");
  g_assert_cmpint (atoi (count), ==, RANAH_STORE_MAX_SESSIONS);
}

/* psql as @user with @password on the world's database: its exit status, stdout in *@out. */
static int
psql_as (StoreWorld  *w,
         const char  *user,
         const char  *password,
         const char  *sql,
         char       **out)
{
  g_autofree char *psql = g_build_filename (g_getenv ("RANAH_TEST_PG_BINDIR"), "psql", NULL);
  g_autofree char *conninfo = g_strdup_printf ("host=%s port=%s user=%s dbname=%s",
                                               g_getenv ("RANAH_TEST_PG_HOST"),
                                               g_getenv ("RANAH_TEST_PG_PORT"), user,
                                               strrchr (w->uri, '/') + 1);
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

/* The session's login role, as the backend derives it from the token. */
static char *
login_of (const char *token)
{
  g_autofree char *salted = g_strconcat ("ranah-session-login:", token, NULL);
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, salted, -1);

  return g_strdup_printf ("ranah_s_%.32s", digest);
}

static void
test_pg_logins (void)
{
  g_autoptr(StoreWorld) w = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *login = NULL;
  g_autofree char *out = NULL;
  g_autofree char *sql = NULL;

  if (store_fixture_is_sqlite ())
    {
      g_test_skip ("session login roles are PostgreSQL's");
      return;
    }
  w = store_world_new ();
  token = start_as (w, "kadis", NULL);
  login = login_of (token);

  /* The session is a login whose password is the token, standing for kadis. */
  g_assert_cmpint (psql_as (w, login, token, "SELECT ranah.login_user ()", &out), ==, 0);
  g_assert_cmpstr (out, ==, "kadis");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (psql_as (w, login, "not the token", "SELECT 1", NULL), !=, 0);
  /* Nobody reads the sessions, not even their owner, nor through the session. */
  g_assert_cmpint (psql_as (w, "kadis", STORE_FIXTURE_PASSWORD,
                            "SELECT token_hash FROM ranah.sessions", NULL), !=, 0);
  g_assert_cmpint (psql_as (w, "admin", STORE_FIXTURE_PASSWORD,
                            "SELECT token_hash FROM ranah.sessions", NULL), !=, 0);
  g_assert_cmpint (psql_as (w, login, token, "SELECT token_hash FROM ranah.sessions", NULL),
                   !=, 0);
  g_assert_cmpint (psql_as (w, login, token, "SELECT role_name FROM ranah.ended_logins", NULL),
                   !=, 0);
  /* A session cannot make sessions, even at psql. */
  sql = g_strdup_printf ("SELECT ranah.start_session ('ranah_s_%s', '%s', 'SCRAM-SHA-256$x', "
                         "'psql', 0)", "0123456789abcdef0123456789abcdef",
                         "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  g_assert_cmpint (psql_as (w, login, token, sql, NULL), !=, 0);
  /* Nor pose as a user at the cost of a role name. */
  g_assert_cmpint (psql_as (w, "kadis", STORE_FIXTURE_PASSWORD,
                            "SELECT ranah.start_session ('postgres', "
                            "'0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', "
                            "'SCRAM-SHA-256$x', 'psql', 0)", NULL), !=, 0);

  /* Ended through itself: it cannot log in again, and the next session start drops it. */
  {
    g_autoptr(RanahStore) store = resume (w, "kadis", token, w->now);
    g_assert_true (ranah_store_end_session (store, token, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (psql_as (w, login, token, "SELECT 1", NULL), !=, 0);
  g_free (start_as (w, "kabid", NULL));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count (*) FROM pg_roles WHERE rolname = '%s'", login);
  g_assert_cmpint (psql_as (w, "kadis", STORE_FIXTURE_PASSWORD, sql, &out), ==, 0);
  g_assert_cmpstr (out, ==, "0");
}

/* A store from before sessions gets them on upgrade: SQLite from a schema-2 file,
 * PostgreSQL from a schema-1 database (its sessions tables dropped, its version set back). */
static void
test_upgrade (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahStore) store = NULL;
  g_autofree char *token = NULL;

  if (store_fixture_is_sqlite ())
    {
      g_autofree char *uri = store_fixture_fresh_uri ();
      g_autofree char *sql = NULL;
      char hash[crypto_pwhash_STRBYTES];
      sqlite3 *db = NULL;

      g_assert_cmpint (sodium_init (), >=, 0);
      g_assert_cmpint (crypto_pwhash_str (hash, STORE_FIXTURE_PASSWORD,
                                          strlen (STORE_FIXTURE_PASSWORD),
                                          crypto_pwhash_OPSLIMIT_MIN,
                                          crypto_pwhash_MEMLIMIT_MIN), ==, 0);
      g_assert_cmpint (sqlite3_open (uri + strlen ("sqlite:"), &db), ==, SQLITE_OK);
      sql = g_strdup_printf ("BEGIN; %s %s PRAGMA application_id = %d; PRAGMA user_version = 2;"
                             "INSERT INTO users (id, username, role, password_hash, created_at) "
                             "VALUES (1, 'admin', 'admin', '%s', 1); COMMIT;",
                             ranah_sqlite_migration_sql (1), ranah_sqlite_migration_sql (2),
                             RANAH_SQLITE_APPLICATION_ID, hash);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);

      store = store_fixture_open_uri (uri);
      g_assert_cmpuint (ranah_store_schema_version (store), ==, RANAH_SQLITE_SCHEMA_VERSION);
      g_assert_true (ranah_store_sign_in (store, "admin", STORE_FIXTURE_PASSWORD, &error));
      g_assert_no_error (error);
      token = ranah_store_start_session (store, "upgraded", NULL, &error);
      g_assert_no_error (error);
      g_clear_object (&store);
      store = store_fixture_open_uri (uri);
      g_assert_true (ranah_store_resume_session (store, "admin", token, &error));
      g_assert_no_error (error);
    }
  else
    {
      g_autoptr(StoreWorld) w = store_world_new ();
      g_autofree char *out = NULL;

      out = raw_query (w, NULL, "DROP TABLE ranah.sessions, ranah.ended_logins; "
                                "DELETE FROM ranah.schema_version WHERE version >= 2; "
                                "SELECT max (version) FROM ranah.schema_version");
      g_assert_cmpstr (out, ==, "1\n");
      g_assert_true (ranah_postgres_store_install (w->uri, &error));
      g_assert_no_error (error);
      g_clear_pointer (&out, g_free);
      out = raw_query (w, NULL, "SELECT max (version) FROM ranah.schema_version");
      g_assert_cmpint (atoi (out), ==, RANAH_POSTGRES_SCHEMA_VERSION);
      token = start_as (w, "kadis", NULL);
      store = resume (w, "kadis", token, w->now);
    }
}

int
main (int argc, char *argv[])
{
  g_setenv ("RANAH_TEST_FAST_PWHASH", "1", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ranah/store/session/start-resume-end", test_start_resume_end);
  g_test_add_func ("/ranah/store/session/wrong-token", test_wrong_token);
  g_test_add_func ("/ranah/store/session/other-users-name", test_other_users_name);
  g_test_add_func ("/ranah/store/session/expired", test_expired);
  g_test_add_func ("/ranah/store/session/revoked-by-password", test_revoked_by_password);
  g_test_add_func ("/ranah/store/session/revoked-by-disabling", test_revoked_by_disabling);
  g_test_add_func ("/ranah/store/session/only-hash-kept", test_only_hash_kept);
  g_test_add_func ("/ranah/store/session/locked-account", test_locked_account);
  g_test_add_func ("/ranah/store/session/postgres-logins", test_pg_logins);
  g_test_add_func ("/ranah/store/session/upgrade", test_upgrade);
  g_test_add_func ("/ranah/store/session/oldest-ended-past-the-limit", test_oldest_ended);

  return g_test_run ();
}
