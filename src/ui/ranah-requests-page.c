/* ranah-requests-page.c — Permohonan: every request I may see, with filters
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "ranah-format.h"
#include "ranah-request-object.h"
#include "ranah-request-row.h"
#include "ranah-requests-page.h"
#include "ranah-task.h"
#include "ranah-window.h"

struct _RanahRequestsPage
{
  GtkWidget       parent_instance;

  GtkSearchEntry *search_entry;
  GtkDropDown    *state_dropdown;
  GtkDropDown    *opd_dropdown;
  GtkEntry       *from_entry;
  GtkEntry       *to_entry;
  GtkStack       *stack;
  GtkListView    *list_view;

  RanahStore     *store;
  GListStore     *model;
  GPtrArray      *opds;          /* RanahOpd*, in the order of the OPD drop-down after "All" */
  RanahCalendar  *calendar;
  gint64          now;
  guint           generation;
  gboolean        filling;       /* while the drop-downs are being filled in code */
};

G_DEFINE_FINAL_TYPE (RanahRequestsPage, ranah_requests_page, GTK_TYPE_WIDGET)

enum {
  OPEN_REQUEST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The state drop-down: "All", "Open", then every state from SUBMITTED on. */
#define STATE_ALL  0
#define STATE_OPEN 1

typedef struct
{
  RanahStore *store;
  RanahState  state;
  gboolean    open_only;
  gint64      opd_id;
  char       *from;
  char       *to;
  char       *text;
  gboolean    want_opds;
  guint       generation;
} LoadJob;

typedef struct
{
  GPtrArray     *objects;
  GPtrArray     *opds;
  RanahCalendar *calendar;
  gint64         now;
  guint          generation;
} Loaded;

static void
load_job_free (LoadJob *job)
{
  g_clear_object (&job->store);
  g_free (job->from);
  g_free (job->to);
  g_free (job->text);
  g_free (job);
}

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->objects, g_ptr_array_unref);
  g_clear_pointer (&loaded->opds, g_ptr_array_unref);
  g_clear_pointer (&loaded->calendar, ranah_calendar_free);
  g_free (loaded);
}

static gpointer
load_thread (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  LoadJob *job = data;
  RanahRequestFilter filter = { 0 };
  g_autoptr(GPtrArray) requests = NULL;
  Loaded *loaded;

  filter.state = job->state;
  filter.open_only = job->open_only;
  filter.opd_id = job->opd_id;
  filter.received_from = job->from;
  filter.received_to = job->to;
  filter.text = job->text;
  if ((requests = ranah_store_list_requests (job->store, &filter, error)) == NULL)
    return NULL;

  loaded = g_new0 (Loaded, 1);
  loaded->generation = job->generation;
  if (job->want_opds)
    loaded->opds = ranah_store_list_opds (job->store, NULL);
  loaded->calendar = ranah_store_get_calendar (job->store, NULL);
  loaded->now = ranah_store_now (job->store);
  loaded->objects = g_ptr_array_new_full (requests->len, g_object_unref);
  g_ptr_array_set_free_func (requests, NULL);
  for (guint i = 0; i < requests->len; i++)
    g_ptr_array_add (loaded->objects, ranah_request_object_new (g_ptr_array_index (requests, i)));
  return loaded;
}

