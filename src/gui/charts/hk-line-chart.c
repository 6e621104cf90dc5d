/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkLineChart"

#include "config.h"

#include "hk-line-chart.h"

struct _HkLineChart {
  HkChartView parent_instance;
  guint       smoothing;
};

G_DEFINE_FINAL_TYPE (HkLineChart, hk_line_chart, HK_TYPE_CHART_VIEW)

enum {
  PROP_0,
  PROP_SMOOTHING,
  N_PROPS
};

enum {
  DAY_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static HkChartSeries *
hk_line_chart_dup_painted_series (HkChartView *view)
{
  HkLineChart *self = HK_LINE_CHART (view);
  HkChartSeries *series = hk_chart_view_get_series (view);

  if (series == NULL)
    return NULL;
  if (self->smoothing <= 1)
    return hk_chart_series_ref (series);
  return &hk_time_series_smooth (HK_TIME_SERIES (series), self->smoothing)->parent;
}

static void
hk_line_chart_item_activated (HkChartView *view,
                              guint        item)
{
  HkTimeSeries *series = HK_TIME_SERIES (hk_chart_view_get_painted_series (view));

  g_return_if_fail (series != NULL && item < series->n_days);
  g_signal_emit (view, signals[DAY_ACTIVATED], 0, (int) (series->first_day + (gint32) item));
}

static void
hk_line_chart_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SMOOTHING:
      g_value_set_uint (value, HK_LINE_CHART (object)->smoothing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hk_line_chart_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SMOOTHING:
      hk_line_chart_set_smoothing (HK_LINE_CHART (object), g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hk_line_chart_class_init (HkLineChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  HkChartViewClass *view_class = HK_CHART_VIEW_CLASS (klass);

  object_class->get_property = hk_line_chart_get_property;
  object_class->set_property = hk_line_chart_set_property;
  view_class->item_activated = hk_line_chart_item_activated;
  view_class->dup_painted_series = hk_line_chart_dup_painted_series;
  gtk_widget_class_set_css_name (widget_class, "linechart");

  properties[PROP_SMOOTHING] =
    g_param_spec_uint ("smoothing", NULL, NULL, 0, 365, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HkLineChart::day-activated:
   * @day: the day number clicked
   */
  signals[DAY_ACTIVATED] =
    g_signal_new ("day-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
hk_line_chart_init (HkLineChart *self)
{
}

GtkWidget *
hk_line_chart_new (void)
{
  return g_object_new (HK_TYPE_LINE_CHART, NULL);
}

void
hk_line_chart_set_series (HkLineChart   *self,
                          HkChartSeries *series)
{
  g_return_if_fail (HK_IS_LINE_CHART (self));
  g_return_if_fail (series == NULL || series->shape == HK_CHART_SHAPE_TIME);

  hk_chart_view_set_series (HK_CHART_VIEW (self), series);
}

void
hk_line_chart_set_smoothing (HkLineChart *self,
                             guint        days)
{
  g_return_if_fail (HK_IS_LINE_CHART (self));

  if (self->smoothing == days)
    return;
  self->smoothing = days;
  hk_chart_view_invalidate (HK_CHART_VIEW (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SMOOTHING]);
}

guint
hk_line_chart_get_smoothing (HkLineChart *self)
{
  g_return_val_if_fail (HK_IS_LINE_CHART (self), 0);
  return self->smoothing;
}
