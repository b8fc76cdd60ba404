/* ranah-report.c — supervision figures of a period, the compliance CSV and the public list
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ranah-csv.h"
#include "ranah-error.h"
#include "ranah-escalation.h"
#include "ranah-report.h"
#include "ranah-workflow.h"

static const char *age_labels[RANAH_REPORT_N_AGES] = { "< 1", "1–3", "3–5", "5–10", "≥ 10" };
static const double age_limits[RANAH_REPORT_N_AGES - 1] = { 1, 3, 5, 10 };

const char *
ranah_report_age_label (guint bucket)
{
  g_return_val_if_fail (bucket < RANAH_REPORT_N_AGES, "");
  return age_labels[bucket];
}

static GDateTime *
parse_date (GTimeZone  *tz,
            const char *date)
{
  int y, m, d;
  char tail;

  if (date == NULL || sscanf (date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3
      || strlen (date) != 10 || !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_date_time_new (tz, y, m, d, 0, 0, 0);
}

gboolean
ranah_report_period (const char  *tzid,
                     const char  *from_date,
                     const char  *to_date,
                     gint64      *from,
                     gint64      *to,
                     GError     **error)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autoptr(GDateTime) end = NULL;

  g_return_val_if_fail (from != NULL && to != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (tzid != NULL && *tzid != '\0')
    tz = g_time_zone_new_identifier (tzid);
  if (tz == NULL)
    tz = g_time_zone_new_offset (8 * 3600);
  start = parse_date (tz, from_date);
  last = parse_date (tz, to_date);
  if (start == NULL || last == NULL)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("A period needs two dates written YYYY-MM-DD."));
      return FALSE;
    }
  end = g_date_time_add_days (last, 1);
  if (g_date_time_compare (start, end) >= 0 || g_date_time_compare (start, last) > 0)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("The period ends before it starts."));
      return FALSE;
    }
  *from = g_date_time_to_unix (start);
  *to = g_date_time_to_unix (end);
  return TRUE;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

double
ranah_report_median (const double *values,
                     guint         n)
{
  g_return_val_if_fail (values != NULL && n > 0, 0);
  if (n % 2 == 1)
    return values[n / 2];
  return (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

double
ranah_report_p90 (const double *values,
                  guint         n)
{
  guint rank;

  g_return_val_if_fail (values != NULL && n > 0, 0);
  /* Nearest rank: the ⌈0.9·n⌉-th smallest, computed in integers to avoid 0.9·10 = 9.0000…1. */
  rank = (9 * n + 9) / 10;
  return values[MAX (rank, 1) - 1];
}

/* ---- stays ----------------------------------------------------------------------------- */

typedef struct {
  RanahState state;
  gint64     since;
} OpenStay;

typedef struct {
  GArray *days;         /* double */
  guint   within;
  guint   with_standard;
} Sample;

static gboolean
counts_as_done (RanahAction action)
{
  /* The holder's own move ends the step; a withdrawal or a recall is someone else's. */
  switch (action)
    {
    case RANAH_ACTION_WITHDRAW:
    case RANAH_ACTION_RECALL_DISPOSITION:
    case RANAH_ACTION_NONE:
      return FALSE;
    default:
      return TRUE;
    }
}

/* A stay of @days working days that ended at @ended, due at @due (0: no standard). */
static void
sample_add (Sample *sample,
            double  days,
            gint64  due,
            gint64  ended)
{
  g_array_append_val (sample->days, days);
  if (due != 0)
    {
      sample->with_standard++;
      if (ended <= due)
        sample->within++;
    }
}

static void
sample_stats (Sample *sample,
              guint  *n,
              double *median,
              double *p90)
{
  *n = sample->days->len;
  *median = 0;
  *p90 = 0;
  if (sample->days->len == 0)
    return;
  g_array_sort (sample->days, compare_double);
  *median = ranah_report_median ((double *) sample->days->data, sample->days->len);
  *p90 = ranah_report_p90 ((double *) sample->days->data, sample->days->len);
}

