/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Chart series from a small dataset whose answers are worked out by hand in
 * the comments, and the axis tick generators. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "hk-chart-series.h"
#include "hk-date.h"
#include "hk-import.h"
#include "hk-influencer.h"
#include "hk-simulator.h"

#define EPS 1e-9

/* Three influencers; payouts are order-basis totals, so spend follows orders:
 *   Asha (1): 1000 over her two MuscleBlaze rows (1 order each) → 500 a row
 *   Bharat (2): 2000 on his one HKVitals row
 *   Chitra (3): no payout, 700 of Gritzo revenue: ROAS undefined */
static const char influencers_csv[] =
  "id,name,category,gender,follower_count,platform,city\n"
  "1,Asha,Fitness,Female,50000,Instagram,Mumbai\n"
  "2,Bharat,Fitness,Male,200000,YouTube,Delhi\n"
  "3,Chitra,Health,Female,8000,Instagram,\n";

static const char tracking_csv[] =
  "source,campaign,influencer_id,user_id,product,date,orders,revenue,brand\n"
  "instagram,MB_1,1,u1,Whey Gold,2025-01-01,1,3000,MuscleBlaze\n"
  "instagram,MB_1,1,u2,Whey Gold,2025-01-03,1,1000,MuscleBlaze\n"
  "youtube,HKV_1,2,u3,Biotin,2025-01-02,2,500,HKVitals\n"
  "instagram,GR_1,3,u4,SuperMilk,2025-01-03,1,700,Gritzo\n";

static const char payouts_csv[] =
  "influencer_id,basis,rate,orders,total_payout\n"
  "1,order,,,1000\n"
  "2,order,,,2000\n";

static HkAnalysis *
analyze (const HkFilter *filter)
{
  GBytes *files[HK_N_TABLES] = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HkDataset) ds = NULL;
  g_autoptr(HkEngine) engine = NULL;
  g_autoptr(HkFilter) none = hk_filter_new ();
  HkAnalysisOptions options;

  files[HK_TABLE_INFLUENCERS] = g_bytes_new_static (influencers_csv, strlen (influencers_csv));
  files[HK_TABLE_TRACKING] = g_bytes_new_static (tracking_csv, strlen (tracking_csv));
  files[HK_TABLE_PAYOUTS] = g_bytes_new_static (payouts_csv, strlen (payouts_csv));
  ds = hk_import_bytes (files, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint t = 0; t < HK_N_TABLES; t++)
    g_clear_pointer (&files[t], g_bytes_unref);
  engine = hk_engine_new (ds);
  hk_analysis_options_init (&options);
  return hk_engine_analyze (engine, filter ? filter : none, &options);
}

#define assert_value(v, e) \
  G_STMT_START { \
    double v_ = (v), e_ = (e); \
    if (isnan (e_)) \
      g_assert_true (isnan (v_)); \
    else \
      g_assert_cmpfloat_with_epsilon (v_, e_, EPS * MAX (1, fabs (e_))); \
  } G_STMT_END

static void
assert_bar (const HkBarSeries *s,
            guint              i,
            const char        *key,
            const char        *label,
            double             value,
            double             value2)
{
  const HkBarItem *item;

  g_assert_cmpuint (i, <, s->items->len);
  item = HK_BAR_SERIES_ITEM (s, i);
  g_assert_cmpstr (item->key, ==, key);
  g_assert_cmpstr (item->label, ==, label);
  assert_value (item->value, value);
  assert_value (item->value2, value2);
}

static void
test_kinds (void)
{
  for (guint k = 0; k < HK_N_CHART_KINDS; k++)
    {
      HkChartKind back;

      g_assert_true (hk_chart_kind_from_name (hk_chart_kind_name (k), &back));
      g_assert_cmpint (back, ==, k);
      g_assert_nonnull (hk_chart_kind_get_title (k));
    }
  g_assert_false (hk_chart_kind_from_name ("pie", NULL));
  g_assert_cmpint (hk_chart_kind_get_shape (HK_CHART_REVENUE_VS_SPEND), ==, HK_CHART_SHAPE_TIME);
  g_assert_cmpint (hk_chart_kind_get_shape (HK_CHART_SPEND_VS_REVENUE), ==, HK_CHART_SHAPE_SCATTER);
  g_assert_cmpint (hk_chart_kind_get_dimension (HK_CHART_ROAS_BY_CITY), ==, HK_DIM_CITY);
  g_assert_cmpint (hk_chart_kind_get_dimension (HK_CHART_TOP_PAYOUTS), ==, HK_DIM_INFLUENCER);
}

