/* test-free-text.c — text over several lines holds no character that changes its direction,
 * for any backend
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * U+202E and the other direction controls make stored text read differently from what it
 * is: "laporan", U+202E, "fdp.exe" shows as "laporanexe.pdf". Single-line fields always
 * refused them; a purpose, a note, a reason or a letter body took them. Every one of these
 * is refused now by the C checks of both stores, with a validation error of one sentence and
 * nothing stored. Backend-neutral: tests/pg/meson.build runs it again on PostgreSQL.
 */
#include "config.h"

#include <string.h>

#include "store-fixture.h"

/* Each direction control, in the middle of text over two lines. */
static const char *const payloads[] = {
  "Mohon disetujui.\nlaporan\u202e" "fdp.exe",   /* RIGHT-TO-LEFT OVERRIDE */
  "Mohon disetujui.\n\u202d" "abc",              /* LEFT-TO-RIGHT OVERRIDE */
  "Mohon disetujui.\n\u202a" "abc\u202c",        /* embedding … pop */
  "Mohon disetujui.\n\u2067" "abc\u2069",        /* RIGHT-TO-LEFT ISOLATE … pop */
  "Mohon disetujui.\n\u200f" "abc",              /* RIGHT-TO-LEFT MARK */
  "Mohon disetujui.\n\u061c" "abc",              /* ARABIC LETTER MARK */
};

/* Call as assert_refused (WHERE, CALL (…, &error), &error): the result is taken before the
 * error is read. */
static void
assert_refused (const char  *where,
                gboolean     ok,
                GError     **errorp)
{
  GError *error = *errorp;

  if (ok)
    g_error ("%s: stored text with a direction control", where);
  if (!g_error_matches (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION))
    g_error ("%s: refused with %s (%s %d), not a validation error", where,
             error != NULL ? error->message : "nothing",
             error != NULL ? g_quark_to_string (error->domain) : "", error ? error->code : 0);
  g_assert_nonnull (strstr (error->message, "direction"));
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_purpose (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();

  store_world_sign_in (w, RANAH_ROLE_OPD);
  for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      g_autoptr(RanahRequest) r = store_world_request (w, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) all = NULL;
      gint64 id;

      g_free (r->purpose);
      r->purpose = g_strdup (payloads[i]);
      id = ranah_store_submit_request (w->store, r, NULL, &error);
      assert_refused ("purpose", id > 0, &error);
      g_clear_error (&error);
      all = ranah_store_list_requests (w->store, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (all->len, ==, 0);
    }
  /* Right-to-left script itself is welcome. */
  {
    g_autoptr(RanahRequest) r = store_world_request (w, NULL);
    g_autoptr(GError) error = NULL;

    g_free (r->purpose);
    r->purpose = g_strdup ("Layanan informasi.\nمعلومات");
    g_assert_cmpint (ranah_store_submit_request (w->store, r, NULL, &error), >, 0);
    g_assert_no_error (error);
  }
}

static void
test_notes_and_reasons (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  gint64 id = store_world_submit (w, NULL, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      g_autoptr(RanahRequest) r = store_world_get (w, id);
      g_autoptr(GError) error = NULL;
      RanahMove move = { 0 };
      const char *const instructions[] = { "tindaklanjuti", NULL };

      /* A disposition's note (step 2). */
      store_world_sign_in (w, RANAH_ROLE_KADIS);
      move.action = RANAH_ACTION_DISPOSE_TO_KABID;
      move.request_id = id;
      move.expected_version = r->version;
      move.note = payloads[i];
      move.instructions = instructions;
      assert_refused ("disposition note", ranah_store_move (w->store, &move, &error), &error);
      g_clear_error (&error);

      /* A refusal's reason, a withdrawal's note. */
      assert_refused ("decline reason",
                      store_world_try_move (w, id, RANAH_ACTION_DECLINE, RANAH_ROLE_KADIS,
                                            payloads[i], &error), &error);
      g_clear_error (&error);
      assert_refused ("withdrawal note",
                      store_world_try_move (w, id, RANAH_ACTION_WITHDRAW, RANAH_ROLE_OPD,
                                            payloads[i], &error), &error);
      g_clear_error (&error);
    }
  /* Nothing moved. */
  {
    g_autoptr(RanahRequest) r = store_world_get (w, id);
    g_assert_cmpint (r->state, ==, RANAH_STATE_SUBMITTED);
    g_assert_cmpint (r->version, ==, 1);
  }
}

static void
test_letter_and_registry (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  gint64 id = store_world_request_in (w, RANAH_STATE_DRAFTING, FALSE);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      g_autoptr(RanahRequest) r = store_world_get (w, id);
      g_autoptr(RanahLetter) draft = ranah_letter_new ();
      RanahMove move = { 0 };

      /* The body of the Surat Tanggapan (step 7). */
      store_world_sign_in (w, RANAH_ROLE_SUBKOOR);
      g_free (draft->body);
      draft->body = g_strdup (payloads[i]);
      move.action = RANAH_ACTION_DRAFT;
      move.request_id = id;
      move.expected_version = r->version;
      move.draft = draft;
      assert_refused ("letter body", ranah_store_move (w->store, &move, &error), &error);
      g_clear_error (&error);
    }

  /* A registry entry's suspension reason. */
  store_world_move (w, id, RANAH_ACTION_DRAFT, RANAH_ROLE_SUBKOOR);
  store_world_sign_in (w, RANAH_ROLE_STAF);
  entries = ranah_store_list_entries (w->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >=, 1);
  for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      RanahEntry *entry = g_ptr_array_index (entries, 0);

      assert_refused ("suspension reason",
                      ranah_store_set_entry_status (w->store, entry->id, entry->version,
                                                    RANAH_ENTRY_SUSPENDED, payloads[i],
                                                    &error), &error);
      g_clear_error (&error);
      assert_refused ("check result",
                      ranah_store_record_check (w->store, entry->id, FALSE, payloads[i],
                                                &error), &error);
      g_clear_error (&error);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("RANAH_TEST_FAST_PWHASH", "1", TRUE);

  g_test_add_func ("/ranah/store/free-text/purpose-without-direction-controls", test_purpose);
  g_test_add_func ("/ranah/store/free-text/notes-and-reasons-without-direction-controls",
                   test_notes_and_reasons);
  g_test_add_func ("/ranah/store/free-text/letter-body-and-registry-without-direction-controls",
                   test_letter_and_registry);

  return g_test_run ();
}
