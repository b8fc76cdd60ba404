/* ranah-sqlite-store.c — the embedded store: opening the file, migrations, signing in
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Anyone who can write the store file can bypass every check made here: the SQLite store
 * is for a single desk. Offices with several desktops belong on PostgreSQL, where the
 * server enforces the workflow table.
 */
#include <inttypes.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ranah-sqlite-private.h"

G_DEFINE_FINAL_TYPE (RanahSqliteStore, ranah_sqlite_store, RANAH_TYPE_STORE)

/* statfs f_type of file systems on which WAL's shared memory is unsafe. */
static const struct {
  unsigned long magic;
  const char   *name;
} network_fs[] = {
  { 0x6969, "NFS" },
  { 0x517B, "SMB" },
  { 0xFF534D42, "CIFS" },
  { 0xFE534D42, "SMB2" },
  { 0x65735546, "FUSE" },
  { 0x564c, "NCP" },
  { 0x6B414653, "AFS" },
  { 0x5346414F, "OpenAFS" },
  { 0x01161970, "GFS2" },
  { 0x47504653, "GPFS" },
  { 0x0BD00BD0, "Lustre" },
  { 0x73757245, "Coda" },
  { 0xa501FCF5, "VXFS" },
  { 0x19830326, "fhgfs" },
  { 0x013111A8, "IBRIX" },
  { 0x6e667364, "nfsd" },
};

gboolean ranah_sqlite_pretend_network_fs = FALSE;

static gboolean
path_is_on_network_fs (const char *dir)
{
  struct statfs buf;

  if (ranah_sqlite_pretend_network_fs)
    return TRUE;
  if (statfs (dir, &buf) != 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (network_fs); i++)
    if ((unsigned long) (guint32) buf.f_type == network_fs[i].magic)
      return TRUE;
  return FALSE;
}

static gboolean
pwhash_fast (void)
{
  /* Test suites create hundreds of accounts; the hash stays argon2id, only cheaper. */
  return g_getenv ("RANAH_TEST_FAST_PWHASH") != NULL;
}

char *
ranah_sqlite_hash_password (const char  *password,
                            GError     **error)
{
  char out[crypto_pwhash_STRBYTES];
  unsigned long long ops = pwhash_fast () ? crypto_pwhash_argon2id_OPSLIMIT_MIN
                                          : crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
  size_t mem = pwhash_fast () ? crypto_pwhash_argon2id_MEMLIMIT_MIN
                              : crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;

  if (password == NULL || strlen (password) < 8)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("A password must have at least 8 characters."));
      return NULL;
    }
  if (crypto_pwhash_argon2id_str (out, password, strlen (password), ops, mem) != 0)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_FAILED,
                   _("There was not enough memory to protect the password."));
      return NULL;
    }
  return g_strdup (out);
}

/* ---- migrations ------------------------------------------------------------------------ */

static gint
read_pragma_int (RanahSqliteStore  *self,
                 const char        *pragma,
                 GError           **error)
{
  sqlite3_stmt *stmt = NULL;
  gint value = -1;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, pragma, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  else
    ranah_sqlite_set_error (self, rc, error);
  sqlite3_finalize (stmt);
  return value;
}

static gboolean
quick_check (RanahSqliteStore  *self,
             GError           **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  if (!ok)
    {
      if (rc != SQLITE_ROW && (rc & 0xff) != SQLITE_CORRUPT && (rc & 0xff) != SQLITE_NOTADB)
        ranah_sqlite_set_error (self, rc, error);
      else
        g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_CORRUPT,
                     _("The store file “%s” is damaged or is not a Ranah store; restore it "
                       "from a backup."), self->path);
    }
  return ok;
}

