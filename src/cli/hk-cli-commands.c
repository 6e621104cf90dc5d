/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCli"

#include "config.h"

#include <inttypes.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "hk-cli.h"
#include "hk-date.h"
#include "hk-import.h"
#include "hk-pg-source.h"
#include "hk-simulator.h"
#include "hk-summary.h"

/* ------------------------------------------------------------------------ */
/* check                                                                    */

/* Prints the holdout tests in words; FALSE when one cannot be used or has
 * users in both groups (a warning of few buyers is no problem). */
static gboolean
check_holdout_tests (HkDataset *ds)
{
  g_autoptr(HkEngine) engine = hk_engine_new (ds);
  g_autofree char *report = hk_engine_dup_holdout_report (engine);
  g_autoptr(HkFilter) filter = NULL;
  g_autoptr(HkAnalysis) analysis = NULL;
  HkAnalysisOptions options;
  gboolean ok = TRUE;

  if (report == NULL)
    return TRUE;
  g_print ("%s%s", report, g_str_has_suffix (report, "\n") ? "" : "\n");
  hk_analysis_options_init (&options);
  options.method = HK_IROAS_HOLDOUT;
  options.row_dimensions = 0;
  filter = hk_filter_new ();
  analysis = hk_engine_analyze (engine, filter, &options);
  for (guint k = 0; k < hk_analysis_get_n_holdout_tests (analysis); k++)
    {
      HkHoldoutTest test;

      hk_analysis_get_holdout_test (analysis, k, &test);
      ok &= test.valid && test.excluded_users == 0;
    }
  return ok;
}

