/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "hk-date.h"
#include "hk-simulator-private.h"

/* Expected rows, as shares of the requested count: organic purchases, and
 * attributed purchases when the posts' pulls have the typical spread (mean
 * TYPICAL_PULL_RATIO times the median); heavy hitters in the data raise the
 * attributed share within the bounds. The holdout baseline comes on top and
 * the whole mixture is then scaled to the requested row count. */
#define ORGANIC_SHARE        0.50
#define ATTRIBUTED_SHARE     0.45
#define MIN_ATTRIBUTED_SHARE 0.25
#define MAX_ATTRIBUTED_SHARE 0.65
#define TYPICAL_PULL_RATIO   4.0
/* Exposed users' baseline purchases credited to an influencer anyway (the
 * over-attribution a holdout test reveals), and lift purchases credited. */
#define BASELINE_ATTRIBUTED_PERMILLE 300
#define LIFT_ATTRIBUTED_PERMILLE     800
#define RETURN_PERMILLE              12

/* Organic purchases by brand, in percent. */
static const guint16 brand_organic_weight[N_BRANDS] = { 50, 32, 18 };
/* Conversion per reached user, relative. */
static const double brand_conversion[N_BRANDS] = { 1.0, 0.9, 0.8 };

/* Purchases on the days after a post, relative (sums to 1000). */
static const guint16 lag_profile[LAG_DAYS] = {
  160, 200, 150, 112, 84, 63, 47, 35, 27, 21, 17, 14, 12, 10, 9, 8, 7, 6, 5, 4, 2, 1,
};

/* Weekday factors, Monday first, in percent. */
static const guint16 weekday_percent[7] = { 100, 97, 97, 98, 102, 112, 110 };

/* ---------------------------------------------------------------------- */
/* Posts                                                                    */

static int
compare_posts (gconstpointer a,
               gconstpointer b)
{
  const Post *pa = a, *pb = b;

  if (pa->day != pb->day)
    return pa->day < pb->day ? -1 : 1;
  return pa->generation < pb->generation ? -1 : pa->generation > pb->generation;
}

/* How many posts each influencer makes, into counts: by activity over its
 * window, at most 10 per day of the period. */
static void
share_posts (const Simulation *sim,
             HkRng            *rng,
             guint64          *counts)
{
  const HkSimulatorOptions *o = sim->options;
  guint n = sim->n_influencers;
  g_autofree double *weights = g_new (double, n);
  g_autofree guint64 *caps = g_new (guint64, n);
  guint64 capacity = 0;
  guint n_inactive = 0;

  /* A few signed influencers never post, when the others can carry the posts. */
  for (guint i = 0; i < n; i++)
    {
      const Influencer *inf = &sim->influencers[i];
      double window = inf->window_end - inf->window_start + 1;

      weights[i] = inf->activity * window / sim->n_days;
      caps[i] = (guint64) sim->n_days * 10;
      if (n >= 20 && rng_below (rng, 100) < 3)
        {
          weights[i] = 0;
          caps[i] = 0;
          n_inactive++;
        }
      capacity += caps[i];
    }
  if (capacity < o->n_posts)
    for (guint i = 0; i < n; i++)
      if (caps[i] == 0)
        {
          weights[i] = sim->influencers[i].activity;
          caps[i] = (guint64) sim->n_days * 10;
        }
  _hk_sim_apportion (o->n_posts, weights, caps, n, counts);
}

