/* test-verify.c — a letter signed through the SQLite store at step 9 with the letter layer's
 * renderer: frozen, carrying its number and QR text, verified, and any changed byte caught
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "letter-test-util.h"

#define PASSWORD "rahasia-sekali-123"

static const char *usernames[RANAH_N_ROLES] = {
  [RANAH_ROLE_OPD] = "dinkes",
  [RANAH_ROLE_KADIS] = "kadis",
  [RANAH_ROLE_KABID] = "kabid",
  [RANAH_ROLE_SUBKOOR] = "subkoor",
  [RANAH_ROLE_STAF] = "staf",
  [RANAH_ROLE_ADMIN] = "admin",
};

typedef struct {
  char       *dir;
  RanahStore *store;
  gint64      request_id;   /* signed at step 9 */
  gint64      drafted_id;   /* a draft waiting for review (step 8) */
  gint64      submitted_id; /* nothing drafted yet */
  RanahRole   signed_in;
} World;

static void
sign_in (World     *w,
         RanahRole  role)
{
  g_autoptr(GError) error = NULL;

  /* Signing in hashes the password with argon2id, slow on purpose: only when it changes. */
  if (w->signed_in == role)
    return;
  g_assert_true (ranah_store_sign_in (w->store, usernames[role], PASSWORD, &error));
  g_assert_no_error (error);
  w->signed_in = role;
}

static void
move_request (World       *w,
              gint64       id,
              RanahAction  action,
      RanahRole    role,
      const char  *const *instructions,
      RanahLetter *draft)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahRequest) request = NULL;
  RanahMove m = { 0 };

  sign_in (w, role);
  request = ranah_store_get_request (w->store, id, &error);
  g_assert_no_error (error);
  /* Step 5 needs each record seen in DNS: what an authoritative server would answer. */
  if (action == RANAH_ACTION_CREATE)
    {
      g_autoptr(GPtrArray) proofs = ranah_records_copy (request->records);

      for (guint i = 0; i < proofs->len; i++)
        {
          RanahRecord *proof = g_ptr_array_index (proofs, i);

          proof->proof_server = g_strdup ("192.0.2.53:53");
          proof->proof_serial = 2026112301;
          proof->proof_answer = g_strdup (proof->target);
        }
      g_assert_true (ranah_store_record_proofs (w->store, id, proofs, &error));
      g_assert_no_error (error);
    }
  m.action = action;
  m.request_id = id;
  m.expected_version = request->version;
  m.instructions = instructions;
  m.urgency = RANAH_URGENCY_SEGERA;
  m.draft = draft;
  /* Step 9: the store numbers the letter and asks the letter layer for its PDF. */
  m.render = ranah_letter_render_signed;
  m.render_data = w->store;
  g_assert_true (ranah_store_move (w->store, &m, &error));
  g_assert_no_error (error);
}

#define move(w, ...) move_request ((w), (w)->request_id, __VA_ARGS__)

static gint64
submit (World              *w,
        const RanahRequest *fixture,
        const char         *name,
        gint64              opd_id,
        GBytes             *scan)
{
  g_autoptr(RanahRequest) request = ranah_request_copy (fixture);
  g_autoptr(GError) error = NULL;
  gint64 id;

  sign_in (w, RANAH_ROLE_OPD);
  request->id = 0;
  request->opd_id = opd_id;
  fx_set (&request->name, name);
  fx_set (&request->fqdn, "");
  id = ranah_store_submit_request (w->store, request, scan, &error);
  g_assert_no_error (error);
  return id;
}

static World world;

