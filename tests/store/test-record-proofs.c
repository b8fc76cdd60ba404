/* test-record-proofs.c — step 5 is proven by DNS: a record counts as created only with a
 * proof that the zone's authoritative server answers it
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The proofs here are what ranah-cli dns provision / verify would send after their queries
 * (tests/dns asks a real named); the store checks their consistency: who sends them, when,
 * for which record, and that the answer is the record's target. Runs on SQLite here and on
 * PostgreSQL from tests/pg/meson.build, once more there with the C pre-checks switched off
 * (RANAH_TEST_SERVER_CHECKS_ONLY), so that the server's own checks are the ones tested.
 */
#include "config.h"

#include <string.h>

#include "store-fixture.h"

#define DAY 86400

/* Copies of @id's records with the proofs a server would give, or @wrong for all. */
static GPtrArray *
proofs_for (StoreWorld *w,
            gint64      id,
            const char *wrong)
{
  g_autoptr(RanahRequest) r = store_world_get (w, id);
  GPtrArray *proofs = ranah_records_copy (r->records);

  for (guint i = 0; i < proofs->len; i++)
    {
      RanahRecord *proof = g_ptr_array_index (proofs, i);

      g_free (proof->proof_server);
      proof->proof_server = g_strdup ("192.0.2.53:5353");
      proof->proof_serial = 2026030207;
      g_free (proof->proof_answer);
      proof->proof_answer = wrong != NULL ? g_strdup (wrong) : store_world_answer (proof);
    }
  return proofs;
}

static gboolean
try_prove (StoreWorld  *w,
           RanahRole    role,
           gint64       id,
           GPtrArray   *proofs,
           GError     **error)
{
  store_world_sign_in (w, role);
  return ranah_store_record_proofs (w->store, id, proofs, error);
}

static void
assert_unproven (StoreWorld *w,
                 gint64      id)
{
  g_autoptr(RanahRequest) r = store_world_get (w, id);

  for (guint i = 0; i < r->records->len; i++)
    {
      const RanahRecord *record = g_ptr_array_index (r->records, i);

      g_assert_cmpint (record->proof_at, ==, 0);
      g_assert_null (record->proof_server);
      g_assert_null (record->proof_answer);
      g_assert_false (record->created);
    }
}

static void
assert_audit_intact (StoreWorld *w)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  if (!ranah_store_verify_audit_full (w->store, NULL, &problems, &error))
    for (guint i = 0; i < problems->len; i++)
      g_test_message ("%s", (const char *) g_ptr_array_index (problems, i));
  g_assert_no_error (error);
}

/* 'create' with nothing seen in DNS is refused, with the sentence that says how to prove
 * it, and stores nothing. */
static void
test_create_needs_dns (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahRequest) after = NULL;
  gint64 id = store_world_request_in (w, RANAH_STATE_AT_STAF, FALSE);
  guint n_events = store_world_n_events (w, id);
  g_autofree char *how = NULL;

  g_assert_false (store_world_try_move (w, id, RANAH_ACTION_CREATE, RANAH_ROLE_STAF, NULL,
                                        &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_INCOMPLETE);
  how = g_strdup_printf ("has not been seen in DNS yet; create it with “ranah-cli dns "
                         "provision %" G_GINT64_FORMAT "” or verify it with “ranah-cli dns "
                         "verify %" G_GINT64_FORMAT "”.", id, id);
  g_assert_nonnull (strstr (error->message, how));
  g_assert_nonnull (strstr (error->message, "The A record of "));
  g_assert_nonnull (strstr (error->message, "103.20.30.40"));
  g_assert_cmpuint (store_world_n_events (w, id), ==, n_events);
  after = store_world_get (w, id);
  g_assert_cmpint (after->state, ==, RANAH_STATE_AT_STAF);
  assert_unproven (w, id);
}

/* Only the assignee (staff), only at step 5 or 6, only the request's own records, only an
 * answer that is the record's target; all or nothing. */
