/* ranah-model.h — the records Ranah keeps: users, OPDs, requests, dispositions, registry
 * entries, letters, audit events
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain structs owned by whoever holds them; every one has a _free and g_autoptr support.
 * Times are Unix seconds (UTC); calendar dates are "YYYY-MM-DD" strings; ids are the
 * store's row ids (0 = none). Strings are UTF-8 and never NULL unless said.
 */
#pragma once

#include <glib.h>

#include "ranah-types.h"

G_BEGIN_DECLS

typedef struct {
  gint64     id;
  char      *username;     /* login name, lowercase */
  char      *full_name;
  RanahRole  role;
  gint64     opd_id;       /* for RANAH_ROLE_OPD: the OPD the user belongs to; else 0 */
  char      *nip;          /* 18-digit Nomor Induk Pegawai, may be "" */
  char      *position;     /* jabatan, e.g. "Kepala Dinas Komunikasi, Informatika, …" */
  char      *rank;         /* pangkat/golongan, e.g. "Pembina Utama Muda (IV/c)" */
  char      *email;
  gboolean   active;
} RanahUser;

typedef struct {
  gint64  id;
  char   *code;            /* short code, e.g. "DINKES" */
  char   *name;            /* "Dinas Kesehatan" */
  char   *head_title;      /* addressee: "Kepala Dinas Kesehatan Kota Tarakan" */
  char   *address;         /* the "di" place line */
  char   *email;
  gboolean active;
} RanahOpd;

typedef struct {
  gint64          id;
  RanahRecordType type;
  char           *host;    /* relative to the subdomain: "" or "@" = the subdomain itself */
  char           *target;  /* address, FQDN (CNAME/MX), or text (TXT) */
  guint           ttl;     /* seconds, 0 = the zone's default */
  guint           priority;/* MX only */
  gboolean        internal;/* private / reserved addresses allowed */
  gboolean        created; /* marked created at step 5 */
  char           *verified;/* the answer the authoritative server gave, NULL if unchecked */
  /* The proof that DNS serves it (ranah_store_record_proofs ()): the authoritative server
   * asked ("ADDRESS:PORT"), the zone's SOA serial then, the answer's rdata as returned,
   * and when (the store's clock). NULL, 0, NULL, 0 while it has none. */
  char           *proof_server;
  gint64          proof_serial;
  char           *proof_answer;
  gint64          proof_at;
} RanahRecord;

typedef struct {
  gint64        id;
  gint64        version;          /* bumped by every change; moves compare and set it */
  RanahState    state;
  RanahOutcome  outcome;
  guint         agenda_year;
  guint         agenda_number;    /* per year, assigned at step 1 */
  gint64        opd_id;
  char         *opd_name;
  char         *letter_number;    /* the OPD's own number on its letter */
  char         *letter_date;      /* YYYY-MM-DD */
  char         *received_date;    /* YYYY-MM-DD */
  char         *hal;              /* subject */
  char         *classification;   /* kode klasifikasi, e.g. "000.5.2" */
  char         *sifat;            /* "Biasa", "Segera", … of the incoming letter */
  char         *name;             /* requested label, lowercase, A-label form */
  char         *fqdn;             /* name + "." + parent domain */
  char         *purpose;
  char         *contact_name;
  char         *contact_phone;
  char         *contact_email;
  GPtrArray    *records;          /* RanahRecord* */
  char         *attachment_sha256;/* of the scanned request letter; NULL if none on file */
  gint64        attachment_size;
  gint64        created_by;       /* user who entered it */
  gint64        assignee_id;      /* the user it is disposed to, 0 when none */
  char         *assignee_name;
  gint64        state_since;      /* when it reached its state */
  /* The store's cache of the due time, written at the move: never shown nor judged by,
   * as the calendar may have changed since (ranah_escalation_clock () computes it). */
  gint64        due_at;
  gint64        created_at;
  char         *note;             /* the last reason: refusal, withdrawal, returned draft */
  /* The moment the letter arrived (received_date and its time): step 2's clock starts
   * here. 0 = not kept: the office's opening on received_date, or created_at when the
   * letter was entered that day after opening (ranah_escalation_received_at ()). */
  gint64        received_at;
} RanahRequest;

typedef struct {
  gint64        id;
  gint64        request_id;
  guint         step;             /* 2, 3 or 4 */
  gint64        from_user_id;
  char         *from_name;
  RanahRole     from_role;
  gint64        to_user_id;
  char         *to_name;
  RanahRole     to_role;
  GStrv         instructions;     /* nicks of ranah_instructions() */
  char         *note;             /* free text */
  RanahUrgency  urgency;
  gint64        due_at;           /* the store's cache: ranah_escalation_disposition_due () */
  gint64        created_at;
  gint64        read_at;          /* 0 while unread */
  gboolean      recalled;
} RanahDisposition;

