/* ranah-demo.h — filling an empty store with sample data to look around
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ranah-store.h"

G_BEGIN_DECLS

#define RANAH_DEMO_PASSWORD "demo1234"
#define RANAH_DEMO_USERS "admin, kadis, kabid, subkoor, staf1, staf2, dinkes, disdik, dishub"

/* On an empty store: creates the admin account, sample OPDs, a user for every role and
 * requests in many states, by making the real moves as each user in turn (so the audit
 * trail and the timelines are genuine). @render signs letters at step 9; without it the
 * demo stops its requests before signing. Leaves the store signed in as admin.
 * Runs synchronously: call it from a worker thread. */
gboolean ranah_demo_seed      (RanahStore          *store,
                               GError             **error);
gboolean ranah_demo_seed_full (RanahStore          *store,
                               RanahSignRenderFunc  render,
                               gpointer             render_data,
                               GError             **error);
/* A small but real one-page PDF standing in for a scanned request letter. */
GBytes  *ranah_demo_letter_pdf (const char         *title);

G_END_DECLS
