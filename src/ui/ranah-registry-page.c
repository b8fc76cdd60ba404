/* ranah-registry-page.c — Daftar Subdomain: every subdomain, sortable and filtered
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built for 100,000 entries: one GListStore of small row objects, sorted once per column
 * click (GtkSortListModel, incrementally); the sorted rows are copied into a plain array
 * and each filter change is one pass of strstr() over their precomputed, casefolded search
 * text. GtkFilterListModel (GTK 4.8) spent 15–160 ms of main loop per keystroke on 100,000
 * rows, most of it outside the filter function; this pass takes a few milliseconds. The
 * result is published through stand-ins (RanahShownList, below) so that GtkColumnView keeps
 * its row widgets and only the cells on screen are rebound. The cells are GtkInscriptions,
 * sized in characters, so that a rebind only redraws (cell_setup); the row widgets GTK drops
 * when the list shrinks are freed in idle time (collect_let_go).
 */
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ranah-dns-audit-dialog.h"
#include "ranah-entry-object.h"
#include "ranah-format.h"
#include "ranah-import-dialog.h"
#include "ranah-registry-page.h"
#include "ranah-task.h"
#include "ranah-window.h"

/* The rows shown: a GListModel whose items are stand-ins, one per position, for borrowed
 * row objects (the page's sorted snapshot owns them). A filter change points the
 * stand-ins at their new rows and announces only the change in length: GtkColumnView
 * (GTK 4.8) keeps its row widgets, and the page rebinds the visible cells. Announcing
 * every row as replaced made it destroy and build every visible row, 40-130 ms a
 * keystroke.
 *
 * A list that grows is published a part at a time: GTK 4.8 builds a row of seven widgets
 * for each new position up to the ~200 rows it keeps, ~0.2 ms a row, so deleting a key
 * that widened 100 rows to 1,000 blocked the main loop 19 ms before its frame. The
 * positions on screen come at once; the rest follow a batch per frame (grow_some). */
#define RANAH_TYPE_SHOWN_LIST (ranah_shown_list_get_type ())
G_DECLARE_FINAL_TYPE (RanahShownList, ranah_shown_list, RANAH, SHOWN_LIST, GObject)

struct _RanahRegistryPage
{
  GtkWidget           parent_instance;

  GtkSearchEntry     *search_entry;
  GtkDropDown        *opd_dropdown;
  GtkDropDown        *status_dropdown;
  GtkLabel           *count_label;
  GtkWidget          *failing_bar;
  GtkLabel           *failing_label;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  GtkColumnView      *column_view;

  RanahStore         *store;
  GListStore         *model;
  GtkSortListModel   *sorted;
  GPtrArray          *rows;        /* the sorted rows, refs */
  RanahShownList     *filtered;
  GHashTable         *bound;       /* GtkListItem → its GtkListItemFactory, cells bound now */
  GHashTable         *stale;       /* those of them off screen, not yet rebound */
  GHashTable         *fresh;       /* those GTK bound while the shown rows last changed */
  gboolean            replacing;
  GHashTable         *held;        /* GTK's row and cell widgets around our cells, a ref each */
  GPtrArray          *let_go;      /* those GTK has taken out of the list, freed in batches */
  guint               release_id;
  guint               grow_id;     /* the idle that announces the next batch of a grown list */
  GdkFrameClock      *grow_clock;  /* the clock whose after-paint schedules it */
  gulong              grow_handler;
  double              page_size;   /* the list's visible height when last seen */
  GPtrArray          *opds;
  char               *parent_domain;
  char               *needle;      /* casefolded */
  GPtrArray          *typed;       /* Typed: what each text typed since the drop-downs or the
                                    * rows last changed showed, each a prefix of the next */
  gint64              opd_id;
  int                 status;
  gboolean            failing_only;
  guint               n_failing;
  guint               generation;
  gboolean            filling;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (RanahRegistryPage, ranah_registry_page, GTK_TYPE_WIDGET)


struct _RanahShownList
{
  GObject    parent_instance;
  GPtrArray *items;     /* borrowed RanahEntryObject pointers: every row that passes */
  GPtrArray *owners;    /* the array of refs that keeps them alive */
  GPtrArray *stand_ins; /* by position; NULL until GTK asks for that position */
  guint      n_published; /* how many of items the list has announced */
};

static GType
ranah_shown_list_get_item_type (GListModel *list)
{
  return RANAH_TYPE_ENTRY_OBJECT;
}

static guint
ranah_shown_list_get_n_items (GListModel *list)
{
  return RANAH_SHOWN_LIST (list)->n_published;
}

static gpointer
ranah_shown_list_get_item (GListModel *list,
                           guint       position)
{
  RanahShownList *self = RANAH_SHOWN_LIST (list);

  if (position >= self->n_published)
    return NULL;
  if (position >= self->stand_ins->len)
    g_ptr_array_set_size (self->stand_ins, position + 1);
  if (self->stand_ins->pdata[position] == NULL)
    self->stand_ins->pdata[position] =
      ranah_entry_object_new_stand_in (g_ptr_array_index (self->items, position));
  return g_object_ref (self->stand_ins->pdata[position]);
}

static void
ranah_shown_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ranah_shown_list_get_item_type;
  iface->get_n_items = ranah_shown_list_get_n_items;
  iface->get_item = ranah_shown_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (RanahShownList, ranah_shown_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, ranah_shown_list_model_init))

static void
ranah_shown_list_finalize (GObject *object)
{
  RanahShownList *self = RANAH_SHOWN_LIST (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->owners, g_ptr_array_unref);
  g_clear_pointer (&self->stand_ins, g_ptr_array_unref);
  G_OBJECT_CLASS (ranah_shown_list_parent_class)->finalize (object);
}

static void
ranah_shown_list_class_init (RanahShownListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ranah_shown_list_finalize;
}

static void
clear_stand_in (gpointer stand_in)
{
  if (stand_in != NULL)
    g_object_unref (stand_in);
}

