/* ranah-sign-in-window.h — choosing a store, signing in, and the first run
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ranah-application.h"

G_BEGIN_DECLS

#define RANAH_TYPE_SIGN_IN_WINDOW (ranah_sign_in_window_get_type ())
G_DECLARE_FINAL_TYPE (RanahSignInWindow, ranah_sign_in_window, RANAH, SIGN_IN_WINDOW,
                      AdwApplicationWindow)

RanahSignInWindow *ranah_sign_in_window_new        (RanahApplication  *application);
/* The store and user given (--store, --user) rather than the last ones; either may be NULL. */
RanahSignInWindow *ranah_sign_in_window_new_for    (RanahApplication  *application,
                                                    const char        *uri,
                                                    const char        *user);
void               ranah_sign_in_window_show_error (RanahSignInWindow *self,
                                                    const char        *message);
/* The visible page: "sign-in", "setup" or "busy". */
const char        *ranah_sign_in_window_get_page   (RanahSignInWindow *self);
/* Fill the form (tests and the demo button use these; a person types). */
void               ranah_sign_in_window_set_fields (RanahSignInWindow *self,
                                                    const char        *uri,
                                                    const char        *user,
                                                    const char        *password);

G_END_DECLS
