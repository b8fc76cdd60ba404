/* ranah-sqlite-audit.c — the SQLite store's side of the audit trail's state
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lines of ranah-audit-state.h, written by SQL so that they are byte for byte the
 * lines ranah.request_state () and its siblings write on PostgreSQL (an office moved up
 * from SQLite keeps its events verbatim, and its trail must still verify there).
 */
#include <glib/gi18n-lib.h>

#include "ranah-sqlite-private.h"

/* A text column as a field: \, tab and line break escaped; NULL is empty. */
#define F(col) "replace (replace (replace (ifnull (" col ", ''), '\\', '\\\\'), char (9), '\\t'), " \
               "char (10), '\\n')"
#define T " || char (9) || "
/* A record's proof: empty fields while it has none. */
#define PROOF_FIELDS F ("x.proof_server") T "ifnull (x.proof_serial, '')" T F ("x.proof_answer") T \
                     "ifnull (x.proof_at, '')"

static const char request_sql[] =
  "SELECT 'request ' || r.id" T "r.state" T "r.outcome" T "ifnull (r.assignee_id, 0)" T
  "r.version" T "r.opd_id" T F ("r.name") T F ("r.fqdn") T "r.agenda_year" T "r.agenda_number" T
  "ifnull ((SELECT a.sha256 FROM attachments a WHERE a.id = r.attachment_id), '') "
  "FROM requests r WHERE r.id = ?1";
static const char records_sql[] =
  "SELECT 'record ' || x.id" T "x.request_id" T "x.type" T F ("x.host") T F ("x.target") T
  "x.ttl" T "x.priority" T "x.internal" T "x.created" T F ("x.verified") T PROOF_FIELDS " "
  "FROM records x WHERE x.request_id = ?1 ORDER BY x.id";
static const char dispositions_sql[] =
  "SELECT 'disposition ' || d.id" T "d.request_id" T "d.step" T "d.from_user_id" T
  "d.to_user_id" T "(d.read_at <> 0)" T "d.recalled "
  "FROM dispositions d WHERE d.request_id = ?1 ORDER BY d.id";
static const char letter_sql[] =
  "SELECT 'letter ' || l.id" T "l.request_id" T "l.kind" T "l.state" T F ("l.number") T
  "ifnull (l.letter_date, '')" T "ifnull (l.pdf_sha256, '')" T "ifnull (l.signed_by, 0)" T
  "ifnull (l.verification_code, '')" T "l.revision "
  "FROM letters l WHERE l.request_id = ?1";
static const char request_entries_sql[] =
  "SELECT e.id FROM entries e WHERE e.request_id = ?1 ORDER BY e.id";
static const char entry_sql[] =
  "SELECT 'entry ' || e.id" T F ("e.name") T F ("e.fqdn") T "e.opd_id" T "e.status" T
  "ifnull (e.request_id, 0)" T "e.activated_on" T "e.version "
  "FROM entries e WHERE e.id = ?1";
static const char entry_records_sql[] =
  "SELECT 'entry-record ' || x.id" T "x.entry_id" T "x.type" T F ("x.host") T F ("x.target") T
  "x.ttl" T "x.priority" T "x.internal" T "x.created" T F ("x.verified") T PROOF_FIELDS " "
  "FROM entry_records x WHERE x.entry_id = ?1 ORDER BY x.id";
static const char user_sql[] =
  "SELECT 'user ' || u.id" T F ("u.username") T "u.role" T "ifnull (u.opd_id, 0)" T
  "u.active" T F ("u.full_name") T F ("u.nip") T F ("u.position") T F ("u.rank") " "
  "FROM users u WHERE u.id = ?1";