int
hk_cli_check (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DIR — validate a dataset and print the import report"));
  g_autoptr(HkDataset) ds = NULL;
  g_autoptr(HkImportReport) failed_report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL, *schema = NULL, *location = NULL;
  HkImportReport *report;
  GOptionEntry entries[] = {
    { "schema", 0, 0, G_OPTION_ARG_STRING, &schema, N_("For a database: the schema of its tables (default: public)"), N_("SCHEMA") },
    { NULL }
  };

  g_option_context_set_description (context, _("Exit status: 0 when the dataset has no problem, 1 when it has any "
                                                "(skipped rows, orphans, a missing file — optional ones included), "
                                                "2 on bad usage."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!hk_cli_parse (context, &argc, &argv, "check"))
    return HK_CLI_USAGE;
  if (argc != 2)
    {
      g_printerr (_("influencer-report check: give one data folder\n"));
      return HK_CLI_USAGE;
    }

  location = hk_cli_location (argv[1], schema, "check");
  if (location == NULL)
    return HK_CLI_USAGE;
  if (hk_pg_is_location (location))
    {
      g_autoptr(HkSource) source = hk_pg_source_new (location, NULL);
      ds = hk_source_load (source, NULL, NULL, NULL, &failed_report, &error);
    }
  else
    ds = hk_import_folder (location, NULL, NULL, NULL, &failed_report, &error);
  report = ds ? hk_dataset_get_report (ds) : failed_report;
  if (report == NULL)
    {
      g_printerr ("influencer-report check: %s\n", error->message);
      return HK_CLI_DATA_PROBLEM;
    }
  text = hk_import_report_to_text (report);
  g_print ("%s", text);
  if (ds == NULL)
    {
      g_printerr ("influencer-report check: %s\n", error->message);
      return HK_CLI_DATA_PROBLEM;
    }
  return !hk_import_report_has_problems (report) && check_holdout_tests (ds) ? HK_CLI_OK : HK_CLI_DATA_PROBLEM;
}

/* ------------------------------------------------------------------------ */
/* simulate                                                                 */

static void
print_progress (double   fraction,
                gpointer data)
{
  if (GPOINTER_TO_INT (data))
    g_printerr ("\r%3d%%", (int) (fraction * 100));
}

int
hk_cli_simulate (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— write a simulated dataset"));
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *start = NULL, *end = NULL;
  gint64 seed = -1, influencers = -1, posts = -1, rows = -1, holdout_users = -1;
  double basket_sigma = -1, test_lift = -1;
  gboolean truth = FALSE, long_names = FALSE, extra_columns = FALSE, decimals = FALSE;
  gboolean quote_all = FALSE, crlf = FALSE;
  g_autofree char *id_style = NULL;
  HkSimulatorOptions options;
  gboolean tty = isatty (2);
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Folder to write the CSV files into (created if needed)"), N_("DIR") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Random seed (default 42); the same seed writes the same bytes"), N_("N") },
    { "influencers", 0, 0, G_OPTION_ARG_INT64, &influencers, N_("Number of influencers"), N_("N") },
    { "posts", 0, 0, G_OPTION_ARG_INT64, &posts, N_("Number of posts"), N_("N") },
    { "tracking-rows", 0, 0, G_OPTION_ARG_INT64, &rows, N_("Number of tracking rows"), N_("N") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start, N_("First day"), N_("YYYY-MM-DD") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end, N_("Last day"), N_("YYYY-MM-DD") },
    { "truth", 0, 0, G_OPTION_ARG_NONE, &truth,
      N_("Also write truth.json: each campaign's true incremental revenue, each test's true lift, "
         "each influencer's true ROAS"), NULL },
    { "holdout-users", 0, 0, G_OPTION_ARG_INT64, &holdout_users,
      N_("Holdout users per holdout test (default: 15 percent of the test's users)"), N_("N") },
    { "basket-sigma", 0, 0, G_OPTION_ARG_DOUBLE, &basket_sigma,
      N_("Heavy-tailed baskets: σ of a log-normal multiplier of every purchase's units (default 0: 1 to 3 units)"),
      N_("S") },
    { "test-lift", 0, 0, G_OPTION_ARG_DOUBLE, &test_lift,
      N_("What the tested campaigns' posts cause, relative to other campaigns' (default 1; 0: nothing)"),
      N_("X") },
    /* The same world in other shapes, for benchmarks and tests (issue 17). */
    { "id-style", 0, 0, G_OPTION_ARG_STRING, &id_style,
      N_("numeric (default: influencer, post and payout ids 1, 2, …) or text (INF000001, P0000001, PAY0000001; "
         "user ids of 8 digits, U00000001)"),
      N_("STYLE") },
    { "long-names", 0, 0, G_OPTION_ARG_NONE, &long_names,
      N_("Long product and campaign names, as shop listings and agencies write them"), NULL },
    { "extra-columns", 0, 0, G_OPTION_ARG_NONE, &extra_columns,
      N_("One or two unknown columns at the end of every file"), NULL },
    { "decimals", 0, 0, G_OPTION_ARG_NONE, &decimals,
      N_("Revenue, rates and payouts with two decimals (2499.00)"), NULL },
    { "quote-all", 0, 0, G_OPTION_ARG_NONE, &quote_all, N_("Quote every field"), NULL },
    { "crlf", 0, 0, G_OPTION_ARG_NONE, &crlf, N_("End lines with CRLF"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!hk_cli_parse (context, &argc, &argv, "simulate"))
    return HK_CLI_USAGE;
  if (id_style && !g_str_equal (id_style, "numeric") && !g_str_equal (id_style, "text"))
    {
      g_printerr (_("influencer-report simulate: --id-style is numeric or text\n"));
      return HK_CLI_USAGE;
    }
  if (argc != 1 || out == NULL)
    {
      g_printerr (_("influencer-report simulate: --out DIR is required, and nothing else\n"));
      return HK_CLI_USAGE;
    }

  hk_simulator_options_init (&options);
  if (seed >= 0)
    options.seed = seed;
  if (influencers >= 0)
    options.n_influencers = MIN (influencers, G_MAXUINT);
  if (posts >= 0)
    options.n_posts = MIN (posts, G_MAXUINT);
  if (rows >= 0)
    options.n_tracking_rows = rows;
  if (holdout_users >= 0)
    options.n_holdout_users = MIN (holdout_users, G_MAXUINT);
  if (basket_sigma != -1)
    options.basket_sigma = basket_sigma;
  if (test_lift != -1)
    options.test_lift = test_lift;
  options.write_truth = truth;
  options.text_ids = id_style && g_str_equal (id_style, "text");
  options.long_names = long_names;
  options.extra_columns = extra_columns;
  options.decimals = decimals;
  options.quote_all = quote_all;
  options.crlf = crlf;
  if ((start && !hk_date_parse_iso (start, &options.start_day)) ||
      (end && !hk_date_parse_iso (end, &options.end_day)))
    {
      g_printerr (_("influencer-report simulate: --start and --end take YYYY-MM-DD dates\n"));
      return HK_CLI_USAGE;
    }
  if (seed < -1 || influencers < -1 || posts < -1 || rows < -1 || holdout_users < -1 ||
      !hk_simulator_options_check (&options, &error))
    {
      g_printerr ("influencer-report simulate: %s\n",
                  error ? error->message : _("sizes and the seed cannot be negative"));
      return HK_CLI_USAGE;
    }

  if (!hk_simulator_write_folder (&options, out, NULL, print_progress, GINT_TO_POINTER (tty),
                                  NULL, &error))
    {
      g_printerr ("%sinfluencer-report simulate: %s\n", tty ? "\n" : "", error->message);
      return HK_CLI_DATA_PROBLEM;
    }
  if (tty)
    g_printerr ("\r");
  g_print (_("Wrote %u influencers, %u posts and %" PRIu64 " tracking rows to %s\n"),
           options.n_influencers, options.n_posts, (uint64_t) options.n_tracking_rows, out);
  return HK_CLI_OK;
}

