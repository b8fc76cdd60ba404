/* test-dns.c — provisioning, verification, removal and faults against a real named
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run through named-harness.sh, which starts BIND on 127.0.0.1.
 */
#include <string.h>

#include "dns-test-common.h"

static gboolean
values_contain (GPtrArray  *values,
                const char *value)
{
  for (guint i = 0; i < values->len; i++)
    if (g_str_equal (g_ptr_array_index (values, i), value))
      return TRUE;
  return FALSE;
}

static void
test_server_config (void)
{
  g_autoptr(GHashTable) profile = ranah_profile_default ();
  g_autoptr(RanahDnsServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *described = NULL;
  g_autofree char *port = g_strdup_printf ("%u", dns_test_port ());
  const char *secret = g_getenv ("RANAH_TEST_TSIG_SECRET");

  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_DNS_SERVER), g_strdup ("127.0.0.1"));
  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_DNS_PORT), g_strdup (port));
  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_DNS_ZONE), g_strdup (""));
  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_PARENT_DOMAIN),
                       g_strdup ("TarakanKota.go.id."));
  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_TSIG_NAME), g_strdup ("ranah-test"));
  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_TSIG_ALGORITHM),
                       g_strdup ("hmac-sha256"));
  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_TSIG_SECRET), g_strdup (secret));

  server = ranah_dns_server_new_from_profile (profile, &error);
  g_assert_no_error (error);
  /* The zone falls back to the parent domain, canonical. */
  g_assert_cmpstr (ranah_dns_server_get_zone (server), ==, "tarakankota.go.id");
  g_assert_cmpuint (ranah_dns_server_get_port (server), ==, dns_test_port ());
  g_assert_true (ranah_dns_server_has_tsig (server));

  /* The secret never appears in what is shown. */
  described = ranah_dns_server_describe (server);
  g_assert_nonnull (strstr (described, "ranah-test"));
  g_assert_null (strstr (described, secret));

  g_clear_pointer (&server, ranah_dns_server_unref);
  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_TSIG_ALGORITHM), g_strdup ("rot13"));
  server = ranah_dns_server_new_from_profile (profile, &error);
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION);
  g_assert_null (server);
  g_clear_error (&error);

  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_TSIG_ALGORITHM),
                       g_strdup ("hmac-sha256"));
  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_TSIG_SECRET), g_strdup ("not base64!"));
  server = ranah_dns_server_new_from_profile (profile, &error);
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION);
  g_assert_null (strstr (error->message, "not base64!"));
  g_clear_error (&error);

  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_DNS_SERVER), g_strdup ("ns.example"));
  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_TSIG_SECRET), g_strdup (secret));
  server = ranah_dns_server_new_from_profile (profile, &error);
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION);
}

static void
test_error_classes (void)
{
  g_autoptr(GError) drift = g_error_new_literal (RANAH_DNS_ERROR, RANAH_DNS_ERROR_DRIFT, "x");
  g_autoptr(GError) down = g_error_new_literal (RANAH_DNS_ERROR, RANAH_DNS_ERROR_UNAVAILABLE, "x");
  g_autoptr(GError) bad = g_error_new_literal (RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION, "x");
  g_autoptr(GError) auth = g_error_new_literal (RANAH_DNS_ERROR, RANAH_DNS_ERROR_AUTH, "x");
  g_autoptr(GError) refused = g_error_new_literal (RANAH_DNS_ERROR, RANAH_DNS_ERROR_REFUSED, "x");

  ranah_dns_init ();
  g_assert_cmpint (ranah_failure_classify (drift), ==, RANAH_FAILURE_DRIFT);
  g_assert_cmpint (ranah_failure_classify (down), ==, RANAH_FAILURE_UNAVAILABLE);
  g_assert_cmpint (ranah_failure_classify (bad), ==, RANAH_FAILURE_VALIDATION);
  g_assert_cmpint (ranah_failure_classify (auth), ==, RANAH_FAILURE_PERMISSION);
  g_assert_cmpint (ranah_failure_classify (refused), ==, RANAH_FAILURE_CONFLICT);
}