/* One store for every case: signing in hashes with argon2id, which is slow on purpose. */
static void
world_setup (World *w)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(RanahUser) admin = ranah_user_new ();
  g_autoptr(RanahOpd) opd = fixture_opd ();
  g_autoptr(RanahRequest) request = fixture_request ();
  g_autoptr(GHashTable) profile = fixture_profile ("A4");
  g_autoptr(GBytes) scan = NULL;
  g_autoptr(RanahLetter) draft = fixture_letter (NULL);
  g_autoptr(GDateTime) monday = g_date_time_new_utc (2026, 11, 23, 1, 0, 0); /* 09:00 WITA */
  const char *instructions[] = { "tindaklanjuti", "proses", NULL };
  gint64 opd_id;

  w->dir = g_dir_make_tmp ("ranah-verify-XXXXXX", NULL);
  uri = g_strdup_printf ("sqlite:%s/store.db", w->dir);
  w->store = ranah_store_open (uri, &error);
  g_assert_no_error (error);
  ranah_store_set_now (w->store, g_date_time_to_unix (monday));

  fx_set (&admin->username, "admin");
  fx_set (&admin->full_name, "Administrator");
  admin->role = RANAH_ROLE_ADMIN;
  g_assert_true (ranah_store_initialize (w->store, admin, PASSWORD, &error));
  g_assert_no_error (error);
  sign_in (w, RANAH_ROLE_ADMIN);

  opd->id = 0;
  opd->active = TRUE;
  opd_id = ranah_store_add_opd (w->store, opd, &error);
  g_assert_no_error (error);

  for (RanahRole role = RANAH_ROLE_OPD; role <= RANAH_ROLE_STAF; role++)
    {
      g_autoptr(RanahUser) user = ranah_user_new ();

      fx_set (&user->username, usernames[role]);
      user->full_name = (g_free (user->full_name), g_strdup_printf ("Pejabat %s", usernames[role]));
      user->role = role;
      user->opd_id = role == RANAH_ROLE_OPD ? opd_id : 0;
      user->active = TRUE;
      if (role == RANAH_ROLE_KADIS)
        {
          /* The signer's own account: what the signature block prints. */
          fx_set (&user->position, "Kepala Dinas Komunikasi, Informatika, Statistik dan "
                                   "Persandian");
          fx_set (&user->rank, "Pembina (IV/a)");
          fx_set (&user->nip, "197508202003121002");
        }
      ranah_store_add_user (w->store, user, PASSWORD, &error);
      g_assert_no_error (error);
    }
  /* The profile's signer (of the compliance sheet) is someone else: the letter never
   * prints it. */
  for (const char *keys[] = { RANAH_PROFILE_SIGNER_NAME, RANAH_PROFILE_SIGNER_RANK,
                              RANAH_PROFILE_SIGNER_NIP, NULL }, **key = keys; *key; key++)
    {
      ranah_store_set_profile (w->store, *key, g_hash_table_lookup (profile, *key), &error);
      g_assert_no_error (error);
    }

  /* The OPD's scanned request letter: any PDF does, so use a disposition sheet. */
  scan = ranah_disposition_sheet_pdf (profile, request, NULL, &error);
  g_assert_no_error (error);
  w->request_id = submit (w, request, "simrs", opd_id, scan);
  w->drafted_id = submit (w, request, "sipkd", opd_id, scan);
  w->submitted_id = submit (w, request, "eoffice", opd_id, scan);

  move (w, RANAH_ACTION_DISPOSE_TO_KABID, RANAH_ROLE_KADIS, instructions, NULL);
  move (w, RANAH_ACTION_DISPOSE_TO_SUBKOOR, RANAH_ROLE_KABID, instructions, NULL);
  move (w, RANAH_ACTION_DISPOSE_TO_STAF, RANAH_ROLE_SUBKOOR, instructions, NULL);
  move (w, RANAH_ACTION_CREATE, RANAH_ROLE_STAF, NULL, NULL);
  move (w, RANAH_ACTION_REPORT, RANAH_ROLE_STAF, NULL, NULL);
  move (w, RANAH_ACTION_DRAFT, RANAH_ROLE_SUBKOOR, NULL, draft);
  move (w, RANAH_ACTION_REVIEW, RANAH_ROLE_KABID, NULL, NULL);
  move (w, RANAH_ACTION_SIGN, RANAH_ROLE_KADIS, NULL, NULL);

  move_request (w, w->drafted_id, RANAH_ACTION_DISPOSE_TO_KABID, RANAH_ROLE_KADIS, instructions,
                NULL);
  move_request (w, w->drafted_id, RANAH_ACTION_DISPOSE_TO_SUBKOOR, RANAH_ROLE_KABID,
                instructions, NULL);
  move_request (w, w->drafted_id, RANAH_ACTION_DISPOSE_TO_STAF, RANAH_ROLE_SUBKOOR,
                instructions, NULL);
  move_request (w, w->drafted_id, RANAH_ACTION_CREATE, RANAH_ROLE_STAF, NULL, NULL);
  move_request (w, w->drafted_id, RANAH_ACTION_REPORT, RANAH_ROLE_STAF, NULL, NULL);
  move_request (w, w->drafted_id, RANAH_ACTION_DRAFT, RANAH_ROLE_SUBKOOR, NULL, draft);
  sign_in (w, RANAH_ROLE_KADIS);
}

