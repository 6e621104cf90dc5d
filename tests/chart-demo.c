/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hk-chart-demo: every chart widget on one page, over a data folder or the
 * simulated demo data. Clicking a bar filters by it (as the dashboard will);
 * clicking a point prints the influencer. --screenshot renders the window to
 * a PNG and quits (docs/images). Not a test; built beside them. */
#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "hk-bar-chart.h"
#include "hk-chart-series.h"
#include "hk-import.h"
#include "hk-line-chart.h"
#include "hk-scatter-chart.h"
#include "hk-simulator.h"

typedef struct {
  HkEngine   *engine;
  HkFilter   *filter;
  GtkWidget  *window;
  GtkWidget  *status;
  GtkWidget  *charts[HK_N_CHART_KINDS];
  const char *screenshot;
  double      target;
  gboolean    smooth;
  gboolean    log_scale;
} Demo;

static void
refresh (Demo *demo)
{
  HkAnalysisOptions options;
  g_autoptr(HkAnalysis) analysis = NULL;
  g_autofree char *text = NULL;

  hk_analysis_options_init (&options);
  analysis = hk_engine_analyze (demo->engine, demo->filter, &options);
  for (guint k = 0; k < HK_N_CHART_KINDS; k++)
    {
      g_autoptr(HkChartSeries) series = NULL;

      if (demo->charts[k] == NULL)  /* a kind the demo does not show */
        continue;
      series = hk_chart_series_new_for_analysis (analysis, k, NULL);
      hk_chart_view_set_series (HK_CHART_VIEW (demo->charts[k]), series);
    }
  text = g_strdup_printf ("Brand filter: %s — click a bar to filter, Escape to reset",
                          hk_filter_get_values (demo->filter, HK_DIM_BRAND)[0]
                            ? hk_filter_get_values (demo->filter, HK_DIM_BRAND)[0] : "none");
  gtk_label_set_text (GTK_LABEL (demo->status), text);
}

static void
on_bar_activated (HkBarChart *chart,
                  guint       dimension,
                  const char *key,
                  Demo       *demo)
{
  g_print ("bar-activated %s “%s”\n", hk_dimension_name (dimension), key);
  if (dimension == HK_DIM_INFLUENCER)
    return;
  hk_filter_clear (demo->filter, dimension);
  hk_filter_add (demo->filter, dimension, key);
  refresh (demo);
}

static void
on_point_activated (HkScatterChart *chart,
                    guint           influencer,
                    Demo           *demo)
{
  g_print ("point-activated influencer row %u\n", influencer);
}

static void
on_day_activated (HkLineChart *chart,
                  int          day,
                  Demo        *demo)
{
  g_print ("day-activated %d\n", day);
}

static gboolean
on_key_pressed (GtkEventControllerKey *key,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                Demo                  *demo)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  hk_filter_free (demo->filter);
  demo->filter = hk_filter_new ();
  refresh (demo);
  return TRUE;
}

static gboolean
take_screenshot (gpointer data)
{
  Demo *demo = data;
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (demo->window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (demo->window));

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (demo->window),
                          gtk_widget_get_height (demo->window));
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (renderer, node, NULL);
  if (!gdk_texture_save_to_png (texture, demo->screenshot))
    g_printerr ("hk-chart-demo: cannot write %s\n", demo->screenshot);
  gtk_window_destroy (GTK_WINDOW (demo->window));
  return G_SOURCE_REMOVE;
}

static GtkWidget *
card (const char *title,
      GtkWidget  *chart)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, 10);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_vexpand (chart, TRUE);
  gtk_widget_set_hexpand (chart, TRUE);
  gtk_widget_set_size_request (chart, 420, 240);
  gtk_box_append (GTK_BOX (box), chart);
  gtk_widget_add_css_class (box, "card");
  return box;
}

