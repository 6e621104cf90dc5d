/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hk-analysis.h"
#include "hk-data-table.h"
#include "hk-line-chart.h"

G_BEGIN_DECLS

#define HK_TYPE_INFLUENCER_DIALOG (hk_influencer_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HkInfluencerDialog, hk_influencer_dialog, HK, INFLUENCER_DIALOG, AdwWindow)

/* One influencer's posts and orders (tracking rows), each in a table over an
 * HkRowModel of that influencer, with its numbers in the selection. */
HkInfluencerDialog *hk_influencer_dialog_new            (GtkWindow          *parent,
                                                         HkAnalysis         *analysis,
                                                         guint               influencer,
                                                         HkMoneyStyle        style);
guint               hk_influencer_dialog_get_influencer (HkInfluencerDialog *self);
/* "influencer-posts" or "influencer-orders". */
HkDataTable        *hk_influencer_dialog_get_table      (HkInfluencerDialog *self,
                                                         const char         *source);

/* The Over Time chart: the influencer's revenue and spend per day, filled
 * from a worker thread after the dialog opens. */
HkLineChart        *hk_influencer_dialog_get_over_time_chart (HkInfluencerDialog *self);

G_END_DECLS
