/* ranah-logo.h — the agency's lambang: a PNG or SVG file, kept in the profile as base64
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checked when it is set (ranah_store_set_profile (), the settings page's file chooser,
 * `ranah-cli profile set logo --file FILE`), not at the first letter: a PNG must decode
 * whole (cairo's PNG reader, the one the letter draws it with), an SVG must parse as XML
 * whose root element is <svg> (GLib's GMarkup). The PostgreSQL server checks the PNG's
 * signature, header and end chunk, and the SVG's XML and root, in ranah.set_profile.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The largest logo file: its base64 is at most the profile's 8 MiB limit. */
#define RANAH_LOGO_MAX_BYTES (6 * 1024 * 1024)

typedef enum {
  RANAH_LOGO_NONE,   /* "": the placeholder emblem */
  RANAH_LOGO_PNG,
  RANAH_LOGO_SVG,
} RanahLogoKind;

/* The kind of the image @data, or FALSE with a RANAH_CORE_ERROR_VALIDATION saying in one
 * sentence why it is no PNG or SVG the letter can use. */
gboolean ranah_logo_check        (const guint8   *data,
                                  gsize           size,
                                  RanahLogoKind  *kind,
                                  GError        **error);
/* The same for the profile's value: "" (no logo), or the base64 of such an image. */
gboolean ranah_logo_check_base64 (const char     *value,
                                  RanahLogoKind  *kind,
                                  GError        **error);
/* The profile value for the image file @path (a regular file of at most
 * RANAH_LOGO_MAX_BYTES, checked as above): its base64. */
char    *ranah_logo_read_file    (const char     *path,
                                  RanahLogoKind  *kind,
                                  GError        **error);

G_END_DECLS
