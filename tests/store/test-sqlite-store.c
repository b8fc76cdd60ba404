/* test-sqlite-store.c — what only the SQLite store has: the file, its migrations, its faults
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sodium.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "ranah-sqlite-private.h"
#include "store-fixture.h"

static const char *
path_of (const char *uri)
{
  g_assert_true (g_str_has_prefix (uri, "sqlite:"));
  return uri + strlen ("sqlite:");
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
raw_int (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static RanahStore *
open_expecting (const char *path,
                GQuark      domain,
                int         code)
{
  g_autoptr(GError) error = NULL;
  RanahStore *store = ranah_sqlite_store_new (path, &error);

  if (domain == 0)
    {
      g_assert_no_error (error);
      return store;
    }
  g_assert_null (store);
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  return NULL;
}

/* A world with a request moved a few steps, closed again; returns its file path. */
static char *
world_with_history (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();

  store_world_request_in (w, RANAH_STATE_AT_SUBKOOR, FALSE);
  store_world_request_in (w, RANAH_STATE_DRAFTING, TRUE);
  return g_strdup (path_of (w->uri));
}

static void
test_creates_file_and_dir (void)
{
  g_autofree char *base = g_dir_make_tmp ("ranah-open-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (base, "deep", "er", "ranah.db", NULL);
  g_autoptr(RanahStore) store = open_expecting (path, 0, 0);
  g_autofree char *uri = g_strconcat ("sqlite:", path, NULL);
  g_autoptr(RanahStore) again = NULL;
  sqlite3 *db;

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (ranah_store_schema_version (store), ==, RANAH_SQLITE_SCHEMA_VERSION);
  g_assert_null (ranah_store_get_warning (store));  /* a local disk */
  g_assert_true (ranah_sqlite_store_check (RANAH_SQLITE_STORE (store), NULL));
  db = RANAH_SQLITE_STORE (store)->db;
  g_assert_cmpint (raw_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (raw_int (db, "PRAGMA application_id"), ==, RANAH_SQLITE_APPLICATION_ID);
  {
    sqlite3_stmt *stmt = NULL;
    sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
    sqlite3_finalize (stmt);
  }
  again = ranah_store_open (uri, NULL);
  g_assert_nonnull (again);
}

static char *
journal_mode (RanahStore *store)
{
  sqlite3_stmt *stmt = NULL;
  char *mode;

  sqlite3_prepare_v2 (RANAH_SQLITE_STORE (store)->db, "PRAGMA journal_mode", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return mode;
}

static void
test_network_fs (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ranah-nfs-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "shared.db", NULL);
  g_autoptr(RanahStore) store = NULL;
  g_autofree char *mode = NULL;

  ranah_sqlite_pretend_network_fs = TRUE;
  store = open_expecting (path, 0, 0);
  ranah_sqlite_pretend_network_fs = FALSE;
  mode = journal_mode (store);
  g_assert_cmpstr (mode, ==, "delete");
  g_assert_cmpstr (ranah_store_get_warning (store), ==,
                   "This store is on a network file system; several desktops belong on "
                   "PostgreSQL.");
}

static gboolean
changed_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
changed_cb (RanahStore *store,
            gpointer    data)
{
  *(gboolean *) data = TRUE;
}

static void
test_watch (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(RanahStore) other = store_fixture_open_uri (w->uri);
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE, timed_out = FALSE;
  guint timeout;

  ranah_store_watch (w->store);
  g_signal_connect (w->store, "changed", G_CALLBACK (changed_cb), &changed);
  g_assert_true (ranah_store_sign_in (other, "admin", STORE_FIXTURE_PASSWORD, &error));
  g_assert_true (ranah_store_add_reserved (other, "rahasia", &error));
  g_assert_no_error (error);
  timeout = g_timeout_add (5000, changed_timeout_cb, &timed_out);
  while (!changed && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (changed);
  g_assert_false (timed_out);
  g_source_remove (timeout);
}

typedef struct {
  RanahStore *store;
  GArray     *ids;
  guint       first;
  guint       stride;
  gint        failures;
} SharedJob;

static gpointer
shared_thread (gpointer data)
{
  SharedJob *job = data;

  for (guint i = job->first; i < job->ids->len; i += job->stride)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) inbox = ranah_store_inbox (job->store, &error);
      RanahMove move = { RANAH_ACTION_DISPOSE_TO_KABID, g_array_index (job->ids, gint64, i), 1 };

      if (inbox == NULL || !ranah_store_move (job->store, &move, &error))
        g_atomic_int_inc (&job->failures);
    }
  return NULL;
}

/* The UI calls one store object from many GTask threads at once. */
static void
test_one_store_many_threads (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) inbox = NULL;
  SharedJob jobs[8];
  GThread *threads[8];

  for (guint i = 0; i < 40; i++)
    {
      gint64 id = store_world_submit (w, NULL, TRUE);
      g_array_append_val (ids, id);
    }
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      jobs[t] = (SharedJob) { w->store, ids, t, G_N_ELEMENTS (threads), 0 };
      threads[t] = g_thread_new ("gtask-like", shared_thread, &jobs[t]);
    }
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      g_thread_join (threads[t]);
      g_assert_cmpint (jobs[t].failures, ==, 0);
    }
  inbox = ranah_store_inbox (w->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (inbox->len, ==, 0);
  store_world_sign_in (w, RANAH_ROLE_KABID);
  g_clear_pointer (&inbox, g_ptr_array_unref);
  inbox = ranah_store_inbox (w->store, &error);
  g_assert_cmpuint (inbox->len, ==, 40);
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  g_assert_true (ranah_store_verify_audit (w->store, &error));
  g_assert_no_error (error);
}

