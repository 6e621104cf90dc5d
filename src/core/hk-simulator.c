/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hk-csv-writer.h"
#include "hk-dataset-builder.h"
#include "hk-date.h"
#include "hk-schema.h"
#include "hk-simulator.h"

/* Same options, same bytes, on any machine: every random number comes from our
 * own generator, the only libm calls are exact ones (floor, frexp, ldexp, sqrt)
 * and a fused multiply-add must not change a rounding somewhere on one CPU and
 * not on another. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize ("fp-contract=off")
#endif

/*
 * The model, in short (docs/data-format.md tells users the same):
 *
 * - Influencers get a log-normal follower count, a platform, a category, 1-2
 *   brands, a conversion quality (some duds, some stars) and an activity level.
 * - n_posts posts are shared among influencers by activity (largest remainder,
 *   so the count is exact) and spread over each one's active window. A post's
 *   campaign is its brand's campaign for that two-month season.
 * - Every tracking row is drawn from a per-day mixture: organic purchases
 *   (weekday and pay-day pattern, a slow upward trend), purchases following
 *   posts (each post pulls orders on the following days with a decaying lag,
 *   its pull set by reach, engagement and the influencer's quality) and, for
 *   holdout campaigns, the target users' baseline purchases. The row count of
 *   each day is fixed first (largest remainder over the days' expected rows),
 *   so exactly n_tracking_rows rows come out while only one day is in memory.
 * - Holdout campaigns: every purchase their posts cause goes to a target user
 *   who was exposed (the lift, whose revenue is the planted truth); both
 *   groups also buy at the same baseline rate.
 * - Payouts come last, from the posts and attributed orders actually written.
 */

#define LAG_DAYS          22     /* orders follow a post on days 0..21 */
#define MAX_DAYS          3660
#define MAX_INFLUENCERS   1000000
#define MAX_POSTS         20000000
#define MAX_TRACKING_ROWS G_GUINT64_CONSTANT (2000000000)
#define MAX_VARIANTS      8

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
/* Holdout campaigns: expected purchases per target user over the test window
 * (baseline, both groups) and extra purchases per exposed user (the lift). */
#define BASELINE_PER_USER 0.35
#define LIFT_PER_USER     0.25
#define MIN_EXPOSED_USERS 150
/* Exposed users' baseline purchases credited to an influencer anyway (the
 * over-attribution a holdout test reveals), and lift purchases credited. */
#define BASELINE_ATTRIBUTED_PERMILLE 300
#define LIFT_ATTRIBUTED_PERMILLE     800
#define RETURN_PERMILLE              12

/* ---------------------------------------------------------------------- */
/* Random numbers: splitmix64 seeding xoshiro256**                          */

typedef struct {
  guint64 s[4];
} HkRng;

enum {
  STREAM_INFLUENCERS = 1,
  STREAM_POSTS,
  STREAM_POST_TEXT,
  STREAM_TRACKING,
  STREAM_PAYOUTS,
};

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static void
rng_init (HkRng   *rng,
          guint64  seed,
          guint64  stream)
{
  guint64 state = seed ^ (stream * G_GUINT64_CONSTANT (0xd1b54a32d192ed03));

  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&state);
}

