/* ranah-dns-audit.c — the zone audit: a zone transfer compared with the registry
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ranah-dns-private.h"

typedef struct {
  const RanahEntry *entry;
  GPtrArray        *values;   /* char*, canonical */
  char             *owner;
  char             *type;
} Expected;

static void
expected_free (gpointer data)
{
  Expected *e = data;

  g_ptr_array_unref (e->values);
  g_free (e->owner);
  g_free (e->type);
  g_free (e);
}

typedef struct {
  GPtrArray *values;          /* char*, canonical */
  char      *owner;
  char      *type;
  gboolean   consumed;
} Actual;

static void
actual_free (gpointer data)
{
  Actual *a = data;

  g_ptr_array_unref (a->values);
  g_free (a->owner);
  g_free (a->type);
  g_free (a);
}

const char *
ranah_dns_drift_kind_to_string (RanahDnsDriftKind kind)
{
  switch (kind)
    {
    case RANAH_DNS_DRIFT_UNRECORDED:
      return "unrecorded";
    case RANAH_DNS_DRIFT_MISSING:
      return "missing";
    case RANAH_DNS_DRIFT_DIFFERENT:
      return "different";
    case RANAH_DNS_DRIFT_NOT_REMOVED:
      return "not-removed";
    default:
      return "unknown";
    }
}

const char *
ranah_dns_drift_kind_label (RanahDnsDriftKind kind)
{
  switch (kind)
    {
    case RANAH_DNS_DRIFT_UNRECORDED:
      return _("In DNS, not in the registry");
    case RANAH_DNS_DRIFT_MISSING:
      return _("In the registry, missing from DNS");
    case RANAH_DNS_DRIFT_DIFFERENT:
      return _("Targets differ");
    case RANAH_DNS_DRIFT_NOT_REMOVED:
      return _("Suspended or revoked, still in DNS");
    default:
      return _("Unknown");
    }
}

void
ranah_dns_drift_free (RanahDnsDrift *drift)
{
  if (drift == NULL)
    return;
  g_free (drift->name);
  g_free (drift->type);
  g_free (drift->expected);
  g_free (drift->actual);
  g_strfreev (drift->expected_values);
  g_strfreev (drift->actual_values);
  g_free (drift);
}

void
ranah_dns_audit_free (RanahDnsAudit *audit)
{
  if (audit == NULL)
    return;
  g_free (audit->zone);
  g_clear_pointer (&audit->drift, g_ptr_array_unref);
  g_free (audit);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
joined_sorted (GPtrArray *values)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (values == NULL)
    return g_strdup ("");
  g_ptr_array_sort (values, compare_strings);
  for (guint i = 0; i < values->len; i++)
    {
      if (i)
        g_string_append (out, ", ");
      g_string_append (out, g_ptr_array_index (values, i));
    }
  return g_strdup (out->str);
}

static GStrv
values_strv (GPtrArray *values)
{
  GStrv strv = g_new0 (char *, (values ? values->len : 0) + 1);

  for (guint i = 0; values != NULL && i < values->len; i++)
    strv[i] = g_strdup (g_ptr_array_index (values, i));
  return strv;
}

static void
add_value (GPtrArray  *values,
           const char *value)
{
  for (guint i = 0; i < values->len; i++)
    if (g_str_equal (g_ptr_array_index (values, i), value))
      return;
  g_ptr_array_add (values, g_strdup (value));
}

static void
add_drift (RanahDnsAudit     *audit,
           RanahDnsDriftKind  kind,
           const char        *owner,
           const char        *type,
           GPtrArray         *expected,
           GPtrArray         *actual,
           gint64             entry_id)
{
  RanahDnsDrift *drift = g_new0 (RanahDnsDrift, 1);

  drift->kind = kind;
  drift->name = g_strdup (owner);
  drift->type = g_strdup (type ? type : "");
  drift->expected = joined_sorted (expected);
  drift->actual = joined_sorted (actual);
  drift->expected_values = values_strv (expected);
  drift->actual_values = values_strv (actual);
  drift->entry_id = entry_id;
  g_ptr_array_add (audit->drift, drift);
}

