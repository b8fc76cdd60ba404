/* ranah-letter-preview.c — the Surat Tanggapan as it will print: pages, zoom, print, export
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The preview, the printout and the exported PDF all call the letter layer's one drawing
 * (ranah_letter_layout_draw_page / ranah_letter_render_from_store), so what is seen is
 * what is printed.
 */
#include <glib/gi18n-lib.h>

#include "ranah-letter-preview.h"
#include "ranah-task.h"
#include "ranah-window.h"

#define POINTS_TO_PIXELS (96.0 / 72.0)

struct _RanahLetterPreview
{
  GtkWidget          parent_instance;

  GtkWidget         *box;
  GtkLabel          *page_label;
  GtkLabel          *zoom_label;
  GtkDrawingArea    *area;

  RanahLetterLayout *layout;
  RanahStore        *store;
  gint64             request_id;
  guint              page;
  double             zoom;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (RanahLetterPreview, ranah_letter_preview, GTK_TYPE_WIDGET)

static void
update (RanahLetterPreview *self)
{
  guint n = self->layout != NULL ? ranah_letter_layout_get_n_pages (self->layout) : 0;
  g_autofree char *page = g_strdup_printf (_("Page %u of %u"), n ? self->page + 1 : 0, n);
  g_autofree char *zoom = g_strdup_printf ("%.0f%%", self->zoom * 100);

  gtk_label_set_text (self->page_label, page);
  gtk_label_set_text (self->zoom_label, zoom);
  if (self->layout != NULL)
    {
      gtk_drawing_area_set_content_width (self->area,
                                          (int) (ranah_letter_layout_get_page_width (self->layout)
                                                 * POINTS_TO_PIXELS * self->zoom) + 24);
      gtk_drawing_area_set_content_height (self->area,
                                           (int) (ranah_letter_layout_get_page_height (self->layout)
                                                  * POINTS_TO_PIXELS * self->zoom) + 24);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.previous", self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.next", self->page + 1 < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-out", self->zoom > 0.3);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-in", self->zoom < 3.0);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  RanahLetterPreview *self = user_data;
  double scale = POINTS_TO_PIXELS * self->zoom;
  double page_width;

  if (self->layout == NULL)
    return;
  page_width = ranah_letter_layout_get_page_width (self->layout) * scale;
  cairo_translate (cr, MAX (12, (width - page_width) / 2), 12);
  /* A soft edge so the white page reads against a light background too. */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_rectangle (cr, -1, -1, page_width + 2,
                   ranah_letter_layout_get_page_height (self->layout) * scale + 2);
  cairo_fill (cr);
  ranah_letter_layout_draw_page (self->layout, cr, self->page, scale);
}

static void
previous_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  RanahLetterPreview *self = RANAH_LETTER_PREVIEW (widget);
  if (self->page > 0)
    self->page--;
  update (self);
}

static void
next_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  RanahLetterPreview *self = RANAH_LETTER_PREVIEW (widget);
  if (self->layout != NULL && self->page + 1 < ranah_letter_layout_get_n_pages (self->layout))
    self->page++;
  update (self);
}

static void
zoom_in_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  RanahLetterPreview *self = RANAH_LETTER_PREVIEW (widget);
  self->zoom = MIN (3.0, self->zoom * 1.25);
  update (self);
}

static void
zoom_out_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  RanahLetterPreview *self = RANAH_LETTER_PREVIEW (widget);
  self->zoom = MAX (0.3, self->zoom / 1.25);
  update (self);
}

static void
begin_print_cb (GtkPrintOperation  *operation,
                GtkPrintContext    *context,
                RanahLetterPreview *self)
{
  gtk_print_operation_set_n_pages (operation, ranah_letter_layout_get_n_pages (self->layout));
}

static void
draw_page_cb (GtkPrintOperation  *operation,
              GtkPrintContext    *context,
              int                 page,
              RanahLetterPreview *self)
{
  /* The context is set up in points (GTK_UNIT_POINTS), like the PDF. */
  ranah_letter_layout_draw_page (self->layout, gtk_print_context_get_cairo_context (context),
                                 (guint) page, 1.0);
}

static void
print_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  RanahLetterPreview *self = RANAH_LETTER_PREVIEW (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->layout == NULL)
    return;
  paper = gtk_paper_size_new_custom (ranah_letter_layout_get_paper_name (self->layout),
                                     ranah_letter_layout_get_paper_name (self->layout),
                                     ranah_letter_layout_get_page_width (self->layout),
                                     ranah_letter_layout_get_page_height (self->layout),
                                     GTK_UNIT_POINTS);
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_job_name (operation, "Surat Tanggapan");
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), self);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    ranah_widget_toast (widget, error->message);
}

typedef struct
{
  RanahStore *store;
  gint64      request_id;
  GFile      *file;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->file);
  g_free (job);
}

