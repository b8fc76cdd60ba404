-- 003-security.sql — group roles, grants, row-level security and guards
--
-- Copyright 2026 The Ranah authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Re-run by every install and upgrade after 002-functions.sql, as ranah_app. Officials
-- read through row-level security and write only through the SECURITY DEFINER entry
-- points; the tables belong to ranah_app, whom RLS does not restrict.

-- The groups themselves are made by roles.sql.
DO $$
DECLARE
  g text;
BEGIN
  FOREACH g IN ARRAY ARRAY['ranah_opd', 'ranah_kadis', 'ranah_kabid', 'ranah_subkoor',
                           'ranah_staf', 'ranah_admin'] LOOP
    EXECUTE format ('GRANT USAGE ON SCHEMA ranah TO %I', g);
  END LOOP;
END $$;

DROP TRIGGER IF EXISTS events_append_only ON ranah.events;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON ranah.events
  FOR EACH ROW EXECUTE FUNCTION ranah.events_append_only ();
DROP TRIGGER IF EXISTS events_no_truncate ON ranah.events;
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON ranah.events
  FOR EACH STATEMENT EXECUTE FUNCTION ranah.events_append_only ();
DROP TRIGGER IF EXISTS letters_frozen ON ranah.letters;
CREATE TRIGGER letters_frozen BEFORE UPDATE OR DELETE ON ranah.letters
  FOR EACH ROW WHEN (OLD.state = 'signed') EXECUTE FUNCTION ranah.letters_frozen ();
DROP TRIGGER IF EXISTS letters_signed_complete ON ranah.letters;
CREATE CONSTRAINT TRIGGER letters_signed_complete AFTER INSERT OR UPDATE ON ranah.letters
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (NEW.state = 'signed')
  EXECUTE FUNCTION ranah.letters_signed_complete ();

REVOKE ALL ON ALL TABLES IN SCHEMA ranah FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA ranah FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ranah FROM PUBLIC;

DO $$
DECLARE
  g text;
BEGIN
  FOREACH g IN ARRAY ARRAY['ranah_opd', 'ranah_kadis', 'ranah_kabid', 'ranah_subkoor',
                           'ranah_staf', 'ranah_admin'] LOOP
    EXECUTE format ('REVOKE ALL ON ALL TABLES IN SCHEMA ranah FROM %I', g);
    EXECUTE format ('GRANT SELECT ON ranah.schema_version, ranah.workflow, ranah.constants, '
                    'ranah.opds, ranah.users, ranah.holidays, ranah.reserved_names, '
                    'ranah.profile, ranah.requests, ranah.records, ranah.dispositions, '
                    'ranah.entries, ranah.entry_records, ranah.entry_checks, ranah.letters, '
                    'ranah.events TO %I', g);
    EXECUTE format ('GRANT EXECUTE ON FUNCTION '
                    'ranah.my_role (), ranah.my_opd (), ranah.sees_opd (bigint), '
                    'ranah.sees_request (bigint), ranah.event_field (text), '
                    'ranah.event_hash (bigint, bigint, bigint, bigint, integer, text, text, '
                    '  text, text, text, text), '
                    'ranah.check_name_free (text, bigint), '
                    'ranah.name_holder_of (text, bigint), '
                    'ranah.submit_request (jsonb, jsonb, bytea, bigint, bigint), '
                    'ranah.attach_letter (bigint, bigint, bytea, bigint), '
                    'ranah.move (text, bigint, bigint, text, text, bigint, bigint, text[], text, '
                    '  bigint, bigint, jsonb, jsonb), '
                    'ranah.finish_sign (bigint, text, bytea), '
                    'ranah.mark_read (bigint, bigint), '
                    'ranah.add_user (jsonb, text, bigint), ranah.update_user (jsonb, bigint), '
                    'ranah.set_password (bigint, text, bigint), ranah.save_opd (jsonb, bigint), '
                    'ranah.add_holiday (text, text, boolean, bigint), '
                    'ranah.remove_holiday (text, bigint), ranah.add_reserved (text, bigint), '
                    'ranah.remove_reserved (text, bigint), '
                    'ranah.set_profile (text, text, boolean, bigint), '
                    'ranah.import_entries (jsonb, bigint), '
                    'ranah.set_entry_status (bigint, bigint, text, text, bigint), '
                    'ranah.record_check (bigint, boolean, text, bigint) TO %I', g);
  END LOOP;
END $$;

-- Sessions: the entry points, to every group; the tables, to nobody (the token hashes and
-- the sessions' logins are the schema owner's alone).
DO $$
DECLARE
  g text;
BEGIN
  FOREACH g IN ARRAY ARRAY['ranah_opd', 'ranah_kadis', 'ranah_kabid', 'ranah_subkoor',
                           'ranah_staf', 'ranah_admin'] LOOP
    EXECUTE format ('GRANT EXECUTE ON FUNCTION ranah.login_user (), '
                    'ranah.start_session (text, text, text, text, bigint), '
                    'ranah.resume_session (text, bigint), '
                    'ranah.end_session (text, bigint) TO %I', g);
  END LOOP;
END $$;
ALTER TABLE ranah.sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE ranah.ended_logins ENABLE ROW LEVEL SECURITY;

