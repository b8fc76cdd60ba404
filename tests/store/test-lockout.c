/* test-lockout.c — SQLite's account lockout does not tell a locked account from an unknown
 * name: the same error, the same sentence, and the time of a real password check
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Someone guessing user names locks each name they try; a locked account that answered
 * "this account is locked" at once, while an unknown name answered "wrong" after an argon2id
 * check, told them which names exist. The passwords here are hashed with the real
 * (interactive) cost, so that the check dominates the time measured; each kind of attempt is
 * timed several times and its fastest run compared, which load on the machine can only slow.
 */
#include "config.h"

#include <string.h>

#include "store-fixture.h"

#define PASSWORD "kata-sandi-benar-77"
#define WRONG    "tebakan-salah-123"
#define ROUNDS   5

typedef struct {
  GQuark  domain;
  int     code;
  char   *message;
  gint64  fastest;   /* µs */
} Attempt;

static void
try_sign_in (RanahStore *store,
             const char *username,
             const char *password,
             Attempt    *out)
{
  out->fastest = G_MAXINT64;
  for (guint i = 0; i < ROUNDS; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      gboolean ok = ranah_store_sign_in (store, username, password, &error);
      gint64 took = g_get_monotonic_time () - start;

      g_assert_false (ok);
      g_assert_nonnull (error);
      out->fastest = MIN (out->fastest, took);
      out->domain = error->domain;
      out->code = error->code;
      g_free (out->message);
      out->message = g_strdup (error->message);
    }
}

static void
test_locked_like_unknown (void)
{
  g_autoptr(RanahStore) store = NULL;
  g_autoptr(RanahUser) admin = ranah_user_new ();
  g_autoptr(RanahUser) kadis = ranah_user_new ();
  g_autoptr(RanahUser) kabid = ranah_user_new ();
  g_autoptr(GError) error = NULL;
  Attempt locked = { 0 }, unknown = { 0 }, wrong = { 0 };

  if (!store_fixture_is_sqlite ())
    {
      g_test_skip ("PostgreSQL has no lockout of its own");
      return;
    }
  store = store_fixture_open_fresh ();
  g_free (admin->username);
  admin->username = g_strdup ("admin");
  admin->role = RANAH_ROLE_ADMIN;
  g_assert_true (ranah_store_initialize (store, admin, PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_true (ranah_store_sign_in (store, "admin", PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_true (ranah_store_set_profile (store, RANAH_PROFILE_MAX_LOGIN_FAILURES, "3", &error));
  g_assert_true (ranah_store_set_profile (store, RANAH_PROFILE_LOCKOUT_MINUTES, "60", &error));
  g_free (kadis->username);
  kadis->username = g_strdup ("kadis");
  g_free (kadis->full_name);
  kadis->full_name = g_strdup ("Kepala Dinas");
  kadis->role = RANAH_ROLE_KADIS;
  kadis->active = TRUE;
  g_assert_cmpint (ranah_store_add_user (store, kadis, PASSWORD, &error), >, 0);
  g_assert_no_error (error);
  g_free (kabid->username);
  kabid->username = g_strdup ("kabid");
  g_free (kabid->full_name);
  kabid->full_name = g_strdup ("Kepala Bidang");
  kabid->role = RANAH_ROLE_KABID;
  kabid->active = TRUE;
  g_assert_cmpint (ranah_store_add_user (store, kabid, PASSWORD, &error), >, 0);
  g_assert_no_error (error);

  /* Three wrong passwords lock kadis: the third answer is the first two's. */
  for (guint i = 0; i < 3; i++)
    {
      g_assert_false (ranah_store_sign_in (store, "kadis", WRONG, &error));
      g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_AUTH);
      g_assert_nonnull (strstr (error->message, "locked"));
      g_clear_error (&error);
    }

  try_sign_in (store, "kadis", PASSWORD, &locked);        /* locked, even the right one */
  try_sign_in (store, "tidak-ada", PASSWORD, &unknown);   /* no such account */
  try_sign_in (store, "kabid", WRONG, &wrong);            /* a real account, wrong password */

  g_test_message ("fastest: locked %" G_GINT64_FORMAT " µs, unknown %" G_GINT64_FORMAT
                  " µs, wrong %" G_GINT64_FORMAT " µs", locked.fastest, unknown.fastest,
                  wrong.fastest);
  g_assert_true (locked.domain == RANAH_STORE_ERROR && locked.code == RANAH_STORE_ERROR_AUTH);
  g_assert_true (unknown.domain == locked.domain && unknown.code == locked.code);
  g_assert_true (wrong.domain == locked.domain && wrong.code == locked.code);
  g_assert_cmpstr (locked.message, ==, unknown.message);
  g_assert_cmpstr (wrong.message, ==, unknown.message);
  /* A real check takes tens of milliseconds; answering a locked account without one took
   * well under a millisecond. Comparable, both ways. */
  g_assert_cmpint (locked.fastest * 3, >=, unknown.fastest);
  g_assert_cmpint (unknown.fastest * 3, >=, locked.fastest);

  /* The lockout itself still holds, and the audit trail still tells it. */
  {
    g_autoptr(GPtrArray) events = NULL;
    guint n_locked = 0;

    g_assert_true (ranah_store_sign_in (store, "admin", PASSWORD, &error));
    g_assert_no_error (error);
    events = ranah_store_list_events (store, 0, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < events->len; i++)
      {
        RanahEvent *e = g_ptr_array_index (events, i);

        if (g_str_equal (e->action, "auth:sign-in-locked")
            && g_strcmp0 (e->username, "kadis") == 0)
          n_locked++;
      }
    g_assert_cmpuint (n_locked, ==, 1 + ROUNDS);
  }
  g_free (locked.message);
  g_free (unknown.message);
  g_free (wrong.message);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The real cost of a password check: what the timing compares. */
  g_unsetenv ("RANAH_TEST_FAST_PWHASH");

  g_test_add_func ("/ranah/store/lockout/locked-account-answers-as-unknown-name",
                   test_locked_like_unknown);

  return g_test_run ();
}
