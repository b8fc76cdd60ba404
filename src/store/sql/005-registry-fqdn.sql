-- 005-registry-fqdn.sql — migration 3 of the PostgreSQL store: the registry by FQDN
--
-- Copyright 2026 The Ranah authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A letter finds its registry entry by its request (entries_request) or else by its FQDN
-- (ranah_store_find_entry_for_request) through an index instead of listing the registry.
-- The index is on fqdn itself, not lower (fqdn): lower () is not leakproof, so under the
-- officials' row-level security the planner would not use an expression index on it.
-- DNS names are case-insensitive and every path that writes an entry folds its FQDN to
-- lowercase; one written otherwise by hand is folded here, so the exact comparison finds
-- it. IF NOT EXISTS: the upgrade test replays migrations on a database that has them.

UPDATE ranah.entries SET fqdn = lower (fqdn) WHERE fqdn <> lower (fqdn);
CREATE INDEX IF NOT EXISTS entries_fqdn ON ranah.entries (fqdn);
