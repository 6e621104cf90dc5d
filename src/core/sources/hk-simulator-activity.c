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
#define RETURN_PERMILLE              12
/* A campaign takes at most this share of its audience's purchases. */
#define CAPTURE_CAP                  0.6
#define MAX_UNITS                    10000

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

/* The post's campaign: one of its brand variant's running on its day; on a
 * day none runs, the nearest one, on a day of it drawn afresh. */
static void
place_post (const Simulation *sim,
            Post             *p,
            guint             variant,
            HkRng            *rng)
{
  gsize bv = (gsize) p->brand * sim->n_variants + variant;
  gint32 day = p->day;
  const guint32 *slots = running_campaigns (sim, p->brand, variant, day);
  guint n = 0;

  if (slots[0] == 0)
    {
      day = sim->nearest[bv * sim->n_days + (day - sim->options->start_day)];
      slots = running_campaigns (sim, p->brand, variant, day);
    }
  while (n < MAX_RUNNING && slots[n] != 0)
    n++;
  g_assert (n > 0);
  p->campaign = slots[n > 1 ? rng_below (rng, n) : 0] - 1;
  if (day != p->day)
    p->day = (gint32) rng_range (rng, sim->campaigns[p->campaign].start_day,
                                 sim->campaigns[p->campaign].end_day);
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
          p->platform = inf->platform;
          /* Stratified over the window: a steady cadence with jitter. */
          p->day = first + (gint32) floor ((k + rng_uniform (&rng)) * window / inf->n_posts);
          p->day = MIN (p->day, inf->window_end);
          p->brand = inf->brands[slot];
          place_post (sim, p, inf->variants[slot], &rng);
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
      _hk_sim_sink_id (s, SIM_ID_POST, i + 1);
      _hk_sim_sink_id (s, SIM_ID_INFLUENCER, p->influencer + 1);
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

/* Expected units of a purchase, returns netted: 1-3 units, times the
 * basket multiplier when there is one (summed over its normal quantiles). */
static double
expected_units (double sigma)
{
  static const double base[3] = { 0.70, 0.22, 0.08 };
  double sum = 0;

  for (guint b = 0; b < 3; b++)
    {
      double units = b + 1;

      if (sigma > 0)
        {
          double weight_sum = 0;

          units = 0;
          for (int i = -800; i <= 800; i++)
            {
              double z = i / 100.0;
              double weight = _hk_sim_det_exp (-z * z / 2);
              double m = (b + 1) * _hk_sim_det_exp (-sigma * sigma / 2 + sigma * z);

              units += weight * MIN (MAX_UNITS, MAX (1, floor (m + 0.5)));
              weight_sum += weight;
            }
          units /= weight_sum;
        }
      sum += base[b] * units;
    }
  return sum * (1 - 2 * RETURN_PERMILLE / 1000.0);
}

/* The lag weights, and the expected organic rows of each day: weekday
 * pattern, pay-day bump, a slow upward trend, sale and festive peaks. */
static void
plan_organic (Simulation *sim)
{
  const HkSimulatorOptions *o = sim->options;
  guint64 n_rows = o->n_tracking_rows;
  double factor_sum = 0;
  guint lag_total = 0;

  for (guint l = 0; l < LAG_DAYS; l++)
    lag_total += lag_profile[l];
  for (guint l = 0; l < LAG_DAYS; l++)
    sim->lag_weight[l] = (double) lag_profile[l] / lag_total;

  sim->day_factor = g_new (double, sim->n_days);
  sim->sale_factor = g_new (double, sim->n_days);
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
      sim->sale_factor[i] = _hk_sim_sale_factor (day);
      sim->day_factor[i] = f * sim->sale_factor[i];
      factor_sum += sim->day_factor[i];
    }
  for (guint i = 0; i < sim->n_days; i++)
    {
      sim->day_factor[i] *= sim->n_days / factor_sum;
      sim->organic_per_day[i] = ORGANIC_SHARE * n_rows / sim->n_days * sim->day_factor[i];
    }
  sim->units_mean = expected_units (o->basket_sigma);
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
  /* Text ids: the same users, zero-padded to 8 digits as many CRMs write
   * them (U00196928): 9 bytes, one more than the pools keep inline. */
  if (sim->options->text_ids)
    sim->user_digits = MAX (sim->user_digits, 8);
}

/* The organic purchases of brand on a day (index). The test users' own come
 * on top: taken out of these, they left the brand's other customers a
 * quarter of their demand whenever the brand was tested. */
static double
general_organic (const Simulation *sim,
                 guint             index,
                 guint             brand)
{
  return sim->organic_per_day[index] * brand_organic_weight[brand] / 100.0;
}

