/* SPDX-License-Identifier: GPL-3.0-or-later */
/* influencer-report as a user runs it: exit statuses, the files summary
 * writes, their columns, and byte-for-byte determinism. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

static char *tmp;

static int
run (char **out,
     char **err,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("INFLUENCER_REPORT"));
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static char *
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static const char *
demo (void)
{
  static char *dir;

  if (dir == NULL)
    {
      g_autofree char *out = NULL;

      dir = g_build_filename (tmp, "demo", NULL);
      g_assert_cmpint (run (&out, NULL, "simulate", "--out", dir, "--influencers", "60",
                            "--posts", "600", "--tracking-rows", "8000", NULL), ==, 0);
      g_assert_nonnull (strstr (out, "60 influencers"));
    }
  return dir;
}

static void
test_usage (void)
{
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL, *out4 = NULL, *err4 = NULL;

  g_assert_cmpint (run (&out, NULL, "--version", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "influencer-report " PACKAGE_VERSION "\n");
  g_assert_cmpint (run (&out2, NULL, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out2, "summary"));
  g_assert_cmpint (run (NULL, &err, "frobnicate", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "frobnicate"));
  g_assert_cmpint (run (NULL, &err2, "summary", demo (), "--out", tmp, "--bogus", NULL), ==, 2);
  g_assert_nonnull (strstr (err2, "--bogus"));
  g_assert_cmpint (run (NULL, &err3, "summary", demo (), "--out", tmp, "--tier", "giga", NULL), ==, 2);
  g_assert_nonnull (strstr (err3, "giga"));
  g_assert_cmpint (run (NULL, &err4, "check", NULL), ==, 2);
  g_assert_cmpint (run (&out3, NULL, "summary", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out3, "--brand"));
  g_assert_cmpint (run (NULL, NULL, "simulate", "--out", tmp, "--influencers", "0", NULL), ==, 2);
  g_assert_cmpint (run (&out4, NULL, "summary", demo (), "--out", tmp, "--iroas", "sometimes", NULL), ==, 2);
}

static void
test_check (void)
{
  g_autofree char *broken = g_build_filename (tmp, "broken", NULL);
  g_autofree char *out = NULL, *out2 = NULL, *err2 = NULL;
  g_autofree char *path = NULL;
  g_autofree char *tracking = NULL;

  g_assert_cmpint (run (&out, NULL, "check", demo (), NULL), ==, 0);
  g_assert_nonnull (strstr (out, "tracking_data.csv: 8000 rows read, 0 skipped"));

  /* A bad cell, and no payouts file: problems, exit 1. */
  g_assert_cmpint (g_mkdir_with_parents (broken, 0755), ==, 0);
  path = g_build_filename (broken, "influencers.csv", NULL);
  g_assert_true (g_file_set_contents (path, "id,name,category,gender,follower_count,platform\n1,A,Fit,M,10,Instagram\n", -1, NULL));
  g_free (path);
  path = g_build_filename (broken, "tracking_data.csv", NULL);
  tracking = g_strdup ("source,campaign,influencer_id,user_id,product,date,orders,revenue\n"
                       "instagram,C,1,U,Whey Gold,2025-01-01,1,100\n"
                       "instagram,C,1,U,Whey Gold,2025-01-02,1,12,5x\n"
                       "instagram,C,1,U,Whey Gold,2025-01-03,1,\"12,5x\"\n");
  g_assert_true (g_file_set_contents (path, tracking, -1, NULL));
  g_assert_cmpint (run (&out2, &err2, "check", broken, NULL), ==, 1);
  g_assert_nonnull (strstr (out2, "tracking_data.csv:3: 9 fields where the header has 8"));
  g_assert_nonnull (strstr (out2, "tracking_data.csv:4: column \"revenue\": \"12,5x\" is not a number"));
  g_assert_nonnull (strstr (out2, "payouts.csv"));

  /* summary still writes its files, and reports the skipped rows on stderr. */
  {
    g_autofree char *outdir = g_build_filename (tmp, "broken-summary", NULL);
    g_autofree char *err3 = NULL;

    g_assert_cmpint (run (NULL, &err3, "summary", broken, "--out", outdir, NULL), ==, 0);
    g_assert_nonnull (strstr (err3, "tracking_data.csv:4"));
  }

  /* No influencers table: nothing to analyse, exit 1, naming the file. */
  g_free (path);
  path = g_build_filename (broken, "influencers.csv", NULL);
  g_assert_cmpint (g_unlink (path), ==, 0);
  {
    g_autofree char *err3 = NULL;
    g_autofree char *outdir = g_build_filename (tmp, "never", NULL);

    g_assert_cmpint (run (NULL, &err3, "summary", broken, "--out", outdir, NULL), ==, 1);
    g_assert_nonnull (strstr (err3, "influencers.csv"));
    g_assert_false (g_file_test (outdir, G_FILE_TEST_EXISTS));
  }
}

