/* ranah-dns-server.c — the server configuration, the error domain and the exchange of
 * packets with the authoritative server
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <arpa/inet.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ranah-dns-private.h"

G_DEFINE_QUARK (ranah-dns-error-quark, ranah_dns_error)

static RanahFailure
classify_dns_error (const GError *error)
{
  switch ((RanahDnsError) error->code)
    {
    case RANAH_DNS_ERROR_VALIDATION:
      return RANAH_FAILURE_VALIDATION;
    case RANAH_DNS_ERROR_REFUSED:
      /* The server said no to this change as it stands (a name in use, a policy):
       * scripts treat it like any other conflicting change. */
      return RANAH_FAILURE_CONFLICT;
    case RANAH_DNS_ERROR_AUTH:
      return RANAH_FAILURE_PERMISSION;
    case RANAH_DNS_ERROR_UNAVAILABLE:
      return RANAH_FAILURE_UNAVAILABLE;
    case RANAH_DNS_ERROR_DRIFT:
      return RANAH_FAILURE_DRIFT;
    case RANAH_DNS_ERROR_FAILED:
    default:
      return RANAH_FAILURE_OTHER;
    }
}

void
ranah_dns_init (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      ranah_failure_register (RANAH_DNS_ERROR, classify_dns_error);
      g_once_init_leave (&registered, 1);
    }
}

/* ── Names ─────────────────────────────────────────────────────────────────────────── */

char *
ranah_dns_name_canonical (const char *name)
{
  g_autofree char *lower = NULL;
  gsize len;

  g_return_val_if_fail (name != NULL, NULL);

  lower = g_ascii_strdown (name, -1);
  len = strlen (lower);
  while (len > 0 && lower[len - 1] == '.')
    lower[--len] = '\0';
  return g_steal_pointer (&lower);
}

gboolean
ranah_dns_name_in_zone (const char *name,
                        const char *zone)
{
  gsize n = strlen (name);
  gsize z = strlen (zone);

  if (n == z)
    return g_ascii_strcasecmp (name, zone) == 0;
  if (n < z + 2)
    return FALSE;
  return name[n - z - 1] == '.' && g_ascii_strcasecmp (name + n - z, zone) == 0;
}

ldns_rdf *
ranah_dns_dname_new (const char  *name,
                     GError     **error)
{
  g_autofree char *absolute = g_strconcat (name, ".", NULL);
  ldns_rdf *rdf = NULL;

  if (ldns_str2rdf_dname (&rdf, absolute) != LDNS_STATUS_OK || rdf == NULL)
    {
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION,
                   _("“%s” is not a valid DNS name."), name);
      return NULL;
    }
  return rdf;
}

ldns_rr_type
ranah_dns_record_rr_type (RanahRecordType type)
{
  switch (type)
    {
    case RANAH_RECORD_A:
      return LDNS_RR_TYPE_A;
    case RANAH_RECORD_AAAA:
      return LDNS_RR_TYPE_AAAA;
    case RANAH_RECORD_CNAME:
      return LDNS_RR_TYPE_CNAME;
    case RANAH_RECORD_TXT:
      return LDNS_RR_TYPE_TXT;
    case RANAH_RECORD_MX:
      return LDNS_RR_TYPE_MX;
    case RANAH_N_RECORD_TYPES:
    default:
      return 0;
    }
}

char *
ranah_dns_record_owner (const char        *fqdn,
                        const RanahRecord *record)
{
  g_autofree char *base = NULL;
  g_autofree char *host = NULL;

  g_return_val_if_fail (fqdn != NULL, NULL);
  g_return_val_if_fail (record != NULL, NULL);

  base = ranah_dns_name_canonical (fqdn);
  if (record->host == NULL || record->host[0] == '\0' || g_str_equal (record->host, "@"))
    return g_steal_pointer (&base);
  host = ranah_dns_name_canonical (record->host);
  if (host[0] == '\0')
    return g_steal_pointer (&base);
  return g_strconcat (host, ".", base, NULL);
}

static char *
address_canonical (int         family,
                   const char *text)
{
  guchar buf[16];
  char out[INET6_ADDRSTRLEN];

  if (text == NULL || inet_pton (family, text, buf) != 1)
    return NULL;
  if (inet_ntop (family, buf, out, sizeof out) == NULL)
    return NULL;
  return g_strdup (out);
}

