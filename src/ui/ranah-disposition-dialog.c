/* ranah-disposition-dialog.c — disposing a request down the chain (steps 2–4)
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "ranah-dialog-util.h"
#include "ranah-disposition-dialog.h"
#include "ranah-task.h"

struct _RanahDispositionDialog
{
  AdwWindow         parent_instance;

  RanahDialogFrame  frame;
  AdwComboRow      *recipient_row;
  GPtrArray        *checks;       /* GtkCheckButton*, one per ranah_instructions() item */
  GtkTextView      *note_view;
  AdwComboRow      *urgency_row;
  AdwEntryRow      *due_row;

  RanahStore       *store;
  RanahAction       action;
  RanahState        to_state;
  GArray           *candidate_ids;
  gboolean          loaded;
};

G_DEFINE_FINAL_TYPE (RanahDispositionDialog, ranah_disposition_dialog, ADW_TYPE_WINDOW)

enum {
  CONFIRMED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  RanahStore *store;
  RanahState  to_state;
} LoadJob;

typedef struct
{
  GPtrArray *users;   /* candidates, RanahUser* */
  GArray    *load;    /* guint open items per candidate */
  gint64     due;
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
  g_clear_pointer (&loaded->users, g_ptr_array_unref);
  g_clear_pointer (&loaded->load, g_array_unref);
  g_free (loaded);
}

static gpointer
load_thread (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  LoadJob *job = data;
  g_autoptr(GPtrArray) users = ranah_store_list_users (job->store, error);
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(RanahCalendar) calendar = NULL;
  RanahRoleSet roles = ranah_workflow_holders (job->to_state);
  RanahRequestFilter filter = { 0 };
  Loaded *loaded;

  if (users == NULL)
    return NULL;
  filter.open_only = TRUE;
  open = ranah_store_list_requests (job->store, &filter, NULL);
  calendar = ranah_store_get_calendar (job->store, NULL);

  loaded = g_new0 (Loaded, 1);
  loaded->users = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_user_free);
  loaded->load = g_array_new (FALSE, TRUE, sizeof (guint));
  for (guint i = 0; i < users->len; i++)
    {
      RanahUser *user = g_ptr_array_index (users, i);
      guint n = 0;

      if (!user->active || (roles & RANAH_ROLE_BIT (user->role)) == 0 || user->role == RANAH_ROLE_OPD)
        continue;
      for (guint k = 0; open != NULL && k < open->len; k++)
        if (((RanahRequest *) g_ptr_array_index (open, k))->assignee_id == user->id)
          n++;
      g_ptr_array_add (loaded->users, ranah_user_copy (user));
      g_array_append_val (loaded->load, n);
    }
  if (calendar != NULL)
    loaded->due = ranah_calendar_add_working_days (calendar, ranah_store_now (job->store),
                                                   MAX (1u, ranah_workflow_standard_days (job->to_state)));
  return loaded;
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RanahDispositionDialog *self = RANAH_DISPOSITION_DIALOG (source);
  g_autoptr(GError) error = NULL;
  Loaded *loaded = ranah_task_finish (result, &error);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint preselect = 0, least = G_MAXUINT;

  if (loaded == NULL)
    {
      ranah_dialog_frame_show_error (&self->frame, error->message);
      return;
    }
  for (guint i = 0; i < loaded->users->len; i++)
    {
      RanahUser *user = g_ptr_array_index (loaded->users, i);
      guint n = g_array_index (loaded->load, guint, i);
      const char *name = *user->full_name ? user->full_name : user->username;
      g_autofree char *label = NULL;

      /* At step 4 the choice is whom to load: show each one's open items. */
      if (self->action == RANAH_ACTION_DISPOSE_TO_STAF)
        label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — %u open item",
                                              "%s — %u open items", n), name, n);
      else
        label = g_strdup_printf ("%s (%s)", name, ranah_role_title (user->role));
      gtk_string_list_append (names, label);
      g_array_append_val (self->candidate_ids, user->id);
      if (n < least)
        {
          least = n;
          preselect = i;
        }
    }
  adw_combo_row_set_model (self->recipient_row, G_LIST_MODEL (names));
  if (loaded->users->len > 0)
    adw_combo_row_set_selected (self->recipient_row, preselect);
  else
    ranah_dialog_frame_show_error (&self->frame,
                                   _("Nobody holds the next role: ask the administrator to add "
                                     "that user first."));
  if (loaded->due > 0)
    {
      g_autoptr(GDateTime) due = g_date_time_new_from_unix_local (loaded->due);
      g_autofree char *text = g_date_time_format (due, "%Y-%m-%d %H:%M");
      gtk_editable_set_text (GTK_EDITABLE (self->due_row), text);
    }
  self->loaded = TRUE;
  loaded_free (loaded);
}

