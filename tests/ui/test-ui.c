/* test-ui.c — widget tests: the whole SOP through the windows, as each role in turn
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb with a private session bus and a real notification server
 * (tests/ui/xvfb-run.sh). Pages are driven through their actions, the way a keyboard or
 * a click reaches them, against a temporary SQLite store.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "ranah-application.h"
#include "ranah-creation-dialog.h"
#include "ranah-demo.h"
#include "ranah-desktop-session.h"
#include "ranah-disposition-dialog.h"
#include "ranah-entry-object.h"
#include "ranah-holiday-import-dialog.h"
#include "ranah-import-dialog.h"
#include "ranah-inbox-page.h"
#include "ui-test-request.h"
#include "ranah-letter-preview.h"
#include "ranah-new-request-dialog.h"
#include "ranah-note-dialog.h"
#include "ranah-registry-page.h"
#include "ranah-request-object.h"
#include "ranah-request-page.h"
#include "ranah-requests-page.h"
#include "ranah-settings-page.h"
#include "ranah-sign-in-window.h"
#include "ranah-task.h"
#include "ranah-window.h"

#define PASSWORD "rahasia-123"

typedef struct
{
  char   *dir;
  char   *uri;
  gint64  opd_dinkes;
  gint64  opd_disdik;
} Fixture;

static void
wait_idle (void)
{
  ranah_task_wait_idle ();
}

static void
set_str (char **field, const char *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static RanahStore *
open_as (Fixture    *fixture,
         const char *user)
{
  g_autoptr(GError) error = NULL;
  RanahStore *store = ranah_store_open (fixture->uri, &error);

  g_assert_no_error (error);
  ranah_store_sign_in (store, user, PASSWORD, &error);
  g_assert_no_error (error);
  return store;
}

static void
add_user (RanahStore *admin,
          const char *username,
          const char *full_name,
          RanahRole   role,
          gint64      opd_id)
{
  g_autoptr(RanahUser) user = ranah_user_new ();
  g_autoptr(GError) error = NULL;

  set_str (&user->username, username);
  set_str (&user->full_name, full_name);
  user->role = role;
  user->opd_id = opd_id;
  if (role == RANAH_ROLE_KADIS)
    {
      /* The signer: a letter is signed only with their position, rank and NIP. */
      set_str (&user->position, "Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian");
      set_str (&user->rank, "Pembina Utama Muda (IV/c)");
      set_str (&user->nip, "197203151998031004");
    }
  g_assert_cmpint (ranah_store_add_user (admin, user, PASSWORD, &error), >, 0);
  g_assert_no_error (error);
}

static gint64
add_opd (RanahStore *admin,
         const char *code,
         const char *name)
{
  g_autoptr(RanahOpd) opd = ranah_opd_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  set_str (&opd->code, code);
  set_str (&opd->name, name);
  set_str (&opd->head_title, "Kepala");
  id = ranah_store_add_opd (admin, opd, &error);
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahStore) store = NULL;
  g_autoptr(RanahUser) admin = ranah_user_new ();

  fixture->dir = g_dir_make_tmp ("ranah-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->uri = g_strconcat ("sqlite:", fixture->dir, "/store.db", NULL);
  store = ranah_store_open (fixture->uri, &error);
  g_assert_no_error (error);
  set_str (&admin->username, "admin");
  admin->role = RANAH_ROLE_ADMIN;
  ranah_store_initialize (store, admin, PASSWORD, &error);
  g_assert_no_error (error);
  ranah_store_sign_in (store, "admin", PASSWORD, &error);
  g_assert_no_error (error);

  fixture->opd_dinkes = add_opd (store, "DINKES", "Dinas Kesehatan");
  fixture->opd_disdik = add_opd (store, "DISDIK", "Dinas Pendidikan");
  add_user (store, "kadis", "Kepala Dinas Uji", RANAH_ROLE_KADIS, 0);
  add_user (store, "kabid", "Kepala Bidang Uji", RANAH_ROLE_KABID, 0);
  add_user (store, "subkoor", "Sub Koordinator Uji", RANAH_ROLE_SUBKOOR, 0);
  add_user (store, "staf1", "Staf Satu", RANAH_ROLE_STAF, 0);
  add_user (store, "staf2", "Staf Dua", RANAH_ROLE_STAF, 0);
  add_user (store, "dinkes", "Kepala Dinkes", RANAH_ROLE_OPD, fixture->opd_dinkes);
  add_user (store, "disdik", "Kepala Disdik", RANAH_ROLE_OPD, fixture->opd_disdik);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  wait_idle ();
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->uri);
}

static RanahWindow *
window_for (RanahStore *store)
{
  RanahWindow *window = ranah_window_new (NULL, store);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  wait_idle ();
  return window;
}

static RanahRequestPage *
open_request (RanahWindow *window,
              gint64       id)
{
  RanahRequestPage *page = RANAH_REQUEST_PAGE (ranah_window_get_page (window, "request"));

  ranah_window_open_request (window, id);
  wait_idle ();
  g_assert_cmpstr (ranah_window_get_visible_page (window), ==, "request");
  return page;
}

static char *
expected_actions (RanahStore         *store,
                  const RanahRequest *request)
{
  g_autoptr(GPtrArray) actions = ranah_store_next_actions (store, request);
  g_autoptr(GPtrArray) dispositions = ranah_store_list_dispositions (store, request->id, NULL);
  GString *out = g_string_new (NULL);
  gboolean last_read = FALSE;

  /* A read disposition can no longer be recalled (the store refuses it at the move). */
  for (guint i = dispositions != NULL ? dispositions->len : 0; i > 0; i--)
    {
      const RanahDisposition *d = g_ptr_array_index (dispositions, i - 1);

      if (!d->recalled)
        {
          last_read = d->read_at != 0;
          break;
        }
    }
  for (guint i = 0; i < actions->len; i++)
    {
      const RanahTransition *t = g_ptr_array_index (actions, i);
      const char *nick = ranah_action_to_string (t->action);
      g_autofree char *needle = g_strdup_printf ("|%s|", nick);
      g_autofree char *haystack = g_strdup_printf ("|%s|", out->str);

      if (strstr (haystack, needle) != NULL
          || (t->action == RANAH_ACTION_RECALL_DISPOSITION && last_read))
        continue;
      if (out->len > 0)
        g_string_append_c (out, '|');
      g_string_append (out, nick);
    }
  return g_string_free (out, FALSE);
}

/* The buttons on the request page, for @user, are exactly the table's actions. */
static char *
shown_actions (Fixture    *fixture,
               const char *user,
               gint64      request_id,
               gboolean   *may_see)
{
  g_autoptr(RanahStore) store = open_as (fixture, user);
  RanahWindow *window = window_for (store);
  RanahRequestPage *page = open_request (window, request_id);
  g_auto(GStrv) shown = ranah_request_page_dup_shown_actions (page);
  const RanahRequest *request = ranah_request_page_get_request (page);
  char *result = g_strjoinv ("|", shown);

  *may_see = request != NULL;
  if (request != NULL)
    {
      g_autofree char *expected = expected_actions (store, request);
      g_assert_cmpstr (result, ==, expected);
    }
  else
    g_assert_cmpstr (result, ==, "");
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
  return result;
}

static void
check_roles (Fixture    *fixture,
             gint64      request_id,
             const char *const expectations[][2])
{
  for (guint i = 0; expectations[i][0] != NULL; i++)
    {
      gboolean may_see = FALSE;
      g_autofree char *shown = shown_actions (fixture, expectations[i][0], request_id, &may_see);

      if (g_strcmp0 (shown, expectations[i][1]) != 0)
        g_test_message ("%s sees “%s”, expected “%s”", expectations[i][0], shown,
                        expectations[i][1]);
      g_assert_cmpstr (shown, ==, expectations[i][1]);
    }
}

static RanahState
state_of (Fixture *fixture,
          gint64   id)
{
  g_autoptr(RanahStore) store = open_as (fixture, "kadis");
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahRequest) request = ranah_store_get_request (store, id, &error);

  g_assert_no_error (error);
  return request->state;
}

/* Whether @user, opening request @id, is offered @action. */
static gboolean
offers (Fixture    *fixture,
        const char *user,
        gint64      id,
        const char *action)
{
  g_autoptr(RanahStore) store = open_as (fixture, user);
  RanahWindow *window = window_for (store);
  RanahRequestPage *page = open_request (window, id);
  g_auto(GStrv) shown = ranah_request_page_dup_shown_actions (page);
  gboolean offered = g_strv_contains ((const char * const *) shown, action);

  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
  return offered;
}

static void
act_and_confirm (Fixture    *fixture,
                 const char *user,
                 gint64      request_id,
                 const char *action,
                 const char *note)
{
  g_autoptr(RanahStore) store = open_as (fixture, user);
  RanahWindow *window = window_for (store);
  RanahRequestPage *page = open_request (window, request_id);
  GtkWindow *dialog;

  gtk_widget_activate_action (GTK_WIDGET (page), "request.act", "s", action);
  wait_idle ();
  dialog = ranah_request_page_get_dialog (page);
  g_assert_nonnull (dialog);

  if (RANAH_IS_NOTE_DIALOG (dialog))
    {
      if (ranah_note_dialog_get_note_required (RANAH_NOTE_DIALOG (dialog)))
        {
          /* Confirming without the note is refused in the dialog; nothing moves. */
          gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.confirm", NULL);
          wait_idle ();
          g_assert_true (ranah_request_page_get_dialog (page) == dialog);
        }
      if (note != NULL)
        ranah_note_dialog_set_note (RANAH_NOTE_DIALOG (dialog), note);
    }
  else if (RANAH_IS_DISPOSITION_DIALOG (dialog))
    {
      g_assert_cmpint (ranah_disposition_dialog_get_recipient (RANAH_DISPOSITION_DIALOG (dialog)), >, 0);
      g_assert_cmpint (ranah_disposition_dialog_get_due (RANAH_DISPOSITION_DIALOG (dialog)), >,
                       ranah_store_now (store));
      ranah_disposition_dialog_set_instruction (RANAH_DISPOSITION_DIALOG (dialog), "koordinasikan", TRUE);
      if (note != NULL)
        ranah_disposition_dialog_set_note (RANAH_DISPOSITION_DIALOG (dialog), note);
    }

  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.confirm", NULL);
  wait_idle ();
  /* Accepted moves close their dialog. */
  g_assert_null (ranah_request_page_get_dialog (page));
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
}

