/* ranah-dns.h — provisioning, verification, zone audit and health checks on the
 * authoritative DNS server (RFC 2136 updates and AXFR with TSIG)
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every function here is synchronous and may block for a few seconds on the network:
 * callers run them in a thread (the _async variants do that over GTask). Nothing here
 * writes to a store: the results are plain structs that the caller stores (DESIGN.md).
 *
 * Names: a request's or entry's fqdn is "label.zone" (no final dot); a record's host is
 * relative to that fqdn ("" or "@" = the fqdn itself), see ranah_dns_record_owner().
 * Values printed or compared are canonical: addresses in inet_ntop form, domain names in
 * lower case with a final dot, MX as "PRIORITY NAME.", TXT as its text.
 */
#pragma once

#include <gio/gio.h>

#include "ranah-core.h"

G_BEGIN_DECLS

#define RANAH_DNS_ERROR (ranah_dns_error_quark ())

typedef enum {
  RANAH_DNS_ERROR_VALIDATION,   /* refused before anything was sent: bad name or records */
  RANAH_DNS_ERROR_REFUSED,      /* the server refused the update or query (the rcode says why) */
  RANAH_DNS_ERROR_AUTH,         /* the TSIG key was not accepted (BADSIG, BADKEY, BADTIME) */
  RANAH_DNS_ERROR_UNAVAILABLE,  /* no answer from the server in time, or cannot connect */
  RANAH_DNS_ERROR_DRIFT,        /* the server's answer differs from what Ranah expected */
  RANAH_DNS_ERROR_FAILED,       /* anything else: a malformed answer, an internal problem */
} RanahDnsError;

GQuark ranah_dns_error_quark (void);

/* Registers the layer's failure classifier (ranah_failure_register). Every public entry
 * point calls it; callers that classify errors before using the layer may call it too. */
void   ranah_dns_init        (void);

/* The seconds one exchange with a server may take before it is reported unavailable;
 * every operation stays under 5 seconds against a server that does not answer. */
#define RANAH_DNS_TIMEOUT_SECONDS 2

/* ── The server ──────────────────────────────────────────────────────────────────── */

/* Immutable once made, reference counted, safe to share between threads. The TSIG secret
 * (base64) is kept only here, never printed or logged, and zeroed when the last
 * reference goes. */
typedef struct _RanahDnsServer RanahDnsServer;

/* @address is an IPv4 or IPv6 literal; @port 0 means 53; @zone is the zone the updates go
 * to (with or without the final dot). @tsig_name NULL or "" means no TSIG (queries only:
 * updates and transfers then fail on any server that requires a key). @tsig_algorithm
 * NULL means hmac-sha256; hmac-md5, hmac-sha1, hmac-sha224, hmac-sha256, hmac-sha384 and
 * hmac-sha512 are known. */
RanahDnsServer *ranah_dns_server_new              (const char  *address,
                                                   guint        port,
                                                   const char  *zone,
                                                   const char  *tsig_name,
                                                   const char  *tsig_algorithm,
                                                   const char  *tsig_secret,
                                                   GError     **error);
/* From the agency profile (RANAH_PROFILE_DNS_SERVER, _DNS_PORT, _DNS_ZONE (falls back to
 * _PARENT_DOMAIN), _TSIG_NAME, _TSIG_ALGORITHM, _TSIG_SECRET). */
RanahDnsServer *ranah_dns_server_new_from_profile (GHashTable  *profile,
                                                   GError     **error);
RanahDnsServer *ranah_dns_server_ref              (RanahDnsServer *server);
void            ranah_dns_server_unref            (RanahDnsServer *server);

const char     *ranah_dns_server_get_address      (RanahDnsServer *server);
guint           ranah_dns_server_get_port         (RanahDnsServer *server);
/* Lower case, without the final dot. */
const char     *ranah_dns_server_get_zone         (RanahDnsServer *server);
gboolean        ranah_dns_server_has_tsig         (RanahDnsServer *server);
const char     *ranah_dns_server_get_tsig_name    (RanahDnsServer *server);
const char     *ranah_dns_server_get_tsig_algorithm (RanahDnsServer *server);
/* The TTL given to records whose ttl is 0 (default 3600). Set before sharing. */
void            ranah_dns_server_set_default_ttl  (RanahDnsServer *server,
                                                   guint           ttl);