static gboolean
parse_due (const char *text,
           gint64     *out)
{
  int y, mo, d, h = 0, mi = 0;
  g_autoptr(GDateTime) dt = NULL;

  *out = 0;
  if (text == NULL || *text == '\0')
    return TRUE;
  if (sscanf (text, "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi) < 3)
    return FALSE;
  dt = g_date_time_new_local (y, mo, d, h, mi, 0);
  if (dt == NULL)
    return FALSE;
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RanahDispositionDialog *self = RANAH_DISPOSITION_DIALOG (widget);
  g_auto(GStrv) instructions = ranah_disposition_dialog_dup_instructions (self);
  g_autofree char *note = ranah_disposition_dialog_dup_note (self);
  gint64 due;

  if (!self->loaded || ranah_disposition_dialog_get_recipient (self) == 0)
    {
      ranah_dialog_frame_show_error (&self->frame, _("Choose who receives the disposition."));
      return;
    }
  if (g_strv_length (instructions) == 0 && *note == '\0')
    {
      ranah_dialog_frame_show_error (&self->frame, _("Tick at least one instruction or write one."));
      return;
    }
  if (!parse_due (gtk_editable_get_text (GTK_EDITABLE (self->due_row)), &due))
    {
      ranah_dialog_frame_show_error (&self->frame,
                                     _("Due must be a date and time such as 2026-12-01 15:00."));
      gtk_widget_grab_focus (GTK_WIDGET (self->due_row));
      return;
    }
  ranah_dialog_frame_show_error (&self->frame, NULL);
  g_signal_emit (self, signals[CONFIRMED], 0);
}

static void
ranah_disposition_dialog_dispose (GObject *object)
{
  RanahDispositionDialog *self = RANAH_DISPOSITION_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->candidate_ids, g_array_unref);

  G_OBJECT_CLASS (ranah_disposition_dialog_parent_class)->dispose (object);
}

static void
ranah_disposition_dialog_class_init (RanahDispositionDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ranah_disposition_dialog_dispose;

  signals[CONFIRMED] = g_signal_new ("confirmed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "dialog.confirm", NULL,
                                   confirm_action);
}

static void
ranah_disposition_dialog_init (RanahDispositionDialog *self)
{
  self->checks = g_ptr_array_new ();
  self->candidate_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

RanahDispositionDialog *
ranah_disposition_dialog_new (RanahStore         *store,
                              const RanahRequest *request,
                              RanahAction         action)
{
  RanahDispositionDialog *self;
  const RanahTransition *t;
  GtkWidget *group, *instructions, *other, *note_heading;
  const RanahInstruction *items;
  guint n_items = 0;
  g_autofree char *title = NULL;
  g_autoptr(GtkStringList) urgencies = gtk_string_list_new (NULL);
  LoadJob *job;

  g_return_val_if_fail (RANAH_IS_STORE (store), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  t = ranah_workflow_find (request->state, action);
  g_return_val_if_fail (t != NULL, NULL);

  self = g_object_new (RANAH_TYPE_DISPOSITION_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->action = action;
  self->to_state = t->to;
  title = g_strdup_printf ("%s — %s", ranah_action_label (action), request->fqdn);
  ranah_dialog_frame_build (ADW_WINDOW (self), title, _("_Dispose"), FALSE, &self->frame);
  gtk_window_set_default_size (GTK_WINDOW (self), 600, 680);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("To"));
  self->recipient_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->recipient_row), _("Recipient"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->recipient_row));
  for (guint u = RANAH_URGENCY_BIASA; u <= RANAH_URGENCY_SANGAT_SEGERA; u++)
    gtk_string_list_append (urgencies, ranah_urgency_label (u));
  self->urgency_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->urgency_row), _("Urgency"));
  adw_combo_row_set_model (self->urgency_row, G_LIST_MODEL (urgencies));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->urgency_row));
  self->due_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->due_row),
                                 _("Due (from the working-day clock)"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->due_row));
  gtk_box_append (GTK_BOX (self->frame.content), group);

  instructions = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (instructions), _("Instructions"));
  items = ranah_instructions (&n_items);
  for (guint i = 0; i < n_items; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), items[i].text);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data_full (G_OBJECT (check), "nick", g_strdup (items[i].nick), g_free);
      if (i == 0)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_ptr_array_add (self->checks, check);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (instructions), row);
    }
  gtk_box_append (GTK_BOX (self->frame.content), instructions);

  other = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  note_heading = gtk_label_new (_("Other instructions"));
  gtk_label_set_xalign (GTK_LABEL (note_heading), 0);
  gtk_widget_add_css_class (note_heading, "heading");
  gtk_box_append (GTK_BOX (other), note_heading);
  gtk_box_append (GTK_BOX (other), ranah_dialog_text_view (&self->note_view, _("Other instructions")));
  gtk_box_append (GTK_BOX (self->frame.content), other);

  job = g_new0 (LoadJob, 1);
  job->store = g_object_ref (store);
  job->to_state = t->to;
  ranah_task_run (self, NULL, load_thread, job, (GDestroyNotify) load_job_free,
                  (GDestroyNotify) loaded_free, load_done, NULL);
  return self;
}

