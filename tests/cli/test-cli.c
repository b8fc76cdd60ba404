/* test-cli.c — drives the built ranah-cli on a temporary store, acting as each role
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: test-cli PATH-TO-RANAH-CLI. Every case spawns the real program with the store,
 * user and password in its environment, and checks its exit status, its one-sentence
 * errors, and what it stored afterwards.
 */
#include <stdarg.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "ranah-store.h"

#define PASSWORD "correct-horse-7"

static const char *cli_path;

typedef struct {
  char *dir;
  char *uri;
  char *pdf;
  char *out;
  char *err;
  int   status;
  char *last_state;      /* the state the last act () left the request in */
  gboolean check_actions; /* act () first checks that "actions" offers the move */
  const char *password;   /* NULL: PASSWORD */
} Fixture;

/* Runs ranah-cli as @user (NULL: none) with @input on stdin; NULL-terminated arguments. */
static int
run_argv (Fixture            *f,
          const char         *uri,
          const char         *user,
          const char         *input,
          const char * const *argv)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = g_build_filename (f->dir, "data", NULL);

  g_ptr_array_add (args, (gpointer) cli_path);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "RANAH_STORE", uri, TRUE);
  g_subprocess_launcher_setenv (launcher, "RANAH_PASSWORD",
                                f->password != NULL ? f->password : PASSWORD, TRUE);
  g_subprocess_launcher_setenv (launcher, "RANAH_NEW_PASSWORD", PASSWORD, TRUE);
  g_subprocess_launcher_setenv (launcher, "RANAH_TEST_FAST_PWHASH", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  if (user != NULL)
    g_subprocess_launcher_setenv (launcher, "RANAH_USER", user, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "RANAH_USER");

  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  g_subprocess_communicate_utf8 (proc, input != NULL ? input : "", NULL, &f->out, &f->err,
                                 &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  f->status = g_subprocess_get_exit_status (proc);
  return f->status;
}

static int
run_full (Fixture    *f,
          const char *uri,
          const char *user,
          const char *input,
          va_list     ap)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;

  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  g_ptr_array_add (args, NULL);
  return run_argv (f, uri, user, input, (const char * const *) args->pdata);
}

static int
run_as (Fixture    *f,
        const char *user,
        ...)
{
  va_list ap;
  int status;

  va_start (ap, user);
  status = run_full (f, f->uri, user, NULL, ap);
  va_end (ap);
  return status;
}

static int
run_input (Fixture    *f,
           const char *user,
           const char *input,
           ...)
{
  va_list ap;
  int status;

  va_start (ap, input);
  status = run_full (f, f->uri, user, input, ap);
  va_end (ap);
  return status;
}

static int
run_uri (Fixture    *f,
         const char *uri,
         const char *user,
         ...)
{
  va_list ap;
  int status;

  va_start (ap, user);
  status = run_full (f, uri, user, NULL, ap);
  va_end (ap);
  return status;
}

#define assert_ok(f, expr)                                                     \
  G_STMT_START {                                                               \
    int status_ = (expr);                                                      \
    if (status_ != 0)                                                          \
      g_error ("%s: exit %d\nstdout: %s\nstderr: %s", #expr, status_,          \
               (f)->out, (f)->err);                                            \
  } G_STMT_END

static guint
count (const char *text,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* A failure: exit @code, and exactly one line "ranah-cli: …" on stderr. */
static void
assert_failure (Fixture *f,
                int      code)
{
  if (f->status != code)
    g_error ("expected exit %d, got %d\nstdout: %s\nstderr: %s", code, f->status, f->out,
             f->err);
  g_assert_true (g_str_has_prefix (f->err, "ranah-cli: "));
  g_assert_true (g_str_has_suffix (f->err, "\n"));
  g_assert_cmpuint (count (f->err, "\n"), ==, 1);
}

/* The value of the first "key": in a JSON text: a number or a string, as text. */
static char *
json_value (const char *json,
            const char *key)
{
  g_autofree char *needle = g_strdup_printf ("\"%s\":", key);
  const char *p = strstr (json, needle);
  const char *end;

  g_assert_nonnull (p);
  p += strlen (needle);
  if (*p == '"')
    {
      end = strchr (p + 1, '"');
      return g_strndup (p + 1, end - p - 1);
    }
  end = p + strcspn (p, ",}]");
  return g_strndup (p, end - p);
}

static void
assert_json (const char *text)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                           | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error, "python3", "-c",
                           "import json,sys; json.load(sys.stdin)", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, text, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (proc))
    g_error ("not JSON (%s): %s", err, text);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gboolean empty = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *store = NULL;
  const char *pdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                    "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
                    "trailer\n<< /Root 1 0 R >>\n%%EOF\n";

  memset (f, 0, sizeof *f);
  f->dir = g_dir_make_tmp ("ranah-cli-XXXXXX", &error);
  g_assert_no_error (error);
  store = g_build_filename (f->dir, "store.db", NULL);
  f->uri = g_strconcat ("sqlite:", store, NULL);
  f->pdf = g_build_filename (f->dir, "letter.pdf", NULL);
  g_file_set_contents (f->pdf, pdf, -1, &error);
  g_assert_no_error (error);
  if (empty)
    return;

  assert_ok (f, run_as (f, "admin", "store", "init", "--full-name", "Admin Ranah", NULL));
  assert_ok (f, run_as (f, "admin", "opd", "add", "DINKES", "--name", "Dinas Kesehatan", NULL));
  assert_ok (f, run_as (f, "admin", "opd", "add", "DISDIK", "--name", "Dinas Pendidikan", NULL));
  assert_ok (f, run_as (f, "admin", "user", "add", "kadis", "--role", "kadis",
                        "--full-name", "Kepala Dinas", "--position", "Kepala Dinas Kominfo",
                        "--rank", "Pembina (IV/a)", "--nip", "197203151998031004", NULL));
  assert_ok (f, run_as (f, "admin", "user", "add", "kabid", "--role", "kabid", NULL));
  assert_ok (f, run_as (f, "admin", "user", "add", "subkoor", "--role", "subkoor", NULL));
  assert_ok (f, run_as (f, "admin", "user", "add", "staf", "--role", "staf", NULL));
  assert_ok (f, run_as (f, "admin", "user", "add", "staf2", "--role", "staf", NULL));
  assert_ok (f, run_as (f, "admin", "user", "add", "dinkes", "--role", "opd", "--opd", "DINKES",
                        NULL));
  assert_ok (f, run_as (f, "admin", "user", "add", "disdik", "--role", "opd", "--opd", "disdik",
                        NULL));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->uri);
  g_free (f->pdf);
  g_free (f->out);
  g_free (f->err);
  g_free (f->last_state);
}

