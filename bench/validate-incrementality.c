/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scores the engine's incremental revenue against the truth the simulator
 * planted (DESIGN.md §3, §4; issue 13), over many seeds and two sizes, in
 * memory: holdout 95% interval coverage and bias, false positives when the
 * tested campaigns' posts cause nothing, the same with few holdout buyers and
 * heavy-tailed baskets; pre-period and auto total recovery and per-campaign
 * error; from the truth alone, how over-attributed the tested and the untested
 * campaigns are (the calibrated share assumes they are alike). Beside the
 * engine's holdout estimate, a reference computed here from
 * the rows by DESIGN.md §3's definition (a user's outcome: all of that user's
 * revenue of the brand in the window; the plain difference of means with a
 * normal interval) shows what the data allow and that the truth is right.
 * Not a timed test: bench/README.md holds the command and figures.
 *
 *   validate-incrementality [--seeds N] [--sizes small|medium|both] [--truth-only]
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hk-analysis.h"
#include "hk-date.h"
#include "hk-simulator.h"
#include "hk-tracking-row.h"

typedef struct {
  const char *name;
  guint       holdout_users;
  double      basket_sigma;
  double      test_lift;
} Scenario;

static const Scenario scenarios[] = {
  { "standard", 0, 0, 1 },
  { "150 holdout users", 150, 0, 1 },
  { "60 holdout users", 60, 0, 1 },
  { "heavy tails (σ 1.5)", 0, 1.5, 1 },
  { "150 holdout, heavy tails", 150, 1.5, 1 },
  { "true lift 0", 0, 0, 0 },
  { "true lift 0, 150 holdout", 150, 0, 0 },
  { "true lift 0, heavy tails", 0, 1.5, 0 },
};

typedef struct {
  const char *name;
  guint       influencers;
  guint       posts;
  guint64     rows;
} Size;

static const Size sizes[] = {
  { "small", 150, 1800, 40000 },        /* the demo's size: 1 test */
  { "medium", 1000, 12000, 250000 },    /* 2 tests */
};

typedef struct {
  guint  tests, covered, positive;
  double rel_error_sum;   /* (estimate - truth) / truth, lift > 0 */
  double error_sum;       /* estimate - truth, rupees */
  double truth_sum;
} HoldoutScore;

typedef struct {
  double  estimate_sum, truth_sum;
  GArray *ratios;         /* per campaign: estimate / truth */
  guint   negative, campaigns;
} TotalScore;

/* Per campaign, from the truth: the true organic share of its attributed
 * revenue (1 − caused ÷ credited, what the calibrated share estimates) and
 * the over-attributed share (credited anyway ÷ credited); tested apart. */
typedef struct {
  GArray *organic, *over;
  double  caused_sum, credited_sum, captured_sum;
  guint   campaigns, over_attributed;
} ShareScore;

static void
score_shares (const HkSimulationTruth *truth,
              ShareScore               score[2])
{
  for (guint i = 0; i < truth->campaigns->len; i++)
    {
      const HkSimulatedCampaign *c = g_ptr_array_index (truth->campaigns, i);
      ShareScore *s = &score[hk_simulation_truth_find_test (truth, c->campaign) != NULL];
      double organic, over;

      if (c->attributed_revenue <= 0)
        continue;
      organic = 1 - c->true_incremental_revenue / c->attributed_revenue;
      over = c->over_attributed_revenue / c->attributed_revenue;
      g_array_append_val (s->organic, organic);
      g_array_append_val (s->over, over);
      s->caused_sum += c->true_incremental_revenue;
      s->credited_sum += c->attributed_revenue;
      s->captured_sum += c->over_attributed_revenue;
      s->campaigns++;
      s->over_attributed += c->over_attributed_revenue > 0;
    }
}

static HkDataset *
simulate (const HkSimulatorOptions  *options,
          HkSimulationTruth        **truth)
{
  g_autoptr(HkDatasetBuilder) builder = hk_dataset_builder_new ();
  g_autoptr(GError) error = NULL;
  HkDataset *ds;

  if (!hk_simulator_fill (options, builder, truth, NULL, NULL, NULL, &error) ||
      (ds = hk_dataset_builder_finish (builder, NULL, &error)) == NULL)
    {
      g_printerr ("validate-incrementality: %s\n", error->message);
      exit (1);
    }
  return ds;
}

