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

/* The three brands the product is built for, in their own spelling. */
extern const char * const hk_known_brands[3];

G_END_DECLS
