/* test-pg-attack.c — the server trusts no client (issue 16): officials attack the
 * PostgreSQL store with libpq, past the app
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under pg-harness.sh (RANAH_TEST_PG_* name the throwaway server). Each case builds
 * its world with the store fixture, as the app would, and then connects with libpq straight
 * to the world's database as the fixture's officials (their own login roles,
 * STORE_FIXTURE_PASSWORD, sslmode=require) — never through RanahStore, whose checks an
 * official with psql simply skips. The superuser only prepares and inspects.
 *
 * A case makes all of its checks and then fails once, after printing every check that
 * failed as a "FAIL [case] …" line naming the function and the role, so that one run shows
 * every hole at once.
 *
 * A refusal is an error whose SQLSTATE is of Ranah's class RN, of class 22 (data exception)
 * or 23 (integrity constraint violation), 42501 (insufficient privilege) or P0001. Anything
 * else — an undefined function, a syntax error, a timeout, a lost connection — is not
 * counted as the server refusing.
 */
#include <locale.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>

#include <cairo.h>
#include <libpq-fe.h>

#include "store-fixture.h"

#define BYTEA_OID 17

/* Every connection but the stall cases' victims: no statement may hang the suite. */
#define BOUNDED "-c statement_timeout=60000"

/* 2099-01-01 and 2100-01-01, 00:00 UTC: a desktop clock far ahead. */
#define FAR_FUTURE_2099 G_GINT64_CONSTANT (4070908800)
#define FAR_FUTURE_2100 G_GINT64_CONSTANT (4102444800)

/* How far a time the server records may lie from the server's own clock. */
#define CLOCK_SLACK 60

static const char *const usernames[RANAH_N_ROLES] = {
  NULL, "opd1", "kadis", "kabid", "subkoor", "staf", "admin",
};

/* ---- environment ------------------------------------------------------------------------ */

static const char *
env (const char *name)
{
  const char *value = g_getenv (name);

  g_assert_nonnull (value);
  return value;
}

/* The database name of a fixture URI: the path after the last '/'. */
static const char *
db_of (const char *uri)
{
  const char *slash = strrchr (uri, '/');

  g_assert_nonnull (slash);
  return slash + 1;
}

static char *
quote_ident (const char *name)
{
  GString *s = g_string_new ("\"");

  for (const char *c = name; *c; c++)
    {
      if (*c == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *c);
    }
  g_string_append_c (s, '"');
  return g_string_free (s, FALSE);
}