static void
test_roas_by_brand (void)
{
  g_autoptr(HkAnalysis) a = analyze (NULL);
  g_autoptr(HkChartSeries) s = hk_chart_series_new_for_analysis (a, HK_CHART_ROAS_BY_BRAND, NULL);
  HkBarSeries *bars = HK_BAR_SERIES (s);

  g_assert_cmpint (s->shape, ==, HK_CHART_SHAPE_BARS);
  g_assert_cmpint (bars->dimension, ==, HK_DIM_BRAND);
  g_assert_cmpint (bars->unit, ==, HK_CHART_UNIT_RATIO);
  /* Break-even at the default gross margin of 50%: 1 ÷ 0.5. */
  assert_value (bars->reference, 2);
  g_assert_cmpuint (bars->items->len, ==, 3);
  /* MuscleBlaze 4000 / 1000 = 4; HKVitals 500 / 2000 = 0.25; Gritzo no spend: last */
  assert_bar (bars, 0, "MuscleBlaze", "MuscleBlaze", 4, NAN);
  assert_bar (bars, 1, "HKVitals", "HKVitals", 0.25, NAN);
  assert_bar (bars, 2, "Gritzo", "Gritzo", NAN, NAN);
  assert_value (HK_BAR_SERIES_ITEM (bars, 0)->revenue, 4000);
  assert_value (HK_BAR_SERIES_ITEM (bars, 0)->spend, 1000);
  assert_value (HK_BAR_SERIES_ITEM (bars, 2)->revenue, 700);
  assert_value (HK_BAR_SERIES_ITEM (bars, 2)->spend, 0);
}

static void
test_roas_by_platform_city (void)
{
  g_autoptr(HkAnalysis) a = analyze (NULL);
  g_autoptr(HkChartSeries) p = hk_chart_series_new_for_analysis (a, HK_CHART_ROAS_BY_PLATFORM, NULL);
  g_autoptr(HkChartSeries) c = hk_chart_series_new_for_analysis (a, HK_CHART_ROAS_BY_CITY, NULL);
  g_autoptr(HkChartSeries) persona = hk_chart_series_new_for_analysis (a, HK_CHART_ROAS_BY_PERSONA, NULL);
  HkChartSeriesOptions options;
  g_autoptr(HkChartSeries) cut = NULL;

  /* Instagram: Asha + Chitra, (4000 + 700) / 1000; YouTube 500 / 2000 */
  g_assert_cmpuint (HK_BAR_SERIES (p)->items->len, ==, 2);
  assert_bar (HK_BAR_SERIES (p), 0, "Instagram", "Instagram", 4.7, NAN);
  assert_bar (HK_BAR_SERIES (p), 1, "YouTube", "YouTube", 0.25, NAN);
  /* Chitra has no city: the empty value, shown "Unknown" */
  g_assert_cmpuint (HK_BAR_SERIES (c)->items->len, ==, 3);
  assert_bar (HK_BAR_SERIES (c), 0, "Mumbai", "Mumbai", 4, NAN);
  assert_bar (HK_BAR_SERIES (c), 1, "Delhi", "Delhi", 0.25, NAN);
  assert_bar (HK_BAR_SERIES (c), 2, "", "Unknown", NAN, NAN);
  /* personas are "category · gender" */
  assert_bar (HK_BAR_SERIES (persona), 0, "Fitness · Female", "Fitness · Female", 4, NAN);
  assert_value (HK_BAR_SERIES_ITEM (HK_BAR_SERIES (persona), 0)->mean_roas, 4);

  hk_chart_series_options_init (&options);
  options.max_items = 1;
  cut = hk_chart_series_new_for_analysis (a, HK_CHART_ROAS_BY_CITY, &options);
  g_assert_cmpuint (HK_BAR_SERIES (cut)->items->len, ==, 1);
  g_assert_cmpuint (HK_BAR_SERIES (cut)->n_total, ==, 3);
  assert_bar (HK_BAR_SERIES (cut), 0, "Mumbai", "Mumbai", 4, NAN);
}

