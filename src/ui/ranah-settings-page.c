/* ranah-settings-page.c — Pengaturan (admin): agency profile, users, OPDs, holidays,
 * reserved names
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built in code: its rows follow the store's lists, so the page is rebuilt from each load.
 */
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ranah-dialog-util.h"
#include "ranah-format.h"
#include "ranah-holiday-import-dialog.h"
#include "ranah-logo.h"
#include "ranah-settings-page.h"
#include "ranah-task.h"
#include "ranah-window.h"

struct _RanahSettingsPage
{
  GtkWidget   parent_instance;

  GtkWidget  *page;
  RanahStore *store;
  GPtrArray  *opds;
  guint       generation;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (RanahSettingsPage, ranah_settings_page, GTK_TYPE_WIDGET)

typedef struct
{
  const char *key;
  const char *title;
} ProfileField;

static const ProfileField profile_fields[] = {
  { RANAH_PROFILE_GOVERNMENT, N_("Government") },
  { RANAH_PROFILE_AGENCY, N_("Agency") },
  { RANAH_PROFILE_AGENCY_SHORT, N_("Agency short name") },
  { RANAH_PROFILE_ADDRESS, N_("Address") },
  { RANAH_PROFILE_PHONE, N_("Phone") },
  { RANAH_PROFILE_EMAIL, N_("E-mail") },
  { RANAH_PROFILE_WEBSITE, N_("Website") },
  { RANAH_PROFILE_CITY, N_("City") },
  { RANAH_PROFILE_TIMEZONE, N_("Time zone") },
  { RANAH_PROFILE_PARENT_DOMAIN, N_("Parent domain") },
  { RANAH_PROFILE_NUMBER_TEMPLATE, N_("Letter number template") },
  { RANAH_PROFILE_CLASSIFICATION, N_("Default classification code") },
  /* Only the SOP compliance sheet's (signed by hand): a Surat Tanggapan's signature block
   * is the signing Kepala Dinas's own account, under Users. */
  { RANAH_PROFILE_SIGNER_NAME, N_("Compliance sheet signer’s name") },
  { RANAH_PROFILE_SIGNER_POSITION, N_("Compliance sheet signer’s position") },
  { RANAH_PROFILE_SIGNER_RANK, N_("Compliance sheet signer’s rank") },
  { RANAH_PROFILE_SIGNER_NIP, N_("Compliance sheet signer’s NIP") },
  { RANAH_PROFILE_PAPER, N_("Paper (A4 or F4)") },
};

static GtkWidget *remove_button (const char *tooltip);

/* Store work shared by every edit on this page: a closure run in a thread. */

typedef gboolean (*EditFunc) (RanahStore *store, gpointer data, GError **error);

typedef struct
{
  RanahStore     *store;
  EditFunc        func;
  gpointer        data;
  GDestroyNotify  data_free;
  char           *done_message;
} EditJob;

static void
edit_job_free (EditJob *job)
{
  g_clear_object (&job->store);
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job->done_message);
  g_free (job);
}

static gpointer
edit_thread (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  EditJob *job = data;

  if (!job->func (job->store, job->data, error))
    return NULL;
  return g_strdup (job->done_message);
}

static void
edit_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RanahSettingsPage *self = RANAH_SETTINGS_PAGE (source);
  GtkWindow *dialog = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = ranah_task_finish (result, &error);

  if (message == NULL)
    {
      if (dialog != NULL)
        {
          RanahDialogFrame *frame = g_object_get_data (G_OBJECT (dialog), "frame");
          gtk_widget_set_sensitive (GTK_WIDGET (dialog), TRUE);
          ranah_dialog_frame_show_error (frame, ranah_error_sentence (error));
          g_object_unref (dialog);
        }
      else
        ranah_widget_toast (GTK_WIDGET (self), ranah_error_sentence (error));
      return;
    }
  if (dialog != NULL)
    {
      gtk_window_destroy (dialog);
      g_object_unref (dialog);
    }
  ranah_widget_toast (GTK_WIDGET (self), message);
  ranah_settings_page_reload (self);
}

