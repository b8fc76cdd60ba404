/* ranah-letter-check.c — what a Surat Tanggapan still lacks before it may be signed
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server's copy of this rule is the 'sign' branch of ranah.move
 * (src/store/sql/002-functions.sql): change both together, with the same English sentence.
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "ranah-error.h"
#include "ranah-letter-check.h"

static gboolean
blank (const char *value)
{
  if (value == NULL)
    return TRUE;
  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static gboolean
is_nip (const char *value)
{
  return value != NULL && strlen (value) == 18 && strspn (value, "0123456789") == 18;
}

static const char *
value_of (GHashTable *profile,
          GHashTable *defaults,
          const char *key)
{
  const char *value = profile != NULL ? g_hash_table_lookup (profile, key) : NULL;

  return value != NULL ? value : g_hash_table_lookup (defaults, key);
}

GPtrArray *
ranah_letter_missing_fields (GHashTable      *profile,
                             const RanahUser *signer)
{
  g_autoptr(GHashTable) defaults = ranah_profile_default ();
  GPtrArray *missing = g_ptr_array_new ();
  const char *template_;
  struct {
    const char *key;
    const char *name;
  } kop[] = {
    { RANAH_PROFILE_GOVERNMENT, N_("the government line of the letterhead") },
    { RANAH_PROFILE_AGENCY, N_("the agency’s name in the letterhead") },
    { RANAH_PROFILE_ADDRESS, N_("the agency’s address in the letterhead") },
    { RANAH_PROFILE_CITY, N_("the city of the date line") },
  };

  /* Static strings: the array owns nothing. */
  if (signer == NULL || blank (signer->full_name))
    g_ptr_array_add (missing, (gpointer) _("the signer’s name"));
  if (signer == NULL || blank (signer->position))
    g_ptr_array_add (missing, (gpointer) _("the signer’s position"));
  if (signer == NULL || !is_nip (signer->nip))
    g_ptr_array_add (missing, (gpointer) _("the signer’s NIP"));
  if (signer == NULL || blank (signer->rank))
    g_ptr_array_add (missing, (gpointer) _("the signer’s rank"));
  for (guint i = 0; i < G_N_ELEMENTS (kop); i++)
    if (blank (value_of (profile, defaults, kop[i].key)))
      g_ptr_array_add (missing, (gpointer) _(kop[i].name));

  template_ = value_of (profile, defaults, RANAH_PROFILE_NUMBER_TEMPLATE);
  if (blank (template_))
    g_ptr_array_add (missing, (gpointer) _("the letter-number template"));
  else
    {
      if (strstr (template_, "{klasifikasi}") != NULL
          && blank (value_of (profile, defaults, RANAH_PROFILE_CLASSIFICATION)))
        g_ptr_array_add (missing, (gpointer) _("the default classification code"));
      if (strstr (template_, "{unit}") != NULL
          && blank (value_of (profile, defaults, RANAH_PROFILE_AGENCY_SHORT)))
        g_ptr_array_add (missing, (gpointer) _("the agency’s short name"));
    }
  return missing;
}

gboolean
ranah_letter_check_complete (GHashTable      *profile,
                             const RanahUser *signer,
                             GError         **error)
{
  g_autoptr(GPtrArray) missing = ranah_letter_missing_fields (profile, signer);
  g_autofree char *list = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (missing->len == 0)
    return TRUE;
  list = g_strdup (g_ptr_array_index (missing, 0));
  for (guint i = 1; i < missing->len; i++)
    {
      char *longer;

      if (i + 1 < missing->len)
        longer = g_strconcat (list, ", ", g_ptr_array_index (missing, i), NULL);
      else
        /* TRANSLATORS: the last two of a list of missing fields, "A, B and C". */
        longer = g_strdup_printf (_("%s and %s"), list,
                                  (const char *) g_ptr_array_index (missing, i));
      g_free (list);
      list = longer;
    }
  g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_INCOMPLETE,
               g_dngettext (GETTEXT_PACKAGE,
                            "This letter cannot be signed yet: %s is not filled in.",
                            "This letter cannot be signed yet: %s are not filled in.",
                            missing->len), list);
  return FALSE;
}
