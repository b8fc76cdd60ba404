/* ranah-holiday-import-dialog.c — importing a holiday calendar (.ics) or list (.csv): every
 * date shown, duplicates greyed, before anything is stored
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is read with core's ranah-holiday-import, the same reading as `ranah-cli holiday
 * import`: one row per date with its name, a "Cuti bersama" tag, and the dates the store
 * already has or the file gives twice greyed and labelled; the events and rows skipped are
 * listed with their line above. Only the new dates are stored, all together.
 */
#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "ranah-dialog-util.h"
#include "ranah-format.h"
#include "ranah-holiday-import-dialog.h"
#include "ranah-task.h"
#include "ranah-window.h"

#define YEAR_MIN 1900
#define YEAR_MAX 2200

struct _RanahHolidayImportDialog
{
  AdwWindow           parent_instance;

  RanahDialogFrame    frame;
  GtkSpinner         *spinner;
  GtkLabel           *summary;
  GtkWidget          *years_group;
  GtkSpinButton      *first_year;
  GtkSpinButton      *last_year;
  GtkListBox         *problem_list;
  GtkWidget          *days_heading;
  GtkListBox         *day_list;

  RanahStore         *store;
  GBytes             *contents;   /* the file as read */
  GPtrArray          *existing;   /* RanahHoliday*: the store's, when the file was read */
  RanahHolidayImport *import;
  GPtrArray          *rows;       /* "date|name|note" of each row shown */
  gboolean            busy;
  gboolean            setting_years;
};

G_DEFINE_FINAL_TYPE (RanahHolidayImportDialog, ranah_holiday_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- showing what was read -------------------------------------------------------------- */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
tag (const char *text,
     const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, style);
  return label;
}

/* With its weekday: whether a holiday falls on a Friday or a Sunday is what one checks. */
static char *
format_day (const char *iso_date)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  if (sscanf (iso_date, "%d-%d-%d", &y, &m, &d) != 3
      || (dt = g_date_time_new_utc (y, m, d, 0, 0, 0)) == NULL)
    return g_strdup (iso_date);
  /* Translators: a holiday's date, e.g. "Friday, 20 March 2026"; see the strftime manual
   * ("%-e": the day without padding) */
  return g_date_time_format (dt, _("%A, %-e %B %Y"));
}

static GtkWidget *
day_row (RanahHolidayImportDialog *self,
         const RanahHolidayDay    *day)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *date = format_day (day->date);
  g_autofree char *subtitle = NULL;
  GString *note = g_string_new (NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), day->name);
  if (day->cuti_bersama)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag (_("Cuti bersama"), "accent"));
      g_string_append (note, _("Cuti bersama"));
    }

  switch (day->status)
    {
    case RANAH_HOLIDAY_DAY_IN_STORE:
      subtitle = g_strcmp0 (day->other_name, day->name) != 0
                 ? g_strdup_printf (_("%s · already in the store as “%s”"), date, day->other_name)
                 : g_strdup_printf (_("%s · already in the store"), date);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag (_("Already there"), "dim-label"));
      g_string_append_printf (note, "%s%s", note->len > 0 ? ", " : "", _("Already there"));
      break;
    case RANAH_HOLIDAY_DAY_REPEATED:
      subtitle = g_strdup_printf (_("%s · given twice in the file, first as “%s”"), date,
                                  day->other_name);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag (_("Twice in the file"), "dim-label"));
      g_string_append_printf (note, "%s%s", note->len > 0 ? ", " : "", _("Twice in the file"));
      break;
    case RANAH_HOLIDAY_DAY_NEW:
    default:
      subtitle = g_strdup (date);
      break;
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* Greyed, and not a row to stop at: nothing happens to a duplicate. */
  if (day->status != RANAH_HOLIDAY_DAY_NEW)
    {
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
    }
  g_ptr_array_add (self->rows, g_strdup_printf ("%s|%s|%s", day->date, day->name, note->str));
  g_string_free (note, TRUE);
  return row;
}

