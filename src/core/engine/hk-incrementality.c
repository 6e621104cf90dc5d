/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "hk-analysis.h"
#include "hk-date.h"
#include "hk-engine-private.h"

/* Incrementality: the part of each campaign's attributed revenue that an
 * iROAS method (holdout test, pre-period baseline, assumed share) credits. */

typedef struct {
  double exposed_revenue, exposed_sq;
  double holdout_revenue, holdout_sq;
} TestSums;

/* The holdout tests' per-user sums, and the attributed revenue of the tested
 * campaigns in the selection. */
static void
sum_test_rows (const Ctx *ctx,
               double    *revenue,
               TestSums  *sums)
{
  HkEngine *engine = ctx->engine;
  /* Rows of one user in one group of one campaign are adjacent. */
  guint r0 = 0;

  while (r0 < engine->n_test_rows)
    {
      const TestRow *first = &engine->test_rows[r0];
      guint32 c = first->campaign, u = first->user;
      guint8 g = first->group;
      double x = 0;
      guint r1 = r0;

      for (; r1 < engine->n_test_rows; r1++)
        {
          const TestRow *t = &engine->test_rows[r1];

          if (t->campaign != c || t->group != g || t->user != u)
            break;
          if (allows (ctx, ROW_BRAND, t->brand) && allows (ctx, ROW_PRODUCT, t->product) &&
              day_in_range (ctx, t->date))
            {
              x += t->revenue;
              /* Attributed revenue of the campaign, for sharing it out. */
              if (t->attributed && allows (ctx, ROW_CAMPAIGN, c) && allows (ctx, ROW_SOURCE, t->source))
                revenue[c] += t->revenue;
            }
        }
      if (g != HK_AB_NONE)
        {
          TestSums *ts = &sums[engine->campaign_test[c]];
          if (g == HK_AB_EXPOSED)
            ts->exposed_revenue += x, ts->exposed_sq += x * x;
          else
            ts->holdout_revenue += x, ts->holdout_sq += x * x;
        }
      r0 = r1;
    }
}

/* A campaign's incremental revenue is its brand's revenue (every row, within
 * the product filter) on its days in the selection, less the brand's daily
 * revenue in the N days before it started. Its share of that, as ever,
 * follows its attributed revenue in the selection. Returns how many campaigns
 * fell back to the assumed share. */
