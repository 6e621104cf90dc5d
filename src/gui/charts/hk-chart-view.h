/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hk-analysis.h"
#include "hk-chart-painter.h"
#include "hk-chart-series.h"

G_BEGIN_DECLS

/* The base of the chart widgets (HkBarChart, HkLineChart, HkScatterChart): a
 * thin GtkWidget that keeps a series, takes its palette from the theme, paints
 * through hk_chart_paint() in snapshot, hit-tests with the painter's geometry
 * for hover and tooltips, and exports. Actions:
 *   chart.export          (s: a path; .png/.svg/.pdf; "…@2x.png" draws at 2×)
 *   chart.export-dialog   Export Chart… (file chooser), also in the context menu */

#define HK_TYPE_CHART_VIEW (hk_chart_view_get_type ())
G_DECLARE_DERIVABLE_TYPE (HkChartView, hk_chart_view, HK, CHART_VIEW, GtkWidget)

struct _HkChartViewClass {
  GtkWidgetClass parent_class;

  /* A click on an item (bar, day, point); subclasses emit their own signal. */
  void (*item_activated) (HkChartView *self,
                          guint        item);
  /* The series to paint, from the one set (the line chart smooths it). */
  HkChartSeries *(*dup_painted_series) (HkChartView *self);

  gpointer padding[6];
};

void                  hk_chart_view_set_series      (HkChartView    *self,
                                                     HkChartSeries  *series);
HkChartSeries        *hk_chart_view_get_series      (HkChartView    *self);
/* The series of kind for analysis (NULL: the empty state), at most max_bars
 * bars (0: the kind's default); off screen, made when shown or asked for. */
void                  hk_chart_view_show            (HkChartView    *self,
                                                     HkAnalysis     *analysis,
                                                     HkChartKind     kind,
                                                     guint           max_bars);
/* A target ROAS line (Preferences); NAN or 0 for none (:target-roas is 0 then). */
void                  hk_chart_view_set_target_roas (HkChartView    *self,
                                                     double          target);
double                hk_chart_view_get_target_roas (HkChartView    *self);
/* The item under the pointer, -1 for none. */
int                   hk_chart_view_get_highlight   (HkChartView    *self);
/* The colours in use, refreshed from the theme on every CSS change. */
const HkChartPalette *hk_chart_view_get_palette     (HkChartView    *self);
/* The tooltip text at a point, as query-tooltip shows it; NULL off items. */
char                 *hk_chart_view_dup_tooltip_at  (HkChartView    *self,
                                                     double          x,
                                                     double          y);
/* Writes the chart as it looks now (palette, size; the title added) to a
 * .png, .svg or .pdf file. */
gboolean              hk_chart_view_export          (HkChartView    *self,
                                                     const char     *path,
                                                     double          scale,
                                                     GError        **error);

/* For subclasses: the series painted and the style used, e.g. to hit-test. */
HkChartSeries        *hk_chart_view_get_painted_series (HkChartView *self);
void                  hk_chart_view_invalidate      (HkChartView    *self);
HkChartStyle         *hk_chart_view_get_style       (HkChartView    *self);

G_END_DECLS
