/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

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
  /* The world's knobs for validating the estimators (docs/data-format.md). */
  guint   n_holdout_users;  /* per holdout test; 0: 15% of its target users (10% from
                             * 50,000 exposed users) */
  double  basket_sigma;     /* σ of a log-normal basket multiplier (mean 1) on the units
                             * of every purchase; 0: 1-3 units */
  double  test_lift;        /* what the tested campaigns' posts cause, relative to the
                             * others' (1); 0: they cause nothing (a true lift of 0) */
  gboolean write_truth;     /* hk_simulator_write_folder() also writes truth.json */
  /* The shape of the data: the same world written as other systems write it
   * (docs/data-format.md, "Shapes"). All off by default. */
  gboolean text_ids;        /* INF000123, P0000001, PAY0000001 instead of 123, 1, 1;
                             * user ids of at least 8 digits (U00196928) */
  gboolean long_names;      /* products and campaigns under long names */
  gboolean extra_columns;   /* one or two unknown columns at the end of every table */
  gboolean decimals;        /* revenue, rates and payouts with two decimals (CSV only) */
  gboolean quote_all;       /* every CSV field quoted (CSV only) */
  gboolean crlf;            /* CRLF line ends (CSV only) */
} HkSimulatorOptions;

/* The truth the simulator planted, so tests and benchmarks can score the
 * estimates (truth.json holds the same). Money in rupees. */
typedef struct {
  char   *campaign;
  char   *brand;
  guint64 exposed_users;
  guint64 holdout_users;
  double  true_incremental_revenue; /* the lift: revenue the exposure added to the
                                     * exposed users in the test window */
  gint32  start_day;                /* the test window */
  gint32  end_day;
} HkSimulatedHoldout;

typedef struct {
  char   *campaign;
  char   *brand;
  gint32  start_day;                /* when it ran (its posts lie in between) */
  gint32  end_day;
  guint   posts;
  double  true_incremental_revenue; /* of the purchases its posts caused, credited
                                     * to an influencer or looking organic */
  double  attributed_revenue;       /* credited to its influencers (last click) */
  double  over_attributed_revenue;  /* credited, but would have happened anyway */
} HkSimulatedCampaign;

typedef struct {
  char   *influencer_id;
  double  quality;                  /* conversion multiplier, around 1 */
  double  expected_revenue;         /* attributed revenue expected from its posts */
  double  expected_incremental_revenue; /* revenue its posts are expected to cause */
  double  expected_spend;           /* its payouts on expected units; 0 without posts */
  double  true_roas;                /* expected_revenue ÷ expected_spend: what its
                                     * observed ROAS estimates; NAN without spend */
  double  true_iroas;               /* expected_incremental_revenue ÷ expected_spend */
} HkSimulatedInfluencer;

typedef struct {
  GPtrArray *holdouts;    /* of HkSimulatedHoldout, the tests */
  GPtrArray *campaigns;   /* of HkSimulatedCampaign, every campaign with a post */
  GPtrArray *influencers; /* of HkSimulatedInfluencer, in id order */
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
/* Creates folder if needed and writes hk_table_file_name() files into it
 * atomically, and truth.json with them when options->write_truth. */
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
/* truth.json's content: {"campaigns": [...], "tests": [...], "influencers": [...]}
 * (docs/data-format.md). Same truth, same bytes. */
JsonNode *hk_simulation_truth_to_json (const HkSimulationTruth  *truth);
char     *hk_simulation_truth_to_data (const HkSimulationTruth  *truth,
                                       gsize                    *length);
/* The campaign's or test's truth by name; NULL when none. */
const HkSimulatedCampaign *hk_simulation_truth_find_campaign (const HkSimulationTruth *truth,
                                                              const char              *campaign);
const HkSimulatedHoldout  *hk_simulation_truth_find_test     (const HkSimulationTruth *truth,
                                                              const char              *campaign);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HkSimulationTruth, hk_simulation_truth_free)

G_END_DECLS
