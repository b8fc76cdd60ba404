/* ranah-cli-profile.c — ranah-cli profile: the agency's letterhead, signer, DNS settings
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "ranah-cli.h"
#include "ranah-logo.h"

/* The secret is never printed: only whether it is set. Nor the logo's base64: what it is. */
static const char *
shown_value (const char *key,
             const char *value)
{
  static char logo[80];

  if (ranah_profile_key_is_secret (key))
    return value != NULL && *value != '\0' ? _("(set)") : _("(not set)");
  if (g_str_equal (key, RANAH_PROFILE_LOGO) && value != NULL && *value != '\0')
    {
      RanahLogoKind kind = RANAH_LOGO_NONE;
      gsize size = strlen (value) / 4 * 3;

      if (!ranah_logo_check_base64 (value, &kind, NULL))
        return _("(an image that cannot be read)");
      g_snprintf (logo, sizeof logo, _("(%s image, about %zu bytes)"),
                  kind == RANAH_LOGO_PNG ? "PNG" : "SVG", size);
      return logo;
    }
  return value != NULL ? value : "";
}

static gboolean
profile_show (RanahCli  *cli,
              int        argc,
              char     **argv,
              GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "[KEY]",
                       N_("Shows the agency profile, or one key of it. The TSIG secret shows "
                          "only as (set) or (not set)."), NULL);
  g_autoptr(GHashTable) profile = NULL;
  g_autoptr(GList) keys = NULL;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 1, error)
      || !ranah_cli_sign_in (cli, error)
      || (profile = ranah_store_get_profile (cli->store, error)) == NULL)
    return FALSE;

  if (argc > 1)
    {
      if (!ranah_profile_key_is_known (argv[1]))
        {
          g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                       _("The agency profile has no setting “%s”."), argv[1]);
          return FALSE;
        }
      keys = g_list_prepend (NULL, argv[1]);
    }
  else
    keys = g_list_sort (g_hash_table_get_keys (profile), (GCompareFunc) g_strcmp0);

  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_begin_object (json);
      for (GList *l = keys; l != NULL; l = l->next)
        {
          const char *key = l->data;
          ranah_cli_json_member_string (json, key,
                                    shown_value (key, g_hash_table_lookup (profile, key)));
        }
      ranah_cli_json_end_object (json);
      ranah_cli_print_json (json);
      return TRUE;
    }

  if (argc > 1)
    {
      g_print ("%s\n", shown_value (argv[1], g_hash_table_lookup (profile, argv[1])));
      return TRUE;
    }
  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *key = l->data;
      const char *value = shown_value (key, g_hash_table_lookup (profile, key));
      g_autofree char *label = ranah_cli_cell (key, 18);

      if (strchr (value, '\n') != NULL)
        {
          g_auto(GStrv) lines = g_strsplit (value, "\n", -1);
          g_print ("%s %s\n", label, lines[0]);
          for (guint i = 1; lines[i] != NULL; i++)
            g_print ("%18s %s\n", "", lines[i]);
        }
      else
        g_print ("%s %s\n", label, value);
    }
  return TRUE;
}

static gboolean
profile_set (RanahCli  *cli,
             int        argc,
             char     **argv,
             GError   **error)
{
  g_autofree char *file = NULL;
  const GOptionEntry entries[] = {
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &file,
      N_("Read the value from FILE: for the logo a PNG or SVG image, checked at once"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "KEY VALUE | KEY --file FILE",
                       N_("Sets one key of the agency profile (administrators only). A VALUE "
                          "of “-” reads it from standard input, or asks for it without echo on "
                          "a terminal: use that for the TSIG secret, so that it never appears "
                          "on a command line. The logo (lambang) is set from its image file: "
                          "“profile set logo --file lambang.svg”."), entries);
  g_autofree char *value = NULL;
  const char *key;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 2, error))
    return FALSE;
  if ((file != NULL) != (argc == 2))
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("Give the value, or --file FILE, after the key."));
      return FALSE;
    }
  if (!ranah_cli_sign_in (cli, error))
    return FALSE;
  key = argv[1];

  if (file != NULL && g_str_equal (key, RANAH_PROFILE_LOGO))
    {
      /* Decoded (PNG) or parsed (SVG) here and again by the store, before anything is kept. */
      if ((value = ranah_logo_read_file (file, NULL, error)) == NULL)
        return FALSE;
    }
  else if (file != NULL)
    {
      g_autoptr(GBytes) bytes = ranah_cli_read_input (file, RANAH_CLI_PROFILE_MAX_BYTES, error);
      gsize len;
      const char *data;

      if (bytes == NULL)
        return FALSE;
      data = g_bytes_get_data (bytes, &len);
      value = g_strndup (data != NULL ? data : "", len);
      if (g_str_has_suffix (value, "\n"))
        value[strlen (value) - 1] = '\0';
    }
  else if (g_str_equal (argv[2], "-"))
    {
      if (isatty (0))
        {
          g_autofree char *prompt = g_strdup_printf (_("Value of %s: "), key);
          value = ranah_cli_read_password (NULL, prompt, FALSE, error);
          if (value == NULL)
            return FALSE;
        }
      else
        {
          g_autoptr(GBytes) bytes = ranah_cli_read_input ("-", RANAH_CLI_PROFILE_MAX_BYTES,
                                                              error);
          gsize len;
          const char *data;

          if (bytes == NULL)
            return FALSE;
          data = g_bytes_get_data (bytes, &len);
          value = g_strndup (data != NULL ? data : "", len);
          /* One trailing newline is the end of the line typed or echoed, not the value. */
          if (g_str_has_suffix (value, "\n"))
            value[strlen (value) - 1] = '\0';
          if (g_str_has_suffix (value, "\r"))
            value[strlen (value) - 1] = '\0';
        }
    }
  else if (ranah_profile_key_is_secret (key))
    {
      /* Refused rather than stored: a secret typed as an argument is in the shell's history
       * and in every process listing. */
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("The %s is secret: give “-” as the value and type it, or pipe it on "
                     "standard input, so that it never appears on a command line."), key);
      return FALSE;
    }
  else
    value = g_strdup (argv[2]);

  if (!ranah_store_set_profile (cli->store, key, value, error))
    return FALSE;
  if (!cli->json)
    g_print (_("Set %s to %s.\n"), key, shown_value (key, value));
  return TRUE;
}

static const RanahCliCommand subcommands[] = {
  { "show", N_("Show the agency profile"), profile_show },
  { "set", N_("Set one key of the agency profile"), profile_set },
};

gboolean
ranah_cli_profile_main (RanahCli  *cli,
                        int        argc,
                        char     **argv,
                        GError   **error)
{
  return ranah_cli_dispatch (cli, "profile", N_("Show or change the agency profile."),
                             subcommands, G_N_ELEMENTS (subcommands), argc, argv, error);
}