/* Fixes the rows of each day (and the mixture they are drawn from), the
 * holdout tests and the users before a row is written. Purchases a post is
 * credited for though they would have happened anyway are part of the
 * organic or test users' purchases: they add no row. */
void
_hk_sim_plan_tracking (Simulation *sim)
{
  const HkSimulatorOptions *o = sim->options;
  guint64 n_rows = o->n_tracking_rows;
  g_autofree double *expected = g_new0 (double, sim->n_days);

  plan_organic (sim);
  scale_pulls (sim);

  /* Users: a general population sized to the row count, then one block of
   * target users per holdout test. */
  sim->n_general_users = (guint32) MAX (64, n_rows / 3);
  sim->n_loyal_users = MAX (1, sim->n_general_users / 10);
  sim->n_users = sim->n_general_users;
  _hk_sim_plan_audiences (sim, expected);
  plan_user_ids (sim);
  for (guint i = 0; i < sim->n_days; i++)
    for (guint b = 0; b < N_BRANDS; b++)
      expected[i] += general_organic (sim, i, b);

  for (guint i = 0; i < sim->n_posts; i++)
    {
      const Post *p = &sim->posts[i];
      double lift = sim->campaigns[p->campaign].lift;

      for (gint32 l = 0; l < LAG_DAYS && p->day + l <= o->end_day; l++)
        expected[p->day + l - o->start_day] += p->pull * lift * sim->lag_weight[l];
    }

  sim->rows_per_day = g_new (guint64, sim->n_days);
  _hk_sim_apportion (n_rows, expected, NULL, sim->n_days, sim->rows_per_day);
}

/* Expected revenue of a purchase following post (its product is the one it
 * features 45% of the time, else one of its brand by popularity). */
double
_hk_sim_row_value (const Simulation *sim,
                   const Post       *post)
{
  guint first = _hk_sim_brand_first_product[post->brand];
  guint last = _hk_sim_brand_first_product[post->brand + 1];
  double price_sum = 0, weight_sum = 0;

  for (guint i = first; i < last; i++)
    {
      price_sum += (double) _hk_sim_products[i].price * _hk_sim_products[i].popularity;
      weight_sum += _hk_sim_products[i].popularity;
    }
  return sim->units_mean * (0.45 * _hk_sim_products[post->product].price + 0.55 * price_sum / weight_sum);
}

/* ---------------------------------------------------------------------- */
/* Tracking rows                                                            */

/* A day's mixture: organic purchases of each brand, the test users' own
 * purchases (exposed, holdout), then the posts of the last LAG_DAYS days.
 * cumulative[k] ends entry k; for a post's entry, caused_end[] ends the part
 * it caused and the rest is what it is credited for anyway. */
