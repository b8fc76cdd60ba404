/* ranah-report-page.c — Laporan: service standards, open requests, OPDs and the registry
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures are computed in a worker thread from the store (requests, the whole audit
 * trail, the registry), then shown as two charts and small tables. Exports write the SOP
 * compliance sheet (PDF or CSV) and the public list (CSV or JSON) of the same store.
 */
#include <stdio.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libnotify/notify.h>

#include "config.h"

#include "ranah-chart.h"
#include "ranah-format.h"
#include "ranah-report-page.h"
#include "ranah-report-pdf.h"
#include "ranah-task.h"
#include "ranah-window.h"

enum {
  PERIOD_THIS_MONTH,
  PERIOD_LAST_MONTH,
  PERIOD_THIS_YEAR,
  PERIOD_LAST_YEAR,
  PERIOD_CUSTOM,
};

struct _RanahReportPage
{
  GtkWidget             parent_instance;

  GtkWidget            *scroller;
  GtkDropDown          *period_dropdown;
  GtkEntry             *from_entry;
  GtkEntry             *to_entry;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  AdwStatusPage        *error_status;
  GtkLabel             *summary_label;
  RanahChart           *steps_chart;
  RanahChart           *months_chart;
  GtkGrid              *steps_grid;
  GtkGrid              *roles_grid;
  GtkGrid              *ages_grid;
  GtkGrid              *opds_grid;
  GtkGrid              *registry_grid;

  RanahStore           *store;
  RanahReport          *report;
  guint                 generation;
  gboolean              setting_period;
  gboolean              stale;         /* reload when next shown */
  GtkFileChooserNative *chooser;
  char                 *export_kind;
};

G_DEFINE_FINAL_TYPE (RanahReportPage, ranah_report_page, GTK_TYPE_WIDGET)

/* ---- tables ---------------------------------------------------------------------------- */

static void
grid_clear (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
grid_row (GtkGrid            *grid,
          int                 row,
          const char * const *cells,
          guint               n,
          gboolean            header)
{
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *label = gtk_label_new (cells[i]);

      /* Names left, numbers right. */
      gtk_label_set_xalign (GTK_LABEL (label), i == 0 ? 0.0f : 1.0f);
      gtk_label_set_selectable (GTK_LABEL (label), !header);
      if (i == 0)
        {
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_widget_set_hexpand (label, TRUE);
        }
      if (header)
        gtk_widget_add_css_class (label, "heading");
      else if (i > 0)
        gtk_widget_add_css_class (label, "numeric");
      gtk_grid_attach (grid, label, i, row, 1, 1);
    }
}

static char *
days_text (guint  n,
           double days)
{
  return n > 0 ? g_strdup_printf ("%.2f", days) : g_strdup ("–");
}

static char *
share_text (double share)
{
  return share >= 0 ? g_strdup_printf ("%.0f %%", share * 100.0) : g_strdup ("–");
}

static void
show_steps (RanahReportPage   *self,
            const RanahReport *report)
{
  const char *header[] = { _("Step"), _("Standard"), _("Measured"), _("Median"),
                           _("90th percentile"), _("Within standard") };

  grid_clear (self->steps_grid);
  grid_row (self->steps_grid, 0, header, G_N_ELEMENTS (header), TRUE);
  for (guint step = 1; step <= RANAH_REPORT_N_STEPS; step++)
    {
      const RanahStepFigures *f = &report->steps[step];
      const RanahSopStep *sop = ranah_workflow_sop_step (step);
      g_autofree char *name = g_strdup_printf ("%u. %s — %s", step, ranah_role_title (sop->actor),
                                               sop->description);
      g_autofree char *standard = f->standard_days > 0
                                  ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day",
                                                                  "%u days", f->standard_days),
                                                     f->standard_days)
                                  : g_strdup ("–");
      g_autofree char *n = g_strdup_printf ("%u", f->n);
      g_autofree char *median = days_text (f->n, f->median_days);
      g_autofree char *p90 = days_text (f->n, f->p90_days);
      g_autofree char *share = share_text (f->share_within);
      const char *cells[] = { name, standard, n, median, p90, share };

      grid_row (self->steps_grid, step, cells, G_N_ELEMENTS (cells), FALSE);
    }
}

