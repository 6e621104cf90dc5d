/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>
#include <string.h>

#include "hk-analysis.h"
#include "hk-date.h"
#include "hk-engine-private.h"
#include "hk-snapshot.h"

/* The engine: what every analysis of a dataset shares. */

G_DEFINE_FINAL_TYPE (HkEngine, hk_engine, G_TYPE_OBJECT)

static inline guint32
row_value (const HkDataset *ds,
           guint            dist,
           guint            r)
{
  switch (dist)
    {
    case DIST_PRODUCT: return ds->trk_product[r];
    case DIST_SOURCE: return ds->trk_source[r];
    case DIST_BRAND: return ds->trk_brand[r];
    case DIST_CAMPAIGN: default: return ds->trk_campaign[r];
    }
}

/* Amount (DESIGN.md §3): total_payout; else post basis: rate × posts cell or
 * posts in scope; order basis: rate × orders cell or orders in scope; a rate
 * below 1 on order basis is a commission on revenue in scope. */
typedef struct {
  double  *sum;
  guint8  *seen;
  guint32 *touched;
  guint    n_touched;
} Scratch;

static void
prepare_payout (HkEngine *self,
                guint     influencer,
                guint     row,
                Scratch   scratch[N_DISTS])
{
  HkDataset *ds = self->ds;
  Payout *p = &self->payouts[row];
  double rate = ds->pay_rate[row];
  gboolean commission = p->basis == HK_BASIS_ORDER && !isnan (rate) && rate < 1;
  guint n_posts = 0, n_rows = 0;
  double orders = 0, revenue = 0;

  for (guint q = ds->post_start[influencer]; q < ds->post_start[influencer + 1]; q++)
    if (post_in_scope (ds, p, q))
      {
        n_posts++;
        p->masks |= 1 << post_mask (ds, q);
      }
  for (guint r = ds->trk_start[influencer]; r < ds->trk_start[influencer + 1]; r++)
    if (row_in_scope (ds, p, r))
      {
        n_rows += HK_TRK_ROWS (ds, r);
        orders += ds->trk_orders[r];
        revenue += ds->trk_revenue[r];
      }
  p->scope_revenue = revenue;

  if (!isnan (ds->pay_total[row]))
    p->amount = ds->pay_total[row];
  else if (p->basis == HK_BASIS_POST && isnan (ds->pay_posts[row]) &&
           !hk_dataset_has_table (ds, HK_TABLE_POSTS))
    p->amount = NAN; /* a number of posts nobody has */
  else if (p->basis == HK_BASIS_POST)
    p->amount = rate * (isnan (ds->pay_posts[row]) ? n_posts : ds->pay_posts[row]);
  else if (commission)
    p->amount = rate * revenue;
  else
    p->amount = rate * (isnan (ds->pay_orders[row]) ? orders : ds->pay_orders[row]);

  if (p->basis == HK_BASIS_POST)
    {
      p->alloc = n_posts > 0 ? ALLOC_POSTS : ALLOC_NONE;
      p->share = n_posts > 0 ? p->amount / n_posts : 0;
    }
  else if (n_rows == 0)
    p->alloc = ALLOC_NONE;
  else if (commission && revenue > 0)
    p->alloc = ALLOC_REVENUE, p->share = p->amount / revenue;
  else if (!commission && orders > 0)
    p->alloc = ALLOC_ORDERS, p->share = p->amount / orders;
  else
    p->alloc = ALLOC_ROWS, p->share = p->amount / n_rows;

  if (p->alloc == ALLOC_NONE)
    self->unallocated[influencer] += p->amount;

  /* Posts lack product and source, often brand or campaign: their spend follows
   * the in-scope revenue of each value (any date). One pass gathers all four. */
  if (p->alloc == ALLOC_POSTS && p->scope_revenue > 0)
    {
      gboolean wanted[N_DISTS] = { TRUE, TRUE, (p->masks & 0xa) != 0, (p->masks & 0xc) != 0 };

      for (guint r = ds->trk_start[influencer]; r < ds->trk_start[influencer + 1]; r++)
        if (row_in_scope (ds, p, r))
          for (guint d = 0; d < N_DISTS; d++)
            if (wanted[d])
              {
                Scratch *sc = &scratch[d];
                guint32 v = row_value (ds, d, r);

                if (!sc->seen[v])
                  {
                    sc->seen[v] = 1;
                    sc->touched[sc->n_touched++] = v;
                  }
                sc->sum[v] += ds->trk_revenue[r];
              }
    }
  for (guint d = 0; d < N_DISTS; d++)
    {
      Scratch *sc = &scratch[d];

      p->dist[d] = self->shares->len;
      for (guint i = 0; i < sc->n_touched; i++)
        {
          guint32 v = sc->touched[i];
          Share share = { v, sc->sum[v] / p->scope_revenue };

          g_array_append_val (self->shares, share);
          sc->sum[v] = 0;
          sc->seen[v] = 0;
        }
      sc->n_touched = 0;
    }
  p->dist[N_DISTS] = self->shares->len;
}

