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
    g_auto(GStrv) lines = g_strsplit (top, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 12); /* header, 10, "" */
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
    g_autofree char *err = NULL, *listing = NULL;

    g_assert_cmpint (run_limited (6 * 1024, NULL, &err, "summary", demo (), "--out", fresh,
                                  "--format", "json", NULL), ==, 1);
    g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (fresh_parent, G_FILE_TEST_IS_DIR));
    g_assert_nonnull (strstr (err, "was not created"));
    g_assert_cmpint (g_rmdir (fresh_parent), ==, 0);
  }
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
  g_test_add_func ("/cli/full-disk/summary", test_full_disk_summary);
  g_test_add_func ("/cli/full-disk/chart", test_full_disk_chart);
  g_test_add_func ("/cli/full-disk/simulate", test_full_disk_simulate);
  g_test_add_func ("/cli/links", test_links);
  g_test_add_func ("/cli/killed-simulate", test_killed_simulate);
  status = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp);
    (void) system (cmd);
  }
  g_free (tmp);
  return status;
}
