/* ranah-sqlite-store.h — the embedded store: one SQLite file for a single desk
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ranah-store.h"

G_BEGIN_DECLS

#define RANAH_TYPE_SQLITE_STORE (ranah_sqlite_store_get_type ())
G_DECLARE_FINAL_TYPE (RanahSqliteStore, ranah_sqlite_store, RANAH, SQLITE_STORE, RanahStore)

/* Opens (creating when missing) the store file at @path and brings its schema up to date.
 * A file from a newer Ranah is refused with RANAH_STORE_ERROR_VERSION. */
RanahStore *ranah_sqlite_store_new (const char *path, GError **error);

/* Reads every page of the store: RANAH_STORE_ERROR_CORRUPT when any is damaged. */
gboolean    ranah_sqlite_store_check  (RanahSqliteStore *self, GError **error);

/* Backs the open store up to @dest_path with SQLite's online backup API. */
gboolean    ranah_sqlite_store_backup (RanahSqliteStore *self, const char *dest_path,
                                       GError **error);

G_END_DECLS
