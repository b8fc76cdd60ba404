/* ranah-import-dialog.c — importing the agency's existing list: every row previewed with
 * its problems before anything is written
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ranah-dialog-util.h"
#include "ranah-entry-object.h"
#include "ranah-format.h"
#include "ranah-import-dialog.h"
#include "ranah-task.h"
#include "ranah-window.h"

struct _RanahImportDialog
{
  AdwWindow         parent_instance;

  RanahDialogFrame  frame;
  GtkLabel         *summary;
  GtkListBox       *problem_list;
  GtkStringList    *problem_lines;
  GListStore       *preview;
  GtkSpinner       *spinner;

  RanahStore       *store;
  GPtrArray        *entries;   /* RanahEntry*, as read; handed to the store on import */
  gboolean          read_ok;
};

G_DEFINE_FINAL_TYPE (RanahImportDialog, ranah_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  GFile *file;
  char  *parent_domain;
} ReadJob;

typedef struct
{
  GPtrArray *entries;
  GPtrArray *problems;
  GPtrArray *objects;
} Read;

static void
read_job_free (ReadJob *job)
{
  g_clear_object (&job->file);
  g_free (job->parent_domain);
  g_free (job);
}

static void
read_free (Read *read)
{
  g_clear_pointer (&read->entries, g_ptr_array_unref);
  g_clear_pointer (&read->problems, g_ptr_array_unref);
  g_clear_pointer (&read->objects, g_ptr_array_unref);
  g_free (read);
}

static gpointer
read_thread (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ReadJob *job = data;
  g_autofree char *contents = NULL;
  gsize length = 0;
  Read *read;

  if (!g_file_load_contents (job->file, cancellable, &contents, &length, NULL, error))
    return NULL;
  read = g_new0 (Read, 1);
  if (!ranah_registry_csv_read (contents, length, NULL, job->parent_domain, &read->entries,
                                &read->problems, error))
    {
      read_free (read);
      return NULL;
    }
  read->objects = g_ptr_array_new_full (read->entries->len, g_object_unref);
  for (guint i = 0; i < read->entries->len; i++)
    g_ptr_array_add (read->objects,
                     ranah_entry_object_new (ranah_entry_copy (g_ptr_array_index (read->entries, i))));
  return read;
}

static void
show_problems (RanahImportDialog *self,
               GPtrArray         *problems)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problem_list))) != NULL)
    gtk_list_box_remove (self->problem_list, child);
  gtk_string_list_splice (self->problem_lines, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->problem_lines)), NULL);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      RanahImportProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *line = problem->line > 0
                              ? g_strdup_printf (_("Line %u: %s"), problem->line, problem->reason)
                              : g_strdup (problem->reason);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line);
      gtk_widget_add_css_class (row, "ranah-late");
      gtk_list_box_append (self->problem_list, row);
      gtk_string_list_append (self->problem_lines, line);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problem_list), problems != NULL && problems->len > 0);
}

static void
update_summary (RanahImportDialog *self)
{
  guint n_entries = self->entries != NULL ? self->entries->len : 0;
  guint n_problems = g_list_model_get_n_items (G_LIST_MODEL (self->problem_lines));
  g_autofree char *text = NULL;

  if (n_problems > 0)
    text = g_strdup_printf (_("%u entries read, %u problems. Nothing is written until every "
                              "problem is corrected in the file."), n_entries, n_problems);
  else
    text = g_strdup_printf (_("%u entries read without problems. Check them, then import."),
                            n_entries);
  gtk_label_set_text (self->summary, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->frame.confirm), ranah_import_dialog_can_import (self));
}

static void
read_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RanahImportDialog *self = RANAH_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  Read *read = ranah_task_finish (result, &error);

  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (read == NULL)
    {
      ranah_dialog_frame_show_error (&self->frame, error->message);
      gtk_label_set_text (self->summary, _("The file could not be read."));
      return;
    }
  self->read_ok = TRUE;
  self->entries = g_steal_pointer (&read->entries);
  g_list_store_splice (self->preview, 0, 0, read->objects->pdata, read->objects->len);
  show_problems (self, read->problems);
  update_summary (self);
  read_free (read);
}

typedef struct
{
  RanahStore *store;
  GPtrArray  *entries;
  GPtrArray  *problems;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->store);
  g_clear_pointer (&job->entries, g_ptr_array_unref);
  g_clear_pointer (&job->problems, g_ptr_array_unref);
  g_free (job);
}