static gint64
submit_as_opd (Fixture    *fixture,
               const char *name,
               const char *target)
{
  g_autoptr(RanahStore) store = open_as (fixture, "dinkes");
  RanahWindow *window = window_for (store);
  RanahNewRequestDialog *dialog;
  g_autoptr(GBytes) pdf = ranah_demo_letter_pdf ("000.5.2/001/DINKES/2026");
  g_autofree char *pdf_path = g_build_filename (fixture->dir, "surat.pdf", NULL);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf_path);
  g_autoptr(GError) error = NULL;
  RanahInboxPage *inbox;
  gint64 id = 0;
  RanahRequestPage *page;

  g_file_set_contents (pdf_path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (window), "app.new-request", NULL);
  ranah_window_new_request (window);
  wait_idle ();
  dialog = RANAH_NEW_REQUEST_DIALOG (ranah_window_get_dialog (window));
  g_assert_nonnull (dialog);

  /* Live validation as the name is typed. */
  ranah_new_request_dialog_fill (dialog, "name", "-bad");
  g_assert_false (ranah_new_request_dialog_get_name_ok (dialog));
  g_assert_cmpstr (ranah_new_request_dialog_get_name_status (dialog), !=, "");
  ranah_new_request_dialog_fill (dialog, "name", name);
  for (guint i = 0; i < 100 && !ranah_new_request_dialog_get_name_ok (dialog); i++)
    {
      g_usleep (10000);
      wait_idle ();
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_true (ranah_new_request_dialog_get_name_ok (dialog));
  g_assert_nonnull (strstr (ranah_new_request_dialog_get_name_status (dialog), name));

  ranah_new_request_dialog_fill (dialog, "target", target);
  ranah_new_request_dialog_fill (dialog, "purpose", "Layanan uji");
  ranah_new_request_dialog_fill (dialog, "letter-number", "000.5.2/001/DINKES/2026");
  ranah_new_request_dialog_fill (dialog, "contact-name", "Petugas TI");
  ranah_new_request_dialog_fill (dialog, "contact-phone", "0811-5500-123");
  ranah_new_request_dialog_fill (dialog, "contact-email", "ti@dinkes.tarakankota.go.id");

  /* A bad e-mail is refused with a sentence, and what was typed stays. */
  ranah_new_request_dialog_fill (dialog, "contact-email", "not-an-address");
  ranah_new_request_dialog_load_letter (dialog, pdf_file);
  wait_idle ();
  gtk_widget_activate_action (GTK_WIDGET (dialog), "new-request.submit", NULL);
  wait_idle ();
  g_assert_true (ranah_window_get_dialog (window) == GTK_WINDOW (dialog));
  g_assert_nonnull (ranah_new_request_dialog_get_error (dialog));

  ranah_new_request_dialog_fill (dialog, "contact-email", "ti@dinkes.tarakankota.go.id");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "new-request.submit", NULL);
  wait_idle ();
  g_assert_null (ranah_window_get_dialog (window));

  /* The window opens the new request. */
  g_assert_cmpstr (ranah_window_get_visible_page (window), ==, "request");
  page = RANAH_REQUEST_PAGE (ranah_window_get_page (window, "request"));
  g_assert_nonnull (ranah_request_page_get_request (page));
  id = ranah_request_page_get_request (page)->id;
  g_assert_cmpint (ranah_request_page_get_request (page)->state, ==, RANAH_STATE_SUBMITTED);
  g_assert_nonnull (ranah_request_page_get_request (page)->attachment_sha256);

  inbox = RANAH_INBOX_PAGE (ranah_window_get_page (window, "inbox"));
  (void) inbox;
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
  return id;
}

static void
test_sop_run (Fixture       *fixture,
              gconstpointer  data)
{
  gint64 id;
  static const char *const at_submitted[][2] = {
    { "kadis", "dispose-to-kabid|decline" }, { "kabid", "" }, { "subkoor", "" },
    { "staf1", "" }, { "dinkes", "withdraw" }, { "disdik", "" }, { NULL, NULL } };
  static const char *const at_kabid[][2] = {
    { "kadis", "recall-disposition" }, { "kabid", "dispose-to-subkoor|decline" },
    { "subkoor", "" }, { "dinkes", "withdraw" }, { NULL, NULL } };
  /* staf1 opens the request first, which reads the disposition: the Sub Koordinator can
   * no longer recall it. */
  static const char *const at_staf[][2] = {
    { "staf1", "create" }, { "staf2", "" }, { "subkoor", "" },
    { "dinkes", "withdraw" },
    { NULL, NULL } };
  static const char *const created[][2] = {
    { "staf1", "report" }, { "dinkes", "" }, { NULL, NULL } };
  static const char *const drafting[][2] = {
    { "subkoor", "draft" }, { "kabid", "" }, { NULL, NULL } };
  static const char *const drafted[][2] = {
    { "kabid", "review|return-draft" }, { "kadis", "" }, { NULL, NULL } };
  static const char *const reviewed[][2] = {
    { "kadis", "sign|return-draft" }, { "kabid", "" }, { NULL, NULL } };
  static const char *const sent[][2] = {
    { "dinkes", "receive" }, { "staf1", "receive" }, { "disdik", "" }, { "kadis", "" },
    { NULL, NULL } };

  /* Step 1: the OPD enters its own request in the form. */
  id = submit_as_opd (fixture, "layanan", "103.76.120.10");
  check_roles (fixture, id, at_submitted);

  /* Step 2: Kepala Dinas disposes to Kepala Bidang. */
  act_and_confirm (fixture, "kadis", id, "dispose-to-kabid", "Segera diproses.");
  g_assert_cmpint (state_of (fixture, id), ==, RANAH_STATE_AT_KABID);
  /* Unread, so Kepala Dinas may recall it; Kepala Bidang opening it (check_roles) reads it. */
  check_roles (fixture, id, at_kabid);

  /* Step 3. */
  act_and_confirm (fixture, "kabid", id, "dispose-to-subkoor", NULL);
  g_assert_cmpint (state_of (fixture, id), ==, RANAH_STATE_AT_SUBKOOR);

  /* Step 4: Sub Koordinator picks a staff member, each shown with their open load. */
  {
    g_autoptr(RanahStore) store = open_as (fixture, "subkoor");
    RanahWindow *window = window_for (store);
    RanahRequestPage *page = open_request (window, id);
    g_auto(GStrv) shown = ranah_request_page_dup_shown_actions (page);
    g_auto(GStrv) candidates = NULL;
    g_autoptr(RanahUser) staf1 = ranah_store_find_user (store, "staf1", NULL);
    RanahDispositionDialog *dialog;

    g_assert_true (g_strv_contains ((const char * const *) shown, "dispose-to-staf"));
    g_assert_true (g_strv_contains ((const char * const *) shown, "decline"));
    gtk_widget_activate_action (GTK_WIDGET (page), "request.act", "s", "dispose-to-staf");
    wait_idle ();
    dialog = RANAH_DISPOSITION_DIALOG (ranah_request_page_get_dialog (page));
    candidates = ranah_disposition_dialog_dup_candidates (dialog);
    g_assert_cmpuint (g_strv_length (candidates), ==, 2);
    g_assert_nonnull (strstr (candidates[0], "open item"));
    g_assert_true (ranah_disposition_dialog_set_recipient (dialog, staf1->id));
    gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.confirm", NULL);
    wait_idle ();
    g_assert_null (ranah_request_page_get_dialog (page));
    gtk_window_destroy (GTK_WINDOW (window));
    wait_idle ();
  }
  g_assert_cmpint (state_of (fixture, id), ==, RANAH_STATE_AT_STAF);
  check_roles (fixture, id, at_staf);

  /* Step 5: the creation form validates as typed, then marks the records created. */
  {
    g_autoptr(RanahStore) store = open_as (fixture, "staf1");
    RanahWindow *window = window_for (store);
    RanahRequestPage *page = open_request (window, id);
    RanahCreationDialog *dialog;

    gtk_widget_activate_action (GTK_WIDGET (page), "request.act", "s", "create");
    wait_idle ();
    dialog = RANAH_CREATION_DIALOG (ranah_request_page_get_dialog (page));
    g_assert_false (ranah_creation_dialog_set_target (dialog, 0, "999.1.1.1"));
    gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.confirm", NULL);
    wait_idle ();
    g_assert_true (ranah_request_page_get_dialog (page) == GTK_WINDOW (dialog));
    g_assert_true (ranah_creation_dialog_set_target (dialog, 0, "103.76.120.11"));
    /* Nothing in DNS and no server to ask (the profile's 127.0.0.1:53): the dialog stays,
     * and nothing is created. */
    gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.confirm", NULL);
    wait_idle ();
    g_assert_true (ranah_request_page_get_dialog (page) == GTK_WINDOW (dialog));
    g_assert_cmpint (state_of (fixture, id), ==, RANAH_STATE_AT_STAF);
    /* Proven on another desk (ranah-cli dns verify): the app needs no server then. */
    {
      g_autoptr(RanahRequest) request = ranah_store_get_request (store, id, NULL);
      g_autoptr(GPtrArray) proofs = ranah_records_copy (request->records);
      g_autoptr(GError) error = NULL;
      RanahRecord *proof = g_ptr_array_index (proofs, 0);

      proof->proof_server = g_strdup ("192.0.2.53:53");
      proof->proof_serial = 2026030101;
      proof->proof_answer = g_strdup (proof->target);
      g_assert_true (ranah_store_record_proofs (store, id, proofs, &error));
      g_assert_no_error (error);
    }
    gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.confirm", NULL);
    wait_idle ();
    g_assert_null (ranah_request_page_get_dialog (page));
    gtk_window_destroy (GTK_WINDOW (window));
    wait_idle ();
  }
  g_assert_cmpint (state_of (fixture, id), ==, RANAH_STATE_CREATED);
  check_roles (fixture, id, created);

  /* Steps 6–10. */
  act_and_confirm (fixture, "staf1", id, "report", NULL);
  g_assert_cmpint (state_of (fixture, id), ==, RANAH_STATE_DRAFTING);
  check_roles (fixture, id, drafting);
  act_and_confirm (fixture, "subkoor", id, "draft", NULL);
  g_assert_cmpint (state_of (fixture, id), ==, RANAH_STATE_DRAFTED);
  check_roles (fixture, id, drafted);

  /* A returned draft needs its note, and goes back to step 7. */
  act_and_confirm (fixture, "kabid", id, "return-draft", "Perbaiki alamat tujuan.");
  g_assert_cmpint (state_of (fixture, id), ==, RANAH_STATE_DRAFTING);
  act_and_confirm (fixture, "subkoor", id, "draft", NULL);
  act_and_confirm (fixture, "kabid", id, "review", NULL);
  g_assert_cmpint (state_of (fixture, id), ==, RANAH_STATE_REVIEWED);
  check_roles (fixture, id, reviewed);

  /* Kepala Dinas sees the letter preview before signing. */
  {
    g_autoptr(RanahStore) store = open_as (fixture, "kadis");
    RanahWindow *window = window_for (store);
    RanahRequestPage *page = open_request (window, id);
    GtkWidget *preview = ranah_request_page_get_preview (page);

    g_assert_nonnull (preview);
    g_assert_cmpuint (ranah_letter_preview_get_n_pages (RANAH_LETTER_PREVIEW (preview)), >=, 1);
    gtk_widget_activate_action (preview, "preview.zoom-in", NULL);
    g_assert_cmpfloat (ranah_letter_preview_get_zoom (RANAH_LETTER_PREVIEW (preview)), >, 0.75);
    gtk_window_destroy (GTK_WINDOW (window));
    wait_idle ();
  }

  act_and_confirm (fixture, "kadis", id, "sign", NULL);
  g_assert_cmpint (state_of (fixture, id), ==, RANAH_STATE_SENT);
  check_roles (fixture, id, sent);
  act_and_confirm (fixture, "dinkes", id, "receive", NULL);
  g_assert_cmpint (state_of (fixture, id), ==, RANAH_STATE_DONE);

  {
    g_autoptr(RanahStore) store = open_as (fixture, "kadis");
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) entries = ranah_store_list_entries (store, NULL, &error);

    g_assert_true (ranah_store_verify_audit (store, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (entries->len, ==, 1);
  }
}

static void
test_side_paths (Fixture       *fixture,
                 gconstpointer  data)
{
  gint64 declined = submit_as_opd (fixture, "tolak", "103.76.120.20");
  gint64 withdrawn, read_later;

  /* A name held by a request in progress is reported as the OPD types it. */
  {
    g_autoptr(RanahStore) store = open_as (fixture, "disdik");
    RanahWindow *window = window_for (store);
    RanahNewRequestDialog *dialog;

    ranah_window_new_request (window);
    wait_idle ();
    dialog = RANAH_NEW_REQUEST_DIALOG (ranah_window_get_dialog (window));
    ranah_new_request_dialog_fill (dialog, "name", "tolak");
    for (guint i = 0; i < 100 && g_strrstr (ranah_new_request_dialog_get_name_status (dialog), "tolak") == NULL; i++)
      {
        g_usleep (10000);
        wait_idle ();
      }
    g_assert_false (ranah_new_request_dialog_get_name_ok (dialog));
    g_assert_nonnull (g_strrstr (ranah_new_request_dialog_get_name_status (dialog), "tolak"));
    gtk_window_destroy (GTK_WINDOW (window));
    wait_idle ();
  }

  /* Decline needs its reason; the refusal then waits for its letter at step 7. */
  act_and_confirm (fixture, "kadis", declined, "decline", "Gunakan portal utama.");
  g_assert_cmpint (state_of (fixture, declined), ==, RANAH_STATE_DRAFTING);

  withdrawn = submit_as_opd (fixture, "batal", "103.76.120.21");
  act_and_confirm (fixture, "kadis", withdrawn, "dispose-to-kabid", NULL);
  /* Kepala Dinas takes back the unread disposition. */
  act_and_confirm (fixture, "kadis", withdrawn, "recall-disposition", NULL);
  g_assert_cmpint (state_of (fixture, withdrawn), ==, RANAH_STATE_SUBMITTED);
  act_and_confirm (fixture, "dinkes", withdrawn, "withdraw", "Kegiatan dibatalkan.");
  g_assert_cmpint (state_of (fixture, withdrawn), ==, RANAH_STATE_WITHDRAWN);

  /* Once the Kepala Bidang has opened it, the disposition is read: the Kepala Dinas is no
   * longer offered a recall that the store would refuse. */
  read_later = submit_as_opd (fixture, "dibaca", "103.76.120.22");
  act_and_confirm (fixture, "kadis", read_later, "dispose-to-kabid", NULL);
  g_assert_true (offers (fixture, "kadis", read_later, "recall-disposition"));
  g_assert_false (offers (fixture, "kabid", read_later, "recall-disposition"));
  g_assert_false (offers (fixture, "kadis", read_later, "recall-disposition"));
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static RanahImportDialog *
import_file (RanahStore *store,
             const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  RanahImportDialog *dialog = ranah_import_dialog_new (store, file, "tarakankota.go.id");

  gtk_window_present (GTK_WINDOW (dialog));
  wait_idle ();
  return dialog;
}

/* Shows @window's registry page, loaded or loading. */
static RanahRegistryPage *
show_registry (RanahWindow *window)
{
  ranah_window_show_page (window, "registry");
  wait_idle ();
  return RANAH_REGISTRY_PAGE (ranah_window_get_page (window, "registry"));
}

static guint
wait_filtered (RanahRegistryPage *page)
{
  while (ranah_registry_page_is_filtering (page))
    g_main_context_iteration (NULL, TRUE);
  return g_list_model_get_n_items (ranah_registry_page_get_shown (page));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The text a registry cell shows (its cells are GtkInscriptions), or NULL for any other
 * widget. */
static const char *
registry_cell_text (GtkWidget *widget)
{
  if (GTK_IS_INSCRIPTION (widget))
    return gtk_inscription_get_text (GTK_INSCRIPTION (widget));
  return NULL;
}

/* The names in the registry's cells on screen, sorted and joined with commas: what the
 * person sees, whatever the model says. */
static void
collect_names (GtkWidget *widget,
               GtkWidget *page,
               GPtrArray *names)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;
      const char *text = registry_cell_text (child);

      if (text != NULL && gtk_widget_get_mapped (child)
          && g_str_has_suffix (text, ".tarakankota.go.id")
          && gtk_widget_compute_bounds (child, page, &bounds)
          && bounds.origin.y >= 0 && bounds.origin.y < gtk_widget_get_height (page))
        g_ptr_array_add (names, g_strdup (text));
      collect_names (child, page, names);
    }
}

static void
frame_painted (GdkFrameClock *clock,
               gboolean      *painted)
{
  *painted = TRUE;
}

/* Until @widget has been laid out and painted once more. */
static void
wait_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gint64 give_up = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_assert_nonnull (clock);
  g_signal_connect (clock, "after-paint", G_CALLBACK (frame_painted), &painted);
  gtk_widget_queue_draw (widget);
  while (!painted && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, FALSE);
  g_signal_handlers_disconnect_by_func (clock, frame_painted, &painted);
  g_assert_true (painted);
}