static void
test_provision_and_verify (void)
{
  g_autoptr(RanahDnsServer) server = dns_test_server ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahDnsResult) result = NULL;
  g_autoptr(RanahDnsResult) verified = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) wrong = NULL;
  RanahRecord *mx;
  guint32 before = 0;

  g_assert_true (ranah_dns_get_serial (server, &before, &error));
  g_assert_no_error (error);

  mx = dns_test_record (RANAH_RECORD_MX, "", "Mail.Luar.Test");
  mx->priority = 10;
  records = dns_test_records (dns_test_record (RANAH_RECORD_A, "", "127.0.0.10"),
                              dns_test_record (RANAH_RECORD_AAAA, "@", "fd00::0010"),
                              dns_test_record (RANAH_RECORD_TXT, "", "v=spf1 -all \"q\""),
                              mx,
                              dns_test_record (RANAH_RECORD_CNAME, "www",
                                               "dinkes.tarakankota.go.id"),
                              NULL);
  ((RanahRecord *) g_ptr_array_index (records, 0))->ttl = 300;

  result = ranah_dns_provision (server, "dinkes.tarakankota.go.id", records, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpstr (result->fqdn, ==, "dinkes.tarakankota.go.id");
  g_assert_cmpuint (result->records->len, ==, 5);
  g_assert_cmpuint (result->serial, >, before);
  g_assert_cmpint (result->at, >, 0);
  {
    const char *expected[] = { "127.0.0.10", "fd00::10", "v=spf1 -all \"q\"",
                               "10 mail.luar.test.", "dinkes.tarakankota.go.id." };

    for (guint i = 0; i < result->records->len; i++)
      {
        RanahRecord *r = g_ptr_array_index (result->records, i);

        g_assert_cmpstr (r->verified, ==, expected[i]);
        g_assert_true (r->created);
      }
  }
  /* The caller's records are left as they were. */
  g_assert_null (((RanahRecord *) g_ptr_array_index (records, 0))->verified);

  values = ranah_dns_lookup (server, "www.dinkes.tarakankota.go.id", "CNAME", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (values, 0), ==, "dinkes.tarakankota.go.id.");

  /* Verifying the same records by query only agrees. */
  verified = ranah_dns_verify (server, "dinkes.tarakankota.go.id", records, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (verified->serial, ==, result->serial);
  g_assert_cmpstr (((RanahRecord *) g_ptr_array_index (verified->records, 1))->verified, ==,
                   "fd00::10");

  /* Records made by hand that the server does not have: drift, naming the record. */
  wrong = dns_test_records (dns_test_record (RANAH_RECORD_A, "", "127.0.0.99"), NULL);
  g_assert_null (ranah_dns_verify (server, "dinkes.tarakankota.go.id", wrong, &error));
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_DRIFT);
  g_assert_nonnull (strstr (error->message, "127.0.0.10"));
  g_assert_nonnull (strstr (error->message, "127.0.0.99"));
  g_clear_error (&error);

  g_clear_pointer (&wrong, g_ptr_array_unref);
  wrong = dns_test_records (dns_test_record (RANAH_RECORD_A, "", "127.0.0.99"), NULL);
  g_assert_null (ranah_dns_verify (server, "tidakada.tarakankota.go.id", wrong, &error));
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_DRIFT);
}

static void
test_existing_not_overwritten (void)
{
  g_autoptr(RanahDnsServer) server = dns_test_server ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahDnsResult) first = NULL;
  g_autoptr(RanahDnsResult) second = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autoptr(GPtrArray) values = NULL;
  guint32 serial = 0;

  records = dns_test_records (dns_test_record (RANAH_RECORD_A, "", "127.0.0.20"), NULL);
  first = ranah_dns_provision (server, "bapenda.tarakankota.go.id", records, &error);
  g_assert_no_error (error);

  other = dns_test_records (dns_test_record (RANAH_RECORD_A, "", "127.0.0.21"),
                            dns_test_record (RANAH_RECORD_TXT, "api", "baru"), NULL);
  second = ranah_dns_provision (server, "bapenda.tarakankota.go.id", other, &error);
  g_assert_null (second);
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "YXDOMAIN"));
  g_clear_error (&error);

  /* Nothing changed: the old address stays and the new host was not added. */
  values = ranah_dns_lookup (server, "bapenda.tarakankota.go.id", "A", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (values, 0), ==, "127.0.0.20");
  g_clear_pointer (&values, g_ptr_array_unref);
  values = ranah_dns_lookup (server, "api.bapenda.tarakankota.go.id", "TXT", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 0);
  g_assert_true (ranah_dns_get_serial (server, &serial, &error));
  g_assert_cmpuint (serial, ==, first->serial);
}

