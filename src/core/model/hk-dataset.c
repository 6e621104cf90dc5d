/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hk-big.h"
#include "hk-csv-writer.h"
#include "hk-file-writer.h"
#include "hk-dataset-private.h"
#include "hk-date.h"
#include "hk-schema.h"
#include "hk-snapshot-private.h"
#include "hk-text-arena.h"

G_DEFINE_FINAL_TYPE (HkDataset, hk_dataset, G_TYPE_OBJECT)

/* The original project's product catalogue: the only products whose brand is
 * known by name alone. */
static const struct {
  const char *product;
  const char *brand;
} catalogue[] = {
  { "Whey Gold", "MuscleBlaze" },
  { "Creatine", "MuscleBlaze" },
  { "Multivitamin", "HKVitals" },
  { "Biotin", "HKVitals" },
  { "SuperMilk", "Gritzo" },
  { "ProteinShake", "Gritzo" },
};

/* Whether mem is part of the mapped snapshot (not to be freed). */
static gboolean
in_snapshot (HkDataset     *self,
             gconstpointer  mem)
{
  gsize size;
  const char *base;

  if (self->snapshot == NULL || mem == NULL)
    return FALSE;
  base = g_bytes_get_data (self->snapshot, &size);
  return (const char *) mem >= base && (const char *) mem <= base + size;
}

static void
hk_dataset_finalize (GObject *object)
{
  HkDataset *self = HK_DATASET (object);

  /* Every column (hk-snapshot.c lists them), unless it is in the snapshot. */
  for (guint c = 0; c < hk_snapshot_n_columns; c++)
    {
      gpointer *column = &HK_SNAP_COLUMN_PTR (self, c);

      if (!in_snapshot (self, *column))
        {
          if (hk_snapshot_columns[c].g_free)
            g_free (*column);
          else
            hk_big_free (*column);
        }
      *column = NULL;
    }

  for (guint p = 0; p < HK_N_POOLS; p++)
    hk_str_pool_free (self->pools[p]);
  g_ptr_array_unref (self->texts);
  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      HkTableData *td = &self->tables[t];

      g_free (td->file_name);
      if (td->header)
        g_ptr_array_unref (td->header);
      for (guint e = 0; td->extras && e < td->extras->len; e++)
        {
          HkExtraColumn *col = td->extras->pdata[e];
          g_free (col->name);
          hk_str_pool_free (col->pool);
          if (!in_snapshot (self, col->cells))
            hk_big_free (col->cells);
          g_free (col);
        }
      if (td->extras)
        g_ptr_array_unref (td->extras);
      g_free (td->extra_names);
    }
  g_clear_pointer (&self->report, hk_import_report_free);
  g_free (self->folder);
  g_free (self->location);
  if (!in_snapshot (self, self->row_counts))
    g_free (self->row_counts);
  g_clear_pointer (&self->snapshot, g_bytes_unref);
  g_clear_pointer (&self->user_ids, g_hash_table_unref);
  g_mutex_clear (&self->user_ids_lock);

  G_OBJECT_CLASS (hk_dataset_parent_class)->finalize (object);
}

static void
hk_dataset_class_init (HkDatasetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hk_dataset_finalize;
}

static void
hk_dataset_init (HkDataset *self)
{
  for (guint p = 0; p < HK_N_POOLS; p++)
    self->pools[p] = hk_str_pool_new ();
  self->texts = g_ptr_array_new_with_free_func ((GDestroyNotify) hk_text_arena_free);
  g_mutex_init (&self->user_ids_lock);
  self->first_day = self->last_day = HK_DAY_NONE;
  for (guint t = 0; t < HK_N_TABLES; t++)
    for (guint r = 0; r < HK_MAX_ROLES; r++)
      self->tables[t].field_of_role[r] = -1;
}

HkDataset *
hk_dataset_new_empty (void)
{
  return g_object_new (HK_TYPE_DATASET, NULL);
}

/* ------------------------------------------------------------------------ */
/* Derived values                                                           */

/* One spelling per brand, compared case-insensitively: the three known brands'
 * own, else the first met in the data. Returns the map from old codes to new
 * ones, which tracking rows still need (see finish_tracking()). */
