/* test-cli-dns.c — ranah-cli dns against a real named: step 5 by provisioning, audit exit
 * codes, health checks kept in the registry, suspend and restore, a server that is down
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage (through named-harness.sh): test-cli-dns PATH-TO-RANAH-CLI. Each case makes a
 * temporary SQLite store with the real ranah-cli, points its profile at the harness's
 * named, and checks exit statuses, output and what was stored.
 */
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "dns-test-common.h"

#define PASSWORD "kata-sandi-dns-9"

static const char *cli_path;

typedef struct {
  char *dir;
  char *uri;
  char *pdf;
  char *out;
  char *err;
  int   status;
} Fixture;

static int
run_argv (Fixture            *f,
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
  g_subprocess_launcher_setenv (launcher, "RANAH_STORE", f->uri, TRUE);
  g_subprocess_launcher_setenv (launcher, "RANAH_PASSWORD", PASSWORD, TRUE);
  g_subprocess_launcher_setenv (launcher, "RANAH_NEW_PASSWORD", PASSWORD, TRUE);
  g_subprocess_launcher_setenv (launcher, "RANAH_TEST_FAST_PWHASH", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "RANAH_USER", user, TRUE);

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
run_input (Fixture    *f,
           const char *user,
           const char *input,
           ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, input);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return run_argv (f, user, input, (const char * const *) args->pdata);
}

#define run_as(f, user, ...) run_input ((f), (user), NULL, __VA_ARGS__)

#define assert_ok(f, expr)                                                     \
  G_STMT_START {                                                               \
    int status_ = (expr);                                                      \
    if (status_ != 0)                                                          \
      g_error ("%s: exit %d\nstdout: %s\nstderr: %s", #expr, status_,          \
               (f)->out, (f)->err);                                            \
  } G_STMT_END

/* The first "key":value in @json, unquoted. */
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
set_profile (Fixture    *f,
             const char *key,
             const char *value)
{
  assert_ok (f, run_as (f, "admin", "profile", "set", key, value, NULL));
}

static void
point_at_server (Fixture *f,
                 guint    port)
{
  g_autofree char *port_text = g_strdup_printf ("%u", port);

  set_profile (f, "dns-server", "127.0.0.1");
  set_profile (f, "dns-port", port_text);
  set_profile (f, "dns-zone", dns_test_zone ());
  set_profile (f, "tsig-name", g_getenv ("RANAH_TEST_TSIG_NAME"));
  set_profile (f, "tsig-algorithm", g_getenv ("RANAH_TEST_TSIG_ALGORITHM"));
  /* The secret through standard input, never on a command line. */
  assert_ok (f, run_input (f, "admin", g_getenv ("RANAH_TEST_TSIG_SECRET"),
                           "profile", "set", "tsig-secret", "-", NULL));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *store = NULL;
  const char *pdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                    "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
                    "trailer\n<< /Root 1 0 R >>\n%%EOF\n";

  memset (f, 0, sizeof *f);
  f->dir = g_dir_make_tmp ("ranah-cli-dns-XXXXXX", &error);
  g_assert_no_error (error);
  store = g_build_filename (f->dir, "store.db", NULL);
  f->uri = g_strconcat ("sqlite:", store, NULL);
  f->pdf = g_build_filename (f->dir, "letter.pdf", NULL);
  g_file_set_contents (f->pdf, pdf, -1, &error);
  g_assert_no_error (error);

  assert_ok (f, run_as (f, "admin", "store", "init", "--full-name", "Admin Ranah", NULL));
  assert_ok (f, run_as (f, "admin", "opd", "add", "DINKES", "--name", "Dinas Kesehatan", NULL));
  assert_ok (f, run_as (f, "admin", "user", "add", "kadis", "--role", "kadis", NULL));
  assert_ok (f, run_as (f, "admin", "user", "add", "kabid", "--role", "kabid", NULL));
  assert_ok (f, run_as (f, "admin", "user", "add", "subkoor", "--role", "subkoor", NULL));
  assert_ok (f, run_as (f, "admin", "user", "add", "staf", "--role", "staf", NULL));
  assert_ok (f, run_as (f, "admin", "user", "add", "staf2", "--role", "staf", NULL));
  assert_ok (f, run_as (f, "admin", "user", "add", "dinkes", "--role", "opd", "--opd", "DINKES",
                        NULL));
  set_profile (f, "parent-domain", dns_test_zone ());
  point_at_server (f, dns_test_port ());
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
}

