/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hk-analysis.h"
#include "hk-date.h"
#include "hk-engine-private.h"

/* Incrementality (DESIGN.md §3; docs/metrics.md): the part of each
 * campaign's attributed revenue that an iROAS method credits. One function a
 * method: use_holdout_test(), estimate_pre_period(), use_share() (assumed or
 * calibrated); choose_methods() is auto and the others' dispatch. Before the
 * pass each campaign gets k, its incremental revenue per rupee of attributed
 * revenue in the selection; after it, _hk_incrementality_finish() says what
 * each method covered of the selection actually shown, with its interval. */

#define Z95 1.96

/* Attributed revenue of each campaign in rows first … last - 1 passing the
 * row filters, into revenue. Only the filtered columns are read: this pass
 * streams over every attributed row before the aggregation can start. */
static void
revenue_of_rows (const Ctx *ctx,
                 guint      first,
                 guint      last,
                 double    *revenue)
{
  const HkDataset *ds = ctx->ds;
  const HkSelection *sel = ctx->sel;
  const guint8 *brand = sel->allow[HK_DIM_BRAND], *product = sel->allow[HK_DIM_PRODUCT];
  const guint8 *campaign = sel->allow[HK_DIM_CAMPAIGN], *source = sel->allow[HK_DIM_SOURCE];
  gboolean dates = sel->range_span != G_MAXUINT32;

  for (guint r = first; r < last; r++)
    {
      guint32 c = ds->trk_campaign[r];

      if ((brand && !brand[ds->trk_brand[r]]) || (campaign && !campaign[c]) ||
          (dates && !hk_selection_keeps_day (sel, ds->trk_date[r])) ||
          (product && !product[ds->trk_product[r]]) || (source && !source[ds->trk_source[r]]))
        continue;
      revenue[c] += ds->trk_revenue[r];
    }
}

typedef struct {
  const Ctx *ctx;
  guint      first, last;
  double    *revenue;
} RevenuePart;

static gpointer
revenue_part (gpointer data)
{
  RevenuePart *part = data;

  revenue_of_rows (part->ctx, part->first, part->last, part->revenue);
  return NULL;
}

/* Attributed revenue of each campaign in the selection, every influencer:
 * what a campaign's incremental revenue is shared over. Large datasets take
 * both cores: the second half of the rows on a thread. */
static void
selection_revenue (Ctx *ctx)
{
  HkDataset *ds = ctx->ds;
  guint n = MAX (1, ctx->engine->n_campaigns);
  guint attributed = ds->trk_start[ds->n_influencers];
  g_autofree double *second = NULL;
  RevenuePart part = { ctx, attributed / 2, attributed, NULL };
  GThread *thread = NULL;

  if (!ctx->sel->row_filter)
    {
      memcpy (ctx->revenue, ctx->engine->campaign_attributed, sizeof (double) * ctx->engine->n_campaigns);
      return;
    }
  if (attributed < 200000)
    {
      revenue_of_rows (ctx, 0, attributed, ctx->revenue);
      return;
    }
  part.revenue = second = g_new0 (double, n);
  thread = g_thread_new ("hk-revenue", revenue_part, &part);
  revenue_of_rows (ctx, 0, part.first, ctx->revenue);
  g_thread_join (thread);
  for (guint c = 0; c < n; c++)
    ctx->revenue[c] += second[c];
}

static inline const HoldoutTest *
test_of (const Ctx *ctx,
         guint      c)
{
  gint t = ctx->engine->campaign_test[c];

  return t >= 0 ? &g_array_index (ctx->engine->tests, HoldoutTest, t) : NULL;
}

/* Calibration reads the valid tests over the whole dataset, whatever the
 * filters: the share means the same under a brand filter. Pool b: the tests
 * of brand b; pool n_brands: every test. q = Σ incremental ÷ Σ attributed. */
