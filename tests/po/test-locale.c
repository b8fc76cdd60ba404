/* test-locale.c — the window's dates, numbers and core messages follow the locale
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs against the build tree's own catalogue (<build>/po) under
 * id_ID.UTF-8 and C.UTF-8; scripts/install-deps generates the Indonesian locale.
 */
#include <locale.h>

#include <glib/gi18n-lib.h>

#include "ranah-format.h"
#include "ranah-validate.h"

static void
use_locale (const char *name)
{
  if (setlocale (LC_ALL, name) == NULL)
    g_error ("The locale %s is missing: run scripts/install-deps to generate it.", name);
}

static gint64
afternoon (void)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (2026, 8, 7, 15, 30, 0);

  return g_date_time_to_unix (dt);
}

static void
test_date_indonesian (void)
{
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  use_locale ("id_ID.UTF-8");
  date = ranah_format_date ("2026-08-07");
  time = ranah_format_time (afternoon ());
  g_assert_cmpstr (date, ==, "7 Agu 2026");
  g_assert_cmpstr (time, ==, "7 Agu 2026, 15.30");
}

static void
test_date_english (void)
{
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  use_locale ("C.UTF-8");
  date = ranah_format_date ("2026-08-07");
  time = ranah_format_time (afternoon ());
  /* %e pads a one-digit day with a figure space. */
  g_assert_cmpstr (date, ==, "\u20077 Aug 2026");
  g_assert_cmpstr (time, ==, "\u20077 Aug 2026, 15:30");
}

static void
test_number_indonesian (void)
{
  g_autofree char *days = NULL;
  g_autofree char *wait = NULL;
  gboolean late = FALSE;

  use_locale ("id_ID.UTF-8");
  days = ranah_format_days (2.5);
  wait = ranah_format_wait (NULL, 0, 3 * 86400 + 43200, 1, &late);
  g_assert_cmpstr (days, ==, "2,5 hari kerja");
  g_assert_cmpstr (wait, ==, "3,5 hari kerja dari 1 hari kerja");
  g_assert_true (late);
}

static void
test_number_english (void)
{
  g_autofree char *days = NULL;
  g_autofree char *wait = NULL;

  use_locale ("C.UTF-8");
  days = ranah_format_days (2.5);
  wait = ranah_format_wait (NULL, 0, 3 * 86400 + 43200, 1, NULL);
  g_assert_cmpstr (days, ==, "2.5 working days");
  g_assert_cmpstr (wait, ==, "3.5 working days of 1 working day");
}

static void
test_core_message (void)
{
  g_autoptr(GError) english = NULL;
  g_autoptr(GError) indonesian = NULL;

  use_locale ("C.UTF-8");
  g_assert_false (ranah_validate_label ("-dinkes", NULL, NULL, &english));
  use_locale ("id_ID.UTF-8");
  g_assert_false (ranah_validate_label ("-dinkes", NULL, NULL, &indonesian));
  g_assert_cmpstr (english->message, ==,
                   "The name “-dinkes” may not start or end with a hyphen.");
  g_assert_cmpstr (indonesian->message, ==,
                   "Nama “-dinkes” tidak boleh diawali atau diakhiri tanda hubung.");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = NULL;

  /* LANGUAGE would override the locale under test; the clock of the fixtures is UTC. */
  g_unsetenv ("LANGUAGE");
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);
  localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/ranah/po/locale/date-indonesian", test_date_indonesian);
  g_test_add_func ("/ranah/po/locale/date-english", test_date_english);
  g_test_add_func ("/ranah/po/locale/number-indonesian", test_number_indonesian);
  g_test_add_func ("/ranah/po/locale/number-english", test_number_english);
  g_test_add_func ("/ranah/po/locale/core-message", test_core_message);
  return g_test_run ();
}
