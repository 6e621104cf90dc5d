/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hk-dataset.h"
#include "hk-import-report.h"
#include "hk-schema.h"

G_BEGIN_DECLS

/* Builds an HkDataset from rows, table by table, the way the importer builds
 * one from CSV files: the same checks (a bad cell skips its row and is
 * reported), pools, grouping by influencer, orphans, derived brands, personas,
 * tiers and import report. For sources other than files: the simulator, a
 * database. Not thread-safe; one thread fills it.
 *
 * Tables come in HkTable order, each at most once; a table never begun is
 * missing. Within a table, a row is set cell by cell (every cell starts
 * empty), then added. Cells are addressed by role (hk-schema.h), extra
 * columns by their index among the header's unknown columns. Text is copied
 * when set. Rows are numbered in messages as the lines of a CSV file of the
 * table would be (the header on line 1). */
typedef struct _HkDatasetBuilder HkDatasetBuilder;

HkDatasetBuilder *hk_dataset_builder_new         (void);
void              hk_dataset_builder_free        (HkDatasetBuilder   *self);

/* header: the table's columns as named (NULL-terminated), matched to the
 * schema as the importer matches a file's header; the others are kept as
 * extra columns, in order. A header without a required column makes the table
 * unusable, as a file would be: its rows are ignored. file_name: the name the
 * report and messages use (NULL: hk_table_file_name()). */
void              hk_dataset_builder_begin_table (HkDatasetBuilder   *self,
                                                  HkTable             table,
                                                  const char         *file_name,
                                                  const char * const *header);
/* Ids, names, texts, pooled values, a basis ("post", "per order", …) or an
 * A/B group ("exposed", "holdout", …); NULL or "" is empty. len may be -1. */
void              hk_dataset_builder_set_text    (HkDatasetBuilder   *self,
                                                  guint               role,
                                                  const char         *text,
                                                  gssize              len);
/* Numbers; NAN is empty. */
void              hk_dataset_builder_set_number  (HkDatasetBuilder   *self,
                                                  guint               role,
                                                  double              value);
/* Dates as day numbers (hk-date.h); HK_DAY_NONE is empty. */
void              hk_dataset_builder_set_day     (HkDatasetBuilder   *self,
                                                  guint               role,
                                                  gint32              day);
void              hk_dataset_builder_set_extra   (HkDatasetBuilder   *self,
                                                  guint               extra,
                                                  const char         *text,
                                                  gssize              len);
/* The row added next stands for n rows of the table (n >= 1): a source that
 * fetches rows pre-aggregated (DESIGN.md §7) says how many each one sums, so
 * that row counts, orphan counts and the import report count the original
 * rows. Tracking only: its numbers are the rows' sums. */
void              hk_dataset_builder_set_row_count (HkDatasetBuilder *self,
                                                    guint32           n);
/* The name a table is reported under when it is never begun (default:
 * hk_table_file_name()), e.g. a database table. */
void              hk_dataset_builder_set_table_name (HkDatasetBuilder *self,
                                                     HkTable           table,
                                                     const char       *name);
/* Adds the row set so far and starts an empty one. FALSE when a bad cell
 * skipped it (the report says why). */
gboolean          hk_dataset_builder_add_row     (HkDatasetBuilder   *self);
void              hk_dataset_builder_end_table   (HkDatasetBuilder   *self);

/* The dataset, which has no folder; or NULL when influencers or tracking are
 * missing or unusable (HK_IMPORT_ERROR_MISSING_TABLE), and then, if report is
 * not NULL, the report saying why. The builder is spent: only free it. */
HkDataset        *hk_dataset_builder_finish      (HkDatasetBuilder   *self,
                                                  HkImportReport    **report,
                                                  GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HkDatasetBuilder, hk_dataset_builder_free)

G_END_DECLS
