/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>
#include <string.h>

#include "hk-analysis.h"
#include "hk-date.h"
#include "hk-engine-private.h"

/* The per-influencer aggregation: one influencer's tracking rows and posts
 * into its own metrics and the row groups of its thread. */

void
_hk_acc_init (Acc       *acc,
              const Ctx *ctx)
{
  memset (acc, 0, sizeof *acc);
  for (guint d = 0; d < N_ROW_DIMS; d++)
    {
      guint n = MAX (1, ctx->n_values[d]);

      /* Brands always: the score reads each influencer's brand mix. */
      if (!(ctx->row_dims & (1 << d)) && d != ROW_BRAND)
        continue;
      acc->groups[d] = g_new0 (HkMetrics, n);
      acc->sums[d] = g_new0 (RowSums, n);
      acc->seen[d] = g_new0 (guint8, n);
      acc->touched[d] = g_new (guint32, n);
    }
  acc->numerator = (double (*)[N_MASKS]) g_new0 (double, N_MASKS * MAX (1, ctx->engine->max_payouts));
  acc->covered = (double (*)[N_MASKS]) g_new0 (double, N_MASKS * MAX (1, ctx->engine->max_payouts));
  acc->lacking_spend = (double (*)[N_MASKS]) g_new0 (double, N_MASKS * MAX (1, ctx->engine->max_payouts));
  acc->campaign_revenue = g_new0 (double, MAX (1, ctx->engine->n_campaigns));
  acc->campaign_first = g_new (gint32, 2 * MAX (1, ctx->engine->n_campaigns));
  acc->campaign_last = acc->campaign_first + MAX (1, ctx->engine->n_campaigns);
  acc->brand_mix = g_array_new (FALSE, FALSE, sizeof (BrandMix));
  acc->brand_positive = g_new0 (double, MAX (1, ctx->n_values[ROW_BRAND]));
  for (guint c = 0; c < MAX (1, ctx->engine->n_campaigns); c++)
    {
      acc->campaign_first[c] = G_MAXINT32;
      acc->campaign_last[c] = HK_DAY_NONE;
    }
}

void
_hk_acc_clear (Acc *acc)
{
  for (guint d = 0; d < N_ROW_DIMS; d++)
    {
      g_free (acc->groups[d]);
      g_free (acc->sums[d]);
      g_free (acc->seen[d]);
      g_free (acc->touched[d]);
    }
  g_free (acc->numerator);
  g_free (acc->covered);
  g_free (acc->lacking_spend);
  g_free (acc->campaign_revenue);
  g_free (acc->campaign_first);
  if (acc->brand_mix)
    g_array_unref (acc->brand_mix);
  g_free (acc->brand_positive);
}

/* Into the scratch sums of value v of an active dimension d. */
static inline void
active_sums_add (Acc           *acc,
                 guint          d,
                 guint32        v,
                 const RowSums *add)
{
  RowSums *s = &acc->sums[d][v];

  if (!acc->seen[d][v])
    {
      acc->seen[d][v] = 1;
      acc->touched[d][acc->n_touched[d]++] = v;
    }
  s->count += add->count;
  s->money += add->money;
  s->credit += add->credit;
  s->methods |= add->methods;
}

static void
scratch_flush (Acc   *acc,
               guint  influencer)
{
  for (guint d = 0; d < N_ROW_DIMS; d++)
    {
      for (guint i = 0; i < acc->n_touched[d]; i++)
        {
          guint32 v = acc->touched[d][i];
          RowSums *s = &acc->sums[d][v];
          HkMetrics *g = &acc->groups[d][v];

          if (d == ROW_BRAND)
            {
              BrandMix mix = { influencer, v, s->count[1], s->money[0], acc->brand_positive[v] };

              g_array_append_val (acc->brand_mix, mix);
              acc->brand_positive[v] = 0;
            }

          g->tracking_rows += s->count[0];
          g->orders += s->count[1];
          g->revenue += s->money[0];
          g->spend += s->money[1];
          g->incremental_revenue += s->credit[0];
          g->incremental_spend += s->credit[1];
          g->methods |= s->methods;
          _hk_metrics_add_roas (g, s->money[0], s->money[1]);
          memset (s, 0, sizeof *s);
          acc->seen[d][v] = 0;
        }
      acc->n_touched[d] = 0;
    }
}

/* Whether a tracking row passes the filters a post of lacking mask m lacks:
 * product and source always, brand and campaign when the mask says so. */
