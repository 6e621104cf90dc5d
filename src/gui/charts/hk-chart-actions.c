/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include "hk-chart-actions.h"
#include "hk-date.h"

void
hk_chart_activate_bar (GtkWidget   *widget,
                       HkDimension  dimension,
                       const char  *key)
{
  const char *values[] = { key, NULL };

  if (dimension == HK_DIM_INFLUENCER)
    gtk_widget_activate_action (widget, "win.show-influencer", "s", key);
  else
    gtk_widget_activate_action_variant (widget, "win.set-filter",
                                        g_variant_new ("(s^as)", hk_dimension_name (dimension), values));
}

void
hk_chart_activate_day (GtkWidget *widget,
                       int        day)
{
  char iso[HK_DATE_ISO_LEN];
  const char *values[] = { iso, NULL };

  hk_date_format_iso (day, iso);
  gtk_widget_activate_action_variant (widget, "win.set-filter", g_variant_new ("(s^as)", "from", values));
  gtk_widget_activate_action_variant (widget, "win.set-filter", g_variant_new ("(s^as)", "to", values));
}

void
hk_chart_activate_point (GtkWidget *widget,
                         guint      influencer)
{
  gtk_widget_activate_action (widget, "win.select-influencer", "u", influencer);
}

void
hk_chart_view_show (HkChartView *chart,
                    HkAnalysis  *analysis,
                    HkChartKind  kind,
                    guint        max_bars)
{
  g_autoptr(HkChartSeries) series = NULL;
  HkChartSeriesOptions options;

  hk_chart_series_options_init (&options);
  if (max_bars > 0)
    options.max_items = max_bars;
  if (analysis)
    series = hk_chart_series_new_for_analysis (analysis, kind, &options);
  hk_chart_view_set_series (chart, series);
}