static void
calibrate (Ctx *ctx)
{
  HkEngine *engine = ctx->engine;
  guint n_brands = hk_str_pool_get_size (ctx->ds->pools[HK_POOL_BRAND]);
  g_autofree double *sum_i = g_new0 (double, n_brands + 1);
  g_autofree double *sum_a = g_new0 (double, n_brands + 1);
  g_autofree double *sum_v = g_new0 (double, n_brands + 1);

  ctx->n_pools = n_brands + 1;
  ctx->pool_q = g_new (double, ctx->n_pools);
  ctx->pool_se = g_new (double, ctx->n_pools);
  ctx->pool_a = g_new (double, ctx->n_pools);
  for (guint i = 0; i < engine->tests->len; i++)
    {
      const HoldoutTest *t = &g_array_index (engine->tests, HoldoutTest, i);
      guint pools[2] = { t->brand, n_brands };

      if (t->status != TEST_VALID)
        continue;
      for (guint k = 0; k < 2; k++)
        {
          sum_i[pools[k]] += t->incremental;
          sum_a[pools[k]] += t->attributed;
          sum_v[pools[k]] += t->se * t->se;
        }
    }
  for (guint p = 0; p < ctx->n_pools; p++)
    {
      ctx->pool_a[p] = sum_a[p];
      ctx->pool_q[p] = sum_a[p] > 0 ? sum_i[p] / sum_a[p] : NAN;
      ctx->pool_se[p] = sum_a[p] > 0 ? sqrt (sum_v[p]) / sum_a[p] : NAN;
    }
}

/* Method 3: the organic share, calibrated from the tests where they allow
 * (the brand's own, else all of them), else assumed. */
static void
use_share (Ctx      *ctx,
           guint     c,
           gboolean  calibrate_it)
{
  guint n_brands = ctx->n_pools - 1;
  guint32 b = ctx->engine->campaign_brand[c];
  gint pool = !calibrate_it ? -1 : !isnan (ctx->pool_q[b]) ? (gint) b :
              !isnan (ctx->pool_q[n_brands]) ? (gint) n_brands : -1;

  ctx->pool[c] = pool;
  if (pool >= 0)
    {
      ctx->k[c] = ctx->pool_q[pool];
      ctx->method[c] = HK_IROAS_USED_CALIBRATED;
    }
  else
    {
      ctx->k[c] = 1 - ctx->options.organic_share;
      ctx->method[c] = HK_IROAS_USED_ASSUMED;
    }
}

/* Method 1: a campaign's valid holdout test, as the selection's product and
 * date filters see it, spread over its attributed revenue. */
static gboolean
use_holdout_test (Ctx   *ctx,
                  guint  c)
{
  gint t = ctx->engine->campaign_test[c];

  if (t < 0 || c == 0 || test_of (ctx, c)->status != TEST_VALID)
    return FALSE;
  ctx->k[c] = ctx->revenue[c] != 0 ? ctx->test_incremental[t] / ctx->revenue[c] : 0;
  ctx->method[c] = HK_IROAS_USED_HOLDOUT;
  return TRUE;
}

/* What the pre-period reads: each brand's revenue a day (every row but
 * orphans, within the product filter), how many of its campaigns run each
 * day, and each campaign's weight (its attributed revenue a day of its
 * period) for sharing a day among concurrent campaigns. */
typedef struct {
  guint   n_days;
  double *daily;     /* brand × day */
  double *weights;   /* brand × day: Σ weight of the campaigns running */
  guint16 *running;  /* brand × day */
  double *weight;    /* per campaign */
} PrePeriod;

