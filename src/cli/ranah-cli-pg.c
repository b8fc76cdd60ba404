/* ranah-cli-pg.c — ranah-cli pg: set up an office's PostgreSQL server, move up, back up
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every subcommand works on the database --store names (or $RANAH_STORE), connected as the
 * schema owner: put the owner's password in $PGPASSWORD or ~/.pgpass rather than in the
 * address, where `ps` would show it. See src/store/sql/README.md.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ranah-cli.h"
#include "ranah-postgres-store.h"

static gboolean
owner_uri (RanahCli     *cli,
           const char  **uri,
           GError      **error)
{
  if (cli->store_uri == NULL || g_str_has_prefix (cli->store_uri, "sqlite:")
      || (!g_str_has_prefix (cli->store_uri, "postgresql://")
          && !g_str_has_prefix (cli->store_uri, "postgres://")
          && strchr (cli->store_uri, '=') == NULL))
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("Name the PostgreSQL database with --store "
                     "postgresql://OWNER@HOST/DATABASE (the owner's password in $PGPASSWORD)."));
      return FALSE;
    }
  *uri = cli->store_uri;
  return TRUE;
}

static gboolean
pg_install (RanahCli  *cli,
            int        argc,
            char     **argv,
            GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, NULL,
                       N_("Installs or upgrades the Ranah schema on the PostgreSQL database "
                          "named by --store, as its owner: migrations, the group roles, the "
                          "workflow table, the functions, grants and row-level security. "
                          "Then create the first administrator with “ranah-cli store init”."),
                       NULL);
  const char *uri;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 0, error)
      || !owner_uri (cli, &uri, error)
      || !ranah_postgres_store_install (uri, error))
    return FALSE;

  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_begin_object (json);
      ranah_cli_json_member_int (json, "schema_version", RANAH_POSTGRES_SCHEMA_VERSION);
      ranah_cli_json_end_object (json);
      ranah_cli_print_json (json);
    }
  else
    g_print (_("The database has the Ranah schema, version %d.\n"), RANAH_POSTGRES_SCHEMA_VERSION);
  return TRUE;
}

static gboolean
pg_migrate_from (RanahCli  *cli,
                 int        argc,
                 char     **argv,
                 GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, N_("sqlite:PATH"),
                       N_("Moves an office from an SQLite store to the empty PostgreSQL "
                          "database named by --store: every request, attachment, letter, "
                          "registry entry, user and audit event (the chain still verifies). "
                          "Signs in to the SQLite store as --user (an administrator) with "
                          "$RANAH_PASSWORD; every user gets the initial password from "
                          "$RANAH_INITIAL_PASSWORD (or asked) and changes it after."),
                       NULL);
  g_autoptr(RanahStore) source = NULL;
  g_autoptr(RanahStore) target = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *password = NULL;
  g_autofree char *initial = NULL;
  const char *username;
  const char *uri;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error)
      || !owner_uri (cli, &uri, error))
    return FALSE;
  if (!g_str_has_prefix (argv[1], "sqlite:"))
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("Name the store to move from as sqlite:PATH."));
      return FALSE;
    }
  username = cli->username != NULL && *cli->username != '\0' ? cli->username : "admin";
  if ((source = ranah_store_open (argv[1], error)) == NULL
      || (password = ranah_cli_read_password ("RANAH_PASSWORD",
                                              _("Password on the SQLite store: "), FALSE,
                                              error)) == NULL
      || !ranah_store_sign_in (source, username, password, error)
      || (initial = ranah_cli_read_password ("RANAH_INITIAL_PASSWORD",
                                             _("Initial password for every user: "), TRUE,
                                             error)) == NULL
      || !ranah_postgres_store_import_from (uri, source, initial, error))
    return FALSE;

  /* Check the result as the users will see it: signed in, the chain verifies. */
  if ((target = ranah_store_open (uri, error)) == NULL
      || !ranah_store_sign_in (target, username, initial, error)
      || !ranah_store_verify_audit (target, error)
      || (events = ranah_store_list_events (target, 0, error)) == NULL)
    return FALSE;

  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_begin_object (json);
      ranah_cli_json_member_int (json, "events", events->len);
      ranah_cli_json_member_bool (json, "audit_verified", TRUE);
      ranah_cli_json_end_object (json);
      ranah_cli_print_json (json);
    }
  else
    g_print (_("Moved the office to PostgreSQL: %u audit events, the chain verifies. Every "
               "user now signs in with the initial password and should change it.\n"),
             events->len);
  return TRUE;
}

static gboolean
pg_backup (RanahCli  *cli,
           int        argc,
           char     **argv,
           GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, N_("FILE"),
                       N_("Backs up the PostgreSQL database named by --store with pg_dump "
                          "(custom format; restore with pg_restore). Login roles are not in "
                          "the dump: keep “pg_dumpall --roles-only” beside it."),
                       NULL);
  const char *uri;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error)
      || !owner_uri (cli, &uri, error)
      || !ranah_postgres_store_backup (uri, argv[1], error))
    return FALSE;
  if (!cli->json)
    g_print (_("Backed up the store to %s.\n"), argv[1]);
  else
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_begin_object (json);
      ranah_cli_json_member_string (json, "file", argv[1]);
      ranah_cli_json_end_object (json);
      ranah_cli_print_json (json);
    }
  return TRUE;
}

gboolean
ranah_cli_pg_main (RanahCli  *cli,
                   int        argc,
                   char     **argv,
                   GError   **error)
{
  static const RanahCliCommand subcommands[] = {
    { "install",      N_("Install or upgrade the schema on a PostgreSQL database"), pg_install },
    { "migrate-from", N_("Move an office from SQLite to PostgreSQL"),               pg_migrate_from },
    { "backup",       N_("Back up the PostgreSQL database with pg_dump"),          pg_backup },
  };

  return ranah_cli_dispatch (cli, "pg", N_("Set up, move to and back up a PostgreSQL store."),
                             subcommands, G_N_ELEMENTS (subcommands), argc, argv, error);
}