static void
show_roles (RanahReportPage   *self,
            const RanahReport *report)
{
  const char *header[] = { _("Role"), _("Measured"), _("Median"), _("90th percentile"),
                           _("Within standard") };
  int row = 1;

  grid_clear (self->roles_grid);
  grid_row (self->roles_grid, 0, header, G_N_ELEMENTS (header), TRUE);
  for (guint role = RANAH_ROLE_OPD; role <= RANAH_ROLE_STAF; role++)
    {
      const RanahRoleFigures *f = &report->roles[role];
      g_autofree char *n = g_strdup_printf ("%u", f->n);
      g_autofree char *median = days_text (f->n, f->median_days);
      g_autofree char *p90 = days_text (f->n, f->p90_days);
      g_autofree char *share = share_text (f->share_within);
      const char *cells[] = { ranah_role_title (role), n, median, p90, share };

      grid_row (self->roles_grid, row++, cells, G_N_ELEMENTS (cells), FALSE);
    }
}

static void
show_ages (RanahReportPage   *self,
           const RanahReport *report)
{
  const char *header[] = { _("Working days"), _("Open requests") };

  grid_clear (self->ages_grid);
  grid_row (self->ages_grid, 0, header, G_N_ELEMENTS (header), TRUE);
  for (guint b = 0; b < RANAH_REPORT_N_AGES; b++)
    {
      g_autofree char *n = g_strdup_printf ("%u", report->open_by_age[b]);
      const char *cells[] = { ranah_report_age_label (b), n };

      grid_row (self->ages_grid, b + 1, cells, G_N_ELEMENTS (cells), FALSE);
    }
}

static void
show_opds (RanahReportPage   *self,
           const RanahReport *report)
{
  const char *header[] = { _("OPD"), _("Received"), _("Approved"), _("Refused"), _("Pending"),
                           _("Withdrawn"), _("Done") };

  grid_clear (self->opds_grid);
  grid_row (self->opds_grid, 0, header, G_N_ELEMENTS (header), TRUE);
  for (guint i = 0; i < report->opds->len; i++)
    {
      const RanahOpdFigures *f = g_ptr_array_index (report->opds, i);
      g_autofree char *total = g_strdup_printf ("%u", f->total);
      g_autofree char *approved = g_strdup_printf ("%u", f->approved);
      g_autofree char *refused = g_strdup_printf ("%u", f->refused);
      g_autofree char *pending = g_strdup_printf ("%u", f->pending);
      g_autofree char *withdrawn = g_strdup_printf ("%u", f->withdrawn);
      g_autofree char *done = g_strdup_printf ("%u", f->done);
      const char *cells[] = { f->opd_name, total, approved, refused, pending, withdrawn, done };

      grid_row (self->opds_grid, i + 1, cells, G_N_ELEMENTS (cells), FALSE);
    }
}

static void
show_registry (RanahReportPage   *self,
               const RanahReport *report)
{
  const char *header[] = { _("OPD"), _("Active"), _("Suspended"), _("Revoked"),
                           _("Failing checks") };
  guint row = 1;

  grid_clear (self->registry_grid);
  grid_row (self->registry_grid, 0, header, G_N_ELEMENTS (header), TRUE);
  for (guint i = 0; i <= report->registry_opds->len; i++)
    {
      const RanahRegistryFigures *f = i < report->registry_opds->len
                                      ? g_ptr_array_index (report->registry_opds, i)
                                      : &report->registry;
      g_autofree char *active = g_strdup_printf ("%u", f->active);
      g_autofree char *suspended = g_strdup_printf ("%u", f->suspended);
      g_autofree char *revoked = g_strdup_printf ("%u", f->revoked);
      g_autofree char *failing = g_strdup_printf ("%u", f->failing);
      const char *cells[] = { i < report->registry_opds->len ? f->opd_name : _("All OPDs"),
                              active, suspended, revoked, failing };

      grid_row (self->registry_grid, row++, cells, G_N_ELEMENTS (cells), FALSE);
    }
  for (guint i = 0; i < report->failing->len; i++)
    {
      g_autofree char *line = g_strdup_printf (_("Failing: %s"),
                                               (const char *) g_ptr_array_index (report->failing, i));
      const char *cells[] = { line };

      grid_row (self->registry_grid, row++, cells, 1, FALSE);
    }
}

