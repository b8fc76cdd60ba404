/* ranah-cli-holiday.c — ranah-cli holiday: days the working-day clock skips
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ranah-cli.h"

static gboolean
holiday_add (RanahCli  *cli,
             int        argc,
             char     **argv,
             GError   **error)
{
  gboolean cuti_bersama = FALSE;
  const GOptionEntry entries[] = {
    { "cuti-bersama", 0, 0, G_OPTION_ARG_NONE, &cuti_bersama,
      N_("A one-off collective leave day rather than a national holiday"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "DATE NAME",
                       N_("Adds a holiday (YYYY-MM-DD) that the working-day clock skips "
                          "(administrators only)."), entries);
  g_autoptr(RanahHoliday) holiday = NULL;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 2, 2, error)
      || !ranah_cli_sign_in (cli, error))
    return FALSE;
  holiday = ranah_holiday_new (argv[1], argv[2], cuti_bersama);
  if (!ranah_store_add_holiday (cli->store, holiday, error))
    return FALSE;
  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_holiday (json, holiday);
      ranah_cli_print_json (json);
    }
  else
    g_print (_("Added the holiday %s (%s).\n"), holiday->date, holiday->name);
  return TRUE;
}

static gboolean
holiday_remove (RanahCli  *cli,
                int        argc,
                char     **argv,
                GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "DATE", N_("Removes a holiday (administrators only)."), NULL);

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error)
      || !ranah_cli_sign_in (cli, error)
      || !ranah_store_remove_holiday (cli->store, argv[1], error))
    return FALSE;
  if (!cli->json)
    g_print (_("Removed the holiday %s.\n"), argv[1]);
  return TRUE;
}

static gboolean
holiday_list (RanahCli  *cli,
              int        argc,
              char     **argv,
              GError   **error)
{
  g_autofree char *year = NULL;
  const GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_STRING, &year, N_("Only this year"), N_("YYYY") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, NULL, N_("Lists holidays and cuti bersama."), entries);
  g_autoptr(GPtrArray) holidays = NULL;
  g_autoptr(RanahCliJson) json = ranah_cli_json_new ();

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 0, error)
      || !ranah_cli_sign_in (cli, error)
      || (holidays = ranah_store_list_holidays (cli->store, error)) == NULL)
    return FALSE;

  if (cli->json)
    ranah_cli_json_begin_array (json);
  else
    g_print ("%-10s %-12s %s\n", _("DATE"), _("KIND"), _("NAME"));
  for (guint i = 0; i < holidays->len; i++)
    {
      RanahHoliday *holiday = g_ptr_array_index (holidays, i);

      if (year != NULL && !g_str_has_prefix (holiday->date, year))
        continue;
      if (cli->json)
        ranah_cli_json_holiday (json, holiday);
      else
        g_print ("%-10s %-12s %s\n", holiday->date,
                 holiday->cuti_bersama ? _("cuti bersama") : _("holiday"), holiday->name);
    }
  if (cli->json)
    {
      ranah_cli_json_end_array (json);
      ranah_cli_print_json (json);
    }
  return TRUE;
}

static const RanahCliCommand subcommands[] = {
  { "add", N_("Add a holiday"), holiday_add },
  { "list", N_("List holidays"), holiday_list },
  { "remove", N_("Remove a holiday"), holiday_remove },
};

gboolean
ranah_cli_holiday_main (RanahCli  *cli,
                        int        argc,
                        char     **argv,
                        GError   **error)
{
  return ranah_cli_dispatch (cli, "holiday", N_("Manage holidays and cuti bersama."),
                             subcommands, G_N_ELEMENTS (subcommands), argc, argv, error);
}