/* Step 1 as the OPD user: returns the new request's id as text. */
static char *
submit (Fixture    *f,
        const char *user,
        const char *name)
{
  assert_ok (f, run_as (f, user, "request", "submit", "--json", "--name", name,
                        "--record", "A:103.10.20.10", "--purpose", "Layanan publik",
                        "--contact-name", "Budi Santoso", "--contact-phone", "081234567890",
                        "--contact-email", "budi@tarakankota.go.id",
                        "--letter-number", "000.5.2/01/OPD/2026", "--letter-date", "2026-11-20",
                        "--letter", f->pdf, NULL));
  assert_json (f->out);
  return json_value (f->out, "id");
}

static char *
state_of (Fixture    *f,
          const char *id)
{
  assert_ok (f, run_as (f, "admin", "request", "show", id, "--json", NULL));
  assert_json (f->out);
  return json_value (f->out, "state");
}

static void
assert_state (Fixture    *f,
              const char *id,
              const char *state)
{
  g_autofree char *now = state_of (f, id);
  g_assert_cmpstr (now, ==, state);
}

/* @user may @action on @id (actions lists it), and performing it succeeds. */
static void
act (Fixture    *f,
     const char *user,
     const char *id,
     const char *action,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *needle = g_strdup_printf ("\"action\":\"%s\"", action);
  const char *arg;
  va_list ap;

  if (f->check_actions)
    {
      assert_ok (f, run_as (f, user, "actions", id, "--json", NULL));
      assert_json (f->out);
      if (strstr (f->out, needle) == NULL)
        g_error ("%s may not %s on %s: %s", user, action, id, f->out);
    }

  g_ptr_array_add (args, (gpointer) "act");
  g_ptr_array_add (args, (gpointer) id);
  g_ptr_array_add (args, (gpointer) action);
  va_start (ap, action);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, (gpointer) "--json");
  g_ptr_array_add (args, NULL);
  assert_ok (f, run_argv (f, f->uri, user, NULL, (const char * const *) args->pdata));
  g_free (f->last_state);
  f->last_state = json_value (f->out, "state");
}

static void
assert_last_state (Fixture    *f,
                   const char *state)
{
  g_assert_cmpstr (f->last_state, ==, state);
}

/* That DNS serves the records of request @id, as the staff member it is disposed to keeps
 * it after `ranah-cli dns verify` (tests/dns asks a real named): through the store, so that
 * these cases need no DNS server. */
static void
prove (Fixture    *f,
       const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahStore) store = ranah_store_open (f->uri, &error);
  g_autoptr(RanahRequest) request = NULL;
  g_autoptr(GPtrArray) proofs = NULL;

  g_assert_no_error (error);
  g_assert_true (ranah_store_sign_in (store, "staf", PASSWORD, &error));
  g_assert_no_error (error);
  request = ranah_store_get_request (store, g_ascii_strtoll (id, NULL, 10), &error);
  g_assert_no_error (error);
  proofs = ranah_records_copy (request->records);
  for (guint i = 0; i < proofs->len; i++)
    {
      RanahRecord *proof = g_ptr_array_index (proofs, i);

      proof->proof_server = g_strdup ("192.0.2.53:53");
      proof->proof_serial = 2026112001;
      proof->proof_answer = g_strdup (proof->target);
    }
  g_assert_true (ranah_store_record_proofs (store, request->id, proofs, &error));
  g_assert_no_error (error);
}

static void
run_to_drafted (Fixture    *f,
                const char *id)
{
  g_autofree char *how = NULL;

  act (f, "kadis", id, "dispose-to-kabid", "--instruction", "tindaklanjuti",
       "--urgency", "segera", NULL);
  assert_last_state (f, "at_kabid");
  assert_ok (f, run_as (f, "kabid", "disposition", "read", id, NULL));
  act (f, "kabid", id, "dispose-to-subkoor", "--instruction", "proses", "--note",
       "Segera diproses", NULL);
  assert_last_state (f, "at_subkoor");
  act (f, "subkoor", id, "dispose-to-staf", "--to", "staf", "--instruction", "laporkan", NULL);
  assert_last_state (f, "at_staf");
  /* Step 5 with nothing seen in DNS: refused, saying how to create or verify it. */
  run_as (f, "staf", "act", id, "create", NULL);
  assert_failure (f, 4);
  how = g_strdup_printf ("has not been seen in DNS yet; create it with “ranah-cli dns provision "
                         "%s” or verify it with “ranah-cli dns verify %s”.", id, id);
  g_assert_nonnull (strstr (f->err, how));
  assert_state (f, id, "at_staf");
  prove (f, id);
  act (f, "staf", id, "create", NULL);
  assert_last_state (f, "created");
  act (f, "staf", id, "report", NULL);
  assert_last_state (f, "drafting");
  act (f, "subkoor", id, "draft", "--tembusan", "Wali Kota Tarakan", "--tembusan",
       "Sekretaris Daerah Kota Tarakan", NULL);
  assert_last_state (f, "drafted");
}

static void
test_full_run (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *id = NULL;

  f->check_actions = TRUE;
  id = submit (f, "dinkes", "sikesmas");

  assert_state (f, id, "submitted");
  assert_ok (f, run_as (f, "kadis", "inbox", NULL));
  g_assert_nonnull (strstr (f->out, "sikesmas.tarakankota.go.id"));

  run_to_drafted (f, id);
  act (f, "kabid", id, "review", NULL);
  assert_last_state (f, "reviewed");
  act (f, "kadis", id, "sign", NULL);
  assert_last_state (f, "sent");
  act (f, "dinkes", id, "receive", NULL);
  assert_state (f, id, "done");

  /* The whole timeline, with each step measured against its standard. */
  assert_ok (f, run_as (f, "kadis", "request", "show", id, NULL));
  g_assert_nonnull (strstr (f->out, "Timeline:"));
  for (const char *const *a = (const char *const[]) { "submit", "dispose-to-kabid",
                                                      "dispose-to-subkoor", "dispose-to-staf",
                                                      "create", "report", "draft", "review",
                                                      "sign", "receive", NULL }; *a; a++)
    g_assert_nonnull (strstr (f->out, *a));
  g_assert_nonnull (strstr (f->out, "working day"));
  g_assert_nonnull (strstr (f->out, "Wali Kota Tarakan"));
  /* The proof that made the record created. */
  g_assert_nonnull (strstr (f->out, "seen in DNS: 192.0.2.53:53 answered “103.10.20.10”, "
                                    "zone serial 2026112001"));
  assert_ok (f, run_as (f, "kadis", "request", "show", id, "--json", NULL));
  g_assert_nonnull (strstr (f->out, "\"proof\":{\"server\":\"192.0.2.53:53\",\"serial\":2026112001,"
                                    "\"answer\":\"103.10.20.10\""));

  /* Step 7 wrote the registry entry. */
  assert_ok (f, run_as (f, "staf", "registry", "list", NULL));
  g_assert_nonnull (strstr (f->out, "sikesmas.tarakankota.go.id"));
  assert_ok (f, run_as (f, "kadis", "request", "letter", id, "-o", "-", NULL));
  g_assert_true (g_str_has_prefix (f->out, "%PDF-"));

  assert_ok (f, run_as (f, "admin", "audit", "verify", NULL));
  g_assert_nonnull (strstr (f->out, "intact"));
}

