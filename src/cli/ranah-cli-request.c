/* ranah-cli-request.c — ranah-cli request: step 1, and a request with its whole timeline
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "ranah-cli.h"
#include "ranah-escalation.h"

static gboolean
record_error (const char  *spec,
              const char  *why,
              GError     **error)
{
  g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
               _("The record “%s” is not [HOST=]TYPE:TARGET[:TTL][:internal]: %s"), spec, why);
  return FALSE;
}

gboolean
ranah_cli_parse_record (const char   *spec,
                        RanahRecord **out,
                        GError      **error)
{
  g_autoptr(RanahRecord) record = ranah_record_new (RANAH_RECORD_A, "", "");
  g_autofree char *copy = g_strdup (spec);
  char *rest = copy;
  char *colon;
  char *eq = strchr (rest, '=');
  char *ttl = NULL;

  colon = strchr (rest, ':');
  if (colon == NULL)
    return record_error (spec, _("it has no target."), error);
  if (eq != NULL && eq < colon)
    {
      *eq = '\0';
      ranah_cli_take (&record->host, g_strdup (rest));
      rest = eq + 1;
    }
  *colon = '\0';
  if (!ranah_record_type_from_string (rest, &record->type))
    return record_error (spec, _("the type must be A, AAAA, CNAME, TXT or MX."), error);
  rest = colon + 1;

  if (g_str_has_suffix (rest, ":internal"))
    {
      record->internal = TRUE;
      rest[strlen (rest) - strlen (":internal")] = '\0';
    }

  if (record->type == RANAH_RECORD_MX)
    {
      guint64 priority;
      colon = strchr (rest, ':');
      if (colon == NULL)
        return record_error (spec, _("an MX record is MX:PRIORITY:TARGET."), error);
      *colon = '\0';
      if (!g_ascii_string_to_unsigned (rest, 10, 0, 65535, &priority, NULL))
        return record_error (spec, _("the MX priority must be a number from 0 to 65535."),
                             error);
      record->priority = (guint) priority;
      rest = colon + 1;
    }

  if (*rest == '[')
    {
      /* Brackets let a target hold colons: an IPv6 address followed by a TTL. */
      char *close = strchr (rest, ']');
      if (close == NULL)
        return record_error (spec, _("a “[” has no “]”."), error);
      *close = '\0';
      ranah_cli_take (&record->target, g_strdup (rest + 1));
      if (close[1] == ':')
        ttl = close + 2;
      else if (close[1] != '\0')
        return record_error (spec, _("only “:TTL” may follow “]”."), error);
    }
  else if (record->type == RANAH_RECORD_AAAA)
    ranah_cli_take (&record->target, g_strdup (rest));
  else
    {
      colon = strrchr (rest, ':');
      if (colon != NULL)
        {
          *colon = '\0';
          ttl = colon + 1;
        }
      ranah_cli_take (&record->target, g_strdup (rest));
    }

  if (ttl != NULL)
    {
      guint64 value;
      if (!g_ascii_string_to_unsigned (ttl, 10, 0, G_MAXUINT32, &value, NULL))
        return record_error (spec, _("the TTL must be a number of seconds."), error);
      record->ttl = (guint) value;
    }
  if (*record->target == '\0')
    return record_error (spec, _("it has no target."), error);

  *out = g_steal_pointer (&record);
  return TRUE;
}

char *
ranah_cli_record_text (const RanahRecord *record)
{
  GString *out = g_string_new (NULL);

  if (record->host != NULL && *record->host != '\0' && !g_str_equal (record->host, "@"))
    g_string_append_printf (out, "%s ", record->host);
  g_string_append (out, ranah_record_type_to_string (record->type));
  if (record->type == RANAH_RECORD_MX)
    g_string_append_printf (out, " %u", record->priority);
  g_string_append_printf (out, " %s", record->target);
  if (record->ttl != 0)
    g_string_append_printf (out, _(" (TTL %u)"), record->ttl);
  if (record->internal)
    g_string_append (out, _(" (internal)"));
  return g_string_free (out, FALSE);
}

typedef struct {
  char  *name;
  char **records;
  char  *purpose;
  char  *contact_name;
  char  *contact_phone;
  char  *contact_email;
  char  *letter_number;
  char  *letter_date;
  char  *received_date;
  char  *received_time;
  char  *hal;
  char  *classification;
  char  *sifat;
  char  *letter;
  char  *opd;
} SubmitOptions;

