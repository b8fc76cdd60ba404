/* letter-fixture.h — a realistic request, registry entry and letter for the letter tests,
 * the sample tool and the benchmark
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ranah-letter.h"

G_BEGIN_DECLS

static inline void
fx_set (char       **field,
        const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* The profile also names the signer of the compliance sheet (the letter's own signer is
 * its RanahLetter.signer): the same official. */
static inline GHashTable *
fixture_profile (const char *paper)
{
  GHashTable *profile = ranah_profile_default ();

  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_SIGNER_NAME),
                       g_strdup ("Dr. Hendra Kusuma, S.Kom., M.T."));
  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_SIGNER_RANK),
                       g_strdup ("Pembina Utama Muda (IV/c)"));
  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_SIGNER_NIP),
                       g_strdup ("197203151998031004"));
  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_PAPER), g_strdup (paper));
  return profile;
}

/* The Kepala Dinas who signs: the signature block prints their own account. */
static inline RanahUser *
fixture_signer (void)
{
  RanahUser *user = ranah_user_new ();

  user->id = 2;
  fx_set (&user->username, "kadis");
  fx_set (&user->full_name, "Dr. Hendra Kusuma, S.Kom., M.T.");
  fx_set (&user->position, "Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian");
  fx_set (&user->rank, "Pembina Utama Muda (IV/c)");
  fx_set (&user->nip, "197203151998031004");
  user->role = RANAH_ROLE_KADIS;
  user->active = TRUE;
  return user;
}

static inline RanahRequest *
fixture_request (void)
{
  RanahRequest *request = ranah_request_new ();

  request->id = 7;
  request->agenda_year = 2026;
  request->agenda_number = 57;
  request->opd_id = 3;
  fx_set (&request->opd_name, "Dinas Kesehatan");
  fx_set (&request->letter_number, "400.7/512/DINKES/2026");
  fx_set (&request->letter_date, "2026-11-16");
  fx_set (&request->received_date, "2026-11-17");
  fx_set (&request->hal, "Permohonan Pembuatan Subdomain Sistem Informasi Manajemen Rumah Sakit");
  fx_set (&request->classification, "000.5.2");
  fx_set (&request->sifat, "Biasa");
  fx_set (&request->name, "simrs");
  fx_set (&request->fqdn, "simrs.tarakankota.go.id");
  fx_set (&request->purpose, "Sistem Informasi Manajemen Rumah Sakit Umum Daerah");
  fx_set (&request->contact_name, "Rina Marlina");
  fx_set (&request->contact_phone, "081234567890");
  fx_set (&request->contact_email, "rina@dinkes.tarakankota.go.id");
  request->outcome = RANAH_OUTCOME_APPROVED;
  g_ptr_array_add (request->records, ranah_record_new (RANAH_RECORD_A, "", "103.156.110.21"));
  g_ptr_array_add (request->records, ranah_record_new (RANAH_RECORD_CNAME, "www",
                                                       "simrs.tarakankota.go.id."));
  return request;
}

static inline RanahEntry *
fixture_entry (const RanahRequest *request)
{
  RanahEntry *entry = ranah_entry_new ();

  entry->id = 11;
  fx_set (&entry->name, request->name);
  fx_set (&entry->fqdn, request->fqdn);
  entry->opd_id = request->opd_id;
  fx_set (&entry->opd_name, request->opd_name);
  fx_set (&entry->activated_on, "2026-11-23");
  entry->request_id = request->id;
  g_ptr_array_unref (entry->records);
  entry->records = ranah_records_copy (request->records);
  return entry;
}

static inline RanahOpd *
fixture_opd (void)
{
  RanahOpd *opd = ranah_opd_new ();

  opd->id = 3;
  fx_set (&opd->code, "DINKES");
  fx_set (&opd->name, "Dinas Kesehatan");
  fx_set (&opd->head_title, "Kepala Dinas Kesehatan Kota Tarakan");
  fx_set (&opd->address, "Tarakan");
  return opd;
}

/* A signed approval (with @number, and the head of its request's audit chain before the
 * signing) or a draft (NULL), with its signer. */
static inline RanahLetter *
fixture_letter (const char *number)
{
  RanahLetter *letter = ranah_letter_new ();
  const char *tembusan[] = {
    "Wali Kota Tarakan (sebagai laporan);",
    "Sekretaris Daerah Kota Tarakan;",
    "Arsip.",
    NULL,
  };

  letter->id = 5;
  letter->request_id = 7;
  letter->kind = RANAH_OUTCOME_APPROVED;
  fx_set (&letter->sifat, "Biasa");
  fx_set (&letter->lampiran, "-");
  fx_set (&letter->hal, "Tanggapan atas Permohonan Pembuatan Subdomain");
  g_strfreev (letter->tembusan);
  letter->tembusan = g_strdupv ((char **) tembusan);
  letter->signer = fixture_signer ();
  if (number != NULL)
    {
      letter->signed_by = letter->signer->id;
      letter->audit_seq = 11;
      fx_set (&letter->audit_hash,
              "3f9a1b2c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c40d4ec21b");
      letter->state = RANAH_LETTER_SIGNED;
      fx_set (&letter->number, number);
      fx_set (&letter->letter_date, "2026-11-27");
      fx_set (&letter->verification_code, "7K3Q-M9XD-2PWA");
      letter->signed_at = 1795753800;  /* 2026-11-27 12:30 WITA */
    }
  return letter;
}

G_END_DECLS
