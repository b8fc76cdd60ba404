/* ranah-application.h — the Ranah desktop application
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ranah-inbox-page.h"

#include "ranah-store.h"

G_BEGIN_DECLS

#define RANAH_TYPE_APPLICATION (ranah_application_get_type ())
G_DECLARE_FINAL_TYPE (RanahApplication, ranah_application, RANAH, APPLICATION, AdwApplication)

RanahApplication *ranah_application_new          (void);
GSettings        *ranah_application_get_settings (RanahApplication *self);
/* Not 0 when --exit-when-drawn found no inbox to draw (the sign-in window would show). */
int               ranah_application_get_exit_status (RanahApplication *self);
RanahStore       *ranah_application_get_store    (RanahApplication *self);
/* After a successful sign-in: remembers the store and user, opens the main window. */
GtkWindow        *ranah_application_signed_in    (RanahApplication *self,
                                                  RanahStore       *store,
                                                  const char       *uri);
/* The same, with the user's inbox already read (taken; NULL to read it in the window). */
GtkWindow        *ranah_application_signed_in_with_inbox (RanahApplication *self,
                                                          RanahStore       *store,
                                                          const char       *uri,
                                                          RanahInboxLoad   *inbox);
/* Back to the sign-in window. */
void              ranah_application_sign_out     (RanahApplication *self);
/* Registers the bundled resources and styles; for tests that build windows without
 * running the application. */
void              ranah_ui_init                  (void);

G_END_DECLS
