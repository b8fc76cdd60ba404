/* ranah-postgres-store.h — the networked store: one PostgreSQL server for an office
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each official signs in with their own PostgreSQL login role (SCRAM); the database
 * itself enforces who may do what (SECURITY DEFINER functions that read the workflow
 * table, row-level security). Only this backend includes libpq-fe.h.
 */
#pragma once

#include "ranah-store.h"

G_BEGIN_DECLS

#define RANAH_TYPE_POSTGRES_STORE (ranah_postgres_store_get_type ())
G_DECLARE_FINAL_TYPE (RanahPostgresStore, ranah_postgres_store, RANAH, POSTGRES_STORE, RanahStore)

/* The schema version this build installs. */
#define RANAH_POSTGRES_SCHEMA_VERSION 8

/* @conninfo: a "postgresql://…" URI or a libpq "key=value" string. When it carries a
 * user and password the store connects at once (the schema owner, for setup); otherwise
 * it connects at sign-in, as the official. A schema from a newer Ranah is refused with
 * RANAH_STORE_ERROR_VERSION. */
RanahStore *ranah_postgres_store_new     (const char *conninfo, GError **error);

/* Installs or upgrades the Ranah schema on the database @conninfo_as_owner names,
 * connected as the role that will own it (it needs CREATEROLE): versioned migrations,
 * the group roles ranah_opd, ranah_kadis, ranah_kabid, ranah_subkoor, ranah_staf and
 * ranah_admin, the workflow table as data (from ranah_workflow_table()), the functions,
 * grants and row-level security. Idempotent. */
gboolean    ranah_postgres_store_install (const char *conninfo_as_owner, GError **error);

/* Copies everything from @source (any signed-in admin store, usually SQLite) into @self,
 * a freshly installed and initialised PostgreSQL store signed in as the schema owner's
 * first admin: OPDs, users (each gets a login role with @initial_password, to be changed
 * at first sign-in), holidays, reserved names, profile, requests with their records,
 * attachments, dispositions and letters (signed PDFs byte for byte), registry entries,
 * and the audit events verbatim, so that the chain still verifies. All or nothing.
 * @owner_conninfo connects as the schema owner, who alone may write rows verbatim. */
gboolean    ranah_postgres_store_import_from (const char  *owner_conninfo,
                                              RanahStore  *source,
                                              const char  *initial_password,
                                              GError     **error);

/* Pins the server's clock of the database @conninfo_as_owner names at @unix_time (0
 * unpins it): every time the store records then reads that clock (ranah.server_now ()).
 * For drills and tests; it needs the schema owner's login, as no official may set it. */
gboolean    ranah_postgres_store_pin_clock (const char *conninfo_as_owner, gint64 unix_time,
                                            GError **error);

/* Dumps the database @conninfo names with pg_dump (custom format) to @dest_path. */
gboolean    ranah_postgres_store_backup  (const char *conninfo, const char *dest_path,
                                          GError **error);

G_END_DECLS
