/* ranah-postgres-libpq.c — opens libpq by its soname when a PostgreSQL store is first opened
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why at run time, and how the backend's PQ… calls reach the table: ranah-postgres-libpq.h.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>

#include "ranah-postgres-libpq.h"
#include "ranah-store.h"

RanahLibpq ranah_libpq;

gboolean
ranah_libpq_load (GError **error)
{
  static gsize loaded = 0;        /* 1 once the table is filled, 2 when that failed */

  if (g_once_init_enter (&loaded))
    {
      GModule *module = g_module_open (RANAH_LIBPQ_SONAME, G_MODULE_BIND_LOCAL);
      RanahLibpq table = { 0 };
      gboolean ok = module != NULL;

#define RANAH_LIBPQ_LOOKUP(name) \
      ok = ok && g_module_symbol (module, "PQ" #name, (gpointer *) &table.name);
      RANAH_LIBPQ_FUNCTIONS (RANAH_LIBPQ_LOOKUP)
#undef RANAH_LIBPQ_LOOKUP

      if (ok)
        {
          /* Nothing ever closes it: connections and results outlive any one store. */
          g_module_make_resident (module);
          ranah_libpq = table;
        }
      else
        {
          /* Why exactly (file missing, a symbol missing) goes to the log for whoever
           * packages Ranah; the person gets the sentence below. */
          g_debug ("libpq: %s", g_module_error ());
          if (module != NULL)
            g_module_close (module);
        }
      g_once_init_leave (&loaded, ok ? 1 : 2);
    }
  if (loaded == 1)
    return TRUE;
  g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE,
               /* Translators: %s is a file name such as libpq.so.5 */
               _("The PostgreSQL client library (%s) is not installed."), RANAH_LIBPQ_SONAME);
  return FALSE;
}

PGconn *
ranah_libpq_connectdb_params (const char * const *keywords,
                              const char * const *values,
                              int                 expand_dbname)
{
  if (!ranah_libpq_load (NULL))
    return NULL;
  return ranah_libpq.connectdbParams (keywords, values, expand_dbname);
}

PQconninfoOption *
ranah_libpq_conninfo_parse (const char  *conninfo,
                            char       **errmsg)
{
  if (!ranah_libpq_load (NULL))
    {
      /* The caller frees a message with PQfreemem, which is not there either. */
      if (errmsg != NULL)
        *errmsg = NULL;
      return NULL;
    }
  return ranah_libpq.conninfoParse (conninfo, errmsg);
}
