/* ranah-sqlite-schema.c — the SQLite store's schema, as numbered migrations
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PRAGMA user_version holds the number of the last migration applied. Migrations are
 * never edited once released: a change is a new migration. State, action, role, outcome,
 * urgency, record type and entry status columns hold the stable nicks of ranah-types.h.
 * Times are Unix seconds UTC; dates are YYYY-MM-DD text.
 */
#include "ranah-sqlite-private.h"

/* Migration 1: the first released schema. */
static const char migration_1[] =
  "CREATE TABLE opds ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  head_title TEXT NOT NULL DEFAULT '',"
  "  address TEXT NOT NULL DEFAULT '',"
  "  email TEXT NOT NULL DEFAULT '',"
  "  active INTEGER NOT NULL DEFAULT 1);"
  "CREATE UNIQUE INDEX opds_code ON opds (lower (code));"
  "CREATE UNIQUE INDEX opds_name ON opds (lower (name));"

  "CREATE TABLE users ("
  "  id INTEGER PRIMARY KEY,"
  "  username TEXT NOT NULL,"
  "  full_name TEXT NOT NULL DEFAULT '',"
  "  role TEXT NOT NULL,"
  "  opd_id INTEGER REFERENCES opds (id),"
  "  nip TEXT NOT NULL DEFAULT '',"
  "  position TEXT NOT NULL DEFAULT '',"
  "  rank TEXT NOT NULL DEFAULT '',"
  "  email TEXT NOT NULL DEFAULT '',"
  "  active INTEGER NOT NULL DEFAULT 1,"
  "  password_hash TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL);"
  "CREATE UNIQUE INDEX users_username ON users (lower (username));"

  "CREATE TABLE holidays ("
  "  date TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  cuti_bersama INTEGER NOT NULL DEFAULT 0);"

  "CREATE TABLE reserved_names (name TEXT PRIMARY KEY COLLATE NOCASE);"

  "CREATE TABLE profile (key TEXT PRIMARY KEY, value TEXT NOT NULL);"

  "CREATE TABLE attachments ("
  "  id INTEGER PRIMARY KEY,"
  "  sha256 TEXT NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  data BLOB NOT NULL,"
  "  created_at INTEGER NOT NULL);"

  "CREATE TABLE agenda_counters (year INTEGER PRIMARY KEY, last INTEGER NOT NULL);"
  "CREATE TABLE letter_counters (year INTEGER PRIMARY KEY, last INTEGER NOT NULL);"

  "CREATE TABLE requests ("
  "  id INTEGER PRIMARY KEY,"
  "  version INTEGER NOT NULL DEFAULT 1,"
  "  state TEXT NOT NULL,"
  "  outcome TEXT NOT NULL DEFAULT 'pending',"
  "  agenda_year INTEGER NOT NULL,"
  "  agenda_number INTEGER NOT NULL,"
  "  opd_id INTEGER NOT NULL REFERENCES opds (id),"
  "  letter_number TEXT NOT NULL DEFAULT '',"
  "  letter_date TEXT NOT NULL DEFAULT '',"
  "  received_date TEXT NOT NULL DEFAULT '',"
  "  hal TEXT NOT NULL DEFAULT '',"
  "  classification TEXT NOT NULL DEFAULT '',"
  "  sifat TEXT NOT NULL DEFAULT '',"
  "  name TEXT NOT NULL,"
  "  fqdn TEXT NOT NULL,"
  "  purpose TEXT NOT NULL DEFAULT '',"
  "  contact_name TEXT NOT NULL DEFAULT '',"
  "  contact_phone TEXT NOT NULL DEFAULT '',"
  "  contact_email TEXT NOT NULL DEFAULT '',"
  "  attachment_id INTEGER REFERENCES attachments (id),"
  "  created_by INTEGER NOT NULL REFERENCES users (id),"
  "  assignee_id INTEGER REFERENCES users (id),"
  "  state_since INTEGER NOT NULL,"
  "  due_at INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL,"
  "  note TEXT NOT NULL DEFAULT '');"
  "CREATE UNIQUE INDEX requests_agenda ON requests (agenda_year, agenda_number);"
  "CREATE INDEX requests_name ON requests (lower (name));"
  "CREATE INDEX requests_opd ON requests (opd_id);"

  "CREATE TABLE records ("
  "  id INTEGER PRIMARY KEY,"
  "  request_id INTEGER NOT NULL REFERENCES requests (id),"
  "  type TEXT NOT NULL,"
  "  host TEXT NOT NULL DEFAULT '',"
  "  target TEXT NOT NULL,"
  "  ttl INTEGER NOT NULL DEFAULT 0,"
  "  priority INTEGER NOT NULL DEFAULT 0,"
  "  internal INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL DEFAULT 0,"
  "  verified TEXT);"
  "CREATE INDEX records_request ON records (request_id);"

  "CREATE TABLE dispositions ("
  "  id INTEGER PRIMARY KEY,"
  "  request_id INTEGER NOT NULL REFERENCES requests (id),"
  "  step INTEGER NOT NULL,"
  "  from_user_id INTEGER NOT NULL REFERENCES users (id),"
  "  to_user_id INTEGER NOT NULL REFERENCES users (id),"
  "  instructions TEXT NOT NULL DEFAULT '',"
  "  note TEXT NOT NULL DEFAULT '',"
  "  urgency TEXT NOT NULL DEFAULT 'biasa',"
  "  due_at INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL,"
  "  read_at INTEGER NOT NULL DEFAULT 0,"
  "  recalled INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX dispositions_request ON dispositions (request_id);"

  "CREATE TABLE entries ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  fqdn TEXT NOT NULL,"
  "  opd_id INTEGER NOT NULL REFERENCES opds (id),"
  "  purpose TEXT NOT NULL DEFAULT '',"
  "  contact_name TEXT NOT NULL DEFAULT '',"
  "  contact_phone TEXT NOT NULL DEFAULT '',"
  "  contact_email TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL DEFAULT 'active',"
  "  activated_on TEXT NOT NULL DEFAULT '',"
  "  request_id INTEGER REFERENCES requests (id),"
  "  last_check_at INTEGER NOT NULL DEFAULT 0,"
  "  last_check TEXT,"
  "  last_check_ok INTEGER NOT NULL DEFAULT 0,"
  "  version INTEGER NOT NULL DEFAULT 1);"
  /* A name is held by at most one entry that is not revoked. */
  "CREATE UNIQUE INDEX entries_live_name ON entries (lower (name)) WHERE status <> 'revoked';"
  "CREATE INDEX entries_request ON entries (request_id);"

  "CREATE TABLE entry_records ("
  "  id INTEGER PRIMARY KEY,"
  "  entry_id INTEGER NOT NULL REFERENCES entries (id),"
  "  type TEXT NOT NULL,"
  "  host TEXT NOT NULL DEFAULT '',"
  "  target TEXT NOT NULL,"
  "  ttl INTEGER NOT NULL DEFAULT 0,"
  "  priority INTEGER NOT NULL DEFAULT 0,"
  "  internal INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL DEFAULT 0,"
  "  verified TEXT);"
  "CREATE INDEX entry_records_entry ON entry_records (entry_id);"

  "CREATE TABLE letters ("
  "  id INTEGER PRIMARY KEY,"
  "  request_id INTEGER NOT NULL UNIQUE REFERENCES requests (id),"
  "  kind TEXT NOT NULL,"
  "  state TEXT NOT NULL DEFAULT 'draft',"
  "  number TEXT UNIQUE,"
  "  year INTEGER,"
  "  sifat TEXT NOT NULL DEFAULT 'Biasa',"
  "  lampiran TEXT NOT NULL DEFAULT '-',"
  "  hal TEXT NOT NULL DEFAULT '',"
  "  body TEXT,"
  "  tembusan TEXT NOT NULL DEFAULT '',"
  "  letter_date TEXT,"
  "  verification_code TEXT UNIQUE,"
  "  pdf BLOB,"
  "  pdf_sha256 TEXT,"
  "  signed_by INTEGER REFERENCES users (id),"
  "  signed_at INTEGER NOT NULL DEFAULT 0,"
  "  revision INTEGER NOT NULL DEFAULT 1);"
  "CREATE INDEX letters_sha256 ON letters (pdf_sha256);"
  /* A signed letter never changes again. */
  "CREATE TRIGGER letters_signed_frozen BEFORE UPDATE ON letters"
  "  WHEN OLD.state = 'signed'"
  "  BEGIN SELECT RAISE (ABORT, 'a signed letter cannot be changed'); END;"
  "CREATE TRIGGER letters_signed_kept BEFORE DELETE ON letters"
  "  WHEN OLD.state = 'signed'"
  "  BEGIN SELECT RAISE (ABORT, 'a signed letter cannot be deleted'); END;"

  "CREATE TABLE events ("
  "  seq INTEGER PRIMARY KEY,"
  "  at INTEGER NOT NULL,"
  "  user_id INTEGER NOT NULL DEFAULT 0,"
  "  username TEXT NOT NULL DEFAULT '',"
  "  request_id INTEGER NOT NULL DEFAULT 0,"
  "  step INTEGER NOT NULL DEFAULT 0,"
  "  action TEXT NOT NULL,"
  "  from_state TEXT NOT NULL DEFAULT '',"
  "  to_state TEXT NOT NULL DEFAULT '',"
  "  note TEXT NOT NULL DEFAULT '',"
  "  prev_hash TEXT NOT NULL,"
  "  hash TEXT NOT NULL);"
  "CREATE INDEX events_request ON events (request_id, seq);"
  /* Append-only: the chain is evidence. */
  "CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
  "  BEGIN SELECT RAISE (ABORT, 'audit events are append-only'); END;"
  "CREATE TRIGGER events_no_delete BEFORE DELETE ON events"
  "  BEGIN SELECT RAISE (ABORT, 'audit events are append-only'); END;";

