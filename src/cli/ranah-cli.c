/* ranah-cli.c — what every ranah-cli command shares: options, the open store, output
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ranah-cli.h"

#ifdef RANAH_CLI_HAVE_LETTER
#include "ranah-letter.h"
#endif

G_DEFINE_QUARK (ranah-cli-error-quark, ranah_cli_error)

void
ranah_cli_init (RanahCli *cli)
{
  memset (cli, 0, sizeof *cli);
  cli->store_uri = g_strdup (g_getenv ("RANAH_STORE"));
  cli->username = g_strdup (g_getenv ("RANAH_USER"));
  cli->command = g_strdup ("ranah-cli");
}

void
ranah_cli_clear (RanahCli *cli)
{
  g_clear_pointer (&cli->store_uri, g_free);
  g_clear_pointer (&cli->username, g_free);
  g_clear_object (&cli->store);
  g_clear_pointer (&cli->tz, g_time_zone_unref);
  g_clear_pointer (&cli->calendar, ranah_calendar_free);
  g_clear_pointer (&cli->command, g_free);
  g_clear_pointer (&cli->opt_store, g_free);
  g_clear_pointer (&cli->opt_user, g_free);
}

static void
set_command (RanahCli   *cli,
             const char *name)
{
  char *command = g_strconcat (cli->command, " ", name, NULL);

  g_free (cli->command);
  cli->command = command;
  /* GOption prints the program name in its usage line: make it the whole command. */
  g_set_prgname (cli->command);
}

gboolean
ranah_cli_dispatch (RanahCli              *cli,
                    const char            *group,
                    const char            *summary,
                    const RanahCliCommand *subcommands,
                    guint                  n_subcommands,
                    int                    argc,
                    char                 **argv,
                    GError               **error)
{
  const char *name = argc > 1 ? argv[1] : NULL;

  if (name == NULL || g_str_equal (name, "--help") || g_str_equal (name, "-h")
      || g_str_equal (name, "help"))
    {
      g_autoptr(GString) help = g_string_new (NULL);

      if (name == NULL)
        {
          g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                       _("“%s” needs a subcommand: see %s --help."), cli->command, cli->command);
          return FALSE;
        }
      g_string_append_printf (help, _("Usage:\n  %s COMMAND [OPTION…]\n\n%s\n\nCommands:\n"),
                              cli->command, _(summary));
      {
        int width = 14;

        /* One column for every summary, however long the longest subcommand's name. */
        for (guint i = 0; i < n_subcommands; i++)
          width = MAX (width, (int) strlen (subcommands[i].name));
        for (guint i = 0; i < n_subcommands; i++)
          g_string_append_printf (help, "  %-*s %s\n", width, subcommands[i].name,
                                  _(subcommands[i].summary));
      }
      g_string_append_printf (help, _("\nRun “%s COMMAND --help” for a command's options.\n"),
                              cli->command);
      fputs (help->str, stdout);
      return TRUE;
    }

  for (guint i = 0; i < n_subcommands; i++)
    if (g_str_equal (subcommands[i].name, name))
      {
        set_command (cli, name);
        return subcommands[i].run (cli, argc - 1, argv + 1, error);
      }

  g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
               _("“%s” has no subcommand “%s”: see %s --help."), cli->command, name, cli->command);
  return FALSE;
}

GOptionContext *
ranah_cli_context (RanahCli           *cli,
                   const char         *parameters,
                   const char         *summary,
                   const GOptionEntry *entries)
{
  const GOptionEntry global[] = {
    { "store", 0, 0, G_OPTION_ARG_STRING, &cli->opt_store,
      N_("The store: sqlite:PATH (default: $RANAH_STORE, else the embedded store)"), N_("URI") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &cli->opt_user,
      N_("Act as this user (default: $RANAH_USER, else whoever “ranah-cli login” signed in); "
         "without a session, the password comes from $RANAH_PASSWORD or a prompt"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli->opt_json, N_("Print data as JSON"), NULL },
    { NULL }
  };
  GOptionContext *context = g_option_context_new (parameters);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(summary));
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, global, GETTEXT_PACKAGE);
  return context;
}

