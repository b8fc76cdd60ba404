/* ranah-postgres-store.c — the PostgreSQL store: connection, install, sign-in, live updates
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One PGconn per store, behind a mutex: calls come from GTask threads. Before sign-in the
 * connection (if any) is the one the conninfo names, e.g. the schema owner's during setup;
 * sign-in replaces it with a connection as the official's own login role, so that the
 * database checks every call against that role. A lost connection is reported as
 * UNAVAILABLE and the next call reconnects (PQreset). LISTEN ranah runs on the connection;
 * a GSource on PQsocket() turns other sessions' NOTIFYs into ::changed.
 */
#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <poll.h>
#include <string.h>

#include "ranah-postgres-private.h"

G_DEFINE_FINAL_TYPE (RanahPostgresStore, ranah_postgres_store, RANAH_TYPE_STORE)

#define SQL_RESOURCE "/id/go/tarakankota/Ranah/store/sql/"

GResource *ranah_pg_get_resource (void);

/* Migrations in order: the schema_version a database reaches after each. */
static const char *const migrations[] = { "001-schema.sql", "004-sessions.sql",
                                           "005-registry-fqdn.sql",
                                           "006-server-clock-defaults.sql",
                                           "007-audit-chains.sql",
                                           "009-letter-audit-head.sql",
                                           "008-record-proofs.sql",
                                           "010-received-at.sql" };

/* Re-applied on every install and upgrade (idempotent), in this order, each as @role:
 * NULL is the installing login itself (the database's owner, with CREATEROLE), which makes
 * the roles and keeps the functions that manage them; everything officials call belongs
 * to ranah_app (sql/README.md, "What the database enforces"). */
typedef struct {
  const char *name;
  const char *role;
} Script;

