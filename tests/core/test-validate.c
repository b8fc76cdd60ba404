/* test-validate.c — the rules for names, targets, contacts and dates
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ranah-core.h"

#define PARENT "tarakankota.go.id"

static const char *const valid_names[] = {
  "dinkes", "disdukcapil", "bappeda", "a", "z", "0", "9", "a1", "1a", "123",
  "e-office", "sim-pkb", "dinas-kesehatan", "x-y-z", "a-b", "a--b", "abc--d",
  "DINKES", "DinKes", "  dinkes  ", "sipd2026", "lpse", "jdih", "ppid", "opendata",
  "satu-data", "simpeg", "e-kinerja", "kec-tarakan-barat", "kel-karang-anyar",
  "rsud", "puskesmas-juata", "smpn1", "sdn-001", "tarakan-smart-city",
  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",   /* 63 */
  "xn--mnchen-3ya", "xn--bcher-kva", "XN--ABC-JOA", "dispar", "dlh", "bkpsdm", "kesbangpol",
};

static const char *const invalid_names[] = {
  "", "   ", "-dinkes", "dinkes-", "-", "--", "din kes", "din_kes", "din.kes", "dinkes.",
  ".dinkes", "din/kes", "din\\kes", "din@kes", "din:kes", "din*kes", "din?kes", "din!kes",
  "din#kes", "din$kes", "din%kes", "din&kes", "din+kes", "din=kes", "din,kes", "din;kes",
  "din'kes", "din\"kes", "din(kes)", "din[kes]", "din{kes}", "din<kes>", "din|kes",
  "din~kes", "din`kes", "din\tkes", "din\nkes",
  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",  /* 64 */
  "ab--cd", "xn--", "xn--zzzzzz-999999999", "xn--ab-g4t", "dinkes\u202e", "din\u200bkes",
  "dinkes\u2603", "din kes\u00e9",
};

static void
test_names_valid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (valid_names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = NULL;
      gboolean converted = TRUE;

      if (!ranah_validate_label (valid_names[i], &normalized, &converted, &error))
        g_error ("“%s” refused: %s", valid_names[i], error->message);
      g_assert_false (converted);
      g_assert_cmpuint (strlen (normalized), >=, 1);
      for (const char *p = normalized; *p; p++)
        g_assert_true (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-');
    }
  g_assert_cmpuint (G_N_ELEMENTS (valid_names), >=, 40);
}

static void
test_names_invalid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (invalid_names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = NULL;

      if (ranah_validate_label (invalid_names[i], &normalized, NULL, &error))
        g_error ("“%s” accepted as “%s”", invalid_names[i], normalized);
      g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
      g_assert_null (normalized);
      /* One sentence naming the field. */
      g_assert_true (g_str_has_prefix (error->message, "The name"));
      g_assert_true (g_str_has_suffix (error->message, "."));
    }
  g_assert_cmpuint (G_N_ELEMENTS (invalid_names), >=, 40);
}

static void
test_names_messages (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ranah_validate_label ("-dinkes", NULL, NULL, &error));
  g_assert_cmpstr (error->message, ==, "The name “-dinkes” may not start or end with a hyphen.");
  g_clear_error (&error);

  /* Invisible and direction-changing characters never reach the message as themselves. */
  g_assert_false (ranah_validate_label ("abc\u202edef", NULL, NULL, &error));
  g_assert_null (strstr (error->message, "\u202e"));
  g_assert_nonnull (strstr (error->message, "U+202E"));
}

static void
test_names_idn (void)
{
  struct { const char *input, *a_label; } cases[] = {
    { "münchen", "xn--mnchen-3ya" },
    { "MÜNCHEN", "xn--mnchen-3ya" },
    { "bücher", "xn--bcher-kva" },
    { "kesehatan-ü", "xn--kesehatan--jeb" },
    { "日本", "xn--wgv71a" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = NULL;
      gboolean converted = FALSE;

      if (!ranah_validate_label (cases[i].input, &normalized, &converted, &error))
        g_error ("“%s” refused: %s", cases[i].input, error->message);
      g_assert_true (converted);
      g_assert_cmpstr (normalized, ==, cases[i].a_label);
    }

  {
    /* 60 "ü" make an A-label far over 63 characters. */
    g_autoptr(GString) long_label = g_string_new (NULL);
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < 60; i++)
      g_string_append (long_label, "ü");
    g_assert_false (ranah_validate_label (long_label->str, NULL, NULL, &error));
    g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
    g_clear_error (&error);

    /* A megabyte of letters is refused, and its message stays short. */
    for (guint i = 0; i < 1000000 / 2; i++)
      g_string_append (long_label, "ü");
    g_assert_false (ranah_validate_label (long_label->str, NULL, NULL, &error));
    g_assert_nonnull (strstr (error->message, "63 characters"));
    g_assert_cmpuint (strlen (error->message), <, 300);
  }
}

