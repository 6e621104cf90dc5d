/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>
#include <string.h>

#include "hk-analysis.h"
#include "hk-date.h"
#include "hk-engine-private.h"
#include "hk-parse.h"

/* The results of an analysis, and the pass that makes them: filters, allow
 * maps, the influencers kept, the aggregation on up to two threads, groups,
 * the iROAS interval and the ranking. */

/* ------------------------------------------------------------------------ */
/* Results                                                                  */

G_DEFINE_BOXED_TYPE (HkAnalysis, hk_analysis, hk_analysis_ref, hk_analysis_unref)

HkAnalysis *
hk_analysis_ref (HkAnalysis *analysis)
{
  g_atomic_ref_count_inc (&analysis->ref_count);
  return analysis;
}

void
hk_analysis_unref (HkAnalysis *analysis)
{
  if (!g_atomic_ref_count_dec (&analysis->ref_count))
    return;
  for (guint d = 0; d < HK_N_DIMS; d++)
    {
      g_free (analysis->groups[d].codes);
      g_free (analysis->groups[d].metrics);
    }
  g_free (analysis->group_of_influencer);
  g_free (analysis->top);
  g_free (analysis->poor);
  g_free (analysis->scores);
  g_free (analysis->iroas_label);
  g_free (analysis->tests);
  for (guint c = 0; analysis->campaigns && c < analysis->engine->n_campaigns; c++)
    g_free (analysis->campaigns[c].note);
  g_free (analysis->campaigns);
  g_strfreev (analysis->day_keys);
  hk_selection_free (analysis->selection);
  hk_filter_free (analysis->filter);
  g_object_unref (analysis->engine);
  g_free (analysis);
}

const HkSelection *
_hk_analysis_get_selection (HkAnalysis *analysis)
{
  return analysis->selection;
}

HkDataset *
hk_analysis_get_dataset (HkAnalysis *analysis)
{
  return analysis->engine->ds;
}

HkEngine *
hk_analysis_get_engine (HkAnalysis *analysis)
{
  return analysis->engine;
}

const HkFilter *
hk_analysis_get_filter (HkAnalysis *analysis)
{
  return analysis->filter;
}

const HkAnalysisOptions *
hk_analysis_get_options (HkAnalysis *analysis)
{
  return &analysis->options;
}

const HkMetrics *
hk_analysis_get_totals (HkAnalysis *analysis)
{
  return &analysis->totals;
}

double
hk_analysis_get_unallocated_spend (HkAnalysis *analysis)
{
  return analysis->unallocated;
}

guint
hk_analysis_get_n_groups (HkAnalysis  *analysis,
                          HkDimension  dim)
{
  g_return_val_if_fail (dim < HK_N_DIMS, 0);
  return analysis->groups[dim].n;
}

const HkMetrics *
hk_analysis_get_group (HkAnalysis  *analysis,
                       HkDimension  dim,
                       guint        group)
{
  g_return_val_if_fail (dim < HK_N_DIMS && group < analysis->groups[dim].n, NULL);
  return &analysis->groups[dim].metrics[group];
}

static HkPool
pool_of_dimension (HkDimension dim)
{
  g_return_val_if_fail (dim < HK_N_DIMS && hk_dimension_storage[dim].pool != HK_N_POOLS, HK_POOL_ID);
  return hk_dimension_storage[dim].pool;
}

const char *
hk_analysis_get_group_key (HkAnalysis  *analysis,
                           HkDimension  dim,
                           guint        group)
{
  HkDataset *ds = analysis->engine->ds;
  guint32 code;

  g_return_val_if_fail (dim < HK_N_DIMS && group < analysis->groups[dim].n, NULL);
  code = analysis->groups[dim].codes[group];
  switch (dim)
    {
    case HK_DIM_INFLUENCER: return hk_str_pool_get (ds->pools[HK_POOL_ID], ds->inf_id[code]);
    case HK_DIM_TIER: return hk_tier_name (code);
    case HK_DIM_DAY: return analysis->day_keys[group];
    case HK_DIM_PLATFORM:
    case HK_DIM_CATEGORY:
    case HK_DIM_PERSONA:
    case HK_DIM_GENDER:
    case HK_DIM_CITY:
    case HK_DIM_BRAND:
    case HK_DIM_PRODUCT:
    case HK_DIM_CAMPAIGN:
    case HK_DIM_SOURCE:
    case HK_N_DIMS:
    default:
      return hk_str_pool_get (ds->pools[pool_of_dimension (dim)], code);
    }
}

