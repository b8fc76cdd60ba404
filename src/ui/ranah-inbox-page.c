/* ranah-inbox-page.c — Kotak Masuk: what waits for me, overdue first
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "ranah-format.h"
#include "ranah-inbox-page.h"
#include "ranah-request-object.h"
#include "ranah-request-row.h"
#include "ranah-task.h"
#include "ranah-window.h"

struct _RanahInboxPage
{
  GtkWidget      parent_instance;

  GtkStack      *stack;
  GtkSpinner    *spinner;
  GtkListView   *list_view;

  RanahStore    *store;
  GListStore    *model;
  RanahCalendar *calendar;
  gint64         now;
  guint          generation;
  gboolean       loading;
  gboolean       reload_again;
  RanahInboxLoad *preloaded;
  guint          n_waiting;    /* of the last load, all of it */
  gboolean       shown_once;
  guint          whole_id;     /* reading the whole inbox after its head */
};

G_DEFINE_FINAL_TYPE (RanahInboxPage, ranah_inbox_page, GTK_TYPE_WIDGET)

enum {
  LOADED,
  OPEN_REQUEST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  RanahStore *store;
  guint       limit;     /* 0: the whole inbox */
} LoadJob;

struct _RanahInboxLoad
{
  GPtrArray     *objects;     /* RanahRequestObject */
  guint          n_total;     /* more than objects->len for the head of a long inbox */
  RanahCalendar *calendar;
  gint64         now;
};

static void
load_job_free (LoadJob *job)
{
  g_clear_object (&job->store);
  g_free (job);
}

void
ranah_inbox_load_free (RanahInboxLoad *load)
{
  if (load == NULL)
    return;
  g_clear_pointer (&load->objects, g_ptr_array_unref);
  g_clear_pointer (&load->calendar, ranah_calendar_free);
  g_free (load);
}

RanahInboxLoad *
ranah_inbox_load_head (RanahStore  *store,
                       guint        limit,
                       GError     **error)
{
  g_autoptr(GPtrArray) requests = NULL;
  RanahInboxLoad *load;
  guint n_total = 0;

  g_return_val_if_fail (RANAH_IS_STORE (store), NULL);

  requests = limit > 0 ? ranah_store_inbox_head (store, limit, &n_total, error)
                       : ranah_store_inbox (store, error);
  if (requests == NULL)
    return NULL;
  load = g_new0 (RanahInboxLoad, 1);
  load->n_total = limit > 0 ? n_total : requests->len;
  load->calendar = ranah_store_get_calendar (store, NULL);
  load->now = ranah_store_now (store);
  /* Wrapping happens here too, so the main loop only splices the finished list. */
  load->objects = g_ptr_array_new_full (requests->len, g_object_unref);
  g_ptr_array_set_free_func (requests, NULL);
  for (guint i = 0; i < requests->len; i++)
    g_ptr_array_add (load->objects, ranah_request_object_new (g_ptr_array_index (requests, i)));
  return load;
}

static gpointer
load_thread (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  LoadJob *job = data;

  return ranah_inbox_load_head (job->store, job->limit, error);
}

/* Shows @load (taking it), or says why the inbox could not be read when it is NULL. */
static gboolean
reload_whole (gpointer user_data)
{
  RanahInboxPage *self = user_data;

  self->whole_id = 0;
  ranah_inbox_page_reload (self);
  return G_SOURCE_REMOVE;
}

/* Shows @load (taking it), or says why the inbox could not be read when it is NULL. */
static void
show_load (RanahInboxPage *self,
           RanahInboxLoad *load,
           const GError   *error)
{
  self->loading = FALSE;
  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (load == NULL)
    {
      ranah_widget_toast (GTK_WIDGET (self), ranah_error_sentence (error));
      if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
        gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    {
      guint n = load->objects->len;

      g_clear_handle_id (&self->whole_id, g_source_remove);
      g_clear_pointer (&self->calendar, ranah_calendar_free);
      self->calendar = g_steal_pointer (&load->calendar);
      self->now = load->now;
      self->n_waiting = MAX (n, load->n_total);
      self->shown_once = TRUE;
      g_list_store_splice (self->model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->model)),
                           load->objects->pdata, n);
      /* Only the head of a long inbox (a first load): the whole of it follows, read in a
       * thread once the window is up. */
      if (load->n_total > n)
        self->whole_id = g_idle_add_full (G_PRIORITY_LOW, reload_whole, self, NULL);
      gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
      ranah_inbox_load_free (load);
      g_signal_emit (self, signals[LOADED], 0);
    }

  if (self->reload_again)
    {
      self->reload_again = FALSE;
      ranah_inbox_page_reload (self);
    }
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  RanahInboxLoad *load = ranah_task_finish (result, &error);

  show_load (RANAH_INBOX_PAGE (source), load, error);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  gtk_list_item_set_child (item, ranah_request_row_new ());
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         RanahInboxPage           *self)
{
  RanahRequestObject *object = gtk_list_item_get_item (item);

  ranah_request_row_bind (RANAH_REQUEST_ROW (gtk_list_item_get_child (item)),
                          ranah_request_object_get_request (object), self->calendar, self->now);
}