static void
ranah_shown_list_init (RanahShownList *self)
{
  self->items = g_ptr_array_new ();
  self->stand_ins = g_ptr_array_new_with_free_func (clear_stand_in);
}

/* Shows ITEMS (borrowed from OWNERS): at once as many as there were, or @at_once if more;
 * ranah_shown_list_publish() announces the rest. Returns FALSE, having emitted nothing,
 * when the rows shown stay the same; else the caller rebinds the visible cells. */
static gboolean
ranah_shown_list_replace (RanahShownList *self,
                          GPtrArray      *items,
                          GPtrArray      *owners,
                          guint           at_once)
{
  g_autoptr(GPtrArray) old = self->items;
  g_autoptr(GPtrArray) old_owners G_GNUC_UNUSED = self->owners;
  guint was = self->n_published;
  gboolean same = old->len == items->len
                  && (items->len == 0
                      || memcmp (old->pdata, items->pdata, items->len * sizeof (gpointer)) == 0);

  self->items = items;
  self->owners = owners ? g_ptr_array_ref (owners) : NULL;
  if (same)
    return FALSE;

  self->n_published = items->len <= was ? items->len : MIN (items->len, MAX (was, at_once));
  /* Stand-ins past the new end go (GTK may keep a reference a moment longer; it then still
   * shows its old row, kept alive by that reference). */
  if (self->stand_ins->len > self->n_published)
    g_ptr_array_set_size (self->stand_ins, self->n_published);
  for (guint i = 0; i < self->stand_ins->len; i++)
    if (self->stand_ins->pdata[i] != NULL)
      ranah_entry_object_set_shown (self->stand_ins->pdata[i], items->pdata[i]);
  if (self->n_published < was)
    g_list_model_items_changed (G_LIST_MODEL (self), self->n_published, was - self->n_published, 0);
  else if (self->n_published > was)
    g_list_model_items_changed (G_LIST_MODEL (self), was, 0, self->n_published - was);
  return TRUE;
}

/* Announces up to @n more of the rows; returns whether some are still to come. */
static gboolean
ranah_shown_list_publish (RanahShownList *self,
                          guint           n)
{
  guint was = self->n_published;

  self->n_published += MIN (n, self->items->len - was);
  if (self->n_published > was)
    g_list_model_items_changed (G_LIST_MODEL (self), was, 0, self->n_published - was);
  return self->n_published < self->items->len;
}

static gboolean
ranah_shown_list_is_complete (RanahShownList *self)
{
  return self->n_published == self->items->len;
}

static const char *
status_label (RanahEntryStatus status)
{
  switch (status)
    {
    case RANAH_ENTRY_ACTIVE:
      return _("Active");
    case RANAH_ENTRY_SUSPENDED:
      return _("Suspended");
    case RANAH_ENTRY_REVOKED:
      return _("Revoked");
    default:
      return "";
    }
}

/* The status drop-down: "Any status", the three statuses, then "Failing checks". */
#define STATUS_POS_FAILING ((guint) RANAH_ENTRY_REVOKED + 2)

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  RanahRegistryPage *self = user_data;
  RanahEntryObject *object = item;

  /* The entry only when a drop-down filters: typing tests only the search text. */
  if (self->opd_id != 0 || self->status >= 0)
    {
      const RanahEntry *entry = ranah_entry_object_get_entry (object);

      if (self->opd_id != 0 && entry->opd_id != self->opd_id)
        return FALSE;
      if (self->status >= 0 && (int) entry->status != self->status)
        return FALSE;
    }
  if (self->failing_only && !ranah_entry_object_is_failing (object))
    return FALSE;
  if (self->needle != NULL && strstr (ranah_entry_object_get_haystack (object), self->needle) == NULL)
    return FALSE;
  return TRUE;
}

/* A bound cell: its factory, and the row it sits in (GTK 4.8 keeps a cell in its row for
 * the cell's life), found once when it is bound rather than at every rebind. */
typedef struct
{
  GtkListItemFactory *factory;
  GtkWidget          *row;
} BoundCell;

static void bind_again (GtkListItem *item, BoundCell *bound);

/* Whether @bound's row is within the list's viewport (as last laid out). Rows are looked
 * up once per pass (@rows: row → GINT_TO_POINTER (1 + on screen)), not once per cell. */
static gboolean
cell_on_screen (RanahRegistryPage *self,
                BoundCell         *bound,
                GHashTable        *rows)
{
  graphene_rect_t bounds;
  gpointer known;
  gboolean on_screen;

  if (bound->row == NULL)
    return TRUE;
  if ((known = g_hash_table_lookup (rows, bound->row)) != NULL)
    return GPOINTER_TO_INT (known) - 1;
  on_screen = !gtk_widget_compute_bounds (bound->row, GTK_WIDGET (self->column_view), &bounds)
              || (bounds.origin.y + bounds.size.height >= 0
                  && bounds.origin.y <= gtk_widget_get_height (GTK_WIDGET (self->column_view)));
  g_hash_table_insert (rows, bound->row, GINT_TO_POINTER (1 + on_screen));
  return on_screen;
}

/* The cells show what their stand-ins show now: those on screen are bound again at once.
 * GtkColumnView keeps some 200 rows bound, most of them off screen; theirs wait until the
 * list scrolls or grows (rebind_stale_cells), which keeps a keystroke's frame to the
 * visible rows. Cells GTK bound while the list changed (rows it built or moved) already
 * show their rows. */
static void
rebind_visible_cells (RanahRegistryPage *self)
{
  g_autoptr(GHashTable) rows = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer item, bound;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &item, &bound))
    if (g_hash_table_contains (self->fresh, item))
      continue;
    else if (cell_on_screen (self, bound, rows))
      bind_again (item, bound);
    else
      g_hash_table_add (self->stale, item);
}