/* "127.0.0.1 port 53, zone tarakankota.go.id, key ranah (hmac-sha256)": never the secret. */
char           *ranah_dns_server_describe         (RanahDnsServer *server);
/* The server as a proof names it: "127.0.0.1:53", "[2001:db8::53]:53". */
char           *ranah_dns_server_endpoint         (RanahDnsServer *server);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RanahDnsServer, ranah_dns_server_unref)

/* ── Names and records ───────────────────────────────────────────────────────────── */

/* The owner name of @record under @fqdn, lower case without the final dot. */
char     *ranah_dns_record_owner          (const char        *fqdn,
                                           const RanahRecord *record);
/* The canonical value of @record (see above), or NULL if it cannot be parsed. */
char     *ranah_dns_record_value          (const RanahRecord *record);

/* What provisioning checks before sending anything: @fqdn is a valid name strictly
 * inside the server's zone (not the apex, not outside), and @records pass
 * ranah_validate_records() (no CNAME beside other records, …). */
gboolean  ranah_dns_check_records         (RanahDnsServer    *server,
                                           const char        *fqdn,
                                           GPtrArray         *records,
                                           GError           **error);

/* ── Provisioning and verification ───────────────────────────────────────────────── */

typedef struct {
  char      *fqdn;
  GPtrArray *records;   /* RanahRecord*: copies of the records asked for, ->verified set
                         * to the server's matching answer as returned, ->created TRUE when
                         * present; a record the server answered also has its proof filled
                         * in (->proof_server, ->proof_serial, ->proof_answer, ->proof_at),
                         * for ranah_store_record_proofs () */
  guint32    serial;    /* the zone's SOA serial after the operation */
  gint64     at;        /* when the server was last asked (Unix seconds) */
  char      *server;    /* the server asked, ranah_dns_server_endpoint () */
} RanahDnsResult;

void      ranah_dns_result_free           (RanahDnsResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RanahDnsResult, ranah_dns_result_free)

/* Step 5: one RFC 2136 update, TSIG-signed, that adds @records at their owners under
 * @fqdn on condition that none of those names is in use (so nothing that exists is ever
 * overwritten: YXDOMAIN otherwise), then queries the server for each record. Fails with
 * RANAH_DNS_ERROR_DRIFT if the server does not then answer with every record. */
RanahDnsResult *ranah_dns_provision       (RanahDnsServer  *server,
                                           const char      *fqdn,
                                           GPtrArray       *records,
                                           GError         **error);
/* Queries only: for records made by hand. Fails with RANAH_DNS_ERROR_DRIFT naming the first
 * record the server does not answer as expected. */
RanahDnsResult *ranah_dns_verify          (RanahDnsServer  *server,
                                           const char      *fqdn,
                                           GPtrArray       *records,
                                           GError         **error);
/* Suspend or revoke: one update deleting every record at the owner names of @records
 * (and at @fqdn). The result's records have ->verified NULL and ->created FALSE. */
RanahDnsResult *ranah_dns_remove          (RanahDnsServer  *server,
                                           const char      *fqdn,
                                           GPtrArray       *records,
                                           GError         **error);
/* Restore a suspended entry: as ranah_dns_provision(). */
RanahDnsResult *ranah_dns_restore         (RanahDnsServer  *server,
                                           const char      *fqdn,
                                           GPtrArray       *records,
                                           GError         **error);

/* One query on the authoritative server: the canonical values of the answer's records of
 * @type ("A", "CNAME", …) at @owner; an empty array when the name or type does not exist. */
GPtrArray *ranah_dns_lookup               (RanahDnsServer  *server,
                                           const char      *owner,
                                           const char      *type,
                                           GError         **error);
