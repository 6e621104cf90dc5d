/* SPDX-License-Identifier: GPL-3.0-or-later */
/* influencer-report as a user runs it: exit statuses, the files summary
 * writes, their columns, and byte-for-byte determinism. */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

static char *tmp;

/* A full disk without root: a file-size limit, with SIGXFSZ ignored so that
 * writes fail with EFBIG instead of killing the program. */
static void
limit_file_size (gpointer data)
{
  struct rlimit limit = { GPOINTER_TO_UINT (data), GPOINTER_TO_UINT (data) };

  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

/* Runs influencer-report, with a file-size limit unless limit is 0. */
static int
run_va (guint    limit,
        char   **out,
        char   **err,
        va_list  args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("INFLUENCER_REPORT"));
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT,
                               limit ? limit_file_size : NULL, GUINT_TO_POINTER (limit),
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static int
run (char **out,
     char **err,
     ...)
{
  va_list args;
  int status;

  va_start (args, err);
  status = run_va (0, out, err, args);
  va_end (args);
  return status;
}

static int
run_limited (guint   limit,
             char  **out,
             char  **err,
             ...)
{
  va_list args;
  int status;

  va_start (args, err);
  status = run_va (limit, out, err, args);
  va_end (args);
  return status;
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
    "payout_summary.csv", "daily_summary.csv", "renegotiation_list.csv", "summary.json",
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
    g_auto(GStrv) lines = g_strsplit (top, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 12); /* header, 10, "" */
  }
  persona = read_file (a, "persona_roas.csv");
  g_assert_true (g_str_has_prefix (persona, "persona,influencers,orders,revenue,spend,roas,mean_influencer_roas,incremental_roas"));
  daily = read_file (a, "daily_summary.csv");
  g_assert_true (g_str_has_prefix (daily, "date,orders,revenue,spend,roas"));
  payout = read_file (a, "payout_summary.csv");
  g_assert_true (g_str_has_prefix (payout, "influencer_id,name,basis,rate,units,total_payout,revenue,roas,payout_exceeds_revenue,below_breakeven\n"));
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

/* ------------------------------------------------------------------------ */
/* The contract's edge cases (DESIGN.md §2, §3, §6), values worked by hand.  */

static const char contract_influencers[] =
  "id,name,category,gender,follower_count,platform,city\n"
  "1,Asha,Fitness,F,50000,Instagram,Pune\n"
  "2,Ravi,Fitness,M,5000,YouTube,Delhi\n"
  "3,Mona,Beauty,Female,200000,Instagram,\n"
  "4,Neel,Yoga,Male,1000,Twitter,Pune\n";
static const char contract_posts[] =
  "influencer_id,platform,date,url,caption,reach,likes,comments,brand\n"
  "1,Instagram,2025-01-05,u1,c,1000,10,5,MuscleBlaze\n"
  "2,YouTube,2025-01-06,u2,c,2000,20,0,HKVitals\n";
/* Foo_X and "Mystery Item" name no known brand: those rows have none. Neel's
 * returns outweigh his sales: orders -1, revenue -2000. */
static const char contract_tracking[] =
  "source,campaign,influencer_id,user_id,product,date,orders,revenue\n"
  "insta,MB_Jan,1,u1,Whey Gold,2025-01-06,2,3000\n"
  "yt,HKV_Jan,2,u2,Multivitamin,2025-01-07,1,500\n"
  "web,Foo_X,,u3,Mystery Item,2025-01-07,1,100\n"
  "web,Foo_X,3,u4,Mystery Item,2025-01-08,1,200\n"
  "tw,MB_Jan,4,u5,Whey Gold,2025-01-08,1,1000\n"
  "tw,MB_Jan,4,u6,Whey Gold,2025-01-09,-2,-3000\n";
/* Asha costs 0; Ravi 1000 for his post; Neel a 10% commission on -2000: -200. */
static const char contract_payouts[] =
  "influencer_id,basis,rate,orders,total_payout\n"
  "1,post,0,,0\n"
  "2,post,1000,,1000\n"
  "4,order,0.1,,\n";

static char *
contract_folder (const char *name,
                 const char *influencers,
                 const char *posts,
                 const char *payouts)
{
  char *dir = g_build_filename (tmp, name, NULL);
  const struct { const char *file, *text; } files[] = {
    { "influencers.csv", influencers },
    { "posts.csv", posts },
    { "tracking_data.csv", contract_tracking },
    { "payouts.csv", payouts },
  };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    if (files[i].text)
      {
        g_autofree char *path = g_build_filename (dir, files[i].file, NULL);
        g_assert_true (g_file_set_contents (path, files[i].text, -1, NULL));
      }
  return dir;
}

/* A summary CSV as rows of cells; the values here hold no quotes or commas. */
static GPtrArray *
summary_rows (const char  *folder,
              const char  *file,
              ...)
{
  g_autofree char *out = g_build_filename (tmp, "contract-out", NULL);
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", out);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *text = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_auto(GStrv) lines = NULL;
  const char *arg;
  va_list args;

  (void) system (cmd);
  g_ptr_array_add (argv, (gpointer) g_getenv ("INFLUENCER_REPORT"));
  g_ptr_array_add (argv, (gpointer) "summary");
  g_ptr_array_add (argv, (gpointer) folder);
  g_ptr_array_add (argv, (gpointer) "--out");
  g_ptr_array_add (argv, out);
  va_start (args, file);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  {
    g_autoptr(GError) error = NULL;
    int status;

    g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  }
  text = read_file (out, file);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] && *lines[i]; i++)
    g_ptr_array_add (rows, g_strsplit (lines[i], ",", -1));
  return rows;
}