/* ------------------------------------------------------------------------ */
/* summary                                                                  */

int
hk_cli_summary (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DIR — write the summary files of a dataset"));
  g_autoptr(GError) error = NULL;
  g_autoptr(HkAnalysis) analysis = NULL;
  g_autoptr(HkFilter) filter = NULL;
  g_autofree char *out = NULL, *format = NULL, *location = NULL;
  HkCliAnalysisArgs args = { { NULL } };
  HkAnalysisOptions options;
  HkSummaryFormat summary_format = HK_SUMMARY_CSV;
  GOptionGroup *group = hk_cli_analysis_option_group (&args);
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Folder to write the summaries into (created if needed)"), N_("OUTDIR") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv (default) or json"), N_("FORMAT") },
    { NULL }
  };
  int status = HK_CLI_USAGE;

  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (context, group);
  g_option_context_set_description (context, _("Writes performance_summary, roas_summary, persona_roas, city_roas, "
                                                "poor_influencers, top_influencers, brand_summary, platform_summary, "
                                                "payout_summary and daily_summary, and summary.json. Options that "
                                                "take a value of a set may be repeated.\n"
                                                "Exit status: 0 when the files were written (skipped rows are "
                                                "reported on stderr), 1 when a required table could not be read, "
                                                "2 on bad usage."));
  if (!hk_cli_parse (context, &argc, &argv, "summary"))
    goto out;
  if (argc != 2 || out == NULL)
    {
      g_printerr (_("influencer-report summary: give one data folder and --out OUTDIR\n"));
      goto out;
    }
  if (format && g_str_equal (format, "json"))
    summary_format = HK_SUMMARY_JSON;
  else if (format && !g_str_equal (format, "csv"))
    {
      g_printerr (_("influencer-report summary: --format is csv or json\n"));
      goto out;
    }
  if (!hk_cli_analysis_args_apply (&args, &filter, &options, &error))
    {
      g_printerr ("influencer-report summary: %s\n", error->message);
      goto out;
    }

  status = HK_CLI_DATA_PROBLEM;
  location = hk_cli_location (argv[1], args.schema, "summary");
  if (location == NULL)
    {
      status = HK_CLI_USAGE;
      goto out;
    }
  analysis = hk_cli_analyze (location, filter, &options, !args.no_cache);
  if (analysis == NULL)
    goto out;
  if (!hk_summary_write (analysis, out, summary_format, NULL, &error))
    {
      g_printerr ("influencer-report summary: %s\n", error->message);
      goto out;
    }
  status = HK_CLI_OK;

out:
  hk_cli_analysis_args_clear (&args);
  return status;
}
