/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "hk-date.h"
#include "hk-influencer-rows.h"
#include "hk-influencer.h"
#include "hk-post-rows.h"
#include "hk-post.h"
#include "hk-simulator.h"

static HkDataset *dataset;

static HkDataset *
demo_dataset (void)
{
  if (dataset == NULL)
    {
      HkSimulatorOptions options;
      g_autoptr(GError) error = NULL;

      hk_simulator_options_init (&options);
      dataset = hk_simulator_generate_dataset (&options, NULL, &error);
      g_assert_no_error (error);
    }
  return dataset;
}

/* The rows kept add up to the posts, reach, likes and comments the engine
 * counts for the same filter. */
static void
check_against_engine (HkEngine       *engine,
                      const HkFilter *filter)
{
  HkAnalysisOptions options;
  g_autoptr(HkAnalysis) analysis = NULL;
  const HkMetrics *totals;
  g_autofree guint *rows = NULL;
  guint n = 0;
  double reach = 0, likes = 0, comments = 0;
  HkDataset *ds = hk_engine_get_dataset (engine);

  hk_analysis_options_init (&options);
  analysis = hk_engine_analyze (engine, filter, &options);
  totals = hk_analysis_get_totals (analysis);
  rows = hk_post_rows_select (analysis, NULL, &n);
  for (guint k = 0; k < n; k++)
    {
      reach += hk_post_rows_get_number (ds, rows[k], HK_POST_COLUMN_REACH);
      likes += hk_post_rows_get_number (ds, rows[k], HK_POST_COLUMN_LIKES);
      comments += hk_post_rows_get_number (ds, rows[k], HK_POST_COLUMN_COMMENTS);
      if (k > 0)
        g_assert_cmpuint (rows[k - 1], <, rows[k]);
    }
  g_assert_cmpfloat (n, ==, totals->posts);
  g_assert_cmpfloat_with_epsilon (reach, totals->reach, 1e-6 * MAX (1, totals->reach));
  g_assert_cmpfloat_with_epsilon (likes, totals->likes, 1e-6 * MAX (1, totals->likes));
  g_assert_cmpfloat_with_epsilon (comments, totals->comments, 1e-6 * MAX (1, totals->comments));
}

static void
test_select_matches_engine (void)
{
  HkDataset *ds = demo_dataset ();
  g_autoptr(HkEngine) engine = hk_engine_new (ds);
  g_autoptr(HkFilter) filter = hk_filter_new ();
  g_autoptr(GPtrArray) brands = hk_dataset_dup_values (ds, HK_DIM_BRAND);
  g_autoptr(GPtrArray) platforms = hk_dataset_dup_values (ds, HK_DIM_PLATFORM);
  gint32 first, last;

  check_against_engine (engine, filter);

  g_assert_cmpuint (brands->len, >, 1);
  hk_filter_add (filter, HK_DIM_BRAND, ((HkValueCount *) brands->pdata[0])->value);
  check_against_engine (engine, filter);

  hk_filter_add (filter, HK_DIM_PLATFORM, ((HkValueCount *) platforms->pdata[0])->value);
  check_against_engine (engine, filter);

  g_assert_true (hk_dataset_get_date_range (ds, &first, &last));
  hk_filter_set_date_range (filter, first + 20, first + 50);
  check_against_engine (engine, filter);

  hk_filter_set_search (filter, "a");
  check_against_engine (engine, filter);
}

/* The cells read from the columns are what the post records say. */
static void
test_cells_match_records (void)
{
  HkDataset *ds = demo_dataset ();
  guint n = hk_dataset_get_n_rows (ds, HK_TABLE_POSTS);

  g_assert_cmpuint (n, >, 0);
  for (guint row = 0; row < n; row += 7)
    {
      g_autoptr(HkPost) post = hk_post_new (ds, row);
      double reach = hk_post_get_reach (post);

      g_assert_cmpfloat (hk_post_rows_get_number (ds, row, HK_POST_COLUMN_DATE), ==, hk_post_get_date (post));
      g_assert_cmpfloat (hk_post_rows_get_number (ds, row, HK_POST_COLUMN_REACH), ==, reach);
      g_assert_cmpfloat (hk_post_rows_get_number (ds, row, HK_POST_COLUMN_LIKES), ==, hk_post_get_likes (post));
      g_assert_cmpfloat (hk_post_rows_get_number (ds, row, HK_POST_COLUMN_COMMENTS), ==, hk_post_get_comments (post));
      g_assert_cmpstr (hk_post_rows_get_text (ds, row, HK_POST_COLUMN_INFLUENCER_ID), ==, hk_post_get_influencer_id (post));
      g_assert_cmpstr (hk_post_rows_get_text (ds, row, HK_POST_COLUMN_INFLUENCER_NAME), ==, hk_post_get_influencer_name (post));
      g_assert_cmpstr (hk_post_rows_get_text (ds, row, HK_POST_COLUMN_PLATFORM), ==, hk_post_get_platform (post));
      g_assert_cmpstr (hk_post_rows_get_text (ds, row, HK_POST_COLUMN_BRAND), ==, hk_post_get_brand (post));
      g_assert_cmpstr (hk_post_rows_get_text (ds, row, HK_POST_COLUMN_CAMPAIGN), ==, hk_post_get_campaign (post));
      g_assert_cmpstr (hk_post_rows_get_text (ds, row, HK_POST_COLUMN_POST_ID), ==, hk_post_get_post_id (post));
      g_assert_cmpstr (hk_post_rows_get_text (ds, row, HK_POST_COLUMN_URL), ==, hk_post_get_url (post));
      g_assert_cmpstr (hk_post_rows_get_text (ds, row, HK_POST_COLUMN_CAPTION), ==, hk_post_get_caption (post));
    }
}