char *
ranah_dns_record_value (const RanahRecord *record)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (record != NULL, NULL);

  if (record->target == NULL)
    return NULL;

  switch (record->type)
    {
    case RANAH_RECORD_A:
    case RANAH_RECORD_AAAA:
      {
        g_autofree char *t = g_strstrip (g_strdup (record->target));
        return address_canonical (record->type == RANAH_RECORD_A ? AF_INET : AF_INET6, t);
      }
    case RANAH_RECORD_CNAME:
      name = ranah_dns_name_canonical (record->target);
      return name[0] ? g_strconcat (name, ".", NULL) : NULL;
    case RANAH_RECORD_MX:
      name = ranah_dns_name_canonical (record->target);
      return name[0] ? g_strdup_printf ("%u %s.", record->priority, name) : NULL;
    case RANAH_RECORD_TXT:
      return g_strdup (record->target);
    case RANAH_N_RECORD_TYPES:
    default:
      return NULL;
    }
}

/* A TXT value as text a person can be shown: the server sends any bytes, so control
 * characters (and, when the whole is not UTF-8, every byte above 127) are written \DDD as
 * in a zone file. Valid, printable UTF-8 is kept as it is. Frees @raw. */
static char *
txt_printable (GString *raw)
{
  gboolean utf8 = g_utf8_validate_len (raw->str, raw->len, NULL);
  GString *out = g_string_sized_new (raw->len);

  for (gsize i = 0; i < raw->len; i++)
    {
      guint8 c = (guint8) raw->str[i];

      if (c < 0x20 || c == 0x7f || (!utf8 && c > 0x7f))
        g_string_append_printf (out, "\\%03u", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_free (raw, TRUE);
  return g_string_free (out, FALSE);
}

char *
ranah_dns_rr_value (const ldns_rr *rr)
{
  char out[INET6_ADDRSTRLEN];
  ldns_rdf *rdf;

  switch (ldns_rr_get_type (rr))
    {
    case LDNS_RR_TYPE_A:
      rdf = ldns_rr_rdf (rr, 0);
      if (rdf == NULL || ldns_rdf_size (rdf) != 4
          || inet_ntop (AF_INET, ldns_rdf_data (rdf), out, sizeof out) == NULL)
        return NULL;
      return g_strdup (out);
    case LDNS_RR_TYPE_AAAA:
      rdf = ldns_rr_rdf (rr, 0);
      if (rdf == NULL || ldns_rdf_size (rdf) != 16
          || inet_ntop (AF_INET6, ldns_rdf_data (rdf), out, sizeof out) == NULL)
        return NULL;
      return g_strdup (out);
    case LDNS_RR_TYPE_CNAME:
    case LDNS_RR_TYPE_NS:
    case LDNS_RR_TYPE_PTR:
      {
        char *s;
        g_autofree char *lower = NULL;

        rdf = ldns_rr_rdf (rr, 0);
        if (rdf == NULL || (s = ldns_rdf2str (rdf)) == NULL)
          return NULL;
        lower = g_ascii_strdown (s, -1);
        free (s);
        return g_steal_pointer (&lower);
      }
    case LDNS_RR_TYPE_MX:
      {
        char *s;
        g_autofree char *lower = NULL;

        if (ldns_rr_rd_count (rr) < 2 || (s = ldns_rdf2str (ldns_rr_rdf (rr, 1))) == NULL)
          return NULL;
        lower = g_ascii_strdown (s, -1);
        free (s);
        return g_strdup_printf ("%u %s", ldns_rdf2native_int16 (ldns_rr_rdf (rr, 0)), lower);
      }
    case LDNS_RR_TYPE_TXT:
      {
        GString *text = g_string_new (NULL);

        /* A TXT record is a list of character strings; Ranah keeps one text. */
        for (size_t i = 0; i < ldns_rr_rd_count (rr); i++)
          {
            const guint8 *data;

            rdf = ldns_rr_rdf (rr, i);
            data = ldns_rdf_data (rdf);
            if (ldns_rdf_size (rdf) < 1 || data[0] + 1u > ldns_rdf_size (rdf))
              continue;
            g_string_append_len (text, (const char *) data + 1, data[0]);
          }
        return txt_printable (text);
      }
    default:
      {
        GString *text = g_string_new (NULL);

        for (size_t i = 0; i < ldns_rr_rd_count (rr); i++)
          {
            char *s = ldns_rdf2str (ldns_rr_rdf (rr, i));
            if (s == NULL)
              continue;
            if (text->len)
              g_string_append_c (text, ' ');
            g_string_append (text, s);
            free (s);
          }
        return g_string_free (text, FALSE);
      }
    }
}

guint32
ranah_dns_soa_serial (const ldns_rr *soa)
{
  if (soa == NULL || ldns_rr_get_type (soa) != LDNS_RR_TYPE_SOA || ldns_rr_rd_count (soa) < 3)
    return 0;
  return ldns_rdf2native_int32 (ldns_rr_rdf (soa, 2));
}

const char *
ranah_dns_rcode_name (guint rcode)
{
  static const char * const names[] = {
    "NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED",
    "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE",
  };

  if (rcode < G_N_ELEMENTS (names))
    return names[rcode];
  switch (rcode)
    {
    case 16:
      return "BADSIG";
    case 17:
      return "BADKEY";
    case 18:
      return "BADTIME";
    default:
      return "RCODE";
    }
}

void
ranah_dns_json_string (GString    *out,
                       const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text ? text : ""; *p; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

/* ── The server ────────────────────────────────────────────────────────────────────── */

static const char *
algorithm_wire_name (const char *algorithm)
{
  static const struct { const char *name; const char *wire; } known[] = {
    { "hmac-md5", "hmac-md5.sig-alg.reg.int." },
    { "hmac-md5.sig-alg.reg.int", "hmac-md5.sig-alg.reg.int." },
    { "hmac-sha1", "hmac-sha1." },
    { "hmac-sha224", "hmac-sha224." },
    { "hmac-sha256", "hmac-sha256." },
    { "hmac-sha384", "hmac-sha384." },
    { "hmac-sha512", "hmac-sha512." },
  };
  g_autofree char *canonical = ranah_dns_name_canonical (algorithm);

  for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (canonical, known[i].name))
      return known[i].wire;
  return NULL;
}

RanahDnsServer *
ranah_dns_server_new (const char  *address,
                      guint        port,
                      const char  *zone,
                      const char  *tsig_name,
                      const char  *tsig_algorithm,
                      const char  *tsig_secret,
                      GError     **error)
{
  RanahDnsServer *server;
  g_autofree char *canonical_zone = NULL;
  g_autofree guchar *decoded = NULL;
  gsize decoded_len = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ranah_dns_init ();

  if (address == NULL || !g_hostname_is_ip_address (address))
    {
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION,
                   _("The DNS server “%s” must be given as an IP address."),
                   address ? address : "");
      return NULL;
    }
  if (port > 65535)
    {
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION,
                   _("The DNS port %u is not between 1 and 65535."), port);
      return NULL;
    }
  canonical_zone = ranah_dns_name_canonical (zone ? zone : "");
  if (canonical_zone[0] == '\0' || !ranah_validate_fqdn (canonical_zone, FALSE, NULL))
    {
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION,
                   _("The DNS zone “%s” is not a valid domain name."), zone ? zone : "");
      return NULL;
    }
  if (tsig_name != NULL && tsig_name[0] != '\0')
    {
      const char *algorithm = tsig_algorithm && tsig_algorithm[0] ? tsig_algorithm
                                                                  : "hmac-sha256";

      if (algorithm_wire_name (algorithm) == NULL)
        {
          g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION,
                       _("The TSIG algorithm “%s” is not one Ranah knows "
                         "(hmac-sha256, hmac-sha512, …)."), algorithm);
          return NULL;
        }
      if (tsig_secret == NULL || tsig_secret[0] == '\0')
        {
          g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION,
                       _("The TSIG key “%s” has no secret."), tsig_name);
          return NULL;
        }
      /* Catch a mistyped secret here rather than as a BADSIG from the server. */
      for (const char *p = tsig_secret; *p; p++)
        if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && *p != '=')
          {
            g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION,
                         _("The secret of the TSIG key “%s” is not base64."), tsig_name);
            return NULL;
          }
      decoded = g_base64_decode (tsig_secret, &decoded_len);
      if (decoded_len == 0)
        {
          g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION,
                       _("The secret of the TSIG key “%s” is not base64."), tsig_name);
          return NULL;
        }
      explicit_bzero (decoded, decoded_len);
    }

  server = g_new0 (RanahDnsServer, 1);
  g_atomic_ref_count_init (&server->ref_count);
  server->address = g_strdup (address);
  server->port = port ? port : 53;
  server->zone = g_steal_pointer (&canonical_zone);
  server->default_ttl = 3600;
  if (tsig_name != NULL && tsig_name[0] != '\0')
    {
      server->tsig_name = ranah_dns_name_canonical (tsig_name);
      server->tsig_algorithm = ranah_dns_name_canonical (tsig_algorithm && tsig_algorithm[0]
                                                         ? tsig_algorithm : "hmac-sha256");
      server->tsig_secret = g_strdup (tsig_secret);
    }
  return server;
}

