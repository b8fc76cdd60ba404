/* test-entry-lookup.c — the registry entry of a request, found by index, for any backend
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ranah_store_find_entry_for_request() replaced the letter layer's listing of the registry
 * with the FQDN as search text, scanned for the request's own entry and then for the same
 * FQDN. Each case checks the new call against that listing (list_and_scan below, the old
 * code kept as the reference) as well as against what it should find. Backend-neutral like
 * test-store.c: tests/pg/meson.build runs it again on PostgreSQL.
 */
#include "config.h"

#include <sqlite3.h>

#include "store-fixture.h"
#include "ranah-postgres-store.h"
#include "ranah-sqlite-private.h"

/* The letter layer's find_entry() before the store could look an entry up: an empty entry
 * (id 0) when there is none. */
static RanahEntry *
list_and_scan (RanahStore         *store,
               const RanahRequest *request)
{
  RanahEntryFilter filter = { request->fqdn, 0, -1 };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = ranah_store_list_entries (store, &filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      RanahEntry *entry = g_ptr_array_index (entries, i);

      if (entry->request_id == request->id)
        return ranah_entry_copy (entry);
    }
  for (guint i = 0; i < entries->len; i++)
    {
      RanahEntry *entry = g_ptr_array_index (entries, i);

      if (g_ascii_strcasecmp (entry->fqdn, request->fqdn) == 0)
        return ranah_entry_copy (entry);
    }
  return ranah_entry_new ();
}

/* What the letter of request @id would name, the new way and the old way: the same entry,
 * whose id is returned (0: none, and then the new call said NOT_FOUND). */
static gint64
find_both_ways (StoreWorld *w,
                gint64      id)
{
  g_autoptr(RanahRequest) request = store_world_get (w, id);
  g_autoptr(RanahEntry) old_way = list_and_scan (w->store, request);
  g_autoptr(RanahEntry) found = NULL;
  g_autoptr(GError) error = NULL;

  found = ranah_store_find_entry_for_request (w->store, request->id, request->fqdn, &error);
  if (found == NULL)
    {
      g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND);
      g_assert_cmpint (old_way->id, ==, 0);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, old_way->id);
  g_assert_cmpint (found->request_id, ==, old_way->request_id);
  g_assert_cmpstr (found->fqdn, ==, old_way->fqdn);
  g_assert_cmpstr (found->opd_name, ==, old_way->opd_name);
  g_assert_cmpint (found->version, ==, old_way->version);
  g_assert_cmpuint (found->records->len, ==, old_way->records->len);
  g_assert_cmpuint (found->records->len, >, 0);
  return found->id;
}

/* Imports one entry @name for the first OPD as the Sub Koordinator; returns its id. */
static gint64
import_entry (StoreWorld *w,
              const char *name)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_entry_free);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  RanahEntryFilter filter = { name, 0, RANAH_ENTRY_ACTIVE };
  RanahEntry *e = ranah_entry_new ();

  g_free (e->name);
  e->name = g_strdup (name);
  e->opd_id = w->opd_id;
  g_ptr_array_add (e->records, ranah_record_new (RANAH_RECORD_A, "", "103.20.30.40"));
  g_ptr_array_add (entries, e);
  store_world_sign_in (w, RANAH_ROLE_SUBKOOR);
  g_assert_true (ranah_store_import_entries (w->store, entries, &problems, &error));
  g_assert_no_error (error);
  listed = ranah_store_list_entries (w->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  return ((RanahEntry *) g_ptr_array_index (listed, 0))->id;
}

