/* ranah-sqlite-admin.c — users, OPDs, holidays, reserved names and the agency profile
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change is audited as an event with action "admin:<verb>" and request 0; the note
 * names what changed, never a password or a secret profile value.
 */
#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "ranah-sqlite-private.h"

#define USER_COLUMNS "id, username, full_name, role, opd_id, nip, position, rank, email, active"

static void
bind_id (sqlite3_stmt *stmt,
         int           idx,
         gint64        id)
{
  if (id == 0)
    sqlite3_bind_null (stmt, idx);
  else
    sqlite3_bind_int64 (stmt, idx, id);
}

static gboolean
validate_user (RanahSqliteStore  *self,
               const RanahUser   *user,
               GError           **error)
{
  if (!ranah_validate_text (user->username, _("User name"), TRUE, FALSE, 64, error)
      || !ranah_validate_text (user->full_name, _("Full name"), FALSE, FALSE, 200, error)
      || !ranah_validate_text (user->position, _("Position"), FALSE, FALSE, 200, error)
      || !ranah_validate_text (user->rank, _("Rank"), FALSE, FALSE, 200, error)
      || !ranah_validate_nip (user->nip != NULL ? user->nip : "", FALSE, error))
    return FALSE;
  if (user->email != NULL && *user->email != '\0'
      && !ranah_validate_email (user->email, _("E-mail"), error))
    return FALSE;
  for (const char *p = user->username; *p; p++)
    if (g_ascii_isspace (*p) || *p == ':')
      {
        g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                     _("The user name may not contain spaces or colons."));
        return FALSE;
      }
  if (user->role <= RANAH_ROLE_NONE || user->role >= RANAH_N_ROLES)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("Choose the user's role."));
      return FALSE;
    }
  if (user->role == RANAH_ROLE_OPD)
    {
      sqlite3_stmt *stmt;
      gboolean has_row;

      if (user->opd_id == 0)
        {
          g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                       _("An OPD user must belong to an OPD."));
          return FALSE;
        }
      stmt = ranah_sqlite_stmt (self, "SELECT 1 FROM opds WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, user->opd_id);
      if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
        return FALSE;
      sqlite3_reset (stmt);
      if (!has_row)
        {
          g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND,
                       _("There is no OPD with id %" PRId64 "."), user->opd_id);
          return FALSE;
        }
    }
  return TRUE;
}

static void
unique_error (RanahSqliteStore  *self,
              int                rc,
              const char        *what,
              GError           **error)
{
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION,
                 _("%s is already taken."), what);
  else
    ranah_sqlite_set_error (self, rc, error);
}

/* Steps an INSERT/UPDATE, reporting a UNIQUE clash as "@what is already taken". */
static gboolean
step_unique (RanahSqliteStore  *self,
             sqlite3_stmt      *stmt,
             const char        *what,
             GError           **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  unique_error (self, rc, what, error);
  return FALSE;
}

/* ---- users ------------------------------------------------------------------------------ */

static GPtrArray *
list_users (RanahStore  *store,
            GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_user_free);
  sqlite3_stmt *stmt;
  gboolean has_row;
  GPtrArray *result = NULL;

  SQLITE_LOCK (self);
  stmt = ranah_sqlite_stmt (self, "SELECT id FROM users ORDER BY username", error);
  if (stmt == NULL)
    goto out;
  for (;;)
    {
      RanahUser *user;

      if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
        goto out;
      if (!has_row)
        break;
      user = ranah_sqlite_load_user (self, sqlite3_column_int64 (stmt, 0), error);
      if (user == NULL)
        goto out;
      g_ptr_array_add (users, user);
    }
  result = g_steal_pointer (&users);
out:
  SQLITE_UNLOCK (self);
  return result;
}

