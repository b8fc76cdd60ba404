/* store-fixture.c — fresh stores for the store tests, whichever backend runs them
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "store-fixture.h"
#include "ranah-postgres-store.h"

StoreFixtureUriFactory store_fixture_uri_factory = NULL;

static GPtrArray *temp_dirs;

static void
remove_temp_dirs (void)
{
  for (guint i = 0; temp_dirs != NULL && i < temp_dirs->len; i++)
    {
      const char *dir = g_ptr_array_index (temp_dirs, i);
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_unlink (path);
        }
      g_rmdir (dir);
    }
  g_clear_pointer (&temp_dirs, g_ptr_array_unref);
}

gboolean
store_fixture_is_sqlite (void)
{
  const char *factory = g_getenv ("RANAH_TEST_STORE_URI_FACTORY");

  return store_fixture_uri_factory == NULL && (factory == NULL || *factory == '\0');
}

char *
store_fixture_fresh_uri (void)
{
  const char *factory = g_getenv ("RANAH_TEST_STORE_URI_FACTORY");
  g_autoptr(GError) error = NULL;

  if (store_fixture_uri_factory != NULL)
    {
      char *uri = store_fixture_uri_factory (&error);
      g_assert_no_error (error);
      return uri;
    }
  if (factory != NULL && *factory != '\0')
    {
      g_autofree char *out = NULL;
      int status = 0;

      g_spawn_command_line_sync (factory, &out, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      return g_strdup (g_strstrip (out));
    }

  {
    g_autofree char *dir = g_dir_make_tmp ("ranah-store-XXXXXX", &error);
    char *uri;

    g_assert_no_error (error);
    if (temp_dirs == NULL)
      {
        temp_dirs = g_ptr_array_new_with_free_func (g_free);
        atexit (remove_temp_dirs);
      }
    uri = g_strconcat ("sqlite:", dir, "/s.db", NULL);
    g_ptr_array_add (temp_dirs, g_steal_pointer (&dir));
    return uri;
  }
}

RanahStore *
store_fixture_open_uri (const char *uri)
{
  g_autoptr(GError) error = NULL;
  RanahStore *store = ranah_store_open (uri, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

RanahStore *
store_fixture_open_fresh (void)
{
  g_autofree char *uri = store_fixture_fresh_uri ();

  return store_fixture_open_uri (uri);
}

GBytes *
store_fixture_pdf (gsize size)
{
  static const char head[] = "%PDF-1.4\n% Surat Permohonan\n";
  static const char tail[] = "\ntrailer <<>>\n%%EOF\n";
  guint8 *data;

  size = MAX (size, sizeof head + sizeof tail);
  data = g_malloc (size);
  memset (data, ' ', size);
  memcpy (data, head, sizeof head - 1);
  memcpy (data + size - (sizeof tail - 1), tail, sizeof tail - 1);
  return g_bytes_new_take (data, size);
}

GBytes *
store_fixture_render (const RanahRequest  *request,
                      const RanahLetter   *letter,
                      gpointer             user_data,
                      GError             **error)
{
  g_autofree char *text = g_strdup_printf ("%%PDF-1.4\n%% %s %s %s\n%%%%EOF\n", letter->number,
                                           letter->letter_date, letter->verification_code);

  g_assert_nonnull (letter->number);
  g_assert_nonnull (letter->verification_code);
  return g_bytes_new (text, strlen (text));
}

/* A PostgreSQL store keeps the server's time, not the desktop's: pin the server's clock
 * too, with the owner's credentials the fixture's URI carries. */
void
store_world_pin_server_clock (StoreWorld *world,
                              gint64      now)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_has_prefix (world->uri, "postgresql:"))
    return;
  g_assert_true (ranah_postgres_store_pin_clock (world->uri, now, &error));
  g_assert_no_error (error);
}

static void
pin_server_clock (StoreWorld *world)
{
  store_world_pin_server_clock (world, world->now);
}

static const char *const usernames[RANAH_N_ROLES] = {
  NULL, "opd1", "kadis", "kabid", "subkoor", "staf", "admin",
};

