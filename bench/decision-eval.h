/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Scores the analysis's per-influencer score and decisions against the
 * simulator's planted truth (DESIGN.md §3 "Score and decision", §4): shared by
 * bench/validate-decisions.c (many seeds, figures) and
 * tests/test-decisions.c (a few seeds, bars that can fail). */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hk-analysis.h"
#include "hk-date.h"
#include "hk-simulator.h"

typedef struct {
  guint  n;                   /* influencers with a score and a true ROAS */
  double spearman_score;      /* score vs true ROAS */
  double spearman_roas;       /* raw ROAS vs true ROAS */
  double spearman_score_few;  /* the same among influencers with fewer than 20 orders */
  double spearman_roas_few;
  guint  covered;             /* 90% intervals holding the true ROAS */
  guint  drop, drop_right;    /* Drop decisions; those truly below break-even */
  guint  poor, poor_right;    /* the bottom 10% by ROAS; those truly below break-even */
  guint  below;               /* truly below break-even */
  guint  scale, scale_right;  /* Scale decisions; those truly above the target */
  guint  drop_repeat, drop_first;  /* split halves: first half's drops dropped again */
  guint  poor_repeat, poor_first;  /* the same for the bottom 10% */
  double drop_spend, drop_loss;    /* spend of the Drop list; of it truly below break-even */
} DecisionEval;

static inline HkDataset *
decision_eval_simulate (const HkSimulatorOptions  *options,
                        HkSimulationTruth        **truth)
{
  g_autoptr(HkDatasetBuilder) builder = hk_dataset_builder_new ();
  g_autoptr(GError) error = NULL;
  HkDataset *ds = NULL;

  if (hk_simulator_fill (options, builder, truth, NULL, NULL, NULL, &error))
    ds = hk_dataset_builder_finish (builder, NULL, &error);
  if (ds == NULL)
    g_error ("simulate: %s", error->message);
  return ds;
}

typedef struct {
  double x;
  guint  i;
} DecisionRank;

static inline int
decision_rank_compare (const void *pa,
                       const void *pb)
{
  const DecisionRank *a = pa, *b = pb;

  if (a->x != b->x)
    return a->x < b->x ? -1 : 1;
  return a->i < b->i ? -1 : a->i > b->i;
}

/* Ranks with ties averaged. */
static inline void
decision_ranks (const double *x,
                guint         n,
                double       *rank)
{
  DecisionRank *r = g_new (DecisionRank, MAX (1, n));

  for (guint i = 0; i < n; i++)
    r[i] = (DecisionRank) { x[i], i };
  qsort (r, n, sizeof *r, decision_rank_compare);
  for (guint i = 0; i < n; )
    {
      guint j = i;

      while (j + 1 < n && r[j + 1].x == r[i].x)
        j++;
      for (guint k = i; k <= j; k++)
        rank[r[k].i] = (i + j) / 2.0 + 1;
      i = j + 1;
    }
  g_free (r);
}

static inline double
decision_spearman (const double *x,
                   const double *y,
                   guint         n)
{
  double *rx = g_new (double, MAX (1, n)), *ry = g_new (double, MAX (1, n));
  double mx = (n + 1) / 2.0, sxy = 0, sxx = 0, syy = 0;

  decision_ranks (x, n, rx);
  decision_ranks (y, n, ry);
  for (guint i = 0; i < n; i++)
    {
      sxy += (rx[i] - mx) * (ry[i] - mx);
      sxx += (rx[i] - mx) * (rx[i] - mx);
      syy += (ry[i] - mx) * (ry[i] - mx);
    }
  g_free (rx);
  g_free (ry);
  return sxx > 0 && syy > 0 ? sxy / sqrt (sxx * syy) : NAN;
}

static inline HkAnalysis *
decision_eval_analyze (HkEngine *engine,
                       gint32    first,
                       gint32    last)
{
  g_autoptr(HkFilter) filter = hk_filter_new ();
  HkAnalysisOptions options;

  hk_analysis_options_init (&options);
  options.top_n = 0;
  hk_filter_set_date_range (filter, first, last);
  return hk_engine_analyze (engine, filter, &options);
}

/* A set of influencer ids (dataset rows) per half. */
static inline GHashTable *
decision_eval_set (HkAnalysis *a,
                   gboolean    poor)
{
  GHashTable *set = g_hash_table_new (NULL, NULL);
  guint n = poor ? hk_analysis_get_n_poor (a) : hk_analysis_get_n_groups (a, HK_DIM_INFLUENCER);

  for (guint k = 0; k < n; k++)
    {
      guint g = poor ? hk_analysis_get_poor (a, k) : k;
      HkScore s;

      if (!poor && !(hk_analysis_get_score (a, g, &s) && s.decision == HK_DECISION_DROP))
        continue;
      g_hash_table_add (set, GSIZE_TO_POINTER (hk_analysis_get_group_index (a, HK_DIM_INFLUENCER, g) + 1));
    }
  return set;
}

