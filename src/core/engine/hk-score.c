/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hk-analysis.h"
#include "hk-engine-private.h"
#include "hk-format.h"
#include "hk-halves.h"

/* Score and decision (DESIGN.md §3, docs/metrics.md): each influencer's ROAS
 * as its evidence supports it, by empirical Bayes. Peers are the influencers
 * of the same follower tier and platform paid the same way (the platform's,
 * then the family's every influencer, when fewer than MIN_PEERS); each
 * group's spread is fitted by the method of moments, and an influencer's own
 * figures move its estimate away from what is expected of it as far as they
 * are precise.
 *
 * Baskets: a brand's products cost what they cost, so an influencer's
 *   expected revenue per order b is its orders at their brands' revenue per
 *   order (over the selection's rows). One purchase is one basket (its units
 *   are one product).
 * Paid per post (or mixed): what varies is how many orders a rupee brings.
 *   orders ~ Poisson(θ × e) with a variance PHI times the Poisson's (orders
 *   come in bursts), where e is what its peers would have brought with its
 *   reach (their orders per reached user; per rupee without reach) and
 *   θ ~ Gamma(α, β) among peers, or with weight ROBUST_WEIGHT a broad Gamma
 *   of the same mean;
 *   revenue per order A ~ Normal(b, (BASKET_SPREAD b)²); the mean basket of
 *   n purchases ~ Normal(A, (BASKET_NOISE b)² ÷ n).
 *   ROAS = θ × e ÷ spend × A. Both posteriors are conjugate (θ's a mixture of
 *   two Gammas); their product is summarised on the log scale as a normal
 *   (digamma and trigamma for a Gamma's log).
 * Paid per order: spend follows orders, so ROAS is revenue per order over
 *   the known rate per order, and only baskets are noise: log (basket ÷ b) ~
 *   Normal(δ, c² ÷ (n + ½)) around the influencer's δ ~ Normal(m, τ²) among
 *   peers (c² = ORDERS_C2, n its purchases), τ² by DerSimonian–Laird (at
 *   least BASKET_SPREAD²). A commission's ROAS is 1 ÷ its rate: its score,
 *   exactly.
 * Nothing iterates: a few passes over the influencers and one over their
 * rows, no random numbers. */

#define MIN_PEERS     10     /* fewer influencers in a group: the next wider group's fit */
#define Z90           1.6448536269514722
#define P_DECIDE      0.8
#define PHI           2.0    /* orders' variance over the Poisson's (bench/README.md) */
#define BASKET_SPREAD 0.35   /* coefficient of variation of influencers' mean baskets */
#define BASKET_NOISE  1.0    /* of one purchase's basket */
#define ORDERS_C2     0.5    /* variance of log basket per purchase, paid per order */
#define COMMISSION_C2 1e-4   /* the same for a commission: rounding only */
#define ROBUST_WEIGHT 0.1    /* share of influencers that may be unlike their peers */
#define ROBUST_ALPHA  0.5    /* their Gamma's shape: spread √2 times the mean */

/* How an influencer is paid decides its model. */
enum { FAM_UNITS, FAM_ORDERS, N_FAMILIES };

/* Peer groups, each within a family: tier × platform, platform, every
 * influencer. */
enum { LEVEL_CELL, LEVEL_PLATFORM, LEVEL_FAMILY, N_LEVELS };

typedef struct {
  double alpha, beta;  /* FAM_UNITS: Gamma prior of orders over expected */
  double m, t2;        /* FAM_ORDERS: Normal prior of log basket over expected */
} Prior;

typedef struct {
  double spend, orders, revenue, reach;
  double expected;     /* FAM_UNITS: orders its peers would have brought */
  double basket;       /* what its orders would be worth at their brands' baskets */
  double draws;        /* independent baskets its orders hold: its purchases */
  double breakeven;
  double y, v;         /* FAM_ORDERS: log basket over expected, its noise variance */
  guint  cell[N_LEVELS];  /* its peer groups, narrowest first */
  guint  peers;        /* the one it is fitted in */
  guint8 family;
  gboolean exact;      /* a commission */
} Evidence;

