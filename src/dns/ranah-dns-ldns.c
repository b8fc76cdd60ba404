/* ranah-dns-ldns.c — opens libldns the first time the dns layer talks to DNS
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <gmodule.h>

/* This file fills the table by the functions' own names: no mapping here. */
#define RANAH_DNS_LDNS_LOADER
#include "ranah-dns-ldns.h"
#include "ranah-dns.h"

RanahDnsLdns ranah_dns_ldns;

gboolean
ranah_dns_ldns_load (GError **error)
{
  static gsize loaded = 0;        /* 1 once the table is filled, 2 when that failed */
  static const char *missing = NULL;  /* the first function ldns lacks; NULL if not opened */

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_once_init_enter (&loaded))
    {
      GModule *module;
      gboolean ok = FALSE;

      /* Local binding: the table is the only way in, so ldns's names need not join the
       * process's global namespace (where the fuzz target's linked copy already is). */
      module = g_module_open (RANAH_LDNS_SONAME, G_MODULE_BIND_LOCAL);
      if (module == NULL)
        g_debug ("%s", g_module_error ());
      else
        {
          ok = TRUE;
#define RANAH_DNS_LDNS_LOOKUP(name) \
          if (ok && !g_module_symbol (module, #name, (gpointer *) &ranah_dns_ldns.name)) \
            { \
              missing = #name; \
              ok = FALSE; \
            }
          RANAH_DNS_LDNS_FUNCTIONS (RANAH_DNS_LDNS_LOOKUP)
#undef RANAH_DNS_LDNS_LOOKUP
          if (ok)
            /* The table points into it for the rest of the process. */
            g_module_make_resident (module);
          else
            {
              /* Leave no pointer into a library that is closed again. */
              memset (&ranah_dns_ldns, 0, sizeof ranah_dns_ldns);
              g_module_close (module);
            }
        }
      g_once_init_leave (&loaded, ok ? 1 : 2);
    }
  if (loaded == 1)
    return TRUE;

  ranah_dns_init ();

  if (missing != NULL)
    g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_FAILED,
                 /* Translators: %s are a file name such as libldns.so.3 and a function name */
                 _("The DNS library (%s) is not the version Ranah was built for: it has no "
                   "function %s."), RANAH_LDNS_SONAME, missing);
  else
    g_set_error (error, RANAH_DNS_ERROR, RANAH_DNS_ERROR_FAILED,
                 /* Translators: %s is a file name such as libldns.so.3 */
                 _("The DNS library (%s) is not installed."), RANAH_LDNS_SONAME);
  return FALSE;
}
