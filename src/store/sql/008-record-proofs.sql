-- 008-record-proofs.sql — migration 7: the proof that DNS serves a record
--
-- Copyright 2026 The Ranah authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A record counts as created (step 5) only once a query to the zone's authoritative server
-- answered it: the server asked ("ADDRESS:PORT"), the zone's SOA serial then, the answer's
-- rdata as returned, and the time by the server's clock. ranah.record_proof () writes them
-- (002-functions.sql); the 'create' branch of ranah.move needs one for every record. A
-- registry entry's records carry their request's proofs, renewed by each health check that
-- passes (ranah.record_check_proofs ()). NULL while there is none. The same as the SQLite
-- store's migration 7.
-- IF NOT EXISTS: the upgrade test replays migrations on a database that has them.

ALTER TABLE ranah.records ADD COLUMN IF NOT EXISTS proof_server text;
ALTER TABLE ranah.records ADD COLUMN IF NOT EXISTS proof_serial bigint;
ALTER TABLE ranah.records ADD COLUMN IF NOT EXISTS proof_answer text;
ALTER TABLE ranah.records ADD COLUMN IF NOT EXISTS proof_at bigint;
ALTER TABLE ranah.entry_records ADD COLUMN IF NOT EXISTS proof_server text;
ALTER TABLE ranah.entry_records ADD COLUMN IF NOT EXISTS proof_serial bigint;
ALTER TABLE ranah.entry_records ADD COLUMN IF NOT EXISTS proof_answer text;
ALTER TABLE ranah.entry_records ADD COLUMN IF NOT EXISTS proof_at bigint;
