/* ranah-request-page.h — one request: its fields, letter, dispositions, timeline, actions
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ranah-store.h"

G_BEGIN_DECLS

#define RANAH_TYPE_REQUEST_PAGE (ranah_request_page_get_type ())
G_DECLARE_FINAL_TYPE (RanahRequestPage, ranah_request_page, RANAH, REQUEST_PAGE, GtkWidget)

void                ranah_request_page_set_store    (RanahRequestPage *self,
                                                     RanahStore       *store);
void                ranah_request_page_load         (RanahRequestPage *self,
                                                     gint64            request_id);
void                ranah_request_page_reload       (RanahRequestPage *self);
const RanahRequest *ranah_request_page_get_request  (RanahRequestPage *self);
/* The action nicks of the buttons shown now, in order (a new array). */
GStrv               ranah_request_page_dup_shown_actions (RanahRequestPage *self);
/* The dialog the last "request.act" opened, while it is open; else NULL. */
GtkWindow          *ranah_request_page_get_dialog   (RanahRequestPage *self);
/* The letter preview, when the request has a letter to preview; else NULL. */
GtkWidget          *ranah_request_page_get_preview  (RanahRequestPage *self);

G_END_DECLS
