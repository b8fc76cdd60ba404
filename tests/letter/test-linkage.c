/* test-linkage.c — ranah-cli starts without poppler, and the poppler-glib the case file opens
 * at run time is the one the build found
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   test-linkage RANAH-CLI
 *
 * poppler-glib and the twenty libraries under it cost every process that links them about
 * 18 ms and 5.5 MiB at start; only the case file needs them, and opens them by soname
 * (src/letter/README.md, "poppler at run time"). These cases keep it that way.
 */
#include <gmodule.h>
#include <string.h>

#include "letter-test-util.h"

static const char *ranah_cli;

static void
test_cli_without_poppler (void)
{
  g_autofree char *readelf = g_find_program_in_path ("readelf");
  g_autofree char *dynamic = NULL;

  if (readelf == NULL)
    {
      g_test_skip ("readelf (binutils) is not installed");
      return;
    }
  {
    const char *argv[] = { readelf, "--dynamic", "--wide", ranah_cli, NULL };
    dynamic = util_run (argv);
  }
  /* It does read its own dynamic section: the letter layer's cairo is there. */
  g_assert_nonnull (strstr (dynamic, "(NEEDED)"));
  g_assert_nonnull (strstr (dynamic, "libcairo"));
  g_assert_null (strstr (dynamic, "libpoppler"));
}

static void
test_poppler_soname_opens (void)
{
  GModule *module = g_module_open (RANAH_POPPLER_GLIB_SONAME, G_MODULE_BIND_LOCAL);
  gpointer symbol = NULL;

  g_assert_nonnull (module);
  g_assert_true (g_module_symbol (module, "poppler_document_new_from_bytes", &symbol));
  g_assert_nonnull (symbol);
  g_module_close (module);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (argc != 2)
    {
      g_printerr ("usage: test-linkage RANAH-CLI\n");
      return 2;
    }
  ranah_cli = argv[1];

  g_test_add_func ("/ranah/letter/linkage/cli-without-poppler", test_cli_without_poppler);
  g_test_add_func ("/ranah/letter/linkage/poppler-soname-opens", test_poppler_soname_opens);
  return g_test_run ();
}