/* "1 January 2026" in the user's language. */
static char *
format_day (const char *iso)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3
      || (dt = g_date_time_new_utc (y, m, d, 0, 0, 0)) == NULL)
    return g_strdup (iso != NULL ? iso : "");
  return g_date_time_format (dt, "%-d %B %Y");
}

static void
show_report (RanahReportPage *self)
{
  const RanahReport *report = self->report;
  g_autofree char *from = format_day (report->from_date);
  g_autofree char *to = format_day (report->to_date);
  g_autofree char *summary = NULL;
  g_autofree char *steps_a11y = NULL;
  guint measured = 0, within = 0, with_standard = 0;

  for (guint step = 1; step <= RANAH_REPORT_N_STEPS; step++)
    {
      measured += report->steps[step].n;
      if (report->steps[step].standard_days > 0)
        {
          with_standard += report->steps[step].n;
          within += report->steps[step].n_within;
        }
    }
  summary = g_strdup_printf (_("From %s to %s: %u requests received, %u steps finished, "
                               "%u of %u timed steps within the SOP’s standard. Now %u requests "
                               "are open, %u of them overdue."),
                             from, to, report->received, measured, within, with_standard,
                             report->open_total, report->open_overdue);
  gtk_label_set_text (self->summary_label, summary);

  ranah_chart_set_report (self->steps_chart, report);
  ranah_chart_set_report (self->months_chart, report);
  steps_a11y = g_strdup_printf (_("Chart of the median working days per step against the "
                                  "standard; the figures are in the table below."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->steps_chart),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, steps_a11y, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->months_chart),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Chart of the requests received per month"), -1);
  show_steps (self, report);
  show_roles (self, report);
  show_ages (self, report);
  show_opds (self, report);
  show_registry (self, report);
  gtk_stack_set_visible_child_name (self->stack, "report");
}

/* ---- loading --------------------------------------------------------------------------- */

typedef struct {
  RanahStore *store;
  char       *from;
  char       *to;
  guint       generation;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_clear_object (&job->store);
  g_free (job->from);
  g_free (job->to);
  g_free (job);
}

static gpointer
load_thread (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  LoadJob *job = data;

  return ranah_report_from_store (job->store, job->from, job->to, error);
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RanahReportPage *self = RANAH_REPORT_PAGE (source);
  guint generation = GPOINTER_TO_UINT (user_data);
  g_autoptr(GError) error = NULL;
  RanahReport *report = ranah_task_finish (result, &error);

  if (generation != self->generation)
    {
      ranah_report_free (report);
      return;
    }
  gtk_spinner_stop (self->spinner);
  if (report == NULL)
    {
      adw_status_page_set_description (self->error_status, ranah_error_sentence (error));
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  ranah_chart_set_report (self->steps_chart, NULL);
  ranah_chart_set_report (self->months_chart, NULL);
  g_clear_pointer (&self->report, ranah_report_free);
  self->report = report;
  show_report (self);
}

void
ranah_report_page_reload (RanahReportPage *self)
{
  LoadJob *job;

  g_return_if_fail (RANAH_IS_REPORT_PAGE (self));

  if (self->store == NULL)
    return;
  /* Reading the whole audit trail is work: only for a page someone looks at. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  job = g_new0 (LoadJob, 1);
  job->store = g_object_ref (self->store);
  job->from = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->from_entry)));
  job->to = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->to_entry)));
  job->generation = ++self->generation;
  if (self->report == NULL)
    {
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  ranah_task_run (self, NULL, load_thread, job, (GDestroyNotify) load_job_free,
                  (GDestroyNotify) ranah_report_free, load_done,
                  GUINT_TO_POINTER (job->generation));
}

/* ---- the period ------------------------------------------------------------------------ */

static void
set_entries (RanahReportPage *self,
             GDateTime       *from,
             GDateTime       *to)
{
  g_autofree char *a = g_date_time_format (from, "%Y-%m-%d");
  g_autofree char *b = g_date_time_format (to, "%Y-%m-%d");

  self->setting_period = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), a);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), b);
  self->setting_period = FALSE;
}