static void
test_subdomain_reserved (void)
{
  const char *const custom[] = { "sekda", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *fqdn = NULL;

  g_assert_true (ranah_validate_subdomain ("Dinkes", PARENT, NULL, &fqdn, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fqdn, ==, "dinkes." PARENT);
  g_clear_pointer (&fqdn, g_free);

  g_assert_true (ranah_validate_subdomain ("dinkes", PARENT ".", NULL, &fqdn, &error));
  g_assert_cmpstr (fqdn, ==, "dinkes." PARENT);

  for (const char * const *r = ranah_default_reserved_names (); *r != NULL; r++)
    {
      g_autofree char *upper = g_ascii_strup (*r, -1);

      g_assert_false (ranah_validate_subdomain (upper, PARENT, NULL, NULL, &error));
      g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
      g_assert_nonnull (strstr (error->message, "reserved"));
      g_clear_error (&error);
    }
  g_assert_true (g_strv_contains (ranah_default_reserved_names (), "www"));
  g_assert_true (g_strv_contains (ranah_default_reserved_names (), "ns1"));
  g_assert_true (g_strv_contains (ranah_default_reserved_names (), "admin"));

  g_assert_false (ranah_validate_subdomain ("SEKDA", PARENT, custom, NULL, &error));
  g_assert_cmpstr (error->message, ==, "The name “sekda” is reserved and cannot be requested.");
  g_clear_error (&error);
  /* A custom list replaces the default one. */
  g_assert_true (ranah_validate_subdomain ("www", PARENT, custom, NULL, &error));

  g_assert_false (ranah_validate_subdomain ("dinkes", "not a domain", NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "parent domain"));
  g_clear_error (&error);
}

static void
test_fqdn_length (void)
{
  g_autoptr(GString) parent = g_string_new (NULL);
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  /* 3 × 63 + 3 dots + 2 = 194 characters of parent. */
  for (guint i = 0; i < 3; i++)
    {
      for (guint j = 0; j < 63; j++)
        g_string_append_c (parent, 'p');
      g_string_append_c (parent, '.');
    }
  g_string_append (parent, "id");
  /* 253 - 194 - 1 = 58 fits, 59 does not. */
  for (guint i = 0; i < 58; i++)
    g_string_append_c (name, 'n');
  g_assert_true (ranah_validate_subdomain (name->str, parent->str, NULL, NULL, &error));
  g_assert_no_error (error);
  g_string_append_c (name, 'n');
  g_assert_false (ranah_validate_subdomain (name->str, parent->str, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "253"));
  g_clear_error (&error);

  g_string_printf (name, "%s.%s", "x", parent->str);
  g_assert_true (ranah_validate_fqdn (name->str, FALSE, NULL));
  g_string_prepend (name, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz01234567.");
  g_assert_false (ranah_validate_fqdn (name->str, FALSE, &error));
  g_assert_nonnull (strstr (error->message, "253"));
  g_clear_error (&error);

  g_assert_true (ranah_validate_fqdn ("_dmarc.dinkes.tarakankota.go.id", TRUE, NULL));
  g_assert_false (ranah_validate_fqdn ("_dmarc.dinkes.tarakankota.go.id", FALSE, NULL));
  g_assert_true (ranah_validate_fqdn ("dinkes.tarakankota.go.id.", FALSE, NULL));
  g_assert_true (ranah_validate_fqdn ("localhost", FALSE, NULL));
  g_assert_false (ranah_validate_fqdn (".", FALSE, NULL));
  g_assert_false (ranah_validate_fqdn ("a..b", FALSE, NULL));
  g_assert_false (ranah_validate_fqdn ("a.b..", FALSE, NULL));
  g_assert_false (ranah_validate_fqdn ("münchen.de", FALSE, NULL));
}

typedef struct {
  RanahRecordType type;
  const char     *target;
  gboolean        internal;
} TargetCase;

static const TargetCase valid_targets[] = {
  { RANAH_RECORD_A, "103.10.20.30", FALSE },
  { RANAH_RECORD_A, "8.8.8.8", FALSE },
  { RANAH_RECORD_A, "1.1.1.1", FALSE },
  { RANAH_RECORD_A, "36.66.0.1", FALSE },
  { RANAH_RECORD_A, "202.152.1.254", FALSE },
  { RANAH_RECORD_A, "223.255.255.254", FALSE },
  { RANAH_RECORD_A, "11.0.0.1", FALSE },
  { RANAH_RECORD_A, "172.15.255.255", FALSE },
  { RANAH_RECORD_A, "172.32.0.1", FALSE },
  { RANAH_RECORD_A, "192.167.1.1", FALSE },
  { RANAH_RECORD_A, "100.63.255.255", FALSE },
  { RANAH_RECORD_A, "100.128.0.1", FALSE },
  { RANAH_RECORD_A, "198.17.255.255", FALSE },
  { RANAH_RECORD_A, "198.20.0.1", FALSE },
  { RANAH_RECORD_A, "10.1.2.3", TRUE },
  { RANAH_RECORD_A, "192.168.10.5", TRUE },
  { RANAH_RECORD_A, "172.16.0.1", TRUE },
  { RANAH_RECORD_A, "127.0.0.1", TRUE },
  { RANAH_RECORD_AAAA, "2400:cb00:2048:1::6810:1234", FALSE },
  { RANAH_RECORD_AAAA, "2001:4860:4860::8888", FALSE },
  { RANAH_RECORD_AAAA, "2404:6800:4003:c00::64", FALSE },
  { RANAH_RECORD_AAAA, "2a00:1450:4001:82a::200e", FALSE },
  { RANAH_RECORD_AAAA, "2001:DF0:ABCD::1", FALSE },
  { RANAH_RECORD_AAAA, "3ffe:1::1", FALSE },
  { RANAH_RECORD_AAAA, "fd12:3456:789a::1", TRUE },
  { RANAH_RECORD_AAAA, "fe80::1", TRUE },
  { RANAH_RECORD_AAAA, "::1", TRUE },
  { RANAH_RECORD_CNAME, "portal.tarakankota.go.id", FALSE },
  { RANAH_RECORD_CNAME, "portal.tarakankota.go.id.", FALSE },
  { RANAH_RECORD_CNAME, "hosting-1.example.co.id", FALSE },
  { RANAH_RECORD_CNAME, "ghs.googlehosted.com", FALSE },
  { RANAH_RECORD_CNAME, "a.b", FALSE },
  { RANAH_RECORD_CNAME, "xn--mnchen-3ya.de", FALSE },
  { RANAH_RECORD_CNAME, "LB.Tarakankota.GO.ID", FALSE },
  { RANAH_RECORD_MX, "mail.tarakankota.go.id", FALSE },
  { RANAH_RECORD_MX, "aspmx.l.google.com.", FALSE },
  { RANAH_RECORD_TXT, "v=spf1 include:_spf.google.com ~all", FALSE },
  { RANAH_RECORD_TXT, "google-site-verification=abc123", FALSE },
  { RANAH_RECORD_TXT, "x", FALSE },
  { RANAH_RECORD_TXT, "Dikelola oleh Dinas Kesehatan", FALSE },
  { RANAH_RECORD_TXT, "\"quoted\" text; with = signs", FALSE },
};

static const TargetCase invalid_targets[] = {
  { RANAH_RECORD_A, "", FALSE },
  { RANAH_RECORD_A, "256.1.1.1", FALSE },
  { RANAH_RECORD_A, "1.2.3", FALSE },
  { RANAH_RECORD_A, "1.2.3.4.5", FALSE },
  { RANAH_RECORD_A, "01.2.3.4", FALSE },
  { RANAH_RECORD_A, " 1.2.3.4", FALSE },
  { RANAH_RECORD_A, "1.2.3.4 ", FALSE },
  { RANAH_RECORD_A, "dinkes.tarakankota.go.id", FALSE },
  { RANAH_RECORD_A, "2001:4860:4860::8888", FALSE },
  { RANAH_RECORD_A, "10.0.0.1", FALSE },
  { RANAH_RECORD_A, "172.16.5.4", FALSE },
  { RANAH_RECORD_A, "172.31.255.255", FALSE },
  { RANAH_RECORD_A, "192.168.1.1", FALSE },
  { RANAH_RECORD_A, "127.0.0.1", FALSE },
  { RANAH_RECORD_A, "169.254.1.1", FALSE },
  { RANAH_RECORD_A, "100.64.0.1", FALSE },
  { RANAH_RECORD_A, "0.0.0.0", FALSE },
  { RANAH_RECORD_A, "0.1.2.3", FALSE },
  { RANAH_RECORD_A, "192.0.2.10", FALSE },
  { RANAH_RECORD_A, "198.51.100.7", FALSE },
  { RANAH_RECORD_A, "203.0.113.99", FALSE },
  { RANAH_RECORD_A, "198.18.0.1", FALSE },
  { RANAH_RECORD_A, "198.19.255.255", FALSE },
  { RANAH_RECORD_A, "224.0.0.1", FALSE },
  { RANAH_RECORD_A, "239.255.255.250", FALSE },
  { RANAH_RECORD_A, "240.0.0.1", FALSE },
  { RANAH_RECORD_A, "255.255.255.255", FALSE },
  { RANAH_RECORD_A, "192.0.0.8", FALSE },
  { RANAH_RECORD_AAAA, "::", FALSE },
  { RANAH_RECORD_AAAA, "::1", FALSE },
  { RANAH_RECORD_AAAA, "fe80::1", FALSE },
  { RANAH_RECORD_AAAA, "fd00::1", FALSE },
  { RANAH_RECORD_AAAA, "fc00::1", FALSE },
  { RANAH_RECORD_AAAA, "ff02::1", FALSE },
  { RANAH_RECORD_AAAA, "2001:db8::1", FALSE },
  { RANAH_RECORD_AAAA, "::ffff:8.8.8.8", FALSE },
  { RANAH_RECORD_AAAA, "fe80::1%eth0", FALSE },
  { RANAH_RECORD_AAAA, "8.8.8.8", FALSE },
  { RANAH_RECORD_AAAA, "2001:4860:4860::88888", FALSE },
  { RANAH_RECORD_AAAA, "4000::1", FALSE },
  { RANAH_RECORD_CNAME, "", FALSE },
  { RANAH_RECORD_CNAME, "localhost", FALSE },
  { RANAH_RECORD_CNAME, "1.2.3.4", FALSE },
  { RANAH_RECORD_CNAME, "-bad.example.com", FALSE },
  { RANAH_RECORD_CNAME, "bad-.example.com", FALSE },
  { RANAH_RECORD_CNAME, "a..example.com", FALSE },
  { RANAH_RECORD_CNAME, "exa mple.com", FALSE },
  { RANAH_RECORD_CNAME, "_srv.example.com", FALSE },
  { RANAH_RECORD_CNAME, "münchen.de", FALSE },
  { RANAH_RECORD_CNAME, "http://example.com", FALSE },
  { RANAH_RECORD_CNAME, "example.123", FALSE },
  { RANAH_RECORD_MX, "10.0.0.1", FALSE },
  { RANAH_RECORD_MX, "mail", FALSE },
  { RANAH_RECORD_TXT, "", FALSE },
  { RANAH_RECORD_TXT, "line\nbreak", FALSE },
  { RANAH_RECORD_TXT, "tab\there", FALSE },
  { RANAH_RECORD_TXT, "bukan-ascii-é", FALSE },
};

static void
check_targets (const TargetCase *cases,
               guint             n,
               gboolean          valid)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RanahRecord) record = ranah_record_new (cases[i].type, "", cases[i].target);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      record->internal = cases[i].internal;
      ok = ranah_validate_record (record, &error);
      if (ok != valid)
        g_error ("%s “%s”%s: expected %s, got %s", ranah_record_type_to_string (cases[i].type),
                 cases[i].target, cases[i].internal ? " (internal)" : "",
                 valid ? "valid" : "invalid", error != NULL ? error->message : "valid");
      if (!valid)
        {
          g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
          g_assert_true (g_str_has_prefix (error->message, "The "));
        }
    }
}

