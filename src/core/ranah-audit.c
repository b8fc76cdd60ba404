/* ranah-audit.c — the hash chain of the audit trail
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "ranah-audit.h"
#include "ranah-error.h"

static void
append_field (GString    *out,
              const char *value)
{
  /* Length-prefixed so that no choice of field contents can collide with another. */
  value = value != NULL ? value : "";
  g_string_append_printf (out, "%zu:%s;", strlen (value), value);
}

char *
ranah_audit_event_hash (const RanahEvent *event)
{
  g_autoptr(GString) canonical = g_string_new ("ranah-event-v1;");

  g_return_val_if_fail (event != NULL, NULL);

  g_string_append_printf (canonical, "%" G_GINT64_FORMAT ";%" G_GINT64_FORMAT ";%"
                          G_GINT64_FORMAT ";%" G_GINT64_FORMAT ";%u;",
                          event->seq, event->at, event->user_id, event->request_id,
                          event->step);
  append_field (canonical, event->username);
  append_field (canonical, event->action);
  append_field (canonical, event->from_state);
  append_field (canonical, event->to_state);
  append_field (canonical, event->note);
  append_field (canonical, event->prev_hash);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical->str, canonical->len);
}

gboolean
ranah_audit_verify_chain (GPtrArray  *events,
                          GError    **error)
{
  const char *prev = RANAH_AUDIT_GENESIS;

  g_return_val_if_fail (events != NULL, FALSE);

  for (guint i = 0; i < events->len; i++)
    {
      const RanahEvent *event = g_ptr_array_index (events, i);
      g_autofree char *hash = NULL;

      if (event->seq != (gint64) i + 1)
        {
          g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                       _("Audit trail broken: event %" PRId64 " is out of sequence "
                         "(expected %u); an event was deleted or inserted."),
                       event->seq, i + 1);
          return FALSE;
        }
      if (g_strcmp0 (event->prev_hash, prev) != 0)
        {
          g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                       _("Audit trail broken at event %" PRId64 ": it does not chain "
                         "to the event before it."), event->seq);
          return FALSE;
        }
      hash = ranah_audit_event_hash (event);
      if (g_strcmp0 (hash, event->hash) != 0)
        {
          g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                       _("Audit trail broken at event %" PRId64 ": its contents were "
                         "changed after it was recorded."), event->seq);
          return FALSE;
        }
      prev = event->hash;
    }
  return TRUE;
}

char *
ranah_sha256_hex (const guint8 *data,
                  gsize         len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
}