static inline guint64
rotl64 (guint64 x,
        int     k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
rng_next (HkRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl64 (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl64 (s[3], 45);
  return result;
}

/* Uniform in [0, 1), 53 bits. */
static inline double
rng_uniform (HkRng *rng)
{
  return (double) (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform in [0, n): the high 64 bits of a 64 x 32 bit product. */
static inline guint32
rng_below (HkRng   *rng,
           guint32  n)
{
  guint64 x = rng_next (rng);
  guint64 hi = (x >> 32) * n;
  guint64 lo = (x & 0xffffffffu) * n;

  return (guint32) ((hi + (lo >> 32)) >> 32);
}

static inline gboolean
rng_chance (HkRng *rng,
            guint  permille)
{
  return rng_below (rng, 1000) < permille;
}

/* Uniform integer in [lo, hi]. */
static inline gint64
rng_range (HkRng  *rng,
           gint64  lo,
           gint64  hi)
{
  return lo + rng_below (rng, (guint32) (hi - lo + 1));
}

/* Natural logarithm and exponential from +, -, *, / and exact libm calls, so
 * they give the same bits everywhere (about 1 ulp from the true value). */
static double
det_log (double x)
{
  int e;
  double m = frexp (x, &e); /* x = m * 2^e, m in [0.5, 1) */
  double f, s, s2, series;

  g_assert (x > 0);
  if (m < 0.70710678118654752)
    {
      m *= 2;
      e--;
    }
  f = m - 1;
  s = f / (2 + f);
  s2 = s * s;
  /* log(m) = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...), |s| < 0.172 */
  series = 1.0 / 23;
  for (int k = 21; k >= 1; k -= 2)
    series = 1.0 / k + s2 * series;
  return e * 0.69314718055994531 + 2 * s * series;
}

static double
det_exp (double x)
{
  double k, r, sum;

  if (x > 700)
    x = 700;
  if (x < -700)
    x = -700;
  k = floor (x * 1.4426950408889634 + 0.5);
  r = (x - k * 0.693145751953125) - k * 1.4286068203094173e-06; /* ln 2, split */
  sum = 1;
  for (int n = 18; n >= 1; n--)
    sum = 1 + sum * r / n;
  return ldexp (sum, (int) k);
}

static double
det_pow (double base,
         double exponent)
{
  return det_exp (exponent * det_log (base));
}

/* Standard normal (Marsaglia's polar method: only log and sqrt). */
static double
rng_gauss (HkRng *rng)
{
  double u, v, s;

  do
    {
      u = 2 * rng_uniform (rng) - 1;
      v = 2 * rng_uniform (rng) - 1;
      s = u * u + v * v;
    }
  while (s >= 1 || s == 0);
  return u * sqrt (-2 * det_log (s) / s);
}

static double
rng_lognormal (HkRng  *rng,
               double  mu,
               double  sigma)
{
  return det_exp (mu + sigma * rng_gauss (rng));
}

/* Index drawn in proportion to small integer weights. */
static guint
rng_weighted (HkRng         *rng,
              const guint16 *weights,
              guint          n)
{
  guint32 total = 0, pick;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  pick = rng_below (rng, total);
  for (guint i = 0; i < n; i++)
    {
      if (pick < weights[i])
        return i;
      pick -= weights[i];
    }
  g_assert_not_reached ();
  return 0;
}

/* ---------------------------------------------------------------------- */
/* Embedded tables                                                          */

enum { BRAND_MUSCLEBLAZE, BRAND_HKVITALS, BRAND_GRITZO, N_BRANDS };
enum { PLATFORM_INSTAGRAM, PLATFORM_YOUTUBE, PLATFORM_TWITTER, N_PLATFORMS };

typedef struct {
  const char *name;
  guint       price; /* rupees */
  guint16     popularity;
} Product;

/* Grouped by brand; each name starts with its brand and a space. */
static const Product products[] = {
  { "MuscleBlaze Biozyme Whey 1kg", 2899, 30 },
  { "MuscleBlaze Biozyme Whey 2kg", 5199, 12 },
  { "MuscleBlaze Raw Whey 1kg", 1999, 14 },
  { "MuscleBlaze Creatine Monohydrate 250g", 899, 16 },
  { "MuscleBlaze Mass Gainer XXL 3kg", 2499, 8 },
  { "MuscleBlaze Pre Workout 200 100g", 1199, 6 },
  { "MuscleBlaze Fish Oil 90 Capsules", 649, 5 },
  { "MuscleBlaze Protein Bar Pack of 6", 540, 7 },
  { "MuscleBlaze High Protein Oats 1kg", 449, 6 },

  { "HKVitals Multivitamin 60 Tablets", 549, 30 },
  { "HKVitals Biotin 10000mcg 60 Tablets", 599, 16 },
  { "HKVitals Fish Oil 1000mg 60 Softgels", 499, 12 },
  { "HKVitals Skin Radiance Collagen 200g", 1399, 10 },
  { "HKVitals Vitamin D3 K2 60 Tablets", 449, 8 },
  { "HKVitals Ashwagandha 60 Capsules", 399, 8 },
  { "HKVitals ProbioFiber 250g", 649, 6 },
  { "HKVitals Apple Cider Vinegar 500ml", 499, 10 },

  { "Gritzo SuperMilk Kids 400g", 649, 28 },
  { "Gritzo SuperMilk Young Athletes 400g", 749, 16 },
  { "Gritzo SuperMilk Kids 1kg", 1399, 12 },
  { "Gritzo SuperMilk Daily Nutrition 750g", 1099, 10 },
  { "Gritzo SuperMilk Teens 400g", 699, 8 },
  { "Gritzo ProteinShake Kids Chocolate 6x200ml", 450, 12 },
  { "Gritzo Kids Protein Bar Pack of 6", 360, 10 },
};

static const guint brand_first_product[N_BRANDS + 1] = { 0, 9, 17, G_N_ELEMENTS (products) };

/* Organic purchases by brand, in percent. */
static const guint16 brand_organic_weight[N_BRANDS] = { 50, 32, 18 };
/* Conversion per reached user, relative. */
static const double brand_conversion[N_BRANDS] = { 1.0, 0.9, 0.8 };
/* Order-basis rate per order, rupees (range, step 10). */
static const guint brand_order_rate[N_BRANDS][2] = { { 250, 400 }, { 150, 250 }, { 150, 250 } };
/* The brand's hashtag. */
static const char * const brand_tag[N_BRANDS] = { "#MuscleBlaze", "#HKVitals", "#Gritzo" };

/* Campaign themes: one season per two calendar months, then focus words for
 * a brand's concurrent campaigns in large datasets. */
static const char * const seasons[N_BRANDS][6] = {
  { "NewYearGains", "SummerShred", "BeastMode", "MonsoonMass", "FestiveFit", "WinterBulk" },
  { "FreshStart", "SummerGlow", "HydrateRight", "MonsoonImmunity", "FestiveWellness", "WinterShield" },
  { "GrowStrong", "ExamFuel", "SummerCamp", "BackToSchool", "FestiveTreats", "ChildrensDay" },
};
static const char * const focus_words[N_BRANDS][MAX_VARIANTS] = {
  { "", "Biozyme", "Creatine", "MassGainer", "PreWorkout", "RawWhey", "GymBuddy", "AthletePro" },
  { "", "Multivitamin", "Biotin", "Collagen", "FishOil", "VitaminD", "Ashwagandha", "GutHealth" },
  { "", "SuperMilk", "YoungAthletes", "ProteinShake", "KidsBar", "TallerStronger", "SmartSnack", "SportsKids" },
};

typedef struct {
  const char *name;
  const char *source;        /* tracking source, lower-case */
  guint16     weight;        /* share of influencers */
  double      reach_ratio;   /* typical reach per follower */
  double      like_rate;     /* likes per reached user */
  double      comment_ratio; /* comments per like */
  double      share_ratio;   /* shares per like */
  double      conversion;    /* relative */
  double      activity;      /* relative posting frequency */
  double      fee;           /* relative per-post fee */
} Platform;

static const Platform platforms[N_PLATFORMS] = {
  { "Instagram", "instagram", 60, 0.28, 0.045, 0.025, 0.04, 1.0, 1.0, 1.0 },
  { "YouTube", "youtube", 25, 0.45, 0.035, 0.060, 0.02, 1.2, 0.5, 1.5 },
  { "Twitter", "twitter", 15, 0.12, 0.012, 0.100, 0.25, 0.8, 1.6, 0.4 },
};

typedef struct {
  const char *name;
  const char *hashtag;
  guint16     weight;
  guint16     brand_weight[N_BRANDS];
  guint       male_percent;
  double      engagement; /* relative like rate */
  const char *openers[4];
} Category;

static const Category categories[] = {
  { "Fitness", "#FitnessIndia", 22, { 60, 30, 10 }, 55, 1.10,
    { "Early morning workout done", "Leg day never gets easier", "New personal best today",
      "Consistency beats motivation every single time" } },
  { "Nutrition", "#NutritionTips", 12, { 35, 50, 15 }, 40, 0.85,
    { "Meal prep Sunday sorted", "Protein at every meal is the easiest habit to build",
      "Reading labels changed the way I eat", "High protein breakfast ideas for busy mornings" } },
  { "Bodybuilding", "#Bodybuilding", 12, { 85, 12, 3 }, 85, 1.20,
    { "Off-season bulk is going strong", "Back and biceps, no skipping",
      "Twelve weeks out from my next show", "Heavy deadlifts today" } },
  { "Wellness", "#WellnessJourney", 12, { 15, 75, 10 }, 35, 0.90,
    { "Small daily habits add up", "My evening wind-down routine",
      "Sleep, sunlight and supplements", "Taking care of my gut this month" } },
  { "Yoga", "#YogaEveryday", 9, { 10, 80, 10 }, 30, 1.00,
    { "Sunrise flow by the lake", "Twenty minutes of pranayama to start the day",
      "Holding crow pose longer every week", "Flexibility comes with patience" } },
  { "Lifestyle", "#LifestyleBlogger", 14, { 35, 45, 20 }, 45, 1.00,
    { "Weekend reset", "What I eat in a day", "Travel diaries, healthy edition",
      "My honest review after a month" } },
  { "Parenting", "#ParentingTips", 10, { 5, 25, 70 }, 20, 1.15,
    { "Tiffin ideas the kids actually finish", "Homework, playtime and a healthy snack",
      "Picky eater update", "They are growing up so fast" } },
  { "Sports", "#SportsLife", 9, { 60, 20, 20 }, 70, 1.05,
    { "Match day prep", "Recovery after a long training block", "Net practice in the heat",
      "Marathon training, week six" } },
};
#define N_CATEGORIES G_N_ELEMENTS (categories)

static const char * const product_lines[] = {
  "Fuelled by %s.",
  "Loving %s lately.",
  "%s is part of my routine now.",
  "Recovery, strength and energy: %s covers it.",
  "Tried %s for 30 days, here is my honest take.",
  "My go-to: %s.",
  "Stocked up on %s again.",
  "Honestly, %s just works for me.",
};

static const char * const flourishes[] = {
  " Chalo, let's go!",
  " Bas, no more excuses.",
  " Tag your gym buddy!",
  " Save this for later.",
  " Full video on my channel.",
  " Thoughts? Let me know in the comments.",
};

static const char * const male_first_names[] = {
  "Aarav", "Arjun", "Rohan", "Vikram", "Rahul", "Aditya", "Karan", "Siddharth", "Aniket", "Varun",
  "Nikhil", "Pranav", "Kunal", "Harsh", "Yash", "Manish", "Abhishek", "Rajat", "Gaurav", "Akash",
  "Sahil", "Ishaan", "Kabir", "Dhruv", "Ritesh", "Sandeep", "Vivek", "Amit", "Deepak", "Suresh",
  "Naveen", "Tarun", "Mohit", "Ankit", "Jatin", "Farhan", "Imran", "Gurpreet", "Arvind", "Karthik",
};

static const char * const female_first_names[] = {
  "Priya", "Ananya", "Sneha", "Kavya", "Pooja", "Neha", "Riya", "Aditi", "Shreya", "Isha",
  "Meera", "Divya", "Tanvi", "Nisha", "Anjali", "Kritika", "Swati", "Payal", "Simran", "Aishwarya",
  "Lakshmi", "Deepika", "Rashmi", "Sakshi", "Nandini", "Pallavi", "Radhika", "Shruti", "Tanya", "Bhavna",
  "Megha", "Komal", "Sonal", "Zoya", "Ayesha", "Harleen", "Janani", "Keerthi", "Madhuri", "Vidya",
};

static const char * const last_names[] = {
  "Sharma", "Verma", "Gupta", "Singh", "Patel", "Reddy", "Nair", "Iyer", "Menon", "Rao",
  "Joshi", "Kulkarni", "Deshmukh", "Chopra", "Malhotra", "Kapoor", "Mehta", "Shah", "Bose", "Banerjee",
  "Chatterjee", "Das", "Mukherjee", "Pillai", "Naidu", "Agarwal", "Bansal", "Jain", "Saxena", "Srivastava",
  "Tiwari", "Mishra", "Pandey", "Yadav", "Chauhan", "Thakur", "Gill", "Sandhu", "Khan", "Fernandes",
};

G_STATIC_ASSERT (G_N_ELEMENTS (male_first_names) == G_N_ELEMENTS (female_first_names));

static const char * const cities[] = {
  "Mumbai", "Delhi", "Bengaluru", "Hyderabad", "Chennai", "Kolkata", "Pune", "Ahmedabad",
  "Jaipur", "Lucknow", "Chandigarh", "Kochi", "Indore", "Gurugram", "Noida", "Surat",
  "Bhopal", "Nagpur", "Visakhapatnam", "Coimbatore", "Guwahati", "Dehradun",
};
static const guint16 city_weights[G_N_ELEMENTS (cities)] = {
  14, 14, 13, 8, 7, 6, 7, 5, 4, 3, 3, 3, 3, 4, 3, 2, 2, 2, 2, 2, 1, 1,
};

static const char * const age_groups[] = { "18-24", "25-34", "35-44", "45-54" };
static const guint16 age_group_weights[] = { 30, 45, 18, 7 };

static const char * const organic_sources[] = {
  "google", "direct", "email", "app_push", "whatsapp", "facebook_ads",
};
static const guint16 organic_source_weights[] = { 38, 24, 12, 10, 8, 8 };

/* Purchases on the days after a post, relative (sums to 1000). */
static const guint16 lag_profile[LAG_DAYS] = {
  160, 200, 150, 112, 84, 63, 47, 35, 27, 21, 17, 14, 12, 10, 9, 8, 7, 6, 5, 4, 2, 1,
};

/* Weekday factors, Monday first, in percent. */
static const guint16 weekday_percent[7] = { 100, 97, 97, 98, 102, 112, 110 };

/* ---------------------------------------------------------------------- */
/* The simulation's state                                                   */

typedef struct {
  double   quality;       /* conversion multiplier: duds ~0.15, stars ~2.5 */
  double   activity;      /* posting weight */
  guint32  followers;
  gint32   window_start;  /* active days */
  gint32   window_end;
  guint32  n_posts;
  guint8   category;
  guint8   gender;        /* 0 male, 1 female */
  guint8   platform;
  guint8   city;
  guint8   age_group;
  guint8   first_name;
  guint8   last_name;
  guint8   handle_style;
  guint8   n_brands;
  guint8   brands[2];
  guint8   variants[2];   /* which of its brand's concurrent campaigns */
  guint8   force_overpaid;
  guint16  handle_number;
} Influencer;

typedef struct {
  double   pull;          /* expected attributed rows, before the lag profile */
  gint64   revenue;       /* attributed revenue written so far */
  gint64   orders;        /* attributed orders written so far */
  guint32  influencer;    /* index */
  gint32   day;
  guint32  campaign;
  guint32  generation;    /* order of generation, a sort tie-break */
  guint32  reach;
  guint32  likes;
  guint32  comments;
  guint32  shares;
  guint8   brand;
  guint8   product;       /* featured product (index into products) */
} Post;

typedef struct {
  char    *name;
  char    *theme;
  gint32   start_day;
  gint32   end_day;
  guint    n_posts;
  gint     holdout;       /* index into holdouts, or -1 */
  guint8   brand;
} Campaign;

typedef struct {
  guint    campaign;
  gint32   start_day;     /* the test window */
  gint32   end_day;
  guint64  first_user;    /* global index of the first target user */
  guint32  n_targets;
  guint32  n_holdout;
  guint32  n_exposed;
  guint    holdout_percent;
  double   baseline_per_day;
  guint32 *posts;         /* the campaign's posts, by day */
  guint    n_posts;
  gint64   true_incremental_revenue;
} Holdout;

/* Where the generated rows go: CSV files, or a dataset builder with no CSV in
 * between. One generation, two sinks: each table lists its columns once, by
 * role (under the schema's name) or as an extra column, and its rows give
 * their cells in that order. */
typedef struct {
  int         role;  /* -1: an extra column */
  const char *extra; /* its header */
} SimColumn;

#define KNOWN(role) { role, NULL }
#define EXTRA(name) { -1, name }

typedef struct {
  HkTable           table;
  HkCsvWriter      *writer;  /* one of the two */
  HkDatasetBuilder *builder;
  const SimColumn  *columns;
  guint             n_columns;
  guint             cell;    /* the next one in the row */
  guint             extra;   /* the next extra column's index */
} Sink;

typedef struct {
  const HkSimulatorOptions *options;
  Sink            sinks[HK_N_TABLES];
  GCancellable   *cancellable;
  HkProgressFunc  progress;
  gpointer        progress_data;
  int             progress_reported; /* percent */

  guint           n_days;
  Influencer     *influencers;
  guint           n_influencers;
  Post           *posts;
  guint           n_posts;
  Campaign       *campaigns;
  guint           n_campaigns;
  guint           n_segments;
  guint           n_variants;
  gint32         *segment_start;
  guint8         *day_season;     /* per day: season 0..5 */
  guint16        *day_segment;    /* per day: segment index */
  Holdout        *holdouts;
  guint           n_holdouts;

  double          lag_weight[LAG_DAYS];
  double         *organic_per_day; /* expected organic rows */
  guint64        *rows_per_day;
  guint64         rows_written;

  guint32         n_general_users;
  guint32         n_loyal_users;
  guint64         n_users;
  guint           user_digits;
  guint64         user_modulus;
  guint64         user_multiplier;

  GString        *scratch;
} Simulation;

static void
simulation_clear (Simulation *sim)
{
  for (guint i = 0; i < sim->n_campaigns; i++)
    {
      g_free (sim->campaigns[i].name);
      g_free (sim->campaigns[i].theme);
    }
  for (guint i = 0; i < sim->n_holdouts; i++)
    g_free (sim->holdouts[i].posts);
  g_free (sim->influencers);
  g_free (sim->posts);
  g_free (sim->campaigns);
  g_free (sim->segment_start);
  g_free (sim->day_season);
  g_free (sim->day_segment);
  g_free (sim->holdouts);
  g_free (sim->organic_per_day);
  g_free (sim->rows_per_day);
  if (sim->scratch)
    g_string_free (sim->scratch, TRUE);
}

/* ---------------------------------------------------------------------- */
/* Sinks                                                                    */

static Sink *
sink_begin (Simulation      *sim,
            HkTable          table,
            const SimColumn *columns,
            guint            n_columns)
{
  Sink *s = &sim->sinks[table];
  const char *header[HK_MAX_ROLES + 4];

  g_assert (n_columns < G_N_ELEMENTS (header));
  for (guint i = 0; i < n_columns; i++)
    header[i] = columns[i].role >= 0 ? hk_schema_get_column (table, columns[i].role)->name
                                     : columns[i].extra;
  header[n_columns] = NULL;

  s->columns = columns;
  s->n_columns = n_columns;
  if (s->builder)
    hk_dataset_builder_begin_table (s->builder, table, NULL, header);
  else
    {
      for (guint i = 0; i < n_columns; i++)
        hk_csv_writer_add_text (s->writer, header[i]);
      hk_csv_writer_end_row (s->writer);
    }
  return s;
}

static void
sink_end (Sink *s)
{
  if (s->builder)
    hk_dataset_builder_end_table (s->builder);
}

/* NULL is an empty cell. */
static void
sink_text (Sink       *s,
           const char *text,
           gssize      len)
{
  const SimColumn *col = &s->columns[s->cell++];

  if (s->writer)
    hk_csv_writer_add_text_len (s->writer, text, text == NULL ? 0 : len < 0 ? strlen (text) : (gsize) len);
  else if (col->role >= 0)
    hk_dataset_builder_set_text (s->builder, col->role, text, len);
  else
    hk_dataset_builder_set_extra (s->builder, s->extra++, text, len);
}

/* Decimal digits of value into buf (at least 21 bytes); returns their length. */
static gsize
format_int (gint64  value,
            char   *buf)
{
  char digits[20];
  guint64 u = value < 0 ? -(guint64) value : (guint64) value;
  gsize n = 0, len = 0;

  do
    digits[n++] = '0' + u % 10;
  while ((u /= 10) > 0);
  if (value < 0)
    buf[len++] = '-';
  while (n > 0)
    buf[len++] = digits[--n];
  return len;
}

static void
sink_int (Sink   *s,
          gint64  value)
{
  const SimColumn *col = &s->columns[s->cell];
  HkColumnKind kind;
  char buf[24];

  if (s->writer)
    {
      s->cell++;
      hk_csv_writer_add_int (s->writer, value);
      return;
    }
  /* Extra columns are text. */
  kind = col->role >= 0 ? hk_schema_get_column (s->table, col->role)->kind : HK_COLUMN_TEXT;
  if (kind == HK_COLUMN_COUNT || kind == HK_COLUMN_NUMBER || kind == HK_COLUMN_WHOLE)
    {
      s->cell++;
      hk_dataset_builder_set_number (s->builder, col->role, value);
    }
  else /* ids, as written */
    sink_text (s, buf, format_int (value, buf));
}

static void
sink_double (Sink   *s,
             double  value)
{
  const SimColumn *col = &s->columns[s->cell++];

  g_assert (col->role >= 0);
  if (s->writer)
    hk_csv_writer_add_double (s->writer, value);
  else
    hk_dataset_builder_set_number (s->builder, col->role, value);
}

/* iso: the day written YYYY-MM-DD, which the caller keeps at hand. */
static void
sink_date (Sink       *s,
           gint32      day,
           const char *iso)
{
  const SimColumn *col = &s->columns[s->cell++];

  if (s->writer)
    hk_csv_writer_add_text (s->writer, iso);
  else
    hk_dataset_builder_set_day (s->builder, col->role, day);
}

static void
sink_empty (Sink *s)
{
  const SimColumn *col = &s->columns[s->cell++];

  if (s->writer)
    hk_csv_writer_add_empty (s->writer);
  else if (col->role < 0)
    s->extra++;
}

static void
sink_end_row (Sink *s)
{
  g_assert (s->cell == s->n_columns);
  s->cell = 0;
  s->extra = 0;
  if (s->writer)
    hk_csv_writer_end_row (s->writer);
  else
    hk_dataset_builder_add_row (s->builder);
}

/* ---------------------------------------------------------------------- */
/* Helpers                                                                  */

static void
report_progress (Simulation *sim,
                 double      fraction)
{
  int percent;

  if (sim->progress == NULL)
    return;
  percent = (int) (CLAMP (fraction, 0.0, 1.0) * 100);
  if (percent > sim->progress_reported)
    {
      sim->progress_reported = percent;
      sim->progress (percent / 100.0, sim->progress_data);
    }
}

typedef struct {
  double fraction;
  guint  index;
} Remainder;

static int
compare_remainders (gconstpointer a,
                    gconstpointer b)
{
  const Remainder *ra = a, *rb = b;

  if (ra->fraction != rb->fraction)
    return ra->fraction > rb->fraction ? -1 : 1;
  return ra->index < rb->index ? -1 : ra->index > rb->index;
}

/* Splits total into integers proportional to weights (largest remainder),
 * none above its cap (caps may be NULL). The caps must allow the total. */
static void
apportion (guint64        total,
           const double  *weights,
           const guint64 *caps,
           guint          n,
           guint64       *out)
{
  g_autofree guint8 *fixed = g_new0 (guint8, n);
  g_autofree Remainder *remainders = g_new (Remainder, n);
  guint64 remaining = total, assigned = 0;
  guint n_remainders = 0;
  gboolean capped;

  do
    {
      double weight_sum = 0;

      capped = FALSE;
      for (guint i = 0; i < n; i++)
        if (!fixed[i])
          weight_sum += weights[i];
      for (guint i = 0; i < n && weight_sum > 0; i++)
        if (!fixed[i] && caps && (double) remaining * (weights[i] / weight_sum) > (double) caps[i])
          {
            out[i] = caps[i];
            fixed[i] = TRUE;
            remaining -= caps[i];
            capped = TRUE;
          }
      if (!capped)
        {
          for (guint i = 0; i < n; i++)
            {
              double ideal;

              if (fixed[i])
                continue;
              ideal = weight_sum > 0 ? (double) remaining * (weights[i] / weight_sum) : 0;
              out[i] = (guint64) floor (ideal);
              if (caps && out[i] > caps[i])
                out[i] = caps[i];
              if (weights[i] > 0)
                remainders[n_remainders++] = (Remainder) { ideal - floor (ideal), i };
            }
        }
    }
  while (capped);

  for (guint i = 0; i < n; i++)
    assigned += out[i];
  qsort (remainders, n_remainders, sizeof (Remainder), compare_remainders);
  for (guint r = 0; r < n_remainders && assigned < total; r++)
    {
      guint i = remainders[r].index;

      if (!caps || out[i] < caps[i])
        {
          out[i]++;
          assigned++;
        }
    }
  /* Rounding slack: round robin over whatever still has room. */
  while (assigned < total)
    {
      gboolean progressed = FALSE;

      for (guint i = 0; i < n && assigned < total; i++)
        if ((weights[i] > 0 || caps) && (!caps || out[i] < caps[i]))
          {
            out[i]++;
            assigned++;
            progressed = TRUE;
          }
      g_assert (progressed);
    }
  while (assigned > total)
    for (guint i = n; i-- > 0 && assigned > total;)
      if (out[i] > 0)
        {
          out[i]--;
          assigned--;
        }
}

static guint
brand_product (HkRng *rng,
               guint  brand)
{
  guint first = brand_first_product[brand];
  guint n = brand_first_product[brand + 1] - first;
  guint16 weights[16];

  g_assert (n <= G_N_ELEMENTS (weights));
  for (guint i = 0; i < n; i++)
    weights[i] = products[first + i].popularity;
  return first + rng_weighted (rng, weights, n);
}

/* Monday = 0 (1970-01-01 was a Thursday). */
static guint
weekday (gint32 day)
{
  return (guint) (((day % 7) + 7 + 3) % 7);
}

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

/* ---------------------------------------------------------------------- */
/* Options                                                                  */

void
hk_simulator_options_init (HkSimulatorOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (HkSimulatorOptions) {
    .seed = 42,
    .n_influencers = 150,
    .n_posts = 1800,
    .n_tracking_rows = 40000,
    .start_day = hk_date_from_ymd (2025, 4, 1),
    .end_day = hk_date_from_ymd (2025, 9, 30),
  };
}

gboolean
hk_simulator_options_check (const HkSimulatorOptions  *options,
                            GError                   **error)
{
  gint32 first_day = hk_date_from_ymd (2000, 1, 1);
  gint32 last_day = hk_date_from_ymd (2099, 12, 31);
  guint64 n_days;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options->n_influencers == 0 || options->n_influencers > MAX_INFLUENCERS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The number of influencers must be between 1 and %u, not %u"),
                   MAX_INFLUENCERS, options->n_influencers);
      return FALSE;
    }
  if (options->start_day < first_day || options->start_day > last_day ||
      options->end_day < first_day || options->end_day > last_day)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Simulated dates must lie between 2000-01-01 and 2099-12-31"));
      return FALSE;
    }
  if (options->end_day < options->start_day)
    {
      char start[HK_DATE_ISO_LEN], end[HK_DATE_ISO_LEN];

      hk_date_format_iso (options->start_day, start);
      hk_date_format_iso (options->end_day, end);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The end date %s is before the start date %s"), end, start);
      return FALSE;
    }
  n_days = (guint64) (options->end_day - options->start_day) + 1;
  if (n_days > MAX_DAYS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The simulated period may be at most %u days, not %" PRIu64),
                   MAX_DAYS, (uint64_t) n_days);
      return FALSE;
    }
  if (options->n_posts == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("At least one post is needed: campaigns and orders follow posts"));
      return FALSE;
    }
  if (options->n_posts > MAX_POSTS ||
      options->n_posts > (guint64) options->n_influencers * n_days * 10)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%u posts is too many: at most 10 per influencer per day and %u in all"),
                   options->n_posts, MAX_POSTS);
      return FALSE;
    }
  if (options->n_tracking_rows == 0 || options->n_tracking_rows > MAX_TRACKING_ROWS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The number of tracking rows must be between 1 and %" PRIu64
                     ", not %" PRIu64),
                   (uint64_t) MAX_TRACKING_ROWS, (uint64_t) options->n_tracking_rows);
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Influencers                                                              */

