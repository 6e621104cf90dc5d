/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hk-dataset-private.h"
#include "hk-record.h"

G_BEGIN_DECLS

/* For the subclasses of HkRecord. */

/* The row a record reads: dataset is NULL when it has none. */
typedef struct {
  HkDataset *dataset;
  guint      index;
} HkRecordRow;

/* Borrowed; self must be a record (its type checked by the caller). */
const HkRecordRow *hk_record_get_row (HkRecord *self);

/* The start of a getter: a critical and `return value` unless self is one of
 * the subclass's records (is_type: its HK_IS_… macro) with a row. A record
 * made by g_object_new() with no dataset or a bad index has none: the getters
 * refuse it rather than read outside the columns. */
#define HK_RECORD_RETURN_IF_NO_ROW(is_type, self, value) \
  g_return_val_if_fail (is_type (self) && hk_record_get_row (HK_RECORD (self))->dataset != NULL, value)

/* The same guard, then the row's dataset in ds and its index in r. */
#define HK_RECORD_GET_ROW_OR_RETURN(is_type, self, ds, r, value) \
  G_STMT_START {                                                  \
    const HkRecordRow *hk_record_row_;                            \
                                                                  \
    HK_RECORD_RETURN_IF_NO_ROW (is_type, self, value);            \
    hk_record_row_ = hk_record_get_row (HK_RECORD (self));        \
    (ds) = hk_record_row_->dataset;                               \
    (r) = hk_record_row_->index;                                  \
  } G_STMT_END

/* For a record with a row of a table grouped by influencer (posts, tracking,
 * payouts): the influencer's index, -1 for an unattributed row and an orphan;
 * the id the row names, an orphan's too, "" when unattributed; the
 * influencer's name, "" when unattributed or an orphan. */
int         hk_record_get_influencer_index   (HkRecord    *self);
const char *hk_record_get_influencer_id      (HkRecord    *self);
const char *hk_record_get_influencer_name    (HkRecord    *self);

/* For the class_init of those records: their read-only properties
 * "influencer-index", "influencer-id" and "influencer-name", made into
 * pspecs[0], pspecs[1] and pspecs[2], for the subclass to install. */
void        hk_record_make_influencer_pspecs (GParamSpec **pspecs);

/* A day number as YYYY-MM-DD, "" for HK_DAY_NONE; owned. */
char       *hk_record_format_day             (gint32       day);

G_END_DECLS
