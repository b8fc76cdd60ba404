/* ranah-cli-reserved.c — ranah-cli reserved: names no OPD may request
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ranah-cli.h"

static gboolean
reserved_add (RanahCli  *cli,
              int        argc,
              char     **argv,
              GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "NAME", N_("Reserves a name (administrators only)."), NULL);

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error)
      || !ranah_cli_sign_in (cli, error)
      || !ranah_store_add_reserved (cli->store, argv[1], error))
    return FALSE;
  if (!cli->json)
    g_print (_("Reserved the name “%s”.\n"), argv[1]);
  return TRUE;
}

static gboolean
reserved_remove (RanahCli  *cli,
                 int        argc,
                 char     **argv,
                 GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "NAME", N_("Frees a reserved name (administrators only)."), NULL);

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error)
      || !ranah_cli_sign_in (cli, error)
      || !ranah_store_remove_reserved (cli->store, argv[1], error))
    return FALSE;
  if (!cli->json)
    g_print (_("The name “%s” is no longer reserved.\n"), argv[1]);
  return TRUE;
}

static gboolean
reserved_list (RanahCli  *cli,
               int        argc,
               char     **argv,
               GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, NULL, N_("Lists the reserved names."), NULL);
  g_auto(GStrv) names = NULL;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 0, error)
      || !ranah_cli_sign_in (cli, error)
      || (names = ranah_store_list_reserved (cli->store, error)) == NULL)
    return FALSE;
  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_begin_array (json);
      for (guint i = 0; names[i] != NULL; i++)
        ranah_cli_json_string (json, names[i]);
      ranah_cli_json_end_array (json);
      ranah_cli_print_json (json);
      return TRUE;
    }
  for (guint i = 0; names[i] != NULL; i++)
    g_print ("%s\n", names[i]);
  return TRUE;
}

static const RanahCliCommand subcommands[] = {
  { "add", N_("Reserve a name"), reserved_add },
  { "list", N_("List reserved names"), reserved_list },
  { "remove", N_("Free a reserved name"), reserved_remove },
};

gboolean
ranah_cli_reserved_main (RanahCli  *cli,
                         int        argc,
                         char     **argv,
                         GError   **error)
{
  return ranah_cli_dispatch (cli, "reserved", N_("Manage reserved names."), subcommands,
                             G_N_ELEMENTS (subcommands), argc, argv, error);
}
