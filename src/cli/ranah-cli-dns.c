/* ranah-cli-dns.c — ranah-cli dns: provision and verify a request's records, audit the
 * zone against the registry, check entries' health, suspend/revoke/restore in DNS
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dns layer talks to the server and returns results; this file stores them through
 * the store's verbs (the records' proofs and a move for step 5, the entry's status, its
 * check history with the proofs it renews).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ranah-cli.h"
#include "ranah-dns.h"

static RanahDnsServer *
open_server (RanahCli  *cli,
             GError   **error)
{
  g_autoptr(GHashTable) profile = ranah_store_get_profile (cli->store, error);
  RanahDnsServer *server;
  char *secret;

  if (profile == NULL)
    return NULL;
  server = ranah_dns_server_new_from_profile (profile, error);
  /* The server keeps its own copy; this one is wiped before the table frees it. */
  secret = g_hash_table_lookup (profile, RANAH_PROFILE_TSIG_SECRET);
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  return server;
}

static void
print_result (RanahCli             *cli,
              gint64                request_id,
              const RanahDnsResult *result,
              gboolean              advanced)
{
  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();

      ranah_cli_json_begin_object (json);
      if (request_id != 0)
        ranah_cli_json_member_int (json, "request_id", request_id);
      ranah_cli_json_member_string (json, "fqdn", result->fqdn);
      ranah_cli_json_member_int (json, "serial", result->serial);
      ranah_cli_json_member_string (json, "server", result->server);
      ranah_cli_json_member_time (json, "at", result->at);
      ranah_cli_json_member_bool (json, "created", advanced);
      ranah_cli_json_key (json, "records");
      ranah_cli_json_begin_array (json);
      for (guint i = 0; i < result->records->len; i++)
        ranah_cli_json_record (json, g_ptr_array_index (result->records, i));
      ranah_cli_json_end_array (json);
      ranah_cli_json_end_object (json);
      ranah_cli_print_json (json);
      return;
    }
  for (guint i = 0; i < result->records->len; i++)
    {
      const RanahRecord *record = g_ptr_array_index (result->records, i);
      g_autofree char *text = ranah_cli_record_text (record);

      g_print ("%-40s %s\n", text, record->verified ? record->verified : "-");
    }
  g_print (_("%s: zone serial %u.\n"), result->fqdn, result->serial);
  if (result->server != NULL)
    g_print (_("Answered by the authoritative server %s.\n"), result->server);
  if (advanced)
    g_print (_("Step 5 recorded: the records are created.\n"));
}

/* Step 5: the proof that the authoritative server answers every record, then the move,
 * whose output are the records as proven. */
static gboolean
record_created (RanahCli              *cli,
                const RanahRequest    *request,
                const RanahDnsResult  *result,
                const char            *how,
                GError               **error)
{
  g_autofree char *note = g_strdup_printf (_("%s: %s, zone serial %u."), how, result->fqdn,
                                           result->serial);
  RanahMove move = { 0 };

  /* Each proof is an audit event of its own; the request's version stays. */
  if (!ranah_store_record_proofs (cli->store, request->id, result->records, error))
    return FALSE;
  move.action = RANAH_ACTION_CREATE;
  move.request_id = request->id;
  move.expected_version = request->version;
  move.note = note;
  return ranah_store_move (cli->store, &move, error);
}

static gboolean
load_request (RanahCli      *cli,
              const char    *id_text,
              RanahRequest **out,
              GError       **error)
{
  gint64 id;

  if (!ranah_cli_parse_id (id_text, _("The request ID"), &id, error)
      || !ranah_cli_sign_in (cli, error))
    return FALSE;
  *out = ranah_store_get_request (cli->store, id, error);
  return *out != NULL;
}

/* Whether the signed-in user may perform step 5 on @request (role, assignee, OPD), read
 * from the workflow table through the store. Asked before anything is sent: records
 * created in DNS by someone who then may not record step 5 would be drift nobody owns. */
