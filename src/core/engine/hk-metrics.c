/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>

#include "hk-analysis.h"
#include "hk-engine-private.h"

/* Every ratio the app shows derives here from the sums of an HkMetrics. */

static const char * const metric_names[HK_N_METRICS] = {
  "posts", "reach", "likes", "comments", "engagement_rate", "orders", "revenue",
  "spend", "roas", "mean_influencer_roas", "top_influencer_roas",
  "incremental_revenue", "incremental_roas", "cpm", "cpe", "cost_per_order",
  "aov", "roi", "influencers",
};

static inline double
ratio (double numerator,
       double denominator)
{
  return denominator != 0 ? numerator / denominator : NAN;
}

/* Spend of zero (or, where returns outweigh it, below zero) leaves every
 * ratio over spend undefined. */
static inline double
per_spend (double numerator,
           double spend)
{
  return spend > 0 ? numerator / spend : NAN;
}

double
hk_metrics_get (const HkMetrics *m,
                HkMetric         metric)
{
  switch (metric)
    {
    case HK_METRIC_POSTS: return m->posts;
    case HK_METRIC_REACH: return m->reach;
    case HK_METRIC_LIKES: return m->likes;
    case HK_METRIC_COMMENTS: return m->comments;
    case HK_METRIC_ENGAGEMENT_RATE: return ratio (m->likes + m->comments, m->reach);
    case HK_METRIC_ORDERS: return m->orders;
    case HK_METRIC_REVENUE: return m->revenue;
    case HK_METRIC_SPEND: return m->spend;
    case HK_METRIC_ROAS: return hk_metrics_roas (m->revenue, m->spend);
    case HK_METRIC_MEAN_INFLUENCER_ROAS: return m->roas_n ? m->roas_sum / m->roas_n : NAN;
    case HK_METRIC_TOP_INFLUENCER_ROAS: return m->roas_n ? m->roas_max : NAN;
    case HK_METRIC_INCREMENTAL_REVENUE:
      /* No revenue: nothing to be incremental, whatever the method. */
      return m->methods || m->revenue == 0 ? m->incremental_revenue : NAN;
    case HK_METRIC_INCREMENTAL_ROAS:
      if (m->methods)
        return per_spend (m->incremental_revenue, m->incremental_spend);
      return m->revenue == 0 ? per_spend (0, m->spend) : NAN;
    /* Spend 0 costs nothing per unit (0, not undefined); below zero, undefined. */
    case HK_METRIC_CPM: return m->spend < 0 ? NAN : ratio (m->spend * 1000, m->reach);
    case HK_METRIC_CPE: return m->spend < 0 ? NAN : ratio (m->spend, m->likes + m->comments);
    case HK_METRIC_COST_PER_ORDER:
      return m->spend < 0 || !(m->orders > 0) ? NAN : m->spend / m->orders;
    case HK_METRIC_AOV: return m->orders > 0 ? m->revenue / m->orders : NAN;
    case HK_METRIC_ROI: return per_spend (m->revenue - m->spend, m->spend);
    case HK_METRIC_INFLUENCERS: return m->influencers;
    case HK_N_METRICS:
    default:
      g_return_val_if_reached (NAN);
    }
}

double
hk_metrics_roas (double revenue,
                 double spend)
{
  return per_spend (revenue, spend);
}

double
hk_metrics_breakeven_roas (double margin)
{
  return margin > 0 ? 1 / margin : NAN;
}

double
hk_metrics_fair_rate (double rate,
                      double estimate,
                      double target)
{
  return target > 0 && !isnan (rate) && !isnan (estimate) ? rate * estimate / target : NAN;
}

gboolean
hk_metrics_payout_exceeds_revenue (const HkMetrics *m)
{
  return m->spend > m->revenue;
}

HkPayoutFlag
hk_metrics_payout_flag (const HkMetrics *m,
                        double           breakeven)
{
  if (hk_metrics_payout_exceeds_revenue (m))
    return HK_PAYOUT_EXCEEDS_REVENUE;
  /* ROAS < break-even, without dividing: revenue < spend × break-even */
  if (m->spend > 0 && m->revenue < m->spend * breakeven)
    return HK_PAYOUT_BELOW_BREAKEVEN;
  return HK_PAYOUT_FINE;
}

const char *
hk_metric_name (HkMetric metric)
{
  g_return_val_if_fail (metric < HK_N_METRICS, NULL);
  return metric_names[metric];
}

double
hk_money_round (double rupees)
{
  double paise = round (rupees * 100) / 100;

  /* -0 (a tiny negative rounded) reads as 0. */
  return paise == 0 ? 0 : paise;
}

double
hk_metric_export_value (const HkMetrics *m,
                        HkMetric         metric)
{
  double value = hk_metrics_get (m, metric);

  return hk_metric_is_money (metric) ? hk_money_round (value) : value;
}

gboolean
hk_metric_is_money (HkMetric metric)
{
  return metric == HK_METRIC_REVENUE || metric == HK_METRIC_SPEND ||
         metric == HK_METRIC_INCREMENTAL_REVENUE || metric == HK_METRIC_CPM ||
         metric == HK_METRIC_CPE || metric == HK_METRIC_COST_PER_ORDER ||
         metric == HK_METRIC_AOV;
}

void
hk_metrics_add (HkMetrics       *into,
                const HkMetrics *m)
{
  into->posts += m->posts;
  into->reach += m->reach;
  into->likes += m->likes;
  into->comments += m->comments;
  into->tracking_rows += m->tracking_rows;
  into->orders += m->orders;
  into->revenue += m->revenue;
  into->spend += m->spend;
  into->incremental_revenue += m->incremental_revenue;
  into->incremental_spend += m->incremental_spend;
  into->roas_max = into->roas_n == 0 ? m->roas_max : m->roas_n == 0 ? into->roas_max : MAX (into->roas_max, m->roas_max);
  into->roas_sum += m->roas_sum;
  into->roas_n += m->roas_n;
  into->influencers += m->influencers;
  into->methods |= m->methods;
}

/* An influencer's own ROAS joins a group's mean and maximum. */
void
_hk_metrics_add_roas (HkMetrics *group,
                      double     revenue,
                      double     spend)
{
  double roas;

  if (revenue == 0 && spend == 0)
    return;
  group->influencers++;
  if (!(spend > 0))
    return;
  roas = revenue / spend;
  group->roas_max = group->roas_n == 0 ? roas : MAX (group->roas_max, roas);
  group->roas_sum += roas;
  group->roas_n++;
}

double
_hk_metrics_per_spend (double numerator,
                       double spend)
{
  return per_spend (numerator, spend);
}
