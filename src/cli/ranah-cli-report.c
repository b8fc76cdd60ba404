/* ranah-cli-report.c — ranah-cli report: supervision figures, escalations, the compliance
 * sheet, the case file and the public list
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ranah-cli.h"
#include "ranah-report-pdf.h"

/* The period options: --from defaults to 1 January of this year, --to to today. */
static gboolean
resolve_period (RanahCli  *cli,
                char     **from,
                char     **to)
{
  g_autofree char *today = ranah_cli_today (cli);

  if (*to == NULL)
    *to = g_strdup (today);
  if (*from == NULL)
    *from = g_strdup_printf ("%.4s-01-01", *to);
  return TRUE;
}

static char *
days_text (guint n,
           double days)
{
  return n > 0 ? g_strdup_printf ("%.2f", days) : g_strdup ("-");
}

static char *
share_text (double share)
{
  return share >= 0 ? g_strdup_printf ("%.0f%%", share * 100.0) : g_strdup ("-");
}

static void
print_summary (const RanahReport *report)
{
  g_print (_("Period %s to %s\n\n"), report->from_date, report->to_date);

  g_print ("%s\n", _("Time per step (working days), steps finished in the period:"));
  g_print ("  %-4s %-14s %-9s %5s %8s %8s %8s\n", _("STEP"), _("ROLE"), _("STANDARD"), _("N"),
           _("MEDIAN"), _("P90"), _("WITHIN"));
  for (guint step = 1; step <= RANAH_REPORT_N_STEPS; step++)
    {
      const RanahStepFigures *f = &report->steps[step];
      g_autofree char *role = ranah_cli_cell (ranah_role_title (f->role), 14);
      g_autofree char *standard = f->standard_days > 0 ? g_strdup_printf ("%u", f->standard_days)
                                                       : g_strdup ("-");
      g_autofree char *median = days_text (f->n, f->median_days);
      g_autofree char *p90 = days_text (f->n, f->p90_days);
      g_autofree char *share = share_text (f->share_within);

      g_print ("  %-4u %s %-9s %5u %8s %8s %8s\n", step, role, standard, f->n, median, p90,
               share);
    }

  g_print ("\n%s\n", _("Time per role (working days):"));
  for (guint role = RANAH_ROLE_OPD; role <= RANAH_ROLE_STAF; role++)
    {
      const RanahRoleFigures *f = &report->roles[role];
      g_autofree char *name = ranah_cli_cell (ranah_role_title (role), 20);
      g_autofree char *median = days_text (f->n, f->median_days);
      g_autofree char *p90 = days_text (f->n, f->p90_days);
      g_autofree char *share = share_text (f->share_within);

      g_print ("  %s %5u %8s %8s %8s\n", name, f->n, median, p90, share);
    }

  g_print ("\n");
  g_print (_("Open requests now: %u (%u overdue)\n"), report->open_total, report->open_overdue);
  for (guint b = 0; b < RANAH_REPORT_N_AGES; b++)
    {
      g_autofree char *label = ranah_cli_cell (ranah_report_age_label (b), 6);

      g_print (_("  %s working days since received: %u\n"), label, report->open_by_age[b]);
    }

  g_print ("\n");
  g_print (_("Requests received in the period: %u\n"), report->received);
  if (report->opds->len > 0)
    g_print ("  %-32s %5s %8s %7s %7s %9s %5s\n", _("OPD"), _("TOTAL"), _("APPROVED"),
             _("REFUSED"), _("PENDING"), _("WITHDRAWN"), _("DONE"));
  for (guint i = 0; i < report->opds->len; i++)
    {
      const RanahOpdFigures *f = g_ptr_array_index (report->opds, i);
      g_autofree char *name = ranah_cli_cell (f->opd_name, 32);

      g_print ("  %s %5u %8u %7u %7u %9u %5u\n", name, f->total, f->approved, f->refused,
               f->pending, f->withdrawn, f->done);
    }
  for (guint i = 0; i < report->months->len; i++)
    {
      const RanahMonthFigures *f = g_ptr_array_index (report->months, i);

      g_print ("  %s  %u\n", f->month, f->count);
    }

  g_print ("\n");
  g_print (_("Registry: %u active, %u suspended, %u revoked; %u failing health checks\n"),
           report->registry.active, report->registry.suspended, report->registry.revoked,
           report->registry.failing);
  for (guint i = 0; i < report->registry_opds->len; i++)
    {
      const RanahRegistryFigures *f = g_ptr_array_index (report->registry_opds, i);
      g_autofree char *name = ranah_cli_cell (f->opd_name, 32);

      g_print ("  %s %5u %5u %5u %5u\n", name, f->active, f->suspended, f->revoked, f->failing);
    }
  for (guint i = 0; i < report->failing->len; i++)
    g_print (_("  failing: %s\n"), (const char *) g_ptr_array_index (report->failing, i));
}

