/* test-store.c — the store's verbs and the workflow through them, for any backend
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ranah-escalation.h"
#include "store-fixture.h"

static void
assert_state (StoreWorld *w,
              gint64      id,
              RanahState  state)
{
  g_autoptr(RanahRequest) r = store_world_get (w, id);

  g_assert_cmpstr (ranah_state_to_string (r->state), ==, ranah_state_to_string (state));
}

static void
test_session (void)
{
  g_autoptr(RanahStore) store = store_fixture_open_fresh ();
  g_autoptr(RanahUser) admin = ranah_user_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (ranah_store_is_initialized (store, NULL));
  g_assert_null (ranah_store_get_user (store));
  g_assert_null (ranah_store_list_users (store, &error));
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  g_free (admin->username);
  admin->username = g_strdup ("Admin");
  admin->role = RANAH_ROLE_ADMIN;
  /* The first administrator's fields follow the same rules as any user's. */
  g_free (admin->nip);
  admin->nip = g_strdup ("123");
  g_assert_false (ranah_store_initialize (store, admin, STORE_FIXTURE_PASSWORD, &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_false (ranah_store_is_initialized (store, NULL));
  g_clear_pointer (&admin->nip, g_free);
  g_assert_true (ranah_store_initialize (store, admin, STORE_FIXTURE_PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_true (ranah_store_is_initialized (store, &error));
  g_assert_false (ranah_store_initialize (store, admin, STORE_FIXTURE_PASSWORD, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_false (ranah_store_sign_in (store, "admin", "wrong password", &error));
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_AUTH);
  g_clear_error (&error);
  g_assert_false (ranah_store_sign_in (store, "nobody", STORE_FIXTURE_PASSWORD, &error));
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_AUTH);
  g_clear_error (&error);
  g_assert_true (ranah_store_sign_in (store, "ADMIN", STORE_FIXTURE_PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ranah_store_get_user (store)->username, ==, "admin");
  g_assert_cmpint (ranah_store_schema_version (store), >=, 1);
  g_assert_true (ranah_store_verify_audit (store, &error));
  g_assert_no_error (error);
}

static void
test_admin (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GPtrArray) opds = NULL;
  g_autoptr(GHashTable) profile = NULL;
  g_autoptr(RanahHoliday) holiday = ranah_holiday_new ("2026-03-19", "Hari Suci Nyepi", FALSE);
  g_autoptr(GPtrArray) events = NULL;
  g_auto(GStrv) reserved = NULL;
  g_autoptr(RanahUser) dup = ranah_user_new ();

  users = ranah_store_list_users (w->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 7);
  opds = ranah_store_list_opds (w->store, &error);
  g_assert_cmpuint (opds->len, ==, 2);
  {
    g_autoptr(RanahOpd) by_name = ranah_store_find_opd (w->store, "DINAS kesehatan", &error);
    g_autoptr(RanahOpd) by_code = ranah_store_find_opd (w->store, "disdik", &error);
    g_autoptr(RanahUser) user = ranah_store_find_user (w->store, "Kabid", &error);
    g_assert_no_error (error);
    g_assert_cmpint (by_name->id, ==, w->opd_id);
    g_assert_cmpint (by_code->id, ==, w->opd2_id);
    g_assert_cmpint (user->id, ==, w->user_ids[RANAH_ROLE_KABID]);
    g_assert_null (ranah_store_find_opd (w->store, "Dinas Rahasia", &error));
    g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  g_free (dup->username);
  dup->username = g_strdup ("KADIS");
  dup->role = RANAH_ROLE_KADIS;
  g_assert_cmpint (ranah_store_add_user (w->store, dup, STORE_FIXTURE_PASSWORD, &error), ==, 0);
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION);
  g_clear_error (&error);

  g_assert_true (ranah_store_add_holiday (w->store, holiday, &error));
  g_assert_no_error (error);
  g_assert_false (ranah_store_add_holiday (w->store, holiday, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  reserved = ranah_store_list_reserved (w->store, &error);
  g_assert_true (g_strv_contains ((const char * const *) reserved, "www"));
  g_assert_true (ranah_store_add_reserved (w->store, "Arsip", &error));
  g_assert_no_error (error);
  g_assert_true (ranah_store_remove_reserved (w->store, "arsip", &error));
  g_assert_false (ranah_store_remove_reserved (w->store, "arsip", &error));
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (ranah_store_set_profile (w->store, RANAH_PROFILE_TSIG_SECRET,
                                          "c2VjcmV0LXRzaWcta2V5", &error));
  g_assert_no_error (error);
  g_assert_true (ranah_store_set_profile (w->store, RANAH_PROFILE_CITY, "Tarakan Kota", &error));
  profile = ranah_store_get_profile (w->store, &error);
  g_assert_cmpstr (g_hash_table_lookup (profile, RANAH_PROFILE_CITY), ==, "Tarakan Kota");
  g_assert_cmpstr (g_hash_table_lookup (profile, RANAH_PROFILE_PAPER), ==, "A4");
  g_assert_cmpstr (g_hash_table_lookup (profile, RANAH_PROFILE_TSIG_SECRET), ==,
                   "c2VjcmV0LXRzaWcta2V5");
  g_clear_pointer (&profile, g_hash_table_unref);

  /* Kepala Dinas does not provision DNS, so never sees the TSIG key. */
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  profile = ranah_store_get_profile (w->store, &error);
  g_assert_false (g_hash_table_contains (profile, RANAH_PROFILE_TSIG_SECRET));
  g_clear_pointer (&profile, g_hash_table_unref);
  store_world_sign_in (w, RANAH_ROLE_STAF);
  profile = ranah_store_get_profile (w->store, &error);
  g_assert_true (g_hash_table_contains (profile, RANAH_PROFILE_TSIG_SECRET));

  /* Only the administrator administers. */
  g_assert_false (ranah_store_add_reserved (w->store, "arsip", &error));
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  /* Admin verbs are audited, never with the secret. */
  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  events = ranah_store_list_events (w->store, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      RanahEvent *e = g_ptr_array_index (events, i);
      g_assert_true (g_str_has_prefix (e->action, "admin:") || g_str_has_prefix (e->action, "auth:"));
      g_assert_null (strstr (e->note, "c2VjcmV0LXRzaWcta2V5"));
      g_assert_null (strstr (e->note, STORE_FIXTURE_PASSWORD));
    }
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  g_assert_true (ranah_store_verify_audit (w->store, &error));
  g_assert_no_error (error);
}

static guint
count_actions (StoreWorld *w,
               const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = ranah_store_list_events (w->store, 0, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    if (g_str_equal (((RanahEvent *) g_ptr_array_index (events, i))->action, action))
      n++;
  return n;
}

static GPtrArray *
holiday_list (const char *first_date,
              ...)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_holiday_free);
  va_list args;

  va_start (args, first_date);
  for (const char *date = first_date; date != NULL; date = va_arg (args, const char *))
    {
      const char *name = va_arg (args, const char *);
      g_ptr_array_add (list, ranah_holiday_new (date, name, strstr (name, "Cuti") != NULL));
    }
  va_end (args);
  return list;
}

/* ranah_store_add_holidays: every date in one transaction, each audited, or none at all. */
static void
test_add_holidays (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lebaran = holiday_list ("2026-03-20", "Idul Fitri 1447 H",
                                               "2026-03-21", "Idul Fitri 1447 H",
                                               "2026-03-23", "Cuti Bersama Idul Fitri", NULL);
  g_autoptr(GPtrArray) clash = holiday_list ("2026-08-17", "Proklamasi",
                                             "2026-03-21", "Idul Fitri (lagi)", NULL);
  g_autoptr(GPtrArray) twice = holiday_list ("2026-12-25", "Natal", "2026-12-25", "Natal", NULL);
  g_autoptr(GPtrArray) invalid = holiday_list ("2026-06-01", "Pancasila",
                                               "2026-02-30", "Tidak ada", NULL);
  g_autoptr(GPtrArray) empty = holiday_list (NULL);
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(RanahCalendar) calendar = NULL;
  guint audited;

  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  audited = count_actions (w, "admin:add-holiday");
  g_assert_true (ranah_store_add_holidays (w->store, lebaran, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_actions (w, "admin:add-holiday"), ==, audited + 3);
  stored = ranah_store_list_holidays (w->store, &error);
  g_assert_cmpuint (stored->len, ==, 3);
  g_assert_cmpstr (((RanahHoliday *) g_ptr_array_index (stored, 2))->date, ==, "2026-03-23");
  g_assert_true (((RanahHoliday *) g_ptr_array_index (stored, 2))->cuti_bersama);
  g_assert_false (((RanahHoliday *) g_ptr_array_index (stored, 0))->cuti_bersama);
  calendar = ranah_store_get_calendar (w->store, &error);
  g_assert_false (ranah_calendar_is_working_day (calendar, "2026-03-23"));

  /* A date the store has, a date given twice, an impossible date: nothing of the list. */
  g_assert_false (ranah_store_add_holidays (w->store, clash, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (ranah_store_add_holidays (w->store, twice, &error));
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_false (ranah_store_add_holidays (w->store, invalid, &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
  g_clear_error (&error);
  g_clear_pointer (&stored, g_ptr_array_unref);
  stored = ranah_store_list_holidays (w->store, &error);
  g_assert_cmpuint (stored->len, ==, 3);
  g_assert_cmpuint (count_actions (w, "admin:add-holiday"), ==, audited + 3);
  g_assert_true (ranah_store_add_holidays (w->store, empty, &error));
  g_assert_no_error (error);

  /* Administrators only. */
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  g_assert_false (ranah_store_add_holidays (w->store, empty, &error));
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (ranah_store_add_holidays (w->store, clash, &error));
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_true (ranah_store_verify_audit (w->store, &error));
  g_assert_no_error (error);
}

static void
test_submit_get (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahRequest) r = store_world_request (w, "Layanan-Sehat");
  g_autoptr(RanahRequest) got = NULL;
  g_autoptr(RanahRequest) other = NULL;
  g_autoptr(GBytes) pdf = store_fixture_pdf (4096);
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GPtrArray) list = NULL;
  RanahRequestFilter filter = { 0 };
  gint64 id, id2;

  store_world_sign_in (w, RANAH_ROLE_OPD);
  r->opd_id = 0;
  id = ranah_store_submit_request (w->store, r, pdf, &error);
  g_assert_no_error (error);
  g_assert_cmpint (r->id, ==, id);
  g_assert_cmpstr (r->name, ==, "layanan-sehat");
  g_assert_cmpstr (r->fqdn, ==, "layanan-sehat.tarakankota.go.id");
  g_assert_cmpuint (r->agenda_year, ==, 2026);
  g_assert_cmpuint (r->agenda_number, ==, 1);
  g_assert_cmpint (r->opd_id, ==, w->opd_id);

  got = ranah_store_get_request (w->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->state, ==, RANAH_STATE_SUBMITTED);
  g_assert_cmpint (got->version, ==, 1);
  g_assert_cmpstr (got->opd_name, ==, "Dinas Kesehatan");
  g_assert_cmpstr (got->contact_email, ==, "budi@dinkes.tarakankota.go.id");
  g_assert_cmpuint (got->records->len, ==, 1);
  g_assert_cmpstr (((RanahRecord *) g_ptr_array_index (got->records, 0))->target, ==,
                   "103.20.30.40");
  g_assert_nonnull (got->attachment_sha256);
  g_assert_cmpint (got->attachment_size, ==, 4096);
  /* One working day: Monday 09:00 → Tuesday 09:00 WITA. */
  g_assert_cmpint (got->due_at, ==, w->now + 86400);

  back = ranah_store_get_request_letter (w->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, pdf));

  id2 = store_world_submit (w, NULL, FALSE);
  other = store_world_get (w, id2);
  g_assert_cmpuint (other->agenda_number, ==, 2);

  /* DKISP staff register a paper letter for an OPD. */
  {
    g_autoptr(RanahRequest) paper = store_world_request (w, NULL);
    store_world_sign_in (w, RANAH_ROLE_STAF);
    paper->opd_id = w->opd2_id;
    g_assert_cmpint (ranah_store_submit_request (w->store, paper, NULL, &error), >, 0);
    g_assert_no_error (error);
  }
  /* An OPD user never submits for another OPD; Kepala Dinas never submits. */
  {
    g_autoptr(RanahRequest) foreign = store_world_request (w, NULL);
    store_world_sign_in (w, RANAH_ROLE_OPD);
    foreign->opd_id = w->opd2_id;
    g_assert_cmpint (ranah_store_submit_request (w->store, foreign, NULL, &error), ==, 0);
    g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION);
    g_clear_error (&error);
    store_world_sign_in (w, RANAH_ROLE_KADIS);
    g_assert_cmpint (ranah_store_submit_request (w->store, foreign, NULL, &error), ==, 0);
    g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION);
    g_clear_error (&error);
  }

  /* The OPD's own list, and nothing of another OPD. */
  store_world_sign_in (w, RANAH_ROLE_OPD);
  list = ranah_store_list_requests (w->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  store_world_sign_in_as (w, "opd2");
  g_assert_null (ranah_store_get_request (w->store, id, &error));
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  list = ranah_store_list_requests (w->store, NULL, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  filter.text = "LAYANAN-SEHAT";
  list = ranah_store_list_requests (w->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  filter.text = NULL;
  filter.opd_id = w->opd2_id;
  list = ranah_store_list_requests (w->store, &filter, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  filter.opd_id = 0;
  filter.limit = 2;
  filter.offset = 1;
  list = ranah_store_list_requests (w->store, &filter, &error);
  g_assert_cmpuint (list->len, ==, 2);
}

static void
test_validation (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  struct {
    const char *name;
  } bad[] = { { "-awal" }, { "www" }, { "" }, { "a_b" } };

  store_world_sign_in (w, RANAH_ROLE_OPD);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(RanahRequest) r = store_world_request (w, bad[i].name);
      g_assert_cmpint (ranah_store_submit_request (w->store, r, NULL, &error), ==, 0);
      g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
      g_clear_error (&error);
    }
  {
    g_autoptr(RanahRequest) r = store_world_request (w, NULL);
    g_free (r->contact_email);
    r->contact_email = g_strdup ("bukan email");
    g_assert_cmpint (ranah_store_submit_request (w->store, r, NULL, &error), ==, 0);
    g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
    g_clear_error (&error);
  }
  g_assert_cmpuint (store_world_n_events (w, 0), ==, 1 + 2 + 6);
}

static void
test_attachment (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahRequest) r = store_world_request (w, NULL);
  g_autoptr(GBytes) text = g_bytes_new_static ("Hello, this is not a PDF", 24);
  g_autoptr(GBytes) truncated = g_bytes_new_static ("%PDF-1.4\n1 0 obj\n", 17);
  g_autoptr(GBytes) huge = store_fixture_pdf (RANAH_ATTACHMENT_MAX_BYTES + 1);
  g_autoptr(GBytes) limit = store_fixture_pdf (RANAH_ATTACHMENT_MAX_BYTES);
  g_autoptr(GBytes) ok = store_fixture_pdf (1000);
  g_autoptr(RanahRequest) got = NULL;
  gint64 id;

  store_world_sign_in (w, RANAH_ROLE_OPD);
  g_assert_cmpint (ranah_store_submit_request (w->store, r, text, &error), ==, 0);
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_cmpint (ranah_store_submit_request (w->store, r, truncated, &error), ==, 0);
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_cmpint (ranah_store_submit_request (w->store, r, huge, &error), ==, 0);
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_cmpuint (store_world_n_events (w, 0), ==, 1 + 2 + 6);

  store_world_sign_in (w, RANAH_ROLE_OPD);
  id = ranah_store_submit_request (w->store, r, limit, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* A letter attached later, while the request waits for Kepala Dinas. */
  id = store_world_submit (w, NULL, FALSE);
  g_assert_false (ranah_store_attach_letter (w->store, id, 1, text, &error));
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_true (ranah_store_attach_letter (w->store, id, 1, ok, &error));
  g_assert_no_error (error);
  g_assert_false (ranah_store_attach_letter (w->store, id, 1, ok, &error));
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  got = store_world_get (w, id);
  g_assert_cmpint (got->version, ==, 2);
  g_assert_nonnull (got->attachment_sha256);
}

static void
test_full_run (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahRequest) r = NULL;
  g_autoptr(RanahLetter) letter = NULL;
  g_autoptr(RanahLetter) found = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) dispositions = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) inbox = NULL;
  g_autofree char *sha = NULL;
  const char *instructions[] = { "tindak-lanjut", NULL };
  guint n;
  gint64 id;
  RanahMove move = { 0 };
  const RanahInstruction *known = ranah_instructions (&n);

  id = store_world_submit (w, "dinkes", TRUE);

  /* Kepala Dinas sees it; the disposition carries instructions and urgency. */
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  inbox = ranah_store_inbox (w->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (inbox->len, ==, 1);
  g_clear_pointer (&inbox, g_ptr_array_unref);
  instructions[0] = known[0].nick;
  move.action = RANAH_ACTION_DISPOSE_TO_KABID;
  move.request_id = id;
  move.expected_version = 1;
  move.instructions = instructions;
  move.urgency = RANAH_URGENCY_SEGERA;
  move.note = "Mohon segera diproses";
  g_assert_true (ranah_store_move (w->store, &move, &error));
  g_assert_no_error (error);

  r = store_world_get (w, id);
  g_assert_cmpint (r->state, ==, RANAH_STATE_AT_KABID);
  g_assert_cmpint (r->version, ==, 2);
  g_assert_cmpint (r->assignee_id, ==, w->user_ids[RANAH_ROLE_KABID]);
  g_clear_pointer (&r, ranah_request_free);
  dispositions = ranah_store_list_dispositions (w->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dispositions->len, ==, 1);
  {
    RanahDisposition *d = g_ptr_array_index (dispositions, 0);
    g_assert_cmpint (d->to_user_id, ==, w->user_ids[RANAH_ROLE_KABID]);
    g_assert_cmpint (d->from_role, ==, RANAH_ROLE_KADIS);
    g_assert_cmpint (d->urgency, ==, RANAH_URGENCY_SEGERA);
    g_assert_cmpstr (d->instructions[0], ==, known[0].nick);
    g_assert_cmpstr (d->note, ==, "Mohon segera diproses");
    g_assert_cmpint (d->due_at, ==, w->now + 86400);
    g_assert_cmpint (d->read_at, ==, 0);
    store_world_sign_in (w, RANAH_ROLE_KABID);
    g_assert_true (ranah_store_mark_read (w->store, d->id, &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&dispositions, g_ptr_array_unref);

  store_world_sign_in (w, RANAH_ROLE_KADIS);
  inbox = ranah_store_inbox (w->store, &error);
  g_assert_cmpuint (inbox->len, ==, 0);
  g_clear_pointer (&inbox, g_ptr_array_unref);
  store_world_sign_in (w, RANAH_ROLE_KABID);
  inbox = ranah_store_inbox (w->store, &error);
  g_assert_cmpuint (inbox->len, ==, 1);
  g_clear_pointer (&inbox, g_ptr_array_unref);

  store_world_move (w, id, RANAH_ACTION_DISPOSE_TO_SUBKOOR, RANAH_ROLE_KABID);
  store_world_move (w, id, RANAH_ACTION_DISPOSE_TO_STAF, RANAH_ROLE_SUBKOOR);
  store_world_move (w, id, RANAH_ACTION_CREATE, RANAH_ROLE_STAF);
  r = store_world_get (w, id);
  g_assert_cmpint (r->outcome, ==, RANAH_OUTCOME_APPROVED);
  g_assert_true (((RanahRecord *) g_ptr_array_index (r->records, 0))->created);
  g_clear_pointer (&r, ranah_request_free);
  /* Reported and drafted the next day: the entry is active since the day DNS was seen to
   * serve its records (the proof, just before step 5). */
  store_world_set_now (w, w->now + 86400);
  store_world_move (w, id, RANAH_ACTION_REPORT, RANAH_ROLE_STAF);
  store_world_move (w, id, RANAH_ACTION_DRAFT, RANAH_ROLE_SUBKOOR);

  entries = ranah_store_list_entries (w->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  {
    RanahEntry *e = g_ptr_array_index (entries, 0);
    g_assert_cmpstr (e->fqdn, ==, "dinkes.tarakankota.go.id");
    g_assert_cmpint (e->request_id, ==, id);
    g_assert_cmpint (e->status, ==, RANAH_ENTRY_ACTIVE);
    g_assert_cmpstr (e->activated_on, ==, "2026-03-02");
    g_assert_cmpuint (e->records->len, ==, 1);
  }
  letter = ranah_store_get_letter (w->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (letter->state, ==, RANAH_LETTER_DRAFT);
  g_assert_cmpint (letter->kind, ==, RANAH_OUTCOME_APPROVED);
  g_assert_null (letter->number);
  g_clear_pointer (&letter, ranah_letter_free);

  store_world_move (w, id, RANAH_ACTION_REVIEW, RANAH_ROLE_KABID);
  store_world_move (w, id, RANAH_ACTION_SIGN, RANAH_ROLE_KADIS);
  letter = ranah_store_get_letter (w->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (letter->state, ==, RANAH_LETTER_SIGNED);
  g_assert_cmpstr (letter->number, ==, "000.5.2/0001/DKISP/2026");
  g_assert_cmpstr (letter->letter_date, ==, "2026-03-03");
  g_assert_cmpuint (strlen (letter->verification_code), ==, 16);
  g_assert_cmpint (letter->signed_by, ==, w->user_ids[RANAH_ROLE_KADIS]);
  pdf = ranah_store_get_letter_pdf (w->store, letter->id, &error);
  g_assert_no_error (error);
  sha = ranah_sha256_hex (g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  g_assert_cmpstr (sha, ==, letter->pdf_sha256);
  found = ranah_store_find_letter_by_sha256 (w->store, sha, &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, letter->id);

  store_world_move (w, id, RANAH_ACTION_RECEIVE, RANAH_ROLE_OPD);
  r = store_world_get (w, id);
  g_assert_cmpint (r->state, ==, RANAH_STATE_DONE);
  g_assert_cmpint (r->version, ==, 10);
  g_assert_cmpint (r->due_at, ==, 0);

  events = ranah_store_list_events (w->store, id, &error);
  g_assert_no_error (error);
  /* submit, 9 moves, Kabid reading the disposition and the record's proof */
  g_assert_cmpuint (events->len, ==, 12);
  {
    RanahEvent *last = g_ptr_array_index (events, events->len - 1);
    g_assert_cmpstr (last->action, ==, "receive");
    g_assert_cmpuint (last->step, ==, 10);
    g_assert_cmpstr (last->from_state, ==, "sent");
    g_assert_cmpstr (last->to_state, ==, "done");
    g_assert_cmpstr (last->username, ==, "opd1");
  }
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  g_assert_true (ranah_store_verify_audit (w->store, &error));
  g_assert_no_error (error);

  /* The name is now registered. */
  store_world_sign_in (w, RANAH_ROLE_OPD);
  {
    g_autoptr(RanahRequest) again = store_world_request (w, "DINKES");
    g_assert_cmpint (ranah_store_submit_request (w->store, again, NULL, &error), ==, 0);
    g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION);
    g_assert_nonnull (strstr (error->message, "already registered to Dinas Kesehatan"));
  }
}

static void
test_side_paths (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahRequest) r = NULL;
  g_autoptr(RanahLetter) letter = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) dispositions = NULL;
  gint64 id;

  /* Decline at step 3: the refusal letter goes through 7–10 without a registry entry. */
  id = store_world_request_in (w, RANAH_STATE_AT_KABID, FALSE);
  g_assert_false (store_world_try_move (w, id, RANAH_ACTION_DECLINE, RANAH_ROLE_KABID, NULL,
                                        &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
  g_clear_error (&error);
  store_world_move (w, id, RANAH_ACTION_DECLINE, RANAH_ROLE_KABID);
  r = store_world_get (w, id);
  g_assert_cmpint (r->state, ==, RANAH_STATE_DRAFTING);
  g_assert_cmpint (r->outcome, ==, RANAH_OUTCOME_REFUSED);
  g_assert_cmpstr (r->note, ==, "Alasan tertulis");
  g_clear_pointer (&r, ranah_request_free);
  store_world_move (w, id, RANAH_ACTION_DRAFT, RANAH_ROLE_SUBKOOR);
  store_world_move (w, id, RANAH_ACTION_REVIEW, RANAH_ROLE_KABID);
  store_world_move (w, id, RANAH_ACTION_SIGN, RANAH_ROLE_KADIS);
  store_world_move (w, id, RANAH_ACTION_RECEIVE, RANAH_ROLE_STAF);
  assert_state (w, id, RANAH_STATE_DONE);
  letter = ranah_store_get_letter (w->store, id, &error);
  g_assert_cmpint (letter->kind, ==, RANAH_OUTCOME_REFUSED);
  g_clear_pointer (&letter, ranah_letter_free);
  entries = ranah_store_list_entries (w->store, NULL, &error);
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Return the draft from step 8 and from step 9: the letter is redrafted. */
  id = store_world_request_in (w, RANAH_STATE_DRAFTED, FALSE);
  store_world_move (w, id, RANAH_ACTION_RETURN_DRAFT, RANAH_ROLE_KABID);
  assert_state (w, id, RANAH_STATE_DRAFTING);
  store_world_move (w, id, RANAH_ACTION_DRAFT, RANAH_ROLE_SUBKOOR);
  store_world_move (w, id, RANAH_ACTION_REVIEW, RANAH_ROLE_KABID);
  store_world_move (w, id, RANAH_ACTION_RETURN_DRAFT, RANAH_ROLE_KADIS);
  store_world_move (w, id, RANAH_ACTION_DRAFT, RANAH_ROLE_SUBKOOR);
  letter = ranah_store_get_letter (w->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (letter->revision, ==, 3);
  g_clear_pointer (&letter, ranah_letter_free);
  entries = ranah_store_list_entries (w->store, NULL, &error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Withdrawal before step 5 only. */
  id = store_world_request_in (w, RANAH_STATE_AT_STAF, FALSE);
  store_world_move (w, id, RANAH_ACTION_WITHDRAW, RANAH_ROLE_OPD);
  assert_state (w, id, RANAH_STATE_WITHDRAWN);
  id = store_world_request_in (w, RANAH_STATE_CREATED, FALSE);
  g_assert_false (store_world_try_move (w, id, RANAH_ACTION_WITHDRAW, RANAH_ROLE_OPD, "x",
                                        &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_STATE);
  g_clear_error (&error);

  /* Recall an unread disposition: back to Kabid, with Kabid as the assignee again. */
  id = store_world_request_in (w, RANAH_STATE_AT_SUBKOOR, FALSE);
  store_world_move (w, id, RANAH_ACTION_RECALL_DISPOSITION, RANAH_ROLE_KABID);
  r = store_world_get (w, id);
  g_assert_cmpint (r->state, ==, RANAH_STATE_AT_KABID);
  g_assert_cmpint (r->assignee_id, ==, w->user_ids[RANAH_ROLE_KABID]);
  g_clear_pointer (&r, ranah_request_free);
  dispositions = ranah_store_list_dispositions (w->store, id, &error);
  g_assert_cmpuint (dispositions->len, ==, 2);
  g_assert_true (((RanahDisposition *) g_ptr_array_index (dispositions, 1))->recalled);
  g_clear_pointer (&dispositions, g_ptr_array_unref);
  /* …and disposed again, then read: no longer recallable. */
  store_world_move (w, id, RANAH_ACTION_DISPOSE_TO_SUBKOOR, RANAH_ROLE_KABID);
  dispositions = ranah_store_list_dispositions (w->store, id, &error);
  store_world_sign_in (w, RANAH_ROLE_SUBKOOR);
  g_assert_true (ranah_store_mark_read (w->store,
                                        ((RanahDisposition *) g_ptr_array_index (dispositions, 2))->id,
                                        &error));
  g_assert_false (store_world_try_move (w, id, RANAH_ACTION_RECALL_DISPOSITION, RANAH_ROLE_KABID,
                                        NULL, &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_STATE);
  g_clear_error (&error);

  /* Recall from step 2 gives the request back to every Kepala Dinas. */
  id = store_world_request_in (w, RANAH_STATE_AT_KABID, FALSE);
  store_world_move (w, id, RANAH_ACTION_RECALL_DISPOSITION, RANAH_ROLE_KADIS);
  r = store_world_get (w, id);
  g_assert_cmpint (r->state, ==, RANAH_STATE_SUBMITTED);
  g_assert_cmpint (r->assignee_id, ==, 0);
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  g_assert_true (ranah_store_verify_audit (w->store, &error));
  g_assert_no_error (error);
}

/* ---- every role × action × state ------------------------------------------------------- */

static RanahRole
actor_for (const RanahTransition *t)
{
  for (RanahRole role = RANAH_ROLE_OPD; role < RANAH_N_ROLES; role++)
    if (t->roles & RANAH_ROLE_BIT (role))
      return role;
  return RANAH_ROLE_NONE;
}

static void
test_authorization_sweep (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  guint n_allowed = 0, n_refused = 0;

  for (RanahState state = RANAH_STATE_SUBMITTED; state < RANAH_N_STATES; state++)
    {
      gint64 shared = store_world_request_in (w, state, FALSE);
      guint n_all = store_world_n_events (w, 0), n_moves = 0;

      for (RanahRole role = RANAH_ROLE_OPD; role < RANAH_N_ROLES; role++)
        for (RanahAction action = RANAH_ACTION_SUBMIT; action < RANAH_N_ACTIONS; action++)
          {
            const RanahTransition *t = ranah_workflow_find (state, action);
            g_autoptr(GError) error = NULL;

            if (t != NULL && (t->roles & RANAH_ROLE_BIT (role)))
              {
                /* Allowed by the table: it succeeds on a request of its own. */
                gint64 id = store_world_request_in (w, state, FALSE);
                g_autoptr(RanahRequest) after = NULL;

                /* Step 5 needs DNS to have been seen to serve the records. */
                if (action == RANAH_ACTION_CREATE)
                  store_world_prove (w, id);
                g_assert_true (store_world_try_move (w, id, action, role, "Catatan", &error));
                g_assert_no_error (error);
                after = store_world_get (w, id);
                g_assert_cmpint (after->state, ==, t->to);
                n_allowed++;
                n_moves++;
              }
            else
              {
                g_autoptr(RanahRequest) before = store_world_get (w, shared);
                g_autoptr(RanahRequest) after = NULL;
                guint n_events = store_world_n_events (w, shared);

                g_assert_false (store_world_try_move (w, shared, action, role, "Catatan",
                                                      &error));
                if (!g_error_matches (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION)
                    && !g_error_matches (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_STATE))
                  g_error ("%s by %s in %s: unexpected error %s",
                           ranah_action_to_string (action), ranah_role_to_string (role),
                           ranah_state_to_string (state), error->message);
                after = store_world_get (w, shared);
                g_assert_cmpint (after->version, ==, before->version);
                g_assert_cmpint (after->state, ==, before->state);
                g_assert_cmpuint (store_world_n_events (w, shared), ==, n_events);
                n_refused++;
              }
          }
      /* Nothing but the allowed moves (and the requests made for them) left events. */
      g_assert_cmpuint (store_world_n_events (w, 0), >=, n_all + n_moves);
      if (n_moves == 0)
        g_assert_cmpuint (store_world_n_events (w, 0), ==, n_all);
    }
  g_assert_cmpuint (n_allowed, >=, 20);
  g_assert_cmpuint (n_refused, >, 800);
  (void) actor_for;
}

static void
test_kelengkapan (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahRequest) r = NULL;
  g_autoptr(GPtrArray) created = NULL;
  RanahMove move = { 0 };
  gint64 id;
  guint n_events;

  /* Step 2 without the scanned request letter. */
  id = store_world_submit (w, NULL, FALSE);
  n_events = store_world_n_events (w, 0);
  g_assert_false (store_world_try_move (w, id, RANAH_ACTION_DISPOSE_TO_KABID, RANAH_ROLE_KADIS,
                                        NULL, &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (error->message, "Surat Permohonan"));
  g_clear_error (&error);
  g_assert_cmpuint (store_world_n_events (w, 0), ==, n_events);
  assert_state (w, id, RANAH_STATE_SUBMITTED);

  /* Step 5 needs every record of the request seen in DNS. */
  id = store_world_submit (w, NULL, TRUE);
  store_world_sign_in (w, RANAH_ROLE_OPD);
  r = store_world_get (w, id);
  g_assert_cmpuint (r->records->len, ==, 1);
  g_clear_pointer (&r, ranah_request_free);
  {
    g_autoptr(RanahRequest) two = store_world_request (w, NULL);
    g_autoptr(GBytes) pdf = store_fixture_pdf (500);
    g_ptr_array_add (two->records, ranah_record_new (RANAH_RECORD_TXT, "", "v=spf1 -all"));
    store_world_sign_in (w, RANAH_ROLE_OPD);
    id = ranah_store_submit_request (w->store, two, pdf, &error);
    g_assert_no_error (error);
  }
  store_world_move (w, id, RANAH_ACTION_DISPOSE_TO_KABID, RANAH_ROLE_KADIS);
  store_world_move (w, id, RANAH_ACTION_DISPOSE_TO_SUBKOOR, RANAH_ROLE_KABID);
  store_world_move (w, id, RANAH_ACTION_DISPOSE_TO_STAF, RANAH_ROLE_SUBKOOR);
  /* Step 5 while only one of the two records was seen in DNS. */
  r = store_world_get (w, id);
  created = ranah_records_new ();
  g_ptr_array_add (created, ranah_record_copy (g_ptr_array_index (r->records, 0)));
  ((RanahRecord *) g_ptr_array_index (created, 0))->proof_server = g_strdup ("127.0.0.1:53");
  ((RanahRecord *) g_ptr_array_index (created, 0))->proof_answer = g_strdup ("103.20.30.40");
  store_world_sign_in (w, RANAH_ROLE_STAF);
  g_assert_true (ranah_store_record_proofs (w->store, id, created, &error));
  g_assert_no_error (error);
  move.action = RANAH_ACTION_CREATE;
  move.request_id = id;
  move.expected_version = r->version;
  n_events = store_world_n_events (w, 0);
  store_world_sign_in (w, RANAH_ROLE_STAF);
  g_assert_false (ranah_store_move (w->store, &move, &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (error->message, "The TXT record of "));
  g_assert_nonnull (strstr (error->message, "has not been seen in DNS yet"));
  g_clear_error (&error);
  g_assert_cmpuint (store_world_n_events (w, 0), ==, n_events);
  g_clear_pointer (&r, ranah_request_free);
  r = store_world_get (w, id);
  g_assert_cmpstr (((RanahRecord *) g_ptr_array_index (r->records, 0))->proof_answer, ==,
                   "103.20.30.40");
  g_assert_false (((RanahRecord *) g_ptr_array_index (r->records, 0))->created);
  g_assert_false (((RanahRecord *) g_ptr_array_index (r->records, 1))->created);
  /* With both, the records are created and verified by the proofs' answers. */
  store_world_move (w, id, RANAH_ACTION_CREATE, RANAH_ROLE_STAF);
  g_clear_pointer (&r, ranah_request_free);
  r = store_world_get (w, id);
  g_assert_cmpstr (((RanahRecord *) g_ptr_array_index (r->records, 0))->verified, ==,
                   "103.20.30.40");
  g_assert_cmpstr (((RanahRecord *) g_ptr_array_index (r->records, 1))->verified, ==,
                   "v=spf1 -all");
  g_assert_true (((RanahRecord *) g_ptr_array_index (r->records, 1))->created);
  store_world_move (w, id, RANAH_ACTION_REPORT, RANAH_ROLE_STAF);
  /* Two proofs again (the fixture's), step 5 and step 6. */
  g_assert_cmpuint (store_world_n_events (w, 0), ==, n_events + 2 + 2);

  /* Signing without a renderer signs nothing. */
  id = store_world_request_in (w, RANAH_STATE_REVIEWED, FALSE);
  g_clear_pointer (&r, ranah_request_free);
  r = store_world_get (w, id);
  memset (&move, 0, sizeof move);
  move.action = RANAH_ACTION_SIGN;
  move.request_id = id;
  move.expected_version = r->version;
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  g_assert_false (ranah_store_move (w->store, &move, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  assert_state (w, id, RANAH_STATE_REVIEWED);
}

static void
test_conflict (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahRequest) r = NULL;
  RanahMove move = { 0 };
  gint64 id = store_world_submit (w, NULL, TRUE);
  guint n_events;

  store_world_move (w, id, RANAH_ACTION_DISPOSE_TO_KABID, RANAH_ROLE_KADIS);
  n_events = store_world_n_events (w, 0);
  move.action = RANAH_ACTION_DISPOSE_TO_SUBKOOR;
  move.request_id = id;
  move.expected_version = 1;  /* what Kabid saw before Kadis moved it */
  store_world_sign_in (w, RANAH_ROLE_KABID);
  g_assert_false (ranah_store_move (w->store, &move, &error));
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==,
                   "This request was changed by someone else; reload it and try again.");
  g_clear_error (&error);
  r = store_world_get (w, id);
  g_assert_cmpint (r->version, ==, 2);
  g_assert_cmpint (r->state, ==, RANAH_STATE_AT_KABID);
  g_assert_cmpuint (store_world_n_events (w, 0), ==, n_events);

  /* Idempotency: the same key twice moves once. */
  move.expected_version = 2;
  move.idempotency_key = "kabid-dispose-1";
  store_world_sign_in (w, RANAH_ROLE_KABID);
  g_assert_true (ranah_store_move (w->store, &move, &error));
  g_assert_no_error (error);
  g_assert_true (ranah_store_move (w->store, &move, &error));
  g_assert_no_error (error);
  g_clear_pointer (&r, ranah_request_free);
  r = store_world_get (w, id);
  g_assert_cmpint (r->version, ==, 3);
  g_assert_cmpuint (store_world_n_events (w, 0), ==, n_events + 1);
}

static void
test_duplicate_name (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahRequest) second = store_world_request (w, "Sehat");
  g_autoptr(RanahRequest) third = store_world_request (w, "sehat");
  gint64 id = store_world_submit (w, "sehat", TRUE);

  store_world_sign_in_as (w, "opd2");
  second->opd_id = 0;
  g_assert_cmpint (ranah_store_submit_request (w->store, second, NULL, &error), ==, 0);
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION);
  g_assert_cmpstr (error->message, ==,
                   "The name “sehat” is already held by request 2026/0001 of Dinas Kesehatan.");
  g_clear_error (&error);
  g_assert_false (ranah_store_check_name_free (w->store, "SEHAT", 0, &error));
  g_clear_error (&error);
  g_assert_true (ranah_store_check_name_free (w->store, "sehat", id, &error));
  g_assert_no_error (error);

  /* A withdrawn request frees its name. */
  store_world_move (w, id, RANAH_ACTION_WITHDRAW, RANAH_ROLE_OPD);
  store_world_sign_in_as (w, "opd2");
  third->opd_id = 0;
  g_assert_cmpint (ranah_store_submit_request (w->store, third, NULL, &error), >, 0);
  g_assert_no_error (error);
}

static void
test_inbox (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) inbox = NULL;
  g_autoptr(GPtrArray) overdue = NULL;
  g_autoptr(RanahUser) kabid2 = ranah_user_new ();
  g_autoptr(RanahHoliday) holiday = ranah_holiday_new ("2026-03-03", "Libur", TRUE);
  gint64 old, fresh, other, kabid2_id;
  RanahMove move = { 0 };
  g_autoptr(RanahRequest) r = NULL;

  g_free (kabid2->username);
  kabid2->username = g_strdup ("kabid2");
  kabid2->role = RANAH_ROLE_KABID;
  kabid2_id = ranah_store_add_user (w->store, kabid2, STORE_FIXTURE_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_true (ranah_store_add_holiday (w->store, holiday, &error));

  old = store_world_submit (w, NULL, TRUE);
  store_world_set_now (w, w->now + 3 * 86400);
  fresh = store_world_submit (w, NULL, TRUE);
  other = store_world_submit (w, NULL, TRUE);

  /* Two Kepala Bidang: Kadis must choose. */
  g_assert_false (store_world_try_move (w, other, RANAH_ACTION_DISPOSE_TO_KABID, RANAH_ROLE_KADIS,
                                        NULL, &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
  g_clear_error (&error);
  r = store_world_get (w, other);
  move.action = RANAH_ACTION_DISPOSE_TO_KABID;
  move.request_id = other;
  move.expected_version = r->version;
  move.to_user_id = kabid2_id;
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  g_assert_true (ranah_store_move (w->store, &move, &error));
  g_assert_no_error (error);
  move.to_user_id = w->user_ids[RANAH_ROLE_STAF];
  move.request_id = fresh;
  move.expected_version = 1;
  g_assert_false (ranah_store_move (w->store, &move, &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
  g_clear_error (&error);

  /* Kadis: the overdue one first (its Tuesday is a holiday, yet it is due by now). */
  inbox = ranah_store_inbox (w->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (inbox->len, ==, 2);
  g_assert_cmpint (((RanahRequest *) g_ptr_array_index (inbox, 0))->id, ==, old);
  g_assert_cmpint (((RanahRequest *) g_ptr_array_index (inbox, 1))->id, ==, fresh);
  g_clear_pointer (&inbox, g_ptr_array_unref);
  /* Its head: the first item in the same order, and how many there are in all. */
  {
    guint n_total = 0;

    inbox = ranah_store_inbox_head (w->store, 1, &n_total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (inbox->len, ==, 1);
    g_assert_cmpuint (n_total, ==, 2);
    g_assert_cmpint (((RanahRequest *) g_ptr_array_index (inbox, 0))->id, ==, old);
    g_clear_pointer (&inbox, g_ptr_array_unref);
  }
  overdue = ranah_store_list_overdue (w->store, &error);
  g_assert_cmpuint (overdue->len, ==, 1);

  /* The disposition to kabid2 is not in the first Kabid's inbox. */
  store_world_sign_in (w, RANAH_ROLE_KABID);
  inbox = ranah_store_inbox (w->store, &error);
  g_assert_cmpuint (inbox->len, ==, 0);
  g_clear_pointer (&inbox, g_ptr_array_unref);
  store_world_sign_in_as (w, "kabid2");
  inbox = ranah_store_inbox (w->store, &error);
  g_assert_cmpuint (inbox->len, ==, 1);
  g_clear_pointer (&inbox, g_ptr_array_unref);
  {
    guint n_total = 0;

    inbox = ranah_store_inbox_head (w->store, 40, &n_total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (inbox->len, ==, 1);
    g_assert_cmpuint (n_total, ==, 1);
    g_clear_pointer (&inbox, g_ptr_array_unref);
  }
  /* …nor may the first Kabid act on it. */
  g_assert_false (store_world_try_move (w, other, RANAH_ACTION_DISPOSE_TO_SUBKOOR,
                                        RANAH_ROLE_KABID, NULL, &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION);
}

/* The clock of @id's step by the store's calendar as it is now (signed in as the
 * administrator afterwards, as store_world_get () leaves it). */
static RanahClock
clock_of (StoreWorld *w,
          gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahCalendar) calendar = ranah_store_get_calendar (w->store, &error);
  g_autoptr(RanahRequest) r = store_world_get (w, id);
  RanahClock clock;

  g_assert_no_error (error);
  ranah_escalation_clock (calendar, r, ranah_store_now (w->store), &clock);
  return clock;
}

static guint
count_alerts (StoreWorld     *w,
              gint64          id,
              RanahAlertKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahCalendar) calendar = ranah_store_get_calendar (w->store, &error);
  RanahRequestFilter filter = { 0 };
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  guint n = 0;

  g_assert_no_error (error);
  filter.open_only = TRUE;
  open = ranah_store_list_requests (w->store, &filter, &error);
  g_assert_no_error (error);
  alerts = ranah_escalation_all (calendar, open, ranah_store_now (w->store), NULL);
  for (guint i = 0; i < alerts->len; i++)
    {
      RanahAlert *alert = g_ptr_array_index (alerts, i);

      n += alert->request_id == id && alert->kind == kind;
    }
  return n;
}

static gboolean
listed (GPtrArray *requests,
        gint64     id)
{
  for (guint i = 0; i < requests->len; i++)
    if (((RanahRequest *) g_ptr_array_index (requests, i))->id == id)
      return TRUE;
  return FALSE;
}

/* A holiday declared after a step started moves its due time: the step is no longer
 * overdue, and its breach and escalation are gone (issue 17). */
static void
test_holiday_moves_due (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) overdue = NULL;
  g_autoptr(RanahHoliday) holiday = ranah_holiday_new ("2026-03-03", "Cuti bersama", TRUE);
  g_autoptr(RanahHoliday) wednesday = ranah_holiday_new ("2026-03-04", "Libur", FALSE);
  g_autoptr(RanahRequest) stored = NULL;
  gint64 monday = w->now;          /* Monday 2 March 2026, 09:00 WITA */
  gint64 id = store_world_submit (w, NULL, TRUE);
  RanahClock clock;

  /* Due Tuesday 09:00 (1.5 h of Monday carried into Tuesday); Tuesday 10:00 is past it. */
  store_world_set_now (w, monday + 25 * 3600);
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  clock = clock_of (w, id);
  g_assert_cmpint (clock.due_at, ==, monday + 86400);
  g_assert_true (clock.overdue);
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  overdue = ranah_store_list_overdue (w->store, &error);
  g_assert_no_error (error);
  g_assert_true (listed (overdue, id));
  g_clear_pointer (&overdue, g_ptr_array_unref);
  g_assert_cmpuint (count_alerts (w, id, RANAH_ALERT_BREACH), ==, 1);
  g_assert_cmpuint (count_alerts (w, id, RANAH_ALERT_ESCALATED), ==, 0); /* Kadis: the top */

  /* Tuesday is declared cuti bersama: due Wednesday 09:00, not overdue, no breach. */
  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  g_assert_true (ranah_store_add_holiday (w->store, holiday, &error));
  g_assert_no_error (error);
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  clock = clock_of (w, id);
  g_assert_cmpint (clock.due_at, ==, monday + 2 * 86400);
  g_assert_false (clock.overdue);
  /* 7 h of Monday's 8.5 used: a warning, no breach. */
  g_assert_cmpfloat_with_epsilon (clock.used, 7.0 / 8.5, 1e-9);
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  overdue = ranah_store_list_overdue (w->store, &error);
  g_assert_no_error (error);
  g_assert_false (listed (overdue, id));
  g_clear_pointer (&overdue, g_ptr_array_unref);
  g_assert_cmpuint (count_alerts (w, id, RANAH_ALERT_BREACH), ==, 0);
  g_assert_cmpuint (count_alerts (w, id, RANAH_ALERT_WARN), ==, 1);
  /* What the store cached at the submission is left as it was, and nothing reads it. */
  stored = store_world_get (w, id);
  g_assert_cmpint (stored->due_at, ==, monday + 86400);

  /* The same at Kabid's step, and removing the holiday brings the breach back. */
  store_world_move (w, id, RANAH_ACTION_DISPOSE_TO_KABID, RANAH_ROLE_KADIS);
  store_world_set_now (w, monday + 2 * 86400 + 7 * 3600);          /* Wednesday 16:00 */
  store_world_sign_in (w, RANAH_ROLE_KABID);
  clock = clock_of (w, id);
  /* Disposed Tuesday 10:00, a holiday: the clock starts Wednesday 07:30, due at closing. */
  g_assert_cmpint (clock.due_at, ==, monday + 2 * 86400 + 7 * 3600);
  g_assert_true (clock.overdue);
  g_assert_cmpuint (count_alerts (w, id, RANAH_ALERT_ESCALATED), ==, 1);
  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  g_assert_true (ranah_store_add_holiday (w->store, wednesday, &error));
  g_assert_no_error (error);
  store_world_sign_in (w, RANAH_ROLE_KABID);
  clock = clock_of (w, id);
  g_assert_false (clock.overdue);
  g_assert_cmpuint (count_alerts (w, id, RANAH_ALERT_ESCALATED), ==, 0);
  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  g_assert_true (ranah_store_remove_holiday (w->store, "2026-03-04", &error));
  g_assert_no_error (error);
  store_world_sign_in (w, RANAH_ROLE_KABID);
  g_assert_true (clock_of (w, id).overdue);
}

/* The office hours are a profile setting, checked when set, that the calendar follows. */
static void
test_office_hours_setting (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) profile = NULL;
  g_autoptr(RanahCalendar) calendar = NULL;
  gint64 monday = w->now;
  gint64 id;

  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  profile = ranah_store_get_profile (w->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (profile, RANAH_PROFILE_OFFICE_HOURS), ==,
                   RANAH_OFFICE_HOURS_DEFAULT);
  g_assert_false (ranah_store_set_profile (w->store, RANAH_PROFILE_OFFICE_HOURS,
                                           "mon-fri 16:00-07:30", &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_false (ranah_store_set_profile (w->store, RANAH_PROFILE_OFFICE_HOURS, "", &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
  g_clear_error (&error);
  g_clear_pointer (&profile, g_hash_table_unref);
  profile = ranah_store_get_profile (w->store, &error);
  g_assert_cmpstr (g_hash_table_lookup (profile, RANAH_PROFILE_OFFICE_HOURS), ==,
                   RANAH_OFFICE_HOURS_DEFAULT);

  /* A Saturday morning office, Monday to Friday mornings: 4 h days. */
  g_assert_true (ranah_store_set_profile (w->store, RANAH_PROFILE_OFFICE_HOURS,
                                          "mon-sat 08:00-12:00", &error));
  g_assert_no_error (error);
  calendar = ranah_store_get_calendar (w->store, &error);
  g_assert_no_error (error);
  g_assert_true (ranah_calendar_is_working_day (calendar, "2026-03-07"));
  id = store_world_submit (w, NULL, TRUE);
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  /* Monday 09:00: 3 h of Monday, 1 h of Tuesday. */
  g_assert_cmpint (clock_of (w, id).due_at, ==, monday + 86400);
  store_world_set_now (w, monday + 86400 - 3600);
  g_assert_cmpfloat_with_epsilon (clock_of (w, id).used, 3.0 / 4.0, 1e-9);
}

/* A paper letter's clock starts when it arrived, not when it was typed in. */
static void
test_paper_letter_received (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahRequest) late = store_world_request (w, "surat-lama");
  g_autoptr(RanahRequest) timed = store_world_request (w, "surat-jam");
  g_autoptr(RanahRequest) future = store_world_request (w, "surat-besok");
  g_autoptr(RanahRequest) elsewhere = store_world_request (w, "surat-lain");
  g_autoptr(RanahRequest) got = NULL;
  g_autoptr(GPtrArray) inbox = NULL;
  g_autoptr(GPtrArray) overdue = NULL;
  g_autoptr(RanahCalendar) calendar = NULL;
  gint64 monday = w->now;          /* Monday 2 March 2026, 09:00 WITA */
  gint64 fresh, late_id, timed_id;
  RanahClock clock;

  fresh = store_world_submit (w, NULL, TRUE);
  store_world_sign_in (w, RANAH_ROLE_STAF);
  calendar = ranah_store_get_calendar (w->store, &error);
  g_assert_no_error (error);

  /* Received Thursday, two working days ago, and typed in now: due Thursday 16:00. */
  g_free (late->received_date);
  late->received_date = g_strdup ("2026-02-26");
  late_id = ranah_store_submit_request (w->store, late, NULL, &error);
  g_assert_no_error (error);
  got = store_world_get (w, late_id);
  g_assert_cmpint (ranah_escalation_received_at (calendar, got), ==,
                   ranah_calendar_moment (calendar, "2026-02-26", 7 * 60 + 30));
  clock = clock_of (w, late_id);
  g_assert_cmpuint (clock.step, ==, 2);
  g_assert_true (clock.overdue);
  g_assert_cmpint (clock.due_at, ==, ranah_calendar_moment (calendar, "2026-02-26", 16 * 60));
  g_assert_cmpfloat_with_epsilon (clock.waited_days, 2.0 + 1.5 / 8.5, 1e-9);
  g_clear_pointer (&got, ranah_request_free);
  store_world_sign_in (w, RANAH_ROLE_STAF);

  /* With its time: Friday 14:00 is due Monday 14:00, not yet overdue, on both stores. */
  g_free (timed->received_date);
  timed->received_date = g_strdup ("2026-02-27");
  timed->received_at = ranah_calendar_moment (calendar, "2026-02-27", 14 * 60);
  timed_id = ranah_store_submit_request (w->store, timed, NULL, &error);
  g_assert_no_error (error);
  clock = clock_of (w, timed_id);
  store_world_sign_in (w, RANAH_ROLE_STAF);
  g_assert_cmpint (clock.due_at, ==, monday + 5 * 3600);
  g_assert_false (clock.overdue);
  g_assert_cmpfloat_with_epsilon (clock.used, 4.0 / 9.0, 1e-9);

  /* A time in the future, or on another day than the received date, is refused. */
  g_free (future->received_date);
  future->received_date = g_strdup ("2026-03-02");
  future->received_at = monday + 3600;
  g_assert_cmpint (ranah_store_submit_request (w->store, future, NULL, &error), ==, 0);
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
  g_clear_error (&error);
  g_free (elsewhere->received_date);
  elsewhere->received_date = g_strdup ("2026-02-27");
  elsewhere->received_at = ranah_calendar_moment (calendar, "2026-02-26", 10 * 60);
  g_assert_cmpint (ranah_store_submit_request (w->store, elsewhere, NULL, &error), ==, 0);
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
  g_clear_error (&error);

  /* Kadis sees the old letter first, overdue, though it was typed in after the other. */
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  inbox = ranah_store_inbox (w->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (inbox->len, ==, 3);
  g_assert_cmpint (((RanahRequest *) g_ptr_array_index (inbox, 0))->id, ==, late_id);
  if (store_fixture_is_sqlite ())
    {
      g_assert_cmpint (((RanahRequest *) g_ptr_array_index (inbox, 1))->id, ==, timed_id);
      g_assert_cmpint (((RanahRequest *) g_ptr_array_index (inbox, 2))->id, ==, fresh);
    }
  g_clear_pointer (&inbox, g_ptr_array_unref);
  {
    guint n_total = 0;

    inbox = ranah_store_inbox_head (w->store, 1, &n_total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (n_total, ==, 3);
    if (store_fixture_is_sqlite ())
      g_assert_cmpint (((RanahRequest *) g_ptr_array_index (inbox, 0))->id, ==, late_id);
  }
  overdue = ranah_store_list_overdue (w->store, &error);
  g_assert_no_error (error);
  g_assert_true (listed (overdue, late_id));
  g_assert_false (listed (overdue, fresh));
  /* The letter entered the day it arrived: its clock starts at its entry. */
  clock = clock_of (w, fresh);
  g_assert_cmpint (clock.started, ==, monday);
  g_assert_false (clock.overdue);
}

static void
test_registry (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_entry_free);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(RanahEntry) got = NULL;
  RanahEntryFilter filter = { NULL, 0, -1 };
  struct { const char *name, *opd, *target; guint line; } rows[] = {
    { "portal-sehat", "DINKES", "103.20.30.41", 2 },
    { "sekolah", "Dinas Pendidikan", "103.20.30.42", 3 },
    { "PORTAL-SEHAT", "dinkes", "103.20.30.43", 4 },   /* duplicate in the file */
    { "arsip", "Dinas Rahasia", "103.20.30.44", 5 },   /* unknown OPD */
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      RanahEntry *e = ranah_entry_new ();
      g_free (e->name);
      e->name = g_strdup (rows[i].name);
      g_free (e->opd_name);
      e->opd_name = g_strdup (rows[i].opd);
      e->id = rows[i].line;
      g_ptr_array_add (e->records, ranah_record_new (RANAH_RECORD_A, "", rows[i].target));
      g_ptr_array_add (entries, e);
    }

  store_world_sign_in (w, RANAH_ROLE_KADIS);
  g_assert_false (ranah_store_import_entries (w->store, entries, &problems, &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION);
  g_clear_error (&error);

  store_world_sign_in (w, RANAH_ROLE_SUBKOOR);
  g_assert_false (ranah_store_import_entries (w->store, entries, &problems, &error));
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpuint (((RanahImportProblem *) g_ptr_array_index (problems, 0))->line, ==, 4);
  g_assert_cmpuint (((RanahImportProblem *) g_ptr_array_index (problems, 1))->line, ==, 5);
  g_clear_pointer (&problems, g_ptr_array_unref);
  listed = ranah_store_list_entries (w->store, NULL, &error);
  g_assert_cmpuint (listed->len, ==, 0);
  g_clear_pointer (&listed, g_ptr_array_unref);

  g_ptr_array_set_size (entries, 2);
  g_assert_true (ranah_store_import_entries (w->store, entries, &problems, &error));
  g_assert_no_error (error);
  listed = ranah_store_list_entries (w->store, NULL, &error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_clear_pointer (&listed, g_ptr_array_unref);

  /* Against the registry now: the same file again is all duplicates. */
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_false (ranah_store_import_entries (w->store, entries, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 2);
  g_clear_error (&error);

  filter.text = "sekolah";
  listed = ranah_store_list_entries (w->store, &filter, &error);
  g_assert_cmpuint (listed->len, ==, 1);
  got = ranah_entry_copy (g_ptr_array_index (listed, 0));
  g_clear_pointer (&listed, g_ptr_array_unref);
  g_assert_cmpstr (got->fqdn, ==, "sekolah.tarakankota.go.id");
  g_assert_cmpint (got->opd_id, ==, w->opd2_id);

  g_assert_true (ranah_store_set_entry_status (w->store, got->id, got->version,
                                               RANAH_ENTRY_SUSPENDED, "Situs diretas", &error));
  g_assert_no_error (error);
  g_assert_false (ranah_store_set_entry_status (w->store, got->id, got->version,
                                                RANAH_ENTRY_REVOKED, NULL, &error));
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (ranah_store_record_check (w->store, got->id, FALSE, "NXDOMAIN", &error));
  g_clear_pointer (&got, ranah_entry_free);
  store_world_sign_in_as (w, "opd2");
  listed = ranah_store_list_entries (w->store, NULL, &error);
  g_assert_cmpuint (listed->len, ==, 1);
  got = ranah_store_get_entry (w->store, ((RanahEntry *) g_ptr_array_index (listed, 0))->id,
                               &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->status, ==, RANAH_ENTRY_SUSPENDED);
  g_assert_cmpstr (got->last_check, ==, "NXDOMAIN");
  g_assert_cmpint (got->version, ==, 2);
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  g_assert_true (ranah_store_verify_audit (w->store, &error));
  g_assert_no_error (error);
}

/* Finds @fqdn in @list, or NULL. */
static const RanahEntry *
find_entry (GPtrArray  *list,
            const char *fqdn)
{
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const RanahEntry *e = g_ptr_array_index (list, i);
      if (g_strcmp0 (e->fqdn, fqdn) == 0)
        return e;
    }
  return NULL;
}

static void
test_failing_checks (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_entry_free);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) failing = NULL;
  g_autoptr(RanahEntry) got = NULL;
  RanahEntryFilter filter = { NULL, 0, -1, TRUE };
  static const char *const names[] = { "rusak", "sehat", "belum", "pulih" };
  gint64 ids[G_N_ELEMENTS (names)];

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      RanahEntry *e = ranah_entry_new ();
      g_free (e->name);
      e->name = g_strdup (names[i]);
      g_free (e->opd_name);
      e->opd_name = g_strdup (i == 0 ? "DINKES" : "Dinas Pendidikan");
      e->id = i + 2;
      g_ptr_array_add (e->records, ranah_record_new (RANAH_RECORD_A, "", "103.20.30.50"));
      g_ptr_array_add (entries, e);
    }
  store_world_sign_in (w, RANAH_ROLE_STAF);
  g_assert_true (ranah_store_import_entries (w->store, entries, &problems, &error));
  g_assert_no_error (error);
  all = ranah_store_list_entries (w->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *fqdn = g_strconcat (names[i], ".tarakankota.go.id", NULL);
      const RanahEntry *e = find_entry (all, fqdn);

      g_assert_nonnull (e);
      /* Never checked: not passing, and not failing either. */
      g_assert_cmpint (e->last_check_at, ==, 0);
      g_assert_false (e->last_check_ok);
      ids[i] = e->id;
    }

  /* rusak fails; sehat passes; belum is never checked; pulih fails, then passes. */
  g_assert_true (ranah_store_record_check (w->store, ids[0], FALSE,
                                           "certificate expires in 12 days", &error));
  g_assert_true (ranah_store_record_check (w->store, ids[1], TRUE, "resolves: 103.20.30.50",
                                           &error));
  g_assert_true (ranah_store_record_check (w->store, ids[3], FALSE, "NXDOMAIN", &error));
  store_world_set_now (w, w->now + 60);
  g_assert_true (ranah_store_record_check (w->store, ids[3], TRUE, "resolves: 103.20.30.50",
                                           &error));
  g_assert_no_error (error);

  got = ranah_store_get_entry (w->store, ids[0], &error);
  g_assert_no_error (error);
  g_assert_false (got->last_check_ok);
  g_assert_cmpint (got->last_check_at, !=, 0);
  g_assert_cmpstr (got->last_check, ==, "certificate expires in 12 days");
  g_clear_pointer (&got, ranah_entry_free);
  got = ranah_store_get_entry (w->store, ids[1], &error);
  g_assert_true (got->last_check_ok);
  g_clear_pointer (&got, ranah_entry_free);
  got = ranah_store_get_entry (w->store, ids[3], &error);
  g_assert_true (got->last_check_ok);
  g_clear_pointer (&got, ranah_entry_free);

  g_clear_pointer (&all, g_ptr_array_unref);
  all = ranah_store_list_entries (w->store, NULL, &error);
  g_assert_false (find_entry (all, "rusak.tarakankota.go.id")->last_check_ok);
  g_assert_true (find_entry (all, "sehat.tarakankota.go.id")->last_check_ok);
  g_assert_false (find_entry (all, "belum.tarakankota.go.id")->last_check_ok);
  g_assert_true (find_entry (all, "pulih.tarakankota.go.id")->last_check_ok);

  /* failing_only: exactly the entries whose last check ran and failed. */
  failing = ranah_store_list_entries (w->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (failing->len, ==, 1);
  g_assert_cmpint (((RanahEntry *) g_ptr_array_index (failing, 0))->id, ==, ids[0]);
  g_assert_false (((RanahEntry *) g_ptr_array_index (failing, 0))->last_check_ok);
  g_clear_pointer (&failing, g_ptr_array_unref);

  /* It combines with the other criteria. */
  filter.opd_id = w->opd2_id;
  failing = ranah_store_list_entries (w->store, &filter, &error);
  g_assert_cmpuint (failing->len, ==, 0);
  g_clear_pointer (&failing, g_ptr_array_unref);
  filter.opd_id = 0;
  filter.text = "belum";
  failing = ranah_store_list_entries (w->store, &filter, &error);
  g_assert_cmpuint (failing->len, ==, 0);
  g_clear_pointer (&failing, g_ptr_array_unref);
  filter.text = "rusak";
  failing = ranah_store_list_entries (w->store, &filter, &error);
  g_assert_cmpuint (failing->len, ==, 1);
  g_clear_pointer (&failing, g_ptr_array_unref);

  /* A later failing check of sehat makes it failing too. */
  filter.text = NULL;
  g_assert_true (ranah_store_record_check (w->store, ids[1], FALSE, "dangling CNAME", &error));
  failing = ranah_store_list_entries (w->store, &filter, &error);
  g_assert_cmpuint (failing->len, ==, 2);
  g_clear_pointer (&failing, g_ptr_array_unref);

  /* An OPD user sees only their own OPD's failing entries. */
  store_world_sign_in_as (w, "opd2");
  failing = ranah_store_list_entries (w->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (failing->len, ==, 1);
  g_assert_cmpint (((RanahEntry *) g_ptr_array_index (failing, 0))->id, ==, ids[1]);
}

static void
test_hostile_input (void)
{
  static const char *const payloads[] = {
    "'); DROP TABLE requests; --",
    "\" OR 1=1 --",
    "%s%s%s%n%x",
    "Robert'); DELETE FROM events WHERE ('1'='1",
    "\u202Eevil\u202C",
  };
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      g_autoptr(RanahRequest) r = store_world_request (w, NULL);
      g_autoptr(RanahRequest) got = NULL;
      g_autoptr(RanahOpd) opd = ranah_opd_new ();
      g_autoptr(GPtrArray) found = NULL;
      RanahRequestFilter filter = { 0 };
      gint64 id;

      g_free (r->hal);
      r->hal = g_strdup (payloads[i]);
      g_free (r->purpose);
      r->purpose = g_strdup (payloads[i]);
      g_free (r->contact_name);
      r->contact_name = g_strdup (payloads[i]);
      store_world_sign_in (w, RANAH_ROLE_OPD);
      id = ranah_store_submit_request (w->store, r, NULL, &error);
      if (id == 0)
        {
          /* Refused by validation is fine too; never half stored. */
          g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
          g_clear_error (&error);
          continue;
        }
      got = store_world_get (w, id);
      g_assert_cmpstr (got->hal, ==, payloads[i]);
      g_assert_cmpstr (got->purpose, ==, payloads[i]);
      filter.text = payloads[i];
      found = ranah_store_list_requests (w->store, &filter, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, 1);

      g_free (opd->code);
      opd->code = g_strdup_printf ("X%u", i);
      g_free (opd->name);
      opd->name = g_strdup (payloads[i]);
      ranah_store_add_opd (w->store, opd, &error);
      g_clear_error (&error);
      g_assert_true (store_world_try_move (w, id, RANAH_ACTION_WITHDRAW, RANAH_ROLE_OPD,
                                           payloads[i], &error));
      g_assert_no_error (error);
      g_clear_pointer (&got, ranah_request_free);
      got = store_world_get (w, id);
      g_assert_cmpstr (got->note, ==, payloads[i]);
    }
  {
    g_autoptr(RanahRequest) r = store_world_request (w, NULL);
    g_autofree char *huge = g_strnfill (100000, 'a');
    g_free (r->hal);
    r->hal = g_strdup (huge);
    store_world_sign_in (w, RANAH_ROLE_OPD);
    g_assert_cmpint (ranah_store_submit_request (w->store, r, NULL, &error), ==, 0);
    g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
    g_clear_error (&error);
  }
  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  g_assert_true (ranah_store_verify_audit (w->store, &error));
  g_assert_no_error (error);
}

typedef struct {
  const char *uri;
  gint64      now;
  GArray     *ids;
  guint       first;
  guint       stride;
  GMutex     *lock;
  GPtrArray  *errors;
} SignerJob;

static gpointer
signer_thread (gpointer data)
{
  SignerJob *job = data;
  g_autoptr(RanahStore) store = store_fixture_open_uri (job->uri);
  g_autoptr(GError) error = NULL;

  ranah_store_set_now (store, job->now);
  if (!ranah_store_sign_in (store, "kadis", STORE_FIXTURE_PASSWORD, &error))
    goto out;
  for (guint i = job->first; i < job->ids->len; i += job->stride)
    {
      gint64 id = g_array_index (job->ids, gint64, i);
      g_autoptr(RanahRequest) r = ranah_store_get_request (store, id, &error);
      RanahMove move = { 0 };

      if (r == NULL)
        goto out;
      move.action = RANAH_ACTION_SIGN;
      move.request_id = id;
      move.expected_version = r->version;
      move.render = store_fixture_render;
      if (!ranah_store_move (store, &move, &error))
        goto out;
    }
out:
  if (error != NULL)
    {
      g_mutex_lock (job->lock);
      g_ptr_array_add (job->errors, g_strdup (error->message));
      g_mutex_unlock (job->lock);
    }
  return NULL;
}

static void
test_letter_numbers_concurrent (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GThread *threads[16];
  SignerJob jobs[16];
  GMutex lock;
  const guint n = 48;

  g_mutex_init (&lock);
  for (guint i = 0; i < n; i++)
    {
      gint64 id = store_world_request_in (w, RANAH_STATE_REVIEWED, i % 4 == 0);
      g_array_append_val (ids, id);
    }
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      jobs[t] = (SignerJob) { w->uri, w->now, ids, t, G_N_ELEMENTS (threads), &lock, errors };
      threads[t] = g_thread_new ("signer", signer_thread, &jobs[t]);
    }
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    g_thread_join (threads[t]);
  for (guint i = 0; i < errors->len; i++)
    g_printerr ("signer: %s\n", (char *) g_ptr_array_index (errors, i));
  g_assert_cmpuint (errors->len, ==, 0);

  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RanahLetter) letter = ranah_store_get_letter (w->store,
                                                              g_array_index (ids, gint64, i),
                                                              &error);
      g_assert_no_error (error);
      g_assert_cmpint (letter->state, ==, RANAH_LETTER_SIGNED);
      g_assert_true (g_hash_table_add (numbers, g_strdup (letter->number)));
    }
  /* Unique and gap-free: exactly 0001…0048. */
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *number = g_strdup_printf ("000.5.2/%04u/DKISP/2026", i);
      g_assert_true (g_hash_table_contains (numbers, number));
    }
  {
    g_autoptr(GError) error = NULL;
    store_world_sign_in (w, RANAH_ROLE_KADIS);
    g_assert_true (ranah_store_verify_audit (w->store, &error));
    g_assert_no_error (error);
  }
  g_mutex_clear (&lock);
}

/* The whole audit trail is DKISP's: an OPD's users read only their own OPD's requests'
 * events, on every backend, and may not verify a trail they cannot see whole. */
static void
test_audit_visibility (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = store_world_submit (w, NULL, TRUE);
  guint n_request_events;

  store_world_move (w, id, RANAH_ACTION_DISPOSE_TO_KABID, RANAH_ROLE_KADIS);

  store_world_sign_in (w, RANAH_ROLE_KADIS);
  all = ranah_store_list_events (w->store, 0, &error);
  g_assert_no_error (error);
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  g_assert_true (ranah_store_verify_audit (w->store, &error));
  g_assert_no_error (error);

  n_request_events = store_world_n_events (w, id);
  store_world_sign_in (w, RANAH_ROLE_OPD);
  mine = ranah_store_list_events (w->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mine->len, ==, n_request_events);
  g_assert_cmpuint (mine->len, <, all->len);
  for (guint i = 0; i < mine->len; i++)
    g_assert_cmpint (((RanahEvent *) g_ptr_array_index (mine, i))->request_id, ==, id);
  g_assert_false (ranah_store_verify_audit (w->store, &error));
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  store_world_sign_in_as (w, "opd2");
  others = ranah_store_list_events (w->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (others->len, ==, 0);
}

int
main (int argc, char *argv[])
{
  g_setenv ("RANAH_TEST_FAST_PWHASH", "1", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ranah/store/session/initialize-sign-in", test_session);
  g_test_add_func ("/ranah/store/admin/verbs-audited", test_admin);
  g_test_add_func ("/ranah/store/admin/holidays-all-or-nothing", test_add_holidays);
  g_test_add_func ("/ranah/store/request/submit-get-list", test_submit_get);
  g_test_add_func ("/ranah/store/request/validation-stores-nothing", test_validation);
  g_test_add_func ("/ranah/store/request/attachment-pdf-and-limit", test_attachment);
  g_test_add_func ("/ranah/store/request/duplicate-name", test_duplicate_name);
  g_test_add_func ("/ranah/store/move/full-run", test_full_run);
  g_test_add_func ("/ranah/store/move/decline-return-withdraw-recall", test_side_paths);
  g_test_add_func ("/ranah/store/move/authorization-sweep", test_authorization_sweep);
  g_test_add_func ("/ranah/store/move/kelengkapan", test_kelengkapan);
  g_test_add_func ("/ranah/store/move/conflict-and-idempotency", test_conflict);
  g_test_add_func ("/ranah/store/inbox/holders-assignee-overdue", test_inbox);
  g_test_add_func ("/ranah/store/clock/holiday-moves-due", test_holiday_moves_due);
  g_test_add_func ("/ranah/store/clock/office-hours-setting", test_office_hours_setting);
  g_test_add_func ("/ranah/store/clock/paper-letter-received", test_paper_letter_received);
  g_test_add_func ("/ranah/store/registry/import-status-check", test_registry);
  g_test_add_func ("/ranah/store/registry/failing-checks", test_failing_checks);
  g_test_add_func ("/ranah/store/request/hostile-input", test_hostile_input);
  g_test_add_func ("/ranah/store/letter/numbers-concurrent", test_letter_numbers_concurrent);
  g_test_add_func ("/ranah/store/audit/opd-sees-own-events", test_audit_visibility);

  return g_test_run ();
}