static void
pre_period_init (Ctx       *ctx,
                 PrePeriod *pp)
{
  HkEngine *engine = ctx->engine;
  HkDataset *ds = ctx->ds;
  guint n_brands = ctx->n_pools - 1;
  guint attributed = ds->trk_start[ds->n_influencers];
  guint kept = ds->trk_start[ds->n_influencers + 1];
  gsize cells = (gsize) n_brands * engine->n_days;

  pp->n_days = engine->n_days;
  pp->daily = g_new0 (double, MAX (1, cells));
  pp->weights = g_new0 (double, MAX (1, cells));
  pp->running = g_new0 (guint16, MAX (1, cells));
  pp->weight = g_new0 (double, MAX (1, engine->n_campaigns));
  for (guint r = 0; r < kept; r++)
    if (allows (ctx, ROW_PRODUCT, ds->trk_product[r]))
      {
        pp->daily[(gsize) ds->trk_brand[r] * pp->n_days + (ds->trk_date[r] - ds->first_day)] += ds->trk_revenue[r];
        if (r < attributed)
          pp->weight[ds->trk_campaign[r]] += ds->trk_revenue[r];
      }
  for (guint c = 1; c < engine->n_campaigns; c++)
    {
      gint32 first = engine->campaign_first[c], last = engine->campaign_last[c];
      gsize row = (gsize) engine->campaign_brand[c] * pp->n_days;

      if (first == HK_DAY_NONE)
        continue;
      pp->weight[c] /= last - first + 1;
      for (gint32 d = first; d <= last; d++)
        {
          pp->running[row + (d - ds->first_day)]++;
          pp->weights[row + (d - ds->first_day)] += pp->weight[c];
        }
    }
}

static void
pre_period_clear (PrePeriod *pp)
{
  g_free (pp->daily);
  g_free (pp->weights);
  g_free (pp->running);
  g_free (pp->weight);
}

/* Method 2: the brand's revenue a day on the N clean days (no campaign of the
 * brand running) nearest before the campaign's start, looking back up to 4N
 * days; each of the campaign's days in the selection, its share of the
 * brand's revenue above that. FALSE (and the share takes over) under N/2
 * clean days. */
static gboolean
estimate_pre_period (Ctx             *ctx,
                     const PrePeriod *pp,
                     guint            c)
{
  HkEngine *engine = ctx->engine;
  HkDataset *ds = ctx->ds;
  guint n = ctx->options.pre_period_days;
  gint32 start = engine->campaign_first[c], end = engine->campaign_last[c];
  gsize row = (gsize) engine->campaign_brand[c] * pp->n_days;
  gint32 lookback = MAX ((gint64) start - 4 * (gint64) n, ds->first_day);
  double sum = 0, baseline, incremental = 0;
  guint clean = 0;
  gint32 d0, d1;

  for (gint32 d = start - 1; d >= lookback && clean < n; d--)
    if (pp->running[row + (d - ds->first_day)] == 0)
      {
        sum += pp->daily[row + (d - ds->first_day)];
        clean++;
      }
  ctx->clean_days[c] = clean;
  if (2 * clean < n)
    {
      ctx->fell_back[c] = TRUE;
      return FALSE;
    }
  baseline = sum / clean;
  d0 = ctx->sel->first_day == HK_DAY_NONE ? start : MAX (start, ctx->sel->first_day);
  d1 = ctx->sel->last_day == HK_DAY_NONE ? end : MIN (end, ctx->sel->last_day);
  for (gint32 d = d0; d <= d1; d++)
    {
      gsize i = row + (d - ds->first_day);
      double share = pp->weights[i] > 0 && pp->weight[c] > 0 ? pp->weight[c] / pp->weights[i]
                     : pp->weights[i] > 0 ? 0 : 1.0 / pp->running[i];

      incremental += (pp->daily[i] - baseline) * share;
    }
  ctx->k[c] = ctx->revenue[c] != 0 ? incremental / ctx->revenue[c] : 0;
  ctx->method[c] = HK_IROAS_USED_PRE_PERIOD;
  return TRUE;
}

/* Each campaign's method. Rows with no campaign (c = 0) are no campaign: the
 * organic share, under every method but holdout. */
