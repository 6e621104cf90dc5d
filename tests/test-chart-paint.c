/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The painter on image surfaces, read back pixel by pixel, and its exports.
 * Headless: links the core and the chart library only. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "hk-chart-painter.h"
#include "hk-chart-series.h"

#define W 480
#define H 240

typedef struct {
  guint8 r, g, b;
} Pixel;

static cairo_surface_t *
paint (const HkChartSeries *series,
       const HkChartStyle  *style,
       int                  width,
       int                  height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  HkChartPalette palette;
  HkChartStyle s;

  hk_chart_palette_init_light (&palette);
  if (style)
    s = *style;
  else
    hk_chart_style_init (&s);
  s.fill_background = TRUE;
  hk_chart_paint (cr, width, height, &palette, series, &s);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static Pixel
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 v;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  v = *(guint32 *) (data + y * stride + x * 4);
  /* the background is opaque, so premultiplied = straight */
  g_assert_cmpuint (v >> 24, ==, 255);
  return (Pixel) { (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };
}

/* A colour drawn at alpha over the opaque background. */
static Pixel
blend (const HkChartColor *c,
       double              alpha,
       const HkChartColor *bg)
{
  double a = c->alpha * alpha;

  return (Pixel) { (guint8) round (255 * (c->red * a + bg->red * (1 - a))),
                   (guint8) round (255 * (c->green * a + bg->green * (1 - a))),
                   (guint8) round (255 * (c->blue * a + bg->blue * (1 - a))) };
}

static gboolean
near (Pixel a,
      Pixel b)
{
  return ABS (a.r - b.r) <= 3 && ABS (a.g - b.g) <= 3 && ABS (a.b - b.b) <= 3;
}

static guint
count_pixels (cairo_surface_t *surface,
              Pixel            colour,
              gboolean         equal)
{
  guint n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      n += near (pixel_at (surface, x, y), colour) == equal;
  return n;
}

static HkBarSeries *
three_bars (void)
{
  HkBarSeries *s = hk_bar_series_new (HK_CHART_ROAS_BY_BRAND, HK_CHART_UNIT_RATIO, "ROAS", NULL);

  /* added out of order: the painter draws in series order, so sort */
  hk_bar_series_add (s, "Gritzo", NULL, 1, NAN);
  hk_bar_series_add (s, "MuscleBlaze", NULL, 4, NAN);
  hk_bar_series_add (s, "HKVitals", NULL, 2, NAN);
  hk_bar_series_sort (s);
  return s;
}

/* Walks right from inside a bar along its middle row while the pixels are the
 * bar's colour: the drawn length, found from the pixels alone. */
static double
measured_end (cairo_surface_t *surface,
              double           x0,
              double           y0,
              double           y1,
              Pixel            colour)
{
  int y = (int) floor ((y0 + y1) / 2);
  int x = (int) ceil (x0) + 1;

  g_assert_true (near (pixel_at (surface, x, y), colour));
  while (x + 1 < cairo_image_surface_get_width (surface) && near (pixel_at (surface, x + 1, y), colour))
    x++;
  return x + 1;
}

static void
test_bar_lengths_and_order (void)
{
  g_autoptr(HkBarSeries) s = three_bars ();
  HkChartPalette palette;
  HkChartStyle style;
  cairo_surface_t *surface;
  Pixel above, below;
  double x0[3], x1[3], y0[3], y1[3], len[3];

  hk_chart_palette_init_light (&palette);
  hk_chart_style_init (&style);
  surface = paint (&s->parent, &style, W, H);
  above = blend (&palette.revenue, 1, &palette.background);
  below = blend (&palette.below, 1, &palette.background);

  g_assert_cmpstr (HK_BAR_SERIES_ITEM (s, 0)->key, ==, "MuscleBlaze");
  g_assert_cmpstr (HK_BAR_SERIES_ITEM (s, 2)->key, ==, "Gritzo");
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (hk_chart_get_bar_extent (s, &style, W, H, i, &x0[i], &x1[i], &y0[i], &y1[i]));
      /* every bar at or above ROAS 1 wears the accent colour */
      len[i] = measured_end (surface, x0[i], y0[i], y1[i], above) - x0[i];
      g_test_message ("bar %u: %g %g %g %g len %g", i, x0[i], x1[i], y0[i], y1[i], len[i]);
      g_assert_cmpfloat (fabs (x0[i] + len[i] - x1[i]), <=, 1.5);
      /* just past its end: not the bar */
      g_assert_false (near (pixel_at (surface, (int) ceil (x1[i]) + 1, (int) ((y0[i] + y1[i]) / 2)), above));
      g_assert_cmpint (hk_chart_hit_test (&s->parent, &style, W, H, (x0[i] + x1[i]) / 2, (y0[i] + y1[i]) / 2),
                       ==, (int) i);
    }
  /* top to bottom, largest first; lengths 4 : 2 : 1 */
  g_assert_cmpfloat (y0[0], <, y0[1]);
  g_assert_cmpfloat (y0[1], <, y0[2]);
  g_assert_cmpfloat (fabs (len[0] - 2 * len[1]), <=, 2);
  g_assert_cmpfloat (fabs (len[1] - 2 * len[2]), <=, 2);
  g_assert_cmpfloat (len[0], >, W / 3);
  g_assert_cmpuint (count_pixels (surface, below, TRUE), ==, 0);
  g_assert_cmpint (hk_chart_hit_test (&s->parent, &style, W, H, W / 2, H - 2), ==, -1);
  cairo_surface_destroy (surface);

  /* below the reference: the error colour */
  HK_BAR_SERIES_ITEM (s, 2)->value = 0.5;
  surface = paint (&s->parent, &style, W, H);
  g_assert_true (hk_chart_get_bar_extent (s, &style, W, H, 2, &x0[2], &x1[2], &y0[2], &y1[2]));
  g_assert_cmpfloat (measured_end (surface, x0[2], y0[2], y1[2], below) - x0[2], >, 5);
  cairo_surface_destroy (surface);
}

