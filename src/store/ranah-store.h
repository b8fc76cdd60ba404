/* ranah-store.h — the store interface: where requests, dispositions, the registry,
 * letters and the audit trail live, whichever backend holds them
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RanahStore is an abstract GObject; ranah-sqlite-store.c and ranah-postgres-store.c are
 * its backends. Callers see only this header, the core types and GError.
 *
 * Rules every backend keeps:
 *  - Calls are synchronous and thread-safe (a backend serialises its connection); the UI
 *    runs them in a GTask thread. Signals are emitted in the thread-default main context
 *    of the thread that called ranah_store_watch().
 *  - Every call but open/initialize/sign_in needs a signed-in user, and acts as that user.
 *  - A move is one transaction that checks the workflow table (core) and compares and sets
 *    (request id, state, version): a stale move fails with RANAH_STORE_ERROR_CONFLICT and
 *    stores nothing. Every change appends one audit event, in the same transaction.
 *  - Errors are one sentence for a person: core errors (RANAH_CORE_ERROR_*) pass through
 *    unchanged; the store's own are below.
 */
#pragma once

#include <gio/gio.h>

#include "ranah-core.h"

G_BEGIN_DECLS

#define RANAH_STORE_ERROR (ranah_store_error_quark ())

typedef enum {
  RANAH_STORE_ERROR_CONFLICT,     /* changed by someone else first: reload and try again */
  RANAH_STORE_ERROR_NOT_FOUND,
  RANAH_STORE_ERROR_UNAVAILABLE,  /* cannot open or reach the store; disk full; read-only */
  RANAH_STORE_ERROR_PERMISSION,   /* not signed in, or the database refused this user */
  RANAH_STORE_ERROR_AUTH,         /* wrong user name or password, disabled or locked out */
  RANAH_STORE_ERROR_VALIDATION,   /* the store refused a value: duplicate name, bad file… */
  RANAH_STORE_ERROR_VERSION,      /* the store was written by a newer Ranah */
  RANAH_STORE_ERROR_CORRUPT,      /* the file is damaged or not a Ranah store */
  RANAH_STORE_ERROR_FAILED,
} RanahStoreError;

GQuark ranah_store_error_quark (void);

/* The limit on a scanned request letter. */
#define RANAH_ATTACHMENT_MAX_BYTES (20 * 1024 * 1024)

typedef struct {
  RanahState  state;         /* RANAH_STATE_NONE = any */
  gboolean    open_only;     /* only states still in progress */
  gint64      opd_id;        /* 0 = any */
  const char *received_from; /* YYYY-MM-DD or NULL */
  const char *received_to;   /* YYYY-MM-DD or NULL, inclusive */
  const char *text;          /* matches name, fqdn, hal, letter number, OPD; NULL = any */
  guint       limit;         /* 0 = no limit */
  guint       offset;
} RanahRequestFilter;

typedef struct {
  const char      *text;     /* matches name, fqdn, OPD, target, purpose */
  gint64           opd_id;   /* 0 = any */
  gint             status;   /* a RanahEntryStatus, or -1 = any */
  gboolean         failing_only; /* only entries whose last DNS check ran and failed */
} RanahEntryFilter;

/* Renders the signed letter's PDF once the store has given it its number, date and
 * verification code, inside the signing transaction: if it fails, nothing is signed. */
typedef GBytes *(*RanahSignRenderFunc) (const RanahRequest *request,
                                        const RanahLetter  *letter,
                                        gpointer            user_data,
                                        GError            **error);

/* One move of the workflow. Fields beyond the first four matter only to some actions. */
typedef struct {
  RanahAction          action;
  gint64               request_id;
  gint64               expected_version;  /* the version the user saw */
  const char          *note;              /* reason / note; required where the table says */
  const char          *idempotency_key;   /* optional: a repeated key with the same move
                                           * succeeds once and then reports success again */
  /* dispositions (steps 2–4) */
  gint64               to_user_id;        /* 0 = the only holder of the next role */
  const char * const  *instructions;      /* nicks of ranah_instructions() */
  RanahUrgency         urgency;
  gint64               due_at;            /* 0 = from the working-day clock */
  /* step 5: no longer read. Every record must have a proof that DNS serves it
   * (ranah_store_record_proofs ()), and its answer becomes the record's ->verified. */
  GPtrArray           *records;
  /* step 7: sifat, lampiran, hal, body and tembusan of the draft; NULL = defaults */
  const RanahLetter   *draft;
  /* step 9 (required there) */
  RanahSignRenderFunc  render;
  gpointer             render_data;
} RanahMove;

