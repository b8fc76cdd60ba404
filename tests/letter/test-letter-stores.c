/* test-letter-stores.c — the letter layer on either store: the draft preview names what the
 * letter lacks, the signed letter prints its signer's own account and the head of its
 * audit chain, and verify finds that event in the store or says it is gone
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store fixture's stores (tests/store/store-fixture.h): SQLite here, PostgreSQL under
 * tests/pg/pg-harness.sh (tests/letter/meson.build registers both).
 */
#include <string.h>

#include "letter-test-util.h"
#include "store-fixture.h"

#define LACKS_NIP_AND_RANK "This letter cannot be signed yet: the signer’s NIP and the " \
                           "signer’s rank are not filled in."

static char *tmp_dir;

static void
update_signer (StoreWorld *w,
               const char *nip,
               const char *rank)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahUser) kadis = NULL;

  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  kadis = ranah_store_find_user (w->store, "kadis", &error);
  g_assert_no_error (error);
  g_free (kadis->nip);
  kadis->nip = g_strdup (nip);
  g_free (kadis->rank);
  kadis->rank = g_strdup (rank);
  g_assert_true (ranah_store_update_user (w->store, kadis, &error));
  g_assert_no_error (error);
}

static gboolean
sign (StoreWorld  *w,
      gint64       id,
      GError     **error)
{
  g_autoptr(RanahRequest) r = store_world_get (w, id);
  RanahMove move = { 0 };

  move.action = RANAH_ACTION_SIGN;
  move.request_id = id;
  move.expected_version = r->version;
  /* The real renderer, as the app and ranah-cli sign. */
  move.render = ranah_letter_render_signed;
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  move.render_data = w->store;
  return ranah_store_move (w->store, &move, error);
}

static char *
text_of (GBytes     *pdf,
         const char *name)
{
  g_autofree char *path = util_write (tmp_dir, name, pdf);

  return util_text (path);
}

static void
test_preview_names_missing (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) draft = NULL;
  g_autofree char *text = NULL;
  gint64 id = store_world_request_in (w, RANAH_STATE_REVIEWED, FALSE);

  store_world_sign_in (w, RANAH_ROLE_KADIS);
  g_assert_true (ranah_letter_check_from_store (w->store, id, &error));
  g_assert_no_error (error);

  update_signer (w, "", "");
  /* The Kepala Dinas who would sign, and anyone else looking at the draft. */
  for (RanahRole role = RANAH_ROLE_KADIS; role <= RANAH_ROLE_STAF; role++)
    {
      store_world_sign_in (w, role);
      g_assert_false (ranah_letter_check_from_store (w->store, id, &error));
      g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_INCOMPLETE);
      g_assert_cmpstr (error->message, ==, LACKS_NIP_AND_RANK);
      g_clear_error (&error);
    }

  /* The draft shows the signer's own name and dots where the rest belongs. */
  draft = ranah_letter_render_from_store (w->store, id, &error);
  g_assert_no_error (error);
  text = text_of (draft, "draft-lacking.pdf");
  g_assert_nonnull (strstr (text, "Pejabat kadis"));
  g_assert_nonnull (strstr (text, "NIP. ......"));
  g_assert_null (strstr (text, "19720315"));

  /* Signing says the same and signs nothing. */
  g_assert_false (sign (w, id, &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_INCOMPLETE);
  g_assert_cmpstr (error->message, ==, LACKS_NIP_AND_RANK);
  g_clear_error (&error);

  update_signer (w, "197203151998031004", "Pembina Utama Muda (IV/c)");
  store_world_sign_in (w, RANAH_ROLE_SUBKOOR);
  g_assert_true (ranah_letter_check_from_store (w->store, id, &error));
  g_assert_no_error (error);
  g_assert_true (sign (w, id, &error));
  g_assert_no_error (error);
}

static void
test_verify_audit_head (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahLetter) letter = NULL;
  g_autoptr(RanahLetter) verified = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *head = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *sqlite_sql = NULL;
  g_autofree char *pg_sql = NULL;
  gint64 id = store_world_request_in (w, RANAH_STATE_REVIEWED, FALSE);

  g_assert_true (sign (w, id, &error));
  g_assert_no_error (error);
  letter = ranah_store_get_letter (w->store, id, &error);
  g_assert_no_error (error);
  pdf = ranah_store_get_letter_pdf (w->store, letter->id, &error);
  g_assert_no_error (error);

  /* Printed: the signer's own account, and the chain's head before the signing. */
  head = ranah_letter_audit_head_text (letter);
  g_assert_nonnull (head);
  text = text_of (pdf, "signed.pdf");
  g_assert_nonnull (strstr (text, "Pejabat kadis"));
  g_assert_nonnull (strstr (text, "Pembina Utama Muda (IV/c)"));
  g_assert_nonnull (strstr (text, "NIP. 19720315 199803 1 004"));
  g_assert_nonnull (strstr (text, "Jejak audit:"));
  g_assert_nonnull (strstr (text, head));

  g_assert_true (ranah_letter_verify_pdf (w->store, pdf, &verified, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (verified->audit_seq, ==, letter->audit_seq);
  sentence = ranah_letter_describe_audit_head (verified);
  g_assert_nonnull (strstr (sentence, "still holds the audit event"));
  g_assert_nonnull (strstr (sentence, head));

  /* The event taken out of the trail, past the store (its triggers off): verify says so. */
  sqlite_sql = g_strdup_printf ("DROP TRIGGER events_no_delete; DELETE FROM events WHERE "
                                "chain = %" G_GINT64_FORMAT " AND chain_seq = %" G_GINT64_FORMAT
                                ";", id, letter->audit_seq);
  pg_sql = g_strdup_printf ("ALTER TABLE ranah.events DISABLE TRIGGER events_append_only; "
                            "DELETE FROM ranah.events WHERE chain = %" G_GINT64_FORMAT
                            " AND chain_seq = %" G_GINT64_FORMAT "; ALTER TABLE ranah.events "
                            "ENABLE TRIGGER events_append_only;", id, letter->audit_seq);
  store_world_raw_exec (w, sqlite_sql, pg_sql);
  g_clear_pointer (&verified, ranah_letter_free);
  g_assert_false (ranah_letter_verify_pdf (w->store, pdf, &verified, NULL, &error));
  g_assert_error (error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_AUDIT_MISSING);
  g_assert_null (verified);
  g_assert_cmpint (ranah_failure_classify (error), ==, RANAH_FAILURE_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, head));
  g_assert_nonnull (strstr (error->message, letter->number));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("RANAH_TEST_FAST_PWHASH", "1", TRUE);
  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("ranah-letter-stores-XXXXXX", NULL);

  g_test_add_func ("/ranah/letter/stores/preview-names-missing", test_preview_names_missing);
  g_test_add_func ("/ranah/letter/stores/verify-audit-head", test_verify_audit_head);

  status = g_test_run ();
  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (tmp_dir);
  }
  return status;
}
