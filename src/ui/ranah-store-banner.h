/* ranah-store-banner.h — the "store cannot be reached" banner atop the main window
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ranah-store.h"

G_BEGIN_DECLS

#define RANAH_TYPE_STORE_BANNER (ranah_store_banner_get_type ())
G_DECLARE_FINAL_TYPE (RanahStoreBanner, ranah_store_banner, RANAH, STORE_BANNER, GtkWidget)

/* Puts a banner above @overlay's child in @window and keeps it on @window; the banner
 * probes @window's store (RanahWindow) and reloads the window when the store answers. */
RanahStoreBanner *ranah_store_banner_install   (GtkWindow        *window,
                                                GtkWidget        *overlay);
/* The banner installed on @widget's window (or on the window a dialog belongs to). */
RanahStoreBanner *ranah_store_banner_get_for   (GtkWidget        *widget);
/* Shows the banner and starts retrying when @error means the store cannot be reached;
 * returns whether it did. ranah-task calls this for every failed run of a widget. */
gboolean          ranah_store_banner_notice    (GtkWidget        *widget,
                                                const GError     *error);
gboolean          ranah_store_banner_is_shown  (RanahStoreBanner *self);
/* The store the probe asks; by default the window's. */
void              ranah_store_banner_set_store (RanahStoreBanner *self,
                                                RanahStore       *store);
/* Seconds between probes (default 5). */
void              ranah_store_banner_set_interval (RanahStoreBanner *self,
                                                   guint             seconds);

G_END_DECLS
