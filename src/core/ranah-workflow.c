/* ranah-workflow.c — the workflow table of the SOP "Pembuatan Subdomain"
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "ranah-error.h"
#include "ranah-workflow.h"

#define R(role) RANAH_ROLE_BIT (RANAH_ROLE_##role)
#define S(state) RANAH_STATE_##state
#define A(action) RANAH_ACTION_##action
#define N(need) RANAH_NEEDS_##need
#define O(output) RANAH_OUTPUT_##output
#define ANY RANAH_ACTOR_ANY_IN_ROLE
#define ASSIGNEE RANAH_ACTOR_ASSIGNEE
#define SENDER RANAH_ACTOR_SENDER

/* Read this table against SOP.md. Side paths (returning a draft, declining, withdrawing,
 * recalling a disposition) carry the step they interrupt or return to. */
static const RanahTransition workflow[] = {
  /* step from         action                 to           roles              actor     needs                                     output                 days */
  {  1, S (NONE),       A (SUBMIT),             S (SUBMITTED),  R (OPD) | R (STAF), ANY,      N (RECORDS),                                O (REQUEST_LETTER),     1 },
  {  2, S (SUBMITTED),  A (DISPOSE_TO_KABID),   S (AT_KABID),   R (KADIS),          ANY,      N (REQUEST_LETTER),                         O (DISPOSITION),        1 },
  {  3, S (AT_KABID),   A (DISPOSE_TO_SUBKOOR), S (AT_SUBKOOR), R (KABID),          ASSIGNEE, N (DISPOSITION),                            O (DISPOSITION),        1 },
  {  4, S (AT_SUBKOOR), A (DISPOSE_TO_STAF),    S (AT_STAF),    R (SUBKOOR),        ASSIGNEE, N (DISPOSITION),                            O (DISPOSITION),        1 },
  {  5, S (AT_STAF),    A (CREATE),             S (CREATED),    R (STAF),           ASSIGNEE, N (DISPOSITION) | N (RECORDS),              O (CREATED_RECORDS),    0 },
  {  6, S (CREATED),    A (REPORT),             S (DRAFTING),   R (STAF),           ASSIGNEE, N (CREATED_RECORDS),                        O (CREATION_REPORT),    0 },
  {  7, S (DRAFTING),   A (DRAFT),              S (DRAFTED),    R (SUBKOOR),        ANY,      N (CREATED_RECORDS),                        O (REGISTRY_AND_DRAFT), 1 },
  {  8, S (DRAFTED),    A (REVIEW),             S (REVIEWED),   R (KABID),          ANY,      N (DRAFT_LETTER) | N (REGISTRY_ENTRY),      O (REVIEWED_DRAFT),     1 },
  {  9, S (REVIEWED),   A (SIGN),               S (SENT),       R (KADIS),          ANY,      N (DRAFT_LETTER) | N (REGISTRY_ENTRY),      O (SIGNED_LETTER),      1 },
  { 10, S (SENT),       A (RECEIVE),            S (DONE),       R (OPD) | R (STAF), ANY,      N (SIGNED_LETTER),                          O (RECEIPT),            0 },

  /* A draft goes back to step 7 with a note saying what to change. */
  {  8, S (DRAFTED),    A (RETURN_DRAFT),       S (DRAFTING),   R (KABID),          ANY,      N (NOTE),                                   O (NOTE),               1 },
  {  9, S (REVIEWED),   A (RETURN_DRAFT),       S (DRAFTING),   R (KADIS),          ANY,      N (NOTE),                                   O (NOTE),               1 },

  /* A refusal still goes out as a Surat Tanggapan through steps 7–10. */
  {  2, S (SUBMITTED),  A (DECLINE),            S (DRAFTING),   R (KADIS),          ANY,      N (REQUEST_LETTER) | N (NOTE),              O (REFUSAL),            1 },
  {  3, S (AT_KABID),   A (DECLINE),            S (DRAFTING),   R (KABID),          ASSIGNEE, N (NOTE),                                   O (REFUSAL),            1 },
  {  4, S (AT_SUBKOOR), A (DECLINE),            S (DRAFTING),   R (SUBKOOR),        ASSIGNEE, N (NOTE),                                   O (REFUSAL),            1 },

  /* The OPD may withdraw until the subdomain exists (before step 5 is done). */
  {  2, S (SUBMITTED),  A (WITHDRAW),           S (WITHDRAWN),  R (OPD),            ANY,      N (NOTE),                                   O (NOTE),               0 },
  {  3, S (AT_KABID),   A (WITHDRAW),           S (WITHDRAWN),  R (OPD),            ANY,      N (NOTE),                                   O (NOTE),               0 },
  {  4, S (AT_SUBKOOR), A (WITHDRAW),           S (WITHDRAWN),  R (OPD),            ANY,      N (NOTE),                                   O (NOTE),               0 },
  {  5, S (AT_STAF),    A (WITHDRAW),           S (WITHDRAWN),  R (OPD),            ANY,      N (NOTE),                                   O (NOTE),               0 },

  /* The sender takes back a disposition nobody has read yet. */
  {  2, S (AT_KABID),   A (RECALL_DISPOSITION), S (SUBMITTED),  R (KADIS),          SENDER,   N (UNREAD_DISPOSITION),                     O (NOTE),               0 },
  {  3, S (AT_SUBKOOR), A (RECALL_DISPOSITION), S (AT_KABID),   R (KABID),          SENDER,   N (UNREAD_DISPOSITION),                     O (NOTE),               0 },
  {  4, S (AT_STAF),    A (RECALL_DISPOSITION), S (AT_SUBKOOR), R (SUBKOOR),        SENDER,   N (UNREAD_DISPOSITION),                     O (NOTE),               0 },
};

