/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hk-csv-writer.h"
#include "hk-date.h"
#include "hk-influencer-rows.h"
#include "hk-post-rows.h"
#include "hk-post.h"
#include "hk-row-model.h"
#include "hk-table-model.h"
#include "hk-table-row.h"
#include "hk-table-source.h"
#include "hk-tracking-row.h"

#define N_COLUMNS(a) G_N_ELEMENTS (a)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */

static guint
influencer_of_group (HkAnalysis *analysis,
                     guint       group)
{
  return (guint) hk_analysis_get_group_index (analysis, HK_DIM_INFLUENCER, group);
}

static gboolean
influencer_matches (HkAnalysis *analysis,
                    guint       influencer,
                    const char *needle_folded)
{
  HkDataset *ds = hk_analysis_get_dataset (analysis);

  return needle_folded == NULL ||
         hk_text_contains_folded (hk_influencer_rows_get_text (ds, influencer, HK_INFLUENCER_COLUMN_NAME), needle_folded) ||
         hk_text_contains_folded (hk_influencer_rows_get_text (ds, influencer, HK_INFLUENCER_COLUMN_ID), needle_folded);
}

static char *
format_count (double value)
{
  return hk_gui_format_number (HK_CELL_COUNT, value, HK_MONEY_FULL);
}

static GListModel *
update_table_model (GListModel  *model,
                    HkAnalysis  *analysis,
                    guint        param,
                    const guint *rows,
                    guint        n_rows)
{
  HkTableModel *table_model = model ? g_object_ref (HK_TABLE_MODEL (model)) : hk_table_model_new ();

  hk_table_model_set_rows (table_model, rows, n_rows);
  return G_LIST_MODEL (table_model);
}

static guint
table_row_get_row (gpointer item)
{
  return hk_table_row_get_row (item);
}

static GListModel *
update_row_model (GListModel  *model,
                  HkAnalysis  *analysis,
                  HkTable      table,
                  const guint *rows,
                  guint        n_rows)
{
  HkDataset *ds = hk_analysis_get_dataset (analysis);

  if (model == NULL || hk_row_model_get_dataset (HK_ROW_MODEL (model)) != ds)
    return G_LIST_MODEL (hk_row_model_new_for_rows (ds, table, rows, n_rows));
  hk_row_model_set_rows (HK_ROW_MODEL (model), rows, n_rows);
  return g_object_ref (model);
}

/* ------------------------------------------------------------------------ */
/* Influencers: every influencer the influencer filters keep                */

/* Money first: what analysts sort by; attributes after. */
enum {
  INF_NAME, INF_ID, INF_PLATFORM, INF_TIER, INF_REVENUE, INF_SPEND, INF_ROAS, INF_IROAS,
  INF_ORDERS, INF_COST_PER_ORDER, INF_AOV, INF_POSTS, INF_REACH, INF_ENGAGEMENT, INF_LIKES,
  INF_COMMENTS, INF_CPM, INF_CPE, INF_ROI, INF_INCREMENTAL_REVENUE, INF_CATEGORY, INF_PERSONA,
  INF_CITY, INF_FOLLOWERS, N_INF_COLUMNS
};

