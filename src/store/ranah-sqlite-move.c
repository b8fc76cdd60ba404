/* ranah-sqlite-move.c — one workflow move, as one transaction
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A move, in order, inside BEGIN IMMEDIATE (PostgreSQL: one SECURITY DEFINER function call
 * under SELECT … FOR UPDATE of the request):
 *  1. an idempotency key already used for the same (user, request, action, version) ends
 *     the move with success and changes nothing; used for another move, it is refused;
 *  2. the request is loaded; a version other than expected_version is a CONFLICT;
 *  3. RanahFacts are built from the store and ranah_workflow_check decides (role from the
 *     users table as it is now, not as it was at sign-in);
 *  4. the action's own work: a disposition (steps 2–4), created records (5: each needs its
 *     proof that DNS serves it, ranah_store_record_proofs (), as step 6 does), the registry
 *     entry and draft letter (7), the letter number, PDF and verification code (9: only
 *     when nothing it prints is missing, ranah-letter-check.h; with the head of the
 *     request's audit chain before the signing event), the outcome (5: approved,
 *     decline: refused), a recalled disposition;
 *  5. the request gets its new state, version + 1, state_since = now, due_at from the
 *     working-day calendar and the new state's standard, its assignee, its note;
 *  6. one audit event (step, action, from, to, note) is appended.
 * Assignee: a disposition's addressee; kept through "created" (the same staff member
 * reports); cleared by every other move; a recalled disposition gives the request back to
 * the sender (nobody for step 2's, as "submitted" belongs to every Kepala Dinas).
 */
#include <sodium.h>

#include <glib/gi18n-lib.h>

#include "ranah-sqlite-private.h"

typedef struct {
  gint64  id;
  gint64  from_user_id;
  gint64  read_at;
  guint   step;
} LastDisposition;

static gboolean
last_disposition (RanahSqliteStore  *self,
                  gint64             request_id,
                  LastDisposition   *out,
                  GError           **error)
{
  sqlite3_stmt *stmt;
  gboolean has_row;

  memset (out, 0, sizeof *out);
  stmt = ranah_sqlite_stmt (self, "SELECT id, from_user_id, read_at, step FROM dispositions "
                                  "WHERE request_id = ?1 AND recalled = 0 "
                                  "ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, request_id);
  if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
    return FALSE;
  if (has_row)
    {
      out->id = sqlite3_column_int64 (stmt, 0);
      out->from_user_id = sqlite3_column_int64 (stmt, 1);
      out->read_at = sqlite3_column_int64 (stmt, 2);
      out->step = sqlite3_column_int (stmt, 3);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
query_count (RanahSqliteStore  *self,
             const char        *sql,
             gint64             id,
             gint64            *count,
             GError           **error)
{
  sqlite3_stmt *stmt = ranah_sqlite_stmt (self, sql, error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
    return FALSE;
  *count = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
build_facts (RanahSqliteStore    *self,
             const RanahUser     *me,
             const RanahRequest  *request,
             LastDisposition     *last,
             RanahFacts          *facts,
             GError             **error)
{
  gint64 n;
  guint pending = ranah_workflow_pending_step (request->state);

  memset (facts, 0, sizeof *facts);
  facts->user_id = me->id;
  facts->user_opd_id = me->role == RANAH_ROLE_OPD ? me->opd_id : 0;
  facts->request_opd_id = request->opd_id;
  facts->assignee_id = request->assignee_id;
  facts->outcome = request->outcome;
  facts->has_request_letter = request->attachment_sha256 != NULL;

  if (!last_disposition (self, request->id, last, error))
    return FALSE;
  facts->disposition_sender_id = last->from_user_id;
  facts->disposition_unread = last->id != 0 && last->read_at == 0;
  /* The disposition that brought the request to the step it waits for. */
  facts->has_disposition = last->id != 0 && pending > 1 && last->step == pending - 1;

  for (guint i = 0; i < request->records->len; i++)
    {
      const RanahRecord *record = g_ptr_array_index (request->records, i);
      facts->n_records++;
      if (record->created)
        facts->n_created_records++;
    }

  if (!query_count (self, "SELECT count(*) FROM entries WHERE request_id = ?1", request->id, &n,
                    error))
    return FALSE;
  facts->has_registry_entry = n > 0;
  if (!query_count (self, "SELECT count(*) FROM letters WHERE request_id = ?1", request->id, &n,
                    error))
    return FALSE;
  facts->has_draft_letter = n > 0;
  if (!query_count (self, "SELECT count(*) FROM letters WHERE request_id = ?1 "
                          "AND state = 'signed'", request->id, &n, error))
    return FALSE;
  facts->has_signed_letter = n > 0;
  return TRUE;
}

/* ---- dispositions ----------------------------------------------------------------------- */

static RanahRole
disposition_target_role (RanahAction action)
{
  switch (action)
    {
    case RANAH_ACTION_DISPOSE_TO_KABID:
      return RANAH_ROLE_KABID;
    case RANAH_ACTION_DISPOSE_TO_SUBKOOR:
      return RANAH_ROLE_SUBKOOR;
    case RANAH_ACTION_DISPOSE_TO_STAF:
      return RANAH_ROLE_STAF;
    default:
      return RANAH_ROLE_NONE;
    }
}

static gint64
pick_addressee (RanahSqliteStore  *self,
                gint64             to_user_id,
                RanahRole          role,
                GError           **error)
{
  sqlite3_stmt *stmt;
  gboolean has_row;
  gint64 id = 0;
  guint n = 0;

  if (to_user_id != 0)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(RanahUser) user = ranah_sqlite_load_user (self, to_user_id, &local_error);

      if (user == NULL || !user->active || user->role != role)
        {
          g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                       _("The disposition must go to an active %s."), ranah_role_title (role));
          return 0;
        }
      return to_user_id;
    }

  stmt = ranah_sqlite_stmt (self, "SELECT id FROM users WHERE role = ?1 AND active = 1 LIMIT 2",
                            error);
  if (stmt == NULL)
    return 0;
  ranah_sqlite_bind_text (stmt, 1, ranah_role_to_string (role));
  for (;;)
    {
      if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
        return 0;
      if (!has_row)
        break;
      id = sqlite3_column_int64 (stmt, 0);
      n++;
    }
  if (n == 0)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("There is no active %s to receive the disposition."),
                   ranah_role_title (role));
      return 0;
    }
  if (n > 1)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("Choose who receives the disposition: there are several %s."),
                   ranah_role_title (role));
      return 0;
    }
  return id;
}

