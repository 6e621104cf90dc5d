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
#include "hk-post.h"
#include "hk-tracking-row.h"
#include "hk-simulator.h"

/* Each ",U<digits>," of a text written by format, which takes the number. */
static char *
rewrite_users (const char *text,
               gsize       len,
               const char *format)
{
  GString *out = g_string_sized_new (len + len / 4);
  const char *p = text, *end = text + len;

  while (p < end)
    {
      const char *u = g_strstr_len (p, end - p, ",U");
      const char *d;

      if (u == NULL)
        {
          g_string_append_len (out, p, end - p);
          break;
        }
      for (d = u + 2; d < end && g_ascii_isdigit (*d); d++)
        ;
      g_string_append_len (out, p, u - p);
      if (d > u + 2 && d < end && *d == ',')
        {
          g_string_append_printf (out, format, (guint) g_ascii_strtoull (u + 2, NULL, 10));
          p = d + 1;
        }
      else
        {
          g_string_append_len (out, u, 2);
          p = u + 2;
        }
    }
  return g_string_free (out, FALSE);
}

/* Simulated tables, imported; user ids ("U123") rewritten by a format, unless
 * it is NULL. */
static HkDataset *
simulate_users (const HkSimulatorOptions  *options,
                const char                *user_format,
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
  if (user_format != NULL)
    {
      gsize len;
      const char *text = g_bytes_get_data (files[HK_TABLE_TRACKING], &len);
      char *rewritten = rewrite_users (text, len, user_format);

      g_bytes_unref (files[HK_TABLE_TRACKING]);
      files[HK_TABLE_TRACKING] = g_bytes_new_take (rewritten, strlen (rewritten));
    }
  ds = hk_import_bytes (files, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (hk_import_report_has_problems (hk_dataset_get_report (ds)));
  for (guint t = 0; t < HK_N_TABLES; t++)
    g_bytes_unref (files[t]);
  return ds;
}

static HkDataset *
simulate (const HkSimulatorOptions  *options,
          HkSimulationTruth        **truth)
{
  return simulate_users (options, NULL, truth);
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

static void
assert_close (double a,
              double b)
{
  g_assert_cmpfloat (fabs (a - b), <=, 1e-9 * MAX (fabs (a), fabs (b)));
}

/* The holdout estimate does not depend on how user ids are stored: as numbers
 * ("U123"), as numbers up to a billion ("U900000123"), or in the pool
 * ("U123x"). Only the order of the sums may differ. */
static void
test_holdout_user_forms (void)
{
  static const char * const formats[] = { NULL, ",U9%08u,", ",U%ux," };
  HkAnalysis *a[G_N_ELEMENTS (formats)];
  HkSimulatorOptions o;

  small_options (&o, 5);
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autoptr(HkDataset) ds = simulate_users (&o, formats[f], NULL);
      g_autoptr(HkEngine) engine = hk_engine_new (ds);
      g_autoptr(HkFilter) filter = hk_filter_new ();
      HkAnalysisOptions options;

      g_assert_cmpint (ds->user_form.numeric, ==, f < 2);
      if (f == 1)
        g_assert_cmpuint (hk_dataset_get_n_user_codes (ds), >, 900000000);
      hk_analysis_options_init (&options);
      options.method = HK_IROAS_HOLDOUT;
      a[f] = hk_engine_analyze (engine, filter, &options);
    }
  g_assert_cmpuint (hk_analysis_get_n_holdout_tests (a[0]), >, 0);
  for (guint f = 1; f < G_N_ELEMENTS (formats); f++)
    {
      g_assert_cmpuint (hk_analysis_get_n_holdout_tests (a[f]), ==, hk_analysis_get_n_holdout_tests (a[0]));
      for (guint i = 0; i < hk_analysis_get_n_holdout_tests (a[0]); i++)
        {
          HkHoldoutTest x, y;

          hk_analysis_get_holdout_test (a[0], i, &x);
          hk_analysis_get_holdout_test (a[f], i, &y);
          g_assert_cmpstr (x.campaign, ==, y.campaign);
          g_assert_cmpfloat (x.exposed_users, ==, y.exposed_users);
          g_assert_cmpfloat (x.holdout_users, ==, y.holdout_users);
          g_assert_cmpfloat (x.incremental_revenue, !=, 0);
          assert_close (x.incremental_revenue, y.incremental_revenue);
          assert_close (x.low, y.low);
          assert_close (x.high, y.high);
        }
    }
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    hk_analysis_unref (a[f]);
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

/* Pre-period: recomputed here from the rows through the public records. A
 * campaign runs from its first post (else its first row) to its last post or
 * row; its brand is that of most of its rows. Its baseline is its brand's
 * revenue a day (every row but orphans) on the N days nearest before its start
 * on which no campaign of the brand runs, looking back up to 4N days; each of
 * its days, the brand's revenue above that is shared among the brand's
 * running campaigns by their attributed revenue a day of their period. Under
 * N/2 clean days, and for rows with no campaign, the organic share: calibrated
 * on the holdout tests (the brand's, else all), else assumed. */
typedef struct {
  gint32      first, last;
  gint32      first_row;
  GHashTable *brand_rows;  /* brand → count */
  const char *brand;
  double      revenue;     /* attributed */
} SimCampaign;

static void
sim_campaign_free (gpointer data)
{
  SimCampaign *c = data;

  g_hash_table_unref (c->brand_rows);
  g_free (c);
}

static SimCampaign *
sim_campaign (GHashTable *campaigns,
              const char *name)
{
  SimCampaign *c = g_hash_table_lookup (campaigns, name);

  if (c == NULL)
    {
      c = g_new0 (SimCampaign, 1);
      c->first = c->last = c->first_row = HK_DAY_NONE;
      c->brand_rows = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (campaigns, (gpointer) name, c);
    }
  return c;
}

static void
sim_extend (gint32 *first,
            gint32 *last,
            gint32  day)
{
  if (*first == HK_DAY_NONE || day < *first)
    *first = day;
  if (last && (*last == HK_DAY_NONE || day > *last))
    *last = day;
}

/* Brand revenue a day, campaigns' periods, brands and attributed revenue. */
static GHashTable *
sim_read_rows (HkDataset   *ds,
               gint32       first_day,
               guint        n_days,
               GHashTable  *daily)
{
  GHashTable *campaigns = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, sim_campaign_free);

  for (guint q = 0; q < hk_dataset_get_n_rows (ds, HK_TABLE_POSTS); q++)
    {
      g_autoptr(HkPost) post = hk_post_new (ds, q);
      SimCampaign *c;

      if (hk_post_get_campaign (post)[0] == '\0')
        continue;
      c = sim_campaign (campaigns, hk_post_get_campaign (post));
      sim_extend (&c->first, &c->last, hk_post_get_date (post));
    }
  for (guint r = 0; r < hk_dataset_get_n_rows (ds, HK_TABLE_TRACKING); r++)
    {
      g_autoptr(HkTrackingRow) row = hk_tracking_row_new (ds, r);
      SimCampaign *c = sim_campaign (campaigns, hk_tracking_row_get_campaign (row));
      const char *brand = hk_tracking_row_get_brand (row);
      gint32 day = hk_tracking_row_get_date (row);
      gboolean attributed = hk_tracking_row_get_influencer_index (row) >= 0;
      double *brand_daily;

      sim_extend (&c->first_row, &c->last, day);
      g_hash_table_insert (c->brand_rows, (gpointer) brand,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (c->brand_rows, brand)) + 1));
      if (!attributed && hk_tracking_row_get_influencer_id (row)[0] != '\0')
        continue; /* an orphan */
      if (attributed)
        c->revenue += hk_tracking_row_get_revenue (row);
      if ((brand_daily = g_hash_table_lookup (daily, brand)) == NULL)
        g_hash_table_insert (daily, (gpointer) brand, brand_daily = g_new0 (double, n_days));
      brand_daily[day - first_day] += hk_tracking_row_get_revenue (row);
    }
  {
    GHashTableIter it;
    SimCampaign *c;

    g_hash_table_iter_init (&it, campaigns);
    while (g_hash_table_iter_next (&it, NULL, (gpointer *) &c))
      {
        GHashTableIter bi;
        gpointer brand, count;
        guint best = 0;

        if (c->first == HK_DAY_NONE)
          c->first = c->first_row;
        c->brand = "";
        g_hash_table_iter_init (&bi, c->brand_rows);
        while (g_hash_table_iter_next (&bi, &brand, &count))
          if (GPOINTER_TO_UINT (count) > best && ((const char *) brand)[0] != '\0')
            best = GPOINTER_TO_UINT (count), c->brand = brand;
      }
  }
  return campaigns;
}

