/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hk-dataset.h"
#include "hk-dataset-builder.h"
#include "hk-types.h"

G_BEGIN_DECLS

typedef struct {
  guint64 seed;
  guint   n_influencers;
  guint   n_posts;
  guint64 n_tracking_rows;  /* exactly this many rows are written */
  gint32  start_day;        /* first simulated day (day number, hk-date.h) */
  gint32  end_day;          /* last simulated day, inclusive */
} HkSimulatorOptions;

/* The truth the simulator planted, so tests can check the estimates. */
typedef struct {
  char   *campaign;
  char   *brand;
  guint64 exposed_users;
  guint64 holdout_users;
  double  true_incremental_revenue; /* revenue the exposure added, in rupees */
} HkSimulatedHoldout;

typedef struct {
  GPtrArray *holdouts; /* of HkSimulatedHoldout */
} HkSimulationTruth;

/* Defaults: the embedded demo dataset (fixed seed, generates well under a second). */
void      hk_simulator_options_init  (HkSimulatorOptions        *options);
gboolean  hk_simulator_options_check (const HkSimulatorOptions  *options,
                                      GError                   **error);

/* Writes the five tables as CSV, streaming: memory does not grow with the row
 * count. streams is indexed by HkTable; none is closed. Same options, same bytes. */
gboolean  hk_simulator_write_streams (const HkSimulatorOptions  *options,
                                      GOutputStream             *streams[HK_N_TABLES],
                                      HkSimulationTruth        **truth,
                                      HkProgressFunc             progress,
                                      gpointer                   progress_data,
                                      GCancellable              *cancellable,
                                      GError                   **error);
/* Creates folder if needed and writes hk_table_file_name() files into it atomically. */
gboolean  hk_simulator_write_folder  (const HkSimulatorOptions  *options,
                                      const char                *folder,
                                      HkSimulationTruth        **truth,
                                      HkProgressFunc             progress,
                                      gpointer                   progress_data,
                                      GCancellable              *cancellable,
                                      GError                   **error);

/* The same rows into builder, every table begun and ended, with no CSV in
 * between: the dataset it finishes equals the import of the files above. */
gboolean  hk_simulator_fill          (const HkSimulatorOptions  *options,
                                      HkDatasetBuilder          *builder,
                                      HkSimulationTruth        **truth,
                                      HkProgressFunc             progress,
                                      gpointer                   progress_data,
                                      GCancellable              *cancellable,
                                      GError                   **error);

/* The embedded demo dataset with hk_simulator_options_init () defaults:
 * hk_simulator_fill() into a new builder. The dataset has no folder. */
HkDataset *hk_simulator_generate_dataset (const HkSimulatorOptions *options,
                                          GCancellable             *cancellable,
                                          GError                  **error);

void      hk_simulation_truth_free   (HkSimulationTruth         *truth);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HkSimulationTruth, hk_simulation_truth_free)

G_END_DECLS
