/* ranah-dns-update.c — provisioning, verification, removal and restoration of a name's
 * records with RFC 2136 updates
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ranah-dns-private.h"

void
ranah_dns_result_free (RanahDnsResult *result)
{
  if (result == NULL)
    return;
  g_free (result->fqdn);
  g_free (result->server);
  g_clear_pointer (&result->records, g_ptr_array_unref);
  g_free (result);
}

static RanahDnsResult *
result_new (RanahDnsServer *server,
            const char     *fqdn,
            GPtrArray      *records)
{
  RanahDnsResult *result = g_new0 (RanahDnsResult, 1);

  result->fqdn = ranah_dns_name_canonical (fqdn);
  result->server = ranah_dns_server_endpoint (server);
  result->records = records ? ranah_records_copy (records) : ranah_records_new ();
  for (guint i = 0; i < result->records->len; i++)
    {
      RanahRecord *record = g_ptr_array_index (result->records, i);

      g_clear_pointer (&record->verified, g_free);
      g_clear_pointer (&record->proof_server, g_free);
      g_clear_pointer (&record->proof_answer, g_free);
      record->proof_serial = 0;
      record->proof_at = 0;
      record->created = FALSE;
    }
  return result;
}

/* Core's validation errors become this layer's, keeping the sentence. */
static gboolean
propagate_validation (GError  *local,
                      GError **error)
{
  g_set_error_literal (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION, local->message);
  g_error_free (local);
  return FALSE;
}

gboolean
ranah_dns_check_records (RanahDnsServer  *server,
                         const char      *fqdn,
                         GPtrArray       *records,
                         GError         **error)
{
  g_autofree char *name = NULL;
  GError *local = NULL;

  g_return_val_if_fail (server != NULL, FALSE);
  g_return_val_if_fail (fqdn != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ranah_dns_init ();

  name = ranah_dns_name_canonical (fqdn);
  if (name[0] == '\0')
    {
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION,
                   _("The name to provision is empty."));
      return FALSE;
    }
  if (!ranah_dns_name_in_zone (name, server->zone))
    {
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION,
                   _("The name %s is outside the zone %s."), name, server->zone);
      return FALSE;
    }
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      const RanahRecord *record = g_ptr_array_index (records, i);
      g_autofree char *owner = ranah_dns_record_owner (name, record);

      if (record->type == RANAH_RECORD_CNAME && g_str_equal (owner, server->zone))
        {
          g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION,
                       _("A CNAME record cannot be placed at the zone apex %s."),
                       server->zone);
          return FALSE;
        }
    }
  if (g_str_equal (name, server->zone))
    {
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION,
                   _("The name %s is the zone apex itself; only names inside the zone are "
                     "provisioned."), name);
      return FALSE;
    }
  if (!ranah_validate_fqdn (name, FALSE, &local))
    return propagate_validation (local, error);
  if (records == NULL || records->len == 0)
    {
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION,
                   _("The name %s has no records to provision."), name);
      return FALSE;
    }
  if (!ranah_validate_records (records, &local))
    return propagate_validation (local, error);
  for (guint i = 0; i < records->len; i++)
    {
      const RanahRecord *record = g_ptr_array_index (records, i);
      g_autofree char *owner = ranah_dns_record_owner (name, record);
      g_autofree char *value = ranah_dns_record_value (record);

      if (!ranah_dns_name_in_zone (owner, server->zone) || g_str_equal (owner, server->zone))
        {
          g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION,
                       _("The record name %s is outside the zone %s."), owner, server->zone);
          return FALSE;
        }
      if (value == NULL)
        {
          g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION,
                       _("The %s record of %s has an invalid value “%s”."),
                       ranah_record_type_to_string (record->type), owner,
                       record->target ? record->target : "");
          return FALSE;
        }
    }
  return TRUE;
}

/* The owner names of @records, each once, @fqdn first. */
static GPtrArray *
owner_names (const char *fqdn,
             GPtrArray  *records)
{
  GPtrArray *owners = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_ptr_array_add (owners, ranah_dns_name_canonical (fqdn));
  g_hash_table_add (seen, g_ptr_array_index (owners, 0));
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      char *owner = ranah_dns_record_owner (fqdn, g_ptr_array_index (records, i));

      if (g_hash_table_contains (seen, owner))
        {
          g_free (owner);
          continue;
        }
      g_ptr_array_add (owners, owner);
      g_hash_table_add (seen, owner);
    }
  return owners;
}