static void
apply_preset (RanahReportPage *self)
{
  guint preset = gtk_drop_down_get_selected (self->period_dropdown);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) last = NULL;
  int y = g_date_time_get_year (now), m = g_date_time_get_month (now);

  switch (preset)
    {
    case PERIOD_THIS_MONTH:
      first = g_date_time_new_local (y, m, 1, 0, 0, 0);
      last = g_date_time_ref (now);
      break;
    case PERIOD_LAST_MONTH:
      {
        g_autoptr(GDateTime) this_month = g_date_time_new_local (y, m, 1, 0, 0, 0);

        first = g_date_time_add_months (this_month, -1);
        last = g_date_time_add_days (this_month, -1);
      }
      break;
    case PERIOD_THIS_YEAR:
      first = g_date_time_new_local (y, 1, 1, 0, 0, 0);
      last = g_date_time_ref (now);
      break;
    case PERIOD_LAST_YEAR:
      first = g_date_time_new_local (y - 1, 1, 1, 0, 0, 0);
      last = g_date_time_new_local (y - 1, 12, 31, 0, 0, 0);
      break;
    default:
      return;
    }
  set_entries (self, first, last);
  ranah_report_page_reload (self);
}

static void
on_period_selected (RanahReportPage *self)
{
  apply_preset (self);
}

static void
on_entry_changed (RanahReportPage *self)
{
  if (!self->setting_period
      && gtk_drop_down_get_selected (self->period_dropdown) != PERIOD_CUSTOM)
    gtk_drop_down_set_selected (self->period_dropdown, PERIOD_CUSTOM);
}

void
ranah_report_page_set_period (RanahReportPage *self,
                              const char      *from_date,
                              const char      *to_date)
{
  g_return_if_fail (RANAH_IS_REPORT_PAGE (self));
  g_return_if_fail (from_date != NULL && to_date != NULL);

  gtk_drop_down_set_selected (self->period_dropdown, PERIOD_CUSTOM);
  self->setting_period = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from_date);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to_date);
  self->setting_period = FALSE;
  ranah_report_page_reload (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ranah_report_page_reload (RANAH_REPORT_PAGE (widget));
}

/* ---- exports --------------------------------------------------------------------------- */

typedef struct {
  RanahStore *store;
  char       *kind;
  char       *from;
  char       *to;
  GFile      *file;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->file);
  g_free (job->kind);
  g_free (job->from);
  g_free (job->to);
  g_free (job);
}

static gpointer
export_thread (gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  ExportJob *job = data;
  g_autoptr(GBytes) bytes = NULL;

  if (g_str_has_prefix (job->kind, "compliance-"))
    {
      g_autoptr(RanahReport) report = NULL;
      g_autoptr(GHashTable) profile = NULL;

      if ((report = ranah_report_from_store (job->store, job->from, job->to, error)) == NULL
          || (profile = ranah_store_get_profile (job->store, error)) == NULL)
        return NULL;
      if (g_str_equal (job->kind, "compliance-pdf"))
        bytes = ranah_report_compliance_pdf (profile, report, error);
      else
        {
          char *csv = ranah_report_compliance_csv (report);
          bytes = g_bytes_new_take (csv, strlen (csv));
        }
    }
  else
    {
      g_autoptr(GPtrArray) entries = ranah_store_list_entries (job->store, NULL, error);
      char *text;

      if (entries == NULL)
        return NULL;
      text = g_str_equal (job->kind, "public-json") ? ranah_report_public_json (entries)
                                                     : ranah_report_public_csv (entries);
      bytes = g_bytes_new_take (text, strlen (text));
    }
  if (bytes == NULL
      || !g_file_replace_contents (job->file, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), NULL, FALSE, G_FILE_CREATE_NONE,
                                   NULL, cancellable, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (ranah_task_finish (result, &error) == NULL)
    ranah_widget_toast (GTK_WIDGET (source), ranah_error_sentence (error));
  else
    ranah_widget_toast (GTK_WIDGET (source), _("Exported."));
}

static void
on_export_response (GtkNativeDialog *chooser,
                    int              response,
                    RanahReportPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL)
    {
      ExportJob *job = g_new0 (ExportJob, 1);

      job->store = g_object_ref (self->store);
      job->kind = g_strdup (self->export_kind);
      job->from = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->from_entry)));
      job->to = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->to_entry)));
      job->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      ranah_task_run (self, NULL, export_thread, job, (GDestroyNotify) export_job_free, NULL,
                      export_done, NULL);
    }
  g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RanahReportPage *self = RANAH_REPORT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *kind = g_variant_get_string (parameter, NULL);
  const char *from = gtk_editable_get_text (GTK_EDITABLE (self->from_entry));
  const char *to = gtk_editable_get_text (GTK_EDITABLE (self->to_entry));
  g_autofree char *name = NULL;
  const char *title;

  if (self->chooser != NULL)
    return;
  if (g_str_equal (kind, "compliance-pdf") || g_str_equal (kind, "compliance-csv"))
    {
      title = _("Export the SOP Compliance Sheet");
      name = g_strdup_printf ("kepatuhan-sop-%s-%s.%s", from, to,
                              g_str_equal (kind, "compliance-pdf") ? "pdf" : "csv");
    }
  else if (g_str_equal (kind, "public-csv") || g_str_equal (kind, "public-json"))
    {
      title = _("Export the Public List");
      name = g_strdup_printf ("daftar-subdomain-publik.%s",
                              g_str_equal (kind, "public-csv") ? "csv" : "json");
    }
  else
    return;

  g_free (self->export_kind);
  self->export_kind = g_strdup (kind);
  self->chooser = gtk_file_chooser_native_new (title,
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- the object ------------------------------------------------------------------------ */

static void
ranah_report_page_dispose (GObject *object)
{
  RanahReportPage *self = RANAH_REPORT_PAGE (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), RANAH_TYPE_REPORT_PAGE);
  G_OBJECT_CLASS (ranah_report_page_parent_class)->dispose (object);
}