/* The brand of most of each campaign's tracking rows (ties: the first brand).
 * Dense counts where campaigns × brands is modest; a hash table otherwise. */
typedef struct {
  guint       n_brands;
  guint      *dense;
  GHashTable *sparse;
} BrandCounts;

static inline void
brand_counts_add (BrandCounts *bc,
                  guint32      campaign,
                  guint32      brand,
                  guint        rows)
{
  if (bc->dense)
    bc->dense[(gsize) campaign * bc->n_brands + brand] += rows;
  else
    {
      gpointer key = GSIZE_TO_POINTER (((gsize) campaign << 16 | brand) + 1);
      g_hash_table_insert (bc->sparse, key,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (bc->sparse, key)) + rows));
    }
}

static inline guint
brand_counts_get (BrandCounts *bc,
                  guint32      campaign,
                  guint32      brand)
{
  if (bc->dense)
    return bc->dense[(gsize) campaign * bc->n_brands + brand];
  return GPOINTER_TO_UINT (g_hash_table_lookup (bc->sparse, GSIZE_TO_POINTER (((gsize) campaign << 16 | brand) + 1)));
}

/* One pass over every tracking row: each campaign's days in each range,
 * its attributed revenue and its rows by brand. The bounds start at
 * G_MAXINT32 and HK_DAY_NONE (G_MININT32) so no branch is needed. */
static void
scan_rows (HkEngine    *self,
           BrandCounts *bc)
{
  HkDataset *ds = self->ds;
  CampaignDays *cd = self->campaign_days;
  guint ends[N_RANGES + 1] = {
    0, ds->trk_start[ds->n_influencers], ds->trk_start[ds->n_influencers + 1], ds->n_tracking,
  };

  for (guint c = 0; c < self->n_campaigns; c++)
    for (guint k = 0; k < N_RANGES; k++)
      cd[c].first[k] = G_MAXINT32, cd[c].last[k] = HK_DAY_NONE;
  for (guint k = 0; k < N_RANGES; k++)
    for (guint r = ends[k]; r < ends[k + 1]; r++)
      {
        guint32 c = ds->trk_campaign[r];
        gint32 d = ds->trk_date[r];

        cd[c].first[k] = MIN (cd[c].first[k], d);
        cd[c].last[k] = MAX (cd[c].last[k], d);
        if (k == RANGE_ATTRIBUTED)
          self->campaign_attributed[c] += ds->trk_revenue[r];
        brand_counts_add (bc, c, ds->trk_brand[r], HK_TRK_ROWS (ds, r));
      }
  for (guint c = 0; c < self->n_campaigns; c++)
    for (guint k = 0; k < N_RANGES; k++)
      if (cd[c].first[k] == G_MAXINT32)
        cd[c].first[k] = HK_DAY_NONE;
}