static gboolean
migrate (RanahSqliteStore  *self,
         GError           **error)
{
  gint version, app_id, n_tables;
  g_autofree char *set_version = NULL;

  /* A full check reads every page, a cost that grows with the store: it is not paid at
   * every start but before an upgrade, before a backup and on demand (`store check`).
   * A damaged page met later fails that operation with the same sentence. */
  if ((version = read_pragma_int (self, "PRAGMA user_version", error)) < 0
      || (app_id = read_pragma_int (self, "PRAGMA application_id", error)) < 0
      || (n_tables = read_pragma_int (self, "SELECT count(*) FROM sqlite_master", error)) < 0)
    return FALSE;

  if ((version == 0 && n_tables > 0)
      || (version > 0 && app_id != RANAH_SQLITE_APPLICATION_ID))
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_CORRUPT,
                   _("The file “%s” is a database but not a Ranah store."), self->path);
      return FALSE;
    }
  if (version > RANAH_SQLITE_SCHEMA_VERSION)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VERSION,
                   _("This store was written by a newer version of Ranah (schema %d; this "
                     "version knows %d); update Ranah to open it."),
                   version, RANAH_SQLITE_SCHEMA_VERSION);
      return FALSE;
    }
  if (version == RANAH_SQLITE_SCHEMA_VERSION)
    return TRUE;
  if (n_tables > 0 && !quick_check (self, error))
    return FALSE;

  /* Every missing migration in one transaction: a store is never left half upgraded. */
  if (!ranah_sqlite_begin (self, error))
    return FALSE;
  /* Re-read under the write lock: another process may have upgraded it meanwhile. */
  if ((version = read_pragma_int (self, "PRAGMA user_version", error)) < 0)
    goto fail;
  for (guint v = version + 1; v <= RANAH_SQLITE_SCHEMA_VERSION; v++)
    if (!ranah_sqlite_exec (self, ranah_sqlite_migration_sql (v), error))
      goto fail;
  /* A store from before migration 5: its rows enter the audit trail's state once. */
  if (version > 0 && version < 5 && !ranah_sqlite_audit_baseline (self, error))
    goto fail;
  set_version = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d",
                                 RANAH_SQLITE_APPLICATION_ID, RANAH_SQLITE_SCHEMA_VERSION);
  if (!ranah_sqlite_exec (self, set_version, error))
    goto fail;
  return ranah_sqlite_commit (self, error);

fail:
  ranah_sqlite_rollback (self);
  return FALSE;
}

/* ---- shared helpers -------------------------------------------------------------------- */

static RanahUser *
user_from_row (sqlite3_stmt *stmt)
{
  RanahUser *user = ranah_user_new ();

  user->id = sqlite3_column_int64 (stmt, 0);
  g_free (user->username);
  user->username = ranah_sqlite_col_text (stmt, 1);
  g_free (user->full_name);
  user->full_name = ranah_sqlite_col_text (stmt, 2);
  user->role = ranah_role_from_string ((const char *) sqlite3_column_text (stmt, 3));
  user->opd_id = sqlite3_column_int64 (stmt, 4);
  g_free (user->nip);
  user->nip = ranah_sqlite_col_text (stmt, 5);
  g_free (user->position);
  user->position = ranah_sqlite_col_text (stmt, 6);
  g_free (user->rank);
  user->rank = ranah_sqlite_col_text (stmt, 7);
  g_free (user->email);
  user->email = ranah_sqlite_col_text (stmt, 8);
  user->active = sqlite3_column_int (stmt, 9) != 0;
  return user;
}

#define USER_COLUMNS "id, username, full_name, role, opd_id, nip, position, rank, email, active"

RanahUser *
ranah_sqlite_load_user (RanahSqliteStore  *self,
                        gint64             id,
                        GError           **error)
{
  sqlite3_stmt *stmt;
  gboolean has_row;
  RanahUser *user;

  stmt = ranah_sqlite_stmt (self, "SELECT " USER_COLUMNS " FROM users WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND,
                   _("There is no user with id %" PRId64 "."), id);
      return NULL;
    }
  user = user_from_row (stmt);
  sqlite3_reset (stmt);
  return user;
}

RanahUser *
ranah_sqlite_current_user (RanahSqliteStore  *self,
                           GError           **error)
{
  const RanahUser *signed_in = ranah_store_get_user (RANAH_STORE (self));
  g_autoptr(GError) local_error = NULL;
  RanahUser *user;

  if (signed_in == NULL)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION, _("Sign in first."));
      return NULL;
    }
  user = ranah_sqlite_load_user (self, signed_in->id, &local_error);
  if (user == NULL)
    {
      if (g_error_matches (local_error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND))
        g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_AUTH,
                     _("Your account no longer exists."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!user->active)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_AUTH,
                   _("Your account has been disabled."));
      ranah_user_free (user);
      return NULL;
    }
  return user;
}

GHashTable *
ranah_sqlite_profile_raw (RanahSqliteStore  *self,
                          GError           **error)
{
  g_autoptr(GHashTable) profile = ranah_profile_default ();
  sqlite3_stmt *stmt;
  gboolean has_row;

  stmt = ranah_sqlite_stmt (self, "SELECT key, value FROM profile", error);
  if (stmt == NULL)
    return NULL;
  for (;;)
    {
      if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_hash_table_insert (profile, ranah_sqlite_col_text (stmt, 0),
                           ranah_sqlite_col_text (stmt, 1));
    }
  return g_steal_pointer (&profile);
}

