/* fuzz-glib.c — turns GLib warnings and criticals into crashes a fuzzer records
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With G_DEBUG=fatal-warnings GLib stops on a breakpoint trap, which libFuzzer does not
 * catch, so the input that caused it would be lost; abort() is caught and saved.
 */
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

#include "fuzz.h"

static GLogWriterOutput
abort_on_warning (GLogLevelFlags   level,
                  const GLogField *fields,
                  gsize            n_fields,
                  gpointer         user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      for (gsize i = 0; i < n_fields; i++)
        if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
          fprintf (stderr, "GLib: %s\n", (const char *) fields[i].value);
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_writer_func (abort_on_warning, NULL, NULL);
  return 0;
}
