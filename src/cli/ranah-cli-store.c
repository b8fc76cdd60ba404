/* ranah-cli-store.c — ranah-cli store: create a store, describe it
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ranah-cli.h"
#include "ranah-postgres-owner.h"
#include "ranah-sqlite-store.h"

static const char *
store_uri (RanahCli *cli)
{
  static char *shown;
  const char *uri = cli->store_uri;
  g_autofree char *fallback = NULL;

  if (shown != NULL)
    return shown;
  if (uri == NULL || *uri == '\0')
    uri = fallback = ranah_store_default_uri ();
  /* A PostgreSQL owner's address may carry its password: never printed. */
  shown = ranah_store_uri_display (uri);
  return shown;
}

static gboolean
store_init (RanahCli  *cli,
            int        argc,
            char     **argv,
            GError   **error)
{
  g_autofree char *full_name = NULL;
  g_autofree char *nip = NULL;
  g_autofree char *position = NULL;
  g_autofree char *email = NULL;
  g_autofree char *password = NULL;
  g_autoptr(RanahUser) admin = ranah_user_new ();
  const GOptionEntry entries[] = {
    { "full-name", 0, 0, G_OPTION_ARG_STRING, &full_name, N_("The administrator's full name"),
      N_("TEXT") },
    { "nip", 0, 0, G_OPTION_ARG_STRING, &nip, N_("The administrator's NIP"), N_("NIP") },
    { "position", 0, 0, G_OPTION_ARG_STRING, &position, N_("The administrator's position"),
      N_("TEXT") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("The administrator's e-mail"),
      N_("ADDRESS") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, NULL,
                       N_("Creates the schema of an empty store and its first administrator, "
                          "named by --user (default “admin”). The password comes from "
                          "$RANAH_PASSWORD or is asked twice."),
                       entries);

  g_autoptr(GError) local_error = NULL;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 0, error))
    return FALSE;
  /* On PostgreSQL, as the database's owner, connected now: its password from the address,
   * $PGPASSWORD or ~/.pgpass, or asked ($RANAH_PASSWORD is the administrator's). Only then
   * can the store say whether it is set up; a desk's address without a login cannot. */
  if (ranah_cli_is_postgres_uri (cli->store_uri))
    {
      g_autofree char *owner = ranah_cli_owner_conninfo (cli, "PGPASSWORD", error);

      if (owner == NULL || (cli->store = ranah_postgres_store_open_owner (owner, error)) == NULL)
        return FALSE;
    }
  cli->may_create = TRUE;
  if (!ranah_cli_open_store (cli, error))
    return FALSE;

  if (ranah_store_is_initialized (cli->store, &local_error))
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION,
                   _("The store %s is already set up."), store_uri (cli));
      return FALSE;
    }
  /* Not set up ("not found": no schema, or no user yet) is what init is for; a store that
   * cannot be reached or read says why. */
  if (local_error != NULL
      && !g_error_matches (local_error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_free (admin->username);
  admin->username = g_ascii_strdown (cli->username != NULL && *cli->username != '\0'
                                     ? cli->username : "admin", -1);
  admin->role = RANAH_ROLE_ADMIN;
  ranah_cli_take (&admin->full_name, full_name != NULL ? g_steal_pointer (&full_name)
                                                       : g_strdup (_("Administrator")));
  ranah_cli_take (&admin->nip, g_steal_pointer (&nip));
  ranah_cli_take (&admin->position, g_steal_pointer (&position));
  ranah_cli_take (&admin->email, g_steal_pointer (&email));

  password = ranah_cli_read_password ("RANAH_PASSWORD", _("Password for the administrator: "),
                                      TRUE, error);
  if (password == NULL || !ranah_store_initialize (cli->store, admin, password, error))
    return FALSE;

  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_begin_object (json);
      ranah_cli_json_member_string (json, "store", store_uri (cli));
      ranah_cli_json_member_int (json, "schema_version", ranah_store_schema_version (cli->store));
      ranah_cli_json_member_string (json, "admin", admin->username);
      ranah_cli_json_end_object (json);
      ranah_cli_print_json (json);
    }
  else
    g_print (_("Created the store %s with the administrator “%s”.\n"), store_uri (cli),
             admin->username);
  return TRUE;
}