static void
rebind_stale_cells (RanahRegistryPage *self)
{
  GHashTableIter iter;
  gpointer item;

  if (g_hash_table_size (self->stale) == 0)
    return;
  g_hash_table_iter_init (&iter, self->stale);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      BoundCell *bound = g_hash_table_lookup (self->bound, item);

      if (bound != NULL)
        bind_again (item, bound);
      g_hash_table_iter_remove (&iter);
    }
}

/* "changed" also fires when the list's length changes, which shows no new row. */
static void
on_list_height_changed (GtkAdjustment     *vadjustment,
                        RanahRegistryPage *self)
{
  double page_size = gtk_adjustment_get_page_size (vadjustment);

  if (page_size != self->page_size)
    {
      self->page_size = page_size;
      rebind_stale_cells (self);
    }
}

/* GTK 4.8 destroys the row widgets past the end of a list that shrinks, inside the
 * items-changed emission: 1,000 rows narrowed to 100 took ~100 rows of 7 widgets each to
 * pieces, 10-14 ms in one frame. The page holds a reference on every row and cell widget
 * it has seen (track_bound); GTK still takes a removed row out of the list at once (it is
 * neither drawn nor reachable any more), but freeing it waits for idle time, a few rows
 * at a time. */
#define RELEASE_BATCH 35

static gboolean
release_some (gpointer user_data)
{
  RanahRegistryPage *self = user_data;
  guint n = MIN (self->let_go->len, RELEASE_BATCH);

  g_ptr_array_remove_range (self->let_go, self->let_go->len - n, n);
  if (self->let_go->len > 0)
    return G_SOURCE_CONTINUE;
  self->release_id = 0;
  return G_SOURCE_REMOVE;
}

static void
collect_let_go (RanahRegistryPage *self)
{
  GHashTableIter iter;
  gpointer widget;

  if (self->held == NULL)
    return;
  g_hash_table_iter_init (&iter, self->held);
  while (g_hash_table_iter_next (&iter, &widget, NULL))
    if (gtk_widget_get_parent (widget) == NULL)
      {
        g_hash_table_iter_steal (&iter);
        g_ptr_array_add (self->let_go, widget);
      }
  if (self->let_go->len > 0 && self->release_id == 0)
    self->release_id = g_idle_add_full (G_PRIORITY_LOW, release_some, self, NULL);
}

/* A grown list is announced GROW_BATCH rows a frame (GTK builds a row for each), and at once
 * past GROW_ALL_AFTER rows: GTK 4.8 keeps about 200 rows, and builds none for positions
 * beyond them. */
#define GROW_BATCH 32
#define GROW_ALL_AFTER 256

/* How many rows a keystroke shows at once: enough to fill the list's viewport (a row is
 * at least 16 px high). */
static guint
rows_at_once (RanahRegistryPage *self)
{
  return MAX (GROW_BATCH, (guint) (self->page_size / 16) + 2);
}

static void schedule_growth (RanahRegistryPage *self);
static void update_count (RanahRegistryPage *self);

static gboolean
grow_some (gpointer user_data)
{
  RanahRegistryPage *self = user_data;
  guint n = self->filtered->n_published < GROW_ALL_AFTER ? GROW_BATCH : G_MAXUINT;

  self->grow_id = 0;
  if (ranah_shown_list_publish (self->filtered, n))
    schedule_growth (self);
  return G_SOURCE_REMOVE;
}

static void
stop_growth (RanahRegistryPage *self)
{
  if (self->grow_clock != NULL)
    g_clear_signal_handler (&self->grow_handler, self->grow_clock);
  g_clear_object (&self->grow_clock);
  g_clear_handle_id (&self->grow_id, g_source_remove);
}

static void
grow_after_paint (GdkFrameClock     *clock,
                  RanahRegistryPage *self)
{
  stop_growth (self);
  self->grow_id = g_idle_add (grow_some, self);
}

/* The next batch of a grown list waits until a frame has been painted, so that the frame
 * which shows a keystroke's result comes first, and each batch's rows get a frame of
 * their own. A page off screen gets the whole list at once: no frame will come. */
static void
schedule_growth (RanahRegistryPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (ranah_shown_list_is_complete (self->filtered) || self->grow_id != 0
      || self->grow_handler != 0)
    return;
  if (clock == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      ranah_shown_list_publish (self->filtered, G_MAXUINT);
      return;
    }
  self->grow_clock = g_object_ref (clock);
  self->grow_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (grow_after_paint), self);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

/* A deleted key shows again what the shorter text showed before, without a pass over the
 * registry: the page keeps the result of each text on the way as the user types. */
typedef struct
{
  char      *needle;  /* casefolded; NULL: no text */
  GPtrArray *shown;   /* borrowed rows of self->rows */
} Typed;

#define TYPED_MAX 64

static void
typed_free (gpointer data)
{
  Typed *typed = data;

  g_free (typed->needle);
  g_ptr_array_unref (typed->shown);
  g_free (typed);
}

static const char *
typed_needle (RanahRegistryPage *self,
              guint              i)
{
  return ((Typed *) g_ptr_array_index (self->typed, i))->needle;
}

static gboolean
is_prefix (const char *prefix,
           const char *text)
{
  return prefix == NULL || (text != NULL && g_str_has_prefix (text, prefix));
}

/* Keeps only the results of texts @needle starts with; returns the result of @needle itself
 * when it is among them. */
static GPtrArray *
recall_typed (RanahRegistryPage *self,
              const char        *needle)
{
  guint keep = 0;

  while (keep < self->typed->len && is_prefix (typed_needle (self, keep), needle))
    keep++;
  g_ptr_array_set_size (self->typed, keep);
  if (keep > 0 && g_strcmp0 (typed_needle (self, keep - 1), needle) == 0)
    return ((Typed *) g_ptr_array_index (self->typed, keep - 1))->shown;
  return NULL;
}

static void
remember_typed (RanahRegistryPage *self,
                GPtrArray         *shown)
{
  Typed *typed = g_new (Typed, 1);

  if (self->typed->len > 0 && !is_prefix (typed_needle (self, self->typed->len - 1), self->needle))
    g_ptr_array_set_size (self->typed, 0);
  if (self->typed->len == TYPED_MAX)
    g_ptr_array_remove_index (self->typed, 0);
  typed->needle = g_strdup (self->needle);
  typed->shown = g_ptr_array_ref (shown);
  g_ptr_array_add (self->typed, typed);
}