/* A search keeps the posts whose influencer, post id or caption contains it. */
static void
test_search (void)
{
  HkDataset *ds = demo_dataset ();
  g_autoptr(HkEngine) engine = hk_engine_new (ds);
  g_autoptr(HkFilter) filter = hk_filter_new ();
  HkAnalysisOptions options;
  g_autoptr(HkAnalysis) analysis = NULL;
  g_autofree guint *all = NULL;
  g_autofree guint *found = NULL;
  guint n_all, n_found, expected = 0;
  g_autofree char *needle = NULL;
  g_autofree char *upper = NULL;

  hk_analysis_options_init (&options);
  analysis = hk_engine_analyze (engine, filter, &options);
  all = hk_post_rows_select (analysis, NULL, &n_all);
  g_assert_cmpuint (n_all, >, 0);
  /* Part of the first post's influencer name, in upper case. */
  needle = g_utf8_substring (hk_post_rows_get_text (ds, all[0], HK_POST_COLUMN_INFLUENCER_NAME), 0, 4);
  upper = g_utf8_strup (needle, -1);
  for (guint k = 0; k < n_all; k++)
    {
      g_autofree char *name = g_utf8_strdown (hk_post_rows_get_text (ds, all[k], HK_POST_COLUMN_INFLUENCER_NAME), -1);
      g_autofree char *id = g_utf8_strdown (hk_post_rows_get_text (ds, all[k], HK_POST_COLUMN_INFLUENCER_ID), -1);
      g_autofree char *caption = g_utf8_strdown (hk_post_rows_get_text (ds, all[k], HK_POST_COLUMN_CAPTION), -1);
      g_autofree char *post_id = g_utf8_strdown (hk_post_rows_get_text (ds, all[k], HK_POST_COLUMN_POST_ID), -1);
      g_autofree char *lower = g_utf8_strdown (needle, -1);

      if (strstr (name, lower) || strstr (id, lower) || strstr (caption, lower) || strstr (post_id, lower))
        expected++;
    }
  found = hk_post_rows_select (analysis, upper, &n_found);
  g_assert_cmpuint (n_found, ==, expected);
  g_assert_cmpuint (n_found, >, 0);
  g_assert_cmpuint (n_found, <, n_all);
}

/* The influencer cells read from the columns are what the records say. */
static void
test_influencer_cells (void)
{
  HkDataset *ds = demo_dataset ();

  for (guint i = 0; i < hk_dataset_get_n_influencers (ds); i++)
    {
      g_autoptr(HkInfluencer) record = hk_influencer_new (ds, i);

      g_assert_cmpstr (hk_influencer_rows_get_text (ds, i, HK_INFLUENCER_COLUMN_ID), ==, hk_influencer_get_id (record));
      g_assert_cmpstr (hk_influencer_rows_get_text (ds, i, HK_INFLUENCER_COLUMN_NAME), ==, hk_influencer_get_name (record));
      g_assert_cmpstr (hk_influencer_rows_get_text (ds, i, HK_INFLUENCER_COLUMN_CATEGORY), ==, hk_influencer_get_category (record));
      g_assert_cmpstr (hk_influencer_rows_get_text (ds, i, HK_INFLUENCER_COLUMN_GENDER), ==, hk_influencer_get_gender (record));
      g_assert_cmpstr (hk_influencer_rows_get_text (ds, i, HK_INFLUENCER_COLUMN_PLATFORM), ==, hk_influencer_get_platform (record));
      g_assert_cmpstr (hk_influencer_rows_get_text (ds, i, HK_INFLUENCER_COLUMN_CITY), ==, hk_influencer_get_city (record));
      g_assert_cmpstr (hk_influencer_rows_get_text (ds, i, HK_INFLUENCER_COLUMN_AGE_GROUP), ==, hk_influencer_get_age_group (record));
      g_assert_cmpstr (hk_influencer_rows_get_text (ds, i, HK_INFLUENCER_COLUMN_PERSONA), ==, hk_influencer_get_persona (record));
      g_assert_cmpstr (hk_influencer_rows_get_text (ds, i, HK_INFLUENCER_COLUMN_TIER), ==, hk_influencer_get_tier (record));
      g_assert_cmpfloat (hk_influencer_rows_get_follower_count (ds, i), ==, hk_influencer_get_follower_count (record));
    }
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/row-cells/posts/select-matches-engine", test_select_matches_engine);
  g_test_add_func ("/row-cells/posts/cells-match-records", test_cells_match_records);
  g_test_add_func ("/row-cells/posts/search", test_search);
  g_test_add_func ("/row-cells/influencers", test_influencer_cells);
  status = g_test_run ();
  g_clear_object (&dataset);
  return status;
}