static guint32 *
canonicalize_brands (HkDataset  *self,
                     GHashTable *by_folded)
{
  HkStrPool *old = self->pools[HK_POOL_BRAND];
  HkStrPool *canon = hk_str_pool_new ();
  guint n = hk_str_pool_get_size (old);
  guint32 *map = g_new (guint32, n);

  for (guint i = 0; i < G_N_ELEMENTS (hk_known_brands); i++)
    {
      guint32 code = hk_str_pool_intern (canon, hk_known_brands[i], strlen (hk_known_brands[i]));
      g_hash_table_insert (by_folded, g_ascii_strdown (hk_known_brands[i], -1), GUINT_TO_POINTER (code));
    }
  map[0] = 0;
  for (guint c = 1; c < n; c++)
    {
      const char *s = hk_str_pool_get (old, c);
      g_autofree char *folded = g_ascii_strdown (s, -1);
      gpointer code;

      if (!g_hash_table_lookup_extended (by_folded, folded, NULL, &code))
        {
          code = GUINT_TO_POINTER (hk_str_pool_intern (canon, s, strlen (s)));
          g_hash_table_insert (by_folded, g_steal_pointer (&folded), code);
        }
      map[c] = GPOINTER_TO_UINT (code);
    }

  for (guint r = 0; r < self->n_posts; r++)
    self->post_brand[r] = map[self->post_brand[r]];
  for (guint r = 0; r < self->n_payouts; r++)
    self->pay_brand[r] = map[self->pay_brand[r]];
  for (guint r = 0; r < self->n_holdout; r++)
    self->ho_brand[r] = map[self->ho_brand[r]];

  hk_str_pool_free (old);
  self->pools[HK_POOL_BRAND] = canon;
  return map;
}

static guint32
lookup_brand (GHashTable *by_folded,
              const char *name,
              gsize       len)
{
  g_autofree char *folded = g_ascii_strdown (name, len);

  return GPOINTER_TO_UINT (g_hash_table_lookup (by_folded, folded));
}

/* A tracking row without a brand cell takes its product's brand (by catalogue
 * name, or a name starting with a known brand and a space), else its campaign's
 * (the text before the first '_' when that is a known brand); the others take
 * their brand's canonical code (brand_map, from canonicalize_brands()). One
 * pass over the rows, which also finds their date range: tracking is most of
 * the dataset. */
static void
finish_tracking (HkDataset     *self,
                 GHashTable    *by_folded,
                 const guint32 *brand_map,
                 gint32        *first_day,
                 gint32        *last_day)
{
  HkStrPool *brands = self->pools[HK_POOL_BRAND];
  HkStrPool *products = self->pools[HK_POOL_PRODUCT];
  HkStrPool *campaigns = self->pools[HK_POOL_CAMPAIGN];
  guint n_products = hk_str_pool_get_size (products);
  guint n_campaigns = hk_str_pool_get_size (campaigns);
  g_autofree guint16 *product_brand = g_new0 (guint16, n_products);
  g_autofree guint16 *campaign_brand = g_new0 (guint16, n_campaigns);

  for (guint p = 1; p < n_products; p++)
    {
      const char *name = hk_str_pool_get (products, p);

      for (guint i = 0; i < G_N_ELEMENTS (catalogue) && !product_brand[p]; i++)
        if (g_ascii_strcasecmp (name, catalogue[i].product) == 0)
          product_brand[p] = lookup_brand (by_folded, catalogue[i].brand, -1);
      for (guint b = 1; b < hk_str_pool_get_size (brands) && !product_brand[p]; b++)
        {
          const char *brand = hk_str_pool_get (brands, b);
          gsize len = strlen (brand);

          if (g_ascii_strncasecmp (name, brand, len) == 0 && name[len] == ' ')
            product_brand[p] = b;
        }
    }
  for (guint c = 1; c < n_campaigns; c++)
    {
      const char *name = hk_str_pool_get (campaigns, c);
      const char *underscore = strchr (name, '_');

      campaign_brand[c] = lookup_brand (by_folded, name, underscore ? underscore - name : -1);
    }

  for (guint r = 0; r < self->n_tracking; r++)
    {
      if (self->trk_flags[r] & HK_TRACKING_FLAG_BRAND_DERIVED)
        {
          guint16 b = product_brand[self->trk_product[r]];
          self->trk_brand[r] = b ? b : campaign_brand[self->trk_campaign[r]];
        }
      else
        self->trk_brand[r] = brand_map[self->trk_brand[r]];
      *first_day = MIN (*first_day, self->trk_date[r]);
      *last_day = MAX (*last_day, self->trk_date[r]);
    }
}

static void
derive_personas (HkDataset *self)
{
  HkStrPool *personas = self->pools[HK_POOL_PERSONA];
  /* Few category and gender pairs: each persona is written once. */
  g_autoptr(GHashTable) by_pair = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < self->n_influencers; i++)
    {
      gint64 key = ((gint64) self->inf_category[i] << 32) | self->inf_gender[i];
      gpointer code;

      if (self->inf_persona[i] != 0)
        continue;
      if (!g_hash_table_lookup_extended (by_pair, &key, NULL, &code))
        {
          const char *category = hk_str_pool_get (self->pools[HK_POOL_CATEGORY], self->inf_category[i]);
          const char *gender = hk_str_pool_get (self->pools[HK_POOL_GENDER], self->inf_gender[i]);
          g_autofree char *persona = g_strdup_printf ("%s · %s", *category ? category : "Unknown",
                                                      *gender ? gender : "Unknown");

          code = GUINT_TO_POINTER (hk_str_pool_intern (personas, persona, strlen (persona)));
          g_hash_table_insert (by_pair, g_memdup2 (&key, sizeof key), code);
        }
      self->inf_persona[i] = GPOINTER_TO_UINT (code);
    }
}


