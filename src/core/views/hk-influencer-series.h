/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hk-chart-series.h"

G_BEGIN_DECLS

/* One influencer's revenue and spend per day (the influencer dialog's Over
 * Time chart): revenue from its attributed tracking rows, spend spread over
 * days exactly as the Overview's daily chart spreads payouts — the same
 * series (HK_CHART_REVENUE_VS_SPEND) of an analysis whose filter keeps only
 * this influencer. Like the dialog's Posts and Orders, it covers the whole
 * dataset whatever the filters of analysis; it takes analysis's engine and
 * options (the iROAS method does not change revenue or spend). Runs one
 * aggregation pass: call it off the main thread for large datasets. */
HkTimeSeries *hk_chart_series_new_for_influencer (HkAnalysis                 *analysis,
                                                  guint                       influencer,
                                                  const HkChartSeriesOptions *options);

G_END_DECLS
