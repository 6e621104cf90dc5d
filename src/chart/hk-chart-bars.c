/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkChart"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hk-analysis.h"
#include "hk-chart-painter-private.h"

/* Horizontal bars, one row per item: ROAS by brand, platform, persona or
 * city, spend and revenue by brand (two bars a row), top payouts. */

#define MAX_ROW  40.0   /* a bar row never grows taller: few bars sit at the top */
#define MAX_BAR  26.0

typedef struct {
  gboolean     empty;
  const char  *empty_headline;
  const char  *empty_detail;
  double       top;           /* below title and legend */
  HkChartRect  plot;          /* where bars run */
  double       row;           /* height of one item's row */
  double       bar;           /* thickness of one bar */
  double       label_width;   /* category labels, right-aligned a gap left of plot.x */
  guint        label_every;   /* rows too thin for a label each: every this many rows */
  double      *value_w;       /* 2 per item: the width of each bar's value label */
  double       value_h;       /* their height */
  HkChartTicks ticks;
  double       reference;
  double       target;
} BarLayout;

static gboolean
any_flagged (const HkBarSeries *series)
{
  if (series->flag_name == NULL)
    return FALSE;
  for (guint i = 0; i < series->items->len; i++)
    if (HK_BAR_SERIES_ITEM (series, i)->flagged)
      return TRUE;
  return FALSE;
}

static double
bar_reference (const HkBarSeries  *series,
               const HkChartStyle *style)
{
  return isnan (style->reference) ? series->reference : style->reference;
}

static void
layout_bars (HkChartPainter    *p,
             const HkBarSeries *series,
             double             width,
             double             height,
             BarLayout         *L)
{
  guint n = series ? series->items->len : 0;
  gboolean grouped = series && series->value2_name != NULL;
  double lo = 0, hi = 0, value_width = 0, axis_h, w, dash_w = -1;
  guint n_defined = 0;

  memset (L, 0, sizeof *L);
  L->value_w = g_new0 (double, 2 * MAX (n, 1));
  L->value_h = _hk_chart_line_height (p, HK_CHART_FONT_SMALL);
  L->top = _hk_chart_layout_top (p, series ? &series->parent : NULL);
  L->reference = series ? bar_reference (series, p->style) : NAN;
  L->target = series && series->unit == HK_CHART_UNIT_RATIO ? p->style->target : NAN;

  for (guint i = 0; i < n; i++)
    {
      const HkBarItem *item = HK_BAR_SERIES_ITEM (series, i);
      double values[2] = { item->value, grouped ? item->value2 : NAN };

      for (guint k = 0; k < 2; k++)
        if (isfinite (values[k]))
          {
            g_autofree char *text = _hk_chart_format_value (p->format, series->unit, values[k], FALSE);

            lo = MIN (lo, values[k]);
            hi = MAX (hi, values[k]);
            _hk_chart_text_size (p, text, HK_CHART_FONT_SMALL, &w, NULL);
            value_width = MAX (value_width, w);
            L->value_w[2 * i + k] = w;
            n_defined++;
          }
        else if (k == 0 || grouped)
          {
            /* undefined: "—" */
            if (dash_w < 0)
              _hk_chart_text_size (p, "—", HK_CHART_FONT_SMALL, &dash_w, NULL);
            L->value_w[2 * i + k] = dash_w;
          }
      /* Whiskers stay inside the plot. */
      if (isfinite (item->low) && isfinite (item->high))
        lo = MIN (lo, item->low), hi = MAX (hi, item->high);
      _hk_chart_text_size (p, item->label, HK_CHART_FONT_NORMAL, &w, NULL);
      L->label_width = MAX (L->label_width, w);
    }

  if (n == 0 || n_defined == 0)
    {
      L->empty = TRUE;
      L->empty_headline = _("No data for this selection");
      L->empty_detail = n == 0 ? _("Nothing matches the filters.")
                               : _("ROAS is undefined here: there is no spend in this selection.");
      return;
    }

  if (grouped || isfinite (L->reference) || isfinite (L->target) || any_flagged (series))
    L->top += _hk_chart_line_height (p, HK_CHART_FONT_SMALL) + HK_CHART_GAP;
  if (isfinite (L->reference))
    lo = MIN (lo, L->reference), hi = MAX (hi, L->reference);
  if (isfinite (L->target))
    lo = MIN (lo, L->target), hi = MAX (hi, L->target);

  L->label_width = MIN (L->label_width, floor (width * 0.35));
  axis_h = _hk_chart_line_height (p, HK_CHART_FONT_SMALL) + HK_CHART_GAP;
  L->plot.x = HK_CHART_PAD + L->label_width + HK_CHART_GAP;
  L->plot.w = MAX (width - HK_CHART_PAD - value_width - HK_CHART_GAP - L->plot.x, 10);
  hk_chart_nice_ticks (lo, hi, _hk_chart_max_ticks_for (L->plot.w, HK_CHART_TICK_SPACING), &L->ticks);
  L->plot.y = L->top;
  L->row = MIN ((height - HK_CHART_PAD - axis_h - L->plot.y) / n, MAX_ROW);
  L->row = MAX (L->row, 1);
  L->plot.h = L->row * n;
  L->bar = MIN (L->row * (grouped ? 0.42 : 0.7), MAX_BAR);
  /* labels never touch: on rows thinner than a line, every other one (or fewer) */
  L->label_every = (guint) MAX (ceil (_hk_chart_line_height (p, HK_CHART_FONT_NORMAL) / L->row - 0.05), 1);
}

