/* ranah-window.h — the main window: a sidebar of views beside the chosen view
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ranah-application.h"
#include "ranah-inbox-page.h"
#include "ranah-notifier.h"
#include "ranah-store.h"

G_BEGIN_DECLS

#define RANAH_TYPE_WINDOW (ranah_window_get_type ())
G_DECLARE_FINAL_TYPE (RanahWindow, ranah_window, RANAH, WINDOW, AdwApplicationWindow)

RanahWindow   *ranah_window_new              (RanahApplication *application,
                                              RanahStore       *store);
RanahWindow   *ranah_window_new_signing_in   (RanahApplication *application);
void           ranah_window_set_signed_in    (RanahWindow      *self,
                                              RanahStore       *store);
/* Takes @inbox, read by the sign-in thread: shown when the store is set, not read again. */
void           ranah_window_preload_inbox    (RanahWindow      *self,
                                              RanahInboxLoad   *inbox);
RanahStore    *ranah_window_get_store        (RanahWindow      *self);
void           ranah_window_new_request      (RanahWindow      *self);
void           ranah_window_search           (RanahWindow      *self);
/* "inbox", "requests", "registry", "settings" or "request". */
void           ranah_window_show_page        (RanahWindow      *self,
                                              const char       *name);
const char    *ranah_window_get_visible_page (RanahWindow      *self);
GtkWidget     *ranah_window_get_page         (RanahWindow      *self,
                                              const char       *name);
void           ranah_window_open_request     (RanahWindow      *self,
                                              gint64            request_id);
void           ranah_window_reload           (RanahWindow      *self);
void           ranah_window_toast            (RanahWindow      *self,
                                              const char       *message);
RanahNotifier *ranah_window_get_notifier     (RanahWindow      *self);
/* The new-request dialog while it is open, else NULL. */
GtkWindow     *ranah_window_get_dialog       (RanahWindow      *self);

/* Shows @message as a toast in @widget's RanahWindow (or logs it when there is none). */
void           ranah_widget_toast            (GtkWidget        *widget,
                                              const char       *message);

G_END_DECLS
