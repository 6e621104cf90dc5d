/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>
#include <string.h>

#include "hk-date.h"
#include "hk-simulator-private.h"

/* A campaign's audience (a test's target users): purchases per user over the
 * campaign's window that would happen anyway (baseline, both groups of a
 * test) and extra purchases per exposed user (the lift). */
#define BASELINE_PER_USER 0.35
#define LIFT_PER_USER     0.25
#define MIN_EXPOSED_USERS 150

/* ---------------------------------------------------------------------- */
/* Sale and festive peaks                                                   */

/* Diwali (Lakshmi Puja), as month * 100 + day, 2015-2030; other years take
 * the first of November. */
static const guint16 diwali[] = {
  1111, 1030, 1019, 1107, 1027, 1114, 1104, 1024, 1112, 1031, 1020, 1108, 1029, 1017, 1105, 1026,
};

typedef struct {
  guint8  month, first, last; /* days of the month */
  guint8  percent;            /* demand, relative */
} Sale;

/* Online sales every year, all brands. */
static const Sale sales[] = {
  { 1, 20, 26, 135 },  /* Republic Day sale */
  { 5, 20, 24, 140 },  /* summer sale */
  { 8, 8, 15, 145 },   /* Independence Day sale */
  { 12, 25, 31, 130 }, /* year-end sale */
};

/* How much a day's organic demand is moved by sales and festivals (1: not). */
double
_hk_sim_sale_factor (gint32 day)
{
  int y, m, d;
  gint32 festival;
  double f = 1;

  hk_date_to_ymd (day, &y, &m, &d);
  for (guint i = 0; i < G_N_ELEMENTS (sales); i++)
    if (m == sales[i].month && d >= sales[i].first && d <= sales[i].last)
      f = sales[i].percent / 100.0;

  /* Diwali: a six-day festive sale four weeks before, the shopping of the
   * twelve days before (most in the last four), a quiet day or two after. */
  festival = y >= 2015 && y <= 2030 ? hk_date_from_ymd (y, diwali[y - 2015] / 100, diwali[y - 2015] % 100)
                                    : hk_date_from_ymd (y, 11, 1);
  if (day >= festival - 28 && day < festival - 22)
    f = MAX (f, 1.6);
  else if (day >= festival - 4 && day < festival)
    f = 1.8;
  else if (day >= festival - 12 && day < festival)
    f = MAX (f, 1.45);
  else if (day == festival)
    f = 1.2;
  else if (day > festival && day <= festival + 2)
    f = 0.8;
  return f;
}

/* ---------------------------------------------------------------------- */
/* Campaigns: one per brand, season (two calendar months) and variant        */

/* Purchases its posts are credited for though they would have happened
 * anyway, per purchase they cause: a brand's typical figure (more organic
 * demand to capture for the bigger brands), varying by campaign. */
static const double brand_capture[N_BRANDS] = { 0.55, 0.45, 0.35 };

/* Each campaign starts and ends a few days off its season's edges, drawn:
 * the brand's campaigns sometimes overlap and sometimes leave gaps. */
static void
place_campaign (Campaign *c,
                HkRng    *rng,
                gint32    season_start,
                gint32    season_end,
                gint32    period_start,
                gint32    period_end)
{
  gint32 jitter = MAX (1, (season_end - season_start + 1) / 4);

  c->start_day = season_start + (gint32) rng_range (rng, -jitter * 2 / 3, jitter);
  c->end_day = season_end + (gint32) rng_range (rng, -jitter, jitter * 2 / 3);
  c->start_day = CLAMP (c->start_day, period_start, season_end);
  c->end_day = CLAMP (c->end_day, c->start_day, period_end);
  c->capture = CLAMP (brand_capture[c->brand] * _hk_sim_rng_lognormal (rng, 0, 0.35), 0.05, 2.0);
  c->credit_permille = (guint) rng_range (rng, 650, 900);
  c->lift = 1;
}

/* Which campaigns run on each day, per brand variant, and the nearest day
 * one runs. */