static gboolean
write_disposition (RanahSqliteStore       *self,
                   const RanahMove        *move,
                   const RanahTransition  *t,
                   const RanahUser        *me,
                   RanahCalendar          *calendar,
                   gint64                 *assignee,
                   gint64                 *due_at,
                   GError                **error)
{
  RanahRole role = disposition_target_role (move->action);
  g_autofree char *instructions = NULL;
  sqlite3_stmt *stmt;
  gint64 now = ranah_store_now (RANAH_STORE (self));
  gint64 to;

  if ((to = pick_addressee (self, move->to_user_id, role, error)) == 0)
    return FALSE;
  if (move->instructions != NULL)
    {
      for (guint i = 0; move->instructions[i] != NULL; i++)
        if (ranah_instruction_text (move->instructions[i]) == NULL)
          {
            g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                         _("“%s” is not one of the standard disposition instructions."),
                         move->instructions[i]);
            return FALSE;
          }
      instructions = g_strjoinv ("\n", (char **) move->instructions);
    }
  if ((guint) move->urgency > RANAH_URGENCY_SANGAT_SEGERA)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("The urgency must be biasa, segera or sangat segera."));
      return FALSE;
    }
  if (move->note != NULL
      && !ranah_validate_text (move->note, _("Disposition note"), FALSE, TRUE, 2000, error))
    return FALSE;
  if (move->due_at != 0 && move->due_at <= now)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("The disposition's due time must lie in the future."));
      return FALSE;
    }

  *due_at = move->due_at;
  if (*due_at == 0)
    {
      guint days = ranah_workflow_standard_days (t->to);
      *due_at = days > 0 ? ranah_calendar_add_working_days (calendar, now, days) : 0;
    }

  stmt = ranah_sqlite_stmt (self, "INSERT INTO dispositions (request_id, step, from_user_id, "
                                  "to_user_id, instructions, note, urgency, due_at, created_at) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, move->request_id);
  sqlite3_bind_int (stmt, 2, t->step);
  sqlite3_bind_int64 (stmt, 3, me->id);
  sqlite3_bind_int64 (stmt, 4, to);
  ranah_sqlite_bind_text (stmt, 5, instructions != NULL ? instructions : "");
  ranah_sqlite_bind_text (stmt, 6, move->note != NULL ? move->note : "");
  ranah_sqlite_bind_text (stmt, 7, ranah_urgency_to_string (move->urgency));
  sqlite3_bind_int64 (stmt, 8, *due_at);
  sqlite3_bind_int64 (stmt, 9, now);
  if (!ranah_sqlite_step_done (self, stmt, error))
    return FALSE;
  *assignee = to;
  return TRUE;
}

