/* ranah-request-row.h — one request in a list: name, step, sender, wait against standard
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ranah-core.h"

G_BEGIN_DECLS

#define RANAH_TYPE_REQUEST_ROW (ranah_request_row_get_type ())
G_DECLARE_FINAL_TYPE (RanahRequestRow, ranah_request_row, RANAH, REQUEST_ROW, GtkWidget)

GtkWidget *ranah_request_row_new  (void);
void       ranah_request_row_bind (RanahRequestRow    *self,
                                   const RanahRequest *request,
                                   RanahCalendar      *calendar,
                                   gint64              now);
/* Who the request came from at its current step: "Kepala Dinas", or the OPD's name. */
char      *ranah_request_describe_sender (const RanahRequest *request);

G_END_DECLS
