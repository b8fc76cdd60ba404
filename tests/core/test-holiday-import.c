/* test-holiday-import.c — holiday lists read from iCalendar and CSV
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixtures holidays-2026.ics and holidays-2026.csv are what an agency gets: a feed in
 * the form Google's "Hari Libur di Indonesia" calendar is published in (CRLF, folded
 * lines, a VTIMEZONE, a timed event among the all-day ones, a yearly RRULE from 1945), and
 * a spreadsheet saved with ';' as Indonesian locales do.
 */
#include <string.h>

#include "ranah-core.h"
#include "ranah-holiday-import.h"

static char *
fixture (const char *name,
         gsize      *len)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, len, &error);
  g_assert_no_error (error);
  return data;
}

static RanahHolidayImport *
read_with (const char                      *data,
           gsize                            len,
           const RanahHolidayImportOptions *options)
{
  g_autoptr(GError) error = NULL;
  RanahHolidayImport *import = ranah_holiday_import_read (data, len, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  return import;
}

static RanahHolidayImport *
read_text (const char *text)
{
  RanahHolidayImportOptions options = { 0 };

  options.current_year = 2026;
  return read_with (text, strlen (text), &options);
}

/* Every day as "DATE STATUS NAME[*]" (* for cuti bersama; status n(ew), s(tore), r(epeated)),
 * joined with "|". */
static char *
days_text (const RanahHolidayImport *import)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < import->days->len; i++)
    {
      const RanahHolidayDay *day = g_ptr_array_index (import->days, i);

      g_string_append_printf (out, "%s%s %c %s%s", i > 0 ? "|" : "", day->date,
                              "nsr"[day->status], day->name, day->cuti_bersama ? "*" : "");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const RanahImportProblem *
problem (const RanahHolidayImport *import,
         guint                     index)
{
  g_assert_cmpuint (index, <, import->problems->len);
  return g_ptr_array_index (import->problems, index);
}

static const RanahHolidayDay *
day_on (const RanahHolidayImport *import,
        const char               *date)
{
  for (guint i = 0; i < import->days->len; i++)
    {
      const RanahHolidayDay *day = g_ptr_array_index (import->days, i);
      if (g_str_equal (day->date, date))
        return day;
    }
  g_error ("no day %s", date);
  return NULL;
}

static void
test_ics_fixture (void)
{
  gsize len;
  g_autofree char *data = fixture ("holidays-2026.ics", &len);
  RanahHolidayImportOptions options = { 0 };
  g_autoptr(RanahHolidayImport) import = NULL;
  g_autofree char *days = NULL;

  options.current_year = 2030;   /* unused: the file's single events say 2026 and 2027 */
  import = read_with (data, len, &options);
  days = days_text (import);
  g_assert_cmpint (import->format, ==, RANAH_HOLIDAY_FORMAT_ICALENDAR);
  g_assert_cmpstr (days, ==,
                   "2026-01-01 n Tahun Baru 2026 Masehi"
                   "|2026-01-16 n Isra Mikraj Nabi Muhammad SAW"           /* folded SUMMARY */
                   "|2026-03-20 n Hari Raya Idul Fitri 1447 Hijriah"       /* DTEND exclusive */
                   "|2026-03-21 n Hari Raya Idul Fitri 1447 Hijriah"
                   "|2026-03-23 n Cuti Bersama Idul Fitri 1447 Hijriah*"   /* by its SUMMARY */
                   "|2026-03-24 n Cuti Bersama Idul Fitri 1447 Hijriah*"
                   "|2026-08-17 n Hari Proklamasi Kemerdekaan R.I."         /* RRULE since 1945 */
                   "|2026-12-24 n Libur Natal*"                             /* by CATEGORIES */
                   "|2026-12-25 n Hari Raya Natal"
                   "|2026-12-25 r Hari Raya Natal"                          /* twice in the file */
                   "|2027-01-01 n Tahun Baru 2027 Masehi"                   /* another year: kept */
                   "|2027-08-17 n Hari Proklamasi Kemerdekaan R.I."
                   "|2027-12-25 n Hari Raya Natal");
  g_assert_cmpuint (import->n_yearly, ==, 2);
  g_assert_cmpuint (import->years->len, ==, 2);
  g_assert_cmpuint (g_array_index (import->years, guint, 0), ==, 2026);
  g_assert_cmpuint (g_array_index (import->years, guint, 1), ==, 2027);

  /* Lines are where each VEVENT begins, in the file as written (folded). */
  g_assert_cmpuint (day_on (import, "2026-01-16")->line, ==, 31);
  g_assert_cmpuint (day_on (import, "2027-08-17")->line, ==, 68);
  g_assert_cmpstr (((RanahHolidayDay *) g_ptr_array_index (import->days, 9))->other_name, ==,
                   "Hari Raya Natal");

  /* The timed event, with its TZID, is skipped and said so. */
  g_assert_cmpuint (import->problems->len, ==, 1);
  g_assert_cmpuint (problem (import, 0)->line, ==, 42);
  g_assert_nonnull (strstr (problem (import, 0)->reason, "Rapat Koordinasi"));
  g_assert_nonnull (strstr (problem (import, 0)->reason, "time of day"));

  g_assert_cmpuint (ranah_holiday_import_count (import, RANAH_HOLIDAY_DAY_NEW), ==, 12);
  g_assert_cmpuint (ranah_holiday_import_count (import, RANAH_HOLIDAY_DAY_REPEATED), ==, 1);
  g_assert_cmpuint (ranah_holiday_import_count (import, RANAH_HOLIDAY_DAY_IN_STORE), ==, 0);
}

static void
test_ics_years (void)
{
  gsize len;
  g_autofree char *data = fixture ("holidays-2026.ics", &len);
  const guint only_2026[] = { 2026 };
  const guint later[] = { 2029, 2028 };
  RanahHolidayImportOptions options = { 0 };
  g_autoptr(RanahHolidayImport) first = NULL;
  g_autoptr(RanahHolidayImport) second = NULL;
  g_autofree char *days = NULL;

  /* Yearly events only in the years chosen; single events of other years stay. */
  options.years = only_2026;
  options.n_years = 1;
  first = read_with (data, len, &options);
  days = days_text (first);
  g_assert_null (strstr (days, "2027-08-17"));
  g_assert_null (strstr (days, "2027-12-25"));
  g_assert_nonnull (strstr (days, "2027-01-01 n Tahun Baru 2027 Masehi"));
  g_assert_nonnull (strstr (days, "2026-08-17 n Hari Proklamasi"));

  options.years = later;
  options.n_years = 2;
  second = read_with (data, len, &options);
  g_clear_pointer (&days, g_free);
  days = days_text (second);
  g_assert_nonnull (strstr (days, "2028-08-17 n Hari Proklamasi"));
  g_assert_nonnull (strstr (days, "2029-12-25 n Hari Raya Natal"));
  g_assert_null (strstr (days, "2026-08-17"));
  g_assert_nonnull (strstr (days, "2026-12-25 n Hari Raya Natal"));
  g_assert_cmpuint (g_array_index (second->years, guint, 0), ==, 2028);
}

static void
test_ics_in_store (void)
{
  gsize len;
  g_autofree char *data = fixture ("holidays-2026.ics", &len);
  g_autoptr(GPtrArray) existing = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_holiday_free);
  RanahHolidayImportOptions options = { 0 };
  g_autoptr(RanahHolidayImport) import = NULL;
  g_autoptr(GPtrArray) holidays = NULL;
  const RanahHolidayDay *day;

  g_ptr_array_add (existing, ranah_holiday_new ("2026-01-01", "Tahun Baru Masehi", FALSE));
  g_ptr_array_add (existing, ranah_holiday_new ("2026-12-25", "Natal", FALSE));
  options.existing = existing;
  import = read_with (data, len, &options);

  day = day_on (import, "2026-01-01");
  g_assert_cmpint (day->status, ==, RANAH_HOLIDAY_DAY_IN_STORE);
  g_assert_cmpstr (day->other_name, ==, "Tahun Baru Masehi");
  for (guint i = 0; i < import->days->len; i++)
    {
      day = g_ptr_array_index (import->days, i);
      if (g_str_equal (day->date, "2026-12-25"))
        g_assert_cmpint (day->status, ==, RANAH_HOLIDAY_DAY_IN_STORE);
    }
  g_assert_cmpuint (ranah_holiday_import_count (import, RANAH_HOLIDAY_DAY_IN_STORE), ==, 3);
  g_assert_cmpuint (ranah_holiday_import_count (import, RANAH_HOLIDAY_DAY_NEW), ==, 10);

  /* Only the new days go to the store. */
  holidays = ranah_holiday_import_new_holidays (import);
  g_assert_cmpuint (holidays->len, ==, 10);
  for (guint i = 0; i < holidays->len; i++)
    {
      RanahHoliday *holiday = g_ptr_array_index (holidays, i);
      g_assert_cmpstr (holiday->date, !=, "2026-01-01");
      g_assert_cmpstr (holiday->date, !=, "2026-12-25");
      if (g_str_equal (holiday->date, "2026-03-23"))
        g_assert_true (holiday->cuti_bersama);
      if (g_str_equal (holiday->date, "2026-03-20"))
        g_assert_false (holiday->cuti_bersama);
    }
}