/* The stays of the period's events, timed by the calendar as it is now: a stay's due time
 * is its start plus its standard (ranah_calendar_add_working_days ()), the first stay of a
 * letter starting when it arrived (ranah_escalation_received_at ()). */
static void
measure_stays (RanahReport   *report,
               RanahCalendar *calendar,
               GPtrArray     *events,
               GPtrArray     *requests)
{
  g_autoptr(GHashTable) open = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                      g_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  Sample steps[RANAH_REPORT_N_STEPS + 1];
  Sample roles[RANAH_N_ROLES];

  for (guint i = 0; i <= RANAH_REPORT_N_STEPS; i++)
    steps[i] = (Sample) { g_array_new (FALSE, FALSE, sizeof (double)), 0, 0 };
  for (guint i = 0; i < RANAH_N_ROLES; i++)
    roles[i] = (Sample) { g_array_new (FALSE, FALSE, sizeof (double)), 0, 0 };
  for (guint i = 0; requests != NULL && i < requests->len; i++)
    {
      RanahRequest *request = g_ptr_array_index (requests, i);

      g_hash_table_insert (by_id, &request->id, request);
    }

  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      RanahEvent *event = g_ptr_array_index (events, i);
      RanahState from, to;
      OpenStay *stay;

      if (event->request_id == 0 || event->to_state == NULL || *event->to_state == '\0')
        continue;
      to = ranah_state_from_string (event->to_state);
      from = event->from_state != NULL ? ranah_state_from_string (event->from_state)
                                       : RANAH_STATE_NONE;
      if (to == RANAH_STATE_NONE || (from == to && from != RANAH_STATE_NONE))
        continue;

      stay = g_hash_table_lookup (open, &event->request_id);
      if (stay != NULL && stay->state == from && event->at >= report->from
          && event->at < report->to
          && counts_as_done (ranah_action_from_string (event->action)))
        {
          guint step = ranah_workflow_pending_step (from);
          guint standard = ranah_workflow_standard_days (from);
          double days = ranah_calendar_working_days (calendar, stay->since, event->at);
          gint64 due = standard > 0 ? ranah_calendar_add_working_days (calendar, stay->since,
                                                                      standard)
                                    : 0;

          if (step >= 1 && step <= RANAH_REPORT_N_STEPS)
            {
              RanahRole role = ranah_workflow_sop_step (step)->actor;

              sample_add (&steps[step], days, due, event->at);
              if (role < RANAH_N_ROLES)
                sample_add (&roles[role], days, due, event->at);
            }
        }
      if (stay == NULL)
        {
          gint64 *key = g_new (gint64, 1);

          *key = event->request_id;
          stay = g_new0 (OpenStay, 1);
          g_hash_table_insert (open, key, stay);
        }
      stay->state = to;
      stay->since = event->at;
      if (from == RANAH_STATE_NONE)
        {
          RanahRequest *request = g_hash_table_lookup (by_id, &event->request_id);

          /* A paper letter waited from the moment it arrived, not from its entry. */
          if (request != NULL)
            stay->since = MIN (stay->since, ranah_escalation_received_at (calendar, request));
        }
    }

  for (guint step = 1; step <= RANAH_REPORT_N_STEPS; step++)
    {
      RanahStepFigures *f = &report->steps[step];
      const RanahSopStep *sop = ranah_workflow_sop_step (step);

      f->step = step;
      f->role = sop->actor;
      f->standard_days = sop->standard_days;
      sample_stats (&steps[step], &f->n, &f->median_days, &f->p90_days);
      f->n_within = steps[step].within;
      f->share_within = steps[step].with_standard > 0
                        ? (double) steps[step].within / steps[step].with_standard : -1;
    }
  for (guint role = 0; role < RANAH_N_ROLES; role++)
    {
      RanahRoleFigures *f = &report->roles[role];

      f->role = role;
      sample_stats (&roles[role], &f->n, &f->median_days, &f->p90_days);
      f->n_standard = roles[role].with_standard;
      f->n_within = roles[role].within;
      f->share_within = f->n_standard > 0 ? (double) f->n_within / f->n_standard : -1;
    }

  for (guint i = 0; i <= RANAH_REPORT_N_STEPS; i++)
    g_array_unref (steps[i].days);
  for (guint i = 0; i < RANAH_N_ROLES; i++)
    g_array_unref (roles[i].days);
}