gboolean
ranah_cli_parse (RanahCli         *cli,
                 GOptionContext   *context,
                 int              *argc,
                 char           ***argv,
                 int               min_args,
                 int               max_args,
                 GError          **error)
{
  g_autoptr(GError) parse_error = NULL;
  int n;

  g_set_prgname (cli->command);
  if (!g_option_context_parse (context, argc, argv, &parse_error))
    {
      /* GOption converts option values from the locale's encoding; bytes that are not text
       * fail there with a message about a conversion rather than about the argument. */
      if (parse_error->domain == G_CONVERT_ERROR)
        g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                     _("An option's value is not valid text (UTF-8)."));
      else
        g_propagate_error (error, g_steal_pointer (&parse_error));
      return FALSE;
    }

  if (cli->opt_store != NULL)
    {
      g_free (cli->store_uri);
      cli->store_uri = g_steal_pointer (&cli->opt_store);
    }
  if (cli->opt_user != NULL)
    {
      g_free (cli->username);
      cli->username = g_steal_pointer (&cli->opt_user);
    }
  if (cli->opt_json)
    cli->json = TRUE;

  /* "--" ends the options; GOption leaves it in place. A strict POSIX context (main()'s)
   * stopped at the first argument that is not an option, the command's name: a "--" after
   * that is the command's own, which it must still see, or a name such as "-abc" after it
   * would be read as an option. */
  for (int i = 1; i < *argc; i++)
    {
      if (g_str_equal ((*argv)[i], "--"))
        {
          memmove (&(*argv)[i], &(*argv)[i + 1], sizeof (char *) * (*argc - i));
          (*argc)--;
          break;
        }
      if (g_option_context_get_strict_posix (context))
        break;
    }

  n = *argc - 1;
  if (n < min_args)
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("“%s” needs more arguments: see %s --help."), cli->command, cli->command);
      return FALSE;
    }
  if (max_args >= 0 && n > max_args)
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("“%s” does not take the argument “%s”: see %s --help."),
                   cli->command, (*argv)[max_args + 1], cli->command);
      return FALSE;
    }
  return TRUE;
}

RanahStore *
ranah_cli_open_existing (const char  *uri,
                         GError     **error)
{
  g_autofree char *fallback = NULL;
  const char *path;

  if (uri == NULL || *uri == '\0')
    uri = g_getenv ("RANAH_STORE");
  if (uri == NULL || *uri == '\0')
    uri = fallback = ranah_store_default_uri ();
  /* Opening an SQLite store creates its file and folder when missing: a mistyped path
   * would leave an empty store behind and fail later, or not at all. Only "store init"
   * creates one. (A path whose folder is a file, or unreadable, fails in opening.) */
  if (g_str_has_prefix (uri, "sqlite:"))
    {
      GStatBuf st;

      path = uri + strlen ("sqlite:");
      if (g_str_has_prefix (path, "//"))
        path += 2;
      if (*path != '\0' && g_stat (path, &st) != 0 && errno == ENOENT)
        {
          g_autofree char *shown = ranah_text_shown (path, 200, FALSE);

          g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND,
                       _("There is no store at %s; create one with “ranah-cli store init”."),
                       shown);
          return NULL;
        }
    }
  return ranah_store_open (uri, error);
}

gboolean
ranah_cli_open_store (RanahCli  *cli,
                      GError   **error)
{
  if (cli->store != NULL)
    return TRUE;
  /* "store init" on PostgreSQL connects as the owner at once (ranah-cli-store.c). */
  cli->store = cli->may_create ? ranah_store_open (cli->store_uri, error)
                               : ranah_cli_open_existing (cli->store_uri, error);
  if (cli->store == NULL)
    return FALSE;
  if (ranah_store_get_warning (cli->store) != NULL)
    g_printerr ("ranah-cli: %s\n", ranah_store_get_warning (cli->store));
  return TRUE;
}