static void
test_targets_valid (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (valid_targets), >=, 40);
  check_targets (valid_targets, G_N_ELEMENTS (valid_targets), TRUE);
}

static void
test_targets_invalid (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (invalid_targets), >=, 40);
  check_targets (invalid_targets, G_N_ELEMENTS (invalid_targets), FALSE);
}

static void
test_targets_internal (void)
{
  /* Every reserved address is refused for a public record and allowed for an internal one. */
  for (guint i = 0; i < G_N_ELEMENTS (invalid_targets); i++)
    {
      g_autoptr(RanahRecord) record = NULL;
      g_autoptr(GError) error = NULL;

      if (invalid_targets[i].type != RANAH_RECORD_A && invalid_targets[i].type != RANAH_RECORD_AAAA)
        continue;
      record = ranah_record_new (invalid_targets[i].type, "", invalid_targets[i].target);
      if (ranah_validate_record (record, &error))
        g_assert_not_reached ();
      if (strstr (error->message, "mark the record as internal") == NULL)
        continue;
      record->internal = TRUE;
      g_assert_true (ranah_validate_record (record, NULL));
    }
}

static void
test_targets_messages (void)
{
  g_autoptr(RanahRecord) record = ranah_record_new (RANAH_RECORD_A, "", "192.168.1.1");
  g_autoptr(GError) error = NULL;

  g_assert_false (ranah_validate_record (record, &error));
  g_assert_cmpstr (error->message, ==,
                   "The address “192.168.1.1” of the A record is in a private range "
                   "(192.168.0.0/16); mark the record as internal to allow it.");
}

