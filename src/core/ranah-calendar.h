/* ranah-calendar.h — the working-day clock: weekends and holidays do not count
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SOP's "1 hari" is one working day. The clock runs only on working days, in the
 * agency's time zone: a step that arrives Friday 15:00 with a one-day standard is due
 * Monday 15:00; one that arrives on Saturday starts counting Monday 00:00 and is due
 * Tuesday 00:00. Elapsed working time is measured the same way, so "waited 0.5 of 1 day"
 * means half the standard is used.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RanahCalendar RanahCalendar;

/* @tzid: an IANA zone such as "Asia/Makassar"; NULL or unknown falls back to UTC+8. */
RanahCalendar *ranah_calendar_new                (const char    *tzid);
void           ranah_calendar_free               (RanahCalendar *calendar);
/* @date: YYYY-MM-DD. National holidays and cuti bersama alike stop the clock. */
gboolean       ranah_calendar_add_holiday        (RanahCalendar *calendar,
                                                  const char    *date);
gboolean       ranah_calendar_is_working_day     (RanahCalendar *calendar,
                                                  const char    *date);
/* The moment @days working days after @start (Unix seconds). */
gint64         ranah_calendar_add_working_days   (RanahCalendar *calendar,
                                                  gint64         start,
                                                  guint          days);
/* Working seconds between @from and @to (0 if @to <= @from). */
gint64         ranah_calendar_working_seconds    (RanahCalendar *calendar,
                                                  gint64         from,
                                                  gint64         to);
/* Working days (fractional) between @from and @to. */
double         ranah_calendar_working_days       (RanahCalendar *calendar,
                                                  gint64         from,
                                                  gint64         to);
/* "YYYY-MM-DD" of @when in the calendar's zone. */
char          *ranah_calendar_date_of            (RanahCalendar *calendar,
                                                  gint64         when);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RanahCalendar, ranah_calendar_free)

G_END_DECLS
