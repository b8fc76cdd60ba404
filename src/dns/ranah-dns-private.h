/* ranah-dns-private.h — what the dns layer's files share: resolvers, packets, values
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <ldns/ldns.h>
/* After ldns's own headers: ldns is opened at run time and its names call through a table. */
#include "ranah-dns-ldns.h"

#include "ranah-dns.h"

G_BEGIN_DECLS

struct _RanahDnsServer
{
  gatomicrefcount ref_count;
  char           *address;
  guint           port;
  char           *zone;            /* lower case, no final dot */
  char           *tsig_name;       /* NULL when none */
  char           *tsig_algorithm;  /* "hmac-sha256" */
  char           *tsig_secret;     /* base64; zeroed on free */
  guint           default_ttl;
};

/* A resolver aimed at @server (TCP, no recursion, the layer's timeout, one try), signing
 * with the server's key when @sign and a key is set. */
ldns_resolver *ranah_dns_resolver_new        (RanahDnsServer *server,
                                              gboolean        sign,
                                              GError        **error);
/* A resolver aimed at @address/@port (recursion desired) for names outside the zone. */
ldns_resolver *ranah_dns_resolver_new_plain  (const char     *address,
                                              guint           port,
                                              gboolean        recursive,
                                              GError        **error);
/* Frees @res after zeroing any TSIG secret it holds. */
void           ranah_dns_resolver_free       (ldns_resolver  *res);

/* "name." as a dname rdf; NULL with a VALIDATION error if it does not parse. */
ldns_rdf      *ranah_dns_dname_new           (const char     *name,
                                              GError        **error);

/* Sends @query and returns the answer packet when the exchange worked and the rcode is
 * NOERROR (or NXDOMAIN when @nxdomain_ok); otherwise NULL with an error saying what the
 * server did, in one sentence. @what names the operation for messages ("the update"). */
ldns_pkt      *ranah_dns_exchange            (RanahDnsServer *server,
                                              ldns_resolver  *res,
                                              ldns_pkt       *query,
                                              gboolean        nxdomain_ok,
                                              const char     *what,
                                              GError        **error);
/* A query of @owner/@type on @res (no RD unless the resolver is recursive). */
ldns_pkt      *ranah_dns_query_pkt           (RanahDnsServer *server,
                                              ldns_resolver  *res,
                                              const char     *owner,
                                              ldns_rr_type    type,
                                              gboolean        nxdomain_ok,
                                              GError        **error);

/* The canonical value of an answer RR (see ranah-dns.h), or NULL for types Ranah does not
 * keep. */
char          *ranah_dns_rr_value            (const ldns_rr  *rr);
/* Lower case, no final dot. */
char          *ranah_dns_name_canonical      (const char     *name);
/* @name is @zone or below it (both canonical). */
gboolean       ranah_dns_name_in_zone        (const char     *name,
                                              const char     *zone);
ldns_rr_type   ranah_dns_record_rr_type      (RanahRecordType type);
const char    *ranah_dns_rcode_name          (guint           rcode);

guint32        ranah_dns_soa_serial          (const ldns_rr  *soa);
/* The zone's SOA serial, asked of the server on @res. */
gboolean       ranah_dns_query_serial        (RanahDnsServer *server,
                                              ldns_resolver  *res,
                                              guint32        *serial,
                                              GError        **error);

/* The comparison of ranah_dns_audit() on records given as a list (what a transfer of
 * @zone would return) instead of a transfer: for the fuzzer and tests without a server.
 * Never fails; ->at is 0. */
RanahDnsAudit *ranah_dns_audit_compare_rrs   (const char         *zone,
                                              const ldns_rr_list *rrs,
                                              GPtrArray          *entries);

/* Appends @text to @out as a JSON string literal. */
void           ranah_dns_json_string         (GString        *out,
                                              const char     *text);

G_END_DECLS