static void
test_record_fields (void)
{
  g_autoptr(RanahRecord) record = ranah_record_new (RANAH_RECORD_A, "", "103.10.20.30");
  g_autoptr(GString) txt = g_string_new (NULL);

  record->ttl = 59;
  g_assert_false (ranah_validate_record (record, NULL));
  record->ttl = 86401;
  g_assert_false (ranah_validate_record (record, NULL));
  record->ttl = 60;
  g_assert_true (ranah_validate_record (record, NULL));
  record->ttl = 86400;
  g_assert_true (ranah_validate_record (record, NULL));
  record->ttl = 0;

  g_free (record->host);
  record->host = g_strdup ("www");
  g_assert_true (ranah_validate_record (record, NULL));
  g_free (record->host);
  record->host = g_strdup ("www.");
  g_assert_false (ranah_validate_record (record, NULL));
  g_free (record->host);
  record->host = g_strdup ("bad host");
  g_assert_false (ranah_validate_record (record, NULL));
  g_free (record->host);
  record->host = g_strdup ("@");
  g_assert_true (ranah_validate_record (record, NULL));

  record->type = RANAH_RECORD_MX;
  g_free (record->target);
  record->target = g_strdup ("mail.tarakankota.go.id");
  record->priority = 65536;
  g_assert_false (ranah_validate_record (record, NULL));
  record->priority = 10;
  g_assert_true (ranah_validate_record (record, NULL));

  record->type = RANAH_RECORD_TXT;
  for (guint i = 0; i < 255; i++)
    g_string_append_c (txt, 'a');
  g_free (record->target);
  record->target = g_strdup (txt->str);
  g_assert_true (ranah_validate_record (record, NULL));
  g_string_append_c (txt, 'a');
  g_free (record->target);
  record->target = g_strdup (txt->str);
  g_assert_false (ranah_validate_record (record, NULL));
}

static GPtrArray *
records_of (const char *spec)
{
  /* "host TYPE target|host TYPE target" */
  GPtrArray *records = ranah_records_new ();
  g_auto(GStrv) items = g_strsplit (spec, "|", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (items[i], " ", 3);
      RanahRecordType type;

      g_assert_true (ranah_record_type_from_string (parts[1], &type));
      g_ptr_array_add (records, ranah_record_new (type, g_str_equal (parts[0], "-") ? "" : parts[0],
                                                  parts[2]));
    }
  return records;
}

