/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkScatterChart"

#include "config.h"

#include "hk-scatter-chart.h"

struct _HkScatterChart {
  HkChartView    parent_instance;
  HkScatterScale scale;
};

G_DEFINE_FINAL_TYPE (HkScatterChart, hk_scatter_chart, HK_TYPE_CHART_VIEW)

GType
hk_scatter_scale_get_type (void)
{
  static gsize type;

  if (g_once_init_enter (&type))
    {
      /* the nicks are the settings' (scatter-scale) */
      static const GEnumValue values[] = {
        { HK_SCATTER_SCALE_AUTO, "HK_SCATTER_SCALE_AUTO", "auto" },
        { HK_SCATTER_SCALE_LINEAR, "HK_SCATTER_SCALE_LINEAR", "linear" },
        { HK_SCATTER_SCALE_LOG, "HK_SCATTER_SCALE_LOG", "log" },
        { 0, NULL, NULL },
      };
      g_once_init_leave (&type, g_enum_register_static ("HkScatterScale", values));
    }
  return type;
}

enum {
  PROP_0,
  PROP_LOG_SCALE,
  PROP_SCALE,
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

/* Draws the axes :scale asks for on the series it is given. */
static void
update_log_scale (HkScatterChart *self)
{
  HkChartStyle *style = hk_chart_view_get_style (HK_CHART_VIEW (self));
  HkChartSeries *series = hk_chart_view_get_series (HK_CHART_VIEW (self));
  gboolean log_scale;

  switch (self->scale)
    {
    case HK_SCATTER_SCALE_LINEAR:
      log_scale = FALSE;
      break;
    case HK_SCATTER_SCALE_LOG:
      log_scale = TRUE;
      break;
    case HK_SCATTER_SCALE_AUTO:
    default:
      log_scale = series && series->shape == HK_CHART_SHAPE_SCATTER &&
                  hk_scatter_series_prefers_log (HK_SCATTER_SERIES (series));
      break;
    }
  if (style->log_scale == log_scale)
    return;
  style->log_scale = log_scale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG_SCALE]);
}

static HkChartSeries *
hk_scatter_chart_dup_painted_series (HkChartView *view)
{
  HkChartSeries *series = hk_chart_view_get_series (view);

  update_log_scale (HK_SCATTER_CHART (view));
  return series ? hk_chart_series_ref (series) : NULL;
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
    case PROP_SCALE:
      g_value_set_enum (value, HK_SCATTER_CHART (object)->scale);
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
    case PROP_SCALE:
      hk_scatter_chart_set_scale (HK_SCATTER_CHART (object), g_value_get_enum (value));
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
  view_class->dup_painted_series = hk_scatter_chart_dup_painted_series;
  gtk_widget_class_set_css_name (widget_class, "scatterchart");

  properties[PROP_LOG_SCALE] =
    g_param_spec_boolean ("log-scale", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCALE] =
    g_param_spec_enum ("scale", NULL, NULL, HK_TYPE_SCATTER_SCALE, HK_SCATTER_SCALE_AUTO,
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

/* A choice of the user's: linear or log from now on. */
void
hk_scatter_chart_set_log_scale (HkScatterChart *self,
                                gboolean        log_scale)
{
  g_return_if_fail (HK_IS_SCATTER_CHART (self));

  hk_scatter_chart_set_scale (self, log_scale ? HK_SCATTER_SCALE_LOG : HK_SCATTER_SCALE_LINEAR);
}

void
hk_scatter_chart_set_scale (HkScatterChart *self,
                            HkScatterScale  scale)
{
  g_return_if_fail (HK_IS_SCATTER_CHART (self));
  g_return_if_fail (scale <= HK_SCATTER_SCALE_LOG);

  if (self->scale == scale)
    return;
  self->scale = scale;
  /* the hit tests and the description follow the axes */
  hk_chart_view_invalidate (HK_CHART_VIEW (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE]);
}

HkScatterScale
hk_scatter_chart_get_scale (HkScatterChart *self)
{
  g_return_val_if_fail (HK_IS_SCATTER_CHART (self), HK_SCATTER_SCALE_AUTO);
  return self->scale;
}

gboolean
hk_scatter_chart_get_log_scale (HkScatterChart *self)
{
  g_return_val_if_fail (HK_IS_SCATTER_CHART (self), FALSE);
  return hk_chart_view_get_style (HK_CHART_VIEW (self))->log_scale;
}
