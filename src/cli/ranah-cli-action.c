/* ranah-cli-action.c — ranah-cli actions, act and disposition: moving a request on
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The verbs are the workflow table's action nicks; which of them a user may perform comes
 * from ranah_store_next_actions() and is checked again by the store inside the move.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "ranah-cli.h"
#include "ranah-escalation.h"

static char *
needs_text (RanahNeeds needs)
{
  static const struct { RanahNeeds need; const char *text; } names[] = {
    { RANAH_NEEDS_REQUEST_LETTER, N_("the scanned request letter") },
    { RANAH_NEEDS_DISPOSITION, N_("the disposition") },
    { RANAH_NEEDS_RECORDS, N_("at least one record") },
    { RANAH_NEEDS_CREATED_RECORDS, N_("every record created") },
    { RANAH_NEEDS_REGISTRY_ENTRY, N_("the registry entry") },
    { RANAH_NEEDS_DRAFT_LETTER, N_("the draft letter") },
    { RANAH_NEEDS_SIGNED_LETTER, N_("the signed letter") },
    { RANAH_NEEDS_NOTE, N_("a note (--note)") },
    { RANAH_NEEDS_UNREAD_DISPOSITION, N_("an unread disposition") },
  };
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (needs & names[i].need)
      {
        if (out->len > 0)
          g_string_append (out, ", ");
        g_string_append (out, _(names[i].text));
      }
  return g_strdup (out->len > 0 ? out->str : "-");
}

gboolean
ranah_cli_actions_main (RanahCli  *cli,
                        int        argc,
                        char     **argv,
                        GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "ID",
                       N_("Lists the actions of the workflow table open to you on a request "
                          "now, with what each needs first."), NULL);
  g_autoptr(RanahRequest) request = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  gint64 id;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error)
      || !ranah_cli_parse_id (argv[1], _("The request ID"), &id, error)
      || !ranah_cli_sign_in (cli, error)
      || (request = ranah_store_get_request (cli->store, id, error)) == NULL)
    return FALSE;
  actions = ranah_store_next_actions (cli->store, request);

  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_begin_array (json);
      for (guint i = 0; i < actions->len; i++)
        {
          const RanahTransition *t = g_ptr_array_index (actions, i);
          g_autofree char *needs = needs_text (t->needs);

          ranah_cli_json_begin_object (json);
          ranah_cli_json_member_string (json, "action", ranah_action_to_string (t->action));
          ranah_cli_json_member_string (json, "label", ranah_action_label (t->action));
          ranah_cli_json_member_int (json, "step", t->step);
          ranah_cli_json_member_string (json, "from", ranah_state_to_string (t->from));
          ranah_cli_json_member_string (json, "to", ranah_state_to_string (t->to));
          ranah_cli_json_member_string (json, "needs", needs);
          ranah_cli_json_member_string (json, "output", ranah_output_label (t->output));
          ranah_cli_json_member_int (json, "standard_days", t->standard_days);
          ranah_cli_json_end_object (json);
        }
      ranah_cli_json_end_array (json);
      ranah_cli_print_json (json);
      return TRUE;
    }

  if (actions->len == 0)
    {
      g_print (_("Nothing is open to you on request %" PRId64 " (%s).\n"), id,
               ranah_state_label (request->state));
      return TRUE;
    }
  g_print ("%-20s %-4s %-32s %s\n", _("ACTION"), _("STEP"), _("WHAT"), _("NEEDS"));
  for (guint i = 0; i < actions->len; i++)
    {
      const RanahTransition *t = g_ptr_array_index (actions, i);
      g_autofree char *needs = needs_text (t->needs);
      g_autofree char *label = ranah_cli_cell (ranah_action_label (t->action), 32);

      g_print ("%-20s %-4u %s %s\n", ranah_action_to_string (t->action), t->step, label, needs);
    }
  return TRUE;
}

typedef struct {
  char   *note;
  char   *to;
  char  **instructions;
  char   *urgency;
  char   *due;
  char   *sifat;
  char   *hal;
  char   *lampiran;
  char  **tembusan;
  char   *idempotency_key;
  gint64  expect_version;
} ActOptions;

static void
act_options_clear (ActOptions *o)
{
  g_free (o->note);
  g_free (o->to);
  g_strfreev (o->instructions);
  g_free (o->urgency);
  g_free (o->due);
  g_free (o->sifat);
  g_free (o->hal);
  g_free (o->lampiran);
  g_strfreev (o->tembusan);
  g_free (o->idempotency_key);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ActOptions, act_options_clear)

static gboolean
unknown_instruction (const char  *nick,
                     GError     **error)
{
  guint n;
  const RanahInstruction *list = ranah_instructions (&n);
  g_autoptr(GString) nicks = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (nicks, "%s%s", i > 0 ? ", " : "", list[i].nick);
  g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
               _("There is no instruction “%s”: use %s."), nick, nicks->str);
  return FALSE;
}

static RanahAction
parse_action (const char *text,
              RanahState  state)
{
  RanahAction forward = ranah_workflow_forward_action (state);

  /* "dispose" is the disposition the current state calls for, whichever step that is. */
  if (g_str_equal (text, "dispose"))
    {
      if (forward == RANAH_ACTION_DISPOSE_TO_KABID || forward == RANAH_ACTION_DISPOSE_TO_SUBKOOR
          || forward == RANAH_ACTION_DISPOSE_TO_STAF)
        return forward;
      return RANAH_ACTION_DISPOSE_TO_KABID;
    }
  return ranah_action_from_string (text);
}