static void
test_bar_highlight (void)
{
  g_autoptr(HkBarSeries) s = three_bars ();
  HkChartPalette palette;
  HkChartStyle style;
  cairo_surface_t *plain, *hot;
  double x0, x1, y0, y1;

  hk_chart_palette_init_light (&palette);
  hk_chart_style_init (&style);
  plain = paint (&s->parent, &style, W, H);
  style.highlight = 1;
  hot = paint (&s->parent, &style, W, H);
  g_assert_true (hk_chart_get_bar_extent (s, &style, W, H, 1, &x0, &x1, &y0, &y1));
  /* the highlighted bar keeps its colour, the others step back */
  g_assert_true (near (pixel_at (hot, (int) ((x0 + x1) / 2), (int) ((y0 + y1) / 2)),
                       blend (&palette.revenue, 1, &palette.background)));
  g_assert_true (near (pixel_at (plain, (int) ((x0 + x1) / 2), (int) ((y0 + y1) / 2)),
                       blend (&palette.revenue, 1, &palette.background)));
  g_assert_true (hk_chart_get_bar_extent (s, &style, W, H, 2, &x0, &x1, &y0, &y1));
  g_assert_true (near (pixel_at (hot, (int) ((x0 + x1) / 2), (int) ((y0 + y1) / 2)),
                       blend (&palette.revenue, 0.55, &palette.background)));
  cairo_surface_destroy (plain);
  cairo_surface_destroy (hot);
}

static void
test_grouped_bars (void)
{
  g_autoptr(HkBarSeries) s = hk_bar_series_new (HK_CHART_SPEND_REVENUE_BY_BRAND, HK_CHART_UNIT_MONEY,
                                                "Revenue", "Spend");
  HkChartPalette palette;
  cairo_surface_t *surface;

  hk_chart_palette_init_light (&palette);
  hk_bar_series_add (s, "MuscleBlaze", NULL, 4000, 1000);
  /* a Hindi label is shaped by pango like any other */
  hk_bar_series_add (s, "HKVitals", "एचके विटल्स", 500, 2000);
  surface = paint (&s->parent, NULL, W, H);
  /* both measures show */
  g_assert_cmpuint (count_pixels (surface, blend (&palette.revenue, 1, &palette.background), TRUE), >, 100);
  g_assert_cmpuint (count_pixels (surface, blend (&palette.spend, 1, &palette.background), TRUE), >, 100);
  cairo_surface_destroy (surface);
}

