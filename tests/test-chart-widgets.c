/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The chart widgets under a display (suite 'ui'; exits 77 without one):
 * hover and tooltips, clicks and their signals, theme colours, exports. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "hk-bar-chart.h"
#include "hk-analysis.h"
#include "hk-simulator.h"
#include "hk-line-chart.h"
#include "hk-scatter-chart.h"

#define W 480
#define H 300

static void
pump (void)
{
  for (int i = 0; i < 5; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

static GtkWidget *
show_in_window (GtkWidget *chart)
{
  GtkWidget *window = gtk_window_new ();
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_widget_set_size_request (chart, W, H);
  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_present (GTK_WINDOW (window));
  while ((!gtk_widget_get_mapped (chart) || gtk_widget_get_width (chart) != W) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  pump ();
  g_assert_true (gtk_widget_get_mapped (chart));
  g_assert_cmpint (gtk_widget_get_width (chart), ==, W);
  g_assert_cmpint (gtk_widget_get_height (chart), ==, H);
  return window;
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type,
                 guint      button)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (!G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        continue;
      if (button && gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (c)) != button)
        continue;
      return c;  /* the widget keeps it */
    }
  g_assert_not_reached ();
}

static HkChartSeries *
brand_series (void)
{
  HkBarSeries *s = hk_bar_series_new (HK_CHART_ROAS_BY_BRAND, HK_CHART_UNIT_RATIO, "ROAS", NULL);
  HkBarItem *item;

  hk_bar_series_add (s, "MuscleBlaze", NULL, 4, NAN);
  hk_bar_series_add (s, "HKVitals", NULL, 0.25, NAN);
  hk_bar_series_add (s, "", NULL, NAN, NAN);
  item = HK_BAR_SERIES_ITEM (s, 1);
  item->revenue = 500;
  item->spend = 2000;
  return &s->parent;
}

static void
bar_centre (GtkWidget *chart,
            guint      item,
            double    *x,
            double    *y)
{
  HkChartView *view = HK_CHART_VIEW (chart);
  double x0, x1, y0, y1;

  g_assert_true (hk_chart_get_bar_extent (HK_BAR_SERIES (hk_chart_view_get_painted_series (view)),
                                          hk_chart_view_get_style (view), W, H, item, &x0, &x1, &y0, &y1));
  *x = (x0 + x1) / 2;
  *y = (y0 + y1) / 2;
}

typedef struct {
  guint  dimension;
  char  *key;
  guint  count;
} BarClick;

static void
on_bar_activated (HkBarChart *chart,
                  guint       dimension,
                  const char *key,
                  BarClick   *click)
{
  click->dimension = dimension;
  g_free (click->key);
  click->key = g_strdup (key);
  click->count++;
}

static void
test_bar_hover_and_tooltip (void)
{
  GtkWidget *chart = hk_bar_chart_new ();
  g_autoptr(HkChartSeries) series = brand_series ();
  GtkWidget *window;
  GtkEventController *motion;
  g_autofree char *text = NULL;
  double x, y;

  hk_bar_chart_set_series (HK_BAR_CHART (chart), series);
  window = show_in_window (chart);
  motion = find_controller (chart, GTK_TYPE_EVENT_CONTROLLER_MOTION, 0);

  g_assert_cmpint (hk_chart_view_get_highlight (HK_CHART_VIEW (chart)), ==, -1);
  bar_centre (chart, 1, &x, &y);
  g_signal_emit_by_name (motion, "motion", x, y);
  g_assert_cmpint (hk_chart_view_get_highlight (HK_CHART_VIEW (chart)), ==, 1);

  /* the tooltip there: the bar's exact values */
  text = hk_chart_view_dup_tooltip_at (HK_CHART_VIEW (chart), x, y);
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "HKVitals\nROAS 0.25"));
  {
    /* the locale's grouping (C: none) aside */
    g_autoptr(GString) plain = g_string_new (text);
    g_string_replace (plain, ",", "", 0);
    g_assert_nonnull (strstr (plain->str, "Revenue ₹500.00"));
    g_assert_nonnull (strstr (plain->str, "Spend ₹2000.00"));
  }
  {
    GtkTooltip *tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
    gboolean handled = FALSE;

    g_signal_emit_by_name (chart, "query-tooltip", (int) x, (int) y, FALSE, tooltip, &handled);
    g_assert_true (handled);
    g_signal_emit_by_name (chart, "query-tooltip", 2, H - 2, FALSE, tooltip, &handled);
    g_assert_false (handled);
    g_object_unref (tooltip);
  }
  g_assert_true (gtk_widget_get_has_tooltip (chart));

  /* the empty value's bar is undefined: no extent, but its row still tells */
  g_assert_false (hk_chart_get_bar_extent (HK_BAR_SERIES (series), hk_chart_view_get_style (HK_CHART_VIEW (chart)),
                                           W, H, 2, NULL, NULL, NULL, NULL));

  g_signal_emit_by_name (motion, "leave");
  g_assert_cmpint (hk_chart_view_get_highlight (HK_CHART_VIEW (chart)), ==, -1);
  g_signal_emit_by_name (motion, "motion", 2.0, (double) H - 2);
  g_assert_cmpint (hk_chart_view_get_highlight (HK_CHART_VIEW (chart)), ==, -1);

  gtk_window_destroy (GTK_WINDOW (window));
  pump ();
}

