/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The engine on simulated data, checked by independent routes: the holdout
 * estimate against the truth the simulator planted, the other iROAS methods
 * against their definitions recomputed here from the rows, and the original
 * Python project's ROAS on data in its shape. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "hk-analysis.h"
#include "hk-dataset-private.h"
#include "hk-date.h"
#include "hk-import.h"
#include "hk-simulator.h"

static HkDataset *
simulate (const HkSimulatorOptions  *options,
          HkSimulationTruth        **truth)
{
  GOutputStream *streams[HK_N_TABLES];
  GBytes *files[HK_N_TABLES];
  g_autoptr(GError) error = NULL;
  HkDataset *ds;

  for (guint t = 0; t < HK_N_TABLES; t++)
    streams[t] = g_memory_output_stream_new_resizable ();
  g_assert_true (hk_simulator_write_streams (options, streams, truth, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      g_output_stream_close (streams[t], NULL, NULL);
      files[t] = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (streams[t]));
      g_object_unref (streams[t]);
    }
  ds = hk_import_bytes (files, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (hk_import_report_has_problems (hk_dataset_get_report (ds)));
  for (guint t = 0; t < HK_N_TABLES; t++)
    g_bytes_unref (files[t]);
  return ds;
}

static void
small_options (HkSimulatorOptions *o,
               guint64             seed)
{
  hk_simulator_options_init (o);
  o->seed = seed;
  o->n_influencers = 120;
  o->n_posts = 1200;
  o->n_tracking_rows = 60000;
}

/* Over several seeds the 95% interval covers the planted lift about 95% of
 * the time; every estimate is within 3 standard errors (1.96 SE is the half
 * width of the interval). */
static void
test_holdout_recovery (void)
{
  guint tests = 0, covered = 0;

  for (guint64 seed = 1; seed <= 8; seed++)
    {
      g_autoptr(HkSimulationTruth) truth = NULL;
      HkSimulatorOptions o;
      g_autoptr(HkDataset) ds = NULL;
      g_autoptr(HkEngine) engine = NULL;
      g_autoptr(HkFilter) filter = hk_filter_new ();
      g_autoptr(HkAnalysis) a = NULL;
      HkAnalysisOptions options;

      small_options (&o, seed);
      ds = simulate (&o, &truth);
      engine = hk_engine_new (ds);
      hk_analysis_options_init (&options);
      options.method = HK_IROAS_HOLDOUT;
      a = hk_engine_analyze (engine, filter, &options);

      g_assert_cmpuint (hk_analysis_get_n_holdout_tests (a), ==, truth->holdouts->len);
      for (guint i = 0; i < hk_analysis_get_n_holdout_tests (a); i++)
        {
          HkHoldoutTest test;
          const HkSimulatedHoldout *planted = NULL;
          double half, se;

          hk_analysis_get_holdout_test (a, i, &test);
          for (guint k = 0; k < truth->holdouts->len; k++)
            if (g_str_equal (((HkSimulatedHoldout *) truth->holdouts->pdata[k])->campaign, test.campaign))
              planted = truth->holdouts->pdata[k];
          g_assert_nonnull (planted);
          g_assert_cmpfloat (test.exposed_users, ==, planted->exposed_users);
          g_assert_cmpfloat (test.holdout_users, ==, planted->holdout_users);

          half = (test.high - test.low) / 2;
          se = half / 1.96;
          g_test_message ("seed %" G_GUINT64_FORMAT " %s: estimate %.0f, truth %.0f, interval +/-%.0f",
                          seed, test.campaign, test.incremental_revenue, planted->true_incremental_revenue, half);
          g_assert_cmpfloat (fabs (test.incremental_revenue - planted->true_incremental_revenue), <=, 3 * se);
          tests++;
          covered += fabs (test.incremental_revenue - planted->true_incremental_revenue) <= half;
        }
    }
  g_test_message ("%u of %u intervals cover the truth", covered, tests);
  g_assert_cmpuint (tests, >=, 8);
  g_assert_cmpuint (covered * 100, >=, tests * 80);
}

/* Assumed share: incremental revenue is (1 - s) × revenue in every group. */
static void
test_assumed_definition (void)
{
  HkSimulatorOptions o;
  g_autoptr(HkDataset) ds = NULL;
  g_autoptr(HkEngine) engine = NULL;
  g_autoptr(HkFilter) filter = hk_filter_new ();
  g_autoptr(HkAnalysis) a = NULL;
  HkAnalysisOptions options;

  small_options (&o, 3);
  ds = simulate (&o, NULL);
  engine = hk_engine_new (ds);
  hk_analysis_options_init (&options);
  g_assert_true (hk_analysis_options_parse_iroas (&options, "assumed:0.25", NULL));
  hk_filter_add (filter, HK_DIM_BRAND, "MuscleBlaze");
  a = hk_engine_analyze (engine, filter, &options);

  for (HkDimension dim = 0; dim < HK_N_DIMS; dim++)
    for (guint g = 0; g < hk_analysis_get_n_groups (a, dim); g++)
      {
        const HkMetrics *m = hk_analysis_get_group (a, dim, g);

        if (m->revenue == 0 && m->spend == 0)
          continue;
        g_assert_cmpfloat_with_epsilon (m->incremental_revenue, 0.75 * m->revenue, 1e-6 * MAX (1, fabs (m->revenue)));
      }
  g_assert_cmpfloat_with_epsilon (hk_analysis_get_totals (a)->incremental_revenue,
                                  0.75 * hk_analysis_get_totals (a)->revenue, 1e-3);
}

/* Pre-period: recomputed here from the rows. A campaign's incremental revenue
 * is its brand's revenue on each of its days less the brand's daily revenue
 * in the N days before it began, split among the brand's campaigns running
 * that day; rows with no campaign, and campaigns with no day before them in
 * the data, take the assumed share. */
static void
test_pre_period_definition (void)
{
  HkSimulatorOptions o;
  g_autoptr(HkDataset) ds = NULL;
  g_autoptr(HkEngine) engine = NULL;
  g_autoptr(HkFilter) filter = hk_filter_new ();
  g_autoptr(HkAnalysis) a = NULL;
  HkAnalysisOptions options;
  guint n_campaigns, n_brands, n_days;
  g_autofree gint32 *first = NULL, *last = NULL;
  g_autofree guint *brand_rows = NULL, *running = NULL;
  g_autofree double *revenue = NULL, *daily = NULL;
  g_autofree guint *brand_of = NULL;
  double expected = 0;
  const gint32 days = 14;

  small_options (&o, 5);
  ds = simulate (&o, NULL);
  engine = hk_engine_new (ds);
  hk_analysis_options_init (&options);
  g_assert_true (hk_analysis_options_parse_iroas (&options, "pre-period:14", NULL));
  a = hk_engine_analyze (engine, filter, &options);

  n_campaigns = hk_str_pool_get_size (ds->pools[HK_POOL_CAMPAIGN]);
  n_brands = hk_str_pool_get_size (ds->pools[HK_POOL_BRAND]);
  n_days = ds->last_day - ds->first_day + 1;
  first = g_new (gint32, n_campaigns);
  last = g_new (gint32, n_campaigns);
  brand_rows = g_new0 (guint, (gsize) n_campaigns * n_brands);
  brand_of = g_new0 (guint, n_campaigns);
  revenue = g_new0 (double, n_campaigns);
  daily = g_new0 (double, (gsize) n_brands * n_days);
  running = g_new0 (guint, (gsize) n_brands * n_days);
  for (guint c = 0; c < n_campaigns; c++)
    first[c] = last[c] = HK_DAY_NONE;

  for (guint q = 0; q < ds->n_posts; q++)
    {
      guint32 c = ds->post_campaign[q];
      if (c == 0)
        continue;
      first[c] = first[c] == HK_DAY_NONE ? ds->post_date[q] : MIN (first[c], ds->post_date[q]);
      last[c] = last[c] == HK_DAY_NONE ? ds->post_date[q] : MAX (last[c], ds->post_date[q]);
    }
  for (guint r = 0; r < ds->n_tracking; r++)
    {
      guint32 c = ds->trk_campaign[r];

      last[c] = last[c] == HK_DAY_NONE ? ds->trk_date[r] : MAX (last[c], ds->trk_date[r]);
      brand_rows[(gsize) c * n_brands + ds->trk_brand[r]]++;
      daily[(gsize) ds->trk_brand[r] * n_days + (ds->trk_date[r] - ds->first_day)] += ds->trk_revenue[r];
      if (r < ds->trk_start[ds->n_influencers])
        revenue[c] += ds->trk_revenue[r];
    }
  for (guint c = 0; c < n_campaigns; c++)
    {
      guint best = 0;

      if (first[c] == HK_DAY_NONE)
        for (guint r = 0; r < ds->n_tracking; r++)
          if (ds->trk_campaign[r] == c)
            first[c] = first[c] == HK_DAY_NONE ? ds->trk_date[r] : MIN (first[c], ds->trk_date[r]);
      for (guint b = 1; b < n_brands; b++)
        if (brand_rows[(gsize) c * n_brands + b] > best)
          best = brand_rows[(gsize) c * n_brands + b], brand_of[c] = b;
      if (c != 0 && first[c] != HK_DAY_NONE)
        for (gint32 d = first[c]; d <= last[c]; d++)
          running[(gsize) brand_of[c] * n_days + (d - ds->first_day)]++;
    }
  for (guint c = 0; c < n_campaigns; c++)
    {
      gint32 w0, w1;
      double baseline = 0, incremental = 0;
      guint b = brand_of[c];

      if (first[c] == HK_DAY_NONE || revenue[c] == 0)
        continue;
      w0 = MAX (first[c] - days, ds->first_day);
      w1 = first[c] - 1;
      if (c == 0 || w1 < w0)
        {
          expected += 0.7 * revenue[c];
          continue;
        }
      for (gint32 d = w0; d <= w1; d++)
        baseline += daily[(gsize) b * n_days + (d - ds->first_day)];
      baseline /= w1 - w0 + 1;
      for (gint32 d = first[c]; d <= last[c]; d++)
        incremental += (daily[(gsize) b * n_days + (d - ds->first_day)] - baseline) /
                       running[(gsize) b * n_days + (d - ds->first_day)];
      expected += incremental;
    }

  g_test_message ("pre-period incremental revenue %.2f of revenue %.2f", expected,
                  hk_analysis_get_totals (a)->revenue);
  g_assert_cmpfloat (fabs (expected), >, 1000);
  g_assert_cmpfloat_with_epsilon (hk_analysis_get_totals (a)->incremental_revenue, expected,
                                  1e-6 * fabs (expected));
}

/* The original project's definition: an influencer's ROAS is the revenue of
 * all its tracking rows over its total_payout; city and persona "average
 * ROAS" the mean of its influencers' ROAS. Data in its shape, floats in full
 * precision, written here and summed here. */
static void
test_python_original (void)
{
  GString *inf = g_string_new ("id,name,category,gender,follower_count,platform,city,age_group,persona\n");
  GString *posts = g_string_new ("influencer_id,platform,date,url,caption,reach,likes,comments,brand\n");
  GString *trk = g_string_new ("source,campaign,brand,product,influencer_id,user_id,date,orders,revenue\n");
  GString *pay = g_string_new ("influencer_id,basis,rate,orders,total_payout\n");
  static const char * const cities[] = { "Mumbai", "Delhi", "Pune" };
  static const char * const personas[] = { "Fitness Enthusiast", "Health Conscious" };
  static const char * const brands[] = { "MuscleBlaze", "HKVitals", "Gritzo" };
  const guint n = 40;
  double revenue[40] = { 0 }, payout[40];
  GRand *rand = g_rand_new_with_seed (7);
  GBytes *files[HK_N_TABLES] = { NULL };
  g_autoptr(HkDataset) ds = NULL;
  g_autoptr(HkEngine) engine = NULL;
  g_autoptr(HkFilter) filter = hk_filter_new ();
  g_autoptr(HkAnalysis) a = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      guint orders_total = 0;

      g_string_append_printf (inf, "%u,Name %u,Fitness,%s,%u,Instagram,%s,25-34,%s\n", i + 1, i,
                              i % 2 ? "Male" : "Female", g_rand_int_range (rand, 1000, 900000),
                              cities[i % 3], personas[i % 2]);
      g_string_append_printf (posts, "%u,Instagram,2025-06-%02u,https://x/%u,caption,%u,%u,%u,%s\n",
                              i + 1, 1 + i % 28, i, 1000 + i, 50 + i, 5, brands[i % 3]);
      for (guint k = 0; k < 1 + i % 5; k++)
        {
          guint orders = 1 + g_rand_int_range (rand, 0, 3);
          double rev = orders * g_rand_double_range (rand, 300, 3000);
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          /* Full-precision floats, as pandas writes them. */
          g_ascii_dtostr (buf, sizeof buf, rev);
          revenue[i] += g_ascii_strtod (buf, NULL);
          orders_total += orders;
          g_string_append_printf (trk, "instagram,%s_June,%s,Whey Protein,%u,U%u,2025-06-%02u,%u,%s\n",
                                  brands[i % 3], brands[i % 3], i + 1, k, 1 + (i + k) % 28, orders, buf);
        }
      payout[i] = i % 4 == 0 ? 0 : g_rand_double_range (rand, 500, 20000);
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        g_ascii_dtostr (buf, sizeof buf, payout[i]);
        payout[i] = g_ascii_strtod (buf, NULL);
        g_string_append_printf (pay, "%u,%s,%.1f,%u,%s\n", i + 1, i % 2 ? "post" : "order",
                                payout[i] / 3, orders_total, buf);
      }
    }
  files[HK_TABLE_INFLUENCERS] = g_string_free_to_bytes (inf);
  files[HK_TABLE_POSTS] = g_string_free_to_bytes (posts);
  files[HK_TABLE_TRACKING] = g_string_free_to_bytes (trk);
  files[HK_TABLE_PAYOUTS] = g_string_free_to_bytes (pay);
  ds = hk_import_bytes (files, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  engine = hk_engine_new (ds);
  a = hk_engine_analyze (engine, filter, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i + 1);
      gint g = -1;
      double roas;

      for (guint k = 0; k < hk_analysis_get_n_groups (a, HK_DIM_INFLUENCER); k++)
        if (g_str_equal (hk_analysis_get_group_key (a, HK_DIM_INFLUENCER, k), id))
          g = k;
      g_assert_cmpint (g, >=, 0);
      roas = hk_metrics_get (hk_analysis_get_group (a, HK_DIM_INFLUENCER, g), HK_METRIC_ROAS);
      if (payout[i] == 0)
        g_assert_true (isnan (roas));
      else
        g_assert_cmpfloat_with_epsilon (roas, revenue[i] / payout[i], 1e-12 * (revenue[i] / payout[i]));
    }

  /* Mean of per-influencer ROAS by city and by persona. */
  for (guint dimi = 0; dimi < 2; dimi++)
    {
      HkDimension dim = dimi ? HK_DIM_PERSONA : HK_DIM_CITY;
      guint n_keys = dimi ? G_N_ELEMENTS (personas) : G_N_ELEMENTS (cities);

      for (guint key = 0; key < n_keys; key++)
        {
          const char *name = dimi ? personas[key] : cities[key];
          double sum = 0;
          guint count = 0;

          for (guint i = 0; i < n; i++)
            if ((dimi ? i % 2 : i % 3) == key && payout[i] > 0)
              sum += revenue[i] / payout[i], count++;
          for (guint k = 0; k < hk_analysis_get_n_groups (a, dim); k++)
            if (g_str_equal (hk_analysis_get_group_key (a, dim, k), name))
              g_assert_cmpfloat_with_epsilon (hk_metrics_get (hk_analysis_get_group (a, dim, k), HK_METRIC_MEAN_INFLUENCER_ROAS),
                                              sum / count, 1e-12 * (sum / count));
        }
    }

  for (guint t = 0; t < HK_N_TABLES; t++)
    g_clear_pointer (&files[t], g_bytes_unref);
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/holdout-recovery", test_holdout_recovery);
  g_test_add_func ("/engine/assumed-definition", test_assumed_definition);
  g_test_add_func ("/engine/pre-period-definition", test_pre_period_definition);
  g_test_add_func ("/engine/python-original", test_python_original);
  return g_test_run ();
}