static const RanahSopStep sop_steps[] = {
  { 1, RANAH_ROLE_OPD, RANAH_ROLE_KADIS,
    "Mengirimkan surat permohonan penerbitan subdomain",
    "-", "Surat Permohonan", 1 },
  { 2, RANAH_ROLE_KADIS, RANAH_ROLE_KABID,
    "Mendisposisikan surat permohonan kepada Kepala Bidang",
    "Surat Permohonan", "Surat Disposisi", 1 },
  { 3, RANAH_ROLE_KABID, RANAH_ROLE_SUBKOOR,
    "Mendisposisikan kepada Sub Koordinator",
    "Surat Disposisi", "Surat Disposisi", 1 },
  { 4, RANAH_ROLE_SUBKOOR, RANAH_ROLE_STAF,
    "Mendisposisikan kepada Staf untuk membuat subdomain",
    "Surat Disposisi", "Surat Disposisi", 1 },
  { 5, RANAH_ROLE_STAF, RANAH_ROLE_NONE,
    "Membuat subdomain sesuai disposisi",
    "Surat Disposisi", "Pembuatan Subdomain", 0 },
  { 6, RANAH_ROLE_STAF, RANAH_ROLE_SUBKOOR,
    "Melaporkan pembuatan subdomain",
    "Pembuatan Subdomain", "Laporan pembuatan subdomain", 0 },
  { 7, RANAH_ROLE_SUBKOOR, RANAH_ROLE_KABID,
    "Memperbarui daftar subdomain, melaporkan dan membuat konsep surat tanggapan",
    "Pembuatan Subdomain", "1. Daftar subdomain terbaru 2. Konsep Surat Tanggapan", 1 },
  { 8, RANAH_ROLE_KABID, RANAH_ROLE_KADIS,
    "Melaporkan pembuatan subdomain dan menyerahkan konsep surat tanggapan",
    "1. Daftar subdomain terbaru 2. Konsep Surat Tanggapan",
    "Surat Tanggapan atas Permohonan Pembuatan Subdomain", 1 },
  { 9, RANAH_ROLE_KADIS, RANAH_ROLE_OPD,
    "Mengirimkan surat tanggapan kepada OPD",
    "Surat Tanggapan", "Surat Tanggapan terkirim", 1 },
  { 10, RANAH_ROLE_OPD, RANAH_ROLE_NONE,
    "Menerima surat tanggapan (selesai)",
    "Surat Tanggapan terkirim", "Surat Tanggapan diterima", 0 },
};

const RanahTransition *
ranah_workflow_table (guint *n_transitions)
{
  g_return_val_if_fail (n_transitions != NULL, NULL);

  *n_transitions = G_N_ELEMENTS (workflow);
  return workflow;
}

const RanahTransition *
ranah_workflow_find (RanahState  from,
                     RanahAction action)
{
  for (guint i = 0; i < G_N_ELEMENTS (workflow); i++)
    if (workflow[i].from == from && workflow[i].action == action)
      return &workflow[i];
  return NULL;
}

GPtrArray *
ranah_workflow_next_actions (RanahState state,
                             RanahRole  role)
{
  GPtrArray *result = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (workflow); i++)
    if (workflow[i].from == state && (workflow[i].roles & RANAH_ROLE_BIT (role)) != 0)
      g_ptr_array_add (result, (gpointer) &workflow[i]);

  return result;
}

RanahAction
ranah_workflow_forward_action (RanahState state)
{
  /* The forward transition is the first one listed for a state. */
  for (guint i = 0; i < G_N_ELEMENTS (workflow); i++)
    if (workflow[i].from == state && state != RANAH_STATE_NONE)
      return workflow[i].action;
  return RANAH_ACTION_NONE;
}

guint
ranah_workflow_pending_step (RanahState state)
{
  const RanahTransition *t = ranah_workflow_find (state, ranah_workflow_forward_action (state));

  return t != NULL ? t->step : 0;
}

guint
ranah_workflow_standard_days (RanahState state)
{
  const RanahTransition *t = ranah_workflow_find (state, ranah_workflow_forward_action (state));

  return t != NULL ? t->standard_days : 0;
}

RanahRoleSet
ranah_workflow_holders (RanahState state)
{
  const RanahTransition *t = ranah_workflow_find (state, ranah_workflow_forward_action (state));

  return t != NULL ? t->roles : 0;
}

