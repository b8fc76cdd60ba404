/* ranah-holiday-import.c — holiday lists read from iCalendar (.ics) or CSV
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "ranah-error.h"
#include "ranah-holiday-import.h"
#include "ranah-validate.h"

#define NAME_MAX_CHARS 200
/* The years a store holds (ranah_validate_date()). */
#define YEAR_FIRST 1900
#define YEAR_LAST  2999
/* A yearly rule from a DTSTART centuries back still reaches this year well within it. */
#define MAX_RECURRENCE_STEPS 100000

void
ranah_holiday_day_free (RanahHolidayDay *day)
{
  if (day == NULL)
    return;
  g_free (day->date);
  g_free (day->name);
  g_free (day->other_name);
  g_free (day);
}

void
ranah_holiday_import_free (RanahHolidayImport *import)
{
  if (import == NULL)
    return;
  g_clear_pointer (&import->days, g_ptr_array_unref);
  g_clear_pointer (&import->problems, g_ptr_array_unref);
  g_clear_pointer (&import->years, g_array_unref);
  g_free (import);
}

gboolean
ranah_holiday_text_is_cuti_bersama (const char *text)
{
  g_autofree char *folded = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  folded = g_utf8_casefold (text, -1);
  return strstr (folded, "cuti bersama") != NULL || strstr (folded, "collective leave") != NULL;
}

static void
add_problem (GPtrArray  *problems,
             guint       line,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
add_problem (GPtrArray  *problems,
             guint       line,
             const char *format,
             ...)
{
  RanahImportProblem *problem = g_new0 (RanahImportProblem, 1);
  va_list args;

  va_start (args, format);
  problem->line = line;
  problem->reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (problems, problem);
}

/* A name as one line: runs of white space (line breaks and tabs too) become one space. */
static char *
one_line (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text != NULL ? text : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}

/* ---- the list of days ------------------------------------------------------------------- */

static void
add_day (GPtrArray   *days,
         const GDate *date,
         const char  *name,
         gboolean     cuti_bersama,
         guint        line)
{
  RanahHolidayDay *day = g_new0 (RanahHolidayDay, 1);

  day->date = format_date (date);
  day->name = g_strdup (name);
  day->cuti_bersama = cuti_bersama;
  day->line = line;
  g_ptr_array_add (days, day);
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  const RanahHolidayDay *x = *(RanahHolidayDay * const *) a;
  const RanahHolidayDay *y = *(RanahHolidayDay * const *) b;

  return strcmp (x->date, y->date);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const RanahImportProblem *x = *(RanahImportProblem * const *) a;
  const RanahImportProblem *y = *(RanahImportProblem * const *) b;

  return x->line < y->line ? -1 : x->line > y->line;
}

/* In the file's order: a date the store has is IN_STORE, a date seen before REPEATED. Then
 * by date; the sort is stable, so the first of a date stays first. */
static void
mark_and_sort (GPtrArray *days,
               GPtrArray *existing)
{
  g_autoptr(GHashTable) stored = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; existing != NULL && i < existing->len; i++)
    {
      RanahHoliday *holiday = g_ptr_array_index (existing, i);
      g_hash_table_insert (stored, holiday->date, holiday->name);
    }
  for (guint i = 0; i < days->len; i++)
    {
      RanahHolidayDay *day = g_ptr_array_index (days, i);
      const char *first;

      if (g_hash_table_contains (stored, day->date))
        {
          day->status = RANAH_HOLIDAY_DAY_IN_STORE;
          day->other_name = g_strdup (g_hash_table_lookup (stored, day->date));
        }
      else if ((first = g_hash_table_lookup (seen, day->date)) != NULL)
        {
          day->status = RANAH_HOLIDAY_DAY_REPEATED;
          day->other_name = g_strdup (first);
        }
      else
        g_hash_table_insert (seen, day->date, day->name);
    }
  g_ptr_array_sort (days, compare_days);
}

/* ---- iCalendar -------------------------------------------------------------------------- */

