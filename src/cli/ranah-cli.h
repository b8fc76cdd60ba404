/* ranah-cli.h — what every ranah-cli command shares: options, the open store, output
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A command is a function that parses its own options with ranah_cli_parse() (which adds
 * the global --store, --user and --json to every command, so they work before or after the
 * command's name), opens and signs in to the store with ranah_cli_sign_in(), and returns
 * FALSE with a GError on failure. main() turns the error into one sentence on stderr and
 * the exit code of ranah_failure_classify(); commands never print errors themselves.
 */
#pragma once

#include <glib.h>

#include "ranah-store.h"
#include "ranah-cli-json.h"

G_BEGIN_DECLS

#define RANAH_CLI_ERROR (ranah_cli_error_quark ())

typedef enum {
  RANAH_CLI_ERROR_USAGE,       /* exit 2: wrong arguments, unknown command */
  RANAH_CLI_ERROR_VALIDATION,  /* exit 3: bad rows in an imported file */
  RANAH_CLI_ERROR_NOT_FOUND,   /* exit 6: a named user, OPD, file… does not exist */
  RANAH_CLI_ERROR_FAILED,      /* exit 1 */
} RanahCliError;

GQuark ranah_cli_error_quark (void);

typedef struct _RanahCli RanahCli;

struct _RanahCli
{
  char          *store_uri;   /* --store, else $RANAH_STORE, else the default */
  char          *username;    /* --user, else $RANAH_USER */
  gboolean       json;        /* --json */
  RanahStore    *store;       /* open after ranah_cli_open_store() */
  GTimeZone     *tz;          /* the profile's zone, loaded on first use */
  RanahCalendar *calendar;    /* the store's working-day calendar, loaded on first use */
  char          *command;     /* "ranah-cli user add": for --help */
  gboolean       may_create;  /* "store init", "demo": an SQLite store may be created */
  /* where the global options of a command's own context land, merged after parsing */
  char          *opt_store;
  char          *opt_user;
  gboolean       opt_json;
};

typedef gboolean (*RanahCliRun) (RanahCli  *cli,
                                 int        argc,
                                 char     **argv,
                                 GError   **error);

typedef struct {
  const char  *name;
  const char  *summary;   /* one line, translatable (N_) */
  RanahCliRun  run;
} RanahCliCommand;

/* The top-level command table (ranah-cli-commands.c). */
const RanahCliCommand *ranah_cli_commands (guint *n_commands);

/* Each group's entry point (one file each: ranah-cli-<group>.c). */
gboolean ranah_cli_store_main       (RanahCli *cli, int argc, char **argv, GError **error);
gboolean ranah_cli_user_main        (RanahCli *cli, int argc, char **argv, GError **error);
gboolean ranah_cli_opd_main         (RanahCli *cli, int argc, char **argv, GError **error);
gboolean ranah_cli_holiday_main     (RanahCli *cli, int argc, char **argv, GError **error);
gboolean ranah_cli_reserved_main    (RanahCli *cli, int argc, char **argv, GError **error);
gboolean ranah_cli_profile_main     (RanahCli *cli, int argc, char **argv, GError **error);
gboolean ranah_cli_request_main     (RanahCli *cli, int argc, char **argv, GError **error);
gboolean ranah_cli_inbox_main       (RanahCli *cli, int argc, char **argv, GError **error);
gboolean ranah_cli_overdue_main     (RanahCli *cli, int argc, char **argv, GError **error);
gboolean ranah_cli_actions_main     (RanahCli *cli, int argc, char **argv, GError **error);
gboolean ranah_cli_act_main         (RanahCli *cli, int argc, char **argv, GError **error);
gboolean ranah_cli_disposition_main (RanahCli *cli, int argc, char **argv, GError **error);
gboolean ranah_cli_registry_main    (RanahCli *cli, int argc, char **argv, GError **error);
gboolean ranah_cli_audit_main       (RanahCli *cli, int argc, char **argv, GError **error);
gboolean ranah_cli_name_main        (RanahCli *cli, int argc, char **argv, GError **error);
gboolean ranah_cli_demo_main        (RanahCli *cli, int argc, char **argv, GError **error);
gboolean ranah_cli_dns_main         (RanahCli *cli, int argc, char **argv, GError **error);
gboolean ranah_cli_report_main      (RanahCli *cli, int argc, char **argv, GError **error);
gboolean ranah_cli_letter_main      (RanahCli *cli, int argc, char **argv, GError **error);
gboolean ranah_cli_pg_main          (RanahCli *cli, int argc, char **argv, GError **error);
gboolean ranah_cli_login_main       (RanahCli *cli, int argc, char **argv, GError **error);
gboolean ranah_cli_logout_main      (RanahCli *cli, int argc, char **argv, GError **error);

