/* SPDX-License-Identifier: GPL-3.0-or-later */
/* HkSession: loads on a worker thread, latest-wins analysis, the folder
 * watched, and the synchronous use the CLI makes of it. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "hk-import.h"
#include "hk-session.h"

static char *tmp;

static char *
write_folder (const char *name)
{
  char *dir = g_build_filename (tmp, name, NULL);
  const struct { const char *file, *text; } files[] = {
    { "influencers.csv", "id,name,category,gender,follower_count,platform,city\n"
                         "1,Asha,Fitness,F,50000,Instagram,Pune\n"
                         "2,Ravi,Fitness,M,5000,YouTube,Delhi\n" },
    { "tracking_data.csv", "source,campaign,influencer_id,user_id,product,date,orders,revenue\n"
                           "insta,MB_Jan,1,u1,Whey Gold,2025-01-06,2,3000\n"
                           "yt,HKV_Jan,2,u2,Multivitamin,2025-01-07,1,500\n" },
    { "payouts.csv", "influencer_id,basis,rate,orders,total_payout\n"
                     "1,post,0,,1000\n"
                     "2,post,1000,,1000\n" },
  };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].file, NULL);
      g_assert_true (g_file_set_contents (path, files[i].text, -1, NULL));
    }
  return dir;
}

static void
test_sync (void)
{
  g_autofree char *dir = write_folder ("sync");
  g_autoptr(HkSession) session = hk_session_new ();
  g_autoptr(HkFilter) filter = hk_filter_new ();
  g_autoptr(GError) error = NULL;
  HkAnalysis *analysis;

  g_assert_true (hk_session_load (session, dir, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hk_dataset_get_folder (hk_session_get_dataset (session)), ==, dir);
  /* Used synchronously: nothing is analysed until asked. */
  g_assert_null (hk_session_get_analysis (session));
  g_assert_false (hk_session_get_busy (session));

  hk_filter_add (filter, HK_DIM_CITY, "Pune");
  hk_session_set_filter (session, filter);
  analysis = hk_session_analyze (session);
  g_assert_true (analysis == hk_session_get_analysis (session));
  g_assert_cmpfloat (hk_metrics_get (hk_analysis_get_totals (analysis), HK_METRIC_REVENUE), ==, 3000);
  g_assert_cmpfloat (hk_metrics_get (hk_analysis_get_totals (analysis), HK_METRIC_ROAS), ==, 3);

  /* A folder that cannot be opened: an error, and the data stays. */
  g_assert_false (hk_session_load (session, "/nonexistent/folder", NULL, &error));
  g_assert_error (error, HK_IMPORT_ERROR, HK_IMPORT_ERROR_NOT_FOUND);
  g_assert_cmpstr (hk_dataset_get_folder (hk_session_get_dataset (session)), ==, dir);
}

typedef struct {
  gboolean   done;
  gboolean   ok;
  GError    *error;
} Result;

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Result *r = user_data;

  r->ok = hk_session_load_finish (HK_SESSION (object), result, NULL, &r->error) != NULL;
  r->done = TRUE;
}

static void
wait_for (gboolean *flag)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!*flag)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

static void
on_notify_true (GObject    *object,
                GParamSpec *pspec,
                gpointer    user_data)
{
  *(gboolean *) user_data = TRUE;
}

static gboolean
idle_and_analysed (HkSession *session)
{
  return !hk_session_get_busy (session) && hk_session_get_analysis (session) != NULL;
}

static void
wait_idle (HkSession *session)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!idle_and_analysed (session))
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

static void
test_async (void)
{
  g_autofree char *dir = write_folder ("async");
  g_autoptr(HkSession) session = hk_session_new ();
  g_autoptr(HkFilter) pune = hk_filter_new ();
  g_autoptr(HkFilter) delhi = hk_filter_new ();
  Result first = { 0 }, second = { 0 }, missing = { 0 };
  gboolean dataset_changed = FALSE;

  g_signal_connect (session, "notify::dataset", G_CALLBACK (on_notify_true), &dataset_changed);

  /* A second load replaces the first, which reports itself cancelled. */
  hk_session_load_async (session, NULL, NULL, on_loaded, &first);
  g_assert_true (hk_session_get_loading (session));
  g_assert_true (hk_session_get_busy (session));
  hk_session_load_async (session, dir, NULL, on_loaded, &second);
  wait_for (&first.done);
  wait_for (&second.done);
  g_assert_false (first.ok);
  g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (second.ok);
  g_assert_true (dataset_changed);
  g_assert_cmpstr (hk_dataset_get_folder (hk_session_get_dataset (session)), ==, dir);

  /* The new dataset is analysed by itself. */
  wait_idle (session);
  g_assert_cmpfloat (hk_metrics_get (hk_analysis_get_totals (hk_session_get_analysis (session)), HK_METRIC_REVENUE),
                     ==, 3500);

  /* Latest wins: two filters in a row, the analysis shown is of the second. */
  hk_filter_add (pune, HK_DIM_CITY, "Pune");
  hk_filter_add (delhi, HK_DIM_CITY, "Delhi");
  hk_session_set_filter (session, pune);
  hk_session_set_filter (session, delhi);
  g_assert_true (hk_session_get_busy (session));
  wait_idle (session);
  g_assert_true (hk_filter_equal (hk_analysis_get_filter (hk_session_get_analysis (session)), delhi));
  g_assert_cmpfloat (hk_metrics_get (hk_analysis_get_totals (hk_session_get_analysis (session)), HK_METRIC_REVENUE),
                     ==, 500);

  /* A folder that cannot be opened: an error, the data shown stays. */
  hk_session_load_async (session, "/nonexistent/folder", NULL, on_loaded, &missing);
  wait_for (&missing.done);
  g_assert_false (missing.ok);
  g_assert_error (missing.error, HK_IMPORT_ERROR, HK_IMPORT_ERROR_NOT_FOUND);
  g_assert_cmpstr (hk_dataset_get_folder (hk_session_get_dataset (session)), ==, dir);
  g_assert_false (hk_session_get_loading (session));

  g_clear_error (&first.error);
  g_clear_error (&second.error);
  g_clear_error (&missing.error);
}