RanahDnsServer *
ranah_dns_server_new_from_profile (GHashTable  *profile,
                                   GError     **error)
{
  const char *address, *port_text, *zone;
  guint64 port = 53;

  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  address = g_hash_table_lookup (profile, RANAH_PROFILE_DNS_SERVER);
  port_text = g_hash_table_lookup (profile, RANAH_PROFILE_DNS_PORT);
  zone = g_hash_table_lookup (profile, RANAH_PROFILE_DNS_ZONE);
  if (zone == NULL || zone[0] == '\0')
    zone = g_hash_table_lookup (profile, RANAH_PROFILE_PARENT_DOMAIN);

  if (address == NULL || address[0] == '\0')
    {
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION,
                   _("No DNS server is set in the agency profile."));
      return NULL;
    }
  if (port_text != NULL && port_text[0] != '\0'
      && (!g_ascii_string_to_unsigned (port_text, 10, 1, 65535, &port, NULL)))
    {
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION,
                   _("The DNS port “%s” in the agency profile is not a number between 1 "
                     "and 65535."), port_text);
      return NULL;
    }

  return ranah_dns_server_new (address, (guint) port, zone,
                               g_hash_table_lookup (profile, RANAH_PROFILE_TSIG_NAME),
                               g_hash_table_lookup (profile, RANAH_PROFILE_TSIG_ALGORITHM),
                               g_hash_table_lookup (profile, RANAH_PROFILE_TSIG_SECRET),
                               error);
}