static void
test_bar_click (void)
{
  GtkWidget *chart = hk_bar_chart_new ();
  g_autoptr(HkChartSeries) series = brand_series ();
  GtkWidget *window;
  GtkEventController *click;
  BarClick got = { 0 };
  double x, y;

  hk_bar_chart_set_series (HK_BAR_CHART (chart), series);
  g_signal_connect (chart, "bar-activated", G_CALLBACK (on_bar_activated), &got);
  window = show_in_window (chart);
  click = find_controller (chart, GTK_TYPE_GESTURE_CLICK, GDK_BUTTON_PRIMARY);

  bar_centre (chart, 0, &x, &y);
  g_signal_emit_by_name (click, "pressed", 1, x, y);
  g_assert_cmpuint (got.count, ==, 1);
  g_assert_cmpuint (got.dimension, ==, HK_DIM_BRAND);
  g_assert_cmpstr (got.key, ==, "MuscleBlaze");

  /* the whole row counts, label included */
  bar_centre (chart, 1, &x, &y);
  g_signal_emit_by_name (click, "pressed", 1, 5.0, y);
  g_assert_cmpuint (got.count, ==, 2);
  g_assert_cmpstr (got.key, ==, "HKVitals");

  /* off the bars: nothing */
  g_signal_emit_by_name (click, "pressed", 1, 5.0, (double) H - 2);
  g_assert_cmpuint (got.count, ==, 2);

  g_free (got.key);
  gtk_window_destroy (GTK_WINDOW (window));
  pump ();
}

static void
on_point_activated (HkScatterChart *chart,
                    guint           influencer,
                    int            *got)
{
  *got = (int) influencer;
}

static void
test_scatter_click (void)
{
  GtkWidget *chart = hk_scatter_chart_new ();
  HkScatterSeries *s = hk_scatter_series_new (HK_CHART_SPEND_VS_REVENUE);
  g_autoptr(HkChartSeries) series = &s->parent;
  GtkWidget *window;
  GtkEventController *click;
  int got = -1;
  double px = -1, py = -1;

  hk_scatter_series_add (s, 1000, 4000, 1e6, 41, "INF_41", "Asha");
  hk_scatter_series_add (s, 2000, 500, 1e4, 42, "INF_42", "Bharat");
  hk_scatter_chart_set_series (HK_SCATTER_CHART (chart), series);
  g_signal_connect (chart, "point-activated", G_CALLBACK (on_point_activated), &got);
  window = show_in_window (chart);
  click = find_controller (chart, GTK_TYPE_GESTURE_CLICK, GDK_BUTTON_PRIMARY);

  for (int y = 0; y < H && px < 0; y++)
    for (int x = 0; x < W && px < 0; x++)
      if (hk_chart_hit_test (series, hk_chart_view_get_style (HK_CHART_VIEW (chart)), W, H, x, y) == 1)
        px = x, py = y;
  g_assert_cmpfloat (px, >=, 0);
  g_signal_emit_by_name (click, "pressed", 1, px, py);
  g_assert_cmpint (got, ==, 42);
  {
    g_autofree char *text = hk_chart_view_dup_tooltip_at (HK_CHART_VIEW (chart), px, py);
    g_assert_true (g_str_has_prefix (text, "Bharat (INF_42)"));
  }

  hk_scatter_chart_set_log_scale (HK_SCATTER_CHART (chart), TRUE);
  g_assert_true (hk_scatter_chart_get_log_scale (HK_SCATTER_CHART (chart)));
  pump ();

  gtk_window_destroy (GTK_WINDOW (window));
  pump ();
}