/* The cell of column in the row whose first cell is key ("" for an empty key). */
static const char *
cell (GPtrArray  *rows,
      const char *key,
      const char *column)
{
  char **header = rows->pdata[0];
  guint c = 0;

  while (header[c] && !g_str_equal (header[c], column))
    c++;
  g_assert_nonnull (header[c]);
  for (guint r = 1; r < rows->len; r++)
    if (g_str_equal (((char **) rows->pdata[r])[0], key))
      return ((char **) rows->pdata[r])[c];
  g_error ("no row %s", key);
  return NULL;
}

/* The first cells of the rows after the header, joined by spaces. */
static char *
keys (GPtrArray *rows)
{
  GString *s = g_string_new (NULL);

  for (guint r = 1; r < rows->len; r++)
    g_string_append_printf (s, "%s%s", r > 1 ? " " : "", ((char **) rows->pdata[r])[0]);
  return g_string_free (s, FALSE);
}

static void
test_contract_costs (void)
{
  g_autofree char *dir = contract_folder ("contract", contract_influencers, contract_posts, contract_payouts);
  g_autoptr(GPtrArray) rows = summary_rows (dir, "roas_summary.csv", NULL);
  g_autoptr(GPtrArray) filtered = NULL, groups = NULL, brands = NULL;
  g_autofree char *listed = NULL;

  /* Asha: spend 0 with reach 1000, 15 engagements and 2 orders costs 0 per
   * unit; ROAS and ROI have no spend to divide by. */
  g_assert_cmpstr (cell (rows, "1", "spend"), ==, "0");
  g_assert_cmpstr (cell (rows, "1", "cpm"), ==, "0");
  g_assert_cmpstr (cell (rows, "1", "cpe"), ==, "0");
  g_assert_cmpstr (cell (rows, "1", "cost_per_order"), ==, "0");
  g_assert_cmpstr (cell (rows, "1", "roas"), ==, "");
  g_assert_cmpstr (cell (rows, "1", "roi"), ==, "");
  g_assert_cmpstr (cell (rows, "1", "aov"), ==, "1500");
  /* Ravi: 1000 spend, reach 2000, 20 engagements, 1 order of 500. */
  g_assert_cmpstr (cell (rows, "2", "cpm"), ==, "500");
  g_assert_cmpstr (cell (rows, "2", "cpe"), ==, "50");
  g_assert_cmpstr (cell (rows, "2", "cost_per_order"), ==, "1000");
  g_assert_cmpstr (cell (rows, "2", "roi"), ==, "-0.5");
  /* Mona: no post (reach 0): CPM and CPE undefined; 1 order at spend 0. */
  g_assert_cmpstr (cell (rows, "3", "cpm"), ==, "");
  g_assert_cmpstr (cell (rows, "3", "cost_per_order"), ==, "0");
  /* Neel: commission on net returns, spend -200; orders -1. */
  g_assert_cmpstr (cell (rows, "4", "spend"), ==, "-200");
  g_assert_cmpstr (cell (rows, "4", "revenue"), ==, "-2000");
  for (guint k = 0; k < 6; k++)
    {
      static const char * const undefined[] = { "roas", "roi", "cpm", "cpe", "cost_per_order", "aov" };
      g_assert_cmpstr (cell (rows, "4", undefined[k]), ==, "");
    }
  /* Assumed share 0.3 (no test): 0.7 × -2000. */
  g_assert_cmpstr (cell (rows, "4", "incremental_revenue"), ==, "-1400");
  g_assert_cmpstr (cell (rows, "4", "incremental_roas"), ==, "");

  /* Rows with no known brand have an empty brand: Mona's 200. The
   * unattributed row counts nowhere. */
  brands = summary_rows (dir, "brand_summary.csv", NULL);
  listed = keys (brands);
  g_assert_cmpstr (listed, ==, " HKVitals MuscleBlaze");
  g_assert_cmpstr (cell (brands, "", "revenue"), ==, "200");
  g_assert_cmpstr (cell (brands, "", "influencers"), ==, "1");
  g_clear_pointer (&listed, g_free);
  filtered = summary_rows (dir, "roas_summary.csv", "--brand", "", NULL);
  listed = keys (filtered);
  g_assert_cmpstr (listed, ==, "3");
  g_clear_pointer (&listed, g_free);
  g_clear_pointer (&filtered, g_ptr_array_unref);

  /* A row filter: Ravi's post has no campaign, so it counts whole, with the
   * share of its payout's revenue in MB_Jan (0 of 500): spend 0. Mona has
   * nothing in MB_Jan and is not listed. Ravi has no revenue there: his
   * incremental revenue is 0, not undefined. */
  filtered = summary_rows (dir, "roas_summary.csv", "--campaign", "MB_Jan", NULL);
  listed = keys (filtered);
  g_assert_cmpstr (listed, ==, "1 2 4");
  g_assert_cmpstr (cell (filtered, "2", "posts"), ==, "1");
  g_assert_cmpstr (cell (filtered, "2", "spend"), ==, "0");
  g_assert_cmpstr (cell (filtered, "2", "revenue"), ==, "0");
  g_assert_cmpstr (cell (filtered, "2", "incremental_revenue"), ==, "0");
  g_clear_pointer (&listed, g_free);

  /* Groups count their influencers with revenue or spend: Ravi (listed, but
   * nothing of either) makes no YouTube row; Instagram has Asha only. */
  groups = summary_rows (dir, "platform_summary.csv", "--campaign", "MB_Jan", NULL);
  listed = keys (groups);
  g_assert_cmpstr (listed, ==, "Instagram Twitter");
  g_assert_cmpstr (cell (groups, "Instagram", "influencers"), ==, "1");
  g_clear_pointer (&groups, g_ptr_array_unref);
  groups = summary_rows (dir, "city_roas.csv", NULL);
  g_assert_cmpstr (cell (groups, "Pune", "influencers"), ==, "2");
  g_assert_cmpstr (cell (groups, "", "influencers"), ==, "1");
}