static gboolean
report_summary (RanahCli  *cli,
                int        argc,
                char     **argv,
                GError   **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First day of the period (default: 1 January)"),
      N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last day of the period (default: today)"),
      N_("DATE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, NULL,
                       N_("Time per step and role against the SOP's standard, open requests "
                          "by age, requests per OPD and month, and the registry."), entries);
  g_autoptr(RanahReport) report = NULL;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 0, error)
      || !ranah_cli_sign_in (cli, error)
      || !resolve_period (cli, &from, &to)
      || (report = ranah_report_from_store (cli->store, from, to, error)) == NULL)
    return FALSE;

  if (cli->json)
    {
      g_autofree char *text = ranah_report_to_json (report);
      fputs (text, stdout);
    }
  else
    print_summary (report);
  return TRUE;
}

/* The keys already told, one a line, from @path (a missing file is empty). */
static GHashTable *
read_told (const char  *path,
           GError     **error)
{
  GHashTable *told = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) local = NULL;

  if (!ranah_file_read_limited (path, RANAH_CLI_TOLD_MAX_BYTES, &bytes, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return told;
      g_hash_table_unref (told);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  {
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      if (*g_strstrip (lines[i]) != '\0')
        g_hash_table_add (told, g_strdup (lines[i]));
  }
  return told;
}

static gboolean
append_told (const char  *path,
             GPtrArray   *alerts,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < alerts->len; i++)
    g_string_append_printf (text, "%s\n", ((RanahAlert *) g_ptr_array_index (alerts, i))->key);
  if ((out = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, error)) == NULL)
    return FALSE;
  return g_output_stream_write_all (G_OUTPUT_STREAM (out), text->str, text->len, NULL, NULL,
                                    error)
         && g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);
}

/* The user names that @alert goes to: the assignee alone when the step is assigned and the
 * alert is the holder's, else every active user of the recipient role. */
static GStrv
recipients (const RanahAlert *alert,
            GPtrArray        *users)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < users->len; i++)
    {
      RanahUser *user = g_ptr_array_index (users, i);

      if (!user->active || user->role != alert->recipient)
        continue;
      if (alert->kind != RANAH_ALERT_ESCALATED && alert->holder_id != 0
          && alert->holder_id != user->id)
        continue;
      g_strv_builder_add (builder, user->username);
    }
  return g_strv_builder_end (builder);
}

static gboolean
report_escalations (RanahCli  *cli,
                    int        argc,
                    char     **argv,
                    GError   **error)
{
  g_autofree char *once = NULL;
  gboolean mine = FALSE;
  const GOptionEntry entries[] = {
    { "mine", 0, 0, G_OPTION_ARG_NONE, &mine, N_("Only what the signed-in user must be told"),
      NULL },
    { "once", 0, 0, G_OPTION_ARG_FILENAME, &once,
      N_("Tell each thing once: skip the alerts whose keys FILE holds, then add the new ones"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, NULL,
                       N_("Who must be told what now: a warning to the holder of each step "
                          "that has used the warning share of its standard, and on a breach the "
                          "holder and the holder's superior. For cron."), entries);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) alerts = g_ptr_array_new ();
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GHashTable) told = NULL;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 0, error)
      || !ranah_cli_sign_in (cli, error)
      || (all = mine ? ranah_escalation_from_store (cli->store, error)
                     : ranah_escalation_all_from_store (cli->store, error)) == NULL
      || (users = ranah_store_list_users (cli->store, error)) == NULL)
    return FALSE;
  if (once != NULL && (told = read_told (once, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < all->len; i++)
    {
      RanahAlert *alert = g_ptr_array_index (all, i);

      if (told == NULL || !g_hash_table_contains (told, alert->key))
        g_ptr_array_add (alerts, alert);
    }

  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();

      ranah_cli_json_begin_array (json);
      for (guint i = 0; i < alerts->len; i++)
        {
          RanahAlert *alert = g_ptr_array_index (alerts, i);
          g_auto(GStrv) names = recipients (alert, users);

          ranah_cli_json_begin_object (json);
          ranah_cli_json_member_int (json, "request", alert->request_id);
          ranah_cli_json_member_string (json, "fqdn", alert->fqdn);
          ranah_cli_json_member_string (json, "state", ranah_state_to_string (alert->state));
          ranah_cli_json_member_int (json, "step", alert->step);
          ranah_cli_json_member_string (json, "kind", ranah_alert_kind_to_string (alert->kind));
          ranah_cli_json_member_string (json, "holder", ranah_role_to_string (alert->holder));
          ranah_cli_json_member_string (json, "recipient",
                                        ranah_role_to_string (alert->recipient));
          ranah_cli_json_member_strv (json, "recipients", (const char * const *) names);
          ranah_cli_json_member_time (json, "due_at", alert->due_at);
          ranah_cli_json_member_double (json, "used", alert->used);
          ranah_cli_json_member_string (json, "message", alert->message);
          ranah_cli_json_member_string (json, "key", alert->key);
          ranah_cli_json_end_object (json);
        }
      ranah_cli_json_end_array (json);
      ranah_cli_print_json (json);
    }
  else
    for (guint i = 0; i < alerts->len; i++)
      {
        RanahAlert *alert = g_ptr_array_index (alerts, i);
        g_auto(GStrv) names = recipients (alert, users);
        g_autofree char *who = names[0] != NULL ? g_strjoinv (",", names)
                                                : g_strdup_printf ("(%s)",
                                                                   ranah_role_to_string (alert->recipient));

        g_print ("%-9s %-20s %s\n", ranah_alert_kind_to_string (alert->kind), who,
                 alert->message);
      }

  if (once != NULL && alerts->len > 0)
    return append_told (once, alerts, error);
  return TRUE;
}

