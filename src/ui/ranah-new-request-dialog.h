/* ranah-new-request-dialog.h — step 1: entering a request, checked as it is typed
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ranah-store.h"

G_BEGIN_DECLS

#define RANAH_TYPE_NEW_REQUEST_DIALOG (ranah_new_request_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RanahNewRequestDialog, ranah_new_request_dialog, RANAH,
                      NEW_REQUEST_DIALOG, AdwWindow)

RanahNewRequestDialog *ranah_new_request_dialog_new (GtkWindow  *parent,
                                                     RanahStore *store);
/* Types into a field as a person would: "name", "target", "purpose", "hal",
 * "letter-number", "letter-date", "received-date", "classification", "contact-name",
 * "contact-phone", "contact-email". */
void        ranah_new_request_dialog_fill        (RanahNewRequestDialog *self,
                                                  const char            *field,
                                                  const char            *value);
/* For DKISP staff registering a paper letter: the OPD by code. */
gboolean    ranah_new_request_dialog_select_opd  (RanahNewRequestDialog *self,
                                                  const char            *code);
/* Loads the scanned letter as the file chooser or a drop would. */
void        ranah_new_request_dialog_load_letter (RanahNewRequestDialog *self,
                                                  GFile                 *file);
const char *ranah_new_request_dialog_get_name_status (RanahNewRequestDialog *self);
const char *ranah_new_request_dialog_get_error   (RanahNewRequestDialog *self);
/* Whether the name check says the name is valid and free. */
gboolean    ranah_new_request_dialog_get_name_ok (RanahNewRequestDialog *self);

G_END_DECLS