static void
run_edit (RanahSettingsPage *self,
          GtkWindow         *dialog,
          EditFunc           func,
          gpointer           data,
          GDestroyNotify     data_free,
          const char        *done_message)
{
  EditJob *job = g_new0 (EditJob, 1);

  job->store = g_object_ref (self->store);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->done_message = g_strdup (done_message);
  if (dialog != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (dialog), FALSE);
  ranah_task_run (self, NULL, edit_thread, job, (GDestroyNotify) edit_job_free, g_free, edit_done,
                  dialog != NULL ? g_object_ref (dialog) : NULL);
}

/* Profile */

static gboolean
set_profile_edit (RanahStore *store, gpointer data, GError **error)
{
  char **kv = data;
  return ranah_store_set_profile (store, kv[0], kv[1], error);
}

static void
on_profile_apply (AdwEntryRow       *row,
                  RanahSettingsPage *self)
{
  char **kv = g_new0 (char *, 3);

  kv[0] = g_strdup (g_object_get_data (G_OBJECT (row), "key"));
  kv[1] = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  run_edit (self, NULL, set_profile_edit, kv, (GDestroyNotify) g_strfreev,
            _("The agency profile was saved."));
}

/* The lambang: read from its PNG or SVG file and checked at once (ranah-logo.h), in the
 * edit's thread; the store checks it again. NULL data clears it. */
static gboolean
set_logo_edit (RanahStore *store, gpointer data, GError **error)
{
  g_autofree char *value = NULL;

  if (data != NULL && (value = ranah_logo_read_file (data, NULL, error)) == NULL)
    return FALSE;
  return ranah_store_set_profile (store, RANAH_PROFILE_LOGO, value != NULL ? value : "", error);
}

void
ranah_settings_page_set_logo (RanahSettingsPage *self,
                              GFile             *file)
{
  g_return_if_fail (RANAH_IS_SETTINGS_PAGE (self));

  if (file == NULL)
    run_edit (self, NULL, set_logo_edit, NULL, NULL, _("The logo was removed."));
  else if (g_file_peek_path (file) == NULL)
    ranah_widget_toast (GTK_WIDGET (self), _("Choose a logo file on this computer."));
  else
    run_edit (self, NULL, set_logo_edit, g_file_get_path (file), g_free,
              _("The logo was saved."));
}