static void
map_running (Simulation *sim)
{
  const HkSimulatorOptions *o = sim->options;
  guint n_bv = N_BRANDS * sim->n_variants;

  sim->running = g_new0 (guint32, (gsize) n_bv * sim->n_days * MAX_RUNNING);
  sim->nearest = g_new (gint32, (gsize) n_bv * sim->n_days);
  for (guint c = 0; c < sim->n_campaigns; c++)
    {
      const Campaign *camp = &sim->campaigns[c];

      for (gint32 d = camp->start_day; d <= camp->end_day; d++)
        {
          guint32 *slots = (guint32 *) running_campaigns (sim, camp->brand, camp->variant, d);
          guint k = 0;

          while (k < MAX_RUNNING && slots[k] != 0)
            k++;
          if (k < MAX_RUNNING)
            slots[k] = c + 1;
        }
    }
  for (guint bv = 0; bv < n_bv; bv++)
    {
      const guint32 *slots = sim->running + (gsize) bv * sim->n_days * MAX_RUNNING;
      gint32 *nearest = sim->nearest + (gsize) bv * sim->n_days;
      gint32 last = G_MININT32 / 2;

      for (guint i = 0; i < sim->n_days; i++)
        {
          if (slots[i * MAX_RUNNING] != 0)
            last = o->start_day + i;
          nearest[i] = last;
        }
      last = G_MAXINT32 / 2;
      for (guint i = sim->n_days; i-- > 0;)
        {
          gint32 day = o->start_day + i;

          if (slots[i * MAX_RUNNING] != 0)
            last = day;
          /* the later one on a tie */
          if (last - day <= day - nearest[i])
            nearest[i] = last;
        }
    }
}

void
_hk_sim_generate_campaigns (Simulation *sim)
{
  const HkSimulatorOptions *o = sim->options;
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (gint32));
  HkRng rng;
  int y, m, d;

  rng_init (&rng, o->seed, STREAM_CAMPAIGNS);
  sim->day_season = g_new (guint8, sim->n_days);
  sim->day_segment = g_new (guint16, sim->n_days);
  for (gint32 day = o->start_day; day <= o->end_day; day++)
    {
      guint index = day - o->start_day;

      hk_date_to_ymd (day, &y, &m, &d);
      if (day == o->start_day || (d == 1 && m % 2 == 1))
        g_array_append_val (starts, day);
      sim->day_season[index] = (m - 1) / 2;
      sim->day_segment[index] = starts->len - 1;
    }
  sim->n_segments = starts->len;
  sim->segment_start = (gint32 *) (void *) g_array_free (starts, FALSE);

  /* More concurrent campaigns for bigger datasets, so that one campaign
   * (and a holdout test) stays a few percent of the data. */
  sim->n_variants = CLAMP (o->n_posts / 15000 + 1, 1, MAX_VARIANTS);
  sim->n_campaigns = sim->n_segments * N_BRANDS * sim->n_variants;
  sim->campaigns = g_new0 (Campaign, sim->n_campaigns);
  for (guint s = 0; s < sim->n_segments; s++)
    {
      gint32 start = sim->segment_start[s];
      gint32 end = s + 1 < sim->n_segments ? sim->segment_start[s + 1] - 1 : o->end_day;
      guint season = sim->day_season[start - o->start_day];

      hk_date_to_ymd (start, &y, &m, &d);
      for (guint b = 0; b < N_BRANDS; b++)
        for (guint v = 0; v < sim->n_variants; v++)
          {
            Campaign *c = &sim->campaigns[(s * N_BRANDS + b) * sim->n_variants + v];

            c->theme = _hk_sim_campaign_theme (b, season, v);
            c->name = _hk_sim_campaign_name (sim, b, c->theme, y, v);
            c->brand = b;
            c->variant = v;
            c->holdout = -1;
            place_campaign (c, &rng, start, end, o->start_day, o->end_day);
          }
    }
  map_running (sim);
}

/* ---------------------------------------------------------------------- */
/* Influencers                                                              */

