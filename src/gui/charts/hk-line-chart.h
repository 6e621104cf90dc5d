/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hk-chart-view.h"

G_BEGIN_DECLS

/* Revenue and spend per day (CSS name "linechart"). :smoothing draws a
 * trailing N-day mean of the series set (give it the per-day series). A click
 * on a day emits ::day-activated with its day number (hk-date.h). */

#define HK_TYPE_LINE_CHART (hk_line_chart_get_type ())
G_DECLARE_FINAL_TYPE (HkLineChart, hk_line_chart, HK, LINE_CHART, HkChartView)

GtkWidget *hk_line_chart_new           (void);
/* A HK_CHART_SHAPE_TIME series (NULL: the empty state). */
void       hk_line_chart_set_series    (HkLineChart   *self,
                                        HkChartSeries *series);
/* 0 or 1: per day; 7: a 7-day average. */
void       hk_line_chart_set_smoothing (HkLineChart   *self,
                                        guint          days);
guint      hk_line_chart_get_smoothing (HkLineChart   *self);

G_END_DECLS