/* ---- step 5: records created ------------------------------------------------------------ */

/* Every record has a proof (ranah_request_check_proven (), checked before): each is created,
 * verified by its proof's answer. */
static gboolean
mark_created (RanahSqliteStore    *self,
              const RanahRequest  *request,
              GError             **error)
{
  sqlite3_stmt *stmt;

  stmt = ranah_sqlite_stmt (self, "UPDATE records SET created = 1, verified = proof_answer "
                                  "WHERE request_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, request->id);
  return ranah_sqlite_step_done (self, stmt, error);
}

/* ---- the proof that DNS serves a record -------------------------------------------------- */

static gboolean
record_proofs_locked (RanahSqliteStore  *self,
                      gint64             request_id,
                      GPtrArray         *records,
                      GError           **error)
{
  g_autoptr(RanahUser) me = NULL;
  g_autoptr(RanahRequest) request = NULL;
  sqlite3_stmt *stmt;
  const char *state;

  if ((me = ranah_sqlite_current_user (self, error)) == NULL)
    return FALSE;
  if (me->role != RANAH_ROLE_STAF)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION,
                   _("Only the staff member the request is disposed to records that DNS "
                     "serves its records."));
      return FALSE;
    }
  for (guint i = 0; i < records->len; i++)
    {
      const RanahRecord *proof = g_ptr_array_index (records, i);

      if (!ranah_validate_text (proof->proof_server, _("DNS server"), TRUE, FALSE, 200, error)
          || !ranah_validate_text (proof->proof_answer, _("DNS answer"), TRUE, FALSE, 1000,
                                   error))
        return FALSE;
      if (proof->proof_serial < 0 || proof->proof_serial > G_MAXUINT32)
        {
          g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                       _("A zone's SOA serial is a number from 0 to 4294967295."));
          return FALSE;
        }
    }

  if (!ranah_sqlite_begin (self, error))
    return FALSE;
  if ((request = ranah_sqlite_load_request (self, request_id, error)) == NULL)
    goto fail;
  if (request->state != RANAH_STATE_AT_STAF && request->state != RANAH_STATE_CREATED)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_STATE,
                   _("The request for %s is “%s”: that DNS serves its records is recorded "
                     "only while it waits for step 5 or 6."),
                   request->fqdn, ranah_state_label (request->state));
      goto fail;
    }
  if (request->assignee_id != me->id)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION,
                   _("This request was disposed to another official."));
      goto fail;
    }
  state = ranah_state_to_string (request->state);
  stmt = ranah_sqlite_stmt (self, "UPDATE records SET proof_server = ?3, proof_serial = ?4, "
                                  "proof_answer = ?5, proof_at = ?6 "
                                  "WHERE id = ?1 AND request_id = ?2", error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < records->len; i++)
    {
      const RanahRecord *proof = g_ptr_array_index (records, i);
      const RanahRecord *record = NULL;
      g_autofree char *note = NULL;
      g_autofree char *answer = NULL;
      g_autofree char *target = NULL;

      for (guint j = 0; j < request->records->len && record == NULL; j++)
        if (((const RanahRecord *) g_ptr_array_index (request->records, j))->id == proof->id)
          record = g_ptr_array_index (request->records, j);
      if (record == NULL)
        {
          g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                       _("A proven record does not belong to this request."));
          goto fail;
        }
      if (!ranah_record_answer_matches (record, proof->proof_answer))
        {
          answer = ranah_text_shown (proof->proof_answer, 64, FALSE);
          target = ranah_text_shown (record->target, 64, FALSE);
          g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                       _("The server's answer “%s” is not the %s record's target “%s”."),
                       answer, ranah_record_type_to_string (record->type), target);
          goto fail;
        }
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, record->id);
      sqlite3_bind_int64 (stmt, 2, request->id);
      ranah_sqlite_bind_text (stmt, 3, proof->proof_server);
      sqlite3_bind_int64 (stmt, 4, proof->proof_serial);
      ranah_sqlite_bind_text (stmt, 5, proof->proof_answer);
      sqlite3_bind_int64 (stmt, 6, ranah_store_now (RANAH_STORE (self)));
      if (!ranah_sqlite_step_done (self, stmt, error))
        goto fail;
      note = g_strdup_printf ("%s %s%s%s: %s at %s, serial %" G_GINT64_FORMAT,
                              ranah_record_type_to_string (record->type),
                              record->host[0] != '\0' && !g_str_equal (record->host, "@")
                              ? record->host : "",
                              record->host[0] != '\0' && !g_str_equal (record->host, "@")
                              ? "." : "", request->fqdn, proof->proof_answer,
                              proof->proof_server, proof->proof_serial);
      if (!ranah_sqlite_append_event (self, request->id,
                                      ranah_workflow_pending_step (request->state),
                                      "record-proof", state, state, note, error))
        goto fail;
    }
  if (!ranah_sqlite_commit (self, error))
    goto fail;
  return TRUE;