RanahDnsServer *
ranah_dns_server_ref (RanahDnsServer *server)
{
  g_return_val_if_fail (server != NULL, NULL);

  g_atomic_ref_count_inc (&server->ref_count);
  return server;
}

void
ranah_dns_server_unref (RanahDnsServer *server)
{
  g_return_if_fail (server != NULL);

  if (!g_atomic_ref_count_dec (&server->ref_count))
    return;
  if (server->tsig_secret != NULL)
    explicit_bzero (server->tsig_secret, strlen (server->tsig_secret));
  g_free (server->tsig_secret);
  g_free (server->tsig_name);
  g_free (server->tsig_algorithm);
  g_free (server->address);
  g_free (server->zone);
  g_free (server);
}

const char *
ranah_dns_server_get_address (RanahDnsServer *server)
{
  g_return_val_if_fail (server != NULL, NULL);
  return server->address;
}

guint
ranah_dns_server_get_port (RanahDnsServer *server)
{
  g_return_val_if_fail (server != NULL, 0);
  return server->port;
}

const char *
ranah_dns_server_get_zone (RanahDnsServer *server)
{
  g_return_val_if_fail (server != NULL, NULL);
  return server->zone;
}

gboolean
ranah_dns_server_has_tsig (RanahDnsServer *server)
{
  g_return_val_if_fail (server != NULL, FALSE);
  return server->tsig_name != NULL;
}

const char *
ranah_dns_server_get_tsig_name (RanahDnsServer *server)
{
  g_return_val_if_fail (server != NULL, NULL);
  return server->tsig_name;
}

const char *
ranah_dns_server_get_tsig_algorithm (RanahDnsServer *server)
{
  g_return_val_if_fail (server != NULL, NULL);
  return server->tsig_algorithm;
}

