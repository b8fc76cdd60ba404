/* ranah-postgres-ops.c — the store's verbs on PostgreSQL
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads are plain SELECTs as the signed-in official, filtered by row-level security;
 * writes call the SECURITY DEFINER functions of sql/002-functions.sql, which check again
 * whatever C checks here. C checks first only to give the same translated sentences as
 * the SQLite store (ranah_workflow_check, core validation); the database is the authority.
 */
#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "ranah-postgres-private.h"

#define LOCKED(self) g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = g_rec_mutex_locker_new (&(self)->lock)

static gint64
now_of (RanahPostgresStore *self)
{
  return ranah_store_now (RANAH_STORE (self));
}

static const RanahUser *
me_of (RanahPostgresStore *self)
{
  return ranah_store_get_user (RANAH_STORE (self));
}

/* ---- requests: reading ------------------------------------------------------------------ */

#define REQUEST_SELECT                                                                     \
  "SELECT r.id, r.version, r.state, r.outcome, r.agenda_year, r.agenda_number, r.opd_id, "   \
  "o.name, r.letter_number, r.letter_date, r.received_date, r.hal, r.classification, "      \
  "r.sifat, r.name, r.fqdn, r.purpose, r.contact_name, r.contact_phone, r.contact_email, "   \
  "r.attachment_sha256, r.attachment_size, r.created_by, coalesce (r.assignee_id, 0), "     \
  "coalesce (nullif (u.full_name, ''), u.username, ''), r.state_since, r.due_at, "          \
  "r.created_at, r.note, r.received_at "                                                     \
  "FROM ranah.requests r JOIN ranah.opds o ON o.id = r.opd_id "                              \
  "LEFT JOIN ranah.users u ON u.id = r.assignee_id "

static void
set_str (char    **field,
         PGresult *res,
         int       row,
         int       col)
{
  g_free (*field);
  *field = ranah_pg_col_str (res, row, col);
}

static RanahRequest *
request_from_row (PGresult *res,
                  int       i)
{
  RanahRequest *r = ranah_request_new ();

  r->id = ranah_pg_col_int (res, i, 0);
  r->version = ranah_pg_col_int (res, i, 1);
  r->state = ranah_state_from_string (PQgetvalue (res, i, 2));
  r->outcome = ranah_outcome_from_string (PQgetvalue (res, i, 3));
  r->agenda_year = ranah_pg_col_int (res, i, 4);
  r->agenda_number = ranah_pg_col_int (res, i, 5);
  r->opd_id = ranah_pg_col_int (res, i, 6);
  set_str (&r->opd_name, res, i, 7);
  set_str (&r->letter_number, res, i, 8);
  set_str (&r->letter_date, res, i, 9);
  set_str (&r->received_date, res, i, 10);
  set_str (&r->hal, res, i, 11);
  set_str (&r->classification, res, i, 12);
  set_str (&r->sifat, res, i, 13);
  set_str (&r->name, res, i, 14);
  set_str (&r->fqdn, res, i, 15);
  set_str (&r->purpose, res, i, 16);
  set_str (&r->contact_name, res, i, 17);
  set_str (&r->contact_phone, res, i, 18);
  set_str (&r->contact_email, res, i, 19);
  g_free (r->attachment_sha256);
  r->attachment_sha256 = ranah_pg_col_str_or_null (res, i, 20);
  r->attachment_size = ranah_pg_col_int (res, i, 21);
  r->created_by = ranah_pg_col_int (res, i, 22);
  r->assignee_id = ranah_pg_col_int (res, i, 23);
  set_str (&r->assignee_name, res, i, 24);
  r->state_since = ranah_pg_col_int (res, i, 25);
  r->due_at = ranah_pg_col_int (res, i, 26);
  r->created_at = ranah_pg_col_int (res, i, 27);
  set_str (&r->note, res, i, 28);
  r->received_at = ranah_pg_col_int (res, i, 29);
  return r;
}

static RanahRecord *
record_from_row (PGresult *res,
                 int       i)
{
  RanahRecordType type = RANAH_RECORD_A;
  RanahRecord *record;

  ranah_record_type_from_string (PQgetvalue (res, i, 2), &type);
  record = ranah_record_new (type, PQgetvalue (res, i, 3), PQgetvalue (res, i, 4));
  record->id = ranah_pg_col_int (res, i, 0);
  record->ttl = ranah_pg_col_int (res, i, 5);
  record->priority = ranah_pg_col_int (res, i, 6);
  record->internal = ranah_pg_col_bool (res, i, 7);
  record->created = ranah_pg_col_bool (res, i, 8);
  record->verified = ranah_pg_col_str_or_null (res, i, 9);
  record->proof_server = ranah_pg_col_str_or_null (res, i, 10);
  record->proof_serial = ranah_pg_col_int (res, i, 11);
  record->proof_answer = ranah_pg_col_str_or_null (res, i, 12);
  record->proof_at = ranah_pg_col_int (res, i, 13);
  return record;
}

static char *
id_array (GPtrArray *items,
          gsize      id_offset)
{
  GString *out = g_string_new ("{");

  for (guint i = 0; i < items->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            G_STRUCT_MEMBER (gint64, g_ptr_array_index (items, i), id_offset));
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

/* Fills ->records of every request (or entry) in @items with one query. */
static gboolean
load_records (RanahPostgresStore  *self,
              GPtrArray           *items,
              gboolean             entries,
              GError             **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;

  if (items->len == 0)
    return TRUE;
  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);
      GPtrArray **records = entries ? &((RanahEntry *) item)->records
                                    : &((RanahRequest *) item)->records;

      g_clear_pointer (records, g_ptr_array_unref);
      *records = ranah_records_new ();
      g_hash_table_insert (by_id, entries ? &((RanahEntry *) item)->id
                                          : &((RanahRequest *) item)->id, item);
    }
  ranah_pg_params_init (&p);
  ranah_pg_param_take (&p, id_array (items, entries ? G_STRUCT_OFFSET (RanahEntry, id)
                                                    : G_STRUCT_OFFSET (RanahRequest, id)));
  res = ranah_pg_query (self, entries
                        ? "SELECT id, entry_id, type, host, target, ttl, priority, internal, "
                          "created, verified, proof_server, proof_serial, proof_answer, "
                          "proof_at FROM ranah.entry_records "
                          "WHERE entry_id = ANY ($1::bigint[]) ORDER BY id"
                        : "SELECT id, request_id, type, host, target, ttl, priority, internal, "
                          "created, verified, proof_server, proof_serial, proof_answer, "
                          "proof_at FROM ranah.records "
                          "WHERE request_id = ANY ($1::bigint[]) ORDER BY id", &p, error);
  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    {
      gint64 owner = ranah_pg_col_int (res, i, 1);
      gpointer item = g_hash_table_lookup (by_id, &owner);

      if (item != NULL)
        g_ptr_array_add (entries ? ((RanahEntry *) item)->records
                                 : ((RanahRequest *) item)->records,
                         record_from_row (res, i));
    }
  return TRUE;
}

static GPtrArray *
query_requests (RanahPostgresStore  *self,
                const char          *sql,
                RanahPgParams       *params,
                GError             **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_request_free);
  g_autoptr(PGresult) res = ranah_pg_query (self, sql, params, error);

  if (res == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (res); i++)
    g_ptr_array_add (list, request_from_row (res, i));
  if (!load_records (self, list, FALSE, error))
    return NULL;
  return g_steal_pointer (&list);
}

/* Row-level security hides other OPDs' requests; say "another OPD" as SQLite does rather
 * than "no such request" when the request exists. */
static RanahRequest *
load_request (RanahPostgresStore  *self,
              gint64               id,
              GError             **error)
{
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(GPtrArray) list = NULL;

  ranah_pg_params_init (&p);
  ranah_pg_param_int (&p, id);
  list = query_requests (self, REQUEST_SELECT "WHERE r.id = $1", &p, error);
  if (list == NULL)
    return NULL;
  if (list->len == 0)
    {
      const RanahUser *me = me_of (self);

      if (me != NULL && me->role == RANAH_ROLE_OPD)
        g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION,
                     _("This request belongs to another OPD."));
      else
        g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND,
                     _("There is no request with id %" PRId64 "."), id);
      return NULL;
    }
  return g_ptr_array_steal_index (list, 0);
}

static RanahRequest *
get_request (RanahStore  *store,
             gint64       id,
             GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  LOCKED (self);

  if (!ranah_pg_ensure (self, error))
    return NULL;
  return load_request (self, id, error);
}

static GBytes *
get_request_letter (RanahStore  *store,
                    gint64       request_id,
                    GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_autoptr(RanahRequest) request = NULL;
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;
  LOCKED (self);

  if (!ranah_pg_ensure (self, error)
      || (request = load_request (self, request_id, error)) == NULL)
    return NULL;
  ranah_pg_params_init (&p);
  ranah_pg_param_int (&p, request_id);
  res = ranah_pg_query (self, "SELECT attachment FROM ranah.requests WHERE id = $1", &p, error);
  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0 || PQgetisnull (res, 0, 0))
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND,
                   _("No scanned request letter is on file for this request."));
      return NULL;
    }
  return ranah_pg_col_bytes (res, 0, 0);
}

