/* main.c — starts the Ranah desktop app
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ranah-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RanahApplication) app = NULL;
  int status;

  setlocale (LC_ALL, "");
  /* RANAH_LOCALEDIR lets a build tree or a staged install find its own translations. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RANAH_LOCALEDIR") != NULL
                                   ? g_getenv ("RANAH_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name ("Ranah");

  app = ranah_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  return status != 0 ? status : ranah_application_get_exit_status (app);
}
