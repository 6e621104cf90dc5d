/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>
#include <string.h>

#include "hk-analysis.h"
#include "hk-engine-private.h"

/* A campaign as the selection saw it (HkCampaignInfo): what
 * _hk_incrementality_finish() kept of it, beside its group's metrics. */

gboolean
hk_analysis_get_campaign_info (HkAnalysis     *analysis,
                               guint           group,
                               HkCampaignInfo *info)
{
  HkEngine *engine = analysis->engine;
  const Groups *g = &analysis->groups[HK_DIM_CAMPAIGN];
  const CampaignResult *cr;
  const HkMetrics *m;
  guint32 c;
  gint t;

  if (group >= g->n)
    return FALSE;
  c = g->codes[group];
  cr = &analysis->campaigns[c];
  m = &g->metrics[group];
  t = engine->campaign_test[c];
  memset (info, 0, sizeof *info);
  info->brand = hk_str_pool_get (engine->ds->pools[HK_POOL_BRAND], engine->campaign_brand[c]);
  info->first_day = cr->first_day;
  info->last_day = cr->last_day;
  info->method = cr->method;
  info->incremental_low = cr->low;
  info->incremental_high = cr->high;
  info->iroas_low = isnan (cr->low) || !m->methods ? NAN : _hk_metrics_per_spend (cr->low, m->incremental_spend);
  info->iroas_high = isnan (cr->high) || !m->methods ? NAN : _hk_metrics_per_spend (cr->high, m->incremental_spend);
  info->exposed_users = info->holdout_users = info->exposed_buyers = info->holdout_buyers = NAN;
  if (cr->method == HK_IROAS_USED_HOLDOUT && t >= 0)
    for (guint k = 0; k < analysis->n_tests; k++)
      if (analysis->tests[k].index == (guint) t)
        {
          const HkHoldoutTest *ht = &analysis->tests[k].test;

          info->exposed_users = ht->exposed_users;
          info->holdout_users = ht->holdout_users;
          info->exposed_buyers = ht->exposed_buyers;
          info->holdout_buyers = ht->holdout_buyers;
        }
  info->note = cr->note;
  return TRUE;
}
