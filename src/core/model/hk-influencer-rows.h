/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hk-dataset.h"

G_BEGIN_DECLS

/* An influencer's attributes read straight from the columns by influencer
 * index (hk-influencer.h), so tables of fifty thousand influencers can be
 * searched and sorted without a record per row. */

typedef enum {
  HK_INFLUENCER_COLUMN_ID,
  HK_INFLUENCER_COLUMN_NAME,
  HK_INFLUENCER_COLUMN_CATEGORY,
  HK_INFLUENCER_COLUMN_GENDER,
  HK_INFLUENCER_COLUMN_PLATFORM,
  HK_INFLUENCER_COLUMN_CITY,
  HK_INFLUENCER_COLUMN_AGE_GROUP,
  HK_INFLUENCER_COLUMN_PERSONA,
  HK_INFLUENCER_COLUMN_TIER,
  HK_N_INFLUENCER_COLUMNS
} HkInfluencerColumn;

/* Borrowed from the dataset; "" for the empty value. */
const char *hk_influencer_rows_get_text           (HkDataset          *dataset,
                                                   guint               influencer,
                                                   HkInfluencerColumn  column);
double      hk_influencer_rows_get_follower_count (HkDataset          *dataset,
                                                   guint               influencer);

G_END_DECLS
