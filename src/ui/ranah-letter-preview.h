/* ranah-letter-preview.h — the Surat Tanggapan as it will print: pages, zoom, print, export
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ranah-letter.h"

G_BEGIN_DECLS

#define RANAH_TYPE_LETTER_PREVIEW (ranah_letter_preview_get_type ())
G_DECLARE_FINAL_TYPE (RanahLetterPreview, ranah_letter_preview, RANAH, LETTER_PREVIEW, GtkWidget)

GtkWidget *ranah_letter_preview_new        (void);
void       ranah_letter_preview_set_layout (RanahLetterPreview *self,
                                            RanahLetterLayout  *layout,
                                            RanahStore         *store,
                                            gint64              request_id);
guint      ranah_letter_preview_get_page   (RanahLetterPreview *self);
guint      ranah_letter_preview_get_n_pages (RanahLetterPreview *self);
double     ranah_letter_preview_get_zoom   (RanahLetterPreview *self);

G_END_DECLS