/* Appends the lines @sql gives for @id to @out. */
static gboolean
add_lines (RanahSqliteStore  *self,
           const char        *sql,
           gint64             id,
           GString           *out,
           GError           **error)
{
  sqlite3_stmt *stmt = ranah_sqlite_stmt (self, sql, error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while (ranah_sqlite_step_row (self, stmt, &has_row, error) && has_row)
    {
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, (const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_reset (stmt);
  return error == NULL || *error == NULL;
}

static gboolean
add_request (RanahSqliteStore  *self,
             gint64             id,
             GString           *out,
             GError           **error)
{
  return add_lines (self, request_sql, id, out, error)
         && add_lines (self, records_sql, id, out, error)
         && add_lines (self, dispositions_sql, id, out, error)
         && add_lines (self, letter_sql, id, out, error);
}

static gboolean
add_entry (RanahSqliteStore  *self,
           gint64             id,
           GString           *out,
           GError           **error)
{
  return add_lines (self, entry_sql, id, out, error)
         && add_lines (self, entry_records_sql, id, out, error);
}

/* The ids @sql gives for @id. */
static GArray *
ids_of (RanahSqliteStore  *self,
        const char        *sql,
        gint64             id,
        GError           **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = ranah_sqlite_stmt (self, sql, error);
  gboolean has_row;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while (ranah_sqlite_step_row (self, stmt, &has_row, error) && has_row)
    {
      gint64 v = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, v);
    }
  sqlite3_reset (stmt);
  if (error != NULL && *error != NULL)
    return NULL;
  return g_steal_pointer (&ids);
}

char *
ranah_sqlite_subjects_state (RanahSqliteStore   *self,
                             gint64              request_id,
                             const char * const *subjects,
                             GError            **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GArray) entries = NULL;

  if (request_id != 0)
    {
      if (!add_request (self, request_id, out, error)
          || (entries = ids_of (self, request_entries_sql, request_id, error)) == NULL)
        return NULL;
      for (guint i = 0; i < entries->len; i++)
        if (!add_entry (self, g_array_index (entries, gint64, i), out, error))
          return NULL;
    }
  for (guint i = 0; subjects != NULL && subjects[i] != NULL; i++)
    {
      gint64 id = 0;
      gboolean made_for_request = FALSE;

      if (g_str_has_prefix (subjects[i], "entry:"))
        {
          id = g_ascii_strtoll (subjects[i] + 6, NULL, 10);
          for (guint j = 0; entries != NULL && j < entries->len; j++)
            made_for_request |= g_array_index (entries, gint64, j) == id;
          if (!made_for_request && !add_entry (self, id, out, error))
            return NULL;
        }
      else if (g_str_has_prefix (subjects[i], "user:"))
        {
          id = g_ascii_strtoll (subjects[i] + 5, NULL, 10);
          if (!add_lines (self, user_sql, id, out, error))
            return NULL;
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Each of @sql's ids, as one state string. */
static gboolean
add_all (RanahSqliteStore  *self,
         const char        *sql,
         gboolean           (*add) (RanahSqliteStore *, gint64, GString *, GError **),
         GPtrArray         *rows,
         GError           **error)
{
  sqlite3_stmt *stmt = ranah_sqlite_stmt (self, sql, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  while (ranah_sqlite_step_row (self, stmt, &has_row, error) && has_row)
    {
      gint64 v = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, v);
    }
  sqlite3_reset (stmt);
  if (error != NULL && *error != NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      GString *one = g_string_new (NULL);

      if (!add (self, g_array_index (ids, gint64, i), one, error))
        {
          g_string_free (one, TRUE);
          return FALSE;
        }
      g_ptr_array_add (rows, g_string_free (one, FALSE));
    }
  return TRUE;
}

static gboolean
add_user (RanahSqliteStore  *self,
          gint64             id,
          GString           *out,
          GError           **error)
{
  return add_lines (self, user_sql, id, out, error);
}

static gboolean
audit_state (RanahStore  *store,
             GPtrArray  **rows,
             GHashTable **heads,
             GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) tips = ranah_audit_heads_new ();
  sqlite3_stmt *stmt;
  gboolean has_row, ok;

  SQLITE_LOCK (self);
  /* One read transaction for both, so a move in between cannot make them disagree. */
  ok = ranah_sqlite_exec (self, "BEGIN", error)
       && add_all (self, "SELECT id FROM requests ORDER BY id", add_request, all, error)
       && add_all (self, "SELECT id FROM entries ORDER BY id", add_entry, all, error)
       && add_all (self, "SELECT id FROM users ORDER BY id", add_user, all, error)
       && (stmt = ranah_sqlite_stmt (self, "SELECT chain, seq, hash FROM chain_heads", error))
            != NULL;
  while (ok && (ok = ranah_sqlite_step_row (self, stmt, &has_row, error)) && has_row)
    ranah_audit_heads_add (tips, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                           (const char *) sqlite3_column_text (stmt, 2));
  if (ok)
    sqlite3_reset (stmt);
  ok = ok && ranah_sqlite_commit (self, error);
  if (!ok)
    ranah_sqlite_rollback (self);
  SQLITE_UNLOCK (self);
  if (!ok)
    return FALSE;
  *rows = g_steal_pointer (&all);
  *heads = g_steal_pointer (&tips);
  return TRUE;
}

static gboolean
record_anchor (RanahStore  *store,
               const char  *note,
               gint64      *chain_seq,
               char       **hash,
               GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  sqlite3_stmt *stmt;
  gboolean has_row = FALSE, ok;

  SQLITE_LOCK (self);
  ok = ranah_sqlite_begin (self, error)
       && ranah_sqlite_append_event (self, 0, 0, "audit:anchor", NULL, NULL, note, error)
       && (stmt = ranah_sqlite_stmt (self, "SELECT seq, hash FROM chain_heads WHERE chain = 0",
                                     error)) != NULL
       && ranah_sqlite_step_row (self, stmt, &has_row, error) && has_row;
  if (ok)
    {
      *chain_seq = sqlite3_column_int64 (stmt, 0);
      *hash = ranah_sqlite_col_text (stmt, 1);
      sqlite3_reset (stmt);
      ok = ranah_sqlite_commit (self, error);
    }
  if (!ok)
    ranah_sqlite_rollback (self);
  SQLITE_UNLOCK (self);
  return ok;
}

gboolean
ranah_sqlite_audit_baseline (RanahSqliteStore  *self,
                             GError           **error)
{
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gboolean has_row;
  g_autoptr(GArray) requests = NULL;

  requests = ids_of (self, "SELECT id FROM requests WHERE id <> ?1 ORDER BY id", 0, error);
  if (requests == NULL)
    return FALSE;
  for (guint i = 0; i < requests->len; i++)
    if (!ranah_sqlite_append_event_as (self, 0, "ranah", g_array_index (requests, gint64, i), 0,
                                       "audit:baseline", NULL, NULL, NULL, error))
      return FALSE;
  stmt = ranah_sqlite_stmt (self, "SELECT 'entry:' || id FROM entries WHERE request_id IS NULL "
                                  "UNION ALL SELECT 'user:' || id FROM users", error);
  if (stmt == NULL)
    return FALSE;
  while (ranah_sqlite_step_row (self, stmt, &has_row, error) && has_row)
    g_ptr_array_add (others, ranah_sqlite_col_text (stmt, 0));
  sqlite3_reset (stmt);
  if (error != NULL && *error != NULL)
    return FALSE;
  if (others->len == 0)
    return TRUE;
  g_ptr_array_add (others, NULL);
  return ranah_sqlite_append_event_full (self, 0, "ranah", 0, 0, "audit:baseline", NULL, NULL,
                                         NULL, (const char * const *) others->pdata, error);
}

void
ranah_sqlite_audit_class_init (RanahStoreClass *klass)
{
  klass->audit_state = audit_state;
  klass->record_anchor = record_anchor;
}
