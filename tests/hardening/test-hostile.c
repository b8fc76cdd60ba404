/* test-hostile.c — hostile text through every text entry point of the store and into a letter
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQL injection, format strings, a 1 MiB field, control characters, bytes that are not
 * UTF-8, a right-to-left override and zero-width characters go into every text a person can
 * type that reaches the store: request fields and records, notes of moves and dispositions,
 * OPD and user fields, holiday names, profile values, the registry import, entry status
 * reasons, reserved names and the search texts. Each is either refused with one sentence
 * (a validation error) or stored and read back byte for byte; afterwards every table still
 * answers and the audit trail verifies. The same store, rendered as a letter, keeps the
 * payloads literal (pdftotext). The program runs on whichever backend the store fixture
 * gives (SQLite, or PostgreSQL under tests/pg's harness).
 */
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "ranah-letter.h"
#include "store-fixture.h"

typedef struct {
  const char *label;
  char       *text;
} Payload;

static GPtrArray *payloads;

static void
payload_free (gpointer data)
{
  Payload *p = data;

  g_free (p->text);
  g_free (p);
}

static void
add_payload (const char *label,
             char       *text)
{
  Payload *p = g_new0 (Payload, 1);

  p->label = label;
  p->text = text;
  g_ptr_array_add (payloads, p);
}

static void
make_payloads (void)
{
  payloads = g_ptr_array_new_with_free_func (payload_free);
  add_payload ("sql-drop", g_strdup ("'; DROP TABLE requests; --"));
  add_payload ("sql-or", g_strdup ("\" OR 1=1 --"));
  add_payload ("sql-bobby", g_strdup ("Robert'); DELETE FROM events;--"));
  add_payload ("format-n", g_strdup ("%s%s%s%n"));
  add_payload ("format-x", g_strdup ("%x%x%x"));
  add_payload ("long", g_strnfill (1024 * 1024, 'A'));
  add_payload ("control", g_strdup ("a\x01" "b\x1b[31mc\x7f" "d\x08"));
  add_payload ("not-utf8", g_strdup ("abc\xc3\x28\xff\xfe"));
  add_payload ("rtl", g_strdup ("laporan\xe2\x80\xae" "fdp.exe"));
  add_payload ("zero-width", g_strdup ("ab\xe2\x80\x8b" "c\xe2\x80\x8d" "d\xef\xbb\xbf"));
}

/* Counts what was tried, to show the sweep reached every entry point. */
static guint n_stored, n_refused;

/* Either @ok and @read_back equals @sent byte for byte, or a validation error of one
 * sentence that does not echo a huge payload. */
static void
check_outcome (const char *where,
               const char *sent,
               gboolean    ok,
               GError     *error,
               const char *read_back)
{
  if (ok)
    {
      g_assert_no_error (error);
      if (g_strcmp0 (read_back, sent) != 0)
        g_error ("%s: stored %zu bytes, read back %zu bytes that differ", where,
                 strlen (sent), read_back ? strlen (read_back) : 0);
      /* What a store keeps is text a person can read: never bytes that are not UTF-8,
       * control characters other than line breaks and tabs, or a megabyte in one field. */
      if (!g_utf8_validate (sent, -1, NULL))
        g_error ("%s: stored bytes that are not UTF-8", where);
      for (const char *c = sent; *c != '\0'; c++)
        if (((guchar) *c < 0x20 && *c != '\n' && *c != '\t') || *c == 0x7f)
          g_error ("%s: stored a control character (0x%02x)", where, (guchar) *c);
      if (strlen (sent) >= 1024 * 1024)
        g_error ("%s: stored a field of a megabyte", where);
      n_stored++;
      return;
    }
  if (error == NULL)
    g_error ("%s: refused without an error", where);
  if (!g_error_matches (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION)
      && !g_error_matches (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION))
    g_error ("%s: refused with something else than a validation error: %s (%s %d)", where,
             error->message, g_quark_to_string (error->domain), error->code);
  if (!g_utf8_validate (error->message, -1, NULL) || strchr (error->message, '\n') != NULL
      || strlen (error->message) >= 400
      || !(g_str_has_suffix (error->message, ".") || g_str_has_suffix (error->message, ".”")))
    g_error ("%s: refused, but not with one sentence: %.400s", where, error->message);
  n_refused++;
}

