/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hk-dataset.h"
#include "hk-record.h"

G_BEGIN_DECLS

#define HK_TYPE_POST (hk_post_get_type ())
G_DECLARE_FINAL_TYPE (HkPost, hk_post, HK, POST, HkRecord)

/* One row of a dataset's posts table, as the UI's lists show it: a reference
 * on the dataset and a row index. Every property is read-only and read from the
 * dataset's columns when asked, so making one costs nothing but the object.
 * Strings are never NULL ("" is the empty value) and are borrowed from the
 * dataset, which the record keeps alive. */

/* A record of the row index of the dataset's posts table (index below
 * hk_dataset_get_n_rows ()), holding a reference on the dataset;
 * hk_record_get_dataset() and hk_record_get_index() return them. Rows are
 * stored grouped by influencer (in influencer order, then the orphans), in
 * file order within a group. */
HkPost     *hk_post_new                  (HkDataset *dataset,
                                          guint      index);

/* The influencer's index, -1 for an orphan (an id that matches no influencer). */
int         hk_post_get_influencer_index (HkPost    *self);
/* The id the row names, an orphan's too. */
const char *hk_post_get_influencer_id    (HkPost    *self);
/* "" for an orphan. */
const char *hk_post_get_influencer_name  (HkPost    *self);
/* "" when the file has no post_id column. */
const char *hk_post_get_post_id          (HkPost    *self);
const char *hk_post_get_platform         (HkPost    *self);
/* A day number (hk-date.h). */
gint32      hk_post_get_date             (HkPost    *self);
/* The date as YYYY-MM-DD. */
char       *hk_post_dup_date_text        (HkPost    *self);
const char *hk_post_get_url              (HkPost    *self);
/* As written, spaces kept. */
const char *hk_post_get_caption          (HkPost    *self);
double      hk_post_get_reach            (HkPost    *self);
double      hk_post_get_likes            (HkPost    *self);
double      hk_post_get_comments         (HkPost    *self);
/* The brand cell in the dataset's spelling of the brand; "" when the post
 * has none (no such column or an empty cell). */
const char *hk_post_get_brand            (HkPost    *self);
/* "" when the post has none. */
const char *hk_post_get_campaign         (HkPost    *self);

G_END_DECLS
