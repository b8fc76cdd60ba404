-- 004-sessions.sql — migration 2: sessions (sign in once per desktop session)
--
-- Copyright 2026 The Ranah authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A session is a login role of its own ("ranah_s_" and 32 hex digits, login_role below),
-- member of the official's login role, whose password is the session token (as a SCRAM
-- verifier: the server never sees the token) and which the server admits only until the
-- session ends (VALID UNTIL). The functions are in 002-functions.sql. Only the token's
-- SHA-256 is kept; no official may read either table (003-security.sql grants nothing).

CREATE TABLE ranah.sessions (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES ranah.users (id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  login_role text NOT NULL UNIQUE,
  label text NOT NULL DEFAULT '',
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL);
CREATE INDEX sessions_user ON ranah.sessions (user_id);
CREATE INDEX sessions_expires ON ranah.sessions (expires_at);

-- Login roles of ended sessions not yet dropped: a login cannot drop itself while it is
-- the one connected (logging out, or changing one's own password, through a session).
CREATE TABLE ranah.ended_logins (role_name text PRIMARY KEY);