StoreWorld *
store_world_new (void)
{
  StoreWorld *w = g_new0 (StoreWorld, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahUser) admin = ranah_user_new ();
  g_autoptr(GDateTime) monday = g_date_time_new_utc (2026, 3, 2, 1, 0, 0); /* 09:00 WITA */
  g_autoptr(RanahOpd) opd = ranah_opd_new ();

  w->uri = store_fixture_fresh_uri ();
  w->connections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  w->store = store_fixture_open_uri (w->uri);
  w->now = g_date_time_to_unix (monday);
  ranah_store_set_now (w->store, w->now);

  g_free (admin->username);
  admin->username = g_strdup ("admin");
  g_free (admin->full_name);
  admin->full_name = g_strdup ("Administrator");
  admin->role = RANAH_ROLE_ADMIN;
  g_assert_true (ranah_store_initialize (w->store, admin, STORE_FIXTURE_PASSWORD, &error));
  g_assert_no_error (error);
  pin_server_clock (w);
  g_assert_true (ranah_store_sign_in (w->store, "admin", STORE_FIXTURE_PASSWORD, &error));
  g_assert_no_error (error);
  w->user_ids[RANAH_ROLE_ADMIN] = ranah_store_get_user (w->store)->id;
  g_hash_table_insert (w->connections, g_strdup ("admin"), g_object_ref (w->store));

  g_free (opd->code);
  opd->code = g_strdup ("DINKES");
  g_free (opd->name);
  opd->name = g_strdup ("Dinas Kesehatan");
  g_free (opd->head_title);
  opd->head_title = g_strdup ("Kepala Dinas Kesehatan Kota Tarakan");
  opd->active = TRUE;
  w->opd_id = ranah_store_add_opd (w->store, opd, &error);
  g_assert_no_error (error);
  g_free (opd->code);
  opd->code = g_strdup ("DISDIK");
  g_free (opd->name);
  opd->name = g_strdup ("Dinas Pendidikan");
  w->opd2_id = ranah_store_add_opd (w->store, opd, &error);
  g_assert_no_error (error);

  for (RanahRole role = RANAH_ROLE_OPD; role <= RANAH_ROLE_STAF; role++)
    {
      g_autoptr(RanahUser) user = ranah_user_new ();

      g_free (user->username);
      user->username = g_strdup (usernames[role]);
      g_free (user->full_name);
      user->full_name = g_strdup_printf ("Pejabat %s", usernames[role]);
      user->role = role;
      user->opd_id = role == RANAH_ROLE_OPD ? w->opd_id : 0;
      if (role == RANAH_ROLE_KADIS)
        {
          /* The signer: a letter prints their own name, position, rank and NIP, and is
           * signed only when all four are there (ranah-letter-check.h). */
          g_free (user->position);
          user->position = g_strdup ("Kepala Dinas Komunikasi, Informatika, Statistik dan "
                                     "Persandian");
          g_free (user->rank);
          user->rank = g_strdup ("Pembina Utama Muda (IV/c)");
          g_free (user->nip);
          user->nip = g_strdup ("197203151998031004");
        }
      w->user_ids[role] = ranah_store_add_user (w->store, user, STORE_FIXTURE_PASSWORD, &error);
      g_assert_no_error (error);
      g_assert_cmpint (w->user_ids[role], >, 0);
    }
  {
    g_autoptr(RanahUser) user = ranah_user_new ();

    g_free (user->username);
    user->username = g_strdup ("opd2");
    user->role = RANAH_ROLE_OPD;
    user->opd_id = w->opd2_id;
    w->opd2_user_id = ranah_store_add_user (w->store, user, STORE_FIXTURE_PASSWORD, &error);
    g_assert_no_error (error);
  }
  return w;
}

void
store_world_free (StoreWorld *world)
{
  g_clear_object (&world->store);
  g_clear_pointer (&world->connections, g_hash_table_unref);
  g_free (world->uri);
  g_free (world);
}

void
store_world_sign_in_as (StoreWorld *world,
                        const char *username)
{
  g_autoptr(GError) error = NULL;
  RanahStore *connection = g_hash_table_lookup (world->connections, username);
  const RanahUser *me;

  if (connection == NULL)
    {
      connection = store_fixture_open_uri (world->uri);
      ranah_store_set_now (connection, world->now);
      g_hash_table_insert (world->connections, g_strdup (username), connection);
    }
  g_set_object (&world->store, connection);
  me = ranah_store_get_user (connection);
  if (me != NULL && g_str_equal (me->username, username))
    return;
  g_assert_true (ranah_store_sign_in (connection, username, STORE_FIXTURE_PASSWORD, &error));
  g_assert_no_error (error);
}