static const HkChartColor *
bar_color (const HkChartPalette *palette,
           const HkBarSeries    *series,
           const BarLayout      *L,
           const HkBarItem      *item,
           guint                 k)
{
  if (k == 1)
    return &palette->spend;
  if (item && item->flagged)
    return &palette->below;
  if (series->unit == HK_CHART_UNIT_RATIO)
    return item && isfinite (L->reference) && item->value < L->reference ? &palette->below : &palette->revenue;
  if (series->parent.kind == HK_CHART_TOP_PAYOUTS)
    return &palette->spend;
  return &palette->revenue;
}

static void
layout_clear (BarLayout *L)
{
  g_clear_pointer (&L->value_w, g_free);
}

/* Legend entries of a bar chart; the texts live in p's scratch strings. */
static guint
bar_legend (HkChartPainter     *p,
            const HkBarSeries  *series,
            const BarLayout    *L,
            HkChartLegendEntry *legend)
{
  guint n = 0;

  if (series->value2_name)
    {
      legend[n++] = (HkChartLegendEntry) { series->value_name, &p->palette->revenue, HK_CHART_MARK_BOX };
      legend[n++] = (HkChartLegendEntry) { series->value2_name, &p->palette->spend, HK_CHART_MARK_BOX };
    }
  if (any_flagged (series))
    {
      legend[n++] = (HkChartLegendEntry) { series->value_name, bar_color (p->palette, series, L, NULL, 0),
                                           HK_CHART_MARK_BOX };
      legend[n++] = (HkChartLegendEntry) { series->flag_name, &p->palette->below, HK_CHART_MARK_BOX };
    }
  if (isfinite (L->reference))
    {
      g_autofree char *ratio = _hk_chart_format_tick (p, series->unit, L->reference, L->reference);
      legend[n++] = (HkChartLegendEntry) {
        _hk_chart_painter_intern (p, series->unit == HK_CHART_UNIT_RATIO
                                     ? g_strdup_printf (_("Break-even %s"), ratio)
                                     : g_strdup (ratio)),
        &p->palette->good, HK_CHART_MARK_DASHED_LINE };
    }
  if (isfinite (L->target))
    {
      g_autofree char *ratio = _hk_chart_format_tick (p, series->unit, L->target, L->target);
      legend[n++] = (HkChartLegendEntry) {
        _hk_chart_painter_intern (p, g_strdup_printf (_("Target %s"), ratio)),
        &p->palette->target, HK_CHART_MARK_DASHED_LINE };
    }
  return n;
}

static double
bar_x (const BarLayout *L,
       double           v)
{
  return _hk_chart_scale_linear (&L->ticks, v, L->plot.x, L->plot.x + L->plot.w);
}

/* The rectangle of bar k (0: value, 1: value2) of item i. */
static void
bar_rect (const BarLayout   *L,
          const HkBarSeries *series,
          guint              i,
          guint              k,
          HkChartRect       *r)
{
  const HkBarItem *item = HK_BAR_SERIES_ITEM (series, i);
  double v = k == 0 ? item->value : item->value2;
  double x0 = bar_x (L, 0), x1 = bar_x (L, isfinite (v) ? v : 0);
  double cy = L->plot.y + L->row * (i + 0.5);
  gboolean grouped = series->value2_name != NULL;

  r->x = MIN (x0, x1);
  r->w = fabs (x1 - x0);
  r->h = L->bar;
  if (grouped)
    r->y = k == 0 ? cy - L->bar - 1 : cy + 1;
  else
    r->y = cy - L->bar / 2;
}