static GPtrArray *
list_requests (RanahStore                *store,
               const RanahRequestFilter  *filter,
               GError                   **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_autoptr(GString) sql = g_string_new (REQUEST_SELECT "WHERE true ");
  g_auto(RanahPgParams) p = { 0 };
  LOCKED (self);

  if (!ranah_pg_ensure (self, error))
    return NULL;
  ranah_pg_params_init (&p);
  if (filter->state != RANAH_STATE_NONE)
    {
      ranah_pg_param_text (&p, ranah_state_to_string (filter->state));
      g_string_append_printf (sql, "AND r.state = $%d ", p.n);
    }
  if (filter->open_only)
    g_string_append (sql, "AND r.state NOT IN ('done', 'withdrawn') ");
  if (filter->opd_id != 0)
    {
      ranah_pg_param_int (&p, filter->opd_id);
      g_string_append_printf (sql, "AND r.opd_id = $%d ", p.n);
    }
  if (filter->received_from != NULL)
    {
      ranah_pg_param_text (&p, filter->received_from);
      g_string_append_printf (sql, "AND r.received_date >= $%d ", p.n);
    }
  if (filter->received_to != NULL)
    {
      ranah_pg_param_text (&p, filter->received_to);
      g_string_append_printf (sql, "AND r.received_date <= $%d ", p.n);
    }
  if (filter->text != NULL && *filter->text != '\0')
    {
      ranah_pg_param_text (&p, filter->text);
      g_string_append_printf (sql, "AND (strpos (lower (r.name), lower ($%1$d)) > 0 "
                              "OR strpos (lower (r.fqdn), lower ($%1$d)) > 0 "
                              "OR strpos (lower (r.hal), lower ($%1$d)) > 0 "
                              "OR strpos (lower (r.letter_number), lower ($%1$d)) > 0 "
                              "OR strpos (lower (o.name), lower ($%1$d)) > 0 "
                              "OR strpos (lower (o.code), lower ($%1$d)) > 0 "
                              "OR EXISTS (SELECT 1 FROM ranah.letters l WHERE l.request_id = r.id "
                              "AND strpos (lower (l.number), lower ($%1$d)) > 0)) ", p.n);
    }
  g_string_append (sql, "ORDER BY r.id DESC ");
  if (filter->limit > 0)
    {
      ranah_pg_param_int (&p, filter->limit);
      ranah_pg_param_int (&p, filter->offset);
      g_string_append_printf (sql, "LIMIT $%d OFFSET $%d", p.n - 1, p.n);
    }
  return query_requests (self, sql->str, &p, error);
}

/* "{a,b}" of the open states whose pending step @role performs. */
static char *
holder_states (RanahRole role)
{
  GString *states = g_string_new ("{");

  for (RanahState s = RANAH_STATE_SUBMITTED; s < RANAH_N_STATES; s++)
    if (ranah_workflow_holders (s) & RANAH_ROLE_BIT (role))
      g_string_append_printf (states, "%s%s", states->len > 1 ? "," : "",
                              ranah_state_to_string (s));
  g_string_append_c (states, '}');
  return g_string_free (states, FALSE);
}

#define INBOX_WHERE "WHERE r.state = ANY ($1::text[]) " \
                    "AND (r.assignee_id IS NULL OR r.assignee_id = $2) "

static GPtrArray *
inbox (RanahStore  *store,
       guint        limit,
       guint       *n_total,
       GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  const RanahUser *me = me_of (self);
  g_auto(RanahPgParams) p = { 0 };
  LOCKED (self);

  if (!ranah_pg_ensure (self, error))
    return NULL;
  ranah_pg_params_init (&p);
  ranah_pg_param_take (&p, holder_states (me->role));
  ranah_pg_param_int (&p, me->id);
  if (n_total != NULL)
    {
      /* Row-level security keeps an OPD user to their own OPD here as in the list. */
      g_autoptr(PGresult) res = ranah_pg_query (self, "SELECT count(*) FROM ranah.requests r "
                                                INBOX_WHERE, &p, error);

      if (res == NULL)
        return NULL;
      *n_total = (guint) g_ascii_strtoull (PQgetvalue (res, 0, 0), NULL, 10);
    }
  /* Oldest first; ranah-store.c puts the overdue first by the calendar as it is now (the
   * due_at column is a cache nothing judges by). Without a column for the moment a letter
   * arrived, one waiting for its first disposition sorts by its entry here. */
  if (limit > 0)
    {
      ranah_pg_param_int (&p, limit);
      return query_requests (self, REQUEST_SELECT INBOX_WHERE
                             "ORDER BY r.state_since, r.id LIMIT $3", &p, error);
    }
  return query_requests (self, REQUEST_SELECT INBOX_WHERE "ORDER BY r.state_since, r.id",
                         &p, error);
}

/* Names are checked by a SECURITY DEFINER function: an OPD user must learn that another
 * OPD holds a name without reading that OPD's requests. */
static gboolean
check_name_free_locked (RanahPostgresStore  *self,
                        const char          *name,
                        gint64               except_request_id,
                        GError             **error)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;

  ranah_pg_params_init (&p);
  ranah_pg_param_text (&p, lower);
  ranah_pg_param_int (&p, except_request_id);
  res = ranah_pg_query (self, "SELECT kind, opd, year, number FROM ranah.name_holder_of ($1, $2)",
                        &p, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 0 || PQgetisnull (res, 0, 0))
    return TRUE;
  if (g_str_equal (PQgetvalue (res, 0, 0), "entry"))
    g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION,
                 _("The name “%s” is already registered to %s."), lower, PQgetvalue (res, 0, 1));
  else
    g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION,
                 _("The name “%s” is already held by request %d/%04d of %s."), lower,
                 (int) ranah_pg_col_int (res, 0, 2), (int) ranah_pg_col_int (res, 0, 3),
                 PQgetvalue (res, 0, 1));
  return FALSE;
}

static gboolean
check_name_free (RanahStore  *store,
                 const char  *name,
                 gint64       except_request_id,
                 GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  LOCKED (self);

  if (!ranah_pg_ensure (self, error))
    return FALSE;
  return check_name_free_locked (self, name, except_request_id, error);
}

/* ---- requests: writing ------------------------------------------------------------------ */

static gboolean
check_pdf (GBytes  *pdf,
           GError **error)
{
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);
  gsize tail = MIN (size, 1024);

  if (size > RANAH_ATTACHMENT_MAX_BYTES)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION,
                   _("The scanned letter is larger than %d MB."),
                   RANAH_ATTACHMENT_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }
  if (size < 5 || memcmp (data, "%PDF-", 5) != 0
      || g_strstr_len (data + size - tail, tail, "%%EOF") == NULL)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION,
                   _("The scanned letter is not a PDF file."));
      return FALSE;
    }
  return TRUE;
}

static GHashTable *
profile_locked (RanahPostgresStore  *self,
                GError             **error)
{
  g_autoptr(GHashTable) profile = ranah_profile_default ();
  g_autoptr(PGresult) res = ranah_pg_query (self, "SELECT key, value FROM ranah.profile",
                                            NULL, error);

  if (res == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (res); i++)
    g_hash_table_insert (profile, ranah_pg_col_str (res, i, 0), ranah_pg_col_str (res, i, 1));
  {
    /* Row-level security withholds the secret from other roles: leave the key out rather
     * than show its empty default. */
    const RanahUser *me = me_of (self);

    if (me == NULL || (me->role != RANAH_ROLE_STAF && me->role != RANAH_ROLE_SUBKOOR
                       && me->role != RANAH_ROLE_ADMIN))
      g_hash_table_remove (profile, RANAH_PROFILE_TSIG_SECRET);
  }
  return g_steal_pointer (&profile);
}

static GStrv
reserved_locked (RanahPostgresStore  *self,
                 GError             **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(PGresult) res = ranah_pg_query (self, "SELECT name FROM ranah.reserved_names "
                                                  "ORDER BY name", NULL, error);

  if (res == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (res); i++)
    g_strv_builder_add (builder, PQgetvalue (res, i, 0));
  return g_strv_builder_end (builder);
}

static RanahCalendar *
calendar_locked (RanahPostgresStore  *self,
                 GError             **error)
{
  g_autoptr(GHashTable) defaults = ranah_profile_default ();
  g_autoptr(PGresult) res = NULL;
  const char *tz = g_hash_table_lookup (defaults, RANAH_PROFILE_TIMEZONE);
  RanahCalendar *calendar;

  res = ranah_pg_query (self, "SELECT 't', value FROM ranah.profile WHERE key = 'timezone' "
                              "UNION ALL SELECT 'o', value FROM ranah.profile "
                              "WHERE key = 'office-hours' "
                              "UNION ALL SELECT 'h', date FROM ranah.holidays", NULL, error);
  if (res == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (res); i++)
    if (PQgetvalue (res, i, 0)[0] == 't')
      tz = PQgetvalue (res, i, 1);
  calendar = ranah_calendar_new (tz);
  for (int i = 0; i < PQntuples (res); i++)
    if (PQgetvalue (res, i, 0)[0] == 'o')
      (void) ranah_calendar_set_office_hours (calendar, PQgetvalue (res, i, 1), NULL);
  for (int i = 0; i < PQntuples (res); i++)
    if (PQgetvalue (res, i, 0)[0] == 'h')
      ranah_calendar_add_holiday (calendar, PQgetvalue (res, i, 1));
  return calendar;
}

/* The workflow checks here only give the friendly message before a round trip; the
 * server's are the ones that count. RANAH_TEST_SERVER_CHECKS_ONLY=1 skips these, so that the
 * store's tests prove the SQL checks alone (tests/pg/meson.build). */
static gboolean
client_checks (void)
{
  static gsize done = 0;
  static gboolean enabled = TRUE;

  if (g_once_init_enter (&done))
    {
      enabled = g_strcmp0 (g_getenv ("RANAH_TEST_SERVER_CHECKS_ONLY"), "1") != 0;
      g_once_init_leave (&done, 1);
    }
  return enabled;
}

