/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The holdout estimate's 95% interval against a planted lift, at larger
 * replicate counts than tests/test-incrementality.c: coverage, false
 * positives with no lift, and bias, for the engine's two-part estimate and,
 * for comparison, the plain difference of means on the same draws.
 *
 *   validate-holdout [REPLICATES]     (default 5000 a scenario)
 *
 * Each scenario's replicates are as many tests in one dataset (CSV text
 * imported in memory), analysed once. Fixed seeds: the same figures every run. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hk-analysis.h"
#include "hk-import.h"

typedef struct {
  const char *name;
  guint       exposed, held_out;
  double      rate_exposed, rate_held_out; /* purchases a user (Poisson) */
  double      sigma;                       /* of log baskets; mean basket 1500 */
} Scenario;

static guint64
next_u64 (guint64 *s)
{
  guint64 z = (*s += 0x9e3779b97f4a7c15ULL);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static double
uniform (guint64 *s)
{
  return ((next_u64 (s) >> 11) + 0.5) / 9007199254740992.0;
}

static guint
poisson (guint64 *s,
         double   mean)
{
  double limit = exp (-mean), p = 1;
  guint k = 0;

  do
    {
      k++;
      p *= uniform (s);
    }
  while (p > limit);
  return k - 1;
}

static double
lognormal (guint64 *s,
           double   mu,
           double   sigma)
{
  return exp (mu + sigma * sqrt (-2 * log (uniform (s))) * cos (2 * G_PI * uniform (s)));
}

typedef struct {
  guint  n;
  guint  covered, positive;
  double error;   /* Σ (estimate - truth) */
  double buyers;  /* Σ held-out buyers */
} Tally;

static void
run (const Scenario *sc,
     guint           replicates,
     guint64         seed)
{
  GString *trk = g_string_new ("source,campaign,influencer_id,user_id,product,date,orders,revenue,ab_group\n");
  GString *ho = g_string_new ("campaign,group,users,start_date,end_date\n");
  const char *inf = "id,name,category,gender,follower_count,platform\n1,A,F,F,1,Instagram\n";
  double mu = log (1500) - sc->sigma * sc->sigma / 2;
  double truth = sc->exposed * (sc->rate_exposed - sc->rate_held_out) * 1500;
  Tally plain = { 0 }, two_part = { 0 };
  GBytes *files[HK_N_TABLES] = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HkDataset) ds = NULL;
  g_autoptr(HkEngine) engine = NULL;
  g_autoptr(HkFilter) filter = hk_filter_new ();
  g_autoptr(HkAnalysis) a = NULL;
  HkAnalysisOptions options;
  guint64 s = seed;

  for (guint k = 0; k < replicates; k++)
    {
      double sum[2] = { 0, 0 }, sq[2] = { 0, 0 }, mean[2], var[2], estimate, se;

      for (guint g = 0; g < 2; g++)
        {
          guint n = g == 0 ? sc->exposed : sc->held_out;
          const char *group = g == 0 ? "exposed" : "holdout";

          g_string_append_printf (ho, "T%u,%s,%u,2025-03-01,2025-03-28\n", k, group, n);
          for (guint u = 0; u < n; u++)
            {
              double x = 0;

              for (guint p = poisson (&s, g == 0 ? sc->rate_exposed : sc->rate_held_out); p > 0; p--)
                {
                  double basket = round (lognormal (&s, mu, sc->sigma) * 100) / 100;

                  x += basket;
                  g_string_append_printf (trk, "google,T%u,,%c%u_%u,Whey Gold,2025-03-%02u,1,%.2f,%s\n",
                                          k, group[0], k, u, 1 + (guint) (uniform (&s) * 28), basket, group);
                }
              sum[g] += x;
              sq[g] += x * x;
            }
          mean[g] = sum[g] / n;
          var[g] = (sq[g] - n * mean[g] * mean[g]) / (n - 1);
        }
      estimate = (mean[0] - mean[1]) * sc->exposed;
      se = sc->exposed * sqrt (var[0] / sc->exposed + var[1] / sc->held_out);
      plain.n++;
      plain.covered += fabs (estimate - truth) <= 1.96 * se;
      plain.positive += estimate - 1.96 * se > 0;
      plain.error += estimate - truth;
    }

  files[HK_TABLE_INFLUENCERS] = g_bytes_new_static (inf, strlen (inf));
  files[HK_TABLE_TRACKING] = g_bytes_new_static (trk->str, trk->len);
  files[HK_TABLE_HOLDOUT] = g_bytes_new_static (ho->str, ho->len);
  ds = hk_import_bytes (files, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  engine = hk_engine_new (ds);
  hk_analysis_options_init (&options);
  options.method = HK_IROAS_HOLDOUT;
  a = hk_engine_analyze (engine, filter, &options);
  for (guint k = 0; k < hk_analysis_get_n_holdout_tests (a); k++)
    {
      HkHoldoutTest t;

      hk_analysis_get_holdout_test (a, k, &t);
      two_part.n++;
      two_part.buyers += t.holdout_buyers;
      if (!t.valid)
        continue; /* nobody bought: no estimate */
      two_part.covered += t.low <= truth && truth <= t.high;
      two_part.positive += t.low > 0;
      two_part.error += t.incremental_revenue - truth;
    }

  /* Bias as a part of the truth; with no lift, in rupees. */
  printf ("%-30s %5u  %5.1f  | %5.1f%%  %5.1f%%  %+7.1f%s | %5.1f%%  %5.1f%%  %+7.1f%s\n",
          sc->name, two_part.n, two_part.buyers / two_part.n,
          100.0 * two_part.covered / two_part.n, 100.0 * two_part.positive / two_part.n,
          two_part.error / two_part.n / (truth != 0 ? truth / 100 : 1), truth != 0 ? "%" : "₹",
          100.0 * plain.covered / plain.n, 100.0 * plain.positive / plain.n,
          plain.error / plain.n / (truth != 0 ? truth / 100 : 1), truth != 0 ? "%" : "₹");
  fflush (stdout);
  for (guint t = 0; t < HK_N_TABLES; t++)
    g_clear_pointer (&files[t], g_bytes_unref);
  g_string_free (trk, TRUE);
  g_string_free (ho, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  static const Scenario scenarios[] = {
    { "ordinary (1500 held out)", 8500, 1500, 0.08, 0.06, 0.6 },
    { "ordinary, no lift", 8500, 1500, 0.06, 0.06, 0.6 },
    { "150 held out, σ 1.5", 850, 150, 0.0825, 0.055, 1.5 },
    { "60 held out, σ 1.5", 340, 60, 0.0825, 0.055, 1.5 },
    { "150 held out, σ 1.5, no lift", 850, 150, 0.055, 0.055, 1.5 },
    { "60 held out, σ 1.5, no lift", 340, 60, 0.055, 0.055, 1.5 },
    { "150 vs 150, σ 1.5", 150, 150, 0.0825, 0.055, 1.5 },
    { "150 held out, σ 1.5, lift ×2", 850, 150, 0.11, 0.055, 1.5 },
  };
  guint replicates = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 5000;

  printf ("%-30s %5s  %5s  | %-25s | %s\n", "", "tests", "h.buy", "two-part (engine)", "plain difference of means");
  printf ("%-30s %5s  %5s  | %6s  %6s  %8s | %6s  %6s  %8s\n", "scenario", "", "",
          "cover", "lift>0", "bias", "cover", "lift>0", "bias");
  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    run (&scenarios[i], replicates, 7000 + i);
  return 0;
}