static void
test_revoke_and_restore (void)
{
  g_autoptr(RanahDnsServer) server = dns_test_server ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahDnsResult) made = NULL;
  g_autoptr(RanahDnsResult) removed = NULL;
  g_autoptr(RanahDnsResult) restored = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) values = NULL;

  records = dns_test_records (dns_test_record (RANAH_RECORD_A, "", "127.0.0.30"),
                              dns_test_record (RANAH_RECORD_TXT, "_info", "Dinas Pendidikan"),
                              NULL);
  made = ranah_dns_provision (server, "disdik.tarakankota.go.id", records, &error);
  g_assert_no_error (error);

  removed = ranah_dns_remove (server, "disdik.tarakankota.go.id", records, &error);
  g_assert_no_error (error);
  g_assert_nonnull (removed);
  g_assert_cmpuint (removed->serial, >, made->serial);
  g_assert_null (((RanahRecord *) g_ptr_array_index (removed->records, 0))->verified);
  values = ranah_dns_lookup (server, "disdik.tarakankota.go.id", "A", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 0);
  g_clear_pointer (&values, g_ptr_array_unref);
  values = ranah_dns_lookup (server, "_info.disdik.tarakankota.go.id", "TXT", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 0);
  g_clear_pointer (&values, g_ptr_array_unref);

  /* Removing the apex or a name outside the zone is refused before sending. */
  g_assert_null (ranah_dns_remove (server, "tarakankota.go.id", NULL, &error));
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION);
  g_clear_error (&error);

  restored = ranah_dns_restore (server, "disdik.tarakankota.go.id", records, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (restored->serial, >, removed->serial);
  g_assert_cmpstr (((RanahRecord *) g_ptr_array_index (restored->records, 1))->verified, ==,
                   "Dinas Pendidikan");
  values = ranah_dns_lookup (server, "disdik.tarakankota.go.id", "A", &error);
  g_assert_no_error (error);
  g_assert_true (values_contain (values, "127.0.0.30"));
}

static void
test_refused_before_sending (void)
{
  g_autoptr(RanahDnsServer) server = dns_test_server ();
  g_autoptr(RanahDnsServer) down = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) apex = NULL;
  g_autoptr(GPtrArray) beside = NULL;
  g_autoptr(GPtrArray) plain = NULL;

  down = ranah_dns_server_new ("127.0.0.1", dns_test_closed_port (), dns_test_zone (),
                               g_getenv ("RANAH_TEST_TSIG_NAME"),
                               g_getenv ("RANAH_TEST_TSIG_ALGORITHM"),
                               g_getenv ("RANAH_TEST_TSIG_SECRET"), &error);
  g_assert_no_error (error);

  /* A CNAME at the apex. */
  apex = dns_test_records (dns_test_record (RANAH_RECORD_CNAME, "", "portal.example.org"),
                           NULL);
  g_assert_null (ranah_dns_provision (server, "tarakankota.go.id", apex, &error));
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message, "apex"));
  g_clear_error (&error);

  /* A name outside the zone. */
  plain = dns_test_records (dns_test_record (RANAH_RECORD_A, "", "127.0.0.40"), NULL);
  g_assert_null (ranah_dns_provision (server, "luarzona.example.org", plain, &error));
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message, "outside"));
  g_clear_error (&error);
  g_assert_null (ranah_dns_provision (server, "xtarakankota.go.id", plain, &error));
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION);
  g_clear_error (&error);

  /* A CNAME beside other records at one host. */
  beside = dns_test_records (dns_test_record (RANAH_RECORD_A, "", "127.0.0.41"),
                             dns_test_record (RANAH_RECORD_CNAME, "@", "portal.example.org"),
                             NULL);
  g_assert_null (ranah_dns_provision (server, "tolak.tarakankota.go.id", beside, &error));
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message, "CNAME"));
  g_clear_error (&error);

  /* The same against a server that is down: refused as invalid, so nothing was sent. */
  g_assert_null (ranah_dns_provision (down, "tolak.tarakankota.go.id", beside, &error));
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_null (ranah_dns_provision (down, "tarakankota.go.id", apex, &error));
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_VALIDATION);
  g_clear_error (&error);

  /* And the server never heard of the names. */
  g_assert_false (dns_test_log_mentions ("tolak.tarakankota.go.id"));
  g_assert_false (dns_test_log_mentions ("luarzona"));
}

