/* ranah-letter-number.c — the agency's letter numbers, e.g. 000.5.2/0123/DKISP/2026
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "ranah-error.h"
#include "ranah-letter-number.h"

#define TEMPLATE_MAX 200

typedef enum {
  PLACEHOLDER_KLASIFIKASI,
  PLACEHOLDER_URUT,
  PLACEHOLDER_UNIT,
  PLACEHOLDER_TAHUN,
  PLACEHOLDER_BULAN,
} Placeholder;

static const char *const placeholders[] = { "klasifikasi", "urut", "unit", "tahun", "bulan" };

static const char *const roman_months[] = {
  "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
};

/* Letter dates are Indonesian whatever the interface language. */
static const char *const month_names[] = {
  "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
  "Oktober", "November", "Desember",
};

typedef void (*PieceFunc) (gboolean    is_placeholder,
                           Placeholder which,
                           const char *text,
                           gsize       len,
                           gpointer    user_data);

/* Splits @template_ into literal text and placeholders, checking it on the way. */
static gboolean
walk_template (const char *template_,
               PieceFunc   func,
               gpointer    user_data,
               GError    **error)
{
  const char *p = template_;
  gboolean has_urut = FALSE;

  if (!g_utf8_validate (template_, -1, NULL))
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("The letter-number template is not valid UTF-8 text."));
      return FALSE;
    }
  if (g_utf8_strlen (template_, -1) > TEMPLATE_MAX)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("The letter-number template may have at most %d characters."), TEMPLATE_MAX);
      return FALSE;
    }

  while (*p != '\0')
    {
      const char *open = strpbrk (p, "{}");
      const char *close;
      gsize name_len;
      int which = -1;

      if (open == NULL)
        {
          if (func != NULL)
            func (FALSE, 0, p, strlen (p), user_data);
          break;
        }
      if (open > p && func != NULL)
        func (FALSE, 0, p, open - p, user_data);
      if (*open == '}')
        {
          g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                       _("The letter-number template “%s” has a “}” without its “{”."), template_);
          return FALSE;
        }
      close = strpbrk (open + 1, "{}");
      if (close == NULL || *close == '{')
        {
          g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                       _("The letter-number template “%s” has a “{” without its “}”."), template_);
          return FALSE;
        }
      name_len = close - open - 1;
      for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
        if (strlen (placeholders[i]) == name_len
            && strncmp (placeholders[i], open + 1, name_len) == 0)
          which = (int) i;
      if (which < 0)
        {
          g_autofree char *name = g_strndup (open + 1, name_len);
          g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                       _("The letter-number template “%s” has the unknown placeholder “{%s}”; "
                         "use {klasifikasi}, {urut}, {unit}, {tahun} or {bulan}."),
                       template_, name);
          return FALSE;
        }
      if (which == PLACEHOLDER_URUT)
        has_urut = TRUE;
      if (func != NULL)
        func (TRUE, (Placeholder) which, NULL, 0, user_data);
      p = close + 1;
    }

  if (!has_urut)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("The letter-number template “%s” must contain {urut}, the running number."),
                   template_);
      return FALSE;
    }
  return TRUE;
}

gboolean
ranah_letter_number_check_template (const char  *template_,
                                    GError     **error)
{
  g_return_val_if_fail (template_ != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return walk_template (template_, NULL, NULL, error);
}

typedef struct {
  GString    *out;
  const char *klasifikasi;
  guint       urut;
  const char *unit;
  guint       year;
  guint       month;
  gboolean    needs_month;
} Fill;

static void
fill_piece (gboolean    is_placeholder,
            Placeholder which,
            const char *text,
            gsize       len,
            gpointer    user_data)
{
  Fill *fill = user_data;

  if (!is_placeholder)
    {
      g_string_append_len (fill->out, text, len);
      return;
    }
  switch (which)
    {
    case PLACEHOLDER_KLASIFIKASI:
      g_string_append (fill->out, fill->klasifikasi);
      break;
    case PLACEHOLDER_URUT:
      g_string_append_printf (fill->out, "%04u", fill->urut);
      break;
    case PLACEHOLDER_UNIT:
      g_string_append (fill->out, fill->unit);
      break;
    case PLACEHOLDER_TAHUN:
      g_string_append_printf (fill->out, "%u", fill->year);
      break;
    case PLACEHOLDER_BULAN:
      if (fill->month >= 1 && fill->month <= 12)
        g_string_append (fill->out, roman_months[fill->month - 1]);
      else
        fill->needs_month = TRUE;
      break;
    default:
      g_assert_not_reached ();
    }
}

char *
ranah_letter_number_format (const char  *template_,
                            const char  *klasifikasi,
                            guint        urut,
                            const char  *unit,
                            guint        year,
                            guint        month,
                            GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  Fill fill = {
    .out = out,
    .klasifikasi = klasifikasi != NULL ? klasifikasi : "",
    .urut = urut,
    .unit = unit != NULL ? unit : "",
    .year = year,
    .month = month,
  };

  g_return_val_if_fail (template_ != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!walk_template (template_, fill_piece, &fill, error))
    return NULL;
  if (fill.needs_month)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("The month %u for {bulan} in the letter number must be between 1 and 12."),
                   month);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
ranah_format_date_long (const char *iso_date)
{
  guint v[3] = { 0, 0, 0 };
  const guint widths[3] = { 4, 2, 2 };
  const char *p = iso_date;

  g_return_val_if_fail (iso_date != NULL, NULL);

  /* NULL for anything but a real YYYY-MM-DD: a letter must never show a made-up date. */
  if (strlen (iso_date) != 10)
    return NULL;
  for (guint f = 0; f < 3; f++)
    {
      for (guint i = 0; i < widths[f]; i++, p++)
        {
          if (!g_ascii_isdigit (*p))
            return NULL;
          v[f] = v[f] * 10 + (*p - '0');
        }
      if (f < 2 && *p++ != '-')
        return NULL;
    }
  if (!g_date_valid_dmy (v[2], v[1], v[0]))
    return NULL;
  return g_strdup_printf ("%u %s %u", v[2], month_names[v[1] - 1], v[0]);
}