static const char *
influencer_first_name (const Influencer *inf)
{
  return inf->gender == 0 ? male_first_names[inf->first_name] : female_first_names[inf->first_name];
}

static void
append_lower (GString    *out,
              const char *text)
{
  for (const char *p = text; *p; p++)
    g_string_append_c (out, g_ascii_tolower (*p));
}

static void
append_upper (GString    *out,
              const char *text)
{
  for (const char *p = text; *p; p++)
    g_string_append_c (out, g_ascii_toupper (*p));
}

/* The influencer's handle on its platform, e.g. "priya.sharma_fit". */
static void
append_handle (GString          *out,
               const Influencer *inf)
{
  const char *first = influencer_first_name (inf);
  const char *last = last_names[inf->last_name];

  switch (inf->handle_style)
    {
    case 0:
      append_lower (out, first);
      g_string_append_c (out, '.');
      append_lower (out, last);
      break;
    case 1:
      append_lower (out, first);
      append_lower (out, last);
      g_string_append (out, "_fit");
      break;
    case 2:
      g_string_append (out, "the");
      append_lower (out, first);
      append_lower (out, last);
      break;
    case 3:
      append_lower (out, first);
      g_string_append_c (out, '_');
      append_lower (out, last);
      g_string_append_printf (out, "%u", (guint) inf->handle_number);
      break;
    case 4:
      g_string_append (out, "fitwith");
      append_lower (out, first);
      break;
    default:
      append_lower (out, first);
      append_lower (out, last);
      g_string_append (out, ".official");
      break;
    }
}

