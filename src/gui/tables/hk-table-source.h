/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hk-gui-format.h"
#include "hk-table-spec.h"

G_BEGIN_DECLS

/* What the app adds to a table of the core's catalogue (hk-table-spec.h) to
 * show it: the footer's words and the list model its column view binds.
 * HkDataTable shows any source. */

typedef struct _HkTableSource HkTableSource;

struct _HkTableSource {
  const char        *name;  /* the spec's */
  const HkTableSpec *spec;

  /* The footer: "1,234 influencers · Spend ₹… · Revenue ₹…". Worker thread. */
  char       *(*dup_totals)     (const HkTableSpec *spec,
                                 HkAnalysis   *analysis,
                                 const guint  *rows,
                                 guint         n_rows,
                                 HkMoneyStyle  style);
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

/* A cell as the table shows it. */
char                *hk_table_source_format_cell (const HkTableSource *source,
                                             HkAnalysis          *analysis,
                                             guint                row,
                                             guint                column,
                                             HkMoneyStyle         style);
/* Writes rows to path as CSV, or as JSON when path ends in ".json", every
 * column of the spec (hk_table_spec_write). Atomic: a failure keeps the old
 * file. */
gboolean             hk_table_source_write (const HkTableSource *source,
                                             HkAnalysis          *analysis,
                                             const guint         *rows,
                                             guint                n_rows,
                                             const char          *path,
                                             GCancellable        *cancellable,
                                             GError             **error);

G_END_DECLS