/* The share calibrated on the tests: q (incremental per rupee) of the
 * brand's tests, else of all; NAN without a valid test. */
static double
sim_calibrated_q (HkAnalysis *a,
                  GHashTable *campaigns,
                  const char *brand)
{
  double inc[2] = { 0, 0 }, att[2] = { 0, 0 };

  for (guint i = 0; i < hk_analysis_get_n_holdout_tests (a); i++)
    {
      HkHoldoutTest t;
      SimCampaign *c;

      hk_analysis_get_holdout_test (a, i, &t);
      c = g_hash_table_lookup (campaigns, t.campaign);
      if (!t.valid || c == NULL)
        continue;
      for (guint k = 0; k < 2; k++)
        if (k == 1 || g_str_equal (c->brand, brand))
          inc[k] += t.incremental_revenue, att[k] += c->revenue;
    }
  return att[0] > 0 ? inc[0] / att[0] : att[1] > 0 ? inc[1] / att[1] : NAN;
}

static void
test_pre_period_definition (void)
{
  HkSimulatorOptions o;
  g_autoptr(HkDataset) ds = NULL;
  g_autoptr(HkEngine) engine = NULL;
  g_autoptr(HkFilter) filter = hk_filter_new ();
  g_autoptr(HkAnalysis) a = NULL;
  g_autoptr(GHashTable) daily = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) campaigns = NULL;
  g_autoptr(GHashTable) running = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) weights = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  HkAnalysisOptions options;
  GHashTableIter it;
  const char *name;
  SimCampaign *c;
  gint32 first_day, last_day;
  guint n_days, n_pre = 0, n_fallback = 0;
  double expected = 0;
  const guint days = 2;

  small_options (&o, 5);
  ds = simulate (&o, NULL);
  engine = hk_engine_new (ds);
  hk_analysis_options_init (&options);
  g_assert_true (hk_analysis_options_parse_iroas (&options, "pre-period:2", NULL));
  a = hk_engine_analyze (engine, filter, &options);

  g_assert_true (hk_dataset_get_date_range (ds, &first_day, &last_day));
  n_days = last_day - first_day + 1;
  campaigns = sim_read_rows (ds, first_day, n_days, daily);

  /* Running campaigns and their weights, by brand and day. */
  g_hash_table_iter_init (&it, campaigns);
  while (g_hash_table_iter_next (&it, (gpointer *) &name, (gpointer *) &c))
    {
      guint *run;
      double *w;

      if (name[0] == '\0' || c->first == HK_DAY_NONE)
        continue;
      if ((run = g_hash_table_lookup (running, c->brand)) == NULL)
        {
          g_hash_table_insert (running, (gpointer) c->brand, run = g_new0 (guint, n_days));
          g_hash_table_insert (weights, (gpointer) c->brand, g_new0 (double, n_days));
        }
      w = g_hash_table_lookup (weights, c->brand);
      for (gint32 d = c->first; d <= c->last; d++)
        {
          run[d - first_day]++;
          w[d - first_day] += c->revenue / (c->last - c->first + 1);
        }
    }

  g_hash_table_iter_init (&it, campaigns);
  while (g_hash_table_iter_next (&it, (gpointer *) &name, (gpointer *) &c))
    {
      const guint *run = g_hash_table_lookup (running, c->brand);
      const double *w = g_hash_table_lookup (weights, c->brand);
      const double *brand_daily = g_hash_table_lookup (daily, c->brand);
      double sum = 0, incremental = 0, q;
      guint clean = 0;

      if (c->revenue == 0)
        continue;
      for (gint32 d = c->first - 1; name[0] != '\0' && d >= MAX (c->first - 4 * (gint32) days, first_day) && clean < days; d--)
        if (run[d - first_day] == 0)
          {
            sum += brand_daily ? brand_daily[d - first_day] : 0;
            clean++;
          }
      if (name[0] == '\0' || 2 * clean < days)
        {
          q = sim_calibrated_q (a, campaigns, c->brand);
          expected += (isnan (q) ? 0.7 : q) * c->revenue;
          n_fallback += name[0] != '\0';
          continue;
        }
      for (gint32 d = c->first; d <= c->last; d++)
        incremental += ((brand_daily ? brand_daily[d - first_day] : 0) - sum / clean) *
                       (c->revenue / (c->last - c->first + 1)) / w[d - first_day];
      expected += incremental;
      n_pre++;
    }

  g_test_message ("pre-period incremental revenue %.2f of revenue %.2f (%u campaigns on the pre-period, "
                  "%u fell back)", expected, hk_analysis_get_totals (a)->revenue, n_pre, n_fallback);
  /* The simulator runs a brand's campaigns back to back: 2 days finds a
   * clean pre-period for some campaigns, and both routes are checked. */
  g_assert_cmpuint (n_pre, >, 0);
  g_assert_cmpuint (n_fallback, >, 0);
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
  g_test_add_func ("/engine/holdout-user-forms", test_holdout_user_forms);
  g_test_add_func ("/engine/assumed-definition", test_assumed_definition);
  g_test_add_func ("/engine/pre-period-definition", test_pre_period_definition);
  g_test_add_func ("/engine/python-original", test_python_original);
  return g_test_run ();
}