static void
submit_options_clear (SubmitOptions *o)
{
  g_free (o->name);
  g_strfreev (o->records);
  g_free (o->purpose);
  g_free (o->contact_name);
  g_free (o->contact_phone);
  g_free (o->contact_email);
  g_free (o->letter_number);
  g_free (o->letter_date);
  g_free (o->received_date);
  g_free (o->received_time);
  g_free (o->hal);
  g_free (o->classification);
  g_free (o->sifat);
  g_free (o->letter);
  g_free (o->opd);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SubmitOptions, submit_options_clear)

static gboolean
submit_or_register (RanahCli  *cli,
                    int        argc,
                    char     **argv,
                    gboolean   register_paper,
                    GError   **error)
{
  g_auto(SubmitOptions) o = { 0 };
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &o.name, N_("The requested name (label)"),
      N_("NAME") },
    { "record", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.records,
      N_("A record, repeatable: [HOST=]TYPE:TARGET[:TTL][:internal]; MX:PRIO:TARGET; an IPv6 "
         "address with a TTL in brackets, AAAA:[2001:db8::1]:300"), N_("SPEC") },
    { "purpose", 0, 0, G_OPTION_ARG_STRING, &o.purpose, N_("What the name is for"),
      N_("TEXT") },
    { "contact-name", 0, 0, G_OPTION_ARG_STRING, &o.contact_name,
      N_("Technical contact's name"), N_("TEXT") },
    { "contact-phone", 0, 0, G_OPTION_ARG_STRING, &o.contact_phone,
      N_("Technical contact's phone"), N_("PHONE") },
    { "contact-email", 0, 0, G_OPTION_ARG_STRING, &o.contact_email,
      N_("Technical contact's e-mail"), N_("ADDRESS") },
    { "letter-number", 0, 0, G_OPTION_ARG_STRING, &o.letter_number,
      N_("The number on the OPD's letter"), N_("TEXT") },
    { "letter-date", 0, 0, G_OPTION_ARG_STRING, &o.letter_date,
      N_("The date of the OPD's letter"), N_("YYYY-MM-DD") },
    { "received-date", 0, 0, G_OPTION_ARG_STRING, &o.received_date,
      N_("The date the letter was received (default: today)"), N_("YYYY-MM-DD") },
    { "received-time", 0, 0, G_OPTION_ARG_STRING, &o.received_time,
      N_("The time it was received, when step 2's clock starts (default: the office's opening "
         "that day, or now if it is today and later)"), N_("HH:MM") },
    { "hal", 0, 0, G_OPTION_ARG_STRING, &o.hal,
      N_("The letter's subject (default: “Permohonan Pembuatan Subdomain”)"), N_("TEXT") },
    { "classification", 0, 0, G_OPTION_ARG_STRING, &o.classification,
      N_("Kode klasifikasi (default: the agency profile's)"), N_("CODE") },
    { "sifat", 0, 0, G_OPTION_ARG_STRING, &o.sifat,
      N_("The letter's sifat (default: Biasa)"), N_("TEXT") },
    { "letter", 0, 0, G_OPTION_ARG_FILENAME, &o.letter,
      N_("The scanned letter (PDF, at most 20 MiB)"), N_("FILE.pdf") },
    { NULL }, { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(RanahRequest) request = ranah_request_new ();
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GHashTable) profile = NULL;
  const RanahUser *me;
  gint64 id;

  if (register_paper)
    entries[G_N_ELEMENTS (entries) - 2] = (GOptionEntry) {
      "opd", 0, 0, G_OPTION_ARG_STRING, &o.opd, N_("The OPD that sent the letter"), N_("CODE")
    };
  context = ranah_cli_context (cli, NULL,
                               register_paper
                               ? N_("Registers an OPD's paper letter as a request (step 1, "
                                    "DKISP staff).")
                               : N_("Submits your OPD's request for a subdomain (step 1)."),
                               entries);
  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 0, error)
      || !ranah_cli_sign_in (cli, error))
    return FALSE;
  me = ranah_store_get_user (cli->store);

  if (register_paper)
    {
      g_autoptr(RanahOpd) opd = NULL;
      if (o.opd == NULL)
        {
          g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                       _("Name the OPD that sent the letter with --opd CODE."));
          return FALSE;
        }
      if ((opd = ranah_cli_find_opd (cli, o.opd, error)) == NULL)
        return FALSE;
      request->opd_id = opd->id;
      ranah_cli_take (&request->opd_name, g_strdup (opd->name));
    }
  else
    {
      if (me->role != RANAH_ROLE_OPD)
        {
          g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION,
                       _("Only OPD users submit requests; DKISP staff register a paper letter "
                         "with “ranah-cli request register --opd CODE”."));
          return FALSE;
        }
      request->opd_id = me->opd_id;
    }

  if (o.name == NULL)
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("Name the subdomain you ask for with --name NAME."));
      return FALSE;
    }
  for (guint i = 0; o.records != NULL && o.records[i] != NULL; i++)
    {
      RanahRecord *record = NULL;
      if (!ranah_cli_parse_record (o.records[i], &record, error))
        return FALSE;
      g_ptr_array_add (request->records, record);
    }

  if ((profile = ranah_store_get_profile (cli->store, error)) == NULL)
    return FALSE;
  ranah_cli_take (&request->name, g_steal_pointer (&o.name));
  ranah_cli_take (&request->purpose, g_steal_pointer (&o.purpose));
  ranah_cli_take (&request->contact_name, g_steal_pointer (&o.contact_name));
  ranah_cli_take (&request->contact_phone, g_steal_pointer (&o.contact_phone));
  ranah_cli_take (&request->contact_email, g_steal_pointer (&o.contact_email));
  ranah_cli_take (&request->letter_number, g_steal_pointer (&o.letter_number));
  ranah_cli_take (&request->letter_date, g_steal_pointer (&o.letter_date));
  ranah_cli_take (&request->received_date, o.received_date != NULL
                                           ? g_steal_pointer (&o.received_date)
                                           : ranah_cli_today (cli));
  if (o.received_time != NULL)
    {
      RanahCalendar *calendar = ranah_cli_calendar (cli, error);
      guint h, m;
      char tail;

      if (sscanf (o.received_time, "%2u:%2u%c", &h, &m, &tail) != 2 || h > 23 || m > 59)
        {
          g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                       _("--received-time must be a time of day HH:MM, not “%s”."),
                       o.received_time);
          return FALSE;
        }
      if (calendar == NULL)
        return FALSE;
      /* On a date that is not one, 0: the store's check of the date says what is wrong. */
      request->received_at = ranah_calendar_moment (calendar, request->received_date,
                                                    h * 60 + m);
    }
  ranah_cli_take (&request->hal, o.hal != NULL ? g_steal_pointer (&o.hal)
                                               : g_strdup ("Permohonan Pembuatan Subdomain"));
  ranah_cli_take (&request->classification,
                  o.classification != NULL
                  ? g_steal_pointer (&o.classification)
                  : g_strdup (g_hash_table_lookup (profile, RANAH_PROFILE_CLASSIFICATION)));
  ranah_cli_take (&request->sifat, g_steal_pointer (&o.sifat));

  if (o.letter != NULL
      && (pdf = ranah_cli_read_input (o.letter, RANAH_ATTACHMENT_MAX_BYTES, error)) == NULL)
    return FALSE;

  id = ranah_store_submit_request (cli->store, request, pdf, error);
  if (id == 0)
    return FALSE;
  request->id = id;

  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      g_autoptr(RanahRequest) stored = ranah_store_get_request (cli->store, id, NULL);
      ranah_cli_json_request (json, stored != NULL ? stored : request,
                              ranah_cli_calendar (cli, NULL), ranah_store_now (cli->store));
      ranah_cli_print_json (json);
    }
  else
    {
      g_autofree char *shown = ranah_name_display (request->fqdn);
      g_print (_("Request %" PRId64 " for %s: agenda number %u/%u.\n"), id,
               shown, request->agenda_number, request->agenda_year);
    }
  return TRUE;
}