static void
generate_influencers (Simulation *sim)
{
  const HkSimulatorOptions *o = sim->options;
  guint16 platform_weights[N_PLATFORMS], category_weights[N_CATEGORIES];
  HkRng rng;

  rng_init (&rng, o->seed, STREAM_INFLUENCERS);
  for (guint i = 0; i < N_PLATFORMS; i++)
    platform_weights[i] = platforms[i].weight;
  for (guint i = 0; i < N_CATEGORIES; i++)
    category_weights[i] = categories[i].weight;

  sim->n_influencers = o->n_influencers;
  sim->influencers = g_new0 (Influencer, sim->n_influencers);
  for (guint i = 0; i < sim->n_influencers; i++)
    {
      Influencer *inf = &sim->influencers[i];
      const Category *cat;
      double followers;
      guint roll;

      inf->category = rng_weighted (&rng, category_weights, N_CATEGORIES);
      cat = &categories[inf->category];
      inf->gender = rng_below (&rng, 100) < cat->male_percent ? 0 : 1;
      inf->first_name = rng_below (&rng, G_N_ELEMENTS (male_first_names));
      inf->last_name = rng_below (&rng, G_N_ELEMENTS (last_names));
      inf->handle_style = rng_below (&rng, 6);
      inf->handle_number = rng_range (&rng, 1, 99);
      inf->platform = rng_weighted (&rng, platform_weights, N_PLATFORMS);
      inf->city = rng_weighted (&rng, city_weights, G_N_ELEMENTS (cities));
      inf->age_group = rng_weighted (&rng, age_group_weights, G_N_ELEMENTS (age_groups));

      /* Log-normal around 20k: ~35% nano, ~47% micro, ~17% macro, ~1.5% mega. */
      followers = rng_lognormal (&rng, 9.9, 1.75);
      inf->followers = (guint32) CLAMP (floor (followers), 300, 50000000);

      /* Conversion quality: most near 1, some duds and a few stars. */
      inf->quality = rng_lognormal (&rng, 0, 0.35);
      roll = rng_below (&rng, 100);
      if (roll < 6)
        inf->quality *= 0.12;
      else if (roll < 12)
        inf->quality *= 2.5;

      /* Activity: regulars and occasional posters. */
      inf->activity = rng_lognormal (&rng, 0, 0.4) * platforms[inf->platform].activity;
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

static void
write_influencers (Simulation *sim)
{
  Sink *s = sink_begin (sim, HK_TABLE_INFLUENCERS, influencer_columns, G_N_ELEMENTS (influencer_columns));

  for (guint i = 0; i < sim->n_influencers; i++)
    {
      const Influencer *inf = &sim->influencers[i];

      g_string_printf (sim->scratch, "%s %s", influencer_first_name (inf), last_names[inf->last_name]);
      sink_int (s, i + 1);
      sink_text (s, sim->scratch->str, sim->scratch->len);
      sink_text (s, categories[inf->category].name, -1);
      sink_text (s, inf->gender == 0 ? "Male" : "Female", -1);
      sink_int (s, inf->followers);
      sink_text (s, platforms[inf->platform].name, -1);
      sink_text (s, cities[inf->city], -1);
      sink_text (s, age_groups[inf->age_group], -1);
      sink_end_row (s);
    }
  sink_end (s);
}

/* ---------------------------------------------------------------------- */
/* Campaigns: one per brand, season (two calendar months) and variant        */

static void
generate_campaigns (Simulation *sim)
{
  const HkSimulatorOptions *o = sim->options;
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (gint32));
  int y, m, d;

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

            c->theme = g_strconcat (seasons[b][season], focus_words[b][v], NULL);
            c->name = g_strdup_printf ("%s_%s_%d", hk_known_brands[b], c->theme, y);
            c->brand = b;
            c->start_day = start;
            c->end_day = end;
            c->holdout = -1;
          }
    }
}

