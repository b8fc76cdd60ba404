/* ranah-cli-session.c — ranah-cli login and logout: sign in once per desktop session
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "login" signs in with the password and keeps a session token of the store's
 * (ranah_store_start_session()) in the runtime folder (ranah-session-file.h); every later
 * command resumes that session instead of checking the password again (argon2id on SQLite,
 * a new login on PostgreSQL), until it ends, the desktop session ends, or "logout".
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ranah-cli.h"

char *
ranah_cli_session_store_uri (RanahCli *cli)
{
  const char *uri = cli->store_uri;
  const char *path;

  g_return_val_if_fail (cli != NULL, NULL);

  if (uri == NULL || *uri == '\0')
    return ranah_store_default_uri ();
  /* One store, one session, however its path was written on the command line. */
  if (g_str_has_prefix (uri, "sqlite:"))
    {
      path = uri + strlen ("sqlite:");
      if (g_str_has_prefix (path, "//"))
        path += 2;
      if (*path != '\0')
        {
          g_autofree char *absolute = g_canonicalize_filename (path, NULL);
          return g_strconcat ("sqlite:", absolute, NULL);
        }
    }
  /* Kept in the session file: never an owner's password written into the address. */
  return ranah_store_uri_display (uri);
}

gboolean
ranah_cli_resume_session (RanahCli  *cli,
                          GError   **error)
{
  g_autofree char *uri = ranah_cli_session_store_uri (cli);
  g_autoptr(RanahSessionFile) file = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (cli != NULL && cli->store != NULL, FALSE);

  file = ranah_session_file_load (uri, g_get_real_time () / G_USEC_PER_SEC);
  if (file == NULL)
    return FALSE;
  /* --user names someone else: their password, and this desk's session left alone. */
  if (cli->username != NULL && *cli->username != '\0')
    {
      g_autofree char *wanted = g_utf8_strdown (cli->username, -1);
      g_autofree char *kept = g_utf8_strdown (file->username, -1);

      if (!g_str_equal (wanted, kept))
        return FALSE;
    }
  if (ranah_store_resume_session (cli->store, file->username, file->token, &local_error))
    {
      ranah_cli_take (&cli->username, g_strdup (ranah_store_get_user (cli->store)->username));
      return TRUE;
    }
  /* Ended, expired or revoked: forget it, and the password is asked for as before. A store
   * out of reach has ended nothing. */
  if (g_error_matches (local_error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_AUTH))
    {
      ranah_session_file_remove (uri, NULL);
      return FALSE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* "18:30" today, else "2026-11-29 04:30", in the profile's zone. */
static char *
format_until (RanahCli *cli,
              gint64    until)
{
  g_autoptr(GDateTime) now_utc = g_date_time_new_from_unix_utc (ranah_store_now (cli->store));
  g_autoptr(GDateTime) until_utc = g_date_time_new_from_unix_utc (until);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) end = NULL;

  if (now_utc == NULL || until_utc == NULL)
    return ranah_cli_format_time (cli, until);
  now = g_date_time_to_timezone (now_utc, ranah_cli_timezone (cli));
  end = g_date_time_to_timezone (until_utc, ranah_cli_timezone (cli));
  if (g_date_time_get_year (now) == g_date_time_get_year (end)
      && g_date_time_get_day_of_year (now) == g_date_time_get_day_of_year (end))
    return g_date_time_format (end, "%H:%M");
  return g_date_time_format (end, "%Y-%m-%d %H:%M");
}

gboolean
ranah_cli_login_main (RanahCli  *cli,
                      int        argc,
                      char     **argv,
                      GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, NULL,
                       N_("Signs in with your password once and starts a session: until it "
                          "ends (after the profile's session-hours, 10 by default), at the "
                          "end of your desktop session, or at “ranah-cli logout”, commands "
                          "run on this store ask for no password. The session's token is "
                          "kept in $XDG_RUNTIME_DIR/ranah, readable only by you."), NULL);
  g_autofree char *uri = NULL;
  g_autofree char *password = NULL;
  g_autofree char *prompt = NULL;
  g_autofree char *label = NULL;
  g_autofree char *token = NULL;
  g_autofree char *until = NULL;
  g_autoptr(RanahSessionFile) old = NULL;
  const RanahUser *me;
  gint64 expires_at = 0;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 0, error)
      || !ranah_cli_open_store (cli, error))
    return FALSE;
  uri = ranah_cli_session_store_uri (cli);
  old = ranah_session_file_load (uri, 0);
  /* Logging in again to start a new working day: the last session says who. */
  if ((cli->username == NULL || *cli->username == '\0') && old != NULL)
    ranah_cli_take (&cli->username, g_strdup (old->username));
  if (cli->username == NULL || *cli->username == '\0')
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("Say who you are with --user NAME or $RANAH_USER."));
      return FALSE;
    }
  prompt = g_strdup_printf (_("Password for %s: "), cli->username);
  if ((password = ranah_cli_read_password ("RANAH_PASSWORD", prompt, FALSE, error)) == NULL
      || !ranah_store_sign_in (cli->store, cli->username, password, error))
    return FALSE;
  me = ranah_store_get_user (cli->store);

  /* A second login replaces the first: the old token is ended, not left valid (the store
   * ends only the signed-in user's own). */
  if (old != NULL)
    ranah_store_end_session (cli->store, old->token, NULL);

  label = g_strdup_printf ("ranah-cli on %s", g_get_host_name ());
  if ((token = ranah_store_start_session (cli->store, label, &expires_at, error)) == NULL)
    return FALSE;
  if (!ranah_session_file_save (uri, me->username, token, expires_at, error))
    {
      ranah_store_end_session (cli->store, token, NULL);
      return FALSE;
    }

  until = format_until (cli, expires_at);
  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();

      ranah_cli_json_begin_object (json);
      ranah_cli_json_member_string (json, "user", me->username);
      ranah_cli_json_member_time (json, "expires_at", expires_at);
      ranah_cli_json_end_object (json);
      ranah_cli_print_json (json);
    }
  else
    /* TRANSLATORS: %s are the user name and a time ("18:30") or a date and time. */
    g_print (_("Signed in as %s until %s; “ranah-cli logout” ends it.\n"), me->username, until);
  return TRUE;
}