/* The zone's current SOA serial. */
gboolean   ranah_dns_get_serial           (RanahDnsServer  *server,
                                           guint32         *serial,
                                           GError         **error);

void            ranah_dns_provision_async  (RanahDnsServer      *server,
                                            const char          *fqdn,
                                            GPtrArray           *records,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
RanahDnsResult *ranah_dns_provision_finish (GAsyncResult        *result,
                                            GError             **error);
void            ranah_dns_verify_async     (RanahDnsServer      *server,
                                            const char          *fqdn,
                                            GPtrArray           *records,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
RanahDnsResult *ranah_dns_verify_finish    (GAsyncResult        *result,
                                            GError             **error);
void            ranah_dns_remove_async     (RanahDnsServer      *server,
                                            const char          *fqdn,
                                            GPtrArray           *records,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
RanahDnsResult *ranah_dns_remove_finish    (GAsyncResult        *result,
                                            GError             **error);
void            ranah_dns_restore_async    (RanahDnsServer      *server,
                                            const char          *fqdn,
                                            GPtrArray           *records,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
RanahDnsResult *ranah_dns_restore_finish   (GAsyncResult        *result,
                                            GError             **error);

/* ── Zone audit ──────────────────────────────────────────────────────────────────── */

typedef enum {
  RANAH_DNS_DRIFT_UNRECORDED = 0, /* in DNS, but in no registry entry's records */
  RANAH_DNS_DRIFT_MISSING,        /* an active entry's record is not in DNS */
  RANAH_DNS_DRIFT_DIFFERENT,      /* the name and type exist with other values */
  RANAH_DNS_DRIFT_NOT_REMOVED,    /* a suspended or revoked entry still has records in DNS */
} RanahDnsDriftKind;

typedef struct {
  RanahDnsDriftKind kind;
  char             *name;      /* owner, lower case without the final dot */
  char             *type;      /* "A", "CNAME", …; "" when the entry has no records */
  char             *expected;  /* the registry's values, ", "-separated; "" if none */
  char             *actual;    /* the server's values, ", "-separated; "" if none */
  gint64            entry_id;  /* the registry entry it concerns, 0 for unrecorded names
                                * under no entry */
  GStrv             expected_values; /* the same values one by one (never NULL) */
  GStrv             actual_values;
} RanahDnsDrift;

typedef struct {
  char      *zone;
  guint32    serial;
  guint      n_records;   /* records transferred (SOA counted once) */
  guint      n_entries;   /* registry entries compared */
  GPtrArray *drift;       /* RanahDnsDrift*, sorted by name then type */
  gint64     at;
} RanahDnsAudit;

const char    *ranah_dns_drift_kind_to_string (RanahDnsDriftKind kind); /* "unrecorded", … */
const char    *ranah_dns_drift_kind_label     (RanahDnsDriftKind kind); /* translatable */
void           ranah_dns_drift_free       (RanahDnsDrift *drift);
void           ranah_dns_audit_free       (RanahDnsAudit *audit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RanahDnsAudit, ranah_dns_audit_free)

/* Transfers the zone (AXFR, TSIG-signed) and compares it with @entries (RanahEntry*, the
 * registry). Ignores the apex SOA and NS records, the glue addresses of the zone's own
 * name servers and DNSSEC records. Drift is not an error: see ranah_dns_audit_check(). */
RanahDnsAudit *ranah_dns_audit            (RanahDnsServer  *server,
                                           GPtrArray       *entries,
                                           GError         **error);
/* For adopting an unrecorded name into the registry: the records DNS serves at @fqdn and
 * below that no entry records (unrecorded drift of types Ranah keeps), as RanahRecord*
 * with hosts relative to @fqdn. Empty when there are none. */
GPtrArray     *ranah_dns_audit_unrecorded_records (const RanahDnsAudit *audit,
                                                   const char          *fqdn);
/* The drift items (RanahDnsDrift*, owned by @audit) that concern registry entry @entry_id:
 * what the registry view shows beside that entry. */
GPtrArray     *ranah_dns_audit_drift_for_entry (const RanahDnsAudit *audit,
                                                gint64               entry_id);
/* FALSE with RANAH_DNS_ERROR_DRIFT (one sentence with the count) when @audit found any. */
gboolean       ranah_dns_audit_check      (const RanahDnsAudit *audit,
                                           GError             **error);
/* {"zone":…,"serial":…,"records":…,"entries":…,"at":…,"drift":[{"kind":…,"name":…,"type":…,
 *  "expected":…,"actual":…,"entry_id":…},…]} */
char          *ranah_dns_audit_to_json    (const RanahDnsAudit *audit);
/* One line per drift item, a summary line last. */
char          *ranah_dns_audit_to_text    (const RanahDnsAudit *audit);

void           ranah_dns_audit_async      (RanahDnsServer      *server,
                                           GPtrArray           *entries,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
RanahDnsAudit *ranah_dns_audit_finish     (GAsyncResult        *result,
                                           GError             **error);

/* ── Health checks ───────────────────────────────────────────────────────────────── */

/* Certificates expiring in fewer days than this are flagged. */
#define RANAH_DNS_CERT_WARNING_DAYS 30

typedef struct {
  const char *resolver;       /* a recursive resolver (IP literal) for CNAME targets outside
                               * the zone; NULL = the system's (/etc/resolv.conf) */
  guint       resolver_port;  /* 0 = 53 */
  gboolean    https;          /* also try HTTPS on the name's address */
  guint       https_port;     /* 0 = 443 */
} RanahDnsCheckOptions;

typedef struct {
  gint64     entry_id;
  char      *fqdn;
  gboolean   ok;             /* nothing below is a problem */
  gboolean   resolves;       /* every record's name answers on the authoritative server */
  GPtrArray *answers;        /* char*: "owner TYPE value" as the server answered */
  GPtrArray *dangling;       /* char*: CNAME targets that do not exist */
  gboolean   https_checked;
  char      *https_status;   /* the status line of HEAD /, e.g. "HTTP/1.1 200 OK"; NULL if none */
  gint64     cert_not_after; /* Unix seconds; 0 when no certificate was seen */
  gint       cert_days_left; /* whole days from the check to cert_not_after */
  gboolean   cert_expiring;  /* fewer than RANAH_DNS_CERT_WARNING_DAYS days left */
  GPtrArray *problems;       /* char*: one sentence each */
  char      *summary;        /* one short line, for ranah_store_record_check() */
  gint64     at;
  /* RanahRecord*: copies of the entry's records the authoritative server answered as the
   * registry has them, with their proof filled in as in RanahDnsResult, for
   * ranah_store_record_check_proofs (); the serial is the zone's at the check. Empty when
   * the entry has no records of its own. */
  GPtrArray *proofs;
} RanahDnsHealth;

void            ranah_dns_health_free     (RanahDnsHealth *health);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RanahDnsHealth, ranah_dns_health_free)

/* Checks @entry. A failed check is a result with ->ok FALSE, not an error; errors are
 * faults (the authoritative server unreachable, a bad option). @options may be NULL. */
RanahDnsHealth *ranah_dns_check_entry     (RanahDnsServer             *server,
                                           const RanahEntry           *entry,
                                           const RanahDnsCheckOptions *options,
                                           GError                    **error);
void            ranah_dns_check_entry_async  (RanahDnsServer             *server,
                                              const RanahEntry           *entry,
                                              const RanahDnsCheckOptions *options,
                                              GCancellable               *cancellable,
                                              GAsyncReadyCallback         callback,
                                              gpointer                    user_data);
RanahDnsHealth *ranah_dns_check_entry_finish (GAsyncResult               *result,
                                              GError                    **error);
char           *ranah_dns_health_to_json  (const RanahDnsHealth *health);
char           *ranah_dns_health_to_text  (const RanahDnsHealth *health);

G_END_DECLS
