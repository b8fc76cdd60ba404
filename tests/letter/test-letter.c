/* test-letter.c — the Surat Tanggapan and the Lembar Disposisi as PDF: parts in order,
 * paper sizes, embedded fonts, the reviewed look, drafts, refusals and templates
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RANAH_UPDATE_REFERENCE=1 rewrites the reference images in tests/letter/reference/ from
 * the current drawing; review them (they are PNG) before committing.
 */
#include <math.h>
#include <string.h>

#include "letter-test-util.h"

static char *tmp_dir;

#define NUMBER "000.5.2/0123/DKISP/2026"

static char *
signed_letter_pdf (const char *paper,
                   const char *name)
{
  g_autoptr(GHashTable) profile = fixture_profile (paper);
  g_autoptr(RanahRequest) request = fixture_request ();
  g_autoptr(RanahEntry) entry = fixture_entry (request);
  g_autoptr(RanahOpd) opd = fixture_opd ();
  g_autoptr(RanahLetter) letter = fixture_letter (NUMBER);
  g_autoptr(RanahLetterLayout) layout = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;

  layout = ranah_letter_layout_new (profile, request, opd, entry, letter, &error);
  g_assert_no_error (error);
  pdf = ranah_letter_layout_to_pdf (layout, &error);
  g_assert_no_error (error);
  return util_write (tmp_dir, name, pdf);
}

static void
test_parts_in_order (void)
{
  g_autofree char *path = signed_letter_pdf ("A4", "parts.pdf");
  g_autofree char *text = util_text (path);
  const char *parts[] = {
    "PEMERINTAH KOTA TARAKAN",
    "DINAS KOMUNIKASI, INFORMATIKA, STATISTIK DAN PERSANDIAN",
    "Jalan Jenderal Sudirman No. 76", "Telepon (0551) 21000",
    "Pos-el diskominfo@tarakankota.go.id", "Laman diskominfo.tarakankota.go.id",
    "Tarakan, 27 November 2026",
    "Nomor : " NUMBER, "Sifat : Biasa", "Lampiran : -",
    "Hal : Tanggapan atas Permohonan Pembuatan Subdomain",
    "Yth. Kepala Dinas Kesehatan Kota Tarakan", "di Tarakan",
    "Menindaklanjuti surat Kepala Dinas Kesehatan Kota Tarakan Nomor 400.7/512/DINKES/2026 "
    "tanggal 16 November 2026 perihal Permohonan Pembuatan Subdomain Sistem Informasi "
    "Manajemen Rumah Sakit",
    "subdomain simrs.tarakankota.go.id telah aktif sejak tanggal 23 November 2026",
    "No. Nama Jenis Tujuan", "1. simrs.tarakankota.go.id A 103.156.110.21",
    "2. www.simrs.tarakankota.go.id CNAME simrs.tarakankota.go.id.",
    "menjaga agar isi situs", "mengamankan aplikasi", "melaporkan setiap insiden",
    "Dinas Komunikasi, Informatika, Statistik dan Persandian Kota Tarakan",
    "mengajukan penonaktifan",
    "1. Undang-Undang Nomor 11 Tahun 2008",
    "2. Peraturan Pemerintah Nomor 71 Tahun 2019",
    "3. Peraturan Menteri Komunikasi dan Informatika Nomor 5 Tahun 2015",
    "Demikian disampaikan",
    "KEPALA DINAS KOMUNIKASI,", "Ditandatangani secara elektronik.", "7K3Q-M9XD-2PWA",
    "Dr. Hendra Kusuma, S.Kom., M.T.", "Pembina Utama Muda (IV/c)",
    "NIP. 19720315 199803 1 004",
    "Tembusan:", "1. Wali Kota Tarakan (sebagai laporan);",
    "2. Sekretaris Daerah Kota Tarakan;", "3. Arsip.",
    NULL,
  };

  util_assert_in_order (text, parts);
  /* A signed letter carries no draft mark. */
  g_assert_null (strstr (text, "konsep"));
}

static void
assert_page_size (const char *paper,
                  double      width,
                  double      height)
{
  g_autofree char *name = g_strdup_printf ("size-%s.pdf", paper);
  g_autofree char *path = signed_letter_pdf (paper, name);
  double w, h;

  util_page_size (path, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, width, 0.001);
  g_assert_cmpfloat_with_epsilon (h, height, 0.001);
}