static gboolean
is_digits (const char *s)
{
  if (s == NULL || *s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

/* ---- results ---------------------------------------------------------------------------- */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

static gboolean
res_ok (const PGresult *res)
{
  ExecStatusType status = res != NULL ? PQresultStatus (res) : PGRES_FATAL_ERROR;

  return status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK;
}

static const char *
res_state (const PGresult *res)
{
  const char *state = res != NULL ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;

  return state != NULL ? state : "";
}

/* "accepted", or "refused with SQLSTATE …: message". */
static char *
describe (const PGresult *res)
{
  const char *message;

  if (res == NULL)
    return g_strdup ("no answer");
  if (res_ok (res))
    return g_strdup ("accepted");
  message = PQresultErrorField (res, PG_DIAG_MESSAGE_PRIMARY);
  if (message == NULL)
    message = PQresultErrorMessage (res);
  return g_strdup_printf ("refused with SQLSTATE %s: %s", res_state (res),
                          message != NULL ? message : "");
}

static gboolean
is_refusal (const char *state)
{
  return g_str_has_prefix (state, "RN") || g_str_has_prefix (state, "22")
         || g_str_has_prefix (state, "23") || g_str_equal (state, "42501")
         || g_str_equal (state, "P0001");
}

static gboolean
refused (const PGresult *res)
{
  return res != NULL && !res_ok (res) && is_refusal (res_state (res));
}

static const char *
cell (const PGresult *res,
      int             row,
      int             column)
{
  if (res == NULL || row >= PQntuples (res) || column >= PQnfields (res)
      || PQgetisnull (res, row, column))
    return NULL;
  return PQgetvalue (res, row, column);
}

/* ---- parameters ------------------------------------------------------------------------- */

#define MAX_PARAMS 24

typedef struct {
  int         n;
  const char *values[MAX_PARAMS];
  int         lengths[MAX_PARAMS];
  int         formats[MAX_PARAMS];
  Oid         types[MAX_PARAMS];
  gpointer    owned[MAX_PARAMS];
} Params;

static void
params_clear (Params *p)
{
  for (int i = 0; i < p->n; i++)
    g_free (p->owned[i]);
  p->n = 0;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Params, params_clear)

static void
params_add (Params   *p,
            Oid       type,
            gpointer  owned,
            int       length,
            int       format)
{
  g_assert_cmpint (p->n, <, MAX_PARAMS);
  p->values[p->n] = owned;
  p->owned[p->n] = owned;
  p->lengths[p->n] = length;
  p->formats[p->n] = format;
  p->types[p->n] = type;
  p->n++;
}

/* Text (NULL: SQL NULL), its type left to the server. */
static void
p_text (Params     *p,
        const char *value)
{
  params_add (p, 0, g_strdup (value), 0, 0);
}

static void
p_typed (Params     *p,
         Oid         type,
         const char *value)
{
  params_add (p, type, g_strdup (value), 0, 0);
}

static void
p_int (Params *p,
       gint64  value)
{
  params_add (p, 0, g_strdup_printf ("%" G_GINT64_FORMAT, value), 0, 0);
}

/* Binary bytea (NULL: SQL NULL). */
static void
p_bytes (Params       *p,
         const guint8 *data,
         gsize         size)
{
  if (data == NULL)
    params_add (p, BYTEA_OID, NULL, 0, 1);
  else
    params_add (p, BYTEA_OID, g_memdup2 (data, MAX (size, 1)), (int) size, 1);
}

static void
p_gbytes (Params *p,
          GBytes *bytes)
{
  if (bytes == NULL)
    p_bytes (p, NULL, 0);
  else
    {
      gsize size;
      const guint8 *data = g_bytes_get_data (bytes, &size);
      p_bytes (p, data, size);
    }
}

/* ---- connections ------------------------------------------------------------------------ */

typedef struct {
  PGconn    *pg;
  char      *who;
  GPtrArray *notices;  /* primary messages of the NOTICEs and WARNINGs it received */
} Conn;

static void
on_notice (void           *arg,
           const PGresult *res)
{
  Conn *c = arg;
  const char *primary = PQresultErrorField (res, PG_DIAG_MESSAGE_PRIMARY);

  g_ptr_array_add (c->notices, g_strdup (primary != NULL ? primary : ""));
}

static void
conn_close (Conn *c)
{
  if (c->pg != NULL)
    PQfinish (c->pg);
  g_ptr_array_unref (c->notices);
  g_free (c->who);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Conn, conn_close)

static Conn *
conn_open (const char *dbname,
           const char *user,
           const char *password,
           const char *options)
{
  const char *keywords[] = { "host", "port", "dbname", "user", "password", "sslmode",
                             "connect_timeout", "application_name", "options", NULL };
  const char *values[] = { env ("RANAH_TEST_PG_HOST"), env ("RANAH_TEST_PG_PORT"), dbname, user,
                           password, "require", "10", "ranah-attack",
                           options != NULL ? options : "", NULL };
  Conn *c = g_new0 (Conn, 1);

  c->who = g_strdup (user);
  c->notices = g_ptr_array_new_with_free_func (g_free);
  c->pg = PQconnectdbParams (keywords, values, 0);
  if (c->pg == NULL || PQstatus (c->pg) != CONNECTION_OK)
    g_error ("cannot connect to %s as %s: %s", dbname, user,
             c->pg != NULL ? PQerrorMessage (c->pg) : "out of memory");
  PQsetNoticeReceiver (c->pg, on_notice, c);
  return c;
}

static PGresult *
exec_params (Conn         *c,
             const char   *sql,
             const Params *p)
{
  return PQexecParams (c->pg, sql, p != NULL ? p->n : 0, p != NULL ? p->types : NULL,
                       p != NULL ? p->values : NULL, p != NULL ? p->lengths : NULL,
                       p != NULL ? p->formats : NULL, 0);
}

static PGresult *
exec_sql (Conn       *c,
          const char *sql)
{
  return exec_params (c, sql, NULL);
}

/* Runs @sql, which the test needs to succeed. */
static void
must (Conn       *c,
      const char *sql)
{
  g_autoptr(PGresult) res = exec_sql (c, sql);

  if (!res_ok (res))
    {
      g_autofree char *d = describe (res);
      g_error ("%s: “%s” failed: %s", c->who, sql, d);
    }
}

/* Waits until @deadline (monotonic µs) for the answer to what @c sent; NULL when it did
 * not come in time (the statement is still running). Reads every result of the query. */
static PGresult *
await_result (Conn   *c,
              gint64  deadline,
              gboolean *timed_out)
{
  PGresult *first = NULL;

  *timed_out = FALSE;
  for (;;)
    {
      gint64 now;
      struct pollfd pfd;

      PQconsumeInput (c->pg);
      while (!PQisBusy (c->pg))
        {
          PGresult *res = PQgetResult (c->pg);

          if (res == NULL)
            return first;
          if (first == NULL)
            first = res;
          else
            PQclear (res);
        }
      now = g_get_monotonic_time ();
      if (now >= deadline)
        {
          g_clear_pointer (&first, PQclear);
          *timed_out = TRUE;
          return NULL;
        }
      pfd.fd = PQsocket (c->pg);
      pfd.events = POLLIN;
      pfd.revents = 0;
      poll (&pfd, 1, (int) MIN ((deadline - now) / 1000 + 1, 100));
    }
}

/* Cancels what @c is running and reads its answer (at most 10 s). */
static void
cancel_query (Conn *c)
{
  PGcancel *cancel = PQgetCancel (c->pg);
  g_autoptr(PGresult) res = NULL;
  gboolean timed_out = FALSE;
  char err[256];

  if (cancel != NULL)
    {
      PQcancel (cancel, err, sizeof err);
      PQfreeCancel (cancel);
    }
  res = await_result (c, g_get_monotonic_time () + 10 * G_USEC_PER_SEC, &timed_out);
  if (timed_out)
    g_test_message ("%s: the cancelled statement did not end within 10 s", c->who);
}

/* ---- the world under attack ------------------------------------------------------------- */

typedef struct {
  StoreWorld *w;
  Conn       *su;
  char       *db;
  char       *parent;
  char       *tz;
} Attack;

static void
attack_free (Attack *a)
{
  g_clear_pointer (&a->su, conn_close);
  g_clear_pointer (&a->w, store_world_free);
  g_free (a->db);
  g_free (a->parent);
  g_free (a->tz);
  g_free (a);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Attack, attack_free)

static PGresult *
su_query (Attack       *a,
          const Params *p,
          const char   *sql)
{
  PGresult *res = exec_params (a->su, sql, p);

  if (!res_ok (res))
    {
      g_autofree char *d = describe (res);
      g_error ("the superuser's query failed (%s): %s", d, sql);
    }
  return res;
}

static PGresult *su_queryf (Attack *a, const char *format, ...) G_GNUC_PRINTF (2, 3);

static PGresult *
su_queryf (Attack     *a,
           const char *format,
           ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return su_query (a, NULL, sql);
}

/* The first cell of the superuser's query; NULL for no row or SQL NULL. */
static char *su_valuef (Attack *a, const char *format, ...) G_GNUC_PRINTF (2, 3);

static char *
su_valuef (Attack     *a,
           const char *format,
           ...)
{
  g_autofree char *sql = NULL;
  g_autoptr(PGresult) res = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  res = su_query (a, NULL, sql);
  return g_strdup (cell (res, 0, 0));
}

static gint64 su_intf (Attack *a, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gint64
su_intf (Attack     *a,
         const char *format,
         ...)
{
  g_autofree char *sql = NULL;
  g_autoptr(PGresult) res = NULL;
  const char *value;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  res = su_query (a, NULL, sql);
  value = cell (res, 0, 0);
  if (value == NULL)
    g_error ("the superuser's query returned no value: %s", sql);
  return g_ascii_strtoll (value, NULL, 10);
}

static Attack *
attack_new (void)
{
  Attack *a = g_new0 (Attack, 1);
  g_autoptr(GHashTable) defaults = ranah_profile_default ();
  g_autofree char *parent = NULL;

  a->w = store_world_new ();
  a->db = g_strdup (db_of (a->w->uri));
  a->su = conn_open (a->db, env ("RANAH_TEST_PG_SUPERUSER"),
                     env ("RANAH_TEST_PG_SUPERUSER_PASSWORD"), BOUNDED);
  parent = su_valuef (a, "SELECT value FROM ranah.profile WHERE key = 'parent-domain'");
  if (parent == NULL)
    parent = g_strdup (g_hash_table_lookup (defaults, RANAH_PROFILE_PARENT_DOMAIN));
  g_strstrip (parent);
  if (g_str_has_suffix (parent, "."))
    parent[strlen (parent) - 1] = '\0';
  a->parent = g_ascii_strdown (parent, -1);
  a->tz = su_valuef (a, "SELECT value FROM ranah.profile WHERE key = 'timezone'");
  if (a->tz == NULL)
    a->tz = g_strdup (g_hash_table_lookup (defaults, RANAH_PROFILE_TIMEZONE));
  return a;
}

/* An official's own connection, straight to the database. */
static Conn *
as_user_with (Attack     *a,
              const char *username,
              const char *options)
{
  return conn_open (a->db, username, STORE_FIXTURE_PASSWORD, options);
}

static Conn *
as_user (Attack     *a,
         const char *username)
{
  return as_user_with (a, username, BOUNDED);
}

/* The server's clock: ranah.server_now () when the schema has one (a clock an owner may
 * pin), else now (). */
static gint64
server_now (Attack *a)
{
  g_autofree char *has = su_valuef (a, "SELECT (to_regprocedure ('ranah.server_now()') "
                                       "IS NOT NULL)::text");

  if (g_strcmp0 (has, "true") == 0)
    {
      g_autofree char *value = su_valuef (a, "SELECT ranah.server_now ()::text");

      if (is_digits (value))
        return g_ascii_strtoll (value, NULL, 10);
      return su_intf (a, "SELECT extract (epoch FROM ranah.server_now ()::timestamptz)::bigint");
    }
  return su_intf (a, "SELECT extract (epoch FROM now ())::bigint");
}

static gint64
server_year (Attack *a)
{
  return su_intf (a, "SELECT extract (year FROM to_timestamp (%" G_GINT64_FORMAT ") "
                     "AT TIME ZONE '%s')::int", server_now (a), a->tz);
}

/* "requests=3 records=3 events=12": the row counts of @tables (comma-separated). */
static char *
counts (Attack     *a,
        const char *tables)
{
  g_auto(GStrv) names = g_strsplit (tables, ",", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *q = quote_ident (names[i]);
      g_string_append_printf (out, "%s%s=%" G_GINT64_FORMAT, i > 0 ? " " : "", names[i],
                              su_intf (a, "SELECT count (*) FROM ranah.%s", q));
    }
  return g_string_free (out, FALSE);
}

/* Row count and MD5 of every row of one table. */
static char *
table_fingerprint (Attack     *a,
                   const char *table)
{
  g_autofree char *q = quote_ident (table);

  return su_valuef (a, "SELECT count (*) || ' rows, md5 ' || md5 (coalesce (string_agg "
                       "(x::text, '|' ORDER BY x::text), '')) FROM ranah.%s x", q);
}

static gint64
request_version (Attack *a,
                 gint64  id)
{
  return su_intf (a, "SELECT version FROM ranah.requests WHERE id = %" G_GINT64_FORMAT, id);
}

static gint64
n_events_of (Attack *a,
             gint64  request_id)
{
  return su_intf (a, "SELECT count (*) FROM ranah.events WHERE request_id = %" G_GINT64_FORMAT,
                  request_id);
}

/* ---- verdicts --------------------------------------------------------------------------- */

typedef struct {
  const char *name;
  guint       checks;
  guint       failed;
} Verdict;

static void check (Verdict *v, gboolean ok, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
check (Verdict    *v,
       gboolean    ok,
       const char *format,
       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  v->checks++;
  if (ok)
    return;
  v->failed++;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* One line each, whatever the server's message held. */
  g_strdelimit (message, "\r\n", ' ');
  g_test_message ("FAIL [%s] %s", v->name, message);
}

static void
verdict_end (Verdict *v)
{
  g_test_message ("%s: %u of %u checks failed", v->name, v->failed, v->checks);
  if (v->failed > 0)
    g_test_fail_printf ("%s: %u of %u checks failed (the FAIL lines above say which)", v->name,
                        v->failed, v->checks);
}

/* ---- JSON -------------------------------------------------------------------------------- */

static void
json_escape (GString    *s,
             const char *value)
{
  g_string_append_c (s, '"');
  for (const char *c = value; *c; c++)
    {
      guchar u = (guchar) *c;

      if (u == '"' || u == '\\')
        {
          g_string_append_c (s, '\\');
          g_string_append_c (s, *c);
        }
      else if (u < 0x20)
        g_string_append_printf (s, "\\u%04x", u);
      else
        g_string_append_c (s, *c);
    }
  g_string_append_c (s, '"');
}

static void
json_key (GString    *s,
          const char *key)
{
  char last = s->len > 0 ? s->str[s->len - 1] : '{';

  if (last != '{' && last != '[')
    g_string_append_c (s, ',');
  json_escape (s, key);
  g_string_append_c (s, ':');
}

static void
json_str (GString    *s,
          const char *key,
          const char *value)
{
  json_key (s, key);
  if (value == NULL)
    g_string_append (s, "null");
  else
    json_escape (s, value);
}

static void
json_int (GString    *s,
          const char *key,
          gint64      value)
{
  json_key (s, key);
  g_string_append_printf (s, "%" G_GINT64_FORMAT, value);
}

static void
json_bool (GString    *s,
           const char *key,
           gboolean    value)
{
  json_key (s, key);
  g_string_append (s, value ? "true" : "false");
}

static void
json_raw (GString    *s,
          const char *key,
          const char *raw)
{
  json_key (s, key);
  g_string_append (s, raw);
}

typedef struct {
  const char *type;
  const char *host;
  const char *target;
  gboolean    internal;
  gboolean    created;
  const char *verified;
} Rec;

/* A records array as the desktop sends it (ranah_json_records). */
static char *
records_json (const Rec *recs,
              guint      n)
{
  GString *s = g_string_new ("[");

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, '{');
      json_int (s, "id", 0);
      json_str (s, "type", recs[i].type);
      json_str (s, "host", recs[i].host != NULL ? recs[i].host : "");
      json_str (s, "target", recs[i].target);
      json_int (s, "ttl", 0);
      json_int (s, "priority", 0);
      json_bool (s, "internal", recs[i].internal);
      json_bool (s, "created", recs[i].created);
      json_str (s, "verified", recs[i].verified);
      g_string_append_c (s, '}');
    }
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

static char *
one_a_record (void)
{
  static const Rec a = { "A", "", "103.20.30.40", FALSE, FALSE, NULL };

  return records_json (&a, 1);
}

/* The request of step 1 as the desktop sends it (submit_request in ranah-postgres-ops.c);
 * @fqdn NULL: the name under the parent domain, as the desktop computes it. */
static char *
request_json (Attack     *a,
              const char *name,
              const char *fqdn,
              gint64      opd_id)
{
  GString *s = g_string_new ("{");
  g_autofree char *lower = g_ascii_strdown (name, -1);
  g_autofree char *computed = g_strconcat (lower, ".", a->parent, NULL);

  json_int (s, "opd_id", opd_id);
  json_str (s, "letter_number", "400.7/123/DINKES/2026");
  json_str (s, "letter_date", "2026-02-25");
  json_str (s, "received_date", "2026-03-02");
  json_str (s, "hal", "Permohonan Pembuatan Subdomain");
  json_str (s, "classification", "000.5.2");
  json_str (s, "sifat", "Biasa");
  json_str (s, "name", name);
  json_str (s, "fqdn", fqdn != NULL ? fqdn : computed);
  json_str (s, "purpose", "Layanan informasi kesehatan masyarakat");
  json_str (s, "contact_name", "Budi Santoso");
  json_str (s, "contact_phone", "081234567890");
  json_str (s, "contact_email", "budi@dinkes.tarakankota.go.id");
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

/* ---- calls as the desktop makes them ------------------------------------------------------ */

/* ranah.submit_request, with the signature of 002-functions.sql. */
static PGresult *
submit (Conn       *c,
        const char *p,
        const char *records,
        GBytes     *pdf,
        gint64      now,
        gint64      due_at)
{
  g_auto(Params) prm = { 0 };

  p_text (&prm, p);
  p_text (&prm, records);
  p_gbytes (&prm, pdf);
  p_int (&prm, now);
  p_int (&prm, due_at);
  return exec_params (c, "SELECT ranah.submit_request ($1::jsonb, $2::jsonb, $3, $4, $5)", &prm);
}

#define MOVE_SQL \
  "SELECT x->>'letter_id', x->>'urut', x->>'year', x->>'month', x::text " \
  "FROM ranah.move ($1, $2, $3, $4, $5, $6, $7, $8::text[], $9, $10, $11, $12::jsonb, " \
  "$13::jsonb) x"

/* The parameters of ranah.move (move_locked in ranah-postgres-ops.c). */
static void
move_params (Params     *p,
             const char *action,
             gint64      request_id,
             gint64      version,
             gint64      now,
             const char *records)
{
  p_text (p, action);
  p_int (p, request_id);
  p_int (p, version);
  p_text (p, NULL);          /* note */
  p_text (p, NULL);          /* idempotency key */
  p_int (p, now);
  p_int (p, 0);              /* to user: the only holder of the next role */
  p_text (p, NULL);          /* instructions */
  p_text (p, "biasa");
  p_int (p, 0);              /* due at */
  p_int (p, 0);              /* request due at */
  p_text (p, records);
  p_text (p, NULL);          /* draft */
}

static PGresult *
move_as (Conn       *c,
         const char *action,
         gint64      request_id,
         gint64      version,
         gint64      now,
         const char *records)
{
  g_auto(Params) p = { 0 };

  move_params (&p, action, request_id, version, now, records);
  return exec_params (c, MOVE_SQL, &p);
}

/* =========================================================================================
 * 1. Direct writes
 * ========================================================================================= */

static GHashTable *
fingerprints (Attack   *a,
              PGresult *relations)
{
  GHashTable *fp = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (int i = 0; i < PQntuples (relations); i++)
    {
      const char *name = PQgetvalue (relations, i, 0);
      char kind = PQgetvalue (relations, i, 1)[0];
      g_autofree char *q = quote_ident (name);
      char *value;

      if (kind == 'S')
        value = su_valuef (a, "SELECT last_value || '/' || is_called FROM ranah.%s", q);
      else if (kind == 'f')
        value = g_strdup ("(foreign)");
      else
        value = table_fingerprint (a, name);
      g_hash_table_insert (fp, g_strdup (name), value != NULL ? value : g_strdup (""));
    }
  return fp;
}

static void
test_direct_writes (void)
{
  g_autoptr(Attack) a = attack_new ();
  Verdict v = { "direct-writes", 0, 0 };
  g_autoptr(PGresult) relations = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  guint n_statements = 0, n_tables = 0;

  /* Rows in every table that a write could change. */
  store_world_request_in (a->w, RANAH_STATE_DONE, FALSE);
  store_world_submit (a->w, NULL, TRUE);

  relations = su_queryf (a, "SELECT c.relname, c.relkind, "
                            "  (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.oid "
                            "     AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum LIMIT 1) "
                            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                            "WHERE n.nspname = 'ranah' AND c.relkind IN ('r', 'p', 'v', 'f', 'S') "
                            "ORDER BY c.relname");
  before = fingerprints (a, relations);

  for (RanahRole role = RANAH_ROLE_OPD; role <= RANAH_ROLE_ADMIN; role++)
    {
      g_autoptr(Conn) c = as_user (a, usernames[role]);

      for (int i = 0; i < PQntuples (relations); i++)
        {
          const char *name = PQgetvalue (relations, i, 0);
          char kind = PQgetvalue (relations, i, 1)[0];
          const char *column = cell (relations, i, 2);
          g_autofree char *q = quote_ident (name);
          g_autofree char *qc = quote_ident (column != NULL ? column : "id");
          g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);

          if (role == RANAH_ROLE_OPD && kind != 'S')
            n_tables++;
          if (kind == 'S')
            {
              g_ptr_array_add (statements, g_strdup_printf ("SELECT pg_catalog.setval ('ranah.%s', 1)", q));
              g_ptr_array_add (statements, g_strdup_printf ("SELECT pg_catalog.nextval ('ranah.%s')", q));
            }
          else
            {
              g_ptr_array_add (statements, g_strdup_printf ("INSERT INTO ranah.%s DEFAULT VALUES", q));
              g_ptr_array_add (statements, g_strdup_printf ("UPDATE ranah.%s SET %s = %s", q, qc, qc));
              g_ptr_array_add (statements, g_strdup_printf ("DELETE FROM ranah.%s", q));
              if (kind != 'v')
                g_ptr_array_add (statements, g_strdup_printf ("TRUNCATE ranah.%s", q));
            }
          for (guint k = 0; k < statements->len; k++)
            {
              const char *sql = g_ptr_array_index (statements, k);
              g_autoptr(PGresult) res = exec_sql (c, sql);
              g_autofree char *d = describe (res);

              n_statements++;
              check (&v, g_str_equal (res_state (res), "42501"),
                     "“%s” as %s (role %s): %s (want SQLSTATE 42501)", sql, c->who,
                     ranah_role_to_string (role), d);
            }
        }
    }

  after = fingerprints (a, relations);
  for (int i = 0; i < PQntuples (relations); i++)
    {
      const char *name = PQgetvalue (relations, i, 0);
      const char *was = g_hash_table_lookup (before, name);
      const char *now = g_hash_table_lookup (after, name);

      check (&v, g_strcmp0 (was, now) == 0, "ranah.%s changed under the officials' direct "
             "writes: %s → %s", name, was, now);
    }
  g_test_message ("direct-writes: %u statements on %u tables and %u sequences as 6 roles",
                  n_statements, n_tables, PQntuples (relations) - n_tables);
  verdict_end (&v);
}

/* =========================================================================================
 * 2. No TEMP for officials
 * ========================================================================================= */

static void
test_no_temp (void)
{
  g_autoptr(Attack) a = attack_new ();
  Verdict v = { "no-temp", 0, 0 };
  static const char *const officials[] = { "opd1", "opd2", "kadis", "kabid", "subkoor", "staf",
                                           "admin" };
  g_autofree char *public_temp = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (officials); i++)
    {
      g_autoptr(Conn) c = as_user (a, officials[i]);
      g_autoptr(PGresult) table = exec_sql (c, "CREATE TEMP TABLE x (i int)");
      g_autoptr(PGresult) fn = exec_sql (c, "CREATE FUNCTION pg_temp.attack_f () RETURNS int "
                                            "LANGUAGE sql AS 'SELECT 1'");
      g_autofree char *dt = describe (table);
      g_autofree char *df = describe (fn);

      check (&v, g_str_equal (res_state (table), "42501"),
             "CREATE TEMP TABLE x (i int) as %s: %s (want SQLSTATE 42501)", officials[i], dt);
      check (&v, g_str_equal (res_state (fn), "42501"),
             "CREATE FUNCTION pg_temp.attack_f () as %s: %s (want SQLSTATE 42501)", officials[i], df);
    }
  public_temp = su_valuef (a, "SELECT string_agg (x.privilege_type, ', ') FROM pg_database d, "
                              "  aclexplode (coalesce (d.datacl, acldefault ('d', d.datdba))) x "
                              "WHERE d.datname = current_database () AND x.grantee = 0 "
                              "  AND x.privilege_type = 'TEMPORARY'");
  check (&v, public_temp == NULL, "PUBLIC holds TEMPORARY on the Ranah database %s", a->db);
  verdict_end (&v);
}

/* =========================================================================================
 * 3. pg_temp shadowing, generated from the catalogue
 * ========================================================================================= */

typedef struct {
  char       *oid;
  char       *signature;
  char       *proname;
  gboolean    secdef;
  gboolean    procedure;
  gboolean    trigger;
  char       *prosrc;
  GStrv       argtypes;     /* type OIDs of the input arguments */
  GStrv       argtypnames;
  GStrv       argnames;
  char       *search_path;  /* NULL: the function sets none */
  GStrv       sigtypes;     /* names of its argument and return types */
  GHashTable *names;        /* the type and relation names it could resolve */
} Func;

static void
func_free (Func *f)
{
  g_free (f->oid);
  g_free (f->signature);
  g_free (f->proname);
  g_free (f->prosrc);
  g_strfreev (f->argtypes);
  g_strfreev (f->argtypnames);
  g_strfreev (f->argnames);
  g_free (f->search_path);
  g_strfreev (f->sigtypes);
  g_clear_pointer (&f->names, g_hash_table_unref);
  g_free (f);
}

typedef struct {
  char     *name;
  gboolean  relation;
  char     *nsp;
  char     *columns;  /* for a relation: "NULL::type AS col, …" */
} Known;

static void
known_free (Known *k)
{
  g_free (k->name);
  g_free (k->nsp);
  g_free (k->columns);
  g_free (k);
}

static GStrv
split_list (const char *list)
{
  if (list == NULL || *list == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (list, ",", -1);
}

static void
tokens_into (GHashTable *set,
             GRegex     *word,
             const char *text)
{
  g_autoptr(GMatchInfo) match = NULL;

  g_regex_match (word, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *token = g_match_info_fetch (match, 0);

      g_hash_table_add (set, g_ascii_strdown (token, -1));
      g_match_info_next (match, NULL);
    }
}

/* "ranah, pg_catalog" → whether pg_temp is listed explicitly, once, and last. */
static gboolean
pg_temp_last (const char *path)
{
  g_auto(GStrv) parts = NULL;
  guint n;

  if (path == NULL)
    return FALSE;
  parts = g_strsplit (path, ",", -1);
  n = g_strv_length (parts);
  for (guint i = 0; i < n; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] == '"' && strlen (parts[i]) >= 2)
        {
          memmove (parts[i], parts[i] + 1, strlen (parts[i]));
          parts[i][strlen (parts[i]) - 1] = '\0';
        }
      if (i + 1 < n && g_str_has_prefix (parts[i], "pg_temp"))
        return FALSE;
    }
  return n > 0 && g_str_equal (parts[n - 1], "pg_temp");
}

typedef struct {
  Attack     *a;
  const char *login;
  gint64      user_id;
  gint64      request_id;
  gint64      entry_id;
  gint64      letter_id;
  gint64      disposition_id;
  gint64      now;
  char       *pdf_hex;
  char       *object_json;
  char       *array_json;
} SweepArgs;

/* A plausible value for one argument, from its type and name; NULL for SQL NULL. */
static char *
plausible (const SweepArgs *s,
           const char      *type,
           const char      *arg)
{
  g_autofree char *name = g_ascii_strdown (arg != NULL ? arg : "", -1);
#define HAS(x) (strstr (name, (x)) != NULL)

  if (g_str_equal (type, "int8") || g_str_equal (type, "int4") || g_str_equal (type, "int2")
      || g_str_equal (type, "numeric"))
    {
      gint64 value = 1;

      if (HAS ("due") || HAS ("except") || HAS ("to_user"))
        value = 0;
      else if (HAS ("now"))
        value = s->now;
      else if (HAS ("version"))
        value = 1;
      else if (HAS ("request"))
        value = s->request_id;
      else if (HAS ("entry"))
        value = s->entry_id;
      else if (HAS ("letter"))
        value = s->letter_id;
      else if (HAS ("disposition"))
        value = s->disposition_id;
      else if (HAS ("opd"))
        value = s->a->w->opd_id;
      else if (HAS ("user"))
        value = s->user_id;
      return g_strdup_printf ("%" G_GINT64_FORMAT, value);
    }
  if (g_str_equal (type, "text") || g_str_equal (type, "varchar") || g_str_equal (type, "name"))
    {
      if (HAS ("action"))
        return g_strdup ("dispose-to-kabid");
      if (HAS ("urgency"))
        return g_strdup ("biasa");
      if (HAS ("login"))
        return g_strdup ("ranah_s_00000000000000000000000000000000");
      if (HAS ("token") || HAS ("hash"))
        return g_strnfill (64, '0');
      if (HAS ("verifier"))
        return g_strdup ("not-a-verifier");
      if (HAS ("status"))
        return g_strdup ("suspended");
      if (HAS ("date"))
        return g_strdup ("2030-01-02");
      if (HAS ("key"))
        return g_strdup ("trap-key");
      if (HAS ("number"))
        return g_strdup ("000.5.2/9999/DKISP/2030");
      if (HAS ("name"))
        return g_strdup ("trapname");
      return g_strdup ("trap");
    }
  if (g_str_equal (type, "jsonb") || g_str_equal (type, "json"))
    {
      if (HAS ("record") || HAS ("entries"))
        return g_strdup (s->array_json);
      if (HAS ("draft") || HAS ("result"))
        return g_strdup ("{}");
      return g_strdup (s->object_json);
    }
  if (g_str_equal (type, "bytea"))
    return g_strdup (s->pdf_hex);
  if (g_str_equal (type, "bool"))
    return g_strdup ("false");
  if (g_str_equal (type, "_text"))
    return g_strdup ("{}");
  if (g_str_equal (type, "date"))
    return g_strdup ("2030-01-02");
  return NULL;
#undef HAS
}

static void
test_pg_temp_shadowing (void)
{
  static const char *const aliases[][2] = {
    { "bigint", "int8" }, { "integer", "int4" }, { "int", "int4" }, { "smallint", "int2" },
    { "boolean", "bool" }, { "real", "float4" }, { "decimal", "numeric" },
  };
  g_autoptr(Attack) a = attack_new ();
  Verdict v = { "pg-temp-shadowing", 0, 0 };
  g_autoptr(GPtrArray) funcs = g_ptr_array_new_with_free_func ((GDestroyNotify) func_free);
  g_autoptr(GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) by_oid = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       (GDestroyNotify) known_free);
  g_autoptr(GHashTable) all_names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GRegex) word = g_regex_new ("[A-Za-z_][A-Za-z0-9_$]*", 0, 0, NULL);
  g_autoptr(PGresult) res = NULL;
  g_autoptr(GList) sorted = NULL;
  g_autofree char *qdb = quote_ident (a->db);
  guint n_secdef = 0, n_pairs = 0, n_calls = 0, n_traps = 0, n_trap_failures = 0;
  guint n_relations = 0, n_types = 0, n_hit_calls = 0;
  SweepArgs s = { 0 };

  /* Every kind of row a function could be handed. */
  store_world_request_in (a->w, RANAH_STATE_DONE, FALSE);
  s.a = a;
  s.request_id = store_world_submit (a->w, NULL, TRUE);
  s.entry_id = su_intf (a, "SELECT coalesce (max (id), 0) FROM ranah.entries");
  s.letter_id = su_intf (a, "SELECT coalesce (max (id), 0) FROM ranah.letters");
  s.disposition_id = su_intf (a, "SELECT coalesce (max (id), 0) FROM ranah.dispositions");
  s.now = server_now (a);
  {
    g_autoptr(GBytes) pdf = store_fixture_pdf (256);
    gsize size;
    const guint8 *data = g_bytes_get_data (pdf, &size);
    GString *hex = g_string_new ("\\x");

    for (gsize i = 0; i < size; i++)
      g_string_append_printf (hex, "%02x", data[i]);
    s.pdf_hex = g_string_free (hex, FALSE);
  }
  {
    GString *o = g_string_new ("{");
    g_autofree char *fqdn = g_strconcat ("trapname.", a->parent, NULL);
    g_autofree char *username = g_strdup_printf ("trap_%s", a->db);

    json_int (o, "id", 0);
    json_str (o, "name", "trapname");
    json_str (o, "fqdn", fqdn);
    json_int (o, "opd_id", a->w->opd_id);
    json_str (o, "username", username);
    json_str (o, "full_name", "Trap");
    json_str (o, "role", "staf");
    json_str (o, "code", "TRAP");
    json_bool (o, "active", TRUE);
    json_str (o, "letter_number", "1/2/3");
    json_str (o, "letter_date", "2026-02-25");
    json_str (o, "received_date", "2026-03-02");
    json_str (o, "hal", "Trap");
    json_str (o, "classification", "000.5.2");
    json_str (o, "sifat", "Biasa");
    json_str (o, "purpose", "Trap");
    json_str (o, "contact_name", "Trap");
    json_str (o, "contact_phone", "081234567890");
    json_str (o, "contact_email", "trap@tarakankota.go.id");
    g_string_append_c (o, '}');
    s.object_json = g_string_free (o, FALSE);
  }
  {
    GString *o = g_string_new ("[{");
    g_autofree char *fqdn = g_strconcat ("trapentry.", a->parent, NULL);
    g_autofree char *recs = one_a_record ();

    json_int (o, "id", 0);
    json_str (o, "type", "A");
    json_str (o, "host", "");
    json_str (o, "target", "103.20.30.40");
    json_bool (o, "internal", FALSE);
    json_bool (o, "created", FALSE);
    json_str (o, "verified", NULL);
    json_str (o, "name", "trapentry");
    json_str (o, "fqdn", fqdn);
    json_int (o, "opd_id", a->w->opd_id);
    json_str (o, "status", "active");
    json_str (o, "activated_on", "2026-03-02");
    json_raw (o, "records", recs);
    g_string_append (o, "}]");
    s.array_json = g_string_free (o, FALSE);
  }

  /* Every function of schema ranah. */
  res = su_queryf (a,
    "SELECT p.oid::text, p.oid::regprocedure::text, p.proname, p.prosecdef, "
    "  coalesce (p.prosrc, ''), p.prokind = 'p', "
    "  p.prorettype IN ('trigger'::regtype, 'event_trigger'::regtype), "
    "  coalesce (array_to_string (p.proargtypes::oid[], ','), ''), "
    "  coalesce ((SELECT string_agg (t.typname, ',' ORDER BY u.o) "
    "     FROM unnest (p.proargtypes::oid[]) WITH ORDINALITY AS u (t_oid, o) "
    "     JOIN pg_type t ON t.oid = u.t_oid), ''), "
    "  coalesce ((SELECT string_agg (coalesce (x.n, ''), ',' ORDER BY x.o) "
    "     FROM unnest (coalesce (p.proargnames, array_fill (''::text, "
    "              ARRAY[coalesce (array_length (p.proallargtypes, 1), p.pronargs)])), "
    "            coalesce (p.proargmodes, array_fill ('i'::\"char\", "
    "              ARRAY[coalesce (array_length (p.proallargtypes, 1), p.pronargs)]))) "
    "          WITH ORDINALITY AS x (n, m, o) "
    "    WHERE x.m IN ('i', 'b', 'v')), ''), "
    "  (SELECT substr (c, 13) FROM unnest (p.proconfig) c WHERE c LIKE 'search\\_path=%%'), "
    "  coalesce ((SELECT string_agg (CASE WHEN t.typelem <> 0 AND t.typlen = -1 "
    "                                     THEN (SELECT e.typname FROM pg_type e WHERE e.oid = t.typelem) "
    "                                     ELSE t.typname END, ',') "
    "     FROM pg_type t "
    "    WHERE t.oid = ANY (coalesce (p.proallargtypes, p.proargtypes::oid[]) || p.prorettype)), '') "
    "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
    "WHERE n.nspname = 'ranah' ORDER BY 2");
  for (int i = 0; i < PQntuples (res); i++)
    {
      Func *f = g_new0 (Func, 1);
      GPtrArray *same;

      f->oid = g_strdup (cell (res, i, 0));
      f->signature = g_strdup (cell (res, i, 1));
      f->proname = g_strdup (cell (res, i, 2));
      f->secdef = g_str_equal (cell (res, i, 3), "t");
      f->prosrc = g_strdup (cell (res, i, 4));
      f->procedure = g_str_equal (cell (res, i, 5), "t");
      f->trigger = g_str_equal (cell (res, i, 6), "t");
      f->argtypes = split_list (cell (res, i, 7));
      f->argtypnames = split_list (cell (res, i, 8));
      f->argnames = split_list (cell (res, i, 9));
      f->search_path = g_strdup (cell (res, i, 10));
      f->sigtypes = split_list (cell (res, i, 11));
      f->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_ptr_array_add (funcs, f);
      g_hash_table_insert (by_oid, f->oid, f);
      same = g_hash_table_lookup (by_name, f->proname);
      if (same == NULL)
        {
          same = g_ptr_array_new ();
          g_hash_table_insert (by_name, f->proname, same);
        }
      g_ptr_array_add (same, f);
      if (f->secdef)
        n_secdef++;
    }
  g_clear_pointer (&res, PQclear);

  /* Every relation and type name of pg_catalog and ranah. A relation's row type goes with
   * its relation (the temporary view shadows both). */
  res = su_queryf (a,
    "SELECT c.relname, true, n.nspname, "
    "  coalesce ((SELECT string_agg (format ('NULL::%%s AS %%I', format_type (a.atttypid, a.atttypmod), "
    "                                        a.attname), ', ' ORDER BY a.attnum) "
    "     FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '') "
    "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname IN ('ranah', 'pg_catalog') AND c.relkind IN ('r', 'v', 'm', 'p', 'f') "
    "UNION ALL "
    "SELECT t.typname, false, n.nspname, '' "
    "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
    "WHERE n.nspname IN ('ranah', 'pg_catalog') AND t.typtype IN ('b', 'd', 'e', 'r', 'm', 'c') "
    "  AND NOT (t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_class r WHERE r.oid = t.typrelid "
    "                                        AND r.relkind IN ('r', 'v', 'm', 'p', 'f'))) "
    "  AND NOT (t.typelem <> 0 AND t.typlen = -1 AND t.typname LIKE '\\_%%') "
    "ORDER BY 2 DESC, 3 DESC, 1");
  for (int i = 0; i < PQntuples (res); i++)
    {
      const char *name = cell (res, i, 0);
      Known *k;

      if (g_hash_table_contains (known, name))
        continue;
      k = g_new0 (Known, 1);
      k->name = g_strdup (name);
      k->relation = g_str_equal (cell (res, i, 1), "t");
      k->nsp = g_strdup (cell (res, i, 2));
      k->columns = g_strdup (cell (res, i, 3));
      g_hash_table_insert (known, k->name, k);
    }
  g_clear_pointer (&res, PQclear);

  /* What pg_depend records for each function. */
  res = su_queryf (a,
    "SELECT d.objid::text, coalesce (c.relname, t.typname) "
    "FROM pg_depend d "
    "LEFT JOIN pg_class c ON d.refclassid = 'pg_class'::regclass AND c.oid = d.refobjid "
    "LEFT JOIN pg_type t ON d.refclassid = 'pg_type'::regclass AND t.oid = d.refobjid "
    "WHERE d.classid = 'pg_proc'::regclass "
    "  AND d.objid IN (SELECT p.oid FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
    "                   WHERE n.nspname = 'ranah') "
    "  AND coalesce (c.relname, t.typname) IS NOT NULL");
  for (int i = 0; i < PQntuples (res); i++)
    {
      Func *f = g_hash_table_lookup (by_oid, cell (res, i, 0));

      if (f != NULL && g_hash_table_contains (known, cell (res, i, 1)))
        g_hash_table_add (f->names, g_strdup (cell (res, i, 1)));
    }
  g_clear_pointer (&res, PQclear);

  /* Each SECURITY DEFINER function's names: its signature's types, pg_depend, and every
   * identifier of its source and of the (non-SECURITY DEFINER) ranah functions it calls,
   * which run under its search_path. */
  for (guint i = 0; i < funcs->len; i++)
    {
      Func *f = g_ptr_array_index (funcs, i);
      g_autoptr(GHashTable) tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      GHashTableIter iter;
      gpointer key, value;
      gboolean grew = TRUE;

      if (!f->secdef)
        continue;
      tokens_into (tokens, word, f->prosrc);
      g_hash_table_add (seen, f->proname);
      while (grew)
        {
          grew = FALSE;
          g_hash_table_iter_init (&iter, by_name);
          while (g_hash_table_iter_next (&iter, &key, &value))
            {
              GPtrArray *same = value;

              if (!g_hash_table_contains (tokens, key) || g_hash_table_contains (seen, key))
                continue;
              g_hash_table_add (seen, key);
              for (guint k = 0; k < same->len; k++)
                {
                  Func *callee = g_ptr_array_index (same, k);

                  if (!callee->secdef)
                    {
                      tokens_into (tokens, word, callee->prosrc);
                      grew = TRUE;
                    }
                }
            }
        }
      for (guint k = 0; f->sigtypes[k] != NULL; k++)
        g_hash_table_add (tokens, g_strdup (f->sigtypes[k]));
      for (guint k = 0; k < G_N_ELEMENTS (aliases); k++)
        if (g_hash_table_contains (tokens, aliases[k][0]))
          g_hash_table_add (tokens, g_strdup (aliases[k][1]));
      g_hash_table_iter_init (&iter, tokens);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (g_hash_table_contains (known, key))
          g_hash_table_add (f->names, g_strdup (key));
      g_hash_table_iter_init (&iter, f->names);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (all_names, ((Known *) g_hash_table_lookup (known, key))->name);
      n_pairs += g_hash_table_size (f->names);

      /* Statically: pg_temp listed, and last. */
      check (&v, pg_temp_last (f->search_path),
             "%s is SECURITY DEFINER with search_path %s%s%s: pg_temp must be listed "
             "explicitly and last", f->signature, f->search_path != NULL ? "“" : "",
             f->search_path != NULL ? f->search_path : "unset",
             f->search_path != NULL ? "”" : "");
    }
  /* The same for the definer functions of Ranah's other schemas (ranah_roles…), which the
   * ranah functions call. */
  g_clear_pointer (&res, PQclear);
  res = su_queryf (a,
    "SELECT p.oid::regprocedure::text, "
    "  (SELECT substr (c, 13) FROM unnest (p.proconfig) c WHERE c LIKE 'search\\_path=%%') "
    "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
    "WHERE n.nspname LIKE 'ranah\\_%%' AND p.prosecdef ORDER BY 1");
  for (int i = 0; i < PQntuples (res); i++)
    check (&v, pg_temp_last (cell (res, i, 1)),
           "%s is SECURITY DEFINER with search_path %s: pg_temp must be listed explicitly and "
           "last", cell (res, i, 0), cell (res, i, 1) != NULL ? cell (res, i, 1) : "unset");
  g_clear_pointer (&res, PQclear);

  sorted = g_list_sort (g_hash_table_get_keys (all_names), (GCompareFunc) g_strcmp0);
  {
    GString *listed = g_string_new (NULL);

    for (GList *l = sorted; l != NULL; l = l->next)
      {
        Known *k = g_hash_table_lookup (known, l->data);

        if (k->relation)
          n_relations++;
        else
          n_types++;
        g_string_append_printf (listed, "%s%s %s.%s", listed->len > 0 ? ", " : "",
                                k->relation ? "relation" : "type", k->nsp, k->name);
      }
    g_test_message ("pg-temp-shadowing: traps for %s", listed->str);
    g_string_free (listed, TRUE);
  }

  /* The sweep, as each role in turn: traps for every name, then every SECURITY DEFINER
   * function called with plausible arguments. TEMP is granted explicitly, so the search
   * path alone must keep the traps out. */
  for (RanahRole role = RANAH_ROLE_OPD; role <= RANAH_ROLE_ADMIN; role++)
    {
      g_autofree char *qlogin = quote_ident (usernames[role]);
      g_autoptr(Conn) c = NULL;
      g_autoptr(PGresult) trap = NULL;

      g_clear_pointer (&res, PQclear);
      res = su_queryf (a, "GRANT TEMPORARY ON DATABASE %s TO %s", qdb, qlogin);
      c = as_user (a, usernames[role]);
      s.login = usernames[role];
      s.user_id = a->w->user_ids[role];

      trap = exec_sql (c,
        "CREATE FUNCTION pg_temp.trap (pg_catalog.text, pg_catalog.bool) "
        "RETURNS pg_catalog.bool LANGUAGE plpgsql AS $trap$ "
        "BEGIN "
        "  IF current_user OPERATOR(pg_catalog.<>) session_user THEN "
        "    PERFORM pg_catalog.set_config ('attack.hit', $1, false); "
        "    RAISE WARNING 'attack-hit: % ran as %', $1, current_user; "
        "  END IF; "
        "  RETURN true; "
        "END $trap$");
      if (!res_ok (trap))
        {
          g_autofree char *d = describe (trap);
          check (&v, FALSE, "the trap function could not be made as %s (TEMP granted): %s",
                 usernames[role], d);
          continue;
        }

      /* Relations first, while the type names in their column lists still mean the
       * catalogue's types; then the domains. */
      for (int pass = 0; pass < 2; pass++)
        for (GList *l = sorted; l != NULL; l = l->next)
          {
            Known *k = g_hash_table_lookup (known, l->data);
            g_autofree char *qname = quote_ident (k->name);
            g_autofree char *qnsp = quote_ident (k->nsp);
            g_autofree char *sql = NULL;
            g_autoptr(PGresult) made = NULL;

            if (k->relation != (pass == 0))
              continue;
            if (k->relation)
              sql = g_strdup_printf ("CREATE VIEW pg_temp.%s AS SELECT %s "
                                     "WHERE (SELECT pg_temp.trap ('relation %s', true))",
                                     qname, k->columns, k->name);
            else
              sql = g_strdup_printf ("CREATE DOMAIN pg_temp.%s AS %s.%s "
                                     "CHECK (pg_temp.trap ('type %s', VALUE IS NULL))",
                                     qname, qnsp, qname, k->name);
            made = exec_sql (c, sql);
            if (res_ok (made))
              n_traps++;
            else
              {
                n_trap_failures++;
                if (role == RANAH_ROLE_OPD)
                  {
                    g_autofree char *d = describe (made);
                    g_test_message ("no trap for %s %s.%s: %s", k->relation ? "relation" : "type",
                                    k->nsp, k->name, d);
                  }
              }
          }

      for (guint i = 0; i < funcs->len; i++)
        {
          Func *f = g_ptr_array_index (funcs, i);
          g_auto(Params) p = { 0 };
          g_autoptr(GString) sql = g_string_new (NULL);
          g_autoptr(PGresult) call = NULL;
          g_autoptr(PGresult) reset = NULL;
          g_autoptr(PGresult) hit = NULL;
          g_autofree char *qname = NULL;
          g_autofree char *outcome = NULL;
          const char *hit_name;
          const char *notice_hit = NULL;
          guint n_args;

          if (!f->secdef || f->trigger)
            continue;
          reset = exec_sql (c, "SELECT pg_catalog.set_config ('attack.hit', '', false)");
          g_ptr_array_set_size (c->notices, 0);
          qname = quote_ident (f->proname);
          n_args = g_strv_length (f->argtypes);
          g_string_append_printf (sql, "%s ranah.%s (", f->procedure ? "CALL" : "SELECT", qname);
          for (guint k = 0; k < n_args; k++)
            {
              const char *typname = k < g_strv_length (f->argtypnames) ? f->argtypnames[k] : "";
              const char *argname = k < g_strv_length (f->argnames) ? f->argnames[k] : "";
              g_autofree char *value = plausible (&s, typname, argname);

              p_typed (&p, (Oid) g_ascii_strtoull (f->argtypes[k], NULL, 10), value);
              g_string_append_printf (sql, "%s$%u", k > 0 ? ", " : "", k + 1);
            }
          g_string_append_c (sql, ')');
          call = exec_params (c, sql->str, &p);
          outcome = describe (call);
          n_calls++;
          hit = exec_sql (c, "SELECT coalesce (pg_catalog.current_setting ('attack.hit', true), '')");
          hit_name = cell (hit, 0, 0);
          for (guint k = 0; k < c->notices->len; k++)
            if (g_str_has_prefix (g_ptr_array_index (c->notices, k), "attack-hit"))
              notice_hit = g_ptr_array_index (c->notices, k);
          if ((hit_name != NULL && *hit_name != '\0') || notice_hit != NULL)
            n_hit_calls++;
          check (&v, (hit_name == NULL || *hit_name == '\0') && notice_hit == NULL,
                 "%s called by %s resolved a pg_temp object: %s (the call was %s; its "
                 "search_path is %s)", f->signature, usernames[role],
                 notice_hit != NULL ? notice_hit : hit_name, outcome,
                 f->search_path != NULL ? f->search_path : "unset");
        }
      g_clear_pointer (&c, conn_close);
      g_clear_pointer (&res, PQclear);
      res = su_queryf (a, "REVOKE TEMPORARY ON DATABASE %s FROM %s", qdb, qlogin);
    }

  g_test_message ("pg-temp-shadowing: %u SECURITY DEFINER functions × their names = %u "
                  "function×name pairs (%u distinct names: %u relations, %u types); as 6 roles: "
                  "%u calls, %u traps set, %u traps the server would not let be made, "
                  "%u calls ran a trap",
                  n_secdef, n_pairs, g_hash_table_size (all_names), n_relations, n_types, n_calls,
                  n_traps, n_trap_failures, n_hit_calls);
  g_free (s.pdf_hex);
  g_free (s.object_json);
  g_free (s.array_json);
  verdict_end (&v);
}

