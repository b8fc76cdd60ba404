/* ranah-sqlite-registry.c — the registry of subdomains, the letters and the audit trail
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Semantics both backends keep:
 *  - OPD users read their own OPD's entries only. Importing, changing an entry's status and
 *    recording a DNS check are for the roles that keep the registry: Sub Koordinator, Staf
 *    and the administrator. Each is audited: "registry:import" (request 0, note "N entries"),
 *    "registry:status" and "registry:check" (request = the entry's request or 0, note names
 *    the FQDN).
 *  - Import is all or nothing: every problem is listed with the line it came from (an
 *    entry's id, when positive, is taken as its line in the file; else its position).
 *  - Events are readable by every signed-in user; an OPD user sees their requests' events.
 */
#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "ranah-sqlite-private.h"

static gboolean
may_keep_registry (const RanahUser  *me,
                   GError          **error)
{
  if (me->role != RANAH_ROLE_SUBKOOR && me->role != RANAH_ROLE_STAF
      && me->role != RANAH_ROLE_ADMIN)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION,
                   _("The role %s may not change the registry."), ranah_role_title (me->role));
      return FALSE;
    }
  return TRUE;
}

#define ENTRY_SELECT                                                                       \
  "SELECT e.id, e.name, e.fqdn, e.opd_id, o.name, e.purpose, e.contact_name, "             \
  "e.contact_phone, e.contact_email, e.status, e.activated_on, e.request_id, "              \
  "e.last_check_at, e.last_check, e.version, e.last_check_ok "                              \
  "FROM entries e JOIN opds o ON o.id = e.opd_id "

static void
set_str (char        **field,
         sqlite3_stmt *stmt,
         int           col)
{
  g_free (*field);
  *field = ranah_sqlite_col_text (stmt, col);
}

static RanahEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  RanahEntry *e = ranah_entry_new ();
  RanahEntryStatus status = RANAH_ENTRY_ACTIVE;

  e->id = sqlite3_column_int64 (stmt, 0);
  set_str (&e->name, stmt, 1);
  set_str (&e->fqdn, stmt, 2);
  e->opd_id = sqlite3_column_int64 (stmt, 3);
  set_str (&e->opd_name, stmt, 4);
  set_str (&e->purpose, stmt, 5);
  set_str (&e->contact_name, stmt, 6);
  set_str (&e->contact_phone, stmt, 7);
  set_str (&e->contact_email, stmt, 8);
  ranah_entry_status_from_string ((const char *) sqlite3_column_text (stmt, 9), &status);
  e->status = status;
  set_str (&e->activated_on, stmt, 10);
  e->request_id = sqlite3_column_int64 (stmt, 11);
  e->last_check_at = sqlite3_column_int64 (stmt, 12);
  e->last_check = ranah_sqlite_col_text_or_null (stmt, 13);
  e->version = sqlite3_column_int64 (stmt, 14);
  e->last_check_ok = sqlite3_column_int (stmt, 15) != 0;
  return e;
}

RanahEntry *
ranah_sqlite_load_entry (RanahSqliteStore  *self,
                         gint64             id,
                         GError           **error)
{
  g_autoptr(RanahEntry) entry = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;

  stmt = ranah_sqlite_stmt (self, ENTRY_SELECT "WHERE e.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND,
                   _("There is no registry entry with id %" PRId64 "."), id);
      return NULL;
    }
  entry = entry_from_row (stmt);
  sqlite3_reset (stmt);
  g_clear_pointer (&entry->records, g_ptr_array_unref);
  if ((entry->records = ranah_sqlite_load_records (self, "entry_records", id, error)) == NULL)
    return NULL;
  return g_steal_pointer (&entry);
}

