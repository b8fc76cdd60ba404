/* ranah-calendar.h — the working-day clock: office hours count, nights, weekends and
 * holidays do not
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SOP's "1 hari" is one working day of the office, not 24 hours. The clock runs only
 * while the office is open: within each weekday's office hours (the profile's
 * "office-hours", default "mon-thu 07:30-16:00; fri 07:30-16:30", in the agency's time
 * zone, default WITA) and never on a holiday. A working day is as long as its office day:
 * 8.5 hours Monday to Thursday and 9 hours on Friday by default.
 *
 * The rule. A step that starts at moment S with a standard of N working days:
 *  - its clock starts at S if the office is open then; before opening it starts at that
 *    day's opening; after closing, on a weekend or on a holiday, at the next opening;
 *  - its N working days are the office day the clock starts in and the N − 1 office days
 *    after it; each counts the length of that office day;
 *  - it is due when the office has been open that long since the clock started: what the
 *    first day's clock missed before S (S less that day's opening, 0 when the clock
 *    started at an opening) is carried into the office day after the N-th, and further
 *    when that day is shorter. With nothing to carry it is due at the N-th day's closing.
 * Elapsed time is counted the same way: "used" is the office time since the clock
 * started over the office time from the start to the due time, and a span in working
 * days counts each office day it covers by the share of that day's office hours.
 *
 * Worked examples, default hours, 24 (Thursday, cuti bersama) and 25 December 2026
 * (Friday) holidays, a one-day standard (tests/core/test-calendar.c checks each):
 *   during hours      Thu 26 Nov 15:00 → Fri 27 Nov 15:00 (1 h Thursday + 7.5 h Friday =
 *                     8.5 h, Thursday's length)
 *   before opening    Thu 26 Nov 06:45 → Thu 26 Nov 16:00 (counts from 07:30: all of
 *                     Thursday)
 *   after closing     Thu 26 Nov 17:00 → Fri 27 Nov 16:30 (counts from Friday 07:30:
 *                     Friday's 9 h); Thursday 16:00 itself is "after closing"
 *   on a weekend      Sat 28 Nov 10:00 → Mon 30 Nov 16:00 (counts from Monday 07:30)
 *   eve of a holiday  Wed 23 Dec 15:00 → Mon 28 Dec 15:00 (1 h Wednesday + 7.5 h Monday:
 *                     Thursday and Friday are holidays)
 *   Friday's longer   Fri 27 Nov 15:00 → Mon 30 Nov 15:00 (1.5 h Friday + 7.5 h Monday =
 *   day               9 h); Fri 27 Nov 16:10 → Tue 1 Dec 07:40 (20 min Friday + Monday's
 *                     8.5 h + 10 min Tuesday = 9 h)
 *   two days          Thu 26 Nov 15:00 → Mon 30 Nov 15:00 (1 h Thursday + Friday's 9 h +
 *                     7.5 h Monday = 8.5 h + 9 h)
 *   half used         a step arriving Thu 26 Nov 15:00 has used 4.75 h of 8.5 h (56 %) at
 *                     Fri 27 Nov 11:15.
 * Office hours are wall-clock hours of the zone; a zone that changes its clocks during
 * office hours (none in Indonesia) gives that day its real length.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The profile's default: Monday to Thursday 07.30–16.00, Friday 07.30–16.30. */
#define RANAH_OFFICE_HOURS_DEFAULT "mon-thu 07:30-16:00; fri 07:30-16:30"

/* Office hours per weekday, in minutes after local midnight; Monday is 0. A day whose
 * close is not after its open is closed. */
typedef struct {
  guint16 open[7];
  guint16 close[7];
} RanahOfficeHours;

/* Reads office hours written as entries separated by ";", each some days and one span:
 *   mon-thu 07:30-16:00; fri 07:30-16:30
 * Days are mon tue wed thu fri sat sun (or sen sel rab kam jum sab min), alone, as a
 * range ("mon-thu") or a list ("mon,wed,fri-sat"); times are HH:MM or HH.MM from 00:00 to
 * 24:00. Days not named are closed; a day named twice, a span that does not close after
 * it opens, or no open day at all is an error (RANAH_CORE_ERROR_VALIDATION, one sentence
 * that names the fault). Case and spaces do not matter. */
gboolean       ranah_office_hours_parse          (const char        *text,
                                                  RanahOfficeHours  *hours,
                                                  GError           **error);
/* The canonical text of @hours, days with equal spans grouped: parse () reads it back. */
char          *ranah_office_hours_to_string      (const RanahOfficeHours *hours);

typedef struct _RanahCalendar RanahCalendar;

/* @tzid: an IANA zone such as "Asia/Makassar"; NULL or unknown falls back to UTC+8.
 * The office hours are RANAH_OFFICE_HOURS_DEFAULT until set. */
RanahCalendar *ranah_calendar_new                (const char    *tzid);
void           ranah_calendar_free               (RanahCalendar *calendar);
/* Office hours as ranah_office_hours_parse () reads them; NULL or "" sets the default.
 * On error the calendar keeps its hours. */
gboolean       ranah_calendar_set_office_hours   (RanahCalendar *calendar,
                                                  const char    *text,
                                                  GError       **error);
/* @date: YYYY-MM-DD. National holidays and cuti bersama alike stop the clock. */
gboolean       ranah_calendar_add_holiday        (RanahCalendar *calendar,
                                                  const char    *date);
/* TRUE when the office opens on @date: a weekday with office hours, not a holiday. */
gboolean       ranah_calendar_is_working_day     (RanahCalendar *calendar,
                                                  const char    *date);
/* The due time of a step that starts at @start with a standard of @days working days
 * (the rule above); @start itself when @days is 0. */
gint64         ranah_calendar_add_working_days   (RanahCalendar *calendar,
                                                  gint64         start,
                                                  guint          days);
/* Office seconds between @from and @to (0 if @to <= @from). */
gint64         ranah_calendar_working_seconds    (RanahCalendar *calendar,
                                                  gint64         from,
                                                  gint64         to);
/* Working days (fractional) between @from and @to: each office day covered counts the
 * share of its office hours that lies between them. */
double         ranah_calendar_working_days       (RanahCalendar *calendar,
                                                  gint64         from,
                                                  gint64         to);
/* Both at once: office seconds into @seconds and working days into @days. */
void           ranah_calendar_working_time       (RanahCalendar *calendar,
                                                  gint64         from,
                                                  gint64         to,
                                                  gint64        *seconds,
                                                  double        *days);
/* "YYYY-MM-DD" of @when in the calendar's zone. */
char          *ranah_calendar_date_of            (RanahCalendar *calendar,
                                                  gint64         when);
/* The moment @date (YYYY-MM-DD) at @minutes after midnight in the calendar's zone (the
 * first moment after a gap the clocks skip); 0 when @date is not a date or @minutes is
 * over 24 hours. */
gint64         ranah_calendar_moment             (RanahCalendar *calendar,
                                                  const char    *date,
                                                  guint          minutes);
/* When the office opens on @date by its weekday's hours (a holiday too); the date's
 * midnight when that weekday is closed; 0 when @date is not a date. */
gint64         ranah_calendar_opening            (RanahCalendar *calendar,
                                                  const char    *date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RanahCalendar, ranah_calendar_free)

G_END_DECLS