typedef struct {
  gint32  day;
  char    date[HK_DATE_ISO_LEN];
  double *cumulative;
  double *caused_end;
  double *kept;       /* per campaign: capture wanted, then the share kept */
  guint  *touched;    /* the campaigns of the day's posts */
  double *wanted;     /* what each of those would capture */
  guint   n_entries;
  guint   first_post;
  guint   first_post_entry;
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

  if (sim->options->basket_sigma > 0)
    {
      double sigma = sim->options->basket_sigma;
      double m = orders * _hk_sim_rng_lognormal (rng, -sigma * sigma / 2, sigma);

      orders = (gint64) MIN (MAX_UNITS, MAX (1, floor (m + 0.5)));
    }
  if (rng_chance (rng, RETURN_PERMILLE))
    orders = -orders;
  revenue = orders * (gint64) _hk_sim_products[product].price;

  format_user (sim, user, user_id);
  _hk_sim_sink_text (s, source, -1);
  _hk_sim_sink_text (s, campaign, -1);
  _hk_sim_sink_text (s, sim->product_names[product] ? sim->product_names[product]
                                                     : _hk_sim_products[product].name, -1);
  if (post)
    {
      _hk_sim_sink_id (s, SIM_ID_INFLUENCER, post->influencer + 1);
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

/* A purchase following post: caused by it (credited to it or looking
 * organic) or credited to it though it would have happened anyway. A tested
 * campaign's purchases are its exposed users'. */
static void
write_post_row (Simulation *sim,
                HkRng      *rng,
                const Day  *day,
                Post       *post,
                gboolean    caused)
{
  Campaign *c = &sim->campaigns[post->campaign];
  const char *platform_source = _hk_sim_platforms[post->platform].source;
  guint product = rng_below (rng, 100) < 45 ? post->product : brand_product (rng, post->brand);
  gboolean credited = !caused || rng_chance (rng, c->credit_permille);
  guint64 user;
  HkAbGroup group = HK_AB_NONE;
  gint64 revenue;

  if (c->holdout >= 0)
    {
      const Holdout *ho = &sim->holdouts[c->holdout];

      user = ho->first_user + rng_below (rng, ho->n_exposed);
      group = HK_AB_EXPOSED;
    }
  else
    user = general_user (sim, rng);
  write_tracking_row (sim, rng, day, credited ? platform_source : _hk_sim_organic_source (rng),
                      credited ? c->name : NULL, product, credited ? post : NULL, user, group, &revenue);
  if (caused)
    c->caused_revenue += revenue;
  else
    c->captured_revenue += revenue;
  if (credited)
    c->credited_revenue += revenue;
}

static void
generate_row (Simulation *sim,
              HkRng      *rng,
              const Day  *day)
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

  if (lo < N_BRANDS)
    {
      /* Organic purchase: no influencer, no campaign. */
      guint product = brand_product (rng, lo);
      guint64 user = general_user (sim, rng);

      write_tracking_row (sim, rng, day, _hk_sim_organic_source (rng), NULL, product, NULL, user,
                          HK_AB_NONE, NULL);
    }
  else if (lo < day->first_post_entry)
    {
      /* A test user's own purchase of the test's brand, whatever the group,
       * before, during or after the test; in its window it carries the
       * group. */
      const Holdout *ho = &sim->holdouts[(lo - N_BRANDS) / 2];
      gboolean holdout = (lo - N_BRANDS) % 2 == 1;
      guint32 target = holdout ? ho->n_exposed + rng_below (rng, ho->n_holdout)
                               : rng_below (rng, ho->n_exposed);
      gboolean in_window = day->day >= ho->start_day && day->day <= ho->end_day;
      guint product = brand_product (rng, sim->campaigns[ho->campaign].brand);

      write_tracking_row (sim, rng, day, _hk_sim_organic_source (rng), NULL, product, NULL,
                          ho->first_user + target,
                          !in_window ? HK_AB_NONE : holdout ? HK_AB_HOLDOUT : HK_AB_EXPOSED, NULL);
    }
  else
    {
      guint k = lo - day->first_post_entry;

      write_post_row (sim, rng, day, &sim->posts[day->first_post + k], u < day->caused_end[k]);
    }
}

/* How much of what each campaign of the day's posts would capture it keeps,
 * into day->kept; takes it out of the purchases it is captured from. Each
 * campaign, tested or not, captures at most CAPTURE_CAP of its own
 * audience's purchases: a tested one's audience is its exposed users, an
 * untested one's a slice of its brand's organic purchases sized alike. The
 * audiences overlap: where the campaigns of a brand together would take more
 * than CAPTURE_CAP of its organic purchases, they compete for the last click
 * and each keeps less, tested or not, so that a test does not change how
 * over-attributed its campaign is (DESIGN.md §4). */
static void
keep_capture (Simulation *sim,
              Day        *day,
              guint       lo,
              guint       hi,
              double     *general,
              double     *exposed)
{
  guint index = day->day - sim->options->start_day;
  double factor = sim->day_factor[index], sale = sim->sale_factor[index];
  double brand_kept[N_BRANDS] = { 0, };
  guint n_touched = 0;

  for (guint i = lo; i < hi; i++)
    day->kept[sim->posts[i].campaign] = -1; /* not seen yet */
  for (guint i = lo; i < hi; i++)
    {
      const Post *p = &sim->posts[i];
      const Campaign *c = &sim->campaigns[p->campaign];

      if (day->kept[p->campaign] < 0)
        {
          day->kept[p->campaign] = 0;
          day->touched[n_touched++] = p->campaign;
        }
      day->kept[p->campaign] += c->capture * p->pull * sim->lag_weight[day->day - p->day] * sale;
    }

  /* day->kept[] becomes the share of it kept */
  for (guint t = 0; t < n_touched; t++)
    {
      const Campaign *c = &sim->campaigns[day->touched[t]];
      double audience = c->holdout >= 0 ? exposed[c->holdout] : c->audience_rate * factor;
      double *share = &day->kept[day->touched[t]];
      double kept = MIN (*share, CAPTURE_CAP * audience);

      day->wanted[t] = *share;
      brand_kept[c->brand] += kept;
      *share = *share > 0 ? kept / *share : 0;
    }
  /* brand_kept[] becomes the factor every campaign of the brand keeps it at */
  for (guint b = 0; b < N_BRANDS; b++)
    {
      double limit = CAPTURE_CAP * general[b];

      brand_kept[b] = brand_kept[b] > limit ? limit / brand_kept[b] : 1;
    }
  for (guint t = 0; t < n_touched; t++)
    {
      const Campaign *c = &sim->campaigns[day->touched[t]];
      double *share = &day->kept[day->touched[t]];

      *share *= brand_kept[c->brand];
      *(c->holdout >= 0 ? &exposed[c->holdout] : &general[c->brand]) -= *share * day->wanted[t];
    }
}

/* Builds day's mixture from the posts lo .. hi - 1 (those of the last
 * LAG_DAYS days). */
static void
build_day (Simulation *sim,
           Day        *day,
           guint       lo,
           guint       hi)
{
  guint index = day->day - sim->options->start_day;
  double sale = sim->sale_factor[index], total = 0;
  double general[N_BRANDS], exposed[MAX_HOLDOUTS];

  for (guint b = 0; b < N_BRANDS; b++)
    general[b] = general_organic (sim, index, b);
  for (guint h = 0; h < sim->n_holdouts; h++)
    exposed[h] = sim->holdouts[h].baseline_rate * sim->holdouts[h].n_exposed * sim->day_factor[index];
  keep_capture (sim, day, lo, hi, general, exposed);

  day->n_entries = 0;
  for (guint b = 0; b < N_BRANDS; b++)
    {
      total += general[b];
      day->cumulative[day->n_entries++] = total;
    }
  for (guint h = 0; h < sim->n_holdouts; h++)
    {
      const Holdout *ho = &sim->holdouts[h];

      total += exposed[h];
      day->cumulative[day->n_entries++] = total;
      total += ho->baseline_rate * ho->n_holdout * sim->day_factor[index];
      day->cumulative[day->n_entries++] = total;
    }
  day->first_post = lo;
  day->first_post_entry = day->n_entries;
  for (guint i = lo; i < hi; i++)
    {
      const Post *p = &sim->posts[i];
      const Campaign *c = &sim->campaigns[p->campaign];
      double lag = sim->lag_weight[day->day - p->day];

      total += p->pull * c->lift * lag;
      day->caused_end[i - lo] = total;
      total += c->capture * p->pull * lag * sale * day->kept[p->campaign];
      day->cumulative[day->n_entries++] = total;
    }
}

/* What the posts of the day are expected to bring (the truth of the
 * influencers): the day's rows times each post's share of the mixture. */
static void
expect_day (Simulation *sim,
            const Day  *day,
            guint64     rows)
{
  double per_weight = rows / day->cumulative[day->n_entries - 1];

  for (guint e = day->first_post_entry; e < day->n_entries; e++)
    {
      guint k = e - day->first_post_entry;
      Post *p = &sim->posts[day->first_post + k];
      double caused = day->caused_end[k] - day->cumulative[e - 1];
      double captured = day->cumulative[e] - day->caused_end[k];

      PostExpectation *x = &sim->expected[day->first_post + k];

      x->caused += per_weight * caused;
      x->credited += per_weight * (caused * sim->campaigns[p->campaign].credit_permille / 1000.0 +
                                            captured);
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
  guint n_entries = sim->n_posts + N_BRANDS + 2 * sim->n_holdouts;
  g_autofree double *cumulative = g_new (double, n_entries);

  sim->expected = g_new0 (PostExpectation, MAX (1, sim->n_posts));
  g_autofree double *caused_end = g_new (double, MAX (1, sim->n_posts));
  g_autofree double *kept = g_new0 (double, sim->n_campaigns);
  g_autofree guint *touched = g_new (guint, sim->n_campaigns);
  g_autofree double *wanted = g_new (double, sim->n_campaigns);
  guint lo = 0, hi = 0;
  HkRng rng;

  rng_init (&rng, o->seed, STREAM_TRACKING);

  for (gint32 d = o->start_day; d <= o->end_day; d++)
    {
      guint index = d - o->start_day;
      Day day = { .day = d, .cumulative = cumulative, .caused_end = caused_end,
                  .kept = kept, .touched = touched, .wanted = wanted };

      if (g_cancellable_set_error_if_cancelled (sim->cancellable, error))
        return FALSE;

      while (lo < sim->n_posts && sim->posts[lo].day <= d - LAG_DAYS)
        lo++;
      while (hi < sim->n_posts && sim->posts[hi].day <= d)
        hi++;
      build_day (sim, &day, lo, hi);
      expect_day (sim, &day, sim->rows_per_day[index]);
      hk_date_format_iso (d, day.date);

      for (guint64 r = 0; r < sim->rows_per_day[index]; r++)
        {
          generate_row (sim, &rng, &day);
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