static void
test_decline (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *id = submit (f, "dinkes", "promosi");

  /* A refusal needs its reason. */
  run_as (f, "kadis", "act", id, "decline", NULL);
  assert_failure (f, 3);
  assert_state (f, id, "submitted");

  act (f, "kadis", id, "decline", "--note", "Nama terlalu umum.", NULL);
  assert_last_state (f, "drafting");
  assert_ok (f, run_as (f, "admin", "request", "show", id, "--json", NULL));
  g_assert_nonnull (strstr (f->out, "\"outcome\":\"refused\""));

  act (f, "subkoor", id, "draft", NULL);
  act (f, "kabid", id, "review", NULL);
  act (f, "kadis", id, "sign", NULL);
  act (f, "dinkes", id, "receive", NULL);
  assert_last_state (f, "done");

  /* A refusal makes no registry entry. */
  assert_ok (f, run_as (f, "staf", "registry", "list", "--json", NULL));
  g_assert_null (strstr (f->out, "promosi"));
}

static void
test_revision (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *id = submit (f, "dinkes", "simpus");

  run_to_drafted (f, id);
  run_as (f, "kabid", "act", id, "return-draft", NULL);
  assert_failure (f, 3);
  assert_state (f, id, "drafted");

  act (f, "kabid", id, "return-draft", "--note", "Tambahkan tembusan Inspektorat.", NULL);
  assert_last_state (f, "drafting");
  act (f, "subkoor", id, "draft", "--tembusan", "Inspektur Kota Tarakan", NULL);
  act (f, "kabid", id, "review", NULL);
  act (f, "kadis", id, "return-draft", "--note", "Perbaiki hal surat.", NULL);
  assert_last_state (f, "drafting");
  act (f, "subkoor", id, "draft", "--hal", "Persetujuan Pembuatan Subdomain simpus", NULL);
  act (f, "kabid", id, "review", NULL);
  act (f, "kadis", id, "sign", NULL);
  assert_last_state (f, "sent");
  assert_ok (f, run_as (f, "admin", "request", "show", id, NULL));
  g_assert_nonnull (strstr (f->out, "Tambahkan tembusan Inspektorat."));
  g_assert_nonnull (strstr (f->out, "Persetujuan Pembuatan Subdomain simpus"));
}