typedef struct {
  gint64            id;
  char             *name;
  char             *fqdn;
  gint64            opd_id;
  char             *opd_name;
  char             *purpose;
  GPtrArray        *records;      /* RanahRecord* */
  char             *contact_name;
  char             *contact_phone;
  char             *contact_email;
  RanahEntryStatus  status;
  char             *activated_on; /* YYYY-MM-DD */
  gint64            request_id;   /* 0 for entries imported from the old list */
  gint64            last_check_at;/* 0 if never checked */
  char             *last_check;   /* short result of the last DNS check, NULL if none */
  gboolean          last_check_ok;/* the last check passed; FALSE when it failed or never ran */
  gint64            version;
} RanahEntry;

typedef struct {
  gint64            id;
  gint64            request_id;
  RanahOutcome      kind;         /* APPROVED or REFUSED: which template */
  RanahLetterState  state;
  char             *number;       /* NULL while a draft */
  char             *sifat;        /* "Biasa" */
  char             *lampiran;     /* "-" */
  char             *hal;
  char             *body;         /* the drafted body text; NULL = from the template */
  GStrv             tembusan;
  char             *letter_date;  /* YYYY-MM-DD, set at signing */
  char             *verification_code;
  char             *pdf_sha256;   /* of the frozen PDF, NULL while a draft */
  gint64            signed_by;
  gint64            signed_at;
  gint64            revision;     /* bumped each time the draft is redrafted */
  /* The official whose signature block the letter prints: their own name, position, rank
   * and NIP from their account (never the profile). Set by the store for the signer at
   * step 9, and by the letter layer for a draft's prospective signer; NULL = nobody known
   * yet (the block shows dots). Not stored with the letter. */
  RanahUser        *signer;
  /* The head of the request's audit chain just before the signing event (ranah-audit.h):
   * its chain_seq and hash, printed in the letter's verification block and checked by
   * letter verify. 0 and NULL for a draft or a letter signed before letters carried it. */
  gint64            audit_seq;
  char             *audit_hash;
} RanahLetter;

typedef struct {
  gint64  seq;
  gint64  at;
  gint64  user_id;
  char   *username;
  gint64  request_id;            /* 0 for admin events */
  guint   step;
  char   *action;                /* an action nick, or "admin:…" for admin events */
  char   *from_state;
  char   *to_state;
  char   *note;
  char   *prev_hash;             /* hex SHA-256 */
  char   *hash;
  /* Version 2 (ranah-audit.h): the event's chain (its request, 0 for the office's other
   * events), its place in that chain from 1, and the rows it changed as they are after it
   * (ranah-audit-state.h). Version 1 events form one chain ordered by seq. */
  guint   version;
  gint64  chain;
  gint64  chain_seq;
  char   *state;
} RanahEvent;

typedef struct {
  char    *date;                 /* YYYY-MM-DD */
  char    *name;
  gboolean cuti_bersama;
} RanahHoliday;

RanahUser        *ranah_user_new          (void);
RanahUser        *ranah_user_copy         (const RanahUser *user);
void              ranah_user_free         (RanahUser *user);
RanahOpd         *ranah_opd_new           (void);
RanahOpd         *ranah_opd_copy          (const RanahOpd *opd);
void              ranah_opd_free          (RanahOpd *opd);
RanahRecord      *ranah_record_new        (RanahRecordType type, const char *host, const char *target);
RanahRecord      *ranah_record_copy       (const RanahRecord *record);
void              ranah_record_free       (RanahRecord *record);
GPtrArray        *ranah_records_new       (void);  /* owns RanahRecord* */
GPtrArray        *ranah_records_copy      (GPtrArray *records);
RanahRequest     *ranah_request_new       (void);
RanahRequest     *ranah_request_copy      (const RanahRequest *request);
void              ranah_request_free      (RanahRequest *request);
RanahDisposition *ranah_disposition_new   (void);
void              ranah_disposition_free  (RanahDisposition *disposition);
RanahEntry       *ranah_entry_new         (void);
RanahEntry       *ranah_entry_copy        (const RanahEntry *entry);
void              ranah_entry_free        (RanahEntry *entry);
RanahLetter      *ranah_letter_new        (void);
void              ranah_letter_free       (RanahLetter *letter);
RanahEvent       *ranah_event_new         (void);
void              ranah_event_free        (RanahEvent *event);
RanahHoliday     *ranah_holiday_new       (const char *date, const char *name, gboolean cuti_bersama);
void              ranah_holiday_free      (RanahHoliday *holiday);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RanahUser, ranah_user_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RanahOpd, ranah_opd_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RanahRecord, ranah_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RanahRequest, ranah_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RanahDisposition, ranah_disposition_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RanahEntry, ranah_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RanahLetter, ranah_letter_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RanahEvent, ranah_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RanahHoliday, ranah_holiday_free)

