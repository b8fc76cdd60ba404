/* store-fixture.h — fresh stores for the store tests, whichever backend runs them
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same test programs run against every backend. Where a fresh store comes from:
 *  1. store_fixture_uri_factory, when a backend's fixture file linked into the program sets
 *     it (e.g. from a constructor function) — it returns a new, empty store's URI;
 *  2. else the shell command in $RANAH_TEST_STORE_URI_FACTORY, run once per fresh store,
 *     whose standard output (trimmed) is a new, empty store's URI (for PostgreSQL: create a
 *     database on the suite's own server and print postgresql://127.0.0.1:PORT/NAME);
 *  3. else an SQLite file in a new temporary folder ("sqlite:/tmp/ranah-store-XXXXXX/s.db").
 * Every store is opened with ranah_store_open (uri), so a second connection to the same
 * store is store_fixture_open_uri (world->uri).
 */
#pragma once

#include "ranah-store.h"

G_BEGIN_DECLS

typedef char *(*StoreFixtureUriFactory) (GError **error);
extern StoreFixtureUriFactory store_fixture_uri_factory;

/* The password every fixture user has. */
#define STORE_FIXTURE_PASSWORD "rahasia-sekali-123"

char       *store_fixture_fresh_uri  (void);
RanahStore *store_fixture_open_uri   (const char *uri);
/* A fresh, empty (not initialised) store. */
RanahStore *store_fixture_open_fresh (void);
/* TRUE when the stores are SQLite files (tests of SQLite internals skip otherwise). */
gboolean    store_fixture_is_sqlite  (void);

/* A small PDF of @size bytes (at least 64). */
GBytes     *store_fixture_pdf        (gsize size);

/* A fresh store, initialised, with two OPDs, one user per SOP role (the OPD user of the
 * first OPD, plus one OPD user of the second), the clock pinned on a Monday morning. */
/* Each user works on a connection of their own, signed in once: signing in is costly on
 * some backends. world->store is the connection of whoever signed in last. */
typedef struct {
  RanahStore *store;
  GHashTable *connections;  /* user name → RanahStore* */
  char       *uri;
  gint64      opd_id;
  gint64      opd2_id;
  gint64      user_ids[RANAH_N_ROLES];
  gint64      opd2_user_id;
  gint64      now;
  guint       counter;
} StoreWorld;

StoreWorld *store_world_new          (void);
void        store_world_free         (StoreWorld *world);
void        store_world_sign_in      (StoreWorld *world, RanahRole role);
void        store_world_sign_in_as   (StoreWorld *world, const char *username);
/* Pins the clock of every connection (and a PostgreSQL server's). */
void        store_world_set_now      (StoreWorld *world, gint64 now);
/* Pins only a PostgreSQL server's clock (nothing on SQLite, whose clock is the desktop's). */
void        store_world_pin_server_clock (StoreWorld *world, gint64 now);
/* A valid request for the first OPD, named @name (NULL: a fresh unique name). */
RanahRequest *store_world_request    (StoreWorld *world, const char *name);
/* Submits as the first OPD's user; returns the id. */
gint64      store_world_submit       (StoreWorld *world, const char *name, gboolean with_letter);
/* Moves request @id with @action as the user of @role; asserts success. Step 5 ('create')
 * first records the proof of every record (store_world_prove). */
void        store_world_move         (StoreWorld *world, gint64 id, RanahAction action,
                                      RanahRole role);
/* The same, returning the result and error. */
gboolean    store_world_try_move     (StoreWorld *world, gint64 id, RanahAction action,
                                      RanahRole role, const char *note, GError **error);
/* A new request driven to @state along the approving path (or declined at step 2 when
 * @refused and @state is past step 2). */
gint64      store_world_request_in   (StoreWorld *world, RanahState state, gboolean refused);
RanahRequest *store_world_get        (StoreWorld *world, gint64 id);
/* The answer an authoritative server gives for @record: what its proof says. */
char       *store_world_answer       (const RanahRecord *record);
/* Records, as the staff member (the assignee), that DNS serves every record of request
 * @id: server STORE_FIXTURE_DNS_SERVER, serial STORE_FIXTURE_DNS_SERIAL, the answers of
 * store_world_answer (), through ranah_store_record_proofs () (on PostgreSQL the server's
 * ranah.record_proof). Asserts success. */
#define STORE_FIXTURE_DNS_SERVER "127.0.0.1:53"
#define STORE_FIXTURE_DNS_SERIAL 2026030101
void        store_world_prove        (StoreWorld *world, gint64 id);
/* Runs @sqlite_sql on the store's file, or @pg_sql with psql as the schema owner: what an
 * intruder or a careless administrator could do past Ranah. */
void        store_world_raw_exec     (StoreWorld *world, const char *sqlite_sql,
                                      const char *pg_sql);
guint       store_world_n_events     (StoreWorld *world, gint64 request_id);

GBytes     *store_fixture_render     (const RanahRequest *request, const RanahLetter *letter,
                                      gpointer user_data, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoreWorld, store_world_free)

G_END_DECLS