static char *
names_on_screen (RanahRegistryPage *page)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  wait_idle ();
  wait_frame (GTK_WIDGET (page));
  collect_names (GTK_WIDGET (page), GTK_WIDGET (page), names);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

static gboolean
rows_contain (GStrv       rows,
              const char *row)
{
  return g_strv_contains ((const char * const *) rows, row);
}

/* Settings → Holidays → Import…: the national calendar previewed with every date, the ones
 * the store has greyed and labelled, only the new ones stored; again, nothing to import. */
static void
test_holiday_import (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(RanahStore) store = open_as (fixture, "admin");
  g_autoptr(RanahHoliday) natal = ranah_holiday_new ("2026-12-25", "Natal", FALSE);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "holidays-2026.ics", NULL);
  g_autofree char *bad_path = write_file (fixture, "rusak.ics",
                                          "BEGIN:VCALENDAR\r\n\xff\r\nEND:VCALENDAR\r\n");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  RanahSettingsPage *page;
  RanahWindow *window;
  GtkWindow *dialog;
  const RanahHolidayImport *import;

  g_assert_true (ranah_store_add_holiday (store, natal, &error));
  g_assert_no_error (error);
  window = window_for (store);
  g_assert_cmpstr (ranah_window_get_visible_page (window), ==, "settings");
  page = RANAH_SETTINGS_PAGE (ranah_window_get_page (window, "settings"));

  dialog = ranah_settings_page_import_holidays (page, file);
  g_assert_true (RANAH_IS_HOLIDAY_IMPORT_DIALOG (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  wait_idle ();
  import = ranah_holiday_import_dialog_get_import (RANAH_HOLIDAY_IMPORT_DIALOG (dialog));
  g_assert_nonnull (import);
  {
    g_auto(GStrv) rows = ranah_holiday_import_dialog_dup_rows (RANAH_HOLIDAY_IMPORT_DIALOG (dialog));

    g_assert_cmpuint (g_strv_length (rows), ==, 13);
    g_assert_true (rows_contain (rows, "2026-03-20|Hari Raya Idul Fitri 1447 Hijriah|"));
    g_assert_true (rows_contain (rows, "2026-03-21|Hari Raya Idul Fitri 1447 Hijriah|"));
    g_assert_true (rows_contain (rows, "2026-03-23|Cuti Bersama Idul Fitri 1447 Hijriah|"
                                       "Cuti bersama"));
    g_assert_true (rows_contain (rows, "2026-12-24|Libur Natal|Cuti bersama"));
    g_assert_true (rows_contain (rows, "2026-12-25|Hari Raya Natal|Already there"));
    g_assert_true (rows_contain (rows, "2027-08-17|Hari Proklamasi Kemerdekaan R.I.|"));
  }
  g_assert_cmpuint (ranah_holiday_import_count (import, RANAH_HOLIDAY_DAY_NEW), ==, 11);
  g_assert_cmpuint (import->problems->len, ==, 1);
  g_assert_true (ranah_holiday_import_dialog_can_import (RANAH_HOLIDAY_IMPORT_DIALOG (dialog)));

  /* Yearly events for 2026 only: 2027's single event stays, its yearly ones go. */
  ranah_holiday_import_dialog_set_years (RANAH_HOLIDAY_IMPORT_DIALOG (dialog), 2026, 2026);
  import = ranah_holiday_import_dialog_get_import (RANAH_HOLIDAY_IMPORT_DIALOG (dialog));
  g_assert_cmpuint (ranah_holiday_import_count (import, RANAH_HOLIDAY_DAY_NEW), ==, 9);
  {
    g_auto(GStrv) rows = ranah_holiday_import_dialog_dup_rows (RANAH_HOLIDAY_IMPORT_DIALOG (dialog));

    g_assert_false (rows_contain (rows, "2027-08-17|Hari Proklamasi Kemerdekaan R.I.|"));
    g_assert_true (rows_contain (rows, "2027-01-01|Tahun Baru 2027 Masehi|"));
  }

  /* "Import 9 holidays": stored together, the dialog closes. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.confirm", NULL);
  wait_idle ();
  g_assert_null (dialog);
  stored = ranah_store_list_holidays (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 10);
  for (guint i = 0; i < stored->len; i++)
    {
      RanahHoliday *holiday = g_ptr_array_index (stored, i);

      g_assert_cmpstr (holiday->date, !=, "2027-08-17");
      if (g_str_equal (holiday->date, "2026-12-25"))
        g_assert_cmpstr (holiday->name, ==, "Natal");
      if (g_str_equal (holiday->date, "2026-03-24"))
        g_assert_true (holiday->cuti_bersama);
    }

  /* The same file again, the same years: every date greyed, nothing to import. */
  dialog = ranah_settings_page_import_holidays (page, file);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  wait_idle ();
  ranah_holiday_import_dialog_set_years (RANAH_HOLIDAY_IMPORT_DIALOG (dialog), 2026, 2026);
  import = ranah_holiday_import_dialog_get_import (RANAH_HOLIDAY_IMPORT_DIALOG (dialog));
  g_assert_cmpuint (ranah_holiday_import_count (import, RANAH_HOLIDAY_DAY_NEW), ==, 0);
  g_assert_false (ranah_holiday_import_dialog_can_import (RANAH_HOLIDAY_IMPORT_DIALOG (dialog)));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.confirm", NULL);
  wait_idle ();
  g_assert_nonnull (dialog);
  gtk_window_destroy (dialog);
  wait_idle ();

  /* A file that is not a calendar: said so, nothing to import. */
  dialog = ranah_settings_page_import_holidays (page, bad);
  wait_idle ();
  g_assert_null (ranah_holiday_import_dialog_get_import (RANAH_HOLIDAY_IMPORT_DIALOG (dialog)));
  g_assert_false (ranah_holiday_import_dialog_can_import (RANAH_HOLIDAY_IMPORT_DIALOG (dialog)));
  gtk_window_destroy (dialog);
  g_clear_pointer (&stored, g_ptr_array_unref);
  stored = ranah_store_list_holidays (store, &error);
  g_assert_cmpuint (stored->len, ==, 10);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
}

/* Whether a label or a cell under @widget, mapped, shows @text. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *shown = GTK_IS_LABEL (child) ? gtk_label_get_text (GTK_LABEL (child))
                          : GTK_IS_INSCRIPTION (child)
                          ? gtk_inscription_get_text (GTK_INSCRIPTION (child)) : NULL;

      if (shown != NULL && gtk_widget_get_mapped (child) && g_str_equal (shown, text))
        return TRUE;
      if (shows_text (child, text))
        return TRUE;
    }
  return FALSE;
}

/* Moves request @id with @action as @username through the store (step 5 with its records
 * seen in DNS, as ranah-cli dns verify keeps them). */
static void
store_move (Fixture     *fixture,
            const char  *username,
            gint64       id,
            RanahAction  action,
            const char  *to_user)
{
  g_autoptr(RanahStore) store = open_as (fixture, username);
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahRequest) r = ranah_store_get_request (store, id, &error);
  RanahMove move = { 0 };

  g_assert_no_error (error);
  if (action == RANAH_ACTION_CREATE)
    {
      g_autoptr(GPtrArray) proofs = ranah_records_copy (r->records);

      for (guint i = 0; i < proofs->len; i++)
        {
          RanahRecord *proof = g_ptr_array_index (proofs, i);

          set_str (&proof->proof_server, "192.0.2.53:53");
          proof->proof_serial = 2026112301;
          set_str (&proof->proof_answer, proof->target);
        }
      g_assert_true (ranah_store_record_proofs (store, id, proofs, &error));
      g_assert_no_error (error);
    }
  if (to_user != NULL)
    {
      g_autoptr(RanahUser) user = ranah_store_find_user (store, to_user, &error);

      g_assert_no_error (error);
      move.to_user_id = user->id;
    }
  move.action = action;
  move.request_id = id;
  move.expected_version = r->version;
  g_assert_true (ranah_store_move (store, &move, &error));
  g_assert_no_error (error);
}