#define RANAH_TYPE_STORE (ranah_store_get_type ())
G_DECLARE_DERIVABLE_TYPE (RanahStore, ranah_store, RANAH, STORE, GObject)

struct _RanahStoreClass
{
  GObjectClass parent_class;

  /* session */
  gboolean      (*is_initialized)      (RanahStore *self, GError **error);
  gboolean      (*initialize)          (RanahStore *self, const RanahUser *admin,
                                        const char *password, GError **error);
  gboolean      (*sign_in)             (RanahStore *self, const char *username,
                                        const char *password, GError **error);
  guint         (*schema_version)      (RanahStore *self);
  gint64        (*change_stamp)        (RanahStore *self);

  /* administration */
  GPtrArray    *(*list_users)          (RanahStore *self, GError **error);
  gint64        (*add_user)            (RanahStore *self, const RanahUser *user,
                                        const char *password, GError **error);
  gboolean      (*update_user)         (RanahStore *self, const RanahUser *user, GError **error);
  gboolean      (*set_password)        (RanahStore *self, gint64 user_id, const char *password,
                                        GError **error);
  GPtrArray    *(*list_opds)           (RanahStore *self, GError **error);
  gint64        (*add_opd)             (RanahStore *self, const RanahOpd *opd, GError **error);
  gboolean      (*update_opd)          (RanahStore *self, const RanahOpd *opd, GError **error);
  GPtrArray    *(*list_holidays)       (RanahStore *self, GError **error);
  gboolean      (*add_holiday)         (RanahStore *self, const RanahHoliday *holiday,
                                        GError **error);
  gboolean      (*remove_holiday)      (RanahStore *self, const char *date, GError **error);
  /* @holidays (RanahHoliday*): all of them in one transaction, or none */
  gboolean      (*add_holidays)        (RanahStore *self, GPtrArray *holidays, GError **error);
  GStrv         (*list_reserved)       (RanahStore *self, GError **error);
  gboolean      (*add_reserved)        (RanahStore *self, const char *name, GError **error);
  gboolean      (*remove_reserved)     (RanahStore *self, const char *name, GError **error);
  GHashTable   *(*get_profile)         (RanahStore *self, GError **error);
  gboolean      (*set_profile)         (RanahStore *self, const char *key, const char *value,
                                        GError **error);

  /* requests */
  gint64        (*submit_request)      (RanahStore *self, RanahRequest *request,
                                        GBytes *letter_pdf, GError **error);
  gboolean      (*attach_letter)       (RanahStore *self, gint64 request_id,
                                        gint64 expected_version, GBytes *pdf, GError **error);
  RanahRequest *(*get_request)         (RanahStore *self, gint64 id, GError **error);
  GBytes       *(*get_request_letter)  (RanahStore *self, gint64 request_id, GError **error);
  GPtrArray    *(*list_requests)       (RanahStore *self, const RanahRequestFilter *filter,
                                        GError **error);
  GPtrArray    *(*inbox)               (RanahStore *self, guint limit, guint *n_total,
                                        GError **error);
  gboolean      (*check_name_free)     (RanahStore *self, const char *name,
                                        gint64 except_request_id, GError **error);
  gboolean      (*move)                (RanahStore *self, const RanahMove *move, GError **error);
  GPtrArray    *(*list_dispositions)   (RanahStore *self, gint64 request_id, GError **error);
  gboolean      (*mark_read)           (RanahStore *self, gint64 disposition_id, GError **error);

