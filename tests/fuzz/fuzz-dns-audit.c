/* fuzz-dns-audit.c — libFuzzer target for the zone audit's comparison
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is text, one item a line. A line starting with '+' is the registry:
 * "+NAME STATUS" starts an entry (STATUS a, s or r: active, suspended, revoked) and
 * "+ HOST TYPE TARGET" adds a record to the last entry. Every other line is a resource
 * record in zone-file syntax, parsed with ldns_rr_new_frm_str() as a transfer would return
 * it. Whatever the records and the registry: no crash, drift sorted by name then type,
 * every text valid UTF-8, the JSON and text reports made, and an empty registry reports
 * only unrecorded names.
 */
#include <string.h>

#include <ldns/ldns.h>

#include "ranah-dns-private.h"

#include "fuzz.h"

#define ZONE "tarakankota.go.id"

static void
add_registry_line (GPtrArray  *entries,
                   const char *line)
{
  /* The registry holds UTF-8 only (the stores refuse anything else). */
  g_autofree char *valid = g_utf8_make_valid (line, -1);
  g_auto(GStrv) words = g_strsplit_set (valid, " \t", 4);
  guint n = g_strv_length (words);

  if (valid[0] != ' ' && n >= 1 && words[0][0] != '\0')
    {
      RanahEntry *entry = ranah_entry_new ();

      entry->id = entries->len + 1;
      g_free (entry->name);
      entry->name = g_strdup (words[0]);
      g_free (entry->fqdn);
      entry->fqdn = g_str_has_suffix (words[0], ".") ? g_strdup (words[0])
                    : g_strconcat (words[0], "." ZONE, NULL);
      if (n >= 2 && words[1][0] == 's')
        entry->status = RANAH_ENTRY_SUSPENDED;
      else if (n >= 2 && words[1][0] == 'r')
        entry->status = RANAH_ENTRY_REVOKED;
      g_ptr_array_add (entries, entry);
      return;
    }
  if (entries->len > 0 && n >= 4)
    {
      RanahEntry *entry = g_ptr_array_index (entries, entries->len - 1);
      RanahRecordType type;

      /* words[0] is the empty text before the leading space. */
      if (!ranah_record_type_from_string (words[2], &type))
        return;
      g_ptr_array_add (entry->records, ranah_record_new (type, words[1], words[3]));
    }
}

static void
check_utf8 (const char *text)
{
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_auto(GStrv) lines = g_strsplit (text, "\n", 200);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_entry_free);
  g_autoptr(RanahDnsAudit) audit = NULL;
  g_autofree char *json = NULL;
  g_autofree char *report = NULL;
  g_autoptr(GError) error = NULL;
  ldns_rr_list *rrs = ldns_rr_list_new ();
  ldns_rdf *origin = ldns_dname_new_frm_str (ZONE ".");

  for (guint i = 0; lines[i] != NULL; i++)
    {
      ldns_rr *rr = NULL;

      if (lines[i][0] == '+')
        {
          add_registry_line (entries, lines[i] + 1);
          continue;
        }
      if (lines[i][0] == '\0' || lines[i][0] == ';')
        continue;
      if (ldns_rr_new_frm_str (&rr, lines[i], 3600, origin, NULL) == LDNS_STATUS_OK
          && rr != NULL)
        ldns_rr_list_push_rr (rrs, rr);
      else if (rr != NULL)
        ldns_rr_free (rr);
    }

  audit = ranah_dns_audit_compare_rrs (ZONE, rrs, entries);
  g_assert_nonnull (audit);
  g_assert_cmpstr (audit->zone, ==, ZONE);
  g_assert_cmpuint (audit->n_entries, <=, entries->len);

  for (guint i = 0; i < audit->drift->len; i++)
    {
      RanahDnsDrift *drift = g_ptr_array_index (audit->drift, i);
      g_autoptr(GPtrArray) adopt = NULL;

      check_utf8 (drift->name);
      check_utf8 (drift->type);
      check_utf8 (drift->expected);
      check_utf8 (drift->actual);
      g_assert_nonnull (drift->expected_values);
      g_assert_nonnull (drift->actual_values);
      if (entries->len == 0)
        g_assert_cmpint (drift->kind, ==, RANAH_DNS_DRIFT_UNRECORDED);
      if (i > 0)
        {
          RanahDnsDrift *before = g_ptr_array_index (audit->drift, i - 1);
          int c = strcmp (before->name, drift->name);

          g_assert_cmpint (c, <=, 0);
          if (c == 0)
            g_assert_cmpint (strcmp (before->type, drift->type), <=, 0);
        }
      adopt = ranah_dns_audit_unrecorded_records (audit, drift->name);
      g_assert_nonnull (adopt);
    }
  for (guint i = 0; i < entries->len; i++)
    {
      g_autoptr(GPtrArray) mine = ranah_dns_audit_drift_for_entry (audit, i + 1);

      g_assert_nonnull (mine);
      for (guint j = 0; j < mine->len; j++)
        g_assert_cmpint (((RanahDnsDrift *) g_ptr_array_index (mine, j))->entry_id, ==, i + 1);
    }

  g_assert_cmpint (ranah_dns_audit_check (audit, &error), ==, audit->drift->len == 0);
  if (audit->drift->len > 0)
    check_utf8 (error->message);
  json = ranah_dns_audit_to_json (audit);
  check_utf8 (json);
  report = ranah_dns_audit_to_text (audit);
  check_utf8 (report);

  ldns_rr_list_deep_free (rrs);
  ldns_rdf_deep_free (origin);
  return 0;
}
