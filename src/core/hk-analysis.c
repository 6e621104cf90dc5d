/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hk-analysis.h"
#include "hk-csv-writer.h"
#include "hk-dataset-private.h"
#include "hk-date.h"
#include "hk-parse.h"

/* ------------------------------------------------------------------------ */
/* Metrics                                                                  */

static const char * const metric_names[HK_N_METRICS] = {
  "posts", "reach", "likes", "comments", "engagement_rate", "orders", "revenue",
  "spend", "roas", "mean_influencer_roas", "top_influencer_roas",
  "incremental_revenue", "incremental_roas", "cpm", "cpe", "cost_per_order",
  "aov", "roi", "influencers",
};

static inline double
ratio (double numerator,
       double denominator)
{
  return denominator != 0 ? numerator / denominator : NAN;
}

/* Spend of zero (or, where returns outweigh it, below zero) leaves every
 * ratio over spend undefined. */
static inline double
per_spend (double numerator,
           double spend)
{
  return spend > 0 ? numerator / spend : NAN;
}

double
hk_metrics_get (const HkMetrics *m,
                HkMetric         metric)
{
  switch (metric)
    {
    case HK_METRIC_POSTS: return m->posts;
    case HK_METRIC_REACH: return m->reach;
    case HK_METRIC_LIKES: return m->likes;
    case HK_METRIC_COMMENTS: return m->comments;
    case HK_METRIC_ENGAGEMENT_RATE: return ratio (m->likes + m->comments, m->reach);
    case HK_METRIC_ORDERS: return m->orders;
    case HK_METRIC_REVENUE: return m->revenue;
    case HK_METRIC_SPEND: return m->spend;
    case HK_METRIC_ROAS: return hk_metrics_roas (m->revenue, m->spend);
    case HK_METRIC_MEAN_INFLUENCER_ROAS: return m->roas_n ? m->roas_sum / m->roas_n : NAN;
    case HK_METRIC_TOP_INFLUENCER_ROAS: return m->roas_n ? m->roas_max : NAN;
    case HK_METRIC_INCREMENTAL_REVENUE:
      /* No revenue: nothing to be incremental, whatever the method. */
      return m->methods || m->revenue == 0 ? m->incremental_revenue : NAN;
    case HK_METRIC_INCREMENTAL_ROAS:
      if (m->methods)
        return per_spend (m->incremental_revenue, m->incremental_spend);
      return m->revenue == 0 ? per_spend (0, m->spend) : NAN;
    /* Spend 0 costs nothing per unit (0, not undefined); below zero, undefined. */
    case HK_METRIC_CPM: return m->spend < 0 ? NAN : ratio (m->spend * 1000, m->reach);
    case HK_METRIC_CPE: return m->spend < 0 ? NAN : ratio (m->spend, m->likes + m->comments);
    case HK_METRIC_COST_PER_ORDER:
      return m->spend < 0 || !(m->orders > 0) ? NAN : m->spend / m->orders;
    case HK_METRIC_AOV: return m->orders > 0 ? m->revenue / m->orders : NAN;
    case HK_METRIC_ROI: return per_spend (m->revenue - m->spend, m->spend);
    case HK_METRIC_INFLUENCERS: return m->influencers;
    case HK_N_METRICS:
    default:
      g_return_val_if_reached (NAN);
    }
}

double
hk_metrics_roas (double revenue,
                 double spend)
{
  return per_spend (revenue, spend);
}

gboolean
hk_metrics_payout_exceeds_revenue (const HkMetrics *m)
{
  return m->spend > m->revenue;
}

const char *
hk_metric_name (HkMetric metric)
{
  g_return_val_if_fail (metric < HK_N_METRICS, NULL);
  return metric_names[metric];
}

gboolean
hk_metric_is_money (HkMetric metric)
{
  return metric == HK_METRIC_REVENUE || metric == HK_METRIC_SPEND ||
         metric == HK_METRIC_INCREMENTAL_REVENUE || metric == HK_METRIC_CPM ||
         metric == HK_METRIC_CPE || metric == HK_METRIC_COST_PER_ORDER ||
         metric == HK_METRIC_AOV;
}

void
hk_metrics_add (HkMetrics       *into,
                const HkMetrics *m)
{
  into->posts += m->posts;
  into->reach += m->reach;
  into->likes += m->likes;
  into->comments += m->comments;
  into->tracking_rows += m->tracking_rows;
  into->orders += m->orders;
  into->revenue += m->revenue;
  into->spend += m->spend;
  into->incremental_revenue += m->incremental_revenue;
  into->incremental_spend += m->incremental_spend;
  into->roas_max = into->roas_n == 0 ? m->roas_max : m->roas_n == 0 ? into->roas_max : MAX (into->roas_max, m->roas_max);
  into->roas_sum += m->roas_sum;
  into->roas_n += m->roas_n;
  into->influencers += m->influencers;
  into->methods |= m->methods;
}

/* An influencer's own ROAS joins a group's mean and maximum. */
static inline void
metrics_add_roas (HkMetrics *group,
                  double     revenue,
                  double     spend)
{
  double roas;

  if (revenue == 0 && spend == 0)
    return;
  group->influencers++;
  if (!(spend > 0))
    return;
  roas = revenue / spend;
  group->roas_max = group->roas_n == 0 ? roas : MAX (group->roas_max, roas);
  group->roas_sum += roas;
  group->roas_n++;
}

/* ------------------------------------------------------------------------ */
/* Options                                                                  */

void
hk_analysis_options_init (HkAnalysisOptions *options)
{
  options->method = HK_IROAS_AUTO;
  options->pre_period_days = 28;
  options->organic_share = 0.30;
  options->top_n = 10;
  options->row_dimensions = HK_ROW_DIMENSIONS_ALL;
}

/* A share as "0.3" or "30%", from 0 to 1. */
static gboolean
parse_share (const char *text,
             double     *share)
{
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);

  if (end == text)
    return FALSE;
  if (*end == '%')
    {
      value /= 100;
      end++;
    }
  if (*end != '\0' || !(value >= 0 && value <= 1))
    return FALSE;
  *share = value;
  return TRUE;
}

gboolean
hk_analysis_options_parse_iroas (HkAnalysisOptions  *options,
                                 const char         *text,
                                 GError            **error)
{
  const char *colon = strchr (text, ':');
  g_autofree char *name = g_strndup (text, colon ? (gsize) (colon - text) : strlen (text));
  HkAnalysisOptions parsed = *options;
  char *end = NULL;

  if (g_str_equal (name, "holdout") && colon == NULL)
    parsed.method = HK_IROAS_HOLDOUT;
  else if (g_str_equal (name, "pre-period"))
    {
      parsed.method = HK_IROAS_PRE_PERIOD;
      if (colon)
        {
          guint64 days = g_ascii_strtoull (colon + 1, &end, 10);
          if (end == colon + 1 || *end != '\0' || days < 1 || days > 3650)
            goto bad;
          parsed.pre_period_days = days;
        }
    }
  else if (g_str_equal (name, "assumed") || g_str_equal (name, "auto"))
    {
      /* auto:SHARE is the share used where no holdout test covers a campaign. */
      parsed.method = g_str_equal (name, "auto") ? HK_IROAS_AUTO : HK_IROAS_ASSUMED;
      if (colon && !parse_share (colon + 1, &parsed.organic_share))
        goto bad;
    }
  else
    goto bad;
  *options = parsed;
  return TRUE;

bad:
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("“%s” is not an iROAS method: use auto[:SHARE], holdout, pre-period[:DAYS] (1–3650) "
                 "or assumed[:SHARE] (SHARE from 0 to 1, or 0%% to 100%%)"),
               text);
  return FALSE;
}

char *
hk_analysis_options_format_iroas (const HkAnalysisOptions *options)
{
  char buf[32];

  switch (options->method)
    {
    case HK_IROAS_HOLDOUT: return g_strdup ("holdout");
    case HK_IROAS_PRE_PERIOD: return g_strdup_printf ("pre-period:%u", options->pre_period_days);
    case HK_IROAS_ASSUMED:
      hk_format_double_roundtrip (options->organic_share, buf);
      return g_strdup_printf ("assumed:%s", buf);
    case HK_IROAS_AUTO:
    default:
      if (options->organic_share == 0.30)
        return g_strdup ("auto");
      hk_format_double_roundtrip (options->organic_share, buf);
      return g_strdup_printf ("auto:%s", buf);
    }
}

char *
hk_iroas_methods_to_string (guint8 methods)
{
  GString *s = g_string_new (NULL);

  if (methods & HK_IROAS_USED_HOLDOUT)
    g_string_append (s, "holdout");
  if (methods & HK_IROAS_USED_PRE_PERIOD)
    g_string_append (s, s->len ? "+pre-period" : "pre-period");
  if (methods & HK_IROAS_USED_ASSUMED)
    g_string_append (s, s->len ? "+assumed" : "assumed");
  return g_string_free (s, FALSE);
}

/* ------------------------------------------------------------------------ */
/* The engine: what every analysis of a dataset shares                      */

/* How a payout row's amount spreads over its units. */
typedef enum {
  ALLOC_NONE,      /* no unit in scope: unallocated */
  ALLOC_POSTS,     /* share per post */
  ALLOC_ORDERS,    /* share per order */
  ALLOC_REVENUE,   /* commission: share per rupee of revenue */
  ALLOC_ROWS,      /* weights summed to zero or less: share per tracking row */
} Alloc;

