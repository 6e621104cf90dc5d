/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "hk-chart-painter.h"

G_BEGIN_DECLS

/* What the chart families (hk-chart-bars.c, hk-chart-line.c,
 * hk-chart-scatter.c) share with each other and with the public entry points
 * in hk-chart-painter.c: text (hk-chart-text.c), axes and the pieces around
 * the plot (hk-chart-axes.c). */

/* Geometry, in the units of the size the caller gives (widget pixels, points). */
#define HK_CHART_PAD          10.0
#define HK_CHART_GAP          6.0
#define HK_CHART_TICK_SPACING 90.0   /* about one tick label per this much axis */

typedef enum {
  HK_CHART_FONT_NORMAL,
  HK_CHART_FONT_SMALL,
  HK_CHART_FONT_TITLE,
  HK_CHART_N_FONTS
} HkChartFont;

/* What drawing and measuring share: text is measured the same way whether or
 * not a cairo_t is given, so hit tests see the painter's geometry. */
typedef struct {
  cairo_t              *cr;        /* NULL when only measuring */
  PangoContext         *pango;
  PangoLayout          *layout;
  PangoFontDescription *fonts[HK_CHART_N_FONTS];
  const HkChartPalette *palette;
  const HkChartStyle   *style;
  const HkNumberFormat *format;
  GPtrArray            *scratch;   /* strings that live as long as the painter */
} HkChartPainter;

typedef struct {
  double x, y, w, h;
} HkChartRect;

typedef enum {
  HK_CHART_MARK_BOX,
  HK_CHART_MARK_LINE,
  HK_CHART_MARK_DASHED_LINE,
  HK_CHART_MARK_DOT,
  HK_CHART_MARK_SIZES,   /* a small and a large circle: size means something */
} HkChartMark;

typedef struct {
  const char         *text;
  const HkChartColor *color;
  HkChartMark         mark;
} HkChartLegendEntry;

/* hk-chart-text.c: the painter, text and numbers */
void         _hk_chart_painter_init   (HkChartPainter       *p,
                                       cairo_t              *cr,
                                       const HkChartPalette *palette,
                                       const HkChartStyle   *style);
void         _hk_chart_painter_clear  (HkChartPainter       *p);
const char  *_hk_chart_painter_intern (HkChartPainter       *p,
                                       char                 *text);
void         _hk_chart_text_size      (HkChartPainter       *p,
                                       const char           *text,
                                       HkChartFont           font,
                                       double               *width,
                                       double               *height);
double       _hk_chart_line_height    (HkChartPainter       *p,
                                       HkChartFont           font);
void         _hk_chart_set_color      (cairo_t              *cr,
                                       const HkChartColor   *c,
                                       double                alpha);
void         _hk_chart_draw_text      (HkChartPainter       *p,
                                       const char           *text,
                                       HkChartFont           font,
                                       double                x,
                                       double                y,
                                       double                ax,
                                       double                ay,
                                       double                max_width,
                                       const HkChartColor   *color,
                                       double                alpha);
char        *_hk_chart_format_tick    (HkChartPainter       *p,
                                       HkChartUnit           unit,
                                       double                value,
                                       double                step);
char        *_hk_chart_format_value   (const HkNumberFormat *format,
                                       HkChartUnit           unit,
                                       double                value,
                                       gboolean              exact);

/* hk-chart-axes.c: scales, grid, legend, the frame around the plot */
guint        _hk_chart_max_ticks_for  (double                length,
                                       double                spacing);
double       _hk_chart_scale_linear   (const HkChartTicks   *t,
                                       double                v,
                                       double                from,
                                       double                to);
double       _hk_chart_grid_alpha     (HkChartPainter       *p);
void         _hk_chart_stroke_line    (cairo_t              *cr,
                                       double                x0,
                                       double                y0,
                                       double                x1,
                                       double                y1,
                                       const HkChartColor   *color,
                                       double                alpha,
                                       double                width,
                                       gboolean              dashed);
double       _hk_chart_paint_legend   (HkChartPainter           *p,
                                       const HkChartLegendEntry *entries,
                                       guint                     n,
                                       double                    right,
                                       double                    y);
double       _hk_chart_layout_top     (HkChartPainter       *p,
                                       const HkChartSeries  *series);
void         _hk_chart_paint_empty    (HkChartPainter       *p,
                                       double                width,
                                       double                height,
                                       double                top,
                                       const char           *headline,
                                       const char           *detail);
/* Every family's paint starts and ends alike: the painter set up, the
 * background and title of exports, and cr as it was given. */
void         _hk_chart_painter_begin  (HkChartPainter       *p,
                                       cairo_t              *cr,
                                       const HkChartPalette *palette,
                                       const HkChartStyle   *style,
                                       const HkChartSeries  *series,
                                       double                width,
                                       double                height);
void         _hk_chart_painter_end    (HkChartPainter       *p);

/* One file per family: layout, paint, hit test and texts. */
int          _hk_chart_bars_hit_test        (HkChartPainter        *p,
                                             const HkBarSeries     *series,
                                             double                 width,
                                             double                 height,
                                             double                 x,
                                             double                 y);
char        *_hk_chart_bars_dup_item_text   (const HkBarSeries     *series,
                                             guint                  item,
                                             const HkNumberFormat  *format);
char        *_hk_chart_bars_dup_description (const HkBarSeries     *series,
                                             const HkNumberFormat  *format);

int          _hk_chart_line_hit_test        (HkChartPainter        *p,
                                             const HkTimeSeries    *series,
                                             double                 width,
                                             double                 height,
                                             double                 x,
                                             double                 y);
char        *_hk_chart_line_dup_item_text   (const HkTimeSeries    *series,
                                             guint                  item,
                                             const HkNumberFormat  *format);
char        *_hk_chart_line_dup_description (const HkTimeSeries    *series,
                                             const HkNumberFormat  *format);

int          _hk_chart_scatter_hit_test        (HkChartPainter        *p,
                                                const HkScatterSeries *series,
                                                double                 width,
                                                double                 height,
                                                double                 x,
                                                double                 y);
char        *_hk_chart_scatter_dup_item_text   (const HkScatterSeries *series,
                                                guint                  item,
                                                const HkNumberFormat  *format);
char        *_hk_chart_scatter_dup_description (const HkScatterSeries *series);

G_END_DECLS