static int
compare_drift (gconstpointer a,
               gconstpointer b)
{
  const RanahDnsDrift *x = *(const RanahDnsDrift * const *) a;
  const RanahDnsDrift *y = *(const RanahDnsDrift * const *) b;
  int c;

  if ((c = strcmp (x->name, y->name)) != 0)
    return c;
  if ((c = strcmp (x->type, y->type)) != 0)
    return c;
  return (int) x->kind - (int) y->kind;
}

static gboolean
is_dnssec_type (ldns_rr_type type)
{
  switch ((int) type)
    {
    case LDNS_RR_TYPE_RRSIG:
    case LDNS_RR_TYPE_NSEC:
    case LDNS_RR_TYPE_NSEC3:
    case LDNS_RR_TYPE_NSEC3PARAM:
    case LDNS_RR_TYPE_DNSKEY:
    case LDNS_RR_TYPE_CDS:
    case LDNS_RR_TYPE_CDNSKEY:
    case 65534: /* BIND's private signing-state records */
      return TRUE;
    default:
      return FALSE;
    }
}

static char *
type_name (ldns_rr_type type)
{
  char *t = ldns_rr_type2str (type);
  char *copy = g_strdup (t ? t : "");

  free (t);
  return copy;
}

/* Takes one record of the zone into @actual ("owner\ttype" → Actual*), noting the apex's
 * name servers in @ns_targets. */
static void
collect_rr (RanahDnsAudit *audit,
            const char    *zone,
            GHashTable    *actual,
            GHashTable    *ns_targets,
            gboolean      *seen_soa,
            const ldns_rr *rr)
{
  ldns_rr_type type = ldns_rr_get_type (rr);
  char *owner_text = ldns_rdf2str (ldns_rr_owner (rr));
  g_autofree char *owner = ranah_dns_name_canonical (owner_text ? owner_text : "");
  gboolean apex;

  free (owner_text);
  apex = g_str_equal (owner, zone);
  if (type == LDNS_RR_TYPE_SOA)
    {
      if (!*seen_soa)
        {
          audit->serial = ranah_dns_soa_serial (rr);
          audit->n_records++;
        }
      *seen_soa = TRUE;
    }
  else
    audit->n_records++;

  if (apex && type == LDNS_RR_TYPE_NS)
    {
      g_autofree char *target = ranah_dns_rr_value (rr);
      if (target != NULL)
        g_hash_table_add (ns_targets, ranah_dns_name_canonical (target));
    }
  if ((apex && (type == LDNS_RR_TYPE_SOA || type == LDNS_RR_TYPE_NS))
      || is_dnssec_type (type))
    return;

  {
    g_autofree char *tname = type_name (type);
    g_autofree char *key = g_strconcat (owner, "\t", tname, NULL);
    g_autofree char *value = ranah_dns_rr_value (rr);
    Actual *a = g_hash_table_lookup (actual, key);

    if (a == NULL)
      {
        a = g_new0 (Actual, 1);
        a->values = g_ptr_array_new_with_free_func (g_free);
        a->owner = g_strdup (owner);
        a->type = g_strdup (tname);
        g_hash_table_insert (actual, g_steal_pointer (&key), a);
      }
    if (value != NULL)
      add_value (a->values, value);
  }
}

/* The addresses of the zone's own name servers (glue) belong to no entry. */
static void
drop_glue (GHashTable *actual,
           GHashTable *ns_targets,
           const char *zone)
{
  GHashTableIter iter;
  gpointer target;

  g_hash_table_iter_init (&iter, ns_targets);
  while (g_hash_table_iter_next (&iter, &target, NULL))
    {
      g_autofree char *a = g_strconcat (target, "\tA", NULL);
      g_autofree char *aaaa = g_strconcat (target, "\tAAAA", NULL);

      if (!ranah_dns_name_in_zone (target, zone))
        continue;
      g_hash_table_remove (actual, a);
      g_hash_table_remove (actual, aaaa);
    }
}

