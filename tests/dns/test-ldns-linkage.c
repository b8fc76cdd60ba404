/* test-ldns-linkage.c — no program links ldns; the dns layer opens it when it first talks
 * to DNS, and says so in one sentence when it cannot
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   test-ldns-linkage PROGRAM…      (ranah-cli, ranah)
 *   test-ldns-absent                (built with a soname no system has)
 *
 * ldns and the OpenSSL under it cost every process that links them about 5.6 ms at start;
 * only the dns layer needs them (ranah-dns-ldns.h). The same file is built twice: against
 * the soname the build found, and, as test-ldns-absent (RANAH_TEST_LDNS_ABSENT), with the
 * layer compiled in against a library that does not exist, where every public function
 * that talks to DNS must fail with the sentence and nothing may crash.
 */
#include "config.h"

#include <string.h>

#include "ranah-dns-private.h"

static gboolean
maps_mention (const char *library)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  return strstr (maps, library) != NULL;
}

#ifndef RANAH_TEST_LDNS_ABSENT

static char **programs;

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&out);
}

static void
test_programs_without_ldns (void)
{
  g_autofree char *readelf = g_find_program_in_path ("readelf");

  if (readelf == NULL)
    {
      g_test_skip ("readelf (binutils) is not installed");
      return;
    }
  for (guint i = 0; programs[i] != NULL; i++)
    {
      const char *argv[] = { readelf, "--dynamic", "--wide", programs[i], NULL };
      g_autofree char *dynamic = run (argv);

      g_test_message ("%s", programs[i]);
      /* It does read the program's dynamic section: GLib is there. */
      g_assert_nonnull (strstr (dynamic, "(NEEDED)"));
      g_assert_nonnull (strstr (dynamic, "libglib-2.0.so"));
      g_assert_null (strstr (dynamic, "libldns"));
    }
}

/* This program links the dns layer as the programs do: ldns comes in with the first call. */
static void
test_opened_on_first_use (void)
{
  g_autoptr(GError) error = NULL;
  ldns_rr *rr = NULL;
  g_autofree char *value = NULL;

  g_assert_false (maps_mention ("/libldns.so"));
  g_assert_true (ranah_dns_ldns_load (&error));
  g_assert_no_error (error);
  g_assert_true (maps_mention ("/libldns.so"));
  g_assert_true (ranah_dns_ldns_load (&error));

  /* A call through the table reaches ldns: it parses a record as a zone file would. */
  g_assert_cmpint (ldns_rr_new_frm_str (&rr, "www.tarakankota.go.id. 300 IN A 192.0.2.7", 0,
                                        NULL, NULL), ==, LDNS_STATUS_OK);
  g_assert_nonnull (rr);
  g_assert_cmpint (ldns_rr_get_type (rr), ==, LDNS_RR_TYPE_A);
  value = ranah_dns_rr_value (rr);
  g_assert_cmpstr (value, ==, "192.0.2.7");
  ldns_rr_free (rr);
}

static gpointer
load_in_thread (gpointer data)
{
  return GINT_TO_POINTER (ranah_dns_ldns_load (NULL));
}

/* The first use may come from several threads at once (the _async functions). */
static void
test_load_from_threads (void)
{
  GThread *threads[8];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("ldns", load_in_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));
  g_assert_nonnull (ldns_tcp_send);
}

#else  /* RANAH_TEST_LDNS_ABSENT */

#define ZONE "tarakankota.go.id"
#define NOT_INSTALLED "The DNS library (" RANAH_LDNS_SONAME ") is not installed."

static void
assert_not_installed (GError *error)
{
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, NOT_INSTALLED);
  /* The layer's classifier knows its domain: ranah-cli exits with the "other" code. */
  g_assert_cmpint (ranah_failure_classify (error), ==, RANAH_FAILURE_OTHER);
}

static RanahDnsServer *
server_new (void)
{
  g_autoptr(GError) error = NULL;
  /* Nothing is sent: the port is the discard port, and nothing may get that far. */
  RanahDnsServer *server = ranah_dns_server_new ("127.0.0.1", 9, ZONE, "ranah",
                                                 "hmac-sha256",
                                                 "c2VjcmV0IHNlY3JldCBzZWNyZXQgc2VjcmV0IQ==",
                                                 &error);

  g_assert_no_error (error);
  g_assert_nonnull (server);
  return server;
}

static GPtrArray *
records_new (void)
{
  GPtrArray *records = ranah_records_new ();

  g_ptr_array_add (records, ranah_record_new (RANAH_RECORD_A, "", "103.28.12.7"));
  return records;
}