static const HkTableColumn influencer_columns[] = {
  [INF_NAME] = { "name", N_("Influencer"), HK_CELL_TEXT, -1, 180 },
  [INF_ID] = { "influencer_id", N_("ID"), HK_CELL_TEXT, -1, 80 },
  [INF_PLATFORM] = { "platform", N_("Platform"), HK_CELL_VALUE, -1, 100 },
  [INF_TIER] = { "tier", N_("Tier"), HK_CELL_TIER, -1, 70 },
  [INF_REVENUE] = { NULL, N_("Revenue"), HK_CELL_MONEY, HK_METRIC_REVENUE, 0 },
  [INF_SPEND] = { NULL, N_("Spend"), HK_CELL_MONEY, HK_METRIC_SPEND, 0 },
  [INF_ROAS] = { NULL, N_("ROAS"), HK_CELL_RATIO, HK_METRIC_ROAS, 80 },
  [INF_IROAS] = { NULL, N_("iROAS"), HK_CELL_RATIO, HK_METRIC_INCREMENTAL_ROAS, 80 },
  [INF_ORDERS] = { NULL, N_("Orders"), HK_CELL_COUNT, HK_METRIC_ORDERS, 80 },
  [INF_COST_PER_ORDER] = { NULL, N_("Cost per Order"), HK_CELL_MONEY, HK_METRIC_COST_PER_ORDER, 130 },
  [INF_AOV] = { NULL, N_("AOV"), HK_CELL_MONEY, HK_METRIC_AOV, 120 },
  [INF_POSTS] = { NULL, N_("Posts"), HK_CELL_COUNT, HK_METRIC_POSTS, 70 },
  [INF_REACH] = { NULL, N_("Reach"), HK_CELL_COUNT, HK_METRIC_REACH, 0 },
  [INF_ENGAGEMENT] = { NULL, N_("Engagement"), HK_CELL_PERCENT, HK_METRIC_ENGAGEMENT_RATE, 0 },
  [INF_LIKES] = { NULL, N_("Likes"), HK_CELL_COUNT, HK_METRIC_LIKES, 0 },
  [INF_COMMENTS] = { NULL, N_("Comments"), HK_CELL_COUNT, HK_METRIC_COMMENTS, 0 },
  [INF_CPM] = { NULL, N_("CPM"), HK_CELL_MONEY, HK_METRIC_CPM, 110 },
  [INF_CPE] = { NULL, N_("CPE"), HK_CELL_MONEY, HK_METRIC_CPE, 100 },
  [INF_ROI] = { NULL, N_("ROI"), HK_CELL_PERCENT, HK_METRIC_ROI, 100 },
  [INF_INCREMENTAL_REVENUE] = { NULL, N_("Incremental Revenue"), HK_CELL_MONEY, HK_METRIC_INCREMENTAL_REVENUE, 160 },
  [INF_CATEGORY] = { "category", N_("Category"), HK_CELL_VALUE, -1, 110 },
  [INF_PERSONA] = { "persona", N_("Persona"), HK_CELL_VALUE, -1, 160 },
  [INF_CITY] = { "city", N_("City"), HK_CELL_VALUE, -1, 110 },
  [INF_FOLLOWERS] = { "follower_count", N_("Followers"), HK_CELL_COUNT, -1, 0 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (influencer_columns) == N_INF_COLUMNS);

static HkInfluencerColumn
influencer_text_column (guint column)
{
  switch (column)
    {
    case INF_NAME: return HK_INFLUENCER_COLUMN_NAME;
    case INF_ID: return HK_INFLUENCER_COLUMN_ID;
    case INF_PLATFORM: return HK_INFLUENCER_COLUMN_PLATFORM;
    case INF_TIER: return HK_INFLUENCER_COLUMN_TIER;
    case INF_CATEGORY: return HK_INFLUENCER_COLUMN_CATEGORY;
    case INF_PERSONA: return HK_INFLUENCER_COLUMN_PERSONA;
    case INF_CITY: return HK_INFLUENCER_COLUMN_CITY;
    default: g_return_val_if_reached (HK_INFLUENCER_COLUMN_NAME);
    }
}

static guint *
influencers_dup_rows (HkAnalysis *analysis,
                      guint       param,
                      const char *search,
                      guint      *n_rows)
{
  guint n = hk_analysis_get_n_groups (analysis, HK_DIM_INFLUENCER);
  guint *rows = g_new (guint, MAX (1, n));
  guint k = 0;

  for (guint g = 0; g < n; g++)
    if (influencer_matches (analysis, influencer_of_group (analysis, g), search))
      rows[k++] = g;
  *n_rows = k;
  return rows;
}

static const HkMetrics *
influencers_get_metrics (HkAnalysis *analysis,
                         guint       row)
{
  return hk_analysis_get_group (analysis, HK_DIM_INFLUENCER, row);
}

static double
influencers_get_number (HkAnalysis *analysis,
                        guint       row,
                        guint       column)
{
  g_return_val_if_fail (column == INF_FOLLOWERS, NAN);
  return hk_influencer_rows_get_follower_count (hk_analysis_get_dataset (analysis),
                                                influencer_of_group (analysis, row));
}

static const char *
influencers_get_text (HkAnalysis *analysis,
                      guint       row,
                      guint       column)
{
  return hk_influencer_rows_get_text (hk_analysis_get_dataset (analysis),
                                      influencer_of_group (analysis, row),
                                      influencer_text_column (column));
}

static int
influencers_get_influencer (HkAnalysis *analysis,
                            guint       row)
{
  return (int) influencer_of_group (analysis, row);
}

/* Sums over the rows shown, ROAS pooled. */
static char *
influencers_dup_totals (HkAnalysis   *analysis,
                        const guint  *rows,
                        guint         n_rows,
                        HkMoneyStyle  style)
{
  HkMetrics total = { 0 };
  g_autofree char *count = format_count (n_rows);
  g_autofree char *spend_text = NULL, *revenue_text = NULL, *orders_text = NULL, *roas_text = NULL;

  for (guint k = 0; k < n_rows; k++)
    hk_metrics_add (&total, hk_analysis_get_group (analysis, HK_DIM_INFLUENCER, rows[k]));
  spend_text = hk_gui_format_money (hk_metrics_get (&total, HK_METRIC_SPEND), style);
  revenue_text = hk_gui_format_money (total.revenue, style);
  orders_text = format_count (total.orders);
  roas_text = hk_gui_format_number (HK_CELL_RATIO, hk_metrics_get (&total, HK_METRIC_ROAS), style);
  /* Translators: the totals under the influencers table */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s influencer · Spend %s · Revenue %s · Orders %s · ROAS %s",
                                       "%s influencers · Spend %s · Revenue %s · Orders %s · ROAS %s", n_rows),
                          count, spend_text, revenue_text, orders_text, roas_text);
}

static const HkTableSource influencers_source = {
  .name = "influencers",
  .columns = influencer_columns,
  .n_columns = N_COLUMNS (influencer_columns),
  .search_placeholder = N_("Search influencers"),
  .default_sort = INF_REVENUE,
  .default_descending = TRUE,
  .dup_rows = influencers_dup_rows,
  .get_metrics = influencers_get_metrics,
  .get_number = influencers_get_number,
  .get_text = influencers_get_text,
  .dup_totals = influencers_dup_totals,
  .get_influencer = influencers_get_influencer,
  .update_model = update_table_model,
  .item_get_row = table_row_get_row,
};

/* ------------------------------------------------------------------------ */
/* Payouts: the influencers with payout rows                                */

enum {
  PAY_NAME, PAY_ID, PAY_BASIS, PAY_RATE, PAY_UNITS, PAY_TOTAL, PAY_REVENUE, PAY_ROAS,
  PAY_FLAG,
};

static const HkTableColumn payout_columns[] = {
  [PAY_NAME] = { "name", N_("Influencer"), HK_CELL_TEXT, -1, 170 },
  [PAY_ID] = { "influencer_id", N_("ID"), HK_CELL_TEXT, -1, 60 },
  [PAY_BASIS] = { "basis", N_("Basis"), HK_CELL_BASIS, -1, 85 },
  [PAY_RATE] = { "rate", N_("Rate"), HK_CELL_RATE, -1, 105 },
  [PAY_UNITS] = { "units", N_("Units"), HK_CELL_COUNT, -1, 70 },
  [PAY_TOTAL] = { "total_payout", N_("Total Payout"), HK_CELL_MONEY, -1, 130 },
  [PAY_REVENUE] = { "revenue", N_("Revenue"), HK_CELL_MONEY, -1, 130 },
  [PAY_ROAS] = { "roas", N_("ROAS"), HK_CELL_RATIO, -1, 70 },
  [PAY_FLAG] = { "payout_exceeds_revenue", N_("Flag"), HK_CELL_FLAG, -1, 190 },
};

static guint *
payouts_dup_rows (HkAnalysis *analysis,
                  guint       param,
                  const char *search,
                  guint      *n_rows)
{
  guint n = hk_analysis_get_n_groups (analysis, HK_DIM_INFLUENCER);
  guint *rows = g_new (guint, MAX (1, n));
  guint k = 0;

  for (guint g = 0; g < n; g++)
    {
      const char *basis;
      double rate, units;

      if (hk_analysis_get_payout_info (analysis, g, &basis, &rate, &units) &&
          influencer_matches (analysis, influencer_of_group (analysis, g), search))
        rows[k++] = g;
    }
  *n_rows = k;
  return rows;
}