/* A bare RR (no rdata) for prerequisites and deletions: @class NONE/ANY, @type ANY, … */
static ldns_rr *
bare_rr (const char   *owner,
         ldns_rr_class klass,
         ldns_rr_type  type,
         GError      **error)
{
  ldns_rdf *name = ranah_dns_dname_new (owner, error);
  ldns_rr *rr;

  if (name == NULL)
    return NULL;
  rr = ldns_rr_new ();
  ldns_rr_set_owner (rr, name);
  ldns_rr_set_class (rr, klass);
  ldns_rr_set_type (rr, type);
  ldns_rr_set_ttl (rr, 0);
  return rr;
}

static char *
txt_quoted (const char *text)
{
  GString *out = g_string_new ("\"");

  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

static ldns_rr *
record_rr (RanahDnsServer     *server,
           const char         *fqdn,
           const RanahRecord  *record,
           GError            **error)
{
  g_autofree char *owner = ranah_dns_record_owner (fqdn, record);
  g_autofree char *value = ranah_dns_record_value (record);
  g_autofree char *rdata = NULL;
  g_autofree char *text = NULL;
  ldns_rr *rr = NULL;
  ldns_status status;

  switch (record->type)
    {
    case RANAH_RECORD_TXT:
      rdata = txt_quoted (value);
      break;
    case RANAH_RECORD_A:
    case RANAH_RECORD_AAAA:
    case RANAH_RECORD_CNAME:
    case RANAH_RECORD_MX:
    case RANAH_N_RECORD_TYPES:
    default:
      rdata = g_strdup (value);
      break;
    }
  text = g_strdup_printf ("%s. %u IN %s %s", owner,
                          record->ttl ? record->ttl : server->default_ttl,
                          ranah_record_type_to_string (record->type), rdata);
  status = ldns_rr_new_frm_str (&rr, text, 0, NULL, NULL);
  if (status != LDNS_STATUS_OK || rr == NULL)
    {
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION,
                   _("The %s record of %s cannot be encoded (%s)."),
                   ranah_record_type_to_string (record->type), owner,
                   ldns_get_errorstr_by_id (status));
      return NULL;
    }
  return rr;
}

static ldns_pkt *
update_pkt_new (RanahDnsServer  *server,
                ldns_resolver   *res,
                ldns_rr_list    *prereq,
                ldns_rr_list    *updates,
                GError         **error)
{
  ldns_rdf *zone = ranah_dns_dname_new (server->zone, error);
  ldns_pkt *pkt;

  if (zone == NULL)
    return NULL;
  pkt = ldns_update_pkt_new (zone, LDNS_RR_CLASS_IN, prereq, updates, NULL);
  if (pkt == NULL)
    {
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_FAILED,
                   _("Could not build the update for the zone %s."), server->zone);
      return NULL;
    }
  ldns_pkt_set_rd (pkt, false);
  ldns_pkt_set_random_id (pkt);
  if (ldns_update_pkt_tsig_add (pkt, res) != LDNS_STATUS_OK)
    {
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_AUTH,
                   _("Could not sign the update with the TSIG key “%s”."),
                   server->tsig_name ? server->tsig_name : "");
      ldns_pkt_free (pkt);
      return NULL;
    }
  return pkt;
}

static gboolean
send_update (RanahDnsServer  *server,
             ldns_resolver   *res,
             ldns_rr_list    *prereq,
             ldns_rr_list    *updates,
             GError         **error)
{
  ldns_pkt *pkt, *answer;

  pkt = update_pkt_new (server, res, prereq, updates, error);
  if (pkt == NULL)
    return FALSE;
  answer = ranah_dns_exchange (server, res, pkt, FALSE, _("the update"), error);
  ldns_pkt_free (pkt);
  if (answer == NULL)
    return FALSE;
  ldns_pkt_free (answer);
  return TRUE;
}