static gboolean
request_submit (RanahCli *cli, int argc, char **argv, GError **error)
{
  return submit_or_register (cli, argc, argv, FALSE, error);
}

static gboolean
request_register (RanahCli *cli, int argc, char **argv, GError **error)
{
  return submit_or_register (cli, argc, argv, TRUE, error);
}

static gboolean
request_attach (RanahCli  *cli,
                int        argc,
                char     **argv,
                GError   **error)
{
  gint64 expect = 0;
  const GOptionEntry entries[] = {
    { "expect-version", 0, 0, G_OPTION_ARG_INT64, &expect,
      N_("Fail unless the request is still at this version"), N_("N") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "ID FILE.pdf",
                       N_("Attaches the scanned request letter (PDF, at most 20 MiB)."), entries);
  g_autoptr(RanahRequest) request = NULL;
  g_autoptr(GBytes) pdf = NULL;
  gint64 id;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 2, 2, error)
      || !ranah_cli_parse_id (argv[1], _("The request ID"), &id, error)
      || !ranah_cli_sign_in (cli, error)
      || (pdf = ranah_cli_read_input (argv[2], RANAH_ATTACHMENT_MAX_BYTES, error)) == NULL
      || (request = ranah_store_get_request (cli->store, id, error)) == NULL
      || !ranah_store_attach_letter (cli->store, id, expect != 0 ? expect : request->version,
                                     pdf, error))
    return FALSE;
  if (!cli->json)
    g_print (_("Attached the letter to request %" PRId64 ".\n"), id);
  else
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      g_autoptr(RanahRequest) stored = ranah_store_get_request (cli->store, id, error);
      if (stored == NULL)
        return FALSE;
      ranah_cli_json_request (json, stored, ranah_cli_calendar (cli, NULL),
                              ranah_store_now (cli->store));
      ranah_cli_print_json (json);
    }
  return TRUE;
}