static gboolean
may_create (RanahCli            *cli,
            const RanahRequest  *request,
            GError             **error)
{
  g_autoptr(GPtrArray) actions = ranah_store_next_actions (cli->store, request);

  for (guint i = 0; i < actions->len; i++)
    if (((const RanahTransition *) g_ptr_array_index (actions, i))->action == RANAH_ACTION_CREATE)
      return TRUE;

  g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION,
               _("Step 5 of the request for %s is for %s; nothing was sent to DNS."),
               request->fqdn,
               request->assignee_name != NULL && *request->assignee_name != '\0'
               ? request->assignee_name : ranah_role_title (RANAH_ROLE_STAF));
  return FALSE;
}

static gboolean
dns_provision (RanahCli  *cli,
               int        argc,
               char     **argv,
               GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "REQUEST_ID",
                       N_("Creates a request's records on the DNS server with a TSIG-signed "
                          "update that never overwrites an existing name, verifies them by "
                          "query and records step 5."), NULL);
  g_autoptr(RanahRequest) request = NULL;
  g_autoptr(RanahDnsServer) server = NULL;
  g_autoptr(RanahDnsResult) result = NULL;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error)
      || !load_request (cli, argv[1], &request, error))
    return FALSE;
  /* Refuse before touching DNS when the step is not open: the update cannot be undone. */
  if (request->state != RANAH_STATE_AT_STAF || request->outcome == RANAH_OUTCOME_REFUSED)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_STATE,
                   _("The request for %s is “%s”, not waiting for its records to be "
                     "created; nothing was sent to DNS."),
                   request->fqdn, ranah_state_label (request->state));
      return FALSE;
    }
  if (!may_create (cli, request, error))
    return FALSE;
  if ((server = open_server (cli, error)) == NULL
      || (result = ranah_dns_provision (server, request->fqdn, request->records,
                                        error)) == NULL)
    return FALSE;
  if (!record_created (cli, request, result, _("Provisioned by RFC 2136 update"), error))
    return FALSE;
  print_result (cli, request->id, result, TRUE);
  return TRUE;
}

static gboolean
dns_verify (RanahCli  *cli,
            int        argc,
            char     **argv,
            GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "REQUEST_ID",
                       N_("Verifies by query on the authoritative server a request's records "
                          "made elsewhere (a hosting panel, nsupdate) and keeps the proof; "
                          "while the request waits for step 5, records it as done."), NULL);
  g_autoptr(RanahRequest) request = NULL;
  g_autoptr(RanahDnsServer) server = NULL;
  g_autoptr(RanahDnsResult) result = NULL;
  gboolean advance;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error)
      || !load_request (cli, argv[1], &request, error)
      || (server = open_server (cli, error)) == NULL
      || (result = ranah_dns_verify (server, request->fqdn, request->records, error)) == NULL)
    return FALSE;
  advance = request->state == RANAH_STATE_AT_STAF && request->outcome != RANAH_OUTCOME_REFUSED;
  if (advance && !record_created (cli, request, result, _("Made by hand, verified by query"),
                                  error))
    return FALSE;
  /* Waiting for step 6 (a request created before records needed their proof): the proof
   * alone, by the staff member it is disposed to. */
  if (!advance && request->state == RANAH_STATE_CREATED
      && ranah_store_get_user (cli->store)->id == request->assignee_id
      && !ranah_store_record_proofs (cli->store, request->id, result->records, error))
    return FALSE;
  print_result (cli, request->id, result, advance);
  return TRUE;
}

static gboolean
dns_audit (RanahCli  *cli,
           int        argc,
           char     **argv,
           GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, NULL,
                       N_("Transfers the zone (AXFR) and compares it with the registry; exits "
                          "with 8 when they disagree."), NULL);
  RanahEntryFilter filter = { NULL, 0, -1 };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(RanahDnsServer) server = NULL;
  g_autoptr(RanahDnsAudit) audit = NULL;
  g_autofree char *out = NULL;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 0, error)
      || !ranah_cli_sign_in (cli, error)
      || (entries = ranah_store_list_entries (cli->store, &filter, error)) == NULL
      || (server = open_server (cli, error)) == NULL
      || (audit = ranah_dns_audit (server, entries, error)) == NULL)
    return FALSE;

  out = cli->json ? ranah_dns_audit_to_json (audit) : ranah_dns_audit_to_text (audit);
  fputs (out, stdout);
  if (cli->json)
    fputc ('\n', stdout);
  fflush (stdout);
  return ranah_dns_audit_check (audit, error);
}

