/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The metrics of DESIGN.md §3 on small datasets whose answers are worked out
 * by hand in the comments next to each check. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "hk-analysis.h"
#include "hk-date.h"
#include "hk-import.h"

#define EPS 1e-9

static HkDataset *
load (const char *influencers,
      const char *posts,
      const char *tracking,
      const char *payouts,
      const char *holdout)
{
  const char *texts[HK_N_TABLES] = { influencers, posts, tracking, payouts, holdout };
  GBytes *files[HK_N_TABLES] = { NULL };
  g_autoptr(GError) error = NULL;
  HkDataset *ds;

  for (guint t = 0; t < HK_N_TABLES; t++)
    if (texts[t])
      files[t] = g_bytes_new_static (texts[t], strlen (texts[t]));
  ds = hk_import_bytes (files, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint t = 0; t < HK_N_TABLES; t++)
    g_clear_pointer (&files[t], g_bytes_unref);
  return ds;
}

static const HkMetrics *
group (HkAnalysis  *a,
       HkDimension  dim,
       const char  *key)
{
  for (guint i = 0; i < hk_analysis_get_n_groups (a, dim); i++)
    if (g_str_equal (hk_analysis_get_group_key (a, dim, i), key))
      return hk_analysis_get_group (a, dim, i);
  g_error ("no group %s in %s", key, hk_dimension_name (dim));
  return NULL;
}

static gboolean
has_group (HkAnalysis  *a,
           HkDimension  dim,
           const char  *key)
{
  for (guint i = 0; i < hk_analysis_get_n_groups (a, dim); i++)
    if (g_str_equal (hk_analysis_get_group_key (a, dim, i), key))
      return TRUE;
  return FALSE;
}

#define assert_metric(m, metric, expected) \
  G_STMT_START { \
    double v_ = hk_metrics_get ((m), (metric)); \
    double e_ = (expected); \
    if (isnan (e_)) \
      g_assert_true (isnan (v_)); \
    else \
      g_assert_cmpfloat_with_epsilon (v_, e_, EPS * MAX (1, fabs (e_))); \
  } G_STMT_END

/* ------------------------------------------------------------------------ */
/* Dataset A: four influencers, two brands, every payout kind.              */

static const char a_influencers[] =
  "id,name,category,gender,follower_count,platform,city\n"
  "1,Asha,Fitness,Female,5000,Instagram,Mumbai\n"
  "2,Ravi,Nutrition,Male,50000,YouTube,Delhi\n"
  "3,Meera,Fitness,Female,200000,Instagram,Mumbai\n"
  "4,Kabir,Yoga,Male,2000000,Twitter,Pune\n";

static const char a_posts[] =
  "influencer_id,platform,date,url,caption,reach,likes,comments,brand,campaign\n"
  "1,Instagram,2025-01-01,u1,c,1000,100,10,MuscleBlaze,MB_Jan\n"
  "1,Instagram,2025-01-05,u2,c,2000,150,20,HKVitals,HK_Jan\n"
  "1,Instagram,2025-01-10,u3,c,1000,50,5,MuscleBlaze,MB_Jan\n"
  "2,YouTube,2025-01-03,u4,c,5000,300,40,MuscleBlaze,MB_Jan\n"
  "3,Instagram,2025-01-02,u5,c,8000,400,60,HKVitals,HK_Jan\n";

/* Brands come from product names. The unattributed row and the orphan (99)
 * take part in no metric. */
static const char a_tracking[] =
  "source,campaign,influencer_id,user_id,product,date,orders,revenue\n"
  "instagram,MB_Jan,1,U1,MuscleBlaze Whey,2025-01-02,2,3000\n"
  "instagram,HK_Jan,1,U2,HKVitals Biotin,2025-01-06,1,500\n"
  "instagram,MB_Jan,1,U3,MuscleBlaze Whey,2025-01-11,1,1500\n"
  "youtube,MB_Jan,2,U4,MuscleBlaze Creatine,2025-01-04,3,2400\n"
  "youtube,MB_Jan,2,U5,MuscleBlaze Creatine,2025-01-20,1,800\n"
  "instagram,HK_Jan,3,U6,HKVitals Multivitamin,2025-01-03,2,1200\n"
  "google,,,U7,MuscleBlaze Whey,2025-01-04,1,1500\n"
  "twitter,MB_Jan,4,U8,MuscleBlaze Whey,2025-01-05,1,1500\n"
  "instagram,MB_Jan,99,U9,MuscleBlaze Whey,2025-01-05,1,999\n";

/* 1: post basis, 3000 over its 3 posts (1000 each).
 * 2: order basis, total empty: 200 × 4 (orders cell) = 800, spread by orders:
 *    600 on the 3-order row, 200 on the 1-order row.
 * 3: commission 0.1 × 1200 (its revenue) = 120.
 * 4: post basis with no post: 5000 unallocated. */
static const char a_payouts[] =
  "influencer_id,basis,rate,orders,total_payout\n"
  "1,post,1000,3,3000\n"
  "2,order,200,4,\n"
  "3,order,0.1,,\n"
  "4,post,5000,,5000\n";

static HkEngine *
engine_a (void)
{
  g_autoptr(HkDataset) ds = load (a_influencers, a_posts, a_tracking, a_payouts, NULL);
  return hk_engine_new (ds);
}

static HkAnalysis *
analyze (HkEngine       *engine,
         const HkFilter *filter,
         HkIroasMethod   method)
{
  HkAnalysisOptions options;

  hk_analysis_options_init (&options);
  options.method = method;
  return hk_engine_analyze (engine, filter, &options);
}

static const HkMetrics *
influencer (HkAnalysis *a,
            const char *id)
{
  return group (a, HK_DIM_INFLUENCER, id);
}

