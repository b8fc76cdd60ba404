/* ranah-report-pdf.h — the supervision reports on paper: the SOP compliance sheet, the case
 * file of one request, and the two charts, in the letter layer's style
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The compliance sheet and the case file's own pages use the letter layer's kop surat,
 * font and page engine. The case file embeds the stored PDFs (the scanned request letter,
 * the frozen Surat Tanggapan) page by page with poppler, drawn as vectors on the output.
 * The charts draw on any cairo_t: the Laporan page's widget and the compliance sheet use
 * the same code.
 */
#pragma once

#include <cairo.h>

#include "ranah-letter.h"
#include "ranah-report.h"
#include "ranah-escalation.h"

G_BEGIN_DECLS

/* The report of [@from_date, @to_date] from @store's requests, whole audit trail and
 * registry, with its calendar and clock. */
RanahReport *ranah_report_from_store        (RanahStore   *store,
                                             const char   *from_date,
                                             const char   *to_date,
                                             GError      **error);

/* The alerts the signed-in user should have now (ranah_escalation_for_user() on the
 * store's open requests, the profile's thresholds and the store's clock). */
GPtrArray   *ranah_escalation_from_store    (RanahStore   *store,
                                             GError      **error);

/* Every alert due now, for anyone (for `ranah-cli report escalations`). */
GPtrArray   *ranah_escalation_all_from_store (RanahStore  *store,
                                              GError     **error);

/* The SOP compliance sheet of @report as PDF: kop, the SOP's table with each step's
 * measured median, 90th percentile and share within the standard, the chart of time per
 * step, and the signature block of the profile's signer. Landscape A4 or F4. */
GBytes      *ranah_report_compliance_pdf    (GHashTable         *profile,
                                             const RanahReport  *report,
                                             GError            **error);

/* The case file of request @request_id: a cover with its contents, then each part behind
 * a cover page: the scanned request letter, the Lembar Disposisi, the proof of the DNS
 * records, the signed Surat Tanggapan (the draft while unsigned, marked so) and the audit
 * events of the request. */
GBytes      *ranah_report_case_file_pdf     (RanahStore         *store,
                                             gint64              request_id,
                                             GError            **error);

/* How a chart looks: the ink of text and axes, the bars, the standard's line, and the
 * words of its legend (NULL = the Indonesian of the printed sheet). */
typedef struct {
  double      ink[3];
  double      bar[3];
  double      standard[3];
  const char *median_label;     /* "median" */
  const char *p90_label;        /* "persentil ke-90" */
  const char *standard_label;   /* "standar" */
  const char *step_label;       /* "Langkah" */
  const char *days_label;       /* "hari kerja" */
  const char *requests_label;   /* "permohonan" */
  const char *month_names[12];  /* short month names; NULL = "Jan", "Feb", … "Des" */
} RanahChartColors;

/* Black ink, grey-blue bars, a red standard, Indonesian words: the printed sheet. */
const RanahChartColors *ranah_chart_colors_paper (void);

/* Time per step against its standard: for each step 2–10, a bar of the median working
 * days, a tick at the 90th percentile, and the standard as a line across the bar; in the
 * box (0, 0, @width, @height) of @cr. @family NULL = Liberation Sans. */
void         ranah_chart_draw_steps         (cairo_t                *cr,
                                             const RanahReport      *report,
                                             double                  width,
                                             double                  height,
                                             const char             *family,
                                             const RanahChartColors *colors);
/* Requests received per month of the period, as bars. */
void         ranah_chart_draw_months        (cairo_t                *cr,
                                             const RanahReport      *report,
                                             double                  width,
                                             double                  height,
                                             const char             *family,
                                             const RanahChartColors *colors);

G_END_DECLS