/* Where each VEVENT starts, and its DTSTART and DTEND as written: libical reads a date
 * such as "2026013X" as 2026-01-03, so the text is checked against what it read. */
typedef struct
{
  guint  line;
  char  *dtstart;
  char  *dtend;
} EventScan;

static void
event_scan_clear (EventScan *scan)
{
  g_free (scan->dtstart);
  g_free (scan->dtend);
}

typedef struct
{
  GArray  *events;
  gboolean in_event;
  guint    nested;
  guint    depth;           /* BEGIN lines not yet ENDed, as libical counts them */
  guint    stray_end;       /* the first END line with no BEGIN before it, or 0 */
} Scanner;

/* The value of a content line: after the first colon outside a quoted parameter. */
static const char *
line_value (const char *line)
{
  gboolean quoted = FALSE;

  for (const char *p = line; *p; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == ':' && !quoted)
        return p + 1;
    }
  return NULL;
}

static gboolean
line_is (const char *line,
         const char *name)
{
  gsize n = strlen (name);

  return g_ascii_strncasecmp (line, name, n) == 0 && (line[n] == ':' || line[n] == ';');
}

static void
scan_line (Scanner    *scanner,
           const char *line,
           guint       number)
{
  const char *value = line_value (line);

  /* libical writes "Encountered END before BEGIN" to standard error for such a line: the
   * file is refused before it gets there. */
  if (line_is (line, "BEGIN"))
    scanner->depth++;
  else if (line_is (line, "END") && scanner->depth > 0)
    scanner->depth--;
  else if (line_is (line, "END") && scanner->stray_end == 0)
    scanner->stray_end = number;

  if (line_is (line, "BEGIN"))
    {
      if (!scanner->in_event && value != NULL && g_ascii_strcasecmp (value, "VEVENT") == 0)
        {
          EventScan scan = { number, NULL, NULL };

          g_array_append_val (scanner->events, scan);
          scanner->in_event = TRUE;
          scanner->nested = 0;
        }
      else if (scanner->in_event)
        scanner->nested++;
      return;
    }
  if (!scanner->in_event)
    return;
  if (line_is (line, "END"))
    {
      if (scanner->nested > 0)
        scanner->nested--;
      else
        scanner->in_event = FALSE;
      return;
    }
  if (scanner->nested == 0 && value != NULL)
    {
      EventScan *scan = &g_array_index (scanner->events, EventScan, scanner->events->len - 1);

      if (line_is (line, "DTSTART") && scan->dtstart == NULL)
        scan->dtstart = g_strstrip (g_strdup (value));
      else if (line_is (line, "DTEND") && scan->dtend == NULL)
        scan->dtend = g_strstrip (g_strdup (value));
    }
}

/* RFC 5545 §3.1: a line that starts with a space or a tab continues the one before. */
static GArray *
scan_events (const char *text,
             guint      *stray_end)
{
  Scanner scanner = { g_array_new (FALSE, TRUE, sizeof (EventScan)), FALSE, 0, 0, 0 };
  g_autoptr(GString) logical = g_string_new (NULL);
  guint number = 0, logical_start = 0;
  gsize previous = 0;   /* bytes of the line before, its CR included */
  const char *p = text;

  g_array_set_clear_func (scanner.events, (GDestroyNotify) event_scan_clear);
  while (*p)
    {
      const char *end = strchr (p, '\n');
      gsize len = end != NULL ? (gsize) (end - p) : strlen (p);
      gsize raw = len;

      number++;
      if (len > 0 && p[len - 1] == '\r')
        len--;
      /* As libical unfolds: not after an empty LF line, so that both count the same BEGIN
       * and END lines. */
      if (len > 0 && (p[0] == ' ' || p[0] == '\t') && logical_start != 0 && previous > 0)
        g_string_append_len (logical, p + 1, len - 1);
      else
        {
          if (logical_start != 0)
            scan_line (&scanner, logical->str, logical_start);
          g_string_assign (logical, "");
          g_string_append_len (logical, p, len);
          logical_start = number;
        }
      previous = raw;
      if (end == NULL)
        break;
      p = end + 1;
    }
  if (logical_start != 0)
    scan_line (&scanner, logical->str, logical_start);
  *stray_end = scanner.stray_end;
  return scanner.events;
}