static void
test_migrate_from_v1 (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ranah-v1-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(RanahStore) store = NULL;
  g_autoptr(RanahRequest) request = NULL;
  g_autoptr(RanahEvent) event = ranah_event_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  char hash[crypto_pwhash_STRBYTES];
  sqlite3 *db;

  /* A store as the first release wrote it: migration 1 only, with data in it. */
  g_assert_cmpint (sodium_init (), >=, 0);
  g_assert_cmpint (crypto_pwhash_str (hash, STORE_FIXTURE_PASSWORD, strlen (STORE_FIXTURE_PASSWORD),
                                      crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN), ==, 0);
  db = raw_open (path);
  raw_exec (db, "BEGIN");
  raw_exec (db, ranah_sqlite_migration_sql (1));
  sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = 1;",
                         RANAH_SQLITE_APPLICATION_ID);
  raw_exec (db, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO users (id, username, role, password_hash, created_at) "
                         "VALUES (1, 'admin', 'admin', '%s', 1), (2, 'kadis', 'kadis', '%s', 1);"
                         "INSERT INTO opds (id, code, name) VALUES (1, 'DINKES', 'Dinas Kesehatan');"
                         "INSERT INTO requests (id, state, agenda_year, agenda_number, opd_id, "
                         "name, fqdn, created_by, state_since, created_at, purpose) "
                         "VALUES (1, 'submitted', 2025, 7, 1, 'lama', 'lama.tarakankota.go.id', "
                         "1, 100, 100, 'Situs lama');"
                         "INSERT INTO records (request_id, type, host, target) "
                         "VALUES (1, 'A', '', '103.20.30.40');", hash, hash);
  raw_exec (db, sql);
  /* A store of migration 1 wrote events of version 1. */
  event->version = 1;
  event->seq = 1;
  event->at = 100;
  event->user_id = 1;
  event->username = g_strdup ("admin");
  event->request_id = 1;
  event->step = 1;
  event->action = g_strdup ("submit");
  event->from_state = g_strdup ("none");
  event->to_state = g_strdup ("submitted");
  event->note = g_strdup ("");
  event->prev_hash = g_strdup (RANAH_AUDIT_GENESIS);
  event->hash = ranah_audit_event_hash (event);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO events (seq, at, user_id, username, request_id, step, "
                         "action, from_state, to_state, note, prev_hash, hash) VALUES "
                         "(1, 100, 1, 'admin', 1, 1, 'submit', 'none', 'submitted', '', '%s', '%s')",
                         event->prev_hash, event->hash);
  raw_exec (db, sql);
  raw_exec (db, "COMMIT");
  sqlite3_close (db);

  store = open_expecting (path, 0, 0);
  g_assert_cmpuint (ranah_store_schema_version (store), ==, RANAH_SQLITE_SCHEMA_VERSION);
  db = RANAH_SQLITE_STORE (store)->db;
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_table_info('users') "
                                "WHERE name IN ('failed_logins', 'locked_until')"), ==, 2);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_master "
                                "WHERE name = 'idempotency_keys'"), ==, 1);

  g_assert_true (ranah_store_sign_in (store, "admin", STORE_FIXTURE_PASSWORD, &error));
  g_assert_no_error (error);
  request = ranah_store_get_request (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request->fqdn, ==, "lama.tarakankota.go.id");
  g_assert_cmpuint (request->agenda_number, ==, 7);
  g_assert_cmpuint (request->records->len, ==, 1);
  g_assert_true (ranah_store_verify_audit (store, &error));
  g_assert_no_error (error);

  /* The upgraded store works on: its old request can be declined by Kadis. */
  {
    RanahMove move = { RANAH_ACTION_DECLINE, 1, 1, "Nama tidak sesuai" };
    g_assert_true (ranah_store_sign_in (store, "kadis", STORE_FIXTURE_PASSWORD, &error));
    g_assert_false (ranah_store_move (store, &move, &error));
    g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_INCOMPLETE);
    g_clear_error (&error);
  }
  g_assert_true (ranah_store_verify_audit (store, &error));
  g_clear_object (&store);

  /* Opening it again changes nothing. */
  store = open_expecting (path, 0, 0);
  g_assert_cmpuint (ranah_store_schema_version (store), ==, RANAH_SQLITE_SCHEMA_VERSION);
}