static void
check_store_whole (StoreWorld *w)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GPtrArray) opds = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  requests = ranah_store_list_requests (w->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (requests);
  events = ranah_store_list_events (w->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, >, 10);
  users = ranah_store_list_users (w->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, >=, RANAH_N_ROLES - 1);
  opds = ranah_store_list_opds (w->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (opds->len, >=, 2);
  entries = ranah_store_list_entries (w->store, NULL, &error);
  g_assert_no_error (error);
  store_world_sign_in (w, RANAH_ROLE_KADIS);
  g_assert_true (ranah_store_verify_audit (w->store, &error));
  g_assert_no_error (error);
}

#define SET(field, value) G_STMT_START { g_free (field); field = g_strdup (value); } G_STMT_END

static void
test_requests (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  const char *const fields[] = {
    "hal", "purpose", "contact_name", "letter_number", "classification", "sifat", "name",
    "contact_email", "contact_phone", "letter_date", "txt", "host",
  };

  for (guint i = 0; i < payloads->len; i++)
    for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
      {
        const Payload *p = g_ptr_array_index (payloads, i);
        g_autoptr(RanahRequest) r = store_world_request (w, NULL);
        g_autoptr(GError) error = NULL;
        g_autoptr(RanahRequest) got = NULL;
        g_autofree char *where = g_strdup_printf ("request %s with %s", fields[f], p->label);
        const char *back = NULL;
        char **slot = NULL;
        gint64 id;

        if (g_str_equal (fields[f], "hal"))
          slot = &r->hal;
        else if (g_str_equal (fields[f], "purpose"))
          slot = &r->purpose;
        else if (g_str_equal (fields[f], "contact_name"))
          slot = &r->contact_name;
        else if (g_str_equal (fields[f], "letter_number"))
          slot = &r->letter_number;
        else if (g_str_equal (fields[f], "classification"))
          slot = &r->classification;
        else if (g_str_equal (fields[f], "sifat"))
          slot = &r->sifat;
        else if (g_str_equal (fields[f], "name"))
          slot = &r->name;
        else if (g_str_equal (fields[f], "contact_email"))
          slot = &r->contact_email;
        else if (g_str_equal (fields[f], "contact_phone"))
          slot = &r->contact_phone;
        else if (g_str_equal (fields[f], "letter_date"))
          slot = &r->letter_date;
        if (slot != NULL)
          SET (*slot, p->text);
        else if (g_str_equal (fields[f], "txt"))
          g_ptr_array_add (r->records, ranah_record_new (RANAH_RECORD_TXT, "info", p->text));
        else
          g_ptr_array_add (r->records, ranah_record_new (RANAH_RECORD_A, p->text, "103.20.30.50"));

        store_world_sign_in (w, RANAH_ROLE_OPD);
        id = ranah_store_submit_request (w->store, r, NULL, &error);
        if (id > 0)
          {
            got = store_world_get (w, id);
            if (slot == &r->hal)
              back = got->hal;
            else if (slot == &r->purpose)
              back = got->purpose;
            else if (slot == &r->contact_name)
              back = got->contact_name;
            else if (slot == &r->letter_number)
              back = got->letter_number;
            else if (slot == &r->classification)
              back = got->classification;
            else if (slot == &r->sifat)
              back = got->sifat;
            else if (slot == &r->name)
              back = got->name;
            else if (slot == &r->contact_email)
              back = got->contact_email;
            else if (slot == &r->contact_phone)
              back = got->contact_phone;
            else if (slot == &r->letter_date)
              back = got->letter_date;
            else
              {
                const RanahRecord *last = g_ptr_array_index (got->records, got->records->len - 1);
                back = g_str_equal (fields[f], "txt") ? last->target : last->host;
              }
          }
        check_outcome (where, p->text, id > 0, error, back);

        /* The search box: the payload is text to look for, never SQL. */
        {
          RanahRequestFilter filter = { 0 };
          g_autoptr(GPtrArray) found = NULL;
          g_autoptr(GError) search_error = NULL;

          filter.text = p->text;
          found = ranah_store_list_requests (w->store, &filter, &search_error);
          if (found == NULL)
            check_outcome ("request search", p->text, FALSE, search_error, NULL);
          else if (id > 0 && slot == &r->hal)
            g_assert_cmpuint (found->len, >=, 1);
        }
      }
  check_store_whole (w);
}

static void
test_notes (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();

  for (guint i = 0; i < payloads->len; i++)
    {
      const Payload *p = g_ptr_array_index (payloads, i);
      gint64 id = store_world_submit (w, NULL, TRUE);
      g_autoptr(RanahRequest) r = store_world_get (w, id);
      g_autoptr(GError) error = NULL;
      g_autoptr(RanahRequest) after = NULL;
      g_autoptr(GPtrArray) dispositions = NULL;
      RanahMove move = { 0 };
      gboolean ok;

      /* A disposition's note (step 2). */
      store_world_sign_in (w, RANAH_ROLE_KADIS);
      move.action = RANAH_ACTION_DISPOSE_TO_KABID;
      move.request_id = id;
      move.expected_version = r->version;
      move.note = p->text;
      ok = ranah_store_move (w->store, &move, &error);
      if (ok)
        {
          dispositions = ranah_store_list_dispositions (w->store, id, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (dispositions->len, >=, 1);
          check_outcome ("disposition note", p->text, TRUE, NULL,
                         ((RanahDisposition *) g_ptr_array_index (dispositions,
                                                                  dispositions->len - 1))->note);
        }
      else
        {
          check_outcome ("disposition note", p->text, FALSE, error, NULL);
          g_clear_error (&error);
          store_world_move (w, id, RANAH_ACTION_DISPOSE_TO_KABID, RANAH_ROLE_KADIS);
        }

      /* A refusal's reason (decline by Kabid). */
      ok = store_world_try_move (w, id, RANAH_ACTION_DECLINE, RANAH_ROLE_KABID, p->text, &error);
      if (ok)
        {
          after = store_world_get (w, id);
          check_outcome ("decline reason", p->text, TRUE, NULL, after->note);
        }
      else
        {
          check_outcome ("decline reason", p->text, FALSE, error, NULL);
          g_clear_error (&error);
          /* A withdrawal's note, on the same request still at Kabid. */
          ok = store_world_try_move (w, id, RANAH_ACTION_WITHDRAW, RANAH_ROLE_OPD, p->text,
                                     &error);
          if (ok)
            {
              after = store_world_get (w, id);
              check_outcome ("withdrawal note", p->text, TRUE, NULL, after->note);
            }
          else
            check_outcome ("withdrawal note", p->text, FALSE, error, NULL);
        }
    }
  check_store_whole (w);
}

static void
test_admin_fields (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  const char *const profile_keys[] = {
    RANAH_PROFILE_GOVERNMENT, RANAH_PROFILE_AGENCY, RANAH_PROFILE_ADDRESS,
    RANAH_PROFILE_CITY, RANAH_PROFILE_SIGNER_NAME, RANAH_PROFILE_SIGNER_POSITION,
    RANAH_PROFILE_LEGAL_BASIS, RANAH_PROFILE_TEMPLATE_APPROVAL, RANAH_PROFILE_TSIG_NAME,
  };

  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  for (guint i = 0; i < payloads->len; i++)
    {
      const Payload *p = g_ptr_array_index (payloads, i);
      const char *const opd_fields[] = { "code", "name", "head_title", "address" };
      const char *const user_fields[] = { "username", "full_name", "position", "rank" };

      for (guint f = 0; f < G_N_ELEMENTS (opd_fields); f++)
        {
          g_autoptr(RanahOpd) opd = ranah_opd_new ();
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) opds = NULL;
          const char *back = NULL;
          gint64 id;

          g_free (opd->code);
          opd->code = g_strdup_printf ("K%u%u", i, f);
          g_free (opd->name);
          opd->name = g_strdup_printf ("Dinas Uji %u %u", i, f);
          if (f == 0)
            SET (opd->code, p->text);
          else if (f == 1)
            SET (opd->name, p->text);
          else if (f == 2)
            SET (opd->head_title, p->text);
          else
            SET (opd->address, p->text);
          id = ranah_store_add_opd (w->store, opd, &error);
          if (id > 0)
            {
              opds = ranah_store_list_opds (w->store, &error);
              g_assert_no_error (error);
              for (guint k = 0; k < opds->len; k++)
                {
                  RanahOpd *o = g_ptr_array_index (opds, k);
                  if (o->id != id)
                    continue;
                  back = f == 0 ? o->code : f == 1 ? o->name : f == 2 ? o->head_title : o->address;
                }
            }
          check_outcome (opd_fields[f], p->text, id > 0, error, back);
        }

      for (guint f = 0; f < G_N_ELEMENTS (user_fields); f++)
        {
          g_autoptr(RanahUser) user = ranah_user_new ();
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) users = NULL;
          const char *back = NULL;
          gint64 id;

          g_free (user->username);
          user->username = g_strdup_printf ("uji%u%u", i, f);
          SET (user->full_name, "Pegawai Uji");
          user->role = RANAH_ROLE_STAF;
          user->active = TRUE;
          if (f == 0)
            SET (user->username, p->text);
          else if (f == 1)
            SET (user->full_name, p->text);
          else if (f == 2)
            SET (user->position, p->text);
          else
            SET (user->rank, p->text);
          id = ranah_store_add_user (w->store, user, STORE_FIXTURE_PASSWORD, &error);
          if (id > 0)
            {
              users = ranah_store_list_users (w->store, &error);
              g_assert_no_error (error);
              for (guint k = 0; k < users->len; k++)
                {
                  RanahUser *u = g_ptr_array_index (users, k);
                  if (u->id != id)
                    continue;
                  back = f == 0 ? u->username : f == 1 ? u->full_name
                         : f == 2 ? u->position : u->rank;
                }
            }
          check_outcome (user_fields[f], p->text, id > 0, error, back);
        }

      {
        g_autofree char *date = g_strdup_printf ("2027-01-%02u", i + 1);
        g_autoptr(RanahHoliday) holiday = ranah_holiday_new (date, p->text, FALSE);
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) holidays = NULL;
        const char *back = NULL;
        gboolean ok = ranah_store_add_holiday (w->store, holiday, &error);

        if (ok)
          {
            holidays = ranah_store_list_holidays (w->store, &error);
            g_assert_no_error (error);
            for (guint k = 0; k < holidays->len; k++)
              if (g_str_equal (((RanahHoliday *) g_ptr_array_index (holidays, k))->date, date))
                back = ((RanahHoliday *) g_ptr_array_index (holidays, k))->name;
          }
        check_outcome ("holiday name", p->text, ok, error, back);
      }

      for (guint k = 0; k < G_N_ELEMENTS (profile_keys); k++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GHashTable) profile = NULL;
          g_autofree char *where = g_strdup_printf ("profile %s", profile_keys[k]);
          gboolean ok = ranah_store_set_profile (w->store, profile_keys[k], p->text, &error);

          if (ok)
            {
              profile = ranah_store_get_profile (w->store, &error);
              g_assert_no_error (error);
            }
          check_outcome (where, p->text, ok, error,
                         profile ? g_hash_table_lookup (profile, profile_keys[k]) : NULL);
          /* Back to a sane value, so the next payload's letter lays out. */
          if (ok)
            {
              g_autoptr(GHashTable) defaults = ranah_profile_default ();
              g_assert_true (ranah_store_set_profile (w->store, profile_keys[k],
                                                      g_hash_table_lookup (defaults,
                                                                           profile_keys[k]),
                                                      &error));
            }
        }

      {
        g_autoptr(GError) error = NULL;
        g_auto(GStrv) reserved = NULL;
        gboolean ok = ranah_store_add_reserved (w->store, p->text, &error);

        if (ok)
          {
            reserved = ranah_store_list_reserved (w->store, &error);
            g_assert_no_error (error);
            g_assert_true (g_strv_contains ((const char * const *) reserved, p->text));
          }
        check_outcome ("reserved name", p->text, ok, error, p->text);
      }
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(RanahUser) user G_GNUC_UNUSED = ranah_store_find_user (w->store, p->text, &error);
        g_autoptr(RanahOpd) opd = NULL;

        /* Looking up a payload finds nothing (or the record made with it), never fails oddly. */
        g_clear_error (&error);
        opd = ranah_store_find_opd (w->store, p->text, &error);
        g_clear_error (&error);
        ranah_store_check_name_free (w->store, p->text, 0, &error);
        if (error != NULL && !g_error_matches (error, RANAH_CORE_ERROR,
                                               RANAH_CORE_ERROR_VALIDATION))
          g_assert_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION);
      }
    }
  check_store_whole (w);
}