static inline gboolean
passes_lacking (const Ctx *ctx,
                guint      pass_bits,
                guint      mask)
{
  guint need = (1 << ROW_PRODUCT) | (1 << ROW_SOURCE) |
               (mask & LACKS_BRAND ? 1 << ROW_BRAND : 0) |
               (mask & LACKS_CAMPAIGN ? 1 << ROW_CAMPAIGN : 0);
  return (pass_bits & need) == need;
}

static inline void
group_add_row (HkMetrics *g,
               double     rows,
               double     orders,
               double     revenue,
               double     spend,
               double     incremental,
               double     covered_spend,
               guint8     method)
{
  g->tracking_rows += rows;
  g->orders += orders;
  g->revenue += revenue;
  g->spend += spend;
  g->incremental_revenue += incremental;
  g->incremental_spend += covered_spend;
  g->methods |= method;
}

static inline void
group_add_post (HkMetrics       *g,
                const HkDataset *ds,
                guint            q)
{
  g->posts++;
  g->reach += ds->post_reach[q];
  g->likes += ds->post_likes[q];
  g->comments += ds->post_comments[q];
}

static inline guint
row_pass_bits (const Ctx       *ctx,
               const HkDataset *ds,
               guint            r)
{
  if (!ctx->sel->value_filters)
    return 0xf;
  return (allows (ctx, ROW_BRAND, ds->trk_brand[r]) << ROW_BRAND) |
         (allows (ctx, ROW_PRODUCT, ds->trk_product[r]) << ROW_PRODUCT) |
         (allows (ctx, ROW_CAMPAIGN, ds->trk_campaign[r]) << ROW_CAMPAIGN) |
         (allows (ctx, ROW_SOURCE, ds->trk_source[r]) << ROW_SOURCE);
}

/* Whether a filter is set on something posts of lacking mask m lack. */
static inline gboolean
filters_lacking (const Ctx *ctx,
                 guint      mask)
{
  return ctx->sel->allow[HK_DIM_PRODUCT] || ctx->sel->allow[HK_DIM_SOURCE] ||
         ((mask & LACKS_BRAND) && ctx->sel->allow[HK_DIM_BRAND]) ||
         ((mask & LACKS_CAMPAIGN) && ctx->sel->allow[HK_DIM_CAMPAIGN]);
}

/* Post spend that follows the revenue of one value of what the posts lack. */
static inline void
spread_spend (Acc     *acc,
              guint    d,
              guint32  v,
              double   spend,
              double   covered_spend,
              guint8   method)
{
  if (acc->sums[d] != NULL)
    {
      RowSums add = { { 0, 0 }, { 0, spend }, { 0, covered_spend }, method };

      active_sums_add (acc, d, v, &add);
    }
}

static inline void
post_to_group (Acc             *acc,
               guint            d,
               guint32          v,
               const HkDataset *ds,
               guint            q)
{
  if (acc->groups[d])
    group_add_post (&acc->groups[d][v], ds, q);
}

/* An influencer's payout rows, as its passes over rows and posts read them. */
typedef struct {
  guint         influencer;
  const Payout *payouts;
  guint         n_pay;
  const Payout *order_payouts[8]; /* the order-basis rows, while few */
  guint         n_order;          /* G_MAXUINT: many, walk them all */
  gboolean      has_post_payouts;
  gboolean      dynamic;          /* post spend follows the rows passing filters */
} InfluencerPayouts;

static void
influencer_payouts_init (InfluencerPayouts *ip,
                         const Ctx         *ctx,
                         Acc               *acc,
                         guint              i)
{
  HkDataset *ds = ctx->ds;
  const Payout *payouts = ctx->engine->payouts + ds->pay_start[i];
  guint n_pay = ds->pay_start[i + 1] - ds->pay_start[i];

  ip->influencer = i;
  ip->payouts = payouts;
  ip->n_pay = n_pay;
  ip->n_order = 0;
  ip->has_post_payouts = FALSE;
  for (guint p = 0; p < n_pay; p++)
    {
      if (payouts[p].alloc > ALLOC_POSTS && ip->n_order < G_N_ELEMENTS (ip->order_payouts))
        ip->order_payouts[ip->n_order++] = &payouts[p];
      else if (payouts[p].alloc > ALLOC_POSTS)
        ip->n_order = G_MAXUINT; /* many: walk them all */
      ip->has_post_payouts |= payouts[p].alloc == ALLOC_POSTS;
    }
  ip->dynamic = ip->has_post_payouts && ctx->dynamic_shares;

  /* Per post payout row and lacking mask: revenue of in-scope rows passing
   * what the posts lack (and of those, in campaigns a method covers), and the
   * posts' unscaled spend. */
  if (ip->has_post_payouts)
    {
      memset (acc->numerator, 0, sizeof (double) * N_MASKS * n_pay);
      memset (acc->covered, 0, sizeof (double) * N_MASKS * n_pay);
      memset (acc->lacking_spend, 0, sizeof (double) * N_MASKS * n_pay);
    }
}