static void
test_grouped_and_top (void)
{
  g_autoptr(HkAnalysis) a = analyze (NULL);
  g_autoptr(HkChartSeries) g = hk_chart_series_new_for_analysis (a, HK_CHART_SPEND_REVENUE_BY_BRAND, NULL);
  g_autoptr(HkChartSeries) t = hk_chart_series_new_for_analysis (a, HK_CHART_TOP_PAYOUTS, NULL);

  /* revenue first, largest first: MB 4000/1000, Gritzo 700/0, HKVitals 500/2000 */
  g_assert_nonnull (HK_BAR_SERIES (g)->value2_name);
  assert_bar (HK_BAR_SERIES (g), 0, "MuscleBlaze", "MuscleBlaze", 4000, 1000);
  assert_bar (HK_BAR_SERIES (g), 1, "Gritzo", "Gritzo", 700, 0);
  assert_bar (HK_BAR_SERIES (g), 2, "HKVitals", "HKVitals", 500, 2000);

  /* spend per influencer, Chitra (no spend) left out */
  g_assert_cmpuint (HK_BAR_SERIES (t)->items->len, ==, 2);
  g_assert_cmpint (HK_BAR_SERIES (t)->dimension, ==, HK_DIM_INFLUENCER);
  assert_bar (HK_BAR_SERIES (t), 0, "2", "Bharat", 2000, NAN);
  assert_bar (HK_BAR_SERIES (t), 1, "1", "Asha", 1000, NAN);
  g_assert_cmpint (HK_BAR_SERIES_ITEM (HK_BAR_SERIES (t), 0)->influencer, ==, 1);
  g_assert_true (isnan (HK_BAR_SERIES (t)->reference));
}

static int
compare_spend_then_name (gconstpointer a,
                         gconstpointer b)
{
  const HkBarItem *x = a, *y = b;

  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;
  return g_utf8_collate (x->label, y->label);
}

/* With many influencers (the demo's 150, many paid the same flat fee), the
 * bars are the largest payouts as if every one were sorted (spend, then
 * name), and n_total counts every paid influencer. */
static void
test_top_payouts_many (void)
{
  g_autoptr(HkDataset) ds = NULL;
  g_autoptr(HkEngine) engine = NULL;
  g_autoptr(HkFilter) filter = hk_filter_new ();
  g_autoptr(HkAnalysis) a = NULL;
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (HkBarItem));
  HkAnalysisOptions options;
  HkChartSeriesOptions series_options;
  HkSimulatorOptions sim;
  guint n, ties = 0;

  hk_simulator_options_init (&sim);
  ds = hk_simulator_generate_dataset (&sim, NULL, NULL);
  engine = hk_engine_new (ds);
  hk_analysis_options_init (&options);
  a = hk_engine_analyze (engine, filter, &options);
  n = hk_analysis_get_n_groups (a, HK_DIM_INFLUENCER);
  for (guint g = 0; g < n; g++)
    {
      const HkMetrics *m = hk_analysis_get_group (a, HK_DIM_INFLUENCER, g);
      HkBarItem item = { 0 };
      g_autoptr(HkInfluencer) inf = hk_influencer_new (ds, hk_analysis_get_group_index (a, HK_DIM_INFLUENCER, g));

      if (!(m->spend > 0))
        continue;
      item.value = m->spend;
      item.key = (char *) hk_analysis_get_group_key (a, HK_DIM_INFLUENCER, g);
      item.label = g_strdup (hk_influencer_get_name (inf));
      g_array_append_val (all, item);
    }
  g_array_sort (all, compare_spend_then_name);
  for (guint i = 1; i < all->len; i++)
    ties += g_array_index (all, HkBarItem, i).value == g_array_index (all, HkBarItem, i - 1).value;
  g_assert_cmpuint (ties, >, 0);

  for (guint max = 1; max <= 40; max += 3)
    {
      g_autoptr(HkChartSeries) t = NULL;

      hk_chart_series_options_init (&series_options);
      series_options.max_items = max;
      t = hk_chart_series_new_for_analysis (a, HK_CHART_TOP_PAYOUTS, &series_options);
      g_assert_cmpuint (HK_BAR_SERIES (t)->n_total, ==, all->len);
      g_assert_cmpuint (HK_BAR_SERIES (t)->items->len, ==, MIN (max, all->len));
      for (guint i = 0; i < HK_BAR_SERIES (t)->items->len; i++)
        {
          g_assert_cmpstr (HK_BAR_SERIES_ITEM (HK_BAR_SERIES (t), i)->key, ==, g_array_index (all, HkBarItem, i).key);
          g_assert_cmpfloat (HK_BAR_SERIES_ITEM (HK_BAR_SERIES (t), i)->value, ==, g_array_index (all, HkBarItem, i).value);
        }
    }
  for (guint i = 0; i < all->len; i++)
    g_free (g_array_index (all, HkBarItem, i).label);
}

