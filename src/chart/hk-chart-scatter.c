/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkChart"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hk-analysis.h"
#include "hk-chart-painter-private.h"

/* Spend against revenue, one disc per influencer sized by followers, on
 * linear or log axes, with the break-even and target ROAS lines. */

#define HIT_SLOP     3.0
#define DENSE_POINTS 2000   /* above this many points the scatter rasterises */

typedef struct {
  gboolean     empty;
  const char  *empty_detail;
  double       top;
  HkChartRect  plot;
  HkChartTicks xt, yt;
  gboolean     log;
  guint        n_hidden;  /* log scale: points with spend or revenue <= 0 */
  double       target;
  double       breakeven;
} ScatterLayout;

/* Below the break-even line: revenue under spend × break-even ROAS. */
static inline gboolean
point_below (const ScatterLayout  *L,
             const HkScatterPoint *pt)
{
  return pt->revenue < pt->spend * L->breakeven;
}

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

static double
sx (const ScatterLayout *L,
    double               v)
{
  return L->log ? scale_log (&L->xt, v, L->plot.x, L->plot.x + L->plot.w)
                : _hk_chart_scale_linear (&L->xt, v, L->plot.x, L->plot.x + L->plot.w);
}

static double
sy (const ScatterLayout *L,
    double               v)
{
  return L->log ? scale_log (&L->yt, v, L->plot.y + L->plot.h, L->plot.y)
                : _hk_chart_scale_linear (&L->yt, v, L->plot.y + L->plot.h, L->plot.y);
}

