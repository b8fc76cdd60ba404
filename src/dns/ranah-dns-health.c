/* ranah-dns-health.c — health checks of a registry entry: resolution on the authoritative
 * server, dangling CNAMEs, and the HTTPS answer and certificate of the name
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ranah-dns-private.h"

#define HTTPS_TIMEOUT_SECONDS 5

void
ranah_dns_health_free (RanahDnsHealth *health)
{
  if (health == NULL)
    return;
  g_free (health->fqdn);
  g_clear_pointer (&health->answers, g_ptr_array_unref);
  g_clear_pointer (&health->dangling, g_ptr_array_unref);
  g_clear_pointer (&health->problems, g_ptr_array_unref);
  g_clear_pointer (&health->proofs, g_ptr_array_unref);
  g_free (health->https_status);
  g_free (health->summary);
  g_free (health);
}

static void
add_problem (RanahDnsHealth *health,
             char           *sentence)
{
  g_ptr_array_add (health->problems, sentence);
}

/* The answer to @owner/@type: its rcode, and the canonical values of the answer records of
 * that type at that name. NULL with an error when there was no usable answer. */
static GPtrArray *
ask (RanahDnsServer  *server,
     ldns_resolver   *res,
     const char      *owner,
     ldns_rr_type     type,
     guint           *rcode,
     GError         **error)
{
  ldns_pkt *answer;
  ldns_rr_list *list;
  GPtrArray *values;
  ldns_rdf *owner_rdf;

  answer = ranah_dns_query_pkt (server, res, owner, type, TRUE, error);
  if (answer == NULL)
    return NULL;
  *rcode = ldns_pkt_get_rcode (answer);
  owner_rdf = ranah_dns_dname_new (owner, NULL);
  values = g_ptr_array_new_with_free_func (g_free);
  list = ldns_pkt_answer (answer);
  for (size_t i = 0; list != NULL && i < ldns_rr_list_rr_count (list); i++)
    {
      ldns_rr *rr = ldns_rr_list_rr (list, i);
      char *value;

      if (ldns_rr_get_type (rr) != type
          || (owner_rdf != NULL && ldns_dname_compare (ldns_rr_owner (rr), owner_rdf) != 0))
        continue;
      if ((value = ranah_dns_rr_value (rr)) != NULL)
        g_ptr_array_add (values, value);
    }
  if (owner_rdf != NULL)
    ldns_rdf_deep_free (owner_rdf);
  ldns_pkt_free (answer);
  return values;
}

static ldns_resolver *
outside_resolver (const RanahDnsCheckOptions  *options,
                  GError                     **error)
{
  ldns_resolver *res = NULL;
  struct timeval timeout = { RANAH_DNS_TIMEOUT_SECONDS, 0 };

  if (options != NULL && options->resolver != NULL && options->resolver[0] != '\0')
    return ranah_dns_resolver_new_plain (options->resolver, options->resolver_port, TRUE,
                                         error);
  if (ldns_resolver_new_frm_file (&res, NULL) != LDNS_STATUS_OK || res == NULL)
    {
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_UNAVAILABLE,
                   _("No resolver is configured on this computer to look up names outside "
                     "the zone."));
      return NULL;
    }
  ldns_resolver_set_timeout (res, timeout);
  ldns_resolver_set_retry (res, 1);
  ldns_resolver_set_recursive (res, true);
  ldns_resolver_set_dnssec (res, false);
  return res;
}

#define MAX_CNAME_HOPS 8

/* Follows a CNAME target: in the zone on the authoritative server, outside it on the
 * resolver, hop by hop through further CNAMEs. A name at the end that does not exist
 * (NXDOMAIN) is dangling: anyone who registers it takes over the name. */