/* A post lacks brand (bit 0) and/or campaign (bit 1); it always lacks product
 * and source. A payout row notes which of the four kinds its posts are. */
#define LACKS_BRAND    1
#define LACKS_CAMPAIGN 2
#define N_MASKS        4

/* Row attributes a post may lack, in the order of the distributions below. */
enum { DIST_PRODUCT, DIST_SOURCE, DIST_BRAND, DIST_CAMPAIGN, N_DISTS };

typedef struct {
  guint32 code;
  double  fraction; /* of the payout row's in-scope revenue */
} Share;

typedef struct {
  guint32 campaign;       /* scope; 0: any */
  guint32 brand;          /* scope; 0: any */
  guint8  basis;
  guint8  alloc;
  guint8  masks;          /* bit m: an in-scope post has lacking mask m */
  double  amount;
  double  share;          /* per unit of its alloc */
  double  scope_revenue;  /* of in-scope attributed rows, any date */
  guint   dist[N_DISTS + 1]; /* range of engine->shares for each distribution */
} Payout;

typedef struct {
  char   *name;
  guint32 campaign;
  double  exposed_users;
  double  holdout_users;
} HoldoutTest;

/* What the holdout estimate reads of a tracking row, copied in test, group and
 * user order so that each analysis reads them in sequence. */
typedef struct {
  double  revenue;
  guint32 user;
  guint32 campaign;
  guint32 product;
  gint32  date;
  guint16 brand;
  guint16 source;
  guint8  group;      /* HkAbGroup */
  guint8  attributed;
} TestRow;

struct _HkEngine {
  GObject     parent_instance;

  HkDataset  *ds;
  Payout     *payouts;
  GArray     *shares;          /* Share: how post spend spreads over row values */
  double     *unallocated;     /* per influencer */
  guint       max_payouts;     /* payout rows of one influencer, at most */
  gint64     *numeric_id;      /* per influencer: the id as an integer, or -1 */

  guint       n_campaigns;
  gint32     *campaign_first;  /* HK_DAY_NONE when the campaign has no post or row */
  gint32     *campaign_last;
  guint32    *campaign_brand;  /* the brand of most of its rows */
  gint       *campaign_test;   /* index into tests, or -1 */

  GArray     *tests;           /* HoldoutTest */
  TestRow    *test_rows;       /* rows of tested campaigns, by test, group, user */
  guint       n_test_rows;

  guint       n_days;          /* dataset's first_day .. last_day */
};

G_DEFINE_FINAL_TYPE (HkEngine, hk_engine, G_TYPE_OBJECT)

static inline gboolean
row_in_scope (const HkDataset *ds,
              const Payout    *p,
              guint            r)
{
  return (p->campaign == 0 || ds->trk_campaign[r] == p->campaign) &&
         (p->brand == 0 || ds->trk_brand[r] == p->brand);
}

/* Posts that lack the attribute fall inside a scope. */
static inline gboolean
post_in_scope (const HkDataset *ds,
               const Payout    *p,
               guint            q)
{
  return (p->campaign == 0 || ds->post_campaign[q] == 0 || ds->post_campaign[q] == p->campaign) &&
         (p->brand == 0 || ds->post_brand[q] == 0 || ds->post_brand[q] == p->brand);
}

static inline guint
post_mask (const HkDataset *ds,
           guint            q)
{
  return (ds->post_brand[q] == 0 ? LACKS_BRAND : 0) | (ds->post_campaign[q] == 0 ? LACKS_CAMPAIGN : 0);
}

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
        n_rows++;
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
                  guint32      brand)
{
  if (bc->dense)
    bc->dense[(gsize) campaign * bc->n_brands + brand]++;
  else
    {
      gpointer key = GSIZE_TO_POINTER (((gsize) campaign << 16 | brand) + 1);
      g_hash_table_insert (bc->sparse, key,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (bc->sparse, key)) + 1));
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

