-- role-functions.sql — the only code that manages login roles or ends other sessions
--
-- Copyright 2026 The Ranah authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Run by every install and upgrade as the installing login, which owns schema ranah_roles
-- and keeps CREATEROLE (roles.sql). Every function here is SECURITY DEFINER with that
-- login's rights, so each is written for a hostile caller even though only ranah_app
-- (the owner of the officials' functions) may call one: it resolves nothing through the
-- caller's schemas, touches only roles Ranah made — an official's login in exactly one
-- ranah_ group, or a session's login — and takes no SQL text from its arguments.
--
-- Errors carry the SQLSTATEs of 002-functions.sql (RN004 validation, RN012 store
-- validation, RN013 permission).

CREATE SCHEMA IF NOT EXISTS ranah_roles AUTHORIZATION CURRENT_USER;
REVOKE ALL ON SCHEMA ranah_roles FROM PUBLIC;
GRANT USAGE ON SCHEMA ranah_roles TO ranah_app;

-- Before: ranah.ensure_login ran as the schema owner inside the officials' functions.
DROP FUNCTION IF EXISTS ranah.ensure_login (text, text, text);

CREATE OR REPLACE FUNCTION ranah_roles.fail (p_code text, p_message text)
RETURNS void LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = p_code, MESSAGE = p_message;
END $$;

CREATE OR REPLACE FUNCTION ranah_roles.is_group (p_group text)
RETURNS boolean LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
  SELECT p_group IN ('ranah_opd', 'ranah_kadis', 'ranah_kabid', 'ranah_subkoor', 'ranah_staf',
                     'ranah_admin')
$$;

-- A role with none of the rights Ranah never gives.
CREATE OR REPLACE FUNCTION ranah_roles.is_plain (p_name text)
RETURNS boolean LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles
                  WHERE rolname = p_name AND NOT (rolsuper OR rolcreaterole OR rolcreatedb
                                                  OR rolreplication OR rolbypassrls))
$$;

-- The names of the roles @p_name is a direct member of.
CREATE OR REPLACE FUNCTION ranah_roles.memberships (p_name text)
RETURNS text[] LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp AS $$
  SELECT coalesce (array_agg (g.rolname::text ORDER BY g.rolname), '{}')
    FROM pg_catalog.pg_auth_members m
    JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
    JOIN pg_catalog.pg_roles r ON r.oid = m.member
   WHERE r.rolname = p_name
$$;

-- An official's login that Ranah made: plain, a user name's shape, and a member of
-- ranah_ groups only (exactly one, except for a moment while its role changes).
CREATE OR REPLACE FUNCTION ranah_roles.is_user_login (p_name text)
RETURNS boolean LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  groups text[] := ranah_roles.memberships (p_name);
BEGIN
  RETURN p_name ~ '^[a-z_][a-z0-9._-]{0,62}$' AND p_name !~ '^(pg_|ranah_)'
     AND ranah_roles.is_plain (p_name) AND cardinality (groups) >= 1
     AND (SELECT bool_and (ranah_roles.is_group (g)) FROM unnest (groups) g);
END $$;

-- A session's login (ranah.start_session): its shape, plain, member of one official only.
CREATE OR REPLACE FUNCTION ranah_roles.is_session_login (p_name text)
RETURNS boolean LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  groups text[] := ranah_roles.memberships (p_name);
BEGIN
  RETURN p_name ~ '^ranah_s_[0-9a-f]{32}$' AND ranah_roles.is_plain (p_name)
     AND cardinality (groups) <= 1
     AND (cardinality (groups) = 0 OR ranah_roles.is_user_login (groups[1]));
END $$;

CREATE OR REPLACE FUNCTION ranah_roles.check_verifier (p_verifier text)
RETURNS void LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF p_verifier IS NULL
     OR p_verifier !~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
    PERFORM ranah_roles.fail ('RN004', 'Passwords are stored as SCRAM-SHA-256 verifiers only.');
  END IF;
END $$;

-- Creates the login @p_name in group @p_group, or takes it over when Ranah made it: a user
-- name can never capture a DBA's login, a group, or a session.
CREATE OR REPLACE FUNCTION ranah_roles.ensure_login (p_name text, p_role text, p_verifier text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  grp text := 'ranah_' || p_role;
  g text;
BEGIN
  IF p_name IS NULL OR p_name !~ '^[a-z_][a-z0-9._-]{0,62}$' OR p_name ~ '^(pg_|ranah_)' THEN
    PERFORM ranah_roles.fail ('RN004', 'A user name is 1–63 of a–z, 0–9, “.”, “_” and “-”, '
                                       'and does not start with “pg_” or “ranah_”.');
  END IF;
  IF p_role IS NULL OR NOT ranah_roles.is_group (grp) THEN
    PERFORM ranah_roles.fail ('RN004', 'Unknown role.');
  END IF;
  PERFORM ranah_roles.check_verifier (p_verifier);
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = p_name) THEN
    IF NOT ranah_roles.is_user_login (p_name) THEN
      PERFORM ranah_roles.fail ('RN012', format ('The database already has a login “%s” that '
                                                 'Ranah did not make.', p_name));
    END IF;
    EXECUTE format ('ALTER ROLE %I LOGIN PASSWORD %L', p_name, p_verifier);
  ELSE
    EXECUTE format ('CREATE ROLE %I LOGIN INHERIT PASSWORD %L', p_name, p_verifier);
  END IF;
  FOREACH g IN ARRAY ranah_roles.memberships (p_name) LOOP
    IF g <> grp THEN
      EXECUTE format ('REVOKE %I FROM %I', g, p_name);
    END IF;
  END LOOP;
  IF NOT grp = ANY (ranah_roles.memberships (p_name)) THEN
    EXECUTE format ('GRANT %I TO %I', grp, p_name);
  END IF;
