/* ranah-demo.c — filling an empty store with sample data to look around
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <cairo.h>
#include <cairo-pdf.h>

#include "ranah-demo.h"
#include "ranah-dns.h"

typedef struct
{
  const char *code;
  const char *name;
  const char *head_title;
} DemoOpd;

static const DemoOpd demo_opds[] = {
  { "DINKES", "Dinas Kesehatan", "Kepala Dinas Kesehatan Kota Tarakan" },
  { "DISDIK", "Dinas Pendidikan dan Kebudayaan", "Kepala Dinas Pendidikan dan Kebudayaan Kota Tarakan" },
  { "DISHUB", "Dinas Perhubungan", "Kepala Dinas Perhubungan Kota Tarakan" },
  { "BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "Kepala Bappeda Kota Tarakan" },
};

typedef struct
{
  const char *username;
  const char *full_name;
  RanahRole   role;
  const char *opd_code;
  const char *position;
} DemoUser;

static const DemoUser demo_users[] = {
  { "kadis", "Dr. Hendra Wijaya, M.Si.", RANAH_ROLE_KADIS, NULL,
    "Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian" },
  { "kabid", "Siti Rahmawati, S.Kom., M.T.", RANAH_ROLE_KABID, NULL,
    "Kepala Bidang Aplikasi dan Informatika" },
  { "subkoor", "Agus Salim, S.T.", RANAH_ROLE_SUBKOOR, NULL,
    "Sub Koordinator Seksi Pengelolaan e-Government" },
  { "staf1", "Rina Kartika, A.Md.Kom.", RANAH_ROLE_STAF, NULL, "Pranata Komputer" },
  { "staf2", "Budi Santoso, S.Kom.", RANAH_ROLE_STAF, NULL, "Pranata Komputer" },
  { "dinkes", "dr. Maria Ulfa", RANAH_ROLE_OPD, "DINKES", "Kepala Dinas Kesehatan" },
  { "disdik", "Drs. Yusuf Hamzah", RANAH_ROLE_OPD, "DISDIK",
    "Kepala Dinas Pendidikan dan Kebudayaan" },
  { "dishub", "Ir. Andi Pratama", RANAH_ROLE_OPD, "DISHUB", "Kepala Dinas Perhubungan" },
};

/* Each sample request is moved forward this many steps (0 = left at "submitted"). */
typedef struct
{
  const char     *name;
  const char     *opd_user;
  RanahRecordType type;
  const char     *target;
  const char     *purpose;
  guint           forward;
  RanahAction     side;     /* a decline or a withdrawal after the forward moves */
} DemoRequest;

static const DemoRequest demo_requests[] = {
  { "layanan", "dinkes", RANAH_RECORD_A, "103.76.120.10", "Portal layanan kesehatan", 9, RANAH_ACTION_NONE },
  { "sehat", "dinkes", RANAH_RECORD_A, "103.76.120.11", "Informasi hidup sehat", 0, RANAH_ACTION_NONE },
  { "sekolah", "disdik", RANAH_RECORD_A, "103.76.120.20", "Data sekolah", 1, RANAH_ACTION_NONE },
  { "ppdb", "disdik", RANAH_RECORD_CNAME, "ppdb.siap-online.com", "Penerimaan peserta didik baru", 2, RANAH_ACTION_NONE },
  { "terminal", "dishub", RANAH_RECORD_A, "103.76.120.30", "Jadwal terminal", 3, RANAH_ACTION_NONE },
  { "parkir", "dishub", RANAH_RECORD_A, "103.76.120.31", "Retribusi parkir", 4, RANAH_ACTION_NONE },
  { "jadwal", "dinkes", RANAH_RECORD_AAAA, "2404:c0:1000::12", "Jadwal praktik puskesmas", 5, RANAH_ACTION_NONE },
  { "rapor", "disdik", RANAH_RECORD_A, "103.76.120.21", "Rapor daring", 6, RANAH_ACTION_NONE },
  { "kir", "dishub", RANAH_RECORD_A, "103.76.120.32", "Uji kendaraan bermotor", 7, RANAH_ACTION_NONE },
  { "vaksin", "dinkes", RANAH_RECORD_A, "103.76.120.13", "Pendaftaran vaksinasi", 8, RANAH_ACTION_NONE },
  { "lama", "dinkes", RANAH_RECORD_A, "103.76.120.14", "Situs lama", 0, RANAH_ACTION_DECLINE },
  { "batal", "dishub", RANAH_RECORD_A, "103.76.120.33", "Uji coba", 1, RANAH_ACTION_WITHDRAW },
};