static guint
estimate_pre_period (Ctx    *ctx,
                     double *revenue)
{
  HkEngine *engine = ctx->engine;
  HkDataset *ds = ctx->ds;
  HkAnalysisOptions *o = &ctx->options;
  guint n = engine->n_campaigns;
  guint attributed = ds->trk_start[ds->n_influencers];
  double s = o->organic_share;
  guint n_fallback = 0;
  guint n_brands = hk_str_pool_get_size (ds->pools[HK_POOL_BRAND]);
  guint n_days = engine->n_days;
  g_autofree double *cum = g_new0 (double, (gsize) n_brands * (n_days + 1));

  for (guint r = 0; r < ds->n_tracking; r++)
    {
      guint32 c = ds->trk_campaign[r];

      if (allows (ctx, ROW_PRODUCT, ds->trk_product[r]))
        cum[(gsize) ds->trk_brand[r] * (n_days + 1) + (ds->trk_date[r] - ds->first_day) + 1] += ds->trk_revenue[r];
      if (r < attributed && allows (ctx, ROW_BRAND, ds->trk_brand[r]) &&
          allows (ctx, ROW_PRODUCT, ds->trk_product[r]) && allows (ctx, ROW_CAMPAIGN, c) &&
          allows (ctx, ROW_SOURCE, ds->trk_source[r]) && day_in_range (ctx, ds->trk_date[r]))
        revenue[c] += ds->trk_revenue[r];
    }
  for (guint b = 0; b < n_brands; b++)
    for (guint d = 0; d < n_days; d++)
      cum[(gsize) b * (n_days + 1) + d + 1] += cum[(gsize) b * (n_days + 1) + d];

  /* How many campaigns of each brand run on each day: a day's revenue
   * above baseline is split among them. */
  g_autofree guint16 *running = g_new0 (guint16, (gsize) n_brands * n_days);

  for (guint c = 1; c < n; c++)
    if (engine->campaign_first[c] != HK_DAY_NONE)
      for (gint32 d = engine->campaign_first[c]; d <= engine->campaign_last[c]; d++)
        running[(gsize) engine->campaign_brand[c] * n_days + (d - ds->first_day)]++;

  for (guint c = 0; c < n; c++)
    {
      gint32 start = engine->campaign_first[c], end = engine->campaign_last[c];
      gint32 w0, w1, d0, d1;
      guint32 b = engine->campaign_brand[c];
      const double *brand_cum = cum + (gsize) b * (n_days + 1);
      double baseline, incremental = 0;

      if (start == HK_DAY_NONE)
        continue;
      /* The N days before the campaign, as far as the data reaches. Rows
       * with no campaign have no period: the assumed share. */
      w0 = MAX (start - (gint32) o->pre_period_days, ds->first_day);
      w1 = start - 1;
      if (w1 < w0 || c == 0)
        {
          ctx->k[c] = 1 - s;
          ctx->method[c] = HK_IROAS_USED_ASSUMED;
          n_fallback++;
          continue;
        }
      baseline = (brand_cum[w1 - ds->first_day + 1] - brand_cum[w0 - ds->first_day]) / (w1 - w0 + 1);
      d0 = ctx->sel->first_day == HK_DAY_NONE ? start : MAX (start, ctx->sel->first_day);
      d1 = ctx->sel->last_day == HK_DAY_NONE ? end : MIN (end, ctx->sel->last_day);
      for (gint32 d = d0; d <= d1; d++)
        {
          gsize i = d - ds->first_day;
          incremental += (brand_cum[i + 1] - brand_cum[i] - baseline) / running[(gsize) b * n_days + i];
        }
      ctx->k[c] = revenue[c] != 0 ? incremental / revenue[c] : 0;
      ctx->method[c] = HK_IROAS_USED_PRE_PERIOD;
    }
  return n_fallback;
}

/* A tested campaign's incremental revenue from its exposed and holdout users,
 * and the test as the selection saw it. */
static void
apply_holdout_test (Ctx            *ctx,
                    HkAnalysis     *analysis,
                    guint           c,
                    const double   *revenue,
                    const TestSums *sums)
{
  HkEngine *engine = ctx->engine;
  gint t = engine->campaign_test[c];
  HoldoutTest *ht = &g_array_index (engine->tests, HoldoutTest, t);
  const TestSums *ts = &sums[t];
  double ne = ht->exposed_users, nh = ht->holdout_users;
  double me = ts->exposed_revenue / ne, mh = ts->holdout_revenue / nh;
  double ve = ne > 1 ? MAX (0, (ts->exposed_sq - ne * me * me) / (ne - 1)) : 0;
  double vh = nh > 1 ? MAX (0, (ts->holdout_sq - nh * mh * mh) / (nh - 1)) : 0;
  double incremental = (me - mh) * ne;
  double se = ne * sqrt (ve / ne + vh / nh);
  TestResult *tr;

  ctx->k[c] = revenue[c] != 0 ? incremental / revenue[c] : 0;
  ctx->method[c] = HK_IROAS_USED_HOLDOUT;
  analysis->tests = g_renew (TestResult, analysis->tests, analysis->n_tests + 1);
  tr = &analysis->tests[analysis->n_tests++];
  tr->test = (HkHoldoutTest) { ht->name, ne, nh, ts->exposed_revenue, ts->holdout_revenue,
                               incremental, incremental - 1.96 * se, incremental + 1.96 * se };
  tr->campaign = c;
  tr->se = se;
}

/* Campaigns the pre-period left uncovered: their holdout test where the
 * method uses tests, else the assumed share where the method allows it.
 * Returns how many holdout tests were used. */
