/* ranah-report-pdf.c — the SOP compliance sheet, the case file and the charts
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <gmodule.h>
#include <poppler.h>

#include "ranah-letter-private.h"
#include "ranah-report-pdf.h"

#define TABLE_SIZE  8.5
#define CELL_PAD    3.0
#define CHART_H     190.0

/* ---- poppler, loaded when first needed ----------------------------------------------------
 *
 * poppler-glib brings the C++ poppler, its image codecs and NSS: some twenty libraries more,
 * whose loading and relocation cost ranah-cli about 18 ms of CPU and 5.5 MiB at start. Only
 * the case file reads stored PDFs, so the library is opened the first time one is needed,
 * and ranah-cli's other commands (and the app's start) do not pay for it. The header still
 * gives the types and prototypes the pointers below are checked against. */

typedef struct {
  __typeof__ (poppler_document_new_from_bytes)  *document_new_from_bytes;
  __typeof__ (poppler_document_get_n_pages)     *document_get_n_pages;
  __typeof__ (poppler_document_get_page)        *document_get_page;
  __typeof__ (poppler_page_get_size)            *page_get_size;
  __typeof__ (poppler_page_render_for_printing) *page_render_for_printing;
} Poppler;

static Poppler poppler;

static gboolean
load_poppler (GError **error)
{
  static gsize loaded = 0;        /* 1 once the table is filled, 2 when that failed */
  static char *failure = NULL;

  if (g_once_init_enter (&loaded))
    {
      GModule *module = g_module_open (RANAH_POPPLER_GLIB_SONAME, G_MODULE_BIND_LOCAL);
      gboolean ok = module != NULL
        && g_module_symbol (module, "poppler_document_new_from_bytes",
                            (gpointer *) &poppler.document_new_from_bytes)
        && g_module_symbol (module, "poppler_document_get_n_pages",
                            (gpointer *) &poppler.document_get_n_pages)
        && g_module_symbol (module, "poppler_document_get_page",
                            (gpointer *) &poppler.document_get_page)
        && g_module_symbol (module, "poppler_page_get_size",
                            (gpointer *) &poppler.page_get_size)
        && g_module_symbol (module, "poppler_page_render_for_printing",
                            (gpointer *) &poppler.page_render_for_printing);

      if (ok)
        g_module_make_resident (module);
      else
        failure = g_strdup (g_module_error ());
      g_once_init_leave (&loaded, ok ? 1 : 2);
    }
  if (loaded == 1)
    return TRUE;
  g_set_error (error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_INVALID,
               _("A stored PDF could not be read: %s."), failure);
  return FALSE;
}

/* ---- from the store -------------------------------------------------------------------- */

RanahReport *
ranah_report_from_store (RanahStore  *store,
                         const char  *from_date,
                         const char  *to_date,
                         GError     **error)
{
  g_autoptr(GHashTable) profile = NULL;
  g_autoptr(RanahCalendar) calendar = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 from, to;

  g_return_val_if_fail (RANAH_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((profile = ranah_store_get_profile (store, error)) == NULL
      || (calendar = ranah_store_get_calendar (store, error)) == NULL
      || !ranah_report_period (g_hash_table_lookup (profile, RANAH_PROFILE_TIMEZONE),
                               from_date, to_date, &from, &to, error)
      || (requests = ranah_store_list_requests (store, NULL, error)) == NULL
      || (events = ranah_store_list_events (store, 0, error)) == NULL
      || (entries = ranah_store_list_entries (store, NULL, error)) == NULL)
    return NULL;
  return ranah_report_compute (calendar, requests, events, entries, from_date, to_date, from,
                               to, ranah_store_now (store));
}

static GPtrArray *
open_requests (RanahStore  *store,
               GError     **error)
{
  RanahRequestFilter filter = { 0 };

  filter.open_only = TRUE;
  return ranah_store_list_requests (store, &filter, error);
}

GPtrArray *
ranah_escalation_from_store (RanahStore  *store,
                             GError     **error)
{
  g_autoptr(GHashTable) profile = NULL;
  g_autoptr(RanahCalendar) calendar = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  const RanahUser *me;
  RanahThresholds thresholds;

  g_return_val_if_fail (RANAH_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((profile = ranah_store_get_profile (store, error)) == NULL
      || (calendar = ranah_store_get_calendar (store, error)) == NULL
      || (requests = open_requests (store, error)) == NULL)
    return NULL;
  me = ranah_store_get_user (store);
  ranah_thresholds_from_profile (profile, &thresholds);
  return ranah_escalation_for_user (calendar, requests, me != NULL ? me->role : RANAH_ROLE_NONE,
                                    me != NULL ? me->id : 0, ranah_store_now (store),
                                    &thresholds);
}

GPtrArray *
ranah_escalation_all_from_store (RanahStore  *store,
                                 GError     **error)
{
  g_autoptr(GHashTable) profile = NULL;
  g_autoptr(RanahCalendar) calendar = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  RanahThresholds thresholds;

  g_return_val_if_fail (RANAH_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((profile = ranah_store_get_profile (store, error)) == NULL
      || (calendar = ranah_store_get_calendar (store, error)) == NULL
      || (requests = open_requests (store, error)) == NULL)
    return NULL;
  ranah_thresholds_from_profile (profile, &thresholds);
  return ranah_escalation_all (calendar, requests, ranah_store_now (store), &thresholds);
}

/* ---- charts ---------------------------------------------------------------------------- */

static const RanahChartColors paper_colors = {
  { 0.0, 0.0, 0.0 },
  { 0.45, 0.56, 0.68 },
  { 0.80, 0.10, 0.10 },
  "median", "persentil ke-90", "standar", "Langkah", "hari kerja", "permohonan",
  { NULL },
};

const RanahChartColors *
ranah_chart_colors_paper (void)
{
  return &paper_colors;
}

static const char *
label_or (const char *label,
          const char *fallback)
{
  return label != NULL ? label : fallback;
}

static PangoLayout *
chart_text (cairo_t    *cr,
            const char *family,
            double      size,
            const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, family != NULL ? family : "Liberation Sans");
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Draws @text with its anchor at (x, y): @ax, @ay in 0..1 of its width and height. */
static void
chart_label (cairo_t    *cr,
             const char *family,
             double      size,
             const char *text,
             double      x,
             double      y,
             double      ax,
             double      ay)
{
  g_autoptr(PangoLayout) layout = chart_text (cr, family, size, text);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (cr, x - ax * pango_units_to_double (w), y - ay * pango_units_to_double (h));
  pango_cairo_show_layout (cr, layout);
}

static double
nice_step (double max,
           guint  ticks)
{
  double raw = max / MAX (ticks, 1);
  double magnitude = pow (10, floor (log10 (raw)));
  double steps[] = { 1, 2, 2.5, 5, 10 };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * magnitude >= raw)
      return steps[i] * magnitude;
  return 10 * magnitude;
}

static void
set_rgb (cairo_t      *cr,
         const double  rgb[3])
{
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
}

/* The axes and the horizontal grid; returns the plot's scale (points per unit). */
static double
chart_axes (cairo_t                *cr,
            const RanahChartColors *colors,
            const char             *family,
            double                  left,
            double                  top,
            double                  plot_w,
            double                  plot_h,
            double                  max,
            gboolean                integers)
{
  double step = nice_step (max, 4);
  double top_value;
  double scale;

  if (integers)
    step = MAX (1.0, round (step));
  top_value = ceil (max / step) * step;
  scale = plot_h / top_value;

  cairo_set_line_width (cr, 0.5);
  for (double v = 0; v <= top_value + 1e-9; v += step)
    {
      double y = top + plot_h - v * scale;
      char buf[32];

      cairo_set_source_rgba (cr, colors->ink[0], colors->ink[1], colors->ink[2], 0.18);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, left + plot_w, y);
      cairo_stroke (cr);
      set_rgb (cr, colors->ink);
      if (integers || fabs (v - round (v)) < 1e-9)
        g_snprintf (buf, sizeof buf, "%.0f", v);
      else
        g_snprintf (buf, sizeof buf, "%.1f", v);
      chart_label (cr, family, 7.5, buf, left - 4, y, 1.0, 0.5);
    }
  set_rgb (cr, colors->ink);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, left, top);
  cairo_line_to (cr, left, top + plot_h);
  cairo_line_to (cr, left + plot_w, top + plot_h);
  cairo_stroke (cr);
  return scale;
}