static gint64
add_user_locked (RanahSqliteStore  *self,
                 const RanahUser   *user,
                 const char        *password,
                 GError           **error)
{
  g_autofree char *hash = NULL;
  g_autofree char *username = NULL;
  g_autofree char *note = NULL;
  g_autofree char *subject = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  if (!validate_user (self, user, error))
    return 0;
  if ((hash = ranah_sqlite_hash_password (password, error)) == NULL)
    return 0;
  username = g_utf8_strdown (user->username, -1);

  if (!ranah_sqlite_begin (self, error))
    return 0;
  stmt = ranah_sqlite_stmt (self, "INSERT INTO users (username, full_name, role, opd_id, nip, "
                                  "position, rank, email, active, password_hash, created_at) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", error);
  if (stmt == NULL)
    goto fail;
  ranah_sqlite_bind_text (stmt, 1, username);
  ranah_sqlite_bind_text (stmt, 2, user->full_name != NULL ? user->full_name : "");
  ranah_sqlite_bind_text (stmt, 3, ranah_role_to_string (user->role));
  bind_id (stmt, 4, user->role == RANAH_ROLE_OPD ? user->opd_id : 0);
  ranah_sqlite_bind_text (stmt, 5, user->nip != NULL ? user->nip : "");
  ranah_sqlite_bind_text (stmt, 6, user->position != NULL ? user->position : "");
  ranah_sqlite_bind_text (stmt, 7, user->rank != NULL ? user->rank : "");
  ranah_sqlite_bind_text (stmt, 8, user->email != NULL ? user->email : "");
  sqlite3_bind_int (stmt, 9, user->active ? 1 : 0);
  ranah_sqlite_bind_text (stmt, 10, hash);
  sqlite3_bind_int64 (stmt, 11, ranah_store_now (RANAH_STORE (self)));
  if (!step_unique (self, stmt, _("The user name"), error))
    goto fail;
  id = sqlite3_last_insert_rowid (self->db);
  note = g_strdup_printf ("%s (%s)", username, ranah_role_to_string (user->role));
  subject = g_strdup_printf ("user:%" G_GINT64_FORMAT, id);
  if (!ranah_sqlite_append_event_about (self, 0, "admin:add-user", note, subject, error)
      || !ranah_sqlite_commit (self, error))
    goto fail;
  return id;

fail:
  ranah_sqlite_rollback (self);
  return 0;
}

static gint64
add_user (RanahStore       *store,
          const RanahUser  *user,
          const char       *password,
          GError          **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  gint64 id;

  SQLITE_LOCK (self);
  id = add_user_locked (self, user, password, error);
  SQLITE_UNLOCK (self);
  return id;
}

static gboolean
update_user_locked (RanahSqliteStore  *self,
                    const RanahUser   *user,
                    GError           **error)
{
  g_autofree char *username = NULL;
  g_autofree char *note = NULL;
  g_autofree char *subject = NULL;
  g_autoptr(RanahUser) before = NULL;
  const RanahUser *me = ranah_store_get_user (RANAH_STORE (self));
  sqlite3_stmt *stmt;

  if (!validate_user (self, user, error))
    return FALSE;
  username = g_utf8_strdown (user->username, -1);
  if (!ranah_sqlite_begin (self, error))
    return FALSE;
  if ((before = ranah_sqlite_load_user (self, user->id, error)) == NULL)
    goto fail;
  if (me != NULL && me->id == user->id && (!user->active || user->role != RANAH_ROLE_ADMIN))
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION,
                   _("You cannot disable your own account or give up your own "
                     "administrator role."));
      goto fail;
    }
  stmt = ranah_sqlite_stmt (self, "UPDATE users SET username = ?2, full_name = ?3, role = ?4, "
                                  "opd_id = ?5, nip = ?6, position = ?7, rank = ?8, email = ?9, "
                                  "active = ?10 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, user->id);
  ranah_sqlite_bind_text (stmt, 2, username);
  ranah_sqlite_bind_text (stmt, 3, user->full_name != NULL ? user->full_name : "");
  ranah_sqlite_bind_text (stmt, 4, ranah_role_to_string (user->role));
  bind_id (stmt, 5, user->role == RANAH_ROLE_OPD ? user->opd_id : 0);
  ranah_sqlite_bind_text (stmt, 6, user->nip != NULL ? user->nip : "");
  ranah_sqlite_bind_text (stmt, 7, user->position != NULL ? user->position : "");
  ranah_sqlite_bind_text (stmt, 8, user->rank != NULL ? user->rank : "");
  ranah_sqlite_bind_text (stmt, 9, user->email != NULL ? user->email : "");
  sqlite3_bind_int (stmt, 10, user->active ? 1 : 0);
  if (!step_unique (self, stmt, _("The user name"), error))
    goto fail;
  note = g_strdup_printf ("%s (%s%s)", username, ranah_role_to_string (user->role),
                          user->active ? "" : ", disabled");
  if (!user->active && !ranah_sqlite_end_sessions_of (self, user->id, username, error))
    goto fail;
  subject = g_strdup_printf ("user:%" G_GINT64_FORMAT, user->id);
  if (!ranah_sqlite_append_event_about (self, 0, "admin:update-user", note, subject, error)
      || !ranah_sqlite_commit (self, error))
    goto fail;
  return TRUE;

fail:
  ranah_sqlite_rollback (self);
  return FALSE;
}