/* ------------------------------------------------------------------------ */
/* Special functions                                                        */

static double
digamma (double x)
{
  double r = 0, f;

  for (; x < 6; x++)
    r -= 1 / x;
  f = 1 / (x * x);
  return r + log (x) - 0.5 / x - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))));
}

static double
trigamma (double x)
{
  double r = 0, f;

  for (; x < 6; x++)
    r += 1 / (x * x);
  f = 1 / (x * x);
  return r + 1 / x + f / 2 + f / x * (1.0 / 6 - f * (1.0 / 30 - f * (1.0 / 42 - f / 30)));
}

static double
normal_cdf (double z)
{
  return 0.5 * erfc (-z / G_SQRT2);
}

/* ------------------------------------------------------------------------ */
/* Fitting                                                                  */

typedef struct {
  double n;                      /* influencers with spend */
  double reach, reach_o;         /* Σ reach, Σ orders of those with reach */
  double spend, spend_o;         /* Σ spend, Σ orders of those without */
  double s, s2, o;               /* Σ expected orders, Σ of its square, Σ orders */
  double q;                      /* Σ (o − μs)² ÷ s */
  double nl;                     /* FAM_ORDERS: influencers in the log basket fit */
  double w, w2, wy, wyy;         /* FAM_ORDERS: Σ 1/v, Σ 1/v², Σ y/v, Σ y²/v */
  double rw, rwy;                /* FAM_ORDERS: Σ 1/(v + τ²), Σ y/(v + τ²) */
} Moments;

/* Orders over expected: μ = Σo ÷ Σe (1 unless nothing was expected); the
 * spread between influencers is what Σ (o − μe)² ÷ e holds beyond the noise
 * (DerSimonian–Laird for rates). */
static void
fit_units (const Moments *m,
           Prior         *p)
{
  double mu = m->s > 0 ? m->o / m->s : 0;
  double denom = m->s - m->s2 / MAX (m->s, 1e-9);
  double tau2 = denom > 0 ? (m->q - (m->n - 1) * PHI * mu) / denom : 0;

  /* Never certain that peers are alike: at least a 10% spread. */
  tau2 = MAX (tau2, 0.01 * mu * mu);
  if (mu > 0)
    {
      p->alpha = mu * mu / tau2;
      p->beta = mu / tau2;
    }
  else
    {
      /* No orders among peers: a weak prior around nothing. */
      p->alpha = 0.5;
      p->beta = 0.5 * MAX (m->n, 1) / MAX (m->s, 1);
    }
}

/* Log basket over expected of order-basis influencers: τ² = (Q − (n − 1)) ÷
 * (W − ΣW² ÷ W), never below the spread paid-per-post baskets are given (a
 * few posts can feature one costly product). */
static double
orders_tau2 (const Moments *m)
{
  double mean, q, denom;

  if (!(m->w > 0))
    return 1;
  mean = m->wy / m->w;
  q = m->wyy - m->w * mean * mean;
  denom = m->w - m->w2 / m->w;
  return MAX (denom > 0 ? (q - (m->nl - 1)) / denom : 1, BASKET_SPREAD * BASKET_SPREAD);
}

static void
add_peer (Moments        *m,
          const Evidence *e)
{
  m->n++;
  if (e->reach > 0)
    {
      m->reach += e->reach;
      m->reach_o += e->orders;
    }
  else
    {
      m->spend += e->spend;
      m->spend_o += e->orders;
    }
}

/* The orders an influencer's peers would have brought in its place: their
 * orders per reached user times its reach (its audience and its fee per
 * reached user are what tier and platform only roughly tell), or per rupee
 * when reach is unknown. The scale of nothing when its peers brought none. */
static double
expected_orders (const Moments  *m,
                 const Evidence *e)
{
  if (e->reach > 0 && m->reach_o > 0)
    return e->reach * m->reach_o / m->reach;
  if (e->reach <= 0 && m->spend_o > 0)
    return e->spend * m->spend_o / m->spend;
  return e->spend;
}

static void
add_first (Moments        *m,
           const Evidence *e)
{
  m->s += e->expected;
  m->s2 += e->expected * e->expected;
  m->o += e->orders;
}

