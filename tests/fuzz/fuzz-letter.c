/* fuzz-letter.c — libFuzzer target for the letter template and the values filled into it
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is parts separated by a line "--": the body template, then the request's hal,
 * note (the refusal's reasons), letter number, letter date, OPD name, name, the profile's
 * legal basis, a record's target, and — when present — the signed letter's number (else a
 * draft). Strings reach the letter layer as UTF-8 (the stores refuse anything else), so
 * invalid bytes are replaced first. Whatever the parts: no crash, the template check and
 * the layout agree, and a letter that lays out has at least one page.
 */
#include <string.h>

#include "ranah-letter.h"

#include "fuzz.h"

static void
set_part (char      **field,
          GStrv       parts,
          guint       n_parts,
          guint       index)
{
  if (index >= n_parts)
    return;
  g_free (*field);
  *field = g_utf8_make_valid (parts[index], -1);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_auto(GStrv) parts = g_strsplit (text, "\n--\n", 11);
  guint n = g_strv_length (parts);
  g_autoptr(GHashTable) profile = ranah_profile_default ();
  g_autoptr(RanahRequest) request = ranah_request_new ();
  g_autoptr(RanahLetter) letter = ranah_letter_new ();
  g_autoptr(RanahLetterLayout) layout = NULL;
  g_autoptr(GError) check_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *legal = NULL;
  g_autofree char *target = NULL;
  gboolean template_ok;

  if (size > 8192)
    return 0;  /* longer texts only add pages, and time */

  request->id = 1;
  request->opd_id = 1;
  request->letter_number = g_strdup ("400/1/DINKES/2026");
  request->letter_date = g_strdup ("2026-11-16");
  request->received_date = g_strdup ("2026-11-17");
  request->hal = g_strdup ("Permohonan Subdomain");
  request->opd_name = g_strdup ("Dinas Kesehatan");
  request->name = g_strdup ("simrs");
  request->fqdn = g_strdup ("simrs.tarakankota.go.id");
  request->outcome = RANAH_OUTCOME_APPROVED;
  letter->id = 1;
  letter->request_id = 1;
  letter->sifat = g_strdup ("Biasa");
  letter->lampiran = g_strdup ("-");
  letter->hal = g_strdup ("Tanggapan atas Permohonan Pembuatan Subdomain");

  set_part (&letter->body, parts, n, 0);
  set_part (&request->hal, parts, n, 1);
  set_part (&request->note, parts, n, 2);
  set_part (&request->letter_number, parts, n, 3);
  set_part (&request->letter_date, parts, n, 4);
  set_part (&request->opd_name, parts, n, 5);
  set_part (&request->name, parts, n, 6);
  set_part (&legal, parts, n, 7);
  if (legal != NULL)
    g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_LEGAL_BASIS), g_steal_pointer (&legal));
  set_part (&target, parts, n, 8);
  g_ptr_array_add (request->records,
                   ranah_record_new (RANAH_RECORD_CNAME, "www",
                                     target != NULL ? target : "simrs.tarakankota.go.id."));
  if (n > 9)
    {
      letter->state = RANAH_LETTER_SIGNED;
      set_part (&letter->number, parts, n, 9);
      letter->letter_date = g_strdup ("2026-11-27");
      letter->verification_code = g_strdup ("7K3Q-M9XD-2PWA");
    }
  if (size > 0 && (data[size - 1] & 1))
    {
      letter->kind = RANAH_OUTCOME_REFUSED;
      request->outcome = RANAH_OUTCOME_REFUSED;
    }
  else
    letter->kind = RANAH_OUTCOME_APPROVED;

  if (letter->body == NULL)
    letter->body = g_strdup ("");
  template_ok = ranah_letter_check_template (letter->body, &check_error);
  if (!template_ok)
    {
      g_assert_error (check_error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_INVALID);
      g_assert_true (g_utf8_validate (check_error->message, -1, NULL));
    }

  layout = ranah_letter_layout_new (profile, request, NULL, NULL, letter, &error);
  if (layout == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      /* Only the template (never a value filled into it) may stop a letter. */
      g_assert_false (template_ok);
    }
  else
    {
      g_assert_no_error (error);
      g_assert_cmpuint (ranah_letter_layout_get_n_pages (layout), >=, 1);
      /* An empty body falls back on the profile's template, which is valid. */
      g_assert_true (template_ok || *letter->body == '\0');
    }
  return 0;
}
