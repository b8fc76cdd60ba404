/* ranah-cli-registry.c — ranah-cli registry: the daftar subdomain, its CSV, its statuses
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "ranah-cli.h"

/* What staff act on: which check failed, when, and why. */
static void
print_failing (RanahCli  *cli,
               GPtrArray *list)
{
  g_print ("%-5s %-34s %-16s %-16s %s\n", _("ID"), _("NAME"), _("OPD"), _("CHECKED"),
           _("RESULT"));
  for (guint i = 0; i < list->len; i++)
    {
      RanahEntry *entry = g_ptr_array_index (list, i);
      g_autofree char *shown = ranah_name_display (entry->fqdn);
      g_autofree char *name = ranah_cli_cell (shown, MAX (34, (guint) g_utf8_strlen (shown, -1)));
      g_autofree char *opd_cell = ranah_cli_cell (entry->opd_name, 16);
      g_autofree char *when = ranah_cli_format_time (cli, entry->last_check_at);
      g_autofree char *when_cell = ranah_cli_cell (when, 16);

      g_print ("%-5" G_GINT64_FORMAT " %s %s %s %s\n", entry->id, name, opd_cell, when_cell,
               entry->last_check != NULL ? entry->last_check : "");
    }
}

static gboolean
registry_list (RanahCli  *cli,
               int        argc,
               char     **argv,
               GError   **error)
{
  g_autofree char *search = NULL;
  g_autofree char *opd = NULL;
  g_autofree char *status = NULL;
  gboolean failing = FALSE;
  const GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search,
      N_("Text in the name, OPD, target or purpose"), N_("TEXT") },
    { "opd", 0, 0, G_OPTION_ARG_STRING, &opd, N_("Only this OPD's entries"), N_("CODE") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("active, suspended or revoked"),
      N_("STATUS") },
    { "failing", 0, 0, G_OPTION_ARG_NONE, &failing,
      N_("Only entries whose last DNS check failed"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, NULL, N_("Lists the registry of subdomains."), entries);
  RanahEntryFilter filter = { NULL, 0, -1 };
  g_autoptr(GPtrArray) list = NULL;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 0, error))
    return FALSE;
  if (status != NULL)
    {
      RanahEntryStatus s;
      if (!ranah_entry_status_from_string (status, &s))
        {
          g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                       _("The status must be active, suspended or revoked, not “%s”."), status);
          return FALSE;
        }
      filter.status = (gint) s;
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
  filter.text = search;
  filter.failing_only = failing;
  if ((list = ranah_store_list_entries (cli->store, &filter, error)) == NULL)
    return FALSE;

  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_begin_array (json);
      for (guint i = 0; i < list->len; i++)
        ranah_cli_json_entry (json, g_ptr_array_index (list, i));
      ranah_cli_json_end_array (json);
      ranah_cli_print_json (json);
      return TRUE;
    }
  if (list->len == 0)
    {
      g_print (_("The registry has no entries that match.\n"));
      return TRUE;
    }
  if (failing)
    {
      print_failing (cli, list);
      return TRUE;
    }
  g_print ("%-5s %-34s %-16s %-10s %-10s %s\n", _("ID"), _("NAME"), _("OPD"), _("STATUS"),
           _("ACTIVE ON"), _("RECORDS"));
  for (guint i = 0; i < list->len; i++)
    {
      RanahEntry *entry = g_ptr_array_index (list, i);
      g_autofree char *shown = ranah_name_display (entry->fqdn);
      /* A name is shown whole, both its forms: never cut to the column. */
      g_autofree char *name = ranah_cli_cell (shown, MAX (34, (guint) g_utf8_strlen (shown, -1)));
      g_autofree char *opd_cell = ranah_cli_cell (entry->opd_name, 16);
      g_autofree char *activated = ranah_cli_cell (entry->activated_on, 10);
      g_autoptr(GString) records = g_string_new (NULL);

      for (guint j = 0; j < entry->records->len; j++)
        {
          g_autofree char *text = ranah_cli_record_text (g_ptr_array_index (entry->records, j));
          g_string_append_printf (records, "%s%s", j > 0 ? "; " : "", text);
        }
      g_print ("%-5" G_GINT64_FORMAT " %s %s %-10s %s %s\n", entry->id, name, opd_cell,
               ranah_entry_status_to_string (entry->status), activated, records->str);
    }
  return TRUE;
}

