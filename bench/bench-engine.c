/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Times loading a dataset, one full aggregation, re-aggregation after a brand
 * and a date-range filter change, and writing all summaries; prints medians
 * of 5 and the peak resident memory.
 *
 *   bench-engine DIR [--runs N] [--phase load|analyze|write|all]
 *
 * With HK_BENCH_CACHE=1 the folder is opened through the snapshot cache
 * (as the app reopens it; run once to write the snapshot), so that the
 * analyses read the mapped snapshot instead of parsed columns.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "hk-analysis.h"
#include "hk-big.h"
#include "hk-folder-source.h"
#include "hk-import.h"
#include "hk-summary.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *v,
        int     n)
{
  qsort (v, n, sizeof *v, compare_doubles);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double
peak_rss_mb (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0;
}

int
main (int    argc,
      char **argv)
{
  const char *folder;
  int runs = 5;
  double t[32];
  g_autoptr(HkDataset) ds = NULL;
  g_autoptr(HkEngine) engine = NULL;
  g_autoptr(HkFilter) none = hk_filter_new ();
  g_autoptr(HkFilter) brand = hk_filter_new ();
  g_autoptr(HkFilter) dates = hk_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gint32 first, last;
  gint64 start;

  hk_big_tune_heap (); /* as the programs do */
  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-engine DIR [--runs N]\n");
      return 2;
    }
  folder = argv[1];
  if (argc > 3 && g_str_equal (argv[2], "--runs"))
    runs = CLAMP (atoi (argv[3]), 1, 31);

  /* Loading: each run imports afresh; the last one is kept. */
  for (int r = 0; r < runs; r++)
    {
      g_clear_object (&ds);
      start = g_get_monotonic_time ();
      if (g_getenv ("HK_BENCH_CACHE"))
        {
          g_autoptr(HkSource) source = hk_folder_source_new (folder);

          hk_folder_source_set_use_cache (HK_FOLDER_SOURCE (source), TRUE);
          ds = hk_source_load (source, NULL, NULL, NULL, NULL, &error);
          if (ds && hk_folder_source_get_cache_state (HK_FOLDER_SOURCE (source)) == HK_FOLDER_CACHE_MISS)
            {
              g_autoptr(HkEngine) e = hk_engine_new (ds);
              g_autoptr(GBytes) prepared = hk_engine_save_prepared (e);

              hk_folder_source_store_snapshot (HK_FOLDER_SOURCE (source), ds, prepared, NULL, NULL);
            }
        }
      else
        ds = hk_import_folder (folder, NULL, NULL, NULL, NULL, &error);
      t[r] = (g_get_monotonic_time () - start) / 1e3;
      if (ds == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
    }
  printf ("rows: %u influencers, %u posts, %u tracking rows (%.1f bytes per tracking row)\n",
          hk_dataset_get_n_influencers (ds), hk_dataset_get_n_rows (ds, HK_TABLE_POSTS),
          hk_dataset_get_n_rows (ds, HK_TABLE_TRACKING),
          (double) hk_dataset_get_tracking_memory_size (ds) / MAX (1, hk_dataset_get_n_rows (ds, HK_TABLE_TRACKING)));
  printf ("load:                    %8.1f ms (median of %d)\n", median (t, runs), runs);

  start = g_get_monotonic_time ();
  engine = hk_engine_new (ds);
  printf ("prepare (once a dataset): %7.1f ms\n", (g_get_monotonic_time () - start) / 1e3);

  hk_filter_add (brand, HK_DIM_BRAND, "MuscleBlaze");
  hk_dataset_get_date_range (ds, &first, &last);
  hk_filter_set_date_range (dates, first + (last - first) / 3, last - (last - first) / 3);

  {
    HkAnalysisOptions all, dashboard;
    const struct { const char *name; HkFilter *filter; const HkAnalysisOptions *options; } cases[] = {
      { "analysis, no filter:    ", none, &all },
      { "re-analysis, brand:     ", brand, &all },
      { "re-analysis, date range:", dates, &all },
      { "dashboard groups, brand:", brand, &dashboard },
      { "dashboard groups, dates:", dates, &dashboard },
    };

    /* The dashboard keeps only the groups it shows: brands, campaigns, days
     * (hk-window.c read_options). */
    hk_analysis_options_init (&all);
    hk_analysis_options_init (&dashboard);
    dashboard.row_dimensions = (1u << HK_DIM_BRAND) | (1u << HK_DIM_CAMPAIGN) | (1u << HK_DIM_DAY);

    for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
      {
        for (int r = 0; r < runs; r++)
          {
            HkAnalysis *a;

            start = g_get_monotonic_time ();
            a = hk_engine_analyze (engine, cases[c].filter, cases[c].options);
            t[r] = (g_get_monotonic_time () - start) / 1e3;
            hk_analysis_unref (a);
          }
        printf ("%s %8.1f ms\n", cases[c].name, median (t, runs));
      }
  }

  out = g_dir_make_tmp ("bench-summary-XXXXXX", NULL);
  for (int r = 0; r < runs; r++)
    {
      g_autoptr(HkAnalysis) a = hk_engine_analyze (engine, none, NULL);

      start = g_get_monotonic_time ();
      if (!hk_summary_write (a, out, HK_SUMMARY_CSV, NULL, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      t[r] = (g_get_monotonic_time () - start) / 1e3;
    }
  printf ("write all summaries:     %8.1f ms\n", median (t, runs));
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", out);
    if (system (cmd) != 0)
      fprintf (stderr, "could not remove %s\n", out);
  }
  printf ("peak RSS:                %8.1f MB\n", peak_rss_mb ());
  return 0;
}
