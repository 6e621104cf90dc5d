/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkScatterChart"

#include "config.h"

#include "hk-scatter-chart.h"

struct _HkScatterChart {
  HkChartView parent_instance;
};

G_DEFINE_FINAL_TYPE (HkScatterChart, hk_scatter_chart, HK_TYPE_CHART_VIEW)

enum {
  PROP_0,
  PROP_LOG_SCALE,
  N_PROPS
};

enum {
  POINT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
hk_scatter_chart_item_activated (HkChartView *view,
                                 guint        item)
{
  HkScatterSeries *series = HK_SCATTER_SERIES (hk_chart_view_get_painted_series (view));

  g_return_if_fail (series != NULL && item < series->points->len);
  g_signal_emit (view, signals[POINT_ACTIVATED], 0, HK_SCATTER_SERIES_POINT (series, item)->influencer);
}

static void
hk_scatter_chart_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_LOG_SCALE:
      g_value_set_boolean (value, hk_scatter_chart_get_log_scale (HK_SCATTER_CHART (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hk_scatter_chart_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_LOG_SCALE:
      hk_scatter_chart_set_log_scale (HK_SCATTER_CHART (object), g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hk_scatter_chart_class_init (HkScatterChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  HkChartViewClass *view_class = HK_CHART_VIEW_CLASS (klass);

  object_class->get_property = hk_scatter_chart_get_property;
  object_class->set_property = hk_scatter_chart_set_property;
  view_class->item_activated = hk_scatter_chart_item_activated;
  gtk_widget_class_set_css_name (widget_class, "scatterchart");

  properties[PROP_LOG_SCALE] =
    g_param_spec_boolean ("log-scale", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HkScatterChart::point-activated:
   * @influencer: the influencer's row in the dataset
   */
  signals[POINT_ACTIVATED] =
    g_signal_new ("point-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
hk_scatter_chart_init (HkScatterChart *self)
{
}

GtkWidget *
hk_scatter_chart_new (void)
{
  return g_object_new (HK_TYPE_SCATTER_CHART, NULL);
}

void
hk_scatter_chart_set_series (HkScatterChart *self,
                             HkChartSeries  *series)
{
  g_return_if_fail (HK_IS_SCATTER_CHART (self));
  g_return_if_fail (series == NULL || series->shape == HK_CHART_SHAPE_SCATTER);

  hk_chart_view_set_series (HK_CHART_VIEW (self), series);
}

void
hk_scatter_chart_set_log_scale (HkScatterChart *self,
                                gboolean        log_scale)
{
  HkChartStyle *style;

  g_return_if_fail (HK_IS_SCATTER_CHART (self));

  style = hk_chart_view_get_style (HK_CHART_VIEW (self));
  log_scale = !!log_scale;
  if (style->log_scale == log_scale)
    return;
  style->log_scale = log_scale;
  hk_chart_view_invalidate (HK_CHART_VIEW (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG_SCALE]);
}

gboolean
hk_scatter_chart_get_log_scale (HkScatterChart *self)
{
  g_return_val_if_fail (HK_IS_SCATTER_CHART (self), FALSE);
  return hk_chart_view_get_style (HK_CHART_VIEW (self))->log_scale;
}