/* The posts, sorted by day, with their campaigns' post counts. */
void
_hk_sim_generate_posts (Simulation *sim)
{
  const HkSimulatorOptions *o = sim->options;
  guint n = sim->n_influencers;
  g_autofree guint64 *counts = g_new (guint64, n);
  guint generation = 0;
  HkRng rng;

  rng_init (&rng, o->seed, STREAM_POSTS);
  share_posts (sim, &rng, counts);

  sim->n_posts = o->n_posts;
  sim->posts = g_new0 (Post, sim->n_posts);
  for (guint i = 0; i < n; i++)
    {
      Influencer *inf = &sim->influencers[i];
      const Platform *plat = &_hk_sim_platforms[inf->platform];
      const Category *cat = &_hk_sim_categories[inf->category];
      HkTier tier = hk_tier_for_followers (inf->followers);
      static const double tier_engagement[HK_N_TIERS] = { 1.5, 1.2, 1.0, 0.7 };
      gint32 first = inf->window_start;
      guint32 window;

      inf->n_posts = counts[i];
      if (inf->n_posts > (guint64) (inf->window_end - inf->window_start + 1) * 3)
        {
          inf->window_start = o->start_day;
          inf->window_end = o->end_day;
          first = o->start_day;
        }
      window = inf->window_end - inf->window_start + 1;

      for (guint k = 0; k < inf->n_posts; k++)
        {
          Post *p = &sim->posts[generation];
          guint slot = inf->n_brands == 2 && rng_below (&rng, 100) < 35 ? 1 : 0;
          double reach, likes, engagement_rate, base_rate;

          p->generation = generation++;
          p->influencer = i;
          /* Stratified over the window: a steady cadence with jitter. */
          p->day = first + (gint32) floor ((k + rng_uniform (&rng)) * window / inf->n_posts);
          p->day = MIN (p->day, inf->window_end);
          p->brand = inf->brands[slot];
          p->campaign = _hk_sim_campaign_for (sim, p->day, p->brand, inf->variants[slot]);
          p->product = brand_product (&rng, p->brand);

          reach = inf->followers * plat->reach_ratio * _hk_sim_rng_lognormal (&rng, 0, 0.55);
          if (rng_below (&rng, 100) < 2)
            reach *= 4; /* went viral */
          reach = MAX (reach, 20);
          base_rate = plat->like_rate * cat->engagement * tier_engagement[tier];
          engagement_rate = base_rate * _hk_sim_rng_lognormal (&rng, 0, 0.35);
          likes = reach * engagement_rate;
          p->reach = (guint32) MIN (floor (reach), 4e9);
          p->likes = (guint32) MIN (floor (likes), 4e9);
          p->comments = (guint32) floor (likes * plat->comment_ratio *
                                         _hk_sim_rng_lognormal (&rng, 0, 0.4));
          p->shares = (guint32) floor (likes * plat->share_ratio *
                                       _hk_sim_rng_lognormal (&rng, 0, 0.5));

          /* Purchases it pulls: sublinear in reach, more with engagement. */
          p->pull = _hk_sim_det_pow (reach, 0.8) *
                    _hk_sim_det_pow (engagement_rate / base_rate, 0.6) *
                    inf->quality * brand_conversion[p->brand] * plat->conversion;
        }
    }
  g_assert (generation == sim->n_posts);

  qsort (sim->posts, sim->n_posts, sizeof (Post), compare_posts);
  for (guint i = 0; i < sim->n_posts; i++)
    sim->campaigns[sim->posts[i].campaign].n_posts++;
}

static const SimColumn post_columns[] = {
  KNOWN (POST_ID), KNOWN (POST_INFLUENCER), KNOWN (POST_PLATFORM), KNOWN (POST_DATE),
  KNOWN (POST_URL), KNOWN (POST_CAPTION), KNOWN (POST_REACH), KNOWN (POST_LIKES),
  KNOWN (POST_COMMENTS), EXTRA ("shares"), KNOWN (POST_BRAND), KNOWN (POST_CAMPAIGN),
};