CREATE OR REPLACE FUNCTION ranah.sees_entry (p_entry_id bigint)
RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp AS $$
  SELECT ranah.my_role () IS NOT NULL
     AND (ranah.my_role () <> 'opd'
          OR EXISTS (SELECT 1 FROM ranah.entries e
                      WHERE e.id = p_entry_id AND e.opd_id = ranah.my_opd ()))
$$;
REVOKE ALL ON FUNCTION ranah.sees_entry (bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ranah.sees_entry (bigint)
  TO ranah_opd, ranah_kadis, ranah_kabid, ranah_subkoor, ranah_staf, ranah_admin;

ALTER TABLE ranah.users ENABLE ROW LEVEL SECURITY;
ALTER TABLE ranah.profile ENABLE ROW LEVEL SECURITY;
ALTER TABLE ranah.requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE ranah.records ENABLE ROW LEVEL SECURITY;
ALTER TABLE ranah.dispositions ENABLE ROW LEVEL SECURITY;
ALTER TABLE ranah.letters ENABLE ROW LEVEL SECURITY;
ALTER TABLE ranah.events ENABLE ROW LEVEL SECURITY;
ALTER TABLE ranah.entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE ranah.entry_records ENABLE ROW LEVEL SECURITY;
ALTER TABLE ranah.entry_checks ENABLE ROW LEVEL SECURITY;

-- (SELECT ranah.my_role ()) is an init-plan, evaluated once per query rather than per row.
DROP POLICY IF EXISTS ranah_read ON ranah.users;
CREATE POLICY ranah_read ON ranah.users FOR SELECT USING ((SELECT ranah.my_role ()) IS NOT NULL);
-- The TSIG secret is for the people who run DNS updates, and admin who enters it.
DROP POLICY IF EXISTS ranah_read ON ranah.profile;
CREATE POLICY ranah_read ON ranah.profile FOR SELECT
  USING (key <> 'tsig-secret' OR (SELECT ranah.my_role ()) IN ('staf', 'subkoor', 'admin'));
DROP POLICY IF EXISTS ranah_read ON ranah.requests;
CREATE POLICY ranah_read ON ranah.requests FOR SELECT
  USING ((SELECT ranah.my_role ()) <> 'opd' OR opd_id = (SELECT ranah.my_opd ()));
DROP POLICY IF EXISTS ranah_read ON ranah.records;
CREATE POLICY ranah_read ON ranah.records FOR SELECT
  USING ((SELECT ranah.my_role ()) <> 'opd' OR ranah.sees_request (request_id));
DROP POLICY IF EXISTS ranah_read ON ranah.dispositions;
CREATE POLICY ranah_read ON ranah.dispositions FOR SELECT
  USING ((SELECT ranah.my_role ()) <> 'opd' OR ranah.sees_request (request_id));
DROP POLICY IF EXISTS ranah_read ON ranah.letters;
CREATE POLICY ranah_read ON ranah.letters FOR SELECT
  USING ((SELECT ranah.my_role ()) <> 'opd' OR ranah.sees_request (request_id));
DROP POLICY IF EXISTS ranah_read ON ranah.events;
CREATE POLICY ranah_read ON ranah.events FOR SELECT
  USING ((SELECT ranah.my_role ()) <> 'opd'
         OR (request_id <> 0 AND ranah.sees_request (request_id)));
DROP POLICY IF EXISTS ranah_read ON ranah.entries;
CREATE POLICY ranah_read ON ranah.entries FOR SELECT
  USING ((SELECT ranah.my_role ()) <> 'opd' OR opd_id = (SELECT ranah.my_opd ()));
DROP POLICY IF EXISTS ranah_read ON ranah.entry_records;
CREATE POLICY ranah_read ON ranah.entry_records FOR SELECT
  USING ((SELECT ranah.my_role ()) <> 'opd' OR ranah.sees_entry (entry_id));
DROP POLICY IF EXISTS ranah_read ON ranah.entry_checks;
CREATE POLICY ranah_read ON ranah.entry_checks FOR SELECT
  USING ((SELECT ranah.my_role ()) <> 'opd' OR ranah.sees_entry (entry_id));

-- What audit verify reads: the chains' heads and the state of every row, as the caller
-- sees them (the functions are not definers: row-level security applies).
GRANT SELECT ON ranah.chain_heads
  TO ranah_opd, ranah_kadis, ranah_kabid, ranah_subkoor, ranah_staf, ranah_admin;
GRANT EXECUTE ON FUNCTION ranah.audit_state (), ranah.record_anchor (text),
                          ranah.request_state (bigint),
                          ranah.entry_state (bigint), ranah.user_state (bigint),
                          ranah.state_field (text), ranah.state_bool (boolean),
                          ranah.event_hash_v2 (bigint, bigint, bigint, bigint, integer, text,
                                               text, text, text, text, text, bigint, bigint,
                                               text)
  TO ranah_opd, ranah_kadis, ranah_kabid, ranah_subkoor, ranah_staf, ranah_admin;

-- The proof that DNS serves a record (migration 7): recorded by staff only, renewed by the
-- health checks of those who keep the registry. Each function checks its caller again.
GRANT EXECUTE ON FUNCTION ranah.record_proof (bigint, text, bigint, text) TO ranah_staf;
GRANT EXECUTE ON FUNCTION ranah.record_check_proofs (bigint, boolean, text, jsonb)
  TO ranah_staf, ranah_subkoor, ranah_admin;