static void
test_withdraw (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *id = submit (f, "dinkes", "posyandu");
  g_autofree char *version = NULL;

  /* The sender takes back an unread disposition, and disposes again. */
  act (f, "kadis", id, "dispose-to-kabid", NULL);
  act (f, "kadis", id, "recall-disposition", NULL);
  assert_last_state (f, "submitted");
  /* A script that retries passes the version it saw and a key: the repeat reports success
   * and moves nothing. */
  assert_ok (f, run_as (f, "kadis", "request", "show", id, "--json", NULL));
  version = json_value (f->out, "version");
  act (f, "kadis", id, "dispose-to-kabid", "--idempotency-key", "k-1", "--expect-version",
       version, NULL);
  act (f, "kadis", id, "dispose-to-kabid", "--idempotency-key", "k-1", "--expect-version",
       version, NULL);
  assert_last_state (f, "at_kabid");
  assert_ok (f, run_as (f, "admin", "disposition", "list", id, "--json", NULL));
  g_assert_cmpuint (count (f->out, "\"step\":2"), ==, 2);
  /* Once read, it can no longer be recalled. */
  assert_ok (f, run_as (f, "kabid", "disposition", "read", id, NULL));
  run_as (f, "kadis", "act", id, "recall-disposition", NULL);
  assert_failure (f, 4);
  /* Another OPD may not withdraw it. */
  run_as (f, "disdik", "act", id, "withdraw", "--note", "Bukan milik kami.", NULL);
  assert_failure (f, 4);
  act (f, "dinkes", id, "withdraw", "--note", "Digabung dengan portal dinas.", NULL);
  assert_last_state (f, "withdrawn");

  /* The name is free again. */
  assert_ok (f, run_as (f, "disdik", "name", "check", "posyandu", NULL));
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *id = submit (f, "dinkes", "ppdb");
  g_autofree char *events = NULL;
  g_autofree char *requests = NULL;
  g_autofree char *version = NULL;
  g_autofree char *unreachable = NULL;

  assert_ok (f, run_as (f, "admin", "audit", "list", "--json", NULL));
  events = g_strdup (f->out);
  assert_ok (f, run_as (f, "admin", "request", "list", "--json", NULL));
  requests = g_strdup (f->out);

  /* Bad name: validation. */
  run_as (f, "dinkes", "request", "submit", "--name", "-bad-", "--record", "A:103.10.20.9",
          "--purpose", "x", "--contact-name", "Budi", "--contact-phone", "081234567890",
          "--contact-email", "budi@tarakankota.go.id", "--letter-number", "1",
          "--letter-date", "2026-11-20", NULL);
  assert_failure (f, 3);
  /* A taken name: validation, naming the request that holds it. */
  run_as (f, "disdik", "request", "submit", "--name", "PPDB", "--record", "A:103.10.20.9",
          "--purpose", "x", "--contact-name", "Budi", "--contact-phone", "081234567890",
          "--contact-email", "budi@tarakankota.go.id", "--letter-number", "1",
          "--letter-date", "2026-11-20", NULL);
  assert_failure (f, 3);
  /* A reserved name. */
  run_as (f, "disdik", "name", "check", "www", NULL);
  assert_failure (f, 3);

  /* Wrong role: permission. */
  run_as (f, "staf", "act", id, "dispose-to-kabid", NULL);
  assert_failure (f, 4);
  run_as (f, "kabid", "user", "add", "mallory", "--role", "admin", NULL);
  assert_failure (f, 4);
  /* Missing Kelengkapan and wrong state are refused moves too. */
  run_as (f, "kabid", "act", id, "review", NULL);
  assert_failure (f, 4);
  /* Wrong password. */
  run_as (f, "nobody", "inbox", NULL);
  assert_failure (f, 4);

  /* Stale version: someone changed the request after it was read. */
  assert_ok (f, run_as (f, "dinkes", "request", "show", id, "--json", NULL));
  version = json_value (f->out, "version");
  assert_ok (f, run_as (f, "dinkes", "request", "attach", id, f->pdf, NULL));
  run_as (f, "kadis", "act", id, "dispose-to-kabid", "--expect-version", version, NULL);
  assert_failure (f, 5);
  assert_state (f, id, "submitted");

  /* Unknown request: not found. */
  run_as (f, "kadis", "request", "show", "9999", NULL);
  assert_failure (f, 6);
  run_as (f, "kadis", "act", "9999", "dispose-to-kabid", NULL);
  assert_failure (f, 6);
  run_as (f, "admin", "user", "disable", "nosuchuser", NULL);
  assert_failure (f, 6);

  /* Unreachable store: its directory cannot exist, a file is in the way. */
  unreachable = g_strconcat ("sqlite:", f->pdf, "/store.db", NULL);
  run_uri (f, unreachable, "admin", "store", "info", NULL);
  assert_failure (f, 7);
  run_uri (f, unreachable, "admin", "inbox", NULL);
  assert_failure (f, 7);

  /* Usage. */
  run_as (f, "kadis", "request", "show", NULL);
  assert_failure (f, 2);
  run_as (f, "kadis", "act", id, "frobnicate", NULL);
  assert_failure (f, 2);
  run_as (f, "kadis", "act", id, "dispose-to-kabid", "--urgency", "kilat", NULL);
  assert_failure (f, 2);
  run_as (f, "kadis", "inbox", "--bogus", NULL);
  assert_failure (f, 2);
  run_as (f, "kadis", "nosuchcommand", NULL);
  assert_failure (f, 2);
  run_as (f, "kadis", "request", "show", "abc", NULL);
  assert_failure (f, 2);
  run_as (f, "kadis", "user", NULL);
  assert_failure (f, 2);
  run_as (f, NULL, "inbox", NULL);
  assert_failure (f, 2);

  /* None of the failures stored anything: only the attachment is new. */
  assert_ok (f, run_as (f, "admin", "request", "list", "--json", NULL));
  g_assert_cmpuint (count (f->out, "\"fqdn\""), ==, count (requests, "\"fqdn\""));
  assert_ok (f, run_as (f, "admin", "audit", "list", "--json", NULL));
  /* Failed sign-ins are audited on purpose; beyond them only the attachment is new. */
  g_assert_cmpuint (count (f->out, "\"seq\"") - count (f->out, "\"auth:"), ==,
                    count (events, "\"seq\"") - count (events, "\"auth:") + 1);
  g_assert_null (strstr (f->out, "mallory"));
  assert_ok (f, run_as (f, "admin", "audit", "verify", NULL));
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *id = submit (f, "dinkes", "imunisasi");
  const char *const commands[][6] = {
    { "admin", "store", "info", NULL },
    { "admin", "user", "list", NULL },
    { "admin", "opd", "list", NULL },
    { "admin", "holiday", "list", NULL },
    { "admin", "reserved", "list", NULL },
    { "admin", "profile", "show", NULL },
    { "admin", "request", "list", NULL },
    { "admin", "request", "show", "1", NULL },
    { "kadis", "inbox", NULL },
    { "kadis", "overdue", NULL },
    { "kadis", "actions", "1", NULL },
    { "kadis", "disposition", "list", "1", NULL },
    { "staf", "registry", "list", NULL },
    { "admin", "audit", "list", NULL },
    { "admin", "audit", "verify", NULL },
    { "dinkes", "name", "check", "vaksin", NULL },
  };

  g_assert_cmpstr (id, ==, "1");
  assert_ok (f, run_as (f, "admin", "holiday", "add", "2026-12-25", "Natal \"Hari Raya\" \\ Desember",
                        NULL));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *args[8] = { NULL };
      guint n = 0;

      for (guint j = 1; commands[i][j] != NULL; j++)
        args[n++] = commands[i][j];
      args[n] = "--json";
      assert_ok (f, run_argv (f, f->uri, commands[i][0], NULL, args));
      assert_json (f->out);
    }
  /* The TSIG secret goes in from stdin and never comes out. */
  assert_ok (f, run_input (f, "admin", "c2VjcmV0LXRzaWcta2V5\n", "profile", "set",
                           "tsig-secret", "-", NULL));
  g_assert_null (strstr (f->out, "c2VjcmV0"));
  assert_ok (f, run_as (f, "admin", "profile", "show", "--json", NULL));
  assert_json (f->out);
  g_assert_null (strstr (f->out, "c2VjcmV0"));
  g_assert_nonnull (strstr (f->out, "\"tsig-secret\":\"(set)\""));
  assert_ok (f, run_as (f, "admin", "profile", "show", NULL));
  g_assert_null (strstr (f->out, "c2VjcmV0"));
}

static const char *const help_commands[] = {
  "", "store", "store init", "store info", "user", "user add", "user list", "user edit",
  "user set-password", "user disable", "user enable", "opd", "opd add", "opd list", "opd edit",
  "holiday", "holiday add", "holiday import", "holiday list", "holiday remove", "reserved",
  "reserved add", "reserved list", "reserved remove", "profile", "profile show", "profile set", "request",
  "request submit", "request register", "request attach", "request show", "request list",
  "request letter", "inbox", "overdue", "actions", "act", "disposition", "disposition list",
  "disposition read", "registry", "registry list", "registry show", "registry export",
  "registry import", "registry suspend", "registry revoke", "registry restore", "audit",
  "audit list", "audit verify", "name", "name check", "demo",
};

/* The names in the "Commands:" section of a help text. */
static GStrv
listed_commands (const char *help)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) lines = g_strsplit (help, "\n", -1);
  gboolean in_list = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_equal (lines[i], "Commands:"))
        in_list = TRUE;
      else if (in_list && g_str_has_prefix (lines[i], "  ") && lines[i][2] != ' ')
        {
          g_auto(GStrv) words = g_strsplit (lines[i] + 2, " ", 2);
          g_strv_builder_add (builder, words[0]);
        }
      else if (in_list)
        break;
    }
  return g_strv_builder_end (builder);
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (help_commands); i++)
    {
      g_auto(GStrv) words = g_strsplit (help_commands[i], " ", -1);
      const char *args[4] = { NULL };
      guint n = 0;

      for (guint j = 0; words[j] != NULL; j++)
        if (*words[j] != '\0')
          args[n++] = words[j];
      args[n] = "--help";
      assert_ok (f, run_argv (f, f->uri, NULL, NULL, args));
      if (strstr (f->out, "Usage") == NULL)
        g_error ("“%s --help” printed no usage: %s", help_commands[i], f->out);
    }
  /* Whatever groups other layers add: every command the help lists, and every subcommand
   * its own help lists, answers --help too. */
  assert_ok (f, run_as (f, NULL, "--help", NULL));
  {
    g_auto(GStrv) commands = listed_commands (f->out);

    g_assert_cmpuint (g_strv_length (commands), >=, 16);
    for (guint i = 0; commands[i] != NULL; i++)
      {
        g_auto(GStrv) subcommands = NULL;

        assert_ok (f, run_as (f, NULL, commands[i], "--help", NULL));
        g_assert_nonnull (strstr (f->out, "Usage"));
        subcommands = listed_commands (f->out);
        for (guint j = 0; subcommands[j] != NULL; j++)
          {
            assert_ok (f, run_as (f, NULL, commands[i], subcommands[j], "--help", NULL));
            g_assert_nonnull (strstr (f->out, "Usage"));
          }
      }
  }
  assert_ok (f, run_as (f, NULL, "--version", NULL));
  g_assert_true (g_str_has_prefix (f->out, "ranah-cli "));
}

