/* test-audit-state.c — the audit trail proves the state the tables hold
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case edits the store past Ranah, as someone with the file (SQLite) or the schema
 * owner's login (PostgreSQL) could, and checks that audit verify names what was changed.
 * Runs on SQLite here and on PostgreSQL from tests/pg/meson.build.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "store-fixture.h"

/* A request the whole way through (a registry entry, a signed letter) and one waiting at
 * step 3. */
typedef struct {
  StoreWorld *w;
  gint64      done;
  gint64      open;
} Office;

static void
office_init (Office *o)
{
  o->w = store_world_new ();
  o->done = store_world_request_in (o->w, RANAH_STATE_DONE, FALSE);
  o->open = store_world_request_in (o->w, RANAH_STATE_AT_KABID, FALSE);
  store_world_sign_in (o->w, RANAH_ROLE_ADMIN);
}

static void
office_clear (Office *o)
{
  store_world_free (o->w);
}

/* Verifies as admin; the problems found, one sentence each. */
static GPtrArray *
problems_of (StoreWorld *w,
             const char *anchor)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *problems = NULL;
  gboolean ok;

  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  ok = ranah_store_verify_audit_full (w->store, anchor, &problems, &error);
  g_assert_nonnull (problems);
  g_assert_true (ok == (problems->len == 0));
  g_assert_true (ok == (error == NULL));
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (problems, i));
  return problems;
}

static gboolean
mentions (GPtrArray  *problems,
          const char *a,
          const char *b)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const char *p = g_ptr_array_index (problems, i);

      if (strstr (p, a) != NULL && (b == NULL || strstr (p, b) != NULL))
        return TRUE;
    }
  return FALSE;
}

static void
test_intact (void)
{
  Office o;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  office_init (&o);
  problems = problems_of (o.w, NULL);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_true (ranah_store_verify_audit (o.w->store, &error));
  g_assert_no_error (error);
  office_clear (&o);
}

/* The three: a registry record's target, a request's state, a deleted tail. */
static void
test_edited_record (void)
{
  Office o;
  g_autoptr(GPtrArray) problems = NULL;

  office_init (&o);
  store_world_raw_exec (o.w, "UPDATE entry_records SET target = '6.6.6.6'",
                        "UPDATE ranah.entry_records SET target = '6.6.6.6'");
  problems = problems_of (o.w, NULL);
  g_assert_cmpuint (problems->len, >=, 1);
  /* Named, with both values: the fixture's records point at 103.20.30.40. */
  g_assert_true (mentions (problems, "entry-record", "“6.6.6.6” in the store"));
  g_assert_true (mentions (problems, "entry-record", "103."));
  office_clear (&o);
}

static void
test_edited_state (void)
{
  Office o;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *sqlite_sql = NULL, *pg_sql = NULL, *row = NULL;

  office_init (&o);
  sqlite_sql = g_strdup_printf ("UPDATE requests SET state = 'submitted' WHERE id = %" G_GINT64_FORMAT,
                                o.done);
  pg_sql = g_strdup_printf ("UPDATE ranah.requests SET state = 'submitted' WHERE id = %" G_GINT64_FORMAT,
                            o.done);
  store_world_raw_exec (o.w, sqlite_sql, pg_sql);
  problems = problems_of (o.w, NULL);
  row = g_strdup_printf ("request %" G_GINT64_FORMAT " ", o.done);
  g_assert_true (mentions (problems, row, "state is “submitted” in the store, “done” in the audit"));
  office_clear (&o);
}

static void
test_inserted_row (void)
{
  Office o;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *sqlite_sql = NULL, *pg_sql = NULL;

  office_init (&o);
  sqlite_sql = g_strdup_printf ("INSERT INTO records (request_id, type, host, target) VALUES (%"
                                G_GINT64_FORMAT ", 'A', 'x', '203.0.113.66')", o.open);
  pg_sql = g_strdup_printf ("INSERT INTO ranah.records (request_id, type, host, target) VALUES (%"
                            G_GINT64_FORMAT ", 'A', 'x', '203.0.113.66')", o.open);
  store_world_raw_exec (o.w, sqlite_sql, pg_sql);
  problems = problems_of (o.w, NULL);
  g_assert_true (mentions (problems, "record", "is in the store but not in the audit trail"));
  office_clear (&o);
}

static void
test_deleted_tail (void)
{
  Office o;
  g_autoptr(GPtrArray) problems = NULL;

  office_init (&o);
  store_world_raw_exec (o.w,
                        "DROP TRIGGER events_no_delete; "
                        "DELETE FROM events WHERE seq = (SELECT max (seq) FROM events);",
                        "ALTER TABLE ranah.events DISABLE TRIGGER events_append_only; "
                        "DELETE FROM ranah.events WHERE seq = (SELECT max (seq) FROM ranah.events);");
  problems = problems_of (o.w, NULL);
  g_assert_true (mentions (problems, "the events after it were deleted", NULL));
  office_clear (&o);
}