static gint64
submit_request (RanahStore    *store,
                RanahRequest  *request,
                GBytes        *letter_pdf,
                GError       **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  const RanahUser *me = me_of (self);
  g_autoptr(GHashTable) profile = NULL;
  g_autoptr(RanahCalendar) calendar = NULL;
  g_auto(GStrv) reserved = NULL;
  g_autofree char *today = NULL;
  g_autofree char *records = NULL;
  g_autoptr(GString) json = g_string_new (NULL);
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;
  RanahFacts facts = { 0 };
  gint64 now = now_of (self), due_at = 0;
  guint days;
  LOCKED (self);

  if (!ranah_pg_ensure (self, error))
    return 0;
  if (me->role == RANAH_ROLE_OPD && request->opd_id == 0)
    request->opd_id = me->opd_id;
  facts.user_id = me->id;
  facts.user_opd_id = me->role == RANAH_ROLE_OPD ? me->opd_id : 0;
  facts.request_opd_id = request->opd_id;
  facts.n_records = request->records != NULL ? request->records->len : 0;
  facts.has_request_letter = letter_pdf != NULL;
  if (client_checks ()
      && ranah_workflow_check (RANAH_STATE_NONE, RANAH_ACTION_SUBMIT, me->role, &facts, NULL,
                               error) == NULL)
    return 0;
  if (request->opd_id == 0)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("Choose the OPD that sent the letter."));
      return 0;
    }
  if (letter_pdf != NULL && !check_pdf (letter_pdf, error))
    return 0;
  if ((profile = profile_locked (self, error)) == NULL
      || (reserved = reserved_locked (self, error)) == NULL
      || (calendar = calendar_locked (self, error)) == NULL)
    return 0;
  today = ranah_calendar_date_of (calendar, now);
  if (request->received_date == NULL || *request->received_date == '\0')
    {
      g_free (request->received_date);
      request->received_date = g_strdup (today);
    }
  if (!ranah_validate_request (request, g_hash_table_lookup (profile, RANAH_PROFILE_PARENT_DOMAIN),
                               (const char * const *) reserved, error)
      || !check_name_free_locked (self, request->name, 0, error))
    return 0;
  days = ranah_workflow_standard_days (RANAH_STATE_SUBMITTED);
  if (days > 0)
    due_at = ranah_calendar_add_working_days (calendar, now, days);

  ranah_json_begin (json);
  ranah_json_int (json, "opd_id", request->opd_id);
  ranah_json_str (json, "letter_number", request->letter_number);
  ranah_json_str (json, "letter_date", request->letter_date);
  ranah_json_str (json, "received_date", request->received_date);
  /* The moment it arrived (ranah_store_submit_request ()): the server keeps no column for
   * it yet, so it is read back as received_date's opening (ranah_escalation_received_at ()). */
  ranah_json_int (json, "received_at", request->received_at);
  ranah_json_str (json, "hal", request->hal);
  ranah_json_str (json, "classification", request->classification);
  ranah_json_str (json, "sifat", request->sifat);
  ranah_json_str (json, "name", request->name);
  ranah_json_str (json, "fqdn", request->fqdn);
  ranah_json_str (json, "purpose", request->purpose);
  ranah_json_str (json, "contact_name", request->contact_name);
  ranah_json_str (json, "contact_phone", request->contact_phone);
  ranah_json_str (json, "contact_email", request->contact_email);
  ranah_json_end (json);
  records = ranah_json_records (request->records);

  ranah_pg_params_init (&p);
  ranah_pg_param_text (&p, json->str);
  ranah_pg_param_text (&p, records);
  ranah_pg_param_bytes (&p, letter_pdf);
  ranah_pg_param_int (&p, now);
  ranah_pg_param_int (&p, due_at);
  res = ranah_pg_query (self, "SELECT (x->>'id')::bigint, (x->>'agenda_year')::int, "
                              "(x->>'agenda_number')::int, x->>'fqdn' "
                              "FROM ranah.submit_request ($1::jsonb, $2::jsonb, $3, $4, $5) x",
                        &p, error);
  if (res == NULL)
    return 0;

  request->id = ranah_pg_col_int (res, 0, 0);
  request->version = 1;
  request->state = RANAH_STATE_SUBMITTED;
  request->outcome = RANAH_OUTCOME_PENDING;
  request->agenda_year = ranah_pg_col_int (res, 0, 1);
  request->agenda_number = ranah_pg_col_int (res, 0, 2);
  request->created_by = me->id;
  request->assignee_id = 0;
  request->state_since = now;
  request->created_at = now;
  request->due_at = due_at;
  if (letter_pdf != NULL)
    {
      g_free (request->attachment_sha256);
      request->attachment_sha256 = ranah_sha256_hex (g_bytes_get_data (letter_pdf, NULL),
                                                     g_bytes_get_size (letter_pdf));
      request->attachment_size = g_bytes_get_size (letter_pdf);
    }
  return request->id;
}

static gboolean
attach_letter (RanahStore  *store,
               gint64       request_id,
               gint64       expected_version,
               GBytes      *pdf,
               GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  const RanahUser *me = me_of (self);
  const RanahTransition *submit = ranah_workflow_find (RANAH_STATE_NONE, RANAH_ACTION_SUBMIT);
  g_autoptr(RanahRequest) request = NULL;
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;
  LOCKED (self);

  if (!ranah_pg_ensure (self, error) || !check_pdf (pdf, error))
    return FALSE;
  if ((request = load_request (self, request_id, error)) == NULL)
    return FALSE;
  if ((submit->roles & RANAH_ROLE_BIT (me->role)) == 0)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION,
                   _("The role %s may not attach the request letter."),
                   ranah_role_title (me->role));
      return FALSE;
    }
  if (request->version != expected_version)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_CONFLICT,
                   _("This request was changed by someone else; reload it and try again."));
      return FALSE;
    }
  if (request->state != RANAH_STATE_SUBMITTED)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_STATE,
                   _("The request letter can only be attached before Kepala Dinas disposes "
                     "the request."));
      return FALSE;
    }
  ranah_pg_params_init (&p);
  ranah_pg_param_int (&p, request_id);
  ranah_pg_param_int (&p, expected_version);
  ranah_pg_param_bytes (&p, pdf);
  ranah_pg_param_int (&p, now_of (self));
  res = ranah_pg_query (self, "SELECT ranah.attach_letter ($1, $2, $3, $4)", &p, error);
  return res != NULL;
}

/* ---- the move --------------------------------------------------------------------------- */

/* The request's state and everything ranah_workflow_check needs, in one statement (one
 * snapshot): facts that another desk's move changed after the request was read would
 * otherwise show up as a missing record rather than as its new version, a conflict. */
static gboolean
load_facts (RanahPostgresStore  *self,
            gint64               request_id,
            RanahState          *state,
            gint64              *version,
            RanahFacts          *facts,
            gint64              *last_step,
            GError             **error)
{
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;

  ranah_pg_params_init (&p);
  ranah_pg_param_int (&p, request_id);
  res = ranah_pg_query (self,
                        "SELECT r.attachment IS NOT NULL, "
                        "  coalesce (d.step, 0), coalesce (d.from_user_id, 0), "
                        "  coalesce (d.read_at = 0, false), "
                        "  (SELECT count (*) FROM ranah.records WHERE request_id = r.id), "
                        "  (SELECT count (*) FROM ranah.records WHERE request_id = r.id AND created), "
                        "  EXISTS (SELECT 1 FROM ranah.entries WHERE request_id = r.id), "
                        "  EXISTS (SELECT 1 FROM ranah.letters WHERE request_id = r.id AND state = 'draft'), "
                        "  EXISTS (SELECT 1 FROM ranah.letters WHERE request_id = r.id AND state = 'signed'), "
                        "  r.version, r.state, r.opd_id, coalesce (r.assignee_id, 0), r.outcome "
                        "FROM ranah.requests r LEFT JOIN LATERAL (SELECT * FROM ranah.dispositions "
                        "  WHERE request_id = r.id AND NOT recalled ORDER BY id DESC LIMIT 1) d ON true "
                        "WHERE r.id = $1", &p, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 0)
    {
      const RanahUser *me = me_of (self);

      if (me != NULL && me->role == RANAH_ROLE_OPD)
        g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION,
                     _("This request belongs to another OPD."));
      else
        g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND,
                     _("There is no request with id %" PRId64 "."), request_id);
      return FALSE;
    }
  facts->has_request_letter = ranah_pg_col_bool (res, 0, 0);
  *last_step = ranah_pg_col_int (res, 0, 1);
  facts->disposition_sender_id = ranah_pg_col_int (res, 0, 2);
  facts->disposition_unread = ranah_pg_col_bool (res, 0, 3);
  facts->n_records = ranah_pg_col_int (res, 0, 4);
  facts->n_created_records = ranah_pg_col_int (res, 0, 5);
  facts->has_registry_entry = ranah_pg_col_bool (res, 0, 6);
  facts->has_draft_letter = ranah_pg_col_bool (res, 0, 7);
  facts->has_signed_letter = ranah_pg_col_bool (res, 0, 8);
  *version = ranah_pg_col_int (res, 0, 9);
  *state = ranah_state_from_string (PQgetvalue (res, 0, 10));
  facts->request_opd_id = ranah_pg_col_int (res, 0, 11);
  facts->assignee_id = ranah_pg_col_int (res, 0, 12);
  facts->outcome = ranah_outcome_from_string (PQgetvalue (res, 0, 13));
  return TRUE;
}

static void
write_move_record (GString       *out,
                   gconstpointer  item)
{
  const RanahRecord *r = item;

  ranah_json_int (out, "id", r->id);
  ranah_json_str (out, "verified", r->verified);
}

static char *
move_records_json (GPtrArray *records)
{
  return ranah_json_objects (records, write_move_record);
}

static char *
draft_json (const RanahLetter *draft)
{
  g_autoptr(GString) json = g_string_new (NULL);

  ranah_json_begin (json);
  if (draft->sifat != NULL)
    ranah_json_str (json, "sifat", draft->sifat);
  if (draft->lampiran != NULL)
    ranah_json_str (json, "lampiran", draft->lampiran);
  if (draft->hal != NULL)
    ranah_json_str (json, "hal", draft->hal);
  if (draft->body != NULL)
    ranah_json_str (json, "body", draft->body);
  if (draft->tembusan != NULL)
    {
      g_autofree char *t = ranah_json_strv ((const char * const *) draft->tembusan);
      ranah_json_raw (json, "tembusan", t);
    }
  ranah_json_end (json);
  return g_string_free (g_steal_pointer (&json), FALSE);
}

static RanahLetter *load_letter (RanahPostgresStore *self, const char *where, gint64 id,
                                 GError **error);