/* A draft whose signer lacks a NIP and a rank: its request page names both above the
 * preview, in the sentence signing would refuse with; once they are filled in, nothing. */
static void
test_draft_names_what_it_lacks (Fixture       *fixture,
                                gconstpointer  data)
{
  const char *lacking = "This letter cannot be signed yet: the signer’s NIP and the signer’s "
                        "rank are not filled in.";
  g_autoptr(RanahStore) admin = open_as (fixture, "admin");
  g_autoptr(RanahStore) kadis = NULL;
  g_autoptr(RanahUser) signer = NULL;
  g_autoptr(GError) error = NULL;
  RanahRequestPage *page;
  RanahWindow *window;
  gint64 id = submit_as_opd (fixture, "kurang", "103.76.120.50");

  store_move (fixture, "kadis", id, RANAH_ACTION_DISPOSE_TO_KABID, NULL);
  store_move (fixture, "kabid", id, RANAH_ACTION_DISPOSE_TO_SUBKOOR, NULL);
  store_move (fixture, "subkoor", id, RANAH_ACTION_DISPOSE_TO_STAF, "staf1");
  store_move (fixture, "staf1", id, RANAH_ACTION_CREATE, NULL);
  store_move (fixture, "staf1", id, RANAH_ACTION_REPORT, NULL);
  store_move (fixture, "subkoor", id, RANAH_ACTION_DRAFT, NULL);
  store_move (fixture, "kabid", id, RANAH_ACTION_REVIEW, NULL);

  signer = ranah_store_find_user (admin, "kadis", &error);
  g_assert_no_error (error);
  set_str (&signer->nip, "");
  set_str (&signer->rank, "");
  g_assert_true (ranah_store_update_user (admin, signer, &error));
  g_assert_no_error (error);

  kadis = open_as (fixture, "kadis");
  window = window_for (kadis);
  page = open_request (window, id);
  g_assert_nonnull (ranah_request_page_get_preview (page));
  g_assert_true (shows_text (GTK_WIDGET (page), lacking));
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();

  set_str (&signer->nip, "197203151998031004");
  set_str (&signer->rank, "Pembina Utama Muda (IV/c)");
  g_assert_true (ranah_store_update_user (admin, signer, &error));
  g_assert_no_error (error);
  window = window_for (kadis);
  page = open_request (window, id);
  g_assert_nonnull (ranah_request_page_get_preview (page));
  g_assert_false (shows_text (GTK_WIDGET (page), lacking));
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
}

/* Settings → Logo: chosen from a file, which is read and checked at once; a damaged PNG is
 * refused and changes nothing, a good one is stored as its base64, and it can be removed. */
