/* test-signing.c — nothing is signed that would print incomplete, the profile is checked
 * when it is set, and a signed letter keeps the head of its request's audit chain; for any
 * backend (tests/pg/meson.build runs it on PostgreSQL, once more with the server's checks
 * alone)
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <cairo.h>

#include "store-fixture.h"

static RanahUser *
find_user (StoreWorld *w,
           const char *username)
{
  g_autoptr(GError) error = NULL;
  RanahUser *user;

  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  user = ranah_store_find_user (w->store, username, &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
  return user;
}

static void
update_signer (StoreWorld *w,
               const char *nip,
               const char *rank)
{
  g_autoptr(RanahUser) kadis = find_user (w, "kadis");
  g_autoptr(GError) error = NULL;

  g_free (kadis->nip);
  kadis->nip = g_strdup (nip);
  g_free (kadis->rank);
  kadis->rank = g_strdup (rank);
  g_assert_true (ranah_store_update_user (w->store, kadis, &error));
  g_assert_no_error (error);
}

static void
set_profile (StoreWorld *w,
             const char *key,
             const char *value)
{
  g_autoptr(GError) error = NULL;

  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  g_assert_true (ranah_store_set_profile (w->store, key, value, &error));
  g_assert_no_error (error);
}

static RanahLetter *
get_letter (StoreWorld *w,
            gint64      id)
{
  g_autoptr(GError) error = NULL;
  RanahLetter *letter;

  store_world_sign_in (w, RANAH_ROLE_KADIS);
  letter = ranah_store_get_letter (w->store, id, &error);
  g_assert_no_error (error);
  return letter;
}

/* Signing is refused, in one sentence naming what is missing, and changes nothing. */
static void
assert_sign_refused (StoreWorld *w,
                     gint64      id,
                     const char *sentence)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahRequest) before = store_world_get (w, id);
  g_autoptr(RanahRequest) after = NULL;
  g_autoptr(RanahLetter) letter = NULL;
  guint n_events = store_world_n_events (w, 0);

  g_assert_false (store_world_try_move (w, id, RANAH_ACTION_SIGN, RANAH_ROLE_KADIS, NULL,
                                        &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_INCOMPLETE);
  g_assert_cmpstr (error->message, ==, sentence);
  after = store_world_get (w, id);
  g_assert_cmpint (after->state, ==, RANAH_STATE_REVIEWED);
  g_assert_cmpint (after->version, ==, before->version);
  letter = get_letter (w, id);
  g_assert_cmpint (letter->state, ==, RANAH_LETTER_DRAFT);
  g_assert_null (letter->number);
  g_assert_cmpuint (store_world_n_events (w, 0), ==, n_events);
}

static void
test_incomplete_refused (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GHashTable) defaults = ranah_profile_default ();
  g_autoptr(RanahLetter) letter = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = store_world_request_in (w, RANAH_STATE_REVIEWED, FALSE);

  /* The signer's own account lacks its NIP and rank (the profile's signer is not asked). */
  update_signer (w, "", "");
  set_profile (w, RANAH_PROFILE_SIGNER_NAME, "Nama Lain di Profil");
  set_profile (w, RANAH_PROFILE_SIGNER_NIP, "197003152000032001");
  set_profile (w, RANAH_PROFILE_SIGNER_RANK, "Pembina (IV/a)");
  assert_sign_refused (w, id, "This letter cannot be signed yet: the signer’s NIP and the "
                              "signer’s rank are not filled in.");

  /* One field: the same sentence in the singular. */
  update_signer (w, "", "Pembina Utama Muda (IV/c)");
  assert_sign_refused (w, id, "This letter cannot be signed yet: the signer’s NIP is not "
                              "filled in.");

  /* The letterhead: every line the kop prints. */
  update_signer (w, "197203151998031004", "Pembina Utama Muda (IV/c)");
  set_profile (w, RANAH_PROFILE_ADDRESS, "");
  set_profile (w, RANAH_PROFILE_GOVERNMENT, "  ");
  assert_sign_refused (w, id, "This letter cannot be signed yet: the government line of the "
                              "letterhead and the agency’s address in the letterhead are not "
                              "filled in.");
  set_profile (w, RANAH_PROFILE_GOVERNMENT,
               g_hash_table_lookup (defaults, RANAH_PROFILE_GOVERNMENT));
  set_profile (w, RANAH_PROFILE_ADDRESS, g_hash_table_lookup (defaults, RANAH_PROFILE_ADDRESS));
  set_profile (w, RANAH_PROFILE_AGENCY_SHORT, "");
  assert_sign_refused (w, id, "This letter cannot be signed yet: the agency’s short name is "
                              "not filled in.");
  set_profile (w, RANAH_PROFILE_AGENCY_SHORT, "DKISP");

  /* Complete: signed, by the one who signs. */
  g_assert_true (store_world_try_move (w, id, RANAH_ACTION_SIGN, RANAH_ROLE_KADIS, NULL,
                                       &error));
  g_assert_no_error (error);
  letter = get_letter (w, id);
  g_assert_cmpint (letter->state, ==, RANAH_LETTER_SIGNED);
  g_assert_cmpint (letter->signed_by, ==, w->user_ids[RANAH_ROLE_KADIS]);
}

