/* ranah-session-file.h — where a desktop session keeps its store session token
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A session token (ranah_store_start_session()) is a password for as long as the session
 * lasts, so it is kept where only this person can read it and where it goes away with the
 * desktop session: $XDG_RUNTIME_DIR/ranah/ (g_get_user_runtime_dir(), a tmpfs that
 * systemd-logind empties at logout), folder 0700, one file per store, mode 0600, named
 * "session-" and 32 hex digits of the SHA-256 of the store's URI, written atomically:
 *
 *   [session]
 *   store=sqlite:/home/ana/.local/share/ranah/ranah.db
 *   user=ana
 *   token=rnh1.…
 *   expires-at=1795852800
 *
 * A file that is not a regular file owned by this user with no rights for group or others,
 * whose folder is not the same, that names another store, or whose session is over, is
 * ignored as if it were not there.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char   *store_uri;
  char   *username;
  char   *token;
  gint64  expires_at;   /* Unix seconds */
} RanahSessionFile;

void              ranah_session_file_free   (RanahSessionFile *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RanahSessionFile, ranah_session_file_free)

/* The file of @store_uri's session (whether it exists or not). */
char             *ranah_session_file_path   (const char  *store_uri);
gboolean          ranah_session_file_save   (const char  *store_uri,
                                             const char  *username,
                                             const char  *token,
                                             gint64       expires_at,
                                             GError     **error);
/* The session kept for @store_uri, or NULL when there is none that may be used at @now
 * (Unix seconds). */
RanahSessionFile *ranah_session_file_load   (const char  *store_uri,
                                             gint64       now);
/* Removes the file; TRUE when it is gone (or never was). */
gboolean          ranah_session_file_remove (const char  *store_uri,
                                             GError     **error);

G_END_DECLS