static const Script before_migrations[] = { { "roles.sql", NULL } };
static const Script after_migrations[] = {
  { "owners.sql", NULL },
  { "role-functions.sql", NULL },
  { "validate.sql", "ranah_app" },
  { "002-functions.sql", "ranah_app" },
  { "003-security.sql", "ranah_app" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == RANAH_POSTGRES_SCHEMA_VERSION);

/* ---- parameters and columns ------------------------------------------------------------- */

void
ranah_pg_params_init (RanahPgParams *p)
{
  memset (p, 0, sizeof *p);
  p->owned = g_ptr_array_new_with_free_func (g_free);
}

void
ranah_pg_params_clear (RanahPgParams *p)
{
  g_clear_pointer (&p->owned, g_ptr_array_unref);
  p->n = 0;
}

void
ranah_pg_param_text (RanahPgParams *p,
                     const char    *text)
{
  g_assert (p->n < PG_MAX_PARAMS);
  p->values[p->n] = text;
  p->lengths[p->n] = 0;
  p->formats[p->n] = 0;
  p->n++;
}

void
ranah_pg_param_take (RanahPgParams *p,
                     char          *text)
{
  if (p->owned == NULL)
    p->owned = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (p->owned, text);
  ranah_pg_param_text (p, text);
}

void
ranah_pg_param_int (RanahPgParams *p,
                    gint64         value)
{
  ranah_pg_param_take (p, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

void
ranah_pg_param_bool (RanahPgParams *p,
                     gboolean       value)
{
  ranah_pg_param_text (p, value ? "true" : "false");
}

void
ranah_pg_param_bytes (RanahPgParams *p,
                      GBytes        *bytes)
{
  gsize size = 0;

  g_assert (p->n < PG_MAX_PARAMS);
  p->values[p->n] = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;
  if (bytes != NULL && p->values[p->n] == NULL)
    p->values[p->n] = "";
  p->lengths[p->n] = (int) size;
  p->formats[p->n] = 1;
  p->n++;
}

char *
ranah_pg_col_str (PGresult *res,
                  int       row,
                  int       col)
{
  return g_strdup (PQgetisnull (res, row, col) ? "" : PQgetvalue (res, row, col));
}

char *
ranah_pg_col_str_or_null (PGresult *res,
                          int       row,
                          int       col)
{
  return PQgetisnull (res, row, col) ? NULL : g_strdup (PQgetvalue (res, row, col));
}

gint64
ranah_pg_col_int (PGresult *res,
                  int       row,
                  int       col)
{
  return PQgetisnull (res, row, col) ? 0 : g_ascii_strtoll (PQgetvalue (res, row, col), NULL, 10);
}

gboolean
ranah_pg_col_bool (PGresult *res,
                   int       row,
                   int       col)
{
  return !PQgetisnull (res, row, col) && PQgetvalue (res, row, col)[0] == 't';
}

GBytes *
ranah_pg_col_bytes (PGresult *res,
                    int       row,
                    int       col)
{
  unsigned char *data;
  size_t len = 0;
  GBytes *bytes;

  if (PQgetisnull (res, row, col))
    return NULL;
  data = PQunescapeBytea ((const unsigned char *) PQgetvalue (res, row, col), &len);
  if (data == NULL)
    return NULL;
  bytes = g_bytes_new (data, len);
  PQfreemem (data);
  return bytes;
}

GStrv
ranah_pg_col_strv (PGresult *res,
                   int       row,
                   int       col)
{
  const char *value = PQgetisnull (res, row, col) ? "" : PQgetvalue (res, row, col);

  if (*value == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (value, "\x1f", -1);
}

/* ---- JSON ------------------------------------------------------------------------------- */

static void
json_escape (GString    *out,
             const char *value)
{
  g_string_append_c (out, '"');
  for (const char *c = value; *c != '\0'; c++)
    {
      switch (*c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        default:
          if ((guchar) *c < 0x20)
            g_string_append_printf (out, "\\u%04x", (guchar) *c);
          else
            g_string_append_c (out, *c);
        }
    }
  g_string_append_c (out, '"');
}

static void
json_key (GString    *out,
          const char *key)
{
  if (out->len > 0 && out->str[out->len - 1] != '{')
    g_string_append_c (out, ',');
  json_escape (out, key);
  g_string_append_c (out, ':');
}

void
ranah_json_begin (GString *out)
{
  g_string_append_c (out, '{');
}

void
ranah_json_str (GString    *out,
                const char *key,
                const char *value)
{
  json_key (out, key);
  if (value == NULL)
    g_string_append (out, "null");
  else
    json_escape (out, value);
}

void
ranah_json_int (GString    *out,
                const char *key,
                gint64      value)
{
  json_key (out, key);
  g_string_append_printf (out, "%" G_GINT64_FORMAT, value);
}

void
ranah_json_bool (GString    *out,
                 const char *key,
                 gboolean    value)
{
  json_key (out, key);
  g_string_append (out, value ? "true" : "false");
}

void
ranah_json_raw (GString    *out,
                const char *key,
                const char *json)
{
  json_key (out, key);
  g_string_append (out, json != NULL ? json : "null");
}

void
ranah_json_end (GString *out)
{
  g_string_append_c (out, '}');
}

char *
ranah_json_objects (GPtrArray     *items,
                    RanahJsonWrite write)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      ranah_json_begin (out);
      write (out, g_ptr_array_index (items, i));
      ranah_json_end (out);
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

static void
write_record (GString       *out,
              gconstpointer  item)
{
  const RanahRecord *r = item;

  ranah_json_int (out, "id", r->id);
  ranah_json_str (out, "type", ranah_record_type_to_string (r->type));
  ranah_json_str (out, "host", r->host != NULL ? r->host : "");
  ranah_json_str (out, "target", r->target != NULL ? r->target : "");
  ranah_json_int (out, "ttl", r->ttl);
  ranah_json_int (out, "priority", r->priority);
  ranah_json_bool (out, "internal", r->internal);
  ranah_json_bool (out, "created", r->created);
  ranah_json_str (out, "verified", r->verified);
}

char *
ranah_json_records (GPtrArray *records)
{
  return ranah_json_objects (records, write_record);
}

char *
ranah_json_strv (const char * const *strv)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      json_escape (out, strv[i]);
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

/* ---- errors ----------------------------------------------------------------------------- */

static void
session_ended (GError **error)
{
  g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_AUTH,
               _("Your session has ended; sign in again with your password."));
}

/* On a connection resumed from a session, refused by the server: whether its login has lost
 * every role it held, as ending the session does (ranah.drop_ended_logins revokes them from
 * the login, or drops the login, whose name the server then cannot even tell). The server
 * refuses the schema itself, before any of Ranah's checks can say why. */
static gboolean
session_login_ended (RanahPostgresStore *self)
{
  g_autoptr(PGresult) res = NULL;

  if (!ranah_store_is_resumed (RANAH_STORE (self)) || self->conn == NULL
      || PQtransactionStatus (self->conn) != PQTRANS_IDLE)
    return FALSE;
  res = PQexec (self->conn, "SELECT NOT EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m "
                            "JOIN pg_catalog.pg_roles r ON r.oid = m.member "
                            "WHERE r.rolname = session_user)");
  return PQresultStatus (res) != PGRES_TUPLES_OK
         || (PQntuples (res) == 1 && g_str_equal (PQgetvalue (res, 0, 0), "t"));
}

static void
set_unavailable (GError **error)
{
  g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE,
               _("The store server cannot be reached; check the network and try again in a "
                 "moment."));
}

/* A failure that says nothing about the request, only that the server is busy or going
 * away: TRUE with RANAH_STORE_ERROR_UNAVAILABLE set (exit 7), so that nobody is told a move
 * is not allowed, or an account not a user, because the server was restarting.
 *   busy (retry now): 55P03 lock_not_available, 57014 query_canceled (statement or lock
 *     timeout), 25P03 idle_in_transaction_session_timeout, 40001 serialization_failure,
 *     40P01 deadlock_detected, and RN015, raised by the store's functions when they cannot
 *     get their locks in time;
 *   gone or not there yet: a lost connection, class 08 (connection exception), 57P01
 *     admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or
 *     shutting down) and the rest of 57P, 53300 too_many_connections. */
static gboolean
set_transient_error (PGconn      *conn,
                     const char  *state,
                     GError     **error)
{
  static const char *const busy[] = { "55P03", "57014", "25P03", "40001", "40P01", "RN015" };

  for (guint i = 0; state != NULL && i < G_N_ELEMENTS (busy); i++)
    if (g_str_equal (state, busy[i]))
      {
        g_set_error_literal (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE,
                             _("The store is busy; try again."));
        return TRUE;
      }
  if (conn == NULL || PQstatus (conn) != CONNECTION_OK
      || (state != NULL && (g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57P")
                            || g_str_equal (state, "53300"))))
    {
      set_unavailable (error);
      return TRUE;
    }
  return FALSE;
}

void
ranah_pg_set_error (RanahPostgresStore  *self,
                    PGresult            *res,
                    GError             **error)
{
  const char *state = res != NULL ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;
  const char *message = res != NULL ? PQresultErrorField (res, PG_DIAG_MESSAGE_PRIMARY) : NULL;

  if (set_transient_error (self->conn, state, error))
    return;
  if (state == NULL)
    {
      g_autofree char *text = g_strstrip (g_strdup (PQerrorMessage (self->conn)));

      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_FAILED,
                   _("The store server reported an error: %s"), text);
      return;
    }
  if (message == NULL)
    message = PQerrorMessage (self->conn);

  if (g_str_equal (state, "RN001"))
    g_set_error_literal (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION, message);
  else if (g_str_equal (state, "RN002"))
    g_set_error_literal (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_STATE, message);
  else if (g_str_equal (state, "RN003"))
    g_set_error_literal (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_INCOMPLETE, message);
  else if (g_str_equal (state, "RN004"))
    g_set_error_literal (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION, message);
  else if (g_str_equal (state, "RN010"))
    g_set_error_literal (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_CONFLICT,
                         _("This request was changed by someone else; reload it and try again."));
  else if (g_str_equal (state, "RN011"))
    g_set_error_literal (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND, message);
  else if (g_str_equal (state, "RN012") || g_str_equal (state, "23505")
           || g_str_has_prefix (state, "22"))
    g_set_error_literal (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION, message);
  else if (g_str_equal (state, "RN014")
           || ((g_str_equal (state, "42501") || g_str_equal (state, "42704"))
               && session_login_ended (self)))
    session_ended (error);
  else if (g_str_equal (state, "RN013") || g_str_equal (state, "42501"))
    g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION,
                 _("The database refused this: %s"), message);
  else
    g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_FAILED,
                 _("The store server reported an error: %s"), message);
}

/* ---- live updates ----------------------------------------------------------------------- */

static gboolean
emit_changed_idle (gpointer user_data)
{
  RanahPostgresStore *self = user_data;

  g_rec_mutex_lock (&self->lock);
  self->pending_changed = FALSE;
  g_rec_mutex_unlock (&self->lock);
  ranah_store_emit_changed (RANAH_STORE (self));
  return G_SOURCE_REMOVE;
}

