/* ranah-sqlite-requests.c — submitting, reading and listing requests; dispositions
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Semantics both backends keep:
 *  - OPD users see and act on their own OPD's requests only (PERMISSION otherwise).
 *  - A name is held by a registry entry that is not revoked, and by a request whose state is
 *    open and whose outcome is not refused; comparisons are case-insensitive.
 *  - The agenda number is per year (the agency's calendar year), assigned in the submitting
 *    transaction from agenda_counters, so it has no gaps.
 *  - due_at is computed when a request reaches a state and stored, as a cache nothing
 *    shows or judges by: the inbox, the overdue list and every display time the open
 *    steps with the calendar as it is when asked (ranah_escalation_clock ()).
 */
#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "ranah-sqlite-private.h"

#define REQUEST_SELECT                                                                 \
  "SELECT r.id, r.version, r.state, r.outcome, r.agenda_year, r.agenda_number, r.opd_id, " \
  "o.name, r.letter_number, r.letter_date, r.received_date, r.hal, r.classification, "    \
  "r.sifat, r.name, r.fqdn, r.purpose, r.contact_name, r.contact_phone, r.contact_email, " \
  "a.sha256, a.size, r.created_by, r.assignee_id, "                                        \
  "COALESCE (NULLIF (u.full_name, ''), u.username, ''), r.state_since, r.due_at, "         \
  "r.created_at, r.note, r.received_at "                                                   \
  "FROM requests r JOIN opds o ON o.id = r.opd_id "                                        \
  "LEFT JOIN attachments a ON a.id = r.attachment_id "                                     \
  "LEFT JOIN users u ON u.id = r.assignee_id "

static void
set_str (char       **field,
         sqlite3_stmt *stmt,
         int           col)
{
  g_free (*field);
  *field = ranah_sqlite_col_text (stmt, col);
}

static RanahRequest *
request_from_row (sqlite3_stmt *stmt)
{
  RanahRequest *r = ranah_request_new ();

  r->id = sqlite3_column_int64 (stmt, 0);
  r->version = sqlite3_column_int64 (stmt, 1);
  r->state = ranah_state_from_string ((const char *) sqlite3_column_text (stmt, 2));
  r->outcome = ranah_outcome_from_string ((const char *) sqlite3_column_text (stmt, 3));
  r->agenda_year = sqlite3_column_int (stmt, 4);
  r->agenda_number = sqlite3_column_int (stmt, 5);
  r->opd_id = sqlite3_column_int64 (stmt, 6);
  set_str (&r->opd_name, stmt, 7);
  set_str (&r->letter_number, stmt, 8);
  set_str (&r->letter_date, stmt, 9);
  set_str (&r->received_date, stmt, 10);
  set_str (&r->hal, stmt, 11);
  set_str (&r->classification, stmt, 12);
  set_str (&r->sifat, stmt, 13);
  set_str (&r->name, stmt, 14);
  set_str (&r->fqdn, stmt, 15);
  set_str (&r->purpose, stmt, 16);
  set_str (&r->contact_name, stmt, 17);
  set_str (&r->contact_phone, stmt, 18);
  set_str (&r->contact_email, stmt, 19);
  r->attachment_sha256 = ranah_sqlite_col_text_or_null (stmt, 20);
  r->attachment_size = sqlite3_column_int64 (stmt, 21);
  r->created_by = sqlite3_column_int64 (stmt, 22);
  r->assignee_id = sqlite3_column_int64 (stmt, 23);
  set_str (&r->assignee_name, stmt, 24);
  r->state_since = sqlite3_column_int64 (stmt, 25);
  r->due_at = sqlite3_column_int64 (stmt, 26);
  r->created_at = sqlite3_column_int64 (stmt, 27);
  set_str (&r->note, stmt, 28);
  r->received_at = sqlite3_column_int64 (stmt, 29);
  return r;
}

/* The record in the columns id, type, host, target, ttl, priority, internal, created,
 * verified and RECORD_PROOF_COLUMNS of @stmt's row, starting at column @first. */
static RanahRecord *
record_from_row (sqlite3_stmt *stmt,
                 int           first)
{
  RanahRecordType type = RANAH_RECORD_A;
  RanahRecord *record;

  ranah_record_type_from_string ((const char *) sqlite3_column_text (stmt, first + 1), &type);
  record = ranah_record_new (type, (const char *) sqlite3_column_text (stmt, first + 2),
                             (const char *) sqlite3_column_text (stmt, first + 3));
  record->id = sqlite3_column_int64 (stmt, first);
  record->ttl = sqlite3_column_int (stmt, first + 4);
  record->priority = sqlite3_column_int (stmt, first + 5);
  record->internal = sqlite3_column_int (stmt, first + 6) != 0;
  record->created = sqlite3_column_int (stmt, first + 7) != 0;
  record->verified = ranah_sqlite_col_text_or_null (stmt, first + 8);
  record->proof_server = ranah_sqlite_col_text_or_null (stmt, first + 9);
  record->proof_serial = sqlite3_column_int64 (stmt, first + 10);
  record->proof_answer = ranah_sqlite_col_text_or_null (stmt, first + 11);
  record->proof_at = sqlite3_column_int64 (stmt, first + 12);
  return record;
}