static void
on_activate (GtkListView    *list_view,
             guint           position,
             RanahInboxPage *self)
{
  g_autoptr(RanahRequestObject) object = g_list_model_get_item (G_LIST_MODEL (self->model),
                                                                 position);

  if (object != NULL)
    g_signal_emit (self, signals[OPEN_REQUEST], 0, ranah_request_object_get_request (object)->id);
}

static void
ranah_inbox_page_dispose (GObject *object)
{
  RanahInboxPage *self = RANAH_INBOX_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RANAH_TYPE_INBOX_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->model);
  g_clear_pointer (&self->calendar, ranah_calendar_free);
  g_clear_pointer (&self->preloaded, ranah_inbox_load_free);
  g_clear_handle_id (&self->whole_id, g_source_remove);

  G_OBJECT_CLASS (ranah_inbox_page_parent_class)->dispose (object);
}

static void
ranah_inbox_page_class_init (RanahInboxPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ranah_inbox_page_dispose;

  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[OPEN_REQUEST] = g_signal_new ("open-request", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                        G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/tarakankota/Ranah/ui/ranah-inbox-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RanahInboxPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RanahInboxPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RanahInboxPage, list_view);
}

static void
ranah_inbox_page_init (RanahInboxPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->model = g_list_store_new (RANAH_TYPE_REQUEST_OBJECT);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->model)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (factory);
  g_object_unref (selection);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_activate), self);
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

void
ranah_inbox_page_set_store (RanahInboxPage *self,
                            RanahStore     *store)
{
  g_return_if_fail (RANAH_IS_INBOX_PAGE (self));
  g_set_object (&self->store, store);
}

void
ranah_inbox_page_reload (RanahInboxPage *self)
{
  LoadJob *job;

  g_return_if_fail (RANAH_IS_INBOX_PAGE (self));

  if (self->store == NULL)
    return;
  /* One load at a time; a change during a load asks for one more afterwards. */
  if (self->loading)
    {
      self->reload_again = TRUE;
      return;
    }
  self->loading = TRUE;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    {
      gtk_spinner_set_spinning (self->spinner, TRUE);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  /* The inbox read by the sign-in, in the same thread right after the password: shown at
   * once instead of being read again. */
  if (self->preloaded != NULL)
    {
      show_load (self, g_steal_pointer (&self->preloaded), NULL);
      return;
    }
  job = g_new0 (LoadJob, 1);
  job->store = g_object_ref (self->store);
  /* GtkListView (GTK 4.8) builds a row widget for up to some 200 items at its first
   * layout: a first load reads a screenful, and the whole follows (show_load). */
  job->limit = self->shown_once ? 0 : RANAH_INBOX_FIRST_SCREENFUL;
  ranah_task_run (self, NULL, load_thread, job, (GDestroyNotify) load_job_free,
                  (GDestroyNotify) ranah_inbox_load_free, load_done, NULL);
}

void
ranah_inbox_page_preload (RanahInboxPage *self,
                          RanahInboxLoad *load)
{
  g_return_if_fail (RANAH_IS_INBOX_PAGE (self));

  g_clear_pointer (&self->preloaded, ranah_inbox_load_free);
  self->preloaded = load;
}

GListModel *
ranah_inbox_page_get_model (RanahInboxPage *self)
{
  g_return_val_if_fail (RANAH_IS_INBOX_PAGE (self), NULL);
  return G_LIST_MODEL (self->model);
}

gboolean
ranah_inbox_page_is_complete (RanahInboxPage *self)
{
  g_return_val_if_fail (RANAH_IS_INBOX_PAGE (self), FALSE);
  return g_list_model_get_n_items (G_LIST_MODEL (self->model)) == self->n_waiting;
}

guint
ranah_inbox_page_get_n_waiting (RanahInboxPage *self)
{
  g_return_val_if_fail (RANAH_IS_INBOX_PAGE (self), 0);
  return self->n_waiting;
}

RanahCalendar *
ranah_inbox_page_get_calendar (RanahInboxPage *self)
{
  g_return_val_if_fail (RANAH_IS_INBOX_PAGE (self), NULL);
  return self->calendar;
}
