/* ranah-postgres-owner.h — the schema owner's connection, its password kept off command lines
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Setup, upgrades and backups connect as the database's owner. Its password belongs in
 * $PGPASSWORD or ~/.pgpass (libpq's own), or is asked for: never in an address on a command
 * line, where `ps` shows it to every user of the machine. These helpers take a password
 * apart from an address and put one back into an address that lives only in memory, ask the
 * server whether it wants one, tell an empty database from a set-up store, and back up with
 * pg_dump without handing it the password in its arguments or the RANAH_* secrets in its
 * environment.
 */
#pragma once

#include "ranah-store.h"

G_BEGIN_DECLS

/* What a PostgreSQL database holds, as far as a connection with the address alone (and
 * libpq's $PGUSER, $PGPASSWORD, ~/.pgpass) can tell. */
typedef enum {
  RANAH_PG_STATUS_SET_UP,     /* the Ranah schema and at least one user */
  RANAH_PG_STATUS_NO_SCHEMA,  /* reachable, but no Ranah schema yet */
  RANAH_PG_STATUS_NO_USERS,   /* the schema, but no administrator yet */
  RANAH_PG_STATUS_UNKNOWN,    /* reachable, but it wants a login the address does not give */
} RanahPgStatus;

/* TRUE when @conninfo (a URI or key=value string) carries a password. */
gboolean    ranah_postgres_conninfo_has_password     (const char *conninfo);
/* @conninfo as key='value' pairs without its password (NULL when it cannot be parsed); the
 * password, if any, in *@password (may be NULL). */
char       *ranah_postgres_conninfo_without_password (const char  *conninfo,
                                                      char       **password);
/* The login @conninfo names (its user), or NULL. */
char       *ranah_postgres_conninfo_user             (const char *conninfo);
/* @conninfo with @password (replacing any it had): for a connection, never for display. */
char       *ranah_postgres_conninfo_with_password    (const char *conninfo,
                                                      const char *password);

/* Asks the server whether @conninfo, as libpq completes it ($PGPASSWORD, ~/.pgpass), lacks
 * a password it wants: *@needs. Other failures (unreachable, refused) are left for the real
 * connection to report: FALSE only when libpq cannot be loaded or the address parsed. */
gboolean    ranah_postgres_needs_password            (const char  *conninfo,
                                                      gboolean    *needs,
                                                      GError     **error);

/* A store connected at once as @conninfo's login (the owner), whether its password is in
 * the address or comes from $PGPASSWORD or ~/.pgpass; a newer schema is refused. For
 * "ranah-cli store init". */
RanahStore *ranah_postgres_store_open_owner          (const char  *conninfo,
                                                      GError     **error);

/* What the database @conninfo names holds (see RanahPgStatus), and its schema version (0
 * when unknown). FALSE with RANAH_STORE_ERROR_UNAVAILABLE when the server cannot be
 * reached, or with the error of a newer schema. */
gboolean    ranah_postgres_probe                     (const char     *conninfo,
                                                      RanahPgStatus  *status,
                                                      guint          *schema_version,
                                                      GError        **error);

G_END_DECLS