static void
set_str (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = g_strdup (value != NULL ? value : "");
}

static cairo_status_t
write_to_string (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
ranah_demo_letter_pdf (const char *title)
{
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (write_to_string, bytes, 595, 842);
  cr = cairo_create (surface);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 16);
  cairo_move_to (cr, 72, 96);
  cairo_show_text (cr, "Surat Permohonan Pembuatan Subdomain");
  cairo_set_font_size (cr, 12);
  cairo_move_to (cr, 72, 130);
  cairo_show_text (cr, title != NULL ? title : "");
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (bytes);
}

static gint64
find_id (GHashTable *ids,
         const char *key)
{
  return GPOINTER_TO_SIZE (g_hash_table_lookup (ids, key));
}

static gboolean
forward (RanahStore          *store,
         gint64               request_id,
         GHashTable          *user_ids,
         RanahSignRenderFunc  render,
         gpointer             render_data,
         guint                nth,
         GError             **error)
{
  static const char *const instructions[] = { "tindak-lanjut", NULL };
  g_autoptr(RanahRequest) request = ranah_store_get_request (store, request_id, error);
  RanahMove move = { 0 };
  guint n_known = 0;
  const RanahInstruction *known = ranah_instructions (&n_known);
  const char *instr[2] = { n_known > 0 ? known[0].nick : NULL, NULL };

  if (request == NULL)
    return FALSE;
  move.action = ranah_workflow_forward_action (request->state);
  move.request_id = request_id;
  move.expected_version = request->version;
  move.instructions = n_known > 0 ? instr : (const char * const *) instructions;
  move.urgency = RANAH_URGENCY_BIASA;
  if (move.action == RANAH_ACTION_DISPOSE_TO_STAF)
    move.to_user_id = find_id (user_ids, nth % 2 == 0 ? "staf1" : "staf2");
  if (move.action == RANAH_ACTION_SIGN)
    {
      move.render = render;
      move.render_data = render_data;
    }
  /* Step 5 needs every record seen in DNS. The demo asks no server: its proofs name the
   * server "demo" and answer each record's own target. */
  if (move.action == RANAH_ACTION_CREATE)
    {
      g_autoptr(GPtrArray) proofs = ranah_records_copy (request->records);

      for (guint i = 0; i < proofs->len; i++)
        {
          RanahRecord *proof = g_ptr_array_index (proofs, i);

          proof->proof_server = g_strdup ("demo");
          proof->proof_answer = ranah_dns_record_value (proof);
        }
      if (!ranah_store_record_proofs (store, request_id, proofs, error))
        return FALSE;
    }
  return ranah_store_move (store, &move, error);
}

gboolean
ranah_demo_seed (RanahStore  *store,
                 GError     **error)
{
  return ranah_demo_seed_full (store, NULL, NULL, error);
}

/* The last DNS checks a nightly `ranah-cli dns check` would have left: every entry passes
 * but "vaksin", whose certificate is about to expire (the same words the dns layer uses). */