  /* letters */
  RanahLetter  *(*get_letter)          (RanahStore *self, gint64 request_id, GError **error);
  GBytes       *(*get_letter_pdf)      (RanahStore *self, gint64 letter_id, GError **error);
  RanahLetter  *(*find_letter_by_sha256) (RanahStore *self, const char *sha256_hex,
                                        GError **error);

  /* registry */
  GPtrArray    *(*list_entries)        (RanahStore *self, const RanahEntryFilter *filter,
                                        GError **error);
  RanahEntry   *(*get_entry)           (RanahStore *self, gint64 id, GError **error);
  gboolean      (*import_entries)      (RanahStore *self, GPtrArray *entries,
                                        GPtrArray **problems, GError **error);
  gboolean      (*set_entry_status)    (RanahStore *self, gint64 entry_id,
                                        gint64 expected_version, RanahEntryStatus status,
                                        const char *reason, GError **error);
  /* @proofs: NULL, or the entry's records with their new proofs (a check that passed) */
  gboolean      (*record_check)        (RanahStore *self, gint64 entry_id, gboolean ok,
                                        const char *summary, GPtrArray *proofs,
                                        GError **error);
  /* @fqdn folded to lowercase, or NULL; returns NULL without @error set when there is none */
  RanahEntry   *(*find_entry_for_request) (RanahStore *self, gint64 request_id,
                                        const char *fqdn, GError **error);

  /* audit */
  GPtrArray    *(*list_events)         (RanahStore *self, gint64 request_id, GError **error);
  /* The rows the audit trail speaks for as the tables hold them now (strings of lines, as
   * ranah-audit-state.h describes), and each chain's recorded head (chain →
   * RanahAuditHead*). */
  gboolean      (*audit_state)         (RanahStore *self, GPtrArray **rows, GHashTable **heads,
                                        GError **error);
  /* Appends an "audit:anchor" event to the office's chain with @note; its place and hash. */
  gboolean      (*record_anchor)       (RanahStore *self, const char *note, gint64 *chain_seq,
                                        char **hash, GError **error);

  /* sessions: @token as made by ranah_store_start_session(); the backend stores its hash */
  gboolean      (*start_session)       (RanahStore *self, const char *token, const char *label,
                                        gint64 *expires_at, GError **error);
  gboolean      (*resume_session)      (RanahStore *self, const char *username,
                                        const char *token, GError **error);
  gboolean      (*end_session)         (RanahStore *self, const char *token, GError **error);

  /* records: after the others, taking a padding slot */
  gboolean      (*record_proofs)       (RanahStore *self, gint64 request_id, GPtrArray *records,
                                        GError **error);

  gpointer padding[12];
};

/* Opens "sqlite:PATH" (PATH created when missing) or "postgresql://…" / a libpq conninfo.
 * NULL @uri: $RANAH_STORE, else the embedded store in the user's data directory. */
RanahStore     *ranah_store_open              (const char *uri, GError **error);
/* The default embedded store's URI: sqlite:$XDG_DATA_HOME/ranah/ranah.db */
char           *ranah_store_default_uri       (void);
/* @uri as it may be shown or logged: a PostgreSQL address's password (user:password@ in a
 * URI, password=… in a conninfo string) left out. */
char           *ranah_store_uri_display       (const char *uri);

gboolean        ranah_store_is_initialized    (RanahStore *self, GError **error);
/* Creates the schema on an empty store with its first admin account. */
gboolean        ranah_store_initialize        (RanahStore *self, const RanahUser *admin,
                                               const char *password, GError **error);
gboolean        ranah_store_sign_in           (RanahStore *self, const char *username,
                                               const char *password, GError **error);
const RanahUser *ranah_store_get_user         (RanahStore *self);  /* NULL until signed in */

