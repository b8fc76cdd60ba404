/* ranah-cli-holiday.c — ranah-cli holiday: days the working-day clock skips
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ranah-cli.h"
#include "ranah-holiday-import.h"

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

/* --year 2026 --year 2027, or --year 2026,2027 */
static gboolean
parse_years (char    **texts,
             GArray   *years,
             GError  **error)
{
  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (texts[i], ",", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          guint64 year = 0;
          guint value;

          if (!g_ascii_string_to_unsigned (g_strstrip (parts[j]), 10, 1900, 2200, &year, NULL))
            {
              g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                           _("--year must be a year from 1900 to 2200, not “%s”."), parts[j]);
              return FALSE;
            }
          value = (guint) year;
          g_array_append_val (years, value);
        }
    }
  return TRUE;
}

static const char *
status_nick (RanahHolidayDayStatus status)
{
  switch (status)
    {
    case RANAH_HOLIDAY_DAY_IN_STORE:
      return "in-store";
    case RANAH_HOLIDAY_DAY_REPEATED:
      return "repeated";
    case RANAH_HOLIDAY_DAY_NEW:
    default:
      return "new";
    }
}

static const char *
status_text (RanahHolidayDayStatus status)
{
  switch (status)
    {
    case RANAH_HOLIDAY_DAY_IN_STORE:
      return _("in store");
    case RANAH_HOLIDAY_DAY_REPEATED:
      return _("repeated");
    case RANAH_HOLIDAY_DAY_NEW:
    default:
      return _("new");
    }
}

static void
print_import_json (const RanahHolidayImport *import,
                   gboolean                  added)
{
  g_autoptr(RanahCliJson) json = ranah_cli_json_new ();

  ranah_cli_json_begin_object (json);
  ranah_cli_json_member_bool (json, "imported", added);
  ranah_cli_json_member_string (json, "format", import->format == RANAH_HOLIDAY_FORMAT_CSV
                                                ? "csv" : "icalendar");
  ranah_cli_json_key (json, "years");
  ranah_cli_json_begin_array (json);
  for (guint i = 0; i < import->years->len; i++)
    ranah_cli_json_int (json, g_array_index (import->years, guint, i));
  ranah_cli_json_end_array (json);
  ranah_cli_json_member_int (json, "new", ranah_holiday_import_count (import,
                                                                      RANAH_HOLIDAY_DAY_NEW));
  ranah_cli_json_member_int (json, "in_store",
                             ranah_holiday_import_count (import, RANAH_HOLIDAY_DAY_IN_STORE));
  ranah_cli_json_member_int (json, "repeated",
                             ranah_holiday_import_count (import, RANAH_HOLIDAY_DAY_REPEATED));
  ranah_cli_json_member_int (json, "skipped", import->problems->len);
  ranah_cli_json_key (json, "days");
  ranah_cli_json_begin_array (json);
  for (guint i = 0; i < import->days->len; i++)
    {
      const RanahHolidayDay *day = g_ptr_array_index (import->days, i);

      ranah_cli_json_begin_object (json);
      ranah_cli_json_member_string (json, "date", day->date);
      ranah_cli_json_member_string (json, "name", day->name);
      ranah_cli_json_member_bool (json, "cuti_bersama", day->cuti_bersama);
      ranah_cli_json_member_int (json, "line", day->line);
      ranah_cli_json_member_string (json, "status", status_nick (day->status));
      if (day->other_name != NULL)
        ranah_cli_json_member_string (json, "other_name", day->other_name);
      ranah_cli_json_end_object (json);
    }
  ranah_cli_json_end_array (json);
  ranah_cli_json_key (json, "problems");
  ranah_cli_json_begin_array (json);
  for (guint i = 0; i < import->problems->len; i++)
    {
      const RanahImportProblem *p = g_ptr_array_index (import->problems, i);

      ranah_cli_json_begin_object (json);
      ranah_cli_json_member_int (json, "line", p->line);
      ranah_cli_json_member_string (json, "reason", p->reason);
      ranah_cli_json_end_object (json);
    }
  ranah_cli_json_end_array (json);
  ranah_cli_json_end_object (json);
  ranah_cli_print_json (json);
}

