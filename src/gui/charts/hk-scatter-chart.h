/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hk-chart-view.h"

G_BEGIN_DECLS

/* Spend against revenue per influencer (CSS name "scatterchart"), with the
 * ROAS = 1 line and :target-roas, point size by followers. :scale chooses the
 * axes: linear, log, or automatic (log when most points would crowd the
 * origin, hk_scatter_series_prefers_log()); :log-scale is what is drawn, and
 * setting it chooses linear or log. A click on a point emits
 * ::point-activated with the influencer's dataset row. */

typedef enum {
  HK_SCATTER_SCALE_AUTO,
  HK_SCATTER_SCALE_LINEAR,
  HK_SCATTER_SCALE_LOG,
} HkScatterScale;

#define HK_TYPE_SCATTER_SCALE (hk_scatter_scale_get_type ())
GType hk_scatter_scale_get_type (void) G_GNUC_CONST;

#define HK_TYPE_SCATTER_CHART (hk_scatter_chart_get_type ())
G_DECLARE_FINAL_TYPE (HkScatterChart, hk_scatter_chart, HK, SCATTER_CHART, HkChartView)

GtkWidget *hk_scatter_chart_new           (void);
/* A HK_CHART_SHAPE_SCATTER series (NULL: the empty state). */
void       hk_scatter_chart_set_series    (HkScatterChart *self,
                                           HkChartSeries  *series);
void       hk_scatter_chart_set_log_scale (HkScatterChart *self,
                                           gboolean        log_scale);
gboolean   hk_scatter_chart_get_log_scale (HkScatterChart *self);
void       hk_scatter_chart_set_scale     (HkScatterChart *self,
                                           HkScatterScale  scale);
HkScatterScale hk_scatter_chart_get_scale (HkScatterChart *self);

G_END_DECLS