gboolean
ranah_cli_logout_main (RanahCli  *cli,
                       int        argc,
                       char     **argv,
                       GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, NULL,
                       N_("Ends the session “ranah-cli login” started on this store, in the "
                          "store and on this computer; the next command asks for the "
                          "password again."), NULL);
  g_autofree char *uri = NULL;
  g_autoptr(RanahSessionFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ended = FALSE;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 0, error)
      || !ranah_cli_open_store (cli, error))
    return FALSE;
  uri = ranah_cli_session_store_uri (cli);
  file = ranah_session_file_load (uri, 0);
  if (file != NULL)
    {
      /* Resuming costs nothing and proves the token; a session the store ended already
       * needs no more than forgetting the file. */
      if (ranah_store_resume_session (cli->store, file->username, file->token, &local_error))
        ended = ranah_store_end_session (cli->store, file->token, &local_error);
      else if (g_error_matches (local_error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_AUTH))
        g_clear_error (&local_error);
    }
  /* Forgotten here whatever the store said: the file must not outlive a logout. */
  if (!ranah_session_file_remove (uri, error))
    return FALSE;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();

      ranah_cli_json_begin_object (json);
      ranah_cli_json_member_bool (json, "ended", ended);
      ranah_cli_json_end_object (json);
      ranah_cli_print_json (json);
    }
  else if (ended)
    g_print (_("Signed out: the session has ended.\n"));
  else
    g_print (_("There was no session to end on this store.\n"));
  return TRUE;
}
