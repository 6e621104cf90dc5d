/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hk-filter-sidebar.h"
#include "hk-bar-chart.h"
#include "hk-window.h"

G_BEGIN_DECLS

struct _HkWindow
{
  AdwApplicationWindow  parent_instance;

  /* template */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkRevealer          *demo_revealer;
  GtkRevealer          *unavailable_revealer;
  GtkLabel             *unavailable_label;
  GtkRevealer          *loading_revealer;
  GtkLabel             *loading_label;
  GtkProgressBar       *progress_bar;
  AdwFlap              *flap;
  HkFilterSidebar      *sidebar;
  AdwViewStack         *stack;
  HkOverviewPage       *overview_page;
  HkDataTable          *influencers_table;
  HkDataTable          *posts_table;
  HkDataTable          *payouts_table;
  HkBarChart           *top_payouts_chart;
  HkInsightsPage       *insights_page;

  GSettings            *settings;

  /* the data shown */
  HkDataset            *dataset;
  HkEngine             *engine;
  HkFilter             *filter;          /* what the sidebar applies */
  HkFilter             *chosen;          /* saved: filter, plus values the data lacks now */
  HkAnalysisOptions     options;
  HkMoneyStyle          money_style;
  HkAnalysis           *analysis;

  /* analysis: one worker at a time, the latest request wins */
  guint64               analysis_serial;
  gboolean              analysis_running;

  /* loading */
  GCancellable         *load_cancellable;
  guint64               load_serial;
  guint                 progress_source;
  gpointer              load_job;       /* LoadJob being run, for its progress */
  char                 *unavailable;    /* the last folder, while it cannot be opened */

  /* watching the dataset's folder */
  GFileMonitor         *monitor;
  guint                 reload_source;

  /* exports waiting for the window to be idle, and running */
  GPtrArray            *pending_exports;
  guint                 n_exports;
  GCancellable         *cancellable;    /* cancelled on dispose */

  gboolean              busy;
};

void _hk_window_add_actions        (HkWindow       *self);
void _hk_window_set_action_enabled (HkWindow       *self,
                                    const char     *name,
                                    gboolean        enabled);
void _hk_window_update_busy       (HkWindow       *self);
void _hk_window_toast             (HkWindow       *self,
                                   const char     *title,
                                   const char     *folder_uri);

G_END_DECLS
