/* ranah-note-dialog.c — confirming a step, with a note (required for decline, return, withdraw)
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "ranah-dialog-util.h"
#include "ranah-note-dialog.h"

struct _RanahNoteDialog
{
  AdwWindow         parent_instance;

  RanahDialogFrame  frame;
  GtkTextView      *note_view;
  RanahAction       action;
  gboolean          note_required;
};

G_DEFINE_FINAL_TYPE (RanahNoteDialog, ranah_note_dialog, ADW_TYPE_WINDOW)

enum {
  CONFIRMED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RanahNoteDialog *self = RANAH_NOTE_DIALOG (widget);
  g_autofree char *note = ranah_text_view_dup_text (self->note_view);

  if (self->note_required && *note == '\0')
    {
      ranah_dialog_frame_show_error (&self->frame, self->action == RANAH_ACTION_DECLINE
                                     ? _("Write the reason for the refusal.")
                                     : _("Write a note: this step needs one."));
      gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
      return;
    }
  ranah_dialog_frame_show_error (&self->frame, NULL);
  g_signal_emit (self, signals[CONFIRMED], 0);
}

static void
ranah_note_dialog_class_init (RanahNoteDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * RanahNoteDialog::confirmed:
   *
   * The person confirmed, with a note where one is required. The dialog stays open until
   * the caller destroys it, so an error can be shown without losing the note.
   */
  signals[CONFIRMED] = g_signal_new ("confirmed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (widget_class, "dialog.confirm", NULL, confirm_action);
}

static void
ranah_note_dialog_init (RanahNoteDialog *self)
{
}

static const char *
question_for (RanahAction action)
{
  switch (action)
    {
    case RANAH_ACTION_DECLINE:
      return _("The refusal still goes out as a Surat Tanggapan: Sub Koordinator drafts it next. "
               "Write the reason the OPD will read.");
    case RANAH_ACTION_RETURN_DRAFT:
      return _("The draft goes back to Sub Koordinator for revision. Say what to change.");
    case RANAH_ACTION_WITHDRAW:
      return _("The request stops here and its name becomes free again. Say why.");
    case RANAH_ACTION_RECALL_DISPOSITION:
      return _("The disposition has not been read yet; taking it back returns the request to "
               "you.");
    case RANAH_ACTION_REPORT:
      return _("Report to Sub Koordinator that the subdomain has been created.");
    case RANAH_ACTION_DRAFT:
      return _("Update the subdomain registry and draft the Surat Tanggapan from the agency’s "
               "template.");
    case RANAH_ACTION_REVIEW:
      return _("Hand the reviewed draft to Kepala Dinas for signature.");
    case RANAH_ACTION_SIGN:
      return _("Sign and send the Surat Tanggapan: it takes its number now and can never change "
               "again.");
    case RANAH_ACTION_RECEIVE:
      return _("Confirm that the OPD has received the Surat Tanggapan. This ends the procedure.");
    default:
      return "";
    }
}

RanahNoteDialog *
ranah_note_dialog_new (const RanahRequest    *request,
                       const RanahTransition *transition)
{
  RanahNoteDialog *self;
  GtkWidget *label, *heading, *output;
  g_autofree char *title = NULL;
  g_autofree char *output_text = NULL;
  gboolean destructive;

  g_return_val_if_fail (request != NULL && transition != NULL, NULL);

  self = g_object_new (RANAH_TYPE_NOTE_DIALOG, NULL);
  self->action = transition->action;
  self->note_required = (transition->needs & RANAH_NEEDS_NOTE) != 0;
  destructive = transition->action == RANAH_ACTION_DECLINE
                || transition->action == RANAH_ACTION_WITHDRAW
                || transition->action == RANAH_ACTION_RETURN_DRAFT
                || transition->action == RANAH_ACTION_RECALL_DISPOSITION;
  title = g_strdup_printf ("%s — %s", ranah_action_label (transition->action), request->fqdn);
  ranah_dialog_frame_build (ADW_WINDOW (self), title, ranah_action_label (transition->action),
                            destructive, &self->frame);

  label = gtk_label_new (question_for (transition->action));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (self->frame.content), label);

  output_text = g_strdup_printf (_("Step %u · output: %s"), transition->step,
                                 ranah_output_label (transition->output));
  output = gtk_label_new (output_text);
  gtk_label_set_wrap (GTK_LABEL (output), TRUE);
  gtk_label_set_xalign (GTK_LABEL (output), 0);
  gtk_widget_add_css_class (output, "dim-label");
  gtk_box_append (GTK_BOX (self->frame.content), output);

  heading = gtk_label_new (self->note_required ? _("Note (required)") : _("Note (optional)"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (self->frame.content), heading);
  gtk_box_append (GTK_BOX (self->frame.content),
                  ranah_dialog_text_view (&self->note_view, _("Note")));
  gtk_label_set_mnemonic_widget (GTK_LABEL (heading), GTK_WIDGET (self->note_view));
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 420);
  gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
  return self;
}

RanahAction
ranah_note_dialog_get_action (RanahNoteDialog *self)
{
  g_return_val_if_fail (RANAH_IS_NOTE_DIALOG (self), RANAH_ACTION_NONE);
  return self->action;
}

gboolean
ranah_note_dialog_get_note_required (RanahNoteDialog *self)
{
  g_return_val_if_fail (RANAH_IS_NOTE_DIALOG (self), FALSE);
  return self->note_required;
}

char *
ranah_note_dialog_dup_note (RanahNoteDialog *self)
{
  g_return_val_if_fail (RANAH_IS_NOTE_DIALOG (self), NULL);
  return ranah_text_view_dup_text (self->note_view);
}

void
ranah_note_dialog_set_note (RanahNoteDialog *self,
                            const char      *note)
{
  g_return_if_fail (RANAH_IS_NOTE_DIALOG (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note ? note : "", -1);
}

void
ranah_note_dialog_show_error (RanahNoteDialog *self,
                              const char      *message)
{
  g_return_if_fail (RANAH_IS_NOTE_DIALOG (self));
  ranah_dialog_frame_show_error (&self->frame, message);
}
