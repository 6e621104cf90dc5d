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
  int             sign;        /* 1: lowest first (poor); -1: highest first (top) */
} RankData;

/* A total order: a NaN (only in damaged data) before every number. */
static inline int
compare_doubles (double a,
                 double b)
{
  if (a < b)
    return -1;
  if (a > b)
    return 1;
  return isnan (b) - isnan (a);
}

/* By ROAS (or score), then revenue, in rd->sign's direction; then by id,
 * ascending either way. */
static inline int
compare_rank (const RankKey  *a,
              const RankKey  *b,
              const RankData *rd)
{
  int c = compare_doubles (a->roas, b->roas);

  if (c == 0)
    c = compare_doubles (a->revenue, b->revenue);
  if (c != 0)
    return c * rd->sign;
  return compare_ids (rd->engine, rd->influencers[a->group], rd->influencers[b->group]);
}

static int
compare_rank_func (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  return compare_rank (a, b, data);
}

static inline void
swap_keys (RankKey *keys,
           guint    i,
           guint    j)
{
  RankKey t = keys[i];

  keys[i] = keys[j];
  keys[j] = t;
}

/* The first k of n keys, in order. Only k are sorted: the rest are put after
 * them first, in any order (quickselect; ids make the order total, so these
 * are the k a whole sort puts first). At 500,000 influencers two whole sorts
 * took most of a filter change's ranking. */
static void
sort_first (RankKey        *keys,
            guint           n,
            guint           k,
            const RankData *rd)
{
  guint lo = 0, hi = n - 1;

  while (k > 0 && k < n && lo < hi)
    {
      guint mid = lo + (hi - lo) / 2, store = lo;

      /* The median of three as the pivot, at hi. */
      if (compare_rank (&keys[mid], &keys[lo], rd) < 0)
        swap_keys (keys, mid, lo);
      if (compare_rank (&keys[hi], &keys[lo], rd) < 0)
        swap_keys (keys, hi, lo);
      if (compare_rank (&keys[mid], &keys[hi], rd) < 0)
        swap_keys (keys, mid, hi);
      for (guint i = lo; i < hi; i++)
        if (compare_rank (&keys[i], &keys[hi], rd) < 0)
          swap_keys (keys, i, store++);
      swap_keys (keys, store, hi);
      if (store == k)
        break;
      if (store < k)
        lo = store + 1;
      else
        hi = store - 1;
    }
  g_qsort_with_data (keys, MIN (k, n), sizeof (RankKey), compare_rank_func, (gpointer) rd);
}

void
_hk_rank_influencers (HkAnalysis *analysis)
{
  Groups *g = &analysis->groups[HK_DIM_INFLUENCER];
  g_autofree RankKey *keys = g_new (RankKey, MAX (1, g->n));
  RankData rd = { analysis->engine, g->codes, 1 };
  guint n = 0, n_top, n_poor;

  for (guint k = 0; k < g->n; k++)
    {
      double roas = hk_metrics_get (&g->metrics[k], HK_METRIC_ROAS);

      if (!isnan (roas))
        keys[n++] = (RankKey) { roas, g->metrics[k].revenue, k };
    }

  /* Lowest ROAS first, then lower revenue, then id: the poor performers are
   * the first tenth. */
  n_poor = (n + 9) / 10;
  sort_first (keys, n, n_poor, &rd);
  analysis->poor = g_new (guint, MAX (1, n_poor));
  for (guint k = 0; k < n_poor; k++)
    analysis->poor[k] = keys[k].group;
  analysis->n_poor = n_poor;

  /* The top goes by score (the ROAS its evidence supports), highest first,
   * then higher revenue, then ascending id. */
  for (guint k = 0; k < n; k++)
    keys[k].roas = analysis->scores[keys[k].group].score;
  n_top = analysis->options.top_n == 0 ? n : MIN (n, analysis->options.top_n);
  rd.sign = -1;
  sort_first (keys, n, n_top, &rd);
  analysis->top = g_new (guint, MAX (1, n_top));
  analysis->n_top = n_top;
  for (guint k = 0; k < n_top; k++)
    analysis->top[k] = keys[k].group;
}