/* The order-basis spend of a tracking row: it follows orders (or revenue). */
static inline double
row_order_spend (const InfluencerPayouts *ip,
                 const HkDataset         *ds,
                 guint                    r)
{
  double revenue = ds->trk_revenue[r], orders = ds->trk_orders[r];
  double spend = 0;

  if (ip->n_order != 0)
    for (guint p = 0; p < (ip->n_order == G_MAXUINT ? ip->n_pay : ip->n_order); p++)
      {
        const Payout *po = ip->n_order == G_MAXUINT ? &ip->payouts[p] : ip->order_payouts[p];

        if (po->alloc > ALLOC_POSTS && row_in_scope (ds, po, r))
          spend += po->share * (po->alloc == ALLOC_ORDERS ? orders :
                                po->alloc == ALLOC_REVENUE ? revenue : HK_TRK_ROWS (ds, r));
      }
  return spend;
}

/* The first and last day of a campaign in what is shown: first starts at
 * G_MAXINT32 and last at HK_DAY_NONE (G_MININT32), so no branch is needed. */
static inline void
campaign_day (Acc     *acc,
              guint32  c,
              gint32   day)
{
  acc->campaign_first[c] = MIN (acc->campaign_first[c], day);
  acc->campaign_last[c] = MAX (acc->campaign_last[c], day);
}

/* A row that passes every filter, into the influencer's own metrics and the
 * row groups. */
static inline void
add_row (const Ctx *ctx,
         Acc       *acc,
         guint      r,
         double     spend,
         HkMetrics *out)
{
  HkDataset *ds = ctx->ds;
  guint32 c = ds->trk_campaign[r];
  double revenue = ds->trk_revenue[r], orders = ds->trk_orders[r];
  double rows = HK_TRK_ROWS (ds, r);
  guint8 method = ctx->method[c];
  double incremental = method ? revenue * ctx->k[c] : 0;
  double covered_spend = method ? spend : 0;
  gint32 day = ds->trk_date[r];
  RowSums add = { { rows, orders }, { revenue, spend }, { incremental, covered_spend }, method };

  group_add_row (out, rows, orders, revenue, spend, incremental, covered_spend, method);
  /* Only the columns of the groups asked for are read. */
  for (guint k = 0; k < ctx->n_active; k++)
    {
      guint d = ctx->active[k];
      guint32 v = d == ROW_BRAND ? ds->trk_brand[r] :
                  d == ROW_CAMPAIGN ? c :
                  d == ROW_DAY ? (guint32) (day - ds->first_day) :
                  d == ROW_PRODUCT ? ds->trk_product[r] : ds->trk_source[r];

      active_sums_add (acc, d, v, &add);
    }
  if (revenue > 0)
    acc->brand_positive[ds->trk_brand[r]] += revenue;
  acc->campaign_revenue[c] += revenue;
  campaign_day (acc, c, day);
}

/* A row's revenue into what the post payout rows' spend follows, for each
 * lacking mask whose filters the row passes. */
static inline void
add_row_to_post_shares (const Ctx               *ctx,
                        Acc                     *acc,
                        const InfluencerPayouts *ip,
                        guint                    r,
                        guint                    pass)
{
  HkDataset *ds = ctx->ds;
  guint32 c = ds->trk_campaign[r];
  double revenue = ds->trk_revenue[r];

  for (guint p = 0; p < ip->n_pay; p++)
    {
      const Payout *po = &ip->payouts[p];

      if (po->alloc != ALLOC_POSTS || !row_in_scope (ds, po, r))
        continue;
      for (guint m = 0; m < N_MASKS; m++)
        if ((po->masks & (1 << m)) && passes_lacking (ctx, pass, m))
          {
            acc->numerator[p][m] += revenue;
            if (ctx->method[c])
              acc->covered[p][m] += revenue;
          }
    }
}