static double
payouts_get_number (HkAnalysis *analysis,
                    guint       row,
                    guint       column)
{
  const HkMetrics *m = hk_analysis_get_group (analysis, HK_DIM_INFLUENCER, row);
  const char *basis;
  double rate = NAN, units = NAN;

  switch (column)
    {
    case PAY_RATE:
    case PAY_UNITS:
      hk_analysis_get_payout_info (analysis, row, &basis, &rate, &units);
      return column == PAY_RATE ? rate : units;
    case PAY_TOTAL:
      return hk_metrics_get (m, HK_METRIC_SPEND);
    case PAY_REVENUE:
      return m->revenue;
    case PAY_ROAS:
      return hk_metrics_get (m, HK_METRIC_ROAS);
    case PAY_FLAG:
      return hk_metrics_payout_exceeds_revenue (m) ? 1 : 0;
    default:
      g_return_val_if_reached (NAN);
    }
}

static const char *
payouts_get_text (HkAnalysis *analysis,
                  guint       row,
                  guint       column)
{
  const char *basis = "";
  double rate, units;

  switch (column)
    {
    case PAY_NAME:
      return influencers_get_text (analysis, row, INF_NAME);
    case PAY_ID:
      return influencers_get_text (analysis, row, INF_ID);
    case PAY_BASIS:
      /* Shown in words (HK_CELL_BASIS), exported as the summaries write it. */
      if (!hk_analysis_get_payout_info (analysis, row, &basis, &rate, &units))
        return "";
      return basis;
    default:
      g_return_val_if_reached ("");
    }
}

static char *
payouts_dup_totals (HkAnalysis   *analysis,
                    const guint  *rows,
                    guint         n_rows,
                    HkMoneyStyle  style)
{
  HkMetrics total = { 0 };
  guint flagged = 0;
  g_autofree char *count = format_count (n_rows);
  g_autofree char *spend_text = NULL, *revenue_text = NULL, *roas_text = NULL, *flagged_text = NULL;

  for (guint k = 0; k < n_rows; k++)
    {
      const HkMetrics *m = hk_analysis_get_group (analysis, HK_DIM_INFLUENCER, rows[k]);

      hk_metrics_add (&total, m);
      flagged += hk_metrics_payout_exceeds_revenue (m);
    }
  spend_text = hk_gui_format_money (hk_metrics_get (&total, HK_METRIC_SPEND), style);
  revenue_text = hk_gui_format_money (total.revenue, style);
  roas_text = hk_gui_format_number (HK_CELL_RATIO, hk_metrics_get (&total, HK_METRIC_ROAS), style);
  flagged_text = format_count (flagged);
  /* Translators: the totals under the payouts table */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s influencer paid · Payouts %s · Revenue %s · ROAS %s · %s paid more than they earned",
                                       "%s influencers paid · Payouts %s · Revenue %s · ROAS %s · %s paid more than they earned", n_rows),
                          count, spend_text, revenue_text, roas_text, flagged_text);
}

static const HkTableSource payouts_source = {
  .name = "payouts",
  .columns = payout_columns,
  .n_columns = N_COLUMNS (payout_columns),
  .search_placeholder = N_("Search influencers"),
  .default_sort = PAY_TOTAL,
  .default_descending = TRUE,
  .dup_rows = payouts_dup_rows,
  .get_number = payouts_get_number,
  .get_text = payouts_get_text,
  .dup_totals = payouts_dup_totals,
  .get_influencer = influencers_get_influencer,
  .update_model = update_table_model,
  .item_get_row = table_row_get_row,
};

/* ------------------------------------------------------------------------ */
/* Posts: every post the selection counts                                   */

static const HkTableColumn post_columns[] = {
  { "date", N_("Date"), HK_CELL_DATE, -1, 110 },
  { "name", N_("Influencer"), HK_CELL_TEXT, -1, 170 },
  { "influencer_id", N_("ID"), HK_CELL_TEXT, -1, 90 },
  { "platform", N_("Platform"), HK_CELL_VALUE, -1, 100 },
  { "brand", N_("Brand"), HK_CELL_VALUE, -1, 110 },
  { "campaign", N_("Campaign"), HK_CELL_VALUE, -1, 150 },
  { "post_id", N_("Post ID"), HK_CELL_TEXT, -1, 90 },
  { "reach", N_("Reach"), HK_CELL_COUNT, -1, 0 },
  { "likes", N_("Likes"), HK_CELL_COUNT, -1, 0 },
  { "comments", N_("Comments"), HK_CELL_COUNT, -1, 0 },
  { "engagement_rate", N_("Engagement"), HK_CELL_PERCENT, -1, 0 },
  { "caption", N_("Caption"), HK_CELL_TEXT, -1, 280 },
  { "url", N_("URL"), HK_CELL_TEXT, -1, 240 },
};

static const HkPostColumn post_column_map[] = {
  HK_POST_COLUMN_DATE, HK_POST_COLUMN_INFLUENCER_NAME, HK_POST_COLUMN_INFLUENCER_ID,
  HK_POST_COLUMN_PLATFORM, HK_POST_COLUMN_BRAND, HK_POST_COLUMN_CAMPAIGN,
  HK_POST_COLUMN_POST_ID, HK_POST_COLUMN_REACH, HK_POST_COLUMN_LIKES,
  HK_POST_COLUMN_COMMENTS, HK_POST_COLUMN_ENGAGEMENT_RATE, HK_POST_COLUMN_CAPTION,
  HK_POST_COLUMN_URL,
};

G_STATIC_ASSERT (G_N_ELEMENTS (post_columns) == G_N_ELEMENTS (post_column_map));

static guint *
posts_dup_rows (HkAnalysis *analysis,
                guint       param,
                const char *search,
                guint      *n_rows)
{
  return hk_post_rows_select (analysis, search, n_rows);
}

static double
posts_get_number (HkAnalysis *analysis,
                  guint       row,
                  guint       column)
{
  return hk_post_rows_get_number (hk_analysis_get_dataset (analysis), row, post_column_map[column]);
}

static const char *
posts_get_text (HkAnalysis *analysis,
                guint       row,
                guint       column)
{
  return hk_post_rows_get_text (hk_analysis_get_dataset (analysis), row, post_column_map[column]);
}