static gboolean
update_user (RanahStore       *store,
             const RanahUser  *user,
             GError          **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  gboolean ok;

  SQLITE_LOCK (self);
  ok = update_user_locked (self, user, error);
  SQLITE_UNLOCK (self);
  return ok;
}

static gboolean
set_password_locked (RanahSqliteStore  *self,
                     gint64             user_id,
                     const char        *password,
                     GError           **error)
{
  g_autofree char *hash = NULL;
  g_autoptr(RanahUser) user = NULL;
  sqlite3_stmt *stmt;

  if ((hash = ranah_sqlite_hash_password (password, error)) == NULL)
    return FALSE;
  if (!ranah_sqlite_begin (self, error))
    return FALSE;
  if ((user = ranah_sqlite_load_user (self, user_id, error)) == NULL)
    goto fail;
  stmt = ranah_sqlite_stmt (self, "UPDATE users SET password_hash = ?2, failed_logins = 0, "
                                  "locked_until = 0 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, user_id);
  ranah_sqlite_bind_text (stmt, 2, hash);
  if (!ranah_sqlite_step_done (self, stmt, error)
      || !ranah_sqlite_end_sessions_of (self, user_id, user->username, error)
      || !ranah_sqlite_append_event (self, 0, 0, "admin:set-password", NULL, NULL,
                                     user->username, error)
      || !ranah_sqlite_commit (self, error))
    goto fail;
  return TRUE;

fail:
  ranah_sqlite_rollback (self);
  return FALSE;
}

static gboolean
set_password (RanahStore  *store,
              gint64       user_id,
              const char  *password,
              GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  gboolean ok;

  SQLITE_LOCK (self);
  ok = set_password_locked (self, user_id, password, error);
  SQLITE_UNLOCK (self);
  return ok;
}

/* ---- OPDs ------------------------------------------------------------------------------- */

static GPtrArray *
list_opds (RanahStore  *store,
           GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  g_autoptr(GPtrArray) opds = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_opd_free);
  sqlite3_stmt *stmt;
  gboolean has_row;
  GPtrArray *result = NULL;

  SQLITE_LOCK (self);
  stmt = ranah_sqlite_stmt (self, "SELECT id, code, name, head_title, address, email, active "
                                  "FROM opds ORDER BY name", error);
  if (stmt == NULL)
    goto out;
  for (;;)
    {
      RanahOpd *opd;

      if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
        goto out;
      if (!has_row)
        break;
      opd = ranah_opd_new ();
      opd->id = sqlite3_column_int64 (stmt, 0);
      g_free (opd->code);
      opd->code = ranah_sqlite_col_text (stmt, 1);
      g_free (opd->name);
      opd->name = ranah_sqlite_col_text (stmt, 2);
      g_free (opd->head_title);
      opd->head_title = ranah_sqlite_col_text (stmt, 3);
      g_free (opd->address);
      opd->address = ranah_sqlite_col_text (stmt, 4);
      g_free (opd->email);
      opd->email = ranah_sqlite_col_text (stmt, 5);
      opd->active = sqlite3_column_int (stmt, 6) != 0;
      g_ptr_array_add (opds, opd);
    }
  result = g_steal_pointer (&opds);
out:
  SQLITE_UNLOCK (self);
  return result;
}