void
_hk_sim_generate_influencers (Simulation *sim)
{
  const HkSimulatorOptions *o = sim->options;
  guint16 platform_weights[N_PLATFORMS], category_weights[N_CATEGORIES];
  HkRng rng;

  rng_init (&rng, o->seed, STREAM_INFLUENCERS);
  for (guint i = 0; i < N_PLATFORMS; i++)
    platform_weights[i] = _hk_sim_platforms[i].weight;
  for (guint i = 0; i < N_CATEGORIES; i++)
    category_weights[i] = _hk_sim_categories[i].weight;

  sim->n_influencers = o->n_influencers;
  sim->influencers = g_new0 (Influencer, sim->n_influencers);
  for (guint i = 0; i < sim->n_influencers; i++)
    {
      Influencer *inf = &sim->influencers[i];
      const Category *cat;
      double followers;
      guint roll;

      inf->category = rng_weighted (&rng, category_weights, N_CATEGORIES);
      cat = &_hk_sim_categories[inf->category];
      inf->gender = rng_below (&rng, 100) < cat->male_percent ? 0 : 1;
      inf->first_name = rng_below (&rng, N_FIRST_NAMES);
      inf->last_name = rng_below (&rng, N_LAST_NAMES);
      inf->handle_style = rng_below (&rng, 6);
      inf->handle_number = rng_range (&rng, 1, 99);
      inf->platform = rng_weighted (&rng, platform_weights, N_PLATFORMS);
      inf->city = rng_weighted (&rng, _hk_sim_city_weights, N_CITIES);
      inf->age_group = rng_weighted (&rng, _hk_sim_age_group_weights, N_AGE_GROUPS);

      /* Log-normal around 20k: ~35% nano, ~47% micro, ~17% macro, ~1.5% mega. */
      followers = _hk_sim_rng_lognormal (&rng, 9.9, 1.75);
      inf->followers = (guint32) CLAMP (floor (followers), 300, 50000000);

      /* Conversion quality: most near 1, some duds and a few stars. */
      inf->quality = _hk_sim_rng_lognormal (&rng, 0, 0.35);
      roll = rng_below (&rng, 100);
      if (roll < 6)
        inf->quality *= 0.12;
      else if (roll < 12)
        inf->quality *= 2.5;

      /* Activity: regulars and occasional posters. */
      inf->activity = _hk_sim_rng_lognormal (&rng, 0, 0.4) *
                      _hk_sim_platforms[inf->platform].activity;
      if (rng_below (&rng, 100) < 25)
        inf->activity *= 0.4;

      inf->brands[0] = rng_weighted (&rng, cat->brand_weight, N_BRANDS);
      inf->n_brands = 1;
      if (rng_below (&rng, 100) < 35)
        {
          guint16 others[N_BRANDS];

          memcpy (others, cat->brand_weight, sizeof others);
          others[inf->brands[0]] = 0;
          inf->brands[1] = rng_weighted (&rng, others, N_BRANDS);
          inf->n_brands = 2;
        }
      for (guint b = 0; b < inf->n_brands; b++)
        inf->variants[b] = rng_below (&rng, sim->n_variants);

      /* Active window: some start late, some stop early. */
      inf->window_start = o->start_day;
      inf->window_end = o->end_day;
      if (rng_below (&rng, 100) < 30)
        inf->window_start += rng_below (&rng, sim->n_days / 2 + 1);
      if (rng_below (&rng, 100) < 20)
        inf->window_end -= rng_below (&rng, sim->n_days * 3 / 10 + 1);
      if (inf->window_end < inf->window_start)
        inf->window_end = inf->window_start;

      inf->force_overpaid = rng_below (&rng, 1000) < 30;
    }
}

static const SimColumn influencer_columns[] = {
  KNOWN (INF_ID), KNOWN (INF_NAME), KNOWN (INF_CATEGORY), KNOWN (INF_GENDER),
  KNOWN (INF_FOLLOWERS), KNOWN (INF_PLATFORM), KNOWN (INF_CITY), KNOWN (INF_AGE_GROUP),
};