static void
prepare_campaigns (HkEngine *self)
{
  HkDataset *ds = self->ds;
  guint n = self->n_campaigns = hk_str_pool_get_size (ds->pools[HK_POOL_CAMPAIGN]);
  guint n_brands = hk_str_pool_get_size (ds->pools[HK_POOL_BRAND]);
  g_autofree gint32 *row_first = g_new (gint32, n);
  g_autoptr(GArray) tested = g_array_new (FALSE, FALSE, sizeof (guint));
  BrandCounts bc = { n_brands, NULL, NULL };

  self->campaign_first = g_new (gint32, n);
  self->campaign_last = g_new (gint32, n);
  self->campaign_brand = g_new0 (guint32, n);
  self->campaign_test = g_new (gint, n);
  for (guint c = 0; c < n; c++)
    {
      self->campaign_first[c] = self->campaign_last[c] = row_first[c] = HK_DAY_NONE;
      self->campaign_test[c] = -1;
    }

  /* Holdout tests: a campaign with exposed and holdout users. */
  self->tests = g_array_new (FALSE, TRUE, sizeof (HoldoutTest));
  for (guint h = 0; h < ds->n_holdout; h++)
    {
      guint32 c = ds->ho_campaign[h];
      HoldoutTest *t;

      if (self->campaign_test[c] < 0)
        {
          HoldoutTest nt = { g_strdup (hk_str_pool_get (ds->pools[HK_POOL_CAMPAIGN], c)), c, 0, 0 };
          self->campaign_test[c] = self->tests->len;
          g_array_append_val (self->tests, nt);
        }
      t = &g_array_index (self->tests, HoldoutTest, self->campaign_test[c]);
      if (ds->ho_group[h] == HK_AB_EXPOSED)
        t->exposed_users += ds->ho_users[h];
      else
        t->holdout_users += ds->ho_users[h];
    }
  for (guint i = 0; i < self->tests->len; i++)
    {
      HoldoutTest *t = &g_array_index (self->tests, HoldoutTest, i);
      if (!(t->exposed_users > 0 && t->holdout_users > 0))
        self->campaign_test[t->campaign] = -1;
    }

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

  /* One pass over the rows: periods, brand counts, and the rows of tested
   * campaigns counted by user. */
  for (guint r = 0; r < ds->n_tracking; r++)
    {
      guint32 c = ds->trk_campaign[r];
      gint32 d = ds->trk_date[r];

      if (row_first[c] == HK_DAY_NONE || d < row_first[c])
        row_first[c] = d;
      if (self->campaign_last[c] == HK_DAY_NONE || d > self->campaign_last[c])
        self->campaign_last[c] = d;
      brand_counts_add (&bc, c, ds->trk_brand[r]);
      if (self->campaign_test[c] >= 0)
        g_array_append_val (tested, r);
    }
  for (guint c = 0; c < n; c++)
    {
      guint best = 0;

      if (self->campaign_first[c] == HK_DAY_NONE)
        self->campaign_first[c] = row_first[c];
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

  /* The tested campaigns' rows, ordered by test, group and user so each
   * user's rows are adjacent: a least-significant-digit radix sort of the
   * (test, group, user) keys, 16 bits a pass. */
  {
    guint n_rows = tested->len;
    g_autofree guint64 *keys = g_new (guint64, MAX (1, n_rows));
    g_autofree guint64 *tmp = g_new (guint64, MAX (1, n_rows));
    g_autofree guint *rows = g_new (guint, MAX (1, n_rows));
    g_autofree guint *tmp_rows = g_new (guint, MAX (1, n_rows));
    g_autofree guint *count = g_new (guint, 65536 + 1);
    guint64 max_key = 0;

    for (guint k = 0; k < n_rows; k++)
      {
        guint r = g_array_index (tested, guint, k);
        guint64 bucket = (guint64) self->campaign_test[ds->trk_campaign[r]] * 3 + (ds->trk_flags[r] & HK_TRACKING_FLAG_AB_MASK);

        keys[k] = bucket << 32 | ds->trk_user[r];
        rows[k] = r;
        max_key = MAX (max_key, keys[k]);
      }
    for (guint shift = 0; shift < 64 && (max_key >> shift) != 0; shift += 16)
      {
        guint64 *swap_keys;
        guint *swap_rows;

        memset (count, 0, sizeof (guint) * (65536 + 1));
        for (guint k = 0; k < n_rows; k++)
          count[((keys[k] >> shift) & 0xffff) + 1]++;
        for (guint d = 0; d < 65536; d++)
          count[d + 1] += count[d];
        for (guint k = 0; k < n_rows; k++)
          {
            guint pos = count[(keys[k] >> shift) & 0xffff]++;
            tmp[pos] = keys[k];
            tmp_rows[pos] = rows[k];
          }
        swap_keys = keys, keys = tmp, tmp = swap_keys;
        swap_rows = rows, rows = tmp_rows, tmp_rows = swap_rows;
      }

    self->test_rows = g_new (TestRow, MAX (1, n_rows));
    for (guint k = 0; k < n_rows; k++)
      {
        guint r = rows[k];

        self->test_rows[k] = (TestRow) {
          ds->trk_revenue[r], ds->trk_user[r], ds->trk_campaign[r], ds->trk_product[r],
          ds->trk_date[r], ds->trk_brand[r], ds->trk_source[r],
          ds->trk_flags[r] & HK_TRACKING_FLAG_AB_MASK, r < ds->trk_start[ds->n_influencers],
        };
      }
    self->n_test_rows = n_rows;
  }
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

  g_free (self->payouts);
  g_array_unref (self->shares);
  g_free (self->unallocated);
  g_free (self->numeric_id);
  g_free (self->campaign_first);
  g_free (self->campaign_last);
  g_free (self->campaign_brand);
  g_free (self->campaign_test);
  for (guint i = 0; i < self->tests->len; i++)
    g_free (g_array_index (self->tests, HoldoutTest, i).name);
  g_array_unref (self->tests);
  g_free (self->test_rows);
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

  g_return_val_if_fail (HK_IS_DATASET (dataset), NULL);

  self = g_object_new (HK_TYPE_ENGINE, NULL);
  self->ds = g_object_ref (dataset);
  self->payouts = g_new0 (Payout, MAX (1, dataset->n_payouts));
  self->shares = g_array_new (FALSE, FALSE, sizeof (Share));
  self->unallocated = g_new0 (double, MAX (1, dataset->n_influencers));
  self->n_days = dataset->first_day == HK_DAY_NONE ? 0 : dataset->last_day - dataset->first_day + 1;

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
  prepare_campaigns (self);
  prepare_ids (self);
  return self;
}

HkDataset *
hk_engine_get_dataset (HkEngine *self)
{
  g_return_val_if_fail (HK_IS_ENGINE (self), NULL);
  return self->ds;
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

/* ------------------------------------------------------------------------ */
/* Results                                                                  */

typedef struct {
  guint      n;
  guint32   *codes;   /* pool code, day offset, tier or influencer index */
  HkMetrics *metrics;
} Groups;

typedef struct {
  HkHoldoutTest  test;
  guint32        campaign;
  double         se;        /* standard error of the incremental revenue */
} TestResult;

struct _HkAnalysis {
  gatomicrefcount    ref_count;
  HkEngine          *engine;
  HkFilter          *filter;
  HkAnalysisOptions  options;
  HkMetrics          totals;
  double             unallocated;
  Groups             groups[HK_N_DIMS];
  gint              *group_of_influencer;
  guint             *top;
  guint              n_top;
  guint             *poor;
  guint              n_poor;
  char              *iroas_label;
  gboolean           has_interval;
  double             iroas_low;
  double             iroas_high;
  TestResult        *tests;
  guint              n_tests;
  char             **day_keys;
};

G_DEFINE_BOXED_TYPE (HkAnalysis, hk_analysis, hk_analysis_ref, hk_analysis_unref)

HkAnalysis *
hk_analysis_ref (HkAnalysis *analysis)
{
  g_atomic_ref_count_inc (&analysis->ref_count);
  return analysis;
}

void
hk_analysis_unref (HkAnalysis *analysis)
{
  if (!g_atomic_ref_count_dec (&analysis->ref_count))
    return;
  for (guint d = 0; d < HK_N_DIMS; d++)
    {
      g_free (analysis->groups[d].codes);
      g_free (analysis->groups[d].metrics);
    }
  g_free (analysis->group_of_influencer);
  g_free (analysis->top);
  g_free (analysis->poor);
  g_free (analysis->iroas_label);
  g_free (analysis->tests);
  g_strfreev (analysis->day_keys);
  hk_filter_free (analysis->filter);
  g_object_unref (analysis->engine);
  g_free (analysis);
}

HkDataset *
hk_analysis_get_dataset (HkAnalysis *analysis)
{
  return analysis->engine->ds;
}

const HkFilter *
hk_analysis_get_filter (HkAnalysis *analysis)
{
  return analysis->filter;
}

const HkAnalysisOptions *
hk_analysis_get_options (HkAnalysis *analysis)
{
  return &analysis->options;
}

const HkMetrics *
hk_analysis_get_totals (HkAnalysis *analysis)
{
  return &analysis->totals;
}

double
hk_analysis_get_unallocated_spend (HkAnalysis *analysis)
{
  return analysis->unallocated;
}

guint
hk_analysis_get_n_groups (HkAnalysis  *analysis,
                          HkDimension  dim)
{
  g_return_val_if_fail (dim < HK_N_DIMS, 0);
  return analysis->groups[dim].n;
}

const HkMetrics *
hk_analysis_get_group (HkAnalysis  *analysis,
                       HkDimension  dim,
                       guint        group)
{
  g_return_val_if_fail (dim < HK_N_DIMS && group < analysis->groups[dim].n, NULL);
  return &analysis->groups[dim].metrics[group];
}

static HkPool
pool_of_dimension (HkDimension dim)
{
  g_return_val_if_fail (dim < HK_N_DIMS && hk_dimension_storage[dim].pool != HK_N_POOLS, HK_POOL_ID);
  return hk_dimension_storage[dim].pool;
}

const char *
hk_analysis_get_group_key (HkAnalysis  *analysis,
                           HkDimension  dim,
                           guint        group)
{
  HkDataset *ds = analysis->engine->ds;
  guint32 code;

  g_return_val_if_fail (dim < HK_N_DIMS && group < analysis->groups[dim].n, NULL);
  code = analysis->groups[dim].codes[group];
  switch (dim)
    {
    case HK_DIM_INFLUENCER: return hk_str_pool_get (ds->pools[HK_POOL_ID], ds->inf_id[code]);
    case HK_DIM_TIER: return hk_tier_name (code);
    case HK_DIM_DAY: return analysis->day_keys[group];
    case HK_DIM_PLATFORM:
    case HK_DIM_CATEGORY:
    case HK_DIM_PERSONA:
    case HK_DIM_GENDER:
    case HK_DIM_CITY:
    case HK_DIM_BRAND:
    case HK_DIM_PRODUCT:
    case HK_DIM_CAMPAIGN:
    case HK_DIM_SOURCE:
    case HK_N_DIMS:
    default:
      return hk_str_pool_get (ds->pools[pool_of_dimension (dim)], code);
    }
}

gint64
hk_analysis_get_group_index (HkAnalysis  *analysis,
                             HkDimension  dim,
                             guint        group)
{
  g_return_val_if_fail (dim < HK_N_DIMS && group < analysis->groups[dim].n, -1);
  if (dim == HK_DIM_DAY)
    return analysis->engine->ds->first_day + (gint64) analysis->groups[dim].codes[group];
  return analysis->groups[dim].codes[group];
}

gint
hk_analysis_find_influencer (HkAnalysis *analysis,
                             guint       influencer)
{
  g_return_val_if_fail (influencer < analysis->engine->ds->n_influencers, -1);
  return analysis->group_of_influencer[influencer];
}

guint
hk_analysis_get_n_top (HkAnalysis *analysis)
{
  return analysis->n_top;
}

guint
hk_analysis_get_top (HkAnalysis *analysis,
                     guint       i)
{
  g_return_val_if_fail (i < analysis->n_top, 0);
  return analysis->top[i];
}

guint
hk_analysis_get_n_poor (HkAnalysis *analysis)
{
  return analysis->n_poor;
}

guint
hk_analysis_get_poor (HkAnalysis *analysis,
                      guint       i)
{
  g_return_val_if_fail (i < analysis->n_poor, 0);
  return analysis->poor[i];
}

const char *
hk_analysis_get_iroas_label (HkAnalysis *analysis)
{
  return analysis->iroas_label;
}

gboolean
hk_analysis_get_iroas_interval (HkAnalysis *analysis,
                                double     *low,
                                double     *high)
{
  if (!analysis->has_interval)
    return FALSE;
  *low = analysis->iroas_low;
  *high = analysis->iroas_high;
  return TRUE;
}

guint
hk_analysis_get_n_holdout_tests (HkAnalysis *analysis)
{
  return analysis->n_tests;
}

void
hk_analysis_get_holdout_test (HkAnalysis    *analysis,
                              guint          i,
                              HkHoldoutTest *test)
{
  g_return_if_fail (i < analysis->n_tests);
  *test = analysis->tests[i].test;
}

gboolean
hk_analysis_get_payout_info (HkAnalysis  *analysis,
                             guint        group,
                             const char **basis,
                             double      *rate,
                             double      *units)
{
  HkDataset *ds = analysis->engine->ds;
  const HkMetrics *m;
  guint i, first, last;
  gboolean mixed = FALSE;

  g_return_val_if_fail (group < analysis->groups[HK_DIM_INFLUENCER].n, FALSE);
  i = analysis->groups[HK_DIM_INFLUENCER].codes[group];
  m = &analysis->groups[HK_DIM_INFLUENCER].metrics[group];
  first = ds->pay_start[i];
  last = ds->pay_start[i + 1];
  if (first == last)
    return FALSE;
  for (guint p = first + 1; p < last; p++)
    mixed |= ds->pay_basis[p] != ds->pay_basis[first];
  *basis = mixed ? "mixed" : ds->pay_basis[first] == HK_BASIS_POST ? "post" : "order";
  *rate = last - first == 1 ? ds->pay_rate[first] : NAN;
  *units = mixed ? NAN : ds->pay_basis[first] == HK_BASIS_POST ? m->posts : m->orders;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Aggregation                                                              */

/* The row dimensions groups are kept for while walking rows. */
enum { ROW_BRAND, ROW_PRODUCT, ROW_CAMPAIGN, ROW_SOURCE, ROW_DAY, N_ROW_DIMS };

static const HkDimension row_dims[N_ROW_DIMS] = {
  HK_DIM_BRAND, HK_DIM_PRODUCT, HK_DIM_CAMPAIGN, HK_DIM_SOURCE, HK_DIM_DAY,
};

typedef struct {
  HkEngine          *engine;
  HkDataset         *ds;
  const HkFilter    *filter;
  HkAnalysisOptions  options;
  guint8            *allow[N_ROW_DIMS]; /* by code; NULL: all (ROW_DAY unused) */
  gint32             first_day;         /* inclusive, HK_DAY_NONE open */
  gint32             last_day;
  gboolean           row_filter;
  gboolean           dynamic_shares;    /* post spend needs the rows passing filters */
  guint8            *keep;              /* per influencer */
  guint              n_values[N_ROW_DIMS];
  double            *k;                 /* per campaign: incremental per rupee of revenue */
  guint8            *method;            /* per campaign: the flag of its method, 0 when uncovered */
  guint8             unallocated_method;
  gint32             range_first;       /* the date range with open sides closed */
  guint32            range_span;
  gboolean           value_filters;     /* any brand, product, campaign or source filter */
  guint              row_dims;          /* bit d: keep groups of row dimension d */
  guint              active[N_ROW_DIMS];
  guint              n_active;
} Ctx;

/* An influencer's sums in one value of a row dimension: rows add here, and
 * each influencer's sums join the groups once, with its ROAS there. */
typedef struct {
  double rows;
  double orders;
  double revenue;
  double spend;
  double incremental;
  double covered;
  guint8 methods;
} RowSums;

typedef struct {
  HkMetrics *groups[N_ROW_DIMS];     /* NULL for dimensions not asked for */
  HkMetrics  lacking[N_ROW_DIMS];    /* posts that count in every group of a dimension */
  RowSums   *sums[N_ROW_DIMS];
  guint8    *seen[N_ROW_DIMS];
  guint32   *touched[N_ROW_DIMS];
  guint      n_touched[N_ROW_DIMS];
  double   (*numerator)[N_MASKS];     /* per payout row of the influencer */
  double   (*covered)[N_MASKS];
  double   (*lacking_spend)[N_MASKS];
  double    *test_incremental;       /* per holdout test, in the selection */
} Acc;

static void
acc_init (Acc       *acc,
          const Ctx *ctx)
{
  memset (acc, 0, sizeof *acc);
  for (guint d = 0; d < N_ROW_DIMS; d++)
    {
      guint n = MAX (1, ctx->n_values[d]);

      if (!(ctx->row_dims & (1 << d)))
        continue;
      acc->groups[d] = g_new0 (HkMetrics, n);
      acc->sums[d] = g_new0 (RowSums, n);
      acc->seen[d] = g_new0 (guint8, n);
      acc->touched[d] = g_new (guint32, n);
    }
  acc->numerator = (double (*)[N_MASKS]) g_new0 (double, N_MASKS * MAX (1, ctx->engine->max_payouts));
  acc->covered = (double (*)[N_MASKS]) g_new0 (double, N_MASKS * MAX (1, ctx->engine->max_payouts));
  acc->lacking_spend = (double (*)[N_MASKS]) g_new0 (double, N_MASKS * MAX (1, ctx->engine->max_payouts));
  acc->test_incremental = g_new0 (double, MAX (1, ctx->engine->tests->len));
}

static void
acc_clear (Acc *acc)
{
  for (guint d = 0; d < N_ROW_DIMS; d++)
    {
      g_free (acc->groups[d]);
      g_free (acc->sums[d]);
      g_free (acc->seen[d]);
      g_free (acc->touched[d]);
    }
  g_free (acc->numerator);
  g_free (acc->covered);
  g_free (acc->lacking_spend);
  g_free (acc->test_incremental);
}

static inline void
sums_add (Acc     *acc,
          guint    d,
          guint32  v,
          double   rows,
          double   orders,
          double   revenue,
          double   spend,
          double   incremental,
          double   covered,
          guint8   methods)
{
  RowSums *s;

  if (acc->sums[d] == NULL)
    return;
  s = &acc->sums[d][v];
  if (!acc->seen[d][v])
    {
      acc->seen[d][v] = 1;
      acc->touched[d][acc->n_touched[d]++] = v;
    }
  s->rows += rows;
  s->orders += orders;
  s->revenue += revenue;
  s->spend += spend;
  s->incremental += incremental;
  s->covered += covered;
  s->methods |= methods;
}

static void
scratch_flush (Acc *acc)
{
  for (guint d = 0; d < N_ROW_DIMS; d++)
    {
      for (guint i = 0; i < acc->n_touched[d]; i++)
        {
          guint32 v = acc->touched[d][i];
          RowSums *s = &acc->sums[d][v];
          HkMetrics *g = &acc->groups[d][v];

          g->tracking_rows += s->rows;
          g->orders += s->orders;
          g->revenue += s->revenue;
          g->spend += s->spend;
          g->incremental_revenue += s->incremental;
          g->incremental_spend += s->covered;
          g->methods |= s->methods;
          metrics_add_roas (g, s->revenue, s->spend);
          memset (s, 0, sizeof *s);
          acc->seen[d][v] = 0;
        }
      acc->n_touched[d] = 0;
    }
}

static inline gboolean
allows (const Ctx *ctx,
        guint      d,
        guint32    code)
{
  return ctx->allow[d] == NULL || ctx->allow[d][code];
}

static inline gboolean
day_in_range (const Ctx *ctx,
              gint32     day)
{
  return (guint32) day - (guint32) ctx->range_first <= ctx->range_span;
}

/* Whether a tracking row passes the filters a post of lacking mask m lacks:
 * product and source always, brand and campaign when the mask says so. */
static inline gboolean
passes_lacking (const Ctx *ctx,
                guint      pass_bits,
                guint      mask)
{
  guint need = (1 << ROW_PRODUCT) | (1 << ROW_SOURCE) |
               (mask & LACKS_BRAND ? 1 << ROW_BRAND : 0) |
               (mask & LACKS_CAMPAIGN ? 1 << ROW_CAMPAIGN : 0);
  return (pass_bits & need) == need;
}

static inline void
group_add_row (HkMetrics *g,
               double     orders,
               double     revenue,
               double     spend,
               double     incremental,
               double     covered_spend,
               guint8     method)
{
  g->tracking_rows++;
  g->orders += orders;
  g->revenue += revenue;
  g->spend += spend;
  g->incremental_revenue += incremental;
  g->incremental_spend += covered_spend;
  g->methods |= method;
}

static inline void
group_add_post (HkMetrics       *g,
                const HkDataset *ds,
                guint            q)
{
  g->posts++;
  g->reach += ds->post_reach[q];
  g->likes += ds->post_likes[q];
  g->comments += ds->post_comments[q];
}

static inline guint
row_pass_bits (const Ctx       *ctx,
               const HkDataset *ds,
               guint            r)
{
  if (!ctx->value_filters)
    return 0xf;
  return (allows (ctx, ROW_BRAND, ds->trk_brand[r]) << ROW_BRAND) |
         (allows (ctx, ROW_PRODUCT, ds->trk_product[r]) << ROW_PRODUCT) |
         (allows (ctx, ROW_CAMPAIGN, ds->trk_campaign[r]) << ROW_CAMPAIGN) |
         (allows (ctx, ROW_SOURCE, ds->trk_source[r]) << ROW_SOURCE);
}

/* Whether a filter is set on something posts of lacking mask m lack. */
static inline gboolean
filters_lacking (const Ctx *ctx,
                 guint      mask)
{
  return ctx->allow[ROW_PRODUCT] || ctx->allow[ROW_SOURCE] ||
         ((mask & LACKS_BRAND) && ctx->allow[ROW_BRAND]) ||
         ((mask & LACKS_CAMPAIGN) && ctx->allow[ROW_CAMPAIGN]);
}

/* Post spend that follows the revenue of one value of what the posts lack. */
static inline void
spread_spend (Acc     *acc,
              guint    d,
              guint32  v,
              double   spend,
              double   covered_spend,
              guint8   method)
{
  sums_add (acc, d, v, 0, 0, 0, spend, 0, covered_spend, method);
}

static inline void
post_to_group (Acc             *acc,
               guint            d,
               guint32          v,
               const HkDataset *ds,
               guint            q)
{
  if (acc->groups[d])
    group_add_post (&acc->groups[d][v], ds, q);
}

/* One influencer's rows and posts into its own metrics and the row groups. */
static void
analyze_influencer (const Ctx *ctx,
                    Acc       *acc,
                    guint      i,
                    HkMetrics *out)
{
  HkDataset *ds = ctx->ds;
  const HkEngine *engine = ctx->engine;
  const Payout *payouts = engine->payouts + ds->pay_start[i];
  guint n_pay = ds->pay_start[i + 1] - ds->pay_start[i];
  /* Per post payout row and lacking mask: revenue of in-scope rows passing
   * what the posts lack (and of those, in campaigns a method covers), and the
   * posts' unscaled spend. */
  double (*numerator)[N_MASKS] = acc->numerator;
  double (*covered)[N_MASKS] = acc->covered;
  double (*lacking_spend)[N_MASKS] = acc->lacking_spend;
  gboolean has_post_payouts = FALSE, dynamic;
  gint32 day0 = ds->first_day;
  const Payout *order_payouts[8];
  guint n_order = 0;

  memset (out, 0, sizeof *out);
  for (guint p = 0; p < n_pay; p++)
    {
      if (payouts[p].alloc > ALLOC_POSTS && n_order < G_N_ELEMENTS (order_payouts))
        order_payouts[n_order++] = &payouts[p];
      else if (payouts[p].alloc > ALLOC_POSTS)
        n_order = G_MAXUINT; /* many: walk them all */
      has_post_payouts |= payouts[p].alloc == ALLOC_POSTS;
    }
  dynamic = has_post_payouts && ctx->dynamic_shares;
  if (has_post_payouts)
    {
      memset (numerator, 0, sizeof (double) * N_MASKS * n_pay);
      memset (covered, 0, sizeof (double) * N_MASKS * n_pay);
      memset (lacking_spend, 0, sizeof (double) * N_MASKS * n_pay);
    }

  /* Tracking rows: order-basis spend follows orders (or revenue). */
  for (guint r = ds->trk_start[i]; r < ds->trk_start[i + 1]; r++)
    {
      guint pass = row_pass_bits (ctx, ds, r);
      guint32 c = ds->trk_campaign[r];
      double revenue = ds->trk_revenue[r], orders = ds->trk_orders[r];
      double spend = 0;

      if (n_order != 0)
        for (guint p = 0; p < (n_order == G_MAXUINT ? n_pay : n_order); p++)
          {
            const Payout *po = n_order == G_MAXUINT ? &payouts[p] : order_payouts[p];

            if (po->alloc > ALLOC_POSTS && row_in_scope (ds, po, r))
              spend += po->share * (po->alloc == ALLOC_ORDERS ? orders :
                                    po->alloc == ALLOC_REVENUE ? revenue : 1);
          }

      if (pass == 0xf && day_in_range (ctx, ds->trk_date[r]))
        {
          guint8 method = ctx->method[c];
          double incremental = method ? revenue * ctx->k[c] : 0;
          double covered_spend = method ? spend : 0;
          guint32 values[N_ROW_DIMS] = {
            ds->trk_brand[r], ds->trk_product[r], c, ds->trk_source[r], ds->trk_date[r] - day0,
          };

          group_add_row (out, orders, revenue, spend, incremental, covered_spend, method);
          for (guint k = 0; k < ctx->n_active; k++)
            {
              guint d = ctx->active[k];
              sums_add (acc, d, values[d], 1, orders, revenue, spend, incremental, covered_spend, method);
            }
          if (method == HK_IROAS_USED_HOLDOUT)
            acc->test_incremental[engine->campaign_test[c]] += incremental;
        }

      if (dynamic)
        for (guint p = 0; p < n_pay; p++)
          {
            const Payout *po = &payouts[p];

            if (po->alloc != ALLOC_POSTS || !row_in_scope (ds, po, r))
              continue;
            for (guint m = 0; m < N_MASKS; m++)
              if ((po->masks & (1 << m)) && passes_lacking (ctx, pass, m))
                {
                  numerator[p][m] += revenue;
                  if (ctx->method[c])
                    covered[p][m] += revenue;
                }
          }
    }

  /* Posts count whole when the attributes they have pass; their spend is
   * scaled by the part of their payout row's revenue that passes what they lack. */
  for (guint q = ds->post_start[i]; q < ds->post_start[i + 1]; q++)
    {
      guint32 b = ds->post_brand[q], c = ds->post_campaign[q];
      guint m = post_mask (ds, q);
      guint32 dv = ds->post_date[q] - day0;

      if ((b != 0 && !allows (ctx, ROW_BRAND, b)) ||
          (c != 0 && !allows (ctx, ROW_CAMPAIGN, c)) || !day_in_range (ctx, ds->post_date[q]))
        continue;

      group_add_post (out, ds, q);
      post_to_group (acc, ROW_DAY, dv, ds, q);
      if (b)
        post_to_group (acc, ROW_BRAND, b, ds, q);
      else
        group_add_post (&acc->lacking[ROW_BRAND], ds, q);
      if (c)
        post_to_group (acc, ROW_CAMPAIGN, c, ds, q);
      else
        group_add_post (&acc->lacking[ROW_CAMPAIGN], ds, q);
      group_add_post (&acc->lacking[ROW_PRODUCT], ds, q);
      group_add_post (&acc->lacking[ROW_SOURCE], ds, q);

      for (guint p = 0; p < n_pay; p++)
        {
          const Payout *po = &payouts[p];
          double spend = po->share, covered_spend;
          guint8 method;

          if (po->alloc != ALLOC_POSTS || !post_in_scope (ds, po, q))
            continue;
          lacking_spend[p][m] += po->share;
          if (dynamic && filters_lacking (ctx, m))
            spend *= po->scope_revenue > 0 ? numerator[p][m] / po->scope_revenue : 0;
          if (c != 0)
            method = ctx->method[c];
          else if (ctx->options.method == HK_IROAS_HOLDOUT)
            method = covered[p][m] != 0 ? HK_IROAS_USED_HOLDOUT : 0;
          else
            method = ctx->unallocated_method;
          covered_spend = c != 0 ? (method ? spend : 0) :
                          ctx->options.method == HK_IROAS_HOLDOUT ?
                            (numerator[p][m] != 0 ? spend * covered[p][m] / numerator[p][m] : 0) : spend;

          out->spend += spend;
          out->incremental_spend += covered_spend;
          out->methods |= method;
          spread_spend (acc, ROW_DAY, dv, spend, covered_spend, method);
          if (b)
            spread_spend (acc, ROW_BRAND, b, spend, covered_spend, method);
          if (c)
            spread_spend (acc, ROW_CAMPAIGN, c, spend, covered_spend, method);
        }
    }

  /* Post spend into the groups of what the posts lack (product and source
   * always), following the revenue of each value. */
  for (guint p = 0; p < n_pay && has_post_payouts; p++)
    {
      const Payout *po = &payouts[p];

      if (po->alloc != ALLOC_POSTS || !(po->scope_revenue > 0))
        continue;
      for (guint m = 0; m < N_MASKS; m++)
        {
          double per_rupee = lacking_spend[p][m] / po->scope_revenue;

          if (lacking_spend[p][m] == 0)
            continue;
          if (dynamic)
            {
              for (guint r = ds->trk_start[i]; r < ds->trk_start[i + 1]; r++)
                {
                  guint32 c = ds->trk_campaign[r];
                  guint8 method = ctx->method[c];
                  double a, ca;

                  if (!row_in_scope (ds, po, r) || !passes_lacking (ctx, row_pass_bits (ctx, ds, r), m))
                    continue;
                  a = per_rupee * ds->trk_revenue[r];
                  ca = method ? a : 0;
                  spread_spend (acc, ROW_PRODUCT, ds->trk_product[r], a, ca, method);
                  spread_spend (acc, ROW_SOURCE, ds->trk_source[r], a, ca, method);
                  if (m & LACKS_BRAND)
                    spread_spend (acc, ROW_BRAND, ds->trk_brand[r], a, ca, method);
                  if (m & LACKS_CAMPAIGN)
                    spread_spend (acc, ROW_CAMPAIGN, c, a, ca, method);
                }
              continue;
            }

          /* No filter on what these posts lack: the payout row's own shares,
           * and every campaign is covered by the method. */
          for (guint d = 0; d < N_DISTS; d++)
            {
              static const guint row_dim[N_DISTS] = { ROW_PRODUCT, ROW_SOURCE, ROW_BRAND, ROW_CAMPAIGN };

              if ((d == DIST_BRAND && !(m & LACKS_BRAND)) || (d == DIST_CAMPAIGN && !(m & LACKS_CAMPAIGN)))
                continue;
              for (guint e = po->dist[d]; e < po->dist[d + 1]; e++)
                {
                  const Share *sh = &g_array_index (engine->shares, Share, e);
                  double a = lacking_spend[p][m] * sh->fraction;
                  guint8 method = d == DIST_CAMPAIGN ? ctx->method[sh->code] : ctx->unallocated_method;

                  spread_spend (acc, row_dim[d], sh->code, a, method ? a : 0, method);
                }
            }
        }
    }

  if (!ctx->row_filter)
    {
      double u = engine->unallocated[i];

      out->spend += u;
      if (ctx->unallocated_method)
        {
          out->incremental_spend += u;
          out->methods |= ctx->unallocated_method;
        }
    }

  /* An amount that cannot be known leaves the whole spend unknown, filtered or not. */
  if (isnan (engine->unallocated[i]))
    out->spend = NAN;

  scratch_flush (acc);
  /* Its own ROAS: the influencer counts once in the means of its groups. */
  metrics_add_roas (out, out->revenue, out->spend);
}

/* ------------------------------------------------------------------------ */
/* Incrementality                                                           */

typedef struct {
  double exposed_revenue, exposed_sq;
  double holdout_revenue, holdout_sq;
} TestSums;

/* Per campaign in the selection: attributed revenue over every influencer, and
 * the holdout tests' per-user sums (their users' rows within the brand,
 * product and date filters: whichever source or influencer). */
static void
incrementality (Ctx        *ctx,
                HkAnalysis *analysis)
{
  HkEngine *engine = ctx->engine;
  HkDataset *ds = ctx->ds;
  HkAnalysisOptions *o = &ctx->options;
  guint n = engine->n_campaigns;
  g_autofree double *revenue = g_new0 (double, MAX (1, n));
  g_autofree TestSums *sums = g_new0 (TestSums, MAX (1, engine->tests->len));
  guint attributed = ds->trk_start[ds->n_influencers];
  gboolean use_tests = o->method == HK_IROAS_AUTO || o->method == HK_IROAS_HOLDOUT;
  guint n_tests_used = 0, n_fallback = 0;
  double s = o->organic_share;

  ctx->k = g_new0 (double, MAX (1, n));
  ctx->method = g_new0 (guint8, MAX (1, n));

  if (use_tests && engine->n_test_rows > 0)
    {
      /* Rows of one user in one group of one campaign are adjacent. */
      guint r0 = 0;

      while (r0 < engine->n_test_rows)
        {
          const TestRow *first = &engine->test_rows[r0];
          guint32 c = first->campaign, u = first->user;
          guint8 g = first->group;
          double x = 0;
          guint r1 = r0;

          for (; r1 < engine->n_test_rows; r1++)
            {
              const TestRow *t = &engine->test_rows[r1];

              if (t->campaign != c || t->group != g || t->user != u)
                break;
              if (allows (ctx, ROW_BRAND, t->brand) && allows (ctx, ROW_PRODUCT, t->product) &&
                  day_in_range (ctx, t->date))
                {
                  x += t->revenue;
                  /* Attributed revenue of the campaign, for sharing it out. */
                  if (t->attributed && allows (ctx, ROW_CAMPAIGN, c) && allows (ctx, ROW_SOURCE, t->source))
                    revenue[c] += t->revenue;
                }
            }
          if (g != HK_AB_NONE)
            {
              TestSums *ts = &sums[engine->campaign_test[c]];
              if (g == HK_AB_EXPOSED)
                ts->exposed_revenue += x, ts->exposed_sq += x * x;
              else
                ts->holdout_revenue += x, ts->holdout_sq += x * x;
            }
          r0 = r1;
        }
    }

  if (o->method == HK_IROAS_PRE_PERIOD && ctx->engine->n_days > 0)
    {
      /* A campaign's incremental revenue is its brand's revenue (every row,
       * within the product filter) on its days in the selection, less the
       * brand's daily revenue in the N days before it started. Its share of
       * that, as ever, follows its attributed revenue in the selection. */
      guint n_brands = hk_str_pool_get_size (ds->pools[HK_POOL_BRAND]);
      guint n_days = engine->n_days;
      g_autofree double *cum = g_new0 (double, (gsize) n_brands * (n_days + 1));

      for (guint r = 0; r < ds->n_tracking; r++)
        {
          guint32 c = ds->trk_campaign[r];

          if (allows (ctx, ROW_PRODUCT, ds->trk_product[r]))
            cum[(gsize) ds->trk_brand[r] * (n_days + 1) + (ds->trk_date[r] - ds->first_day) + 1] += ds->trk_revenue[r];
          if (r < attributed && allows (ctx, ROW_BRAND, ds->trk_brand[r]) &&
              allows (ctx, ROW_PRODUCT, ds->trk_product[r]) && allows (ctx, ROW_CAMPAIGN, c) &&
              allows (ctx, ROW_SOURCE, ds->trk_source[r]) && day_in_range (ctx, ds->trk_date[r]))
            revenue[c] += ds->trk_revenue[r];
        }
      for (guint b = 0; b < n_brands; b++)
        for (guint d = 0; d < n_days; d++)
          cum[(gsize) b * (n_days + 1) + d + 1] += cum[(gsize) b * (n_days + 1) + d];

      /* How many campaigns of each brand run on each day: a day's revenue
       * above baseline is split among them. */
      g_autofree guint16 *running = g_new0 (guint16, (gsize) n_brands * n_days);

      for (guint c = 1; c < n; c++)
        if (engine->campaign_first[c] != HK_DAY_NONE)
          for (gint32 d = engine->campaign_first[c]; d <= engine->campaign_last[c]; d++)
            running[(gsize) engine->campaign_brand[c] * n_days + (d - ds->first_day)]++;

      for (guint c = 0; c < n; c++)
        {
          gint32 start = engine->campaign_first[c], end = engine->campaign_last[c];
          gint32 w0, w1, d0, d1;
          guint32 b = engine->campaign_brand[c];
          const double *brand_cum = cum + (gsize) b * (n_days + 1);
          double baseline, incremental = 0;

          if (start == HK_DAY_NONE)
            continue;
          /* The N days before the campaign, as far as the data reaches. Rows
           * with no campaign have no period: the assumed share. */
          w0 = MAX (start - (gint32) o->pre_period_days, ds->first_day);
          w1 = start - 1;
          if (w1 < w0 || c == 0)
            {
              ctx->k[c] = 1 - s;
              ctx->method[c] = HK_IROAS_USED_ASSUMED;
              n_fallback++;
              continue;
            }
          baseline = (brand_cum[w1 - ds->first_day + 1] - brand_cum[w0 - ds->first_day]) / (w1 - w0 + 1);
          d0 = ctx->first_day == HK_DAY_NONE ? start : MAX (start, ctx->first_day);
          d1 = ctx->last_day == HK_DAY_NONE ? end : MIN (end, ctx->last_day);
          for (gint32 d = d0; d <= d1; d++)
            {
              gsize i = d - ds->first_day;
              incremental += (brand_cum[i + 1] - brand_cum[i] - baseline) / running[(gsize) b * n_days + i];
            }
          ctx->k[c] = revenue[c] != 0 ? incremental / revenue[c] : 0;
          ctx->method[c] = HK_IROAS_USED_PRE_PERIOD;
        }
    }

  for (guint c = 0; c < n; c++)
    {
      gint t = engine->campaign_test[c];

      if (ctx->method[c])
        continue;
      if (use_tests && t >= 0)
        {
          HoldoutTest *ht = &g_array_index (engine->tests, HoldoutTest, t);
          TestSums *ts = &sums[t];
          double ne = ht->exposed_users, nh = ht->holdout_users;
          double me = ts->exposed_revenue / ne, mh = ts->holdout_revenue / nh;
          double ve = ne > 1 ? MAX (0, (ts->exposed_sq - ne * me * me) / (ne - 1)) : 0;
          double vh = nh > 1 ? MAX (0, (ts->holdout_sq - nh * mh * mh) / (nh - 1)) : 0;
          double incremental = (me - mh) * ne;
          double se = ne * sqrt (ve / ne + vh / nh);
          TestResult *tr;

          ctx->k[c] = revenue[c] != 0 ? incremental / revenue[c] : 0;
          ctx->method[c] = HK_IROAS_USED_HOLDOUT;
          analysis->tests = g_renew (TestResult, analysis->tests, analysis->n_tests + 1);
          tr = &analysis->tests[analysis->n_tests++];
          tr->test = (HkHoldoutTest) { ht->name, ne, nh, ts->exposed_revenue, ts->holdout_revenue,
                                       incremental, incremental - 1.96 * se, incremental + 1.96 * se };
          tr->campaign = c;
          tr->se = se;
          n_tests_used++;
        }
      else if (o->method == HK_IROAS_AUTO || o->method == HK_IROAS_ASSUMED ||
               (o->method == HK_IROAS_PRE_PERIOD && engine->n_days == 0))
        {
          ctx->k[c] = 1 - s;
          ctx->method[c] = HK_IROAS_USED_ASSUMED;
        }
    }
  ctx->unallocated_method = o->method == HK_IROAS_HOLDOUT ? 0 :
                            o->method == HK_IROAS_PRE_PERIOD && engine->n_days > 0 ? HK_IROAS_USED_PRE_PERIOD :
                            HK_IROAS_USED_ASSUMED;

  switch (o->method)
    {
    case HK_IROAS_ASSUMED:
      analysis->iroas_label = g_strdup_printf (_("Assumed organic share %g%%"), s * 100);
      break;
    case HK_IROAS_PRE_PERIOD:
      if (n_fallback > 0)
        analysis->iroas_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "Pre-period baseline (%u days); assumed organic share %g%% for %u campaign without a pre-period",
                                                              "Pre-period baseline (%u days); assumed organic share %g%% for %u campaigns without a pre-period",
                                                              n_fallback),
                                                 o->pre_period_days, s * 100, n_fallback);
      else
        analysis->iroas_label = g_strdup_printf (_("Pre-period baseline (%u days)"), o->pre_period_days);
      break;
    case HK_IROAS_HOLDOUT:
      analysis->iroas_label = n_tests_used == 0 ? g_strdup (_("Holdout test: no campaign has one"))
                              : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "Holdout test (%u campaign); other campaigns have no iROAS",
                                                              "Holdout test (%u campaigns); other campaigns have no iROAS",
                                                              n_tests_used), n_tests_used);
      break;
    case HK_IROAS_AUTO:
    default:
      analysis->iroas_label = n_tests_used == 0
                              ? g_strdup_printf (_("Auto: assumed organic share %g%% (no holdout test)"), s * 100)
                              : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "Auto: holdout test for %u campaign, assumed organic share %g%% elsewhere",
                                                              "Auto: holdout test for %u campaigns, assumed organic share %g%% elsewhere",
                                                              n_tests_used), n_tests_used, s * 100);
      break;
    }
}