void      ranah_cli_init            (RanahCli *cli);
void      ranah_cli_clear           (RanahCli *cli);

/* A command group: runs the subcommand named by argv[1], or lists them for --help. */
gboolean  ranah_cli_dispatch        (RanahCli              *cli,
                                     const char            *group,
                                     const char            *summary,
                                     const RanahCliCommand *subcommands,
                                     guint                  n_subcommands,
                                     int                    argc,
                                     char                 **argv,
                                     GError               **error);

/* A context for one command: @parameters as in g_option_context_new(), @summary one line
 * (translated here), @entries the command's own options (NULL-terminated, may be NULL). */
GOptionContext *ranah_cli_context   (RanahCli           *cli,
                                     const char         *parameters,
                                     const char         *summary,
                                     const GOptionEntry *entries);
/* Parses, merges the global options, and checks the number of positional arguments left
 * (argv[0] excluded) is between @min_args and @max_args (-1 = any). */
gboolean  ranah_cli_parse           (RanahCli        *cli,
                                     GOptionContext  *context,
                                     int             *argc,
                                     char          ***argv,
                                     int              min_args,
                                     int              max_args,
                                     GError         **error);

/* Opens --store. Only a command that sets @may_create first ("store init", "demo") may
 * create an SQLite store: for any other, a file that is not there is "There is no store at
 * PATH" (RANAH_STORE_ERROR_NOT_FOUND), and nothing is created. */
gboolean  ranah_cli_open_store      (RanahCli  *cli,
                                     GError   **error);
/* Opens @uri (NULL: $RANAH_STORE, else the default store) without creating an SQLite file
 * or its folder. */
RanahStore *ranah_cli_open_existing (const char  *uri,
                                     GError     **error);
/* TRUE for a postgresql:// or postgres:// URI or a libpq key=value string. */
gboolean  ranah_cli_is_postgres_uri (const char *uri);
/* --store as the database owner's connection string: the password from the address, from
 * $PGPASSWORD or ~/.pgpass, else from @password_env or a prompt when the server wants one
 * (ranah-cli-pg.c). It lives in memory only. */
char     *ranah_cli_owner_conninfo  (RanahCli    *cli,
                                     const char  *password_env,
                                     GError     **error);
/* Opens the store and signs in: through the session "ranah-cli login" kept for this store
 * when there is one for --user (or for anyone when no user is named), else as --user with
 * $RANAH_PASSWORD or a prompt. */
gboolean  ranah_cli_sign_in         (RanahCli  *cli,
                                     GError   **error);
/* With the store open: resumes this store's kept session (ranah-cli-session.c). FALSE
 * without an error when there is none to resume (an ended one's file is removed); FALSE
 * with an error when the store could not say. */
gboolean  ranah_cli_resume_session  (RanahCli  *cli,
                                     GError   **error);
/* The store's URI as sessions are kept by: the default filled in, SQLite paths absolute. */
char     *ranah_cli_session_store_uri (RanahCli *cli);
/* A password from @env_var, else asked on the terminal without echo (twice when
 * @confirm); an error when there is neither. */