static gpointer
export_thread (gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  ExportJob *job = data;
  g_autoptr(GBytes) pdf = ranah_letter_render_from_store (job->store, job->request_id, error);

  if (pdf == NULL
      || !g_file_replace_contents (job->file, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                   NULL, FALSE, G_FILE_CREATE_NONE, NULL, cancellable, error))
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
    ranah_widget_toast (GTK_WIDGET (source), error->message);
  else
    ranah_widget_toast (GTK_WIDGET (source), _("The letter was saved as PDF."));
}

static void
on_export_response (GtkNativeDialog    *chooser,
                    int                 response,
                    RanahLetterPreview *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      ExportJob *job = g_new0 (ExportJob, 1);

      job->store = g_object_ref (self->store);
      job->request_id = self->request_id;
      job->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      ranah_task_run (self, NULL, export_thread, job, (GDestroyNotify) export_job_free, NULL,
                      export_done, NULL);
    }
  g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  RanahLetterPreview *self = RANAH_LETTER_PREVIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *file_name = g_strdup_printf ("surat-tanggapan-%" G_GINT64_FORMAT ".pdf",
                                                self->request_id);

  if (self->store == NULL || self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export Letter as PDF"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), file_name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static GtkWidget *
tool_button (const char *icon,
             const char *tooltip,
             const char *action)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
ranah_letter_preview_dispose (GObject *object)
{
  RanahLetterPreview *self = RANAH_LETTER_PREVIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->layout);
  g_clear_object (&self->store);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  G_OBJECT_CLASS (ranah_letter_preview_parent_class)->dispose (object);
}

static void
ranah_letter_preview_class_init (RanahLetterPreviewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ranah_letter_preview_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "preview.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "preview.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "preview.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "preview.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "preview.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "preview.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "preview.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "preview.print",
                                       NULL);
}

static void
ranah_letter_preview_init (RanahLetterPreview *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *print = gtk_button_new_with_mnemonic (_("_Print…"));
  GtkWidget *export = gtk_button_new_with_mnemonic (_("E_xport PDF…"));

  self->zoom = 0.75;
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->page_label = GTK_LABEL (gtk_label_new (NULL));
  self->zoom_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->page_label), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (self->zoom_label), "numeric");
  gtk_box_append (GTK_BOX (toolbar), tool_button ("go-previous-symbolic", _("Previous Page"),
                                                  "preview.previous"));
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->page_label));
  gtk_box_append (GTK_BOX (toolbar), tool_button ("go-next-symbolic", _("Next Page"),
                                                  "preview.next"));
  gtk_box_append (GTK_BOX (toolbar), tool_button ("zoom-out-symbolic", _("Zoom Out"),
                                                  "preview.zoom-out"));
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->zoom_label));
  gtk_box_append (GTK_BOX (toolbar), tool_button ("zoom-in-symbolic", _("Zoom In"),
                                                  "preview.zoom-in"));
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (toolbar), spacer);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (print), "preview.print");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "preview.export");
  gtk_box_append (GTK_BOX (toolbar), print);
  gtk_box_append (GTK_BOX (toolbar), export);
  gtk_box_append (GTK_BOX (self->box), toolbar);

  self->area = GTK_DRAWING_AREA (gtk_drawing_area_new ());
  gtk_drawing_area_set_draw_func (self->area, draw_cb, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Letter preview"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->area));
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 480);
  gtk_widget_add_css_class (scrolled, "ranah-preview");
  gtk_box_append (GTK_BOX (self->box), scrolled);
  update (self);
}

GtkWidget *
ranah_letter_preview_new (void)
{
  return g_object_new (RANAH_TYPE_LETTER_PREVIEW, NULL);
}

void
ranah_letter_preview_set_layout (RanahLetterPreview *self,
                                 RanahLetterLayout  *layout,
                                 RanahStore         *store,
                                 gint64              request_id)
{
  g_return_if_fail (RANAH_IS_LETTER_PREVIEW (self));

  g_set_object (&self->layout, layout);
  g_set_object (&self->store, store);
  if (self->request_id != request_id)
    self->page = 0;
  self->request_id = request_id;
  if (layout != NULL && self->page >= ranah_letter_layout_get_n_pages (layout))
    self->page = 0;
  update (self);
}

guint
ranah_letter_preview_get_page (RanahLetterPreview *self)
{
  g_return_val_if_fail (RANAH_IS_LETTER_PREVIEW (self), 0);
  return self->page;
}

guint
ranah_letter_preview_get_n_pages (RanahLetterPreview *self)
{
  g_return_val_if_fail (RANAH_IS_LETTER_PREVIEW (self), 0);
  return self->layout != NULL ? ranah_letter_layout_get_n_pages (self->layout) : 0;
}

double
ranah_letter_preview_get_zoom (RanahLetterPreview *self)
{
  g_return_val_if_fail (RANAH_IS_LETTER_PREVIEW (self), 1.0);
  return self->zoom;
}
