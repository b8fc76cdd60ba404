/* ranah-request-page.c — one request: its fields, letter, dispositions, timeline, actions
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The buttons are exactly what ranah_store_next_actions() offers the signed-in user;
 * each opens the dialog its step needs, and the dialog stays open (with what was typed)
 * until the store has accepted the move.
 */
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <string.h>

#include "ranah-creation-dialog.h"
#include "ranah-disposition-dialog.h"
#include "ranah-dns.h"
#include "ranah-format.h"
#include "ranah-letter-preview.h"
#include "ranah-letter.h"
#include "ranah-note-dialog.h"
#include "ranah-request-page.h"
#include "ranah-task.h"
#include "ranah-window.h"

struct _RanahRequestPage
{
  GtkWidget         parent_instance;

  GtkStack         *stack;
  GtkSpinner       *spinner;
  AdwStatusPage    *error_page;
  GtkLabel         *title_label;
  GtkLabel         *state_label;
  GtkLabel         *late_label;
  GtkFlowBox       *actions_box;
  GtkLabel         *no_actions_label;
  GtkBox           *preview_section;
  GtkBox           *details_box;
  GtkBox           *records_box;
  GtkBox           *dispositions_box;
  GtkBox           *timeline_box;

  RanahStore       *store;
  gint64            request_id;
  RanahRequest     *request;
  GPtrArray        *dispositions;
  GtkWidget        *preview;
  GtkWidget        *lacking_label;   /* what the draft lacks before it can be signed */
  GtkWindow        *dialog;
  GPtrArray        *shown_actions;   /* action nicks */
  guint             generation;
};

G_DEFINE_FINAL_TYPE (RanahRequestPage, ranah_request_page, GTK_TYPE_WIDGET)

enum {
  MOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  RanahStore *store;
  gint64      request_id;
  guint       generation;
} LoadJob;

typedef struct
{
  RanahRequest      *request;
  GPtrArray         *dispositions;
  GPtrArray         *events;
  GPtrArray         *users;
  RanahCalendar     *calendar;
  RanahLetter       *letter;
  RanahLetterLayout *layout;
  char              *lacking;      /* ranah_letter_check_from_store ()'s sentence, or NULL */
  gint64             now;
  guint              generation;
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
  g_clear_pointer (&loaded->request, ranah_request_free);
  g_clear_pointer (&loaded->dispositions, g_ptr_array_unref);
  g_clear_pointer (&loaded->events, g_ptr_array_unref);
  g_clear_pointer (&loaded->users, g_ptr_array_unref);
  g_clear_pointer (&loaded->calendar, ranah_calendar_free);
  g_clear_pointer (&loaded->letter, ranah_letter_free);
  g_clear_object (&loaded->layout);
  g_free (loaded->lacking);
  g_free (loaded);
}

static gpointer
load_thread (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  LoadJob *job = data;
  Loaded *loaded = g_new0 (Loaded, 1);
  const RanahUser *me = ranah_store_get_user (job->store);

  loaded->generation = job->generation;
  if ((loaded->request = ranah_store_get_request (job->store, job->request_id, error)) == NULL
      || (loaded->dispositions = ranah_store_list_dispositions (job->store, job->request_id,
                                                                error)) == NULL
      || (loaded->events = ranah_store_list_events (job->store, job->request_id, error)) == NULL)
    {
      loaded_free (loaded);
      return NULL;
    }

  /* Opening a disposition addressed to me is reading it: from then on the sender can no
   * longer recall it. */
  for (guint i = 0; me != NULL && i < loaded->dispositions->len; i++)
    {
      RanahDisposition *disposition = g_ptr_array_index (loaded->dispositions, i);
      if (disposition->to_user_id == me->id && disposition->read_at == 0 && !disposition->recalled
          && ranah_store_mark_read (job->store, disposition->id, NULL))
        disposition->read_at = ranah_store_now (job->store);
    }

  loaded->users = ranah_store_list_users (job->store, NULL);
  loaded->calendar = ranah_store_get_calendar (job->store, NULL);
  loaded->now = ranah_store_now (job->store);
  loaded->letter = ranah_store_get_letter (job->store, job->request_id, NULL);
  if (loaded->letter != NULL)
    loaded->layout = ranah_letter_layout_new_from_store (job->store, job->request_id, NULL);
  if (loaded->layout != NULL && loaded->letter->state != RANAH_LETTER_SIGNED)
    {
      g_autoptr(GError) lacking = NULL;

      /* The draft names what it still lacks: signing would refuse it (ranah-letter-check.h). */
      if (!ranah_letter_check_from_store (job->store, job->request_id, &lacking)
          && g_error_matches (lacking, RANAH_CORE_ERROR, RANAH_CORE_ERROR_INCOMPLETE))
        loaded->lacking = g_strdup (lacking->message);
    }
  return loaded;
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkListBox *
add_section (GtkBox     *box,
             const char *title)
{
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *list = gtk_list_box_new ();

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (box, heading);
  gtk_box_append (box, list);
  return GTK_LIST_BOX (list);
}

static GtkWidget *
add_row (GtkListBox *list,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL && *subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_append (list, row);
  return row;
}

/* A field: its name small above, the value as the row's title, so long values wrap. */
static void
add_field (GtkListBox *list,
           const char *name,
           const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value != NULL && *value ? value : "—");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), name);
  gtk_widget_add_css_class (row, "ranah-field");
  gtk_list_box_append (list, row);
}

