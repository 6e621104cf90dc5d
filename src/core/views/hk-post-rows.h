/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hk-analysis.h"

G_BEGIN_DECLS

/* The posts table as the app lists it: which posts a selection keeps, and
 * their cells read straight from the columns, so a list of half a million
 * posts can be filtered, sorted and exported without a record per row. Rows
 * are numbered as the dataset stores them (hk-post.h, HkRowModel). */

typedef enum {
  HK_POST_COLUMN_DATE,            /* a day number (hk-date.h) */
  HK_POST_COLUMN_INFLUENCER_ID,
  HK_POST_COLUMN_INFLUENCER_NAME,
  HK_POST_COLUMN_PLATFORM,
  HK_POST_COLUMN_BRAND,
  HK_POST_COLUMN_CAMPAIGN,
  HK_POST_COLUMN_POST_ID,
  HK_POST_COLUMN_REACH,
  HK_POST_COLUMN_LIKES,
  HK_POST_COLUMN_COMMENTS,
  HK_POST_COLUMN_URL,
  HK_POST_COLUMN_CAPTION,
  HK_N_POST_COLUMNS
} HkPostColumn;

/* The date, reach, likes and comments are numbers (hk_post_rows_get_number);
 * the rest text. Column names and the engagement rate are the posts table's
 * (hk-table-catalogue.c, hk-metrics.c). */
double      hk_post_rows_get_number  (HkDataset    *dataset,
                                      guint         row,
                                      HkPostColumn  column);
/* Borrowed from the dataset; "" for an empty value. */
const char *hk_post_rows_get_text    (HkDataset    *dataset,
                                      guint         row,
                                      HkPostColumn  column);

/* The posts the analysis's selection counts (DESIGN.md §3: the influencer
 * filters keep its influencer, and the brand, campaign and day it has pass the
 * row filters), in stored order. search (may be NULL) further keeps posts
 * whose influencer name or id, post id or caption contains it, ignoring case.
 * Orphan posts are never kept. Free with g_free (). */
guint      *hk_post_rows_select      (HkAnalysis   *analysis,
                                      const char   *search,
                                      guint        *n_rows);

G_END_DECLS
