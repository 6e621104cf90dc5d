/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hk-analysis.h"
#include "hk-chart-view.h"
#include "hk-gui-format.h"

G_BEGIN_DECLS

#define HK_TYPE_OVERVIEW_PAGE (hk_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (HkOverviewPage, hk_overview_page, HK, OVERVIEW_PAGE, GtkWidget)

/* The KPI cards of a selection, revenue and spend over time, and ROAS by
 * brand and by platform. A click on a bar filters by it; on a day, limits the
 * dates to it. */

typedef enum {
  HK_KPI_SPEND,
  HK_KPI_REVENUE,
  HK_KPI_ORDERS,
  HK_KPI_ROAS,
  HK_KPI_IROAS,
  HK_KPI_MEAN_INFLUENCER_ROAS,
  HK_KPI_TOP_INFLUENCER_ROAS,
  HK_KPI_COST_PER_ORDER,
  HK_KPI_ENGAGEMENT_RATE,
  HK_N_KPIS
} HkKpi;

/* The metric each card shows. */
HkMetric    hk_kpi_get_metric                (HkKpi           kpi);

HkAnalysis *hk_overview_page_get_analysis    (HkOverviewPage *self);
void        hk_overview_page_set_analysis    (HkOverviewPage *self,
                                              HkAnalysis     *analysis);
void        hk_overview_page_set_money_style (HkOverviewPage *self,
                                              HkMoneyStyle    style);
/* The card of a KPI, for tests. */
GtkWidget  *hk_overview_page_get_card        (HkOverviewPage *self,
                                              HkKpi           kpi);
/* The chart of a kind (revenue vs spend, ROAS by brand or platform), NULL if
 * the page has none of that kind. */
HkChartView *hk_overview_page_get_chart      (HkOverviewPage *self,
                                              HkChartKind     kind);

/* Writes the KPIs as CSV, one row each (kpi, title, value, detail), in a
 * worker thread. */
void        hk_overview_page_export_async    (HkOverviewPage      *self,
                                              const char          *path,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean    hk_overview_page_export_finish   (HkOverviewPage      *self,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