static const char *
user_name (GPtrArray *users,
           gint64     id,
           const char *fallback)
{
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      RanahUser *user = g_ptr_array_index (users, i);
      if (user->id == id)
        return *user->full_name ? user->full_name : user->username;
    }
  return fallback;
}

static void
show_details (RanahRequestPage *self,
              Loaded           *loaded)
{
  RanahRequest *r = loaded->request;
  GtkListBox *list;
  g_autofree char *agenda = g_strdup_printf ("%u/%u", r->agenda_number, r->agenda_year);
  g_autofree char *letter_date = ranah_format_date (r->letter_date);
  g_autofree char *received = ranah_format_date (r->received_date);
  g_autofree char *created = ranah_format_time (r->created_at);
  g_autofree char *entered_by = g_strdup (user_name (loaded->users, r->created_by, "—"));
  g_autofree char *shown_fqdn = ranah_name_display (r->fqdn);

  clear_box (self->details_box);
  list = add_section (self->details_box, _("Request"));
  add_field (list, _("Requested name"), shown_fqdn);
  add_field (list, _("OPD"), r->opd_name);
  add_field (list, _("Purpose"), r->purpose);
  add_field (list, _("Subject (hal)"), r->hal);
  add_field (list, _("Letter number"), r->letter_number);
  add_field (list, _("Letter date"), letter_date);
  add_field (list, _("Received"), received);
  add_field (list, _("Agenda number"), agenda);
  add_field (list, _("Classification code"), r->classification);
  add_field (list, _("Nature (sifat)"), r->sifat);
  add_field (list, _("Technical contact"), r->contact_name);
  add_field (list, _("Contact phone"), r->contact_phone);
  add_field (list, _("Contact e-mail"), r->contact_email);
  add_field (list, _("Entered"), created);
  add_field (list, _("Entered by"), entered_by);
  if (r->assignee_id != 0)
    add_field (list, _("Now with"), r->assignee_name);
  if (r->note != NULL && *r->note)
    add_field (list, _("Last note"), r->note);

  {
    GtkWidget *row;
    g_autofree char *size = r->attachment_sha256 != NULL ? g_format_size (r->attachment_size) : NULL;
    g_autofree char *subtitle = r->attachment_sha256 != NULL
                                ? g_strdup_printf ("%s · SHA-256 %.16s…", size, r->attachment_sha256)
                                : g_strdup (_("No scanned letter on file"));

    row = add_row (list, _("Scanned request letter"), subtitle);
    if (r->attachment_sha256 != NULL)
      {
        GtkWidget *button = gtk_button_new_with_mnemonic (_("_Open"));
        gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
        gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "request.open-letter");
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      }
  }

  clear_box (self->records_box);
  list = add_section (self->records_box, _("Records"));
  for (guint i = 0; i < r->records->len; i++)
    {
      RanahRecord *record = g_ptr_array_index (r->records, i);
      g_autofree char *title = g_strdup_printf ("%s %s → %s", ranah_record_type_to_string (record->type),
                                                record->host && *record->host ? record->host : "@",
                                                record->target);
      g_autofree char *subtitle = g_strdup_printf ("%s%s%s",
                                                   record->created ? _("created") : _("not created yet"),
                                                   record->internal ? _(", internal") : "",
                                                   record->verified ? _(", verified in DNS") : "");
      g_autofree char *proof = NULL;
      g_autofree char *shown = NULL;

      /* What makes it created: the authoritative server seen to answer it. */
      if (record->proof_at != 0)
        {
          g_autofree char *at = ranah_format_time (record->proof_at);

          proof = g_strdup_printf (_("Seen in DNS: %s answered “%s”, zone serial %" PRId64
                                     ", %s%s"),
                                   record->proof_server, record->proof_answer,
                                   record->proof_serial, at,
                                   ranah_record_is_proven (record)
                                   ? "" : _(" (not the record’s target now)"));
        }
      else
        proof = g_strdup (_("Not seen in DNS yet"));
      shown = g_strdup_printf ("%s\n%s", subtitle, proof);
      add_row (list, title, shown);
    }
  if (r->records->len == 0)
    add_row (list, _("No records"), NULL);
}