/* Tracking rows: order-basis spend follows orders (or revenue). */
static void
add_tracking_rows (const Ctx               *ctx,
                   Acc                     *acc,
                   const InfluencerPayouts *ip,
                   HkMetrics               *out)
{
  HkDataset *ds = ctx->ds;
  guint i = ip->influencer;

  for (guint r = ds->trk_start[i]; r < ds->trk_start[i + 1]; r++)
    {
      guint pass = row_pass_bits (ctx, ds, r);

      /* The spend only of rows shown: a filter leaves most rows out. */
      if (pass == 0xf && day_in_range (ctx, ds->trk_date[r]))
        add_row (ctx, acc, r, row_order_spend (ip, ds, r), out);
      if (ip->dynamic)
        add_row_to_post_shares (ctx, acc, ip, r, pass);
    }
}

/* A post's spend from each post payout row whose scope holds it, and the
 * part of it that a method covers. */
static void
add_post_spend (const Ctx               *ctx,
                Acc                     *acc,
                const InfluencerPayouts *ip,
                guint                    q,
                HkMetrics               *out)
{
  HkDataset *ds = ctx->ds;
  guint32 b = ds->post_brand[q], c = ds->post_campaign[q];
  guint m = post_mask (ds, q);
  guint32 dv = ds->post_date[q] - ds->first_day;
  double (*numerator)[N_MASKS] = acc->numerator;
  double (*covered)[N_MASKS] = acc->covered;

  for (guint p = 0; p < ip->n_pay; p++)
    {
      const Payout *po = &ip->payouts[p];
      double spend = po->share, covered_spend;
      guint8 method;

      if (po->alloc != ALLOC_POSTS || !post_in_scope (ds, po, q))
        continue;
      acc->lacking_spend[p][m] += po->share;
      if (ip->dynamic && filters_lacking (ctx, m))
        spend *= po->scope_revenue > 0 ? numerator[p][m] / po->scope_revenue : 0;
      if (c != 0)
        method = ctx->method[c];
      else if (ctx->options.method == HK_IROAS_HOLDOUT)
        method = covered[p][m] != 0 ? HK_IROAS_USED_HOLDOUT : 0;
      else
        method = ctx->unallocated_method;
      covered_spend = c != 0 ? (method ? spend : 0) :
                      ctx->options.method == HK_IROAS_HOLDOUT ?
                        (numerator[p][m] != 0 ? spend * covered[p][m] / numerator[p][m] : 0) : spend;

      out->spend += spend;
      out->incremental_spend += covered_spend;
      out->methods |= method;
      spread_spend (acc, ROW_DAY, dv, spend, covered_spend, method);
      if (b)
        spread_spend (acc, ROW_BRAND, b, spend, covered_spend, method);
      if (c)
        spread_spend (acc, ROW_CAMPAIGN, c, spend, covered_spend, method);
    }
}

/* Posts count whole when the attributes they have pass; their spend is
 * scaled by the part of their payout row's revenue that passes what they lack. */
static void
add_posts (const Ctx               *ctx,
           Acc                     *acc,
           const InfluencerPayouts *ip,
           HkMetrics               *out)
{
  HkDataset *ds = ctx->ds;
  guint i = ip->influencer;

  for (guint q = ds->post_start[i]; q < ds->post_start[i + 1]; q++)
    {
      guint32 b = ds->post_brand[q], c = ds->post_campaign[q];
      guint32 dv = ds->post_date[q] - ds->first_day;

      if (!hk_selection_keeps_post (ctx->sel, ds, q))
        continue;

      group_add_post (out, ds, q);
      post_to_group (acc, ROW_DAY, dv, ds, q);
      if (b)
        post_to_group (acc, ROW_BRAND, b, ds, q);
      else
        group_add_post (&acc->lacking[ROW_BRAND], ds, q);
      if (c)
        {
          post_to_group (acc, ROW_CAMPAIGN, c, ds, q);
          campaign_day (acc, c, ds->post_date[q]);
        }
      else
        group_add_post (&acc->lacking[ROW_CAMPAIGN], ds, q);
      group_add_post (&acc->lacking[ROW_PRODUCT], ds, q);
      group_add_post (&acc->lacking[ROW_SOURCE], ds, q);

      add_post_spend (ctx, acc, ip, q, out);
    }
}

/* Under a filter on what posts of lacking mask m lack: their spend follows
 * the revenue of the in-scope rows that pass it. */