/* The standard of the transition an event performed, and whether it is one. */
static const RanahTransition *
event_transition (const RanahEvent *event)
{
  RanahAction action = ranah_action_from_string (event->action);

  if (action == RANAH_ACTION_NONE || event->from_state == NULL)
    return NULL;
  return ranah_workflow_find (ranah_state_from_string (event->from_state), action);
}

static gboolean
is_not_found (const GError *error)
{
  return error == NULL || g_error_matches (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND);
}

static void
print_timeline (RanahCli     *cli,
                RanahRequest *request,
                GPtrArray    *events)
{
  RanahCalendar *calendar = ranah_cli_calendar (cli, NULL);
  gint64 since = 0;

  g_print (_("\nTimeline:\n"));
  /* Each stay is judged by its due time with the calendar as it is now; the first from
   * the moment the letter arrived. */
  for (guint i = 0; i < events->len; i++)
    {
      RanahEvent *event = g_ptr_array_index (events, i);
      const RanahTransition *t = event_transition (event);
      g_autofree char *when = ranah_cli_format_time (cli, event->at);
      g_autofree char *took = NULL;
      const char *verdict = "";

      if (t != NULL && since != 0 && calendar != NULL)
        {
          double days = ranah_calendar_working_days (calendar, since, event->at);
          took = ranah_cli_format_waited (days, t->standard_days);
          if (t->standard_days > 0)
            verdict = event->at <= ranah_calendar_add_working_days (calendar, since,
                                                                    t->standard_days)
                      ? _("within") : _("late");
        }
      g_print ("  %s  %s %-2u %-12s %-18s %s → %s  %s %s\n", when, _("step"), event->step,
               event->username != NULL ? event->username : "-",
               event->action != NULL ? event->action : "-",
               event->from_state != NULL && *event->from_state ? event->from_state : "-",
               event->to_state != NULL && *event->to_state ? event->to_state : "-",
               took != NULL ? took : "", verdict);
      if (event->note != NULL && *event->note != '\0')
        ranah_cli_print_indented (6, event->note);
      if (t != NULL)
        since = t->from == RANAH_STATE_NONE && calendar != NULL
                ? MIN (event->at, ranah_escalation_received_at (calendar, request))
                : event->at;
    }

  if (ranah_state_is_open (request->state))
    {
      guint standard = ranah_workflow_standard_days (request->state);
      gint64 now = ranah_store_now (cli->store);
      RanahClock clock = { 0 };
      gboolean timed = calendar != NULL
                       && ranah_escalation_clock (calendar, request, now, &clock);
      g_autofree char *from = ranah_cli_format_time (cli, calendar != NULL ? clock.started
                                                                           : request->state_since);
      g_autofree char *due = ranah_cli_format_time (cli, timed ? clock.due_at : 0);
      g_autofree char *waited = NULL;

      if (calendar != NULL)
        waited = ranah_cli_format_waited (clock.waited_days, standard);
      g_print (_("  now: waiting for step %u (%s) since %s; waited %s; due %s%s\n"),
               ranah_workflow_pending_step (request->state), ranah_state_label (request->state),
               from, waited != NULL ? waited : "-", due,
               timed && clock.overdue ? _(" — OVERDUE") : "");
    }
}

