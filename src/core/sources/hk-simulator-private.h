/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Internals of the simulator, shared by its files: hk-simulator.c (options,
 * the two sinks, the driver and the public API), hk-simulator-math.c (numbers
 * that come out the same on every machine), hk-simulator-catalogue.c (the
 * embedded tables: products, platforms, categories, names, cities, and the
 * words of handles, urls and captions), hk-simulator-world.c (sales,
 * campaigns, influencers, holdout tests), hk-simulator-activity.c (posts,
 * the plan of the tracking rows, the rows), hk-simulator-payouts.c and
 * hk-simulator-truth.c (the planted truth and truth.json).
 *
 * The model, in short (docs/data-format.md tells users the same). It must
 * not flatter any way of estimating incremental revenue (DESIGN.md §4):
 *
 * - Influencers get a log-normal follower count, a platform, a category, 1-2
 *   brands, a conversion quality (some duds, some stars) and an activity level.
 * - Campaigns: one per brand, season (two calendar months) and variant, each
 *   starting and ending a random few days off its season's edges, so that a
 *   brand's campaigns sometimes overlap and sometimes leave gaps.
 * - n_posts posts are shared among influencers by activity (largest remainder,
 *   so the count is exact) and spread over each one's active window; a post
 *   falling where no campaign of its brand (and the influencer's variant) runs
 *   moves to the nearest day one does, and belongs to one running that day.
 * - Every tracking row is drawn from a per-day mixture: organic purchases of
 *   each brand (weekday and pay-day pattern, a slow upward trend, sale and
 *   festive peaks), the holdout tests' users buying their brand at the same
 *   rate all through the period, and the posts. A post pulls two kinds of
 *   purchases on the following days, with a decaying lag: those it causes
 *   (its pull, set by reach, engagement and the influencer's quality), most
 *   credited to it and the rest looking organic, and those it is credited
 *   for although they would have happened anyway (last-click capture). Every
 *   campaign, tested or not, captures out of its own audience's purchases: as
 *   many users as a test of it would expose, buying at a test user's rate; a
 *   tested campaign's audience is its exposed users, an untested one's a
 *   slice of its brand's organic purchases. So a test does not change how
 *   over-attributed its campaign is (DESIGN.md §4). The row count of each
 *   day is fixed first (largest remainder over the days' expected rows), so
 *   exactly n_tracking_rows rows come out while only one day is in memory.
 * - Holdout tests: every purchase a tested campaign's posts cause goes to one
 *   of its exposed users (the lift, the planted truth). The test users' own
 *   purchases come on top of their brand's organic ones. Holdout users never
 *   see a post: their purchases carry no campaign. Inside the test window the
 *   test users' rows carry their ab_group.
 * - Payouts come last, from the posts and attributed orders actually written;
 *   the truth (hk-simulator-truth.c) from what was planned and written.
 */

#include "hk-csv-writer.h"
#include "hk-dataset-builder.h"
#include "hk-schema.h"
#include "hk-simulator.h"

/* Same options, same bytes, on any machine: every random number comes from our
 * own generator, the only libm calls are exact ones (floor, frexp, ldexp, sqrt)
 * and a fused multiply-add must not change a rounding somewhere on one CPU and
 * not on another. Here, so that every file of the simulator has it: include
 * this header after the others. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize ("fp-contract=off")
#endif

G_BEGIN_DECLS

#define LAG_DAYS          22     /* orders follow a post on days 0..21 */
#define MAX_VARIANTS      8      /* concurrent campaigns of a brand */
#define MAX_RUNNING       3      /* campaigns of one brand variant on one day */
#define MAX_HOLDOUTS      3      /* holdout tests */

/* ------------------------------------------------------------------------ */
/* Random numbers: splitmix64 seeding xoshiro256**                          */
/* Millions of draws make the tracking rows: the generator stays inline.    */

typedef struct {
  guint64 s[4];
} HkRng;

/* One stream per purpose, so that a change to one table's draws leaves the
 * others' bytes alone. */
enum {
  STREAM_INFLUENCERS = 1,
  STREAM_POSTS,
  STREAM_POST_TEXT,
  STREAM_TRACKING,
  STREAM_PAYOUTS,
  STREAM_CAMPAIGNS,
};

static inline guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline void
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

/* Index drawn in proportion to small integer weights. */
static inline guint
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

/* ------------------------------------------------------------------------ */
/* The catalogue (hk-simulator-catalogue.c)                                 */

enum { BRAND_MUSCLEBLAZE, BRAND_HKVITALS, BRAND_GRITZO, N_BRANDS };
enum { PLATFORM_INSTAGRAM, PLATFORM_YOUTUBE, PLATFORM_TWITTER, N_PLATFORMS };

/* Lists declared below without a length (G_N_ELEMENTS would not compile
 * outside the catalogue) have it here; the catalogue checks it. */
#define N_CATEGORIES  8
#define N_FIRST_NAMES 40 /* of each gender */
#define N_LAST_NAMES  40
#define N_CITIES      22
#define N_AGE_GROUPS  4

typedef struct {
  const char *name;
  guint       price; /* rupees */
  guint16     popularity;
} Product;

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

typedef struct {
  const char *name;
  const char *hashtag;
  guint16     weight;
  guint16     brand_weight[N_BRANDS];
  guint       male_percent;
  double      engagement; /* relative like rate */
  const char *openers[4];
} Category;

extern const Product   _hk_sim_products[];
/* Products are grouped by brand: brand b's are first[b] .. first[b + 1] - 1. */
extern const guint     _hk_sim_brand_first_product[N_BRANDS + 1];
extern const Platform  _hk_sim_platforms[N_PLATFORMS];
extern const Category  _hk_sim_categories[];
extern const char     *const _hk_sim_cities[];
extern const guint16   _hk_sim_city_weights[];
extern const char     *const _hk_sim_age_groups[];
extern const guint16   _hk_sim_age_group_weights[];

/* A product of brand, drawn by popularity. */
static inline guint
brand_product (HkRng *rng,
               guint  brand)
{
  guint first = _hk_sim_brand_first_product[brand];
  guint n = _hk_sim_brand_first_product[brand + 1] - first;
  guint16 weights[16];

  g_assert (n <= G_N_ELEMENTS (weights));
  for (guint i = 0; i < n; i++)
    weights[i] = _hk_sim_products[first + i].popularity;
  return first + rng_weighted (rng, weights, n);
}

/* ------------------------------------------------------------------------ */
/* The simulation's state                                                   */

typedef struct {
  double   quality;       /* conversion multiplier: duds ~0.15, stars ~2.5 */
  double   activity;      /* posting weight */
  double   expected_spend; /* its payouts on expected units (the truth) */
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
  double   pull;          /* expected caused rows, before the lag profile */
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
  guint8   product;       /* featured product (index into the catalogue's) */
  guint8   platform;      /* its influencer's, at hand for each row */
} Post;

/* What a post is expected to bring (the truth), apart from the posts: a
 * post stays in one cache line. */
typedef struct {
  double   credited;      /* rows credited to it */
  double   caused;        /* rows it causes */
} PostExpectation;

typedef struct {
  char    *name;
  char    *theme;
  gint32   start_day;
  gint32   end_day;
  guint    n_posts;
  gint     holdout;       /* index into holdouts, or -1 */
  double   capture;       /* purchases credited anyway, per caused purchase */
  double   audience_rate; /* purchases its audience makes anyway, on a day of factor 1 */
  double   lift;          /* caused purchases, relative (options->test_lift if tested) */
  guint    credit_permille; /* caused purchases credited to the post */
  guint8   brand;
  guint8   variant;
  gint64   caused_revenue;   /* written so far: the truth */
  gint64   captured_revenue; /* credited, would have happened anyway */
  gint64   credited_revenue; /* credited to its influencers, both kinds */
} Campaign;

typedef struct {
  guint    campaign;
  gint32   start_day;     /* the test window */
  gint32   end_day;
  guint64  first_user;    /* global index of the first target user; the exposed */
  guint32  n_targets;     /* come first, then the holdout users */
  guint32  n_holdout;
  guint32  n_exposed;
  double   baseline_rate; /* purchases per target user on a day of factor 1 */
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
  const HkSimulatorOptions *options; /* its shape */
  guint64           row;     /* rows written, for the shape's extra cells */
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
  PostExpectation *expected;     /* per post */
  guint           n_posts;
  Campaign       *campaigns;
  guint           n_campaigns;
  guint           n_segments;
  guint           n_variants;
  gint32         *segment_start;
  guint8         *day_season;     /* per day: season 0..5 */
  guint16        *day_segment;    /* per day: segment index */
  guint32        *running;        /* per brand variant, day: MAX_RUNNING campaign
                                   * indices + 1 (0: none) */
  gint32         *nearest;        /* per brand variant, day: the nearest day one runs */
  Holdout        *holdouts;
  guint           n_holdouts;

  double          lag_weight[LAG_DAYS];
  double         *day_factor;      /* organic demand's shape, mean 1 */
  double         *sale_factor;     /* its sale and festive peaks alone */
  double         *organic_per_day; /* expected organic rows */
  double          units_mean;      /* expected units of a purchase, returns netted */
  guint64        *rows_per_day;
  guint64         rows_written;

  guint32         n_general_users;
  guint32         n_loyal_users;
  guint64         n_users;
  guint           user_digits;
  guint64         user_modulus;
  guint64         user_multiplier;

  char           *product_names[32]; /* the long names (options->long_names) */

  GString        *scratch;
} Simulation;

/* Ids of the text style (options->text_ids): INF000123, P0000001, PAY0000001. */
typedef enum {
  SIM_ID_INFLUENCER,
  SIM_ID_POST,
  SIM_ID_PAYOUT,
} SimIdKind;

/* Running campaigns of brand b's variant v on a day. */
static inline const guint32 *
running_campaigns (const Simulation *sim,
                   guint             brand,
                   guint             variant,
                   gint32            day)
{
  gsize bv = (gsize) brand * sim->n_variants + variant;

  return sim->running + (bv * sim->n_days + (day - sim->options->start_day)) * MAX_RUNNING;
}

/* ------------------------------------------------------------------------ */
/* Called across files                                                      */

/* hk-simulator.c: the sinks, progress */
Sink       *_hk_sim_sink_begin           (Simulation       *sim,
                                          HkTable           table,
                                          const SimColumn  *columns,
                                          guint             n_columns);
void        _hk_sim_sink_end             (Sink             *s);
void        _hk_sim_sink_text            (Sink             *s,
                                          const char       *text,
                                          gssize            len);
void        _hk_sim_sink_int             (Sink             *s,
                                          gint64            value);
void        _hk_sim_sink_double          (Sink             *s,
                                          double            value);
void        _hk_sim_sink_date            (Sink             *s,
                                          gint32            day,
                                          const char       *iso);
void        _hk_sim_sink_id              (Sink             *s,
                                          SimIdKind         kind,
                                          guint64           number);
gsize       _hk_sim_format_id            (const HkSimulatorOptions *options,
                                          SimIdKind         kind,
                                          guint64           number,
                                          char             *buf);
void        _hk_sim_sink_empty           (Sink             *s);
void        _hk_sim_sink_end_row         (Sink             *s);
void        _hk_sim_report_progress      (Simulation       *sim,
                                          double            fraction);

/* hk-simulator-math.c */
double      _hk_sim_det_exp              (double            x);
double      _hk_sim_det_pow              (double            base,
                                          double            exponent);
double      _hk_sim_rng_lognormal        (HkRng            *rng,
                                          double            mu,
                                          double            sigma);
void        _hk_sim_apportion            (guint64           total,
                                          const double     *weights,
                                          const guint64    *caps,
                                          guint             n,
                                          guint64          *out);

/* hk-simulator-catalogue.c */
void        _hk_sim_name_products        (Simulation       *sim);
char       *_hk_sim_campaign_name        (const Simulation *sim,
                                          guint             brand,
                                          const char       *theme,
                                          int               year,
                                          guint             variant);
guint       _hk_sim_shape_extras         (HkTable           table,
                                          guint64           row,
                                          const char      **headers,
                                          const char      **cells);
char       *_hk_sim_campaign_theme       (guint             brand,
                                          guint             season,
                                          guint             variant);
void        _hk_sim_format_name          (GString          *out,
                                          const Influencer *inf);
const char *_hk_sim_organic_source       (HkRng            *rng);
void        _hk_sim_append_url           (GString          *out,
                                          const Influencer *inf,
                                          const Post       *post,
                                          HkRng            *rng);
void        _hk_sim_append_caption       (GString          *out,
                                          const Influencer *inf,
                                          const Post       *post,
                                          const char       *theme,
                                          HkRng            *rng);

/* hk-simulator-world.c */
void        _hk_sim_generate_campaigns   (Simulation       *sim);
double      _hk_sim_sale_factor          (gint32            day);
void        _hk_sim_generate_influencers (Simulation       *sim);
void        _hk_sim_write_influencers    (Simulation       *sim);
void        _hk_sim_plan_audiences       (Simulation       *sim,
                                          double           *expected);
void        _hk_sim_write_holdouts       (Simulation       *sim);

/* hk-simulator-truth.c */
HkSimulationTruth *_hk_sim_make_truth    (const Simulation *sim);

/* hk-simulator-activity.c */
void        _hk_sim_generate_posts       (Simulation       *sim);
gboolean    _hk_sim_write_posts          (Simulation       *sim,
                                          GError          **error);
void        _hk_sim_plan_tracking        (Simulation       *sim);
gboolean    _hk_sim_write_tracking       (Simulation       *sim,
                                          GError          **error);
double      _hk_sim_row_value            (const Simulation *sim,
                                          const Post       *post);

/* hk-simulator-payouts.c */
gboolean    _hk_sim_write_payouts        (Simulation       *sim,
                                          GError          **error);

G_END_DECLS