/* The signer's own account as the server holds it now. */
static RanahUser *
load_user_locked (RanahPostgresStore  *self,
                  gint64               id,
                  GError             **error)
{
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;

  ranah_pg_params_init (&p);
  ranah_pg_param_int (&p, id);
  res = ranah_pg_query (self, "SELECT " RANAH_PG_USER_COLUMNS " FROM ranah.users WHERE id = $1",
                        &p, error);
  if (res == NULL)
    return NULL;
  if (PQntuples (res) != 1)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_AUTH,
                   _("Your account no longer exists."));
      return NULL;
    }
  return ranah_pg_user_from_row (res, 0);
}

/* Before the sign move: the sentence of ranah-letter-check.h, in the user's language, for
 * what the server refuses anyway ('sign' in ranah.move checks the same). */
static gboolean
check_sign_complete (RanahPostgresStore  *self,
                     GError             **error)
{
  g_autoptr(GHashTable) profile = NULL;
  g_autoptr(RanahUser) signer = NULL;

  return (profile = profile_locked (self, error)) != NULL
         && (signer = load_user_locked (self, me_of (self)->id, error)) != NULL
         && ranah_letter_check_complete (profile, signer, error);
}

/* Step 9's second half: number, PDF, stored in the signing transaction. */
static gboolean
finish_sign (RanahPostgresStore  *self,
             const RanahMove     *move,
             PGresult            *moved,
             GError             **error)
{
  g_autoptr(RanahRequest) request = NULL;
  g_autoptr(RanahLetter) letter = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *number = NULL;
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;
  gint64 letter_id = ranah_pg_col_int (moved, 0, 1);

  /* The store numbers the letter (ranah.move, from the agency's template): the PDF
   * shows the number the move gave it, and the head of the request's audit chain before
   * the signing event the move read, and the signer's account as the server has it. */
  number = ranah_pg_col_str (moved, 0, 5);
  if ((request = load_request (self, move->request_id, error)) == NULL
      || (letter = load_letter (self, "l.id = $1", letter_id, error)) == NULL
      || (letter->signer = load_user_locked (self, letter->signed_by, error)) == NULL)
    return FALSE;
  g_free (letter->number);
  letter->number = g_strdup (number);
  letter->audit_seq = ranah_pg_col_int (moved, 0, 6);
  g_free (letter->audit_hash);
  letter->audit_hash = ranah_pg_col_str_or_null (moved, 0, 7);
  pdf = move->render (request, letter, move->render_data, error);
  if (pdf == NULL)
    return FALSE;
  ranah_pg_params_init (&p);
  ranah_pg_param_int (&p, letter_id);
  ranah_pg_param_text (&p, number);
  ranah_pg_param_bytes (&p, pdf);
  res = ranah_pg_query (self, "SELECT ranah.finish_sign ($1, $2, $3)", &p, error);
  return res != NULL;
}

static gboolean
move_locked (RanahPostgresStore  *self,
             const RanahMove     *move,
             GError             **error)
{
  const RanahUser *me = me_of (self);
  g_autoptr(RanahCalendar) calendar = NULL;
  g_autofree char *instructions = NULL;
  g_autofree char *records = NULL;
  g_autofree char *draft = NULL;
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;
  const RanahTransition *t;
  RanahFacts facts = { 0 };
  RanahState state = RANAH_STATE_NONE;
  gint64 last_step = 0, due = 0, version = 0, now = now_of (self);
  gboolean sign = move->action == RANAH_ACTION_SIGN;
  guint days;

  if (sign && move->render == NULL)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("Signing needs the letter renderer."));
      return FALSE;
    }
  facts.user_id = me->id;
  facts.user_opd_id = me->role == RANAH_ROLE_OPD ? me->opd_id : 0;
  if (!load_facts (self, move->request_id, &state, &version, &facts, &last_step, error))
    return FALSE;

  /* A retried move is the database's to recognise; checking here could only misreport. */
  if (move->idempotency_key == NULL && client_checks ())
    {
      if (version != move->expected_version)
        {
          g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_CONFLICT,
                       _("This request was changed by someone else; reload it and try again."));
          return FALSE;
        }
      facts.has_disposition = last_step != 0
                              && last_step + 1 == ranah_workflow_pending_step (state);
      if (ranah_workflow_check (state, move->action, me->role, &facts, move->note,
                                error) == NULL)
        return FALSE;
      /* A record counts as created only once DNS was seen to serve it (steps 5 and 6). */
      if (move->action == RANAH_ACTION_CREATE || move->action == RANAH_ACTION_REPORT)
        {
          g_autoptr(RanahRequest) request = load_request (self, move->request_id, error);

          if (request == NULL || !ranah_request_check_proven (request, error))
            return FALSE;
        }
    }

  t = ranah_workflow_find (state, move->action);
  /* Not for a retried signing the server has applied already (the request has moved on). */
  if (sign && t != NULL && client_checks () && !check_sign_complete (self, error))
    return FALSE;
  if ((calendar = calendar_locked (self, error)) == NULL)
    return FALSE;
  days = t != NULL ? ranah_workflow_standard_days (t->to) : 0;
  if (days > 0)
    due = ranah_calendar_add_working_days (calendar, now, days);

  if (move->instructions != NULL)
    {
      GString *arr = g_string_new ("{");
      for (guint i = 0; move->instructions[i] != NULL; i++)
        {
          g_string_append (arr, i > 0 ? ",\"" : "\"");
          for (const char *c = move->instructions[i]; *c; c++)
            {
              if (*c == '"' || *c == '\\')
                g_string_append_c (arr, '\\');
              g_string_append_c (arr, *c);
            }
          g_string_append_c (arr, '"');
        }
      g_string_append_c (arr, '}');
      instructions = g_string_free (arr, FALSE);
    }
  if (move->records != NULL)
    records = move_records_json (move->records);
  if (move->draft != NULL)
    draft = draft_json (move->draft);

  ranah_pg_params_init (&p);
  ranah_pg_param_text (&p, ranah_action_to_string (move->action));
  ranah_pg_param_int (&p, move->request_id);
  ranah_pg_param_int (&p, move->expected_version);
  ranah_pg_param_text (&p, move->note);
  ranah_pg_param_text (&p, move->idempotency_key);
  ranah_pg_param_int (&p, now);
  ranah_pg_param_int (&p, move->to_user_id);
  ranah_pg_param_text (&p, instructions);
  ranah_pg_param_text (&p, ranah_urgency_to_string (move->urgency));
  ranah_pg_param_int (&p, move->due_at);
  ranah_pg_param_int (&p, due);
  ranah_pg_param_text (&p, records);
  ranah_pg_param_text (&p, draft);

  /* One statement is one transaction; signing adds the rendered PDF to it. */
  if (sign && !ranah_pg_exec (self, "BEGIN", error))
    return FALSE;
  res = ranah_pg_query (self, "SELECT coalesce ((x->>'repeated')::boolean, false), "
                              "(x->>'letter_id')::bigint, (x->>'urut')::int, "
                              "(x->>'year')::int, (x->>'month')::int, x->>'number', "
                              "coalesce ((x->>'audit_seq')::bigint, 0), x->>'audit_hash' "
                              "FROM ranah.move ($1, $2, $3, $4, $5, $6, $7, $8::text[], $9, "
                              "$10, $11, $12::jsonb, $13::jsonb) x", &p, error);
  if (res == NULL)
    goto fail;
  if (sign && !ranah_pg_col_bool (res, 0, 0) && !finish_sign (self, move, res, error))
    goto fail;
  if (sign && !ranah_pg_exec (self, "COMMIT", error))
    goto fail;
  return TRUE;

fail:
  ranah_pg_rollback (self);
  return FALSE;
}

static gboolean
move (RanahStore       *store,
      const RanahMove  *m,
      GError          **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  LOCKED (self);

  if (!ranah_pg_ensure (self, error))
    return FALSE;
  return move_locked (self, m, error);
}

static GPtrArray *
list_dispositions (RanahStore  *store,
                   gint64       request_id,
                   GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_autoptr(RanahRequest) request = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_disposition_free);
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;
  LOCKED (self);

  if (!ranah_pg_ensure (self, error)
      || (request = load_request (self, request_id, error)) == NULL)
    return NULL;
  ranah_pg_params_init (&p);
  ranah_pg_param_int (&p, request_id);
  res = ranah_pg_query (self, "SELECT d.id, d.step, d.from_user_id, "
                              "coalesce (nullif (f.full_name, ''), f.username), f.role, "
                              "d.to_user_id, coalesce (nullif (t.full_name, ''), t.username), "
                              "t.role, array_to_string (d.instructions, chr (31)), d.note, "
                              "d.urgency, d.due_at, d.created_at, d.read_at, d.recalled "
                              "FROM ranah.dispositions d "
                              "JOIN ranah.users f ON f.id = d.from_user_id "
                              "JOIN ranah.users t ON t.id = d.to_user_id "
                              "WHERE d.request_id = $1 ORDER BY d.id", &p, error);
  if (res == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (res); i++)
    {
      RanahDisposition *d = ranah_disposition_new ();

      d->id = ranah_pg_col_int (res, i, 0);
      d->request_id = request_id;
      d->step = ranah_pg_col_int (res, i, 1);
      d->from_user_id = ranah_pg_col_int (res, i, 2);
      set_str (&d->from_name, res, i, 3);
      d->from_role = ranah_role_from_string (PQgetvalue (res, i, 4));
      d->to_user_id = ranah_pg_col_int (res, i, 5);
      set_str (&d->to_name, res, i, 6);
      d->to_role = ranah_role_from_string (PQgetvalue (res, i, 7));
      g_strfreev (d->instructions);
      d->instructions = ranah_pg_col_strv (res, i, 8);
      set_str (&d->note, res, i, 9);
      d->urgency = ranah_urgency_from_string (PQgetvalue (res, i, 10), NULL);
      d->due_at = ranah_pg_col_int (res, i, 11);
      d->created_at = ranah_pg_col_int (res, i, 12);
      d->read_at = ranah_pg_col_int (res, i, 13);
      d->recalled = ranah_pg_col_bool (res, i, 14);
      g_ptr_array_add (list, d);
    }
  return g_steal_pointer (&list);
}