/* ---- requests -------------------------------------------------------------------------- */

static void
opd_figures_free (RanahOpdFigures *f)
{
  g_free (f->opd_name);
  g_free (f);
}

static void
month_figures_free (RanahMonthFigures *f)
{
  g_free (f->month);
  g_free (f);
}

static void
registry_figures_free (RanahRegistryFigures *f)
{
  g_free (f->opd_name);
  g_free (f);
}

static void
open_item_free (RanahOpenItem *item)
{
  g_free (item->fqdn);
  g_free (item->opd_name);
  g_free (item);
}

static const char *
nonempty (const char *s,
          const char *fallback)
{
  return s != NULL && *s != '\0' ? s : fallback;
}

static gint
opd_by_name (gconstpointer a,
             gconstpointer b)
{
  const RanahOpdFigures *x = *(RanahOpdFigures * const *) a;
  const RanahOpdFigures *y = *(RanahOpdFigures * const *) b;

  return g_utf8_collate (x->opd_name, y->opd_name);
}

static gint
registry_by_name (gconstpointer a,
                  gconstpointer b)
{
  const RanahRegistryFigures *x = *(RanahRegistryFigures * const *) a;
  const RanahRegistryFigures *y = *(RanahRegistryFigures * const *) b;

  return g_utf8_collate (x->opd_name, y->opd_name);
}

static gint
open_by_age (gconstpointer a,
             gconstpointer b)
{
  const RanahOpenItem *x = *(RanahOpenItem * const *) a;
  const RanahOpenItem *y = *(RanahOpenItem * const *) b;

  if (x->age_days != y->age_days)
    return x->age_days > y->age_days ? -1 : 1;
  return x->request_id < y->request_id ? -1 : x->request_id > y->request_id;
}

static void
fill_months (RanahReport *report)
{
  int y, m, ey, em;

  if (sscanf (report->from_date, "%4d-%2d", &y, &m) != 2
      || sscanf (report->to_date, "%4d-%2d", &ey, &em) != 2)
    return;
  while (y < ey || (y == ey && m <= em))
    {
      RanahMonthFigures *f = g_new0 (RanahMonthFigures, 1);

      f->month = g_strdup_printf ("%04d-%02d", y, m);
      g_ptr_array_add (report->months, f);
      if (++m > 12)
        {
          m = 1;
          y++;
        }
    }
}

