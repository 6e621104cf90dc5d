/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <string.h>

#include "hk-big.h"
#include "hk-snapshot-private.h"

G_DEFINE_QUARK (hk-snapshot-error-quark, hk_snapshot_error)

/* Every column of HkDataset, once: the writer, the reader and its checks and
 * the dataset's finalizer read this table. */
#define COL(field, check_, count_, arg_, opt, gfree) \
  { G_STRUCT_OFFSET (HkDataset, field), sizeof (*((HkDataset *) 0)->field), count_, check_, arg_, opt, gfree }
#define TEXT(field, count_, opt) \
  { G_STRUCT_OFFSET (HkDataset, field), sizeof (guint32), count_, HK_SNAP_TEXT_COLUMN, 0, opt, FALSE }
#define POOL(field, count_, pool) COL (field, HK_SNAP_POOL_CODE, count_, pool, FALSE, FALSE)
#define NUM(field, count_) COL (field, HK_SNAP_ANY, count_, 0, FALSE, FALSE)
#define FINITE(field, count_) COL (field, HK_SNAP_FINITE, count_, 0, FALSE, FALSE)
#define MAYBE(field, count_) COL (field, HK_SNAP_FINITE_OR_NAN, count_, 0, FALSE, FALSE)

const HkSnapshotColumn hk_snapshot_columns[] = {
  POOL (inf_id, HK_SNAP_N_INFLUENCERS, HK_POOL_ID),
  TEXT (inf_name, HK_SNAP_N_INFLUENCERS, FALSE),
  POOL (inf_category, HK_SNAP_N_INFLUENCERS, HK_POOL_CATEGORY),
  POOL (inf_gender, HK_SNAP_N_INFLUENCERS, HK_POOL_GENDER),
  POOL (inf_platform, HK_SNAP_N_INFLUENCERS, HK_POOL_PLATFORM),
  POOL (inf_city, HK_SNAP_N_INFLUENCERS, HK_POOL_CITY),
  POOL (inf_age_group, HK_SNAP_N_INFLUENCERS, HK_POOL_AGE_GROUP),
  POOL (inf_persona, HK_SNAP_N_INFLUENCERS, HK_POOL_PERSONA),
  FINITE (inf_followers, HK_SNAP_N_INFLUENCERS),
  COL (inf_tier, HK_SNAP_TIER, HK_SNAP_N_INFLUENCERS, 0, FALSE, TRUE),
  COL (inf_of_id, HK_SNAP_INFLUENCER, HK_SNAP_N_ID_CODES, 0, TRUE, TRUE),

  COL (post_start, HK_SNAP_STARTS, HK_SNAP_N_STARTS, HK_TABLE_POSTS, FALSE, TRUE),
  COL (post_orphan_id, HK_SNAP_POOL_CODE, HK_SNAP_N_POST_ORPHANS, HK_POOL_ORPHAN_ID, FALSE, TRUE),
  COL (post_date, HK_SNAP_DAY, HK_SNAP_N_POSTS, 0, FALSE, FALSE),
  POOL (post_platform, HK_SNAP_N_POSTS, HK_POOL_PLATFORM),
  TEXT (post_id, HK_SNAP_N_POSTS, TRUE),
  TEXT (post_url, HK_SNAP_N_POSTS, FALSE),
  TEXT (post_caption, HK_SNAP_N_POSTS, FALSE),
  FINITE (post_reach, HK_SNAP_N_POSTS),
  FINITE (post_likes, HK_SNAP_N_POSTS),
  FINITE (post_comments, HK_SNAP_N_POSTS),
  POOL (post_brand, HK_SNAP_N_POSTS, HK_POOL_BRAND),
  POOL (post_campaign, HK_SNAP_N_POSTS, HK_POOL_CAMPAIGN),

  COL (trk_start, HK_SNAP_STARTS, HK_SNAP_N_STARTS, HK_TABLE_TRACKING, FALSE, TRUE),
  COL (trk_orphan_id, HK_SNAP_POOL_CODE, HK_SNAP_N_TRK_ORPHANS, HK_POOL_ORPHAN_ID, FALSE, TRUE),
  COL (trk_date, HK_SNAP_DAY, HK_SNAP_N_TRACKING, 0, FALSE, FALSE),
  NUM (trk_orders, HK_SNAP_N_TRACKING),
  FINITE (trk_revenue, HK_SNAP_N_TRACKING),
  POOL (trk_campaign, HK_SNAP_N_TRACKING, HK_POOL_CAMPAIGN),
  POOL (trk_product, HK_SNAP_N_TRACKING, HK_POOL_PRODUCT),
  COL (trk_user, HK_SNAP_USER_CODE, HK_SNAP_N_TRACKING, 0, FALSE, FALSE),
  POOL (trk_source, HK_SNAP_N_TRACKING, HK_POOL_SOURCE),
  POOL (trk_brand, HK_SNAP_N_TRACKING, HK_POOL_BRAND),
  COL (trk_city, HK_SNAP_POOL_CODE, HK_SNAP_N_TRACKING, HK_POOL_CITY, TRUE, FALSE),
  COL (trk_flags, HK_SNAP_FLAGS, HK_SNAP_N_TRACKING, 0, FALSE, FALSE),
  COL (trk_rows, HK_SNAP_ANY, HK_SNAP_N_TRACKING, 0, TRUE, FALSE),

  COL (pay_start, HK_SNAP_STARTS, HK_SNAP_N_STARTS, HK_TABLE_PAYOUTS, FALSE, TRUE),
  COL (pay_orphan_id, HK_SNAP_POOL_CODE, HK_SNAP_N_PAY_ORPHANS, HK_POOL_ORPHAN_ID, FALSE, TRUE),
  COL (pay_basis, HK_SNAP_BASIS, HK_SNAP_N_PAYOUTS, 0, FALSE, FALSE),
  MAYBE (pay_rate, HK_SNAP_N_PAYOUTS),
  MAYBE (pay_orders, HK_SNAP_N_PAYOUTS),
  MAYBE (pay_posts, HK_SNAP_N_PAYOUTS),
  MAYBE (pay_total, HK_SNAP_N_PAYOUTS),
  POOL (pay_campaign, HK_SNAP_N_PAYOUTS, HK_POOL_CAMPAIGN),
  POOL (pay_brand, HK_SNAP_N_PAYOUTS, HK_POOL_BRAND),

  POOL (ho_campaign, HK_SNAP_N_HOLDOUT, HK_POOL_CAMPAIGN),
  POOL (ho_brand, HK_SNAP_N_HOLDOUT, HK_POOL_BRAND),
  COL (ho_group, HK_SNAP_AB, HK_SNAP_N_HOLDOUT, 0, FALSE, FALSE),
  FINITE (ho_users, HK_SNAP_N_HOLDOUT),
  COL (ho_start, HK_SNAP_DAY_OR_NONE, HK_SNAP_N_HOLDOUT, 0, FALSE, FALSE),
  COL (ho_end, HK_SNAP_DAY_OR_NONE, HK_SNAP_N_HOLDOUT, 0, FALSE, FALSE),
};

