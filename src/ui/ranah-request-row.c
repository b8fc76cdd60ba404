/* ranah-request-row.c — one request in a list: name, step, sender, wait against standard
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built in code rather than from a template: list views make one per visible row and
 * rebind it as the list scrolls, so it stays a handful of labels.
 */
#include <glib/gi18n-lib.h>

#include "ranah-format.h"
#include "ranah-request-row.h"

struct _RanahRequestRow
{
  GtkWidget  parent_instance;
  GtkWidget *box;
  GtkLabel  *title;
  GtkLabel  *subtitle;
  GtkLabel  *wait;
  GtkLabel  *late;
  GtkLabel  *due;
};

G_DEFINE_FINAL_TYPE (RanahRequestRow, ranah_request_row, GTK_TYPE_WIDGET)

static void
ranah_request_row_dispose (GObject *object)
{
  RanahRequestRow *self = RANAH_REQUEST_ROW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (ranah_request_row_parent_class)->dispose (object);
}

static void
ranah_request_row_class_init (RanahRequestRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ranah_request_row_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "ranahrequestrow");
}

static void
ranah_request_row_init (RanahRequestRow *self)
{
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *below = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 8);
  gtk_widget_set_margin_bottom (self->box, 8);

  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0);
  gtk_label_set_ellipsize (self->title, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "heading");
  self->subtitle = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->subtitle, 0);
  gtk_label_set_ellipsize (self->subtitle, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle), "dim-label");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->subtitle));

  self->wait = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->wait, 1);
  gtk_widget_add_css_class (GTK_WIDGET (self->wait), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->wait), "numeric");
  self->late = GTK_LABEL (gtk_label_new (_("Overdue")));
  gtk_widget_set_halign (GTK_WIDGET (self->late), GTK_ALIGN_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->late), "ranah-overdue");
  self->due = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->due, 1);
  gtk_widget_add_css_class (GTK_WIDGET (self->due), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->due), "dim-label");
  gtk_widget_set_halign (below, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (below), GTK_WIDGET (self->late));
  gtk_box_append (GTK_BOX (below), GTK_WIDGET (self->due));
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->wait));
  gtk_box_append (GTK_BOX (right), below);
  gtk_widget_set_valign (right, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (self->box), text);
  gtk_box_append (GTK_BOX (self->box), right);
}

GtkWidget *
ranah_request_row_new (void)
{
  return g_object_new (RANAH_TYPE_REQUEST_ROW, NULL);
}

char *
ranah_request_describe_sender (const RanahRequest *request)
{
  guint step;
  const RanahSopStep *previous;

  g_return_val_if_fail (request != NULL, NULL);

  if (request->state == RANAH_STATE_SUBMITTED || request->state == RANAH_STATE_NONE)
    return g_strdup (request->opd_name);
  step = ranah_workflow_pending_step (request->state);
  if (request->state == RANAH_STATE_DRAFTING && request->outcome == RANAH_OUTCOME_REFUSED)
    return g_strdup (_("a refusal"));
  if (step <= 1 || (previous = ranah_workflow_sop_step (step - 1)) == NULL)
    return g_strdup (request->opd_name);
  if (previous->actor == RANAH_ROLE_OPD)
    return g_strdup (request->opd_name);
  return g_strdup (ranah_role_title (previous->actor));
}

void
ranah_request_row_bind (RanahRequestRow    *self,
                        const RanahRequest *request,
                        RanahCalendar      *calendar,
                        gint64              now)
{
  g_autofree char *sender = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *wait = NULL;
  g_autofree char *due = NULL;
  g_autofree char *title = NULL;
  gboolean open, late = FALSE;
  guint step;

  g_return_if_fail (RANAH_IS_REQUEST_ROW (self));
  g_return_if_fail (request != NULL);

  open = ranah_state_is_open (request->state);
  step = ranah_workflow_pending_step (request->state);
  sender = ranah_request_describe_sender (request);
  title = ranah_name_display (request->fqdn && *request->fqdn ? request->fqdn : request->name);
  gtk_label_set_text (self->title, title);
  if (open && step > 0)
    subtitle = g_strdup_printf (_("Step %u · %s · from %s · agenda %u/%u"), step,
                                ranah_state_label (request->state), sender,
                                request->agenda_number, request->agenda_year);
  else
    subtitle = g_strdup_printf (_("%s · %s · agenda %u/%u"), ranah_state_label (request->state),
                                request->opd_name, request->agenda_number, request->agenda_year);
  gtk_label_set_text (self->subtitle, subtitle);

  if (open && calendar != NULL)
    {
      /* The clock by the calendar as it is now (never the store's cached due_at). */
      RanahClock clock;

      late = ranah_escalation_clock (calendar, request, now, &clock) && clock.overdue;
      wait = ranah_format_clock (&clock);
      due = ranah_format_due (&clock, now);
    }
  else if (open)
    wait = ranah_format_wait (NULL, request->state_since, now,
                              ranah_workflow_standard_days (request->state), &late);
  gtk_label_set_text (self->wait, wait != NULL ? wait : "");
  gtk_label_set_text (self->due, due != NULL ? due : "");
  gtk_widget_set_visible (GTK_WIDGET (self->due), due != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->late), late);
  if (late)
    gtk_widget_add_css_class (GTK_WIDGET (self), "ranah-late");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "ranah-late");
}
