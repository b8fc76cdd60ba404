/* ranah-settings-page.h — Pengaturan (admin): agency profile, users, OPDs, holidays,
 * reserved names
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ranah-store.h"

G_BEGIN_DECLS

#define RANAH_TYPE_SETTINGS_PAGE (ranah_settings_page_get_type ())
G_DECLARE_FINAL_TYPE (RanahSettingsPage, ranah_settings_page, RANAH, SETTINGS_PAGE, GtkWidget)

void ranah_settings_page_set_store (RanahSettingsPage *self,
                                    RanahStore        *store);
void ranah_settings_page_reload    (RanahSettingsPage *self);
/* The holiday import dialog for @file, as "Import…" opens it after the file chooser; the
 * page reloads once it has imported. Returns the dialog (owned by GTK). */
GtkWindow *ranah_settings_page_import_holidays (RanahSettingsPage *self,
                                                GFile             *file);
/* Sets the profile's logo from the PNG or SVG image @file (NULL: removes it), as the logo
 * row's file chooser does: read and checked at once, the page reloaded once it is saved, a
 * toast with the sentence when it is refused. */
void       ranah_settings_page_set_logo        (RanahSettingsPage *self,
                                                GFile             *file);

G_END_DECLS
