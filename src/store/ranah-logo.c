/* ranah-logo.c — the agency's lambang: a PNG or SVG file, kept in the profile as base64
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <cairo.h>
#include <glib/gi18n-lib.h>

#include "ranah-error.h"
#include "ranah-file.h"
#include "ranah-logo.h"

/* A lambang is printed 2.6 cm wide: no file needs more pixels than this a side, and none
 * may make the reader allocate gigabytes. */
#define LOGO_MAX_SIDE 8192

static const guchar png_magic[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

typedef struct {
  const guint8 *data;
  gsize         size;
  gsize         offset;
} Cursor;

static cairo_status_t
read_cursor (void          *closure,
             unsigned char *out,
             unsigned int   length)
{
  Cursor *cursor = closure;

  if (cursor->size - cursor->offset < length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (out, cursor->data + cursor->offset, length);
  cursor->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

static guint32
be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static gboolean
fail (GError    **error,
      const char *message)
{
  g_set_error_literal (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION, message);
  return FALSE;
}

static gboolean
check_png (const guint8  *data,
           gsize          size,
           GError       **error)
{
  Cursor cursor = { data, size, 0 };
  cairo_surface_t *surface;
  gboolean ok;

  /* The header chunk first, as the PNG standard has it, with a size that is sane. */
  if (size < 33 || memcmp (data + 12, "IHDR", 4) != 0)
    return fail (error, _("The logo is a damaged PNG image: it has no header."));
  if (be32 (data + 16) == 0 || be32 (data + 20) == 0
      || be32 (data + 16) > LOGO_MAX_SIDE || be32 (data + 20) > LOGO_MAX_SIDE)
    return fail (error, _("The logo’s PNG image must be at most 8192 pixels a side."));
  surface = cairo_image_surface_create_from_png_stream (read_cursor, &cursor);
  ok = cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS
       && cairo_image_surface_get_width (surface) > 0;
  cairo_surface_destroy (surface);
  if (!ok)
    return fail (error, _("The logo is a damaged PNG image: it cannot be decoded."));
  return TRUE;
}

typedef struct {
  guint    depth;
  guint    roots;
  gboolean svg_root;
} SvgScan;

static void
svg_start (GMarkupParseContext  *context,
           const char           *name,
           const char          **attribute_names,
           const char          **attribute_values,
           gpointer              user_data,
           GError              **error)
{
  SvgScan *scan = user_data;
  const char *colon = strrchr (name, ':');

  if (scan->depth++ == 0)
    {
      scan->roots++;
      scan->svg_root = g_str_equal (colon != NULL ? colon + 1 : name, "svg");
    }
}

static void
svg_end (GMarkupParseContext  *context,
         const char           *name,
         gpointer              user_data,
         GError              **error)
{
  ((SvgScan *) user_data)->depth--;
}

static gboolean
check_svg (const guint8  *data,
           gsize          size,
           GError       **error)
{
  static const GMarkupParser parser = { svg_start, svg_end, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) local_error = NULL;
  SvgScan scan = { 0 };
  const char *text = (const char *) data;

  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      text += 3;
      size -= 3;
    }
  if (!g_utf8_validate_len (text, size, NULL))
    return fail (error, _("The logo is not a readable SVG image: it is not UTF-8 text."));
  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &scan, NULL);
  if (!g_markup_parse_context_parse (context, text, size, &local_error)
      || !g_markup_parse_context_end_parse (context, &local_error))
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("The logo is not a readable SVG image: %s"), local_error->message);
      return FALSE;
    }
  if (scan.roots != 1 || !scan.svg_root)
    return fail (error, _("The logo is not an SVG image: its document is not one <svg> "
                          "element."));
  return TRUE;
}

static gboolean
looks_like_xml (const guint8 *data,
                gsize         size)
{
  gsize i = size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

  while (i < size && g_ascii_isspace (data[i]))
    i++;
  return i < size && data[i] == '<';
}

gboolean
ranah_logo_check (const guint8   *data,
                  gsize           size,
                  RanahLogoKind  *kind,
                  GError        **error)
{
  RanahLogoKind found;

  g_return_val_if_fail (data != NULL || size == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (size > RANAH_LOGO_MAX_BYTES)
    return fail (error, _("The logo is larger than 6 MB."));
  if (size > sizeof png_magic && memcmp (data, png_magic, sizeof png_magic) == 0)
    {
      if (!check_png (data, size, error))
        return FALSE;
      found = RANAH_LOGO_PNG;
    }
  else if (looks_like_xml (data, size))
    {
      if (!check_svg (data, size, error))
        return FALSE;
      found = RANAH_LOGO_SVG;
    }
  else
    return fail (error, _("The logo must be a PNG or SVG image."));
  if (kind != NULL)
    *kind = found;
  return TRUE;
}

gboolean
ranah_logo_check_base64 (const char     *value,
                         RanahLogoKind  *kind,
                         GError        **error)
{
  g_autofree guchar *data = NULL;
  gsize size = 0, n = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (value == NULL || *value == '\0')
    {
      if (kind != NULL)
        *kind = RANAH_LOGO_NONE;
      return TRUE;
    }
  /* GLib's decoder skips what is not base64; the profile holds nothing else. */
  for (const char *p = value; *p != '\0'; p++)
    if (g_ascii_isalnum (*p) || *p == '+' || *p == '/')
      n++;
    else if (*p != '=' && !g_ascii_isspace (*p))
      return fail (error, _("The logo setting must be the base64 of a PNG or SVG file: give "
                            "the file itself."));
  if (n == 0)
    return fail (error, _("The logo setting must be the base64 of a PNG or SVG file: give "
                          "the file itself."));
  data = g_base64_decode (value, &size);
  return ranah_logo_check (data, size, kind, error);
}

char *
ranah_logo_read_file (const char     *path,
                      RanahLogoKind  *kind,
                      GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const guint8 *data;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ranah_file_read_limited (path, RANAH_LOGO_MAX_BYTES, &bytes, error))
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  if (!ranah_logo_check (data, size, kind, error))
    return NULL;
  return g_base64_encode (data, size);
}
