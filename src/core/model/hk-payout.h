/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hk-dataset.h"
#include "hk-record.h"

G_BEGIN_DECLS

#define HK_TYPE_PAYOUT (hk_payout_get_type ())
G_DECLARE_FINAL_TYPE (HkPayout, hk_payout, HK, PAYOUT, HkRecord)

/* One row of a dataset's payouts table, as the UI's lists show it: a reference
 * on the dataset and a row index. Every property is read-only and read from the
 * dataset's columns when asked, so making one costs nothing but the object.
 * Strings are never NULL ("" is the empty value) and are borrowed from the
 * dataset, which the record keeps alive.
 *
 * The numbers are the cells as written: NAN where a cell was empty (or, for
 * "posts", the file has no such column); test with isnan(). The amount paid
 * when "total-payout" is empty is a metric (DESIGN.md §3), not a property. */

/* A record of the row index of the dataset's payouts table (index below
 * hk_dataset_get_n_rows ()), holding a reference on the dataset;
 * hk_record_get_dataset() and hk_record_get_index() return them. Rows are
 * stored grouped by influencer (in influencer order, then the orphans), in
 * file order within a group. */
HkPayout   *hk_payout_new                  (HkDataset *dataset,
                                            guint      index);

/* The influencer's index, -1 for an orphan (an id that matches no influencer). */
int         hk_payout_get_influencer_index (HkPayout  *self);
/* The id the row names, an orphan's too. */
const char *hk_payout_get_influencer_id    (HkPayout  *self);
/* "" for an orphan. */
const char *hk_payout_get_influencer_name  (HkPayout  *self);
/* "post" or "order". */
const char *hk_payout_get_basis            (HkPayout  *self);
/* NAN when empty. */
double      hk_payout_get_rate             (HkPayout  *self);
/* NAN when empty. */
double      hk_payout_get_orders           (HkPayout  *self);
/* NAN when empty or the file has no posts column. */
double      hk_payout_get_posts            (HkPayout  *self);
/* NAN when empty. */
double      hk_payout_get_total_payout     (HkPayout  *self);
/* The campaign the payout covers; "" for any. */
const char *hk_payout_get_campaign         (HkPayout  *self);
/* The brand the payout covers, in the dataset's spelling; "" for any. */
const char *hk_payout_get_brand            (HkPayout  *self);

G_END_DECLS
