/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>
#include <string.h>

#include "hk-simulator-private.h"

typedef struct {
  guint  campaign;   /* G_MAXUINT: the whole influencer */
  gint64 posts;
  gint64 orders;
  gint64 revenue;
  double expected_orders;  /* credited to its posts, expected (the truth) */
  double expected_revenue;
} Scope;

typedef enum {
  PAY_POST,
  PAY_ORDER,
  PAY_COMMISSION,
} PayKind;

/* Order-basis rate per order, rupees (range, step 10). */
static const guint brand_order_rate[N_BRANDS][2] = { { 250, 400 }, { 150, 250 }, { 150, 250 } };

/* Rounds a rupee amount to a "nice" figure (up when round_up). */
static gint64
nice_amount (double   amount,
             gboolean round_up)
{
  gint64 step = amount < 10000 ? 100 : amount < 100000 ? 500 : amount < 1000000 ? 1000 : 10000;
  double units = amount / step;

  units = round_up ? ceil (units) : floor (units + 0.5);
  return MAX (step, (gint64) units * step);
}

/* Per-post fee: 500 rupees at 8k followers, growing a little faster than the
 * audience (1.1 power): 8k at 100k, 1 lakh at 1M, 2.2 lakh at 2M, capped at
 * 5 lakh. YouTube videos cost more, tweets less. */
static double
post_rate (const Influencer *inf)
{
  double rate = 500 * _hk_sim_det_pow (inf->followers / 8000.0, 1.1) *
                _hk_sim_platforms[inf->platform].fee;

  return CLAMP (rate, 300, 500000);
}

static void
write_payout_row (Simulation     *sim,
                  guint          *payout_id,
                  guint           influencer,
                  PayKind         kind,
                  gint64          rate,   /* rupees, or percent for a commission */
                  const Scope    *scope,
                  gboolean        leave_total_empty)
{
  Sink *s = &sim->sinks[HK_TABLE_PAYOUTS];
  const Campaign *c = scope->campaign != G_MAXUINT ? &sim->campaigns[scope->campaign] : NULL;

  _hk_sim_sink_id (s, SIM_ID_PAYOUT, ++*payout_id);
  _hk_sim_sink_id (s, SIM_ID_INFLUENCER, influencer + 1);
  _hk_sim_sink_text (s, kind == PAY_POST ? "post" : "order", -1);
  if (kind == PAY_COMMISSION)
    _hk_sim_sink_double (s, rate / 100.0);
  else
    _hk_sim_sink_int (s, rate);
  if (kind == PAY_ORDER)
    _hk_sim_sink_int (s, scope->orders);
  else
    _hk_sim_sink_empty (s);
  if (kind == PAY_POST)
    _hk_sim_sink_int (s, scope->posts);
  else
    _hk_sim_sink_empty (s);
  if (leave_total_empty)
    _hk_sim_sink_empty (s);
  else if (kind == PAY_POST)
    _hk_sim_sink_int (s, rate * scope->posts);
  else if (kind == PAY_ORDER)
    _hk_sim_sink_int (s, rate * scope->orders);
  else /* in paise, to keep it exact */
    _hk_sim_sink_double (s, (double) (rate * scope->revenue) / 100.0);
  _hk_sim_sink_text (s, c ? c->name : NULL, -1);
  _hk_sim_sink_text (s, c ? hk_known_brands[c->brand] : NULL, -1);
  _hk_sim_sink_end_row (s);

  /* The same terms on the units the posts were expected to bring. */
  sim->influencers[influencer].expected_spend +=
    kind == PAY_POST ? (double) rate * scope->posts :
    kind == PAY_ORDER ? rate * scope->expected_orders : rate * scope->expected_revenue / 100.0;
}

/* Falls back to post basis where orders or revenue give nothing to pay on. */
static PayKind
usable_kind (PayKind      kind,
             const Scope *scope)
{
  if (kind == PAY_ORDER && scope->orders <= 0)
    return PAY_POST;
  if (kind == PAY_COMMISSION && scope->revenue <= 0)
    return PAY_POST;
  return kind;
}

