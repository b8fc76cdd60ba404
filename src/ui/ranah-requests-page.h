/* ranah-requests-page.h — Permohonan: every request I may see, with filters
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ranah-store.h"

G_BEGIN_DECLS

#define RANAH_TYPE_REQUESTS_PAGE (ranah_requests_page_get_type ())
G_DECLARE_FINAL_TYPE (RanahRequestsPage, ranah_requests_page, RANAH, REQUESTS_PAGE, GtkWidget)

void        ranah_requests_page_set_store    (RanahRequestsPage *self,
                                              RanahStore        *store);
void        ranah_requests_page_reload       (RanahRequestsPage *self);
void        ranah_requests_page_focus_search (RanahRequestsPage *self);
/* Filters as a person sets them: @state RANAH_STATE_NONE = any, @opd_code NULL = any. */
void        ranah_requests_page_set_filter   (RanahRequestsPage *self,
                                              RanahState         state,
                                              const char        *opd_code,
                                              const char        *from,
                                              const char        *to,
                                              const char        *text);
GListModel *ranah_requests_page_get_model    (RanahRequestsPage *self);

G_END_DECLS