/* =========================================================================================
 * 4. What the functions' owners may do
 * ========================================================================================= */

static void
test_owner_rights (void)
{
  g_autoptr(Attack) a = attack_new ();
  Verdict v = { "owner-rights", 0, 0 };
  g_autoptr(PGresult) res = NULL;
  guint n_callable = 0;

  res = su_queryf (a,
    "SELECT p.oid::regprocedure::text, o.rolname, "
    "  concat_ws (', ', CASE WHEN o.rolsuper THEN 'SUPERUSER' END, "
    "                   CASE WHEN o.rolcreaterole THEN 'CREATEROLE' END, "
    "                   CASE WHEN o.rolcreatedb THEN 'CREATEDB' END, "
    "                   CASE WHEN o.rolbypassrls THEN 'BYPASSRLS' END, "
    "                   CASE WHEN o.rolreplication THEN 'REPLICATION' END, "
    "                   CASE WHEN pg_has_role (o.oid, 'pg_execute_server_program', 'MEMBER') "
    "                        THEN 'member of pg_execute_server_program' END, "
    "                   CASE WHEN pg_has_role (o.oid, 'pg_write_server_files', 'MEMBER') "
    "                        THEN 'member of pg_write_server_files' END, "
    "                   CASE WHEN pg_has_role (o.oid, 'pg_read_server_files', 'MEMBER') "
    "                        THEN 'member of pg_read_server_files' END), "
    "  o.rolsuper OR o.rolcreaterole, "
    "  coalesce ((SELECT string_agg (g, ', ' ORDER BY g) "
    "     FROM unnest (ARRAY['ranah_opd', 'ranah_kadis', 'ranah_kabid', 'ranah_subkoor', "
    "                        'ranah_staf', 'ranah_admin', 'opd1', 'opd2', 'kadis', 'kabid', "
    "                        'subkoor', 'staf', 'admin']) g "
    "    WHERE has_function_privilege (g, p.oid, 'EXECUTE')), '') "
    "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
    "JOIN pg_roles o ON o.oid = p.proowner "
    "WHERE p.prosecdef AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
    "  AND n.nspname NOT LIKE 'pg\\_%%' ORDER BY 1");
  for (int i = 0; i < PQntuples (res); i++)
    {
      const char *fn = cell (res, i, 0);
      const char *owner = cell (res, i, 1);
      const char *rights = cell (res, i, 2);
      gboolean createrole = g_str_equal (cell (res, i, 3), "t");
      const char *callers = cell (res, i, 4);

      if (*callers == '\0')
        continue;
      n_callable++;
      check (&v, *rights == '\0',
             "%s is SECURITY DEFINER, callable by %s, and runs as %s, which has %s", fn,
             callers, owner, rights);
      check (&v, !createrole,
             "%s needs CREATEROLE (its owner %s has it) but %s may execute it directly", fn,
             owner, callers);
    }
  g_test_message ("owner-rights: %d SECURITY DEFINER functions in the database's schemas, "
                  "%u callable by officials",
                  PQntuples (res), n_callable);
  verdict_end (&v);
}