void
_hk_sim_write_influencers (Simulation *sim)
{
  Sink *s = _hk_sim_sink_begin (sim, HK_TABLE_INFLUENCERS, influencer_columns,
                                G_N_ELEMENTS (influencer_columns));

  for (guint i = 0; i < sim->n_influencers; i++)
    {
      const Influencer *inf = &sim->influencers[i];

      _hk_sim_format_name (sim->scratch, inf);
      _hk_sim_sink_id (s, SIM_ID_INFLUENCER, i + 1);
      _hk_sim_sink_text (s, sim->scratch->str, sim->scratch->len);
      _hk_sim_sink_text (s, _hk_sim_categories[inf->category].name, -1);
      _hk_sim_sink_text (s, inf->gender == 0 ? "Male" : "Female", -1);
      _hk_sim_sink_int (s, inf->followers);
      _hk_sim_sink_text (s, _hk_sim_platforms[inf->platform].name, -1);
      _hk_sim_sink_text (s, _hk_sim_cities[inf->city], -1);
      _hk_sim_sink_text (s, _hk_sim_age_groups[inf->age_group], -1);
      _hk_sim_sink_end_row (s);
    }
  _hk_sim_sink_end (s);
}

/* ---------------------------------------------------------------------- */
/* Holdout tests: the campaigns, their users, the truth                     */

