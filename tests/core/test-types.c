/* test-types.c — the stable nicks of the SOP vocabulary, the profile keys, error classes
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ranah-core.h"

static void
test_nicks_round_trip (void)
{
  for (RanahRole r = RANAH_ROLE_NONE; r < RANAH_N_ROLES; r++)
    {
      g_assert_nonnull (ranah_role_to_string (r));
      g_assert_cmpint (ranah_role_from_string (ranah_role_to_string (r)), ==, r);
      g_assert_nonnull (ranah_role_title (r));
    }
  for (RanahState s = RANAH_STATE_NONE; s < RANAH_N_STATES; s++)
    {
      g_assert_cmpint (ranah_state_from_string (ranah_state_to_string (s)), ==, s);
      g_assert_nonnull (ranah_state_label (s));
    }
  for (RanahAction a = RANAH_ACTION_NONE; a < RANAH_N_ACTIONS; a++)
    {
      g_assert_cmpint (ranah_action_from_string (ranah_action_to_string (a)), ==, a);
      g_assert_nonnull (ranah_action_label (a));
    }
  for (RanahOutput o = RANAH_OUTPUT_NONE; o < RANAH_N_OUTPUTS; o++)
    {
      g_assert_nonnull (ranah_output_to_string (o));
      g_assert_nonnull (ranah_output_label (o));
    }
  for (RanahOutcome o = RANAH_OUTCOME_PENDING; o <= RANAH_OUTCOME_REFUSED; o++)
    g_assert_cmpint (ranah_outcome_from_string (ranah_outcome_to_string (o)), ==, o);
  for (RanahUrgency u = RANAH_URGENCY_BIASA; u <= RANAH_URGENCY_SANGAT_SEGERA; u++)
    {
      gboolean ok = FALSE;
      g_assert_cmpint (ranah_urgency_from_string (ranah_urgency_to_string (u), &ok), ==, u);
      g_assert_true (ok);
    }
  for (RanahRecordType t = RANAH_RECORD_A; t < RANAH_N_RECORD_TYPES; t++)
    {
      RanahRecordType back = RANAH_N_RECORD_TYPES;
      g_assert_true (ranah_record_type_from_string (ranah_record_type_to_string (t), &back));
      g_assert_cmpint (back, ==, t);
    }
  for (RanahEntryStatus s = RANAH_ENTRY_ACTIVE; s <= RANAH_ENTRY_REVOKED; s++)
    {
      RanahEntryStatus back = 99;
      g_assert_true (ranah_entry_status_from_string (ranah_entry_status_to_string (s), &back));
      g_assert_cmpint (back, ==, s);
    }
}

static void
test_nicks_unknown (void)
{
  gboolean ok = TRUE;
  RanahRecordType type;

  g_assert_cmpint (ranah_role_from_string ("superuser"), ==, RANAH_ROLE_NONE);
  g_assert_cmpint (ranah_role_from_string (NULL), ==, RANAH_ROLE_NONE);
  g_assert_cmpint (ranah_state_from_string ("lost"), ==, RANAH_STATE_NONE);
  g_assert_cmpint (ranah_action_from_string ("'; DROP TABLE requests; --"), ==, RANAH_ACTION_NONE);
  ranah_urgency_from_string ("kilat", &ok);
  g_assert_false (ok);
  g_assert_false (ranah_record_type_from_string ("SRV", &type));
  g_assert_null (ranah_role_to_string ((RanahRole) 99));
  g_assert_null (ranah_state_to_string ((RanahState) -1));
}

static void
test_instructions (void)
{
  guint n = 0;
  const RanahInstruction *list = ranah_instructions (&n);

  g_assert_cmpuint (n, >=, 4);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (ranah_instruction_text (list[i].nick), ==, list[i].text);
  g_assert_nonnull (ranah_instruction_text ("tindaklanjuti"));
  g_assert_null (ranah_instruction_text ("unknown"));
}

static void
test_profile (void)
{
  g_autoptr(GHashTable) profile = ranah_profile_default ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, profile);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_assert_true (ranah_profile_key_is_known (key));
  g_assert_true (ranah_profile_key_is_secret (RANAH_PROFILE_TSIG_SECRET));
  g_assert_false (ranah_profile_key_is_secret (RANAH_PROFILE_TSIG_NAME));
  g_assert_false (ranah_profile_key_is_known ("no-such-key"));
  g_assert_cmpstr (g_hash_table_lookup (profile, RANAH_PROFILE_TIMEZONE), ==, "Asia/Makassar");
  g_assert_true (ranah_letter_number_check_template (g_hash_table_lookup (profile, RANAH_PROFILE_NUMBER_TEMPLATE), NULL));
}

static RanahFailure
classify_test_domain (const GError *error)
{
  return error->code == 1 ? RANAH_FAILURE_CONFLICT : RANAH_FAILURE_UNAVAILABLE;
}

static void
test_failure_classes (void)
{
  GQuark domain = g_quark_from_static_string ("ranah-test-error");
  g_autoptr(GError) validation = g_error_new_literal (RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION, "v");
  g_autoptr(GError) permission = g_error_new_literal (RANAH_CORE_ERROR, RANAH_CORE_ERROR_PERMISSION, "p");
  g_autoptr(GError) state = g_error_new_literal (RANAH_CORE_ERROR, RANAH_CORE_ERROR_STATE, "s");
  g_autoptr(GError) conflict = g_error_new_literal (domain, 1, "c");
  g_autoptr(GError) unavailable = g_error_new_literal (domain, 2, "u");
  g_autoptr(GError) other = g_error_new_literal (G_FILE_ERROR, G_FILE_ERROR_FAILED, "o");

  g_assert_cmpint (ranah_failure_classify (NULL), ==, RANAH_FAILURE_NONE);
  g_assert_cmpint (ranah_failure_classify (validation), ==, RANAH_FAILURE_VALIDATION);
  g_assert_cmpint (ranah_failure_classify (permission), ==, RANAH_FAILURE_PERMISSION);
  g_assert_cmpint (ranah_failure_classify (state), ==, RANAH_FAILURE_PERMISSION);
  g_assert_cmpint (ranah_failure_classify (conflict), ==, RANAH_FAILURE_OTHER);
  ranah_failure_register (domain, classify_test_domain);
  g_assert_cmpint (ranah_failure_classify (conflict), ==, RANAH_FAILURE_CONFLICT);
  g_assert_cmpint (ranah_failure_classify (unavailable), ==, RANAH_FAILURE_UNAVAILABLE);
  g_assert_cmpint (ranah_failure_classify (other), ==, RANAH_FAILURE_OTHER);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ranah/core/types/nicks-round-trip", test_nicks_round_trip);
  g_test_add_func ("/ranah/core/types/nicks-unknown", test_nicks_unknown);
  g_test_add_func ("/ranah/core/types/instructions", test_instructions);
  g_test_add_func ("/ranah/core/types/profile", test_profile);
  g_test_add_func ("/ranah/core/types/failure-classes", test_failure_classes);

  return g_test_run ();
}