static void
on_logo_response (GtkNativeDialog   *chooser,
                  int                response,
                  RanahSettingsPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        ranah_settings_page_set_logo (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
choose_logo_clicked (RanahSettingsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Choose the Logo"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  gtk_file_filter_set_name (images, _("PNG and SVG images"));
  gtk_file_filter_add_mime_type (images, "image/png");
  gtk_file_filter_add_mime_type (images, "image/svg+xml");
  gtk_file_filter_add_suffix (images, "png");
  gtk_file_filter_add_suffix (images, "svg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), images);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_logo_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
remove_logo_clicked (RanahSettingsPage *self)
{
  ranah_settings_page_set_logo (self, NULL);
}

/* The logo's row: what is set, a button to choose a file and one to remove it. */
static void
add_logo_row (RanahSettingsPage *self,
              GtkWidget         *group,
              GHashTable        *profile)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *choose = gtk_button_new_with_mnemonic (_("_Choose…"));
  const char *value = g_hash_table_lookup (profile, RANAH_PROFILE_LOGO);
  RanahLogoKind kind = RANAH_LOGO_NONE;
  g_autofree char *subtitle = NULL;

  if (value == NULL || *value == '\0')
    subtitle = g_strdup (_("None: the letterhead shows a neutral emblem."));
  else if (!ranah_logo_check_base64 (value, &kind, NULL))
    subtitle = g_strdup (_("The stored logo cannot be read: choose its file again."));
  else
    subtitle = g_strdup_printf (kind == RANAH_LOGO_PNG ? _("A PNG image of about %zu kB.")
                                                       : _("An SVG image of about %zu kB; "
                                                           "the letterhead shows a neutral "
                                                           "emblem in its place."),
                                (strlen (value) / 4 * 3 + 1023) / 1024);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Logo (lambang)"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (choose, "clicked", G_CALLBACK (choose_logo_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), choose);
  if (value != NULL && *value != '\0')
    {
      GtkWidget *remove = remove_button (_("Remove the logo"));

      g_signal_connect_swapped (remove, "clicked", G_CALLBACK (remove_logo_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

/* Users */

static gboolean
update_user_edit (RanahStore *store, gpointer data, GError **error)
{
  return ranah_store_update_user (store, data, error);
}

static void
on_user_active (GtkSwitch         *toggle,
                GParamSpec        *pspec,
                RanahSettingsPage *self)
{
  RanahUser *user = ranah_user_copy (g_object_get_data (G_OBJECT (toggle), "user"));

  user->active = gtk_switch_get_active (toggle);
  run_edit (self, NULL, update_user_edit, user, (GDestroyNotify) ranah_user_free,
            user->active ? _("The account is active.") : _("The account is disabled."));
}

typedef struct
{
  RanahUser *user;
  char      *password;
} NewUser;

static void
new_user_free (NewUser *data)
{
  ranah_user_free (data->user);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data);
}

static gboolean
add_user_edit (RanahStore *store, gpointer data, GError **error)
{
  NewUser *new_user = data;
  return ranah_store_add_user (store, new_user->user, new_user->password, error) != 0;
}

static GtkWidget *
entry_row (GtkWidget  *group,
           const char *title,
           gboolean    password)
{
  GtkWidget *row = password ? adw_password_entry_row_new () : adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static GtkWidget *
combo_row (GtkWidget   *group,
           const char  *title,
           GListModel  *model)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), model);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static AdwWindow *
edit_dialog (RanahSettingsPage *self,
             const char        *title,
             const char        *confirm,
             GtkWidget        **group_out)
{
  AdwWindow *dialog = ADW_WINDOW (adw_window_new ());
  RanahDialogFrame *frame = g_new0 (RanahDialogFrame, 1);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  ranah_dialog_frame_build (dialog, title, confirm, FALSE, frame);
  g_object_set_data_full (G_OBJECT (dialog), "frame", frame, g_free);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 480, 480);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  *group_out = adw_preferences_group_new ();
  gtk_box_append (GTK_BOX (frame->content), *group_out);
  return dialog;
}

static void
on_add_user_confirm (GSimpleAction     *action,
                     GVariant          *parameter,
                     RanahSettingsPage *self)
{
  GtkWindow *dialog = g_object_get_data (G_OBJECT (action), "dialog");
  NewUser *data = g_new0 (NewUser, 1);
  guint role = adw_combo_row_get_selected (g_object_get_data (G_OBJECT (dialog), "role"));
  guint opd = adw_combo_row_get_selected (g_object_get_data (G_OBJECT (dialog), "opd"));

  data->user = ranah_user_new ();
  g_free (data->user->username);
  data->user->username = g_ascii_strdown (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "username")), -1);
  g_free (data->user->full_name);
  data->user->full_name = g_strdup (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "full-name")));
  g_free (data->user->nip);
  data->user->nip = g_strdup (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "nip")));
  g_free (data->user->position);
  data->user->position = g_strstrip (g_strdup (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "position"))));
  g_free (data->user->rank);
  data->user->rank = g_strstrip (g_strdup (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "rank"))));
  data->user->role = (RanahRole) (role + RANAH_ROLE_OPD);
  if (data->user->role == RANAH_ROLE_OPD && self->opds != NULL && opd < self->opds->len)
    data->user->opd_id = ((RanahOpd *) g_ptr_array_index (self->opds, opd))->id;
  data->password = g_strdup (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "password")));
  run_edit (self, dialog, add_user_edit, data, (GDestroyNotify) new_user_free,
            _("The user was added."));
}

static void
install_confirm (GtkWindow         *dialog,
                 RanahSettingsPage *self,
                 GCallback          callback)
{
  GSimpleActionGroup *group = g_simple_action_group_new ();
  GSimpleAction *action = g_simple_action_new ("confirm", NULL);

  g_object_set_data (G_OBJECT (action), "dialog", dialog);
  g_signal_connect (action, "activate", callback, self);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (GTK_WIDGET (dialog), "dialog", G_ACTION_GROUP (group));
  g_object_unref (action);
  g_object_unref (group);
}