static char *
prompt_once (const char *prompt,
             FILE       *tty)
{
  struct termios old, quiet;
  char buf[1024];
  gboolean echo_off;
  char *result = NULL;

  fputs (prompt, tty);
  fflush (tty);
  echo_off = tcgetattr (fileno (tty), &old) == 0;
  if (echo_off)
    {
      quiet = old;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      quiet.c_lflag |= ECHONL;
      tcsetattr (fileno (tty), TCSAFLUSH, &quiet);
    }
  if (fgets (buf, sizeof buf, tty) != NULL)
    {
      buf[strcspn (buf, "\r\n")] = '\0';
      result = g_strdup (buf);
    }
  if (echo_off)
    tcsetattr (fileno (tty), TCSAFLUSH, &old);
  memset (buf, 0, sizeof buf);
  return result;
}

char *
ranah_cli_read_password (const char  *env_var,
                         const char  *prompt,
                         gboolean     confirm,
                         GError     **error)
{
  const char *value = env_var != NULL ? g_getenv (env_var) : NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  FILE *tty;

  if (value != NULL)
    return g_strdup (value);

  tty = fopen ("/dev/tty", "r+");
  if (tty == NULL)
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("No password: set %s or run ranah-cli on a terminal."), env_var);
      return NULL;
    }
  first = prompt_once (prompt, tty);
  if (first != NULL && confirm)
    second = prompt_once (_("Again: "), tty);
  fclose (tty);

  if (first == NULL || (confirm && (second == NULL || !g_str_equal (first, second))))
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   confirm && first != NULL ? _("The two passwords differ.")
                                            : _("No password was entered."));
      return NULL;
    }
  return g_steal_pointer (&first);
}

gboolean
ranah_cli_sign_in (RanahCli  *cli,
                   GError   **error)
{
  g_autofree char *password = NULL;
  g_autofree char *prompt = NULL;

  if (!ranah_cli_open_store (cli, error))
    return FALSE;
  if (ranah_store_get_user (cli->store) != NULL)
    return TRUE;
  /* A session of "ranah-cli login" on this store, for this user (or whoever it is when no
   * user is named), spares the password; an ended one falls through to it. */
  {
    g_autoptr(GError) resume_error = NULL;

    if (ranah_cli_resume_session (cli, &resume_error))
      return TRUE;
    if (resume_error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&resume_error));
        return FALSE;
      }
  }
  if (cli->username == NULL || *cli->username == '\0')
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("Say who you are with --user NAME or $RANAH_USER."));
      return FALSE;
    }
  prompt = g_strdup_printf (_("Password for %s: "), cli->username);
  password = ranah_cli_read_password ("RANAH_PASSWORD", prompt, FALSE, error);
  if (password == NULL)
    return FALSE;
  return ranah_store_sign_in (cli->store, cli->username, password, error);
}

gboolean
ranah_cli_parse_id (const char  *text,
                    const char  *what,
                    gint64      *out,
                    GError     **error)
{
  guint64 value = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("%s must be a positive whole number, not “%s”."), what,
                   text != NULL ? text : "");
      return FALSE;
    }
  *out = (gint64) value;
  return TRUE;
}

RanahUser *
ranah_cli_find_user (RanahCli    *cli,
                     const char  *username,
                     GError     **error)
{
  return ranah_store_find_user (cli->store, username, error);
}

RanahOpd *
ranah_cli_find_opd (RanahCli    *cli,
                    const char  *code_or_name,
                    GError     **error)
{
  return ranah_store_find_opd (cli->store, code_or_name, error);
}

GTimeZone *
ranah_cli_timezone (RanahCli *cli)
{
  if (cli->tz == NULL)
    {
      g_autoptr(GHashTable) profile = NULL;
      const char *tzid = "Asia/Makassar";

      if (cli->store != NULL && ranah_store_get_user (cli->store) != NULL
          && (profile = ranah_store_get_profile (cli->store, NULL)) != NULL
          && g_hash_table_lookup (profile, RANAH_PROFILE_TIMEZONE) != NULL)
        tzid = g_hash_table_lookup (profile, RANAH_PROFILE_TIMEZONE);
      cli->tz = g_time_zone_new_identifier (tzid);
      if (cli->tz == NULL)
        cli->tz = g_time_zone_new_offset (8 * 3600);
    }
  return cli->tz;
}

