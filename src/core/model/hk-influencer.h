/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hk-dataset.h"
#include "hk-record.h"

G_BEGIN_DECLS

#define HK_TYPE_INFLUENCER (hk_influencer_get_type ())
G_DECLARE_FINAL_TYPE (HkInfluencer, hk_influencer, HK, INFLUENCER, HkRecord)

/* One row of a dataset's influencers table, as the UI's lists show it: a
 * reference on the dataset and a row index. Every property is read-only and
 * read from the dataset's columns when asked, so making one costs nothing but
 * the object. Strings are never NULL ("" is the empty value, shown "Unknown")
 * and are borrowed from the dataset, which the record keeps alive. */

/* A record of the row index of the dataset's influencers table (index below
 * hk_dataset_get_n_rows ()), holding a reference on the dataset;
 * hk_record_get_dataset() and hk_record_get_index() return them. The index
 * is the influencer's row in file order, duplicate ids left out. */
HkInfluencer *hk_influencer_new                (HkDataset    *dataset,
                                                guint         index);

const char   *hk_influencer_get_id             (HkInfluencer *self);
const char   *hk_influencer_get_name           (HkInfluencer *self);
const char   *hk_influencer_get_category       (HkInfluencer *self);
/* "Male", "Female", or as written. */
const char   *hk_influencer_get_gender         (HkInfluencer *self);
double        hk_influencer_get_follower_count (HkInfluencer *self);
const char   *hk_influencer_get_platform       (HkInfluencer *self);
const char   *hk_influencer_get_city           (HkInfluencer *self);
const char   *hk_influencer_get_age_group      (HkInfluencer *self);
/* The persona cell, else "category · gender" (DESIGN.md §3). */
const char   *hk_influencer_get_persona        (HkInfluencer *self);
/* "nano", "micro", "macro" or "mega" (DESIGN.md §3). */
const char   *hk_influencer_get_tier           (HkInfluencer *self);

G_END_DECLS
