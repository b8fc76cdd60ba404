/* ranah-letter-error.c — the letter layer's error domain and how ranah-cli classifies it
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file of its own so that a program which only lays out letters does not link the store.
 */
#include "ranah-letter.h"

static RanahFailure
classify_letter_error (const GError *error)
{
  switch ((RanahLetterError) error->code)
    {
    case RANAH_LETTER_ERROR_INVALID:
    case RANAH_LETTER_ERROR_NOT_PDF:
      return RANAH_FAILURE_VALIDATION;
    case RANAH_LETTER_ERROR_NOT_GENUINE:
    case RANAH_LETTER_ERROR_AUDIT_MISSING:
      return RANAH_FAILURE_NOT_FOUND;
    case RANAH_LETTER_ERROR_RENDER:
    default:
      return RANAH_FAILURE_OTHER;
    }
}

GQuark
ranah_letter_error_quark (void)
{
  static gsize quark;

  if (g_once_init_enter (&quark))
    {
      GQuark q = g_quark_from_static_string ("ranah-letter-error-quark");

      ranah_failure_register (q, classify_letter_error);
      g_once_init_leave (&quark, q);
    }
  return (GQuark) quark;
}