/* With the lock held: collects the notifications libpq has read; another session's move
 * schedules one ::changed in the watching context. */
static void
drain_notifies (RanahPostgresStore *self)
{
  PGnotify *notify;
  gboolean foreign = FALSE;
  int me;

  if (self->conn == NULL)
    return;
  me = PQbackendPID (self->conn);
  while ((notify = PQnotifies (self->conn)) != NULL)
    {
      if (notify->be_pid != me)
        foreign = TRUE;
      PQfreemem (notify);
    }
  if (foreign && self->watch_context != NULL && !self->pending_changed)
    {
      g_autoptr(GSource) idle = g_idle_source_new ();

      self->pending_changed = TRUE;
      g_source_set_callback (idle, emit_changed_idle, g_object_ref (self), g_object_unref);
      g_source_set_name (idle, "[ranah] postgres changed");
      g_source_attach (idle, self->watch_context);
    }
}

static void detach_socket_source (RanahPostgresStore *self);

static gboolean
socket_ready_cb (int          fd,
                 GIOCondition condition,
                 gpointer     user_data)
{
  RanahPostgresStore *self = user_data;
  gboolean lost = FALSE;

  g_rec_mutex_lock (&self->lock);
  if (self->conn != NULL && PQsocket (self->conn) == fd)
    {
      if (!PQconsumeInput (self->conn) || PQstatus (self->conn) != CONNECTION_OK)
        lost = TRUE;
      else
        drain_notifies (self);
    }
  if (lost)
    {
      /* The next call reconnects; until then, let the UI reload and show the banner. */
      g_clear_pointer (&self->socket_source, g_source_unref);
      if (self->watch_context != NULL && !self->pending_changed)
        {
          g_autoptr(GSource) idle = g_idle_source_new ();

          self->pending_changed = TRUE;
          g_source_set_callback (idle, emit_changed_idle, g_object_ref (self), g_object_unref);
          g_source_attach (idle, self->watch_context);
        }
    }
  g_rec_mutex_unlock (&self->lock);
  return lost ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static void
detach_socket_source (RanahPostgresStore *self)
{
  if (self->socket_source != NULL)
    {
      g_source_destroy (self->socket_source);
      g_clear_pointer (&self->socket_source, g_source_unref);
    }
}

/* With the lock held, after every (re)connection: LISTEN, and watch the new socket. */
static gboolean
after_connect (RanahPostgresStore  *self,
               GError             **error)
{
  if (!ranah_pg_exec (self, "LISTEN ranah", error))
    return FALSE;
  detach_socket_source (self);
  if (self->watch_context != NULL && PQsocket (self->conn) >= 0)
    {
      self->socket_source = g_unix_fd_source_new (PQsocket (self->conn),
                                                  G_IO_IN | G_IO_HUP | G_IO_ERR);
      g_source_set_callback (self->socket_source, (GSourceFunc) (void (*) (void)) socket_ready_cb,
                             self, NULL);
      g_source_set_name (self->socket_source, "[ranah] postgres notifications");
      g_source_attach (self->socket_source, self->watch_context);
    }
  return TRUE;
}

/* ranah_store_watch() calls change_stamp first in the watching thread: that is where the
 * socket source goes. Notifications make polling unnecessary, so the stamp is constant. */
static gint64
ranah_postgres_store_change_stamp (RanahStore *store)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);

  /* Later calls come every half second from the watching (UI) thread: never wait there
   * for another thread's query; the next tick will do. */
  if (self->watch_context != NULL)
    {
      if (!g_rec_mutex_trylock (&self->lock))
        return 0;
    }
  else
    g_rec_mutex_lock (&self->lock);

  if (self->watch_context == NULL)
    {
      self->watch_context = g_main_context_ref_thread_default ();
      if (self->conn != NULL && PQstatus (self->conn) == CONNECTION_OK)
        after_connect (self, NULL);
    }
  else if (self->socket_source == NULL && self->conn != NULL
           && PQstatus (self->conn) == CONNECTION_OK)
    after_connect (self, NULL);
  g_rec_mutex_unlock (&self->lock);
  return 0;
}

/* ---- connection ------------------------------------------------------------------------- */

/* NOTICEs (a GRANT that was already there…) are for people at psql, not for stderr. */
static void
ignore_notice (void       *arg,
               const char *message)
{
}

static PGconn *
connect_as (const char  *conninfo,
            const char  *user,
            const char  *password,
            GError     **error)
{
  const char *keywords[] = { "connect_timeout", "application_name", "dbname", "user",
                             "password", NULL };
  const char *values[] = { "10", "ranah", conninfo, user, password, NULL };
  PGconn *conn;

  if (!ranah_libpq_load (error))
    return NULL;
  if (user == NULL)
    keywords[3] = NULL;
  conn = PQconnectdbParams (keywords, values, 1);
  if (conn == NULL)
    {
      set_unavailable (error);
      return NULL;
    }
  if (PQstatus (conn) != CONNECTION_OK)
    {
      const char *message = PQerrorMessage (conn);

      /* A server shutting down, starting up or full (57P01, 57P03, 53300: libpq gives only
       * the message of a refused connection) is out of reach, whatever else it says. */
      if (strstr (message, "the database system is") != NULL
          || strstr (message, "terminating connection") != NULL
          || strstr (message, "too many clients") != NULL
          || strstr (message, "too many connections") != NULL
          || strstr (message, "server closed the connection") != NULL
          || strstr (message, "Connection refused") != NULL
          || strstr (message, "could not connect") != NULL
          || strstr (message, "timeout expired") != NULL)
        set_unavailable (error);
      else if (strstr (message, "password") != NULL || strstr (message, "authentication") != NULL
          || strstr (message, "pg_hba.conf") != NULL || strstr (message, "does not exist") != NULL
          || strstr (message, "not permitted to log in") != NULL)
        g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_AUTH,
                     _("The user name or the password is wrong."));
      else if (strstr (message, "certificate") != NULL || strstr (message, "SSL") != NULL)
        {
          g_autofree char *text = g_strstrip (g_strdup (message));

          g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE,
                       _("The store server's certificate could not be verified: %s"), text);
        }
      else
        set_unavailable (error);
      PQfinish (conn);
      return NULL;
    }
  PQsetClientEncoding (conn, "UTF8");
  PQsetNoticeProcessor (conn, ignore_notice, NULL);
  return conn;
}

