/* ranah-cli-demo.c — ranah-cli demo: a store with an OPD, every role, and requests in every
 * state, made by driving the real moves
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing is written behind the workflow's back: each user signs in with their password and
 * performs their own step, so the demo store's timeline and audit trail are what a real
 * office would produce. The clock is pinned in the past and moved on between rounds so that
 * the inbox shows waiting times and overdue steps.
 */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "ranah-cli.h"
#include "ranah-dns.h"

#define DEMO_PASSWORD "ranah-demo-2026"
/* The Kepala Dinas's rank: the signature block prints the signer's own account. */
#define DEMO_SIGNER_RANK "Pembina Utama Muda (IV/c)"

typedef struct {
  const char *username;
  const char *full_name;
  RanahRole   role;
  const char *opd;
  const char *nip;
  const char *position;
} DemoUser;

static const DemoUser demo_users[] = {
  { "admin", "Administrator Ranah", RANAH_ROLE_ADMIN, NULL, "", "Pranata Komputer" },
  { "kadis", "Dr. Hj. Siti Rahmawati, M.Si.", RANAH_ROLE_KADIS, NULL, "197003152000032001",
    "Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian" },
  { "kabid", "Ir. Budi Santoso, M.T.", RANAH_ROLE_KABID, NULL, "197508202003121002",
    "Kepala Bidang Aplikasi dan Informatika" },
  { "subkoor", "Andi Pratama, S.Kom.", RANAH_ROLE_SUBKOOR, NULL, "198201102008011003",
    "Sub Koordinator Seksi Pengelolaan e-Government" },
  { "staf", "Dewi Lestari, S.T.", RANAH_ROLE_STAF, NULL, "199004252015032004", "Pranata Komputer" },
  { "staf2", "Rizky Maulana, A.Md.", RANAH_ROLE_STAF, NULL, "199507172019031005",
    "Pranata Komputer" },
  { "dinkes", "Operator Dinas Kesehatan", RANAH_ROLE_OPD, "DINKES", "", "Operator" },
  { "disdik", "Operator Dinas Pendidikan", RANAH_ROLE_OPD, "DISDIK", "", "Operator" },
};

typedef struct {
  const char *code;
  const char *name;
  const char *head_title;
} DemoOpd;

static const DemoOpd demo_opds[] = {
  { "DINKES", "Dinas Kesehatan", "Kepala Dinas Kesehatan Kota Tarakan" },
  { "DISDIK", "Dinas Pendidikan dan Kebudayaan",
    "Kepala Dinas Pendidikan dan Kebudayaan Kota Tarakan" },
  { "BAPPEDA", "Badan Perencanaan Pembangunan Daerah dan Penelitian Pengembangan",
    "Kepala Bappeda dan Litbang Kota Tarakan" },
};

/* How far each request goes. The rounds below move every request that is meant to go
 * further than the round's state. */
typedef enum {
  GOAL_SUBMITTED,
  GOAL_WITHDRAWN,
  GOAL_AT_KABID,
  GOAL_DECLINED,      /* declined by Kadis: waits for the refusal letter (drafting) */
  GOAL_AT_SUBKOOR,
  GOAL_AT_STAF,
  GOAL_CREATED,
  GOAL_DRAFTING,
  GOAL_DRAFTED,
  GOAL_RETURNED,      /* draft returned by Kabid: drafting again, with a note */
  GOAL_REVIEWED,
  GOAL_SENT,
  GOAL_DONE,
} Goal;

typedef struct {
  const char *name;
  const char *opd_user;
  const char *target;
  const char *purpose;
  Goal        goal;
  gint64      id;
} DemoRequest;

static DemoRequest demo_requests[] = {
  { "sikesmas", "dinkes", "103.10.20.10", "Sistem informasi kesehatan masyarakat", GOAL_SUBMITTED },
  { "lapor-sekolah", "disdik", "103.10.20.11", "Pelaporan sekolah", GOAL_WITHDRAWN },
  { "ppdb", "disdik", "103.10.20.12", "Penerimaan peserta didik baru", GOAL_AT_KABID },
  { "promo-sehat", "dinkes", "103.10.21.7", "Promosi kesehatan", GOAL_DECLINED },
  { "simpus", "dinkes", "103.10.20.13", "Sistem informasi puskesmas", GOAL_AT_SUBKOOR },
  { "perpustakaan", "disdik", "103.10.20.14", "Perpustakaan digital", GOAL_AT_STAF },
  { "posyandu", "dinkes", "103.10.20.15", "Data posyandu", GOAL_CREATED },
  { "beasiswa", "disdik", "103.10.20.16", "Pendaftaran beasiswa daerah", GOAL_DRAFTING },
  { "imunisasi", "dinkes", "103.10.20.17", "Jadwal imunisasi", GOAL_DRAFTED },
  { "guru", "disdik", "103.10.20.18", "Data guru dan tenaga kependidikan", GOAL_RETURNED },
  { "rujukan", "dinkes", "103.10.20.19", "Sistem rujukan terpadu", GOAL_REVIEWED },
  { "sekolah", "disdik", "103.10.20.20", "Portal sekolah", GOAL_SENT },
  { "sehat", "dinkes", "103.10.20.21", "Portal layanan kesehatan", GOAL_DONE },
};

