/* ranah-audit-state.c — what the audit trail says the tables hold, and the comparison
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "ranah-audit-state.h"

typedef struct {
  const char        *kind;
  const char        *owner_kind;  /* the subject a row of this kind belongs to, or NULL */
  const char *const *fields;      /* after "KIND ID"; the owner's id is fields[0] */
} Kind;

static const char *const request_fields[] = { "state", "outcome", "assignee", "version", "opd",
                                              "name", "fqdn", "agenda_year", "agenda_number",
                                              "attachment", NULL };
static const char *const record_fields[] = { "request", "type", "host", "target", "ttl",
                                             "priority", "internal", "created", "verified",
                                             "proof_server", "proof_serial", "proof_answer",
                                             "proof_at", NULL };
static const char *const disposition_fields[] = { "request", "step", "from", "to", "read",
                                                  "recalled", NULL };
static const char *const letter_fields[] = { "request", "kind", "state", "number", "date",
                                             "sha256", "signed_by", "verification_code",
                                             "revision", NULL };
static const char *const entry_fields[] = { "name", "fqdn", "opd", "status", "request",
                                            "activated_on", "version", NULL };
static const char *const entry_record_fields[] = { "entry", "type", "host", "target", "ttl",
                                                   "priority", "internal", "created",
                                                   "verified", "proof_server", "proof_serial",
                                                   "proof_answer", "proof_at", NULL };
static const char *const user_fields[] = { "username", "role", "opd", "active", "full_name",
                                           "nip", "position", "rank", NULL };

static const Kind kinds[] = {
  { "request", NULL, request_fields },
  { "record", "request", record_fields },
  { "disposition", "request", disposition_fields },
  { "letter", "request", letter_fields },
  { "entry", NULL, entry_fields },
  { "entry-record", "entry", entry_record_fields },
  { "user", NULL, user_fields },
};

struct _RanahAuditState {
  GHashTable *rows;    /* "KIND ID" → the whole line */
  GHashTable *owned;   /* subject "KIND ID" → GPtrArray of the keys of its dependent rows */
};

static const Kind *
kind_of (const char *line,
         gsize       kind_len)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strlen (kinds[i].kind) == kind_len && strncmp (kinds[i].kind, line, kind_len) == 0)
      return &kinds[i];
  return NULL;
}

/* "KIND ID" of @line, and its kind. */
static char *
key_of (const char  *line,
        const Kind **kind)
{
  const char *space = strchr (line, ' ');
  const char *tab = strchr (line, '\t');
  gsize len = tab != NULL ? (gsize) (tab - line) : strlen (line);

  *kind = space != NULL && (tab == NULL || space < tab) ? kind_of (line, space - line) : NULL;
  return g_strndup (line, len);
}

RanahAuditState *
ranah_audit_state_new (void)
{
  RanahAuditState *state = g_new0 (RanahAuditState, 1);

  state->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  state->owned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
  return state;
}

void
ranah_audit_state_free (RanahAuditState *state)
{
  if (state == NULL)
    return;
  g_hash_table_unref (state->rows);
  g_hash_table_unref (state->owned);
  g_free (state);
}

static void
forget_subject (RanahAuditState *state,
                const char      *subject)
{
  GPtrArray *owned = g_hash_table_lookup (state->owned, subject);

  for (guint i = 0; owned != NULL && i < owned->len; i++)
    g_hash_table_remove (state->rows, g_ptr_array_index (owned, i));
  g_hash_table_remove (state->owned, subject);
  g_hash_table_remove (state->rows, subject);
}