/* The VEVENTs of a VCALENDAR, or of each VCALENDAR of a file that holds several (libical
 * wraps them in an XROOT), in the file's order. */
static void
collect_events (icalcomponent *component,
                GPtrArray     *events)
{
  icalcomponent_kind kind = icalcomponent_isa (component);

  if (kind == ICAL_VEVENT_COMPONENT)
    {
      g_ptr_array_add (events, component);
      return;
    }
  if (kind != ICAL_VCALENDAR_COMPONENT && kind != ICAL_XROOT_COMPONENT)
    return;
  for (icalcomponent *child = icalcomponent_get_first_component (component, ICAL_ANY_COMPONENT);
       child != NULL; child = icalcomponent_get_next_component (component, ICAL_ANY_COMPONENT))
    collect_events (child, events);
}

static gboolean
set_gdate (GDate                    *date,
           struct icaltimetype       t)
{
  /* GDate's year is 16 bits: a larger one must not wrap around into a real date. */
  if (icaltime_is_null_time (t) || t.year < 1 || t.year > 9999 || t.month < 1 || t.month > 12
      || t.day < 1 || t.day > 31 || !g_date_valid_dmy (t.day, t.month, t.year))
    return FALSE;
  g_date_set_dmy (date, t.day, t.month, t.year);
  return TRUE;
}

/* The text written is the date libical read: exactly YYYYMMDD. */
static gboolean
written_as (const char  *written,
            const GDate *date)
{
  char expected[16];

  if (written == NULL)
    return TRUE;
  g_snprintf (expected, sizeof expected, "%04u%02u%02u", (guint) g_date_get_year (date),
              (guint) g_date_get_month (date), (guint) g_date_get_day (date));
  return g_str_equal (written, expected);
}