static void
test_logo_from_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(RanahStore) store = open_as (fixture, "admin");
  g_autoptr(GError) error = NULL;
  g_autofree char *png_path = g_build_filename (fixture->dir, "lambang.png", NULL);
  g_autofree char *broken_path = g_build_filename (fixture->dir, "rusak.png", NULL);
  g_autoptr(GFile) png = g_file_new_for_path (png_path);
  g_autoptr(GFile) broken = g_file_new_for_path (broken_path);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  RanahSettingsPage *page;
  RanahWindow *window;
  gsize length = 0;

  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 24, 24);

    g_assert_cmpint (cairo_surface_write_to_png (surface, png_path), ==, CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy (surface);
  }
  g_assert_true (g_file_get_contents (png_path, &contents, &length, &error));
  g_assert_no_error (error);
  expected = g_base64_encode ((const guchar *) contents, length);
  g_assert_true (g_file_set_contents (broken_path, contents, length / 2, &error));
  g_assert_no_error (error);

  window = window_for (store);
  page = RANAH_SETTINGS_PAGE (ranah_window_get_page (window, "settings"));
  g_assert_true (shows_text (GTK_WIDGET (page), "None: the letterhead shows a neutral emblem."));

  ranah_settings_page_set_logo (page, broken);
  wait_idle ();
  {
    g_autoptr(GHashTable) profile = ranah_store_get_profile (store, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (g_hash_table_lookup (profile, RANAH_PROFILE_LOGO), ==, "");
  }

  ranah_settings_page_set_logo (page, png);
  wait_idle ();
  wait_idle ();
  {
    g_autoptr(GHashTable) profile = ranah_store_get_profile (store, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (g_hash_table_lookup (profile, RANAH_PROFILE_LOGO), ==, expected);
  }
  g_assert_true (shows_text (GTK_WIDGET (page), "A PNG image of about 1 kB."));

  ranah_settings_page_set_logo (page, NULL);
  wait_idle ();
  {
    g_autoptr(GHashTable) profile = ranah_store_get_profile (store, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (g_hash_table_lookup (profile, RANAH_PROFILE_LOGO), ==, "");
  }
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
}

/* An internationalised name in both its forms in the inbox row, on the request page and in
 * the registry; a plain name as it is. */
static void
test_idn_names (Fixture       *fixture,
                gconstpointer  data)
{
  const char *both = "xn--bcher-kva.tarakankota.go.id (b\u00fccher.tarakankota.go.id)";
  g_autoptr(GError) error = NULL;
  gint64 id;
  RanahWindow *window;

  {
    g_autoptr(RanahStore) opd = open_as (fixture, "dinkes");
    g_autoptr(RanahRequest) request = ui_test_request_new ("b\u00fccher", fixture->opd_dinkes,
                                                           "000.5.2/7/DINKES/2026",
                                                           "103.76.120.31");

    id = ranah_store_submit_request (opd, request, NULL, &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr(RanahStore) kadis = open_as (fixture, "kadis");

    window = window_for (kadis);
    wait_frame (GTK_WIDGET (window));
    g_assert_true (shows_text (ranah_window_get_page (window, "inbox"), both));
    open_request (window, id);
    wait_frame (GTK_WIDGET (window));
    g_assert_true (shows_text (ranah_window_get_page (window, "request"), both));
    gtk_window_destroy (GTK_WINDOW (window));
  }
  {
    g_autoptr(RanahStore) staf = open_as (fixture, "staf1");
    g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_entry_free);
    g_autoptr(GPtrArray) problems = NULL;
    const char *names[] = { "xn--mnchen-3ya", "perpustakaan" };
    RanahRegistryPage *page;

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        RanahEntry *e = ranah_entry_new ();

        e->name = g_strdup (names[i]);
        set_str (&e->opd_name, "DINKES");
        g_ptr_array_add (e->records, ranah_record_new (RANAH_RECORD_A, "", "103.76.120.50"));
        g_ptr_array_add (entries, e);
      }
    g_assert_true (ranah_store_import_entries (staf, entries, &problems, &error));
    g_assert_no_error (error);
    window = window_for (staf);
    page = show_registry (window);
    g_assert_cmpuint (wait_filtered (page), ==, 2);
    wait_frame (GTK_WIDGET (page));
    g_assert_true (shows_text (GTK_WIDGET (page), "xn--mnchen-3ya.tarakankota.go.id "
                                                  "(m\u00fcnchen.tarakankota.go.id)"));
    g_assert_true (shows_text (GTK_WIDGET (page), "perpustakaan.tarakankota.go.id"));
    /* Typing the name as the OPD wrote it finds it. */
    ranah_registry_page_set_filter (page, "m\u00fcnchen", NULL, -1);
    g_assert_cmpuint (wait_filtered (page), ==, 1);
    gtk_window_destroy (GTK_WINDOW (window));
  }
  wait_idle ();
}

static void
test_registry (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(RanahStore) store = open_as (fixture, "subkoor");
  g_autofree char *bad = write_file (fixture, "bad.csv",
    "name,opd,target,status\n"
    "portal,Dinas Kesehatan,103.76.120.1,active\n"
    "-salah,Dinas Kesehatan,103.76.120.2,active\n");
  g_autofree char *good = write_file (fixture, "good.csv",
    "name,opd,target,status\n"
    "portal,Dinas Kesehatan,103.76.120.1,active\n"
    "gizi,Dinas Kesehatan,103.76.120.2,suspended\n"
    "sekolah,Dinas Pendidikan,103.76.120.3,active\n"
    "ppdb,Dinas Pendidikan,ppdb.siap-online.com,revoked\n");
  RanahImportDialog *dialog;
  RanahWindow *window;
  RanahRegistryPage *page;
  GListModel *shown;

  /* A bad row: every problem shown with its line, and nothing can be imported. */
  dialog = import_file (store, bad);
  g_assert_cmpuint (ranah_import_dialog_get_n_problems (dialog), ==, 1);
  {
    g_auto(GStrv) problems = ranah_import_dialog_dup_problems (dialog);
    g_assert_true (g_str_has_prefix (problems[0], "Line 3"));
  }
  g_assert_false (ranah_import_dialog_can_import (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.confirm", NULL);
  wait_idle ();
  {
    g_autoptr(GPtrArray) entries = ranah_store_list_entries (store, NULL, NULL);
    g_assert_cmpuint (entries->len, ==, 0);
  }
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = import_file (store, good);
  g_assert_cmpuint (ranah_import_dialog_get_n_entries (dialog), ==, 4);
  g_assert_true (ranah_import_dialog_can_import (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.confirm", NULL);
  wait_idle ();

  window = window_for (store);
  page = show_registry (window);
  g_assert_cmpuint (wait_filtered (page), ==, 4);

  ranah_registry_page_set_filter (page, "pendidikan", NULL, -1);
  g_assert_cmpuint (wait_filtered (page), ==, 2);
  /* The rows on screen are rebound to what the filter keeps, not left as they were. */
  {
    g_autofree char *names = names_on_screen (page);
    g_assert_cmpstr (names, ==, "ppdb.tarakankota.go.id,sekolah.tarakankota.go.id");
  }
  ranah_registry_page_set_filter (page, "", "DINKES", -1);
  g_assert_cmpuint (wait_filtered (page), ==, 2);
  ranah_registry_page_set_filter (page, "", NULL, RANAH_ENTRY_REVOKED);
  shown = ranah_registry_page_get_shown (page);
  g_assert_cmpuint (wait_filtered (page), ==, 1);
  {
    g_autoptr(GObject) first = g_list_model_get_item (shown, 0);
    g_assert_nonnull (first);
  }
  ranah_registry_page_set_filter (page, "GIZI", "DINKES", RANAH_ENTRY_SUSPENDED);
  g_assert_cmpuint (wait_filtered (page), ==, 1);
  {
    g_autofree char *names = names_on_screen (page);
    g_assert_cmpstr (names, ==, "gizi.tarakankota.go.id");
  }
  ranah_registry_page_set_filter (page, "103.76.120.3", NULL, -1);
  g_assert_cmpuint (wait_filtered (page), ==, 1);
  ranah_registry_page_set_filter (page, "", NULL, -1);
  g_assert_cmpuint (wait_filtered (page), ==, 4);

  /* Typing key by key narrows only what is shown; it must show what the same text typed at
   * once shows, and a deleted key widens it again. */
  {
    const char *typed = "sekolah.tarakankota.go.id";
    guint narrowed[32], fresh[32];
    guint n = 0;

    for (guint i = 1; i <= strlen (typed) && n < G_N_ELEMENTS (narrowed); i++, n++)
      {
        g_autofree char *text = g_strndup (typed, i);
        ranah_registry_page_set_filter (page, text, NULL, -1);
        narrowed[n] = wait_filtered (page);
      }
    for (guint i = 1; i <= n; i++)
      {
        g_autofree char *text = g_strndup (typed, i);
        ranah_registry_page_set_filter (page, "", NULL, -1);
        wait_filtered (page);
        ranah_registry_page_set_filter (page, text, NULL, -1);
        fresh[i - 1] = wait_filtered (page);
        g_assert_cmpuint (narrowed[i - 1], ==, fresh[i - 1]);
      }
    g_assert_cmpuint (narrowed[n - 1], ==, 1);
    ranah_registry_page_set_filter (page, "sekolah", NULL, -1);
    g_assert_cmpuint (wait_filtered (page), ==, 1);
    ranah_registry_page_set_filter (page, "sekola", NULL, -1);
    g_assert_cmpuint (wait_filtered (page), ==, 1);
    ranah_registry_page_set_filter (page, "se", NULL, -1);
    g_assert_cmpuint (wait_filtered (page), ==, fresh[1]);
    g_assert_cmpuint (fresh[1], >, 1);
    ranah_registry_page_set_filter (page, "", NULL, -1);
    g_assert_cmpuint (wait_filtered (page), ==, 4);
  }

  /* Sorting by name, descending. */
  ranah_registry_page_sort_by (page, "name", TRUE);
  g_assert_cmpuint (wait_filtered (page), ==, 4);
  {
    g_autofree char *csv = ranah_registry_page_dup_csv (page);
    const char *sekolah = strstr (csv, "sekolah");
    const char *gizi = strstr (csv, "gizi");
    g_assert_nonnull (sekolah);
    g_assert_nonnull (gizi);
    g_assert_true (sekolah < gizi);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
}

static void
on_notified (RanahNotifier *notifier,
             const char    *summary,
             const char    *body,
             gpointer       user_data)
{
  g_ptr_array_add (user_data, g_strdup (summary));
}

static void
test_notifications (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 id = submit_as_opd (fixture, "kabar", "103.76.120.40");
  g_autoptr(RanahStore) store = open_as (fixture, "kabid");
  RanahWindow *window = window_for (store);
  RanahNotifier *notifier = ranah_window_get_notifier (window);
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) monitor = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) seen = NULL;
  guint delivered = ranah_notifier_get_n_delivered (notifier);

  g_signal_connect (notifier, "notified", G_CALLBACK (on_notified), summaries);

  /* Watch what reaches the notification server on this private bus. */
  monitor = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &error, "dbus-monitor", "--session",
                              "type='method_call',interface='org.freedesktop.Notifications',member='Notify'",
                              NULL);
  g_assert_no_error (error);
  g_usleep (300000);

  /* Another desktop (another connection) disposes to Kepala Bidang. */
  act_and_confirm (fixture, "kadis", id, "dispose-to-kabid", NULL);
  for (guint i = 0; i < 60 && summaries->len == 0; i++)
    {
      g_usleep (50000);
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      wait_idle ();
    }
  g_assert_cmpuint (summaries->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (summaries, summaries->len - 1), ==,
                   "New disposition: kabar.tarakankota.go.id from Kepala Dinas");
  /* The real server accepted it. */
  g_assert_cmpuint (ranah_notifier_get_n_delivered (notifier), >, delivered);
  /* And the inbox shows it without a manual refresh. */
  g_assert_cmpuint (g_list_model_get_n_items (ranah_inbox_page_get_model (
                      RANAH_INBOX_PAGE (ranah_window_get_page (window, "inbox")))), ==, 1);

  g_usleep (200000);
  g_subprocess_send_signal (monitor, SIGTERM);
  g_subprocess_communicate (monitor, NULL, NULL, &seen, NULL, NULL);
  g_assert_nonnull (seen);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (seen, NULL), g_bytes_get_size (seen),
                                  "New disposition: kabar.tarakankota.go.id from Kepala Dinas"));
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
}

/* Three entries as Staf: "rusak" fails its check, "sehat" passes, "baru" is never checked. */
static void
seed_checked_entries (Fixture *fixture)
{
  g_autoptr(RanahStore) store = open_as (fixture, "staf1");
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_entry_free);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  static const char *const names[] = { "rusak", "sehat", "baru" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      RanahEntry *e = ranah_entry_new ();

      set_str (&e->name, names[i]);
      set_str (&e->opd_name, "DINKES");
      e->id = i + 2;
      g_ptr_array_add (e->records, ranah_record_new (RANAH_RECORD_A, "", "103.76.120.50"));
      g_ptr_array_add (entries, e);
    }
  g_assert_true (ranah_store_import_entries (store, entries, &problems, &error));
  g_assert_no_error (error);
  listed = ranah_store_list_entries (store, NULL, &error);
  for (guint i = 0; i < listed->len; i++)
    {
      const RanahEntry *e = g_ptr_array_index (listed, i);

      if (g_str_equal (e->name, "rusak"))
        g_assert_true (ranah_store_record_check (store, e->id, FALSE,
                                                 "certificate expires in 12 days", &error));
      else if (g_str_equal (e->name, "sehat"))
        g_assert_true (ranah_store_record_check (store, e->id, TRUE, "resolves: 103.76.120.50",
                                                 &error));
      g_assert_no_error (error);
    }
}

static gint64
entry_id_of (RanahStore *store,
             const char *name)
{
  g_autoptr(GPtrArray) listed = ranah_store_list_entries (store, NULL, NULL);

  for (guint i = 0; listed != NULL && i < listed->len; i++)
    if (g_str_equal (((RanahEntry *) g_ptr_array_index (listed, i))->name, name))
      return ((RanahEntry *) g_ptr_array_index (listed, i))->id;
  g_assert_not_reached ();
  return 0;
}

/* Lets the column view lay out and bind its rows, and the window's idle work (the
 * notifier's first look, after the first frame) start and finish. */
static void
settle (void)
{
  wait_idle ();
  for (guint i = 0; i < 20; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  wait_idle ();
}

/* Until @notifier has sent @n notifications, or a few seconds have passed. */
static void
wait_sent (RanahNotifier *notifier,
           guint          n)
{
  for (guint i = 0; i < 100 && ranah_notifier_get_n_sent (notifier) < n; i++)
    settle ();
}

/* The last-check cells drawn flagged: cells with the error style and the warning icon
 * (.ranah-check-failed draws dialog-warning-symbolic). */
static void
collect_flagged (GtkWidget *widget,
                 GPtrArray *flagged)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (registry_cell_text (child) != NULL && gtk_widget_get_mapped (child)
          && gtk_widget_has_css_class (child, "ranah-check-failed")
          && gtk_widget_has_css_class (child, "ranah-overdue-text"))
        g_ptr_array_add (flagged, child);
      collect_flagged (child, flagged);
    }
}

static const char *
cell_text (GtkWidget *cell)
{
  return registry_cell_text (cell);
}