gboolean
ranah_pg_ensure (RanahPostgresStore  *self,
                 GError             **error)
{
  if (self->conn == NULL)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION, _("Sign in first."));
      return FALSE;
    }
  /* An idle connection whose server went away has the goodbye (or EOF) waiting on its
   * socket: read it now, so that a restart between two calls costs no error at all. */
  if (PQstatus (self->conn) == CONNECTION_OK && PQsocket (self->conn) >= 0)
    {
      struct pollfd pfd = { PQsocket (self->conn), POLLIN, 0 };

      for (guint i = 0; i < 4 && poll (&pfd, 1, 0) > 0; i++)
        {
          if (!PQconsumeInput (self->conn) || PQstatus (self->conn) != CONNECTION_OK)
            break;
          drain_notifies (self);
        }
    }
  if (PQstatus (self->conn) != CONNECTION_OK
      || PQtransactionStatus (self->conn) == PQTRANS_UNKNOWN)
    {
      detach_socket_source (self);
      PQreset (self->conn);
      if (PQstatus (self->conn) != CONNECTION_OK)
        {
          set_unavailable (error);
          return FALSE;
        }
      PQsetClientEncoding (self->conn, "UTF8");
      if (!after_connect (self, error))
        return FALSE;
    }
  return TRUE;
}

PGresult *
ranah_pg_query (RanahPostgresStore  *self,
                const char          *sql,
                RanahPgParams       *params,
                GError             **error)
{
  PGresult *res;
  ExecStatusType status;

  res = PQexecParams (self->conn, sql, params != NULL ? params->n : 0, NULL,
                      params != NULL ? params->values : NULL,
                      params != NULL ? params->lengths : NULL,
                      params != NULL ? params->formats : NULL, 0);
  drain_notifies (self);
  status = res != NULL ? PQresultStatus (res) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
    {
      ranah_pg_set_error (self, res, error);
      PQclear (res);
      return NULL;
    }
  return res;
}

gboolean
ranah_pg_exec (RanahPostgresStore  *self,
               const char          *sql,
               GError             **error)
{
  g_autoptr(PGresult) res = ranah_pg_query (self, sql, NULL, error);

  return res != NULL;
}

void
ranah_pg_rollback (RanahPostgresStore *self)
{
  if (self->conn != NULL && PQstatus (self->conn) == CONNECTION_OK
      && PQtransactionStatus (self->conn) != PQTRANS_IDLE)
    PQclear (PQexec (self->conn, "ROLLBACK"));
}

char *
ranah_pg_scram_verifier (RanahPostgresStore  *self,
                         const char          *role_name,
                         const char          *password,
                         GError             **error)
{
  char *verifier = PQencryptPasswordConn (self->conn, password, role_name, "scram-sha-256");
  char *copy;

  if (verifier == NULL)
    {
      set_unavailable (error);
      return NULL;
    }
  copy = g_strdup (verifier);
  PQfreemem (verifier);
  return copy;
}

/* ---- install ---------------------------------------------------------------------------- */