/* Periods and brands of the campaigns. */
static void
prepare_periods (HkEngine *self)
{
  HkDataset *ds = self->ds;
  guint n = self->n_campaigns;
  guint n_brands = hk_str_pool_get_size (ds->pools[HK_POOL_BRAND]);
  BrandCounts bc = { n_brands, NULL, NULL };

  /* A campaign starts with its first post, else its first tracking row, and
   * ends with its last post or row. */
  for (guint q = 0; q < ds->n_posts; q++)
    {
      guint32 c = ds->post_campaign[q];
      gint32 d = ds->post_date[q];

      if (c == 0)
        continue;
      if (self->campaign_first[c] == HK_DAY_NONE || d < self->campaign_first[c])
        self->campaign_first[c] = d;
      if (self->campaign_last[c] == HK_DAY_NONE || d > self->campaign_last[c])
        self->campaign_last[c] = d;
    }

  if ((gsize) n * n_brands <= (1u << 24))
    bc.dense = g_new0 (guint, MAX (1, (gsize) n * n_brands));
  else
    bc.sparse = g_hash_table_new (g_direct_hash, g_direct_equal);
  scan_rows (self, &bc);
  for (guint c = 0; c < n; c++)
    {
      const CampaignDays *cd = &self->campaign_days[c];
      gint32 row_first = HK_DAY_NONE;
      guint best = 0;

      for (guint k = 0; k < N_RANGES; k++)
        {
          if (cd->first[k] != HK_DAY_NONE && (row_first == HK_DAY_NONE || cd->first[k] < row_first))
            row_first = cd->first[k];
          self->campaign_last[c] = MAX (self->campaign_last[c], cd->last[k]);
        }
      if (self->campaign_first[c] == HK_DAY_NONE)
        self->campaign_first[c] = row_first;
      for (guint b = 1; b < n_brands; b++)
        {
          guint k = brand_counts_get (&bc, c, b);
          if (k > best)
            best = k, self->campaign_brand[c] = b;
        }
    }
  g_free (bc.dense);
  if (bc.sparse)
    g_hash_table_unref (bc.sparse);
}

static void
prepare_campaigns (HkEngine *self)
{
  HkDataset *ds = self->ds;
  guint n = self->n_campaigns = hk_str_pool_get_size (ds->pools[HK_POOL_CAMPAIGN]);

  self->campaign_first = g_new (gint32, n);
  self->campaign_last = g_new (gint32, n);
  self->campaign_brand = g_new0 (guint32, n);
  self->campaign_test = g_new (gint, n);
  self->campaign_attributed = g_new0 (double, MAX (1, n));
  self->campaign_days = g_new (CampaignDays, MAX (1, n));
  for (guint c = 0; c < n; c++)
    {
      self->campaign_first[c] = self->campaign_last[c] = HK_DAY_NONE;
      self->campaign_test[c] = -1;
    }
  prepare_periods (self);
  _hk_engine_prepare_tests (self);
  g_clear_pointer (&self->campaign_days, g_free);
}

static gpointer
prepare_campaigns_thread (gpointer data)
{
  prepare_campaigns (data);
  return NULL;
}

static void
prepare_ids (HkEngine *self)
{
  HkDataset *ds = self->ds;

  self->numeric_id = g_new (gint64, MAX (1, ds->n_influencers));
  for (guint i = 0; i < ds->n_influencers; i++)
    {
      const char *id = hk_str_pool_get (ds->pools[HK_POOL_ID], ds->inf_id[i]);
      gsize len = strlen (id);
      gboolean digits = len > 0 && len <= 18;

      for (gsize k = 0; k < len && digits; k++)
        digits = g_ascii_isdigit (id[k]);
      self->numeric_id[i] = digits ? (gint64) g_ascii_strtoull (id, NULL, 10) : -1;
    }
}

static void
hk_engine_finalize (GObject *object)
{
  HkEngine *self = HK_ENGINE (object);

  if (self->prepared == NULL)
    g_free (self->payouts);
  g_array_unref (self->shares);
  g_free (self->unallocated);
  g_free (self->numeric_id);
  g_free (self->campaign_first);
  g_free (self->campaign_last);
  g_free (self->campaign_brand);
  g_free (self->campaign_test);
  _hk_engine_free_tests (self);
  g_clear_pointer (&self->prepared, g_bytes_unref);
  g_clear_object (&self->ds);

  G_OBJECT_CLASS (hk_engine_parent_class)->finalize (object);
}

static void
hk_engine_class_init (HkEngineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hk_engine_finalize;
}

static void
hk_engine_init (HkEngine *self)
{
}

