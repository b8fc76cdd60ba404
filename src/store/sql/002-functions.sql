-- 002-functions.sql — the PostgreSQL store's functions: every change an official makes
--
-- Copyright 2026 The Ranah authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Re-run (CREATE OR REPLACE) by every install and upgrade, after the migrations. The
-- SECURITY DEFINER functions run as the schema owner; each one first finds the caller
-- (session_user, the official's own login role) in ranah.users and checks their group
-- membership, so a signed-in official with psql can do exactly what the app lets them.
--
-- Each SECURITY DEFINER function is written for a hostile caller: it runs with
-- search_path = pg_catalog, ranah, pg_temp, so that no temporary object can stand in for
-- a name it means; it takes from its arguments only what an official may choose, and checks
-- that (the name and record rules are validate.sql's); whatever the store decides itself it
-- computes here: FQDNs, agenda and letter numbers, flags, and every time — the p_now
-- arguments are the desktop's clock, kept in the signatures for older clients and replaced
-- by ranah.server_now () on entry.
--
-- Errors carry SQLSTATEs of class RN that the C backend maps to GError codes:
--   RN001 core permission, RN002 core state, RN003 core incomplete, RN004 core validation,
--   RN010 conflict, RN011 not found, RN012 store validation, RN013 store permission,
--   RN014 session ended, RN015 store busy (a lock could not be had in time).

-- Before migration 5 events were appended to one chain (ranah.audit_head); the function now
-- takes the subjects of the event too.
DROP FUNCTION IF EXISTS ranah.append_event (bigint, text, bigint, integer, text, text, text,
                                            text, bigint, text, jsonb);

CREATE OR REPLACE FUNCTION ranah.fail (p_code text, p_message text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = p_code, MESSAGE = p_message;
END $$;

-- The server's clock in Unix seconds, or the one a database owner pinned (ranah.clock).
CREATE OR REPLACE FUNCTION ranah.server_now ()
RETURNS bigint LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT coalesce ((SELECT pinned_at FROM ranah.clock WHERE id = 1),
                   floor (extract (epoch FROM statement_timestamp ()))::bigint));
END
$$;

-- Runs @p_lock (a statement that takes row locks) with the functions' bounded lock wait
-- (lock_timeout in each definer function's SET clause). When it times out, whoever holds
-- the lock may be a client that stopped inside its transaction: the server ends the
-- transactions that sit idle past the database's limit, tries once more, and then says the
-- store is busy. Nothing of the move is stored either way but what commits with it.
CREATE OR REPLACE FUNCTION ranah.wait_for_locks (p_lock text, p_arg bigint DEFAULT NULL)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  BEGIN
    EXECUTE p_lock USING p_arg;
  EXCEPTION WHEN lock_not_available THEN
    IF ranah_roles.end_stalled_transactions () = 0 THEN
      PERFORM ranah.fail ('RN015', 'The store is busy; try again.');
    END IF;
    BEGIN
      EXECUTE p_lock USING p_arg;
    EXCEPTION WHEN lock_not_available THEN
      PERFORM ranah.fail ('RN015', 'The store is busy; try again.');
    END;
  END;
END $$;

-- TRUE when @p_nick is one of ranah-types.h's nicks of @p_kind (ranah.nicks).
CREATE OR REPLACE FUNCTION ranah.is_nick (p_kind text, p_nick text)
RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT EXISTS (SELECT 1 FROM ranah.nicks WHERE kind = p_kind AND nick = p_nick));
END
$$;

-- Bits of RanahNeeds, written by the installer from ranah-types.h.
CREATE OR REPLACE FUNCTION ranah.need (p_name text)
RETURNS integer LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT value FROM ranah.constants WHERE name = p_name);
END
$$;

-- The login role of the official a connection acts for: session_user itself, or, on the
-- login of a session (ranah.start_session), the official's own login role while the
-- session exists.
CREATE OR REPLACE FUNCTION ranah.login_user ()
RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp AS $$
BEGIN
  RETURN (SELECT coalesce ((SELECT u.role_name FROM ranah.sessions s JOIN ranah.users u ON u.id = s.user_id
                     WHERE s.login_role = session_user), session_user));
END
$$;

-- The signed-in official: the ranah.users row of session_user, active and still holding
-- the group of their role.
CREATE OR REPLACE FUNCTION ranah.caller ()
RETURNS ranah.users LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp AS $$
DECLARE
  u ranah.users;
BEGIN
  SELECT * INTO u FROM ranah.users WHERE role_name = ranah.login_user ();
  IF NOT FOUND THEN
    -- A session's own login (ranah.start_session) outlives its session on a connection
    -- opened before the session ended: say that, not that the login is nobody's.
    IF session_user LIKE 'ranah\_s\_%' THEN
      PERFORM ranah.fail ('RN014', 'This session has ended.');
    END IF;
    PERFORM ranah.fail ('RN013', 'This database login is not a Ranah user.');
  END IF;
  IF NOT u.active THEN
    PERFORM ranah.fail ('RN013', 'This account is disabled.');
  END IF;
  IF NOT pg_has_role (u.role_name, 'ranah_' || u.role, 'MEMBER') THEN
    PERFORM ranah.fail ('RN013', 'This login does not hold the group of its role.');
  END IF;
  RETURN u;
END $$;

-- For row-level security: the caller's role and OPD, NULL when not a Ranah user.
CREATE OR REPLACE FUNCTION ranah.my_role ()
RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp AS $$
BEGIN
  RETURN (SELECT role FROM ranah.users
   WHERE role_name = ranah.login_user () AND active
     AND pg_has_role (role_name, 'ranah_' || role, 'MEMBER'));
END
$$;

CREATE OR REPLACE FUNCTION ranah.my_opd ()
RETURNS bigint LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp AS $$
BEGIN
  RETURN (SELECT opd_id FROM ranah.users WHERE role_name = ranah.login_user ());
END
$$;

CREATE OR REPLACE FUNCTION ranah.sees_opd (p_opd_id bigint)
RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT CASE coalesce (ranah.my_role (), '')
           WHEN 'opd' THEN p_opd_id = ranah.my_opd ()
           WHEN '' THEN false
           ELSE true END);
END
$$;

CREATE OR REPLACE FUNCTION ranah.sees_request (p_request_id bigint)
RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp AS $$
BEGIN
  RETURN (SELECT ranah.my_role () IS NOT NULL
     AND (ranah.my_role () <> 'opd'
          OR EXISTS (SELECT 1 FROM ranah.requests r
                      WHERE r.id = p_request_id AND r.opd_id = ranah.my_opd ())));
END
$$;

-- A profile value, else Ranah's default for it (ranah_profile_default (), written into
-- ranah.profile_defaults by the installer), else @p_default.
CREATE OR REPLACE FUNCTION ranah.profile_value (p_key text, p_default text DEFAULT NULL)
RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT coalesce ((SELECT value FROM ranah.profile WHERE key = p_key),
                   (SELECT value FROM ranah.profile_defaults WHERE key = p_key), p_default));
END
$$;

-- The calendar date of @p_now in the agency's time zone.
CREATE OR REPLACE FUNCTION ranah.local_date (p_now bigint)
RETURNS date LANGUAGE plpgsql STABLE AS $$
DECLARE
  tz text := ranah.profile_value ('timezone', 'Asia/Makassar');
BEGIN
  RETURN (to_timestamp (p_now) AT TIME ZONE tz)::date;
EXCEPTION WHEN invalid_parameter_value THEN
  RETURN (to_timestamp (p_now) AT TIME ZONE 'Asia/Makassar')::date;
END $$;

-- The canonical event hash of ranah_audit_event_hash() (src/core/ranah-audit.c), byte for
-- byte: a length-prefixed field is "<bytes>:<value>;".
CREATE OR REPLACE FUNCTION ranah.event_field (v text)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT octet_length (coalesce (v, ''))::text || ':' || coalesce (v, '') || ';'
$$;

CREATE OR REPLACE FUNCTION ranah.event_hash (p_seq bigint, p_at bigint, p_user_id bigint,
                                             p_request_id bigint, p_step integer,
                                             p_username text, p_action text, p_from text,
                                             p_to text, p_note text, p_prev text)
RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN (SELECT encode (sha256 (convert_to (
           'ranah-event-v1;' || p_seq || ';' || p_at || ';' || p_user_id || ';'
           || p_request_id || ';' || p_step || ';'
           || ranah.event_field (p_username) || ranah.event_field (p_action)
           || ranah.event_field (p_from) || ranah.event_field (p_to)
           || ranah.event_field (p_note) || ranah.event_field (p_prev), 'UTF8')), 'hex'));
END
$$;

-- Version 2 of the canonical event hash (ranah_audit_event_hash () for version 2): the
-- fields of version 1, then the event's chain, its place in it, and the state it records.
CREATE OR REPLACE FUNCTION ranah.event_hash_v2 (p_seq bigint, p_at bigint, p_user_id bigint,
                                                p_request_id bigint, p_step integer,
                                                p_username text, p_action text, p_from text,
                                                p_to text, p_note text, p_prev text,
                                                p_chain bigint, p_chain_seq bigint,
                                                p_state text)
RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN (SELECT encode (sha256 (convert_to (
           'ranah-event-v2;' || p_seq || ';' || p_at || ';' || p_user_id || ';'
           || p_request_id || ';' || p_step || ';'
           || ranah.event_field (p_username) || ranah.event_field (p_action)
           || ranah.event_field (p_from) || ranah.event_field (p_to)
           || ranah.event_field (p_note) || ranah.event_field (p_prev)
           || p_chain || ';' || p_chain_seq || ';' || ranah.event_field (p_state), 'UTF8')),
           'hex'));
END
$$;

-- ---------------------------------------------------------------------------------
-- The state an event records: one line a row, "KIND ID" and the row's fields separated by
-- tabs, in the order of src/store/ranah-audit-state.c, which writes the same lines for the
-- SQLite store and names the fields when they differ.

CREATE OR REPLACE FUNCTION ranah.state_field (v text)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT replace (replace (replace (coalesce (v, ''), '\', '\\'), E'\t', '\t'), E'\n', '\n')
$$;

CREATE OR REPLACE FUNCTION ranah.state_bool (v boolean)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v THEN '1' ELSE '0' END
$$;

-- A request with its records, dispositions and letter.
CREATE OR REPLACE FUNCTION ranah.request_state (p_id bigint)
RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT concat_ws (E'\n',
    (SELECT concat_ws (E'\t', 'request ' || r.id, r.state, r.outcome, coalesce (r.assignee_id, 0),
                       r.version, r.opd_id, ranah.state_field (r.name), ranah.state_field (r.fqdn),
                       r.agenda_year, r.agenda_number, coalesce (r.attachment_sha256, ''))
       FROM ranah.requests r WHERE r.id = p_id),
    (SELECT string_agg (concat_ws (E'\t', 'record ' || x.id, x.request_id, x.type,
                                   ranah.state_field (x.host), ranah.state_field (x.target),
                                   x.ttl, x.priority, ranah.state_bool (x.internal),
                                   ranah.state_bool (x.created), ranah.state_field (x.verified),
                                   ranah.state_field (x.proof_server),
                                   coalesce (x.proof_serial::text, ''),
                                   ranah.state_field (x.proof_answer),
                                   coalesce (x.proof_at::text, '')),
                        E'\n' ORDER BY x.id)
       FROM ranah.records x WHERE x.request_id = p_id),
    (SELECT string_agg (concat_ws (E'\t', 'disposition ' || d.id, d.request_id, d.step,
                                   d.from_user_id, d.to_user_id, ranah.state_bool (d.read_at <> 0),
                                   ranah.state_bool (d.recalled)),
                        E'\n' ORDER BY d.id)
       FROM ranah.dispositions d WHERE d.request_id = p_id),
    (SELECT concat_ws (E'\t', 'letter ' || l.id, l.request_id, l.kind, l.state,
                       ranah.state_field (l.number), coalesce (l.letter_date, ''),
                       coalesce (l.pdf_sha256, ''), coalesce (l.signed_by, 0),
                       coalesce (l.verification_code, ''), l.revision)
       FROM ranah.letters l WHERE l.request_id = p_id)));
END
$$;

CREATE OR REPLACE FUNCTION ranah.entry_state (p_id bigint)
RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT concat_ws (E'\n',
    (SELECT concat_ws (E'\t', 'entry ' || e.id, ranah.state_field (e.name),
                       ranah.state_field (e.fqdn), e.opd_id, e.status, coalesce (e.request_id, 0),
                       e.activated_on, e.version)
       FROM ranah.entries e WHERE e.id = p_id),
    (SELECT string_agg (concat_ws (E'\t', 'entry-record ' || x.id, x.entry_id, x.type,
                                   ranah.state_field (x.host), ranah.state_field (x.target),
                                   x.ttl, x.priority, ranah.state_bool (x.internal),
                                   ranah.state_bool (x.created), ranah.state_field (x.verified),
                                   ranah.state_field (x.proof_server),
                                   coalesce (x.proof_serial::text, ''),
                                   ranah.state_field (x.proof_answer),
                                   coalesce (x.proof_at::text, '')),
                        E'\n' ORDER BY x.id)
       FROM ranah.entry_records x WHERE x.entry_id = p_id)));
END
$$;

CREATE OR REPLACE FUNCTION ranah.user_state (p_id bigint)
RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT concat_ws (E'\t', 'user ' || u.id, ranah.state_field (u.username), u.role,
                    coalesce (u.opd_id, 0), ranah.state_bool (u.active),
                    ranah.state_field (u.full_name), ranah.state_field (u.nip),
                    ranah.state_field (u.position), ranah.state_field (u.rank))
    FROM ranah.users u WHERE u.id = p_id);