/* Sessions: sign in once with the password, then resume with a token (ranah-cli login, the
 * desktop app), as gh auth login, kinit or sudo's timestamp do.
 *
 * ranah_store_start_session() needs a user signed in with their password (not a resumed
 * session). It makes a 256-bit random token and returns it as text ("rnh1." and 43
 * base64url characters) for the caller to keep where only this person can read it; the
 * store keeps only its SHA-256. @label says what started it ("ranah-cli on HOST"), for the
 * audit trail ("auth:session-started"). The session lasts the profile's
 * RANAH_PROFILE_SESSION_HOURS (default 10: a working day); *@expires_at (may be NULL)
 * receives its end in Unix seconds. Expired sessions are deleted here.
 *
 * ranah_store_resume_session() signs in as the token's user, with the same effects as
 * ranah_store_sign_in(), when the token is known, not expired, belongs to @username
 * (case-insensitive) and the account is active and not locked; otherwise it fails with
 * RANAH_STORE_ERROR_AUTH, and the caller asks for the password (and forgets the token). Any
 * other error (RANAH_STORE_ERROR_UNAVAILABLE: a server out of reach) has ended nothing: keep
 * the token. It costs no password hash.
 *
 * A user has at most RANAH_STORE_MAX_SESSIONS sessions: starting one more ends the oldest.
 *
 * ranah_store_end_session() deletes the session of @token ("auth:session-ended"); it needs
 * a signed-in user (resuming the session itself is enough) and ends only their own.
 *
 * Every session of a user ends, in the same transaction, when their password is set or
 * their account is disabled. On PostgreSQL a session is a login role of its own, member of
 * the official's role, whose password is the token (as a SCRAM verifier) and which the
 * server lets in only until the session's end (see src/store/sql/README.md); a connection
 * resumed through a session loses its rights the moment that session ends, so a desktop
 * that changes its user's own password through it must sign in again. */
#define RANAH_STORE_MAX_SESSIONS 20
char           *ranah_store_start_session     (RanahStore  *self,
                                               const char  *label,
                                               gint64      *expires_at,
                                               GError     **error);
gboolean        ranah_store_resume_session    (RanahStore  *self,
                                               const char  *username,
                                               const char  *token,
                                               GError     **error);
gboolean        ranah_store_end_session       (RanahStore  *self,
                                               const char  *token,
                                               GError     **error);
/* TRUE when the signed-in user came in through a session rather than a password. */
gboolean        ranah_store_is_resumed        (RanahStore  *self);
guint           ranah_store_schema_version    (RanahStore *self);
/* A warning the user should see about this store (e.g. "on a network file system"), or NULL. */
const char     *ranah_store_get_warning       (RanahStore *self);

/* Tests and benchmarks pin the clock; 0 returns to the real one. */
void            ranah_store_set_now           (RanahStore *self, gint64 now);
gint64          ranah_store_now               (RanahStore *self);

/* Starts emitting ::changed (in the caller's thread-default main context) when another
 * connection or process changes the store. */
void            ranah_store_watch             (RanahStore *self);

GPtrArray      *ranah_store_list_users        (RanahStore *self, GError **error);
gint64          ranah_store_add_user          (RanahStore *self, const RanahUser *user,
                                               const char *password, GError **error);
gboolean        ranah_store_update_user       (RanahStore *self, const RanahUser *user,
                                               GError **error);
gboolean        ranah_store_set_password      (RanahStore *self, gint64 user_id,
                                               const char *password, GError **error);
RanahUser      *ranah_store_find_user         (RanahStore *self, const char *username,
                                               GError **error);
GPtrArray      *ranah_store_list_opds         (RanahStore *self, GError **error);
gint64          ranah_store_add_opd           (RanahStore *self, const RanahOpd *opd,
                                               GError **error);
gboolean        ranah_store_update_opd        (RanahStore *self, const RanahOpd *opd,
                                               GError **error);
/* By code or name, case-insensitive. */
RanahOpd       *ranah_store_find_opd          (RanahStore *self, const char *code_or_name,
                                               GError **error);
GPtrArray      *ranah_store_list_holidays     (RanahStore *self, GError **error);
gboolean        ranah_store_add_holiday       (RanahStore *self, const RanahHoliday *holiday,
                                               GError **error);
gboolean        ranah_store_remove_holiday    (RanahStore *self, const char *date,
                                               GError **error);
/* Adds every one of @holidays (RanahHoliday*, as ranah_holiday_import_new_holidays() gives
 * them) in one transaction, or none: one that is invalid, a date the store already has or
 * one given twice fails the whole and stores nothing. Administrators only. */