static GPtrArray *
list_entries (RanahStore              *store,
              const RanahEntryFilter  *filter,
              GError                 **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  g_autoptr(RanahUser) me = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_entry_free);
  sqlite3_stmt *stmt;
  gboolean has_row;
  GPtrArray *result = NULL;

  SQLITE_LOCK (self);
  if ((me = ranah_sqlite_current_user (self, error)) == NULL)
    goto out;
  stmt = ranah_sqlite_stmt (self, ENTRY_SELECT
                            "WHERE (?1 IS NULL OR instr (lower (e.name), lower (?1)) > 0 "
                            "OR instr (lower (e.fqdn), lower (?1)) > 0 "
                            "OR instr (lower (o.name), lower (?1)) > 0 "
                            "OR instr (lower (o.code), lower (?1)) > 0 "
                            "OR instr (lower (e.purpose), lower (?1)) > 0 "
                            "OR EXISTS (SELECT 1 FROM entry_records x WHERE x.entry_id = e.id "
                            "AND instr (lower (x.target), lower (?1)) > 0)) "
                            "AND (?2 = 0 OR e.opd_id = ?2) AND (?3 = 0 OR e.opd_id = ?3) "
                            "AND (?4 IS NULL OR e.status = ?4) "
                            "AND (?5 = 0 OR (e.last_check_at <> 0 AND e.last_check_ok = 0)) "
                            "ORDER BY e.name, e.id", error);
  if (stmt == NULL)
    goto out;
  ranah_sqlite_bind_text (stmt, 1, filter->text != NULL && *filter->text ? filter->text : NULL);
  sqlite3_bind_int64 (stmt, 2, filter->opd_id);
  sqlite3_bind_int64 (stmt, 3, me->role == RANAH_ROLE_OPD ? me->opd_id : 0);
  ranah_sqlite_bind_text (stmt, 4, filter->status >= 0
                                   ? ranah_entry_status_to_string (filter->status) : NULL);
  sqlite3_bind_int (stmt, 5, filter->failing_only ? 1 : 0);
  for (;;)
    {
      RanahEntry *entry;

      if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
        goto out;
      if (!has_row)
        break;
      entry = entry_from_row (stmt);
      g_ptr_array_add (list, entry);
      g_clear_pointer (&entry->records, g_ptr_array_unref);
      if ((entry->records = ranah_sqlite_load_records (self, "entry_records", entry->id,
                                                       error)) == NULL)
        {
          sqlite3_reset (stmt);
          goto out;
        }
    }
  result = g_steal_pointer (&list);
out:
  SQLITE_UNLOCK (self);
  return result;
}

static RanahEntry *
get_entry (RanahStore  *store,
           gint64       id,
           GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  g_autoptr(RanahUser) me = NULL;
  g_autoptr(RanahEntry) entry = NULL;

  SQLITE_LOCK (self);
  if ((me = ranah_sqlite_current_user (self, error)) != NULL
      && (entry = ranah_sqlite_load_entry (self, id, error)) != NULL
      && me->role == RANAH_ROLE_OPD && me->opd_id != entry->opd_id)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION,
                   _("This registry entry belongs to another OPD."));
      g_clear_pointer (&entry, ranah_entry_free);
    }
  SQLITE_UNLOCK (self);
  return g_steal_pointer (&entry);
}

/* Both halves through an index (entries_request, entries_fqdn), the first that finds one
 * winning; each in list_entries' order, with its OPD rule. */
static RanahEntry *
find_entry_for_request (RanahStore  *store,
                        gint64       request_id,
                        const char  *fqdn,
                        GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  g_autoptr(RanahUser) me = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;
  gint64 id = 0;
  RanahEntry *entry = NULL;

  SQLITE_LOCK (self);
  if ((me = ranah_sqlite_current_user (self, error)) == NULL)
    goto out;
  stmt = ranah_sqlite_stmt (self, "SELECT coalesce ("
                            "(SELECT x.id FROM entries x WHERE x.request_id = ?1 "
                            "AND (?3 = 0 OR x.opd_id = ?3) ORDER BY x.name, x.id LIMIT 1), "
                            "(SELECT x.id FROM entries x WHERE x.fqdn = ?2 "
                            "AND (?3 = 0 OR x.opd_id = ?3) ORDER BY x.name, x.id LIMIT 1), 0)",
                            error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, request_id);
  ranah_sqlite_bind_text (stmt, 2, fqdn);
  sqlite3_bind_int64 (stmt, 3, me->role == RANAH_ROLE_OPD ? me->opd_id : 0);
  if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
    goto out;
  if (has_row)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (id != 0)
    entry = ranah_sqlite_load_entry (self, id, error);
out:
  SQLITE_UNLOCK (self);
  return entry;
}

