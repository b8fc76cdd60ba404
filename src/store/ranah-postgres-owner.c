/* ranah-postgres-owner.c — the schema owner's connection, its password kept off command lines
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See ranah-postgres-owner.h. Backups live here too: pg_dump gets an address without a
 * password, the password (when Ranah knows one) in a private passfile of its own, and an
 * environment without $PGPASSWORD or any RANAH_* variable; the dump is created 0600.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ranah-postgres-owner.h"
#include "ranah-postgres-private.h"

/* Erases and frees a copy of a password. */
static void
secret_free (char *secret)
{
  if (secret == NULL)
    return;
  memset (secret, 0, strlen (secret));
  g_free (secret);
}

static void
append_quoted (GString    *out,
               const char *keyword,
               const char *value)
{
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append_printf (out, "%s='", keyword);
  for (const char *c = value; *c != '\0'; c++)
    {
      if (*c == '\'' || *c == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '\'');
}

gboolean
ranah_postgres_conninfo_has_password (const char *conninfo)
{
  g_autofree char *password = NULL;
  g_autofree char *rest = ranah_postgres_conninfo_without_password (conninfo, &password);
  gboolean found = password != NULL;

  if (password != NULL)
    memset (password, 0, strlen (password));
  return found;
}

char *
ranah_postgres_conninfo_without_password (const char  *conninfo,
                                          char       **password)
{
  PQconninfoOption *options;
  GString *out;

  g_return_val_if_fail (conninfo != NULL, NULL);

  if (password != NULL)
    *password = NULL;
  if (!ranah_libpq_load (NULL) || (options = PQconninfoParse (conninfo, NULL)) == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      if (o->val == NULL || *o->val == '\0')
        continue;
      if (g_str_equal (o->keyword, "password"))
        {
          if (password != NULL)
            *password = g_strdup (o->val);
          memset (o->val, 0, strlen (o->val));
          continue;
        }
      append_quoted (out, o->keyword, o->val);
    }
  PQconninfoFree (options);
  return g_string_free (out, FALSE);
}

char *
ranah_postgres_conninfo_user (const char *conninfo)
{
  PQconninfoOption *options;
  char *user = NULL;

  g_return_val_if_fail (conninfo != NULL, NULL);

  if (!ranah_libpq_load (NULL) || (options = PQconninfoParse (conninfo, NULL)) == NULL)
    return NULL;
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "user") && o->val != NULL && *o->val != '\0')
      user = g_strdup (o->val);
  PQconninfoFree (options);
  return user;
}

char *
ranah_postgres_conninfo_with_password (const char *conninfo,
                                       const char *password)
{
  g_autofree char *without = ranah_postgres_conninfo_without_password (conninfo, NULL);
  GString *out;

  g_return_val_if_fail (password != NULL, NULL);

  if (without == NULL)
    return NULL;
  out = g_string_new (without);
  append_quoted (out, "password", password);
  return g_string_free (out, FALSE);
}

/* ---- asking the server ------------------------------------------------------------------ */

gboolean
ranah_postgres_needs_password (const char  *conninfo,
                               gboolean    *needs,
                               GError     **error)
{
  const char *keywords[] = { "connect_timeout", "application_name", "dbname", NULL };
  const char *values[] = { "10", "ranah", conninfo, NULL };
  PGconn *conn;

  g_return_val_if_fail (conninfo != NULL && needs != NULL, FALSE);

  *needs = FALSE;
  if (!ranah_libpq_load (error))
    return FALSE;
  conn = PQconnectdbParams (keywords, values, 1);
  if (conn == NULL)
    return TRUE;
  *needs = PQstatus (conn) != CONNECTION_OK && PQconnectionNeedsPassword (conn);
  PQfinish (conn);
  return TRUE;
}

static RanahPostgresStore *
connect_owner_checked (const char  *conninfo,
                       GError     **error)
{
  g_autoptr(RanahPostgresStore) self = NULL;

  if (!ranah_libpq_load (error))
    return NULL;
  if ((self = ranah_pg_connect_owner (conninfo, error)) == NULL)
    return NULL;
  if (self->schema_version > RANAH_POSTGRES_SCHEMA_VERSION)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VERSION,
                   _("This store was set up by a newer version of Ranah (schema %u); update "
                     "Ranah to use it."), self->schema_version);
      return NULL;
    }
  return g_steal_pointer (&self);
}

RanahStore *
ranah_postgres_store_open_owner (const char  *conninfo,
                                 GError     **error)
{
  g_return_val_if_fail (conninfo != NULL, NULL);

  return RANAH_STORE (connect_owner_checked (conninfo, error));
}