/* =========================================================================================
 * 5. Forged submit_request
 * ========================================================================================= */

#define SUBMIT_TABLES "requests,records,events"

typedef struct {
  Attack  *a;
  Verdict *v;
  Conn    *c;
  GBytes  *pdf;
} Submitter;

/* A submission the server must refuse, storing nothing. */
static void
expect_refused_submit (Submitter  *sb,
                       const char *what,
                       const char *p,
                       const char *records)
{
  g_autofree char *before = counts (sb->a, SUBMIT_TABLES);
  g_autofree char *after = NULL;
  gint64 now = server_now (sb->a);
  g_autoptr(PGresult) res = submit (sb->c, p, records, sb->pdf, now, now + 3 * 86400);
  g_autofree char *d = describe (res);

  check (sb->v, refused (res), "submit_request as %s with %s: %s (want a refusal)", sb->c->who,
         what, d);
  after = counts (sb->a, SUBMIT_TABLES);
  check (sb->v, g_str_equal (before, after), "submit_request as %s with %s stored something: "
         "%s → %s", sb->c->who, what, before, after);
}

/* A submission the server must take; the new request's id, or 0 (a failed check). */
static gint64
expect_accepted_submit (Submitter  *sb,
                        const char *what,
                        const char *p,
                        const char *records,
                        gint64      now)
{
  gint64 max_before = su_intf (sb->a, "SELECT coalesce (max (id), 0) FROM ranah.requests");
  g_autoptr(PGresult) res = submit (sb->c, p, records, sb->pdf, now, now + 3 * 86400);
  g_autofree char *d = describe (res);

  check (sb->v, res_ok (res), "submit_request as %s with %s: %s (want it accepted)",
         sb->c->who, what, d);
  if (!res_ok (res))
    return 0;
  return su_intf (sb->a, "SELECT coalesce (max (id), 0) FROM ranah.requests WHERE id > %"
                         G_GINT64_FORMAT, max_before);
}

/* Either accepted (the new id) or refused storing nothing (0): both are safe answers. */
static gint64
accepted_or_refused_submit (Submitter  *sb,
                            const char *what,
                            const char *p,
                            const char *records)
{
  g_autofree char *before = counts (sb->a, SUBMIT_TABLES);
  g_autofree char *after = NULL;
  gint64 max_before = su_intf (sb->a, "SELECT coalesce (max (id), 0) FROM ranah.requests");
  gint64 now = server_now (sb->a);
  g_autoptr(PGresult) res = submit (sb->c, p, records, sb->pdf, now, now + 3 * 86400);
  g_autofree char *d = describe (res);

  g_test_message ("submit_request as %s with %s: %s", sb->c->who, what, d);
  if (res_ok (res))
    return su_intf (sb->a, "SELECT coalesce (max (id), 0) FROM ranah.requests WHERE id > %"
                           G_GINT64_FORMAT, max_before);
  check (sb->v, refused (res), "submit_request as %s with %s: %s (want it accepted, or "
         "refused)", sb->c->who, what, d);
  after = counts (sb->a, SUBMIT_TABLES);
  check (sb->v, g_str_equal (before, after), "submit_request as %s with %s stored something: "
         "%s → %s", sb->c->who, what, before, after);
  return 0;
}

