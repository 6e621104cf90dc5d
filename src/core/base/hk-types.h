/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The tables of a dataset, in the order they are loaded. */
typedef enum {
  HK_TABLE_INFLUENCERS,
  HK_TABLE_POSTS,
  HK_TABLE_TRACKING,
  HK_TABLE_PAYOUTS,
  HK_TABLE_HOLDOUT,
  HK_N_TABLES
} HkTable;

/* The file name the simulator writes and exports use for each table. */
const char *hk_table_file_name (HkTable table);
/* A short lower-case name: "influencers", "posts", "tracking", "payouts", "holdout". */
const char *hk_table_name      (HkTable table);

typedef enum {
  HK_BASIS_POST,
  HK_BASIS_ORDER,
} HkBasis;

typedef enum {
  HK_AB_NONE = 0,
  HK_AB_EXPOSED,
  HK_AB_HOLDOUT,
} HkAbGroup;

/* nano < 10k <= micro < 100k <= macro < 1M <= mega */
typedef enum {
  HK_TIER_NANO,
  HK_TIER_MICRO,
  HK_TIER_MACRO,
  HK_TIER_MEGA,
  HK_N_TIERS
} HkTier;

HkTier      hk_tier_for_followers (double      follower_count);
const char *hk_tier_name          (HkTier      tier);
gboolean    hk_tier_from_name     (const char *name,
                                   HkTier     *tier);

/* What a table row or a group can be keyed by. Influencer attributes
 * (platform, persona, category, gender, city, age group, tier) come from the
 * influencer;
 * row attributes (brand, product, campaign, source, day) from posts and
 * tracking rows. */
typedef enum {
  HK_DIM_INFLUENCER,
  HK_DIM_PLATFORM,
  HK_DIM_CATEGORY,
  HK_DIM_PERSONA,
  HK_DIM_GENDER,
  HK_DIM_CITY,
  HK_DIM_AGE_GROUP,
  HK_DIM_TIER,
  HK_DIM_BRAND,
  HK_DIM_PRODUCT,
  HK_DIM_CAMPAIGN,
  HK_DIM_SOURCE,
  HK_DIM_DAY,
  HK_N_DIMS
} HkDimension;

#define HK_DIM_IS_ROW(d) ((d) >= HK_DIM_BRAND)

/* "influencer", "platform", "age_group", …: the names the CLI (as --age-group),
 * settings and exports use. */
const char *hk_dimension_name      (HkDimension  dim);
gboolean    hk_dimension_from_name (const char  *name,
                                    HkDimension *dim);

/* Reports how far a long job is, from 0 to 1. */
typedef void (*HkProgressFunc) (double   fraction,
                                gpointer user_data);

/* The three brands the product is built for, in their own spelling. */
extern const char * const hk_known_brands[3];

G_END_DECLS