static void
test_no_filter (void)
{
  g_autoptr(HkEngine) engine = engine_a ();
  g_autoptr(HkFilter) filter = hk_filter_new ();
  g_autoptr(HkAnalysis) a = analyze (engine, filter, HK_IROAS_ASSUMED);
  const HkMetrics *t = hk_analysis_get_totals (a);

  g_assert_cmpfloat (hk_engine_get_payout_amount (engine, 0), ==, 3000);
  g_assert_cmpfloat (hk_engine_get_payout_amount (engine, 1), ==, 800);
  g_assert_cmpfloat_with_epsilon (hk_engine_get_payout_amount (engine, 2), 120, EPS);
  g_assert_cmpfloat (hk_engine_get_payout_amount (engine, 3), ==, 5000);
  g_assert_true (hk_engine_is_payout_unallocated (engine, 3));

  /* 1: 3 posts, reach 4000, likes 300, comments 35; 4 orders, 5000; spend 3000. */
  assert_metric (influencer (a, "1"), HK_METRIC_POSTS, 3);
  assert_metric (influencer (a, "1"), HK_METRIC_REACH, 4000);
  assert_metric (influencer (a, "1"), HK_METRIC_ORDERS, 4);
  assert_metric (influencer (a, "1"), HK_METRIC_REVENUE, 5000);
  assert_metric (influencer (a, "1"), HK_METRIC_SPEND, 3000);
  assert_metric (influencer (a, "1"), HK_METRIC_ROAS, 5000.0 / 3000);
  assert_metric (influencer (a, "1"), HK_METRIC_ENGAGEMENT_RATE, 335.0 / 4000);
  assert_metric (influencer (a, "2"), HK_METRIC_SPEND, 800);
  assert_metric (influencer (a, "2"), HK_METRIC_ROAS, 4);
  assert_metric (influencer (a, "3"), HK_METRIC_SPEND, 120);
  assert_metric (influencer (a, "3"), HK_METRIC_ROAS, 10);
  /* With no row filter the unallocated payout counts in its influencer's spend. */
  assert_metric (influencer (a, "4"), HK_METRIC_SPEND, 5000);
  assert_metric (influencer (a, "4"), HK_METRIC_POSTS, 0);
  assert_metric (influencer (a, "4"), HK_METRIC_ROAS, 0.3);
  assert_metric (influencer (a, "4"), HK_METRIC_ENGAGEMENT_RATE, NAN);
  assert_metric (influencer (a, "4"), HK_METRIC_CPM, NAN);

  /* Totals: 5 posts, reach 17000, likes 1000, comments 135; 11 orders, 10900
   * revenue (no unattributed or orphan row); spend 3000 + 800 + 120 + 5000. */
  assert_metric (t, HK_METRIC_POSTS, 5);
  assert_metric (t, HK_METRIC_REACH, 17000);
  assert_metric (t, HK_METRIC_ORDERS, 11);
  assert_metric (t, HK_METRIC_REVENUE, 10900);
  assert_metric (t, HK_METRIC_SPEND, 8920);
  assert_metric (t, HK_METRIC_ROAS, 10900.0 / 8920);
  assert_metric (t, HK_METRIC_ENGAGEMENT_RATE, 1135.0 / 17000);
  assert_metric (t, HK_METRIC_CPM, 8920.0 / 17000 * 1000);
  assert_metric (t, HK_METRIC_CPE, 8920.0 / 1135);
  assert_metric (t, HK_METRIC_COST_PER_ORDER, 8920.0 / 11);
  assert_metric (t, HK_METRIC_AOV, 10900.0 / 11);
  assert_metric (t, HK_METRIC_ROI, (10900.0 - 8920) / 8920);
  /* Mean of 5/3, 4, 10, 0.3; top 10. */
  assert_metric (t, HK_METRIC_MEAN_INFLUENCER_ROAS, (5.0 / 3 + 4 + 10 + 0.3) / 4);
  assert_metric (t, HK_METRIC_TOP_INFLUENCER_ROAS, 10);
  /* Assumed share 0.3: incremental = 0.7 × revenue, over all spend. */
  assert_metric (t, HK_METRIC_INCREMENTAL_REVENUE, 0.7 * 10900);
  assert_metric (t, HK_METRIC_INCREMENTAL_ROAS, 0.7 * 10900 / 8920);
  g_assert_cmpfloat (hk_analysis_get_unallocated_spend (a), ==, 5000);

  /* Groups by brand hold no unallocated spend. MuscleBlaze: rows of 1 (3000 +
   * 1500), 2 (2400 + 800), 4 (1500) = 9200, 8 orders; spend: 1's two MB posts
   * 2000 and 2's 800. HKVitals: 500 + 1200; spend 1000 (1's HK post) + 120. */
  assert_metric (group (a, HK_DIM_BRAND, "MuscleBlaze"), HK_METRIC_REVENUE, 9200);
  assert_metric (group (a, HK_DIM_BRAND, "MuscleBlaze"), HK_METRIC_ORDERS, 8);
  assert_metric (group (a, HK_DIM_BRAND, "MuscleBlaze"), HK_METRIC_SPEND, 2800);
  assert_metric (group (a, HK_DIM_BRAND, "MuscleBlaze"), HK_METRIC_POSTS, 3);
  assert_metric (group (a, HK_DIM_BRAND, "HKVitals"), HK_METRIC_REVENUE, 1700);
  assert_metric (group (a, HK_DIM_BRAND, "HKVitals"), HK_METRIC_SPEND, 1120);
  /* Mean influencer ROAS in MuscleBlaze: 1 has 4500/2000, 2 has 3200/800; 4
   * has revenue but no spend there: it belongs, with no ROAS. */
  assert_metric (group (a, HK_DIM_BRAND, "MuscleBlaze"), HK_METRIC_MEAN_INFLUENCER_ROAS, (2.25 + 4) / 2);
  assert_metric (group (a, HK_DIM_BRAND, "MuscleBlaze"), HK_METRIC_TOP_INFLUENCER_ROAS, 4);
  assert_metric (group (a, HK_DIM_BRAND, "MuscleBlaze"), HK_METRIC_INFLUENCERS, 3);
  g_assert_cmpuint (hk_analysis_get_n_groups (a, HK_DIM_BRAND), ==, 2);

  /* Persona "Fitness · Female" is 1 and 3: revenue 6200, spend 3120; mean of
   * their ROAS (5/3 and 10). */
  assert_metric (group (a, HK_DIM_PERSONA, "Fitness · Female"), HK_METRIC_REVENUE, 6200);
  assert_metric (group (a, HK_DIM_PERSONA, "Fitness · Female"), HK_METRIC_SPEND, 3120);
  assert_metric (group (a, HK_DIM_PERSONA, "Fitness · Female"), HK_METRIC_MEAN_INFLUENCER_ROAS, (5.0 / 3 + 10) / 2);
  assert_metric (group (a, HK_DIM_CITY, "Mumbai"), HK_METRIC_ROAS, 6200.0 / 3120);
  assert_metric (group (a, HK_DIM_PLATFORM, "Twitter"), HK_METRIC_SPEND, 5000);
  assert_metric (group (a, HK_DIM_TIER, "mega"), HK_METRIC_REVENUE, 1500);
  assert_metric (group (a, HK_DIM_TIER, "nano"), HK_METRIC_REVENUE, 5000);

  /* Days: each with a post, an attributed row or spend. Jan 2 has 1's order
   * (3000) and 3's post (spend 0: 3 pays on orders); Jan 20 has 2's order. */
  assert_metric (group (a, HK_DIM_DAY, "2025-01-02"), HK_METRIC_REVENUE, 3000);
  assert_metric (group (a, HK_DIM_DAY, "2025-01-02"), HK_METRIC_POSTS, 1);
  assert_metric (group (a, HK_DIM_DAY, "2025-01-01"), HK_METRIC_SPEND, 1000);
  assert_metric (group (a, HK_DIM_DAY, "2025-01-20"), HK_METRIC_SPEND, 200);
  /* Posts on Jan 1, 2, 3, 5, 10; rows on Jan 2, 3, 4, 5, 6, 11, 20. */
  g_assert_cmpuint (hk_analysis_get_n_groups (a, HK_DIM_DAY), ==, 9);
  g_assert_false (has_group (a, HK_DIM_DAY, "2025-01-07"));

  /* Top: 3 (10), 2 (4), 1 (5/3), 4 (0.3). Poor: ⌈4/10⌉ = 1, the lowest: 4. */
  g_assert_cmpuint (hk_analysis_get_n_top (a), ==, 4);
  g_assert_cmpstr (hk_analysis_get_group_key (a, HK_DIM_INFLUENCER, hk_analysis_get_top (a, 0)), ==, "3");
  g_assert_cmpstr (hk_analysis_get_group_key (a, HK_DIM_INFLUENCER, hk_analysis_get_top (a, 3)), ==, "4");
  g_assert_cmpuint (hk_analysis_get_n_poor (a), ==, 1);
  g_assert_cmpstr (hk_analysis_get_group_key (a, HK_DIM_INFLUENCER, hk_analysis_get_poor (a, 0)), ==, "4");
}