static gboolean
validate_opd (const RanahOpd  *opd,
              GError         **error)
{
  if (!ranah_validate_text (opd->code, _("OPD code"), TRUE, FALSE, 32, error)
      || !ranah_validate_text (opd->name, _("OPD name"), TRUE, FALSE, 200, error)
      || !ranah_validate_text (opd->head_title, _("Addressee"), FALSE, FALSE, 200, error)
      || !ranah_validate_text (opd->address, _("Address"), FALSE, FALSE, 200, error))
    return FALSE;
  if (opd->email != NULL && *opd->email != '\0'
      && !ranah_validate_email (opd->email, _("OPD e-mail"), error))
    return FALSE;
  return TRUE;
}

static gint64
write_opd_locked (RanahSqliteStore  *self,
                  const RanahOpd    *opd,
                  gboolean           update,
                  GError           **error)
{
  sqlite3_stmt *stmt;
  gint64 id = opd->id;

  if (!validate_opd (opd, error))
    return 0;
  if (!ranah_sqlite_begin (self, error))
    return 0;
  stmt = ranah_sqlite_stmt (self,
                            update
                            ? "UPDATE opds SET code = ?2, name = ?3, head_title = ?4, "
                              "address = ?5, email = ?6, active = ?7 WHERE id = ?1"
                            : "INSERT INTO opds (code, name, head_title, address, email, active) "
                              "VALUES (?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    goto fail;
  if (update)
    sqlite3_bind_int64 (stmt, 1, opd->id);
  ranah_sqlite_bind_text (stmt, 2, opd->code);
  ranah_sqlite_bind_text (stmt, 3, opd->name);
  ranah_sqlite_bind_text (stmt, 4, opd->head_title != NULL ? opd->head_title : "");
  ranah_sqlite_bind_text (stmt, 5, opd->address != NULL ? opd->address : "");
  ranah_sqlite_bind_text (stmt, 6, opd->email != NULL ? opd->email : "");
  sqlite3_bind_int (stmt, 7, opd->active ? 1 : 0);
  if (!step_unique (self, stmt, _("The OPD code or name"), error))
    goto fail;
  if (update && sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND,
                   _("There is no OPD with id %" PRId64 "."), opd->id);
      goto fail;
    }
  if (!update)
    id = sqlite3_last_insert_rowid (self->db);
  if (!ranah_sqlite_append_event (self, 0, 0, update ? "admin:update-opd" : "admin:add-opd",
                                  NULL, NULL, opd->code, error)
      || !ranah_sqlite_commit (self, error))
    goto fail;
  return id;

fail:
  ranah_sqlite_rollback (self);
  return 0;
}

static gint64
add_opd (RanahStore      *store,
         const RanahOpd  *opd,
         GError         **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  gint64 id;

  SQLITE_LOCK (self);
  id = write_opd_locked (self, opd, FALSE, error);
  SQLITE_UNLOCK (self);
  return id;
}

static gboolean
update_opd (RanahStore      *store,
            const RanahOpd  *opd,
            GError         **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  gint64 id;

  SQLITE_LOCK (self);
  id = write_opd_locked (self, opd, TRUE, error);
  SQLITE_UNLOCK (self);
  return id != 0;
}

/* ---- holidays --------------------------------------------------------------------------- */