static void
score_holdout (HkAnalysis              *a,
               const HkSimulationTruth *truth,
               HoldoutScore            *score)
{
  for (guint i = 0; i < hk_analysis_get_n_holdout_tests (a); i++)
    {
      HkHoldoutTest test;
      const HkSimulatedHoldout *planted;
      double t;

      hk_analysis_get_holdout_test (a, i, &test);
      planted = hk_simulation_truth_find_test (truth, test.campaign);
      if (planted == NULL || isnan (test.low) || isnan (test.high))
        continue;
      t = planted->true_incremental_revenue;
      score->tests++;
      score->covered += test.low <= t && t <= test.high;
      score->positive += test.low > 0;
      score->error_sum += test.incremental_revenue - t;
      score->truth_sum += t;
      if (t != 0)
        score->rel_error_sum += (test.incremental_revenue - t) / t;
    }
}

/* The reference: the tests' users found by their ab_group in the window,
 * outcomes summed per user (users who bought nothing count as zeros). */
static void
score_reference (HkDataset               *ds,
                 const HkSimulationTruth *truth,
                 HoldoutScore            *score)
{
  guint n_rows = hk_dataset_get_n_rows (ds, HK_TABLE_TRACKING);

  for (guint h = 0; h < truth->holdouts->len; h++)
    {
      const HkSimulatedHoldout *test = g_ptr_array_index (truth->holdouts, h);
      GHashTable *users[2] = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
                               g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free) };
      double n[2] = { test->exposed_users, test->holdout_users }, mean[2], var[2], estimate, se, low, high;
      double t = test->true_incremental_revenue;

      for (guint r = 0; r < n_rows; r++)
        {
          g_autoptr(HkTrackingRow) row = hk_tracking_row_new (ds, r);
          const char *ab = hk_tracking_row_get_ab_group (row);
          gint32 day = hk_tracking_row_get_date (row);
          double *sum;
          guint g;

          if (ab == NULL || *ab == '\0' || day < test->start_day || day > test->end_day ||
              g_strcmp0 (hk_tracking_row_get_brand (row), test->brand) != 0)
            continue;
          g = g_str_equal (ab, "exposed") ? 0 : 1;
          sum = g_hash_table_lookup (users[g], hk_tracking_row_get_user_id (row));
          if (sum == NULL)
            {
              sum = g_new0 (double, 1);
              g_hash_table_insert (users[g], g_strdup (hk_tracking_row_get_user_id (row)), sum);
            }
          *sum += hk_tracking_row_get_revenue (row);
        }
      for (guint g = 0; g < 2; g++)
        {
          GHashTableIter iter;
          gpointer value;
          double sum = 0, sum_sq = 0;

          g_hash_table_iter_init (&iter, users[g]);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            {
              sum += *(double *) value;
              sum_sq += *(double *) value * *(double *) value;
            }
          mean[g] = sum / n[g];
          var[g] = (sum_sq - n[g] * mean[g] * mean[g]) / (n[g] - 1);
          g_hash_table_unref (users[g]);
        }
      estimate = (mean[0] - mean[1]) * n[0];
      se = sqrt (var[0] / n[0] + var[1] / n[1]) * n[0];
      low = estimate - 1.96 * se;
      high = estimate + 1.96 * se;
      score->tests++;
      score->covered += low <= t && t <= high;
      score->positive += low > 0;
      score->error_sum += estimate - t;
      score->truth_sum += t;
      if (t != 0)
        score->rel_error_sum += (estimate - t) / t;
    }
}