static char *
dup_post_totals (HkAnalysis  *analysis,
                 const guint *rows,
                 guint        n_rows,
                 gboolean     likes_and_comments)
{
  HkDataset *ds = hk_analysis_get_dataset (analysis);
  double reach = 0, likes = 0, comments = 0;
  g_autofree char *count = format_count (n_rows);
  g_autofree char *reach_text = NULL, *likes_text = NULL, *comments_text = NULL, *rate_text = NULL;

  for (guint k = 0; k < n_rows; k++)
    {
      reach += hk_post_rows_get_number (ds, rows[k], HK_POST_COLUMN_REACH);
      likes += hk_post_rows_get_number (ds, rows[k], HK_POST_COLUMN_LIKES);
      comments += hk_post_rows_get_number (ds, rows[k], HK_POST_COLUMN_COMMENTS);
    }
  reach_text = format_count (reach);
  likes_text = format_count (likes);
  comments_text = format_count (comments);
  rate_text = hk_gui_format_number (HK_CELL_PERCENT, reach > 0 ? (likes + comments) / reach : NAN, HK_MONEY_FULL);
  if (!likes_and_comments)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s post · Reach %s · Engagement %s",
                                         "%s posts · Reach %s · Engagement %s", n_rows),
                            count, reach_text, rate_text);
  /* Translators: the totals under the posts table */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s post · Reach %s · Likes %s · Comments %s · Engagement %s",
                                       "%s posts · Reach %s · Likes %s · Comments %s · Engagement %s", n_rows),
                          count, reach_text, likes_text, comments_text, rate_text);
}

static char *
posts_dup_totals (HkAnalysis   *analysis,
                  const guint  *rows,
                  guint         n_rows,
                  HkMoneyStyle  style)
{
  return dup_post_totals (analysis, rows, n_rows, TRUE);
}

static int
posts_get_influencer (HkAnalysis *analysis,
                      guint       row)
{
  g_autoptr(HkPost) post = hk_post_new (hk_analysis_get_dataset (analysis), row);

  return hk_post_get_influencer_index (post);
}

static GListModel *
influencer_posts_update_model (GListModel  *model,
                               HkAnalysis  *analysis,
                               guint        param,
                               const guint *rows,
                               guint        n_rows)
{
  return update_row_model (model, analysis, HK_TABLE_POSTS, rows, n_rows);
}

static guint
post_get_row (gpointer item)
{
  return hk_record_get_index (HK_RECORD (item));
}

static const HkTableSource posts_source = {
  .name = "posts",
  .columns = post_columns,
  .n_columns = N_COLUMNS (post_columns),
  .search_placeholder = N_("Search influencers, post ids and captions"),
  .default_sort = 0, /* date */
  .default_descending = TRUE,
  .dup_rows = posts_dup_rows,
  .get_number = posts_get_number,
  .get_text = posts_get_text,
  .dup_totals = posts_dup_totals,
  .get_influencer = posts_get_influencer,
  /* Not an HkRowModel: its items could not follow a re-sort in place, and
   * remaking the row widgets of every post on screen costs frames. */
  .update_model = update_table_model,
  .item_get_row = table_row_get_row,
};

/* ------------------------------------------------------------------------ */
/* Top influencers and poor performers: rows are positions in their lists   */

enum { RANK_RANK, RANK_NAME, RANK_ID, RANK_PLATFORM, RANK_PERSONA, RANK_CITY };

static const HkTableColumn rank_columns[] = {
  [RANK_RANK] = { "rank", N_("Rank"), HK_CELL_COUNT, -1, 55 },
  [RANK_NAME] = { "name", N_("Influencer"), HK_CELL_TEXT, -1, 160 },
  [RANK_ID] = { "influencer_id", N_("ID"), HK_CELL_TEXT, -1, 60 },
  [RANK_PLATFORM] = { "platform", N_("Platform"), HK_CELL_VALUE, -1, 90 },
  [RANK_PERSONA] = { "persona", N_("Persona"), HK_CELL_VALUE, -1, 150 },
  [RANK_CITY] = { "city", N_("City"), HK_CELL_VALUE, -1, 100 },
  { NULL, N_("ROAS"), HK_CELL_RATIO, HK_METRIC_ROAS, 70 },
  { NULL, N_("Revenue"), HK_CELL_MONEY, HK_METRIC_REVENUE, 125 },
  { NULL, N_("Spend"), HK_CELL_MONEY, HK_METRIC_SPEND, 125 },
  { NULL, N_("Orders"), HK_CELL_COUNT, HK_METRIC_ORDERS, 70 },
};

static const HkInfluencerColumn rank_text_columns[] = {
  [RANK_NAME] = HK_INFLUENCER_COLUMN_NAME,
  [RANK_ID] = HK_INFLUENCER_COLUMN_ID,
  [RANK_PLATFORM] = HK_INFLUENCER_COLUMN_PLATFORM,
  [RANK_PERSONA] = HK_INFLUENCER_COLUMN_PERSONA,
  [RANK_CITY] = HK_INFLUENCER_COLUMN_CITY,
};

static guint *
dup_rank_rows (HkAnalysis *analysis,
               gboolean    poor,
               const char *search,
               guint      *n_rows)
{
  guint n = poor ? hk_analysis_get_n_poor (analysis) : hk_analysis_get_n_top (analysis);
  guint *rows = g_new (guint, MAX (1, n));
  guint k = 0;

  for (guint i = 0; i < n; i++)
    {
      guint group = poor ? hk_analysis_get_poor (analysis, i) : hk_analysis_get_top (analysis, i);

      if (influencer_matches (analysis, influencer_of_group (analysis, group), search))
        rows[k++] = i;
    }
  *n_rows = k;
  return rows;
}

static guint *
top_dup_rows (HkAnalysis *analysis,
              guint       param,
              const char *search,
              guint      *n_rows)
{
  return dup_rank_rows (analysis, FALSE, search, n_rows);
}

static guint *
poor_dup_rows (HkAnalysis *analysis,
               guint       param,
               const char *search,
               guint      *n_rows)
{
  return dup_rank_rows (analysis, TRUE, search, n_rows);
}

static const HkMetrics *
top_get_metrics (HkAnalysis *analysis,
                 guint       row)
{
  return hk_analysis_get_group (analysis, HK_DIM_INFLUENCER, hk_analysis_get_top (analysis, row));
}

static const HkMetrics *
poor_get_metrics (HkAnalysis *analysis,
                  guint       row)
{
  return hk_analysis_get_group (analysis, HK_DIM_INFLUENCER, hk_analysis_get_poor (analysis, row));
}

static double
rank_get_number (HkAnalysis *analysis,
                 guint       row,
                 guint       column)
{
  g_return_val_if_fail (column == RANK_RANK, NAN);
  return row + 1;
}

static const char *
rank_get_text (HkAnalysis *analysis,
               guint       group,
               guint       column)
{
  g_return_val_if_fail (column < G_N_ELEMENTS (rank_text_columns), "");
  return hk_influencer_rows_get_text (hk_analysis_get_dataset (analysis),
                                      influencer_of_group (analysis, group),
                                      rank_text_columns[column]);
}

