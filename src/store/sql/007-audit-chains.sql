-- 007-audit-chains.sql — migration 5: one hash chain per request, and the state each event proves
--
-- Copyright 2026 The Ranah authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Before, every event of the office chained to the one before it, and every move waited on
-- the one head row (ranah.audit_head). From here on (events of version 2), each request has
-- a chain of its own (chain = its id; 0 for the office's other events), so moves on
-- different requests never wait on each other. seq stays the global order, from a sequence.
-- Each event also carries, in state, the rows of what it changed as they are after it
-- (src/store/README.md, "The audit trail"), so that `audit verify` can compare what the
-- events imply with what the tables hold. chain_heads holds each chain's last event; the row
-- of chain -1 is the last event of the old single chain, which every new chain starts from.
-- IF NOT EXISTS: the upgrade test replays migrations on a database that has them.

ALTER TABLE ranah.events ADD COLUMN IF NOT EXISTS version integer NOT NULL DEFAULT 1;
ALTER TABLE ranah.events ADD COLUMN IF NOT EXISTS chain bigint;
ALTER TABLE ranah.events ADD COLUMN IF NOT EXISTS chain_seq bigint;
ALTER TABLE ranah.events ADD COLUMN IF NOT EXISTS state text NOT NULL DEFAULT '';
CREATE UNIQUE INDEX IF NOT EXISTS events_chain ON ranah.events (chain, chain_seq);

CREATE TABLE IF NOT EXISTS ranah.chain_heads (
  chain bigint PRIMARY KEY,
  seq bigint NOT NULL,
  hash text NOT NULL);
INSERT INTO ranah.chain_heads
SELECT -1, seq, hash FROM ranah.events WHERE version = 1 ORDER BY seq DESC LIMIT 1
ON CONFLICT (chain) DO NOTHING;

CREATE SEQUENCE IF NOT EXISTS ranah.events_seq;
SELECT setval ('ranah.events_seq', coalesce ((SELECT max (seq) FROM ranah.events), 0) + 1, false);

-- Signing is one transaction of two calls (ranah.move 'sign', then ranah.finish_sign with
-- the PDF): the event is appended by the second, so that the state it records holds the
-- PDF's SHA-256. Between the two it waits here; no official may read or write it.
CREATE TABLE IF NOT EXISTS ranah.pending_events (
  letter_id bigint PRIMARY KEY,
  user_id bigint NOT NULL,
  username text NOT NULL,
  request_id bigint NOT NULL,
  step integer NOT NULL,
  action text NOT NULL,
  from_state text NOT NULL,
  to_state text NOT NULL,
  note text,
  at bigint NOT NULL,
  idempotency_key text,
  result jsonb);