static void
world_teardown (World *w)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&w->store);
  dir = g_dir_open (w->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (w->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (w->dir);
  g_free (w->dir);
}

static GBytes *
signed_pdf (World        *w,
            RanahLetter **letter_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahLetter) letter = ranah_store_get_letter (w->store, w->request_id, &error);
  GBytes *pdf;

  g_assert_no_error (error);
  g_assert_cmpint (letter->state, ==, RANAH_LETTER_SIGNED);
  pdf = ranah_store_get_letter_pdf (w->store, letter->id, &error);
  g_assert_no_error (error);
  if (letter_out != NULL)
    *letter_out = g_steal_pointer (&letter);
  return pdf;
}

static void
test_signed_in_store (void)
{
  World *w = &world;

  g_autoptr(RanahLetter) letter = NULL;
  g_autoptr(GBytes) pdf = signed_pdf (w, &letter);
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = util_write (w->dir, "signed.pdf", pdf);
  g_autofree char *text = util_text (path);
  g_autofree char *payload = ranah_letter_qr_payload (letter);
  g_autofree char *number_line = g_strdup_printf ("Nomor : %s", letter->number);
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = util_run (argv);
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  g_autofree char *head = ranah_letter_audit_head_text (letter);
  g_autoptr(GPtrArray) events = ranah_store_list_events (w->store, w->request_id, &error);
  const RanahEvent *sign_event = NULL;
  const char *parts[] = {
    number_line,
    /* The addressee from the store's OPD record, the activation date from its registry. */
    "Yth. Kepala Dinas Kesehatan Kota Tarakan",
    "simrs.tarakankota.go.id telah aktif sejak tanggal 23 November 2026",
    "103.156.110.21",
    /* The signer's own account, not the profile's signer. */
    "KEPALA DINAS", "PERSANDIAN,", "Pejabat kadis", "Pembina (IV/a)",
    "NIP. 19750820 200312 1 002",
    "Tembusan:", "Arsip.",
    NULL,
  };

  g_assert_true (g_str_has_prefix (letter->number, "000.5.2/0001/DKISP/2026"));
  util_assert_in_order (text, parts);
  g_assert_null (strstr (text, "Hendra"));
  g_assert_null (strstr (text, "19720315"));

  /* The head of the request's chain just before the signing event, printed and in the QR
   * text: the signing event chains from it. */
  g_assert_no_error (error);
  g_assert_nonnull (head);
  for (guint i = 0; i < events->len; i++)
    if (g_str_equal (((RanahEvent *) g_ptr_array_index (events, i))->action, "sign"))
      sign_event = g_ptr_array_index (events, i);
  g_assert_nonnull (sign_event);
  g_assert_cmpint (sign_event->chain, ==, w->request_id);
  g_assert_cmpint (sign_event->chain_seq, ==, letter->audit_seq + 1);
  g_assert_cmpstr (sign_event->prev_hash, ==, letter->audit_hash);
  g_assert_nonnull (strstr (text, "Jejak audit:"));
  g_assert_nonnull (strstr (text, head));
  g_assert_nonnull (strstr (payload, letter->audit_hash));
  g_assert_nonnull (strstr (text, letter->verification_code));
  g_assert_null (strstr (text, "konsep"));
  g_assert_nonnull (strstr (info, payload));
  g_assert_cmpstr (letter->pdf_sha256, ==, sha);

  /* Frozen: asking for the letter again gives the stored bytes, not a new rendering. */
  again = ranah_letter_render_from_store (w->store, w->request_id, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (again, pdf));
}