GPtrArray *
ranah_sqlite_load_records (RanahSqliteStore  *self,
                           const char        *table,
                           gint64             owner_id,
                           GError           **error)
{
  g_autoptr(GPtrArray) records = ranah_records_new ();
  sqlite3_stmt *stmt;
  gboolean has_row;

  stmt = ranah_sqlite_stmt (self, g_str_equal (table, "records")
                            ? "SELECT id, type, host, target, ttl, priority, internal, created, "
                              "verified, " RECORD_PROOF_COLUMNS " FROM records "
                              "WHERE request_id = ?1 ORDER BY id"
                            : "SELECT id, type, host, target, ttl, priority, internal, created, "
                              "verified, " RECORD_PROOF_COLUMNS " FROM entry_records "
                              "WHERE entry_id = ?1 ORDER BY id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, owner_id);
  for (;;)
    {
      if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (records, record_from_row (stmt, 0));
    }
  return g_steal_pointer (&records);
}

gboolean
ranah_sqlite_insert_records (RanahSqliteStore  *self,
                             const char        *table,
                             gint64             owner_id,
                             GPtrArray         *records,
                             GError           **error)
{
  sqlite3_stmt *stmt;

  stmt = ranah_sqlite_stmt (self, g_str_equal (table, "records")
                            ? "INSERT INTO records (request_id, type, host, target, ttl, "
                              "priority, internal, created, verified) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                            : "INSERT INTO entry_records (entry_id, type, host, target, ttl, "
                              "priority, internal, created, verified) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      const RanahRecord *record = g_ptr_array_index (records, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, owner_id);
      ranah_sqlite_bind_text (stmt, 2, ranah_record_type_to_string (record->type));
      ranah_sqlite_bind_text (stmt, 3, record->host != NULL ? record->host : "");
      ranah_sqlite_bind_text (stmt, 4, record->target != NULL ? record->target : "");
      sqlite3_bind_int (stmt, 5, record->ttl);
      sqlite3_bind_int (stmt, 6, record->priority);
      sqlite3_bind_int (stmt, 7, record->internal ? 1 : 0);
      sqlite3_bind_int (stmt, 8, record->created ? 1 : 0);
      ranah_sqlite_bind_text (stmt, 9, record->verified);
      if (!ranah_sqlite_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

RanahRequest *
ranah_sqlite_load_request (RanahSqliteStore  *self,
                           gint64             id,
                           GError           **error)
{
  g_autoptr(RanahRequest) request = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;

  stmt = ranah_sqlite_stmt (self, REQUEST_SELECT "WHERE r.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND,
                   _("There is no request with id %" PRId64 "."), id);
      return NULL;
    }
  request = request_from_row (stmt);
  sqlite3_reset (stmt);
  g_clear_pointer (&request->records, g_ptr_array_unref);
  request->records = ranah_sqlite_load_records (self, "records", id, error);
  if (request->records == NULL)
    return NULL;
  return g_steal_pointer (&request);
}

static gboolean
may_see (const RanahUser     *me,
         const RanahRequest  *request,
         GError             **error)
{
  if (me->role == RANAH_ROLE_OPD && me->opd_id != request->opd_id)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION,
                   _("This request belongs to another OPD."));
      return FALSE;
    }
  return TRUE;
}

/* Fills the records of every request in @list with one pass over the records table: for a
 * long list (an inbox of thousands) one scan is far cheaper than a query per request. */
static gboolean
load_records_of_many (RanahSqliteStore  *self,
                      GPtrArray         *list,
                      GError           **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  gboolean has_row;

  for (guint i = 0; i < list->len; i++)
    {
      RanahRequest *request = g_ptr_array_index (list, i);
      g_hash_table_insert (by_id, &request->id, request);
    }
  stmt = ranah_sqlite_stmt (self, "SELECT request_id, id, type, host, target, ttl, priority, "
                                  "internal, created, verified, " RECORD_PROOF_COLUMNS " "
                                  "FROM records ORDER BY request_id, id", error);
  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      gint64 request_id;
      RanahRequest *request;

      if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      request_id = sqlite3_column_int64 (stmt, 0);
      if ((request = g_hash_table_lookup (by_id, &request_id)) != NULL)
        g_ptr_array_add (request->records, record_from_row (stmt, 1));
    }
  return TRUE;
}

/* Above this many requests, their records come from one scan rather than a query each. */
#define MANY_REQUESTS 64

/* Runs @stmt (already bound) and collects each row's request with its records. */
static GPtrArray *
collect_requests (RanahSqliteStore  *self,
                  sqlite3_stmt      *stmt,
                  GError           **error)
{
  g_autoptr(GPtrArray) list =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_request_free);
  gboolean has_row;

  for (;;)
    {
      if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (list, request_from_row (stmt));
    }
  if (list->len > MANY_REQUESTS)
    return load_records_of_many (self, list, error) ? g_steal_pointer (&list) : NULL;
  for (guint i = 0; i < list->len; i++)
    {
      RanahRequest *request = g_ptr_array_index (list, i);

      g_ptr_array_unref (request->records);
      request->records = ranah_sqlite_load_records (self, "records", request->id, error);
      if (request->records == NULL)
        return NULL;
    }
  return g_steal_pointer (&list);
}