static void
test_sync_calls_fail (void)
{
  g_autoptr(RanahDnsServer) server = server_new ();
  g_autoptr(GPtrArray) records = records_new ();
  g_autoptr(RanahEntry) entry = ranah_entry_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_entry_free);
  RanahDnsResult *(*result_calls[]) (RanahDnsServer *, const char *, GPtrArray *, GError **) = {
    ranah_dns_provision, ranah_dns_verify, ranah_dns_remove, ranah_dns_restore,
  };
  guint32 serial = 7;

  entry->id = 1;
  g_free (entry->fqdn);
  entry->fqdn = g_strdup ("layanan." ZONE);
  g_ptr_array_add (entry->records, ranah_record_new (RANAH_RECORD_A, "", "103.28.12.7"));

  for (guint i = 0; i < G_N_ELEMENTS (result_calls); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (result_calls[i] (server, "layanan." ZONE, records, &error));
      assert_not_installed (error);
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (ranah_dns_lookup (server, "layanan." ZONE, "A", &error));
    assert_not_installed (error);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (ranah_dns_get_serial (server, &serial, &error));
    assert_not_installed (error);
    g_assert_cmpuint (serial, ==, 7);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (ranah_dns_audit (server, entries, &error));
    assert_not_installed (error);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (ranah_dns_check_entry (server, entry, NULL, &error));
    assert_not_installed (error);
  }
  g_assert_false (maps_mention ("/libldns.so"));
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
test_async_calls_fail (void)
{
  g_autoptr(RanahDnsServer) server = server_new ();
  g_autoptr(GPtrArray) records = records_new ();
  g_autoptr(RanahEntry) entry = ranah_entry_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_entry_free);
  GAsyncResult *result = NULL;
  GError *error = NULL;

  g_free (entry->fqdn);
  entry->fqdn = g_strdup ("layanan." ZONE);

  ranah_dns_provision_async (server, "layanan." ZONE, records, NULL, async_done, &result);
  g_assert_null (ranah_dns_provision_finish (wait_for (&result), &error));
  assert_not_installed (error);
  g_clear_error (&error);
  g_clear_object (&result);

  ranah_dns_verify_async (server, "layanan." ZONE, records, NULL, async_done, &result);
  g_assert_null (ranah_dns_verify_finish (wait_for (&result), &error));
  assert_not_installed (error);
  g_clear_error (&error);
  g_clear_object (&result);

  ranah_dns_remove_async (server, "layanan." ZONE, records, NULL, async_done, &result);
  g_assert_null (ranah_dns_remove_finish (wait_for (&result), &error));
  assert_not_installed (error);
  g_clear_error (&error);
  g_clear_object (&result);

  ranah_dns_restore_async (server, "layanan." ZONE, records, NULL, async_done, &result);
  g_assert_null (ranah_dns_restore_finish (wait_for (&result), &error));
  assert_not_installed (error);
  g_clear_error (&error);
  g_clear_object (&result);

  ranah_dns_audit_async (server, entries, NULL, async_done, &result);
  g_assert_null (ranah_dns_audit_finish (wait_for (&result), &error));
  assert_not_installed (error);
  g_clear_error (&error);
  g_clear_object (&result);

  ranah_dns_check_entry_async (server, entry, NULL, NULL, async_done, &result);
  g_assert_null (ranah_dns_check_entry_finish (wait_for (&result), &error));
  assert_not_installed (error);
  g_clear_error (&error);
  g_clear_object (&result);
}

/* What needs no DNS keeps working without ldns: the checks before anything is sent. */
static void
test_checks_still_work (void)
{
  g_autoptr(RanahDnsServer) server = server_new ();
  g_autoptr(GPtrArray) records = records_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;

  g_assert_true (ranah_dns_check_records (server, "layanan." ZONE, records, &error));
  g_assert_no_error (error);
  g_assert_false (ranah_dns_check_records (server, "layanan.example.org", records, &error));
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION);
  description = ranah_dns_server_describe (server);
  g_assert_nonnull (strstr (description, ZONE));
}

#endif

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#ifndef RANAH_TEST_LDNS_ABSENT
  if (argc < 2)
    {
      g_printerr ("usage: test-ldns-linkage PROGRAM…\n");
      return 2;
    }
  programs = argv + 1;
  g_test_add_func ("/ranah/dns/ldns-linkage/programs-without-ldns",
                   test_programs_without_ldns);
  g_test_add_func ("/ranah/dns/ldns-linkage/opened-on-first-use", test_opened_on_first_use);
  g_test_add_func ("/ranah/dns/ldns-linkage/load-from-threads", test_load_from_threads);
#else
  g_test_add_func ("/ranah/dns/ldns-linkage/absent-sync-calls-fail", test_sync_calls_fail);
  g_test_add_func ("/ranah/dns/ldns-linkage/absent-async-calls-fail", test_async_calls_fail);
  g_test_add_func ("/ranah/dns/ldns-linkage/absent-checks-still-work", test_checks_still_work);
#endif
  return g_test_run ();
}
