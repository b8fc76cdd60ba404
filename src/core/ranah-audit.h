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

/* Hex SHA-256 over a canonical serialisation of every field of @event but ->hash. */
char     *ranah_audit_event_hash  (const RanahEvent *event);

/* Checks @events (RanahEvent*, in seq order): consecutive seq from 1, each prev_hash the
 * previous hash, each hash recomputed. On failure names the first bad event. */
gboolean  ranah_audit_verify_chain (GPtrArray *events,
                                    GError   **error);

/* Hex SHA-256 of @data. */
char     *ranah_sha256_hex        (const guint8 *data,
                                   gsize         len);

G_END_DECLS
