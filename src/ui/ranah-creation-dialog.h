/* ranah-creation-dialog.h — step 5: the records to create, checked as typed, marked created
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ranah-core.h"

G_BEGIN_DECLS

#define RANAH_TYPE_CREATION_DIALOG (ranah_creation_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RanahCreationDialog, ranah_creation_dialog, RANAH, CREATION_DIALOG,
                      AdwWindow)

RanahCreationDialog *ranah_creation_dialog_new        (const RanahRequest  *request);
/* The records as edited, each marked created (RanahRecord*, a new array). */
GPtrArray           *ranah_creation_dialog_dup_records (RanahCreationDialog *self);
/* Edits record @index's target as typing would; returns whether it is valid now. */
gboolean             ranah_creation_dialog_set_target  (RanahCreationDialog *self,
                                                        guint                index,
                                                        const char          *target);
void                 ranah_creation_dialog_show_error  (RanahCreationDialog *self,
                                                        const char          *message);

G_END_DECLS