static void
add_problem (GPtrArray  *problems,
             guint       line,
             char       *reason)
{
  RanahImportProblem *problem = g_new0 (RanahImportProblem, 1);

  problem->line = line;
  problem->reason = reason;
  g_ptr_array_add (problems, problem);
}

static void
problem_free (gpointer data)
{
  RanahImportProblem *problem = data;

  g_free (problem->reason);
  g_free (problem);
}

static gint64
resolve_opd (RanahSqliteStore  *self,
             const char        *code_or_name,
             GError           **error)
{
  sqlite3_stmt *stmt;
  gboolean has_row;
  gint64 id = 0;

  stmt = ranah_sqlite_stmt (self, "SELECT id FROM opds WHERE lower (code) = lower (?1) "
                                  "OR lower (name) = lower (?1) LIMIT 1", error);
  if (stmt == NULL)
    return -1;
  ranah_sqlite_bind_text (stmt, 1, code_or_name);
  if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
    return -1;
  if (has_row)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

static gboolean
import_locked (RanahSqliteStore  *self,
               GPtrArray         *entries,
               GPtrArray        **problems_out,
               GError           **error)
{
  g_autoptr(RanahUser) me = NULL;
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func (problem_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) profile = NULL;
  g_autoptr(GArray) opd_ids = g_array_sized_new (FALSE, TRUE, sizeof (gint64), entries->len);
  g_autoptr(GPtrArray) subjects = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *note = NULL;
  sqlite3_stmt *stmt;

  if ((me = ranah_sqlite_current_user (self, error)) == NULL || !may_keep_registry (me, error))
    return FALSE;
  if (!ranah_sqlite_begin (self, error))
    return FALSE;
  if ((profile = ranah_sqlite_profile_raw (self, error)) == NULL)
    goto fail;

  for (guint i = 0; i < entries->len; i++)
    {
      const RanahEntry *entry = g_ptr_array_index (entries, i);
      guint line = entry->id > 0 ? (guint) entry->id : i + 1;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *lower = NULL;
      gint64 opd_id = entry->opd_id;

      if (!ranah_validate_label (entry->name, &lower, NULL, &local_error))
        {
          add_problem (problems, line, g_strdup (local_error->message));
          g_array_append_val (opd_ids, opd_id);
          continue;
        }
      if (entry->records == NULL || !ranah_validate_records (entry->records, &local_error))
        add_problem (problems, line, local_error != NULL
                                     ? g_strdup (local_error->message)
                                     : g_strdup_printf (_("The name “%s” has no records."),
                                                        lower));
      g_clear_error (&local_error);

      if (opd_id == 0)
        {
          opd_id = resolve_opd (self, entry->opd_name != NULL ? entry->opd_name : "", error);
          if (opd_id < 0)
            goto fail;
          if (opd_id == 0)
            add_problem (problems, line, g_strdup_printf (_("There is no OPD “%s”."),
                                                          entry->opd_name));
        }
      g_array_append_val (opd_ids, opd_id);

      if (g_hash_table_contains (seen, lower))
        add_problem (problems, line,
                     g_strdup_printf (_("The name “%s” appears more than once in the file."),
                                      lower));
      else
        g_hash_table_add (seen, g_strdup (lower));

      if (!ranah_sqlite_check_name_free_locked (self, lower, 0, &local_error))
        {
          if (local_error->domain != RANAH_STORE_ERROR
              || local_error->code != RANAH_STORE_ERROR_VALIDATION)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              goto fail;
            }
          add_problem (problems, line, g_strdup (local_error->message));
        }
    }

  if (problems->len > 0)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Nothing was imported: %u line has a problem.",
                                "Nothing was imported: %u lines have problems.", problems->len),
                   problems->len);
      if (problems_out != NULL)
        *problems_out = g_steal_pointer (&problems);
      goto fail;
    }

  stmt = NULL;
  for (guint i = 0; i < entries->len; i++)
    {
      const RanahEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *lower = g_ascii_strdown (entry->name, -1);
      g_autofree char *fqdn = NULL;
      gint64 entry_id;

      fqdn = entry->fqdn != NULL && *entry->fqdn != '\0'
             ? g_ascii_strdown (entry->fqdn, -1)
             : g_strconcat (lower, ".",
                            (const char *) g_hash_table_lookup (profile,
                                                                RANAH_PROFILE_PARENT_DOMAIN),
                            NULL);
      stmt = ranah_sqlite_stmt (self, "INSERT INTO entries (name, fqdn, opd_id, purpose, "
                                      "contact_name, contact_phone, contact_email, status, "
                                      "activated_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                error);
      if (stmt == NULL)
        goto fail;
      ranah_sqlite_bind_text (stmt, 1, lower);
      ranah_sqlite_bind_text (stmt, 2, fqdn);
      sqlite3_bind_int64 (stmt, 3, g_array_index (opd_ids, gint64, i));
      ranah_sqlite_bind_text (stmt, 4, entry->purpose != NULL ? entry->purpose : "");
      ranah_sqlite_bind_text (stmt, 5, entry->contact_name != NULL ? entry->contact_name : "");
      ranah_sqlite_bind_text (stmt, 6, entry->contact_phone != NULL ? entry->contact_phone : "");
      ranah_sqlite_bind_text (stmt, 7, entry->contact_email != NULL ? entry->contact_email : "");
      ranah_sqlite_bind_text (stmt, 8, ranah_entry_status_to_string (entry->status));
      ranah_sqlite_bind_text (stmt, 9, entry->activated_on != NULL ? entry->activated_on : "");
      if (!ranah_sqlite_step_done (self, stmt, error))
        goto fail;
      entry_id = sqlite3_last_insert_rowid (self->db);
      if (!ranah_sqlite_insert_records (self, "entry_records", entry_id, entry->records, error))
        goto fail;
      g_ptr_array_add (subjects, g_strdup_printf ("entry:%" G_GINT64_FORMAT, entry_id));
    }

  note = g_strdup_printf ("%u entries", entries->len);
  g_ptr_array_add (subjects, NULL);
  if (!ranah_sqlite_append_event_full (self, me->id, me->username, 0, 0, "registry:import",
                                       NULL, NULL, note, (const char * const *) subjects->pdata,
                                       error)
      || !ranah_sqlite_commit (self, error))
    goto fail;
  if (problems_out != NULL)
    *problems_out = g_steal_pointer (&problems);
  return TRUE;

fail:
  ranah_sqlite_rollback (self);
  return FALSE;
}

