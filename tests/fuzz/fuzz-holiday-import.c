/* fuzz-holiday-import.c — libFuzzer target for the holiday import (iCalendar and CSV)
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any bytes, read as iCalendar, as CSV and as either: no crash, and whatever is read is
 * what the store would take: real dates in order, names that pass the text rule, counts
 * that add up, and no date twice among the new ones.
 */
#include <string.h>

#include "ranah-core.h"
#include "ranah-holiday-import.h"

#include "fuzz.h"

static void
check (const char         *data,
       gsize               len,
       RanahHolidayFormat  format,
       const guint        *years,
       guint               n_years,
       GPtrArray          *existing)
{
  RanahHolidayImportOptions options = { format, years, n_years, 2026, existing };
  GError *error = NULL;
  RanahHolidayImport *import = ranah_holiday_import_read (data, len, &options, &error);
  GPtrArray *holidays;
  GHashTable *dates;
  guint counted = 0;

  if (import == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_error_free (error);
      return;
    }
  g_assert_null (error);
  for (guint i = 0; i < import->days->len; i++)
    {
      const RanahHolidayDay *day = g_ptr_array_index (import->days, i);

      if (!ranah_validate_date (day->date, "date", NULL))
        g_error ("not a date: %s", day->date);
      if (!ranah_validate_text (day->name, "name", TRUE, FALSE, 200, NULL))
        g_error ("not a name the store takes: %s", day->name);
      if (i > 0)
        g_assert_cmpstr (((RanahHolidayDay *) g_ptr_array_index (import->days, i - 1))->date,
                         <=, day->date);
      g_assert_true (day->status != RANAH_HOLIDAY_DAY_NEW || day->other_name == NULL);
    }
  for (guint i = 0; i < import->problems->len; i++)
    g_assert_true (g_utf8_validate (((RanahImportProblem *)
                                     g_ptr_array_index (import->problems, i))->reason, -1, NULL));
  for (RanahHolidayDayStatus s = RANAH_HOLIDAY_DAY_NEW; s <= RANAH_HOLIDAY_DAY_REPEATED; s++)
    counted += ranah_holiday_import_count (import, s);
  g_assert_cmpuint (counted, ==, import->days->len);

  holidays = ranah_holiday_import_new_holidays (import);
  dates = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < holidays->len; i++)
    {
      RanahHoliday *holiday = g_ptr_array_index (holidays, i);
      g_assert_true (g_hash_table_add (dates, holiday->date));
    }
  g_hash_table_unref (dates);
  g_ptr_array_unref (holidays);
  ranah_holiday_import_free (import);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t        size)
{
  const guint years[] = { 2026, 2027 };
  GPtrArray *existing = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_holiday_free);

  g_ptr_array_add (existing, ranah_holiday_new ("2026-12-25", "Hari Raya Natal", FALSE));
  check ((const char *) data, size, RANAH_HOLIDAY_FORMAT_GUESS, NULL, 0, existing);
  check ((const char *) data, size, RANAH_HOLIDAY_FORMAT_ICALENDAR, years, 2, NULL);
  check ((const char *) data, size, RANAH_HOLIDAY_FORMAT_CSV, NULL, 0, existing);
  g_ptr_array_unref (existing);
  return 0;
}