static void
test_records_cname_conflicts (void)
{
  struct { const char *spec; gboolean ok; const char *needle; } cases[] = {
    { "- A 103.10.20.30", TRUE, NULL },
    { "- A 103.10.20.30|- AAAA 2001:4860::1", TRUE, NULL },
    { "- A 103.10.20.30|- A 103.10.20.31|- TXT hello", TRUE, NULL },
    { "- CNAME portal.tarakankota.go.id", TRUE, NULL },
    { "- CNAME portal.tarakankota.go.id|www CNAME portal.tarakankota.go.id", TRUE, NULL },
    { "- CNAME portal.tarakankota.go.id|www A 103.10.20.30", TRUE, NULL },
    { "- CNAME portal.tarakankota.go.id|- A 103.10.20.30", FALSE, "beside other records" },
    { "@ CNAME portal.tarakankota.go.id|- TXT hello", FALSE, "beside other records" },
    { "- MX mail.tarakankota.go.id|@ CNAME portal.tarakankota.go.id", FALSE, "beside other records" },
    { "www CNAME a.example.com|WWW CNAME b.example.com", FALSE, "two CNAME" },
    { "- CNAME a.example.com|- CNAME b.example.com", FALSE, "two CNAME" },
    { "- A 103.10.20.30|- A 103.10.20.30", FALSE, "listed twice" },
    { "- A 103.10.20.30|- A 10.0.0.1", FALSE, "internal" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) empty = ranah_records_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) records = records_of (cases[i].spec);
      gboolean ok = ranah_validate_records (records, &error);

      if (ok != cases[i].ok)
        g_error ("“%s”: expected %s, got %s", cases[i].spec, cases[i].ok ? "valid" : "invalid",
                 error != NULL ? error->message : "valid");
      if (!ok)
        {
          g_assert_nonnull (strstr (error->message, cases[i].needle));
          g_clear_error (&error);
        }
    }

  g_assert_false (ranah_validate_records (empty, &error));
  g_assert_nonnull (strstr (error->message, "at least one"));
  g_clear_error (&error);
  g_assert_false (ranah_validate_records (NULL, &error));
  g_clear_error (&error);
}

static void
test_email (void)
{
  const char *valid[] = {
    "dinkes@tarakankota.go.id", "a.b@c.d.id", "first.last+tag@example.co.id", "x_y-z@mail.id",
    "USER@EXAMPLE.COM", "o'brien@example.com",
  };
  const char *invalid[] = {
    "", "dinkes", "@tarakankota.go.id", "dinkes@", "a@b@c.id", "a..b@c.id", ".a@c.id",
    "a.@c.id", "a b@c.id", "a@c", "a@c..id", "a@-c.id", "a@c.id.", "a@1.2.3.4", "ü@c.id",
    "a@c_d.id", "a(b)@c.id",
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    if (!ranah_validate_email (valid[i], "contact e-mail", &error))
      g_error ("“%s” refused: %s", valid[i], error->message);
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      if (ranah_validate_email (invalid[i], "contact e-mail", &error))
        g_error ("“%s” accepted", invalid[i]);
      g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
      g_assert_true (g_str_has_prefix (error->message, "The contact e-mail"));
      g_clear_error (&error);
    }
}

static void
test_phone (void)
{
  const char *valid[] = {
    "+6281234567890", "+62 812-3456-7890", "081234567890", "0812 3456 7890", "(0551) 21000",
    "0551-21000", "+62 551 21000", "08123456",
  };
  const char *invalid[] = {
    "", "12345678", "6281234567890", "+6108123456", "+62 0812 3456 7890", "0812345",
    "0812345678901234", "0812.3456.7890", "0812/3456", "+62", "00621234567", "0812 3456 78x",
    "(0551 21000", "0551) 21000", "08+12345678",
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    if (!ranah_validate_phone (valid[i], "contact phone", &error))
      g_error ("“%s” refused: %s", valid[i], error->message);
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      if (ranah_validate_phone (invalid[i], "contact phone", &error))
        g_error ("“%s” accepted", invalid[i]);
      g_assert_true (g_str_has_prefix (error->message, "The contact phone"));
      g_clear_error (&error);
    }
}