static void
test_registry (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *id = submit (f, "dinkes", "perpustakaan");
  g_autofree char *exported = g_build_filename (f->dir, "registry.csv", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
  g_autofree char *old = g_build_filename (f->dir, "old.csv", NULL);
  g_autofree char *second_store = NULL;
  g_autofree char *first = NULL;
  g_autofree char *entry = NULL;
  g_autoptr(GError) error = NULL;

  run_to_drafted (f, id);

  /* The agency's old list, with its own headers. */
  g_file_set_contents (old, "Subdomain;Pemilik;IP;Keterangan\r\n"
                            "jdih;DINKES;103.10.20.50;Jaringan dokumentasi hukum\r\n"
                            "simpeg;disdik;103.10.20.51;Kepegawaian\r\n", -1, &error);
  g_assert_no_error (error);
  assert_ok (f, run_as (f, "staf", "registry", "import", old, "--dry-run",
                        "--map", "name=Subdomain,opd=Pemilik,target=IP,purpose=Keterangan", NULL));
  assert_ok (f, run_as (f, "staf", "registry", "list", "--json", NULL));
  g_assert_null (strstr (f->out, "jdih"));
  assert_ok (f, run_as (f, "staf", "registry", "import", old,
                        "--map", "name=Subdomain,opd=Pemilik,target=IP,purpose=Keterangan", NULL));
  assert_ok (f, run_as (f, "staf", "registry", "list", NULL));
  g_assert_nonnull (strstr (f->out, "jdih.tarakankota.go.id"));
  g_assert_nonnull (strstr (f->out, "simpeg.tarakankota.go.id"));

  /* Export, import into a fresh store, export again: the same file. */
  assert_ok (f, run_as (f, "staf", "registry", "export", "-o", exported, NULL));
  g_file_get_contents (exported, &first, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count (first, "\n"), ==, 4);

  second_store = g_strconcat ("sqlite:", f->dir, "/second.db", NULL);
  assert_ok (f, run_uri (f, second_store, "admin", "store", "init", NULL));
  assert_ok (f, run_uri (f, second_store, "admin", "opd", "add", "DINKES", "--name",
                         "Dinas Kesehatan", NULL));
  assert_ok (f, run_uri (f, second_store, "admin", "opd", "add", "DISDIK", "--name",
                         "Dinas Pendidikan", NULL));
  assert_ok (f, run_uri (f, second_store, "admin", "user", "add", "staf", "--role", "staf", NULL));
  assert_ok (f, run_uri (f, second_store, "staf", "registry", "import", exported, NULL));
  assert_ok (f, run_uri (f, second_store, "staf", "registry", "export", NULL));
  g_assert_cmpstr (f->out, ==, first);

  /* A bad file: every bad row with its line, and nothing written. */
  g_file_set_contents (bad, "name,opd,target\n"
                            "baik,DINKES,103.10.20.60\n"
                            "-buruk,DINKES,103.10.20.61\n"
                            "alamat,DINKES,bukan-alamat-ip!\n"
                            "lokal,DINKES,10.1.2.3\n", -1, &error);
  g_assert_no_error (error);
  run_as (f, "staf", "registry", "import", bad, NULL);
  assert_failure (f, 3);
  g_assert_nonnull (strstr (f->out, "bad.csv:3:"));
  g_assert_nonnull (strstr (f->out, "bad.csv:4:"));
  g_assert_nonnull (strstr (f->out, "bad.csv:5:"));
  g_assert_null (strstr (f->out, "bad.csv:2:"));
  assert_ok (f, run_as (f, "staf", "registry", "list", "--json", NULL));
  g_assert_null (strstr (f->out, "baik"));
  run_as (f, "staf", "registry", "import", bad, "--json", NULL);
  g_assert_cmpint (f->status, ==, 3);
  assert_json (f->out);

  /* Suspend and restore, with reasons. */
  assert_ok (f, run_as (f, "staf", "registry", "list", "--json", "--search", "jdih", NULL));
  entry = json_value (f->out, "id");
  run_as (f, "staf", "registry", "suspend", entry, NULL);
  assert_failure (f, 2);
  assert_ok (f, run_as (f, "staf", "registry", "suspend", entry, "--reason", "Situs diretas",
                        NULL));
  assert_ok (f, run_as (f, "staf", "registry", "show", entry, "--json", NULL));
  g_assert_nonnull (strstr (f->out, "\"status\":\"suspended\""));
  assert_ok (f, run_as (f, "staf", "registry", "restore", entry, "--reason", "Sudah pulih",
                        NULL));
  assert_ok (f, run_as (f, "admin", "audit", "verify", NULL));
}

static void
test_admin (Fixture       *f,
            gconstpointer  data)
{
  assert_ok (f, run_as (f, "admin", "holiday", "add", "2026-12-24", "Cuti bersama Natal",
                        "--cuti-bersama", NULL));
  assert_ok (f, run_as (f, "admin", "holiday", "list", NULL));
  g_assert_nonnull (strstr (f->out, "cuti bersama"));
  assert_ok (f, run_as (f, "admin", "holiday", "remove", "2026-12-24", NULL));
  assert_ok (f, run_as (f, "admin", "holiday", "list", "--json", NULL));
  g_assert_null (strstr (f->out, "2026-12-24"));
  run_as (f, "admin", "holiday", "add", "2026-02-30", "Tidak ada", NULL);
  assert_failure (f, 3);

  assert_ok (f, run_as (f, "admin", "reserved", "add", "Kantor", NULL));
  run_as (f, "dinkes", "name", "check", "kantor", NULL);
  assert_failure (f, 3);
  assert_ok (f, run_as (f, "admin", "reserved", "remove", "kantor", NULL));
  assert_ok (f, run_as (f, "dinkes", "name", "check", "kantor", NULL));

  assert_ok (f, run_as (f, "admin", "opd", "edit", "DINKES", "--head-title",
                        "Kepala Dinas Kesehatan Kota Tarakan", NULL));
  assert_ok (f, run_as (f, "admin", "user", "disable", "staf2", NULL));
  run_as (f, "staf2", "inbox", NULL);
  assert_failure (f, 4);
  assert_ok (f, run_as (f, "admin", "user", "enable", "staf2", NULL));
  assert_ok (f, run_as (f, "staf2", "inbox", NULL));
  assert_ok (f, run_as (f, "admin", "profile", "set", "parent-domain", "contoh.go.id", NULL));
  assert_ok (f, run_as (f, "admin", "profile", "show", "parent-domain", NULL));
  g_assert_cmpstr (f->out, ==, "contoh.go.id\n");
  run_as (f, "admin", "profile", "set", "paper", "Letter", NULL);
  assert_failure (f, 3);

  /* A paper letter registered by staff for an OPD. */
  assert_ok (f, run_as (f, "staf", "request", "register", "--opd", "DISDIK", "--name", "sekolah",
                        "--record", "A:103.10.20.77:3600", "--record",
                        "AAAA:[2001:df0:1::10]:3600", "--purpose", "Portal sekolah",
                        "--contact-name", "Sari", "--contact-phone", "0551-21000",
                        "--contact-email", "sari@contoh.go.id", "--letter-number", "421/77",
                        "--letter-date", "2026-11-19", "--received-date", "2026-11-20",
                        "--letter", f->pdf, NULL));
  assert_ok (f, run_as (f, "disdik", "request", "list", NULL));
  g_assert_nonnull (strstr (f->out, "sekolah.contoh.go.id"));
  assert_ok (f, run_as (f, "disdik", "request", "show", "1", NULL));
  g_assert_nonnull (strstr (f->out, "2001:df0:1::10"));
  /* One OPD does not see another's requests. */
  run_as (f, "dinkes", "request", "show", "1", NULL);
  g_assert_cmpint (f->status, !=, 0);
}

/* A paper letter's clock starts when it arrived (--received-date, --received-time), and the
 * due time shown is the calendar's, in the office hours of the profile (issue 17). */
static void
test_received_clock (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *value = NULL;
  const char *const letter[] = {
    "--opd", "DISDIK", "--record", "A:103.10.20.78", "--purpose", "Portal sekolah",
    "--contact-name", "Sari", "--contact-phone", "0551-21000",
    "--contact-email", "sari@contoh.go.id", "--letter-number", "421/78",
    "--letter-date", "2026-11-19", "--received-date", "2026-11-20", NULL
  };

  /* A time that is not one is a usage error. */
  run_as (f, "staf", "request", "register", "--name", "jam-salah", "--received-time", "25:00",
          letter[0], letter[1], letter[2], letter[3], letter[4], letter[5], letter[6],
          letter[7], letter[8], letter[9], letter[10], letter[11], letter[12], letter[13],
          letter[14], letter[15], letter[16], letter[17], NULL);
  assert_failure (f, 2);

  /* Friday 20 November 2026, 10:15 WITA: 6.25 h of Friday's 9, then 2.75 h of Monday. */
  assert_ok (f, run_as (f, "staf", "request", "register", "--json", "--name", "surat-kertas",
                        "--received-time", "10:15", letter[0], letter[1], letter[2], letter[3],
                        letter[4], letter[5], letter[6], letter[7], letter[8], letter[9],
                        letter[10], letter[11], letter[12], letter[13], letter[14], letter[15],
                        letter[16], letter[17], NULL));
  assert_json (f->out);
  id = json_value (f->out, "id");
  assert_ok (f, run_as (f, "kadis", "request", "show", id, "--json", NULL));
  assert_json (f->out);
  value = json_value (f->out, "received_at");
  g_assert_cmpstr (value, ==, "2026-11-20T02:15:00Z");
  g_clear_pointer (&value, g_free);
  value = json_value (f->out, "clock_started");
  g_assert_cmpstr (value, ==, "2026-11-20T02:15:00Z");
  g_clear_pointer (&value, g_free);
  value = json_value (f->out, "due_at");
  g_assert_cmpstr (value, ==, "2026-11-23T02:15:00Z");
  g_clear_pointer (&value, g_free);
  value = json_value (f->out, "overdue");
  g_assert_cmpstr (value, ==, "true");
  g_clear_pointer (&value, g_free);
  assert_ok (f, run_as (f, "kadis", "inbox", NULL));
  g_assert_nonnull (strstr (f->out, "surat-kertas"));
  g_assert_nonnull (strstr (f->out, "2026-11-23 10:15  OVERDUE"));

  /* Other office hours move the due time of the same letter, once checked. */
  run_as (f, "admin", "profile", "set", "office-hours", "mon-fri 16:00-08:00", NULL);
  assert_failure (f, 3);
  /* Monday opens at 10:00: the 2.75 h carried end at 12:45. */
  assert_ok (f, run_as (f, "admin", "profile", "set", "office-hours",
                        "mon 10:00-16:00; tue-fri 07:30-16:00", NULL));
  assert_ok (f, run_as (f, "kadis", "request", "show", id, "--json", NULL));
  value = json_value (f->out, "due_at");
  g_assert_cmpstr (value, ==, "2026-11-23T04:45:00Z");
  g_clear_pointer (&value, g_free);
  /* Friday closes at 09:00: it arrived after closing, so the clock starts on Monday and it
   * is due at Monday's closing. */
  assert_ok (f, run_as (f, "admin", "profile", "set", "office-hours",
                        "mon-thu 07:30-16:00; fri 07:30-09:00", NULL));
  assert_ok (f, run_as (f, "kadis", "request", "show", id, "--json", NULL));
  value = json_value (f->out, "due_at");
  g_assert_cmpstr (value, ==, "2026-11-23T08:00:00Z");
}

/* A name that starts with "-" reaches the validator and is refused in its own words, never
 * taken for an option: as an option's value, and as a positional argument after "--". */
static void
test_dash_names (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *requests = NULL;

  assert_ok (f, run_as (f, "admin", "request", "list", "--json", NULL));
  requests = g_strdup (f->out);

  run_as (f, "dinkes", "request", "submit", "--name", "-x", "--record", "A:103.10.20.9",
          "--purpose", "x", "--contact-name", "Budi", "--contact-phone", "081234567890",
          "--contact-email", "budi@tarakankota.go.id", "--letter-number", "1",
          "--letter-date", "2026-11-20", NULL);
  assert_failure (f, 3);
  g_assert_nonnull (strstr (f->err, "“-x” may not start or end with a hyphen"));
  run_as (f, "dinkes", "request", "submit", "--name=--", "--record", "A:103.10.20.9",
          "--purpose", "x", NULL);
  assert_failure (f, 3);
  g_assert_nonnull (strstr (f->err, "“--” may not start or end with a hyphen"));
  /* "--" as --name's value is that value, not the end of the options. */
  run_as (f, "dinkes", "request", "submit", "--name", "--", "--record", "A:103.10.20.9",
          "--purpose", "x", NULL);
  assert_failure (f, 3);
  g_assert_nonnull (strstr (f->err, "“--” may not start or end with a hyphen"));

  /* Positional names after "--", with the global options before or after the command. */
  run_as (f, "dinkes", "name", "check", "--", "-abc", NULL);
  assert_failure (f, 3);
  g_assert_nonnull (strstr (f->err, "“-abc” may not start or end with a hyphen"));
  run_argv (f, f->uri, NULL, NULL,
            (const char *[]) { "--user", "dinkes", "name", "check", "--", "-abc", NULL });
  assert_failure (f, 3);
  g_assert_nonnull (strstr (f->err, "“-abc” may not start or end with a hyphen"));
  run_argv (f, f->uri, NULL, NULL,
            (const char *[]) { "--user", "dinkes", "--", "name", "check", "--", "-abc", NULL });
  assert_failure (f, 3);
  g_assert_nonnull (strstr (f->err, "“-abc”"));
  run_as (f, "dinkes", "name", "check", "--", "--", NULL);
  assert_failure (f, 3);
  g_assert_nonnull (strstr (f->err, "“--” may not start or end with a hyphen"));
  run_as (f, "admin", "reserved", "add", "--", "-arsip", NULL);
  assert_failure (f, 3);
  g_assert_nonnull (strstr (f->err, "“-arsip” may not start or end with a hyphen"));
  /* Without "--" it is an unknown option, as usual. */
  run_as (f, "dinkes", "name", "check", "-abc", NULL);
  assert_failure (f, 2);
  /* "--" after a first positional argument works too, and a good name still passes. */
  assert_ok (f, run_as (f, "admin", "holiday", "add", "2026-09-01", "--", "-Libur khusus", NULL));
  assert_ok (f, run_as (f, "dinkes", "name", "check", "--", "posyandu", NULL));

  /* An xn-- name passes only when it is a real internationalised name. */
  assert_ok (f, run_as (f, "dinkes", "name", "check", "xn--bcher-kva", NULL));
  g_assert_nonnull (strstr (f->out, "xn--bcher-kva.tarakankota.go.id"));
  run_as (f, "dinkes", "name", "check", "xn--zz-abc", NULL);
  assert_failure (f, 3);
  g_assert_nonnull (strstr (f->err, "xn--"));

  /* Nothing of it was stored. */
  assert_ok (f, run_as (f, "admin", "request", "list", "--json", NULL));
  g_assert_cmpstr (f->out, ==, requests);
  assert_ok (f, run_as (f, "admin", "reserved", "list", NULL));
  g_assert_null (strstr (f->out, "arsip"));
}

/* An internationalised name is shown in both its forms wherever ranah-cli names a request or
 * an entry: request show, request list, the inbox, the registry, name check. */
static void
test_idn_names (Fixture       *f,
                gconstpointer  data)
{
  const char *both = "xn--bcher-kva.tarakankota.go.id (b\u00fccher.tarakankota.go.id)";
  const char *muenchen = "xn--mnchen-3ya.tarakankota.go.id (m\u00fcnchen.tarakankota.go.id)";
  g_autofree char *id = submit (f, "dinkes", "B\u00fccher");
  g_autofree char *csv = g_build_filename (f->dir, "lama.csv", NULL);
  g_autofree char *entry = NULL;
  g_autoptr(GError) error = NULL;

  assert_ok (f, run_as (f, "dinkes", "request", "show", id, NULL));
  g_assert_nonnull (strstr (f->out, both));
  g_assert_nonnull (strstr (f->out, "xn--bcher-kva (b\u00fccher)"));
  assert_ok (f, run_as (f, "dinkes", "request", "list", NULL));
  g_assert_nonnull (strstr (f->out, both));
  assert_ok (f, run_as (f, "kadis", "inbox", NULL));
  g_assert_nonnull (strstr (f->out, both));
  /* JSON keeps the name as stored. */
  assert_ok (f, run_as (f, "dinkes", "request", "show", id, "--json", NULL));
  g_assert_nonnull (strstr (f->out, "\"fqdn\":\"xn--bcher-kva.tarakankota.go.id\""));

  /* Typed either way, name check says both. */
  assert_ok (f, run_as (f, "disdik", "name", "check", "m\u00fcnchen", NULL));
  g_assert_nonnull (strstr (f->out, "xn--mnchen-3ya.tarakankota.go.id "
                                    "(m\u00fcnchen.tarakankota.go.id) is valid and free"));
  assert_ok (f, run_as (f, "disdik", "name", "check", "xn--mnchen-3ya", NULL));
  g_assert_nonnull (strstr (f->out, "(m\u00fcnchen.tarakankota.go.id)"));
  /* A plain name stays as it is. */
  assert_ok (f, run_as (f, "disdik", "name", "check", "posyandu", NULL));
  g_assert_cmpstr (f->out, ==, "posyandu.tarakankota.go.id is valid and free.\n");

  /* A registry entry: listed and shown in both forms, never cut to the column. */
  g_file_set_contents (csv, "name,opd,target\nxn--mnchen-3ya,DISDIK,103.10.20.80\n"
                            "perpustakaan-daerah-kota-tarakan,DISDIK,103.10.20.81\n", -1, &error);
  g_assert_no_error (error);
  assert_ok (f, run_as (f, "staf", "registry", "import", csv, NULL));
  assert_ok (f, run_as (f, "staf", "registry", "list", NULL));
  g_assert_nonnull (strstr (f->out, muenchen));
  g_assert_nonnull (strstr (f->out, "perpustakaan-daerah-kota-tarakan.tarakankota.go.id "));
  assert_ok (f, run_as (f, "staf", "registry", "list", "--json", "--search", "mnchen", NULL));
  entry = json_value (f->out, "id");
  assert_ok (f, run_as (f, "staf", "registry", "show", entry, NULL));
  g_assert_true (g_str_has_prefix (f->out, muenchen));
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "core", name, NULL);
}