gboolean
ranah_cli_act_main (RanahCli  *cli,
                    int        argc,
                    char     **argv,
                    GError   **error)
{
  g_auto(ActOptions) o = { 0 };
  const GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &o.note,
      N_("A note or reason (required to decline, return a draft or withdraw)"), N_("TEXT") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &o.to,
      N_("Dispose to this user (default: the only holder of the next role)"), N_("USER") },
    { "instruction", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.instructions,
      N_("A disposition instruction, repeatable: tindaklanjuti, proses, koordinasikan, "
         "laporkan, pelajari, siapkan-jawaban, arsipkan, diketahui"), N_("NICK") },
    { "urgency", 0, 0, G_OPTION_ARG_STRING, &o.urgency,
      N_("biasa, segera or sangat-segera"), N_("URGENCY") },
    { "due", 0, 0, G_OPTION_ARG_STRING, &o.due,
      N_("The due date written on the disposition sheet (default: the working-day clock's); "
         "the step's clock follows the calendar whatever it says"),
      N_("DATE") },
    { "sifat", 0, 0, G_OPTION_ARG_STRING, &o.sifat, N_("Draft letter: sifat"), N_("TEXT") },
    { "hal", 0, 0, G_OPTION_ARG_STRING, &o.hal, N_("Draft letter: hal"), N_("TEXT") },
    { "lampiran", 0, 0, G_OPTION_ARG_STRING, &o.lampiran, N_("Draft letter: lampiran"),
      N_("TEXT") },
    { "tembusan", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.tembusan,
      N_("Draft letter: a tembusan line, repeatable"), N_("LINE") },
    { "idempotency-key", 0, 0, G_OPTION_ARG_STRING, &o.idempotency_key,
      N_("With --expect-version, a key that makes repeating this same command harmless"),
      N_("KEY") },
    { "expect-version", 0, 0, G_OPTION_ARG_INT64, &o.expect_version,
      N_("Fail unless the request is still at this version (default: as read just before)"),
      N_("N") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "ID ACTION",
                       N_("Performs one action of the workflow on a request: submit, "
                          "dispose-to-kabid, dispose-to-subkoor, dispose-to-staf (or just "
                          "dispose), create, report, draft, review, sign, receive, "
                          "return-draft, decline, withdraw, recall-disposition. "
                          "“ranah-cli actions ID” lists those open to you."), entries);
  g_autoptr(RanahRequest) request = NULL;
  g_autoptr(RanahRequest) after = NULL;
  g_autoptr(RanahLetter) draft = NULL;
  g_autoptr(RanahUser) to = NULL;
  RanahMove move = { 0 };
  gint64 id;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 2, 2, error)
      || !ranah_cli_parse_id (argv[1], _("The request ID"), &id, error))
    return FALSE;
  if (o.expect_version < 0)
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("--expect-version must be a positive number."));
      return FALSE;
    }
  for (guint i = 0; o.instructions != NULL && o.instructions[i] != NULL; i++)
    if (ranah_instruction_text (o.instructions[i]) == NULL)
      return unknown_instruction (o.instructions[i], error);
  if (o.urgency != NULL)
    {
      gboolean ok;
      move.urgency = ranah_urgency_from_string (o.urgency, &ok);
      if (!ok)
        {
          g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                       _("The urgency must be biasa, segera or sangat-segera, not “%s”."),
                       o.urgency);
          return FALSE;
        }
    }
  if (!ranah_cli_sign_in (cli, error)
      || (request = ranah_store_get_request (cli->store, id, error)) == NULL)
    return FALSE;

  move.action = parse_action (argv[2], request->state);
  if (move.action == RANAH_ACTION_NONE || move.action == RANAH_ACTION_SUBMIT)
    {
      if (move.action == RANAH_ACTION_SUBMIT)
        g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                     _("A request is submitted with “ranah-cli request submit”, not “act”."));
      else
        g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                     _("There is no action “%s”: see ranah-cli act --help."), argv[2]);
      return FALSE;
    }
  if (o.due != NULL && !ranah_cli_parse_time (cli, o.due, "--due", &move.due_at, error))
    return FALSE;
  if (o.to != NULL)
    {
      if ((to = ranah_cli_find_user (cli, o.to, error)) == NULL)
        return FALSE;
      move.to_user_id = to->id;
    }

  if (o.sifat != NULL || o.hal != NULL || o.lampiran != NULL || o.tembusan != NULL)
    {
      g_autoptr(GError) letter_error = NULL;

      /* Start from the current draft so that a redraft changes only what is given. */
      draft = ranah_store_get_letter (cli->store, id, &letter_error);
      if (draft == NULL)
        {
          if (letter_error != NULL
              && !g_error_matches (letter_error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&letter_error));
              return FALSE;
            }
          /* An empty hal lets the store pick the approval's or the refusal's. */
          draft = ranah_letter_new ();
          draft->request_id = id;
        }
      ranah_cli_take (&draft->sifat, g_steal_pointer (&o.sifat));
      ranah_cli_take (&draft->hal, g_steal_pointer (&o.hal));
      ranah_cli_take (&draft->lampiran, g_steal_pointer (&o.lampiran));
      if (o.tembusan != NULL)
        {
          g_strfreev (draft->tembusan);
          draft->tembusan = g_steal_pointer (&o.tembusan);
        }
      move.draft = draft;
    }

  if (move.action == RANAH_ACTION_SIGN)
    {
      move.render = ranah_cli_sign_renderer ();
      move.render_data = cli->store;
      if (move.render == NULL)
        {
          g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_FAILED,
                       _("This ranah-cli was built without the letter layer, so it cannot "
                         "draw and sign the Surat Tanggapan."));
          return FALSE;
        }
    }

  move.request_id = id;
  move.expected_version = o.expect_version != 0 ? o.expect_version : request->version;
  move.note = o.note;
  move.idempotency_key = o.idempotency_key;
  move.instructions = (const char * const *) o.instructions;

  if (!ranah_store_move (cli->store, &move, error))
    return FALSE;
  if ((after = ranah_store_get_request (cli->store, id, error)) == NULL)
    return FALSE;

  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_request (json, after, ranah_cli_calendar (cli, NULL),
                              ranah_store_now (cli->store));
      ranah_cli_print_json (json);
    }
  else
    g_print (_("Request %" PRId64 " (%s): %s → %s.\n"), id, after->fqdn,
             ranah_action_label (move.action), ranah_state_label (after->state));
  return TRUE;
}