static void
add_second (Moments        *m,
            const Evidence *e)
{
  double mu = m->s > 0 ? m->o / m->s : 0;
  double d = e->orders - mu * e->expected;

  m->q += d * d / e->expected;
}

static void
add_log (Moments        *m,
         const Evidence *e)
{
  double w = 1 / e->v;

  m->nl++;
  m->w += w;
  m->w2 += w * w;
  m->wy += w * e->y;
  m->wyy += w * e->y * e->y;
}

static void
add_log_random (Moments        *m,
                const Evidence *e,
                double          tau2)
{
  m->rw += 1 / (e->v + tau2);
  m->rwy += e->y / (e->v + tau2);
}

/* ------------------------------------------------------------------------ */
/* Break-even and baskets by brand                                          */

/* The revenue-weighted margin, to 1e-9: a single brand's 0.4 stays 0.4 (and
 * its break-even 2.5), not the sum's 0.39999999999999997. */
static double
mixed_margin (double margin_revenue,
              double revenue)
{
  return round (margin_revenue / revenue * 1e9) / 1e9;
}

/* A rate in rupees (per post or order) to the paisa; a commission as is. */
static double
fair_rate (double rate,
           double score,
           double breakeven)
{
  double fair = hk_metrics_fair_rate (rate, score, breakeven);

  return rate >= 1 ? hk_money_round (fair) : fair;
}

typedef struct {
  guint  brand;
  double orders;
} BrandOrders;

/* Each scored influencer's brand mix as the analysis' pass over the rows
 * found it (analysis->brand_mix, in influencer order as the groups are), with
 * the brands' orders and revenue; and its break-even: 1 ÷ its
 * revenue-weighted gross margin over the brands of its rows with revenue
 * (brand_margin NULL: every brand has the default). */
static GArray *
take_mixes (HkAnalysis   *analysis,
            Evidence     *ev,
            const double *brand_margin,
            guint        *mix_start,
            double       *brand_orders,
            double       *brand_revenue)
{
  Groups *g = &analysis->groups[HK_DIM_INFLUENCER];
  const GArray *all = analysis->brand_mix;
  GArray *mix = g_array_new (FALSE, FALSE, sizeof (BrandOrders));
  double breakeven = hk_metrics_breakeven_roas (analysis->options.default_margin);
  guint j = 0;

  for (guint k = 0; k < g->n; k++)
    {
      double positive = 0, margin = 0;

      mix_start[k] = mix->len;
      while (j < all->len && g_array_index (all, BrandMix, j).influencer < g->codes[k])
        j++;
      for (; j < all->len && g_array_index (all, BrandMix, j).influencer == g->codes[k]; j++)
        if (ev[k].spend > 0)
          {
            const BrandMix *m = &g_array_index (all, BrandMix, j);
            BrandOrders bo = { m->brand, m->orders };

            g_array_append_val (mix, bo);
            brand_orders[m->brand] += m->orders;
            brand_revenue[m->brand] += m->revenue;
            if (brand_margin)
              {
                positive += m->positive;
                margin += m->positive * brand_margin[m->brand];
              }
          }
      if (ev[k].spend > 0)
        ev[k].breakeven = positive > 0 ? hk_metrics_breakeven_roas (mixed_margin (margin, positive)) : breakeven;
    }
  mix_start[g->n] = mix->len;
  return mix;
}

/* What every scored influencer's orders would be worth at their brands'
 * baskets (revenue per order over the rows read): a brand's products cost
 * what they cost, so what an influencer's orders are worth is first what it
 * sells. */