static void
test_brand_filter (void)
{
  g_autoptr(HkEngine) engine = engine_a ();
  g_autoptr(HkFilter) filter = hk_filter_new ();
  g_autoptr(HkAnalysis) a = NULL;
  const HkMetrics *t;

  hk_filter_add (filter, HK_DIM_BRAND, "MuscleBlaze");
  a = analyze (engine, filter, HK_IROAS_ASSUMED);
  t = hk_analysis_get_totals (a);

  /* 1: its two MuscleBlaze posts (2000 of post spend: they have a brand and
   * no filter touches what they lack), rows 3000 + 1500. */
  assert_metric (influencer (a, "1"), HK_METRIC_POSTS, 2);
  assert_metric (influencer (a, "1"), HK_METRIC_REACH, 2000);
  assert_metric (influencer (a, "1"), HK_METRIC_SPEND, 2000);
  assert_metric (influencer (a, "1"), HK_METRIC_REVENUE, 4500);
  assert_metric (influencer (a, "2"), HK_METRIC_SPEND, 800);
  /* 3 has no MuscleBlaze post, row or spend: under a row filter it is not
   * part of the selection, so not listed. */
  g_assert_false (has_group (a, HK_DIM_INFLUENCER, "3"));
  /* 4: a row filter is on, so its unallocated payout counts nowhere. */
  assert_metric (influencer (a, "4"), HK_METRIC_SPEND, 0);
  assert_metric (influencer (a, "4"), HK_METRIC_REVENUE, 1500);
  assert_metric (t, HK_METRIC_REVENUE, 9200);
  assert_metric (t, HK_METRIC_SPEND, 2800);
  assert_metric (t, HK_METRIC_ROAS, 9200.0 / 2800);
  g_assert_cmpuint (hk_analysis_get_n_groups (a, HK_DIM_INFLUENCER), ==, 3);
  /* Unallocated spend is still reported for the influencers the influencer
   * filters keep. */
  g_assert_cmpfloat (hk_analysis_get_unallocated_spend (a), ==, 5000);
  /* Only 1 and 2 have a ROAS: poor is ⌈2/10⌉ = 1: 1 (2.25 < 4). */
  g_assert_cmpuint (hk_analysis_get_n_poor (a), ==, 1);
  g_assert_cmpstr (hk_analysis_get_group_key (a, HK_DIM_INFLUENCER, hk_analysis_get_poor (a, 0)), ==, "1");
}

static void
test_date_filter (void)
{
  g_autoptr(HkEngine) engine = engine_a ();
  g_autoptr(HkFilter) filter = hk_filter_new ();
  g_autoptr(HkAnalysis) a = NULL;

  hk_filter_set_date_range (filter, hk_date_from_ymd (2025, 1, 1), hk_date_from_ymd (2025, 1, 5));
  a = analyze (engine, filter, HK_IROAS_ASSUMED);

  /* 1: posts of Jan 1 and 5 (2000); its Jan 2 row (3000). */
  assert_metric (influencer (a, "1"), HK_METRIC_POSTS, 2);
  assert_metric (influencer (a, "1"), HK_METRIC_SPEND, 2000);
  assert_metric (influencer (a, "1"), HK_METRIC_REVENUE, 3000);
  /* 2: order basis follows the rows: the Jan 4 row carries 600 of 800. */
  assert_metric (influencer (a, "2"), HK_METRIC_SPEND, 600);
  assert_metric (influencer (a, "2"), HK_METRIC_REVENUE, 2400);
  assert_metric (influencer (a, "3"), HK_METRIC_SPEND, 120);
  assert_metric (influencer (a, "4"), HK_METRIC_SPEND, 0);
  assert_metric (hk_analysis_get_totals (a), HK_METRIC_REVENUE, 8100);
  assert_metric (hk_analysis_get_totals (a), HK_METRIC_SPEND, 2720);
}

static void
test_product_filter (void)
{
  g_autoptr(HkEngine) engine = engine_a ();
  g_autoptr(HkFilter) filter = hk_filter_new ();
  g_autoptr(HkAnalysis) a = NULL;

  hk_filter_add (filter, HK_DIM_PRODUCT, "MuscleBlaze Whey");
  a = analyze (engine, filter, HK_IROAS_ASSUMED);

  /* Posts lack a product: they count whole, and their spend is scaled by the
   * share of their payout row's revenue (any date) from that product:
   * 1: (3000 + 1500) / 5000 = 0.9, so 3 × 1000 × 0.9. */
  assert_metric (influencer (a, "1"), HK_METRIC_POSTS, 3);
  assert_metric (influencer (a, "1"), HK_METRIC_SPEND, 2700);
  assert_metric (influencer (a, "1"), HK_METRIC_REVENUE, 4500);
  /* 2 sold only creatine: its order-basis spend stays with those rows. */
  assert_metric (influencer (a, "2"), HK_METRIC_POSTS, 1);
  assert_metric (influencer (a, "2"), HK_METRIC_SPEND, 0);
  assert_metric (hk_analysis_get_totals (a), HK_METRIC_POSTS, 5);
  assert_metric (hk_analysis_get_totals (a), HK_METRIC_REVENUE, 6000);
  assert_metric (hk_analysis_get_totals (a), HK_METRIC_SPEND, 2700);
}

static void
test_influencer_filters (void)
{
  g_autoptr(HkEngine) engine = engine_a ();
  g_autoptr(HkFilter) filter = hk_filter_new ();
  g_autoptr(HkAnalysis) a = NULL;
  g_autoptr(HkAnalysis) b = NULL;
  g_autoptr(HkAnalysis) c = NULL;

  /* Influencer filters pick influencers; with no row filter the unallocated
   * payout still counts. */
  hk_filter_add (filter, HK_DIM_PLATFORM, "Twitter");
  hk_filter_add (filter, HK_DIM_PLATFORM, "YouTube");
  a = analyze (engine, filter, HK_IROAS_ASSUMED);
  g_assert_cmpuint (hk_analysis_get_n_groups (a, HK_DIM_INFLUENCER), ==, 2);
  assert_metric (hk_analysis_get_totals (a), HK_METRIC_SPEND, 5800);
  assert_metric (hk_analysis_get_totals (a), HK_METRIC_REVENUE, 4700);

  hk_filter_clear (filter, HK_DIM_PLATFORM);
  hk_filter_add (filter, HK_DIM_TIER, "nano");
  hk_filter_add (filter, HK_DIM_TIER, "macro");
  b = analyze (engine, filter, HK_IROAS_ASSUMED);
  /* 1 (5000 followers) and 3 (200000). */
  assert_metric (hk_analysis_get_totals (b), HK_METRIC_REVENUE, 6200);

  hk_filter_clear (filter, HK_DIM_TIER);
  hk_filter_set_search (filter, "MEE");
  c = analyze (engine, filter, HK_IROAS_ASSUMED);
  g_assert_cmpuint (hk_analysis_get_n_groups (c, HK_DIM_INFLUENCER), ==, 1);
  g_assert_cmpstr (hk_analysis_get_group_key (c, HK_DIM_INFLUENCER, 0), ==, "3");
}

/* age_group: an influencer attribute like any other, as a filter and as
 * groups (the empty value is its own group). */
static void
test_age_group (void)
{
  static const char influencers[] =
    "id,name,category,gender,follower_count,platform,city,age_group\n"
    "1,Asha,Fitness,Female,5000,Instagram,Mumbai,18-24\n"
    "2,Ravi,Nutrition,Male,50000,YouTube,Delhi,25-34\n"
    "3,Meera,Fitness,Female,200000,Instagram,Mumbai,25-34\n"
    "4,Kabir,Yoga,Male,2000000,Twitter,Pune,\n";
  g_autoptr(HkDataset) ds = load (influencers, a_posts, a_tracking, a_payouts, NULL);
  g_autoptr(HkEngine) engine = hk_engine_new (ds);
  g_autoptr(HkFilter) filter = hk_filter_new ();
  g_autoptr(HkAnalysis) all = analyze (engine, filter, HK_IROAS_ASSUMED);
  g_autoptr(HkAnalysis) a = NULL;
  g_autoptr(GPtrArray) values = hk_dataset_dup_values (ds, HK_DIM_AGE_GROUP);

  /* Values with their influencer counts: "", 18-24, 25-34 (2). */
  g_assert_cmpuint (values->len, ==, 3);
  g_assert_cmpstr (((HkValueCount *) values->pdata[2])->value, ==, "25-34");
  g_assert_cmpuint (((HkValueCount *) values->pdata[2])->count, ==, 2);

  /* 25-34 is Ravi (3200 revenue, 800 spend) and Meera (1200, 120). */
  assert_metric (group (all, HK_DIM_AGE_GROUP, "25-34"), HK_METRIC_REVENUE, 4400);
  assert_metric (group (all, HK_DIM_AGE_GROUP, "25-34"), HK_METRIC_SPEND, 920);
  assert_metric (group (all, HK_DIM_AGE_GROUP, "25-34"), HK_METRIC_INFLUENCERS, 2);
  /* Kabir: no age group; his unallocated 5000 counts with no row filter. */
  assert_metric (group (all, HK_DIM_AGE_GROUP, ""), HK_METRIC_SPEND, 5000);

  hk_filter_add (filter, HK_DIM_AGE_GROUP, " 25-34 ");
  a = analyze (engine, filter, HK_IROAS_ASSUMED);
  g_assert_cmpuint (hk_analysis_get_n_groups (a, HK_DIM_INFLUENCER), ==, 2);
  assert_metric (hk_analysis_get_totals (a), HK_METRIC_REVENUE, 4400);
  assert_metric (hk_analysis_get_totals (a), HK_METRIC_ROAS, 4400.0 / 920);
}