gboolean
_hk_sim_write_posts (Simulation  *sim,
                     GError     **error)
{
  Sink *s = _hk_sim_sink_begin (sim, HK_TABLE_POSTS, post_columns, G_N_ELEMENTS (post_columns));
  char date[HK_DATE_ISO_LEN];
  gint32 date_day = HK_DAY_NONE;
  HkRng rng;

  rng_init (&rng, sim->options->seed, STREAM_POST_TEXT);
  for (guint i = 0; i < sim->n_posts; i++)
    {
      const Post *p = &sim->posts[i];
      const Influencer *inf = &sim->influencers[p->influencer];

      if ((i & 4095) == 4095 && g_cancellable_set_error_if_cancelled (sim->cancellable, error))
        return FALSE;
      if (p->day != date_day)
        {
          hk_date_format_iso (p->day, date);
          date_day = p->day;
        }
      _hk_sim_sink_int (s, i + 1);
      _hk_sim_sink_int (s, p->influencer + 1);
      _hk_sim_sink_text (s, _hk_sim_platforms[inf->platform].name, -1);
      _hk_sim_sink_date (s, p->day, date);
      g_string_truncate (sim->scratch, 0);
      _hk_sim_append_url (sim->scratch, inf, p, &rng);
      _hk_sim_sink_text (s, sim->scratch->str, sim->scratch->len);
      g_string_truncate (sim->scratch, 0);
      _hk_sim_append_caption (sim->scratch, inf, p, sim->campaigns[p->campaign].theme, &rng);
      _hk_sim_sink_text (s, sim->scratch->str, sim->scratch->len);
      _hk_sim_sink_int (s, p->reach);
      _hk_sim_sink_int (s, p->likes);
      _hk_sim_sink_int (s, p->comments);
      _hk_sim_sink_int (s, p->shares);
      _hk_sim_sink_text (s, hk_known_brands[p->brand], -1);
      _hk_sim_sink_text (s, sim->campaigns[p->campaign].name, -1);
      _hk_sim_sink_end_row (s);
    }
  _hk_sim_sink_end (s);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* The plan: rows per day, holdout tests, users                             */

/* Monday = 0 (1970-01-01 was a Thursday). */
static guint
weekday (gint32 day)
{
  return (guint) (((day % 7) + 7 + 3) % 7);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

/* The lag weights, and the expected organic rows of each day: weekday
 * pattern, pay-day bump, a slow upward trend. */
static void
plan_organic (Simulation *sim)
{
  const HkSimulatorOptions *o = sim->options;
  guint64 n_rows = o->n_tracking_rows;
  double organic_sum = 0;
  guint lag_total = 0;

  for (guint l = 0; l < LAG_DAYS; l++)
    lag_total += lag_profile[l];
  for (guint l = 0; l < LAG_DAYS; l++)
    sim->lag_weight[l] = (double) lag_profile[l] / lag_total;

  sim->organic_per_day = g_new (double, sim->n_days);
  for (guint i = 0; i < sim->n_days; i++)
    {
      gint32 day = o->start_day + i;
      int y, m, d;
      double f;

      hk_date_to_ymd (day, &y, &m, &d);
      f = weekday_percent[weekday (day)] / 100.0;
      if (d <= 5)
        f *= 1.15;
      f *= 1 + 0.15 * i / MAX (1, sim->n_days - 1);
      sim->organic_per_day[i] = f;
      organic_sum += f;
    }
  for (guint i = 0; i < sim->n_days; i++)
    sim->organic_per_day[i] *= ORGANIC_SHARE * n_rows / organic_sum;
}

/* Scales the posts' pulls so that a typical post brings a typical number of
 * purchases (the median, so a mega influencer in the data adds purchases
 * instead of taking them from everyone else). */
static void
scale_pulls (Simulation *sim)
{
  const HkSimulatorOptions *o = sim->options;
  guint64 n_rows = o->n_tracking_rows;
  g_autofree double *pulls = g_new (double, sim->n_posts);
  double pull_sum = 0, scale, median_pull, attributed;

  for (guint i = 0; i < sim->n_posts; i++)
    {
      const Post *p = &sim->posts[i];
      double within = 0;

      for (gint32 l = 0; l < LAG_DAYS && p->day + l <= o->end_day; l++)
        within += sim->lag_weight[l];
      pull_sum += p->pull * within;
      pulls[i] = p->pull;
    }
  qsort (pulls, sim->n_posts, sizeof (double), compare_doubles);
  median_pull = pulls[sim->n_posts / 2];
  scale = ATTRIBUTED_SHARE * n_rows / (sim->n_posts * median_pull * TYPICAL_PULL_RATIO);
  attributed = CLAMP (scale * pull_sum, MIN_ATTRIBUTED_SHARE * n_rows, MAX_ATTRIBUTED_SHARE * n_rows);
  scale = attributed / pull_sum;
  for (guint i = 0; i < sim->n_posts; i++)
    sim->posts[i].pull *= scale;
}

/* Users get scattered 7-digit ids (more digits only for huge datasets). */
static void
plan_user_ids (Simulation *sim)
{
  sim->user_digits = 7;
  sim->user_modulus = 10000000;
  while (sim->n_users >= sim->user_modulus)
    {
      sim->user_digits++;
      sim->user_modulus *= 10;
    }
  sim->user_multiplier = G_GUINT64_CONSTANT (2654435761) % sim->user_modulus;
}

/* Fixes the rows of each day (and the mixture they are drawn from), the
 * holdout tests and the users before a row is written. */
void
_hk_sim_plan_tracking (Simulation *sim)
{
  const HkSimulatorOptions *o = sim->options;
  guint64 n_rows = o->n_tracking_rows;
  g_autofree double *expected = g_new0 (double, sim->n_days);

  plan_organic (sim);
  scale_pulls (sim);
  for (guint i = 0; i < sim->n_days; i++)
    expected[i] = sim->organic_per_day[i];
  for (guint i = 0; i < sim->n_posts; i++)
    {
      const Post *p = &sim->posts[i];

      for (gint32 l = 0; l < LAG_DAYS && p->day + l <= o->end_day; l++)
        expected[p->day + l - o->start_day] += p->pull * sim->lag_weight[l];
    }

  /* Users: a general population sized to the row count, then one block of
   * target users per holdout test. */
  sim->n_general_users = (guint32) MAX (64, n_rows / 3);
  sim->n_loyal_users = MAX (1, sim->n_general_users / 10);
  sim->n_users = sim->n_general_users;
  _hk_sim_plan_holdouts (sim, expected);
  plan_user_ids (sim);

  sim->rows_per_day = g_new (guint64, sim->n_days);
  _hk_sim_apportion (n_rows, expected, NULL, sim->n_days, sim->rows_per_day);
}

/* ---------------------------------------------------------------------- */
/* Tracking rows                                                            */

typedef struct {
  gint32  day;
  char    date[HK_DATE_ISO_LEN];
  double *cumulative;
  guint   n_entries;
  guint   first_post;
} Day;

static void
format_user (const Simulation *sim,
             guint64           user,
             char             *buf)
{
  /* A bijection on [0, modulus): the multiplier is odd and not a multiple of 5. */
  guint64 number = (user * sim->user_multiplier + 1234567) % sim->user_modulus;

  buf[0] = 'U';
  for (guint i = sim->user_digits; i > 0; i--)
    {
      buf[i] = '0' + number % 10;
      number /= 10;
    }
  buf[sim->user_digits + 1] = '\0';
}

static guint64
general_user (Simulation *sim,
              HkRng      *rng)
{
  /* Repeat customers: 30% of purchases come from a loyal tenth of users. */
  if (rng_below (rng, 10) < 3)
    return rng_below (rng, sim->n_loyal_users);
  return rng_below (rng, sim->n_general_users);
}

static void
write_tracking_row (Simulation   *sim,
                    HkRng        *rng,
                    const Day    *day,
                    const char   *source,
                    const char   *campaign,
                    guint         product,
                    Post         *post,       /* NULL: unattributed */
                    guint64       user,
                    HkAbGroup     ab_group,
                    gint64       *revenue_out)
{
  Sink *s = &sim->sinks[HK_TABLE_TRACKING];
  char user_id[24];
  guint roll = rng_below (rng, 100);
  gint64 orders = roll < 70 ? 1 : roll < 92 ? 2 : 3;
  gint64 revenue;

  if (rng_chance (rng, RETURN_PERMILLE))
    orders = -orders;
  revenue = orders * (gint64) _hk_sim_products[product].price;

  format_user (sim, user, user_id);
  _hk_sim_sink_text (s, source, -1);
  _hk_sim_sink_text (s, campaign, -1);
  _hk_sim_sink_text (s, _hk_sim_products[product].name, -1);
  if (post)
    {
      _hk_sim_sink_int (s, post->influencer + 1);
      post->orders += orders;
      post->revenue += revenue;
    }
  else
    _hk_sim_sink_empty (s);
  _hk_sim_sink_text (s, user_id, sim->user_digits + 1);
  _hk_sim_sink_date (s, day->day, day->date);
  _hk_sim_sink_int (s, orders);
  _hk_sim_sink_int (s, revenue);
  _hk_sim_sink_text (s, ab_group == HK_AB_EXPOSED ? "exposed" : ab_group == HK_AB_HOLDOUT ? "holdout" : NULL,
                     -1);
  _hk_sim_sink_end_row (s);
  sim->rows_written++;
  if (revenue_out)
    *revenue_out = revenue;
}

/* A post of the holdout campaign active on day (posted in the last LAG_DAYS
 * days), or NULL. */
static Post *
holdout_recent_post (Simulation    *sim,
                     const Holdout *ho,
                     gint32         day,
                     HkRng         *rng)
{
  guint lo = 0, hi = ho->n_posts, first, last;

  /* first post with p->day >= day - LAG_DAYS + 1 */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (sim->posts[ho->posts[mid]].day < day - LAG_DAYS + 1)
        lo = mid + 1;
      else
        hi = mid;
    }
  first = lo;
  hi = ho->n_posts;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (sim->posts[ho->posts[mid]].day <= day)
        lo = mid + 1;
      else
        hi = mid;
    }
  last = lo;
  if (first == last)
    return NULL;
  return &sim->posts[ho->posts[first + rng_below (rng, last - first)]];
}