/* A request for @name with @record, taken to step 5 (waiting for staf). */
static char *
request_at_staf (Fixture    *f,
                 const char *name,
                 const char *record)
{
  g_autofree char *id = NULL;
  g_autofree char *state = NULL;

  assert_ok (f, run_as (f, "dinkes", "request", "submit", "--json", "--name", name,
                        "--record", record, "--purpose", "Layanan publik",
                        "--contact-name", "Budi Santoso", "--contact-phone", "081234567890",
                        "--contact-email", "budi@tarakankota.go.id",
                        "--letter-number", "000.5.2/01/DINKES/2026",
                        "--letter-date", "2026-11-20", "--letter", f->pdf, NULL));
  id = json_value (f->out, "id");
  assert_ok (f, run_as (f, "kadis", "act", id, "dispose-to-kabid", NULL));
  assert_ok (f, run_as (f, "kabid", "act", id, "dispose-to-subkoor", NULL));
  assert_ok (f, run_as (f, "subkoor", "act", id, "dispose-to-staf", "--to", "staf", NULL));
  assert_ok (f, run_as (f, "admin", "request", "show", id, "--json", NULL));
  state = json_value (f->out, "state");
  g_assert_cmpstr (state, ==, "at_staf");
  return g_steal_pointer (&id);
}

static char *
state_of (Fixture    *f,
          const char *id)
{
  assert_ok (f, run_as (f, "admin", "request", "show", id, "--json", NULL));
  return json_value (f->out, "state");
}

static void
test_provision (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *id = request_at_staf (f, "klinik", "A:127.0.3.1:internal");
  g_autofree char *state = NULL;
  g_autoptr(RanahDnsServer) server = dns_test_server ();
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GError) error = NULL;

  assert_ok (f, run_as (f, "staf", "dns", "provision", id, "--json", NULL));
  g_assert_nonnull (strstr (f->out, "\"fqdn\":\"klinik.tarakankota.go.id\""));
  g_assert_nonnull (strstr (f->out, "127.0.3.1"));
  g_assert_null (strstr (f->out, g_getenv ("RANAH_TEST_TSIG_SECRET")));
  g_assert_null (strstr (f->err, g_getenv ("RANAH_TEST_TSIG_SECRET")));
  state = state_of (f, id);
  g_assert_cmpstr (state, ==, "created");

  values = ranah_dns_lookup (server, "klinik.tarakankota.go.id", "A", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 1);

  /* Step 5 is done: a second provisioning is refused before anything is sent. */
  g_assert_cmpint (run_as (f, "staf", "dns", "provision", id, NULL), ==, 4);
  g_assert_nonnull (strstr (f->err, "nothing was sent"));
}

/* Only the staff member the request was disposed to may provision it, and anyone else is
 * refused before a single packet goes out: records nobody may record as step 5 would be
 * drift that nobody owns. */
static void
test_provision_by_another_staf (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *id = request_at_staf (f, "bidan", "A:127.0.3.7:internal");
  g_autofree char *state = NULL;
  g_autoptr(RanahDnsServer) server = dns_test_server ();
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run_as (f, "staf2", "dns", "provision", id, NULL), ==, 4);
  g_assert_nonnull (strstr (f->err, "nothing was sent"));
  values = ranah_dns_lookup (server, "bidan.tarakankota.go.id", "A", &error);
  g_assert_true (values == NULL || values->len == 0);
  g_clear_error (&error);
  state = state_of (f, id);
  g_assert_cmpstr (state, ==, "at_staf");

  /* The assignee still can. */
  assert_ok (f, run_as (f, "staf", "dns", "provision", id, NULL));
}