static gboolean
check_cname_target (RanahDnsServer              *server,
                    ldns_resolver               *auth,
                    ldns_resolver              **outside,
                    const RanahDnsCheckOptions  *options,
                    RanahDnsHealth              *health,
                    const char                  *owner,
                    const char                  *target_value,
                    GError                     **error)
{
  g_autofree char *target = ranah_dns_name_canonical (target_value);

  for (guint hop = 0; hop < MAX_CNAME_HOPS; hop++)
    {
      g_autoptr(GPtrArray) values = NULL;
      g_autoptr(GPtrArray) next = NULL;
      g_autoptr(GError) local = NULL;
      ldns_resolver *via = auth;
      guint rcode = 0;

      if (!ranah_dns_name_in_zone (target, server->zone))
        {
          if (*outside == NULL)
            *outside = outside_resolver (options, &local);
          via = *outside;
        }
      if (via != NULL)
        values = ask (server, via, target, LDNS_RR_TYPE_A, &rcode, via == auth ? error : &local);
      if (values == NULL && via == auth)
        return FALSE;
      if (values == NULL)
        {
          add_problem (health, g_strdup_printf (_("Could not check the CNAME target %s of "
                                                  "%s: %s"), target, owner, local->message));
          return TRUE;
        }
      if (rcode == LDNS_RCODE_NXDOMAIN)
        {
          g_ptr_array_add (health->dangling, g_strdup (target));
          add_problem (health, g_strdup_printf (_("The CNAME %s points at %s, which does not "
                                                  "exist (dangling: a takeover risk)."),
                                                owner, target));
          return TRUE;
        }
      if (values->len > 0)
        return TRUE;
      /* No address: the target may itself be an alias (an authoritative server does not
       * follow it out of its zone). */
      next = ask (server, via, target, LDNS_RR_TYPE_CNAME, &rcode, via == auth ? error : &local);
      if (next == NULL && via == auth)
        return FALSE;
      if (next == NULL || next->len == 0)
        return TRUE;  /* exists, without an address: not a takeover risk */
      g_free (target);
      target = ranah_dns_name_canonical (g_ptr_array_index (next, 0));
    }
  add_problem (health, g_strdup_printf (_("The CNAME chain from %s is longer than %u names."),
                                        owner, MAX_CNAME_HOPS));
  return TRUE;
}

static gboolean
accept_certificate_cb (GTlsConnection       *connection,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  /* Ranah reports on the certificate whatever it is; it never trusts the answer. */
  *(GTlsCertificateFlags *) user_data = errors;
  return TRUE;
}

static char *
certificate_flags_text (GTlsCertificateFlags flags)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    g_ptr_array_add (parts, (gpointer) _("issuer not trusted"));
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    g_ptr_array_add (parts, (gpointer) _("does not match the name"));
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    g_ptr_array_add (parts, (gpointer) _("not yet valid"));
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    g_ptr_array_add (parts, (gpointer) _("expired"));
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    g_ptr_array_add (parts, (gpointer) _("revoked"));
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    g_ptr_array_add (parts, (gpointer) _("insecure algorithm"));
  if (parts->len == 0)
    g_ptr_array_add (parts, (gpointer) _("invalid"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

static void
check_https (RanahDnsHealth *health,
             const char     *address,
             guint           port,
             gint64          now)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GSocketConnectable) identity = NULL;
  g_autoptr(GIOStream) tls = NULL;
  g_autoptr(GDataInputStream) input = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *request = NULL;
  g_autofree char *line = NULL;
  GTlsCertificate *certificate;
  GTlsCertificateFlags flags = 0;

  health->https_checked = TRUE;
  if (inet == NULL)
    {
      add_problem (health, g_strdup_printf (_("HTTPS: “%s” is not an address."), address));
      return;
    }
  socket_address = g_inet_socket_address_new (inet, port);
  g_socket_client_set_timeout (client, HTTPS_TIMEOUT_SECONDS);
  connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (socket_address), NULL,
                                        &local);
  if (connection == NULL)
    {
      add_problem (health, g_strdup_printf (_("HTTPS: could not connect to %s port %u: %s"),
                                            address, port, local->message));
      return;
    }
  identity = g_network_address_new (health->fqdn, port);
  tls = g_tls_client_connection_new (G_IO_STREAM (connection), identity, &local);
  if (tls == NULL)
    {
      add_problem (health, g_strdup_printf (_("HTTPS: TLS is not available: %s"),
                                            local->message));
      return;
    }
  g_signal_connect (tls, "accept-certificate", G_CALLBACK (accept_certificate_cb), &flags);
  if (!g_tls_connection_handshake (G_TLS_CONNECTION (tls), NULL, &local))
    {
      add_problem (health, g_strdup_printf (_("HTTPS: the TLS handshake with %s failed: %s"),
                                            address, local->message));
      return;
    }

  certificate = g_tls_connection_get_peer_certificate (G_TLS_CONNECTION (tls));
  if (certificate != NULL)
    {
      g_autoptr(GDateTime) not_after = g_tls_certificate_get_not_valid_after (certificate);

      if (not_after != NULL)
        {
          health->cert_not_after = g_date_time_to_unix (not_after);
          health->cert_days_left = (gint) ((health->cert_not_after - now) / 86400);
          if (health->cert_not_after < now)
            health->cert_days_left = (gint) -((now - health->cert_not_after + 86399) / 86400);
          health->cert_expiring = health->cert_days_left < RANAH_DNS_CERT_WARNING_DAYS;
          if (health->cert_not_after < now)
            add_problem (health, g_strdup_printf (_("The certificate of %s has expired."),
                                                  health->fqdn));
          else if (health->cert_expiring)
            add_problem (health, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "The certificate of %s expires in %d day.",
                                                               "The certificate of %s expires in %d days.",
                                                               health->cert_days_left),
                                                  health->fqdn, health->cert_days_left));
        }
    }
  flags &= ~G_TLS_CERTIFICATE_EXPIRED; /* said above, with the date */
  if (flags != 0)
    {
      g_autofree char *why = certificate_flags_text (flags);
      add_problem (health, g_strdup_printf (_("The certificate of %s is not valid: %s."),
                                            health->fqdn, why));
    }

  request = g_strdup_printf ("HEAD / HTTP/1.1\r\nHost: %s\r\nUser-Agent: Ranah/%s\r\n"
                             "Connection: close\r\n\r\n", health->fqdn, PACKAGE_VERSION);
  if (!g_output_stream_write_all (g_io_stream_get_output_stream (tls), request,
                                  strlen (request), NULL, NULL, &local))
    {
      add_problem (health, g_strdup_printf (_("HTTPS: could not send the request: %s"),
                                            local->message));
      return;
    }
  input = g_data_input_stream_new (g_io_stream_get_input_stream (tls));
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (input), FALSE);
  line = g_data_input_stream_read_line (input, NULL, NULL, &local);
  if (line == NULL)
    {
      add_problem (health, g_strdup_printf (_("HTTPS: %s gave no answer to HEAD /%s%s"),
                                            health->fqdn, local ? ": " : ".",
                                            local ? local->message : ""));
    }
  else
    {
      g_strchomp (line);
      health->https_status = g_utf8_make_valid (line, -1);
      if (!g_str_has_prefix (line, "HTTP/"))
        add_problem (health, g_strdup_printf (_("HTTPS: %s did not answer with HTTP."),
                                              health->fqdn));
      else
        {
          const char *code = strchr (line, ' ');
          if (code == NULL || code[1] < '1' || code[1] > '3')
            add_problem (health, g_strdup_printf (_("HTTPS: %s answered “%s”."),
                                                  health->fqdn, health->https_status));
        }
    }
  g_io_stream_close (tls, NULL, NULL);
}

