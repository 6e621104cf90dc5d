/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hk-filter-sidebar.h"
#include "hk-session.h"
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
  AdwStatusPage        *folder_status;
  HkFilterSidebar      *sidebar;
  AdwViewStack         *stack;
  HkOverviewPage       *overview_page;
  HkDataTable          *influencers_table;
  HkDataTable          *posts_table;
  HkDataTable          *campaigns_table;
  HkBarChart           *campaigns_chart;
  HkDataTable          *payouts_table;
  HkBarChart           *top_payouts_chart;
  HkInsightsPage       *insights_page;

  GSettings            *settings;
  char                 *db_location; /* the database shown (Reload), else NULL */

  /* the data shown: dataset, filter, options and analysis */
  HkSession            *session;
  HkFilter             *chosen;          /* saved: the filter, plus values the data lacks now */
  HkFilter             *absent;          /* those values, found when the data was shown */
  HkMoneyStyle          money_style;

  /* loading */
  guint64               load_serial;
  guint                 progress_source;
  char                 *unavailable;    /* the last folder, while it cannot be opened */

  /* exports waiting for the window to be idle, and running */
  GPtrArray            *pending_exports;
  guint                 n_exports;
  GCancellable         *cancellable;    /* cancelled on dispose */

  gboolean              busy;
};

HkDataTable *_hk_window_get_table_at (HkWindow *self,
                                      guint     i);
void _hk_window_update_busy       (HkWindow       *self);
void _hk_window_toast             (HkWindow       *self,
                                   const char     *title,
                                   const char     *folder_uri);

/* hk-window-states.c */
void     _hk_window_update_placeholders (HkWindow     *self);
void     _hk_window_clear_search        (HkWindow     *self);
gboolean _hk_window_show_folder_error   (HkWindow     *self,
                                         const char   *folder,
                                         const GError *error);
void     _hk_window_hide_folder_error   (HkWindow     *self);
void     _hk_window_show_export_error   (HkWindow     *self,
                                         const char   *heading,
                                         const GError *error);

typedef enum {
  HK_WINDOW_EXPORT_VIEW,
  HK_WINDOW_EXPORT_SUMMARIES,
} HkWindowExport;

/* hk-window-exports.c */
HkDataTable *_hk_window_current_table       (HkWindow       *self);
void         _hk_window_queue_export        (HkWindow       *self,
                                             HkWindowExport  kind,
                                             const char     *path);
void         _hk_window_run_pending_exports (HkWindow       *self);

G_END_DECLS