void
ranah_dns_server_set_default_ttl (RanahDnsServer *server,
                                  guint           ttl)
{
  g_return_if_fail (server != NULL);
  g_return_if_fail (ttl > 0);
  server->default_ttl = ttl;
}

char *
ranah_dns_server_describe (RanahDnsServer *server)
{
  g_return_val_if_fail (server != NULL, NULL);

  if (server->tsig_name == NULL)
    return g_strdup_printf (_("%s port %u, zone %s, no TSIG key"),
                            server->address, server->port, server->zone);
  return g_strdup_printf (_("%s port %u, zone %s, key %s (%s)"),
                          server->address, server->port, server->zone,
                          server->tsig_name, server->tsig_algorithm);
}

char *
ranah_dns_server_endpoint (RanahDnsServer *server)
{
  g_return_val_if_fail (server != NULL, NULL);

  if (strchr (server->address, ':') != NULL)
    return g_strdup_printf ("[%s]:%u", server->address, server->port);
  return g_strdup_printf ("%s:%u", server->address, server->port);
}

/* ── Resolvers and exchanges ───────────────────────────────────────────────────────── */

ldns_resolver *
ranah_dns_resolver_new_plain (const char  *address,
                              guint        port,
                              gboolean     recursive,
                              GError     **error)
{
  ldns_resolver *res;
  ldns_rdf *ns;
  struct timeval timeout = { RANAH_DNS_TIMEOUT_SECONDS, 0 };

  ns = ldns_rdf_new_frm_str (strchr (address, ':') ? LDNS_RDF_TYPE_AAAA : LDNS_RDF_TYPE_A,
                             address);
  if (ns == NULL)
    {
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION,
                   _("“%s” is not an IP address."), address);
      return NULL;
    }
  res = ldns_resolver_new ();
  ldns_resolver_push_nameserver (res, ns);
  ldns_rdf_deep_free (ns);
  ldns_resolver_set_port (res, port ? port : 53);
  ldns_resolver_set_recursive (res, recursive);
  /* TCP: a closed port is refused at once instead of waiting out the timeout, and no
   * answer is ever truncated. */
  ldns_resolver_set_usevc (res, true);
  ldns_resolver_set_timeout (res, timeout);
  ldns_resolver_set_retry (res, 1);
  ldns_resolver_set_retrans (res, 1);
  ldns_resolver_set_random (res, false);
  ldns_resolver_set_dnssec (res, false);
  ldns_resolver_set_fail (res, true);
  return res;
}

ldns_resolver *
ranah_dns_resolver_new (RanahDnsServer  *server,
                        gboolean         sign,
                        GError         **error)
{
  ldns_resolver *res;

  res = ranah_dns_resolver_new_plain (server->address, server->port, FALSE, error);
  if (res == NULL)
    return NULL;
  if (sign && server->tsig_name != NULL)
    {
      ldns_resolver_set_tsig_keyname (res, server->tsig_name);
      ldns_resolver_set_tsig_algorithm (res, algorithm_wire_name (server->tsig_algorithm));
      ldns_resolver_set_tsig_keydata (res, server->tsig_secret);
    }
  return res;
}

void
ranah_dns_resolver_free (ldns_resolver *res)
{
  const char *keydata;

  if (res == NULL)
    return;
  /* ldns keeps its own copy of the secret: wipe it before ldns frees it. */
  keydata = ldns_resolver_tsig_keydata (res);
  if (keydata != NULL)
    explicit_bzero ((char *) keydata, strlen (keydata));
  ldns_resolver_deep_free (res);
}

static guint
tsig_error_of (const ldns_pkt *pkt)
{
  ldns_rr *tsig = pkt ? ldns_pkt_tsig (pkt) : NULL;

  if (tsig == NULL || ldns_rr_rd_count (tsig) < 6)
    return 0;
  return ldns_rdf2native_int16 (ldns_rr_rdf (tsig, 5));
}