static void show_rows (RanahRegistryPage *self, GPtrArray *shown);

/* Filters @candidates (all rows, or the rows shown when the filter only narrowed), which
 * are in the sort's order, and shows what passes. */
static void
refilter_from (RanahRegistryPage *self,
               GPtrArray         *candidates)
{
  GPtrArray *shown = g_ptr_array_sized_new (candidates->len);

  for (guint i = 0; i < candidates->len; i++)
    if (filter_func (g_ptr_array_index (candidates, i), self))
      g_ptr_array_add (shown, g_ptr_array_index (candidates, i));
  remember_typed (self, shown);
  show_rows (self, shown);
}

/* Shows @shown (taking it): rows of self->rows, in the sort's order. */
static void
show_rows (RanahRegistryPage *self,
           GPtrArray         *shown)
{
  gboolean changed;

  if (self->fresh != NULL)
    g_hash_table_remove_all (self->fresh);
  self->replacing = TRUE;
  changed = ranah_shown_list_replace (self->filtered, shown, self->rows, rows_at_once (self));
  self->replacing = FALSE;
  update_count (self);
  if (changed)
    {
      collect_let_go (self);
      rebind_visible_cells (self);
    }
  schedule_growth (self);
}

static void
refilter (RanahRegistryPage *self)
{
  refilter_from (self, self->rows);
}

/* The sort has moved, added or dropped rows: take a new snapshot of its order. */
static void
on_sorted_items_changed (RanahRegistryPage *self)
{
  GListModel *sorted = G_LIST_MODEL (self->sorted);
  guint n = g_list_model_get_n_items (sorted);

  /* What earlier texts showed points into the old snapshot. */
  g_ptr_array_set_size (self->typed, 0);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->rows, g_list_model_get_item (sorted, i));
  refilter (self);
}

static void
update_count (RanahRegistryPage *self)
{
  guint shown = self->filtered->items->len;
  guint all = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *text = NULL;

  if (self->count_label == NULL) /* a refilter while the page is disposed */
    return;
  text = g_strdup_printf (_("%u of %u"), shown, all);
  gtk_label_set_text (self->count_label, text);
}

static void
apply_filter (RanahRegistryPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *needle = *text ? g_utf8_casefold (text, -1) : NULL;
  guint opd_pos = gtk_drop_down_get_selected (self->opd_dropdown);
  guint status_pos = gtk_drop_down_get_selected (self->status_dropdown);
  gint64 opd_id = 0;
  gboolean failing_only = status_pos == STATUS_POS_FAILING;
  gboolean narrowing;
  GPtrArray *earlier;
  int status = status_pos == GTK_INVALID_LIST_POSITION || status_pos == 0 || failing_only
               ? -1 : (int) status_pos - 1;

  if (self->filling || self->typed == NULL)
    return;
  if (self->opds != NULL && opd_pos != GTK_INVALID_LIST_POSITION && opd_pos > 0
      && opd_pos <= self->opds->len)
    opd_id = ((RanahOpd *) g_ptr_array_index (self->opds, opd_pos - 1))->id;

  if (opd_id == self->opd_id && status == self->status && failing_only == self->failing_only
      && g_strcmp0 (needle, self->needle) == 0)
    return;
  if (opd_id != self->opd_id || status != self->status || failing_only != self->failing_only)
    g_ptr_array_set_size (self->typed, 0);
  /* A keystroke that only adds to the text can only narrow what is shown: only the rows
   * shown need the test, not the whole registry. */
  narrowing = opd_id == self->opd_id && status == self->status
              && failing_only == self->failing_only && self->needle != NULL && needle != NULL
              && strstr (needle, self->needle) != NULL;
  g_free (self->needle);
  self->needle = g_steal_pointer (&needle);
  self->opd_id = opd_id;
  self->status = status;
  self->failing_only = failing_only;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "registry.show-failing", !failing_only);
  if ((earlier = recall_typed (self, self->needle)) != NULL)
    show_rows (self, g_ptr_array_ref (earlier));
  else if (narrowing)
    {
      g_autoptr(GPtrArray) shown = g_ptr_array_ref (self->filtered->items);
      refilter_from (self, shown);
    }
  else
    refilter (self);
}

/* Cells */

typedef const char *(*CellText) (const RanahEntry *entry, char **owned);

static const char *
cell_name (const RanahEntry *entry, char **owned)
{
  const char *name = entry->fqdn && *entry->fqdn ? entry->fqdn : entry->name;

  /* An internationalised name in both its forms; every other name (nearly all) as it is,
   * without a copy per bind. */
  if (name != NULL && strstr (name, "xn--") != NULL)
    return *owned = ranah_name_display (name);
  return name;
}

static const char *
cell_opd (const RanahEntry *entry, char **owned)
{
  return entry->opd_name;
}

static const char *
cell_target (const RanahEntry *entry, char **owned)
{
  return *owned = ranah_format_records (entry->records);
}

static const char *
cell_status (const RanahEntry *entry, char **owned)
{
  return status_label (entry->status);
}

static const char *
cell_activated (const RanahEntry *entry, char **owned)
{
  return entry->activated_on;
}

static const char *
cell_checked (const RanahEntry *entry, char **owned)
{
  g_autofree char *when = NULL;

  if (entry->last_check_at == 0)
    return _("never");
  when = ranah_format_time (entry->last_check_at);
  return *owned = g_strdup_printf ("%s · %s", when, entry->last_check ? entry->last_check : "");
}

/* A cell cut short by its column shows its whole text as a tooltip. A GtkInscription does
 * not say whether it ellipsized, so the text is laid out here, once, while hovered. */