static void
test_nip (void)
{
  const char *valid[] = {
    "198001012005011001", "197512312000122999", "200002292022062001", "196508171990031002",
  };
  struct { const char *nip; const char *needle; } invalid[] = {
    { "19800101200501100", "18 digits" },
    { "1980010120050110011", "18 digits" },
    { "19800101 200501 1 001", "18 digits" },
    { "19800101200501100a", "18 digits" },
    { "198013012005011001", "birth date" },
    { "198002302005011001", "birth date" },
    { "190002292005011001", "birth date" },
    { "180001012005011001", "birth date" },
    { "198001012005131001", "appointment" },
    { "198001012005001001", "appointment" },
    { "198001011970011001", "before the birth" },
    { "198001012005013001", "digit 15" },
    { "198001012005010001", "digit 15" },
    { "198001012005011000", "sequence" },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    if (!ranah_validate_nip (valid[i], TRUE, &error))
      g_error ("“%s” refused: %s", valid[i], error->message);
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      if (ranah_validate_nip (invalid[i].nip, TRUE, &error))
        g_error ("“%s” accepted", invalid[i].nip);
      if (strstr (error->message, invalid[i].needle) == NULL)
        g_error ("“%s”: “%s” does not say “%s”", invalid[i].nip, error->message, invalid[i].needle);
      g_clear_error (&error);
    }
  g_assert_true (ranah_validate_nip ("", FALSE, NULL));
  g_assert_false (ranah_validate_nip ("", TRUE, &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
}

static void
test_date (void)
{
  const char *valid[] = { "2026-11-27", "2024-02-29", "2000-02-29", "1999-12-31", "2026-01-01" };
  const char *invalid[] = {
    "", "2026-11-31", "2026-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-01-00",
    "27-11-2026", "2026/11/27", "2026-1-27", "2026-11-7", "20261127", "2026-11-27 ",
    "2026-11-27T00:00", "abcd-ef-gh", "0000-01-01",
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    if (!ranah_validate_date (valid[i], "letter date", &error))
      g_error ("“%s” refused: %s", valid[i], error->message);
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      if (ranah_validate_date (invalid[i], "letter date", &error))
        g_error ("“%s” accepted", invalid[i]);
      g_assert_true (g_str_has_prefix (error->message, "The letter date"));
      g_clear_error (&error);
    }
}

static void
test_text (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ranah_validate_text ("Permohonan subdomain", "subject", TRUE, FALSE, 100, NULL));
  g_assert_true (ranah_validate_text ("", "subject", FALSE, FALSE, 100, NULL));
  g_assert_true (ranah_validate_text ("عربي", "subject", TRUE, FALSE, 100, NULL));
  g_assert_true (ranah_validate_text ("baris 1\nbaris 2\tx\r\n", "purpose", TRUE, TRUE, 100, NULL));
  g_assert_true (ranah_validate_text ("tepat", "subject", TRUE, FALSE, 5, NULL));
  g_assert_true (ranah_validate_text ("ééééé", "subject", TRUE, FALSE, 5, NULL));

  g_assert_false (ranah_validate_text ("", "subject", TRUE, FALSE, 100, &error));
  g_assert_cmpstr (error->message, ==, "The subject may not be empty.");
  g_clear_error (&error);
  g_assert_false (ranah_validate_text (" \t\u00a0 ", "subject", TRUE, TRUE, 100, &error));
  g_clear_error (&error);
  g_assert_false (ranah_validate_text ("a\nb", "subject", TRUE, FALSE, 100, &error));
  g_assert_nonnull (strstr (error->message, "single line"));
  g_clear_error (&error);
  g_assert_false (ranah_validate_text ("a\x01" "b", "purpose", TRUE, TRUE, 100, &error));
  g_clear_error (&error);
  g_assert_false (ranah_validate_text ("a\rb", "purpose", TRUE, TRUE, 100, &error));
  g_clear_error (&error);
  g_assert_false (ranah_validate_text ("a\x7f", "subject", TRUE, FALSE, 100, &error));
  g_clear_error (&error);
  g_assert_false (ranah_validate_text ("a\xc2\x85", "subject", TRUE, FALSE, 100, &error));
  g_clear_error (&error);
  g_assert_false (ranah_validate_text ("\xff\xfe", "subject", TRUE, FALSE, 100, &error));
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_clear_error (&error);
  g_assert_false (ranah_validate_text ("tepat!", "subject", TRUE, FALSE, 5, &error));
  g_assert_nonnull (strstr (error->message, "at most 5"));
  g_clear_error (&error);

  /* Every direction override or isolate, refused in single-line fields. */
  for (gunichar c = 0x202A; c <= 0x2069; c++)
    {
      char text[16] = "abc";
      gboolean bidi = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);

      if (!bidi)
        continue;
      text[3 + g_unichar_to_utf8 (c, text + 3)] = '\0';
      g_assert_false (ranah_validate_text (text, "contact name", TRUE, FALSE, 100, &error));
      g_assert_nonnull (strstr (error->message, "direction"));
      g_clear_error (&error);
    }
  /* And the invisible direction marks. */
  g_assert_false (ranah_validate_text ("abc\u200fdef", "contact name", TRUE, FALSE, 100, &error));
  g_assert_nonnull (strstr (error->message, "U+200F"));
  g_clear_error (&error);
  g_assert_false (ranah_validate_text ("abc\u200e", "contact name", TRUE, FALSE, 100, &error));
  g_clear_error (&error);
  g_assert_false (ranah_validate_text ("\u061cabc", "contact name", TRUE, FALSE, 100, &error));
  g_clear_error (&error);
  /* Free text over several lines may hold right-to-left script, but none of the characters
   * that change the direction: a purpose, a note, a reason or a letter body would read
   * differently from what was stored. */
  g_assert_true (ranah_validate_text ("abc\nعربي", "purpose", TRUE, TRUE, 100, NULL));
  for (gunichar c = 0x0600; c <= 0x206F; c++)
    {
      char text[16] = "ab\nc";
      gboolean bidi = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                      || c == 0x200E || c == 0x200F || c == 0x061C;

      if (!bidi)
        continue;
      text[4 + g_unichar_to_utf8 (c, text + 4)] = '\0';
      g_assert_false (ranah_validate_text (text, "purpose", TRUE, TRUE, 100, &error));
      g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
      g_assert_nonnull (strstr (error->message, "direction"));
      g_clear_error (&error);
    }
  g_assert_false (ranah_validate_text ("Mohon disetujui.\nlaporan\u202efdp.exe", "note", FALSE,
                                       TRUE, 2000, &error));
  g_assert_nonnull (strstr (error->message, "U+202E"));
  g_clear_error (&error);
}