static void
on_dataset_set_filter (HkSession  *session,
                       GParamSpec *pspec,
                       HkFilter   *filter)
{
  hk_session_set_filter (session, filter);
}

/* The load makes the first analysis on its own thread, with the filter and
 * options of when it started: shown with the data when those still hold;
 * when the filter changes while the load runs (case 1) or a listener of the
 * new dataset changes it (case 2), that one is analysed instead. */
static void
test_first_analysis (void)
{
  g_autofree char *dir = write_folder ("first-analysis");
  g_autoptr(HkFilter) delhi = hk_filter_new ();
  g_autoptr(HkFilter) pune = hk_filter_new ();

  hk_filter_add (delhi, HK_DIM_CITY, "Delhi");
  hk_filter_add (pune, HK_DIM_CITY, "Pune");
  for (guint c = 0; c < 3; c++)
    {
      g_autoptr(HkSession) session = hk_session_new ();
      Result loaded = { 0 };
      HkAnalysis *shown;

      hk_session_set_filter (session, delhi);
      if (c == 2)
        g_signal_connect (session, "notify::dataset", G_CALLBACK (on_dataset_set_filter), pune);
      hk_session_load_async (session, dir, NULL, on_loaded, &loaded);
      if (c == 1)
        hk_session_set_filter (session, pune);
      wait_for (&loaded.done);
      g_assert_true (loaded.ok);
      shown = hk_session_get_analysis (session);
      if (c == 0)
        {
          /* Already there when the load reports, nothing left to run. */
          g_assert_nonnull (shown);
          g_assert_false (hk_session_get_busy (session));
          g_assert_true (hk_filter_equal (hk_analysis_get_filter (shown), delhi));
          g_assert_cmpfloat (hk_metrics_get (hk_analysis_get_totals (shown), HK_METRIC_REVENUE), ==, 500);
          continue;
        }
      g_assert_null (shown);
      g_assert_true (hk_session_get_busy (session));
      wait_idle (session);
      shown = hk_session_get_analysis (session);
      g_assert_true (hk_filter_equal (hk_analysis_get_filter (shown), pune));
      g_assert_cmpfloat (hk_metrics_get (hk_analysis_get_totals (shown), HK_METRIC_REVENUE), ==, 3000);
    }
}

/* A data file written in the folder: "files-changed", once, after the writes settle. */
static void
on_files_changed (HkSession *session,
                  guint     *count)
{
  (*count)++;
}

static gboolean
on_timeout_true (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_files_changed (void)
{
  g_autofree char *dir = write_folder ("watched");
  g_autofree char *other = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *posts = g_build_filename (dir, "Posts.csv", NULL);
  g_autoptr(HkSession) session = hk_session_new ();
  Result loaded = { 0 };
  guint changes = 0;
  gboolean settled = FALSE;

  hk_session_load_async (session, dir, NULL, on_loaded, &loaded);
  wait_for (&loaded.done);
  g_assert_true (loaded.ok);
  g_signal_connect (session, "files-changed", G_CALLBACK (on_files_changed), &changes);

  /* Not a data file: nothing. */
  g_assert_true (g_file_set_contents (other, "x", -1, NULL));
  g_timeout_add (1500, on_timeout_true, &settled);
  wait_for (&settled);
  g_assert_cmpuint (changes, ==, 0);

  /* A data file (any case), written three times: one signal. */
  for (guint i = 0; i < 3; i++)
    g_assert_true (g_file_set_contents (posts, "influencer_id,platform,date,url,caption,reach,likes,comments\n", -1, NULL));
  settled = FALSE;
  g_timeout_add (2500, on_timeout_true, &settled);
  wait_for (&settled);
  g_assert_cmpuint (changes, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp = g_dir_make_tmp ("test-session-XXXXXX", NULL);

  g_test_add_func ("/session/sync", test_sync);
  g_test_add_func ("/session/async", test_async);
  g_test_add_func ("/session/first-analysis", test_first_analysis);
  g_test_add_func ("/session/files-changed", test_files_changed);
  status = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp);
    (void) system (cmd);
  }
  g_free (tmp);
  return status;
}
