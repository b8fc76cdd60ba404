/* ranah-sqlite-private.h — what the files of the SQLite backend share
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The backend is split by job: ranah-sqlite-store.c (open, migrating, session, the
 * GObject), ranah-sqlite-schema.c (the numbered migrations), ranah-sqlite-db.c (statements, errors, transactions, the audit append),
 * ranah-sqlite-admin.c (users, OPDs, holidays, reserved names, profile),
 * ranah-sqlite-requests.c (submit, read, inbox, dispositions), ranah-sqlite-move.c (the
 * workflow move) and ranah-sqlite-registry.c (registry, letters, events).
 *
 * Semantics the PostgreSQL backend mirrors are written beside each query.
 */
#pragma once

#include <sqlite3.h>

#include "ranah-sqlite-store.h"

G_BEGIN_DECLS

/* PRAGMA application_id of a Ranah store: "RANH". */
#define RANAH_SQLITE_APPLICATION_ID 0x52414E48
/* The schema this build writes. */
#define RANAH_SQLITE_SCHEMA_VERSION 8

struct _RanahSqliteStore
{
  RanahStore  parent_instance;

  GRecMutex   lock;         /* one connection, many GTask threads */
  sqlite3    *db;
  char       *path;
  GHashTable *statements;   /* SQL text → sqlite3_stmt*, prepared once */
  gint64      local_commits;
  gboolean    network_fs;
};

#define SQLITE_LOCK(self) g_rec_mutex_lock (&(self)->lock)
#define SQLITE_UNLOCK(self) g_rec_mutex_unlock (&(self)->lock)

/* A cached, reset statement with no bindings; never NULL unless @error is set. The same
 * SQL text must not be in use twice at once (nested loops use different texts). */
sqlite3_stmt *ranah_sqlite_stmt      (RanahSqliteStore *self, const char *sql, GError **error);
/* Turns the connection's last error into a GError that a person can read. */
void          ranah_sqlite_set_error (RanahSqliteStore *self, int rc, GError **error);
gboolean      ranah_sqlite_exec      (RanahSqliteStore *self, const char *sql, GError **error);
/* BEGIN IMMEDIATE: the write lock is taken up front, so two moves never interleave. */
gboolean      ranah_sqlite_begin     (RanahSqliteStore *self, GError **error);
gboolean      ranah_sqlite_commit    (RanahSqliteStore *self, GError **error);
void          ranah_sqlite_rollback  (RanahSqliteStore *self);
/* Steps a statement expected to finish (INSERT/UPDATE/DELETE). */
gboolean      ranah_sqlite_step_done (RanahSqliteStore *self, sqlite3_stmt *stmt, GError **error);
/* Steps once: TRUE with *@has_row set, or FALSE with @error set. */
gboolean      ranah_sqlite_step_row  (RanahSqliteStore *self, sqlite3_stmt *stmt,
                                      gboolean *has_row, GError **error);

void          ranah_sqlite_bind_text (sqlite3_stmt *stmt, int idx, const char *text);
char         *ranah_sqlite_col_text  (sqlite3_stmt *stmt, int col);  /* never NULL: "" */
char         *ranah_sqlite_col_text_or_null (sqlite3_stmt *stmt, int col);

/* Appends one audit event (inside the caller's transaction): fills seq, prev_hash and hash.
 * The actor is the signed-in user unless @user_id / @username say otherwise. */
gboolean      ranah_sqlite_append_event (RanahSqliteStore *self,
                                         gint64            request_id,
                                         guint             step,
                                         const char       *action,
                                         const char       *from_state,
                                         const char       *to_state,
                                         const char       *note,
                                         GError          **error);
gboolean      ranah_sqlite_append_event_as (RanahSqliteStore *self,
                                            gint64            user_id,
                                            const char       *username,
                                            gint64            request_id,
                                            guint             step,
                                            const char       *action,
                                            const char       *from_state,
                                            const char       *to_state,
                                            const char       *note,
                                            GError          **error);

/* The same, about @subjects too ("entry:ID", "user:ID"; NULL-terminated, or NULL): their
 * rows enter the event's state (ranah-audit-state.h) beside the request's. */
gboolean      ranah_sqlite_append_event_full (RanahSqliteStore   *self,
                                              gint64              user_id,
                                              const char         *username,
                                              gint64              request_id,
                                              guint               step,
                                              const char         *action,
                                              const char         *from_state,
                                              const char         *to_state,
                                              const char         *note,
                                              const char * const *subjects,
                                              GError            **error);