static void
test_page_size_a4 (void)
{
  /* 210 × 297 mm */
  assert_page_size ("A4", 595.276, 841.89);
}

static void
test_page_size_f4 (void)
{
  /* 215 × 330 mm */
  assert_page_size ("F4", 609.449, 935.433);
}

static void
test_fonts_embedded (void)
{
  g_autofree char *path = signed_letter_pdf ("A4", "fonts.pdf");
  const char *argv[] = { "pdffonts", path, NULL };
  g_autofree char *out = util_run (argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint fonts = 0;
  gboolean sans = FALSE;

  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GPtrArray) tokens = g_ptr_array_new ();

      for (guint k = 0; cols[k] != NULL; k++)
        if (*cols[k] != '\0')
          g_ptr_array_add (tokens, cols[k]);
      if (tokens->len < 6)
        continue;
      /* name type… encoding emb sub uni object gen */
      g_assert_cmpstr (g_ptr_array_index (tokens, tokens->len - 5), ==, "yes");
      sans |= strstr (g_ptr_array_index (tokens, 0), "LiberationSans") != NULL;
      fonts++;
    }
  g_assert_cmpuint (fonts, >=, 2);  /* regular and bold */
  g_assert_true (sans);
}

static char *
font_names (const char *paper_font)
{
  g_autoptr(GHashTable) profile = fixture_profile ("A4");
  g_autoptr(RanahRequest) request = fixture_request ();
  g_autoptr(RanahLetter) letter = fixture_letter (NUMBER);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *path = NULL;
  const char *argv[] = { "pdffonts", NULL, NULL };

  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_FONT), g_strdup (paper_font));
  pdf = ranah_letter_render_pdf (profile, request, NULL, letter, &error);
  g_assert_no_error (error);
  path = util_write (tmp_dir, "font.pdf", pdf);
  argv[1] = path;
  return util_run (argv);
}

static void
test_profile_font (void)
{
  g_autofree char *serif = NULL;
  g_autofree char *missing = NULL;

  /* The face the profile names when this machine has it… */
  if (!g_file_test ("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
                    G_FILE_TEST_EXISTS))
    {
      g_test_skip ("Liberation Serif is not installed");
      return;
    }
  serif = font_names ("Liberation Serif");
  g_assert_nonnull (strstr (serif, "LiberationSerif"));
  g_assert_null (strstr (serif, "LiberationSans"));

  /* …and the Arial-compatible default when it does not. */
  missing = font_names ("Kop Surat Tidak Terpasang");
  g_assert_nonnull (strstr (missing, "LiberationSans"));
}

