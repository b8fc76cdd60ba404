/* ranah-dns-audit-dialog.c — "Check DNS": the zone audit beside the registry, and adopting
 * names DNS serves that the registry does not know
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The zone transfer and the store calls run in one ranah-task worker; the window only
 * draws the drift list. An unrecorded name is adopted by importing one entry carrying the
 * records DNS serves under it, so the registry and the zone agree afterwards.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ranah-csv.h"
#include "ranah-dns-audit-dialog.h"
#include "ranah-dns.h"
#include "ranah-format.h"
#include "ranah-task.h"
#include "ranah-window.h"

struct _RanahDnsAuditDialog
{
  AdwWindow      parent_instance;

  RanahStore    *store;
  GCallback      on_change;
  gpointer       on_change_data;
  GtkLabel      *status;
  GtkListBox    *list;
  GtkSpinner    *spinner;
  RanahDnsAudit *audit;
  GPtrArray     *opds;     /* RanahOpd* */
  guint          n_items;
  GtkWindow     *form;     /* the open Adopt… form, if any */
  GtkLabel      *form_error;
};

G_DEFINE_FINAL_TYPE (RanahDnsAuditDialog, ranah_dns_audit_dialog, ADW_TYPE_WINDOW)

typedef struct
{
  RanahDnsAudit *audit;
  GPtrArray     *opds;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->audit, ranah_dns_audit_free);
  g_clear_pointer (&loaded->opds, g_ptr_array_unref);
  g_free (loaded);
}

static gpointer
audit_thread (gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  RanahStore *store = data;
  RanahEntryFilter filter = { NULL, 0, -1 };
  g_autoptr(GHashTable) profile = NULL;
  g_autoptr(RanahDnsServer) server = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) opds = NULL;
  Loaded *loaded;

  if ((profile = ranah_store_get_profile (store, error)) == NULL
      || (entries = ranah_store_list_entries (store, &filter, error)) == NULL
      || (opds = ranah_store_list_opds (store, error)) == NULL)
    return NULL;
  if ((server = ranah_dns_server_new_from_profile (profile, error)) == NULL)
    {
      g_prefix_error (error, "%s ", _("DNS is not configured: set the DNS server and zone in "
                                      "Settings."));
      return NULL;
    }
  loaded = g_new0 (Loaded, 1);
  loaded->audit = ranah_dns_audit (server, entries, error);
  if (loaded->audit == NULL)
    {
      g_prefix_error (error, "%s ", _("The DNS server could not be audited."));
      loaded_free (loaded);
      return NULL;
    }
  loaded->opds = g_steal_pointer (&opds);
  return loaded;
}

static void adopt_clicked (GtkButton *button, RanahDnsAuditDialog *self);

static void
clear_list (RanahDnsAuditDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_items = 0;
}