RanahCalendar *
ranah_sqlite_calendar (RanahSqliteStore  *self,
                       GError           **error)
{
  g_autoptr(GHashTable) profile = NULL;
  g_autoptr(RanahCalendar) calendar = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;

  if ((profile = ranah_sqlite_profile_raw (self, error)) == NULL)
    return NULL;
  calendar = ranah_calendar_new (g_hash_table_lookup (profile, RANAH_PROFILE_TIMEZONE));
  (void) ranah_calendar_set_office_hours (calendar, g_hash_table_lookup (profile,
                                                                         RANAH_PROFILE_OFFICE_HOURS),
                                          NULL);
  stmt = ranah_sqlite_stmt (self, "SELECT date FROM holidays", error);
  if (stmt == NULL)
    return NULL;
  for (;;)
    {
      if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      ranah_calendar_add_holiday (calendar, (const char *) sqlite3_column_text (stmt, 0));
    }
  return g_steal_pointer (&calendar);
}

GStrv
ranah_sqlite_reserved_raw (RanahSqliteStore  *self,
                           GError           **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  gboolean has_row;

  stmt = ranah_sqlite_stmt (self, "SELECT name FROM reserved_names ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  for (;;)
    {
      if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
    }
  return g_strv_builder_end (builder);
}

gboolean
ranah_sqlite_check_pdf (GBytes  *pdf,
                        GError **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (pdf, &len);
  gsize tail = MIN (len, 1024);

  if (len > RANAH_ATTACHMENT_MAX_BYTES)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION,
                   _("The scanned letter is %.1f MiB; the limit is %d MiB."),
                   len / (1024.0 * 1024.0), RANAH_ATTACHMENT_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }
  if (len < 5 || memcmp (data, "%PDF-", 5) != 0
      || memmem (data + len - tail, tail, "%%EOF", 5) == NULL)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION,
                   _("The scanned letter must be a complete PDF file."));
      return FALSE;
    }
  return TRUE;
}

gint64
ranah_sqlite_store_attachment (RanahSqliteStore  *self,
                               GBytes            *pdf,
                               GError           **error)
{
  sqlite3_stmt *stmt;
  gsize len;
  const guint8 *data = g_bytes_get_data (pdf, &len);
  g_autofree char *sha = ranah_sha256_hex (data, len);

  stmt = ranah_sqlite_stmt (self, "INSERT INTO attachments (sha256, size, data, created_at) "
                                  "VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return 0;
  ranah_sqlite_bind_text (stmt, 1, sha);
  sqlite3_bind_int64 (stmt, 2, len);
  sqlite3_bind_blob64 (stmt, 3, len > 0 ? data : (const void *) "", len, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, ranah_store_now (RANAH_STORE (self)));
  if (!ranah_sqlite_step_done (self, stmt, error))
    return 0;
  sqlite3_clear_bindings (stmt);
  return sqlite3_last_insert_rowid (self->db);
}

/* ---- session ---------------------------------------------------------------------------- */

static gboolean
count_users (RanahSqliteStore  *self,
             gint64            *n,
             GError           **error)
{
  sqlite3_stmt *stmt = ranah_sqlite_stmt (self, "SELECT count(*) FROM users", error);
  gboolean has_row;

  if (stmt == NULL || !ranah_sqlite_step_row (self, stmt, &has_row, error))
    return FALSE;
  *n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
ranah_sqlite_store_is_initialized (RanahStore  *store,
                                   GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  gint64 n = 0;
  gboolean ok;

  SQLITE_LOCK (self);
  ok = count_users (self, &n, error);
  SQLITE_UNLOCK (self);
  if (ok && n == 0 && error != NULL)
    g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND,
                 _("This store has no administrator yet; create one first."));
  return ok && n > 0;
}

static gboolean
initialize_locked (RanahSqliteStore  *self,
                   const RanahUser   *admin,
                   const char        *password,
                   GError           **error)
{
  g_autofree char *hash = NULL;
  g_autofree char *username = NULL;
  const char * const *reserved = ranah_default_reserved_names ();
  sqlite3_stmt *stmt;
  gint64 n = 0, admin_id;
  g_autoptr(RanahUser) created = NULL;
  g_autofree char *user_subject = NULL;
  const char *subjects[] = { NULL, NULL };

  if (!ranah_validate_text (admin->username, _("User name"), TRUE, FALSE, 64, error))
    return FALSE;
  username = g_utf8_strdown (admin->username, -1);
  if ((hash = ranah_sqlite_hash_password (password, error)) == NULL)
    return FALSE;
  if (!ranah_sqlite_begin (self, error))
    return FALSE;
  if (!count_users (self, &n, error))
    goto fail;
  if (n > 0)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_CONFLICT,
                   _("This store already has an administrator."));
      goto fail;
    }
  stmt = ranah_sqlite_stmt (self, "INSERT INTO users (username, full_name, role, nip, position, "
                                  "rank, email, active, password_hash, created_at) "
                                  "VALUES (?1, ?2, 'admin', ?3, ?4, ?5, ?6, 1, ?7, ?8)", error);
  if (stmt == NULL)
    goto fail;
  ranah_sqlite_bind_text (stmt, 1, username);
  ranah_sqlite_bind_text (stmt, 2, admin->full_name != NULL ? admin->full_name : "");
  ranah_sqlite_bind_text (stmt, 3, admin->nip != NULL ? admin->nip : "");
  ranah_sqlite_bind_text (stmt, 4, admin->position != NULL ? admin->position : "");
  ranah_sqlite_bind_text (stmt, 5, admin->rank != NULL ? admin->rank : "");
  ranah_sqlite_bind_text (stmt, 6, admin->email != NULL ? admin->email : "");
  ranah_sqlite_bind_text (stmt, 7, hash);
  sqlite3_bind_int64 (stmt, 8, ranah_store_now (RANAH_STORE (self)));
  if (!ranah_sqlite_step_done (self, stmt, error))
    goto fail;
  admin_id = sqlite3_last_insert_rowid (self->db);

  stmt = ranah_sqlite_stmt (self, "INSERT OR IGNORE INTO reserved_names (name) VALUES (?1)",
                            error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; reserved != NULL && reserved[i] != NULL; i++)
    {
      sqlite3_reset (stmt);
      ranah_sqlite_bind_text (stmt, 1, reserved[i]);
      if (!ranah_sqlite_step_done (self, stmt, error))
        goto fail;
    }

  created = ranah_sqlite_load_user (self, admin_id, error);
  if (created == NULL)
    goto fail;
  user_subject = g_strdup_printf ("user:%" G_GINT64_FORMAT, created->id);
  subjects[0] = user_subject;
  if (!ranah_sqlite_append_event_full (self, created->id, created->username, 0, 0,
                                       "admin:initialize", NULL, NULL, created->username,
                                       subjects, error))
    goto fail;
  return ranah_sqlite_commit (self, error);