static guint
cover_remaining (Ctx            *ctx,
                 HkAnalysis     *analysis,
                 const double   *revenue,
                 const TestSums *sums,
                 gboolean        use_tests)
{
  HkEngine *engine = ctx->engine;
  HkAnalysisOptions *o = &ctx->options;
  double s = o->organic_share;
  guint n_tests_used = 0;

  /* Tests in the holdout table's order, which every source keeps (campaign
   * codes follow the order values are met in, which a source that
   * aggregates does not keep). */
  for (guint t = 0; use_tests && t < engine->tests->len; t++)
    {
      guint c = g_array_index (engine->tests, HoldoutTest, t).campaign;

      if (!ctx->method[c] && engine->campaign_test[c] == (gint) t)
        {
          apply_holdout_test (ctx, analysis, c, revenue, sums);
          n_tests_used++;
        }
    }
  for (guint c = 0; c < engine->n_campaigns; c++)
    {
      gint t = engine->campaign_test[c];

      if (ctx->method[c] || (use_tests && t >= 0))
        continue;
      if (o->method == HK_IROAS_AUTO || o->method == HK_IROAS_ASSUMED ||
          (o->method == HK_IROAS_PRE_PERIOD && engine->n_days == 0))
        {
          ctx->k[c] = 1 - s;
          ctx->method[c] = HK_IROAS_USED_ASSUMED;
        }
    }
  return n_tests_used;
}

/* The method requested and what it came to. */
static char *
iroas_label (const HkAnalysisOptions *o,
             guint                    n_tests_used,
             guint                    n_fallback)
{
  double s = o->organic_share;

  switch (o->method)
    {
    case HK_IROAS_ASSUMED:
      return g_strdup_printf (_("Assumed organic share %g%%"), s * 100);
    case HK_IROAS_PRE_PERIOD:
      if (n_fallback > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Pre-period baseline (%u days); assumed organic share %g%% for %u campaign without a pre-period",
                                             "Pre-period baseline (%u days); assumed organic share %g%% for %u campaigns without a pre-period",
                                             n_fallback),
                                o->pre_period_days, s * 100, n_fallback);
      return g_strdup_printf (_("Pre-period baseline (%u days)"), o->pre_period_days);
    case HK_IROAS_HOLDOUT:
      return n_tests_used == 0 ? g_strdup (_("Holdout test: no campaign has one"))
             : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Holdout test (%u campaign); other campaigns have no iROAS",
                                             "Holdout test (%u campaigns); other campaigns have no iROAS",
                                             n_tests_used), n_tests_used);
    case HK_IROAS_AUTO:
    default:
      return n_tests_used == 0
             ? g_strdup_printf (_("Auto: assumed organic share %g%% (no holdout test)"), s * 100)
             : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Auto: holdout test for %u campaign, assumed organic share %g%% elsewhere",
                                             "Auto: holdout test for %u campaigns, assumed organic share %g%% elsewhere",
                                             n_tests_used), n_tests_used, s * 100);
    }
}

/* Per campaign in the selection: attributed revenue over every influencer, and
 * the holdout tests' per-user sums (their users' rows within the brand,
 * product and date filters: whichever source or influencer); from them, the
 * part of each rupee that is incremental and the method that said so. */
void
_hk_incrementality (Ctx        *ctx,
                    HkAnalysis *analysis)
{
  HkEngine *engine = ctx->engine;
  HkAnalysisOptions *o = &ctx->options;
  guint n = engine->n_campaigns;
  g_autofree double *revenue = g_new0 (double, MAX (1, n));
  g_autofree TestSums *sums = g_new0 (TestSums, MAX (1, engine->tests->len));
  gboolean use_tests = o->method == HK_IROAS_AUTO || o->method == HK_IROAS_HOLDOUT;
  guint n_tests_used, n_fallback = 0;

  ctx->k = g_new0 (double, MAX (1, n));
  ctx->method = g_new0 (guint8, MAX (1, n));

  if (use_tests && engine->n_test_rows > 0)
    sum_test_rows (ctx, revenue, sums);
  if (o->method == HK_IROAS_PRE_PERIOD && ctx->engine->n_days > 0)
    n_fallback = estimate_pre_period (ctx, revenue);
  n_tests_used = cover_remaining (ctx, analysis, revenue, sums, use_tests);
  ctx->unallocated_method = o->method == HK_IROAS_HOLDOUT ? 0 :
                            o->method == HK_IROAS_PRE_PERIOD && engine->n_days > 0 ? HK_IROAS_USED_PRE_PERIOD :
                            HK_IROAS_USED_ASSUMED;
  analysis->iroas_label = iroas_label (o, n_tests_used, n_fallback);
}