static void
ranah_report_page_finalize (GObject *object)
{
  RanahReportPage *self = RANAH_REPORT_PAGE (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->report, ranah_report_free);
  g_free (self->export_kind);
  G_OBJECT_CLASS (ranah_report_page_parent_class)->finalize (object);
}

static void
ranah_report_page_map (GtkWidget *widget)
{
  RanahReportPage *self = RANAH_REPORT_PAGE (widget);

  GTK_WIDGET_CLASS (ranah_report_page_parent_class)->map (widget);
  if (self->stale)
    ranah_report_page_reload (self);
}

static void
ranah_report_page_class_init (RanahReportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ranah_report_page_dispose;
  object_class->finalize = ranah_report_page_finalize;
  widget_class->map = ranah_report_page_map;

  g_type_ensure (RANAH_TYPE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/tarakankota/Ranah/ui/ranah-report-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RanahReportPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, RanahReportPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RanahReportPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, RanahReportPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, RanahReportPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RanahReportPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RanahReportPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, RanahReportPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RanahReportPage, steps_chart);
  gtk_widget_class_bind_template_child (widget_class, RanahReportPage, months_chart);
  gtk_widget_class_bind_template_child (widget_class, RanahReportPage, steps_grid);
  gtk_widget_class_bind_template_child (widget_class, RanahReportPage, roles_grid);
  gtk_widget_class_bind_template_child (widget_class, RanahReportPage, ages_grid);
  gtk_widget_class_bind_template_child (widget_class, RanahReportPage, opds_grid);
  gtk_widget_class_bind_template_child (widget_class, RanahReportPage, registry_grid);

  gtk_widget_class_install_action (widget_class, "report.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "report.export", "s", export_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ranah_report_page_init (RanahReportPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->from_entry, "changed", G_CALLBACK (on_entry_changed), self);
  g_signal_connect_swapped (self->to_entry, "changed", G_CALLBACK (on_entry_changed), self);
  g_signal_connect_swapped (self->from_entry, "activate", G_CALLBACK (ranah_report_page_reload),
                            self);
  g_signal_connect_swapped (self->to_entry, "activate", G_CALLBACK (ranah_report_page_reload),
                            self);
  gtk_drop_down_set_selected (self->period_dropdown, PERIOD_THIS_YEAR);
  apply_preset (self);
  g_signal_connect_swapped (self->period_dropdown, "notify::selected",
                            G_CALLBACK (on_period_selected), self);
}

GtkWidget *
ranah_report_page_new (void)
{
  return g_object_new (RANAH_TYPE_REPORT_PAGE, NULL);
}

void
ranah_report_page_set_store (RanahReportPage *self,
                             RanahStore      *store)
{
  g_return_if_fail (RANAH_IS_REPORT_PAGE (self));
  g_return_if_fail (store == NULL || RANAH_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  ranah_report_page_reload (self);
}

const RanahReport *
ranah_report_page_get_report (RanahReportPage *self)
{
  g_return_val_if_fail (RANAH_IS_REPORT_PAGE (self), NULL);
  return self->report;
}

/* ---- escalation notices ---------------------------------------------------------------- */

static char *
default_told_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "ranah", "escalations-told", NULL);
}

