/* test-audit.c — the hash chain of the audit trail
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ranah-core.h"

static RanahEvent *
make_event (gint64      seq,
            const char *action,
            const char *from,
            const char *to,
            const char *note)
{
  RanahEvent *event = ranah_event_new ();

  /* The single chain of version 1; version 2's chains have tests of their own below. */
  event->version = 1;
  event->seq = seq;
  event->at = 1795795200 + seq * 60;
  event->user_id = 3;
  event->username = g_strdup ("kadis");
  event->request_id = 1;
  event->step = 2;
  event->action = g_strdup (action);
  event->from_state = g_strdup (from);
  event->to_state = g_strdup (to);
  event->note = g_strdup (note);
  return event;
}

/* Sets prev_hash and hash of every event from @from on, as an honest store would. */
static void
rechain (GPtrArray *events,
         guint      from)
{
  for (guint i = from; i < events->len; i++)
    {
      RanahEvent *event = g_ptr_array_index (events, i);
      const RanahEvent *prev = i > 0 ? g_ptr_array_index (events, i - 1) : NULL;

      g_free (event->prev_hash);
      event->prev_hash = g_strdup (prev != NULL ? prev->hash : RANAH_AUDIT_GENESIS);
      g_free (event->hash);
      event->hash = ranah_audit_event_hash (event);
    }
}

static GPtrArray *
make_chain (void)
{
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_event_free);
  const char *moves[][3] = {
    { "submit", "none", "submitted" },
    { "dispose-to-kabid", "submitted", "at_kabid" },
    { "dispose-to-subkoor", "at_kabid", "at_subkoor" },
    { "dispose-to-staf", "at_subkoor", "at_staf" },
    { "create", "at_staf", "created" },
    { "report", "created", "drafting" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    g_ptr_array_add (events, make_event (i + 1, moves[i][0], moves[i][1], moves[i][2], "catatan"));
  rechain (events, 0);
  return events;
}

static void
assert_broken_at (GPtrArray  *events,
                  const char *needle)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ranah_audit_verify_chain (events, &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not name “%s”", error->message, needle);
}

static void
test_intact (void)
{
  g_autoptr(GPtrArray) events = make_chain ();
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const RanahEvent *first = g_ptr_array_index (events, 0);

  g_assert_true (ranah_audit_verify_chain (events, &error));
  g_assert_no_error (error);
  g_assert_true (ranah_audit_verify_chain (empty, &error));
  g_assert_cmpstr (first->prev_hash, ==, RANAH_AUDIT_GENESIS);
  g_assert_cmpuint (strlen (first->hash), ==, 64);
}

static void
test_edited (void)
{
  const char *fields[] = { "note", "action", "username", "to_state", "at", "user_id", "step" };

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      g_autoptr(GPtrArray) events = make_chain ();
      RanahEvent *event = g_ptr_array_index (events, 2);

      if (g_str_equal (fields[f], "note"))
        {
          g_free (event->note);
          event->note = g_strdup ("catatan yang diubah");
        }
      else if (g_str_equal (fields[f], "action"))
        {
          g_free (event->action);
          event->action = g_strdup ("decline");
        }
      else if (g_str_equal (fields[f], "username"))
        {
          g_free (event->username);
          event->username = g_strdup ("kabid");
        }
      else if (g_str_equal (fields[f], "to_state"))
        {
          g_free (event->to_state);
          event->to_state = g_strdup ("drafting");
        }
      else if (g_str_equal (fields[f], "at"))
        event->at++;
      else if (g_str_equal (fields[f], "user_id"))
        event->user_id++;
      else
        event->step++;
      assert_broken_at (events, "event 3");
      assert_broken_at (events, "changed");
    }

  {
    /* Re-hashing the edited event does not help: the next one no longer chains to it. */
    g_autoptr(GPtrArray) events = make_chain ();
    RanahEvent *event = g_ptr_array_index (events, 2);

    g_free (event->note);
    event->note = g_strdup ("disamarkan");
    g_free (event->hash);
    event->hash = ranah_audit_event_hash (event);
    assert_broken_at (events, "event 4");
  }
}

static void
test_inserted (void)
{
  g_autoptr(GPtrArray) events = make_chain ();
  g_autoptr(GPtrArray) renumbered = make_chain ();

  /* An event slipped in with a seq already taken. */
  g_ptr_array_insert (events, 3, make_event (4, "decline", "at_subkoor", "drafting", "sisipan"));
  rechain (events, 3);
  assert_broken_at (events, "sequence");

  /* Slipped in and the rest renumbered: the rest no longer hash as recorded. */
  g_ptr_array_insert (renumbered, 3, make_event (4, "decline", "at_subkoor", "drafting", "sisipan"));
  {
    RanahEvent *inserted = g_ptr_array_index (renumbered, 3);
    const RanahEvent *prev = g_ptr_array_index (renumbered, 2);

    inserted->prev_hash = g_strdup (prev->hash);
    inserted->hash = ranah_audit_event_hash (inserted);
  }
  for (guint i = 4; i < renumbered->len; i++)
    ((RanahEvent *) g_ptr_array_index (renumbered, i))->seq++;
  assert_broken_at (renumbered, "event 5");
}

static void
test_deleted (void)
{
  g_autoptr(GPtrArray) events = make_chain ();
  g_autoptr(GPtrArray) renumbered = make_chain ();

  g_ptr_array_remove_index (events, 2);
  assert_broken_at (events, "sequence");
  assert_broken_at (events, "deleted");

  /* Deleted and renumbered: the event after the gap does not chain. */
  g_ptr_array_remove_index (renumbered, 2);
  for (guint i = 2; i < renumbered->len; i++)
    ((RanahEvent *) g_ptr_array_index (renumbered, i))->seq--;
  assert_broken_at (renumbered, "event 3");

  {
    g_autoptr(GPtrArray) first_gone = make_chain ();
    g_ptr_array_remove_index (first_gone, 0);
    assert_broken_at (first_gone, "sequence");
  }
}

static void
test_hash_canonical (void)
{
  g_autoptr(RanahEvent) a = make_event (1, "submit", "none", "submitted", "");
  g_autoptr(RanahEvent) b = make_event (1, "submit", "none", "submitted", "");
  g_autofree char *ha = NULL, *hb = NULL, *hc = NULL;

  ha = ranah_audit_event_hash (a);
  hb = ranah_audit_event_hash (b);
  g_assert_cmpstr (ha, ==, hb);

  /* Moving text from one field to the next changes the hash. */
  g_free (b->username);
  b->username = g_strdup ("kadi");
  g_free (b->action);
  b->action = g_strdup ("ssubmit");
  hc = ranah_audit_event_hash (b);
  g_assert_cmpstr (ha, !=, hc);

  {
    g_autofree char *sha = ranah_sha256_hex ((const guint8 *) "abc", 3);
    g_assert_cmpstr (sha, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ranah/core/audit/intact", test_intact);
  g_test_add_func ("/ranah/core/audit/edited", test_edited);
  g_test_add_func ("/ranah/core/audit/inserted", test_inserted);
  g_test_add_func ("/ranah/core/audit/deleted", test_deleted);
  g_test_add_func ("/ranah/core/audit/hash-canonical", test_hash_canonical);

  return g_test_run ();
}