static void
summarize (RanahDnsHealth *health)
{
  GString *out = g_string_new (NULL);

  health->ok = health->problems->len == 0;
  if (health->ok)
    {
      g_string_append (out, _("resolves"));
      if (health->https_status != NULL)
        g_string_append_printf (out, "; %s", health->https_status);
      if (health->cert_not_after != 0)
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                  "; certificate %d day left",
                                                  "; certificate %d days left",
                                                  health->cert_days_left),
                                health->cert_days_left);
    }
  else
    {
      for (guint i = 0; i < health->problems->len; i++)
        {
          if (i)
            g_string_append_c (out, ' ');
          g_string_append (out, g_ptr_array_index (health->problems, i));
        }
    }
  health->summary = g_string_free (out, FALSE);
}

RanahDnsHealth *
ranah_dns_check_entry (RanahDnsServer              *server,
                       const RanahEntry            *entry,
                       const RanahDnsCheckOptions  *options,
                       GError                     **error)
{
  g_autoptr(RanahDnsHealth) health = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *address = NULL;
  ldns_resolver *auth = NULL;
  ldns_resolver *outside = NULL;
  gboolean ok = FALSE;
  gint64 now;

  g_return_val_if_fail (server != NULL, NULL);
  g_return_val_if_fail (entry != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ranah_dns_init ();
  if (!ranah_dns_ldns_load (error))
    return NULL;

  now = g_get_real_time () / G_USEC_PER_SEC;
  health = g_new0 (RanahDnsHealth, 1);
  health->entry_id = entry->id;
  health->at = now;
  health->answers = g_ptr_array_new_with_free_func (g_free);
  health->dangling = g_ptr_array_new_with_free_func (g_free);
  health->problems = g_ptr_array_new_with_free_func (g_free);
  health->proofs = ranah_records_new ();
  if (entry->fqdn != NULL && entry->fqdn[0] != '\0')
    health->fqdn = ranah_dns_name_canonical (entry->fqdn);
  else if (entry->name != NULL && entry->name[0] != '\0')
    {
      g_autofree char *label = ranah_dns_name_canonical (entry->name);
      health->fqdn = g_strconcat (label, ".", server->zone, NULL);
    }
  if (health->fqdn == NULL || !ranah_dns_name_in_zone (health->fqdn, server->zone))
    {
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION,
                   _("The name %s is outside the zone %s."),
                   health->fqdn ? health->fqdn : "", server->zone);
      return NULL;
    }

  /* An entry without records (imported from the old list) is checked for an address. */
  if (entry->records != NULL && entry->records->len > 0)
    records = g_ptr_array_ref (entry->records);
  else
    {
      records = ranah_records_new ();
      g_ptr_array_add (records, ranah_record_new (RANAH_RECORD_A, "", ""));
    }

  auth = ranah_dns_resolver_new (server, TRUE, error);
  if (auth == NULL)
    return NULL;

  health->resolves = TRUE;
  for (guint i = 0; i < records->len; i++)
    {
      const RanahRecord *record = g_ptr_array_index (records, i);
      g_autofree char *owner = ranah_dns_record_owner (health->fqdn, record);
      g_autofree char *expected = ranah_dns_record_value (record);
      const char *tname = ranah_record_type_to_string (record->type);
      g_autoptr(GPtrArray) values = NULL;
      g_autoptr(GPtrArray) cnames = NULL;
      guint rcode = 0;
      const char *matched = NULL;

      values = ask (server, auth, owner, ranah_dns_record_rr_type (record->type), &rcode,
                    error);
      if (values == NULL)
        goto out;
      if (values->len == 0 && record->type != RANAH_RECORD_CNAME)
        {
          /* The name may be a CNAME made by hand: follow it like a resolver would. */
          cnames = ask (server, auth, owner, LDNS_RR_TYPE_CNAME, &rcode, error);
          if (cnames == NULL)
            goto out;
          for (guint j = 0; j < cnames->len; j++)
            {
              g_ptr_array_add (health->answers,
                               g_strdup_printf ("%s CNAME %s", owner,
                                                (char *) g_ptr_array_index (cnames, j)));
              if (!check_cname_target (server, auth, &outside, options, health, owner,
                                       g_ptr_array_index (cnames, j), error))
                goto out;
            }
          if (cnames->len > 0)
            continue;
        }
      if (values->len == 0)
        {
          health->resolves = FALSE;
          add_problem (health, g_strdup_printf (_("%s has no %s record on the authoritative "
                                                  "server (%s)."), owner, tname,
                                                ranah_dns_rcode_name (rcode)));
          continue;
        }
      for (guint j = 0; j < values->len; j++)
        {
          const char *v = g_ptr_array_index (values, j);

          g_ptr_array_add (health->answers, g_strdup_printf ("%s %s %s", owner, tname, v));
          if (expected != NULL && matched == NULL
              && (record->type == RANAH_RECORD_TXT ? g_str_equal (v, expected)
                                                   : g_ascii_strcasecmp (v, expected) == 0))
            matched = v;
          if (record->type == RANAH_RECORD_CNAME
              && !check_cname_target (server, auth, &outside, options, health, owner, v,
                                      error))
            goto out;
          if (address == NULL && (record->type == RANAH_RECORD_A
                                  || record->type == RANAH_RECORD_AAAA)
              && g_str_equal (owner, health->fqdn))
            address = g_strdup (v);
        }
      if (matched != NULL && records == entry->records)
        {
          /* What the check proves again (ranah_store_record_check_proofs ()). */
          RanahRecord *proof = ranah_record_copy (record);

          g_free (proof->proof_server);
          proof->proof_server = ranah_dns_server_endpoint (server);
          g_free (proof->proof_answer);
          proof->proof_answer = g_strdup (matched);
          proof->proof_at = now;
          g_ptr_array_add (health->proofs, proof);
        }
      if (expected != NULL && expected[0] != '\0' && matched == NULL)
        {
          g_autofree char *joined = NULL;

          g_ptr_array_add (values, NULL);
          joined = g_strjoinv (", ", (char **) values->pdata);
          add_problem (health, g_strdup_printf (_("%s %s answers %s, but the registry has %s."),
                                                owner, tname, joined, expected));
        }
    }

  if (options != NULL && options->https)
    {
      if (address == NULL)
        {
          /* Through a CNAME: the address the name finally resolves to. */
          g_autoptr(GPtrArray) cnames = NULL;
          guint rcode = 0;

          cnames = ask (server, auth, health->fqdn, LDNS_RR_TYPE_CNAME, &rcode, error);
          if (cnames == NULL)
            goto out;
          if (cnames->len > 0)
            {
              g_autofree char *target = ranah_dns_name_canonical (g_ptr_array_index (cnames, 0));
              g_autoptr(GPtrArray) addresses = NULL;
              g_autoptr(GError) local = NULL;
              ldns_resolver *via = auth;

              if (!ranah_dns_name_in_zone (target, server->zone))
                {
                  if (outside == NULL)
                    outside = outside_resolver (options, &local);
                  via = outside;
                }
              if (via != NULL)
                addresses = ask (server, via, target, LDNS_RR_TYPE_A, &rcode, &local);
              if (addresses != NULL && addresses->len > 0)
                address = g_strdup (g_ptr_array_index (addresses, 0));
            }
        }
      if (address == NULL)
        {
          health->https_checked = TRUE;
          add_problem (health, g_strdup_printf (_("HTTPS: %s has no address to connect to."),
                                                health->fqdn));
        }
      else
        check_https (health, address, options->https_port ? options->https_port : 443, now);
    }

  if (health->proofs->len > 0)
    {
      guint32 serial = 0;

      if (!ranah_dns_query_serial (server, auth, &serial, error))
        goto out;
      for (guint i = 0; i < health->proofs->len; i++)
        ((RanahRecord *) g_ptr_array_index (health->proofs, i))->proof_serial = serial;
    }
  summarize (health);
  ok = TRUE;

out:
  ranah_dns_resolver_free (auth);
  if (outside != NULL)
    ranah_dns_resolver_free (outside);
  return ok ? g_steal_pointer (&health) : NULL;
}

