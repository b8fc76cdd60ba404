-- 010-received-at.sql — migration 8 of the PostgreSQL store: when a paper letter arrived
--
-- Copyright 2026 The Ranah authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Step 2's clock starts when the request letter arrived (ranah_escalation_received_at ()),
-- not when a clerk typed it in: the moment, on the received date, in Unix seconds; 0 when
-- none was given (the office's opening on that date counts then). The same as the SQLite
-- store's migration 6. IF NOT EXISTS: the upgrade test replays migrations.

ALTER TABLE ranah.requests ADD COLUMN IF NOT EXISTS received_at bigint NOT NULL DEFAULT 0;