RanahCalendar *
ranah_cli_calendar (RanahCli  *cli,
                    GError   **error)
{
  if (cli->calendar == NULL)
    cli->calendar = ranah_store_get_calendar (cli->store, error);
  return cli->calendar;
}

gboolean
ranah_cli_parse_time (RanahCli    *cli,
                      const char  *text,
                      const char  *what,
                      gint64      *out,
                      GError     **error)
{
  int y, mo, d, h = 23, mi = 59, s = 59;
  char tail;
  g_autoptr(GDateTime) dt = NULL;
  int n = sscanf (text, "%4d-%2d-%2d %2d:%2d%c", &y, &mo, &d, &h, &mi, &tail);

  if (n == 5)
    s = 0;
  if ((n != 3 && n != 5)
      || (dt = g_date_time_new (ranah_cli_timezone (cli), y, mo, d, h, mi, s)) == NULL)
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("%s must be a date YYYY-MM-DD or a time “YYYY-MM-DD HH:MM”, not “%s”."),
                   what, text);
      return FALSE;
    }
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

char *
ranah_cli_format_time (RanahCli *cli,
                       gint64    when)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (when == 0 || (utc = g_date_time_new_from_unix_utc (when)) == NULL)
    return g_strdup ("-");
  local = g_date_time_to_timezone (utc, ranah_cli_timezone (cli));
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

char *
ranah_cli_today (RanahCli *cli)
{
  gint64 now = cli->store != NULL ? ranah_store_now (cli->store)
                                  : g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, ranah_cli_timezone (cli));

  return g_date_time_format (local, "%Y-%m-%d");
}

char *
ranah_cli_format_waited (double working_days,
                         guint  standard_days)
{
  if (standard_days == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.2f working day",
                                         "%.2f working days", working_days == 1.0 ? 1 : 2),
                            working_days);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.2f of %u working day",
                                       "%.2f of %u working days", standard_days),
                          working_days, standard_days);
}

char *
ranah_cli_cell (const char *value,
                guint       width)
{
  g_autofree char *text = NULL;
  glong len;
  GString *out;

  /* One line, whatever the value holds: line breaks are written out like the control and
   * direction characters that g_print()'s handler writes out (main.c). */
  text = ranah_text_shown (value == NULL || *value == '\0' ? "-" : value, 0, FALSE);
  len = g_utf8_strlen (text, -1);
  if ((guint) len > width && width > 1)
    {
      const char *cut = g_utf8_offset_to_pointer (text, width - 1);
      out = g_string_new_len (text, cut - text);
      g_string_append (out, "…");
      return g_string_free (out, FALSE);
    }
  out = g_string_new (text);
  for (glong i = len; i < (glong) width; i++)
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}

void
ranah_cli_print_indented (guint       indent,
                          const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    g_print ("%*s%s\n", (int) indent, "", lines[i]);
}

void
ranah_cli_print_field (const char *label,
                       const char *value)
{
  g_autofree char *cell = ranah_cli_cell (label, 18);
  const char *newline;

  if (value == NULL || *value == '\0')
    value = "-";
  /* A value over several lines keeps to its column: a line of a purpose must not pass for
   * a field of its own. */
  newline = strchr (value, '\n');
  if (newline == NULL)
    {
      g_print ("%s %s\n", cell, value);
      return;
    }
  g_print ("%s %.*s\n", cell, (int) (newline - value), value);
  ranah_cli_print_indented (19, newline + 1);
}

void
ranah_cli_print_json (RanahCliJson *json)
{
  fputs (ranah_cli_json_get_text (json), stdout);
}

