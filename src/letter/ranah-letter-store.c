/* ranah-letter-store.c — letters from and for the store: the signing renderer, drafts and
 * disposition sheets of stored requests, and verification of a signed PDF
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ranah-letter-private.h"

static RanahOpd *
find_opd (RanahStore  *store,
          gint64       opd_id,
          GError     **error)
{
  g_autoptr(GPtrArray) opds = ranah_store_list_opds (store, error);

  if (opds == NULL)
    return NULL;
  for (guint i = 0; i < opds->len; i++)
    {
      RanahOpd *opd = g_ptr_array_index (opds, i);

      if (opd->id == opd_id)
        return ranah_opd_copy (opd);
    }
  return ranah_opd_new ();
}

/* The registry entry the request produced, else one of the same FQDN, or an empty entry
 * when there is none (a refusal, or a draft before the registry was updated). A lookup by
 * index: listing the registry with the FQDN as search text read every entry. */
static RanahEntry *
find_entry (RanahStore          *store,
            const RanahRequest  *request,
            GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  RanahEntry *entry;

  entry = ranah_store_find_entry_for_request (store, request->id, request->fqdn, &local_error);
  if (entry != NULL)
    return entry;
  if (!g_error_matches (local_error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return ranah_entry_new ();
}

/* The official whose signature block @letter prints, in *@signer (NULL when there is none
 * yet): who signed it; for a draft, the signed-in user when they are an active Kepala
 * Dinas (step 9 is theirs), else an active Kepala Dinas — the first with whom nothing is
 * missing (ranah-letter-check.h), or the first. From the store's users, never the profile. */
static gboolean
find_signer (RanahStore         *store,
             GHashTable         *profile,
             const RanahLetter  *letter,
             RanahUser         **signer,
             GError            **error)
{
  const RanahUser *me = ranah_store_get_user (store);
  g_autoptr(GPtrArray) users = NULL;
  const RanahUser *first = NULL, *complete = NULL;

  *signer = NULL;
  if (letter->signer != NULL)
    {
      *signer = ranah_user_copy (letter->signer);
      return TRUE;
    }
  if ((users = ranah_store_list_users (store, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < users->len; i++)
    {
      const RanahUser *user = g_ptr_array_index (users, i);

      if (letter->state == RANAH_LETTER_SIGNED)
        {
          if (user->id == letter->signed_by)
            {
              *signer = ranah_user_copy (user);
              return TRUE;
            }
          continue;
        }
      if (user->role != RANAH_ROLE_KADIS || !user->active)
        continue;
      if (me != NULL && user->id == me->id)
        {
          *signer = ranah_user_copy (user);
          return TRUE;
        }
      if (first == NULL)
        first = user;
      if (complete == NULL && ranah_letter_check_complete (profile, user, NULL))
        complete = user;
    }
  if (complete != NULL || first != NULL)
    *signer = ranah_user_copy (complete != NULL ? complete : first);
  return TRUE;
}

static RanahLetterLayout *
layout_from_store (RanahStore          *store,
                   const RanahRequest  *request,
                   const RanahLetter   *letter,
                   GError             **error)
{
  g_autoptr(GHashTable) profile = NULL;
  g_autoptr(RanahOpd) opd = NULL;
  g_autoptr(RanahEntry) entry = NULL;
  g_autoptr(RanahUser) signer = NULL;
  RanahLetter with_signer;

  if ((profile = ranah_store_get_profile (store, error)) == NULL
      || (opd = find_opd (store, request->opd_id, error)) == NULL
      || (entry = find_entry (store, request, error)) == NULL
      || !find_signer (store, profile, letter, &signer, error))
    return NULL;
  /* A shallow copy that borrows everything of @letter but its signer. */
  with_signer = *letter;
  with_signer.signer = signer;
  return ranah_letter_layout_new (profile, request, opd->id != 0 ? opd : NULL,
                                  entry->id != 0 ? entry : NULL, &with_signer, error);
}

GBytes *
ranah_letter_render_signed (const RanahRequest  *request,
                            const RanahLetter   *letter,
                            gpointer             store,
                            GError             **error)
{
  g_autoptr(RanahLetterLayout) layout = NULL;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (letter != NULL, NULL);
  g_return_val_if_fail (RANAH_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (letter->number == NULL || *letter->number == '\0')
    {
      g_set_error (error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_INVALID,
                   _("A signed letter needs its number."));
      return NULL;
    }
  layout = layout_from_store (store, request, letter, error);
  if (layout == NULL)
    return NULL;
  return ranah_letter_layout_to_pdf (layout, error);
}

RanahLetterLayout *
ranah_letter_layout_new_from_store (RanahStore  *store,
                                    gint64       request_id,
                                    GError     **error)
{
  g_autoptr(RanahRequest) request = NULL;
  g_autoptr(RanahLetter) letter = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (RANAH_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((request = ranah_store_get_request (store, request_id, error)) == NULL)
    return NULL;
  letter = ranah_store_get_letter (store, request_id, &local_error);
  if (letter == NULL)
    {
      if (!g_error_matches (local_error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      /* Nothing drafted yet: show the letter the template would give. */
      letter = ranah_letter_new ();
      letter->request_id = request_id;
      letter->kind = request->outcome == RANAH_OUTCOME_REFUSED ? RANAH_OUTCOME_REFUSED
                                                               : RANAH_OUTCOME_APPROVED;
    }
  return layout_from_store (store, request, letter, error);
}

GBytes *
ranah_letter_render_from_store (RanahStore  *store,
                                gint64       request_id,
                                GError     **error)
{
  g_autoptr(RanahLetter) letter = NULL;
  g_autoptr(RanahLetterLayout) layout = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (RANAH_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  letter = ranah_store_get_letter (store, request_id, &local_error);
  if (letter == NULL
      && !g_error_matches (local_error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  /* A signed letter is frozen: hand out the stored bytes, never a new rendering. */
  if (letter != NULL && letter->state == RANAH_LETTER_SIGNED)
    return ranah_store_get_letter_pdf (store, letter->id, error);

  layout = ranah_letter_layout_new_from_store (store, request_id, error);
  if (layout == NULL)
    return NULL;
  return ranah_letter_layout_to_pdf (layout, error);
}

gboolean
ranah_letter_check_from_store (RanahStore  *store,
                               gint64       request_id,
                               GError     **error)
{
  g_autoptr(RanahLetter) letter = NULL;
  g_autoptr(GHashTable) profile = NULL;
  g_autoptr(RanahUser) signer = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (RANAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  letter = ranah_store_get_letter (store, request_id, &local_error);
  if (letter == NULL)
    {
      if (!g_error_matches (local_error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      letter = ranah_letter_new ();
    }
  /* A signed letter is frozen as it was signed: nothing to fill in any more. */
  if (letter->state == RANAH_LETTER_SIGNED)
    return TRUE;
  if ((profile = ranah_store_get_profile (store, error)) == NULL
      || !find_signer (store, profile, letter, &signer, error))
    return FALSE;
  return ranah_letter_check_complete (profile, signer, error);
}

RanahLetterLayout *
ranah_disposition_sheet_layout_new_from_store (RanahStore  *store,
                                               gint64       request_id,
                                               GError     **error)
{
  g_autoptr(RanahRequest) request = NULL;
  g_autoptr(GHashTable) profile = NULL;
  g_autoptr(GPtrArray) dispositions = NULL;

  g_return_val_if_fail (RANAH_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((request = ranah_store_get_request (store, request_id, error)) == NULL
      || (profile = ranah_store_get_profile (store, error)) == NULL
      || (dispositions = ranah_store_list_dispositions (store, request_id, error)) == NULL)
    return NULL;
  return ranah_disposition_sheet_layout_new (profile, request, dispositions, error);
}

GBytes *
ranah_disposition_sheet_from_store (RanahStore  *store,
                                    gint64       request_id,
                                    GError     **error)
{
  g_autoptr(RanahLetterLayout) layout = NULL;

  g_return_val_if_fail (RANAH_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  layout = ranah_disposition_sheet_layout_new_from_store (store, request_id, error);
  if (layout == NULL)
    return NULL;
  return ranah_letter_layout_to_pdf (layout, error);
}

/* The head of the audit chain a signed letter names in its metadata ("RANAH|number|code|
 * chain_seq|hash", ranah_letter_qr_payload ()): FALSE when it names none. */
static gboolean
claimed_audit_head (GBytes  *pdf,
                    gint64  *chain_seq,
                    char   **hash)
{
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);
  g_autofree char *payload = NULL;
  g_auto(GStrv) fields = NULL;
  const char *hit = NULL, *end;

  for (gsize i = 0; i + 6 < size; i++)
    if (memcmp (data + i, "RANAH|", 6) == 0)
      {
        hit = data + i;
        break;
      }
  if (hit == NULL || (end = memchr (hit, ')', MIN ((gsize) 400, size - (hit - data)))) == NULL)
    return FALSE;
  payload = g_strndup (hit, end - hit);
  fields = g_strsplit (payload, "|", -1);
  if (g_strv_length (fields) != 5 || strlen (fields[4]) != 64
      || strspn (fields[4], "0123456789abcdef") != 64
      || !g_ascii_string_to_signed (fields[3], 10, 1, G_MAXINT64, chain_seq, NULL))
    return FALSE;
  *hash = g_strdup (fields[4]);
  return TRUE;
}

/* The store still holds the event of the request's chain that @letter names (the head
 * before its signing): same chain, place and hash. The file's own metadata says which,
 * as printed in its verification block; the letter's row says it for a file without. */
static gboolean
check_audit_head (RanahStore   *store,
                  GBytes       *pdf,
                  RanahLetter  *letter,
                  GError      **error)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *hash = NULL;
  gint64 seq = 0;

  if (claimed_audit_head (pdf, &seq, &hash))
    {
      letter->audit_seq = seq;
      g_free (letter->audit_hash);
      letter->audit_hash = g_strdup (hash);
    }
  if ((shown = ranah_letter_audit_head_text (letter)) == NULL)
    return TRUE;  /* signed before letters carried it */
  if ((events = ranah_store_list_events (store, letter->request_id, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < events->len; i++)
    {
      const RanahEvent *event = g_ptr_array_index (events, i);

      if (event->version >= 2 && event->chain == letter->request_id
          && event->chain_seq == letter->audit_seq
          && g_strcmp0 (event->hash, letter->audit_hash) == 0)
        return TRUE;
    }
  g_set_error (error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_AUDIT_MISSING,
               _("The file is letter %s as it was signed, but the store no longer holds the "
                 "audit event %s the letter names: its audit trail was altered or the store "
                 "was put back from an older copy."),
               letter->number != NULL ? letter->number : "-", shown);
  return FALSE;
}

/* The "RANAH|number|code" a signed letter carries in its metadata, if the file still has
 * it: lets verify name the letter an altered copy pretends to be. */
static char *
claimed_number (GBytes *pdf)
{
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);
  const char *hit = NULL;
  const char *end;

  for (gsize i = 0; i + 6 < size; i++)
    if (memcmp (data + i, "RANAH|", 6) == 0)
      {
        hit = data + i + 6;
        break;
      }
  if (hit == NULL)
    return NULL;
  end = memchr (hit, '|', MIN ((gsize) 120, size - (hit - data)));
  if (end == NULL || end == hit)
    return NULL;
  return g_strndup (hit, end - hit);
}

gboolean
ranah_letter_verify_pdf (RanahStore    *store,
                         GBytes        *pdf,
                         RanahLetter  **letter_out,
                         RanahRequest **request_out,
                         GError       **error)
{
  g_autoptr(RanahLetter) letter = NULL;
  g_autoptr(RanahRequest) request = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sha = NULL;
  gsize size;
  const guchar *data;

  g_return_val_if_fail (RANAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (pdf != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = g_bytes_get_data (pdf, &size);
  if (size < 5 || memcmp (data, "%PDF-", 5) != 0)
    {
      g_set_error (error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_NOT_PDF,
                   _("The file is not a PDF document."));
      return FALSE;
    }

  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  letter = ranah_store_find_letter_by_sha256 (store, sha, &local_error);
  if (letter == NULL)
    {
      g_autofree char *claimed = NULL;

      if (local_error != NULL
          && !g_error_matches (local_error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      claimed = claimed_number (pdf);
      if (claimed != NULL)
        g_set_error (error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_NOT_GENUINE,
                     _("The file claims to be letter %s but differs from the signed original: "
                       "it has been altered."), claimed);
      else
        g_set_error (error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_NOT_GENUINE,
                     _("The file is not a letter signed in this store, or it was altered "
                       "after signing."));
      return FALSE;
    }

  request = ranah_store_get_request (store, letter->request_id, error);
  if (request == NULL || !check_audit_head (store, pdf, letter, error))
    return FALSE;

  if (letter_out != NULL)
    *letter_out = g_steal_pointer (&letter);
  if (request_out != NULL)
    *request_out = g_steal_pointer (&request);
  return TRUE;
}

char *
ranah_letter_describe_verified (const RanahLetter  *letter,
                                const RanahRequest *request)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (letter != NULL, NULL);
  g_return_val_if_fail (request != NULL, NULL);

  if (letter->letter_date != NULL)
    date = ranah_format_date_long (letter->letter_date);
  if (date == NULL)
    date = g_strdup (letter->letter_date != NULL ? letter->letter_date : "-");
  return g_strdup_printf (_("Genuine and unaltered: letter %s of %s answers request %u/%u "
                            "(%s) from %s."),
                          letter->number != NULL ? letter->number : "-", date,
                          request->agenda_number, request->agenda_year,
                          request->fqdn != NULL ? request->fqdn : "-",
                          request->opd_name != NULL ? request->opd_name : "-");
}

char *
ranah_letter_describe_audit_head (const RanahLetter *letter)
{
  g_autofree char *shown = NULL;

  g_return_val_if_fail (letter != NULL, NULL);

  if ((shown = ranah_letter_audit_head_text (letter)) == NULL)
    return g_strdup (_("It was signed before letters carried the head of their audit trail: "
                       "there is no audit event to look for."));
  return g_strdup_printf (_("The store still holds the audit event %s of the request’s trail "
                            "that the letter names."), shown);
}