static void
test_registry_failing (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(RanahStore) store = NULL;
  g_autoptr(GPtrArray) flagged = g_ptr_array_new ();
  RanahWindow *window;
  RanahRegistryPage *page;
  GListModel *shown;

  seed_checked_entries (fixture);
  store = open_as (fixture, "subkoor");
  window = window_for (store);
  page = show_registry (window);
  g_assert_cmpuint (wait_filtered (page), ==, 3);
  settle ();

  /* Only the failing row is flagged, its summary as tooltip. */
  collect_flagged (GTK_WIDGET (page), flagged);
  g_assert_cmpuint (flagged->len, ==, 1);
  g_assert_nonnull (strstr (cell_text (g_ptr_array_index (flagged, 0)),
                            "certificate expires in 12 days"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (g_ptr_array_index (flagged, 0)), ==,
                   "certificate expires in 12 days");

  /* The line above the list counts it. */
  g_assert_cmpuint (ranah_registry_page_get_n_failing (page), ==, 1);

  /* Its button (registry.show-failing) shows exactly the failing entry. */
  gtk_widget_activate_action (GTK_WIDGET (page), "registry.show-failing", NULL);
  shown = ranah_registry_page_get_shown (page);
  g_assert_cmpuint (wait_filtered (page), ==, 1);
  {
    g_autoptr(RanahEntryObject) only = g_list_model_get_item (shown, 0);
    g_assert_cmpstr (ranah_entry_object_get_entry (only)->name, ==, "rusak");
    g_assert_true (ranah_entry_object_is_failing (only));
  }
  /* It combines with the text filter; a filter set as a whole (any status) lifts it. */
  ranah_registry_page_set_filter (page, "rusak", NULL, -1);
  g_assert_cmpuint (wait_filtered (page), ==, 1);
  ranah_registry_page_set_failing_only (page, TRUE);
  g_assert_cmpuint (wait_filtered (page), ==, 1);
  ranah_registry_page_set_filter (page, "baru", NULL, -1);
  g_assert_cmpuint (wait_filtered (page), ==, 1);
  ranah_registry_page_set_failing_only (page, TRUE);
  g_assert_cmpuint (wait_filtered (page), ==, 0);
  ranah_registry_page_set_failing_only (page, FALSE);
  g_assert_cmpuint (wait_filtered (page), ==, 1);
  ranah_registry_page_set_filter (page, "", NULL, -1);
  g_assert_cmpuint (wait_filtered (page), ==, 3);

  /* A passing check of rusak clears the flag and the line after a reload. */
  g_assert_true (ranah_store_record_check (store, entry_id_of (store, "rusak"), TRUE,
                                           "resolves: 103.76.120.50", NULL));
  ranah_registry_page_reload (page);
  wait_idle ();
  g_assert_cmpuint (wait_filtered (page), ==, 3);
  settle ();
  g_ptr_array_set_size (flagged, 0);
  collect_flagged (GTK_WIDGET (page), flagged);
  g_assert_cmpuint (flagged->len, ==, 0);
  g_assert_cmpuint (ranah_registry_page_get_n_failing (page), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
}

/* The fqdns of the first @n rows the registry shows, sorted and joined with commas. */
static char *
shown_head (RanahRegistryPage *page,
            guint              n)
{
  GListModel *shown = ranah_registry_page_get_shown (page);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n && i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(RanahEntryObject) object = g_list_model_get_item (shown, i);
      g_ptr_array_add (names, g_strdup (ranah_entry_object_get_entry (object)->fqdn));
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

/* The frame just painted shows the first rows of what the filter keeps, and only those. */
static void
assert_screen_shows_head (RanahRegistryPage *page)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *screen = NULL;
  g_autofree char *head = NULL;
  guint n;

  collect_names (GTK_WIDGET (page), GTK_WIDGET (page), names);
  n = names->len;
  g_assert_cmpuint (n, >, 5);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  screen = g_strjoinv (",", (char **) names->pdata);
  head = shown_head (page, n);
  g_assert_cmpstr (screen, ==, head);
}

/* GTK's row widgets holding the registry's name cells, shown or not. */
static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = registry_cell_text (child);

      if (text != NULL && g_str_has_suffix (text, ".tarakankota.go.id"))
        g_ptr_array_add (rows, gtk_widget_get_parent (gtk_widget_get_parent (child)));
      else
        collect_rows (child, rows);
    }
}

/* A registry cell showing @text. */
static GtkWidget *
find_cell (GtkWidget  *widget,
           const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (registry_cell_text (child), text) == 0 && gtk_widget_get_mapped (child))
        return child;
      if ((found = find_cell (child, text)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
cell_offers_tooltip (GtkWidget *cell)
{
  g_autoptr(GObject) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  g_signal_emit_by_name (cell, "query-tooltip", 2, 2, FALSE, tooltip, &shown);
  return shown;
}

/* More rows than GTK 4.8 keeps widgets for (about 200): narrowing to 100 makes it drop the
 * rows past the end, which the page frees later, in idle time. Every frame meanwhile shows
 * exactly the rows the filter keeps; the dropped rows are freed, none kept; widening again
 * shows the right rows in cells the page set aside. */
static void
test_registry_shrink (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(RanahStore) staf = open_as (fixture, "staf1");
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_entry_free);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahStore) store = NULL;
  g_autofree GtkWidget **alive = NULL;
  const char *long_name = "baris000-aplikasi-layanan-informasi-publik-kota";
  RanahWindow *window;
  RanahRegistryPage *page;
  guint n_freed = 0;

  for (guint i = 0; i < 300; i++)
    {
      RanahEntry *e = ranah_entry_new ();

      e->name = i == 0 ? g_strdup (long_name) : g_strdup_printf ("baris%03u", i);
      set_str (&e->opd_name, "DINKES");
      g_ptr_array_add (e->records, ranah_record_new (RANAH_RECORD_A, "", "103.76.120.50"));
      g_ptr_array_add (entries, e);
    }
  g_assert_true (ranah_store_import_entries (staf, entries, &problems, &error));
  g_assert_no_error (error);

  store = open_as (fixture, "subkoor");
  window = window_for (store);
  page = show_registry (window);
  g_assert_cmpuint (wait_filtered (page), ==, 300);
  settle ();
  wait_frame (GTK_WIDGET (page));
  assert_screen_shows_head (page);

  /* A name cut short by its column offers its whole text as a tooltip; a short one not. */
  {
    g_autofree char *fqdn = g_strconcat (long_name, ".tarakankota.go.id", NULL);
    GtkWidget *cut = find_cell (GTK_WIDGET (page), fqdn);
    GtkWidget *whole = find_cell (GTK_WIDGET (page), "Active");

    g_assert_nonnull (cut);
    g_assert_nonnull (whole);
    g_assert_true (cell_offers_tooltip (cut));
    g_assert_false (cell_offers_tooltip (whole));
  }

  collect_rows (GTK_WIDGET (page), rows);
  g_assert_cmpuint (rows->len, >, 150);
  alive = g_new0 (GtkWidget *, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      alive[i] = g_ptr_array_index (rows, i);
      g_object_add_weak_pointer (G_OBJECT (alive[i]), (gpointer *) &alive[i]);
    }

  /* 300 rows narrowed to 100 (baris100…baris199), checked frame by frame while the rows
   * past the end are freed. */
  ranah_registry_page_set_filter (page, "baris1", NULL, -1);
  g_assert_cmpuint (wait_filtered (page), ==, 100);
  for (guint frame = 0; frame < 10; frame++)
    {
      wait_frame (GTK_WIDGET (page));
      assert_screen_shows_head (page);
    }
  settle ();
  wait_frame (GTK_WIDGET (page));
  assert_screen_shows_head (page);
  for (guint i = 0; i < rows->len; i++)
    if (alive[i] == NULL)
      n_freed++;
    else
      g_assert_nonnull (gtk_widget_get_parent (alive[i]));
  g_assert_cmpuint (n_freed, >=, rows->len - 100);

  /* Widened again: new rows, set up with the cells kept aside, show the right rows. */
  ranah_registry_page_set_filter (page, "baris", NULL, -1);
  g_assert_cmpuint (wait_filtered (page), ==, 300);
  wait_frame (GTK_WIDGET (page));
  assert_screen_shows_head (page);
  ranah_registry_page_set_filter (page, "baris29", NULL, -1);
  g_assert_cmpuint (wait_filtered (page), ==, 10);
  wait_frame (GTK_WIDGET (page));
  {
    g_autofree char *names = names_on_screen (page);
    g_assert_cmpstr (names, ==, "baris290.tarakankota.go.id,baris291.tarakankota.go.id,"
                     "baris292.tarakankota.go.id,baris293.tarakankota.go.id,"
                     "baris294.tarakankota.go.id,baris295.tarakankota.go.id,"
                     "baris296.tarakankota.go.id,baris297.tarakankota.go.id,"
                     "baris298.tarakankota.go.id,baris299.tarakankota.go.id");
  }

  for (guint i = 0; i < rows->len; i++)
    if (alive[i] != NULL)
      g_object_remove_weak_pointer (G_OBJECT (alive[i]), (gpointer *) &alive[i]);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
}

/* A label somewhere under @widget showing exactly @text. */
static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if ((GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        || has_label (child, text))
      return TRUE;
  return FALSE;
}

/* Imports @n registry entries named @prefix and a number from @first, DINKES's or, with
 * @both_opds, every other one DISDIK's. */
static void
import_numbered (RanahStore *store,
                 const char *prefix,
                 guint       first,
                 guint       n,
                 gboolean    both_opds)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_entry_free);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = first; i < first + n; i++)
    {
      RanahEntry *e = ranah_entry_new ();

      e->name = g_strdup_printf ("%s%03u", prefix, i);
      set_str (&e->opd_name, both_opds && i % 2 == 1 ? "DISDIK" : "DINKES");
      g_ptr_array_add (e->records, ranah_record_new (RANAH_RECORD_A, "", "103.76.120.50"));
      g_ptr_array_add (entries, e);
    }
  g_assert_true (ranah_store_import_entries (store, entries, &problems, &error));
  g_assert_no_error (error);
}

/* A deleted key shows again what the shorter text showed (kept from the way there), and
 * exactly what that text shows typed afresh: also after a drop-down or the registry
 * itself changed in between. */