static void
test_newer_version_refused (void)
{
  g_autofree char *path = world_with_history ();
  sqlite3 *db = raw_open (path);
  g_autoptr(GError) error = NULL;
  RanahStore *store;

  raw_exec (db, "PRAGMA user_version = 99");
  sqlite3_close (db);
  store = ranah_sqlite_store_new (path, &error);
  g_assert_null (store);
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VERSION);
  g_assert_nonnull (strstr (error->message, "update Ranah"));
  /* …and left untouched. */
  db = raw_open (path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, 99);
  sqlite3_close (db);
}

static void
test_corrupt_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ranah-bad-XXXXXX", NULL);
  g_autofree char *garbage = g_build_filename (dir, "garbage.db", NULL);
  g_autofree char *foreign = g_build_filename (dir, "foreign.db", NULL);
  g_autofree char *path = world_with_history ();
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(RanahStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  sqlite3 *db;

  for (guint i = 0; i < 400; i++)
    g_string_append (text, "Surat ini bukan basis data. ");
  g_assert_true (g_file_set_contents (garbage, text->str, text->len, NULL));
  open_expecting (garbage, RANAH_STORE_ERROR, RANAH_STORE_ERROR_CORRUPT);

  db = raw_open (foreign);
  raw_exec (db, "CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)");
  sqlite3_close (db);
  open_expecting (foreign, RANAH_STORE_ERROR, RANAH_STORE_ERROR_CORRUPT);

  /* Truncated to its first pages. */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 8192);
  g_assert_true (g_file_set_contents (path, contents, 6000, NULL));
  open_expecting (path, RANAH_STORE_ERROR, RANAH_STORE_ERROR_CORRUPT);

  /* Overwritten in the middle: opening reads only what it needs, so the damage may go
   * unseen until a page is read — but a check, and a backup, find it. */
  g_clear_pointer (&path, g_free);
  path = world_with_history ();
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  memset (contents + 4096, 0x5a, MIN (len - 4096, 8192));
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  store = ranah_sqlite_store_new (path, &error);
  if (store == NULL)
    g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_CORRUPT);
  else
    {
      g_autofree char *backup = g_build_filename (dir, "backup.db", NULL);

      g_assert_false (ranah_sqlite_store_check (RANAH_SQLITE_STORE (store), &error));
      g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_CORRUPT);
      g_clear_error (&error);
      g_assert_false (ranah_sqlite_store_backup (RANAH_SQLITE_STORE (store), backup, &error));
      g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_CORRUPT);
      g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
    }
}