fail:
  ranah_sqlite_rollback (self);
  return FALSE;
}

static gboolean
ranah_sqlite_store_initialize (RanahStore       *store,
                               const RanahUser  *admin,
                               const char       *password,
                               GError          **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  gboolean ok;

  SQLITE_LOCK (self);
  ok = initialize_locked (self, admin, password, error);
  SQLITE_UNLOCK (self);
  return ok;
}

static gint64
profile_int (GHashTable *profile,
             const char *key,
             gint64      fallback)
{
  const char *value = g_hash_table_lookup (profile, key);
  gint64 n;

  if (value == NULL || !g_ascii_string_to_signed (value, 10, 0, G_MAXINT32, &n, NULL))
    return fallback;
  return n;
}

/* Records a failed or refused sign-in in its own transaction, so that it stays recorded
 * while the sign-in itself fails. The password is never written anywhere. */
static void
record_sign_in_failure (RanahSqliteStore *self,
                        gint64            user_id,
                        const char       *username,
                        const char       *action,
                        gint64            locked_until,
                        gint64            failures)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  g_autofree char *note = NULL;

  if (!ranah_sqlite_begin (self, &error))
    return;
  if (user_id != 0)
    {
      stmt = ranah_sqlite_stmt (self, "UPDATE users SET failed_logins = ?2, locked_until = ?3 "
                                      "WHERE id = ?1", &error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, user_id);
      sqlite3_bind_int64 (stmt, 2, failures);
      sqlite3_bind_int64 (stmt, 3, locked_until);
      if (!ranah_sqlite_step_done (self, stmt, &error))
        goto fail;
    }
  if (locked_until > 0)
    note = g_strdup_printf ("locked until %" G_GINT64_FORMAT, locked_until);
  if (!ranah_sqlite_append_event_as (self, user_id, username, 0, 0, action, NULL, NULL, note,
                                     &error)
      || !ranah_sqlite_commit (self, &error))
    goto fail;
  return;

fail:
  ranah_sqlite_rollback (self);
}

/* Counts one wrong password, inside one write transaction so that attempts from several
 * processes all count; locks the account at @max_failures. TRUE when it is now locked. */