static void
test_provision_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *id = request_at_staf (f, "apotek", "A:127.0.3.2:internal");
  g_autofree char *state = NULL;
  g_autoptr(RanahDnsServer) server = dns_test_server ();
  g_autoptr(GPtrArray) records = dns_test_records (dns_test_record (RANAH_RECORD_A, "",
                                                                    "127.0.3.99"), NULL);
  g_autoptr(RanahDnsResult) planted = NULL;
  g_autoptr(GError) error = NULL;

  /* Someone made the name by hand first: it is not overwritten, the step does not advance. */
  planted = ranah_dns_provision (server, "apotek.tarakankota.go.id", records, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_as (f, "staf", "dns", "provision", id, NULL), ==, 5);
  g_assert_nonnull (strstr (f->err, "YXDOMAIN"));
  state = state_of (f, id);
  g_assert_cmpstr (state, ==, "at_staf");

  /* The server down: a clear error, exit 7, and still not advanced. */
  point_at_server (f, dns_test_closed_port ());
  g_assert_cmpint (run_as (f, "staf", "dns", "provision", id, NULL), ==, 7);
  g_assert_nonnull (strstr (f->err, "cannot be reached"));
  g_clear_pointer (&state, g_free);
  state = state_of (f, id);
  g_assert_cmpstr (state, ==, "at_staf");
}

static void
test_verify_by_hand (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = request_at_staf (f, "manual", "A:127.0.3.3:internal");
  g_autofree char *state = NULL;
  g_autoptr(RanahDnsServer) server = dns_test_server ();
  g_autoptr(GPtrArray) records = dns_test_records (dns_test_record (RANAH_RECORD_A, "",
                                                                    "127.0.3.3"), NULL);
  g_autoptr(RanahDnsResult) made = NULL;
  g_autoptr(GError) error = NULL;

  /* Not made yet: verification fails with drift and the step waits. */
  g_assert_cmpint (run_as (f, "staf", "dns", "verify", id, NULL), ==, 8);
  state = state_of (f, id);
  g_assert_cmpstr (state, ==, "at_staf");

  made = ranah_dns_provision (server, "manual.tarakankota.go.id", records, &error);
  g_assert_no_error (error);
  assert_ok (f, run_as (f, "staf", "dns", "verify", id, NULL));
  g_clear_pointer (&state, g_free);
  state = state_of (f, id);
  g_assert_cmpstr (state, ==, "created");
}

/* Runs nsupdate (BIND's own client, not Ranah) with the harness's key on @commands. */
static void
nsupdate (const char *commands)
{
  g_autofree char *key = g_build_filename (g_getenv ("RANAH_TEST_DNS_DIR"), "ranah.key", NULL);
  g_autofree char *script = g_strdup_printf ("server 127.0.0.1 %u\nzone %s\n%ssend\n",
                                             dns_test_port (), dns_test_zone (), commands);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                           | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error, "nsupdate", "-k", key,
                           NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, script, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (proc))
    g_error ("nsupdate failed: %s%s", out, err);
}

/* The entry's first record's proof in `registry show --json`: "server", "serial", "at". */
static char *
entry_proof (Fixture    *f,
             const char *entry_id,
             const char *key)
{
  const char *proof;

  assert_ok (f, run_as (f, "staf", "registry", "show", entry_id, "--json", NULL));
  proof = strstr (f->out, "\"proof\":{");
  g_assert_nonnull (proof);
  return json_value (proof, key);
}

/* Step 5 is proven by DNS: `act create` with nothing in DNS is refused; records made
 * outside Ranah (nsupdate, as a hosting panel would) are verified on the authoritative
 * server, the proof kept (server, serial, answer, time), and step 5 passes; health checks
 * prove the entry's records again, and a failing one keeps the last proof. */
