/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkChart"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "hk-chart-painter-private.h"
#include "hk-file-writer.h"

/* The public entry points: palettes and styles, painting, hit tests and
 * texts of any shape (each dispatched to its family: hk-chart-bars.c,
 * hk-chart-line.c, hk-chart-scatter.c), and exports. */

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
  HkChartPainter p;
  int hit;

  if (series == NULL)
    return -1;
  if (style == NULL)
    {
      hk_chart_style_init (&defaults);
      style = &defaults;
    }
  hk_chart_palette_init_light (&palette);
  _hk_chart_painter_init (&p, NULL, &palette, style);

  switch (series->shape)
    {
    case HK_CHART_SHAPE_BARS:
      hit = _hk_chart_bars_hit_test (&p, HK_BAR_SERIES (series), width, height, x, y);
      break;
    case HK_CHART_SHAPE_TIME:
      hit = _hk_chart_line_hit_test (&p, HK_TIME_SERIES (series), width, height, x, y);
      break;
    case HK_CHART_SHAPE_SCATTER:
      hit = _hk_chart_scatter_hit_test (&p, HK_SCATTER_SERIES (series), width, height, x, y);
      break;
    default:
      g_assert_not_reached ();
    }
  _hk_chart_painter_clear (&p);
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
      return _hk_chart_bars_dup_item_text (HK_BAR_SERIES (series), item, format);
    case HK_CHART_SHAPE_TIME:
      return _hk_chart_line_dup_item_text (HK_TIME_SERIES (series), item, format);
    case HK_CHART_SHAPE_SCATTER:
      return _hk_chart_scatter_dup_item_text (HK_SCATTER_SERIES (series), item, format);
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
      return _hk_chart_bars_dup_description (HK_BAR_SERIES (series), format);
    case HK_CHART_SHAPE_TIME:
      return _hk_chart_line_dup_description (HK_TIME_SERIES (series), format);
    case HK_CHART_SHAPE_SCATTER:
      return _hk_chart_scatter_dup_description (HK_SCATTER_SERIES (series));
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
      /* the filters and dates, for viewers that list a document's subject */
      if (series && series->subtitle)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, series->subtitle);
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