static void
read_baskets (HkAnalysis   *analysis,
              Evidence     *ev,
              const double *brand_margin)
{
  Groups *g = &analysis->groups[HK_DIM_INFLUENCER];
  guint n = hk_str_pool_get_size (analysis->engine->ds->pools[HK_POOL_BRAND]);
  g_autofree double *basket = g_new (double, n + 1);
  g_autofree double *brand_orders = g_new0 (double, n + 1);
  g_autofree double *brand_revenue = g_new0 (double, n + 1);
  g_autofree guint *mix_start = g_new0 (guint, g->n + 1);
  g_autoptr(GArray) mix = take_mixes (analysis, ev, brand_margin, mix_start, brand_orders, brand_revenue);

  for (guint b = 0; b < n; b++)
    {
      brand_orders[n] += brand_orders[b];
      brand_revenue[n] += brand_revenue[b];
    }
  basket[n] = brand_orders[n] > 0 && brand_revenue[n] > 0 ? brand_revenue[n] / brand_orders[n] : 1;
  for (guint b = 0; b < n; b++)
    basket[b] = brand_orders[b] > 0 && brand_revenue[b] > 0 ? brand_revenue[b] / brand_orders[b] : basket[n];
  for (guint k = 0; k < g->n; k++)
    {
      double orders = 0, worth = 0;

      for (guint j = mix_start[k]; j < mix_start[k + 1]; j++)
        {
          const BrandOrders *bo = &g_array_index (mix, BrandOrders, j);

          orders += bo->orders;
          worth += bo->orders * basket[bo->brand];
        }
      ev[k].basket = orders > 0 && worth > 0 ? worth / orders : basket[n];
    }
}

/* Margins by brand code; NULL when every brand has the default. */
static double *
brand_margins (HkAnalysis *analysis)
{
  HkDataset *ds = analysis->engine->ds;
  const HkAnalysisOptions *o = &analysis->options;
  HkStrPool *pool = ds->pools[HK_POOL_BRAND];
  guint n = hk_str_pool_get_size (pool);
  double *margins;

  if (o->n_margins == 0)
    return NULL;
  margins = g_new (double, MAX (1, n));
  for (guint b = 0; b < n; b++)
    margins[b] = hk_analysis_options_get_margin (o, hk_str_pool_get (pool, b));
  return margins;
}

/* ------------------------------------------------------------------------ */
/* Scoring                                                                  */

static HkDecision
decide (const HkScore *s,
        double         target)
{
  if (s->p_below_breakeven >= P_DECIDE)
    return HK_DECISION_DROP;
  /* No target (0): nothing to scale toward, nothing to watch for. */
  if (target > 0 && s->p_above_target >= P_DECIDE)
    return HK_DECISION_SCALE;
  if (target > 0 && s->low <= s->breakeven && s->high >= target)
    return HK_DECISION_WATCH;
  if (s->score < s->breakeven)
    return HK_DECISION_RENEGOTIATE;
  return HK_DECISION_KEEP;
}

/* Fills score, interval and probabilities from a log-normal summary. */
static void
summarise (HkScore *s,
           double   score,
           double   mu,
           double   sd,
           double   target)
{
  /* A target below break-even would scale what loses money: Scale asks for
   * both. */
  if (target > 0)
    target = MAX (target, s->breakeven);
  s->score = score;
  s->low = exp (mu - Z90 * sd);
  s->high = exp (mu + Z90 * sd);
  s->p_below_breakeven = normal_cdf ((log (s->breakeven) - mu) / sd);
  s->p_above_target = target > 0 ? 1 - normal_cdf ((log (target) - mu) / sd) : NAN;
  s->decision = decide (s, target);
}

/* Orders over expected: the peers' Gamma, and with weight ROBUST_WEIGHT a
 * broad Gamma of the same mean (duds and stars are not what a fitted spread
 * of peers foresees), so that an influencer far from its peers (none of 12
 * expected orders) is believed once its evidence is strong. Each part's
 * posterior weight follows how well it foresaw the orders (the negative
 * binomial's likelihood). Into mean, the posterior mean; into log_mean and
 * log_var, its log's. */