gboolean
ranah_postgres_probe (const char     *conninfo,
                      RanahPgStatus  *status,
                      guint          *schema_version,
                      GError        **error)
{
  g_autoptr(RanahPostgresStore) self = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (conninfo != NULL && status != NULL, FALSE);

  *status = RANAH_PG_STATUS_UNKNOWN;
  if (schema_version != NULL)
    *schema_version = 0;
  self = connect_owner_checked (conninfo, &local_error);
  if (self == NULL)
    {
      /* The server answered, but wants a login the address does not give: it is there. */
      if (g_error_matches (local_error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_AUTH))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (schema_version != NULL)
    *schema_version = self->schema_version;
  if (ranah_store_is_initialized (RANAH_STORE (self), &local_error))
    *status = RANAH_PG_STATUS_SET_UP;
  else if (g_error_matches (local_error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND))
    *status = self->schema_version == 0 ? RANAH_PG_STATUS_NO_SCHEMA : RANAH_PG_STATUS_NO_USERS;
  else
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* ---- backups ---------------------------------------------------------------------------- */

/* A passfile of its own for one pg_dump: created 0600 (g_file_open_tmp), matching any
 * server, database and user; its path, or NULL with @error. */
static char *
write_passfile (const char  *password,
                GError     **error)
{
  g_autoptr(GString) line = g_string_new ("*:*:*:*:");
  char *path = NULL;
  gssize written = 0;
  int fd;

  for (const char *c = password; *c != '\0'; c++)
    {
      if (*c == ':' || *c == '\\')
        g_string_append_c (line, '\\');
      g_string_append_c (line, *c);
    }
  g_string_append_c (line, '\n');
  fd = g_file_open_tmp ("ranah-pgpass-XXXXXX", &path, error);
  if (fd < 0)
    return NULL;
  while ((gsize) written < line->len)
    {
      gssize n = write (fd, line->str + written, line->len - written);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      written += n;
    }
  memset (line->str, 0, line->len);
  g_close (fd, NULL);
  if ((gsize) written != line->len)
    {
      g_unlink (path);
      g_free (path);
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_FAILED,
                   _("A temporary file for pg_dump could not be written."));
      return NULL;
    }
  return path;
}

/* Our environment for pg_dump, without $PGPASSWORD and without any RANAH_* variable (the
 * officials' passwords, the store's address), and with @passfile when given. */
static GStrv
child_environment (const char *passfile)
{
  g_auto(GStrv) all = g_get_environ ();
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();

  for (guint i = 0; all[i] != NULL; i++)
    {
      if (g_str_has_prefix (all[i], "RANAH_") || g_str_has_prefix (all[i], "PGPASSWORD=")
          || (passfile != NULL && g_str_has_prefix (all[i], "PGPASSFILE=")))
        continue;
      g_strv_builder_add (kept, all[i]);
    }
  if (passfile != NULL)
    {
      g_autofree char *setting = g_strconcat ("PGPASSFILE=", passfile, NULL);
      g_strv_builder_add (kept, setting);
    }
  return g_strv_builder_end (kept);
}

gboolean
ranah_postgres_store_backup (const char  *conninfo,
                             const char  *dest_path,
                             GError     **error)
{
  g_autofree char *pg_dump = NULL;
  g_autofree char *address = NULL;
  g_autofree char *passfile = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_auto(GStrv) envp = NULL;
  g_autoptr(GError) child_error = NULL;
  char *password = NULL;
  gboolean ok = FALSE;
  int fd;

  g_return_val_if_fail (conninfo != NULL && dest_path != NULL, FALSE);

  if ((pg_dump = g_find_program_in_path ("pg_dump")) == NULL)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE,
                   _("pg_dump is not installed; install the PostgreSQL client tools."));
      return FALSE;
    }
  if (!ranah_libpq_load (error))
    return FALSE;
  if ((address = ranah_postgres_conninfo_without_password (conninfo, &password)) == NULL)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE,
                   _("The store address is not understood; check how it is written."));
      return FALSE;
    }
  if (password == NULL && g_getenv ("PGPASSWORD") != NULL)
    password = g_strdup (g_getenv ("PGPASSWORD"));

  /* The dump is as secret as the store: 0600 from its first byte, and never over a file
   * that is there (an older backup). */
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
      secret_free (password);
      return FALSE;
    }

  if (password != NULL && (passfile = write_passfile (password, error)) == NULL)
    goto out;
  envp = child_environment (passfile);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_environ (launcher, envp);
  /* Custom format to standard output, which is the file opened above. */
  g_subprocess_launcher_take_stdout_fd (launcher, fd);
  fd = -1;
  child = g_subprocess_launcher_spawn (launcher, &child_error, pg_dump, "--format=custom",
                                       "--no-password", "--dbname", address, NULL);
  if (child == NULL)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE,
                   _("pg_dump failed: %s"), child_error->message);
      goto out;
    }
  g_clear_object (&launcher);   /* closes our copy of the file */
  if (!g_subprocess_communicate_utf8 (child, NULL, NULL, NULL, &err, &child_error))
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_FAILED,
                   _("pg_dump failed: %s"), child_error->message);
      goto out;
    }
  if (!g_subprocess_get_successful (child))
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_FAILED,
                   _("pg_dump failed: %s"), err != NULL ? g_strstrip (err) : "");
      goto out;
    }
  ok = TRUE;

out:
  if (fd >= 0)
    g_close (fd, NULL);
  if (passfile != NULL)
    g_unlink (passfile);
  if (!ok)
    g_unlink (dest_path);
  secret_free (password);
  return ok;
}