static gboolean
count_wrong_password (RanahSqliteStore *self,
                      const RanahUser  *user,
                      gint64            max_failures,
                      gint64            lockout_minutes,
                      gint64            now)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row, locked = FALSE;

  if (!ranah_sqlite_begin (self, &error))
    return FALSE;
  stmt = ranah_sqlite_stmt (self, "UPDATE users SET failed_logins = failed_logins + 1 "
                                  "WHERE id = ?1 RETURNING failed_logins", &error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, user->id);
  if (!ranah_sqlite_step_row (self, stmt, &has_row, &error))
    goto fail;
  locked = has_row && max_failures > 0 && sqlite3_column_int64 (stmt, 0) >= max_failures;
  sqlite3_reset (stmt);
  if (locked)
    {
      stmt = ranah_sqlite_stmt (self, "UPDATE users SET failed_logins = 0, locked_until = ?2 "
                                      "WHERE id = ?1", &error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, user->id);
      sqlite3_bind_int64 (stmt, 2, now + lockout_minutes * 60);
      if (!ranah_sqlite_step_done (self, stmt, &error))
        goto fail;
      note = g_strdup_printf ("locked until %" G_GINT64_FORMAT, now + lockout_minutes * 60);
    }
  if (!ranah_sqlite_append_event_as (self, user->id, user->username, 0, 0,
                                     locked ? "auth:sign-in-locked" : "auth:sign-in-failed",
                                     NULL, NULL, note, &error)
      || !ranah_sqlite_commit (self, &error))
    goto fail;
  return locked;

fail:
  ranah_sqlite_rollback (self);
  return locked;
}

/* One sentence for every refused password, whether the name is unknown, the password wrong
 * or the account locked: none of them may tell someone guessing which it was. */
static void
set_sign_in_refused (GError **error)
{
  g_set_error_literal (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_AUTH,
                       _("The user name or the password is wrong, or the account is locked "
                         "after too many wrong passwords."));
}

/* Checks @password against an account nobody has, so that an unknown name costs the time a
 * real check does. */
static void
verify_against_dummy (const char *password)
{
  static char *dummy = NULL;

  if (g_once_init_enter (&dummy))
    g_once_init_leave (&dummy, ranah_sqlite_hash_password ("not a password", NULL));
  if (dummy != NULL)
    {
      int ignored G_GNUC_UNUSED = crypto_pwhash_str_verify (dummy, password, strlen (password));
    }
}

static gboolean
sign_in_locked (RanahSqliteStore  *self,
                const char        *username,
                const char        *password,
                GError           **error)
{
  g_autoptr(GHashTable) profile = NULL;
  g_autoptr(RanahUser) user = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *lower = g_utf8_strdown (username, -1);
  sqlite3_stmt *stmt;
  gboolean has_row;
  gint64 failures, locked_until, now = ranah_store_now (RANAH_STORE (self));
  gint64 max_failures, lockout_minutes;

  if ((profile = ranah_sqlite_profile_raw (self, error)) == NULL)
    return FALSE;
  max_failures = profile_int (profile, RANAH_PROFILE_MAX_LOGIN_FAILURES, 5);
  lockout_minutes = profile_int (profile, RANAH_PROFILE_LOCKOUT_MINUTES, 15);

  stmt = ranah_sqlite_stmt (self, "SELECT " USER_COLUMNS ", password_hash, failed_logins, "
                                  "locked_until FROM users WHERE lower (username) = ?1", error);
  if (stmt == NULL)
    return FALSE;
  ranah_sqlite_bind_text (stmt, 1, lower);
  if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    {
      /* Spend the time a real check would, so timing does not reveal user names. */
      verify_against_dummy (password);
      /* The name typed is not recorded: people type their password there by mistake. */
      record_sign_in_failure (self, 0, "", "auth:sign-in-failed", 0, 0);
      set_sign_in_refused (error);
      return FALSE;
    }
  user = user_from_row (stmt);
  hash = ranah_sqlite_col_text (stmt, 10);
  failures = sqlite3_column_int64 (stmt, 11);
  locked_until = sqlite3_column_int64 (stmt, 12);
  sqlite3_reset (stmt);

  if (locked_until > now)
    {
      /* Locked: the password is checked all the same, for the time it takes, and the
       * answer is an unknown name's, so that a locked account does not show it exists.
       * The audit trail says it was locked. */
      int ignored G_GNUC_UNUSED = crypto_pwhash_str_verify (hash, password, strlen (password));

      record_sign_in_failure (self, user->id, user->username, "auth:sign-in-locked",
                              locked_until, failures);
      set_sign_in_refused (error);
      return FALSE;
    }

  if (crypto_pwhash_str_verify (hash, password, strlen (password)) != 0)
    {
      /* Whether this one locked the account or not: the same sentence. */
      count_wrong_password (self, user, max_failures, lockout_minutes, now);
      set_sign_in_refused (error);
      return FALSE;
    }

  if (!user->active)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_AUTH,
                   _("This account has been disabled; ask the administrator."));
      return FALSE;
    }

  if (failures != 0 || locked_until != 0)
    {
      stmt = ranah_sqlite_stmt (self, "UPDATE users SET failed_logins = 0, locked_until = 0 "
                                      "WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, user->id);
      if (!ranah_sqlite_step_done (self, stmt, error))
        return FALSE;
    }

  ranah_store_set_user (RANAH_STORE (self), user);
  return TRUE;
}

