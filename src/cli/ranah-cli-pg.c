/* ranah-cli-pg.c — ranah-cli pg: set up an office's PostgreSQL server, move up, back up
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every subcommand works on the database --store names (or $RANAH_STORE), connected as the
 * schema owner: its password comes from $PGPASSWORD or ~/.pgpass (libpq's own), else from
 * $RANAH_PASSWORD (install, backup) or a prompt, and stays in memory. A password written
 * into the address anyway is wiped from the command line at start (main.c), with a
 * warning: `ps` shows the command line to every user. See src/store/sql/README.md.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "ranah-cli.h"
#include "ranah-postgres-owner.h"
#include "ranah-postgres-store.h"

gboolean
ranah_cli_is_postgres_uri (const char *uri)
{
  return uri != NULL && !g_str_has_prefix (uri, "sqlite:")
         && (g_str_has_prefix (uri, "postgresql://") || g_str_has_prefix (uri, "postgres://")
             || strchr (uri, '=') != NULL);
}

char *
ranah_cli_owner_conninfo (RanahCli    *cli,
                          const char  *password_env,
                          GError     **error)
{
  g_autofree char *password = NULL;
  g_autofree char *prompt = NULL;
  gboolean needs = FALSE;
  char *conninfo;

  if (!ranah_cli_is_postgres_uri (cli->store_uri))
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("Name the PostgreSQL database with --store "
                     "postgresql://OWNER@HOST/DATABASE (the owner's password in $PGPASSWORD)."));
      return NULL;
    }
  /* In the address (main() has already taken it off the command line), in $PGPASSWORD, in
   * ~/.pgpass, or not needed at all: libpq finds it by itself. */
  if (ranah_postgres_conninfo_has_password (cli->store_uri) || g_getenv ("PGPASSWORD") != NULL)
    return g_strdup (cli->store_uri);
  if (!ranah_postgres_needs_password (cli->store_uri, &needs, error))
    return NULL;
  if (!needs)
    return g_strdup (cli->store_uri);
  /* A desk's address names no login: the owner must be named to be asked for. */
  {
    g_autofree char *user = ranah_postgres_conninfo_user (cli->store_uri);

    if (user == NULL && g_getenv ("PGUSER") == NULL)
      {
        g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                     _("Name the PostgreSQL database with --store "
                       "postgresql://OWNER@HOST/DATABASE (the owner's password in $PGPASSWORD)."));
        return NULL;
      }
  }
  /* Else from @password_env, or asked: it travels on in memory only. */
  {
    g_autofree char *shown = ranah_store_uri_display (cli->store_uri);
    prompt = g_strdup_printf (_("Password of the database owner (%s): "), shown);
  }
  password = ranah_cli_read_password (password_env, prompt, FALSE, error);
  if (password == NULL)
    return NULL;
  conninfo = ranah_postgres_conninfo_with_password (cli->store_uri, password);
  memset (password, 0, strlen (password));
  if (conninfo == NULL)
    g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE,
                 _("The store address is not understood; check how it is written."));
  return conninfo;
}

/* The owner's address of the pg commands; its password, when libpq has none, from
 * $RANAH_PASSWORD or a prompt. */
static gboolean
owner_uri (RanahCli  *cli,
           char     **uri,
           GError   **error)
{
  *uri = ranah_cli_owner_conninfo (cli, "RANAH_PASSWORD", error);
  return *uri != NULL;
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
  g_autofree char *uri = NULL;

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
  g_autofree char *uri = NULL;
  const char *username;

  /* $RANAH_PASSWORD is the SQLite administrator's here: the owner's is libpq's or asked. */
  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error)
      || (uri = ranah_cli_owner_conninfo (cli, "PGPASSWORD", error)) == NULL)
    return FALSE;
  if (!g_str_has_prefix (argv[1], "sqlite:"))
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("Name the store to move from as sqlite:PATH."));
      return FALSE;
    }
  username = cli->username != NULL && *cli->username != '\0' ? cli->username : "admin";
  if ((source = ranah_cli_open_existing (argv[1], error)) == NULL
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
  g_autofree char *uri = NULL;

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