/* ------------------------------------------------------------------------ */
/* Scopes, several payout rows, posts that lack brand and campaign           */

static void
test_scopes (void)
{
  /* The canonical assignment shape: posts carry no brand or campaign. */
  static const char influencers[] =
    "ID,name,category,gender,follower_count,platform\n"
    "7,Dev,Fitness,Male,20000,Instagram\n";
  static const char posts[] =
    "influencer_id,platform,date,URL,caption,reach,likes,comments\n"
    "7,Instagram,2025-03-01,u1,c,1000,10,1\n"
    "7,Instagram,2025-03-02,u2,c,1000,10,1\n";
  /* MuscleBlaze 600 + 400 (2 + 1 orders), HKVitals 1000 (5 orders). */
  static const char tracking[] =
    "source,campaign,influencer_id,user_id,product,date,orders,revenue\n"
    "instagram,MuscleBlaze_Mar,7,U1,Whey Gold,2025-03-01,2,600\n"
    "instagram,MuscleBlaze_Mar,7,U2,Creatine,2025-03-03,1,400\n"
    "instagram,HKVitals_Mar,7,U3,Biotin,2025-03-02,5,1000\n";
  /* Two rows for one influencer: 2 posts × 500 = 1000 on post basis (no
   * scope), and 50 per order on HKVitals orders only: 50 × 5 = 250. */
  static const char payouts[] =
    "influencer_id,basis,rate,orders,total_payout,brand\n"
    "7,post,500,,,\n"
    "7,order,50,,,HKVitals\n";
  g_autoptr(HkDataset) ds = load (influencers, posts, tracking, payouts, NULL);
  g_autoptr(HkEngine) engine = hk_engine_new (ds);
  g_autoptr(HkFilter) filter = hk_filter_new ();
  g_autoptr(HkAnalysis) all = analyze (engine, filter, HK_IROAS_ASSUMED);
  g_autoptr(HkAnalysis) mb = NULL;
  g_autoptr(HkAnalysis) creatine = NULL;

  g_assert_cmpfloat (hk_engine_get_payout_amount (engine, 0), ==, 1000);
  g_assert_cmpfloat (hk_engine_get_payout_amount (engine, 1), ==, 250);
  /* Several rows of one influencer add up. */
  assert_metric (influencer (all, "7"), HK_METRIC_SPEND, 1250);
  assert_metric (influencer (all, "7"), HK_METRIC_REVENUE, 2000);

  /* By brand: the posts lack a brand, so their 1000 follows revenue (1000 of
   * 2000 each); the HKVitals order payout stays with HKVitals. Posts count
   * whole in each brand. */
  assert_metric (group (all, HK_DIM_BRAND, "MuscleBlaze"), HK_METRIC_SPEND, 500);
  assert_metric (group (all, HK_DIM_BRAND, "HKVitals"), HK_METRIC_SPEND, 750);
  assert_metric (group (all, HK_DIM_BRAND, "MuscleBlaze"), HK_METRIC_POSTS, 2);
  /* By product: Whey Gold 600/2000 of 1000 = 300; Biotin 500 + 250. */
  assert_metric (group (all, HK_DIM_PRODUCT, "Whey Gold"), HK_METRIC_SPEND, 300);
  assert_metric (group (all, HK_DIM_PRODUCT, "Biotin"), HK_METRIC_SPEND, 750);
  assert_metric (group (all, HK_DIM_CAMPAIGN, "MuscleBlaze_Mar"), HK_METRIC_SPEND, 500);
  /* Day groups hold post spend on the post's day: 500 on Mar 1 and Mar 2 (+250
   * of the HKVitals orders on Mar 2). */
  assert_metric (group (all, HK_DIM_DAY, "2025-03-01"), HK_METRIC_SPEND, 500);
  assert_metric (group (all, HK_DIM_DAY, "2025-03-02"), HK_METRIC_SPEND, 750);

  /* Brand filter: the posts' spend × (1000 / 2000) MuscleBlaze revenue. */
  hk_filter_add (filter, HK_DIM_BRAND, "MuscleBlaze");
  mb = analyze (engine, filter, HK_IROAS_ASSUMED);
  assert_metric (influencer (mb, "7"), HK_METRIC_SPEND, 500);
  assert_metric (influencer (mb, "7"), HK_METRIC_POSTS, 2);
  assert_metric (influencer (mb, "7"), HK_METRIC_REVENUE, 1000);

  /* Brand and product together: the fraction of revenue passing both,
   * 400 / 2000 of the posts' 1000. */
  hk_filter_add (filter, HK_DIM_PRODUCT, "Creatine");
  creatine = analyze (engine, filter, HK_IROAS_ASSUMED);
  assert_metric (influencer (creatine, "7"), HK_METRIC_SPEND, 200);
  assert_metric (influencer (creatine, "7"), HK_METRIC_REVENUE, 400);
}