static char *
date_key (const char  *uid,
          const GDate *date)
{
  return g_strdup_printf ("%s\n%u-%u-%u", uid != NULL ? uid : "", (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}

typedef struct
{
  icalcomponent *event;
  guint          line;
  char          *name;
  gboolean       cuti_bersama;
  GDate          start;
  guint          span;        /* days, from 1 */
  gboolean       recurring;   /* an RRULE or RDATE */
} Event;

static void
event_clear (Event *event)
{
  g_free (event->name);
}

static gboolean
categories_say_cuti_bersama (icalcomponent *event)
{
  for (icalproperty *p = icalcomponent_get_first_property (event, ICAL_CATEGORIES_PROPERTY);
       p != NULL; p = icalcomponent_get_next_property (event, ICAL_CATEGORIES_PROPERTY))
    if (ranah_holiday_text_is_cuti_bersama (icalproperty_get_categories (p)))
      return TRUE;
  return FALSE;
}

/* Reads one VEVENT into @out; FALSE (with a problem) when it gives no holidays. */
static gboolean
read_event (icalcomponent   *component,
            const EventScan *scan,
            GPtrArray       *problems,
            Event           *out)
{
  guint line = scan != NULL ? scan->line : 0;
  icalproperty *dtstart = icalcomponent_get_first_property (component, ICAL_DTSTART_PROPERTY);
  icalproperty *dtend = icalcomponent_get_first_property (component, ICAL_DTEND_PROPERTY);
  icalproperty *duration = icalcomponent_get_first_property (component, ICAL_DURATION_PROPERTY);
  icalproperty *rrule = icalcomponent_get_first_property (component, ICAL_RRULE_PROPERTY);
  g_autofree char *name = one_line (icalcomponent_get_summary (component));
  g_autofree char *shown = NULL;
  g_autoptr(GError) invalid = NULL;
  struct icaltimetype start;
  GDate end;

  memset (out, 0, sizeof *out);
  if (*name == '\0')
    {
      add_problem (problems, line, _("An event without a name (SUMMARY) was skipped."));
      return FALSE;
    }
  shown = ranah_text_shown (name, 80, FALSE);
  if (!ranah_validate_text (name, _("holiday name"), TRUE, FALSE, NAME_MAX_CHARS, &invalid))
    {
      add_problem (problems, line, _("“%s” was skipped: %s"), shown, invalid->message);
      return FALSE;
    }
  if (icalcomponent_get_status (component) == ICAL_STATUS_CANCELLED)
    {
      add_problem (problems, line, _("“%s” is cancelled (STATUS:CANCELLED) and was skipped."),
                   shown);
      return FALSE;
    }
  if (dtstart == NULL)
    {
      add_problem (problems, line, _("“%s” has no date (DTSTART) and was skipped."), shown);
      return FALSE;
    }
  start = icalproperty_get_dtstart (dtstart);
  if (!icaltime_is_date (start))
    {
      add_problem (problems, line, _("“%s” starts at a time of day, not on a whole day, and was "
                                     "skipped."), shown);
      return FALSE;
    }
  if (!set_gdate (&out->start, start) || !written_as (scan != NULL ? scan->dtstart : NULL,
                                                      &out->start))
    {
      add_problem (problems, line, _("“%s” has a start date (DTSTART) that is not a date and "
                                     "was skipped."), shown);
      return FALSE;
    }

  out->span = 1;
  if (dtend != NULL)
    {
      struct icaltimetype t = icalproperty_get_dtend (dtend);

      if (!icaltime_is_date (t) || !set_gdate (&end, t)
          || !written_as (scan != NULL ? scan->dtend : NULL, &end))
        {
          add_problem (problems, line, _("“%s” has an end (DTEND) that is not a date and was "
                                         "skipped."), shown);
          return FALSE;
        }
      if (g_date_compare (&end, &out->start) <= 0)
        {
          add_problem (problems, line, _("“%s” ends (DTEND) before it starts and was skipped."),
                       shown);
          return FALSE;
        }
      if (g_date_days_between (&out->start, &end) > RANAH_HOLIDAY_SPAN_MAX_DAYS)
        out->span = RANAH_HOLIDAY_SPAN_MAX_DAYS + 1;
      else
        out->span = (guint) g_date_days_between (&out->start, &end);
    }
  else if (duration != NULL)
    {
      struct icaldurationtype d = icalproperty_get_duration (duration);
      guint days = d.weeks * 7 + d.days;

      if (d.is_neg || d.hours != 0 || d.minutes != 0 || d.seconds != 0 || days == 0)
        {
          add_problem (problems, line, _("“%s” lasts (DURATION) other than whole days and was "
                                         "skipped."), shown);
          return FALSE;
        }
      out->span = MIN (days, RANAH_HOLIDAY_SPAN_MAX_DAYS + 1);
    }
  if (out->span > RANAH_HOLIDAY_SPAN_MAX_DAYS)
    {
      add_problem (problems, line, _("“%s” lasts longer than %u days and was skipped."), shown,
                   RANAH_HOLIDAY_SPAN_MAX_DAYS);
      return FALSE;
    }
  if (rrule != NULL)
    {
      struct icalrecurrencetype rule = icalproperty_get_rrule (rrule);

      if (rule.freq != ICAL_YEARLY_RECURRENCE)
        {
          add_problem (problems, line, _("“%s” repeats other than yearly (RRULE) and was "
                                         "skipped."), shown);
          return FALSE;
        }
    }
  out->recurring = rrule != NULL
                   || icalcomponent_get_first_property (component, ICAL_RDATE_PROPERTY) != NULL;
  out->event = component;
  out->line = line;
  out->cuti_bersama = ranah_holiday_text_is_cuti_bersama (name)
                      || categories_say_cuti_bersama (component);
  out->name = g_steal_pointer (&name);
  for (icalproperty *p = icalcomponent_get_first_property (component, ICAL_XLICERROR_PROPERTY);
       p != NULL; p = icalcomponent_get_next_property (component, ICAL_XLICERROR_PROPERTY))
    {
      g_autofree char *what = ranah_text_shown (icalproperty_get_xlicerror (p), 120, FALSE);
      add_problem (problems, line, _("“%s”: a line of this event is not iCalendar and was left "
                                     "out (%s)."), shown, what);
    }
  return TRUE;
}

/* The days of one occurrence; FALSE when some fall outside the years a store holds
 * (ranah_validate_date()), which are left out. */
static gboolean
add_span (GPtrArray   *days,
          const Event *event,
          const GDate *first)
{
  GDate date = *first;
  gboolean all = TRUE;

  for (guint i = 0; i < event->span; i++)
    {
      if (g_date_get_year (&date) >= YEAR_FIRST && g_date_get_year (&date) <= YEAR_LAST)
        add_day (days, &date, event->name, event->cuti_bersama, event->line);
      else
        all = FALSE;
      g_date_add_days (&date, 1);
    }
  return all;
}

static void
add_occurrence (GPtrArray   *days,
                GPtrArray   *problems,
                const Event *event,
                const GDate *first,
                gboolean    *told)
{
  if (!add_span (days, event, first) && !*told)
    {
      add_problem (problems, event->line, _("“%s” has dates outside the years %u–%u; they were "
                                            "left out."), event->name, YEAR_FIRST, YEAR_LAST);
      *told = TRUE;
    }
}

static gboolean
year_chosen (GArray *years,
             guint   year)
{
  for (guint i = 0; i < years->len; i++)
    if (g_array_index (years, guint, i) == year)
      return TRUE;
  return FALSE;
}

/* A yearly event's days in the chosen years: its RRULE's and RDATEs' occurrences, less its
 * EXDATEs and the occurrences another VEVENT overrides (RECURRENCE-ID). */
static void
expand_event (const Event *event,
              GArray      *years,
              GHashTable  *overridden,
              GPtrArray   *days,
              GPtrArray   *problems)
{
  icalproperty *rrule = icalcomponent_get_first_property (event->event, ICAL_RRULE_PROPERTY);
  const char *uid = icalcomponent_get_uid (event->event);
  g_autoptr(GHashTable) excluded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) dates = g_array_new (FALSE, FALSE, sizeof (GDate));
  guint last_year = years->len > 0 ? g_array_index (years, guint, years->len - 1) : 0;
  gboolean told = FALSE;

  for (icalproperty *p = icalcomponent_get_first_property (event->event, ICAL_EXDATE_PROPERTY);
       p != NULL; p = icalcomponent_get_next_property (event->event, ICAL_EXDATE_PROPERTY))
    {
      GDate date;

      if (set_gdate (&date, icalproperty_get_exdate (p)))
        g_hash_table_add (excluded, date_key (NULL, &date));
    }

  if (rrule != NULL)
    {
      struct icalrecurrencetype rule = icalproperty_get_rrule (rrule);
      struct icaltimetype start = icalproperty_get_dtstart (
        icalcomponent_get_first_property (event->event, ICAL_DTSTART_PROPERTY));
      icalrecur_iterator *iterator = icalrecur_iterator_new (rule, start);
      guint steps = 0;

      if (iterator == NULL)
        add_problem (problems, event->line, _("“%s” has a rule (RRULE) that cannot be read; only "
                                              "its first date was taken."), event->name);
      g_array_append_val (dates, event->start);
      for (; iterator != NULL; steps++)
        {
          struct icaltimetype next = icalrecur_iterator_next (iterator);
          GDate date;

          if (icaltime_is_null_time (next) || (guint) next.year > last_year)
            break;
          if (steps >= MAX_RECURRENCE_STEPS)
            {
              add_problem (problems, event->line, _("“%s” repeats too often; its dates were read "
                                                    "only up to %04d."), event->name, next.year);
              break;
            }
          if (set_gdate (&date, next) && g_date_compare (&date, &event->start) != 0)
            g_array_append_val (dates, date);
        }
      g_clear_pointer (&iterator, icalrecur_iterator_free);
    }
  else
    g_array_append_val (dates, event->start);

  for (icalproperty *p = icalcomponent_get_first_property (event->event, ICAL_RDATE_PROPERTY);
       p != NULL; p = icalcomponent_get_next_property (event->event, ICAL_RDATE_PROPERTY))
    {
      struct icaldatetimeperiodtype value = icalproperty_get_rdate (p);
      GDate date;

      if (icaltime_is_date (value.time) && set_gdate (&date, value.time))
        g_array_append_val (dates, date);
      else
        add_problem (problems, event->line, _("“%s” has an extra date (RDATE) that is not a "
                                              "whole day; it was left out."), event->name);
    }

  for (guint i = 0; i < dates->len; i++)
    {
      const GDate *date = &g_array_index (dates, GDate, i);
      g_autofree char *key = date_key (NULL, date);
      g_autofree char *override = date_key (uid, date);

      if (!year_chosen (years, g_date_get_year (date)) || g_hash_table_contains (excluded, key)
          || g_hash_table_contains (overridden, override))
        continue;
      g_hash_table_add (excluded, g_steal_pointer (&key));  /* an RDATE the rule gives too */
      add_occurrence (days, problems, event, date, &told);
    }
}

static int
compare_years (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static void
sort_unique_years (GArray *years)
{
  g_array_sort (years, compare_years);
  for (guint i = 1; i < years->len;)
    if (g_array_index (years, guint, i) == g_array_index (years, guint, i - 1))
      g_array_remove_index (years, i);
    else
      i++;
}

static gpointer
init_libical (gpointer data)
{
  /* A malformed file must never abort the program (libical can be built to). */
  icalerror_set_errors_are_fatal (0);
  return NULL;
}

static gboolean
read_icalendar (const char                      *text,
                const RanahHolidayImportOptions *options,
                RanahHolidayImport              *import,
                GError                         **error)
{
  static GOnce once = G_ONCE_INIT;
  guint stray_end = 0;
  g_autoptr(GArray) scans = scan_events (text, &stray_end);
  g_autoptr(GPtrArray) components = g_ptr_array_new ();
  g_autoptr(GArray) events = g_array_new (FALSE, TRUE, sizeof (Event));
  g_autoptr(GHashTable) overridden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  icalcomponent *root;

  g_once (&once, init_libical, NULL);
  if (stray_end != 0)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("Line %u ends a part of the calendar (END) that never began; the file is "
                     "not a valid iCalendar (.ics) calendar."), stray_end);
      return FALSE;
    }
  root = icalparser_parse_string (text);
  if (root == NULL)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("The file is not an iCalendar (.ics) calendar."));
      return FALSE;
    }
  collect_events (root, components);
  g_array_set_clear_func (events, (GDestroyNotify) event_clear);

  for (guint i = 0; i < components->len; i++)
    {
      icalcomponent *component = g_ptr_array_index (components, i);
      const EventScan *scan = components->len == scans->len
                              ? &g_array_index (scans, EventScan, i) : NULL;
      icalproperty *rid = icalcomponent_get_first_property (component,
                                                            ICAL_RECURRENCEID_PROPERTY);
      Event event;
      GDate date;

      /* An occurrence moved or cancelled by an override is not the rule's any more. (Read
       * from the property: the component's getter would look its TZID up in the system's
       * time zones.) */
      if (rid != NULL && set_gdate (&date, icalproperty_get_recurrenceid (rid)))
        g_hash_table_add (overridden, date_key (icalcomponent_get_uid (component), &date));
      if (read_event (component, scan, import->problems, &event))
        g_array_append_val (events, event);
    }

  if (options->n_years > 0)
    g_array_append_vals (import->years, options->years, options->n_years);
  else
    {
      for (guint i = 0; i < events->len; i++)
        {
          Event *event = &g_array_index (events, Event, i);
          guint year = g_date_get_year (&event->start);

          if (!event->recurring)
            g_array_append_val (import->years, year);
        }
      if (import->years->len == 0)
        {
          guint year = options->current_year;

          if (year == 0)
            {
              g_autoptr(GDateTime) now = g_date_time_new_now_local ();
              year = g_date_time_get_year (now);
            }
          g_array_append_val (import->years, year);
          year++;
          g_array_append_val (import->years, year);
        }
    }
  sort_unique_years (import->years);

  for (guint i = 0; i < events->len; i++)
    {
      Event *event = &g_array_index (events, Event, i);

      if (event->recurring)
        {
          import->n_yearly++;
          expand_event (event, import->years, overridden, import->days, import->problems);
        }
      else
        {
          gboolean told = FALSE;
          add_occurrence (import->days, import->problems, event, &event->start, &told);
        }
    }
  g_clear_pointer (&events, g_array_unref);  /* before the components its events point into */
  icalcomponent_free (root);
  return TRUE;
}

