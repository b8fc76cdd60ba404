/* ranah-letter-number.h — the agency's letter numbers, e.g. 000.5.2/0123/DKISP/2026
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Placeholders: {klasifikasi}, {urut} (zero-padded to 4 digits), {unit}, {tahun},
 * {bulan} (month in Roman numerals, as many agencies number). The template must contain
 * {urut}; an unknown placeholder or unbalanced brace is a validation error. */
gboolean ranah_letter_number_check_template (const char  *template_,
                                             GError     **error);
char    *ranah_letter_number_format         (const char  *template_,
                                             const char  *klasifikasi,
                                             guint        urut,
                                             const char  *unit,
                                             guint        year,
                                             guint        month,
                                             GError     **error);
/* "27 November 2026" for 2026-11-27 (Indonesian month names, always); NULL when
 * @iso_date is not a real YYYY-MM-DD. */
char    *ranah_format_date_long             (const char  *iso_date);

G_END_DECLS