/* The same store, from an older copy: every chain and table agrees with itself, only the
 * anchor an administrator kept outside shows what is gone. */
static char *
older_copy_uri (StoreWorld *w,
                const char *dir)
{
  g_autoptr(GError) error = NULL;

  if (store_fixture_is_sqlite ())
    {
      g_autofree char *copy = g_build_filename (dir, "older.db", NULL);
      g_autofree char *sql = g_strdup_printf ("VACUUM INTO '%s'", copy);

      /* A consistent copy, the write-ahead log's pages included. */
      store_world_raw_exec (w, sql, NULL);
      return g_strconcat ("sqlite:", copy, NULL);
    }
  else
    {
      g_autofree char *dump = g_build_filename (dir, "older.dump", NULL);
      g_autofree char *pg_dump = g_build_filename (g_getenv ("RANAH_TEST_PG_BINDIR"), "pg_dump",
                                                   NULL);
      const char *argv[] = { pg_dump, "--format=custom", "-f", dump, "-d", w->uri, NULL };
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                                   NULL, NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      return g_steal_pointer (&dump);
    }
}

static RanahStore *
restore (StoreWorld *w,
         const char *older)
{
  g_autoptr(GError) error = NULL;
  RanahStore *store;

  /* The older copy, where the store was. */
  if (store_fixture_is_sqlite ())
    store = store_fixture_open_uri (older);
  else
    {
      /* Into a new database of the same server: the logins are the cluster's. */
      g_autofree char *fresh = store_fixture_fresh_uri ();
      g_autofree char *pg_restore = g_build_filename (g_getenv ("RANAH_TEST_PG_BINDIR"),
                                                      "pg_restore", NULL);
      const char *argv[] = { pg_restore, "-d", fresh, older, NULL };
      g_autofree char *err = NULL;
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                                   NULL, NULL, &err, &status, &error));
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("pg_restore: %s", err);
      store = store_fixture_open_uri (fresh);
    }
  g_assert_true (ranah_store_sign_in (store, "admin", STORE_FIXTURE_PASSWORD, &error));
  g_assert_no_error (error);
  return store;
}

static void
test_anchor_catches_rollback (void)
{
  Office o;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(RanahStore) older = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ranah-anchor-XXXXXX", &error);
  g_autofree char *copy = NULL, *anchor = NULL, *row = NULL;

  g_assert_no_error (error);
  office_init (&o);
  copy = older_copy_uri (o.w, dir);

  /* Later: a disposition, then an anchor of the store as it is now. */
  store_world_move (o.w, o.open, RANAH_ACTION_DISPOSE_TO_SUBKOOR, RANAH_ROLE_KABID);
  store_world_sign_in (o.w, RANAH_ROLE_ADMIN);
  anchor = ranah_store_audit_anchor (o.w->store, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (anchor, "Ranah audit anchor v1\n"));
  problems = problems_of (o.w, anchor);
  g_assert_cmpuint (problems->len, ==, 0);

  /* Only administrators anchor. */
  store_world_sign_in (o.w, RANAH_ROLE_KADIS);
  g_assert_null (ranah_store_audit_anchor (o.w->store, &error));
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  /* The older copy put back verifies on its own, but not against the anchor. */
  older = restore (o.w, copy);
  g_assert_true (ranah_store_verify_audit (older, &error));
  g_assert_no_error (error);
  g_assert_false (ranah_store_verify_audit_full (older, anchor, &found, &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
  row = g_strdup_printf ("of request %" G_GINT64_FORMAT " that the anchor names", o.open);
  g_assert_true (mentions (found, row, "rolled back"));
  g_assert_true (mentions (found, "office's chain that the anchor names", NULL));

  /* Not an anchor at all. */
  g_clear_error (&error);
  g_clear_pointer (&found, g_ptr_array_unref);
  g_assert_false (ranah_store_verify_audit_full (older, "hello\n", &found, &error));
  g_assert_true (mentions (found, "not an audit anchor", NULL));

  g_clear_object (&older);
  office_clear (&o);
  {
    g_autofree char *a = g_build_filename (dir, "older.db", NULL);
    g_autofree char *b = g_build_filename (dir, "older.dump", NULL);
    g_unlink (a);
    g_unlink (b);
    g_rmdir (dir);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("RANAH_TEST_FAST_PWHASH", "1", TRUE);

  g_test_add_func ("/ranah/store/audit-state/intact", test_intact);
  g_test_add_func ("/ranah/store/audit-state/edited-record", test_edited_record);
  g_test_add_func ("/ranah/store/audit-state/edited-state", test_edited_state);
  g_test_add_func ("/ranah/store/audit-state/inserted-row", test_inserted_row);
  g_test_add_func ("/ranah/store/audit-state/deleted-tail", test_deleted_tail);
  g_test_add_func ("/ranah/store/audit-state/anchor-catches-rollback",
                   test_anchor_catches_rollback);
  return g_test_run ();
}