static void
test_line_smoothing (void)
{
  GtkWidget *chart = hk_line_chart_new ();
  HkTimeSeries *s = hk_time_series_new (HK_CHART_REVENUE_VS_SPEND, 20089, 14);
  g_autoptr(HkChartSeries) series = &s->parent;
  GtkWidget *window;
  HkTimeSeries *painted;

  for (guint i = 0; i < 14; i++)
    s->revenue[i] = i % 2 ? 1000 : 0;
  hk_line_chart_set_series (HK_LINE_CHART (chart), series);
  window = show_in_window (chart);
  painted = HK_TIME_SERIES (hk_chart_view_get_painted_series (HK_CHART_VIEW (chart)));
  g_assert_cmpfloat (painted->revenue[13], ==, 1000);

  hk_line_chart_set_smoothing (HK_LINE_CHART (chart), 2);
  painted = HK_TIME_SERIES (hk_chart_view_get_painted_series (HK_CHART_VIEW (chart)));
  g_assert_cmpuint (painted->smoothing, ==, 2);
  g_assert_cmpfloat (painted->revenue[13], ==, 500);
  g_assert_true (hk_chart_view_get_series (HK_CHART_VIEW (chart)) == series);
  {
    g_autofree char *text = hk_chart_view_dup_tooltip_at (HK_CHART_VIEW (chart), W / 2.0, H / 2.0);
    g_assert_nonnull (text);
    g_assert_nonnull (strstr (text, "2-day average"));
  }
  pump ();
  gtk_window_destroy (GTK_WINDOW (window));
  pump ();
}

static double
luminance (const HkChartColor *c)
{
  return 0.2126 * c->red + 0.7152 * c->green + 0.0722 * c->blue;
}

static void
test_dark_mode (void)
{
  GtkWidget *chart = hk_bar_chart_new ();
  g_autoptr(HkChartSeries) series = brand_series ();
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkWidget *window;
  HkChartPalette light, dark;
  gint64 deadline;

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  hk_bar_chart_set_series (HK_BAR_CHART (chart), series);
  window = show_in_window (chart);
  light = *hk_chart_view_get_palette (HK_CHART_VIEW (chart));
  g_assert_cmpfloat (luminance (&light.foreground), <, 0.5);
  g_assert_cmpfloat (luminance (&light.background), >, 0.5);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (luminance (&hk_chart_view_get_palette (HK_CHART_VIEW (chart))->foreground) < 0.5 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  dark = *hk_chart_view_get_palette (HK_CHART_VIEW (chart));
  /* css_changed refreshed the palette from the dark theme */
  g_assert_cmpfloat (luminance (&dark.foreground), >, 0.5);
  g_assert_cmpfloat (luminance (&dark.background), <, 0.5);
  g_assert_cmpfloat (fabs (luminance (&dark.spend) - luminance (&light.spend)), >, 0.1);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  pump ();
  g_assert_cmpfloat (luminance (&hk_chart_view_get_palette (HK_CHART_VIEW (chart))->foreground), <, 0.5);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
  pump ();
}

static void
test_export_action (void)
{
  GtkWidget *chart = hk_bar_chart_new ();
  g_autoptr(HkChartSeries) series = brand_series ();
  g_autofree char *dir = g_dir_make_tmp ("hk-chart-ui-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "brands.png", NULL);
  g_autofree char *png2 = g_build_filename (dir, "brands@2x.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "brands.pdf", NULL);
  GtkWidget *window;
  cairo_surface_t *image;

  hk_bar_chart_set_series (HK_BAR_CHART (chart), series);
  window = show_in_window (chart);

  g_assert_true (gtk_widget_activate_action (chart, "chart.export", "s", png));
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, W);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, H);
  cairo_surface_destroy (image);

  g_assert_true (gtk_widget_activate_action (chart, "chart.export", "s", png2));
  image = cairo_image_surface_create_from_png (png2);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 2 * W);
  cairo_surface_destroy (image);

  g_assert_true (gtk_widget_activate_action (chart, "chart.export", "s", pdf));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  g_remove (png);
  g_remove (png2);
  g_remove (pdf);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
  pump ();
}