static gboolean
ranah_sqlite_store_sign_in (RanahStore  *store,
                            const char  *username,
                            const char  *password,
                            GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  gboolean ok;

  SQLITE_LOCK (self);
  ok = sign_in_locked (self, username, password, error);
  SQLITE_UNLOCK (self);
  return ok;
}

static guint
ranah_sqlite_store_schema_version (RanahStore *store)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  gint version;

  SQLITE_LOCK (self);
  version = read_pragma_int (self, "PRAGMA user_version", NULL);
  SQLITE_UNLOCK (self);
  return MAX (version, 0);
}

static gint64
ranah_sqlite_store_change_stamp (RanahStore *store)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  gint64 stamp;

  /* data_version moves on other connections' commits; local_commits on ours. */
  SQLITE_LOCK (self);
  stamp = read_pragma_int (self, "PRAGMA data_version", NULL) + self->local_commits;
  SQLITE_UNLOCK (self);
  return stamp;
}

/* ---- sessions --------------------------------------------------------------------------- */

/* The profile's session lifetime in seconds: whole hours, 1 to 744 (a month); anything else
 * is the default working day. */
static gint64
session_seconds (GHashTable *profile)
{
  gint64 hours = profile_int (profile, RANAH_PROFILE_SESSION_HOURS, 10);

  if (hours < 1 || hours > 744)
    hours = 10;
  return hours * 3600;
}

gboolean
ranah_sqlite_end_sessions_of (RanahSqliteStore  *self,
                              gint64             user_id,
                              const char        *reason,
                              GError           **error)
{
  sqlite3_stmt *stmt = ranah_sqlite_stmt (self, "DELETE FROM sessions WHERE user_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  if (!ranah_sqlite_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return TRUE;
  return ranah_sqlite_append_event (self, 0, 0, "auth:sessions-revoked", NULL, NULL, reason,
                                    error);
}

static gboolean
start_session_locked (RanahSqliteStore  *self,
                      const char        *token,
                      const char        *label,
                      gint64            *expires_at,
                      GError           **error)
{
  g_autoptr(GHashTable) profile = NULL;
  g_autoptr(RanahUser) me = NULL;
  g_autofree char *hash = ranah_store_session_token_hash (token);
  gint64 now = ranah_store_now (RANAH_STORE (self));
  sqlite3_stmt *stmt;

  g_assert (hash != NULL);
  if ((me = ranah_sqlite_current_user (self, error)) == NULL
      || (profile = ranah_sqlite_profile_raw (self, error)) == NULL)
    return FALSE;
  *expires_at = now + session_seconds (profile);

  if (!ranah_sqlite_begin (self, error))
    return FALSE;
  stmt = ranah_sqlite_stmt (self, "DELETE FROM sessions WHERE expires_at <= ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, now);
  if (!ranah_sqlite_step_done (self, stmt, error))
    goto fail;
  /* At most RANAH_STORE_MAX_SESSIONS a user: a forgotten script logging in in a loop
   * ends its own oldest sessions rather than filling the table. */
  stmt = ranah_sqlite_stmt (self, "DELETE FROM sessions WHERE id IN (SELECT id FROM sessions "
                                  "WHERE user_id = ?1 ORDER BY created_at DESC, id DESC "
                                  "LIMIT -1 OFFSET ?2)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, me->id);
  sqlite3_bind_int (stmt, 2, RANAH_STORE_MAX_SESSIONS - 1);
  if (!ranah_sqlite_step_done (self, stmt, error))
    goto fail;
  stmt = ranah_sqlite_stmt (self, "INSERT INTO sessions (user_id, token_hash, label, created_at, "
                                  "expires_at) VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, me->id);
  ranah_sqlite_bind_text (stmt, 2, hash);
  ranah_sqlite_bind_text (stmt, 3, label);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, *expires_at);
  if (!ranah_sqlite_step_done (self, stmt, error)
      || !ranah_sqlite_append_event (self, 0, 0, "auth:session-started", NULL, NULL, label,
                                     error)
      || !ranah_sqlite_commit (self, error))
    goto fail;
  return TRUE;

fail:
  ranah_sqlite_rollback (self);
  return FALSE;
}

static gboolean
ranah_sqlite_store_start_session (RanahStore  *store,
                                  const char  *token,
                                  const char  *label,
                                  gint64      *expires_at,
                                  GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  gboolean ok;

  SQLITE_LOCK (self);
  ok = start_session_locked (self, token, label, expires_at, error);
  SQLITE_UNLOCK (self);
  return ok;
}

/* One indexed read and no password hash: this is what makes a command cheap. Every refusal
 * is the same sentence, so that a stale token tells nothing about the account. */
static gboolean
resume_session_locked (RanahSqliteStore  *self,
                       const char        *username,
                       const char        *token,
                       GError           **error)
{
  g_autofree char *hash = ranah_store_session_token_hash (token);
  g_autofree char *lower = g_utf8_strdown (username, -1);
  g_autoptr(RanahUser) user = NULL;
  gint64 now = ranah_store_now (RANAH_STORE (self));
  gint64 locked_until = 0, expires_at = 0;
  sqlite3_stmt *stmt;
  gboolean has_row;

  g_assert (hash != NULL);
  stmt = ranah_sqlite_stmt (self, "SELECT u.id, u.username, u.full_name, u.role, u.opd_id, "
                                  "u.nip, u.position, u.rank, u.email, u.active, "
                                  "u.locked_until, s.expires_at "
                                  "FROM sessions s JOIN users u ON u.id = s.user_id "
                                  "WHERE s.token_hash = ?1", error);
  if (stmt == NULL)
    return FALSE;
  ranah_sqlite_bind_text (stmt, 1, hash);
  if (!ranah_sqlite_step_row (self, stmt, &has_row, error))
    return FALSE;
  if (has_row)
    {
      user = user_from_row (stmt);
      locked_until = sqlite3_column_int64 (stmt, 10);
      expires_at = sqlite3_column_int64 (stmt, 11);
      sqlite3_reset (stmt);
    }
  if (user == NULL || expires_at <= now || !user->active || locked_until > now
      || g_strcmp0 (user->username, lower) != 0)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_AUTH,
                   _("Your session has ended; sign in again with your password."));
      return FALSE;
    }
  ranah_store_set_user (RANAH_STORE (self), user);
  return TRUE;
}

static gboolean
ranah_sqlite_store_resume_session (RanahStore  *store,
                                   const char  *username,
                                   const char  *token,
                                   GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  gboolean ok;

  SQLITE_LOCK (self);
  ok = resume_session_locked (self, username, token, error);
  SQLITE_UNLOCK (self);
  return ok;
}

static gboolean
end_session_locked (RanahSqliteStore  *self,
                    const char        *token,
                    GError           **error)
{
  g_autofree char *hash = ranah_store_session_token_hash (token);
  const RanahUser *me = ranah_store_get_user (RANAH_STORE (self));
  sqlite3_stmt *stmt;

  g_assert (hash != NULL && me != NULL);
  if (!ranah_sqlite_begin (self, error))
    return FALSE;
  /* Only one's own: a token someone else read somewhere ends nothing of theirs. */
  stmt = ranah_sqlite_stmt (self, "DELETE FROM sessions WHERE token_hash = ?1 AND user_id = ?2",
                            error);
  if (stmt == NULL)
    goto fail;
  ranah_sqlite_bind_text (stmt, 1, hash);
  sqlite3_bind_int64 (stmt, 2, me->id);
  if (!ranah_sqlite_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) > 0
      && !ranah_sqlite_append_event (self, 0, 0, "auth:session-ended", NULL, NULL, NULL, error))
    goto fail;
  return ranah_sqlite_commit (self, error);

fail:
  ranah_sqlite_rollback (self);
  return FALSE;
}