/* ------------------------------------------------------------------------ */
/* The pass                                                                 */

typedef struct {
  const Ctx  *ctx;
  Acc         acc;
  const guint *influencers;
  guint        n;
  HkMetrics   *out;
} Part;

static gpointer
run_part (gpointer data)
{
  Part *part = data;

  for (guint k = 0; k < part->n; k++)
    analyze_influencer (part->ctx, &part->acc, part->influencers[k], &part->out[k]);
  return NULL;
}

static gboolean
influencer_matches_search (HkDataset  *ds,
                           guint       i,
                           const char *needle_folded)
{
  g_autofree char *name = g_utf8_casefold (ds->inf_name[i], -1);
  g_autofree char *id = g_utf8_casefold (hk_str_pool_get (ds->pools[HK_POOL_ID], ds->inf_id[i]), -1);

  return strstr (name, needle_folded) != NULL || strstr (id, needle_folded) != NULL;
}

/* The pool code of a filter value as the importer would have read it:
 * trimmed, genders normalised, brands in any case; HK_STR_NONE if absent. */
static guint32
lookup_filter_value (HkDataset   *ds,
                     HkDimension  dim,
                     HkPool       pool,
                     const char  *value)
{
  gsize len = strlen (value);
  const char *gender;
  guint32 code;

  hk_trim (&value, &len);
  if (dim == HK_DIM_GENDER && (gender = hk_normalize_gender (value, len)) != NULL)
    {
      value = gender;
      len = strlen (gender);
    }
  code = hk_str_pool_lookup (ds->pools[pool], value, len);
  if (code == HK_STR_NONE && dim == HK_DIM_BRAND)
    for (guint32 k = 0; k < hk_str_pool_get_size (ds->pools[pool]); k++)
      {
        const char *brand = hk_str_pool_get (ds->pools[pool], k);

        if (strlen (brand) == len && g_ascii_strncasecmp (brand, value, len) == 0)
          return k;
      }
  return code;
}

