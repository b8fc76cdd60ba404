/* ranah-cli-audit.c — ranah-cli audit: the trail of every change, and its hash chain
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

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

/* An anchor of a store with 100,000 requests is about 9 MB. */
#define ANCHOR_MAX (64 * 1024 * 1024)

static gboolean
audit_verify (RanahCli  *cli,
              int        argc,
              char     **argv,
              GError   **error)
{
  g_autofree char *anchor_path = NULL;
  const GOptionEntry entries[] = {
    { "anchor", 0, 0, G_OPTION_ARG_FILENAME, &anchor_path,
      N_("Also prove the store still holds every event of this anchor (from “audit anchor”)"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, NULL,
                       N_("Re-reads the whole audit trail and checks it: its hash chains, each "
                          "chain's last event, and every request, record, disposition, letter, "
                          "registry entry and user the tables hold against what the events "
                          "say. Each difference is named with both values."), entries);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GBytes) anchor = NULL;
  g_autofree char *anchor_text = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 0, error))
    return FALSE;
  if (anchor_path != NULL)
    {
      if (!ranah_file_read_limited (anchor_path, ANCHOR_MAX, &anchor, error))
        return FALSE;
      anchor_text = g_strndup (g_bytes_get_data (anchor, NULL), g_bytes_get_size (anchor));
    }
  if (!ranah_cli_sign_in (cli, error)
      || (events = ranah_store_list_events (cli->store, 0, error)) == NULL)
    return FALSE;
  if (!ranah_store_verify_audit_full (cli->store, anchor_text, &problems, &local_error)
      && problems == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_begin_object (json);
      ranah_cli_json_member_bool (json, "ok", problems->len == 0);
      ranah_cli_json_member_int (json, "events", events->len);
      ranah_cli_json_member_bool (json, "anchor_checked", anchor_text != NULL);
      ranah_cli_json_member_string (json, "last_hash", events->len > 0
                                ? ((RanahEvent *) g_ptr_array_index (events, events->len - 1))->hash
                                : RANAH_AUDIT_GENESIS);
      ranah_cli_json_key (json, "problems");
      ranah_cli_json_begin_array (json);
      for (guint i = 0; i < problems->len; i++)
        ranah_cli_json_string (json, g_ptr_array_index (problems, i));
      ranah_cli_json_end_array (json);
      ranah_cli_json_end_object (json);
      ranah_cli_print_json (json);
    }
  else if (problems->len == 0)
    {
      g_print (_("The audit trail is intact and matches the store: %u events.\n"), events->len);
      if (anchor_text != NULL)
        g_print (_("The store still holds every event of the anchor.\n"));
    }
  else
    for (guint i = 0; i < problems->len; i++)
      {
        g_autofree char *shown = ranah_text_shown (g_ptr_array_index (problems, i), 0, FALSE);
        g_printerr ("%s\n", shown);
      }
  if (problems->len > 0)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   g_dngettext (GETTEXT_PACKAGE, "The audit trail does not match the store: %u "
                                "problem.", "The audit trail does not match the store: %u "
                                "problems.", problems->len), problems->len);
      return FALSE;
    }
  return TRUE;
}

static gboolean
audit_anchor (RanahCli  *cli,
              int        argc,
              char     **argv,
              GError   **error)
{
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the anchor to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, NULL,
                       N_("Records an anchor of the audit trail and prints it: the last event "
                          "of every chain. Keep it outside the store (print it, publish it, "
                          "give it to the inspectorate); “audit verify --anchor FILE” later "
                          "proves that the store still holds every event it names."), entries);
  g_autofree char *anchor = NULL;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 0, error)
      || !ranah_cli_sign_in (cli, error)
      || (anchor = ranah_store_audit_anchor (cli->store, error)) == NULL)
    return FALSE;
  if (output == NULL)
    {
      g_print ("%s", anchor);
      return TRUE;
    }
  {
    g_autoptr(GBytes) bytes = g_bytes_new (anchor, strlen (anchor));

    return ranah_cli_write_output (output, bytes, error);
  }
}

static const RanahCliCommand subcommands[] = {
  { "list", N_("List the audit trail"), audit_list },
  { "verify", N_("Check the audit trail against itself and the store"), audit_verify },
  { "anchor", N_("Record an anchor of the audit trail to keep outside the store"),
    audit_anchor },
};

gboolean
ranah_cli_audit_main (RanahCli  *cli,
                      int        argc,
                      char     **argv,
                      GError   **error)
{
  return ranah_cli_dispatch (cli, "audit",
                             N_("List the audit trail, verify it, or anchor it."), subcommands,
                             G_N_ELEMENTS (subcommands), argc, argv, error);
}
