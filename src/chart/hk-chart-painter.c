/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkChart"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "hk-analysis.h"
#include "hk-chart-painter.h"
#include "hk-date.h"
#include "hk-file-writer.h"

/* Geometry, in the units of the size the caller gives (widget pixels, points). */
#define PAD            10.0
#define GAP            6.0
#define MAX_ROW        40.0   /* a bar row never grows taller: few bars sit at the top */
#define MAX_BAR        26.0
#define TICK_SPACING   90.0   /* about one tick label per this much axis */
#define HIT_SLOP       3.0
#define DENSE_POINTS   2000   /* above this many points the scatter rasterises */
#define EMPTY_ALPHA    0.6

typedef enum {
  FONT_NORMAL,
  FONT_SMALL,
  FONT_TITLE,
  N_FONTS
} FontRole;

/* What drawing and measuring share: text is measured the same way whether or
 * not a cairo_t is given, so hit tests see the painter's geometry. */
typedef struct {
  cairo_t              *cr;        /* NULL when only measuring */
  PangoContext         *pango;
  PangoLayout          *layout;
  PangoFontDescription *fonts[N_FONTS];
  const HkChartPalette *palette;
  const HkChartStyle   *style;
  const HkNumberFormat *format;
  GPtrArray            *scratch;   /* strings that live as long as the painter */
} Painter;

typedef struct {
  double x, y, w, h;
} Rect;

/* ------------------------------------------------------------------------ */
/* Palette and style                                                        */

static HkChartColor
rgb (guint32 hex,
     double  alpha)
{
  return (HkChartColor) { ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0,
                          (hex & 0xff) / 255.0, alpha };
}

void
hk_chart_palette_init_light (HkChartPalette *palette)
{
  g_return_if_fail (palette != NULL);
  /* libadwaita 1.2 defaults for the light style */
  palette->foreground = rgb (0x000000, 0.8);
  palette->background = rgb (0xfafafa, 1);
  palette->revenue = rgb (0x3584e4, 1);
  palette->spend = rgb (0x9c6e03, 1);
  palette->below = rgb (0xc01c28, 1);
  palette->good = rgb (0x1b8553, 1);
  palette->target = rgb (0x813d9c, 1);
  palette->high_contrast = FALSE;
}

void
hk_chart_palette_init_dark (HkChartPalette *palette)
{
  g_return_if_fail (palette != NULL);
  palette->foreground = rgb (0xffffff, 1);
  palette->background = rgb (0x242424, 1);
  palette->revenue = rgb (0x3584e4, 1);
  palette->spend = rgb (0xf8e45c, 1);
  palette->below = rgb (0xff7b63, 1);
  palette->good = rgb (0x8ff0a4, 1);
  palette->target = rgb (0xdc8add, 1);
  palette->high_contrast = FALSE;
}

void
hk_chart_style_init (HkChartStyle *style)
{
  g_return_if_fail (style != NULL);
  memset (style, 0, sizeof *style);
  style->reference = NAN;
  style->target = NAN;
  style->highlight = -1;
}

G_DEFINE_QUARK (hk-chart-error-quark, hk_chart_error)

/* ------------------------------------------------------------------------ */
/* Text                                                                     */

