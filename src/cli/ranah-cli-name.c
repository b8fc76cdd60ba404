/* ranah-cli-name.c — ranah-cli name: is a name valid, and is it still free
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ranah-cli.h"

static gboolean
name_check (RanahCli  *cli,
            int        argc,
            char     **argv,
            GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "NAME",
                       N_("Checks a requested name: its syntax, the reserved names, and that "
                          "no registry entry or request in progress holds it."), NULL);
  g_autoptr(GHashTable) profile = NULL;
  g_auto(GStrv) reserved = NULL;
  g_autofree char *label = NULL;
  g_autofree char *fqdn = NULL;
  gboolean converted = FALSE;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error)
      || !ranah_cli_sign_in (cli, error)
      || (profile = ranah_store_get_profile (cli->store, error)) == NULL
      || (reserved = ranah_store_list_reserved (cli->store, error)) == NULL
      || !ranah_validate_label (argv[1], &label, &converted, error)
      || !ranah_validate_subdomain (label,
                                    g_hash_table_lookup (profile, RANAH_PROFILE_PARENT_DOMAIN),
                                    (const char * const *) reserved, &fqdn, error)
      || !ranah_store_check_name_free (cli->store, label, 0, error))
    return FALSE;

  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_begin_object (json);
      ranah_cli_json_member_string (json, "input", argv[1]);
      ranah_cli_json_member_string (json, "name", label);
      ranah_cli_json_member_string (json, "fqdn", fqdn);
      ranah_cli_json_member_bool (json, "converted", converted);
      ranah_cli_json_member_bool (json, "free", TRUE);
      ranah_cli_json_end_object (json);
      ranah_cli_print_json (json);
    }
  else
    {
      /* An internationalised name in both its forms, whichever was typed. */
      g_autofree char *shown = ranah_name_display (fqdn);
      g_print (_("%s is valid and free.\n"), shown);
    }
  return TRUE;
}

static const RanahCliCommand subcommands[] = {
  { "check", N_("Check that a name is valid and free"), name_check },
};

gboolean
ranah_cli_name_main (RanahCli  *cli,
                     int        argc,
                     char     **argv,
                     GError   **error)
{
  return ranah_cli_dispatch (cli, "name", N_("Check that a name is valid and free."),
                             subcommands, G_N_ELEMENTS (subcommands), argc, argv, error);
}