static cairo_surface_t *
rasterise (const char *pdf,
           const char *name)
{
  g_autofree char *prefix = g_build_filename (tmp_dir, name, NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  const char *argv[] = { "pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-singlefile", "-png",
                         pdf, prefix, NULL };
  g_autofree char *out G_GNUC_UNUSED = util_run (argv);
  cairo_surface_t *surface = cairo_image_surface_create_from_png (png);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

/* Share of pixels that differ by more than a quarter of the range in some channel. */
static double
image_difference (cairo_surface_t *a,
                  cairo_surface_t *b)
{
  int w = cairo_image_surface_get_width (a);
  int h = cairo_image_surface_get_height (a);
  guint differing = 0;

  g_assert_cmpint (w, ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (h, ==, cairo_image_surface_get_height (b));
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  for (int y = 0; y < h; y++)
    {
      const guint32 *ra = (const guint32 *) (cairo_image_surface_get_data (a)
                                             + y * cairo_image_surface_get_stride (a));
      const guint32 *rb = (const guint32 *) (cairo_image_surface_get_data (b)
                                             + y * cairo_image_surface_get_stride (b));

      for (int x = 0; x < w; x++)
        for (int shift = 0; shift < 24; shift += 8)
          if (ABS ((int) ((ra[x] >> shift) & 0xff) - (int) ((rb[x] >> shift) & 0xff)) > 64)
            {
              differing++;
              break;
            }
    }
  return (double) differing / ((double) w * h);
}

static void
assert_matches_reference (const char *pdf,
                          const char *reference_name)
{
  g_autofree char *reference = g_test_build_filename (G_TEST_DIST, "letter", "reference",
                                                      reference_name, NULL);
  cairo_surface_t *page = rasterise (pdf, reference_name);
  cairo_surface_t *expected;
  double difference;

  if (g_getenv ("RANAH_UPDATE_REFERENCE") != NULL)
    {
      g_assert_cmpint (cairo_surface_write_to_png (page, reference), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("wrote %s", reference);
    }
  expected = cairo_image_surface_create_from_png (reference);
  g_assert_cmpint (cairo_surface_status (expected), ==, CAIRO_STATUS_SUCCESS);
  difference = image_difference (page, expected);
  g_test_message ("%s: %.4f%% of pixels differ", reference_name, difference * 100);
  /* Room for another FreeType's anti-aliasing, none for a moved line or a lost part. */
  g_assert_cmpfloat (difference, <, 0.004);
  cairo_surface_destroy (page);
  cairo_surface_destroy (expected);
}

static void
test_reference_image (void)
{
  g_autofree char *path = signed_letter_pdf ("A4", "reference.pdf");

  assert_matches_reference (path, "letter-a4-page1.png");
}

static void
test_reference_image_disposition (void)
{
  g_autoptr(GHashTable) profile = fixture_profile ("A4");
  g_autoptr(RanahRequest) request = fixture_request ();
  g_autoptr(GPtrArray) dispositions = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_disposition_free);
  RanahDisposition *d = ranah_disposition_new ();
  const char *instructions[] = { "tindaklanjuti", "koordinasikan", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  double w, h;
  const char *parts[] = {
    "PEMERINTAH KOTA TARAKAN", "LEMBAR DISPOSISI",
    "Surat dari : Dinas Kesehatan", "Diterima tanggal : 17 November 2026",
    "Nomor surat : 400.7/512/DINKES/2026", "Nomor agenda : 57/2026",
    "Tanggal surat : 16 November 2026", "Sifat : Biasa",
    "Hal : Permohonan Pembuatan Subdomain", "Subdomain : simrs.tarakankota.go.id",
    "DISPOSISI 1 (langkah 2)", "Dari : Dr. Hendra Kusuma (Kepala Dinas)",
    "Kepada : Andi Pratama, S.T. (Kepala Bidang)", "Sifat : Segera",
    "Untuk ditindaklanjuti", "Catatan : Mohon segera diproses sesuai SOP.",
    NULL,
  };

  d->step = 2;
  fx_set (&d->from_name, "Dr. Hendra Kusuma");
  d->from_role = RANAH_ROLE_KADIS;
  fx_set (&d->to_name, "Andi Pratama, S.T.");
  d->to_role = RANAH_ROLE_KABID;
  g_strfreev (d->instructions);
  d->instructions = g_strdupv ((char **) instructions);
  fx_set (&d->note, "Mohon segera diproses sesuai SOP.");
  d->urgency = RANAH_URGENCY_SEGERA;
  d->created_at = 1795580000;
  d->due_at = 1795666400;
  g_ptr_array_add (dispositions, d);

  pdf = ranah_disposition_sheet_pdf (profile, request, dispositions, &error);
  g_assert_no_error (error);
  path = util_write (tmp_dir, "disposition.pdf", pdf);

  util_page_size (path, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 419.528, 0.01);   /* A5 */
  g_assert_cmpfloat_with_epsilon (h, 595.276, 0.01);
  text = util_text (path);
  util_assert_in_order (text, parts);
  assert_matches_reference (path, "disposition-a5-page1.png");
}

static void
test_disposition_half_folio (void)
{
  g_autoptr(GHashTable) profile = fixture_profile ("F4");
  g_autoptr(RanahRequest) request = fixture_request ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = ranah_disposition_sheet_pdf (profile, request, NULL, &error);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  double w, h;

  g_assert_no_error (error);
  path = util_write (tmp_dir, "disposition-f4.pdf", pdf);
  util_page_size (path, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 467.717, 0.01);   /* 165 × 215 mm */
  g_assert_cmpfloat_with_epsilon (h, 609.449, 0.01);
  /* No disposition yet: a blank form to fill in by hand, every instruction offered. */
  text = util_text (path);
  {
    const char *parts[] = { "LEMBAR DISPOSISI", "DISPOSISI", "Kepada :", "Untuk ditindaklanjuti",
                            "Catatan", NULL };
    util_assert_in_order (text, parts);
  }
}

/* Grey pixels of the "KONSEP" mark in the middle of the page. */
static guint
watermark_pixels (RanahLetterLayout *layout)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 849);
  cairo_t *cr = cairo_create (surface);
  guint grey = 0;

  ranah_letter_layout_draw_page (layout, cr, 0, 600 / ranah_letter_layout_get_page_width (layout));
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  for (int y = 0; y < 849; y++)
    for (int x = 0; x < 600; x++)
      {
        guint32 pixel = ((guint32 *) (cairo_image_surface_get_data (surface)
                                      + y * cairo_image_surface_get_stride (surface)))[x];
        guint r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

        grey += r == g && g == b && r >= 222 && r <= 227;
      }
  cairo_surface_destroy (surface);
  return grey;
}

static void
test_draft (void)
{
  g_autoptr(GHashTable) profile = fixture_profile ("A4");
  g_autoptr(RanahRequest) request = fixture_request ();
  g_autoptr(RanahEntry) entry = fixture_entry (request);
  g_autoptr(RanahLetter) draft = fixture_letter (NULL);
  g_autoptr(RanahLetter) signed_letter = fixture_letter (NUMBER);
  g_autoptr(RanahLetterLayout) draft_layout = NULL;
  g_autoptr(RanahLetterLayout) signed_layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  const char *info_argv[] = { "pdfinfo", NULL, NULL };
  g_autofree char *info = NULL;

  pdf = ranah_letter_render_pdf (profile, request, entry, draft, &error);
  g_assert_no_error (error);
  path = util_write (tmp_dir, "draft.pdf", pdf);
  text = util_text (path);
  /* A draft has no number, no date, no QR code and no verification code. */
  g_assert_nonnull (strstr (text, "Nomor : (konsep, belum bernomor)"));
  g_assert_null (strstr (text, "0123"));
  g_assert_null (strstr (text, "Ditandatangani secara elektronik"));
  g_assert_null (strstr (text, "27 November 2026"));
  info_argv[1] = path;
  info = util_run (info_argv);
  g_assert_null (strstr (info, "RANAH|"));

  draft_layout = ranah_letter_layout_new (profile, request, NULL, entry, draft, &error);
  g_assert_no_error (error);
  signed_layout = ranah_letter_layout_new (profile, request, NULL, entry, signed_letter, &error);
  g_assert_no_error (error);
  /* Text edges give some grey anywhere; the mark adds a large field of its one tone. */
  g_assert_cmpuint (watermark_pixels (draft_layout), >, watermark_pixels (signed_layout) + 3000);
}

static void
test_qr_payload (void)
{
  g_autoptr(RanahLetter) letter = fixture_letter (NUMBER);
  g_autofree char *payload = ranah_letter_qr_payload (letter);
  g_autofree char *path = signed_letter_pdf ("A4", "qr.pdf");
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = util_run (argv);

  /* Number, verification code, and the head of the request's audit chain before the
   * signing: its place and whole hash. */
  g_assert_cmpstr (payload, ==, "RANAH|" NUMBER "|7K3Q-M9XD-2PWA|11|3f9a1b2c5d6e7f8091a2b3c4d5e6"
                                "f708192a3b4c5d6e7f8091a2b3c40d4ec21b");
  /* The same text rides in the PDF's keywords, so verify can name an altered copy. */
  g_assert_nonnull (strstr (info, payload));
}

static void
test_qr_decodes (void)
{
  g_autoptr(GHashTable) profile = fixture_profile ("A4");
  g_autoptr(RanahRequest) request = fixture_request ();
  g_autoptr(RanahLetter) letter = fixture_letter (NUMBER);
  g_autoptr(RanahLetterLayout) layout = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *zbarimg = g_find_program_in_path ("zbarimg");
  g_autofree char *path = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *png = NULL;
  g_autofree char *page_text = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *payload = ranah_letter_qr_payload (letter);
  guint page = 0;

  if (zbarimg == NULL)
    {
      g_test_skip ("zbarimg (zbar-tools) is not installed");
      return;
    }
  layout = ranah_letter_layout_new (profile, request, NULL, NULL, letter, &error);
  g_assert_no_error (error);
  while (!ranah_letter_layout_get_signature_area (layout, page, NULL, NULL, NULL, NULL))
    page++;
  pdf = ranah_letter_layout_to_pdf (layout, &error);
  g_assert_no_error (error);
  path = util_write (tmp_dir, "qr-scan.pdf", pdf);
  prefix = g_build_filename (tmp_dir, "qr-scan", NULL);
  png = g_strconcat (prefix, ".png", NULL);
  page_text = g_strdup_printf ("%u", page + 1);
  {
    /* Printed and scanned at 150 dpi, as a reader would hold a phone over it. */
    const char *render[] = { "pdftoppm", "-r", "150", "-f", page_text, "-l", page_text,
                             "-singlefile", "-png", path, prefix, NULL };
    const char *scan[] = { "zbarimg", "-q", "--raw", png, NULL };
    g_autofree char *ignored G_GNUC_UNUSED = util_run (render);

    decoded = util_run (scan);
  }
  g_assert_cmpstr (g_strstrip (decoded), ==, payload);
}

static void
test_refusal (void)
{
  g_autoptr(GHashTable) profile = fixture_profile ("A4");
  g_autoptr(RanahRequest) request = fixture_request ();
  g_autoptr(RanahLetter) letter = fixture_letter ("000.5.2/0124/DKISP/2026");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  const char *parts[] = {
    "Nomor : 000.5.2/0124/DKISP/2026",
    "permohonan pembuatan subdomain simrs.tarakankota.go.id belum dapat kami setujui",
    "Nama subdomain yang dimohonkan sama dengan nama layanan",
    "1. Undang-Undang Nomor 11 Tahun 2008",
    "Demikian disampaikan", "Pembina Utama Muda (IV/c)",
    NULL,
  };

  letter->kind = RANAH_OUTCOME_REFUSED;
  fx_set (&request->note, "Nama subdomain yang dimohonkan sama dengan nama layanan yang telah "
                          "digunakan oleh perangkat daerah lain.");
  pdf = ranah_letter_render_pdf (profile, request, NULL, letter, &error);
  g_assert_no_error (error);
  path = util_write (tmp_dir, "refusal.pdf", pdf);
  text = util_text (path);
  util_assert_in_order (text, parts);
  g_assert_null (strstr (text, "berkewajiban"));
  g_assert_null (strstr (text, "103.156.110.21"));
}

/* An internationalised name is named in both its forms, the one DNS serves first; the table
 * of records keeps the DNS form. */
static void
test_idn_both_forms (void)
{
  g_autoptr(GHashTable) profile = fixture_profile ("A4");
  g_autoptr(RanahRequest) request = fixture_request ();
  g_autoptr(RanahEntry) entry = NULL;
  g_autoptr(RanahLetter) letter = fixture_letter (NUMBER);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  const char *parts[] = {
    "subdomain xn--bcher-kva.tarakankota.go.id (b\u00fccher.tarakankota.go.id) telah aktif "
    "sejak tanggal 23 November 2026",
    "1. xn--bcher-kva.tarakankota.go.id A 103.156.110.21",
    NULL,
  };

  fx_set (&request->name, "xn--bcher-kva");
  fx_set (&request->fqdn, "xn--bcher-kva.tarakankota.go.id");
  entry = fixture_entry (request);
  pdf = ranah_letter_render_pdf (profile, request, entry, letter, &error);
  g_assert_no_error (error);
  path = util_write (tmp_dir, "idn.pdf", pdf);
  text = util_text (path);
  util_assert_in_order (text, parts);
}

static void
test_template_from_profile (void)
{
  g_autoptr(GHashTable) profile = fixture_profile ("A4");
  g_autoptr(RanahRequest) request = fixture_request ();
  g_autoptr(RanahEntry) entry = fixture_entry (request);
  g_autoptr(RanahLetter) letter = fixture_letter (NUMBER);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  /* Regulations change: the agency edits the legal basis and the template. */
  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_LEGAL_BASIS),
                       g_strdup ("Peraturan Wali Kota Tarakan Nomor 12 Tahun 2026\n"
                                 "Peraturan Presiden Nomor 95 Tahun 2018"));
  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_TEMPLATE_APPROVAL),
                       g_strdup ("Subdomain {fqdn} untuk {opd} aktif sejak {tanggal_aktif}: "
                                 "{rekaman}.\nDasar:\n{dasar_hukum}"));
  pdf = ranah_letter_render_pdf (profile, request, entry, letter, &error);
  g_assert_no_error (error);
  path = util_write (tmp_dir, "template.pdf", pdf);
  text = util_text (path);
  {
    const char *parts[] = {
      "Subdomain simrs.tarakankota.go.id untuk Dinas Kesehatan aktif sejak 23 November 2026: "
      "simrs.tarakankota.go.id A 103.156.110.21; www.simrs.tarakankota.go.id CNAME "
      "simrs.tarakankota.go.id..",
      "1. Peraturan Wali Kota Tarakan Nomor 12 Tahun 2026",
      "2. Peraturan Presiden Nomor 95 Tahun 2018",
      NULL,
    };
    util_assert_in_order (text, parts);
  }
  g_assert_null (strstr (text, "Nomor 82 Tahun 2012"));

  /* An unknown placeholder stops the letter rather than print it. */
  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_TEMPLATE_APPROVAL),
                       g_strdup ("Subdomain {fqdm} telah aktif."));
  g_clear_pointer (&pdf, g_bytes_unref);
  pdf = ranah_letter_render_pdf (profile, request, entry, letter, &error);
  g_assert_error (error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "{fqdm}"));
  g_assert_null (pdf);
  g_assert_cmpint (ranah_failure_classify (error), ==, RANAH_FAILURE_VALIDATION);
}