static void
posterior_units (const Prior    *p,
                 const Evidence *e,
                 double         *mean,
                 double         *log_mean,
                 double         *log_var)
{
  double o = e->orders / PHI, x = e->expected / PHI;
  double al[2] = { p->alpha, ROBUST_ALPHA };
  double be[2] = { p->beta, ROBUST_ALPHA * p->beta / p->alpha };
  double lm[2], w[2], lg[2];

  for (guint j = 0; j < 2; j++)
    {
      /* log marginal likelihood, without what both share */
      lg[j] = lgamma (al[j] + o) - lgamma (al[j]) + al[j] * log (be[j]) - (al[j] + o) * log (be[j] + x);
      lm[j] = digamma (al[j] + o) - log (be[j] + x);
    }
  /* No broader part when the peers' own is as broad. */
  w[1] = al[0] > ROBUST_ALPHA ? ROBUST_WEIGHT / (ROBUST_WEIGHT + (1 - ROBUST_WEIGHT) * exp (lg[0] - lg[1])) : 0;
  w[0] = 1 - w[1];
  *mean = w[0] * (al[0] + o) / (be[0] + x) + w[1] * (al[1] + o) / (be[1] + x);
  *log_mean = w[0] * lm[0] + w[1] * lm[1];
  *log_var = w[0] * (trigamma (al[0] + o) + (lm[0] - *log_mean) * (lm[0] - *log_mean)) +
             w[1] * (trigamma (al[1] + o) + (lm[1] - *log_mean) * (lm[1] - *log_mean));
}

static void
score_units (const Prior    *p,
             const Evidence *e,
             double          target,
             HkScore        *s)
{
  double theta, log_theta, var_theta;
  double per_rupee = e->expected / e->spend;
  double tau2 = BASKET_SPREAD * BASKET_SPREAD * e->basket * e->basket;
  double sigma2 = BASKET_NOISE * BASKET_NOISE * e->basket * e->basket;
  double prec = 1 / tau2, m = e->basket, v;

  /* Revenue per order: its brands' baskets, moved toward its own mean
   * basket as orders accumulate. */
  if (e->orders > 0)
    {
      double own = e->revenue / e->orders;

      prec += e->draws / sigma2;
      m = (e->basket / tau2 + own * e->draws / sigma2) / prec;
    }
  v = 1 / prec;
  if (!(m > 0))
    m = e->basket;
  posterior_units (p, e, &theta, &log_theta, &var_theta);
  summarise (s, theta * per_rupee * m, log_theta + log (per_rupee) + log (m) - v / (2 * m * m),
             sqrt (var_theta + v / (m * m)), target);
}

static void
score_orders (const Prior    *p,
              const Evidence *e,
              double          target,
              HkScore        *s)
{
  double prec = 1 / e->v + 1 / p->t2;
  double mu = (e->y / e->v + p->m / p->t2) / prec;
  double sd = sqrt (1 / prec);
  double known = log (e->basket * MAX (e->orders, 0.5) / e->spend);

  summarise (s, exp (known + mu + sd * sd / 2), known + mu, sd, target);
}

static void
fill_rates (HkAnalysis *analysis,
            guint       group,
            HkScore    *s)
{
  const HkMetrics *m = &analysis->groups[HK_DIM_INFLUENCER].metrics[group];
  const char *basis;
  double rate = NAN, units;

  if (hk_analysis_get_payout_info (analysis, group, &basis, &rate, &units) && !isnan (rate))
    s->fair_rate = fair_rate (rate, s->score, s->breakeven);
  /* What the estimate at break-even would cost, against what was paid. */
  s->saving = MAX (0, m->spend - hk_metrics_fair_rate (m->spend, s->score, s->breakeven));
}

/* The evidence of each influencer group: its family, peer cell and figures. */
static void
gather (HkAnalysis *analysis,
        Evidence   *ev,
        guint       n_platforms)
{
  HkDataset *ds = analysis->engine->ds;
  Groups *g = &analysis->groups[HK_DIM_INFLUENCER];

  for (guint k = 0; k < g->n; k++)
    {
      const HkMetrics *m = &g->metrics[k];
      guint i = g->codes[k];
      const char *basis = "";
      double rate = NAN, units;
      gboolean paid = hk_analysis_get_payout_info (analysis, k, &basis, &rate, &units);

      /* One purchase is one basket: its units are of one product. */
      ev[k] = (Evidence) { .spend = m->spend, .orders = MAX (0, m->orders),
                           .revenue = MAX (0, m->revenue), .reach = MAX (0, m->reach),
                           .draws = MAX (0, MIN (m->tracking_rows, m->orders)),
                           .family = FAM_UNITS };
      if (paid && g_str_equal (basis, "order"))
        {
          ev[k].family = FAM_ORDERS;
          /* A commission (rate below 1, one rate) pays a share of revenue:
           * its ROAS is known, and its peers' would only blur it. */
          ev[k].exact = rate < 1 && ev[k].revenue > 0;
        }
      /* Cells: tier × platform, then platform, then the family's every
       * influencer, N_FAMILIES apart. */
      ev[k].cell[LEVEL_CELL] = ((ds->inf_tier[i] * n_platforms) + ds->inf_platform[i]) * N_FAMILIES + ev[k].family;
      ev[k].cell[LEVEL_PLATFORM] = (HK_N_TIERS * n_platforms + ds->inf_platform[i]) * N_FAMILIES + ev[k].family;
      ev[k].cell[LEVEL_FAMILY] = (HK_N_TIERS + 1) * n_platforms * N_FAMILIES + ev[k].family;
    }
}