static void
generate_row (Simulation *sim,
              HkRng      *rng,
              const Day  *day,
              gint32      day_number)
{
  double u = rng_uniform (rng) * day->cumulative[day->n_entries - 1];
  guint lo = 0, hi = day->n_entries - 1;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (day->cumulative[mid] > u)
        hi = mid;
      else
        lo = mid + 1;
    }

  if (lo == 0)
    {
      /* Organic purchase: any brand, no influencer. */
      guint brand = rng_weighted (rng, brand_organic_weight, N_BRANDS);
      guint product = brand_product (rng, brand);
      guint64 user = general_user (sim, rng);

      write_tracking_row (sim, rng, day, _hk_sim_organic_source (rng), NULL, product, NULL, user,
                          HK_AB_NONE, NULL);
    }
  else if (lo <= sim->n_holdouts)
    {
      /* A holdout test's target user buying at the baseline rate, whatever
       * the group; exposed users' purchases are sometimes credited anyway. */
      Holdout *ho = &sim->holdouts[lo - 1];
      const Campaign *c = &sim->campaigns[ho->campaign];
      guint32 target = rng_below (rng, ho->n_targets);
      gboolean holdout = is_holdout_user (ho, target);
      guint product = brand_product (rng, c->brand);
      Post *post = NULL;

      if (!holdout && rng_chance (rng, BASELINE_ATTRIBUTED_PERMILLE))
        post = holdout_recent_post (sim, ho, day_number, rng);
      write_tracking_row (sim, rng, day,
                          post ? _hk_sim_platforms[sim->influencers[post->influencer].platform].source
                               : _hk_sim_organic_source (rng),
                          c->name, product, post, ho->first_user + target,
                          holdout ? HK_AB_HOLDOUT : HK_AB_EXPOSED, NULL);
    }
  else
    {
      Post *post = &sim->posts[day->first_post + lo - 1 - sim->n_holdouts];
      const Campaign *c = &sim->campaigns[post->campaign];
      const char *platform_source = _hk_sim_platforms[sim->influencers[post->influencer].platform].source;
      guint product = rng_below (rng, 100) < 45 ? post->product : brand_product (rng, post->brand);

      if (c->holdout >= 0)
        {
          /* Lift: an exposed user's extra purchase, caused by the campaign. */
          Holdout *ho = &sim->holdouts[c->holdout];
          gboolean credited = rng_chance (rng, LIFT_ATTRIBUTED_PERMILLE);
          guint32 target;
          gint64 revenue;

          do
            target = rng_below (rng, ho->n_targets);
          while (is_holdout_user (ho, target));
          write_tracking_row (sim, rng, day, credited ? platform_source : _hk_sim_organic_source (rng),
                              c->name, product, credited ? post : NULL,
                              ho->first_user + target, HK_AB_EXPOSED, &revenue);
          ho->true_incremental_revenue += revenue;
        }
      else
        write_tracking_row (sim, rng, day, platform_source, c->name, product, post,
                            general_user (sim, rng), HK_AB_NONE, NULL);
    }
}