/* A filter's values as a bitmap over a pool's codes; NULL when it allows all. */
static guint8 *
allow_map (HkDataset      *ds,
           const HkFilter *filter,
           HkDimension     dim)
{
  HkPool pool = pool_of_dimension (dim);
  const char * const *values = hk_filter_get_values (filter, dim);
  guint n = hk_str_pool_get_size (ds->pools[pool]);
  guint8 *map;

  if (values[0] == NULL)
    return NULL;
  map = g_new0 (guint8, MAX (1, n));
  for (guint i = 0; values[i]; i++)
    {
      guint32 code = lookup_filter_value (ds, dim, pool, values[i]);
      if (code != HK_STR_NONE)
        map[code] = 1;
    }
  return map;
}

static void
keep_influencers (Ctx *ctx)
{
  HkDataset *ds = ctx->ds;
  const char *search = hk_filter_get_search (ctx->filter);
  g_autofree char *needle = search ? g_utf8_casefold (search, -1) : NULL;
  guint8 tiers[HK_N_TIERS];
  const char * const *tier_values = hk_filter_get_values (ctx->filter, HK_DIM_TIER);

  ctx->keep = g_new (guint8, MAX (1, ds->n_influencers));
  memset (ctx->keep, 1, MAX (1, ds->n_influencers));

  for (HkDimension d = 0; d < HK_N_DIMS; d++)
    {
      g_autofree guint8 *map = NULL;
      const guint32 *codes;

      if (hk_dimension_storage[d].inf_codes == 0)
        continue;
      map = allow_map (ds, ctx->filter, d);
      codes = HK_DIMENSION_INF_CODES (ds, d);
      if (map)
        for (guint i = 0; i < ds->n_influencers; i++)
          ctx->keep[i] &= map[codes[i]];
    }
  if (tier_values[0])
    {
      memset (tiers, 0, sizeof tiers);
      for (guint k = 0; tier_values[k]; k++)
        {
          HkTier t;
          if (hk_tier_from_name (tier_values[k], &t))
            tiers[t] = 1;
        }
      for (guint i = 0; i < ds->n_influencers; i++)
        ctx->keep[i] &= tiers[ds->inf_tier[i]];
    }
  if (needle)
    for (guint i = 0; i < ds->n_influencers; i++)
      if (ctx->keep[i])
        ctx->keep[i] = influencer_matches_search (ds, i, needle);
}

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
  double roas;
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