static char *
load_sql (const char  *name,
          GError     **error)
{
  g_autofree char *path = g_strconcat (SQL_RESOURCE, name, NULL);
  g_autoptr(GBytes) bytes = g_resource_lookup_data (ranah_pg_get_resource (), path,
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, error);

  if (bytes == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static guint
read_schema_version (PGconn *conn)
{
  g_autoptr(PGresult) exists = PQexec (conn, "SELECT to_regclass ('ranah.schema_version') IS NOT NULL");
  g_autoptr(PGresult) res = NULL;

  /* Two statements: naming a missing table would abort the caller's transaction. */
  if (PQresultStatus (exists) != PGRES_TUPLES_OK || PQgetvalue (exists, 0, 0)[0] != 't')
    return 0;
  res = PQexec (conn, "SELECT coalesce (max (version), 0) FROM ranah.schema_version");
  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    return 0;
  return (guint) g_ascii_strtoull (PQgetvalue (res, 0, 0), NULL, 10);
}

static gboolean
run_script (RanahPostgresStore  *self,
            const char          *name,
            GError             **error)
{
  g_autofree char *sql = load_sql (name, error);
  g_autoptr(PGresult) res = NULL;

  if (sql == NULL)
    return FALSE;
  res = PQexec (self->conn, sql);
  if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
    {
      const char *message = PQresultErrorField (res, PG_DIAG_MESSAGE_PRIMARY);

      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_FAILED,
                   _("Installing the schema failed in %s: %s"), name,
                   message != NULL ? message : PQerrorMessage (self->conn));
      return FALSE;
    }
  return TRUE;
}

/* Runs @script as its role: what it creates belongs to that role. */
static gboolean
run_script_as (RanahPostgresStore  *self,
               const Script        *script,
               GError             **error)
{
  g_autofree char *set_role = NULL;

  if (script->role != NULL)
    {
      set_role = g_strdup_printf ("SET LOCAL ROLE %s", script->role);
      if (!ranah_pg_exec (self, set_role, error))
        return FALSE;
    }
  if (!run_script (self, script->name, error))
    return FALSE;
  return script->role == NULL || ranah_pg_exec (self, "SET LOCAL ROLE NONE", error);
}

/* Writes the workflow table, the Kelengkapan bits, the profile's defaults and the nicks the
 * server checks from the C definitions. */
static gboolean
load_workflow (RanahPostgresStore  *self,
               GError             **error)
{
  static const struct { const char *name; RanahNeeds value; } needs[] = {
    { "request_letter", RANAH_NEEDS_REQUEST_LETTER },
    { "disposition", RANAH_NEEDS_DISPOSITION },
    { "records", RANAH_NEEDS_RECORDS },
    { "created_records", RANAH_NEEDS_CREATED_RECORDS },
    { "registry_entry", RANAH_NEEDS_REGISTRY_ENTRY },
    { "draft_letter", RANAH_NEEDS_DRAFT_LETTER },
    { "signed_letter", RANAH_NEEDS_SIGNED_LETTER },
    { "note", RANAH_NEEDS_NOTE },
    { "unread_disposition", RANAH_NEEDS_UNREAD_DISPOSITION },
    { "approval_only", RANAH_NEEDS_APPROVAL_ONLY },
  };
  static const char *actors[] = { "any", "assignee", "sender" };
  const struct { const char *kind; const char *nick; } nicks[] = {
    { "urgency", ranah_urgency_to_string (RANAH_URGENCY_BIASA) },
    { "urgency", ranah_urgency_to_string (RANAH_URGENCY_SEGERA) },
    { "urgency", ranah_urgency_to_string (RANAH_URGENCY_SANGAT_SEGERA) },
    { "entry_status", ranah_entry_status_to_string (RANAH_ENTRY_ACTIVE) },
    { "entry_status", ranah_entry_status_to_string (RANAH_ENTRY_SUSPENDED) },
    { "entry_status", ranah_entry_status_to_string (RANAH_ENTRY_REVOKED) },
    { "record_type", ranah_record_type_to_string (RANAH_RECORD_A) },
    { "record_type", ranah_record_type_to_string (RANAH_RECORD_AAAA) },
    { "record_type", ranah_record_type_to_string (RANAH_RECORD_CNAME) },
    { "record_type", ranah_record_type_to_string (RANAH_RECORD_TXT) },
    { "record_type", ranah_record_type_to_string (RANAH_RECORD_MX) },
  };
  G_STATIC_ASSERT (RANAH_N_RECORD_TYPES == 5);
  const RanahTransition *table;
  guint n;

  g_autoptr(GHashTable) defaults = ranah_profile_default ();
  GHashTableIter iter;
  gpointer key, value;

  if (!ranah_pg_exec (self, "DELETE FROM ranah.workflow", error)
      || !ranah_pg_exec (self, "DELETE FROM ranah.constants", error)
      || !ranah_pg_exec (self, "DELETE FROM ranah.profile_defaults", error)
      || !ranah_pg_exec (self, "DELETE FROM ranah.nicks", error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (nicks); i++)
    {
      g_auto(RanahPgParams) p = { 0 };
      g_autoptr(PGresult) res = NULL;

      ranah_pg_params_init (&p);
      ranah_pg_param_text (&p, nicks[i].kind);
      ranah_pg_param_text (&p, nicks[i].nick);
      res = ranah_pg_query (self, "INSERT INTO ranah.nicks VALUES ($1, $2)", &p, error);
      if (res == NULL)
        return FALSE;
    }

  g_hash_table_iter_init (&iter, defaults);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto(RanahPgParams) p = { 0 };
      g_autoptr(PGresult) res = NULL;

      ranah_pg_params_init (&p);
      ranah_pg_param_text (&p, key);
      ranah_pg_param_text (&p, value);
      res = ranah_pg_query (self, "INSERT INTO ranah.profile_defaults VALUES ($1, $2)", &p, error);
      if (res == NULL)
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (needs); i++)
    {
      g_auto(RanahPgParams) p = { 0 };
      g_autoptr(PGresult) res = NULL;

      ranah_pg_params_init (&p);
      ranah_pg_param_text (&p, needs[i].name);
      ranah_pg_param_int (&p, needs[i].value);
      res = ranah_pg_query (self, "INSERT INTO ranah.constants VALUES ($1, $2)", &p, error);
      if (res == NULL)
        return FALSE;
    }

  table = ranah_workflow_table (&n);
  for (guint i = 0; i < n; i++)
    {
      const RanahTransition *t = &table[i];
      g_auto(RanahPgParams) p = { 0 };
      g_autoptr(GString) roles = g_string_new ("{");
      g_autoptr(PGresult) res = NULL;

      for (RanahRole r = RANAH_ROLE_OPD; r < RANAH_N_ROLES; r++)
        if (t->roles & RANAH_ROLE_BIT (r))
          g_string_append_printf (roles, "%s%s", roles->len > 1 ? "," : "",
                                  ranah_role_to_string (r));
      g_string_append_c (roles, '}');

      ranah_pg_params_init (&p);
      ranah_pg_param_int (&p, i);
      ranah_pg_param_int (&p, t->step);
      ranah_pg_param_text (&p, ranah_state_to_string (t->from));
      ranah_pg_param_text (&p, ranah_action_to_string (t->action));
      ranah_pg_param_text (&p, ranah_state_to_string (t->to));
      ranah_pg_param_text (&p, roles->str);
      ranah_pg_param_text (&p, actors[t->actor]);
      ranah_pg_param_int (&p, t->needs);
      ranah_pg_param_text (&p, ranah_output_to_string (t->output));
      ranah_pg_param_int (&p, t->standard_days);
      res = ranah_pg_query (self, "INSERT INTO ranah.workflow (ord, step, from_state, action, "
                                  "to_state, roles, actor, needs, output, standard_days) "
                                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)", &p, error);
      if (res == NULL)
        return FALSE;
    }
  return TRUE;
}

/* With the lock held, on an owner's connection. */
static gboolean
install_locked (RanahPostgresStore  *self,
                GError             **error)
{
  guint version;

  if (!ranah_pg_exec (self, "BEGIN", error))
    return FALSE;
  /* One installer at a time: a second one waits and then finds the work done. */
  if (!ranah_pg_exec (self, "SET LOCAL lock_timeout = 0", error)
      || !ranah_pg_exec (self, "SET LOCAL statement_timeout = 0", error)
      || !ranah_pg_exec (self, "SELECT pg_advisory_xact_lock (7235127)", error)
      || !ranah_pg_exec (self, "SET LOCAL client_min_messages = warning", error))
    goto fail;

  version = read_schema_version (self->conn);
  if (version > RANAH_POSTGRES_SCHEMA_VERSION)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VERSION,
                   _("This store was set up by a newer version of Ranah (schema %u); update "
                     "Ranah to use it."), version);
      goto fail;
    }
  for (guint i = 0; i < G_N_ELEMENTS (before_migrations); i++)
    if (!run_script_as (self, &before_migrations[i], error))
      goto fail;
  for (guint v = version; v < RANAH_POSTGRES_SCHEMA_VERSION; v++)
    {
      g_autofree char *record = NULL;

      if (!run_script (self, migrations[v], error))
        goto fail;
      record = g_strdup_printf ("INSERT INTO ranah.schema_version (version) VALUES (%u)", v + 1);
      if (!ranah_pg_exec (self, record, error))
        goto fail;
    }
  for (guint i = 0; i < G_N_ELEMENTS (after_migrations); i++)
    if (!run_script_as (self, &after_migrations[i], error))
      goto fail;
  /* A store from before migration 5: its rows enter the audit trail's state once. */
  if (!load_workflow (self, error)
      || !ranah_pg_exec (self, "SET LOCAL ROLE ranah_app", error)
      || !ranah_pg_exec (self, "SELECT ranah.audit_baseline ()", error)
      || !ranah_pg_exec (self, "SET LOCAL ROLE NONE", error)
      || !ranah_pg_exec (self, "COMMIT", error))
    goto fail;
  self->schema_version = RANAH_POSTGRES_SCHEMA_VERSION;
  return TRUE;