static void
painter_init (Painter              *p,
              cairo_t              *cr,
              const HkChartPalette *palette,
              const HkChartStyle   *style)
{
  cairo_font_options_t *options = cairo_font_options_create ();
  PangoFontDescription *base;
  int size;

  memset (p, 0, sizeof *p);
  p->cr = cr;
  p->palette = palette;
  p->style = style;
  p->format = style->number_format ? style->number_format : hk_number_format_get_default ();

  p->pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  /* Unhinted metrics scale with the size alone, so measuring without a
   * surface gives the geometry drawing gives. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  if (cr)
    pango_cairo_update_context (cr, p->pango);
  pango_cairo_context_set_font_options (p->pango, options);
  pango_cairo_context_set_resolution (p->pango, 96);
  cairo_font_options_destroy (options);

  base = pango_font_description_from_string (style->font ? style->font : "Sans 10");
  if (pango_font_description_get_size (base) <= 0)
    pango_font_description_set_size (base, 10 * PANGO_SCALE);
  size = pango_font_description_get_size (base);
  p->fonts[FONT_NORMAL] = base;
  p->fonts[FONT_SMALL] = pango_font_description_copy (base);
  pango_font_description_set_size (p->fonts[FONT_SMALL], size * 0.85);
  p->fonts[FONT_TITLE] = pango_font_description_copy (base);
  pango_font_description_set_size (p->fonts[FONT_TITLE], size * 1.2);
  pango_font_description_set_weight (p->fonts[FONT_TITLE], PANGO_WEIGHT_BOLD);
  p->layout = pango_layout_new (p->pango);
  p->scratch = g_ptr_array_new_with_free_func (g_free);
}

static const char *
painter_intern (Painter *p,
                char    *text)
{
  g_ptr_array_add (p->scratch, text);
  return text;
}

static void
painter_clear (Painter *p)
{
  for (guint i = 0; i < N_FONTS; i++)
    pango_font_description_free (p->fonts[i]);
  g_clear_object (&p->layout);
  g_clear_object (&p->pango);
  g_clear_pointer (&p->scratch, g_ptr_array_unref);
}

static void
set_text (Painter    *p,
          const char *text,
          FontRole    font,
          double      max_width)
{
  pango_layout_set_font_description (p->layout, p->fonts[font]);
  pango_layout_set_width (p->layout, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (p->layout, max_width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (p->layout, PANGO_ALIGN_LEFT);
  pango_layout_set_text (p->layout, text, -1);
}

static void
text_size (Painter    *p,
           const char *text,
           FontRole    font,
           double     *width,
           double     *height)
{
  PangoRectangle logical;

  set_text (p, text, font, -1);
  pango_layout_get_extents (p->layout, NULL, &logical);
  if (width)
    *width = ceil ((double) logical.width / PANGO_SCALE);
  if (height)
    *height = ceil ((double) logical.height / PANGO_SCALE);
}

static double
line_height (Painter *p,
             FontRole font)
{
  double h;

  text_size (p, "Ag", font, NULL, &h);
  return h;
}

static void
set_color (cairo_t            *cr,
           const HkChartColor *c,
           double              alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

/* Draws text with its box anchored at x, y: ax, ay are 0 (left/top), 0.5 or 1. */
static void
draw_text (Painter            *p,
           const char         *text,
           FontRole            font,
           double              x,
           double              y,
           double              ax,
           double              ay,
           double              max_width,
           const HkChartColor *color,
           double              alpha)
{
  PangoRectangle logical;

  if (p->cr == NULL)
    return;
  set_text (p, text, font, max_width);
  pango_layout_get_extents (p->layout, NULL, &logical);
  cairo_move_to (p->cr, x - ax * logical.width / PANGO_SCALE, y - ay * logical.height / PANGO_SCALE);
  set_color (p->cr, color, alpha);
  pango_cairo_show_layout (p->cr, p->layout);
}

/* ------------------------------------------------------------------------ */
/* Numbers                                                                  */

static int
decimals_for_step (double step)
{
  int d = 0;

  while (d < 6 && fabs (step * pow (10, d) - round (step * pow (10, d))) > 1e-6)
    d++;
  return d;
}

static char *
format_tick (Painter    *p,
             HkChartUnit unit,
             double      value,
             double      step)
{
  switch (unit)
    {
    case HK_CHART_UNIT_RATIO:
      {
        g_autofree char *n = hk_format_number (p->format, value, decimals_for_step (step));
        return g_strconcat (n, "×", NULL);
      }
    case HK_CHART_UNIT_MONEY:
      return hk_format_money_compact (p->format, value);
    case HK_CHART_UNIT_COUNT:
    default:
      return hk_format_count_compact (p->format, value);
    }
}

static char *
format_value (const HkNumberFormat *format,
              HkChartUnit           unit,
              double                value,
              gboolean              exact)
{
  if (isnan (value))
    return g_strdup ("—");
  switch (unit)
    {
    case HK_CHART_UNIT_RATIO:
      return hk_format_ratio (format, value);
    case HK_CHART_UNIT_MONEY:
      return exact ? hk_format_money (format, value, 2) : hk_format_money_compact (format, value);
    case HK_CHART_UNIT_COUNT:
    default:
      return exact ? hk_format_number (format, value, 0) : hk_format_count_compact (format, value);
    }
}

static guint
max_ticks_for (double length,
               double spacing)
{
  return (guint) CLAMP (floor (length / spacing) + 1, 2, 10);
}

static double
scale_linear (const HkChartTicks *t,
              double              v,
              double              from,
              double              to)
{
  if (t->max == t->min)
    return (from + to) / 2;
  return from + (v - t->min) / (t->max - t->min) * (to - from);
}

static double
scale_log (const HkChartTicks *t,
           double              v,
           double              from,
           double              to)
{
  double lo = log10 (t->min), hi = log10 (t->max);

  if (!(v > 0))
    v = t->min;
  return from + (log10 (v) - lo) / (hi - lo) * (to - from);
}

/* ------------------------------------------------------------------------ */
/* Shared pieces                                                            */

static void
fill_background (Painter *p,
                 double   width,
                 double   height)
{
  if (p->cr == NULL || !p->style->fill_background)
    return;
  set_color (p->cr, &p->palette->background, 1);
  cairo_rectangle (p->cr, 0, 0, width, height);
  cairo_fill (p->cr);
}

/* The title on exports (the layouts leave room for it). */
static void
paint_title (Painter             *p,
             const HkChartSeries *series,
             double               width)
{
  if (!p->style->show_title || series == NULL || series->title == NULL)
    return;
  draw_text (p, series->title, FONT_TITLE, PAD, PAD, 0, 0, width - 2 * PAD,
             &p->palette->foreground, 1);
}

static void
paint_empty (Painter    *p,
             double      width,
             double      height,
             double      top,
             const char *headline,
             const char *detail)
{
  double h1, h2 = 0, cy;

  text_size (p, headline, FONT_NORMAL, NULL, &h1);
  if (detail)
    text_size (p, detail, FONT_SMALL, NULL, &h2);
  cy = top + (height - top) / 2 - (h1 + h2 + GAP) / 2;
  if (p->cr)
    {
      /* A quiet frame says "this is where the chart goes". */
      cairo_save (p->cr);
      set_color (p->cr, &p->palette->foreground, 0.15);
      cairo_set_line_width (p->cr, 1);
      {
        double dash[] = { 4, 4 };
        cairo_set_dash (p->cr, dash, 2, 0);
      }
      cairo_rectangle (p->cr, PAD + 0.5, top + 0.5, MAX (width - 2 * PAD - 1, 0), MAX (height - top - PAD - 1, 0));
      cairo_stroke (p->cr);
      cairo_restore (p->cr);
    }
  draw_text (p, headline, FONT_NORMAL, width / 2, cy, 0.5, 0, width - 4 * PAD,
             &p->palette->foreground, EMPTY_ALPHA + 0.15);
  if (detail)
    draw_text (p, detail, FONT_SMALL, width / 2, cy + h1 + GAP, 0.5, 0, width - 4 * PAD,
               &p->palette->foreground, EMPTY_ALPHA);
}

static double
grid_alpha (Painter *p)
{
  return p->palette->high_contrast ? 0.35 : 0.12;
}

typedef struct {
  const char         *text;
  const HkChartColor *color;
  int                 mark;   /* 0 box, 1 line, 2 dashed line, 3 dot */
} LegendEntry;

static double
legend_width (Painter           *p,
              const LegendEntry *entries,
              guint              n)
{
  double w = 0, tw;

  for (guint i = 0; i < n; i++)
    {
      text_size (p, entries[i].text, FONT_SMALL, &tw, NULL);
      w += 18 + tw + (i + 1 < n ? 14 : 0);
    }
  return w;
}

/* A one-line legend at y, right-aligned at right; returns its height. */
static double
paint_legend (Painter           *p,
              const LegendEntry *entries,
              guint              n,
              double             right,
              double             y)
{
  double h = line_height (p, FONT_SMALL);
  double x = right - legend_width (p, entries, n), tw;

  for (guint i = 0; i < n; i++)
    {
      text_size (p, entries[i].text, FONT_SMALL, &tw, NULL);
      if (p->cr)
        {
          cairo_t *cr = p->cr;

          cairo_save (cr);
          set_color (cr, entries[i].color, 1);
          switch (entries[i].mark)
            {
            case 0:
              cairo_rectangle (cr, x, y + h / 2 - 5, 12, 10);
              cairo_fill (cr);
              break;
            case 3:
              cairo_arc (cr, x + 6, y + h / 2, 4.5, 0, 2 * G_PI);
              cairo_fill (cr);
              break;
            default:
              cairo_set_line_width (cr, 2);
              if (entries[i].mark == 2)
                {
                  double dash[] = { 4, 3 };
                  cairo_set_dash (cr, dash, 2, 0);
                }
              cairo_move_to (cr, x, y + h / 2);
              cairo_line_to (cr, x + 14, y + h / 2);
              cairo_stroke (cr);
              break;
            }
          cairo_restore (cr);
        }
      draw_text (p, entries[i].text, FONT_SMALL, x + 18, y, 0, 0, -1, &p->palette->foreground, 0.85);
      x += 18 + tw + 14;
    }
  return h;
}

static void
stroke_line (cairo_t            *cr,
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
  set_color (cr, color, alpha);
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
/* Bars                                                                     */

typedef struct {
  gboolean     empty;
  const char  *empty_headline;
  const char  *empty_detail;
  double       top;           /* below title and legend */
  Rect         plot;          /* where bars run */
  double       row;           /* height of one item's row */
  double       bar;           /* thickness of one bar */
  double       label_width;   /* category labels, right-aligned at plot.x - GAP */
  HkChartTicks ticks;
  double       reference;
  double       target;
} BarLayout;

static double
bar_reference (const HkBarSeries  *series,
               const HkChartStyle *style)
{
  return isnan (style->reference) ? series->reference : style->reference;
}

static void
layout_bars (Painter           *p,
             const HkBarSeries *series,
             double             width,
             double             height,
             BarLayout         *L)
{
  guint n = series ? series->items->len : 0;
  gboolean grouped = series && series->value2_name != NULL;
  double lo = 0, hi = 0, value_width = 0, axis_h, w;
  guint n_defined = 0;

  memset (L, 0, sizeof *L);
  L->top = p->style->show_title && series ? PAD + line_height (p, FONT_TITLE) + GAP : PAD;
  L->reference = series ? bar_reference (series, p->style) : NAN;
  L->target = series && series->unit == HK_CHART_UNIT_RATIO ? p->style->target : NAN;

  for (guint i = 0; i < n; i++)
    {
      const HkBarItem *item = HK_BAR_SERIES_ITEM (series, i);
      double values[2] = { item->value, grouped ? item->value2 : NAN };

      for (guint k = 0; k < 2; k++)
        if (isfinite (values[k]))
          {
            g_autofree char *text = format_value (p->format, series->unit, values[k], FALSE);

            lo = MIN (lo, values[k]);
            hi = MAX (hi, values[k]);
            text_size (p, text, FONT_SMALL, &w, NULL);
            value_width = MAX (value_width, w);
            n_defined++;
          }
      text_size (p, item->label, FONT_NORMAL, &w, NULL);
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

  if (grouped || isfinite (L->reference) || isfinite (L->target))
    L->top += line_height (p, FONT_SMALL) + GAP;
  if (isfinite (L->reference))
    lo = MIN (lo, L->reference), hi = MAX (hi, L->reference);
  if (isfinite (L->target))
    lo = MIN (lo, L->target), hi = MAX (hi, L->target);

  L->label_width = MIN (L->label_width, floor (width * 0.35));
  axis_h = line_height (p, FONT_SMALL) + GAP;
  L->plot.x = PAD + L->label_width + GAP;
  L->plot.w = MAX (width - PAD - value_width - GAP - L->plot.x, 10);
  hk_chart_nice_ticks (lo, hi, max_ticks_for (L->plot.w, TICK_SPACING), &L->ticks);
  L->plot.y = L->top;
  L->row = MIN ((height - PAD - axis_h - L->plot.y) / n, MAX_ROW);
  L->row = MAX (L->row, 1);
  L->plot.h = L->row * n;
  L->bar = MIN (L->row * (grouped ? 0.42 : 0.7), MAX_BAR);
}

/* Legend entries of a bar chart; the texts live in p's scratch strings. */
static guint
bar_legend (Painter           *p,
            const HkBarSeries *series,
            const BarLayout   *L,
            LegendEntry       *legend)
{
  guint n = 0;

  if (series->value2_name)
    {
      legend[n++] = (LegendEntry) { series->value_name, &p->palette->revenue, 0 };
      legend[n++] = (LegendEntry) { series->value2_name, &p->palette->spend, 0 };
    }
  if (isfinite (L->reference))
    {
      g_autofree char *ratio = format_tick (p, series->unit, L->reference, L->reference);
      legend[n++] = (LegendEntry) { painter_intern (p, series->unit == HK_CHART_UNIT_RATIO
                                                       ? g_strdup_printf (_("Break-even %s"), ratio)
                                                       : g_strdup (ratio)),
                                    &p->palette->good, 2 };
    }
  if (isfinite (L->target))
    {
      g_autofree char *ratio = format_tick (p, series->unit, L->target, L->target);
      legend[n++] = (LegendEntry) { painter_intern (p, g_strdup_printf (_("Target %s"), ratio)),
                                    &p->palette->target, 2 };
    }
  return n;
}

static double
bar_x (const BarLayout *L,
       double           v)
{
  return scale_linear (&L->ticks, v, L->plot.x, L->plot.x + L->plot.w);
}

/* The rectangle of bar k (0: value, 1: value2) of item i. */
static void
bar_rect (const BarLayout   *L,
          const HkBarSeries *series,
          guint              i,
          guint              k,
          Rect              *r)
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

static const HkChartColor *
bar_color (const HkChartPalette *palette,
           const HkBarSeries    *series,
           const BarLayout      *L,
           const HkBarItem      *item,
           guint                 k)
{
  if (k == 1)
    return &palette->spend;
  if (series->unit == HK_CHART_UNIT_RATIO)
    return isfinite (L->reference) && item->value < L->reference ? &palette->below : &palette->revenue;
  if (series->parent.kind == HK_CHART_TOP_PAYOUTS)
    return &palette->spend;
  return &palette->revenue;
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
  Painter p;
  BarLayout L;
  gboolean grouped;
  double axis_y;

  g_return_if_fail (cr != NULL && palette != NULL);
  g_return_if_fail (series == NULL || series->parent.shape == HK_CHART_SHAPE_BARS);
  if (style == NULL)
    {
      hk_chart_style_init (&defaults);
      style = &defaults;
    }

  cairo_save (cr);
  painter_init (&p, cr, palette, style);
  fill_background (&p, width, height);
  paint_title (&p, series ? &series->parent : NULL, width);
  layout_bars (&p, series, width, height, &L);
  if (L.empty)
    {
      paint_empty (&p, width, height, L.top, L.empty_headline, L.empty_detail);
      goto out;
    }
  grouped = series->value2_name != NULL;

  {
    LegendEntry legend[4];
    guint n = bar_legend (&p, series, &L, legend);

    if (n > 0)
      paint_legend (&p, legend, n, width - PAD, L.top - line_height (&p, FONT_SMALL) - GAP);
  }

  /* grid and axis */
  axis_y = L.plot.y + L.plot.h;
  for (guint t = 0; t < L.ticks.n; t++)
    {
      double x = round (bar_x (&L, L.ticks.values[t])) + 0.5;
      g_autofree char *text = format_tick (&p, series->unit, L.ticks.values[t], L.ticks.step);

      stroke_line (cr, x, L.plot.y, x, axis_y, &palette->foreground,
                   L.ticks.values[t] == 0 ? 0.5 : grid_alpha (&p), 1, FALSE);
      draw_text (&p, text, FONT_SMALL, x, axis_y + GAP / 2, 0.5, 0, -1, &palette->foreground, 0.7);
    }

  if (isfinite (L.reference))
    {
      double x = round (bar_x (&L, L.reference)) + 0.5;

      stroke_line (cr, x, L.plot.y - 2, x, axis_y, &palette->good, 1, 1.5, TRUE);
    }
  if (isfinite (L.target))
    {
      double x = round (bar_x (&L, L.target)) + 0.5;

      stroke_line (cr, x, L.plot.y - 2, x, axis_y, &palette->target, 1, 1.5, TRUE);
    }


  for (guint i = 0; i < series->items->len; i++)
    {
      const HkBarItem *item = HK_BAR_SERIES_ITEM (series, i);
      double cy = L.plot.y + L.row * (i + 0.5);
      gboolean hot = style->highlight == (int) i;

      if (hot)
        {
          set_color (cr, &palette->foreground, 0.08);
          cairo_rectangle (cr, PAD / 2, L.plot.y + L.row * i, width - PAD, L.row);
          cairo_fill (cr);
        }
      draw_text (&p, item->label, FONT_NORMAL, L.plot.x - GAP, cy, 1, 0.5, L.label_width,
                 &palette->foreground, hot ? 1 : 0.85);

      for (guint k = 0; k < (grouped ? 2u : 1u); k++)
        {
          double v = k == 0 ? item->value : item->value2;
          g_autofree char *text = format_value (p.format, series->unit, v, FALSE);
          Rect r;

          bar_rect (&L, series, i, k, &r);
          if (isfinite (v) && r.w > 0)
            {
              /* opaque, so grid lines stay behind; while one bar is
               * hovered the others step back */
              set_color (cr, bar_color (palette, series, &L, item, k),
                         style->highlight >= 0 && !hot ? 0.55 : 1);
              cairo_rectangle (cr, r.x, r.y, r.w, r.h);
              cairo_fill (cr);
              if (palette->high_contrast || hot)
                {
                  set_color (cr, &palette->foreground, 0.9);
                  cairo_set_line_width (cr, 1);
                  cairo_rectangle (cr, r.x + 0.5, r.y + 0.5, MAX (r.w - 1, 0), MAX (r.h - 1, 0));
                  cairo_stroke (cr);
                }
            }
          if (v < 0)
            draw_text (&p, text, FONT_SMALL, bar_x (&L, 0) + GAP / 2, r.y + r.h / 2, 0, 0.5, -1,
                       &palette->foreground, 0.85);
          else
            draw_text (&p, text, FONT_SMALL, r.x + r.w + GAP / 2, r.y + r.h / 2, 0, 0.5, -1,
                       &palette->foreground, isnan (v) ? 0.55 : 0.85);
        }
    }

out:
  painter_clear (&p);
  cairo_restore (cr);
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
  Painter p;
  BarLayout L;
  Rect r;

  g_return_val_if_fail (series != NULL, FALSE);
  if (style == NULL)
    {
      hk_chart_style_init (&defaults);
      style = &defaults;
    }
  if (item >= series->items->len)
    return FALSE;
  hk_chart_palette_init_light (&palette);
  painter_init (&p, NULL, &palette, style);
  layout_bars (&p, series, width, height, &L);
  painter_clear (&p);
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

/* ------------------------------------------------------------------------ */
/* Time series                                                              */

typedef struct {
  gboolean     empty;
  double       top;
  Rect         plot;
  HkChartTicks ticks;
  guint        n_dates;
  gint32       dates[HK_CHART_MAX_TICKS];
  char         date_unit;
} TimeLayout;

static char *
format_axis_date (gint32 day,
                  char   unit,
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
layout_time (Painter            *p,
             const HkTimeSeries *series,
             double              width,
             double              height,
             TimeLayout         *L)
{
  double lo = 0, hi = 0, label_w = 0, w, h;
  gboolean any = FALSE;
  guint max_dates;

  memset (L, 0, sizeof *L);
  L->top = p->style->show_title && series ? PAD + line_height (p, FONT_TITLE) + GAP : PAD;
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

  L->top += line_height (p, FONT_SMALL) + GAP; /* legend */
  h = line_height (p, FONT_SMALL);
  L->plot.y = L->top + h / 2;
  L->plot.h = MAX (height - PAD - h - GAP - L->plot.y, 10);
  hk_chart_nice_ticks (lo, hi, max_ticks_for (L->plot.h, 3 * h), &L->ticks);
  for (guint t = 0; t < L->ticks.n; t++)
    {
      g_autofree char *text = format_tick (p, HK_CHART_UNIT_MONEY, L->ticks.values[t], L->ticks.step);
      text_size (p, text, FONT_SMALL, &w, NULL);
      label_w = MAX (label_w, w);
    }
  /* A typical label is "30 Sep 2025"; half of one may stick out on the right. */
  text_size (p, "30 Sep 2025", FONT_SMALL, &w, NULL);
  L->plot.x = PAD + label_w + GAP;
  L->plot.w = MAX (width - PAD - w / 2 - L->plot.x, 10);
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
  return scale_linear (&L->ticks, v, L->plot.y + L->plot.h, L->plot.y);
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

void
hk_chart_paint_time_series (cairo_t              *cr,
                            double                width,
                            double                height,
                            const HkChartPalette *palette,
                            const HkTimeSeries   *series,
                            const HkChartStyle   *style)
{
  HkChartStyle defaults;
  Painter p;
  TimeLayout L;
  double bottom;
  g_autofree char *revenue_name = NULL, *spend_name = NULL;

  g_return_if_fail (cr != NULL && palette != NULL);
  g_return_if_fail (series == NULL || series->parent.shape == HK_CHART_SHAPE_TIME);
  if (style == NULL)
    {
      hk_chart_style_init (&defaults);
      style = &defaults;
    }

  cairo_save (cr);
  painter_init (&p, cr, palette, style);
  fill_background (&p, width, height);
  paint_title (&p, series ? &series->parent : NULL, width);
  layout_time (&p, series, width, height, &L);
  if (L.empty)
    {
      paint_empty (&p, width, height, L.top, _("No data for this selection"),
                   _("No revenue or spend on any day the filters keep."));
      goto out;
    }

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
    LegendEntry legend[] = {
      { revenue_name, &palette->revenue, 1 },
      { spend_name, &palette->spend, 1 },
    };
    paint_legend (&p, legend, 2, width - PAD, L.top - line_height (&p, FONT_SMALL) - GAP);
  }

  bottom = L.plot.y + L.plot.h;
  for (guint t = 0; t < L.ticks.n; t++)
    {
      double y = round (money_y (&L, L.ticks.values[t])) + 0.5;
      g_autofree char *text = format_tick (&p, HK_CHART_UNIT_MONEY, L.ticks.values[t], L.ticks.step);

      stroke_line (cr, L.plot.x, y, L.plot.x + L.plot.w, y, &palette->foreground,
                   L.ticks.values[t] == 0 ? 0.5 : grid_alpha (&p), 1, FALSE);
      draw_text (&p, text, FONT_SMALL, L.plot.x - GAP, y, 1, 0.5, -1, &palette->foreground, 0.7);
    }
  for (guint t = 0; t < L.n_dates; t++)
    {
      double x = round (day_x (&L, series, L.dates[t] - series->first_day)) + 0.5;
      g_autofree char *text = format_axis_date (L.dates[t], L.date_unit, t == 0);

      stroke_line (cr, x, bottom, x, bottom + 4, &palette->foreground, 0.5, 1, FALSE);
      draw_text (&p, g_strstrip (text), FONT_SMALL, x, bottom + GAP, 0.5, 0, -1, &palette->foreground, 0.7);
    }

  cairo_save (cr);
  cairo_rectangle (cr, L.plot.x - 4, L.plot.y - 4, L.plot.w + 8, L.plot.h + 8);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);  /* round joins cost a third of the redraw */

  /* revenue: a soft area and a line; spend: a line on top */
  trace_line (cr, &L, series, series->revenue);
  cairo_line_to (cr, day_x (&L, series, series->n_days - 1), money_y (&L, 0));
  cairo_line_to (cr, day_x (&L, series, 0), money_y (&L, 0));
  cairo_close_path (cr);
  set_color (cr, &palette->revenue, 0.15);
  /* the line covers the area's edge: no need to antialias it (3× faster) */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_fill (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);

  cairo_set_line_width (cr, palette->high_contrast ? 3 : 2);
  /* 4×4 sampling: indistinguishable on 2 px lines, half the cost */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  trace_line (cr, &L, series, series->revenue);
  set_color (cr, &palette->revenue, 1);
  cairo_stroke (cr);
  trace_line (cr, &L, series, series->spend);
  set_color (cr, &palette->spend, 1);
  cairo_stroke (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);

  if (series->n_days <= 62)
    for (guint i = 0; i < series->n_days; i++)
      {
        double x = day_x (&L, series, i);
        set_color (cr, &palette->revenue, 1);
        cairo_arc (cr, x, money_y (&L, series->revenue[i]), series->n_days == 1 ? 4 : 2.5, 0, 2 * G_PI);
        cairo_fill (cr);
        set_color (cr, &palette->spend, 1);
        cairo_arc (cr, x, money_y (&L, series->spend[i]), series->n_days == 1 ? 4 : 2.5, 0, 2 * G_PI);
        cairo_fill (cr);
      }

  if (style->highlight >= 0 && (guint) style->highlight < series->n_days)
    {
      guint i = style->highlight;
      double x = round (day_x (&L, series, i)) + 0.5;

      stroke_line (cr, x, L.plot.y, x, bottom, &palette->foreground, 0.5, 1, FALSE);
      for (guint k = 0; k < 2; k++)
        {
          double v = k == 0 ? series->revenue[i] : series->spend[i];
          cairo_arc (cr, x, money_y (&L, v), 4.5, 0, 2 * G_PI);
          set_color (cr, k == 0 ? &palette->revenue : &palette->spend, 1);
          cairo_fill_preserve (cr);
          set_color (cr, &palette->foreground, 0.9);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);

out:
  painter_clear (&p);
  cairo_restore (cr);
}

/* ------------------------------------------------------------------------ */
/* Scatter                                                                  */

typedef struct {
  gboolean     empty;
  const char  *empty_detail;
  double       top;
  Rect         plot;
  HkChartTicks xt, yt;
  gboolean     log;
  guint        n_hidden;  /* log scale: points with spend or revenue <= 0 */
  double       target;
} ScatterLayout;

static gboolean
point_visible (const ScatterLayout  *L,
               const HkScatterPoint *pt)
{
  if (!isfinite (pt->spend) || !isfinite (pt->revenue))
    return FALSE;
  return !L->log || (pt->spend > 0 && pt->revenue > 0);
}

static double
point_radius (const HkScatterSeries *series,
              const HkScatterPoint  *pt,
              gboolean               dense)
{
  double f = series->max_followers > 0 && pt->followers > 0 ? sqrt (pt->followers / series->max_followers) : 0;

  return dense ? 1.5 + 2.5 * f : 3 + 8 * f;
}

static double
sx (const ScatterLayout *L,
    double               v)
{
  return L->log ? scale_log (&L->xt, v, L->plot.x, L->plot.x + L->plot.w)
                : scale_linear (&L->xt, v, L->plot.x, L->plot.x + L->plot.w);
}

static double
sy (const ScatterLayout *L,
    double               v)
{
  return L->log ? scale_log (&L->yt, v, L->plot.y + L->plot.h, L->plot.y)
                : scale_linear (&L->yt, v, L->plot.y + L->plot.h, L->plot.y);
}

static void
layout_scatter (Painter               *p,
                const HkScatterSeries *series,
                double                 width,
                double                 height,
                ScatterLayout         *L)
{
  double xlo = G_MAXDOUBLE, xhi = -G_MAXDOUBLE, ylo = G_MAXDOUBLE, yhi = -G_MAXDOUBLE;
  double h, label_w = 0, w;
  guint n = series ? series->points->len : 0, shown = 0;

  memset (L, 0, sizeof *L);
  L->log = p->style->log_scale;
  L->target = p->style->target;
  L->top = p->style->show_title && series ? PAD + line_height (p, FONT_TITLE) + GAP : PAD;
  for (guint i = 0; i < n; i++)
    {
      const HkScatterPoint *pt = HK_SCATTER_SERIES_POINT (series, i);

      if (!point_visible (L, pt))
        {
          L->n_hidden++;
          continue;
        }
      shown++;
      xlo = MIN (xlo, pt->spend), xhi = MAX (xhi, pt->spend);
      ylo = MIN (ylo, pt->revenue), yhi = MAX (yhi, pt->revenue);
    }
  if (shown == 0)
    {
      L->empty = TRUE;
      L->empty_detail = n == 0 ? _("No influencer has revenue or spend here.")
                               : _("On a log scale only influencers with both spend and revenue show.");
      return;
    }

  /* the legend, then the note on hidden points on a line of its own: beside
   * the legend it would be cut short on a narrow chart */
  L->top += (L->n_hidden > 0 ? 2 : 1) * (line_height (p, FONT_SMALL) + GAP);
  h = line_height (p, FONT_SMALL);
  L->plot.y = L->top + h / 2;
  L->plot.h = MAX (height - PAD - 2 * (h + GAP) - L->plot.y, 10);
  if (L->log)
    {
      hk_chart_log_ticks (xlo, xhi, max_ticks_for (width, TICK_SPACING), &L->xt);
      hk_chart_log_ticks (ylo, yhi, max_ticks_for (L->plot.h, 3 * h), &L->yt);
    }
  else
    {
      hk_chart_nice_ticks (MIN (xlo, 0), MAX (xhi, 0), max_ticks_for (width - 80, TICK_SPACING), &L->xt);
      hk_chart_nice_ticks (MIN (ylo, 0), MAX (yhi, 0), max_ticks_for (L->plot.h, 3 * h), &L->yt);
    }
  for (guint t = 0; t < L->yt.n; t++)
    {
      g_autofree char *text = format_tick (p, HK_CHART_UNIT_MONEY, L->yt.values[t], L->yt.step);
      text_size (p, text, FONT_SMALL, &w, NULL);
      label_w = MAX (label_w, w);
    }
  L->plot.x = PAD + h + GAP + label_w + GAP;  /* room for the rotated "Revenue" */
  {
    g_autofree char *last = format_tick (p, HK_CHART_UNIT_MONEY, L->xt.max, L->xt.step);
    text_size (p, last, FONT_SMALL, &w, NULL);
  }
  L->plot.w = MAX (width - PAD - w / 2 - L->plot.x, 10);
}

/* Rasterises many points: each stamps a disc of coverage into one of two
 * buffers (ROAS at or above 1, below), turned into colour once. Discs come
 * from masks precomputed per quarter pixel of radius, centred on pixels. */
#define STAMP_STEPS 4
#define STAMP_MAX   48   /* radius in device pixels, in quarters: up to 12 px */

typedef struct {
  int    size;           /* (2 × ceil (r) + 1)² floats */
  float *cover;
} Stamp;

static void
stamp_init (Stamp  *stamp,
            double  r)
{
  int half = (int) ceil (r), size = 2 * half + 1;

  stamp->size = size;
  stamp->cover = g_new (float, size * size);
  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      {
        double dx = x - half, dy = y - half;
        double d = r - sqrt (dx * dx + dy * dy) + 0.5;  /* antialiased edge */

        stamp->cover[y * size + x] = 0.45f * (float) CLAMP (d, 0.0, 1.0);
      }
}

static void
paint_dense_points (cairo_t               *cr,
                    const ScatterLayout   *L,
                    const HkScatterSeries *series,
                    const HkChartPalette  *palette,
                    const HkChartStyle    *style)
{
  double ux = 1, uy = 1, scale;
  int w, h, stride;
  float *cover;
  cairo_surface_t *image;
  guint32 *pixels;
  const HkChartColor *colors[2] = { &palette->revenue, &palette->below };
  Stamp stamps[STAMP_MAX + 1] = { { 0, NULL } };
  float lut[256];

  cairo_user_to_device_distance (cr, &ux, &uy);
  scale = CLAMP (MAX (MAX (fabs (ux), fabs (uy)), style->pixel_scale), 0.25, 4);
  w = (int) ceil (L->plot.w * scale);
  h = (int) ceil (L->plot.h * scale);
  if (w <= 0 || h <= 0)
    return;
  cover = g_new0 (float, (gsize) w * h * 2);

  for (guint i = 0; i < series->points->len; i++)
    {
      const HkScatterPoint *pt = HK_SCATTER_SERIES_POINT (series, i);
      int cx, cy, q, half;
      Stamp *stamp;
      float *buf;

      if (!point_visible (L, pt))
        continue;
      cx = (int) floor ((sx (L, pt->spend) - L->plot.x) * scale);
      cy = (int) floor ((sy (L, pt->revenue) - L->plot.y) * scale);
      q = CLAMP ((int) round (point_radius (series, pt, TRUE) * scale * STAMP_STEPS), 1, STAMP_MAX);
      stamp = &stamps[q];
      if (stamp->cover == NULL)
        stamp_init (stamp, (double) q / STAMP_STEPS);
      half = stamp->size / 2;
      buf = cover + (pt->revenue < pt->spend ? (gsize) w * h : 0);
      for (int y = MAX (cy - half, 0); y <= MIN (cy + half, h - 1); y++)
        {
          const float *src = stamp->cover + (y - cy + half) * stamp->size;
          float *dst = buf + (gsize) y * w;

          for (int x = MAX (cx - half, 0); x <= MIN (cx + half, w - 1); x++)
            dst[x] += src[x - cx + half];
        }
    }
  for (guint q = 0; q <= STAMP_MAX; q++)
    g_free (stamps[q].cover);

  /* many overlapping stamps saturate: alpha = 1 - e^(-coverage), tabulated */
  for (int k = 0; k < 256; k++)
    lut[k] = 1.0f - expf (-(float) k / 32.0f);

  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  stride = cairo_image_surface_get_stride (image) / 4;
  pixels = (guint32 *) cairo_image_surface_get_data (image);
  for (int y = 0; y < h; y++)
    {
      const float *c0 = cover + (gsize) y * w, *c1 = cover + (gsize) w * h + (gsize) y * w;
      guint32 *row = pixels + (gsize) y * stride;

      for (int x = 0; x < w; x++)
        {
          float a0 = c0[x], a1 = c1[x], total = a0 + a1, alpha, k0, k1;

          if (total <= 0)
            {
              row[x] = 0;
              continue;
            }
          alpha = lut[MIN ((int) (total * 32.0f), 255)];
          k0 = alpha * a0 / total * 255.0f;
          k1 = alpha * a1 / total * 255.0f;
          row[x] = ((guint32) (alpha * 255.0f + 0.5f) << 24) |
                   ((guint32) (k0 * colors[0]->red + k1 * colors[1]->red + 0.5f) << 16) |
                   ((guint32) (k0 * colors[0]->green + k1 * colors[1]->green + 0.5f) << 8) |
                   (guint32) (k0 * colors[0]->blue + k1 * colors[1]->blue + 0.5f);
        }
    }
  cairo_surface_mark_dirty (image);
  g_free (cover);

  cairo_save (cr);
  cairo_translate (cr, L->plot.x, L->plot.y);
  cairo_scale (cr, 1 / scale, 1 / scale);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (image);
}

/* Points as translucent discs with an outline. On vector surfaces (SVG,
 * PDF) each is a path; on pixels (images, GTK's recordings) each is a copy of
 * a disc drawn once per size and colour at the device's resolution, placed
 * on whole device pixels: a fill and a stroke per point cost cairo 20 µs,
 * a copy under 1 µs. */
#define SPRITE_STEPS 4    /* sizes per device pixel of radius */
#define SPRITE_MAX   256  /* radius up to 64 device pixels */

static gboolean
target_is_vector (cairo_t *cr)
{
  switch (cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
    case CAIRO_SURFACE_TYPE_SCRIPT:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
disc_path (cairo_t            *cr,
           const HkChartColor *c,
           double              x,
           double              y,
           double              r,
           double              line_width)
{
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  set_color (cr, c, 0.45);
  cairo_fill_preserve (cr);
  set_color (cr, c, 1);
  cairo_set_line_width (cr, line_width);
  cairo_stroke (cr);
}

static void
paint_points (cairo_t               *cr,
              const ScatterLayout   *L,
              const HkScatterSeries *series,
              const HkChartPalette  *palette,
              const HkChartStyle    *style)
{
  double line_width = palette->high_contrast ? 1.5 : 1;
  cairo_surface_t *sprites[2][SPRITE_MAX + 1] = { { NULL } };
  double ux = 1, uy = 1, scale;
  gboolean vector = target_is_vector (cr);

  cairo_user_to_device_distance (cr, &ux, &uy);
  scale = CLAMP (MAX (MAX (fabs (ux), fabs (uy)), style->pixel_scale), 0.25, 8);

  for (guint i = 0; i < series->points->len; i++)
    {
      const HkScatterPoint *pt = HK_SCATTER_SERIES_POINT (series, i);
      guint below = pt->revenue < pt->spend;
      const HkChartColor *c = below ? &palette->below : &palette->revenue;
      double x, y, r;
      int q;

      if (!point_visible (L, pt))
        continue;
      x = sx (L, pt->spend), y = sy (L, pt->revenue);
      r = point_radius (series, pt, FALSE);
      q = (int) round (r * scale * SPRITE_STEPS);
      if (vector || q > SPRITE_MAX)
        {
          disc_path (cr, c, x, y, r, line_width);
          continue;
        }
      if (sprites[below][q] == NULL)
        {
          double rq = (double) q / SPRITE_STEPS / scale;  /* the radius it stands for */
          int half = (int) ceil ((rq + line_width) * scale) + 1;
          cairo_surface_t *sprite = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2 * half, 2 * half);
          cairo_t *scr;

          cairo_surface_set_device_scale (sprite, scale, scale);
          scr = cairo_create (sprite);
          disc_path (scr, c, half / scale, half / scale, rq, line_width);
          cairo_destroy (scr);
          sprites[below][q] = sprite;
        }
      {
        cairo_surface_t *sprite = sprites[below][q];
        double half = cairo_image_surface_get_width (sprite) / 2.0 / scale;
        double dx = x - half, dy = y - half;

        /* whole device pixels: no resampling */
        cairo_user_to_device (cr, &dx, &dy);
        dx = round (dx), dy = round (dy);
        cairo_device_to_user (cr, &dx, &dy);
        cairo_set_source_surface (cr, sprite, dx, dy);
        cairo_paint (cr);
      }
    }
  for (guint b = 0; b < 2; b++)
    for (guint q = 0; q <= SPRITE_MAX; q++)
      if (sprites[b][q])
        cairo_surface_destroy (sprites[b][q]);
}

static void
draw_roas_line (Painter             *p,
                const ScatterLayout *L,
                double               roas,
                const HkChartColor  *color,
                gboolean             dashed)
{
  /* revenue = roas × spend across the plot (straight on log axes too) */
  double x0 = L->xt.min, x1 = L->xt.max;

  stroke_line (p->cr, sx (L, x0), sy (L, roas * x0), sx (L, x1), sy (L, roas * x1), color, 1,
               p->palette->high_contrast ? 2.5 : 1.5, dashed);
}

void
hk_chart_paint_scatter (cairo_t               *cr,
                        double                 width,
                        double                 height,
                        const HkChartPalette  *palette,
                        const HkScatterSeries *series,
                        const HkChartStyle    *style)
{
  HkChartStyle defaults;
  Painter p;
  ScatterLayout L;
  double bottom, h;
  gboolean dense;
  g_autofree char *target_text = NULL, *hidden_text = NULL;

  g_return_if_fail (cr != NULL && palette != NULL);
  g_return_if_fail (series == NULL || series->parent.shape == HK_CHART_SHAPE_SCATTER);
  if (style == NULL)
    {
      hk_chart_style_init (&defaults);
      style = &defaults;
    }

  cairo_save (cr);
  painter_init (&p, cr, palette, style);
  fill_background (&p, width, height);
  paint_title (&p, series ? &series->parent : NULL, width);
  layout_scatter (&p, series, width, height, &L);
  if (L.empty)
    {
      paint_empty (&p, width, height, L.top, _("No data for this selection"), L.empty_detail);
      goto out;
    }

  {
    LegendEntry legend[4];
    guint n = 0;

    legend[n++] = (LegendEntry) { _("ROAS ≥ 1"), &palette->revenue, 3 };
    legend[n++] = (LegendEntry) { _("ROAS < 1"), &palette->below, 3 };
    legend[n++] = (LegendEntry) { _("Break-even"), &palette->good, 1 };
    if (isfinite (L.target) && L.target > 0)
      {
        g_autofree char *ratio = format_tick (&p, HK_CHART_UNIT_RATIO, L.target, L.target);
        target_text = g_strdup_printf (_("Target %s"), ratio);
        legend[n++] = (LegendEntry) { target_text, &palette->target, 2 };
      }
    double row = line_height (&p, FONT_SMALL) + GAP;

    paint_legend (&p, legend, n, width - PAD, L.top - (L.n_hidden > 0 ? 2 : 1) * row);
    if (L.n_hidden > 0)
      {
        hidden_text = g_strdup_printf (g_dngettext (NULL, "%u influencer not shown (no spend or revenue)",
                                                    "%u influencers not shown (no spend or revenue)",
                                                    L.n_hidden), L.n_hidden);
        draw_text (&p, hidden_text, FONT_SMALL, width - PAD, L.top - row, 1, 0,
                   MAX (width - 2 * PAD, 1), &palette->foreground, 0.6);
      }
  }

  h = line_height (&p, FONT_SMALL);
  bottom = L.plot.y + L.plot.h;
  for (guint t = 0; t < L.yt.n; t++)
    {
      double y = round (sy (&L, L.yt.values[t])) + 0.5;
      g_autofree char *text = format_tick (&p, HK_CHART_UNIT_MONEY, L.yt.values[t], L.yt.step);

      stroke_line (cr, L.plot.x, y, L.plot.x + L.plot.w, y, &palette->foreground,
                   L.yt.values[t] == 0 && !L.log ? 0.5 : grid_alpha (&p), 1, FALSE);
      draw_text (&p, text, FONT_SMALL, L.plot.x - GAP, y, 1, 0.5, -1, &palette->foreground, 0.7);
    }
  for (guint t = 0; t < L.xt.n; t++)
    {
      double x = round (sx (&L, L.xt.values[t])) + 0.5;
      g_autofree char *text = format_tick (&p, HK_CHART_UNIT_MONEY, L.xt.values[t], L.xt.step);

      stroke_line (cr, x, L.plot.y, x, bottom, &palette->foreground,
                   L.xt.values[t] == 0 && !L.log ? 0.5 : grid_alpha (&p), 1, FALSE);
      draw_text (&p, text, FONT_SMALL, x, bottom + GAP / 2, 0.5, 0, -1, &palette->foreground, 0.7);
    }
  draw_text (&p, _("Spend"), FONT_SMALL, L.plot.x + L.plot.w / 2, bottom + GAP + h, 0.5, 0, -1,
             &palette->foreground, 0.85);
  cairo_save (cr);
  cairo_translate (cr, PAD, L.plot.y + L.plot.h / 2);
  cairo_rotate (cr, -G_PI / 2);
  pango_cairo_update_context (cr, p.pango);
  pango_layout_context_changed (p.layout);
  draw_text (&p, _("Revenue"), FONT_SMALL, 0, 0, 0.5, 0, -1, &palette->foreground, 0.85);
  cairo_restore (cr);
  pango_cairo_update_context (cr, p.pango);
  pango_layout_context_changed (p.layout);

  /* lines stop at the plot; points may overhang it by their radius */
  cairo_save (cr);
  cairo_rectangle (cr, L.plot.x, L.plot.y, L.plot.w, L.plot.h);
  cairo_clip (cr);
  draw_roas_line (&p, &L, 1, &palette->good, FALSE);
  if (isfinite (L.target) && L.target > 0)
    draw_roas_line (&p, &L, L.target, &palette->target, TRUE);

  cairo_restore (cr);
  cairo_save (cr);
  cairo_rectangle (cr, L.plot.x - 12, L.plot.y - 12, L.plot.w + 24, L.plot.h + 24);
  cairo_clip (cr);
  dense = series->points->len > DENSE_POINTS;
  if (dense)
    paint_dense_points (cr, &L, series, palette, style);
  else
    paint_points (cr, &L, series, palette, style);

  if (style->highlight >= 0 && (guint) style->highlight < series->points->len)
    {
      const HkScatterPoint *pt = HK_SCATTER_SERIES_POINT (series, style->highlight);

      if (point_visible (&L, pt))
        {
          cairo_arc (cr, sx (&L, pt->spend), sy (&L, pt->revenue), point_radius (series, pt, dense) + 3, 0, 2 * G_PI);
          set_color (cr, &palette->foreground, 1);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);

out:
  painter_clear (&p);
  cairo_restore (cr);
}

/* ------------------------------------------------------------------------ */
/* Dispatch, hit tests                                                      */

void
hk_chart_paint (cairo_t              *cr,
                double                width,
                double                height,
                const HkChartPalette *palette,
                const HkChartSeries  *series,
                const HkChartStyle   *style)
{
  g_return_if_fail (cr != NULL && palette != NULL);

  switch (series ? series->shape : HK_CHART_SHAPE_BARS)
    {
    case HK_CHART_SHAPE_BARS:
      hk_chart_paint_bars (cr, width, height, palette, (const HkBarSeries *) series, style);
      break;
    case HK_CHART_SHAPE_TIME:
      hk_chart_paint_time_series (cr, width, height, palette, (const HkTimeSeries *) series, style);
      break;
    case HK_CHART_SHAPE_SCATTER:
      hk_chart_paint_scatter (cr, width, height, palette, (const HkScatterSeries *) series, style);
      break;
    default:
      g_assert_not_reached ();
    }
}

int
hk_chart_hit_test (const HkChartSeries *series,
                   const HkChartStyle  *style,
                   double               width,
                   double               height,
                   double               x,
                   double               y)
{
  HkChartStyle defaults;
  HkChartPalette palette;
  Painter p;
  int hit = -1;

  if (series == NULL)
    return -1;
  if (style == NULL)
    {
      hk_chart_style_init (&defaults);
      style = &defaults;
    }
  hk_chart_palette_init_light (&palette);
  painter_init (&p, NULL, &palette, style);

  switch (series->shape)
    {
    case HK_CHART_SHAPE_BARS:
      {
        BarLayout L;

        layout_bars (&p, HK_BAR_SERIES (series), width, height, &L);
        if (!L.empty && y >= L.plot.y && y < L.plot.y + L.plot.h && x >= 0 && x < width)
          hit = (int) floor ((y - L.plot.y) / L.row);
        if (hit >= (int) HK_BAR_SERIES (series)->items->len)
          hit = -1;
        break;
      }
    case HK_CHART_SHAPE_TIME:
      {
        const HkTimeSeries *ts = HK_TIME_SERIES (series);
        TimeLayout L;

        layout_time (&p, ts, width, height, &L);
        if (!L.empty && x >= L.plot.x - 8 && x <= L.plot.x + L.plot.w + 8 &&
            y >= L.plot.y - 8 && y <= L.plot.y + L.plot.h + 8)
          hit = ts->n_days <= 1 ? 0 : (int) CLAMP (round ((x - L.plot.x) / L.plot.w * (ts->n_days - 1)),
                                                   0, ts->n_days - 1);
        break;
      }
    case HK_CHART_SHAPE_SCATTER:
      {
        const HkScatterSeries *ss = HK_SCATTER_SERIES (series);
        gboolean dense = ss->points->len > DENSE_POINTS;
        ScatterLayout L;
        double best = G_MAXDOUBLE;

        layout_scatter (&p, ss, width, height, &L);
        if (L.empty || x < L.plot.x - 12 || x > L.plot.x + L.plot.w + 12 ||
            y < L.plot.y - 12 || y > L.plot.y + L.plot.h + 12)
          break;
        for (guint i = 0; i < ss->points->len; i++)
          {
            const HkScatterPoint *pt = HK_SCATTER_SERIES_POINT (ss, i);
            double dx, dy, d2, r;

            if (!point_visible (&L, pt))
              continue;
            dx = sx (&L, pt->spend) - x;
            dy = sy (&L, pt->revenue) - y;
            d2 = dx * dx + dy * dy;
            r = point_radius (ss, pt, dense) + HIT_SLOP;
            /* later points are drawn on top: they win ties */
            if (d2 <= r * r && d2 <= best)
              {
                best = d2;
                hit = (int) i;
              }
          }
        break;
      }
    default:
      g_assert_not_reached ();
    }
  painter_clear (&p);
  return hit;
}

/* ------------------------------------------------------------------------ */
/* Text for tooltips and assistive technologies                             */

char *
hk_chart_dup_item_text (const HkChartSeries  *series,
                        int                   item,
                        const HkNumberFormat *format)
{
  g_return_val_if_fail (series != NULL, NULL);

  if (item < 0 || (guint) item >= hk_chart_series_get_n_items (series))
    return NULL;
  if (format == NULL)
    format = hk_number_format_get_default ();

  switch (series->shape)
    {
    case HK_CHART_SHAPE_BARS:
      {
        const HkBarSeries *bars = HK_BAR_SERIES (series);
        const HkBarItem *it = HK_BAR_SERIES_ITEM (bars, item);
        GString *s = g_string_new (it->label);
        g_autofree char *value = format_value (format, bars->unit, it->value, TRUE);
        g_autofree char *revenue = hk_format_money (format, it->revenue, 2);
        g_autofree char *spend = hk_format_money (format, it->spend, 2);
        g_autofree char *mean = hk_format_ratio (format, it->mean_roas);

        if (bars->dimension == HK_DIM_INFLUENCER && g_strcmp0 (it->key, it->label) != 0)
          g_string_append_printf (s, " (%s)", it->key);
        g_string_append_printf (s, "\n%s %s", bars->value_name, value);
        if (bars->value2_name)
          {
            g_autofree char *value2 = format_value (format, bars->unit, it->value2, TRUE);
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
        return g_string_free (s, FALSE);
      }
    case HK_CHART_SHAPE_TIME:
      {
        const HkTimeSeries *ts = HK_TIME_SERIES (series);
        g_autofree char *date = hk_format_date_long (ts->first_day + item);
        g_autofree char *revenue = hk_format_money (format, ts->revenue[item], 2);
        g_autofree char *spend = hk_format_money (format, ts->spend[item], 2);
        g_autofree char *roas = hk_format_ratio (format, ts->spend[item] != 0 ? ts->revenue[item] / ts->spend[item] : NAN);
        g_autofree char *note = ts->smoothing > 1 ? g_strdup_printf (_(" (%u-day average)"), ts->smoothing)
                                                  : g_strdup ("");

        return g_strdup_printf ("%s%s\n%s %s\n%s %s\n%s %s", date, note, _("Revenue"), revenue,
                                _("Spend"), spend, _("ROAS"), roas);
      }
    case HK_CHART_SHAPE_SCATTER:
      {
        const HkScatterPoint *pt = HK_SCATTER_SERIES_POINT (HK_SCATTER_SERIES (series), item);
        g_autofree char *revenue = hk_format_money (format, pt->revenue, 2);
        g_autofree char *spend = hk_format_money (format, pt->spend, 2);
        g_autofree char *roas = hk_format_ratio (format, hk_metrics_roas (pt->revenue, pt->spend));
        g_autofree char *followers = hk_format_number (format, pt->followers, 0);

        return g_strdup_printf ("%s (%s)\n%s %s · %s %s\n%s %s\n%s %s", pt->label, pt->key,
                                _("Spend"), spend, _("Revenue"), revenue, _("ROAS"), roas,
                                _("Followers"), followers);
      }
    default:
      g_assert_not_reached ();
    }
}

char *
hk_chart_dup_description (const HkChartSeries  *series,
                          const HkNumberFormat *format)
{
  if (format == NULL)
    format = hk_number_format_get_default ();
  if (series == NULL || hk_chart_series_get_n_items (series) == 0)
    return g_strdup_printf ("%s: %s", series ? series->title : _("Chart"), _("no data for this selection"));

  switch (series->shape)
    {
    case HK_CHART_SHAPE_BARS:
      {
        const HkBarSeries *bars = HK_BAR_SERIES (series);
        const HkBarItem *first = HK_BAR_SERIES_ITEM (bars, 0);
        const HkBarItem *last = first;
        guint n = bars->items->len;

        for (guint i = 0; i < n; i++)
          if (isfinite (HK_BAR_SERIES_ITEM (bars, i)->value))
            last = HK_BAR_SERIES_ITEM (bars, i);
        if (!isfinite (first->value))
          return g_strdup_printf (_("Bar chart, %s: %u bars, all undefined"), series->title, n);
        {
          g_autofree char *hi = format_value (format, bars->unit, first->value, FALSE);
          g_autofree char *lo = format_value (format, bars->unit, last->value, FALSE);

          return g_strdup_printf (g_dngettext (NULL, "Bar chart, %s: %u bar; highest %s %s, lowest %s %s",
                                               "Bar chart, %s: %u bars; highest %s %s, lowest %s %s", n),
                                  series->title, n, first->label, hi, last->label, lo);
        }
      }
    case HK_CHART_SHAPE_TIME:
      {
        const HkTimeSeries *ts = HK_TIME_SERIES (series);
        double revenue = 0, spend = 0;
        g_autofree char *from = hk_format_date_long (ts->first_day);
        g_autofree char *to = hk_format_date_long (ts->first_day + (gint32) ts->n_days - 1);
        g_autofree char *r = NULL, *s = NULL;

        for (guint i = 0; i < ts->n_days; i++)
          revenue += ts->revenue[i], spend += ts->spend[i];
        if (ts->smoothing > 1)
          return g_strdup_printf (_("Line chart, %s: %u-day average of revenue and spend per day from %s to %s"),
                                  series->title, ts->smoothing, from, to);
        r = hk_format_money_compact (format, revenue);
        s = hk_format_money_compact (format, spend);
        return g_strdup_printf (_("Line chart, %s: revenue and spend per day from %s to %s; %s revenue and %s spend in all"),
                                series->title, from, to, r, s);
      }
    case HK_CHART_SHAPE_SCATTER:
      {
        const HkScatterSeries *ss = HK_SCATTER_SERIES (series);
        guint n = ss->points->len, above = 0;

        for (guint i = 0; i < n; i++)
          above += HK_SCATTER_SERIES_POINT (ss, i)->revenue >= HK_SCATTER_SERIES_POINT (ss, i)->spend;
        return g_strdup_printf (g_dngettext (NULL, "Scatter chart, %s: %u influencer, %u of them at or above ROAS 1",
                                             "Scatter chart, %s: %u influencers, %u of them at or above ROAS 1", n),
                                series->title, n, above);
      }
    default:
      g_assert_not_reached ();
    }
}

/* ------------------------------------------------------------------------ */
/* Export                                                                   */

/* cairo writes in small pieces: they reach the file 64 KiB at a time. */
#define EXPORT_BUFFER (64 * 1024)

typedef struct {
  HkFileWriter *out;
  GByteArray   *buffer;
  GError       *error;
} WriteClosure;

static gboolean
flush_export (WriteClosure *w)
{
  if (w->error == NULL && w->buffer->len > 0)
    hk_file_writer_write (w->out, w->buffer->data, w->buffer->len, &w->error);
  g_byte_array_set_size (w->buffer, 0);
  return w->error == NULL;
}

static cairo_status_t
write_to_stream (void                *data,
                 const unsigned char *bytes,
                 unsigned int         length)
{
  WriteClosure *w = data;

  g_byte_array_append (w->buffer, bytes, length);
  if (w->buffer->len >= EXPORT_BUFFER && !flush_export (w))
    return CAIRO_STATUS_WRITE_ERROR;
  return w->error ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

gboolean
hk_chart_export (const HkChartSeries  *series,
                 const HkChartPalette *palette,
                 const HkChartStyle   *style,
                 double                width,
                 double                height,
                 const char           *path,
                 double                scale,
                 GError              **error)
{
  g_autoptr(HkFileWriter) file = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  g_autofree char *lower = NULL;
  HkChartStyle export_style;
  WriteClosure w = { NULL, NULL, NULL };
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  cairo_t *cr;
  enum { PNG, SVG, PDF } type;

  g_return_val_if_fail (palette != NULL && path != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    type = PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    type = SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    type = PDF;
  else
    {
      g_set_error (error, HK_CHART_ERROR, HK_CHART_ERROR_FORMAT,
                   _("“%s”: charts are written as .png, .svg or .pdf files"), path);
      return FALSE;
    }

  if (style)
    export_style = *style;
  else
    hk_chart_style_init (&export_style);
  export_style.show_title = TRUE;
  export_style.fill_background = TRUE;
  export_style.highlight = -1;
  if (!(scale > 0) || type != PNG)
    scale = 1;

  /* Into a temporary file renamed over path once complete. */
  file = hk_file_writer_new (path, error);
  if (file == NULL)
    return FALSE;
  buffer = g_byte_array_sized_new (EXPORT_BUFFER);
  w.out = file;
  w.buffer = buffer;

  switch (type)
    {
    case PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                            (int) ceil (height * scale));
      break;
    case SVG:
      surface = cairo_svg_surface_create_for_stream (write_to_stream, &w, width, height);
      break;
    case PDF:
      surface = cairo_pdf_surface_create_for_stream (write_to_stream, &w, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                      series && series->title ? series->title : "");
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Influencer Dashboard");
      break;
    default:
      g_assert_not_reached ();
    }

  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  hk_chart_paint (cr, width, height, palette, series, &export_style);
  if (type == PDF)
    cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && type == PNG)
    status = cairo_surface_write_to_png_stream (surface, write_to_stream, &w);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    flush_export (&w);

  if (w.error || status != CAIRO_STATUS_SUCCESS)
    {
      if (w.error)
        g_propagate_error (error, w.error);
      else
        g_set_error (error, HK_CHART_ERROR, HK_CHART_ERROR_WRITE, _("Cannot draw “%s”: %s"),
                     path, cairo_status_to_string (status));
      /* Freeing the unclosed writer leaves the old file, if any, as it was. */
      return FALSE;
    }
  return hk_file_writer_close (file, NULL, error);
}