static void
test_contract_missing_tables (void)
{
  g_autofree char *no_posts = contract_folder ("contract-no-posts", contract_influencers, NULL,
                                               "influencer_id,basis,rate,orders,total_payout\n"
                                               "1,post,0,,0\n"
                                               "2,post,1000,,\n"
                                               "4,order,0.1,,\n");
  g_autofree char *no_payouts = contract_folder ("contract-no-payouts", contract_influencers, contract_posts, NULL);
  g_autofree char *json_dir = g_build_filename (tmp, "contract-json", NULL);
  g_autofree char *summary = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *totals;

  /* Without posts: post sums and what follows from them are undefined. Ravi
   * is paid per post with no total and no posts cell: a number nobody has,
   * so his spend is undefined too, with a row filter or without. */
  rows = summary_rows (no_posts, "roas_summary.csv", NULL);
  for (guint k = 0; k < 5; k++)
    {
      static const char * const undefined[] = { "posts", "reach", "likes", "comments", "engagement_rate" };
      g_assert_cmpstr (cell (rows, "1", undefined[k]), ==, "");
    }
  g_assert_cmpstr (cell (rows, "1", "spend"), ==, "0");
  g_assert_cmpstr (cell (rows, "1", "revenue"), ==, "3000");
  g_assert_cmpstr (cell (rows, "2", "spend"), ==, "");
  g_assert_cmpstr (cell (rows, "2", "roas"), ==, "");
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = summary_rows (no_posts, "roas_summary.csv", "--brand", "HKVitals", NULL);
  g_assert_cmpstr (cell (rows, "2", "spend"), ==, "");
  g_assert_cmpstr (cell (rows, "2", "revenue"), ==, "500");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Without payouts: spend is undefined everywhere, never 0. */
  rows = summary_rows (no_payouts, "roas_summary.csv", NULL);
  g_assert_cmpstr (cell (rows, "1", "spend"), ==, "");
  g_assert_cmpstr (cell (rows, "1", "posts"), ==, "1");
  g_assert_cmpstr (cell (rows, "1", "cpm"), ==, "");
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = summary_rows (no_payouts, "daily_summary.csv", NULL);
  g_assert_cmpstr (cell (rows, "2025-01-06", "spend"), ==, "");
  g_assert_cmpstr (cell (rows, "2025-01-06", "revenue"), ==, "3000");

  g_assert_cmpint (run (NULL, NULL, "summary", no_payouts, "--out", json_dir, "--format", "json", NULL), ==, 0);
  summary = read_file (json_dir, "summary.json");
  g_assert_true (json_parser_load_from_data (parser, summary, -1, &error));
  g_assert_no_error (error);
  totals = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "totals");
  g_assert_true (json_object_get_null_member (totals, "spend"));
  g_assert_true (json_object_get_null_member (totals, "roas"));
  g_assert_cmpfloat (json_object_get_double_member (totals, "revenue"), ==, 1700);
  g_assert_true (json_object_get_null_member (json_node_get_object (json_parser_get_root (parser)), "unallocated_spend"));
}

static void
test_contract_check (void)
{
  g_autofree char *clean = contract_folder ("contract-check", contract_influencers, contract_posts, contract_payouts);
  g_autofree char *no_influencers = contract_folder ("contract-check-no-inf", NULL,
                                                     "influencer_id,platform,date,url,caption,reach,likes,comments\n"
                                                     "1,Instagram,2025-01-05,u,c,-5,1,1\n"
                                                     "9,Instagram,2025-01-05,u,c,5,1,1\n",
                                                     contract_payouts);
  g_autofree char *out = NULL, *out2 = NULL;

  /* No holdout file is normal: nothing said, exit 0. */
  g_assert_cmpint (run (&out, NULL, "check", clean, NULL), ==, 0);
  g_assert_null (strstr (out, "holdout"));

  /* Without influencers every other table is still read and reported, its
   * bad cells included, but no orphans: every id would be one. */
  g_assert_cmpint (run (&out2, NULL, "check", no_influencers, NULL), ==, 1);
  g_assert_nonnull (strstr (out2, "influencers.csv: missing"));
  g_assert_nonnull (strstr (out2, "posts.csv: 2 rows read, 1 skipped"));
  g_assert_nonnull (strstr (out2, "posts.csv:2: column \"reach\": \"-5\" is negative"));
  g_assert_nonnull (strstr (out2, "tracking_data.csv: 6 rows read, 0 skipped"));
  g_assert_nonnull (strstr (out2, "payouts.csv: 3 rows read, 0 skipped"));
  g_assert_null (strstr (out2, "not in the influencers table"));
}