static gpointer
import_thread (gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  ImportJob *job = data;

  if (!ranah_store_import_entries (job->store, job->entries, &job->problems, error))
    {
      if (job->problems != NULL && job->problems->len > 0 && error != NULL && *error == NULL)
        g_set_error_literal (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION,
                             _("The store refused some rows: nothing was imported."));
      return NULL;
    }
  return GINT_TO_POINTER (TRUE);
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RanahImportDialog *self = RANAH_IMPORT_DIALOG (source);
  ImportJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
  if (ranah_task_finish (result, &error) == NULL)
    {
      ranah_dialog_frame_show_error (&self->frame, ranah_error_sentence (error));
      if (job->problems != NULL)
        show_problems (self, job->problems);
      update_summary (self);
      import_job_free (job);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry imported.",
                                          "%u entries imported.", self->entries->len),
                             self->entries->len);
  ranah_widget_toast (GTK_WIDGET (self), message);
  import_job_free (job);
  g_signal_emit (self, signals[IMPORTED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RanahImportDialog *self = RANAH_IMPORT_DIALOG (widget);
  ImportJob *job;

  if (!ranah_import_dialog_can_import (self))
    return;
  job = g_new0 (ImportJob, 1);
  job->store = g_object_ref (self->store);
  job->entries = g_ptr_array_ref (self->entries);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  /* The job outlives the thread: the callback reads the store's problems from it. */
  ranah_task_run (self, NULL, import_thread, job, NULL, NULL, import_done, job);
}

static void
preview_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_item_set_child (item, label);
}

static void
preview_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  const RanahEntry *entry = ranah_entry_object_get_entry (gtk_list_item_get_item (item));
  g_autofree char *records = ranah_format_records (entry->records);
  g_autofree char *text = g_strdup_printf ("%s · %s · %s · %s", entry->fqdn, entry->opd_name,
                                           records, ranah_entry_status_to_string (entry->status));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
ranah_import_dialog_dispose (GObject *object)
{
  RanahImportDialog *self = RANAH_IMPORT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->preview);
  g_clear_object (&self->problem_lines);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (ranah_import_dialog_parent_class)->dispose (object);
}

static void
ranah_import_dialog_class_init (RanahImportDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ranah_import_dialog_dispose;

  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "dialog.confirm", NULL,
                                   confirm_action);
}

static void
ranah_import_dialog_init (RanahImportDialog *self)
{
  self->preview = g_list_store_new (RANAH_TYPE_ENTRY_OBJECT);
  self->problem_lines = gtk_string_list_new (NULL);
}

RanahImportDialog *
ranah_import_dialog_new (RanahStore *store,
                         GFile      *file,
                         const char *parent_domain)
{
  RanahImportDialog *self;
  GtkWidget *heading, *list_view, *scrolled, *top;
  GtkListItemFactory *factory;
  g_autofree char *title = NULL;
  g_autofree char *basename = NULL;
  ReadJob *job;

  g_return_val_if_fail (RANAH_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (RANAH_TYPE_IMPORT_DIALOG, "modal", TRUE, NULL);
  self->store = g_object_ref (store);
  basename = g_file_get_basename (file);
  title = g_strdup_printf (_("Import %s"), basename);
  ranah_dialog_frame_build (ADW_WINDOW (self), title, _("_Import"), FALSE, &self->frame);
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 600);
  gtk_widget_set_sensitive (GTK_WIDGET (self->frame.confirm), FALSE);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_spinner_set_spinning (self->spinner, TRUE);
  self->summary = GTK_LABEL (gtk_label_new (_("Reading the file…")));
  gtk_label_set_wrap (self->summary, TRUE);
  gtk_label_set_xalign (self->summary, 0);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->summary));
  gtk_box_append (GTK_BOX (self->frame.content), top);

  self->problem_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->problem_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem_list), "boxed-list");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_list), FALSE);
  gtk_box_append (GTK_BOX (self->frame.content), GTK_WIDGET (self->problem_list));

  heading = gtk_label_new (_("Entries"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (self->frame.content), heading);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (preview_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (preview_bind), NULL);
  list_view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (
                                   G_LIST_MODEL (g_object_ref (self->preview)))), factory);
  gtk_widget_add_css_class (list_view, "card");
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list_view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (self->frame.content), scrolled);

  job = g_new0 (ReadJob, 1);
  job->file = g_object_ref (file);
  job->parent_domain = g_strdup (parent_domain);
  ranah_task_run (self, NULL, read_thread, job, (GDestroyNotify) read_job_free,
                  (GDestroyNotify) read_free, read_done, NULL);
  return self;
}

guint
ranah_import_dialog_get_n_entries (RanahImportDialog *self)
{
  g_return_val_if_fail (RANAH_IS_IMPORT_DIALOG (self), 0);
  return self->entries != NULL ? self->entries->len : 0;
}

guint
ranah_import_dialog_get_n_problems (RanahImportDialog *self)
{
  g_return_val_if_fail (RANAH_IS_IMPORT_DIALOG (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->problem_lines));
}

GStrv
ranah_import_dialog_dup_problems (RanahImportDialog *self)
{
  GStrvBuilder *builder;
  GStrv result;

  g_return_val_if_fail (RANAH_IS_IMPORT_DIALOG (self), NULL);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->problem_lines)); i++)
    g_strv_builder_add (builder, gtk_string_list_get_string (self->problem_lines, i));
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

gboolean
ranah_import_dialog_can_import (RanahImportDialog *self)
{
  g_return_val_if_fail (RANAH_IS_IMPORT_DIALOG (self), FALSE);
  return self->read_ok && self->entries != NULL && self->entries->len > 0
         && g_list_model_get_n_items (G_LIST_MODEL (self->problem_lines)) == 0;
}
