/* test-dns-health.c — health checks against a real named and a local TLS server
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run through named-harness.sh. The HTTPS server is a GTlsServerConnection in a thread
 * of this program on 127.0.0.1, with a certificate made by openssl that expires in 10 days.
 */
#include <string.h>

#include "dns-test-common.h"

typedef struct {
  GSocketListener *listener;
  GTlsCertificate *certificate;
  GThread         *thread;
  guint            port;
  GCancellable    *cancellable;
} TlsServer;

static gpointer
tls_server_thread (gpointer data)
{
  TlsServer *server = data;

  for (;;)
    {
      g_autoptr(GSocketConnection) connection = NULL;
      g_autoptr(GIOStream) tls = NULL;
      g_autoptr(GDataInputStream) input = NULL;
      g_autoptr(GError) error = NULL;
      const char *response = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n"
                             "Connection: close\r\n\r\n";

      connection = g_socket_listener_accept (server->listener, NULL, server->cancellable,
                                             &error);
      if (connection == NULL)
        break;
      tls = g_tls_server_connection_new (G_IO_STREAM (connection), server->certificate,
                                         &error);
      if (tls == NULL || !g_tls_connection_handshake (G_TLS_CONNECTION (tls), NULL, &error))
        continue;
      input = g_data_input_stream_new (g_io_stream_get_input_stream (tls));
      g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (input), FALSE);
      /* Read the request up to its blank line, then answer. */
      for (;;)
        {
          g_autofree char *line = g_data_input_stream_read_line (input, NULL, NULL, &error);
          if (line == NULL || line[0] == '\0' || g_str_equal (line, "\r"))
            break;
        }
      g_output_stream_write_all (g_io_stream_get_output_stream (tls), response,
                                 strlen (response), NULL, NULL, NULL);
      g_io_stream_close (tls, NULL, NULL);
    }
  return NULL;
}

