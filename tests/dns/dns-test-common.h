/* dns-test-common.h — what the dns tests share: the server the harness started
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ranah-dns.h"

G_BEGIN_DECLS

/* The harness's named (RANAH_TEST_DNS_* variables); aborts the test when missing. */
RanahDnsServer *dns_test_server        (void);
/* The same server with another key secret or key name. */
RanahDnsServer *dns_test_server_with_key (const char *tsig_name,
                                          const char *tsig_secret);
guint           dns_test_port          (void);
const char     *dns_test_zone          (void);
/* A TCP port on 127.0.0.1 that nothing listens on. */
guint           dns_test_closed_port   (void);
/* An internal (loopback or private addresses allowed) record. */
RanahRecord    *dns_test_record        (RanahRecordType type,
                                        const char     *host,
                                        const char     *target);
GPtrArray      *dns_test_records       (RanahRecord *first, ...) G_GNUC_NULL_TERMINATED;
RanahEntry     *dns_test_entry         (gint64           id,
                                        const char      *label,
                                        RanahEntryStatus status,
                                        GPtrArray       *records);
/* TRUE if named's log mentions @text. */
gboolean        dns_test_log_mentions  (const char *text);

G_END_DECLS
