/* test-crash.c — a process killed in the middle of moves loses no move and halves none
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <sys/wait.h>

#include "store-fixture.h"

static const char *mover_path;

static void
test_killed_movers (void)
{
  g_autoptr(StoreWorld) w = store_world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  const guint kills = 25;
  guint total_events;

  /* The movers sign in with the real clock. */
  ranah_store_set_now (w->store, 0);
  g_clear_object (&w->store);

  for (guint i = 0; i < kills; i++)
    {
      const char *argv[] = { mover_path, w->uri, NULL };
      GPid pid;
      int status;

      g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                    NULL, &pid, &error));
      g_assert_no_error (error);
      g_usleep (g_rand_int_range (rand, 150, 600) * 1000);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      /* Killed, not exited on an error of its own. */
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
    }

  w->store = store_fixture_open_uri (w->uri);
  store_world_sign_in (w, RANAH_ROLE_ADMIN);
  g_assert_true (ranah_store_verify_audit (w->store, &error));
  g_assert_no_error (error);

  requests = ranah_store_list_requests (w->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (requests->len, >, 3);
  total_events = 0;
  for (guint i = 0; i < requests->len; i++)
    {
      RanahRequest *r = g_ptr_array_index (requests, i);
      g_autoptr(GPtrArray) events = ranah_store_list_events (w->store, r->id, &error);
      RanahEvent *last;
      guint n_moves = 0;

      g_assert_no_error (error);
      g_assert_cmpuint (events->len, >=, 1);
      last = g_ptr_array_index (events, events->len - 1);
      /* The state is the last event's, and every move left exactly one event (a record's
       * proof is an event beside them, which leaves the state and version). */
      g_assert_cmpstr (ranah_state_to_string (r->state), ==, last->to_state);
      for (guint j = 0; j < events->len; j++)
        n_moves += !g_str_equal (((RanahEvent *) g_ptr_array_index (events, j))->action,
                                 "record-proof");
      g_assert_cmpint (r->version, ==, n_moves);
      total_events += events->len;
    }
  g_test_message ("%u requests, %u request events after %u kills", requests->len,
                  total_events, kills);
}

int
main (int argc, char *argv[])
{
  g_setenv ("RANAH_TEST_FAST_PWHASH", "1", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    {
      g_printerr ("usage: test-crash PATH-OF-CRASH-MOVER\n");
      return 2;
    }
  mover_path = argv[1];

  g_test_add_func ("/ranah/store/crash/killed-movers-lose-nothing", test_killed_movers);

  return g_test_run ();
}
