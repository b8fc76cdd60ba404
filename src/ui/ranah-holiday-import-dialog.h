/* ranah-holiday-import-dialog.h — importing a holiday calendar (.ics) or list (.csv): every
 * date shown, duplicates greyed, before anything is stored
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ranah-holiday-import.h"
#include "ranah-store.h"

G_BEGIN_DECLS

#define RANAH_TYPE_HOLIDAY_IMPORT_DIALOG (ranah_holiday_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RanahHolidayImportDialog, ranah_holiday_import_dialog, RANAH,
                      HOLIDAY_IMPORT_DIALOG, AdwWindow)

/* Reads @file and the store's holidays in a thread; "imported" is emitted once the new
 * dates are stored, just before the dialog closes. */
RanahHolidayImportDialog *ranah_holiday_import_dialog_new        (RanahStore *store,
                                                                   GFile      *file);
/* The file as read (NULL until then, or when it could not be read). */
const RanahHolidayImport *ranah_holiday_import_dialog_get_import (RanahHolidayImportDialog *self);
/* Reads the file again with yearly events in @first_year … @last_year (the spin buttons). */
void                      ranah_holiday_import_dialog_set_years  (RanahHolidayImportDialog *self,
                                                                   guint first_year,
                                                                   guint last_year);
gboolean                  ranah_holiday_import_dialog_can_import (RanahHolidayImportDialog *self);
/* The rows as shown: "date|name|note" each, note the cuti bersama and duplicate labels. */
GStrv                     ranah_holiday_import_dialog_dup_rows   (RanahHolidayImportDialog *self);

G_END_DECLS