static void
show_import (RanahHolidayImportDialog *self)
{
  const RanahHolidayImport *import = self->import;
  guint n_new = ranah_holiday_import_count (import, RANAH_HOLIDAY_DAY_NEW);
  guint n_dup = ranah_holiday_import_count (import, RANAH_HOLIDAY_DAY_IN_STORE)
                + ranah_holiday_import_count (import, RANAH_HOLIDAY_DAY_REPEATED);
  g_autofree char *counts = NULL;
  g_autofree char *text = NULL;
  g_autofree char *confirm = NULL;

  clear_list (self->problem_list);
  for (guint i = 0; i < import->problems->len; i++)
    {
      const RanahImportProblem *problem = g_ptr_array_index (import->problems, i);
      g_autofree char *line = problem->line > 0
                              ? g_strdup_printf (_("Line %u: %s"), problem->line, problem->reason)
                              : g_strdup (problem->reason);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line);
      gtk_widget_add_css_class (row, "ranah-late");
      gtk_list_box_append (self->problem_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problem_list), import->problems->len > 0);

  clear_list (self->day_list);
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; i < import->days->len; i++)
    gtk_list_box_append (self->day_list, day_row (self, g_ptr_array_index (import->days, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->day_list), import->days->len > 0);
  gtk_widget_set_visible (self->days_heading, import->days->len > 0);

  /* The years spin buttons only matter to a file with yearly events. */
  gtk_widget_set_visible (self->years_group, import->n_yearly > 0);
  if (import->n_yearly > 0 && import->years->len > 0)
    {
      self->setting_years = TRUE;
      gtk_spin_button_set_value (self->first_year, g_array_index (import->years, guint, 0));
      gtk_spin_button_set_value (self->last_year,
                                 g_array_index (import->years, guint, import->years->len - 1));
      self->setting_years = FALSE;
    }

  counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new date to add",
                                         "%u new dates to add", n_new), n_new);
  if (import->days->len == 0 && import->problems->len == 0)
    text = g_strdup (_("The file holds no whole-day holidays to import."));
  else
    {
      g_autofree char *dups = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u duplicate (greyed)",
                                                            "%u duplicates (greyed)", n_dup),
                                               n_dup);
      g_autofree char *skipped = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u event or row skipped",
                                                               "%u events or rows skipped",
                                                               import->problems->len),
                                                  import->problems->len);

      /* Translators: "9 new dates to add · 3 duplicates (greyed) · 1 event or row skipped" */
      text = g_strdup_printf (_("%s · %s · %s"), counts, dups, skipped);
    }
  gtk_label_set_text (self->summary, text);

  confirm = n_new > 0
            ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Import %u Holiday",
                                            "_Import %u Holidays", n_new), n_new)
            : g_strdup (_("_Import"));
  gtk_button_set_label (self->frame.confirm, confirm);
  gtk_button_set_use_underline (self->frame.confirm, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->frame.confirm),
                            ranah_holiday_import_dialog_can_import (self));
}

static gboolean
parse (RanahHolidayImportDialog  *self,
       const guint               *years,
       guint                      n_years,
       GError                   **error)
{
  RanahHolidayImportOptions options = { 0 };
  gsize len = 0;
  const char *data = g_bytes_get_data (self->contents, &len);
  RanahHolidayImport *import;

  options.years = years;
  options.n_years = n_years;
  options.existing = self->existing;
  import = ranah_holiday_import_read (data != NULL ? data : "", len, &options, error);
  if (import == NULL)
    return FALSE;
  g_clear_pointer (&self->import, ranah_holiday_import_free);
  self->import = import;
  return TRUE;
}

/* ---- reading the file and the store ----------------------------------------------------- */

typedef struct
{
  GFile      *file;
  RanahStore *store;
} ReadJob;

typedef struct
{
  GBytes    *contents;
  GPtrArray *existing;
} Read;

static void
read_job_free (ReadJob *job)
{
  g_clear_object (&job->file);
  g_clear_object (&job->store);
  g_free (job);
}

static void
read_free (Read *read)
{
  g_clear_pointer (&read->contents, g_bytes_unref);
  g_clear_pointer (&read->existing, g_ptr_array_unref);
  g_free (read);
}

static gpointer
read_thread (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ReadJob *job = data;
  g_autofree char *path = g_file_get_path (job->file);
  Read *read = g_new0 (Read, 1);

  /* A file with a path is read as ranah-cli reads one: a regular file, never past the
   * limit. The portal gives paths too; anything else is loaded and then measured. */
  if (path != NULL)
    {
      if (!ranah_file_read_limited (path, RANAH_HOLIDAY_FILE_MAX_BYTES, &read->contents, error))
        goto fail;
    }
  else
    {
      char *contents = NULL;
      gsize length = 0;

      if (!g_file_load_contents (job->file, cancellable, &contents, &length, NULL, error))
        goto fail;
      read->contents = g_bytes_new_take (contents, length);
      if (length > RANAH_HOLIDAY_FILE_MAX_BYTES)
        {
          g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                       _("The file is larger than %u MB."),
                       (guint) (RANAH_HOLIDAY_FILE_MAX_BYTES / (1024 * 1024)));
          goto fail;
        }
    }
  if ((read->existing = ranah_store_list_holidays (job->store, error)) == NULL)
    goto fail;
  return read;

