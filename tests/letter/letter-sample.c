/* letter-sample.c — writes the sample letters and disposition sheets the tests check and
 * reviewers look at: letter-sample OUTDIR
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>

#include "letter-fixture.h"

/* Takes @pdf. */
static void
write_pdf (const char *dir,
           const char *name,
           GBytes     *pdf)
{
  g_autoptr(GBytes) owned G_GNUC_UNUSED = pdf;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (pdf == NULL
      || !g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                               &error))
    g_error ("%s: %s", path, error != NULL ? error->message : "not rendered");
  g_print ("%s\n", path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GHashTable) a4 = fixture_profile ("A4");
  g_autoptr(GHashTable) f4 = fixture_profile ("F4");
  g_autoptr(RanahRequest) request = fixture_request ();
  g_autoptr(RanahEntry) entry = fixture_entry (request);
  g_autoptr(RanahOpd) opd = fixture_opd ();
  g_autoptr(RanahLetter) signed_letter = fixture_letter ("000.5.2/0123/DKISP/2026");
  g_autoptr(RanahLetter) draft = fixture_letter (NULL);
  g_autoptr(RanahLetter) refusal = fixture_letter ("000.5.2/0124/DKISP/2026");
  g_autoptr(RanahLetterLayout) layout = NULL;
  g_autoptr(GPtrArray) dispositions = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_disposition_free);
  g_autoptr(GError) error = NULL;
  const char *dir = argc > 1 ? argv[1] : ".";

  /* letter-sample --emblem FILE.png SIZE: the placeholder emblem as a PNG (data/letter/). */
  if (argc == 4 && g_str_equal (argv[1], "--emblem"))
    {
      int size = atoi (argv[3]);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
      cairo_t *cr = cairo_create (surface);

      ranah_letter_draw_placeholder_emblem (cr, 0, 0, size, size);
      cairo_destroy (cr);
      if (cairo_surface_write_to_png (surface, argv[2]) != CAIRO_STATUS_SUCCESS)
        g_error ("cannot write %s", argv[2]);
      cairo_surface_destroy (surface);
      return 0;
    }

  layout = ranah_letter_layout_new (a4, request, opd, entry, signed_letter, &error);
  g_assert_no_error (error);
  write_pdf (dir, "letter-a4.pdf", ranah_letter_layout_to_pdf (layout, &error));
  g_clear_object (&layout);

  layout = ranah_letter_layout_new (f4, request, opd, entry, signed_letter, &error);
  g_assert_no_error (error);
  write_pdf (dir, "letter-f4.pdf", ranah_letter_layout_to_pdf (layout, &error));
  g_clear_object (&layout);

  write_pdf (dir, "letter-draft.pdf", ranah_letter_render_pdf (a4, request, entry, draft, &error));

  refusal->kind = RANAH_OUTCOME_REFUSED;
  fx_set (&request->note, "Nama subdomain yang dimohonkan sama dengan nama layanan yang telah "
                            "digunakan oleh perangkat daerah lain.");
  write_pdf (dir, "letter-refusal.pdf", ranah_letter_render_pdf (a4, request, NULL, refusal, &error));

  {
    RanahDisposition *d = ranah_disposition_new ();
    const char *instr[] = { "tindaklanjuti", "koordinasikan", NULL };

    d->step = 2;
    fx_set (&d->from_name, "Dr. Hendra Kusuma");
    d->from_role = RANAH_ROLE_KADIS;
    fx_set (&d->to_name, "Andi Pratama, S.T.");
    d->to_role = RANAH_ROLE_KABID;
    g_strfreev (d->instructions);
    d->instructions = g_strdupv ((char **) instr);
    fx_set (&d->note, "Mohon segera diproses sesuai SOP.");
    d->urgency = RANAH_URGENCY_SEGERA;
    d->created_at = 1795580000;
    d->due_at = 1795666400;
    g_ptr_array_add (dispositions, d);
  }
  write_pdf (dir, "disposition-a5.pdf", ranah_disposition_sheet_pdf (a4, request, dispositions, &error));

  /* The whole chain Kadis → Kabid → Subkoor → Staf, the last with a long note. */
  for (guint step = 3; step <= 4; step++)
    {
      RanahDisposition *d = ranah_disposition_new ();
      const char *instr[] = { "proses", "laporkan", "siapkan-jawaban", NULL };

      d->step = step;
      fx_set (&d->from_name, step == 3 ? "Andi Pratama, S.T." : "Siti Rahmawati, S.Kom.");
      d->from_role = step == 3 ? RANAH_ROLE_KABID : RANAH_ROLE_SUBKOOR;
      fx_set (&d->to_name, step == 3 ? "Siti Rahmawati, S.Kom." : "Rudi Hartono");
      d->to_role = step == 3 ? RANAH_ROLE_SUBKOOR : RANAH_ROLE_STAF;
      g_strfreev (d->instructions);
      d->instructions = g_strdupv ((char **) instr);
      fx_set (&d->note, step == 3 ? "Koordinasikan dengan pengelola server DINKES."
                                  : "Buat rekaman A dan CNAME sesuai permohonan, periksa "
                                    "jawabannya di server otoritatif, lalu laporkan hasilnya "
                                    "beserta tangkapan layar konfigurasi dan hasil uji "
                                    "resolusi nama dari jaringan luar.");
      d->created_at = 1795580000 + step * 86400;
      g_ptr_array_add (dispositions, d);
    }
  write_pdf (dir, "disposition-chain-a5.pdf",
             ranah_disposition_sheet_pdf (a4, request, dispositions, &error));
  write_pdf (dir, "disposition-blank-f4.pdf", ranah_disposition_sheet_pdf (f4, request, NULL, &error));
  return 0;
}