gboolean
ranah_sqlite_check_name_free_locked (RanahSqliteStore  *self,
                                     const char        *name,
                                     gint64             except_request_id,
                                     GError           **error)
{
  sqlite3_stmt *stmt;
  gboolean has_row;
  g_autofree char *lower = g_utf8_strdown (name, -1);

  stmt = ranah_sqlite_stmt (self, "SELECT o.name FROM entries e JOIN opds o ON o.id = e.opd_id "
                                  "WHERE lower (e.name) = ?1 AND e.status <> 'revoked' "
                                  "AND (e.request_id IS NULL OR e.request_id <> ?2) LIMIT 1",
                            error);
  if (stmt == NULL)
    return FALSE;
  ranah_sqlite_bind_text (stmt, 1, lower);
  sqlite3_bind_int64 (stmt, 2, except_request_id);
  if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
    return FALSE;
  if (has_row)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION,
                   _("The name “%s” is already registered to %s."), lower,
                   (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      return FALSE;
    }

  stmt = ranah_sqlite_stmt (self, "SELECT r.agenda_year, r.agenda_number, o.name "
                                  "FROM requests r JOIN opds o ON o.id = r.opd_id "
                                  "WHERE lower (r.name) = ?1 AND r.id <> ?2 "
                                  "AND r.state NOT IN ('done', 'withdrawn') "
                                  "AND r.outcome <> 'refused' LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  ranah_sqlite_bind_text (stmt, 1, lower);
  sqlite3_bind_int64 (stmt, 2, except_request_id);
  if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
    return FALSE;
  if (has_row)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION,
                   _("The name “%s” is already held by request %d/%04d of %s."), lower,
                   sqlite3_column_int (stmt, 0), sqlite3_column_int (stmt, 1),
                   (const char *) sqlite3_column_text (stmt, 2));
      sqlite3_reset (stmt);
      return FALSE;
    }
  return TRUE;
}

/* ---- submit ----------------------------------------------------------------------------- */

