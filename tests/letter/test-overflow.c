/* test-overflow.c — over-long names, thirty tembusan lines and a body of several pages never
 * leave the margins nor run into the signature block (word boxes from pdftotext -bbox)
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "letter-test-util.h"

static char *tmp_dir;

/* PDF rounding and font bounding boxes: a word may touch a margin, never cross it. */
#define SLACK 0.5

static void
add_words (GHashTable *set,
           const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \n", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_hash_table_add (set, g_strdup (words[i]));
}

static GHashTable *
signature_words (GHashTable        *profile,
                 const RanahLetter *letter)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *position = g_utf8_strup (letter->signer->position, -1);
  const char *nip = letter->signer->nip;
  g_autofree char *nip_text = g_strdup_printf ("NIP. %.8s %.6s %.1s %.3s", nip, nip + 8,
                                               nip + 14, nip + 15);
  g_autofree char *head = ranah_letter_audit_head_text (letter);
  g_autofree char *position_comma = NULL;

  position_comma = g_strconcat (position, ",", NULL);
  add_words (set, position_comma);
  add_words (set, letter->signer->full_name);
  add_words (set, letter->signer->rank);
  add_words (set, nip_text);
  add_words (set, "Ditandatangani secara elektronik. Kode verifikasi: Jejak audit:");
  add_words (set, letter->verification_code);
  add_words (set, head);
  return set;
}

/* Lays out, writes and checks one letter; returns its page count. */
static guint
check_letter (const char         *name,
              GHashTable         *profile,
              const RanahRequest *request,
              const RanahOpd     *opd,
              const RanahLetter  *letter)
{
  g_autoptr(RanahLetterLayout) layout = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GHashTable) own = signature_words (profile, letter);
  g_autofree char *path = NULL;
  double page_w = 0, page_h = 0;
  double left, right, top, bottom;
  guint pages, signature_pages = 0;
  gboolean seen_name = FALSE;

  layout = ranah_letter_layout_new (profile, request, opd, NULL, letter, &error);
  g_assert_no_error (error);
  pdf = ranah_letter_layout_to_pdf (layout, &error);
  g_assert_no_error (error);
  path = util_write (tmp_dir, name, pdf);
  pages = ranah_letter_layout_get_n_pages (layout);

  words = util_words (path, &page_w, &page_h);
  g_assert_cmpfloat_with_epsilon (page_w, ranah_letter_layout_get_page_width (layout), 0.01);
  left = RANAH_LETTER_MARGIN_LEFT - SLACK;
  right = page_w - RANAH_LETTER_MARGIN_RIGHT + SLACK;
  top = RANAH_LETTER_MARGIN_TOP - SLACK;
  bottom = page_h - RANAH_LETTER_MARGIN_BOTTOM + SLACK;

  for (guint i = 0; i < words->len; i++)
    {
      UtilWord *word = g_ptr_array_index (words, i);

      if (word->x0 < left || word->x1 > right || word->y0 < top || word->y1 > bottom)
        g_error ("%s page %u: “%s” (%.1f, %.1f)–(%.1f, %.1f) leaves the margins", name,
                 word->page + 1, word->text, word->x0, word->y0, word->x1, word->y1);
      seen_name |= g_str_equal (word->text, "Kusuma,");
    }
  g_assert_true (seen_name);

  for (guint page = 0; page < pages; page++)
    {
      double sx, sy, sw, sh;

      if (!ranah_letter_layout_get_signature_area (layout, page, &sx, &sy, &sw, &sh))
        continue;
      signature_pages++;
      g_assert_cmpfloat (sy + sh, <=, bottom);
      for (guint i = 0; i < words->len; i++)
        {
          UtilWord *word = g_ptr_array_index (words, i);

          if (word->page != page || word->y1 <= sy + SLACK || word->y0 >= sy + sh - SLACK)
            continue;
          /* Level with the signature block: only its own words, inside its column. */
          if (!g_hash_table_contains (own, word->text) || word->x0 < sx - SLACK
              || word->x1 > sx + sw + SLACK)
            g_error ("%s page %u: “%s” at (%.1f, %.1f) runs into the signature block "
                     "(%.1f, %.1f %.1f × %.1f)", name, page + 1, word->text, word->x0, word->y0,
                     sx, sy, sw, sh);
        }
    }
  /* The block is kept whole: on exactly one page. */
  g_assert_cmpuint (signature_pages, ==, 1);
  return pages;
}