static gint64
kind_rate (PayKind           kind,
           const Influencer *inf,
           HkRng            *rng)
{
  switch (kind)
    {
    case PAY_POST:
      return nice_amount (post_rate (inf) * (0.8 + 0.45 * rng_uniform (rng)), FALSE);
    case PAY_ORDER:
      {
        const guint *range = brand_order_rate[inf->brands[0]];
        return 10 * rng_range (rng, range[0] / 10, range[1] / 10);
      }
    default:
      return rng_range (rng, 8, 20); /* percent */
    }
}

static const SimColumn payout_columns[] = {
  EXTRA ("payout_id"), KNOWN (PAY_INFLUENCER), KNOWN (PAY_BASIS), KNOWN (PAY_RATE),
  KNOWN (PAY_ORDERS), KNOWN (PAY_POSTS), KNOWN (PAY_TOTAL), KNOWN (PAY_CAMPAIGN), KNOWN (PAY_BRAND),
};

/* Posts grouped by influencer: influencer i's are by_influencer[first[i]]
 * to by_influencer[first[i + 1] - 1], by day (a counting sort). */
static void
group_posts (const Simulation *sim,
             guint32          *first,
             guint32          *by_influencer)
{
  guint n = sim->n_influencers;
  g_autofree guint32 *fill = g_new (guint32, n);

  for (guint i = 0; i < sim->n_posts; i++)
    first[sim->posts[i].influencer + 1]++;
  for (guint i = 0; i < n; i++)
    first[i + 1] += first[i];
  memcpy (fill, first, n * sizeof (guint32));
  for (guint i = 0; i < sim->n_posts; i++)
    by_influencer[fill[sim->posts[i].influencer]++] = i;
}

/* At least one influencer is overpaid: the weakest converter if the draw
 * picked none. */
static void
force_one_overpaid (Simulation    *sim,
                    const guint32 *first)
{
  guint forced = G_MAXUINT;
  gboolean any_forced = FALSE;

  for (guint i = 0; i < sim->n_influencers; i++)
    if (first[i + 1] > first[i])
      {
        if (sim->influencers[i].force_overpaid)
          any_forced = TRUE;
        if (forced == G_MAXUINT || sim->influencers[i].quality < sim->influencers[forced].quality)
          forced = i;
      }
  if (!any_forced && forced != G_MAXUINT)
    sim->influencers[forced].force_overpaid = TRUE;
}

/* What the posts from by_influencer[begin] to by_influencer[end - 1] brought:
 * per campaign into scopes (in order of first post), in all into whole. */
static void
sum_scopes (const Simulation *sim,
            const guint32    *by_influencer,
            guint32           begin,
            guint32           end,
            GArray           *scopes,
            Scope            *whole)
{
  *whole = (Scope) { G_MAXUINT, 0, 0, 0, 0, 0 };
  g_array_set_size (scopes, 0);
  for (guint k = begin; k < end; k++)
    {
      const Post *p = &sim->posts[by_influencer[k]];
      const PostExpectation *x = &sim->expected[by_influencer[k]];
      Scope *s = NULL;

      for (guint j = 0; j < scopes->len && s == NULL; j++)
        if (g_array_index (scopes, Scope, j).campaign == p->campaign)
          s = &g_array_index (scopes, Scope, j);
      if (s == NULL)
        {
          Scope fresh = { p->campaign, 0, 0, 0, 0, 0 };
          g_array_append_val (scopes, fresh);
          s = &g_array_index (scopes, Scope, scopes->len - 1);
        }
      double value = _hk_sim_row_value (sim, p);

      s->posts++;
      s->orders += p->orders;
      s->revenue += p->revenue;
      s->expected_orders += x->credited * sim->units_mean;
      s->expected_revenue += x->credited * value;
      whole->posts++;
      whole->orders += p->orders;
      whole->revenue += p->revenue;
      whole->expected_orders += x->credited * sim->units_mean;
      whole->expected_revenue += x->credited * value;
    }
}