/* An empty state: text in the middle, no bar or point colour anywhere. */
static void
assert_empty_state (const HkChartSeries *series)
{
  HkChartPalette palette;
  cairo_surface_t *surface = paint (series, NULL, W, H);
  Pixel bg;
  guint inked = 0;

  hk_chart_palette_init_light (&palette);
  bg = blend (&palette.background, 1, &palette.background);
  g_assert_cmpuint (count_pixels (surface, blend (&palette.revenue, 1, &palette.background), TRUE), ==, 0);
  g_assert_cmpuint (count_pixels (surface, blend (&palette.revenue, 1, &palette.background), TRUE), ==, 0);
  for (int y = H / 2 - 20; y < H / 2 + 20; y++)
    for (int x = W / 4; x < 3 * W / 4; x++)
      inked += !near (pixel_at (surface, x, y), bg);
  g_assert_cmpuint (inked, >, 50);  /* "No data for this selection" */
  cairo_surface_destroy (surface);
  g_assert_cmpint (hk_chart_hit_test (series, NULL, W, H, W / 2, H / 2), ==, -1);
}

static void
test_empty_states (void)
{
  g_autoptr(HkBarSeries) none = hk_bar_series_new (HK_CHART_ROAS_BY_CITY, HK_CHART_UNIT_RATIO, "ROAS", NULL);
  g_autoptr(HkBarSeries) undefined = hk_bar_series_new (HK_CHART_ROAS_BY_CITY, HK_CHART_UNIT_RATIO, "ROAS", NULL);
  g_autoptr(HkTimeSeries) no_days = hk_time_series_new (HK_CHART_REVENUE_VS_SPEND, 0, 0);
  g_autoptr(HkTimeSeries) zeros = hk_time_series_new (HK_CHART_REVENUE_VS_SPEND, 20000, 30);
  g_autoptr(HkScatterSeries) no_points = hk_scatter_series_new (HK_CHART_SPEND_VS_REVENUE);
  g_autofree char *description = NULL;

  hk_bar_series_add (undefined, "Pune", NULL, NAN, NAN);
  hk_bar_series_add (undefined, "", NULL, NAN, NAN);

  assert_empty_state (NULL);
  assert_empty_state (&none->parent);
  assert_empty_state (&undefined->parent);
  assert_empty_state (&no_days->parent);
  assert_empty_state (&zeros->parent);
  assert_empty_state (&no_points->parent);

  description = hk_chart_dup_description (&undefined->parent, NULL);
  g_assert_nonnull (strstr (description, "undefined"));
}

static void
test_single_values (void)
{
  g_autoptr(HkBarSeries) one = hk_bar_series_new (HK_CHART_ROAS_BY_BRAND, HK_CHART_UNIT_RATIO, "ROAS", NULL);
  g_autoptr(HkTimeSeries) day = hk_time_series_new (HK_CHART_REVENUE_VS_SPEND, 20000, 1);
  g_autoptr(HkScatterSeries) point = hk_scatter_series_new (HK_CHART_SPEND_VS_REVENUE);
  HkChartPalette palette;
  cairo_surface_t *surface;
  double x0, x1, y0, y1;

  hk_chart_palette_init_light (&palette);
  hk_bar_series_add (one, "MuscleBlaze", NULL, 2.5, NAN);
  surface = paint (&one->parent, NULL, W, H);
  g_assert_true (hk_chart_get_bar_extent (one, NULL, W, H, 0, &x0, &x1, &y0, &y1));
  /* one bar keeps a bar's thickness and sits at the top, not a slab */
  g_assert_cmpfloat (y1 - y0, <=, 30);
  g_assert_cmpfloat (y0, <, H / 3);
  g_assert_cmpfloat (measured_end (surface, x0, y0, y1, blend (&palette.revenue, 1, &palette.background)),
                     >, x0 + 10);
  cairo_surface_destroy (surface);

  day->revenue[0] = 1200;
  day->spend[0] = 300;
  surface = paint (&day->parent, NULL, W, H);
  g_assert_cmpuint (count_pixels (surface, blend (&palette.revenue, 1, &palette.background), TRUE), >, 10);
  cairo_surface_destroy (surface);
  g_assert_cmpint (hk_chart_hit_test (&day->parent, NULL, W, H, W / 2, H / 2), ==, 0);

  hk_scatter_series_add (point, 1000, 3000, 5000, 7, "INF_7", "Asha");
  surface = paint (&point->parent, NULL, W, H);
  g_assert_cmpuint (count_pixels (surface, blend (&palette.revenue, 1, &palette.background), TRUE), >, 5);
  cairo_surface_destroy (surface);
}