static void
show_dispositions (RanahRequestPage *self,
                   Loaded           *loaded)
{
  GtkListBox *list;

  clear_box (self->dispositions_box);
  if (loaded->dispositions->len == 0)
    return;
  list = add_section (self->dispositions_box, _("Dispositions"));
  for (guint i = 0; i < loaded->dispositions->len; i++)
    {
      RanahDisposition *d = g_ptr_array_index (loaded->dispositions, i);
      g_autofree char *title = g_strdup_printf (_("Step %u: %s to %s"), d->step, d->from_name,
                                                d->to_name);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      g_autofree char *when = ranah_format_time (d->created_at);
      /* From the calendar as it is now, not the store's cached due time. */
      g_autofree char *due = ranah_format_time (loaded->calendar != NULL
                                                ? ranah_escalation_disposition_due (loaded->calendar,
                                                                                    d)
                                                : 0);

      for (guint k = 0; d->instructions != NULL && d->instructions[k] != NULL; k++)
        {
          const char *text = ranah_instruction_text (d->instructions[k]);
          g_string_append_printf (subtitle, "%s☑ %s", subtitle->len ? "\n" : "",
                                  text != NULL ? text : d->instructions[k]);
        }
      if (d->note != NULL && *d->note)
        g_string_append_printf (subtitle, "%s%s", subtitle->len ? "\n" : "", d->note);
      g_string_append_printf (subtitle, "%s", subtitle->len ? "\n" : "");
      g_string_append_printf (subtitle, _("%s · sent %s · due %s · %s"), ranah_urgency_label (d->urgency),
                              when, due,
                              d->recalled ? _("recalled") : d->read_at != 0 ? _("read") : _("unread"));
      add_row (list, title, subtitle->str);
    }
}

static void
show_timeline (RanahRequestPage *self,
               Loaded           *loaded)
{
  GtkListBox *list;
  gint64 previous_at = 0;

  clear_box (self->timeline_box);
  list = add_section (self->timeline_box, _("Timeline"));
  for (guint i = 0; i < loaded->events->len; i++)
    {
      RanahEvent *event = g_ptr_array_index (loaded->events, i);
      RanahAction action = ranah_action_from_string (event->action);
      RanahState from = ranah_state_from_string (event->from_state);
      const char *label = action != RANAH_ACTION_NONE ? ranah_action_label (action) : event->action;
      g_autofree char *title = event->step > 0 ? g_strdup_printf (_("Step %u · %s"), event->step, label)
                                               : g_strdup (label);
      g_autofree char *when = ranah_format_time (event->at);
      g_autofree char *who = g_strdup (user_name (loaded->users, event->user_id, event->username));
      g_autoptr(GString) subtitle = g_string_new (NULL);
      GtkWidget *row;
      gboolean late = FALSE;

      g_string_append_printf (subtitle, _("%s · %s"), who, when);
      /* Each stay judged by its due time with the calendar as it is now; the first from the
       * moment the letter arrived. */
      if (previous_at != 0 && action != RANAH_ACTION_NONE)
        {
          guint standard = ranah_workflow_standard_days (from);
          g_autofree char *took = ranah_format_wait (loaded->calendar, previous_at, event->at,
                                                     standard, &late);

          if (standard > 0)
            g_string_append_printf (subtitle, " · %s · %s", took,
                                    late ? _("late") : _("within the standard"));
          else
            g_string_append_printf (subtitle, " · %s", took);
        }
      if (event->note != NULL && *event->note)
        g_string_append_printf (subtitle, "\n%s", event->note);
      row = add_row (list, title, subtitle->str);
      if (late)
        gtk_widget_add_css_class (row, "ranah-late");
      if (action != RANAH_ACTION_NONE)
        previous_at = from == RANAH_STATE_NONE && loaded->calendar != NULL
                      ? MIN (event->at, ranah_escalation_received_at (loaded->calendar,
                                                                      loaded->request))
                      : event->at;
    }

  if (ranah_state_is_open (loaded->request->state))
    {
      guint standard = ranah_workflow_standard_days (loaded->request->state);
      gboolean late = FALSE;
      g_autofree char *waited = NULL;
      g_autofree char *title = g_strdup_printf (_("Step %u · waiting"),
                                                ranah_workflow_pending_step (loaded->request->state));
      GtkWidget *row;

      if (loaded->calendar != NULL)
        {
          RanahClock clock;
          g_autofree char *used = NULL;
          g_autofree char *due = NULL;

          late = ranah_escalation_clock (loaded->calendar, loaded->request, loaded->now, &clock)
                 && clock.overdue;
          used = ranah_format_clock (&clock);
          due = ranah_format_due (&clock, loaded->now);
          waited = due != NULL ? g_strdup_printf ("%s · %s", used, due) : g_steal_pointer (&used);
        }
      else
        waited = ranah_format_wait (NULL, loaded->request->state_since, loaded->now, standard,
                                    &late);
      row = add_row (list, title, waited);
      if (late)
        gtk_widget_add_css_class (row, "ranah-late");
    }
}