static const char *long_title =
  "Kepala Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan serta "
  "Pengelolaan Keuangan, Pendapatan dan Aset Daerah pada Sekretariat Daerah Kota Tarakan "
  "Provinsi Kalimantan Utara";

static void
test_long_names (void)
{
  g_autoptr(GHashTable) profile = fixture_profile ("A4");
  g_autoptr(RanahRequest) request = fixture_request ();
  g_autoptr(RanahOpd) opd = fixture_opd ();
  g_autoptr(RanahLetter) letter = fixture_letter ("000.5.2/0123/DKISP/2026");

  fx_set (&opd->head_title, long_title);
  fx_set (&opd->address, "Gedung Gabungan Dinas Lantai 3, Jalan Jenderal Sudirman, Tarakan");
  fx_set (&request->opd_name, long_title + strlen ("Kepala "));
  /* 60 characters without a space: must break rather than run past the margin. */
  fx_set (&request->fqdn, "sisteminformasimanajemenpelayananterpadusatupintukotatarakan."
                          "tarakankota.go.id");
  fx_set (&letter->hal, "Tanggapan atas Permohonan Pembuatan Subdomain untuk Sistem Informasi "
                        "Manajemen Pelayanan Terpadu Satu Pintu beserta Layanan Pendukungnya");
  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_AGENCY),
                       g_strdup ("DINAS KOMUNIKASI, INFORMATIKA, STATISTIK, PERSANDIAN DAN "
                                 "PENGELOLAAN DATA ELEKTRONIK PEMERINTAHAN TERPADU"));
  fx_set (&letter->signer->position, "Kepala Dinas Komunikasi, Informatika, Statistik, "
                                      "Persandian dan Pengelolaan Data Elektronik "
                                      "Pemerintahan Terpadu");
  check_letter ("long-names.pdf", profile, request, opd, letter);
}

static void
test_thirty_tembusan (void)
{
  g_autoptr(GHashTable) profile = fixture_profile ("A4");
  g_autoptr(RanahRequest) request = fixture_request ();
  g_autoptr(RanahOpd) opd = fixture_opd ();
  g_autoptr(RanahLetter) letter = fixture_letter ("000.5.2/0123/DKISP/2026");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  guint pages;

  for (guint i = 1; i <= 30; i++)
    {
      g_autofree char *line = NULL;

      if (i % 3 == 0)
        line = g_strdup_printf ("%s (tembusan ke-%u, sebagai bahan koordinasi dan laporan "
                                "berkala);", long_title, i);
      else
        line = g_strdup_printf ("Kepala Perangkat Daerah Nomor %u Kota Tarakan;", i);
      g_strv_builder_add (builder, line);
    }
  g_strfreev (letter->tembusan);
  letter->tembusan = g_strv_builder_end (builder);

  pages = check_letter ("tembusan.pdf", profile, request, opd, letter);
  g_assert_cmpuint (pages, >=, 2);

  path = g_build_filename (tmp_dir, "tembusan.pdf", NULL);
  text = util_text (path);
  {
    const char *parts[] = { "Tembusan:", "1. Kepala Perangkat Daerah Nomor 1",
                            "29. Kepala Perangkat Daerah Nomor 29", "30. Kepala Badan", NULL };
    util_assert_in_order (text, parts);
    g_assert_nonnull (strstr (text, "- 2 -"));
  }
}