/* Writes into what @path already is: a device or a pipe (/dev/null, /dev/stdout, a FIFO)
 * must stay one. Replacing it, as a regular file is replaced, made /dev/null a regular file
 * when root wrote to it. */
static gboolean
write_into (const char  *path,
            const char  *data,
            gsize        len,
            GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CLOEXEC, 0);
  int saved = 0;

  if (fd < 0)
    saved = errno;
  while (fd >= 0 && saved == 0 && len > 0)
    {
      gssize written = write (fd, data, len);

      if (written < 0 && errno != EINTR)
        saved = errno;
      else if (written > 0)
        {
          data += written;
          len -= written;
        }
    }
  if (fd >= 0 && !g_close (fd, NULL) && saved == 0)
    saved = errno;
  if (saved != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not write to %s: %s."), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
ranah_cli_write_output (const char  *path,
                        GBytes      *bytes,
                        GError     **error)
{
  GStatBuf st;

  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (g_str_equal (path, "-"))
    {
      if (isatty (STDOUT_FILENO))
        {
          g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                       _("Refusing to write a binary file to the terminal: use -o FILE."));
          return FALSE;
        }
      if (len > 0 && fwrite (data, 1, len, stdout) != len)
        {
          int saved = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Could not write to standard output: %s."), g_strerror (saved));
          return FALSE;
        }
      return fflush (stdout) == 0;
    }
  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode) && !S_ISDIR (st.st_mode))
    return write_into (path, data != NULL ? data : "", len, error);
  return g_file_set_contents (path, data != NULL ? data : "", len, error);
}

GBytes *
ranah_cli_read_input (const char  *path,
                      gsize        limit,
                      GError     **error)
{
  GBytes *bytes = NULL;

  if (g_str_equal (path, "-"))
    {
      if (!ranah_file_read_fd_limited (STDIN_FILENO, _("standard input"), limit, &bytes, error))
        return NULL;
      return bytes;
    }
  if (!ranah_file_read_limited (path, limit, &bytes, error))
    return NULL;
  return bytes;
}

GBytes *
ranah_cli_make_pdf (const char *text)
{
  GString *pdf = g_string_new ("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
  g_autoptr(GString) content = g_string_new (NULL);
  g_autoptr(GString) safe = g_string_new (NULL);
  gsize offsets[6];
  gsize xref;
  gsize len;

  /* PDF string literals: escape the three special characters, keep ASCII only. */
  for (const char *p = text; *p; p++)
    {
      if (*p == '(' || *p == ')' || *p == '\\')
        g_string_append_c (safe, '\\');
      g_string_append_c (safe, g_ascii_isprint (*p) ? *p : '?');
    }
  g_string_append_printf (content, "BT /F1 14 Tf 72 760 Td (%s) Tj ET", safe->str);

  offsets[1] = pdf->len;
  g_string_append (pdf, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
  offsets[2] = pdf->len;
  g_string_append (pdf, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
  offsets[3] = pdf->len;
  g_string_append (pdf, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                        "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>\nendobj\n");
  offsets[4] = pdf->len;
  g_string_append_printf (pdf, "4 0 obj\n<< /Length %" G_GSIZE_FORMAT " >>\nstream\n%s\n"
                               "endstream\nendobj\n", content->len + 1, content->str);
  offsets[5] = pdf->len;
  g_string_append (pdf, "5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\n"
                        "endobj\n");
  xref = pdf->len;
  g_string_append (pdf, "xref\n0 6\n0000000000 65535 f \n");
  for (guint i = 1; i < 6; i++)
    g_string_append_printf (pdf, "%010" G_GSIZE_FORMAT " 00000 n \n", offsets[i]);
  g_string_append_printf (pdf, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%"
                               G_GSIZE_FORMAT "\n%%%%EOF\n", xref);
  len = pdf->len;
  return g_bytes_new_take (g_string_free (pdf, FALSE), len);
}

RanahSignRenderFunc
ranah_cli_sign_renderer (void)
{
#ifdef RANAH_CLI_HAVE_LETTER
  return ranah_letter_render_signed;
#else
  return NULL;
#endif
}
