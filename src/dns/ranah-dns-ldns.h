/* ranah-dns-ldns.h — the ldns functions the dns layer calls, opened at run time
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libldns brings OpenSSL with it: linking it cost every Ranah process (ranah-cli --version,
 * a letter, the desktop app's start) about 5.6 ms and some MiB before main(), although most
 * of them never speak DNS. So no program links it: the dns layer opens it by its soname
 * (RANAH_LDNS_SONAME, found at configure time) the first time a public function that talks
 * to DNS is called, and calls it through the table below. ldns's headers are used as usual
 * and give the table its types, so every call is still checked against ldns's prototypes.
 *
 * Include it after <ldns/ldns.h>; ranah-dns-private.h does.
 */
#pragma once

#include <ldns/ldns.h>
#include <glib.h>

G_BEGIN_DECLS

/* Every ldns function the layer calls, once. A name missing here is an undefined reference
 * when ranah-cli links; a name here that ldns lacks makes the loader fail and say so. */
#define RANAH_DNS_LDNS_FUNCTIONS(F) \
  F (ldns_axfr_abort) \
  F (ldns_axfr_complete) \
  F (ldns_axfr_last_pkt) \
  F (ldns_axfr_next) \
  F (ldns_axfr_start) \
  F (ldns_buffer_free) \
  F (ldns_buffer_new) \
  F (ldns_dname_compare) \
  F (ldns_get_errorstr_by_id) \
  F (ldns_get_rr_type_by_name) \
  F (ldns_pkt2buffer_wire) \
  F (ldns_pkt_answer) \
  F (ldns_pkt_free) \
  F (ldns_pkt_get_rcode) \
  F (ldns_pkt_query_new) \
  F (ldns_pkt_rr_list_by_type) \
  F (ldns_pkt_set_random_id) \
  F (ldns_pkt_set_rd) \
  F (ldns_pkt_tsig) \
  F (ldns_pkt_tsig_sign) \
  F (ldns_pkt_tsig_verify) \
  F (ldns_rdf2native_int16) \
  F (ldns_rdf2native_int32) \
  F (ldns_rdf2native_sockaddr_storage) \
  F (ldns_rdf2str) \
  F (ldns_rdf_data) \
  F (ldns_rdf_deep_free) \
  F (ldns_rdf_new_frm_str) \
  F (ldns_rdf_size) \
  F (ldns_resolver_deep_free) \
  F (ldns_resolver_nameserver_count) \
  F (ldns_resolver_nameservers) \
  F (ldns_resolver_new) \
  F (ldns_resolver_new_frm_file) \
  F (ldns_resolver_port) \
  F (ldns_resolver_push_nameserver) \
  F (ldns_resolver_recursive) \
  F (ldns_resolver_set_dnssec) \
  F (ldns_resolver_set_fail) \
  F (ldns_resolver_set_port) \
  F (ldns_resolver_set_random) \
  F (ldns_resolver_set_recursive) \
  F (ldns_resolver_set_retrans) \
  F (ldns_resolver_set_retry) \
  F (ldns_resolver_set_timeout) \
  F (ldns_resolver_set_tsig_algorithm) \
  F (ldns_resolver_set_tsig_keydata) \
  F (ldns_resolver_set_tsig_keyname) \
  F (ldns_resolver_set_usevc) \
  F (ldns_resolver_timeout) \
  F (ldns_resolver_tsig_algorithm) \
  F (ldns_resolver_tsig_keydata) \
  F (ldns_resolver_tsig_keyname) \
  F (ldns_rr_free) \
  F (ldns_rr_get_type) \
  F (ldns_rr_list_deep_free) \
  F (ldns_rr_list_new) \
  F (ldns_rr_list_push_rr) \
  F (ldns_rr_list_rr) \
  F (ldns_rr_list_rr_count) \
  F (ldns_rr_new) \
  F (ldns_rr_new_frm_str) \
  F (ldns_rr_owner) \
  F (ldns_rr_rd_count) \
  F (ldns_rr_rdf) \
  F (ldns_rr_set_class) \
  F (ldns_rr_set_owner) \
  F (ldns_rr_set_ttl) \
  F (ldns_rr_set_type) \
  F (ldns_rr_type2str) \
  F (ldns_str2rdf_dname) \
  F (ldns_tcp_send) \
  F (ldns_update_pkt_new) \
  F (ldns_update_pkt_tsig_add) \
  F (ldns_wire2pkt)

/* One pointer per function, of the function's own type, named as the function. */
#define RANAH_DNS_LDNS_POINTER(name) __typeof__ (name) *name;
typedef struct {
  RANAH_DNS_LDNS_FUNCTIONS (RANAH_DNS_LDNS_POINTER)
} RanahDnsLdns;
#undef RANAH_DNS_LDNS_POINTER