/* The renderer is handed the signer's own account and the chain's head before signing. */
static RanahUser *rendered_signer;
static gint64 rendered_audit_seq;
static char *rendered_audit_hash;

static GBytes *
render_capturing (const RanahRequest  *request,
                  const RanahLetter   *letter,
                  gpointer             user_data,
                  GError             **error)
{
  g_assert_nonnull (letter->signer);
  g_clear_pointer (&rendered_signer, ranah_user_free);
  rendered_signer = ranah_user_copy (letter->signer);
  rendered_audit_seq = letter->audit_seq;
  g_free (rendered_audit_hash);
  rendered_audit_hash = g_strdup (letter->audit_hash);
  return store_fixture_render (request, letter, user_data, error);
}

static void
test_audit_head (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahRequest) r = NULL;
  g_autoptr(RanahLetter) letter = NULL;
  g_autoptr(GPtrArray) events = NULL;
  const RanahEvent *head = NULL, *sign = NULL;
  RanahMove move = { 0 };
  gint64 id = store_world_request_in (w, RANAH_STATE_REVIEWED, FALSE);

  r = store_world_get (w, id);
  move.action = RANAH_ACTION_SIGN;
  move.request_id = id;
  move.expected_version = r->version;
  move.render = render_capturing;
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  g_assert_true (ranah_store_move (w->store, &move, &error));
  g_assert_no_error (error);

  /* The signature block's data: the Kepala Dinas's account as the store holds it. */
  g_assert_nonnull (rendered_signer);
  g_assert_cmpint (rendered_signer->id, ==, w->user_ids[RANAH_ROLE_KADIS]);
  g_assert_cmpstr (rendered_signer->nip, ==, "197203151998031004");
  g_assert_cmpstr (rendered_signer->rank, ==, "Pembina Utama Muda (IV/c)");
  g_assert_cmpstr (rendered_signer->full_name, ==, "Pejabat kadis");

  /* The head: the request's last event before signing, which the signing event chains
   * from; kept with the letter as the renderer got it. */
  letter = get_letter (w, id);
  events = ranah_store_list_events (w->store, id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      const RanahEvent *e = g_ptr_array_index (events, i);

      if (g_str_equal (e->action, "sign"))
        sign = e;
      else if (e->chain == id && e->chain_seq == letter->audit_seq)
        head = e;
    }
  g_assert_nonnull (sign);
  g_assert_nonnull (head);
  g_assert_cmpint (letter->audit_seq, >, 0);
  g_assert_cmpint (letter->audit_seq, ==, rendered_audit_seq);
  g_assert_cmpstr (letter->audit_hash, ==, rendered_audit_hash);
  g_assert_cmpstr (head->hash, ==, letter->audit_hash);
  g_assert_cmpint (sign->chain, ==, id);
  g_assert_cmpint (sign->chain_seq, ==, letter->audit_seq + 1);
  g_assert_cmpstr (sign->prev_hash, ==, letter->audit_hash);

  g_clear_pointer (&rendered_signer, ranah_user_free);
  g_clear_pointer (&rendered_audit_hash, g_free);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A small real PNG: a red square. */