static gboolean
import_entries (RanahStore  *store,
                GPtrArray   *entries,
                GPtrArray  **problems,
                GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  gboolean ok;

  SQLITE_LOCK (self);
  ok = import_locked (self, entries, problems, error);
  SQLITE_UNLOCK (self);
  return ok;
}

static gboolean
set_status_locked (RanahSqliteStore  *self,
                   gint64             entry_id,
                   gint64             expected_version,
                   RanahEntryStatus   status,
                   const char        *reason,
                   GError           **error)
{
  g_autoptr(RanahUser) me = NULL;
  g_autoptr(RanahEntry) entry = NULL;
  g_autofree char *note = NULL;
  g_autofree char *subject = NULL;
  sqlite3_stmt *stmt;

  if ((me = ranah_sqlite_current_user (self, error)) == NULL || !may_keep_registry (me, error))
    return FALSE;
  if ((guint) status > RANAH_ENTRY_REVOKED)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("The status must be active, suspended or revoked."));
      return FALSE;
    }
  if (reason != NULL && !ranah_validate_text (reason, _("Reason"), FALSE, TRUE, 2000, error))
    return FALSE;
  if (!ranah_sqlite_begin (self, error))
    return FALSE;
  if ((entry = ranah_sqlite_load_entry (self, entry_id, error)) == NULL)
    goto fail;
  if (entry->version != expected_version)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_CONFLICT,
                   _("This registry entry was changed by someone else; reload it and try again."));
      goto fail;
    }
  /* Reactivating a revoked name must not clash with whoever holds it now. */
  if (entry->status == RANAH_ENTRY_REVOKED && status != RANAH_ENTRY_REVOKED
      && !ranah_sqlite_check_name_free_locked (self, entry->name,
                                               entry->request_id != 0 ? entry->request_id : -1,
                                               error))
    goto fail;
  stmt = ranah_sqlite_stmt (self, "UPDATE entries SET status = ?2, version = version + 1 "
                                  "WHERE id = ?1 AND version = ?3", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  ranah_sqlite_bind_text (stmt, 2, ranah_entry_status_to_string (status));
  sqlite3_bind_int64 (stmt, 3, expected_version);
  if (!ranah_sqlite_step_done (self, stmt, error))
    goto fail;
  note = g_strdup_printf ("%s: %s → %s%s%s", entry->fqdn,
                          ranah_entry_status_to_string (entry->status),
                          ranah_entry_status_to_string (status),
                          reason != NULL && *reason ? ": " : "", reason != NULL ? reason : "");
  subject = g_strdup_printf ("entry:%" G_GINT64_FORMAT, entry_id);
  if (!ranah_sqlite_append_event_about (self, entry->request_id, "registry:status", note,
                                        subject, error)
      || !ranah_sqlite_commit (self, error))
    goto fail;
  return TRUE;

fail:
  ranah_sqlite_rollback (self);
  return FALSE;
}