typedef struct {
  RanahCli *cli;
  gboolean  walkthrough;
  gint64    clock;
} Demo;

static gboolean
demo_sign_in (Demo        *demo,
              const char  *username,
              GError     **error)
{
  if (demo->walkthrough)
    g_print (_("\n— signed in as %s —\n"), username);
  return ranah_store_sign_in (demo->cli->store, username, DEMO_PASSWORD, error);
}

/* Moves the pinned clock on by @minutes of wall time. */
static void
demo_advance (Demo *demo,
              int   minutes)
{
  demo->clock += minutes * 60;
  ranah_store_set_now (demo->cli->store, demo->clock);
}

static gboolean
demo_read (Demo        *demo,
           gint64       request_id,
           GError     **error)
{
  const RanahUser *me = ranah_store_get_user (demo->cli->store);
  g_autoptr(GPtrArray) dispositions = ranah_store_list_dispositions (demo->cli->store,
                                                                     request_id, error);

  if (dispositions == NULL)
    return FALSE;
  for (guint i = 0; i < dispositions->len; i++)
    {
      RanahDisposition *d = g_ptr_array_index (dispositions, i);
      if (d->to_user_id == me->id && d->read_at == 0 && !d->recalled
          && !ranah_store_mark_read (demo->cli->store, d->id, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
demo_move (Demo         *demo,
           DemoRequest  *r,
           RanahAction   action,
           const char   *note,
           const char   *to_user,
           GError      **error)
{
  const char *instructions[] = { "tindaklanjuti", "proses", NULL };
  g_autoptr(RanahRequest) request = ranah_store_get_request (demo->cli->store, r->id, error);
  g_autoptr(RanahRequest) after = NULL;
  g_autoptr(RanahUser) to = NULL;
  RanahMove move = { 0 };
  RanahState from;

  if (request == NULL)
    return FALSE;
  from = request->state;
  /* Whoever acts on a disposed request has read its disposition first, as in an office;
   * one still waiting keeps its disposition unread, so its sender may still recall it. */
  if (action != RANAH_ACTION_WITHDRAW && !demo_read (demo, r->id, error))
    return FALSE;
  move.action = action;
  move.request_id = r->id;
  move.expected_version = request->version;
  move.note = note;
  if (action == RANAH_ACTION_DISPOSE_TO_KABID || action == RANAH_ACTION_DISPOSE_TO_SUBKOOR
      || action == RANAH_ACTION_DISPOSE_TO_STAF)
    move.instructions = instructions;
  if (to_user != NULL)
    {
      if ((to = ranah_store_find_user (demo->cli->store, to_user, error)) == NULL)
        return FALSE;
      move.to_user_id = to->id;
    }
  if (action == RANAH_ACTION_SIGN)
    {
      move.render = ranah_cli_sign_renderer ();
      move.render_data = demo->cli->store;
    }
  /* Step 5 needs every record seen in DNS. The demo asks no server: its proofs name the
   * server "demo" and answer each record's own target. */
  if (action == RANAH_ACTION_CREATE)
    {
      g_autoptr(GPtrArray) proofs = ranah_records_copy (request->records);

      for (guint i = 0; i < proofs->len; i++)
        {
          RanahRecord *proof = g_ptr_array_index (proofs, i);

          proof->proof_server = g_strdup ("demo");
          proof->proof_answer = ranah_dns_record_value (proof);
        }
      if (!ranah_store_record_proofs (demo->cli->store, r->id, proofs, error))
        {
          g_prefix_error (error, "%s: ", request->fqdn);
          return FALSE;
        }
    }
  if (!ranah_store_move (demo->cli->store, &move, error))
    {
      g_prefix_error (error, "%s: ", request->fqdn);
      return FALSE;
    }
  if (demo->walkthrough && (after = ranah_store_get_request (demo->cli->store, r->id, NULL)))
    g_print ("  %-32s %-20s %s → %s\n", after->fqdn, ranah_action_to_string (action),
             ranah_state_to_string (from), ranah_state_to_string (after->state));
  return TRUE;
}

static gboolean
demo_setup (Demo    *demo,
            GError **error)
{
  RanahStore *store = demo->cli->store;
  g_autoptr(RanahUser) admin = ranah_user_new ();
  const char *holidays[][2] = {
    { "2026-12-25", "Hari Raya Natal" },
    { "2026-12-24", "Cuti bersama Hari Raya Natal" },
    { "2027-01-01", "Tahun Baru 2027 Masehi" },
  };

  ranah_cli_take (&admin->username, g_strdup (demo_users[0].username));
  ranah_cli_take (&admin->full_name, g_strdup (demo_users[0].full_name));
  ranah_cli_take (&admin->position, g_strdup (demo_users[0].position));
  admin->role = RANAH_ROLE_ADMIN;
  if (!ranah_store_initialize (store, admin, DEMO_PASSWORD, error)
      || !demo_sign_in (demo, "admin", error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (demo_opds); i++)
    {
      g_autoptr(RanahOpd) opd = ranah_opd_new ();
      ranah_cli_take (&opd->code, g_strdup (demo_opds[i].code));
      ranah_cli_take (&opd->name, g_strdup (demo_opds[i].name));
      ranah_cli_take (&opd->head_title, g_strdup (demo_opds[i].head_title));
      ranah_cli_take (&opd->address, g_strdup ("Tarakan"));
      if (ranah_store_add_opd (store, opd, error) == 0)
        return FALSE;
    }
  for (guint i = 1; i < G_N_ELEMENTS (demo_users); i++)
    {
      const DemoUser *u = &demo_users[i];
      g_autoptr(RanahUser) user = ranah_user_new ();

      ranah_cli_take (&user->username, g_strdup (u->username));
      ranah_cli_take (&user->full_name, g_strdup (u->full_name));
      ranah_cli_take (&user->nip, g_strdup (u->nip));
      ranah_cli_take (&user->position, g_strdup (u->position));
      if (u->role == RANAH_ROLE_KADIS)
        ranah_cli_take (&user->rank, g_strdup (DEMO_SIGNER_RANK));
      user->role = u->role;
      if (u->opd != NULL)
        {
          g_autoptr(RanahOpd) opd = ranah_store_find_opd (store, u->opd, error);
          if (opd == NULL)
            return FALSE;
          user->opd_id = opd->id;
        }
      if (ranah_store_add_user (store, user, DEMO_PASSWORD, error) == 0)
        return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (holidays); i++)
    {
      g_autoptr(RanahHoliday) h = ranah_holiday_new (holidays[i][0], holidays[i][1],
                                                     g_str_has_prefix (holidays[i][1], "Cuti"));
      if (!ranah_store_add_holiday (store, h, error))
        return FALSE;
    }
  /* The compliance sheet's signer, who signs it by hand: the same Kepala Dinas. */
  return ranah_store_set_profile (store, RANAH_PROFILE_SIGNER_NAME, demo_users[1].full_name,
                                  error)
         && ranah_store_set_profile (store, RANAH_PROFILE_SIGNER_NIP, demo_users[1].nip, error)
         && ranah_store_set_profile (store, RANAH_PROFILE_SIGNER_RANK, DEMO_SIGNER_RANK, error);
}

static gboolean
demo_submit (Demo        *demo,
             const char  *opd_user,
             GError     **error)
{
  if (!demo_sign_in (demo, opd_user, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (demo_requests); i++)
    {
      DemoRequest *r = &demo_requests[i];
      g_autoptr(RanahRequest) request = ranah_request_new ();
      g_autofree char *text = NULL;
      g_autoptr(GBytes) pdf = NULL;
      g_autofree char *date = NULL;
      g_autofree char *unit = g_ascii_strup (opd_user, -1);

      if (!g_str_equal (r->opd_user, opd_user))
        continue;
      demo_advance (demo, 10);
      date = ranah_cli_today (demo->cli);
      ranah_cli_take (&request->name, g_strdup (r->name));
      ranah_cli_take (&request->purpose, g_strdup (r->purpose));
      ranah_cli_take (&request->hal, g_strdup ("Permohonan Pembuatan Subdomain"));
      ranah_cli_take (&request->classification, g_strdup ("000.5.2"));
      ranah_cli_take (&request->letter_number, g_strdup_printf ("000.5.2/%02u/%s/2026", i + 1,
                                                                unit));
      ranah_cli_take (&request->letter_date, g_strdup (date));
      ranah_cli_take (&request->received_date, g_strdup (date));
      ranah_cli_take (&request->contact_name, g_strdup ("Fajar Nugroho"));
      ranah_cli_take (&request->contact_phone, g_strdup ("0812-5500-1234"));
      ranah_cli_take (&request->contact_email,
                      g_strdup_printf ("it.%s@tarakankota.go.id", opd_user));
      g_ptr_array_add (request->records, ranah_record_new (RANAH_RECORD_A, "", r->target));
      request->opd_id = ranah_store_get_user (demo->cli->store)->opd_id;
      text = g_strdup_printf ("Surat Permohonan Pembuatan Subdomain %s (demo)", r->name);
      pdf = ranah_cli_make_pdf (text);
      r->id = ranah_store_submit_request (demo->cli->store, request, pdf, error);
      if (r->id == 0)
        return FALSE;
      if (demo->walkthrough)
        g_print ("  %-32s %-20s %s → %s\n", request->fqdn, "submit", "none", "submitted");
      if (r->goal == GOAL_WITHDRAWN
          && !demo_move (demo, r, RANAH_ACTION_WITHDRAW,
                         "Permohonan digabung dengan portal sekolah.", NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* One round: @user performs @action on every request whose goal is at least @min_goal
 * (and not one of the side paths). */
static gboolean
demo_round (Demo         *demo,
            const char   *user,
            RanahAction   action,
            Goal          min_goal,
            const char   *to_user,
            GError      **error)
{
  /* Each round happens the next morning, a little later each time. */
  demo_advance (demo, 24 * 60 + 30);
  if (!demo_sign_in (demo, user, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (demo_requests); i++)
    {
      DemoRequest *r = &demo_requests[i];

      if (r->goal < min_goal || r->goal == GOAL_DECLINED || r->goal == GOAL_WITHDRAWN)
        continue;
      if (r->goal == GOAL_RETURNED && action == RANAH_ACTION_REVIEW)
        {
          if (!demo_move (demo, r, RANAH_ACTION_RETURN_DRAFT,
                          "Mohon lengkapi tembusan kepada Sekretaris Daerah.", NULL, error))
            return FALSE;
          continue;
        }
      if (r->goal == GOAL_RETURNED && action > RANAH_ACTION_REVIEW)
        continue;
      if (!demo_move (demo, r, action, NULL, to_user, error))
        return FALSE;
    }
  return TRUE;
}

static void
print_accounts (RanahCli *cli)
{
  g_autofree char *uri = g_strdup (cli->store_uri);

  g_print (_("\nDemo accounts (password for all: %s):\n"), DEMO_PASSWORD);
  for (guint i = 0; i < G_N_ELEMENTS (demo_users); i++)
    {
      g_autofree char *role = ranah_cli_cell (ranah_role_title (demo_users[i].role), 18);
      g_print ("  %-9s %s %s\n", demo_users[i].username, role, demo_users[i].full_name);
    }
  g_print (_("\nTry:\n"
             "  export RANAH_STORE=%s RANAH_PASSWORD=%s\n"
             "  ranah-cli --user kadis inbox\n"
             "  ranah-cli --user kadis request show 1\n"
             "  ranah-cli --user kadis act 1 dispose-to-kabid --instruction tindaklanjuti\n"),
           uri, DEMO_PASSWORD);
}

static gboolean
demo_summary (RanahCli  *cli,
              GError   **error)
{
  g_autoptr(GPtrArray) requests = ranah_store_list_requests (cli->store, NULL, error);

  if (requests == NULL)
    return FALSE;
  if (cli->json)
    {
      ranah_cli_print_requests (cli, requests, FALSE);
      return TRUE;
    }
  g_print (_("\nRequests in the demo store:\n"));
  ranah_cli_print_requests (cli, requests, FALSE);
  print_accounts (cli);
  return TRUE;
}

gboolean
ranah_cli_demo_main (RanahCli  *cli,
                     int        argc,
                     char     **argv,
                     GError   **error)
{
  gboolean walkthrough = FALSE;
  const GOptionEntry entries[] = {
    { "walkthrough", 0, 0, G_OPTION_ARG_NONE, &walkthrough,
      N_("Print every sign-in and move as the demo makes it"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, NULL,
                       N_("Creates a demo store (default: demo.db in Ranah's data directory, "
                          "never your real store): sample OPDs, a user for every role, and "
                          "requests in every state, made by the real moves. Run again on the "
                          "same store, it shows what is there."), entries);
  Demo demo = { cli, FALSE, 0 };
  g_autoptr(GError) local_error = NULL;
  const char *path;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 0, error))
    return FALSE;
  demo.walkthrough = walkthrough && !cli->json;
  if (cli->store_uri == NULL || *cli->store_uri == '\0')
    {
      g_autofree char *file = g_build_filename (g_get_user_data_dir (), "ranah", "demo.db", NULL);
      ranah_cli_take (&cli->store_uri, g_strconcat ("sqlite:", file, NULL));
    }
  path = g_str_has_prefix (cli->store_uri, "sqlite:") ? cli->store_uri + strlen ("sqlite:") : NULL;
  if (path != NULL && *path != '\0')
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_mkdir_with_parents (dir, 0700);
    }
  cli->may_create = TRUE;
  if (!ranah_cli_open_store (cli, error))
    return FALSE;

  if (ranah_store_is_initialized (cli->store, &local_error))
    {
      if (!ranah_store_sign_in (cli->store, "admin", DEMO_PASSWORD, NULL))
        {
          g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION,
                       _("The store %s is already set up and is not a demo store."),
                       cli->store_uri);
          return FALSE;
        }
      if (!cli->json)
        g_print (_("The demo store %s already exists.\n"), cli->store_uri);
      return demo_summary (cli, error);
    }
  if (local_error != NULL
      && !g_error_matches (local_error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!cli->json)
    g_print (_("Creating the demo store %s…\n"), cli->store_uri);
  /* Start fourteen days ago at 08:00 WITA: the rounds below, a day apart, end a few days
   * ago, so the inbox shows waiting times and overdue steps. */
  demo.clock = (g_get_real_time () / G_USEC_PER_SEC / 86400 - 14) * 86400;
  ranah_store_set_now (cli->store, demo.clock);

  if (!demo_setup (&demo, error)
      || !demo_submit (&demo, "dinkes", error)
      || !demo_submit (&demo, "disdik", error))
    return FALSE;

  /* Kadis disposes, and declines the one request meant to be refused. */
  if (!demo_round (&demo, "kadis", RANAH_ACTION_DISPOSE_TO_KABID, GOAL_AT_KABID, NULL, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (demo_requests); i++)
    if (demo_requests[i].goal == GOAL_DECLINED
        && !demo_move (&demo, &demo_requests[i], RANAH_ACTION_DECLINE,
                       "Nama yang diminta terlalu umum; gunakan nama layanan yang spesifik.",
                       NULL, error))
      return FALSE;

  if (!demo_round (&demo, "kabid", RANAH_ACTION_DISPOSE_TO_SUBKOOR, GOAL_AT_SUBKOOR, NULL, error)
      || !demo_round (&demo, "subkoor", RANAH_ACTION_DISPOSE_TO_STAF, GOAL_AT_STAF, "staf",
                      error)
      || !demo_round (&demo, "staf", RANAH_ACTION_CREATE, GOAL_CREATED, NULL, error))
    return FALSE;
  /* The staff member reports while still signed in. */
  for (guint i = 0; i < G_N_ELEMENTS (demo_requests); i++)
    if (demo_requests[i].goal >= GOAL_DRAFTING
        && !demo_move (&demo, &demo_requests[i], RANAH_ACTION_REPORT, NULL, NULL, error))
      return FALSE;
  if (!demo_round (&demo, "subkoor", RANAH_ACTION_DRAFT, GOAL_DRAFTED, NULL, error)
      || !demo_round (&demo, "kabid", RANAH_ACTION_REVIEW, GOAL_RETURNED, NULL, error))
    return FALSE;

  if (ranah_cli_sign_renderer () != NULL)
    {
      if (!demo_round (&demo, "kadis", RANAH_ACTION_SIGN, GOAL_SENT, NULL, error)
          || !demo_round (&demo, "dinkes", RANAH_ACTION_RECEIVE, GOAL_DONE, NULL, error))
        return FALSE;
    }
  else if (!cli->json)
    g_print (_("\nThis ranah-cli was built without the letter layer: the requests meant to be "
               "signed and sent wait for Kepala Dinas's signature instead.\n"));

  ranah_store_set_now (cli->store, 0);
  if (!demo_sign_in (&demo, "admin", error))
    return FALSE;
  return demo_summary (cli, error);
}