/* ---- CSV -------------------------------------------------------------------------------- */

static const char *
field (const RanahCsvRow *row,
       int                column)
{
  if (column < 0 || (guint) column >= g_strv_length (row->fields))
    return "";
  return row->fields[column];
}

static gboolean
parse_flag (const char *text,
            gboolean   *out)
{
  static const char * const yes[] = { "1", "ya", "y", "yes", "true", "cuti bersama", NULL };
  static const char * const no[] = { "", "0", "tidak", "n", "no", "false", NULL };
  g_autofree char *value = g_utf8_strdown (text, -1);

  g_strstrip (value);
  if (g_strv_contains (yes, value))
    *out = TRUE;
  else if (g_strv_contains (no, value))
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  return text[strspn (text, " \t")] == '\0';
}

/* Without a header, a fourth column would be read as nothing: refuse it rather than drop
 * what it says. */
static gboolean
has_extra_columns (const RanahCsvRow *row)
{
  for (guint i = 0; row->fields[i] != NULL; i++)
    if (i >= 3 && !is_blank (row->fields[i]))
      return TRUE;
  return FALSE;
}

static gboolean
header_is (const char         *header,
           const char * const *names)
{
  g_autofree char *value = g_utf8_strdown (header, -1);

  g_strstrip (value);
  return g_strv_contains (names, value);
}

