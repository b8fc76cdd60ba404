/* ranah-model.c — constructors and destructors of the records Ranah keeps
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ranah-calendar.h"
#include "ranah-model.h"

RanahUser *
ranah_user_new (void)
{
  RanahUser *user = g_new0 (RanahUser, 1);
  user->username = g_strdup ("");
  user->full_name = g_strdup ("");
  user->nip = g_strdup ("");
  user->position = g_strdup ("");
  user->rank = g_strdup ("");
  user->email = g_strdup ("");
  user->active = TRUE;
  return user;
}

RanahUser *
ranah_user_copy (const RanahUser *user)
{
  RanahUser *copy;

  g_return_val_if_fail (user != NULL, NULL);

  copy = g_memdup2 (user, sizeof *user);
  copy->username = g_strdup (user->username);
  copy->full_name = g_strdup (user->full_name);
  copy->nip = g_strdup (user->nip);
  copy->position = g_strdup (user->position);
  copy->rank = g_strdup (user->rank);
  copy->email = g_strdup (user->email);
  return copy;
}

void
ranah_user_free (RanahUser *user)
{
  if (user == NULL)
    return;
  g_free (user->username);
  g_free (user->full_name);
  g_free (user->nip);
  g_free (user->position);
  g_free (user->rank);
  g_free (user->email);
  g_free (user);
}

RanahOpd *
ranah_opd_new (void)
{
  RanahOpd *opd = g_new0 (RanahOpd, 1);
  opd->code = g_strdup ("");
  opd->name = g_strdup ("");
  opd->head_title = g_strdup ("");
  opd->address = g_strdup ("");
  opd->email = g_strdup ("");
  opd->active = TRUE;
  return opd;
}

RanahOpd *
ranah_opd_copy (const RanahOpd *opd)
{
  RanahOpd *copy;

  g_return_val_if_fail (opd != NULL, NULL);

  copy = g_memdup2 (opd, sizeof *opd);
  copy->code = g_strdup (opd->code);
  copy->name = g_strdup (opd->name);
  copy->head_title = g_strdup (opd->head_title);
  copy->address = g_strdup (opd->address);
  copy->email = g_strdup (opd->email);
  return copy;
}

void
ranah_opd_free (RanahOpd *opd)
{
  if (opd == NULL)
    return;
  g_free (opd->code);
  g_free (opd->name);
  g_free (opd->head_title);
  g_free (opd->address);
  g_free (opd->email);
  g_free (opd);
}

RanahRecord *
ranah_record_new (RanahRecordType  type,
                  const char      *host,
                  const char      *target)
{
  RanahRecord *record = g_new0 (RanahRecord, 1);
  record->type = type;
  record->host = g_strdup (host != NULL ? host : "");
  record->target = g_strdup (target != NULL ? target : "");
  return record;
}

RanahRecord *
ranah_record_copy (const RanahRecord *record)
{
  RanahRecord *copy;

  g_return_val_if_fail (record != NULL, NULL);

  copy = g_memdup2 (record, sizeof *record);
  copy->host = g_strdup (record->host);
  copy->target = g_strdup (record->target);
  copy->verified = g_strdup (record->verified);
  copy->proof_server = g_strdup (record->proof_server);
  copy->proof_answer = g_strdup (record->proof_answer);
  return copy;
}

void
ranah_record_free (RanahRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->host);
  g_free (record->target);
  g_free (record->verified);
  g_free (record->proof_server);
  g_free (record->proof_answer);
  g_free (record);
}

GPtrArray *
ranah_records_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_record_free);
}

GPtrArray *
ranah_records_copy (GPtrArray *records)
{
  GPtrArray *copy = ranah_records_new ();

  for (guint i = 0; records != NULL && i < records->len; i++)
    g_ptr_array_add (copy, ranah_record_copy (g_ptr_array_index (records, i)));
  return copy;
}

RanahRequest *
ranah_request_new (void)
{
  RanahRequest *request = g_new0 (RanahRequest, 1);
  request->opd_name = g_strdup ("");
  request->letter_number = g_strdup ("");
  request->letter_date = g_strdup ("");
  request->received_date = g_strdup ("");
  request->hal = g_strdup ("");
  request->classification = g_strdup ("");
  request->sifat = g_strdup ("Biasa");
  request->name = g_strdup ("");
  request->fqdn = g_strdup ("");
  request->purpose = g_strdup ("");
  request->contact_name = g_strdup ("");
  request->contact_phone = g_strdup ("");
  request->contact_email = g_strdup ("");
  request->assignee_name = g_strdup ("");
  request->note = g_strdup ("");
  request->records = ranah_records_new ();
  return request;
}

RanahRequest *
ranah_request_copy (const RanahRequest *request)
{
  RanahRequest *copy;

  g_return_val_if_fail (request != NULL, NULL);

  copy = g_memdup2 (request, sizeof *request);
  copy->opd_name = g_strdup (request->opd_name);
  copy->letter_number = g_strdup (request->letter_number);
  copy->letter_date = g_strdup (request->letter_date);
  copy->received_date = g_strdup (request->received_date);
  copy->hal = g_strdup (request->hal);
  copy->classification = g_strdup (request->classification);
  copy->sifat = g_strdup (request->sifat);
  copy->name = g_strdup (request->name);
  copy->fqdn = g_strdup (request->fqdn);
  copy->purpose = g_strdup (request->purpose);
  copy->contact_name = g_strdup (request->contact_name);
  copy->contact_phone = g_strdup (request->contact_phone);
  copy->contact_email = g_strdup (request->contact_email);
  copy->attachment_sha256 = g_strdup (request->attachment_sha256);
  copy->assignee_name = g_strdup (request->assignee_name);
  copy->note = g_strdup (request->note);
  copy->records = ranah_records_copy (request->records);
  return copy;
}

void
ranah_request_free (RanahRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->opd_name);
  g_free (request->letter_number);
  g_free (request->letter_date);
  g_free (request->received_date);
  g_free (request->hal);
  g_free (request->classification);
  g_free (request->sifat);
  g_free (request->name);
  g_free (request->fqdn);
  g_free (request->purpose);
  g_free (request->contact_name);
  g_free (request->contact_phone);
  g_free (request->contact_email);
  g_free (request->attachment_sha256);
  g_free (request->assignee_name);
  g_free (request->note);
  g_clear_pointer (&request->records, g_ptr_array_unref);
  g_free (request);
}

RanahDisposition *
ranah_disposition_new (void)
{
  RanahDisposition *d = g_new0 (RanahDisposition, 1);
  d->from_name = g_strdup ("");
  d->to_name = g_strdup ("");
  d->note = g_strdup ("");
  d->instructions = g_new0 (char *, 1);
  return d;
}

void
ranah_disposition_free (RanahDisposition *disposition)
{
  if (disposition == NULL)
    return;
  g_free (disposition->from_name);
  g_free (disposition->to_name);
  g_free (disposition->note);
  g_strfreev (disposition->instructions);
  g_free (disposition);
}

RanahEntry *
ranah_entry_new (void)
{
  RanahEntry *entry = g_new0 (RanahEntry, 1);
  entry->name = g_strdup ("");
  entry->fqdn = g_strdup ("");
  entry->opd_name = g_strdup ("");
  entry->purpose = g_strdup ("");
  entry->contact_name = g_strdup ("");
  entry->contact_phone = g_strdup ("");
  entry->contact_email = g_strdup ("");
  entry->activated_on = g_strdup ("");
  entry->records = ranah_records_new ();
  return entry;
}

RanahEntry *
ranah_entry_copy (const RanahEntry *entry)
{
  RanahEntry *copy;

  g_return_val_if_fail (entry != NULL, NULL);

  copy = g_memdup2 (entry, sizeof *entry);
  copy->name = g_strdup (entry->name);
  copy->fqdn = g_strdup (entry->fqdn);
  copy->opd_name = g_strdup (entry->opd_name);
  copy->purpose = g_strdup (entry->purpose);
  copy->contact_name = g_strdup (entry->contact_name);
  copy->contact_phone = g_strdup (entry->contact_phone);
  copy->contact_email = g_strdup (entry->contact_email);
  copy->activated_on = g_strdup (entry->activated_on);
  copy->last_check = g_strdup (entry->last_check);
  copy->records = ranah_records_copy (entry->records);
  return copy;
}

void
ranah_entry_free (RanahEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->name);
  g_free (entry->fqdn);
  g_free (entry->opd_name);
  g_free (entry->purpose);
  g_free (entry->contact_name);
  g_free (entry->contact_phone);
  g_free (entry->contact_email);
  g_free (entry->activated_on);
  g_free (entry->last_check);
  g_clear_pointer (&entry->records, g_ptr_array_unref);
  g_free (entry);
}

RanahLetter *
ranah_letter_new (void)
{
  RanahLetter *letter = g_new0 (RanahLetter, 1);
  letter->sifat = g_strdup ("Biasa");
  letter->lampiran = g_strdup ("-");
  letter->hal = g_strdup ("");
  letter->tembusan = g_new0 (char *, 1);
  return letter;
}

void
ranah_letter_free (RanahLetter *letter)
{
  if (letter == NULL)
    return;
  g_free (letter->number);
  g_free (letter->sifat);
  g_free (letter->lampiran);
  g_free (letter->hal);
  g_free (letter->body);
  g_strfreev (letter->tembusan);
  g_free (letter->letter_date);
  g_free (letter->verification_code);
  g_free (letter->pdf_sha256);
  ranah_user_free (letter->signer);
  g_free (letter->audit_hash);
  g_free (letter);
}

RanahEvent *
ranah_event_new (void)
{
  RanahEvent *event = g_new0 (RanahEvent, 1);

  event->version = 2;
  return event;
}

void
ranah_event_free (RanahEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->username);
  g_free (event->action);
  g_free (event->from_state);
  g_free (event->to_state);
  g_free (event->note);
  g_free (event->prev_hash);
  g_free (event->hash);
  g_free (event->state);
  g_free (event);
}

RanahHoliday *
ranah_holiday_new (const char *date,
                   const char *name,
                   gboolean    cuti_bersama)
{
  RanahHoliday *holiday = g_new0 (RanahHoliday, 1);
  holiday->date = g_strdup (date);
  holiday->name = g_strdup (name != NULL ? name : "");
  holiday->cuti_bersama = cuti_bersama;
  return holiday;
}

void
ranah_holiday_free (RanahHoliday *holiday)
{
  if (holiday == NULL)
    return;
  g_free (holiday->date);
  g_free (holiday->name);
  g_free (holiday);
}

static const char *const profile_defaults[][2] = {
  { RANAH_PROFILE_GOVERNMENT, "PEMERINTAH KOTA TARAKAN" },
  { RANAH_PROFILE_AGENCY, "DINAS KOMUNIKASI, INFORMATIKA, STATISTIK DAN PERSANDIAN" },
  { RANAH_PROFILE_AGENCY_SHORT, "DKISP" },
  { RANAH_PROFILE_ADDRESS, "Jalan Jenderal Sudirman No. 76, Tarakan, Kalimantan Utara 77111" },
  { RANAH_PROFILE_PHONE, "(0551) 21000" },
  { RANAH_PROFILE_EMAIL, "diskominfo@tarakankota.go.id" },
  { RANAH_PROFILE_WEBSITE, "diskominfo.tarakankota.go.id" },
  { RANAH_PROFILE_CITY, "Tarakan" },
  { RANAH_PROFILE_TIMEZONE, "Asia/Makassar" },
  { RANAH_PROFILE_PARENT_DOMAIN, "tarakankota.go.id" },
  { RANAH_PROFILE_NUMBER_TEMPLATE, "{klasifikasi}/{urut}/{unit}/{tahun}" },
  { RANAH_PROFILE_CLASSIFICATION, "000.5.2" },
  { RANAH_PROFILE_SIGNER_NAME, "" },
  { RANAH_PROFILE_SIGNER_POSITION,
    "Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian" },
  { RANAH_PROFILE_SIGNER_RANK, "" },
  { RANAH_PROFILE_SIGNER_NIP, "" },
  { RANAH_PROFILE_PAPER, "A4" },
  { RANAH_PROFILE_FONT, "Liberation Sans" },
  { RANAH_PROFILE_LOGO, "" },
  { RANAH_PROFILE_TEMPLATE_APPROVAL,
    "Menindaklanjuti surat {pemohon} Nomor {nomor_surat} tanggal {tanggal_surat} perihal "
    "{hal}, dengan ini kami sampaikan bahwa permohonan pembuatan subdomain telah kami "
    "setujui dan subdomain {fqdn} telah aktif sejak tanggal {tanggal_aktif} dengan rekaman "
    "DNS sebagai berikut:\n{rekaman}\n"
    "Sehubungan dengan hal tersebut, {pemohon} berkewajiban untuk:\n"
    "1. menjaga agar isi situs dan layanan pada subdomain tersebut selalu mutakhir;\n"
    "2. mengamankan aplikasi dan server yang digunakan;\n"
    "3. melaporkan setiap insiden keamanan informasi kepada {dinas};\n"
    "4. mengajukan penonaktifan apabila subdomain tidak lagi digunakan.\n"
    "Pengelolaan subdomain berpedoman pada:\n{dasar_hukum}\n"
    "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih." },
  { RANAH_PROFILE_TEMPLATE_REFUSAL,
    "Menindaklanjuti surat {pemohon} Nomor {nomor_surat} tanggal {tanggal_surat} perihal "
    "{hal}, dengan ini kami sampaikan bahwa permohonan pembuatan subdomain {fqdn} belum "
    "dapat kami setujui dengan alasan sebagai berikut:\n{alasan}\n"
    "Permohonan dapat diajukan kembali setelah hal tersebut dipenuhi, dengan berpedoman pada:\n"
    "{dasar_hukum}\n"
    "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih." },
  { RANAH_PROFILE_LEGAL_BASIS,
    "Undang-Undang Nomor 11 Tahun 2008 tentang Informasi dan Transaksi Elektronik\n"
    "Peraturan Pemerintah Nomor 71 Tahun 2019 tentang Penyelenggaraan Sistem dan Transaksi "
    "Elektronik\n"
    "Peraturan Menteri Komunikasi dan Informatika Nomor 5 Tahun 2015 tentang Registrar Nama "
    "Domain Instansi Penyelenggara Negara" },
  { RANAH_PROFILE_DNS_SERVER, "127.0.0.1" },
  { RANAH_PROFILE_DNS_PORT, "53" },
  { RANAH_PROFILE_DNS_ZONE, "" },
  { RANAH_PROFILE_TSIG_NAME, "" },
  { RANAH_PROFILE_TSIG_ALGORITHM, "hmac-sha256" },
  { RANAH_PROFILE_TSIG_SECRET, "" },
  { RANAH_PROFILE_MAX_LOGIN_FAILURES, "5" },
  { RANAH_PROFILE_LOCKOUT_MINUTES, "15" },
  { RANAH_PROFILE_SESSION_HOURS, "10" },
  { RANAH_PROFILE_WARN_PERCENT, "75" },
  { RANAH_PROFILE_BREACH_PERCENT, "100" },
  { RANAH_PROFILE_OFFICE_HOURS, RANAH_OFFICE_HOURS_DEFAULT },
};

GHashTable *
ranah_profile_default (void)
{
  GHashTable *profile = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (profile_defaults); i++)
    g_hash_table_insert (profile, g_strdup (profile_defaults[i][0]),
                         g_strdup (profile_defaults[i][1]));
  return profile;
}

gboolean
ranah_profile_key_is_secret (const char *key)
{
  g_return_val_if_fail (key != NULL, FALSE);
  return g_str_equal (key, RANAH_PROFILE_TSIG_SECRET);
}

gboolean
ranah_profile_key_is_known (const char *key)
{
  g_return_val_if_fail (key != NULL, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (profile_defaults); i++)
    if (g_str_equal (profile_defaults[i][0], key))
      return TRUE;
  return FALSE;
}