END
$$;

-- What an event about @p_request_id (0: none) and @p_subjects ('entry:ID', 'user:ID')
-- records: the request, the registry entries made for it, and each subject.
CREATE OR REPLACE FUNCTION ranah.subjects_state (p_request_id bigint, p_subjects text[])
RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT coalesce (concat_ws (E'\n',
    CASE WHEN coalesce (p_request_id, 0) <> 0 THEN ranah.request_state (p_request_id) END,
    CASE WHEN coalesce (p_request_id, 0) <> 0 THEN
      (SELECT string_agg (ranah.entry_state (e.id), E'\n' ORDER BY e.id)
         FROM ranah.entries e WHERE e.request_id = p_request_id) END,
    (SELECT string_agg (CASE split_part (s, ':', 1)
                          WHEN 'entry' THEN ranah.entry_state (split_part (s, ':', 2)::bigint)
                          WHEN 'user' THEN ranah.user_state (split_part (s, ':', 2)::bigint) END,
                        E'\n' ORDER BY n)
       FROM unnest (p_subjects) WITH ORDINALITY AS x (s, n)
      WHERE NOT (split_part (s, ':', 1) = 'entry'
                 AND EXISTS (SELECT 1 FROM ranah.entries e
                              WHERE e.id = split_part (s, ':', 2)::bigint
                                AND e.request_id = p_request_id)))), ''));
END
$$;

-- Every row the audit trail speaks for, as the tables hold it now (audit verify compares it
-- with what the events imply). Row-level security applies: run by an administrator.
CREATE OR REPLACE FUNCTION ranah.audit_state ()
RETURNS SETOF text LANGUAGE sql STABLE AS $$
  SELECT ranah.request_state (id) FROM ranah.requests
  UNION ALL SELECT ranah.entry_state (id) FROM ranah.entries
  UNION ALL SELECT ranah.user_state (id) FROM ranah.users
$$;

-- Appends one event inside the caller's transaction, to the chain of its request (0: the
-- office's chain). Only that chain's head is locked, so moves on different requests do not
-- wait on each other; within a chain chain_seq has no gaps and each event chains to the one
-- before it. A new chain starts from the last event of the single chain of version 1.
CREATE OR REPLACE FUNCTION ranah.append_event (p_user_id bigint, p_username text,
                                               p_request_id bigint, p_step integer,
                                               p_action text, p_from text, p_to text,
                                               p_note text, p_at bigint,
                                               p_idempotency_key text DEFAULT NULL,
                                               p_result jsonb DEFAULT NULL,
                                               p_subjects text[] DEFAULT NULL)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  ch bigint := coalesce (p_request_id, 0);
  h ranah.chain_heads;
  new_seq bigint;
  new_hash text;
  st text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM ranah.chain_heads WHERE chain = ch) THEN
    PERFORM ranah.wait_for_locks ('INSERT INTO ranah.chain_heads VALUES ($1, 0, coalesce ('
                                  '(SELECT hash FROM ranah.chain_heads WHERE chain = -1), '
                                  'repeat (''0'', 64))) ON CONFLICT (chain) DO NOTHING', ch);
  END IF;
  PERFORM ranah.wait_for_locks ('SELECT 1 FROM ranah.chain_heads WHERE chain = $1 FOR UPDATE', ch);
  SELECT * INTO h FROM ranah.chain_heads WHERE chain = ch;
  new_seq := nextval ('ranah.events_seq');
  st := ranah.subjects_state (ch, p_subjects);
  new_hash := ranah.event_hash_v2 (new_seq, p_at, p_user_id, ch, p_step,
                                   coalesce (p_username, ''), p_action, coalesce (p_from, ''),
                                   coalesce (p_to, ''), coalesce (p_note, ''), h.hash, ch,
                                   h.seq + 1, st);
  INSERT INTO ranah.events (seq, at, user_id, username, request_id, step, action,
                            from_state, to_state, note, prev_hash, hash, idempotency_key,
                            result, version, chain, chain_seq, state)
  VALUES (new_seq, p_at, p_user_id, coalesce (p_username, ''), ch, p_step,
          p_action, coalesce (p_from, ''), coalesce (p_to, ''), coalesce (p_note, ''),
          h.hash, new_hash, p_idempotency_key, p_result, 2, ch, h.seq + 1, st);
  UPDATE ranah.chain_heads SET seq = h.seq + 1, hash = new_hash WHERE chain = ch;
  RETURN new_seq;
END $$;

-- Installs the state of everything no event of version 2 speaks for yet (a store from
-- before migration 5), as one event a request and one for the rest, so that audit verify
-- can compare every row from the first upgrade on.
CREATE OR REPLACE FUNCTION ranah.audit_baseline ()
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  rid bigint;
  others text[];
  n integer := 0;
BEGIN
  FOR rid IN SELECT r.id FROM ranah.requests r
              WHERE NOT EXISTS (SELECT 1 FROM ranah.events e
                                 WHERE e.chain = r.id AND e.version = 2)
              ORDER BY r.id LOOP
    PERFORM ranah.append_event (0, 'ranah', rid, 0, 'audit:baseline', '', '', '',
                                ranah.server_now ());
    n := n + 1;
  END LOOP;
  SELECT array_agg (s ORDER BY s) INTO others FROM (
    SELECT 'entry:' || e.id AS s FROM ranah.entries e WHERE e.request_id IS NULL
    UNION ALL SELECT 'user:' || u.id FROM ranah.users u) x;
  IF others IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ranah.events WHERE version = 2 AND chain = 0) THEN
    PERFORM ranah.append_event (0, 'ranah', 0, 0, 'audit:baseline', '', '', '',
                                ranah.server_now (), NULL, NULL, others);
    n := n + 1;
  END IF;
  RETURN n;
END $$;

-- Every change ends with a bare signal on channel ranah: whoever LISTENs learns that
-- something changed and reads, through row-level security, only what they may see.
CREATE OR REPLACE FUNCTION ranah.notify (p_request_id bigint, p_state text,
                                         p_assignee_id bigint)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify ('ranah', '');
END
$$;

CREATE OR REPLACE FUNCTION ranah.require_admin ()
RETURNS ranah.users LANGUAGE plpgsql AS $$
DECLARE
  u ranah.users := ranah.caller ();
BEGIN
  IF u.role <> 'admin' THEN
    PERFORM ranah.fail ('RN013', 'Only an administrator may change users, OPDs, holidays, '
                                 'reserved names or the agency profile.');
  END IF;
  RETURN u;
END $$;

