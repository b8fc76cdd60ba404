/* ranah-note-dialog.h — confirming a step, with a note (required for decline, return, withdraw)
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ranah-core.h"

G_BEGIN_DECLS

#define RANAH_TYPE_NOTE_DIALOG (ranah_note_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RanahNoteDialog, ranah_note_dialog, RANAH, NOTE_DIALOG, AdwWindow)

RanahNoteDialog *ranah_note_dialog_new        (const RanahRequest    *request,
                                               const RanahTransition *transition);
RanahAction      ranah_note_dialog_get_action (RanahNoteDialog       *self);
gboolean         ranah_note_dialog_get_note_required (RanahNoteDialog *self);
char            *ranah_note_dialog_dup_note   (RanahNoteDialog       *self);
void             ranah_note_dialog_set_note   (RanahNoteDialog       *self,
                                               const char            *note);
void             ranah_note_dialog_show_error (RanahNoteDialog       *self,
                                               const char            *message);

G_END_DECLS