static void
print_import_text (const RanahHolidayImport *import,
                   const char               *file)
{
  g_print ("%-10s %-12s %-9s %5s  %s\n", _("DATE"), _("KIND"), _("IMPORT"), _("LINE"), _("NAME"));
  for (guint i = 0; i < import->days->len; i++)
    {
      const RanahHolidayDay *day = g_ptr_array_index (import->days, i);
      g_autofree char *kind = ranah_cli_cell (day->cuti_bersama ? _("cuti bersama") : _("holiday"),
                                              12);
      g_autofree char *status = ranah_cli_cell (status_text (day->status), 9);
      g_autofree char *name = ranah_cli_cell (day->name, 0);
      g_autofree char *other = day->other_name != NULL && !g_str_equal (day->other_name, day->name)
                               ? ranah_cli_cell (day->other_name, 0) : NULL;

      /* ranah_cli_cell keeps each name to one line, its control characters written out. */
      if (other != NULL && day->status == RANAH_HOLIDAY_DAY_IN_STORE)
        g_print (_("%s %s %s %5u  %s (stored as “%s”)\n"), day->date, kind, status, day->line,
                 name, other);
      else if (other != NULL)
        g_print (_("%s %s %s %5u  %s (first given as “%s”)\n"), day->date, kind, status,
                 day->line, name, other);
      else
        g_print ("%s %s %s %5u  %s\n", day->date, kind, status, day->line, name);
    }
  for (guint i = 0; i < import->problems->len; i++)
    {
      const RanahImportProblem *p = g_ptr_array_index (import->problems, i);

      if (p->line > 0)
        g_print (_("%s:%u: %s\n"), file, p->line, p->reason);
      else
        g_print ("%s: %s\n", file, p->reason);
    }
}

static gboolean
holiday_import (RanahCli  *cli,
                int        argc,
                char     **argv,
                GError   **error)
{
  gboolean dry_run = FALSE;
  g_auto(GStrv) year_texts = NULL;
  const GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Show every date and what would happen to it; add nothing"), NULL },
    { "year", 0, 0, G_OPTION_ARG_STRING_ARRAY, &year_texts,
      N_("Expand yearly events in this year (repeatable; default: the years of the file's "
         "other events, else this year and the next)"), N_("YYYY") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "FILE.ics|FILE.csv",
                       N_("Imports holidays and cuti bersama from an iCalendar file (a national "
                          "holiday calendar) or from CSV (date,name[,cuti_bersama]). Every date "
                          "is shown with what happens to it: new dates are added all together "
                          "or not at all; dates already in the store or repeated in the file, "
                          "and events that are not whole days, are skipped and said so "
                          "(administrators only)."), entries);
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(RanahHolidayImport) import = NULL;
  g_autoptr(GPtrArray) holidays = NULL;
  g_autofree char *today = NULL;
  RanahHolidayImportOptions options = { 0 };
  const char *text;
  gsize len = 0;
  guint n_new;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error)
      || !parse_years (year_texts, years, error)
      || !ranah_cli_sign_in (cli, error)
      || (data = ranah_cli_read_input (argv[1], RANAH_HOLIDAY_FILE_MAX_BYTES, error)) == NULL
      || (existing = ranah_store_list_holidays (cli->store, error)) == NULL)
    return FALSE;
  today = ranah_cli_today (cli);
  text = g_bytes_get_data (data, &len);
  options.years = (const guint *) (gpointer) years->data;
  options.n_years = years->len;
  options.current_year = (guint) g_ascii_strtoull (today, NULL, 10);
  options.existing = existing;
  if ((import = ranah_holiday_import_read (text != NULL ? text : "", len, &options, error)) == NULL)
    return FALSE;

  holidays = ranah_holiday_import_new_holidays (import);
  n_new = holidays->len;
  if (!dry_run && n_new > 0 && !ranah_store_add_holidays (cli->store, holidays, error))
    return FALSE;

  if (cli->json)
    {
      print_import_json (import, !dry_run && n_new > 0);
      return TRUE;
    }
  print_import_text (import, argv[1]);
  {
    guint n_dup = ranah_holiday_import_count (import, RANAH_HOLIDAY_DAY_IN_STORE)
                  + ranah_holiday_import_count (import, RANAH_HOLIDAY_DAY_REPEATED);
    g_autofree char *counts =
      g_strdup_printf (_("%u new, %u duplicates, %u skipped"), n_new, n_dup,
                       import->problems->len);

    if (dry_run)
      g_print (_("%s; nothing was added (--dry-run).\n"), counts);
    else if (n_new == 0)
      g_print (_("%s; there was nothing to add.\n"), counts);
    else
      g_print (g_dngettext (GETTEXT_PACKAGE, "%s; added %u holiday.\n",
                            "%s; added %u holidays.\n", n_new), counts, n_new);
  }
  return TRUE;
}

static const RanahCliCommand subcommands[] = {
  { "add", N_("Add a holiday"), holiday_add },
  { "import", N_("Import holidays from an iCalendar or CSV file"), holiday_import },
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