static gboolean
set_entry_status (RanahStore        *store,
                  gint64             entry_id,
                  gint64             expected_version,
                  RanahEntryStatus   status,
                  const char        *reason,
                  GError           **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  gboolean ok;

  SQLITE_LOCK (self);
  ok = set_status_locked (self, entry_id, expected_version, status, reason, error);
  SQLITE_UNLOCK (self);
  return ok;
}

/* A check that passed proves @proofs (entry records by id, with the answers) again. */
static gboolean
renew_proofs (RanahSqliteStore  *self,
              const RanahEntry  *entry,
              GPtrArray         *proofs,
              GError           **error)
{
  sqlite3_stmt *stmt;

  stmt = ranah_sqlite_stmt (self, "UPDATE entry_records SET proof_server = ?3, proof_serial = ?4, "
                                  "proof_answer = ?5, proof_at = ?6 "
                                  "WHERE id = ?1 AND entry_id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; proofs != NULL && i < proofs->len; i++)
    {
      const RanahRecord *proof = g_ptr_array_index (proofs, i);
      const RanahRecord *record = NULL;

      for (guint j = 0; entry->records != NULL && j < entry->records->len && record == NULL; j++)
        if (((const RanahRecord *) g_ptr_array_index (entry->records, j))->id == proof->id)
          record = g_ptr_array_index (entry->records, j);
      if (record == NULL || !ranah_record_answer_matches (record, proof->proof_answer)
          || proof->proof_serial < 0 || proof->proof_serial > G_MAXUINT32)
        {
          g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                       _("A proof does not match a record of the registry entry %s."),
                       entry->fqdn);
          return FALSE;
        }
      if (!ranah_validate_text (proof->proof_server, _("DNS server"), TRUE, FALSE, 200, error))
        return FALSE;
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, record->id);
      sqlite3_bind_int64 (stmt, 2, entry->id);
      ranah_sqlite_bind_text (stmt, 3, proof->proof_server);
      sqlite3_bind_int64 (stmt, 4, proof->proof_serial);
      ranah_sqlite_bind_text (stmt, 5, proof->proof_answer);
      sqlite3_bind_int64 (stmt, 6, ranah_store_now (RANAH_STORE (self)));
      if (!ranah_sqlite_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
record_check_locked (RanahSqliteStore  *self,
                     gint64             entry_id,
                     gboolean           ok,
                     const char        *summary,
                     GPtrArray         *proofs,
                     GError           **error)
{
  g_autoptr(RanahUser) me = NULL;
  g_autoptr(RanahEntry) entry = NULL;
  g_autofree char *note = NULL;
  g_autofree char *subject = NULL;
  sqlite3_stmt *stmt;

  if ((me = ranah_sqlite_current_user (self, error)) == NULL || !may_keep_registry (me, error))
    return FALSE;
  if (summary != NULL && !ranah_validate_text (summary, _("Check result"), FALSE, TRUE, 2000, error))
    return FALSE;
  if (!ranah_sqlite_begin (self, error))
    return FALSE;
  if ((entry = ranah_sqlite_load_entry (self, entry_id, error)) == NULL)
    goto fail;
  /* A check is an observation, not an edit: the entry's version stays. */
  stmt = ranah_sqlite_stmt (self, "UPDATE entries SET last_check_at = ?2, last_check = ?3, "
                                  "last_check_ok = ?4 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  sqlite3_bind_int64 (stmt, 2, ranah_store_now (RANAH_STORE (self)));
  ranah_sqlite_bind_text (stmt, 3, summary != NULL ? summary : "");
  sqlite3_bind_int (stmt, 4, ok ? 1 : 0);
  if (!ranah_sqlite_step_done (self, stmt, error)
      || (ok && !renew_proofs (self, entry, proofs, error)))
    goto fail;
  note = g_strdup_printf ("%s: %s%s%s", entry->fqdn, ok ? "ok" : "failed",
                          summary != NULL && *summary ? ": " : "", summary != NULL ? summary : "");
  subject = g_strdup_printf ("entry:%" G_GINT64_FORMAT, entry_id);
  if (!ranah_sqlite_append_event_about (self, entry->request_id, "registry:check", note,
                                        subject, error)
      || !ranah_sqlite_commit (self, error))
    goto fail;
  return TRUE;

fail:
  ranah_sqlite_rollback (self);
  return FALSE;
}

static gboolean
record_check (RanahStore  *store,
              gint64       entry_id,
              gboolean     ok,
              const char  *summary,
              GPtrArray   *proofs,
              GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  gboolean result;

  SQLITE_LOCK (self);
  result = record_check_locked (self, entry_id, ok, summary, proofs, error);
  SQLITE_UNLOCK (self);
  return result;
}

/* ---- letters ---------------------------------------------------------------------------- */

#define LETTER_SELECT                                                                   \
  "SELECT l.id, l.request_id, l.kind, l.state, l.number, l.sifat, l.lampiran, l.hal, "  \
  "l.body, l.tembusan, l.letter_date, l.verification_code, l.pdf_sha256, l.signed_by, " \
  "l.signed_at, l.revision, r.opd_id, l.audit_seq, l.audit_hash "                        \
  "FROM letters l JOIN requests r ON r.id = l.request_id "

static RanahLetter *
letter_from_row (sqlite3_stmt *stmt)
{
  RanahLetter *l = ranah_letter_new ();
  const char *tembusan;

  l->id = sqlite3_column_int64 (stmt, 0);
  l->request_id = sqlite3_column_int64 (stmt, 1);
  l->kind = ranah_outcome_from_string ((const char *) sqlite3_column_text (stmt, 2));
  l->state = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 3), "signed") == 0
             ? RANAH_LETTER_SIGNED : RANAH_LETTER_DRAFT;
  l->number = ranah_sqlite_col_text_or_null (stmt, 4);
  set_str (&l->sifat, stmt, 5);
  set_str (&l->lampiran, stmt, 6);
  set_str (&l->hal, stmt, 7);
  l->body = ranah_sqlite_col_text_or_null (stmt, 8);
  tembusan = (const char *) sqlite3_column_text (stmt, 9);
  g_strfreev (l->tembusan);
  l->tembusan = tembusan != NULL && *tembusan ? g_strsplit (tembusan, "\n", -1)
                                              : g_new0 (char *, 1);
  l->letter_date = ranah_sqlite_col_text_or_null (stmt, 10);
  l->verification_code = ranah_sqlite_col_text_or_null (stmt, 11);
  l->pdf_sha256 = ranah_sqlite_col_text_or_null (stmt, 12);
  l->signed_by = sqlite3_column_int64 (stmt, 13);
  l->signed_at = sqlite3_column_int64 (stmt, 14);
  l->revision = sqlite3_column_int64 (stmt, 15);
  l->audit_seq = sqlite3_column_int64 (stmt, 17);
  l->audit_hash = ranah_sqlite_col_text_or_null (stmt, 18);
  return l;
}

/* One letter by @sql with one parameter; OPD users only their own OPD's. */
static RanahLetter *
load_letter (RanahSqliteStore  *self,
             const char        *sql,
             const char        *text,
             gint64             id,
             const char        *missing,
             GError           **error)
{
  g_autoptr(RanahUser) me = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;
  RanahLetter *letter = NULL;
  gint64 opd_id;

  if ((me = ranah_sqlite_current_user (self, error)) == NULL)
    return NULL;
  stmt = ranah_sqlite_stmt (self, sql, error);
  if (stmt == NULL)
    return NULL;
  if (text != NULL)
    ranah_sqlite_bind_text (stmt, 1, text);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error_literal (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND, missing);
      return NULL;
    }
  letter = letter_from_row (stmt);
  opd_id = sqlite3_column_int64 (stmt, 16);
  sqlite3_reset (stmt);
  if (me->role == RANAH_ROLE_OPD && me->opd_id != opd_id)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION,
                   _("This letter belongs to another OPD's request."));
      g_clear_pointer (&letter, ranah_letter_free);
    }
  return letter;
}

