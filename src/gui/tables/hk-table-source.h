/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hk-analysis.h"
#include "hk-gui-format.h"

G_BEGIN_DECLS

/* What one kind of table shows: its columns and how to read its rows from an
 * analysis. Rows are plain indices (an influencer group, a post row, a
 * position in the top list…); every function but update_model and
 * item_get_row reads only immutable data, so searching, sorting, totals and
 * exports run in worker threads. HkDataTable shows any source. */

typedef struct {
  const char *id;     /* the export column name: "revenue" */
  const char *title;  /* N_() */
  HkCellKind  kind;
  int         metric; /* an HkMetric read from get_metrics, or -1 */
  int         width;  /* fixed width in pixels; 0: the kind's default */
} HkTableColumn;

typedef struct _HkTableSource HkTableSource;

struct _HkTableSource {
  const char          *name;                /* "influencers": settings and lookups */
  const HkTableColumn *columns;
  guint                n_columns;
  const char          *search_placeholder;  /* N_() */
  const char          *row_noun;            /* N_() with %s: "%s influencers" */
  int                  default_sort;        /* column, or -1: the rows' own order */
  gboolean             default_descending;

  /* The rows to show, in their own order; param is the influencer index for
   * the per-influencer tables. search is casefolded, NULL for none. */
  guint      *(*dup_rows)       (HkAnalysis   *analysis,
                                 guint         param,
                                 const char   *search_folded,
                                 guint        *n_rows);
  /* The metrics of a row, for columns with a metric (NULL when none has one). */
  const HkMetrics *(*get_metrics) (HkAnalysis *analysis,
                                 guint         row);
  /* For number kinds without a metric; NAN when undefined. */
  double      (*get_number)     (HkAnalysis   *analysis,
                                 guint         row,
                                 guint         column);
  /* For text kinds; borrowed, never NULL. */
  const char *(*get_text)       (HkAnalysis   *analysis,
                                 guint         row,
                                 guint         column);
  /* The footer: "1,234 influencers · Spend ₹… · Revenue ₹…". */
  char       *(*dup_totals)     (HkAnalysis   *analysis,
                                 const guint  *rows,
                                 guint         n_rows,
                                 HkMoneyStyle  style);
  /* The dataset index of the row's influencer, -1 for none; NULL for tables
   * whose rows are not about one influencer. */
  int         (*get_influencer) (HkAnalysis   *analysis,
                                 guint         row);

  /* Main thread: shows rows (sorted) in model, or in a new model when model
   * is NULL or belongs to another dataset; returns the model to show. */
  GListModel *(*update_model)   (GListModel   *model,
                                 HkAnalysis   *analysis,
                                 guint         param,
                                 const guint  *rows,
                                 guint         n_rows);
  guint       (*item_get_row)   (gpointer      item);
};

const HkTableSource *hk_table_source_lookup (const char          *name);
/* The export name of a column. */
const char          *hk_table_source_get_column_id (const HkTableSource *source,
                                                    guint                column);
/* A number cell's value (metric or get_number). */
double               hk_table_source_get_number (const HkTableSource *source,
                                                 HkAnalysis          *analysis,
                                                 guint                row,
                                                 guint                column);
int                  hk_table_source_find_column (const HkTableSource *source,
                                                  const char          *id);

/* Sorts rows in place by column (NAN and empty text last in either
 * direction; ties keep the rows' own order). */
void                 hk_table_source_sort   (const HkTableSource *source,
                                             HkAnalysis          *analysis,
                                             guint               *rows,
                                             guint                n_rows,
                                             guint                column,
                                             gboolean             descending);
/* A cell as the table shows it. */
char                *hk_table_source_format_cell (const HkTableSource *source,
                                             HkAnalysis          *analysis,
                                             guint                row,
                                             guint                column,
                                             HkMoneyStyle         style);
/* Writes rows as CSV through the core writer: a header of column ids, then
 * text as written, numbers as plain numbers, undefined as an empty cell, days
 * as ISO dates, flags as true/false. Atomic: a failure keeps the old file. */
gboolean             hk_table_source_write_csv (const HkTableSource *source,
                                             HkAnalysis          *analysis,
                                             const guint         *rows,
                                             guint                n_rows,
                                             const char          *path,
                                             GCancellable        *cancellable,
                                             GError             **error);

G_END_DECLS
