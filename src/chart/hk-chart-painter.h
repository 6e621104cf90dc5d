/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "hk-chart-series.h"
#include "hk-format.h"

G_BEGIN_DECLS

/* The only drawing code of the charts: widgets, exports, the CLI and tests all
 * paint through these functions. No GTK: a cairo_t, a size in user units, a
 * palette and a series. */

typedef struct {
  double red, green, blue, alpha;
} HkChartColor;

typedef struct {
  HkChartColor foreground;  /* text and axes (window_fg_color) */
  HkChartColor background;  /* filled only by exports (window_bg_color / view_bg_color) */
  HkChartColor revenue;     /* accent: ROAS bars at or above the reference, revenue */
  HkChartColor spend;       /* spend series (warning_color) */
  HkChartColor below;       /* ROAS bars below the reference (error_color) */
  HkChartColor good;        /* the ROAS = 1 line (success_color) */
  HkChartColor target;      /* the target ROAS line */
  gboolean     high_contrast; /* stronger grid, outlined marks */
} HkChartPalette;

/* Libadwaita's own light and dark colours, for the CLI and tests (widgets
 * take theirs from the theme). */
void hk_chart_palette_init_light (HkChartPalette *palette);
void hk_chart_palette_init_dark  (HkChartPalette *palette);

typedef struct {
  double      reference;   /* bars: vertical line (ROAS = 1); NAN: the series' own reference */
  double      target;      /* ROAS target: a line on the scatter (and ROAS bars); NAN for none */
  gboolean    log_scale;   /* scatter: log axes */
  int         highlight;   /* item under the pointer, -1 for none */
  gboolean    show_title;  /* exports draw the series' title on top */
  gboolean    fill_background; /* exports fill the palette's background */
  const char *font;        /* pango font description ("Cantarell 11"); NULL: "Sans 10" */
  const HkNumberFormat *number_format; /* NULL: the current locale's */
  double      pixel_scale; /* device pixels per unit when the cairo_t cannot tell
                            * (GTK's recordings: the widget's scale factor); 0: 1 */
} HkChartStyle;

void hk_chart_style_init (HkChartStyle *style);

void hk_chart_paint_bars        (cairo_t               *cr,
                                 double                 width,
                                 double                 height,
                                 const HkChartPalette  *palette,
                                 const HkBarSeries     *series,
                                 const HkChartStyle    *style);
void hk_chart_paint_time_series (cairo_t               *cr,
                                 double                 width,
                                 double                 height,
                                 const HkChartPalette  *palette,
                                 const HkTimeSeries    *series,
                                 const HkChartStyle    *style);
void hk_chart_paint_scatter     (cairo_t               *cr,
                                 double                 width,
                                 double                 height,
                                 const HkChartPalette  *palette,
                                 const HkScatterSeries *series,
                                 const HkChartStyle    *style);
/* Any shape; series NULL draws the empty state. */
void hk_chart_paint             (cairo_t               *cr,
                                 double                 width,
                                 double                 height,
                                 const HkChartPalette  *palette,
                                 const HkChartSeries   *series,
                                 const HkChartStyle    *style);

/* The item (bar, day, point) at x, y with the geometry the painter uses for
 * that size and style; -1 for none. Bars: the whole row of a bar; days: the
 * nearest day inside the plot; points: the topmost point within its radius
 * plus a few pixels. */
int   hk_chart_hit_test         (const HkChartSeries   *series,
                                 const HkChartStyle    *style,
                                 double                 width,
                                 double                 height,
                                 double                 x,
                                 double                 y);

/* Where the painter puts a bar: its extent along the value axis (x0 at the
 * value 0) and its row, in the same units as the size. FALSE for no such bar. */
gboolean hk_chart_get_bar_extent (const HkBarSeries   *series,
                                  const HkChartStyle  *style,
                                  double               width,
                                  double               height,
                                  guint                item,
                                  double              *x0,
                                  double              *x1,
                                  double              *y0,
                                  double              *y1);

/* The box of a bar's value label (item's first bar), in the same units;
 * FALSE when that row shows no label (rows too thin label every other one). */
gboolean hk_chart_get_bar_value_box (const HkBarSeries  *series,
                                     const HkChartStyle *style,
                                     double              width,
                                     double              height,
                                     guint               item,
                                     double             *x,
                                     double             *y,
                                     double             *box_width,
                                     double             *box_height);

/* The height a bar chart needs at width for rows of row units each (rows
 * never grow past 40): title and legend above, axis below; 0 for the empty
 * state. Widgets ask it for their size, exports for theirs. */
double   hk_chart_get_bars_height   (const HkBarSeries  *series,
                                     const HkChartStyle *style,
                                     double              width,
                                     double              row);

/* Tooltip text of an item, exact values in the UI's format:
 * "MuscleBlaze\nROAS 3.25×\nRevenue ₹1,23,456.00 · Spend ₹38,000.00". */
char *hk_chart_dup_item_text    (const HkChartSeries   *series,
                                 int                    item,
                                 const HkNumberFormat  *format);
/* One sentence for assistive technologies: what the chart shows and its
 * extremes ("ROAS by brand: 3 brands; highest MuscleBlaze 3.25×, lowest …"). */
char *hk_chart_dup_description  (const HkChartSeries   *series,
                                 const HkNumberFormat  *format);

#define HK_CHART_ERROR (hk_chart_error_quark ())
typedef enum {
  HK_CHART_ERROR_FORMAT,   /* the file name has no .png, .svg or .pdf extension */
  HK_CHART_ERROR_WRITE,    /* cairo could not write the file */
} HkChartError;
GQuark hk_chart_error_quark (void);

/* Writes a chart to path: PNG (scale 1 or 2: pixels = size × scale), SVG or PDF
 * (size in points; scale ignored), by the extension, case-insensitive. The
 * title is drawn and the background filled. Writes atomically. */
gboolean hk_chart_export        (const HkChartSeries   *series,
                                 const HkChartPalette  *palette,
                                 const HkChartStyle    *style,
                                 double                 width,
                                 double                 height,
                                 const char            *path,
                                 double                 scale,
                                 GError               **error);

G_END_DECLS
