/* crash-mover.c — moves requests through the SOP in a loop until it is killed
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: crash-mover STORE-URI. The store must hold the fixture's users (store-fixture.c).
 * test-crash.c kills this process with SIGKILL at random moments and then checks that no
 * move was lost or half stored.
 */
#include "store-fixture.h"

static const char *const usernames[RANAH_N_ROLES] = {
  NULL, "opd1", "kadis", "kabid", "subkoor", "staf", "admin",
};

static void
sign_in (RanahStore *store,
         RanahRole   role)
{
  g_autoptr(GError) error = NULL;
  const RanahUser *me = ranah_store_get_user (store);

  if (me != NULL && g_str_equal (me->username, usernames[role]))
    return;
  if (!ranah_store_sign_in (store, usernames[role], STORE_FIXTURE_PASSWORD, &error))
    g_error ("sign in: %s", error->message);
}

int
main (int argc, char *argv[])
{
  g_autoptr(RanahStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new ();
  StoreWorld names = { 0 };

  g_setenv ("RANAH_TEST_FAST_PWHASH", "1", TRUE);
  if (argc != 2)
    {
      g_printerr ("usage: crash-mover STORE-URI\n");
      return 2;
    }
  store = ranah_store_open (argv[1], &error);
  if (store == NULL)
    g_error ("open: %s", error->message);
  names.counter = g_rand_int (rand);

  for (;;)
    {
      RanahRequestFilter filter = { .open_only = TRUE };
      g_autoptr(GPtrArray) open = NULL;

      sign_in (store, RANAH_ROLE_ADMIN);
      open = ranah_store_list_requests (store, &filter, &error);
      if (open == NULL)
        g_error ("list: %s", error->message);

      if (open->len < 4)
        {
          g_autoptr(RanahRequest) r = NULL;
          g_autoptr(GBytes) pdf = store_fixture_pdf (3000);

          names.opd_id = 0;
          r = store_world_request (&names, NULL);
          g_free (r->name);
          r->name = g_strdup_printf ("crash%u-%u", (guint) getpid (), names.counter++);
          r->opd_id = 0;
          sign_in (store, RANAH_ROLE_OPD);
          if (ranah_store_submit_request (store, r, pdf, &error) == 0)
            g_error ("submit: %s", error->message);
        }
      else
        {
          RanahRequest *r = g_ptr_array_index (open, g_rand_int_range (rand, 0, open->len));
          RanahAction action = ranah_workflow_forward_action (r->state);
          const RanahTransition *t = ranah_workflow_find (r->state, action);
          RanahMove move = { 0 };
          RanahRole role = RANAH_ROLE_OPD;

          /* Now and then a side path, so those are killed mid-way too. */
          if (r->state == RANAH_STATE_SUBMITTED && g_rand_int_range (rand, 0, 5) == 0)
            action = RANAH_ACTION_DECLINE;
          else if (r->state == RANAH_STATE_DRAFTED && g_rand_int_range (rand, 0, 4) == 0)
            action = RANAH_ACTION_RETURN_DRAFT;
          t = ranah_workflow_find (r->state, action);
          while ((t->roles & RANAH_ROLE_BIT (role)) == 0)
            role++;
          move.action = action;
          move.request_id = r->id;
          move.expected_version = r->version;
          move.note = "Catatan uji";
          move.render = store_fixture_render;
          sign_in (store, role);
          /* Step 5 needs each record seen in DNS: its proof first, a transaction of its
           * own, killed mid-way as well. */
          if (action == RANAH_ACTION_CREATE)
            {
              g_autoptr(GPtrArray) proofs = ranah_records_copy (r->records);

              for (guint i = 0; i < proofs->len; i++)
                {
                  RanahRecord *proof = g_ptr_array_index (proofs, i);

                  proof->proof_server = g_strdup (STORE_FIXTURE_DNS_SERVER);
                  proof->proof_serial = STORE_FIXTURE_DNS_SERIAL;
                  proof->proof_answer = store_world_answer (proof);
                }
              if (!ranah_store_record_proofs (store, r->id, proofs, &error))
                g_error ("proofs: %s", error->message);
            }
          if (!ranah_store_move (store, &move, &error))
            g_error ("move %s: %s", ranah_action_to_string (action), error->message);
        }
    }
  return 0;
}
