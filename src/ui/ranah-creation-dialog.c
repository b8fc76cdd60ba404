/* ranah-creation-dialog.c — step 5: the records to create, checked as typed, marked created
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "ranah-creation-dialog.h"
#include "ranah-dialog-util.h"

typedef struct
{
  RanahRecord *record;       /* the edited copy */
  GtkDropDown *type;
  GtkEntry    *host;
  GtkEntry    *target;
  GtkSpinButton *ttl;
  GtkLabel    *problem;
} RecordRow;

struct _RanahCreationDialog
{
  AdwWindow         parent_instance;

  RanahDialogFrame  frame;
  GPtrArray        *rows;   /* RecordRow* */
  char             *fqdn;
};

G_DEFINE_FINAL_TYPE (RanahCreationDialog, ranah_creation_dialog, ADW_TYPE_WINDOW)

enum {
  CONFIRMED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
record_row_free (RecordRow *row)
{
  ranah_record_free (row->record);
  g_free (row);
}

static gboolean
check_row (RecordRow *row)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  row->record->type = (RanahRecordType) gtk_drop_down_get_selected (row->type);
  g_free (row->record->host);
  row->record->host = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->host))));
  g_free (row->record->target);
  row->record->target = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->target))));
  row->record->ttl = (guint) gtk_spin_button_get_value_as_int (row->ttl);

  ok = ranah_validate_record (row->record, &error);
  gtk_label_set_text (row->problem, ok ? _("Valid") : error->message);
  if (ok)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row->target), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (row->problem), "error");
      gtk_widget_add_css_class (GTK_WIDGET (row->problem), "success");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (row->target), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (row->problem), "success");
      gtk_widget_add_css_class (GTK_WIDGET (row->problem), "error");
    }
  return ok;
}

static void
on_record_changed (GtkWidget *widget,
                   GParamSpec *pspec,
                   RecordRow  *row)
{
  check_row (row);
}

static void
on_entry_changed (GtkEditable *editable,
                  RecordRow   *row)
{
  check_row (row);
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RanahCreationDialog *self = RANAH_CREATION_DIALOG (widget);
  gboolean all_ok = TRUE;

  for (guint i = 0; i < self->rows->len; i++)
    all_ok &= check_row (g_ptr_array_index (self->rows, i));
  if (!all_ok)
    {
      ranah_dialog_frame_show_error (&self->frame, _("Correct the records marked in red first."));
      return;
    }
  ranah_dialog_frame_show_error (&self->frame, NULL);
  g_signal_emit (self, signals[CONFIRMED], 0);
}

static void
ranah_creation_dialog_dispose (GObject *object)
{
  RanahCreationDialog *self = RANAH_CREATION_DIALOG (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->fqdn, g_free);
  G_OBJECT_CLASS (ranah_creation_dialog_parent_class)->dispose (object);
}

static void
ranah_creation_dialog_class_init (RanahCreationDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ranah_creation_dialog_dispose;

  signals[CONFIRMED] = g_signal_new ("confirmed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "dialog.confirm", NULL,
                                   confirm_action);
}

static void
ranah_creation_dialog_init (RanahCreationDialog *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) record_row_free);
}

static GtkWidget *
labelled (const char *text,
          GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  return box;
}