static void
test_empty_and_reset (void)
{
  GtkWidget *chart = hk_bar_chart_new ();
  g_autoptr(HkChartSeries) series = brand_series ();
  GtkWidget *window = show_in_window (chart);

  /* no series: the empty state, nothing under the pointer */
  g_assert_null (hk_chart_view_dup_tooltip_at (HK_CHART_VIEW (chart), W / 2.0, H / 2.0));
  hk_bar_chart_set_series (HK_BAR_CHART (chart), series);
  pump ();
  hk_chart_view_set_target_roas (HK_CHART_VIEW (chart), 3);
  g_assert_cmpfloat (hk_chart_view_get_target_roas (HK_CHART_VIEW (chart)), ==, 3);
  hk_chart_view_set_target_roas (HK_CHART_VIEW (chart), 0);
  g_assert_true (isnan (hk_chart_view_get_target_roas (HK_CHART_VIEW (chart))));
  hk_bar_chart_set_series (HK_BAR_CHART (chart), NULL);
  pump ();
  g_assert_null (hk_chart_view_get_series (HK_CHART_VIEW (chart)));
  g_assert_true (gtk_widget_activate_action (chart, "chart.context-menu", NULL));
  pump ();
  gtk_window_destroy (GTK_WINDOW (window));
  pump ();
}

static void
count_notify (guint *count)
{
  (*count)++;
}

/* A chart off screen builds its series only when shown or asked for; the
 * latest analysis given wins. */
