/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkBarChart"

#include "config.h"

#include "hk-bar-chart.h"

struct _HkBarChart {
  HkChartView parent_instance;
};

G_DEFINE_FINAL_TYPE (HkBarChart, hk_bar_chart, HK_TYPE_CHART_VIEW)

enum {
  BAR_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
hk_bar_chart_item_activated (HkChartView *view,
                             guint        item)
{
  HkBarSeries *series = HK_BAR_SERIES (hk_chart_view_get_painted_series (view));

  g_return_if_fail (series != NULL && item < series->items->len);
  /* "Others" stands for many groups: no one value to filter by */
  if (HK_BAR_SERIES_ITEM (series, item)->pooled > 0)
    return;
  g_signal_emit (view, signals[BAR_ACTIVATED], 0, (guint) series->dimension,
                 HK_BAR_SERIES_ITEM (series, item)->key);
}

static void
hk_bar_chart_class_init (HkBarChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  HkChartViewClass *view_class = HK_CHART_VIEW_CLASS (klass);

  view_class->item_activated = hk_bar_chart_item_activated;
  gtk_widget_class_set_css_name (widget_class, "barchart");

  /**
   * HkBarChart::bar-activated:
   * @dimension: the HkDimension the bars stand for
   * @key: the bar's value as in the data
   */
  signals[BAR_ACTIVATED] =
    g_signal_new ("bar-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
}

static void
hk_bar_chart_init (HkBarChart *self)
{
}

GtkWidget *
hk_bar_chart_new (void)
{
  return g_object_new (HK_TYPE_BAR_CHART, NULL);
}

void
hk_bar_chart_set_series (HkBarChart    *self,
                         HkChartSeries *series)
{
  g_return_if_fail (HK_IS_BAR_CHART (self));
  g_return_if_fail (series == NULL || series->shape == HK_CHART_SHAPE_BARS);

  hk_chart_view_set_series (HK_CHART_VIEW (self), series);
}