/* The agency profile: a string map with these keys (defaults in ranah_profile_default()). */
#define RANAH_PROFILE_GOVERNMENT       "government"        /* "PEMERINTAH KOTA TARAKAN" */
#define RANAH_PROFILE_AGENCY           "agency"            /* "DINAS KOMUNIKASI, INFORMATIKA, …" */
#define RANAH_PROFILE_AGENCY_SHORT     "agency-short"      /* "DKISP" */
#define RANAH_PROFILE_ADDRESS          "address"
#define RANAH_PROFILE_PHONE            "phone"
#define RANAH_PROFILE_EMAIL            "email"
#define RANAH_PROFILE_WEBSITE          "website"
#define RANAH_PROFILE_CITY             "city"              /* date line place: "Tarakan" */
#define RANAH_PROFILE_TIMEZONE         "timezone"          /* "Asia/Makassar" (WITA) */
#define RANAH_PROFILE_PARENT_DOMAIN    "parent-domain"     /* "tarakankota.go.id" */
#define RANAH_PROFILE_NUMBER_TEMPLATE  "number-template"   /* "{klasifikasi}/{urut}/{unit}/{tahun}" */
#define RANAH_PROFILE_CLASSIFICATION   "classification"    /* default kode klasifikasi "000.5.2" */
/* The signer printed under the SOP compliance sheet (ranah_report_compliance_pdf ()), which
 * is signed by hand. The Surat Tanggapan never reads them: its signature block is the
 * signing official's own account (RanahLetter.signer). */
#define RANAH_PROFILE_SIGNER_NAME      "signer-name"
#define RANAH_PROFILE_SIGNER_POSITION  "signer-position"
#define RANAH_PROFILE_SIGNER_RANK      "signer-rank"
#define RANAH_PROFILE_SIGNER_NIP       "signer-nip"        /* "" or as ranah_validate_nip () */
#define RANAH_PROFILE_PAPER            "paper"             /* "A4" or "F4" */
#define RANAH_PROFILE_FONT             "font"              /* "Liberation Sans" */
#define RANAH_PROFILE_LOGO             "logo"              /* base64 of a PNG or SVG file; "" = none */
#define RANAH_PROFILE_TEMPLATE_APPROVAL "template-approval"
#define RANAH_PROFILE_TEMPLATE_REFUSAL  "template-refusal"
#define RANAH_PROFILE_LEGAL_BASIS      "legal-basis"       /* one regulation a line */
#define RANAH_PROFILE_DNS_SERVER       "dns-server"        /* "127.0.0.1" */
#define RANAH_PROFILE_DNS_PORT         "dns-port"          /* "53" */
#define RANAH_PROFILE_DNS_ZONE         "dns-zone"          /* defaults to parent-domain */
#define RANAH_PROFILE_TSIG_NAME        "tsig-name"
#define RANAH_PROFILE_TSIG_ALGORITHM   "tsig-algorithm"    /* "hmac-sha256" */
#define RANAH_PROFILE_TSIG_SECRET      "tsig-secret"       /* secret: never printed or logged */
#define RANAH_PROFILE_MAX_LOGIN_FAILURES "max-login-failures"
#define RANAH_PROFILE_LOCKOUT_MINUTES  "lockout-minutes"
#define RANAH_PROFILE_SESSION_HOURS    "session-hours"     /* "10": how long a session lasts */
#define RANAH_PROFILE_WARN_PERCENT     "escalation-warn-percent"   /* "75": warn the holder */
#define RANAH_PROFILE_BREACH_PERCENT   "escalation-breach-percent" /* "100": tell the superior */
/* "mon-thu 07:30-16:00; fri 07:30-16:30": when the working-day clock runs
 * (ranah_office_hours_parse () in ranah-calendar.h reads and checks it) */
#define RANAH_PROFILE_OFFICE_HOURS     "office-hours"

/* A new table (string → string) holding every profile key with its default value. */
GHashTable *ranah_profile_default (void);
/* TRUE for keys whose value must never be printed, logged or audited. */
gboolean    ranah_profile_key_is_secret (const char *key);
/* TRUE for the keys above. */
gboolean    ranah_profile_key_is_known  (const char *key);

G_END_DECLS
