/* SPDX-License-Identifier: GPL-3.0-or-later */
/* influencer-report: the dashboard's analysis without a window. */
#define G_LOG_DOMAIN "HkCli"

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hk-big.h"
#include "hk-cli-chart.h"
#include "hk-cli.h"

static const struct {
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} commands[] = {
  { "check", hk_cli_check, N_("Validate a dataset and print the import report") },
  { "simulate", hk_cli_simulate, N_("Write a simulated dataset") },
  { "summary", hk_cli_summary, N_("Write the summary files of a dataset") },
  { "chart", hk_cli_chart, N_("Draw a chart of a dataset into a PNG, SVG or PDF file") },
  { "load-db", hk_cli_load_db, N_("Load a CSV folder into a PostgreSQL database") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n%s\n", _("Usage: influencer-report COMMAND [OPTION…]"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("“influencer-report COMMAND --help” describes a command's options."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("influencer-report");
  hk_big_tune_heap ();
  /* Over a file size limit (ulimit -f) a write fails with EFBIG, which every
   * writer reports, instead of killing the program before it has written
   * its results (a snapshot is large and written beside them). */
  signal (SIGXFSZ, SIG_IGN);

  if (argc < 2)
    {
      print_usage (stderr);
      return HK_CLI_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return HK_CLI_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("influencer-report %s\n", PACKAGE_VERSION);
      return HK_CLI_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        int status = commands[i].run (argc - 1, argv + 1);

        hk_cli_finish ();
        return status;
      }

  g_printerr (_("influencer-report: “%s” is not a command\n"), argv[1]);
  print_usage (stderr);
  return HK_CLI_USAGE;
}