static gboolean
mark_read (RanahStore  *store,
           gint64       disposition_id,
           GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;
  LOCKED (self);

  if (!ranah_pg_ensure (self, error))
    return FALSE;
  ranah_pg_params_init (&p);
  ranah_pg_param_int (&p, disposition_id);
  ranah_pg_param_int (&p, now_of (self));
  res = ranah_pg_query (self, "SELECT ranah.mark_read ($1, $2)", &p, error);
  return res != NULL;
}

/* ---- letters ---------------------------------------------------------------------------- */

static RanahLetter *
load_letter (RanahPostgresStore  *self,
             const char          *where,
             gint64               id,
             GError             **error)
{
  g_autofree char *sql = g_strconcat ("SELECT l.id, l.request_id, l.kind, l.state, l.number, "
                                      "l.sifat, l.lampiran, l.hal, l.body, "
                                      "array_to_string (l.tembusan, chr (31)), l.letter_date, "
                                      "l.verification_code, l.pdf_sha256, "
                                      "coalesce (l.signed_by, 0), l.signed_at, l.revision, "
                                      "l.audit_seq, l.audit_hash "
                                      "FROM ranah.letters l WHERE ", where, NULL);
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;
  RanahLetter *letter;

  ranah_pg_params_init (&p);
  ranah_pg_param_int (&p, id);
  res = ranah_pg_query (self, sql, &p, error);
  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND,
                   _("There is no response letter for this request yet."));
      return NULL;
    }
  letter = ranah_letter_new ();
  letter->id = ranah_pg_col_int (res, 0, 0);
  letter->request_id = ranah_pg_col_int (res, 0, 1);
  letter->kind = ranah_outcome_from_string (PQgetvalue (res, 0, 2));
  letter->state = g_str_equal (PQgetvalue (res, 0, 3), "signed") ? RANAH_LETTER_SIGNED
                                                                 : RANAH_LETTER_DRAFT;
  g_free (letter->number);
  letter->number = ranah_pg_col_str_or_null (res, 0, 4);
  set_str (&letter->sifat, res, 0, 5);
  set_str (&letter->lampiran, res, 0, 6);
  set_str (&letter->hal, res, 0, 7);
  g_free (letter->body);
  letter->body = ranah_pg_col_str_or_null (res, 0, 8);
  g_strfreev (letter->tembusan);
  letter->tembusan = ranah_pg_col_strv (res, 0, 9);
  g_free (letter->letter_date);
  letter->letter_date = ranah_pg_col_str_or_null (res, 0, 10);
  g_free (letter->verification_code);
  letter->verification_code = ranah_pg_col_str_or_null (res, 0, 11);
  g_free (letter->pdf_sha256);
  letter->pdf_sha256 = ranah_pg_col_str_or_null (res, 0, 12);
  letter->signed_by = ranah_pg_col_int (res, 0, 13);
  letter->signed_at = ranah_pg_col_int (res, 0, 14);
  letter->revision = ranah_pg_col_int (res, 0, 15);
  letter->audit_seq = ranah_pg_col_int (res, 0, 16);
  letter->audit_hash = ranah_pg_col_str_or_null (res, 0, 17);
  return letter;
}

static RanahLetter *
get_letter (RanahStore  *store,
            gint64       request_id,
            GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_autoptr(RanahRequest) request = NULL;
  LOCKED (self);

  if (!ranah_pg_ensure (self, error)
      || (request = load_request (self, request_id, error)) == NULL)
    return NULL;
  return load_letter (self, "l.request_id = $1", request_id, error);
}

static GBytes *
get_letter_pdf (RanahStore  *store,
                gint64       letter_id,
                GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;
  LOCKED (self);

  if (!ranah_pg_ensure (self, error))
    return NULL;
  ranah_pg_params_init (&p);
  ranah_pg_param_int (&p, letter_id);
  res = ranah_pg_query (self, "SELECT pdf FROM ranah.letters WHERE id = $1", &p, error);
  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0 || PQgetisnull (res, 0, 0))
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND,
                   _("This letter has not been signed, so it has no PDF."));
      return NULL;
    }
  return ranah_pg_col_bytes (res, 0, 0);
}

static RanahLetter *
find_letter_by_sha256 (RanahStore  *store,
                       const char  *sha256_hex,
                       GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_autofree char *lower = g_ascii_strdown (sha256_hex, -1);
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;
  LOCKED (self);

  if (!ranah_pg_ensure (self, error))
    return NULL;
  ranah_pg_params_init (&p);
  ranah_pg_param_text (&p, lower);
  res = ranah_pg_query (self, "SELECT id FROM ranah.letters WHERE pdf_sha256 = $1", &p, error);
  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND,
                   _("No letter signed here has this fingerprint."));
      return NULL;
    }
  return load_letter (self, "l.id = $1", ranah_pg_col_int (res, 0, 0), error);
}

/* ---- registry --------------------------------------------------------------------------- */

#define ENTRY_SELECT                                                                      \
  "SELECT e.id, e.name, e.fqdn, e.opd_id, o.name, e.purpose, e.contact_name, "            \
  "e.contact_phone, e.contact_email, e.status, e.activated_on, coalesce (e.request_id, 0), " \
  "e.last_check_at, e.last_check, e.version, e.last_check_ok "                             \
  "FROM ranah.entries e JOIN ranah.opds o ON o.id = e.opd_id "

static RanahEntry *
entry_from_row (PGresult *res,
                int       i)
{
  RanahEntry *e = ranah_entry_new ();
  RanahEntryStatus status = RANAH_ENTRY_ACTIVE;

  e->id = ranah_pg_col_int (res, i, 0);
  set_str (&e->name, res, i, 1);
  set_str (&e->fqdn, res, i, 2);
  e->opd_id = ranah_pg_col_int (res, i, 3);
  set_str (&e->opd_name, res, i, 4);
  set_str (&e->purpose, res, i, 5);
  set_str (&e->contact_name, res, i, 6);
  set_str (&e->contact_phone, res, i, 7);
  set_str (&e->contact_email, res, i, 8);
  ranah_entry_status_from_string (PQgetvalue (res, i, 9), &status);
  e->status = status;
  set_str (&e->activated_on, res, i, 10);
  e->request_id = ranah_pg_col_int (res, i, 11);
  e->last_check_at = ranah_pg_col_int (res, i, 12);
  g_free (e->last_check);
  e->last_check = ranah_pg_col_str_or_null (res, i, 13);
  e->version = ranah_pg_col_int (res, i, 14);
  e->last_check_ok = ranah_pg_col_bool (res, i, 15);
  return e;
}

static GPtrArray *
query_entries (RanahPostgresStore  *self,
               const char          *sql,
               RanahPgParams       *params,
               GError             **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_entry_free);
  g_autoptr(PGresult) res = ranah_pg_query (self, sql, params, error);

  if (res == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (res); i++)
    g_ptr_array_add (list, entry_from_row (res, i));
  if (!load_records (self, list, TRUE, error))
    return NULL;
  return g_steal_pointer (&list);
}

static GPtrArray *
list_entries (RanahStore              *store,
              const RanahEntryFilter  *filter,
              GError                 **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_autoptr(GString) sql = g_string_new (ENTRY_SELECT "WHERE true ");
  g_auto(RanahPgParams) p = { 0 };
  LOCKED (self);

  if (!ranah_pg_ensure (self, error))
    return NULL;
  ranah_pg_params_init (&p);
  if (filter->opd_id != 0)
    {
      ranah_pg_param_int (&p, filter->opd_id);
      g_string_append_printf (sql, "AND e.opd_id = $%d ", p.n);
    }
  if (filter->status >= 0)
    {
      ranah_pg_param_text (&p, ranah_entry_status_to_string (filter->status));
      g_string_append_printf (sql, "AND e.status = $%d ", p.n);
    }
  if (filter->failing_only)
    g_string_append (sql, "AND e.last_check_at <> 0 AND NOT e.last_check_ok ");
  if (filter->text != NULL && *filter->text != '\0')
    {
      ranah_pg_param_text (&p, filter->text);
      g_string_append_printf (sql, "AND (strpos (lower (e.name), lower ($%1$d)) > 0 "
                              "OR strpos (lower (e.fqdn), lower ($%1$d)) > 0 "
                              "OR strpos (lower (o.name), lower ($%1$d)) > 0 "
                              "OR strpos (lower (o.code), lower ($%1$d)) > 0 "
                              "OR strpos (lower (e.purpose), lower ($%1$d)) > 0 "
                              "OR EXISTS (SELECT 1 FROM ranah.entry_records x "
                              "WHERE x.entry_id = e.id "
                              "AND strpos (lower (x.target), lower ($%1$d)) > 0)) ", p.n);
    }
  g_string_append (sql, "ORDER BY lower (e.name), e.id");
  return query_entries (self, sql->str, &p, error);
}

static RanahEntry *
get_entry (RanahStore  *store,
           gint64       id,
           GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(GPtrArray) list = NULL;
  LOCKED (self);

  if (!ranah_pg_ensure (self, error))
    return NULL;
  ranah_pg_params_init (&p);
  ranah_pg_param_int (&p, id);
  list = query_entries (self, ENTRY_SELECT "WHERE e.id = $1", &p, error);
  if (list == NULL)
    return NULL;
  if (list->len == 0)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND,
                   _("There is no registry entry with id %" PRId64 "."), id);
      return NULL;
    }
  return g_ptr_array_steal_index (list, 0);
}

/* One statement: each half an index scan (entries_request, entries_fqdn) run once in an
 * init-plan, then the entry by its key. Row-level security keeps an OPD's users to their
 * own OPD's entries in every reference to ranah.entries, as in list_entries. Under it the
 * planner uses an index only for a leakproof condition: "e.id = coalesce (…)" is not one
 * (it scanned all 100,000 entries), "e.id = (SELECT coalesce (…))", an init-plan's
 * parameter, is. */