static void
count_requests (RanahReport   *report,
                RanahCalendar *calendar,
                GPtrArray     *requests)
{
  g_autoptr(GHashTable) by_opd = g_hash_table_new (g_int64_hash, g_int64_equal);

  fill_months (report);
  for (guint i = 0; requests != NULL && i < requests->len; i++)
    {
      RanahRequest *request = g_ptr_array_index (requests, i);

      if (ranah_state_is_open (request->state))
        {
          RanahOpenItem *item = g_new0 (RanahOpenItem, 1);
          RanahClock clock;
          guint bucket = 0;

          item->request_id = request->id;
          item->fqdn = g_strdup (nonempty (request->fqdn, nonempty (request->name, "")));
          item->opd_name = g_strdup (nonempty (request->opd_name, ""));
          item->state = request->state;
          item->step = ranah_workflow_pending_step (request->state);
          item->age_days = ranah_calendar_working_days (calendar, request->created_at,
                                                        report->now);
          item->overdue = ranah_escalation_clock (calendar, request, report->now, &clock)
                          && clock.used >= 1.0;
          item->waited_days = clock.waited_days;
          while (bucket < RANAH_REPORT_N_AGES - 1 && item->age_days >= age_limits[bucket])
            bucket++;
          report->open_by_age[bucket]++;
          report->open_total++;
          if (item->overdue)
            report->open_overdue++;
          g_ptr_array_add (report->open_items, item);
        }

      if (request->created_at >= report->from && request->created_at < report->to)
        {
          RanahOpdFigures *f = g_hash_table_lookup (by_opd, &request->opd_id);
          g_autofree char *date = ranah_calendar_date_of (calendar, request->created_at);

          if (f == NULL)
            {
              f = g_new0 (RanahOpdFigures, 1);
              f->opd_id = request->opd_id;
              f->opd_name = g_strdup (nonempty (request->opd_name, "-"));
              g_ptr_array_add (report->opds, f);
              g_hash_table_insert (by_opd, &f->opd_id, f);
            }
          f->total++;
          report->received++;
          if (request->state == RANAH_STATE_WITHDRAWN)
            f->withdrawn++;
          else if (request->outcome == RANAH_OUTCOME_APPROVED)
            f->approved++;
          else if (request->outcome == RANAH_OUTCOME_REFUSED)
            f->refused++;
          else
            f->pending++;
          if (request->state == RANAH_STATE_DONE)
            f->done++;

          for (guint k = 0; k < report->months->len; k++)
            {
              RanahMonthFigures *month = g_ptr_array_index (report->months, k);

              if (strncmp (month->month, date, 7) == 0)
                month->count++;
            }
        }
    }
  g_ptr_array_sort (report->opds, opd_by_name);
  g_ptr_array_sort (report->open_items, open_by_age);
}

/* Whether an entry's last health check ran and failed: the stores keep its outcome with the
 * entry (reading it back from the audit trail's check notes cost a scan per entry). */
static gboolean
entry_failing (const RanahEntry *entry)
{
  return entry->last_check_at != 0 && !entry->last_check_ok;
}

static void
count_registry (RanahReport *report,
                GPtrArray   *entries,
                GPtrArray   *events)
{
  g_autoptr(GHashTable) by_opd = g_hash_table_new (g_int64_hash, g_int64_equal);

  report->registry.opd_name = g_strdup ("");
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      RanahEntry *entry = g_ptr_array_index (entries, i);
      RanahRegistryFigures *f = g_hash_table_lookup (by_opd, &entry->opd_id);
      RanahRegistryFigures *sums[2];

      if (f == NULL)
        {
          f = g_new0 (RanahRegistryFigures, 1);
          f->opd_id = entry->opd_id;
          f->opd_name = g_strdup (nonempty (entry->opd_name, "-"));
          g_ptr_array_add (report->registry_opds, f);
          g_hash_table_insert (by_opd, &f->opd_id, f);
        }
      sums[0] = f;
      sums[1] = &report->registry;
      for (guint k = 0; k < 2; k++)
        switch (entry->status)
          {
          case RANAH_ENTRY_ACTIVE:
            sums[k]->active++;
            break;
          case RANAH_ENTRY_SUSPENDED:
            sums[k]->suspended++;
            break;
          case RANAH_ENTRY_REVOKED:
            sums[k]->revoked++;
            break;
          default:
            break;
          }
      if (entry->status == RANAH_ENTRY_ACTIVE && entry_failing (entry))
        {
          f->failing++;
          report->registry.failing++;
          g_ptr_array_add (report->failing, g_strdup (nonempty (entry->fqdn, entry->name)));
        }
    }
  g_ptr_array_sort (report->registry_opds, registry_by_name);
}

