/* ranah-new-request-dialog.c — step 1: entering a request, checked as it is typed
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The name is checked twice as it is typed: its syntax at once (core, no I/O), then,
 * 300 ms after the last keystroke and off the main loop, whether the registry or a
 * request in progress already holds it. Answers to older keystrokes are dropped.
 */
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ranah-format.h"
#include "ranah-new-request-dialog.h"
#include "ranah-task.h"

struct _RanahNewRequestDialog
{
  AdwWindow        parent_instance;

  GtkButton       *submit_button;
  GtkSpinner      *spinner;
  GtkLabel        *error_label;
  GtkLabel        *mode_label;
  AdwComboRow     *opd_row;
  AdwEntryRow     *name_row;
  GtkLabel        *name_status;
  AdwComboRow     *type_row;
  AdwEntryRow     *target_row;
  GtkSwitch       *internal_switch;
  GtkLabel        *target_status;
  AdwEntryRow     *purpose_row;
  AdwEntryRow     *hal_row;
  AdwEntryRow     *letter_number_row;
  AdwEntryRow     *letter_date_row;
  AdwEntryRow     *received_date_row;
  AdwEntryRow     *received_time_row;
  AdwEntryRow     *classification_row;
  AdwEntryRow     *contact_name_row;
  AdwEntryRow     *contact_phone_row;
  AdwEntryRow     *contact_email_row;
  GtkBox          *drop_box;
  GtkLabel        *file_label;

  RanahStore      *store;
  GPtrArray       *opds;
  char            *parent_domain;
  GStrv            reserved;
  GBytes          *letter;
  guint            check_id;
  guint            check_generation;
  gboolean         name_ok;
  gboolean         is_opd_user;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (RanahNewRequestDialog, ranah_new_request_dialog, ADW_TYPE_WINDOW)

enum {
  SUBMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const RanahRecordType offered_types[] = { RANAH_RECORD_A, RANAH_RECORD_AAAA, RANAH_RECORD_CNAME };

static void
show_error (RanahNewRequestDialog *self,
            const char            *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL && *message);
}

static void
set_status (GtkLabel   *label,
            const char *text,
            gboolean    ok)
{
  gtk_label_set_text (label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (label), ok ? "error" : "success");
  if (text != NULL && *text)
    gtk_widget_add_css_class (GTK_WIDGET (label), ok ? "success" : "error");
}

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* Name checks */

typedef struct
{
  RanahStore *store;
  char       *name;
  char       *fqdn;
  guint       generation;
} CheckJob;

static void
check_job_free (CheckJob *job)
{
  g_clear_object (&job->store);
  g_free (job->name);
  g_free (job->fqdn);
  g_free (job);
}

static gpointer
check_thread (gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  CheckJob *job = data;

  if (!ranah_store_check_name_free (job->store, job->name, 0, error))
    return NULL;
  return g_strdup (job->fqdn != NULL ? job->fqdn : job->name);
}

static void
check_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  RanahNewRequestDialog *self = RANAH_NEW_REQUEST_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *fqdn = ranah_task_finish (result, &error);
  gboolean free_ = fqdn != NULL;
  guint generation = GPOINTER_TO_UINT (user_data);
  g_autofree char *text = NULL;

