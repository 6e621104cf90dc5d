/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hk-chart-view.h"

G_BEGIN_DECLS

/* Horizontal bars (CSS name "barchart"): ROAS by brand, platform, persona or
 * city, top payouts, revenue and spend by brand. A click on a bar emits
 * ::bar-activated with the bar's dimension (HkDimension: HK_DIM_BRAND, …;
 * HK_DIM_INFLUENCER for top payouts) and its key (the value as in the data,
 * "" for the empty value; the influencer's id) — what to filter by. */

#define HK_TYPE_BAR_CHART (hk_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (HkBarChart, hk_bar_chart, HK, BAR_CHART, HkChartView)

GtkWidget *hk_bar_chart_new        (void);
/* A HK_CHART_SHAPE_BARS series (NULL: the empty state). */
void       hk_bar_chart_set_series (HkBarChart    *self,
                                    HkChartSeries *series);

G_END_DECLS
