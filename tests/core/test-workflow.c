/* test-workflow.c — the workflow table: who may do what, when, with what on file
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ranah-core.h"

#define USER 11
#define OTHER_USER 12
#define OPD 7
#define OTHER_OPD 8

/* Everything on file, the asking user the assignee and the sender, of the request's OPD. */
static RanahFacts
full_facts (RanahRole role)
{
  RanahFacts facts = {
    .user_id = USER,
    .user_opd_id = role == RANAH_ROLE_OPD ? OPD : 0,
    .request_opd_id = OPD,
    .assignee_id = USER,
    .disposition_sender_id = USER,
    .has_request_letter = TRUE,
    .has_disposition = TRUE,
    .n_records = 2,
    .n_created_records = 2,
    .has_registry_entry = TRUE,
    .has_draft_letter = TRUE,
    .has_signed_letter = TRUE,
    .disposition_unread = TRUE,
    .outcome = RANAH_OUTCOME_APPROVED,
  };
  return facts;
}

static gboolean
is_side_action (RanahAction action)
{
  return action == RANAH_ACTION_RETURN_DRAFT || action == RANAH_ACTION_DECLINE
         || action == RANAH_ACTION_WITHDRAW || action == RANAH_ACTION_RECALL_DISPOSITION;
}

static void
test_transitions_perform (void)
{
  guint n;
  const RanahTransition *table = ranah_workflow_table (&n);

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      const RanahTransition *t = &table[i];

      for (RanahRole role = RANAH_ROLE_NONE; role < RANAH_N_ROLES; role++)
        {
          RanahFacts facts = full_facts (role);
          g_autoptr(GError) error = NULL;
          const RanahTransition *done;

          if ((t->roles & RANAH_ROLE_BIT (role)) == 0)
            continue;
          for (RanahOutcome outcome = RANAH_OUTCOME_APPROVED; outcome <= RANAH_OUTCOME_REFUSED; outcome++)
            {
              facts.outcome = outcome;
              done = ranah_workflow_check (t->from, t->action, role, &facts, "catatan", &error);
              if (done == NULL)
                g_error ("%s → %s by %s refused: %s", ranah_state_to_string (t->from),
                         ranah_action_to_string (t->action), ranah_role_to_string (role),
                         error->message);
              g_assert_true (done == t);
              g_assert_cmpint (done->from, ==, t->from);
              g_assert_cmpint (done->to, ==, t->to);
              g_assert_true (ranah_workflow_find (t->from, t->action) == t);
            }
        }
      g_assert_cmpuint (t->step, >=, 1);
      g_assert_cmpuint (t->step, <=, 10);
      g_assert_cmpint (t->to, !=, t->from);
      g_assert_cmpint (t->output, !=, RANAH_OUTPUT_NONE);
    }
}

static void
test_every_combination (void)
{
  guint n_allowed = 0, n_refused = 0;

  for (RanahRole role = RANAH_ROLE_NONE; role < RANAH_N_ROLES; role++)
    for (RanahAction action = RANAH_ACTION_NONE; action < RANAH_N_ACTIONS; action++)
      for (RanahState state = RANAH_STATE_NONE; state < RANAH_N_STATES; state++)
        {
          RanahFacts facts = full_facts (role);
          const RanahTransition *t = ranah_workflow_find (state, action);
          gboolean allowed = t != NULL && (t->roles & RANAH_ROLE_BIT (role)) != 0;
          g_autoptr(GError) error = NULL;
          const RanahTransition *done;

          done = ranah_workflow_check (state, action, role, &facts, "catatan", &error);
          if (allowed)
            {
              if (done != t)
                g_error ("%s may %s in %s but was refused: %s", ranah_role_to_string (role),
                         ranah_action_to_string (action), ranah_state_to_string (state),
                         error != NULL ? error->message : "?");
              g_assert_no_error (error);
              n_allowed++;
            }
          else
            {
              if (done != NULL)
                g_error ("%s may not %s in %s but was allowed", ranah_role_to_string (role),
                         ranah_action_to_string (action), ranah_state_to_string (state));
              g_assert_nonnull (error);
              g_assert_true (error->domain == RANAH_CORE_ERROR);
              g_assert_true (error->code == RANAH_CORE_ERROR_PERMISSION
                             || error->code == RANAH_CORE_ERROR_STATE);
              /* A role that never performs the action is told "never you", not "not now". */
              if (t != NULL)
                g_assert_cmpint (error->code, ==, RANAH_CORE_ERROR_PERMISSION);
              g_assert_cmpstr (error->message, !=, "");
              n_refused++;
            }
        }

  {
    guint n;
    guint n_pairs = 0;
    const RanahTransition *table = ranah_workflow_table (&n);

    for (guint i = 0; i < n; i++)
      n_pairs += (guint) __builtin_popcount (table[i].roles);
    g_assert_cmpuint (n_allowed, ==, n_pairs);
  }
  g_assert_cmpuint (n_allowed + n_refused, ==, RANAH_N_ROLES * RANAH_N_ACTIONS * RANAH_N_STATES);
}