fail:
  ranah_pg_rollback (self);
  return FALSE;
}

RanahPostgresStore *
ranah_pg_connect_owner (const char  *conninfo,
                        GError     **error)
{
  g_autoptr(RanahPostgresStore) self = g_object_new (RANAH_TYPE_POSTGRES_STORE, NULL);

  /* The password may be in the address or in $PGPASSWORD / ~/.pgpass (libpq's own). */
  self->conninfo = g_strdup (conninfo);
  self->conn = connect_as (conninfo, NULL, NULL, error);
  if (self->conn == NULL)
    return NULL;
  self->schema_version = read_schema_version (self->conn);
  return g_steal_pointer (&self);
}

gboolean
ranah_postgres_store_install (const char  *conninfo_as_owner,
                              GError     **error)
{
  g_autoptr(RanahPostgresStore) self = NULL;

  g_return_val_if_fail (conninfo_as_owner != NULL, FALSE);

  self = ranah_pg_connect_owner (conninfo_as_owner, error);
  if (self == NULL)
    return FALSE;
  return install_locked (self, error);
}

gboolean
ranah_postgres_store_pin_clock (const char  *conninfo_as_owner,
                                gint64       unix_time,
                                GError     **error)
{
  g_autoptr(RanahPostgresStore) self = NULL;
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;

  g_return_val_if_fail (conninfo_as_owner != NULL, FALSE);

  self = ranah_pg_connect_owner (conninfo_as_owner, error);
  if (self == NULL)
    return FALSE;
  ranah_pg_params_init (&p);
  ranah_pg_param_int (&p, unix_time);
  res = ranah_pg_query (self, unix_time != 0
                                ? "INSERT INTO ranah.clock VALUES (1, $1) "
                                  "ON CONFLICT (id) DO UPDATE SET pinned_at = excluded.pinned_at"
                                : "DELETE FROM ranah.clock WHERE $1 = 0", &p, error);
  return res != NULL;
}

/* ---- session ---------------------------------------------------------------------------- */

static gboolean
ranah_postgres_store_is_initialized (RanahStore  *store,
                                     GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  G_GNUC_UNUSED g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(PGresult) res = NULL;

  /* A desktop holds no credentials before sign-in: a server that asks for them is an
   * office store, and sign-in will say whether the account exists. */
  if (self->conn == NULL)
    return TRUE;
  if (!ranah_pg_ensure (self, error))
    return FALSE;
  if (read_schema_version (self->conn) == 0)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND,
                   _("This store has no administrator yet; create one first."));
      return FALSE;
    }
  res = ranah_pg_query (self, "SELECT count (*) FROM ranah.users", NULL, error);
  if (res == NULL)
    {
      /* An official's login cannot count users of a schema it may not read: installed. */
      g_clear_error (error);
      return TRUE;
    }
  if (ranah_pg_col_int (res, 0, 0) == 0)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND,
                   _("This store has no administrator yet; create one first."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
ranah_postgres_store_initialize (RanahStore       *store,
                                 const RanahUser  *admin,
                                 const char       *password,
                                 GError          **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  G_GNUC_UNUSED g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autofree char *username = NULL;
  g_autofree char *verifier = NULL;
  g_autofree char *reserved = NULL;
  g_autoptr(GString) json = g_string_new (NULL);
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;

  if (self->conn == NULL)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION,
                   _("Set up a PostgreSQL store with “ranah-cli pg install” as the database "
                     "owner."));
      return FALSE;
    }
  if (!ranah_pg_ensure (self, error))
    return FALSE;
  if (!ranah_validate_text (admin->username, _("User name"), TRUE, FALSE, 63, error))
    return FALSE;
  username = g_utf8_strdown (admin->username, -1);
  if (read_schema_version (self->conn) < RANAH_POSTGRES_SCHEMA_VERSION
      && !install_locked (self, error))
    return FALSE;
  if ((verifier = ranah_pg_scram_verifier (self, username, password, error)) == NULL)
    return FALSE;

  ranah_json_begin (json);
  ranah_json_str (json, "username", username);
  ranah_json_str (json, "full_name", admin->full_name);
  ranah_json_str (json, "nip", admin->nip);
  ranah_json_str (json, "position", admin->position);
  ranah_json_str (json, "rank", admin->rank);
  ranah_json_str (json, "email", admin->email);
  ranah_json_end (json);
  reserved = ranah_json_strv (ranah_default_reserved_names ());

  if (!ranah_pg_exec (self, "BEGIN", error))
    return FALSE;
  ranah_pg_params_init (&p);
  ranah_pg_param_text (&p, json->str);
  ranah_pg_param_text (&p, verifier);
  ranah_pg_param_int (&p, ranah_store_now (store));
  res = ranah_pg_query (self, "SELECT ranah.install_admin ($1::jsonb, $2, $3)", &p, error);
  if (res == NULL)
    {
      ranah_pg_rollback (self);
      if (error != NULL && *error != NULL
          && g_error_matches (*error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION))
        (*error)->code = RANAH_STORE_ERROR_CONFLICT;
      return FALSE;
    }
  g_clear_pointer (&res, PQclear);
  ranah_pg_params_clear (&p);
  ranah_pg_params_init (&p);
  ranah_pg_param_text (&p, reserved);
  res = ranah_pg_query (self, "INSERT INTO ranah.reserved_names "
                              "SELECT lower (x) FROM jsonb_array_elements_text ($1::jsonb) x "
                              "ON CONFLICT DO NOTHING", &p, error);
  if (res == NULL)
    {
      ranah_pg_rollback (self);
      return FALSE;
    }
  return ranah_pg_exec (self, "COMMIT", error);
}

static RanahUser *
user_from_row (PGresult *res,
               int       row)
{
  RanahUser *user = ranah_user_new ();

  user->id = ranah_pg_col_int (res, row, 0);
  g_free (user->username);
  user->username = ranah_pg_col_str (res, row, 1);
  g_free (user->full_name);
  user->full_name = ranah_pg_col_str (res, row, 2);
  user->role = ranah_role_from_string (PQgetvalue (res, row, 3));
  user->opd_id = ranah_pg_col_int (res, row, 4);
  g_free (user->nip);
  user->nip = ranah_pg_col_str (res, row, 5);
  g_free (user->position);
  user->position = ranah_pg_col_str (res, row, 6);
  g_free (user->rank);
  user->rank = ranah_pg_col_str (res, row, 7);
  g_free (user->email);
  user->email = ranah_pg_col_str (res, row, 8);
  user->active = ranah_pg_col_bool (res, row, 9);
  return user;
}