/* Transfers the zone into @actual ("owner\ttype" → Actual*). */
static gboolean
transfer_zone (RanahDnsServer  *server,
               RanahDnsAudit   *audit,
               GHashTable      *actual,
               GError         **error)
{
  ldns_resolver *res;
  ldns_rdf *zone;
  ldns_status status;
  ldns_rr *rr;
  gboolean seen_soa = FALSE;
  g_autoptr(GHashTable) ns_targets = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                             g_free, NULL);

  res = ranah_dns_resolver_new (server, TRUE, error);
  if (res == NULL)
    return FALSE;
  zone = ranah_dns_dname_new (server->zone, error);
  if (zone == NULL)
    {
      ranah_dns_resolver_free (res);
      return FALSE;
    }

  status = ldns_axfr_start (res, zone, LDNS_RR_CLASS_IN);
  ldns_rdf_deep_free (zone);
  if (status != LDNS_STATUS_OK)
    {
      g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_UNAVAILABLE,
                   _("The DNS server %s port %u cannot be reached to transfer the zone %s "
                     "(%s)."), server->address, server->port, server->zone,
                   ldns_get_errorstr_by_id (status));
      ranah_dns_resolver_free (res);
      return FALSE;
    }

  while ((rr = ldns_axfr_next (res)) != NULL)
    {
      collect_rr (audit, server->zone, actual, ns_targets, &seen_soa, rr);
      ldns_rr_free (rr);
    }

  if (!ldns_axfr_complete (res))
    {
      const ldns_pkt *last = ldns_axfr_last_pkt (res);
      guint rcode = last ? ldns_pkt_get_rcode (last) : 0;

      if (last != NULL && rcode == LDNS_RCODE_NOTAUTH)
        g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_AUTH,
                     _("The server refused the transfer of the zone %s (NOTAUTH): the TSIG "
                       "key “%s” is wrong or may not transfer it."),
                     server->zone, server->tsig_name ? server->tsig_name : "");
      else if (last != NULL && rcode != LDNS_RCODE_NOERROR)
        g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_REFUSED,
                     _("The server refused the transfer of the zone %s (%s)."),
                     server->zone, ranah_dns_rcode_name (rcode));
      else
        g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_UNAVAILABLE,
                     _("The transfer of the zone %s from %s port %u did not complete."),
                     server->zone, server->address, server->port);
      ldns_axfr_abort (res);
      ranah_dns_resolver_free (res);
      return FALSE;
    }
  ranah_dns_resolver_free (res);

  drop_glue (actual, ns_targets, server->zone);
  return TRUE;
}

static char *
entry_fqdn (const RanahEntry *entry,
            const char       *zone)
{
  if (entry->fqdn != NULL && entry->fqdn[0] != '\0')
    return ranah_dns_name_canonical (entry->fqdn);
  if (entry->name != NULL && entry->name[0] != '\0')
    {
      g_autofree char *name = ranah_dns_name_canonical (entry->name);
      return g_strconcat (name, ".", zone, NULL);
    }
  return NULL;
}

/* The entry owning @owner: the one whose records name it, else the nearest entry whose
 * fqdn is @owner or one of its parents. */
static const RanahEntry *
find_entry (GHashTable *by_owner,
            GHashTable *by_fqdn,
            const char *owner,
            const char *zone)
{
  const RanahEntry *entry = g_hash_table_lookup (by_owner, owner);
  const char *p = owner;

  if (entry != NULL)
    return entry;
  while (p != NULL && !g_str_equal (p, zone))
    {
      entry = g_hash_table_lookup (by_fqdn, p);
      if (entry != NULL)
        return entry;
      p = strchr (p, '.');
      if (p != NULL)
        p++;
    }
  return NULL;
}

