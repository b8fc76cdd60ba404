/* fuzz-csv.c — libFuzzer target for the CSV parser and the registry importer
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any bytes: no crash, and what the importer accepts survives an export and a re-import
 * unchanged.
 */
#include <string.h>

#include "ranah-core.h"

#include "fuzz.h"

static void
read_and_round_trip (const char *data,
                     gsize       len,
                     const char *mapping)
{
  GPtrArray *entries = NULL, *problems = NULL;
  GError *error = NULL;

  if (!ranah_registry_csv_read (data, len, mapping, "tarakankota.go.id", &entries, &problems,
                                &error))
    {
      g_assert_nonnull (error);
      g_assert_null (entries);
      g_assert_null (problems);
      g_error_free (error);
      return;
    }

  for (guint i = 0; i < problems->len; i++)
    {
      RanahImportProblem *problem = g_ptr_array_index (problems, i);
      g_assert_cmpuint (problem->line, >=, 2);
      g_assert_true (g_utf8_validate (problem->reason, -1, NULL));
    }

  if (entries->len > 0)
    {
      g_autofree char *csv = ranah_registry_csv_write (entries);
      g_autofree char *again = NULL;
      GPtrArray *entries2 = NULL, *problems2 = NULL;

      if (!ranah_registry_csv_read (csv, strlen (csv), NULL, "tarakankota.go.id", &entries2,
                                    &problems2, &error))
        g_error ("the export of an import does not read back: %s", error->message);
      if (problems2->len > 0)
        g_error ("the export of an import has a bad row: %s",
                 ((RanahImportProblem *) g_ptr_array_index (problems2, 0))->reason);
      again = ranah_registry_csv_write (entries2);
      g_assert_cmpstr (again, ==, csv);
      g_ptr_array_unref (entries2);
      g_ptr_array_unref (problems2);
    }

  g_ptr_array_unref (entries);
  g_ptr_array_unref (problems);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t        size)
{
  GError *error = NULL;
  GPtrArray *rows = ranah_csv_parse ((const char *) data, size, &error);

  if (rows != NULL)
    {
      /* Written back, the rows parse to the same fields (but for the formula guard). */
      g_autoptr(GString) out = g_string_new (NULL);
      GPtrArray *again;

      g_assert_null (error);
      for (guint i = 0; i < rows->len; i++)
        ranah_csv_append_row (out, (const char * const *) ((RanahCsvRow *) g_ptr_array_index (rows, i))->fields);
      again = ranah_csv_parse (out->str, out->len, &error);
      g_assert_no_error (error);
      g_assert_nonnull (again);
      g_ptr_array_unref (again);
      g_ptr_array_unref (rows);
    }
  else
    {
      g_assert_nonnull (error);
      g_clear_error (&error);
    }

  read_and_round_trip ((const char *) data, size, NULL);
  read_and_round_trip ((const char *) data, size, "name=Subdomain,opd=Pemilik,target=IP");
  return 0;
}
