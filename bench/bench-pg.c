/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PostgreSQL source against the CSV folder it came from (bench/README.md):
 * time to the first view (load, prepare, first analysis), a filter change,
 * what the database sends (rows, bytes of values) and what the dataset holds.
 *   bench-pg LOCATION [--runs N]   LOCATION: a folder or a connection string */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "hk-analysis.h"
#include "hk-folder-source.h"
#include "hk-pg-source.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (double *t,
        int     n)
{
  qsort (t, n, sizeof (double), compare_doubles);
  return n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
}

int
main (int    argc,
      char **argv)
{
  const char *location;
  int runs = 3;
  double t_load[16], t_first[16], t_filter[16];
  guint64 rows = 0, bytes = 0;
  guint n_tracking = 0;
  struct rusage ru;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-pg LOCATION [--runs N]\n");
      return 2;
    }
  location = argv[1];
  if (argc > 3 && g_str_equal (argv[2], "--runs"))
    runs = CLAMP (atoi (argv[3]), 1, 15);

  for (int r = 0; r < runs; r++)
    {
      g_autoptr(HkSource) source = hk_pg_is_location (location) ? hk_pg_source_new (location, NULL)
                                                                 : hk_folder_source_new (location);
      g_autoptr(GError) error = NULL;
      g_autoptr(HkDataset) ds = NULL;
      g_autoptr(HkEngine) engine = NULL;
      g_autoptr(HkFilter) brand = hk_filter_new ();
      g_autoptr(HkFilter) none = hk_filter_new ();
      HkAnalysis *a;
      gint64 start = g_get_monotonic_time ();

      ds = hk_source_load (source, NULL, NULL, NULL, NULL, &error);
      if (ds == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      t_load[r] = (g_get_monotonic_time () - start) / 1e6;
      engine = hk_engine_new (ds);
      a = hk_engine_analyze (engine, none, NULL);
      hk_analysis_unref (a);
      t_first[r] = (g_get_monotonic_time () - start) / 1e6;

      hk_filter_add (brand, HK_DIM_BRAND, "MuscleBlaze");
      start = g_get_monotonic_time ();
      a = hk_engine_analyze (engine, brand, NULL);
      hk_analysis_unref (a);
      t_filter[r] = (g_get_monotonic_time () - start) / 1e3;

      if (HK_IS_PG_SOURCE (source))
        hk_pg_source_get_fetched (HK_PG_SOURCE (source), &rows, &bytes);
      n_tracking = hk_dataset_get_n_rows (ds, HK_TABLE_TRACKING);
    }
  getrusage (RUSAGE_SELF, &ru);
  printf ("dataset: %u tracking rows held\n", n_tracking);
  if (hk_pg_is_location (location))
    printf ("fetched: %" G_GUINT64_FORMAT " rows, %.1f MB of values\n", rows, bytes / 1e6);
  printf ("load:               %7.2f s (median of %d)\n", median (t_load, runs), runs);
  printf ("first view:         %7.2f s (load, prepare, first analysis)\n", median (t_first, runs));
  printf ("filter change:      %7.1f ms (brand; local, no query)\n", median (t_filter, runs));
  printf ("peak RSS:           %7.0f MB\n", ru.ru_maxrss / 1024.0);
  return 0;
}