void
ranah_audit_state_apply (RanahAuditState *state,
                         const char      *event_state)
{
  g_auto(GStrv) lines = NULL;

  g_return_if_fail (state != NULL);
  if (event_state == NULL || *event_state == '\0')
    return;
  lines = g_strsplit (event_state, "\n", -1);

  /* First the subjects this event writes whole: what the state held of them goes. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const Kind *kind;
      g_autofree char *key = key_of (lines[i], &kind);

      if (kind != NULL && kind->owner_kind == NULL)
        forget_subject (state, key);
    }
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const Kind *kind;
      char *key;

      if (lines[i][0] == '\0')
        continue;
      key = key_of (lines[i], &kind);
      if (kind != NULL && kind->owner_kind != NULL)
        {
          const char *tab = strchr (lines[i], '\t');
          g_autofree char *owner_id = tab != NULL ? g_strndup (tab + 1, strcspn (tab + 1, "\t"))
                                                  : g_strdup ("0");
          char *owner = g_strdup_printf ("%s %s", kind->owner_kind, owner_id);
          GPtrArray *owned = g_hash_table_lookup (state->owned, owner);

          if (owned == NULL)
            {
              owned = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (state->owned, g_strdup (owner), owned);
            }
          g_ptr_array_add (owned, g_strdup (key));
          g_free (owner);
        }
      g_hash_table_insert (state->rows, key, g_strdup (lines[i]));
    }
}

/* Whether two lines of one row say the same: a row written before a field was added
 * lacks it, and a field missing at the end is empty. */
static gboolean
same_row (const char *a,
          const char *b)
{
  gsize la = strlen (a), lb = strlen (b);

  while (la > 0 && a[la - 1] == '\t')
    la--;
  while (lb > 0 && b[lb - 1] == '\t')
    lb--;
  return la == lb && memcmp (a, b, la) == 0;
}

/* A row's fields after "KIND ID". */
static GStrv
fields_of (const char *line)
{
  const char *tab = strchr (line, '\t');

  return tab != NULL ? g_strsplit (tab + 1, "\t", -1) : g_new0 (char *, 1);
}

static void
describe_difference (const char *key,
                     const Kind *kind,
                     const char *in_store,
                     const char *in_audit,
                     GPtrArray  *problems)
{
  g_auto(GStrv) store_fields = fields_of (in_store);
  g_auto(GStrv) audit_fields = fields_of (in_audit);
  guint n_store = g_strv_length (store_fields), n_audit = g_strv_length (audit_fields);
  g_autoptr(GString) what = g_string_new (NULL);

  for (guint i = 0; i < MAX (n_store, n_audit); i++)
    {
      const char *a = i < n_store ? store_fields[i] : "";
      const char *b = i < n_audit ? audit_fields[i] : "";
      const char *name = NULL;

      if (g_str_equal (a, b))
        continue;
      for (guint j = 0; kind != NULL && kind->fields[j] != NULL && name == NULL; j++)
        if (j == i)
          name = kind->fields[j];
      if (what->len > 0)
        g_string_append (what, "; ");
      /* Translators: a field of a row that differs, e.g. 'target is “6.6.6.6” in the store,
       * “103.20.30.40” in the audit trail'. */
      g_string_append_printf (what, _("%s is “%s” in the store, “%s” in the audit trail"),
                              name != NULL ? name : "?", a, b);
    }
  g_ptr_array_add (problems, g_strdup_printf (_("%s differs from the audit trail: %s."), key,
                                              what->str));
}

guint
ranah_audit_state_compare (RanahAuditState *expected,
                           GPtrArray       *current,
                           GPtrArray       *problems)
{
  g_autoptr(GHashTable) store_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            g_free);
  GList *keys = NULL;
  guint n = 0;

  g_return_val_if_fail (expected != NULL && current != NULL && problems != NULL, 0);

  for (guint i = 0; i < current->len; i++)
    {
      g_auto(GStrv) lines = g_strsplit (g_ptr_array_index (current, i), "\n", -1);

      for (guint j = 0; lines[j] != NULL; j++)
        {
          const Kind *kind;

          if (lines[j][0] != '\0')
            g_hash_table_insert (store_rows, key_of (lines[j], &kind), g_strdup (lines[j]));
        }
    }

  /* In a stable order, so the report reads the same twice. */
  keys = g_hash_table_get_keys (store_rows);
  keys = g_list_sort (keys, (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *in_store = g_hash_table_lookup (store_rows, l->data);
      const char *in_audit = g_hash_table_lookup (expected->rows, l->data);
      const Kind *kind;
      g_autofree char *k = key_of (in_store, &kind);

      if (in_audit == NULL)
        {
          g_ptr_array_add (problems, g_strdup_printf (_("%s is in the store but not in the audit "
                                                        "trail."), k));
          n++;
        }
      else if (!same_row (in_store, in_audit))
        {
          describe_difference (k, kind, in_store, in_audit, problems);
          n++;
        }
    }
  g_clear_pointer (&keys, g_list_free);
  keys = g_hash_table_get_keys (expected->rows);
  keys = g_list_sort (keys, (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    if (!g_hash_table_contains (store_rows, l->data))
      {
        g_ptr_array_add (problems, g_strdup_printf (_("%s is in the audit trail but no longer in "
                                                      "the store."), (const char *) l->data));
        n++;
      }
  g_list_free (keys);
  return n;
}
