/* ranah-disposition-dialog.h — disposing a request down the chain (steps 2–4)
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ranah-store.h"

G_BEGIN_DECLS

#define RANAH_TYPE_DISPOSITION_DIALOG (ranah_disposition_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RanahDispositionDialog, ranah_disposition_dialog, RANAH,
                      DISPOSITION_DIALOG, AdwWindow)

RanahDispositionDialog *ranah_disposition_dialog_new (RanahStore         *store,
                                                      const RanahRequest *request,
                                                      RanahAction         action);
RanahAction   ranah_disposition_dialog_get_action       (RanahDispositionDialog *self);
/* 0 until the candidates have loaded. */
gint64        ranah_disposition_dialog_get_recipient    (RanahDispositionDialog *self);
/* Selects the candidate @user_id; FALSE if they are not one. */
gboolean      ranah_disposition_dialog_set_recipient    (RanahDispositionDialog *self,
                                                         gint64                  user_id);
/* The candidates as shown, "Name — N open" (a new array). */
GStrv         ranah_disposition_dialog_dup_candidates   (RanahDispositionDialog *self);
GStrv         ranah_disposition_dialog_dup_instructions (RanahDispositionDialog *self);
void          ranah_disposition_dialog_set_instruction  (RanahDispositionDialog *self,
                                                         const char             *nick,
                                                         gboolean                checked);
char         *ranah_disposition_dialog_dup_note         (RanahDispositionDialog *self);
void          ranah_disposition_dialog_set_note         (RanahDispositionDialog *self,
                                                         const char             *note);
RanahUrgency  ranah_disposition_dialog_get_urgency      (RanahDispositionDialog *self);
/* The due time as entered (Unix seconds), 0 when left empty. */
gint64        ranah_disposition_dialog_get_due          (RanahDispositionDialog *self);
void          ranah_disposition_dialog_show_error       (RanahDispositionDialog *self,
                                                         const char             *message);

G_END_DECLS