static void
test_registry_delete_key (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(RanahStore) staf = open_as (fixture, "staf1");
  g_autoptr(RanahStore) store = NULL;
  RanahWindow *window;
  RanahRegistryPage *page;

  import_numbered (staf, "baris", 0, 300, TRUE);
  store = open_as (fixture, "subkoor");
  window = window_for (store);
  page = show_registry (window);
  g_assert_cmpuint (wait_filtered (page), ==, 300);

  ranah_registry_page_set_filter (page, "baris1", NULL, -1);
  g_assert_cmpuint (wait_filtered (page), ==, 100);
  ranah_registry_page_set_filter (page, "baris12", NULL, -1);
  g_assert_cmpuint (wait_filtered (page), ==, 10);
  ranah_registry_page_set_filter (page, "baris123", NULL, -1);
  g_assert_cmpuint (wait_filtered (page), ==, 1);
  ranah_registry_page_set_filter (page, "baris12", NULL, -1);
  g_assert_cmpuint (wait_filtered (page), ==, 10);
  wait_frame (GTK_WIDGET (page));
  assert_screen_shows_head (page);
  ranah_registry_page_set_filter (page, "baris1", NULL, -1);
  g_assert_cmpuint (wait_filtered (page), ==, 100);
  wait_frame (GTK_WIDGET (page));
  assert_screen_shows_head (page);

  /* The OPD chosen while "baris12" was typed: deleting a key keeps to that OPD. */
  ranah_registry_page_set_filter (page, "baris12", NULL, -1);
  g_assert_cmpuint (wait_filtered (page), ==, 10);
  ranah_registry_page_set_filter (page, "baris12", "DISDIK", -1);
  g_assert_cmpuint (wait_filtered (page), ==, 5);
  ranah_registry_page_set_filter (page, "baris1", "DISDIK", -1);
  g_assert_cmpuint (wait_filtered (page), ==, 50);
  ranah_registry_page_set_filter (page, "baris", "DISDIK", -1);
  g_assert_cmpuint (wait_filtered (page), ==, 150);

  /* Rows added while "baris3" was typed show when a key is deleted. */
  ranah_registry_page_set_filter (page, "baris", NULL, -1);
  g_assert_cmpuint (wait_filtered (page), ==, 300);
  ranah_registry_page_set_filter (page, "baris3", NULL, -1);
  g_assert_cmpuint (wait_filtered (page), ==, 0);
  import_numbered (staf, "baris", 300, 20, FALSE);
  ranah_registry_page_reload (page);
  wait_idle ();
  g_assert_cmpuint (wait_filtered (page), ==, 20);
  ranah_registry_page_set_filter (page, "baris", NULL, -1);
  g_assert_cmpuint (wait_filtered (page), ==, 320);

  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
}

/* A filter that widens the list shows the rows on screen in its first frame; the rows
 * below them follow a batch a frame. The count and an export have them all at once. */
static void
test_registry_grow (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(RanahStore) staf = open_as (fixture, "staf1");
  g_autoptr(RanahStore) store = NULL;
  g_autofree char *csv = NULL;
  RanahWindow *window;
  RanahRegistryPage *page;
  GListModel *shown;
  guint at_once, frames = 0, csv_lines = 0;

  import_numbered (staf, "baris", 0, 300, FALSE);
  store = open_as (fixture, "subkoor");
  window = window_for (store);
  page = show_registry (window);
  shown = ranah_registry_page_get_shown (page);
  g_assert_cmpuint (wait_filtered (page), ==, 300);
  ranah_registry_page_set_filter (page, "baris29", NULL, -1);
  g_assert_cmpuint (wait_filtered (page), ==, 10);
  wait_frame (GTK_WIDGET (page));

  /* 10 rows widened to 300. */
  ranah_registry_page_set_filter (page, "baris", NULL, -1);
  at_once = g_list_model_get_n_items (shown);
  g_assert_true (ranah_registry_page_is_filtering (page));
  g_assert_cmpuint (at_once, >=, 32);
  g_assert_cmpuint (at_once, <, 300);
  g_assert_true (has_label (GTK_WIDGET (page), "300 of 300"));
  csv = ranah_registry_page_dup_csv (page);
  for (const char *p = strstr (csv, "baris"); p != NULL; p = strstr (p + 1, "\nbaris"))
    csv_lines++;
  g_assert_cmpuint (csv_lines, ==, 300);
  wait_frame (GTK_WIDGET (page));
  assert_screen_shows_head (page);
  while (ranah_registry_page_is_filtering (page))
    {
      guint before = g_list_model_get_n_items (shown);

      wait_frame (GTK_WIDGET (page));
      g_assert_cmpuint (g_list_model_get_n_items (shown), >=, before);
      frames++;
      g_assert_cmpuint (frames, <, 50);
    }
  g_assert_cmpuint (frames, >, 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 300);
  wait_frame (GTK_WIDGET (page));
  assert_screen_shows_head (page);

  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
}

/* Opens a window as @user and returns how many notifications its notifier sent, having
 * waited for @expected of them. */
static guint
failing_notices_for (Fixture    *fixture,
                     const char *user,
                     guint       expected)
{
  g_autoptr(RanahStore) store = open_as (fixture, user);
  RanahWindow *window = window_for (store);
  guint n;

  settle ();
  wait_sent (ranah_window_get_notifier (window), expected);
  n = ranah_notifier_get_n_sent (ranah_window_get_notifier (window));
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
  return n;
}

static void
test_failing_notification (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(RanahStore) store = NULL;
  g_autoptr(RanahStore) checker = NULL;
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) monitor = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) seen = NULL;
  RanahWindow *window;
  RanahNotifier *notifier;
  guint sent;

  seed_checked_entries (fixture);

  /* Neither Kepala Dinas nor the OPD whose entry it is keeps the registry. */
  g_assert_cmpuint (failing_notices_for (fixture, "kadis", 0), ==, 0);
  g_assert_cmpuint (failing_notices_for (fixture, "dinkes", 0), ==, 0);

  monitor = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &error, "dbus-monitor", "--session",
                              "type='method_call',interface='org.freedesktop.Notifications',member='Notify'",
                              NULL);
  g_assert_no_error (error);
  g_usleep (300000);

  /* Staf is told when the window loads. */
  store = open_as (fixture, "staf2");
  window = ranah_window_new (NULL, store);
  notifier = ranah_window_get_notifier (window);
  g_signal_connect (notifier, "notified", G_CALLBACK (on_notified), summaries);
  gtk_window_present (GTK_WINDOW (window));
  settle ();
  wait_sent (notifier, 1);
  g_assert_cmpuint (summaries->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (summaries, 0), ==,
                   "DNS check failed: rusak.tarakankota.go.id");
  g_assert_cmpuint (ranah_notifier_get_n_delivered (notifier), ==, 1);

  /* A refresh without a new check tells nothing again. */
  ranah_window_reload (window);
  settle ();
  ranah_window_reload (window);
  settle ();
  g_assert_cmpuint (summaries->len, ==, 1);

  /* Another desktop checks again: rusak fails again (a later check), baru fails for the
   * first time. The live refresh tells both, in one notification. */
  checker = open_as (fixture, "staf1");
  ranah_store_set_now (checker, ranah_store_now (store) + 3600);
  g_assert_true (ranah_store_record_check (checker, entry_id_of (checker, "rusak"), FALSE,
                                           "certificate expires in 11 days", &error));
  g_assert_true (ranah_store_record_check (checker, entry_id_of (checker, "baru"), FALSE,
                                           "NXDOMAIN", &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 60 && summaries->len < 2; i++)
    {
      g_usleep (50000);
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      wait_idle ();
    }
  g_assert_cmpuint (summaries->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (summaries, 1), ==, "2 subdomains failed their DNS check");
  sent = ranah_notifier_get_n_sent (notifier);
  ranah_window_reload (window);
  settle ();
  g_assert_cmpuint (ranah_notifier_get_n_sent (notifier), ==, sent);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();

  /* The real notification server received it. */
  g_usleep (200000);
  g_subprocess_send_signal (monitor, SIGTERM);
  g_subprocess_communicate (monitor, NULL, NULL, &seen, NULL, NULL);
  g_assert_nonnull (seen);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (seen, NULL), g_bytes_get_size (seen),
                                  "DNS check failed: rusak.tarakankota.go.id"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (seen, NULL), g_bytes_get_size (seen),
                                  "certificate expires in 12 days"));

  /* Sub Koordinator keeps the registry too. */
  g_assert_cmpuint (failing_notices_for (fixture, "subkoor", 1), ==, 1);
}

/* What was told is kept in the settings: signing in again tells nothing new, and a later
 * failed check is told. */
static void
test_failing_notification_remembered (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(RanahStore) store = NULL;
  g_autoptr(RanahNotifier) first = NULL;
  g_autoptr(RanahNotifier) second = NULL;
  g_autoptr(RanahNotifier) third = NULL;
  g_autoptr(GError) error = NULL;

  g_settings_reset (settings, "failing-check-notices");
  seed_checked_entries (fixture);
  store = open_as (fixture, "staf1");

  first = ranah_notifier_new (store, settings);
  ranah_notifier_check_registry (first);
  wait_idle ();
  g_assert_cmpuint (ranah_notifier_get_n_sent (first), ==, 1);
  {
    g_autoptr(GVariant) told = g_settings_get_value (settings, "failing-check-notices");
    g_assert_cmpuint (g_variant_n_children (told), ==, 1);
  }

  /* The next sign-in (a new notifier, the same settings). */
  second = ranah_notifier_new (store, settings);
  ranah_notifier_check_registry (second);
  wait_idle ();
  g_assert_cmpuint (ranah_notifier_get_n_sent (second), ==, 0);

  /* Another staff member on this desktop has not been told yet. */
  {
    g_autoptr(RanahStore) other = open_as (fixture, "staf2");
    g_autoptr(RanahNotifier) theirs = ranah_notifier_new (other, settings);

    ranah_notifier_check_registry (theirs);
    wait_idle ();
    g_assert_cmpuint (ranah_notifier_get_n_sent (theirs), ==, 1);
  }

  ranah_store_set_now (store, ranah_store_now (store) + 86400);
  g_assert_true (ranah_store_record_check (store, entry_id_of (store, "rusak"), FALSE,
                                           "certificate expires in 11 days", &error));
  g_assert_no_error (error);
  third = ranah_notifier_new (store, settings);
  ranah_notifier_check_registry (third);
  wait_idle ();
  g_assert_cmpuint (ranah_notifier_get_n_sent (third), ==, 1);
  g_assert_cmpstr (ranah_notifier_get_last_summary (third), ==,
                   "DNS check failed: rusak.tarakankota.go.id");

  /* A cron job checking again an hour later finds the same failure: not told again. */
  ranah_store_set_now (store, ranah_store_now (store) + 3600);
  g_assert_true (ranah_store_record_check (store, entry_id_of (store, "rusak"), FALSE,
                                           "certificate expires in 11 days", &error));
  g_assert_no_error (error);
  {
    g_autoptr(RanahNotifier) fourth = ranah_notifier_new (store, settings);

    ranah_notifier_check_registry (fourth);
    wait_idle ();
    g_assert_cmpuint (ranah_notifier_get_n_sent (fourth), ==, 0);
  }
  g_settings_reset (settings, "failing-check-notices");
}