/* As the signed-in user, about @subject (one "entry:ID" or "user:ID"). */
gboolean      ranah_sqlite_append_event_about (RanahSqliteStore *self,
                                               gint64            request_id,
                                               const char       *action,
                                               const char       *note,
                                               const char       *subject,
                                               GError          **error);

/* The audit trail's state of @request_id (0: none) and @subjects, as the tables hold it
 * now (ranah-sqlite-audit.c). */
char         *ranah_sqlite_subjects_state (RanahSqliteStore   *self,
                                           gint64              request_id,
                                           const char * const *subjects,
                                           GError            **error);
/* Inside the caller's transaction, after an upgrade to migration 5: one "audit:baseline"
 * event for each request and one for the rest, so every row has its state in the trail. */
gboolean      ranah_sqlite_audit_baseline (RanahSqliteStore *self, GError **error);
void          ranah_sqlite_audit_class_init (RanahStoreClass *klass);

/* The signed-in user as the store has them now (role and active re-read), or NULL with
 * an AUTH / PERMISSION error. */
RanahUser    *ranah_sqlite_current_user (RanahSqliteStore *self, GError **error);
RanahUser    *ranah_sqlite_load_user    (RanahSqliteStore *self, gint64 id, GError **error);
/* The profile merged over its defaults, secrets included (internal use only). */
GHashTable   *ranah_sqlite_profile_raw  (RanahSqliteStore *self, GError **error);
RanahCalendar *ranah_sqlite_calendar    (RanahSqliteStore *self, GError **error);
GStrv         ranah_sqlite_reserved_raw (RanahSqliteStore *self, GError **error);
gboolean      ranah_sqlite_check_name_free_locked (RanahSqliteStore *self, const char *name,
                                                   gint64 except_request_id, GError **error);
RanahRequest *ranah_sqlite_load_request (RanahSqliteStore *self, gint64 id, GError **error);
/* The proof columns of records and entry_records (migration 7), in RanahRecord's order. */
#define RECORD_PROOF_COLUMNS "proof_server, proof_serial, proof_answer, proof_at"
GPtrArray    *ranah_sqlite_load_records (RanahSqliteStore *self, const char *table,
                                         gint64 owner_id, GError **error);
gboolean      ranah_sqlite_insert_records (RanahSqliteStore *self, const char *table,
                                           gint64 owner_id, GPtrArray *records,
                                           GError **error);
/* A PDF by content: "%PDF-" first, "%%EOF" in the last kilobyte, at most the limit. */
gboolean      ranah_sqlite_check_pdf    (GBytes *pdf, GError **error);
/* Stores @pdf in attachments and returns its row id. */
gint64        ranah_sqlite_store_attachment (RanahSqliteStore *self, GBytes *pdf,
                                             GError **error);
RanahEntry   *ranah_sqlite_load_entry   (RanahSqliteStore *self, gint64 id, GError **error);

/* Inside the caller's transaction: deletes every session of @user_id (a password set, an
 * account disabled), with one "auth:sessions-revoked" event when there were any. */
gboolean      ranah_sqlite_end_sessions_of (RanahSqliteStore *self, gint64 user_id,
                                            const char *reason, GError **error);

/* Argon2id (libsodium). */
char         *ranah_sqlite_hash_password (const char *password, GError **error);

/* vfuncs, by file */
void          ranah_sqlite_admin_class_init    (RanahStoreClass *klass);
void          ranah_sqlite_requests_class_init (RanahStoreClass *klass);
void          ranah_sqlite_move_class_init     (RanahStoreClass *klass);
void          ranah_sqlite_registry_class_init (RanahStoreClass *klass);

/* For tests: the SQL of migration @version (1-based), NULL past the last. A test builds a
 * first-version file from migration 1 alone to check the upgrade path. */
const char   *ranah_sqlite_migration_sql (guint version);

/* For tests: treat every folder as a network file system (no test can mount NFS). */
extern gboolean ranah_sqlite_pretend_network_fs;

/* For benchmarks: inserts @n requests straight into the tables (no validation, no audit)
 * 97 in 100 done or withdrawn, the rest spread over the open states with due times around
 * @now, for OPD @opd_id; in one transaction. */
gboolean      ranah_sqlite_seed_requests (RanahSqliteStore *self, guint n, gint64 opd_id,
                                          gint64 now, GError **error);

G_END_DECLS