static void
test_read_only_and_full (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahRequest) big = NULL;
  g_autoptr(GBytes) pdf = store_fixture_pdf (2 * 1024 * 1024);
  sqlite3 *db;
  gint64 n_requests;

  store_world_sign_in (w, RANAH_ROLE_OPD);
  db = RANAH_SQLITE_STORE (w->store)->db;
  /* A full disk, as SQLite sees it: no page may be added. */
  raw_exec (db, "PRAGMA max_page_count = 1");  /* clamps to the current size */
  n_requests = raw_int (db, "SELECT count(*) FROM requests");
  big = store_world_request (w, NULL);
  g_assert_cmpint (ranah_store_submit_request (w->store, big, pdf, &error), ==, 0);
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "full"));
  g_clear_error (&error);
  raw_exec (db, "PRAGMA max_page_count = 1073741823");
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM requests"), ==, n_requests);

  /* A store that may not be written. */
  raw_exec (db, "PRAGMA query_only = 1");
  g_assert_cmpint (ranah_store_submit_request (w->store, big, NULL, &error), ==, 0);
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);
  raw_exec (db, "PRAGMA query_only = 0");

  if (geteuid () != 0)
    {
      g_autofree char *path = g_strdup (path_of (w->uri));
      g_clear_object (&w->store);
      g_clear_pointer (&w->connections, g_hash_table_unref);
      w->connections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      g_assert_cmpint (g_chmod (path, 0444), ==, 0);
      open_expecting (path, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE);
      g_chmod (path, 0644);
    }
}