static gboolean
request_show (RanahCli  *cli,
              int        argc,
              char     **argv,
              GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "ID",
                       N_("Shows a request: every field, its records, dispositions, letter "
                          "and the whole timeline against each step's standard."), NULL);
  g_autoptr(RanahRequest) request = NULL;
  g_autoptr(GPtrArray) dispositions = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(RanahLetter) letter = NULL;
  g_autoptr(GError) letter_error = NULL;
  gint64 id;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error)
      || !ranah_cli_parse_id (argv[1], _("The request ID"), &id, error)
      || !ranah_cli_sign_in (cli, error)
      || (request = ranah_store_get_request (cli->store, id, error)) == NULL
      || (dispositions = ranah_store_list_dispositions (cli->store, id, error)) == NULL
      || (events = ranah_store_list_events (cli->store, id, error)) == NULL)
    return FALSE;
  letter = ranah_store_get_letter (cli->store, id, &letter_error);
  if (letter == NULL && !is_not_found (letter_error))
    {
      g_propagate_error (error, g_steal_pointer (&letter_error));
      return FALSE;
    }
  actions = ranah_store_next_actions (cli->store, request);

  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      RanahCalendar *calendar = ranah_cli_calendar (cli, NULL);
      gint64 since = 0;

      ranah_cli_json_begin_object (json);
      ranah_cli_json_key (json, "request");
      ranah_cli_json_request (json, request, calendar, ranah_store_now (cli->store));
      ranah_cli_json_key (json, "dispositions");
      ranah_cli_json_begin_array (json);
      for (guint i = 0; i < dispositions->len; i++)
        ranah_cli_json_disposition (json, g_ptr_array_index (dispositions, i), calendar);
      ranah_cli_json_end_array (json);
      ranah_cli_json_key (json, "letter");
      if (letter != NULL)
        ranah_cli_json_letter (json, letter);
      else
        ranah_cli_json_null (json);
      ranah_cli_json_key (json, "timeline");
      ranah_cli_json_begin_array (json);
      for (guint i = 0; i < events->len; i++)
        {
          RanahEvent *event = g_ptr_array_index (events, i);
          const RanahTransition *t = event_transition (event);

          ranah_cli_json_begin_object (json);
          ranah_cli_json_key (json, "event");
          ranah_cli_json_event (json, event);
          if (t != NULL && since != 0 && calendar != NULL)
            {
              double days = ranah_calendar_working_days (calendar, since, event->at);
              ranah_cli_json_member_double (json, "working_days", days);
              ranah_cli_json_member_int (json, "standard_days", t->standard_days);
              if (t->standard_days > 0)
                ranah_cli_json_member_bool (json, "within_standard",
                                            event->at <= ranah_calendar_add_working_days (
                                              calendar, since, t->standard_days));
            }
          ranah_cli_json_end_object (json);
          if (t != NULL)
            since = t->from == RANAH_STATE_NONE && calendar != NULL
                    ? MIN (event->at, ranah_escalation_received_at (calendar, request))
                    : event->at;
        }
      ranah_cli_json_end_array (json);
      ranah_cli_json_key (json, "actions");
      ranah_cli_json_begin_array (json);
      for (guint i = 0; i < actions->len; i++)
        {
          const RanahTransition *t = g_ptr_array_index (actions, i);
          ranah_cli_json_string (json, ranah_action_to_string (t->action));
        }
      ranah_cli_json_end_array (json);
      ranah_cli_json_end_object (json);
      ranah_cli_print_json (json);
      return TRUE;
    }

  {
    g_autofree char *title = g_strdup_printf (_("Request %" PRId64), request->id);
    g_autofree char *agenda = g_strdup_printf ("%u/%u", request->agenda_number,
                                               request->agenda_year);
    g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, request->version);
    g_autofree char *state = g_strdup_printf ("%s (%s)", ranah_state_label (request->state),
                                              ranah_state_to_string (request->state));
    g_autofree char *created = ranah_cli_format_time (cli, request->created_at);
    RanahCalendar *calendar = ranah_cli_calendar (cli, NULL);
    RanahClock clock = { 0 };
    g_autofree char *due = ranah_cli_format_time (cli, calendar != NULL
                                                  && ranah_escalation_clock (calendar, request,
                                                                             ranah_store_now (cli->store),
                                                                             &clock)
                                                  ? clock.due_at : 0);
    g_autofree char *received = ranah_cli_format_time (cli, calendar != NULL
                                                       ? ranah_escalation_received_at (calendar,
                                                                                       request)
                                                       : 0);
    g_autofree char *attachment = request->attachment_sha256 != NULL
      ? g_strdup_printf (_("%" PRId64 " bytes, SHA-256 %s"), request->attachment_size,
                         request->attachment_sha256)
      : g_strdup (_("none on file"));
    /* Both forms of an internationalised name: the xn-- form is what was validated and
     * what DNS serves, the other what the OPD asked for. */
    g_autofree char *fqdn = ranah_name_display (request->fqdn);
    g_autofree char *name = ranah_name_display (request->name);

    g_print ("%s: %s\n", title, fqdn);
    ranah_cli_print_field (_("State"), state);
    ranah_cli_print_field (_("Outcome"), ranah_outcome_to_string (request->outcome));
    ranah_cli_print_field (_("Version"), version);
    ranah_cli_print_field (_("Agenda number"), agenda);
    ranah_cli_print_field (_("OPD"), request->opd_name);
    ranah_cli_print_field (_("Letter number"), request->letter_number);
    ranah_cli_print_field (_("Letter date"), request->letter_date);
    ranah_cli_print_field (_("Received"), calendar != NULL ? received : request->received_date);
    ranah_cli_print_field (_("Hal"), request->hal);
    ranah_cli_print_field (_("Classification"), request->classification);
    ranah_cli_print_field (_("Sifat"), request->sifat);
    ranah_cli_print_field (_("Name"), name);
    ranah_cli_print_field (_("Purpose"), request->purpose);
    ranah_cli_print_field (_("Contact"), request->contact_name);
    ranah_cli_print_field (_("Contact phone"), request->contact_phone);
    ranah_cli_print_field (_("Contact e-mail"), request->contact_email);
    ranah_cli_print_field (_("Scanned letter"), attachment);
    ranah_cli_print_field (_("Assigned to"), request->assignee_name);
    ranah_cli_print_field (_("Entered"), created);
    ranah_cli_print_field (_("Due"), due);
    if (request->note != NULL && *request->note != '\0')
      ranah_cli_print_field (_("Note"), request->note);
  }

  g_print (_("\nRecords:\n"));
  for (guint i = 0; i < request->records->len; i++)
    {
      RanahRecord *record = g_ptr_array_index (request->records, i);
      g_autofree char *text = ranah_cli_record_text (record);
      g_print ("  %s%s%s%s\n", text, record->created ? _("  [created]") : "",
               record->verified != NULL ? _("  verified: ") : "",
               record->verified != NULL ? record->verified : "");
      /* What makes it created: the authoritative server seen to answer it. */
      if (record->proof_at != 0)
        {
          g_autofree char *at = ranah_cli_format_time (cli, record->proof_at);
          g_autofree char *answer = ranah_text_shown (record->proof_answer, 0, FALSE);

          g_print (_("    seen in DNS: %s answered “%s”, zone serial %" PRId64 ", %s%s\n"),
                   record->proof_server, answer, record->proof_serial, at,
                   ranah_record_is_proven (record) ? ""
                                                   : _(" (not the record’s target now)"));
        }
      else
        g_print (_("    not seen in DNS yet\n"));
    }

  if (dispositions->len > 0)
    g_print (_("\nDispositions:\n"));
  for (guint i = 0; i < dispositions->len; i++)
    {
      RanahDisposition *d = g_ptr_array_index (dispositions, i);
      g_autofree char *at = ranah_cli_format_time (cli, d->created_at);
      RanahCalendar *calendar = ranah_cli_calendar (cli, NULL);
      g_autofree char *due = ranah_cli_format_time (cli, calendar != NULL
                                                    ? ranah_escalation_disposition_due (calendar, d)
                                                    : 0);
      g_autofree char *read = ranah_cli_format_time (cli, d->read_at);

      g_print (_("  step %u, %s: %s (%s) → %s (%s), %s, due %s, %s%s\n"), d->step, at,
               d->from_name, ranah_role_title (d->from_role), d->to_name,
               ranah_role_title (d->to_role), ranah_urgency_label (d->urgency), due,
               d->read_at != 0 ? _("read ") : _("unread"), d->read_at != 0 ? read : "");
      for (guint j = 0; d->instructions != NULL && d->instructions[j] != NULL; j++)
        {
          const char *text = ranah_instruction_text (d->instructions[j]);
          g_print ("      [x] %s\n", text != NULL ? text : d->instructions[j]);
        }
      if (d->note != NULL && *d->note != '\0')
        ranah_cli_print_indented (6, d->note);
      if (d->recalled)
        g_print (_("      (recalled)\n"));
    }

  if (letter != NULL)
    {
      g_print (_("\nSurat Tanggapan (%s, %s):\n"),
               letter->kind == RANAH_OUTCOME_REFUSED ? _("refusal") : _("approval"),
               letter->state == RANAH_LETTER_SIGNED ? _("signed") : _("draft"));
      ranah_cli_print_field (_("Number"), letter->number);
      ranah_cli_print_field (_("Date"), letter->letter_date);
      ranah_cli_print_field (_("Sifat"), letter->sifat);
      ranah_cli_print_field (_("Lampiran"), letter->lampiran);
      ranah_cli_print_field (_("Hal"), letter->hal);
      for (guint j = 0; letter->tembusan != NULL && letter->tembusan[j] != NULL; j++)
        ranah_cli_print_field (j == 0 ? _("Tembusan") : "", letter->tembusan[j]);
      if (letter->pdf_sha256 != NULL)
        ranah_cli_print_field (_("PDF SHA-256"), letter->pdf_sha256);
    }

  print_timeline (cli, request, events);

  if (actions->len > 0)
    {
      g_print (_("\nOpen to you:"));
      for (guint i = 0; i < actions->len; i++)
        {
          const RanahTransition *t = g_ptr_array_index (actions, i);
          g_print (" %s", ranah_action_to_string (t->action));
        }
      g_print ("\n");
    }
  return TRUE;
}