/* A holdout test in campaign_summary.csv and in `check`: users as listed,
 * buyers as seen (a held-out purchase carries no campaign); users fewer than
 * those seen make the test unusable, and check says so. */
static void
test_contract_holdout (void)
{
  static const char tracking[] =
    "source,campaign,influencer_id,user_id,product,date,orders,revenue,ab_group\n"
    "insta,MB_Jan,1,e1,Whey Gold,2025-01-06,1,1000,exposed\n"
    "insta,MB_Jan,1,e2,Whey Gold,2025-01-07,1,500,exposed\n"
    "web,,,h1,Whey Gold,2025-01-07,1,300,holdout\n";
  const struct { const char *name, *holdout; int status; } cases[] = {
    { "holdout-ok", "campaign,group,users\nMB_Jan,exposed,10\nMB_Jan,holdout,5\n", 0 },
    { "holdout-bad", "campaign,group,users\nMB_Jan,exposed,1\nMB_Jan,holdout,5\n", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = contract_folder (cases[i].name, contract_influencers, contract_posts, contract_payouts);
      g_autofree char *tracking_path = g_build_filename (dir, "tracking_data.csv", NULL);
      g_autofree char *holdout_path = g_build_filename (dir, "holdout_groups.csv", NULL);
      g_autofree char *out = NULL;
      g_autoptr(GPtrArray) rows = NULL;

      g_assert_true (g_file_set_contents (tracking_path, tracking, -1, NULL));
      g_assert_true (g_file_set_contents (holdout_path, cases[i].holdout, -1, NULL));
      g_assert_cmpint (run (&out, NULL, "check", dir, NULL), ==, cases[i].status);
      g_test_message ("%s", out);
      g_assert_nonnull (strstr (out, "MB_Jan"));
      rows = summary_rows (dir, "campaign_summary.csv", NULL);
      if (cases[i].status == 0)
        {
          g_assert_cmpstr (cell (rows, "MB_Jan", "method"), ==, "holdout");
          g_assert_cmpstr (cell (rows, "MB_Jan", "exposed_users"), ==, "10");
          g_assert_cmpstr (cell (rows, "MB_Jan", "holdout_users"), ==, "5");
          g_assert_cmpstr (cell (rows, "MB_Jan", "exposed_buyers"), ==, "2");
          g_assert_cmpstr (cell (rows, "MB_Jan", "holdout_buyers"), ==, "1");
          g_assert_cmpstr (cell (rows, "MB_Jan", "brand"), ==, "MuscleBlaze");
          g_assert_cmpstr (cell (rows, "MB_Jan", "first_day"), ==, "2025-01-06");
          g_assert_cmpstr (cell (rows, "MB_Jan", "last_day"), ==, "2025-01-07");
          g_assert_cmpstr (cell (rows, "MB_Jan", "revenue"), ==, "1500");
        }
      else
        {
          g_assert_cmpstr (cell (rows, "MB_Jan", "method"), !=, "holdout");
          g_assert_cmpstr (cell (rows, "MB_Jan", "exposed_users"), ==, "");
        }
    }
}

static void
test_contract_filter_values (void)
{
  g_autofree char *dir = contract_folder ("contract-values", contract_influencers, contract_posts, contract_payouts);
  static const struct {
    const char *option, *value, *listed;
  } cases[] = {
    { "--gender", "F", "1 3" },           /* F and Female are both Female */
    { "--gender", " male ", "2 4" },
    { "--brand", "muscleblaze", "1 4" },
    { "--search", "ASH", "1" },           /* part of a name, any case */
    { "--search", "4", "4" },             /* or of an id */
    { "--from", "7/1/2025", "2 3 4" },    /* 7 January: day first */
    { "--to", "2025-01-06", "1 2" },
  };
  g_autofree char *aged = contract_folder ("contract-age", "id,name,category,gender,follower_count,platform,age_group\n"
                                           "1,Asha,Fitness,F,50000,Instagram,18-24\n"
                                           "2,Ravi,Fitness,M,5000,YouTube,25-34\n",
                                           contract_posts, contract_payouts);
  g_autoptr(GPtrArray) by_age = summary_rows (aged, "roas_summary.csv", "--age-group", "25-34", NULL);
  g_autofree char *age_listed = keys (by_age);

  g_assert_cmpstr (age_listed, ==, "2");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) rows = summary_rows (dir, "roas_summary.csv", cases[i].option, cases[i].value, NULL);
      g_autofree char *listed = keys (rows);

      g_test_message ("%s %s", cases[i].option, cases[i].value);
      g_assert_cmpstr (listed, ==, cases[i].listed);
    }

  /* Shares as 0.5 or 50%; auto:SHARE where no test calibrates one. Asha's
   * 3000: 1500 incremental at 0.5, 2400 at 0.2. */
  {
    g_autoptr(GPtrArray) a = summary_rows (dir, "roas_summary.csv", "--iroas", "assumed:50%", NULL);
    g_autoptr(GPtrArray) b = summary_rows (dir, "roas_summary.csv", "--iroas", "assumed:0.5", NULL);
    g_autoptr(GPtrArray) c = summary_rows (dir, "roas_summary.csv", "--iroas", "auto:0.2", NULL);
    g_autoptr(GPtrArray) top = summary_rows (dir, "top_influencers.csv", "--top", "0", NULL);
    g_autofree char *listed = keys (top);

    g_assert_cmpstr (cell (a, "1", "incremental_revenue"), ==, "1500");
    g_assert_cmpstr (cell (b, "1", "incremental_revenue"), ==, "1500");
    g_assert_cmpstr (cell (c, "1", "incremental_revenue"), ==, "2400");
    /* --top 0: every influencer with a defined ROAS (only Ravi has one). */
    g_assert_cmpstr (listed, ==, "2");
  }
  g_assert_cmpint (run (NULL, NULL, "summary", dir, "--out", tmp, "--iroas", "assumed:150%", NULL), ==, 2);
}