static RanahLetter *
get_letter (RanahStore  *store,
            gint64       request_id,
            GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  RanahLetter *letter;

  SQLITE_LOCK (self);
  letter = load_letter (self, LETTER_SELECT "WHERE l.request_id = ?1", NULL, request_id,
                        _("No response letter has been drafted for this request."), error);
  SQLITE_UNLOCK (self);
  return letter;
}

static GBytes *
get_letter_pdf (RanahStore  *store,
                gint64       letter_id,
                GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  g_autoptr(RanahLetter) letter = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;
  GBytes *bytes = NULL;

  SQLITE_LOCK (self);
  letter = load_letter (self, LETTER_SELECT "WHERE l.id = ?1", NULL, letter_id,
                        _("There is no such letter."), error);
  if (letter == NULL)
    goto out;
  stmt = ranah_sqlite_stmt (self, "SELECT pdf FROM letters WHERE id = ?1 AND pdf IS NOT NULL",
                            error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, letter_id);
  if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
    goto out;
  if (has_row)
    bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  else
    g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND,
                 _("The letter has not been signed yet, so it has no PDF."));
  sqlite3_reset (stmt);
out:
  SQLITE_UNLOCK (self);
  return bytes;
}

static RanahLetter *
find_letter_by_sha256 (RanahStore  *store,
                       const char  *sha256_hex,
                       GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  g_autofree char *lower = g_ascii_strdown (sha256_hex, -1);
  RanahLetter *letter;

  SQLITE_LOCK (self);
  letter = load_letter (self, LETTER_SELECT "WHERE l.pdf_sha256 = ?1", lower, 0,
                        _("No signed letter has this fingerprint."), error);
  SQLITE_UNLOCK (self);
  return letter;
}

