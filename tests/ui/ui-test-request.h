/* ui-test-request.h — a complete request from Dinas Kesehatan, for the ui tests and benchmark
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ranah-core.h"

/* Every field step 1 requires, one A record to @target; the caller submits it. */
static inline RanahRequest *
ui_test_request_new (const char *name,
                     gint64      opd_id,
                     const char *letter_number,
                     const char *target)
{
  RanahRequest *request = ranah_request_new ();

#define UI_TEST_SET(field, value) (g_free (request->field), request->field = g_strdup (value))
  UI_TEST_SET (name, name);
  UI_TEST_SET (purpose, "Layanan");
  UI_TEST_SET (hal, "Permohonan Pembuatan Subdomain");
  UI_TEST_SET (letter_number, letter_number);
  UI_TEST_SET (letter_date, "2026-11-20");
  /* Empty: received the day it is entered, at its entry (the store's default), so that
   * step 2's clock starts at the submission. */
  UI_TEST_SET (received_date, "");
  UI_TEST_SET (contact_name, "Petugas");
  UI_TEST_SET (contact_phone, "0811-5500-123");
  UI_TEST_SET (contact_email, "ti@dinkes.tarakankota.go.id");
#undef UI_TEST_SET
  request->opd_id = opd_id;
  g_ptr_array_add (request->records, ranah_record_new (RANAH_RECORD_A, "", target));
  return request;
}
