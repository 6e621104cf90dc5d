/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hk-analysis.h"
#include "hk-dataset-private.h"
#include "hk-filter.h"

G_BEGIN_DECLS

/* A filter compiled against a dataset: the one place the filter rules of
 * DESIGN.md §3 live. The analysis and the posts list both read it. */
typedef struct {
  guint8  *allow[HK_N_DIMS]; /* row dimensions: by pool code; NULL allows all */
  guint8  *keep;             /* per influencer: kept by the influencer filters */
  gint32   first_day;        /* inclusive; HK_DAY_NONE: open */
  gint32   last_day;
  gint32   range_first;      /* the date range with open sides closed */
  guint32  range_span;
  gboolean value_filters;    /* a brand, product, campaign or source filter */
  gboolean row_filter;       /* any row filter, dates included */
} HkSelection;

HkSelection *hk_selection_new  (HkDataset      *dataset,
                                const HkFilter *filter);
void         hk_selection_free (HkSelection    *selection);

static inline gboolean
hk_selection_allows (const HkSelection *sel,
                     HkDimension        dim,
                     guint32            code)
{
  return sel->allow[dim] == NULL || sel->allow[dim][code];
}

static inline gboolean
hk_selection_keeps_day (const HkSelection *sel,
                        gint32             day)
{
  return (guint32) day - (guint32) sel->range_first <= sel->range_span;
}

/* A post counts whole when the attributes it has pass (it lacks product and
 * source always, brand and campaign when their cell is empty). */
static inline gboolean
hk_selection_keeps_post (const HkSelection *sel,
                         const HkDataset   *ds,
                         guint              q)
{
  guint32 b = ds->post_brand[q], c = ds->post_campaign[q];

  return (b == 0 || hk_selection_allows (sel, HK_DIM_BRAND, b)) &&
         (c == 0 || hk_selection_allows (sel, HK_DIM_CAMPAIGN, c)) &&
         hk_selection_keeps_day (sel, ds->post_date[q]);
}

/* The selection an analysis was made with (what its filter keeps). */
const HkSelection *_hk_analysis_get_selection (HkAnalysis *analysis);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HkSelection, hk_selection_free)

G_END_DECLS