/* ---- audit ------------------------------------------------------------------------------ */

static GPtrArray *
list_events (RanahStore  *store,
             gint64       request_id,
             GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  g_autoptr(RanahUser) me = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_event_free);
  sqlite3_stmt *stmt;
  gboolean has_row;
  GPtrArray *result = NULL;

  SQLITE_LOCK (self);
  if ((me = ranah_sqlite_current_user (self, error)) == NULL)
    goto out;
  if (request_id != 0 && me->role == RANAH_ROLE_OPD)
    {
      g_autoptr(RanahRequest) request = ranah_sqlite_load_request (self, request_id, error);
      if (request == NULL)
        goto out;
      if (request->opd_id != me->opd_id)
        {
          g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION,
                       _("This request belongs to another OPD."));
          goto out;
        }
    }
  /* The whole trail is for DKISP: an OPD's users see only their own OPD's requests'
   * events, as PostgreSQL's row-level security on ranah.events does. */
  if (request_id != 0)
    stmt = ranah_sqlite_stmt (self, "SELECT seq, at, user_id, username, request_id, step, "
                              "action, from_state, to_state, note, prev_hash, hash, version, "
                              "ifnull (chain, 0), ifnull (chain_seq, 0), state FROM events "
                              "WHERE request_id = ?1 ORDER BY seq", error);
  else if (me->role == RANAH_ROLE_OPD)
    stmt = ranah_sqlite_stmt (self, "SELECT seq, at, user_id, username, request_id, step, "
                              "action, from_state, to_state, note, prev_hash, hash, version, "
                              "ifnull (chain, 0), ifnull (chain_seq, 0), state FROM events "
                              "WHERE request_id IN (SELECT id FROM requests WHERE opd_id = ?1) "
                              "ORDER BY seq", error);
  else
    stmt = ranah_sqlite_stmt (self, "SELECT seq, at, user_id, username, request_id, step, "
                              "action, from_state, to_state, note, prev_hash, hash, version, "
                              "ifnull (chain, 0), ifnull (chain_seq, 0), state FROM events "
                              "ORDER BY seq", error);
  if (stmt == NULL)
    goto out;
  if (request_id != 0)
    sqlite3_bind_int64 (stmt, 1, request_id);
  else if (me->role == RANAH_ROLE_OPD)
    sqlite3_bind_int64 (stmt, 1, me->opd_id);
  for (;;)
    {
      RanahEvent *e;

      if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
        goto out;
      if (!has_row)
        break;
      e = ranah_event_new ();
      e->seq = sqlite3_column_int64 (stmt, 0);
      e->at = sqlite3_column_int64 (stmt, 1);
      e->user_id = sqlite3_column_int64 (stmt, 2);
      e->username = ranah_sqlite_col_text (stmt, 3);
      e->request_id = sqlite3_column_int64 (stmt, 4);
      e->step = sqlite3_column_int (stmt, 5);
      e->action = ranah_sqlite_col_text (stmt, 6);
      e->from_state = ranah_sqlite_col_text (stmt, 7);
      e->to_state = ranah_sqlite_col_text (stmt, 8);
      e->note = ranah_sqlite_col_text (stmt, 9);
      e->prev_hash = ranah_sqlite_col_text (stmt, 10);
      e->hash = ranah_sqlite_col_text (stmt, 11);
      e->version = sqlite3_column_int (stmt, 12);
      e->chain = sqlite3_column_int64 (stmt, 13);
      e->chain_seq = sqlite3_column_int64 (stmt, 14);
      e->state = ranah_sqlite_col_text (stmt, 15);
      g_ptr_array_add (events, e);
    }
  result = g_steal_pointer (&events);
out:
  SQLITE_UNLOCK (self);
  return result;
}

void
ranah_sqlite_registry_class_init (RanahStoreClass *klass)
{
  klass->list_entries = list_entries;
  klass->get_entry = get_entry;
  klass->import_entries = import_entries;
  klass->set_entry_status = set_entry_status;
  klass->record_check = record_check;
  klass->find_entry_for_request = find_entry_for_request;
  klass->get_letter = get_letter;
  klass->get_letter_pdf = get_letter_pdf;
  klass->find_letter_by_sha256 = find_letter_by_sha256;
  klass->list_events = list_events;
}
