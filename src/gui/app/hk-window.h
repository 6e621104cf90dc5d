/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hk-analysis.h"
#include "hk-chart-view.h"
#include "hk-data-table.h"
#include "hk-gui-format.h"
#include "hk-influencer-dialog.h"
#include "hk-insights-page.h"
#include "hk-overview-page.h"

G_BEGIN_DECLS

#define HK_TYPE_WINDOW (hk_window_get_type ())
G_DECLARE_FINAL_TYPE (HkWindow, hk_window, HK, WINDOW, AdwApplicationWindow)

/* The dashboard: a dataset loaded in a worker thread, the filters, the
 * analysis of the selection (re-run off the main thread on every change;
 * stale results are dropped) and the five pages that show it. */

/* settings: what the window reads and writes (NULL: the app's own, made anew). */
HkWindow        *hk_window_new               (GtkApplication  *application,
                                              GSettings       *settings);

/* Opens folder, or with NULL the last dataset (settings), else the demo. */
void             hk_window_load_initial      (HkWindow        *self,
                                              const char      *folder);
void             hk_window_retry_folder      (HkWindow        *self);
/* The last folder while it cannot be opened (a banner says so), else NULL. */
const char      *hk_window_get_unavailable_folder (HkWindow   *self);
void             hk_window_open_folder       (HkWindow        *self,
                                              const char      *folder);
void             hk_window_open_demo         (HkWindow        *self);
void             hk_window_reload            (HkWindow        *self);
void             hk_window_cancel_load       (HkWindow        *self);
/* File choosers, then the above. */
void             hk_window_choose_folder     (HkWindow        *self);
void             hk_window_choose_export_view (HkWindow       *self);
void             hk_window_choose_summaries_folder (HkWindow  *self);

/* "overview", "influencers", "posts", "payouts" or "insights"; FALSE for others. */
gboolean         hk_window_show_page         (HkWindow        *self,
                                              const char      *name);
const char      *hk_window_get_page          (HkWindow        *self);
/* The pages' names, in the order the view switcher shows them. */
const char * const *hk_window_get_page_names (void);

/* Waits until the window is idle, then writes the current page's table
 * (Overview: the KPIs) with the current filters and sort. */
void             hk_window_export_view       (HkWindow        *self,
                                              const char      *path);
/* The files of `influencer-report summary` for the current selection. */
void             hk_window_export_summaries  (HkWindow        *self,
                                              const char      *folder);

HkDataset       *hk_window_get_dataset       (HkWindow        *self);
/* The analysis shown (NULL before the first). */
HkAnalysis      *hk_window_get_analysis      (HkWindow        *self);
const HkFilter  *hk_window_get_filter        (HkWindow        *self);
void             hk_window_set_filter        (HkWindow        *self,
                                              const HkFilter  *filter);
const HkAnalysisOptions *hk_window_get_options (HkWindow      *self);
HkMoneyStyle     hk_window_get_money_style   (HkWindow        *self);
/* Loading, analysing, filling a table or exporting. */
gboolean         hk_window_get_busy          (HkWindow        *self);
/* Whether a folder that could not be opened is shown as a status page. */
gboolean         hk_window_get_folder_error_shown (HkWindow   *self);

/* "influencers", "posts", "payouts", "top", "poor", "personas", "cities". */
HkDataTable     *hk_window_get_table         (HkWindow        *self,
                                              const char      *source);
HkOverviewPage  *hk_window_get_overview_page (HkWindow        *self);
HkInsightsPage  *hk_window_get_insights_page (HkWindow        *self);
/* The chart of a kind on whichever page shows it. */
HkChartView     *hk_window_get_chart         (HkWindow        *self,
                                              HkChartKind      kind);
/* Export Chart… writes the page's main chart: revenue and spend over time
 * (Overview), largest payouts (Payouts), spend vs revenue (Insights). */
gboolean         hk_window_has_page_chart    (HkWindow        *self);
void             hk_window_choose_export_chart (HkWindow      *self);
/* .png (…@2x.png at twice the size), .svg or .pdf; a toast says where. */
void             hk_window_export_chart      (HkWindow        *self,
                                              const char      *path);
/* Opens the posts and orders of an influencer (dataset index). */
HkInfluencerDialog *hk_window_show_influencer (HkWindow       *self,
                                              guint            influencer);

G_END_DECLS