gboolean        ranah_store_add_holidays      (RanahStore *self, GPtrArray *holidays,
                                               GError **error);
GStrv           ranah_store_list_reserved     (RanahStore *self, GError **error);
gboolean        ranah_store_add_reserved      (RanahStore *self, const char *name,
                                               GError **error);
gboolean        ranah_store_remove_reserved   (RanahStore *self, const char *name,
                                               GError **error);
/* Every profile key, defaults filled in. The TSIG secret is present only for staf,
 * subkoor and admin. */
GHashTable     *ranah_store_get_profile       (RanahStore *self, GError **error);
gboolean        ranah_store_set_profile       (RanahStore *self, const char *key,
                                               const char *value, GError **error);
/* A working-day calendar with the store's time zone and holidays. */
RanahCalendar  *ranah_store_get_calendar      (RanahStore *self, GError **error);

/* Step 1. Validates every field (core), checks the name is free, assigns the agenda
 * number; @letter_pdf (may be NULL) must be a PDF of at most RANAH_ATTACHMENT_MAX_BYTES.
 * An OPD user submits for their own OPD; DKISP staff register a paper letter for
 * request->opd_id. Returns the new id and fills request->id, ->fqdn, ->agenda_*. */
gint64          ranah_store_submit_request    (RanahStore *self, RanahRequest *request,
                                               GBytes *letter_pdf, GError **error);
gboolean        ranah_store_attach_letter     (RanahStore *self, gint64 request_id,
                                               gint64 expected_version, GBytes *pdf,
                                               GError **error);
RanahRequest   *ranah_store_get_request       (RanahStore *self, gint64 id, GError **error);
GBytes         *ranah_store_get_request_letter (RanahStore *self, gint64 request_id,
                                               GError **error);
GPtrArray      *ranah_store_list_requests     (RanahStore *self,
                                               const RanahRequestFilter *filter,
                                               GError **error);
/* What waits for the signed-in user, overdue first, then oldest first, timed with the
 * calendar as it is now (ranah_escalation_clock (); never the stored due_at). */
GPtrArray      *ranah_store_inbox             (RanahStore *self, GError **error);
/* The first @limit items of the inbox (0: all), and in @n_total how many there are: a
 * window shows a screenful first. */
GPtrArray      *ranah_store_inbox_head        (RanahStore *self, guint limit, guint *n_total,
                                               GError **error);
/* Every open request whose pending step is past its due time by the calendar as it is
 * now, soonest due first. */
GPtrArray      *ranah_store_list_overdue      (RanahStore *self, GError **error);
/* FALSE with a VALIDATION error naming the registry entry or the request in progress
 * that holds @name (case-insensitive). */
gboolean        ranah_store_check_name_free   (RanahStore *self, const char *name,
                                               gint64 except_request_id, GError **error);
gboolean        ranah_store_move              (RanahStore *self, const RanahMove *move,
                                               GError **error);
/* The transitions open to the signed-in user on @request now (table entries). */
GPtrArray      *ranah_store_next_actions      (RanahStore *self, const RanahRequest *request);
GPtrArray      *ranah_store_list_dispositions (RanahStore *self, gint64 request_id,
                                               GError **error);
gboolean        ranah_store_mark_read         (RanahStore *self, gint64 disposition_id,
                                               GError **error);

RanahLetter    *ranah_store_get_letter        (RanahStore *self, gint64 request_id,
                                               GError **error);
GBytes         *ranah_store_get_letter_pdf    (RanahStore *self, gint64 letter_id,
                                               GError **error);
RanahLetter    *ranah_store_find_letter_by_sha256 (RanahStore *self, const char *sha256_hex,
                                               GError **error);

GPtrArray      *ranah_store_list_entries      (RanahStore *self, const RanahEntryFilter *filter,
                                               GError **error);