static void
set_rcode_error (RanahDnsServer  *server,
                 guint            rcode,
                 const char      *what,
                 GError         **error)
{
  const char *name = ranah_dns_rcode_name (rcode);

  switch (rcode)
    {
    case LDNS_RCODE_FORMERR:
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_FAILED,
                   _("The server could not parse %s (%s)."), what, name);
      break;
    case LDNS_RCODE_SERVFAIL:
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_REFUSED,
                   _("The server failed while processing %s (%s): see its log."),
                   what, name);
      break;
    case LDNS_RCODE_NXDOMAIN:
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_REFUSED,
                   _("The server rejected %s because a name it requires does not exist (%s)."),
                   what, name);
      break;
    case LDNS_RCODE_NOTIMPL:
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_REFUSED,
                   _("The server does not implement %s (%s)."), what, name);
      break;
    case LDNS_RCODE_REFUSED:
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_REFUSED,
                   _("The server refused %s (%s): its policy does not let this key make it, "
                     "or its own checks rejected it (see the server's log)."), what, name);
      break;
    case LDNS_RCODE_YXDOMAIN:
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_REFUSED,
                   _("The server rejected %s because the name already exists there (%s); "
                     "nothing was changed."), what, name);
      break;
    case LDNS_RCODE_YXRRSET:
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_REFUSED,
                   _("The server rejected %s because a record set that must not exist is "
                     "there (%s); nothing was changed."), what, name);
      break;
    case LDNS_RCODE_NXRRSET:
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_REFUSED,
                   _("The server rejected %s because a record set that must exist is "
                     "missing (%s); nothing was changed."), what, name);
      break;
    case LDNS_RCODE_NOTAUTH:
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_REFUSED,
                   _("The server is not authoritative for the zone %s, so it rejected %s "
                     "(%s)."), server->zone, what, name);
      break;
    case LDNS_RCODE_NOTZONE:
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_REFUSED,
                   _("The server rejected %s because a name in it is outside the zone %s "
                     "(%s)."), what, server->zone, name);
      break;
    default:
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_REFUSED,
                   _("The server rejected %s with response code %u."), what, rcode);
      break;
    }
}