static gboolean
tooltip_when_cut_short (GtkWidget  *cell,
                        int         x,
                        int         y,
                        gboolean    keyboard,
                        GtkTooltip *tooltip,
                        gpointer    user_data)
{
  const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (cell));
  g_autoptr(PangoLayout) layout = NULL;
  int width;

  if (text == NULL || *text == '\0')
    return FALSE;
  layout = gtk_widget_create_pango_layout (cell, text);
  pango_layout_get_pixel_size (layout, &width, NULL);
  if (width <= gtk_widget_get_width (cell))
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Cells are GtkInscriptions: their size comes from a number of characters, not from their
 * text, so setting a row's text only redraws it. With GtkLabels every rebind resized the
 * cell, and GtkColumnView (GTK 4.8) then measured all ~1,200 bound cells again, laying out
 * each one's text with Pango: 15-25 ms of the frame after a keystroke. */
typedef struct
{
  guint min_chars;
  guint nat_chars;
} CellWidth;

/* A cell's widget outlives its row: GTK 4.8 destroys the rows past the end of a list that
 * shrinks and builds them again when it grows, so the factory keeps the widgets of rows
 * torn down (its "ranah-spare" list) and sets them up again. */
static void
cell_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  const CellWidth *width = user_data;
  GPtrArray *spare = g_object_get_data (G_OBJECT (factory), "ranah-spare");
  GtkWidget *cell;

  if (spare->len > 0)
    cell = g_ptr_array_steal_index_fast (spare, spare->len - 1);
  else
    {
      cell = g_object_ref_sink (gtk_inscription_new (NULL));
      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell),
                                         GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), width->min_chars);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), width->nat_chars);
      gtk_widget_set_has_tooltip (cell, TRUE);
      g_signal_connect (cell, "query-tooltip", G_CALLBACK (tooltip_when_cut_short), NULL);
    }
  g_object_set_data_full (G_OBJECT (item), "ranah-cell", cell, g_object_unref);
  gtk_list_item_set_child (item, cell);
}

/* GTK has already taken the cell out of its row. */
static void
cell_teardown (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GPtrArray *spare = g_object_get_data (G_OBJECT (factory), "ranah-spare");
  GtkWidget *cell = g_object_steal_data (G_OBJECT (item), "ranah-cell");

  if (cell != NULL)
    g_ptr_array_add (spare, cell);
}

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  CellText text_func = user_data;
  RanahEntryObject *object = gtk_list_item_get_item (item);
  g_autofree char *owned = NULL;
  const char *text = text_func (ranah_entry_object_get_entry (object), &owned);

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), text);
}

/* The last-check cell of an entry whose check failed: the error colour of the inbox's
 * overdue marks (.ranah-overdue-text) and a warning icon drawn by CSS (.ranah-check-failed),
 * with the check's summary as tooltip. One widget per cell and field reads only, as for the
 * other columns: a filter keystroke rebinds every visible row of 100,000. */
static void
checked_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  RanahEntryObject *object = gtk_list_item_get_item (item);
  const RanahEntry *entry = ranah_entry_object_get_entry (object);
  gboolean failing = ranah_entry_object_is_failing (object);
  GtkWidget *cell = gtk_list_item_get_child (item);
  g_autofree char *owned = NULL;

  gtk_inscription_set_text (GTK_INSCRIPTION (cell), cell_checked (entry, &owned));
  if (failing != gtk_widget_has_css_class (cell, "ranah-check-failed"))
    {
      if (failing)
        {
          gtk_widget_add_css_class (cell, "ranah-overdue-text");
          gtk_widget_add_css_class (cell, "ranah-check-failed");
        }
      else
        {
          gtk_widget_remove_css_class (cell, "ranah-overdue-text");
          gtk_widget_remove_css_class (cell, "ranah-check-failed");
        }
    }
  /* Clearing the tooltip text also clears has-tooltip, which the cut-short tooltip needs. */
  if (failing)
    gtk_widget_set_tooltip_text (cell, entry->last_check);
  else if (gtk_widget_get_tooltip_text (cell) != NULL)
    {
      gtk_widget_set_tooltip_text (cell, NULL);
      gtk_widget_set_has_tooltip (cell, TRUE);
    }
}

/* A rebind after a filter change: the column's own bind, without the signal emission
 * (and its bookkeeping in track_bound, which the cell already has). */
static void
bind_again (GtkListItem *item,
            BoundCell   *bound)
{
  CellText text_func = g_object_get_data (G_OBJECT (bound->factory), "ranah-text");

  if (text_func == cell_checked)
    checked_bind (NULL, item, NULL);
  else
    cell_bind (NULL, item, text_func);
}

static int
compare_strings (const char *a,
                 const char *b)
{
  return g_strcmp0 (a ? a : "", b ? b : "");
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  const RanahEntry *x = ranah_entry_object_get_entry ((RanahEntryObject *) a);
  const RanahEntry *y = ranah_entry_object_get_entry ((RanahEntryObject *) b);
  const char *column = user_data;

  if (g_str_equal (column, "name"))
    return compare_strings (x->fqdn, y->fqdn);
  if (g_str_equal (column, "opd"))
    return g_utf8_collate (x->opd_name ? x->opd_name : "", y->opd_name ? y->opd_name : "");
  if (g_str_equal (column, "target"))
    {
      const char *tx = x->records && x->records->len ? ((RanahRecord *) x->records->pdata[0])->target : "";
      const char *ty = y->records && y->records->len ? ((RanahRecord *) y->records->pdata[0])->target : "";
      return compare_strings (tx, ty);
    }
  if (g_str_equal (column, "status"))
    return (int) x->status - (int) y->status;
  if (g_str_equal (column, "activated"))
    return compare_strings (x->activated_on, y->activated_on);
  if (g_str_equal (column, "checked"))
    return x->last_check_at < y->last_check_at ? -1 : x->last_check_at > y->last_check_at;
  return 0;
}

