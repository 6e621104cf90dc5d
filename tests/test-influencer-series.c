/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One influencer's revenue and spend per day (the influencer dialog's Over
 * Time chart), on a small dataset worked out by hand in the comments; and,
 * on the simulator's data, that the influencers' series add up to the
 * Overview's daily chart. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "hk-date.h"
#include "hk-import.h"
#include "hk-influencer-series.h"
#include "hk-simulator.h"

#define EPS 1e-9

/* Asha (1): a post-basis payout of 600 over her three posts, 200 a post
 *   (1 Jan twice, 4 Jan); an order-basis payout of 1000 over her two rows in
 *   proportion to orders: 1 order on 2 Jan (250), 3 orders on 4 Jan (750).
 *   Per day: 1 Jan revenue 0, spend 400; 2 Jan 3000 / 250; 3 Jan nothing;
 *   4 Jan 1000 / 200 + 750 = 950.
 * Bharat (2): an order-basis payout of 2000 on his one row, 3 Jan, revenue
 *   500; a post-basis payout of 300 with no post in scope (his only post is
 *   of another campaign): unallocated, on no day.
 * Chitra (3): nothing at all. */
static const char influencers_csv[] =
  "id,name,category,gender,follower_count,platform,city\n"
  "1,Asha,Fitness,Female,50000,Instagram,Mumbai\n"
  "2,Bharat,Fitness,Male,200000,YouTube,Delhi\n"
  "3,Chitra,Health,Female,8000,Instagram,\n";

static const char posts_csv[] =
  "influencer_id,platform,date,url,caption,reach,likes,comments,brand,campaign\n"
  "1,Instagram,2025-01-01,u1,c,1000,100,10,MuscleBlaze,MB_1\n"
  "1,Instagram,2025-01-01,u2,c,1000,100,10,MuscleBlaze,MB_1\n"
  "1,Instagram,2025-01-04,u3,c,1000,100,10,MuscleBlaze,MB_1\n"
  "2,YouTube,2025-01-03,u4,c,5000,300,40,HKVitals,HKV_1\n";

static const char tracking_csv[] =
  "source,campaign,influencer_id,user_id,product,date,orders,revenue,brand\n"
  "instagram,MB_1,1,u1,Whey Gold,2025-01-02,1,3000,MuscleBlaze\n"
  "instagram,MB_1,1,u2,Whey Gold,2025-01-04,3,1000,MuscleBlaze\n"
  "youtube,HKV_1,2,u3,Biotin,2025-01-03,2,500,HKVitals\n";

static const char payouts_csv[] =
  "influencer_id,basis,rate,orders,total_payout,campaign\n"
  "1,post,,,600,\n"
  "1,order,,,1000,\n"
  "2,order,,,2000,\n"
  "2,post,,,300,HKV_2\n";

static HkAnalysis *
analyze (void)
{
  GBytes *files[HK_N_TABLES] = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HkDataset) ds = NULL;
  g_autoptr(HkEngine) engine = NULL;
  g_autoptr(HkFilter) filter = hk_filter_new ();
  HkAnalysisOptions options;

  files[HK_TABLE_INFLUENCERS] = g_bytes_new_static (influencers_csv, strlen (influencers_csv));
  files[HK_TABLE_POSTS] = g_bytes_new_static (posts_csv, strlen (posts_csv));
  files[HK_TABLE_TRACKING] = g_bytes_new_static (tracking_csv, strlen (tracking_csv));
  files[HK_TABLE_PAYOUTS] = g_bytes_new_static (payouts_csv, strlen (payouts_csv));
  ds = hk_import_bytes (files, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint t = 0; t < HK_N_TABLES; t++)
    g_clear_pointer (&files[t], g_bytes_unref);
  engine = hk_engine_new (ds);
  hk_analysis_options_init (&options);
  /* The window's filter does not matter: the dialog covers the whole dataset. */
  hk_filter_add (filter, HK_DIM_BRAND, "HKVitals");
  return hk_engine_analyze (engine, filter, &options);
}

#define assert_value(v, e) g_assert_cmpfloat_with_epsilon ((v), (double) (e), EPS * MAX (1, fabs ((double) (e))))