/* Filled by ranah_dns_ldns_load(); read only after it returned TRUE. */
extern RanahDnsLdns ranah_dns_ldns;

/* Opens ldns and fills the table, once per process and safe from any thread; cheap after
 * the first call. FALSE with RANAH_DNS_ERROR_FAILED ("The DNS library (libldns.so.3) is
 * not installed.") when it cannot be opened, then and on every later call. Each public
 * function of the layer that reaches ldns calls it before anything else does. */
gboolean ranah_dns_ldns_load (GError **error);

/* The layer's code calls ldns_rr_new_frm_str (…) and the rest as if ldns were linked: each
 * name below stands for its pointer in the table. Object-like macros, so a name still
 * works wherever a function designator would (calls, and its address taken).
 *
 * Not in ranah-dns-ldns.c, which fills the table by these names, nor in a program that
 * links libldns itself and calls it directly (the fuzz target: RANAH_DNS_LDNS_LINKED). */
#if !defined (RANAH_DNS_LDNS_LOADER) && !defined (RANAH_DNS_LDNS_LINKED)
#define ldns_axfr_abort                  (ranah_dns_ldns.ldns_axfr_abort)
#define ldns_axfr_complete               (ranah_dns_ldns.ldns_axfr_complete)
#define ldns_axfr_last_pkt               (ranah_dns_ldns.ldns_axfr_last_pkt)
#define ldns_axfr_next                   (ranah_dns_ldns.ldns_axfr_next)
#define ldns_axfr_start                  (ranah_dns_ldns.ldns_axfr_start)
#define ldns_buffer_free                 (ranah_dns_ldns.ldns_buffer_free)
#define ldns_buffer_new                  (ranah_dns_ldns.ldns_buffer_new)
#define ldns_dname_compare               (ranah_dns_ldns.ldns_dname_compare)
#define ldns_get_errorstr_by_id          (ranah_dns_ldns.ldns_get_errorstr_by_id)
#define ldns_get_rr_type_by_name         (ranah_dns_ldns.ldns_get_rr_type_by_name)
#define ldns_pkt2buffer_wire             (ranah_dns_ldns.ldns_pkt2buffer_wire)
#define ldns_pkt_answer                  (ranah_dns_ldns.ldns_pkt_answer)
#define ldns_pkt_free                    (ranah_dns_ldns.ldns_pkt_free)
#define ldns_pkt_get_rcode               (ranah_dns_ldns.ldns_pkt_get_rcode)
#define ldns_pkt_query_new               (ranah_dns_ldns.ldns_pkt_query_new)
#define ldns_pkt_rr_list_by_type         (ranah_dns_ldns.ldns_pkt_rr_list_by_type)
#define ldns_pkt_set_random_id           (ranah_dns_ldns.ldns_pkt_set_random_id)
#define ldns_pkt_set_rd                  (ranah_dns_ldns.ldns_pkt_set_rd)
#define ldns_pkt_tsig                    (ranah_dns_ldns.ldns_pkt_tsig)
#define ldns_pkt_tsig_sign               (ranah_dns_ldns.ldns_pkt_tsig_sign)
#define ldns_pkt_tsig_verify             (ranah_dns_ldns.ldns_pkt_tsig_verify)
#define ldns_rdf2native_int16            (ranah_dns_ldns.ldns_rdf2native_int16)
#define ldns_rdf2native_int32            (ranah_dns_ldns.ldns_rdf2native_int32)
#define ldns_rdf2native_sockaddr_storage (ranah_dns_ldns.ldns_rdf2native_sockaddr_storage)
#define ldns_rdf2str                     (ranah_dns_ldns.ldns_rdf2str)
#define ldns_rdf_data                    (ranah_dns_ldns.ldns_rdf_data)
#define ldns_rdf_deep_free               (ranah_dns_ldns.ldns_rdf_deep_free)
#define ldns_rdf_new_frm_str             (ranah_dns_ldns.ldns_rdf_new_frm_str)
#define ldns_rdf_size                    (ranah_dns_ldns.ldns_rdf_size)
#define ldns_resolver_deep_free          (ranah_dns_ldns.ldns_resolver_deep_free)
#define ldns_resolver_nameserver_count   (ranah_dns_ldns.ldns_resolver_nameserver_count)
#define ldns_resolver_nameservers        (ranah_dns_ldns.ldns_resolver_nameservers)
#define ldns_resolver_new                (ranah_dns_ldns.ldns_resolver_new)
#define ldns_resolver_new_frm_file       (ranah_dns_ldns.ldns_resolver_new_frm_file)
#define ldns_resolver_port               (ranah_dns_ldns.ldns_resolver_port)
#define ldns_resolver_push_nameserver    (ranah_dns_ldns.ldns_resolver_push_nameserver)
#define ldns_resolver_recursive          (ranah_dns_ldns.ldns_resolver_recursive)
#define ldns_resolver_set_dnssec         (ranah_dns_ldns.ldns_resolver_set_dnssec)
#define ldns_resolver_set_fail           (ranah_dns_ldns.ldns_resolver_set_fail)
#define ldns_resolver_set_port           (ranah_dns_ldns.ldns_resolver_set_port)
#define ldns_resolver_set_random         (ranah_dns_ldns.ldns_resolver_set_random)
#define ldns_resolver_set_recursive      (ranah_dns_ldns.ldns_resolver_set_recursive)
#define ldns_resolver_set_retrans        (ranah_dns_ldns.ldns_resolver_set_retrans)
#define ldns_resolver_set_retry          (ranah_dns_ldns.ldns_resolver_set_retry)
#define ldns_resolver_set_timeout        (ranah_dns_ldns.ldns_resolver_set_timeout)
#define ldns_resolver_set_tsig_algorithm (ranah_dns_ldns.ldns_resolver_set_tsig_algorithm)
#define ldns_resolver_set_tsig_keydata   (ranah_dns_ldns.ldns_resolver_set_tsig_keydata)
#define ldns_resolver_set_tsig_keyname   (ranah_dns_ldns.ldns_resolver_set_tsig_keyname)
#define ldns_resolver_set_usevc          (ranah_dns_ldns.ldns_resolver_set_usevc)
#define ldns_resolver_timeout            (ranah_dns_ldns.ldns_resolver_timeout)
#define ldns_resolver_tsig_algorithm     (ranah_dns_ldns.ldns_resolver_tsig_algorithm)
#define ldns_resolver_tsig_keydata       (ranah_dns_ldns.ldns_resolver_tsig_keydata)
#define ldns_resolver_tsig_keyname       (ranah_dns_ldns.ldns_resolver_tsig_keyname)
#define ldns_rr_free                     (ranah_dns_ldns.ldns_rr_free)
#define ldns_rr_get_type                 (ranah_dns_ldns.ldns_rr_get_type)
#define ldns_rr_list_deep_free           (ranah_dns_ldns.ldns_rr_list_deep_free)
#define ldns_rr_list_new                 (ranah_dns_ldns.ldns_rr_list_new)
#define ldns_rr_list_push_rr             (ranah_dns_ldns.ldns_rr_list_push_rr)
#define ldns_rr_list_rr                  (ranah_dns_ldns.ldns_rr_list_rr)
#define ldns_rr_list_rr_count            (ranah_dns_ldns.ldns_rr_list_rr_count)
#define ldns_rr_new                      (ranah_dns_ldns.ldns_rr_new)
#define ldns_rr_new_frm_str              (ranah_dns_ldns.ldns_rr_new_frm_str)
#define ldns_rr_owner                    (ranah_dns_ldns.ldns_rr_owner)
#define ldns_rr_rd_count                 (ranah_dns_ldns.ldns_rr_rd_count)
#define ldns_rr_rdf                      (ranah_dns_ldns.ldns_rr_rdf)
#define ldns_rr_set_class                (ranah_dns_ldns.ldns_rr_set_class)
#define ldns_rr_set_owner                (ranah_dns_ldns.ldns_rr_set_owner)
#define ldns_rr_set_ttl                  (ranah_dns_ldns.ldns_rr_set_ttl)
#define ldns_rr_set_type                 (ranah_dns_ldns.ldns_rr_set_type)
#define ldns_rr_type2str                 (ranah_dns_ldns.ldns_rr_type2str)
#define ldns_str2rdf_dname               (ranah_dns_ldns.ldns_str2rdf_dname)
#define ldns_tcp_send                    (ranah_dns_ldns.ldns_tcp_send)
#define ldns_update_pkt_new              (ranah_dns_ldns.ldns_update_pkt_new)
#define ldns_update_pkt_tsig_add         (ranah_dns_ldns.ldns_update_pkt_tsig_add)
#define ldns_wire2pkt                    (ranah_dns_ldns.ldns_wire2pkt)

/* Each name of the list is one of the defines above: through the table it is a pointer,
 * where ldns's own name would be a function. */
#define RANAH_DNS_LDNS_MAPPED(name) \
  _Static_assert (!__builtin_types_compatible_p (__typeof__ (name), __typeof__ (*name)), \
                  #name " is not mapped to its pointer in RanahDnsLdns");
RANAH_DNS_LDNS_FUNCTIONS (RANAH_DNS_LDNS_MAPPED)
#undef RANAH_DNS_LDNS_MAPPED
#endif

G_END_DECLS
