/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hk-analysis.h"
#include "hk-table-source.h"

G_BEGIN_DECLS

#define HK_TYPE_DATA_TABLE (hk_data_table_get_type ())
G_DECLARE_FINAL_TYPE (HkDataTable, hk_data_table, HK, DATA_TABLE, GtkWidget)

/* A sortable, searchable GtkColumnView of an HkTableSource with a totals
 * footer. Rows are searched and sorted in a worker thread whenever the
 * analysis, the search, the sort or the money style changes; results that a
 * newer request overtook are dropped. Undefined numbers sort last in either
 * direction. */

HkDataTable         *hk_data_table_new             (const char    *source);
const HkTableSource *hk_data_table_get_source      (HkDataTable   *self);
/* The analysis the rows shown were computed from (may lag behind the one set
 * while a worker runs; see "busy"). */
HkAnalysis          *hk_data_table_get_analysis    (HkDataTable   *self);
void                 hk_data_table_set_analysis    (HkDataTable   *self,
                                                    HkAnalysis    *analysis);
/* The influencer of the per-influencer tables. */
/* Selects and scrolls to the row of an influencer (dataset index), now or as
 * soon as the table shows its latest analysis; nothing if it has no such row. */
void                 hk_data_table_select_influencer (HkDataTable *self,
                                                    guint          influencer);
void                 hk_data_table_set_influencer  (HkDataTable   *self,
                                                    guint          influencer);
HkMoneyStyle         hk_data_table_get_money_style (HkDataTable   *self);
void                 hk_data_table_set_money_style (HkDataTable   *self,
                                                    HkMoneyStyle   style);
/* Whether rows are being computed. */
gboolean             hk_data_table_get_busy        (HkDataTable   *self);
/* The rows shown, in order (borrowed). */
const guint         *hk_data_table_get_rows        (HkDataTable   *self,
                                                    guint         *n_rows);
GtkColumnView       *hk_data_table_get_column_view (HkDataTable   *self);
const char          *hk_data_table_get_totals      (HkDataTable   *self);
void                 hk_data_table_set_search      (HkDataTable   *self,
                                                    const char    *text);
void                 hk_data_table_focus_search    (HkDataTable   *self);

/* Sorts by a column (its export id), or by the rows' own order with NULL. */
/* The ids of the columns shown (:columns), in the table's order. */
char               **hk_data_table_dup_visible_columns (HkDataTable *self);
/* Shows exactly the columns listed (unknown ids are ignored); NULL: the
 * default, every column but the export-only ones. */
void                 hk_data_table_set_visible_columns (HkDataTable        *self,
                                                        const char * const *ids);
void                 hk_data_table_set_sort        (HkDataTable   *self,
                                                    const char    *column_id,
                                                    gboolean       descending);
/* FALSE when the table shows the rows' own order. */
gboolean             hk_data_table_get_sort        (HkDataTable   *self,
                                                    const char   **column_id,
                                                    gboolean      *descending);

/* Writes the rows shown, in order, as CSV (hk_table_source_write_csv ()) in a
 * worker thread. */
void                 hk_data_table_export_async    (HkDataTable         *self,
                                                    const char          *path,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean             hk_data_table_export_finish   (HkDataTable         *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* Every table of a page in one CSV, one section each in the order given
 * (hk_table_spec_write_sections()), with the rows each shows. Finish with
 * hk_data_table_export_finish() on the first table. */
void                 hk_data_table_export_sections_async (HkDataTable * const *tables,
                                                          guint                n_tables,
                                                          const char          *path,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);

G_END_DECLS
