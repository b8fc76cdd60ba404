/* ranah-desktop-session.h — the desktop's store session: kept after a sign-in with the
 * password, resumed when Ranah starts, ended at sign-out
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The token lives in the session file that `ranah-cli login` uses too
 * (ranah-session-file.h): one sign-in per desktop session serves both.
 */
#pragma once

#include "ranah-session-file.h"
#include "ranah-store.h"

G_BEGIN_DECLS

/* After a sign-in with the password, in the thread that did it: starts a session and
 * keeps its token for @uri. A failure only means the next start asks for the password;
 * it is logged, not shown. */
void              ranah_desktop_session_keep   (RanahStore  *store,
                                                const char  *uri);
/* The session kept for @uri, usable now and, when @username is not NULL, of that user
 * (compared case-insensitively, as sign-in does); NULL otherwise. */
RanahSessionFile *ranah_desktop_session_find   (const char  *uri,
                                                const char  *username);
/* Signs @store in with @session. When the store refuses it (over, ended elsewhere, the
 * password changed) the file goes too, and @error says why in one sentence. Blocking. */
gboolean          ranah_desktop_session_resume (RanahStore             *store,
                                                const RanahSessionFile *session,
                                                GError                **error);
/* At sign-out: ends the session kept for @uri if it is the signed-in user's, in the store
 * (in a worker thread) and on disk (now). */
void              ranah_desktop_session_end    (RanahStore  *store,
                                                const char  *uri);

G_END_DECLS
