/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scores the influencer score and decisions (DESIGN.md §3 "Score and
 * decision"; issue 14) against the true expected ROAS the simulator planted
 * (§4), over many seeds and two sizes, in memory: Spearman correlation of the
 * score and of raw ROAS with the truth, precision of the Drop list and of the
 * bottom 10% against the truly-below-break-even set, split-half stability
 * (the first half's Drop list, and its bottom 10%, found again in the second
 * half), and the 90% interval's coverage of the truth.
 * Not a timed test: bench/README.md holds the command and figures.
 *
 *   validate-decisions [--seeds N] [--sizes all|both|NAME[,NAME...]]
 */
#include "config.h"

#include <stdio.h>

#include "decision-eval.h"

typedef struct {
  const char *name;
  guint       influencers;
  guint       posts;
  guint64     rows;
} Size;

/* small and medium hold about 250 rows per influencer; the app's shapes
 * (README.md: M is 10k influencers, 100k posts, 1M rows) hold 100, and real
 * data's long tail fewer: m-shape and thin are those densities. */
static const Size sizes[] = {
  { "small", 150, 1800, 40000 },        /* the demo's size */
  { "medium", 1000, 12000, 250000 },
  { "m-shape", 1000, 10000, 100000 },   /* 10 posts, 100 rows per influencer */
  { "thin", 1000, 4000, 30000 },        /* 4 posts, 30 rows per influencer */
};

/* Which sizes a --sizes value names, as bits; 0 when it names none. */
static guint
parse_sizes (const char *value)
{
  g_auto(GStrv) names = g_strsplit (value, ",", -1);
  guint bits = 0;

  for (guint k = 0; names[k]; k++)
    {
      guint bit = 0;

      if (g_str_equal (names[k], "all"))
        bit = (1u << G_N_ELEMENTS (sizes)) - 1;
      else if (g_str_equal (names[k], "both"))
        bit = 3;
      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        if (g_str_equal (names[k], sizes[i].name))
          bit = 1u << i;
      if (bit == 0)
        return 0;
      bits |= bit;
    }
  return bits;
}

static double
share (guint part,
       guint whole)
{
  return whole ? 100.0 * part / whole : NAN;
}

int
main (int    argc,
      char **argv)
{
  guint n_seeds = 20, which = (1u << G_N_ELEMENTS (sizes)) - 1;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--seeds") && i + 1 < argc)
        { int v = atoi (argv[++i]); n_seeds = MAX (1, v); }
      else if (g_str_equal (argv[i], "--sizes") && i + 1 < argc)
        which = parse_sizes (argv[++i]);
      else
        which = 0;
      if (which == 0)
        {
          g_printerr ("usage: validate-decisions [--seeds N] [--sizes all|both|small|medium|m-shape|thin[,...]]\n");
          return 2;
        }
    }

  printf ("Score and decisions against the simulator's true ROAS, %u seeds per size\n"
          "(default margin 0.5: break-even ROAS 2; target 3)\n\n", n_seeds);
  printf ("| size | influencers | Spearman score | Spearman ROAS | score ahead (seeds) | same, < 20 orders: score | ROAS "
          "| 90%% coverage | Drop precision (n) | bottom 10%% precision (n) | truly below | Drop repeat | bottom 10%% repeat "
          "| Scale precision (n) |\n");
  printf ("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
  for (guint si = 0; si < G_N_ELEMENTS (sizes); si++)
    {
      DecisionEval total = { 0 };
      double rho_score = 0, rho_roas = 0, few_score = 0, few_roas = 0;
      guint ahead = 0;

      if (!(which & (1u << si)))
        continue;
      for (guint seed = 1; seed <= n_seeds; seed++)
        {
          HkSimulatorOptions o;

          hk_simulator_options_init (&o);
          o.seed = seed;
          o.n_influencers = sizes[si].influencers;
          o.n_posts = sizes[si].posts;
          o.n_tracking_rows = sizes[si].rows;
          decision_eval_run (&o, &total);
          rho_score += total.spearman_score;
          rho_roas += total.spearman_roas;
          few_score += total.spearman_score_few;
          few_roas += total.spearman_roas_few;
          ahead += total.spearman_score > total.spearman_roas;
        }
      printf ("| %s | %u | %.3f | %.3f | %u/%u | %.3f | %.3f | %.1f%% | %.1f%% (%u) | %.1f%% (%u) | %.1f%% | %u/%u (%.0f%%) "
              "| %u/%u (%.0f%%) | %.1f%% (%u) |\n",
              sizes[si].name, total.n, rho_score / n_seeds, rho_roas / n_seeds, ahead, n_seeds,
              few_score / n_seeds, few_roas / n_seeds,
              share (total.covered, total.n),
              share (total.drop_right, total.drop), total.drop,
              share (total.poor_right, total.poor), total.poor,
              share (total.below, total.n),
              total.drop_repeat, total.drop_first, share (total.drop_repeat, total.drop_first),
              total.poor_repeat, total.poor_first, share (total.poor_repeat, total.poor_first),
              share (total.scale_right, total.scale), total.scale);
    }
  return 0;
}
