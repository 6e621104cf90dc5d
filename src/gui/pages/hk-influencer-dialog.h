/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hk-analysis.h"
#include "hk-data-table.h"

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

G_END_DECLS