static gboolean
registry_show (RanahCli  *cli,
               int        argc,
               char     **argv,
               GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "ID", N_("Shows one registry entry."), NULL);
  g_autoptr(RanahEntry) entry = NULL;
  gint64 id;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error)
      || !ranah_cli_parse_id (argv[1], _("The entry ID"), &id, error)
      || !ranah_cli_sign_in (cli, error)
      || (entry = ranah_store_get_entry (cli->store, id, error)) == NULL)
    return FALSE;

  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_entry (json, entry);
      ranah_cli_print_json (json);
      return TRUE;
    }
  {
    g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, entry->version);
    g_autofree char *request = entry->request_id != 0
      ? g_strdup_printf ("%" G_GINT64_FORMAT, entry->request_id)
      : g_strdup (_("imported"));
    g_autofree char *checked = ranah_cli_format_time (cli, entry->last_check_at);
    g_autofree char *shown = ranah_name_display (entry->fqdn);

    g_print ("%s\n", shown);
    ranah_cli_print_field (_("Status"), ranah_entry_status_to_string (entry->status));
    ranah_cli_print_field (_("Version"), version);
    ranah_cli_print_field (_("OPD"), entry->opd_name);
    ranah_cli_print_field (_("Purpose"), entry->purpose);
    ranah_cli_print_field (_("Contact"), entry->contact_name);
    ranah_cli_print_field (_("Contact phone"), entry->contact_phone);
    ranah_cli_print_field (_("Contact e-mail"), entry->contact_email);
    ranah_cli_print_field (_("Active since"), entry->activated_on);
    ranah_cli_print_field (_("Request"), request);
    ranah_cli_print_field (_("Last check"), entry->last_check != NULL
                                            ? entry->last_check : _("never"));
    if (entry->last_check != NULL)
      ranah_cli_print_field ("", checked);
    for (guint j = 0; j < entry->records->len; j++)
      {
        g_autofree char *text = ranah_cli_record_text (g_ptr_array_index (entry->records, j));
        ranah_cli_print_field (j == 0 ? _("Records") : "", text);
      }
  }
  return TRUE;
}

static gboolean
registry_export (RanahCli  *cli,
                 int        argc,
                 char     **argv,
                 GError   **error)
{
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, NULL, N_("Exports the registry as CSV."), entries);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *csv = NULL;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 0, error)
      || !ranah_cli_sign_in (cli, error)
      || (list = ranah_store_list_entries (cli->store, NULL, error)) == NULL)
    return FALSE;
  csv = ranah_registry_csv_write (list);
  if (output == NULL || g_str_equal (output, "-"))
    {
      fputs (csv, stdout);
      return TRUE;
    }
  if (!g_file_set_contents (output, csv, -1, error))
    return FALSE;
  g_printerr (_("Wrote %u entries to %s.\n"), list->len, output);
  return TRUE;
}

static void
print_problems (RanahCli   *cli,
                const char *file,
                GPtrArray  *problems)
{
  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_begin_object (json);
      ranah_cli_json_member_bool (json, "imported", FALSE);
      ranah_cli_json_key (json, "problems");
      ranah_cli_json_begin_array (json);
      for (guint i = 0; i < problems->len; i++)
        {
          RanahImportProblem *p = g_ptr_array_index (problems, i);
          ranah_cli_json_begin_object (json);
          ranah_cli_json_member_int (json, "line", p->line);
          ranah_cli_json_member_string (json, "reason", p->reason);
          ranah_cli_json_end_object (json);
        }
      ranah_cli_json_end_array (json);
      ranah_cli_json_end_object (json);
      ranah_cli_print_json (json);
      return;
    }
  for (guint i = 0; i < problems->len; i++)
    {
      RanahImportProblem *p = g_ptr_array_index (problems, i);
      if (p->line > 0)
        g_print (_("%s:%u: %s\n"), file, p->line, p->reason);
      else
        g_print ("%s: %s\n", file, p->reason);
    }
}