/* Every file in dir, name -> contents (hidden ones too). */
static GHashTable *
snapshot (const char *dir)
{
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      char *contents = NULL;

      if (!g_file_get_contents (path, &contents, NULL, NULL))
        contents = g_strdup ("(not a readable file)");
      g_hash_table_insert (files, g_strdup (name), contents);
    }
  return files;
}

static void
assert_same_files (GHashTable *before,
                   const char *dir)
{
  g_autoptr(GHashTable) now = snapshot (dir);
  GHashTableIter iter;
  gpointer name, contents;

  g_hash_table_iter_init (&iter, now);
  while (g_hash_table_iter_next (&iter, &name, &contents))
    {
      g_test_message ("%s/%s", dir, (char *) name);
      g_assert_true (g_hash_table_contains (before, name));
      g_assert_cmpstr (contents, ==, g_hash_table_lookup (before, name));
    }
  g_assert_cmpuint (g_hash_table_size (now), ==, g_hash_table_size (before));
}

/* Issue 11: summary onto a full disk over an earlier good output emptied or
 * cut its files; now every old file stays byte for byte, and the message
 * names the file and says nothing was changed. */
static void
test_full_disk_summary (void)
{
  g_autofree char *dir = g_build_filename (tmp, "full-summary", NULL);
  g_autofree char *fresh = g_build_filename (tmp, "full-fresh", "out", NULL);
  g_autofree char *fresh_parent = g_build_filename (tmp, "full-fresh", NULL);
  const char *formats[] = { "json", "csv" };

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autoptr(GHashTable) before = NULL;
      g_autofree char *err = NULL, *summary = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_test_message ("--format %s", formats[f]);
      g_assert_cmpint (run (NULL, NULL, "summary", demo (), "--out", dir, "--format", formats[f], NULL), ==, 0);
      before = snapshot (dir);
      /* Other options, so the files would differ; 6 KiB holds some files, not all. */
      g_assert_cmpint (run_limited (6 * 1024, NULL, &err, "summary", demo (), "--out", dir,
                                    "--format", formats[f], "--top", "0", "--iroas", "assumed:0.3",
                                    NULL), ==, 1);
      g_test_message ("%s", err);
      assert_same_files (before, dir);
      summary = read_file (dir, "summary.json");
      g_assert_true (json_parser_load_from_data (parser, summary, -1, NULL));
      g_assert_nonnull (strstr (err, dir));
      g_assert_nonnull (strstr (err, "No file in"));
    }

  /* A new folder never appears, and nothing is left beside it. */
  {
    g_autofree char *err = NULL;

    g_assert_cmpint (run_limited (6 * 1024, NULL, &err, "summary", demo (), "--out", fresh,
                                  "--format", "json", NULL), ==, 1);
    g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (fresh_parent, G_FILE_TEST_IS_DIR));
    g_assert_nonnull (strstr (err, "was not created"));
    g_assert_cmpint (g_rmdir (fresh_parent), ==, 0);
  }
}

/* A file-size limit as a shell sets it (ulimit -f: SIGXFSZ left to kill):
 * the snapshot, far larger than the summaries, no longer kills summary
 * before its files are written; the cache just gets no snapshot. */
static void
limit_file_size_only (gpointer data)
{
  struct rlimit limit = { GPOINTER_TO_UINT (data), GPOINTER_TO_UINT (data) };

  signal (SIGXFSZ, SIG_DFL);
  setrlimit (RLIMIT_FSIZE, &limit);
}