static RanahEntry *
find_entry_for_request (RanahStore  *store,
                        gint64       request_id,
                        const char  *fqdn,
                        GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(GPtrArray) list = NULL;
  LOCKED (self);

  if (!ranah_pg_ensure (self, error))
    return NULL;
  ranah_pg_params_init (&p);
  ranah_pg_param_int (&p, request_id);
  ranah_pg_param_text (&p, fqdn);
  list = query_entries (self, ENTRY_SELECT "WHERE e.id = (SELECT coalesce ("
                        "(SELECT x.id FROM ranah.entries x WHERE x.request_id = $1 "
                        "ORDER BY lower (x.name), x.id LIMIT 1), "
                        "(SELECT x.id FROM ranah.entries x WHERE x.fqdn = $2 "
                        "ORDER BY lower (x.name), x.id LIMIT 1)))", &p, error);
  if (list == NULL || list->len == 0)
    return NULL;
  return g_ptr_array_steal_index (list, 0);
}

static void
add_problem (GPtrArray  *problems,
             guint       line,
             char       *reason)
{
  RanahImportProblem *problem = g_new0 (RanahImportProblem, 1);

  problem->line = line;
  problem->reason = reason;
  g_ptr_array_add (problems, problem);
}

static gboolean
may_keep_registry (const RanahUser  *me,
                   GError          **error)
{
  if (me->role != RANAH_ROLE_SUBKOOR && me->role != RANAH_ROLE_STAF
      && me->role != RANAH_ROLE_ADMIN)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION,
                   _("The role %s may not change the registry."), ranah_role_title (me->role));
      return FALSE;
    }
  return TRUE;
}

static gboolean
import_entries (RanahStore  *store,
                GPtrArray   *entries,
                GPtrArray  **problems_out,
                GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_import_problem_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) opds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) profile = NULL;
  g_autoptr(GString) json = g_string_new ("[");
  g_autoptr(PGresult) res = NULL;
  g_auto(RanahPgParams) p = { 0 };
  LOCKED (self);

  if (!ranah_pg_ensure (self, error) || !may_keep_registry (me_of (self), error))
    return FALSE;
  if ((profile = profile_locked (self, error)) == NULL)
    return FALSE;
  res = ranah_pg_query (self, "SELECT id, lower (code), lower (name) FROM ranah.opds", NULL, error);
  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    {
      gint64 id = ranah_pg_col_int (res, i, 0);
      g_hash_table_insert (opds, ranah_pg_col_str (res, i, 1), GSIZE_TO_POINTER ((gsize) id));
      g_hash_table_insert (opds, ranah_pg_col_str (res, i, 2), GSIZE_TO_POINTER ((gsize) id));
    }

  for (guint i = 0; i < entries->len; i++)
    {
      RanahEntry *e = g_ptr_array_index (entries, i);
      guint line = e->id > 0 ? (guint) e->id : i + 1;
      g_autofree char *lower = NULL;
      g_autofree char *fqdn = NULL;
      g_autofree char *records = NULL;
      g_autoptr(GError) local = NULL;
      g_autoptr(GString) obj = g_string_new (NULL);
      gint64 opd_id = e->opd_id;

      if (!ranah_validate_label (e->name != NULL ? e->name : "", &lower, NULL, &local))
        {
          add_problem (problems, line, g_strdup (local->message));
          continue;
        }
      if (e->records == NULL || !ranah_validate_records (e->records, &local))
        add_problem (problems, line, local != NULL
                                     ? g_strdup (local->message)
                                     : g_strdup_printf (_("The name “%s” has no records."), lower));
      g_clear_error (&local);
      if (opd_id == 0)
        {
          g_autofree char *key = g_utf8_strdown (e->opd_name != NULL ? e->opd_name : "", -1);
          opd_id = (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (opds, key));
          if (opd_id == 0)
            add_problem (problems, line, g_strdup_printf (_("There is no OPD “%s”."),
                                                          e->opd_name != NULL ? e->opd_name : ""));
        }
      if (g_hash_table_contains (seen, lower))
        add_problem (problems, line,
                     g_strdup_printf (_("The name “%s” appears more than once in the file."),
                                      lower));
      else
        g_hash_table_add (seen, g_strdup (lower));
      if (!check_name_free_locked (self, lower, 0, &local))
        {
          if (!g_error_matches (local, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          add_problem (problems, line, g_strdup (local->message));
        }

      fqdn = e->fqdn != NULL && *e->fqdn != '\0'
             ? g_ascii_strdown (e->fqdn, -1)
             : g_strconcat (lower, ".",
                            (const char *) g_hash_table_lookup (profile, RANAH_PROFILE_PARENT_DOMAIN),
                            NULL);
      records = ranah_json_records (e->records);
      ranah_json_begin (obj);
      ranah_json_str (obj, "name", lower);
      ranah_json_str (obj, "fqdn", fqdn);
      ranah_json_int (obj, "opd_id", opd_id);
      ranah_json_str (obj, "purpose", e->purpose);
      ranah_json_str (obj, "contact_name", e->contact_name);
      ranah_json_str (obj, "contact_phone", e->contact_phone);
      ranah_json_str (obj, "contact_email", e->contact_email);
      ranah_json_str (obj, "status", ranah_entry_status_to_string (e->status));
      ranah_json_str (obj, "activated_on", e->activated_on);
      ranah_json_raw (obj, "records", records);
      ranah_json_end (obj);
      if (json->len > 1)
        g_string_append_c (json, ',');
      g_string_append_len (json, obj->str, obj->len);
    }
  g_string_append_c (json, ']');

  if (problems->len > 0)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Nothing was imported: %u line has a problem.",
                                "Nothing was imported: %u lines have problems.", problems->len),
                   problems->len);
      if (problems_out != NULL)
        *problems_out = g_steal_pointer (&problems);
      return FALSE;
    }
  g_clear_pointer (&res, PQclear);
  ranah_pg_params_init (&p);
  ranah_pg_param_text (&p, json->str);
  ranah_pg_param_int (&p, now_of (self));
  res = ranah_pg_query (self, "SELECT ranah.import_entries ($1::jsonb, $2)", &p, error);
  if (res != NULL && problems_out != NULL)
    *problems_out = g_steal_pointer (&problems);
  return res != NULL;
}

static gboolean
set_entry_status (RanahStore        *store,
                  gint64             entry_id,
                  gint64             expected_version,
                  RanahEntryStatus   status,
                  const char        *reason,
                  GError           **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;
  LOCKED (self);

  if (!ranah_pg_ensure (self, error) || !may_keep_registry (me_of (self), error))
    return FALSE;
  if ((guint) status > RANAH_ENTRY_REVOKED)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("The status must be active, suspended or revoked."));
      return FALSE;
    }
  if (reason != NULL && !ranah_validate_text (reason, _("Reason"), FALSE, TRUE, 2000, error))
    return FALSE;
  ranah_pg_params_init (&p);
  ranah_pg_param_int (&p, entry_id);
  ranah_pg_param_int (&p, expected_version);
  ranah_pg_param_text (&p, ranah_entry_status_to_string (status));
  ranah_pg_param_text (&p, reason);
  ranah_pg_param_int (&p, now_of (self));
  res = ranah_pg_query (self, "SELECT ranah.set_entry_status ($1, $2, $3, $4, $5)", &p, error);
  return res != NULL;
}

static void
write_proof (GString       *out,
             gconstpointer  item)
{
  const RanahRecord *r = item;

  ranah_json_int (out, "id", r->id);
  ranah_json_str (out, "server", r->proof_server);
  ranah_json_int (out, "serial", r->proof_serial);
  ranah_json_str (out, "answer", r->proof_answer);
}

static char *
proofs_json (GPtrArray *proofs)
{
  return ranah_json_objects (proofs, write_proof);
}

static gboolean
record_check (RanahStore  *store,
              gint64       entry_id,
              gboolean     ok,
              const char  *summary,
              GPtrArray   *proofs,
              GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;
  LOCKED (self);

  if (!ranah_pg_ensure (self, error) || !may_keep_registry (me_of (self), error))
    return FALSE;
  if (summary != NULL && !ranah_validate_text (summary, _("Check result"), FALSE, TRUE, 2000, error))
    return FALSE;
  ranah_pg_params_init (&p);
  ranah_pg_param_int (&p, entry_id);
  ranah_pg_param_bool (&p, ok);
  ranah_pg_param_text (&p, summary != NULL ? summary : "");
  if (ok && proofs != NULL)
    {
      ranah_pg_param_take (&p, proofs_json (proofs));
      res = ranah_pg_query (self, "SELECT ranah.record_check_proofs ($1, $2, $3, $4::jsonb)",
                            &p, error);
      return res != NULL;
    }
  ranah_pg_param_int (&p, now_of (self));
  res = ranah_pg_query (self, "SELECT ranah.record_check ($1, $2, $3, $4)", &p, error);
  return res != NULL;
}

/* ---- the proof that DNS serves a record ------------------------------------------------- */

/* The checks of ranah.record_proof (), worded as the SQLite store words them. */
static gboolean
check_proofs (RanahPostgresStore  *self,
              gint64               request_id,
              GPtrArray           *records,
              GError             **error)
{
  const RanahUser *me = me_of (self);
  g_autoptr(RanahRequest) request = NULL;

  if (me->role != RANAH_ROLE_STAF)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION,
                   _("Only the staff member the request is disposed to records that DNS "
                     "serves its records."));
      return FALSE;
    }
  if ((request = load_request (self, request_id, error)) == NULL)
    return FALSE;
  if (request->state != RANAH_STATE_AT_STAF && request->state != RANAH_STATE_CREATED)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_STATE,
                   _("The request for %s is “%s”: that DNS serves its records is recorded "
                     "only while it waits for step 5 or 6."),
                   request->fqdn, ranah_state_label (request->state));
      return FALSE;
    }
  if (request->assignee_id != me->id)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION,
                   _("This request was disposed to another official."));
      return FALSE;
    }
  for (guint i = 0; i < records->len; i++)
    {
      const RanahRecord *proof = g_ptr_array_index (records, i);
      const RanahRecord *record = NULL;

      for (guint j = 0; j < request->records->len && record == NULL; j++)
        if (((const RanahRecord *) g_ptr_array_index (request->records, j))->id == proof->id)
          record = g_ptr_array_index (request->records, j);
      if (record == NULL)
        {
          g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                       _("A proven record does not belong to this request."));
          return FALSE;
        }
      if (!ranah_validate_text (proof->proof_server, _("DNS server"), TRUE, FALSE, 200, error)
          || !ranah_validate_text (proof->proof_answer, _("DNS answer"), TRUE, FALSE, 1000,
                                   error))
        return FALSE;
      if (!ranah_record_answer_matches (record, proof->proof_answer))
        {
          g_autofree char *answer = ranah_text_shown (proof->proof_answer, 64, FALSE);
          g_autofree char *target = ranah_text_shown (record->target, 64, FALSE);

          g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                       _("The server's answer “%s” is not the %s record's target “%s”."),
                       answer, ranah_record_type_to_string (record->type), target);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
