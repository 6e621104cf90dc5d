/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hk-dataset-builder.h"
#include "hk-dataset.h"
#include "hk-import-report.h"

G_BEGIN_DECLS

/* Where a dataset comes from (DESIGN.md §7): a folder of CSV files, the
 * simulator, later a database. Every source fills the same dataset model
 * through an HkDatasetBuilder, so the engine, filters and exports cannot tell
 * them apart. Any thread may run a source; one at a time. */
#define HK_TYPE_SOURCE (hk_source_get_type ())
G_DECLARE_INTERFACE (HkSource, hk_source, HK, SOURCE, GObject)

struct _HkSourceInterface
{
  GTypeInterface parent_iface;

  /* Begins, fills and ends the tables it has, in HkTable order. NULL for a
   * source that makes its dataset another way (and overrides load). */
  gboolean   (*fill) (HkSource          *self,
                      HkDatasetBuilder  *builder,
                      HkProgressFunc     progress,
                      gpointer           progress_data,
                      GCancellable      *cancellable,
                      GError           **error);
  /* Default: fill a new builder and finish it. */
  HkDataset *(*load) (HkSource          *self,
                      HkProgressFunc     progress,
                      gpointer           progress_data,
                      GCancellable      *cancellable,
                      HkImportReport   **report,
                      GError           **error);
};

gboolean   hk_source_fill (HkSource          *self,
                           HkDatasetBuilder  *builder,
                           HkProgressFunc     progress,
                           gpointer           progress_data,
                           GCancellable      *cancellable,
                           GError           **error);
/* The dataset, or NULL with error; then report (if not NULL) receives the
 * import report of a source that could not be read, when there is one. */
HkDataset *hk_source_load (HkSource          *self,
                           HkProgressFunc     progress,
                           gpointer           progress_data,
                           GCancellable      *cancellable,
                           HkImportReport   **report,
                           GError           **error);

G_END_DECLS