/* The payout rows of influencer i, whose posts brought scopes and whole. */
static void
pay_influencer (Simulation  *sim,
                HkRng       *rng,
                guint       *payout_id,
                guint        i,
                GArray      *scopes,
                const Scope *whole)
{
  const Influencer *inf = &sim->influencers[i];
  guint roll = rng_below (rng, 100);
  guint kind_roll = rng_below (rng, 100);
  PayKind kind = kind_roll < 55 ? PAY_POST : kind_roll < 80 ? PAY_ORDER : PAY_COMMISSION;

  if (inf->force_overpaid)
    {
      /* A flat per-post fee worth more than everything it brought in. */
      double target = MAX (0, whole->revenue) * (1.2 + 0.6 * rng_uniform (rng)) / whole->posts;
      gint64 rate = MAX (nice_amount (target, TRUE), kind_rate (PAY_POST, inf, rng));

      if (rate * whole->posts <= whole->revenue)
        rate = whole->revenue / whole->posts + 100;
      write_payout_row (sim, payout_id, i, PAY_POST, rate, whole, FALSE);
    }
  else if (roll < 12)
    {
      /* One row per campaign, on one basis. */
      gint64 post_fee = kind_rate (PAY_POST, inf, rng);
      gint64 rate = kind == PAY_POST ? post_fee : kind_rate (kind, inf, rng);

      for (guint j = 0; j < scopes->len; j++)
        {
          const Scope *s = &g_array_index (scopes, Scope, j);
          PayKind k = usable_kind (kind, s);

          write_payout_row (sim, payout_id, i, k, k == kind ? rate : post_fee, s,
                            rng_chance (rng, 70));
        }
    }
  else if (roll < 20)
    {
      /* Two rows: a smaller retainer per post plus pay on results. */
      gint64 fee = kind_rate (PAY_POST, inf, rng);
      PayKind bonus = usable_kind (rng_below (rng, 2) ? PAY_ORDER : PAY_COMMISSION, whole);

      /* One draw per statement: argument evaluation order is unspecified. */
      if (bonus != PAY_POST)
        {
          gint64 bonus_rate;

          write_payout_row (sim, payout_id, i, PAY_POST, nice_amount (fee * 0.5, FALSE),
                            whole, rng_chance (rng, 70));
          bonus_rate = kind_rate (bonus, inf, rng);
          write_payout_row (sim, payout_id, i, bonus, bonus_rate, whole,
                            rng_chance (rng, 70));
        }
      else
        write_payout_row (sim, payout_id, i, PAY_POST, fee, whole, rng_chance (rng, 70));
    }
  else
    {
      PayKind k = usable_kind (kind, whole);
      gint64 rate = kind_rate (k, inf, rng);

      write_payout_row (sim, payout_id, i, k, rate, whole, rng_chance (rng, 70));
    }
}

gboolean
_hk_sim_write_payouts (Simulation  *sim,
                       GError     **error)
{
  Sink *sink = _hk_sim_sink_begin (sim, HK_TABLE_PAYOUTS, payout_columns,
                                   G_N_ELEMENTS (payout_columns));
  guint n = sim->n_influencers;
  g_autofree guint32 *first = g_new0 (guint32, n + 1);
  g_autofree guint32 *by_influencer = g_new (guint32, sim->n_posts);
  g_autoptr(GArray) scopes = g_array_new (FALSE, FALSE, sizeof (Scope));
  guint payout_id = 0;
  HkRng rng;

  rng_init (&rng, sim->options->seed, STREAM_PAYOUTS);
  group_posts (sim, first, by_influencer);
  force_one_overpaid (sim, first);

  for (guint i = 0; i < n; i++)
    {
      Scope whole;

      if (first[i + 1] == first[i])
        continue;
      if ((i & 1023) == 1023 && g_cancellable_set_error_if_cancelled (sim->cancellable, error))
        return FALSE;
      sum_scopes (sim, by_influencer, first[i], first[i + 1], scopes, &whole);
      pay_influencer (sim, &rng, &payout_id, i, scopes, &whole);
    }
  _hk_sim_sink_end (sink);
  return TRUE;
}