static gint64
submit_locked (RanahSqliteStore  *self,
               RanahRequest      *request,
               GBytes            *letter_pdf,
               GError           **error)
{
  g_autoptr(RanahUser) me = NULL;
  g_autoptr(GHashTable) profile = NULL;
  g_autoptr(RanahCalendar) calendar = NULL;
  g_auto(GStrv) reserved = NULL;
  g_autofree char *today = NULL;
  RanahFacts facts = { 0 };
  sqlite3_stmt *stmt;
  gboolean has_row;
  gint64 now = ranah_store_now (RANAH_STORE (self));
  gint64 id, attachment_id = 0, due_at = 0;
  guint year, number, days;

  if ((me = ranah_sqlite_current_user (self, error)) == NULL)
    return 0;
  if (me->role == RANAH_ROLE_OPD && request->opd_id == 0)
    request->opd_id = me->opd_id;

  facts.user_id = me->id;
  facts.user_opd_id = me->role == RANAH_ROLE_OPD ? me->opd_id : 0;
  facts.request_opd_id = request->opd_id;
  facts.n_records = request->records != NULL ? request->records->len : 0;
  facts.has_request_letter = letter_pdf != NULL;
  if (ranah_workflow_check (RANAH_STATE_NONE, RANAH_ACTION_SUBMIT, me->role, &facts, NULL,
                            error) == NULL)
    return 0;
  if (request->opd_id == 0)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("Choose the OPD that sent the letter."));
      return 0;
    }
  if (letter_pdf != NULL && !ranah_sqlite_check_pdf (letter_pdf, error))
    return 0;

  if (!ranah_sqlite_begin (self, error))
    return 0;

  stmt = ranah_sqlite_stmt (self, "SELECT active FROM opds WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, request->opd_id);
  if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
    goto fail;
  if (!has_row || sqlite3_column_int (stmt, 0) == 0)
    {
      sqlite3_reset (stmt);
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("The OPD of the request does not exist or is no longer active."));
      goto fail;
    }
  sqlite3_reset (stmt);

  if ((profile = ranah_sqlite_profile_raw (self, error)) == NULL
      || (reserved = ranah_sqlite_reserved_raw (self, error)) == NULL
      || (calendar = ranah_sqlite_calendar (self, error)) == NULL)
    goto fail;
  today = ranah_calendar_date_of (calendar, now);
  if (request->received_date == NULL || *request->received_date == '\0')
    {
      g_free (request->received_date);
      request->received_date = g_strdup (today);
    }
  if (!ranah_validate_request (request, g_hash_table_lookup (profile, RANAH_PROFILE_PARENT_DOMAIN),
                               (const char * const *) reserved, error))
    goto fail;
  if (!ranah_sqlite_check_name_free_locked (self, request->name, 0, error))
    goto fail;

  year = (guint) g_ascii_strtoull (today, NULL, 10);
  stmt = ranah_sqlite_stmt (self, "INSERT INTO agenda_counters (year, last) VALUES (?1, 1) "
                                  "ON CONFLICT (year) DO UPDATE SET last = last + 1 "
                                  "RETURNING last", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int (stmt, 1, year);
  if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
    goto fail;
  number = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  if (letter_pdf != NULL
      && (attachment_id = ranah_sqlite_store_attachment (self, letter_pdf, error)) == 0)
    goto fail;

  days = ranah_workflow_standard_days (RANAH_STATE_SUBMITTED);
  if (days > 0)
    due_at = ranah_calendar_add_working_days (calendar, now, days);

  stmt = ranah_sqlite_stmt (self, "INSERT INTO requests (version, state, outcome, agenda_year, "
                                  "agenda_number, opd_id, letter_number, letter_date, "
                                  "received_date, hal, classification, sifat, name, fqdn, purpose, "
                                  "contact_name, contact_phone, contact_email, attachment_id, "
                                  "created_by, assignee_id, state_since, due_at, created_at, note, "
                                  "received_at) "
                                  "VALUES (1, 'submitted', 'pending', ?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                                  "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, NULL, ?18, ?19, "
                                  "?18, '', ?20)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int (stmt, 2, number);
  sqlite3_bind_int64 (stmt, 3, request->opd_id);
  ranah_sqlite_bind_text (stmt, 4, request->letter_number ? request->letter_number : "");
  ranah_sqlite_bind_text (stmt, 5, request->letter_date ? request->letter_date : "");
  ranah_sqlite_bind_text (stmt, 6, request->received_date);
  ranah_sqlite_bind_text (stmt, 7, request->hal ? request->hal : "");
  ranah_sqlite_bind_text (stmt, 8, request->classification ? request->classification : "");
  ranah_sqlite_bind_text (stmt, 9, request->sifat ? request->sifat : "");
  ranah_sqlite_bind_text (stmt, 10, request->name);
  ranah_sqlite_bind_text (stmt, 11, request->fqdn);
  ranah_sqlite_bind_text (stmt, 12, request->purpose ? request->purpose : "");
  ranah_sqlite_bind_text (stmt, 13, request->contact_name ? request->contact_name : "");
  ranah_sqlite_bind_text (stmt, 14, request->contact_phone ? request->contact_phone : "");
  ranah_sqlite_bind_text (stmt, 15, request->contact_email ? request->contact_email : "");
  if (attachment_id != 0)
    sqlite3_bind_int64 (stmt, 16, attachment_id);
  else
    sqlite3_bind_null (stmt, 16);
  sqlite3_bind_int64 (stmt, 17, me->id);
  sqlite3_bind_int64 (stmt, 18, now);
  sqlite3_bind_int64 (stmt, 19, due_at);
  sqlite3_bind_int64 (stmt, 20, request->received_at);
  if (!ranah_sqlite_step_done (self, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (self->db);

  if (!ranah_sqlite_insert_records (self, "records", id, request->records, error)
      || !ranah_sqlite_append_event (self, id, 1, ranah_action_to_string (RANAH_ACTION_SUBMIT),
                                     ranah_state_to_string (RANAH_STATE_NONE),
                                     ranah_state_to_string (RANAH_STATE_SUBMITTED), NULL, error)
      || !ranah_sqlite_commit (self, error))
    goto fail;

  request->id = id;
  request->version = 1;
  request->state = RANAH_STATE_SUBMITTED;
  request->outcome = RANAH_OUTCOME_PENDING;
  request->agenda_year = year;
  request->agenda_number = number;
  request->created_by = me->id;
  request->assignee_id = 0;
  request->state_since = now;
  request->created_at = now;
  request->due_at = due_at;
  if (letter_pdf != NULL)
    {
      g_free (request->attachment_sha256);
      request->attachment_sha256 = ranah_sha256_hex (g_bytes_get_data (letter_pdf, NULL),
                                                     g_bytes_get_size (letter_pdf));
      request->attachment_size = g_bytes_get_size (letter_pdf);
    }
  return id;

fail:
  ranah_sqlite_rollback (self);
  return 0;
}

static gint64
submit_request (RanahStore    *store,
                RanahRequest  *request,
                GBytes        *letter_pdf,
                GError       **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  gint64 id;

  SQLITE_LOCK (self);
  id = submit_locked (self, request, letter_pdf, error);
  SQLITE_UNLOCK (self);
  return id;
}

static gboolean
attach_locked (RanahSqliteStore  *self,
               gint64             request_id,
               gint64             expected_version,
               GBytes            *pdf,
               GError           **error)
{
  g_autoptr(RanahUser) me = NULL;
  g_autoptr(RanahRequest) request = NULL;
  const RanahTransition *submit = ranah_workflow_find (RANAH_STATE_NONE, RANAH_ACTION_SUBMIT);
  sqlite3_stmt *stmt;
  gint64 attachment_id;

  if ((me = ranah_sqlite_current_user (self, error)) == NULL)
    return FALSE;
  if (!ranah_sqlite_check_pdf (pdf, error))
    return FALSE;
  if (!ranah_sqlite_begin (self, error))
    return FALSE;
  if ((request = ranah_sqlite_load_request (self, request_id, error)) == NULL
      || !may_see (me, request, error))
    goto fail;
  if ((submit->roles & RANAH_ROLE_BIT (me->role)) == 0)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION,
                   _("The role %s may not attach the request letter."),
                   ranah_role_title (me->role));
      goto fail;
    }
  if (request->version != expected_version)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_CONFLICT,
                   _("This request was changed by someone else; reload it and try again."));
      goto fail;
    }
  if (request->state != RANAH_STATE_SUBMITTED)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_STATE,
                   _("The request letter can only be attached before Kepala Dinas disposes "
                     "the request."));
      goto fail;
    }
  if ((attachment_id = ranah_sqlite_store_attachment (self, pdf, error)) == 0)
    goto fail;
  stmt = ranah_sqlite_stmt (self, "UPDATE requests SET attachment_id = ?2, version = version + 1 "
                                  "WHERE id = ?1 AND version = ?3", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, request_id);
  sqlite3_bind_int64 (stmt, 2, attachment_id);
  sqlite3_bind_int64 (stmt, 3, expected_version);
  if (!ranah_sqlite_step_done (self, stmt, error)
      || !ranah_sqlite_append_event (self, request_id, 1, "attach-letter", "submitted",
                                     "submitted", NULL, error)
      || !ranah_sqlite_commit (self, error))
    goto fail;
  return TRUE;