static void
test_long_body (void)
{
  g_autoptr(GHashTable) profile = fixture_profile ("F4");
  g_autoptr(RanahRequest) request = fixture_request ();
  g_autoptr(RanahOpd) opd = fixture_opd ();
  g_autoptr(RanahLetter) letter = fixture_letter ("000.5.2/0123/DKISP/2026");
  GString *body = g_string_new ("Menindaklanjuti surat {pemohon} Nomor {nomor_surat} tanggal "
                                "{tanggal_surat} perihal {hal}, dengan ini kami sampaikan hal "
                                "sebagai berikut.\n");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  guint pages;

  for (guint i = 1; i <= 40; i++)
    {
      if (i % 5 == 0)
        g_string_append_printf (body, "%u. butir kewajiban ke-%u bagi pengelola subdomain "
                                "{fqdn}, yang wajib dipatuhi selama subdomain aktif dan "
                                "dilaporkan setiap triwulan kepada {dinas};\n", i / 5, i);
      else
        g_string_append_printf (body, "Paragraf %u: pengelolaan subdomain instansi pemerintah "
                                "daerah dilaksanakan secara tertib, aman dan terdokumentasi "
                                "agar setiap perubahan rekaman DNS dapat ditelusuri, diawasi "
                                "dan dipertanggungjawabkan sesuai ketentuan peraturan "
                                "perundang-undangan yang berlaku.\n", i);
    }
  g_string_append (body, "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan "
                         "terima kasih.");
  letter->body = g_string_free (body, FALSE);

  pages = check_letter ("long-body.pdf", profile, request, opd, letter);
  g_assert_cmpuint (pages, >=, 3);

  path = g_build_filename (tmp_dir, "long-body.pdf", NULL);
  text = util_text (path);
  {
    const char *parts[] = { "Paragraf 1:", "- 2 -", "- 3 -", "Paragraf 39:",
                            "Demikian disampaikan", "Dr. Hendra Kusuma", NULL };
    util_assert_in_order (text, parts);
  }
  /* The closing line travels with the signature onto its page. */
  {
    const char *tail = strstr (text, "Demikian disampaikan");
    const char *last_page = g_strrstr (text, "- ");

    g_assert_nonnull (tail);
    g_assert_true (last_page < tail);
  }
}

static void
test_long_disposition_note (void)
{
  g_autoptr(GHashTable) profile = fixture_profile ("A4");
  g_autoptr(RanahRequest) request = fixture_request ();
  g_autoptr(GPtrArray) dispositions = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_disposition_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GPtrArray) words = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  GString *note = g_string_new (NULL);
  double page_w = 0, page_h = 0;
  guint last_page = 0;

  for (guint i = 1; i <= 90; i++)
    g_string_append_printf (note, "Langkah %u: periksa rekaman, catat hasilnya, laporkan. ", i);
  g_string_append (note, "Selesai.");
  for (guint step = 2; step <= 4; step++)
    {
      RanahDisposition *d = ranah_disposition_new ();

      d->step = step;
      d->from_role = RANAH_ROLE_KADIS;
      d->to_role = RANAH_ROLE_KABID;
      d->created_at = 1795580000;
      if (step == 4)
        fx_set (&d->note, note->str);
      g_ptr_array_add (dispositions, d);
    }
  g_string_free (note, TRUE);

  pdf = ranah_disposition_sheet_pdf (profile, request, dispositions, &error);
  g_assert_no_error (error);
  path = util_write (tmp_dir, "long-note.pdf", pdf);
  words = util_words (path, &page_w, &page_h);
  for (guint i = 0; i < words->len; i++)
    {
      UtilWord *word = g_ptr_array_index (words, i);

      /* The sheet's margins: 1.5 cm left, 1 cm elsewhere. */
      if (word->x0 < 42.52 - SLACK || word->x1 > page_w - 28.346 + SLACK
          || word->y0 < 28.346 - SLACK || word->y1 > page_h - 28.346 + SLACK)
        g_error ("long-note.pdf page %u: “%s” (%.1f, %.1f)–(%.1f, %.1f) leaves the margins",
                 word->page + 1, word->text, word->x0, word->y0, word->x1, word->y1);
      last_page = MAX (last_page, word->page);
    }
  g_assert_cmpuint (last_page, >=, 1);
  text = util_text (path);
  {
    const char *parts[] = { "DISPOSISI 3 (langkah 4)", "Catatan : Langkah 1:", "Langkah 90:",
                            "Selesai.", NULL };
    util_assert_in_order (text, parts);
  }
}

static void
remove_tmp_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (tmp_dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("ranah-overflow-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/ranah/letter/overflow/long-names", test_long_names);
  g_test_add_func ("/ranah/letter/overflow/thirty-tembusan", test_thirty_tembusan);
  g_test_add_func ("/ranah/letter/overflow/long-body", test_long_body);
  g_test_add_func ("/ranah/letter/overflow/long-disposition-note", test_long_disposition_note);

  status = g_test_run ();
  if (g_getenv ("RANAH_KEEP_OUTPUT") == NULL)
    remove_tmp_dir ();
  else
    g_printerr ("output kept in %s\n", tmp_dir);
  g_free (tmp_dir);
  return status;
}