HkEngine *
hk_engine_new (HkDataset *dataset)
{
  HkEngine *self;
  guint n_values;
  Scratch scratch[N_DISTS];
  GThread *campaigns;

  g_return_val_if_fail (HK_IS_DATASET (dataset), NULL);

  self = g_object_new (HK_TYPE_ENGINE, NULL);
  self->ds = g_object_ref (dataset);
  self->shares = g_array_new (FALSE, FALSE, sizeof (Share));
  self->unallocated = g_new0 (double, MAX (1, dataset->n_influencers));
  self->n_days = dataset->first_day == HK_DAY_NONE ? 0 : dataset->last_day - dataset->first_day + 1;

  /* Reopened from a snapshot that holds the preparation: nothing to walk. */
  {
    g_autoptr(GBytes) prepared = hk_snapshot_dup_prepared (dataset);
    gint64 start = g_get_monotonic_time ();

    if (prepared != NULL && _hk_engine_restore_prepared (self, prepared))
      {
        g_debug ("engine restored from the snapshot in %.3f s", (g_get_monotonic_time () - start) / 1e6);
        return self;
      }
    if (prepared != NULL)
      {
        g_debug ("the snapshot's engine preparation does not fit its data: preparing");
        _hk_engine_clear_prepared (self);
      }
  }
  self->payouts = g_new0 (Payout, MAX (1, dataset->n_payouts));

  n_values = 1;
  for (guint p = HK_POOL_BRAND; p <= HK_POOL_SOURCE; p++)
    n_values = MAX (n_values, hk_str_pool_get_size (dataset->pools[p]));
  for (guint d = 0; d < N_DISTS; d++)
    {
      scratch[d].sum = g_new0 (double, n_values);
      scratch[d].seen = g_new0 (guint8, n_values);
      scratch[d].touched = g_new (guint32, n_values);
      scratch[d].n_touched = 0;
    }

  /* Campaigns and tests read the tracking rows; payouts write only their own
   * arrays: both cores at once. */
  campaigns = g_thread_new ("hk-prepare", prepare_campaigns_thread, self);
  for (guint i = 0; i < dataset->n_influencers; i++)
    {
      self->max_payouts = MAX (self->max_payouts, dataset->pay_start[i + 1] - dataset->pay_start[i]);
      for (guint row = dataset->pay_start[i]; row < dataset->pay_start[i + 1]; row++)
        {
          Payout *p = &self->payouts[row];

          p->campaign = dataset->pay_campaign[row];
          p->brand = dataset->pay_brand[row];
          p->basis = dataset->pay_basis[row];
          prepare_payout (self, i, row, scratch);
        }
    }
  for (guint d = 0; d < N_DISTS; d++)
    {
      g_free (scratch[d].sum);
      g_free (scratch[d].seen);
      g_free (scratch[d].touched);
    }
  prepare_ids (self);
  g_thread_join (campaigns);
  return self;
}

HkDataset *
hk_engine_get_dataset (HkEngine *self)
{
  g_return_val_if_fail (HK_IS_ENGINE (self), NULL);
  return self->ds;
}

gboolean
hk_engine_get_restored (HkEngine *self)
{
  g_return_val_if_fail (HK_IS_ENGINE (self), FALSE);
  return self->prepared != NULL;
}

double
hk_engine_get_payout_amount (HkEngine *self,
                             guint     payout_row)
{
  g_return_val_if_fail (HK_IS_ENGINE (self) && payout_row < self->ds->n_payouts, NAN);
  return self->payouts[payout_row].amount;
}

gboolean
hk_engine_is_payout_unallocated (HkEngine *self,
                                 guint     payout_row)
{
  g_return_val_if_fail (HK_IS_ENGINE (self) && payout_row < self->ds->n_payouts, FALSE);
  return self->payouts[payout_row].alloc == ALLOC_NONE;
}

char *
hk_engine_dup_holdout_report (HkEngine *self)
{
  GString *report;

  g_return_val_if_fail (HK_IS_ENGINE (self), NULL);
  if (self->tests->len == 0)
    return NULL;
  report = g_string_new (NULL);
  for (guint i = 0; i < self->tests->len; i++)
    g_string_append_printf (report, "%s\n", g_array_index (self->tests, HoldoutTest, i).note);
  return g_string_free (report, FALSE);
}