static void
choose_methods (Ctx *ctx)
{
  HkEngine *engine = ctx->engine;
  HkIroasMethod method = ctx->options.method;
  PrePeriod pp = { 0 };

  if (method == HK_IROAS_PRE_PERIOD && engine->n_days > 0)
    pre_period_init (ctx, &pp);
  for (guint c = 0; c < engine->n_campaigns; c++)
    switch (method)
      {
      case HK_IROAS_HOLDOUT:
        use_holdout_test (ctx, c);
        break;
      case HK_IROAS_PRE_PERIOD:
        if (c == 0 || engine->n_days == 0 || engine->campaign_first[c] == HK_DAY_NONE ||
            !estimate_pre_period (ctx, &pp, c))
          use_share (ctx, c, TRUE);
        break;
      case HK_IROAS_ASSUMED:
        use_share (ctx, c, FALSE);
        break;
      case HK_IROAS_AUTO:
      default:
        if (!use_holdout_test (ctx, c))
          use_share (ctx, c, TRUE);
        break;
      }
  if (pp.daily)
    pre_period_clear (&pp);
  /* Spend with no campaign (posts without one, unallocated payouts). */
  ctx->unallocated_method = method == HK_IROAS_HOLDOUT ? 0 :
                            method == HK_IROAS_PRE_PERIOD && engine->n_days > 0 ? HK_IROAS_USED_PRE_PERIOD :
                            method != HK_IROAS_ASSUMED && !isnan (ctx->pool_q[ctx->n_pools - 1]) ?
                            HK_IROAS_USED_CALIBRATED : HK_IROAS_USED_ASSUMED;
}

void
_hk_incrementality (Ctx        *ctx,
                    HkAnalysis *analysis)
{
  HkEngine *engine = ctx->engine;
  guint n = MAX (1, engine->n_campaigns), n_tests = MAX (1, engine->tests->len);

  ctx->k = g_new0 (double, n);
  ctx->method = g_new0 (guint8, n);
  ctx->revenue = g_new0 (double, n);
  ctx->clean_days = g_new0 (guint16, n);
  ctx->fell_back = g_new0 (guint8, n);
  ctx->pool = g_new (gint, n);
  ctx->test_incremental = g_new0 (double, n_tests);
  ctx->test_se = g_new0 (double, n_tests);
  ctx->test_sums = g_new0 (HoldoutSums, n_tests);

  selection_revenue (ctx);
  calibrate (ctx);
  if (engine->tests->len > 0)
    _hk_holdout_sum (engine, ctx->sel, ctx->test_sums);
  for (guint t = 0; t < engine->tests->len; t++)
    _hk_holdout_estimate (&ctx->test_sums[t], &ctx->test_incremental[t], &ctx->test_se[t]);
  for (guint c = 0; c < n; c++)
    ctx->pool[c] = -1;
  choose_methods (ctx);
}

/* ------------------------------------------------------------------------ */
/* After the pass                                                           */

static guint
method_index (guint8 method)
{
  return method == HK_IROAS_USED_HOLDOUT ? 1 : method == HK_IROAS_USED_PRE_PERIOD ? 2 :
         method == HK_IROAS_USED_ASSUMED ? 3 : method == HK_IROAS_USED_CALIBRATED ? 4 : 0;
}

/* The tests as the selection sees them: those whose campaign and brand the
 * selection's filters allow, valid or not. */
static void
list_tests (const Ctx  *ctx,
            HkAnalysis *analysis)
{
  HkEngine *engine = ctx->engine;

  analysis->tests = g_new0 (TestResult, MAX (1, engine->tests->len));
  for (guint i = 0; i < engine->tests->len; i++)
    {
      const HoldoutTest *t = &g_array_index (engine->tests, HoldoutTest, i);
      const HoldoutSums *s = &ctx->test_sums[i];
      TestResult *tr;
      double inc = ctx->test_incremental[i], se = ctx->test_se[i];
      gboolean valid = t->status == TEST_VALID;

      if (!allows (ctx, ROW_CAMPAIGN, t->campaign) || !allows (ctx, ROW_BRAND, t->brand))
        continue;
      tr = &analysis->tests[analysis->n_tests++];
      tr->index = i;
      tr->test = (HkHoldoutTest) {
        t->name, t->exposed_users, t->holdout_users, s->revenue[0], s->revenue[1],
        valid ? inc : NAN, valid ? inc - Z95 * se : NAN, valid ? inc + Z95 * se : NAN,
        s->buyers[0], s->buyers[1], t->excluded, valid, valid && s->buyers[1] < 30, t->note,
      };
    }
}