static GByteArray *
red_square_png (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 40, 40);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, 0.8, 0.1, 0.1);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_bytes, png), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return png;
}

static void
assert_profile_refused (StoreWorld *w,
                        const char *key,
                        const char *value,
                        const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;

  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  before = ranah_store_get_profile (w->store, &error);
  g_assert_no_error (error);
  g_assert_false (ranah_store_set_profile (w->store, key, value, &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fragment);
  g_clear_error (&error);
  after = ranah_store_get_profile (w->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (after, key), ==, g_hash_table_lookup (before, key));
}

static void
test_profile_checked_when_set (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GByteArray) png = red_square_png ();
  g_autofree char *png64 = g_base64_encode (png->data, png->len);
  g_autofree char *broken64 = g_base64_encode (png->data, png->len / 2);
  g_autofree char *garbled = NULL;
  g_autofree char *svg64 = NULL;
  g_autofree char *bad_svg64 = NULL;
  g_autofree char *html64 = NULL;
  const char *svg = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
                    "width=\"10\" height=\"10\"><circle cx=\"5\" cy=\"5\" r=\"4\"/></svg>";

  /* A NIP as a user's: 18 digits that are dates. */
  assert_profile_refused (w, RANAH_PROFILE_SIGNER_NIP, "1975", "1975");
  assert_profile_refused (w, RANAH_PROFILE_SIGNER_NIP, "197513450000000000", "NIP");
  set_profile (w, RANAH_PROFILE_SIGNER_NIP, "197203151998031004");
  set_profile (w, RANAH_PROFILE_SIGNER_NIP, "");

  /* The lambang: decoded (PNG) or parsed (SVG) now, not at the first letter. */
  assert_profile_refused (w, RANAH_PROFILE_LOGO, broken64, "damaged PNG");
  {
    /* Whole, but a byte of the image data changed: its checksum gives it away. */
    g_autoptr(GByteArray) bad = g_byte_array_new ();

    g_byte_array_append (bad, png->data, png->len);
    bad->data[png->len - 20] ^= 0x5a;
    garbled = g_base64_encode (bad->data, bad->len);
  }
  assert_profile_refused (w, RANAH_PROFILE_LOGO, garbled, "damaged PNG");
  bad_svg64 = g_base64_encode ((const guchar *) "<svg><g></svg>", 14);
  assert_profile_refused (w, RANAH_PROFILE_LOGO, bad_svg64, "SVG");
  html64 = g_base64_encode ((const guchar *) "<html><body/></html>", 20);
  assert_profile_refused (w, RANAH_PROFILE_LOGO, html64, "not an SVG");
  assert_profile_refused (w, RANAH_PROFILE_LOGO, "bm90IGFuIGltYWdl", "PNG or SVG");
  assert_profile_refused (w, RANAH_PROFILE_LOGO, "lambang.png", "base64");
  set_profile (w, RANAH_PROFILE_LOGO, png64);
  svg64 = g_base64_encode ((const guchar *) svg, strlen (svg));
  set_profile (w, RANAH_PROFILE_LOGO, svg64);
  set_profile (w, RANAH_PROFILE_LOGO, "");
}

int
main (int argc, char *argv[])
{
  g_setenv ("RANAH_TEST_FAST_PWHASH", "1", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ranah/store/signing/incomplete-refused", test_incomplete_refused);
  g_test_add_func ("/ranah/store/signing/audit-head", test_audit_head);
  g_test_add_func ("/ranah/store/signing/profile-checked-when-set",
                   test_profile_checked_when_set);

  return g_test_run ();
}