static void
test_by_hand (void)
{
  g_autoptr(HkAnalysis) a = analyze ();
  g_autoptr(HkTimeSeries) asha = hk_chart_series_new_for_influencer (a, 0, NULL);
  g_autoptr(HkTimeSeries) bharat = hk_chart_series_new_for_influencer (a, 1, NULL);
  g_autoptr(HkTimeSeries) chitra = hk_chart_series_new_for_influencer (a, 2, NULL);
  g_autoptr(HkTimeSeries) smooth = NULL;
  HkChartSeriesOptions options;
  static const double asha_revenue[] = { 0, 3000, 0, 1000 };
  static const double asha_spend[] = { 400, 250, 0, 950 };

  g_assert_cmpint (asha->parent.kind, ==, HK_CHART_REVENUE_VS_SPEND);
  g_assert_cmpint (asha->first_day, ==, hk_date_from_ymd (2025, 1, 1));
  g_assert_cmpuint (asha->n_days, ==, 4);
  for (guint d = 0; d < 4; d++)
    {
      assert_value (asha->revenue[d], asha_revenue[d]);
      assert_value (asha->spend[d], asha_spend[d]);
    }

  g_assert_cmpint (bharat->first_day, ==, hk_date_from_ymd (2025, 1, 3));
  g_assert_cmpuint (bharat->n_days, ==, 1);
  assert_value (bharat->revenue[0], 500);
  assert_value (bharat->spend[0], 2000);

  g_assert_cmpuint (chitra->n_days, ==, 0);

  /* Smoothing as the daily chart's: 2-day trailing mean of Asha's spend. */
  hk_chart_series_options_init (&options);
  options.smoothing = 2;
  smooth = hk_chart_series_new_for_influencer (a, 0, &options);
  g_assert_cmpuint (smooth->smoothing, ==, 2);
  assert_value (smooth->spend[0], 400);
  assert_value (smooth->spend[1], 325);
  assert_value (smooth->spend[2], 125);
  assert_value (smooth->spend[3], 475);
}

/* An independent route: the influencers' days add up to the Overview's. */
static void
test_adds_up (void)
{
  HkSimulatorOptions sim;
  g_autoptr(GError) error = NULL;
  g_autoptr(HkDataset) ds = NULL;
  g_autoptr(HkEngine) engine = NULL;
  g_autoptr(HkFilter) filter = hk_filter_new ();
  g_autoptr(HkAnalysis) a = NULL;
  g_autoptr(HkTimeSeries) all = NULL;
  HkAnalysisOptions options;
  double *revenue, *spend;

  hk_simulator_options_init (&sim);
  sim.n_influencers = 40;
  sim.n_posts = 150;
  sim.n_tracking_rows = 1500;
  ds = hk_simulator_generate_dataset (&sim, NULL, &error);
  g_assert_no_error (error);
  engine = hk_engine_new (ds);
  hk_analysis_options_init (&options);
  a = hk_engine_analyze (engine, filter, &options);
  all = HK_TIME_SERIES (hk_chart_series_new_for_analysis (a, HK_CHART_REVENUE_VS_SPEND, NULL));
  g_assert_cmpuint (all->n_days, >, 0);
  revenue = g_new0 (double, all->n_days);
  spend = g_new0 (double, all->n_days);
  for (guint i = 0; i < hk_dataset_get_n_influencers (ds); i++)
    {
      g_autoptr(HkTimeSeries) one = hk_chart_series_new_for_influencer (a, i, NULL);

      for (guint d = 0; d < one->n_days; d++)
        {
          gint64 at = (gint64) one->first_day + d - all->first_day;

          g_assert_cmpint (at, >=, 0);
          g_assert_cmpint (at, <, all->n_days);
          revenue[at] += one->revenue[d];
          spend[at] += one->spend[d];
        }
    }
  for (guint d = 0; d < all->n_days; d++)
    {
      g_assert_cmpfloat_with_epsilon (revenue[d], all->revenue[d], 1e-6 * MAX (1, fabs (all->revenue[d])));
      g_assert_cmpfloat_with_epsilon (spend[d], all->spend[d], 1e-6 * MAX (1, fabs (all->spend[d])));
    }
  g_free (revenue);
  g_free (spend);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/influencer-series/by-hand", test_by_hand);
  g_test_add_func ("/influencer-series/adds-up", test_adds_up);
  return g_test_run ();
}