/* Bharat was paid 2000 for 500 of revenue: his bar is flagged; Asha's
 * 1000 brought 4000. */
static void
test_payouts_flag (void)
{
  g_autoptr(HkAnalysis) a = analyze (NULL);
  g_autoptr(HkChartSeries) t = hk_chart_series_new_for_analysis (a, HK_CHART_TOP_PAYOUTS, NULL);
  g_autoptr(HkChartSeries) r = hk_chart_series_new_for_analysis (a, HK_CHART_ROAS_BY_BRAND, NULL);

  g_assert_nonnull (HK_BAR_SERIES (t)->flag_name);
  g_assert_cmpstr (HK_BAR_SERIES_ITEM (HK_BAR_SERIES (t), 0)->key, ==, "2");
  g_assert_true (HK_BAR_SERIES_ITEM (HK_BAR_SERIES (t), 0)->flagged);
  g_assert_false (HK_BAR_SERIES_ITEM (HK_BAR_SERIES (t), 1)->flagged);
  /* ROAS bars say "below break-even" by their colour, not by a flag */
  g_assert_null (HK_BAR_SERIES (r)->flag_name);
  for (guint i = 0; i < HK_BAR_SERIES (r)->items->len; i++)
    g_assert_false (HK_BAR_SERIES_ITEM (HK_BAR_SERIES (r), i)->flagged);
}

/* The top bar and "Others": Delhi (Bharat 500 / 2000) and the unknown
 * city (Chitra 700 / 0) pool to 1200 / 2000 = 0.6, not the mean of their
 * ROAS; the mean influencer ROAS over the pool is Bharat's 0.25 (Chitra has
 * none). */
static void
test_others (void)
{
  g_autoptr(HkAnalysis) a = analyze (NULL);
  g_autoptr(HkChartSeries) c = NULL, g = NULL, plain = NULL;
  HkChartSeriesOptions options;
  const HkBarItem *others;

  hk_chart_series_options_init (&options);
  options.max_items = 2;
  options.others = TRUE;
  c = hk_chart_series_new_for_analysis (a, HK_CHART_ROAS_BY_CITY, &options);
  g_assert_cmpuint (HK_BAR_SERIES (c)->items->len, ==, 2);
  g_assert_cmpuint (HK_BAR_SERIES (c)->n_total, ==, 3);
  assert_bar (HK_BAR_SERIES (c), 0, "Mumbai", "Mumbai", 4, NAN);
  others = HK_BAR_SERIES_ITEM (HK_BAR_SERIES (c), 1);
  g_assert_cmpstr (others->label, ==, "Others");
  g_assert_cmpuint (others->pooled, ==, 2);
  assert_value (others->value, 0.6);
  assert_value (others->revenue, 1200);
  assert_value (others->spend, 2000);
  assert_value (others->mean_roas, 0.25);
  g_assert_cmpuint (HK_BAR_SERIES_ITEM (HK_BAR_SERIES (c), 0)->pooled, ==, 0);

  /* revenue and spend by brand: Gritzo 700 / 0 and HKVitals 500 / 2000 */
  g = hk_chart_series_new_for_analysis (a, HK_CHART_SPEND_REVENUE_BY_BRAND, &options);
  assert_bar (HK_BAR_SERIES (g), 1, "", "Others", 1200, 2000);
  /* an influencer posts for several brands: no pooled mean of theirs */
  g_assert_true (isnan (HK_BAR_SERIES_ITEM (HK_BAR_SERIES (g), 1)->mean_roas));

  /* nothing to pool when everything fits */
  options.max_items = 3;
  plain = hk_chart_series_new_for_analysis (a, HK_CHART_ROAS_BY_CITY, &options);
  g_assert_cmpuint (HK_BAR_SERIES (plain)->items->len, ==, 3);
  g_assert_cmpuint (HK_BAR_SERIES_ITEM (HK_BAR_SERIES (plain), 2)->pooled, ==, 0);
}