static void
show_audit (RanahDnsAuditDialog *self)
{
  g_autofree char *sentence = NULL;

  clear_list (self);
  for (guint i = 0; i < self->audit->drift->len; i++)
    {
      RanahDnsDrift *drift = g_ptr_array_index (self->audit->drift, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf ("%s  %s", drift->name, drift->type);
      g_autofree char *subtitle =
        g_strdup_printf (_("%s · expected: %s · actual: %s"),
                         ranah_dns_drift_kind_label (drift->kind),
                         *drift->expected != '\0' ? drift->expected : _("nothing"),
                         *drift->actual != '\0' ? drift->actual : _("nothing"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (drift->kind == RANAH_DNS_DRIFT_UNRECORDED && drift->entry_id == 0)
        {
          GtkWidget *button = gtk_button_new_with_mnemonic (_("_Adopt…"));

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (button, _("Enter this name into the registry with the "
                                                 "records DNS serves"));
          g_object_set_data_full (G_OBJECT (button), "fqdn", g_strdup (drift->name), g_free);
          g_signal_connect (button, "clicked", G_CALLBACK (adopt_clicked), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      gtk_list_box_append (self->list, row);
      self->n_items++;
    }
  if (self->n_items == 0)
    sentence = g_strdup_printf (_("DNS for %s agrees with the registry."), self->audit->zone);
  else
    sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "DNS for %s differs from the registry in %u place.",
                                             "DNS for %s differs from the registry in %u places.",
                                             self->n_items),
                                self->audit->zone, self->n_items);
  gtk_widget_set_visible (GTK_WIDGET (self->list), self->n_items > 0);
  gtk_label_set_text (self->status, sentence);
}

static void
audit_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  RanahDnsAuditDialog *self = RANAH_DNS_AUDIT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  Loaded *loaded = ranah_task_finish (result, &error);

  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  if (loaded == NULL)
    {
      clear_list (self);
      gtk_label_set_text (self->status, error->domain == RANAH_DNS_ERROR
                                        || error->domain == RANAH_STORE_ERROR
                                        ? error->message : ranah_error_sentence (error));
      return;
    }
  g_clear_pointer (&self->audit, ranah_dns_audit_free);
  g_clear_pointer (&self->opds, g_ptr_array_unref);
  self->audit = g_steal_pointer (&loaded->audit);
  self->opds = g_steal_pointer (&loaded->opds);
  loaded_free (loaded);
  show_audit (self);
}

void
ranah_dns_audit_dialog_refresh (RanahDnsAuditDialog *self)
{
  g_return_if_fail (RANAH_IS_DNS_AUDIT_DIALOG (self));

  gtk_label_set_text (self->status, _("Transferring the zone and comparing it with the "
                                      "registry…"));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  ranah_task_run (self, NULL, audit_thread, g_object_ref (self->store), g_object_unref,
                  (GDestroyNotify) loaded_free, audit_done, NULL);
}

/* ---- adopting ----------------------------------------------------------------------- */

typedef struct
{
  RanahStore *store;
  RanahEntry *entry;
} Adopt;

static void
adopt_free (Adopt *adopt)
{
  g_clear_object (&adopt->store);
  g_clear_pointer (&adopt->entry, ranah_entry_free);
  g_free (adopt);
}

static gpointer
adopt_thread (gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  Adopt *adopt = data;
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GPtrArray) problems = NULL;

  g_ptr_array_add (entries, adopt->entry);
  if (!ranah_store_import_entries (adopt->store, entries, &problems, error))
    {
      /* One entry: its problem says more than "1 line has a problem". */
      if (problems != NULL && problems->len > 0 && error != NULL && *error != NULL)
        {
          RanahImportProblem *problem = g_ptr_array_index (problems, 0);
          g_autofree char *reason = g_strdup (problem->reason);

          g_free ((*error)->message);
          (*error)->message = g_steal_pointer (&reason);
        }
      return NULL;
    }
  return GINT_TO_POINTER (TRUE);
}

static void
adopt_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  RanahDnsAuditDialog *self = RANAH_DNS_AUDIT_DIALOG (source);
  g_autoptr(GError) error = NULL;

  if (ranah_task_finish (result, &error) == NULL)
    {
      /* The form stays open with what was chosen, the reason beneath it. */
      if (self->form_error != NULL)
        {
          gtk_label_set_text (self->form_error, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->form_error), TRUE);
        }
      else
        gtk_label_set_text (self->status, error->message);
      return;
    }
  if (self->form != NULL)
    gtk_window_destroy (self->form);
  if (self->on_change != NULL)
    ((void (*) (gpointer)) self->on_change) (self->on_change_data);
  ranah_dns_audit_dialog_refresh (self);
}