/* Migration 2: sign-in lockout, idempotent moves, and the inbox index (the inbox and the
 * overdue list read (state, due_at) only). */
static const char migration_2[] =
  "ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE users ADD COLUMN locked_until INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE idempotency_keys ("
  "  key TEXT PRIMARY KEY,"
  "  user_id INTEGER NOT NULL,"
  "  request_id INTEGER NOT NULL,"
  "  action TEXT NOT NULL,"
  "  expected_version INTEGER NOT NULL,"
  "  created_at INTEGER NOT NULL);"
  "CREATE INDEX requests_state_due ON requests (state, due_at);"
  "CREATE INDEX requests_due ON requests (due_at) WHERE due_at > 0;";

/* Migration 3: sessions (ranah_store_start_session): only the token's SHA-256 is kept. */
static const char migration_3[] =
  "CREATE TABLE sessions ("
  "  id INTEGER PRIMARY KEY,"
  "  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  token_hash TEXT NOT NULL UNIQUE,"
  "  label TEXT NOT NULL DEFAULT '',"
  "  created_at INTEGER NOT NULL,"
  "  expires_at INTEGER NOT NULL);"
  "CREATE INDEX sessions_user ON sessions (user_id);"
  "CREATE INDEX sessions_expires ON sessions (expires_at);";