static void
test_file_size_limit_snapshot (void)
{
  g_autofree char *cache = g_build_filename (tmp, "ulimit-cache", NULL);
  g_autofree char *dir = g_build_filename (tmp, "ulimit-out", NULL);
  g_autofree char *snapshots = g_build_filename (cache, "com.healthkart.InfluencerDashboard", NULL);
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "XDG_CACHE_HOME", cache, TRUE);
  const char *argv[] = { g_getenv ("INFLUENCER_REPORT"), "summary", demo (), "--out", dir, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  int status;

  /* 128 KiB: every summary fits, the snapshot (about 500 KiB) does not. */
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, limit_file_size_only,
                               GUINT_TO_POINTER (128 * 1024), NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_free (read_file (dir, "summary.json"));
  /* No snapshot, and nothing half-written left behind. */
  listing = g_dir_open (snapshots, 0, NULL);
  g_assert_true (listing == NULL || g_dir_read_name (listing) == NULL);
}

/* Issue 11: chart --out onto a full disk left a cut PNG and empty SVG and
 * PDF files. */
static void
test_full_disk_chart (void)
{
  g_autofree char *dir = g_build_filename (tmp, "full-chart", NULL);
  const char *names[] = { "new.png", "chart.svg", "chart.pdf", "chart.png" };
  g_autoptr(GHashTable) before = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  {
    g_autofree char *old = g_build_filename (dir, "chart.png", NULL);

    g_assert_cmpint (run (NULL, NULL, "chart", demo (), "--kind", "roas-by-brand", "--out", old, NULL), ==, 0);
  }
  before = snapshot (dir);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *err = NULL;

      g_assert_cmpint (run_limited (4096, NULL, &err, "chart", demo (), "--kind", "revenue-vs-spend",
                                    "--out", path, NULL), ==, 1);
      assert_same_files (before, dir);
      g_assert_nonnull (strstr (err, path));
    }
}

/* Issue 11: simulate onto a full disk left cut files in the new folder. */
static void
test_full_disk_simulate (void)
{
  g_autofree char *parent = g_build_filename (tmp, "full-simulate", NULL);
  g_autofree char *dir = g_build_filename (parent, "new", NULL);
  g_autofree char *err = NULL;
  g_autoptr(GDir) d = NULL;

  g_assert_cmpint (run_limited (64 * 1024, NULL, &err, "simulate", "--out", dir, "--influencers", "60",
                                "--posts", "600", "--tracking-rows", "8000", NULL), ==, 1);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  d = g_dir_open (parent, 0, NULL);
  g_assert_nonnull (d);
  g_assert_null (g_dir_read_name (d));
  g_assert_nonnull (strstr (err, "was not created"));
}

/* Issue 11: an output name that is a symbolic link had its target written
 * in place (cut off on a full disk), and chart export replaced the link
 * itself. Now every writer replaces the target whole and keeps the link. */
static void
test_links (void)
{
  g_autofree char *dir = g_build_filename (tmp, "links", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *reference = g_build_filename (dir, "reference", NULL);
  g_autofree char *roas_link = g_build_filename (out, "roas_summary.csv", NULL);
  g_autofree char *hard = g_build_filename (dir, "hard.csv", NULL);
  g_autofree char *hard_out = g_build_filename (out, "city_roas.csv", NULL);
  g_autofree char *chart_link = g_build_filename (out, "chart.svg", NULL);
  g_autofree char *victim = NULL, *expected = NULL, *target = NULL, *hard_now = NULL, *chart = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (g_mkdir_with_parents (out, 0755), ==, 0);
  g_assert_true (g_file_set_contents (hard, "old,hard\n", -1, NULL));
  g_assert_cmpint (link (hard, hard_out), ==, 0);
  {
    g_autofree char *path = g_build_filename (dir, "victim.csv", NULL);

    g_assert_true (g_file_set_contents (path, "old,victim\n", -1, NULL));
  }
  g_assert_cmpint (symlink ("../victim.csv", roas_link), ==, 0);

  /* On a full disk the file behind the link stays whole. */
  g_assert_cmpint (run_limited (4096, NULL, &err, "summary", demo (), "--out", out, NULL), ==, 1);
  victim = read_file (dir, "victim.csv");
  g_assert_cmpstr (victim, ==, "old,victim\n");
  g_clear_pointer (&victim, g_free);

  /* Written: the link still links, to the new file. A hard link is not
   * followed: the name gets a new file, the other name keeps the old. */
  g_assert_cmpint (run (NULL, NULL, "summary", demo (), "--out", out, NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "summary", demo (), "--out", reference, NULL), ==, 0);
  target = g_file_read_link (roas_link, NULL);
  g_assert_cmpstr (target, ==, "../victim.csv");
  victim = read_file (dir, "victim.csv");
  expected = read_file (reference, "roas_summary.csv");
  g_assert_cmpstr (victim, ==, expected);
  hard_now = read_file (dir, "hard.csv");
  g_assert_cmpstr (hard_now, ==, "old,hard\n");
  g_clear_pointer (&expected, g_free);
  g_clear_pointer (&victim, g_free);
  victim = read_file (out, "city_roas.csv");
  expected = read_file (reference, "city_roas.csv");
  g_assert_cmpstr (victim, ==, expected);

  /* Chart export agrees. */
  g_assert_cmpint (symlink ("../chart-victim.svg", chart_link), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "chart", demo (), "--kind", "roas-by-brand", "--out", chart_link, NULL), ==, 0);
  g_clear_pointer (&target, g_free);
  target = g_file_read_link (chart_link, NULL);
  g_assert_cmpstr (target, ==, "../chart-victim.svg");
  chart = read_file (dir, "chart-victim.svg");
  g_assert_true (g_str_has_prefix (chart, "<?xml"));
}