static gboolean
is_destructive (RanahAction action)
{
  return action == RANAH_ACTION_DECLINE || action == RANAH_ACTION_WITHDRAW
         || action == RANAH_ACTION_RECALL_DISPOSITION || action == RANAH_ACTION_RETURN_DRAFT;
}

/* Whether the latest disposition still standing has been read: the store then refuses a
 * recall (the workflow table's condition, checked at the move), so no button offers it. */
static gboolean
last_disposition_read (RanahRequestPage *self)
{
  for (guint i = self->dispositions != NULL ? self->dispositions->len : 0; i > 0; i--)
    {
      const RanahDisposition *d = g_ptr_array_index (self->dispositions, i - 1);

      if (!d->recalled)
        return d->read_at != 0;
    }
  return FALSE;
}

static void
show_actions (RanahRequestPage *self)
{
  g_autoptr(GPtrArray) actions = ranah_store_next_actions (self->store, self->request);
  GtkWidget *child;
  RanahAction forward = ranah_workflow_forward_action (self->request->state);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_box))) != NULL)
    gtk_flow_box_remove (self->actions_box, child);
  g_ptr_array_set_size (self->shown_actions, 0);

  for (guint i = 0; i < actions->len; i++)
    {
      const RanahTransition *t = g_ptr_array_index (actions, i);
      const char *nick = ranah_action_to_string (t->action);
      GtkWidget *button;
      gboolean seen = FALSE;

      for (guint k = 0; k < self->shown_actions->len; k++)
        seen |= g_str_equal (g_ptr_array_index (self->shown_actions, k), nick);
      if (seen || (t->action == RANAH_ACTION_RECALL_DISPOSITION && last_disposition_read (self)))
        continue;
      g_ptr_array_add (self->shown_actions, g_strdup (nick));
      button = gtk_button_new_with_label (ranah_action_label (t->action));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "request.act");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", nick);
      if (t->action == forward)
        gtk_widget_add_css_class (button, "suggested-action");
      else if (is_destructive (t->action))
        gtk_widget_add_css_class (button, "destructive-action");
      gtk_flow_box_append (self->actions_box, button);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->actions_box), self->shown_actions->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->no_actions_label), self->shown_actions->len == 0);
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RanahRequestPage *self = RANAH_REQUEST_PAGE (source);
  g_autoptr(GError) error = NULL;
  Loaded *loaded = ranah_task_finish (result, &error);
  g_autofree char *state = NULL;
  RanahRequest *r;
  RanahClock clock;

  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (loaded == NULL)
    {
      adw_status_page_set_description (self->error_page, ranah_error_sentence (error));
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  if (loaded->generation != self->generation)
    {
      loaded_free (loaded);
      return;
    }

  g_clear_pointer (&self->request, ranah_request_free);
  self->request = g_steal_pointer (&loaded->request);
  g_clear_pointer (&self->dispositions, g_ptr_array_unref);
  self->dispositions = g_ptr_array_ref (loaded->dispositions);
  r = self->request;
  loaded->request = r;  /* borrowed by the show_* helpers below */

  {
    g_autofree char *shown = ranah_name_display (r->fqdn);
    gtk_label_set_text (self->title_label, shown);
  }
  state = g_strdup_printf ("%s%s%s", ranah_state_label (r->state),
                           r->outcome == RANAH_OUTCOME_REFUSED ? _(" · declined") :
                           r->outcome == RANAH_OUTCOME_APPROVED ? _(" · approved") : "",
                           ranah_state_is_open (r->state)
                           ? "" : "");
  gtk_label_set_text (self->state_label, state);
  if (ranah_state_is_open (r->state) && loaded->calendar != NULL
      && ranah_escalation_clock (loaded->calendar, r, loaded->now, &clock) && clock.overdue)
    {
      g_autofree char *due = ranah_format_time (clock.due_at);
      g_autofree char *text = g_strdup_printf (_("Overdue: step %u was due %s."),
                                               ranah_workflow_pending_step (r->state), due);
      gtk_label_set_text (self->late_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->late_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->late_label), FALSE);

  show_actions (self);
  show_details (self, loaded);
  show_dispositions (self, loaded);
  show_timeline (self, loaded);

  if (loaded->layout != NULL)
    {
      if (self->preview == NULL)
        {
          self->lacking_label = gtk_label_new (NULL);
          gtk_label_set_wrap (GTK_LABEL (self->lacking_label), TRUE);
          gtk_label_set_xalign (GTK_LABEL (self->lacking_label), 0);
          gtk_widget_add_css_class (self->lacking_label, "warning");
          gtk_box_append (self->preview_section, self->lacking_label);
          self->preview = ranah_letter_preview_new ();
          gtk_box_append (self->preview_section, self->preview);
        }
      gtk_label_set_text (GTK_LABEL (self->lacking_label),
                          loaded->lacking != NULL ? loaded->lacking : "");
      gtk_widget_set_visible (self->lacking_label, loaded->lacking != NULL);
      ranah_letter_preview_set_layout (RANAH_LETTER_PREVIEW (self->preview), loaded->layout,
                                       self->store, r->id);
      gtk_widget_set_visible (GTK_WIDGET (self->preview_section), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->preview_section), FALSE);

  loaded->request = NULL;
  loaded_free (loaded);
  gtk_stack_set_visible_child_name (self->stack, "content");
}