/* The store on a real tiny file system (a tmpfs of 768 KiB, mounted when the test may). */
static void
test_disk_full_tmpfs (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ranah-full-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "full.db", NULL);
  g_autofree char *mount_cmd = g_strdup_printf ("mount -t tmpfs -o size=768k tmpfs %s", dir);
  g_autofree char *umount_cmd = g_strdup_printf ("umount -l %s", dir);
  g_autoptr(RanahStore) store = NULL;
  g_autoptr(RanahUser) admin = ranah_user_new ();
  g_autoptr(RanahOpd) opd = ranah_opd_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  StoreWorld names = { 0 };
  guint stored = 0;
  int status = 0;

  if (geteuid () != 0
      || !g_spawn_command_line_sync (mount_cmd, NULL, NULL, &status, NULL)
      || !g_spawn_check_wait_status (status, NULL))
    {
      g_test_skip ("cannot mount a tmpfs here");
      g_rmdir (dir);
      return;
    }

  store = open_expecting (path, 0, 0);
  g_free (admin->username);
  admin->username = g_strdup ("admin");
  admin->role = RANAH_ROLE_ADMIN;
  g_assert_true (ranah_store_initialize (store, admin, STORE_FIXTURE_PASSWORD, &error));
  g_assert_true (ranah_store_sign_in (store, "admin", STORE_FIXTURE_PASSWORD, &error));
  g_free (opd->code);
  opd->code = g_strdup ("DINKES");
  g_free (opd->name);
  opd->name = g_strdup ("Dinas Kesehatan");
  names.opd_id = ranah_store_add_opd (store, opd, &error);
  g_assert_no_error (error);

  /* DKISP staff register paper letters of 100 KiB until the disk is full. */
  {
    g_autoptr(RanahUser) staf = ranah_user_new ();
    g_free (staf->username);
    staf->username = g_strdup ("staf");
    staf->role = RANAH_ROLE_STAF;
    g_assert_cmpint (ranah_store_add_user (store, staf, STORE_FIXTURE_PASSWORD, &error), >, 0);
    g_assert_true (ranah_store_sign_in (store, "staf", STORE_FIXTURE_PASSWORD, &error));
  }
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(RanahRequest) r = store_world_request (&names, NULL);
      g_autoptr(GBytes) pdf = store_fixture_pdf (100 * 1024);

      if (ranah_store_submit_request (store, r, pdf, &error) == 0)
        break;
      stored++;
    }
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE);
  g_test_message ("after %u requests: %s", stored, error->message);
  g_assert_nonnull (strstr (error->message, "full"));
  g_clear_error (&error);
  g_assert_cmpuint (stored, >, 0);

  /* What was stored is whole; the failed request left nothing behind. */
  list = ranah_store_list_requests (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, stored);
  g_assert_true (ranah_store_verify_audit (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = open_expecting (path, 0, 0);
  g_assert_true (ranah_store_sign_in (store, "admin", STORE_FIXTURE_PASSWORD, &error));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = ranah_store_list_requests (store, NULL, &error);
  g_assert_cmpuint (list->len, ==, stored);
  g_clear_object (&store);

  g_assert_true (g_spawn_command_line_sync (umount_cmd, NULL, NULL, &status, NULL));
  g_rmdir (dir);
}

static void
tamper (StoreWorld *w,
        const char *sql)
{
  sqlite3 *db = raw_open (path_of (w->uri));

  raw_exec (db, "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;");
  raw_exec (db, sql);
  sqlite3_close (db);
}

static void
assert_audit_broken (StoreWorld *w,
                     const char *why)
{
  g_autoptr(GError) error = NULL;

  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  g_assert_false (ranah_store_verify_audit (w->store, &error));
  g_assert_nonnull (error);
  g_test_message ("%s: %s", why, error->message);
}

static void
test_audit_tamper (void)
{
  g_autoptr(GError) error = NULL;

  /* The triggers refuse edits through SQL. */
  {
    g_autoptr(StoreWorld) w = store_world_new ();
    sqlite3 *db = raw_open (path_of (w->uri));
    store_world_request_in (w, RANAH_STATE_AT_STAF, FALSE);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE events SET note = 'x' WHERE seq = 3", NULL, NULL,
                                   NULL), ==, SQLITE_CONSTRAINT);
    g_assert_cmpint (sqlite3_exec (db, "DELETE FROM events WHERE seq = 3", NULL, NULL, NULL),
                     ==, SQLITE_CONSTRAINT);
    sqlite3_close (db);
    store_world_sign_in (w, RANAH_ROLE_ADMIN);
    g_assert_true (ranah_store_verify_audit (w->store, &error));
    g_assert_no_error (error);
  }
  /* Edited. */
  {
    g_autoptr(StoreWorld) w = store_world_new ();
    store_world_request_in (w, RANAH_STATE_AT_STAF, FALSE);
    tamper (w, "UPDATE events SET username = 'kabid' WHERE seq = 11");
    assert_audit_broken (w, "edited");
  }
  /* Inserted (the later events renumbered to make room). */
  {
    g_autoptr(StoreWorld) w = store_world_new ();
    store_world_request_in (w, RANAH_STATE_AT_STAF, FALSE);
    tamper (w, "UPDATE events SET seq = seq + 1000 WHERE seq >= 11;"
               "UPDATE events SET seq = seq - 999 WHERE seq >= 1000;"
               "INSERT INTO events (seq, at, user_id, username, request_id, step, action, "
               "from_state, to_state, note, prev_hash, hash) SELECT 11, at, user_id, username, "
               "request_id, step, action, from_state, to_state, 'sisipan', hash, hash "
               "FROM events WHERE seq = 10");
    assert_audit_broken (w, "inserted");
  }
  /* Deleted, in the middle and at the end. */
  {
    g_autoptr(StoreWorld) w = store_world_new ();
    store_world_request_in (w, RANAH_STATE_AT_STAF, FALSE);
    tamper (w, "DELETE FROM events WHERE seq = 10");
    assert_audit_broken (w, "deleted");
  }
}