void
store_world_set_now (StoreWorld *world,
                     gint64      now)
{
  GHashTableIter iter;
  gpointer connection;

  world->now = now;
  g_hash_table_iter_init (&iter, world->connections);
  while (g_hash_table_iter_next (&iter, NULL, &connection))
    ranah_store_set_now (connection, now);
  if (world->store != NULL)
    ranah_store_set_now (world->store, now);
  pin_server_clock (world);
}

void
store_world_sign_in (StoreWorld *world,
                     RanahRole   role)
{
  store_world_sign_in_as (world, usernames[role]);
}

RanahRequest *
store_world_request (StoreWorld *world,
                     const char *name)
{
  RanahRequest *r = ranah_request_new ();

#define SET(field, value) G_STMT_START { g_free (r->field); r->field = g_strdup (value); } G_STMT_END
  if (name != NULL)
    SET (name, name);
  else
    {
      g_free (r->name);
      r->name = g_strdup_printf ("layanan%u", ++world->counter);
    }
  SET (letter_number, "400.7/123/DINKES/2026");
  SET (letter_date, "2026-02-25");
  /* The letter arrives the day it is entered, so step 2's clock starts at the submission
   * (a paper letter's own tests give it an earlier date). */
  {
    g_autoptr(GTimeZone) wita = g_time_zone_new_identifier ("Asia/Makassar");
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (world->now != 0
                                                              ? world->now
                                                              : g_get_real_time () / G_USEC_PER_SEC);
    g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, wita);
    g_autofree char *today = g_date_time_format (local, "%Y-%m-%d");

    SET (received_date, today);
  }
  SET (hal, "Permohonan Pembuatan Subdomain");
  SET (classification, "000.5.2");
  SET (sifat, "Biasa");
  SET (purpose, "Layanan informasi kesehatan masyarakat");
  SET (contact_name, "Budi Santoso");
  SET (contact_phone, "081234567890");
  SET (contact_email, "budi@dinkes.tarakankota.go.id");
#undef SET
  r->opd_id = world->opd_id;
  g_ptr_array_add (r->records, ranah_record_new (RANAH_RECORD_A, "", "103.20.30.40"));
  return r;
}