/* Each influencer's score from its evidence and its peers' prior: no
 * influencer reads another's, so two threads take half each (the special
 * functions cost some 2,000 instructions an influencer). */
typedef struct {
  HkAnalysis     *analysis;
  const Evidence *ev;
  const Prior    *prior;
  double          target;
  guint           from, to;
} ScoreRange;

static gpointer
score_range (gpointer data)
{
  const ScoreRange *r = data;
  const Evidence *ev = r->ev;

  for (guint k = r->from; k < r->to; k++)
    {
      HkScore *s = &r->analysis->scores[k];
      guint c = ev[k].peers;

      *s = (HkScore) { NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, HK_DECISION_NONE };
      if (!(ev[k].spend > 0))
        continue;
      s->breakeven = ev[k].breakeven;
      if (ev[k].exact)
        summarise (s, ev[k].revenue / ev[k].spend, log (ev[k].revenue / ev[k].spend),
                   sqrt (COMMISSION_C2 / (ev[k].orders + 0.5)), r->target);
      else if (ev[k].family == FAM_ORDERS)
        score_orders (&r->prior[c], &ev[k], r->target, s);
      else
        score_units (&r->prior[c], &ev[k], r->target, s);
      fill_rates (r->analysis, k, s);
    }
  return NULL;
}