gboolean
ranah_dns_query_serial (RanahDnsServer  *server,
                        ldns_resolver   *res,
                        guint32         *serial,
                        GError         **error)
{
  ldns_pkt *answer;
  ldns_rr_list *soa;

  answer = ranah_dns_query_pkt (server, res, server->zone, LDNS_RR_TYPE_SOA, FALSE, error);
  if (answer == NULL)
    return FALSE;
  soa = ldns_pkt_rr_list_by_type (answer, LDNS_RR_TYPE_SOA, LDNS_SECTION_ANSWER);
  if (soa == NULL || ldns_rr_list_rr_count (soa) == 0)
    {
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_REFUSED,
                   _("The server gave no SOA record for the zone %s: it is not "
                     "authoritative for it."), server->zone);
      ldns_rr_list_deep_free (soa);
      ldns_pkt_free (answer);
      return FALSE;
    }
  *serial = ranah_dns_soa_serial (ldns_rr_list_rr (soa, 0));
  ldns_rr_list_deep_free (soa);
  ldns_pkt_free (answer);
  return TRUE;
}

/* The canonical values the server gives for @owner/@type, following nothing. */
static GPtrArray *
lookup_values (RanahDnsServer  *server,
               ldns_resolver   *res,
               const char      *owner,
               ldns_rr_type     type,
               GError         **error)
{
  ldns_pkt *answer;
  GPtrArray *values;
  ldns_rr_list *answers;
  ldns_rdf *owner_rdf;

  answer = ranah_dns_query_pkt (server, res, owner, type, TRUE, error);
  if (answer == NULL)
    return NULL;
  owner_rdf = ranah_dns_dname_new (owner, NULL);
  values = g_ptr_array_new_with_free_func (g_free);
  answers = ldns_pkt_answer (answer);
  for (size_t i = 0; answers != NULL && i < ldns_rr_list_rr_count (answers); i++)
    {
      ldns_rr *rr = ldns_rr_list_rr (answers, i);
      char *value;

      /* Only the records of this name: an answer may also carry a CNAME chain. */
      if (ldns_rr_get_type (rr) != type
          || (owner_rdf != NULL && ldns_dname_compare (ldns_rr_owner (rr), owner_rdf) != 0))
        continue;
      value = ranah_dns_rr_value (rr);
      if (value != NULL)
        g_ptr_array_add (values, value);
    }
  if (owner_rdf != NULL)
    ldns_rdf_deep_free (owner_rdf);
  ldns_pkt_free (answer);
  return values;
}

/* The answer among @values that is @value, or NULL. */
static const char *
value_in (GPtrArray  *values,
          const char *value,
          gboolean    is_name)
{
  for (guint i = 0; i < values->len; i++)
    {
      const char *v = g_ptr_array_index (values, i);

      if (is_name ? g_ascii_strcasecmp (v, value) == 0 : g_str_equal (v, value))
        return v;
    }
  return NULL;
}

static char *
join_values (GPtrArray *values)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < values->len; i++)
    {
      if (i)
        g_string_append (out, ", ");
      g_string_append (out, g_ptr_array_index (values, i));
    }
  return g_strdup (out->str);
}

/* Fills ->verified, ->created and the proof of @result's records from the server's
 * answers; FALSE with a DRIFT error naming the first record the server does not answer as
 * expected. */
static gboolean
verify_records (RanahDnsServer  *server,
                ldns_resolver   *res,
                RanahDnsResult  *result,
                GError         **error)
{
  g_autoptr(GError) drift = NULL;

  for (guint i = 0; i < result->records->len; i++)
    {
      RanahRecord *record = g_ptr_array_index (result->records, i);
      g_autofree char *owner = ranah_dns_record_owner (result->fqdn, record);
      g_autofree char *expected = ranah_dns_record_value (record);
      g_autoptr(GPtrArray) values = NULL;
      const char *answer;

      values = lookup_values (server, res, owner, ranah_dns_record_rr_type (record->type),
                              error);
      if (values == NULL)
        return FALSE;
      if (expected != NULL
          && (answer = value_in (values, expected, record->type != RANAH_RECORD_TXT)) != NULL)
        {
          record->verified = g_strdup (answer);
          record->created = TRUE;
          record->proof_server = g_strdup (result->server);
          record->proof_answer = g_strdup (answer);
        }
      else if (drift == NULL)
        {
          g_autofree char *actual = join_values (values);

          if (values->len == 0)
            drift = g_error_new (RANAH_DNS_ERROR, RANAH_DNS_ERROR_DRIFT,
                                 _("The server has no %s record at %s (expected %s)."),
                                 ranah_record_type_to_string (record->type), owner,
                                 expected ? expected : "");
          else
            drift = g_error_new (RANAH_DNS_ERROR, RANAH_DNS_ERROR_DRIFT,
                                 _("The server answers %s for the %s record at %s, not %s."),
                                 actual, ranah_record_type_to_string (record->type), owner,
                                 expected ? expected : "");
        }
    }
  if (!ranah_dns_query_serial (server, res, &result->serial, error))
    return FALSE;
  result->at = g_get_real_time () / G_USEC_PER_SEC;
  for (guint i = 0; i < result->records->len; i++)
    {
      RanahRecord *record = g_ptr_array_index (result->records, i);

      if (record->proof_answer != NULL)
        {
          record->proof_serial = result->serial;
          record->proof_at = result->at;
        }
    }
  if (drift != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&drift));
      return FALSE;
    }
  return TRUE;
}

