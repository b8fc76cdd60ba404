/* ranah-cli-user.c — ranah-cli user: accounts and their roles
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "ranah-cli.h"

typedef struct {
  char *role;
  char *opd;
  char *full_name;
  char *nip;
  char *position;
  char *rank;
  char *email;
} UserOptions;

static void
user_options_clear (UserOptions *o)
{
  g_free (o->role);
  g_free (o->opd);
  g_free (o->full_name);
  g_free (o->nip);
  g_free (o->position);
  g_free (o->rank);
  g_free (o->email);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (UserOptions, user_options_clear)

#define USER_OPTION_ENTRIES(o)                                                              \
  { "role", 0, 0, G_OPTION_ARG_STRING, &(o).role,                                           \
    N_("opd, kadis, kabid, subkoor, staf or admin"), N_("ROLE") },                          \
  { "opd", 0, 0, G_OPTION_ARG_STRING, &(o).opd,                                             \
    N_("For an opd user: the OPD's code or name"), N_("CODE") },                           \
  { "full-name", 0, 0, G_OPTION_ARG_STRING, &(o).full_name, N_("Full name"), N_("TEXT") },  \
  { "nip", 0, 0, G_OPTION_ARG_STRING, &(o).nip, N_("NIP (18 digits)"), N_("NIP") },         \
  { "position", 0, 0, G_OPTION_ARG_STRING, &(o).position, N_("Position (jabatan)"),         \
    N_("TEXT") },                                                                           \
  { "rank", 0, 0, G_OPTION_ARG_STRING, &(o).rank, N_("Rank and grade (pangkat/golongan)"),  \
    N_("TEXT") },                                                                           \
  { "email", 0, 0, G_OPTION_ARG_STRING, &(o).email, N_("E-mail address"), N_("ADDRESS") }

/* Applies the options given to @user; the OPD must be resolved against the store. */
static gboolean
apply_options (RanahCli     *cli,
               UserOptions  *o,
               RanahUser    *user,
               GError      **error)
{
  if (o->role != NULL)
    {
      RanahRole role = ranah_role_from_string (o->role);
      if (role == RANAH_ROLE_NONE)
        {
          g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                       _("The role must be opd, kadis, kabid, subkoor, staf or admin, not “%s”."),
                       o->role);
          return FALSE;
        }
      user->role = role;
      if (role != RANAH_ROLE_OPD)
        user->opd_id = 0;
    }
  if (o->opd != NULL)
    {
      g_autoptr(RanahOpd) opd = ranah_cli_find_opd (cli, o->opd, error);
      if (opd == NULL)
        return FALSE;
      user->opd_id = opd->id;
    }
  if (user->role == RANAH_ROLE_OPD && user->opd_id == 0)
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("A user with the role opd needs --opd CODE."));
      return FALSE;
    }
  if (user->role != RANAH_ROLE_OPD && o->opd != NULL)
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("Only users with the role opd belong to an OPD."));
      return FALSE;
    }
  ranah_cli_take (&user->full_name, g_steal_pointer (&o->full_name));
  ranah_cli_take (&user->nip, g_steal_pointer (&o->nip));
  ranah_cli_take (&user->position, g_steal_pointer (&o->position));
  ranah_cli_take (&user->rank, g_steal_pointer (&o->rank));
  ranah_cli_take (&user->email, g_steal_pointer (&o->email));
  return TRUE;
}

static gboolean
user_add (RanahCli  *cli,
          int        argc,
          char     **argv,
          GError   **error)
{
  g_auto(UserOptions) o = { 0 };
  const GOptionEntry entries[] = { USER_OPTION_ENTRIES (o), { NULL } };
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "USERNAME",
                       N_("Adds a user (administrators only). The new user's password comes "
                          "from $RANAH_NEW_PASSWORD or is asked twice."), entries);
  g_autoptr(RanahUser) user = ranah_user_new ();
  g_autofree char *password = NULL;
  g_autofree char *prompt = NULL;
  gint64 id;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error)
      || !ranah_cli_sign_in (cli, error))
    return FALSE;
  if (o.role == NULL)
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("A new user needs --role ROLE."));
      return FALSE;
    }
  ranah_cli_take (&user->username, g_ascii_strdown (argv[1], -1));
  if (!apply_options (cli, &o, user, error))
    return FALSE;

  prompt = g_strdup_printf (_("Password for the new user %s: "), user->username);
  password = ranah_cli_read_password ("RANAH_NEW_PASSWORD", prompt, TRUE, error);
  if (password == NULL)
    return FALSE;
  id = ranah_store_add_user (cli->store, user, password, error);
  if (id == 0)
    return FALSE;
  user->id = id;

  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_user (json, user);
      ranah_cli_print_json (json);
    }
  else
    g_print (_("Added the user “%s” (%s), id %" PRId64 ".\n"), user->username,
             ranah_role_title (user->role), id);
  return TRUE;
}

static const char *
opd_code (GPtrArray *opds,
          gint64     id)
{
  for (guint i = 0; opds != NULL && i < opds->len; i++)
    {
      RanahOpd *opd = g_ptr_array_index (opds, i);
      if (opd->id == id)
        return opd->code;
    }
  return "";
}