record_proofs (RanahStore  *store,
               gint64       request_id,
               GPtrArray   *records,
               GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  LOCKED (self);

  if (!ranah_pg_ensure (self, error)
      || (client_checks () && !check_proofs (self, request_id, records, error)))
    return FALSE;
  /* All or none, one event each (ranah.record_proof, the server's checks and clock). */
  if (!ranah_pg_exec (self, "BEGIN", error))
    return FALSE;
  for (guint i = 0; i < records->len; i++)
    {
      const RanahRecord *proof = g_ptr_array_index (records, i);
      g_auto(RanahPgParams) p = { 0 };
      g_autoptr(PGresult) res = NULL;

      ranah_pg_params_init (&p);
      ranah_pg_param_int (&p, proof->id);
      ranah_pg_param_text (&p, proof->proof_server);
      ranah_pg_param_int (&p, proof->proof_serial);
      ranah_pg_param_text (&p, proof->proof_answer);
      res = ranah_pg_query (self, "SELECT ranah.record_proof ($1, $2, $3, $4)", &p, error);
      if (res == NULL)
        {
          ranah_pg_rollback (self);
          return FALSE;
        }
    }
  if (!ranah_pg_exec (self, "COMMIT", error))
    {
      ranah_pg_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/* ---- audit ------------------------------------------------------------------------------ */

static GPtrArray *
list_events (RanahStore  *store,
             gint64       request_id,
             GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_event_free);
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;
  LOCKED (self);

  if (!ranah_pg_ensure (self, error))
    return NULL;
  ranah_pg_params_init (&p);
  ranah_pg_param_int (&p, request_id);
  res = ranah_pg_query (self, "SELECT seq, at, user_id, username, request_id, step, action, "
                              "from_state, to_state, note, prev_hash, hash, version, "
                              "coalesce (chain, 0), coalesce (chain_seq, 0), state "
                              "FROM ranah.events "
                              "WHERE $1 = 0 OR request_id = $1 ORDER BY seq", &p, error);
  if (res == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (res); i++)
    {
      RanahEvent *e = ranah_event_new ();

      e->seq = ranah_pg_col_int (res, i, 0);
      e->at = ranah_pg_col_int (res, i, 1);
      e->user_id = ranah_pg_col_int (res, i, 2);
      set_str (&e->username, res, i, 3);
      e->request_id = ranah_pg_col_int (res, i, 4);
      e->step = ranah_pg_col_int (res, i, 5);
      set_str (&e->action, res, i, 6);
      set_str (&e->from_state, res, i, 7);
      set_str (&e->to_state, res, i, 8);
      set_str (&e->note, res, i, 9);
      set_str (&e->prev_hash, res, i, 10);
      set_str (&e->hash, res, i, 11);
      e->version = ranah_pg_col_int (res, i, 12);
      e->chain = ranah_pg_col_int (res, i, 13);
      e->chain_seq = ranah_pg_col_int (res, i, 14);
      set_str (&e->state, res, i, 15);
      g_ptr_array_add (list, e);
    }
  return g_steal_pointer (&list);
}

static gboolean
audit_state (RanahStore  *store,
             GPtrArray  **rows,
             GHashTable **heads,
             GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_autoptr(PGresult) state = NULL;
  g_autoptr(PGresult) tips = NULL;
  LOCKED (self);

  if (!ranah_pg_ensure (self, error))
    return FALSE;
  /* One snapshot for both, so a move in between cannot make them disagree. */
  if (!ranah_pg_exec (self, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error))
    return FALSE;
  state = ranah_pg_query (self, "SELECT s FROM ranah.audit_state () s", NULL, error);
  if (state != NULL)
    tips = ranah_pg_query (self, "SELECT chain, seq, hash FROM ranah.chain_heads", NULL, error);
  if (tips == NULL || !ranah_pg_exec (self, "COMMIT", error))
    {
      ranah_pg_rollback (self);
      return FALSE;
    }
  *rows = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < PQntuples (state); i++)
    g_ptr_array_add (*rows, ranah_pg_col_str (state, i, 0));
  *heads = ranah_audit_heads_new ();
  for (int i = 0; i < PQntuples (tips); i++)
    ranah_audit_heads_add (*heads, ranah_pg_col_int (tips, i, 0), ranah_pg_col_int (tips, i, 1),
                           PQgetvalue (tips, i, 2));
  return TRUE;
}

static gboolean
record_anchor (RanahStore  *store,
               const char  *note,
               gint64      *chain_seq,
               char       **hash,
               GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;
  LOCKED (self);

  if (!ranah_pg_ensure (self, error))
    return FALSE;
  ranah_pg_params_init (&p);
  ranah_pg_param_text (&p, note);
  res = ranah_pg_query (self, "SELECT chain_seq, hash FROM ranah.record_anchor ($1)", &p, error);
  if (res == NULL)
    return FALSE;
  *chain_seq = ranah_pg_col_int (res, 0, 0);
  *hash = ranah_pg_col_str (res, 0, 1);
  return TRUE;
}

/* ---- administration --------------------------------------------------------------------- */

static GPtrArray *
list_users (RanahStore  *store,
            GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_user_free);
  g_autoptr(PGresult) res = NULL;
  LOCKED (self);

  if (!ranah_pg_ensure (self, error))
    return NULL;
  res = ranah_pg_query (self, "SELECT " RANAH_PG_USER_COLUMNS " FROM ranah.users ORDER BY username",
                        NULL, error);
  if (res == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (res); i++)
    g_ptr_array_add (list, ranah_pg_user_from_row (res, i));
  return g_steal_pointer (&list);
}

static void
user_json (GString         *json,
           const RanahUser *user)
{
  ranah_json_begin (json);
  ranah_json_int (json, "id", user->id);
  ranah_json_str (json, "username", user->username);
  ranah_json_str (json, "full_name", user->full_name);
  ranah_json_str (json, "role", ranah_role_to_string (user->role));
  ranah_json_int (json, "opd_id", user->opd_id);
  ranah_json_str (json, "nip", user->nip);
  ranah_json_str (json, "position", user->position);
  ranah_json_str (json, "rank", user->rank);
  ranah_json_str (json, "email", user->email);
  ranah_json_bool (json, "active", user->active);
  ranah_json_end (json);
}

static gboolean
validate_user (const RanahUser  *user,
               GError          **error)
{
  if (user->role <= RANAH_ROLE_NONE || user->role >= RANAH_N_ROLES)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION, _("Choose a role."));
      return FALSE;
    }
  if (user->role == RANAH_ROLE_OPD && user->opd_id == 0)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("An OPD user belongs to an OPD: choose one."));
      return FALSE;
    }
  if (user->nip != NULL && *user->nip != '\0' && !ranah_validate_nip (user->nip, FALSE, error))
    return FALSE;
  if (user->email != NULL && *user->email != '\0'
      && !ranah_validate_email (user->email, _("e-mail"), error))
    return FALSE;
  return TRUE;
}

static gint64
add_user (RanahStore       *store,
          const RanahUser  *user,
          const char       *password,
          GError          **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_autofree char *lower = NULL;
  g_autofree char *verifier = NULL;
  g_autoptr(GString) json = g_string_new (NULL);
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;
  LOCKED (self);

  if (!ranah_pg_ensure (self, error)
      || !ranah_validate_text (user->username, _("User name"), TRUE, FALSE, 63, error)
      || !validate_user (user, error))
    return 0;
  if (strlen (password) < 8)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("A password has at least 8 characters."));
      return 0;
    }
  lower = g_utf8_strdown (user->username, -1);
  if ((verifier = ranah_pg_scram_verifier (self, lower, password, error)) == NULL)
    return 0;
  user_json (json, user);
  ranah_pg_params_init (&p);
  ranah_pg_param_text (&p, json->str);
  ranah_pg_param_text (&p, verifier);
  ranah_pg_param_int (&p, now_of (self));
  res = ranah_pg_query (self, "SELECT ranah.add_user ($1::jsonb, $2, $3)", &p, error);
  return res != NULL ? ranah_pg_col_int (res, 0, 0) : 0;
}

static gboolean
update_user (RanahStore       *store,
             const RanahUser  *user,
             GError          **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_autoptr(GString) json = g_string_new (NULL);
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;
  LOCKED (self);

  if (!ranah_pg_ensure (self, error) || !validate_user (user, error))
    return FALSE;
  user_json (json, user);
  ranah_pg_params_init (&p);
  ranah_pg_param_text (&p, json->str);
  ranah_pg_param_int (&p, now_of (self));
  res = ranah_pg_query (self, "SELECT ranah.update_user ($1::jsonb, $2)", &p, error);
  return res != NULL;
}

static gboolean
set_password (RanahStore  *store,
              gint64       user_id,
              const char  *password,
              GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_autofree char *verifier = NULL;
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;
  LOCKED (self);

  if (!ranah_pg_ensure (self, error))
    return FALSE;
  if (strlen (password) < 8)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("A password has at least 8 characters."));
      return FALSE;
    }
  ranah_pg_params_init (&p);
  ranah_pg_param_int (&p, user_id);
  res = ranah_pg_query (self, "SELECT role_name FROM ranah.users WHERE id = $1", &p, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND,
                   _("There is no user with id %" PRId64 "."), user_id);
      return FALSE;
    }
  verifier = ranah_pg_scram_verifier (self, PQgetvalue (res, 0, 0), password, error);
  if (verifier == NULL)
    return FALSE;
  g_clear_pointer (&res, PQclear);
  ranah_pg_params_clear (&p);
  ranah_pg_params_init (&p);
  ranah_pg_param_int (&p, user_id);
  ranah_pg_param_text (&p, verifier);
  ranah_pg_param_int (&p, now_of (self));
  res = ranah_pg_query (self, "SELECT ranah.set_password ($1, $2, $3)", &p, error);
  return res != NULL;
}

