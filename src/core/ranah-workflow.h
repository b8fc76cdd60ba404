/* ranah-workflow.h — the workflow table: the single source of truth of who may do what
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One static table lists each transition of the SOP "Pembuatan Subdomain": its step, the
 * state it leaves, the action, the state it reaches, the roles that may perform it, its
 * Kelengkapan, its Output and its service standard in working days. The UI's buttons, the
 * CLI's verbs, both stores' checks, the inbox and the reports read it; nothing else may
 * encode who may do what.
 */
#pragma once

#include "ranah-types.h"

G_BEGIN_DECLS

typedef struct {
  guint        step;           /* SOP step 1..10 this transition performs (or returns to) */
  RanahState   from;
  RanahAction  action;
  RanahState   to;
  RanahRoleSet roles;
  RanahActor   actor;
  RanahNeeds   needs;          /* Kelengkapan */
  RanahOutput  output;
  guint        standard_days;  /* Waktu in working days, 0 where the SOP sets none */
} RanahTransition;

const RanahTransition *ranah_workflow_table        (guint *n_transitions);

/* The transition for (from, action), or NULL when the action is not open in that state. */
const RanahTransition *ranah_workflow_find         (RanahState  from,
                                                    RanahAction action);

/* Transitions open from @state to @role, in table order. Free the array, not its items. */
GPtrArray             *ranah_workflow_next_actions (RanahState  state,
                                                    RanahRole   role);

/* What a request needs to move: filled by the caller from the store. */
typedef struct {
  /* who asks */
  gint64   user_id;
  gint64   user_opd_id;            /* 0 for DKISP users */
  /* the request */
  gint64   request_opd_id;
  gint64   assignee_id;            /* 0 when the state has no assignee */
  gint64   disposition_sender_id;  /* sender of the last live disposition, 0 if none */
  gboolean has_request_letter;
  gboolean has_disposition;
  guint    n_records;
  guint    n_created_records;
  gboolean has_registry_entry;
  gboolean has_draft_letter;
  gboolean has_signed_letter;
  gboolean disposition_unread;
  RanahOutcome outcome;
} RanahFacts;

/* Checks role, state and Kelengkapan for @action on a request in @state. On failure sets
 * RANAH_CORE_ERROR_{PERMISSION,STATE,INCOMPLETE,VALIDATION} with one sentence that names
 * what is wrong (for INCOMPLETE: which record is missing). @note may be NULL. */
const RanahTransition *ranah_workflow_check        (RanahState        state,
                                                    RanahAction       action,
                                                    RanahRole         role,
                                                    const RanahFacts *facts,
                                                    const char       *note,
                                                    GError          **error);

/* The step a request in @state waits for (2 for SUBMITTED, …), 0 for closed states. */
guint                  ranah_workflow_pending_step (RanahState state);

/* The roles that act next on a request in @state (the inbox holders). */
RanahRoleSet           ranah_workflow_holders      (RanahState state);

/* The standard in working days of the step a request in @state waits for, 0 if none. */
guint                  ranah_workflow_standard_days (RanahState state);

/* The forward (SOP) action out of @state, RANAH_ACTION_NONE for closed states. */
RanahAction            ranah_workflow_forward_action (RanahState state);

/* Text of the SOP's step @step (1..10): actor, description, Kelengkapan and Output, in
 * Indonesian, for reports and the compliance sheet. */
typedef struct {
  guint        step;
  RanahRole    actor;
  RanahRole    next_actor;   /* RANAH_ROLE_NONE where the SOP names none */
  const char  *description;
  const char  *kelengkapan;
  const char  *output;
  guint        standard_days;
} RanahSopStep;

const RanahSopStep    *ranah_workflow_sop_step     (guint step);

G_END_DECLS