static const char *
top_get_text (HkAnalysis *analysis,
              guint       row,
              guint       column)
{
  return rank_get_text (analysis, hk_analysis_get_top (analysis, row), column);
}

static const char *
poor_get_text (HkAnalysis *analysis,
               guint       row,
               guint       column)
{
  return rank_get_text (analysis, hk_analysis_get_poor (analysis, row), column);
}

static int
top_get_influencer (HkAnalysis *analysis,
                    guint       row)
{
  return (int) influencer_of_group (analysis, hk_analysis_get_top (analysis, row));
}

static int
poor_get_influencer (HkAnalysis *analysis,
                     guint       row)
{
  return (int) influencer_of_group (analysis, hk_analysis_get_poor (analysis, row));
}

static char *
top_dup_totals (HkAnalysis   *analysis,
                const guint  *rows,
                guint         n_rows,
                HkMoneyStyle  style)
{
  const HkMetrics *totals = hk_analysis_get_totals (analysis);
  g_autofree char *count = format_count (n_rows);
  g_autofree char *of = format_count (totals->roas_n);

  /* Translators: "10 of 150 influencers with a ROAS" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s influencer with a ROAS",
                                       "%s of %s influencers with a ROAS", totals->roas_n),
                          count, of);
}

static const HkTableSource top_source = {
  .name = "top",
  .columns = rank_columns,
  .n_columns = N_COLUMNS (rank_columns),
  .search_placeholder = N_("Search top influencers"),
  .default_sort = -1,
  .dup_rows = top_dup_rows,
  .get_metrics = top_get_metrics,
  .get_number = rank_get_number,
  .get_text = top_get_text,
  .dup_totals = top_dup_totals,
  .get_influencer = top_get_influencer,
  .update_model = update_table_model,
  .item_get_row = table_row_get_row,
};

static const HkTableSource poor_source = {
  .name = "poor",
  .columns = rank_columns,
  .n_columns = N_COLUMNS (rank_columns),
  .search_placeholder = N_("Search poor performers"),
  .default_sort = -1,
  .dup_rows = poor_dup_rows,
  .get_metrics = poor_get_metrics,
  .get_number = rank_get_number,
  .get_text = poor_get_text,
  .dup_totals = top_dup_totals,
  .get_influencer = poor_get_influencer,
  .update_model = update_table_model,
  .item_get_row = table_row_get_row,
};

/* ------------------------------------------------------------------------ */
/* ROAS by persona and by city: groups of an influencer attribute           */

static const HkTableColumn persona_columns[] = {
  { "persona", N_("Persona"), HK_CELL_VALUE, -1, 190 },
  { NULL, N_("ROAS"), HK_CELL_RATIO, HK_METRIC_ROAS, 70 },
  { NULL, N_("Mean Influencer ROAS"), HK_CELL_RATIO, HK_METRIC_MEAN_INFLUENCER_ROAS, 165 },
  { NULL, N_("Top Influencer ROAS"), HK_CELL_RATIO, HK_METRIC_TOP_INFLUENCER_ROAS, 155 },
  { NULL, N_("Influencers"), HK_CELL_COUNT, HK_METRIC_INFLUENCERS, 95 },
  { NULL, N_("Revenue"), HK_CELL_MONEY, HK_METRIC_REVENUE, 125 },
  { NULL, N_("Spend"), HK_CELL_MONEY, HK_METRIC_SPEND, 125 },
  { NULL, N_("Orders"), HK_CELL_COUNT, HK_METRIC_ORDERS, 70 },
};

static const HkTableColumn city_columns[] = {
  { "city", N_("City"), HK_CELL_VALUE, -1, 190 },
  { NULL, N_("ROAS"), HK_CELL_RATIO, HK_METRIC_ROAS, 70 },
  { NULL, N_("Mean Influencer ROAS"), HK_CELL_RATIO, HK_METRIC_MEAN_INFLUENCER_ROAS, 165 },
  { NULL, N_("Top Influencer ROAS"), HK_CELL_RATIO, HK_METRIC_TOP_INFLUENCER_ROAS, 155 },
  { NULL, N_("Influencers"), HK_CELL_COUNT, HK_METRIC_INFLUENCERS, 95 },
  { NULL, N_("Revenue"), HK_CELL_MONEY, HK_METRIC_REVENUE, 125 },
  { NULL, N_("Spend"), HK_CELL_MONEY, HK_METRIC_SPEND, 125 },
  { NULL, N_("Orders"), HK_CELL_COUNT, HK_METRIC_ORDERS, 70 },
};

static guint *
dup_group_rows (HkAnalysis  *analysis,
                HkDimension  dim,
                const char  *search,
                guint       *n_rows)
{
  guint n = hk_analysis_get_n_groups (analysis, dim);
  guint *rows = g_new (guint, MAX (1, n));
  guint k = 0;

  for (guint g = 0; g < n; g++)
    if (search == NULL ||
        hk_text_contains_folded (hk_gui_format_value (hk_analysis_get_group_key (analysis, dim, g)), search))
      rows[k++] = g;
  *n_rows = k;
  return rows;
}

static guint *
personas_dup_rows (HkAnalysis *analysis,
                   guint       param,
                   const char *search,
                   guint      *n_rows)
{
  return dup_group_rows (analysis, HK_DIM_PERSONA, search, n_rows);
}

static guint *
cities_dup_rows (HkAnalysis *analysis,
                 guint       param,
                 const char *search,
                 guint      *n_rows)
{
  return dup_group_rows (analysis, HK_DIM_CITY, search, n_rows);
}

static const HkMetrics *
personas_get_metrics (HkAnalysis *analysis,
                      guint       row)
{
  return hk_analysis_get_group (analysis, HK_DIM_PERSONA, row);
}

static const HkMetrics *
cities_get_metrics (HkAnalysis *analysis,
                    guint       row)
{
  return hk_analysis_get_group (analysis, HK_DIM_CITY, row);
}

static const char *
personas_get_text (HkAnalysis *analysis,
                   guint       row,
                   guint       column)
{
  return hk_analysis_get_group_key (analysis, HK_DIM_PERSONA, row);
}

static const char *
cities_get_text (HkAnalysis *analysis,
                 guint       row,
                 guint       column)
{
  return hk_analysis_get_group_key (analysis, HK_DIM_CITY, row);
}

static double
no_number (HkAnalysis *analysis,
           guint       row,
           guint       column)
{
  g_return_val_if_reached (NAN);
}

static char *
dup_group_totals (HkAnalysis   *analysis,
                  HkDimension   dim,
                  const guint  *rows,
                  guint         n_rows,
                  HkMoneyStyle  style)
{
  HkMetrics total = { 0 };
  g_autofree char *count = format_count (n_rows);
  g_autofree char *spend_text = NULL, *revenue_text = NULL, *roas_text = NULL;

  for (guint k = 0; k < n_rows; k++)
    hk_metrics_add (&total, hk_analysis_get_group (analysis, dim, rows[k]));
  spend_text = hk_gui_format_money (hk_metrics_get (&total, HK_METRIC_SPEND), style);
  revenue_text = hk_gui_format_money (total.revenue, style);
  roas_text = hk_gui_format_number (HK_CELL_RATIO, hk_metrics_get (&total, HK_METRIC_ROAS), style);
  if (dim == HK_DIM_PERSONA)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s persona · Revenue %s · Spend %s · ROAS %s",
                                         "%s personas · Revenue %s · Spend %s · ROAS %s", n_rows),
                            count, revenue_text, spend_text, roas_text);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s city · Revenue %s · Spend %s · ROAS %s",
                                       "%s cities · Revenue %s · Spend %s · ROAS %s", n_rows),
                          count, revenue_text, spend_text, roas_text);
}

