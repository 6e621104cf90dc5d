/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>
#include <string.h>

#include "hk-analysis.h"
#include "hk-engine-private.h"

/* Ranking: the top influencers and the poor performers of an analysis. */

/* Integer ids numerically and before other ids, which compare by bytes. */
static int
compare_ids (const HkEngine *engine,
             guint           a,
             guint           b)
{
  gint64 na = engine->numeric_id[a], nb = engine->numeric_id[b];
  HkDataset *ds = engine->ds;

  if (na >= 0 && nb >= 0 && na != nb)
    return na < nb ? -1 : 1;
  if ((na >= 0) != (nb >= 0))
    return na >= 0 ? -1 : 1;
  return strcmp (hk_str_pool_get (ds->pools[HK_POOL_ID], ds->inf_id[a]),
                 hk_str_pool_get (ds->pools[HK_POOL_ID], ds->inf_id[b]));
}

typedef struct {
  double roas;     /* ROAS for the poor performers, score for the top */
  double revenue;
  guint  group;
} RankKey;

typedef struct {
  const HkEngine *engine;
  const guint32  *influencers; /* group -> influencer */
} RankData;

static int
compare_rank (gconstpointer pa,
              gconstpointer pb,
              gpointer      data)
{
  const RankData *rd = data;
  const RankKey *a = pa, *b = pb;

  if (a->roas != b->roas)
    return a->roas < b->roas ? -1 : 1;
  if (a->revenue != b->revenue)
    return a->revenue < b->revenue ? -1 : 1;
  return compare_ids (rd->engine, rd->influencers[a->group], rd->influencers[b->group]);
}

void
_hk_rank_influencers (HkAnalysis *analysis)
{
  Groups *g = &analysis->groups[HK_DIM_INFLUENCER];
  g_autofree RankKey *keys = g_new (RankKey, MAX (1, g->n));
  RankData rd = { analysis->engine, g->codes };
  guint n = 0, n_top, n_poor, end;

  for (guint k = 0; k < g->n; k++)
    {
      double roas = hk_metrics_get (&g->metrics[k], HK_METRIC_ROAS);

      if (!isnan (roas))
        keys[n++] = (RankKey) { roas, g->metrics[k].revenue, k };
    }

  /* Lowest ROAS first, then lower revenue, then id: the poor performers are
   * the first tenth. */
  g_qsort_with_data (keys, n, sizeof (RankKey), compare_rank, &rd);
  n_poor = (n + 9) / 10;
  analysis->poor = g_new (guint, MAX (1, n_poor));
  for (guint k = 0; k < n_poor; k++)
    analysis->poor[k] = keys[k].group;
  analysis->n_poor = n_poor;

  /* The top goes by score (the ROAS its evidence supports), highest first,
   * then higher revenue, then ascending id. */
  for (guint k = 0; k < n; k++)
    keys[k].roas = analysis->scores[keys[k].group].score;
  g_qsort_with_data (keys, n, sizeof (RankKey), compare_rank, &rd);
  n_top = analysis->options.top_n == 0 ? n : MIN (n, analysis->options.top_n);
  analysis->top = g_new (guint, MAX (1, n_top));
  analysis->n_top = n_top;
  end = n;
  for (guint k = 0; k < n_top; )
    {
      guint start = end;

      while (start > 0 && keys[start - 1].roas == keys[end - 1].roas &&
             keys[start - 1].revenue == keys[end - 1].revenue)
        start--;
      if (start == end)
        start--; /* a NaN equals nothing, itself included (fuzz-snapshot) */
      for (guint i = start; i < end && k < n_top; i++)
        analysis->top[k++] = keys[i].group;
      end = start;
    }
}