static gboolean
user_list (RanahCli  *cli,
           int        argc,
           char     **argv,
           GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, NULL, N_("Lists every user with their role and OPD."), NULL);
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GPtrArray) opds = NULL;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 0, error)
      || !ranah_cli_sign_in (cli, error))
    return FALSE;
  if ((users = ranah_store_list_users (cli->store, error)) == NULL
      || (opds = ranah_store_list_opds (cli->store, error)) == NULL)
    return FALSE;

  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_begin_array (json);
      for (guint i = 0; i < users->len; i++)
        ranah_cli_json_user (json, g_ptr_array_index (users, i));
      ranah_cli_json_end_array (json);
      ranah_cli_print_json (json);
      return TRUE;
    }

  g_print ("%-5s %-16s %-8s %-10s %-8s %s\n", _("ID"), _("USER"), _("ROLE"), _("OPD"),
           _("ACTIVE"), _("NAME"));
  for (guint i = 0; i < users->len; i++)
    {
      RanahUser *user = g_ptr_array_index (users, i);
      g_autofree char *name = ranah_cli_cell (user->username, 16);
      g_autofree char *opd = ranah_cli_cell (opd_code (opds, user->opd_id), 10);

      g_print ("%-5" G_GINT64_FORMAT " %s %-8s %s %-8s %s\n", user->id, name,
               ranah_role_to_string (user->role), opd, user->active ? _("yes") : _("no"),
               user->full_name);
    }
  return TRUE;
}

static gboolean
user_edit (RanahCli  *cli,
           int        argc,
           char     **argv,
           GError   **error)
{
  g_auto(UserOptions) o = { 0 };
  const GOptionEntry entries[] = { USER_OPTION_ENTRIES (o), { NULL } };
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "USERNAME",
                       N_("Changes a user's role, OPD or details (administrators only)."),
                       entries);
  g_autoptr(RanahUser) user = NULL;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error)
      || !ranah_cli_sign_in (cli, error))
    return FALSE;
  if ((user = ranah_cli_find_user (cli, argv[1], error)) == NULL
      || !apply_options (cli, &o, user, error)
      || !ranah_store_update_user (cli->store, user, error))
    return FALSE;
  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_user (json, user);
      ranah_cli_print_json (json);
    }
  else
    g_print (_("Updated the user “%s”.\n"), user->username);
  return TRUE;
}

static gboolean
set_active (RanahCli  *cli,
            int        argc,
            char     **argv,
            gboolean   active,
            GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "USERNAME",
                       active ? N_("Lets a disabled user sign in again (administrators only).")
                              : N_("Stops a user from signing in; their history stays "
                                   "(administrators only)."), NULL);
  g_autoptr(RanahUser) user = NULL;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error)
      || !ranah_cli_sign_in (cli, error))
    return FALSE;
  if ((user = ranah_cli_find_user (cli, argv[1], error)) == NULL)
    return FALSE;
  user->active = active;
  if (!ranah_store_update_user (cli->store, user, error))
    return FALSE;
  if (!cli->json)
    g_print (active ? _("Enabled the user “%s”.\n") : _("Disabled the user “%s”.\n"),
             user->username);
  else
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_user (json, user);
      ranah_cli_print_json (json);
    }
  return TRUE;
}

static gboolean
user_disable (RanahCli *cli, int argc, char **argv, GError **error)
{
  return set_active (cli, argc, argv, FALSE, error);
}

static gboolean
user_enable (RanahCli *cli, int argc, char **argv, GError **error)
{
  return set_active (cli, argc, argv, TRUE, error);
}

static gboolean
user_set_password (RanahCli  *cli,
                   int        argc,
                   char     **argv,
                   GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "[USERNAME]",
                       N_("Sets a password: your own, or anyone's for an administrator. The "
                          "new password comes from $RANAH_NEW_PASSWORD or is asked twice."),
                       NULL);
  g_autoptr(RanahUser) user = NULL;
  g_autofree char *password = NULL;
  g_autofree char *prompt = NULL;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 1, error)
      || !ranah_cli_sign_in (cli, error))
    return FALSE;
  user = argc > 1 ? ranah_cli_find_user (cli, argv[1], error)
                  : ranah_user_copy (ranah_store_get_user (cli->store));
  if (user == NULL)
    return FALSE;
  prompt = g_strdup_printf (_("New password for %s: "), user->username);
  password = ranah_cli_read_password ("RANAH_NEW_PASSWORD", prompt, TRUE, error);
  if (password == NULL || !ranah_store_set_password (cli->store, user->id, password, error))
    return FALSE;
  if (!cli->json)
    g_print (_("Changed the password of “%s”.\n"), user->username);
  return TRUE;
}

static const RanahCliCommand subcommands[] = {
  { "add", N_("Add a user"), user_add },
  { "list", N_("List users"), user_list },
  { "edit", N_("Change a user's role, OPD or details"), user_edit },
  { "set-password", N_("Set a password"), user_set_password },
  { "disable", N_("Stop a user from signing in"), user_disable },
  { "enable", N_("Let a disabled user sign in again"), user_enable },
};

gboolean
ranah_cli_user_main (RanahCli  *cli,
                     int        argc,
                     char     **argv,
                     GError   **error)
{
  return ranah_cli_dispatch (cli, "user", N_("Manage users and their roles."), subcommands,
                             G_N_ELEMENTS (subcommands), argc, argv, error);
}