static void
add_user_clicked (RanahSettingsPage *self)
{
  GtkWidget *group;
  AdwWindow *dialog = edit_dialog (self, _("Add User"), _("_Add"), &group);
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) opds = gtk_string_list_new (NULL);

  for (RanahRole role = RANAH_ROLE_OPD; role < RANAH_N_ROLES; role++)
    gtk_string_list_append (roles, ranah_role_title (role));
  for (guint i = 0; self->opds != NULL && i < self->opds->len; i++)
    gtk_string_list_append (opds, ((RanahOpd *) g_ptr_array_index (self->opds, i))->name);
  g_object_set_data (G_OBJECT (dialog), "username", entry_row (group, _("User name"), FALSE));
  g_object_set_data (G_OBJECT (dialog), "full-name", entry_row (group, _("Full name"), FALSE));
  g_object_set_data (G_OBJECT (dialog), "nip", entry_row (group, _("NIP"), FALSE));
  /* What a Kepala Dinas's signature block prints, with the name and NIP. */
  g_object_set_data (G_OBJECT (dialog), "position", entry_row (group, _("Position (jabatan)"), FALSE));
  g_object_set_data (G_OBJECT (dialog), "rank", entry_row (group, _("Rank (pangkat/golongan)"), FALSE));
  g_object_set_data (G_OBJECT (dialog), "role", combo_row (group, _("Role"), G_LIST_MODEL (roles)));
  g_object_set_data (G_OBJECT (dialog), "opd", combo_row (group, _("OPD (for OPD users)"), G_LIST_MODEL (opds)));
  g_object_set_data (G_OBJECT (dialog), "password", entry_row (group, _("Password"), TRUE));
  install_confirm (GTK_WINDOW (dialog), self, G_CALLBACK (on_add_user_confirm));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A user's own details: what a Kepala Dinas's signature block prints. */
static void
on_edit_user_confirm (GSimpleAction     *action,
                      GVariant          *parameter,
                      RanahSettingsPage *self)
{
  GtkWindow *dialog = g_object_get_data (G_OBJECT (action), "dialog");
  RanahUser *user = ranah_user_copy (g_object_get_data (G_OBJECT (dialog), "user"));

#define TAKE(field, key) \
  g_free (user->field); \
  user->field = g_strstrip (g_strdup (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), key))))
  TAKE (full_name, "full-name");
  TAKE (nip, "nip");
  TAKE (position, "position");
  TAKE (rank, "rank");
#undef TAKE
  run_edit (self, dialog, update_user_edit, user, (GDestroyNotify) ranah_user_free,
            _("The user was saved."));
}

static void
edit_user_clicked (GtkButton         *button,
                   RanahSettingsPage *self)
{
  const RanahUser *user = g_object_get_data (G_OBJECT (button), "user");
  GtkWidget *group;
  AdwWindow *dialog = edit_dialog (self, _("Edit User"), _("_Save"), &group);
  struct {
    const char *key;
    const char *title;
    const char *value;
  } rows[] = {
    { "full-name", N_("Full name"), user->full_name },
    { "nip", N_("NIP"), user->nip },
    { "position", N_("Position (jabatan)"), user->position },
    { "rank", N_("Rank (pangkat/golongan)"), user->rank },
  };

  g_object_set_data_full (G_OBJECT (dialog), "user", ranah_user_copy (user),
                          (GDestroyNotify) ranah_user_free);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *row = entry_row (group, _(rows[i].title), FALSE);

      gtk_editable_set_text (GTK_EDITABLE (row), rows[i].value != NULL ? rows[i].value : "");
      g_object_set_data (G_OBJECT (dialog), rows[i].key, row);
    }
  install_confirm (GTK_WINDOW (dialog), self, G_CALLBACK (on_edit_user_confirm));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* OPDs */

static gboolean
add_opd_edit (RanahStore *store, gpointer data, GError **error)
{
  return ranah_store_add_opd (store, data, error) != 0;
}

static void
on_add_opd_confirm (GSimpleAction     *action,
                    GVariant          *parameter,
                    RanahSettingsPage *self)
{
  GtkWindow *dialog = g_object_get_data (G_OBJECT (action), "dialog");
  RanahOpd *opd = ranah_opd_new ();

#define TAKE(field, key) \
  g_free (opd->field); \
  opd->field = g_strstrip (g_strdup (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), key))))
  TAKE (code, "code");
  TAKE (name, "name");
  TAKE (head_title, "head-title");
  TAKE (address, "address");
  TAKE (email, "email");
#undef TAKE
  run_edit (self, dialog, add_opd_edit, opd, (GDestroyNotify) ranah_opd_free, _("The OPD was added."));
}

