/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hk-analysis.h"

G_BEGIN_DECLS

typedef enum {
  HK_SUMMARY_CSV,
  HK_SUMMARY_JSON,
} HkSummaryFormat;

/* The summary files of `influencer-report summary` (docs/summaries.md):
 * performance_summary, roas_summary, persona_roas, city_roas, poor_influencers,
 * top_influencers, brand_summary, platform_summary, payout_summary,
 * daily_summary (.csv or .json), and summary.json with the totals, the
 * unallocated spend, the iROAS method and the import report. The files are
 * replaced all together or not at all (an HkFileSet); the same analysis
 * always gives the same bytes. */
gboolean hk_summary_write (HkAnalysis      *analysis,
                           const char      *folder,
                           HkSummaryFormat  format,
                           GCancellable    *cancellable,
                           GError         **error);

G_END_DECLS