void
ranah_chart_draw_steps (cairo_t                *cr,
                        const RanahReport      *report,
                        double                  width,
                        double                  height,
                        const char             *family,
                        const RanahChartColors *colors)
{
  const guint first = 2, last = RANAH_REPORT_N_STEPS;
  const guint groups = last - first + 1;
  double left = 34, right = 8, top = 22, bottom = 30;
  double plot_w = width - left - right, plot_h = height - top - bottom;
  double max = 1.0, scale, group_w, bar_w;
  const double dash[] = { 3.0, 2.0 };

  g_return_if_fail (cr != NULL && report != NULL);
  if (colors == NULL)
    colors = &paper_colors;
  if (plot_w <= 20 || plot_h <= 20)
    return;

  for (guint s = first; s <= last; s++)
    {
      const RanahStepFigures *f = &report->steps[s];

      max = MAX (max, f->p90_days);
      max = MAX (max, f->median_days);
      max = MAX (max, (double) f->standard_days);
    }
  max *= 1.1;

  cairo_save (cr);
  scale = chart_axes (cr, colors, family, left, top, plot_w, plot_h, max, FALSE);
  group_w = plot_w / groups;
  bar_w = group_w * 0.5;

  for (guint s = first; s <= last; s++)
    {
      const RanahStepFigures *f = &report->steps[s];
      double cx = left + (s - first + 0.5) * group_w;
      double base = top + plot_h;
      char buf[16];

      g_snprintf (buf, sizeof buf, "%u", s);
      set_rgb (cr, colors->ink);
      chart_label (cr, family, 8, buf, cx, base + 3, 0.5, 0.0);

      if (f->n == 0)
        {
          chart_label (cr, family, 8, "–", cx, base - 2, 0.5, 1.0);
        }
      else
        {
          double h = MAX (f->median_days * scale, 0.6);

          set_rgb (cr, colors->bar);
          cairo_rectangle (cr, cx - bar_w / 2, base - h, bar_w, h);
          cairo_fill (cr);
          /* The 90th percentile: a whisker from the median up (or down) to it. */
          set_rgb (cr, colors->ink);
          cairo_set_line_width (cr, 0.9);
          cairo_move_to (cr, cx, base - f->median_days * scale);
          cairo_line_to (cr, cx, base - f->p90_days * scale);
          cairo_move_to (cr, cx - bar_w / 4, base - f->p90_days * scale);
          cairo_line_to (cr, cx + bar_w / 4, base - f->p90_days * scale);
          cairo_stroke (cr);
        }
      if (f->standard_days > 0)
        {
          double y = base - f->standard_days * scale;

          set_rgb (cr, colors->standard);
          cairo_set_line_width (cr, 1.6);
          cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
          cairo_move_to (cr, cx - group_w * 0.45, y);
          cairo_line_to (cr, cx + group_w * 0.45, y);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
    }

  /* Axis titles and the legend along the top. */
  set_rgb (cr, colors->ink);
  chart_label (cr, family, 8, label_or (colors->step_label, paper_colors.step_label),
               left + plot_w / 2, height - 1, 0.5, 1.0);
  chart_label (cr, family, 8, label_or (colors->days_label, paper_colors.days_label),
               0, 0, 0.0, 0.0);
  {
    double x = left + plot_w;
    g_autoptr(PangoLayout) l1 = NULL;
    g_autoptr(PangoLayout) l2 = NULL;
    g_autoptr(PangoLayout) l3 = NULL;
    int w1, w2, w3;

    l1 = chart_text (cr, family, 8, label_or (colors->median_label, paper_colors.median_label));
    l2 = chart_text (cr, family, 8, label_or (colors->p90_label, paper_colors.p90_label));
    l3 = chart_text (cr, family, 8, label_or (colors->standard_label,
                                              paper_colors.standard_label));
    pango_layout_get_size (l1, &w1, NULL);
    pango_layout_get_size (l2, &w2, NULL);
    pango_layout_get_size (l3, &w3, NULL);

    x -= pango_units_to_double (w3);
    cairo_move_to (cr, x, 2);
    pango_cairo_show_layout (cr, l3);
    x -= 20;
    set_rgb (cr, colors->standard);
    cairo_set_line_width (cr, 1.6);
    cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
    cairo_move_to (cr, x, 7);
    cairo_line_to (cr, x + 16, 7);
    cairo_stroke (cr);
    cairo_set_dash (cr, NULL, 0, 0);

    x -= 12 + pango_units_to_double (w2);
    set_rgb (cr, colors->ink);
    cairo_move_to (cr, x, 2);
    pango_cairo_show_layout (cr, l2);
    x -= 10;
    cairo_set_line_width (cr, 0.9);
    cairo_move_to (cr, x + 4, 2);
    cairo_line_to (cr, x + 4, 12);
    cairo_move_to (cr, x, 2);
    cairo_line_to (cr, x + 8, 2);
    cairo_stroke (cr);

    x -= 12 + pango_units_to_double (w1);
    cairo_move_to (cr, x, 2);
    pango_cairo_show_layout (cr, l1);
    x -= 12;
    set_rgb (cr, colors->bar);
    cairo_rectangle (cr, x, 3, 9, 9);
    cairo_fill (cr);
  }
  cairo_restore (cr);
}

static const char *month_names[] = {
  "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"
};

void
ranah_chart_draw_months (cairo_t                *cr,
                         const RanahReport      *report,
                         double                  width,
                         double                  height,
                         const char             *family,
                         const RanahChartColors *colors)
{
  double left = 30, right = 8, top = 22, bottom = 30;
  double plot_w = width - left - right, plot_h = height - top - bottom;
  double max = 1, scale, group_w;
  guint n, label_every;

  g_return_if_fail (cr != NULL && report != NULL);
  if (colors == NULL)
    colors = &paper_colors;
  n = report->months->len;
  if (plot_w <= 20 || plot_h <= 20 || n == 0)
    return;

  for (guint i = 0; i < n; i++)
    max = MAX (max, ((RanahMonthFigures *) g_ptr_array_index (report->months, i))->count);

  cairo_save (cr);
  scale = chart_axes (cr, colors, family, left, top, plot_w, plot_h, max, TRUE);
  group_w = plot_w / n;
  /* Room for about 42 points of label per month shown. */
  label_every = (guint) ceil (42.0 / MAX (group_w, 1.0));
  for (guint i = 0; i < n; i++)
    {
      const RanahMonthFigures *f = g_ptr_array_index (report->months, i);
      double cx = left + (i + 0.5) * group_w;
      double base = top + plot_h;
      double bar_w = MIN (group_w * 0.7, 40);
      int year = 0, month = 0;

      if (f->count > 0)
        {
          char buf[16];

          set_rgb (cr, colors->bar);
          cairo_rectangle (cr, cx - bar_w / 2, base - f->count * scale, bar_w, f->count * scale);
          cairo_fill (cr);
          set_rgb (cr, colors->ink);
          g_snprintf (buf, sizeof buf, "%u", f->count);
          if (group_w >= 14)
            chart_label (cr, family, 7, buf, cx, base - f->count * scale - 1, 0.5, 1.0);
        }
      set_rgb (cr, colors->ink);
      if (i % label_every == 0 && sscanf (f->month, "%d-%d", &year, &month) == 2
          && month >= 1 && month <= 12)
        {
          g_autofree char *label = g_strdup_printf ("%s %02d",
                                                    label_or (colors->month_names[month - 1],
                                                              month_names[month - 1]),
                                                    year % 100);
          chart_label (cr, family, 7.5, label, cx, base + 3, 0.5, 0.0);
        }
    }
  set_rgb (cr, colors->ink);
  chart_label (cr, family, 8, label_or (colors->requests_label, paper_colors.requests_label),
               0, 0, 0.0, 0.0);
  cairo_restore (cr);
}

/* ---- pieces of pages ------------------------------------------------------------------- */

static const char *
nonempty (const char *value,
          const char *fallback)
{
  return value != NULL && *value != '\0' ? value : fallback;
}

static char *
long_date (const char *iso)
{
  char *text = iso != NULL ? ranah_format_date_long (iso) : NULL;

  return text != NULL ? text : g_strdup (nonempty (iso, "-"));
}

static char *
local_time (GHashTable *profile,
            gint64      when)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (when == 0)
    return g_strdup ("-");
  zone = g_time_zone_new_identifier (ranah_profile_value (profile, RANAH_PROFILE_TIMEZONE));
  if (zone == NULL)
    zone = g_time_zone_new_offset (8 * 3600);
  utc = g_date_time_new_from_unix_utc (when);
  if (utc == NULL)
    return g_strdup ("-");
  local = g_date_time_to_timezone (utc, zone);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static double
text_height (PangoLayout *layout)
{
  int h;

  pango_layout_get_size (layout, NULL, &h);
  return pango_units_to_double (h);
}

/* A paragraph of @size points in a box of its own. */
static RanahBox *
add_text (RanahLetterLayout *self,
          const char        *text,
          double             size,
          gboolean           bold,
          PangoAlignment     align,
          double             space_before)
{
  g_autoptr(PangoLayout) layout = NULL;
  RanahBox *box = ranah_box_new ();

  layout = ranah_letter_layout_text (self, text, size, bold,
                                     ranah_letter_layout_content_width (self), align, FALSE);
  box->height = ranah_box_add_layout (box, layout, 0, 0);
  box->space_before = space_before;
  return ranah_letter_layout_add_box (self, box);
}

/* One row of a ruled table; @bold for the header. */
static RanahBox *
add_row (RanahLetterLayout   *self,
         const double        *widths,
         const char * const  *cells,
         guint                n,
         double               size,
         gboolean             bold)
{
  RanahBox *box = ranah_box_new ();
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double height = 0, x = 0;

  for (guint i = 0; i < n; i++)
    {
      PangoLayout *layout = ranah_letter_layout_text (self, nonempty (cells[i], ""), size, bold,
                                                      widths[i] - 2 * CELL_PAD,
                                                      PANGO_ALIGN_LEFT, FALSE);

      height = MAX (height, text_height (layout));
      g_ptr_array_add (layouts, layout);
    }
  height += 2 * CELL_PAD;
  for (guint i = 0; i < n; i++)
    {
      ranah_box_add_layout (box, g_ptr_array_index (layouts, i), x + CELL_PAD, CELL_PAD);
      ranah_box_add (box, RANAH_ITEM_RECT, x, 0, widths[i], height);
      x += widths[i];
    }
  box->height = height;
  return ranah_letter_layout_add_box (self, box);
}

/* Label : value lines, the labels in one column. */
static void
add_fields (RanahLetterLayout   *self,
            const char * const  *labels,
            char               **values,
            guint                n,
            double               size)
{
  double label_w = 0, width = ranah_letter_layout_content_width (self);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) l = ranah_letter_layout_text (self, labels[i], size, FALSE, -1,
                                                           PANGO_ALIGN_LEFT, FALSE);
      int w;

      pango_layout_get_size (l, &w, NULL);
      label_w = MAX (label_w, pango_units_to_double (w) + 8);
    }
  for (guint i = 0; i < n; i++)
    {
      RanahBox *box = ranah_box_new ();
      g_autoptr(PangoLayout) label = NULL;
      g_autoptr(PangoLayout) colon = NULL;
      g_autoptr(PangoLayout) value = NULL;

      label = ranah_letter_layout_text (self, labels[i], size, FALSE, label_w,
                                        PANGO_ALIGN_LEFT, FALSE);
      colon = ranah_letter_layout_text (self, ":", size, FALSE, -1, PANGO_ALIGN_LEFT, FALSE);
      value = ranah_letter_layout_text (self, nonempty (values[i], "-"), size, FALSE,
                                        width - label_w - 10, PANGO_ALIGN_LEFT, FALSE);
      ranah_box_add_layout (box, label, 0, 0);
      ranah_box_add_layout (box, colon, label_w, 0);
      box->height = MAX (ranah_box_add_layout (box, value, label_w + 10, 0), text_height (label));
      box->space_before = 2.0;
      ranah_letter_layout_add_box (self, box);
    }
}