const guint hk_snapshot_n_columns = G_N_ELEMENTS (hk_snapshot_columns);

static gsize
orphan_rows (HkDataset   *ds,
             const guint *start)
{
  return start ? start[ds->n_influencers + 2] - start[ds->n_influencers + 1] : 0;
}

gsize
hk_snapshot_column_count (HkDataset *ds,
                          guint      c)
{
  switch ((HkSnapshotCount) hk_snapshot_columns[c].count)
    {
    case HK_SNAP_N_INFLUENCERS: return ds->n_influencers;
    case HK_SNAP_N_POSTS: return ds->n_posts;
    case HK_SNAP_N_TRACKING: return ds->n_tracking;
    case HK_SNAP_N_PAYOUTS: return ds->n_payouts;
    case HK_SNAP_N_HOLDOUT: return ds->n_holdout;
    case HK_SNAP_N_STARTS: return (gsize) ds->n_influencers + 3;
    case HK_SNAP_N_ID_CODES: return hk_str_pool_get_size (ds->pools[HK_POOL_ID]);
    case HK_SNAP_N_POST_ORPHANS: return orphan_rows (ds, ds->post_start);
    case HK_SNAP_N_TRK_ORPHANS: return orphan_rows (ds, ds->trk_start);
    case HK_SNAP_N_PAY_ORPHANS: return orphan_rows (ds, ds->pay_start);
    default: g_assert_not_reached ();
    }
}