static char *
personas_dup_totals (HkAnalysis   *analysis,
                     const guint  *rows,
                     guint         n_rows,
                     HkMoneyStyle  style)
{
  return dup_group_totals (analysis, HK_DIM_PERSONA, rows, n_rows, style);
}

static char *
cities_dup_totals (HkAnalysis   *analysis,
                   const guint  *rows,
                   guint         n_rows,
                   HkMoneyStyle  style)
{
  return dup_group_totals (analysis, HK_DIM_CITY, rows, n_rows, style);
}

static const HkTableSource personas_source = {
  .name = "personas",
  .columns = persona_columns,
  .n_columns = N_COLUMNS (persona_columns),
  .search_placeholder = N_("Search personas"),
  .default_sort = 1, /* ROAS */
  .default_descending = TRUE,
  .dup_rows = personas_dup_rows,
  .get_metrics = personas_get_metrics,
  .get_number = no_number,
  .get_text = personas_get_text,
  .dup_totals = personas_dup_totals,
  .update_model = update_table_model,
  .item_get_row = table_row_get_row,
};

static const HkTableSource cities_source = {
  .name = "cities",
  .columns = city_columns,
  .n_columns = N_COLUMNS (city_columns),
  .search_placeholder = N_("Search cities"),
  .default_sort = 1, /* ROAS */
  .default_descending = TRUE,
  .dup_rows = cities_dup_rows,
  .get_metrics = cities_get_metrics,
  .get_number = no_number,
  .get_text = cities_get_text,
  .dup_totals = cities_dup_totals,
  .update_model = update_table_model,
  .item_get_row = table_row_get_row,
};

/* ------------------------------------------------------------------------ */
/* One influencer's posts and tracking rows, whatever the filters            */

static const HkTableColumn influencer_post_columns[] = {
  { "date", N_("Date"), HK_CELL_DATE, -1, 110 },
  { "platform", N_("Platform"), HK_CELL_VALUE, -1, 100 },
  { "brand", N_("Brand"), HK_CELL_VALUE, -1, 110 },
  { "campaign", N_("Campaign"), HK_CELL_VALUE, -1, 150 },
  { "post_id", N_("Post ID"), HK_CELL_TEXT, -1, 90 },
  { "reach", N_("Reach"), HK_CELL_COUNT, -1, 0 },
  { "likes", N_("Likes"), HK_CELL_COUNT, -1, 0 },
  { "comments", N_("Comments"), HK_CELL_COUNT, -1, 0 },
  { "engagement_rate", N_("Engagement"), HK_CELL_PERCENT, -1, 0 },
  { "caption", N_("Caption"), HK_CELL_TEXT, -1, 280 },
};

static const HkPostColumn influencer_post_column_map[] = {
  HK_POST_COLUMN_DATE, HK_POST_COLUMN_PLATFORM, HK_POST_COLUMN_BRAND, HK_POST_COLUMN_CAMPAIGN,
  HK_POST_COLUMN_POST_ID, HK_POST_COLUMN_REACH, HK_POST_COLUMN_LIKES, HK_POST_COLUMN_COMMENTS,
  HK_POST_COLUMN_ENGAGEMENT_RATE, HK_POST_COLUMN_CAPTION,
};

G_STATIC_ASSERT (G_N_ELEMENTS (influencer_post_columns) == G_N_ELEMENTS (influencer_post_column_map));

/* The rows of one influencer in table, through its row model (a range). */
static guint *
dup_influencer_rows (HkAnalysis *analysis,
                     HkTable     table,
                     guint       influencer,
                     guint      *n_rows)
{
  HkDataset *ds = hk_analysis_get_dataset (analysis);
  g_autoptr(HkRowModel) model = NULL;
  guint n;
  guint *rows;

  if (influencer >= hk_dataset_get_n_influencers (ds))
    {
      *n_rows = 0;
      return g_new (guint, 1);
    }
  model = hk_row_model_new_for_influencer (ds, table, influencer);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  rows = g_new (guint, MAX (1, n));
  for (guint k = 0; k < n; k++)
    rows[k] = hk_row_model_get_row (model, k);
  *n_rows = n;
  return rows;
}

static guint *
influencer_posts_dup_rows (HkAnalysis *analysis,
                           guint       influencer,
                           const char *search,
                           guint      *n_rows)
{
  HkDataset *ds = hk_analysis_get_dataset (analysis);
  guint *rows = dup_influencer_rows (analysis, HK_TABLE_POSTS, influencer, n_rows);
  guint k = 0;

  if (search == NULL)
    return rows;
  for (guint i = 0; i < *n_rows; i++)
    if (hk_text_contains_folded (hk_post_rows_get_text (ds, rows[i], HK_POST_COLUMN_CAPTION), search) ||
        hk_text_contains_folded (hk_post_rows_get_text (ds, rows[i], HK_POST_COLUMN_POST_ID), search) ||
        hk_text_contains_folded (hk_post_rows_get_text (ds, rows[i], HK_POST_COLUMN_CAMPAIGN), search))
      rows[k++] = rows[i];
  *n_rows = k;
  return rows;
}

