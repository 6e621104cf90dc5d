/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The snapshot reader (issue 17): whatever the bytes of a cached snapshot,
 * hk_snapshot_load() refuses them or makes a dataset whose every index stays
 * inside its arrays. The fuzzing build does not compare the header's
 * checksum (FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION), so that mutated
 * metadata, directories and columns reach the checks behind it; a dataset
 * that loads is then checked (hk_snapshot_verify()), its values listed, a
 * few rows looked up and the whole of it analysed, as the app would.
 *
 * Seeds: corpus/fuzz-snapshot, snapshots of copies of tests/data/real-world,
 * tests/data/assignment-canonical and a small simulated folder, made again
 * whenever HK_SNAPSHOT_VERSION changes:
 *
 *   influencer-report simulate --out /tmp/seeds/sim --influencers 12 --posts 40 --tracking-rows 300 --seed 7
 *   XDG_CACHE_HOME=/tmp/seedcache influencer-report summary /tmp/seeds/sim --out /tmp/seeds/out
 *   cp /tmp/seedcache/com.healthkart.InfluencerDashboard/\*.hksnap tests/fuzz/corpus/fuzz-snapshot/sim.hksnap */
#include "config.h"

#include <string.h>

#include "hk-analysis.h"
#include "hk-snapshot.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
exercise (HkDataset *ds)
{
  g_autoptr(HkEngine) engine = hk_engine_new (ds);
  g_autoptr(HkFilter) filter = hk_filter_new ();
  g_autoptr(HkAnalysis) analysis = NULL;
  HkAnalysisOptions options;

  for (guint d = 0; d < HK_N_DIMS; d++)
    g_ptr_array_unref (hk_dataset_dup_values (ds, d));
  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      guint rows = hk_dataset_get_n_rows (ds, t);
      const char * const *extras = hk_dataset_get_extra_columns (ds, t);

      for (guint e = 0; extras[e] != NULL; e++)
        if (rows > 0)
          (void) hk_dataset_get_extra_cell (ds, t, e, rows - 1);
    }
  hk_analysis_options_init (&options);
  options.top_n = 3;
  analysis = hk_engine_analyze (engine, filter, &options);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  /* Aligned as a mapped file is. */
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(HkDataset) ds = hk_snapshot_load (bytes, NULL, NULL, NULL);

  if (ds == NULL)
    return 0;
  (void) hk_snapshot_verify (ds, NULL, NULL);
  exercise (ds);
  return 0;
}