static void
json_string_array (GString   *out,
                   GPtrArray *values)
{
  g_string_append_c (out, '[');
  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      if (i)
        g_string_append_c (out, ',');
      ranah_dns_json_string (out, g_ptr_array_index (values, i));
    }
  g_string_append_c (out, ']');
}

char *
ranah_dns_health_to_json (const RanahDnsHealth *health)
{
  GString *out;

  g_return_val_if_fail (health != NULL, NULL);

  out = g_string_new (NULL);
  g_string_append_printf (out, "{\"entry_id\":%" G_GINT64_FORMAT ",\"fqdn\":", health->entry_id);
  ranah_dns_json_string (out, health->fqdn);
  g_string_append_printf (out, ",\"ok\":%s,\"resolves\":%s,\"answers\":",
                          health->ok ? "true" : "false", health->resolves ? "true" : "false");
  json_string_array (out, health->answers);
  g_string_append (out, ",\"dangling\":");
  json_string_array (out, health->dangling);
  if (health->https_checked)
    {
      g_string_append (out, ",\"https\":{\"status\":");
      if (health->https_status != NULL)
        ranah_dns_json_string (out, health->https_status);
      else
        g_string_append (out, "null");
      if (health->cert_not_after != 0)
        {
          g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (health->cert_not_after);
          g_autofree char *iso = dt ? g_date_time_format_iso8601 (dt) : NULL;

          g_string_append (out, ",\"cert_not_after\":");
          ranah_dns_json_string (out, iso ? iso : "");
          g_string_append_printf (out, ",\"cert_days_left\":%d,\"cert_expiring\":%s",
                                  health->cert_days_left,
                                  health->cert_expiring ? "true" : "false");
        }
      g_string_append_c (out, '}');
    }
  g_string_append (out, ",\"problems\":");
  json_string_array (out, health->problems);
  g_string_append (out, ",\"summary\":");
  ranah_dns_json_string (out, health->summary);
  g_string_append_printf (out, ",\"at\":%" G_GINT64_FORMAT "}", health->at);
  return g_string_free (out, FALSE);
}

char *
ranah_dns_health_to_text (const RanahDnsHealth *health)
{
  GString *out;

  g_return_val_if_fail (health != NULL, NULL);

  out = g_string_new (NULL);
  g_string_append_printf (out, "%s %s: %s\n", health->ok ? "ok  " : "FAIL", health->fqdn,
                          health->summary ? health->summary : "");
  if (health->cert_not_after != 0)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (health->cert_not_after);
      g_autofree char *date = dt ? g_date_time_format (dt, "%Y-%m-%d") : NULL;

      g_string_append_printf (out, _("     certificate valid until %s (%d days)%s\n"),
                              date ? date : "", health->cert_days_left,
                              health->cert_expiring ? _(", expiring soon") : "");
    }
  return g_string_free (out, FALSE);
}
