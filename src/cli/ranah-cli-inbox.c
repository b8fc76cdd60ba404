/* ranah-cli-inbox.c — ranah-cli inbox and overdue: what waits, and for how long
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ranah-cli.h"

gboolean
ranah_cli_inbox_main (RanahCli  *cli,
                      int        argc,
                      char     **argv,
                      GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, NULL,
                       N_("Lists what waits for you, overdue first, with the time each step "
                          "has waited against its standard in working days."), NULL);
  g_autoptr(GPtrArray) requests = NULL;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 0, error)
      || !ranah_cli_sign_in (cli, error)
      || (requests = ranah_store_inbox (cli->store, error)) == NULL)
    return FALSE;
  ranah_cli_print_requests (cli, requests, TRUE);
  return TRUE;
}

gboolean
ranah_cli_overdue_main (RanahCli  *cli,
                        int        argc,
                        char     **argv,
                        GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, NULL,
                       N_("Lists every open request whose pending step is past its due time."),
                       NULL);
  g_autoptr(GPtrArray) requests = NULL;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 0, error)
      || !ranah_cli_sign_in (cli, error)
      || (requests = ranah_store_list_overdue (cli->store, error)) == NULL)
    return FALSE;
  ranah_cli_print_requests (cli, requests, TRUE);
  return TRUE;
}