  if (generation != self->check_generation)
    return;
  if (free_)
    {
      text = g_strdup_printf (_("%s is free."), fqdn);
      set_status (self->name_status, text, TRUE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
    }
  else
    {
      set_status (self->name_status, ranah_error_sentence (error), FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
    }
  self->name_ok = free_;
}

static gboolean
check_name_later_cb (gpointer user_data)
{
  RanahNewRequestDialog *self = user_data;
  g_autofree char *normalized = NULL;
  g_autofree char *fqdn = NULL;
  g_autoptr(GError) error = NULL;
  gboolean converted = FALSE;
  CheckJob *job;

  self->check_id = 0;
  if (!ranah_validate_label (text_of (self->name_row), &normalized, &converted, &error))
    return G_SOURCE_REMOVE;
  if (self->parent_domain != NULL
      && !ranah_validate_subdomain (normalized, self->parent_domain,
                                    (const char * const *) self->reserved, &fqdn, &error))
    return G_SOURCE_REMOVE;

  job = g_new0 (CheckJob, 1);
  job->store = g_object_ref (self->store);
  job->name = g_steal_pointer (&normalized);
  job->fqdn = g_strdup (fqdn);
  set_status (self->name_status, _("Checking whether the name is free…"), TRUE);
  ranah_task_run (self, NULL, check_thread, job, (GDestroyNotify) check_job_free, g_free,
                  check_done, GUINT_TO_POINTER (self->check_generation));
  return G_SOURCE_REMOVE;
}

static void
on_name_changed (RanahNewRequestDialog *self)
{
  g_autofree char *normalized = NULL;
  g_autofree char *fqdn = NULL;
  g_autoptr(GError) error = NULL;
  gboolean converted = FALSE;
  const char *text = text_of (self->name_row);

  self->name_ok = FALSE;
  self->check_generation++;
  g_clear_handle_id (&self->check_id, g_source_remove);

  if (*text == '\0')
    {
      set_status (self->name_status, "", TRUE);
      return;
    }
  if (!ranah_validate_label (text, &normalized, &converted, &error)
      || (self->parent_domain != NULL
          && !ranah_validate_subdomain (normalized, self->parent_domain,
                                        (const char * const *) self->reserved, &fqdn, &error)))
    {
      set_status (self->name_status, error->message, FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  if (converted)
    {
      g_autofree char *msg = g_strdup_printf (_("Will be registered as %s."), normalized);
      set_status (self->name_status, msg, TRUE);
    }
  else
    set_status (self->name_status, "", TRUE);
  self->check_id = g_timeout_add (300, check_name_later_cb, self);
}

static RanahRecord *
current_record (RanahNewRequestDialog *self)
{
  guint type = adw_combo_row_get_selected (self->type_row);
  g_autofree char *target = g_strstrip (g_strdup (text_of (self->target_row)));
  RanahRecord *record = ranah_record_new (type < G_N_ELEMENTS (offered_types) ? offered_types[type]
                                                                               : RANAH_RECORD_A,
                                          "", target);

  record->internal = gtk_switch_get_active (self->internal_switch);
  return record;
}

static void
on_target_changed (RanahNewRequestDialog *self)
{
  g_autoptr(RanahRecord) record = current_record (self);
  g_autoptr(GError) error = NULL;

  if (*record->target == '\0')
    {
      set_status (self->target_status, "", TRUE);
      return;
    }
  if (ranah_validate_record (record, &error))
    {
      set_status (self->target_status, _("Valid."), TRUE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->target_row), "error");
    }
  else
    {
      set_status (self->target_status, error->message, FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (self->target_row), "error");
    }
}

/* Loading the profile, reserved names and OPDs */

typedef struct
{
  GHashTable *profile;
  GStrv       reserved;
  GPtrArray  *opds;
} Setup;

static void
setup_free (Setup *setup)
{
  g_clear_pointer (&setup->profile, g_hash_table_unref);
  g_strfreev (setup->reserved);
  g_clear_pointer (&setup->opds, g_ptr_array_unref);
  g_free (setup);
}

static gpointer
setup_thread (gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  RanahStore *store = data;
  Setup *setup = g_new0 (Setup, 1);

  if ((setup->profile = ranah_store_get_profile (store, error)) == NULL
      || (setup->opds = ranah_store_list_opds (store, error)) == NULL)
    {
      setup_free (setup);
      return NULL;
    }
  setup->reserved = ranah_store_list_reserved (store, NULL);
  return setup;
}

static void
setup_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  RanahNewRequestDialog *self = RANAH_NEW_REQUEST_DIALOG (source);
  g_autoptr(GError) error = NULL;
  Setup *setup = ranah_task_finish (result, &error);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const RanahUser *me = ranah_store_get_user (self->store);
  const char *classification;

  if (setup == NULL)
    {
      show_error (self, ranah_error_sentence (error));
      return;
    }
  self->parent_domain = g_strdup (g_hash_table_lookup (setup->profile, RANAH_PROFILE_PARENT_DOMAIN));
  self->reserved = g_steal_pointer (&setup->reserved);
  classification = g_hash_table_lookup (setup->profile, RANAH_PROFILE_CLASSIFICATION);
  if (*text_of (self->classification_row) == '\0' && classification != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->classification_row), classification);
  self->opds = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_opd_free);
  for (guint i = 0; i < setup->opds->len; i++)
    {
      RanahOpd *opd = g_ptr_array_index (setup->opds, i);
      if (!opd->active)
        continue;
      if (self->is_opd_user && me != NULL && opd->id != me->opd_id)
        continue;
      gtk_string_list_append (names, opd->name);
      g_ptr_array_add (self->opds, ranah_opd_copy (opd));
    }
  adw_combo_row_set_model (self->opd_row, G_LIST_MODEL (names));
  setup_free (setup);
  on_name_changed (self);
}

/* The scanned letter */

typedef struct
{
  GFile  *file;
  char   *name;
} FileJob;