static guint
campaign_for (Simulation *sim,
              gint32      day,
              guint       brand,
              guint       variant)
{
  guint segment = sim->day_segment[day - sim->options->start_day];

  return (segment * N_BRANDS + brand) * sim->n_variants + variant;
}

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

static void
generate_posts (Simulation *sim)
{
  const HkSimulatorOptions *o = sim->options;
  guint n = sim->n_influencers;
  g_autofree double *weights = g_new (double, n);
  g_autofree guint64 *caps = g_new (guint64, n);
  g_autofree guint64 *counts = g_new (guint64, n);
  guint64 capacity = 0;
  guint n_inactive = 0;
  guint generation = 0;
  HkRng rng;

  rng_init (&rng, o->seed, STREAM_POSTS);

  /* A few signed influencers never post, when the others can carry the posts. */
  for (guint i = 0; i < n; i++)
    {
      const Influencer *inf = &sim->influencers[i];
      double window = inf->window_end - inf->window_start + 1;

      weights[i] = inf->activity * window / sim->n_days;
      caps[i] = (guint64) sim->n_days * 10;
      if (n >= 20 && rng_below (&rng, 100) < 3)
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
  apportion (o->n_posts, weights, caps, n, counts);

  sim->n_posts = o->n_posts;
  sim->posts = g_new0 (Post, sim->n_posts);
  for (guint i = 0; i < n; i++)
    {
      Influencer *inf = &sim->influencers[i];
      const Platform *plat = &platforms[inf->platform];
      const Category *cat = &categories[inf->category];
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
          p->campaign = campaign_for (sim, p->day, p->brand, inf->variants[slot]);
          p->product = brand_product (&rng, p->brand);

          reach = inf->followers * plat->reach_ratio * rng_lognormal (&rng, 0, 0.55);
          if (rng_below (&rng, 100) < 2)
            reach *= 4; /* went viral */
          reach = MAX (reach, 20);
          base_rate = plat->like_rate * cat->engagement * tier_engagement[tier];
          engagement_rate = base_rate * rng_lognormal (&rng, 0, 0.35);
          likes = reach * engagement_rate;
          p->reach = (guint32) MIN (floor (reach), 4e9);
          p->likes = (guint32) MIN (floor (likes), 4e9);
          p->comments = (guint32) floor (likes * plat->comment_ratio * rng_lognormal (&rng, 0, 0.4));
          p->shares = (guint32) floor (likes * plat->share_ratio * rng_lognormal (&rng, 0, 0.5));

          /* Purchases it pulls: sublinear in reach, more with engagement. */
          p->pull = det_pow (reach, 0.8) * det_pow (engagement_rate / base_rate, 0.6) *
                    inf->quality * brand_conversion[p->brand] * plat->conversion;
        }
    }
  g_assert (generation == sim->n_posts);

  qsort (sim->posts, sim->n_posts, sizeof (Post), compare_posts);
  for (guint i = 0; i < sim->n_posts; i++)
    sim->campaigns[sim->posts[i].campaign].n_posts++;
}

static void
append_url (GString          *out,
            const Influencer *inf,
            const Post       *post,
            HkRng            *rng)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  switch (inf->platform)
    {
    case PLATFORM_INSTAGRAM:
      g_string_append (out, rng_below (rng, 100) < 40 ? "https://www.instagram.com/reel/"
                                                       : "https://www.instagram.com/p/");
      for (guint i = 0; i < 11; i++)
        g_string_append_c (out, alphabet[rng_below (rng, 64)]);
      g_string_append_c (out, '/');
      break;
    case PLATFORM_YOUTUBE:
      g_string_append (out, rng_below (rng, 100) < 30 ? "https://www.youtube.com/shorts/"
                                                       : "https://www.youtube.com/watch?v=");
      for (guint i = 0; i < 11; i++)
        g_string_append_c (out, alphabet[rng_below (rng, 64)]);
      break;
    default:
      {
        /* A snowflake id: milliseconds since Twitter's epoch, shifted. */
        gint64 ms = (gint64) post->day * 86400000 + rng_below (rng, 86400000) -
                    G_GINT64_CONSTANT (1288834974657);
        guint64 id;

        if (ms < 0)
          ms = rng_below (rng, 1u << 30);
        id = ((guint64) ms << 22) | rng_below (rng, 1u << 22);
        g_string_append (out, "https://twitter.com/");
        append_handle (out, inf);
        g_string_append_printf (out, "/status/%" G_GUINT64_FORMAT, id);
      }
      break;
    }
}

