/* dns-test-common.c — what the dns tests share: the server the harness started
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dns-test-common.h"

#include <stdarg.h>
#include <string.h>

static const char *
env (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL)
    g_error ("%s is not set: run this test through tests/dns/named-harness.sh", name);
  return value;
}

guint
dns_test_port (void)
{
  return (guint) g_ascii_strtoull (env ("RANAH_TEST_DNS_PORT"), NULL, 10);
}

const char *
dns_test_zone (void)
{
  return env ("RANAH_TEST_DNS_ZONE");
}

RanahDnsServer *
dns_test_server_with_key (const char *tsig_name,
                          const char *tsig_secret)
{
  g_autoptr(GError) error = NULL;
  RanahDnsServer *server;

  server = ranah_dns_server_new (env ("RANAH_TEST_DNS_SERVER"), dns_test_port (),
                                 dns_test_zone (), tsig_name,
                                 env ("RANAH_TEST_TSIG_ALGORITHM"), tsig_secret, &error);
  g_assert_no_error (error);
  g_assert_nonnull (server);
  return server;
}

RanahDnsServer *
dns_test_server (void)
{
  return dns_test_server_with_key (env ("RANAH_TEST_TSIG_NAME"),
                                   env ("RANAH_TEST_TSIG_SECRET"));
}

guint
dns_test_closed_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint port;

  /* Bind and close: the kernel gave a free port, and now nothing listens on it. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  return port;
}

RanahRecord *
dns_test_record (RanahRecordType type,
                 const char     *host,
                 const char     *target)
{
  RanahRecord *record = ranah_record_new (type, host, target);

  record->internal = TRUE;
  return record;
}

GPtrArray *
dns_test_records (RanahRecord *first,
                  ...)
{
  GPtrArray *records = ranah_records_new ();
  va_list args;

  va_start (args, first);
  for (RanahRecord *r = first; r != NULL; r = va_arg (args, RanahRecord *))
    g_ptr_array_add (records, r);
  va_end (args);
  return records;
}

RanahEntry *
dns_test_entry (gint64           id,
                const char      *label,
                RanahEntryStatus status,
                GPtrArray       *records)
{
  RanahEntry *entry = ranah_entry_new ();

  entry->id = id;
  g_free (entry->name);
  entry->name = g_strdup (label);
  g_free (entry->fqdn);
  entry->fqdn = g_strconcat (label, ".", dns_test_zone (), NULL);
  entry->status = status;
  if (records != NULL)
    {
      g_clear_pointer (&entry->records, g_ptr_array_unref);
      entry->records = records;
    }
  return entry;
}

gboolean
dns_test_log_mentions (const char *text)
{
  g_autofree char *log = NULL;

  if (!g_file_get_contents (env ("RANAH_TEST_DNS_LOG"), &log, NULL, NULL))
    return FALSE;
  return strstr (log, text) != NULL;
}
