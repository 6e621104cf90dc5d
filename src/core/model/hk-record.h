/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "hk-dataset.h"

G_BEGIN_DECLS

#define HK_TYPE_RECORD (hk_record_get_type ())
G_DECLARE_DERIVABLE_TYPE (HkRecord, hk_record, HK, RECORD, GObject)

/* The base of the row records (HkInfluencer, HkPost, HkTrackingRow,
 * HkPayout): a reference on a dataset and the index of a row of one of its
 * tables, the construct-only properties "dataset" and "index". A record made
 * by g_object_new() without a dataset, or with an index past the table's rows,
 * logs a critical and has no row: its dataset is NULL and the getters of the
 * subclasses refuse it. Subclasses read the columns through
 * hk-record-private.h. */

struct _HkRecordClass
{
  GObjectClass parent_class;

  /* The table whose rows the subclass reads; set in its class_init. */
  HkTable      table;
};

/* NULL for a record without a row. */
HkDataset *hk_record_get_dataset (HkRecord *self);
guint      hk_record_get_index   (HkRecord *self);

G_END_DECLS