/* holiday import: a preview of every date, then all new dates or none; a second import
 * finds only duplicates; --dry-run adds nothing. */
static void
test_holiday_import (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *ics = fixture_path ("holidays-2026.ics");
  g_autofree char *csv = fixture_path ("holidays-2026.csv");
  g_autofree char *bad = g_build_filename (f->dir, "bad.ics", NULL);
  g_autofree char *stored = NULL;
  g_autoptr(GError) error = NULL;

  /* --dry-run: the whole preview, nothing stored. */
  assert_ok (f, run_as (f, "admin", "holiday", "import", "--dry-run", ics, NULL));
  g_assert_nonnull (strstr (f->out, "2026-03-20 holiday      new"));
  g_assert_nonnull (strstr (f->out, "2026-03-21 holiday      new"));
  g_assert_nonnull (strstr (f->out, "2026-03-23 cuti bersama new"));
  g_assert_nonnull (strstr (f->out, "2026-12-24 cuti bersama new"));
  g_assert_nonnull (strstr (f->out, "2026-12-25 holiday      repeated"));
  g_assert_nonnull (strstr (f->out, "2027-08-17 holiday      new"));
  g_assert_nonnull (strstr (f->out, "holidays-2026.ics:42: “Rapat Koordinasi"));
  g_assert_nonnull (strstr (f->out, "12 new, 1 duplicates, 1 skipped; nothing was added"));
  assert_ok (f, run_as (f, "admin", "holiday", "list", "--json", NULL));
  g_assert_cmpstr (f->out, ==, "[]\n");

  /* Not an administrator: refused, nothing stored. */
  run_as (f, "kadis", "holiday", "import", ics, NULL);
  assert_failure (f, 4);

  /* The import, then the store holds exactly the new dates. */
  assert_ok (f, run_as (f, "admin", "holiday", "import", ics, NULL));
  g_assert_nonnull (strstr (f->out, "added 12 holidays"));
  assert_ok (f, run_as (f, "admin", "holiday", "list", "--json", NULL));
  g_assert_cmpuint (count (f->out, "\"date\""), ==, 12);
  g_assert_cmpuint (count (f->out, "\"cuti_bersama\":true"), ==, 3);
  g_assert_nonnull (strstr (f->out, "\"date\":\"2026-01-16\",\"name\":\"Isra Mikraj Nabi "
                                    "Muhammad SAW\""));
  stored = g_strdup (f->out);

  /* Again: every date a duplicate, nothing added, not an error. */
  assert_ok (f, run_as (f, "admin", "holiday", "import", ics, "--json", NULL));
  assert_json (f->out);
  g_assert_nonnull (strstr (f->out, "\"imported\":false"));
  g_assert_nonnull (strstr (f->out, "\"new\":0"));
  g_assert_nonnull (strstr (f->out, "\"in_store\":13"));
  g_assert_null (strstr (f->out, "\"status\":\"new\""));
  assert_ok (f, run_as (f, "admin", "holiday", "import", ics, NULL));
  g_assert_nonnull (strstr (f->out, "0 new, 13 duplicates, 1 skipped; there was nothing to add"));
  assert_ok (f, run_as (f, "admin", "holiday", "list", "--json", NULL));
  g_assert_cmpstr (f->out, ==, stored);

  /* Other years for the yearly events; a CSV beside dates already held. */
  assert_ok (f, run_as (f, "admin", "holiday", "import", ics, "--year", "2028", "--year",
                        "2029", "--dry-run", NULL));
  g_assert_nonnull (strstr (f->out, "2028-08-17 holiday      new"));
  g_assert_nonnull (strstr (f->out, "2029-12-25 holiday      new"));
  g_assert_nonnull (strstr (f->out, "4 new"));
  assert_ok (f, run_as (f, "admin", "holiday", "import", csv, NULL));
  g_assert_nonnull (strstr (f->out, "holidays-2026.csv:6:"));
  g_assert_nonnull (strstr (f->out, "holidays-2026.csv:7:"));
  g_assert_nonnull (strstr (f->out, "(stored as “Tahun Baru 2026 Masehi”)"));
  g_assert_nonnull (strstr (f->out, "3 new, 3 duplicates, 2 skipped; added 3 holidays"));
  assert_ok (f, run_as (f, "admin", "holiday", "list", "--json", NULL));
  g_assert_cmpuint (count (f->out, "\"date\""), ==, 15);

  /* A file that is not a calendar, and a bad --year: refused, nothing stored. */
  g_file_set_contents (bad, "BEGIN:VCALENDAR\r\n\xff\xfe\r\nEND:VCALENDAR\r\n", -1, &error);
  g_assert_no_error (error);
  run_as (f, "admin", "holiday", "import", bad, NULL);
  assert_failure (f, 3);
  run_as (f, "admin", "holiday", "import", ics, "--year", "20x6", NULL);
  assert_failure (f, 2);
  assert_ok (f, run_as (f, "admin", "holiday", "list", "--json", NULL));
  g_assert_cmpuint (count (f->out, "\"date\""), ==, 15);
  assert_ok (f, run_as (f, "admin", "audit", "verify", NULL));
}

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  const char *const states[] = { "submitted", "at_kabid", "at_subkoor", "at_staf", "created",
                                 "drafting", "drafted", "reviewed", "sent", "done",
                                 "withdrawn" };

  f->password = "ranah-demo-2026";
  assert_ok (f, run_as (f, NULL, "demo", "--walkthrough", NULL));
  g_assert_nonnull (strstr (f->out, "ranah-demo-2026"));
  g_assert_nonnull (strstr (f->out, "signed in as kadis"));

  /* Every state, reached by the real moves, and the trail they left verifies. */
  assert_ok (f, run_as (f, "admin", "request", "list", "--json", NULL));
  assert_json (f->out);
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autofree char *needle = g_strdup_printf ("\"state\":\"%s\"", states[i]);
      if (strstr (f->out, needle) == NULL)
        g_error ("the demo has no request in state %s", states[i]);
    }
  g_assert_nonnull (strstr (f->out, "\"outcome\":\"refused\""));
  assert_ok (f, run_as (f, "admin", "audit", "verify", NULL));

  /* Each role has something waiting, overdue items first. */
  assert_ok (f, run_as (f, "kadis", "inbox", NULL));
  g_assert_nonnull (strstr (f->out, "OVERDUE"));

  /* Run again, the demo shows what is there and changes nothing. */
  assert_ok (f, run_as (f, NULL, "demo", NULL));
  g_assert_nonnull (strstr (f->out, "already exists"));
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

#define ADD(path, func) \
  g_test_add ("/ranah/cli/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("workflow/full-run", test_full_run);
  ADD ("workflow/decline", test_decline);
  ADD ("workflow/revision", test_revision);
  ADD ("workflow/withdraw", test_withdraw);
  ADD ("errors/exit-codes", test_errors);
  ADD ("output/json", test_json);
  g_test_add ("/ranah/cli/output/help", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_help, fixture_tear_down);
  ADD ("registry/import-export", test_registry);
  ADD ("admin/verbs", test_admin);
  ADD ("admin/holiday-import", test_holiday_import);
  ADD ("workflow/received-clock", test_received_clock);
  ADD ("errors/names-starting-with-dash", test_dash_names);
  ADD ("output/idn-names-both-forms", test_idn_names);
  g_test_add ("/ranah/cli/demo/every-state", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_demo, fixture_tear_down);
#undef ADD

  return g_test_run ();
}