static void
spread_lacking_by_rows (const Ctx               *ctx,
                        Acc                     *acc,
                        const InfluencerPayouts *ip,
                        const Payout            *po,
                        guint                    m,
                        double                   per_rupee)
{
  HkDataset *ds = ctx->ds;
  guint i = ip->influencer;

  for (guint r = ds->trk_start[i]; r < ds->trk_start[i + 1]; r++)
    {
      guint32 c = ds->trk_campaign[r];
      guint8 method = ctx->method[c];
      double a, ca;

      if (!row_in_scope (ds, po, r) || !passes_lacking (ctx, row_pass_bits (ctx, ds, r), m))
        continue;
      a = per_rupee * ds->trk_revenue[r];
      ca = method ? a : 0;
      spread_spend (acc, ROW_PRODUCT, ds->trk_product[r], a, ca, method);
      spread_spend (acc, ROW_SOURCE, ds->trk_source[r], a, ca, method);
      if (m & LACKS_BRAND)
        spread_spend (acc, ROW_BRAND, ds->trk_brand[r], a, ca, method);
      if (m & LACKS_CAMPAIGN)
        spread_spend (acc, ROW_CAMPAIGN, c, a, ca, method);
    }
}

/* No filter on what these posts lack: the payout row's own shares, and every
 * campaign is covered by the method. */
static void
spread_lacking_by_shares (const Ctx    *ctx,
                          Acc          *acc,
                          const Payout *po,
                          guint         m,
                          double        lacking_spend)
{
  static const guint row_dim[N_DISTS] = { ROW_PRODUCT, ROW_SOURCE, ROW_BRAND, ROW_CAMPAIGN };

  for (guint d = 0; d < N_DISTS; d++)
    {
      if ((d == DIST_BRAND && !(m & LACKS_BRAND)) || (d == DIST_CAMPAIGN && !(m & LACKS_CAMPAIGN)))
        continue;
      for (guint e = po->dist[d]; e < po->dist[d + 1]; e++)
        {
          const Share *sh = &g_array_index (ctx->engine->shares, Share, e);
          double a = lacking_spend * sh->fraction;
          guint8 method = d == DIST_CAMPAIGN ? ctx->method[sh->code] : ctx->unallocated_method;

          spread_spend (acc, row_dim[d], sh->code, a, method ? a : 0, method);
        }
    }
}

/* Post spend into the groups of what the posts lack (product and source
 * always), following the revenue of each value. */
static void
spread_lacking_spend (const Ctx               *ctx,
                      Acc                     *acc,
                      const InfluencerPayouts *ip)
{
  for (guint p = 0; p < ip->n_pay && ip->has_post_payouts; p++)
    {
      const Payout *po = &ip->payouts[p];

      if (po->alloc != ALLOC_POSTS || !(po->scope_revenue > 0))
        continue;
      for (guint m = 0; m < N_MASKS; m++)
        {
          double per_rupee = acc->lacking_spend[p][m] / po->scope_revenue;

          if (acc->lacking_spend[p][m] == 0)
            continue;
          if (ip->dynamic)
            spread_lacking_by_rows (ctx, acc, ip, po, m, per_rupee);
          else
            spread_lacking_by_shares (ctx, acc, po, m, acc->lacking_spend[p][m]);
        }
    }
}

/* One influencer's rows and posts into its own metrics and the row groups. */
void
_hk_analyze_influencer (const Ctx *ctx,
                        Acc       *acc,
                        guint      i,
                        HkMetrics *out)
{
  const HkEngine *engine = ctx->engine;
  InfluencerPayouts ip;

  memset (out, 0, sizeof *out);
  influencer_payouts_init (&ip, ctx, acc, i);
  add_tracking_rows (ctx, acc, &ip, out);
  add_posts (ctx, acc, &ip, out);
  spread_lacking_spend (ctx, acc, &ip);

  if (!ctx->sel->row_filter)
    {
      double u = engine->unallocated[i];

      out->spend += u;
      if (ctx->unallocated_method)
        {
          out->incremental_spend += u;
          out->methods |= ctx->unallocated_method;
        }
    }

  /* An amount that cannot be known leaves the whole spend unknown, filtered or not. */
  if (isnan (engine->unallocated[i]))
    out->spend = NAN;

  scratch_flush (acc, i);
  /* Its own ROAS: the influencer counts once in the means of its groups. */
  _hk_metrics_add_roas (out, out->revenue, out->spend);
}