RanahCreationDialog *
ranah_creation_dialog_new (const RanahRequest *request)
{
  RanahCreationDialog *self;
  g_autofree char *title = NULL;
  GtkWidget *intro;

  g_return_val_if_fail (request != NULL, NULL);

  self = g_object_new (RANAH_TYPE_CREATION_DIALOG, NULL);
  self->fqdn = g_strdup (request->fqdn);
  title = g_strdup_printf (_("Create %s"), request->fqdn);
  ranah_dialog_frame_build (ADW_WINDOW (self), title, _("_Mark Created"), FALSE, &self->frame);
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 480);

  intro = gtk_label_new (_("Create these records on the authoritative DNS server as disposed, "
                           "correct them here if they were created differently, then mark them "
                           "created."));
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_box_append (GTK_BOX (self->frame.content), intro);

  for (guint i = 0; i < request->records->len; i++)
    {
      RanahRecord *record = g_ptr_array_index (request->records, i);
      RecordRow *row = g_new0 (RecordRow, 1);
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      const char *types[RANAH_N_RECORD_TYPES + 1] = { NULL };

      for (guint t = 0; t < RANAH_N_RECORD_TYPES; t++)
        types[t] = ranah_record_type_to_string (t);
      row->record = ranah_record_copy (record);
      row->type = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (types));
      gtk_drop_down_set_selected (row->type, record->type);
      row->host = GTK_ENTRY (gtk_entry_new ());
      gtk_editable_set_text (GTK_EDITABLE (row->host), record->host);
      gtk_entry_set_placeholder_text (row->host, "@");
      gtk_editable_set_width_chars (GTK_EDITABLE (row->host), 8);
      row->target = GTK_ENTRY (gtk_entry_new ());
      gtk_editable_set_text (GTK_EDITABLE (row->target), record->target);
      gtk_widget_set_hexpand (GTK_WIDGET (row->target), TRUE);
      row->ttl = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 604800, 60));
      gtk_spin_button_set_value (row->ttl, record->ttl);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row->ttl), _("0 uses the zone’s default"));
      row->problem = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_xalign (row->problem, 0);
      gtk_label_set_wrap (row->problem, TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (row->problem), "caption");

      gtk_box_append (GTK_BOX (line), labelled (_("_Type"), GTK_WIDGET (row->type)));
      gtk_box_append (GTK_BOX (line), labelled (_("_Host"), GTK_WIDGET (row->host)));
      gtk_box_append (GTK_BOX (line), labelled (_("Ta_rget"), GTK_WIDGET (row->target)));
      gtk_box_append (GTK_BOX (line), labelled (_("TT_L"), GTK_WIDGET (row->ttl)));
      gtk_widget_set_hexpand (gtk_widget_get_last_child (line), FALSE);
      gtk_widget_set_hexpand (gtk_widget_get_first_child (line), FALSE);
      gtk_widget_set_hexpand (gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (
                                gtk_widget_get_first_child (line))), TRUE);
      gtk_box_append (GTK_BOX (card), line);
      gtk_box_append (GTK_BOX (card), GTK_WIDGET (row->problem));
      gtk_widget_add_css_class (card, "card");
      gtk_widget_add_css_class (card, "ranah-card");
      gtk_box_append (GTK_BOX (self->frame.content), card);

      g_ptr_array_add (self->rows, row);
      g_signal_connect (row->type, "notify::selected", G_CALLBACK (on_record_changed), row);
      g_signal_connect (row->host, "changed", G_CALLBACK (on_entry_changed), row);
      g_signal_connect (row->target, "changed", G_CALLBACK (on_entry_changed), row);
      g_signal_connect (row->ttl, "notify::value", G_CALLBACK (on_record_changed), row);
      check_row (row);
    }
  return self;
}

GPtrArray *
ranah_creation_dialog_dup_records (RanahCreationDialog *self)
{
  GPtrArray *records;

  g_return_val_if_fail (RANAH_IS_CREATION_DIALOG (self), NULL);
  records = ranah_records_new ();
  for (guint i = 0; i < self->rows->len; i++)
    {
      RecordRow *row = g_ptr_array_index (self->rows, i);
      RanahRecord *copy;

      check_row (row);
      copy = ranah_record_copy (row->record);
      copy->created = TRUE;
      g_ptr_array_add (records, copy);
    }
  return records;
}

gboolean
ranah_creation_dialog_set_target (RanahCreationDialog *self,
                                  guint                index,
                                  const char          *target)
{
  RecordRow *row;

  g_return_val_if_fail (RANAH_IS_CREATION_DIALOG (self), FALSE);
  g_return_val_if_fail (index < self->rows->len, FALSE);
  row = g_ptr_array_index (self->rows, index);
  gtk_editable_set_text (GTK_EDITABLE (row->target), target);
  return check_row (row);
}

void
ranah_creation_dialog_show_error (RanahCreationDialog *self,
                                  const char          *message)
{
  g_return_if_fail (RANAH_IS_CREATION_DIALOG (self));
  ranah_dialog_frame_show_error (&self->frame, message);
}