static void
rank_influencers (HkAnalysis *analysis)
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
   * the first tenth. The top is the same order from the end, except that ties
   * of ROAS and revenue still go by ascending id. */
  g_qsort_with_data (keys, n, sizeof (RankKey), compare_rank, &rd);
  n_poor = (n + 9) / 10;
  analysis->poor = g_new (guint, MAX (1, n_poor));
  for (guint k = 0; k < n_poor; k++)
    analysis->poor[k] = keys[k].group;
  analysis->n_poor = n_poor;

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
      for (guint i = start; i < end && k < n_top; i++)
        analysis->top[k++] = keys[i].group;
      end = start;
    }
}

typedef struct {
  HkAnalysis *analysis;
  HkDimension dim;
} KeyData;

static int
compare_keys (gconstpointer pa,
              gconstpointer pb,
              gpointer      data)
{
  KeyData *kd = data;
  HkDataset *ds = kd->analysis->engine->ds;
  HkPool pool = pool_of_dimension (kd->dim);

  return strcmp (hk_str_pool_get (ds->pools[pool], *(const guint32 *) pa),
                 hk_str_pool_get (ds->pools[pool], *(const guint32 *) pb));
}

/* Keeps the groups with revenue, orders or spend (days: also posts and rows),
 * in key order. */