static void
layout_scatter (HkChartPainter        *p,
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
  L->breakeven = series && series->breakeven > 0 ? series->breakeven : 1;
  L->top = _hk_chart_layout_top (p, series ? &series->parent : NULL);
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
  L->top += (L->n_hidden > 0 ? 2 : 1) * (_hk_chart_line_height (p, HK_CHART_FONT_SMALL) + HK_CHART_GAP);
  h = _hk_chart_line_height (p, HK_CHART_FONT_SMALL);
  L->plot.y = L->top + h / 2;
  L->plot.h = MAX (height - HK_CHART_PAD - 2 * (h + HK_CHART_GAP) - L->plot.y, 10);
  if (L->log)
    {
      hk_chart_log_ticks (xlo, xhi, _hk_chart_max_ticks_for (width, HK_CHART_TICK_SPACING), &L->xt);
      hk_chart_log_ticks (ylo, yhi, _hk_chart_max_ticks_for (L->plot.h, 3 * h), &L->yt);
    }
  else
    {
      hk_chart_nice_ticks (MIN (xlo, 0), MAX (xhi, 0), _hk_chart_max_ticks_for (width - 80, HK_CHART_TICK_SPACING),
                           &L->xt);
      hk_chart_nice_ticks (MIN (ylo, 0), MAX (yhi, 0), _hk_chart_max_ticks_for (L->plot.h, 3 * h), &L->yt);
    }
  for (guint t = 0; t < L->yt.n; t++)
    {
      g_autofree char *text = _hk_chart_format_tick (p, HK_CHART_UNIT_MONEY, L->yt.values[t], L->yt.step);
      _hk_chart_text_size (p, text, HK_CHART_FONT_SMALL, &w, NULL);
      label_w = MAX (label_w, w);
    }
  L->plot.x = HK_CHART_PAD + h + HK_CHART_GAP + label_w + HK_CHART_GAP;  /* room for the rotated "Revenue" */
  {
    g_autofree char *last = _hk_chart_format_tick (p, HK_CHART_UNIT_MONEY, L->xt.max, L->xt.step);
    _hk_chart_text_size (p, last, HK_CHART_FONT_SMALL, &w, NULL);
  }
  L->plot.w = MAX (width - HK_CHART_PAD - w / 2 - L->plot.x, 10);
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
      buf = cover + (point_below (L, pt) ? (gsize) w * h : 0);
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
  _hk_chart_set_color (cr, c, 0.45);
  cairo_fill_preserve (cr);
  _hk_chart_set_color (cr, c, 1);
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
      guint below = point_below (L, pt);
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
draw_roas_line (HkChartPainter      *p,
                const ScatterLayout *L,
                double               roas,
                const HkChartColor  *color,
                gboolean             dashed)
{
  /* revenue = roas × spend across the plot (straight on log axes too) */
  double x0 = L->xt.min, x1 = L->xt.max;

  _hk_chart_stroke_line (p->cr, sx (L, x0), sy (L, roas * x0), sx (L, x1), sy (L, roas * x1), color, 1,
                         p->palette->high_contrast ? 2.5 : 1.5, dashed);
}


/* The legend, and on a line of its own how many points a log scale leaves out. */
static void
paint_scatter_legend (HkChartPainter      *p,
                      const ScatterLayout *L,
                      double               width)
{
  const HkChartPalette *palette = p->palette;
  HkChartLegendEntry legend[4];
  guint n = 0;
  double row = _hk_chart_line_height (p, HK_CHART_FONT_SMALL) + HK_CHART_GAP;
  g_autofree char *target_text = NULL, *be = NULL, *above_text = NULL, *below_text = NULL;
  g_autofree char *be_text = NULL;

  be = _hk_chart_format_tick (p, HK_CHART_UNIT_RATIO, L->breakeven, L->breakeven);
  /* Translators: the legend of points at or above the break-even ROAS, e.g. "ROAS ≥ 2×" */
  above_text = g_strdup_printf (_("ROAS ≥ %s"), be);
  below_text = g_strdup_printf (_("ROAS < %s"), be);
  /* Translators: the break-even ROAS line, e.g. "Break-even 2×" */
  be_text = g_strdup_printf (_("Break-even %s"), be);
  legend[n++] = (HkChartLegendEntry) { above_text, &palette->revenue, HK_CHART_MARK_DOT };
  legend[n++] = (HkChartLegendEntry) { below_text, &palette->below, HK_CHART_MARK_DOT };
  legend[n++] = (HkChartLegendEntry) { be_text, &palette->good, HK_CHART_MARK_LINE };
  if (isfinite (L->target) && L->target > 0)
    {
      g_autofree char *ratio = _hk_chart_format_tick (p, HK_CHART_UNIT_RATIO, L->target, L->target);
      target_text = g_strdup_printf (_("Target %s"), ratio);
      legend[n++] = (HkChartLegendEntry) { target_text, &palette->target, HK_CHART_MARK_DASHED_LINE };
    }

  _hk_chart_paint_legend (p, legend, n, width - HK_CHART_PAD, L->top - (L->n_hidden > 0 ? 2 : 1) * row);
  if (L->n_hidden > 0)
    {
      g_autofree char *hidden_text =
        g_strdup_printf (g_dngettext (NULL, "%u influencer not shown (no spend or revenue)",
                                      "%u influencers not shown (no spend or revenue)",
                                      L->n_hidden), L->n_hidden);

      _hk_chart_draw_text (p, hidden_text, HK_CHART_FONT_SMALL, width - HK_CHART_PAD, L->top - row, 1, 0,
                           MAX (width - 2 * HK_CHART_PAD, 1), &palette->foreground, 0.6);
    }
}

/* What a point's size means, right of the "Spend" axis title: its area
 * grows with the influencer's followers (and the largest count, when there
 * is room for it). */
static void
paint_size_key (HkChartPainter        *p,
                const HkScatterSeries *series,
                const ScatterLayout   *L,
                double                 width,
                double                 y)
{
  g_autofree char *text = NULL, *largest = NULL;
  HkChartLegendEntry key;
  double spend_w, key_w, room;

  _hk_chart_text_size (p, _("Spend"), HK_CHART_FONT_SMALL, &spend_w, NULL);
  room = width - HK_CHART_PAD - (L->plot.x + L->plot.w / 2 + spend_w / 2 + 14);
  if (series->max_followers > 0)
    {
      largest = hk_format_count_compact (p->format, series->max_followers);
      /* Translators: the scatter's size key, "Area: followers (largest 2.1M)" */
      text = g_strdup_printf (_("Area: followers (largest %s)"), largest);
      _hk_chart_text_size (p, text, HK_CHART_FONT_SMALL, &key_w, NULL);
      if (18 + key_w > room)
        g_clear_pointer (&text, g_free);
    }
  if (text == NULL)
    text = g_strdup (_("Area: followers"));
  _hk_chart_text_size (p, text, HK_CHART_FONT_SMALL, &key_w, NULL);
  if (18 + key_w > room)
    return;  /* a very narrow chart: the tooltip still gives followers */
  key = (HkChartLegendEntry) { text, &p->palette->foreground, HK_CHART_MARK_SIZES };
  _hk_chart_paint_legend (p, &key, 1, width - HK_CHART_PAD, y);
}

/* Money ticks and grid lines on both axes, and the axis names. */
static void
paint_scatter_axes (HkChartPainter      *p,
                    const ScatterLayout *L)
{
  cairo_t *cr = p->cr;
  const HkChartPalette *palette = p->palette;
  double h = _hk_chart_line_height (p, HK_CHART_FONT_SMALL);
  double bottom = L->plot.y + L->plot.h;

  for (guint t = 0; t < L->yt.n; t++)
    {
      double y = round (sy (L, L->yt.values[t])) + 0.5;
      g_autofree char *text = _hk_chart_format_tick (p, HK_CHART_UNIT_MONEY, L->yt.values[t], L->yt.step);

      _hk_chart_stroke_line (cr, L->plot.x, y, L->plot.x + L->plot.w, y, &palette->foreground,
                             L->yt.values[t] == 0 && !L->log ? 0.5 : _hk_chart_grid_alpha (p), 1, FALSE);
      _hk_chart_draw_text (p, text, HK_CHART_FONT_SMALL, L->plot.x - HK_CHART_GAP, y, 1, 0.5, -1,
                           &palette->foreground, 0.7);
    }
  for (guint t = 0; t < L->xt.n; t++)
    {
      double x = round (sx (L, L->xt.values[t])) + 0.5;
      g_autofree char *text = _hk_chart_format_tick (p, HK_CHART_UNIT_MONEY, L->xt.values[t], L->xt.step);

      _hk_chart_stroke_line (cr, x, L->plot.y, x, bottom, &palette->foreground,
                             L->xt.values[t] == 0 && !L->log ? 0.5 : _hk_chart_grid_alpha (p), 1, FALSE);
      _hk_chart_draw_text (p, text, HK_CHART_FONT_SMALL, x, bottom + HK_CHART_GAP / 2, 0.5, 0, -1,
                           &palette->foreground, 0.7);
    }
  _hk_chart_draw_text (p, _("Spend"), HK_CHART_FONT_SMALL, L->plot.x + L->plot.w / 2, bottom + HK_CHART_GAP + h,
                       0.5, 0, -1, &palette->foreground, 0.85);
  cairo_save (cr);
  cairo_translate (cr, HK_CHART_PAD, L->plot.y + L->plot.h / 2);
  cairo_rotate (cr, -G_PI / 2);
  pango_cairo_update_context (cr, p->pango);
  pango_layout_context_changed (p->layout);
  _hk_chart_draw_text (p, _("Revenue"), HK_CHART_FONT_SMALL, 0, 0, 0.5, 0, -1, &palette->foreground, 0.85);
  cairo_restore (cr);
  pango_cairo_update_context (cr, p->pango);
  pango_layout_context_changed (p->layout);
}

/* The ROAS lines, then the points, then the ring around the hovered one. */
static void
paint_scatter_marks (HkChartPainter        *p,
                     const HkScatterSeries *series,
                     const ScatterLayout   *L)
{
  cairo_t *cr = p->cr;
  const HkChartPalette *palette = p->palette;
  const HkChartStyle *style = p->style;
  gboolean dense;

  /* lines stop at the plot; points may overhang it by their radius */
  cairo_save (cr);
  cairo_rectangle (cr, L->plot.x, L->plot.y, L->plot.w, L->plot.h);
  cairo_clip (cr);
  draw_roas_line (p, L, L->breakeven, &palette->good, FALSE);
  if (isfinite (L->target) && L->target > 0)
    draw_roas_line (p, L, L->target, &palette->target, TRUE);

  cairo_restore (cr);
  cairo_save (cr);
  cairo_rectangle (cr, L->plot.x - 12, L->plot.y - 12, L->plot.w + 24, L->plot.h + 24);
  cairo_clip (cr);
  dense = series->points->len > DENSE_POINTS;
  if (dense)
    paint_dense_points (cr, L, series, palette, style);
  else
    paint_points (cr, L, series, palette, style);

  if (style->highlight >= 0 && (guint) style->highlight < series->points->len)
    {
      const HkScatterPoint *pt = HK_SCATTER_SERIES_POINT (series, style->highlight);

      if (point_visible (L, pt))
        {
          cairo_arc (cr, sx (L, pt->spend), sy (L, pt->revenue), point_radius (series, pt, dense) + 3, 0, 2 * G_PI);
          _hk_chart_set_color (cr, &palette->foreground, 1);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);
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
  HkChartPainter p;
  ScatterLayout L;

  g_return_if_fail (cr != NULL && palette != NULL);
  g_return_if_fail (series == NULL || series->parent.shape == HK_CHART_SHAPE_SCATTER);
  if (style == NULL)
    {
      hk_chart_style_init (&defaults);
      style = &defaults;
    }

  _hk_chart_painter_begin (&p, cr, palette, style, series ? &series->parent : NULL, width, height);
  layout_scatter (&p, series, width, height, &L);
  if (L.empty)
    {
      _hk_chart_paint_empty (&p, width, height, L.top, _("No data for this selection"), L.empty_detail);
    }
  else
    {
      paint_scatter_legend (&p, &L, width);
      paint_scatter_axes (&p, &L);
      paint_size_key (&p, series, &L, width,
                      L.plot.y + L.plot.h + HK_CHART_GAP + _hk_chart_line_height (&p, HK_CHART_FONT_SMALL));
      paint_scatter_marks (&p, series, &L);
    }
  _hk_chart_painter_end (&p);
}

/* The topmost point within its radius plus a few pixels. */
int
_hk_chart_scatter_hit_test (HkChartPainter        *p,
                            const HkScatterSeries *series,
                            double                 width,
                            double                 height,
                            double                 x,
                            double                 y)
{
  gboolean dense = series->points->len > DENSE_POINTS;
  ScatterLayout L;
  double best = G_MAXDOUBLE;
  int hit = -1;

  layout_scatter (p, series, width, height, &L);
  if (L.empty || x < L.plot.x - 12 || x > L.plot.x + L.plot.w + 12 ||
      y < L.plot.y - 12 || y > L.plot.y + L.plot.h + 12)
    return -1;
  for (guint i = 0; i < series->points->len; i++)
    {
      const HkScatterPoint *pt = HK_SCATTER_SERIES_POINT (series, i);
      double dx, dy, d2, r;

      if (!point_visible (&L, pt))
        continue;
      dx = sx (&L, pt->spend) - x;
      dy = sy (&L, pt->revenue) - y;
      d2 = dx * dx + dy * dy;
      r = point_radius (series, pt, dense) + HIT_SLOP;
      /* later points are drawn on top: they win ties */
      if (d2 <= r * r && d2 <= best)
        {
          best = d2;
          hit = (int) i;
        }
    }
  return hit;
}

char *
_hk_chart_scatter_dup_item_text (const HkScatterSeries *series,
                                 guint                  item,
                                 const HkNumberFormat  *format)
{
  const HkScatterPoint *pt = HK_SCATTER_SERIES_POINT (series, item);
  g_autofree char *revenue = hk_format_money (format, pt->revenue, 2);
  g_autofree char *spend = hk_format_money (format, pt->spend, 2);
  g_autofree char *roas = hk_format_ratio (format, hk_metrics_roas (pt->revenue, pt->spend));
  g_autofree char *followers = hk_format_number (format, pt->followers, 0);

  return g_strdup_printf ("%s (%s)\n%s %s · %s %s\n%s %s\n%s %s", pt->label, pt->key,
                          _("Spend"), spend, _("Revenue"), revenue, _("ROAS"), roas,
                          _("Followers"), followers);
}

char *
_hk_chart_scatter_dup_description (const HkScatterSeries *series)
{
  guint n = series->points->len, above = 0;

  for (guint i = 0; i < n; i++)
    above += HK_SCATTER_SERIES_POINT (series, i)->revenue >= HK_SCATTER_SERIES_POINT (series, i)->spend;
  return g_strdup_printf (g_dngettext (NULL, "Scatter chart, %s: %u influencer, %u of them at or above ROAS 1",
                                       "Scatter chart, %s: %u influencers, %u of them at or above ROAS 1", n),
                          series->parent.title, n, above);
}