static gboolean
read_csv (const char          *text,
          gsize                len,
          RanahHolidayImport  *import,
          GError             **error)
{
  static const char * const date_names[] = { "date", "tanggal", NULL };
  static const char * const name_names[] = { "name", "nama", "keterangan", NULL };
  static const char * const cuti_names[] = { "cuti_bersama", "cuti bersama", "cuti", NULL };
  g_autoptr(GPtrArray) rows = ranah_csv_parse (text, len, error);
  int date_col = 0, name_col = 1, cuti_col = 2;
  guint first = 0;

  if (rows == NULL)
    return FALSE;
  if (rows->len > 0)
    {
      RanahCsvRow *header = g_ptr_array_index (rows, 0);

      gboolean named = FALSE;

      for (guint i = 0; header->fields[i] != NULL; i++)
        named = named || header_is (header->fields[i], date_names);
      if (named)
        {
          first = 1;
          date_col = name_col = cuti_col = -1;
          for (int i = 0; header->fields[i] != NULL; i++)
            {
              if (header_is (header->fields[i], date_names))
                date_col = i;
              else if (header_is (header->fields[i], name_names))
                name_col = i;
              else if (header_is (header->fields[i], cuti_names))
                cuti_col = i;
            }
          if (name_col < 0)
            {
              g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                           _("The header on line %u has no “name” column."), header->line);
              return FALSE;
            }
        }
    }

  for (guint r = first; r < rows->len; r++)
    {
      RanahCsvRow *row = g_ptr_array_index (rows, r);
      g_autofree char *date_text = g_strstrip (g_strdup (field (row, date_col)));
      g_autofree char *name = one_line (field (row, name_col));
      g_autoptr(GError) invalid = NULL;
      gboolean cuti_bersama = FALSE, blank = TRUE;
      int year, month, day;
      GDate date;

      for (guint i = 0; row->fields[i] != NULL; i++)
        if (!is_blank (row->fields[i]))
          blank = FALSE;
      if (blank)
        continue;
      if (first == 0 && has_extra_columns (row))
        {
          add_problem (import->problems, row->line, _("The row has more than three columns "
                                                      "(date, name, cuti bersama) and was "
                                                      "skipped."));
          continue;
        }
      if (!ranah_validate_date (date_text, _("date"), &invalid))
        {
          add_problem (import->problems, row->line, _("The row was skipped: %s"),
                       invalid->message);
          continue;
        }
      if (!ranah_validate_text (name, _("holiday name"), TRUE, FALSE, NAME_MAX_CHARS, &invalid))
        {
          add_problem (import->problems, row->line, _("The row was skipped: %s"),
                       invalid->message);
          continue;
        }
      if (cuti_col >= 0 && !parse_flag (field (row, cuti_col), &cuti_bersama))
        {
          g_autofree char *shown = ranah_text_shown (field (row, cuti_col), 40, FALSE);
          add_problem (import->problems, row->line, _("The row was skipped: “%s” in the cuti "
                                                      "bersama column is not 1 or 0 (ya or "
                                                      "tidak)."), shown);
          continue;
        }
      cuti_bersama = cuti_bersama || ranah_holiday_text_is_cuti_bersama (name);
      sscanf (date_text, "%d-%d-%d", &year, &month, &day);
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, day, month, year);
      add_day (import->days, &date, name, cuti_bersama, row->line);
    }
  return TRUE;
}