/* The profile's signer, on the right half, under "<city>, <date>". */
static void
add_signature (RanahLetterLayout *self,
               GHashTable        *profile,
               gint64             when)
{
  RanahBox *box = ranah_box_new ();
  double width = ranah_letter_layout_content_width (self);
  double x = width * 0.58, w = width - x, y = 0;
  g_autofree char *date = ranah_letter_date_from_unix (profile, when);
  g_autofree char *place = g_strdup_printf ("%s, %s",
                                            ranah_profile_value (profile, RANAH_PROFILE_CITY),
                                            nonempty (date, ""));
  g_autofree char *position = g_utf8_strup (ranah_profile_value (profile,
                                                                 RANAH_PROFILE_SIGNER_POSITION),
                                            -1);
  g_autofree char *nip = ranah_letter_format_nip (ranah_profile_value (profile,
                                                                       RANAH_PROFILE_SIGNER_NIP));
  g_autofree char *nip_line = g_strdup_printf ("NIP. %s", nonempty (nip, "-"));
  g_autoptr(PangoLayout) l_place = NULL;
  g_autoptr(PangoLayout) l_position = NULL;
  g_autoptr(PangoLayout) l_name = NULL;
  g_autoptr(PangoLayout) l_rank = NULL;
  g_autoptr(PangoLayout) l_nip = NULL;
  g_autofree char *position_line = g_strdup_printf ("%s,", nonempty (position, "KEPALA DINAS"));

  l_place = ranah_letter_layout_text (self, place, 10, FALSE, w, PANGO_ALIGN_CENTER, FALSE);
  l_position = ranah_letter_layout_text (self, position_line, 10, FALSE, w, PANGO_ALIGN_CENTER,
                                         FALSE);
  l_name = ranah_letter_layout_text (self,
                                     nonempty (ranah_profile_value (profile,
                                                                    RANAH_PROFILE_SIGNER_NAME),
                                               "...................................."),
                                     10, TRUE, w, PANGO_ALIGN_CENTER, FALSE);
  ranah_letter_layout_underline (l_name);
  l_rank = ranah_letter_layout_text (self, ranah_profile_value (profile,
                                                                RANAH_PROFILE_SIGNER_RANK),
                                     10, FALSE, w, PANGO_ALIGN_CENTER, FALSE);
  l_nip = ranah_letter_layout_text (self, nip_line, 10, FALSE, w, PANGO_ALIGN_CENTER, FALSE);

  y += ranah_box_add_layout (box, l_place, x, y);
  y += ranah_box_add_layout (box, l_position, x, y);
  y += 52;
  y += ranah_box_add_layout (box, l_name, x, y);
  y += ranah_box_add_layout (box, l_rank, x, y);
  y += ranah_box_add_layout (box, l_nip, x, y);
  box->height = y;
  box->space_before = 18;
  box->signature = TRUE;
  ranah_letter_layout_add_box (self, box);
}