/* Compares the zone's records (@actual, from collect_rr()) with @entries into @audit. */
static void
compare_with_registry (RanahDnsAudit *audit,
                       GHashTable    *actual,
                       const char    *zone,
                       GPtrArray     *entries)
{
  g_autoptr(GHashTable) expected = NULL;
  g_autoptr(GPtrArray) expected_order = NULL;
  g_autoptr(GHashTable) by_owner = NULL;
  g_autoptr(GHashTable) by_fqdn = NULL;
  g_autoptr(GHashTable) owners_present = NULL;
  g_autoptr(GPtrArray) fqdns = NULL;
  GHashTableIter iter;
  gpointer value;

  owners_present = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_iter_init (&iter, actual);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_hash_table_add (owners_present, ((Actual *) value)->owner);

  /* The registry, keyed like the transfer. */
  expected = g_hash_table_new (g_str_hash, g_str_equal);
  expected_order = g_ptr_array_new_with_free_func (expected_free);
  by_owner = g_hash_table_new (g_str_hash, g_str_equal);
  by_fqdn = g_hash_table_new (g_str_hash, g_str_equal);
  fqdns = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const RanahEntry *entry = g_ptr_array_index (entries, i);
      char *fqdn = entry_fqdn (entry, zone);

      if (fqdn == NULL || !ranah_dns_name_in_zone (fqdn, zone)
          || g_str_equal (fqdn, zone))
        {
          g_free (fqdn);
          continue;
        }
      g_ptr_array_add (fqdns, fqdn);
      audit->n_entries++;
      if (!g_hash_table_contains (by_fqdn, fqdn))
        g_hash_table_insert (by_fqdn, fqdn, (gpointer) entry);

      if (entry->records == NULL || entry->records->len == 0)
        {
          /* An entry imported without records: it should at least exist. */
          if (entry->status == RANAH_ENTRY_ACTIVE
              && !g_hash_table_contains (owners_present, fqdn))
            add_drift (audit, RANAH_DNS_DRIFT_MISSING, fqdn, "", NULL, NULL, entry->id);
          continue;
        }

      for (guint j = 0; j < entry->records->len; j++)
        {
          const RanahRecord *record = g_ptr_array_index (entry->records, j);
          g_autofree char *owner = ranah_dns_record_owner (fqdn, record);
          g_autofree char *key = NULL;
          g_autofree char *val = ranah_dns_record_value (record);
          const char *tname = ranah_record_type_to_string (record->type);
          Expected *e;

          key = g_strconcat (owner, "\t", tname, NULL);
          e = g_hash_table_lookup (expected, key);
          if (e == NULL)
            {
              e = g_new0 (Expected, 1);
              e->entry = entry;
              e->values = g_ptr_array_new_with_free_func (g_free);
              e->owner = g_strdup (owner);
              e->type = g_strconcat (owner, "\t", tname, NULL);
              g_ptr_array_add (expected_order, e);
              g_hash_table_insert (expected, e->type, e);
            }
          if (e->entry != entry)
            continue;  /* two entries claim one name: the first one counts */
          add_value (e->values, val ? val : (record->target ? record->target : ""));
          if (!g_hash_table_contains (by_owner, e->owner))
            g_hash_table_insert (by_owner, e->owner, (gpointer) entry);
        }
    }

  for (guint i = 0; i < expected_order->len; i++)
    {
      Expected *e = g_ptr_array_index (expected_order, i);
      Actual *a = g_hash_table_lookup (actual, e->type);
      const char *tname = strchr (e->type, '\t') + 1;

      if (a != NULL)
        a->consumed = TRUE;
      if (e->entry->status != RANAH_ENTRY_ACTIVE)
        {
          if (a != NULL)
            add_drift (audit, RANAH_DNS_DRIFT_NOT_REMOVED, e->owner, tname, NULL, a->values,
                       e->entry->id);
          continue;
        }
      if (a == NULL)
        {
          add_drift (audit, RANAH_DNS_DRIFT_MISSING, e->owner, tname, e->values, NULL,
                     e->entry->id);
          continue;
        }
      g_ptr_array_sort (e->values, compare_strings);
      g_ptr_array_sort (a->values, compare_strings);
      {
        gboolean same = e->values->len == a->values->len;

        for (guint j = 0; same && j < e->values->len; j++)
          same = g_str_equal (g_ptr_array_index (e->values, j),
                              g_ptr_array_index (a->values, j));
        if (!same)
          add_drift (audit, RANAH_DNS_DRIFT_DIFFERENT, e->owner, tname, e->values,
                     a->values, e->entry->id);
      }
    }

  g_hash_table_iter_init (&iter, actual);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Actual *a = value;
      const RanahEntry *entry;

      if (a->consumed)
        continue;
      entry = find_entry (by_owner, by_fqdn, a->owner, zone);
      if (entry != NULL && entry->status != RANAH_ENTRY_ACTIVE)
        add_drift (audit, RANAH_DNS_DRIFT_NOT_REMOVED, a->owner, a->type, NULL, a->values,
                   entry->id);
      else
        add_drift (audit, RANAH_DNS_DRIFT_UNRECORDED, a->owner, a->type, NULL, a->values,
                   entry ? entry->id : 0);
    }

  g_ptr_array_sort (audit->drift, compare_drift);
}

