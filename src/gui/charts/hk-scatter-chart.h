/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hk-chart-view.h"

G_BEGIN_DECLS

/* Spend against revenue per influencer (CSS name "scatterchart"), with the
 * ROAS = 1 line and :target-roas, point size by followers, :log-scale. A click
 * on a point emits ::point-activated with the influencer's dataset row. */

#define HK_TYPE_SCATTER_CHART (hk_scatter_chart_get_type ())
G_DECLARE_FINAL_TYPE (HkScatterChart, hk_scatter_chart, HK, SCATTER_CHART, HkChartView)

GtkWidget *hk_scatter_chart_new           (void);
/* A HK_CHART_SHAPE_SCATTER series (NULL: the empty state). */
void       hk_scatter_chart_set_series    (HkScatterChart *self,
                                           HkChartSeries  *series);
void       hk_scatter_chart_set_log_scale (HkScatterChart *self,
                                           gboolean        log_scale);
gboolean   hk_scatter_chart_get_log_scale (HkScatterChart *self);

G_END_DECLS