/* ---- writing pages --------------------------------------------------------------------- */

typedef struct {
  GByteArray      *bytes;
  cairo_surface_t *surface;
  cairo_t         *cr;
  guint            pages;
} Writer;

static cairo_status_t
write_to_array (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
writer_init (Writer     *writer,
             GHashTable *profile,
             const char *title,
             const char *subject)
{
  writer->bytes = g_byte_array_new ();
  writer->surface = cairo_pdf_surface_create_for_stream (write_to_array, writer->bytes,
                                                         RANAH_PAPER_A4_WIDTH,
                                                         RANAH_PAPER_A4_HEIGHT);
  cairo_pdf_surface_set_metadata (writer->surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (writer->surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (writer->surface, CAIRO_PDF_METADATA_AUTHOR,
                                  ranah_profile_value (profile, RANAH_PROFILE_AGENCY));
  cairo_pdf_surface_set_metadata (writer->surface, CAIRO_PDF_METADATA_CREATOR, "Ranah");
  writer->cr = cairo_create (writer->surface);
  writer->pages = 0;
}

typedef void (*ExtraDraw) (RanahLetterLayout *layout,
                           cairo_t           *cr,
                           guint              page,
                           gpointer           data);

static void
writer_add_layout (Writer            *writer,
                   RanahLetterLayout *layout,
                   ExtraDraw          extra,
                   gpointer           data)
{
  for (guint page = 0; page < layout->n_pages; page++)
    {
      cairo_pdf_surface_set_size (writer->surface, layout->page_width, layout->page_height);
      ranah_letter_layout_draw_page (layout, writer->cr, page, 1.0);
      if (extra != NULL)
        extra (layout, writer->cr, page, data);
      cairo_show_page (writer->cr);
      writer->pages++;
    }
}

static void
writer_add_document (Writer          *writer,
                     PopplerDocument *document)
{
  int n = poppler.document_get_n_pages (document);

  for (int i = 0; i < n; i++)
    {
      PopplerPage *page = poppler.document_get_page (document, i);
      double w, h;

      if (page == NULL)
        continue;

      poppler.page_get_size (page, &w, &h);
      cairo_pdf_surface_set_size (writer->surface, w, h);
      cairo_save (writer->cr);
      cairo_set_source_rgb (writer->cr, 1, 1, 1);
      cairo_paint (writer->cr);
      poppler.page_render_for_printing (page, writer->cr);
      cairo_restore (writer->cr);
      cairo_show_page (writer->cr);
      writer->pages++;
      g_object_unref (page);
    }
}

static GBytes *
writer_finish (Writer  *writer,
               GError **error)
{
  cairo_status_t status;

  cairo_destroy (writer->cr);
  cairo_surface_finish (writer->surface);
  status = cairo_surface_status (writer->surface);
  cairo_surface_destroy (writer->surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_byte_array_unref (writer->bytes);
      g_set_error (error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_RENDER,
                   _("The PDF could not be written: %s."), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (writer->bytes);
}

static gboolean
paper_size (GHashTable *profile,
            gboolean    landscape,
            double     *width,
            double     *height,
            const char **name)
{
  const char *paper = ranah_profile_value (profile, RANAH_PROFILE_PAPER);
  gboolean f4 = g_ascii_strcasecmp (paper, "F4") == 0;
  double w = f4 ? RANAH_PAPER_F4_WIDTH : RANAH_PAPER_A4_WIDTH;
  double h = f4 ? RANAH_PAPER_F4_HEIGHT : RANAH_PAPER_A4_HEIGHT;

  *width = landscape ? h : w;
  *height = landscape ? w : h;
  *name = f4 ? "F4" : "A4";
  return TRUE;
}

static RanahLetterLayout *
page_layout (GHashTable *profile,
             gboolean    landscape,
             gboolean    kop,
             double      kop_scale,
             GError    **error)
{
  g_autoptr(RanahLetterLayout) self = NULL;
  const char *name;
  double w, h;

  paper_size (profile, landscape, &w, &h, &name);
  self = ranah_letter_layout_alloc (profile, w, h, name);
  if (landscape)
    {
      self->margin_left = 56.693;
      self->margin_right = 42.520;
      self->margin_top = 42.520;
      self->margin_bottom = 42.520;
    }
  self->page_number_size = 10.0;
  if (kop && (self->head = ranah_letter_kop_new (self, profile, kop_scale, error)) == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/* ---- the compliance sheet -------------------------------------------------------------- */

static char *
format_days (double days)
{
  return g_strdup_printf ("%.2f", days);
}

typedef struct {
  RanahBox          *chart;
  const RanahReport *report;
} ChartPlace;

static void
draw_chart (RanahLetterLayout *layout,
            cairo_t           *cr,
            guint              page,
            gpointer           data)
{
  ChartPlace *place = data;

  if (place->chart == NULL || place->chart->page != page)
    return;
  cairo_save (cr);
  cairo_translate (cr, layout->margin_left, place->chart->y + 16);
  ranah_chart_draw_steps (cr, place->report, ranah_letter_layout_content_width (layout) * 0.7,
                          CHART_H - 16, layout->family, NULL);
  cairo_restore (cr);
}

GBytes *
ranah_report_compliance_pdf (GHashTable         *profile,
                             const RanahReport  *report,
                             GError            **error)
{
  g_autoptr(RanahLetterLayout) self = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *period = NULL;
  double width;
  double widths[10];
  const double shares[10] = { 3.5, 10.5, 22, 13.5, 6.5, 14.5, 5.5, 7, 7, 10 };
  const char *header[10] = {
    "No", "Pelaksana", "Uraian Prosedur", "Kelengkapan", "Waktu (hari kerja)", "Output",
    "Diukur", "Median (hari kerja)", "Persentil 90 (hari kerja)", "Dalam standar",
  };
  ChartPlace place = { NULL, report };
  Writer writer;
  RanahBox *box;

  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((self = page_layout (profile, TRUE, TRUE, 0.8, error)) == NULL)
    return NULL;
  width = ranah_letter_layout_content_width (self);
  for (guint i = 0; i < 10; i++)
    widths[i] = width * shares[i] / 100.0;

  from = long_date (report->from_date);
  to = long_date (report->to_date);
  period = g_strdup_printf ("Periode %s s.d. %s", from, to);

  box = add_text (self, "LAPORAN KEPATUHAN STANDAR OPERASIONAL PROSEDUR", 12, TRUE,
                  PANGO_ALIGN_CENTER, 0);
  box->keep_with_next = TRUE;
  box = add_text (self, "PEMBUATAN SUBDOMAIN", 12, TRUE, PANGO_ALIGN_CENTER, 0);
  box->keep_with_next = TRUE;
  add_text (self, period, 10, FALSE, PANGO_ALIGN_CENTER, 2);

  box = add_row (self, widths, header, 10, TABLE_SIZE, TRUE);
  box->space_before = 10;
  box->keep_with_next = TRUE;
  for (guint step = 1; step <= RANAH_REPORT_N_STEPS; step++)
    {
      const RanahSopStep *sop = ranah_workflow_sop_step (step);
      const RanahStepFigures *f = &report->steps[step];
      g_autofree char *number = g_strdup_printf ("%u", step);
      g_autofree char *actor = NULL;
      g_autofree char *standard = sop->standard_days > 0
                                  ? g_strdup_printf ("%u hari", sop->standard_days)
                                  : g_strdup ("-");
      g_autofree char *n = step == 1 ? g_strdup ("tidak terukur") : g_strdup_printf ("%u", f->n);
      g_autofree char *median = f->n > 0 ? format_days (f->median_days) : g_strdup ("-");
      g_autofree char *p90 = f->n > 0 ? format_days (f->p90_days) : g_strdup ("-");
      g_autofree char *within = f->share_within >= 0
                                ? g_strdup_printf ("%.0f%% (%u dari %u)",
                                                   f->share_within * 100.0, f->n_within, f->n)
                                : g_strdup ("-");
      const char *cells[10];

      if (sop->next_actor != RANAH_ROLE_NONE)
        actor = g_strdup_printf ("%s → %s", ranah_role_title (sop->actor),
                                 ranah_role_title (sop->next_actor));
      else
        actor = g_strdup (ranah_role_title (sop->actor));
      cells[0] = number;
      cells[1] = actor;
      cells[2] = sop->description;
      cells[3] = sop->kelengkapan;
      cells[4] = standard;
      cells[5] = sop->output;
      cells[6] = n;
      cells[7] = median;
      cells[8] = p90;
      cells[9] = within;
      add_row (self, widths, cells, 10, TABLE_SIZE, FALSE);
    }

  add_text (self,
            "Waktu diukur dalam hari kerja (Sabtu, Minggu, hari libur nasional dan cuti bersama "
            "tidak dihitung) sejak permohonan tiba pada langkah itu sampai langkah itu "
            "diselesaikan, untuk langkah yang selesai dalam periode ini. Median: nilai tengah; "
            "persentil 90: nilai yang tidak dilampaui oleh 90% pengukuran. Langkah 1 terjadi "
            "di OPD pemohon sebelum surat tercatat dan tidak terukur oleh aplikasi.",
            8.5, FALSE, PANGO_ALIGN_LEFT, 6);

  /* The chart gets a box of its own height; it is drawn over the page afterwards. */
  place.chart = ranah_box_new ();
  {
    g_autoptr(PangoLayout) caption = ranah_letter_layout_text (self,
                                                               "Waktu per langkah terhadap "
                                                               "standar (hari kerja)",
                                                               10, TRUE, width,
                                                               PANGO_ALIGN_LEFT, FALSE);
    ranah_box_add_layout (place.chart, caption, 0, 0);
  }
  place.chart->height = CHART_H;
  place.chart->space_before = 12;
  ranah_letter_layout_add_box (self, place.chart);

  add_signature (self, profile, report->now);

  self->pdf_title = g_strdup_printf ("Laporan Kepatuhan SOP Pembuatan Subdomain %s s.d. %s",
                                     report->from_date, report->to_date);
  ranah_letter_layout_paginate (self);

  writer_init (&writer, profile, self->pdf_title, "Laporan kepatuhan SOP (UU 25/2009)");
  writer_add_layout (&writer, self, draw_chart, &place);
  return writer_finish (&writer, error);
}

/* ---- the case file --------------------------------------------------------------------- */

typedef struct {
  const char        *title;
  char              *note;          /* what the part holds, for its cover */
  RanahLetterLayout *layout;        /* pages drawn here, or */
  PopplerDocument   *document;      /* pages embedded from a stored PDF, or neither */
  guint              n_pages;       /* cover included */
  guint              first_page;    /* 1-based, of its cover */
} Part;

static void
part_clear (Part *part)
{
  g_free (part->note);
  g_clear_object (&part->layout);
  g_clear_object (&part->document);
}

static PopplerDocument *
open_pdf (GBytes  *bytes,
          GError **error)
{
  g_autoptr(GError) local = NULL;
  PopplerDocument *document = poppler.document_new_from_bytes (bytes, NULL, &local);

  if (document == NULL)
    g_set_error (error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_INVALID,
                 _("A stored PDF could not be read: %s."), local->message);
  return document;
}

static char *
sha256_of (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static RanahLetterLayout *
dns_proof_layout (GHashTable         *profile,
                  const RanahRequest *request,
                  const RanahEntry   *entry,
                  GError            **error)
{
  g_autoptr(RanahLetterLayout) self = page_layout (profile, FALSE, FALSE, 1.0, error);
  double width, widths[6];
  const double shares[6] = { 9, 14, 26, 8, 9, 34 };
  const char *header[6] = { "Jenis", "Host", "Target", "TTL", "Dibuat", "Jawaban server otoritatif" };
  GPtrArray *records;
  RanahBox *box;

  if (self == NULL)
    return NULL;
  width = ranah_letter_layout_content_width (self);
  for (guint i = 0; i < 6; i++)
    widths[i] = width * shares[i] / 100.0;

  add_text (self, "BUKTI REKAMAN DNS", 12, TRUE, PANGO_ALIGN_CENTER, 0)->keep_with_next = TRUE;
  {
    const char *labels[] = { "Subdomain", "Status registri", "Tanggal aktif",
                             "Pemeriksaan terakhir", "Hasil pemeriksaan" };
    char *values[5];

    values[0] = g_strdup (nonempty (request->fqdn, request->name));
    values[1] = g_strdup (entry == NULL ? "tidak tercatat di registri"
                          : entry->status == RANAH_ENTRY_ACTIVE ? "aktif"
                          : entry->status == RANAH_ENTRY_SUSPENDED ? "ditangguhkan"
                          : "dicabut");
    values[2] = entry != NULL ? long_date (entry->activated_on) : g_strdup ("-");
    values[3] = entry != NULL ? local_time (profile, entry->last_check_at) : g_strdup ("-");
    values[4] = g_strdup (entry != NULL ? nonempty (entry->last_check, "-") : "-");
    add_fields (self, labels, values, 5, 10);
    for (guint i = 0; i < 5; i++)
      g_free (values[i]);
  }

  /* The request's records carry the answers verified at step 5; an entry imported from the
   * old list has only its own. */
  records = request->records != NULL && request->records->len > 0 ? request->records
            : entry != NULL ? entry->records : NULL;
  if (records == NULL || records->len == 0)
    {
      add_text (self, request->outcome == RANAH_OUTCOME_REFUSED
                      ? "Tidak ada rekaman DNS: permohonan ditolak."
                      : "Belum ada rekaman DNS.", 10, FALSE, PANGO_ALIGN_LEFT, 10);
      ranah_letter_layout_paginate (self);
      return g_steal_pointer (&self);
    }

  box = add_row (self, widths, header, 6, TABLE_SIZE, TRUE);
  box->space_before = 10;
  box->keep_with_next = TRUE;
  for (guint i = 0; i < records->len; i++)
    {
      RanahRecord *record = g_ptr_array_index (records, i);
      g_autofree char *ttl = record->ttl > 0 ? g_strdup_printf ("%u", record->ttl)
                                             : g_strdup ("bawaan");
      g_autofree char *target = record->type == RANAH_RECORD_MX
                                ? g_strdup_printf ("%u %s", record->priority, record->target)
                                : g_strdup (record->target);
      g_autofree char *type = g_strdup_printf ("%s%s", ranah_record_type_to_string (record->type),
                                               record->internal ? " (internal)" : "");
      const char *cells[6] = {
        type, nonempty (record->host, "@"), target, ttl, record->created ? "ya" : "belum",
        nonempty (record->verified, "belum diperiksa"),
      };

      add_row (self, widths, cells, 6, TABLE_SIZE, FALSE);
    }
  add_text (self, "Jawaban server otoritatif dicatat oleh aplikasi saat rekaman diperiksa "
                  "pada langkah 5 (pembuatan subdomain).", 8.5, FALSE, PANGO_ALIGN_LEFT, 6);

  /* The proof behind each record: which server answered, with the zone at which serial,
   * when (ranah_store_record_proofs ()); an entry's record, as its last passing health
   * check renewed it. */
  {
    const double proof_shares[5] = { 22, 20, 15, 18, 25 };
    const char *proof_header[5] = { "Rekaman", "Server otoritatif", "Serial SOA", "Waktu",
                                    "Jawaban" };
    double proof_widths[5];

    for (guint i = 0; i < 5; i++)
      proof_widths[i] = width * proof_shares[i] / 100.0;
    add_text (self, "BUKTI PEMERIKSAAN DNS", 10, TRUE, PANGO_ALIGN_LEFT, 14)->keep_with_next = TRUE;
    box = add_row (self, proof_widths, proof_header, 5, TABLE_SIZE, TRUE);
    box->space_before = 6;
    box->keep_with_next = TRUE;
    for (guint i = 0; i < records->len; i++)
      {
        const RanahRecord *record = g_ptr_array_index (records, i);
        const RanahRecord *latest = record;
        g_autofree char *what = g_strdup_printf ("%s %s", ranah_record_type_to_string (record->type),
                                                 nonempty (record->host, "@"));
        g_autofree char *serial = NULL;
        g_autofree char *at = NULL;

        /* The entry's copy of the record, when a health check proved it again since. */
        for (guint j = 0; entry != NULL && entry->records != NULL && j < entry->records->len; j++)
          {
            const RanahRecord *e = g_ptr_array_index (entry->records, j);

            if (e->type == record->type && g_strcmp0 (e->host, record->host) == 0
                && g_strcmp0 (e->target, record->target) == 0 && e->proof_at > latest->proof_at)
              latest = e;
          }
        serial = latest->proof_at != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, latest->proof_serial)
                                       : g_strdup ("-");
        at = latest->proof_at != 0 ? local_time (profile, latest->proof_at) : g_strdup ("-");
        {
          const char *cells[5] = {
            what, latest->proof_at != 0 ? nonempty (latest->proof_server, "-") : "belum terbukti",
            serial, at, latest->proof_at != 0 ? nonempty (latest->proof_answer, "-") : "-",
          };

          add_row (self, proof_widths, cells, 5, TABLE_SIZE, FALSE);
        }
      }
    add_text (self, "Sebuah rekaman dihitung dibuat hanya setelah server otoritatif zona menjawabnya; "
                    "pemeriksaan kesehatan yang berhasil memperbarui waktu dan serial buktinya.",
              8.5, FALSE, PANGO_ALIGN_LEFT, 6);
  }
  ranah_letter_layout_paginate (self);
  return g_steal_pointer (&self);
}

static RanahLetterLayout *
audit_layout (GHashTable  *profile,
              GPtrArray   *events,
              GError     **error)
{
  g_autoptr(RanahLetterLayout) self = page_layout (profile, FALSE, FALSE, 1.0, error);
  double width, widths[7];
  const double shares[7] = { 6, 15, 12, 6, 17, 17, 27 };
  const char *header[7] = { "No", "Waktu", "Pengguna", "Lkh", "Tindakan", "Dari → ke", "Catatan" };
  RanahBox *box;

  if (self == NULL)
    return NULL;
  width = ranah_letter_layout_content_width (self);
  for (guint i = 0; i < 7; i++)
    widths[i] = width * shares[i] / 100.0;

  add_text (self, "JEJAK AUDIT", 12, TRUE, PANGO_ALIGN_CENTER, 0)->keep_with_next = TRUE;
  add_text (self, "Setiap peristiwa tercatat dengan hash SHA-256 yang merangkai peristiwa "
                  "sebelumnya; enam belas digit pertama hash ditampilkan di bawah tindakan.",
            8.5, FALSE, PANGO_ALIGN_LEFT, 4);
  box = add_row (self, widths, header, 7, 7.5, TRUE);
  box->space_before = 8;
  box->keep_with_next = TRUE;
  for (guint i = 0; i < events->len; i++)
    {
      RanahEvent *event = g_ptr_array_index (events, i);
      g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, event->seq);
      g_autofree char *at = local_time (profile, event->at);
      g_autofree char *step = event->step > 0 ? g_strdup_printf ("%u", event->step)
                                              : g_strdup ("-");
      g_autofree char *action = g_strdup_printf ("%s\n%.16s", nonempty (event->action, "-"),
                                                 nonempty (event->hash, ""));
      g_autofree char *states = event->to_state != NULL
                                ? g_strdup_printf ("%s → %s", nonempty (event->from_state, "-"),
                                                   event->to_state)
                                : g_strdup ("-");
      const char *cells[7] = {
        seq, at, nonempty (event->username, "-"), step, action, states,
        nonempty (event->note, ""),
      };

      add_row (self, widths, cells, 7, 7.5, FALSE);
    }
  if (events->len == 0)
    add_text (self, "Tidak ada peristiwa.", 10, FALSE, PANGO_ALIGN_LEFT, 6);
  ranah_letter_layout_paginate (self);
  return g_steal_pointer (&self);
}

/* Where a request stands, in the Indonesian of the file (the SOP's own words). */
static const char *
state_text (RanahState state)
{
  switch (state)
    {
    case RANAH_STATE_SUBMITTED:
      return "menunggu disposisi Kepala Dinas (langkah 2)";
    case RANAH_STATE_AT_KABID:
      return "menunggu disposisi Kepala Bidang (langkah 3)";
    case RANAH_STATE_AT_SUBKOOR:
      return "menunggu disposisi Sub Koordinator (langkah 4)";
    case RANAH_STATE_AT_STAF:
      return "menunggu pembuatan subdomain (langkah 5)";
    case RANAH_STATE_CREATED:
      return "menunggu laporan pembuatan (langkah 6)";
    case RANAH_STATE_DRAFTING:
      return "menunggu konsep surat tanggapan (langkah 7)";
    case RANAH_STATE_DRAFTED:
      return "menunggu pemeriksaan Kepala Bidang (langkah 8)";
    case RANAH_STATE_REVIEWED:
      return "menunggu tanda tangan Kepala Dinas (langkah 9)";
    case RANAH_STATE_SENT:
      return "surat tanggapan terkirim, menunggu diterima (langkah 10)";
    case RANAH_STATE_DONE:
      return "selesai";
    case RANAH_STATE_WITHDRAWN:
      return "ditarik oleh pemohon";
    default:
      return "-";
    }
}

static RanahLetterLayout *
cover_layout (GHashTable         *profile,
              const RanahRequest *request,
              Part               *parts,
              guint               n_parts,
              GError            **error)
{
  g_autoptr(RanahLetterLayout) self = page_layout (profile, FALSE, TRUE, 1.0, error);
  double width, widths[3];
  const char *header[3] = { "Bagian", "Isi", "Halaman" };
  RanahBox *box;

  if (self == NULL)
    return NULL;
  width = ranah_letter_layout_content_width (self);
  widths[0] = width * 0.14;
  widths[1] = width * 0.68;
  widths[2] = width * 0.18;

  box = add_text (self, "BERKAS PERMOHONAN PEMBUATAN SUBDOMAIN", 13, TRUE, PANGO_ALIGN_CENTER, 6);
  ranah_letter_layout_underline (((RanahItem *) g_ptr_array_index (box->items, 0))->layout);
  {
    const char *labels[] = { "Nomor agenda", "Pemohon", "Nomor surat", "Tanggal surat",
                             "Hal", "Subdomain", "Keperluan", "Status", "Keputusan" };
    char *values[9];

    values[0] = request->agenda_number > 0
                ? g_strdup_printf ("%u/%u", request->agenda_number, request->agenda_year)
                : g_strdup ("-");
    values[1] = g_strdup (nonempty (request->opd_name, "-"));
    values[2] = g_strdup (nonempty (request->letter_number, "-"));
    values[3] = long_date (request->letter_date);
    values[4] = g_strdup (nonempty (request->hal, "-"));
    values[5] = g_strdup (nonempty (request->fqdn, request->name));
    values[6] = g_strdup (nonempty (request->purpose, "-"));
    values[7] = g_strdup (state_text (request->state));
    values[8] = g_strdup (request->outcome == RANAH_OUTCOME_APPROVED ? "disetujui"
                          : request->outcome == RANAH_OUTCOME_REFUSED ? "ditolak"
                          : "belum diputuskan");
    add_fields (self, labels, values, 9, 10.5);
    ((RanahBox *) g_ptr_array_index (self->boxes, self->boxes->len - 9))->space_before = 14;
    for (guint i = 0; i < 9; i++)
      g_free (values[i]);
  }
  add_text (self, "DAFTAR ISI", 11, TRUE, PANGO_ALIGN_LEFT, 16)->keep_with_next = TRUE;
  box = add_row (self, widths, header, 3, 10, TRUE);
  box->space_before = 4;
  box->keep_with_next = TRUE;
  for (guint i = 0; i < n_parts; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *pages = parts[i].n_pages > 1
                               ? g_strdup_printf ("%u–%u", parts[i].first_page,
                                                  parts[i].first_page + parts[i].n_pages - 1)
                               : g_strdup_printf ("%u", parts[i].first_page);
      const char *cells[3] = { number, parts[i].title, pages };

      add_row (self, widths, cells, 3, 10, FALSE);
    }
  {
    g_autofree char *made = local_time (profile, g_get_real_time () / G_USEC_PER_SEC);
    g_autofree char *line = g_strdup_printf ("Berkas disusun oleh aplikasi Ranah pada %s.", made);

    add_text (self, line, 8.5, FALSE, PANGO_ALIGN_LEFT, 12);
  }
  ranah_letter_layout_paginate (self);
  return g_steal_pointer (&self);
}

static RanahLetterLayout *
part_cover_layout (GHashTable *profile,
                   guint       index,
                   const Part *part,
                   GError    **error)
{
  g_autoptr(RanahLetterLayout) self = page_layout (profile, FALSE, TRUE, 1.0, error);
  g_autofree char *heading = g_strdup_printf ("BAGIAN %u", index + 1);
  g_autofree char *title = NULL;

  if (self == NULL)
    return NULL;
  title = g_utf8_strup (part->title, -1);
  add_text (self, heading, 12, FALSE, PANGO_ALIGN_CENTER, 180);
  add_text (self, title, 16, TRUE, PANGO_ALIGN_CENTER, 6);
  add_text (self, part->note, 10, FALSE, PANGO_ALIGN_CENTER, 18);
  ranah_letter_layout_paginate (self);
  return g_steal_pointer (&self);
}

static gboolean
is_not_found (const GError *error)
{
  return g_error_matches (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND);
}

/* A stored file that poppler cannot read (damaged, or not a PDF after all) still gets its
 * cover with its SHA-256, saying so: the rest of the file is worth having. */
static void
embed_part (Part        *part,
            GBytes      *pdf,
            const char  *what)
{
  g_autofree char *sha = sha256_of (pdf);
  g_autoptr(GError) local = NULL;

  part->document = poppler.document_new_from_bytes (pdf, NULL, &local);
  if (part->document == NULL)
    part->note = g_strdup_printf ("%s: berkas yang tersimpan (%" G_GSIZE_FORMAT " bita, "
                                  "SHA-256 %s) tidak dapat dibaca sebagai PDF dan tidak "
                                  "dilampirkan.", what, g_bytes_get_size (pdf), sha);
  else
    part->note = g_strdup_printf ("%s: berkas PDF yang tersimpan di aplikasi, %d halaman, "
                                  "SHA-256 %s.", what,
                                  poppler.document_get_n_pages (part->document), sha);
}

GBytes *
ranah_report_case_file_pdf (RanahStore  *store,
                            gint64       request_id,
                            GError     **error)
{
  g_autoptr(GHashTable) profile = NULL;
  g_autoptr(RanahRequest) request = NULL;
  g_autoptr(GPtrArray) dispositions = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(RanahLetter) letter = NULL;
  g_autoptr(RanahLetterLayout) cover = NULL;
  g_autoptr(GError) local = NULL;
  RanahEntry *entry = NULL;
  Part parts[5] = {
    { "Surat Permohonan", NULL, NULL, NULL, 0, 0 },
    { "Lembar Disposisi", NULL, NULL, NULL, 0, 0 },
    { "Bukti Rekaman DNS", NULL, NULL, NULL, 0, 0 },
    { "Surat Tanggapan", NULL, NULL, NULL, 0, 0 },
    { "Jejak Audit", NULL, NULL, NULL, 0, 0 },
  };
  GBytes *result = NULL;
  guint page;
  Writer writer;

  g_return_val_if_fail (RANAH_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!load_poppler (error)
      || (profile = ranah_store_get_profile (store, error)) == NULL
      || (request = ranah_store_get_request (store, request_id, error)) == NULL
      || (dispositions = ranah_store_list_dispositions (store, request_id, error)) == NULL
      || (events = ranah_store_list_events (store, request_id, error)) == NULL
      || (entries = ranah_store_list_entries (store, NULL, error)) == NULL)
    return NULL;
  for (guint i = 0; i < entries->len && entry == NULL; i++)
    if (((RanahEntry *) g_ptr_array_index (entries, i))->request_id == request_id)
      entry = g_ptr_array_index (entries, i);

  /* 1. The scanned request letter. */
  if (request->attachment_sha256 != NULL)
    {
      g_autoptr(GBytes) pdf = ranah_store_get_request_letter (store, request_id, error);

      if (pdf == NULL)
        goto out;
      embed_part (&parts[0], pdf, "Surat permohonan hasil pindai");
    }
  else
    parts[0].note = g_strdup ("Surat permohonan hasil pindai tidak tersimpan di aplikasi.");

  /* 2. The Lembar Disposisi. */
  if ((parts[1].layout = ranah_disposition_sheet_layout_new (profile, request, dispositions,
                                                             error)) == NULL)
    goto out;
  parts[1].note = g_strdup_printf ("Lembar disposisi dengan %u disposisi yang tercatat.",
                                   dispositions->len);

  /* 3. The DNS records as the authoritative server answered. */
  if ((parts[2].layout = dns_proof_layout (profile, request, entry, error)) == NULL)
    goto out;
  parts[2].note = g_strdup ("Rekaman DNS subdomain dan jawaban server otoritatif yang tercatat "
                            "saat pemeriksaan.");

  /* 4. The Surat Tanggapan: the frozen signed PDF, else the draft as it stands. */
  letter = ranah_store_get_letter (store, request_id, &local);
  if (letter == NULL && local != NULL && !is_not_found (local))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto out;
    }
  if (letter != NULL && letter->state == RANAH_LETTER_SIGNED)
    {
      g_autoptr(GBytes) pdf = ranah_store_get_letter_pdf (store, letter->id, error);
      g_autofree char *what = g_strdup_printf ("Surat Tanggapan nomor %s yang ditandatangani",
                                               nonempty (letter->number, "-"));

      if (pdf == NULL)
        goto out;
      embed_part (&parts[3], pdf, what);
    }
  else if (letter != NULL)
    {
      g_autoptr(GBytes) pdf = ranah_letter_render_from_store (store, request_id, error);

      if (pdf == NULL || (parts[3].document = open_pdf (pdf, error)) == NULL)
        goto out;
      parts[3].note = g_strdup ("Konsep Surat Tanggapan: belum ditandatangani dan belum "
                                "bernomor.");
    }
  else
    parts[3].note = g_strdup ("Surat Tanggapan belum dibuat.");

  /* 5. The audit events of the request. */
  if ((parts[4].layout = audit_layout (profile, events, error)) == NULL)
    goto out;
  parts[4].note = g_strdup_printf ("%u peristiwa yang tercatat untuk permohonan ini.",
                                   events->len);

  /* Page numbers: the cover first (its length does not depend on the numbers). */
  if ((cover = cover_layout (profile, request, parts, G_N_ELEMENTS (parts), error)) == NULL)
    goto out;
  page = cover->n_pages + 1;
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      parts[i].first_page = page;
      parts[i].n_pages = 1 + (parts[i].layout != NULL ? parts[i].layout->n_pages : 0)
                         + (parts[i].document != NULL
                            ? (guint) poppler.document_get_n_pages (parts[i].document) : 0);
      page += parts[i].n_pages;
    }
  g_clear_object (&cover);
  if ((cover = cover_layout (profile, request, parts, G_N_ELEMENTS (parts), error)) == NULL)
    goto out;

  {
    g_autofree char *title = g_strdup_printf ("Berkas Permohonan Subdomain %s",
                                              nonempty (request->fqdn, request->name));

    writer_init (&writer, profile, title, nonempty (request->hal, ""));
  }
  writer_add_layout (&writer, cover, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autoptr(RanahLetterLayout) part_cover = part_cover_layout (profile, i, &parts[i], error);

      if (part_cover == NULL)
        {
          /* The pages made so far are dropped with the writer. */
          GBytes *discarded = writer_finish (&writer, NULL);

          if (discarded != NULL)
            g_bytes_unref (discarded);
          goto out;
        }
      writer_add_layout (&writer, part_cover, NULL, NULL);
      if (parts[i].layout != NULL)
        writer_add_layout (&writer, parts[i].layout, NULL, NULL);
      if (parts[i].document != NULL)
        writer_add_document (&writer, parts[i].document);
    }
  result = writer_finish (&writer, error);

out:
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    part_clear (&parts[i]);
  return result;
}
