/* ranah-notifier.h — desktop notifications: new inbox items, the daily overdue list and
 * failed DNS checks
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ranah-store.h"

G_BEGIN_DECLS

#define RANAH_TYPE_NOTIFIER (ranah_notifier_get_type ())
G_DECLARE_FINAL_TYPE (RanahNotifier, ranah_notifier, RANAH, NOTIFIER, GObject)

/* @settings may be NULL: then the daily overdue notice is remembered only in memory. */
RanahNotifier *ranah_notifier_new              (RanahStore    *store,
                                                GSettings     *settings);
/* Called with each fresh inbox (RanahRequestObject items). The first call only learns
 * what is there (and may send the day's overdue list); later calls notify arrivals. */
void           ranah_notifier_inbox_loaded     (RanahNotifier *self,
                                                GListModel    *inbox,
                                                RanahCalendar *calendar);
/* For the roles that keep the registry (Sub Koordinator, Staf): looks, off the main loop,
 * for entries whose last DNS check failed and tells those not told before — one
 * notification for all of them. Call it after each load or live refresh. */
void           ranah_notifier_check_registry   (RanahNotifier *self);
const char    *ranah_notifier_get_last_summary (RanahNotifier *self);
guint          ranah_notifier_get_n_sent       (RanahNotifier *self);
/* How many the notification server accepted. */
guint          ranah_notifier_get_n_delivered  (RanahNotifier *self);

G_END_DECLS
