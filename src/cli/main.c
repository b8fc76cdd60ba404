/* main.c — ranah-cli: every step of the SOP and every admin job, without a display
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ranah-cli.h"

static RanahFailure
classify_cli_error (const GError *error)
{
  switch ((RanahCliError) error->code)
    {
    case RANAH_CLI_ERROR_USAGE:
      return RANAH_FAILURE_USAGE;
    case RANAH_CLI_ERROR_VALIDATION:
      return RANAH_FAILURE_VALIDATION;
    case RANAH_CLI_ERROR_NOT_FOUND:
      return RANAH_FAILURE_NOT_FOUND;
    case RANAH_CLI_ERROR_FAILED:
    default:
      return RANAH_FAILURE_OTHER;
    }
}

static RanahFailure
classify_option_error (const GError *error)
{
  return RANAH_FAILURE_USAGE;
}

static RanahFailure
classify_file_error (const GError *error)
{
  return error->code == G_FILE_ERROR_NOENT ? RANAH_FAILURE_NOT_FOUND : RANAH_FAILURE_OTHER;
}

/* Everything ranah-cli prints for people goes through here: text from the store (a
 * purpose, a note, an OPD's name, a server's message) is shown with its control and
 * direction characters written out as <U+202E>, so that it cannot reorder, hide or forge
 * the rest of the line on a terminal. Line breaks and tabs stay. JSON and CSV are written
 * with fputs() and escaped by their own writers. */
static void
print_safely (FILE       *stream,
              const char *string)
{
  g_autofree char *safe = ranah_text_shown (string, 0, TRUE);
  g_autofree char *converted = NULL;
  const char *charset;

  if (!g_get_console_charset (&charset))
    converted = g_convert_with_fallback (safe, -1, charset, "UTF-8", "?", NULL, NULL, NULL);
  fputs (converted != NULL ? converted : safe, stream);
  fflush (stream);
}

static void
print_out (const char *string)
{
  print_safely (stdout, string);
}

static void
print_err (const char *string)
{
  print_safely (stderr, string);
}

/* Removes the password from a PostgreSQL address written in place (the argv bytes, which
 * /proc/PID/cmdline and `ps` show to every user): "postgresql://owner:secret@host/db"
 * becomes "postgresql://owner@host/db", "host=db password=secret" becomes "host=db", and
 * the bytes left over are zeros. TRUE when there was one. */
static gboolean
scrub_password (char *value)
{
  gsize len = strlen (value);
  gboolean found = FALSE;
  char *scheme_end = strstr (value, "://");

  if (scheme_end != NULL
      && (g_str_has_prefix (value, "postgresql://") || g_str_has_prefix (value, "postgres://")))
    {
      char *user = scheme_end + 3;
      char *at = strpbrk (user, "@/?");
      char *colon = at != NULL && *at == '@' ? memchr (user, ':', at - user) : NULL;

      if (colon != NULL)
        {
          memmove (colon, at, strlen (at) + 1);
          found = TRUE;
        }
    }
  else if (strchr (value, '=') != NULL)
    {
      /* key=value pairs: the value quoted ('…', with \' and \\ inside) or up to a space. */
      for (char *p = value; (p = g_strstr_len (p, -1, "password")) != NULL;)
        {
          char *start = p, *q = p + strlen ("password");

          if (start > value && !g_ascii_isspace (start[-1]))
            {
              p = q;
              continue;
            }
          while (g_ascii_isspace (*q))
            q++;
          if (*q != '=')
            {
              p = q;
              continue;
            }
          q++;
          while (g_ascii_isspace (*q))
            q++;
          if (*q == '\'')
            {
              for (q++; *q != '\0' && *q != '\''; q++)
                if (*q == '\\' && q[1] != '\0')
                  q++;
              if (*q == '\'')
                q++;
            }
          else
            while (*q != '\0' && !g_ascii_isspace (*q))
              q++;
          while (g_ascii_isspace (*q))
            q++;
          memmove (start, q, strlen (q) + 1);
          found = TRUE;
          p = start;
        }
    }
  if (found)
    memset (value + strlen (value), 0, len - strlen (value));
  return found;
}

/* Wipes the password of every --store address on the command line, at once: the copy
 * main() works with keeps it, in memory only. */