static void
test_show_off_screen (void)
{
  GtkWidget *chart = g_object_ref_sink (hk_scatter_chart_new ());
  g_autoptr(HkDataset) ds = NULL;
  g_autoptr(HkEngine) engine = NULL;
  g_autoptr(HkFilter) filter = hk_filter_new ();
  g_autoptr(HkAnalysis) all = NULL, one = NULL;
  g_autoptr(HkChartSeries) all_points = NULL, one_points = NULL;
  HkSimulatorOptions options;
  GtkWidget *window;
  guint notified = 0;

  hk_simulator_options_init (&options);
  ds = hk_simulator_generate_dataset (&options, NULL, NULL);
  engine = hk_engine_new (ds);
  all = hk_engine_analyze (engine, filter, NULL);
  hk_filter_add (filter, HK_DIM_PLATFORM, "Instagram");
  one = hk_engine_analyze (engine, filter, NULL);
  all_points = hk_chart_series_new_for_analysis (all, HK_CHART_SPEND_VS_REVENUE, NULL);
  one_points = hk_chart_series_new_for_analysis (one, HK_CHART_SPEND_VS_REVENUE, NULL);
  g_assert_cmpuint (HK_SCATTER_SERIES (one_points)->points->len, <, HK_SCATTER_SERIES (all_points)->points->len);
  g_signal_connect_swapped (chart, "notify::series", G_CALLBACK (count_notify), &notified);

  hk_chart_view_show (HK_CHART_VIEW (chart), all, HK_CHART_SPEND_VS_REVENUE, 0);
  hk_chart_view_show (HK_CHART_VIEW (chart), one, HK_CHART_SPEND_VS_REVENUE, 0);
  g_assert_cmpuint (notified, ==, 0);
  /* asked for: built from the latest */
  g_assert_cmpuint (HK_SCATTER_SERIES (hk_chart_view_get_series (HK_CHART_VIEW (chart)))->points->len, ==,
                    HK_SCATTER_SERIES (one_points)->points->len);
  g_assert_cmpuint (notified, ==, 1);

  /* shown: built when mapped */
  hk_chart_view_show (HK_CHART_VIEW (chart), all, HK_CHART_SPEND_VS_REVENUE, 0);
  g_assert_cmpuint (notified, ==, 1);
  window = show_in_window (chart);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpuint (HK_SCATTER_SERIES (hk_chart_view_get_painted_series (HK_CHART_VIEW (chart)))->points->len, ==,
                    HK_SCATTER_SERIES (all_points)->points->len);
  /* on screen: at once; no analysis: the empty state */
  hk_chart_view_show (HK_CHART_VIEW (chart), one, HK_CHART_SPEND_VS_REVENUE, 0);
  g_assert_cmpuint (notified, ==, 3);
  hk_chart_view_show (HK_CHART_VIEW (chart), NULL, HK_CHART_SPEND_VS_REVENUE, 0);
  g_assert_cmpuint (notified, ==, 4);
  g_assert_null (hk_chart_view_get_series (HK_CHART_VIEW (chart)));
  gtk_window_destroy (GTK_WINDOW (window));
  pump ();
  g_object_unref (chart);
}

/* 30 cities in a chart asked for 360 px, in a scrolled page as on
 * Insights: it grows so every row gets at least 24 px. */
static void
test_bars_grow (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *chart = hk_bar_chart_new ();
  HkBarSeries *s = hk_bar_series_new (HK_CHART_ROAS_BY_CITY, HK_CHART_UNIT_RATIO, "ROAS", NULL);
  g_autoptr(HkChartSeries) series = &s->parent;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  double y0, y1;
  int minimum, natural;

  for (guint i = 0; i < 30; i++)
    {
      char key[16];

      g_snprintf (key, sizeof key, "City %02u", i);
      hk_bar_series_add (s, key, NULL, 6 - i * 0.2, NAN);
    }
  gtk_widget_set_size_request (chart, -1, 360);
  hk_bar_chart_set_series (HK_BAR_CHART (chart), series);
  gtk_box_append (GTK_BOX (box), chart);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_set_default_size (GTK_WINDOW (window), W, 400);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (chart) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  pump ();

  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, W, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, >=, 30 * 24);
  g_assert_cmpint (natural, >=, 30 * 30);
  g_assert_cmpint (gtk_widget_get_height (chart), >=, minimum);
  /* the painter's rows at that height */
  g_assert_true (hk_chart_get_bar_extent (s, hk_chart_view_get_style (HK_CHART_VIEW (chart)),
                                          gtk_widget_get_width (chart), gtk_widget_get_height (chart), 0,
                                          NULL, NULL, &y0, NULL));
  g_assert_true (hk_chart_get_bar_extent (s, hk_chart_view_get_style (HK_CHART_VIEW (chart)),
                                          gtk_widget_get_width (chart), gtk_widget_get_height (chart), 1,
                                          NULL, NULL, &y1, NULL));
  g_assert_cmpfloat (y1 - y0, >=, 24 - 1e-6);

  /* five bars keep the height asked for */
  g_array_set_size (s->items, 5);
  hk_chart_view_invalidate (HK_CHART_VIEW (chart));
  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, W, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, 360);
  gtk_window_destroy (GTK_WINDOW (window));
  pump ();
}

/* The scatter's axes: automatic log when most points would crowd the
 * origin; the button's choice (log-scale) is remembered as "scale". */