static gboolean
dns_check (RanahCli  *cli,
           int        argc,
           char     **argv,
           GError   **error)
{
  gboolean https = FALSE;
  int https_port = 443;
  g_autofree char *resolver = NULL;
  int resolver_port = 53;
  const GOptionEntry options[] = {
    { "https", 0, 0, G_OPTION_ARG_NONE, &https,
      N_("Also check HTTPS: the status of HEAD / and the certificate's expiry"), NULL },
    { "https-port", 0, 0, G_OPTION_ARG_INT, &https_port, N_("The HTTPS port (443)"),
      N_("PORT") },
    { "resolver", 0, 0, G_OPTION_ARG_STRING, &resolver,
      N_("A resolver's address for CNAME targets outside the zone (default: the system's)"),
      N_("ADDRESS") },
    { "resolver-port", 0, 0, G_OPTION_ARG_INT, &resolver_port, N_("The resolver's port (53)"),
      N_("PORT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "[ENTRY_ID…]",
                       N_("Checks active registry entries (or the ones given): resolution on "
                          "the authoritative server, dangling CNAMEs and, with --https, the "
                          "certificate; keeps each result and exits with 8 when one fails."),
                       options);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(RanahDnsServer) server = NULL;
  g_autoptr(GString) json = g_string_new ("[");
  RanahDnsCheckOptions check = { 0 };
  guint failed = 0;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, -1, error))
    return FALSE;
  if (https_port < 1 || https_port > 65535 || resolver_port < 1 || resolver_port > 65535)
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("A port must be between 1 and 65535."));
      return FALSE;
    }
  if (!ranah_cli_sign_in (cli, error) || (server = open_server (cli, error)) == NULL)
    return FALSE;

  if (argc > 1)
    {
      entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_entry_free);
      for (int i = 1; i < argc; i++)
        {
          gint64 id;
          RanahEntry *entry;

          if (!ranah_cli_parse_id (argv[i], _("The entry ID"), &id, error)
              || (entry = ranah_store_get_entry (cli->store, id, error)) == NULL)
            return FALSE;
          g_ptr_array_add (entries, entry);
        }
    }
  else
    {
      RanahEntryFilter filter = { NULL, 0, RANAH_ENTRY_ACTIVE };

      if ((entries = ranah_store_list_entries (cli->store, &filter, error)) == NULL)
        return FALSE;
    }

  check.https = https;
  check.https_port = (guint) https_port;
  check.resolver = resolver;
  check.resolver_port = (guint) resolver_port;
  for (guint i = 0; i < entries->len; i++)
    {
      const RanahEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(RanahDnsHealth) health = NULL;
      g_autoptr(GError) local = NULL;

      health = ranah_dns_check_entry (server, entry, &check, &local);
      if (health == NULL && g_error_matches (local, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION))
        {
          /* An entry this server cannot check (outside its zone) fails; the rest go on. */
          health = g_new0 (RanahDnsHealth, 1);
          health->entry_id = entry->id;
          health->fqdn = g_strdup (entry->fqdn);
          health->answers = g_ptr_array_new_with_free_func (g_free);
          health->dangling = g_ptr_array_new_with_free_func (g_free);
          health->problems = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (health->problems, g_strdup (local->message));
          health->summary = g_strdup (local->message);
          health->at = g_get_real_time () / G_USEC_PER_SEC;
        }
      else if (health == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      /* A check that passes proves the entry's records again. */
      if (!ranah_store_record_check_proofs (cli->store, entry->id, health->ok, health->summary,
                                            health->proofs, error))
        return FALSE;
      if (!health->ok)
        failed++;
      if (cli->json)
        {
          g_autofree char *one = ranah_dns_health_to_json (health);
          g_string_append_printf (json, "%s%s", i ? "," : "", one);
        }
      else
        {
          g_autofree char *text = ranah_dns_health_to_text (health);
          fputs (text, stdout);
        }
    }
  if (cli->json)
    g_print ("%s]\n", json->str);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u entry checked, %u failing.\n",
                          "%u entries checked, %u failing.\n", entries->len),
             entries->len, failed);
  fflush (stdout);
  if (failed > 0)
    {
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_DRIFT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u of %u entry failed its health check.",
                                "%u of %u entries failed their health check.", entries->len),
                   failed, entries->len);
      return FALSE;
    }
  return TRUE;
}

