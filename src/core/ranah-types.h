/* ranah-types.h — the vocabulary of the SOP: roles, request states, actions, records
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every enum here has a stable lowercase ASCII "nick" (ranah_*_to_string /
 * ranah_*_from_string). The nicks are what the stores persist, what ranah-cli accepts
 * and prints, and what the PostgreSQL workflow table holds: never renumber or rename.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Who acts (Pelaksana). RANAH_ROLE_ADMIN performs no SOP step. */
typedef enum {
  RANAH_ROLE_NONE = 0,
  RANAH_ROLE_OPD,      /* Kepala OPD Pemohon (and the OPD's own users) */
  RANAH_ROLE_KADIS,    /* Kepala Dinas Kominfo */
  RANAH_ROLE_KABID,    /* Kepala Bidang Aplikasi dan Informatika */
  RANAH_ROLE_SUBKOOR,  /* Sub Koordinator Seksi Pengelolaan e-Government */
  RANAH_ROLE_STAF,     /* Staf */
  RANAH_ROLE_ADMIN,
  RANAH_N_ROLES
} RanahRole;

/* A set of roles, as a bit mask of (1 << RanahRole). */
typedef guint RanahRoleSet;
#define RANAH_ROLE_BIT(r) (1u << (r))

/* Where a request stands. Each open state is "waiting for step N". */
typedef enum {
  RANAH_STATE_NONE = 0,     /* not yet stored: the from-state of step 1 */
  RANAH_STATE_SUBMITTED,    /* step 1 done, waiting for Kadis to dispose (step 2) */
  RANAH_STATE_AT_KABID,     /* step 2 done, waiting for Kabid to dispose (step 3) */
  RANAH_STATE_AT_SUBKOOR,   /* step 3 done, waiting for Subkoor to dispose (step 4) */
  RANAH_STATE_AT_STAF,      /* step 4 done, waiting for Staf to create (step 5) */
  RANAH_STATE_CREATED,      /* step 5 done, waiting for Staf to report (step 6) */
  RANAH_STATE_DRAFTING,     /* step 6 done, a refusal, or a returned draft: waiting for step 7
                             * (registry update and draft letter; outcome says which letter) */
  RANAH_STATE_DRAFTED,      /* step 7 done, waiting for Kabid's review (step 8) */
  RANAH_STATE_REVIEWED,     /* step 8 done, waiting for Kadis to sign and send (step 9) */
  RANAH_STATE_SENT,         /* step 9 done, waiting for the OPD's receipt (step 10) */
  RANAH_STATE_DONE,         /* step 10: Selesai */
  RANAH_STATE_WITHDRAWN,    /* withdrawn by the OPD before the subdomain existed */
  RANAH_N_STATES
} RanahState;

typedef enum {
  RANAH_ACTION_NONE = 0,
  RANAH_ACTION_SUBMIT,               /* 1: OPD sends its request (or DKISP registers a paper letter) */
  RANAH_ACTION_DISPOSE_TO_KABID,     /* 2 */
  RANAH_ACTION_DISPOSE_TO_SUBKOOR,   /* 3 */
  RANAH_ACTION_DISPOSE_TO_STAF,      /* 4 */
  RANAH_ACTION_CREATE,               /* 5: the records exist in DNS */
  RANAH_ACTION_REPORT,               /* 6 */
  RANAH_ACTION_DRAFT,                /* 7: registry updated, Surat Tanggapan drafted */
  RANAH_ACTION_REVIEW,               /* 8: Kabid hands the draft to Kadis */
  RANAH_ACTION_SIGN,                 /* 9: Kadis signs and sends: the letter takes its number */
  RANAH_ACTION_RECEIVE,              /* 10: the OPD has the letter */
  RANAH_ACTION_RETURN_DRAFT,         /* 8 or 9 back to 7, with a note */
  RANAH_ACTION_DECLINE,              /* refusal by Kadis, Kabid or Subkoor, with a reason */
  RANAH_ACTION_WITHDRAW,             /* by the OPD, before step 5 */
  RANAH_ACTION_RECALL_DISPOSITION,   /* the sender takes back an unread disposition */
  RANAH_N_ACTIONS
} RanahAction;

/* Kelengkapan: what must be on file before a transition may run. A bit mask. */
typedef enum {
  RANAH_NEEDS_NOTHING              = 0,
  RANAH_NEEDS_REQUEST_LETTER       = 1 << 0,  /* the scanned Surat Permohonan */
  RANAH_NEEDS_DISPOSITION          = 1 << 1,  /* the disposition that brought it here */
  RANAH_NEEDS_RECORDS              = 1 << 2,  /* at least one record to create */
  RANAH_NEEDS_CREATED_RECORDS      = 1 << 3,  /* every record marked created (step 5's output) */
  RANAH_NEEDS_REGISTRY_ENTRY       = 1 << 4,  /* the registry entry (approvals only) */
  RANAH_NEEDS_DRAFT_LETTER         = 1 << 5,  /* the draft Surat Tanggapan */
  RANAH_NEEDS_SIGNED_LETTER        = 1 << 6,  /* the signed Surat Tanggapan */
  RANAH_NEEDS_NOTE                 = 1 << 7,  /* a note or reason in the move itself */
  RANAH_NEEDS_UNREAD_DISPOSITION   = 1 << 8,  /* the last disposition has not been read */
} RanahNeeds;