static inline void
decision_eval_repeat (GHashTable *first,
                      GHashTable *second,
                      guint      *repeat,
                      guint      *n_first)
{
  GHashTableIter it;
  gpointer key;

  g_hash_table_iter_init (&it, first);
  while (g_hash_table_iter_next (&it, &key, NULL))
    *repeat += g_hash_table_contains (second, key);
  *n_first += g_hash_table_size (first);
}

/* Adds one simulated world's figures into eval (Spearman figures are
 * replaced: callers average them). */
static inline void
decision_eval_run (const HkSimulatorOptions *options,
                   DecisionEval             *eval)
{
  g_autoptr(HkSimulationTruth) truth = NULL;
  g_autoptr(HkDataset) ds = decision_eval_simulate (options, &truth);
  g_autoptr(HkEngine) engine = hk_engine_new (ds);
  g_autoptr(HkAnalysis) a = decision_eval_analyze (engine, HK_DAY_NONE, HK_DAY_NONE);
  gint32 mid = options->start_day + (options->end_day - options->start_day) / 2;
  g_autoptr(HkAnalysis) h1 = decision_eval_analyze (engine, options->start_day, mid);
  g_autoptr(HkAnalysis) h2 = decision_eval_analyze (engine, mid + 1, options->end_day);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) poor = g_hash_table_new (NULL, NULL);
  guint n_groups = hk_analysis_get_n_groups (a, HK_DIM_INFLUENCER), n = 0;
  g_autofree double *score = g_new (double, MAX (1, n_groups));
  g_autofree double *roas = g_new (double, MAX (1, n_groups));
  g_autofree double *true_roas = g_new (double, MAX (1, n_groups));
  g_autofree double *few_score = g_new (double, MAX (1, n_groups));
  g_autofree double *few_roas = g_new (double, MAX (1, n_groups));
  g_autofree double *few_true = g_new (double, MAX (1, n_groups));
  guint n_few = 0;
  double target = hk_analysis_get_options (a)->target_roas;

  for (guint i = 0; i < truth->influencers->len; i++)
    {
      HkSimulatedInfluencer *t = g_ptr_array_index (truth->influencers, i);
      g_hash_table_insert (by_id, t->influencer_id, t);
    }
  for (guint k = 0; k < hk_analysis_get_n_poor (a); k++)
    g_hash_table_add (poor, GUINT_TO_POINTER (hk_analysis_get_poor (a, k) + 1));

  for (guint g = 0; g < n_groups; g++)
    {
      HkSimulatedInfluencer *t = g_hash_table_lookup (by_id, hk_analysis_get_group_key (a, HK_DIM_INFLUENCER, g));
      const HkMetrics *m = hk_analysis_get_group (a, HK_DIM_INFLUENCER, g);
      gboolean truly_below;
      HkScore s;

      if (t == NULL || !isfinite (t->true_roas) || !hk_analysis_get_score (a, g, &s) || isnan (s.score))
        continue;
      score[n] = s.score;
      roas[n] = hk_metrics_get (m, HK_METRIC_ROAS);
      true_roas[n] = t->true_roas;
      if (m->orders < 20)
        {
          few_score[n_few] = score[n];
          few_roas[n_few] = roas[n];
          few_true[n_few++] = t->true_roas;
        }
      n++;
      truly_below = t->true_roas < s.breakeven;
      eval->below += truly_below;
      eval->covered += s.low <= t->true_roas && t->true_roas <= s.high;
      if (s.decision == HK_DECISION_DROP)
        {
          eval->drop++;
          eval->drop_right += truly_below;
          eval->drop_spend += m->spend;
          eval->drop_loss += truly_below ? m->spend : 0;
        }
      if (s.decision == HK_DECISION_SCALE)
        {
          eval->scale++;
          eval->scale_right += t->true_roas > target;
        }
      if (g_hash_table_contains (poor, GUINT_TO_POINTER (g + 1)))
        {
          eval->poor++;
          eval->poor_right += truly_below;
        }
    }
  eval->n += n;
  eval->spearman_score = decision_spearman (score, true_roas, n);
  eval->spearman_roas = decision_spearman (roas, true_roas, n);
  eval->spearman_score_few = decision_spearman (few_score, few_true, n_few);
  eval->spearman_roas_few = decision_spearman (few_roas, few_true, n_few);

  {
    g_autoptr(GHashTable) d1 = decision_eval_set (h1, FALSE);
    g_autoptr(GHashTable) d2 = decision_eval_set (h2, FALSE);
    g_autoptr(GHashTable) p1 = decision_eval_set (h1, TRUE);
    g_autoptr(GHashTable) p2 = decision_eval_set (h2, TRUE);

    decision_eval_repeat (d1, d2, &eval->drop_repeat, &eval->drop_first);
    decision_eval_repeat (p1, p2, &eval->poor_repeat, &eval->poor_first);
  }
}