static void
test_made_outside_ranah (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id = request_at_staf (f, "panel", "A:127.0.3.8:internal");
  g_autofree char *state = NULL;
  g_autofree char *how = NULL;
  g_autofree char *server = g_strdup_printf ("127.0.0.1:%u", dns_test_port ());
  g_autofree char *seen = NULL;
  g_autofree char *entry_id = NULL;
  g_autofree char *serial_text = NULL;
  g_autofree char *port = g_strdup_printf ("%u", dns_test_port ());
  g_autoptr(RanahDnsServer) dns = dns_test_server ();
  g_autoptr(GError) error = NULL;
  guint32 serial = 0, later = 0;

  /* Nothing in DNS: step 5 is refused, and says how to create or verify it. */
  g_assert_cmpint (run_as (f, "staf", "act", id, "create", NULL), ==, 4);
  how = g_strdup_printf ("has not been seen in DNS yet; create it with “ranah-cli dns provision "
                         "%s” or verify it with “ranah-cli dns verify %s”.", id, id);
  g_assert_nonnull (strstr (f->err, how));
  state = state_of (f, id);
  g_assert_cmpstr (state, ==, "at_staf");

  /* Made by hand on the server, outside Ranah. */
  nsupdate ("update add panel.tarakankota.go.id. 3600 IN A 127.0.3.8\n");
  g_assert_true (ranah_dns_get_serial (dns, &serial, &error));
  g_assert_no_error (error);
  assert_ok (f, run_as (f, "staf", "dns", "verify", id, "--json", NULL));
  g_assert_nonnull (strstr (f->out, "\"created\":true"));
  g_clear_pointer (&state, g_free);
  state = state_of (f, id);
  g_assert_cmpstr (state, ==, "created");
  assert_ok (f, run_as (f, "kabid", "request", "show", id, NULL));
  seen = g_strdup_printf ("seen in DNS: %s answered “127.0.3.8”, zone serial %u", server,
                          serial);
  g_assert_nonnull (strstr (f->out, seen));

  /* The entry carries the proof; a passing check renews it with the zone's new serial. */
  assert_ok (f, run_as (f, "staf", "act", id, "report", NULL));
  assert_ok (f, run_as (f, "subkoor", "act", id, "draft", NULL));
  assert_ok (f, run_as (f, "staf", "registry", "list", "--json", NULL));
  entry_id = json_value (f->out, "id");
  serial_text = entry_proof (f, entry_id, "serial");
  g_assert_cmpuint (g_ascii_strtoull (serial_text, NULL, 10), ==, serial);
  nsupdate ("update add elsewhere.tarakankota.go.id. 3600 IN TXT \"bumps the serial\"\n");
  g_assert_true (ranah_dns_get_serial (dns, &later, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (later, !=, serial);
  assert_ok (f, run_as (f, "staf", "dns", "check", entry_id, "--resolver", "127.0.0.1",
                        "--resolver-port", port, NULL));
  g_clear_pointer (&serial_text, g_free);
  serial_text = entry_proof (f, entry_id, "serial");
  g_assert_cmpuint (g_ascii_strtoull (serial_text, NULL, 10), ==, later);

  /* Removed outside Ranah: the check fails and the last proof stays. */
  nsupdate ("update delete panel.tarakankota.go.id. A\n");
  g_assert_cmpint (run_as (f, "staf", "dns", "check", entry_id, NULL), ==, 8);
  g_clear_pointer (&serial_text, g_free);
  serial_text = entry_proof (f, entry_id, "serial");
  g_assert_cmpuint (g_ascii_strtoull (serial_text, NULL, 10), ==, later);
  assert_ok (f, run_as (f, "staf", "registry", "show", entry_id, "--json", NULL));
  g_assert_nonnull (strstr (f->out, "\"last_check_ok\":false"));

  /* Every proof went through the audit trail. */
  assert_ok (f, run_as (f, "admin", "audit", "verify", NULL));
}

static void
test_audit_and_status (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *id = request_at_staf (f, "terdaftar", "A:127.0.3.4:internal");
  g_autofree char *entry_id = NULL;
  g_autofree char *port = g_strdup_printf ("%u", dns_test_port ());
  g_autoptr(RanahDnsServer) server = dns_test_server ();
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GError) error = NULL;

  assert_ok (f, run_as (f, "staf", "dns", "provision", id, NULL));
  assert_ok (f, run_as (f, "staf", "act", id, "report", NULL));
  assert_ok (f, run_as (f, "subkoor", "act", id, "draft", NULL));
  assert_ok (f, run_as (f, "staf", "registry", "list", "--json", NULL));
  g_assert_nonnull (strstr (f->out, "terdaftar.tarakankota.go.id"));
  entry_id = json_value (f->out, "id");

  /* Other names in the zone (other tests' and the server's own) are unrecorded drift:
   * exit 8, JSON on stdout, the registry's own entry not among the drift. */
  g_assert_cmpint (run_as (f, "staf", "dns", "audit", "--json", NULL), ==, 8);
  g_assert_true (g_str_has_prefix (f->out, "{\"zone\":\"tarakankota.go.id\""));
  g_assert_null (strstr (f->out, "\"name\":\"terdaftar.tarakankota.go.id\""));

  /* Health: resolves; kept as the entry's last check. */
  assert_ok (f, run_as (f, "staf", "dns", "check", entry_id, "--json", "--resolver", "127.0.0.1",
                        "--resolver-port", port, NULL));
  g_assert_nonnull (strstr (f->out, "\"ok\":true"));
  assert_ok (f, run_as (f, "staf", "registry", "show", entry_id, "--json", NULL));
  g_assert_nonnull (strstr (f->out, "resolves"));
  g_assert_nonnull (strstr (f->out, "\"last_check_ok\":true"));
  assert_ok (f, run_as (f, "staf", "registry", "list", "--failing", "--json", NULL));
  g_assert_null (strstr (f->out, "terdaftar"));

  /* Suspend removes the records from DNS; the check now fails (exit 8). */
  assert_ok (f, run_as (f, "subkoor", "dns", "suspend", entry_id, "--reason",
                        "Situs diretas", NULL));
  values = ranah_dns_lookup (server, "terdaftar.tarakankota.go.id", "A", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 0);
  g_clear_pointer (&values, g_ptr_array_unref);
  assert_ok (f, run_as (f, "staf", "registry", "show", entry_id, "--json", NULL));
  g_assert_nonnull (strstr (f->out, "\"status\":\"suspended\""));
  g_assert_cmpint (run_as (f, "staf", "dns", "check", entry_id, NULL), ==, 8);
  /* …and the registry lists it among the failing. */
  assert_ok (f, run_as (f, "staf", "registry", "list", "--failing", "--json", NULL));
  g_assert_nonnull (strstr (f->out, "\"fqdn\":\"terdaftar.tarakankota.go.id\""));
  g_assert_nonnull (strstr (f->out, "\"last_check_ok\":false"));

  /* Restore puts them back. */
  assert_ok (f, run_as (f, "subkoor", "dns", "restore", entry_id, "--reason",
                        "Sudah dibersihkan", NULL));
  values = ranah_dns_lookup (server, "terdaftar.tarakankota.go.id", "A", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 1);
  assert_ok (f, run_as (f, "staf", "registry", "show", entry_id, "--json", NULL));
  g_assert_nonnull (strstr (f->out, "\"status\":\"active\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    g_error ("usage: %s PATH-TO-RANAH-CLI", argv[0]);
  cli_path = argv[1];

  g_test_add ("/ranah/dns/cli/provision", Fixture, NULL, fixture_set_up, test_provision,
              fixture_tear_down);
  g_test_add ("/ranah/dns/cli/provision-by-another-staf", Fixture, NULL, fixture_set_up,
              test_provision_by_another_staf, fixture_tear_down);
  g_test_add ("/ranah/dns/cli/provision-refused", Fixture, NULL, fixture_set_up,
              test_provision_refused, fixture_tear_down);
  g_test_add ("/ranah/dns/cli/verify-by-hand", Fixture, NULL, fixture_set_up,
              test_verify_by_hand, fixture_tear_down);
  g_test_add ("/ranah/dns/cli/made-outside-ranah", Fixture, NULL, fixture_set_up,
              test_made_outside_ranah, fixture_tear_down);
  g_test_add ("/ranah/dns/cli/audit-and-status", Fixture, NULL, fixture_set_up,
              test_audit_and_status, fixture_tear_down);

  return g_test_run ();
}