RanahAction
ranah_disposition_dialog_get_action (RanahDispositionDialog *self)
{
  g_return_val_if_fail (RANAH_IS_DISPOSITION_DIALOG (self), RANAH_ACTION_NONE);
  return self->action;
}

gint64
ranah_disposition_dialog_get_recipient (RanahDispositionDialog *self)
{
  guint selected;

  g_return_val_if_fail (RANAH_IS_DISPOSITION_DIALOG (self), 0);
  selected = adw_combo_row_get_selected (self->recipient_row);
  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->candidate_ids->len)
    return 0;
  return g_array_index (self->candidate_ids, gint64, selected);
}

gboolean
ranah_disposition_dialog_set_recipient (RanahDispositionDialog *self,
                                        gint64                  user_id)
{
  g_return_val_if_fail (RANAH_IS_DISPOSITION_DIALOG (self), FALSE);
  for (guint i = 0; i < self->candidate_ids->len; i++)
    if (g_array_index (self->candidate_ids, gint64, i) == user_id)
      {
        adw_combo_row_set_selected (self->recipient_row, i);
        return TRUE;
      }
  return FALSE;
}

GStrv
ranah_disposition_dialog_dup_candidates (RanahDispositionDialog *self)
{
  GListModel *model;
  GStrvBuilder *builder;
  GStrv result;

  g_return_val_if_fail (RANAH_IS_DISPOSITION_DIALOG (self), NULL);
  builder = g_strv_builder_new ();
  model = adw_combo_row_get_model (self->recipient_row);
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    g_strv_builder_add (builder, gtk_string_list_get_string (GTK_STRING_LIST (model), i));
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

GStrv
ranah_disposition_dialog_dup_instructions (RanahDispositionDialog *self)
{
  GStrvBuilder *builder;
  GStrv result;

  g_return_val_if_fail (RANAH_IS_DISPOSITION_DIALOG (self), NULL);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);
      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "nick"));
    }
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

void
ranah_disposition_dialog_set_instruction (RanahDispositionDialog *self,
                                          const char             *nick,
                                          gboolean                checked)
{
  g_return_if_fail (RANAH_IS_DISPOSITION_DIALOG (self));
  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);
      if (g_strcmp0 (g_object_get_data (G_OBJECT (check), "nick"), nick) == 0)
        gtk_check_button_set_active (check, checked);
    }
}

char *
ranah_disposition_dialog_dup_note (RanahDispositionDialog *self)
{
  g_return_val_if_fail (RANAH_IS_DISPOSITION_DIALOG (self), NULL);
  return ranah_text_view_dup_text (self->note_view);
}

void
ranah_disposition_dialog_set_note (RanahDispositionDialog *self,
                                   const char             *note)
{
  g_return_if_fail (RANAH_IS_DISPOSITION_DIALOG (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note ? note : "", -1);
}

RanahUrgency
ranah_disposition_dialog_get_urgency (RanahDispositionDialog *self)
{
  g_return_val_if_fail (RANAH_IS_DISPOSITION_DIALOG (self), RANAH_URGENCY_BIASA);
  return (RanahUrgency) MIN (adw_combo_row_get_selected (self->urgency_row),
                             (guint) RANAH_URGENCY_SANGAT_SEGERA);
}

gint64
ranah_disposition_dialog_get_due (RanahDispositionDialog *self)
{
  gint64 due = 0;

  g_return_val_if_fail (RANAH_IS_DISPOSITION_DIALOG (self), 0);
  parse_due (gtk_editable_get_text (GTK_EDITABLE (self->due_row)), &due);
  return due;
}

void
ranah_disposition_dialog_show_error (RanahDispositionDialog *self,
                                     const char             *message)
{
  g_return_if_fail (RANAH_IS_DISPOSITION_DIALOG (self));
  ranah_dialog_frame_show_error (&self->frame, message);
}