RanahReport *
ranah_report_compute (RanahCalendar *calendar,
                      GPtrArray     *requests,
                      GPtrArray     *events,
                      GPtrArray     *entries,
                      const char    *from_date,
                      const char    *to_date,
                      gint64         from,
                      gint64         to,
                      gint64         now)
{
  RanahReport *report;

  g_return_val_if_fail (calendar != NULL, NULL);
  g_return_val_if_fail (from_date != NULL && to_date != NULL, NULL);

  report = g_new0 (RanahReport, 1);
  report->from = from;
  report->to = to;
  report->from_date = g_strdup (from_date);
  report->to_date = g_strdup (to_date);
  report->now = now;
  report->open_items = g_ptr_array_new_with_free_func ((GDestroyNotify) open_item_free);
  report->opds = g_ptr_array_new_with_free_func ((GDestroyNotify) opd_figures_free);
  report->months = g_ptr_array_new_with_free_func ((GDestroyNotify) month_figures_free);
  report->registry_opds = g_ptr_array_new_with_free_func ((GDestroyNotify) registry_figures_free);
  report->failing = g_ptr_array_new_with_free_func (g_free);

  measure_stays (report, calendar, events, requests);
  count_requests (report, calendar, requests);
  count_registry (report, entries, events);
  return report;
}

void
ranah_report_free (RanahReport *report)
{
  if (report == NULL)
    return;
  g_free (report->from_date);
  g_free (report->to_date);
  g_free (report->registry.opd_name);
  g_ptr_array_unref (report->open_items);
  g_ptr_array_unref (report->opds);
  g_ptr_array_unref (report->months);
  g_ptr_array_unref (report->registry_opds);
  g_ptr_array_unref (report->failing);
  g_free (report);
}

/* ---- output ---------------------------------------------------------------------------- */

static char *
format_days (double days)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.2f", days));
}

char *
ranah_report_compliance_csv (const RanahReport *report)
{
  GString *out = g_string_new (NULL);
  const char *header[] = {
    "langkah", "pelaksana", "uraian", "kelengkapan", "waktu_standar_hari", "output",
    "jumlah_diukur", "median_hari", "persentil_90_hari", "dalam_standar", "persen_dalam_standar",
    NULL
  };

  g_return_val_if_fail (report != NULL, NULL);

  ranah_csv_append_row (out, header);
  for (guint step = 1; step <= RANAH_REPORT_N_STEPS; step++)
    {
      const RanahSopStep *sop = ranah_workflow_sop_step (step);
      const RanahStepFigures *f = &report->steps[step];
      g_autofree char *number = g_strdup_printf ("%u", step);
      g_autofree char *standard = sop->standard_days > 0
                                  ? g_strdup_printf ("%u", sop->standard_days) : g_strdup ("");
      g_autofree char *n = g_strdup_printf ("%u", f->n);
      g_autofree char *median = f->n > 0 ? format_days (f->median_days) : g_strdup ("");
      g_autofree char *p90 = f->n > 0 ? format_days (f->p90_days) : g_strdup ("");
      g_autofree char *within = f->share_within >= 0 ? g_strdup_printf ("%u", f->n_within)
                                                     : g_strdup ("");
      g_autofree char *share = f->share_within >= 0
                               ? g_strdup_printf ("%.0f", f->share_within * 100.0)
                               : g_strdup ("");
      const char *row[] = {
        /* "-" would reach a spreadsheet as "'-" (the CSV writer's formula guard). */
        number, ranah_role_title (sop->actor), sop->description,
        g_strcmp0 (sop->kelengkapan, "-") == 0 ? "" : sop->kelengkapan, standard,
        sop->output, n, median, p90, within, share, NULL
      };

      ranah_csv_append_row (out, row);
    }
  return g_string_free (out, FALSE);
}

