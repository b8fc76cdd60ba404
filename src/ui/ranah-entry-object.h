/* ranah-entry-object.h — a RanahEntry as a GObject, for list models
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ranah-core.h"

G_BEGIN_DECLS

#define RANAH_TYPE_ENTRY_OBJECT (ranah_entry_object_get_type ())
G_DECLARE_FINAL_TYPE (RanahEntryObject, ranah_entry_object, RANAH, ENTRY_OBJECT, GObject)

/* Takes ownership of @entry. */
RanahEntryObject *ranah_entry_object_new          (RanahEntry *entry);
/* A stand-in for @shown (itself no stand-in): it answers with @shown's entry until told
 * to show another. */
RanahEntryObject *ranah_entry_object_new_stand_in (RanahEntryObject *shown);
void             ranah_entry_object_set_shown    (RanahEntryObject *self,
                                                  RanahEntryObject *shown);
const RanahEntry *ranah_entry_object_get_entry  (RanahEntryObject *self);
/* Lowercase text that a search matches against. */
const char      *ranah_entry_object_get_haystack (RanahEntryObject *self);
/* Whether the entry's last DNS check ran and failed: a field read, cheap enough for
 * every row of a filter pass. */
gboolean         ranah_entry_object_is_failing   (RanahEntryObject *self);

G_END_DECLS