RanahDnsAudit *
ranah_dns_audit (RanahDnsServer  *server,
                 GPtrArray       *entries,
                 GError         **error)
{
  g_autoptr(RanahDnsAudit) audit = NULL;
  g_autoptr(GHashTable) actual = NULL;

  g_return_val_if_fail (server != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ranah_dns_init ();
  if (!ranah_dns_ldns_load (error))
    return NULL;

  audit = g_new0 (RanahDnsAudit, 1);
  audit->zone = g_strdup (server->zone);
  audit->drift = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_dns_drift_free);

  actual = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, actual_free);
  if (!transfer_zone (server, audit, actual, error))
    return NULL;
  audit->at = g_get_real_time () / G_USEC_PER_SEC;

  compare_with_registry (audit, actual, server->zone, entries);
  return g_steal_pointer (&audit);
}

RanahDnsAudit *
ranah_dns_audit_compare_rrs (const char         *zone,
                             const ldns_rr_list *rrs,
                             GPtrArray          *entries)
{
  g_autoptr(RanahDnsAudit) audit = NULL;
  g_autoptr(GHashTable) actual = NULL;
  g_autoptr(GHashTable) ns_targets = NULL;
  gboolean seen_soa = FALSE;

  g_return_val_if_fail (zone != NULL, NULL);

  /* Whoever made @rrs had ldns loaded; this makes the layer's own calls reach it too. */
  if (!ranah_dns_ldns_load (NULL))
    {
      g_critical ("ranah_dns_audit_compare_rrs() called without ldns");
      return NULL;
    }

  audit = g_new0 (RanahDnsAudit, 1);
  audit->zone = g_strdup (zone);
  audit->drift = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_dns_drift_free);
  actual = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, actual_free);
  ns_targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (size_t i = 0; rrs != NULL && i < ldns_rr_list_rr_count (rrs); i++)
    collect_rr (audit, zone, actual, ns_targets, &seen_soa, ldns_rr_list_rr (rrs, i));
  drop_glue (actual, ns_targets, zone);
  compare_with_registry (audit, actual, zone, entries);
  return g_steal_pointer (&audit);
}

/* A record from a canonical value, or NULL if the value does not fit the type. */
static RanahRecord *
record_from_value (RanahRecordType  type,
                   const char      *host,
                   const char      *value)
{
  g_autofree char *target = NULL;
  guint64 priority = 0;
  RanahRecord *record;

  switch (type)
    {
    case RANAH_RECORD_MX:
      {
        const char *space = strchr (value, ' ');
        g_autofree char *number = NULL;

        if (space == NULL)
          return NULL;
        number = g_strndup (value, space - value);
        if (!g_ascii_string_to_unsigned (number, 10, 0, 65535, &priority, NULL))
          return NULL;
        target = ranah_dns_name_canonical (space + 1);
        break;
      }
    case RANAH_RECORD_CNAME:
      target = ranah_dns_name_canonical (value);
      break;
    case RANAH_RECORD_A:
    case RANAH_RECORD_AAAA:
    case RANAH_RECORD_TXT:
    case RANAH_N_RECORD_TYPES:
    default:
      target = g_strdup (value);
      break;
    }
  record = ranah_record_new (type, host, target);
  record->priority = (guint) priority;
  return record;
}

GPtrArray *
ranah_dns_audit_unrecorded_records (const RanahDnsAudit *audit,
                                    const char          *fqdn)
{
  g_autofree char *base = NULL;
  GPtrArray *records;

  g_return_val_if_fail (audit != NULL, NULL);
  g_return_val_if_fail (fqdn != NULL, NULL);

  base = ranah_dns_name_canonical (fqdn);
  records = ranah_records_new ();
  for (guint i = 0; i < audit->drift->len; i++)
    {
      const RanahDnsDrift *d = g_ptr_array_index (audit->drift, i);
      g_autofree char *host = NULL;
      RanahRecordType type;

      if (d->kind != RANAH_DNS_DRIFT_UNRECORDED || !ranah_dns_name_in_zone (d->name, base)
          || !ranah_record_type_from_string (d->type, &type))
        continue;
      if (!g_str_equal (d->name, base))
        host = g_strndup (d->name, strlen (d->name) - strlen (base) - 1);
      for (guint j = 0; d->actual_values[j] != NULL; j++)
        {
          RanahRecord *record = record_from_value (type, host ? host : "", d->actual_values[j]);

          if (record != NULL)
            g_ptr_array_add (records, record);
        }
    }
  return records;
}