static void
test_forged_submit (void)
{
  static const char *const junk[] = {
    "a b/../*", "-x", "x-", "ab--cd", "xn--zz",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",  /* 64 */
  };
  g_autoptr(Attack) a = attack_new ();
  Verdict v = { "forged-submit", 0, 0 };
  g_autoptr(Conn) opd = as_user (a, "opd1");
  g_autoptr(GBytes) pdf = store_fixture_pdf (2048);
  g_autofree char *records = one_a_record ();
  g_autofree char *foreign_fqdn = g_strconcat ("sekolah.", a->parent, NULL);
  Submitter sb = { a, &v, opd, pdf };
  gint64 id;

  /* A live registry entry of the second OPD, entered by staff as the app does. */
  {
    g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_entry_free);
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(GError) error = NULL;
    RanahEntry *e = ranah_entry_new ();

    g_free (e->name);
    e->name = g_strdup ("sekolah");
    g_free (e->fqdn);
    e->fqdn = g_strdup (foreign_fqdn);
    e->opd_id = a->w->opd2_id;
    e->status = RANAH_ENTRY_ACTIVE;
    g_ptr_array_add (e->records, ranah_record_new (RANAH_RECORD_A, "", "103.20.30.50"));
    g_ptr_array_add (entries, e);
    store_world_sign_in (a->w, RANAH_ROLE_STAF);
    g_assert_true (ranah_store_import_entries (a->w->store, entries, &problems, &error));
    g_assert_no_error (error);
  }

  /* The control: a submission as the desktop makes it goes through. */
  {
    g_autofree char *p = request_json (a, "sahkontrol", NULL, a->w->opd_id);
    g_autofree char *want = g_strconcat ("sahkontrol.", a->parent, NULL);

    id = expect_accepted_submit (&sb, "a valid request (the control)", p, records, server_now (a));
    if (id != 0)
      {
        g_autofree char *fqdn = su_valuef (a, "SELECT fqdn FROM ranah.requests WHERE id = %"
                                              G_GINT64_FORMAT, id);
        check (&v, g_strcmp0 (fqdn, want) == 0, "the control request was stored with fqdn %s, "
               "not %s", fqdn, want);
      }
  }

  /* (a) Another OPD's live FQDN, or any FQDN, beside one's own name. */
  {
    static const char *const forged[2] = { NULL, "forgedfq2.evil.example" };
    static const char *const names[2] = { "forgedfq", "forgedfq2" };

    for (guint i = 0; i < 2; i++)
      {
        const char *fq = forged[i] != NULL ? forged[i] : foreign_fqdn;
        g_autofree char *p = request_json (a, names[i], fq, a->w->opd_id);
        g_autofree char *what = g_strdup_printf ("name “%s” and the forged fqdn “%s”", names[i], fq);
        g_autofree char *want = g_strconcat (names[i], ".", a->parent, NULL);

        id = accepted_or_refused_submit (&sb, what, p, records);
        if (id != 0)
          {
            g_autofree char *fqdn = su_valuef (a, "SELECT fqdn FROM ranah.requests WHERE id = %"
                                                  G_GINT64_FORMAT, id);
            check (&v, g_strcmp0 (fqdn, want) == 0, "submit_request as opd1 with %s stored fqdn "
                   "“%s” (want “%s”: the name under the profile's parent domain)", what, fqdn, want);
          }
      }
  }

  /* (b) Reserved names. */
  {
    static const char *const reserved[] = { "www", "WWW" };

    for (guint i = 0; i < G_N_ELEMENTS (reserved); i++)
      {
        g_autofree char *p = request_json (a, reserved[i], NULL, a->w->opd_id);
        g_autofree char *what = g_strdup_printf ("the reserved name “%s”", reserved[i]);
        expect_refused_submit (&sb, what, p, records);
      }
  }

  /* (c) Names that are no DNS label; upper case is folded. */
  for (guint i = 0; i < G_N_ELEMENTS (junk); i++)
    {
      g_autofree char *p = request_json (a, junk[i], NULL, a->w->opd_id);
      g_autofree char *what = g_strdup_printf ("the name “%s”", junk[i]);
      expect_refused_submit (&sb, what, p, records);
    }
  {
    g_autofree char *p = request_json (a, "LAYANAN", NULL, a->w->opd_id);
    g_autofree char *want = g_strconcat ("layanan.", a->parent, NULL);

    id = expect_accepted_submit (&sb, "the name “LAYANAN”", p, records, server_now (a));
    if (id != 0)
      {
        g_autoptr(PGresult) row = su_queryf (a, "SELECT name, fqdn FROM ranah.requests WHERE id = %"
                                                G_GINT64_FORMAT, id);
        check (&v, g_strcmp0 (cell (row, 0, 0), "layanan") == 0 && g_strcmp0 (cell (row, 0, 1), want) == 0,
               "submit_request as opd1 with the name “LAYANAN” stored name “%s”, fqdn “%s” "
               "(want “layanan”, “%s”)", cell (row, 0, 0), cell (row, 0, 1), want);
      }
  }

  /* (d) Names already held: by a pending request, by another OPD's live entry. */
  {
    static const char *const held[] = { "sahkontrol", "SAHKONTROL", "sekolah", "Sekolah" };

    for (guint i = 0; i < G_N_ELEMENTS (held); i++)
      {
        g_autofree char *p = request_json (a, held[i], NULL, a->w->opd_id);
        g_autofree char *what = g_strdup_printf ("the name “%s”, already held", held[i]);
        expect_refused_submit (&sb, what, p, records);
      }
  }

  /* (e) Records the desktop would never send. */
  {
    static const struct {
      const char *what;
      Rec         recs[2];
      guint       n;
    } bad[] = {
      { "an NS record", { { "NS", "", "ns1.evil.example", FALSE, FALSE, NULL } }, 1 },
      { "an A record 10.0.0.1 not marked internal",
        { { "A", "", "10.0.0.1", FALSE, FALSE, NULL } }, 1 },
      { "an A record “not-an-ip”", { { "A", "", "not-an-ip", FALSE, FALSE, NULL } }, 1 },
      { "a CNAME beside an A at the same host",
        { { "A", "", "103.20.30.40", FALSE, FALSE, NULL },
          { "CNAME", "", "web.evil.example", FALSE, FALSE, NULL } }, 2 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *name = g_strdup_printf ("rekaman%u", i);
        g_autofree char *p = request_json (a, name, NULL, a->w->opd_id);
        g_autofree char *recs = records_json (bad[i].recs, bad[i].n);
        expect_refused_submit (&sb, bad[i].what, p, recs);
      }
  }
  {
    static const Rec flagged[] = {
      { "A", "", "103.20.30.41", FALSE, TRUE, NULL },
      { "A", "www2", "103.20.30.42", FALSE, FALSE, "1.2.3.4" },
    };
    static const char *const what[] = { "a record marked “created”: true",
                                        "a record marked “verified”: “1.2.3.4”" };

    for (guint i = 0; i < G_N_ELEMENTS (flagged); i++)
      {
        g_autofree char *name = g_strdup_printf ("bendera%u", i);
        g_autofree char *p = request_json (a, name, NULL, a->w->opd_id);
        g_autofree char *recs = records_json (&flagged[i], 1);

        id = accepted_or_refused_submit (&sb, what[i], p, recs);
        if (id != 0)
          {
            g_autoptr(PGresult) row = su_queryf (a, "SELECT bool_or (created)::text, "
                                                    "  string_agg (verified, ',') "
                                                    "FROM ranah.records WHERE request_id = %"
                                                    G_GINT64_FORMAT, id);
            check (&v, g_strcmp0 (cell (row, 0, 0), "false") == 0 && cell (row, 0, 1) == NULL,
                   "submit_request as opd1 with %s stored created = %s, verified = %s (want "
                   "false and NULL)", what[i], cell (row, 0, 0),
                   cell (row, 0, 1) != NULL ? cell (row, 0, 1) : "NULL");
          }
      }
  }

  /* (f) A desktop clock in 2099. */
  {
    g_autofree char *p = request_json (a, "jamdepan", NULL, a->w->opd_id);

    id = expect_accepted_submit (&sb, "p_now = 2099-01-01", p, records, FAR_FUTURE_2099);
    if (id != 0)
      {
        g_autoptr(PGresult) row = su_queryf (a, "SELECT agenda_year, created_at, state_since, "
                                                "  (SELECT at FROM ranah.events WHERE request_id = r.id "
                                                "    ORDER BY seq LIMIT 1) "
                                                "FROM ranah.requests r WHERE id = %" G_GINT64_FORMAT, id);
        gint64 now = server_now (a), year = server_year (a);
        gint64 stored_year = g_ascii_strtoll (cell (row, 0, 0), NULL, 10);
        gint64 created_at = g_ascii_strtoll (cell (row, 0, 1), NULL, 10);
        gint64 state_since = g_ascii_strtoll (cell (row, 0, 2), NULL, 10);
        gint64 event_at = cell (row, 0, 3) != NULL ? g_ascii_strtoll (cell (row, 0, 3), NULL, 10) : 0;

        check (&v, stored_year == year, "submit_request as opd1 with p_now = 2099-01-01 stored "
               "agenda_year %" G_GINT64_FORMAT " (want the server's year, %" G_GINT64_FORMAT ")",
               stored_year, year);
        check (&v, ABS (created_at - now) <= CLOCK_SLACK, "submit_request as opd1 with p_now = "
               "2099-01-01 stored created_at %" G_GINT64_FORMAT " (the server's now is %"
               G_GINT64_FORMAT ")", created_at, now);
        check (&v, ABS (state_since - now) <= CLOCK_SLACK, "submit_request as opd1 with p_now = "
               "2099-01-01 stored state_since %" G_GINT64_FORMAT " (the server's now is %"
               G_GINT64_FORMAT ")", state_since, now);
        check (&v, ABS (event_at - now) <= CLOCK_SLACK, "submit_request as opd1 with p_now = "
               "2099-01-01 stored its event at %" G_GINT64_FORMAT " (the server's now is %"
               G_GINT64_FORMAT ")", event_at, now);
      }
  }

  /* (g) Another OPD's id in the request. */
  {
    g_autofree char *p = request_json (a, "opdlain", NULL, a->w->opd2_id);

    id = expect_accepted_submit (&sb, "the second OPD's opd_id", p, records, server_now (a));
    if (id != 0)
      {
        gint64 opd_id = su_intf (a, "SELECT opd_id FROM ranah.requests WHERE id = %"
                                    G_GINT64_FORMAT, id);
        check (&v, opd_id == a->w->opd_id, "submit_request as opd1 with the second OPD's opd_id "
               "stored the request under OPD %" G_GINT64_FORMAT " (want the caller's own, %"
               G_GINT64_FORMAT ")", opd_id, a->w->opd_id);
      }
  }
  verdict_end (&v);
}

/* =========================================================================================
 * 6. Forged moves
 * ========================================================================================= */

static void
test_forged_moves (void)
{
  g_autoptr(Attack) a = attack_new ();
  Verdict v = { "forged-moves", 0, 0 };
  gint64 mine = store_world_request_in (a->w, RANAH_STATE_AT_STAF, FALSE);
  gint64 other = store_world_submit (a->w, NULL, TRUE);
  gint64 later = store_world_request_in (a->w, RANAH_STATE_AT_STAF, FALSE);
  g_autoptr(Conn) staf = as_user (a, "staf");
  g_autofree char *other_records = su_valuef (a, "SELECT string_agg (format ('{\"id\": %%s, "
                                                 "\"verified\": \"6.6.6.6\"}', id), ',') "
                                                 "FROM ranah.records WHERE request_id = %"
                                                 G_GINT64_FORMAT, other);
  g_autofree char *records = g_strdup_printf ("[%s]", other_records);
  g_autofree char *before = table_fingerprint (a, "records");
  g_autofree char *other_before = su_valuef (a, "SELECT string_agg (format ('%%s:%%s:%%s', id, "
                                                "created, coalesce (verified, 'NULL')), ',' ORDER BY id) "
                                                "FROM ranah.records WHERE request_id = %"
                                                G_GINT64_FORMAT, other);
  g_autofree char *other_after = NULL;

  g_assert_nonnull (other_records);
  /* Records of another request named in a move of one's own. */
  {
    g_autoptr(PGresult) res = move_as (staf, "create", mine, request_version (a, mine),
                                       server_now (a), records);
    g_autofree char *d = describe (res);

    g_test_message ("move ('create') of request %" G_GINT64_FORMAT " as staf naming request %"
                    G_GINT64_FORMAT "'s records %s: %s", mine, other, records, d);
    other_after = su_valuef (a, "SELECT string_agg (format ('%%s:%%s:%%s', id, created, "
                                "coalesce (verified, 'NULL')), ',' ORDER BY id) "
                                "FROM ranah.records WHERE request_id = %" G_GINT64_FORMAT, other);
    check (&v, g_strcmp0 (other_before, other_after) == 0,
           "move ('create') of request %" G_GINT64_FORMAT " as staf with p_records naming request %"
           G_GINT64_FORMAT "'s records changed them: %s → %s", mine, other, other_before,
           other_after);
    if (!res_ok (res))
      {
        g_autofree char *after = table_fingerprint (a, "records");
        check (&v, g_strcmp0 (before, after) == 0, "a refused move ('create') changed "
               "ranah.records");
      }
  }

  /* A desktop clock in 2100 (the records seen in DNS first, as step 5 needs). */
  store_world_prove (a->w, later);
  {
    g_autoptr(PGresult) res = move_as (staf, "create", later, request_version (a, later),
                                       FAR_FUTURE_2100, NULL);
    g_autofree char *d = describe (res);

    check (&v, res_ok (res), "move ('create') of request %" G_GINT64_FORMAT " as staf, its "
           "assignee, with p_now = 2100-01-01: %s (want it accepted, at the server's time)",
           later, d);
    if (res_ok (res))
      {
        g_autoptr(PGresult) row = su_queryf (a, "SELECT (SELECT at FROM ranah.events "
                                                "         WHERE request_id = r.id AND action = 'create' "
                                                "         ORDER BY seq DESC LIMIT 1), state_since "
                                                "FROM ranah.requests r WHERE id = %"
                                                G_GINT64_FORMAT, later);
        gint64 now = server_now (a);
        gint64 at = cell (row, 0, 0) != NULL ? g_ascii_strtoll (cell (row, 0, 0), NULL, 10) : 0;
        gint64 since = g_ascii_strtoll (cell (row, 0, 1), NULL, 10);

        check (&v, ABS (at - now) <= CLOCK_SLACK, "move ('create') as staf with p_now = "
               "2100-01-01 stored its event at %" G_GINT64_FORMAT " (the server's now is %"
               G_GINT64_FORMAT ")", at, now);
        check (&v, ABS (since - now) <= CLOCK_SLACK, "move ('create') as staf with p_now = "
               "2100-01-01 stored state_since %" G_GINT64_FORMAT " (the server's now is %"
               G_GINT64_FORMAT ")", since, now);
      }
  }
  verdict_end (&v);
}

/* =========================================================================================
 * 7. finish_sign
 * ========================================================================================= */

typedef enum {
  NUMBER_FIXED_WRONG,
  NUMBER_OTHER,
  NUMBER_SERVERS,
} NumberChoice;

typedef struct {
  Attack     *a;
  Verdict    *v;
  Conn       *kadis;
  gint64      request_id;
  GHashTable *profile;
  gint64      letter_id;
  gint64      urut;
  char       *expected;
} Signing;

/* In a transaction the caller ends: move ('sign') and then finish_sign with the chosen
 * number and PDF. NULL when the move itself failed (a failed check). */
static PGresult *
sign_attempt (Signing      *sg,
              NumberChoice  choice,
              const guint8 *pdf,
              gsize         size)
{
  g_autoptr(PGresult) moved = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Params) p = { 0 };
  g_autofree char *number = NULL;
  gint64 year, month;

  must (sg->kadis, "BEGIN");
  moved = move_as (sg->kadis, "sign", sg->request_id, request_version (sg->a, sg->request_id),
                   server_now (sg->a), NULL);
  if (!res_ok (moved) || cell (moved, 0, 0) == NULL)
    {
      g_autofree char *d = describe (moved);
      check (sg->v, FALSE, "move ('sign') of request %" G_GINT64_FORMAT " as kadis: %s (want "
             "it accepted, with its letter id)", sg->request_id, d);
      return NULL;
    }
  sg->letter_id = g_ascii_strtoll (cell (moved, 0, 0), NULL, 10);
  sg->urut = g_ascii_strtoll (cell (moved, 0, 1), NULL, 10);
  year = g_ascii_strtoll (cell (moved, 0, 2), NULL, 10);
  month = g_ascii_strtoll (cell (moved, 0, 3), NULL, 10);
  g_free (sg->expected);
  sg->expected = ranah_letter_number_format (g_hash_table_lookup (sg->profile, RANAH_PROFILE_NUMBER_TEMPLATE),
                                             g_hash_table_lookup (sg->profile, RANAH_PROFILE_CLASSIFICATION),
                                             (guint) sg->urut,
                                             g_hash_table_lookup (sg->profile, RANAH_PROFILE_AGENCY_SHORT),
                                             (guint) year, (guint) month, &error);
  g_assert_no_error (error);
  switch (choice)
    {
    case NUMBER_FIXED_WRONG:
      number = g_strdup ("000.5.2/0001/DKISP/2025");
      break;
    case NUMBER_OTHER:
      number = ranah_letter_number_format (g_hash_table_lookup (sg->profile, RANAH_PROFILE_NUMBER_TEMPLATE),
                                           g_hash_table_lookup (sg->profile, RANAH_PROFILE_CLASSIFICATION),
                                           (guint) sg->urut + 7,
                                           g_hash_table_lookup (sg->profile, RANAH_PROFILE_AGENCY_SHORT),
                                           (guint) year, (guint) month, &error);
      g_assert_no_error (error);
      break;
    case NUMBER_SERVERS:
    default:
      number = g_strdup (sg->expected);
      break;
    }
  p_int (&p, sg->letter_id);
  p_text (&p, number);
  p_bytes (&p, pdf, size);
  return exec_params (sg->kadis, "SELECT ranah.finish_sign ($1, $2, $3)", &p);
}