static void
test_password_and_lockout (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  sqlite3 *db = RANAH_SQLITE_STORE (w->store)->db;
  sqlite3_stmt *stmt = NULL;
  guint n_failed = 0, n_locked = 0;

  sqlite3_prepare_v2 (db, "SELECT password_hash FROM users", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_assert_true (g_str_has_prefix ((const char *) sqlite3_column_text (stmt, 0), "$argon2id$"));
  sqlite3_finalize (stmt);

  g_assert_true (ranah_store_set_profile (w->store, RANAH_PROFILE_MAX_LOGIN_FAILURES, "3", &error));
  g_assert_true (ranah_store_set_profile (w->store, RANAH_PROFILE_LOCKOUT_MINUTES, "10", &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 3; i++)
    {
      g_assert_false (ranah_store_sign_in (w->store, "kadis", "tebakan-salah", &error));
      g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_AUTH);
      if (i == 2)
        g_assert_nonnull (strstr (error->message, "locked"));
      g_clear_error (&error);
    }
  /* Locked: even the right password is refused for ten minutes. */
  g_assert_false (ranah_store_sign_in (w->store, "kadis", STORE_FIXTURE_PASSWORD, &error));
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "locked"));
  g_clear_error (&error);
  ranah_store_set_now (w->store, w->now + 11 * 60);
  g_assert_true (ranah_store_sign_in (w->store, "kadis", STORE_FIXTURE_PASSWORD, &error));
  g_assert_no_error (error);

  /* A new password works, the old one not. */
  g_assert_true (ranah_store_set_password (w->store, w->user_ids[RANAH_ROLE_KADIS],
                                           "kata-sandi-baru", &error));
  g_assert_no_error (error);
  g_assert_false (ranah_store_set_password (w->store, w->user_ids[RANAH_ROLE_STAF],
                                            "kata-sandi-baru", &error));
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (ranah_store_sign_in (w->store, "kadis", STORE_FIXTURE_PASSWORD, &error));
  g_clear_error (&error);
  g_assert_true (ranah_store_sign_in (w->store, "kadis", "kata-sandi-baru", &error));

  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  events = ranah_store_list_events (w->store, 0, &error);
  for (guint i = 0; i < events->len; i++)
    {
      RanahEvent *e = g_ptr_array_index (events, i);
      g_assert_null (strstr (e->note, "tebakan-salah"));
      g_assert_null (strstr (e->note, "kata-sandi-baru"));
      g_assert_null (strstr (e->note, STORE_FIXTURE_PASSWORD));
      if (g_str_equal (e->action, "auth:sign-in-failed"))
        n_failed++;
      if (g_str_equal (e->action, "auth:sign-in-locked"))
        n_locked++;
    }
  g_assert_cmpuint (n_failed, ==, 3);  /* two before the lock, one with the old password */
  g_assert_cmpuint (n_locked, ==, 2);  /* the third failure, and the try while locked */
  g_assert_true (ranah_store_verify_audit (w->store, &error));
  g_assert_no_error (error);
}

static void
test_backup (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ranah-backup-XXXXXX", NULL);
  g_autofree char *dest = g_build_filename (dir, "copy.db", NULL);
  g_autoptr(RanahStore) copy = NULL;
  g_autoptr(GPtrArray) list = NULL;

  store_world_request_in (w, RANAH_STATE_AT_KABID, FALSE);
  g_assert_true (ranah_sqlite_store_backup (RANAH_SQLITE_STORE (w->store), dest, &error));
  g_assert_no_error (error);
  copy = open_expecting (dest, 0, 0);
  g_assert_true (ranah_store_sign_in (copy, "admin", STORE_FIXTURE_PASSWORD, &error));
  list = ranah_store_list_requests (copy, NULL, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (ranah_store_verify_audit (copy, &error));
  g_assert_no_error (error);
}

int
main (int argc, char *argv[])
{
  g_setenv ("RANAH_TEST_FAST_PWHASH", "1", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ranah/store/sqlite/open/creates-file-and-folder", test_creates_file_and_dir);
  g_test_add_func ("/ranah/store/sqlite/migration/from-v1", test_migrate_from_v1);
  g_test_add_func ("/ranah/store/sqlite/migration/newer-version-refused", test_newer_version_refused);
  g_test_add_func ("/ranah/store/sqlite/fault/corrupt-file", test_corrupt_files);
  g_test_add_func ("/ranah/store/sqlite/fault/read-only-and-full", test_read_only_and_full);
  g_test_add_func ("/ranah/store/sqlite/fault/disk-full-tmpfs", test_disk_full_tmpfs);
  g_test_add_func ("/ranah/store/sqlite/audit/tamper-detected", test_audit_tamper);
  g_test_add_func ("/ranah/store/sqlite/auth/argon2id-lockout", test_password_and_lockout);
  g_test_add_func ("/ranah/store/sqlite/backup", test_backup);
  g_test_add_func ("/ranah/store/sqlite/threads/one-store-many-threads",
                   test_one_store_many_threads);
  g_test_add_func ("/ranah/store/sqlite/open/network-fs-rollback-journal", test_network_fs);
  g_test_add_func ("/ranah/store/sqlite/watch/other-connection", test_watch);

  return g_test_run ();
}