static const SimColumn tracking_columns[] = {
  KNOWN (TRK_SOURCE), KNOWN (TRK_CAMPAIGN), KNOWN (TRK_PRODUCT), KNOWN (TRK_INFLUENCER),
  KNOWN (TRK_USER), KNOWN (TRK_DATE), KNOWN (TRK_ORDERS), KNOWN (TRK_REVENUE), KNOWN (TRK_AB),
};

gboolean
_hk_sim_write_tracking (Simulation  *sim,
                        GError     **error)
{
  const HkSimulatorOptions *o = sim->options;
  Sink *s = _hk_sim_sink_begin (sim, HK_TABLE_TRACKING, tracking_columns,
                                G_N_ELEMENTS (tracking_columns));
  g_autofree double *cumulative = g_new (double, sim->n_posts + sim->n_holdouts + 1);
  guint lo = 0, hi = 0;
  HkRng rng;

  rng_init (&rng, o->seed, STREAM_TRACKING);

  for (gint32 d = o->start_day; d <= o->end_day; d++)
    {
      guint index = d - o->start_day;
      Day day = { .day = d, .cumulative = cumulative };
      double total = 0;

      if (g_cancellable_set_error_if_cancelled (sim->cancellable, error))
        return FALSE;

      while (lo < sim->n_posts && sim->posts[lo].day <= d - LAG_DAYS)
        lo++;
      while (hi < sim->n_posts && sim->posts[hi].day <= d)
        hi++;

      total += sim->organic_per_day[index];
      cumulative[day.n_entries++] = total;
      for (guint h = 0; h < sim->n_holdouts; h++)
        {
          const Holdout *ho = &sim->holdouts[h];

          if (d >= ho->start_day && d <= ho->end_day)
            total += ho->baseline_per_day;
          cumulative[day.n_entries++] = total;
        }
      day.first_post = lo;
      for (guint i = lo; i < hi; i++)
        {
          total += sim->posts[i].pull * sim->lag_weight[d - sim->posts[i].day];
          cumulative[day.n_entries++] = total;
        }
      hk_date_format_iso (d, day.date);

      for (guint64 r = 0; r < sim->rows_per_day[index]; r++)
        {
          generate_row (sim, &rng, &day, d);
          if ((r & 0xffff) == 0xffff)
            {
              if (g_cancellable_set_error_if_cancelled (sim->cancellable, error))
                return FALSE;
              _hk_sim_report_progress (sim, 0.05 + 0.9 * sim->rows_written / o->n_tracking_rows);
            }
        }
      _hk_sim_report_progress (sim, 0.05 + 0.9 * sim->rows_written / o->n_tracking_rows);
    }
  g_assert (sim->rows_written == o->n_tracking_rows);
  _hk_sim_sink_end (s);
  return TRUE;
}
