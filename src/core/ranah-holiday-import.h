/* ranah-holiday-import.h — holiday lists read from iCalendar (.ics) or CSV, every date
 * previewed before anything is stored
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Indonesia's national holidays and cuti bersama are published as calendars (the SKB Tiga
 * Menteri lists, the "Hari Libur di Indonesia" feeds) or kept in spreadsheets: both are
 * read here into one list of dates, so that ranah-cli and the app show and import the same.
 *
 * iCalendar (RFC 5545, parsed by libical): each all-day VEVENT (DTSTART;VALUE=DATE) gives
 * its days, DTEND exclusive (or DURATION), so a three-day event gives three dates; a
 * yearly RRULE (with EXDATE, RDATE and RECURRENCE-ID overrides) is expanded only in the
 * chosen years. SUMMARY is the name. An event is cuti bersama when its SUMMARY or its
 * CATEGORIES say "cuti bersama" or "collective leave" (any case). Events that start at a
 * time of day, are cancelled, repeat other than yearly, last longer than
 * RANAH_HOLIDAY_SPAN_MAX_DAYS or lack a name are skipped, each with a problem naming its
 * line. Single events in years outside the chosen ones are kept.
 *
 * CSV (ranah-csv.h): columns date,name[,cuti_bersama] — YYYY-MM-DD, the name, and 1/0,
 * ya/tidak, yes/no or true/false. A header line is optional; when there is one (a first
 * line with a "date" or "tanggal" column) its columns are found by name (date/tanggal,
 * name/nama/keterangan, cuti_bersama/cuti), in any order.
 *
 * A date the store already has, or that an earlier line or event of the file gave, is
 * kept in the list marked as such, and is never imported: duplicates are reported, never
 * an error.
 */
#pragma once

#include <glib.h>

#include "ranah-csv.h"
#include "ranah-model.h"

G_BEGIN_DECLS

/* The largest holiday file read (a calendar of many years is some 100 KiB). */
#define RANAH_HOLIDAY_FILE_MAX_BYTES (4 * 1024 * 1024)
/* The longest event taken as holidays: a Lebaran with its cuti bersama is about a week. */
#define RANAH_HOLIDAY_SPAN_MAX_DAYS 31

typedef enum {
  RANAH_HOLIDAY_FORMAT_GUESS,      /* iCalendar when the text starts BEGIN:VCALENDAR, else CSV */
  RANAH_HOLIDAY_FORMAT_ICALENDAR,
  RANAH_HOLIDAY_FORMAT_CSV,
} RanahHolidayFormat;

typedef enum {
  RANAH_HOLIDAY_DAY_NEW,           /* would be added */
  RANAH_HOLIDAY_DAY_IN_STORE,      /* the store has this date already: skipped */
  RANAH_HOLIDAY_DAY_REPEATED,      /* an earlier line or event of the file gave it: skipped */
} RanahHolidayDayStatus;

typedef struct {
  char                  *date;          /* YYYY-MM-DD */
  char                  *name;
  gboolean               cuti_bersama;
  guint                  line;          /* where its CSV row or its VEVENT starts (1-based) */
  RanahHolidayDayStatus  status;
  char                  *other_name;    /* IN_STORE: the store's name for the date;
                                         * REPEATED: the name the file gave it first */
} RanahHolidayDay;

typedef struct {
  RanahHolidayFormat  format;
  /* The years yearly events are expanded in; none (NULL or 0): the years of the file's
   * single events, else @current_year and the next. */
  const guint        *years;
  guint               n_years;
  guint               current_year;   /* 0: this year by the local clock */
  GPtrArray          *existing;       /* RanahHoliday* the store holds, or NULL */
} RanahHolidayImportOptions;

typedef struct {
  RanahHolidayFormat  format;         /* as read */
  GPtrArray          *days;           /* RanahHolidayDay*, by date, the file's order within one */
  GPtrArray          *problems;       /* RanahImportProblem*: what was skipped and why */
  GArray             *years;          /* guint, ascending: the years yearly events were
                                       * expanded in (empty for CSV) */
  guint               n_yearly;       /* events expanded in those years (RRULE, RDATE) */
} RanahHolidayImport;

void                ranah_holiday_day_free        (RanahHolidayDay *day);
void                ranah_holiday_import_free     (RanahHolidayImport *import);

/* Reads @data (@len bytes; a UTF-8 BOM skipped). Fails only when the file as a whole
 * cannot be read (not UTF-8, not iCalendar, bad CSV quoting, a header without the date or
 * name column); every skipped event or row is a problem instead. */
RanahHolidayImport *ranah_holiday_import_read     (const char                      *data,
                                                   gsize                            len,
                                                   const RanahHolidayImportOptions *options,
                                                   GError                         **error);
guint               ranah_holiday_import_count    (const RanahHolidayImport *import,
                                                   RanahHolidayDayStatus     status);
/* The days marked NEW, as RanahHoliday* (a new array) for ranah_store_add_holidays(). */
GPtrArray          *ranah_holiday_import_new_holidays (const RanahHolidayImport *import);

/* Whether a holiday's name or category says it is cuti bersama ("cuti bersama",
 * "collective leave", any case). */
gboolean            ranah_holiday_text_is_cuti_bersama (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RanahHolidayDay, ranah_holiday_day_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RanahHolidayImport, ranah_holiday_import_free)

G_END_DECLS