gint64
store_world_submit (StoreWorld *world,
                    const char *name,
                    gboolean    with_letter)
{
  g_autoptr(RanahRequest) r = store_world_request (world, name);
  g_autoptr(GBytes) pdf = with_letter ? store_fixture_pdf (2048) : NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  store_world_sign_in (world, RANAH_ROLE_OPD);
  id = ranah_store_submit_request (world->store, r, pdf, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

RanahRequest *
store_world_get (StoreWorld *world,
                 gint64      id)
{
  g_autoptr(GError) error = NULL;
  RanahRequest *r;

  store_world_sign_in (world, RANAH_ROLE_ADMIN);
  r = ranah_store_get_request (world->store, id, &error);
  g_assert_no_error (error);
  return r;
}

guint
store_world_n_events (StoreWorld *world,
                      gint64      request_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;

  store_world_sign_in (world, RANAH_ROLE_ADMIN);
  events = ranah_store_list_events (world->store, request_id, &error);
  g_assert_no_error (error);
  return events->len;
}

gboolean
store_world_try_move (StoreWorld   *world,
                      gint64        id,
                      RanahAction   action,
                      RanahRole     role,
                      const char   *note,
                      GError      **error)
{
  g_autoptr(RanahRequest) r = store_world_get (world, id);
  RanahMove move = { 0 };

  move.action = action;
  move.request_id = id;
  move.expected_version = r->version;
  move.note = note;
  move.render = store_fixture_render;
  store_world_sign_in (world, role);
  return ranah_store_move (world->store, &move, error);
}

char *
store_world_answer (const RanahRecord *record)
{
  switch (record->type)
    {
    case RANAH_RECORD_CNAME:
      return g_strdup_printf ("%s.", record->target);
    case RANAH_RECORD_MX:
      return g_strdup_printf ("%u %s.", record->priority, record->target);
    case RANAH_RECORD_A:
    case RANAH_RECORD_AAAA:
    case RANAH_RECORD_TXT:
    case RANAH_N_RECORD_TYPES:
    default:
      return g_strdup (record->target);
    }
}

void
store_world_prove (StoreWorld *world,
                   gint64      id)
{
  g_autoptr(RanahRequest) r = store_world_get (world, id);
  g_autoptr(GPtrArray) proofs = ranah_records_copy (r->records);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < proofs->len; i++)
    {
      RanahRecord *proof = g_ptr_array_index (proofs, i);

      g_free (proof->proof_server);
      proof->proof_server = g_strdup (STORE_FIXTURE_DNS_SERVER);
      proof->proof_serial = STORE_FIXTURE_DNS_SERIAL;
      g_free (proof->proof_answer);
      proof->proof_answer = store_world_answer (proof);
    }
  store_world_sign_in (world, RANAH_ROLE_STAF);
  g_assert_true (ranah_store_record_proofs (world->store, id, proofs, &error));
  g_assert_no_error (error);
}

void
store_world_move (StoreWorld  *world,
                  gint64       id,
                  RanahAction  action,
                  RanahRole    role)
{
  g_autoptr(GError) error = NULL;
  const char *note = NULL;

  /* Step 5 needs DNS to have been seen to serve every record. */
  if (action == RANAH_ACTION_CREATE)
    store_world_prove (world, id);

  if (action == RANAH_ACTION_DECLINE || action == RANAH_ACTION_RETURN_DRAFT
      || action == RANAH_ACTION_WITHDRAW)
    note = "Alasan tertulis";
  g_assert_true (store_world_try_move (world, id, action, role, note, &error));
  g_assert_no_error (error);
}

gint64
store_world_request_in (StoreWorld *world,
                        RanahState  state,
                        gboolean    refused)
{
  static const struct {
    RanahState  reaches;
    RanahAction action;
    RanahRole   role;
  } path[] = {
    { RANAH_STATE_AT_KABID, RANAH_ACTION_DISPOSE_TO_KABID, RANAH_ROLE_KADIS },
    { RANAH_STATE_AT_SUBKOOR, RANAH_ACTION_DISPOSE_TO_SUBKOOR, RANAH_ROLE_KABID },
    { RANAH_STATE_AT_STAF, RANAH_ACTION_DISPOSE_TO_STAF, RANAH_ROLE_SUBKOOR },
    { RANAH_STATE_CREATED, RANAH_ACTION_CREATE, RANAH_ROLE_STAF },
    { RANAH_STATE_DRAFTING, RANAH_ACTION_REPORT, RANAH_ROLE_STAF },
    { RANAH_STATE_DRAFTED, RANAH_ACTION_DRAFT, RANAH_ROLE_SUBKOOR },
    { RANAH_STATE_REVIEWED, RANAH_ACTION_REVIEW, RANAH_ROLE_KABID },
    { RANAH_STATE_SENT, RANAH_ACTION_SIGN, RANAH_ROLE_KADIS },
    { RANAH_STATE_DONE, RANAH_ACTION_RECEIVE, RANAH_ROLE_OPD },
  };
  gint64 id = store_world_submit (world, NULL, TRUE);
  RanahState at = RANAH_STATE_SUBMITTED;

  if (state == RANAH_STATE_WITHDRAWN)
    {
      store_world_move (world, id, RANAH_ACTION_WITHDRAW, RANAH_ROLE_OPD);
      return id;
    }
  if (refused && state != RANAH_STATE_SUBMITTED)
    {
      store_world_move (world, id, RANAH_ACTION_DECLINE, RANAH_ROLE_KADIS);
      at = RANAH_STATE_DRAFTING;
    }
  for (guint i = 0; i < G_N_ELEMENTS (path) && at != state; i++)
    {
      if (refused && path[i].reaches <= RANAH_STATE_DRAFTING)
        continue;
      store_world_move (world, id, path[i].action, path[i].role);
      at = path[i].reaches;
    }
  g_assert_cmpint (at, ==, state);
  return id;
}

void
store_world_raw_exec (StoreWorld *w,
                      const char *sqlite_sql,
                      const char *pg_sql)
{
  if (store_fixture_is_sqlite ())
    {
      sqlite3 *db = NULL;
      char *message = NULL;

      g_assert_cmpint (sqlite3_open (w->uri + strlen ("sqlite:"), &db), ==, SQLITE_OK);
      sqlite3_busy_timeout (db, 5000);
      if (sqlite3_exec (db, sqlite_sql, NULL, NULL, &message) != SQLITE_OK)
        g_error ("sqlite3: %s", message);
      sqlite3_close (db);
    }
  else
    {
      g_autofree char *psql = g_build_filename (g_getenv ("RANAH_TEST_PG_BINDIR"), "psql", NULL);
      g_autofree char *stderr_text = NULL;
      g_autoptr(GError) error = NULL;
      const char *argv[] = { psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", w->uri,
                             "-c", pg_sql, NULL };
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                                   NULL, NULL, &stderr_text, &status, &error));
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("psql: %s", stderr_text);
    }
}
