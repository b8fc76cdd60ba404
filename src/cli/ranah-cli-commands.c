/* ranah-cli-commands.c — the table of ranah-cli's commands
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "ranah-cli.h"

/* Adding a command group (letter, dns, backup, report, …):
 *  1. write src/cli/ranah-cli-<group>.c with one entry point
 *       gboolean ranah_cli_<group>_main (RanahCli *cli, int argc, char **argv, GError **error);
 *     that hands its subcommands to ranah_cli_dispatch() (see ranah-cli-user.c), each
 *     subcommand parsing its options with ranah_cli_context() + ranah_cli_parse() and
 *     signing in with ranah_cli_sign_in();
 *  2. declare the entry point in ranah-cli.h;
 *  3. add one line below and the file to cli_sources in src/cli/meson.build.
 * Report failures only through the GError: main() prints the one sentence and picks the
 * exit code with ranah_failure_classify(). Print data with --json support (ranah-cli-json.h).
 */
static const RanahCliCommand commands[] = {
  { "login",       N_("Sign in once: later commands ask for no password"), ranah_cli_login_main },
  { "logout",      N_("End the session “login” started"),                 ranah_cli_logout_main },
  { "store",       N_("Create a store, describe it or back it up"),         ranah_cli_store_main },
  { "user",        N_("Manage users and their roles"),                     ranah_cli_user_main },
  { "opd",         N_("Manage the OPDs (requesting agencies)"),            ranah_cli_opd_main },
  { "holiday",     N_("Manage holidays and cuti bersama"),                 ranah_cli_holiday_main },
  { "reserved",    N_("Manage reserved names"),                            ranah_cli_reserved_main },
  { "profile",     N_("Show or change the agency profile"),                ranah_cli_profile_main },
  { "request",     N_("Submit, register, show and list requests"),         ranah_cli_request_main },
  { "inbox",       N_("What waits for me, overdue first"),                 ranah_cli_inbox_main },
  { "overdue",     N_("Every open request past its due time"),             ranah_cli_overdue_main },
  { "actions",     N_("The actions open to me on a request"),              ranah_cli_actions_main },
  { "act",         N_("Perform an action of the workflow on a request"),   ranah_cli_act_main },
  { "disposition", N_("List dispositions or mark one read"),               ranah_cli_disposition_main },
  { "registry",    N_("The registry of subdomains: list, import, export"), ranah_cli_registry_main },
  { "audit",       N_("List the audit trail or verify its hash chain"),    ranah_cli_audit_main },
  { "name",        N_("Check that a name is valid and free"),              ranah_cli_name_main },
  { "demo",        N_("Create a demo store with requests in every state"), ranah_cli_demo_main },
  { "letter",      N_("Letters and disposition sheets as PDF; verify a letter"), ranah_cli_letter_main },
  { "dns",         N_("Provision, verify, audit and check names in DNS"),  ranah_cli_dns_main },
  { "report",      N_("Supervision reports, escalations, case files"),     ranah_cli_report_main },
  { "pg",          N_("Set up, move to and back up a PostgreSQL store"),   ranah_cli_pg_main },
};

const RanahCliCommand *
ranah_cli_commands (guint *n_commands)
{
  g_return_val_if_fail (n_commands != NULL, NULL);
  *n_commands = G_N_ELEMENTS (commands);
  return commands;
}