static void
file_job_free (FileJob *job)
{
  g_clear_object (&job->file);
  g_free (job->name);
  g_free (job);
}

static gpointer
file_thread (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  FileJob *job = data;
  g_autoptr(GFileInfo) info = NULL;
  char *contents = NULL;
  gsize length = 0;

  info = g_file_query_info (job->file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_size (info) > RANAH_ATTACHMENT_MAX_BYTES)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("The scanned letter is larger than 20 MB: scan it at a lower resolution."));
      return NULL;
    }
  if (!g_file_load_contents (job->file, cancellable, &contents, &length, NULL, error))
    return NULL;
  /* Checked by content, like the store does: a renamed image is not a PDF. */
  if (length < 5 || memcmp (contents, "%PDF-", 5) != 0)
    {
      g_free (contents);
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("The scanned letter must be a PDF file."));
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

static void
file_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RanahNewRequestDialog *self = RANAH_NEW_REQUEST_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = user_data;
  GBytes *bytes = ranah_task_finish (result, &error);

  if (bytes == NULL)
    {
      set_status (self->file_label, ranah_error_sentence (error), FALSE);
      return;
    }
  g_clear_pointer (&self->letter, g_bytes_unref);
  self->letter = bytes;
  {
    g_autofree char *size = g_format_size (g_bytes_get_size (bytes));
    g_autofree char *text = g_strdup_printf (_("%s (%s)"), name, size);
    set_status (self->file_label, text, TRUE);
  }
}

static void
on_chooser_response (GtkNativeDialog       *chooser,
                     int                    response,
                     RanahNewRequestDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      ranah_new_request_dialog_load_letter (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RanahNewRequestDialog *self = RANAH_NEW_REQUEST_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Choose the Scanned Request Letter"),
                                               GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Choose"), NULL);
  gtk_file_filter_set_name (filter, _("PDF files"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
on_drop (GtkDropTarget         *target,
         const GValue          *value,
         double                 x,
         double                 y,
         RanahNewRequestDialog *self)
{
  GFile *file = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self->drop_box), "ranah-dragging");
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);
      if (files != NULL)
        file = files->data;
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    file = g_value_get_object (value);
  if (file == NULL)
    return FALSE;
  ranah_new_request_dialog_load_letter (self, file);
  return TRUE;
}

static GdkDragAction
on_drag_enter (GtkDropTarget         *target,
               double                 x,
               double                 y,
               RanahNewRequestDialog *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self->drop_box), "ranah-dragging");
  return GDK_ACTION_COPY;
}

static void
on_drag_leave (GtkDropTarget         *target,
               RanahNewRequestDialog *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->drop_box), "ranah-dragging");
}

/* Submitting */

typedef struct
{
  RanahStore   *store;
  RanahRequest *request;
  GBytes       *letter;
  char         *received_time;   /* HH:MM or "" */
} SubmitJob;

static void
submit_job_free (SubmitJob *job)
{
  g_clear_object (&job->store);
  g_clear_pointer (&job->request, ranah_request_free);
  g_clear_pointer (&job->letter, g_bytes_unref);
  g_free (job->received_time);
  g_free (job);
}

static gpointer
submit_thread (gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  SubmitJob *job = data;
  gint64 id;

  /* The time the letter arrived, when step 2's clock starts; empty: the store's default
   * (the office's opening that day, or now when it is today). */
  if (job->received_time != NULL && *job->received_time != '\0')
    {
      g_autoptr(RanahCalendar) calendar = NULL;
      guint h, m;
      char tail;

      if (sscanf (job->received_time, "%2u:%2u%c", &h, &m, &tail) != 2 || h > 23 || m > 59)
        {
          g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                       _("The received time must be a time of day such as 09:30."));
          return NULL;
        }
      if ((calendar = ranah_store_get_calendar (job->store, error)) == NULL)
        return NULL;
      job->request->received_at = ranah_calendar_moment (calendar, job->request->received_date,
                                                         h * 60 + m);
    }
  id = ranah_store_submit_request (job->store, job->request, job->letter, error);
  if (id == 0)
    return NULL;
  return g_memdup2 (&id, sizeof id);
}