static void
add_opd_clicked (RanahSettingsPage *self)
{
  GtkWidget *group;
  AdwWindow *dialog = edit_dialog (self, _("Add OPD"), _("_Add"), &group);

  g_object_set_data (G_OBJECT (dialog), "code", entry_row (group, _("Code (e.g. DINKES)"), FALSE));
  g_object_set_data (G_OBJECT (dialog), "name", entry_row (group, _("Name"), FALSE));
  g_object_set_data (G_OBJECT (dialog), "head-title", entry_row (group, _("Addressee (head’s title)"), FALSE));
  g_object_set_data (G_OBJECT (dialog), "address", entry_row (group, _("Place (di …)"), FALSE));
  g_object_set_data (G_OBJECT (dialog), "email", entry_row (group, _("E-mail"), FALSE));
  install_confirm (GTK_WINDOW (dialog), self, G_CALLBACK (on_add_opd_confirm));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Holidays and reserved names */

static gboolean
add_holiday_edit (RanahStore *store, gpointer data, GError **error)
{
  return ranah_store_add_holiday (store, data, error);
}

static gboolean
remove_holiday_edit (RanahStore *store, gpointer data, GError **error)
{
  return ranah_store_remove_holiday (store, data, error);
}

static gboolean
add_reserved_edit (RanahStore *store, gpointer data, GError **error)
{
  return ranah_store_add_reserved (store, data, error);
}

static gboolean
remove_reserved_edit (RanahStore *store, gpointer data, GError **error)
{
  return ranah_store_remove_reserved (store, data, error);
}

static void
on_add_holiday (AdwEntryRow       *row,
                RanahSettingsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_auto(GStrv) parts = g_strsplit (text, " ", 2);
  gboolean cuti = ranah_holiday_text_is_cuti_bersama (text);

  run_edit (self, NULL, add_holiday_edit,
            ranah_holiday_new (parts[0] ? parts[0] : "", parts[0] && parts[1] ? g_strstrip (parts[1]) : "",
                               cuti),
            (GDestroyNotify) ranah_holiday_free, _("The holiday was added."));
}

static void
on_remove_holiday (GtkButton         *button,
                   RanahSettingsPage *self)
{
  run_edit (self, NULL, remove_holiday_edit, g_strdup (g_object_get_data (G_OBJECT (button), "date")),
            g_free, _("The holiday was removed."));
}

static void
on_import_response (GtkNativeDialog   *chooser,
                    int                response,
                    RanahSettingsPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        ranah_settings_page_import_holidays (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
import_holidays_clicked (RanahSettingsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) both = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) ics = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Import Holidays"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  gtk_file_filter_set_name (both, _("Calendars and CSV files"));
  gtk_file_filter_add_mime_type (both, "text/calendar");
  gtk_file_filter_add_suffix (both, "ics");
  gtk_file_filter_add_mime_type (both, "text/csv");
  gtk_file_filter_add_suffix (both, "csv");
  gtk_file_filter_set_name (ics, _("iCalendar files (.ics)"));
  gtk_file_filter_add_mime_type (ics, "text/calendar");
  gtk_file_filter_add_suffix (ics, "ics");
  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), both);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), ics);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_import_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_add_reserved (AdwEntryRow       *row,
                 RanahSettingsPage *self)
{
  run_edit (self, NULL, add_reserved_edit,
            g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)))), g_free,
            _("The name is reserved."));
}

static void
on_remove_reserved (GtkButton         *button,
                    RanahSettingsPage *self)
{
  run_edit (self, NULL, remove_reserved_edit, g_strdup (g_object_get_data (G_OBJECT (button), "name")),
            g_free, _("The name is free for requests again."));
}

static GtkWidget *
remove_button (const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static GtkWidget *
group_with_button (GtkWidget  *page,
                   const char *title,
                   const char *description,
                   const char *button_label,
                   GCallback   callback,
                   gpointer    data)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  if (button_label != NULL)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (button_label);
      gtk_widget_add_css_class (button, "flat");
      g_signal_connect_swapped (button, "clicked", callback, data);
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  return group;
}

/* Loading */

typedef struct
{
  GHashTable *profile;
  GPtrArray  *users;
  GPtrArray  *opds;
  GPtrArray  *holidays;
  GStrv       reserved;
  guint       generation;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->profile, g_hash_table_unref);
  g_clear_pointer (&loaded->users, g_ptr_array_unref);
  g_clear_pointer (&loaded->opds, g_ptr_array_unref);
  g_clear_pointer (&loaded->holidays, g_ptr_array_unref);
  g_strfreev (loaded->reserved);
  g_free (loaded);
}