/* ---- public ----------------------------------------------------------------------------- */

static gboolean
starts_as_icalendar (const char *text)
{
  while (g_ascii_isspace (*text))
    text++;
  return g_ascii_strncasecmp (text, "BEGIN:VCALENDAR", strlen ("BEGIN:VCALENDAR")) == 0;
}

RanahHolidayImport *
ranah_holiday_import_read (const char                      *data,
                           gsize                            len,
                           const RanahHolidayImportOptions *options,
                           GError                         **error)
{
  static const RanahHolidayImportOptions defaults = { 0 };
  g_autoptr(RanahHolidayImport) import = NULL;
  g_autofree char *text = NULL;
  gboolean ok;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  if (!g_utf8_validate_len (data != NULL ? data : "", len, NULL))
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("The file is not valid UTF-8 text."));
      return NULL;
    }
  text = g_strndup (data != NULL ? data : "", len);

  import = g_new0 (RanahHolidayImport, 1);
  import->days = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_holiday_day_free);
  import->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_import_problem_free);
  import->years = g_array_new (FALSE, FALSE, sizeof (guint));
  import->format = options->format;
  if (import->format == RANAH_HOLIDAY_FORMAT_GUESS)
    import->format = starts_as_icalendar (text) ? RANAH_HOLIDAY_FORMAT_ICALENDAR
                                                : RANAH_HOLIDAY_FORMAT_CSV;
  if (import->format == RANAH_HOLIDAY_FORMAT_ICALENDAR)
    ok = read_icalendar (text, options, import, error);
  else
    ok = read_csv (text, len, import, error);
  if (!ok)
    return NULL;

  mark_and_sort (import->days, options->existing);
  g_ptr_array_sort (import->problems, compare_problems);
  return g_steal_pointer (&import);
}

guint
ranah_holiday_import_count (const RanahHolidayImport *import,
                            RanahHolidayDayStatus     status)
{
  guint n = 0;

  g_return_val_if_fail (import != NULL, 0);
  for (guint i = 0; i < import->days->len; i++)
    if (((RanahHolidayDay *) g_ptr_array_index (import->days, i))->status == status)
      n++;
  return n;
}

GPtrArray *
ranah_holiday_import_new_holidays (const RanahHolidayImport *import)
{
  GPtrArray *holidays = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_holiday_free);

  g_return_val_if_fail (import != NULL, holidays);
  for (guint i = 0; i < import->days->len; i++)
    {
      RanahHolidayDay *day = g_ptr_array_index (import->days, i);

      if (day->status == RANAH_HOLIDAY_DAY_NEW)
        g_ptr_array_add (holidays, ranah_holiday_new (day->date, day->name, day->cuti_bersama));
    }
  return holidays;
}
