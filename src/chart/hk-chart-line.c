/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkChart"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hk-chart-painter-private.h"

/* Revenue and spend per day: two lines over a date axis, revenue with a
 * soft area under it. */

typedef struct {
  gboolean     empty;
  double       top;
  HkChartRect  plot;
  HkChartTicks ticks;
  guint        n_dates;
  gint32       dates[HK_CHART_MAX_TICKS];
  char         date_unit;
} TimeLayout;

static char *
format_axis_date (gint32   day,
                  char     unit,
                  gboolean first)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (1970, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) d = g_date_time_add_days (dt, day);

  switch (unit)
    {
    case 'd':
    case 'w':
      /* "5 Apr"; the year only on the first tick */
      return g_date_time_format (d, first ? "%e %b %Y" : "%e %b");
    case 'm':
    case 'q':
      return g_date_time_format (d, first || g_date_time_get_month (d) == 1 ? "%b %Y" : "%b");
    default:
      return g_date_time_format (d, "%Y");
    }
}

static void
layout_time (HkChartPainter     *p,
             const HkTimeSeries *series,
             double              width,
             double              height,
             TimeLayout         *L)
{
  double lo = 0, hi = 0, label_w = 0, w, h;
  gboolean any = FALSE;
  guint max_dates;

  memset (L, 0, sizeof *L);
  L->top = _hk_chart_layout_top (p, series ? &series->parent : NULL);
  for (guint i = 0; series && i < series->n_days; i++)
    {
      double v[2] = { series->revenue[i], series->spend[i] };
      for (guint k = 0; k < 2; k++)
        if (isfinite (v[k]))
          {
            lo = MIN (lo, v[k]);
            hi = MAX (hi, v[k]);
            any |= v[k] != 0;
          }
    }
  if (series == NULL || series->n_days == 0 || !any)
    {
      L->empty = TRUE;
      return;
    }

  L->top += _hk_chart_line_height (p, HK_CHART_FONT_SMALL) + HK_CHART_GAP; /* legend */
  h = _hk_chart_line_height (p, HK_CHART_FONT_SMALL);
  L->plot.y = L->top + h / 2;
  L->plot.h = MAX (height - HK_CHART_PAD - h - HK_CHART_GAP - L->plot.y, 10);
  hk_chart_nice_ticks (lo, hi, _hk_chart_max_ticks_for (L->plot.h, 3 * h), &L->ticks);
  for (guint t = 0; t < L->ticks.n; t++)
    {
      g_autofree char *text = _hk_chart_format_tick (p, HK_CHART_UNIT_MONEY, L->ticks.values[t], L->ticks.step);
      _hk_chart_text_size (p, text, HK_CHART_FONT_SMALL, &w, NULL);
      label_w = MAX (label_w, w);
    }
  /* A typical label is "30 Sep 2025"; half of one may stick out on the right. */
  _hk_chart_text_size (p, "30 Sep 2025", HK_CHART_FONT_SMALL, &w, NULL);
  L->plot.x = HK_CHART_PAD + label_w + HK_CHART_GAP;
  L->plot.w = MAX (width - HK_CHART_PAD - w / 2 - L->plot.x, 10);
  max_dates = (guint) CLAMP (L->plot.w / (w * 1.1), 1, HK_CHART_MAX_TICKS);
  L->n_dates = hk_chart_date_ticks (series->first_day, series->first_day + (gint32) series->n_days - 1,
                                    max_dates, L->dates, &L->date_unit);
}

static double
day_x (const TimeLayout   *L,
       const HkTimeSeries *series,
       double              index)
{
  if (series->n_days <= 1)
    return L->plot.x + L->plot.w / 2;
  return L->plot.x + index / (series->n_days - 1) * L->plot.w;
}

static double
money_y (const TimeLayout *L,
         double            v)
{
  return _hk_chart_scale_linear (&L->ticks, v, L->plot.y + L->plot.h, L->plot.y);
}

