/* ranah-chart.c — a chart of a report drawn with cairo: time per step, requests per month
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "ranah-chart.h"
#include "ranah-report-pdf.h"

#define SCREEN_SCALE 1.4

struct _RanahChart
{
  GtkWidget          parent_instance;
  RanahChartKind     kind;
  const RanahReport *report;
  char              *months[12];
};

G_DEFINE_FINAL_TYPE (RanahChart, ranah_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ranah_chart_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  RanahChart *self = RANAH_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  RanahChartColors colors = *ranah_chart_colors_paper ();
  GdkRGBA ink;
  cairo_t *cr;

  if (self->report == NULL || width <= 0 || height <= 0)
    return;

  /* The theme's text colour for ink, so the chart reads on a dark style too. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &ink);
  G_GNUC_END_IGNORE_DEPRECATIONS
  colors.ink[0] = ink.red;
  colors.ink[1] = ink.green;
  colors.ink[2] = ink.blue;
  colors.bar[0] = 0.21;
  colors.bar[1] = 0.52;
  colors.bar[2] = 0.89;
  colors.standard[0] = 0.88;
  colors.standard[1] = 0.11;
  colors.standard[2] = 0.14;
  colors.median_label = _("median");
  colors.p90_label = _("90th percentile");
  colors.standard_label = _("standard");
  colors.step_label = _("Step");
  colors.days_label = _("working days");
  colors.requests_label = _("requests");
  /* The locale's own short month names ("%b"), for the months axis. */
  for (int m = 0; m < 12; m++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_utc (2001, m + 1, 1, 0, 0, 0);

      g_free (self->months[m]);
      self->months[m] = g_date_time_format (dt, "%b");
      colors.month_names[m] = self->months[m];
    }

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* The drawing is sized for paper (8 pt labels); on screen its words need to be larger. */
  cairo_scale (cr, SCREEN_SCALE, SCREEN_SCALE);
  if (self->kind == RANAH_CHART_STEPS)
    ranah_chart_draw_steps (cr, self->report, width / SCREEN_SCALE, height / SCREEN_SCALE,
                            NULL, &colors);
  else
    ranah_chart_draw_months (cr, self->report, width / SCREEN_SCALE, height / SCREEN_SCALE,
                             NULL, &colors);
  cairo_destroy (cr);
}

static void
ranah_chart_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 520 : 220;
}

static void
ranah_chart_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RanahChart *self = RANAH_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ranah_chart_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  RanahChart *self = RANAH_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      ranah_chart_set_kind (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ranah_chart_finalize (GObject *object)
{
  RanahChart *self = RANAH_CHART (object);

  for (int m = 0; m < 12; m++)
    g_free (self->months[m]);
  G_OBJECT_CLASS (ranah_chart_parent_class)->finalize (object);
}

static void
ranah_chart_class_init (RanahChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ranah_chart_finalize;
  object_class->get_property = ranah_chart_get_property;
  object_class->set_property = ranah_chart_set_property;
  widget_class->snapshot = ranah_chart_snapshot;
  widget_class->measure = ranah_chart_measure;

  /* 0 = time per step, 1 = requests per month (an int: templates set it as a number). */
  properties[PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, 0, 1, 0,
                                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                            | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "ranah-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ranah_chart_init (RanahChart *self)
{
}

GtkWidget *
ranah_chart_new (RanahChartKind kind)
{
  return g_object_new (RANAH_TYPE_CHART, "kind", kind, NULL);
}

void
ranah_chart_set_kind (RanahChart     *self,
                      RanahChartKind  kind)
{
  g_return_if_fail (RANAH_IS_CHART (self));

  if (self->kind == kind)
    return;
  self->kind = kind;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

RanahChartKind
ranah_chart_get_kind (RanahChart *self)
{
  g_return_val_if_fail (RANAH_IS_CHART (self), RANAH_CHART_STEPS);
  return self->kind;
}

void
ranah_chart_set_report (RanahChart        *self,
                        const RanahReport *report)
{
  g_return_if_fail (RANAH_IS_CHART (self));

  self->report = report;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