/* Suspend, revoke or restore: DNS first, so that a server that says no leaves the registry
 * as it was; then the entry's status, audited with the reason. */
static gboolean
change_status (RanahCli          *cli,
               int                argc,
               char             **argv,
               RanahEntryStatus   status,
               const char        *summary,
               GError           **error)
{
  g_autofree char *reason = NULL;
  gint64 expect = 0;
  const GOptionEntry options[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why (required; audited)"),
      N_("TEXT") },
    { "expect-version", 0, 0, G_OPTION_ARG_INT64, &expect,
      N_("Fail unless the entry is still at this version"), N_("N") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = ranah_cli_context (cli, "ENTRY_ID", summary, options);
  g_autoptr(RanahEntry) entry = NULL;
  g_autoptr(RanahEntry) after = NULL;
  g_autoptr(RanahDnsServer) server = NULL;
  g_autoptr(RanahDnsResult) result = NULL;
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
      || (server = open_server (cli, error)) == NULL)
    return FALSE;
  if (expect != 0 && expect != entry->version)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_CONFLICT,
                   _("The entry %s was changed by someone else first; reload and try again."),
                   entry->fqdn);
      return FALSE;
    }

  if (status == RANAH_ENTRY_ACTIVE)
    {
      /* Already served as recorded (suspended in the registry only): nothing to add. */
      result = ranah_dns_verify (server, entry->fqdn, entry->records, NULL);
      if (result == NULL)
        result = ranah_dns_restore (server, entry->fqdn, entry->records, error);
    }
  else
    result = ranah_dns_remove (server, entry->fqdn, entry->records, error);
  if (result == NULL)
    return FALSE;

  if (!ranah_store_set_entry_status (cli->store, id, expect != 0 ? expect : entry->version,
                                     status, reason, error)
      || (after = ranah_store_get_entry (cli->store, id, error)) == NULL)
    return FALSE;
  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();

      ranah_cli_json_begin_object (json);
      ranah_cli_json_member_int (json, "serial", result->serial);
      ranah_cli_json_key (json, "entry");
      ranah_cli_json_entry (json, after);
      ranah_cli_json_end_object (json);
      ranah_cli_print_json (json);
    }
  else
    g_print (_("%s is now %s; zone serial %u.\n"), after->fqdn,
             ranah_entry_status_to_string (after->status), result->serial);
  return TRUE;
}

static gboolean
dns_suspend (RanahCli *cli, int argc, char **argv, GError **error)
{
  return change_status (cli, argc, argv, RANAH_ENTRY_SUSPENDED,
                        N_("Removes an entry's records from DNS and marks it suspended, with a "
                           "reason."), error);
}

static gboolean
dns_revoke (RanahCli *cli, int argc, char **argv, GError **error)
{
  return change_status (cli, argc, argv, RANAH_ENTRY_REVOKED,
                        N_("Removes an entry's records from DNS and marks it revoked, with a "
                           "reason."), error);
}

static gboolean
dns_restore (RanahCli *cli, int argc, char **argv, GError **error)
{
  return change_status (cli, argc, argv, RANAH_ENTRY_ACTIVE,
                        N_("Puts a suspended or revoked entry's records back in DNS and marks "
                           "it active, with a reason."), error);
}

static const RanahCliCommand subcommands[] = {
  { "provision", N_("Create a request's records in DNS (step 5)"), dns_provision },
  { "verify", N_("Verify records made by hand"), dns_verify },
  { "audit", N_("Compare the zone with the registry"), dns_audit },
  { "check", N_("Health checks of registry entries"), dns_check },
  { "suspend", N_("Remove an entry's records and suspend it"), dns_suspend },
  { "revoke", N_("Remove an entry's records and revoke it"), dns_revoke },
  { "restore", N_("Put an entry's records back"), dns_restore },
};

gboolean
ranah_cli_dns_main (RanahCli  *cli,
                    int        argc,
                    char     **argv,
                    GError   **error)
{
  ranah_dns_init ();
  return ranah_cli_dispatch (cli, "dns",
                             N_("The authoritative DNS server: provision, verify, audit, check."),
                             subcommands, G_N_ELEMENTS (subcommands), argc, argv, error);
}
