-- 009-letter-audit-head.sql — migration 6: a signed letter carries its request's audit chain head
--
-- Copyright 2026 The Ranah authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- At signing, the 'sign' branch of ranah.move records the head of the request's audit
-- chain (ranah.chain_heads) just before the signing event, which ranah.finish_sign appends
-- once the letter holds its PDF: its chain_seq and hash. The letter prints them in its
-- verification block (the signing event itself records the PDF's SHA-256, so the PDF
-- cannot print that event's hash), and `ranah-cli letter verify` checks that the store
-- still holds that event. 0 and NULL for the letters signed before. The same as the
-- SQLite store's migration 8.
-- IF NOT EXISTS: the upgrade test replays migrations on a database that has them.

ALTER TABLE ranah.letters ADD COLUMN IF NOT EXISTS audit_seq bigint NOT NULL DEFAULT 0;
ALTER TABLE ranah.letters ADD COLUMN IF NOT EXISTS audit_hash text;