/* A campaign's interval of incremental revenue in what is shown, and its note. */
static void
campaign_interval (const Ctx      *ctx,
                   guint           c,
                   CampaignResult *cr)
{
  const HoldoutTest *t = test_of (ctx, c);
  double inc = ctx->k[c] * cr->revenue, half = NAN;
  guint n_brands = ctx->n_pools - 1;

  switch (cr->method)
    {
    case HK_IROAS_USED_HOLDOUT:
      half = ctx->revenue[c] != 0 ? Z95 * ctx->test_se[ctx->engine->campaign_test[c]] *
                                    fabs (cr->revenue / ctx->revenue[c]) : 0;
      cr->note = g_strdup (t->note);
      break;
    case HK_IROAS_USED_CALIBRATED:
      half = Z95 * ctx->pool_se[ctx->pool[c]] * fabs (cr->revenue);
      cr->note = ctx->pool[c] == (gint) n_brands
                 ? g_strdup_printf (_("Calibrated organic share %.0f%% from the holdout tests of all brands"),
                                    100 * (1 - ctx->pool_q[ctx->pool[c]]))
                 : g_strdup_printf (_("Calibrated organic share %.0f%% from %s's holdout tests"),
                                    100 * (1 - ctx->pool_q[ctx->pool[c]]),
                                    hk_str_pool_get (ctx->ds->pools[HK_POOL_BRAND], ctx->pool[c]));
      break;
    case HK_IROAS_USED_PRE_PERIOD:
      cr->note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Pre-period baseline on %u clean day",
                                               "Pre-period baseline on %u clean days", ctx->clean_days[c]),
                                  ctx->clean_days[c]);
      break;
    default:
      break;
    }
  if (ctx->fell_back[c] && cr->method)
    {
      char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Pre-period: %u clean day of the %u needed, fell back to the organic share; %s",
                                                 "Pre-period: %u clean days of the %u needed, fell back to the organic share; %s",
                                                 ctx->clean_days[c]),
                                    ctx->clean_days[c], ctx->options.pre_period_days,
                                    cr->note ? cr->note : _("assumed"));
      g_free (cr->note);
      cr->note = note;
    }
  else if (t && t->status != TEST_VALID && cr->note == NULL)
    cr->note = g_strdup (t->note);
  else if (t && t->status != TEST_VALID)
    {
      char *note = g_strdup_printf ("%s. %s", t->note, cr->note);
      g_free (cr->note);
      cr->note = note;
    }
  cr->low = isnan (half) ? NAN : inc - half;
  cr->high = isnan (half) ? NAN : inc + half;
}

/* The selection's interval: every test's error, through the campaigns it
 * measures and the shares it calibrates (the same test in both: added, not
 * independent). NAN unless every rupee covered has an interval. */