static void
test_ics_skipped (void)
{
  g_autoptr(RanahHolidayImport) import = read_text (
    "BEGIN:VCALENDAR\n"
    "VERSION:2.0\n"
    "BEGIN:VEVENT\n"                                        /* 3 */
    "UID:a\nDTSTART;VALUE=DATE:20260601\nSUMMARY:Rapat mingguan\n"
    "RRULE:FREQ=WEEKLY\nEND:VEVENT\n"
    "BEGIN:VEVENT\n"                                        /* 9 */
    "UID:b\nDTSTART;VALUE=DATE:20260602\nSTATUS:CANCELLED\nSUMMARY:Batal\nEND:VEVENT\n"
    "BEGIN:VEVENT\n"                                        /* 15 */
    "UID:c\nDTSTART;VALUE=DATE:20260603\nEND:VEVENT\n"
    "BEGIN:VEVENT\n"                                        /* 19 */
    "UID:d\nDTSTART;VALUE=DATE:2026013X\nSUMMARY:Salah ketik\nEND:VEVENT\n"
    "BEGIN:VEVENT\n"                                        /* 24 */
    "UID:e\nDTSTART;VALUE=DATE:20260101\nDTEND;VALUE=DATE:20260301\nSUMMARY:Terlalu lama\n"
    "END:VEVENT\n"
    "BEGIN:VEVENT\n"                                        /* 30 */
    "UID:f\nDTSTART;VALUE=DATE:20260605\nDTEND;VALUE=DATE:20260604\nSUMMARY:Mundur\n"
    "END:VEVENT\n"
    "BEGIN:VEVENT\n"                                        /* 36 */
    "UID:g\nDTSTART;VALUE=DATE:20260606\nSUMMARY:Arah \xe2\x80\xae" "palsu\nEND:VEVENT\n"
    "BEGIN:VEVENT\n"                                        /* 41 */
    "UID:h\nDTSTART;VALUE=DATE:20260607\nDURATION:PT12H\nSUMMARY:Setengah hari\nEND:VEVENT\n"
    "BEGIN:VEVENT\n"                                        /* 47 */
    "UID:i\nDTSTART;VALUE=DATE:20260608\nDURATION:P2D\nSUMMARY:Dua hari\nEND:VEVENT\n"
    "END:VCALENDAR\n");
  g_autofree char *days = days_text (import);
  const guint lines[] = { 3, 9, 15, 19, 24, 30, 36, 41 };
  const char *words[] = { "yearly", "cancelled", "name", "not a date", "longer than 31",
                          "before it starts", "direction", "whole days" };

  g_assert_cmpstr (days, ==, "2026-06-08 n Dua hari|2026-06-09 n Dua hari");
  g_assert_cmpuint (import->problems->len, ==, G_N_ELEMENTS (lines));
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_assert_cmpuint (problem (import, i)->line, ==, lines[i]);
      if (strstr (problem (import, i)->reason, words[i]) == NULL)
        g_error ("line %u: “%s” does not say %s", lines[i], problem (import, i)->reason,
                 words[i]);
    }
  /* The refused text is shown written out, never as the character itself. */
  g_assert_null (strstr (problem (import, 6)->reason, "\xe2\x80\xae"));
}