END $$;

CREATE OR REPLACE FUNCTION ranah_roles.require_user_login (p_name text)
RETURNS void LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF p_name IS NULL OR NOT ranah_roles.is_user_login (p_name) THEN
    PERFORM ranah_roles.fail ('RN013', format ('“%s” is not a login Ranah made.', p_name));
  END IF;
END $$;

-- Moves an official's login to the group of @p_role.
CREATE OR REPLACE FUNCTION ranah_roles.role_set_group (p_name text, p_role text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  grp text := 'ranah_' || p_role;
  g text;
BEGIN
  PERFORM ranah_roles.require_user_login (p_name);
  IF p_role IS NULL OR NOT ranah_roles.is_group (grp) THEN
    PERFORM ranah_roles.fail ('RN004', 'Unknown role.');
  END IF;
  IF NOT grp = ANY (ranah_roles.memberships (p_name)) THEN
    EXECUTE format ('GRANT %I TO %I', grp, p_name);
  END IF;
  FOREACH g IN ARRAY ranah_roles.memberships (p_name) LOOP
    IF g <> grp THEN
      EXECUTE format ('REVOKE %I FROM %I', g, p_name);
    END IF;
  END LOOP;
END $$;

CREATE OR REPLACE FUNCTION ranah_roles.role_set_login (p_name text, p_can_login boolean)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  PERFORM ranah_roles.require_user_login (p_name);
  EXECUTE format ('ALTER ROLE %I %s', p_name,
                  CASE WHEN coalesce (p_can_login, false) THEN 'LOGIN' ELSE 'NOLOGIN' END);
END $$;

CREATE OR REPLACE FUNCTION ranah_roles.role_set_password (p_name text, p_verifier text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  PERFORM ranah_roles.require_user_login (p_name);
  PERFORM ranah_roles.check_verifier (p_verifier);
  EXECUTE format ('ALTER ROLE %I PASSWORD %L', p_name, p_verifier);
END $$;

-- A session's login: a member of the official's login, admitted until @p_valid_until.
CREATE OR REPLACE FUNCTION ranah_roles.role_create_session (p_login text, p_verifier text,
                                                            p_valid_until timestamptz,
                                                            p_user_login text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF p_login IS NULL OR p_login !~ '^ranah_s_[0-9a-f]{32}$' THEN
    PERFORM ranah_roles.fail ('RN004', 'This is not a session token.');
  END IF;
  PERFORM ranah_roles.require_user_login (p_user_login);
  PERFORM ranah_roles.check_verifier (p_verifier);
  IF p_valid_until IS NULL OR p_valid_until <= now ()
     OR p_valid_until > now () + interval '32 days' THEN
    PERFORM ranah_roles.fail ('RN004', 'A session lasts between an hour and 31 days.');
  END IF;
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = p_login) THEN
    PERFORM ranah_roles.fail ('RN012', 'This session exists already.');
  END IF;
  EXECUTE format ('CREATE ROLE %I LOGIN INHERIT PASSWORD %L VALID UNTIL %L IN ROLE %I',
                  p_login, p_verifier, p_valid_until::text, p_user_login);
END $$;

-- Ends a session's login: dropped, or — while it is the login of this very connection,
-- which cannot drop itself — stripped of its login and membership now (TRUE when dropped).
CREATE OR REPLACE FUNCTION ranah_roles.role_end_login (p_login text)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  g text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = p_login) THEN
    RETURN true;
  END IF;
  IF NOT ranah_roles.is_session_login (p_login) THEN
    PERFORM ranah_roles.fail ('RN013', format ('“%s” is not a session login.', p_login));
  END IF;
  IF p_login = session_user THEN
    EXECUTE format ('ALTER ROLE %I NOLOGIN', p_login);
    FOREACH g IN ARRAY ranah_roles.memberships (p_login) LOOP
      EXECUTE format ('REVOKE %I FROM %I', g, p_login);
    END LOOP;
    RETURN false;
  END IF;
  EXECUTE format ('DROP ROLE %I', p_login);
  RETURN true;
END $$;

-- Ends the connections of officials that sit idle inside a transaction for longer than
-- the database's limit (owners.sql: 20 s) — those that hold the locks other officials wait
-- for, even when they raised their own idle_in_transaction_session_timeout. Called by
-- ranah.wait_for_locks () when a lock wait times out; returns how many it ended. It never
-- ends a session of a login that is not an official's or a session's.
CREATE OR REPLACE FUNCTION ranah_roles.end_stalled_transactions ()
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  a record;
  n integer := 0;
BEGIN
  FOR a IN SELECT pid, usename::text AS login FROM pg_catalog.pg_stat_activity
            WHERE datname = current_database () AND pid <> pg_backend_pid ()
              AND state IN ('idle in transaction', 'idle in transaction (aborted)')
              AND state_change < clock_timestamp () - interval '20 seconds' LOOP
    IF ranah_roles.is_user_login (a.login) OR ranah_roles.is_session_login (a.login) THEN
      IF pg_terminate_backend (a.pid) THEN
        n := n + 1;
      END IF;
    END IF;
  END LOOP;
  RETURN n;
END $$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ranah_roles FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ranah_roles.ensure_login (text, text, text),
                          ranah_roles.role_set_group (text, text),
                          ranah_roles.role_set_login (text, boolean),
                          ranah_roles.role_set_password (text, text),
                          ranah_roles.role_create_session (text, text, timestamptz, text),
                          ranah_roles.role_end_login (text),
                          ranah_roles.end_stalled_transactions ()
  TO ranah_app;
