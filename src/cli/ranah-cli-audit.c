/* ranah-cli-audit.c — ranah-cli audit: the trail of every change, and its hash chain
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ranah-cli.h"

static gboolean
audit_list (RanahCli  *cli,
            int        argc,
            char     **argv,
            GError   **error)
{
  gint64 request_id = 0;
  const GOptionEntry entries[] = {
    { "request", 0, 0, G_OPTION_ARG_INT64, &request_id, N_("Only this request's events"),
      N_("ID") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, NULL, N_("Lists the audit trail, oldest first."), entries);
  g_autoptr(GPtrArray) events = NULL;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 0, error))
    return FALSE;
  if (request_id < 0)
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("--request must be a positive number."));
      return FALSE;
    }
  if (!ranah_cli_sign_in (cli, error)
      || (events = ranah_store_list_events (cli->store, request_id, error)) == NULL)
    return FALSE;

  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_begin_array (json);
      for (guint i = 0; i < events->len; i++)
        ranah_cli_json_event (json, g_ptr_array_index (events, i));
      ranah_cli_json_end_array (json);
      ranah_cli_print_json (json);
      return TRUE;
    }
  g_print ("%-6s %-16s %-12s %-7s %-4s %-24s %s\n", _("SEQ"), _("WHEN"), _("USER"),
           _("REQUEST"), _("STEP"), _("ACTION"), _("CHANGE"));
  for (guint i = 0; i < events->len; i++)
    {
      RanahEvent *e = g_ptr_array_index (events, i);
      g_autofree char *when = ranah_cli_format_time (cli, e->at);
      g_autofree char *user = ranah_cli_cell (e->username, 12);
      g_autofree char *action = ranah_cli_cell (e->action, 24);
      g_autofree char *request = e->request_id != 0
        ? g_strdup_printf ("%" G_GINT64_FORMAT, e->request_id) : g_strdup ("-");
      /* One event, one line: a note's line breaks are written out too. */
      g_autofree char *note = ranah_text_shown (e->note, 0, FALSE);

      g_print ("%-6" G_GINT64_FORMAT " %s %s %-7s %-4u %s %s → %s%s%s\n", e->seq, when, user,
               request, e->step, action,
               e->from_state != NULL && *e->from_state ? e->from_state : "-",
               e->to_state != NULL && *e->to_state ? e->to_state : "-",
               e->note != NULL && *e->note ? "  " : "", note);
    }
  return TRUE;
}

static gboolean
audit_verify (RanahCli  *cli,
              int        argc,
              char     **argv,
              GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, NULL,
                       N_("Re-reads the whole audit trail and checks its hash chain: an edited, "
                          "inserted or deleted event fails, naming the first bad one."), NULL);
  g_autoptr(GPtrArray) events = NULL;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 0, error)
      || !ranah_cli_sign_in (cli, error)
      || (events = ranah_store_list_events (cli->store, 0, error)) == NULL
      || !ranah_audit_verify_chain (events, error))
    return FALSE;
  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_begin_object (json);
      ranah_cli_json_member_bool (json, "ok", TRUE);
      ranah_cli_json_member_int (json, "events", events->len);
      ranah_cli_json_member_string (json, "last_hash", events->len > 0
                                ? ((RanahEvent *) g_ptr_array_index (events, events->len - 1))->hash
                                : RANAH_AUDIT_GENESIS);
      ranah_cli_json_end_object (json);
      ranah_cli_print_json (json);
    }
  else
    g_print (_("The audit trail is intact: %u events.\n"), events->len);
  return TRUE;
}

static const RanahCliCommand subcommands[] = {
  { "list", N_("List the audit trail"), audit_list },
  { "verify", N_("Check the audit trail's hash chain"), audit_verify },
};

gboolean
ranah_cli_audit_main (RanahCli  *cli,
                      int        argc,
                      char     **argv,
                      GError   **error)
{
  return ranah_cli_dispatch (cli, "audit",
                             N_("List the audit trail or verify its hash chain."), subcommands,
                             G_N_ELEMENTS (subcommands), argc, argv, error);
}
