/* ranah-postgres-private.h — what the files of the PostgreSQL backend share
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ranah-postgres-store.c holds the connection (one PGconn behind a mutex), errors,
 * install and migrations, sign-in and live updates; ranah-postgres-ops.c the vfuncs;
 * ranah-postgres-import.c moving up from SQLite and backups.
 */
#pragma once

#include <libpq-fe.h>
#include "ranah-postgres-libpq.h"  /* libpq is opened at run time: why there */

#include "ranah-postgres-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

struct _RanahPostgresStore
{
  RanahStore    parent_instance;

  GRecMutex     lock;          /* one connection, many GTask threads; recursive because the
                                * signing renderer reads the store inside the signing
                                * transaction */
  PGconn       *conn;
  char         *conninfo;      /* as given to ranah_postgres_store_new() */
  guint         schema_version;
  GMainContext *watch_context; /* where ::changed is emitted, once watched */
  GSource      *socket_source; /* readable PQsocket(): notifications arrived */
  gboolean      pending_changed;
  /* Sign-in switches between officials often (one desktop, several people; the tests):
   * the connections of earlier sign-ins stay open, keyed by user name, and are reused
   * only for the same password (compared as an HMAC under a per-store random key). */
  GHashTable   *pool;          /* username → RanahPgPooled* */
  char         *username;      /* of self->conn, NULL before sign-in */
  char         *secret;
  guint8        pool_key[32];
};

typedef struct {
  PGconn *conn;
  char   *secret;
} RanahPgPooled;

#define PG_MAX_PARAMS 24

/* Parameters of one PQexecParams call; text unless set as bytes. */
typedef struct {
  int         n;
  const char *values[PG_MAX_PARAMS];
  int         lengths[PG_MAX_PARAMS];
  int         formats[PG_MAX_PARAMS];
  GPtrArray  *owned;
} RanahPgParams;

void        ranah_pg_params_init   (RanahPgParams *p);
void        ranah_pg_params_clear  (RanahPgParams *p);
void        ranah_pg_param_text    (RanahPgParams *p, const char *text);  /* NULL = SQL NULL */
void        ranah_pg_param_take    (RanahPgParams *p, char *text);
void        ranah_pg_param_int     (RanahPgParams *p, gint64 value);
void        ranah_pg_param_bool    (RanahPgParams *p, gboolean value);
void        ranah_pg_param_bytes   (RanahPgParams *p, GBytes *bytes);     /* NULL = SQL NULL */

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RanahPgParams, ranah_pg_params_clear)

/* A store connected as the schema owner (setup, moving up); not signed in. */
RanahPostgresStore *ranah_pg_connect_owner (const char *conninfo, GError **error);

/* With the lock held: a live connection (reconnecting when it was lost), or FALSE with
 * PERMISSION (not signed in) or UNAVAILABLE. */
gboolean    ranah_pg_ensure        (RanahPostgresStore *self, GError **error);
/* With the lock held: runs @sql; NULL with @error set unless the result is OK. */
PGresult   *ranah_pg_query         (RanahPostgresStore *self, const char *sql,
                                    RanahPgParams *params, GError **error);
gboolean    ranah_pg_exec          (RanahPostgresStore *self, const char *sql, GError **error);
void        ranah_pg_rollback      (RanahPostgresStore *self);
/* Maps a failed result (or the connection's state) to a GError a person can read. */
void        ranah_pg_set_error     (RanahPostgresStore *self, PGresult *res, GError **error);
/* A SCRAM-SHA-256 verifier of @password for login @role_name, computed here so that the
 * server never sees the password. */
char       *ranah_pg_scram_verifier (RanahPostgresStore *self, const char *role_name,
                                     const char *password, GError **error);

char       *ranah_pg_col_str       (PGresult *res, int row, int col);  /* never NULL: "" */
char       *ranah_pg_col_str_or_null (PGresult *res, int row, int col);
gint64      ranah_pg_col_int       (PGresult *res, int row, int col);
gboolean    ranah_pg_col_bool      (PGresult *res, int row, int col);
GBytes     *ranah_pg_col_bytes     (PGresult *res, int row, int col);  /* bytea, text form */
GStrv       ranah_pg_col_strv      (PGresult *res, int row, int col);  /* joined by chr(31) */

/* A tiny JSON writer for the jsonb arguments of the store's functions. */
void        ranah_json_begin       (GString *out);
void        ranah_json_str         (GString *out, const char *key, const char *value);
void        ranah_json_int         (GString *out, const char *key, gint64 value);
void        ranah_json_bool        (GString *out, const char *key, gboolean value);
void        ranah_json_raw         (GString *out, const char *key, const char *json);
void        ranah_json_end         (GString *out);
/* Writes one item's members into the open object @out. */
typedef void (*RanahJsonWrite) (GString *out, gconstpointer item);
/* A JSON array of one object per item of @items (NULL: empty). */
char       *ranah_json_objects     (GPtrArray *items, RanahJsonWrite write);
char       *ranah_json_records     (GPtrArray *records);
char       *ranah_json_strv        (const char * const *strv);

#define RANAH_PG_USER_COLUMNS \
  "id, username, full_name, role, coalesce (opd_id, 0), nip, position, rank, email, active"
/* A RanahUser from RANAH_PG_USER_COLUMNS at column 0 of @row. */
RanahUser  *ranah_pg_user_from_row (PGresult *res, int row);

void        ranah_postgres_ops_class_init (RanahStoreClass *klass);

G_END_DECLS
