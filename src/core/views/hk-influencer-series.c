/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include "hk-filter.h"
#include "hk-influencer-rows.h"
#include "hk-influencer-series.h"

HkTimeSeries *
hk_chart_series_new_for_influencer (HkAnalysis                 *analysis,
                                    guint                       influencer,
                                    const HkChartSeriesOptions *options)
{
  HkDataset *ds;
  g_autoptr(HkFilter) filter = hk_filter_new ();
  HkAnalysis *own;
  HkChartSeries *series;

  g_return_val_if_fail (analysis != NULL, NULL);
  ds = hk_analysis_get_dataset (analysis);
  g_return_val_if_fail (influencer < hk_dataset_get_n_influencers (ds), NULL);

  /* The engine's own grouping by day, over this influencer alone: no
   * second definition of how a payout spreads. */
  hk_filter_add (filter, HK_DIM_INFLUENCER, hk_influencer_rows_get_text (ds, influencer, HK_INFLUENCER_COLUMN_ID));
  own = hk_engine_analyze (hk_analysis_get_engine (analysis), filter, hk_analysis_get_options (analysis));
  series = hk_chart_series_new_for_analysis (own, HK_CHART_REVENUE_VS_SPEND, options);
  hk_analysis_unref (own);
  return HK_TIME_SERIES (series);
}