fail:
  read_free (read);
  return NULL;
}

static void
read_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RanahHolidayImportDialog *self = RANAH_HOLIDAY_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  Read *read = ranah_task_finish (result, &error);

  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  self->busy = FALSE;
  if (read != NULL)
    {
      self->contents = g_steal_pointer (&read->contents);
      self->existing = g_steal_pointer (&read->existing);
      read_free (read);
    }
  if (read == NULL || !parse (self, NULL, 0, &error))
    {
      ranah_dialog_frame_show_error (&self->frame, ranah_error_sentence (error));
      gtk_label_set_text (self->summary, _("The file could not be read; nothing is imported."));
      return;
    }
  show_import (self);
}

static void
on_year_changed (GtkSpinButton            *button,
                 RanahHolidayImportDialog *self)
{
  guint first = (guint) gtk_spin_button_get_value_as_int (self->first_year);
  guint last = (guint) gtk_spin_button_get_value_as_int (self->last_year);

  if (self->setting_years || self->contents == NULL)
    return;
  if (button == self->first_year && first > last)
    last = first;
  else if (first > last)
    first = last;
  ranah_holiday_import_dialog_set_years (self, first, last);
}

/* ---- importing -------------------------------------------------------------------------- */

typedef struct
{
  RanahStore *store;
  GPtrArray  *holidays;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->store);
  g_clear_pointer (&job->holidays, g_ptr_array_unref);
  g_free (job);
}

static gpointer
import_thread (gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  ImportJob *job = data;

  if (!ranah_store_add_holidays (job->store, job->holidays, error))
    return NULL;
  return GUINT_TO_POINTER (job->holidays->len);
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RanahHolidayImportDialog *self = RANAH_HOLIDAY_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  guint n = GPOINTER_TO_UINT (ranah_task_finish (result, &error));
  g_autofree char *message = NULL;

  self->busy = FALSE;
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
  if (n == 0)
    {
      /* Nothing was stored: say why, and keep the dialog as it was. */
      ranah_dialog_frame_show_error (&self->frame, ranah_error_sentence (error));
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u holiday imported.",
                                          "%u holidays imported.", n), n);
  ranah_widget_toast (GTK_WIDGET (self), message);
  g_signal_emit (self, signals[IMPORTED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RanahHolidayImportDialog *self = RANAH_HOLIDAY_IMPORT_DIALOG (widget);
  ImportJob *job;

  if (!ranah_holiday_import_dialog_can_import (self))
    return;
  job = g_new0 (ImportJob, 1);
  job->store = g_object_ref (self->store);
  job->holidays = ranah_holiday_import_new_holidays (self->import);
  self->busy = TRUE;
  ranah_dialog_frame_show_error (&self->frame, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  ranah_task_run (self, NULL, import_thread, job, (GDestroyNotify) import_job_free, NULL,
                  import_done, NULL);
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
ranah_holiday_import_dialog_dispose (GObject *object)
{
  RanahHolidayImportDialog *self = RANAH_HOLIDAY_IMPORT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->contents, g_bytes_unref);
  g_clear_pointer (&self->existing, g_ptr_array_unref);
  g_clear_pointer (&self->import, ranah_holiday_import_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ranah_holiday_import_dialog_parent_class)->dispose (object);
}

static void
ranah_holiday_import_dialog_class_init (RanahHolidayImportDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ranah_holiday_import_dialog_dispose;

  /**
   * RanahHolidayImportDialog::imported:
   *
   * The new dates are stored; the dialog closes next.
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "dialog.confirm", NULL,
                                   confirm_action);
}

static void
ranah_holiday_import_dialog_init (RanahHolidayImportDialog *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_free);
}

static GtkWidget *
year_spin (RanahHolidayImportDialog *self,
           const char               *accessible_label)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (YEAR_MIN, YEAR_MAX, 1);

  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_year_changed), self);
  return spin;
}

RanahHolidayImportDialog *
ranah_holiday_import_dialog_new (RanahStore *store,
                                 GFile      *file)
{
  RanahHolidayImportDialog *self;
  GtkWidget *top, *row, *to;
  g_autofree char *basename = NULL;
  g_autofree char *title = NULL;
  ReadJob *job;

  g_return_val_if_fail (RANAH_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (RANAH_TYPE_HOLIDAY_IMPORT_DIALOG, "modal", TRUE, NULL);
  self->store = g_object_ref (store);
  basename = g_file_get_basename (file);
  title = g_strdup_printf (_("Import Holidays from %s"), basename);
  ranah_dialog_frame_build (ADW_WINDOW (self), title, _("_Import"), FALSE, &self->frame);
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 680);
  gtk_widget_set_sensitive (GTK_WIDGET (self->frame.confirm), FALSE);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_spinner_set_spinning (self->spinner, TRUE);
  self->summary = GTK_LABEL (gtk_label_new (_("Reading the file…")));
  gtk_label_set_wrap (self->summary, TRUE);
  gtk_label_set_xalign (self->summary, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->summary), TRUE);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->summary));
  gtk_box_append (GTK_BOX (self->frame.content), top);

  self->years_group = adw_preferences_group_new ();
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Yearly holidays"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Holidays that repeat every year are listed for these years."));
  self->first_year = GTK_SPIN_BUTTON (year_spin (self, _("From the year")));
  self->last_year = GTK_SPIN_BUTTON (year_spin (self, _("To the year")));
  /* Translators: between two years, "2026 to 2027" */
  to = gtk_label_new (_("to"));
  gtk_widget_add_css_class (to, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->first_year));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), to);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->last_year));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->years_group), row);
  gtk_widget_set_visible (self->years_group, FALSE);
  gtk_box_append (GTK_BOX (self->frame.content), self->years_group);

  self->problem_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->problem_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem_list), "boxed-list");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_list), FALSE);
  gtk_box_append (GTK_BOX (self->frame.content), GTK_WIDGET (self->problem_list));

  self->days_heading = gtk_label_new (_("Dates"));
  gtk_label_set_xalign (GTK_LABEL (self->days_heading), 0);
  gtk_widget_add_css_class (self->days_heading, "heading");
  gtk_widget_set_visible (self->days_heading, FALSE);
  gtk_box_append (GTK_BOX (self->frame.content), self->days_heading);

  self->day_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->day_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->day_list), "boxed-list");
  gtk_widget_set_visible (GTK_WIDGET (self->day_list), FALSE);
  gtk_box_append (GTK_BOX (self->frame.content), GTK_WIDGET (self->day_list));

  job = g_new0 (ReadJob, 1);
  job->file = g_object_ref (file);
  job->store = g_object_ref (store);
  self->busy = TRUE;
  ranah_task_run (self, NULL, read_thread, job, (GDestroyNotify) read_job_free,
                  (GDestroyNotify) read_free, read_done, NULL);
  return self;
}

