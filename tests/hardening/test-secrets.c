/* test-secrets.c — passwords and the TSIG secret stay out of output, errors, command lines
 * and the audit trail; wrong passwords lock an account, and the trail says so; hostile
 * arguments to ranah-cli are refused in one sentence or stored as typed
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: test-secrets PATH-TO-RANAH-CLI. Drives the built ranah-cli on a fresh SQLite store
 * with every command that touches a secret (store init, profile set and show, user add and
 * set-password, failed sign-ins, the lockout), collects everything it printed, and then
 * reads every field of every audit event through the store API. A second case passes
 * hostile text (SQL, format strings, 100 KiB, control characters, bytes that are not UTF-8,
 * direction and zero-width marks) as the arguments of the commands that store text.
 */
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "store-fixture.h"

#define ADMIN_PASSWORD "Adm1n-Rahasia-Qx7"
#define STAF_PASSWORD  "Staf-Rahasia-Wm3"
#define NEW_PASSWORD   "Ganti-Sandi-Zt9"
#define WRONG_PASSWORD "Tebakan-Salah-Kp4"
#define TSIG_SECRET    "c2VjcmV0LXRzaWcta2V5LXJhbmFoLTIwMjY="

static const char *const secrets[] = {
  ADMIN_PASSWORD, STAF_PASSWORD, NEW_PASSWORD, WRONG_PASSWORD, TSIG_SECRET,
};

static const char *cli_path;

typedef struct {
  char    *dir;
  char    *uri;
  char    *out;
  char    *err;
  int      status;
  GString *everything;  /* every stdout and stderr, to search for secrets at the end */
} Fixture;

static void
assert_no_secret (const char *where,
                  const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    if (text != NULL && strstr (text, secrets[i]) != NULL)
      g_error ("%s shows a secret: %s", where, text);
}

/* Runs ranah-cli with @password in $RANAH_PASSWORD and @new_password in
 * $RANAH_NEW_PASSWORD (NULL: unset), @input on stdin. */
static int
run (Fixture    *f,
     const char *password,
     const char *new_password,
     const char *input,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = g_build_filename (f->dir, "data", NULL);
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) cli_path);
  g_ptr_array_add (args, (gpointer) "--store");
  g_ptr_array_add (args, f->uri);
  va_start (ap, input);
  while ((arg = va_arg (ap, const char *)) != NULL)
    {
      /* What any user on the machine sees in `ps`: never a secret. */
      assert_no_secret ("a command line", arg);
      g_ptr_array_add (args, (gpointer) arg);
    }
  va_end (ap);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "RANAH_STORE");
  g_subprocess_launcher_unsetenv (launcher, "RANAH_USER");
  if (password != NULL)
    g_subprocess_launcher_setenv (launcher, "RANAH_PASSWORD", password, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "RANAH_PASSWORD");
  if (new_password != NULL)
    g_subprocess_launcher_setenv (launcher, "RANAH_NEW_PASSWORD", new_password, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "RANAH_NEW_PASSWORD");
  g_subprocess_launcher_setenv (launcher, "RANAH_TEST_FAST_PWHASH", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);

  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  g_subprocess_communicate_utf8 (proc, input != NULL ? input : "", NULL, &f->out, &f->err,
                                 &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  f->status = g_subprocess_get_exit_status (proc);
  g_string_append_printf (f->everything, "%s\n%s\n", f->out, f->err);
  return f->status;
}

