/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include "hk-types.h"

const char * const hk_known_brands[3] = { "MuscleBlaze", "HKVitals", "Gritzo" };

static const char * const table_files[HK_N_TABLES] = {
  "influencers.csv", "posts.csv", "tracking_data.csv", "payouts.csv", "holdout_groups.csv",
};

static const char * const table_names[HK_N_TABLES] = {
  "influencers", "posts", "tracking", "payouts", "holdout",
};

static const char * const dimension_names[HK_N_DIMS] = {
  "influencer", "platform", "category", "persona", "gender", "city", "age_group", "tier",
  "brand", "product", "campaign", "source", "day",
};

static const char * const tier_names[HK_N_TIERS] = { "nano", "micro", "macro", "mega" };

const char *
hk_table_file_name (HkTable table)
{
  g_return_val_if_fail (table < HK_N_TABLES, NULL);
  return table_files[table];
}

const char *
hk_table_name (HkTable table)
{
  g_return_val_if_fail (table < HK_N_TABLES, NULL);
  return table_names[table];
}

HkTier
hk_tier_for_followers (double follower_count)
{
  if (follower_count < 10000)
    return HK_TIER_NANO;
  if (follower_count < 100000)
    return HK_TIER_MICRO;
  if (follower_count < 1000000)
    return HK_TIER_MACRO;
  return HK_TIER_MEGA;
}

const char *
hk_tier_name (HkTier tier)
{
  g_return_val_if_fail (tier < HK_N_TIERS, NULL);
  return tier_names[tier];
}

gboolean
hk_tier_from_name (const char *name,
                   HkTier     *tier)
{
  for (guint i = 0; i < HK_N_TIERS; i++)
    if (g_ascii_strcasecmp (name, tier_names[i]) == 0)
      {
        *tier = i;
        return TRUE;
      }
  return FALSE;
}

const char *
hk_dimension_name (HkDimension dim)
{
  g_return_val_if_fail (dim < HK_N_DIMS, NULL);
  return dimension_names[dim];
}

gboolean
hk_dimension_from_name (const char  *name,
                        HkDimension *dim)
{
  for (guint i = 0; i < HK_N_DIMS; i++)
    if (g_ascii_strcasecmp (name, dimension_names[i]) == 0)
      {
        *dim = i;
        return TRUE;
      }
  return FALSE;
}