void
_hk_score_influencers (HkAnalysis *analysis)
{
  Groups *g = &analysis->groups[HK_DIM_INFLUENCER];
  guint n_platforms = MAX (1, hk_str_pool_get_size (analysis->engine->ds->pools[HK_POOL_PLATFORM]));
  guint n_cells = (HK_N_TIERS + 1) * n_platforms * N_FAMILIES + N_FAMILIES;
  g_autofree Moments *mom = g_new0 (Moments, n_cells);
  g_autofree Prior *prior = g_new0 (Prior, n_cells);
  g_autofree Evidence *ev = g_new (Evidence, MAX (1, g->n));
  g_autofree double *margins = brand_margins (analysis);
  double target = analysis->options.target_roas;
  gint64 start = g_get_monotonic_time ();

  analysis->scores = g_new (HkScore, MAX (1, g->n));
  gather (analysis, ev, n_platforms);
  read_baskets (analysis, ev, margins);

  /* Peers: the narrowest group with MIN_PEERS influencers, else the
   * family's every influencer. */
  for (guint k = 0; k < g->n; k++)
    for (guint l = 0; l < N_LEVELS && ev[k].spend > 0; l++)
      add_peer (&mom[ev[k].cell[l]], &ev[k]);
  for (guint k = 0; k < g->n; k++)
    if (ev[k].spend > 0)
      {
        guint l = 0;

        while (l < LEVEL_FAMILY && mom[ev[k].cell[l]].n < MIN_PEERS)
          l++;
        ev[k].peers = ev[k].cell[l];
        ev[k].expected = expected_orders (&mom[ev[k].peers], &ev[k]);
      }
  /* Orders over what peers would bring. */
  for (guint k = 0; k < g->n; k++)
    for (guint l = 0; l < N_LEVELS && ev[k].spend > 0; l++)
      add_first (&mom[ev[k].cell[l]], &ev[k]);
  for (guint k = 0; k < g->n; k++)
    for (guint l = 0; l < N_LEVELS && ev[k].spend > 0; l++)
      add_second (&mom[ev[k].cell[l]], &ev[k]);
  for (guint c = 0; c < n_cells; c++)
    {
      fit_units (&mom[c], &prior[c]);
    }

  /* Order basis: log basket over expected, with the baskets' noise. */
  for (guint k = 0; k < g->n; k++)
    if (ev[k].spend > 0 && ev[k].family == FAM_ORDERS && !ev[k].exact)
      {
        double c2 = ORDERS_C2;
        double revenue = ev[k].orders > 0 && ev[k].revenue > 0 ? ev[k].revenue
                         : ev[k].revenue + 0.5 * ev[k].basket;

        /* Its basket over its brands': the rate per order is known. */
        ev[k].y = log (revenue / (ev[k].basket * MAX (ev[k].orders, 0.5)));
        ev[k].v = c2 / (ev[k].draws + 0.5);
        for (guint l = 0; l < N_LEVELS; l++)
          add_log (&mom[ev[k].cell[l]], &ev[k]);
      }
  for (guint c = FAM_ORDERS; c < n_cells; c += N_FAMILIES)
    prior[c].t2 = orders_tau2 (&mom[c]);
  for (guint k = 0; k < g->n; k++)
    if (ev[k].spend > 0 && ev[k].family == FAM_ORDERS && !ev[k].exact)
      for (guint l = 0; l < N_LEVELS; l++)
        add_log_random (&mom[ev[k].cell[l]], &ev[k], prior[ev[k].cell[l]].t2);
  for (guint c = FAM_ORDERS; c < n_cells; c += N_FAMILIES)
    prior[c].m = mom[c].rw > 0 ? mom[c].rwy / mom[c].rw : 0;

  {
    ScoreRange halves[2] = {
      { analysis, ev, prior, target, 0, g->n / 2 },
      { analysis, ev, prior, target, g->n / 2, g->n },
    };

    hk_run_halves ("hk-score", score_range, &halves[0], &halves[1], g->n >= (1u << 14));
  }
  g_debug ("score: %u influencers in %.1f ms", g->n, (g_get_monotonic_time () - start) / 1000.0);
}

/* ------------------------------------------------------------------------ */
/* Results                                                                  */

gboolean
hk_analysis_get_score (HkAnalysis *analysis,
                       guint       group,
                       HkScore    *score)
{
  g_return_val_if_fail (analysis != NULL, FALSE);
  if (group >= analysis->groups[HK_DIM_INFLUENCER].n)
    return FALSE;
  *score = analysis->scores[group];
  return TRUE;
}

double
hk_analysis_get_influencer_breakeven (HkAnalysis *analysis,
                                      guint       group)
{
  HkScore score;

  if (hk_analysis_get_score (analysis, group, &score) && !isnan (score.breakeven))
    return score.breakeven;
  return hk_analysis_get_breakeven_roas (analysis);
}

double
hk_analysis_get_breakeven_roas (HkAnalysis *analysis)
{
  HkDataset *ds = analysis->engine->ds;
  Groups *g = &analysis->groups[HK_DIM_BRAND];
  double revenue = 0, margin = 0;

  for (guint k = 0; k < g->n; k++)
    if (g->metrics[k].revenue > 0)
      {
        const char *brand = hk_str_pool_get (ds->pools[HK_POOL_BRAND], g->codes[k]);

        revenue += g->metrics[k].revenue;
        margin += g->metrics[k].revenue * hk_analysis_options_get_margin (&analysis->options, brand);
      }
  if (!(revenue > 0))
    return hk_metrics_breakeven_roas (analysis->options.default_margin);
  return hk_metrics_breakeven_roas (mixed_margin (margin, revenue));
}

const char *
hk_decision_name (HkDecision decision)
{
  static const char * const names[HK_N_DECISIONS] = {
    "", "drop", "scale", "watch", "renegotiate", "keep",
  };

  g_return_val_if_fail (decision < HK_N_DECISIONS, "");
  return names[decision];
}