const RanahSopStep *
ranah_workflow_sop_step (guint step)
{
  g_return_val_if_fail (step >= 1 && step <= G_N_ELEMENTS (sop_steps), NULL);

  return &sop_steps[step - 1];
}

static gboolean
is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

static gboolean
check_needs (const RanahTransition *t,
             const RanahFacts      *facts,
             const char            *note,
             GError               **error)
{
  RanahNeeds needs = t->needs;
  guint step = t->step;

  if (facts->outcome == RANAH_OUTCOME_REFUSED)
    needs &= ~RANAH_NEEDS_APPROVAL_ONLY;

  if ((needs & RANAH_NEEDS_NOTE) && is_blank (note))
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   t->action == RANAH_ACTION_DECLINE
                   ? _("A reason is required to decline a request.")
                   : _("A note is required for this action."));
      return FALSE;
    }
  if ((needs & RANAH_NEEDS_REQUEST_LETTER) && !facts->has_request_letter)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_INCOMPLETE,
                   _("Step %u needs the scanned request letter (Surat Permohonan) on file."), step);
      return FALSE;
    }
  if ((needs & RANAH_NEEDS_DISPOSITION) && !facts->has_disposition)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_INCOMPLETE,
                   _("Step %u needs the disposition (Surat Disposisi) from the previous step."), step);
      return FALSE;
    }
  if ((needs & RANAH_NEEDS_RECORDS) && facts->n_records == 0)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_INCOMPLETE,
                   _("Step %u needs at least one DNS record for the requested name."), step);
      return FALSE;
    }
  if ((needs & RANAH_NEEDS_CREATED_RECORDS)
      && (facts->n_records == 0 || facts->n_created_records < facts->n_records))
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_INCOMPLETE,
                   _("Step %u needs every record of the subdomain marked as created (Pembuatan Subdomain)."),
                   step);
      return FALSE;
    }
  if ((needs & RANAH_NEEDS_DRAFT_LETTER) && !facts->has_draft_letter)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_INCOMPLETE,
                   _("Step %u needs the draft response letter (konsep Surat Tanggapan)."), step);
      return FALSE;
    }
  if ((needs & RANAH_NEEDS_REGISTRY_ENTRY) && !facts->has_registry_entry)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_INCOMPLETE,
                   _("Step %u needs the subdomain entered in the registry (daftar subdomain)."), step);
      return FALSE;
    }
  if ((needs & RANAH_NEEDS_SIGNED_LETTER) && !facts->has_signed_letter)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_INCOMPLETE,
                   _("Step %u needs the signed response letter (Surat Tanggapan)."), step);
      return FALSE;
    }
  if ((needs & RANAH_NEEDS_UNREAD_DISPOSITION) && !facts->disposition_unread)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_STATE,
                   _("The disposition has already been read and can no longer be recalled."));
      return FALSE;
    }
  return TRUE;
}

const RanahTransition *
ranah_workflow_check (RanahState        state,
                      RanahAction       action,
                      RanahRole         role,
                      const RanahFacts *facts,
                      const char       *note,
                      GError          **error)
{
  const RanahTransition *t;
  gboolean any_state = FALSE;
  gboolean role_ok = FALSE;

  g_return_val_if_fail (facts != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Tell "not now" apart from "never you": an action this role performs somewhere in the
   * table is a state problem; one it never performs is a permission problem. */
  for (guint i = 0; i < G_N_ELEMENTS (workflow); i++)
    if (workflow[i].action == action)
      {
        any_state = TRUE;
        if (workflow[i].roles & RANAH_ROLE_BIT (role))
          role_ok = TRUE;
      }

  if (!any_state || !role_ok)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION,
                   _("The role %s may not perform “%s”."),
                   ranah_role_title (role), ranah_action_label (action));
      return NULL;
    }

  t = ranah_workflow_find (state, action);
  if (t == NULL)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_STATE,
                   _("“%s” is not possible while the request is “%s”."),
                   ranah_action_label (action), ranah_state_label (state));
      return NULL;
    }

  if ((t->roles & RANAH_ROLE_BIT (role)) == 0)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION,
                   _("At step %u, “%s” is for %s, not %s."),
                   t->step, ranah_action_label (action),
                   ranah_role_title (__builtin_ctz (t->roles)), ranah_role_title (role));
      return NULL;
    }

  if (role == RANAH_ROLE_OPD && facts->user_opd_id != facts->request_opd_id)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION,
                   _("This request belongs to another OPD."));
      return NULL;
    }

  if (t->actor == RANAH_ACTOR_ASSIGNEE && facts->assignee_id != 0
      && facts->assignee_id != facts->user_id)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION,
                   _("This request was disposed to another official."));
      return NULL;
    }

  if (t->actor == RANAH_ACTOR_SENDER && facts->disposition_sender_id != facts->user_id)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION,
                   _("Only the sender may recall a disposition."));
      return NULL;
    }

  if (!check_needs (t, facts, note, error))
    return NULL;

  return t;
}