static void
test_wrong_key (void)
{
  g_autoptr(RanahDnsServer) server = dns_test_server ();
  g_autoptr(RanahDnsServer) bad_secret = NULL;
  g_autoptr(RanahDnsServer) bad_name = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) values = NULL;
  const char *secret = g_getenv ("RANAH_TEST_TSIG_SECRET");

  bad_secret = dns_test_server_with_key (g_getenv ("RANAH_TEST_TSIG_NAME"),
                                         "c2FsYWgta3VuY2ktcmFoYXNpYS1pbmktYnVrYW4tYXNsaQ==");
  bad_name = dns_test_server_with_key ("kunci-lain", secret);
  records = dns_test_records (dns_test_record (RANAH_RECORD_A, "", "127.0.0.50"), NULL);

  g_assert_null (ranah_dns_provision (bad_secret, "dishub.tarakankota.go.id", records, &error));
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "BADSIG"));
  g_assert_null (strstr (error->message, "c2FsYWgta3VuY2k"));
  g_clear_error (&error);

  g_assert_null (ranah_dns_provision (bad_name, "dishub.tarakankota.go.id", records, &error));
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "BADKEY"));
  g_assert_null (strstr (error->message, secret));
  g_clear_error (&error);

  g_assert_null (ranah_dns_audit (bad_secret, NULL, &error));
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_AUTH);
  g_clear_error (&error);

  /* Nothing was created. */
  values = ranah_dns_lookup (server, "dishub.tarakankota.go.id", "A", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 0);
}

static void
test_refused_with_reason (void)
{
  g_autoptr(RanahDnsServer) static_zone = NULL;
  g_autoptr(RanahDnsServer) unknown_zone = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;

  /* luar.test is served but takes no updates; tidak.test is not served at all. */
  static_zone = ranah_dns_server_new ("127.0.0.1", dns_test_port (), "luar.test",
                                      g_getenv ("RANAH_TEST_TSIG_NAME"), NULL,
                                      g_getenv ("RANAH_TEST_TSIG_SECRET"), &error);
  g_assert_no_error (error);
  unknown_zone = ranah_dns_server_new ("127.0.0.1", dns_test_port (), "tidak.test",
                                       g_getenv ("RANAH_TEST_TSIG_NAME"), NULL,
                                       g_getenv ("RANAH_TEST_TSIG_SECRET"), &error);
  g_assert_no_error (error);
  records = dns_test_records (dns_test_record (RANAH_RECORD_A, "", "127.0.0.80"), NULL);

  g_assert_null (ranah_dns_provision (static_zone, "baru.luar.test", records, &error));
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "(REFUSED)"));
  g_assert_cmpint (ranah_failure_classify (error), ==, RANAH_FAILURE_CONFLICT);
  g_clear_error (&error);

  g_assert_null (ranah_dns_provision (unknown_zone, "baru.tidak.test", records, &error));
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "(NOTAUTH)"));
  g_assert_nonnull (strstr (error->message, "not authoritative for the zone tidak.test"));
  g_clear_error (&error);

  /* An MX pointing at an in-zone name without addresses: BIND's own check says no. */
  g_clear_pointer (&records, g_ptr_array_unref);
  records = dns_test_records (dns_test_record (RANAH_RECORD_MX, "", "tidakada.tarakankota.go.id"),
                              NULL);
  {
    g_autoptr(RanahDnsServer) server = dns_test_server ();
    g_assert_null (ranah_dns_provision (server, "surel.tarakankota.go.id", records, &error));
    g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_REFUSED);
    g_assert_nonnull (strstr (error->message, "(REFUSED)"));
  }
}