fail:
  ranah_sqlite_rollback (self);
  return FALSE;
}

static gboolean
attach_letter (RanahStore  *store,
               gint64       request_id,
               gint64       expected_version,
               GBytes      *pdf,
               GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  gboolean ok;

  SQLITE_LOCK (self);
  ok = attach_locked (self, request_id, expected_version, pdf, error);
  SQLITE_UNLOCK (self);
  return ok;
}

/* ---- reading ---------------------------------------------------------------------------- */

static RanahRequest *
get_request (RanahStore  *store,
             gint64       id,
             GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  g_autoptr(RanahUser) me = NULL;
  g_autoptr(RanahRequest) request = NULL;

  SQLITE_LOCK (self);
  if ((me = ranah_sqlite_current_user (self, error)) != NULL)
    {
      request = ranah_sqlite_load_request (self, id, error);
      if (request != NULL && !may_see (me, request, error))
        g_clear_pointer (&request, ranah_request_free);
    }
  SQLITE_UNLOCK (self);
  return g_steal_pointer (&request);
}

static GBytes *
get_request_letter (RanahStore  *store,
                    gint64       request_id,
                    GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  g_autoptr(RanahUser) me = NULL;
  g_autoptr(RanahRequest) request = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;
  GBytes *bytes = NULL;

  SQLITE_LOCK (self);
  if ((me = ranah_sqlite_current_user (self, error)) == NULL
      || (request = ranah_sqlite_load_request (self, request_id, error)) == NULL
      || !may_see (me, request, error))
    goto out;
  stmt = ranah_sqlite_stmt (self, "SELECT a.data FROM requests r JOIN attachments a "
                                  "ON a.id = r.attachment_id WHERE r.id = ?1", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, request_id);
  if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
    goto out;
  if (!has_row)
    g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND,
                 _("No scanned request letter is on file for this request."));
  else
    bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);
out:
  SQLITE_UNLOCK (self);
  return bytes;
}