static void
test_finish_sign (void)
{
  g_autoptr(Attack) a = attack_new ();
  Verdict v = { "finish-sign", 0, 0 };
  g_autoptr(Conn) kadis = as_user (a, "kadis");
  g_autoptr(GHashTable) profile = ranah_profile_default ();
  g_autoptr(GBytes) real = store_fixture_pdf (4096);
  g_autoptr(GBytes) huge = store_fixture_pdf (20 * 1024 * 1024 + 1);
  static const char not_pdf[] = "not a pdf at all";
  Signing sg = { 0 };
  g_autofree char *counters_before = NULL;
  gint64 first_urut = 0;
  struct {
    const char   *what;
    NumberChoice  choice;
    GBytes       *pdf;
  } attempts[] = {
    { "the number “000.5.2/0001/DKISP/2025” and “not a pdf at all”", NUMBER_FIXED_WRONG, NULL },
    { "a number of its own choosing and a real PDF", NUMBER_OTHER, real },
    { "the server's number and “not a pdf at all”", NUMBER_SERVERS, NULL },
    { "the server's number and a PDF over 20 MB", NUMBER_SERVERS, huge },
  };

  sg.a = a;
  sg.v = &v;
  sg.kadis = kadis;
  sg.request_id = store_world_request_in (a->w, RANAH_STATE_REVIEWED, FALSE);
  sg.profile = profile;
  {
    g_autoptr(PGresult) rows = su_queryf (a, "SELECT key, value FROM ranah.profile");
    for (int i = 0; i < PQntuples (rows); i++)
      g_hash_table_insert (profile, g_strdup (cell (rows, i, 0)), g_strdup (cell (rows, i, 1)));
  }
  counters_before = table_fingerprint (a, "letter_counters");

  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      g_autoptr(PGresult) res = NULL;
      g_autofree char *d = NULL;
      gsize size = sizeof not_pdf - 1;
      const guint8 *data = (const guint8 *) not_pdf;

      if (attempts[i].pdf != NULL)
        data = g_bytes_get_data (attempts[i].pdf, &size);
      res = sign_attempt (&sg, attempts[i].choice, data, size);
      if (first_urut == 0)
        first_urut = sg.urut;
      if (res != NULL)
        {
          d = describe (res);
          check (&v, refused (res), "finish_sign as kadis with %s (the server's number is %s): "
                 "%s (want a refusal)", attempts[i].what, sg.expected, d);
        }
      must (kadis, "ROLLBACK");
    }
  {
    g_autofree char *counters_after = table_fingerprint (a, "letter_counters");
    g_autofree char *state = su_valuef (a, "SELECT state FROM ranah.requests WHERE id = %"
                                           G_GINT64_FORMAT, sg.request_id);

    check (&v, g_str_equal (counters_before, counters_after), "refused signings kept letter "
           "numbers: ranah.letter_counters %s → %s", counters_before, counters_after);
    check (&v, g_strcmp0 (state, "reviewed") == 0, "after refused signings the request is %s "
           "(want reviewed)", state);
  }

  /* The right number and a real PDF: signed, with the SHA-256 of those bytes. */
  {
    gsize size;
    const guint8 *data = g_bytes_get_data (real, &size);
    g_autofree char *sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);
    g_autoptr(PGresult) res = sign_attempt (&sg, NUMBER_SERVERS, data, size);
    g_autofree char *d = describe (res);

    check (&v, res != NULL && res_ok (res), "finish_sign as kadis with the server's number %s "
           "and a real PDF: %s (want it accepted)", sg.expected, d);
    if (res != NULL && res_ok (res))
      {
        g_autoptr(PGresult) commit = exec_sql (kadis, "COMMIT");
        g_autofree char *dc = describe (commit);

        check (&v, res_ok (commit), "COMMIT of the signing: %s", dc);
        if (res_ok (commit))
          {
            g_autoptr(PGresult) row = su_queryf (a, "SELECT number, pdf_sha256, state, length (pdf) "
                                                    "FROM ranah.letters WHERE id = %" G_GINT64_FORMAT,
                                                 sg.letter_id);
            check (&v, g_strcmp0 (cell (row, 0, 1), sha) == 0, "the signed letter's pdf_sha256 "
                   "is %s (the test computes %s)", cell (row, 0, 1), sha);
            check (&v, g_strcmp0 (cell (row, 0, 0), sg.expected) == 0, "the signed letter's "
                   "number is %s (want %s)", cell (row, 0, 0), sg.expected);
            check (&v, g_strcmp0 (cell (row, 0, 2), "signed") == 0, "the letter is %s after "
                   "signing", cell (row, 0, 2));
            check (&v, sg.urut == first_urut, "the signing got number %" G_GINT64_FORMAT
                   " after refused ones, not %" G_GINT64_FORMAT, sg.urut, first_urut);
          }
      }
    else
      {
        g_autoptr(PGresult) rollback = exec_sql (kadis, "ROLLBACK");
      }
  }
  g_free (sg.expected);
  verdict_end (&v);
}

/* =========================================================================================
 * 8. The registry
 * ========================================================================================= */

#define REGISTRY_TABLES "entries,entry_records,events"

static char *
entry_json (Attack     *a,
            const char *name,
            const char *fqdn,
            gint64      opd_id,
            const char *status,
            gint64      request_id)
{
  GString *s = g_string_new ("[{");
  g_autofree char *computed = g_strconcat (name, ".", a->parent, NULL);
  g_autofree char *recs = one_a_record ();

  json_str (s, "name", name);
  json_str (s, "fqdn", fqdn != NULL ? fqdn : computed);
  json_int (s, "opd_id", opd_id);
  json_str (s, "purpose", "Portal");
  json_str (s, "contact_name", "Budi Santoso");
  json_str (s, "contact_phone", "081234567890");
  json_str (s, "contact_email", "budi@dinkes.tarakankota.go.id");
  json_str (s, "status", status);
  json_str (s, "activated_on", "2026-03-02");
  if (request_id != 0)
    json_int (s, "request_id", request_id);
  json_raw (s, "records", recs);
  g_string_append (s, "}]");
  return g_string_free (s, FALSE);
}

static PGresult *
import_as (Conn       *c,
           const char *entries,
           gint64      now)
{
  g_auto(Params) p = { 0 };

  p_text (&p, entries);
  p_int (&p, now);
  return exec_params (c, "SELECT ranah.import_entries ($1::jsonb, $2)", &p);
}

static PGresult *
set_status_as (Conn       *c,
               gint64      entry_id,
               gint64      version,
               const char *status,
               gint64      now)
{
  g_auto(Params) p = { 0 };

  p_int (&p, entry_id);
  p_int (&p, version);
  p_text (&p, status);
  p_text (&p, "uji");
  p_int (&p, now);
  return exec_params (c, "SELECT ranah.set_entry_status ($1, $2, $3, $4, $5)", &p);
}

static void
test_registry (void)
{
  g_autoptr(Attack) a = attack_new ();
  Verdict v = { "registry", 0, 0 };
  gint64 in_flight = store_world_submit (a->w, NULL, TRUE);
  gint64 done = store_world_request_in (a->w, RANAH_STATE_DONE, FALSE);
  g_autoptr(Conn) staf = as_user (a, "staf");
  g_autofree char *wrong_fqdn = g_strdup ("fqdnsalah.evil.example");
  gint64 entry_id = 0;
  struct {
    const char *what;
    char       *json;
  } bad[4];

  bad[0].what = "an entry bound to an in-flight request";
  bad[0].json = entry_json (a, "ikatjalan", NULL, a->w->opd_id, "active", in_flight);
  bad[1].what = "an entry of the second OPD bound to the first OPD's request";
  bad[1].json = entry_json (a, "ikatlain", NULL, a->w->opd2_id, "active", done);
  bad[2].what = "an entry whose fqdn is not name.parent";
  bad[2].json = entry_json (a, "fqdnsalah", wrong_fqdn, a->w->opd_id, "active", 0);
  bad[3].what = "an entry with the status “pwned”";
  bad[3].json = entry_json (a, "statussalah", NULL, a->w->opd_id, "pwned", 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *before = counts (a, REGISTRY_TABLES);
      g_autofree char *after = NULL;
      g_autoptr(PGresult) res = import_as (staf, bad[i].json, server_now (a));
      g_autofree char *d = describe (res);

      check (&v, refused (res), "import_entries as staf with %s: %s (want a refusal)",
             bad[i].what, d);
      after = counts (a, REGISTRY_TABLES);
      check (&v, g_str_equal (before, after), "import_entries as staf with %s stored something: "
             "%s → %s", bad[i].what, before, after);
      g_free (bad[i].json);
    }

  /* The control: an entry as the app imports it. */
  {
    g_autofree char *json = entry_json (a, "registriok", NULL, a->w->opd_id, "active", 0);
    g_autoptr(PGresult) res = import_as (staf, json, server_now (a));
    g_autofree char *d = describe (res);

    check (&v, res_ok (res), "import_entries as staf with a valid entry (the control): %s", d);
    entry_id = su_intf (a, "SELECT coalesce (max (id), 0) FROM ranah.entries WHERE name = 'registriok'");
  }
  if (entry_id != 0)
    {
      gint64 version = su_intf (a, "SELECT version FROM ranah.entries WHERE id = %"
                                   G_GINT64_FORMAT, entry_id);
      g_autofree char *before = table_fingerprint (a, "entries");
      g_autofree char *events_before = counts (a, "events");
      g_autoptr(PGresult) res = set_status_as (staf, entry_id, version, "pwned", server_now (a));
      g_autofree char *d = describe (res);
      g_autofree char *after = table_fingerprint (a, "entries");
      g_autofree char *events_after = counts (a, "events");
      g_autoptr(PGresult) control = NULL;
      g_autofree char *dc = NULL;

      check (&v, refused (res), "set_entry_status (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
             ", 'pwned', …) as staf: %s (want a refusal)", entry_id, version, d);
      check (&v, g_strcmp0 (before, after) == 0 && g_str_equal (events_before, events_after),
             "set_entry_status (…, 'pwned', …) as staf changed the registry or the audit trail");
      /* Whatever became of 'pwned', the control starts from the entry's version now. */
      version = su_intf (a, "SELECT version FROM ranah.entries WHERE id = %" G_GINT64_FORMAT,
                         entry_id);
      control = set_status_as (staf, entry_id, version, "suspended", server_now (a));
      dc = describe (control);
      check (&v, res_ok (control), "set_entry_status (…, 'suspended', …) as staf (the control): %s",
             dc);
    }
  verdict_end (&v);
}

/* =========================================================================================
 * 9. Stalls
 * ========================================================================================= */

static gboolean
stall_state_ok (const char *state)
{
  return g_str_equal (state, "RN015") || g_str_equal (state, "55P03")
         || g_str_equal (state, "57014");
}

/* A client another official's idle transaction may hold up: its call, how to fill it, and
 * what a refused call must leave as it was. */
typedef struct {
  const char *what;
  Conn       *conn;
  const char *sql;
  void      (*fill)     (Attack *a, gpointer data, Params *p);
  char     *(*snapshot) (Attack *a, gpointer data);
  gpointer    data;
  gboolean    held_up;  /* its first call waited, or was refused, or had no answer */
  gboolean    done;
  guint       attempts;
} Victim;

static PGresult *
victim_call (Victim  *vi,
             Attack  *a,
             gint64   deadline,
             gboolean *timed_out)
{
  g_auto(Params) p = { 0 };

  vi->fill (a, vi->data, &p);
  vi->attempts++;
  g_assert_cmpint (PQsendQueryParams (vi->conn->pg, vi->sql, p.n, p.types, p.values,
                                      p.lengths, p.formats, 0), ==, 1);
  return await_result (vi->conn, deadline, timed_out);
}

/* The first call: answered within 12 s, done or refused as busy, storing nothing. */
static void
victim_first (Verdict *v,
              Attack  *a,
              Victim  *vi)
{
  g_autofree char *before = vi->snapshot (a, vi->data);
  gint64 sent = g_get_monotonic_time ();
  gboolean timed_out = FALSE;
  g_autoptr(PGresult) res = victim_call (vi, a, sent + 12 * G_USEC_PER_SEC, &timed_out);
  double waited = (g_get_monotonic_time () - sent) / (double) G_USEC_PER_SEC;
  g_autofree char *d = describe (res);

  if (timed_out)
    {
      check (v, FALSE, "%s had no answer after 12 s behind opd1's idle transaction (want it "
             "done, or refused with RN015, 55P03 or 57014)", vi->what);
      cancel_query (vi->conn);
      vi->held_up = TRUE;
    }
  else if (res_ok (res))
    {
      vi->done = TRUE;
      vi->held_up = waited >= 2.0;
    }
  else
    {
      g_autofree char *after = vi->snapshot (a, vi->data);

      check (v, stall_state_ok (res_state (res)), "%s behind opd1's idle transaction: %s "
             "after %.1f s (want done, or RN015, 55P03 or 57014)", vi->what, d, waited);
      check (v, g_strcmp0 (before, after) == 0, "%s, refused, stored something: %s → %s",
             vi->what, before, after);
      vi->held_up = TRUE;
    }
  g_test_message ("stall: %s answered after %.1f s: %s", vi->what, waited,
                  timed_out ? "no answer (cancelled)" : d);
}

