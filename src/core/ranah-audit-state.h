/* ranah-audit-state.h — what the audit trail says the tables hold, and the comparison
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every event of version 2 records, in ->state, the rows of what it changed as they are
 * after it: one line a row, "KIND ID" then the row's fields, separated by tabs (a tab, a
 * line break or a backslash in a value is written \t, \n or \\). The kinds and their
 * fields, in order:
 *
 *   request       state outcome assignee version opd name fqdn agenda_year agenda_number
 *                 attachment
 *   record        request type host target ttl priority internal created verified
 *                 proof_server proof_serial proof_answer proof_at
 *   disposition   request step from to read recalled
 *   letter        request kind state number date sha256 signed_by verification_code revision
 *   entry         name fqdn opd status request activated_on version
 *   entry-record  entry type host target ttl priority internal created verified
 *                 proof_server proof_serial proof_answer proof_at
 *   user          username role opd active full_name nip position rank
 *
 * Missing ids are 0, missing texts empty, flags 1 or 0; a record without a proof
 * (ranah-model.h) has its four proof fields empty. Fields are only ever appended: a row an
 * older event wrote lacks the last ones, and compares as if they were empty.
 * A request's event writes the request with all its records, dispositions and letter, and
 * the registry entries made for it; an entry's event the entry with its records; a user's
 * event the user. Each store writes these
 * lines itself (SQLite: ranah-sqlite-audit.c; PostgreSQL: ranah.request_state () and its
 * siblings in 002-functions.sql), from the events and again from the tables, so audit verify
 * can compare the two.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RanahAuditState RanahAuditState;

RanahAuditState *ranah_audit_state_new     (void);
void             ranah_audit_state_free    (RanahAuditState *state);

/* Applies one event's state: every request, entry or user it writes replaces what the
 * state held of it before, its dependent rows (records, dispositions, …) included. */
void             ranah_audit_state_apply   (RanahAuditState *state,
                                            const char      *event_state);

/* Compares @expected (what the events imply) with @current (the rows the tables hold, one
 * or more lines in each string of the array) and adds one sentence to @problems for each
 * row that is missing on either side or differs, naming the fields with both values.
 * Returns the number of rows that differ. */
guint            ranah_audit_state_compare (RanahAuditState *expected,
                                            GPtrArray       *current,
                                            GPtrArray       *problems);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RanahAuditState, ranah_audit_state_free)

G_END_DECLS