/* Revokes entry @id, freeing its name for a new request. */
static void
revoke_entry (StoreWorld *w,
              gint64      id)
{
  g_autoptr(RanahEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  store_world_sign_in (w, RANAH_ROLE_SUBKOOR);
  entry = ranah_store_get_entry (w->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (ranah_store_set_entry_status (w->store, id, entry->version,
                                               RANAH_ENTRY_REVOKED, "Tidak dipakai lagi",
                                               &error));
  g_assert_no_error (error);
}

/* Request @name of the first OPD, moved along the approving path until its draft is
 * written (step 7), which records its registry entry. */
static gint64
drafted_request (StoreWorld *w,
                 const char *name)
{
  static const struct { RanahAction action; RanahRole role; } path[] = {
    { RANAH_ACTION_DISPOSE_TO_KABID, RANAH_ROLE_KADIS },
    { RANAH_ACTION_DISPOSE_TO_SUBKOOR, RANAH_ROLE_KABID },
    { RANAH_ACTION_DISPOSE_TO_STAF, RANAH_ROLE_SUBKOOR },
    { RANAH_ACTION_CREATE, RANAH_ROLE_STAF },
    { RANAH_ACTION_REPORT, RANAH_ROLE_STAF },
    { RANAH_ACTION_DRAFT, RANAH_ROLE_SUBKOOR },
  };
  gint64 id = store_world_submit (w, name, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (path); i++)
    store_world_move (w, id, path[i].action, path[i].role);
  return id;
}

static void
assert_not_found (RanahStore *store,
                  gint64      request_id,
                  const char *fqdn)
{
  g_autoptr(RanahEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  entry = ranah_store_find_entry_for_request (store, request_id, fqdn, &error);
  g_assert_null (entry);
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND);
}

static void
test_by_request (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(RanahEntry) found = NULL;
  g_autoptr(GError) error = NULL;
  gint64 old_id, id, entry_id;

  /* An older entry of the same FQDN, revoked and listed first (same name, lower id): the
   * request's own entry must still win. */
  old_id = import_entry (w, "layanan");
  revoke_entry (w, old_id);
  id = drafted_request (w, "layanan");

  store_world_sign_in (w, RANAH_ROLE_KABID);
  entry_id = find_both_ways (w, id);
  g_assert_cmpint (entry_id, !=, 0);
  g_assert_cmpint (entry_id, !=, old_id);

  found = ranah_store_find_entry_for_request (w->store, id, "layanan.tarakankota.go.id", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, entry_id);
  g_assert_cmpint (found->request_id, ==, id);
  g_assert_cmpint (found->status, ==, RANAH_ENTRY_ACTIVE);
  g_assert_cmpint (found->opd_id, ==, w->opd_id);
  g_assert_cmpstr (found->name, ==, "layanan");
  g_assert_cmpstr (found->activated_on, ==, "2026-03-02");
  g_assert_cmpuint (found->records->len, ==, 1);
  g_clear_pointer (&found, ranah_entry_free);

  /* The request alone finds it too, whatever FQDN is passed. */
  found = ranah_store_find_entry_for_request (w->store, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, entry_id);
  g_clear_pointer (&found, ranah_entry_free);
  found = ranah_store_find_entry_for_request (w->store, id, "lain.tarakankota.go.id", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, entry_id);
}

static void
test_by_fqdn (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(RanahEntry) found = NULL;
  g_autoptr(GError) error = NULL;
  gint64 imported, revoked, id;

  /* Two entries of one FQDN from the agency's old list, neither the request's, both
   * revoked (a live one would hold the name and the request could not be made), and one
   * whose name only contains the text. */
  revoked = import_entry (w, "arsip");
  revoke_entry (w, revoked);
  imported = import_entry (w, "arsip");
  revoke_entry (w, imported);
  import_entry (w, "arsip-lama");

  /* A request for the name, refused: it never gets an entry of its own. */
  id = store_world_submit (w, "arsip", TRUE);
  store_world_move (w, id, RANAH_ACTION_DECLINE, RANAH_ROLE_KADIS);

  store_world_sign_in (w, RANAH_ROLE_KADIS);
  /* The first of the same FQDN in the registry's order (name, then id): the older one. */
  g_assert_cmpint (find_both_ways (w, id), ==, revoked);

  found = ranah_store_find_entry_for_request (w->store, 0, "ARSIP.TarakanKota.go.id", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, revoked);
  g_assert_cmpstr (found->fqdn, ==, "arsip.tarakankota.go.id");
  g_assert_cmpint (found->request_id, ==, 0);
  g_assert_cmpint (found->status, ==, RANAH_ENTRY_REVOKED);
  g_assert_cmpuint (found->records->len, ==, 1);
  g_clear_pointer (&found, ranah_entry_free);

  /* A request id that has no entry falls through to the FQDN. */
  found = ranah_store_find_entry_for_request (w->store, id + 1000, "arsip.tarakankota.go.id",
                                              &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, revoked);
}

static void
test_none (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  gint64 submitted, refused;

  import_entry (w, "peta");
  submitted = store_world_submit (w, "pajak", TRUE);
  refused = store_world_request_in (w, RANAH_STATE_DRAFTED, TRUE);

  store_world_sign_in (w, RANAH_ROLE_KADIS);
  g_assert_cmpint (find_both_ways (w, submitted), ==, 0);
  g_assert_cmpint (find_both_ways (w, refused), ==, 0);
  assert_not_found (w->store, 0, NULL);
  assert_not_found (w->store, 0, "");
  assert_not_found (w->store, 424242, "tidak-ada.tarakankota.go.id");
  /* Exact, not a search: part of a name is not the name. */
  assert_not_found (w->store, 0, "pet.tarakankota.go.id");
  assert_not_found (w->store, 0, "peta.tarakankota");
}

static void
test_visibility (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(RanahStore) nobody = NULL;
  g_autoptr(RanahEntry) found = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  RanahEntryFilter filter = { "visa.tarakankota.go.id", 0, -1 };
  gint64 id, entry_id;

  id = drafted_request (w, "visa");
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  entry_id = find_both_ways (w, id);
  g_assert_cmpint (entry_id, !=, 0);

  /* The requesting OPD sees its entry, by request and by name. */
  store_world_sign_in (w, RANAH_ROLE_OPD);
  g_assert_cmpint (find_both_ways (w, id), ==, entry_id);
  found = ranah_store_find_entry_for_request (w->store, 0, filter.text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, entry_id);
  g_clear_pointer (&found, ranah_entry_free);

  /* Another OPD's user: the listing shows nothing, so the lookup finds nothing (not a
   * refusal, which would tell that the entry exists). */
  store_world_sign_in_as (w, "opd2");
  listed = ranah_store_list_entries (w->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 0);
  assert_not_found (w->store, id, filter.text);
  assert_not_found (w->store, 0, filter.text);
  assert_not_found (w->store, id, NULL);

  /* Nobody signed in: refused, as the listing is. */
  nobody = store_fixture_open_uri (w->uri);
  g_assert_null (ranah_store_list_entries (nobody, &filter, &error));
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (ranah_store_find_entry_for_request (nobody, id, filter.text, &error));
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  /* Text that is not text is refused before any backend sees it, as a search is. */
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  g_assert_null (ranah_store_find_entry_for_request (w->store, 0, "visa\xff.tarakankota.go.id",
                                                     &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
}

/* A store from before the index, holding an FQDN written in capitals by hand: upgrading
 * folds it, and the lookup finds it. */
static void
test_upgrade_folds (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(RanahStore) upgraded = NULL;
  g_autoptr(RanahEntry) found = NULL;
  g_autoptr(GError) error = NULL;
  gint64 entry_id = import_entry (w, "lama");

  store_world_raw_exec (w,
            /* Back to migration 3: the index goes, and migration 5's audit columns,
             * migration 6's received_at, migration 7's proofs and migration 8's letter
             * audit head too. */
            "DROP INDEX entries_fqdn; UPDATE entries SET fqdn = upper (fqdn); "
            "DROP INDEX events_chain; DROP TABLE chain_heads; "
            "ALTER TABLE events DROP COLUMN version; ALTER TABLE events DROP COLUMN chain; "
            "ALTER TABLE events DROP COLUMN chain_seq; ALTER TABLE events DROP COLUMN state; "
            "ALTER TABLE requests DROP COLUMN received_at; "
            "ALTER TABLE records DROP COLUMN proof_server; "
            "ALTER TABLE records DROP COLUMN proof_serial; "
            "ALTER TABLE records DROP COLUMN proof_answer; "
            "ALTER TABLE records DROP COLUMN proof_at; "
            "ALTER TABLE entry_records DROP COLUMN proof_server; "
            "ALTER TABLE entry_records DROP COLUMN proof_serial; "
            "ALTER TABLE entry_records DROP COLUMN proof_answer; "
            "ALTER TABLE entry_records DROP COLUMN proof_at; "
            "ALTER TABLE letters DROP COLUMN audit_seq; "
            "ALTER TABLE letters DROP COLUMN audit_hash; "
            "PRAGMA user_version = 3;",
            "DROP INDEX ranah.entries_fqdn; UPDATE ranah.entries SET fqdn = upper (fqdn); "
            "DELETE FROM ranah.schema_version WHERE version >= 3;");
  if (store_fixture_is_sqlite ())
    upgraded = store_fixture_open_uri (w->uri);
  else
    {
      g_assert_true (ranah_postgres_store_install (w->uri, &error));
      g_assert_no_error (error);
      upgraded = store_fixture_open_uri (w->uri);
    }
  g_assert_true (ranah_store_sign_in (upgraded, "kadis", STORE_FIXTURE_PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ranah_store_schema_version (upgraded), ==,
                    store_fixture_is_sqlite () ? RANAH_SQLITE_SCHEMA_VERSION
                                               : RANAH_POSTGRES_SCHEMA_VERSION);
  found = ranah_store_find_entry_for_request (upgraded, 0, "Lama.Tarakankota.Go.Id", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, entry_id);
  g_assert_cmpstr (found->fqdn, ==, "lama.tarakankota.go.id");
}

int
main (int argc, char *argv[])
{
  g_setenv ("RANAH_TEST_FAST_PWHASH", "1", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ranah/store/find-entry/by-request", test_by_request);
  g_test_add_func ("/ranah/store/find-entry/by-fqdn", test_by_fqdn);
  g_test_add_func ("/ranah/store/find-entry/none", test_none);
  g_test_add_func ("/ranah/store/find-entry/visibility", test_visibility);
  g_test_add_func ("/ranah/store/find-entry/upgrade-folds-fqdn", test_upgrade_folds);

  return g_test_run ();
}
