/* ranah-letter-emblem.c — the kop's emblem (the profile's image or a neutral placeholder)
 * and the QR code of a signed letter
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This build draws PNG logos only: librsvg is not among Ranah's dependencies, so an SVG
 * logo is drawn as the placeholder (ranah_letter_check_logo() says so to whoever sets it).
 */
#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <qrencode.h>

#include "ranah-letter-private.h"
#include "ranah-logo.h"

typedef struct {
  const guchar *data;
  gsize         length;
  gsize         offset;
} ReadCursor;

static cairo_status_t
read_from_buffer (void          *closure,
                  unsigned char *data,
                  unsigned int   length)
{
  ReadCursor *cursor = closure;

  if (cursor->length - cursor->offset < length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, cursor->data + cursor->offset, length);
  cursor->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
is_png (const guchar *data,
        gsize         length)
{
  static const guchar magic[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  return length > sizeof magic && memcmp (data, magic, sizeof magic) == 0;
}

static gboolean
is_svg (const guchar *data,
        gsize         length)
{
  gsize i = 0;

  while (i < length && g_ascii_isspace (data[i]))
    i++;
  if (i + 3 < length && data[i] == 0xef && data[i + 1] == 0xbb && data[i + 2] == 0xbf)
    i += 3;
  return i < length && data[i] == '<'
         && g_strstr_len ((const char *) data + i, MIN (length - i, 4096), "<svg") != NULL;
}

/* The decoded PNG, NULL for the placeholder, or FALSE with an error. */
static gboolean
load_logo (const char       *logo_base64,
           cairo_surface_t **surface_out,
           GError          **error)
{
  g_autofree guchar *data = NULL;
  gsize length = 0;

  *surface_out = NULL;
  if (logo_base64 == NULL || *logo_base64 == '\0')
    return TRUE;

  data = g_base64_decode (logo_base64, &length);
  if (is_png (data, length))
    {
      ReadCursor cursor = { data, length, 0 };
      cairo_surface_t *surface = cairo_image_surface_create_from_png_stream (read_from_buffer,
                                                                             &cursor);

      if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
        {
          cairo_surface_destroy (surface);
          g_set_error (error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_INVALID,
                       _("The agency logo is a damaged PNG image."));
          return FALSE;
        }
      *surface_out = surface;
      return TRUE;
    }
  if (is_svg (data, length))
    return TRUE;

  g_set_error (error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_INVALID,
               _("The agency logo must be a PNG or SVG image encoded in base64."));
  return FALSE;
}

gboolean
ranah_letter_check_logo (const char  *logo_base64,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The rule every setter of the profile goes through (ranah-logo.h). */
  if (!ranah_logo_check_base64 (logo_base64, NULL, &local_error))
    {
      g_set_error_literal (error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_INVALID,
                           local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
ranah_letter_add_emblem (RanahBox    *box,
                         GHashTable  *profile,
                         double       x,
                         double       y,
                         double       size,
                         GError     **error)
{
  cairo_surface_t *surface = NULL;

  if (!load_logo (ranah_profile_value (profile, RANAH_PROFILE_LOGO), &surface, error))
    return FALSE;
  if (surface != NULL)
    ranah_box_add (box, RANAH_ITEM_IMAGE, x, y, size, size)->image = surface;
  else
    ranah_box_add (box, RANAH_ITEM_EMBLEM, x, y, size, size);
  return TRUE;
}

static void
shield_path (cairo_t *cr,
             double   w,
             double   h)
{
  cairo_move_to (cr, 0.10 * w, 0.06 * h);
  cairo_line_to (cr, 0.90 * w, 0.06 * h);
  cairo_line_to (cr, 0.90 * w, 0.52 * h);
  cairo_curve_to (cr, 0.90 * w, 0.76 * h, 0.70 * w, 0.88 * h, 0.50 * w, 0.97 * h);
  cairo_curve_to (cr, 0.30 * w, 0.88 * h, 0.10 * w, 0.76 * h, 0.10 * w, 0.52 * h);
  cairo_close_path (cr);
}

void
ranah_letter_draw_placeholder_emblem (cairo_t *cr,
                                      double   x,
                                      double   y,
                                      double   width,
                                      double   height)
{
  double w = MIN (width, height);
  double h = w;

  g_return_if_fail (cr != NULL);

  /* A plain shield with a star over three waves: recognisably "an emblem goes here" and
   * deliberately no region's real coat of arms. */
  cairo_save (cr);
  cairo_translate (cr, x + (width - w) / 2, y + (height - h) / 2);

  shield_path (cr, w, h);
  cairo_set_source_rgb (cr, 0.93, 0.95, 0.98);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.16, 0.24, 0.40);
  cairo_set_line_width (cr, w * 0.045);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);

  /* The star. */
  cairo_save (cr);
  cairo_translate (cr, 0.5 * w, 0.33 * h);
  for (int i = 0; i < 10; i++)
    {
      double r = (i % 2 == 0) ? 0.17 * w : 0.07 * w;
      double a = -G_PI / 2 + i * G_PI / 5;

      if (i == 0)
        cairo_move_to (cr, r * cos (a), r * sin (a));
      else
        cairo_line_to (cr, r * cos (a), r * sin (a));
    }
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 0.80, 0.62, 0.16);
  cairo_fill (cr);
  cairo_restore (cr);

  /* Three waves. */
  cairo_set_source_rgb (cr, 0.16, 0.36, 0.60);
  cairo_set_line_width (cr, w * 0.04);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (int row = 0; row < 3; row++)
    {
      double wy = (0.58 + row * 0.09) * h;
      double left = 0.22 + row * 0.05;
      double right = 0.78 - row * 0.05;
      double step = (right - left) / 4;

      cairo_move_to (cr, left * w, wy);
      for (int k = 0; k < 4; k++)
        {
          double x0 = (left + k * step) * w;
          cairo_curve_to (cr, x0 + step * w * 0.3, wy - 0.035 * h,
                          x0 + step * w * 0.7, wy + 0.035 * h,
                          x0 + step * w, wy);
        }
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static gboolean
has_audit_head (const RanahLetter *letter)
{
  return letter->audit_seq > 0 && letter->audit_hash != NULL && strlen (letter->audit_hash) > 16;
}

char *
ranah_letter_qr_payload (const RanahLetter *letter)
{
  g_return_val_if_fail (letter != NULL, NULL);

  if (has_audit_head (letter))
    return g_strdup_printf ("RANAH|%s|%s|%" G_GINT64_FORMAT "|%s",
                            letter->number != NULL ? letter->number : "",
                            letter->verification_code != NULL ? letter->verification_code : "",
                            letter->audit_seq, letter->audit_hash);
  return g_strdup_printf ("RANAH|%s|%s",
                          letter->number != NULL ? letter->number : "",
                          letter->verification_code != NULL ? letter->verification_code : "");
}

char *
ranah_letter_audit_head_text (const RanahLetter *letter)
{
  gsize len;

  g_return_val_if_fail (letter != NULL, NULL);

  if (!has_audit_head (letter))
    return NULL;
  len = strlen (letter->audit_hash);
  return g_strdup_printf ("#%" G_GINT64_FORMAT " · %.8s…%s", letter->audit_seq,
                          letter->audit_hash, letter->audit_hash + len - 8);
}

gboolean
ranah_letter_add_qr (RanahBox    *box,
                     const char  *payload,
                     double       x,
                     double       y,
                     double       size,
                     GError     **error)
{
  QRcode *code = QRcode_encodeString (payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  RanahItem *item;

  if (code == NULL)
    {
      g_set_error (error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_RENDER,
                   _("The letter’s QR code could not be made: %s."), g_strerror (errno));
      return FALSE;
    }
  item = ranah_box_add (box, RANAH_ITEM_QR, x, y, size, size);
  item->qr_width = (guint) code->width;
  item->qr_modules = g_new (guint8, (gsize) code->width * (gsize) code->width);
  for (int i = 0; i < code->width * code->width; i++)
    item->qr_modules[i] = code->data[i] & 1;
  QRcode_free (code);
  return TRUE;
}

void
ranah_letter_draw_qr (cairo_t      *cr,
                      const guint8 *modules,
                      guint         width,
                      double        x,
                      double        y,
                      double        size)
{
  /* Two modules of quiet zone: the code sits on white paper with nothing near it. */
  double module = size / (width + 4);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint row = 0; row < width; row++)
    {
      guint col = 0;

      /* One rectangle per run of dark modules keeps the PDF small and free of seams. */
      while (col < width)
        {
          guint run;

          if (!modules[row * width + col])
            {
              col++;
              continue;
            }
          for (run = col; run < width && modules[row * width + run]; run++)
            ;
          cairo_rectangle (cr, x + (col + 2) * module, y + (row + 2) * module,
                           (run - col) * module, module);
          col = run;
        }
    }
  cairo_fill (cr);
  cairo_restore (cr);
}