static void
test_campaign_scope_and_commission (void)
{
  static const char influencers[] =
    "id,name,category,gender,follower_count,platform\n"
    "A,Zoya,Wellness,F,900,Instagram\n"
    "B,Om,Wellness,M,900,Instagram\n";
  static const char posts[] =
    "influencer_id,platform,date,url,caption,reach,likes,comments,campaign\n"
    "A,Instagram,2025-02-01,u1,c,100,1,1,C1\n"
    "A,Instagram,2025-02-02,u2,c,100,1,1,C2\n"
    "A,Instagram,2025-02-03,u3,c,100,1,1,\n";
  /* A: C1 rows 300 and 100; a C2 return of -50. B: two rows with revenue
   * summing to zero. */
  static const char tracking[] =
    "source,campaign,influencer_id,user_id,product,date,orders,revenue\n"
    "instagram,C1,A,U1,Whey Gold,2025-02-01,1,300\n"
    "instagram,C1,A,U2,Whey Gold,2025-02-02,1,100\n"
    "instagram,C2,A,U3,Whey Gold,2025-02-02,-1,-50\n"
    "instagram,C1,B,U4,Whey Gold,2025-02-02,1,100\n"
    "instagram,C1,B,U5,Whey Gold,2025-02-03,-1,-100\n";
  /* A: 700 per post in C1; a post with no campaign falls in every campaign
   * scope, so C1 has 2 posts: 1400, 700 each. A commission of 0.1 on C1
   * revenue (400): 40, spread by revenue (30 and 10).
   * B: commission 0.2 × 0 = 0 and a fixed 90 on orders: its orders sum to 0,
   * so 90 goes evenly over its 2 rows. */
  static const char payouts[] =
    "influencer_id,basis,rate,orders,total_payout,campaign\n"
    "A,post,700,,,C1\n"
    "A,order,0.1,,,C1\n"
    "B,order,0.2,,,\n"
    "B,order,30,3,,\n";
  g_autoptr(HkDataset) ds = load (influencers, posts, tracking, payouts, NULL);
  g_autoptr(HkEngine) engine = hk_engine_new (ds);
  g_autoptr(HkFilter) filter = hk_filter_new ();
  g_autoptr(HkAnalysis) all = analyze (engine, filter, HK_IROAS_ASSUMED);
  g_autoptr(HkAnalysis) c1 = NULL;

  g_assert_cmpfloat (hk_engine_get_payout_amount (engine, 0), ==, 1400);
  g_assert_cmpfloat_with_epsilon (hk_engine_get_payout_amount (engine, 1), 40, EPS);
  g_assert_cmpfloat (hk_engine_get_payout_amount (engine, 2), ==, 0);
  g_assert_cmpfloat (hk_engine_get_payout_amount (engine, 3), ==, 90);
  assert_metric (influencer (all, "A"), HK_METRIC_SPEND, 1440);
  /* Negative rows are returns: they count. */
  assert_metric (influencer (all, "A"), HK_METRIC_REVENUE, 350);
  assert_metric (influencer (all, "A"), HK_METRIC_ORDERS, 1);
  assert_metric (influencer (all, "B"), HK_METRIC_SPEND, 90);
  assert_metric (influencer (all, "B"), HK_METRIC_REVENUE, 0);
  assert_metric (influencer (all, "B"), HK_METRIC_ROAS, 0);
  /* B's 90 lands 45 on Feb 2 and 45 on Feb 3. A: Feb 1 has the C1 post (700)
   * and the 300 row's commission share (30); Feb 2's post is in C2, outside
   * the C1 payout, so only the 100 row's share (10); Feb 3 the post with no
   * campaign (700). */
  assert_metric (group (all, HK_DIM_DAY, "2025-02-01"), HK_METRIC_SPEND, 700 + 30);
  assert_metric (group (all, HK_DIM_DAY, "2025-02-02"), HK_METRIC_SPEND, 10 + 45);
  assert_metric (group (all, HK_DIM_DAY, "2025-02-03"), HK_METRIC_SPEND, 700 + 45);

  /* Campaign filter C1: the C2 post fails it; the post with no campaign lacks
   * the attribute: it counts whole, spend × revenue of C1 in scope (400) /
   * in-scope revenue (400) = 1. */
  hk_filter_add (filter, HK_DIM_CAMPAIGN, "C1");
  c1 = analyze (engine, filter, HK_IROAS_ASSUMED);
  assert_metric (influencer (c1, "A"), HK_METRIC_POSTS, 2);
  assert_metric (influencer (c1, "A"), HK_METRIC_SPEND, 1400 + 40);
  assert_metric (influencer (c1, "A"), HK_METRIC_REVENUE, 400);
}

/* ------------------------------------------------------------------------ */
/* Ranking                                                                  */