static GPtrArray *
list_requests (RanahStore                *store,
               const RanahRequestFilter  *filter,
               GError                   **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  g_autoptr(RanahUser) me = NULL;
  g_autoptr(GString) sql = g_string_new (REQUEST_SELECT "WHERE 1 ");
  sqlite3_stmt *stmt;
  GPtrArray *list = NULL;

  /* Each filter binds a fixed parameter number, so the text of the query (and its cached
   * statement) depends only on which filters are set. */
  if (filter->state != RANAH_STATE_NONE)
    g_string_append (sql, "AND r.state = ?1 ");
  if (filter->open_only)
    g_string_append (sql, "AND r.state NOT IN ('done', 'withdrawn') ");
  if (filter->opd_id != 0)
    g_string_append (sql, "AND r.opd_id = ?2 ");
  if (filter->received_from != NULL)
    g_string_append (sql, "AND r.received_date >= ?3 ");
  if (filter->received_to != NULL)
    g_string_append (sql, "AND r.received_date <= ?4 ");
  if (filter->text != NULL && *filter->text != '\0')
    g_string_append (sql, "AND (instr (lower (r.name), lower (?5)) > 0 "
                          "OR instr (lower (r.fqdn), lower (?5)) > 0 "
                          "OR instr (lower (r.hal), lower (?5)) > 0 "
                          "OR instr (lower (r.letter_number), lower (?5)) > 0 "
                          "OR instr (lower (o.name), lower (?5)) > 0 "
                          "OR instr (lower (o.code), lower (?5)) > 0 "
                          "OR EXISTS (SELECT 1 FROM letters l WHERE l.request_id = r.id "
                          "AND instr (lower (l.number), lower (?5)) > 0)) ");
  g_string_append (sql, "AND (?6 = 0 OR r.opd_id = ?6) ORDER BY r.id DESC ");
  if (filter->limit > 0)
    g_string_append (sql, "LIMIT ?7 OFFSET ?8");

  SQLITE_LOCK (self);
  if ((me = ranah_sqlite_current_user (self, error)) == NULL)
    goto out;
  stmt = ranah_sqlite_stmt (self, sql->str, error);
  if (stmt == NULL)
    goto out;
  if (filter->state != RANAH_STATE_NONE)
    ranah_sqlite_bind_text (stmt, 1, ranah_state_to_string (filter->state));
  if (filter->opd_id != 0)
    sqlite3_bind_int64 (stmt, 2, filter->opd_id);
  if (filter->received_from != NULL)
    ranah_sqlite_bind_text (stmt, 3, filter->received_from);
  if (filter->received_to != NULL)
    ranah_sqlite_bind_text (stmt, 4, filter->received_to);
  if (filter->text != NULL && *filter->text != '\0')
    ranah_sqlite_bind_text (stmt, 5, filter->text);
  sqlite3_bind_int64 (stmt, 6, me->role == RANAH_ROLE_OPD ? me->opd_id : 0);
  if (filter->limit > 0)
    {
      sqlite3_bind_int64 (stmt, 7, filter->limit);
      sqlite3_bind_int64 (stmt, 8, filter->offset);
    }
  list = collect_requests (self, stmt, error);
out:
  SQLITE_UNLOCK (self);
  return list;
}

/* "'a', 'b'" of the open states whose pending step @role performs. */
static char *
holder_states (RanahRole role)
{
  g_autoptr(GString) states = g_string_new (NULL);

  for (RanahState s = RANAH_STATE_SUBMITTED; s < RANAH_N_STATES; s++)
    if (ranah_workflow_holders (s) & RANAH_ROLE_BIT (role))
      g_string_append_printf (states, "%s'%s'", states->len > 0 ? ", " : "",
                              ranah_state_to_string (s));
  return g_string_free (g_steal_pointer (&states), FALSE);
}

static GPtrArray *
inbox (RanahStore  *store,
       guint        limit,
       guint       *n_total,
       GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  g_autoptr(RanahUser) me = NULL;
  g_autofree char *states = NULL;
  g_autofree char *where = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  GPtrArray *list = NULL;

  SQLITE_LOCK (self);
  if ((me = ranah_sqlite_current_user (self, error)) == NULL)
    goto out;
  states = holder_states (me->role);
  if (*states == '\0')
    {
      list = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_request_free);
      if (n_total != NULL)
        *n_total = 0;
      goto out;
    }
  /* What waits for me: a state whose next step my role performs, disposed to me or to
   * nobody in particular, of my OPD if I am an OPD user. Oldest first by the start of the
   * clock (a letter waiting for its first disposition: when it arrived); ranah-store.c
   * puts the overdue first by the calendar, which for one holder's steps, all of one
   * standard, is this order. */
  where = g_strdup_printf ("WHERE r.state IN (%s) "
                           "AND (r.assignee_id IS NULL OR r.assignee_id = ?1) "
                           "AND (?2 = 0 OR r.opd_id = ?2) ", states);
  if (n_total != NULL)
    {
      g_autofree char *count = g_strconcat ("SELECT count(*) FROM requests r ", where, NULL);
      gboolean has_row;

      if ((stmt = ranah_sqlite_stmt (self, count, error)) == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, me->id);
      sqlite3_bind_int64 (stmt, 2, me->role == RANAH_ROLE_OPD ? me->opd_id : 0);
      if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
        goto out;
      *n_total = has_row ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
      sqlite3_reset (stmt);
    }
  sql = g_strconcat (REQUEST_SELECT, where,
                     "ORDER BY CASE WHEN r.state = 'submitted' AND r.state_since = r.created_at "
                     "AND r.received_at > 0 THEN MIN (r.received_at, r.state_since) "
                     "ELSE r.state_since END, r.id ",
                     limit > 0 ? "LIMIT ?3" : "", NULL);
  stmt = ranah_sqlite_stmt (self, sql, error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, me->id);
  sqlite3_bind_int64 (stmt, 2, me->role == RANAH_ROLE_OPD ? me->opd_id : 0);
  if (limit > 0)
    sqlite3_bind_int64 (stmt, 3, limit);
  list = collect_requests (self, stmt, error);