/* Exports name the filters and the days in words. */
static void
test_subtitle (void)
{
  g_autoptr(HkFilter) f = hk_filter_new ();
  g_autoptr(HkAnalysis) all = analyze (NULL);
  g_autoptr(HkAnalysis) mb = NULL;
  g_autoptr(HkChartSeries) s = hk_chart_series_new_for_analysis (all, HK_CHART_ROAS_BY_BRAND, NULL);
  g_autoptr(HkChartSeries) t = NULL, smooth = NULL;
  g_autofree char *words = NULL;
  HkChartSeriesOptions options;

  /* no filter: the days the data spans */
  g_assert_cmpstr (s->subtitle, ==, "1 Jan – 3 Jan 2025");
  g_assert_cmpstr (s->title, ==, "ROAS by Brand");

  hk_filter_add (f, HK_DIM_BRAND, "MuscleBlaze");
  hk_filter_set_date_range (f, hk_date_from_ymd (2024, 12, 30), HK_DAY_NONE);
  mb = analyze (f);
  t = hk_chart_series_new_for_analysis (mb, HK_CHART_REVENUE_VS_SPEND, NULL);
  /* the filter's own first day, the data's last (MuscleBlaze's: 3 Jan) */
  g_assert_cmpstr (t->subtitle, ==, "Brand: MuscleBlaze · 30 Dec 2024 – 3 Jan 2025");
  /* a smoothed copy keeps it */
  hk_chart_series_options_init (&options);
  options.smoothing = 7;
  smooth = hk_chart_series_new_for_analysis (mb, HK_CHART_REVENUE_VS_SPEND, &options);
  g_assert_cmpstr (smooth->subtitle, ==, t->subtitle);

  /* many values, a search, an open end, one day, nothing */
  hk_filter_set_date_range (f, HK_DAY_NONE, HK_DAY_NONE);
  for (guint i = 0; i < 5; i++)
    {
      char city[8];

      g_snprintf (city, sizeof city, "C%u", i);
      hk_filter_add (f, HK_DIM_CITY, city);
    }
  hk_filter_add (f, HK_DIM_CITY, "");
  hk_filter_set_search (f, "ash");
  words = hk_filter_dup_description (f, HK_DAY_NONE, hk_date_from_ymd (2025, 9, 30));
  g_assert_cmpstr (words, ==, "Brand: MuscleBlaze · City: Unknown, C0, C1, +3 more · Name contains “ash” · "
                              "until 30 Sep 2025");
  g_clear_pointer (&words, g_free);
  hk_filter_free (f);
  f = hk_filter_new ();
  words = hk_filter_dup_description (f, hk_date_from_ymd (2025, 4, 1), hk_date_from_ymd (2025, 4, 1));
  g_assert_cmpstr (words, ==, "1 Apr 2025");
  g_clear_pointer (&words, g_free);
  words = hk_filter_dup_description (f, HK_DAY_NONE, HK_DAY_NONE);
  g_assert_cmpstr (words, ==, "All data");
}

/* Automatic log axes: when the largest spend or revenue is 100 times the
 * median or more, a linear scatter crowds most points at the origin. */
static void
test_prefers_log (void)
{
  g_autoptr(HkScatterSeries) even = hk_scatter_series_new (HK_CHART_SPEND_VS_REVENUE);
  g_autoptr(HkScatterSeries) skewed = hk_scatter_series_new (HK_CHART_SPEND_VS_REVENUE);

  for (guint i = 0; i < 9; i++)
    {
      hk_scatter_series_add (even, 1000 + 100 * i, 3000 + 50 * i, 1e4, i, NULL, NULL);
      /* medians 1,000 and 3,000; one influencer at 2 lakh of spend */
      hk_scatter_series_add (skewed, i == 8 ? 200000 : 1000, 3000, 1e4, i, NULL, NULL);
    }
  g_assert_false (hk_scatter_series_prefers_log (even));
  g_assert_true (hk_scatter_series_prefers_log (skewed));
}

