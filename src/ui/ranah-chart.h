/* ranah-chart.h — a chart of a report drawn with cairo: time per step, requests per month
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drawing is the letter layer's (ranah_chart_draw_steps/months), the same that the
 * printed compliance sheet carries; the widget supplies the theme's colours and words.
 */
#pragma once

#include <gtk/gtk.h>

#include "ranah-report.h"

G_BEGIN_DECLS

typedef enum {
  RANAH_CHART_STEPS = 0,
  RANAH_CHART_MONTHS,
} RanahChartKind;

#define RANAH_TYPE_CHART (ranah_chart_get_type ())
G_DECLARE_FINAL_TYPE (RanahChart, ranah_chart, RANAH, CHART, GtkWidget)

GtkWidget      *ranah_chart_new        (RanahChartKind     kind);
void            ranah_chart_set_kind   (RanahChart        *self,
                                        RanahChartKind     kind);
RanahChartKind  ranah_chart_get_kind   (RanahChart        *self);
/* Borrows @report until the next call or until the chart is destroyed: the caller keeps it
 * alive (NULL = nothing to draw). */
void            ranah_chart_set_report (RanahChart        *self,
                                        const RanahReport *report);

G_END_DECLS