static const char *
status_nick (RanahPgStatus status)
{
  switch (status)
    {
    case RANAH_PG_STATUS_SET_UP:
      return "set-up";
    case RANAH_PG_STATUS_NO_SCHEMA:
      return "no-schema";
    case RANAH_PG_STATUS_NO_USERS:
      return "no-users";
    case RANAH_PG_STATUS_UNKNOWN:
    default:
      return "unknown";
    }
}

static const char *
status_text (RanahPgStatus status)
{
  switch (status)
    {
    case RANAH_PG_STATUS_SET_UP:
      return _("yes");
    case RANAH_PG_STATUS_NO_SCHEMA:
      return _("no: the database has no Ranah schema; run “ranah-cli pg install” as its owner");
    case RANAH_PG_STATUS_NO_USERS:
      return _("no: run ranah-cli store init");
    case RANAH_PG_STATUS_UNKNOWN:
    default:
      return _("cannot tell: the server wants a login; sign in to see");
    }
}

static gboolean
store_info (RanahCli  *cli,
            int        argc,
            char     **argv,
            GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, NULL, N_("Describes the store: where it is, its schema version, "
                                     "whether it is set up, and any warning about it. A store "
                                     "that cannot be reached fails with exit status 7."), NULL);
  g_autoptr(GError) local_error = NULL;
  RanahPgStatus status = RANAH_PG_STATUS_UNKNOWN;
  guint schema_version = 0;
  const char *warning = NULL;
  const char *backend;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 0, error))
    return FALSE;

  if (ranah_cli_is_postgres_uri (cli->store_uri))
    {
      /* A desk's address connects nobody until sign-in: ask the server itself, with what
       * the address and libpq ($PGUSER, $PGPASSWORD, ~/.pgpass) give. */
      backend = "RanahPostgresStore";
      if (!ranah_postgres_probe (cli->store_uri, &status, &schema_version, error))
        return FALSE;
      /* The server wants an official's login: with one at hand ($RANAH_PASSWORD), a
       * sign-in that works says the store is set up. */
      if (status == RANAH_PG_STATUS_UNKNOWN && g_getenv ("RANAH_PASSWORD") != NULL
          && cli->username != NULL && *cli->username != '\0'
          && ranah_cli_open_store (cli, NULL)
          && ranah_store_sign_in (cli->store, cli->username, g_getenv ("RANAH_PASSWORD"), NULL))
        {
          status = RANAH_PG_STATUS_SET_UP;
          schema_version = ranah_store_schema_version (cli->store);
        }
    }
  else
    {
      if (!ranah_cli_open_store (cli, error))
        return FALSE;
      backend = G_OBJECT_TYPE_NAME (cli->store);
      /* A store without its first administrator answers "not found": that is "not set up". */
      if (ranah_store_is_initialized (cli->store, &local_error))
        status = RANAH_PG_STATUS_SET_UP;
      else if (g_error_matches (local_error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND))
        status = RANAH_PG_STATUS_NO_USERS;
      else
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      schema_version = ranah_store_schema_version (cli->store);
      warning = ranah_store_get_warning (cli->store);
    }

  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_begin_object (json);
      ranah_cli_json_member_string (json, "store", store_uri (cli));
      ranah_cli_json_member_string (json, "backend", backend);
      ranah_cli_json_member_int (json, "schema_version", schema_version);
      ranah_cli_json_member_bool (json, "initialized", status == RANAH_PG_STATUS_SET_UP);
      ranah_cli_json_member_string (json, "status", status_nick (status));
      ranah_cli_json_member_string (json, "warning", warning);
      ranah_cli_json_member_string (json, "cli_version", PACKAGE_VERSION);
      ranah_cli_json_end_object (json);
      ranah_cli_print_json (json);
      return TRUE;
    }

  {
    g_autofree char *schema = status == RANAH_PG_STATUS_UNKNOWN
      ? g_strdup ("-") : g_strdup_printf ("%u", schema_version);
    ranah_cli_print_field (_("Store"), store_uri (cli));
    ranah_cli_print_field (_("Backend"), backend);
    ranah_cli_print_field (_("Schema version"), schema);
    ranah_cli_print_field (_("Set up"), status_text (status));
    if (warning != NULL)
      ranah_cli_print_field (_("Warning"), warning);
  }
  return TRUE;
}