/* Which cells are bound, and by which factory: a filter change rebinds them. */
static void
track_bound (GtkListItemFactory *factory,
             GtkListItem        *item,
             RanahRegistryPage  *self)
{
  GtkWidget *child = gtk_list_item_get_child (item);
  GtkWidget *cell = child != NULL ? gtk_widget_get_parent (child) : NULL;
  GtkWidget *row = cell != NULL ? gtk_widget_get_parent (cell) : NULL;

  if (self->bound != NULL)
    {
      BoundCell *bound = g_new (BoundCell, 1);

      bound->factory = factory;
      bound->row = row;
      g_hash_table_insert (self->bound, item, bound);
      g_hash_table_remove (self->stale, item);
      if (self->replacing)
        g_hash_table_add (self->fresh, item);
    }
  if (self->held != NULL && cell != NULL && !g_hash_table_contains (self->held, cell))
    {
      g_hash_table_add (self->held, g_object_ref (cell));
      if (row != NULL && !g_hash_table_contains (self->held, row))
        g_hash_table_add (self->held, g_object_ref (row));
    }
}

static void
track_unbound (GtkListItemFactory *factory,
               GtkListItem        *item,
               RanahRegistryPage  *self)
{
  if (self->bound != NULL)
    {
      g_hash_table_remove (self->bound, item);
      g_hash_table_remove (self->stale, item);
      g_hash_table_remove (self->fresh, item);
    }
}

static void
add_column (RanahRegistryPage *self,
            const char        *id,
            const char        *title,
            CellText           text_func,
            gboolean           expand,
            const CellWidth   *width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;
  GtkCustomSorter *sorter = gtk_custom_sorter_new (sort_func, (gpointer) id, NULL);

  g_object_set_data_full (G_OBJECT (factory), "ranah-spare",
                          g_ptr_array_new_with_free_func (g_object_unref),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect (factory, "teardown", G_CALLBACK (cell_teardown), NULL);
  g_object_set_data (G_OBJECT (factory), "ranah-text", text_func);

  if (text_func == cell_checked)
    {
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), (gpointer) width);
      g_signal_connect (factory, "bind", G_CALLBACK (checked_bind), NULL);
    }
  else
    {
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), (gpointer) width);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), text_func);
    }
  g_signal_connect (factory, "bind", G_CALLBACK (track_bound), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (track_unbound), self);
  column = gtk_column_view_column_new (title, factory);
  g_object_set_data (G_OBJECT (column), "ranah-id", (gpointer) id);
  gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (sorter);
  g_object_unref (column);
}

/* Loading */

typedef struct
{
  RanahStore *store;
  guint       generation;
} LoadJob;

typedef struct
{
  GPtrArray *objects;
  GPtrArray *opds;
  char      *parent_domain;
  guint      generation;
} Loaded;

static void
load_job_free (LoadJob *job)
{
  g_clear_object (&job->store);
  g_free (job);
}

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->objects, g_ptr_array_unref);
  g_clear_pointer (&loaded->opds, g_ptr_array_unref);
  g_free (loaded->parent_domain);
  g_free (loaded);
}

static gpointer
load_thread (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  LoadJob *job = data;
  g_autoptr(GPtrArray) entries = ranah_store_list_entries (job->store, NULL, error);
  g_autoptr(GHashTable) profile = NULL;
  Loaded *loaded;

  if (entries == NULL)
    return NULL;
  loaded = g_new0 (Loaded, 1);
  loaded->generation = job->generation;
  loaded->opds = ranah_store_list_opds (job->store, NULL);
  profile = ranah_store_get_profile (job->store, NULL);
  if (profile != NULL)
    loaded->parent_domain = g_strdup (g_hash_table_lookup (profile, RANAH_PROFILE_PARENT_DOMAIN));
  loaded->objects = g_ptr_array_new_full (entries->len, g_object_unref);
  g_ptr_array_set_free_func (entries, NULL);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (loaded->objects, ranah_entry_object_new (g_ptr_array_index (entries, i)));
  return loaded;
}

static void
fill_opds (RanahRegistryPage *self,
           GPtrArray         *opds)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint selected = 0;

  gtk_string_list_append (list, _("All OPDs"));
  for (guint i = 0; i < opds->len; i++)
    {
      RanahOpd *opd = g_ptr_array_index (opds, i);
      gtk_string_list_append (list, opd->name);
      if (opd->id == self->opd_id)
        selected = i + 1;
    }
  g_clear_pointer (&self->opds, g_ptr_array_unref);
  self->opds = g_ptr_array_ref (opds);
  self->filling = TRUE;
  gtk_drop_down_set_model (self->opd_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->opd_dropdown, selected);
  self->filling = FALSE;
}

/* The line above the list telling staff how many entries failed their last check. */
static void
update_failing_bar (RanahRegistryPage *self,
                    GPtrArray         *objects)
{
  g_autofree char *text = NULL;
  guint n = 0;

  for (guint i = 0; i < objects->len; i++)
    if (ranah_entry_object_is_failing (g_ptr_array_index (objects, i)))
      n++;
  self->n_failing = n;
  gtk_widget_set_visible (self->failing_bar, n > 0);
  if (n == 0)
    return;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u subdomain failed its last DNS check",
                                       "%u subdomains failed their last DNS check", n), n);
  gtk_label_set_text (self->failing_label, text);
}

static void
show_failing_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ranah_registry_page_set_failing_only (RANAH_REGISTRY_PAGE (widget), TRUE);
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RanahRegistryPage *self = RANAH_REGISTRY_PAGE (source);
  g_autoptr(GError) error = NULL;
  Loaded *loaded = ranah_task_finish (result, &error);

  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (loaded == NULL)
    {
      ranah_widget_toast (GTK_WIDGET (self), ranah_error_sentence (error));
      return;
    }
  if (loaded->generation != self->generation)
    {
      loaded_free (loaded);
      return;
    }
  if (loaded->opds != NULL)
    fill_opds (self, loaded->opds);
  g_free (self->parent_domain);
  self->parent_domain = g_steal_pointer (&loaded->parent_domain);
  update_failing_bar (self, loaded->objects);
  g_list_store_splice (self->model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->model)),
                       loaded->objects->pdata, loaded->objects->len);
  gtk_stack_set_visible_child_name (self->stack, loaded->objects->len > 0 ? "list" : "empty");
  loaded_free (loaded);
  update_count (self);
}