static void
test_check_template (void)
{
  g_autoptr(GHashTable) defaults = ranah_profile_default ();
  g_autoptr(GError) error = NULL;

  g_assert_true (ranah_letter_check_template (g_hash_table_lookup (defaults,
                                                                   RANAH_PROFILE_TEMPLATE_APPROVAL),
                                              &error));
  g_assert_no_error (error);
  g_assert_true (ranah_letter_check_template (g_hash_table_lookup (defaults,
                                                                   RANAH_PROFILE_TEMPLATE_REFUSAL),
                                              &error));
  g_assert_no_error (error);
  g_assert_false (ranah_letter_check_template ("Nomor {nomor_surat", &error));
  g_assert_error (error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ranah_letter_check_template ("Nomor nomor_surat}", &error));
  g_assert_error (error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ranah_letter_check_template ("{tanggal}", &error));
  g_assert_error (error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_INVALID);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static char *
red_disc_png_base64 (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 64, 64);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();

  cairo_arc (cr, 32, 32, 30, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 0.8, 0.1, 0.1);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_destroy (surface);
  return g_base64_encode (bytes->data, bytes->len);
}

static guint
red_pixels (RanahLetterLayout *layout)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 424);
  cairo_t *cr = cairo_create (surface);
  guint red = 0;

  ranah_letter_layout_draw_page (layout, cr, 0, 300 / ranah_letter_layout_get_page_width (layout));
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  for (int y = 0; y < 424; y++)
    for (int x = 0; x < 300; x++)
      {
        guint32 pixel = ((guint32 *) (cairo_image_surface_get_data (surface)
                                      + y * cairo_image_surface_get_stride (surface)))[x];
        red += ((pixel >> 16) & 0xff) > 150 && ((pixel >> 8) & 0xff) < 80 && (pixel & 0xff) < 80;
      }
  cairo_surface_destroy (surface);
  return red;
}