static void
test_time_series (void)
{
  g_autoptr(HkAnalysis) a = analyze (NULL);
  g_autoptr(HkChartSeries) s = hk_chart_series_new_for_analysis (a, HK_CHART_REVENUE_VS_SPEND, NULL);
  HkChartSeriesOptions options;
  g_autoptr(HkChartSeries) smooth = NULL;
  g_autoptr(HkFilter) f = hk_filter_new ();
  g_autoptr(HkAnalysis) none = NULL;
  g_autoptr(HkChartSeries) empty = NULL;
  HkTimeSeries *ts = HK_TIME_SERIES (s);

  /* 1 Jan: 3000 / 500; 2 Jan: 500 / 2000; 3 Jan: 1000 + 700 / 500 */
  g_assert_cmpint (ts->first_day, ==, hk_date_from_ymd (2025, 1, 1));
  g_assert_cmpuint (ts->n_days, ==, 3);
  assert_value (ts->revenue[0], 3000);
  assert_value (ts->revenue[1], 500);
  assert_value (ts->revenue[2], 1700);
  assert_value (ts->spend[0], 500);
  assert_value (ts->spend[1], 2000);
  assert_value (ts->spend[2], 500);

  hk_chart_series_options_init (&options);
  options.smoothing = 2;
  smooth = hk_chart_series_new_for_analysis (a, HK_CHART_REVENUE_VS_SPEND, &options);
  g_assert_cmpuint (HK_TIME_SERIES (smooth)->smoothing, ==, 2);
  assert_value (HK_TIME_SERIES (smooth)->revenue[0], 3000);
  assert_value (HK_TIME_SERIES (smooth)->revenue[1], 1750);
  assert_value (HK_TIME_SERIES (smooth)->revenue[2], 1100);
  assert_value (HK_TIME_SERIES (smooth)->spend[2], 1250);

  hk_filter_add (f, HK_DIM_BRAND, "No such brand");
  none = analyze (f);
  empty = hk_chart_series_new_for_analysis (none, HK_CHART_REVENUE_VS_SPEND, NULL);
  g_assert_cmpuint (HK_TIME_SERIES (empty)->n_days, ==, 0);
}

static void
test_time_series_gaps (void)
{
  g_autoptr(HkTimeSeries) s = NULL;
  g_autoptr(HkTimeSeries) week = NULL;
  HkTimeSeries *raw = hk_time_series_new (HK_CHART_REVENUE_VS_SPEND, 100, 10);

  for (guint i = 0; i < 10; i++)
    raw->revenue[i] = i < 7 ? 7 : 0;
  week = hk_time_series_smooth (raw, 7);
  /* trailing mean: the first days average what they have */
  assert_value (week->revenue[0], 7);
  assert_value (week->revenue[6], 7);
  assert_value (week->revenue[7], 6);   /* days 1..7: six 7s and a 0 */
  assert_value (week->revenue[9], 4);   /* days 3..9: four 7s */
  s = hk_time_series_smooth (raw, 1);
  assert_value (s->revenue[9], 0);
  hk_chart_series_unref (&raw->parent);
}

static void
test_scatter (void)
{
  g_autoptr(HkAnalysis) a = analyze (NULL);
  g_autoptr(HkChartSeries) s = hk_chart_series_new_for_analysis (a, HK_CHART_SPEND_VS_REVENUE, NULL);
  HkScatterSeries *ss = HK_SCATTER_SERIES (s);
  const HkScatterPoint *p;

  g_assert_cmpuint (ss->points->len, ==, 3);
  assert_value (ss->max_followers, 200000);
  p = HK_SCATTER_SERIES_POINT (ss, 0);
  g_assert_cmpstr (p->label, ==, "Asha");
  g_assert_cmpstr (p->key, ==, "1");
  g_assert_cmpuint (p->influencer, ==, 0);
  assert_value (p->spend, 1000);
  assert_value (p->revenue, 4000);
  assert_value (p->followers, 50000);
  p = HK_SCATTER_SERIES_POINT (ss, 2);
  g_assert_cmpstr (p->label, ==, "Chitra");
  assert_value (p->spend, 0);
  assert_value (p->revenue, 700);
  g_assert_cmpuint (hk_chart_series_get_n_items (s), ==, 3);
}

static void
test_bar_sort (void)
{
  g_autoptr(HkBarSeries) s = hk_bar_series_new (HK_CHART_ROAS_BY_CITY, HK_CHART_UNIT_RATIO, "ROAS", NULL);

  hk_bar_series_add (s, "b", NULL, NAN, NAN);
  hk_bar_series_add (s, "c", NULL, 1, NAN);
  hk_bar_series_add (s, "a", NULL, NAN, NAN);
  hk_bar_series_add (s, "d", NULL, 2, NAN);
  hk_bar_series_add (s, "e", NULL, 1, NAN);
  hk_bar_series_add (s, "", NULL, -1, NAN);
  hk_bar_series_sort (s);
  /* defined largest first, ties by label, undefined last by label */
  assert_bar (s, 0, "d", "d", 2, NAN);
  assert_bar (s, 1, "c", "c", 1, NAN);
  assert_bar (s, 2, "e", "e", 1, NAN);
  assert_bar (s, 3, "", "Unknown", -1, NAN);
  assert_bar (s, 4, "a", "a", NAN, NAN);
  assert_bar (s, 5, "b", "b", NAN, NAN);
}