/* Export */

typedef struct
{
  GPtrArray *objects;   /* RanahEntryObject refs, kept alive while the thread reads them */
  GFile     *file;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_pointer (&job->objects, g_ptr_array_unref);
  g_clear_object (&job->file);
  g_free (job);
}

static char *
csv_of (GPtrArray *objects)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_full (objects->len, NULL);

  for (guint i = 0; i < objects->len; i++)
    g_ptr_array_add (entries, (gpointer) ranah_entry_object_get_entry (g_ptr_array_index (objects, i)));
  return ranah_registry_csv_write (entries);
}

static gpointer
export_thread (gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  ExportJob *job = data;
  g_autofree char *csv = csv_of (job->objects);

  if (!g_file_replace_contents (job->file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_NONE,
                                NULL, cancellable, error))
    return NULL;
  return GUINT_TO_POINTER (job->objects->len + 1);
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gpointer n = ranah_task_finish (result, &error);
  g_autofree char *message = NULL;

  if (n == NULL)
    {
      ranah_widget_toast (GTK_WIDGET (source), error->message);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry exported.",
                                          "%u entries exported.", GPOINTER_TO_UINT (n) - 1),
                             GPOINTER_TO_UINT (n) - 1);
  ranah_widget_toast (GTK_WIDGET (source), message);
}

static GPtrArray *
shown_objects (RanahRegistryPage *self)
{
  /* Every row that passes, also those a grown list has not announced yet. */
  GPtrArray *items = self->filtered->items;
  GPtrArray *objects = g_ptr_array_new_full (items->len, g_object_unref);

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (objects, g_object_ref (items->pdata[i]));
  return objects;
}

static void
on_export_response (GtkNativeDialog   *chooser,
                    int                response,
                    RanahRegistryPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      ExportJob *job = g_new0 (ExportJob, 1);

      job->objects = shown_objects (self);
      job->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      ranah_task_run (self, NULL, export_thread, job, (GDestroyNotify) export_job_free, NULL,
                      export_done, NULL);
    }
  g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RanahRegistryPage *self = RANAH_REGISTRY_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export the Registry as CSV"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "daftar-subdomain.csv");
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Import */

static void
on_imported (RanahRegistryPage *self)
{
  ranah_registry_page_reload (self);
}

static void
on_import_response (GtkNativeDialog   *chooser,
                    int                response,
                    RanahRegistryPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      RanahImportDialog *dialog = ranah_import_dialog_new (self->store, file, self->parent_domain);

      if (GTK_IS_WINDOW (root))
        gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
      g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported), self,
                               G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));
    }
  g_clear_object (&self->chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RanahRegistryPage *self = RANAH_REGISTRY_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Import a Registry CSV"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_import_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
ranah_registry_page_dispose (GObject *object)
{
  RanahRegistryPage *self = RANAH_REGISTRY_PAGE (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->filtered != NULL)
    g_signal_handlers_disconnect_by_data (self->filtered, self);
  /* Rows still shown are GTK's to destroy with the list; those it let go are ours. */
  g_clear_handle_id (&self->release_id, g_source_remove);
  stop_growth (self);
  g_clear_pointer (&self->held, g_hash_table_unref);
  g_clear_pointer (&self->let_go, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), RANAH_TYPE_REGISTRY_PAGE);
  /* The template's outer box has no id, so dispose_template leaves it. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->store);
  if (self->sorted != NULL)
    g_signal_handlers_disconnect_by_data (self->sorted, self);
  g_clear_object (&self->filtered);
  g_clear_object (&self->sorted);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->model);
  g_clear_pointer (&self->opds, g_ptr_array_unref);
  g_clear_pointer (&self->parent_domain, g_free);
  g_clear_pointer (&self->needle, g_free);
  g_clear_pointer (&self->typed, g_ptr_array_unref);
  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_clear_pointer (&self->stale, g_hash_table_unref);
  g_clear_pointer (&self->fresh, g_hash_table_unref);

  G_OBJECT_CLASS (ranah_registry_page_parent_class)->dispose (object);
}

static void
ranah_registry_page_class_init (RanahRegistryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ranah_registry_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/tarakankota/Ranah/ui/ranah-registry-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, RanahRegistryPage, name)
  CHILD (search_entry);
  CHILD (opd_dropdown);
  CHILD (status_dropdown);
  CHILD (count_label);
  CHILD (failing_bar);
  CHILD (failing_label);
  CHILD (stack);
  CHILD (spinner);
  CHILD (column_view);
#undef CHILD

  gtk_widget_class_install_action (widget_class, "registry.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "registry.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "registry.check-dns", NULL, ranah_dns_audit_dialog_action);
  gtk_widget_class_install_action (widget_class, "registry.show-failing", NULL, show_failing_action);
}

static void
ranah_registry_page_init (RanahRegistryPage *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) opds = gtk_string_list_new (NULL);
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->status = -1;

  gtk_string_list_append (statuses, _("Any status"));
  for (int s = RANAH_ENTRY_ACTIVE; s <= RANAH_ENTRY_REVOKED; s++)
    gtk_string_list_append (statuses, status_label (s));
  gtk_string_list_append (statuses, _("Failing checks"));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
  gtk_string_list_append (opds, _("All OPDs"));
  gtk_drop_down_set_model (self->opd_dropdown, G_LIST_MODEL (opds));

  self->bound = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->stale = g_hash_table_new (NULL, NULL);
  self->fresh = g_hash_table_new (NULL, NULL);
  self->held = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->let_go = g_ptr_array_new_with_free_func (g_object_unref);
  {
    /* Widths in characters (min, natural): a column's width never depends on the rows
     * shown, so it does not jump as the filter changes. The minimums add up to what fits
     * at 800 px, most of it for the name, which is what a clerk looks for; room beyond
     * them is shared out, and a cut-short cell shows its whole text as a tooltip. */
    static const CellWidth name = { 22, 32 }, opd = { 4, 20 }, target = { 4, 16 },
                           status = { 4, 9 }, activated = { 10, 10 }, checked = { 5, 22 };

    add_column (self, "name", _("Name"), cell_name, TRUE, &name);
    add_column (self, "opd", _("OPD"), cell_opd, TRUE, &opd);
    add_column (self, "target", _("Target"), cell_target, TRUE, &target);
    add_column (self, "status", _("Status"), cell_status, FALSE, &status);
    add_column (self, "activated", _("Activated"), cell_activated, FALSE, &activated);
    add_column (self, "checked", _("Last check"), cell_checked, FALSE, &checked);
  }

  self->model = g_list_store_new (RANAH_TYPE_ENTRY_OBJECT);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->model)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  gtk_sort_list_model_set_incremental (self->sorted, TRUE);
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->filtered = g_object_new (RANAH_TYPE_SHOWN_LIST, NULL);
  self->typed = g_ptr_array_new_with_free_func (typed_free);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  /* Off-screen cells left stale by a filter change are bound before they can be seen: at
   * the first scroll or change of the list's height. */
  {
    GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));

    g_signal_connect_object (vadjustment, "value-changed", G_CALLBACK (rebind_stale_cells), self,
                             G_CONNECT_SWAPPED);
    g_signal_connect_object (vadjustment, "changed", G_CALLBACK (on_list_height_changed), self,
                             0);
  }
  g_signal_connect_swapped (self->sorted, "items-changed", G_CALLBACK (on_sorted_items_changed), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (apply_filter), self);
  g_signal_connect_swapped (self->opd_dropdown, "notify::selected", G_CALLBACK (apply_filter), self);
  g_signal_connect_swapped (self->status_dropdown, "notify::selected", G_CALLBACK (apply_filter), self);
  /* A filter pass takes a few milliseconds: no need to wait for typing to pause. */
  gtk_search_entry_set_search_delay (self->search_entry, 0);
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

