/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The whole path a user's folder takes: the files are written to a folder
 * (found by name, in any case), imported (tracking in two parts on two
 * threads, from 64 bytes), analysed under filters taken from the data, and
 * every summary is written, CSV and JSON, into a folder in memory (/dev/shm
 * where there is one).
 *
 * Input: as fuzz-import (a byte of missing tables, then the five files joined
 * by 0x1E), and its seed corpus; the first byte's top bits also pick the
 * files' alternative names and the iROAS method. Whatever the bytes, nothing
 * may crash or leak, and what was written must read back. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hk-analysis.h"
#include "hk-import.h"
#include "hk-summary.h"

#define SEPARATOR 0x1e

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static const char * const names[2][HK_N_TABLES] = {
  { "influencers.csv", "posts.csv", "tracking_data.csv", "payouts.csv", "holdout_groups.csv" },
  { "Influencers_Data.CSV", "POSTS_DATA.csv", "Tracking.csv", "payouts_data.csv", "HOLDOUT_GROUPS.CSV" },
};

static char *root;

static void
remove_all (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;

  while (d && (entry = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, entry, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_all (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

/* The first value of a dimension the data has, if any. */
static void
add_first_value (HkFilter    *filter,
                 HkDataset   *ds,
                 HkDimension  dim)
{
  g_autoptr(GPtrArray) values = hk_dataset_dup_values (ds, dim);

  if (values->len > 0)
    hk_filter_add (filter, dim, ((HkValueCount *) values->pdata[0])->value);
}

static void
write_summaries (HkAnalysis *analysis)
{
  static const HkSummaryFormat formats[] = { HK_SUMMARY_CSV, HK_SUMMARY_JSON };

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *out = g_build_filename (root, "out", NULL);
      g_autofree char *json_path = g_build_filename (out, "summary.json", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_assert (hk_summary_write (analysis, out, formats[f], NULL, &error));
      g_assert (json_parser_load_from_file (parser, json_path, NULL));
      remove_all (out);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *folder = NULL;
  g_autoptr(HkImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HkDataset) ds = NULL;
  const guint8 *p, *end;
  guint8 flags;

  if (size == 0)
    return 0;
  if (root == NULL)
    {
      const char *shm = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir ();
      g_autofree char *template = g_build_filename (shm, "fuzz-dataset-XXXXXX", NULL);

      root = g_mkdtemp (g_steal_pointer (&template));
      g_assert (root != NULL);
      hk_import_set_split_threshold (64);
    }
  folder = g_build_filename (root, "in", NULL);
  g_assert (g_mkdir_with_parents (folder, 0755) == 0);

  flags = data[0];
  p = data + 1;
  end = data + size;
  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      const guint8 *stop = t + 1 < HK_N_TABLES ? memchr (p, SEPARATOR, end - p) : NULL;

      if (stop == NULL)
        stop = end;
      if (!(flags & (1u << t)))
        {
          g_autofree char *path = g_build_filename (folder, names[(flags >> 5) & 1][t], NULL);
          g_assert (g_file_set_contents (path, (const char *) p, stop - p, NULL));
        }
      p = stop < end ? stop + 1 : end;
    }

  ds = hk_import_folder (folder, NULL, NULL, NULL, &report, &error);
  g_assert ((ds == NULL) == (error != NULL));
  if (ds != NULL)
    {
      g_autoptr(HkEngine) engine = hk_engine_new (ds);
      HkAnalysisOptions options;
      static const HkIroasMethod methods[] = { HK_IROAS_AUTO, HK_IROAS_HOLDOUT, HK_IROAS_PRE_PERIOD, HK_IROAS_ASSUMED };
      g_autoptr(HkFilter) none = hk_filter_new ();
      g_autoptr(HkFilter) rows = hk_filter_new ();
      g_autoptr(HkFilter) people = hk_filter_new ();
      gint32 first, last;
      const HkFilter *filters[3] = { none, rows, people };

      hk_analysis_options_init (&options);
      options.method = methods[flags >> 6];
      options.top_n = 3;

      /* Row filters (one brand, one campaign, a day) and influencer filters. */
      add_first_value (rows, ds, HK_DIM_BRAND);
      add_first_value (rows, ds, HK_DIM_CAMPAIGN);
      if (hk_dataset_get_date_range (ds, &first, &last))
        hk_filter_set_date_range (rows, last, last);
      add_first_value (people, ds, HK_DIM_CITY);
      add_first_value (people, ds, HK_DIM_GENDER);
      hk_filter_set_search (people, "a");

      for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
        {
          g_autoptr(HkAnalysis) analysis = hk_engine_analyze (engine, filters[f], &options);

          g_assert (hk_analysis_get_n_top (analysis) <= 3);
          if (f < 2)
            write_summaries (analysis);
        }
    }
  else if (report != NULL)
    g_assert (hk_import_report_has_problems (report));

  remove_all (folder);
  return 0;
}