/* ------------------------------------------------------------------------ */
/* Ticks                                                                    */

typedef struct {
  const char *path;
  double      min, max;
  guint       max_ticks;
  double      lo, hi, step;
  guint       n;
} TickCase;

static void
test_nice_ticks (gconstpointer data)
{
  const TickCase *c = data;
  HkChartTicks t;

  hk_chart_nice_ticks (c->min, c->max, c->max_ticks, &t);
  g_assert_cmpuint (t.n, ==, c->n);
  /* Across zero, 0 and a step each side: 3 at least. */
  g_assert_cmpuint (t.n, <=, MAX (c->max_ticks, c->min < 0 && c->max > 0 ? 3 : 2));
  assert_value (t.step, c->step);
  /* the axis covers the data, starts and ends on ticks */
  g_assert_cmpfloat (t.values[0], ==, c->lo);
  g_assert_cmpfloat (t.values[t.n - 1], ==, c->hi);
  g_assert_cmpfloat (t.min, ==, c->lo);
  g_assert_cmpfloat (t.max, ==, c->hi);
  if (isfinite (c->min) && isfinite (c->max))
    {
      g_assert_cmpfloat (t.min, <=, MIN (c->min, c->max));
      g_assert_cmpfloat (t.max, >=, MAX (c->min, c->max));
    }
  for (guint i = 1; i < t.n; i++)
    assert_value (t.values[i] - t.values[i - 1], t.step);
}

static const TickCase tick_cases[] = {
  { "/chart-ticks/roas", 0, 4.96, 6, 0, 5, 1, 6 },
  { "/chart-ticks/hundred-in-6", 0, 100, 6, 0, 100, 20, 6 },
  { "/chart-ticks/hundred-in-5", 0, 100, 5, 0, 100, 50, 3 },
  { "/chart-ticks/negative", -3.2, 7.1, 8, -4, 8, 2, 7 },
  { "/chart-ticks/single-value", 5, 5, 5, 0, 6, 2, 4 },
  { "/chart-ticks/single-negative", -3, -3, 5, -3, 0, 1, 4 },
  { "/chart-ticks/zero", 0, 0, 5, -1, 1, 0.5, 5 },
  { "/chart-ticks/small", 0.001, 0.0123, 5, 0, 0.015, 0.005, 4 },
  { "/chart-ticks/tenths", 0, 0.3, 4, 0, 0.3, 0.1, 4 },
  { "/chart-ticks/crore", 0, 2.55e7, 6, 0, 3e7, 1e7, 4 },
  { "/chart-ticks/reversed", 10, 0, 3, 0, 10, 5, 3 },
  { "/chart-ticks/not-finite", NAN, 1, 5, 0, 1, 0.5, 3 },
  { "/chart-ticks/two-ticks", 0, 7, 2, 0, 10, 10, 2 },
  /* Asked for 2 across zero (a narrow chart of returns): it used to abort. */
  { "/chart-ticks/two-across-zero", -1, 5, 2, -5, 5, 5, 3 },
};

static void
test_tick_exact_values (void)
{
  HkChartTicks t;

  /* 0.1 × 3 is written 0.3, not 0.30000000000000004 */
  hk_chart_nice_ticks (0, 0.3, 4, &t);
  g_assert_cmpfloat (t.values[3], ==, 0.3);
  hk_chart_nice_ticks (-0.3, 0, 4, &t);
  g_assert_cmpfloat (t.values[0], ==, -0.3);
  g_assert_false (signbit (t.values[3]));  /* 0, not −0 */
}

static void
test_log_ticks (void)
{
  HkChartTicks t;

  hk_chart_log_ticks (1, 1000, 10, &t);
  /* 1 2 5 10 20 50 100 200 500 1000 */
  g_assert_cmpuint (t.n, ==, 10);
  g_assert_cmpfloat (t.values[1], ==, 2);
  g_assert_cmpfloat (t.values[9], ==, 1000);

  hk_chart_log_ticks (50, 6.6e6, 6, &t);
  /* decades 10 … 10^7 are 7 ticks: every other one */
  g_assert_cmpuint (t.n, ==, 4);
  assert_value (t.min, 10);
  assert_value (t.max, 1e7);
  assert_value (t.values[1], 1000);

  hk_chart_log_ticks (3, 3, 5, &t);
  g_assert_cmpuint (t.n, >=, 2);
  g_assert_cmpfloat (t.min, <=, 3);
  g_assert_cmpfloat (t.max, >=, 3);
}