/* Needs that apply only when the request's outcome is an approval: a refusal creates no
 * records and no registry entry. */
#define RANAH_NEEDS_APPROVAL_ONLY \
  (RANAH_NEEDS_RECORDS | RANAH_NEEDS_CREATED_RECORDS | RANAH_NEEDS_REGISTRY_ENTRY)

/* Which user of the permitted roles may act. OPD users always act only on their own
 * OPD's requests, whatever this says. */
typedef enum {
  RANAH_ACTOR_ANY_IN_ROLE = 0,  /* any active user holding one of the roles */
  RANAH_ACTOR_ASSIGNEE,         /* only the user the request was disposed to */
  RANAH_ACTOR_SENDER,           /* only the user who sent the last disposition */
} RanahActor;

/* Output: the record a transition produces. */
typedef enum {
  RANAH_OUTPUT_NONE = 0,
  RANAH_OUTPUT_REQUEST_LETTER,     /* Surat Permohonan */
  RANAH_OUTPUT_DISPOSITION,        /* Surat Disposisi */
  RANAH_OUTPUT_CREATED_RECORDS,    /* Pembuatan Subdomain */
  RANAH_OUTPUT_CREATION_REPORT,    /* laporan pembuatan */
  RANAH_OUTPUT_REGISTRY_AND_DRAFT, /* daftar subdomain diperbarui + konsep Surat Tanggapan */
  RANAH_OUTPUT_DRAFT_LETTER,       /* konsep Surat Tanggapan (a refusal: no registry entry) */
  RANAH_OUTPUT_REFUSAL,            /* the reason a request is declined */
  RANAH_OUTPUT_REVIEWED_DRAFT,     /* Surat Tanggapan reviewed, handed to Kadis */
  RANAH_OUTPUT_SIGNED_LETTER,      /* Surat Tanggapan signed and sent */
  RANAH_OUTPUT_RECEIPT,            /* Surat Tanggapan received */
  RANAH_OUTPUT_NOTE,               /* a returned draft, a withdrawal, a recalled disposition */
  RANAH_N_OUTPUTS
} RanahOutput;

typedef enum {
  RANAH_OUTCOME_PENDING = 0,
  RANAH_OUTCOME_APPROVED,
  RANAH_OUTCOME_REFUSED,
} RanahOutcome;

typedef enum {
  RANAH_URGENCY_BIASA = 0,
  RANAH_URGENCY_SEGERA,
  RANAH_URGENCY_SANGAT_SEGERA,
} RanahUrgency;

typedef enum {
  RANAH_RECORD_A = 0,
  RANAH_RECORD_AAAA,
  RANAH_RECORD_CNAME,
  RANAH_RECORD_TXT,
  RANAH_RECORD_MX,
  RANAH_N_RECORD_TYPES
} RanahRecordType;

typedef enum {
  RANAH_ENTRY_ACTIVE = 0,
  RANAH_ENTRY_SUSPENDED,
  RANAH_ENTRY_REVOKED,
} RanahEntryStatus;

typedef enum {
  RANAH_LETTER_DRAFT = 0,
  RANAH_LETTER_SIGNED,
} RanahLetterState;

const char  *ranah_role_to_string          (RanahRole role);
RanahRole    ranah_role_from_string        (const char *nick);
const char  *ranah_role_title              (RanahRole role);    /* "Kepala Dinas", … (Indonesian, never translated) */
const char  *ranah_state_to_string         (RanahState state);
RanahState   ranah_state_from_string       (const char *nick);
const char  *ranah_state_label             (RanahState state);  /* translatable UI label */
gboolean     ranah_state_is_open           (RanahState state);
const char  *ranah_action_to_string        (RanahAction action);
RanahAction  ranah_action_from_string      (const char *nick);
const char  *ranah_action_label            (RanahAction action); /* translatable UI label */
const char  *ranah_output_to_string        (RanahOutput output);
const char  *ranah_output_label            (RanahOutput output); /* Indonesian SOP term */
const char  *ranah_outcome_to_string       (RanahOutcome outcome);
RanahOutcome ranah_outcome_from_string     (const char *nick);
const char  *ranah_urgency_to_string       (RanahUrgency urgency);
RanahUrgency ranah_urgency_from_string     (const char *nick, gboolean *ok);
const char  *ranah_urgency_label           (RanahUrgency urgency); /* "Biasa", "Segera", … */
const char  *ranah_record_type_to_string   (RanahRecordType type);
gboolean     ranah_record_type_from_string (const char *nick, RanahRecordType *out);
const char  *ranah_entry_status_to_string  (RanahEntryStatus status);
gboolean     ranah_entry_status_from_string (const char *nick, RanahEntryStatus *out);

/* Standard disposition instructions (Lembar Disposisi checklist). NULL-terminated;
 * each item is a stable nick followed by its Indonesian text. */
typedef struct {
  const char *nick;
  const char *text;
} RanahInstruction;

const RanahInstruction *ranah_instructions (guint *n_instructions);
const char             *ranah_instruction_text (const char *nick); /* NULL if unknown */

G_END_DECLS