/* What printers of free text show: control and direction characters written out, line
 * breaks kept only for text over several lines, nothing cut unless asked. */
static void
test_text_shown (void)
{
  g_autofree char *rtl = ranah_text_shown ("laporan\u202efdp.exe", 0, FALSE);
  g_autofree char *lines = ranah_text_shown ("baris satu\nbaris\tdua\x1b[31m", 0, TRUE);
  g_autofree char *one = ranah_text_shown ("baris satu\nbaris dua", 0, FALSE);
  g_autofree char *bad = ranah_text_shown ("abc\xc3\x28", 0, FALSE);
  g_autofree char *cut = ranah_text_shown ("abcdef", 3, FALSE);
  g_autofree char *all = NULL;
  g_autofree char *zw = ranah_text_shown ("ab\u200bc\u2028d", 0, TRUE);
  g_autofree char *big = g_strnfill (5000, 'a');

  g_assert_cmpstr (rtl, ==, "laporan<U+202E>fdp.exe");
  g_assert_cmpstr (lines, ==, "baris satu\nbaris\tdua<U+001B>[31m");
  g_assert_cmpstr (one, ==, "baris satu<U+000A>baris dua");
  g_assert_true (g_utf8_validate (bad, -1, NULL));
  g_assert_cmpstr (cut, ==, "abc…");
  g_assert_cmpstr (zw, ==, "ab<U+200B>c<U+2028>d");
  all = ranah_text_shown (big, 0, FALSE);
  g_assert_cmpstr (all, ==, big);
}

static RanahRequest *
good_request (void)
{
  RanahRequest *request = ranah_request_new ();

  g_free (request->name);
  request->name = g_strdup ("  SimPeg ");
  g_ptr_array_add (request->records, ranah_record_new (RANAH_RECORD_A, "", "103.10.20.30"));
  g_free (request->purpose);
  request->purpose = g_strdup ("Sistem informasi kepegawaian.\nUntuk seluruh ASN.");
  g_free (request->contact_name);
  request->contact_name = g_strdup ("Budi Santoso");
  g_free (request->contact_phone);
  request->contact_phone = g_strdup ("0812-3456-7890");
  g_free (request->contact_email);
  request->contact_email = g_strdup ("budi@bkpsdm.tarakankota.go.id");
  g_free (request->letter_number);
  request->letter_number = g_strdup ("800/123/BKPSDM/2026");
  g_free (request->letter_date);
  request->letter_date = g_strdup ("2026-11-20");
  g_free (request->received_date);
  request->received_date = g_strdup ("2026-11-23");
  g_free (request->hal);
  request->hal = g_strdup ("Permohonan Pembuatan Subdomain");
  g_free (request->classification);
  request->classification = g_strdup ("000.5.2");
  return request;
}