static gboolean
ranah_sqlite_store_end_session (RanahStore  *store,
                                const char  *token,
                                GError     **error)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (store);
  gboolean ok;

  SQLITE_LOCK (self);
  ok = end_session_locked (self, token, error);
  SQLITE_UNLOCK (self);
  return ok;
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
ranah_sqlite_store_finalize (GObject *object)
{
  RanahSqliteStore *self = RANAH_SQLITE_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  self->db = NULL;
  g_clear_pointer (&self->path, g_free);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (ranah_sqlite_store_parent_class)->finalize (object);
}

static void
ranah_sqlite_store_class_init (RanahSqliteStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RanahStoreClass *store_class = RANAH_STORE_CLASS (klass);

  object_class->finalize = ranah_sqlite_store_finalize;

  store_class->is_initialized = ranah_sqlite_store_is_initialized;
  store_class->initialize = ranah_sqlite_store_initialize;
  store_class->sign_in = ranah_sqlite_store_sign_in;
  store_class->schema_version = ranah_sqlite_store_schema_version;
  store_class->change_stamp = ranah_sqlite_store_change_stamp;
  store_class->start_session = ranah_sqlite_store_start_session;
  store_class->resume_session = ranah_sqlite_store_resume_session;
  store_class->end_session = ranah_sqlite_store_end_session;

  ranah_sqlite_admin_class_init (store_class);
  ranah_sqlite_requests_class_init (store_class);
  ranah_sqlite_move_class_init (store_class);
  ranah_sqlite_registry_class_init (store_class);
  ranah_sqlite_audit_class_init (store_class);
}

static void
ranah_sqlite_store_init (RanahSqliteStore *self)
{
  g_rec_mutex_init (&self->lock);
}

