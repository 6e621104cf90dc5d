/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hk-import-report.h"
#include "hk-types.h"

G_BEGIN_DECLS

#define HK_TYPE_DATASET (hk_dataset_get_type ())
G_DECLARE_FINAL_TYPE (HkDataset, hk_dataset, HK, DATASET, GObject)

/* An imported dataset: the four tables and the optional holdout groups, held in
 * columns. Immutable once imported, so any thread may read it. */

/* A value of a dimension as it appears in the data, and how many rows carry it
 * (influencers for influencer attributes, attributed tracking rows otherwise:
 * a brand or campaign only posts carry is listed with 0). */
typedef struct {
  char   *value; /* "" is the empty value, shown "Unknown" */
  guint64 count;
} HkValueCount;

const char     *hk_dataset_get_folder       (HkDataset    *self);
/* Where a dataset that is not a folder came from, for titles: a database
 * ("user@host:port/db, schema s", no password); NULL for a folder or the
 * simulator. */
const char     *hk_dataset_get_location     (HkDataset    *self);
HkImportReport *hk_dataset_get_report       (HkDataset    *self);
gboolean        hk_dataset_has_table        (HkDataset    *self,
                                             HkTable       table);
/* Rows kept, orphans included (tracking: unattributed included). */
guint           hk_dataset_get_n_rows       (HkDataset    *self,
                                             HkTable       table);
guint           hk_dataset_get_n_influencers (HkDataset   *self);
/* The rows the table had where it came from: a database's tracking rows
 * arrive pre-aggregated, each standing for several (DESIGN.md §7). */
guint64         hk_dataset_get_n_source_rows (HkDataset   *self,
                                              HkTable      table);
/* FALSE when there are no dated rows. */
gboolean        hk_dataset_get_date_range   (HkDataset    *self,
                                             gint32       *first_day,
                                             gint32       *last_day);
/* Values present, sorted by value; HK_DIM_DAY and HK_DIM_INFLUENCER are not lists
 * of choices and return an empty array. */
GPtrArray      *hk_dataset_dup_values       (HkDataset    *self,
                                             HkDimension   dim);
/* The columns of table the importer keeps without interpreting them, under
 * their headers as written, in file order: a NULL-terminated array owned by the
 * dataset (empty for a missing table). */
const char * const *hk_dataset_get_extra_columns (HkDataset *self,
                                                  HkTable    table);
/* The cell of extra column number column (an index into the array above) in
 * row, as written; "" when empty. Rows are numbered as the dataset stores them
 * (posts, tracking rows and payouts grouped by influencer, see HkRowModel and the
 * records' "index"), not in file order. */
const char     *hk_dataset_get_extra_cell   (HkDataset    *self,
                                             HkTable       table,
                                             guint         column,
                                             guint         row);
/* Bytes held by the columns and pools. */
gsize           hk_dataset_get_memory_size  (HkDataset    *self);
gsize           hk_dataset_get_tracking_memory_size (HkDataset *self);

/* Writes every table back as CSV (known columns under their original headers,
 * then the unknown columns as they were) into folder: all tables or none, each
 * replaced whole (an HkFileSet). */
gboolean        hk_dataset_write_folder     (HkDataset    *self,
                                             const char   *folder,
                                             GCancellable *cancellable,
                                             GError      **error);

void            hk_value_count_free         (HkValueCount *value);

G_END_DECLS