static void
fill_opds (RanahRequestsPage *self,
           GPtrArray         *opds)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  gint64 selected_id = 0;
  guint selected = 0;
  guint pos = gtk_drop_down_get_selected (self->opd_dropdown);

  if (self->opds != NULL && pos != GTK_INVALID_LIST_POSITION && pos > 0 && pos <= self->opds->len)
    selected_id = ((RanahOpd *) g_ptr_array_index (self->opds, pos - 1))->id;

  gtk_string_list_append (list, _("All OPDs"));
  for (guint i = 0; i < opds->len; i++)
    {
      RanahOpd *opd = g_ptr_array_index (opds, i);
      gtk_string_list_append (list, opd->name);
      if (opd->id == selected_id)
        selected = i + 1;
    }
  g_clear_pointer (&self->opds, g_ptr_array_unref);
  self->opds = g_ptr_array_ref (opds);
  self->filling = TRUE;
  gtk_drop_down_set_model (self->opd_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->opd_dropdown, selected);
  self->filling = FALSE;
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RanahRequestsPage *self = RANAH_REQUESTS_PAGE (source);
  g_autoptr(GError) error = NULL;
  Loaded *loaded = ranah_task_finish (result, &error);

  if (loaded == NULL)
    {
      ranah_widget_toast (GTK_WIDGET (self), ranah_error_sentence (error));
      return;
    }
  /* A newer filter has been asked for since: its result is the one to show. */
  if (loaded->generation != self->generation)
    {
      loaded_free (loaded);
      return;
    }
  if (loaded->opds != NULL)
    fill_opds (self, loaded->opds);
  g_clear_pointer (&self->calendar, ranah_calendar_free);
  self->calendar = g_steal_pointer (&loaded->calendar);
  self->now = loaded->now;
  g_list_store_splice (self->model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->model)),
                       loaded->objects->pdata, loaded->objects->len);
  gtk_stack_set_visible_child_name (self->stack, loaded->objects->len > 0 ? "list" : "empty");
  loaded_free (loaded);
}

static gboolean
date_or_empty (GtkEntry   *entry,
               char      **out)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  *out = NULL;
  if (*text == '\0')
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      return TRUE;
    }
  if (!ranah_validate_date (text, "date", NULL))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  *out = g_strdup (text);
  return TRUE;
}

static void
start_load (RanahRequestsPage *self,
            gboolean           want_opds)
{
  LoadJob *job;
  guint state_pos = gtk_drop_down_get_selected (self->state_dropdown);
  guint opd_pos = gtk_drop_down_get_selected (self->opd_dropdown);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (self->store == NULL || self->filling)
    return;
  /* A half-typed date waits until it is a date; the entry shows it is not one yet. */
  if (!date_or_empty (self->from_entry, &from) || !date_or_empty (self->to_entry, &to))
    return;

  job = g_new0 (LoadJob, 1);
  job->store = g_object_ref (self->store);
  job->want_opds = want_opds || self->opds == NULL;
  job->open_only = state_pos == STATE_OPEN;
  job->state = state_pos >= 2 && state_pos != GTK_INVALID_LIST_POSITION
               ? (RanahState) (RANAH_STATE_SUBMITTED + state_pos - 2) : RANAH_STATE_NONE;
  if (self->opds != NULL && opd_pos != GTK_INVALID_LIST_POSITION && opd_pos > 0
      && opd_pos <= self->opds->len)
    job->opd_id = ((RanahOpd *) g_ptr_array_index (self->opds, opd_pos - 1))->id;
  job->from = g_steal_pointer (&from);
  job->to = g_steal_pointer (&to);
  job->text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  if (*job->text == '\0')
    g_clear_pointer (&job->text, g_free);
  job->generation = ++self->generation;
  ranah_task_run (self, NULL, load_thread, job, (GDestroyNotify) load_job_free,
                  (GDestroyNotify) loaded_free, load_done, NULL);
}

static void
on_filter_changed (RanahRequestsPage *self)
{
  start_load (self, FALSE);
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
         RanahRequestsPage        *self)
{
  RanahRequestObject *object = gtk_list_item_get_item (item);

  ranah_request_row_bind (RANAH_REQUEST_ROW (gtk_list_item_get_child (item)),
                          ranah_request_object_get_request (object), self->calendar, self->now);
}

static void
on_activate (GtkListView       *list_view,
             guint              position,
             RanahRequestsPage *self)
{
  g_autoptr(RanahRequestObject) object = g_list_model_get_item (G_LIST_MODEL (self->model),
                                                                 position);

  if (object != NULL)
    g_signal_emit (self, signals[OPEN_REQUEST], 0, ranah_request_object_get_request (object)->id);
}