gint64
hk_analysis_get_group_index (HkAnalysis  *analysis,
                             HkDimension  dim,
                             guint        group)
{
  g_return_val_if_fail (dim < HK_N_DIMS && group < analysis->groups[dim].n, -1);
  if (dim == HK_DIM_DAY)
    return analysis->engine->ds->first_day + (gint64) analysis->groups[dim].codes[group];
  return analysis->groups[dim].codes[group];
}

gint
hk_analysis_find_influencer (HkAnalysis *analysis,
                             guint       influencer)
{
  g_return_val_if_fail (influencer < analysis->engine->ds->n_influencers, -1);
  return analysis->group_of_influencer[influencer];
}

guint
hk_analysis_get_n_top (HkAnalysis *analysis)
{
  return analysis->n_top;
}

guint
hk_analysis_get_top (HkAnalysis *analysis,
                     guint       i)
{
  g_return_val_if_fail (i < analysis->n_top, 0);
  return analysis->top[i];
}

guint
hk_analysis_get_n_poor (HkAnalysis *analysis)
{
  return analysis->n_poor;
}

guint
hk_analysis_get_poor (HkAnalysis *analysis,
                      guint       i)
{
  g_return_val_if_fail (i < analysis->n_poor, 0);
  return analysis->poor[i];
}

const char *
hk_analysis_get_iroas_label (HkAnalysis *analysis)
{
  return analysis->iroas_label;
}

gboolean
hk_analysis_get_iroas_interval (HkAnalysis *analysis,
                                double     *low,
                                double     *high)
{
  if (!analysis->has_interval)
    return FALSE;
  *low = analysis->iroas_low;
  *high = analysis->iroas_high;
  return TRUE;
}

double
hk_analysis_get_iroas_revenue (HkAnalysis *analysis,
                               guint8      method)
{
  switch (method)
    {
    case 0: return analysis->method_revenue[0];
    case HK_IROAS_USED_HOLDOUT: return analysis->method_revenue[1];
    case HK_IROAS_USED_PRE_PERIOD: return analysis->method_revenue[2];
    case HK_IROAS_USED_ASSUMED: return analysis->method_revenue[3];
    case HK_IROAS_USED_CALIBRATED: return analysis->method_revenue[4];
    default: g_return_val_if_reached (0);
    }
}

guint
hk_analysis_get_n_holdout_tests (HkAnalysis *analysis)
{
  return analysis->n_tests;
}

void
hk_analysis_get_holdout_test (HkAnalysis    *analysis,
                              guint          i,
                              HkHoldoutTest *test)
{
  g_return_if_fail (i < analysis->n_tests);
  *test = analysis->tests[i].test;
}