out:
  SQLITE_UNLOCK (self);
  return list;
}

static gboolean
check_name_free (RanahStore  *store,
                 const char  *name,
                 gint64       except_request_id,
                 GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  gboolean ok;

  SQLITE_LOCK (self);
  ok = ranah_sqlite_check_name_free_locked (self, name, except_request_id, error);
  SQLITE_UNLOCK (self);
  return ok;
}

/* ---- dispositions ----------------------------------------------------------------------- */

static GPtrArray *
list_dispositions (RanahStore  *store,
                   gint64       request_id,
                   GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  g_autoptr(RanahUser) me = NULL;
  g_autoptr(RanahRequest) request = NULL;
  g_autoptr(GPtrArray) list =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_disposition_free);
  sqlite3_stmt *stmt;
  gboolean has_row;
  GPtrArray *result = NULL;

  SQLITE_LOCK (self);
  if ((me = ranah_sqlite_current_user (self, error)) == NULL
      || (request = ranah_sqlite_load_request (self, request_id, error)) == NULL
      || !may_see (me, request, error))
    goto out;
  stmt = ranah_sqlite_stmt (self, "SELECT d.id, d.step, d.from_user_id, "
                                  "COALESCE (NULLIF (f.full_name, ''), f.username), f.role, "
                                  "d.to_user_id, COALESCE (NULLIF (t.full_name, ''), t.username), "
                                  "t.role, d.instructions, d.note, d.urgency, d.due_at, "
                                  "d.created_at, d.read_at, d.recalled "
                                  "FROM dispositions d JOIN users f ON f.id = d.from_user_id "
                                  "JOIN users t ON t.id = d.to_user_id "
                                  "WHERE d.request_id = ?1 ORDER BY d.id", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, request_id);
  for (;;)
    {
      RanahDisposition *d;
      const char *instructions;

      if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
        goto out;
      if (!has_row)
        break;
      d = ranah_disposition_new ();
      d->id = sqlite3_column_int64 (stmt, 0);
      d->request_id = request_id;
      d->step = sqlite3_column_int (stmt, 1);
      d->from_user_id = sqlite3_column_int64 (stmt, 2);
      set_str (&d->from_name, stmt, 3);
      d->from_role = ranah_role_from_string ((const char *) sqlite3_column_text (stmt, 4));
      d->to_user_id = sqlite3_column_int64 (stmt, 5);
      set_str (&d->to_name, stmt, 6);
      d->to_role = ranah_role_from_string ((const char *) sqlite3_column_text (stmt, 7));
      instructions = (const char *) sqlite3_column_text (stmt, 8);
      g_strfreev (d->instructions);
      d->instructions = instructions != NULL && *instructions != '\0'
                        ? g_strsplit (instructions, "\n", -1) : g_new0 (char *, 1);
      set_str (&d->note, stmt, 9);
      d->urgency = ranah_urgency_from_string ((const char *) sqlite3_column_text (stmt, 10), NULL);
      d->due_at = sqlite3_column_int64 (stmt, 11);
      d->created_at = sqlite3_column_int64 (stmt, 12);
      d->read_at = sqlite3_column_int64 (stmt, 13);
      d->recalled = sqlite3_column_int (stmt, 14) != 0;
      g_ptr_array_add (list, d);
    }
  result = g_steal_pointer (&list);
out:
  SQLITE_UNLOCK (self);
  return result;
}