const char *
hk_decision_label (HkDecision decision)
{
  switch (decision)
    {
    case HK_DECISION_DROP: return C_("decision", "Drop");
    case HK_DECISION_SCALE: return C_("decision", "Scale");
    case HK_DECISION_WATCH: return C_("decision", "Watch");
    case HK_DECISION_RENEGOTIATE: return C_("decision", "Renegotiate");
    case HK_DECISION_KEEP: return C_("decision", "Keep");
    case HK_DECISION_NONE:
    case HK_N_DECISIONS:
    default:
      return "";
    }
}

char *
hk_analysis_dup_score_reason (HkAnalysis *analysis,
                              guint       group)
{
  HkScore s;
  const HkMetrics *m;
  g_autofree char *paid = NULL, *roas = NULL, *low = NULL, *high = NULL, *be = NULL;
  g_autofree char *target = NULL, *pct = NULL, *why = NULL;

  if (!hk_analysis_get_score (analysis, group, &s) || s.decision == HK_DECISION_NONE)
    return NULL;
  m = &analysis->groups[HK_DIM_INFLUENCER].metrics[group];
  paid = hk_format_money_compact (NULL, m->spend);
  roas = hk_format_number (NULL, s.score, 2);
  low = hk_format_number (NULL, s.low, 2);
  high = hk_format_number (NULL, s.high, 2);
  be = hk_format_number (NULL, s.breakeven, 1);
  target = hk_format_number (NULL, analysis->options.target_roas, 1);
  switch (s.decision)
    {
    case HK_DECISION_SCALE:
      pct = hk_format_percent (NULL, s.p_above_target, 0);
      /* Translators: the reason for "Scale": the chance the true ROAS is above the target */
      why = g_strdup_printf (_("above the target %s with %s probability"), target, pct);
      break;
    case HK_DECISION_WATCH:
      /* Translators: the reason for "Watch" */
      why = g_strdup_printf (_("could be below break-even %s or above the target %s: too little evidence yet"),
                             be, target);
      break;
    case HK_DECISION_KEEP:
      pct = hk_format_percent (NULL, 1 - s.p_below_breakeven, 0);
      /* Translators: the reason for "Keep" */
      why = g_strdup_printf (_("above break-even %s with %s probability"), be, pct);
      break;
    case HK_DECISION_DROP:
    case HK_DECISION_RENEGOTIATE:
    case HK_DECISION_NONE:
    case HK_N_DECISIONS:
    default:
      pct = hk_format_percent (NULL, s.p_below_breakeven, 0);
      /* Translators: the reason for "Drop" or "Renegotiate" */
      why = g_strdup_printf (_("below break-even %s with %s probability"), be, pct);
      break;
    }
  /* Translators: "₹1.7 L paid, ROAS 0.97 (0.82–1.10), below break-even 2.0 with 96% probability" */
  return g_strdup_printf (_("%s paid, ROAS %s (%s–%s), %s"), paid, roas, low, high, why);
}

typedef struct {
  double key;
  guint  group;
} Decided;

static int
compare_decided (gconstpointer pa,
                 gconstpointer pb)
{
  const Decided *a = pa, *b = pb;

  if (a->key != b->key)
    return a->key > b->key ? -1 : 1;
  return a->group < b->group ? -1 : a->group > b->group;
}

guint *
hk_analysis_dup_decided (HkAnalysis *analysis,
                         HkDecision  decision,
                         guint      *n)
{
  Groups *g = &analysis->groups[HK_DIM_INFLUENCER];
  g_autofree Decided *d = g_new (Decided, MAX (1, g->n));
  guint *rows, k = 0;

  for (guint i = 0; i < g->n; i++)
    {
      const HkScore *s = &analysis->scores[i];

      if (s->decision != decision)
        continue;
      d[k].group = i;
      d[k].key = decision == HK_DECISION_SCALE ? s->score
               : decision == HK_DECISION_RENEGOTIATE ? s->saving
               : g->metrics[i].spend;
      k++;
    }
  qsort (d, k, sizeof *d, compare_decided);
  rows = g_new (guint, MAX (1, k));
  for (guint i = 0; i < k; i++)
    rows[i] = d[i].group;
  *n = k;
  return rows;
}