RanahUser *
ranah_pg_user_from_row (PGresult *res,
                        int       row)
{
  return user_from_row (res, row);
}

static void
pooled_free (gpointer data)
{
  RanahPgPooled *pooled = data;

  g_clear_pointer (&pooled->conn, PQfinish);
  g_free (pooled->secret);
  g_free (pooled);
}

/* With the lock held: parks the current connection for a later sign-in of the same user. */
static void
park_connection (RanahPostgresStore *self)
{
  RanahPgPooled *pooled;

  detach_socket_source (self);
  if (self->conn == NULL)
    return;
  if (self->username == NULL || PQstatus (self->conn) != CONNECTION_OK
      || PQtransactionStatus (self->conn) != PQTRANS_IDLE)
    {
      g_clear_pointer (&self->conn, PQfinish);
      return;
    }
  /* A parked connection must not hold notifications nobody reads (they would back up
   * the server's queue); sign-in LISTENs again when it takes the connection back. */
  PQclear (PQexec (self->conn, "UNLISTEN *"));
  if (g_hash_table_size (self->pool) >= 8)
    g_hash_table_remove_all (self->pool);
  pooled = g_new0 (RanahPgPooled, 1);
  pooled->conn = g_steal_pointer (&self->conn);
  pooled->secret = g_steal_pointer (&self->secret);
  g_hash_table_replace (self->pool, g_steal_pointer (&self->username), pooled);
}

static RanahUser *
read_session_user (PGconn  *conn,
                   GError **error)
{
  g_autoptr(PGresult) res = PQexec (conn, "SELECT " RANAH_PG_USER_COLUMNS " FROM ranah.users "
                                          "WHERE role_name = session_user");
  RanahUser *user;

  /* The server restarting under the query (or too busy for it) says nothing about who
   * this login is. */
  if (PQresultStatus (res) != PGRES_TUPLES_OK
      && set_transient_error (conn, res != NULL ? PQresultErrorField (res, PG_DIAG_SQLSTATE)
                                                : NULL, error))
    return NULL;
  if (PQresultStatus (res) != PGRES_TUPLES_OK || PQntuples (res) != 1)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_AUTH,
                   _("This database login is not a Ranah user."));
      return NULL;
    }
  user = user_from_row (res, 0);
  if (!user->active)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_AUTH,
                   _("This account has been disabled; ask the administrator."));
      ranah_user_free (user);
      return NULL;
    }
  return user;
}

static gboolean
ranah_postgres_store_sign_in (RanahStore  *store,
                              const char  *username,
                              const char  *password,
                              GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_autofree char *lower = g_utf8_strdown (username, -1);
  g_autofree char *secret = g_compute_hmac_for_string (G_CHECKSUM_SHA256, self->pool_key,
                                                       sizeof self->pool_key, password, -1);
  g_autoptr(RanahUser) user = NULL;
  RanahPgPooled *pooled;
  PGconn *conn = NULL;

  g_rec_mutex_lock (&self->lock);
  if (self->conn != NULL && g_strcmp0 (self->username, lower) == 0
      && g_strcmp0 (self->secret, secret) == 0 && PQstatus (self->conn) == CONNECTION_OK
      && (user = read_session_user (self->conn, NULL)) != NULL)
    {
      g_rec_mutex_unlock (&self->lock);
      ranah_store_set_user (store, user);
      return TRUE;
    }
  pooled = g_hash_table_lookup (self->pool, lower);
  if (pooled != NULL && g_strcmp0 (pooled->secret, secret) == 0
      && PQstatus (pooled->conn) == CONNECTION_OK)
    conn = g_steal_pointer (&pooled->conn);
  g_hash_table_remove (self->pool, lower);
  g_rec_mutex_unlock (&self->lock);

  /* A parked connection the server dropped meanwhile is replaced, not reported. */
  if (conn != NULL && (user = read_session_user (conn, NULL)) == NULL)
    g_clear_pointer (&conn, PQfinish);
  /* Connect outside the lock: a slow server must not block readers of the old session. */
  if (conn == NULL)
    {
      if ((conn = connect_as (self->conninfo, lower, password, error)) == NULL)
        return FALSE;
      if ((user = read_session_user (conn, error)) == NULL)
        {
          PQfinish (conn);
          return FALSE;
        }
    }

  g_rec_mutex_lock (&self->lock);
  park_connection (self);
  self->conn = conn;
  self->username = g_steal_pointer (&lower);
  self->secret = g_steal_pointer (&secret);
  self->schema_version = read_schema_version (conn);
  if (!after_connect (self, error))
    {
      g_rec_mutex_unlock (&self->lock);
      return FALSE;
    }
  g_rec_mutex_unlock (&self->lock);
  ranah_store_set_user (store, user);
  return TRUE;
}

/* ---- sessions --------------------------------------------------------------------------- */

/* The login role of a session, derived from its token so that resuming needs nothing else:
 * "ranah_s_" and 32 hex digits of a hash apart from the one the store keeps. */
static char *
session_login (const char *token)
{
  g_autofree char *salted = g_strconcat ("ranah-session-login:", token, NULL);
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, salted, -1);

  return g_strdup_printf ("ranah_s_%.32s", digest);
}

static gboolean
ranah_postgres_store_start_session (RanahStore  *store,
                                    const char  *token,
                                    const char  *label,
                                    gint64      *expires_at,
                                    GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  G_GNUC_UNUSED g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autofree char *login = session_login (token);
  g_autofree char *hash = ranah_store_session_token_hash (token);
  g_autofree char *verifier = NULL;
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;

  if (!ranah_pg_ensure (self, error))
    return FALSE;
  /* The server gets a SCRAM verifier of the token, never the token. */
  if ((verifier = ranah_pg_scram_verifier (self, login, token, error)) == NULL)
    return FALSE;
  ranah_pg_params_init (&p);
  ranah_pg_param_text (&p, login);
  ranah_pg_param_text (&p, hash);
  ranah_pg_param_text (&p, verifier);
  ranah_pg_param_text (&p, label);
  ranah_pg_param_int (&p, ranah_store_now (store));
  res = ranah_pg_query (self, "SELECT ranah.start_session ($1, $2, $3, $4, $5)", &p, error);
  if (res == NULL)
    return FALSE;
  *expires_at = ranah_pg_col_int (res, 0, 0);
  return TRUE;
}

/* Connects as the session's own login role, with the token as its password (SCRAM: no
 * password hash of ours, and the token is not sent), then asks the store whom it stands for. */