static void
test_verify_genuine (void)
{
  World *w = &world;

  g_autoptr(GBytes) pdf = signed_pdf (w, NULL);
  g_autoptr(RanahLetter) letter = NULL;
  g_autoptr(RanahRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sentence = NULL;

  g_assert_true (ranah_letter_verify_pdf (w->store, pdf, &letter, &request, &error));
  g_assert_no_error (error);
  g_assert_cmpint (letter->request_id, ==, w->request_id);
  g_assert_cmpint (request->id, ==, w->request_id);
  g_assert_cmpstr (request->fqdn, ==, "simrs.tarakankota.go.id");
  sentence = ranah_letter_describe_verified (letter, request);
  g_assert_nonnull (strstr (sentence, letter->number));
  g_assert_nonnull (strstr (sentence, "simrs.tarakankota.go.id"));
  g_free (sentence);
  sentence = ranah_letter_describe_audit_head (letter);
  g_assert_nonnull (strstr (sentence, "still holds the audit event #"));
}

static void
test_verify_one_changed_byte (void)
{
  World *w = &world;

  g_autoptr(GBytes) pdf = signed_pdf (w, NULL);
  gsize size = g_bytes_get_size (pdf);
  gsize positions[] = { 9, size / 3, size / 2, size - 1 };

  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    {
      g_autofree guchar *copy = g_memdup2 (g_bytes_get_data (pdf, NULL), size);
      g_autoptr(GBytes) altered = NULL;
      g_autoptr(RanahLetter) letter = NULL;
      g_autoptr(GError) error = NULL;

      copy[positions[i]] ^= 0x01;
      altered = g_bytes_new (copy, size);
      g_assert_false (ranah_letter_verify_pdf (w->store, altered, &letter, NULL, &error));
      g_assert_error (error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_NOT_GENUINE);
      g_assert_null (letter);
      g_assert_cmpint (ranah_failure_classify (error), ==, RANAH_FAILURE_NOT_FOUND);
      /* The copy still names the letter it pretends to be. */
      g_assert_nonnull (strstr (error->message, "000.5.2/0001/DKISP/2026"));
      g_assert_nonnull (strstr (error->message, "altered"));
    }
}

static void
test_verify_foreign (void)
{
  World *w = &world;

  g_autoptr(GHashTable) profile = fixture_profile ("A4");
  g_autoptr(RanahRequest) request = fixture_request ();
  g_autoptr(RanahLetter) draft = fixture_letter (NULL);
  g_autoptr(GBytes) other = ranah_letter_render_pdf (profile, request, NULL, draft, NULL);
  g_autoptr(GBytes) text = g_bytes_new_static ("Surat Tanggapan", 15);
  g_autoptr(GError) error = NULL;

  g_assert_false (ranah_letter_verify_pdf (w->store, other, NULL, NULL, &error));
  g_assert_error (error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_NOT_GENUINE);
  g_assert_nonnull (strstr (error->message, "not a letter signed in this store"));
  g_clear_error (&error);

  g_assert_false (ranah_letter_verify_pdf (w->store, text, NULL, NULL, &error));
  g_assert_error (error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_NOT_PDF);
  g_assert_cmpint (ranah_failure_classify (error), ==, RANAH_FAILURE_VALIDATION);
}

static void
test_disposition_sheet_from_store (void)
{
  World *w = &world;

  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = ranah_disposition_sheet_from_store (w->store, w->request_id, &error);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  const char *parts[] = {
    "LEMBAR DISPOSISI", "Surat dari : Dinas Kesehatan",
    "DISPOSISI 1 (langkah 2)", "Dari : Pejabat kadis (Kepala Dinas)",
    "Kepada : Pejabat kabid", "Sifat : Segera",
    "DISPOSISI 2 (langkah 3)", "DISPOSISI 3 (langkah 4)", "Kepada : Pejabat staf",
    NULL,
  };

  g_assert_no_error (error);
  path = util_write (w->dir, "disposisi.pdf", pdf);
  text = util_text (path);
  util_assert_in_order (text, parts);
}

static void
test_drafts_from_store (void)
{
  World *w = &world;
  const char *drafts[] = { "sipkd", "eoffice", NULL };
  gint64 ids[] = { w->drafted_id, w->submitted_id };

  for (guint i = 0; drafts[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) pdf = ranah_letter_render_from_store (w->store, ids[i], &error);
      g_autoptr(RanahLetterLayout) layout = NULL;
      g_autofree char *name = g_strdup_printf ("%s.pdf", drafts[i]);
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      g_autofree char *fqdn = g_strdup_printf ("%s.tarakankota.go.id", drafts[i]);

      g_assert_no_error (error);
      path = util_write (w->dir, name, pdf);
      text = util_text (path);
      /* Unsigned: the draft as it stands (or as the template gives it), never a number. */
      g_assert_nonnull (strstr (text, "Nomor : (konsep, belum bernomor)"));
      g_assert_nonnull (strstr (text, fqdn));
      g_assert_nonnull (strstr (text, "Yth. Kepala Dinas Kesehatan Kota Tarakan"));
      g_assert_null (strstr (text, "/DKISP/"));

      /* The preview draws the same letter from the same store. */
      layout = ranah_letter_layout_new_from_store (w->store, ids[i], &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ranah_letter_layout_get_n_pages (layout), >=, 1);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ranah/letter/verify/signed-in-store", test_signed_in_store);
  g_test_add_func ("/ranah/letter/verify/genuine", test_verify_genuine);
  g_test_add_func ("/ranah/letter/verify/one-changed-byte", test_verify_one_changed_byte);
  g_test_add_func ("/ranah/letter/verify/foreign", test_verify_foreign);
  g_test_add_func ("/ranah/letter/verify/disposition-sheet", test_disposition_sheet_from_store);
  g_test_add_func ("/ranah/letter/verify/drafts-from-store", test_drafts_from_store);

  world_setup (&world);
  status = g_test_run ();
  world_teardown (&world);
  return status;
}