static void
collect_groups (HkAnalysis      *analysis,
                HkDimension      dim,
                const HkMetrics *all,
                guint            n_values,
                const HkMetrics *lacking)
{
  Groups *g = &analysis->groups[dim];
  g_autofree guint32 *codes = g_new (guint32, MAX (1, n_values));
  guint n = 0;

  for (guint v = 0; v < n_values; v++)
    {
      const HkMetrics *m = &all[v];
      if (m->revenue != 0 || m->orders != 0 || m->spend != 0 ||
          (dim == HK_DIM_DAY && (m->posts > 0 || m->tracking_rows > 0)))
        codes[n++] = v;
    }
  if (dim != HK_DIM_DAY && dim != HK_DIM_TIER)
    {
      KeyData kd = { analysis, dim };
      g_qsort_with_data (codes, n, sizeof (guint32), compare_keys, &kd);
    }
  g->n = n;
  g->codes = g_memdup2 (codes, sizeof (guint32) * MAX (1, n));
  g->metrics = g_new (HkMetrics, MAX (1, n));
  for (guint k = 0; k < n; k++)
    {
      g->metrics[k] = all[codes[k]];
      if (lacking)
        {
          g->metrics[k].posts += lacking->posts;
          g->metrics[k].reach += lacking->reach;
          g->metrics[k].likes += lacking->likes;
          g->metrics[k].comments += lacking->comments;
        }
    }
  if (dim == HK_DIM_DAY)
    {
      analysis->day_keys = g_new0 (char *, n + 1);
      for (guint k = 0; k < n; k++)
        {
          analysis->day_keys[k] = g_malloc (HK_DATE_ISO_LEN);
          hk_date_format_iso (analysis->engine->ds->first_day + (gint32) codes[k], analysis->day_keys[k]);
        }
    }
}

/* A missing table's sums are undefined, never 0 (DESIGN.md §3). */
static void
metrics_mark_missing (HkMetrics *m,
                      gboolean   no_posts,
                      gboolean   no_payouts)
{
  if (no_posts)
    m->posts = m->reach = m->likes = m->comments = NAN;
  if (no_payouts)
    m->spend = m->incremental_spend = NAN;
}

static void
mark_missing_tables (HkAnalysis *analysis)
{
  HkDataset *ds = analysis->engine->ds;
  gboolean no_posts = !hk_dataset_has_table (ds, HK_TABLE_POSTS);
  gboolean no_payouts = !hk_dataset_has_table (ds, HK_TABLE_PAYOUTS);

  if (!no_posts && !no_payouts)
    return;
  metrics_mark_missing (&analysis->totals, no_posts, no_payouts);
  for (guint d = 0; d < HK_N_DIMS; d++)
    for (guint k = 0; k < analysis->groups[d].n; k++)
      metrics_mark_missing (&analysis->groups[d].metrics[k], no_posts, no_payouts);
  if (no_payouts)
    analysis->unallocated = NAN;
}