static void
test_date_ticks (void)
{
  gint32 days[HK_CHART_MAX_TICKS];
  gint32 jan1 = hk_date_from_ymd (2025, 1, 1);
  char unit;
  guint n;
  int y, m, d;

  /* a week, room for 10: every day */
  n = hk_chart_date_ticks (jan1, jan1 + 6, 10, days, &unit);
  g_assert_cmpuint (n, ==, 7);
  g_assert_cmpint (unit, ==, 'd');
  g_assert_cmpint (days[0], ==, jan1);

  /* a week, room for 3: Mondays (6 Jan 2025 is one) */
  n = hk_chart_date_ticks (jan1, jan1 + 13, 3, days, &unit);
  g_assert_cmpint (unit, ==, 'w');
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (days[0], ==, hk_date_from_ymd (2025, 1, 6));
  g_assert_cmpint (days[1], ==, hk_date_from_ymd (2025, 1, 13));

  /* a year, room for 12: the first of every month */
  n = hk_chart_date_ticks (jan1, hk_date_from_ymd (2025, 12, 31), 12, days, &unit);
  g_assert_cmpint (unit, ==, 'm');
  g_assert_cmpuint (n, ==, 12);
  for (guint i = 0; i < n; i++)
    {
      hk_date_to_ymd (days[i], &y, &m, &d);
      g_assert_cmpint (d, ==, 1);
      g_assert_cmpint (m, ==, (int) i + 1);
    }

  /* a year, room for 4: quarters */
  n = hk_chart_date_ticks (jan1, hk_date_from_ymd (2025, 12, 31), 4, days, &unit);
  g_assert_cmpint (unit, ==, 'q');
  g_assert_cmpuint (n, ==, 4);
  hk_date_to_ymd (days[1], &y, &m, &d);
  g_assert_cmpint (m, ==, 4);

  /* mid-month start: the next first of a month */
  n = hk_chart_date_ticks (hk_date_from_ymd (2025, 4, 15), hk_date_from_ymd (2025, 9, 30), 8, days, &unit);
  g_assert_cmpint (unit, ==, 'm');
  hk_date_to_ymd (days[0], &y, &m, &d);
  g_assert_cmpint (m, ==, 5);
  g_assert_cmpuint (n, ==, 5);

  /* twenty years, room for 5: every 5 years */
  n = hk_chart_date_ticks (jan1, hk_date_from_ymd (2044, 12, 31), 5, days, &unit);
  g_assert_cmpint (unit, ==, 'y');
  g_assert_cmpuint (n, ==, 4);

  /* one day */
  n = hk_chart_date_ticks (jan1, jan1, 5, days, &unit);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (days[0], ==, jan1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart-series/kinds", test_kinds);
  g_test_add_func ("/chart-series/top-payouts-many", test_top_payouts_many);
  g_test_add_func ("/chart-series/roas-by-brand", test_roas_by_brand);
  g_test_add_func ("/chart-series/roas-by-platform-city-persona", test_roas_by_platform_city);
  g_test_add_func ("/chart-series/grouped-and-top-payouts", test_grouped_and_top);
  g_test_add_func ("/chart-series/payouts-flag", test_payouts_flag);
  g_test_add_func ("/chart-series/others", test_others);
  g_test_add_func ("/chart-series/subtitle", test_subtitle);
  g_test_add_func ("/chart-series/prefers-log", test_prefers_log);
  g_test_add_func ("/chart-series/time-series", test_time_series);
  g_test_add_func ("/chart-series/time-series-smoothing", test_time_series_gaps);
  g_test_add_func ("/chart-series/scatter", test_scatter);
  g_test_add_func ("/chart-series/bar-sort", test_bar_sort);
  for (guint i = 0; i < G_N_ELEMENTS (tick_cases); i++)
    g_test_add_data_func (tick_cases[i].path, &tick_cases[i], test_nice_ticks);
  g_test_add_func ("/chart-ticks/exact-values", test_tick_exact_values);
  g_test_add_func ("/chart-ticks/log", test_log_ticks);
  g_test_add_func ("/chart-ticks/dates", test_date_ticks);
  return g_test_run ();
}
