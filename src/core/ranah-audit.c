/* ranah-audit.c — the hash chain of the audit trail
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <inttypes.h>
#include <stdarg.h>
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
  g_autoptr(GString) canonical = NULL;

  g_return_val_if_fail (event != NULL, NULL);

  canonical = g_string_new (event->version >= 2 ? "ranah-event-v2;" : "ranah-event-v1;");
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
  if (event->version >= 2)
    {
      g_string_append_printf (canonical, "%" G_GINT64_FORMAT ";%" G_GINT64_FORMAT ";",
                              event->chain, event->chain_seq);
      append_field (canonical, event->state);
    }

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical->str, canonical->len);
}

static gboolean
broken (GError     **error,
        const char  *format,
        ...) G_GNUC_PRINTF (2, 3);

static gboolean
broken (GError     **error,
        const char  *format,
        ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION, format, args);
  va_end (args);
  return FALSE;
}

typedef struct {
  gint64      seq;   /* chain_seq of the last event seen */
  const char *hash;
} ChainTip;

gboolean
ranah_audit_verify_chains (GPtrArray  *events,
                           GHashTable *heads,
                           GError    **error)
{
  g_autoptr(GHashTable) tips = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  const char *legacy = RANAH_AUDIT_GENESIS;
  gint64 n_legacy = 0, last_seq = 0;
  gboolean seen_v2 = FALSE;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (events != NULL, FALSE);

  for (guint i = 0; i < events->len; i++)
    {
      const RanahEvent *event = g_ptr_array_index (events, i);
      g_autofree char *hash = ranah_audit_event_hash (event);

      if (event->version >= 2 && event->seq <= last_seq)
        return broken (error, _("Audit trail broken: event %" PRId64 " is out of order."),
                       event->seq);
      last_seq = event->seq;
      if (event->version < 2)
        {
          /* The single chain of version 1: every event numbered from 1, none after the
           * first of version 2. */
          if (seen_v2 || event->seq != n_legacy + 1)
            return broken (error, _("Audit trail broken: event %" PRId64 " is out of sequence "
                                    "(expected %" PRId64 "); an event was deleted or "
                                    "inserted."), event->seq, n_legacy + 1);
          if (g_strcmp0 (event->prev_hash, legacy) != 0)
            return broken (error, _("Audit trail broken at event %" PRId64 ": it does not chain "
                                    "to the event before it."), event->seq);
          if (g_strcmp0 (hash, event->hash) != 0)
            return broken (error, _("Audit trail broken at event %" PRId64 ": its contents were "
                                    "changed after it was recorded."), event->seq);
          legacy = event->hash;
          n_legacy++;
          continue;
        }

      seen_v2 = TRUE;
      {
        ChainTip *tip = g_hash_table_lookup (tips, &event->chain);
        gint64 expected = tip != NULL ? tip->seq + 1 : 1;
        const char *prev = tip != NULL ? tip->hash : legacy;

        if (event->chain_seq != expected)
          return broken (error, _("Audit trail broken: event %" PRId64 " is number %" PRId64
                                  " of its chain (%" PRId64 "), where %" PRId64 " was expected; "
                                  "an event was deleted or inserted."),
                         event->seq, event->chain_seq, event->chain, expected);
        if (g_strcmp0 (event->prev_hash, prev) != 0)
          return broken (error, _("Audit trail broken at event %" PRId64 ": it does not chain "
                                  "to the event before it."), event->seq);
        if (g_strcmp0 (hash, event->hash) != 0)
          return broken (error, _("Audit trail broken at event %" PRId64 ": its contents were "
                                  "changed after it was recorded."), event->seq);
        if (tip == NULL)
          {
            gint64 *chain = g_new (gint64, 1);

            *chain = event->chain;
            tip = g_new0 (ChainTip, 1);
            g_hash_table_insert (tips, chain, tip);
          }
        tip->seq = event->chain_seq;
        tip->hash = event->hash;
      }
    }

  if (heads == NULL)
    return TRUE;
  /* Each chain's last event is the head the store recorded: a deleted tail shows. */
  g_hash_table_iter_init (&iter, heads);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const RanahAuditHead *head = value;
      ChainTip *tip;

      if (head->chain < 0)
        continue;
      tip = g_hash_table_lookup (tips, &head->chain);
      if (tip == NULL || tip->seq != head->chain_seq || g_strcmp0 (tip->hash, head->hash) != 0)
        {
          if (head->chain == 0)
            return broken (error, _("Audit trail broken: the office's chain ends at its event %"
                                    PRId64 " of %" PRId64 "; the events after it were "
                                    "deleted."), tip != NULL ? tip->seq : 0, head->chain_seq);
          return broken (error, _("Audit trail broken: the chain of request %" PRId64 " ends at "
                                  "its event %" PRId64 " of %" PRId64 "; the events after it "
                                  "were deleted."),
                         head->chain, tip != NULL ? tip->seq : 0, head->chain_seq);
        }
    }
  g_hash_table_iter_init (&iter, tips);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (heads, key))
      return broken (error, _("Audit trail broken: chain %" PRId64 " has no recorded head."),
                     *(gint64 *) key);
  return TRUE;
}

RanahAuditHead *
ranah_audit_head_new (gint64      chain,
                      gint64      chain_seq,
                      const char *hash)
{
  RanahAuditHead *head = g_new0 (RanahAuditHead, 1);

  head->chain = chain;
  head->chain_seq = chain_seq;
  head->hash = g_strdup (hash);
  return head;
}

void
ranah_audit_head_free (RanahAuditHead *head)
{
  if (head == NULL)
    return;
  g_free (head->hash);
  g_free (head);
}

GHashTable *
ranah_audit_heads_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                (GDestroyNotify) ranah_audit_head_free);
}

void
ranah_audit_heads_add (GHashTable *heads,
                       gint64      chain,
                       gint64      chain_seq,
                       const char *hash)
{
  RanahAuditHead *head = ranah_audit_head_new (chain, chain_seq, hash);

  /* The key lives in the value. */
  g_hash_table_replace (heads, &head->chain, head);
}

gboolean
ranah_audit_verify_chain (GPtrArray  *events,
                          GError    **error)
{
  return ranah_audit_verify_chains (events, NULL, error);
}

char *
ranah_sha256_hex (const guint8 *data,
                  gsize         len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
}
