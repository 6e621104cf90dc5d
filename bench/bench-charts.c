/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Times one chart redraw through the painter (what a widget's snapshot and an
 * export do) on an ARGB32 image surface, for the typical sizes of issue 5:
 * 20 bars, a 365-day line, a 500-point and a 50,000-point scatter; and one
 * hit test (what a pointer motion costs). Prints the median and the 95th
 * percentile of N runs, in milliseconds of wall-clock time and of this
 * thread's CPU time (which other processes on a busy machine do not inflate).
 *
 *   bench-charts [--runs N] [--scale S]
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <cairo.h>

#include "hk-chart-painter.h"
#include "hk-chart-series.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
report (const char *what,
        double     *ms,
        double     *cpu,
        int         n)
{
  qsort (ms, n, sizeof *ms, compare_doubles);
  qsort (cpu, n, sizeof *cpu, compare_doubles);
  printf ("%-38s wall median %7.3f p95 %7.3f | cpu median %7.3f p95 %7.3f ms\n", what,
          ms[n / 2], ms[(int) (n * 0.95)], cpu[n / 2], cpu[(int) (n * 0.95)]);
}

static void
bench_paint (const char          *what,
             const HkChartSeries *series,
             int                  width,
             int                  height,
             double               scale,
             int                  runs)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (width * scale),
                                                         (int) (height * scale));
  HkChartPalette palette;
  HkChartStyle style;
  double *ms = g_new (double, runs), *hit = g_new (double, runs);
  double *ms_cpu = g_new (double, runs), *hit_cpu = g_new (double, runs);
  char label[96];

  hk_chart_palette_init_light (&palette);
  hk_chart_style_init (&style);
  style.font = "Cantarell 11";
  style.target = 3;
  for (int r = -3; r < runs; r++)   /* three warm-up runs (font caches) */
    {
      cairo_t *cr = cairo_create (surface);
      double t0, c0;

      cairo_scale (cr, scale, scale);
      t0 = now_ms (), c0 = cpu_ms ();
      hk_chart_paint (cr, width, height, &palette, series, &style);
      cairo_surface_flush (surface);
      if (r >= 0)
        ms[r] = now_ms () - t0, ms_cpu[r] = cpu_ms () - c0;
      cairo_destroy (cr);

      t0 = now_ms (), c0 = cpu_ms ();
      (void) hk_chart_hit_test (series, &style, width, height, width / 2.0, height / 2.0);
      if (r >= 0)
        hit[r] = now_ms () - t0, hit_cpu[r] = cpu_ms () - c0;
    }
  g_snprintf (label, sizeof label, "%s, %d×%d @%g×", what, width, height, scale);
  report (label, ms, ms_cpu, runs);
  g_snprintf (label, sizeof label, "  hit test");
  report (label, hit, hit_cpu, runs);
  g_free (ms);
  g_free (hit);
  g_free (ms_cpu);
  g_free (hit_cpu);
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  int runs = 200;
  double scale = 1;
  GRand *rand = g_rand_new_with_seed (7);
  HkBarSeries *bars = hk_bar_series_new (HK_CHART_ROAS_BY_CITY, HK_CHART_UNIT_RATIO, "ROAS", NULL);
  HkTimeSeries *line = hk_time_series_new (HK_CHART_REVENUE_VS_SPEND, 20089, 365);
  HkScatterSeries *few = hk_scatter_series_new (HK_CHART_SPEND_VS_REVENUE);
  HkScatterSeries *many = hk_scatter_series_new (HK_CHART_SPEND_VS_REVENUE);

  for (int i = 1; i + 1 < argc; i++)
    {
      if (g_str_equal (argv[i], "--runs"))
        runs = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--scale"))
        scale = g_ascii_strtod (argv[++i], NULL);
    }

  for (int i = 0; i < 20; i++)
    {
      char name[32];
      g_snprintf (name, sizeof name, "City number %d", i);
      hk_bar_series_add (bars, name, NULL, g_rand_double_range (rand, 0.3, 8), NAN);
    }
  hk_bar_series_sort (bars);
  for (int i = 0; i < 365; i++)
    {
      line->revenue[i] = 150000 + 80000 * sin (i / 9.0) + g_rand_double_range (rand, 0, 60000);
      line->spend[i] = 40000 + g_rand_double_range (rand, 0, 30000);
    }
  for (int i = 0; i < 50000; i++)
    {
      double spend = exp (g_rand_double_range (rand, 5, 14));
      double revenue = spend * exp (g_rand_double_range (rand, -1.5, 2.5));
      double followers = exp (g_rand_double_range (rand, 7, 15));

      if (i < 500)
        hk_scatter_series_add (few, spend, revenue, followers, i, "id", "Name");
      hk_scatter_series_add (many, spend, revenue, followers, i, "id", "Name");
    }

  runs = MAX (runs, 1);
  scale = CLAMP (scale, 0.5, 4);
  printf ("bench-charts: %d runs each\n", runs);
  bench_paint ("bars: 20", &bars->parent, 600, 560, scale, runs);
  bench_paint ("line: 365 days", &line->parent, 800, 320, scale, runs);
  bench_paint ("scatter: 500 points", &few->parent, 800, 500, scale, runs);
  bench_paint ("scatter: 50,000 points", &many->parent, 800, 500, scale, runs);

  hk_chart_series_unref (&bars->parent);
  hk_chart_series_unref (&line->parent);
  hk_chart_series_unref (&few->parent);
  hk_chart_series_unref (&many->parent);
  g_rand_free (rand);
  return 0;
}