static gboolean
store_backup (RanahCli  *cli,
              int        argc,
              char     **argv,
              GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, N_("FILE"),
                       N_("Copies the embedded SQLite store to FILE with SQLite's online backup "
                          "API, safely while others use it; an administrator signs in. Restore "
                          "by opening the copy with --store sqlite:FILE. For PostgreSQL use "
                          "“ranah-cli pg backup”."),
                       NULL);
  const char *dest;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error)
      || !ranah_cli_sign_in (cli, error))
    return FALSE;
  dest = argv[1];

  if (!RANAH_IS_SQLITE_STORE (cli->store))
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION,
                   _("This store is not an SQLite file; back up PostgreSQL with "
                     "“ranah-cli pg backup”."));
      return FALSE;
    }
  if (ranah_store_get_user (cli->store)->role != RANAH_ROLE_ADMIN)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION,
                   _("Only an administrator may back up the store."));
      return FALSE;
    }
  /* Never back up over an existing file: a typo must not destroy an older backup. */
  if (g_file_test (dest, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION,
                   _("The backup file “%s” already exists; choose a new name."), dest);
      return FALSE;
    }
  if (!ranah_sqlite_store_backup (RANAH_SQLITE_STORE (cli->store), dest, error))
    return FALSE;

  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_begin_object (json);
      ranah_cli_json_member_string (json, "backup", dest);
      ranah_cli_json_end_object (json);
      ranah_cli_print_json (json);
    }
  else
    g_print (_("Backed up to %s.\n"), dest);
  return TRUE;
}

static gboolean
store_check (RanahCli  *cli,
             int        argc,
             char     **argv,
             GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, NULL,
                       N_("Reads every page of the embedded SQLite store and reports damage "
                          "(exit code as for any store error). Opening the store does not do "
                          "this: it would cost time at every start on a large store. Backups "
                          "check first."),
                       NULL);

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 0, error)
      || !ranah_cli_sign_in (cli, error))
    return FALSE;
  if (!RANAH_IS_SQLITE_STORE (cli->store))
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION,
                   _("This store is not an SQLite file; PostgreSQL checks its own pages."));
      return FALSE;
    }
  if (!ranah_sqlite_store_check (RANAH_SQLITE_STORE (cli->store), error))
    return FALSE;

  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_begin_object (json);
      ranah_cli_json_member_bool (json, "ok", TRUE);
      ranah_cli_json_end_object (json);
      ranah_cli_print_json (json);
    }
  else
    g_print (_("The store is intact.\n"));
  return TRUE;
}

static const RanahCliCommand subcommands[] = {
  { "init", N_("Create the schema and the first administrator"), store_init },
  { "info", N_("Describe the store"), store_info },
  { "backup", N_("Back up an SQLite store to a file"), store_backup },
  { "check", N_("Check an SQLite store for damage"), store_check },
};

gboolean
ranah_cli_store_main (RanahCli  *cli,
                      int        argc,
                      char     **argv,
                      GError   **error)
{
  return ranah_cli_dispatch (cli, "store", N_("Create a store, describe it or back it up."), subcommands,
                             G_N_ELEMENTS (subcommands), argc, argv, error);
}