static HkDataset *
load_dataset (const char *folder)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  HkDataset *ds;

  if (folder == NULL)
    {
      HkSimulatorOptions options;

      hk_simulator_options_init (&options);
      tmp = g_dir_make_tmp ("hk-chart-demo-XXXXXX", &error);
      if (tmp == NULL || !hk_simulator_write_folder (&options, tmp, NULL, NULL, NULL, NULL, &error))
        g_error ("simulate: %s", error->message);
      folder = tmp;
    }
  ds = hk_import_folder (folder, NULL, NULL, NULL, NULL, &error);
  if (ds == NULL)
    g_error ("%s: %s", folder, error->message);
  if (tmp)
    {
      for (guint t = 0; t < HK_N_TABLES; t++)
        {
          g_autofree char *path = g_build_filename (tmp, hk_table_file_name (t), NULL);
          g_remove (path);
        }
      g_rmdir (tmp);
    }
  return ds;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("[DIR] — show every chart");
  g_autoptr(GError) error = NULL;
  g_autoptr(HkDataset) ds = NULL;
  gboolean dark = FALSE, high_contrast = FALSE;
  char *screenshot = NULL;
  int width = 1100, height = 1500;
  double target = NAN;
  gboolean smooth = FALSE, log_scale = FALSE;
  Demo demo = { 0 };
  GOptionEntry entries[] = {
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Dark style", NULL },
    { "high-contrast", 0, 0, G_OPTION_ARG_NONE, &high_contrast, "High contrast (set ADW_DEBUG_HIGH_CONTRAST=1)", NULL },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &screenshot, "Write the window to a PNG and quit", "FILE" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height", "H" },
    { "target", 0, 0, G_OPTION_ARG_DOUBLE, &target, "Target ROAS line", "ROAS" },
    { "smooth", 0, 0, G_OPTION_ARG_NONE, &smooth, "7-day average on the line chart", NULL },
    { "log", 0, 0, G_OPTION_ARG_NONE, &log_scale, "Log axes on the scatter", NULL },
    { NULL }
  };
  static const HkChartKind order[] = {
    HK_CHART_REVENUE_VS_SPEND, HK_CHART_SPEND_VS_REVENUE,
    HK_CHART_ROAS_BY_BRAND, HK_CHART_ROAS_BY_PLATFORM,
    HK_CHART_SPEND_REVENUE_BY_BRAND, HK_CHART_TOP_PAYOUTS,
    HK_CHART_ROAS_BY_PERSONA, HK_CHART_ROAS_BY_CITY,
  };
  GtkWidget *grid, *scroller, *outer;
  GtkEventController *keys;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (!gtk_init_check ())
    {
      g_printerr ("hk-chart-demo: no display\n");
      return 1;
    }
  adw_init ();
  if (dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  ds = load_dataset (argc > 1 ? argv[1] : NULL);
  demo.engine = hk_engine_new (ds);
  demo.filter = hk_filter_new ();
  demo.screenshot = screenshot;

  demo.window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (demo.window), "Chart demo");
  gtk_window_set_default_size (GTK_WINDOW (demo.window), width, height);
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      HkChartKind k = order[i];
      GtkWidget *chart;

      switch (hk_chart_kind_get_shape (k))
        {
        case HK_CHART_SHAPE_TIME:
          chart = hk_line_chart_new ();
          hk_line_chart_set_smoothing (HK_LINE_CHART (chart), smooth ? 7 : 0);
          g_signal_connect (chart, "day-activated", G_CALLBACK (on_day_activated), &demo);
          break;
        case HK_CHART_SHAPE_SCATTER:
          chart = hk_scatter_chart_new ();
          if (log_scale)  /* else automatic: log when points would crowd the origin */
            hk_scatter_chart_set_log_scale (HK_SCATTER_CHART (chart), TRUE);
          g_signal_connect (chart, "point-activated", G_CALLBACK (on_point_activated), &demo);
          break;
        case HK_CHART_SHAPE_BARS:
        default:
          chart = hk_bar_chart_new ();
          g_signal_connect (chart, "bar-activated", G_CALLBACK (on_bar_activated), &demo);
          break;
        }
      hk_chart_view_set_target_roas (HK_CHART_VIEW (chart), target);
      demo.charts[k] = chart;
      gtk_grid_attach (GTK_GRID (grid), card (hk_chart_kind_get_title (k), chart), i % 2, i / 2, 1, 1);
    }
  demo.status = gtk_label_new (NULL);
  gtk_widget_add_css_class (demo.status, "dim-label");
  outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (outer, 12);
  gtk_widget_set_margin_end (outer, 12);
  gtk_widget_set_margin_top (outer, 12);
  gtk_widget_set_margin_bottom (outer, 12);
  gtk_box_append (GTK_BOX (outer), demo.status);
  gtk_box_append (GTK_BOX (outer), grid);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), outer);
  gtk_window_set_child (GTK_WINDOW (demo.window), scroller);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), &demo);
  gtk_widget_add_controller (demo.window, keys);

  refresh (&demo);
  gtk_window_present (GTK_WINDOW (demo.window));
  if (screenshot)
    g_timeout_add (800, take_screenshot, &demo);

  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    g_main_context_iteration (NULL, TRUE);

  hk_filter_free (demo.filter);
  g_object_unref (demo.engine);
  g_free (screenshot);
  return 0;
}