static gboolean
disposition_list (RanahCli  *cli,
                  int        argc,
                  char     **argv,
                  GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "ID", N_("Lists the dispositions of a request."), NULL);
  g_autoptr(GPtrArray) dispositions = NULL;
  gint64 id;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error)
      || !ranah_cli_parse_id (argv[1], _("The request ID"), &id, error)
      || !ranah_cli_sign_in (cli, error)
      || (dispositions = ranah_store_list_dispositions (cli->store, id, error)) == NULL)
    return FALSE;

  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_begin_array (json);
      for (guint i = 0; i < dispositions->len; i++)
        ranah_cli_json_disposition (json, g_ptr_array_index (dispositions, i),
                                    ranah_cli_calendar (cli, NULL));
      ranah_cli_json_end_array (json);
      ranah_cli_print_json (json);
      return TRUE;
    }
  for (guint i = 0; i < dispositions->len; i++)
    {
      RanahDisposition *d = g_ptr_array_index (dispositions, i);
      g_autofree char *at = ranah_cli_format_time (cli, d->created_at);
      RanahCalendar *calendar = ranah_cli_calendar (cli, NULL);
      g_autofree char *due = ranah_cli_format_time (cli, calendar != NULL
                                                    ? ranah_escalation_disposition_due (calendar, d)
                                                    : 0);
      g_autofree char *read = ranah_cli_format_time (cli, d->read_at);
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint j = 0; d->instructions != NULL && d->instructions[j] != NULL; j++)
        g_string_append_printf (list, "%s%s", j > 0 ? "; " : "",
                                ranah_instruction_text (d->instructions[j]) != NULL
                                ? ranah_instruction_text (d->instructions[j])
                                : d->instructions[j]);
      g_print (_("%" PRId64 "  step %u  %s  %s → %s  %s  due %s  read %s%s\n"),
               d->id, d->step, at, d->from_name, d->to_name, ranah_urgency_label (d->urgency),
               due, read, d->recalled ? _("  (recalled)") : "");
      if (list->len > 0)
        g_print ("    %s\n", list->str);
      if (d->note != NULL && *d->note != '\0')
        ranah_cli_print_indented (4, d->note);
    }
  return TRUE;
}

