/* ranah-sqlite-db.c — statements, errors, transactions and the audit append of the SQLite store
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "ranah-sqlite-private.h"

static void
finalize_stmt (gpointer data)
{
  sqlite3_finalize (data);
}

sqlite3_stmt *
ranah_sqlite_stmt (RanahSqliteStore  *self,
                   const char        *sql,
                   GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (self->statements == NULL)
    self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_stmt);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      ranah_sqlite_set_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

void
ranah_sqlite_set_error (RanahSqliteStore  *self,
                        int                rc,
                        GError           **error)
{
  int primary = rc & 0xff;

  switch (primary)
    {
    case SQLITE_FULL:
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE,
                   _("The disk that holds the store is full; nothing was saved."));
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE,
                   _("The store is read-only; nothing was saved."));
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE,
                   _("The store stayed busy with another user's work; try again."));
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_CORRUPT,
                   _("The store file is damaged or is not a Ranah store."));
      break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE,
                   _("The store file could not be read or written (%s)."),
                   sqlite3_errstr (rc));
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION,
                   _("The store refused the change: %s."),
                   self != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      break;
    default:
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_FAILED,
                   _("The store failed: %s."),
                   self != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      break;
    }
}

gboolean
ranah_sqlite_exec (RanahSqliteStore  *self,
                   const char        *sql,
                   GError           **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      ranah_sqlite_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
ranah_sqlite_begin (RanahSqliteStore  *self,
                    GError           **error)
{
  return ranah_sqlite_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
ranah_sqlite_commit (RanahSqliteStore  *self,
                     GError           **error)
{
  if (!ranah_sqlite_exec (self, "COMMIT", error))
    {
      ranah_sqlite_rollback (self);
      return FALSE;
    }
  self->local_commits++;
  return TRUE;
}

void
ranah_sqlite_rollback (RanahSqliteStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
ranah_sqlite_step_done (RanahSqliteStore  *self,
                        sqlite3_stmt      *stmt,
                        GError           **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  ranah_sqlite_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return FALSE;
}

gboolean
ranah_sqlite_step_row (RanahSqliteStore  *self,
                       sqlite3_stmt      *stmt,
                       gboolean          *has_row,
                       GError           **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      *has_row = TRUE;
      return TRUE;
    }
  *has_row = FALSE;
  if (rc == SQLITE_DONE)
    return TRUE;
  ranah_sqlite_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return FALSE;
}

void
ranah_sqlite_bind_text (sqlite3_stmt *stmt,
                        int           idx,
                        const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, idx);
  else
    sqlite3_bind_text (stmt, idx, text, -1, SQLITE_TRANSIENT);
}

char *
ranah_sqlite_col_text (sqlite3_stmt *stmt,
                       int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return g_strdup (text != NULL ? text : "");
}

char *
ranah_sqlite_col_text_or_null (sqlite3_stmt *stmt,
                               int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

gboolean
ranah_sqlite_append_event_full (RanahSqliteStore   *self,
                                gint64              user_id,
                                const char         *username,
                                gint64              request_id,
                                guint               step,
                                const char         *action,
                                const char         *from_state,
                                const char         *to_state,
                                const char         *note,
                                const char * const *subjects,
                                GError            **error)
{
  g_autoptr(RanahEvent) event = ranah_event_new ();
  sqlite3_stmt *stmt;
  gboolean has_row;

  /* The caller holds the write lock (BEGIN IMMEDIATE), so no head can move under us; seq
   * is explicit rather than a rowid so that a deleted tail shows. */
  stmt = ranah_sqlite_stmt (self, "SELECT coalesce (max (seq), 0) + 1 FROM events", error);
  if (stmt == NULL || !ranah_sqlite_step_row (self, stmt, &has_row, error))
    return FALSE;
  event->seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  /* The request's chain (0: the office's); a new chain starts from the last event of the
   * single chain of version 1, or the genesis hash. */
  event->chain = request_id;
  stmt = ranah_sqlite_stmt (self, "SELECT seq, hash FROM ("
                                  "SELECT 0 AS o, seq, hash FROM chain_heads WHERE chain = ?1 "
                                  "UNION ALL SELECT 1, 0, hash FROM chain_heads WHERE chain = -1 "
                                  "UNION ALL SELECT 2, 0, '" RANAH_AUDIT_GENESIS "') "
                                  "ORDER BY o LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event->chain);
  if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
    return FALSE;
  event->chain_seq = sqlite3_column_int64 (stmt, 0) + 1;
  event->prev_hash = ranah_sqlite_col_text (stmt, 1);
  sqlite3_reset (stmt);

  event->state = ranah_sqlite_subjects_state (self, request_id, subjects, error);
  if (event->state == NULL)
    return FALSE;
  event->at = ranah_store_now (RANAH_STORE (self));
  event->user_id = user_id;
  event->username = g_strdup (username != NULL ? username : "");
  event->request_id = request_id;
  event->step = step;
  event->action = g_strdup (action);
  event->from_state = g_strdup (from_state != NULL ? from_state : "");
  event->to_state = g_strdup (to_state != NULL ? to_state : "");
  event->note = g_strdup (note != NULL ? note : "");
  event->hash = ranah_audit_event_hash (event);

  stmt = ranah_sqlite_stmt (self,
                            "INSERT INTO events (seq, at, user_id, username, request_id, step, "
                            "action, from_state, to_state, note, prev_hash, hash, version, chain, "
                            "chain_seq, state) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 2, ?13, ?14, "
                            "?15)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event->seq);
  sqlite3_bind_int64 (stmt, 2, event->at);
  sqlite3_bind_int64 (stmt, 3, event->user_id);
  ranah_sqlite_bind_text (stmt, 4, event->username);
  sqlite3_bind_int64 (stmt, 5, event->request_id);
  sqlite3_bind_int (stmt, 6, event->step);
  ranah_sqlite_bind_text (stmt, 7, event->action);
  ranah_sqlite_bind_text (stmt, 8, event->from_state);
  ranah_sqlite_bind_text (stmt, 9, event->to_state);
  ranah_sqlite_bind_text (stmt, 10, event->note);
  ranah_sqlite_bind_text (stmt, 11, event->prev_hash);
  ranah_sqlite_bind_text (stmt, 12, event->hash);
  sqlite3_bind_int64 (stmt, 13, event->chain);
  sqlite3_bind_int64 (stmt, 14, event->chain_seq);
  ranah_sqlite_bind_text (stmt, 15, event->state);
  if (!ranah_sqlite_step_done (self, stmt, error))
    return FALSE;

  stmt = ranah_sqlite_stmt (self, "INSERT INTO chain_heads VALUES (?1, ?2, ?3) "
                                  "ON CONFLICT (chain) DO UPDATE SET seq = excluded.seq, "
                                  "hash = excluded.hash", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event->chain);
  sqlite3_bind_int64 (stmt, 2, event->chain_seq);
  ranah_sqlite_bind_text (stmt, 3, event->hash);
  return ranah_sqlite_step_done (self, stmt, error);
}

gboolean
ranah_sqlite_append_event_as (RanahSqliteStore  *self,
                              gint64             user_id,
                              const char        *username,
                              gint64             request_id,
                              guint              step,
                              const char        *action,
                              const char        *from_state,
                              const char        *to_state,
                              const char        *note,
                              GError           **error)
{
  return ranah_sqlite_append_event_full (self, user_id, username, request_id, step, action,
                                         from_state, to_state, note, NULL, error);
}

gboolean
ranah_sqlite_append_event_about (RanahSqliteStore *self,
                                 gint64            request_id,
                                 const char       *action,
                                 const char       *note,
                                 const char       *subject,
                                 GError          **error)
{
  const RanahUser *user = ranah_store_get_user (RANAH_STORE (self));
  const char *subjects[] = { subject, NULL };

  return ranah_sqlite_append_event_full (self, user != NULL ? user->id : 0,
                                         user != NULL ? user->username : "", request_id, 0,
                                         action, NULL, NULL, note, subjects, error);
}

gboolean
ranah_sqlite_append_event (RanahSqliteStore  *self,
                           gint64             request_id,
                           guint              step,
                           const char        *action,
                           const char        *from_state,
                           const char        *to_state,
                           const char        *note,
                           GError           **error)
{
  const RanahUser *user = ranah_store_get_user (RANAH_STORE (self));

  return ranah_sqlite_append_event_as (self, user != NULL ? user->id : 0,
                                       user != NULL ? user->username : "",
                                       request_id, step, action, from_state, to_state, note,
                                       error);
}
