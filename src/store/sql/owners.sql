-- owners.sql — who owns what in a Ranah database, and the database's own limits
--
-- Copyright 2026 The Ranah authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Run by every install and upgrade after the migrations, as the installing login (the
-- database's owner). It repairs a store installed by an older Ranah, whose schema, tables
-- and SECURITY DEFINER functions belonged to that login and so ran with CREATEROLE.
--
-- Afterwards ranah_app owns schema ranah and everything in it; the functions that need the
-- installing login's CREATEROLE live in its schema ranah_roles (role-functions.sql).
-- Officials get no TEMP on the database: no temporary object of theirs can stand in for a
-- name a function means. Every session gets bounded waits, and a client that has gone has
-- its statement cancelled instead of committed.

DO $$
DECLARE
  o record;
BEGIN
  EXECUTE 'ALTER SCHEMA ranah OWNER TO ranah_app';
  FOR o IN SELECT c.relname FROM pg_catalog.pg_class c
             JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'ranah' AND c.relkind IN ('r', 'p', 'v', 'm')
              AND c.relowner <> 'ranah_app'::regrole LOOP
    EXECUTE format ('ALTER TABLE ranah.%I OWNER TO ranah_app', o.relname);
  END LOOP;
  -- Sequences of serial columns follow their table; any other one is moved here.
  FOR o IN SELECT c.relname FROM pg_catalog.pg_class c
             JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'ranah' AND c.relkind = 'S'
              AND c.relowner <> 'ranah_app'::regrole LOOP
    EXECUTE format ('ALTER SEQUENCE ranah.%I OWNER TO ranah_app', o.relname);
  END LOOP;
  FOR o IN SELECT p.oid::regprocedure AS sig FROM pg_catalog.pg_proc p
             JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'ranah' AND p.proowner <> 'ranah_app'::regrole LOOP
    EXECUTE format ('ALTER FUNCTION %s OWNER TO ranah_app', o.sig);
  END LOOP;

  EXECUTE format ('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database ());
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_database d,
                    pg_catalog.aclexplode (coalesce (d.datacl, pg_catalog.acldefault ('d', d.datdba))) a
              WHERE d.datname = current_database () AND a.grantee = 0
                AND a.privilege_type = 'TEMPORARY') THEN
    RAISE EXCEPTION 'Only the owner of the database % can install Ranah: it must take TEMP '
                    'from PUBLIC.', current_database ();
  END IF;

  -- Limits for every session of this database. A client can raise its own, so the
  -- functions bound their lock waits themselves too (002-functions.sql) and end the
  -- transactions that sit idle on locks others wait for (end_stalled_transactions).
  EXECUTE format ('ALTER DATABASE %I SET lock_timeout = ''5s''', current_database ());
  EXECUTE format ('ALTER DATABASE %I SET statement_timeout = ''2min''', current_database ());
  EXECUTE format ('ALTER DATABASE %I SET idle_in_transaction_session_timeout = ''20s''',
                  current_database ());
  EXECUTE format ('ALTER DATABASE %I SET client_connection_check_interval = ''2s''',
                  current_database ());
END $$;