/* Tries again until it goes through or @deadline passes. */
static void
victim_retry (Verdict *v,
              Attack  *a,
              Victim  *vi,
              gint64   t0,
              gint64   deadline)
{
  while (!vi->done && g_get_monotonic_time () < deadline)
    {
      gboolean timed_out = FALSE;
      g_autoptr(PGresult) res = NULL;

      g_usleep (G_USEC_PER_SEC);
      res = victim_call (vi, a, MIN (deadline, g_get_monotonic_time () + 12 * G_USEC_PER_SEC),
                         &timed_out);
      if (timed_out)
        cancel_query (vi->conn);
      else if (res_ok (res))
        vi->done = TRUE;
    }
  check (v, vi->done, "%s did not go through within 40 s of opd1's transaction going idle "
         "(%u attempts): the server did not end the idle transaction", vi->what, vi->attempts);
  g_test_message ("stall: %s %s %.1f s after opd1 went idle, attempt %u", vi->what,
                  vi->done ? "went through" : "still blocked",
                  (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC, vi->attempts);
}

typedef struct {
  gint64  target;
  GBytes *pdf;
  char   *p;
  char   *records;
} StallWork;

static void
fill_dispose (Attack   *a,
              gpointer  data,
              Params   *p)
{
  StallWork *work = data;

  move_params (p, "dispose-to-kabid", work->target, request_version (a, work->target),
               server_now (a), NULL);
}

static char *
snapshot_dispose (Attack   *a,
                  gpointer  data)
{
  StallWork *work = data;

  return g_strdup_printf ("version %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT " events",
                          request_version (a, work->target), n_events_of (a, work->target));
}

static void
fill_submit (Attack   *a,
             gpointer  data,
             Params   *p)
{
  StallWork *work = data;
  gint64 now = server_now (a);

  p_text (p, work->p);
  p_text (p, work->records);
  p_gbytes (p, work->pdf);
  p_int (p, now);
  p_int (p, now + 3 * 86400);
}

static char *
snapshot_submit (Attack   *a,
                 gpointer  data)
{
  return counts (a, SUBMIT_TABLES);
}

static void
test_stall_idle_transaction (void)
{
  g_autoptr(Attack) a = attack_new ();
  Verdict v = { "stall-idle-transaction", 0, 0 };
  g_autoptr(GBytes) pdf = store_fixture_pdf (2048);
  g_autofree char *records = one_a_record ();
  g_autofree char *p = request_json (a, "macet", NULL, a->w->opd_id);
  g_autofree char *p2 = request_json (a, "macetlain", NULL, a->w->opd2_id);
  g_autofree char *what_b = NULL;
  StallWork move_work = { 0 }, submit_work = { 0 };
  g_autoptr(Conn) holder = as_user (a, "opd1");
  g_autoptr(Conn) kadis = NULL;
  g_autoptr(Conn) opd2 = NULL;
  g_autoptr(PGresult) started = NULL;
  Victim victims[2];
  gint64 t0, now = server_now (a);

  /* B's request, submitted before anyone holds a lock. */
  move_work.target = store_world_submit (a->w, NULL, TRUE);
  submit_work.pdf = pdf;
  submit_work.p = p2;
  submit_work.records = records;

  /* A: an OPD user opens a transaction, submits, and goes idle, having turned off the
   * server's idle timeout for its own session. */
  must (holder, "SET idle_in_transaction_session_timeout = 0");
  must (holder, "BEGIN");
  started = submit (holder, p, records, pdf, now, now + 3 * 86400);
  if (!res_ok (started))
    {
      g_autofree char *d = describe (started);
      check (&v, FALSE, "opd1's submit_request inside BEGIN: %s (the case needs it to succeed)", d);
      verdict_end (&v);
      return;
    }
  t0 = g_get_monotonic_time ();

  /* The victims, with nothing but the server's own limits: B, Kepala Dinas moving another
   * request; C, the second OPD submitting (it needs the year's agenda counter A holds). */
  kadis = as_user_with (a, "kadis", NULL);
  opd2 = as_user_with (a, "opd2", NULL);
  what_b = g_strdup_printf ("kadis's move ('dispose-to-kabid') of request %" G_GINT64_FORMAT,
                            move_work.target);
  victims[0] = (Victim) { what_b, kadis, MOVE_SQL, fill_dispose, snapshot_dispose, &move_work,
                          FALSE, FALSE, 0 };
  victims[1] = (Victim) { "opd2's submit_request", opd2,
                          "SELECT ranah.submit_request ($1::jsonb, $2::jsonb, $3, $4, $5)",
                          fill_submit, snapshot_submit, &submit_work, FALSE, FALSE, 0 };
  for (guint i = 0; i < G_N_ELEMENTS (victims); i++)
    victim_first (&v, a, &victims[i]);

  /* The server ends the idle transaction: within 40 s of A going idle, both go through. */
  for (guint i = 0; i < G_N_ELEMENTS (victims); i++)
    victim_retry (&v, a, &victims[i], t0, t0 + 40 * G_USEC_PER_SEC);

  /* A's connection was ended, and its submission with it. */
  {
    g_autoptr(PGresult) res = exec_sql (holder, "SELECT 1");
    gboolean alive = res_ok (res) && PQstatus (holder->pg) == CONNECTION_OK;
    gboolean held_up = victims[0].held_up || victims[1].held_up;
    g_autofree char *left = NULL;

    if (held_up)
      check (&v, !alive, "opd1's connection, idle in a transaction for %.0f s with "
             "idle_in_transaction_session_timeout = 0 while others waited on it, was not "
             "terminated", (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC);
    else
      g_test_message ("stall: nobody waited on opd1's idle transaction; its connection is %s",
                      alive ? "still open" : "closed");
    if (alive)
      {
        g_autoptr(PGresult) rollback = exec_sql (holder, "ROLLBACK");
      }
    left = su_valuef (a, "SELECT count (*) FROM ranah.requests WHERE name = 'macet'");
    check (&v, g_strcmp0 (left, "0") == 0, "opd1's submission from the stalled transaction "
           "was stored");
  }
  verdict_end (&v);
}

static void
test_stall_disconnect (void)
{
  g_autoptr(Attack) a = attack_new ();
  Verdict v = { "stall-disconnect-while-waiting", 0, 0 };
  gint64 ids[2];
  gint64 n_events[2];
  Conn *waiters[2];
  int pids[2];
  gboolean waiting[2] = { FALSE, FALSE };
  static const char *const how[2] = { "closed its connection (PQfinish)",
                                      "shut its socket down and closed it" };
  g_autoptr(Conn) holder = conn_open (a->db, env ("RANAH_TEST_PG_SUPERUSER"),
                                      env ("RANAH_TEST_PG_SUPERUSER_PASSWORD"), BOUNDED);
  g_autofree char *lock = NULL;
  gint64 start;

  for (guint i = 0; i < 2; i++)
    {
      ids[i] = store_world_submit (a->w, NULL, TRUE);
      n_events[i] = n_events_of (a, ids[i]);
    }
  /* Someone holds the requests' rows. */
  lock = g_strdup_printf ("SELECT id FROM ranah.requests WHERE id IN (%" G_GINT64_FORMAT ", %"
                          G_GINT64_FORMAT ") FOR UPDATE", ids[0], ids[1]);
  must (holder, "BEGIN");
  must (holder, lock);

  for (guint i = 0; i < 2; i++)
    {
      g_auto(Params) mp = { 0 };

      waiters[i] = as_user_with (a, "kadis", NULL);
      pids[i] = PQbackendPID (waiters[i]->pg);
      move_params (&mp, "dispose-to-kabid", ids[i], 1, server_now (a), NULL);
      g_assert_cmpint (PQsendQueryParams (waiters[i]->pg, MOVE_SQL, mp.n, mp.types, mp.values,
                                          mp.lengths, mp.formats, 0), ==, 1);
    }
  /* Both wait on the lock (or were answered at once: the server's own limit). */
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 5 * G_USEC_PER_SEC && !(waiting[0] && waiting[1]))
    {
      for (guint i = 0; i < 2; i++)
        {
          g_autofree char *wait = su_valuef (a, "SELECT coalesce (wait_event_type, '') "
                                                "FROM pg_stat_activity WHERE pid = %d", pids[i]);
          waiting[i] = g_strcmp0 (wait, "Lock") == 0;
        }
      g_usleep (100 * 1000);
    }
  for (guint i = 0; i < 2; i++)
    g_test_message ("stall: kadis's move of request %" G_GINT64_FORMAT " %s when its client "
                    "went", ids[i], waiting[i] ? "waited on the lock" : "did not wait on a lock");

  /* The clients go away while their statements wait. */
  PQfinish (waiters[0]->pg);
  waiters[0]->pg = NULL;
  shutdown (PQsocket (waiters[1]->pg), SHUT_RDWR);
  PQfinish (waiters[1]->pg);
  waiters[1]->pg = NULL;
  g_usleep (3 * G_USEC_PER_SEC);
  must (holder, "ROLLBACK");

  /* Their backends end; nothing they were doing is committed. */
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 10 * G_USEC_PER_SEC
         && su_intf (a, "SELECT count (*) FROM pg_stat_activity WHERE pid IN (%d, %d)",
                     pids[0], pids[1]) > 0)
    g_usleep (100 * 1000);
  g_usleep (G_USEC_PER_SEC / 2);
  for (guint i = 0; i < 2; i++)
    {
      gint64 version = request_version (a, ids[i]);
      g_autofree char *state = su_valuef (a, "SELECT state FROM ranah.requests WHERE id = %"
                                             G_GINT64_FORMAT, ids[i]);

      check (&v, version == 1 && n_events_of (a, ids[i]) == n_events[i],
             "kadis's move ('dispose-to-kabid') of request %" G_GINT64_FORMAT ", whose client %s "
             "while the statement waited on a lock, was committed when the lock was released "
             "(now version %" G_GINT64_FORMAT ", %s)", ids[i], how[i], version, state);
      conn_close (waiters[i]);
    }
  verdict_end (&v);
}

/* =========================================================================================
 * 10. LISTEN as another OPD
 * ========================================================================================= */

/* Whether @payload holds @number as a whole number (not inside a longer one). */
static gboolean
has_number (const char *payload,
            gint64      number)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, number);
  gsize len = strlen (text);

  for (const char *p = strstr (payload, text); p != NULL; p = strstr (p + 1, text))
    if ((p == payload || !g_ascii_isdigit (p[-1])) && !g_ascii_isdigit (p[len]))
      return TRUE;
  return FALSE;
}

static void
test_listen_other_opd (void)
{
  g_autoptr(Attack) a = attack_new ();
  Verdict v = { "listen-other-opd", 0, 0 };
  g_autoptr(Conn) listener = as_user (a, "opd2");
  g_autoptr(PGresult) channels = NULL;
  g_autoptr(GPtrArray) heard = g_ptr_array_new_with_free_func (g_free);
  static const char *const states[] = { "submitted", "at_kabid", "at_subkoor", "at_staf" };
  gint64 assignees[3], id, start, last;

  channels = su_queryf (a,
    "SELECT DISTINCT ch FROM ("
    "  SELECT (regexp_matches (p.prosrc, 'pg_notify\\s*\\(\\s*''([^'']+)''', 'gi'))[1] AS ch "
    "    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'ranah' "
    "  UNION "
    "  SELECT lower ((regexp_matches (p.prosrc, '\\mNOTIFY\\s+\"?([A-Za-z_][A-Za-z0-9_]*)', 'gi'))[1]) "
    "    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'ranah' "
    "  UNION SELECT 'ranah') x ORDER BY 1");
  for (int i = 0; i < PQntuples (channels); i++)
    {
      g_autofree char *q = quote_ident (cell (channels, i, 0));
      g_autofree char *sql = g_strdup_printf ("LISTEN %s", q);

      must (listener, sql);
      g_test_message ("listen: opd2 listens on “%s”", cell (channels, i, 0));
    }

  id = store_world_submit (a->w, NULL, TRUE);
  store_world_move (a->w, id, RANAH_ACTION_DISPOSE_TO_KABID, RANAH_ROLE_KADIS);
  store_world_move (a->w, id, RANAH_ACTION_DISPOSE_TO_SUBKOOR, RANAH_ROLE_KABID);
  store_world_move (a->w, id, RANAH_ACTION_DISPOSE_TO_STAF, RANAH_ROLE_SUBKOOR);
  assignees[0] = a->w->user_ids[RANAH_ROLE_KABID];
  assignees[1] = a->w->user_ids[RANAH_ROLE_SUBKOOR];
  assignees[2] = a->w->user_ids[RANAH_ROLE_STAF];

  /* Everything that arrives until a second passes without news (at most 5 s). */
  start = last = g_get_monotonic_time ();
  while (g_get_monotonic_time () - last < G_USEC_PER_SEC
         && g_get_monotonic_time () - start < 5 * G_USEC_PER_SEC)
    {
      struct pollfd pfd = { PQsocket (listener->pg), POLLIN, 0 };
      PGnotify *n;

      poll (&pfd, 1, 50);
      PQconsumeInput (listener->pg);
      while ((n = PQnotifies (listener->pg)) != NULL)
        {
          g_ptr_array_add (heard, g_strdup_printf ("%s\t%s", n->relname, n->extra));
          PQfreemem (n);
          last = g_get_monotonic_time ();
        }
    }

  for (guint i = 0; i < heard->len; i++)
    {
      const char *line = g_ptr_array_index (heard, i);
      const char *payload = strchr (line, '\t') + 1;
      GString *leaks = g_string_new (NULL);

      if (has_number (payload, id))
        g_string_append_printf (leaks, " the request id %" G_GINT64_FORMAT ";", id);
      for (guint k = 0; k < G_N_ELEMENTS (states); k++)
        if (strstr (payload, states[k]) != NULL)
          g_string_append_printf (leaks, " the state %s;", states[k]);
      for (guint k = 0; k < G_N_ELEMENTS (assignees); k++)
        if (has_number (payload, assignees[k]))
          g_string_append_printf (leaks, " the assignee %" G_GINT64_FORMAT ";", assignees[k]);
      check (&v, leaks->len == 0, "opd2, listening on “%.*s”, was told of opd1's request: "
             "payload “%s” holds%s", (int) (payload - line - 1), line, payload, leaks->str);
      g_string_free (leaks, TRUE);
    }
  g_test_message ("listen: opd2 received %u notifications while opd1's request was submitted "
                  "and moved three times", heard->len);
  verdict_end (&v);
}

/* =========================================================================================
 * 11. Administration is for administrators
 * ========================================================================================= */

#define ADMIN_TABLES "users,opds,profile,holidays,reserved_names,events"

static char *
admin_fingerprint (Attack *a)
{
  GString *out = g_string_new (NULL);
  g_auto(GStrv) tables = g_strsplit (ADMIN_TABLES, ",", -1);

  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_autofree char *fp = table_fingerprint (a, tables[i]);
      g_string_append_printf (out, "%s: %s; ", tables[i], fp);
    }
  return g_string_free (out, FALSE);
}

static char *
password_of (Attack     *a,
             const char *role)
{
  g_auto(Params) p = { 0 };
  g_autoptr(PGresult) res = NULL;

  p_text (&p, role);
  res = su_query (a, &p, "SELECT coalesce (rolpassword, '(none)') FROM pg_authid WHERE rolname = $1");
  return g_strdup (cell (res, 0, 0));
}