static void
json_string (GString    *out,
             const char *value)
{
  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
json_key (GString    *out,
          const char *key)
{
  json_string (out, key);
  g_string_append_c (out, ':');
}

static void
json_number (GString *out,
             double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    g_string_append (out, "null");
  else
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.4f", value));
}

static void
json_share (GString *out,
            double   share)
{
  if (share < 0)
    g_string_append (out, "null");
  else
    json_number (out, share);
}

char *
ranah_report_to_json (const RanahReport *report)
{
  GString *out = g_string_new ("{");

  g_return_val_if_fail (report != NULL, NULL);

  json_key (out, "from");
  json_string (out, report->from_date);
  g_string_append_c (out, ',');
  json_key (out, "to");
  json_string (out, report->to_date);

  g_string_append (out, ",\"steps\":[");
  for (guint step = 1; step <= RANAH_REPORT_N_STEPS; step++)
    {
      const RanahStepFigures *f = &report->steps[step];

      g_string_append_printf (out, "%s{\"step\":%u,\"role\":", step > 1 ? "," : "", step);
      json_string (out, ranah_role_to_string (f->role));
      g_string_append_printf (out, ",\"standard_days\":%u,\"n\":%u,\"n_within\":%u,"
                                   "\"median_days\":", f->standard_days, f->n, f->n_within);
      json_number (out, f->median_days);
      g_string_append (out, ",\"p90_days\":");
      json_number (out, f->p90_days);
      g_string_append (out, ",\"share_within\":");
      json_share (out, f->share_within);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "],\"roles\":[");
  {
    gboolean first = TRUE;

    for (guint role = RANAH_ROLE_OPD; role <= RANAH_ROLE_STAF; role++)
      {
        const RanahRoleFigures *f = &report->roles[role];

        g_string_append (out, first ? "{\"role\":" : ",{\"role\":");
        first = FALSE;
        json_string (out, ranah_role_to_string (role));
        g_string_append_printf (out, ",\"n\":%u,\"n_standard\":%u,\"n_within\":%u,"
                                     "\"median_days\":", f->n, f->n_standard, f->n_within);
        json_number (out, f->median_days);
        g_string_append (out, ",\"p90_days\":");
        json_number (out, f->p90_days);
        g_string_append (out, ",\"share_within\":");
        json_share (out, f->share_within);
        g_string_append_c (out, '}');
      }
  }
  g_string_append_printf (out, "],\"open\":{\"total\":%u,\"overdue\":%u,\"by_age\":[",
                          report->open_total, report->open_overdue);
  for (guint b = 0; b < RANAH_REPORT_N_AGES; b++)
    {
      g_string_append (out, b ? ",{\"working_days\":" : "{\"working_days\":");
      json_string (out, age_labels[b]);
      g_string_append_printf (out, ",\"count\":%u}", report->open_by_age[b]);
    }
  g_string_append (out, "],\"items\":[");
  for (guint i = 0; i < report->open_items->len; i++)
    {
      const RanahOpenItem *item = g_ptr_array_index (report->open_items, i);

      g_string_append_printf (out, "%s{\"request\":%" G_GINT64_FORMAT ",\"fqdn\":",
                              i ? "," : "", item->request_id);
      json_string (out, item->fqdn);
      g_string_append (out, ",\"opd\":");
      json_string (out, item->opd_name);
      g_string_append (out, ",\"state\":");
      json_string (out, ranah_state_to_string (item->state));
      g_string_append_printf (out, ",\"step\":%u,\"age_days\":", item->step);
      json_number (out, item->age_days);
      g_string_append (out, ",\"waited_days\":");
      json_number (out, item->waited_days);
      g_string_append_printf (out, ",\"overdue\":%s}", item->overdue ? "true" : "false");
    }
  g_string_append_printf (out, "]},\"received\":%u,\"opds\":[", report->received);
  for (guint i = 0; i < report->opds->len; i++)
    {
      const RanahOpdFigures *f = g_ptr_array_index (report->opds, i);

      g_string_append (out, i ? ",{\"opd\":" : "{\"opd\":");
      json_string (out, f->opd_name);
      g_string_append_printf (out, ",\"total\":%u,\"approved\":%u,\"refused\":%u,"
                                   "\"pending\":%u,\"withdrawn\":%u,\"done\":%u}",
                              f->total, f->approved, f->refused, f->pending, f->withdrawn,
                              f->done);
    }
  g_string_append (out, "],\"months\":[");
  for (guint i = 0; i < report->months->len; i++)
    {
      const RanahMonthFigures *f = g_ptr_array_index (report->months, i);

      g_string_append (out, i ? ",{\"month\":" : "{\"month\":");
      json_string (out, f->month);
      g_string_append_printf (out, ",\"count\":%u}", f->count);
    }
  g_string_append_printf (out, "],\"registry\":{\"active\":%u,\"suspended\":%u,"
                               "\"revoked\":%u,\"failing\":%u,\"failing_names\":[",
                          report->registry.active, report->registry.suspended,
                          report->registry.revoked, report->registry.failing);
  for (guint i = 0; i < report->failing->len; i++)
    {
      if (i)
        g_string_append_c (out, ',');
      json_string (out, g_ptr_array_index (report->failing, i));
    }
  g_string_append (out, "],\"by_opd\":[");
  for (guint i = 0; i < report->registry_opds->len; i++)
    {
      const RanahRegistryFigures *f = g_ptr_array_index (report->registry_opds, i);

      g_string_append (out, i ? ",{\"opd\":" : "{\"opd\":");
      json_string (out, f->opd_name);
      g_string_append_printf (out, ",\"active\":%u,\"suspended\":%u,\"revoked\":%u,"
                                   "\"failing\":%u}",
                              f->active, f->suspended, f->revoked, f->failing);
    }
  g_string_append (out, "]}}\n");
  return g_string_free (out, FALSE);
}

/* ---- the public list ------------------------------------------------------------------- */

static gboolean
is_public (const RanahEntry *entry)
{
  gboolean any_public = FALSE;

  if (entry->status != RANAH_ENTRY_ACTIVE)
    return FALSE;
  if (entry->records == NULL || entry->records->len == 0)
    return TRUE;
  for (guint i = 0; i < entry->records->len; i++)
    if (!((RanahRecord *) g_ptr_array_index (entry->records, i))->internal)
      any_public = TRUE;
  return any_public;
}

static gint
entry_by_name (gconstpointer a,
               gconstpointer b)
{
  const RanahEntry *x = *(RanahEntry * const *) a;
  const RanahEntry *y = *(RanahEntry * const *) b;

  return g_strcmp0 (x->name, y->name);
}

static GPtrArray *
public_entries (GPtrArray *entries)
{
  GPtrArray *list = g_ptr_array_new ();

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    if (is_public (g_ptr_array_index (entries, i)))
      g_ptr_array_add (list, g_ptr_array_index (entries, i));
  g_ptr_array_sort (list, entry_by_name);
  return list;
}

char *
ranah_report_public_csv (GPtrArray *entries)
{
  g_autoptr(GPtrArray) list = public_entries (entries);
  GString *out = g_string_new (NULL);
  const char *header[] = { "name", "fqdn", "opd", "purpose", "activated_on", NULL };

  ranah_csv_append_row (out, header);
  for (guint i = 0; i < list->len; i++)
    {
      const RanahEntry *e = g_ptr_array_index (list, i);
      const char *row[] = {
        nonempty (e->name, ""), nonempty (e->fqdn, ""), nonempty (e->opd_name, ""),
        nonempty (e->purpose, ""), nonempty (e->activated_on, ""), NULL
      };

      ranah_csv_append_row (out, row);
    }
  return g_string_free (out, FALSE);
}

char *
ranah_report_public_json (GPtrArray *entries)
{
  g_autoptr(GPtrArray) list = public_entries (entries);
  GString *out = g_string_new ("[");

  for (guint i = 0; i < list->len; i++)
    {
      const RanahEntry *e = g_ptr_array_index (list, i);

      g_string_append (out, i ? ",\n {\"name\":" : "\n {\"name\":");
      json_string (out, nonempty (e->name, ""));
      g_string_append (out, ",\"fqdn\":");
      json_string (out, nonempty (e->fqdn, ""));
      g_string_append (out, ",\"opd\":");
      json_string (out, nonempty (e->opd_name, ""));
      g_string_append (out, ",\"purpose\":");
      json_string (out, nonempty (e->purpose, ""));
      g_string_append (out, ",\"activated_on\":");
      json_string (out, e->activated_on != NULL && *e->activated_on ? e->activated_on : NULL);
      g_string_append_c (out, '}');
    }
  g_string_append (out, list->len ? "\n]\n" : "]\n");
  return g_string_free (out, FALSE);
}