static gboolean
ranah_postgres_store_resume_session (RanahStore  *store,
                                     const char  *username,
                                     const char  *token,
                                     GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_autofree char *lower = g_utf8_strdown (username, -1);
  g_autofree char *login = session_login (token);
  g_autofree char *hash = ranah_store_session_token_hash (token);
  g_autofree char *secret = g_compute_hmac_for_string (G_CHECKSUM_SHA256, self->pool_key,
                                                       sizeof self->pool_key, token, -1);
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, ranah_store_now (store));
  const char *values[] = { hash, now };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(RanahUser) user = NULL;
  g_autoptr(PGresult) res = NULL;
  PGconn *conn;

  conn = connect_as (self->conninfo, login, token, &local_error);
  if (conn == NULL)
    {
      /* A server out of reach is not an ended session: the caller must not forget it. */
      if (g_error_matches (local_error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_AUTH))
        session_ended (error);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  res = PQexecParams (conn, "SELECT " RANAH_PG_USER_COLUMNS " FROM ranah.users "
                            "WHERE id = ranah.resume_session ($1, $2::bigint)",
                      2, NULL, values, NULL, NULL, 0);
  if (PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) == 1)
    user = user_from_row (res, 0);
  else if (PQresultStatus (res) != PGRES_TUPLES_OK
           && set_transient_error (conn, res != NULL ? PQresultErrorField (res, PG_DIAG_SQLSTATE)
                                                     : NULL, error))
    {
      /* The caller keeps the session: it has not ended, the server is away. */
      PQfinish (conn);
      return FALSE;
    }
  if (user == NULL || !user->active || g_strcmp0 (user->username, lower) != 0)
    {
      PQfinish (conn);
      session_ended (error);
      return FALSE;
    }

  g_rec_mutex_lock (&self->lock);
  park_connection (self);
  self->conn = conn;
  self->username = g_strdup (user->username);
  self->secret = g_steal_pointer (&secret);
  self->schema_version = read_schema_version (conn);
  if (!after_connect (self, error))
    {
      g_rec_mutex_unlock (&self->lock);
      return FALSE;
    }
  g_rec_mutex_unlock (&self->lock);
  ranah_store_set_user (store, user);
  return TRUE;
}

static gboolean
ranah_postgres_store_end_session (RanahStore  *store,
                                  const char  *token,
                                  GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  G_GNUC_UNUSED g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autofree char *hash = ranah_store_session_token_hash (token);
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;

  if (!ranah_pg_ensure (self, error))
    return FALSE;
  ranah_pg_params_init (&p);
  ranah_pg_param_text (&p, hash);
  ranah_pg_param_int (&p, ranah_store_now (store));
  res = ranah_pg_query (self, "SELECT ranah.end_session ($1, $2)", &p, error);
  return res != NULL;
}

static guint
ranah_postgres_store_schema_version (RanahStore *store)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);

  return self->schema_version;
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
ranah_postgres_store_finalize (GObject *object)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (object);

  detach_socket_source (self);
  g_clear_pointer (&self->watch_context, g_main_context_unref);
  g_clear_pointer (&self->conn, PQfinish);
  g_clear_pointer (&self->pool, g_hash_table_unref);
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->secret, g_free);
  g_clear_pointer (&self->conninfo, g_free);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (ranah_postgres_store_parent_class)->finalize (object);
}

static void
ranah_postgres_store_class_init (RanahPostgresStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RanahStoreClass *store_class = RANAH_STORE_CLASS (klass);

  object_class->finalize = ranah_postgres_store_finalize;

  store_class->is_initialized = ranah_postgres_store_is_initialized;
  store_class->initialize = ranah_postgres_store_initialize;
  store_class->sign_in = ranah_postgres_store_sign_in;
  store_class->schema_version = ranah_postgres_store_schema_version;
  store_class->change_stamp = ranah_postgres_store_change_stamp;
  store_class->start_session = ranah_postgres_store_start_session;
  store_class->resume_session = ranah_postgres_store_resume_session;
  store_class->end_session = ranah_postgres_store_end_session;
  ranah_postgres_ops_class_init (store_class);
}

static void
ranah_postgres_store_init (RanahPostgresStore *self)
{
  g_rec_mutex_init (&self->lock);
  self->pool = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, pooled_free);
  for (guint i = 0; i < sizeof self->pool_key; i += 4)
    {
      guint32 r = g_random_int ();
      memcpy (self->pool_key + i, &r, 4);
    }
}

/* TRUE when @conninfo names a password (URI user:password@ or password=): the store can
 * connect before sign-in. */
static gboolean
has_credentials (const char *conninfo)
{
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);
  gboolean found = FALSE;

  if (options == NULL)
    return FALSE;
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "password") && o->val != NULL && *o->val != '\0')
      found = TRUE;
  PQconninfoFree (options);
  return found;
}

RanahStore *
ranah_postgres_store_new (const char  *conninfo,
                          GError     **error)
{
  g_autoptr(RanahPostgresStore) self = NULL;
  char *parse_error = NULL;
  PQconninfoOption *options;

  g_return_val_if_fail (conninfo != NULL, NULL);

  if (!ranah_libpq_load (error))
    return NULL;
  options = PQconninfoParse (conninfo, &parse_error);
  if (options == NULL)
    {
      /* libpq's reason quotes the part it stumbled on, which may be the password: say it
       * only for an address that holds none. */
      if (parse_error != NULL && strstr (conninfo, "password") == NULL
          && strchr (conninfo, '@') == NULL)
        g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE,
                     _("The store address is not understood: %s"), g_strstrip (parse_error));
      else
        g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE,
                     _("The store address is not understood; check how it is written."));
      PQfreemem (parse_error);
      return NULL;
    }
  PQconninfoFree (options);

  self = g_object_new (RANAH_TYPE_POSTGRES_STORE, NULL);
  self->conninfo = g_strdup (conninfo);
  if (has_credentials (conninfo))
    {
      guint version;

      self->conn = connect_as (conninfo, NULL, NULL, error);
      if (self->conn == NULL)
        return NULL;
      version = read_schema_version (self->conn);
      if (version > RANAH_POSTGRES_SCHEMA_VERSION)
        {
          g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VERSION,
                       _("This store was set up by a newer version of Ranah (schema %u); "
                         "update Ranah to use it."), version);
          return NULL;
        }
      self->schema_version = version;
    }
  return RANAH_STORE (g_steal_pointer (&self));
}