static void
test_registry (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  gint64 entry_id = 0, entry_version = 0;

  store_world_sign_in (w, RANAH_ROLE_SUBKOOR);
  for (guint i = 0; i < payloads->len; i++)
    {
      const Payload *p = g_ptr_array_index (payloads, i);
      g_autoptr(GString) csv = g_string_new ("name,opd,target,purpose,contact_name\r\n");
      const char *row[] = { NULL, "DINKES", "103.20.30.60", NULL, NULL, NULL };
      g_autofree char *name = g_strdup_printf ("impor%u", i);
      g_autoptr(GPtrArray) entries = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GPtrArray) store_problems = NULL;
      g_autoptr(GError) error = NULL;
      gboolean ok;

      row[0] = name;
      row[3] = p->text;
      row[4] = p->text;
      ranah_csv_append_row (csv, row);
      if (!ranah_registry_csv_read (csv->str, csv->len, NULL, "tarakankota.go.id", &entries,
                                    &problems, &error))
        {
          check_outcome ("registry CSV", p->text, FALSE, error, NULL);
          continue;
        }
      if (problems->len > 0)
        {
          RanahImportProblem *problem = g_ptr_array_index (problems, 0);
          g_assert_true (g_utf8_validate (problem->reason, -1, NULL));
          g_assert_cmpuint (strlen (problem->reason), <, 400);
          n_refused++;
          continue;
        }
      ok = ranah_store_import_entries (w->store, entries, &store_problems, &error);
      if (ok)
        {
          RanahEntryFilter filter = { NULL, 0, -1 };
          g_autoptr(GPtrArray) listed = NULL;
          RanahEntry *got = NULL;

          filter.text = name;
          listed = ranah_store_list_entries (w->store, &filter, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (listed->len, ==, 1);
          got = g_ptr_array_index (listed, 0);
          /* The CSV guard (') before a formula is the export's; the import keeps the text. */
          check_outcome ("registry purpose", p->text, TRUE, NULL, got->purpose);
          check_outcome ("registry contact", p->text, TRUE, NULL, got->contact_name);
          entry_id = got->id;
          entry_version = got->version;
        }
      else if (store_problems != NULL && store_problems->len > 0)
        n_refused++;
      else
        check_outcome ("registry import", p->text, FALSE, error, NULL);

      /* An entry's status reason. */
      if (entry_id != 0)
        {
          g_autoptr(GError) status_error = NULL;
          g_autoptr(GPtrArray) events = NULL;
          RanahEntryStatus status = entry_version % 2 ? RANAH_ENTRY_SUSPENDED : RANAH_ENTRY_ACTIVE;
          gboolean set = ranah_store_set_entry_status (w->store, entry_id, entry_version,
                                                       status, p->text, &status_error);
          if (set)
            {
              RanahEvent *last;

              events = ranah_store_list_events (w->store, 0, &status_error);
              g_assert_no_error (status_error);
              last = g_ptr_array_index (events, events->len - 1);
              g_assert_true (g_str_has_suffix (last->note, p->text));
              n_stored++;
            }
          else if (!g_error_matches (status_error, RANAH_STORE_ERROR,
                                     RANAH_STORE_ERROR_CONFLICT))
            check_outcome ("entry status reason", p->text, FALSE, status_error, NULL);
          entry_id = 0;
        }
    }
  check_store_whole (w);
}