static void
test_time_series_paint (void)
{
  g_autoptr(HkTimeSeries) year = hk_time_series_new (HK_CHART_REVENUE_VS_SPEND, 20089, 365);
  HkChartPalette palette;
  cairo_surface_t *surface;
  int hit;

  hk_chart_palette_init_light (&palette);
  for (guint i = 0; i < 365; i++)
    {
      year->revenue[i] = 1000 + 500 * sin (i / 20.0);
      year->spend[i] = 300;
    }
  surface = paint (&year->parent, NULL, W, H);
  g_assert_cmpuint (count_pixels (surface, blend (&palette.spend, 1, &palette.background), TRUE), >, 200);
  cairo_surface_destroy (surface);
  /* the left and right ends of the plot are the first and last days */
  hit = hk_chart_hit_test (&year->parent, NULL, W, H, W - 50, H / 2);
  g_assert_cmpint (hit, >, 340);
  hit = hk_chart_hit_test (&year->parent, NULL, W, H, 60, H / 2);
  g_assert_cmpint (hit, <, 40);
  g_assert_cmpint (hk_chart_hit_test (&year->parent, NULL, W, H, W / 2, 2), ==, -1);
}

static void
test_scatter_paint (void)
{
  g_autoptr(HkScatterSeries) s = hk_scatter_series_new (HK_CHART_SPEND_VS_REVENUE);
  g_autoptr(HkScatterSeries) many = hk_scatter_series_new (HK_CHART_SPEND_VS_REVENUE);
  HkChartPalette palette;
  HkChartStyle style;
  cairo_surface_t *surface;
  guint n_below;

  hk_chart_palette_init_light (&palette);
  hk_chart_style_init (&style);
  hk_scatter_series_add (s, 1000, 4000, 1e6, 0, "1", "Asha");
  hk_scatter_series_add (s, 2000, 500, 1e4, 1, "2", "Bharat");
  hk_scatter_series_add (s, 0, 700, 1e3, 2, "3", "Chitra");
  surface = paint (&s->parent, &style, W, H);
  /* Bharat is below ROAS 1: drawn in the error colour */
  n_below = count_pixels (surface, blend (&palette.below, 1, &palette.background), TRUE);
  g_assert_cmpuint (n_below, >, 3);
  cairo_surface_destroy (surface);

  /* log scale leaves out Chitra (no spend) and says so */
  style.log_scale = TRUE;
  style.target = 3;
  surface = paint (&s->parent, &style, W, H);
  g_assert_cmpuint (count_pixels (surface, blend (&palette.target, 1, &palette.background), TRUE), >, 5);
  cairo_surface_destroy (surface);

  for (guint i = 0; i < 5000; i++)
    hk_scatter_series_add (many, g_random_double_range (0, 1e5), g_random_double_range (0, 3e5),
                           g_random_double_range (1e3, 1e6), i, "k", "l");
  style.log_scale = FALSE;
  surface = paint (&many->parent, &style, W, H);
  g_assert_cmpuint (count_pixels (surface, blend (&palette.background, 1, &palette.background), FALSE), >, 5000);
  cairo_surface_destroy (surface);
}

static void
test_scatter_hit (void)
{
  g_autoptr(HkScatterSeries) s = hk_scatter_series_new (HK_CHART_SPEND_VS_REVENUE);
  int found = -1;

  hk_scatter_series_add (s, 1000, 4000, 1e6, 10, "1", "Asha");
  hk_scatter_series_add (s, 2000, 500, 1e4, 11, "2", "Bharat");
  /* scan the canvas: each point is found somewhere, and nowhere at the corners */
  for (int want = 0; want < 2; want++)
    {
      gboolean seen = FALSE;
      for (int y = 0; y < H && !seen; y += 2)
        for (int x = 0; x < W && !seen; x += 2)
          if (hk_chart_hit_test (&s->parent, NULL, W, H, x, y) == want)
            seen = TRUE, found = want;
      g_assert_true (seen);
    }
  g_assert_cmpint (found, ==, 1);
  g_assert_cmpint (hk_chart_hit_test (&s->parent, NULL, W, H, 0, 0), ==, -1);
}

/* A reference line stops short of the value labels it crosses: no pixel of
 * the break-even or target colour inside a label's box, while the lines are
 * drawn elsewhere. Bars whose ends sit just left of 1× and 3× put their
 * labels across both lines. */
static gboolean
line_colour (Pixel p,
             Pixel line)
{
  return ABS (p.r - line.r) + ABS (p.g - line.g) + ABS (p.b - line.b) < 60;
}