static double
influencer_posts_get_number (HkAnalysis *analysis,
                             guint       row,
                             guint       column)
{
  return hk_post_rows_get_number (hk_analysis_get_dataset (analysis), row, influencer_post_column_map[column]);
}

static const char *
influencer_posts_get_text (HkAnalysis *analysis,
                           guint       row,
                           guint       column)
{
  return hk_post_rows_get_text (hk_analysis_get_dataset (analysis), row, influencer_post_column_map[column]);
}

static char *
influencer_posts_dup_totals (HkAnalysis   *analysis,
                             const guint  *rows,
                             guint         n_rows,
                             HkMoneyStyle  style)
{
  return dup_post_totals (analysis, rows, n_rows, FALSE);
}

static const HkTableSource influencer_posts_source = {
  .name = "influencer-posts",
  .columns = influencer_post_columns,
  .n_columns = N_COLUMNS (influencer_post_columns),
  .search_placeholder = N_("Search captions, post ids and campaigns"),
  .default_sort = 0,
  .default_descending = TRUE,
  .dup_rows = influencer_posts_dup_rows,
  .get_number = influencer_posts_get_number,
  .get_text = influencer_posts_get_text,
  .dup_totals = influencer_posts_dup_totals,
  .update_model = influencer_posts_update_model,
  .item_get_row = post_get_row,
};

enum {
  ORD_DATE, ORD_SOURCE, ORD_CAMPAIGN, ORD_PRODUCT, ORD_BRAND, ORD_ORDERS, ORD_REVENUE,
  ORD_USER, ORD_CITY, ORD_AB_GROUP,
};

static const HkTableColumn influencer_order_columns[] = {
  [ORD_DATE] = { "date", N_("Date"), HK_CELL_DATE, -1, 110 },
  [ORD_SOURCE] = { "source", N_("Source"), HK_CELL_VALUE, -1, 100 },
  [ORD_CAMPAIGN] = { "campaign", N_("Campaign"), HK_CELL_VALUE, -1, 150 },
  [ORD_PRODUCT] = { "product", N_("Product"), HK_CELL_VALUE, -1, 220 },
  [ORD_BRAND] = { "brand", N_("Brand"), HK_CELL_VALUE, -1, 110 },
  [ORD_ORDERS] = { "orders", N_("Orders"), HK_CELL_COUNT, -1, 80 },
  [ORD_REVENUE] = { "revenue", N_("Revenue"), HK_CELL_MONEY, -1, 0 },
  [ORD_USER] = { "user_id", N_("User"), HK_CELL_TEXT, -1, 100 },
  [ORD_CITY] = { "city", N_("City"), HK_CELL_VALUE, -1, 110 },
  [ORD_AB_GROUP] = { "ab_group", N_("A/B Group"), HK_CELL_TEXT, -1, 90 },
};

static double
influencer_orders_get_number (HkAnalysis *analysis,
                              guint       row,
                              guint       column)
{
  g_autoptr(HkTrackingRow) record = hk_tracking_row_new (hk_analysis_get_dataset (analysis), row);

  switch (column)
    {
    case ORD_DATE:
      return hk_tracking_row_get_date (record);
    case ORD_ORDERS:
      return hk_tracking_row_get_orders (record);
    case ORD_REVENUE:
      return hk_tracking_row_get_revenue (record);
    default:
      g_return_val_if_reached (NAN);
    }
}

/* The strings are the dataset's, which outlives the record. */
static const char *
influencer_orders_get_text (HkAnalysis *analysis,
                            guint       row,
                            guint       column)
{
  g_autoptr(HkTrackingRow) record = hk_tracking_row_new (hk_analysis_get_dataset (analysis), row);

  switch (column)
    {
    case ORD_SOURCE:
      return hk_tracking_row_get_source (record);
    case ORD_CAMPAIGN:
      return hk_tracking_row_get_campaign (record);
    case ORD_PRODUCT:
      return hk_tracking_row_get_product (record);
    case ORD_BRAND:
      return hk_tracking_row_get_brand (record);
    case ORD_USER:
      return hk_tracking_row_get_user_id (record);
    case ORD_CITY:
      return hk_tracking_row_get_city (record);
    case ORD_AB_GROUP:
      return hk_tracking_row_get_ab_group (record);
    default:
      g_return_val_if_reached ("");
    }
}

static guint *
influencer_orders_dup_rows (HkAnalysis *analysis,
                            guint       influencer,
                            const char *search,
                            guint      *n_rows)
{
  guint *rows = dup_influencer_rows (analysis, HK_TABLE_TRACKING, influencer, n_rows);
  static const guint searched[] = { ORD_SOURCE, ORD_CAMPAIGN, ORD_PRODUCT, ORD_USER, ORD_CITY };
  guint k = 0;

  if (search == NULL)
    return rows;
  for (guint i = 0; i < *n_rows; i++)
    for (guint c = 0; c < G_N_ELEMENTS (searched); c++)
      if (hk_text_contains_folded (influencer_orders_get_text (analysis, rows[i], searched[c]), search))
        {
          rows[k++] = rows[i];
          break;
        }
  *n_rows = k;
  return rows;
}

static char *
influencer_orders_dup_totals (HkAnalysis   *analysis,
                              const guint  *rows,
                              guint         n_rows,
                              HkMoneyStyle  style)
{
  double orders = 0, revenue = 0;
  g_autofree char *count = format_count (n_rows);
  g_autofree char *orders_text = NULL, *revenue_text = NULL;

  for (guint k = 0; k < n_rows; k++)
    {
      orders += influencer_orders_get_number (analysis, rows[k], ORD_ORDERS);
      revenue += influencer_orders_get_number (analysis, rows[k], ORD_REVENUE);
    }
  orders_text = format_count (orders);
  revenue_text = hk_gui_format_money (revenue, style);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s tracking row · Orders %s · Revenue %s",
                                       "%s tracking rows · Orders %s · Revenue %s", n_rows),
                          count, orders_text, revenue_text);
}

static GListModel *
influencer_orders_update_model (GListModel  *model,
                                HkAnalysis  *analysis,
                                guint        param,
                                const guint *rows,
                                guint        n_rows)
{
  return update_row_model (model, analysis, HK_TABLE_TRACKING, rows, n_rows);
}

static guint
tracking_row_get_row (gpointer item)
{
  return hk_record_get_index (HK_RECORD (item));
}