void
ranah_dns_audit_dialog_adopt (RanahDnsAuditDialog *self,
                              const char          *fqdn,
                              gint64               opd_id,
                              const char          *purpose)
{
  g_autoptr(RanahEntry) entry = NULL;
  g_autoptr(GPtrArray) records = NULL;
  const char *zone;
  size_t n, z;
  Adopt *adopt;

  g_return_if_fail (RANAH_IS_DNS_AUDIT_DIALOG (self));
  g_return_if_fail (fqdn != NULL);
  g_return_if_fail (self->audit != NULL);

  zone = self->audit->zone;
  n = strlen (fqdn);
  z = strlen (zone);
  entry = ranah_entry_new ();
  entry->fqdn = g_strdup (fqdn);
  entry->name = n > z + 1 && g_str_has_suffix (fqdn, zone) && fqdn[n - z - 1] == '.'
                ? g_strndup (fqdn, n - z - 1) : g_strdup (fqdn);
  entry->opd_id = opd_id;
  entry->purpose = g_strdup (purpose != NULL && *purpose != '\0' ? purpose
                                                                 : _("Adopted from DNS"));
  entry->status = RANAH_ENTRY_ACTIVE;
  records = ranah_dns_audit_unrecorded_records (self->audit, fqdn);
  g_ptr_array_extend_and_steal (entry->records, g_steal_pointer (&records));

  adopt = g_new0 (Adopt, 1);
  adopt->store = g_object_ref (self->store);
  adopt->entry = g_steal_pointer (&entry);
  ranah_task_run (self, NULL, adopt_thread, adopt, (GDestroyNotify) adopt_free, NULL,
                  adopt_done, NULL);
}

static void
form_adopt_clicked (GtkButton           *button,
                    RanahDnsAuditDialog *self)
{
  GtkDropDown *opd = g_object_get_data (G_OBJECT (button), "opd");
  GtkEditable *purpose = g_object_get_data (G_OBJECT (button), "purpose");
  guint chosen = gtk_drop_down_get_selected (opd);
  RanahOpd *o;

  if (self->opds == NULL || chosen >= self->opds->len)
    return;
  o = g_ptr_array_index (self->opds, chosen);
  gtk_widget_set_visible (GTK_WIDGET (self->form_error), FALSE);
  ranah_dns_audit_dialog_adopt (self, g_object_get_data (G_OBJECT (button), "fqdn"), o->id,
                                gtk_editable_get_text (purpose));
}

static void
form_destroyed (RanahDnsAuditDialog *self)
{
  self->form = NULL;
  self->form_error = NULL;
}

static void
adopt_clicked (GtkButton           *button,
               RanahDnsAuditDialog *self)
{
  const char *fqdn = g_object_get_data (G_OBJECT (button), "fqdn");
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *window, *toolbar, *header, *box, *title, *opd, *purpose, *error, *adopt;
  g_autofree char *heading = NULL;

  if (self->form != NULL || self->opds == NULL)
    return;
  for (guint i = 0; i < self->opds->len; i++)
    gtk_string_list_append (names, ((RanahOpd *) g_ptr_array_index (self->opds, i))->name);

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Adopt a Name"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_default_size (GTK_WINDOW (window), 420, -1);
  toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (toolbar), header);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (box, "ranah-card");
  heading = g_strdup_printf (_("Enter %s into the registry with the records DNS serves under "
                               "it. Which OPD owns it?"), fqdn);
  title = gtk_label_new (heading);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  opd = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  purpose = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (purpose), _("Purpose, e.g. the service it runs"));
  error = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_widget_add_css_class (error, "ranah-error-banner");
  gtk_widget_set_visible (error, FALSE);
  adopt = gtk_button_new_with_mnemonic (_("_Adopt"));
  gtk_widget_add_css_class (adopt, "suggested-action");
  gtk_widget_set_halign (adopt, GTK_ALIGN_END);
  g_object_set_data_full (G_OBJECT (adopt), "fqdn", g_strdup (fqdn), g_free);
  g_object_set_data (G_OBJECT (adopt), "opd", opd);
  g_object_set_data (G_OBJECT (adopt), "purpose", purpose);
  g_signal_connect (adopt, "clicked", G_CALLBACK (form_adopt_clicked), self);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), opd);
  gtk_box_append (GTK_BOX (box), purpose);
  gtk_box_append (GTK_BOX (box), error);
  gtk_box_append (GTK_BOX (box), adopt);
  gtk_box_append (GTK_BOX (toolbar), box);
  adw_window_set_content (ADW_WINDOW (window), toolbar);
  self->form = GTK_WINDOW (window);
  self->form_error = GTK_LABEL (error);
  g_signal_connect_object (window, "destroy", G_CALLBACK (form_destroyed), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

/* ---- the dialog --------------------------------------------------------------------- */

static void
ranah_dns_audit_dialog_dispose (GObject *object)
{
  RanahDnsAuditDialog *self = RANAH_DNS_AUDIT_DIALOG (object);

  if (self->form != NULL)
    gtk_window_destroy (self->form);
  g_clear_object (&self->store);
  g_clear_pointer (&self->audit, ranah_dns_audit_free);
  g_clear_pointer (&self->opds, g_ptr_array_unref);
  G_OBJECT_CLASS (ranah_dns_audit_dialog_parent_class)->dispose (object);
}

static void
ranah_dns_audit_dialog_class_init (RanahDnsAuditDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ranah_dns_audit_dialog_dispose;
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0,
                                       "window.close", NULL);
}