static goffset
bytes_under (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;
  goffset total = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      GStatBuf st;

      if (g_lstat (child, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode))
        total += bytes_under (child);
      else
        total += st.st_size;
    }
  return total;
}

/* Issue 11: kill -9 during simulate --out NEW left a tracking file ending
 * mid-row. Now NEW never appears, and the next run there removes what the
 * killed one left. */
static void
test_killed_simulate (void)
{
  g_autofree char *parent = g_build_filename (tmp, "killed", NULL);
  g_autofree char *dir = g_build_filename (parent, "new", NULL);
  g_autofree char *next = g_build_filename (parent, "next", NULL);
  const char *argv[] = { g_getenv ("INFLUENCER_REPORT"), "simulate", "--out", dir,
                         "--tracking-rows", "5000000", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;
  GPid pid;
  int status;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  /* Mid-run: a few MB of tracking rows written. */
  for (guint i = 0; i < 3000 && bytes_under (parent) < 4 * 1024 * 1024; i++)
    g_usleep (10000);
  g_assert_cmpint (bytes_under (parent), >=, 4 * 1024 * 1024);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));

  g_assert_cmpint (run (NULL, NULL, "simulate", "--out", next, "--influencers", "10", "--posts", "20",
                        "--tracking-rows", "100", NULL), ==, 0);
  d = g_dir_open (parent, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (d), ==, "next");
  g_assert_null (g_dir_read_name (d));
}

/* The snapshot files in XDG_CACHE_HOME's cache folder. */
static GPtrArray *
cached_snapshots (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("XDG_CACHE_HOME"), "com.healthkart.InfluencerDashboard", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".hksnap"))
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  return paths;
}

/* Issue 17: summary uses the snapshot cache unless --no-cache, and its output
 * is the same either way, also from a damaged snapshot. */
static void
test_no_cache (void)
{
  g_autofree char *cache = g_build_filename (tmp, "cache-home", NULL);
  g_autofree char *old_cache = g_strdup (g_getenv ("XDG_CACHE_HOME"));
  g_autofree char *parsed = g_build_filename (tmp, "nc-parsed", NULL);
  g_autofree char *cached = g_build_filename (tmp, "nc-cached", NULL);
  g_autofree char *again = g_build_filename (tmp, "nc-again", NULL);
  g_autofree char *damaged = g_build_filename (tmp, "nc-damaged", NULL);
  g_autofree char *bypass = g_build_filename (tmp, "nc-bypass", NULL);
  g_autofree char *contents = NULL, *after = NULL;
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autoptr(GHashTable) expected = NULL;
  gsize len = 0, after_len = 0;

  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_assert_cmpint (run (NULL, NULL, "summary", demo (), "--out", parsed, "--no-cache", NULL), ==, 0);
  snapshots = cached_snapshots ();
  g_assert_cmpuint (snapshots->len, ==, 0);
  g_clear_pointer (&snapshots, g_ptr_array_unref);

  /* Parsed, then written; then read from it. */
  g_assert_cmpint (run (NULL, NULL, "summary", demo (), "--out", cached, NULL), ==, 0);
  snapshots = cached_snapshots ();
  g_assert_cmpuint (snapshots->len, ==, 1);
  g_assert_cmpint (run (NULL, NULL, "summary", demo (), "--out", again, NULL), ==, 0);
  expected = snapshot (parsed);
  assert_same_files (expected, cached);
  assert_same_files (expected, again);

  /* Damaged in its middle (a column): --no-cache leaves it alone; without
   * it, the check fails and the folder is read again. */
  g_assert_true (g_file_get_contents (snapshots->pdata[0], &contents, &len, NULL));
  g_assert_cmpuint (len, >, 4096);
  contents[len / 2] ^= 0x55;
  g_assert_true (g_file_set_contents (snapshots->pdata[0], contents, len, NULL));
  g_assert_cmpint (run (NULL, NULL, "summary", demo (), "--out", bypass, "--no-cache", NULL), ==, 0);
  g_assert_true (g_file_get_contents (snapshots->pdata[0], &after, &after_len, NULL));
  g_assert_cmpmem (after, after_len, contents, len);
  g_assert_cmpint (run (NULL, NULL, "summary", demo (), "--out", damaged, NULL), ==, 0);
  assert_same_files (expected, bypass);
  assert_same_files (expected, damaged);

  if (old_cache)
    g_setenv ("XDG_CACHE_HOME", old_cache, TRUE);
  else
    g_unsetenv ("XDG_CACHE_HOME");
}

/* Issue 17: simulate --id-style text, --long-names, --extra-columns,
 * --decimals, --quote-all, --crlf write the same world in other shapes. Each
 * loads without a problem, and its summaries are the default's: byte for
 * byte, or once its ids and names are mapped back. */