static void
append_caption (GString          *out,
                const Simulation *sim,
                const Influencer *inf,
                const Post       *post,
                HkRng            *rng)
{
  const Category *cat = &categories[inf->category];
  const char *opener = cat->openers[rng_below (rng, G_N_ELEMENTS (cat->openers))];
  const char *line = product_lines[rng_below (rng, G_N_ELEMENTS (product_lines))];
  const char *line_mark = strstr (line, "%s");
  const Campaign *campaign = &sim->campaigns[post->campaign];

  if (rng_chance (rng, 25))
    g_string_append_printf (out, "\"%s\" - that's the mantra.", opener);
  else
    {
      g_string_append (out, opener);
      g_string_append (out, rng_below (rng, 2) ? "! " : ". ");
    }
  if (out->str[out->len - 1] != ' ')
    g_string_append_c (out, ' ');
  g_string_append_len (out, line, line_mark - line);
  g_string_append (out, products[post->product].name);
  g_string_append (out, line_mark + 2);
  if (rng_chance (rng, 300))
    {
      guint discount = rng_below (rng, 2) ? 10 : 15;

      g_string_append (out, " Use code ");
      append_upper (out, influencer_first_name (inf));
      g_string_append_printf (out, "%u for %u%% off.", discount, discount);
    }
  if (rng_chance (rng, 150))
    g_string_append (out, flourishes[rng_below (rng, G_N_ELEMENTS (flourishes))]);

  /* Hashtags, after a line break in a few captions. */
  g_string_append_c (out, rng_chance (rng, 30) ? '\n' : ' ');
  g_string_append (out, brand_tag[post->brand]);
  g_string_append (out, " #");
  g_string_append (out, campaign->theme);
  if (inf->platform != PLATFORM_TWITTER)
    {
      g_string_append_c (out, ' ');
      g_string_append (out, cat->hashtag);
      g_string_append (out, rng_below (rng, 2) ? " #HealthKart" : " #FitIndia");
    }
}

static const SimColumn post_columns[] = {
  KNOWN (POST_ID), KNOWN (POST_INFLUENCER), KNOWN (POST_PLATFORM), KNOWN (POST_DATE),
  KNOWN (POST_URL), KNOWN (POST_CAPTION), KNOWN (POST_REACH), KNOWN (POST_LIKES),
  KNOWN (POST_COMMENTS), EXTRA ("shares"), KNOWN (POST_BRAND), KNOWN (POST_CAMPAIGN),
};

static gboolean
write_posts (Simulation  *sim,
             GError     **error)
{
  Sink *s = sink_begin (sim, HK_TABLE_POSTS, post_columns, G_N_ELEMENTS (post_columns));
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
      sink_int (s, i + 1);
      sink_int (s, p->influencer + 1);
      sink_text (s, platforms[inf->platform].name, -1);
      sink_date (s, p->day, date);
      g_string_truncate (sim->scratch, 0);
      append_url (sim->scratch, inf, p, &rng);
      sink_text (s, sim->scratch->str, sim->scratch->len);
      g_string_truncate (sim->scratch, 0);
      append_caption (sim->scratch, sim, inf, p, &rng);
      sink_text (s, sim->scratch->str, sim->scratch->len);
      sink_int (s, p->reach);
      sink_int (s, p->likes);
      sink_int (s, p->comments);
      sink_int (s, p->shares);
      sink_text (s, hk_known_brands[p->brand], -1);
      sink_text (s, sim->campaigns[p->campaign].name, -1);
      sink_end_row (s);
    }
  sink_end (s);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Expected rows per day, holdout tests, users                              */

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

