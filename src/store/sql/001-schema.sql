-- 001-schema.sql — migration 1 of the PostgreSQL store: tables, row-level security
--
-- Copyright 2026 The Ranah authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Runs as the schema owner inside the installer's transaction. The tables mirror the
-- SQLite store's (ranah-sqlite-schema.c): nicks of ranah-types.h in text columns, Unix
-- seconds, YYYY-MM-DD dates. Officials never write a table: every change goes through
-- the SECURITY DEFINER functions of 002-functions.sql. Migrations are never edited once
-- released; a change is a new file.

CREATE SCHEMA ranah;
REVOKE ALL ON SCHEMA ranah FROM PUBLIC;

CREATE TABLE ranah.schema_version (
  version integer NOT NULL,
  installed_at timestamptz NOT NULL DEFAULT now ());

-- The workflow table of ranah-workflow.c, as data. Filled by the installer from the C
-- table on every install or upgrade; nothing types it a second time.
CREATE TABLE ranah.workflow (
  ord integer NOT NULL,
  step integer NOT NULL,
  from_state text NOT NULL,
  action text NOT NULL,
  to_state text NOT NULL,
  roles text[] NOT NULL,
  actor text NOT NULL,
  needs integer NOT NULL,
  output text NOT NULL,
  standard_days integer NOT NULL,
  PRIMARY KEY (from_state, action));

-- Named constants of ranah-types.h (the bits of RanahNeeds), written by the installer.
CREATE TABLE ranah.constants (name text PRIMARY KEY, value integer NOT NULL);

CREATE TABLE ranah.opds (
  id bigserial PRIMARY KEY,
  code text NOT NULL,
  name text NOT NULL,
  head_title text NOT NULL DEFAULT '',
  address text NOT NULL DEFAULT '',
  email text NOT NULL DEFAULT '',
  active boolean NOT NULL DEFAULT true);
CREATE UNIQUE INDEX opds_code ON ranah.opds (lower (code));
CREATE UNIQUE INDEX opds_name ON ranah.opds (lower (name));

-- One row a Ranah user; role_name is the user's PostgreSQL login role.
CREATE TABLE ranah.users (
  id bigserial PRIMARY KEY,
  username text NOT NULL,
  role_name text NOT NULL UNIQUE,
  full_name text NOT NULL DEFAULT '',
  role text NOT NULL,
  opd_id bigint REFERENCES ranah.opds (id),
  nip text NOT NULL DEFAULT '',
  position text NOT NULL DEFAULT '',
  rank text NOT NULL DEFAULT '',
  email text NOT NULL DEFAULT '',
  active boolean NOT NULL DEFAULT true,
  created_at bigint NOT NULL);
CREATE UNIQUE INDEX users_username ON ranah.users (lower (username));

CREATE TABLE ranah.holidays (
  date text PRIMARY KEY,
  name text NOT NULL,
  cuti_bersama boolean NOT NULL DEFAULT false);

CREATE TABLE ranah.reserved_names (name text PRIMARY KEY);

CREATE TABLE ranah.profile (key text PRIMARY KEY, value text NOT NULL);

CREATE TABLE ranah.agenda_counters (year integer PRIMARY KEY, last integer NOT NULL);
CREATE TABLE ranah.letter_counters (year integer PRIMARY KEY, last integer NOT NULL);

CREATE TABLE ranah.requests (
  id bigserial PRIMARY KEY,
  version bigint NOT NULL DEFAULT 1,
  state text NOT NULL,
  outcome text NOT NULL DEFAULT 'pending',
  agenda_year integer NOT NULL,
  agenda_number integer NOT NULL,
  opd_id bigint NOT NULL REFERENCES ranah.opds (id),
  letter_number text NOT NULL DEFAULT '',
  letter_date text NOT NULL DEFAULT '',
  received_date text NOT NULL DEFAULT '',
  hal text NOT NULL DEFAULT '',
  classification text NOT NULL DEFAULT '',
  sifat text NOT NULL DEFAULT '',
  name text NOT NULL,
  fqdn text NOT NULL,
  purpose text NOT NULL DEFAULT '',
  contact_name text NOT NULL DEFAULT '',
  contact_phone text NOT NULL DEFAULT '',
  contact_email text NOT NULL DEFAULT '',
  attachment bytea,
  attachment_sha256 text,
  attachment_size bigint NOT NULL DEFAULT 0,
  created_by bigint NOT NULL REFERENCES ranah.users (id),
  assignee_id bigint REFERENCES ranah.users (id),
  state_since bigint NOT NULL,
  due_at bigint NOT NULL DEFAULT 0,
  created_at bigint NOT NULL,
  note text NOT NULL DEFAULT '',
  UNIQUE (agenda_year, agenda_number));
CREATE INDEX requests_name ON ranah.requests (lower (name));
CREATE INDEX requests_opd ON ranah.requests (opd_id);
CREATE INDEX requests_state_due ON ranah.requests (state, due_at);