static void
test_admin_and_actors (void)
{
  guint n;
  const RanahTransition *table = ranah_workflow_table (&n);

  for (guint i = 0; i < n; i++)
    {
      const RanahTransition *t = &table[i];
      RanahRole role = (RanahRole) __builtin_ctz (t->roles);
      RanahFacts facts = full_facts (role);
      g_autoptr(GError) error = NULL;

      g_assert_cmpuint (t->roles, !=, 0);
      g_assert_cmpuint (t->roles & RANAH_ROLE_BIT (RANAH_ROLE_ADMIN), ==, 0);
      g_assert_cmpuint (t->roles & RANAH_ROLE_BIT (RANAH_ROLE_NONE), ==, 0);

      {
        RanahFacts admin = full_facts (RANAH_ROLE_ADMIN);
        g_assert_null (ranah_workflow_check (t->from, t->action, RANAH_ROLE_ADMIN, &admin,
                                             "catatan", &error));
        g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION);
        g_clear_error (&error);
      }

      /* OPD users act only on their own OPD's requests. */
      if (role == RANAH_ROLE_OPD)
        {
          facts.user_opd_id = OTHER_OPD;
          g_assert_null (ranah_workflow_check (t->from, t->action, role, &facts, "catatan", &error));
          g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION);
          g_clear_error (&error);
          facts.user_opd_id = OPD;
        }

      /* At an assignee's step only that official may act. */
      facts.assignee_id = OTHER_USER;
      if (t->actor == RANAH_ACTOR_ASSIGNEE)
        {
          g_assert_null (ranah_workflow_check (t->from, t->action, role, &facts, "catatan", &error));
          g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION);
          g_clear_error (&error);
        }
      else if (t->actor == RANAH_ACTOR_ANY_IN_ROLE)
        g_assert_true (ranah_workflow_check (t->from, t->action, role, &facts, "catatan", NULL) == t);
      facts.assignee_id = USER;

      /* Only the sender recalls a disposition. */
      facts.disposition_sender_id = OTHER_USER;
      if (t->actor == RANAH_ACTOR_SENDER)
        {
          g_assert_null (ranah_workflow_check (t->from, t->action, role, &facts, "catatan", &error));
          g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION);
          g_clear_error (&error);
        }
      else
        g_assert_true (ranah_workflow_check (t->from, t->action, role, &facts, "catatan", NULL) == t);
    }
}

typedef struct {
  RanahNeeds  need;
  const char *needle;   /* what the refusal must name */
  int         code;
} NeedCase;

static const NeedCase need_cases[] = {
  { RANAH_NEEDS_REQUEST_LETTER, "Surat Permohonan", RANAH_CORE_ERROR_INCOMPLETE },
  { RANAH_NEEDS_DISPOSITION, "Surat Disposisi", RANAH_CORE_ERROR_INCOMPLETE },
  { RANAH_NEEDS_RECORDS, "DNS record", RANAH_CORE_ERROR_INCOMPLETE },
  { RANAH_NEEDS_CREATED_RECORDS, "Pembuatan Subdomain", RANAH_CORE_ERROR_INCOMPLETE },
  { RANAH_NEEDS_REGISTRY_ENTRY, "registry", RANAH_CORE_ERROR_INCOMPLETE },
  { RANAH_NEEDS_DRAFT_LETTER, "konsep Surat Tanggapan", RANAH_CORE_ERROR_INCOMPLETE },
  { RANAH_NEEDS_SIGNED_LETTER, "signed response letter", RANAH_CORE_ERROR_INCOMPLETE },
  { RANAH_NEEDS_NOTE, NULL, RANAH_CORE_ERROR_VALIDATION },
  { RANAH_NEEDS_UNREAD_DISPOSITION, "already been read", RANAH_CORE_ERROR_STATE },
};

