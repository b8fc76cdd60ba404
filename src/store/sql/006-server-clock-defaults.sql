-- 006-server-clock-defaults.sql — migration 4: the server's clock, the C defaults and nicks
--
-- Copyright 2026 The Ranah authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Every time the store records (events, agenda years, letter dates, read and check times)
-- comes from the server's clock, never from the desktop that asks (ranah.server_now () in
-- 002-functions.sql). A database owner may pin that clock for a drill or a test: one row
-- here, writable by the schema's owner alone; no official is granted anything on it.
-- IF NOT EXISTS: the upgrade test replays migrations on a database that has them.

CREATE TABLE IF NOT EXISTS ranah.clock (
  id integer PRIMARY KEY CHECK (id = 1),
  pinned_at bigint NOT NULL);

-- Ranah's defaults of the agency profile (ranah_profile_default () in ranah-model.c),
-- written by the installer as data, like the workflow table: the server's functions read a
-- key the agency has not set from here, so the C table stays the one place they live.
CREATE TABLE IF NOT EXISTS ranah.profile_defaults (key text PRIMARY KEY, value text NOT NULL);

-- The nicks of ranah-types.h the server checks what it stores against (urgencies, record
-- types, registry statuses), written by the installer from the C enums.
CREATE TABLE IF NOT EXISTS ranah.nicks (kind text NOT NULL, nick text NOT NULL, PRIMARY KEY (kind, nick));