char     *ranah_cli_read_password   (const char  *env_var,
                                     const char  *prompt,
                                     gboolean     confirm,
                                     GError     **error);

/* Parsers for arguments; each fails with a usage error naming @what. */
gboolean  ranah_cli_parse_id        (const char  *text,
                                     const char  *what,
                                     gint64      *out,
                                     GError     **error);
RanahUser *ranah_cli_find_user      (RanahCli    *cli,
                                     const char  *username,
                                     GError     **error);
RanahOpd *ranah_cli_find_opd        (RanahCli    *cli,
                                     const char  *code_or_name,
                                     GError     **error);
/* "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" in the profile's zone; a bare date is the end of that
 * day. */
gboolean  ranah_cli_parse_time      (RanahCli    *cli,
                                     const char  *text,
                                     const char  *what,
                                     gint64      *out,
                                     GError     **error);

/* Output helpers. Times print in the profile's zone. */
GTimeZone     *ranah_cli_timezone   (RanahCli *cli);
RanahCalendar *ranah_cli_calendar   (RanahCli *cli, GError **error);
char     *ranah_cli_format_time     (RanahCli *cli, gint64 when);   /* "-" for 0 */
char     *ranah_cli_today           (RanahCli *cli);                /* YYYY-MM-DD */
/* "0.4 of 1 working day", "2.0 working days" when @standard_days is 0. */
char     *ranah_cli_format_waited   (double working_days, guint standard_days);
/* Pads @text with spaces to @width characters (UTF-8 aware) or cuts it with "…". */
char     *ranah_cli_cell            (const char *text, guint width);
void      ranah_cli_print_field     (const char *label, const char *value);
/* Prints each line of @text after @indent spaces. */
void      ranah_cli_print_indented  (guint indent, const char *text);
/* Prints the finished JSON document to stdout. */
void      ranah_cli_print_json      (RanahCliJson *json);

/* Writes @bytes to @path ("-" = stdout, refused when stdout is a terminal). */
gboolean  ranah_cli_write_output    (const char  *path,
                                     GBytes      *bytes,
                                     GError     **error);
/* Reads a whole file ("-" = stdin) of at most @limit bytes: anything but a regular file
 * (a FIFO, a device, a folder, a socket) is refused at once, and a larger file after
 * @limit + 1 bytes (ranah_file_read_limited()). */
GBytes   *ranah_cli_read_input      (const char  *path,
                                     gsize        limit,
                                     GError     **error);

/* The limits of the files ranah-cli reads. */
#define RANAH_CLI_CSV_MAX_BYTES     (32 * 1024 * 1024)
#define RANAH_CLI_PROFILE_MAX_BYTES (9 * 1024 * 1024)
#define RANAH_CLI_TOLD_MAX_BYTES    (4 * 1024 * 1024)

/* Records as typed: [HOST=]TYPE:TARGET[:TTL][:internal], MX:PRIORITY:TARGET…, and a
 * bracketed target ([2001:db8::1]) when it holds colons and a TTL follows. */
gboolean  ranah_cli_parse_record    (const char   *spec,
                                     RanahRecord **out,
                                     GError      **error);
char     *ranah_cli_record_text     (const RanahRecord *record);
/* A table (or JSON array) of requests; @waiting adds the step, time waited and overdue mark
 * of the inbox. */
void      ranah_cli_print_requests  (RanahCli  *cli,
                                     GPtrArray *requests,
                                     gboolean   waiting);

/* Replaces *@field with @value (taken) when @value is not NULL. */
static inline void
ranah_cli_take (char **field,
                char  *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = value;
}

/* A small, valid one-page PDF carrying @text: the demo's scanned letters. */
GBytes   *ranah_cli_make_pdf        (const char *text);

/* The renderer of signed letters (step 9), or NULL when this build has no letter layer. */
RanahSignRenderFunc ranah_cli_sign_renderer (void);

G_END_DECLS
