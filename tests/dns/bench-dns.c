/* bench-dns.c — speed of provisioning one record and of a 10,000-record zone audit
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-dns --zone-records   prints the 10,000 records the audit benchmark loads into
 *                              the zone (named-harness.sh --zone-records)
 *   bench-dns provision        provision-and-verify of one record, mean of 50
 *   bench-dns audit            AXFR of the 10,000-record zone compared with a registry of
 *                              10,000 entries; the whole process must stay under 1 s
 */
#include <stdio.h>
#include <string.h>

#include "dns-test-common.h"

#define N_NAMES 10000
#define N_PROVISIONS 50

/* Name i's one record: mostly A, every tenth AAAA, every tenth CNAME. */
static RanahRecord *
bench_record (guint i)
{
  g_autofree char *target = NULL;

  switch (i % 10)
    {
    case 3:
      target = g_strdup_printf ("fd00::%x", i);
      return dns_test_record (RANAH_RECORD_AAAA, "", target);
    case 7:
      return dns_test_record (RANAH_RECORD_CNAME, "", "hosting.luar.test");
    default:
      target = g_strdup_printf ("10.%u.%u.%u", (i >> 16) & 255, (i >> 8) & 255, i & 255);
      return dns_test_record (RANAH_RECORD_A, "", target);
    }
}

static void
print_zone_records (void)
{
  for (guint i = 0; i < N_NAMES; i++)
    {
      g_autoptr(RanahRecord) record = bench_record (i);

      printf ("opd%05u IN %s %s%s\n", i, ranah_record_type_to_string (record->type),
              record->target, record->type == RANAH_RECORD_CNAME ? "." : "");
    }
}

static int
bench_provision (void)
{
  g_autoptr(RanahDnsServer) server = dns_test_server ();
  gint64 total = 0, worst = 0;

  for (guint i = 0; i < N_PROVISIONS; i++)
    {
      g_autoptr(GPtrArray) records = dns_test_records (bench_record (i), NULL);
      g_autoptr(RanahDnsResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *fqdn = g_strdup_printf ("bench%03u.%s", i, dns_test_zone ());
      gint64 start = g_get_monotonic_time ();
      gint64 spent;

      result = ranah_dns_provision (server, fqdn, records, &error);
      spent = g_get_monotonic_time () - start;
      if (result == NULL)
        {
          g_printerr ("provision failed: %s\n", error->message);
          return 1;
        }
      total += spent;
      worst = MAX (worst, spent);
    }
  printf ("provision-and-verify of one record: mean %.2f ms, worst %.2f ms (%u runs)\n",
          total / 1000.0 / N_PROVISIONS, worst / 1000.0, N_PROVISIONS);
  return 0;
}

static int
bench_audit (gint64 process_start)
{
  g_autoptr(RanahDnsServer) server = dns_test_server ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_entry_free);
  g_autoptr(RanahDnsAudit) audit = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, audit_time, whole;

  for (guint i = 0; i < N_NAMES; i++)
    {
      g_autofree char *label = g_strdup_printf ("opd%05u", i);

      g_ptr_array_add (entries, dns_test_entry (i + 1, label, RANAH_ENTRY_ACTIVE,
                                                dns_test_records (bench_record (i), NULL)));
    }
  start = g_get_monotonic_time ();
  audit = ranah_dns_audit (server, entries, &error);
  audit_time = g_get_monotonic_time () - start;
  if (audit == NULL)
    {
      g_printerr ("audit failed: %s\n", error->message);
      return 1;
    }
  g_clear_pointer (&entries, g_ptr_array_unref);
  whole = g_get_monotonic_time () - process_start;
  printf ("zone audit: %u records against %u entries, %u differences: audit %.1f ms, "
          "whole process %.1f ms (goal < 1000 ms)\n",
          audit->n_records, audit->n_entries, audit->drift->len, audit_time / 1000.0,
          whole / 1000.0);
  if (audit->drift->len != 0 || audit->n_entries != N_NAMES)
    {
      g_printerr ("the generated zone and registry should agree\n");
      return 1;
    }
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  gint64 process_start = g_get_monotonic_time ();

  if (argc == 2 && g_str_equal (argv[1], "--zone-records"))
    {
      print_zone_records ();
      return 0;
    }
  if (argc == 2 && g_str_equal (argv[1], "provision"))
    return bench_provision ();
  if (argc == 2 && g_str_equal (argv[1], "audit"))
    return bench_audit (process_start);
  g_printerr ("usage: %s --zone-records | provision | audit\n", argv[0]);
  return 2;
}
