/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>

#include "hk-engine-private.h"

/* PROVISIONAL: replaced by the incrementality rewrite (issue 13). */
gboolean
hk_analysis_get_campaign_info (HkAnalysis     *analysis,
                               guint           group,
                               HkCampaignInfo *info)
{
  HkEngine *engine = analysis->engine;
  HkDataset *ds = engine->ds;
  const Groups *g = &analysis->groups[HK_DIM_CAMPAIGN];
  const HkMetrics *m;
  guint32 c;

  g_return_val_if_fail (info != NULL, FALSE);
  if (group >= g->n)
    return FALSE;
  c = g->codes[group];
  m = &g->metrics[group];
  *info = (HkCampaignInfo) {
    .brand = hk_str_pool_get (ds->pools[HK_POOL_BRAND], engine->campaign_brand[c]),
    .first_day = engine->campaign_first[c],
    .last_day = engine->campaign_last[c],
    .method = m->methods,
    .incremental_low = NAN, .incremental_high = NAN, .iroas_low = NAN, .iroas_high = NAN,
    .exposed_users = NAN, .holdout_users = NAN, .exposed_buyers = NAN, .holdout_buyers = NAN,
  };
  for (guint k = 0; k < analysis->n_tests; k++)
    if (analysis->tests[k].campaign == c)
      {
        const HkHoldoutTest *t = &analysis->tests[k].test;

        info->exposed_users = t->exposed_users;
        info->holdout_users = t->holdout_users;
        info->incremental_low = t->low;
        info->incremental_high = t->high;
        info->iroas_low = hk_metrics_roas (t->low, m->spend);
        info->iroas_high = hk_metrics_roas (t->high, m->spend);
      }
  return TRUE;
}