static char *
user_json (const char *username,
           const char *role,
           gint64      id)
{
  GString *s = g_string_new ("{");

  if (id != 0)
    json_int (s, "id", id);
  if (username != NULL)
    json_str (s, "username", username);
  json_str (s, "full_name", "Penyusup");
  json_str (s, "role", role);
  json_int (s, "opd_id", 0);
  json_str (s, "nip", "");
  json_str (s, "position", "");
  json_str (s, "rank", "");
  json_str (s, "email", "");
  json_bool (s, "active", TRUE);
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

static char *
verifier_for (Conn       *c,
              const char *username)
{
  char *raw = PQencryptPasswordConn (c->pg, "penyusup-rahasia-1", username, "scram-sha-256");
  char *copy;

  g_assert_nonnull (raw);
  copy = g_strdup (raw);
  PQfreemem (raw);
  return copy;
}

static PGresult *
add_user_as (Conn       *c,
             const char *json,
             const char *verifier,
             gint64      now)
{
  g_auto(Params) p = { 0 };

  p_text (&p, json);
  p_text (&p, verifier);
  p_int (&p, now);
  return exec_params (c, "SELECT ranah.add_user ($1::jsonb, $2, $3)", &p);
}

static void
test_roles (void)
{
  g_autoptr(Attack) a = attack_new ();
  Verdict v = { "roles", 0, 0 };
  g_autofree char *before = admin_fingerprint (a);
  g_autofree char *after = NULL;
  g_autofree char *admin_password = password_of (a, "admin");
  g_autofree char *admin_password_after = NULL;
  gint64 now = server_now (a);

  for (RanahRole role = RANAH_ROLE_OPD; role <= RANAH_ROLE_STAF; role++)
    {
      g_autoptr(Conn) c = as_user (a, usernames[role]);
      g_autofree char *intruder = g_strdup_printf ("penyusup_%s", usernames[role]);
      g_autofree char *verifier = verifier_for (c, intruder);
      gint64 other = role == RANAH_ROLE_STAF ? a->w->user_ids[RANAH_ROLE_KABID]
                                              : a->w->user_ids[RANAH_ROLE_STAF];
      struct {
        char   *what;
        char   *sql;
        Params  p;
      } calls[7];
      guint n = 0;

      memset (calls, 0, sizeof calls);
#define CALL(w, s) (calls[n].what = (w), calls[n].sql = (s), &calls[n++].p)
      {
        Params *p = CALL (g_strdup_printf ("add_user (%s, role admin)", intruder),
                          g_strdup ("SELECT ranah.add_user ($1::jsonb, $2, $3)"));
        g_autofree char *json = user_json (intruder, "admin", 0);
        p_text (p, json);
        p_text (p, verifier);
        p_int (p, now);
      }
      {
        Params *p = CALL (g_strdup ("update_user (itself, role admin)"),
                          g_strdup ("SELECT ranah.update_user ($1::jsonb, $2)"));
        g_autofree char *json = user_json (NULL, "admin", a->w->user_ids[role]);
        p_text (p, json);
        p_int (p, now);
      }
      {
        Params *p = CALL (g_strdup_printf ("update_user (user %" G_GINT64_FORMAT ", role admin)", other),
                          g_strdup ("SELECT ranah.update_user ($1::jsonb, $2)"));
        g_autofree char *json = user_json (NULL, "admin", other);
        p_text (p, json);
        p_int (p, now);
      }
      {
        Params *p = CALL (g_strdup ("set_password (the administrator's)"),
                          g_strdup ("SELECT ranah.set_password ($1, $2, $3)"));
        p_int (p, a->w->user_ids[RANAH_ROLE_ADMIN]);
        p_text (p, verifier);
        p_int (p, now);
      }
      {
        Params *p = CALL (g_strdup ("save_opd (a new OPD)"),
                          g_strdup ("SELECT ranah.save_opd ($1::jsonb, $2)"));
        p_text (p, "{\"id\":0,\"code\":\"JAHAT\",\"name\":\"Dinas Jahat\",\"head_title\":\"\","
                   "\"address\":\"\",\"email\":\"\",\"active\":true}");
        p_int (p, now);
      }
      {
        Params *p = CALL (g_strdup ("set_profile ('parent-domain', 'evil.example')"),
                          g_strdup ("SELECT ranah.set_profile ($1, $2, $3, $4)"));
        p_text (p, "parent-domain");
        p_text (p, "evil.example");
        p_text (p, "false");
        p_int (p, now);
      }
      {
        Params *p = CALL (g_strdup ("add_holiday ('2030-01-02')"),
                          g_strdup ("SELECT ranah.add_holiday ($1, $2, $3, $4)"));
        p_text (p, "2030-01-02");
        p_text (p, "Libur Jahat");
        p_text (p, "false");
        p_int (p, now);
      }
#undef CALL
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PGresult) res = exec_params (c, calls[i].sql, &calls[i].p);
          g_autofree char *d = describe (res);

          check (&v, refused (res), "%s as %s: %s (want a refusal)", calls[i].what, c->who, d);
          g_free (calls[i].what);
          g_free (calls[i].sql);
          params_clear (&calls[i].p);
        }
    }
  after = admin_fingerprint (a);
  check (&v, g_str_equal (before, after), "the non-administrators' calls changed users, OPDs, "
         "the profile, holidays or the audit trail: %s → %s", before, after);
  admin_password_after = password_of (a, "admin");
  check (&v, g_strcmp0 (admin_password, admin_password_after) == 0, "the administrator's "
         "password changed");
  {
    g_autofree char *made = su_valuef (a, "SELECT string_agg (rolname, ', ') FROM pg_roles "
                                          "WHERE rolname LIKE 'penyusup%%'");
    check (&v, made == NULL, "the non-administrators' calls made login roles: %s", made);
  }

  /* As admin: no superuser role, and no taking over a login Ranah did not make. */
  {
    g_autoptr(Conn) admin = as_user (a, "admin");
    g_autofree char *suffix = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) g_get_real_time () % 1000000);
    g_autofree char *plain = g_strdup_printf ("dba_plain_%s", suffix);
    g_autofree char *member = g_strdup_printf ("dba_member_%s", suffix);
    g_autofree char *qplain = quote_ident (plain);
    g_autofree char *qmember = quote_ident (member);
    struct {
      const char *username;
      const char *role;
      const char *why;
    } attempts[] = {
      { "wannabe", "superuser", "the role “superuser”" },
      { plain, "staf", "a login a DBA made" },
      { member, "staf", "a login a DBA made, holding ranah_staf and pg_read_server_files" },
      { env ("RANAH_TEST_PG_SUPERUSER"), "staf", "the cluster's superuser" },
      { env ("RANAH_TEST_PG_OWNER"), "staf", "the installing owner (CREATEROLE)" },
      { "ranah_kadis", "staf", "Kepala Dinas's group role" },
      { "pg_read_server_files", "staf", "a predefined role" },
    };

    g_clear_pointer (&before, g_free);
    before = admin_fingerprint (a);
    {
      g_autoptr(PGresult) r1 = su_queryf (a, "CREATE ROLE %s LOGIN PASSWORD 'dba-rahasia'", qplain);
      g_autoptr(PGresult) r2 = su_queryf (a, "CREATE ROLE %s LOGIN PASSWORD 'dba-rahasia'", qmember);
      g_autoptr(PGresult) r3 = su_queryf (a, "GRANT ranah_staf, pg_read_server_files TO %s", qmember);
    }
    for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
      {
        g_autofree char *verifier = verifier_for (admin, attempts[i].username);
        g_autofree char *json = user_json (attempts[i].username, attempts[i].role, 0);
        g_autofree char *password_before = password_of (a, attempts[i].username);
        g_autofree char *password_after = NULL;
        g_autofree char *groups = NULL;
        g_autoptr(PGresult) res = add_user_as (admin, json, verifier, now);
        g_autofree char *d = describe (res);
        g_auto(Params) p = { 0 };
        g_autoptr(PGresult) g = NULL;

        check (&v, refused (res), "add_user (“%s”, role %s: %s) as admin: %s (want a refusal)",
               attempts[i].username, attempts[i].role, attempts[i].why, d);
        password_after = password_of (a, attempts[i].username);
        check (&v, g_strcmp0 (password_before, password_after) == 0, "add_user (“%s”: %s) as "
               "admin changed that role's password", attempts[i].username, attempts[i].why);
        p_text (&p, attempts[i].username);
        g = su_query (a, &p, "SELECT string_agg (gr.rolname, ', ') FROM pg_auth_members m "
                             "JOIN pg_roles gr ON gr.oid = m.roleid JOIN pg_roles mr ON mr.oid = m.member "
                             "WHERE mr.rolname = $1 AND gr.rolname LIKE 'ranah\\_%' "
                             "  AND gr.rolname <> 'ranah_staf'");
        groups = g_strdup (cell (g, 0, 0));
        check (&v, groups == NULL || g_str_equal (attempts[i].username, env ("RANAH_TEST_PG_OWNER")),
               "add_user (“%s”: %s) as admin left it in %s", attempts[i].username,
               attempts[i].why, groups);
      }
    g_clear_pointer (&after, g_free);
    after = admin_fingerprint (a);
    check (&v, g_str_equal (before, after), "the administrator's refused add_user calls "
           "changed users or the audit trail: %s → %s", before, after);
    {
      g_autofree char *made = su_valuef (a, "SELECT string_agg (rolname, ', ') FROM pg_roles "
                                            "WHERE rolname = 'wannabe'");
      check (&v, made == NULL, "add_user with the role “superuser” made the login role %s", made);
    }
  }
  verdict_end (&v);
}

/* ---- the profile's values, past the desktop --------------------------------------------- */

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The signer's NIP and the lambang are checked by ranah.set_profile itself: an
 * administrator with psql cannot store a NIP of four digits or a logo no letter can draw. */
static void
test_profile_values (void)
{
  g_autoptr(Attack) a = attack_new ();
  Verdict v = { "profile-values", 0, 0 };
  g_autoptr(Conn) admin = as_user (a, "admin");
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autofree char *png64 = NULL;
  g_autofree char *cut64 = NULL;
  g_autofree char *html64 = g_base64_encode ((const guchar *) "<html><body/></html>", 20);
  g_autofree char *broken_svg64 = g_base64_encode ((const guchar *) "<svg><g></svg>", 14);
  const char *svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
  g_autofree char *svg64 = g_base64_encode ((const guchar *) svg, strlen (svg));
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 now = server_now (a);

  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 30, 30);

    g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_png, png), ==,
                     CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy (surface);
  }
  png64 = g_base64_encode (png->data, png->len);
  cut64 = g_base64_encode (png->data, png->len / 2);
  before = su_valuef (a, "SELECT string_agg (key || '=' || md5 (value), ',' ORDER BY key) "
                         "FROM ranah.profile");
  {
    struct {
      const char *key;
      const char *value;
      const char *what;
    } bad[] = {
      { "signer-nip", "1975", "a NIP of four digits" },
      { "signer-nip", "19720315 1998031004", "a NIP with a space" },
      { "logo", cut64, "half a PNG" },
      { "logo", html64, "an HTML page" },
      { "logo", broken_svg64, "an SVG that is not well-formed" },
      { "logo", "bm90IGFuIGltYWdl", "the base64 of “not an image”" },
      { "logo", "lambang.png!", "a file name" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        Params p = { 0 };
        g_autoptr(PGresult) res = NULL;
        g_autofree char *d = NULL;

        p_text (&p, bad[i].key);
        p_text (&p, bad[i].value);
        p_text (&p, "false");
        p_int (&p, now);
        res = exec_params (admin, "SELECT ranah.set_profile ($1, $2, $3, $4)", &p);
        d = describe (res);
        check (&v, refused (res), "set_profile ('%s', %s) as admin: %s (want a refusal)",
               bad[i].key, bad[i].what, d);
        params_clear (&p);
      }
  }
  after = su_valuef (a, "SELECT string_agg (key || '=' || md5 (value), ',' ORDER BY key) "
                        "FROM ranah.profile");
  check (&v, g_strcmp0 (before, after) == 0, "refused values changed the profile: %s → %s",
         before, after);
  {
    const char *good[][2] = {
      { "signer-nip", "197203151998031004" }, { "signer-nip", "" },
      { "logo", png64 }, { "logo", svg64 }, { "logo", "" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (good); i++)
      {
        Params p = { 0 };
        g_autoptr(PGresult) res = NULL;
        g_autofree char *d = NULL;

        p_text (&p, good[i][0]);
        p_text (&p, good[i][1]);
        p_text (&p, "false");
        p_int (&p, now);
        res = exec_params (admin, "SELECT ranah.set_profile ($1, $2, $3, $4)", &p);
        d = describe (res);
        check (&v, res_ok (res), "set_profile ('%s', a good value %u) as admin: %s (want it "
               "stored)", good[i][0], i, d);
        params_clear (&p);
      }
  }
  verdict_end (&v);
}

/* =========================================================================================
 * 6b. Forged proofs that DNS serves a record
 * ========================================================================================= */

static PGresult *
proof_as (Conn       *c,
          gint64      record_id,
          const char *server,
          gint64      serial,
          const char *answer)
{
  g_auto(Params) p = { 0 };

  p_int (&p, record_id);
  p_text (&p, server);
  p_int (&p, serial);
  p_text (&p, answer);
  return exec_params (c, "SELECT ranah.record_proof ($1, $2, $3, $4)", &p);
}

/* The server cannot ask DNS itself: it refuses every proof that is not consistent (another
 * official, another step, another request's record, an answer that is not the record's
 * target), dates the rest by its own clock, and 'create' needs one for every record. */
static void
test_forged_proofs (void)
{
  g_autoptr(Attack) a = attack_new ();
  Verdict v = { "forged-proofs", 0, 0 };
  gint64 mine = store_world_request_in (a->w, RANAH_STATE_AT_STAF, FALSE);
  gint64 early = store_world_request_in (a->w, RANAH_STATE_AT_SUBKOOR, FALSE);
  gint64 record = su_intf (a, "SELECT id FROM ranah.records WHERE request_id = %"
                              G_GINT64_FORMAT, mine);
  gint64 early_record = su_intf (a, "SELECT id FROM ranah.records WHERE request_id = %"
                                    G_GINT64_FORMAT, early);
  g_autoptr(Conn) staf = as_user (a, "staf");
  g_autofree char *before = table_fingerprint (a, "records");
  g_autofree char *after = NULL;
  gint64 n_events = n_events_of (a, mine);
  const struct {
    const char *what;
    gint64      record;
    const char *server;
    gint64      serial;
    const char *answer;
  } bad[] = {
    { "an answer that is not the record's target", record, "127.0.0.1:53", 1, "6.6.6.6" },
    { "the target with a prefix length", record, "127.0.0.1:53", 1, "103.20.30.40/24" },
    { "the target as an IPv4-mapped IPv6 address", record, "127.0.0.1:53", 1,
      "::ffff:103.20.30.40" },
    { "the target and another address", record, "127.0.0.1:53", 1, "103.20.30.40 6.6.6.6" },
    { "no answer", record, "127.0.0.1:53", 1, NULL },
    { "an empty answer", record, "127.0.0.1:53", 1, "" },
    { "no server", record, NULL, 1, "103.20.30.40" },
    { "a server with a line break", record, "127.0.0.1:53\nforged", 1, "103.20.30.40" },
    { "a serial past 2^32", record, "127.0.0.1:53", G_GINT64_CONSTANT (4294967296),
      "103.20.30.40" },
    { "a negative serial", record, "127.0.0.1:53", -1, "103.20.30.40" },
    { "a record of a request still at step 4", early_record, "127.0.0.1:53", 1,
      "103.20.30.40" },
    { "a record that does not exist", G_GINT64_CONSTANT (999999999), "127.0.0.1:53", 1,
      "103.20.30.40" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(PGresult) res = proof_as (staf, bad[i].record, bad[i].server, bad[i].serial,
                                          bad[i].answer);
      g_autofree char *d = describe (res);

      check (&v, refused (res), "record_proof as staf, the assignee, with %s: %s (want it "
             "refused)", bad[i].what, d);
    }
  /* The right answer, from anyone but the staff member the request is disposed to. */
  for (RanahRole role = RANAH_ROLE_OPD; role < RANAH_N_ROLES; role++)
    {
      g_autoptr(Conn) c = NULL;
      g_autoptr(PGresult) res = NULL;
      g_autofree char *d = NULL;

      if (role == RANAH_ROLE_STAF)
        continue;
      c = as_user (a, usernames[role]);
      res = proof_as (c, record, "127.0.0.1:53", 1, "103.20.30.40");
      d = describe (res);
      check (&v, refused (res), "record_proof as %s with the record's own target: %s (want it "
             "refused)", usernames[role], d);
    }
  after = table_fingerprint (a, "records");
  check (&v, g_strcmp0 (before, after) == 0, "refused proofs changed ranah.records");
  check (&v, n_events_of (a, mine) == n_events, "refused proofs appended events");

  /* Without a proof, 'create' is the server's to refuse. */
  {
    g_autoptr(PGresult) res = move_as (staf, "create", mine, request_version (a, mine),
                                       server_now (a), NULL);
    g_autofree char *d = describe (res);

    check (&v, !res_ok (res) && g_str_equal (res_state (res), "RN003"), "move ('create') as "
           "staf with no record seen in DNS: %s (want it refused, RN003)", d);
  }
  /* The right proof is kept, dated by the server whatever the desktop's clock, and then
   * 'create' is accepted. */
  {
    g_autoptr(PGresult) res = proof_as (staf, record, "127.0.0.1:53", 2026030101, "103.20.30.40");
    g_autofree char *d = describe (res);

    check (&v, res_ok (res), "record_proof as staf with the record's target: %s (want it "
           "accepted)", d);
    if (res_ok (res))
      {
        gint64 at = su_intf (a, "SELECT proof_at FROM ranah.records WHERE id = %"
                                G_GINT64_FORMAT, record);
        gint64 now = server_now (a);

        check (&v, ABS (at - now) <= CLOCK_SLACK, "record_proof stored proof_at %"
               G_GINT64_FORMAT " (the server's now is %" G_GINT64_FORMAT ")", at, now);
        check (&v, n_events_of (a, mine) == n_events + 1, "record_proof appended %"
               G_GINT64_FORMAT " events (want 1)", n_events_of (a, mine) - n_events);
      }
  }
  {
    g_autoptr(PGresult) res = move_as (staf, "create", mine, request_version (a, mine),
                                       server_now (a), NULL);
    g_autofree char *d = describe (res);

    check (&v, res_ok (res), "move ('create') as staf with every record proven: %s (want it "
           "accepted)", d);
  }
  verdict_end (&v);
}

int
main (int argc, char *argv[])
{
  /* The messages quote names in “…”: print them in the test's UTF-8 locale. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("RANAH_TEST_PG_PORT") == NULL)
    {
      g_test_skip ("run under tests/pg/pg-harness.sh");
      return 77;
    }

  g_test_add_func ("/ranah/store-pg/attack/direct-writes", test_direct_writes);
  g_test_add_func ("/ranah/store-pg/attack/no-temp", test_no_temp);
  g_test_add_func ("/ranah/store-pg/attack/pg-temp-shadowing", test_pg_temp_shadowing);
  g_test_add_func ("/ranah/store-pg/attack/owner-rights", test_owner_rights);
  g_test_add_func ("/ranah/store-pg/attack/forged-submit", test_forged_submit);
  g_test_add_func ("/ranah/store-pg/attack/forged-moves", test_forged_moves);
  g_test_add_func ("/ranah/store-pg/attack/forged-proofs", test_forged_proofs);
  g_test_add_func ("/ranah/store-pg/attack/finish-sign", test_finish_sign);
  g_test_add_func ("/ranah/store-pg/attack/registry", test_registry);
  g_test_add_func ("/ranah/store-pg/attack/stall-idle-transaction", test_stall_idle_transaction);
  g_test_add_func ("/ranah/store-pg/attack/stall-disconnect-while-waiting", test_stall_disconnect);
  g_test_add_func ("/ranah/store-pg/attack/listen-other-opd", test_listen_other_opd);
  g_test_add_func ("/ranah/store-pg/attack/roles", test_roles);
  g_test_add_func ("/ranah/store-pg/attack/profile-values", test_profile_values);

  return g_test_run ();
}
