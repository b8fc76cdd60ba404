/* ranah-letter-check.h — what a Surat Tanggapan still lacks before it may be signed
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one rule, used by the draft preview, `ranah-cli letter pdf` of a draft and both
 * stores' signing (SQLite in the move's transaction; PostgreSQL before the move, and the
 * server again in the 'sign' branch of ranah.move, which ports it). A letter is signed
 * only when everything it prints is filled in:
 *   - the signer's own account (RanahUser): full name, position (jabatan), NIP (18 digits)
 *     and rank (pangkat);
 *   - the profile's kop lines: government, agency, address; the city of the date line;
 *   - the letter-number template, and what it names: the classification code for
 *     {klasifikasi}, the agency's short name for {unit}.
 * A value counts as missing when it is empty or only white space; a NIP also when it is not
 * 18 digits.
 */
#pragma once

#include <glib.h>

#include "ranah-model.h"

G_BEGIN_DECLS

/* The names of what is missing (translated, "the signer’s NIP"), in the order above;
 * an empty array when nothing is. A NULL @signer (nobody known yet) lacks all four of
 * its fields. Keys missing from @profile take ranah_profile_default ()'s value. */
GPtrArray *ranah_letter_missing_fields (GHashTable      *profile,
                                        const RanahUser *signer);
/* TRUE when nothing is missing; else FALSE with a RANAH_CORE_ERROR_INCOMPLETE whose message
 * names every missing field in one sentence: "This letter cannot be signed yet: the
 * signer’s NIP and the signer’s rank are not filled in." */
gboolean   ranah_letter_check_complete (GHashTable      *profile,
                                        const RanahUser *signer,
                                        GError         **error);

G_END_DECLS