/* Moves run here, whatever dialog collected them. */

typedef struct
{
  RanahStore  *store;
  RanahMove    move;
  char        *note;
  GStrv        instructions;
  GPtrArray   *records;
} MoveJob;

static void
move_job_free (MoveJob *job)
{
  g_clear_object (&job->store);
  g_free (job->note);
  g_strfreev (job->instructions);
  g_clear_pointer (&job->records, g_ptr_array_unref);
  g_free (job);
}

/* Step 5 needs every record of the request seen in DNS. Proofs recorded already (with
 * ranah-cli dns verify, say) are enough; else the authoritative server is asked: records
 * made elsewhere are verified, and when it does not serve them they are provisioned (an
 * update that never overwrites a name in use), and the answers kept as their proofs. */
static gboolean
prove_records (RanahStore  *store,
               gint64       request_id,
               GError     **error)
{
  g_autoptr(RanahRequest) request = ranah_store_get_request (store, request_id, error);
  g_autoptr(GHashTable) profile = NULL;
  g_autoptr(RanahDnsServer) server = NULL;
  g_autoptr(RanahDnsResult) result = NULL;
  g_autoptr(GError) local = NULL;
  char *secret;

  if (request == NULL)
    return FALSE;
  if (ranah_request_check_proven (request, NULL))
    return TRUE;
  if ((profile = ranah_store_get_profile (store, error)) == NULL)
    return FALSE;
  server = ranah_dns_server_new_from_profile (profile, error);
  /* The server keeps its own copy; this one is wiped before the table frees it. */
  secret = g_hash_table_lookup (profile, RANAH_PROFILE_TSIG_SECRET);
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  if (server == NULL)
    return FALSE;
  result = ranah_dns_verify (server, request->fqdn, request->records, &local);
  if (result == NULL && g_error_matches (local, RANAH_DNS_ERROR, RANAH_DNS_ERROR_DRIFT))
    {
      g_clear_error (&local);
      result = ranah_dns_provision (server, request->fqdn, request->records, &local);
    }
  if (result == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return ranah_store_record_proofs (store, request_id, result->records, error);
}

static gpointer
move_thread (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  MoveJob *job = data;

  if (job->move.action == RANAH_ACTION_CREATE
      && !prove_records (job->store, job->move.request_id, error))
    return NULL;
  if (!ranah_store_move (job->store, &job->move, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
show_dialog_error (GtkWindow  *dialog,
                   const char *message)
{
  if (RANAH_IS_NOTE_DIALOG (dialog))
    ranah_note_dialog_show_error (RANAH_NOTE_DIALOG (dialog), message);
  else if (RANAH_IS_DISPOSITION_DIALOG (dialog))
    ranah_disposition_dialog_show_error (RANAH_DISPOSITION_DIALOG (dialog), message);
  else if (RANAH_IS_CREATION_DIALOG (dialog))
    ranah_creation_dialog_show_error (RANAH_CREATION_DIALOG (dialog), message);
}

static void
set_dialog_busy (GtkWindow *dialog,
                 gboolean   busy)
{
  gtk_widget_set_sensitive (GTK_WIDGET (dialog), !busy);
}

static void
move_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RanahRequestPage *self = RANAH_REQUEST_PAGE (source);
  g_autoptr(GtkWindow) dialog = user_data;
  g_autoptr(GError) error = NULL;

  if (dialog != NULL)
    set_dialog_busy (dialog, FALSE);
  if (ranah_task_finish (result, &error) == NULL)
    {
      /* The dialog keeps what was typed; a stale request is reloaded underneath it. */
      if (dialog != NULL && gtk_widget_get_visible (GTK_WIDGET (dialog)))
        show_dialog_error (dialog, ranah_error_sentence (error));
      else
        ranah_widget_toast (GTK_WIDGET (self), ranah_error_sentence (error));
      if (g_error_matches (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_CONFLICT))
        ranah_request_page_reload (self);
      return;
    }
  if (dialog != NULL)
    {
      if (self->dialog == dialog)
        self->dialog = NULL;
      gtk_window_destroy (dialog);
    }
  ranah_widget_toast (GTK_WIDGET (self), _("Done."));
  g_signal_emit (self, signals[MOVED], 0);
  ranah_request_page_reload (self);
}

static void
run_move (RanahRequestPage *self,
          GtkWindow        *dialog,
          const RanahMove  *move,
          GPtrArray        *records)
{
  MoveJob *job = g_new0 (MoveJob, 1);

  job->store = g_object_ref (self->store);
  job->move = *move;
  job->note = g_strdup (move->note);
  job->move.note = job->note;
  job->instructions = g_strdupv ((char **) move->instructions);
  job->move.instructions = (const char * const *) job->instructions;
  job->records = records != NULL ? ranah_records_copy (records) : NULL;
  job->move.records = job->records;
  job->move.idempotency_key = NULL;
  if (move->action == RANAH_ACTION_SIGN)
    {
      /* The letter layer renders the signed PDF inside the signing transaction. */
      job->move.render = ranah_letter_render_signed;
      job->move.render_data = job->store;
    }
  if (dialog != NULL)
    set_dialog_busy (dialog, TRUE);
  ranah_task_run (self, NULL, move_thread, job, (GDestroyNotify) move_job_free, NULL, move_done,
                  dialog != NULL ? g_object_ref (dialog) : NULL);
}

static void
on_note_confirmed (RanahRequestPage *self,
                   RanahNoteDialog  *dialog)
{
  RanahMove move = { 0 };
  g_autofree char *note = ranah_note_dialog_dup_note (dialog);

  move.action = ranah_note_dialog_get_action (dialog);
  move.request_id = self->request->id;
  move.expected_version = self->request->version;
  move.note = note != NULL && *note ? note : NULL;
  run_move (self, GTK_WINDOW (dialog), &move, NULL);
}

static void
on_disposition_confirmed (RanahRequestPage       *self,
                          RanahDispositionDialog *dialog)
{
  RanahMove move = { 0 };
  g_autofree char *note = NULL;
  g_auto(GStrv) instructions = NULL;

  move.action = ranah_disposition_dialog_get_action (dialog);
  move.request_id = self->request->id;
  move.expected_version = self->request->version;
  move.to_user_id = ranah_disposition_dialog_get_recipient (dialog);
  instructions = ranah_disposition_dialog_dup_instructions (dialog);
  move.instructions = (const char * const *) instructions;
  note = ranah_disposition_dialog_dup_note (dialog);
  move.note = note != NULL && *note ? note : NULL;
  move.urgency = ranah_disposition_dialog_get_urgency (dialog);
  move.due_at = ranah_disposition_dialog_get_due (dialog);
  run_move (self, GTK_WINDOW (dialog), &move, NULL);
}

static void
on_creation_confirmed (RanahRequestPage    *self,
                       RanahCreationDialog *dialog)
{
  RanahMove move = { 0 };
  g_autoptr(GPtrArray) records = ranah_creation_dialog_dup_records (dialog);

  move.action = RANAH_ACTION_CREATE;
  move.request_id = self->request->id;
  move.expected_version = self->request->version;
  run_move (self, GTK_WINDOW (dialog), &move, records);
}

static void
on_dialog_destroyed (RanahRequestPage *self,
                     GtkWindow        *dialog)
{
  if (self->dialog == dialog)
    self->dialog = NULL;
}

static void
present_dialog (RanahRequestPage *self,
                GtkWindow        *dialog)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  self->dialog = dialog;
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (dialog, GTK_WINDOW (root));
  gtk_window_set_modal (dialog, TRUE);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_dialog_destroyed), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (dialog);
}

static void
act_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  RanahRequestPage *self = RANAH_REQUEST_PAGE (widget);
  RanahAction action = ranah_action_from_string (g_variant_get_string (parameter, NULL));
  const RanahTransition *t;

  if (self->request == NULL)
    return;
  t = ranah_workflow_find (self->request->state, action);
  if (t == NULL)
    {
      ranah_widget_toast (widget, _("This action is not open in the request’s current state."));
      return;
    }

  switch (action)
    {
    case RANAH_ACTION_DISPOSE_TO_KABID:
    case RANAH_ACTION_DISPOSE_TO_SUBKOOR:
    case RANAH_ACTION_DISPOSE_TO_STAF:
      {
        RanahDispositionDialog *dialog = ranah_disposition_dialog_new (self->store, self->request,
                                                                       action);
        g_signal_connect_object (dialog, "confirmed", G_CALLBACK (on_disposition_confirmed), self,
                                 G_CONNECT_SWAPPED);
        present_dialog (self, GTK_WINDOW (dialog));
      }
      break;

    case RANAH_ACTION_CREATE:
      {
        RanahCreationDialog *dialog = ranah_creation_dialog_new (self->request);
        g_signal_connect_object (dialog, "confirmed", G_CALLBACK (on_creation_confirmed), self,
                                 G_CONNECT_SWAPPED);
        present_dialog (self, GTK_WINDOW (dialog));
      }
      break;

    default:
      {
        RanahNoteDialog *dialog = ranah_note_dialog_new (self->request, t);
        g_signal_connect_object (dialog, "confirmed", G_CALLBACK (on_note_confirmed), self,
                                 G_CONNECT_SWAPPED);
        present_dialog (self, GTK_WINDOW (dialog));
      }
      break;
    }
}