static void
test_logo (void)
{
  g_autoptr(GHashTable) profile = fixture_profile ("A4");
  g_autoptr(RanahRequest) request = fixture_request ();
  g_autoptr(RanahLetter) letter = fixture_letter (NUMBER);
  g_autoptr(RanahLetterLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *png = red_disc_png_base64 ();
  /* The whole document: a logo is checked as XML whose root is <svg>. */
  const char *svg_text = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
  g_autofree char *svg = g_base64_encode ((const guchar *) svg_text, strlen (svg_text));

  /* The placeholder has no red; the profile's PNG is drawn in its place. */
  layout = ranah_letter_layout_new (profile, request, NULL, NULL, letter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (red_pixels (layout), ==, 0);
  g_clear_object (&layout);

  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_LOGO), g_strdup (png));
  g_assert_true (ranah_letter_check_logo (png, &error));
  layout = ranah_letter_layout_new (profile, request, NULL, NULL, letter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (red_pixels (layout), >, 100);
  g_clear_object (&layout);

  /* SVG needs a renderer this build does not have: the placeholder stands in. */
  g_assert_true (ranah_letter_check_logo (svg, &error));
  g_hash_table_insert (profile, g_strdup (RANAH_PROFILE_LOGO), g_strdup (svg));
  layout = ranah_letter_layout_new (profile, request, NULL, NULL, letter, &error);
  g_assert_no_error (error);
  g_clear_object (&layout);

  g_assert_false (ranah_letter_check_logo ("bm90IGFuIGltYWdl", &error));
  g_assert_error (error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_INVALID);
}

static void
test_reproducible (void)
{
  g_autoptr(GHashTable) profile = fixture_profile ("A4");
  g_autoptr(RanahRequest) request = fixture_request ();
  g_autoptr(RanahEntry) entry = fixture_entry (request);
  g_autoptr(RanahLetter) letter = fixture_letter (NUMBER);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = ranah_letter_render_pdf (profile, request, entry, letter, &error);
  g_autoptr(GBytes) second = NULL;

  g_assert_no_error (error);
  second = ranah_letter_render_pdf (profile, request, entry, letter, &error);
  g_assert_no_error (error);
  /* A signed letter's PDF depends only on its content (its creation date is the signing
   * time): rendering it again from the same records gives the same bytes and SHA-256. */
  g_assert_true (g_bytes_equal (first, second));
}

static void
test_same_drawing_any_scale (void)
{
  g_autoptr(GHashTable) profile = fixture_profile ("A4");
  g_autoptr(RanahRequest) request = fixture_request ();
  g_autoptr(RanahLetter) letter = fixture_letter (NUMBER);
  g_autoptr(RanahLetterLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  guint pages;

  layout = ranah_letter_layout_new (profile, request, NULL, NULL, letter, &error);
  g_assert_no_error (error);
  pages = ranah_letter_layout_get_n_pages (layout);
  g_assert_cmpuint (pages, >=, 1);
  g_assert_cmpstr (ranah_letter_layout_get_paper_name (layout), ==, "A4");

  /* A preview at any zoom draws every page without changing the pagination. */
  for (double scale = 0.25; scale <= 2.0; scale *= 2)
    for (guint page = 0; page < pages; page++)
      {
        cairo_surface_t *surface =
          cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                      (int) ceil (ranah_letter_layout_get_page_width (layout) * scale),
                                      (int) ceil (ranah_letter_layout_get_page_height (layout) * scale));
        cairo_t *cr = cairo_create (surface);

        ranah_letter_layout_draw_page (layout, cr, page, scale);
        g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
        cairo_destroy (cr);
        cairo_surface_destroy (surface);
      }
  g_assert_cmpuint (ranah_letter_layout_get_n_pages (layout), ==, pages);
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
  tmp_dir = g_dir_make_tmp ("ranah-letter-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/ranah/letter/surat/parts-in-order", test_parts_in_order);
  g_test_add_func ("/ranah/letter/surat/page-size-a4", test_page_size_a4);
  g_test_add_func ("/ranah/letter/surat/page-size-f4", test_page_size_f4);
  g_test_add_func ("/ranah/letter/surat/fonts-embedded", test_fonts_embedded);
  g_test_add_func ("/ranah/letter/surat/profile-font", test_profile_font);
  g_test_add_func ("/ranah/letter/surat/reference-image", test_reference_image);
  g_test_add_func ("/ranah/letter/surat/draft", test_draft);
  g_test_add_func ("/ranah/letter/surat/qr-payload", test_qr_payload);
  g_test_add_func ("/ranah/letter/surat/qr-decodes", test_qr_decodes);
  g_test_add_func ("/ranah/letter/surat/refusal", test_refusal);
  g_test_add_func ("/ranah/letter/surat/template-from-profile", test_template_from_profile);
  g_test_add_func ("/ranah/letter/surat/idn-both-forms", test_idn_both_forms);
  g_test_add_func ("/ranah/letter/surat/check-template", test_check_template);
  g_test_add_func ("/ranah/letter/surat/logo", test_logo);
  g_test_add_func ("/ranah/letter/surat/reproducible", test_reproducible);
  g_test_add_func ("/ranah/letter/surat/same-drawing-any-scale", test_same_drawing_any_scale);
  g_test_add_func ("/ranah/letter/disposition/reference-image", test_reference_image_disposition);
  g_test_add_func ("/ranah/letter/disposition/half-folio", test_disposition_half_folio);

  status = g_test_run ();
  remove_tmp_dir ();
  g_free (tmp_dir);
  return status;
}
