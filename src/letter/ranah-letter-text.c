/* ranah-letter-text.c — the agency profile as letter text: values with defaults, names in
 * title case, dates, NIP, and the kop surat
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ranah-letter-private.h"

static GHashTable *
default_profile (void)
{
  static GHashTable *defaults;

  if (g_once_init_enter (&defaults))
    g_once_init_leave (&defaults, ranah_profile_default ());
  return defaults;
}

const char *
ranah_profile_value (GHashTable *profile,
                     const char *key)
{
  const char *value = profile != NULL ? g_hash_table_lookup (profile, key) : NULL;

  if (value == NULL)
    value = g_hash_table_lookup (default_profile (), key);
  return value != NULL ? value : "";
}

/* Words that stay lowercase inside an Indonesian name (Ejaan yang Disempurnakan). */
static gboolean
is_particle (const char *word)
{
  static const char *const particles[] = {
    "dan", "di", "ke", "dari", "yang", "untuk", "serta", "atau", "pada", "dengan", "bagi",
    "oleh", "tentang",
  };

  for (guint i = 0; i < G_N_ELEMENTS (particles); i++)
    if (g_str_equal (word, particles[i]))
      return TRUE;
  return FALSE;
}

char *
ranah_letter_title_case (const char *text)
{
  g_autofree char *lower = NULL;
  g_auto(GStrv) words = NULL;
  GString *out;
  gboolean has_lower = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    has_lower |= g_unichar_islower (g_utf8_get_char (p));
  /* Already written in mixed case: the agency chose its own capitals. */
  if (has_lower)
    return g_strdup (text);

  lower = g_utf8_strdown (text, -1);
  words = g_strsplit (lower, " ", -1);
  out = g_string_new (NULL);
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];

      if (i > 0)
        g_string_append_c (out, ' ');
      if (*word == '\0')
        continue;
      if (i > 0 && is_particle (word))
        g_string_append (out, word);
      else
        {
          g_autofree char *first = g_utf8_strup (word, g_utf8_next_char (word) - word);
          g_string_append (out, first);
          g_string_append (out, g_utf8_next_char (word));
        }
    }
  return g_string_free (out, FALSE);
}

char *
ranah_letter_region (GHashTable *profile)
{
  const char *government = ranah_profile_value (profile, RANAH_PROFILE_GOVERNMENT);

  /* "PEMERINTAH KOTA TARAKAN" → "Kota Tarakan" */
  if (g_ascii_strncasecmp (government, "pemerintah ", strlen ("pemerintah ")) == 0)
    government += strlen ("pemerintah ");
  return ranah_letter_title_case (government);
}

char *
ranah_letter_date_from_unix (GHashTable *profile,
                             gint64      when)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *iso = NULL;
  char *date;

  zone = g_time_zone_new_identifier (ranah_profile_value (profile, RANAH_PROFILE_TIMEZONE));
  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  utc = g_date_time_new_from_unix_utc (when);
  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_timezone (utc, zone);
  iso = g_date_time_format (local, "%Y-%m-%d");
  date = ranah_format_date_long (iso);
  return date != NULL ? date : g_steal_pointer (&iso);
}

char *
ranah_letter_format_nip (const char *nip)
{
  /* 18 digits print as birth date, appointment month, sex and serial:
   * 19700101 199003 1 001 */
  if (nip != NULL && strlen (nip) == 18 && strspn (nip, "0123456789") == 18)
    return g_strdup_printf ("%.8s %.6s %.1s %.3s", nip, nip + 8, nip + 14, nip + 15);
  return g_strdup (nip != NULL ? nip : "");
}

static char *
contact_line (GHashTable *profile)
{
  GString *line = g_string_new (ranah_profile_value (profile, RANAH_PROFILE_ADDRESS));
  struct {
    const char *key;
    const char *label;
  } parts[] = {
    { RANAH_PROFILE_PHONE, "Telepon" },
    { RANAH_PROFILE_EMAIL, "Pos-el" },
    { RANAH_PROFILE_WEBSITE, "Laman" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      const char *value = ranah_profile_value (profile, parts[i].key);

      if (*value == '\0')
        continue;
      if (line->len > 0)
        g_string_append (line, ", ");
      g_string_append_printf (line, "%s %s", parts[i].label, value);
    }
  return g_string_free (line, FALSE);
}

RanahBox *
ranah_letter_kop_new (RanahLetterLayout *self,
                      GHashTable        *profile,
                      double             scale,
                      GError           **error)
{
  RanahBox *box = ranah_box_new ();
  double width = ranah_letter_layout_content_width (self);
  double emblem = 74.0 * scale;
  double text_x = emblem + 8.0 * scale;
  double text_w = width - text_x;
  g_autoptr(PangoLayout) government = NULL;
  g_autoptr(PangoLayout) agency = NULL;
  g_autoptr(PangoLayout) contact = NULL;
  g_autofree char *contact_text = contact_line (profile);
  double y = 0, text_h, body;

  /* Government line to agency name about 3:4, the agency in bold. */
  government = ranah_letter_layout_text (self,
                                         ranah_profile_value (profile,
                                                              RANAH_PROFILE_GOVERNMENT),
                                         14.0 * scale, FALSE, text_w, PANGO_ALIGN_CENTER,
                                         FALSE);
  agency = ranah_letter_layout_text (self, ranah_profile_value (profile, RANAH_PROFILE_AGENCY),
                                     18.5 * scale, TRUE, text_w, PANGO_ALIGN_CENTER, FALSE);
  contact = ranah_letter_layout_text (self, contact_text, 9.5 * scale, FALSE, text_w,
                                      PANGO_ALIGN_CENTER, FALSE);
  pango_layout_set_line_spacing (government, 1.0f);
  pango_layout_set_line_spacing (agency, 1.0f);
  pango_layout_set_line_spacing (contact, 1.0f);

  {
    int gh, ah, ch;

    pango_layout_get_size (government, NULL, &gh);
    pango_layout_get_size (agency, NULL, &ah);
    pango_layout_get_size (contact, NULL, &ch);
    text_h = pango_units_to_double (gh + ah + ch) + 3.0 * scale;
  }
  body = MAX (text_h, emblem);

  y = (body - text_h) / 2;
  y += ranah_box_add_layout (box, government, text_x, y);
  y += ranah_box_add_layout (box, agency, text_x, y);
  y += 3.0 * scale;
  ranah_box_add_layout (box, contact, text_x, y);

  if (!ranah_letter_add_emblem (box, profile, 0, (body - emblem) / 2, emblem, error))
    {
      ranah_box_free (box);
      return NULL;
    }

  /* The double rule under the kop: a thick line over a thin one. */
  y = body + 5.0 * scale;
  ranah_box_add (box, RANAH_ITEM_RULE, 0, y, width, 2.4 * scale);
  y += 2.4 * scale + 1.6 * scale;
  ranah_box_add (box, RANAH_ITEM_RULE, 0, y, width, 0.8 * scale);
  box->height = y + 0.8 * scale;
  return box;
}