static void
score_total (HkAnalysis              *a,
             const HkSimulationTruth *truth,
             TotalScore              *score)
{
  for (guint g = 0; g < hk_analysis_get_n_groups (a, HK_DIM_CAMPAIGN); g++)
    {
      const HkSimulatedCampaign *c = hk_simulation_truth_find_campaign (truth, hk_analysis_get_group_key (a, HK_DIM_CAMPAIGN, g));
      double estimate = hk_analysis_get_group (a, HK_DIM_CAMPAIGN, g)->incremental_revenue;

      if (c == NULL)
        continue;
      score->estimate_sum += estimate;
      score->truth_sum += c->true_incremental_revenue;
      score->campaigns++;
      score->negative += estimate < 0;
      if (c->true_incremental_revenue > 0)
        {
          double ratio = estimate / c->true_incremental_revenue;
          g_array_append_val (score->ratios, ratio);
        }
    }
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  double *v = (double *) (void *) values->data;
  guint n = values->len;

  if (n == 0)
    return NAN;
  qsort (v, n, sizeof *v, compare_doubles);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double
quantile (GArray *values,
          double  q)
{
  double *v = (double *) (void *) values->data;

  if (values->len == 0)
    return NAN;
  qsort (v, values->len, sizeof *v, compare_doubles);
  return v[(guint) floor (q * (values->len - 1) + 0.5)];
}

static void
print_shares (const char *size,
              ShareScore  score[2])
{
  for (guint k = 0; k < 2; k++)
    {
      ShareScore *s = &score[k];

      printf ("| %s | %s | %u | %.3f | %.2f / %.2f / %.2f / %.2f / %.2f | %.3f | %.2f / %.2f / %.2f | %.1f%% |\n",
              size, k ? "tested" : "untested", s->campaigns,
              1 - s->caused_sum / MAX (1, s->credited_sum),
              quantile (s->organic, 0), quantile (s->organic, 0.1), quantile (s->organic, 0.5),
              quantile (s->organic, 0.9), quantile (s->organic, 1),
              s->captured_sum / MAX (1, s->credited_sum),
              quantile (s->over, 0.1), quantile (s->over, 0.5), quantile (s->over, 0.9),
              100.0 * s->over_attributed / MAX (1, s->campaigns));
      g_array_unref (s->organic);
      g_array_unref (s->over);
    }
}

/* Coverage, bias (relative; with no lift, in rupees) and the share of
 * intervals above 0; the name starts a table row. */
static void
print_row (const char         *scenario,
           const char         *size,
           gboolean            lift,
           const HoldoutScore *score)
{
  guint n = MAX (1, score->tests);

  if (scenario)
    printf ("| %s | %s | %u ", scenario, size, score->tests);
  printf ("| %.1f%% ", 100.0 * score->covered / n);
  if (lift)
    printf ("| %+.1f%% ", 100.0 * score->rel_error_sum / n);
  else
    printf ("| %+.0f ₹ ", score->error_sum / n);
  printf ("| %.1f%% ", 100.0 * score->positive / n);
  if (scenario == NULL)
    printf ("|");
}

static HkAnalysis *
analyze (HkEngine      *engine,
         HkIroasMethod  method)
{
  g_autoptr(HkFilter) filter = hk_filter_new ();
  HkAnalysisOptions options;

  hk_analysis_options_init (&options);
  options.method = method;
  return hk_engine_analyze (engine, filter, &options);
}

int
main (int    argc,
      char **argv)
{
  guint n_seeds = 20, first_size = 0, last_size = G_N_ELEMENTS (sizes) - 1;
  TotalScore totals[2][G_N_ELEMENTS (sizes)] = { { { 0, }, }, };
  const char *method_names[2] = { "pre-period", "auto" };
  HkIroasMethod methods[2] = { HK_IROAS_PRE_PERIOD, HK_IROAS_AUTO };
  ShareScore shares[G_N_ELEMENTS (sizes)][2];
  gboolean truth_only = FALSE;
  guint n_scenarios = G_N_ELEMENTS (scenarios);
  gint64 start = g_get_monotonic_time ();

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--seeds") && i + 1 < argc)
        {
          int n = atoi (argv[++i]);

          n_seeds = MAX (1, n);
        }
      else if (g_str_equal (argv[i], "--sizes") && i + 1 < argc)
        {
          const char *which = argv[++i];

          first_size = g_str_equal (which, "medium") ? 1 : 0;
          last_size = g_str_equal (which, "small") ? 0 : 1;
        }
      else if (g_str_equal (argv[i], "--truth-only"))
        truth_only = TRUE;
      else
        {
          g_printerr ("usage: validate-incrementality [--seeds N] [--sizes small|medium|both] [--truth-only]\n");
          return 2;
        }
    }

  if (truth_only)
    n_scenarios = 1;
  for (guint si = first_size; si <= last_size; si++)
    for (guint k = 0; k < 2; k++)
      shares[si][k] = (ShareScore) { g_array_new (FALSE, FALSE, sizeof (double)),
                                     g_array_new (FALSE, FALSE, sizeof (double)), 0, };
  if (!truth_only)
    {
      printf ("Holdout tests (method holdout), %u seeds per size; coverage of the 95%% interval,\n"
              "mean relative error of the estimate (lift 0: mean error in rupees), share of intervals above 0\n"
              "(with no lift: the false positives); the engine's, then the reference's\n\n",
              n_seeds);
      printf ("| scenario | size | tests | coverage | mean bias | interval > 0 | reference: coverage | bias | > 0 |\n");
      printf ("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    }
  for (guint si = first_size; si <= last_size; si++)
    for (guint k = 0; k < G_N_ELEMENTS (totals); k++)
      totals[k][si].ratios = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint sc = 0; sc < n_scenarios; sc++)
    for (guint si = first_size; si <= last_size; si++)
      {
        HoldoutScore score = { 0, }, ref = { 0, };

        for (guint seed = 1; seed <= n_seeds; seed++)
          {
            HkSimulatorOptions o;
            g_autoptr(HkSimulationTruth) truth = NULL;
            g_autoptr(HkDataset) ds = NULL;
            g_autoptr(HkEngine) engine = NULL;
            g_autoptr(HkAnalysis) a = NULL;

            hk_simulator_options_init (&o);
            o.seed = seed;
            o.n_influencers = sizes[si].influencers;
            o.n_posts = sizes[si].posts;
            o.n_tracking_rows = sizes[si].rows;
            o.n_holdout_users = scenarios[sc].holdout_users;
            o.basket_sigma = scenarios[sc].basket_sigma;
            o.test_lift = scenarios[sc].test_lift;
            ds = simulate (&o, &truth);
            if (sc == 0)
              score_shares (truth, shares[si]);
            if (truth_only)
              continue;
            engine = hk_engine_new (ds);
            a = analyze (engine, HK_IROAS_HOLDOUT);
            score_holdout (a, truth, &score);
            score_reference (ds, truth, &ref);
            if (sc == 0)
              for (guint k = 0; k < G_N_ELEMENTS (methods); k++)
                {
                  g_autoptr(HkAnalysis) m = analyze (engine, methods[k]);
                  score_total (m, truth, &totals[k][si]);
                }
          }
        if (truth_only)
          continue;
        print_row (scenarios[sc].name, sizes[si].name, scenarios[sc].test_lift > 0, &score);
        print_row (NULL, NULL, scenarios[sc].test_lift > 0, &ref);
        printf ("\n");
        fflush (stdout);
      }

  printf ("\nTrue organic share of each campaign's attributed revenue (1 − caused ÷ attributed;\n"
          "standard scenario, from the truth): pooled, then min / p10 / median / p90 / max;\n"
          "over-attributed share (credited though it would have happened anyway ÷ attributed):\n"
          "pooled, then p10 / median / p90; campaigns with some over-attributed revenue\n\n");
  printf ("| size | campaigns | n | organic share, pooled | min / p10 / median / p90 / max "
          "| over-attributed, pooled | p10 / median / p90 | over-attributed at all |\n");
  printf ("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
  for (guint si = first_size; si <= last_size; si++)
    print_shares (sizes[si].name, shares[si]);
  if (truth_only)
    {
      printf ("\n%.0f s\n", (g_get_monotonic_time () - start) / 1e6);
      return 0;
    }

  printf ("\nTotal incremental revenue over campaigns (standard scenario): Σ estimate ÷ Σ truth;\n"
          "per campaign: median of estimate ÷ truth, share of negative estimates\n\n");
  printf ("| method | size | campaigns | Σ estimate ÷ Σ truth | median ratio | negative |\n");
  printf ("| --- | --- | --- | --- | --- | --- |\n");
  for (guint k = 0; k < G_N_ELEMENTS (methods); k++)
    for (guint si = first_size; si <= last_size; si++)
      {
        TotalScore *t = &totals[k][si];

        printf ("| %s | %s | %u | %.3f | %.3f | %.1f%% |\n", method_names[k], sizes[si].name, t->campaigns,
                t->estimate_sum / t->truth_sum, median (t->ratios),
                100.0 * t->negative / MAX (1, t->campaigns));
        g_array_unref (t->ratios);
      }
  printf ("\n%.0f s\n", (g_get_monotonic_time () - start) / 1e6);
  return 0;
}