static void
test_scatter_scale (void)
{
  g_autoptr(GtkWidget) chart = g_object_ref_sink (hk_scatter_chart_new ());
  HkScatterSeries *skewed = hk_scatter_series_new (HK_CHART_SPEND_VS_REVENUE);
  HkScatterSeries *even = hk_scatter_series_new (HK_CHART_SPEND_VS_REVENUE);
  g_autoptr(HkChartSeries) s1 = &skewed->parent;
  g_autoptr(HkChartSeries) s2 = &even->parent;
  guint notified = 0;

  for (guint i = 0; i < 9; i++)
    {
      hk_scatter_series_add (skewed, i == 8 ? 1e6 : 1000 + i, 2000, 1e4, i, NULL, NULL);
      hk_scatter_series_add (even, 1000 + i, 2000, 1e4, i, NULL, NULL);
    }
  g_signal_connect_swapped (chart, "notify::log-scale", G_CALLBACK (g_atomic_int_inc), &notified);
  g_assert_cmpint (hk_scatter_chart_get_scale (HK_SCATTER_CHART (chart)), ==, HK_SCATTER_SCALE_AUTO);
  hk_scatter_chart_set_series (HK_SCATTER_CHART (chart), s1);
  g_assert_true (hk_scatter_chart_get_log_scale (HK_SCATTER_CHART (chart)));
  g_assert_cmpuint (notified, ==, 1);
  hk_scatter_chart_set_series (HK_SCATTER_CHART (chart), s2);
  g_assert_false (hk_scatter_chart_get_log_scale (HK_SCATTER_CHART (chart)));

  /* a choice sticks whatever the data */
  g_object_set (chart, "log-scale", TRUE, NULL);
  g_assert_cmpint (hk_scatter_chart_get_scale (HK_SCATTER_CHART (chart)), ==, HK_SCATTER_SCALE_LOG);
  g_assert_true (hk_chart_view_get_style (HK_CHART_VIEW (chart))->log_scale);
  hk_scatter_chart_set_series (HK_SCATTER_CHART (chart), s1);
  g_object_set (chart, "log-scale", FALSE, NULL);
  g_assert_cmpint (hk_scatter_chart_get_scale (HK_SCATTER_CHART (chart)), ==, HK_SCATTER_SCALE_LINEAR);
  g_assert_false (hk_chart_view_get_style (HK_CHART_VIEW (chart))->log_scale);
}

static void
test_css_names (void)
{
  g_autoptr(GtkWidget) bar = g_object_ref_sink (hk_bar_chart_new ());
  g_autoptr(GtkWidget) line = g_object_ref_sink (hk_line_chart_new ());
  g_autoptr(GtkWidget) scatter = g_object_ref_sink (hk_scatter_chart_new ());

  g_assert_cmpstr (gtk_widget_get_css_name (bar), ==, "barchart");
  g_assert_cmpstr (gtk_widget_get_css_name (line), ==, "linechart");
  g_assert_cmpstr (gtk_widget_get_css_name (scatter), ==, "scatterchart");
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (bar)), ==, GTK_ACCESSIBLE_ROLE_IMG);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping the chart widget tests\n");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/chart-widgets/css-names", test_css_names);
  g_test_add_func ("/chart-widgets/bar-hover-tooltip", test_bar_hover_and_tooltip);
  g_test_add_func ("/chart-widgets/bar-click", test_bar_click);
  g_test_add_func ("/chart-widgets/scatter-click", test_scatter_click);
  g_test_add_func ("/chart-widgets/line-smoothing", test_line_smoothing);
  g_test_add_func ("/chart-widgets/bars-grow", test_bars_grow);
  g_test_add_func ("/chart-widgets/scatter-scale", test_scatter_scale);
  g_test_add_func ("/chart-widgets/dark-mode", test_dark_mode);
  g_test_add_func ("/chart-widgets/export-action", test_export_action);
  g_test_add_func ("/chart-widgets/empty-and-reset", test_empty_and_reset);
  g_test_add_func ("/chart-widgets/show-off-screen", test_show_off_screen);
  return g_test_run ();
}