static gboolean
request_list (RanahCli  *cli,
              int        argc,
              char     **argv,
              GError   **error)
{
  g_autofree char *state = NULL;
  g_autofree char *opd = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *search = NULL;
  gboolean open_only = FALSE;
  int limit = 0;
  const GOptionEntry entries[] = {
    { "state", 0, 0, G_OPTION_ARG_STRING, &state, N_("Only requests in this state"),
      N_("STATE") },
    { "opd", 0, 0, G_OPTION_ARG_STRING, &opd, N_("Only this OPD's requests"), N_("CODE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Received on or after"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Received on or before"), N_("YYYY-MM-DD") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search,
      N_("Text in the name, hal, letter number or OPD"), N_("TEXT") },
    { "open", 0, 0, G_OPTION_ARG_NONE, &open_only, N_("Only requests still in progress"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N requests"), N_("N") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, NULL, N_("Lists the requests you may see."), entries);
  RanahRequestFilter filter = { 0 };
  g_autoptr(GPtrArray) requests = NULL;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 0, error))
    return FALSE;
  if (state != NULL)
    {
      filter.state = ranah_state_from_string (state);
      if (filter.state == RANAH_STATE_NONE)
        {
          g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                       _("There is no state “%s”: use submitted, at_kabid, at_subkoor, "
                         "at_staf, created, drafting, drafted, reviewed, sent, done or "
                         "withdrawn."), state);
          return FALSE;
        }
    }
  if (limit < 0)
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("--limit must not be negative."));
      return FALSE;
    }
  {
    g_autoptr(GError) date_error = NULL;

    if ((from != NULL && !ranah_validate_date (from, "--from", &date_error))
        || (to != NULL && !ranah_validate_date (to, "--to", &date_error)))
      {
        /* A malformed filter is a usage problem, not bad data refused by the store. */
        g_set_error_literal (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE, date_error->message);
        return FALSE;
      }
  }
  if (!ranah_cli_sign_in (cli, error))
    return FALSE;
  if (opd != NULL)
    {
      g_autoptr(RanahOpd) found = ranah_cli_find_opd (cli, opd, error);
      if (found == NULL)
        return FALSE;
      filter.opd_id = found->id;
    }
  filter.open_only = open_only;
  filter.received_from = from;
  filter.received_to = to;
  filter.text = search;
  filter.limit = (guint) limit;
  if ((requests = ranah_store_list_requests (cli->store, &filter, error)) == NULL)
    return FALSE;

  ranah_cli_print_requests (cli, requests, FALSE);
  return TRUE;
}