static gboolean
record_demo_checks (RanahStore  *store,
                    GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;

  if (!ranah_store_sign_in (store, "staf1", RANAH_DEMO_PASSWORD, error)
      || (entries = ranah_store_list_entries (store, NULL, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      const RanahEntry *entry = g_ptr_array_index (entries, i);
      gboolean ok = !g_str_equal (entry->name, "vaksin");
      g_autofree char *summary = NULL;

      if (ok)
        summary = g_strdup_printf ("%s; HTTP/1.1 200 OK", _("resolves"));
      else
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "The certificate of %s expires in %d day.",
                                                "The certificate of %s expires in %d days.", 12),
                                   entry->fqdn, 12);
      if (!ranah_store_record_check (store, entry->id, ok, summary, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
ranah_demo_seed_full (RanahStore          *store,
                      RanahSignRenderFunc  render,
                      gpointer             render_data,
                      GError             **error)
{
  g_autoptr(RanahUser) admin = ranah_user_new ();
  g_autoptr(GHashTable) opd_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) user_ids = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 request_ids[G_N_ELEMENTS (demo_requests)] = { 0 };
  gint64 real_now = ranah_store_now (store);
  /* The sample history starts four working days back, so that some items are late. */
  gint64 clock = real_now - 6 * 86400;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  int year = g_date_time_get_year (today);
  gboolean ok = FALSE;

  g_return_val_if_fail (RANAH_IS_STORE (store), FALSE);

  set_str (&admin->username, "admin");
  set_str (&admin->full_name, "Administrator DKISP");
  admin->role = RANAH_ROLE_ADMIN;
  if (!ranah_store_initialize (store, admin, RANAH_DEMO_PASSWORD, error)
      || !ranah_store_sign_in (store, "admin", RANAH_DEMO_PASSWORD, error))
    return FALSE;

  ranah_store_set_now (store, clock);

  for (guint i = 0; i < G_N_ELEMENTS (demo_opds); i++)
    {
      g_autoptr(RanahOpd) opd = ranah_opd_new ();
      gint64 id;

      set_str (&opd->code, demo_opds[i].code);
      set_str (&opd->name, demo_opds[i].name);
      set_str (&opd->head_title, demo_opds[i].head_title);
      set_str (&opd->address, "Tarakan");
      if ((id = ranah_store_add_opd (store, opd, error)) == 0)
        goto out;
      g_hash_table_insert (opd_ids, (char *) demo_opds[i].code, GSIZE_TO_POINTER (id));
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_users); i++)
    {
      g_autoptr(RanahUser) user = ranah_user_new ();
      gint64 id;

      set_str (&user->username, demo_users[i].username);
      set_str (&user->full_name, demo_users[i].full_name);
      set_str (&user->position, demo_users[i].position);
      if (demo_users[i].role == RANAH_ROLE_KADIS)
        {
          /* The signer: the letter prints their own rank and NIP. */
          set_str (&user->rank, "Pembina Utama Muda (IV/c)");
          set_str (&user->nip, "197104122000031003");
        }
      user->role = demo_users[i].role;
      if (demo_users[i].opd_code != NULL)
        user->opd_id = find_id (opd_ids, demo_users[i].opd_code);
      if ((id = ranah_store_add_user (store, user, RANAH_DEMO_PASSWORD, error)) == 0)
        goto out;
      g_hash_table_insert (user_ids, (char *) demo_users[i].username, GSIZE_TO_POINTER (id));
    }

  {
    g_autofree char *d1 = g_strdup_printf ("%04d-12-25", year);
    g_autofree char *d2 = g_strdup_printf ("%04d-12-24", year);
    g_autofree char *d3 = g_strdup_printf ("%04d-08-17", year);
    g_autoptr(RanahHoliday) h1 = ranah_holiday_new (d1, "Hari Raya Natal", FALSE);
    g_autoptr(RanahHoliday) h2 = ranah_holiday_new (d2, "Cuti Bersama Hari Raya Natal", TRUE);
    g_autoptr(RanahHoliday) h3 = ranah_holiday_new (d3, "Hari Kemerdekaan Republik Indonesia", FALSE);

    if (!ranah_store_add_holiday (store, h1, error) || !ranah_store_add_holiday (store, h2, error)
        || !ranah_store_add_holiday (store, h3, error))
      goto out;
  }

  /* Step 1, as each OPD. */
  for (guint u = 0; u < G_N_ELEMENTS (demo_users); u++)
    {
      if (demo_users[u].role != RANAH_ROLE_OPD)
        continue;
      if (!ranah_store_sign_in (store, demo_users[u].username, RANAH_DEMO_PASSWORD, error))
        goto out;
      for (guint i = 0; i < G_N_ELEMENTS (demo_requests); i++)
        {
          g_autoptr(RanahRequest) request = NULL;
          g_autoptr(GBytes) pdf = NULL;
          g_autoptr(GDateTime) sent = NULL;
          g_autofree char *date = NULL;

          if (!g_str_equal (demo_requests[i].opd_user, demo_users[u].username))
            continue;
          clock += 1800;
          ranah_store_set_now (store, clock);
          sent = g_date_time_new_from_unix_local (clock - 86400);
          date = g_date_time_format (sent, "%Y-%m-%d");
          request = ranah_request_new ();
          request->opd_id = find_id (opd_ids, demo_users[u].opd_code);
          set_str (&request->name, demo_requests[i].name);
          set_str (&request->purpose, demo_requests[i].purpose);
          set_str (&request->hal, "Permohonan Pembuatan Subdomain");
          set_str (&request->classification, "000.5.2");
          request->letter_number = g_strdup_printf ("000.5.2/%03u/%s/%d", 100 + i,
                                                    demo_users[u].opd_code, year);
          set_str (&request->letter_date, date);
          set_str (&request->received_date, date);
          set_str (&request->contact_name, demo_users[u].full_name);
          set_str (&request->contact_phone, "0811-5500-123");
          request->contact_email = g_strdup_printf ("%s@tarakankota.go.id", demo_users[u].username);
          g_ptr_array_add (request->records,
                           ranah_record_new (demo_requests[i].type, "", demo_requests[i].target));
          pdf = ranah_demo_letter_pdf (request->letter_number);
          if ((request_ids[i] = ranah_store_submit_request (store, request, pdf, error)) == 0)
            goto out;
        }
    }

  /* Steps 2–10, one role at a time in the order of the procedure, so that each sample
   * request stops where its entry says. */
  for (RanahState state = RANAH_STATE_SUBMITTED; state <= RANAH_STATE_SENT; state++)
    {
      RanahRoleSet holders = ranah_workflow_holders (state);
      const char *actor = NULL;
      guint step = ranah_workflow_pending_step (state);

      for (guint u = 0; u < G_N_ELEMENTS (demo_users) && actor == NULL; u++)
        if ((holders & RANAH_ROLE_BIT (demo_users[u].role)) != 0
            && demo_users[u].role != RANAH_ROLE_OPD)
          actor = demo_users[u].username;

      for (guint i = 0; i < G_N_ELEMENTS (demo_requests); i++)
        {
          const char *who = actor;

          if (request_ids[i] == 0 || demo_requests[i].forward < step - 1)
            continue;
          /* Staff act on what was disposed to them; the OPD receives its own letter. */
          if (state == RANAH_STATE_SENT)
            who = demo_requests[i].opd_user;
          else if (state == RANAH_STATE_AT_STAF || state == RANAH_STATE_CREATED)
            who = i % 2 == 0 ? "staf1" : "staf2";
          if (who == NULL)
            continue;
          {
            g_autoptr(RanahRequest) current = NULL;
            const RanahUser *me = ranah_store_get_user (store);

            if (state == RANAH_STATE_REVIEWED && render == NULL)
              continue;
            if (me == NULL || !g_str_equal (me->username, who))
              if (!ranah_store_sign_in (store, who, RANAH_DEMO_PASSWORD, error))
                goto out;
            if ((current = ranah_store_get_request (store, request_ids[i], error)) == NULL)
              goto out;
            if (current->state != state)
              continue;
            clock += 3 * 3600;
            ranah_store_set_now (store, clock);
            if (!forward (store, request_ids[i], user_ids, render, render_data, i, error))
              {
                g_prefix_error (error, "%s (%s, %s): ", demo_requests[i].name, who,
                                ranah_state_to_string (state));
                goto out;
              }
          }
        }
    }

  /* The side paths: a refusal by Kepala Dinas and a withdrawal by the OPD. */
  for (guint i = 0; i < G_N_ELEMENTS (demo_requests); i++)
    {
      g_autoptr(RanahRequest) request = NULL;
      RanahMove move = { 0 };
      const char *who;

      if (demo_requests[i].side == RANAH_ACTION_NONE || request_ids[i] == 0)
        continue;
      who = demo_requests[i].side == RANAH_ACTION_DECLINE ? "kadis" : demo_requests[i].opd_user;
      if (!ranah_store_sign_in (store, who, RANAH_DEMO_PASSWORD, error)
          || (request = ranah_store_get_request (store, request_ids[i], error)) == NULL)
        goto out;
      clock += 3600;
      ranah_store_set_now (store, clock);
      move.action = demo_requests[i].side;
      move.request_id = request->id;
      move.expected_version = request->version;
      move.note = demo_requests[i].side == RANAH_ACTION_DECLINE
                  ? "Sudah tersedia di portal utama; gunakan halaman di sana."
                  : "Kegiatan dibatalkan.";
      if (!ranah_store_move (store, &move, error))
        goto out;
    }

  clock += 3600;
  ranah_store_set_now (store, clock);
  if (!record_demo_checks (store, error))
    goto out;

  ok = ranah_store_sign_in (store, "admin", RANAH_DEMO_PASSWORD, error);

out:
  ranah_store_set_now (store, 0);
  return ok;
}