/* Payloads in every field of a request and its letter: the PDF renders and shows them. */
static void
test_letter (void)
{
  g_autoptr(GHashTable) profile = ranah_profile_default ();
  g_autoptr(RanahRequest) request = ranah_request_new ();
  g_autoptr(RanahLetter) letter = ranah_letter_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ranah-hostile-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "surat.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  const Payload *bobby = g_ptr_array_index (payloads, 2);
  const Payload *format = g_ptr_array_index (payloads, 3);
  const Payload *rtl = g_ptr_array_index (payloads, 8);
  const Payload *zero = g_ptr_array_index (payloads, 9);

  g_assert_no_error (error);
  sql = g_strdup (((Payload *) g_ptr_array_index (payloads, 0))->text);
  request->id = 1;
  SET (request->hal, bobby->text);
  SET (request->opd_name, sql);
  SET (request->letter_number, format->text);
  SET (request->letter_date, "2026-11-16");
  SET (request->name, "simrs");
  SET (request->fqdn, "simrs.tarakankota.go.id");
  SET (request->purpose, rtl->text);
  SET (request->contact_name, zero->text);
  SET (request->note, "\" OR 1=1 --");
  request->outcome = RANAH_OUTCOME_APPROVED;
  g_ptr_array_add (request->records, ranah_record_new (RANAH_RECORD_TXT, "", "%x%x%x"));
  /* The signature block prints the signer's own account. */
  letter->signer = ranah_user_new ();
  SET (letter->signer->full_name, sql);
  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_LEGAL_BASIS), g_strdup (bobby->text));
  letter->kind = RANAH_OUTCOME_APPROVED;
  SET (letter->sifat, "%n%n%n");
  SET (letter->lampiran, "-");
  SET (letter->hal, "Robert'); DELETE FROM events;--");
  SET (letter->body, "Perihal {hal} dari {opd} nomor {nomor_surat}: {rekaman}. {alasan}");
  letter->tembusan = g_new0 (char *, 2);
  letter->tembusan[0] = g_strdup (rtl->text);

  pdf = ranah_letter_render_pdf (profile, request, NULL, letter, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                      &error));
  if (g_find_program_in_path ("pdftotext") == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "pdftotext", "-raw",
                           "-enc", "UTF-8", path, "-", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &text, NULL, &error));
  g_assert_no_error (error);
  /* Literal: not interpreted as a format, not dropped. */
  g_assert_nonnull (strstr (text, "Robert'); DELETE FROM events;--"));
  g_assert_nonnull (strstr (text, "DROP TABLE requests"));
  g_assert_nonnull (strstr (text, "%s%s%s%n"));
  g_assert_nonnull (strstr (text, "%n%n%n"));
  g_assert_nonnull (strstr (text, "%x%x%x"));
  g_assert_nonnull (strstr (text, "OR 1=1"));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("RANAH_TEST_FAST_PWHASH", "1", TRUE);
  make_payloads ();

  g_test_add_func ("/ranah/hardening/hostile/request-fields", test_requests);
  g_test_add_func ("/ranah/hardening/hostile/notes", test_notes);
  g_test_add_func ("/ranah/hardening/hostile/admin-fields", test_admin_fields);
  g_test_add_func ("/ranah/hardening/hostile/registry", test_registry);
  g_test_add_func ("/ranah/hardening/hostile/letter", test_letter);

  status = g_test_run ();
  g_test_message ("%u payloads stored and read back, %u refused", n_stored, n_refused);
  g_ptr_array_unref (payloads);
  return status;
}
