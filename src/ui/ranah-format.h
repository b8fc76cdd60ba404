/* ranah-format.h — how times, waits, people and errors read in the window
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ranah-core.h"
#include "ranah-escalation.h"

G_BEGIN_DECLS

char       *ranah_format_time          (gint64              unix_time);
char       *ranah_format_date          (const char         *iso_date);
char       *ranah_format_days          (double              working_days);
/* How long a step took from @since to @until in office time ("3 hours of 1 working day",
 * "1.4 working days of 1 working day"); @late set when @until is past its due time by
 * @calendar as it is now. Without a calendar, days of 24 hours. */
char       *ranah_format_wait          (RanahCalendar      *calendar,
                                        gint64              since,
                                        gint64              until,
                                        guint               standard_days,
                                        gboolean           *late);
/* The clock of an open step (ranah_escalation_clock ()): "4 hours of 1 working day ·
 * 56% used", the office time it has waited against its standard. */
char       *ranah_format_clock         (const RanahClock   *clock);
/* "due 27 Nov 2026, 15:00" (or "was due …" once past it); NULL without a standard. */
char       *ranah_format_due           (const RanahClock   *clock,
                                        gint64              now);
char       *ranah_format_user          (const RanahUser    *user);
/* One sentence for a person, whatever layer the error came from. */
const char *ranah_error_sentence       (const GError       *error);
char       *ranah_format_records       (GPtrArray          *records);

G_END_DECLS