static gboolean
is_holdout_user (const Holdout *h,
                 guint32        target)
{
  return ((guint64) (target + 1) * h->holdout_percent) / 100 >
         ((guint64) target * h->holdout_percent) / 100;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static void
plan_tracking (Simulation *sim)
{
  const HkSimulatorOptions *o = sim->options;
  guint64 n_rows = o->n_tracking_rows;
  g_autofree double *expected = g_new0 (double, sim->n_days);
  g_autofree double *pulls = g_new (double, sim->n_posts);
  double pull_sum = 0, organic_sum = 0, scale, median_pull, attributed;
  guint lag_total = 0;

  for (guint l = 0; l < LAG_DAYS; l++)
    lag_total += lag_profile[l];
  for (guint l = 0; l < LAG_DAYS; l++)
    sim->lag_weight[l] = (double) lag_profile[l] / lag_total;

  /* Organic purchases: weekday pattern, pay-day bump, a slow upward trend. */
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

  /* Posts: scale the pulls so that a typical post brings a typical number of
   * purchases (the median, so a mega influencer in the data adds purchases
   * instead of taking them from everyone else). */
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

  choose_holdouts (sim);
  for (guint h = 0; h < sim->n_holdouts; h++)
    {
      Holdout *ho = &sim->holdouts[h];
      Campaign *c = &sim->campaigns[ho->campaign];
      double lift = 0;
      guint64 exposed;
      guint n_window;

      ho->start_day = c->start_day;
      ho->end_day = MIN (c->end_day + LAG_DAYS - 1, o->end_day);
      ho->posts = g_new (guint32, c->n_posts);
      for (guint i = 0; i < sim->n_posts; i++)
        {
          const Post *p = &sim->posts[i];

          if (p->campaign != ho->campaign)
            continue;
          ho->posts[ho->n_posts++] = i;
          for (gint32 l = 0; l < LAG_DAYS && p->day + l <= o->end_day; l++)
            lift += p->pull * sim->lag_weight[l];
        }
      g_assert (ho->n_posts == c->n_posts);

      exposed = MAX (MIN_EXPOSED_USERS, (guint64) ceil (lift / LIFT_PER_USER));
      ho->holdout_percent = exposed >= 50000 ? 10 : 15;
      ho->n_targets = (guint32) ((exposed * 100 + (100 - ho->holdout_percent) - 1) /
                                 (100 - ho->holdout_percent));
      ho->n_holdout = (guint32) (((guint64) ho->n_targets * ho->holdout_percent) / 100);
      ho->n_exposed = ho->n_targets - ho->n_holdout;
      ho->first_user = sim->n_users;
      sim->n_users += ho->n_targets;

      n_window = ho->end_day - ho->start_day + 1;
      ho->baseline_per_day = BASELINE_PER_USER * ho->n_targets / n_window;
      for (gint32 day = ho->start_day; day <= ho->end_day; day++)
        expected[day - o->start_day] += ho->baseline_per_day;
    }

  /* Users get scattered 7-digit ids (more digits only for huge datasets). */
  sim->user_digits = 7;
  sim->user_modulus = 10000000;
  while (sim->n_users >= sim->user_modulus)
    {
      sim->user_digits++;
      sim->user_modulus *= 10;
    }
  sim->user_multiplier = G_GUINT64_CONSTANT (2654435761) % sim->user_modulus;

  sim->rows_per_day = g_new (guint64, sim->n_days);
  apportion (n_rows, expected, NULL, sim->n_days, sim->rows_per_day);
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
  revenue = orders * (gint64) products[product].price;

  format_user (sim, user, user_id);
  sink_text (s, source, -1);
  sink_text (s, campaign, -1);
  sink_text (s, products[product].name, -1);
  if (post)
    {
      sink_int (s, post->influencer + 1);
      post->orders += orders;
      post->revenue += revenue;
    }
  else
    sink_empty (s);
  sink_text (s, user_id, sim->user_digits + 1);
  sink_date (s, day->day, day->date);
  sink_int (s, orders);
  sink_int (s, revenue);
  sink_text (s, ab_group == HK_AB_EXPOSED ? "exposed" : ab_group == HK_AB_HOLDOUT ? "holdout" : NULL, -1);
  sink_end_row (s);
  sim->rows_written++;
  if (revenue_out)
    *revenue_out = revenue;
}

static const char *
organic_source (HkRng *rng)
{
  return organic_sources[rng_weighted (rng, organic_source_weights,
                                       G_N_ELEMENTS (organic_sources))];
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

      write_tracking_row (sim, rng, day, organic_source (rng), NULL, product, NULL, user,
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
                          post ? platforms[sim->influencers[post->influencer].platform].source
                               : organic_source (rng),
                          c->name, product, post, ho->first_user + target,
                          holdout ? HK_AB_HOLDOUT : HK_AB_EXPOSED, NULL);
    }
  else
    {
      Post *post = &sim->posts[day->first_post + lo - 1 - sim->n_holdouts];
      const Campaign *c = &sim->campaigns[post->campaign];
      const char *platform_source = platforms[sim->influencers[post->influencer].platform].source;
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
          write_tracking_row (sim, rng, day, credited ? platform_source : organic_source (rng),
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

static gboolean
write_tracking (Simulation  *sim,
                GError     **error)
{
  const HkSimulatorOptions *o = sim->options;
  Sink *s = sink_begin (sim, HK_TABLE_TRACKING, tracking_columns, G_N_ELEMENTS (tracking_columns));
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
              report_progress (sim, 0.05 + 0.9 * sim->rows_written / o->n_tracking_rows);
            }
        }
      report_progress (sim, 0.05 + 0.9 * sim->rows_written / o->n_tracking_rows);
    }
  g_assert (sim->rows_written == o->n_tracking_rows);
  sink_end (s);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Payouts                                                                  */

typedef struct {
  guint  campaign;   /* G_MAXUINT: the whole influencer */
  gint64 posts;
  gint64 orders;
  gint64 revenue;
} Scope;

typedef enum {
  PAY_POST,
  PAY_ORDER,
  PAY_COMMISSION,
} PayKind;

/* Per-post fee: 500 rupees at 8k followers, growing a little faster than the
 * audience (1.1 power): 8k at 100k, 1 lakh at 1M, 2.2 lakh at 2M, capped at
 * 5 lakh. YouTube videos cost more, tweets less. */
static double
post_rate (const Influencer *inf)
{
  double rate = 500 * det_pow (inf->followers / 8000.0, 1.1) * platforms[inf->platform].fee;

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

  sink_int (s, ++*payout_id);
  sink_int (s, influencer + 1);
  sink_text (s, kind == PAY_POST ? "post" : "order", -1);
  if (kind == PAY_COMMISSION)
    sink_double (s, rate / 100.0);
  else
    sink_int (s, rate);
  if (kind == PAY_ORDER)
    sink_int (s, scope->orders);
  else
    sink_empty (s);
  if (kind == PAY_POST)
    sink_int (s, scope->posts);
  else
    sink_empty (s);
  if (leave_total_empty)
    sink_empty (s);
  else if (kind == PAY_POST)
    sink_int (s, rate * scope->posts);
  else if (kind == PAY_ORDER)
    sink_int (s, rate * scope->orders);
  else /* in paise, to keep it exact */
    sink_double (s, (double) (rate * scope->revenue) / 100.0);
  sink_text (s, c ? c->name : NULL, -1);
  sink_text (s, c ? hk_known_brands[c->brand] : NULL, -1);
  sink_end_row (s);
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

static gboolean
write_payouts (Simulation  *sim,
               GError     **error)
{
  Sink *sink = sink_begin (sim, HK_TABLE_PAYOUTS, payout_columns, G_N_ELEMENTS (payout_columns));
  guint n = sim->n_influencers;
  g_autofree guint32 *first = g_new0 (guint32, n + 1);
  g_autofree guint32 *by_influencer = g_new (guint32, sim->n_posts);
  g_autofree guint32 *fill = g_new (guint32, n);
  GArray *scopes = g_array_new (FALSE, FALSE, sizeof (Scope));
  guint payout_id = 0;
  guint forced = G_MAXUINT;
  gboolean any_forced = FALSE;
  HkRng rng;

  rng_init (&rng, sim->options->seed, STREAM_PAYOUTS);

  /* Posts grouped by influencer (counting sort, by day within). */
  for (guint i = 0; i < sim->n_posts; i++)
    first[sim->posts[i].influencer + 1]++;
  for (guint i = 0; i < n; i++)
    first[i + 1] += first[i];
  memcpy (fill, first, n * sizeof (guint32));
  for (guint i = 0; i < sim->n_posts; i++)
    by_influencer[fill[sim->posts[i].influencer]++] = i;

  /* At least one influencer is overpaid: the weakest converter if the draw
   * picked none. */
  for (guint i = 0; i < n; i++)
    if (first[i + 1] > first[i])
      {
        if (sim->influencers[i].force_overpaid)
          any_forced = TRUE;
        if (forced == G_MAXUINT || sim->influencers[i].quality < sim->influencers[forced].quality)
          forced = i;
      }
  if (!any_forced && forced != G_MAXUINT)
    sim->influencers[forced].force_overpaid = TRUE;

  for (guint i = 0; i < n; i++)
    {
      const Influencer *inf = &sim->influencers[i];
      Scope whole = { G_MAXUINT, 0, 0, 0 };
      guint roll, kind_roll;
      PayKind kind;

      if (first[i + 1] == first[i])
        continue;
      if ((i & 1023) == 1023 && g_cancellable_set_error_if_cancelled (sim->cancellable, error))
        {
          g_array_unref (scopes);
          return FALSE;
        }

      g_array_set_size (scopes, 0);
      for (guint k = first[i]; k < first[i + 1]; k++)
        {
          const Post *p = &sim->posts[by_influencer[k]];
          Scope *s = NULL;

          for (guint j = 0; j < scopes->len && s == NULL; j++)
            if (g_array_index (scopes, Scope, j).campaign == p->campaign)
              s = &g_array_index (scopes, Scope, j);
          if (s == NULL)
            {
              Scope fresh = { p->campaign, 0, 0, 0 };
              g_array_append_val (scopes, fresh);
              s = &g_array_index (scopes, Scope, scopes->len - 1);
            }
          s->posts++;
          s->orders += p->orders;
          s->revenue += p->revenue;
          whole.posts++;
          whole.orders += p->orders;
          whole.revenue += p->revenue;
        }

      roll = rng_below (&rng, 100);
      kind_roll = rng_below (&rng, 100);
      kind = kind_roll < 55 ? PAY_POST : kind_roll < 80 ? PAY_ORDER : PAY_COMMISSION;

      if (inf->force_overpaid)
        {
          /* A flat per-post fee worth more than everything it brought in. */
          double target = MAX (0, whole.revenue) * (1.2 + 0.6 * rng_uniform (&rng)) / whole.posts;
          gint64 rate = MAX (nice_amount (target, TRUE), kind_rate (PAY_POST, inf, &rng));

          if (rate * whole.posts <= whole.revenue)
            rate = whole.revenue / whole.posts + 100;
          write_payout_row (sim, &payout_id, i, PAY_POST, rate, &whole, FALSE);
        }
      else if (roll < 12)
        {
          /* One row per campaign, on one basis. */
          gint64 post_fee = kind_rate (PAY_POST, inf, &rng);
          gint64 rate = kind == PAY_POST ? post_fee : kind_rate (kind, inf, &rng);

          for (guint j = 0; j < scopes->len; j++)
            {
              const Scope *s = &g_array_index (scopes, Scope, j);
              PayKind k = usable_kind (kind, s);

              write_payout_row (sim, &payout_id, i, k, k == kind ? rate : post_fee, s,
                                rng_chance (&rng, 70));
            }
        }
      else if (roll < 20)
        {
          /* Two rows: a smaller retainer per post plus pay on results. */
          gint64 fee = kind_rate (PAY_POST, inf, &rng);
          PayKind bonus = usable_kind (rng_below (&rng, 2) ? PAY_ORDER : PAY_COMMISSION, &whole);

          /* One draw per statement: argument evaluation order is unspecified. */
          if (bonus != PAY_POST)
            {
              gint64 bonus_rate;

              write_payout_row (sim, &payout_id, i, PAY_POST, nice_amount (fee * 0.5, FALSE),
                                &whole, rng_chance (&rng, 70));
              bonus_rate = kind_rate (bonus, inf, &rng);
              write_payout_row (sim, &payout_id, i, bonus, bonus_rate, &whole,
                                rng_chance (&rng, 70));
            }
          else
            write_payout_row (sim, &payout_id, i, PAY_POST, fee, &whole, rng_chance (&rng, 70));
        }
      else
        {
          PayKind k = usable_kind (kind, &whole);
          gint64 rate = kind_rate (k, inf, &rng);

          write_payout_row (sim, &payout_id, i, k, rate, &whole, rng_chance (&rng, 70));
        }
    }
  g_array_unref (scopes);
  sink_end (sink);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Holdout groups                                                           */

static const SimColumn holdout_columns[] = {
  KNOWN (HO_CAMPAIGN), KNOWN (HO_BRAND), KNOWN (HO_GROUP), KNOWN (HO_USERS),
  KNOWN (HO_START), KNOWN (HO_END),
};

static void
write_holdouts (Simulation *sim)
{
  Sink *s = sink_begin (sim, HK_TABLE_HOLDOUT, holdout_columns, G_N_ELEMENTS (holdout_columns));

  for (guint h = 0; h < sim->n_holdouts; h++)
    {
      const Holdout *ho = &sim->holdouts[h];
      const Campaign *c = &sim->campaigns[ho->campaign];
      char start[HK_DATE_ISO_LEN], end[HK_DATE_ISO_LEN];

      hk_date_format_iso (ho->start_day, start);
      hk_date_format_iso (ho->end_day, end);
      for (guint g = 0; g < 2; g++)
        {
          sink_text (s, c->name, -1);
          sink_text (s, hk_known_brands[c->brand], -1);
          sink_text (s, g == 0 ? "exposed" : "holdout", -1);
          sink_int (s, g == 0 ? ho->n_exposed : ho->n_holdout);
          sink_date (s, ho->start_day, start);
          sink_date (s, ho->end_day, end);
          sink_end_row (s);
        }
    }
  sink_end (s);
}

static void
simulated_holdout_free (gpointer data)
{
  HkSimulatedHoldout *holdout = data;

  g_free (holdout->campaign);
  g_free (holdout->brand);
  g_free (holdout);
}

static HkSimulationTruth *
make_truth (const Simulation *sim)
{
  HkSimulationTruth *truth = g_new0 (HkSimulationTruth, 1);

  truth->holdouts = g_ptr_array_new_with_free_func (simulated_holdout_free);
  for (guint h = 0; h < sim->n_holdouts; h++)
    {
      const Holdout *ho = &sim->holdouts[h];
      const Campaign *c = &sim->campaigns[ho->campaign];
      HkSimulatedHoldout *sh = g_new0 (HkSimulatedHoldout, 1);

      sh->campaign = g_strdup (c->name);
      sh->brand = g_strdup (hk_known_brands[c->brand]);
      sh->exposed_users = ho->n_exposed;
      sh->holdout_users = ho->n_holdout;
      sh->true_incremental_revenue = (double) ho->true_incremental_revenue;
      g_ptr_array_add (truth->holdouts, sh);
    }
  return truth;
}

/* ---------------------------------------------------------------------- */
/* Driver                                                                   */

/* Into writers (indexed by HkTable), or else builder. */
static gboolean
simulate (const HkSimulatorOptions  *options,
          HkCsvWriter               *writers[HK_N_TABLES],
          HkDatasetBuilder          *builder,
          HkSimulationTruth        **truth,
          HkProgressFunc             progress,
          gpointer                   progress_data,
          GCancellable              *cancellable,
          GError                   **error)
{
  Simulation sim = {
    .options = options,
    .cancellable = cancellable,
    .progress = progress,
    .progress_data = progress_data,
    .progress_reported = -1,
    .n_days = options->end_day - options->start_day + 1,
    .scratch = g_string_sized_new (512),
  };
  gboolean ok = FALSE;

  for (guint t = 0; t < HK_N_TABLES; t++)
    sim.sinks[t] = (Sink) { .table = t, .writer = writers ? writers[t] : NULL, .builder = builder };
  report_progress (&sim, 0);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  generate_campaigns (&sim);
  generate_influencers (&sim);
  write_influencers (&sim);
  generate_posts (&sim);
  if (!write_posts (&sim, error))
    goto out;
  plan_tracking (&sim);
  report_progress (&sim, 0.05);
  if (!write_tracking (&sim, error))
    goto out;
  if (!write_payouts (&sim, error))
    goto out;
  write_holdouts (&sim);
  if (truth)
    *truth = make_truth (&sim);
  ok = TRUE;

out:
  simulation_clear (&sim);
  return ok;
}

/* Errors of streams get the table's file name; a file's name their own. */
static gboolean
close_writers (HkCsvWriter   *writers[HK_N_TABLES],
               gboolean       streams,
               GCancellable  *cancellable,
               GError       **error)
{
  for (guint t = 0; t < HK_N_TABLES; t++)
    if (!hk_csv_writer_close (writers[t], cancellable, error))
      {
        if (streams)
          g_prefix_error (error, "%s: ", hk_table_file_name (t));
        return FALSE;
      }
  return TRUE;
}

static void
free_writers (HkCsvWriter *writers[HK_N_TABLES])
{
  for (guint t = 0; t < HK_N_TABLES; t++)
    g_clear_pointer (&writers[t], hk_csv_writer_free);
}

gboolean
hk_simulator_write_streams (const HkSimulatorOptions  *options,
                            GOutputStream             *streams[HK_N_TABLES],
                            HkSimulationTruth        **truth,
                            HkProgressFunc             progress,
                            gpointer                   progress_data,
                            GCancellable              *cancellable,
                            GError                   **error)
{
  HkCsvWriter *writers[HK_N_TABLES] = { NULL, };
  g_autoptr(HkSimulationTruth) planted = NULL;
  gboolean ok;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (streams != NULL, FALSE);
  for (guint t = 0; t < HK_N_TABLES; t++)
    g_return_val_if_fail (G_IS_OUTPUT_STREAM (streams[t]), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!hk_simulator_options_check (options, error))
    return FALSE;

  for (guint t = 0; t < HK_N_TABLES; t++)
    writers[t] = hk_csv_writer_new_for_stream (streams[t]);
  ok = simulate (options, writers, NULL, truth ? &planted : NULL, progress, progress_data,
                 cancellable, error) &&
       close_writers (writers, TRUE, cancellable, error);
  free_writers (writers);
  if (!ok)
    return FALSE;
  if (progress)
    progress (1.0, progress_data);
  if (truth)
    *truth = g_steal_pointer (&planted);
  return TRUE;
}

gboolean
hk_simulator_write_folder (const HkSimulatorOptions  *options,
                           const char                *folder,
                           HkSimulationTruth        **truth,
                           HkProgressFunc             progress,
                           gpointer                   progress_data,
                           GCancellable              *cancellable,
                           GError                   **error)
{
  HkCsvWriter *writers[HK_N_TABLES] = { NULL, };
  g_autoptr(HkSimulationTruth) planted = NULL;
  g_autoptr(HkFileSet) set = NULL;
  gboolean ok;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!hk_simulator_options_check (options, error))
    return FALSE;

  /* Files appear only when everything was generated, all together: a
   * cancelled, failed or killed run leaves whatever was there before (a new
   * folder is written as a temporary one and renamed into place). */
  set = hk_file_set_new (folder, error);
  if (set == NULL)
    return FALSE;
  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      HkFileWriter *file = hk_file_set_add (set, hk_table_file_name (t), error);

      if (file == NULL)
        {
          free_writers (writers);
          return FALSE;
        }
      writers[t] = hk_csv_writer_new_for_file_writer (file);
    }
  ok = simulate (options, writers, NULL, truth ? &planted : NULL, progress, progress_data,
                 cancellable, error) &&
       close_writers (writers, FALSE, cancellable, error) &&
       hk_file_set_commit (set, error);
  free_writers (writers);
  if (!ok)
    return FALSE;
  if (progress)
    progress (1.0, progress_data);
  if (truth)
    *truth = g_steal_pointer (&planted);
  return TRUE;
}

void
hk_simulation_truth_free (HkSimulationTruth *truth)
{
  if (truth == NULL)
    return;
  g_clear_pointer (&truth->holdouts, g_ptr_array_unref);
  g_free (truth);
}

gboolean
hk_simulator_fill (const HkSimulatorOptions  *options,
                   HkDatasetBuilder          *builder,
                   HkSimulationTruth        **truth,
                   HkProgressFunc             progress,
                   gpointer                   progress_data,
                   GCancellable              *cancellable,
                   GError                   **error)
{
  g_autoptr(HkSimulationTruth) planted = NULL;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (builder != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!hk_simulator_options_check (options, error) ||
      !simulate (options, NULL, builder, truth ? &planted : NULL, progress, progress_data,
                 cancellable, error))
    return FALSE;
  if (progress)
    progress (1.0, progress_data);
  if (truth)
    *truth = g_steal_pointer (&planted);
  return TRUE;
}

HkDataset *
hk_simulator_generate_dataset (const HkSimulatorOptions *options,
                               GCancellable             *cancellable,
                               GError                  **error)
{
  g_autoptr(HkDatasetBuilder) builder = NULL;

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  builder = hk_dataset_builder_new ();
  if (!hk_simulator_fill (options, builder, NULL, NULL, NULL, cancellable, error))
    return NULL;
  return hk_dataset_builder_finish (builder, NULL, error);
}
