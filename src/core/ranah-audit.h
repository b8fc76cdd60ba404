/* ranah-audit.h — the hash chain of the audit trail
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each event carries the SHA-256 of the previous event's hash and its own fields, so an
 * edited, inserted or deleted event breaks the chain. Both stores compute hashes with
 * these functions; ranah-cli audit verify checks them.
 */
#pragma once

#include <glib.h>

#include "ranah-model.h"

G_BEGIN_DECLS

/* The hash the first event chains from. */
#define RANAH_AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* Hex SHA-256 over a canonical serialisation of every field of @event but ->hash (version
 * 2 adds the chain, the place in it and the state). */
char     *ranah_audit_event_hash  (const RanahEvent *event);

/* The last event of one chain, as the store records it beside the events. */
typedef struct {
  gint64  chain;       /* a request's id, 0 for the office's chain, -1 for version 1's */
  gint64  chain_seq;
  char   *hash;
} RanahAuditHead;

RanahAuditHead *ranah_audit_head_new  (gint64 chain, gint64 chain_seq, const char *hash);
void            ranah_audit_head_free (RanahAuditHead *head);
/* chain → RanahAuditHead*, owning the heads. */
GHashTable     *ranah_audit_heads_new (void);
void            ranah_audit_heads_add (GHashTable *heads, gint64 chain, gint64 chain_seq,
                                       const char *hash);

/* Checks @events (RanahEvent*, in seq order). Version 1 events: one chain, seq 1, 2, …,
 * each prev_hash the previous hash. Version 2 events: a chain per request (and one for the
 * office), each numbered 1, 2, … and chaining to the one before it; a chain's first event
 * chains to the last event of version 1 (or the genesis hash). Every hash is recomputed.
 * With @heads (chain → RanahAuditHead*), each chain must end at its recorded head, so a
 * deleted tail shows. On failure names the first bad event. */
gboolean  ranah_audit_verify_chains (GPtrArray  *events,
                                     GHashTable *heads,
                                     GError    **error);
/* The same without heads. */
gboolean  ranah_audit_verify_chain (GPtrArray *events,
                                    GError   **error);

/* Hex SHA-256 of @data. */
char     *ranah_sha256_hex        (const guint8 *data,
                                   gsize         len);

G_END_DECLS