static void
test_summary (void)
{
  g_autofree char *a = g_build_filename (tmp, "sum-a", NULL);
  g_autofree char *b = g_build_filename (tmp, "sum-b", NULL);
  static const char * const files[] = {
    "performance_summary.csv", "roas_summary.csv", "persona_roas.csv", "city_roas.csv",
    "poor_influencers.csv", "top_influencers.csv", "brand_summary.csv", "platform_summary.csv",
    "payout_summary.csv", "daily_summary.csv", "summary.json",
  };
  g_autofree char *roas = NULL, *persona = NULL, *daily = NULL, *payout = NULL, *top = NULL;

  g_assert_cmpint (run (NULL, NULL, "summary", demo (), "--out", a, NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "summary", demo (), "--out", b, NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *x = read_file (a, files[i]);
      g_autofree char *y = read_file (b, files[i]);

      g_test_message ("%s", files[i]);
      g_assert_cmpstr (x, ==, y);
    }

  roas = read_file (a, "roas_summary.csv");
  g_assert_true (g_str_has_prefix (roas, "influencer_id,name,category,gender,follower_count,platform,city,persona,"
                                         "posts,reach,likes,comments,engagement_rate,orders,revenue,spend,roas,"
                                         "incremental_revenue,incremental_roas,cost_per_order"));
  top = read_file (a, "top_influencers.csv");
  g_assert_true (g_str_has_prefix (top, "influencer_id,name,category,gender,follower_count,platform,city,persona,"));
  {
    g_auto(GStrv) top_lines = g_strsplit (top, "\n", -1);
    g_assert_cmpuint (g_strv_length (top_lines), ==, 12); /* header, 10, "" */
  }
  persona = read_file (a, "persona_roas.csv");
  g_assert_true (g_str_has_prefix (persona, "persona,influencers,orders,revenue,spend,roas,mean_influencer_roas,incremental_roas"));
  daily = read_file (a, "daily_summary.csv");
  g_assert_true (g_str_has_prefix (daily, "date,orders,revenue,spend,roas"));
  payout = read_file (a, "payout_summary.csv");
  g_assert_true (g_str_has_prefix (payout, "influencer_id,name,basis,rate,units,total_payout,revenue,roas,payout_exceeds_revenue\n"));
  /* Never inf or NaN: undefined is an empty cell. */
  {
    g_auto(GStrv) lines = g_strsplit (roas, "\n", -1);

    for (guint i = 0; lines[i]; i++)
      {
        g_auto(GStrv) cells = g_strsplit (lines[i], ",", -1);

        for (guint k = 0; cells[k]; k++)
          g_assert_false (g_ascii_strcasecmp (cells[k], "nan") == 0 || g_ascii_strcasecmp (cells[k], "-nan") == 0 ||
                          g_ascii_strcasecmp (cells[k], "inf") == 0 || g_ascii_strcasecmp (cells[k], "-inf") == 0);
      }
  }
  g_assert_true (strstr (payout, ",true\n") || strstr (payout, ",false\n"));
}

static void
test_summary_json (void)
{
  g_autofree char *dir = g_build_filename (tmp, "sum-json", NULL);
  g_autofree char *brand = NULL, *summary = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *iroas;

  g_assert_cmpint (run (NULL, NULL, "summary", demo (), "--out", dir, "--format", "json",
                        "--brand", "MuscleBlaze", "--iroas", "assumed:0.2", "--top", "3", NULL), ==, 0);
  brand = read_file (dir, "brand_summary.json");
  g_assert_true (json_parser_load_from_data (parser, brand, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0), "brand"),
                   ==, "MuscleBlaze");

  summary = read_file (dir, "summary.json");
  g_assert_true (json_parser_load_from_data (parser, summary, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  iroas = json_object_get_object_member (root, "iroas");
  g_assert_cmpstr (json_object_get_string_member (iroas, "method"), ==, "assumed:0.2");
  g_assert_true (json_object_has_member (root, "unallocated_spend"));
  g_assert_true (json_object_has_member (root, "import_report"));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (json_object_get_object_member (root, "filter"), "brand"), 0),
                   ==, "MuscleBlaze");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp = g_dir_make_tmp ("test-cli-XXXXXX", NULL);

  g_test_add_func ("/cli/usage", test_usage);
  g_test_add_func ("/cli/check", test_check);
  g_test_add_func ("/cli/summary", test_summary);
  g_test_add_func ("/cli/summary-json", test_summary_json);
  status = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp);
    (void) system (cmd);
  }
  g_free (tmp);
  return status;
}