/* Eight lanes of a multiply-xorshift mix, so that the multiplications of a
 * 64-byte block overlap: memory, not arithmetic, bounds it. */
guint64
hk_snapshot_checksum (const void *data,
                      gsize       len)
{
  const guchar *p = data;
  guint64 lane[8];
  guint64 h = 0x9e3779b97f4a7c15ull ^ len;
  gsize i;

  for (i = 0; i < 8; i++)
    lane[i] = 0x6a09e667f3bcc909ull * (i + 1);
  for (; len >= 64; p += 64, len -= 64)
    for (i = 0; i < 8; i++)
      {
        guint64 v;

        memcpy (&v, p + 8 * i, 8);
        lane[i] = (lane[i] ^ v) * 0xff51afd7ed558ccdull;
        lane[i] ^= lane[i] >> 32;
      }
  for (; len > 0; p++, len--)
    h = (h ^ *p) * 0x100000001b3ull;
  for (i = 0; i < 8; i++)
    {
      h = (h ^ lane[i]) * 0xc4ceb9fe1a85ec53ull;
      h ^= h >> 29;
    }
  return h;
}

gboolean
hk_snapshot_is_snapshot (HkDataset *ds)
{
  g_return_val_if_fail (HK_IS_DATASET (ds), FALSE);
  return ds->snapshot != NULL;
}

GBytes *
hk_snapshot_dup_prepared (HkDataset *ds)
{
  const HkSnapshotHeader *header;
  const HkSnapshotSection *dir;

  g_return_val_if_fail (HK_IS_DATASET (ds), NULL);

  if (ds->snapshot == NULL)
    return NULL;
  /* hk_snapshot_load() checked the header and directory. */
  header = g_bytes_get_data (ds->snapshot, NULL);
  dir = (const HkSnapshotSection *) ((const guchar *) header + header->dir_offset);
  for (guint32 s = 0; s < header->n_sections; s++)
    if (dir[s].kind == HK_SNAP_PREPARED && dir[s].index == 0)
      return g_bytes_new_from_bytes (ds->snapshot, dir[s].offset, dir[s].length);
  return NULL;
}

gboolean
hk_snapshot_verify (HkDataset     *ds,
                    GCancellable  *cancellable,
                    GError       **error)
{
  const HkSnapshotHeader *header;
  const HkSnapshotSection *dir;
  const guchar *base;
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (HK_IS_DATASET (ds), FALSE);

  if (ds->snapshot == NULL)
    return TRUE;
  /* hk_snapshot_load() checked the header and directory. */
  base = g_bytes_get_data (ds->snapshot, NULL);
  header = (const HkSnapshotHeader *) base;
  dir = (const HkSnapshotSection *) (base + header->dir_offset);
  for (guint32 s = 0; s < header->n_sections; s++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (hk_snapshot_checksum (base + dir[s].offset, dir[s].length) != dir[s].checksum)
        {
          g_set_error (error, HK_SNAPSHOT_ERROR, HK_SNAPSHOT_ERROR_INVALID,
                       "snapshot section %u (kind %u, index %u) is damaged", s, dir[s].kind, dir[s].index);
          return FALSE;
        }
    }
  g_debug ("snapshot checked in %.3f s", (g_get_monotonic_time () - start) / 1e6);
  return TRUE;
}