static void
test_labels_clear_of_lines (void)
{
  g_autoptr(HkBarSeries) s = hk_bar_series_new (HK_CHART_ROAS_BY_CITY, HK_CHART_UNIT_RATIO, "ROAS", NULL);
  static const double values[] = { 5.2, 2.85, 2.8, 1.6, 0.9, 0.85 };
  HkChartPalette palette;
  HkChartStyle style;
  cairo_surface_t *surface;
  Pixel good, target;
  double zero, five, x_one, x_three;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      char key[8];

      g_snprintf (key, sizeof key, "City %u", i);
      hk_bar_series_add (s, key, NULL, values[i], NAN);
    }
  hk_chart_palette_init_light (&palette);
  hk_chart_style_init (&style);
  style.target = 3;
  surface = paint (&s->parent, &style, W, H);
  good = blend (&palette.good, 1, &palette.background);
  target = blend (&palette.target, 1, &palette.background);
  /* where the lines run, from the first bar's scale */
  g_assert_true (hk_chart_get_bar_extent (s, &style, W, H, 0, &zero, &five, NULL, NULL));
  x_one = zero + (five - zero) / 5.2;
  x_three = zero + (five - zero) * 3 / 5.2;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      double x, y, w, h, x0, x1;

      g_assert_true (hk_chart_get_bar_value_box (s, &style, W, H, i, &x, &y, &w, &h));
      g_assert_true (hk_chart_get_bar_extent (s, &style, W, H, i, &x0, &x1, NULL, NULL));
      g_assert_cmpfloat (x, >, x1);  /* right of its bar */
      for (int py = (int) floor (y); py < (int) ceil (y + h); py++)
        for (int px = (int) floor (x); px < (int) ceil (x + w); px++)
          {
            Pixel p = pixel_at (surface, px, py);

            g_assert_false (line_colour (p, good));
            g_assert_false (line_colour (p, target));
          }
      /* the labels of 2.85 and 2.8 span the target, those of 0.9 and 0.85 break-even */
      if (i == 1 || i == 2)
        g_assert_true (x < x_three && x_three < x + w);
      if (i >= 4)
        g_assert_true (x < x_one && x_one < x + w);
    }
  /* both lines are there, between the labels */
  g_assert_cmpuint (count_pixels (surface, good, TRUE), >, 10);
  g_assert_cmpuint (count_pixels (surface, target, TRUE), >, 10);
  cairo_surface_destroy (surface);
}

/* Rows never get thinner than a chart asks for: at the height
 * hk_chart_get_bars_height() gives, 30 bars are 24 units apart; squeezed
 * into less, labelled rows still do not touch. */
static void
test_bar_rows (void)
{
  g_autoptr(HkBarSeries) s = hk_bar_series_new (HK_CHART_ROAS_BY_CITY, HK_CHART_UNIT_RATIO, "ROAS", NULL);
  double height, y0[2], y1, prev_bottom = -1;

  for (guint i = 0; i < 30; i++)
    {
      char key[16];

      g_snprintf (key, sizeof key, "City %02u", i);
      hk_bar_series_add (s, key, NULL, 6 - i * 0.2, NAN);
    }
  height = hk_chart_get_bars_height (s, NULL, W, 24);
  g_assert_cmpfloat (height, >=, 30 * 24);
  for (guint i = 0; i < 2; i++)
    g_assert_true (hk_chart_get_bar_extent (s, NULL, W, height, i, NULL, NULL, &y0[i], NULL));
  g_assert_cmpfloat (y0[1] - y0[0], >=, 24 - 1e-6);
  g_assert_true (hk_chart_get_bar_extent (s, NULL, W, height, 29, NULL, NULL, NULL, &y1));
  g_assert_cmpfloat (y1, <, height);
  /* rows never grow past 40 */
  g_assert_cmpfloat (hk_chart_get_bars_height (s, NULL, W, 100), ==, hk_chart_get_bars_height (s, NULL, W, 40));

  /* 30 bars in 240 units: every other label, or fewer, and none overlaps */
  for (guint i = 0; i < 30; i++)
    {
      double y, h;

      if (!hk_chart_get_bar_value_box (s, NULL, W, H, i, NULL, &y, NULL, &h))
        continue;
      g_assert_cmpfloat (y, >=, prev_bottom);
      prev_bottom = y + h;
    }
  g_assert_false (hk_chart_get_bar_value_box (s, NULL, W, H, 1, NULL, NULL, NULL, NULL));
}