static gboolean
mark_read_locked (RanahSqliteStore  *self,
                  gint64             disposition_id,
                  GError           **error)
{
  g_autoptr(RanahUser) me = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;
  gint64 request_id, to_user_id, read_at;
  guint step;
  g_autofree char *state = NULL;

  if ((me = ranah_sqlite_current_user (self, error)) == NULL)
    return FALSE;
  if (!ranah_sqlite_begin (self, error))
    return FALSE;
  stmt = ranah_sqlite_stmt (self, "SELECT d.request_id, d.to_user_id, d.read_at, d.step, r.state "
                                  "FROM dispositions d JOIN requests r ON r.id = d.request_id "
                                  "WHERE d.id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, disposition_id);
  if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
    goto fail;
  if (!has_row)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND,
                   _("There is no disposition with id %" PRId64 "."), disposition_id);
      goto fail;
    }
  request_id = sqlite3_column_int64 (stmt, 0);
  to_user_id = sqlite3_column_int64 (stmt, 1);
  read_at = sqlite3_column_int64 (stmt, 2);
  step = sqlite3_column_int (stmt, 3);
  state = ranah_sqlite_col_text (stmt, 4);
  sqlite3_reset (stmt);

  if (to_user_id != me->id)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION,
                   _("Only the addressee can mark a disposition as read."));
      goto fail;
    }
  if (read_at != 0)
    {
      ranah_sqlite_rollback (self);
      return TRUE;
    }
  stmt = ranah_sqlite_stmt (self, "UPDATE dispositions SET read_at = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, disposition_id);
  sqlite3_bind_int64 (stmt, 2, ranah_store_now (RANAH_STORE (self)));
  if (!ranah_sqlite_step_done (self, stmt, error)
      || !ranah_sqlite_append_event (self, request_id, step, "read-disposition", state, state,
                                     NULL, error)
      || !ranah_sqlite_commit (self, error))
    goto fail;
  return TRUE;

fail:
  ranah_sqlite_rollback (self);
  return FALSE;
}

static gboolean
mark_read (RanahStore  *store,
           gint64       disposition_id,
           GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  gboolean ok;

  SQLITE_LOCK (self);
  ok = mark_read_locked (self, disposition_id, error);
  SQLITE_UNLOCK (self);
  return ok;
}

/* ---- benchmarks ------------------------------------------------------------------------- */

gboolean
ranah_sqlite_seed_requests (RanahSqliteStore  *self,
                            guint              n,
                            gint64             opd_id,
                            gint64             now,
                            GError           **error)
{
  /* Like an office after some years: nearly everything done, a few in progress. */
  static const char *const open_states[] = {
    "submitted", "at_kabid", "at_subkoor", "at_staf", "created", "drafting", "drafted",
    "reviewed", "sent",
  };
  sqlite3_stmt *stmt = NULL;
  gboolean has_row;
  gint64 user_id, base = 0;
  gboolean ok = FALSE;

  SQLITE_LOCK (self);
  if (!ranah_sqlite_begin (self, error))
    goto out;
  stmt = ranah_sqlite_stmt (self, "SELECT min (id) FROM users", error);
  if (stmt == NULL || !ranah_sqlite_step_row (self, stmt, &has_row, error))
    goto fail;
  user_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  stmt = ranah_sqlite_stmt (self, "SELECT COALESCE (max (agenda_number), 0) FROM requests "
                                  "WHERE agenda_year = 1999", error);
  if (stmt == NULL || !ranah_sqlite_step_row (self, stmt, &has_row, error))
    goto fail;
  base = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  stmt = ranah_sqlite_stmt (self, "INSERT INTO requests (state, outcome, agenda_year, "
                                  "agenda_number, opd_id, name, fqdn, created_by, state_since, "
                                  "due_at, created_at) VALUES (?1, 'pending', 1999, ?2, ?3, ?4, "
                                  "?4 || '.example.go.id', ?5, ?6, ?7, ?6)", error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < n; i++)
    {
      gboolean open = i % 100 >= 97;
      const char *state = open ? open_states[(i / 100) % G_N_ELEMENTS (open_states)]
                               : i % 100 == 0 ? "withdrawn" : "done";
      g_autofree char *name = g_strdup_printf ("seed%u", (guint) (base + i + 1));
      gint64 since = now - (gint64) (i % 1000) * 3600;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, state, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, base + i + 1);
      sqlite3_bind_int64 (stmt, 3, opd_id);
      ranah_sqlite_bind_text (stmt, 4, name);
      sqlite3_bind_int64 (stmt, 5, user_id);
      sqlite3_bind_int64 (stmt, 6, since);
      sqlite3_bind_int64 (stmt, 7, open ? since + 86400 : 0);
      if (!ranah_sqlite_step_done (self, stmt, error))
        goto fail;
    }
  ok = ranah_sqlite_commit (self, error);
  goto out;

fail:
  ranah_sqlite_rollback (self);
out:
  SQLITE_UNLOCK (self);
  return ok;
}

void
ranah_sqlite_requests_class_init (RanahStoreClass *klass)
{
  klass->submit_request = submit_request;
  klass->attach_letter = attach_letter;
  klass->get_request = get_request;
  klass->get_request_letter = get_request_letter;
  klass->list_requests = list_requests;
  klass->inbox = inbox;
  klass->check_name_free = check_name_free;
  klass->list_dispositions = list_dispositions;
  klass->mark_read = mark_read;
}
