/* ranah-import-dialog.h — importing the agency's existing list: every row previewed with
 * its problems before anything is written
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ranah-store.h"

G_BEGIN_DECLS

#define RANAH_TYPE_IMPORT_DIALOG (ranah_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RanahImportDialog, ranah_import_dialog, RANAH, IMPORT_DIALOG, AdwWindow)

RanahImportDialog *ranah_import_dialog_new          (RanahStore        *store,
                                                     GFile             *file,
                                                     const char        *parent_domain);
guint              ranah_import_dialog_get_n_entries  (RanahImportDialog *self);
guint              ranah_import_dialog_get_n_problems (RanahImportDialog *self);
/* "Line N: reason" for each problem, as shown (a new array). */
GStrv              ranah_import_dialog_dup_problems   (RanahImportDialog *self);
gboolean           ranah_import_dialog_can_import     (RanahImportDialog *self);

G_END_DECLS