static void
test_ics_recurrence (void)
{
  /* EXDATE drops 2027; a RECURRENCE-ID override moves 2028's date (Idul Adha style); RDATE
   * adds dates of a holiday that follows another calendar; a multi-day yearly event gives
   * each of its days every year. */
  g_autoptr(RanahHolidayImport) import = NULL;
  g_autofree char *days = NULL;
  const guint years[] = { 2026, 2027, 2028 };
  RanahHolidayImportOptions options = { 0 };
  const char *text =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
    "BEGIN:VEVENT\r\nUID:buruh\r\nDTSTART;VALUE=DATE:20000501\r\nRRULE:FREQ=YEARLY\r\n"
    "EXDATE;VALUE=DATE:20270501\r\nSUMMARY:Hari Buruh\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:buruh\r\nRECURRENCE-ID;VALUE=DATE:20280501\r\n"
    "DTSTART;VALUE=DATE:20280502\r\nSUMMARY:Hari Buruh (digeser)\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:waisak\r\nDTSTART;VALUE=DATE:20260531\r\n"
    "RDATE;VALUE=DATE:20270520,20280509\r\nSUMMARY:Hari Raya Waisak\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:libur\r\nDTSTART;VALUE=DATE:20261230\r\nDTEND;VALUE=DATE:20270101\r\n"
    "RRULE:FREQ=YEARLY;COUNT=2\r\nSUMMARY:Akhir tahun\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n";

  options.years = years;
  options.n_years = G_N_ELEMENTS (years);
  import = read_with (text, strlen (text), &options);
  days = days_text (import);
  g_assert_cmpstr (days, ==,
                   "2026-05-01 n Hari Buruh"
                   "|2026-05-31 n Hari Raya Waisak"
                   "|2026-12-30 n Akhir tahun"
                   "|2026-12-31 n Akhir tahun"
                   "|2027-05-20 n Hari Raya Waisak"
                   "|2027-12-30 n Akhir tahun"
                   "|2027-12-31 n Akhir tahun"
                   "|2028-05-02 n Hari Buruh (digeser)"
                   "|2028-05-09 n Hari Raya Waisak");
  g_assert_cmpuint (import->problems->len, ==, 0);
}