static void
remove_fact (RanahFacts  *facts,
             RanahNeeds   need,
             const char **note)
{
  switch (need)
    {
    case RANAH_NEEDS_REQUEST_LETTER: facts->has_request_letter = FALSE; break;
    case RANAH_NEEDS_DISPOSITION: facts->has_disposition = FALSE; break;
    case RANAH_NEEDS_RECORDS: facts->n_records = 0; facts->n_created_records = 0; break;
    case RANAH_NEEDS_CREATED_RECORDS: facts->n_created_records = 1; break;
    case RANAH_NEEDS_REGISTRY_ENTRY: facts->has_registry_entry = FALSE; break;
    case RANAH_NEEDS_DRAFT_LETTER: facts->has_draft_letter = FALSE; break;
    case RANAH_NEEDS_SIGNED_LETTER: facts->has_signed_letter = FALSE; break;
    case RANAH_NEEDS_NOTE: *note = "  \n"; break;
    case RANAH_NEEDS_UNREAD_DISPOSITION: facts->disposition_unread = FALSE; break;
    case RANAH_NEEDS_NOTHING:
    default: g_assert_not_reached ();
    }
}

static void
test_kelengkapan (void)
{
  guint n;
  const RanahTransition *table = ranah_workflow_table (&n);
  guint n_checked = 0;

  for (guint i = 0; i < n; i++)
    {
      const RanahTransition *t = &table[i];
      RanahRole role = (RanahRole) __builtin_ctz (t->roles);

      for (guint c = 0; c < G_N_ELEMENTS (need_cases); c++)
        for (RanahOutcome outcome = RANAH_OUTCOME_APPROVED; outcome <= RANAH_OUTCOME_REFUSED; outcome++)
          {
            RanahFacts facts = full_facts (role);
            const char *note = "catatan";
            g_autoptr(GError) error = NULL;
            const RanahTransition *done;
            gboolean applies = (t->needs & need_cases[c].need) != 0;

            /* A refusal creates no records and no registry entry. */
            if (outcome == RANAH_OUTCOME_REFUSED && (need_cases[c].need & RANAH_NEEDS_APPROVAL_ONLY))
              applies = FALSE;
            facts.outcome = outcome;
            remove_fact (&facts, need_cases[c].need, &note);
            done = ranah_workflow_check (t->from, t->action, role, &facts, note, &error);

            if (!applies)
              {
                /* Removing a record the step does not need changes nothing — except that
                 * created records are counted against all records. */
                if (need_cases[c].need == RANAH_NEEDS_RECORDS && outcome == RANAH_OUTCOME_APPROVED
                    && (t->needs & RANAH_NEEDS_CREATED_RECORDS))
                  continue;
                if (done != t)
                  g_error ("%s/%s refused for lacking %#x, which it does not need: %s",
                           ranah_state_to_string (t->from), ranah_action_to_string (t->action),
                           need_cases[c].need, error->message);
                continue;
              }
            if (done != NULL)
              g_error ("%s/%s ran without %#x", ranah_state_to_string (t->from),
                       ranah_action_to_string (t->action), need_cases[c].need);
            g_assert_error (error, RANAH_CORE_ERROR, need_cases[c].code);
            if (need_cases[c].need == RANAH_NEEDS_NOTE)
              g_assert_true (strstr (error->message, "note") != NULL
                             || strstr (error->message, "reason") != NULL);
            else if (strstr (error->message, need_cases[c].needle) == NULL)
              g_error ("“%s” does not name “%s”", error->message, need_cases[c].needle);
            if (need_cases[c].code == RANAH_CORE_ERROR_INCOMPLETE)
              {
                g_autofree char *step = g_strdup_printf ("Step %u", t->step);
                g_assert_true (g_str_has_prefix (error->message, step));
              }
            n_checked++;
          }
    }
  g_assert_cmpuint (n_checked, >, 20);
}