CREATE TABLE ranah.records (
  id bigserial PRIMARY KEY,
  request_id bigint NOT NULL REFERENCES ranah.requests (id),
  type text NOT NULL,
  host text NOT NULL DEFAULT '',
  target text NOT NULL,
  ttl integer NOT NULL DEFAULT 0,
  priority integer NOT NULL DEFAULT 0,
  internal boolean NOT NULL DEFAULT false,
  created boolean NOT NULL DEFAULT false,
  verified text);
CREATE INDEX records_request ON ranah.records (request_id);

CREATE TABLE ranah.dispositions (
  id bigserial PRIMARY KEY,
  request_id bigint NOT NULL REFERENCES ranah.requests (id),
  step integer NOT NULL,
  from_user_id bigint NOT NULL REFERENCES ranah.users (id),
  to_user_id bigint NOT NULL REFERENCES ranah.users (id),
  instructions text[] NOT NULL DEFAULT '{}',
  note text NOT NULL DEFAULT '',
  urgency text NOT NULL DEFAULT 'biasa',
  due_at bigint NOT NULL DEFAULT 0,
  created_at bigint NOT NULL,
  read_at bigint NOT NULL DEFAULT 0,
  recalled boolean NOT NULL DEFAULT false);
CREATE INDEX dispositions_request ON ranah.dispositions (request_id);

CREATE TABLE ranah.entries (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  fqdn text NOT NULL,
  opd_id bigint NOT NULL REFERENCES ranah.opds (id),
  purpose text NOT NULL DEFAULT '',
  contact_name text NOT NULL DEFAULT '',
  contact_phone text NOT NULL DEFAULT '',
  contact_email text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'active',
  activated_on text NOT NULL DEFAULT '',
  request_id bigint REFERENCES ranah.requests (id),
  last_check_at bigint NOT NULL DEFAULT 0,
  last_check text,
  last_check_ok boolean NOT NULL DEFAULT false,
  version bigint NOT NULL DEFAULT 1);
CREATE UNIQUE INDEX entries_live_name ON ranah.entries (lower (name)) WHERE status <> 'revoked';
CREATE INDEX entries_request ON ranah.entries (request_id);

CREATE TABLE ranah.entry_records (
  id bigserial PRIMARY KEY,
  entry_id bigint NOT NULL REFERENCES ranah.entries (id),
  type text NOT NULL,
  host text NOT NULL DEFAULT '',
  target text NOT NULL,
  ttl integer NOT NULL DEFAULT 0,
  priority integer NOT NULL DEFAULT 0,
  internal boolean NOT NULL DEFAULT false,
  created boolean NOT NULL DEFAULT false,
  verified text);
CREATE INDEX entry_records_entry ON ranah.entry_records (entry_id);

CREATE TABLE ranah.entry_checks (
  id bigserial PRIMARY KEY,
  entry_id bigint NOT NULL REFERENCES ranah.entries (id),
  at bigint NOT NULL,
  ok boolean NOT NULL,
  summary text NOT NULL DEFAULT '');

CREATE TABLE ranah.letters (
  id bigserial PRIMARY KEY,
  request_id bigint NOT NULL UNIQUE REFERENCES ranah.requests (id),
  kind text NOT NULL,
  state text NOT NULL DEFAULT 'draft',
  number text UNIQUE,
  year integer,
  urut integer,
  sifat text NOT NULL DEFAULT 'Biasa',
  lampiran text NOT NULL DEFAULT '-',
  hal text NOT NULL DEFAULT '',
  body text,
  tembusan text[] NOT NULL DEFAULT '{}',
  letter_date text,
  verification_code text UNIQUE,
  pdf bytea,
  pdf_sha256 text,
  signed_by bigint REFERENCES ranah.users (id),
  signed_at bigint NOT NULL DEFAULT 0,
  revision bigint NOT NULL DEFAULT 1,
  UNIQUE (year, urut));
CREATE INDEX letters_sha256 ON ranah.letters (pdf_sha256);

CREATE TABLE ranah.events (
  seq bigint PRIMARY KEY,
  at bigint NOT NULL,
  user_id bigint NOT NULL DEFAULT 0,
  username text NOT NULL DEFAULT '',
  request_id bigint NOT NULL DEFAULT 0,
  step integer NOT NULL DEFAULT 0,
  action text NOT NULL,
  from_state text NOT NULL DEFAULT '',
  to_state text NOT NULL DEFAULT '',
  note text NOT NULL DEFAULT '',
  prev_hash text NOT NULL,
  hash text NOT NULL,
  idempotency_key text UNIQUE,
  result jsonb);
CREATE INDEX events_request ON ranah.events (request_id, seq);

-- The head of the hash chain: appenders lock this row, so seq has no gaps and each
-- event chains to the one before it.
CREATE TABLE ranah.audit_head (
  id integer PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash text NOT NULL);
INSERT INTO ranah.audit_head VALUES (1, 0, repeat ('0', 64));
