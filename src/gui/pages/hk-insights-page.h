/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hk-analysis.h"
#include "hk-chart-view.h"
#include "hk-data-table.h"

G_BEGIN_DECLS

#define HK_TYPE_INSIGHTS_PAGE (hk_insights_page_get_type ())
G_DECLARE_FINAL_TYPE (HkInsightsPage, hk_insights_page, HK, INSIGHTS_PAGE, GtkWidget)

/* ROAS by persona and by city as charts and tables, the top influencers and
 * the poor performers (bottom 10%), and spend against revenue per influencer.
 * A click on a bar filters by it; on a point, selects the influencer. */
void         hk_insights_page_set_analysis      (HkInsightsPage *self,
                                                 HkAnalysis     *analysis);
void         hk_insights_page_set_money_style   (HkInsightsPage *self,
                                                 HkMoneyStyle    style);
/* The four tables: "personas", "cities", "top", "poor". */
HkDataTable *hk_insights_page_get_table         (HkInsightsPage *self,
                                                 const char     *source);
/* The table the user last worked in (Export Current View exports it);
 * the top influencers until then. */
HkDataTable *hk_insights_page_get_current_table (HkInsightsPage *self);
/* The chart of a kind (ROAS by persona or city, spend vs revenue), or NULL. */
HkChartView *hk_insights_page_get_chart         (HkInsightsPage *self,
                                                 HkChartKind     kind);

G_END_DECLS