static void
scrub_command_line (int    argc,
                    char **argv)
{
  gboolean scrubbed = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;
      if (g_str_equal (argv[i], "--store") && i + 1 < argc)
        scrubbed |= scrub_password (argv[++i]);
      else if (g_str_has_prefix (argv[i], "--store="))
        scrubbed |= scrub_password (argv[i] + strlen ("--store="));
    }
  if (scrubbed)
    g_printerr ("ranah-cli: %s\n",
                _("The password in the store address shows in the process list; give it in "
                  "$PGPASSWORD or ~/.pgpass instead."));
}

static void
print_help (void)
{
  guint n;
  const RanahCliCommand *commands = ranah_cli_commands (&n);

  g_print (_("Usage:\n  ranah-cli [--store URI] [--user NAME] [--json] COMMAND …\n\n"
             "Runs the SOP “Pembuatan Subdomain” from the command line.\n\nCommands:\n"));
  for (guint i = 0; i < n; i++)
    g_print ("  %-12s %s\n", commands[i].name, _(commands[i].summary));
  g_print (_("\nOptions:\n"
             "  --store URI   the store: sqlite:PATH (default: $RANAH_STORE, else the "
             "embedded store)\n"
             "  --user NAME   act as this user (default: $RANAH_USER)\n"
             "  --json        print data as JSON\n"
             "  --version     print the version\n"
             "  --help        this help; “ranah-cli COMMAND --help” for a command\n\n"
             "The password comes from $RANAH_PASSWORD, else a prompt on the terminal; after "
             "“ranah-cli login”, commands on that store ask for none until the session "
             "ends.\n"
             "Exit status: 0 done, 1 other failure, 2 usage, 3 invalid input, 4 not allowed "
             "(role, state or missing paperwork), 5 changed by someone else first, 6 not "
             "found, 7 store unavailable, 8 DNS drift.\n"));
}

static gboolean
run (RanahCli  *cli,
     int        argc,
     char     **argv,
     GError   **error)
{
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = ranah_cli_context (cli, "COMMAND …", "", entries);
  guint n;
  const RanahCliCommand *commands = ranah_cli_commands (&n);

  /* Global options stop at the command's name; the command parses the rest. */
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_set_help_enabled (context, FALSE);
  for (int i = 1; i < argc; i++)
    {
      if (argv[i][0] != '-')
        break;
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_help ();
          return TRUE;
        }
    }
  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, -1, error))
    return FALSE;
  if (version)
    {
      g_print ("ranah-cli %s\n", PACKAGE_VERSION);
      return TRUE;
    }
  if (argc < 2)
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("Name a command: see ranah-cli --help."));
      return FALSE;
    }
  if (g_str_equal (argv[1], "help"))
    {
      print_help ();
      return TRUE;
    }
  for (guint i = 0; i < n; i++)
    if (g_str_equal (commands[i].name, argv[1]))
      {
        g_free (cli->command);
        cli->command = g_strconcat ("ranah-cli ", argv[1], NULL);
        return commands[i].run (cli, argc - 1, argv + 1, error);
      }
  g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
               _("There is no command “%s”: see ranah-cli --help."), argv[1]);
  return FALSE;
}

int
main (int    argc,
      char **argv)
{
  RanahCli cli;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char **work = NULL;
  int status = 0;

  setlocale (LC_ALL, "");
  /* RANAH_LOCALEDIR lets a build tree or a staged install find its own translations. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RANAH_LOCALEDIR") != NULL
                                   ? g_getenv ("RANAH_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("ranah-cli");
  g_set_print_handler (print_out);
  g_set_printerr_handler (print_err);

  ranah_failure_register (RANAH_CLI_ERROR, classify_cli_error);
  ranah_failure_register (G_OPTION_ERROR, classify_option_error);
  ranah_failure_register (G_FILE_ERROR, classify_file_error);
  /* The store registers its classifier in class_init: make sure that has run even when
   * opening fails before any store object exists. */
  g_type_class_ref (RANAH_TYPE_STORE);

  /* GOption drops the options it parsed from the array it is given: let it rearrange a
   * shallow copy while args keeps every string. */
  args = g_strdupv (argv);
  scrub_command_line (argc, argv);
  work = g_memdup2 (args, sizeof (char *) * ((gsize) argc + 1));
  ranah_cli_init (&cli);
  if (!run (&cli, argc, work, &error))
    {
      status = ranah_failure_classify (error);
      if (status == RANAH_FAILURE_NONE)
        status = RANAH_FAILURE_OTHER;
      g_printerr ("ranah-cli: %s\n", error->message);
    }
  ranah_cli_clear (&cli);
  return status;
}