static void
test_kelengkapan_examples (void)
{
  RanahFacts facts = full_facts (RANAH_ROLE_KADIS);
  g_autoptr(GError) error = NULL;

  /* Step 2 without the request letter on file. */
  facts.has_request_letter = FALSE;
  g_assert_null (ranah_workflow_check (RANAH_STATE_SUBMITTED, RANAH_ACTION_DISPOSE_TO_KABID,
                                       RANAH_ROLE_KADIS, &facts, NULL, &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_INCOMPLETE);
  g_assert_cmpstr (error->message, ==,
                   "Step 2 needs the scanned request letter (Surat Permohonan) on file.");
  g_clear_error (&error);

  /* Step 6 without the created records. */
  facts = full_facts (RANAH_ROLE_STAF);
  facts.n_created_records = 0;
  g_assert_null (ranah_workflow_check (RANAH_STATE_CREATED, RANAH_ACTION_REPORT, RANAH_ROLE_STAF,
                                       &facts, NULL, &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_INCOMPLETE);
  g_clear_error (&error);

  /* Step 8 without the draft letter, then without the registry entry. */
  facts = full_facts (RANAH_ROLE_KABID);
  facts.has_draft_letter = FALSE;
  g_assert_null (ranah_workflow_check (RANAH_STATE_DRAFTED, RANAH_ACTION_REVIEW, RANAH_ROLE_KABID,
                                       &facts, NULL, &error));
  g_assert_nonnull (strstr (error->message, "draft response letter"));
  g_clear_error (&error);
  facts.has_draft_letter = TRUE;
  facts.has_registry_entry = FALSE;
  g_assert_null (ranah_workflow_check (RANAH_STATE_DRAFTED, RANAH_ACTION_REVIEW, RANAH_ROLE_KABID,
                                       &facts, NULL, &error));
  g_assert_nonnull (strstr (error->message, "registry"));
  g_clear_error (&error);
  /* A refusal has no registry entry and needs none. */
  facts.outcome = RANAH_OUTCOME_REFUSED;
  g_assert_nonnull (ranah_workflow_check (RANAH_STATE_DRAFTED, RANAH_ACTION_REVIEW,
                                          RANAH_ROLE_KABID, &facts, NULL, &error));
  g_assert_no_error (error);

  /* Declining needs a reason. */
  facts = full_facts (RANAH_ROLE_KADIS);
  g_assert_null (ranah_workflow_check (RANAH_STATE_SUBMITTED, RANAH_ACTION_DECLINE,
                                       RANAH_ROLE_KADIS, &facts, "", &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message, "reason"));
}

static void
test_forward_path (void)
{
  RanahState state = RANAH_STATE_SUBMITTED;
  guint expected_step = 2;

  g_assert_nonnull (ranah_workflow_find (RANAH_STATE_NONE, RANAH_ACTION_SUBMIT));
  g_assert_cmpuint (ranah_workflow_find (RANAH_STATE_NONE, RANAH_ACTION_SUBMIT)->step, ==, 1);

  for (RanahState s = RANAH_STATE_NONE; s < RANAH_N_STATES; s++)
    {
      guint n;
      const RanahTransition *table = ranah_workflow_table (&n);
      guint n_forward = 0;

      for (guint i = 0; i < n; i++)
        if (table[i].from == s && !is_side_action (table[i].action))
          {
            n_forward++;
            if (ranah_state_is_open (s))
              g_assert_cmpint (table[i].action, ==, ranah_workflow_forward_action (s));
          }
      if (ranah_state_is_open (s))
        {
          /* Every open state has exactly one way forward, and someone who holds it. */
          g_assert_cmpuint (n_forward, ==, 1);
          g_assert_cmpuint (ranah_workflow_holders (s), !=, 0);
          g_assert_cmpuint (ranah_workflow_pending_step (s), >=, 2);
        }
      else
        {
          g_assert_cmpint (ranah_workflow_forward_action (s), ==, RANAH_ACTION_NONE);
          g_assert_cmpuint (ranah_workflow_pending_step (s), ==, 0);
          if (s != RANAH_STATE_NONE)
            g_assert_cmpuint (n_forward, ==, 0);
        }
    }

  /* Following the forward actions from step 2 walks steps 2…10 in order and ends done. */
  while (ranah_state_is_open (state))
    {
      const RanahTransition *t = ranah_workflow_find (state, ranah_workflow_forward_action (state));

      g_assert_nonnull (t);
      g_assert_cmpuint (t->step, ==, expected_step);
      g_assert_cmpuint (ranah_workflow_pending_step (state), ==, expected_step);
      g_assert_cmpuint (ranah_workflow_standard_days (state), ==, t->standard_days);
      g_assert_cmpuint (ranah_workflow_sop_step (t->step)->step, ==, t->step);
      state = t->to;
      expected_step++;
    }
  g_assert_cmpint (state, ==, RANAH_STATE_DONE);
  g_assert_cmpuint (expected_step, ==, 11);
}

static void
test_next_actions (void)
{
  for (RanahState s = RANAH_STATE_NONE; s < RANAH_N_STATES; s++)
    for (RanahRole role = RANAH_ROLE_NONE; role < RANAH_N_ROLES; role++)
      {
        g_autoptr(GPtrArray) next = ranah_workflow_next_actions (s, role);
        guint n;
        const RanahTransition *table = ranah_workflow_table (&n);
        guint expected = 0;

        for (guint i = 0; i < n; i++)
          if (table[i].from == s && (table[i].roles & RANAH_ROLE_BIT (role)))
            expected++;
        g_assert_cmpuint (next->len, ==, expected);
        for (guint i = 0; i < next->len; i++)
          {
            const RanahTransition *t = g_ptr_array_index (next, i);
            g_assert_cmpint (t->from, ==, s);
            g_assert_cmpuint (t->roles & RANAH_ROLE_BIT (role), !=, 0);
          }
        if (role == RANAH_ROLE_ADMIN)
          g_assert_cmpuint (next->len, ==, 0);
      }
}

static void
test_side_paths (void)
{
  /* Declining leads to drafting a refusal; returning a draft goes back to step 7;
   * withdrawing is possible only before the subdomain exists. */
  g_assert_cmpint (ranah_workflow_find (RANAH_STATE_SUBMITTED, RANAH_ACTION_DECLINE)->to, ==,
                   RANAH_STATE_DRAFTING);
  g_assert_cmpint (ranah_workflow_find (RANAH_STATE_AT_KABID, RANAH_ACTION_DECLINE)->to, ==,
                   RANAH_STATE_DRAFTING);
  g_assert_cmpint (ranah_workflow_find (RANAH_STATE_AT_SUBKOOR, RANAH_ACTION_DECLINE)->to, ==,
                   RANAH_STATE_DRAFTING);
  g_assert_cmpint (ranah_workflow_find (RANAH_STATE_DRAFTED, RANAH_ACTION_RETURN_DRAFT)->to, ==,
                   RANAH_STATE_DRAFTING);
  g_assert_cmpint (ranah_workflow_find (RANAH_STATE_REVIEWED, RANAH_ACTION_RETURN_DRAFT)->to, ==,
                   RANAH_STATE_DRAFTING);
  g_assert_true (ranah_workflow_find (RANAH_STATE_DRAFTED, RANAH_ACTION_RETURN_DRAFT)->needs
                 & RANAH_NEEDS_NOTE);
  g_assert_true (ranah_workflow_find (RANAH_STATE_AT_STAF, RANAH_ACTION_DECLINE) == NULL);

  for (RanahState s = RANAH_STATE_NONE; s < RANAH_N_STATES; s++)
    {
      const RanahTransition *t = ranah_workflow_find (s, RANAH_ACTION_WITHDRAW);
      gboolean before_creation = s == RANAH_STATE_SUBMITTED || s == RANAH_STATE_AT_KABID
                                 || s == RANAH_STATE_AT_SUBKOOR || s == RANAH_STATE_AT_STAF;

      g_assert_true ((t != NULL) == before_creation);
      if (t != NULL)
        {
          g_assert_cmpint (t->to, ==, RANAH_STATE_WITHDRAWN);
          g_assert_cmpuint (t->roles, ==, RANAH_ROLE_BIT (RANAH_ROLE_OPD));
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ranah/core/workflow/transitions-perform", test_transitions_perform);
  g_test_add_func ("/ranah/core/workflow/every-combination", test_every_combination);
  g_test_add_func ("/ranah/core/workflow/admin-and-actors", test_admin_and_actors);
  g_test_add_func ("/ranah/core/workflow/kelengkapan", test_kelengkapan);
  g_test_add_func ("/ranah/core/workflow/kelengkapan-examples", test_kelengkapan_examples);
  g_test_add_func ("/ranah/core/workflow/forward-path", test_forward_path);
  g_test_add_func ("/ranah/core/workflow/next-actions", test_next_actions);
  g_test_add_func ("/ranah/core/workflow/side-paths", test_side_paths);

  return g_test_run ();
}