/* ---- public API ------------------------------------------------------------------------- */

static gboolean
open_file (RanahSqliteStore  *self,
           GError           **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  int rc;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE,
                   _("The folder “%s” for the store cannot be created: %s."),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      if (g_file_test (self->path, G_FILE_TEST_EXISTS) && g_access (self->path, W_OK) != 0)
        g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE,
                     _("The store file “%s” is read-only; Ranah needs to write to it."),
                     self->path);
      else
        g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE,
                     _("The store file “%s” cannot be opened: %s."), self->path,
                     sqlite3_errstr (rc));
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, 1);
  if (sqlite3_db_readonly (self->db, "main") == 1
      || (g_file_test (self->path, G_FILE_TEST_EXISTS) && g_access (self->path, W_OK) != 0))
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE,
                   _("The store file “%s” is read-only; Ranah needs to write to it."),
                   self->path);
      return FALSE;
    }
  sqlite3_busy_timeout (self->db, 5000);

  if (!ranah_sqlite_exec (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;

  self->network_fs = path_is_on_network_fs (dir);
  if (self->network_fs)
    {
      /* WAL needs shared memory that network file systems do not provide. */
      if (!ranah_sqlite_exec (self, "PRAGMA journal_mode = DELETE", error))
        goto journal_failed;
      ranah_store_set_warning (RANAH_STORE (self),
                               _("This store is on a network file system; several desktops "
                                 "belong on PostgreSQL."));
    }
  else if (!ranah_sqlite_exec (self, "PRAGMA journal_mode = WAL", error))
    goto journal_failed;

  /* FULL: a move the user saw succeed survives a power cut, not only a crash. */
  return ranah_sqlite_exec (self, "PRAGMA synchronous = FULL", error);

journal_failed:
  if (g_error_matches (*error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_FAILED))
    {
      g_clear_error (error);
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_CORRUPT,
                   _("The store file “%s” is damaged or is not a Ranah store; restore it "
                     "from a backup."), self->path);
    }
  return FALSE;
}

RanahStore *
ranah_sqlite_store_new (const char  *path,
                        GError     **error)
{
  g_autoptr(RanahSqliteStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (sodium_init () < 0)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_FAILED,
                   _("The cryptography library could not start."));
      return NULL;
    }

  self = g_object_new (RANAH_TYPE_SQLITE_STORE, NULL);
  self->path = g_strdup (path);

  if (!open_file (self, error) || !migrate (self, error))
    return NULL;
  return RANAH_STORE (g_steal_pointer (&self));
}

gboolean
ranah_sqlite_store_check (RanahSqliteStore  *self,
                          GError           **error)
{
  gboolean ok;

  g_return_val_if_fail (RANAH_IS_SQLITE_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  SQLITE_LOCK (self);
  ok = quick_check (self, error);
  SQLITE_UNLOCK (self);
  return ok;
}

gboolean
ranah_sqlite_store_backup (RanahSqliteStore  *self,
                           const char        *dest_path,
                           GError           **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc, fd;

  g_return_val_if_fail (RANAH_IS_SQLITE_STORE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  /* The backup API copies damaged pages faithfully: better to say so before a good old
   * backup is rotated away for a bad new one. */
  if (!ranah_sqlite_store_check (self, error))
    return FALSE;
  /* The copy holds every password hash and the TSIG secret: 0600 from its first byte (SQLite
   * would create it 0644, less the umask), and never over a file that is there. SQLite
   * gives its journal the file's own mode. */
  fd = g_open (dest_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0600);
  if (fd < 0)
    {
      int saved = errno;

      if (saved == EEXIST)
        g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION,
                     _("The backup file “%s” already exists; choose a new name."), dest_path);
      else
        g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE,
                     _("The backup file “%s” cannot be created: %s."), dest_path,
                     g_strerror (saved));
      return FALSE;
    }
  g_close (fd, NULL);
  rc = sqlite3_open_v2 (dest_path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE,
                   _("The backup file “%s” cannot be created: %s."), dest_path,
                   sqlite3_errstr (rc));
      sqlite3_close_v2 (dest);
      g_unlink (dest_path);
      return FALSE;
    }

  SQLITE_LOCK (self);
  backup = sqlite3_backup_init (dest, "main", self->db, "main");
  if (backup != NULL)
    {
      sqlite3_backup_step (backup, -1);
      sqlite3_backup_finish (backup);
    }
  rc = sqlite3_errcode (dest);
  SQLITE_UNLOCK (self);

  sqlite3_close_v2 (dest);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE,
                   _("The backup to “%s” failed: %s."), dest_path, sqlite3_errstr (rc));
      g_unlink (dest_path);
      return FALSE;
    }
  return TRUE;
}