HkAnalysis *
hk_engine_analyze (HkEngine                *self,
                   const HkFilter          *filter,
                   const HkAnalysisOptions *options)
{
  HkDataset *ds;
  HkAnalysis *analysis;
  Ctx ctx = { 0 };
  Part parts[2];
  GThread *thread = NULL;
  g_autofree guint *kept = NULL;
  g_autofree HkMetrics *inf_metrics = NULL;
  g_autofree double *test_incremental = NULL;
  guint n_kept = 0, n_parts;
  guint64 work = 0, half = 0;
  guint split;
  g_return_val_if_fail (HK_IS_ENGINE (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  ds = self->ds;
  analysis = g_new0 (HkAnalysis, 1);
  g_atomic_ref_count_init (&analysis->ref_count);
  analysis->engine = g_object_ref (self);
  analysis->filter = hk_filter_copy (filter);
  if (options)
    analysis->options = *options;
  else
    hk_analysis_options_init (&analysis->options);

  ctx.engine = self;
  ctx.ds = ds;
  ctx.filter = filter;
  ctx.options = analysis->options;
  ctx.allow[ROW_BRAND] = allow_map (ds, filter, HK_DIM_BRAND);
  ctx.allow[ROW_PRODUCT] = allow_map (ds, filter, HK_DIM_PRODUCT);
  ctx.allow[ROW_CAMPAIGN] = allow_map (ds, filter, HK_DIM_CAMPAIGN);
  ctx.allow[ROW_SOURCE] = allow_map (ds, filter, HK_DIM_SOURCE);
  hk_filter_get_date_range (filter, &ctx.first_day, &ctx.last_day);
  ctx.range_first = ctx.first_day == HK_DAY_NONE ? G_MININT32 : ctx.first_day;
  ctx.range_span = (guint32) ((gint64) (ctx.last_day == HK_DAY_NONE ? G_MAXINT32 : ctx.last_day) - ctx.range_first);
  ctx.value_filters = ctx.allow[ROW_BRAND] || ctx.allow[ROW_PRODUCT] ||
                      ctx.allow[ROW_CAMPAIGN] || ctx.allow[ROW_SOURCE];
  ctx.row_filter = hk_filter_has_row_filter (filter);
  ctx.n_values[ROW_BRAND] = hk_str_pool_get_size (ds->pools[HK_POOL_BRAND]);
  ctx.n_values[ROW_PRODUCT] = hk_str_pool_get_size (ds->pools[HK_POOL_PRODUCT]);
  ctx.n_values[ROW_CAMPAIGN] = hk_str_pool_get_size (ds->pools[HK_POOL_CAMPAIGN]);
  ctx.n_values[ROW_SOURCE] = hk_str_pool_get_size (ds->pools[HK_POOL_SOURCE]);
  ctx.n_values[ROW_DAY] = self->n_days;
  for (guint d = 0; d < N_ROW_DIMS; d++)
    if (analysis->options.row_dimensions & (1u << row_dims[d]))
      {
        ctx.row_dims |= 1 << d;
        ctx.active[ctx.n_active++] = d;
      }
  /* Post spend needs the rows passing the filters of what posts lack. Brand
   * and campaign filters only matter where some post lacks them; the holdout
   * method needs to know which campaigns each post's revenue came from. */
  ctx.dynamic_shares = ctx.allow[ROW_PRODUCT] || ctx.allow[ROW_SOURCE] ||
                       ctx.allow[ROW_BRAND] || ctx.allow[ROW_CAMPAIGN] ||
                       analysis->options.method == HK_IROAS_HOLDOUT;
  keep_influencers (&ctx);
  incrementality (&ctx, analysis);

  kept = g_new (guint, MAX (1, ds->n_influencers));
  for (guint i = 0; i < ds->n_influencers; i++)
    if (ctx.keep[i])
      {
        kept[n_kept++] = i;
        analysis->unallocated += self->unallocated[i];
        work += 16 + (ds->trk_start[i + 1] - ds->trk_start[i]) + (ds->post_start[i + 1] - ds->post_start[i]);
      }
  inf_metrics = g_new (HkMetrics, MAX (1, n_kept));

  /* Two parts with about equal rows; the second on its own thread. */
  split = n_kept;
  if (work > 20000)
    for (split = 0; split < n_kept && half < work / 2; split++)
      {
        guint i = kept[split];
        half += 16 + (ds->trk_start[i + 1] - ds->trk_start[i]) + (ds->post_start[i + 1] - ds->post_start[i]);
      }
  n_parts = split < n_kept ? 2 : 1;
  for (guint p = 0; p < n_parts; p++)
    {
      parts[p].ctx = &ctx;
      acc_init (&parts[p].acc, &ctx);
      parts[p].influencers = p == 0 ? kept : kept + split;
      parts[p].n = p == 0 ? split : n_kept - split;
      parts[p].out = p == 0 ? inf_metrics : inf_metrics + split;
    }
  if (n_parts == 2)
    thread = g_thread_new ("hk-analyze", run_part, &parts[1]);
  run_part (&parts[0]);
  if (thread)
    g_thread_join (thread);

  /* Merge the parts' row groups. */
  for (guint d = 0; d < N_ROW_DIMS; d++)
    {
      if (parts[0].acc.groups[d] == NULL)
        continue;
      if (n_parts == 2)
        {
          for (guint v = 0; v < ctx.n_values[d]; v++)
            hk_metrics_add (&parts[0].acc.groups[d][v], &parts[1].acc.groups[d][v]);
          hk_metrics_add (&parts[0].acc.lacking[d], &parts[1].acc.lacking[d]);
        }
      collect_groups (analysis, row_dims[d], parts[0].acc.groups[d], ctx.n_values[d],
                      d == ROW_DAY ? NULL : &parts[0].acc.lacking[d]);
    }
  test_incremental = g_new0 (double, MAX (1, self->tests->len));
  /* Under a row filter an influencer is part of the selection only through
   * a post, an attributed row or spend there. */
  if (ctx.row_filter)
    {
      guint n = 0;

      for (guint k = 0; k < n_kept; k++)
        {
          const HkMetrics *m = &inf_metrics[k];

          if (m->posts > 0 || m->tracking_rows > 0 || m->spend != 0)
            {
              kept[n] = kept[k];
              inf_metrics[n++] = *m;
            }
        }
      n_kept = n;
    }
  for (guint p = 0; p < n_parts; p++)
    {
      for (guint t = 0; t < self->tests->len; t++)
        test_incremental[t] += parts[p].acc.test_incremental[t];
      acc_clear (&parts[p].acc);
    }

  /* Influencers, their attribute groups and the totals. */
  analysis->groups[HK_DIM_INFLUENCER].n = n_kept;
  analysis->groups[HK_DIM_INFLUENCER].codes = g_memdup2 (kept, sizeof (guint) * MAX (1, n_kept));
  analysis->groups[HK_DIM_INFLUENCER].metrics = g_steal_pointer (&inf_metrics);
  analysis->group_of_influencer = g_new (gint, MAX (1, ds->n_influencers));
  for (guint i = 0; i < ds->n_influencers; i++)
    analysis->group_of_influencer[i] = -1;
  for (guint k = 0; k < n_kept; k++)
    {
      analysis->group_of_influencer[kept[k]] = k;
      hk_metrics_add (&analysis->totals, &analysis->groups[HK_DIM_INFLUENCER].metrics[k]);
    }
  for (HkDimension dim = 0; dim < HK_N_DIMS; dim++)
    {
      guint n_values;
      g_autofree HkMetrics *all = NULL;

      if (hk_dimension_storage[dim].inf_codes == 0 && dim != HK_DIM_TIER)
        continue;
      n_values = dim == HK_DIM_TIER ? HK_N_TIERS : hk_str_pool_get_size (ds->pools[hk_dimension_storage[dim].pool]);
      all = g_new0 (HkMetrics, MAX (1, n_values));
      for (guint k = 0; k < n_kept; k++)
        {
          guint i = kept[k];
          guint32 v = dim == HK_DIM_TIER ? ds->inf_tier[i] : HK_DIMENSION_INF_CODES (ds, dim)[i];
          hk_metrics_add (&all[v], &analysis->groups[HK_DIM_INFLUENCER].metrics[k]);
        }
      collect_groups (analysis, dim, all, n_values, NULL);
    }

  /* The selection's interval from the holdout tests that feed it. */
  if (analysis->n_tests > 0 && analysis->totals.incremental_spend > 0)
    {
      double var = 0;

      /* A test's share in the selection is the part of its incremental
       * revenue that the kept rows carry. */
      for (guint t = 0; t < analysis->n_tests; t++)
        {
          TestResult *tr = &analysis->tests[t];
          double in_selection = test_incremental[self->campaign_test[tr->campaign]];
          double kept_share = tr->test.incremental_revenue != 0 ? in_selection / tr->test.incremental_revenue : 0;

          var += (tr->se * kept_share) * (tr->se * kept_share);
        }
      analysis->has_interval = TRUE;
      analysis->iroas_low = (analysis->totals.incremental_revenue - 1.96 * sqrt (var)) / analysis->totals.incremental_spend;
      analysis->iroas_high = (analysis->totals.incremental_revenue + 1.96 * sqrt (var)) / analysis->totals.incremental_spend;
    }

  mark_missing_tables (analysis);
  rank_influencers (analysis);

  for (guint d = 0; d < N_ROW_DIMS; d++)
    g_free (ctx.allow[d]);
  g_free (ctx.keep);
  g_free (ctx.k);
  g_free (ctx.method);
  return analysis;
}