static void
test_who_what_when (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  gint64 id = store_world_request_in (w, RANAH_STATE_AT_STAF, FALSE);
  gint64 early = store_world_request_in (w, RANAH_STATE_AT_SUBKOOR, FALSE);
  gint64 other = store_world_request_in (w, RANAH_STATE_SUBMITTED, FALSE);
  g_autoptr(GPtrArray) good = proofs_for (w, id, NULL);
  g_autoptr(GPtrArray) early_proofs = proofs_for (w, early, NULL);
  g_autoptr(GPtrArray) foreign = proofs_for (w, other, NULL);
  g_autoptr(GPtrArray) wrong = proofs_for (w, id, "6.6.6.6");
  g_autoptr(GPtrArray) mapped = proofs_for (w, id, "::ffff:103.20.30.40");
  g_autoptr(GPtrArray) blank_server = proofs_for (w, id, NULL);
  guint n_events = store_world_n_events (w, 0);

  /* Not staff. */
  for (RanahRole role = RANAH_ROLE_OPD; role < RANAH_N_ROLES; role++)
    {
      if (role == RANAH_ROLE_STAF)
        continue;
      g_assert_false (try_prove (w, role, id, good, &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
    }
  /* Not yet at step 5. */
  g_assert_false (try_prove (w, RANAH_ROLE_STAF, early, early_proofs, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* Another request's record. */
  g_assert_false (try_prove (w, RANAH_ROLE_STAF, id, foreign, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* An answer that is not the target, or not of its family. */
  g_assert_false (try_prove (w, RANAH_ROLE_STAF, id, wrong, &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message, "6.6.6.6"));
  g_clear_error (&error);
  g_assert_false (try_prove (w, RANAH_ROLE_STAF, id, mapped, &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
  g_clear_error (&error);
  /* No server named. */
  g_free (((RanahRecord *) g_ptr_array_index (blank_server, 0))->proof_server);
  ((RanahRecord *) g_ptr_array_index (blank_server, 0))->proof_server = g_strdup ("");
  g_assert_false (try_prove (w, RANAH_ROLE_STAF, id, blank_server, &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
  g_clear_error (&error);

  g_assert_cmpuint (store_world_n_events (w, 0), ==, n_events);
  assert_unproven (w, id);
  assert_unproven (w, early);
  assert_unproven (w, other);
  assert_audit_intact (w);
}

/* Names compare without case or a final dot, addresses as addresses, MX with its priority,
 * TXT exactly; all of a request's proofs or none. */
static void
test_answers (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahRequest) r = store_world_request (w, NULL);
  g_autoptr(GBytes) pdf = store_fixture_pdf (800);
  g_autoptr(GPtrArray) proofs = NULL;
  g_autoptr(RanahRequest) got = NULL;
  const char *answers[] = { "103.20.30.40", "2001:DF0:0:0::1", "WEB.Hosting.Example.COM",
                            "10 mx1.tarakankota.go.id.", "v=spf1 -all" };
  gint64 id;

  g_ptr_array_add (r->records, ranah_record_new (RANAH_RECORD_AAAA, "", "2001:df0::1"));
  g_ptr_array_add (r->records, ranah_record_new (RANAH_RECORD_CNAME, "www",
                                                 "web.hosting.example.com"));
  g_ptr_array_add (r->records, ranah_record_new (RANAH_RECORD_MX, "", "mx1.tarakankota.go.id"));
  ((RanahRecord *) g_ptr_array_index (r->records, 3))->priority = 10;
  g_ptr_array_add (r->records, ranah_record_new (RANAH_RECORD_TXT, "", "v=spf1 -all"));
  store_world_sign_in (w, RANAH_ROLE_OPD);
  id = ranah_store_submit_request (w->store, r, pdf, &error);
  g_assert_no_error (error);
  store_world_move (w, id, RANAH_ACTION_DISPOSE_TO_KABID, RANAH_ROLE_KADIS);
  store_world_move (w, id, RANAH_ACTION_DISPOSE_TO_SUBKOOR, RANAH_ROLE_KABID);
  store_world_move (w, id, RANAH_ACTION_DISPOSE_TO_STAF, RANAH_ROLE_SUBKOOR);

  /* One wrong among them (the MX's priority, the TXT's case): none is kept. */
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(GPtrArray) bad = proofs_for (w, id, NULL);

      for (guint i = 0; i < bad->len; i++)
        {
          RanahRecord *p = g_ptr_array_index (bad, i);

          g_free (p->proof_answer);
          p->proof_answer = g_strdup (answers[i]);
        }
      g_free (((RanahRecord *) g_ptr_array_index (bad, k == 0 ? 3 : 4))->proof_answer);
      ((RanahRecord *) g_ptr_array_index (bad, k == 0 ? 3 : 4))->proof_answer =
        g_strdup (k == 0 ? "20 mx1.tarakankota.go.id." : "V=SPF1 -ALL");
      g_assert_false (try_prove (w, RANAH_ROLE_STAF, id, bad, &error));
      g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
      g_clear_error (&error);
      assert_unproven (w, id);
    }

  proofs = proofs_for (w, id, NULL);
  for (guint i = 0; i < proofs->len; i++)
    {
      RanahRecord *p = g_ptr_array_index (proofs, i);

      g_free (p->proof_answer);
      p->proof_answer = g_strdup (answers[i]);
    }
  g_assert_true (try_prove (w, RANAH_ROLE_STAF, id, proofs, &error));
  g_assert_no_error (error);
  store_world_move (w, id, RANAH_ACTION_CREATE, RANAH_ROLE_STAF);
  got = store_world_get (w, id);
  g_assert_cmpint (got->state, ==, RANAH_STATE_CREATED);
  for (guint i = 0; i < got->records->len; i++)
    {
      const RanahRecord *record = g_ptr_array_index (got->records, i);

      g_assert_true (record->created);
      g_assert_true (ranah_record_is_proven (record));
    }
  assert_audit_intact (w);
}

/* Step 5 with every proof; its records are verified by them; step 6 is refused once a
 * proof no longer matches the record. */
static void
test_create_and_report (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) proofs = NULL;
  g_autoptr(RanahRequest) r = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 id = store_world_request_in (w, RANAH_STATE_AT_STAF, FALSE);
  gint64 second = store_world_request_in (w, RANAH_STATE_AT_STAF, FALSE);
  guint n_events = store_world_n_events (w, id);
  const RanahRecord *record;
  const RanahEvent *last;
  g_autofree char *sqlite_sql = NULL;
  g_autofree char *pg_sql = NULL;

  proofs = proofs_for (w, id, NULL);
  g_assert_true (try_prove (w, RANAH_ROLE_STAF, id, proofs, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (store_world_n_events (w, id), ==, n_events + 1);
  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  events = ranah_store_list_events (w->store, id, &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (events, events->len - 1);
  g_assert_cmpstr (last->action, ==, "record-proof");
  g_assert_cmpuint (last->step, ==, 5);
  g_assert_nonnull (strstr (last->note, "192.0.2.53:5353"));
  g_assert_nonnull (strstr (last->state, "\t192.0.2.53:5353\t2026030207\t103.20.30.40\t"));

  r = store_world_get (w, id);
  record = g_ptr_array_index (r->records, 0);
  g_assert_cmpstr (record->proof_server, ==, "192.0.2.53:5353");
  g_assert_cmpint (record->proof_serial, ==, 2026030207);
  g_assert_cmpstr (record->proof_answer, ==, "103.20.30.40");
  g_assert_cmpint (record->proof_at, ==, w->now);
  g_assert_false (record->created);
  g_clear_pointer (&r, ranah_request_free);

  g_assert_true (store_world_try_move (w, id, RANAH_ACTION_CREATE, RANAH_ROLE_STAF, NULL,
                                       &error));
  g_assert_no_error (error);
  r = store_world_get (w, id);
  record = g_ptr_array_index (r->records, 0);
  g_assert_true (record->created);
  g_assert_cmpstr (record->verified, ==, "103.20.30.40");
  g_clear_pointer (&r, ranah_request_free);
  assert_audit_intact (w);

  /* A proof that no longer matches (changed past Ranah): step 6 is refused. */
  store_world_move (w, second, RANAH_ACTION_CREATE, RANAH_ROLE_STAF);
  r = store_world_get (w, second);
  record = g_ptr_array_index (r->records, 0);
  sqlite_sql = g_strdup_printf ("UPDATE records SET proof_answer = '6.6.6.6' WHERE id = %"
                                G_GINT64_FORMAT, record->id);
  pg_sql = g_strdup_printf ("UPDATE ranah.records SET proof_answer = '6.6.6.6' WHERE id = %"
                            G_GINT64_FORMAT, record->id);
  store_world_raw_exec (w, sqlite_sql, pg_sql);
  g_assert_false (store_world_try_move (w, second, RANAH_ACTION_REPORT, RANAH_ROLE_STAF, NULL,
                                        &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (error->message, "has not been seen in DNS yet"));
  g_clear_error (&error);
  /* … until the staff member proves it again. */
  g_clear_pointer (&proofs, g_ptr_array_unref);
  proofs = proofs_for (w, second, NULL);
  g_assert_true (try_prove (w, RANAH_ROLE_STAF, second, proofs, &error));
  g_assert_no_error (error);
  store_world_move (w, second, RANAH_ACTION_REPORT, RANAH_ROLE_STAF);
}

/* The registry entry is active since the verification, not since step 5 or step 7, and
 * carries the proofs; a health check that passes renews them, one that fails keeps them. */
static void
test_active_since_and_checks (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(RanahEntry) entry = NULL;
  g_autoptr(RanahEntry) again = NULL;
  g_autoptr(GPtrArray) renewed = NULL;
  g_autoptr(GPtrArray) wrong = NULL;
  const RanahRecord *record;
  gint64 proven_at, id = store_world_request_in (w, RANAH_STATE_AT_STAF, FALSE);

  /* Verified on Monday (2026-03-02), created on Wednesday, drafted on Thursday. */
  store_world_prove (w, id);
  proven_at = w->now;
  store_world_set_now (w, w->now + 2 * DAY);
  g_assert_true (store_world_try_move (w, id, RANAH_ACTION_CREATE, RANAH_ROLE_STAF, NULL,
                                       &error));
  g_assert_no_error (error);
  store_world_move (w, id, RANAH_ACTION_REPORT, RANAH_ROLE_STAF);
  store_world_set_now (w, w->now + DAY);
  store_world_move (w, id, RANAH_ACTION_DRAFT, RANAH_ROLE_SUBKOOR);

  store_world_sign_in (w, RANAH_ROLE_SUBKOOR);
  entries = ranah_store_list_entries (w->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = ranah_entry_copy (g_ptr_array_index (entries, 0));
  g_assert_cmpstr (entry->activated_on, !=, "2026-03-05");
  g_assert_cmpstr (entry->activated_on, ==, "2026-03-02");
  g_assert_cmpuint (entry->records->len, ==, 1);
  record = g_ptr_array_index (entry->records, 0);
  g_assert_cmpstr (record->proof_server, ==, STORE_FIXTURE_DNS_SERVER);
  g_assert_cmpint (record->proof_serial, ==, STORE_FIXTURE_DNS_SERIAL);
  g_assert_cmpint (record->proof_at, ==, proven_at);

  /* A passing check a week later proves it again. */
  store_world_set_now (w, w->now + 7 * DAY);
  renewed = ranah_records_copy (entry->records);
  record = g_ptr_array_index (renewed, 0);
  ((RanahRecord *) record)->proof_serial = 2026031001;
  g_free (((RanahRecord *) record)->proof_server);
  ((RanahRecord *) record)->proof_server = g_strdup ("192.0.2.54:53");
  store_world_sign_in (w, RANAH_ROLE_STAF);
  g_assert_true (ranah_store_record_check_proofs (w->store, entry->id, TRUE, "resolves",
                                                  renewed, &error));
  g_assert_no_error (error);
  again = ranah_store_get_entry (w->store, entry->id, &error);
  g_assert_no_error (error);
  record = g_ptr_array_index (again->records, 0);
  g_assert_cmpint (record->proof_at, ==, w->now);
  g_assert_cmpint (record->proof_serial, ==, 2026031001);
  g_assert_cmpstr (record->proof_server, ==, "192.0.2.54:53");
  g_assert_true (again->last_check_ok);
  g_clear_pointer (&again, ranah_entry_free);

  /* A proof that does not match the entry's record is refused, and nothing changes. */
  wrong = ranah_records_copy (renewed);
  record = g_ptr_array_index (wrong, 0);
  g_free (((RanahRecord *) record)->proof_answer);
  ((RanahRecord *) record)->proof_answer = g_strdup ("6.6.6.6");
  store_world_set_now (w, w->now + DAY);
  g_assert_false (ranah_store_record_check_proofs (w->store, entry->id, TRUE, "resolves", wrong,
                                                   &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
  g_clear_error (&error);

  /* A failing check keeps the last proof and is marked failed. */
  g_assert_true (ranah_store_record_check_proofs (w->store, entry->id, FALSE, "NXDOMAIN",
                                                  renewed, &error));
  g_assert_no_error (error);
  again = ranah_store_get_entry (w->store, entry->id, &error);
  g_assert_no_error (error);
  record = g_ptr_array_index (again->records, 0);
  g_assert_cmpint (record->proof_at, ==, w->now - DAY);
  g_assert_cmpint (record->proof_serial, ==, 2026031001);
  g_assert_false (again->last_check_ok);
  g_assert_cmpstr (again->last_check, ==, "NXDOMAIN");
  /* The entry's activation date stays the verification's. */
  g_assert_cmpstr (again->activated_on, ==, "2026-03-02");

  assert_audit_intact (w);
}

/* A store upgraded to migration 7 holds records whose last event wrote them without the
 * proof fields: those rows still agree, and a proof the trail does not know is named. */
static void
test_rows_from_before_proofs (void)
{
  g_autoptr(RanahAuditState) trail = ranah_audit_state_new ();
  g_autoptr(GPtrArray) current = g_ptr_array_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  ranah_audit_state_apply (trail, "request 1\tcreated\tapproved\t5\t6\t1\tklinik\t"
                                  "klinik.tarakankota.go.id\t2026\t1\t\n"
                                  "record 7\t1\tA\t\t103.20.30.40\t0\t0\t0\t1\t"
                                  "103.20.30.40\n"
                                  "record 8\t1\tA\twww\t103.20.30.41\t0\t0\t0\t1\t");
  g_ptr_array_add (current, (gpointer) "request 1\tcreated\tapproved\t5\t6\t1\tklinik\t"
                                       "klinik.tarakankota.go.id\t2026\t1\t\n"
                                       "record 7\t1\tA\t\t103.20.30.40\t0\t0\t0\t1\t"
                                       "103.20.30.40\t\t\t\t\n"
                                       "record 8\t1\tA\twww\t103.20.30.41\t0\t0\t0\t1\t"
                                       "\t\t\t\t");
  g_assert_cmpuint (ranah_audit_state_compare (trail, current, problems), ==, 0);

  g_ptr_array_set_size (current, 0);
  g_ptr_array_add (current, (gpointer) "request 1\tcreated\tapproved\t5\t6\t1\tklinik\t"
                                       "klinik.tarakankota.go.id\t2026\t1\t\n"
                                       "record 7\t1\tA\t\t103.20.30.40\t0\t0\t0\t1\t"
                                       "103.20.30.40\t192.0.2.53:53\t1\t103.20.30.40\t"
                                       "1772413200\n"
                                       "record 8\t1\tA\twww\t103.20.30.41\t0\t0\t0\t1\t");
  g_assert_cmpuint (ranah_audit_state_compare (trail, current, problems), ==, 1);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "record 7"));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0),
                            "proof_server is “192.0.2.53:53” in the store, “” in the audit "
                            "trail"));
}

int
main (int argc, char *argv[])
{
  g_setenv ("RANAH_TEST_FAST_PWHASH", "1", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ranah/store/proofs/create-needs-dns", test_create_needs_dns);
  g_test_add_func ("/ranah/store/proofs/who-what-when", test_who_what_when);
  g_test_add_func ("/ranah/store/proofs/answers", test_answers);
  g_test_add_func ("/ranah/store/proofs/create-and-report", test_create_and_report);
  g_test_add_func ("/ranah/store/proofs/active-since-and-checks", test_active_since_and_checks);
  g_test_add_func ("/ranah/store/proofs/rows-from-before-proofs", test_rows_from_before_proofs);

  return g_test_run ();
}
