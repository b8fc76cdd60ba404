/* ranah-report-page.h — Laporan: service standards, open requests, OPDs and the registry
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ranah-store.h"
#include "ranah-report.h"

G_BEGIN_DECLS

#define RANAH_TYPE_REPORT_PAGE (ranah_report_page_get_type ())
G_DECLARE_FINAL_TYPE (RanahReportPage, ranah_report_page, RANAH, REPORT_PAGE, GtkWidget)

GtkWidget         *ranah_report_page_new        (void);
void               ranah_report_page_set_store  (RanahReportPage *self,
                                                 RanahStore      *store);
/* Computes the report of the period shown again (in a worker thread); while the page is
 * not shown, the next showing does. */
void               ranah_report_page_reload     (RanahReportPage *self);
/* Chooses the period (YYYY-MM-DD, inclusive) and reloads. */
void               ranah_report_page_set_period (RanahReportPage *self,
                                                 const char      *from_date,
                                                 const char      *to_date);
/* The report shown, NULL while loading or after an error. */
const RanahReport *ranah_report_page_get_report (RanahReportPage *self);

/* The alerts (RanahAlert*) the signed-in user should have now (ranah_escalation_from_store())
 * that were not told before, recording them as told: a line per (store, user, alert key) in
 * @told_path (NULL = $XDG_STATE_HOME/ranah/escalations-told). Blocking; any thread. */
GPtrArray         *ranah_report_take_new_alerts   (RanahStore  *store,
                                                   const char  *told_path,
                                                   GError     **error);
/* Runs ranah_report_take_new_alerts() in a worker thread and shows each new alert as a
 * desktop notification (unless @settings, when given, turns "notifications" off). Call it
 * after signing in and once a working day. */
void               ranah_report_notify_escalations (RanahStore *store,
                                                    GSettings  *settings);

G_END_DECLS