static RanahDnsResult *
add_records (RanahDnsServer  *server,
             const char      *fqdn,
             GPtrArray       *records,
             GError         **error)
{
  g_autoptr(RanahDnsResult) result = NULL;
  g_autoptr(GPtrArray) owners = NULL;
  ldns_resolver *res = NULL;
  ldns_rr_list *prereq = NULL, *updates = NULL;
  gboolean ok = FALSE;

  if (!ranah_dns_check_records (server, fqdn, records, error))
    return NULL;

  result = result_new (server, fqdn, records);
  owners = owner_names (result->fqdn, records);
  res = ranah_dns_resolver_new (server, TRUE, error);
  if (res == NULL)
    return NULL;

  prereq = ldns_rr_list_new ();
  updates = ldns_rr_list_new ();
  /* "Name is not in use" (RFC 2136 §2.4.5) for every name the update touches: if any
   * of them has records the server answers YXDOMAIN and changes nothing. */
  for (guint i = 0; i < owners->len; i++)
    {
      ldns_rr *rr = bare_rr (g_ptr_array_index (owners, i), LDNS_RR_CLASS_NONE,
                             LDNS_RR_TYPE_ANY, error);
      if (rr == NULL)
        goto out;
      ldns_rr_list_push_rr (prereq, rr);
    }
  for (guint i = 0; i < records->len; i++)
    {
      ldns_rr *rr = record_rr (server, result->fqdn, g_ptr_array_index (records, i), error);
      if (rr == NULL)
        goto out;
      ldns_rr_list_push_rr (updates, rr);
    }

  if (!send_update (server, res, prereq, updates, error))
    goto out;
  if (!verify_records (server, res, result, error))
    goto out;
  ok = TRUE;

out:
  ldns_rr_list_deep_free (prereq);
  ldns_rr_list_deep_free (updates);
  ranah_dns_resolver_free (res);
  return ok ? g_steal_pointer (&result) : NULL;
}

RanahDnsResult *
ranah_dns_provision (RanahDnsServer  *server,
                     const char      *fqdn,
                     GPtrArray       *records,
                     GError         **error)
{
  g_return_val_if_fail (server != NULL, NULL);
  g_return_val_if_fail (fqdn != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ranah_dns_ldns_load (error))
    return NULL;
  return add_records (server, fqdn, records, error);
}

RanahDnsResult *
ranah_dns_restore (RanahDnsServer  *server,
                   const char      *fqdn,
                   GPtrArray       *records,
                   GError         **error)
{
  g_return_val_if_fail (server != NULL, NULL);
  g_return_val_if_fail (fqdn != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ranah_dns_ldns_load (error))
    return NULL;
  return add_records (server, fqdn, records, error);
}

RanahDnsResult *
ranah_dns_verify (RanahDnsServer  *server,
                  const char      *fqdn,
                  GPtrArray       *records,
                  GError         **error)
{
  g_autoptr(RanahDnsResult) result = NULL;
  ldns_resolver *res;
  gboolean ok;

  g_return_val_if_fail (server != NULL, NULL);
  g_return_val_if_fail (fqdn != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ranah_dns_ldns_load (error)
      || !ranah_dns_check_records (server, fqdn, records, error))
    return NULL;
  result = result_new (server, fqdn, records);
  res = ranah_dns_resolver_new (server, TRUE, error);
  if (res == NULL)
    return NULL;
  ok = verify_records (server, res, result, error);
  ranah_dns_resolver_free (res);
  return ok ? g_steal_pointer (&result) : NULL;
}