static void
submit_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RanahNewRequestDialog *self = RANAH_NEW_REQUEST_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = ranah_task_finish (result, &error);

  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->submit_button), TRUE);
  if (id == NULL)
    {
      /* Everything typed stays; the sentence names the field and the rule. */
      show_error (self, ranah_error_sentence (error));
      return;
    }
  g_signal_emit (self, signals[SUBMITTED], 0, *id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
set_str (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = g_strstrip (g_strdup (value != NULL ? value : ""));
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RanahNewRequestDialog *self = RANAH_NEW_REQUEST_DIALOG (widget);
  SubmitJob *job;
  RanahRequest *request;
  guint opd = adw_combo_row_get_selected (self->opd_row);
  g_autofree char *normalized = NULL;

  if (self->opds == NULL || opd == GTK_INVALID_LIST_POSITION || opd >= self->opds->len)
    {
      show_error (self, _("Choose the OPD that sent the letter."));
      return;
    }
  if (!ranah_validate_label (text_of (self->name_row), &normalized, NULL, NULL))
    normalized = g_strdup (text_of (self->name_row));

  request = ranah_request_new ();
  request->opd_id = ((RanahOpd *) g_ptr_array_index (self->opds, opd))->id;
  set_str (&request->opd_name, ((RanahOpd *) g_ptr_array_index (self->opds, opd))->name);
  set_str (&request->name, normalized);
  set_str (&request->purpose, text_of (self->purpose_row));
  set_str (&request->hal, text_of (self->hal_row));
  set_str (&request->letter_number, text_of (self->letter_number_row));
  set_str (&request->letter_date, text_of (self->letter_date_row));
  set_str (&request->received_date, text_of (self->received_date_row));
  set_str (&request->classification, text_of (self->classification_row));
  set_str (&request->contact_name, text_of (self->contact_name_row));
  set_str (&request->contact_phone, text_of (self->contact_phone_row));
  set_str (&request->contact_email, text_of (self->contact_email_row));
  g_ptr_array_add (request->records, current_record (self));

  job = g_new0 (SubmitJob, 1);
  job->store = g_object_ref (self->store);
  job->request = request;
  job->letter = self->letter != NULL ? g_bytes_ref (self->letter) : NULL;
  job->received_time = g_strstrip (g_strdup (text_of (self->received_time_row)));
  show_error (self, NULL);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->submit_button), FALSE);
  ranah_task_run (self, NULL, submit_thread, job, (GDestroyNotify) submit_job_free, g_free,
                  submit_done, NULL);
}

static void
ranah_new_request_dialog_dispose (GObject *object)
{
  RanahNewRequestDialog *self = RANAH_NEW_REQUEST_DIALOG (object);

  g_clear_handle_id (&self->check_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), RANAH_TYPE_NEW_REQUEST_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->opds, g_ptr_array_unref);
  g_clear_pointer (&self->parent_domain, g_free);
  g_clear_pointer (&self->reserved, g_strfreev);
  g_clear_pointer (&self->letter, g_bytes_unref);

  G_OBJECT_CLASS (ranah_new_request_dialog_parent_class)->dispose (object);
}

static void
ranah_new_request_dialog_class_init (RanahNewRequestDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ranah_new_request_dialog_dispose;

  /**
   * RanahNewRequestDialog::submitted:
   * @id: the new request's id
   */
  signals[SUBMITTED] = g_signal_new ("submitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/tarakankota/Ranah/ui/ranah-new-request-dialog.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, RanahNewRequestDialog, name)
  CHILD (submit_button);
  CHILD (spinner);
  CHILD (error_label);
  CHILD (mode_label);
  CHILD (opd_row);
  CHILD (name_row);
  CHILD (name_status);
  CHILD (type_row);
  CHILD (target_row);
  CHILD (internal_switch);
  CHILD (target_status);
  CHILD (purpose_row);
  CHILD (hal_row);
  CHILD (letter_number_row);
  CHILD (letter_date_row);
  CHILD (received_date_row);
  CHILD (received_time_row);
  CHILD (classification_row);
  CHILD (contact_name_row);
  CHILD (contact_phone_row);
  CHILD (contact_email_row);
  CHILD (drop_box);
  CHILD (file_label);
#undef CHILD

  gtk_widget_class_install_action (widget_class, "new-request.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "new-request.choose-file", NULL,
                                   choose_file_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "new-request.submit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "new-request.choose-file", NULL);
}

static void
ranah_new_request_dialog_init (RanahNewRequestDialog *self)
{
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  GtkDropTarget *drop;
  GType drop_types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (offered_types); i++)
    gtk_string_list_append (types, ranah_record_type_to_string (offered_types[i]));
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (types));
  gtk_editable_set_text (GTK_EDITABLE (self->hal_row), "Permohonan Pembuatan Subdomain");
  gtk_editable_set_text (GTK_EDITABLE (self->letter_date_row), today);
  gtk_editable_set_text (GTK_EDITABLE (self->received_date_row), today);

  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (on_name_changed), self);
  g_signal_connect_swapped (self->target_row, "changed", G_CALLBACK (on_target_changed), self);
  g_signal_connect_swapped (self->type_row, "notify::selected", G_CALLBACK (on_target_changed), self);
  g_signal_connect_swapped (self->internal_switch, "notify::active", G_CALLBACK (on_target_changed), self);

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, drop_types, G_N_ELEMENTS (drop_types));
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  g_signal_connect (drop, "enter", G_CALLBACK (on_drag_enter), self);
  g_signal_connect (drop, "leave", G_CALLBACK (on_drag_leave), self);
  /* The whole window takes the drop, not only the box: easier to hit. */
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

