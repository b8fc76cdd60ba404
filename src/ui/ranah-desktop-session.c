/* ranah-desktop-session.c — the desktop's store session: kept after a sign-in with the
 * password, resumed when Ranah starts, ended at sign-out
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ranah-desktop-session.h"
#include "ranah-task.h"

void
ranah_desktop_session_keep (RanahStore *store,
                            const char *uri)
{
  const RanahUser *user = ranah_store_get_user (store);
  g_autofree char *label = g_strdup_printf ("Ranah on %s", g_get_host_name ());
  g_autofree char *token = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(GError) error = NULL;
  gint64 expires_at = 0;

  g_return_if_fail (RANAH_IS_STORE (store));
  g_return_if_fail (uri != NULL);

  /* The log never shows a password typed into the address. */
  shown = ranah_store_uri_display (uri);

  if (user == NULL)
    return;
  token = ranah_store_start_session (store, label, &expires_at, &error);
  if (token == NULL)
    {
      g_message ("No session kept for %s: %s", shown, error->message);
      return;
    }
  if (!ranah_session_file_save (uri, user->username, token, expires_at, &error))
    {
      g_message ("No session kept for %s: %s", shown, error->message);
      /* A token nobody keeps would only wait in the store for its end. */
      ranah_store_end_session (store, token, NULL);
    }
  memset (token, 0, strlen (token));
}

RanahSessionFile *
ranah_desktop_session_find (const char *uri,
                            const char *username)
{
  g_autoptr(RanahSessionFile) session = NULL;

  g_return_val_if_fail (uri != NULL, NULL);

  session = ranah_session_file_load (uri, g_get_real_time () / G_USEC_PER_SEC);
  if (session == NULL
      || (username != NULL && g_ascii_strcasecmp (username, session->username) != 0))
    return NULL;
  return g_steal_pointer (&session);
}

gboolean
ranah_desktop_session_resume (RanahStore             *store,
                              const RanahSessionFile *session,
                              GError                **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (RANAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (session != NULL, FALSE);

  if (ranah_store_resume_session (store, session->username, session->token, &local_error))
    return TRUE;
  if (g_error_matches (local_error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_AUTH))
    ranah_session_file_remove (session->store_uri, NULL);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

typedef struct
{
  RanahStore *store;
  char       *token;
} Ending;

static void
ending_free (Ending *ending)
{
  g_object_unref (ending->store);
  memset (ending->token, 0, strlen (ending->token));
  g_free (ending->token);
  g_free (ending);
}

static gpointer
end_thread (gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Ending *ending = data;

  if (!ranah_store_end_session (ending->store, ending->token, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
end_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The file is gone already, so the next start asks for the password; a session the
   * store could not end still runs out at its time. */
  if (ranah_task_finish (result, &error) == NULL)
    g_message ("The session was not ended in the store: %s", error->message);
}

void
ranah_desktop_session_end (RanahStore *store,
                           const char *uri)
{
  const RanahUser *user;
  g_autoptr(RanahSessionFile) session = NULL;
  Ending *ending;

  g_return_if_fail (RANAH_IS_STORE (store));

  user = ranah_store_get_user (store);
  if (uri == NULL || user == NULL
      || (session = ranah_desktop_session_find (uri, user->username)) == NULL)
    return;
  ranah_session_file_remove (uri, NULL);
  ending = g_new0 (Ending, 1);
  ending->store = g_object_ref (store);
  ending->token = g_strdup (session->token);
  ranah_task_run (NULL, NULL, end_thread, ending, (GDestroyNotify) ending_free, NULL, end_done,
                  NULL);
}