static GPtrArray *
list_holidays (RanahStore  *store,
               GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_holiday_free);
  sqlite3_stmt *stmt;
  gboolean has_row;
  GPtrArray *result = NULL;

  SQLITE_LOCK (self);
  stmt = ranah_sqlite_stmt (self, "SELECT date, name, cuti_bersama FROM holidays ORDER BY date",
                            error);
  if (stmt == NULL)
    goto out;
  for (;;)
    {
      if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
        goto out;
      if (!has_row)
        break;
      g_ptr_array_add (days, ranah_holiday_new ((const char *) sqlite3_column_text (stmt, 0),
                                                (const char *) sqlite3_column_text (stmt, 1),
                                                sqlite3_column_int (stmt, 2) != 0));
    }
  result = g_steal_pointer (&days);
out:
  SQLITE_UNLOCK (self);
  return result;
}

/* Runs one admin statement with text parameters and its audit event in one transaction.
 * @missing: the error when no row changed (NULL: no check). */
static gboolean
admin_write (RanahSqliteStore   *self,
             const char         *sql,
             const char * const *params,
             const char         *action,
             const char         *note,
             const char         *duplicate_what,
             const char         *missing,
             GError            **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  SQLITE_LOCK (self);
  if (!ranah_sqlite_begin (self, error))
    goto out;
  stmt = ranah_sqlite_stmt (self, sql, error);
  if (stmt == NULL)
    goto fail;
  for (int i = 0; params[i] != NULL; i++)
    ranah_sqlite_bind_text (stmt, i + 1, params[i]);
  if (!step_unique (self, stmt, duplicate_what, error))
    goto fail;
  if (missing != NULL && sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND, missing);
      goto fail;
    }
  if (!ranah_sqlite_append_event (self, 0, 0, action, NULL, NULL, note, error)
      || !ranah_sqlite_commit (self, error))
    goto fail;
  ok = TRUE;
  goto out;

fail:
  ranah_sqlite_rollback (self);
out:
  SQLITE_UNLOCK (self);
  return ok;
}

static gboolean
add_holiday (RanahStore          *store,
             const RanahHoliday  *holiday,
             GError             **error)
{
  const char *params[] = { holiday->date, holiday->name, holiday->cuti_bersama ? "1" : "0", NULL };
  g_autofree char *note = g_strdup_printf ("%s %s", holiday->date, holiday->name);
  g_autofree char *what = g_strdup_printf (_("The date %s"), holiday->date);

  return admin_write (RANAH_SQLITE_STORE (store),
                      "INSERT INTO holidays (date, name, cuti_bersama) VALUES (?1, ?2, ?3)",
                      params, "admin:add-holiday", note, what, NULL, error);
}

/* Every date as add_holiday() adds one, with its audit event, in one transaction. */
static gboolean
add_holidays (RanahStore  *store,
              GPtrArray   *holidays,
              GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  gboolean ok = FALSE;

  SQLITE_LOCK (self);
  if (!ranah_sqlite_begin (self, error))
    goto out;
  for (guint i = 0; i < holidays->len; i++)
    {
      const RanahHoliday *holiday = g_ptr_array_index (holidays, i);
      g_autofree char *note = g_strdup_printf ("%s %s", holiday->date, holiday->name);
      g_autofree char *what = g_strdup_printf (_("The date %s"), holiday->date);
      sqlite3_stmt *stmt = ranah_sqlite_stmt (self, "INSERT INTO holidays (date, name, "
                                                    "cuti_bersama) VALUES (?1, ?2, ?3)", error);

      if (stmt == NULL)
        goto fail;
      ranah_sqlite_bind_text (stmt, 1, holiday->date);
      ranah_sqlite_bind_text (stmt, 2, holiday->name);
      ranah_sqlite_bind_text (stmt, 3, holiday->cuti_bersama ? "1" : "0");
      if (!step_unique (self, stmt, what, error)
          || !ranah_sqlite_append_event (self, 0, 0, "admin:add-holiday", NULL, NULL, note,
                                         error))
        goto fail;
    }
  if (!ranah_sqlite_commit (self, error))
    goto fail;
  ok = TRUE;
  goto out;

fail:
  ranah_sqlite_rollback (self);
out:
  SQLITE_UNLOCK (self);
  return ok;
}