GPtrArray *
ranah_dns_audit_drift_for_entry (const RanahDnsAudit *audit,
                                 gint64               entry_id)
{
  GPtrArray *items;

  g_return_val_if_fail (audit != NULL, NULL);

  items = g_ptr_array_new ();
  for (guint i = 0; entry_id != 0 && i < audit->drift->len; i++)
    {
      RanahDnsDrift *d = g_ptr_array_index (audit->drift, i);

      if (d->entry_id == entry_id)
        g_ptr_array_add (items, d);
    }
  return items;
}

gboolean
ranah_dns_audit_check (const RanahDnsAudit  *audit,
                       GError              **error)
{
  g_return_val_if_fail (audit != NULL, FALSE);

  ranah_dns_init ();

  if (audit->drift->len == 0)
    return TRUE;
  g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_DRIFT,
               g_dngettext (GETTEXT_PACKAGE,
                            "The zone %s and the registry disagree in %u place.",
                            "The zone %s and the registry disagree in %u places.",
                            audit->drift->len),
               audit->zone, audit->drift->len);
  return FALSE;
}

char *
ranah_dns_audit_to_json (const RanahDnsAudit *audit)
{
  GString *out;

  g_return_val_if_fail (audit != NULL, NULL);

  out = g_string_new ("{\"zone\":");
  ranah_dns_json_string (out, audit->zone);
  g_string_append_printf (out, ",\"serial\":%u,\"records\":%u,\"entries\":%u,"
                          "\"at\":%" G_GINT64_FORMAT ",\"drift_count\":%u,\"drift\":[",
                          audit->serial, audit->n_records, audit->n_entries, audit->at,
                          audit->drift->len);
  for (guint i = 0; i < audit->drift->len; i++)
    {
      const RanahDnsDrift *d = g_ptr_array_index (audit->drift, i);

      if (i)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"kind\":");
      ranah_dns_json_string (out, ranah_dns_drift_kind_to_string (d->kind));
      g_string_append (out, ",\"name\":");
      ranah_dns_json_string (out, d->name);
      g_string_append (out, ",\"type\":");
      ranah_dns_json_string (out, d->type);
      g_string_append (out, ",\"expected\":");
      ranah_dns_json_string (out, d->expected);
      g_string_append (out, ",\"actual\":");
      ranah_dns_json_string (out, d->actual);
      g_string_append_printf (out, ",\"entry_id\":%" G_GINT64_FORMAT "}", d->entry_id);
    }
  g_string_append (out, "]}");
  return g_string_free (out, FALSE);
}

char *
ranah_dns_audit_to_text (const RanahDnsAudit *audit)
{
  GString *out;

  g_return_val_if_fail (audit != NULL, NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < audit->drift->len; i++)
    {
      const RanahDnsDrift *d = g_ptr_array_index (audit->drift, i);

      g_string_append_printf (out, "%-12s %s %s", ranah_dns_drift_kind_to_string (d->kind),
                              d->name, d->type[0] ? d->type : "-");
      switch (d->kind)
        {
        case RANAH_DNS_DRIFT_UNRECORDED:
        case RANAH_DNS_DRIFT_NOT_REMOVED:
          g_string_append_printf (out, _(": DNS has %s"), d->actual);
          break;
        case RANAH_DNS_DRIFT_MISSING:
          if (d->expected[0])
            g_string_append_printf (out, _(": the registry has %s"), d->expected);
          else
            g_string_append (out, _(": no records in DNS"));
          break;
        case RANAH_DNS_DRIFT_DIFFERENT:
          g_string_append_printf (out, _(": the registry has %s, DNS has %s"),
                                  d->expected, d->actual);
          break;
        default:
          break;
        }
      if (d->entry_id != 0)
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, d->entry_id);
          g_string_append_printf (out, _(" (entry %s)"), id);
        }
      g_string_append_c (out, '\n');
    }
  g_string_append_printf (out,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "Zone %s, serial %u: %u records, %u entries, %u difference.\n",
                                       "Zone %s, serial %u: %u records, %u entries, %u differences.\n",
                                       audit->drift->len),
                          audit->zone, audit->serial, audit->n_records, audit->n_entries,
                          audit->drift->len);
  return g_string_free (out, FALSE);
}
