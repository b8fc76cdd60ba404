/* ranah-inbox-page.h — Kotak Masuk: what waits for me, overdue first
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ranah-store.h"

G_BEGIN_DECLS

/* What an inbox page shows: the requests waiting for the signed-in user, read (and
 * wrapped as list items) in any thread. */
typedef struct _RanahInboxLoad RanahInboxLoad;

/* The first @limit items (0: all), and the count of the whole. */
RanahInboxLoad *ranah_inbox_load_head         (RanahStore *store, guint limit, GError **error);
void            ranah_inbox_load_free         (RanahInboxLoad *load);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RanahInboxLoad, ranah_inbox_load_free)

#define RANAH_TYPE_INBOX_PAGE (ranah_inbox_page_get_type ())
G_DECLARE_FINAL_TYPE (RanahInboxPage, ranah_inbox_page, RANAH, INBOX_PAGE, GtkWidget)

void           ranah_inbox_page_set_store    (RanahInboxPage *self,
                                              RanahStore     *store);
void           ranah_inbox_page_reload       (RanahInboxPage *self);
/* Takes @load, read right after signing in: the next reload shows it instead of reading. */
void           ranah_inbox_page_preload      (RanahInboxPage *self,
                                              RanahInboxLoad *load);
/* RanahRequestObject items, in the store's inbox order (overdue first). */
GListModel    *ranah_inbox_page_get_model    (RanahInboxPage *self);
RanahCalendar *ranah_inbox_page_get_calendar (RanahInboxPage *self);
/* How many items the last load found (a long first load reaches the model in two parts). */
guint          ranah_inbox_page_get_n_waiting (RanahInboxPage *self);
/* Whether the model holds the whole inbox, not yet only its first screenful. */
gboolean       ranah_inbox_page_is_complete  (RanahInboxPage *self);
/* Enough rows to fill a window: what a sign-in reads before the window is shown. */
#define RANAH_INBOX_FIRST_SCREENFUL 40

G_END_DECLS