RanahNewRequestDialog *
ranah_new_request_dialog_new (GtkWindow  *parent,
                              RanahStore *store)
{
  RanahNewRequestDialog *self;
  const RanahUser *me;

  g_return_val_if_fail (RANAH_IS_STORE (store), NULL);

  self = g_object_new (RANAH_TYPE_NEW_REQUEST_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  me = ranah_store_get_user (store);
  self->is_opd_user = me != NULL && me->role == RANAH_ROLE_OPD;
  gtk_widget_set_visible (GTK_WIDGET (self->opd_row), !self->is_opd_user);
  gtk_label_set_text (self->mode_label,
                      self->is_opd_user
                      ? _("Your OPD’s request goes to Kepala Dinas once you submit it.")
                      : _("Register a paper letter on behalf of the OPD that sent it."));
  gtk_widget_grab_focus (self->is_opd_user ? GTK_WIDGET (self->name_row) : GTK_WIDGET (self->opd_row));
  ranah_task_run (self, NULL, setup_thread, g_object_ref (store), g_object_unref,
                  (GDestroyNotify) setup_free, setup_done, NULL);
  return self;
}

void
ranah_new_request_dialog_fill (RanahNewRequestDialog *self,
                               const char            *field,
                               const char            *value)
{
  struct { const char *name; AdwEntryRow *row; } fields[] = {
    { "name", self->name_row },
    { "target", self->target_row },
    { "purpose", self->purpose_row },
    { "hal", self->hal_row },
    { "letter-number", self->letter_number_row },
    { "letter-date", self->letter_date_row },
    { "received-date", self->received_date_row },
    { "received-time", self->received_time_row },
    { "classification", self->classification_row },
    { "contact-name", self->contact_name_row },
    { "contact-phone", self->contact_phone_row },
    { "contact-email", self->contact_email_row },
  };

  g_return_if_fail (RANAH_IS_NEW_REQUEST_DIALOG (self));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].name, field))
      {
        gtk_editable_set_text (GTK_EDITABLE (fields[i].row), value);
        return;
      }
  g_return_if_reached ();
}

gboolean
ranah_new_request_dialog_select_opd (RanahNewRequestDialog *self,
                                     const char            *code)
{
  g_return_val_if_fail (RANAH_IS_NEW_REQUEST_DIALOG (self), FALSE);
  for (guint i = 0; self->opds != NULL && i < self->opds->len; i++)
    if (g_ascii_strcasecmp (((RanahOpd *) g_ptr_array_index (self->opds, i))->code, code) == 0)
      {
        adw_combo_row_set_selected (self->opd_row, i);
        return TRUE;
      }
  return FALSE;
}

void
ranah_new_request_dialog_load_letter (RanahNewRequestDialog *self,
                                      GFile                 *file)
{
  FileJob *job;

  g_return_if_fail (RANAH_IS_NEW_REQUEST_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (FileJob, 1);
  job->file = g_object_ref (file);
  set_status (self->file_label, _("Reading the file…"), TRUE);
  ranah_task_run (self, NULL, file_thread, job, (GDestroyNotify) file_job_free,
                  (GDestroyNotify) g_bytes_unref, file_done, g_file_get_basename (file));
}

const char *
ranah_new_request_dialog_get_name_status (RanahNewRequestDialog *self)
{
  g_return_val_if_fail (RANAH_IS_NEW_REQUEST_DIALOG (self), NULL);
  return gtk_label_get_text (self->name_status);
}

const char *
ranah_new_request_dialog_get_error (RanahNewRequestDialog *self)
{
  g_return_val_if_fail (RANAH_IS_NEW_REQUEST_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_text (self->error_label) : NULL;
}

gboolean
ranah_new_request_dialog_get_name_ok (RanahNewRequestDialog *self)
{
  g_return_val_if_fail (RANAH_IS_NEW_REQUEST_DIALOG (self), FALSE);
  return self->name_ok;
}
