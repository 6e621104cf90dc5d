/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hk-dataset.h"

G_BEGIN_DECLS

#define HK_TYPE_ROW_MODEL (hk_row_model_get_type ())
G_DECLARE_FINAL_TYPE (HkRowModel, hk_row_model, HK, ROW_MODEL, GObject)

/* A GListModel over rows of one table of a dataset: all of them, one
 * influencer's, or any rows in any order the caller gives (a filter's or a
 * sort's result). Its items are the row records — HkInfluencer, HkPost,
 * HkTrackingRow, HkPayout — made by get_item when asked, so a model of ten
 * million tracking rows holds no object until a list shows one, and then only
 * what it shows. Each get_item makes a new record; nothing is cached.
 *
 * Rows are numbered as the dataset stores them, the records' "index": posts,
 * tracking rows and payouts grouped by influencer, then (tracking) the
 * unattributed rows, then the orphans. The holdout table has no records.
 *
 * Filter and sort big tables by computing rows in core and calling
 * hk_row_model_set_rows (): a GtkFilterListModel or GtkSortListModel would ask
 * for every item. */

HkRowModel *hk_row_model_new                (HkDataset   *dataset,
                                             HkTable      table);
/* rows (n_rows of them, each below hk_dataset_get_n_rows ()) are copied. */
HkRowModel *hk_row_model_new_for_rows       (HkDataset   *dataset,
                                             HkTable      table,
                                             const guint *rows,
                                             guint        n_rows);
/* The posts, tracking rows or payouts of one influencer, in file order (a
 * range of rows, nothing copied); for the influencers table, the influencer. */
HkRowModel *hk_row_model_new_for_influencer (HkDataset   *dataset,
                                             HkTable      table,
                                             guint        influencer_index);

HkDataset  *hk_row_model_get_dataset        (HkRowModel  *self);
HkTable     hk_row_model_get_table          (HkRowModel  *self);
/* The row shown at position; G_MAXUINT when position is out of range. */
guint       hk_row_model_get_row            (HkRowModel  *self,
                                             guint        position);
/* Shows rows instead (copied; each below hk_dataset_get_n_rows ()). Emits one
 * items-changed over the positions whose row changed, none when none did. */
void        hk_row_model_set_rows           (HkRowModel  *self,
                                             const guint *rows,
                                             guint        n_rows);
/* Shows rows first … first + n_rows - 1 instead, without an array (all rows:
 * 0 and hk_dataset_get_n_rows ()). Emits items-changed like set_rows. */
void        hk_row_model_set_range          (HkRowModel  *self,
                                             guint        first,
                                             guint        n_rows);

G_END_DECLS