static gboolean
disposition_read (RanahCli  *cli,
                  int        argc,
                  char     **argv,
                  GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "ID",
                       N_("Marks the disposition addressed to you on request ID as read; once "
                          "read, its sender can no longer recall it."), NULL);
  g_autoptr(GPtrArray) dispositions = NULL;
  const RanahUser *me;
  RanahDisposition *mine = NULL;
  gint64 id;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error)
      || !ranah_cli_parse_id (argv[1], _("The request ID"), &id, error)
      || !ranah_cli_sign_in (cli, error)
      || (dispositions = ranah_store_list_dispositions (cli->store, id, error)) == NULL)
    return FALSE;
  me = ranah_store_get_user (cli->store);
  for (guint i = dispositions->len; i > 0 && mine == NULL; i--)
    {
      RanahDisposition *d = g_ptr_array_index (dispositions, i - 1);
      if (d->to_user_id == me->id && !d->recalled)
        mine = d;
    }
  if (mine == NULL)
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_NOT_FOUND,
                   _("No disposition on request %" PRId64 " is addressed to you."), id);
      return FALSE;
    }
  if (mine->read_at == 0 && !ranah_store_mark_read (cli->store, mine->id, error))
    return FALSE;
  if (!cli->json)
    g_print (_("Read the disposition from %s on request %" PRId64 ".\n"),
             mine->from_name, id);
  return TRUE;
}

static const RanahCliCommand subcommands[] = {
  { "list", N_("List the dispositions of a request"), disposition_list },
  { "read", N_("Mark the disposition addressed to you as read"), disposition_read },
};

gboolean
ranah_cli_disposition_main (RanahCli  *cli,
                            int        argc,
                            char     **argv,
                            GError   **error)
{
  return ranah_cli_dispatch (cli, "disposition", N_("List dispositions or mark one read."),
                             subcommands, G_N_ELEMENTS (subcommands), argc, argv, error);
}
