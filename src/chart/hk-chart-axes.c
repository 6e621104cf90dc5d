/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkChart"

#include "config.h"

#include <math.h>

#include "hk-chart-painter-private.h"

#define EMPTY_ALPHA 0.6

/* ------------------------------------------------------------------------ */
/* Scales                                                                   */

guint
_hk_chart_max_ticks_for (double length,
                         double spacing)
{
  return (guint) CLAMP (floor (length / spacing) + 1, 2, 10);
}

double
_hk_chart_scale_linear (const HkChartTicks *t,
                        double              v,
                        double              from,
                        double              to)
{
  if (t->max == t->min)
    return (from + to) / 2;
  return from + (v - t->min) / (t->max - t->min) * (to - from);
}

double
_hk_chart_grid_alpha (HkChartPainter *p)
{
  return p->palette->high_contrast ? 0.35 : 0.12;
}

void
_hk_chart_stroke_line (cairo_t            *cr,
                       double              x0,
                       double              y0,
                       double              x1,
                       double              y1,
                       const HkChartColor *color,
                       double              alpha,
                       double              width,
                       gboolean            dashed)
{
  cairo_save (cr);
  _hk_chart_set_color (cr, color, alpha);
  cairo_set_line_width (cr, width);
  if (dashed)
    {
      double dash[] = { 5, 4 };
      cairo_set_dash (cr, dash, 2, 0);
    }
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* ------------------------------------------------------------------------ */
/* Legend                                                                   */

static double
legend_width (HkChartPainter           *p,
              const HkChartLegendEntry *entries,
              guint                     n)
{
  double w = 0, tw;

  for (guint i = 0; i < n; i++)
    {
      _hk_chart_text_size (p, entries[i].text, HK_CHART_FONT_SMALL, &tw, NULL);
      w += 18 + tw + (i + 1 < n ? 14 : 0);
    }
  return w;
}

static void
paint_legend_mark (cairo_t     *cr,
                   HkChartMark  mark,
                   double       x,
                   double       cy)
{
  switch (mark)
    {
    case HK_CHART_MARK_BOX:
      cairo_rectangle (cr, x, cy - 5, 12, 10);
      cairo_fill (cr);
      break;
    case HK_CHART_MARK_DOT:
      cairo_arc (cr, x + 6, cy, 4.5, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case HK_CHART_MARK_SIZES:
      cairo_set_line_width (cr, 1);
      cairo_new_path (cr);
      cairo_arc (cr, x + 2, cy + 2, 1.8, 0, 2 * G_PI);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x + 9.5, cy, 4.5, 0, 2 * G_PI);
      cairo_stroke (cr);
      break;
    case HK_CHART_MARK_LINE:
    case HK_CHART_MARK_DASHED_LINE:
    default:
      cairo_set_line_width (cr, 2);
      if (mark == HK_CHART_MARK_DASHED_LINE)
        {
          double dash[] = { 4, 3 };
          cairo_set_dash (cr, dash, 2, 0);
        }
      cairo_move_to (cr, x, cy);
      cairo_line_to (cr, x + 14, cy);
      cairo_stroke (cr);
      break;
    }
}

/* A one-line legend at y, right-aligned at right; returns its height. */
double
_hk_chart_paint_legend (HkChartPainter           *p,
                        const HkChartLegendEntry *entries,
                        guint                     n,
                        double                    right,
                        double                    y)
{
  double h = _hk_chart_line_height (p, HK_CHART_FONT_SMALL);
  double x = right - legend_width (p, entries, n), tw;

  for (guint i = 0; i < n; i++)
    {
      _hk_chart_text_size (p, entries[i].text, HK_CHART_FONT_SMALL, &tw, NULL);
      if (p->cr)
        {
          cairo_save (p->cr);
          _hk_chart_set_color (p->cr, entries[i].color, 1);
          paint_legend_mark (p->cr, entries[i].mark, x, y + h / 2);
          cairo_restore (p->cr);
        }
      _hk_chart_draw_text (p, entries[i].text, HK_CHART_FONT_SMALL, x + 18, y, 0, 0, -1,
                           &p->palette->foreground, 0.85);
      x += 18 + tw + 14;
    }
  return h;
}

/* ------------------------------------------------------------------------ */
/* Around the plot                                                          */

/* Where a layout starts: below the title and subtitle on exports. */
double
_hk_chart_layout_top (HkChartPainter      *p,
                      const HkChartSeries *series)
{
  double top = HK_CHART_PAD;

  if (!p->style->show_title || series == NULL)
    return top;
  top += _hk_chart_line_height (p, HK_CHART_FONT_TITLE) + HK_CHART_GAP;
  if (series->subtitle && *series->subtitle)
    top += _hk_chart_line_height (p, HK_CHART_FONT_SMALL) + HK_CHART_GAP;
  return top;
}

static void
fill_background (HkChartPainter *p,
                 double          width,
                 double          height)
{
  if (p->cr == NULL || !p->style->fill_background)
    return;
  _hk_chart_set_color (p->cr, &p->palette->background, 1);
  cairo_rectangle (p->cr, 0, 0, width, height);
  cairo_fill (p->cr);
}

/* The title and the subtitle (filters and dates) on exports; the layouts
 * leave room for them. */
static void
paint_title (HkChartPainter      *p,
             const HkChartSeries *series,
             double               width)
{
  double y = HK_CHART_PAD + _hk_chart_line_height (p, HK_CHART_FONT_TITLE) + HK_CHART_GAP / 2;

  if (!p->style->show_title || series == NULL)
    return;
  if (series->title)
    _hk_chart_draw_text (p, series->title, HK_CHART_FONT_TITLE, HK_CHART_PAD, HK_CHART_PAD, 0, 0,
                         width - 2 * HK_CHART_PAD, &p->palette->foreground, 1);
  if (series->subtitle && *series->subtitle)
    _hk_chart_draw_text (p, series->subtitle, HK_CHART_FONT_SMALL, HK_CHART_PAD, y, 0, 0,
                         width - 2 * HK_CHART_PAD, &p->palette->foreground, 0.7);
}

void
_hk_chart_paint_empty (HkChartPainter *p,
                       double          width,
                       double          height,
                       double          top,
                       const char     *headline,
                       const char     *detail)
{
  double h1, h2 = 0, cy;

  _hk_chart_text_size (p, headline, HK_CHART_FONT_NORMAL, NULL, &h1);
  if (detail)
    _hk_chart_text_size (p, detail, HK_CHART_FONT_SMALL, NULL, &h2);
  cy = top + (height - top) / 2 - (h1 + h2 + HK_CHART_GAP) / 2;
  if (p->cr)
    {
      double dash[] = { 4, 4 };

      /* A quiet frame says "this is where the chart goes". */
      cairo_save (p->cr);
      _hk_chart_set_color (p->cr, &p->palette->foreground, 0.15);
      cairo_set_line_width (p->cr, 1);
      cairo_set_dash (p->cr, dash, 2, 0);
      cairo_rectangle (p->cr, HK_CHART_PAD + 0.5, top + 0.5, MAX (width - 2 * HK_CHART_PAD - 1, 0),
                       MAX (height - top - HK_CHART_PAD - 1, 0));
      cairo_stroke (p->cr);
      cairo_restore (p->cr);
    }
  _hk_chart_draw_text (p, headline, HK_CHART_FONT_NORMAL, width / 2, cy, 0.5, 0, width - 4 * HK_CHART_PAD,
                       &p->palette->foreground, EMPTY_ALPHA + 0.15);
  if (detail)
    _hk_chart_draw_text (p, detail, HK_CHART_FONT_SMALL, width / 2, cy + h1 + HK_CHART_GAP, 0.5, 0,
                         width - 4 * HK_CHART_PAD, &p->palette->foreground, EMPTY_ALPHA);
}

void
_hk_chart_painter_begin (HkChartPainter       *p,
                         cairo_t              *cr,
                         const HkChartPalette *palette,
                         const HkChartStyle   *style,
                         const HkChartSeries  *series,
                         double                width,
                         double                height)
{
  cairo_save (cr);
  _hk_chart_painter_init (p, cr, palette, style);
  fill_background (p, width, height);
  paint_title (p, series, width);
}

void
_hk_chart_painter_end (HkChartPainter *p)
{
  cairo_t *cr = p->cr;

  _hk_chart_painter_clear (p);
  cairo_restore (cr);
}