static gboolean
registry_import (RanahCli  *cli,
                 int        argc,
                 char     **argv,
                 GError   **error)
{
  g_autofree char *mapping = NULL;
  gboolean dry_run = FALSE;
  const GOptionEntry entries[] = {
    { "map", 0, 0, G_OPTION_ARG_STRING, &mapping,
      N_("Our column names to the file's headers: name=Subdomain,opd=Pemilik,target=IP"),
      N_("MAPPING") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check every row against the store, write nothing"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "FILE.csv",
                       N_("Imports the agency's existing list of subdomains from CSV: every "
                          "bad row is reported with its line and reason, and nothing is "
                          "written unless every row is good."), entries);
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GHashTable) profile = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gsize len;
  const char *text;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error)
      || !ranah_cli_sign_in (cli, error)
      || (data = ranah_cli_read_input (argv[1], RANAH_CLI_CSV_MAX_BYTES, error)) == NULL
      || (profile = ranah_store_get_profile (cli->store, error)) == NULL)
    return FALSE;
  text = g_bytes_get_data (data, &len);
  if (!ranah_registry_csv_read (text != NULL ? text : "", len, mapping,
                                g_hash_table_lookup (profile, RANAH_PROFILE_PARENT_DOMAIN),
                                &list, &problems, error))
    return FALSE;

  if (problems == NULL)
    problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_import_problem_free);

  if (problems->len == 0 && dry_run)
    {
      /* What the store would refuse: unknown OPDs and names already held. */
      for (guint i = 0; i < list->len; i++)
        {
          RanahEntry *entry = g_ptr_array_index (list, i);
          g_autoptr(GError) local_error = NULL;
          g_autoptr(RanahOpd) opd = ranah_cli_find_opd (cli, entry->opd_name, &local_error);
          RanahImportProblem *p;

          if (opd != NULL)
            g_clear_error (&local_error);
          if (local_error == NULL)
            ranah_store_check_name_free (cli->store, entry->name, 0, &local_error);
          if (local_error == NULL)
            continue;
          p = g_new0 (RanahImportProblem, 1);
          p->reason = g_strdup_printf ("%s: %s", entry->name, local_error->message);
          g_ptr_array_add (problems, p);
        }
    }
  else if (problems->len == 0)
    {
      g_autoptr(GPtrArray) store_problems = NULL;

      if (!ranah_store_import_entries (cli->store, list, &store_problems, error))
        {
          if (store_problems == NULL || store_problems->len == 0)
            return FALSE;
          g_clear_error (error);
          g_ptr_array_extend_and_steal (problems, g_steal_pointer (&store_problems));
        }
    }

  if (problems->len > 0)
    {
      print_problems (cli, argv[1], problems);
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_VALIDATION,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u problem in %s; nothing was imported.",
                                "%u problems in %s; nothing was imported.", problems->len),
                   problems->len, argv[1]);
      return FALSE;
    }

  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_begin_object (json);
      ranah_cli_json_member_bool (json, "imported", !dry_run);
      ranah_cli_json_member_int (json, "entries", list->len);
      ranah_cli_json_key (json, "problems");
      ranah_cli_json_begin_array (json);
      ranah_cli_json_end_array (json);
      ranah_cli_json_end_object (json);
      ranah_cli_print_json (json);
    }
  else if (dry_run)
    g_print (_("All %u entries of %s can be imported; nothing was written.\n"), list->len,
             argv[1]);
  else
    g_print (_("Imported %u entries from %s.\n"), list->len, argv[1]);
  return TRUE;
}

static gboolean
set_status (RanahCli         *cli,
            int               argc,
            char            **argv,
            RanahEntryStatus  status,
            const char       *summary,
            GError          **error)
{
  g_autofree char *reason = NULL;
  gint64 expect = 0;
  const GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why (required; audited)"),
      N_("TEXT") },
    { "expect-version", 0, 0, G_OPTION_ARG_INT64, &expect,
      N_("Fail unless the entry is still at this version"), N_("N") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = ranah_cli_context (cli, "ID", summary, entries);
  g_autoptr(RanahEntry) entry = NULL;
  g_autoptr(RanahEntry) after = NULL;
  gint64 id;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error)
      || !ranah_cli_parse_id (argv[1], _("The entry ID"), &id, error))
    return FALSE;
  if (reason == NULL || *g_strstrip (reason) == '\0')
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("Give the reason with --reason TEXT."));
      return FALSE;
    }
  if (!ranah_cli_sign_in (cli, error)
      || (entry = ranah_store_get_entry (cli->store, id, error)) == NULL
      || !ranah_store_set_entry_status (cli->store, id, expect != 0 ? expect : entry->version,
                                        status, reason, error)
      || (after = ranah_store_get_entry (cli->store, id, error)) == NULL)
    return FALSE;
  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_entry (json, after);
      ranah_cli_print_json (json);
    }
  else
    {
      g_autofree char *shown = ranah_name_display (after->fqdn);
      g_print (_("%s is now %s.\n"), shown, ranah_entry_status_to_string (after->status));
    }
  return TRUE;
}

static gboolean
registry_suspend (RanahCli *cli, int argc, char **argv, GError **error)
{
  return set_status (cli, argc, argv, RANAH_ENTRY_SUSPENDED,
                     N_("Suspends a registry entry, with a reason."), error);
}

static gboolean
registry_revoke (RanahCli *cli, int argc, char **argv, GError **error)
{
  return set_status (cli, argc, argv, RANAH_ENTRY_REVOKED,
                     N_("Revokes a registry entry, with a reason."), error);
}

static gboolean
registry_restore (RanahCli *cli, int argc, char **argv, GError **error)
{
  return set_status (cli, argc, argv, RANAH_ENTRY_ACTIVE,
                     N_("Makes a suspended or revoked registry entry active again, with a "
                        "reason."), error);
}

static const RanahCliCommand subcommands[] = {
  { "list", N_("List the registry"), registry_list },
  { "show", N_("Show one entry"), registry_show },
  { "export", N_("Export the registry as CSV"), registry_export },
  { "import", N_("Import the agency's existing list from CSV"), registry_import },
  { "suspend", N_("Suspend an entry"), registry_suspend },
  { "revoke", N_("Revoke an entry"), registry_revoke },
  { "restore", N_("Make an entry active again"), registry_restore },
};

gboolean
ranah_cli_registry_main (RanahCli  *cli,
                         int        argc,
                         char     **argv,
                         GError   **error)
{
  return ranah_cli_dispatch (cli, "registry",
                             N_("The registry of subdomains: list, import, export."),
                             subcommands, G_N_ELEMENTS (subcommands), argc, argv, error);
}