static void
refresh_clicked (RanahDnsAuditDialog *self)
{
  ranah_dns_audit_dialog_refresh (self);
}

static void
ranah_dns_audit_dialog_init (RanahDnsAuditDialog *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *refresh = gtk_button_new_from_icon_name ("view-refresh-symbolic");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("DNS Check"));
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 520);
  gtk_widget_set_tooltip_text (refresh, _("Check again"));
  g_signal_connect_swapped (refresh, "clicked", G_CALLBACK (refresh_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), refresh);
  gtk_box_append (GTK_BOX (toolbar), header);

  gtk_widget_add_css_class (box, "ranah-card");
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->status, TRUE);
  gtk_label_set_xalign (self->status, 0);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->status));
  gtk_box_append (GTK_BOX (box), top);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_valign (GTK_WIDGET (self->list), GTK_ALIGN_START);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (toolbar), box);
  adw_window_set_content (ADW_WINDOW (self), toolbar);
}

RanahDnsAuditDialog *
ranah_dns_audit_dialog_new (GtkWindow  *parent,
                            RanahStore *store,
                            GCallback   on_change,
                            gpointer    on_change_data)
{
  RanahDnsAuditDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RANAH_IS_STORE (store), NULL);

  self = g_object_new (RANAH_TYPE_DNS_AUDIT_DIALOG, "modal", TRUE, "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->on_change = on_change;
  self->on_change_data = on_change_data;
  gtk_window_present (GTK_WINDOW (self));
  ranah_dns_audit_dialog_refresh (self);
  return self;
}

static void
reload_window (gpointer window)
{
  ranah_window_reload (RANAH_WINDOW (window));
}

void
ranah_dns_audit_dialog_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (!RANAH_IS_WINDOW (root) || ranah_window_get_store (RANAH_WINDOW (root)) == NULL)
    return;
  ranah_dns_audit_dialog_new (GTK_WINDOW (root), ranah_window_get_store (RANAH_WINDOW (root)),
                              G_CALLBACK (reload_window), root);
}

const char *
ranah_dns_audit_dialog_get_status (RanahDnsAuditDialog *self)
{
  g_return_val_if_fail (RANAH_IS_DNS_AUDIT_DIALOG (self), NULL);
  return gtk_label_get_text (self->status);
}

guint
ranah_dns_audit_dialog_get_n_items (RanahDnsAuditDialog *self)
{
  g_return_val_if_fail (RANAH_IS_DNS_AUDIT_DIALOG (self), 0);
  return self->n_items;
}