static void
test_ics_default_years (void)
{
  /* Nothing but yearly events: this year and the next. */
  g_autoptr(RanahHolidayImport) import = read_text (
    "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:p\nDTSTART;VALUE=DATE:20170601\n"
    "RRULE:FREQ=YEARLY\nSUMMARY:Hari Lahir Pancasila\nEND:VEVENT\nEND:VCALENDAR\n");
  g_autofree char *days = days_text (import);

  g_assert_cmpstr (days, ==, "2026-06-01 n Hari Lahir Pancasila|2027-06-01 n Hari Lahir Pancasila");
}

static void
test_ics_unreadable (void)
{
  const char *bad[] = {
    "BEGIN:VCALENDAR\nVERSION:2.0\n\xff\xfe\nEND:VCALENDAR\n",   /* not UTF-8 */
    "BEGIN:VCALENDAR\0\nEND:VCALENDAR\n",                           /* a NUL */
  };
  gsize lens[] = { strlen (bad[0]), 30 };
  RanahHolidayImportOptions options = { RANAH_HOLIDAY_FORMAT_ICALENDAR, NULL, 0, 2026, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RanahHolidayImport) import = ranah_holiday_import_read (bad[i], lens[i], NULL,
                                                                        &error);
      g_assert_null (import);
      g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RanahHolidayImport) import = ranah_holiday_import_read ("just words\n", 11,
                                                                      &options, &error);
    g_assert_null (import);
    g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
  }
  /* An END with no BEGIN: refused here rather than let libical print to standard error. */
  {
    g_autoptr(GError) error = NULL;
    const char *stray = "BEGIN:VCALENDAR\nEND:VCALENDAR\nEND:VEVENT\n";
    g_autoptr(RanahHolidayImport) import = ranah_holiday_import_read (stray, strlen (stray), NULL,
                                                                      &error);
    g_assert_null (import);
    g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
    g_assert_nonnull (strstr (error->message, "3"));
  }
  /* A date no store holds (after 2999) is left out and said so. */
  {
    g_autoptr(RanahHolidayImport) import = read_text (
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:30050101\nSUMMARY:Jauh\nEND:VEVENT\n"
      "BEGIN:VEVENT\nDTSTART;VALUE=DATE:29991231\nDTEND;VALUE=DATE:30000102\nSUMMARY:Akhir\n"
      "END:VEVENT\nEND:VCALENDAR\n");
    g_autofree char *days = days_text (import);

    g_assert_cmpstr (days, ==, "2999-12-31 n Akhir");
    g_assert_cmpuint (import->problems->len, ==, 2);
    g_assert_nonnull (strstr (problem (import, 0)->reason, "1900"));
  }
  /* A BOM and LF line endings are fine; an empty calendar gives nothing, without error. */
  {
    g_autoptr(RanahHolidayImport) import = read_text ("\xef\xbb\xbf" "BEGIN:VCALENDAR\n"
                                                      "VERSION:2.0\nEND:VCALENDAR\n");
    g_assert_cmpint (import->format, ==, RANAH_HOLIDAY_FORMAT_ICALENDAR);
    g_assert_cmpuint (import->days->len, ==, 0);
    g_assert_cmpuint (import->problems->len, ==, 0);
  }
}