/* One sentence on stderr, nothing else. */
static void
assert_one_sentence (Fixture *f)
{
  g_autofree char *err = g_strstrip (g_strdup (f->err));

  g_assert_cmpstr (err, !=, "");
  g_assert_null (strchr (err, '\n'));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("ranah-secrets-XXXXXX", &error);
  g_assert_no_error (error);
  f->uri = g_strdup_printf ("sqlite:%s/ranah.db", f->dir);
  f->everything = g_string_new (NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
  g_free (f->dir);
  g_free (f->uri);
  g_free (f->out);
  g_free (f->err);
  g_string_free (f->everything, TRUE);
}

static void
test_secrets (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RanahStore) store = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tsig_line = g_strconcat (TSIG_SECRET, "\n", NULL);

  g_assert_cmpint (run (f, ADMIN_PASSWORD, NULL, NULL, "--user", "admin", "store", "init",
                        "--full-name", "Admin Ranah", NULL), ==, 0);

  /* The TSIG secret only through stdin (or a prompt); as an argument it is refused. */
  g_assert_cmpint (run (f, ADMIN_PASSWORD, NULL, tsig_line, "--user", "admin", "profile", "set",
                        "tsig-secret", "-", NULL), ==, 0);
  g_assert_cmpint (run (f, ADMIN_PASSWORD, NULL, NULL, "--user", "admin", "profile", "set",
                        "tsig-secret", "bm90LXRoZS1zZWNyZXQ=", NULL), ==, 2);
  assert_one_sentence (f);
  g_assert_cmpint (run (f, ADMIN_PASSWORD, NULL, NULL, "--user", "admin", "profile", "show",
                        NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "tsig-secret"));
  g_assert_cmpint (run (f, ADMIN_PASSWORD, NULL, NULL, "--user", "admin", "--json", "profile",
                        "show", NULL), ==, 0);
  g_assert_cmpint (run (f, ADMIN_PASSWORD, NULL, NULL, "--user", "admin", "profile", "show",
                        "tsig-secret", NULL), ==, 0);

  /* Passwords only from the environment or a prompt: there is no --password. */
  g_assert_cmpint (run (f, NULL, NULL, NULL, "--user", "admin", "--password", "x", "store",
                        "info", NULL), ==, 2);
  assert_one_sentence (f);
  g_assert_cmpint (run (f, ADMIN_PASSWORD, NULL, NULL, "--user", "admin", "user", "add",
                        "staf1", "--role", "staf", "--password", "x", NULL), ==, 2);
  assert_one_sentence (f);
  g_assert_cmpint (run (f, ADMIN_PASSWORD, NULL, NULL, "--user", "admin", "user",
                        "set-password", "admin", "--new-password", "x", NULL), ==, 2);

  g_assert_cmpint (run (f, ADMIN_PASSWORD, STAF_PASSWORD, NULL, "--user", "admin", "user",
                        "add", "staf1", "--role", "staf", "--full-name", "Staf Satu", NULL),
                   ==, 0);
  g_assert_cmpint (run (f, STAF_PASSWORD, NULL, NULL, "--user", "staf1", "inbox", NULL), ==, 0);
  g_assert_cmpint (run (f, ADMIN_PASSWORD, NEW_PASSWORD, NULL, "--user", "admin", "user",
                        "set-password", "staf1", NULL), ==, 0);

  /* Sign-in failures: one sentence, which never repeats what was typed. */
  g_assert_cmpint (run (f, STAF_PASSWORD, NULL, NULL, "--user", "staf1", "inbox", NULL), !=, 0);
  assert_one_sentence (f);
  g_assert_cmpint (run (f, WRONG_PASSWORD, NULL, NULL, "--user", "tidak-ada", "inbox", NULL),
                   !=, 0);
  assert_one_sentence (f);
  g_assert_cmpint (run (f, NULL, NULL, NULL, "--user", "staf1", "inbox", NULL), !=, 0);
  assert_one_sentence (f);

  /* Three wrong passwords lock the account: then even the right one is refused. */
  g_assert_cmpint (run (f, ADMIN_PASSWORD, NULL, NULL, "--user", "admin", "profile", "set",
                        "max-login-failures", "3", NULL), ==, 0);
  g_assert_cmpint (run (f, ADMIN_PASSWORD, NULL, NULL, "--user", "admin", "profile", "set",
                        "lockout-minutes", "30", NULL), ==, 0);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (run (f, WRONG_PASSWORD, NULL, NULL, "--user", "staf1", "inbox", NULL),
                       ==, 4);
      assert_one_sentence (f);
    }
  g_assert_nonnull (strstr (f->err, "locked"));
  g_assert_cmpint (run (f, NEW_PASSWORD, NULL, NULL, "--user", "staf1", "inbox", NULL), ==, 4);
  g_assert_nonnull (strstr (f->err, "locked"));
  assert_one_sentence (f);

  g_assert_cmpint (run (f, ADMIN_PASSWORD, NULL, NULL, "--user", "admin", "audit", "list",
                        NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "auth:sign-in-locked"));
  g_assert_cmpint (run (f, ADMIN_PASSWORD, NULL, NULL, "--user", "admin", "--json", "audit",
                        "list", NULL), ==, 0);
  g_assert_cmpint (run (f, ADMIN_PASSWORD, NULL, NULL, "--user", "admin", "audit", "verify",
                        NULL), ==, 0);

  assert_no_secret ("ranah-cli's output", f->everything->str);

  /* Every field of every event, read through the store. */
  g_setenv ("RANAH_TEST_FAST_PWHASH", "1", TRUE);
  store = ranah_store_open (f->uri, &error);
  g_assert_no_error (error);
  g_assert_true (ranah_store_sign_in (store, "admin", ADMIN_PASSWORD, &error));
  g_assert_no_error (error);
  events = ranah_store_list_events (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, >=, 8);
  for (guint i = 0; i < events->len; i++)
    {
      RanahEvent *e = g_ptr_array_index (events, i);
      g_autofree char *dump = g_strdup_printf ("%s|%s|%s|%s|%s|%s|%s", e->username, e->action,
                                               e->from_state ? e->from_state : "",
                                               e->to_state ? e->to_state : "",
                                               e->note ? e->note : "", e->prev_hash, e->hash);
      assert_no_secret ("the audit trail", dump);
    }
}

