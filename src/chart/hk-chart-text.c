/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkChart"

#include "config.h"

#include <math.h>
#include <string.h>

#include "hk-chart-painter-private.h"

/* ------------------------------------------------------------------------ */
/* The painter                                                              */

void
_hk_chart_painter_init (HkChartPainter       *p,
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
  p->fonts[HK_CHART_FONT_NORMAL] = base;
  p->fonts[HK_CHART_FONT_SMALL] = pango_font_description_copy (base);
  pango_font_description_set_size (p->fonts[HK_CHART_FONT_SMALL], size * 0.85);
  p->fonts[HK_CHART_FONT_TITLE] = pango_font_description_copy (base);
  pango_font_description_set_size (p->fonts[HK_CHART_FONT_TITLE], size * 1.2);
  pango_font_description_set_weight (p->fonts[HK_CHART_FONT_TITLE], PANGO_WEIGHT_BOLD);
  p->layout = pango_layout_new (p->pango);
  p->scratch = g_ptr_array_new_with_free_func (g_free);
}

const char *
_hk_chart_painter_intern (HkChartPainter *p,
                          char           *text)
{
  g_ptr_array_add (p->scratch, text);
  return text;
}

void
_hk_chart_painter_clear (HkChartPainter *p)
{
  for (guint i = 0; i < HK_CHART_N_FONTS; i++)
    pango_font_description_free (p->fonts[i]);
  g_clear_object (&p->layout);
  g_clear_object (&p->pango);
  g_clear_pointer (&p->scratch, g_ptr_array_unref);
}

/* ------------------------------------------------------------------------ */
/* Text                                                                     */

static void
set_text (HkChartPainter *p,
          const char     *text,
          HkChartFont     font,
          double          max_width)
{
  pango_layout_set_font_description (p->layout, p->fonts[font]);
  pango_layout_set_width (p->layout, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (p->layout, max_width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (p->layout, PANGO_ALIGN_LEFT);
  pango_layout_set_text (p->layout, text, -1);
}

void
_hk_chart_text_size (HkChartPainter *p,
                     const char     *text,
                     HkChartFont     font,
                     double         *width,
                     double         *height)
{
  PangoRectangle logical;

  set_text (p, text, font, -1);
  pango_layout_get_extents (p->layout, NULL, &logical);
  if (width)
    *width = ceil ((double) logical.width / PANGO_SCALE);
  if (height)
    *height = ceil ((double) logical.height / PANGO_SCALE);
}

double
_hk_chart_line_height (HkChartPainter *p,
                       HkChartFont     font)
{
  double h;

  _hk_chart_text_size (p, "Ag", font, NULL, &h);
  return h;
}

void
_hk_chart_set_color (cairo_t            *cr,
                     const HkChartColor *c,
                     double              alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

/* Draws text with its box anchored at x, y: ax, ay are 0 (left/top), 0.5 or 1. */
void
_hk_chart_draw_text (HkChartPainter     *p,
                     const char         *text,
                     HkChartFont         font,
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
  _hk_chart_set_color (p->cr, color, alpha);
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

char *
_hk_chart_format_tick (HkChartPainter *p,
                       HkChartUnit     unit,
                       double          value,
                       double          step)
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

char *
_hk_chart_format_value (const HkNumberFormat *format,
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