static void
test_request (void)
{
  struct { const char *field; const char *value; const char *needle; } bad[] = {
    { "name", "www", "reserved" },
    { "name", "-x", "hyphen" },
    { "purpose", " ", "purpose" },
    { "contact_name", "", "contact name" },
    { "contact_name", "Budi\u202eSantoso", "contact name" },
    { "contact_phone", "12", "contact phone" },
    { "contact_email", "budi", "contact e-mail" },
    { "letter_number", "", "letter number" },
    { "letter_date", "2026-02-30", "letter date" },
    { "received_date", "2026-11-19", "before the letter date" },
    { "received_date", "", "received date" },
    { "hal", "", "subject" },
    { "classification", "000..5", "classification" },
    { "classification", "abc", "classification" },
  };
  g_autoptr(RanahRequest) request = good_request ();
  g_autoptr(GError) error = NULL;

  g_assert_true (ranah_validate_request (request, PARENT, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (request->name, ==, "simpeg");
  g_assert_cmpstr (request->fqdn, ==, "simpeg." PARENT);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(RanahRequest) r = good_request ();
      char **slot = NULL;

      if (g_str_equal (bad[i].field, "name")) slot = &r->name;
      else if (g_str_equal (bad[i].field, "purpose")) slot = &r->purpose;
      else if (g_str_equal (bad[i].field, "contact_name")) slot = &r->contact_name;
      else if (g_str_equal (bad[i].field, "contact_phone")) slot = &r->contact_phone;
      else if (g_str_equal (bad[i].field, "contact_email")) slot = &r->contact_email;
      else if (g_str_equal (bad[i].field, "letter_number")) slot = &r->letter_number;
      else if (g_str_equal (bad[i].field, "letter_date")) slot = &r->letter_date;
      else if (g_str_equal (bad[i].field, "received_date")) slot = &r->received_date;
      else if (g_str_equal (bad[i].field, "hal")) slot = &r->hal;
      else if (g_str_equal (bad[i].field, "classification")) slot = &r->classification;
      g_assert_nonnull (slot);
      g_free (*slot);
      *slot = g_strdup (bad[i].value);

      if (ranah_validate_request (r, PARENT, NULL, &error))
        g_error ("%s = “%s” accepted", bad[i].field, bad[i].value);
      g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
      if (strstr (error->message, bad[i].needle) == NULL)
        g_error ("%s: “%s” does not mention “%s”", bad[i].field, error->message, bad[i].needle);
      g_clear_error (&error);
    }

  {
    g_autoptr(RanahRequest) r = good_request ();

    g_ptr_array_set_size (r->records, 0);
    g_assert_false (ranah_validate_request (r, PARENT, NULL, &error));
    g_assert_nonnull (strstr (error->message, "at least one"));
    g_clear_error (&error);

    /* An empty classification is allowed: the OPD may not know it. */
    g_ptr_array_add (r->records, ranah_record_new (RANAH_RECORD_CNAME, "", "portal." PARENT));
    g_free (r->classification);
    r->classification = g_strdup ("");
    g_assert_true (ranah_validate_request (r, PARENT, NULL, &error));
    g_assert_no_error (error);
  }
}

/* One helper shows both forms of a name wherever the app shows one. */
static void
test_name_display (void)
{
  const struct { const char *name, *shown; } cases[] = {
    { "xn--bcher-kva.tarakankota.go.id",
      "xn--bcher-kva.tarakankota.go.id (b\u00fccher.tarakankota.go.id)" },
    { "xn--bcher-kva", "xn--bcher-kva (b\u00fccher)" },
    { "www.xn--mnchen-3ya.xn--bcher-kva.go.id",
      "www.xn--mnchen-3ya.xn--bcher-kva.go.id (www.m\u00fcnchen.b\u00fccher.go.id)" },
    { "dinkes.tarakankota.go.id", "dinkes.tarakankota.go.id" },
    { "a--b.tarakankota.go.id", "a--b.tarakankota.go.id" },
    /* Not a label a person could have typed: only the ASCII form is honest. */
    { "xn--zz-abc.tarakankota.go.id", "xn--zz-abc.tarakankota.go.id" },
    { "xn--ls8h.tarakankota.go.id", "xn--ls8h.tarakankota.go.id" },        /* an emoji */
    { "xn--bcher-kva.xn--ls8h.go.id", "xn--bcher-kva.xn--ls8h.go.id" },
    { "xn--", "xn--" },
    { "", "" },
    { "b\u00fccher.go.id", "b\u00fccher.go.id" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = ranah_name_display (cases[i].name);
      g_assert_cmpstr (shown, ==, cases[i].shown);
    }

  /* What the validator lets through is what the helper can decode, and the reverse. */
  {
    const char *decodable[] = { "xn--bcher-kva", "XN--BCHER-KVA", "xn--mnchen-3ya",
                                "xn--wgv71a" };
    const char *refused[] = { "xn--ls8h", "xn--zz-abc", "xn--ab-g4t", "xn--" };

    for (guint i = 0; i < G_N_ELEMENTS (decodable); i++)
      {
        g_autofree char *normalized = NULL;
        g_autofree char *shown = NULL;
        g_autoptr(GError) error = NULL;

        g_assert_true (ranah_validate_label (decodable[i], &normalized, NULL, &error));
        g_assert_no_error (error);
        shown = ranah_name_display (normalized);
        g_assert_true (g_str_has_prefix (shown, normalized));
        g_assert_true (g_str_has_suffix (shown, ")"));
      }
    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_autoptr(GError) error = NULL;

        g_assert_false (ranah_validate_label (refused[i], NULL, NULL, &error));
        g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
      }
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ranah/core/validate/names-valid", test_names_valid);
  g_test_add_func ("/ranah/core/validate/names-invalid", test_names_invalid);
  g_test_add_func ("/ranah/core/validate/names-messages", test_names_messages);
  g_test_add_func ("/ranah/core/validate/names-idn", test_names_idn);
  g_test_add_func ("/ranah/core/validate/name-display-both-forms", test_name_display);
  g_test_add_func ("/ranah/core/validate/subdomain-reserved", test_subdomain_reserved);
  g_test_add_func ("/ranah/core/validate/fqdn-length", test_fqdn_length);
  g_test_add_func ("/ranah/core/validate/targets-valid", test_targets_valid);
  g_test_add_func ("/ranah/core/validate/targets-invalid", test_targets_invalid);
  g_test_add_func ("/ranah/core/validate/targets-internal", test_targets_internal);
  g_test_add_func ("/ranah/core/validate/targets-messages", test_targets_messages);
  g_test_add_func ("/ranah/core/validate/record-fields", test_record_fields);
  g_test_add_func ("/ranah/core/validate/records-cname-conflicts", test_records_cname_conflicts);
  g_test_add_func ("/ranah/core/validate/email", test_email);
  g_test_add_func ("/ranah/core/validate/phone", test_phone);
  g_test_add_func ("/ranah/core/validate/nip", test_nip);
  g_test_add_func ("/ranah/core/validate/date", test_date);
  g_test_add_func ("/ranah/core/validate/text", test_text);
  g_test_add_func ("/ranah/core/validate/text-shown", test_text_shown);
  g_test_add_func ("/ranah/core/validate/request", test_request);

  return g_test_run ();
}