static void
ranah_requests_page_dispose (GObject *object)
{
  RanahRequestsPage *self = RANAH_REQUESTS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RANAH_TYPE_REQUESTS_PAGE);
  /* The template's outer box has no id, so dispose_template leaves it. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->store);
  g_clear_object (&self->model);
  g_clear_pointer (&self->opds, g_ptr_array_unref);
  g_clear_pointer (&self->calendar, ranah_calendar_free);

  G_OBJECT_CLASS (ranah_requests_page_parent_class)->dispose (object);
}

static void
ranah_requests_page_class_init (RanahRequestsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ranah_requests_page_dispose;

  signals[OPEN_REQUEST] = g_signal_new ("open-request", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                        G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/tarakankota/Ranah/ui/ranah-requests-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, RanahRequestsPage, name)
  CHILD (search_entry);
  CHILD (state_dropdown);
  CHILD (opd_dropdown);
  CHILD (from_entry);
  CHILD (to_entry);
  CHILD (stack);
  CHILD (list_view);
#undef CHILD
}

static void
ranah_requests_page_init (RanahRequestsPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkStringList) states = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) opds = gtk_string_list_new (NULL);
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (states, _("All states"));
  gtk_string_list_append (states, _("In progress"));
  for (RanahState state = RANAH_STATE_SUBMITTED; state < RANAH_N_STATES; state++)
    gtk_string_list_append (states, ranah_state_label (state));
  gtk_drop_down_set_model (self->state_dropdown, G_LIST_MODEL (states));
  gtk_string_list_append (opds, _("All OPDs"));
  gtk_drop_down_set_model (self->opd_dropdown, G_LIST_MODEL (opds));

  self->model = g_list_store_new (RANAH_TYPE_REQUEST_OBJECT);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->model)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (factory);
  g_object_unref (selection);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_activate), self);

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->state_dropdown, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->opd_dropdown, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->from_entry, "changed", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->to_entry, "changed", G_CALLBACK (on_filter_changed), self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

void
ranah_requests_page_set_store (RanahRequestsPage *self,
                               RanahStore        *store)
{
  g_return_if_fail (RANAH_IS_REQUESTS_PAGE (self));
  g_set_object (&self->store, store);
}

void
ranah_requests_page_reload (RanahRequestsPage *self)
{
  g_return_if_fail (RANAH_IS_REQUESTS_PAGE (self));
  start_load (self, TRUE);
}

void
ranah_requests_page_focus_search (RanahRequestsPage *self)
{
  g_return_if_fail (RANAH_IS_REQUESTS_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
ranah_requests_page_set_filter (RanahRequestsPage *self,
                                RanahState         state,
                                const char        *opd_code,
                                const char        *from,
                                const char        *to,
                                const char        *text)
{
  guint opd_pos = 0;

  g_return_if_fail (RANAH_IS_REQUESTS_PAGE (self));

  for (guint i = 0; opd_code != NULL && self->opds != NULL && i < self->opds->len; i++)
    if (g_ascii_strcasecmp (((RanahOpd *) g_ptr_array_index (self->opds, i))->code, opd_code) == 0)
      opd_pos = i + 1;

  self->filling = TRUE;
  gtk_drop_down_set_selected (self->state_dropdown,
                              state == RANAH_STATE_NONE ? STATE_ALL : 2 + state - RANAH_STATE_SUBMITTED);
  gtk_drop_down_set_selected (self->opd_dropdown, opd_pos);
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from ? from : "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to ? to : "");
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  self->filling = FALSE;
  start_load (self, FALSE);
}

GListModel *
ranah_requests_page_get_model (RanahRequestsPage *self)
{
  g_return_val_if_fail (RANAH_IS_REQUESTS_PAGE (self), NULL);
  return G_LIST_MODEL (self->model);
}