static void
selection_interval (const Ctx  *ctx,
                    HkAnalysis *analysis)
{
  HkEngine *engine = ctx->engine;
  g_autofree double *pool_revenue = g_new0 (double, ctx->n_pools);
  guint n_brands = ctx->n_pools - 1;
  double var = 0;
  const HkMetrics *m = &analysis->totals;
  const double *by_method = analysis->method_revenue;

  if (by_method[method_index (HK_IROAS_USED_ASSUMED)] != 0 || by_method[method_index (HK_IROAS_USED_PRE_PERIOD)] != 0 ||
      (by_method[method_index (HK_IROAS_USED_HOLDOUT)] == 0 && by_method[method_index (HK_IROAS_USED_CALIBRATED)] == 0) ||
      !(m->incremental_spend > 0))
    return;
  for (guint c = 0; c < engine->n_campaigns; c++)
    if (ctx->pool[c] >= 0 && analysis->campaigns[c].method == HK_IROAS_USED_CALIBRATED)
      pool_revenue[ctx->pool[c]] += analysis->campaigns[c].revenue;
  for (guint i = 0; i < engine->tests->len; i++)
    {
      const HoldoutTest *t = &g_array_index (engine->tests, HoldoutTest, i);
      double a = 0, b = 0;

      if (t->status != TEST_VALID)
        continue;
      if (analysis->campaigns[t->campaign].method == HK_IROAS_USED_HOLDOUT && ctx->revenue[t->campaign] != 0)
        a = ctx->test_se[i] * fabs (analysis->campaigns[t->campaign].revenue / ctx->revenue[t->campaign]);
      /* A calibrated campaign's incremental revenue is q × its revenue,
       * q = Σ incremental ÷ Σ attributed of its pool's tests. */
      for (guint k = 0; k < 2; k++)
        {
          guint p = k == 0 ? t->brand : n_brands;

          if (pool_revenue[p] != 0 && ctx->pool_a[p] > 0)
            b += t->se * fabs (pool_revenue[p]) / ctx->pool_a[p];
        }
      var += (a + b) * (a + b);
    }
  analysis->has_interval = TRUE;
  analysis->iroas_low = _hk_metrics_per_spend (m->incremental_revenue - Z95 * sqrt (var), m->incremental_spend);
  analysis->iroas_high = _hk_metrics_per_spend (m->incremental_revenue + Z95 * sqrt (var), m->incremental_spend);
}

/* "41%" or "35%–48%": the calibrated shares or clean days a label covers. */
static char *
format_range (double lo,
              double hi,
              gboolean percent)
{
  const char *unit = percent ? "%" : "";

  if (lo == hi || isnan (lo))
    return g_strdup_printf ("%.0f%s", hi, unit);
  return g_strdup_printf ("%.0f%s–%.0f%s", lo, unit, hi, unit);
}

static char *
format_part (const HkAnalysis *analysis,
             guint8            method)
{
  double total = 0, part = analysis->method_revenue[method_index (method)];

  /* Of all the revenue shown, covered or not. */
  for (guint i = 0; i < G_N_ELEMENTS (analysis->method_revenue); i++)
    total += fabs (analysis->method_revenue[i]);
  return g_strdup_printf ("%.0f%%", total > 0 ? 100 * fabs (part) / total : 0);
}

typedef struct {
  guint  n;           /* campaigns with revenue shown */
  double lo, hi;      /* calibrated share in %, or clean days */
} LabelStats;

/* What the label says of each method, over the campaigns with revenue in
 * what is shown. */
static void
label_stats (const Ctx        *ctx,
             const HkAnalysis *analysis,
             LabelStats        stats[5],
             guint            *n_fell_back)
{
  for (guint i = 0; i < 5; i++)
    stats[i] = (LabelStats) { 0, NAN, NAN };
  *n_fell_back = 0;
  for (guint c = 0; c < ctx->engine->n_campaigns; c++)
    {
      const CampaignResult *cr = &analysis->campaigns[c];
      LabelStats *st = &stats[method_index (cr->method)];
      double v = cr->method == HK_IROAS_USED_CALIBRATED ? 100 * (1 - ctx->pool_q[ctx->pool[c]]) :
                 cr->method == HK_IROAS_USED_PRE_PERIOD ? ctx->clean_days[c] : 0;

      if (cr->revenue == 0 || cr->method == 0)
        continue;
      st->n += c != 0;
      st->lo = isnan (st->lo) ? v : MIN (st->lo, v);
      st->hi = isnan (st->hi) ? v : MAX (st->hi, v);
      *n_fell_back += c != 0 && ctx->fell_back[c];
    }
}

/* The method requested and what it came to over the selection shown, e.g.
 * "Auto: holdout test for 1 campaign (7% of revenue); calibrated organic
 * share 41% (93%)". */