static gboolean
report_compliance (RanahCli  *cli,
                   int        argc,
                   char     **argv,
                   GError   **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First day of the period (default: 1 January)"),
      N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last day of the period (default: today)"),
      N_("DATE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE: .pdf for the sheet, .csv for the table"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, NULL,
                       N_("The SOP compliance sheet of a period: the SOP's table with each "
                          "step's measured time, as PDF or CSV."), entries);
  g_autoptr(RanahReport) report = NULL;
  g_autoptr(GHashTable) profile = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 0, error))
    return FALSE;
  if (output == NULL || (!g_str_has_suffix (output, ".pdf") && !g_str_has_suffix (output, ".csv")))
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("Name the output file with -o FILE.pdf or -o FILE.csv."));
      return FALSE;
    }
  if (!ranah_cli_sign_in (cli, error)
      || !resolve_period (cli, &from, &to)
      || (report = ranah_report_from_store (cli->store, from, to, error)) == NULL
      || (profile = ranah_store_get_profile (cli->store, error)) == NULL)
    return FALSE;
  if (g_str_has_suffix (output, ".pdf"))
    bytes = ranah_report_compliance_pdf (profile, report, error);
  else
    {
      char *csv = ranah_report_compliance_csv (report);
      bytes = g_bytes_new_take (csv, strlen (csv));
    }
  return bytes != NULL && ranah_cli_write_output (output, bytes, error);
}

static gboolean
report_case_file (RanahCli  *cli,
                  int        argc,
                  char     **argv,
                  GError   **error)
{
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the PDF to FILE"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, N_("REQUEST_ID"),
                       N_("One PDF for the records: the request letter, the disposition sheet, "
                          "the proof of the DNS records, the Surat Tanggapan and the audit "
                          "events."), entries);
  g_autoptr(GBytes) bytes = NULL;
  gint64 id;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error)
      || !ranah_cli_parse_id (argv[1], _("request"), &id, error))
    return FALSE;
  if (output == NULL)
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("Name the output file with -o FILE.pdf."));
      return FALSE;
    }
  return ranah_cli_sign_in (cli, error)
         && (bytes = ranah_report_case_file_pdf (cli->store, id, error)) != NULL
         && ranah_cli_write_output (output, bytes, error);
}

static gboolean
report_public (RanahCli  *cli,
               int        argc,
               char     **argv,
               GError   **error)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv or json (default: csv)"),
      N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (default: stdout)"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, NULL,
                       N_("The public list of active subdomains (name, OPD, purpose, activation "
                          "date), without contacts or internal data."), entries);
  g_autoptr(GPtrArray) list = NULL;
  gboolean json;
  char *text;
  g_autoptr(GBytes) bytes = NULL;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 0, error))
    return FALSE;
  json = cli->json || g_strcmp0 (format, "json") == 0;
  if (format != NULL && !g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("--format must be csv or json."));
      return FALSE;
    }
  if (!ranah_cli_sign_in (cli, error)
      || (list = ranah_store_list_entries (cli->store, NULL, error)) == NULL)
    return FALSE;
  text = json ? ranah_report_public_json (list) : ranah_report_public_csv (list);
  bytes = g_bytes_new_take (text, strlen (text));
  if (output == NULL)
    {
      fputs (text, stdout);
      return TRUE;
    }
  return ranah_cli_write_output (output, bytes, error);
}

static const RanahCliCommand subcommands[] = {
  { "summary", N_("Figures of a period against the SOP's standard"), report_summary },
  { "escalations", N_("Who must be told of which late step now"), report_escalations },
  { "compliance", N_("The SOP compliance sheet as PDF or CSV"), report_compliance },
  { "case-file", N_("One request's whole file as one PDF"), report_case_file },
  { "public", N_("The public list of active subdomains"), report_public },
};

gboolean
ranah_cli_report_main (RanahCli  *cli,
                       int        argc,
                       char     **argv,
                       GError   **error)
{
  return ranah_cli_dispatch (cli, "report",
                             N_("Supervision: service standards, escalations, the compliance "
                                "sheet, the case file and the public list."), subcommands,
                             G_N_ELEMENTS (subcommands), argc, argv, error);
}