ldns_pkt *
ranah_dns_exchange (RanahDnsServer  *server,
                    ldns_resolver   *res,
                    ldns_pkt        *query,
                    gboolean         nxdomain_ok,
                    const char      *what,
                    GError         **error)
{
  ldns_pkt *answer = NULL;
  ldns_status status;
  ldns_buffer *wire;
  struct sockaddr_storage *to;
  size_t to_len = 0, reply_size = 0;
  uint8_t *reply = NULL;
  ldns_rr *query_tsig;
  guint rcode, tsig_error;
  gboolean signature_ok = TRUE;
  char address[INET6_ADDRSTRLEN] = "";
  guint port = ldns_resolver_port (res);
  const char *keyname = ldns_resolver_tsig_keyname (res);
  gint64 started;

  g_assert (ldns_resolver_nameserver_count (res) > 0);
  {
    char *s = ldns_rdf2str (ldns_resolver_nameservers (res)[0]);
    if (s != NULL)
      {
        g_strlcpy (address, s, sizeof address);
        free (s);
      }
  }

  /* One exchange over TCP, done here rather than by ldns_resolver_send_pkt(): ldns drops
   * an answer whose TSIG does not verify, and with it the rcode and TSIG error that say
   * why (BADSIG, BADKEY) — exactly what a person needs to hear. */
  wire = ldns_buffer_new (LDNS_MIN_BUFLEN);
  if (ldns_pkt2buffer_wire (wire, query) != LDNS_STATUS_OK)
    {
      ldns_buffer_free (wire);
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_FAILED,
                   _("Could not encode %s."), what);
      return NULL;
    }
  to = ldns_rdf2native_sockaddr_storage (ldns_resolver_nameservers (res)[0], port, &to_len);
  started = g_get_monotonic_time ();
  status = ldns_tcp_send (&reply, wire, to, (socklen_t) to_len, ldns_resolver_timeout (res),
                          &reply_size);
  ldns_buffer_free (wire);
  free (to);

  if (status != LDNS_STATUS_OK || reply == NULL || reply_size == 0)
    {
      free (reply);
      /* Quick failure: nothing listens there (or the connection was dropped). */
      if (g_get_monotonic_time () - started < RANAH_DNS_TIMEOUT_SECONDS * G_USEC_PER_SEC / 2)
        g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_UNAVAILABLE,
                     _("The DNS server %s port %u cannot be reached: the connection for %s "
                       "was refused or closed."), address, port, what);
      else
        g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_UNAVAILABLE,
                     _("The DNS server %s port %u did not answer %s within %u seconds."),
                     address, port, what, (guint) RANAH_DNS_TIMEOUT_SECONDS);
      return NULL;
    }
  if (ldns_wire2pkt (&answer, reply, reply_size) != LDNS_STATUS_OK || answer == NULL)
    {
      free (reply);
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_FAILED,
                   _("The DNS server %s port %u sent a malformed answer to %s."),
                   address, port, what);
      return NULL;
    }
  query_tsig = ldns_pkt_tsig (query);
  if (keyname != NULL && query_tsig != NULL)
    signature_ok = ldns_pkt_tsig_verify (answer, reply, reply_size, keyname,
                                         ldns_resolver_tsig_keydata (res),
                                         ldns_rr_rdf (query_tsig, 3));
  free (reply);

  rcode = ldns_pkt_get_rcode (answer);
  tsig_error = tsig_error_of (answer);

  if (tsig_error >= 16 && tsig_error <= 18)
    {
      if (tsig_error == 18)
        g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_AUTH,
                     _("The server refused the TSIG signature of %s because the clocks "
                       "differ (BADTIME); check this computer's time."), what);
      else
        g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_AUTH,
                     _("The server did not accept the TSIG key “%s” for %s (%s): the key "
                       "name or secret is wrong."),
                     keyname ? keyname : "", what, ranah_dns_rcode_name (tsig_error));
      ldns_pkt_free (answer);
      return NULL;
    }
  if (keyname != NULL && rcode == LDNS_RCODE_NOTAUTH
      && !(signature_ok && ldns_pkt_tsig (answer) != NULL))
    {
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_AUTH,
                   _("The server did not accept the TSIG key “%s” for %s (NOTAUTH): the key "
                     "name or secret is wrong, or the key may not change the zone %s."),
                   keyname, what, server->zone);
      ldns_pkt_free (answer);
      return NULL;
    }
  if (!signature_ok)
    {
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_AUTH,
                   _("The answer to %s was not signed with the TSIG key “%s”: it cannot be "
                     "trusted (%s)."), what, keyname, ranah_dns_rcode_name (rcode));
      ldns_pkt_free (answer);
      return NULL;
    }
  if (rcode == LDNS_RCODE_NOERROR || (nxdomain_ok && rcode == LDNS_RCODE_NXDOMAIN))
    return answer;

  set_rcode_error (server, rcode, what, error);
  ldns_pkt_free (answer);
  return NULL;
}

ldns_pkt *
ranah_dns_query_pkt (RanahDnsServer  *server,
                     ldns_resolver   *res,
                     const char      *owner,
                     ldns_rr_type     type,
                     gboolean         nxdomain_ok,
                     GError         **error)
{
  ldns_rdf *name;
  ldns_pkt *query, *answer;
  g_autofree char *what = NULL;
  g_autofree char *type_name = NULL;
  char *t;

  name = ranah_dns_dname_new (owner, error);
  if (name == NULL)
    return NULL;
  query = ldns_pkt_query_new (name, type, LDNS_RR_CLASS_IN,
                              ldns_resolver_recursive (res) ? LDNS_RD : 0);
  ldns_pkt_set_random_id (query);
  if (ldns_resolver_tsig_keyname (res) != NULL)
    {
      if (ldns_pkt_tsig_sign (query, ldns_resolver_tsig_keyname (res),
                              ldns_resolver_tsig_keydata (res), 300,
                              ldns_resolver_tsig_algorithm (res), NULL) != LDNS_STATUS_OK)
        {
          g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_AUTH,
                       _("Could not sign the query with the TSIG key “%s”."),
                       ldns_resolver_tsig_keyname (res));
          ldns_pkt_free (query);
          return NULL;
        }
    }
  t = ldns_rr_type2str (type);
  type_name = g_strdup (t);
  free (t);
  what = g_strdup_printf (_("the query for %s %s"), owner, type_name);
  answer = ranah_dns_exchange (server, res, query, nxdomain_ok, what, error);
  ldns_pkt_free (query);
  return answer;
}