static GPtrArray *
list_opds (RanahStore  *store,
           GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_opd_free);
  g_autoptr(PGresult) res = NULL;
  LOCKED (self);

  if (!ranah_pg_ensure (self, error))
    return NULL;
  res = ranah_pg_query (self, "SELECT id, code, name, head_title, address, email, active "
                              "FROM ranah.opds ORDER BY name", NULL, error);
  if (res == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (res); i++)
    {
      RanahOpd *opd = ranah_opd_new ();

      opd->id = ranah_pg_col_int (res, i, 0);
      set_str (&opd->code, res, i, 1);
      set_str (&opd->name, res, i, 2);
      set_str (&opd->head_title, res, i, 3);
      set_str (&opd->address, res, i, 4);
      set_str (&opd->email, res, i, 5);
      opd->active = ranah_pg_col_bool (res, i, 6);
      g_ptr_array_add (list, opd);
    }
  return g_steal_pointer (&list);
}

static gint64
save_opd (RanahPostgresStore  *self,
          const RanahOpd      *opd,
          GError             **error)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;

  if (!ranah_pg_ensure (self, error)
      || !ranah_validate_text (opd->code, _("OPD code"), TRUE, FALSE, 32, error)
      || !ranah_validate_text (opd->name, _("OPD name"), TRUE, FALSE, 200, error))
    return 0;
  if (opd->email != NULL && *opd->email != '\0'
      && !ranah_validate_email (opd->email, _("OPD e-mail"), error))
    return 0;
  ranah_json_begin (json);
  ranah_json_int (json, "id", opd->id);
  ranah_json_str (json, "code", opd->code);
  ranah_json_str (json, "name", opd->name);
  ranah_json_str (json, "head_title", opd->head_title);
  ranah_json_str (json, "address", opd->address);
  ranah_json_str (json, "email", opd->email);
  ranah_json_bool (json, "active", opd->active);
  ranah_json_end (json);
  ranah_pg_params_init (&p);
  ranah_pg_param_text (&p, json->str);
  ranah_pg_param_int (&p, now_of (self));
  res = ranah_pg_query (self, "SELECT ranah.save_opd ($1::jsonb, $2)", &p, error);
  return res != NULL ? ranah_pg_col_int (res, 0, 0) : 0;
}

static gint64
add_opd (RanahStore      *store,
         const RanahOpd  *opd,
         GError         **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_autoptr(RanahOpd) copy = ranah_opd_copy (opd);
  LOCKED (self);

  copy->id = 0;
  return save_opd (self, copy, error);
}

static gboolean
update_opd (RanahStore      *store,
            const RanahOpd  *opd,
            GError         **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  LOCKED (self);

  if (opd->id == 0)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND,
                   _("There is no such OPD."));
      return FALSE;
    }
  return save_opd (self, opd, error) != 0;
}

static GPtrArray *
list_holidays (RanahStore  *store,
               GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_holiday_free);
  g_autoptr(PGresult) res = NULL;
  LOCKED (self);

  if (!ranah_pg_ensure (self, error))
    return NULL;
  res = ranah_pg_query (self, "SELECT date, name, cuti_bersama FROM ranah.holidays ORDER BY date",
                        NULL, error);
  if (res == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (res); i++)
    g_ptr_array_add (list, ranah_holiday_new (PQgetvalue (res, i, 0), PQgetvalue (res, i, 1),
                                              ranah_pg_col_bool (res, i, 2)));
  return g_steal_pointer (&list);
}

static gboolean
add_holiday (RanahStore          *store,
             const RanahHoliday  *holiday,
             GError             **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;
  LOCKED (self);

  if (!ranah_pg_ensure (self, error))
    return FALSE;
  ranah_pg_params_init (&p);
  ranah_pg_param_text (&p, holiday->date);
  ranah_pg_param_text (&p, holiday->name);
  ranah_pg_param_bool (&p, holiday->cuti_bersama);
  ranah_pg_param_int (&p, now_of (self));
  res = ranah_pg_query (self, "SELECT ranah.add_holiday ($1, $2, $3, $4)", &p, error);
  return res != NULL;
}

/* ranah.add_holiday checks and records each date as for one; BEGIN … COMMIT on the signed-in
 * connection makes the whole list one transaction: a date the server refuses stores none. */
static gboolean
add_holidays (RanahStore  *store,
              GPtrArray   *holidays,
              GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  LOCKED (self);

  if (!ranah_pg_ensure (self, error) || !ranah_pg_exec (self, "BEGIN", error))
    return FALSE;
  for (guint i = 0; i < holidays->len; i++)
    {
      const RanahHoliday *holiday = g_ptr_array_index (holidays, i);
      g_auto(RanahPgParams) p = { 0 };
      g_autoptr(PGresult) res = NULL;

      ranah_pg_params_init (&p);
      ranah_pg_param_text (&p, holiday->date);
      ranah_pg_param_text (&p, holiday->name);
      ranah_pg_param_bool (&p, holiday->cuti_bersama);
      ranah_pg_param_int (&p, now_of (self));
      res = ranah_pg_query (self, "SELECT ranah.add_holiday ($1, $2, $3, $4)", &p, error);
      if (res == NULL)
        {
          ranah_pg_rollback (self);
          return FALSE;
        }
    }
  if (!ranah_pg_exec (self, "COMMIT", error))
    {
      ranah_pg_rollback (self);
      return FALSE;
    }
  return TRUE;
}

static gboolean
remove_holiday (RanahStore  *store,
                const char  *date,
                GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;
  LOCKED (self);

  if (!ranah_pg_ensure (self, error))
    return FALSE;
  ranah_pg_params_init (&p);
  ranah_pg_param_text (&p, date);
  ranah_pg_param_int (&p, now_of (self));
  res = ranah_pg_query (self, "SELECT ranah.remove_holiday ($1, $2)", &p, error);
  return res != NULL;
}

static GStrv
list_reserved (RanahStore  *store,
               GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  LOCKED (self);

  if (!ranah_pg_ensure (self, error))
    return NULL;
  return reserved_locked (self, error);
}

static gboolean
reserved_change (RanahStore  *store,
                 const char  *sql,
                 const char  *name,
                 GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;
  LOCKED (self);

  if (!ranah_pg_ensure (self, error))
    return FALSE;
  ranah_pg_params_init (&p);
  ranah_pg_param_text (&p, name);
  ranah_pg_param_int (&p, now_of (self));
  res = ranah_pg_query (self, sql, &p, error);
  return res != NULL;
}

static gboolean
add_reserved (RanahStore  *store,
              const char  *name,
              GError     **error)
{
  return reserved_change (store, "SELECT ranah.add_reserved ($1, $2)", name, error);
}

static gboolean
remove_reserved (RanahStore  *store,
                 const char  *name,
                 GError     **error)
{
  return reserved_change (store, "SELECT ranah.remove_reserved ($1, $2)", name, error);
}

static GHashTable *
get_profile (RanahStore  *store,
             GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  LOCKED (self);

  if (!ranah_pg_ensure (self, error))
    return NULL;
  return profile_locked (self, error);
}

static gboolean
set_profile (RanahStore  *store,
             const char  *key,
             const char  *value,
             GError     **error)
{
  RanahPostgresStore *self = RANAH_POSTGRES_STORE (store);
  g_auto(RanahPgParams) p = { 0 };
  g_autoptr(PGresult) res = NULL;
  LOCKED (self);

  if (!ranah_pg_ensure (self, error))
    return FALSE;
  ranah_pg_params_init (&p);
  ranah_pg_param_text (&p, key);
  ranah_pg_param_text (&p, value);
  ranah_pg_param_bool (&p, ranah_profile_key_is_secret (key));
  ranah_pg_param_int (&p, now_of (self));
  res = ranah_pg_query (self, "SELECT ranah.set_profile ($1, $2, $3, $4)", &p, error);
  return res != NULL;
}

void
ranah_postgres_ops_class_init (RanahStoreClass *klass)
{
  klass->list_users = list_users;
  klass->add_user = add_user;
  klass->update_user = update_user;
  klass->set_password = set_password;
  klass->list_opds = list_opds;
  klass->add_opd = add_opd;
  klass->update_opd = update_opd;
  klass->list_holidays = list_holidays;
  klass->add_holiday = add_holiday;
  klass->remove_holiday = remove_holiday;
  klass->add_holidays = add_holidays;
  klass->list_reserved = list_reserved;
  klass->add_reserved = add_reserved;
  klass->remove_reserved = remove_reserved;
  klass->get_profile = get_profile;
  klass->set_profile = set_profile;
  klass->submit_request = submit_request;
  klass->attach_letter = attach_letter;
  klass->get_request = get_request;
  klass->get_request_letter = get_request_letter;
  klass->list_requests = list_requests;
  klass->inbox = inbox;
  klass->check_name_free = check_name_free;
  klass->move = move;
  klass->list_dispositions = list_dispositions;
  klass->mark_read = mark_read;
  klass->get_letter = get_letter;
  klass->get_letter_pdf = get_letter_pdf;
  klass->find_letter_by_sha256 = find_letter_by_sha256;
  klass->list_entries = list_entries;
  klass->get_entry = get_entry;
  klass->import_entries = import_entries;
  klass->set_entry_status = set_entry_status;
  klass->find_entry_for_request = find_entry_for_request;
  klass->record_check = record_check;
  klass->record_proofs = record_proofs;
  klass->list_events = list_events;
  klass->audit_state = audit_state;
  klass->record_anchor = record_anchor;
}