static void
test_csv_fixture (void)
{
  gsize len;
  g_autofree char *data = fixture ("holidays-2026.csv", &len);
  g_autoptr(RanahHolidayImport) import = read_with (data, len, NULL);
  g_autofree char *days = days_text (import);

  g_assert_cmpint (import->format, ==, RANAH_HOLIDAY_FORMAT_CSV);
  g_assert_cmpstr (days, ==,
                   "2026-01-01 n Tahun Baru 2026 Masehi"
                   "|2026-01-01 r Tahun Baru Masehi"
                   "|2026-02-16 n Cuti Bersama Tahun Baru Imlek 2577 Kongzili*"
                   "|2026-02-17 n Tahun Baru Imlek 2577 Kongzili"
                   "|2026-03-19 n Hari Suci Nyepi; Tahun Baru Saka 1948"
                   "|2026-12-24 n Cuti bersama Natal*");
  g_assert_cmpuint (import->years->len, ==, 0);
  g_assert_cmpuint (import->n_yearly, ==, 0);
  g_assert_cmpuint (import->problems->len, ==, 2);
  g_assert_cmpuint (problem (import, 0)->line, ==, 6);
  g_assert_nonnull (strstr (problem (import, 0)->reason, "2026-02-30"));
  g_assert_cmpuint (problem (import, 1)->line, ==, 7);
  g_assert_nonnull (strstr (problem (import, 1)->reason, "mungkin"));
}

static void
test_csv_forms (void)
{
  g_autoptr(RanahHolidayImport) plain = read_text ("2026-06-01,Hari Lahir Pancasila\n"
                                                   "2026-06-16,Tahun Baru Islam 1448 Hijriah,0\n"
                                                   "\n"
                                                   "2026-05-15,Cuti bersama Kenaikan,ya\n"
                                                   "2026-05-14,Kenaikan Yesus Kristus,,lagi\n");
  g_autoptr(RanahHolidayImport) named = read_text ("Nama,Cuti,Tanggal\r\n"
                                                   "Hari Raya Idul Adha 1447 Hijriah,0,2026-05-27\r\n"
                                                   "Libur pengganti,1,2026-05-28\r\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahHolidayImport) headless = ranah_holiday_import_read ("tanggal,cuti\n", 12, NULL,
                                                                      &error);
  g_autofree char *plain_days = days_text (plain);
  g_autofree char *named_days = days_text (named);

  /* No header; a blank line skipped; a fourth column is not silently dropped. */
  g_assert_cmpstr (plain_days, ==, "2026-05-15 n Cuti bersama Kenaikan*"
                                   "|2026-06-01 n Hari Lahir Pancasila"
                                   "|2026-06-16 n Tahun Baru Islam 1448 Hijriah");
  g_assert_cmpuint (plain->problems->len, ==, 1);
  g_assert_cmpuint (problem (plain, 0)->line, ==, 5);
  /* A header names the columns, in any order and case. */
  g_assert_cmpstr (named_days, ==, "2026-05-27 n Hari Raya Idul Adha 1447 Hijriah"
                                   "|2026-05-28 n Libur pengganti*");
  /* A header without a name column is the file's fault, not a row's. */
  g_assert_null (headless);
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
}

static void
test_cuti_bersama_text (void)
{
  g_assert_true (ranah_holiday_text_is_cuti_bersama ("Cuti Bersama Idul Fitri"));
  g_assert_true (ranah_holiday_text_is_cuti_bersama ("CUTI BERSAMA"));
  g_assert_true (ranah_holiday_text_is_cuti_bersama ("Libur (cuti bersama)"));
  g_assert_true (ranah_holiday_text_is_cuti_bersama ("Collective Leave"));
  g_assert_false (ranah_holiday_text_is_cuti_bersama ("Hari Raya Natal"));
  g_assert_false (ranah_holiday_text_is_cuti_bersama ("cuti"));
  g_assert_false (ranah_holiday_text_is_cuti_bersama (NULL));
  g_assert_false (ranah_holiday_text_is_cuti_bersama ("\xff"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ranah/core/holiday-import/ics/fixture", test_ics_fixture);
  g_test_add_func ("/ranah/core/holiday-import/ics/chosen-years", test_ics_years);
  g_test_add_func ("/ranah/core/holiday-import/ics/dates-in-store", test_ics_in_store);
  g_test_add_func ("/ranah/core/holiday-import/ics/skipped-with-reasons", test_ics_skipped);
  g_test_add_func ("/ranah/core/holiday-import/ics/exdate-rdate-override", test_ics_recurrence);
  g_test_add_func ("/ranah/core/holiday-import/ics/default-years", test_ics_default_years);
  g_test_add_func ("/ranah/core/holiday-import/ics/unreadable", test_ics_unreadable);
  g_test_add_func ("/ranah/core/holiday-import/csv/fixture", test_csv_fixture);
  g_test_add_func ("/ranah/core/holiday-import/csv/forms", test_csv_forms);
  g_test_add_func ("/ranah/core/holiday-import/cuti-bersama-text", test_cuti_bersama_text);

  return g_test_run ();
}