void
hk_dataset_finish (HkDataset *self)
{
  g_autoptr(GHashTable) by_folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree guint32 *brand_map = NULL;
  guint n_starts = self->n_influencers + 3;
  gint32 first = G_MAXINT32, last = G_MININT32;

  /* A missing table is an empty one: every group starts at 0. */
  if (self->post_start == NULL)
    self->post_start = g_new0 (guint, n_starts);
  if (self->trk_start == NULL)
    self->trk_start = g_new0 (guint, n_starts);
  if (self->pay_start == NULL)
    self->pay_start = g_new0 (guint, n_starts);

  brand_map = canonicalize_brands (self, by_folded);
  finish_tracking (self, by_folded, brand_map, &first, &last);
  derive_personas (self);
  self->inf_tier = g_new (guint8, MAX (1, self->n_influencers));
  for (guint i = 0; i < self->n_influencers; i++)
    self->inf_tier[i] = hk_tier_for_followers (self->inf_followers[i]);

  /* Over posts and tracking. */
  for (guint r = 0; r < self->n_posts; r++)
    first = MIN (first, self->post_date[r]), last = MAX (last, self->post_date[r]);
  if (first <= last)
    {
      self->first_day = first;
      self->last_day = last;
    }

  /* User ids are many (a third of the tracking rows in a typical file) and
   * only ever read by code from now on: their hash index would cost more
   * than the strings. */
  hk_str_pool_freeze (self->pools[HK_POOL_USER]);
  self->memory = hk_dataset_get_memory_size (self);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */

const char *
hk_dataset_get_folder (HkDataset *self)
{
  g_return_val_if_fail (HK_IS_DATASET (self), NULL);
  return self->folder;
}

const char *
hk_dataset_get_location (HkDataset *self)
{
  g_return_val_if_fail (HK_IS_DATASET (self), NULL);
  return self->location;
}

HkImportReport *
hk_dataset_get_report (HkDataset *self)
{
  g_return_val_if_fail (HK_IS_DATASET (self), NULL);
  return self->report;
}

gboolean
hk_dataset_has_table (HkDataset *self,
                      HkTable    table)
{
  g_return_val_if_fail (HK_IS_DATASET (self), FALSE);
  return self->tables[table].present;
}

guint
hk_dataset_get_n_rows (HkDataset *self,
                       HkTable    table)
{
  g_return_val_if_fail (HK_IS_DATASET (self), 0);
  return table == HK_TABLE_INFLUENCERS ? self->n_influencers : self->tables[table].n_rows;
}

guint64
hk_dataset_get_n_source_rows (HkDataset *self,
                              HkTable    table)
{
  guint64 n = 0;

  g_return_val_if_fail (HK_IS_DATASET (self), 0);
  if (table != HK_TABLE_TRACKING || self->trk_rows == NULL)
    return hk_dataset_get_n_rows (self, table);
  for (guint r = 0; r < self->n_tracking; r++)
    n += self->trk_rows[r];
  return n;
}

guint
hk_dataset_get_n_influencers (HkDataset *self)
{
  g_return_val_if_fail (HK_IS_DATASET (self), 0);
  return self->n_influencers;
}

gboolean
hk_dataset_get_date_range (HkDataset *self,
                           gint32    *first_day,
                           gint32    *last_day)
{
  g_return_val_if_fail (HK_IS_DATASET (self), FALSE);
  if (first_day)
    *first_day = self->first_day;
  if (last_day)
    *last_day = self->last_day;
  return self->first_day != HK_DAY_NONE;
}

void
hk_value_count_free (HkValueCount *value)
{
  g_free (value->value);
  g_free (value);
}

static int
compare_values (gconstpointer a,
                gconstpointer b)
{
  const HkValueCount *va = *(HkValueCount **) a, *vb = *(HkValueCount **) b;

  return strcmp (va->value, vb->value);
}

const HkDimensionStorage hk_dimension_storage[HK_N_DIMS] = {
  [HK_DIM_INFLUENCER] = { HK_N_POOLS, 0 },
  [HK_DIM_PLATFORM] = { HK_POOL_PLATFORM, G_STRUCT_OFFSET (HkDataset, inf_platform) },
  [HK_DIM_CATEGORY] = { HK_POOL_CATEGORY, G_STRUCT_OFFSET (HkDataset, inf_category) },
  [HK_DIM_PERSONA] = { HK_POOL_PERSONA, G_STRUCT_OFFSET (HkDataset, inf_persona) },
  [HK_DIM_GENDER] = { HK_POOL_GENDER, G_STRUCT_OFFSET (HkDataset, inf_gender) },
  [HK_DIM_CITY] = { HK_POOL_CITY, G_STRUCT_OFFSET (HkDataset, inf_city) },
  [HK_DIM_AGE_GROUP] = { HK_POOL_AGE_GROUP, G_STRUCT_OFFSET (HkDataset, inf_age_group) },
  [HK_DIM_TIER] = { HK_N_POOLS, 0 },
  [HK_DIM_BRAND] = { HK_POOL_BRAND, 0 },
  [HK_DIM_PRODUCT] = { HK_POOL_PRODUCT, 0 },
  [HK_DIM_CAMPAIGN] = { HK_POOL_CAMPAIGN, 0 },
  [HK_DIM_SOURCE] = { HK_POOL_SOURCE, 0 },
  [HK_DIM_DAY] = { HK_N_POOLS, 0 },
};

/* A column's value size is its element's. */
#define STORE(field) { G_STRUCT_OFFSET (HkDataset, field), sizeof (*((HkDataset *) NULL)->field), FALSE }
#define STORE_IF_PRESENT(field) { G_STRUCT_OFFSET (HkDataset, field), sizeof (*((HkDataset *) NULL)->field), TRUE }
#define GROUP { 0, 0, FALSE }

const HkColumnStorage hk_column_storage[HK_N_TABLES][HK_MAX_ROLES] = {
  [HK_TABLE_INFLUENCERS] = {
    [INF_ID] = STORE (inf_id),
    [INF_NAME] = STORE (inf_name),
    [INF_CATEGORY] = STORE (inf_category),
    [INF_GENDER] = STORE (inf_gender),
    [INF_FOLLOWERS] = STORE (inf_followers),
    [INF_PLATFORM] = STORE (inf_platform),
    [INF_CITY] = STORE (inf_city),
    [INF_AGE_GROUP] = STORE (inf_age_group),
    [INF_PERSONA] = STORE (inf_persona),
  },
  [HK_TABLE_POSTS] = {
    [POST_INFLUENCER] = GROUP,
    [POST_PLATFORM] = STORE (post_platform),
    [POST_DATE] = STORE (post_date),
    [POST_URL] = STORE (post_url),
    [POST_CAPTION] = STORE (post_caption),
    [POST_REACH] = STORE (post_reach),
    [POST_LIKES] = STORE (post_likes),
    [POST_COMMENTS] = STORE (post_comments),
    [POST_ID] = STORE_IF_PRESENT (post_id),
    [POST_BRAND] = STORE (post_brand),
    [POST_CAMPAIGN] = STORE (post_campaign),
  },
  [HK_TABLE_TRACKING] = {
    [TRK_SOURCE] = STORE (trk_source),
    [TRK_CAMPAIGN] = STORE (trk_campaign),
    [TRK_INFLUENCER] = GROUP,
    [TRK_USER] = STORE (trk_user),
    [TRK_PRODUCT] = STORE (trk_product),
    [TRK_DATE] = STORE (trk_date),
    [TRK_ORDERS] = STORE (trk_orders),
    [TRK_REVENUE] = STORE (trk_revenue),
    [TRK_BRAND] = STORE (trk_brand),
    [TRK_CITY] = STORE_IF_PRESENT (trk_city),
    [TRK_AB] = STORE (trk_flags),
  },
  [HK_TABLE_PAYOUTS] = {
    [PAY_INFLUENCER] = GROUP,
    [PAY_BASIS] = STORE (pay_basis),
    [PAY_RATE] = STORE (pay_rate),
    [PAY_ORDERS] = STORE (pay_orders),
    [PAY_TOTAL] = STORE (pay_total),
    [PAY_POSTS] = STORE (pay_posts),
    [PAY_CAMPAIGN] = STORE (pay_campaign),
    [PAY_BRAND] = STORE (pay_brand),
  },
  [HK_TABLE_HOLDOUT] = {
    [HO_CAMPAIGN] = STORE (ho_campaign),
    [HO_GROUP] = STORE (ho_group),
    [HO_USERS] = STORE (ho_users),
    [HO_BRAND] = STORE (ho_brand),
    [HO_START] = STORE (ho_start),
    [HO_END] = STORE (ho_end),
  },
};

static const HkPool row_pools[] = { HK_POOL_BRAND, HK_POOL_PRODUCT, HK_POOL_CAMPAIGN, HK_POOL_SOURCE };

/* Where a row dimension's counts start in row_counts. */
static gsize
row_offset (HkDataset   *self,
            HkDimension  dim)
{
  gsize offset = 0;

  for (guint k = 0; k < dim - HK_DIM_BRAND; k++)
    offset += hk_str_pool_get_size (self->pools[row_pools[k]]);
  return offset;
}

static inline void
add_rows (guint64 *count,
          guint64  rows)
{
  *count = (*count == G_MAXUINT64 ? 0 : *count) + rows;
}

/* The values of the four row attributes, in one pass over the rows the first
 * time one is asked for: the app's loader asks on its thread, so that the
 * filter sidebar does not walk millions of rows on the UI thread. Attributed
 * tracking rows are counted; a brand or campaign only posts have is listed
 * too, with no row. */
const guint64 *
hk_dataset_get_row_counts (HkDataset *self,
                           gsize     *n)
{
  gsize total = row_offset (self, HK_DIM_SOURCE) + hk_str_pool_get_size (self->pools[HK_POOL_SOURCE]);

  if (n)
    *n = total;
  if (g_once_init_enter (&self->row_counts))
    {
      guint64 *counts = g_new (guint64, MAX (1, total));
      guint64 *brand = counts, *product = counts + row_offset (self, HK_DIM_PRODUCT);
      guint64 *campaign = counts + row_offset (self, HK_DIM_CAMPAIGN), *source = counts + row_offset (self, HK_DIM_SOURCE);
      guint attributed = self->trk_start[self->n_influencers];

      for (gsize k = 0; k < total; k++)
        counts[k] = G_MAXUINT64;
      for (guint r = 0; r < attributed; r++)
        {
          guint64 rows = HK_TRK_ROWS (self, r);

          add_rows (&brand[self->trk_brand[r]], rows);
          add_rows (&product[self->trk_product[r]], rows);
          add_rows (&campaign[self->trk_campaign[r]], rows);
          add_rows (&source[self->trk_source[r]], rows);
        }
      for (guint q = 0; q < self->post_start[self->n_influencers]; q++)
        {
          /* A post that lacks the attribute is not "Unknown": it has none. */
          if (self->post_brand[q] != 0 && brand[self->post_brand[q]] == G_MAXUINT64)
            brand[self->post_brand[q]] = 0;
          if (self->post_campaign[q] != 0 && campaign[self->post_campaign[q]] == G_MAXUINT64)
            campaign[self->post_campaign[q]] = 0;
        }
      g_once_init_leave (&self->row_counts, counts);
    }
  return self->row_counts;
}

GPtrArray *
hk_dataset_dup_values (HkDataset   *self,
                       HkDimension  dim)
{
  GPtrArray *values = g_ptr_array_new_with_free_func ((GDestroyNotify) hk_value_count_free);
  g_autofree guint64 *counts = NULL;
  const guint64 *row_counts;
  HkStrPool *pool = NULL;
  const guint32 *inf_codes = NULL;
  guint n;

  g_return_val_if_fail (HK_IS_DATASET (self), values);

  if (dim == HK_DIM_TIER)
    {
      guint64 tiers[HK_N_TIERS] = { 0 };

      for (guint i = 0; i < self->n_influencers; i++)
        tiers[self->inf_tier[i]]++;
      for (guint t = 0; t < HK_N_TIERS; t++)
        if (tiers[t] > 0)
          {
            HkValueCount *v = g_new (HkValueCount, 1);
            v->value = g_strdup (hk_tier_name (t));
            v->count = tiers[t];
            g_ptr_array_add (values, v);
          }
      return values;
    }
  if (dim >= HK_N_DIMS || hk_dimension_storage[dim].pool == HK_N_POOLS)
    return values;
  pool = self->pools[hk_dimension_storage[dim].pool];
  if (hk_dimension_storage[dim].inf_codes)
    inf_codes = HK_DIMENSION_INF_CODES (self, dim);

  n = hk_str_pool_get_size (pool);
  if (inf_codes)
    {
      counts = g_new0 (guint64, n);
      for (guint i = 0; i < self->n_influencers; i++)
        counts[inf_codes[i]]++;
      row_counts = counts;
    }
  else
    row_counts = hk_dataset_get_row_counts (self, NULL) + row_offset (self, dim);
  for (guint c = 0; c < n; c++)
    if (inf_codes ? row_counts[c] > 0 : row_counts[c] != G_MAXUINT64)
      {
        HkValueCount *v = g_new (HkValueCount, 1);
        v->value = g_strdup (hk_str_pool_get (pool, c));
        v->count = row_counts[c];
        g_ptr_array_add (values, v);
      }
  g_ptr_array_sort (values, compare_values);
  return values;
}

/* Codes written 4 bytes wide (hk-dataset-private.h) moved to 2 where the
 * pool allows, in place: each goes to an address below the one it is read
 * from. */
void
hk_extra_column_narrow (HkExtraColumn *col,
                        gsize          n_rows)
{
  guint8 *bytes = col->cells;

  g_assert (col->width == 4);
  if (col->cells == NULL || hk_extra_column_width (col) == 4)
    return;
  /* memcpy: the two views of the same bytes must not be reordered. */
  for (gsize r = 0; r < n_rows; r++)
    {
      guint32 wide;
      guint16 narrow;

      memcpy (&wide, bytes + r * 4, 4);
      narrow = wide;
      memcpy (bytes + r * 2, &narrow, 2);
    }
  col->cells = hk_big_shrink (col->cells, MAX (n_rows, 1) * sizeof (guint16));
  col->width = 2;
}

const char * const *
hk_dataset_get_extra_columns (HkDataset *self,
                              HkTable    table)
{
  static const char * const none[] = { NULL };
  HkTableData *td;

  g_return_val_if_fail (HK_IS_DATASET (self), none);
  g_return_val_if_fail (table < HK_N_TABLES, none);

  td = &self->tables[table];
  if (td->extras == NULL || td->extras->len == 0)
    return none;
  /* The dataset is read from any thread: the array is made once. */
  if (g_once_init_enter (&td->extra_names))
    {
      const char **names = g_new0 (const char *, td->extras->len + 1);

      for (guint e = 0; e < td->extras->len; e++)
        names[e] = ((HkExtraColumn *) td->extras->pdata[e])->name;
      g_once_init_leave (&td->extra_names, names);
    }
  return td->extra_names;
}

const char *
hk_dataset_get_extra_cell (HkDataset *self,
                           HkTable    table,
                           guint      column,
                           guint      row)
{
  HkTableData *td;
  HkExtraColumn *col;

  g_return_val_if_fail (HK_IS_DATASET (self), NULL);
  g_return_val_if_fail (table < HK_N_TABLES, NULL);

  td = &self->tables[table];
  g_return_val_if_fail (td->extras != NULL && column < td->extras->len, NULL);
  g_return_val_if_fail (row < hk_dataset_get_n_rows (self, table), NULL);

  col = td->extras->pdata[column];
  return hk_str_pool_get (col->pool, hk_extra_cell (col, row));
}

const guint *
hk_dataset_get_group_starts (HkDataset *self,
                             HkTable    table)
{
  switch (table)
    {
    case HK_TABLE_POSTS: return self->post_start;
    case HK_TABLE_TRACKING: return self->trk_start;
    case HK_TABLE_PAYOUTS: return self->pay_start;
    case HK_TABLE_INFLUENCERS:
    case HK_TABLE_HOLDOUT:
    case HK_N_TABLES:
    default:
      return NULL;
    }
}

guint
hk_dataset_get_row_group (HkDataset *self,
                          HkTable    table,
                          guint      row)
{
  const guint *start = hk_dataset_get_group_starts (self, table);
  guint lo = 0, hi = HK_GROUP_ORPHANS (self);

  g_assert (start != NULL);
  g_assert (row < start[HK_GROUP_ORPHANS (self) + 1]);

  /* The last group g with start[g] <= row: empty groups share their start
   * with the next one, which is the one that holds the row. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo + 1) / 2;

      if (start[mid] <= row)
        lo = mid;
      else
        hi = mid - 1;
    }
  return lo;
}

const char *
hk_dataset_get_row_influencer_id (HkDataset *self,
                                  HkTable    table,
                                  guint      row)
{
  const guint *start = hk_dataset_get_group_starts (self, table);
  const guint32 *orphan_id = table == HK_TABLE_POSTS ? self->post_orphan_id :
                             table == HK_TABLE_TRACKING ? self->trk_orphan_id : self->pay_orphan_id;
  guint group = hk_dataset_get_row_group (self, table, row);

  if (group < self->n_influencers)
    return hk_str_pool_get (self->pools[HK_POOL_ID], self->inf_id[group]);
  if (group == HK_GROUP_UNATTRIBUTED (self))
    return "";
  return hk_str_pool_get (self->pools[HK_POOL_ORPHAN_ID], orphan_id[row - start[group]]);
}

const char *
hk_dataset_get_pool_value (HkDataset *self,
                           HkPool     pool,
                           guint32    code)
{
  return hk_str_pool_get (self->pools[pool], code);
}

const char *
hk_user_form_format (const HkUserForm *form,
                     guint32           code,
                     char              buf[HK_USER_ID_BUF])
{
  g_snprintf (buf, HK_USER_ID_BUF, "%s%0*u", form->prefix, (int) form->width, code - 1);
  return buf;
}

guint32
hk_dataset_get_n_user_codes (const HkDataset *self)
{
  return self->user_form.numeric ? self->user_form.n_codes : hk_str_pool_get_size (self->pools[HK_POOL_USER]);
}

const char *
hk_dataset_format_user_id (HkDataset *self,
                           guint32    code,
                           char       buf[HK_USER_ID_BUF])
{
  const HkUserForm *form = &self->user_form;

  if (!form->numeric)
    return hk_str_pool_get (self->pools[HK_POOL_USER], code);
  return code == 0 ? "" : hk_user_form_format (form, code, buf);
}

/* A numeric form keeps no strings: the ids shown (a table of one
 * influencer's orders, its sort and search) are written out once each. */
const char *
hk_dataset_get_user_id (HkDataset *self,
                        guint32    code)
{
  char buf[HK_USER_ID_BUF];
  char *id;

  if (!self->user_form.numeric || code == 0)
    return hk_dataset_format_user_id (self, code, buf);
  g_mutex_lock (&self->user_ids_lock);
  if (self->user_ids == NULL)
    self->user_ids = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  id = g_hash_table_lookup (self->user_ids, GUINT_TO_POINTER (code));
  if (id == NULL)
    {
      id = g_strdup (hk_dataset_format_user_id (self, code, buf));
      g_hash_table_insert (self->user_ids, GUINT_TO_POINTER (code), id);
    }
  g_mutex_unlock (&self->user_ids_lock);
  return id;
}

gsize
hk_dataset_get_tracking_memory_size (HkDataset *self)
{
  gsize per_row = sizeof (gint32) * 2 + sizeof (double) + sizeof (guint32) * 3 +
                  sizeof (guint16) * (self->trk_city ? 3 : 2) + sizeof (guint8);
  gsize size = per_row * self->n_tracking + sizeof (guint) * (self->n_influencers + 3);

  size += hk_str_pool_get_memory (self->pools[HK_POOL_USER]);
  if (self->tables[HK_TABLE_TRACKING].extras)
    for (guint e = 0; e < self->tables[HK_TABLE_TRACKING].extras->len; e++)
      {
        HkExtraColumn *col = self->tables[HK_TABLE_TRACKING].extras->pdata[e];
        size += sizeof (guint32) * self->n_tracking + hk_str_pool_get_memory (col->pool);
      }
  return size;
}

gsize
hk_dataset_get_memory_size (HkDataset *self)
{
  gsize size = hk_dataset_get_tracking_memory_size (self);

  for (guint p = 0; p < HK_N_POOLS; p++)
    if (p != HK_POOL_USER)
      size += hk_str_pool_get_memory (self->pools[p]);
  size += self->n_influencers * (sizeof (guint32) * 7 + sizeof (char *) + sizeof (double) + 1);
  size += self->n_posts * (sizeof (gint32) + sizeof (guint32) * 3 + sizeof (char *) * 3 + sizeof (double) * 3);
  size += self->n_payouts * (1 + sizeof (double) * 4 + sizeof (guint32) * 2);
  return size;
}

/* ------------------------------------------------------------------------ */
/* Writing back                                                             */

/* Rows of a grouped table with the id each row names. */
static const char *
row_id (HkDataset     *self,
        const guint   *start,
        const guint32 *orphan_id,
        guint          row,
        guint         *group_hint)
{
  guint g = *group_hint;

  while (start[g + 1] <= row)
    g++;
  *group_hint = g;
  if (g < self->n_influencers)
    return hk_str_pool_get (self->pools[HK_POOL_ID], self->inf_id[g]);
  if (g == self->n_influencers)
    return "";
  return hk_str_pool_get (self->pools[HK_POOL_ORPHAN_ID], orphan_id[row - start[g]]);
}

static void
add_date (HkCsvWriter *w,
          gint32       day)
{
  char buf[HK_DATE_ISO_LEN];

  if (day == HK_DAY_NONE)
    {
      hk_csv_writer_add_empty (w);
      return;
    }
  hk_date_format_iso (day, buf);
  hk_csv_writer_add_text (w, buf);
}

static void
add_pool (HkCsvWriter *w,
          HkDataset   *self,
          HkPool       pool,
          guint32      code)
{
  hk_csv_writer_add_text (w, hk_str_pool_get (self->pools[pool], code));
}

/* A known cell, by the kind its schema gives it. */
static void
write_cell (HkDataset   *self,
            HkCsvWriter *w,
            HkTable      table,
            guint        role,
            guint        r,
            const char  *id)
{
  static const char * const ab_names[] = { "", "exposed", "holdout" };
  const HkSchemaColumn *col = hk_schema_get_column (table, role);
  const HkColumnStorage *st = &hk_column_storage[table][role];
  gconstpointer data = st->offset ? HK_COLUMN_DATA (self, table, role) : NULL;

  switch (col->kind)
    {
    case HK_COLUMN_ID:
      /* The influencers' own ids are pooled; the others' are their row's group. */
      if (data)
        add_pool (w, self, HK_POOL_ID, ((const guint32 *) data)[r]);
      else
        hk_csv_writer_add_text (w, id);
      break;
    case HK_COLUMN_NAME:
    case HK_COLUMN_TEXT:
    case HK_COLUMN_RAW_TEXT:
      hk_csv_writer_add_text (w, ((const char * const *) data)[r]);
      break;
    case HK_COLUMN_POOLED:
    case HK_COLUMN_GENDER:
      /* A derived tracking brand was not in the file. */
      if (table == HK_TABLE_TRACKING && role == TRK_BRAND &&
          (self->trk_flags[r] & HK_TRACKING_FLAG_BRAND_DERIVED))
        hk_csv_writer_add_empty (w);
      else if (col->pool == HK_POOL_USER)
        {
          char buf[HK_USER_ID_BUF];

          hk_csv_writer_add_text (w, hk_dataset_format_user_id (self, ((const guint32 *) data)[r], buf));
        }
      else
        add_pool (w, self, col->pool, st->elt == 2 ? ((const guint16 *) data)[r] : ((const guint32 *) data)[r]);
      break;
    case HK_COLUMN_COUNT:
    case HK_COLUMN_NUMBER:
      hk_csv_writer_add_double (w, ((const double *) data)[r]);
      break;
    case HK_COLUMN_WHOLE:
      hk_csv_writer_add_int (w, ((const gint32 *) data)[r]);
      break;
    case HK_COLUMN_DATE:
      add_date (w, ((const gint32 *) data)[r]);
      break;
    case HK_COLUMN_BASIS:
      hk_csv_writer_add_text (w, ((const guint8 *) data)[r] == HK_BASIS_POST ? "post" : "order");
      break;
    case HK_COLUMN_AB_GROUP:
      hk_csv_writer_add_text (w, ab_names[((const guint8 *) data)[r] & HK_TRACKING_FLAG_AB_MASK]);
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
write_table (HkDataset     *self,
             HkTable        table,
             HkFileSet     *set,
             GCancellable  *cancellable,
             GError       **error)
{
  HkTableData *td = &self->tables[table];
  HkFileWriter *file = hk_file_set_add (set, td->file_name, error);
  g_autoptr(HkCsvWriter) w = file ? hk_csv_writer_new_for_file_writer (file) : NULL;
  g_autofree int *role_of_field = NULL;
  const guint *start = table == HK_TABLE_POSTS ? self->post_start :
                       table == HK_TABLE_TRACKING ? self->trk_start :
                       table == HK_TABLE_PAYOUTS ? self->pay_start : NULL;
  const guint32 *orphan_id = table == HK_TABLE_POSTS ? self->post_orphan_id :
                             table == HK_TABLE_TRACKING ? self->trk_orphan_id :
                             table == HK_TABLE_PAYOUTS ? self->pay_orphan_id : NULL;
  guint n_rows = hk_dataset_get_n_rows (self, table);
  guint group = 0;

  if (w == NULL)
    return FALSE;

  role_of_field = g_new (int, td->header->len);
  for (guint f = 0; f < td->header->len; f++)
    role_of_field[f] = -1;
  for (int role = 0; role < HK_MAX_ROLES; role++)
    if (td->field_of_role[role] >= 0)
      role_of_field[td->field_of_role[role]] = role;

  for (guint f = 0; f < td->header->len; f++)
    hk_csv_writer_add_text (w, td->header->pdata[f]);
  hk_csv_writer_end_row (w);

  for (guint r = 0; r < n_rows; r++)
    {
      const char *id = start ? row_id (self, start, orphan_id, r, &group) : NULL;
      guint extra = 0;

      for (guint f = 0; f < td->header->len; f++)
        if (role_of_field[f] >= 0)
          write_cell (self, w, table, role_of_field[f], r, id);
        else
          {
            HkExtraColumn *col = td->extras->pdata[extra++];
            hk_csv_writer_add_text (w, hk_str_pool_get (col->pool, hk_extra_cell (col, r)));
          }
      hk_csv_writer_end_row (w);
      if (r % 65536 == 65535 && g_cancellable_is_cancelled (cancellable))
        break;
    }
  return hk_csv_writer_close (w, cancellable, error);
}

gboolean
hk_dataset_write_folder (HkDataset     *self,
                         const char    *folder,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(HkFileSet) set = NULL;

  g_return_val_if_fail (HK_IS_DATASET (self), FALSE);

  /* Every table or none (see hk-file-writer.h). */
  set = hk_file_set_new (folder, error);
  if (set == NULL)
    return FALSE;
  for (guint t = 0; t < HK_N_TABLES; t++)
    if (self->tables[t].present && !write_table (self, t, set, cancellable, error))
      return FALSE;
  return hk_file_set_commit (set, error);
}