void
ranah_cli_print_requests (RanahCli  *cli,
                          GPtrArray *requests,
                          gboolean   waiting)
{
  RanahCalendar *calendar = ranah_cli_calendar (cli, NULL);
  gint64 now = ranah_store_now (cli->store);

  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_begin_array (json);
      for (guint i = 0; i < requests->len; i++)
        {
          RanahRequest *request = g_ptr_array_index (requests, i);
          RanahClock clock = { 0 };
          gboolean timed = calendar != NULL
                           && ranah_escalation_clock (calendar, request, now, &clock);

          if (!waiting)
            {
              ranah_cli_json_request (json, request, calendar, now);
              continue;
            }
          ranah_cli_json_begin_object (json);
          ranah_cli_json_key (json, "request");
          ranah_cli_json_request (json, request, calendar, now);
          ranah_cli_json_member_int (json, "step", ranah_workflow_pending_step (request->state));
          if (calendar != NULL)
            ranah_cli_json_member_double (json, "waited_working_days", clock.waited_days);
          ranah_cli_json_member_int (json, "standard_days",
                                 ranah_workflow_standard_days (request->state));
          ranah_cli_json_member_bool (json, "overdue", timed && clock.overdue);
          ranah_cli_json_end_object (json);
        }
      ranah_cli_json_end_array (json);
      ranah_cli_print_json (json);
      return;
    }

  if (requests->len == 0)
    {
      g_print (waiting ? _("Nothing waits.\n") : _("No requests.\n"));
      return;
    }
  if (waiting)
    g_print ("%-5s %-9s %-30s %-4s %-28s %-22s %s\n", _("ID"), _("AGENDA"), _("NAME"),
             _("STEP"), _("STATE"), _("WAITED"), _("DUE"));
  else
    g_print ("%-5s %-9s %-30s %-28s %-16s %s\n", _("ID"), _("AGENDA"), _("NAME"), _("STATE"),
             _("OPD"), _("RECEIVED"));
  for (guint i = 0; i < requests->len; i++)
    {
      RanahRequest *request = g_ptr_array_index (requests, i);
      g_autofree char *agenda = g_strdup_printf ("%u/%u", request->agenda_number,
                                                 request->agenda_year);
      g_autofree char *agenda_cell = ranah_cli_cell (agenda, 9);
      g_autofree char *shown = ranah_name_display (request->fqdn);
      /* A name is shown whole, both its forms: never cut to the column. */
      g_autofree char *name = ranah_cli_cell (shown, MAX (30, (guint) g_utf8_strlen (shown, -1)));
      g_autofree char *state = ranah_cli_cell (ranah_state_label (request->state), 28);
      g_autofree char *opd = ranah_cli_cell (request->opd_name, 16);

      if (waiting)
        {
          g_autofree char *waited = NULL;
          g_autofree char *waited_cell = NULL;
          RanahClock clock = { 0 };
          gboolean timed = calendar != NULL
                           && ranah_escalation_clock (calendar, request, now, &clock);
          g_autofree char *due = ranah_cli_format_time (cli, timed ? clock.due_at : 0);
          gboolean overdue = timed && clock.overdue;

          if (calendar != NULL)
            waited = ranah_cli_format_waited (clock.waited_days,
                                              ranah_workflow_standard_days (request->state));
          waited_cell = ranah_cli_cell (waited, 22);
          g_print ("%-5" G_GINT64_FORMAT " %s %s %-4u %s %s %s%s\n", request->id, agenda_cell,
                   name, ranah_workflow_pending_step (request->state), state, waited_cell, due,
                   overdue ? _("  OVERDUE") : "");
        }
      else
        g_print ("%-5" G_GINT64_FORMAT " %s %s %s %s %s\n", request->id, agenda_cell, name,
                 state, opd, request->received_date);
    }
}