static int
compare_holdout_candidates (gconstpointer a,
                            gconstpointer b,
                            gpointer      user_data)
{
  const Simulation *sim = user_data;
  const Campaign *ca = &sim->campaigns[*(const guint *) a];
  const Campaign *cb = &sim->campaigns[*(const guint *) b];
  gboolean full_a = ca->end_day - ca->start_day >= 45;
  gboolean full_b = cb->end_day - cb->start_day >= 45;

  if (full_a != full_b)
    return full_a ? -1 : 1;
  if (ca->n_posts != cb->n_posts)
    return ca->n_posts > cb->n_posts ? -1 : 1;
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

static void
choose_holdouts (Simulation *sim)
{
  guint64 n_rows = sim->options->n_tracking_rows;
  guint wanted = 1 + (n_rows >= 200000) + (n_rows >= 2000000);

  G_STATIC_ASSERT (MAX_HOLDOUTS >= 3);
  g_autofree guint *candidates = g_new (guint, sim->n_campaigns);
  g_autofree guint8 *taken = g_new0 (guint8, sim->n_campaigns);
  guint n_candidates = 0;
  gboolean brand_used[N_BRANDS] = { FALSE, };

  for (guint c = 0; c < sim->n_campaigns; c++)
    if (sim->campaigns[c].n_posts > 0)
      candidates[n_candidates++] = c;
  g_assert (n_candidates > 0);
  g_qsort_with_data (candidates, n_candidates, sizeof (guint), compare_holdout_candidates, sim);

  sim->holdouts = g_new0 (Holdout, wanted);
  /* Best candidates first, one per brand, then whatever is left. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n_candidates && sim->n_holdouts < wanted; i++)
      {
        Campaign *c = &sim->campaigns[candidates[i]];

        if (taken[candidates[i]] || (pass == 0 && brand_used[c->brand]))
          continue;
        taken[candidates[i]] = TRUE;
        brand_used[c->brand] = TRUE;
        c->holdout = sim->n_holdouts;
        sim->holdouts[sim->n_holdouts++].campaign = candidates[i];
      }
}

/* The users a campaign's posts reach: enough to take what they are expected
 * to cause at LIFT_PER_USER each. A test exposes as many. */
static guint64
audience_users (double caused)
{
  return MAX (MIN_EXPOSED_USERS, (guint64) ceil (caused / LIFT_PER_USER));
}

/* A campaign's window: its days and the lag of its last posts. */
static gint32
window_end (const Simulation *sim,
            const Campaign   *c)
{
  return MIN (c->end_day + LAG_DAYS - 1, sim->options->end_day);
}

/* Purchases per user on a day of factor 1: BASELINE_PER_USER over the
 * window, on its days' demand. */
static double
baseline_rate (const Simulation *sim,
               const Campaign   *c)
{
  double factor_sum = 0;

  for (gint32 day = c->start_day; day <= window_end (sim, c); day++)
    factor_sum += sim->day_factor[day - sim->options->start_day];
  return BASELINE_PER_USER / factor_sum;
}

/* A test's window, posts and users: its campaign's audience exposed (whatever
 * options->test_lift makes of the lift), in a block of user indices from
 * sim->n_users on. */
static void
size_holdout (Simulation *sim,
              Holdout    *ho,
              double      caused)
{
  const HkSimulatorOptions *o = sim->options;
  Campaign *c = &sim->campaigns[ho->campaign];
  guint64 exposed = audience_users (caused);

  ho->start_day = c->start_day;
  ho->end_day = window_end (sim, c);
  ho->posts = g_new (guint32, c->n_posts);
  for (guint i = 0; i < sim->n_posts; i++)
    if (sim->posts[i].campaign == ho->campaign)
      ho->posts[ho->n_posts++] = i;
  g_assert (ho->n_posts == c->n_posts);

  if (o->n_holdout_users > 0)
    ho->n_holdout = o->n_holdout_users;
  else
    {
      guint percent = exposed >= 50000 ? 10 : 15;
      guint64 targets = (exposed * 100 + (100 - percent) - 1) / (100 - percent);

      ho->n_holdout = (guint32) ((targets * percent) / 100);
      exposed = targets - ho->n_holdout;
    }
  ho->n_exposed = (guint32) exposed;
  ho->n_targets = ho->n_exposed + ho->n_holdout;
  ho->first_user = sim->n_users;
  sim->n_users += ho->n_targets;

  /* The same rate before and after the window. */
  ho->baseline_rate = baseline_rate (sim, c);
  c->audience_rate = ho->baseline_rate * ho->n_exposed;
  c->lift = o->test_lift;
}

/* Once the posts' pulls are final and the general users counted: every
 * campaign's audience, the tests (chosen and sized; their users'
 * purchases, all through the period, added to expected: rows per day). */
void
_hk_sim_plan_audiences (Simulation *sim,
                        double     *expected)
{
  const HkSimulatorOptions *o = sim->options;
  g_autofree double *caused = g_new0 (double, sim->n_campaigns);

  for (guint i = 0; i < sim->n_posts; i++)
    {
      const Post *p = &sim->posts[i];

      for (gint32 l = 0; l < LAG_DAYS && p->day + l <= o->end_day; l++)
        caused[p->campaign] += p->pull * sim->lag_weight[l];
    }
  for (guint c = 0; c < sim->n_campaigns; c++)
    if (sim->campaigns[c].n_posts > 0)
      sim->campaigns[c].audience_rate = baseline_rate (sim, &sim->campaigns[c]) *
                                        audience_users (caused[c]);

  choose_holdouts (sim);
  for (guint h = 0; h < sim->n_holdouts; h++)
    {
      const Holdout *ho = &sim->holdouts[h];

      size_holdout (sim, &sim->holdouts[h], caused[ho->campaign]);
      for (guint i = 0; i < sim->n_days; i++)
        expected[i] += ho->baseline_rate * ho->n_targets * sim->day_factor[i];
    }
}

static const SimColumn holdout_columns[] = {
  KNOWN (HO_CAMPAIGN), KNOWN (HO_BRAND), KNOWN (HO_GROUP), KNOWN (HO_USERS),
  KNOWN (HO_START), KNOWN (HO_END),
};

void
_hk_sim_write_holdouts (Simulation *sim)
{
  Sink *s = _hk_sim_sink_begin (sim, HK_TABLE_HOLDOUT, holdout_columns,
                                G_N_ELEMENTS (holdout_columns));

  for (guint h = 0; h < sim->n_holdouts; h++)
    {
      const Holdout *ho = &sim->holdouts[h];
      const Campaign *c = &sim->campaigns[ho->campaign];
      char start[HK_DATE_ISO_LEN], end[HK_DATE_ISO_LEN];

      hk_date_format_iso (ho->start_day, start);
      hk_date_format_iso (ho->end_day, end);
      for (guint g = 0; g < 2; g++)
        {
          _hk_sim_sink_text (s, c->name, -1);
          _hk_sim_sink_text (s, hk_known_brands[c->brand], -1);
          _hk_sim_sink_text (s, g == 0 ? "exposed" : "holdout", -1);
          _hk_sim_sink_int (s, g == 0 ? ho->n_exposed : ho->n_holdout);
          _hk_sim_sink_date (s, ho->start_day, start);
          _hk_sim_sink_date (s, ho->end_day, end);
          _hk_sim_sink_end_row (s);
        }
    }
  _hk_sim_sink_end (s);
}
