/* fuzz-validate.c — libFuzzer target for the name, target and contact validators
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every validator must answer any input with TRUE or FALSE and, on FALSE, a message; what
 * it accepts must be what it promised to accept.
 */
#include <string.h>

#include "ranah-core.h"

#include "fuzz.h"

static void
check (gboolean    ok,
       GError     *error)
{
  if (ok)
    g_assert_null (error);
  else
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == RANAH_CORE_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_cmpuint (strlen (error->message), >, 0);
    }
}

#define CHECK(call) \
  G_STMT_START { \
    GError *error_ = NULL; \
    gboolean ok_ = call; \
    check (ok_, error_); \
    g_clear_error (&error_); \
  } G_STMT_END

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t        size)
{
  g_autofree char *input = g_strndup ((const char *) data, size);
  g_autofree char *normalized = NULL;
  gboolean converted = FALSE;
  GError *error = NULL;

  if (ranah_validate_label (input, &normalized, &converted, &error))
    {
      /* An accepted label is a lowercase LDH label of 1–63 characters, and stable. */
      g_autofree char *again = NULL;
      gsize len = strlen (normalized);

      g_assert_null (error);
      g_assert_cmpuint (len, >=, 1);
      g_assert_cmpuint (len, <=, 63);
      for (const char *p = normalized; *p; p++)
        g_assert_true (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-');
      g_assert_true (ranah_validate_label (normalized, &again, NULL, NULL));
      g_assert_cmpstr (again, ==, normalized);
    }
  else
    check (FALSE, error);
  g_clear_error (&error);

  CHECK (ranah_validate_fqdn (input, FALSE, &error_));
  CHECK (ranah_validate_fqdn (input, TRUE, &error_));
  {
    g_autofree char *fqdn = NULL;
    GError *e = NULL;

    if (ranah_validate_subdomain (input, "tarakankota.go.id", NULL, &fqdn, &e))
      {
        g_assert_cmpuint (strlen (fqdn), <=, 253);
        g_assert_true (ranah_validate_fqdn (fqdn, FALSE, NULL));
      }
    else
      check (FALSE, e);
    g_clear_error (&e);
  }

  for (RanahRecordType type = RANAH_RECORD_A; type < RANAH_N_RECORD_TYPES; type++)
    for (guint variant = 0; variant < 2; variant++)
      {
        g_autoptr(RanahRecord) record = ranah_record_new (type, variant ? input : "", input);

        record->internal = variant;
        CHECK (ranah_validate_record (record, &error_));
      }

  {
    g_autoptr(GPtrArray) records = ranah_records_new ();

    g_ptr_array_add (records, ranah_record_new (RANAH_RECORD_CNAME, input, "portal.tarakankota.go.id"));
    g_ptr_array_add (records, ranah_record_new (RANAH_RECORD_A, "", input));
    CHECK (ranah_validate_records (records, &error_));
  }

  CHECK (ranah_validate_email (input, "e-mail", &error_));
  CHECK (ranah_validate_phone (input, "phone", &error_));
  CHECK (ranah_validate_nip (input, TRUE, &error_));
  CHECK (ranah_validate_date (input, "date", &error_));
  CHECK (ranah_validate_text (input, "text", TRUE, FALSE, 100, &error_));
  CHECK (ranah_validate_text (input, "text", FALSE, TRUE, 0, &error_));
  CHECK (ranah_letter_number_check_template (input, &error_));

  {
    GError *e = NULL;
    g_autofree char *number = ranah_letter_number_format (input, "000.5.2", 12, "DKISP", 2026, 11, &e);

    g_assert_true ((number != NULL) == (e == NULL));
    g_clear_error (&e);
    g_free (ranah_format_date_long (input));
  }

  {
    g_autoptr(RanahRequest) request = ranah_request_new ();
    GError *e = NULL;

    g_free (request->name);
    request->name = g_strdup (input);
    g_ptr_array_add (request->records, ranah_record_new (RANAH_RECORD_A, "", "103.10.20.30"));
    g_free (request->hal);
    request->hal = g_strdup (input);
    if (ranah_validate_request (request, "tarakankota.go.id", NULL, &e))
      g_assert_true (g_str_has_suffix (request->fqdn, ".tarakankota.go.id"));
    g_clear_error (&e);
  }

  return 0;
}