RanahDnsResult *
ranah_dns_remove (RanahDnsServer  *server,
                  const char      *fqdn,
                  GPtrArray       *records,
                  GError         **error)
{
  g_autoptr(RanahDnsResult) result = NULL;
  g_autoptr(GPtrArray) owners = NULL;
  g_autofree char *name = NULL;
  ldns_resolver *res = NULL;
  ldns_rr_list *updates = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (server != NULL, NULL);
  g_return_val_if_fail (fqdn != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ranah_dns_init ();
  if (!ranah_dns_ldns_load (error))
    return NULL;

  /* Never the apex or anything outside: removal deletes every record at each name. */
  name = ranah_dns_name_canonical (fqdn);
  if (!ranah_dns_name_in_zone (name, server->zone) || g_str_equal (name, server->zone))
    {
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION,
                   _("The name %s is not inside the zone %s."), name, server->zone);
      return NULL;
    }
  owners = owner_names (name, records);
  for (guint i = 0; i < owners->len; i++)
    {
      const char *owner = g_ptr_array_index (owners, i);

      if (!ranah_dns_name_in_zone (owner, server->zone) || g_str_equal (owner, server->zone))
        {
          g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION,
                       _("The record name %s is not inside the zone %s."), owner,
                       server->zone);
          return NULL;
        }
    }

  result = result_new (server, name, records);
  res = ranah_dns_resolver_new (server, TRUE, error);
  if (res == NULL)
    return NULL;
  updates = ldns_rr_list_new ();
  for (guint i = 0; i < owners->len; i++)
    {
      /* Class ANY, type ANY: "delete all RRsets from a name" (RFC 2136 §2.5.3). */
      ldns_rr *rr = bare_rr (g_ptr_array_index (owners, i), LDNS_RR_CLASS_ANY,
                             LDNS_RR_TYPE_ANY, error);
      if (rr == NULL)
        goto out;
      ldns_rr_list_push_rr (updates, rr);
    }
  if (!send_update (server, res, NULL, updates, error))
    goto out;
  if (!ranah_dns_query_serial (server, res, &result->serial, error))
    goto out;
  result->at = g_get_real_time () / G_USEC_PER_SEC;
  ok = TRUE;

out:
  ldns_rr_list_deep_free (updates);
  ranah_dns_resolver_free (res);
  return ok ? g_steal_pointer (&result) : NULL;
}

GPtrArray *
ranah_dns_lookup (RanahDnsServer  *server,
                  const char      *owner,
                  const char      *type,
                  GError         **error)
{
  g_autofree char *name = NULL;
  ldns_resolver *res;
  ldns_rr_type rr_type;
  GPtrArray *values;

  g_return_val_if_fail (server != NULL, NULL);
  g_return_val_if_fail (owner != NULL, NULL);
  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ranah_dns_init ();
  if (!ranah_dns_ldns_load (error))
    return NULL;

  rr_type = ldns_get_rr_type_by_name (type);
  if (rr_type == 0)
    {
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION,
                   _("“%s” is not a DNS record type."), type);
      return NULL;
    }
  name = ranah_dns_name_canonical (owner);
  res = ranah_dns_resolver_new (server, TRUE, error);
  if (res == NULL)
    return NULL;
  values = lookup_values (server, res, name, rr_type, error);
  ranah_dns_resolver_free (res);
  return values;
}

gboolean
ranah_dns_get_serial (RanahDnsServer  *server,
                      guint32         *serial,
                      GError         **error)
{
  ldns_resolver *res;
  gboolean ok;
  guint32 value = 0;

  g_return_val_if_fail (server != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ranah_dns_init ();
  if (!ranah_dns_ldns_load (error))
    return FALSE;

  res = ranah_dns_resolver_new (server, TRUE, error);
  if (res == NULL)
    return FALSE;
  ok = ranah_dns_query_serial (server, res, &value, error);
  ranah_dns_resolver_free (res);
  if (ok && serial != NULL)
    *serial = value;
  return ok;
}