typedef struct
{
  RanahStore *store;
  gint64      request_id;
} LetterJob;

static void
letter_job_free (LetterJob *job)
{
  g_clear_object (&job->store);
  g_free (job);
}

static gpointer
letter_thread (gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  LetterJob *job = data;
  g_autoptr(GBytes) pdf = ranah_store_get_request_letter (job->store, job->request_id, error);
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  int fd;

  if (pdf == NULL)
    return NULL;
  /* A private temp file, handed to the system's PDF viewer. */
  name = g_strdup_printf ("ranah-surat-permohonan-%" G_GINT64_FORMAT "-XXXXXX.pdf", job->request_id);
  fd = g_file_open_tmp (name, &path, error);
  if (fd < 0)
    return NULL;
  close (fd);
  if (!g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), error))
    return NULL;
  return g_filename_to_uri (path, NULL, error);
}

static void
letter_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RanahRequestPage *self = RANAH_REQUEST_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = ranah_task_finish (result, &error);
  g_autoptr(GAppLaunchContext) context = NULL;

  if (uri == NULL)
    {
      ranah_widget_toast (GTK_WIDGET (self), ranah_error_sentence (error));
      return;
    }
  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (
                                    gtk_widget_get_display (GTK_WIDGET (self))));
  if (!g_app_info_launch_default_for_uri (uri, context, &error))
    ranah_widget_toast (GTK_WIDGET (self), _("No application to show PDF files is installed."));
}