const RanahHolidayImport *
ranah_holiday_import_dialog_get_import (RanahHolidayImportDialog *self)
{
  g_return_val_if_fail (RANAH_IS_HOLIDAY_IMPORT_DIALOG (self), NULL);
  return self->import;
}

void
ranah_holiday_import_dialog_set_years (RanahHolidayImportDialog *self,
                                       guint                     first_year,
                                       guint                     last_year)
{
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RANAH_IS_HOLIDAY_IMPORT_DIALOG (self));
  g_return_if_fail (first_year <= last_year);
  if (self->contents == NULL)
    return;
  first_year = CLAMP (first_year, YEAR_MIN, YEAR_MAX);
  last_year = CLAMP (last_year, first_year, YEAR_MAX);
  for (guint year = first_year; year <= last_year; year++)
    g_array_append_val (years, year);
  if (!parse (self, (const guint *) (gpointer) years->data, years->len, &error))
    {
      ranah_dialog_frame_show_error (&self->frame, ranah_error_sentence (error));
      return;
    }
  show_import (self);
}

gboolean
ranah_holiday_import_dialog_can_import (RanahHolidayImportDialog *self)
{
  g_return_val_if_fail (RANAH_IS_HOLIDAY_IMPORT_DIALOG (self), FALSE);
  return !self->busy && self->import != NULL
         && ranah_holiday_import_count (self->import, RANAH_HOLIDAY_DAY_NEW) > 0;
}

GStrv
ranah_holiday_import_dialog_dup_rows (RanahHolidayImportDialog *self)
{
  GStrvBuilder *builder;
  GStrv rows;

  g_return_val_if_fail (RANAH_IS_HOLIDAY_IMPORT_DIALOG (self), NULL);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->rows->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->rows, i));
  rows = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return rows;
}