/* Where the value of bar k of item i is written: right of the bar (and of
 * its whisker), or right of 0 for a negative value. */
static void
value_label_box (HkChartPainter    *p,
                 const HkBarSeries *series,
                 const BarLayout   *L,
                 guint              i,
                 guint              k,
                 HkChartRect       *box)
{
  const HkBarItem *item = HK_BAR_SERIES_ITEM (series, i);
  double v = k == 0 ? item->value : item->value2;
  HkChartRect r;

  bar_rect (L, series, i, k, &r);
  box->w = L->value_w[2 * i + k];
  box->h = L->value_h;
  if (v < 0)
    box->x = bar_x (L, 0) + HK_CHART_GAP / 2;
  else
    box->x = MAX (r.x + r.w, k == 0 && isfinite (item->high) ? bar_x (L, item->high) : 0) + HK_CHART_GAP / 2;
  box->y = r.y + r.h / 2 - box->h / 2;
}

static gboolean
row_has_label (const BarLayout *L,
               guint            i)
{
  return i % L->label_every == 0;
}

/* A vertical reference line at x from y0 to y1 that stops short of every
 * value label it would cross, so the labels stay readable: one dashed path
 * of the pieces between them. */
static void
stroke_line_around_labels (HkChartPainter     *p,
                           const HkBarSeries  *series,
                           const BarLayout    *L,
                           double              x,
                           double              y0,
                           double              y1,
                           const HkChartColor *color)
{
  const double margin = 2, dash[] = { 5, 4 };
  guint n_bars = series->value2_name ? 2 : 1;
  cairo_t *cr = p->cr;
  double y = y0;

  cairo_save (cr);
  _hk_chart_set_color (cr, color, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, dash, 2, 0);
  for (guint i = 0; i < series->items->len; i++)
    for (guint k = 0; k < n_bars; k++)
      {
        HkChartRect box;

        if (!row_has_label (L, i))
          continue;
        value_label_box (p, series, L, i, k, &box);
        if (x < box.x - margin || x > box.x + box.w + margin || box.y + box.h + margin <= y)
          continue;
        if (box.y - margin > y)
          {
            cairo_move_to (cr, x, y);
            cairo_line_to (cr, x, box.y - margin);
          }
        y = MAX (y, box.y + box.h + margin);
      }
  if (y < y1)
    {
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x, y1);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
paint_bar_legend (HkChartPainter    *p,
                  const HkBarSeries *series,
                  const BarLayout   *L,
                  double             width)
{
  HkChartLegendEntry legend[6];
  guint n = bar_legend (p, series, L, legend);

  if (n > 0)
    _hk_chart_paint_legend (p, legend, n, width - HK_CHART_PAD,
                            L->top - _hk_chart_line_height (p, HK_CHART_FONT_SMALL) - HK_CHART_GAP);
}

/* Ticks and grid lines across the value axis, then the reference and target lines. */
static void
paint_bar_grid (HkChartPainter    *p,
                const HkBarSeries *series,
                const BarLayout   *L)
{
  cairo_t *cr = p->cr;
  const HkChartPalette *palette = p->palette;
  double axis_y = L->plot.y + L->plot.h;

  for (guint t = 0; t < L->ticks.n; t++)
    {
      double x = round (bar_x (L, L->ticks.values[t])) + 0.5;
      g_autofree char *text = _hk_chart_format_tick (p, series->unit, L->ticks.values[t], L->ticks.step);

      _hk_chart_stroke_line (cr, x, L->plot.y, x, axis_y, &palette->foreground,
                             L->ticks.values[t] == 0 ? 0.5 : _hk_chart_grid_alpha (p), 1, FALSE);
      _hk_chart_draw_text (p, text, HK_CHART_FONT_SMALL, x, axis_y + HK_CHART_GAP / 2, 0.5, 0, -1,
                           &palette->foreground, 0.7);
    }

  if (isfinite (L->reference))
    stroke_line_around_labels (p, series, L, round (bar_x (L, L->reference)) + 0.5, L->plot.y - 2, axis_y,
                               &palette->good);
  if (isfinite (L->target))
    stroke_line_around_labels (p, series, L, round (bar_x (L, L->target)) + 0.5, L->plot.y - 2, axis_y,
                               &palette->target);
}

/* An interval across a bar: a line from low to high with end caps. */
static void
paint_whiskers (HkChartPainter    *p,
                const BarLayout   *L,
                const HkBarItem   *item,
                const HkChartRect *r)
{
  cairo_t *cr = p->cr;
  double y = round (r->y + r->h / 2) + 0.5, cap = MAX (r->h * 0.3, 3);
  double x0 = round (bar_x (L, item->low)) + 0.5, x1 = round (bar_x (L, item->high)) + 0.5;

  _hk_chart_set_color (cr, &p->palette->foreground, 0.8);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_move_to (cr, x0, y - cap);
  cairo_line_to (cr, x0, y + cap);
  cairo_move_to (cr, x1, y - cap);
  cairo_line_to (cr, x1, y + cap);
  cairo_stroke (cr);
}

/* Bar k of item i and its value beside it. */
static void
paint_bar (HkChartPainter    *p,
           const HkBarSeries *series,
           const BarLayout   *L,
           guint              i,
           guint              k)
{
  cairo_t *cr = p->cr;
  const HkChartPalette *palette = p->palette;
  const HkBarItem *item = HK_BAR_SERIES_ITEM (series, i);
  int highlight = p->style->highlight;
  gboolean hot = highlight == (int) i;
  double v = k == 0 ? item->value : item->value2;
  g_autofree char *text = _hk_chart_format_value (p->format, series->unit, v, FALSE);
  HkChartRect r;

  bar_rect (L, series, i, k, &r);
  if (isfinite (v) && r.w > 0)
    {
      /* opaque, so grid lines stay behind; while one bar is
       * hovered the others step back */
      _hk_chart_set_color (cr, bar_color (palette, series, L, item, k),
                           highlight >= 0 && !hot ? 0.55 : 1);
      cairo_rectangle (cr, r.x, r.y, r.w, r.h);
      cairo_fill (cr);
      if (palette->high_contrast || hot)
        {
          _hk_chart_set_color (cr, &palette->foreground, 0.9);
          cairo_set_line_width (cr, 1);
          cairo_rectangle (cr, r.x + 0.5, r.y + 0.5, MAX (r.w - 1, 0), MAX (r.h - 1, 0));
          cairo_stroke (cr);
        }
    }
  if (k == 0 && isfinite (v) && isfinite (item->low) && isfinite (item->high))
    paint_whiskers (p, L, item, &r);
  if (row_has_label (L, i) || hot)
    {
      HkChartRect box;

      value_label_box (p, series, L, i, k, &box);
      _hk_chart_draw_text (p, text, HK_CHART_FONT_SMALL, box.x, box.y, 0, 0, -1, &palette->foreground,
                           isnan (v) ? 0.55 : 0.85);
    }
}

/* Item i's row: its highlight, its label, its bars. */
static void
paint_bar_row (HkChartPainter    *p,
               const HkBarSeries *series,
               const BarLayout   *L,
               guint              i,
               double             width)
{
  cairo_t *cr = p->cr;
  const HkChartPalette *palette = p->palette;
  const HkBarItem *item = HK_BAR_SERIES_ITEM (series, i);
  double cy = L->plot.y + L->row * (i + 0.5);
  gboolean grouped = series->value2_name != NULL;
  gboolean hot = p->style->highlight == (int) i;

  if (hot)
    {
      _hk_chart_set_color (cr, &palette->foreground, 0.08);
      cairo_rectangle (cr, HK_CHART_PAD / 2, L->plot.y + L->row * i, width - HK_CHART_PAD, L->row);
      cairo_fill (cr);
    }
  if (row_has_label (L, i) || hot)
    _hk_chart_draw_text (p, item->label, HK_CHART_FONT_NORMAL, L->plot.x - HK_CHART_GAP, cy, 1, 0.5,
                         L->label_width, &palette->foreground, hot ? 1 : 0.85);

  for (guint k = 0; k < (grouped ? 2u : 1u); k++)
    paint_bar (p, series, L, i, k);
}

void
hk_chart_paint_bars (cairo_t              *cr,
                     double                width,
                     double                height,
                     const HkChartPalette *palette,
                     const HkBarSeries    *series,
                     const HkChartStyle   *style)
{
  HkChartStyle defaults;
  HkChartPainter p;
  BarLayout L;

  g_return_if_fail (cr != NULL && palette != NULL);
  g_return_if_fail (series == NULL || series->parent.shape == HK_CHART_SHAPE_BARS);
  if (style == NULL)
    {
      hk_chart_style_init (&defaults);
      style = &defaults;
    }

  _hk_chart_painter_begin (&p, cr, palette, style, series ? &series->parent : NULL, width, height);
  layout_bars (&p, series, width, height, &L);
  if (L.empty)
    {
      _hk_chart_paint_empty (&p, width, height, L.top, L.empty_headline, L.empty_detail);
    }
  else
    {
      paint_bar_legend (&p, series, &L, width);
      paint_bar_grid (&p, series, &L);
      for (guint i = 0; i < series->items->len; i++)
        paint_bar_row (&p, series, &L, i, width);
    }
  layout_clear (&L);
  _hk_chart_painter_end (&p);
}

gboolean
hk_chart_get_bar_extent (const HkBarSeries  *series,
                         const HkChartStyle *style,
                         double              width,
                         double              height,
                         guint               item,
                         double             *x0,
                         double             *x1,
                         double             *y0,
                         double             *y1)
{
  HkChartStyle defaults;
  HkChartPalette palette;
  HkChartPainter p;
  BarLayout L;
  HkChartRect r;

  g_return_val_if_fail (series != NULL, FALSE);
  if (style == NULL)
    {
      hk_chart_style_init (&defaults);
      style = &defaults;
    }
  if (item >= series->items->len)
    return FALSE;
  hk_chart_palette_init_light (&palette);
  _hk_chart_painter_init (&p, NULL, &palette, style);
  layout_bars (&p, series, width, height, &L);
  layout_clear (&L);
  _hk_chart_painter_clear (&p);
  if (L.empty || !isfinite (HK_BAR_SERIES_ITEM (series, item)->value))
    return FALSE;
  bar_rect (&L, series, item, 0, &r);
  if (x0)
    *x0 = bar_x (&L, 0);
  if (x1)
    *x1 = bar_x (&L, HK_BAR_SERIES_ITEM (series, item)->value);
  if (y0)
    *y0 = r.y;
  if (y1)
    *y1 = r.y + r.h;
  return TRUE;
}

gboolean
hk_chart_get_bar_value_box (const HkBarSeries  *series,
                            const HkChartStyle *style,
                            double              width,
                            double              height,
                            guint               item,
                            double             *x,
                            double             *y,
                            double             *box_width,
                            double             *box_height)
{
  HkChartStyle defaults;
  HkChartPalette palette;
  HkChartPainter p;
  BarLayout L;
  HkChartRect box = { 0, 0, 0, 0 };
  gboolean shown;

  g_return_val_if_fail (series != NULL, FALSE);
  if (style == NULL)
    {
      hk_chart_style_init (&defaults);
      style = &defaults;
    }
  if (item >= series->items->len)
    return FALSE;
  hk_chart_palette_init_light (&palette);
  _hk_chart_painter_init (&p, NULL, &palette, style);
  layout_bars (&p, series, width, height, &L);
  shown = !L.empty && row_has_label (&L, item);
  if (shown)
    value_label_box (&p, series, &L, item, 0, &box);
  layout_clear (&L);
  _hk_chart_painter_clear (&p);
  if (x)
    *x = box.x;
  if (y)
    *y = box.y;
  if (box_width)
    *box_width = box.w;
  if (box_height)
    *box_height = box.h;
  return shown;
}

double
hk_chart_get_bars_height (const HkBarSeries  *series,
                          const HkChartStyle *style,
                          double              width,
                          double              row)
{
  HkChartStyle defaults;
  HkChartPalette palette;
  HkChartPainter p;
  BarLayout L;
  double height;

  g_return_val_if_fail (series != NULL, 0);
  if (style == NULL)
    {
      hk_chart_style_init (&defaults);
      style = &defaults;
    }
  hk_chart_palette_init_light (&palette);
  _hk_chart_painter_init (&p, NULL, &palette, style);
  /* the rows come below the title and legend, above the axis: only those
   * depend on the painter, not on the height */
  layout_bars (&p, series, width, 10000, &L);
  height = L.empty ? 0 : L.plot.y + series->items->len * MIN (row, MAX_ROW) +
                         _hk_chart_line_height (&p, HK_CHART_FONT_SMALL) + HK_CHART_GAP + HK_CHART_PAD;
  layout_clear (&L);
  _hk_chart_painter_clear (&p);
  return ceil (height);
}

/* The whole row of a bar. */
int
_hk_chart_bars_hit_test (HkChartPainter    *p,
                         const HkBarSeries *series,
                         double             width,
                         double             height,
                         double             x,
                         double             y)
{
  BarLayout L;
  int hit = -1;

  layout_bars (p, series, width, height, &L);
  layout_clear (&L);
  if (!L.empty && y >= L.plot.y && y < L.plot.y + L.plot.h && x >= 0 && x < width)
    hit = (int) floor ((y - L.plot.y) / L.row);
  if (hit >= (int) series->items->len)
    hit = -1;
  return hit;
}

char *
_hk_chart_bars_dup_item_text (const HkBarSeries    *bars,
                              guint                 item,
                              const HkNumberFormat *format)
{
  const HkBarItem *it = HK_BAR_SERIES_ITEM (bars, item);
  GString *s = g_string_new (it->label);
  g_autofree char *value = _hk_chart_format_value (format, bars->unit, it->value, TRUE);
  g_autofree char *revenue = hk_format_money (format, it->revenue, 2);
  g_autofree char *spend = hk_format_money (format, it->spend, 2);
  g_autofree char *mean = hk_format_ratio (format, it->mean_roas);

  if (it->pooled > 0)
    g_string_append_printf (s, g_dngettext (NULL, " (%u more, pooled)", " (%u more, pooled)", it->pooled),
                            it->pooled);
  else if (bars->dimension == HK_DIM_INFLUENCER && g_strcmp0 (it->key, it->label) != 0)
    g_string_append_printf (s, " (%s)", it->key);
  g_string_append_printf (s, "\n%s %s", bars->value_name, value);
  if (isfinite (it->low) && isfinite (it->high))
    {
      g_autofree char *low = hk_format_ratio (format, it->low);
      g_autofree char *high = hk_format_ratio (format, it->high);
      /* Translators: after a value, "(95% interval 0.80× to 1.40×)" */
      g_string_append_printf (s, _(" (95%% interval %s to %s)"), low, high);
    }
  if (bars->value2_name)
    {
      g_autofree char *value2 = _hk_chart_format_value (format, bars->unit, it->value2, TRUE);
      g_autofree char *roas = hk_format_ratio (format, hk_metrics_roas (it->revenue, it->spend));
      g_string_append_printf (s, "\n%s %s\n%s %s", bars->value2_name, value2, _("ROAS"), roas);
    }
  else if (bars->unit == HK_CHART_UNIT_RATIO)
    {
      if (isnan (it->value) && isfinite (it->spend))
        g_string_append_printf (s, " (%s)", _("no spend"));
      if (isfinite (it->revenue))
        g_string_append_printf (s, "\n%s %s · %s %s", _("Revenue"), revenue, _("Spend"), spend);
      if (isfinite (it->mean_roas))
        g_string_append_printf (s, "\n%s %s", _("Mean influencer ROAS"), mean);
    }
  else if (bars->parent.kind == HK_CHART_TOP_PAYOUTS && isfinite (it->revenue))
    g_string_append_printf (s, "\n%s %s · %s %s", _("Revenue"), revenue, _("ROAS"), mean);
  if (it->flagged && bars->flag_name)
    g_string_append_printf (s, "\n%s", bars->flag_name);
  return g_string_free (s, FALSE);
}

/* Bars come sorted, undefined values last: the first is the highest, the
 * last defined one the lowest. */
char *
_hk_chart_bars_dup_description (const HkBarSeries    *bars,
                                const HkNumberFormat *format)
{
  const HkBarItem *first = HK_BAR_SERIES_ITEM (bars, 0);
  const HkBarItem *last = first;
  guint n = bars->items->len;
  g_autofree char *hi = NULL, *lo = NULL;

  /* an "Others" bar is no group's: not the lowest */
  for (guint i = 0; i < n; i++)
    if (isfinite (HK_BAR_SERIES_ITEM (bars, i)->value) && HK_BAR_SERIES_ITEM (bars, i)->pooled == 0)
      last = HK_BAR_SERIES_ITEM (bars, i);
  if (!isfinite (first->value))
    return g_strdup_printf (_("Bar chart, %s: %u bars, all undefined"), bars->parent.title, n);
  hi = _hk_chart_format_value (format, bars->unit, first->value, FALSE);
  lo = _hk_chart_format_value (format, bars->unit, last->value, FALSE);
  return g_strdup_printf (g_dngettext (NULL, "Bar chart, %s: %u bar; highest %s %s, lowest %s %s",
                                       "Bar chart, %s: %u bars; highest %s %s, lowest %s %s", n),
                          bars->parent.title, n, first->label, hi, last->label, lo);
}
