/* test-dns-audit.c — the zone audit against a real named, with drift of every kind
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run through named-harness.sh; this program owns its server, so the audit sees exactly
 * what it planted.
 */
#include <string.h>

#include "dns-test-common.h"

static void
plant (RanahDnsServer *server,
       const char     *fqdn,
       RanahRecord    *record)
{
  g_autoptr(GPtrArray) records = dns_test_records (record, NULL);
  g_autoptr(RanahDnsResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = ranah_dns_provision (server, fqdn, records, &error);
  g_assert_no_error (error);
}

static void
assert_drift (const RanahDnsAudit *audit,
              guint                i,
              RanahDnsDriftKind    kind,
              const char          *name,
              const char          *type,
              const char          *expected,
              const char          *actual,
              gint64               entry_id)
{
  const RanahDnsDrift *d;

  g_assert_cmpuint (i, <, audit->drift->len);
  d = g_ptr_array_index (audit->drift, i);
  g_assert_cmpstr (ranah_dns_drift_kind_to_string (d->kind), ==,
                   ranah_dns_drift_kind_to_string (kind));
  g_assert_cmpstr (d->name, ==, name);
  g_assert_cmpstr (d->type, ==, type);
  g_assert_cmpstr (d->expected, ==, expected);
  g_assert_cmpstr (d->actual, ==, actual);
  g_assert_cmpint (d->entry_id, ==, entry_id);
}

static GPtrArray *
one (RanahRecord *record)
{
  return dns_test_records (record, NULL);
}

static void
test_planted_drift (void)
{
  g_autoptr(RanahDnsServer) server = dns_test_server ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahDnsAudit) audit = NULL;
  g_autoptr(RanahDnsAudit) clean = NULL;
  g_autoptr(RanahDnsResult) removed = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_entry_free);
  g_autoptr(GPtrArray) fixed = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_entry_free);
  g_autoptr(GPtrArray) sehat = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  guint32 serial = 0;

  /* What DNS holds. */
  sehat = dns_test_records (dns_test_record (RANAH_RECORD_A, "", "127.0.1.1"),
                            dns_test_record (RANAH_RECORD_TXT, "_verifikasi", "sehat-123"),
                            NULL);
  {
    g_autoptr(RanahDnsResult) r G_GNUC_UNUSED =
      ranah_dns_provision (server, "sehat.tarakankota.go.id",
                           sehat, &error);
    g_assert_no_error (error);
  }
  plant (server, "beda.tarakankota.go.id", dns_test_record (RANAH_RECORD_A, "", "127.0.1.33"));
  plant (server, "liar.tarakankota.go.id", dns_test_record (RANAH_RECORD_A, "", "127.0.1.4"));
  plant (server, "tangguh.tarakankota.go.id",
         dns_test_record (RANAH_RECORD_CNAME, "", "hosting.luar.test"));
  plant (server, "cabut.tarakankota.go.id", dns_test_record (RANAH_RECORD_A, "", "127.0.1.6"));
  plant (server, "tambah.tarakankota.go.id", dns_test_record (RANAH_RECORD_A, "", "127.0.1.5"));
  plant (server, "x.tambah.tarakankota.go.id",
         dns_test_record (RANAH_RECORD_TXT, "", "ditambah tangan"));
  {
    g_autoptr(GPtrArray) cabut = one (dns_test_record (RANAH_RECORD_A, "", "127.0.1.6"));
    removed = ranah_dns_remove (server, "cabut.tarakankota.go.id", cabut, &error);
    g_assert_no_error (error);
  }

  /* What the registry says. */
  g_ptr_array_add (entries, dns_test_entry (1, "sehat", RANAH_ENTRY_ACTIVE,
                                            g_ptr_array_ref (sehat)));
  g_ptr_array_add (entries, dns_test_entry (2, "hilang", RANAH_ENTRY_ACTIVE,
                                            one (dns_test_record (RANAH_RECORD_A, "",
                                                                  "127.0.1.2"))));
  g_ptr_array_add (entries, dns_test_entry (3, "beda", RANAH_ENTRY_ACTIVE,
                                            one (dns_test_record (RANAH_RECORD_A, "",
                                                                  "127.0.1.3"))));
  g_ptr_array_add (entries, dns_test_entry (4, "tangguh", RANAH_ENTRY_SUSPENDED,
                                            one (dns_test_record (RANAH_RECORD_CNAME, "",
                                                                  "hosting.luar.test"))));
  g_ptr_array_add (entries, dns_test_entry (5, "cabut", RANAH_ENTRY_REVOKED,
                                            one (dns_test_record (RANAH_RECORD_A, "",
                                                                  "127.0.1.6"))));
  g_ptr_array_add (entries, dns_test_entry (6, "tambah", RANAH_ENTRY_ACTIVE,
                                            one (dns_test_record (RANAH_RECORD_A, "",
                                                                  "127.0.1.5"))));
  g_ptr_array_add (entries, dns_test_entry (7, "kosong", RANAH_ENTRY_ACTIVE, NULL));

  audit = ranah_dns_audit (server, entries, &error);
  g_assert_no_error (error);
  g_assert_nonnull (audit);
  g_assert_cmpstr (audit->zone, ==, "tarakankota.go.id");
  g_assert_true (ranah_dns_get_serial (server, &serial, &error));
  g_assert_cmpuint (audit->serial, ==, serial);
  g_assert_cmpuint (audit->n_entries, ==, 7);
  /* SOA, 2 NS, 3 glue addresses and the 7 planted records still there. */
  g_assert_cmpuint (audit->n_records, ==, 6 + 7);

  /* Apex SOA/NS and the name servers' glue are not drift; every planted kind is. */
  g_assert_cmpuint (audit->drift->len, ==, 6);
  assert_drift (audit, 0, RANAH_DNS_DRIFT_DIFFERENT, "beda.tarakankota.go.id", "A",
                "127.0.1.3", "127.0.1.33", 3);
  assert_drift (audit, 1, RANAH_DNS_DRIFT_MISSING, "hilang.tarakankota.go.id", "A",
                "127.0.1.2", "", 2);
  assert_drift (audit, 2, RANAH_DNS_DRIFT_MISSING, "kosong.tarakankota.go.id", "", "", "", 7);
  assert_drift (audit, 3, RANAH_DNS_DRIFT_UNRECORDED, "liar.tarakankota.go.id", "A",
                "", "127.0.1.4", 0);
  assert_drift (audit, 4, RANAH_DNS_DRIFT_NOT_REMOVED, "tangguh.tarakankota.go.id", "CNAME",
                "", "hosting.luar.test.", 4);
  assert_drift (audit, 5, RANAH_DNS_DRIFT_UNRECORDED, "x.tambah.tarakankota.go.id", "TXT",
                "", "ditambah tangan", 6);

  /* Adopting the unrecorded name "liar", and the hand-made record under "tambah". */
  {
    g_autoptr(GPtrArray) adopt = ranah_dns_audit_unrecorded_records (audit,
                                                                     "liar.tarakankota.go.id");
    RanahRecord *r;

    g_assert_cmpuint (adopt->len, ==, 1);
    r = g_ptr_array_index (adopt, 0);
    g_assert_cmpint (r->type, ==, RANAH_RECORD_A);
    g_assert_cmpstr (r->host, ==, "");
    g_assert_cmpstr (r->target, ==, "127.0.1.4");
    g_clear_pointer (&adopt, g_ptr_array_unref);

    adopt = ranah_dns_audit_unrecorded_records (audit, "tambah.tarakankota.go.id");
    g_assert_cmpuint (adopt->len, ==, 1);
    r = g_ptr_array_index (adopt, 0);
    g_assert_cmpint (r->type, ==, RANAH_RECORD_TXT);
    g_assert_cmpstr (r->host, ==, "x");
    g_assert_cmpstr (r->target, ==, "ditambah tangan");
    g_clear_pointer (&adopt, g_ptr_array_unref);

    adopt = ranah_dns_audit_unrecorded_records (audit, "hilang.tarakankota.go.id");
    g_assert_cmpuint (adopt->len, ==, 0);
  }

  {
    g_autoptr(GPtrArray) of_tambah = ranah_dns_audit_drift_for_entry (audit, 6);
    g_autoptr(GPtrArray) of_sehat = ranah_dns_audit_drift_for_entry (audit, 1);

    g_assert_cmpuint (of_tambah->len, ==, 1);
    g_assert_cmpstr (((RanahDnsDrift *) g_ptr_array_index (of_tambah, 0))->name, ==,
                     "x.tambah.tarakankota.go.id");
    g_assert_cmpuint (of_sehat->len, ==, 0);
  }

  g_assert_false (ranah_dns_audit_check (audit, &error));
  g_assert_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_DRIFT);
  g_assert_cmpint (ranah_failure_classify (error), ==, RANAH_FAILURE_DRIFT);
  g_clear_error (&error);

  json = ranah_dns_audit_to_json (audit);
  g_assert_true (g_str_has_prefix (json, "{\"zone\":\"tarakankota.go.id\""));
  g_assert_nonnull (strstr (json, "\"drift_count\":6"));
  g_assert_nonnull (strstr (json, "{\"kind\":\"different\",\"name\":\"beda.tarakankota.go.id\","
                                  "\"type\":\"A\",\"expected\":\"127.0.1.3\","
                                  "\"actual\":\"127.0.1.33\",\"entry_id\":3}"));
  g_assert_nonnull (strstr (json, "\"kind\":\"not-removed\""));
  g_assert_nonnull (strstr (json, "\"kind\":\"unrecorded\""));
  g_assert_nonnull (strstr (json, "\"kind\":\"missing\""));
  text = ranah_dns_audit_to_text (audit);
  g_assert_nonnull (strstr (text, "beda.tarakankota.go.id A: the registry has 127.0.1.3, "
                                  "DNS has 127.0.1.33 (entry 3)"));
  g_assert_nonnull (strstr (text, "6 differences"));

  /* Put both sides right: the registry adopts the unrecorded names, DNS loses the
   * suspended one, and the audit is clean. */
  {
    g_autoptr(GPtrArray) tangguh = one (dns_test_record (RANAH_RECORD_CNAME, "",
                                                         "hosting.luar.test"));
    g_autoptr(RanahDnsResult) gone G_GNUC_UNUSED =
      ranah_dns_remove (server, "tangguh.tarakankota.go.id",
                        tangguh, &error);
    g_assert_no_error (error);
  }
  g_ptr_array_add (fixed, dns_test_entry (1, "sehat", RANAH_ENTRY_ACTIVE,
                                          g_ptr_array_ref (sehat)));
  g_ptr_array_add (fixed, dns_test_entry (3, "beda", RANAH_ENTRY_ACTIVE,
                                          one (dns_test_record (RANAH_RECORD_A, "",
                                                                "127.0.1.33"))));
  g_ptr_array_add (fixed, dns_test_entry (4, "tangguh", RANAH_ENTRY_SUSPENDED,
                                          one (dns_test_record (RANAH_RECORD_CNAME, "",
                                                                "hosting.luar.test"))));
  g_ptr_array_add (fixed, dns_test_entry (5, "cabut", RANAH_ENTRY_REVOKED, NULL));
  g_ptr_array_add (fixed, dns_test_entry (6, "tambah", RANAH_ENTRY_ACTIVE,
                                          dns_test_records (dns_test_record (RANAH_RECORD_A, "",
                                                                             "127.0.1.5"),
                                                            dns_test_record (RANAH_RECORD_TXT, "x",
                                                                             "ditambah tangan"),
                                                            NULL)));
  g_ptr_array_add (fixed, dns_test_entry (8, "liar", RANAH_ENTRY_ACTIVE,
                                          one (dns_test_record (RANAH_RECORD_A, "",
                                                                "127.0.1.4"))));
  clean = ranah_dns_audit (server, fixed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clean->drift->len, ==, 0);
  g_assert_true (ranah_dns_audit_check (clean, &error));
  g_assert_no_error (error);
}

static void
test_empty_registry (void)
{
  g_autoptr(RanahDnsServer) server = dns_test_server ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahDnsAudit) audit = NULL;

  /* Every name in the zone but the server's own is unrecorded. */
  audit = ranah_dns_audit (server, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->n_entries, ==, 0);
  for (guint i = 0; i < audit->drift->len; i++)
    {
      const RanahDnsDrift *d = g_ptr_array_index (audit->drift, i);

      g_assert_cmpint (d->kind, ==, RANAH_DNS_DRIFT_UNRECORDED);
      g_assert_false (g_str_has_prefix (d->name, "ns1."));
      g_assert_false (g_str_has_prefix (d->name, "ns2."));
      g_assert_cmpstr (d->name, !=, "tarakankota.go.id");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ranah/dns/audit/planted-drift", test_planted_drift);
  g_test_add_func ("/ranah/dns/audit/empty-registry", test_empty_registry);

  return g_test_run ();
}