static gpointer
load_thread (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  RanahStore *store = data;
  Loaded *loaded = g_new0 (Loaded, 1);

  if ((loaded->profile = ranah_store_get_profile (store, error)) == NULL
      || (loaded->users = ranah_store_list_users (store, error)) == NULL
      || (loaded->opds = ranah_store_list_opds (store, error)) == NULL
      || (loaded->holidays = ranah_store_list_holidays (store, error)) == NULL
      || (loaded->reserved = ranah_store_list_reserved (store, error)) == NULL)
    {
      loaded_free (loaded);
      return NULL;
    }
  return loaded;
}

static const char *
opd_name (GPtrArray *opds,
          gint64     id)
{
  for (guint i = 0; opds != NULL && i < opds->len; i++)
    if (((RanahOpd *) g_ptr_array_index (opds, i))->id == id)
      return ((RanahOpd *) g_ptr_array_index (opds, i))->name;
  return "";
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RanahSettingsPage *self = RANAH_SETTINGS_PAGE (source);
  g_autoptr(GError) error = NULL;
  Loaded *loaded = ranah_task_finish (result, &error);
  GtkWidget *page, *group;
  guint generation = GPOINTER_TO_UINT (user_data);

  if (loaded == NULL)
    {
      ranah_widget_toast (GTK_WIDGET (self), ranah_error_sentence (error));
      return;
    }
  if (generation != self->generation)
    {
      loaded_free (loaded);
      return;
    }

  page = adw_preferences_page_new ();

  group = group_with_button (page, _("Agency Profile"),
                             _("Used in the kop surat and the Surat Tanggapan. Press Enter or the "
                               "check mark to save a line."), NULL, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (profile_fields); i++)
    {
      GtkWidget *row = adw_entry_row_new ();
      const char *value = g_hash_table_lookup (loaded->profile, profile_fields[i].key);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(profile_fields[i].title));
      gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "key", (gpointer) profile_fields[i].key);
      g_signal_connect (row, "apply", G_CALLBACK (on_profile_apply), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  add_logo_row (self, group, loaded->profile);

  group = group_with_button (page, _("Users"), NULL, _("_Add User…"),
                             G_CALLBACK (add_user_clicked), self);
  for (guint i = 0; i < loaded->users->len; i++)
    {
      RanahUser *user = g_ptr_array_index (loaded->users, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();
      g_autofree char *subtitle = g_strdup_printf ("%s · %s%s%s", user->username,
                                                   ranah_role_title (user->role),
                                                   user->opd_id ? " · " : "",
                                                   opd_name (loaded->opds, user->opd_id));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     *user->full_name ? user->full_name : user->username);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_switch_set_active (GTK_SWITCH (toggle), user->active);
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (toggle, _("Account active"));
      g_object_set_data_full (G_OBJECT (toggle), "user", ranah_user_copy (user),
                              (GDestroyNotify) ranah_user_free);
      g_signal_connect (toggle, "notify::active", G_CALLBACK (on_user_active), self);
      {
        GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");

        gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
        gtk_widget_set_tooltip_text (edit, _("Edit name, NIP, position and rank"));
        gtk_widget_add_css_class (edit, "flat");
        g_object_set_data_full (G_OBJECT (edit), "user", ranah_user_copy (user),
                                (GDestroyNotify) ranah_user_free);
        g_signal_connect (edit, "clicked", G_CALLBACK (edit_user_clicked), self);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
      }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  group = group_with_button (page, _("OPDs"), NULL, _("Add _OPD…"),
                             G_CALLBACK (add_opd_clicked), self);
  for (guint i = 0; i < loaded->opds->len; i++)
    {
      RanahOpd *opd = g_ptr_array_index (loaded->opds, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", opd->code, opd->head_title);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), opd->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  /* When the working-day clock runs (ranah-calendar.h); the store checks the value. */
  group = group_with_button (page, _("Office Hours"),
                             _("A working day of the SOP is one office day: the clock runs "
                               "only in these hours, e.g. “mon-thu 07:30-16:00; fri "
                               "07:30-16:30” (days mon … sun or sen … min); days not named "
                               "are closed."), NULL, NULL, NULL);
  {
    GtkWidget *row = adw_entry_row_new ();
    const char *value = g_hash_table_lookup (loaded->profile, RANAH_PROFILE_OFFICE_HOURS);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Office hours"));
    gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
    adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
    g_object_set_data (G_OBJECT (row), "key", (gpointer) RANAH_PROFILE_OFFICE_HOURS);
    g_signal_connect (row, "apply", G_CALLBACK (on_profile_apply), self);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  }

  group = group_with_button (page, _("Holidays"),
                             _("Days the working-day clock skips besides weekends. Import the "
                               "national holiday calendar (.ics) or a CSV list, or add one as "
                               "“2026-12-25 Hari Raya Natal”; write “cuti bersama” in the name for "
                               "a joint leave day."), _("_Import…"),
                             G_CALLBACK (import_holidays_clicked), self);
  {
    GtkWidget *add = adw_entry_row_new ();
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add), _("Add a holiday (YYYY-MM-DD name)"));
    adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (add), TRUE);
    g_signal_connect (add, "apply", G_CALLBACK (on_add_holiday), self);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), add);
  }
  for (guint i = 0; i < loaded->holidays->len; i++)
    {
      RanahHoliday *holiday = g_ptr_array_index (loaded->holidays, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = remove_button (_("Remove holiday"));
      g_autofree char *date = ranah_format_date (holiday->date);
      g_autofree char *subtitle = g_strdup_printf ("%s%s", date,
                                                   holiday->cuti_bersama ? _(" · cuti bersama") : "");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), holiday->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      g_object_set_data_full (G_OBJECT (button), "date", g_strdup (holiday->date), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_remove_holiday), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  group = group_with_button (page, _("Reserved Names"),
                             _("Names no OPD may request."), NULL, NULL, NULL);
  {
    GtkWidget *add = adw_entry_row_new ();
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add), _("Reserve a name"));
    adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (add), TRUE);
    g_signal_connect (add, "apply", G_CALLBACK (on_add_reserved), self);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), add);
  }
  for (guint i = 0; loaded->reserved[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = remove_button (_("Free this name"));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), loaded->reserved[i]);
      g_object_set_data_full (G_OBJECT (button), "name", g_strdup (loaded->reserved[i]), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_remove_reserved), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  g_clear_pointer (&self->opds, g_ptr_array_unref);
  self->opds = g_ptr_array_ref (loaded->opds);
  g_clear_pointer (&self->page, gtk_widget_unparent);
  self->page = page;
  gtk_widget_set_parent (page, GTK_WIDGET (self));
  loaded_free (loaded);
}