static void
open_letter_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RanahRequestPage *self = RANAH_REQUEST_PAGE (widget);
  LetterJob *job;

  if (self->request == NULL)
    return;
  job = g_new0 (LetterJob, 1);
  job->store = g_object_ref (self->store);
  job->request_id = self->request->id;
  ranah_task_run (self, NULL, letter_thread, job, (GDestroyNotify) letter_job_free, g_free,
                  letter_done, NULL);
}

static void
ranah_request_page_dispose (GObject *object)
{
  RanahRequestPage *self = RANAH_REQUEST_PAGE (object);

  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  gtk_widget_dispose_template (GTK_WIDGET (self), RANAH_TYPE_REQUEST_PAGE);
  g_clear_object (&self->store);
  g_clear_pointer (&self->request, ranah_request_free);
  g_clear_pointer (&self->dispositions, g_ptr_array_unref);
  g_clear_pointer (&self->shown_actions, g_ptr_array_unref);

  G_OBJECT_CLASS (ranah_request_page_parent_class)->dispose (object);
}

static void
ranah_request_page_class_init (RanahRequestPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ranah_request_page_dispose;

  /**
   * RanahRequestPage::moved:
   *
   * A move made on this page was accepted by the store.
   */
  signals[MOVED] = g_signal_new ("moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/tarakankota/Ranah/ui/ranah-request-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, RanahRequestPage, name)
  CHILD (stack);
  CHILD (spinner);
  CHILD (error_page);
  CHILD (title_label);
  CHILD (state_label);
  CHILD (late_label);
  CHILD (actions_box);
  CHILD (no_actions_label);
  CHILD (preview_section);
  CHILD (details_box);
  CHILD (records_box);
  CHILD (dispositions_box);
  CHILD (timeline_box);
#undef CHILD

  gtk_widget_class_install_action (widget_class, "request.act", "s", act_action);
  gtk_widget_class_install_action (widget_class, "request.open-letter", NULL, open_letter_action);
}

static void
ranah_request_page_init (RanahRequestPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->shown_actions = g_ptr_array_new_with_free_func (g_free);
}

void
ranah_request_page_set_store (RanahRequestPage *self,
                              RanahStore       *store)
{
  g_return_if_fail (RANAH_IS_REQUEST_PAGE (self));
  g_set_object (&self->store, store);
}

void
ranah_request_page_load (RanahRequestPage *self,
                         gint64            request_id)
{
  g_return_if_fail (RANAH_IS_REQUEST_PAGE (self));

  if (request_id != self->request_id)
    {
      g_clear_pointer (&self->request, ranah_request_free);
      gtk_spinner_set_spinning (self->spinner, TRUE);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  self->request_id = request_id;
  ranah_request_page_reload (self);
}

void
ranah_request_page_reload (RanahRequestPage *self)
{
  LoadJob *job;

  g_return_if_fail (RANAH_IS_REQUEST_PAGE (self));

  if (self->store == NULL || self->request_id == 0)
    return;
  job = g_new0 (LoadJob, 1);
  job->store = g_object_ref (self->store);
  job->request_id = self->request_id;
  job->generation = ++self->generation;
  ranah_task_run (self, NULL, load_thread, job, (GDestroyNotify) load_job_free,
                  (GDestroyNotify) loaded_free, load_done, NULL);
}

const RanahRequest *
ranah_request_page_get_request (RanahRequestPage *self)
{
  g_return_val_if_fail (RANAH_IS_REQUEST_PAGE (self), NULL);
  return self->request;
}

GStrv
ranah_request_page_dup_shown_actions (RanahRequestPage *self)
{
  GStrvBuilder *builder;
  GStrv result;

  g_return_val_if_fail (RANAH_IS_REQUEST_PAGE (self), NULL);

  builder = g_strv_builder_new ();
  /* Read back from the buttons themselves, so a test sees what a person sees. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));

      if (target != NULL && gtk_widget_get_visible (button))
        g_strv_builder_add (builder, g_variant_get_string (target, NULL));
    }
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

GtkWindow *
ranah_request_page_get_dialog (RanahRequestPage *self)
{
  g_return_val_if_fail (RANAH_IS_REQUEST_PAGE (self), NULL);
  return self->dialog;
}

GtkWidget *
ranah_request_page_get_preview (RanahRequestPage *self)
{
  g_return_val_if_fail (RANAH_IS_REQUEST_PAGE (self), NULL);
  return self->preview != NULL && gtk_widget_get_visible (GTK_WIDGET (self->preview_section))
         ? self->preview : NULL;
}
