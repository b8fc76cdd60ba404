/* ranah-report.h — supervision figures of a period: time per step and role against the
 * SOP's standard, open items by age, requests per OPD, the registry, the public list
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure computation on what the store returns (requests, audit events, registry entries).
 *
 * How a step is measured: a request "stays" in a state from the event that entered it to
 * the event that left it; that stay is the time of the step the state waits for
 * (ranah_workflow_pending_step()), in working days (ranah_calendar_working_days()). Only
 * stays ended by the holder's own move count (the forward action, a refusal, a returned
 * draft); a withdrawal by the OPD or a recalled disposition measures nobody. A stay counts
 * in the period when the event that ended it falls in the period. Step 1 has no event that
 * enters it and is not measured; the stay its submission starts (step 2's) runs from the
 * moment the letter arrived (ranah_escalation_received_at ()).
 *
 * Statistics: the median is the middle value (the mean of the two middle values for an
 * even count); the 90th percentile is the nearest-rank value, the ⌈0.9·n⌉-th smallest. A
 * stay is within the standard when it ended by its due time, computed with the calendar
 * as it is now (office hours and holidays, ranah_calendar_add_working_days ()); an open
 * item is overdue by ranah_escalation_clock ().
 */
#pragma once

#include <glib.h>

#include "ranah-calendar.h"
#include "ranah-model.h"

G_BEGIN_DECLS

#define RANAH_REPORT_N_STEPS 10
#define RANAH_REPORT_N_AGES  5

typedef struct {
  guint      step;            /* 1..10 */
  RanahRole  role;            /* the SOP's actor */
  guint      standard_days;   /* 0 where the SOP sets none */
  guint      n;               /* stays measured */
  guint      n_within;        /* of those, within the standard (0 when there is none) */
  double     median_days;     /* 0 when n == 0 */
  double     p90_days;
  double     share_within;    /* n_within / n, or -1 when n == 0 or there is no standard */
} RanahStepFigures;

typedef struct {
  RanahRole  role;
  guint      n;               /* stays of the role's steps */
  guint      n_standard;      /* of those, at steps with a standard */
  guint      n_within;
  double     median_days;
  double     p90_days;
  double     share_within;    /* n_within / n_standard, or -1 */
} RanahRoleFigures;

typedef struct {
  gint64  opd_id;
  char   *opd_name;
  guint   total;              /* received in the period */
  guint   approved;           /* outcome approved (in progress or done) */
  guint   refused;
  guint   pending;            /* no decision yet */
  guint   withdrawn;
  guint   done;               /* step 10 reached */
} RanahOpdFigures;

typedef struct {
  char   *month;              /* "YYYY-MM" */
  guint   count;              /* requests received that month */
} RanahMonthFigures;

typedef struct {
  gint64  opd_id;
  char   *opd_name;
  guint   active;
  guint   suspended;
  guint   revoked;
  guint   failing;            /* active entries whose last health check failed */
} RanahRegistryFigures;

typedef struct {
  gint64  request_id;
  char   *fqdn;
  char   *opd_name;
  RanahState state;
  guint   step;
  double  age_days;           /* working days since the request was received */
  double  waited_days;        /* working days at its current step */
  gboolean overdue;
} RanahOpenItem;

typedef struct {
  gint64             from;               /* start of the first day, Unix seconds */
  gint64             to;                 /* end of the last day (exclusive) */
  char              *from_date;          /* YYYY-MM-DD */
  char              *to_date;
  gint64             now;

  RanahStepFigures   steps[RANAH_REPORT_N_STEPS + 1];   /* [1..10]; [0] unused */
  RanahRoleFigures   roles[RANAH_N_ROLES];              /* by RanahRole */

  /* open requests now, by working days since received:
   * < 1, 1–<3, 3–<5, 5–<10, ≥ 10 */
  guint              open_total;
  guint              open_overdue;
  guint              open_by_age[RANAH_REPORT_N_AGES];
  GPtrArray         *open_items;         /* RanahOpenItem*, oldest first */

  guint              received;           /* requests received in the period */
  GPtrArray         *opds;               /* RanahOpdFigures*, by name */
  GPtrArray         *months;             /* RanahMonthFigures*, every month of the period */

  RanahRegistryFigures registry;         /* totals (opd_id 0, opd_name "") */
  GPtrArray         *registry_opds;      /* RanahRegistryFigures*, by name */
  GPtrArray         *failing;            /* char* fqdn of active entries failing checks */
} RanahReport;

/* Labels of the open-age buckets ("< 1", "1–3", …), untranslated digits and dashes. */
const char  *ranah_report_age_label   (guint bucket);

/* The period [@from_date 00:00, @to_date + 1 day 00:00) in zone @tzid (NULL = UTC+8). */
gboolean     ranah_report_period      (const char  *tzid,
                                       const char  *from_date,
                                       const char  *to_date,
                                       gint64      *from,
                                       gint64      *to,
                                       GError     **error);

/* @requests: every request (RanahRequest*); @events: the whole audit trail (RanahEvent*),
 * in order; @entries: the registry (RanahEntry*). Any may be empty. */
RanahReport *ranah_report_compute     (RanahCalendar *calendar,
                                       GPtrArray     *requests,
                                       GPtrArray     *events,
                                       GPtrArray     *entries,
                                       const char    *from_date,
                                       const char    *to_date,
                                       gint64         from,
                                       gint64         to,
                                       gint64         now);
void         ranah_report_free        (RanahReport *report);

/* The percentile rules above, on @values sorted ascending (n > 0). */
double       ranah_report_median      (const double *values,
                                       guint         n);
double       ranah_report_p90         (const double *values,
                                       guint         n);

/* The SOP compliance sheet as CSV: one row per step with the SOP's own columns (step,
 * actor, description, kelengkapan, standard, output, in Indonesian) and the measured n,
 * median, 90th percentile and share within the standard. */
char        *ranah_report_compliance_csv (const RanahReport *report);

/* The whole report as one JSON object. */
char        *ranah_report_to_json     (const RanahReport *report);

/* The public list (UU 14/2008): active entries with name, fqdn, OPD, purpose and
 * activation date only — no contacts, no records; an entry whose every record is marked
 * internal is an internal service and is left out. Sorted by name. */
char        *ranah_report_public_csv  (GPtrArray *entries);
char        *ranah_report_public_json (GPtrArray *entries);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RanahReport, ranah_report_free)

G_END_DECLS
