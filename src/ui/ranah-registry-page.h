/* ranah-registry-page.h — Daftar Subdomain: every subdomain, sortable and filtered
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ranah-store.h"

G_BEGIN_DECLS

#define RANAH_TYPE_REGISTRY_PAGE (ranah_registry_page_get_type ())
G_DECLARE_FINAL_TYPE (RanahRegistryPage, ranah_registry_page, RANAH, REGISTRY_PAGE, GtkWidget)

void        ranah_registry_page_set_store    (RanahRegistryPage *self,
                                              RanahStore        *store);
void        ranah_registry_page_reload       (RanahRegistryPage *self);
void        ranah_registry_page_focus_search (RanahRegistryPage *self);
/* As typed or chosen: @text "" = any, @opd_code NULL = any, @status -1 = any. */
void        ranah_registry_page_set_filter   (RanahRegistryPage *self,
                                              const char        *text,
                                              const char        *opd_code,
                                              int                status);
/* Shows only the entries whose last DNS check failed (the status filter's "Failing
 * checks"), or lifts that filter. */
void        ranah_registry_page_set_failing_only (RanahRegistryPage *self,
                                                  gboolean           failing_only);
/* How many loaded entries failed their last DNS check (the line above the list). */
guint       ranah_registry_page_get_n_failing (RanahRegistryPage *self);
/* The rows shown, in order, after filters and sorting (RanahEntryObject). */
GListModel *ranah_registry_page_get_shown    (RanahRegistryPage *self);
/* Whether an incremental filter is still running. */
gboolean    ranah_registry_page_is_filtering (RanahRegistryPage *self);
/* Sorts by the column with this id ("name", "opd", "target", "status", "activated",
 * "checked"), as clicking its header would. */
void        ranah_registry_page_sort_by      (RanahRegistryPage *self,
                                              const char        *column,
                                              gboolean           descending);
/* The CSV an export of the shown rows writes. */
char       *ranah_registry_page_dup_csv      (RanahRegistryPage *self);

G_END_DECLS