fail:
  ranah_sqlite_rollback (self);
  return FALSE;
}

static gboolean
record_proofs (RanahStore  *store,
               gint64       request_id,
               GPtrArray   *records,
               GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  gboolean ok;

  SQLITE_LOCK (self);
  ok = record_proofs_locked (self, request_id, records, error);
  SQLITE_UNLOCK (self);
  return ok;
}

/* ---- step 7: registry entry and draft letter -------------------------------------------- */

static gboolean
write_registry_entry (RanahSqliteStore    *self,
                      const RanahRequest  *request,
                      RanahCalendar       *calendar,
                      GError             **error)
{
  g_autofree char *today = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;
  gint64 entry_id = 0, created_at = ranah_store_now (RANAH_STORE (self));

  if (!ranah_sqlite_check_name_free_locked (self, request->name, request->id, error))
    return FALSE;

  /* The subdomain is active since DNS was last seen to serve its records (their proofs,
   * step 5), not since drafting; a request from before proofs, since step 5. */
  stmt = ranah_sqlite_stmt (self, "SELECT coalesce ((SELECT max (proof_at) FROM records "
                                  "WHERE request_id = ?1), (SELECT at FROM events "
                                  "WHERE request_id = ?1 AND action = 'create' "
                                  "ORDER BY seq DESC LIMIT 1))", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, request->id);
  if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
    return FALSE;
  if (has_row && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    created_at = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  today = ranah_calendar_date_of (calendar, created_at);

  stmt = ranah_sqlite_stmt (self, "SELECT id FROM entries WHERE request_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, request->id);
  if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
    return FALSE;
  if (has_row)
    entry_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (entry_id == 0)
    {
      stmt = ranah_sqlite_stmt (self, "INSERT INTO entries (name, fqdn, opd_id, purpose, "
                                      "contact_name, contact_phone, contact_email, status, "
                                      "activated_on, request_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                                      "?7, 'active', ?8, ?9)", error);
    }
  else
    {
      /* A returned draft is redrafted: the entry follows the request, activation date kept. */
      stmt = ranah_sqlite_stmt (self, "UPDATE entries SET name = ?1, fqdn = ?2, opd_id = ?3, "
                                      "purpose = ?4, contact_name = ?5, contact_phone = ?6, "
                                      "contact_email = ?7, status = 'active', "
                                      "version = version + 1 WHERE request_id = ?9",
                                error);
    }
  if (stmt == NULL)
    return FALSE;
  ranah_sqlite_bind_text (stmt, 1, request->name);
  ranah_sqlite_bind_text (stmt, 2, request->fqdn);
  sqlite3_bind_int64 (stmt, 3, request->opd_id);
  ranah_sqlite_bind_text (stmt, 4, request->purpose);
  ranah_sqlite_bind_text (stmt, 5, request->contact_name);
  ranah_sqlite_bind_text (stmt, 6, request->contact_phone);
  ranah_sqlite_bind_text (stmt, 7, request->contact_email);
  ranah_sqlite_bind_text (stmt, 8, today);
  sqlite3_bind_int64 (stmt, 9, request->id);
  if (!ranah_sqlite_step_done (self, stmt, error))
    return FALSE;
  if (entry_id == 0)
    entry_id = sqlite3_last_insert_rowid (self->db);
  else
    {
      stmt = ranah_sqlite_stmt (self, "DELETE FROM entry_records WHERE entry_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, entry_id);
      if (!ranah_sqlite_step_done (self, stmt, error))
        return FALSE;
    }
  /* The entry's records are the request's, with their proofs. */
  stmt = ranah_sqlite_stmt (self, "INSERT INTO entry_records (entry_id, type, host, target, ttl, "
                                  "priority, internal, created, verified, " RECORD_PROOF_COLUMNS
                                  ") SELECT ?1, type, host, target, ttl, priority, internal, "
                                  "created, verified, " RECORD_PROOF_COLUMNS " FROM records "
                                  "WHERE request_id = ?2 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  sqlite3_bind_int64 (stmt, 2, request->id);
  return ranah_sqlite_step_done (self, stmt, error);
}

static gboolean
write_draft_letter (RanahSqliteStore    *self,
                    const RanahMove     *move,
                    const RanahRequest  *request,
                    GError             **error)
{
  const RanahLetter *draft = move->draft;
  g_autofree char *tembusan = NULL;
  sqlite3_stmt *stmt;
  const char *hal;

  hal = draft != NULL && draft->hal != NULL && *draft->hal != '\0'
        ? draft->hal
        : request->outcome == RANAH_OUTCOME_REFUSED
          ? "Tanggapan atas Permohonan Pembuatan Subdomain"
          : "Persetujuan Pembuatan Subdomain";
  if (draft != NULL && draft->tembusan != NULL)
    tembusan = g_strjoinv ("\n", draft->tembusan);
  if (draft != NULL
      && (!ranah_validate_text (draft->sifat, _("Sifat"), FALSE, FALSE, 50, error)
          || !ranah_validate_text (draft->lampiran, _("Lampiran"), FALSE, FALSE, 100, error)
          || !ranah_validate_text (hal, _("Hal"), TRUE, FALSE, 300, error)
          || !ranah_validate_text (draft->body, _("Letter body"), FALSE, TRUE, 20000, error)))
    return FALSE;

  /* One letter row per request; redrafting replaces it and bumps its revision. */
  stmt = ranah_sqlite_stmt (self, "INSERT INTO letters (request_id, kind, state, sifat, lampiran, "
                                  "hal, body, tembusan, revision) "
                                  "VALUES (?1, ?2, 'draft', ?3, ?4, ?5, ?6, ?7, 1) "
                                  "ON CONFLICT (request_id) DO UPDATE SET kind = excluded.kind, "
                                  "sifat = excluded.sifat, lampiran = excluded.lampiran, "
                                  "hal = excluded.hal, body = excluded.body, "
                                  "tembusan = excluded.tembusan, revision = revision + 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, request->id);
  ranah_sqlite_bind_text (stmt, 2, ranah_outcome_to_string (request->outcome == RANAH_OUTCOME_REFUSED
                                                            ? RANAH_OUTCOME_REFUSED
                                                            : RANAH_OUTCOME_APPROVED));
  ranah_sqlite_bind_text (stmt, 3, draft != NULL && draft->sifat != NULL && *draft->sifat
                                   ? draft->sifat : "Biasa");
  ranah_sqlite_bind_text (stmt, 4, draft != NULL && draft->lampiran != NULL && *draft->lampiran
                                   ? draft->lampiran : "-");
  ranah_sqlite_bind_text (stmt, 5, hal);
  ranah_sqlite_bind_text (stmt, 6, draft != NULL ? draft->body : NULL);
  ranah_sqlite_bind_text (stmt, 7, tembusan != NULL ? tembusan : "");
  return ranah_sqlite_step_done (self, stmt, error);
}

/* ---- step 9: signing -------------------------------------------------------------------- */

static char *
verification_code (void)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  guint8 random[10];
  char code[17];

  /* 80 random bits, 16 base32 characters: short enough to type from paper. */
  randombytes_buf (random, sizeof random);
  for (guint i = 0; i < 16; i++)
    {
      guint bit = i * 5;
      guint value = (random[bit / 8] << 8 | (bit / 8 + 1 < sizeof random ? random[bit / 8 + 1] : 0));
      code[i] = alphabet[(value >> (11 - bit % 8)) & 31];
    }
  code[16] = '\0';
  sodium_memzero (random, sizeof random);
  return g_strdup (code);
}

static gboolean
sign_letter (RanahSqliteStore    *self,
             const RanahMove     *move,
             const RanahRequest  *request,
             const RanahUser     *me,
             RanahCalendar       *calendar,
             GError             **error)
{
  g_autoptr(GHashTable) profile = NULL;
  g_autoptr(RanahLetter) letter = NULL;
  g_autoptr(RanahUser) signer = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *sha = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;
  gint64 now = ranah_store_now (RANAH_STORE (self));
  guint year, month, number;
  const char *tembusan;

  if (move->render == NULL)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_FAILED,
                   _("Signing needs the letter renderer to produce the PDF."));
      return FALSE;
    }
  if ((profile = ranah_sqlite_profile_raw (self, error)) == NULL)
    return FALSE;
  /* Nothing is signed that would print incomplete (ranah-letter-check.h): the signature
   * block is the signer's own account, as this transaction reads it. */
  if ((signer = ranah_sqlite_load_user (self, me->id, error)) == NULL
      || !ranah_letter_check_complete (profile, signer, error))
    return FALSE;

  letter = ranah_letter_new ();
  stmt = ranah_sqlite_stmt (self, "SELECT id, kind, sifat, lampiran, hal, body, tembusan, revision "
                                  "FROM letters WHERE request_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, request->id);
  if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_INCOMPLETE,
                   _("Step 9 needs the draft response letter (konsep Surat Tanggapan)."));
      return FALSE;
    }
  letter->id = sqlite3_column_int64 (stmt, 0);
  letter->request_id = request->id;
  letter->kind = ranah_outcome_from_string ((const char *) sqlite3_column_text (stmt, 1));
  g_free (letter->sifat);
  letter->sifat = ranah_sqlite_col_text (stmt, 2);
  g_free (letter->lampiran);
  letter->lampiran = ranah_sqlite_col_text (stmt, 3);
  g_free (letter->hal);
  letter->hal = ranah_sqlite_col_text (stmt, 4);
  letter->body = ranah_sqlite_col_text_or_null (stmt, 5);
  tembusan = (const char *) sqlite3_column_text (stmt, 6);
  g_strfreev (letter->tembusan);
  letter->tembusan = tembusan != NULL && *tembusan != '\0' ? g_strsplit (tembusan, "\n", -1)
                                                           : g_new0 (char *, 1);
  letter->revision = sqlite3_column_int64 (stmt, 7);
  sqlite3_reset (stmt);

  letter->letter_date = ranah_calendar_date_of (calendar, now);
  year = (guint) g_ascii_strtoull (letter->letter_date, NULL, 10);
  month = (guint) g_ascii_strtoull (letter->letter_date + 5, NULL, 10);

  /* The counter row is written under this transaction's write lock: numbers are gap-free
   * because a failed signing rolls the counter back with everything else. */
  stmt = ranah_sqlite_stmt (self, "INSERT INTO letter_counters (year, last) VALUES (?1, 1) "
                                  "ON CONFLICT (year) DO UPDATE SET last = last + 1 "
                                  "RETURNING last", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
  if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
    return FALSE;
  number = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  letter->number = ranah_letter_number_format (g_hash_table_lookup (profile,
                                                                    RANAH_PROFILE_NUMBER_TEMPLATE),
                                               g_hash_table_lookup (profile,
                                                                    RANAH_PROFILE_CLASSIFICATION),
                                               number,
                                               g_hash_table_lookup (profile,
                                                                    RANAH_PROFILE_AGENCY_SHORT),
                                               year, month, error);
  if (letter->number == NULL)
    return FALSE;
  letter->verification_code = verification_code ();
  letter->state = RANAH_LETTER_SIGNED;
  letter->signed_by = me->id;
  letter->signed_at = now;
  letter->signer = g_steal_pointer (&signer);

  /* The head of the request's audit chain before the signing event, which the move appends
   * after this: the letter cannot carry the hash of the event that records its own SHA-256,
   * so it carries the one before (letter verify checks the store still holds it). */
  stmt = ranah_sqlite_stmt (self, "SELECT seq, hash FROM chain_heads WHERE chain = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, request->id);
  if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
    return FALSE;
  if (has_row)
    {
      letter->audit_seq = sqlite3_column_int64 (stmt, 0);
      letter->audit_hash = ranah_sqlite_col_text (stmt, 1);
    }
  sqlite3_reset (stmt);

  pdf = move->render (request, letter, move->render_data, error);
  if (pdf == NULL)
    return FALSE;
  sha = ranah_sha256_hex (g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));

  stmt = ranah_sqlite_stmt (self, "UPDATE letters SET state = 'signed', number = ?2, year = ?3, "
                                  "letter_date = ?4, verification_code = ?5, pdf = ?6, "
                                  "pdf_sha256 = ?7, signed_by = ?8, signed_at = ?9, "
                                  "audit_seq = ?10, audit_hash = ?11 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, letter->id);
  ranah_sqlite_bind_text (stmt, 2, letter->number);
  sqlite3_bind_int (stmt, 3, year);
  ranah_sqlite_bind_text (stmt, 4, letter->letter_date);
  ranah_sqlite_bind_text (stmt, 5, letter->verification_code);
  sqlite3_bind_blob64 (stmt, 6, g_bytes_get_size (pdf) > 0 ? g_bytes_get_data (pdf, NULL) : "",
                       g_bytes_get_size (pdf), SQLITE_STATIC);
  ranah_sqlite_bind_text (stmt, 7, sha);
  sqlite3_bind_int64 (stmt, 8, me->id);
  sqlite3_bind_int64 (stmt, 9, now);
  sqlite3_bind_int64 (stmt, 10, letter->audit_seq);
  ranah_sqlite_bind_text (stmt, 11, letter->audit_hash);
  if (!ranah_sqlite_step_done (self, stmt, error))
    return FALSE;
  sqlite3_clear_bindings (stmt);
  return TRUE;
}

/* ---- the move --------------------------------------------------------------------------- */

static gboolean
check_idempotency (RanahSqliteStore  *self,
                   const RanahMove   *move,
                   const RanahUser   *me,
                   gboolean          *seen,
                   GError           **error)
{
  sqlite3_stmt *stmt;
  gboolean has_row;

  *seen = FALSE;
  if (move->idempotency_key == NULL || *move->idempotency_key == '\0')
    return TRUE;
  stmt = ranah_sqlite_stmt (self, "SELECT user_id, request_id, action, expected_version "
                                  "FROM idempotency_keys WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;
  ranah_sqlite_bind_text (stmt, 1, move->idempotency_key);
  if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
    return FALSE;
  if (has_row)
    {
      gboolean same = sqlite3_column_int64 (stmt, 0) == me->id
                      && sqlite3_column_int64 (stmt, 1) == move->request_id
                      && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2),
                                    ranah_action_to_string (move->action)) == 0
                      && sqlite3_column_int64 (stmt, 3) == move->expected_version;
      sqlite3_reset (stmt);
      if (!same)
        {
          g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION,
                       _("This move's idempotency key was already used for another move."));
          return FALSE;
        }
      *seen = TRUE;
      return TRUE;
    }
  sqlite3_reset (stmt);

  stmt = ranah_sqlite_stmt (self, "INSERT INTO idempotency_keys (key, user_id, request_id, action, "
                                  "expected_version, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                            error);
  if (stmt == NULL)
    return FALSE;
  ranah_sqlite_bind_text (stmt, 1, move->idempotency_key);
  sqlite3_bind_int64 (stmt, 2, me->id);
  sqlite3_bind_int64 (stmt, 3, move->request_id);
  ranah_sqlite_bind_text (stmt, 4, ranah_action_to_string (move->action));
  sqlite3_bind_int64 (stmt, 5, move->expected_version);
  sqlite3_bind_int64 (stmt, 6, ranah_store_now (RANAH_STORE (self)));
  return ranah_sqlite_step_done (self, stmt, error);
}

static gboolean
move_locked (RanahSqliteStore  *self,
             const RanahMove   *move,
             GError           **error)
{
  g_autoptr(RanahUser) me = NULL;
  g_autoptr(RanahRequest) request = NULL;
  g_autoptr(RanahCalendar) calendar = NULL;
  const RanahTransition *t;
  LastDisposition last;
  RanahFacts facts;
  RanahOutcome outcome;
  sqlite3_stmt *stmt;
  gint64 now = ranah_store_now (RANAH_STORE (self));
  gint64 assignee = 0, due_at = 0;
  gboolean seen;
  const char *note;

  if ((me = ranah_sqlite_current_user (self, error)) == NULL)
    return FALSE;
  if (move->note != NULL
      && !ranah_validate_text (move->note, _("Note"), FALSE, TRUE, 2000, error))
    return FALSE;

  if (!ranah_sqlite_begin (self, error))
    return FALSE;
  if (!check_idempotency (self, move, me, &seen, error))
    goto fail;
  if (seen)
    {
      ranah_sqlite_rollback (self);
      return TRUE;
    }

  if ((request = ranah_sqlite_load_request (self, move->request_id, error)) == NULL)
    goto fail;
  if (me->role == RANAH_ROLE_OPD && me->opd_id != request->opd_id)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION,
                   _("This request belongs to another OPD."));
      goto fail;
    }
  if (request->version != move->expected_version)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_CONFLICT,
                   _("This request was changed by someone else; reload it and try again."));
      goto fail;
    }
  if (!build_facts (self, me, request, &last, &facts, error))
    goto fail;
  if ((t = ranah_workflow_check (request->state, move->action, me->role, &facts, move->note,
                                 error)) == NULL)
    goto fail;
  /* A record counts as created only once DNS was seen to serve it (steps 5 and 6). */
  if ((move->action == RANAH_ACTION_CREATE || move->action == RANAH_ACTION_REPORT)
      && !ranah_request_check_proven (request, error))
    goto fail;
  if ((calendar = ranah_sqlite_calendar (self, error)) == NULL)
    goto fail;

  outcome = request->outcome;
  note = move->note != NULL && *move->note != '\0' ? move->note : NULL;

  switch (move->action)
    {
    case RANAH_ACTION_DISPOSE_TO_KABID:
    case RANAH_ACTION_DISPOSE_TO_SUBKOOR:
    case RANAH_ACTION_DISPOSE_TO_STAF:
      if (!write_disposition (self, move, t, me, calendar, &assignee, &due_at, error))
        goto fail;
      break;

    case RANAH_ACTION_CREATE:
      if (!mark_created (self, request, error))
        goto fail;
      outcome = RANAH_OUTCOME_APPROVED;
      assignee = request->assignee_id;
      break;

    case RANAH_ACTION_DRAFT:
      if (request->outcome != RANAH_OUTCOME_REFUSED
          && !write_registry_entry (self, request, calendar, error))
        goto fail;
      if (!write_draft_letter (self, move, request, error))
        goto fail;
      break;

    case RANAH_ACTION_SIGN:
      if (!sign_letter (self, move, request, me, calendar, error))
        goto fail;
      break;

    case RANAH_ACTION_DECLINE:
      outcome = RANAH_OUTCOME_REFUSED;
      break;

    case RANAH_ACTION_RECALL_DISPOSITION:
      stmt = ranah_sqlite_stmt (self, "UPDATE dispositions SET recalled = 1 WHERE id = ?1", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, last.id);
      if (!ranah_sqlite_step_done (self, stmt, error))
        goto fail;
      assignee = t->to == RANAH_STATE_SUBMITTED ? 0 : last.from_user_id;
      break;

    case RANAH_ACTION_REPORT:
    case RANAH_ACTION_REVIEW:
    case RANAH_ACTION_RECEIVE:
    case RANAH_ACTION_RETURN_DRAFT:
    case RANAH_ACTION_WITHDRAW:
      break;

    case RANAH_ACTION_NONE:
    case RANAH_ACTION_SUBMIT:
    case RANAH_N_ACTIONS:
    default:
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_STATE,
                   _("“%s” is not a move on a stored request."),
                   ranah_action_label (move->action));
      goto fail;
    }

  if (due_at == 0)
    {
      guint days = ranah_workflow_standard_days (t->to);
      due_at = days > 0 ? ranah_calendar_add_working_days (calendar, now, days) : 0;
    }

  stmt = ranah_sqlite_stmt (self, "UPDATE requests SET state = ?3, outcome = ?4, "
                                  "version = version + 1, state_since = ?5, due_at = ?6, "
                                  "assignee_id = ?7, note = COALESCE (?8, note) "
                                  "WHERE id = ?1 AND version = ?2", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, request->id);
  sqlite3_bind_int64 (stmt, 2, move->expected_version);
  ranah_sqlite_bind_text (stmt, 3, ranah_state_to_string (t->to));
  ranah_sqlite_bind_text (stmt, 4, ranah_outcome_to_string (outcome));
  sqlite3_bind_int64 (stmt, 5, now);
  sqlite3_bind_int64 (stmt, 6, due_at);
  if (assignee != 0)
    sqlite3_bind_int64 (stmt, 7, assignee);
  else
    sqlite3_bind_null (stmt, 7);
  ranah_sqlite_bind_text (stmt, 8, note);
  if (!ranah_sqlite_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) != 1)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_CONFLICT,
                   _("This request was changed by someone else; reload it and try again."));
      goto fail;
    }

  if (!ranah_sqlite_append_event (self, request->id, t->step,
                                  ranah_action_to_string (move->action),
                                  ranah_state_to_string (request->state),
                                  ranah_state_to_string (t->to), note, error)
      || !ranah_sqlite_commit (self, error))
    goto fail;
  return TRUE;

fail:
  ranah_sqlite_rollback (self);
  return FALSE;
}

static gboolean
move (RanahStore       *store,
      const RanahMove  *m,
      GError          **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  gboolean ok;

  SQLITE_LOCK (self);
  ok = move_locked (self, m, error);
  SQLITE_UNLOCK (self);
  return ok;
}

void
ranah_sqlite_move_class_init (RanahStoreClass *klass)
{
  klass->move = move;
  klass->record_proofs = record_proofs;
}