GPtrArray *
ranah_report_take_new_alerts (RanahStore  *store,
                              const char  *told_path,
                              GError     **error)
{
  static GMutex lock;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autofree char *path = told_path != NULL ? g_strdup (told_path) : default_told_path ();
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) told = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) append = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  GPtrArray *fresh;
  const RanahUser *me;

  g_return_val_if_fail (RANAH_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((alerts = ranah_escalation_from_store (store, error)) == NULL)
    return NULL;
  /* Per user: colleagues sharing a desktop account each hear their own. The alert keys
   * carry the moment the step began, so two stores do not mix them up. */
  me = ranah_store_get_user (store);

  locker = g_mutex_locker_new (&lock);
  if (g_file_get_contents (path, &text, NULL, NULL))
    {
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        g_hash_table_add (told, lines[i]);
    }
  fresh = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_alert_free);
  for (guint i = 0; i < alerts->len; i++)
    {
      RanahAlert *alert = g_ptr_array_index (alerts, i);
      g_autofree char *line = g_strdup_printf ("%s:%s", me != NULL ? me->username : "",
                                               alert->key);

      if (g_hash_table_contains (told, line))
        continue;
      g_string_append_printf (append, "%s\n", line);
      g_ptr_array_add (fresh, g_steal_pointer (&alerts->pdata[i]));
    }
  if (append->len > 0)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *all = g_strconcat (text != NULL ? text : "", append->str, NULL);

      g_mkdir_with_parents (dir, 0700);
      if (!g_file_set_contents (path, all, -1, error))
        {
          g_ptr_array_unref (fresh);
          return NULL;
        }
    }
  return fresh;
}

static gpointer
alerts_thread (gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  return ranah_report_take_new_alerts (data, NULL, error);
}

static void
alerts_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GSettings) settings = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = ranah_task_finish (result, &error);

  if (alerts == NULL)
    {
      g_debug ("No escalation notices: %s", error->message);
      return;
    }
  if (settings != NULL && !g_settings_get_boolean (settings, "notifications"))
    return;
  if (alerts->len == 0 || (!notify_is_initted () && !notify_init (APP_ID)))
    return;
  for (guint i = 0; i < alerts->len; i++)
    {
      RanahAlert *alert = g_ptr_array_index (alerts, i);
      const char *summary = alert->kind == RANAH_ALERT_WARN ? _("A step is nearly due")
                            : alert->kind == RANAH_ALERT_BREACH ? _("A step is overdue")
                            : _("A step below you is overdue");
      NotifyNotification *notification = notify_notification_new (summary, alert->message,
                                                                  APP_ID);

      notify_notification_set_category (notification, "x-ranah.escalation");
      notify_notification_set_hint (notification, "desktop-entry",
                                    g_variant_new_string (APP_ID));
      if (alert->kind != RANAH_ALERT_WARN)
        notify_notification_set_urgency (notification, NOTIFY_URGENCY_CRITICAL);
      if (!notify_notification_show (notification, &error))
        {
          g_debug ("Could not show a notification: %s", error->message);
          g_clear_error (&error);
        }
      g_object_unref (notification);
    }
}

void
ranah_report_notify_escalations (RanahStore *store,
                                 GSettings  *settings)
{
  g_return_if_fail (RANAH_IS_STORE (store));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  ranah_task_run (store, NULL, alerts_thread, g_object_ref (store), g_object_unref,
                  (GDestroyNotify) g_ptr_array_unref, alerts_done,
                  settings != NULL ? g_object_ref (settings) : NULL);
}