-- Who holds @p_name: a registry entry that is not revoked, or a request whose state is
-- open and whose outcome is not refused (the SQLite store's rule). Case-insensitive.
CREATE OR REPLACE FUNCTION ranah.name_holder_of (p_name text, p_except_request bigint)
RETURNS TABLE (kind text, opd text, year integer, number integer)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp AS $$
  (SELECT 'entry', o.name, 0, 0
     FROM ranah.entries e JOIN ranah.opds o ON o.id = e.opd_id
    WHERE lower (e.name) = lower (p_name) AND e.status <> 'revoked'
      AND (e.request_id IS NULL OR e.request_id <> coalesce (p_except_request, 0))
    LIMIT 1)
  UNION ALL
  (SELECT 'request', o.name, r.agenda_year, r.agenda_number
     FROM ranah.requests r JOIN ranah.opds o ON o.id = r.opd_id
    WHERE lower (r.name) = lower (p_name) AND r.id <> coalesce (p_except_request, 0)
      AND r.state NOT IN ('done', 'withdrawn') AND r.outcome <> 'refused'
    LIMIT 1)
  LIMIT 1
$$;

CREATE OR REPLACE FUNCTION ranah.name_holder (p_name text, p_except_request bigint)
RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE h.kind
           WHEN 'entry' THEN format ('The name “%s” is already registered to %s.',
                                     lower (p_name), h.opd)
           ELSE format ('The name “%s” is already held by request %s/%s of %s.',
                        lower (p_name), h.year, lpad (h.number::text, 4, '0'), h.opd) END
    FROM ranah.name_holder_of (p_name, p_except_request) h
$$;

CREATE OR REPLACE FUNCTION ranah.check_name_free (p_name text, p_except_request bigint)
RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp AS $$
DECLARE
  holder text;
BEGIN
  PERFORM ranah.caller ();
  holder := ranah.name_holder (p_name, p_except_request);
  IF holder IS NOT NULL THEN
    PERFORM ranah.fail ('RN012', holder);
  END IF;
  RETURN true;
END $$;

CREATE OR REPLACE FUNCTION ranah.check_pdf (p_pdf bytea)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_pdf IS NULL THEN
    RETURN;
  END IF;
  IF length (p_pdf) > 20 * 1024 * 1024 THEN
    PERFORM ranah.fail ('RN012', 'The scanned letter is larger than 20 MB.');
  END IF;
  IF substring (p_pdf FROM 1 FOR 5) <> '\x255044462d'::bytea THEN
    PERFORM ranah.fail ('RN012', 'The scanned letter is not a PDF file.');
  END IF;
END $$;

-- The rules of ranah_validate_text (): valid text without control characters (line breaks
-- and tabs allowed in @p_multiline fields), no direction controls, not blank when
-- @p_required, at most @p_max characters. Returns the text, '' for NULL.
CREATE OR REPLACE FUNCTION ranah.check_text (p_value text, p_field text, p_required boolean,
                                             p_multiline boolean, p_max integer)
RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  v text := coalesce (p_value, '');
BEGIN
  IF p_multiline THEN
    IF replace (v, E'\r\n', E'\n') ~ '[\u0000-\u0008\u000b-\u001f\u007f-\u009f\r]' THEN
      PERFORM ranah.fail ('RN004', format ('The %s may not contain control characters other '
                                           'than line breaks and tabs.', p_field));
    END IF;
  ELSIF v ~ '[\u0000-\u001f\u007f-\u009f]' THEN
    PERFORM ranah.fail ('RN004', format ('The %s must be a single line without control '
                                         'characters.', p_field));
  ELSIF v ~ '[\u2028\u2029]' THEN
    PERFORM ranah.fail ('RN004', format ('The %s must be a single line without line or '
                                         'paragraph separators.', p_field));
  END IF;
  IF v ~ '[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]' THEN
    PERFORM ranah.fail ('RN004', format ('The %s may not contain characters that change the '
                                         'text direction (U+%s).', p_field,
                                         upper (to_hex (ascii (substring (v FROM '[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]'))))));
  END IF;
  IF p_required AND v ~ '^[\s\u200b\ufeff\u00a0\u2000-\u200a\u3000]*$' THEN
    PERFORM ranah.fail ('RN004', format ('The %s may not be empty.', p_field));
  END IF;
  IF p_max > 0 AND char_length (v) > p_max THEN
    PERFORM ranah.fail ('RN004', format ('The %s may have at most %s characters; it has %s.',
                                         p_field, p_max, char_length (v)));
  END IF;
  RETURN v;
END $$;

-- A calendar date YYYY-MM-DD that exists (ranah_validate_date ()).
CREATE OR REPLACE FUNCTION ranah.check_date (p_value text, p_field text)
RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF coalesce (p_value, '') = '' THEN
    PERFORM ranah.fail ('RN004', format ('The %s may not be empty.', p_field));
  END IF;
  IF p_value !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
    PERFORM ranah.fail ('RN004', format ('The %s “%s” must be a date written as YYYY-MM-DD.',
                                         p_field, left (p_value, 64)));
  END IF;
  BEGIN
    IF to_char (to_date (p_value, 'YYYY-MM-DD'), 'YYYY-MM-DD') = p_value THEN
      RETURN p_value;
    END IF;
  EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
    NULL;
  END;
  PERFORM ranah.fail ('RN004', format ('The %s “%s” is not a date that exists in the calendar.',
                                       p_field, p_value));
  RETURN NULL;
END $$;

-- The shapes of ranah_validate_email () and ranah_validate_phone (), both required.
CREATE OR REPLACE FUNCTION ranah.check_email (p_value text, p_field text)
RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  v text := ranah.check_text (p_value, p_field, true, false, 254);
BEGIN
  IF v !~ '^[A-Za-z0-9!#$%&''*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&''*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$'
     OR char_length (split_part (v, '@', 1)) > 64 THEN
    PERFORM ranah.fail ('RN004', format ('The %s “%s” is not an e-mail address.', p_field,
                                         left (v, 64)));
  END IF;
  RETURN v;
END $$;

CREATE OR REPLACE FUNCTION ranah.check_phone (p_value text, p_field text)
RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  v text := ranah.check_text (p_value, p_field, true, false, 40);
  digits text := regexp_replace (v, '[^0-9]', '', 'g');
BEGIN
  IF v !~ '^\+?[0-9 -]*(\([0-9 -]*\))?[0-9 -]*$'
     OR NOT (CASE WHEN v LIKE '+%' THEN digits ~ '^62[1-9]' ELSE digits ~ '^0[1-9]' END)
     OR char_length (digits) NOT BETWEEN 8 AND 15 THEN
    PERFORM ranah.fail ('RN004', format ('The %s “%s” is not a telephone number that starts '
                                         'with +62 or 0.', p_field, left (v, 64)));
  END IF;
  RETURN v;
END $$;

-- Kode klasifikasi arsip: digit groups joined by dots (000.5.2), or ''.
CREATE OR REPLACE FUNCTION ranah.check_classification (p_value text)
RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF coalesce (p_value, '') <> ''
     AND (char_length (p_value) > 40 OR p_value !~ '^[0-9]+(\.[0-9]+)*$') THEN
    PERFORM ranah.fail ('RN004', format ('The classification code “%s” must be digit groups '
                                         'joined by dots, such as 000.5.2.', left (p_value, 64)));
  END IF;
  RETURN coalesce (p_value, '');
END $$;

-- The records an official sends, in the store's JSON (ranah_json_records ()): each checked
-- by validate.sql's rules. A request's record is created and verified only by the move that
-- creates it (step 5), never by its sender; a registry import (of names that existed before
-- Ranah) keeps the sender's word that a record exists, but is never verified by it.
CREATE OR REPLACE FUNCTION ranah.insert_records (p_table text, p_owner bigint, p_records jsonb)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_table NOT IN ('records', 'entry_records') THEN
    PERFORM ranah.fail ('RN012', 'Records belong to a request or a registry entry.');
  END IF;
  PERFORM ranah.check_records (p_records);
  EXECUTE format ('INSERT INTO ranah.%I (%I, type, host, target, ttl, priority, internal, '
                  'created, verified) '
                  'SELECT $1, x.j->>''type'', '
                  '       CASE WHEN coalesce (x.j->>''host'', '''') = ''@'' THEN '''' '
                  '            ELSE lower (coalesce (x.j->>''host'', '''')) END, '
                  '       x.j->>''target'', coalesce ((x.j->>''ttl'')::integer, 0), '
                  '       coalesce ((x.j->>''priority'')::integer, 0), '
                  '       coalesce ((x.j->>''internal'')::boolean, false), '
                  '       CASE WHEN $3 THEN coalesce ((x.j->>''created'')::boolean, false) '
                  '            ELSE false END, NULL '
                  '  FROM jsonb_array_elements ($2) WITH ORDINALITY AS x (j, n) ORDER BY x.n',
                  p_table, CASE p_table WHEN 'records' THEN 'request_id' ELSE 'entry_id' END)
  USING p_owner, p_records, p_table = 'entry_records';
END $$;

-- ---------------------------------------------------------------------------------
-- Step 1

-- The label an official asks for, checked as core checks it (validate.sql), not reserved,
-- and its FQDN under the agency's parent domain: the server's, whatever the client says.
CREATE OR REPLACE FUNCTION ranah.requested_fqdn (p_name text)
RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
  label text := ranah.check_label (p_name);
  fq text;
BEGIN
  IF EXISTS (SELECT 1 FROM ranah.reserved_names WHERE name = label) THEN
    PERFORM ranah.fail ('RN004', format ('The name “%s” is reserved and cannot be requested.',
                                         label));
  END IF;
  fq := label || '.' || ranah.check_fqdn (rtrim (lower (ranah.profile_value ('parent-domain',
                                                                           'tarakankota.go.id')),
                                                 '.'), false);
  IF octet_length (fq) > 253 THEN
    PERFORM ranah.fail ('RN004', format ('The name “%s” makes the full domain name longer than '
                                         '253 characters.', label));
  END IF;
  RETURN fq;
END $$;

-- A due time the desktop computed from its working-day calendar at @p_client_now: the
-- same span from the server's clock (a desktop's clock may be off), which is 0 (no due
-- time) or up to 60 days.
CREATE OR REPLACE FUNCTION ranah.check_due (p_due_at bigint, p_client_now bigint)
RETURNS bigint LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF coalesce (p_due_at, 0) = 0 THEN
    RETURN 0;
  END IF;
  IF p_client_now IS NULL OR p_due_at - p_client_now NOT BETWEEN 0 AND 60 * 86400 THEN
    PERFORM ranah.fail ('RN004', 'The due time must lie within the next 60 days.');
  END IF;
  RETURN ranah.server_now () + (p_due_at - p_client_now);
END $$;

CREATE OR REPLACE FUNCTION ranah.submit_request (p jsonb, p_records jsonb, p_pdf bytea,
                                                 p_now bigint, p_due_at bigint)
RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp
SET lock_timeout = '3s' AS $$
DECLARE
  client_now bigint := p_now;
  u ranah.users := ranah.caller ();
  t ranah.workflow;
  opd bigint;
  received bigint;
  holder text;
  yr integer := extract (year FROM ranah.local_date (ranah.server_now ()))::integer;
  num integer;
  rid bigint;
  label text;
  fq text;
BEGIN
  p_now := ranah.server_now ();
  SELECT * INTO t FROM ranah.workflow WHERE from_state = 'none' AND action = 'submit';
  IF NOT (u.role = ANY (t.roles)) THEN
    PERFORM ranah.fail ('RN001', format ('The role %s may not submit requests.', u.role));
  END IF;
  IF jsonb_typeof (p) IS DISTINCT FROM 'object' THEN
    PERFORM ranah.fail ('RN004', 'The request is not a JSON object.');
  END IF;
  IF u.role = 'opd' THEN
    opd := u.opd_id;
  ELSIF coalesce (p->>'opd_id', '') ~ '^[0-9]{1,18}$' THEN
    opd := (p->>'opd_id')::bigint;
  END IF;
  IF opd IS NULL OR NOT EXISTS (SELECT 1 FROM ranah.opds WHERE id = opd AND active) THEN
    PERFORM ranah.fail ('RN004', 'Choose the OPD that sent the request.');
  END IF;
  IF (t.needs & ranah.need ('records')) <> 0
     AND (jsonb_typeof (p_records) IS DISTINCT FROM 'array'
          OR jsonb_array_length (p_records) = 0) THEN
    PERFORM ranah.fail ('RN003', 'Step 1 needs at least one DNS record for the requested name.');
  END IF;
  fq := ranah.requested_fqdn (p->>'name');
  label := ranah.check_label (p->>'name');
  -- Two desks submitting the same name at once: the second waits here and then sees
  -- the first.
  PERFORM ranah.wait_for_locks ('SELECT pg_advisory_xact_lock ($1)',
                                hashtext ('ranah-name:' || label));
  holder := ranah.name_holder (label, 0);
  IF holder IS NOT NULL THEN
    PERFORM ranah.fail ('RN012', holder);
  END IF;
  PERFORM ranah.check_pdf (p_pdf);
  IF ranah.check_date (p->>'received_date', 'received date')
     < ranah.check_date (p->>'letter_date', 'letter date') THEN
    PERFORM ranah.fail ('RN004', format ('The received date %s may not be before the letter '
                                         'date %s.', p->>'received_date', p->>'letter_date'));
  END IF;
  -- When the letter arrived (step 2's clock starts then): on its received date, not later
  -- than now; 0 when not given.
  IF coalesce (p->>'received_at', '0') !~ '^[0-9]{1,12}$' THEN
    PERFORM ranah.fail ('RN004', 'The received time is not a time.');
  END IF;
  received := coalesce ((p->>'received_at')::bigint, 0);
  IF received <> 0 AND (received > p_now
                        OR to_char (ranah.local_date (received), 'YYYY-MM-DD')
                           <> p->>'received_date') THEN
    PERFORM ranah.fail ('RN004', format ('The received time must lie on the received date %s '
                                         'and not after now.', p->>'received_date'));
  END IF;

  -- Even the INSERT waits on a counter row another transaction holds.
  PERFORM ranah.wait_for_locks ('INSERT INTO ranah.agenda_counters VALUES ($1, 0) '
                                'ON CONFLICT DO NOTHING', yr);
  PERFORM ranah.wait_for_locks ('SELECT 1 FROM ranah.agenda_counters WHERE year = $1 FOR UPDATE',
                                yr);
  UPDATE ranah.agenda_counters SET last = last + 1 WHERE year = yr RETURNING last INTO num;

  INSERT INTO ranah.requests (state, outcome, agenda_year, agenda_number, opd_id,
                              letter_number, letter_date, received_date, hal, classification,
                              sifat, name, fqdn, purpose, contact_name, contact_phone,
                              contact_email, attachment, attachment_sha256, attachment_size,
                              created_by, state_since, due_at, created_at, received_at)
  VALUES (t.to_state, 'pending', yr, num, opd,
          ranah.check_text (p->>'letter_number', 'letter number', true, false, 120),
          ranah.check_date (p->>'letter_date', 'letter date'),
          ranah.check_date (p->>'received_date', 'received date'),
          ranah.check_text (p->>'hal', 'subject (hal)', true, false, 300),
          ranah.check_classification (p->>'classification'),
          ranah.check_text (p->>'sifat', 'nature of the letter (sifat)', true, false, 40),
          label, fq,
          ranah.check_text (p->>'purpose', 'purpose', true, true, 2000),
          ranah.check_text (p->>'contact_name', 'contact name', true, false, 120),
          ranah.check_phone (p->>'contact_phone', 'contact phone'),
          ranah.check_email (p->>'contact_email', 'contact e-mail'), p_pdf,
          CASE WHEN p_pdf IS NULL THEN NULL ELSE encode (sha256 (p_pdf), 'hex') END,
          coalesce (length (p_pdf), 0), u.id, p_now, ranah.check_due (p_due_at, client_now),
          p_now, received)
  RETURNING id INTO rid;
  PERFORM ranah.insert_records ('records', rid, p_records);
  PERFORM ranah.append_event (u.id, u.username, rid, t.step, 'submit', 'none', t.to_state,
                              NULL, p_now);
  PERFORM ranah.notify (rid, t.to_state, 0);
  RETURN jsonb_build_object ('id', rid, 'agenda_year', yr, 'agenda_number', num,
                             'fqdn', fq, 'version', 1);
END $$;

CREATE OR REPLACE FUNCTION ranah.attach_letter (p_request_id bigint, p_expected_version bigint,
                                                p_pdf bytea, p_now bigint)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp
SET lock_timeout = '3s' AS $$
DECLARE
  u ranah.users := ranah.caller ();
  r ranah.requests;
BEGIN
  p_now := ranah.server_now ();
  PERFORM ranah.wait_for_locks ('SELECT 1 FROM ranah.requests WHERE id = $1 FOR UPDATE',
                               p_request_id);
  SELECT * INTO r FROM ranah.requests WHERE id = p_request_id;
  IF NOT FOUND OR (u.role = 'opd' AND r.opd_id <> u.opd_id) THEN
    PERFORM ranah.fail ('RN011', 'There is no such request.');
  END IF;
  IF u.role NOT IN ('opd', 'staf') THEN
    PERFORM ranah.fail ('RN001', 'Only the OPD or DKISP staff may attach the request letter.');
  END IF;
  IF r.version <> p_expected_version THEN
    PERFORM ranah.fail ('RN010', 'This request was changed by someone else: reload it and try again.');
  END IF;
  IF r.state <> 'submitted' THEN
    PERFORM ranah.fail ('RN002', 'The request letter can only be replaced before the first disposition.');
  END IF;
  PERFORM ranah.check_pdf (p_pdf);
  UPDATE ranah.requests
     SET attachment = p_pdf, attachment_sha256 = encode (sha256 (p_pdf), 'hex'),
         attachment_size = length (p_pdf), version = version + 1
   WHERE id = p_request_id;
  PERFORM ranah.append_event (u.id, u.username, r.id, 1, 'attach-letter', r.state, r.state,
                              encode (sha256 (p_pdf), 'hex'), p_now);
  PERFORM ranah.notify (r.id, r.state, r.assignee_id);
  RETURN r.version + 1;
END $$;

-- ---------------------------------------------------------------------------------
-- The move: steps 2–10 and the side paths, checked against ranah.workflow.

CREATE OR REPLACE FUNCTION ranah.move (p_action text, p_request_id bigint,
                                       p_expected_version bigint, p_note text,
                                       p_idempotency_key text, p_now bigint,
                                       p_to_user_id bigint, p_instructions text[],
                                       p_urgency text, p_due_at bigint,
                                       p_request_due_at bigint, p_records jsonb,
                                       p_draft jsonb)
RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp
SET lock_timeout = '3s' AS $$
DECLARE
  client_now bigint := p_now;
  u ranah.users := ranah.caller ();
  r ranah.requests;
  t ranah.workflow;
  holder_roles text[];
  needs integer;
  d ranah.dispositions;
  prev_d ranah.dispositions;
  has_d boolean;
  n_rec integer;
  n_created integer;
  new_assignee bigint;
  new_outcome text;
  new_note text;
  new_due bigint := coalesce (p_request_due_at, 0);
  to_user ranah.users;
  letter ranah.letters;
  prior jsonb;
  result jsonb;
  today date := ranah.local_date (ranah.server_now ());
  yr integer;
  v_urut integer;
  any_state boolean;
  role_ok boolean;
BEGIN
  p_now := ranah.server_now ();
  -- What the official may choose, checked; the rest the server decides below.
  PERFORM ranah.check_text (p_note, 'note', false, true, 2000);
  IF p_instructions IS NOT NULL THEN
    IF cardinality (p_instructions) > 20 THEN
      PERFORM ranah.fail ('RN004', 'A disposition has at most 20 instructions.');
    END IF;
    PERFORM ranah.check_text (x, 'instruction', true, false, 200) FROM unnest (p_instructions) x;
  END IF;
  IF NOT ranah.is_nick ('urgency', coalesce (p_urgency, 'biasa')) THEN
    PERFORM ranah.fail ('RN004', format ('“%s” is not an urgency.', left (p_urgency, 64)));
  END IF;
  p_due_at := ranah.check_due (p_due_at, client_now);
  p_request_due_at := ranah.check_due (p_request_due_at, client_now);
  new_due := p_request_due_at;
  IF p_draft IS NOT NULL THEN
    IF jsonb_typeof (p_draft) <> 'object' THEN
      PERFORM ranah.fail ('RN004', 'The draft is not a JSON object.');
    END IF;
    PERFORM ranah.check_text (p_draft->>'sifat', 'nature of the letter (sifat)', false, false, 40),
            ranah.check_text (p_draft->>'lampiran', 'attachments (lampiran)', false, false, 200),
            ranah.check_text (p_draft->>'hal', 'subject (hal)', false, false, 300),
            ranah.check_text (p_draft->>'body', 'letter body', false, true, 20000);
    IF p_draft ? 'tembusan' THEN
      IF jsonb_typeof (p_draft->'tembusan') <> 'array' OR jsonb_array_length (p_draft->'tembusan') > 20 THEN
        PERFORM ranah.fail ('RN004', 'The copies (tembusan) are a list of at most 20.');
      END IF;
      PERFORM ranah.check_text (x, 'copy (tembusan)', true, false, 200)
         FROM jsonb_array_elements_text (p_draft->'tembusan') x;
    END IF;
  END IF;
  IF p_records IS NOT NULL THEN
    IF jsonb_typeof (p_records) <> 'array' THEN
      PERFORM ranah.fail ('RN004', 'The records are not a JSON array.');
    END IF;
    PERFORM ranah.check_text (x.verified, 'verified answer', false, false, 1000)
       FROM jsonb_to_recordset (p_records) AS x (id bigint, verified text);
  END IF;
  PERFORM ranah.wait_for_locks ('SELECT 1 FROM ranah.requests WHERE id = $1 FOR UPDATE',
                               p_request_id);
  SELECT * INTO r FROM ranah.requests WHERE id = p_request_id;
  IF NOT FOUND OR (u.role = 'opd' AND r.opd_id <> u.opd_id) THEN
    PERFORM ranah.fail ('RN011', 'There is no such request.');
  END IF;

  -- A retried move (the reply was lost) is reported as done, not applied again.
  IF p_idempotency_key IS NOT NULL THEN
    SELECT e.result INTO prior FROM ranah.events e
     WHERE e.idempotency_key = p_idempotency_key AND e.user_id = u.id
       AND e.request_id = r.id AND e.action = p_action;
    IF FOUND THEN
      RETURN coalesce (prior, '{}'::jsonb) || jsonb_build_object ('repeated', true);
    END IF;
    IF EXISTS (SELECT 1 FROM ranah.events e WHERE e.idempotency_key = p_idempotency_key) THEN
      PERFORM ranah.fail ('RN012', 'This idempotency key was already used for another move.');
    END IF;
  END IF;

  IF r.version <> p_expected_version THEN
    PERFORM ranah.fail ('RN010', 'This request was changed by someone else: reload it and try again.');
  END IF;

  SELECT bool_or (true), bool_or (u.role = ANY (w.roles)) INTO any_state, role_ok
    FROM ranah.workflow w WHERE w.action = p_action;
  IF NOT coalesce (any_state, false) OR NOT coalesce (role_ok, false) THEN
    PERFORM ranah.fail ('RN001', format ('The role %s may not perform “%s”.', u.role, p_action));
  END IF;
  SELECT * INTO t FROM ranah.workflow w WHERE w.from_state = r.state AND w.action = p_action;
  IF NOT FOUND THEN
    PERFORM ranah.fail ('RN002', format ('“%s” is not possible while the request is “%s”.',
                                         p_action, r.state));
  END IF;
  IF NOT (u.role = ANY (t.roles)) THEN
    PERFORM ranah.fail ('RN001', format ('At step %s, “%s” is for %s, not %s.', t.step,
                                         p_action, array_to_string (t.roles, ', '), u.role));
  END IF;
  IF u.role = 'opd' AND u.opd_id IS DISTINCT FROM r.opd_id THEN
    PERFORM ranah.fail ('RN001', 'This request belongs to another OPD.');
  END IF;
  IF t.actor = 'assignee' AND r.assignee_id IS NOT NULL AND r.assignee_id <> u.id THEN
    PERFORM ranah.fail ('RN001', 'This request was disposed to another official.');
  END IF;

  SELECT * INTO d FROM ranah.dispositions
   WHERE request_id = r.id AND NOT recalled ORDER BY id DESC LIMIT 1;
  has_d := FOUND;
  IF t.actor = 'sender' AND (NOT has_d OR d.from_user_id <> u.id) THEN
    PERFORM ranah.fail ('RN001', 'Only the sender may recall a disposition.');
  END IF;

  -- Kelengkapan
  needs := t.needs;
  IF r.outcome = 'refused' THEN
    needs := needs & ~ranah.need ('approval_only');
  END IF;
  SELECT count (*), count (*) FILTER (WHERE created) INTO n_rec, n_created
    FROM ranah.records WHERE request_id = r.id;
  SELECT * INTO letter FROM ranah.letters WHERE request_id = r.id;
  IF (needs & ranah.need ('note')) <> 0 AND coalesce (btrim (p_note), '') = '' THEN
    PERFORM ranah.fail ('RN004', CASE WHEN p_action = 'decline'
                                      THEN 'A reason is required to decline a request.'
                                      ELSE 'A note is required for this action.' END);
  END IF;
  IF (needs & ranah.need ('request_letter')) <> 0 AND r.attachment IS NULL THEN
    PERFORM ranah.fail ('RN003', format ('Step %s needs the scanned request letter (Surat Permohonan) on file.', t.step));
  END IF;
  IF (needs & ranah.need ('disposition')) <> 0
     AND NOT (has_d AND d.step = t.step - 1) THEN
    PERFORM ranah.fail ('RN003', format ('Step %s needs the disposition (Surat Disposisi) from the previous step.', t.step));
  END IF;
  IF (needs & ranah.need ('records')) <> 0 AND n_rec = 0 THEN
    PERFORM ranah.fail ('RN003', format ('Step %s needs at least one DNS record for the requested name.', t.step));
  END IF;
  IF (needs & ranah.need ('created_records')) <> 0 AND (n_rec = 0 OR n_created < n_rec) THEN
    PERFORM ranah.fail ('RN003', format ('Step %s needs every record of the subdomain marked as created (Pembuatan Subdomain).', t.step));
  ELSIF p_action = 'report' AND ranah.unproven_record (r.id) IS NOT NULL THEN
    -- Step 6 reports what DNS was seen to serve (ranah.record_proof).
    PERFORM ranah.fail ('RN003', ranah.unproven_record (r.id));
  END IF;
  IF (needs & ranah.need ('draft_letter')) <> 0 AND (letter.id IS NULL OR letter.state <> 'draft') THEN
    PERFORM ranah.fail ('RN003', format ('Step %s needs the draft response letter (konsep Surat Tanggapan).', t.step));
  END IF;
  IF (needs & ranah.need ('registry_entry')) <> 0
     AND NOT EXISTS (SELECT 1 FROM ranah.entries WHERE request_id = r.id) THEN
    PERFORM ranah.fail ('RN003', format ('Step %s needs the subdomain entered in the registry (daftar subdomain).', t.step));
  END IF;
  IF (needs & ranah.need ('signed_letter')) <> 0 AND (letter.id IS NULL OR letter.state <> 'signed') THEN
    PERFORM ranah.fail ('RN003', format ('Step %s needs the signed response letter (Surat Tanggapan).', t.step));
  END IF;
  IF (needs & ranah.need ('unread_disposition')) <> 0 AND NOT (has_d AND d.read_at = 0) THEN
    PERFORM ranah.fail ('RN002', 'The disposition has already been read and can no longer be recalled.');
  END IF;

  new_assignee := NULL;
  new_outcome := r.outcome;
  new_note := CASE WHEN (t.needs & ranah.need ('note')) <> 0 THEN p_note ELSE r.note END;
  result := '{}'::jsonb;

  IF p_action IN ('dispose-to-kabid', 'dispose-to-subkoor', 'dispose-to-staf') THEN
    SELECT w.roles INTO holder_roles FROM ranah.workflow w
     WHERE w.from_state = t.to_state ORDER BY w.ord LIMIT 1;
    IF coalesce (p_to_user_id, 0) = 0 THEN
      IF (SELECT count (*) FROM ranah.users
           WHERE active AND role = ANY (holder_roles)) <> 1 THEN
        PERFORM ranah.fail ('RN004', 'Choose the official to dispose to.');
      END IF;
      SELECT * INTO to_user FROM ranah.users WHERE active AND role = ANY (holder_roles);
    ELSE
      SELECT * INTO to_user FROM ranah.users WHERE id = p_to_user_id;
      IF NOT FOUND OR NOT to_user.active OR NOT (to_user.role = ANY (holder_roles)) THEN
        PERFORM ranah.fail ('RN004', 'A disposition goes to an active official of the next step''s role.');
      END IF;
    END IF;
    IF coalesce (p_due_at, 0) <> 0 THEN
      new_due := p_due_at;
    END IF;
    INSERT INTO ranah.dispositions (request_id, step, from_user_id, to_user_id, instructions,
                                    note, urgency, due_at, created_at)
    VALUES (r.id, t.step, u.id, to_user.id, coalesce (p_instructions, '{}'),
            coalesce (p_note, ''), coalesce (p_urgency, 'biasa'), new_due, p_now);
    new_assignee := to_user.id;
    new_note := r.note;
  ELSIF p_action = 'recall-disposition' THEN
    UPDATE ranah.dispositions SET recalled = true WHERE id = d.id;
    SELECT * INTO prev_d FROM ranah.dispositions
     WHERE request_id = r.id AND NOT recalled ORDER BY id DESC LIMIT 1;
    IF FOUND AND t.to_state <> 'submitted' THEN
      new_assignee := prev_d.to_user_id;
    END IF;
  ELSIF p_action = 'create' THEN
    -- A record counts as created only once a query to the zone's authoritative server
    -- answered it (ranah.record_proof): each is verified by its proof's answer. The
    -- records the desktop sends are no longer read.
    IF ranah.unproven_record (r.id) IS NOT NULL THEN
      PERFORM ranah.fail ('RN003', ranah.unproven_record (r.id));
    END IF;
    new_assignee := r.assignee_id;
    new_outcome := 'approved';
    UPDATE ranah.records SET created = true, verified = proof_answer WHERE request_id = r.id;
  ELSIF p_action = 'decline' THEN
    new_outcome := 'refused';
  ELSIF p_action = 'draft' THEN
    IF letter.id IS NULL THEN
      INSERT INTO ranah.letters (request_id, kind, sifat, lampiran, hal, body, tembusan)
      VALUES (r.id, new_outcome, coalesce (p_draft->>'sifat', 'Biasa'),
              coalesce (p_draft->>'lampiran', '-'), coalesce (p_draft->>'hal', ''),
              p_draft->>'body',
              coalesce (ARRAY (SELECT jsonb_array_elements_text (p_draft->'tembusan')), '{}'))
      RETURNING * INTO letter;
    ELSE
      UPDATE ranah.letters
         SET kind = new_outcome, sifat = coalesce (p_draft->>'sifat', sifat),
             lampiran = coalesce (p_draft->>'lampiran', lampiran),
             hal = coalesce (p_draft->>'hal', hal),
             body = CASE WHEN p_draft ? 'body' THEN p_draft->>'body' ELSE body END,
             tembusan = CASE WHEN p_draft ? 'tembusan'
                             THEN ARRAY (SELECT jsonb_array_elements_text (p_draft->'tembusan'))
                             ELSE tembusan END,
             revision = revision + 1
       WHERE id = letter.id
      RETURNING * INTO letter;
    END IF;
    IF new_outcome = 'approved'
       AND NOT EXISTS (SELECT 1 FROM ranah.entries WHERE request_id = r.id) THEN
      IF ranah.name_holder (r.name, r.id) IS NOT NULL THEN
        PERFORM ranah.fail ('RN012', ranah.name_holder (r.name, r.id));
      END IF;
      -- The subdomain is active since DNS was last seen to serve its records (their proofs,
      -- step 5), not since drafting; a request from before proofs, since step 5.
      today := ranah.local_date (coalesce ((SELECT max (rec.proof_at) FROM ranah.records rec
                                             WHERE rec.request_id = r.id),
                                           (SELECT ev.at FROM ranah.events ev
                                             WHERE ev.request_id = r.id AND ev.action = 'create'
                                             ORDER BY ev.seq DESC LIMIT 1), p_now));
      WITH e AS (
        INSERT INTO ranah.entries (name, fqdn, opd_id, purpose, contact_name, contact_phone,
                                   contact_email, status, activated_on, request_id)
        VALUES (r.name, r.fqdn, r.opd_id, r.purpose, r.contact_name, r.contact_phone,
                r.contact_email, 'active', to_char (today, 'YYYY-MM-DD'), r.id)
        RETURNING id)
      INSERT INTO ranah.entry_records (entry_id, type, host, target, ttl, priority, internal,
                                       created, verified, proof_server, proof_serial,
                                       proof_answer, proof_at)
      SELECT e.id, rec.type, rec.host, rec.target, rec.ttl, rec.priority, rec.internal,
             rec.created, rec.verified, rec.proof_server, rec.proof_serial, rec.proof_answer,
             rec.proof_at
        FROM e, ranah.records rec WHERE rec.request_id = r.id ORDER BY rec.id;
    END IF;
    result := jsonb_build_object ('letter_id', letter.id);
  ELSIF p_action = 'sign' THEN
    DECLARE
      ws constant text := E' \t\n\r\f' || chr (11);  -- g_ascii_isspace ()
      tmpl text := coalesce (ranah.profile_value ('number-template'), '');
      lacking text[] := '{}';
      n integer;
      head ranah.chain_heads;
    BEGIN
      -- Nothing is signed that would print incomplete: the signature block is the signer's
      -- own users row, the kop is the profile's. The rule and its sentence are core's
      -- (src/core/ranah-letter-check.c), in its order.
      IF btrim (coalesce (u.full_name, ''), ws) = '' THEN
        lacking := lacking || 'the signer’s name'::text;
      END IF;
      IF btrim (coalesce (u.position, ''), ws) = '' THEN
        lacking := lacking || 'the signer’s position'::text;
      END IF;
      IF coalesce (u.nip, '') !~ '^[0-9]{18}$' THEN
        lacking := lacking || 'the signer’s NIP'::text;
      END IF;
      IF btrim (coalesce (u.rank, ''), ws) = '' THEN
        lacking := lacking || 'the signer’s rank'::text;
      END IF;
      IF btrim (coalesce (ranah.profile_value ('government'), ''), ws) = '' THEN
        lacking := lacking || 'the government line of the letterhead'::text;
      END IF;
      IF btrim (coalesce (ranah.profile_value ('agency'), ''), ws) = '' THEN
        lacking := lacking || 'the agency’s name in the letterhead'::text;
      END IF;
      IF btrim (coalesce (ranah.profile_value ('address'), ''), ws) = '' THEN
        lacking := lacking || 'the agency’s address in the letterhead'::text;
      END IF;
      IF btrim (coalesce (ranah.profile_value ('city'), ''), ws) = '' THEN
        lacking := lacking || 'the city of the date line'::text;
      END IF;
      IF btrim (tmpl, ws) = '' THEN
        lacking := lacking || 'the letter-number template'::text;
      ELSE
        IF strpos (tmpl, '{klasifikasi}') > 0
           AND btrim (coalesce (ranah.profile_value ('classification'), ''), ws) = '' THEN
          lacking := lacking || 'the default classification code'::text;
        END IF;
        IF strpos (tmpl, '{unit}') > 0
           AND btrim (coalesce (ranah.profile_value ('agency-short'), ''), ws) = '' THEN
          lacking := lacking || 'the agency’s short name'::text;
        END IF;
      END IF;
      n := cardinality (lacking);
      IF n > 0 THEN
        PERFORM ranah.fail ('RN003', format ('This letter cannot be signed yet: %s %s not filled in.',
                                             CASE WHEN n = 1 THEN lacking[1]
                                                  ELSE array_to_string (lacking[1:n - 1], ', ')
                                                       || ' and ' || lacking[n] END,
                                             CASE WHEN n = 1 THEN 'is' ELSE 'are' END));
      END IF;

      -- The head of the request's audit chain before the signing event (finish_sign appends
      -- it): locked from here, so that no other event joins the chain in between, and
      -- printed in the letter, which cannot carry the hash of the event that records its
      -- own SHA-256. No head (a request from before migration 5 not moved since): 0, NULL.
      PERFORM ranah.wait_for_locks ('SELECT 1 FROM ranah.chain_heads WHERE chain = $1 FOR UPDATE',
                                    r.id);
      SELECT * INTO head FROM ranah.chain_heads WHERE chain = r.id;

      -- The per-year counter row stays locked until this transaction ends, so numbers are
      -- handed out one signer at a time and a rolled-back signing gives its number back.
      yr := extract (year FROM today)::integer;
      PERFORM ranah.wait_for_locks ('INSERT INTO ranah.letter_counters VALUES ($1, 0) '
                                    'ON CONFLICT DO NOTHING', yr);
      PERFORM ranah.wait_for_locks ('SELECT 1 FROM ranah.letter_counters WHERE year = $1 FOR UPDATE',
                                   yr);
      SELECT last + 1 INTO v_urut FROM ranah.letter_counters WHERE year = yr;
      UPDATE ranah.letter_counters SET last = v_urut WHERE year = yr;
      -- The number is the agency's template filled in here (validate.sql), not the signer's.
      UPDATE ranah.letters
         SET state = 'signed', year = yr, urut = v_urut, letter_date = to_char (today, 'YYYY-MM-DD'),
             number = ranah.format_letter_number (ranah.profile_value ('number-template'),
                                                  ranah.profile_value ('classification'), v_urut,
                                                  ranah.profile_value ('agency-short'), yr,
                                                  extract (month FROM today)::integer),
             signed_by = u.id, signed_at = p_now,
             verification_code = upper (substr (replace (gen_random_uuid ()::text, '-', ''), 1, 16)),
             audit_seq = coalesce (head.seq, 0), audit_hash = head.hash
       WHERE id = letter.id
      RETURNING * INTO letter;
      result := jsonb_build_object ('letter_id', letter.id, 'urut', v_urut, 'year', yr,
                                    'month', extract (month FROM today)::integer,
                                    'number', letter.number,
                                    'letter_date', letter.letter_date,
                                    'verification_code', letter.verification_code,
                                    'audit_seq', letter.audit_seq,
                                    'audit_hash', letter.audit_hash);
    END;
  END IF;

  UPDATE ranah.requests
     SET state = t.to_state, version = version + 1, state_since = p_now, due_at = new_due,
         assignee_id = new_assignee, outcome = new_outcome, note = coalesce (new_note, '')
   WHERE id = r.id;
  result := result || jsonb_build_object ('version', r.version + 1, 'state', t.to_state);
  IF p_action = 'sign' THEN
    -- finish_sign appends it, once the letter holds its PDF.
    INSERT INTO ranah.pending_events
    VALUES (letter.id, u.id, u.username, r.id, t.step, p_action, r.state, t.to_state, p_note,
            p_now, p_idempotency_key, result);
  ELSE
    PERFORM ranah.append_event (u.id, u.username, r.id, t.step, p_action, r.state, t.to_state,
                                p_note, p_now, p_idempotency_key, result);
  END IF;
  PERFORM ranah.notify (r.id, t.to_state, new_assignee);
  RETURN result;
END $$;

-- Step 9's second half, in the signing transaction: the PDF the letter layer rendered with
-- the number the move gave it. Only the signer, only once, only a PDF; the SHA-256 that
-- `letter verify` checks is the server's.
CREATE OR REPLACE FUNCTION ranah.finish_sign (p_letter_id bigint, p_number text, p_pdf bytea)
RETURNS text LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp
SET lock_timeout = '3s' AS $$
DECLARE
  u ranah.users := ranah.caller ();
  l ranah.letters;
  pending ranah.pending_events;
BEGIN
  PERFORM ranah.wait_for_locks ('SELECT 1 FROM ranah.letters WHERE id = $1 FOR UPDATE',
                                p_letter_id);
  SELECT * INTO l FROM ranah.letters WHERE id = p_letter_id;
  IF NOT FOUND OR l.state <> 'signed' OR l.pdf IS NOT NULL OR l.signed_by <> u.id THEN
    PERFORM ranah.fail ('RN013', 'This letter is not waiting for its signed PDF.');
  END IF;
  IF p_number IS DISTINCT FROM l.number THEN
    PERFORM ranah.fail ('RN012', format ('This letter''s number is %s; the store gives letter '
                                         'numbers.', l.number));
  END IF;
  IF p_pdf IS NULL OR length (p_pdf) < 64 OR length (p_pdf) > 20 * 1024 * 1024
     OR substring (p_pdf FROM 1 FOR 5) <> '\x255044462d'::bytea
     OR position ('\x2525454f46'::bytea IN substring (p_pdf FROM greatest (length (p_pdf) - 1023, 1))) = 0 THEN
    PERFORM ranah.fail ('RN012', 'A signed letter is a whole PDF file of at most 20 MB.');
  END IF;
  UPDATE ranah.letters SET pdf = p_pdf, pdf_sha256 = encode (sha256 (p_pdf), 'hex')
   WHERE id = p_letter_id;
  DELETE FROM ranah.pending_events WHERE letter_id = p_letter_id RETURNING * INTO pending;
  IF NOT FOUND THEN
    PERFORM ranah.fail ('RN013', 'This letter is not waiting for its signed PDF.');
  END IF;
  PERFORM ranah.append_event (pending.user_id, pending.username, pending.request_id,
                              pending.step, pending.action, pending.from_state,
                              pending.to_state, pending.note, pending.at,
                              pending.idempotency_key, pending.result);
  RETURN encode (sha256 (p_pdf), 'hex');
END $$;

CREATE OR REPLACE FUNCTION ranah.mark_read (p_disposition_id bigint, p_now bigint)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp
SET lock_timeout = '3s' AS $$
DECLARE
  u ranah.users := ranah.caller ();
  d ranah.dispositions;
  st text;
BEGIN
  p_now := ranah.server_now ();
  SELECT * INTO d FROM ranah.dispositions WHERE id = p_disposition_id FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM ranah.fail ('RN011', format ('There is no disposition with id %s.', p_disposition_id));
  END IF;
  IF d.to_user_id <> u.id THEN
    PERFORM ranah.fail ('RN013', 'Only the addressee can mark a disposition as read.');
  END IF;
  IF d.read_at = 0 THEN
    UPDATE ranah.dispositions SET read_at = p_now WHERE id = d.id;
    SELECT state INTO st FROM ranah.requests WHERE id = d.request_id;
    PERFORM ranah.append_event (u.id, u.username, d.request_id, d.step, 'read-disposition',
                                st, st, NULL, p_now);
    PERFORM ranah.notify (d.request_id, st, d.to_user_id);
  END IF;
  RETURN true;
END $$;

-- ---------------------------------------------------------------------------------
-- Sessions (004-sessions.sql). The token never reaches the server: the client sends its
-- SHA-256, the name of the session's login (derived from the token) and a SCRAM verifier.

-- Drops the logins of ended sessions; the one this connection uses loses its login and
-- its membership now and is dropped by a later call.
CREATE OR REPLACE FUNCTION ranah.drop_ended_logins ()
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r text;
BEGIN
  FOR r IN SELECT role_name FROM ranah.ended_logins LOOP
    IF ranah_roles.role_end_login (r) THEN
      DELETE FROM ranah.ended_logins WHERE role_name = r;
    END IF;
  END LOOP;
END $$;

-- Ends the sessions of @p_user_id (only the one of @p_token_hash unless it is NULL);
-- returns how many there were.
CREATE OR REPLACE FUNCTION ranah.end_sessions (p_user_id bigint, p_token_hash text)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  n integer;
BEGIN
  WITH gone AS (DELETE FROM ranah.sessions
                 WHERE user_id = p_user_id
                   AND (p_token_hash IS NULL OR token_hash = p_token_hash)
                RETURNING login_role)
  INSERT INTO ranah.ended_logins (role_name) SELECT login_role FROM gone
  ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM ranah.drop_ended_logins ();
  RETURN n;
END $$;

-- A password set or an account disabled ends every session of @p_target.
CREATE OR REPLACE FUNCTION ranah.revoke_sessions (p_by ranah.users, p_target ranah.users,
                                                  p_now bigint)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ranah.end_sessions (p_target.id, NULL) > 0 THEN
    PERFORM ranah.append_event (p_by.id, p_by.username, 0, 0, 'auth:sessions-revoked', '', '',
                                p_target.username, p_now);
  END IF;
END $$;

-- Needs a password sign-in: a session cannot start sessions. Returns the session's end.
CREATE OR REPLACE FUNCTION ranah.start_session (p_login text, p_token_hash text,
                                                p_verifier text, p_label text, p_now bigint)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp
SET lock_timeout = '3s' AS $$
DECLARE
  u ranah.users := ranah.caller ();
  hours_text text := ranah.profile_value ('session-hours', '10');
  hours integer := 10;
  expires bigint;
  old_hash text;
BEGIN
  p_now := ranah.server_now ();
  IF session_user <> u.role_name THEN
    PERFORM ranah.fail ('RN013', 'Sign in with your password to start a session.');
  END IF;
  IF p_login !~ '^ranah_s_[0-9a-f]{32}$' OR p_token_hash !~ '^[0-9a-f]{64}$' THEN
    PERFORM ranah.fail ('RN004', 'This is not a session token.');
  END IF;
  IF p_verifier !~ '^SCRAM-SHA-256\$' THEN
    PERFORM ranah.fail ('RN004', 'Passwords are stored as SCRAM-SHA-256 verifiers only.');
  END IF;
  IF hours_text ~ '^[0-9]{1,3}$' AND hours_text::integer BETWEEN 1 AND 744 THEN
    hours := hours_text::integer;
  END IF;
  expires := p_now + hours * 3600;

  WITH gone AS (DELETE FROM ranah.sessions WHERE expires_at <= p_now RETURNING login_role)
  INSERT INTO ranah.ended_logins (role_name) SELECT login_role FROM gone
  ON CONFLICT DO NOTHING;
  PERFORM ranah.drop_ended_logins ();
  -- At most 20 sessions a user (RANAH_STORE_MAX_SESSIONS): the oldest end first.
  FOR old_hash IN SELECT token_hash FROM ranah.sessions WHERE user_id = u.id
                   ORDER BY created_at DESC, id DESC OFFSET 19 LOOP
    PERFORM ranah.end_sessions (u.id, old_hash);
  END LOOP;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
    PERFORM ranah.fail ('RN012', 'This session exists already.');
  END IF;
  -- VALID UNTIL in the server's own clock: however the desktop's clock is set, the server
  -- admits the login no longer than the session lasts.
  PERFORM ranah_roles.role_create_session (p_login, p_verifier,
                                           now () + make_interval (hours => hours), u.role_name);
  INSERT INTO ranah.sessions (user_id, token_hash, login_role, label, created_at, expires_at)
  VALUES (u.id, p_token_hash, p_login, left (coalesce (p_label, ''), 200), p_now, expires);
  PERFORM ranah.append_event (u.id, u.username, 0, 0, 'auth:session-started', '', '',
                              left (coalesce (p_label, ''), 200), p_now);
  RETURN expires;
END $$;

-- Run on the session's own login: the official it stands for, or an error when the session
-- has ended (deleted, expired in the store's clock) or the account was disabled.
CREATE OR REPLACE FUNCTION ranah.resume_session (p_token_hash text, p_now bigint)
RETURNS bigint LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp AS $$
DECLARE
  u ranah.users;
BEGIN
  p_now := ranah.server_now ();
  IF NOT EXISTS (SELECT 1 FROM ranah.sessions
                  WHERE login_role = session_user AND token_hash = p_token_hash
                    AND expires_at > p_now) THEN
    PERFORM ranah.fail ('RN013', 'Your session has ended; sign in again with your password.');
  END IF;
  u := ranah.caller ();
  RETURN u.id;
END $$;

-- Ends one of the caller's own sessions (signing out); TRUE when it existed.
CREATE OR REPLACE FUNCTION ranah.end_session (p_token_hash text, p_now bigint)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp
SET lock_timeout = '3s' AS $$
DECLARE
  u ranah.users := ranah.caller ();
BEGIN
  p_now := ranah.server_now ();
  IF ranah.end_sessions (u.id, p_token_hash) = 0 THEN
    RETURN false;
  END IF;
  PERFORM ranah.append_event (u.id, u.username, 0, 0, 'auth:session-ended', '', '', '', p_now);
  RETURN true;
END $$;

-- Administration

-- The fields of a user an administrator types (ranah-store.c's user checks).
CREATE OR REPLACE FUNCTION ranah.check_user_fields (p jsonb)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF jsonb_typeof (p) IS DISTINCT FROM 'object' THEN
    PERFORM ranah.fail ('RN004', 'The user is not a JSON object.');
  END IF;
  PERFORM ranah.check_text (p->>'full_name', 'full name', false, false, 200),
          ranah.check_text (p->>'position', 'position', false, false, 200),
          ranah.check_text (p->>'rank', 'rank', false, false, 200);
  IF coalesce (p->>'nip', '') !~ '^([0-9]{18})?$' THEN
    PERFORM ranah.fail ('RN004', format ('The NIP “%s” must be exactly 18 digits, without '
                                         'spaces.', left (p->>'nip', 64)));
  END IF;
  IF coalesce (p->>'email', '') <> '' THEN
    PERFORM ranah.check_email (p->>'email', 'e-mail');
  END IF;
  IF p->>'role' = 'opd' AND (coalesce (p->>'opd_id', '') !~ '^[0-9]{1,18}$'
                             OR NOT EXISTS (SELECT 1 FROM ranah.opds
                                             WHERE id = (p->>'opd_id')::bigint)) THEN
    PERFORM ranah.fail ('RN004', 'An OPD user belongs to an OPD: choose one.');
  END IF;
END $$;

CREATE OR REPLACE FUNCTION ranah.insert_user (p jsonb, p_verifier text, p_now bigint)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  uname text := lower (p->>'username');
  uid bigint;
BEGIN
  IF EXISTS (SELECT 1 FROM ranah.users WHERE lower (username) = uname) THEN
    PERFORM ranah.fail ('RN012', format ('There is already a user “%s”.', uname));
  END IF;
  IF p->>'role' = 'opd' AND NOT EXISTS (SELECT 1 FROM ranah.opds WHERE id = (p->>'opd_id')::bigint) THEN
    PERFORM ranah.fail ('RN004', 'An OPD user belongs to an OPD: choose one.');
  END IF;
  PERFORM ranah.check_user_fields (p);
  PERFORM ranah_roles.ensure_login (uname, p->>'role', p_verifier);
  INSERT INTO ranah.users (username, role_name, full_name, role, opd_id, nip, position, rank,
                           email, active, created_at)
  VALUES (uname, uname, coalesce (p->>'full_name', ''), p->>'role',
          CASE WHEN p->>'role' = 'opd' THEN (p->>'opd_id')::bigint END,
          coalesce (p->>'nip', ''), coalesce (p->>'position', ''), coalesce (p->>'rank', ''),
          coalesce (p->>'email', ''), coalesce ((p->>'active')::boolean, true), p_now)
  RETURNING id INTO uid;
  IF NOT coalesce ((p->>'active')::boolean, true) THEN
    PERFORM ranah_roles.role_set_login (uname, false);
  END IF;
  RETURN uid;
END $$;

-- The first administrator, made by the schema owner at initialisation.
CREATE OR REPLACE FUNCTION ranah.install_admin (p jsonb, p_verifier text, p_now bigint)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp
SET lock_timeout = '3s' AS $$
DECLARE
  uid bigint;
BEGIN
  p_now := ranah.server_now ();
  IF EXISTS (SELECT 1 FROM ranah.users) THEN
    PERFORM ranah.fail ('RN012', 'This store already has users.');
  END IF;
  uid := ranah.insert_user (p || jsonb_build_object ('role', 'admin'), p_verifier, p_now);
  PERFORM ranah.append_event (uid, lower (p->>'username'), 0, 0, 'admin:initialize', '', '',
                              lower (p->>'username'), p_now, p_subjects => ARRAY['user:' || uid]);
  RETURN uid;
END $$;

CREATE OR REPLACE FUNCTION ranah.add_user (p jsonb, p_verifier text, p_now bigint)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp
SET lock_timeout = '3s' AS $$
DECLARE
  u ranah.users := ranah.require_admin ();
  uid bigint;
BEGIN
  p_now := ranah.server_now ();
  uid := ranah.insert_user (p, p_verifier, p_now);
  PERFORM ranah.append_event (u.id, u.username, 0, 0, 'admin:add-user', '', '',
                              lower (p->>'username') || ' (' || (p->>'role') || ')', p_now,
                              p_subjects => ARRAY['user:' || uid]);
  PERFORM ranah.notify (0, NULL, 0);
  RETURN uid;
END $$;

CREATE OR REPLACE FUNCTION ranah.update_user (p jsonb, p_now bigint)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp
SET lock_timeout = '3s' AS $$
DECLARE
  u ranah.users := ranah.require_admin ();
  old ranah.users;
  new_active boolean := coalesce ((p->>'active')::boolean, true);
BEGIN
  p_now := ranah.server_now ();
  PERFORM ranah.check_user_fields (p);
  IF NOT coalesce (p->>'role', '') IN ('opd', 'kadis', 'kabid', 'subkoor', 'staf', 'admin') THEN
    PERFORM ranah.fail ('RN004', 'Unknown role.');
  END IF;
  SELECT * INTO old FROM ranah.users WHERE id = (p->>'id')::bigint FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM ranah.fail ('RN011', 'There is no such user.');
  END IF;
  IF p->>'role' = 'opd' AND NOT EXISTS (SELECT 1 FROM ranah.opds WHERE id = (p->>'opd_id')::bigint) THEN
    PERFORM ranah.fail ('RN004', 'An OPD user belongs to an OPD: choose one.');
  END IF;
  IF old.role = 'admin' AND (p->>'role' <> 'admin' OR NOT new_active)
     AND NOT EXISTS (SELECT 1 FROM ranah.users WHERE role = 'admin' AND active AND id <> old.id) THEN
    PERFORM ranah.fail ('RN012', 'The last active administrator cannot be removed.');
  END IF;
  UPDATE ranah.users
     SET full_name = coalesce (p->>'full_name', ''), role = p->>'role',
         opd_id = CASE WHEN p->>'role' = 'opd' THEN (p->>'opd_id')::bigint END,
         nip = coalesce (p->>'nip', ''), position = coalesce (p->>'position', ''),
         rank = coalesce (p->>'rank', ''), email = coalesce (p->>'email', ''),
         active = new_active
   WHERE id = old.id;
  IF old.role <> p->>'role' THEN
    PERFORM ranah_roles.role_set_group (old.role_name, p->>'role');
  END IF;
  PERFORM ranah_roles.role_set_login (old.role_name, new_active);
  IF NOT new_active THEN
    PERFORM ranah.revoke_sessions (u, old, p_now);
  END IF;
  PERFORM ranah.append_event (u.id, u.username, 0, 0, 'admin:update-user', '', '',
                              old.username, p_now, p_subjects => ARRAY['user:' || old.id]);
  PERFORM ranah.notify (0, NULL, 0);
  RETURN true;
END $$;

-- Everyone may change their own password; admin may set anyone's. The client sends a
-- SCRAM verifier (PQencryptPasswordConn), never the password.
CREATE OR REPLACE FUNCTION ranah.set_password (p_user_id bigint, p_verifier text, p_now bigint)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp
SET lock_timeout = '3s' AS $$
DECLARE
  u ranah.users := ranah.caller ();
  target ranah.users;
BEGIN
  p_now := ranah.server_now ();
  IF u.id <> p_user_id AND u.role <> 'admin' THEN
    PERFORM ranah.fail ('RN013', 'Only an administrator may set another user''s password.');
  END IF;
  IF p_verifier !~ '^SCRAM-SHA-256\$' THEN
    PERFORM ranah.fail ('RN004', 'Passwords are stored as SCRAM-SHA-256 verifiers only.');
  END IF;
  SELECT * INTO target FROM ranah.users WHERE id = p_user_id;
  IF NOT FOUND THEN
    PERFORM ranah.fail ('RN011', 'There is no such user.');
  END IF;
  PERFORM ranah_roles.role_set_password (target.role_name, p_verifier);
  PERFORM ranah.revoke_sessions (u, target, p_now);
  PERFORM ranah.append_event (u.id, u.username, 0, 0, 'admin:set-password', '', '',
                              target.username, p_now);
  RETURN true;
END $$;

CREATE OR REPLACE FUNCTION ranah.save_opd (p jsonb, p_now bigint)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp
SET lock_timeout = '3s' AS $$
DECLARE
  u ranah.users := ranah.require_admin ();
  oid_ bigint := nullif ((p->>'id')::bigint, 0);
BEGIN
  p_now := ranah.server_now ();
  PERFORM ranah.check_text (p->>'code', 'OPD code', true, false, 32),
          ranah.check_text (p->>'name', 'OPD name', true, false, 200),
          ranah.check_text (p->>'head_title', 'addressee', false, false, 200),
          ranah.check_text (p->>'address', 'address', false, false, 200);
  IF coalesce (p->>'email', '') <> '' THEN
    PERFORM ranah.check_email (p->>'email', 'OPD e-mail');
  END IF;
  IF EXISTS (SELECT 1 FROM ranah.opds WHERE id <> coalesce (oid_, 0)
               AND (lower (code) = lower (p->>'code') OR lower (name) = lower (p->>'name'))) THEN
    PERFORM ranah.fail ('RN012', format ('There is already an OPD with the code “%s” or the name “%s”.',
                                         p->>'code', p->>'name'));
  END IF;
  IF oid_ IS NULL THEN
    INSERT INTO ranah.opds (code, name, head_title, address, email, active)
    VALUES (p->>'code', p->>'name', coalesce (p->>'head_title', ''),
            coalesce (p->>'address', ''), coalesce (p->>'email', ''),
            coalesce ((p->>'active')::boolean, true))
    RETURNING id INTO oid_;
    PERFORM ranah.append_event (u.id, u.username, 0, 0, 'admin:add-opd', '', '', p->>'code', p_now);
  ELSE
    UPDATE ranah.opds SET code = p->>'code', name = p->>'name',
           head_title = coalesce (p->>'head_title', ''), address = coalesce (p->>'address', ''),
           email = coalesce (p->>'email', ''), active = coalesce ((p->>'active')::boolean, true)
     WHERE id = oid_;
    IF NOT FOUND THEN
      PERFORM ranah.fail ('RN011', 'There is no such OPD.');
    END IF;
    PERFORM ranah.append_event (u.id, u.username, 0, 0, 'admin:update-opd', '', '', p->>'code', p_now);
  END IF;
  PERFORM ranah.notify (0, NULL, 0);
  RETURN oid_;
END $$;

CREATE OR REPLACE FUNCTION ranah.add_holiday (p_date text, p_name text, p_cuti boolean, p_now bigint)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp
SET lock_timeout = '3s' AS $$
DECLARE
  u ranah.users := ranah.require_admin ();
BEGIN
  p_now := ranah.server_now ();
  PERFORM ranah.check_date (p_date, 'holiday date'),
          ranah.check_text (p_name, 'holiday name', true, false, 200);
  IF EXISTS (SELECT 1 FROM ranah.holidays WHERE date = p_date) THEN
    PERFORM ranah.fail ('RN012', format ('There is already a holiday on %s.', p_date));
  END IF;
  INSERT INTO ranah.holidays VALUES (p_date, p_name, p_cuti);
  PERFORM ranah.append_event (u.id, u.username, 0, 0, 'admin:add-holiday', '', '',
                              p_date || ' ' || p_name, p_now);
  PERFORM ranah.notify (0, NULL, 0);
  RETURN true;
END $$;

CREATE OR REPLACE FUNCTION ranah.remove_holiday (p_date text, p_now bigint)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp
SET lock_timeout = '3s' AS $$
DECLARE
  u ranah.users := ranah.require_admin ();
BEGIN
  p_now := ranah.server_now ();
  DELETE FROM ranah.holidays WHERE date = p_date;
  IF NOT FOUND THEN
    PERFORM ranah.fail ('RN011', format ('There is no holiday on %s.', p_date));
  END IF;
  PERFORM ranah.append_event (u.id, u.username, 0, 0, 'admin:remove-holiday', '', '', p_date, p_now);
  PERFORM ranah.notify (0, NULL, 0);
  RETURN true;
END $$;

CREATE OR REPLACE FUNCTION ranah.add_reserved (p_name text, p_now bigint)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp
SET lock_timeout = '3s' AS $$
DECLARE
  u ranah.users := ranah.require_admin ();
BEGIN
  p_now := ranah.server_now ();
  p_name := ranah.check_label (p_name);
  IF EXISTS (SELECT 1 FROM ranah.reserved_names WHERE lower (name) = lower (p_name)) THEN
    PERFORM ranah.fail ('RN012', format ('“%s” is already reserved.', p_name));
  END IF;
  INSERT INTO ranah.reserved_names VALUES (lower (p_name));
  PERFORM ranah.append_event (u.id, u.username, 0, 0, 'admin:add-reserved', '', '', lower (p_name), p_now);
  PERFORM ranah.notify (0, NULL, 0);
  RETURN true;
END $$;

CREATE OR REPLACE FUNCTION ranah.remove_reserved (p_name text, p_now bigint)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp
SET lock_timeout = '3s' AS $$
DECLARE
  u ranah.users := ranah.require_admin ();
BEGIN
  p_now := ranah.server_now ();
  DELETE FROM ranah.reserved_names WHERE lower (name) = lower (p_name);
  IF NOT FOUND THEN
    PERFORM ranah.fail ('RN011', format ('“%s” is not reserved.', p_name));
  END IF;
  PERFORM ranah.append_event (u.id, u.username, 0, 0, 'admin:remove-reserved', '', '', lower (p_name), p_now);
  PERFORM ranah.notify (0, NULL, 0);
  RETURN true;
END $$;

-- The secret's value never enters the audit note.
CREATE OR REPLACE FUNCTION ranah.set_profile (p_key text, p_value text, p_secret boolean, p_now bigint)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp
SET lock_timeout = '3s' AS $$
DECLARE
  u ranah.users := ranah.require_admin ();
BEGIN
  p_now := ranah.server_now ();
  -- The keys of ranah_profile_default (), as ranah_profile_key_is_known () has them.
  IF NOT EXISTS (SELECT 1 FROM ranah.profile_defaults WHERE key = p_key) THEN
    PERFORM ranah.fail ('RN004', format ('The agency profile has no setting “%s”.',
                                         left (p_key, 64)));
  END IF;
  PERFORM ranah.check_text (p_value, format ('setting “%s”', p_key), false,
                            p_key IN ('template-approval', 'template-refusal', 'legal-basis', 'logo'),
                            CASE WHEN p_key = 'logo' THEN 8 * 1024 * 1024
                                 WHEN p_key IN ('template-approval', 'template-refusal',
                                                'legal-basis') THEN 20000
                                 ELSE 1000 END);
  IF p_key = 'number-template' THEN
    PERFORM ranah.format_letter_number (p_value, '000', 1, 'X', 2026, 1);
  ELSIF p_key = 'parent-domain' THEN
    PERFORM ranah.check_fqdn (p_value, false);
  ELSIF p_key = 'paper' AND p_value NOT IN ('A4', 'F4') THEN
    PERFORM ranah.fail ('RN004', 'Paper must be A4 or F4.');
  ELSIF p_key = 'signer-nip' AND p_value !~ '^([0-9]{18})?$' THEN
    -- A user's rule (ranah.check_user_fields); the desktop checks the dates in it too.
    PERFORM ranah.fail ('RN004', format ('The NIP “%s” must be exactly 18 digits, without '
                                         'spaces.', left (p_value, 64)));
  ELSIF p_key = 'logo' AND p_value <> '' THEN
    -- The lambang, checked now rather than at the first letter (src/store/ranah-logo.c,
    -- which also decodes a PNG whole): the base64 of a PNG (its signature, an IHDR of at
    -- most 8192 pixels a side, an IEND chunk) or of an SVG document (XML whose root is svg).
    DECLARE
      img bytea;
      doc text;
      side bigint;
    BEGIN
      BEGIN
        img := decode (p_value, 'base64');
      EXCEPTION WHEN invalid_parameter_value THEN
        img := NULL;
      END;
      IF img IS NULL OR length (img) = 0 THEN
        PERFORM ranah.fail ('RN004', 'The logo setting must be the base64 of a PNG or SVG '
                                     'file: give the file itself.');
      ELSIF length (img) > 6 * 1024 * 1024 THEN
        PERFORM ranah.fail ('RN004', 'The logo is larger than 6 MB.');
      ELSIF substring (img FROM 1 FOR 8) = '\x89504e470d0a1a0a'::bytea THEN
        IF length (img) < 33 OR substring (img FROM 13 FOR 4) <> '\x49484452'::bytea THEN
          PERFORM ranah.fail ('RN004', 'The logo is a damaged PNG image: it has no header.');
        END IF;
        side := greatest (('x' || encode (substring (img FROM 17 FOR 4), 'hex'))::bit(32)::bigint,
                          ('x' || encode (substring (img FROM 21 FOR 4), 'hex'))::bit(32)::bigint);
        IF side > 8192 OR least (('x' || encode (substring (img FROM 17 FOR 4), 'hex'))::bit(32)::bigint,
                                 ('x' || encode (substring (img FROM 21 FOR 4), 'hex'))::bit(32)::bigint) = 0 THEN
          PERFORM ranah.fail ('RN004', 'The logo’s PNG image must be at most 8192 pixels a side.');
        END IF;
        IF position ('\x0000000049454e44'::bytea IN substring (img FROM 34)) = 0 THEN
          PERFORM ranah.fail ('RN004', 'The logo is a damaged PNG image: it cannot be decoded.');
        END IF;
      ELSE
        BEGIN
          doc := convert_from (img, 'UTF8');
        EXCEPTION WHEN character_not_in_repertoire OR untranslatable_character THEN
          PERFORM ranah.fail ('RN004', 'The logo is not a readable SVG image: it is not UTF-8 '
                                       'text.');
        END;
        IF left (doc, 1) = chr (65279) THEN
          doc := substr (doc, 2);
        END IF;
        IF left (ltrim (doc, E' \t\n\r\f' || chr (11)), 1) <> '<' THEN
          PERFORM ranah.fail ('RN004', 'The logo must be a PNG or SVG image.');
        ELSIF NOT xml_is_well_formed_document (doc) THEN
          PERFORM ranah.fail ('RN004', 'The logo is not a readable SVG image: it is not '
                                       'well-formed XML.');
        ELSIF (xpath ('local-name (/*)', XMLPARSE (DOCUMENT doc)))[1]::text IS DISTINCT FROM 'svg' THEN
          PERFORM ranah.fail ('RN004', 'The logo is not an SVG image: its document is not one '
                                       '<svg> element.');
        END IF;
      END IF;
    END;
  END IF;
  INSERT INTO ranah.profile VALUES (p_key, p_value)
  ON CONFLICT (key) DO UPDATE SET value = excluded.value;
  PERFORM ranah.append_event (u.id, u.username, 0, 0, 'admin:set-profile', '', '',
                              CASE WHEN p_secret THEN p_key ELSE p_key || '=' || left (p_value, 200) END,
                              p_now);
  PERFORM ranah.notify (0, NULL, 0);
  RETURN true;
END $$;

-- ---------------------------------------------------------------------------------
-- Registry

CREATE OR REPLACE FUNCTION ranah.keep_registry ()
RETURNS ranah.users LANGUAGE plpgsql AS $$
DECLARE
  u ranah.users := ranah.caller ();
BEGIN
  IF u.role NOT IN ('admin', 'subkoor', 'staf') THEN
    PERFORM ranah.fail ('RN001', format ('The role %s may not change the registry.', u.role));
  END IF;
  RETURN u;
END $$;

-- Names the agency issued before Ranah, or from another register. Each entry is checked as
-- a request would be; one may name the request it came from only when that request is done,
-- of the same OPD and FQDN, and not in the registry yet.
CREATE OR REPLACE FUNCTION ranah.import_entries (p_entries jsonb, p_now bigint)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp
SET lock_timeout = '3s' AS $$
DECLARE
  u ranah.users := ranah.keep_registry ();
  e jsonb;
  eid bigint;
  label text;
  fq text;
  opd bigint;
  rid bigint;
  st text;
  n integer := 0;
  imported text[] := '{}';
BEGIN
  p_now := ranah.server_now ();
  IF jsonb_typeof (p_entries) IS DISTINCT FROM 'array' THEN
    PERFORM ranah.fail ('RN004', 'The entries are not a JSON array.');
  END IF;
  FOR e IN SELECT * FROM jsonb_array_elements (p_entries) LOOP
    IF jsonb_typeof (e) IS DISTINCT FROM 'object' THEN
      PERFORM ranah.fail ('RN004', 'An entry is not a JSON object.');
    END IF;
    label := ranah.check_label (e->>'name');
    fq := label || '.' || ranah.check_fqdn (rtrim (lower (ranah.profile_value ('parent-domain')),
                                                   '.'), false);
    IF coalesce (e->>'fqdn', '') NOT IN ('', fq) THEN
      PERFORM ranah.fail ('RN004', format ('The entry “%s” must be %s, under the agency''s '
                                           'parent domain.', left (e->>'fqdn', 64), fq));
    END IF;
    opd := CASE WHEN coalesce (e->>'opd_id', '') ~ '^[0-9]{1,18}$' THEN (e->>'opd_id')::bigint END;
    IF opd IS NULL OR NOT EXISTS (SELECT 1 FROM ranah.opds WHERE id = opd) THEN
      PERFORM ranah.fail ('RN004', format ('The entry %s names no OPD of this store.', fq));
    END IF;
    st := coalesce (e->>'status', 'active');
    IF NOT ranah.is_nick ('entry_status', st) THEN
      PERFORM ranah.fail ('RN004', format ('“%s” is not a registry status (active, suspended '
                                           'or revoked).', left (st, 64)));
    END IF;
    rid := CASE WHEN coalesce (e->>'request_id', '') ~ '^[0-9]{1,18}$'
                THEN nullif ((e->>'request_id')::bigint, 0) END;
    IF coalesce (e->>'request_id', '0') NOT IN ('0', '') AND rid IS NULL THEN
      PERFORM ranah.fail ('RN004', 'A request id is a number.');
    END IF;
    IF rid IS NOT NULL THEN
      PERFORM ranah.wait_for_locks ('SELECT 1 FROM ranah.requests WHERE id = $1 FOR UPDATE', rid);
      IF NOT EXISTS (SELECT 1 FROM ranah.requests r
                      WHERE r.id = rid AND r.state = 'done' AND r.outcome = 'approved'
                        AND r.opd_id = opd AND r.fqdn = fq)
         OR EXISTS (SELECT 1 FROM ranah.entries WHERE request_id = rid) THEN
        PERFORM ranah.fail ('RN012', format ('The entry %s may only name a finished, approved '
                                             'request of the same OPD and name that is not in '
                                             'the registry yet.', fq));
      END IF;
    END IF;
    IF st <> 'revoked' THEN
      PERFORM ranah.wait_for_locks ('SELECT pg_advisory_xact_lock ($1)',
                                    hashtext ('ranah-name:' || label));
      IF ranah.name_holder (label, coalesce (rid, 0)) IS NOT NULL THEN
        PERFORM ranah.fail ('RN012', ranah.name_holder (label, coalesce (rid, 0)));
      END IF;
    END IF;
    INSERT INTO ranah.entries (name, fqdn, opd_id, purpose, contact_name, contact_phone,
                               contact_email, status, activated_on, request_id)
    VALUES (label, fq, opd, ranah.check_text (e->>'purpose', 'purpose', false, true, 2000),
            ranah.check_text (e->>'contact_name', 'contact name', false, false, 120),
            ranah.check_text (e->>'contact_phone', 'contact phone', false, false, 40),
            ranah.check_text (e->>'contact_email', 'contact e-mail', false, false, 254), st,
            CASE WHEN coalesce (e->>'activated_on', '') = '' THEN ''
                 ELSE ranah.check_date (e->>'activated_on', 'activation date') END,
            rid)
    RETURNING id INTO eid;
    PERFORM ranah.insert_records ('entry_records', eid, e->'records');
    imported := imported || ('entry:' || eid);
    n := n + 1;
  END LOOP;
  PERFORM ranah.append_event (u.id, u.username, 0, 0, 'registry:import', '', '',
                              n || ' entries', p_now, p_subjects => imported);
  PERFORM ranah.notify (0, NULL, 0);
  RETURN n;
END $$;

CREATE OR REPLACE FUNCTION ranah.set_entry_status (p_entry_id bigint, p_expected_version bigint,
                                                   p_status text, p_reason text, p_now bigint)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp
SET lock_timeout = '3s' AS $$
DECLARE
  u ranah.users := ranah.keep_registry ();
  e ranah.entries;
  holder text;
BEGIN
  p_now := ranah.server_now ();
  IF NOT ranah.is_nick ('entry_status', p_status) THEN
    PERFORM ranah.fail ('RN004', format ('“%s” is not a registry status (active, suspended or '
                                         'revoked).', left (p_status, 64)));
  END IF;
  PERFORM ranah.check_text (p_reason, 'reason', false, true, 2000);
  PERFORM ranah.wait_for_locks ('SELECT 1 FROM ranah.entries WHERE id = $1 FOR UPDATE',
                                p_entry_id);
  SELECT * INTO e FROM ranah.entries WHERE id = p_entry_id;
  IF NOT FOUND THEN
    PERFORM ranah.fail ('RN011', format ('There is no registry entry with id %s.', p_entry_id));
  END IF;
  IF e.version <> p_expected_version THEN
    PERFORM ranah.fail ('RN010', 'This registry entry was changed by someone else; reload it and try again.');
  END IF;
  -- Reactivating a revoked name must not clash with whoever holds it now.
  IF e.status = 'revoked' AND p_status <> 'revoked' THEN
    holder := ranah.name_holder (e.name, coalesce (e.request_id, -1));
    IF holder IS NOT NULL THEN
      PERFORM ranah.fail ('RN012', holder);
    END IF;
  END IF;
  UPDATE ranah.entries SET status = p_status, version = version + 1 WHERE id = e.id;
  PERFORM ranah.append_event (u.id, u.username, coalesce (e.request_id, 0), 0,
                              'registry:status', '', '',
                              e.fqdn || ': ' || e.status || ' → ' || p_status
                              || CASE WHEN coalesce (p_reason, '') <> '' THEN ': ' || p_reason
                                      ELSE '' END, p_now, p_subjects => ARRAY['entry:' || e.id]);
  PERFORM ranah.notify (coalesce (e.request_id, 0), NULL, 0);
  RETURN e.version + 1;
END $$;

-- A check is an observation, not an edit: the entry's version stays.
CREATE OR REPLACE FUNCTION ranah.record_check (p_entry_id bigint, p_ok boolean, p_summary text,
                                               p_now bigint)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp
SET lock_timeout = '3s' AS $$
DECLARE
  u ranah.users := ranah.keep_registry ();
  e ranah.entries;
BEGIN
  p_now := ranah.server_now ();
  PERFORM ranah.check_text (p_summary, 'check result', false, true, 2000);
  UPDATE ranah.entries SET last_check_at = p_now, last_check = coalesce (p_summary, ''),
         last_check_ok = coalesce (p_ok, false)
   WHERE id = p_entry_id RETURNING * INTO e;
  IF NOT FOUND THEN
    PERFORM ranah.fail ('RN011', format ('There is no registry entry with id %s.', p_entry_id));
  END IF;
  INSERT INTO ranah.entry_checks (entry_id, at, ok, summary)
  VALUES (p_entry_id, p_now, coalesce (p_ok, false), coalesce (p_summary, ''));
  PERFORM ranah.append_event (u.id, u.username, coalesce (e.request_id, 0), 0,
                              'registry:check', '', '',
                              e.fqdn || ': ' || CASE WHEN p_ok THEN 'ok' ELSE 'failed' END
                              || CASE WHEN coalesce (p_summary, '') <> '' THEN ': ' || p_summary
                                      ELSE '' END, p_now, p_subjects => ARRAY['entry:' || e.id]);
  PERFORM ranah.notify (0, NULL, 0);
  RETURN true;
END $$;

-- ---------------------------------------------------------------------------------
-- Audit anchors (ranah_store_audit_anchor): an event in the office's chain whose note
-- digests every chain's head; the anchor file an administrator keeps lists the heads.

CREATE OR REPLACE FUNCTION ranah.record_anchor (p_note text)
RETURNS TABLE (chain_seq bigint, hash text) LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp
SET lock_timeout = '3s' AS $$
DECLARE
  u ranah.users := ranah.require_admin ();
  s bigint;
BEGIN
  s := ranah.append_event (u.id, u.username, 0, 0, 'audit:anchor', '', '',
                           ranah.check_text (p_note, 'anchor note', true, false, 200),
                           ranah.server_now ());
  RETURN QUERY SELECT e.chain_seq, e.hash FROM ranah.events e WHERE e.seq = s;
END $$;

-- ---------------------------------------------------------------------------------
-- Guards that hold whoever writes

CREATE OR REPLACE FUNCTION ranah.events_append_only ()
RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only';
END $$;

CREATE OR REPLACE FUNCTION ranah.letters_frozen ()
RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The one update a signed letter gets is its PDF, in the signing transaction.
  IF TG_OP = 'DELETE' OR OLD.pdf IS NOT NULL THEN
    RAISE EXCEPTION 'a signed letter cannot be changed';
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION ranah.letters_signed_complete ()
RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM ranah.letters WHERE id = NEW.id AND state = 'signed'
               AND (pdf IS NULL OR number IS NULL)) THEN
    RAISE EXCEPTION 'a signed letter needs its number and PDF in the same transaction';
  END IF;
  RETURN NULL;
END $$;

-- ---------------------------------------------------------------------------------
-- The proof that DNS serves a record (migration 7). The server cannot query DNS itself:
-- what it checks is that a proof is consistent — sent by the staff member the request is
-- disposed to while it waits for step 5 or 6, for a record of that request, with an answer
-- that is the record's target for its type — and it dates the proof by its own clock.

-- A domain name as compared: lower case, without a final dot.
CREATE OR REPLACE FUNCTION ranah.proof_name (p_name text)
RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN regexp_replace (lower (coalesce (p_name, '')), '\.$', '');
END $$;

-- ranah_record_answer_matches () (src/core/ranah-validate.c): @p_answer, the rdata the
-- authoritative server returned, is the record's target: addresses as inet of the record's
-- family, names without regard to case or a final dot, MX as "PRIORITY NAME", TXT exactly.
CREATE OR REPLACE FUNCTION ranah.proof_matches (p_type text, p_target text, p_priority integer,
                                                p_answer text)
RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  m text[];
BEGIN
  IF p_target IS NULL OR coalesce (p_answer, '') = '' THEN
    RETURN false;
  END IF;
  IF p_type IN ('A', 'AAAA') THEN
    -- A bare address: no prefix length, no zone.
    IF p_answer !~ '^[0-9A-Fa-f:.]+$' OR btrim (p_target) !~ '^[0-9A-Fa-f:.]+$' THEN
      RETURN false;
    END IF;
    BEGIN
      RETURN family (p_answer::inet) = CASE p_type WHEN 'A' THEN 4 ELSE 6 END
             AND family (btrim (p_target)::inet) = family (p_answer::inet)
             AND p_answer::inet = btrim (p_target)::inet;
    EXCEPTION WHEN invalid_text_representation THEN
      RETURN false;
    END;
  ELSIF p_type = 'CNAME' THEN
    RETURN ranah.proof_name (p_answer) <> ''
           AND ranah.proof_name (p_answer) = ranah.proof_name (p_target);
  ELSIF p_type = 'MX' THEN
    m := regexp_match (p_answer, '^([0-9]{1,5}) ([^ ]+)$');
    RETURN m IS NOT NULL AND m[1]::integer = p_priority AND ranah.proof_name (m[2]) <> ''
           AND ranah.proof_name (m[2]) = ranah.proof_name (p_target);
  ELSIF p_type = 'TXT' THEN
    RETURN p_answer = p_target;
  END IF;
  RETURN false;
END $$;

-- The sentence of ranah_request_check_proven () for the first record of @p_request_id that
-- has no matching proof, NULL when each has one.
CREATE OR REPLACE FUNCTION ranah.unproven_record (p_request_id bigint)
RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT format ('The %s record of %s (%s) has not been seen in DNS yet; create it '
                         'with “ranah-cli dns provision %s” or verify it with '
                         '“ranah-cli dns verify %s”.', x.type,
                         CASE WHEN x.host IN ('', '@') THEN r.fqdn ELSE x.host || '.' || r.fqdn END,
                         left (x.target, 64), r.id, r.id)
            FROM ranah.records x JOIN ranah.requests r ON r.id = x.request_id
           WHERE x.request_id = p_request_id
             AND NOT (x.proof_at IS NOT NULL AND x.proof_server IS NOT NULL
                      AND ranah.proof_matches (x.type, x.target, x.priority, x.proof_answer))
           ORDER BY x.id LIMIT 1);
END $$;

CREATE OR REPLACE FUNCTION ranah.check_serial (p_serial bigint)
RETURNS void LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF p_serial IS NULL OR p_serial < 0 OR p_serial > 4294967295 THEN
    PERFORM ranah.fail ('RN004', 'A zone''s SOA serial is a number from 0 to 4294967295.');
  END IF;
END $$;

-- That a query to the zone's authoritative server @p_server ("ADDRESS:PORT"), with the
-- zone's SOA serial at @p_serial, answered @p_answer for the record @p_record_id: staff only,
-- the request's assignee, while it waits for step 5 or 6. The time is the server's; the
-- proof enters the audit trail's state with a "record-proof" event. Returns that time.
CREATE OR REPLACE FUNCTION ranah.record_proof (p_record_id bigint, p_server text,
                                               p_serial bigint, p_answer text)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp
SET lock_timeout = '3s' AS $$
DECLARE
  u ranah.users := ranah.caller ();
  x ranah.records;
  r ranah.requests;
  at_now bigint := ranah.server_now ();
BEGIN
  IF u.role <> 'staf' THEN
    PERFORM ranah.fail ('RN001', 'Only the staff member the request is disposed to records '
                                 'that DNS serves its records.');
  END IF;
  PERFORM ranah.check_text (p_server, 'DNS server', true, false, 200);
  PERFORM ranah.check_text (p_answer, 'DNS answer', true, false, 1000);
  PERFORM ranah.check_serial (p_serial);
  SELECT * INTO x FROM ranah.records WHERE id = p_record_id;
  IF NOT FOUND THEN
    PERFORM ranah.fail ('RN011', 'There is no such record.');
  END IF;
  PERFORM ranah.wait_for_locks ('SELECT 1 FROM ranah.requests WHERE id = $1 FOR UPDATE',
                                x.request_id);
  SELECT * INTO r FROM ranah.requests WHERE id = x.request_id;
  IF r.state NOT IN ('at_staf', 'created') THEN
    PERFORM ranah.fail ('RN002', format ('The request for %s is “%s”: that DNS serves its '
                                         'records is recorded only while it waits for step 5 '
                                         'or 6.', r.fqdn, r.state));
  END IF;
  IF r.assignee_id IS DISTINCT FROM u.id THEN
    PERFORM ranah.fail ('RN001', 'This request was disposed to another official.');
  END IF;
  SELECT * INTO x FROM ranah.records WHERE id = p_record_id;
  IF NOT ranah.proof_matches (x.type, x.target, x.priority, p_answer) THEN
    PERFORM ranah.fail ('RN004', format ('The server''s answer “%s” is not the %s record''s '
                                         'target “%s”.', left (p_answer, 64), x.type,
                                         left (x.target, 64)));
  END IF;
  UPDATE ranah.records SET proof_server = p_server, proof_serial = p_serial,
         proof_answer = p_answer, proof_at = at_now
   WHERE id = x.id;
  PERFORM ranah.append_event (u.id, u.username, r.id,
                              CASE r.state WHEN 'at_staf' THEN 5 ELSE 6 END, 'record-proof',
                              r.state, r.state,
                              format ('%s %s: %s at %s, serial %s', x.type,
                                      CASE WHEN x.host IN ('', '@') THEN r.fqdn
                                           ELSE x.host || '.' || r.fqdn END,
                                      p_answer, p_server, p_serial), at_now);
  PERFORM ranah.notify (r.id, r.state, r.assignee_id);
  RETURN at_now;
END $$;

-- A health check (ranah.record_check) with what it proved: when it passed, each of
-- @p_proofs ([{"id", "server", "serial", "answer"}], the entry's own records) gets its proof
-- renewed by the server's clock; a failed check keeps the old proofs. One event, the check's.
CREATE OR REPLACE FUNCTION ranah.record_check_proofs (p_entry_id bigint, p_ok boolean,
                                                      p_summary text, p_proofs jsonb)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, ranah, pg_temp
SET lock_timeout = '3s' AS $$
DECLARE
  u ranah.users := ranah.keep_registry ();
  p record;
  x ranah.entry_records;
  at_now bigint := ranah.server_now ();
BEGIN
  IF coalesce (p_ok, false) AND p_proofs IS NOT NULL THEN
    IF jsonb_typeof (p_proofs) <> 'array' OR jsonb_array_length (p_proofs) > 1000 THEN
      PERFORM ranah.fail ('RN004', 'The proofs are a JSON array of at most 1000.');
    END IF;
    PERFORM ranah.wait_for_locks ('SELECT 1 FROM ranah.entries WHERE id = $1 FOR UPDATE',
                                  p_entry_id);
    FOR p IN SELECT * FROM jsonb_to_recordset (p_proofs)
                        AS j (id bigint, server text, serial bigint, answer text) LOOP
      SELECT * INTO x FROM ranah.entry_records WHERE id = p.id AND entry_id = p_entry_id;
      IF NOT FOUND OR NOT ranah.proof_matches (x.type, x.target, x.priority, p.answer) THEN
        PERFORM ranah.fail ('RN004', format ('A proof does not match a record of the registry '
                                             'entry %s.', (SELECT e.fqdn FROM ranah.entries e
                                                            WHERE e.id = p_entry_id)));
      END IF;
      PERFORM ranah.check_text (p.server, 'DNS server', true, false, 200);
      PERFORM ranah.check_text (p.answer, 'DNS answer', true, false, 1000);
      PERFORM ranah.check_serial (p.serial);
      UPDATE ranah.entry_records SET proof_server = p.server, proof_serial = p.serial,
             proof_answer = p.answer, proof_at = at_now
       WHERE id = x.id;
    END LOOP;
  END IF;
  RETURN ranah.record_check (p_entry_id, p_ok, p_summary, at_now);
END $$;