static void
ranah_settings_page_dispose (GObject *object)
{
  RanahSettingsPage *self = RANAH_SETTINGS_PAGE (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->page, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_pointer (&self->opds, g_ptr_array_unref);

  G_OBJECT_CLASS (ranah_settings_page_parent_class)->dispose (object);
}

static void
ranah_settings_page_class_init (RanahSettingsPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ranah_settings_page_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
ranah_settings_page_init (RanahSettingsPage *self)
{
}

void
ranah_settings_page_set_store (RanahSettingsPage *self,
                               RanahStore        *store)
{
  g_return_if_fail (RANAH_IS_SETTINGS_PAGE (self));
  g_set_object (&self->store, store);
}

void
ranah_settings_page_reload (RanahSettingsPage *self)
{
  const RanahUser *user;

  g_return_if_fail (RANAH_IS_SETTINGS_PAGE (self));

  if (self->store == NULL || (user = ranah_store_get_user (self->store)) == NULL
      || user->role != RANAH_ROLE_ADMIN)
    return;
  ranah_task_run (self, NULL, load_thread, g_object_ref (self->store), g_object_unref,
                  (GDestroyNotify) loaded_free, load_done, GUINT_TO_POINTER (++self->generation));
}

GtkWindow *
ranah_settings_page_import_holidays (RanahSettingsPage *self,
                                     GFile             *file)
{
  RanahHolidayImportDialog *dialog;
  GtkRoot *root;

  g_return_val_if_fail (RANAH_IS_SETTINGS_PAGE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  dialog = ranah_holiday_import_dialog_new (self->store, file);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "imported", G_CALLBACK (ranah_settings_page_reload), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}