static char *
iroas_label (const Ctx  *ctx,
             HkAnalysis *analysis)
{
  const HkAnalysisOptions *o = &ctx->options;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  LabelStats st[5];
  guint n_fell_back;

  label_stats (ctx, analysis, st, &n_fell_back);
  if (st[1].n > 0)
    {
      g_autofree char *pc = format_part (analysis, HK_IROAS_USED_HOLDOUT);
      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "holdout test for %u campaign (%s of revenue)",
                                                            "holdout tests for %u campaigns (%s of revenue)",
                                                            st[1].n), st[1].n, pc));
    }
  if (!isnan (st[2].hi))
    {
      g_autofree char *pc = format_part (analysis, HK_IROAS_USED_PRE_PERIOD);
      g_autofree char *days = format_range (st[2].lo, st[2].hi, FALSE);
      g_ptr_array_add (parts, g_strdup_printf (_("baseline on %s clean days (%s of revenue)"), days, pc));
    }
  if (n_fell_back > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u campaign with too few clean days uses the organic share",
                                                          "%u campaigns with too few clean days use the organic share",
                                                          n_fell_back), n_fell_back));
  if (!isnan (st[4].hi))
    {
      g_autofree char *pc = format_part (analysis, HK_IROAS_USED_CALIBRATED);
      g_autofree char *share = format_range (st[4].lo, st[4].hi, TRUE);
      g_ptr_array_add (parts, g_strdup_printf (_("organic share %s calibrated on the holdout tests (%s of revenue)"),
                                               share, pc));
    }
  if (!isnan (st[3].hi))
    {
      g_autofree char *pc = format_part (analysis, HK_IROAS_USED_ASSUMED);
      g_ptr_array_add (parts, g_strdup_printf (_("assumed organic share %g%% (%s of revenue)"),
                                               o->organic_share * 100, pc));
    }
  if (parts->len == 0)
    g_ptr_array_add (parts, g_strdup (o->method == HK_IROAS_HOLDOUT
                                      ? _("no campaign in the selection has a valid holdout test")
                                      : _("no attributed revenue in the selection")));
  else if (!isnan (st[3].hi) || !isnan (st[2].hi))
    g_ptr_array_add (parts, g_strdup (_("no interval: part of it rests on an assumption")));
  g_ptr_array_add (parts, NULL);
  /* Translators: between the parts of the iROAS label */
  joined = g_strjoinv (_("; "), (char **) parts->pdata);
  switch (o->method)
    {
    case HK_IROAS_HOLDOUT:
      return g_strdup_printf (_("Holdout only: %s; other campaigns have no iROAS"), joined);
    case HK_IROAS_PRE_PERIOD:
      return g_strdup_printf (_("Pre-period: %s"), joined);
    case HK_IROAS_ASSUMED:
      return g_strdup_printf (_("Assumed organic share %g%%"), o->organic_share * 100);
    case HK_IROAS_AUTO:
    default:
      return g_strdup_printf (_("Auto: %s"), joined);
    }
}

void
_hk_incrementality_finish (Ctx          *ctx,
                           HkAnalysis   *analysis,
                           const double *campaign_revenue,
                           const gint32 *campaign_first,
                           const gint32 *campaign_last)
{
  HkEngine *engine = ctx->engine;

  analysis->campaigns = g_new0 (CampaignResult, MAX (1, engine->n_campaigns));
  for (guint c = 0; c < engine->n_campaigns; c++)
    {
      CampaignResult *cr = &analysis->campaigns[c];

      cr->revenue = campaign_revenue[c];
      cr->first_day = campaign_first[c];
      cr->last_day = campaign_last[c];
      cr->method = ctx->method[c];
      analysis->method_revenue[method_index (cr->method)] += cr->revenue;
      campaign_interval (ctx, c, cr);
    }
  list_tests (ctx, analysis);
  selection_interval (ctx, analysis);
  analysis->iroas_label = iroas_label (ctx, analysis);
}