gboolean
hk_analysis_get_payout_info (HkAnalysis  *analysis,
                             guint        group,
                             const char **basis,
                             double      *rate,
                             double      *units)
{
  HkDataset *ds = analysis->engine->ds;
  const HkMetrics *m;
  guint i, first, last;
  gboolean mixed = FALSE, one_rate = TRUE;

  g_return_val_if_fail (group < analysis->groups[HK_DIM_INFLUENCER].n, FALSE);
  i = analysis->groups[HK_DIM_INFLUENCER].codes[group];
  m = &analysis->groups[HK_DIM_INFLUENCER].metrics[group];
  first = ds->pay_start[i];
  last = ds->pay_start[i + 1];
  if (first == last)
    return FALSE;
  for (guint p = first + 1; p < last; p++)
    {
      mixed |= ds->pay_basis[p] != ds->pay_basis[first];
      one_rate &= ds->pay_rate[p] == ds->pay_rate[first];
    }
  *basis = mixed ? "mixed" : ds->pay_basis[first] == HK_BASIS_POST ? "post" : "order";
  /* ₹24,000 a post over four payout rows is still one rate. */
  *rate = !mixed && one_rate ? ds->pay_rate[first] : NAN;
  *units = mixed ? NAN : ds->pay_basis[first] == HK_BASIS_POST ? m->posts : m->orders;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* The pass                                                                 */

typedef struct {
  const Ctx  *ctx;
  Acc         acc;
  const guint *influencers;
  guint        n;
  HkMetrics   *out;
} Part;

static gpointer
run_part (gpointer data)
{
  Part *part = data;

  for (guint k = 0; k < part->n; k++)
    _hk_analyze_influencer (part->ctx, &part->acc, part->influencers[k], &part->out[k]);
  return NULL;
}

typedef struct {
  HkAnalysis *analysis;
  HkDimension dim;
} KeyData;

static int
compare_keys (gconstpointer pa,
              gconstpointer pb,
              gpointer      data)
{
  KeyData *kd = data;
  HkDataset *ds = kd->analysis->engine->ds;
  HkPool pool = pool_of_dimension (kd->dim);

  return strcmp (hk_str_pool_get (ds->pools[pool], *(const guint32 *) pa),
                 hk_str_pool_get (ds->pools[pool], *(const guint32 *) pb));
}

/* Keeps the groups with revenue, orders or spend (days: also posts and rows),
 * in key order. */
static void
collect_groups (HkAnalysis      *analysis,
                HkDimension      dim,
                const HkMetrics *all,
                guint            n_values,
                const HkMetrics *lacking)
{
  Groups *g = &analysis->groups[dim];
  g_autofree guint32 *codes = g_new (guint32, MAX (1, n_values));
  guint n = 0;

  for (guint v = 0; v < n_values; v++)
    {
      const HkMetrics *m = &all[v];
      if (m->revenue != 0 || m->orders != 0 || m->spend != 0 ||
          (dim == HK_DIM_DAY && (m->posts > 0 || m->tracking_rows > 0)))
        codes[n++] = v;
    }
  if (dim != HK_DIM_DAY && dim != HK_DIM_TIER)
    {
      KeyData kd = { analysis, dim };
      g_qsort_with_data (codes, n, sizeof (guint32), compare_keys, &kd);
    }
  g->n = n;
  g->codes = g_memdup2 (codes, sizeof (guint32) * MAX (1, n));
  g->metrics = g_new (HkMetrics, MAX (1, n));
  for (guint k = 0; k < n; k++)
    {
      g->metrics[k] = all[codes[k]];
      if (lacking)
        {
          g->metrics[k].posts += lacking->posts;
          g->metrics[k].reach += lacking->reach;
          g->metrics[k].likes += lacking->likes;
          g->metrics[k].comments += lacking->comments;
        }
    }
  if (dim == HK_DIM_DAY)
    {
      analysis->day_keys = g_new0 (char *, n + 1);
      for (guint k = 0; k < n; k++)
        {
          analysis->day_keys[k] = g_malloc (HK_DATE_ISO_LEN);
          hk_date_format_iso (analysis->engine->ds->first_day + (gint32) codes[k], analysis->day_keys[k]);
        }
    }
}

/* A missing table's sums are undefined, never 0 (DESIGN.md §3). */
static void
metrics_mark_missing (HkMetrics *m,
                      gboolean   no_posts,
                      gboolean   no_payouts)
{
  if (no_posts)
    m->posts = m->reach = m->likes = m->comments = NAN;
  if (no_payouts)
    m->spend = m->incremental_spend = NAN;
}

static void
mark_missing_tables (HkAnalysis *analysis)
{
  HkDataset *ds = analysis->engine->ds;
  gboolean no_posts = !hk_dataset_has_table (ds, HK_TABLE_POSTS);
  gboolean no_payouts = !hk_dataset_has_table (ds, HK_TABLE_PAYOUTS);

  if (!no_posts && !no_payouts)
    return;
  metrics_mark_missing (&analysis->totals, no_posts, no_payouts);
  for (guint d = 0; d < HK_N_DIMS; d++)
    for (guint k = 0; k < analysis->groups[d].n; k++)
      metrics_mark_missing (&analysis->groups[d].metrics[k], no_posts, no_payouts);
  if (no_payouts)
    analysis->unallocated = NAN;
}

/* The filters and options as the aggregation reads them. */
static void
ctx_init (Ctx                     *ctx,
          HkEngine                *self,
          const HkFilter          *filter,
          const HkSelection       *sel,
          const HkAnalysisOptions *options)
{
  HkDataset *ds = self->ds;

  ctx->engine = self;
  ctx->ds = ds;
  ctx->filter = filter;
  ctx->options = *options;
  ctx->sel = sel; /* borrowed: the analysis keeps it */
  ctx->n_values[ROW_BRAND] = hk_str_pool_get_size (ds->pools[HK_POOL_BRAND]);
  ctx->n_values[ROW_PRODUCT] = hk_str_pool_get_size (ds->pools[HK_POOL_PRODUCT]);
  ctx->n_values[ROW_CAMPAIGN] = hk_str_pool_get_size (ds->pools[HK_POOL_CAMPAIGN]);
  ctx->n_values[ROW_SOURCE] = hk_str_pool_get_size (ds->pools[HK_POOL_SOURCE]);
  ctx->n_values[ROW_DAY] = self->n_days;
  for (guint d = 0; d < N_ROW_DIMS; d++)
    {
      if (options->row_dimensions & (1u << row_dimension (d)))
        ctx->row_dims |= 1 << d;
      if (ctx->row_dims & (1 << d) || d == ROW_BRAND)
        ctx->active[ctx->n_active++] = d;
    }
  /* Post spend needs the rows passing the filters of what posts lack. Brand
   * and campaign filters only matter where some post lacks them; the holdout
   * method needs to know which campaigns each post's revenue came from. */
  ctx->dynamic_shares = ctx->sel->allow[HK_DIM_PRODUCT] || ctx->sel->allow[HK_DIM_SOURCE] ||
                        ctx->sel->allow[HK_DIM_BRAND] || ctx->sel->allow[HK_DIM_CAMPAIGN] ||
                        options->method == HK_IROAS_HOLDOUT;
}

static void
ctx_clear (Ctx *ctx)
{
  g_free (ctx->k);
  g_free (ctx->method);
  g_free (ctx->revenue);
  g_free (ctx->clean_days);
  g_free (ctx->fell_back);
  g_free (ctx->pool);
  g_free (ctx->test_incremental);
  g_free (ctx->test_se);
  g_free (ctx->test_sums);
  g_free (ctx->pool_q);
  g_free (ctx->pool_se);
  g_free (ctx->pool_a);
}

/* What aggregating an influencer costs, about: its rows and posts. */
static inline guint64
influencer_work (const HkDataset *ds,
                 guint            i)
{
  return 16 + (ds->trk_start[i + 1] - ds->trk_start[i]) + (ds->post_start[i + 1] - ds->post_start[i]);
}

/* The influencers the influencer filters keep, into kept in file order; their
 * unallocated spend joins the analysis. Returns the work they make. */
static guint64
list_kept (const Ctx  *ctx,
           HkAnalysis *analysis,
           guint      *kept,
           guint      *n_kept)
{
  HkDataset *ds = ctx->ds;
  guint64 work = 0;

  for (guint i = 0; i < ds->n_influencers; i++)
    if (ctx->sel->keep[i])
      {
        kept[(*n_kept)++] = i;
        analysis->unallocated += ctx->engine->unallocated[i];
        work += influencer_work (ds, i);
      }
  return work;
}

/* Two parts with about equal rows; the second on its own thread. Returns the
 * number of parts, whose accumulators the caller clears. */
static guint
run_parts (const Ctx   *ctx,
           Part         parts[2],
           const guint *kept,
           guint        n_kept,
           guint64      work,
           HkMetrics   *inf_metrics)
{
  GThread *thread = NULL;
  guint64 half = 0;
  guint split, n_parts;

  split = n_kept;
  if (work > 20000)
    for (split = 0; split < n_kept && half < work / 2; split++)
      half += influencer_work (ctx->ds, kept[split]);
  n_parts = split < n_kept ? 2 : 1;
  for (guint p = 0; p < n_parts; p++)
    {
      parts[p].ctx = ctx;
      _hk_acc_init (&parts[p].acc, ctx);
      parts[p].influencers = p == 0 ? kept : kept + split;
      parts[p].n = p == 0 ? split : n_kept - split;
      parts[p].out = p == 0 ? inf_metrics : inf_metrics + split;
    }
  if (n_parts == 2)
    thread = g_thread_new ("hk-analyze", run_part, &parts[1]);
  run_part (&parts[0]);
  if (thread)
    g_thread_join (thread);
  return n_parts;
}

/* Merge the parts' row groups. */
static void
merge_row_groups (HkAnalysis *analysis,
                  const Ctx  *ctx,
                  Part       *parts,
                  guint       n_parts)
{
  for (guint d = 0; d < N_ROW_DIMS; d++)
    {
      if (!(ctx->row_dims & (1 << d)))
        continue;
      if (n_parts == 2)
        {
          for (guint v = 0; v < ctx->n_values[d]; v++)
            hk_metrics_add (&parts[0].acc.groups[d][v], &parts[1].acc.groups[d][v]);
          hk_metrics_add (&parts[0].acc.lacking[d], &parts[1].acc.lacking[d]);
        }
      collect_groups (analysis, row_dimension (d), parts[0].acc.groups[d], ctx->n_values[d],
                      d == ROW_DAY ? NULL : &parts[0].acc.lacking[d]);
    }
}

/* Under a row filter an influencer is part of the selection only through
 * a post, an attributed row or spend there. Returns how many remain. */
static guint
drop_absent_influencers (guint     *kept,
                         HkMetrics *inf_metrics,
                         guint      n_kept)
{
  guint n = 0;

  for (guint k = 0; k < n_kept; k++)
    {
      const HkMetrics *m = &inf_metrics[k];

      if (m->posts > 0 || m->tracking_rows > 0 || m->spend != 0)
        {
          kept[n] = kept[k];
          inf_metrics[n++] = *m;
        }
    }
  return n;
}

/* The parts' per-campaign revenue and days, merged into part 0's; clears
 * the parts' accumulators but part 0's campaign arrays, which the caller
 * takes. */
static void
merge_campaigns (HkEngine *self,
                 Part     *parts,
                 guint     n_parts,
                 double  **revenue,
                 gint32  **first)
{
  Acc *a0 = &parts[0].acc;

  for (guint c = 0; n_parts == 2 && c < self->n_campaigns; c++)
    {
      Acc *a1 = &parts[1].acc;

      a0->campaign_revenue[c] += a1->campaign_revenue[c];
      a0->campaign_first[c] = MIN (a0->campaign_first[c], a1->campaign_first[c]);
      a0->campaign_last[c] = MAX (a0->campaign_last[c], a1->campaign_last[c]);
    }
  /* The passes start first at G_MAXINT32: a campaign with no row has none. */
  for (guint c = 0; c < self->n_campaigns; c++)
    if (a0->campaign_first[c] == G_MAXINT32)
      a0->campaign_first[c] = HK_DAY_NONE;
  *revenue = g_steal_pointer (&a0->campaign_revenue);
  *first = g_steal_pointer (&a0->campaign_first);
  for (guint p = 0; p < n_parts; p++)
    _hk_acc_clear (&parts[p].acc);
}

/* Influencers, their attribute groups and the totals; takes inf_metrics. */
static void
influencer_groups (HkAnalysis  *analysis,
                   const guint *kept,
                   guint        n_kept,
                   HkMetrics   *inf_metrics)
{
  HkDataset *ds = analysis->engine->ds;

  analysis->groups[HK_DIM_INFLUENCER].n = n_kept;
  analysis->groups[HK_DIM_INFLUENCER].codes = g_memdup2 (kept, sizeof (guint) * MAX (1, n_kept));
  analysis->groups[HK_DIM_INFLUENCER].metrics = inf_metrics;
  analysis->group_of_influencer = g_new (gint, MAX (1, ds->n_influencers));
  for (guint i = 0; i < ds->n_influencers; i++)
    analysis->group_of_influencer[i] = -1;
  for (guint k = 0; k < n_kept; k++)
    {
      analysis->group_of_influencer[kept[k]] = k;
      hk_metrics_add (&analysis->totals, &analysis->groups[HK_DIM_INFLUENCER].metrics[k]);
    }
  for (HkDimension dim = 0; dim < HK_N_DIMS; dim++)
    {
      guint n_values;
      g_autofree HkMetrics *all = NULL;

      if (hk_dimension_storage[dim].inf_codes == 0 && dim != HK_DIM_TIER)
        continue;
      n_values = dim == HK_DIM_TIER ? HK_N_TIERS : hk_str_pool_get_size (ds->pools[hk_dimension_storage[dim].pool]);
      all = g_new0 (HkMetrics, MAX (1, n_values));
      for (guint k = 0; k < n_kept; k++)
        {
          guint i = kept[k];
          guint32 v = dim == HK_DIM_TIER ? ds->inf_tier[i] : HK_DIMENSION_INF_CODES (ds, dim)[i];
          hk_metrics_add (&all[v], &analysis->groups[HK_DIM_INFLUENCER].metrics[k]);
        }
      collect_groups (analysis, dim, all, n_values, NULL);
    }
}

HkAnalysis *
hk_engine_analyze (HkEngine                *self,
                   const HkFilter          *filter,
                   const HkAnalysisOptions *options)
{
  HkDataset *ds;
  HkAnalysis *analysis;
  Ctx ctx = { 0 };
  Part parts[2];
  g_autofree guint *kept = NULL;
  g_autofree HkMetrics *inf_metrics = NULL;
  g_autofree double *campaign_revenue = NULL;
  g_autofree gint32 *campaign_first = NULL;
  guint n_kept = 0, n_parts;
  guint64 work;
  g_return_val_if_fail (HK_IS_ENGINE (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  ds = self->ds;
  analysis = g_new0 (HkAnalysis, 1);
  g_atomic_ref_count_init (&analysis->ref_count);
  analysis->engine = g_object_ref (self);
  analysis->filter = hk_filter_copy (filter);
  if (options)
    analysis->options = *options;
  else
    hk_analysis_options_init (&analysis->options);

  analysis->selection = hk_selection_new (ds, filter);
  ctx_init (&ctx, self, filter, analysis->selection, &analysis->options);
  _hk_incrementality (&ctx, analysis);

  kept = g_new (guint, MAX (1, ds->n_influencers));
  work = list_kept (&ctx, analysis, kept, &n_kept);
  inf_metrics = g_new (HkMetrics, MAX (1, n_kept));
  n_parts = run_parts (&ctx, parts, kept, n_kept, work, inf_metrics);

  merge_row_groups (analysis, &ctx, parts, n_parts);
  /* The parts' brand mixes in influencer order, for the score. */
  analysis->brand_mix = g_steal_pointer (&parts[0].acc.brand_mix);
  if (n_parts == 2)
    g_array_append_vals (analysis->brand_mix, parts[1].acc.brand_mix->data, parts[1].acc.brand_mix->len);
  if (ctx.sel->row_filter)
    n_kept = drop_absent_influencers (kept, inf_metrics, n_kept);
  merge_campaigns (self, parts, n_parts, &campaign_revenue, &campaign_first);
  influencer_groups (analysis, kept, n_kept, g_steal_pointer (&inf_metrics));
  _hk_incrementality_finish (&ctx, analysis, campaign_revenue, campaign_first,
                             campaign_first + MAX (1, self->n_campaigns));

  mark_missing_tables (analysis);
  _hk_score_influencers (analysis);
  g_clear_pointer (&analysis->brand_mix, g_array_unref);
  _hk_rank_influencers (analysis);

  ctx_clear (&ctx);
  return analysis;
}