/* Largest payouts: a payout above its revenue is drawn in the error colour
 * and said so in the tooltip; the others keep the spend colour. */
static void
test_payouts_flag (void)
{
  g_autoptr(HkBarSeries) s = hk_bar_series_new (HK_CHART_TOP_PAYOUTS, HK_CHART_UNIT_MONEY, "Spend", NULL);
  g_autofree char *flagged = NULL, *fine = NULL;
  HkChartPalette palette;
  cairo_surface_t *surface;
  double x0, x1, y0, y1;

  s->reference = NAN;
  s->flag_name = g_strdup ("Payout exceeds revenue");
  hk_bar_series_add (s, "INF_1", "Asha", 40000, NAN);
  hk_bar_series_add (s, "INF_2", "Bharat", 30000, NAN);
  HK_BAR_SERIES_ITEM (s, 0)->revenue = 90000;
  HK_BAR_SERIES_ITEM (s, 1)->revenue = 12000;
  HK_BAR_SERIES_ITEM (s, 1)->flagged = TRUE;
  hk_chart_palette_init_light (&palette);
  surface = paint (&s->parent, NULL, W, H);
  g_assert_true (hk_chart_get_bar_extent (s, NULL, W, H, 0, &x0, &x1, &y0, &y1));
  g_assert_true (near (pixel_at (surface, (int) ((x0 + x1) / 2), (int) ((y0 + y1) / 2)),
                       blend (&palette.spend, 1, &palette.background)));
  g_assert_true (hk_chart_get_bar_extent (s, NULL, W, H, 1, &x0, &x1, &y0, &y1));
  g_assert_true (near (pixel_at (surface, (int) ((x0 + x1) / 2), (int) ((y0 + y1) / 2)),
                       blend (&palette.below, 1, &palette.background)));
  cairo_surface_destroy (surface);

  flagged = hk_chart_dup_item_text (&s->parent, 1, NULL);
  fine = hk_chart_dup_item_text (&s->parent, 0, NULL);
  g_assert_nonnull (strstr (flagged, "Payout exceeds revenue"));
  g_assert_null (strstr (fine, "Payout exceeds revenue"));
}

static void
test_item_text (void)
{
  g_autoptr(HkBarSeries) s = three_bars ();
  g_autoptr(HkScatterSeries) pts = hk_scatter_series_new (HK_CHART_SPEND_VS_REVENUE);
  g_autoptr(HkTimeSeries) days = hk_time_series_new (HK_CHART_REVENUE_VS_SPEND, 20089, 2);
  HkNumberFormat format;
  g_autofree char *bar = NULL, *point = NULL, *day = NULL, *d1 = NULL, *d2 = NULL;
  HkBarItem *mb = HK_BAR_SERIES_ITEM (s, 0);

  /* Indian grouping is built into hk-format whatever the machine has installed */
  hk_number_format_for_locale (&format, "en_IN");
  mb->revenue = 4000;
  mb->spend = 1000;
  bar = hk_chart_dup_item_text (&s->parent, 0, &format);
  g_assert_true (g_str_has_prefix (bar, "MuscleBlaze\n"));
  g_assert_nonnull (strstr (bar, "ROAS 4"));
  g_assert_nonnull (strstr (bar, "4,000"));
  g_assert_nonnull (strstr (bar, "1,000"));
  g_assert_null (hk_chart_dup_item_text (&s->parent, 3, &format));
  g_assert_null (hk_chart_dup_item_text (&s->parent, -1, &format));

  hk_scatter_series_add (pts, 1000, 3250, 12345, 4, "INF_5", "Asha");
  point = hk_chart_dup_item_text (&pts->parent, 0, &format);
  g_assert_true (g_str_has_prefix (point, "Asha (INF_5)\n"));
  g_assert_nonnull (strstr (point, "3.25"));
  g_assert_nonnull (strstr (point, "12,345"));

  days->revenue[1] = 1500;
  days->spend[1] = 500;
  day = hk_chart_dup_item_text (&days->parent, 1, &format);
  g_assert_nonnull (strstr (day, "2025"));  /* day 20090 is 2 Jan 2025 */
  g_assert_nonnull (strstr (day, "1,500"));
  g_assert_nonnull (strstr (day, "3.00"));

  d1 = hk_chart_dup_description (&s->parent, &format);
  g_assert_nonnull (strstr (d1, "MuscleBlaze"));
  g_assert_nonnull (strstr (d1, "Gritzo"));
  d2 = hk_chart_dup_description (&pts->parent, &format);
  g_assert_nonnull (strstr (d2, "1 influencer"));
}

