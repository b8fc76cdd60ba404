/* ranah-entry-object.c — a RanahEntry as a GObject, for list models
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The registry view holds 100,000 of these: keep them small, and build the search text
 * once so that a filter keystroke is a substring test per row.
 *
 * A stand-in has no entry of its own: it shows another object's, and the list that owns it
 * changes which. The registry's filtered list is made of stand-ins, one per position, so
 * that a filter change keeps GTK's row widgets (rebinding their text) instead of GTK
 * destroying and building every visible row.
 */
#include "ranah-entry-object.h"

struct _RanahEntryObject
{
  GObject     parent_instance;
  RanahEntry *entry;
  char       *haystack;
  RanahEntryObject *shown;  /* a stand-in's current object, a reference */
};

G_DEFINE_FINAL_TYPE (RanahEntryObject, ranah_entry_object, G_TYPE_OBJECT)

static void
ranah_entry_object_finalize (GObject *object)
{
  RanahEntryObject *self = RANAH_ENTRY_OBJECT (object);

  g_clear_pointer (&self->entry, ranah_entry_free);
  g_clear_pointer (&self->haystack, g_free);
  g_clear_object (&self->shown);

  G_OBJECT_CLASS (ranah_entry_object_parent_class)->finalize (object);
}

static void
ranah_entry_object_class_init (RanahEntryObjectClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ranah_entry_object_finalize;
}

static void
ranah_entry_object_init (RanahEntryObject *self)
{
}

RanahEntryObject *
ranah_entry_object_new (RanahEntry *entry)
{
  RanahEntryObject *self;
  GString *text;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (RANAH_TYPE_ENTRY_OBJECT, NULL);
  self->entry = entry;
  text = g_string_new (entry->fqdn ? entry->fqdn : entry->name);
  /* "bücher" finds xn--bcher-kva: the search sees the name as it is shown. */
  if (text->str != NULL && strstr (text->str, "xn--") != NULL)
    {
      g_autofree char *shown = ranah_name_display (text->str);
      g_string_assign (text, shown);
    }
  g_string_append_c (text, '\n');
  if (entry->opd_name != NULL)
    g_string_append (text, entry->opd_name);
  g_string_append_c (text, '\n');
  if (entry->purpose != NULL)
    g_string_append (text, entry->purpose);
  for (guint i = 0; entry->records != NULL && i < entry->records->len; i++)
    {
      RanahRecord *record = g_ptr_array_index (entry->records, i);
      g_string_append_c (text, '\n');
      g_string_append (text, record->target);
    }
  self->haystack = g_utf8_casefold (text->str, text->len);
  g_string_free (text, TRUE);
  return self;
}

RanahEntryObject *
ranah_entry_object_new_stand_in (RanahEntryObject *shown)
{
  RanahEntryObject *self = g_object_new (RANAH_TYPE_ENTRY_OBJECT, NULL);

  ranah_entry_object_set_shown (self, shown);
  return self;
}

void
ranah_entry_object_set_shown (RanahEntryObject *self,
                              RanahEntryObject *shown)
{
  g_return_if_fail (RANAH_IS_ENTRY_OBJECT (self));
  g_return_if_fail (self->entry == NULL);
  g_return_if_fail (RANAH_IS_ENTRY_OBJECT (shown) && shown->shown == NULL);

  g_set_object (&self->shown, shown);
}

/* The object whose entry @self shows: itself, or for a stand-in the one it stands for. */
static inline RanahEntryObject *
real (RanahEntryObject *self)
{
  return self->shown != NULL ? self->shown : self;
}

const RanahEntry *
ranah_entry_object_get_entry (RanahEntryObject *self)
{
  g_return_val_if_fail (RANAH_IS_ENTRY_OBJECT (self), NULL);
  return real (self)->entry;
}

const char *
ranah_entry_object_get_haystack (RanahEntryObject *self)
{
  g_return_val_if_fail (RANAH_IS_ENTRY_OBJECT (self), NULL);
  return real (self)->haystack;
}

gboolean
ranah_entry_object_is_failing (RanahEntryObject *self)
{
  const RanahEntry *entry;

  g_return_val_if_fail (RANAH_IS_ENTRY_OBJECT (self), FALSE);
  entry = real (self)->entry;
  return entry->last_check_at != 0 && !entry->last_check_ok;
}
