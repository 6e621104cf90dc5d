/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hk-dataset.h"
#include "hk-record.h"

G_BEGIN_DECLS

#define HK_TYPE_TRACKING_ROW (hk_tracking_row_get_type ())
G_DECLARE_FINAL_TYPE (HkTrackingRow, hk_tracking_row, HK, TRACKING_ROW, HkRecord)

/* One row of a dataset's tracking table, as the UI's lists show it: a
 * reference on the dataset and a row index. Every property is read-only and
 * read from the dataset's columns when asked, so making one costs nothing but
 * the object: a list of ten million rows only makes the ones on screen.
 * Strings are never NULL ("" is the empty value, shown "Unknown") and are
 * borrowed from the dataset, which the record keeps alive. */

/* A record of the row index of the dataset's tracking table (index below
 * hk_dataset_get_n_rows ()), holding a reference on the dataset;
 * hk_record_get_dataset() and hk_record_get_index() return them. Rows are
 * stored grouped by influencer (in influencer order, then the unattributed
 * rows, then the orphans), in file order within a group. */
HkTrackingRow *hk_tracking_row_new                  (HkDataset     *dataset,
                                                     guint          index);

/* The influencer's index; -1 for an unattributed row (empty influencer_id)
 * and an orphan (an id that matches no influencer). */
int            hk_tracking_row_get_influencer_index (HkTrackingRow *self);
/* The id the row names, an orphan's too; "" when unattributed. */
const char    *hk_tracking_row_get_influencer_id    (HkTrackingRow *self);
/* "" when unattributed or an orphan. */
const char    *hk_tracking_row_get_influencer_name  (HkTrackingRow *self);
const char    *hk_tracking_row_get_source           (HkTrackingRow *self);
const char    *hk_tracking_row_get_campaign         (HkTrackingRow *self);
const char    *hk_tracking_row_get_product          (HkTrackingRow *self);
/* The brand cell, or when it is empty the brand derived from the product
 * or campaign (DESIGN.md §2), in the dataset's spelling; "" when unknown. */
const char    *hk_tracking_row_get_brand            (HkTrackingRow *self);
const char    *hk_tracking_row_get_user_id          (HkTrackingRow *self);
/* A day number (hk-date.h). */
gint32         hk_tracking_row_get_date             (HkTrackingRow *self);
/* The date as YYYY-MM-DD. */
char          *hk_tracking_row_dup_date_text        (HkTrackingRow *self);
/* Negative for returns. */
int            hk_tracking_row_get_orders           (HkTrackingRow *self);
/* Negative for returns. */
double         hk_tracking_row_get_revenue          (HkTrackingRow *self);
/* "" when empty or the file has no city column. */
const char    *hk_tracking_row_get_city             (HkTrackingRow *self);
/* "exposed", "holdout", or "" when the row is in neither. */
const char    *hk_tracking_row_get_ab_group         (HkTrackingRow *self);

G_END_DECLS