static gboolean
remove_holiday (RanahStore  *store,
                const char  *date,
                GError     **error)
{
  const char *params[] = { date, NULL };
  g_autofree char *missing = g_strdup_printf (_("There is no holiday on %s."), date);

  return admin_write (RANAH_SQLITE_STORE (store), "DELETE FROM holidays WHERE date = ?1",
                      params, "admin:remove-holiday", date, date, missing, error);
}

/* ---- reserved names --------------------------------------------------------------------- */

static GStrv
list_reserved (RanahStore  *store,
               GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  GStrv names;

  SQLITE_LOCK (self);
  names = ranah_sqlite_reserved_raw (self, error);
  SQLITE_UNLOCK (self);
  return names;
}

static gboolean
add_reserved (RanahStore  *store,
              const char  *name,
              GError     **error)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  const char *params[] = { lower, NULL };
  g_autofree char *what = g_strdup_printf (_("The reserved name “%s”"), lower);

  return admin_write (RANAH_SQLITE_STORE (store), "INSERT INTO reserved_names (name) VALUES (?1)",
                      params, "admin:add-reserved", lower, what, NULL, error);
}

static gboolean
remove_reserved (RanahStore  *store,
                 const char  *name,
                 GError     **error)
{
  const char *params[] = { name, NULL };
  g_autofree char *missing = g_strdup_printf (_("“%s” is not a reserved name."), name);

  return admin_write (RANAH_SQLITE_STORE (store), "DELETE FROM reserved_names WHERE name = ?1",
                      params, "admin:remove-reserved", name, name, missing, error);
}

/* ---- profile ---------------------------------------------------------------------------- */

static GHashTable *
get_profile (RanahStore  *store,
             GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  const RanahUser *me = ranah_store_get_user (store);
  GHashTable *profile;

  SQLITE_LOCK (self);
  profile = ranah_sqlite_profile_raw (self, error);
  SQLITE_UNLOCK (self);

  /* Only those who provision DNS (and the administrator who sets it) see the TSIG key. */
  if (profile != NULL
      && (me == NULL
          || (me->role != RANAH_ROLE_STAF && me->role != RANAH_ROLE_SUBKOOR
              && me->role != RANAH_ROLE_ADMIN)))
    g_hash_table_remove (profile, RANAH_PROFILE_TSIG_SECRET);
  return profile;
}

static gboolean
set_profile (RanahStore  *store,
             const char  *key,
             const char  *value,
             GError     **error)
{
  const char *params[] = { key, value, NULL };
  g_autofree char *note = NULL;

  if (ranah_profile_key_is_secret (key) || strlen (value) > 200)
    note = g_strdup (key);
  else
    note = g_strdup_printf ("%s = %s", key, value);
  return admin_write (RANAH_SQLITE_STORE (store),
                      "INSERT INTO profile (key, value) VALUES (?1, ?2) "
                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                      params, "admin:set-profile", note, key, NULL, error);
}

void
ranah_sqlite_admin_class_init (RanahStoreClass *klass)
{
  klass->list_users = list_users;
  klass->add_user = add_user;
  klass->update_user = update_user;
  klass->set_password = set_password;
  klass->list_opds = list_opds;
  klass->add_opd = add_opd;
  klass->update_opd = update_opd;
  klass->list_holidays = list_holidays;
  klass->add_holiday = add_holiday;
  klass->remove_holiday = remove_holiday;
  klass->add_holidays = add_holidays;
  klass->list_reserved = list_reserved;
  klass->add_reserved = add_reserved;
  klass->remove_reserved = remove_reserved;
  klass->get_profile = get_profile;
  klass->set_profile = set_profile;
}
