/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>

#include "hk-dataset-private.h"
#include "hk-influencer-rows.h"

const char *
hk_influencer_rows_get_text (HkDataset          *ds,
                             guint               i,
                             HkInfluencerColumn  column)
{
  g_return_val_if_fail (HK_IS_DATASET (ds), "");
  g_return_val_if_fail (i < ds->n_influencers, "");

  switch (column)
    {
    case HK_INFLUENCER_COLUMN_ID:
      return hk_dataset_get_pool_value (ds, HK_POOL_ID, ds->inf_id[i]);
    case HK_INFLUENCER_COLUMN_NAME:
      return ds->inf_name[i];
    case HK_INFLUENCER_COLUMN_CATEGORY:
      return hk_dataset_get_pool_value (ds, HK_POOL_CATEGORY, ds->inf_category[i]);
    case HK_INFLUENCER_COLUMN_GENDER:
      return hk_dataset_get_pool_value (ds, HK_POOL_GENDER, ds->inf_gender[i]);
    case HK_INFLUENCER_COLUMN_PLATFORM:
      return hk_dataset_get_pool_value (ds, HK_POOL_PLATFORM, ds->inf_platform[i]);
    case HK_INFLUENCER_COLUMN_CITY:
      return hk_dataset_get_pool_value (ds, HK_POOL_CITY, ds->inf_city[i]);
    case HK_INFLUENCER_COLUMN_AGE_GROUP:
      return hk_dataset_get_pool_value (ds, HK_POOL_AGE_GROUP, ds->inf_age_group[i]);
    case HK_INFLUENCER_COLUMN_PERSONA:
      return hk_dataset_get_pool_value (ds, HK_POOL_PERSONA, ds->inf_persona[i]);
    case HK_INFLUENCER_COLUMN_TIER:
      return hk_tier_name (ds->inf_tier[i]);
    case HK_N_INFLUENCER_COLUMNS:
    default:
      g_return_val_if_reached ("");
    }
}

double
hk_influencer_rows_get_follower_count (HkDataset *ds,
                                       guint      i)
{
  g_return_val_if_fail (HK_IS_DATASET (ds), NAN);
  g_return_val_if_fail (i < ds->n_influencers, NAN);

  return ds->inf_followers[i];
}
