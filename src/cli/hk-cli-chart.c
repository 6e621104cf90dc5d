/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCli"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "hk-chart-painter.h"
#include "hk-chart-series.h"
#include "hk-cli-chart.h"
#include "hk-cli.h"

static char *
kind_list (void)
{
  GString *s = g_string_new (NULL);

  for (guint k = 0; k < HK_N_CHART_KINDS; k++)
    g_string_append_printf (s, "%s%s", k ? ", " : "", hk_chart_kind_name (k));
  return g_string_free (s, FALSE);
}

int
hk_cli_chart (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DIR — draw a chart of a dataset into a PNG, SVG or PDF file"));
  g_autoptr(GError) error = NULL;
  g_autoptr(HkAnalysis) analysis = NULL;
  g_autoptr(HkFilter) filter = NULL;
  g_autoptr(HkChartSeries) series = NULL;
  g_autofree char *location = NULL;
  g_autofree char *out = NULL, *kind_name = NULL, *kinds = kind_list (), *description = NULL;
  int width = 800, height = 0, smooth = 0;
  double scale = 1;
  gboolean dark = FALSE, log_scale = FALSE, linear = FALSE;
  HkCliAnalysisArgs args = { { NULL } };
  HkAnalysisOptions options;
  HkChartSeriesOptions series_options;
  HkChartPalette palette;
  HkChartStyle style;
  HkChartKind kind;
  GOptionGroup *group = hk_cli_analysis_option_group (&args);
  GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_name, N_("Which chart (see below)"), N_("KIND") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("File to write: .png, .svg or .pdf"), N_("FILE") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Width in pixels (PNG) or points (default 800)"), N_("W") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("Height in pixels (PNG) or points (default 500, more for many bars)"), N_("H") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, N_("PNG pixels per unit: 1 (default) or 2"), N_("S") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Draw with the dark style's colours"), NULL },
    { "smooth", 0, 0, G_OPTION_ARG_INT, &smooth, N_("revenue-vs-spend: a trailing N-day average (e.g. 7)"), N_("N") },
    { "log", 0, 0, G_OPTION_ARG_NONE, &log_scale, N_("spend-vs-revenue: log axes"), NULL },
    { "linear", 0, 0, G_OPTION_ARG_NONE, &linear,
      N_("spend-vs-revenue: linear axes (default: log when most points would crowd the origin, as in the app)"), NULL },
    { NULL }
  };
  int status = HK_CLI_USAGE;

  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (context, group);
  description = g_strdup_printf (_("Kinds: %s. The format follows the file's extension. "
                                   "--top N: top-payouts shows the N largest (default 15); other bar charts show N bars, "
                                   "the last pooling the rest as “Others”.\n"
                                   "Exit status: 0 when the chart was written, 1 when a required table could not "
                                   "be read or the file could not be written, 2 on bad usage."), kinds);
  g_option_context_set_description (context, description);
  if (!hk_cli_parse (context, &argc, &argv, "chart"))
    goto out;
  if (argc != 2 || out == NULL || kind_name == NULL)
    {
      g_printerr (_("influencer-report chart: give one data folder, --kind KIND and --out FILE\n"));
      goto out;
    }
  if (!hk_chart_kind_from_name (kind_name, &kind))
    {
      g_printerr (_("influencer-report chart: --kind: “%s” is not one of %s\n"), kind_name, kinds);
      goto out;
    }
  if (width < 16 || (height != 0 && height < 16) || width > 20000 || height > 20000 || !(scale >= 0.5 && scale <= 4) ||
      smooth < 0 || smooth > 365 || (!isnan (args.target) && !(args.target > 0)))
    {
      g_printerr (_("influencer-report chart: --width and --height are 16 to 20000, --scale 0.5 to 4, "
                    "--smooth 0 to 365, --target above 0\n"));
      goto out;
    }
  if (log_scale && linear)
    {
      g_printerr (_("influencer-report chart: --log or --linear, not both\n"));
      goto out;
    }
  if (!hk_cli_analysis_args_apply (&args, &filter, &options, &error))
    {
      g_printerr ("influencer-report chart: %s\n", error->message);
      goto out;
    }

  status = HK_CLI_DATA_PROBLEM;
  location = hk_cli_location (argv[1], args.schema, "chart");
  if (location == NULL)
    {
      status = HK_CLI_USAGE;
      goto out;
    }
  analysis = hk_cli_analyze (location, filter, &options, !args.no_cache);
  if (analysis == NULL)
    goto out;

  hk_chart_series_options_init (&series_options);
  series_options.smoothing = smooth;
  if (hk_chart_kind_get_shape (kind) == HK_CHART_SHAPE_BARS && args.top > 0)
    {
      /* the largest payouts are the point of top-payouts; other bar charts
       * show the first N - 1 and pool the rest into "Others" */
      series_options.max_items = args.top;
      series_options.others = kind != HK_CHART_TOP_PAYOUTS;
    }
  series = hk_chart_series_new_for_analysis (analysis, kind, &series_options);

  if (dark)
    hk_chart_palette_init_dark (&palette);
  else
    hk_chart_palette_init_light (&palette);
  hk_chart_style_init (&style);
  style.target = args.target;
  /* the app's automatic choice unless told */
  style.log_scale = log_scale || (!linear && series->shape == HK_CHART_SHAPE_SCATTER &&
                                  hk_scatter_series_prefers_log (HK_SCATTER_SERIES (series)));
  if (height == 0)
    {
      /* many bars get rows a label fits in (the app's minimum row) */
      height = 500;
      style.show_title = TRUE;
      if (series->shape == HK_CHART_SHAPE_BARS)
        height = MAX (height, (int) hk_chart_get_bars_height (HK_BAR_SERIES (series), &style, width, 24));
    }
  if (!hk_chart_export (series, &palette, &style, width, height, out, scale, &error))
    {
      g_printerr ("influencer-report chart: %s\n", error->message);
      goto out;
    }
  status = HK_CLI_OK;

out:
  hk_cli_analysis_args_clear (&args);
  return status;
}