typedef struct {
  const char *name;
  const char *args[7];
  const char *mark;   /* in its tracking file (or payouts for --decimals) */
} Shape;

static const Shape shapes[] = {
  { "text-ids", { "--id-style", "text", NULL }, "INF000001" },
  { "long-names", { "--long-names", NULL }, "Lab Tested for Purity" },
  { "extra-columns", { "--extra-columns", NULL }, ",device,coupon_code\n" },
  { "decimals", { "--decimals", NULL }, ".00," },
  { "quote-all", { "--quote-all", NULL }, "\"source\",\"campaign\"" },
  { "crlf", { "--crlf", NULL }, "ab_group\r\n" },
  { "all", { "--id-style", "text", "--long-names", "--extra-columns", "--decimals", "--quote-all", "--crlf" },
    "\"INF000" },
};

/* A shaped summary file with text ids and long names mapped back. */
static char *
unshape (const char *text)
{
  g_autoptr(GRegex) ids = g_regex_new ("INF0*([0-9]+)", 0, 0, NULL);
  g_autoptr(GRegex) names = g_regex_new ("_AlwaysOn_CreatorPerformance_PanIndia_DigitalFirst_Tier[0-9]+_Wave[0-9]+",
                                         0, 0, NULL);
  g_autofree char *mapped = g_regex_replace (ids, text, -1, 0, "\\1", 0, NULL);

  return g_regex_replace_literal (names, mapped, -1, 0, "", 0, NULL);
}

static void
test_simulate_shapes (void)
{
  g_autofree char *plain_out = g_build_filename (tmp, "shape-plain-out", NULL);
  g_autoptr(GHashTable) plain = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (NULL, NULL, "summary", demo (), "--out", plain_out, NULL), ==, 0);
  plain = snapshot (plain_out);
  g_assert_cmpuint (g_hash_table_size (plain), >, 5);
  g_assert_cmpint (run (NULL, &err, "simulate", "--out", tmp, "--id-style", "roman", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--id-style"));

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_autofree char *name = g_strdup_printf ("shape-%s", shapes[i].name);
      g_autofree char *dir = g_build_filename (tmp, name, NULL);
      g_autofree char *out = g_strconcat (dir, "-out", NULL);
      g_autofree char *tracking = NULL, *payouts = NULL;
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GHashTable) shaped = NULL;
      GHashTableIter iter;
      gpointer file, contents;
      int status;

      g_test_message ("shape %s", shapes[i].name);
      g_ptr_array_add (argv, (gpointer) g_getenv ("INFLUENCER_REPORT"));
      for (const char *const *a = (const char *const []) { "simulate", "--out", dir, "--influencers", "60",
                                                           "--posts", "600", "--tracking-rows", "8000", NULL };
           *a; a++)
        g_ptr_array_add (argv, (gpointer) *a);
      for (guint a = 0; a < G_N_ELEMENTS (shapes[i].args) && shapes[i].args[a]; a++)
        g_ptr_array_add (argv, (gpointer) shapes[i].args[a]);
      g_ptr_array_add (argv, NULL);
      g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                   NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);

      tracking = read_file (dir, "tracking_data.csv");
      payouts = read_file (dir, "payouts.csv");
      g_assert_true (strstr (tracking, shapes[i].mark) || strstr (payouts, shapes[i].mark));
      g_assert_cmpint (run (NULL, NULL, "check", dir, NULL), ==, 0);
      g_assert_cmpint (run (NULL, NULL, "summary", dir, "--out", out, NULL), ==, 0);

      shaped = snapshot (out);
      g_assert_cmpuint (g_hash_table_size (shaped), ==, g_hash_table_size (plain));
      g_hash_table_iter_init (&iter, shaped);
      while (g_hash_table_iter_next (&iter, &file, &contents))
        {
          g_autofree char *mapped = unshape (contents);

          g_test_message ("%s/%s", out, (char *) file);
          g_assert_cmpstr (mapped, ==, g_hash_table_lookup (plain, file));
        }
    }
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
  g_test_add_func ("/cli/contract/costs", test_contract_costs);
  g_test_add_func ("/cli/contract/missing-tables", test_contract_missing_tables);
  g_test_add_func ("/cli/contract/check", test_contract_check);
  g_test_add_func ("/cli/contract/filter-values", test_contract_filter_values);
  g_test_add_func ("/cli/contract/holdout", test_contract_holdout);
  g_test_add_func ("/cli/full-disk/summary", test_full_disk_summary);
  g_test_add_func ("/cli/full-disk/chart", test_full_disk_chart);
  g_test_add_func ("/cli/full-disk/ulimit-snapshot", test_file_size_limit_snapshot);
  g_test_add_func ("/cli/full-disk/simulate", test_full_disk_simulate);
  g_test_add_func ("/cli/links", test_links);
  g_test_add_func ("/cli/killed-simulate", test_killed_simulate);
  g_test_add_func ("/cli/no-cache", test_no_cache);
  g_test_add_func ("/cli/simulate-shapes", test_simulate_shapes);
  status = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp);
    (void) system (cmd);
  }
  g_free (tmp);
  return status;
}