static void
test_server_down (void)
{
  g_autoptr(RanahDnsServer) down = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(RanahEntry) entry = NULL;
  gint64 start;

  down = ranah_dns_server_new ("127.0.0.1", dns_test_closed_port (), dns_test_zone (),
                               g_getenv ("RANAH_TEST_TSIG_NAME"),
                               g_getenv ("RANAH_TEST_TSIG_ALGORITHM"),
                               g_getenv ("RANAH_TEST_TSIG_SECRET"), &error);
  g_assert_no_error (error);
  records = dns_test_records (dns_test_record (RANAH_RECORD_A, "", "127.0.0.60"), NULL);

  start = g_get_monotonic_time ();
  g_assert_null (ranah_dns_provision (down, "diskominfo.tarakankota.go.id", records, &error));
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_UNAVAILABLE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_clear_error (&error);

  start = g_get_monotonic_time ();
  g_assert_null (ranah_dns_audit (down, NULL, &error));
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_UNAVAILABLE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&error);

  start = g_get_monotonic_time ();
  entry = dns_test_entry (1, "diskominfo", RANAH_ENTRY_ACTIVE, g_ptr_array_ref (records));
  g_assert_null (ranah_dns_check_entry (down, entry, NULL, &error));
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_UNAVAILABLE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&error);

  start = g_get_monotonic_time ();
  g_assert_null (ranah_dns_verify (down, "diskominfo.tarakankota.go.id", records, &error));
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_UNAVAILABLE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static void
test_server_silent (void)
{
  g_autoptr(RanahDnsServer) silent = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  gint64 start;

  /* A server that takes the connection and never answers: the kernel accepts into the
   * backlog, nobody reads. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  g_socket_listen (socket, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);

  silent = ranah_dns_server_new ("127.0.0.1",
                                 g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)),
                                 dns_test_zone (), g_getenv ("RANAH_TEST_TSIG_NAME"),
                                 g_getenv ("RANAH_TEST_TSIG_ALGORITHM"),
                                 g_getenv ("RANAH_TEST_TSIG_SECRET"), &error);
  g_assert_no_error (error);
  records = dns_test_records (dns_test_record (RANAH_RECORD_A, "", "127.0.0.61"), NULL);

  start = g_get_monotonic_time ();
  g_assert_null (ranah_dns_provision (silent, "disnaker.tarakankota.go.id", records, &error));
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_UNAVAILABLE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&error);

  start = g_get_monotonic_time ();
  g_assert_null (ranah_dns_audit (silent, NULL, &error));
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_UNAVAILABLE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_socket_close (socket, NULL);
}

static void
provision_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  RanahDnsResult **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = ranah_dns_provision_finish (result, &error);
  g_assert_no_error (error);
}

static void
result_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  RanahDnsResult **out = user_data;
  g_autoptr(GError) error = NULL;

  if (g_task_get_source_tag (G_TASK (result)) == ranah_dns_remove_async)
    *out = ranah_dns_remove_finish (result, &error);
  else
    *out = ranah_dns_restore_finish (result, &error);
  g_assert_no_error (error);
}

static void
audit_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  RanahDnsAudit **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = ranah_dns_audit_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autoptr(RanahDnsServer) server = dns_test_server ();
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(RanahDnsResult) result = NULL;
  g_autoptr(RanahDnsAudit) audit = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_entry_free);

  records = dns_test_records (dns_test_record (RANAH_RECORD_A, "", "127.0.0.70"), NULL);
  ranah_dns_provision_async (server, "dispar.tarakankota.go.id", records, NULL,
                             provision_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (((RanahRecord *) g_ptr_array_index (result->records, 0))->verified, ==,
                   "127.0.0.70");

  g_clear_pointer (&result, ranah_dns_result_free);
  ranah_dns_remove_async (server, "dispar.tarakankota.go.id", records, NULL,
                          result_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (((RanahRecord *) g_ptr_array_index (result->records, 0))->verified);
  g_clear_pointer (&result, ranah_dns_result_free);
  ranah_dns_restore_async (server, "dispar.tarakankota.go.id", records, NULL,
                           result_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (((RanahRecord *) g_ptr_array_index (result->records, 0))->verified, ==,
                   "127.0.0.70");

  g_ptr_array_add (entries, dns_test_entry (7, "dispar", RANAH_ENTRY_ACTIVE,
                                            g_ptr_array_ref (records)));
  ranah_dns_audit_async (server, entries, NULL, audit_done_cb, &audit);
  while (audit == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (audit->n_entries, ==, 1);
  for (guint i = 0; i < audit->drift->len; i++)
    {
      const RanahDnsDrift *d = g_ptr_array_index (audit->drift, i);
      g_assert_cmpstr (d->name, !=, "dispar.tarakankota.go.id");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ranah/dns/server/config", test_server_config);
  g_test_add_func ("/ranah/dns/server/error-classes", test_error_classes);
  g_test_add_func ("/ranah/dns/provision/provision-and-verify", test_provision_and_verify);
  g_test_add_func ("/ranah/dns/provision/existing-not-overwritten",
                   test_existing_not_overwritten);
  g_test_add_func ("/ranah/dns/provision/revoke-and-restore", test_revoke_and_restore);
  g_test_add_func ("/ranah/dns/provision/refused-before-sending", test_refused_before_sending);
  g_test_add_func ("/ranah/dns/fault/wrong-key", test_wrong_key);
  g_test_add_func ("/ranah/dns/fault/refused-with-reason", test_refused_with_reason);
  g_test_add_func ("/ranah/dns/fault/server-down", test_server_down);
  g_test_add_func ("/ranah/dns/fault/server-silent", test_server_silent);
  g_test_add_func ("/ranah/dns/provision/async", test_async);

  return g_test_run ();
}
