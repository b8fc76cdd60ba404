/* ranah-escalation.h — the service-standard clock of open steps and who must be told
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SOP's Mutu Baku gives steps 2–4 and 7–9 one working day each. For an open request
 * the clock runs from the moment it reached its state (request->state_since; for a
 * letter still waiting for its first disposition, the moment it arrived) to its due time,
 * in office time only (ranah-calendar.h). The due time is computed here from the
 * calendar as it is when asked, never read from the store: a holiday declared, or office
 * hours changed, after a step started move its due time. ranah_escalation_clock () is the
 * one place that does it; the inbox, the request page, ranah-cli, the reports and the
 * notices all ask it. The holder of the step is warned once the profile's
 * "escalation-warn-percent" of that time is used (75 % by default); once the
 * "escalation-breach-percent" is reached (100 %: the step is overdue) the holder hears of
 * the breach and the holder's superior in the SOP's chain (Staf → Subkoor → Kabid → Kadis)
 * is told as well. Kadis has no superior: a breach at his own step goes to him alone.
 *
 * Pure computation: the caller passes the requests, the calendar and "now", and remembers
 * the alerts' keys to tell each person each thing once.
 */
#pragma once

#include <glib.h>

#include "ranah-calendar.h"
#include "ranah-model.h"

G_BEGIN_DECLS

typedef enum {
  RANAH_ALERT_WARN = 0,     /* to the holder: the threshold of the standard is used */
  RANAH_ALERT_BREACH,       /* to the holder: the step is past its standard */
  RANAH_ALERT_ESCALATED,    /* to the holder's superior: a step below is past its standard */
} RanahAlertKind;

/* "warn", "breach", "escalated". */
const char *ranah_alert_kind_to_string (RanahAlertKind kind);

/* Where the clock of a request's pending step stands. */
typedef struct {
  guint      step;           /* the SOP step waited for, 0 for closed requests */
  guint      standard_days;  /* 0 when the SOP sets no time for it */
  RanahRole  holder;         /* the role that acts next */
  gint64     started;        /* when the step began (ranah_escalation_started ()) */
  gint64     due_at;         /* 0 when there is no standard */
  double     used;           /* fraction of the standard used, in working time (1.0 = due) */
  double     waited_days;    /* working days since @started */
  gint64     waited_seconds; /* office seconds since @started */
  gboolean   overdue;        /* @now is at or past @due_at (used >= 1.0) */
} RanahClock;

/* Fills @clock for @request at @now with @calendar as it is (its holidays and office
 * hours); FALSE when the request is closed or its step has no standard (then @clock
 * still holds the step, holder and waited time). request->due_at is not read. */
gboolean    ranah_escalation_clock      (RanahCalendar      *calendar,
                                         const RanahRequest *request,
                                         gint64              now,
                                         RanahClock         *clock);

/* When the letter of @request arrived: request->received_at when the store keeps it,
 * else the office's opening on received_date (ranah_calendar_opening ()), or created_at
 * when the letter was entered on that date after opening; created_at when there is no
 * received date. */
gint64      ranah_escalation_received_at (RanahCalendar      *calendar,
                                          const RanahRequest *request);

/* When the clock of the pending step of @request started: state_since, except for a
 * letter waiting for its first disposition (still "submitted" since it was entered), whose
 * clock started when it arrived (the earlier of that and state_since). */
gint64      ranah_escalation_started    (RanahCalendar      *calendar,
                                         const RanahRequest *request);

/* The due time of the step a disposition handed over (the addressee's step, one working
 * day when the SOP sets none), from its creation and @calendar as it is now. */
gint64      ranah_escalation_disposition_due (RanahCalendar          *calendar,
                                              const RanahDisposition *disposition);

/* The superior of @role in the SOP's chain: Staf → Subkoor → Kabid → Kadis.
 * RANAH_ROLE_NONE for Kadis (the top) and for roles outside the chain. */
RanahRole   ranah_escalation_superior   (RanahRole role);

/* The role that holds a request in @state: the one role of the table's holders for the
 * state's forward action; RANAH_ROLE_NONE for closed states. */
RanahRole   ranah_escalation_holder     (RanahState state);

typedef struct {
  gint64          request_id;
  char           *fqdn;
  RanahState      state;
  guint           step;
  RanahRole       holder;        /* who holds the step */
  gint64          holder_id;     /* the assignee, 0 when any user of the role holds it */
  RanahRole       recipient;     /* who is told: the holder or the holder's superior */
  RanahAlertKind  kind;
  gint64          due_at;
  double          used;          /* fraction of the standard used */
  char           *message;       /* one translated sentence */
  char           *key;           /* "<request>:<state>:<since>:<kind>": tell once per key */
} RanahAlert;

void        ranah_alert_free            (RanahAlert *alert);

typedef struct {
  guint warn_percent;     /* default 75 */
  guint breach_percent;   /* default 100 */
} RanahThresholds;

/* The thresholds from a profile (missing or unreadable values give the defaults; warn is
 * kept within 1..breach, breach within 1..1000). */
void        ranah_thresholds_from_profile (GHashTable      *profile,
                                           RanahThresholds *thresholds);

/* The alerts (RanahAlert*) that user @user_id holding @role should have now about
 * @requests (RanahRequest*): a warning or breach for each open step they hold (an assigned
 * step only when assigned to them), and an escalation for each breached step held by the
 * role just below theirs. Most used first. @thresholds NULL = the defaults. */
GPtrArray  *ranah_escalation_for_user   (RanahCalendar         *calendar,
                                         GPtrArray             *requests,
                                         RanahRole              role,
                                         gint64                 user_id,
                                         gint64                 now,
                                         const RanahThresholds *thresholds);

/* Every alert due now for anyone, one per (request, recipient role, kind). */
GPtrArray  *ranah_escalation_all        (RanahCalendar         *calendar,
                                         GPtrArray             *requests,
                                         gint64                 now,
                                         const RanahThresholds *thresholds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RanahAlert, ranah_alert_free)

G_END_DECLS