static const HkTableSource influencer_orders_source = {
  .name = "influencer-orders",
  .columns = influencer_order_columns,
  .n_columns = N_COLUMNS (influencer_order_columns),
  .search_placeholder = N_("Search products, campaigns, sources and users"),
  .default_sort = ORD_DATE,
  .default_descending = TRUE,
  .dup_rows = influencer_orders_dup_rows,
  .get_number = influencer_orders_get_number,
  .get_text = influencer_orders_get_text,
  .dup_totals = influencer_orders_dup_totals,
  .update_model = influencer_orders_update_model,
  .item_get_row = tracking_row_get_row,
};

/* ------------------------------------------------------------------------ */
/* Public API                                                               */

static const HkTableSource * const sources[] = {
  &influencers_source,
  &payouts_source,
  &posts_source,
  &top_source,
  &poor_source,
  &personas_source,
  &cities_source,
  &influencer_posts_source,
  &influencer_orders_source,
};

const HkTableSource *
hk_table_source_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    if (g_str_equal (sources[i]->name, name))
      return sources[i];
  return NULL;
}

const char *
hk_table_source_get_column_id (const HkTableSource *source,
                               guint                column)
{
  const HkTableColumn *c;

  g_return_val_if_fail (column < source->n_columns, NULL);

  c = &source->columns[column];
  return c->metric >= 0 ? hk_metric_name (c->metric) : c->id;
}

int
hk_table_source_find_column (const HkTableSource *source,
                             const char          *id)
{
  for (guint c = 0; c < source->n_columns; c++)
    if (g_strcmp0 (hk_table_source_get_column_id (source, c), id) == 0)
      return (int) c;
  return -1;
}

double
hk_table_source_get_number (const HkTableSource *source,
                            HkAnalysis          *analysis,
                            guint                row,
                            guint                column)
{
  const HkTableColumn *c = &source->columns[column];

  if (c->metric >= 0)
    return hk_metrics_get (source->get_metrics (analysis, row), c->metric);
  return source->get_number (analysis, row, column);
}

char *
hk_table_source_format_cell (const HkTableSource *source,
                             HkAnalysis          *analysis,
                             guint                row,
                             guint                column,
                             HkMoneyStyle         style)
{
  HkCellKind kind = source->columns[column].kind;

  if (!hk_cell_kind_is_number (kind))
    return g_strdup (hk_gui_format_text (kind, source->get_text (analysis, row, column)));
  return hk_gui_format_number (kind, hk_table_source_get_number (source, analysis, row, column), style);
}

typedef struct {
  guint       position; /* in the rows' own order: ties keep it */
  guint       row;
  double      number;
  const char *text;
} SortKey;

static int
compare_numbers (gconstpointer a,
                 gconstpointer b,
                 gpointer      descending)
{
  const SortKey *x = a, *y = b;
  gboolean x_undefined = isnan (x->number), y_undefined = isnan (y->number);
  int order;

  if (x_undefined || y_undefined)
    order = x_undefined && y_undefined ? 0 : x_undefined ? 1 : -1;
  else
    {
      order = (x->number > y->number) - (x->number < y->number);
      if (GPOINTER_TO_INT (descending))
        order = -order;
    }
  return order != 0 ? order : (x->position > y->position) - (x->position < y->position);
}

static int
compare_texts (gconstpointer a,
               gconstpointer b,
               gpointer      descending)
{
  const SortKey *x = a, *y = b;
  gboolean x_empty = *x->text == '\0', y_empty = *y->text == '\0';
  int order;

  if (x_empty || y_empty)
    order = x_empty && y_empty ? 0 : x_empty ? 1 : -1;
  else
    {
      order = g_ascii_strcasecmp (x->text, y->text);
      if (order == 0)
        order = strcmp (x->text, y->text);
      order = (order > 0) - (order < 0);
      if (GPOINTER_TO_INT (descending))
        order = -order;
    }
  return order != 0 ? order : (x->position > y->position) - (x->position < y->position);
}

void
hk_table_source_sort (const HkTableSource *source,
                      HkAnalysis          *analysis,
                      guint               *rows,
                      guint                n_rows,
                      guint                column,
                      gboolean             descending)
{
  gboolean numeric;
  g_autofree SortKey *keys = NULL;

  g_return_if_fail (column < source->n_columns);

  if (n_rows < 2)
    return;
  numeric = hk_cell_kind_is_number (source->columns[column].kind);
  keys = g_new (SortKey, n_rows);
  for (guint k = 0; k < n_rows; k++)
    {
      keys[k].position = k;
      keys[k].row = rows[k];
      if (numeric)
        keys[k].number = hk_table_source_get_number (source, analysis, rows[k], column);
      else
        keys[k].text = source->get_text (analysis, rows[k], column);
    }
  g_qsort_with_data (keys, n_rows, sizeof *keys, numeric ? compare_numbers : compare_texts,
                     GINT_TO_POINTER (descending));
  for (guint k = 0; k < n_rows; k++)
    rows[k] = keys[k].row;
}

gboolean
hk_table_source_write_csv (const HkTableSource *source,
                           HkAnalysis          *analysis,
                           const guint         *rows,
                           guint                n_rows,
                           const char          *path,
                           GCancellable        *cancellable,
                           GError             **error)
{
  g_autoptr(HkCsvWriter) writer = NULL;

  writer = hk_csv_writer_new_for_path (path, error);
  if (writer == NULL)
    return FALSE;
  for (guint c = 0; c < source->n_columns; c++)
    hk_csv_writer_add_text (writer, hk_table_source_get_column_id (source, c));
  hk_csv_writer_end_row (writer);

  for (guint k = 0; k < n_rows; k++)
    {
      if ((k & 0xfff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      for (guint c = 0; c < source->n_columns; c++)
        {
          HkCellKind kind = source->columns[c].kind;
          double value;

          if (!hk_cell_kind_is_number (kind))
            {
              hk_csv_writer_add_text (writer, source->get_text (analysis, rows[k], c));
              continue;
            }
          value = hk_table_source_get_number (source, analysis, rows[k], c);
          if (kind == HK_CELL_DATE && !isnan (value))
            {
              char iso[HK_DATE_ISO_LEN];

              hk_date_format_iso ((gint32) value, iso);
              hk_csv_writer_add_text (writer, iso);
            }
          else if (kind == HK_CELL_FLAG)
            hk_csv_writer_add_text (writer, value != 0 ? "true" : "false");
          else
            hk_csv_writer_add_double (writer, kind == HK_CELL_MONEY ? hk_money_round (value) : value);
        }
      hk_csv_writer_end_row (writer);
    }
  return hk_csv_writer_close (writer, cancellable, error);
}