static TlsServer *
tls_server_start (const char *fqdn)
{
  TlsServer *server = g_new0 (TlsServer, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_getenv ("RANAH_TEST_DNS_DIR"), "tls", NULL);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *subject = g_strdup_printf ("/CN=%s", fqdn);
  g_autofree char *san = g_strdup_printf ("subjectAltName=DNS:%s", fqdn);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  const char *argv[] = { "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                         "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out",
                         cert, "-days", "10", "-subj", subject, "-addext", san, NULL };
  int status = 0;

  g_mkdir_with_parents (dir, 0700);
  g_spawn_sync (NULL, (char **) argv, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  server->certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  server->listener = g_socket_listener_new ();
  g_socket_listener_add_address (server->listener, address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  server->cancellable = g_cancellable_new ();
  server->thread = g_thread_new ("tls-server", tls_server_thread, server);
  return server;
}

static void
tls_server_stop (TlsServer *server)
{
  g_cancellable_cancel (server->cancellable);
  g_thread_join (server->thread);
  g_socket_listener_close (server->listener);
  g_object_unref (server->listener);
  g_object_unref (server->certificate);
  g_object_unref (server->cancellable);
  g_free (server);
}

static RanahEntry *
provisioned_entry (RanahDnsServer *server,
                   gint64          id,
                   const char     *label,
                   RanahRecord    *record)
{
  g_autoptr(GPtrArray) records = dns_test_records (record, NULL);
  g_autoptr(RanahDnsResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fqdn = g_strconcat (label, ".", dns_test_zone (), NULL);

  result = ranah_dns_provision (server, fqdn, records, &error);
  g_assert_no_error (error);
  return dns_test_entry (id, label, RANAH_ENTRY_ACTIVE, g_ptr_array_ref (records));
}

static RanahDnsCheckOptions
local_options (void)
{
  RanahDnsCheckOptions options = { 0 };

  /* The harness's named stands in for the world's resolvers (luar.test lives there). */
  options.resolver = "127.0.0.1";
  options.resolver_port = dns_test_port ();
  return options;
}

static void
test_resolves (void)
{
  g_autoptr(RanahDnsServer) server = dns_test_server ();
  g_autoptr(RanahEntry) good = NULL;
  g_autoptr(RanahEntry) absent = NULL;
  g_autoptr(RanahDnsHealth) health = NULL;
  g_autoptr(GError) error = NULL;
  RanahDnsCheckOptions options = local_options ();
  g_autofree char *json = NULL;

  good = provisioned_entry (server, 1, "baik", dns_test_record (RANAH_RECORD_A, "",
                                                                "127.0.2.1"));
  health = ranah_dns_check_entry (server, good, &options, &error);
  g_assert_no_error (error);
  g_assert_true (health->ok);
  g_assert_true (health->resolves);
  g_assert_cmpint (health->entry_id, ==, 1);
  g_assert_cmpuint (health->answers->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (health->answers, 0), ==,
                   "baik.tarakankota.go.id A 127.0.2.1");
  g_assert_cmpstr (health->summary, ==, "resolves");
  json = ranah_dns_health_to_json (health);
  g_assert_nonnull (strstr (json, "\"ok\":true"));
  g_clear_pointer (&health, ranah_dns_health_free);

  absent = dns_test_entry (2, "belumada", RANAH_ENTRY_ACTIVE,
                           dns_test_records (dns_test_record (RANAH_RECORD_A, "", "127.0.2.2"),
                                             NULL));
  health = ranah_dns_check_entry (server, absent, &options, &error);
  g_assert_no_error (error);
  g_assert_false (health->ok);
  g_assert_false (health->resolves);
  g_assert_cmpuint (health->problems->len, ==, 1);
  g_assert_nonnull (strstr (health->summary, "NXDOMAIN"));
}

static void
test_dangling_cname (void)
{
  g_autoptr(RanahDnsServer) server = dns_test_server ();
  g_autoptr(RanahEntry) outside = NULL;
  g_autoptr(RanahEntry) inside = NULL;
  g_autoptr(RanahEntry) fine = NULL;
  g_autoptr(RanahDnsHealth) health = NULL;
  g_autoptr(GError) error = NULL;
  RanahDnsCheckOptions options = local_options ();
  g_autofree char *json = NULL;

  /* Outside the zone, asked of the resolver. */
  outside = provisioned_entry (server, 1, "kampanye",
                               dns_test_record (RANAH_RECORD_CNAME, "", "tidakada.luar.test"));
  health = ranah_dns_check_entry (server, outside, &options, &error);
  g_assert_no_error (error);
  g_assert_false (health->ok);
  g_assert_true (health->resolves);
  g_assert_cmpuint (health->dangling->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (health->dangling, 0), ==, "tidakada.luar.test");
  g_assert_nonnull (strstr (health->summary, "dangling"));
  json = ranah_dns_health_to_json (health);
  g_assert_nonnull (strstr (json, "\"dangling\":[\"tidakada.luar.test\"]"));
  g_clear_pointer (&health, ranah_dns_health_free);

  /* Inside the zone, asked of the authoritative server. */
  inside = provisioned_entry (server, 2, "lama",
                              dns_test_record (RANAH_RECORD_CNAME, "www",
                                               "tidakada.tarakankota.go.id"));
  health = ranah_dns_check_entry (server, inside, &options, &error);
  g_assert_no_error (error);
  g_assert_false (health->ok);
  g_assert_cmpuint (health->dangling->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (health->dangling, 0), ==, "tidakada.tarakankota.go.id");
  g_clear_pointer (&health, ranah_dns_health_free);

  /* Through a chain: an in-zone alias of a name outside that does not exist. */
  {
    g_autoptr(RanahEntry) middle G_GNUC_UNUSED = provisioned_entry (server, 4, "antara",
                                                      dns_test_record (RANAH_RECORD_CNAME, "",
                                                                       "hilang.luar.test"));
    g_autoptr(RanahEntry) chained = provisioned_entry (server, 5, "rantai",
                                                       dns_test_record (RANAH_RECORD_CNAME, "",
                                                                        "antara.tarakankota.go.id"));

    health = ranah_dns_check_entry (server, chained, &options, &error);
    g_assert_no_error (error);
    g_assert_false (health->ok);
    g_assert_cmpuint (health->dangling->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (health->dangling, 0), ==, "hilang.luar.test");
  }
  g_clear_pointer (&health, ranah_dns_health_free);

  /* A CNAME to a name that exists is fine, also through luar.test's own alias. */
  fine = provisioned_entry (server, 3, "cdn",
                            dns_test_record (RANAH_RECORD_CNAME, "", "cdn.luar.test"));
  g_assert_null (health);
  health = ranah_dns_check_entry (server, fine, &options, &error);
  g_assert_no_error (error);
  g_assert_true (health->ok);
  g_assert_cmpuint (health->dangling->len, ==, 0);
}

static void
test_https_certificate (void)
{
  g_autoptr(RanahDnsServer) server = dns_test_server ();
  g_autoptr(RanahEntry) portal = NULL;
  g_autoptr(RanahEntry) closed = NULL;
  g_autoptr(RanahDnsHealth) health = NULL;
  g_autoptr(GError) error = NULL;
  RanahDnsCheckOptions options = local_options ();
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  TlsServer *tls;

  tls = tls_server_start ("portal.tarakankota.go.id");
  portal = provisioned_entry (server, 1, "portal",
                              dns_test_record (RANAH_RECORD_A, "", "127.0.0.1"));
  options.https = TRUE;
  options.https_port = tls->port;

  health = ranah_dns_check_entry (server, portal, &options, &error);
  g_assert_no_error (error);
  g_assert_true (health->resolves);
  g_assert_true (health->https_checked);
  g_assert_cmpstr (health->https_status, ==, "HTTP/1.1 200 OK");
  g_assert_cmpint (health->cert_not_after, >, health->at + 9 * 86400);
  g_assert_cmpint (health->cert_not_after, <=, health->at + 10 * 86400 + 60);
  g_assert_cmpint (health->cert_days_left, >=, 9);
  g_assert_cmpint (health->cert_days_left, <=, 10);
  g_assert_true (health->cert_expiring);
  /* Flagged: expiring within 30 days (and self-signed, so not trusted). */
  g_assert_false (health->ok);
  g_assert_nonnull (strstr (health->summary, "expires in"));
  json = ranah_dns_health_to_json (health);
  g_assert_nonnull (strstr (json, "\"status\":\"HTTP/1.1 200 OK\""));
  g_assert_nonnull (strstr (json, "\"cert_expiring\":true"));
  text = ranah_dns_health_to_text (health);
  g_assert_nonnull (strstr (text, "expiring soon"));
  g_clear_pointer (&health, ranah_dns_health_free);
  tls_server_stop (tls);

  /* Nothing listening: a problem in the result, not a fault. */
  options.https_port = dns_test_closed_port ();
  closed = dns_test_entry (1, "portal", RANAH_ENTRY_ACTIVE,
                           dns_test_records (dns_test_record (RANAH_RECORD_A, "", "127.0.0.1"),
                                             NULL));
  health = ranah_dns_check_entry (server, closed, &options, &error);
  g_assert_no_error (error);
  g_assert_false (health->ok);
  g_assert_null (health->https_status);
  g_assert_cmpint (health->cert_not_after, ==, 0);
  g_assert_nonnull (strstr (health->summary, "could not connect"));
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  RanahDnsHealth **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = ranah_dns_check_entry_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autoptr(RanahDnsServer) server = dns_test_server ();
  g_autoptr(RanahEntry) entry = NULL;
  g_autoptr(RanahDnsHealth) health = NULL;
  RanahDnsCheckOptions options = local_options ();

  entry = provisioned_entry (server, 9, "async",
                             dns_test_record (RANAH_RECORD_CNAME, "", "tidakada.luar.test"));
  ranah_dns_check_entry_async (server, entry, &options, NULL, check_done_cb, &health);
  while (health == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (health->entry_id, ==, 9);
  g_assert_false (health->ok);
  g_assert_cmpuint (health->dangling->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ranah/dns/health/resolves", test_resolves);
  g_test_add_func ("/ranah/dns/health/dangling-cname", test_dangling_cname);
  g_test_add_func ("/ranah/dns/health/https-certificate", test_https_certificate);
  g_test_add_func ("/ranah/dns/health/async", test_async);

  return g_test_run ();
}
