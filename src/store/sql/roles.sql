-- roles.sql — the cluster roles a Ranah database needs, made by the installer
--
-- Copyright 2026 The Ranah authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Run first by every install and upgrade, as the installing login (the DBA's
-- `ranah_owner`, which has CREATEROLE and owns the database), before the migrations.
-- Roles are cluster-wide, so two databases of one cluster share them, and two installers
-- may race to make the same role: a role someone else made a moment ago is fine.
--
--   ranah_opd … ranah_admin   the six groups; an official's login is a member of one
--   ranah_app                 owns the schema, the tables and the functions officials
--                             call; no attribute and no predefined role, so a function
--                             made to run foreign code could still not manage roles,
--                             read server files or run programs
--
-- The installing login keeps CREATEROLE and owns schema ranah_roles: the few functions
-- that manage login roles or end other sessions (role-functions.sql), each callable by
-- ranah_app only. To end a session stalled on a lock it needs to see every session's
-- state and to signal them: pg_read_all_stats and pg_signal_backend.

DO $$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['ranah_opd', 'ranah_kadis', 'ranah_kabid', 'ranah_subkoor',
                           'ranah_staf', 'ranah_admin', 'ranah_app'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
      BEGIN
        EXECUTE format ('CREATE ROLE %I NOLOGIN', r);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END;
    END IF;
    -- None of them ever logs in or carries rights beyond what the schema grants it.
    EXECUTE format ('ALTER ROLE %I NOLOGIN NOCREATEDB NOCREATEROLE', r);
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles
                WHERE rolname = r AND (rolsuper OR rolreplication OR rolbypassrls)) THEN
      RAISE EXCEPTION 'The role % has superuser, replication or BYPASSRLS rights; a database '
                      'administrator must remove them before Ranah is installed.', r;
    END IF;
  END LOOP;

  -- The installer acts as the owner of what it installs (ALTER … OWNER, SET ROLE), and
  -- ends stalled sessions.
  FOREACH r IN ARRAY ARRAY['ranah_app', 'pg_signal_backend', 'pg_read_all_stats'] LOOP
    IF NOT pg_catalog.pg_has_role (current_user, r, 'MEMBER') THEN
      BEGIN
        EXECUTE format ('GRANT %I TO %I', r, current_user);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END;
    END IF;
  END LOOP;

END $$;