static void
test_ranking (void)
{
  GString *inf = g_string_new ("id,name,category,gender,follower_count,platform\n");
  GString *trk = g_string_new ("source,campaign,influencer_id,user_id,product,date,orders,revenue\n");
  GString *pay = g_string_new ("influencer_id,basis,rate,orders,total_payout\n");
  g_autoptr(HkDataset) ds = NULL;
  g_autoptr(HkEngine) engine = NULL;
  g_autoptr(HkFilter) filter = hk_filter_new ();
  g_autoptr(HkAnalysis) a = NULL;
  HkAnalysisOptions options;
  /* id, revenue, spend; a commission when rate is set (spend: rate ×
   * revenue), else paid per order. A commission's score is its ROAS exactly,
   * so commissions tie: 9, 10 and A1 all at 2 with revenue 200: integer ids
   * numerically (9 before 10) and before text ids (A1). 12 has ROAS 2 with
   * more revenue, so it leads them. 13 has no spend: no ROAS. */
  static const struct { const char *id; int revenue; int spend; const char *rate; } rows[] = {
    { "10", 200, 0, "0.5" }, { "9", 200, 0, "0.5" }, { "A1", 200, 0, "0.5" }, { "12", 400, 0, "0.5" },
    { "1", 100, 100, NULL }, { "2", 50, 100, NULL }, { "3", 300, 0, "0.25" }, { "4", 10, 100, NULL },
    { "5", 20, 100, NULL }, { "6", 500, 0, "0.2" }, { "7", 10, 50, NULL }, { "13", 100, 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_string_append_printf (inf, "%s,N%s,Fitness,Male,100,Instagram\n", rows[i].id, rows[i].id);
      g_string_append_printf (trk, "instagram,C,%s,U,Whey Gold,2025-01-01,1,%d\n", rows[i].id, rows[i].revenue);
      if (rows[i].rate)
        g_string_append_printf (pay, "%s,order,%s,,\n", rows[i].id, rows[i].rate);
      else if (rows[i].spend)
        g_string_append_printf (pay, "%s,order,1,,%d\n", rows[i].id, rows[i].spend);
    }
  ds = load (inf->str, NULL, trk->str, pay->str, NULL);
  engine = hk_engine_new (ds);
  hk_analysis_options_init (&options);
  options.top_n = 0;
  a = hk_engine_analyze (engine, filter, &options);

  /* 11 with a ROAS, by score: 6 (5), 3 (3), 12 (2, 400), 9, 10, A1 (2, 200),
   * 1 (1), 2 (0.5), then 7 and 5, both of ROAS 0.2 on one order: paid per
   * order, the rate is known and the basket is what is uncertain, so 7's
   * order at 50 scores above 5's at 100 once both baskets are shrunk toward
   * their peers'; 4 (0.1). */
  {
    static const char * const expected[] = { "6", "3", "12", "9", "10", "A1", "1", "2", "7", "5", "4" };

    g_assert_cmpuint (hk_analysis_get_n_top (a), ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      g_assert_cmpstr (hk_analysis_get_group_key (a, HK_DIM_INFLUENCER, hk_analysis_get_top (a, i)), ==, expected[i]);
  }
  /* Poor: ⌈11/10⌉ = 2: 4 (0.1), then 7 (0.2 with less revenue than 5). */
  g_assert_cmpuint (hk_analysis_get_n_poor (a), ==, 2);
  g_assert_cmpstr (hk_analysis_get_group_key (a, HK_DIM_INFLUENCER, hk_analysis_get_poor (a, 0)), ==, "4");
  g_assert_cmpstr (hk_analysis_get_group_key (a, HK_DIM_INFLUENCER, hk_analysis_get_poor (a, 1)), ==, "7");

  g_string_free (inf, TRUE);
  g_string_free (trk, TRUE);
  g_string_free (pay, TRUE);
}

/* Numeric ids by value and before text ids, which compare by bytes. */
static int
compare_test_ids (const char *a,
                  const char *b)
{
  gboolean na = g_ascii_isdigit (a[0]), nb = g_ascii_isdigit (b[0]);

  if (na && nb)
    return (int) g_ascii_strtoll (a, NULL, 10) - (int) g_ascii_strtoll (b, NULL, 10);
  if (na != nb)
    return na ? -1 : 1;
  return strcmp (a, b);
}

/* By ROAS and revenue, in sign's direction, then by id. */
static int
compare_ranked (HkAnalysis *a,
                int         sign,
                guint       x,
                guint       y)
{
  const HkMetrics *mx = hk_analysis_get_group (a, HK_DIM_INFLUENCER, x);
  const HkMetrics *my = hk_analysis_get_group (a, HK_DIM_INFLUENCER, y);
  double rx = hk_metrics_get (mx, HK_METRIC_ROAS), ry = hk_metrics_get (my, HK_METRIC_ROAS);

  if (rx != ry)
    return rx < ry ? -sign : sign;
  if (mx->revenue != my->revenue)
    return mx->revenue < my->revenue ? -sign : sign;
  return compare_test_ids (hk_analysis_get_group_key (a, HK_DIM_INFLUENCER, x),
                           hk_analysis_get_group_key (a, HK_DIM_INFLUENCER, y));
}

/* The lists sort only their first entries (the rest selected in any
 * order): with many ties, a short top is the start of the whole ranking,
 * and the poor performers are the first tenth by ROAS, revenue and id. */
static void
test_ranking_partial (void)
{
  GString *inf = g_string_new ("id,name,category,gender,follower_count,platform\n");
  GString *trk = g_string_new ("source,campaign,influencer_id,user_id,product,date,orders,revenue\n");
  GString *pay = g_string_new ("influencer_id,basis,rate,orders,total_payout\n");
  g_autoptr(HkDataset) ds = NULL;
  g_autoptr(HkEngine) engine = NULL;
  g_autoptr(HkFilter) filter = hk_filter_new ();
  g_autoptr(HkAnalysis) all = NULL;
  HkAnalysisOptions options;
  const guint n = 997;
  guint n_ranked = 0;

  /* Commissions score their ROAS exactly: three rates and three revenues
   * make nine values for 997 influencers; ids numeric and text, mixed. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = i % 3 ? g_strdup_printf ("%u", (i * 7919) % 10007) : g_strdup_printf ("T%04u", (i * 31) % 1000);

      g_string_append_printf (inf, "%s,N%u,Fitness,Male,100,Instagram\n", id, i);
      g_string_append_printf (trk, "instagram,C,%s,U,Whey Gold,2025-01-01,1,%u\n", id, 100 * (1 + i % 3));
      if (i % 11 != 0)
        g_string_append_printf (pay, "%s,order,%s,,\n", id, (const char *[]) { "0.5", "0.25", "0.2" }[(i / 3) % 3]);
    }
  ds = load (inf->str, NULL, trk->str, pay->str, NULL);
  engine = hk_engine_new (ds);
  hk_analysis_options_init (&options);
  options.top_n = 0;
  all = hk_engine_analyze (engine, filter, &options);
  n_ranked = hk_analysis_get_n_top (all);
  g_assert_cmpuint (n_ranked, ==, n - (n + 10) / 11);

  /* The whole ranking: score (here ROAS) and revenue descending, then id. */
  for (guint k = 1; k < n_ranked; k++)
    g_assert_cmpint (compare_ranked (all, -1, hk_analysis_get_top (all, k - 1), hk_analysis_get_top (all, k)), <, 0);
  for (guint t = 0; t < 4; t++)
    {
      const guint top_n[] = { 1, 2, 10, 300 };
      g_autoptr(HkAnalysis) a = NULL;

      options.top_n = top_n[t];
      a = hk_engine_analyze (engine, filter, &options);
      g_assert_cmpuint (hk_analysis_get_n_top (a), ==, top_n[t]);
      for (guint k = 0; k < top_n[t]; k++)
        g_assert_cmpuint (hk_analysis_get_top (a, k), ==, hk_analysis_get_top (all, k));
    }

  /* Poor: ⌈ranked/10⌉, in order, and none left out ranks before the last. */
  g_assert_cmpuint (hk_analysis_get_n_poor (all), ==, (n_ranked + 9) / 10);
  for (guint k = 1; k < hk_analysis_get_n_poor (all); k++)
    g_assert_cmpint (compare_ranked (all, 1, hk_analysis_get_poor (all, k - 1), hk_analysis_get_poor (all, k)), <, 0);
  for (guint k = 0; k < n_ranked; k++)
    {
      guint g = hk_analysis_get_top (all, k);
      gboolean poor = FALSE;

      for (guint p = 0; p < hk_analysis_get_n_poor (all); p++)
        poor = poor || hk_analysis_get_poor (all, p) == g;
      if (!poor)
        g_assert_cmpint (compare_ranked (all, 1, g, hk_analysis_get_poor (all, hk_analysis_get_n_poor (all) - 1)), >, 0);
    }

  g_string_free (inf, TRUE);
  g_string_free (trk, TRUE);
  g_string_free (pay, TRUE);
}

/* ------------------------------------------------------------------------ */
/* Incrementality                                                           */

static const char h_influencers[] =
  "id,name,category,gender,follower_count,platform\n"
  "1,Asha,Fitness,Female,5000,Instagram\n"
  "2,Ravi,Fitness,Male,5000,Instagram\n";

/* Campaign MuscleBlaze_T runs a test: 4 exposed users (E1 100, E2 300, E3
 * nothing, E4 200 of organic buying) and 2 held out (H1 200, H2 nothing in
 * the window: its 500 of May 4 is after it). The window is May 2–3, the
 * campaign's first to last attributed day. Campaign MuscleBlaze_X has no
 * test. */
static const char h_tracking[] =
  "source,campaign,influencer_id,user_id,product,date,orders,revenue,ab_group\n"
  "instagram,MuscleBlaze_T,1,E1,Whey Gold,2025-05-02,1,100,exposed\n"
  "instagram,MuscleBlaze_T,1,E2,Whey Gold,2025-05-03,1,300,exposed\n"
  "google,MuscleBlaze_T,,E4,Whey Gold,2025-05-03,1,200,exposed\n"
  "google,MuscleBlaze_T,,H1,Whey Gold,2025-05-03,1,200,holdout\n"
  "google,MuscleBlaze_T,,H2,Whey Gold,2025-05-04,1,500,holdout\n"
  "instagram,MuscleBlaze_X,2,U9,Whey Gold,2025-05-05,2,1000,\n";

static const char h_payouts[] =
  "influencer_id,basis,rate,orders,total_payout\n"
  "1,order,100,2,\n"
  "2,order,250,2,\n";

static const char h_holdout[] =
  "campaign,group,users\n"
  "MuscleBlaze_T,exposed,4\n"
  "MuscleBlaze_T,holdout,2\n";

static void
test_holdout (void)
{
  g_autoptr(HkDataset) ds = load (h_influencers, NULL, h_tracking, h_payouts, h_holdout);
  g_autoptr(HkEngine) engine = hk_engine_new (ds);
  g_autoptr(HkFilter) filter = hk_filter_new ();
  g_autoptr(HkAnalysis) a = analyze (engine, filter, HK_IROAS_AUTO);
  g_autoptr(HkAnalysis) h = analyze (engine, filter, HK_IROAS_HOLDOUT);
  HkHoldoutTest test;
  double low, high;
  /* Two-part estimate: purchases per exposed user 3 / 4, per held-out user
   * 1 / 2; revenue per purchase over both groups 800 / 4 = 200: incremental
   * (0.75 - 0.5) × 200 × 4 = 200 (the plain difference of means agrees:
   * (150 - 100) × 4). Variance of the purchase rates: dispersion φ = 1 (the
   * pooled variance-to-mean ratio, 1.25 / 4 ÷ (4 / 6), is below 1), so
   * (3 + ½) / 4² + (1 + ½) / 2² = 0.59375; of the revenue per purchase,
   * the larger of the baskets' variance, (100² + 300² + 200² + 200² - 4 ×
   * 200²) / 3 = 6,667, and the log-normal's, (e^v - 1) × 200² = 9,252 with v
   * the variance of their logs (0.2081), over 4 purchases; and the baskets
   * of the (0.75 - 0.5) × 4 = 1 caused purchase, 9,252 more. */
  const double baskets[] = { 100, 300, 200, 200 };
  double m = 0, v = 0;
  double var_d = 3.5 / 16 + 1.5 / 4, var_per, se;

  for (guint i = 0; i < 4; i++)
    m += log (baskets[i]) / 4;
  for (guint i = 0; i < 4; i++)
    v += (log (baskets[i]) - m) * (log (baskets[i]) - m) / 3;
  g_assert_cmpfloat (expm1 (v) * 200 * 200, >, 20000.0 / 3);
  var_per = expm1 (v) * 200 * 200 / 4;
  se = sqrt (16 * (200.0 * 200 * var_d + 0.25 * 0.25 * var_per + var_d * var_per) + 1 * var_per * 4);
  /* 1 held-out buyer: widened as Student's t with 2 degrees of freedom (the
   * fewest it takes) over the normal. */
  se *= 4.303 / 1.959964;

  g_assert_cmpuint (hk_analysis_get_n_holdout_tests (a), ==, 1);
  hk_analysis_get_holdout_test (a, 0, &test);
  g_assert_cmpstr (test.campaign, ==, "MuscleBlaze_T");
  g_assert_true (test.valid);
  g_assert_true (test.few_buyers);
  g_assert_cmpfloat (test.exposed_revenue, ==, 600);
  g_assert_cmpfloat (test.holdout_revenue, ==, 200);
  g_assert_cmpfloat (test.exposed_buyers, ==, 3);
  g_assert_cmpfloat (test.holdout_buyers, ==, 1);
  g_assert_cmpfloat_with_epsilon (test.incremental_revenue, 200, EPS);
  g_assert_cmpfloat_with_epsilon (test.low, 200 - 1.96 * se, 1e-6);
  g_assert_cmpfloat_with_epsilon (test.high, 200 + 1.96 * se, 1e-6);

  /* Auto: the test's 200 shared over its attributed revenue (400, all
   * influencer 1's); X takes the organic share the test calibrates: 1 -
   * 200 / 400 = 50%, so 0.5 × 1000 = 500. Spend 200 + 500. The interval
   * carries the test's error through both: 200 = I and 500 = I × 1000 / 400,
   * so 3.5 × its standard error. */
  assert_metric (influencer (a, "1"), HK_METRIC_INCREMENTAL_REVENUE, 200);
  assert_metric (influencer (a, "1"), HK_METRIC_INCREMENTAL_ROAS, 1);
  assert_metric (influencer (a, "2"), HK_METRIC_INCREMENTAL_REVENUE, 500);
  assert_metric (hk_analysis_get_totals (a), HK_METRIC_INCREMENTAL_REVENUE, 700);
  assert_metric (hk_analysis_get_totals (a), HK_METRIC_INCREMENTAL_ROAS, 700.0 / 700);
  g_assert_cmpuint (hk_analysis_get_totals (a)->methods, ==, HK_IROAS_USED_HOLDOUT | HK_IROAS_USED_CALIBRATED);
  g_assert_true (hk_analysis_get_iroas_interval (a, &low, &high));
  g_assert_cmpfloat_with_epsilon (low, (700 - 1.96 * 3.5 * se) / 700, 1e-9);
  g_assert_cmpfloat_with_epsilon (high, (700 + 1.96 * 3.5 * se) / 700, 1e-9);
  g_assert_cmpfloat (hk_analysis_get_iroas_revenue (a, HK_IROAS_USED_HOLDOUT), ==, 400);
  g_assert_cmpfloat (hk_analysis_get_iroas_revenue (a, HK_IROAS_USED_CALIBRATED), ==, 1000);
  g_assert_cmpstr (hk_analysis_get_iroas_label (a), ==,
                   "Auto: holdout test for 1 campaign (29% of revenue); "
                   "organic share 50% calibrated on the holdout tests (71% of revenue)");

  /* Holdout only: X has no iROAS, and its spend is out of the ratio. */
  assert_metric (influencer (h, "2"), HK_METRIC_INCREMENTAL_REVENUE, NAN);
  assert_metric (influencer (h, "2"), HK_METRIC_INCREMENTAL_ROAS, NAN);
  assert_metric (hk_analysis_get_totals (h), HK_METRIC_INCREMENTAL_REVENUE, 200);
  assert_metric (hk_analysis_get_totals (h), HK_METRIC_INCREMENTAL_ROAS, 1);
}

static void
test_pre_period (void)
{
  static const char influencers[] =
    "id,name,category,gender,follower_count,platform\n"
    "1,Asha,Fitness,Female,5000,Instagram\n";
  static const char posts[] =
    "influencer_id,platform,date,url,caption,reach,likes,comments,brand,campaign\n"
    "1,Instagram,2025-02-01,u,c,100,1,1,MuscleBlaze,MuscleBlaze_Feb\n";
  /* Clean days before Feb 1 (no MuscleBlaze campaign running), looking back
   * up to 12: Jan 31 is MuscleBlaze_Old's; Jan 30 (0 of MuscleBlaze) and Jan
   * 29 (300, organic) are clean, and the data starts there. 2 clean days of
   * the 3 asked (at least 1.5 needed): 150 a day. MuscleBlaze_Feb runs Feb 1
   * (its post) to Feb 4 (its last row), 4 days: baseline 600; the brand's
   * revenue those days 2000: incremental 1400. */
  static const char tracking[] =
    "source,campaign,influencer_id,user_id,product,date,orders,revenue\n"
    "google,,,U0,Whey Gold,2025-01-29,1,300\n"
    "instagram,MuscleBlaze_Old,1,U1,Whey Gold,2025-01-31,2,600\n"
    "google,,,U2,Biotin,2025-01-30,1,999\n"
    "instagram,MuscleBlaze_Feb,1,U3,Whey Gold,2025-02-01,2,1500\n"
    "instagram,MuscleBlaze_Feb,1,U4,Whey Gold,2025-02-04,1,500\n";
  static const char payouts[] =
    "influencer_id,basis,rate,orders,total_payout,campaign\n"
    "1,post,400,,,MuscleBlaze_Feb\n";
  g_autoptr(HkDataset) ds = load (influencers, posts, tracking, payouts, NULL);
  g_autoptr(HkEngine) engine = hk_engine_new (ds);
  g_autoptr(HkFilter) filter = hk_filter_new ();
  g_autoptr(HkAnalysis) a = NULL;
  g_autoptr(HkAnalysis) b = NULL;
  HkAnalysisOptions options;

  hk_analysis_options_init (&options);
  g_assert_true (hk_analysis_options_parse_iroas (&options, "pre-period:3", NULL));
  hk_filter_add (filter, HK_DIM_CAMPAIGN, "MuscleBlaze_Feb");
  a = hk_engine_analyze (engine, filter, &options);
  assert_metric (hk_analysis_get_totals (a), HK_METRIC_REVENUE, 2000);
  assert_metric (hk_analysis_get_totals (a), HK_METRIC_INCREMENTAL_REVENUE, 1400);
  assert_metric (hk_analysis_get_totals (a), HK_METRIC_INCREMENTAL_ROAS, 1400.0 / 400);
  g_assert_cmpuint (hk_analysis_get_totals (a)->methods, ==, HK_IROAS_USED_PRE_PERIOD);

  /* Feb 1–2 only: 2 campaign days, baseline 300; revenue 1500: 1200. */
  hk_filter_set_date_range (filter, hk_date_from_ymd (2025, 2, 1), hk_date_from_ymd (2025, 2, 2));
  b = hk_engine_analyze (engine, filter, &options);
  assert_metric (hk_analysis_get_totals (b), HK_METRIC_REVENUE, 1500);
  assert_metric (hk_analysis_get_totals (b), HK_METRIC_INCREMENTAL_REVENUE, 1200);
}

static void
test_iroas_options (void)
{
  HkAnalysisOptions o;
  g_autofree char *a = NULL, *b = NULL;
  g_autoptr(GError) error = NULL;

  hk_analysis_options_init (&o);
  g_assert_cmpint (o.method, ==, HK_IROAS_AUTO);
  g_assert_cmpfloat (o.organic_share, ==, 0.30);
  g_assert_cmpuint (o.pre_period_days, ==, 28);
  g_assert_true (hk_analysis_options_parse_iroas (&o, "assumed:0.25", NULL));
  g_assert_cmpfloat (o.organic_share, ==, 0.25);
  a = hk_analysis_options_format_iroas (&o);
  g_assert_cmpstr (a, ==, "assumed:0.25");
  g_assert_true (hk_analysis_options_parse_iroas (&o, "pre-period:14", NULL));
  b = hk_analysis_options_format_iroas (&o);
  g_assert_cmpstr (b, ==, "pre-period:14");
  g_assert_false (hk_analysis_options_parse_iroas (&o, "assumed:2", &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_assert_false (hk_analysis_options_parse_iroas (&o, "magic", NULL));
  g_assert_false (hk_analysis_options_parse_iroas (&o, "holdout:3", NULL));
}

/* ------------------------------------------------------------------------ */
/* Filters                                                                  */

static void
test_filter (void)
{
  g_autoptr(HkFilter) f = hk_filter_new ();
  g_autoptr(HkFilter) copy = NULL;
  g_autoptr(HkFilter) back = NULL;
  g_autoptr(GVariant) v = NULL;
  const char * const *values;

  g_assert_true (hk_filter_is_empty (f));
  hk_filter_add (f, HK_DIM_BRAND, "Gritzo");
  hk_filter_add (f, HK_DIM_BRAND, "HKVitals");
  hk_filter_add (f, HK_DIM_BRAND, "Gritzo");
  hk_filter_add (f, HK_DIM_CITY, "");
  values = hk_filter_get_values (f, HK_DIM_BRAND);
  g_assert_cmpstr (values[0], ==, "Gritzo");
  g_assert_cmpstr (values[1], ==, "HKVitals");
  g_assert_null (values[2]);
  g_assert_true (hk_filter_allows (f, HK_DIM_CITY, ""));
  g_assert_false (hk_filter_allows (f, HK_DIM_CITY, "Pune"));
  g_assert_true (hk_filter_allows (f, HK_DIM_PRODUCT, "anything"));
  g_assert_true (hk_filter_has_row_filter (f));
  hk_filter_set_date_range (f, 100, 200);
  hk_filter_set_search (f, "asha");

  copy = hk_filter_copy (f);
  g_assert_true (hk_filter_equal (f, copy));
  g_assert_null (hk_filter_get_values (copy, HK_DIM_BRAND)[2]);
  v = g_variant_ref_sink (hk_filter_serialize (f));
  back = hk_filter_deserialize (v);
  g_assert_true (hk_filter_equal (f, back));

  hk_filter_remove (f, HK_DIM_BRAND, "Gritzo");
  hk_filter_remove (f, HK_DIM_BRAND, "HKVitals");
  g_assert_null (hk_filter_get_values (f, HK_DIM_BRAND)[0]);
  g_assert_false (hk_filter_equal (f, copy));
}

/* The Payouts page and payout_summary show an influencer's rate whenever
 * its payout rows share one basis and one rate. */
static void
test_payout_info (void)
{
  static const char payouts[] =
    "influencer_id,basis,rate,orders,total_payout,campaign\n"
    "1,post,1000,,1000,MB_Jan\n"   /* one rate in two rows (two campaigns) */
    "1,post,1000,,2000,HK_Jan\n"
    "2,order,200,4,,\n"            /* one row */
    "3,order,0.1,,,\n"
    "3,order,0.2,,,\n"             /* two rates */
    "4,post,5000,,5000,\n"
    "4,order,100,,,\n";            /* two bases */
  g_autoptr(HkDataset) ds = load (a_influencers, a_posts, a_tracking, payouts, NULL);
  g_autoptr(HkEngine) engine = hk_engine_new (ds);
  g_autoptr(HkFilter) filter = hk_filter_new ();
  g_autoptr(HkAnalysis) a = analyze (engine, filter, HK_IROAS_ASSUMED);
  const char *expect_basis[] = { "post", "order", "order", "mixed" };
  const double expect_rate[] = { 1000, 200, NAN, NAN };

  for (guint g = 0; g < 4; g++)
    {
      const char *basis;
      double rate, units;

      g_assert_true (hk_analysis_get_payout_info (a, g, &basis, &rate, &units));
      g_assert_cmpstr (basis, ==, expect_basis[g]);
      if (isnan (expect_rate[g]))
        g_assert_true (isnan (rate));
      else
        g_assert_cmpfloat (rate, ==, expect_rate[g]);
    }
}

/* The payouts flag, worked by hand: ₹1,000 paid. Revenue ₹900 is less
 * than that (ROAS 0.9); ₹1,500 is under break-even 2 (margin 0.5); ₹2,000 is
 * break-even exactly, not below; nothing paid, nothing flagged. */
static void
test_payout_flag (void)
{
  HkMetrics m = { 0 };

  m.spend = 1000, m.revenue = 900;
  g_assert_cmpint (hk_metrics_payout_flag (&m, 2), ==, HK_PAYOUT_EXCEEDS_REVENUE);
  m.revenue = 1500;
  g_assert_cmpint (hk_metrics_payout_flag (&m, 2), ==, HK_PAYOUT_BELOW_BREAKEVEN);
  g_assert_cmpint (hk_metrics_payout_flag (&m, 1.25), ==, HK_PAYOUT_FINE);
  m.revenue = 2000;
  g_assert_cmpint (hk_metrics_payout_flag (&m, 2), ==, HK_PAYOUT_FINE);
  m.spend = 0, m.revenue = 0;
  g_assert_cmpint (hk_metrics_payout_flag (&m, 2), ==, HK_PAYOUT_FINE);
}

/* Exports round money to the paisa: sums of rupees and paise carry
 * floating-point noise (0.1 + 0.2 is 0.30000000000000004). Ratios keep every
 * digit. */
static void
test_money_rounding (void)
{
  HkMetrics m = { 0 };

  g_assert_cmpfloat (hk_money_round (84268.10000000005), ==, 84268.1);
  g_assert_cmpfloat (hk_money_round (0.1 + 0.2), ==, 0.3);
  g_assert_cmpfloat (hk_money_round (2.675), ==, 2.68);
  g_assert_cmpfloat (hk_money_round (-0.001), ==, 0);
  g_assert_false (signbit (hk_money_round (-0.001)));
  g_assert_true (isnan (hk_money_round (NAN)));

  m.revenue = 0.1 + 0.2;
  m.spend = 0.1;
  m.orders = 3;
  g_assert_cmpfloat (hk_metric_export_value (&m, HK_METRIC_REVENUE), ==, 0.3);
  g_assert_cmpfloat (hk_metric_export_value (&m, HK_METRIC_AOV), ==, 0.1);
  /* ROAS is a ratio: 3.0000000000000004 stays what it is. */
  g_assert_cmpfloat (hk_metric_export_value (&m, HK_METRIC_ROAS), ==, (0.1 + 0.2) / 0.1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/analysis/no-filter", test_no_filter);
  g_test_add_func ("/analysis/brand-filter", test_brand_filter);
  g_test_add_func ("/analysis/date-filter", test_date_filter);
  g_test_add_func ("/analysis/product-filter", test_product_filter);
  g_test_add_func ("/analysis/influencer-filters", test_influencer_filters);
  g_test_add_func ("/analysis/age-group", test_age_group);
  g_test_add_func ("/analysis/money-rounding", test_money_rounding);
  g_test_add_func ("/analysis/payout-flag", test_payout_flag);
  g_test_add_func ("/analysis/payout-info", test_payout_info);
  g_test_add_func ("/analysis/scopes", test_scopes);
  g_test_add_func ("/analysis/campaign-scope-commission", test_campaign_scope_and_commission);
  g_test_add_func ("/analysis/ranking", test_ranking);
  g_test_add_func ("/analysis/ranking-partial", test_ranking_partial);
  g_test_add_func ("/analysis/holdout", test_holdout);
  g_test_add_func ("/analysis/pre-period", test_pre_period);
  g_test_add_func ("/analysis/iroas-options", test_iroas_options);
  g_test_add_func ("/filter/sets", test_filter);
  return g_test_run ();
}