static gboolean
request_letter (RanahCli  *cli,
                int        argc,
                char     **argv,
                GError   **error)
{
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Where to write the PDF (“-” for standard output)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "ID", N_("Writes the scanned request letter of a request to a file."),
                       entries);
  g_autoptr(GBytes) pdf = NULL;
  gint64 id;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error)
      || !ranah_cli_parse_id (argv[1], _("The request ID"), &id, error))
    return FALSE;
  if (output == NULL)
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("Say where to write the letter with -o FILE."));
      return FALSE;
    }
  if (!ranah_cli_sign_in (cli, error)
      || (pdf = ranah_store_get_request_letter (cli->store, id, error)) == NULL
      || !ranah_cli_write_output (output, pdf, error))
    return FALSE;
  if (!g_str_equal (output, "-") && !cli->json)
    g_print (_("Wrote %s (%zu bytes).\n"), output, g_bytes_get_size (pdf));
  return TRUE;
}

static const RanahCliCommand subcommands[] = {
  { "submit", N_("Submit your OPD's request (step 1)"), request_submit },
  { "register", N_("Register an OPD's paper letter (step 1, DKISP)"), request_register },
  { "attach", N_("Attach the scanned request letter"), request_attach },
  { "show", N_("Show a request with its timeline"), request_show },
  { "list", N_("List requests"), request_list },
  { "letter", N_("Write the scanned request letter to a file"), request_letter },
};

gboolean
ranah_cli_request_main (RanahCli  *cli,
                        int        argc,
                        char     **argv,
                        GError   **error)
{
  return ranah_cli_dispatch (cli, "request", N_("Submit, register, show and list requests."),
                             subcommands, G_N_ELEMENTS (subcommands), argc, argv, error);
}