/* Migration 4: the letter finds its registry entry by request or by FQDN
 * (ranah_store_find_entry_for_request) through an index instead of listing the registry.
 * DNS names are case-insensitive and every path that writes an entry folds its FQDN to
 * lowercase; one written otherwise by hand is folded here, so that an exact comparison
 * finds it. */
static const char migration_4[] =
  "UPDATE entries SET fqdn = lower (fqdn) WHERE fqdn <> lower (fqdn);"
  "CREATE INDEX entries_fqdn ON entries (fqdn);";

/* Migration 5: one hash chain per request (chain = its id, 0 for the office's other
 * events), numbered by chain_seq, and in state the rows each event changed as they are
 * after it (ranah-audit-state.h); chain_heads holds each chain's last event, and the row of
 * chain -1 the last event of the old single chain, which every new chain starts from. The
 * same as the PostgreSQL store's migration 007-audit-chains.sql. */
static const char migration_5[] =
  "ALTER TABLE events ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE events ADD COLUMN chain INTEGER;"
  "ALTER TABLE events ADD COLUMN chain_seq INTEGER;"
  "ALTER TABLE events ADD COLUMN state TEXT NOT NULL DEFAULT '';"
  "CREATE UNIQUE INDEX events_chain ON events (chain, chain_seq);"
  "CREATE TABLE chain_heads ("
  "  chain INTEGER PRIMARY KEY,"
  "  seq INTEGER NOT NULL,"
  "  hash TEXT NOT NULL);"
  "INSERT INTO chain_heads SELECT -1, seq, hash FROM events ORDER BY seq DESC LIMIT 1;";

/* Migration 6: the moment a paper letter arrived (its received date and time), where the
 * clock of its first step starts; 0 = not kept (rows from before: the office's opening on
 * received_date, ranah_escalation_received_at ()). due_at stays as a cache written at each
 * move: the clock is computed from the calendar as it is when asked, never read from it. */
static const char migration_6[] =
  "ALTER TABLE requests ADD COLUMN received_at INTEGER NOT NULL DEFAULT 0;";

/* Migration 7: the proof that DNS serves a record (ranah_store_record_proofs ()): the
 * authoritative server asked, the zone's SOA serial then, the answer as returned and the
 * time; NULL while there is none. An entry's records carry their request's proofs, which
 * each health check that passes renews. */
static const char migration_7[] =
  "ALTER TABLE records ADD COLUMN proof_server TEXT;"
  "ALTER TABLE records ADD COLUMN proof_serial INTEGER;"
  "ALTER TABLE records ADD COLUMN proof_answer TEXT;"
  "ALTER TABLE records ADD COLUMN proof_at INTEGER;"
  "ALTER TABLE entry_records ADD COLUMN proof_server TEXT;"
  "ALTER TABLE entry_records ADD COLUMN proof_serial INTEGER;"
  "ALTER TABLE entry_records ADD COLUMN proof_answer TEXT;"
  "ALTER TABLE entry_records ADD COLUMN proof_at INTEGER;";

/* Migration 8: a signed letter keeps the head of its request's audit chain just before the
 * signing event (RanahLetter.audit_seq and audit_hash): printed in its verification block,
 * checked by letter verify. 0 and NULL for the letters signed before. */
static const char migration_8[] =
  "ALTER TABLE letters ADD COLUMN audit_seq INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE letters ADD COLUMN audit_hash TEXT;";

static const char *const migrations[] = { migration_1, migration_2, migration_3, migration_4,
                                           migration_5, migration_6, migration_7,
                                           migration_8 };

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == RANAH_SQLITE_SCHEMA_VERSION);

const char *
ranah_sqlite_migration_sql (guint version)
{
  if (version == 0 || version > G_N_ELEMENTS (migrations))
    return NULL;
  return migrations[version - 1];
}