void
ranah_registry_page_set_store (RanahRegistryPage *self,
                               RanahStore        *store)
{
  g_return_if_fail (RANAH_IS_REGISTRY_PAGE (self));
  g_set_object (&self->store, store);
}

void
ranah_registry_page_reload (RanahRegistryPage *self)
{
  LoadJob *job;

  g_return_if_fail (RANAH_IS_REGISTRY_PAGE (self));

  if (self->store == NULL)
    return;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    {
      gtk_spinner_set_spinning (self->spinner, TRUE);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  job = g_new0 (LoadJob, 1);
  job->store = g_object_ref (self->store);
  job->generation = ++self->generation;
  ranah_task_run (self, NULL, load_thread, job, (GDestroyNotify) load_job_free,
                  (GDestroyNotify) loaded_free, load_done, NULL);
}

void
ranah_registry_page_focus_search (RanahRegistryPage *self)
{
  g_return_if_fail (RANAH_IS_REGISTRY_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
ranah_registry_page_set_filter (RanahRegistryPage *self,
                                const char        *text,
                                const char        *opd_code,
                                int                status)
{
  guint opd_pos = 0;

  g_return_if_fail (RANAH_IS_REGISTRY_PAGE (self));

  for (guint i = 0; opd_code != NULL && self->opds != NULL && i < self->opds->len; i++)
    if (g_ascii_strcasecmp (((RanahOpd *) g_ptr_array_index (self->opds, i))->code, opd_code) == 0)
      opd_pos = i + 1;
  self->filling = TRUE;
  gtk_drop_down_set_selected (self->opd_dropdown, opd_pos);
  gtk_drop_down_set_selected (self->status_dropdown, status < 0 ? 0 : (guint) status + 1);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  self->filling = FALSE;
  apply_filter (self);
}

void
ranah_registry_page_set_failing_only (RanahRegistryPage *self,
                                      gboolean           failing_only)
{
  guint pos;

  g_return_if_fail (RANAH_IS_REGISTRY_PAGE (self));

  pos = gtk_drop_down_get_selected (self->status_dropdown);
  if (failing_only)
    gtk_drop_down_set_selected (self->status_dropdown, STATUS_POS_FAILING);
  else if (pos == STATUS_POS_FAILING)
    gtk_drop_down_set_selected (self->status_dropdown, 0);
  apply_filter (self);
}

guint
ranah_registry_page_get_n_failing (RanahRegistryPage *self)
{
  g_return_val_if_fail (RANAH_IS_REGISTRY_PAGE (self), 0);
  return self->n_failing;
}

GListModel *
ranah_registry_page_get_shown (RanahRegistryPage *self)
{
  g_return_val_if_fail (RANAH_IS_REGISTRY_PAGE (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

gboolean
ranah_registry_page_is_filtering (RanahRegistryPage *self)
{
  g_return_val_if_fail (RANAH_IS_REGISTRY_PAGE (self), FALSE);
  return gtk_sort_list_model_get_pending (self->sorted) > 0
         || !ranah_shown_list_is_complete (self->filtered);
}

void
ranah_registry_page_sort_by (RanahRegistryPage *self,
                             const char        *column,
                             gboolean           descending)
{
  GListModel *columns;

  g_return_if_fail (RANAH_IS_REGISTRY_PAGE (self));
  columns = gtk_column_view_get_columns (self->column_view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (columns, i);
      if (g_strcmp0 (g_object_get_data (G_OBJECT (c), "ranah-id"), column) == 0)
        gtk_column_view_sort_by_column (self->column_view, c,
                                        descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
    }
}

char *
ranah_registry_page_dup_csv (RanahRegistryPage *self)
{
  g_autoptr(GPtrArray) objects = NULL;

  g_return_val_if_fail (RANAH_IS_REGISTRY_PAGE (self), NULL);
  objects = shown_objects (self);
  return csv_of (objects);
}
