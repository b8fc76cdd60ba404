/* ranah-format.h — how times, waits, people and errors read in the window
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ranah-core.h"

G_BEGIN_DECLS

char       *ranah_format_time          (gint64              unix_time);
char       *ranah_format_date          (const char         *iso_date);
char       *ranah_format_days          (double              working_days);
/* "2.5 of 1 working days" / "0.3 of 1 working day"; @late set when past due. */
char       *ranah_format_wait          (RanahCalendar      *calendar,
                                        gint64              since,
                                        gint64              until,
                                        guint               standard_days,
                                        gboolean           *late);
char       *ranah_format_user          (const RanahUser    *user);
/* One sentence for a person, whatever layer the error came from. */
const char *ranah_error_sentence       (const GError       *error);
char       *ranah_format_records       (GPtrArray          *records);

G_END_DECLS
