/* test-letter-number.c — letter-number templates and long dates
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ranah-core.h"

static void
test_template_check (void)
{
  const char *valid[] = {
    "{klasifikasi}/{urut}/{unit}/{tahun}",
    "{urut}",
    "{klasifikasi}/{urut}/{unit}/{bulan}/{tahun}",
    "B-{urut}/DKISP/{tahun}",
    "{urut}{urut}",
    "Nomor: {urut} — {unit}",
  };
  struct { const char *template_; const char *needle; } invalid[] = {
    { "", "{urut}" },
    { "{klasifikasi}/{unit}/{tahun}", "{urut}" },
    { "{klasifikasi}/{nomor}/{tahun}", "{nomor}" },
    { "{URUT}", "{URUT}" },
    { "{urut}/{", "without its “}”" },
    { "{urut}/{unit", "without its “}”" },
    { "{urut}/{un{it}", "without its “}”" },
    { "{urut}/unit}", "without its “{”" },
    { "}{urut}", "without its “{”" },
    { "{}{urut}", "{}" },
    { "{ urut }", "{ urut }" },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    if (!ranah_letter_number_check_template (valid[i], &error))
      g_error ("“%s” refused: %s", valid[i], error->message);
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      if (ranah_letter_number_check_template (invalid[i].template_, &error))
        g_error ("“%s” accepted", invalid[i].template_);
      g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
      if (strstr (error->message, invalid[i].needle) == NULL)
        g_error ("“%s”: “%s” does not mention “%s”", invalid[i].template_, error->message,
                 invalid[i].needle);
      g_clear_error (&error);
    }
}

static void
test_format (void)
{
  struct {
    const char *template_;
    guint urut, year, month;
    const char *expected;
  } cases[] = {
    { "{klasifikasi}/{urut}/{unit}/{tahun}", 123, 2026, 11, "000.5.2/0123/DKISP/2026" },
    { "{klasifikasi}/{urut}/{unit}/{tahun}", 1, 2026, 1, "000.5.2/0001/DKISP/2026" },
    { "{klasifikasi}/{urut}/{unit}/{tahun}", 9999, 2026, 1, "000.5.2/9999/DKISP/2026" },
    { "{klasifikasi}/{urut}/{unit}/{tahun}", 12345, 2026, 1, "000.5.2/12345/DKISP/2026" },
    { "{klasifikasi}/{urut}/{unit}/{bulan}/{tahun}", 7, 2026, 1, "000.5.2/0007/DKISP/I/2026" },
    { "{urut}/{bulan}", 7, 2026, 4, "0007/IV" },
    { "{urut}/{bulan}", 7, 2026, 9, "0007/IX" },
    { "{urut}/{bulan}", 7, 2026, 12, "0007/XII" },
    { "B-{urut}/{unit}", 42, 2026, 0, "B-0042/DKISP" },
  };
  const char *romans[] = { "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII" };
  g_autoptr(GError) error = NULL;
  char *number;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *n = ranah_letter_number_format (cases[i].template_, "000.5.2", cases[i].urut,
                                                       "DKISP", cases[i].year, cases[i].month,
                                                       &error);
      g_assert_no_error (error);
      g_assert_cmpstr (n, ==, cases[i].expected);
    }

  for (guint m = 1; m <= 12; m++)
    {
      g_autofree char *n = ranah_letter_number_format ("{bulan}{urut}", NULL, 1, NULL, 2026, m, NULL);
      g_autofree char *expected = g_strdup_printf ("%s0001", romans[m - 1]);
      g_assert_cmpstr (n, ==, expected);
    }

  number = ranah_letter_number_format ("{urut}/{bulan}", "", 1, "", 2026, 13, &error);
  g_assert_null (number);
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
  g_clear_error (&error);

  number = ranah_letter_number_format ("{nomor}", "", 1, "", 2026, 1, &error);
  g_assert_null (number);
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
}

static void
test_date_long (void)
{
  const char *months[] = {
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
  };
  const char *invalid[] = { "", "2026-02-30", "2026-13-01", "27-11-2026", "2026-11-27x", "2026/11/27" };

  for (guint m = 1; m <= 12; m++)
    {
      g_autofree char *iso = g_strdup_printf ("2026-%02u-05", m);
      g_autofree char *text = ranah_format_date_long (iso);
      g_autofree char *expected = g_strdup_printf ("5 %s 2026", months[m - 1]);
      g_assert_cmpstr (text, ==, expected);
    }
  {
    g_autofree char *text = ranah_format_date_long ("2026-11-27");
    g_assert_cmpstr (text, ==, "27 November 2026");
  }
  {
    g_autofree char *text = ranah_format_date_long ("2024-02-29");
    g_assert_cmpstr (text, ==, "29 Februari 2024");
  }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_assert_null (ranah_format_date_long (invalid[i]));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ranah/core/letter-number/template-check", test_template_check);
  g_test_add_func ("/ranah/core/letter-number/format", test_format);
  g_test_add_func ("/ranah/core/letter-number/date-long", test_date_long);

  return g_test_run ();
}
