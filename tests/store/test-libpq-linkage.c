/* test-libpq-linkage.c — no program links libpq; opening a PostgreSQL store opens it
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   test-libpq-linkage RANAH-CLI
 *
 * libpq and the Kerberos, LDAP and GnuTLS under it cost every process that links them about
 * 11 ms and several MiB at start, though most offices use SQLite; the PostgreSQL backend opens
 * it by soname the first time a PostgreSQL store is opened (src/store/README.md, "libpq at
 * run time"). These cases keep it that way, and check the sentence a person gets when libpq
 * is not installed. That the backend works through the table is what the pg suite shows.
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "ranah-postgres-libpq.h"
#include "ranah-store.h"

static const char *ranah_cli;

/* The path this process mapped libpq from, or NULL while it has not. */
static char *
mapped_libpq (void)
{
  g_autofree char *maps = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *path = strchr (lines[i], '/');

      if (path != NULL && strstr (path, "/libpq.so") != NULL)
        return g_strdup (path);
    }
  return NULL;
}

/* Runs @argv; its exit status, with what it printed. */
static int
run (const char * const *argv,
     char              **out,
     char              **err)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, err,
                &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
}

static void
test_cli_without_libpq (void)
{
  g_autofree char *readelf = g_find_program_in_path ("readelf");
  g_autofree char *ldd = g_find_program_in_path ("ldd");
  g_autofree char *dynamic = NULL;
  g_autofree char *closure = NULL;
  g_autofree char *err = NULL;

  if (readelf == NULL || ldd == NULL)
    {
      g_test_skip ("readelf (binutils) or ldd (libc-bin) is not installed");
      return;
    }
  {
    const char *argv[] = { readelf, "--dynamic", "--wide", ranah_cli, NULL };
    g_assert_cmpint (run (argv, &dynamic, &err), ==, 0);
  }
  /* It does read its own dynamic section: the store's SQLite is there. */
  g_assert_nonnull (strstr (dynamic, "(NEEDED)"));
  g_assert_nonnull (strstr (dynamic, "libsqlite3"));
  g_assert_null (strstr (dynamic, "libpq"));

  /* Nor does anything else it links bring libpq, or what libpq brought, back. */
  {
    const char *argv[] = { ldd, ranah_cli, NULL };
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run (argv, &closure, &err), ==, 0);
  }
  g_assert_nonnull (strstr (closure, "libsqlite3"));
  g_assert_null (strstr (closure, "libpq"));
  g_assert_null (strstr (closure, "libkrb5"));
  g_assert_null (strstr (closure, "libgssapi"));
  g_assert_null (strstr (closure, "libldap"));
}

static void
test_opened_on_first_use (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahStore) store = NULL;
  g_autofree char *before = mapped_libpq ();
  g_autofree char *after = NULL;
  g_autofree char *parse_error = NULL;
  PQconninfoOption *options;
  const char *dbname = NULL;

  /* This program links the store library too, and starts without libpq. */
  g_assert_null (before);

  /* No password in the address: the store opens without reaching a server. */
  store = ranah_store_open ("postgresql://127.0.0.1:9/ranah", &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  after = mapped_libpq ();
  g_assert_nonnull (after);
  g_assert_nonnull (strstr (after, RANAH_LIBPQ_SONAME));

  /* Loading again is free and gives the same answer. */
  g_assert_true (ranah_libpq_load (&error));
  g_assert_no_error (error);

  /* The table reaches the real functions: libpq parses an address without a server. */
  options = PQconninfoParse ("host=127.0.0.1 dbname=ranah_linkage", &parse_error);
  g_assert_null (parse_error);
  g_assert_nonnull (options);
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "dbname"))
      dbname = o->val;
  g_assert_cmpstr (dbname, ==, "ranah_linkage");
  PQconninfoFree (options);
}

static void
test_cli_opens_postgres_address (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  /* store info asks the server itself: with libpq loaded, an address where nothing listens
   * is "unavailable" (7) in the one sentence libpq's failure maps to, never "set up". */
  const char *argv[] = { ranah_cli, "--store", "postgresql://127.0.0.1:9/ranah", "store", "info",
                         NULL };

  g_assert_cmpint (run (argv, &out, &err), ==, 7);
  g_assert_cmpstr (err, ==, "ranah-cli: The store server cannot be reached; check the network and "
                            "try again in a moment.\n");
  g_assert_null (strstr (out, "Set up"));
}

/* With libpq's file hidden (an empty file mounted over it in a namespace of its own), opening
 * a PostgreSQL store fails with "store unavailable" and one sentence naming the library. */
static void
test_cli_without_installed_libpq (void)
{
  g_autofree char *unshare = g_find_program_in_path ("unshare");
  g_autofree char *mapped = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  int status;

  if (unshare == NULL)
    {
      g_test_skip ("unshare (util-linux) is not installed");
      return;
    }
  {
    const char *argv[] = { unshare, "--user", "--map-root-user", "--mount", "true", NULL };
    if (run (argv, &out, &err) != 0)
      {
        g_test_skip ("this system does not let the test make a mount namespace");
        return;
      }
  }
  g_assert_true (ranah_libpq_load (NULL));
  mapped = mapped_libpq ();
  g_assert_nonnull (mapped);
  {
    const char *argv[] = {
      unshare, "--user", "--map-root-user", "--mount",
      "sh", "-c", "mount --bind /dev/null \"$1\" || exit 99; shift; exec \"$@\"", "sh", mapped,
      ranah_cli, "--store", "postgresql://127.0.0.1:9/ranah", "store", "info", NULL
    };
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    status = run (argv, &out, &err);
  }
  if (status == 99)
    {
      g_test_skip ("this system does not let the test mount over a file in its namespace");
      return;
    }
  /* 7: "store unavailable" (ranah-cli --help). */
  g_assert_cmpint (status, ==, 7);
  expected = g_strdup_printf ("ranah-cli: The PostgreSQL client library (%s) is not installed.\n",
                              RANAH_LIBPQ_SONAME);
  g_assert_cmpstr (err, ==, expected);
  g_assert_null (strstr (out, "RanahPostgresStore"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (argc != 2)
    {
      g_printerr ("usage: test-libpq-linkage RANAH-CLI\n");
      return 2;
    }
  ranah_cli = argv[1];

  g_test_add_func ("/ranah/store/libpq-linkage/cli-without-libpq", test_cli_without_libpq);
  /* Before any case below loads libpq into this process. */
  g_test_add_func ("/ranah/store/libpq-linkage/opened-on-first-use", test_opened_on_first_use);
  g_test_add_func ("/ranah/store/libpq-linkage/cli-opens-postgres-address",
                   test_cli_opens_postgres_address);
  g_test_add_func ("/ranah/store/libpq-linkage/cli-without-installed-libpq",
                   test_cli_without_installed_libpq);
  return g_test_run ();
}