/* ------------------------------------------------------------------------ */
/* Exports                                                                  */

static void
on_start_element (GMarkupParseContext  *context,
                  const char           *element,
                  const char          **names,
                  const char          **values,
                  gpointer              data,
                  GError              **error)
{
  char **root = data;

  if (*root == NULL)
    *root = g_strdup (element);
}

/* Binary-safe: PDFs hold NUL bytes. */
static gboolean
contains_bytes (const char *data,
                gsize       len,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_export (void)
{
  g_autoptr(HkBarSeries) s = three_bars ();
  g_autofree char *dir = g_dir_make_tmp ("hk-chart-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *png2 = g_build_filename (dir, "chart@2x.PNG", NULL);
  g_autofree char *svg = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *bad = g_build_filename (dir, "chart.jpg", NULL);
  g_autofree char *nodir = g_build_filename (dir, "no", "such", "chart.png", NULL);
  g_autofree char *text = NULL, *root = NULL;
  g_autoptr(GError) error = NULL;
  GMarkupParser parser = { on_start_element, NULL, NULL, NULL, NULL };
  GMarkupParseContext *context;
  HkChartPalette palette;
  cairo_surface_t *image;
  gsize len;

  g_assert_nonnull (dir);
  hk_chart_palette_init_dark (&palette);

  g_assert_true (hk_chart_export (&s->parent, &palette, NULL, 400, 300, png, 1, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 400);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 300);
  /* exports fill the palette's background */
  cairo_surface_flush (image);
  g_assert_true (near (pixel_at (image, 1, 1), blend (&palette.background, 1, &palette.background)));
  cairo_surface_destroy (image);

  g_assert_true (hk_chart_export (&s->parent, &palette, NULL, 400, 300, png2, 2, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png2);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 600);
  cairo_surface_destroy (image);

  g_assert_true (hk_chart_export (&s->parent, &palette, NULL, 400, 300, svg, 1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &text, &len, NULL));
  g_assert_cmpuint (len, >, 500);
  context = g_markup_parse_context_new (&parser, 0, &root, NULL);
  g_assert_true (g_markup_parse_context_parse (context, text, len, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);
  g_assert_cmpstr (root, ==, "svg");
  g_clear_pointer (&text, g_free);

  g_assert_true (hk_chart_export (&s->parent, &palette, NULL, 400, 300, pdf, 1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &text, &len, NULL));
  g_assert_cmpuint (len, >, 500);
  g_assert_true (g_str_has_prefix (text, "%PDF-"));
  g_assert_true (contains_bytes (text, len, "/Type /Page"));
  g_assert_true (contains_bytes (text + len - 16, 16, "%%EOF"));
  g_clear_pointer (&text, g_free);

  /* empty charts export too */
  g_assert_true (hk_chart_export (NULL, &palette, NULL, 300, 200, svg, 1, &error));
  g_assert_no_error (error);

  g_assert_false (hk_chart_export (&s->parent, &palette, NULL, 400, 300, bad, 1, &error));
  g_assert_error (error, HK_CHART_ERROR, HK_CHART_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  g_assert_false (hk_chart_export (&s->parent, &palette, NULL, 400, 300, nodir, 1, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* the subtitle (filters and dates) gets a line of its own under the
   * title, and is the PDF's subject */
  {
    HkChartStyle titled;
    double plain_top, subtitled_top;

    hk_chart_style_init (&titled);
    titled.show_title = TRUE;
    g_assert_true (hk_chart_get_bar_extent (s, &titled, 400, 300, 0, NULL, NULL, &plain_top, NULL));
    hk_chart_series_set_subtitle (&s->parent, "Brand: MuscleBlaze · 1 Apr – 30 Sep 2025");
    g_assert_true (hk_chart_get_bar_extent (s, &titled, 400, 300, 0, NULL, NULL, &subtitled_top, NULL));
    g_assert_cmpfloat (subtitled_top, >, plain_top + 8);
    g_assert_true (hk_chart_export (&s->parent, &palette, NULL, 400, 300, pdf, 1, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (pdf, &text, &len, NULL));
    /* cairo writes it as UTF-16BE in hex: "Brand: M…" */
    g_assert_true (contains_bytes (text, len, "/Subject <FEFF004200720061006E0064003A0020004D"));
    g_clear_pointer (&text, g_free);
  }

  g_remove (png);
  g_remove (png2);
  g_remove (svg);
  g_remove (pdf);
  g_rmdir (dir);
}

/* The CLI's chart command on a simulated dataset (the binary meson built). */
static void
test_cli (void)
{
  const char *cli = g_getenv ("HK_INFLUENCER_REPORT");
  g_autofree char *dir = g_dir_make_tmp ("hk-chart-cli-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *out = g_build_filename (dir, "brands.svg", NULL);
  g_autofree char *out_png = g_build_filename (dir, "time.png", NULL);
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  cairo_surface_t *image;

  if (cli == NULL)
    {
      g_test_skip ("HK_INFLUENCER_REPORT is not set");
      return;
    }
  {
    const char *argv[] = { cli, "simulate", "--out", data, "--influencers", "30", "--posts", "200",
                           "--tracking-rows", "2000", NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                 NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  {
    const char *argv[] = { cli, "chart", data, "--kind", "roas-by-brand", "--out", out, "--brand",
                           "MuscleBlaze", NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                 NULL, NULL, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  }
  {
    const char *argv[] = { cli, "chart", data, "--kind", "revenue-vs-spend", "--out", out_png,
                           "--width", "300", "--height", "200", "--scale", "2", "--smooth", "7", NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                 NULL, NULL, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    image = cairo_image_surface_create_from_png (out_png);
    g_assert_cmpint (cairo_image_surface_get_width (image), ==, 600);
    cairo_surface_destroy (image);
  }
  {
    /* an export's subtitle names the filter: the PDF's subject holds it */
    g_autofree char *pdf = g_build_filename (dir, "brands.pdf", NULL);
    g_autofree char *text = NULL;
    gsize len;
    const char *argv[] = { cli, "chart", data, "--kind", "roas-by-city", "--out", pdf, "--brand",
                           "MuscleBlaze", NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                 NULL, NULL, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_true (g_file_get_contents (pdf, &text, &len, NULL));
    /* "Brand: MuscleBlaze · …" in UTF-16BE hex */
    g_assert_true (contains_bytes (text, len, "/Subject <FEFF004200720061006E0064003A0020004D007500730063006C00650042006C0061007A0065002000B70020"));
    /* the screen's title */
    g_assert_true (contains_bytes (text, len, "/Title (ROAS by City)"));
  }
  {
    /* the scatter's axes: one choice at a time */
    const char *argv[] = { cli, "chart", data, "--kind", "spend-vs-revenue", "--out", out, "--log", "--linear",
                           NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, NULL, NULL, &status, &error));
    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  }
  {
    const char *argv[] = { cli, "chart", data, "--kind", "pie", "--out", out, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                 NULL, &err, &status, &error));
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
    g_assert_nonnull (strstr (err, "roas-by-brand"));
  }
  {
    g_autofree char *jpg = g_build_filename (dir, "x.jpg", NULL);
    const char *argv[] = { cli, "chart", data, "--kind", "top-payouts", "--out", jpg, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, NULL, NULL, &status, &error));
    g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  }
  {
    g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", dir);
    g_assert_true (g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart-paint/bar-lengths-and-order", test_bar_lengths_and_order);
  g_test_add_func ("/chart-paint/bar-highlight", test_bar_highlight);
  g_test_add_func ("/chart-paint/grouped-bars", test_grouped_bars);
  g_test_add_func ("/chart-paint/empty-states", test_empty_states);
  g_test_add_func ("/chart-paint/single-values", test_single_values);
  g_test_add_func ("/chart-paint/time-series", test_time_series_paint);
  g_test_add_func ("/chart-paint/scatter", test_scatter_paint);
  g_test_add_func ("/chart-paint/scatter-hit-test", test_scatter_hit);
  g_test_add_func ("/chart-paint/item-text", test_item_text);
  g_test_add_func ("/chart-paint/labels-clear-of-lines", test_labels_clear_of_lines);
  g_test_add_func ("/chart-paint/bar-rows", test_bar_rows);
  g_test_add_func ("/chart-paint/payouts-flag", test_payouts_flag);
  g_test_add_func ("/chart-export/formats", test_export);
  g_test_add_func ("/chart-export/cli", test_cli);
  return g_test_run ();
}
