/* test-active-since.c — the Surat Tanggapan says the name is active since the day DNS was
 * seen to serve it (its records' proofs), not the day of step 5 or of the draft
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store fixture's stores (tests/store/store-fixture.h): SQLite here, PostgreSQL under
 * tests/pg/pg-harness.sh (tests/letter/meson.build registers both). The letters are rendered
 * by the letter layer and read back with pdftotext.
 */
#include <string.h>

#include "letter-test-util.h"
#include "store-fixture.h"

#define DAY 86400

static char *tmp_dir;

static char *
text_of (GBytes     *pdf,
         const char *name)
{
  g_autofree char *path = util_write (tmp_dir, name, pdf);

  return util_text (path);
}

static void
test_verification_date (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahRequest) r = NULL;
  g_autoptr(RanahLetter) letter = NULL;
  g_autoptr(GBytes) draft = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *draft_text = NULL;
  g_autofree char *signed_text = NULL;
  g_autofree char *active = NULL;
  RanahMove move = { 0 };
  gint64 id = store_world_request_in (w, RANAH_STATE_AT_STAF, FALSE);

  /* Seen in DNS on Monday 2 March; step 5 on Thursday, the draft on Friday, the signature
   * the Monday after. */
  store_world_prove (w, id);
  store_world_set_now (w, w->now + 3 * DAY);
  g_assert_true (store_world_try_move (w, id, RANAH_ACTION_CREATE, RANAH_ROLE_STAF, NULL,
                                       &error));
  g_assert_no_error (error);
  store_world_move (w, id, RANAH_ACTION_REPORT, RANAH_ROLE_STAF);
  store_world_set_now (w, w->now + DAY);
  store_world_move (w, id, RANAH_ACTION_DRAFT, RANAH_ROLE_SUBKOOR);
  r = store_world_get (w, id);
  active = g_strdup_printf ("%s telah aktif sejak tanggal 2 Maret 2026", r->fqdn);

  store_world_sign_in (w, RANAH_ROLE_KABID);
  draft = ranah_letter_render_from_store (w->store, id, &error);
  g_assert_no_error (error);
  draft_text = text_of (draft, "draft.pdf");
  g_assert_nonnull (strstr (draft_text, active));
  g_assert_null (strstr (draft_text, "5 Maret 2026"));
  g_assert_null (strstr (draft_text, "6 Maret 2026"));

  store_world_move (w, id, RANAH_ACTION_REVIEW, RANAH_ROLE_KABID);
  store_world_set_now (w, w->now + 3 * DAY);
  g_clear_pointer (&r, ranah_request_free);
  r = store_world_get (w, id);
  move.action = RANAH_ACTION_SIGN;
  move.request_id = id;
  move.expected_version = r->version;
  move.render = ranah_letter_render_signed;
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  move.render_data = w->store;
  g_assert_true (ranah_store_move (w->store, &move, &error));
  g_assert_no_error (error);
  letter = ranah_store_get_letter (w->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (letter->letter_date, ==, "2026-03-09");
  pdf = ranah_store_get_letter_pdf (w->store, letter->id, &error);
  g_assert_no_error (error);
  signed_text = text_of (pdf, "signed.pdf");
  g_assert_nonnull (strstr (signed_text, active));
  g_assert_null (strstr (signed_text, "aktif sejak tanggal 5 Maret 2026"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("RANAH_TEST_FAST_PWHASH", "1", TRUE);
  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("ranah-active-since-XXXXXX", NULL);

  g_test_add_func ("/ranah/letter/active-since/verification-date", test_verification_date);

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