/* Exit 0 (done), 2 (usage) or 3 (invalid input) with one sentence; never a crash. */
static gboolean
hostile_outcome (Fixture    *f,
                 const char *what)
{
  if (f->status != 0 && f->status != 2 && f->status != 3)
    g_error ("%s: exit status %d: %s", what, f->status, f->err);
  if (f->status != 0)
    assert_one_sentence (f);
  g_assert_cmpuint (strlen (f->err), <, 1000);
  return f->status == 0;
}

static void
test_cli_hostile (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *big = g_strnfill (100 * 1024, 'B');
  const char *const payloads[] = {
    "'; DROP TABLE requests; --", "\" OR 1=1 --", "Robert'); DELETE FROM events;--",
    "%s%s%s%n", "%x%x%x", big, "a\x01" "b\x1b[31mc", "abc\xc3\x28\xff",
    "laporan\xe2\x80\xae" "fdp.exe", "ab\xe2\x80\x8b" "c",
  };
  g_autoptr(GPtrArray) stored_hal = g_ptr_array_new ();
  g_autoptr(RanahStore) store = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run (f, ADMIN_PASSWORD, NULL, NULL, "--user", "admin", "store", "init",
                        "--full-name", "Admin Ranah", NULL), ==, 0);
  g_assert_cmpint (run (f, ADMIN_PASSWORD, NULL, NULL, "--user", "admin", "opd", "add", "DINKES",
                        "--name", "Dinas Kesehatan", NULL), ==, 0);
  g_assert_cmpint (run (f, ADMIN_PASSWORD, STAF_PASSWORD, NULL, "--user", "admin", "user", "add",
                        "opd1", "--role", "opd", "--opd", "DINKES", "--full-name", "Operator",
                        NULL), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      const char *p = payloads[i];
      g_autofree char *name = g_strdup_printf ("uji%u", i);
      g_autofree char *code = g_strdup_printf ("OPD%u", i);
      g_autofree char *date = g_strdup_printf ("2027-02-%02u", i + 1);

      run (f, STAF_PASSWORD, NULL, NULL, "--user", "opd1", "request", "submit", "--name", name,
           "--record", "A:103.20.30.40", "--purpose", "Layanan", "--contact-name", "Budi",
           "--contact-phone", "081234567890", "--contact-email", "budi@dinkes.go.id",
           "--letter-number", "400/1/2026", "--letter-date", "2026-11-16", "--hal", p, NULL);
      if (hostile_outcome (f, "request submit --hal"))
        g_ptr_array_add (stored_hal, (gpointer) p);
      run (f, STAF_PASSWORD, NULL, NULL, "--user", "opd1", "request", "submit", "--name", p,
           "--record", "A:103.20.30.40", "--purpose", p, "--contact-name", p,
           "--contact-phone", "081234567890", "--contact-email", "budi@dinkes.go.id",
           "--letter-number", p, "--letter-date", "2026-11-16", NULL);
      hostile_outcome (f, "request submit --name");
      run (f, STAF_PASSWORD, NULL, NULL, "--user", "opd1", "request", "list", "--search", p,
           NULL);
      hostile_outcome (f, "request list --search");
      run (f, STAF_PASSWORD, NULL, NULL, "--user", "opd1", "name", "check", p, NULL);
      if (f->status != 0 && f->status != 2 && f->status != 3)
        g_error ("name check: exit status %d: %s", f->status, f->err);
      run (f, ADMIN_PASSWORD, NULL, NULL, "--user", "admin", "opd", "add", code, "--name", p,
           "--head-title", p, NULL);
      hostile_outcome (f, "opd add");
      run (f, ADMIN_PASSWORD, NULL, NULL, "--user", "admin", "holiday", "add", date, p, NULL);
      hostile_outcome (f, "holiday add");
      run (f, ADMIN_PASSWORD, NULL, NULL, "--user", "admin", "profile", "set", "signer-name", p,
           NULL);
      hostile_outcome (f, "profile set");
      run (f, ADMIN_PASSWORD, NULL, NULL, "--user", "admin", "user", "edit", "opd1",
           "--full-name", p, NULL);
      hostile_outcome (f, "user edit");
      run (f, ADMIN_PASSWORD, NULL, NULL, "--user", p, "inbox", NULL);
      g_assert_cmpint (f->status, !=, 0);
      assert_one_sentence (f);
    }

  g_assert_cmpint (run (f, ADMIN_PASSWORD, NULL, NULL, "--user", "admin", "audit", "verify",
                        NULL), ==, 0);
  g_assert_cmpint (run (f, ADMIN_PASSWORD, NULL, NULL, "--user", "admin", "request", "list",
                        NULL), ==, 0);

  /* What was accepted is stored byte for byte. */
  g_setenv ("RANAH_TEST_FAST_PWHASH", "1", TRUE);
  store = ranah_store_open (f->uri, &error);
  g_assert_no_error (error);
  g_assert_true (ranah_store_sign_in (store, "admin", ADMIN_PASSWORD, &error));
  requests = ranah_store_list_requests (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored_hal->len, >=, 5);
  for (guint i = 0; i < stored_hal->len; i++)
    {
      gboolean found = FALSE;

      for (guint k = 0; k < requests->len; k++)
        found |= g_strcmp0 (((RanahRequest *) g_ptr_array_index (requests, k))->hal,
                            g_ptr_array_index (stored_hal, i)) == 0;
      g_assert_true (found);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    {
      g_printerr ("usage: %s PATH-TO-RANAH-CLI\n", argv[0]);
      return 2;
    }
  cli_path = argv[1];

  g_test_add ("/ranah/hardening/secrets/cli-and-audit", Fixture, NULL, fixture_set_up,
              test_secrets, fixture_tear_down);
  g_test_add ("/ranah/hardening/hostile/cli-arguments", Fixture, NULL, fixture_set_up,
              test_cli_hostile, fixture_tear_down);
  return g_test_run ();
}