RanahEntry     *ranah_store_get_entry         (RanahStore *self, gint64 id, GError **error);
/* The registry entry a request's letter speaks of, found by index rather than by listing
 * the registry: the entry recorded for @request_id (made when its approval was drafted),
 * else the entry whose FQDN is @fqdn, compared without regard to ASCII case (an entry
 * imported from the agency's old list, or left by an earlier request for the same name);
 * where several match, the first in ranah_store_list_entries() order (name, then id).
 * @request_id 0 or a NULL or empty @fqdn skips that half.
 * It sees what ranah_store_list_entries() sees: a signed-in user, and an OPD's users only
 * their own OPD's entries, so another OPD's entry is not found rather than refused.
 * None: NULL with RANAH_STORE_ERROR_NOT_FOUND, as ranah_store_get_entry() and the other
 * find calls. */
RanahEntry     *ranah_store_find_entry_for_request (RanahStore *self, gint64 request_id,
                                               const char *fqdn, GError **error);
/* All or nothing: on any problem (unknown OPD, duplicate name, …) *@problems lists each
 * (RanahImportProblem*) and nothing is written. */
gboolean        ranah_store_import_entries    (RanahStore *self, GPtrArray *entries,
                                               GPtrArray **problems, GError **error);
gboolean        ranah_store_set_entry_status  (RanahStore *self, gint64 entry_id,
                                               gint64 expected_version,
                                               RanahEntryStatus status, const char *reason,
                                               GError **error);
gboolean        ranah_store_record_check      (RanahStore *self, gint64 entry_id, gboolean ok,
                                               const char *summary, GError **error);
/* The same with what the check proved: a check that passed (@ok) renews the proof of each
 * of @proofs (RanahRecord*, the entry's records by id, with ->proof_server, ->proof_serial
 * and ->proof_answer as the authoritative server answered; the time is the store's); a
 * failed check keeps the old proofs. */
gboolean        ranah_store_record_check_proofs (RanahStore *self, gint64 entry_id,
                                               gboolean ok, const char *summary,
                                               GPtrArray *proofs, GError **error);

/* Records that DNS serves records of request @id: for each of @records (RanahRecord*, by
 * ->id, the request's own) the authoritative server asked (->proof_server,
 * "ADDRESS:PORT"), the zone's SOA serial (->proof_serial) and the answer as returned
 * (->proof_answer), which must be the record's target for its type
 * (ranah_record_answer_matches ()); the store sets the time from its own clock and appends
 * one "record-proof" audit event for each. Only the staff member the request is disposed
 * to, while it waits for step 5 or 6: a record counts as created (step 5, and step 6
 * after it) only with a proof. All of them or none. */
gboolean        ranah_store_record_proofs     (RanahStore *self, gint64 request_id,
                                               GPtrArray *records, GError **error);

/* Events of one request, or of the whole store when @request_id is 0, in order. */
GPtrArray      *ranah_store_list_events       (RanahStore *self, gint64 request_id,
                                               GError **error);
/* Re-reads the whole trail and checks it: the hash chains, each chain's recorded head, and
 * every row the trail speaks for against what the tables hold (ranah-audit-state.h). With
 * @anchor (the text ranah_store_audit_anchor() gave), also that the store still holds every
 * event the anchor names: an older copy of the store put back shows. *@problems (when not
 * NULL) lists every problem, one sentence each; @error says the first. */
gboolean        ranah_store_verify_audit_full (RanahStore *self, const char *anchor,
                                               GPtrArray **problems, GError **error);
gboolean        ranah_store_verify_audit      (RanahStore *self, GError **error);
/* Records an anchor event and returns the anchor: the head of every chain, as text for an
 * administrator to keep, print or publish outside the store. Administrators only. */
char           *ranah_store_audit_anchor      (RanahStore *self, GError **error);

/* For backends: set the signed-in user (takes a copy), the warning, and emit ::changed. */
void            ranah_store_set_user          (RanahStore *self, const RanahUser *user);
void            ranah_store_set_warning       (RanahStore *self, const char *warning);
void            ranah_store_emit_changed      (RanahStore *self);
/* For backends: the SHA-256 of a session token, 64 lowercase hex digits; NULL when @token
 * is not a token ranah_store_start_session() could have made. */
char           *ranah_store_session_token_hash (const char *token);

G_END_DECLS
