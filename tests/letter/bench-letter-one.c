/* bench-letter-one.c — writes the fixture's draft Surat Tanggapan with the letter layer alone
 * and exits: bench-letter's smallest measured process
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-letter-one FILE
 *
 * A program of its own, not a mode of bench-letter: bench-letter makes stores, so it links
 * the store's libraries (libpq and its Kerberos, LDAP and TLS, libsodium, SQLite), and a
 * process started from it would load them all before writing a letter. This one links only
 * what the letter layer calls.
 */
#include "letter-fixture.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GHashTable) profile = fixture_profile ("A4");
  g_autoptr(RanahRequest) request = fixture_request ();
  g_autoptr(RanahEntry) entry = fixture_entry (request);
  g_autoptr(RanahOpd) opd = fixture_opd ();
  g_autoptr(RanahLetter) letter = fixture_letter (NULL);
  g_autoptr(RanahLetterLayout) layout = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    {
      g_printerr ("usage: bench-letter-one FILE\n");
      return 2;
    }
  /* As ranah-cli does before it writes a letter. */
  ranah_letter_fonts_use_snapshot ();
  if ((layout = ranah_letter_layout_new (profile, request, opd, entry, letter, &error)) == NULL
      || (pdf = ranah_letter_layout_to_pdf (layout, &error)) == NULL
      || !g_file_set_contents (argv[1], g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                               &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