/* A long inbox: the window is shown with its first screenful (the sign-in reads only that),
 * the whole follows once it is up, and the notifier takes none of it for new arrivals. */
static void
test_long_inbox (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n = RANAH_INBOX_FIRST_SCREENFUL + 5;
  RanahInboxPage *page;
  RanahWindow *window;

  {
    g_autoptr(RanahStore) opd = open_as (fixture, "dinkes");

    for (guint i = 0; i < n; i++)
      {
        g_autofree char *name = g_strdup_printf ("antre%02u", i);
        g_autoptr(RanahRequest) request = ui_test_request_new (name, fixture->opd_dinkes,
                                                               "000.5.2/9/DINKES/2026",
                                                               "103.76.120.30");

        g_assert_cmpint (ranah_store_submit_request (opd, request, NULL, &error), >, 0);
        g_assert_no_error (error);
      }
  }

  {
    g_autoptr(RanahStore) kadis = open_as (fixture, "kadis");
    RanahInboxLoad *head = ranah_inbox_load_head (kadis, RANAH_INBOX_FIRST_SCREENFUL, &error);

    g_assert_no_error (error);
    window = ranah_window_new_signing_in (NULL);
    ranah_window_preload_inbox (window, head);
    ranah_window_set_signed_in (window, kadis);
  }
  page = RANAH_INBOX_PAGE (ranah_window_get_page (window, "inbox"));
  /* Before the main loop turns: the head, and the count of the whole. */
  g_assert_cmpuint (g_list_model_get_n_items (ranah_inbox_page_get_model (page)), ==,
                    RANAH_INBOX_FIRST_SCREENFUL);
  g_assert_cmpuint (ranah_inbox_page_get_n_waiting (page), ==, n);
  g_assert_false (ranah_inbox_page_is_complete (page));
  gtk_window_present (GTK_WINDOW (window));
  wait_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (ranah_inbox_page_get_model (page)), ==, n);
  g_assert_true (ranah_inbox_page_is_complete (page));
  g_assert_cmpuint (ranah_notifier_get_n_sent (ranah_window_get_notifier (window)), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
}

static void
count_inbox_on_map (GtkWidget *window,
                    guint     *n_items)
{
  GtkWidget *page = ranah_window_get_page (RANAH_WINDOW (window), "inbox");

  *n_items = g_list_model_get_n_items (ranah_inbox_page_get_model (RANAH_INBOX_PAGE (page)));
}

static void
watch_main_window (GtkApplication *app,
                   GtkWindow      *window,
                   guint          *n_items)
{
  if (RANAH_IS_WINDOW (window))
    g_signal_connect (window, "map", G_CALLBACK (count_inbox_on_map), n_items);
}

/* One application for the tests that need it registered: a registered application keeps
 * its object path on the session bus for as long as the process lives. */
static RanahApplication *
shared_application (void)
{
  static RanahApplication *app = NULL;

  if (app == NULL)
    {
      g_autoptr(GError) error = NULL;

      app = ranah_application_new ();
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
    }
  return app;
}

static void
test_sign_in (Fixture       *fixture,
              gconstpointer  data)
{
  RanahApplication *app = shared_application ();
  g_autoptr(GError) error = NULL;
  RanahSignInWindow *window;
  GtkWindow *main_window = NULL;
  g_autofree char *empty_uri = g_strconcat ("sqlite:", fixture->dir, "/empty.db", NULL);
  guint inbox_when_mapped = G_MAXUINT;


  /* An empty store goes to the first-run page. */
  g_settings_set_string (ranah_application_get_settings (app), "last-store", empty_uri);
  window = ranah_sign_in_window_new (app);
  wait_idle ();
  g_assert_cmpstr (ranah_sign_in_window_get_page (window), ==, "setup");
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();

  /* --store and --user win over the remembered (empty) store: the form signs in to them. */
  window = ranah_sign_in_window_new_for (app, fixture->uri, "kadis");
  wait_idle ();
  g_assert_cmpstr (ranah_sign_in_window_get_page (window), ==, "sign-in");
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();

  /* A wrong password keeps the form; the right one opens the main window and is
   * remembered. */
  submit_as_opd (fixture, "arsip", "103.10.10.10");
  g_signal_connect (app, "window-added", G_CALLBACK (watch_main_window), &inbox_when_mapped);
  window = ranah_sign_in_window_new (app);
  ranah_sign_in_window_set_fields (window, fixture->uri, "kadis", "salah");
  wait_idle ();
  gtk_widget_activate_action (GTK_WIDGET (window), "sign-in.sign-in", NULL);
  wait_idle ();
  g_assert_cmpstr (ranah_sign_in_window_get_page (window), ==, "sign-in");
  ranah_sign_in_window_set_fields (window, NULL, NULL, PASSWORD);
  gtk_widget_activate_action (GTK_WIDGET (window), "sign-in.sign-in", NULL);
  wait_idle ();
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (RANAH_IS_WINDOW (l->data))
      main_window = l->data;
  g_assert_nonnull (main_window);
  /* The sign-in read the inbox too: the window came up with it, not with a spinner. */
  {
    g_autoptr(RanahStore) kadis = open_as (fixture, "kadis");
    g_autoptr(GPtrArray) waiting = ranah_store_inbox (kadis, NULL);

    g_assert_cmpuint (waiting->len, ==, 1);
    g_assert_cmpuint (inbox_when_mapped, ==, waiting->len);
  }
  {
    g_autofree char *last_user = g_settings_get_string (ranah_application_get_settings (app), "last-user");
    g_autofree char *last_store = g_settings_get_string (ranah_application_get_settings (app), "last-store");
    g_assert_cmpstr (last_user, ==, "kadis");
    g_assert_cmpstr (last_store, ==, fixture->uri);
  }
  gtk_window_destroy (main_window);
  wait_idle ();
}

/* Starts the app as a person would, with no password anywhere: it must come up on the
 * kept session, its inbox drawn. */
static gboolean
app_starts_without_password (const char *uri)
{
  const char *app = g_getenv ("RANAH_TEST_APP");
  const char *argv[] = { app, "--store", uri, "--exit-when-drawn", NULL };
  g_auto(GStrv) envp = g_environ_unsetenv (g_get_environ (), "RANAH_PASSWORD");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_nonnull (app);
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) && strstr (out, "inbox-drawn-ms") != NULL;
}

static void
test_stay_signed_in (Fixture       *fixture,
                     gconstpointer  data)
{
  RanahApplication *app = shared_application ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahSessionFile) kept = NULL;
  g_autoptr(RanahStore) again = NULL;
  RanahSignInWindow *window;

  g_assert_null (ranah_desktop_session_find (fixture->uri, NULL));

  /* Signed in with "Stay signed in" on (its default): a session is kept for the store. */
  window = ranah_sign_in_window_new (app);
  ranah_sign_in_window_set_fields (window, fixture->uri, "kadis", PASSWORD);
  wait_idle ();
  gtk_widget_activate_action (GTK_WIDGET (window), "sign-in.sign-in", NULL);
  wait_idle ();
  kept = ranah_desktop_session_find (fixture->uri, "KADIS");
  g_assert_nonnull (kept);
  g_assert_cmpstr (kept->username, ==, "kadis");
  g_assert_null (ranah_desktop_session_find (fixture->uri, "admin"));

  /* The next start opens straight onto the inbox. */
  g_assert_true (app_starts_without_password (fixture->uri));

  /* Signing out ends it, on disk and in the store: the old token opens nothing. */
  ranah_application_sign_out (app);
  ranah_task_wait_idle ();
  g_assert_null (ranah_desktop_session_find (fixture->uri, NULL));
  again = ranah_store_open (fixture->uri, &error);
  g_assert_no_error (error);
  g_assert_false (ranah_store_resume_session (again, "kadis", kept->token, &error));
  g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_AUTH);
  g_clear_error (&error);
  g_assert_false (app_starts_without_password (fixture->uri));

  /* With the switch off, nothing is kept. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (RANAH_IS_SIGN_IN_WINDOW (l->data))
      window = l->data;
  g_settings_set_boolean (ranah_application_get_settings (app), "stay-signed-in", FALSE);
  ranah_sign_in_window_set_fields (window, fixture->uri, "kadis", PASSWORD);
  wait_idle ();
  gtk_widget_activate_action (GTK_WIDGET (window), "sign-in.sign-in", NULL);
  wait_idle ();
  g_assert_nonnull (ranah_application_get_store (app));
  g_assert_null (ranah_desktop_session_find (fixture->uri, NULL));
  g_settings_reset (ranah_application_get_settings (app), "stay-signed-in");
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL;)
    {
      GtkWindow *w = l->data;
      l = l->next;
      gtk_window_destroy (w);
    }
  wait_idle ();
}

int
main (int   argc,
      char *argv[])
{
  /* Sessions are kept in the runtime directory: a private one, read by GLib once. */
  g_autofree char *runtime_dir = g_dir_make_tmp ("ranah-ui-run-XXXXXX", NULL);
  int status;

  g_setenv ("XDG_RUNTIME_DIR", runtime_dir, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  ranah_ui_init ();
  g_test_set_nonfatal_assertions ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ranah/ui/sop/whole-run-as-each-role", test_sop_run);
  ADD ("/ranah/ui/sop/decline-recall-withdraw", test_side_paths);
  ADD ("/ranah/ui/registry/import-and-filters", test_registry);
  ADD ("/ranah/ui/settings/holiday-import", test_holiday_import);
  ADD ("/ranah/ui/settings/logo-from-file", test_logo_from_file);
  ADD ("/ranah/ui/letter/draft-names-what-it-lacks", test_draft_names_what_it_lacks);
  ADD ("/ranah/ui/names/idn-both-forms", test_idn_names);
  ADD ("/ranah/ui/notify/disposition-lands", test_notifications);
  ADD ("/ranah/ui/registry/failing-checks-flagged", test_registry_failing);
  ADD ("/ranah/ui/registry/shrink-shows-filtered-rows", test_registry_shrink);
  ADD ("/ranah/ui/registry/grow-shows-head-first", test_registry_grow);
  ADD ("/ranah/ui/registry/deleted-key-shows-earlier-rows", test_registry_delete_key);
  ADD ("/ranah/ui/notify/failing-checks-to-staff", test_failing_notification);
  ADD ("/ranah/ui/notify/failing-checks-remembered", test_failing_notification_remembered);
  ADD ("/ranah/ui/sign-in/first-run-and-remember", test_sign_in);
  ADD ("/ranah/ui/inbox/long-inbox-head-first", test_long_inbox);
  ADD ("/ranah/ui/sign-in/stay-signed-in", test_stay_signed_in);
#undef ADD

  status = g_test_run ();
  remove_tree (runtime_dir);
  return status;
}