static void
trace_line (cairo_t            *cr,
            const TimeLayout   *L,
            const HkTimeSeries *series,
            const double       *values)
{
  for (guint i = 0; i < series->n_days; i++)
    {
      double x = day_x (L, series, i), y = money_y (L, values[i]);

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
}

static void
paint_time_legend (HkChartPainter     *p,
                   const HkTimeSeries *series,
                   const TimeLayout   *L,
                   double              width)
{
  const HkChartPalette *palette = p->palette;
  g_autofree char *revenue_name = NULL, *spend_name = NULL;

  if (series->smoothing > 1)
    {
      revenue_name = g_strdup_printf (_("Revenue (%u-day average)"), series->smoothing);
      spend_name = g_strdup_printf (_("Spend (%u-day average)"), series->smoothing);
    }
  else
    {
      revenue_name = g_strdup (_("Revenue"));
      spend_name = g_strdup (_("Spend"));
    }
  {
    HkChartLegendEntry legend[] = {
      { revenue_name, &palette->revenue, HK_CHART_MARK_LINE },
      { spend_name, &palette->spend, HK_CHART_MARK_LINE },
    };
    _hk_chart_paint_legend (p, legend, 2, width - HK_CHART_PAD,
                            L->top - _hk_chart_line_height (p, HK_CHART_FONT_SMALL) - HK_CHART_GAP);
  }
}

/* Money ticks and grid lines up the side, date ticks along the bottom. */
static void
paint_time_axes (HkChartPainter     *p,
                 const HkTimeSeries *series,
                 const TimeLayout   *L)
{
  cairo_t *cr = p->cr;
  const HkChartPalette *palette = p->palette;
  double bottom = L->plot.y + L->plot.h;

  for (guint t = 0; t < L->ticks.n; t++)
    {
      double y = round (money_y (L, L->ticks.values[t])) + 0.5;
      g_autofree char *text = _hk_chart_format_tick (p, HK_CHART_UNIT_MONEY, L->ticks.values[t], L->ticks.step);

      _hk_chart_stroke_line (cr, L->plot.x, y, L->plot.x + L->plot.w, y, &palette->foreground,
                             L->ticks.values[t] == 0 ? 0.5 : _hk_chart_grid_alpha (p), 1, FALSE);
      _hk_chart_draw_text (p, text, HK_CHART_FONT_SMALL, L->plot.x - HK_CHART_GAP, y, 1, 0.5, -1,
                           &palette->foreground, 0.7);
    }
  for (guint t = 0; t < L->n_dates; t++)
    {
      double x = round (day_x (L, series, L->dates[t] - series->first_day)) + 0.5;
      g_autofree char *text = format_axis_date (L->dates[t], L->date_unit, t == 0);

      _hk_chart_stroke_line (cr, x, bottom, x, bottom + 4, &palette->foreground, 0.5, 1, FALSE);
      _hk_chart_draw_text (p, g_strstrip (text), HK_CHART_FONT_SMALL, x, bottom + HK_CHART_GAP, 0.5, 0, -1,
                           &palette->foreground, 0.7);
    }
}

/* Revenue: a soft area and a line; spend: a line on top; a dot per day
 * while days are few. */
static void
paint_time_lines (cairo_t              *cr,
                  const HkTimeSeries   *series,
                  const TimeLayout     *L,
                  const HkChartPalette *palette)
{
  trace_line (cr, L, series, series->revenue);
  cairo_line_to (cr, day_x (L, series, series->n_days - 1), money_y (L, 0));
  cairo_line_to (cr, day_x (L, series, 0), money_y (L, 0));
  cairo_close_path (cr);
  _hk_chart_set_color (cr, &palette->revenue, 0.15);
  /* the line covers the area's edge: no need to antialias it (3× faster) */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_fill (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);

  cairo_set_line_width (cr, palette->high_contrast ? 3 : 2);
  /* 4×4 sampling: indistinguishable on 2 px lines, half the cost */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  trace_line (cr, L, series, series->revenue);
  _hk_chart_set_color (cr, &palette->revenue, 1);
  cairo_stroke (cr);
  trace_line (cr, L, series, series->spend);
  _hk_chart_set_color (cr, &palette->spend, 1);
  cairo_stroke (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);

  if (series->n_days <= 62)
    for (guint i = 0; i < series->n_days; i++)
      {
        double x = day_x (L, series, i);
        _hk_chart_set_color (cr, &palette->revenue, 1);
        cairo_arc (cr, x, money_y (L, series->revenue[i]), series->n_days == 1 ? 4 : 2.5, 0, 2 * G_PI);
        cairo_fill (cr);
        _hk_chart_set_color (cr, &palette->spend, 1);
        cairo_arc (cr, x, money_y (L, series->spend[i]), series->n_days == 1 ? 4 : 2.5, 0, 2 * G_PI);
        cairo_fill (cr);
      }
}

/* The hovered day: a rule and its two values ringed. */
static void
paint_time_highlight (cairo_t              *cr,
                      const HkTimeSeries   *series,
                      const TimeLayout     *L,
                      const HkChartPalette *palette,
                      guint                 i)
{
  double x = round (day_x (L, series, i)) + 0.5;

  _hk_chart_stroke_line (cr, x, L->plot.y, x, L->plot.y + L->plot.h, &palette->foreground, 0.5, 1, FALSE);
  for (guint k = 0; k < 2; k++)
    {
      double v = k == 0 ? series->revenue[i] : series->spend[i];
      cairo_arc (cr, x, money_y (L, v), 4.5, 0, 2 * G_PI);
      _hk_chart_set_color (cr, k == 0 ? &palette->revenue : &palette->spend, 1);
      cairo_fill_preserve (cr);
      _hk_chart_set_color (cr, &palette->foreground, 0.9);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
}

void
hk_chart_paint_time_series (cairo_t              *cr,
                            double                width,
                            double                height,
                            const HkChartPalette *palette,
                            const HkTimeSeries   *series,
                            const HkChartStyle   *style)
{
  HkChartStyle defaults;
  HkChartPainter p;
  TimeLayout L;

  g_return_if_fail (cr != NULL && palette != NULL);
  g_return_if_fail (series == NULL || series->parent.shape == HK_CHART_SHAPE_TIME);
  if (style == NULL)
    {
      hk_chart_style_init (&defaults);
      style = &defaults;
    }

  _hk_chart_painter_begin (&p, cr, palette, style, series ? &series->parent : NULL, width, height);
  layout_time (&p, series, width, height, &L);
  if (L.empty)
    {
      _hk_chart_paint_empty (&p, width, height, L.top, _("No data for this selection"),
                             _("No revenue or spend on any day the filters keep."));
      _hk_chart_painter_end (&p);
      return;
    }

  paint_time_legend (&p, series, &L, width);
  paint_time_axes (&p, series, &L);

  cairo_save (cr);
  cairo_rectangle (cr, L.plot.x - 4, L.plot.y - 4, L.plot.w + 8, L.plot.h + 8);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);  /* round joins cost a third of the redraw */
  paint_time_lines (cr, series, &L, palette);
  if (style->highlight >= 0 && (guint) style->highlight < series->n_days)
    paint_time_highlight (cr, series, &L, palette, style->highlight);
  cairo_restore (cr);

  _hk_chart_painter_end (&p);
}

/* The nearest day inside the plot. */
int
_hk_chart_line_hit_test (HkChartPainter     *p,
                         const HkTimeSeries *series,
                         double              width,
                         double              height,
                         double              x,
                         double              y)
{
  TimeLayout L;

  layout_time (p, series, width, height, &L);
  if (!L.empty && x >= L.plot.x - 8 && x <= L.plot.x + L.plot.w + 8 &&
      y >= L.plot.y - 8 && y <= L.plot.y + L.plot.h + 8)
    return series->n_days <= 1 ? 0 : (int) CLAMP (round ((x - L.plot.x) / L.plot.w * (series->n_days - 1)),
                                                  0, series->n_days - 1);
  return -1;
}

char *
_hk_chart_line_dup_item_text (const HkTimeSeries   *ts,
                              guint                 item,
                              const HkNumberFormat *format)
{
  g_autofree char *date = hk_format_date_long (ts->first_day + (gint32) item);
  g_autofree char *revenue = hk_format_money (format, ts->revenue[item], 2);
  g_autofree char *spend = hk_format_money (format, ts->spend[item], 2);
  g_autofree char *roas = hk_format_ratio (format, ts->spend[item] != 0 ? ts->revenue[item] / ts->spend[item] : NAN);
  g_autofree char *note = ts->smoothing > 1 ? g_strdup_printf (_(" (%u-day average)"), ts->smoothing)
                                            : g_strdup ("");

  return g_strdup_printf ("%s%s\n%s %s\n%s %s\n%s %s", date, note, _("Revenue"), revenue,
                          _("Spend"), spend, _("ROAS"), roas);
}

char *
_hk_chart_line_dup_description (const HkTimeSeries   *ts,
                                const HkNumberFormat *format)
{
  double revenue = 0, spend = 0;
  g_autofree char *from = hk_format_date_long (ts->first_day);
  g_autofree char *to = hk_format_date_long (ts->first_day + (gint32) ts->n_days - 1);
  g_autofree char *r = NULL, *s = NULL;

  for (guint i = 0; i < ts->n_days; i++)
    revenue += ts->revenue[i], spend += ts->spend[i];
  if (ts->smoothing > 1)
    return g_strdup_printf (_("Line chart, %s: %u-day average of revenue and spend per day from %s to %s"),
                            ts->parent.title, ts->smoothing, from, to);
  r = hk_format_money_compact (format, revenue);
  s = hk_format_money_compact (format, spend);
  return g_strdup_printf (_("Line chart, %s: revenue and spend per day from %s to %s; %s revenue and %s spend in all"),
                          ts->parent.title, from, to, r, s);
}
