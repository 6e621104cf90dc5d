/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "hk-influencer-rows.h"
#include "hk-post-rows.h"
#include "hk-post.h"
#include "hk-row-model.h"
#include "hk-date.h"
#include "hk-table-spec.h"
#include "hk-tracking-row.h"

/* The tables of the app and of the summary files (hk-table-spec.h). Columns
 * shown in the app come first in the order it shows them; export-only
 * columns after. */

#define N_COLUMNS(a) G_N_ELEMENTS (a)

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

/* "holdout+assumed": a handful of distinct strings, interned so cells can
 * borrow them. */
static const char *
methods_text (guint8 methods)
{
  g_autofree char *text = hk_iroas_methods_to_string (methods);

  return g_intern_string (text);
}

/* ------------------------------------------------------------------------ */
/* Influencers: every influencer the influencer filters keep                */

/* Money first: what analysts sort by; attributes after. */
enum {
  INF_NAME, INF_ID, INF_PLATFORM, INF_TIER, INF_REVENUE, INF_SPEND, INF_ROAS, INF_IROAS,
  INF_ORDERS, INF_COST_PER_ORDER, INF_AOV, INF_POSTS, INF_REACH, INF_ENGAGEMENT, INF_LIKES,
  INF_COMMENTS, INF_CPM, INF_CPE, INF_ROI, INF_INCREMENTAL_REVENUE, INF_CATEGORY, INF_PERSONA,
  INF_CITY, INF_FOLLOWERS, INF_DECISION, INF_SCORE, INF_P_BELOW, INF_FAIR_RATE, INF_SAVING,
  INF_GENDER, INF_METHOD, INF_SCORE_LOW, INF_SCORE_HIGH, INF_BREAKEVEN, N_INF_COLUMNS
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
  [INF_CITY] = { "city", N_("City"), HK_CELL_VALUE, -1, 125 },
  [INF_FOLLOWERS] = { "follower_count", N_("Followers"), HK_CELL_COUNT, -1, 0 },
  [INF_DECISION] = { "decision", N_("Decision"), HK_CELL_DECISION, -1, 110 },
  [INF_SCORE] = { "score", N_("Score"), HK_CELL_RATIO, -1, 80 },
  [INF_SCORE_LOW] = { "score_low", N_("Score Low"), HK_CELL_RATIO, -1, 90, HK_COLUMN_EXPORT_ONLY },
  [INF_SCORE_HIGH] = { "score_high", N_("Score High"), HK_CELL_RATIO, -1, 90, HK_COLUMN_EXPORT_ONLY },
  [INF_P_BELOW] = { "p_below_breakeven", N_("P(Below Break-even)"), HK_CELL_PERCENT, -1, 150 },
  [INF_FAIR_RATE] = { "fair_rate", N_("Fair Rate"), HK_CELL_RATE, -1, 110 },
  [INF_SAVING] = { "saving", N_("Saving"), HK_CELL_MONEY, -1, 0 },
  [INF_BREAKEVEN] = { "breakeven_roas", N_("Break-even ROAS"), HK_CELL_RATIO, -1, 130, HK_COLUMN_EXPORT_ONLY },
  [INF_GENDER] = { "gender", N_("Gender"), HK_CELL_VALUE, -1, 90, HK_COLUMN_EXPORT_ONLY },
  [INF_METHOD] = { "iroas_method", N_("iROAS Method"), HK_CELL_TEXT, -1, 130, HK_COLUMN_EXPORT_ONLY },
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
    case INF_GENDER: return HK_INFLUENCER_COLUMN_GENDER;
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
                         guint       row,
                         HkMetrics  *scratch)
{
  return hk_analysis_get_group (analysis, HK_DIM_INFLUENCER, row);
}

static double
influencers_get_number (HkAnalysis *analysis,
                        guint       row,
                        guint       column)
{
  HkScore s;

  if (column == INF_FOLLOWERS)
    return hk_influencer_rows_get_follower_count (hk_analysis_get_dataset (analysis),
                                                  influencer_of_group (analysis, row));
  if (!hk_analysis_get_score (analysis, row, &s))
    return NAN;
  switch (column)
    {
    case INF_SCORE: return s.score;
    case INF_SCORE_LOW: return s.low;
    case INF_SCORE_HIGH: return s.high;
    case INF_P_BELOW: return s.p_below_breakeven;
    case INF_FAIR_RATE: return s.fair_rate;
    case INF_SAVING: return s.saving;
    case INF_BREAKEVEN: return s.breakeven;
    default: g_return_val_if_reached (NAN);
    }
}

static const char *
influencers_get_text (HkAnalysis *analysis,
                      guint       row,
                      guint       column)
{
  HkScore s;

  if (column == INF_METHOD)
    return methods_text (hk_analysis_get_group (analysis, HK_DIM_INFLUENCER, row)->methods);
  if (column == INF_DECISION)
    return hk_decision_name (hk_analysis_get_score (analysis, row, &s) ? s.decision : HK_DECISION_NONE);
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

static const HkTableSpec influencers_spec = {
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
  .get_influencer = influencers_get_influencer,
};

/* ------------------------------------------------------------------------ */
/* Payouts: the influencers with payout rows                                */

enum {
  PAY_NAME, PAY_ID, PAY_BASIS, PAY_RATE, PAY_UNITS, PAY_TOTAL, PAY_REVENUE, PAY_ROAS,
  PAY_FLAG, PAY_BELOW_BREAKEVEN, PAY_DECISION, PAY_FAIR_RATE,
};

static const HkTableColumn payout_columns[] = {
  [PAY_NAME] = { "name", N_("Influencer"), HK_CELL_TEXT, -1, 120 },
  [PAY_ID] = { "influencer_id", N_("ID"), HK_CELL_TEXT, -1, 60 },
  [PAY_BASIS] = { "basis", N_("Basis"), HK_CELL_BASIS, -1, 0 },
  [PAY_RATE] = { "rate", N_("Rate"), HK_CELL_RATE, -1, 105 },
  [PAY_UNITS] = { "units", N_("Units"), HK_CELL_COUNT, -1, 70 },
  [PAY_TOTAL] = { "total_payout", N_("Total Payout"), HK_CELL_MONEY, HK_METRIC_SPEND, 130 },
  [PAY_REVENUE] = { NULL, N_("Revenue"), HK_CELL_MONEY, HK_METRIC_REVENUE, 130 },
  [PAY_ROAS] = { NULL, N_("ROAS"), HK_CELL_RATIO, HK_METRIC_ROAS, 70 },
  [PAY_FLAG] = { "payout_exceeds_revenue", N_("Payout > Revenue"), HK_CELL_FLAG, -1, 190, HK_COLUMN_EXPORT_ONLY },
  [PAY_BELOW_BREAKEVEN] = { "below_breakeven", N_("Flag"), HK_CELL_FLAG, -1, 190 },
  [PAY_DECISION] = { "decision", N_("Decision"), HK_CELL_DECISION, -1, 110 },
  [PAY_FAIR_RATE] = { "fair_rate", N_("Fair Rate"), HK_CELL_RATE, -1, 110 },
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
  const char *basis;
  double rate = NAN, units = NAN;

  switch (column)
    {
    case PAY_RATE:
    case PAY_UNITS:
      hk_analysis_get_payout_info (analysis, row, &basis, &rate, &units);
      return column == PAY_RATE ? rate : units;
    case PAY_FLAG:
      return hk_metrics_payout_exceeds_revenue (hk_analysis_get_group (analysis, HK_DIM_INFLUENCER, row)) ?
             HK_PAYOUT_EXCEEDS_REVENUE : HK_PAYOUT_FINE;
    case PAY_BELOW_BREAKEVEN:
      return hk_metrics_payout_flag (hk_analysis_get_group (analysis, HK_DIM_INFLUENCER, row),
                                     hk_analysis_get_influencer_breakeven (analysis, row));
    case PAY_FAIR_RATE:
      return influencers_get_number (analysis, row, INF_FAIR_RATE);
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
    case PAY_DECISION:
      return influencers_get_text (analysis, row, INF_DECISION);
    case PAY_BASIS:
      if (!hk_analysis_get_payout_info (analysis, row, &basis, &rate, &units))
        return "";
      return basis;
    default:
      g_return_val_if_reached ("");
    }
}

static const HkTableSpec payouts_spec = {
  .name = "payouts",
  .columns = payout_columns,
  .n_columns = N_COLUMNS (payout_columns),
  .search_placeholder = N_("Search influencers"),
  .default_sort = PAY_TOTAL,
  .default_descending = TRUE,
  .dup_rows = payouts_dup_rows,
  .get_metrics = influencers_get_metrics,
  .get_number = payouts_get_number,
  .get_text = payouts_get_text,
  .get_influencer = influencers_get_influencer,
};

/* ------------------------------------------------------------------------ */
/* Top influencers and poor performers: rows are positions in their lists,  */
/* every other column is the influencers table's                            */

static const HkTableColumn rank_columns[] = {
  { "rank", N_("Rank"), HK_CELL_COUNT, -1, 55 },
  { "name", N_("Influencer"), HK_CELL_TEXT, -1, 150 },
  { "influencer_id", N_("ID"), HK_CELL_TEXT, -1, 60 },
  { "platform", N_("Platform"), HK_CELL_VALUE, -1, 90 },
  { "persona", N_("Persona"), HK_CELL_VALUE, -1, 140 },
  { "city", N_("City"), HK_CELL_VALUE, -1, 125 },
  /* The top list ranks by score: it comes first of the numbers. */
  { "score", N_("Score"), HK_CELL_RATIO, -1, 70 },
  { NULL, N_("ROAS"), HK_CELL_RATIO, HK_METRIC_ROAS, 70 },
  { NULL, N_("Revenue"), HK_CELL_MONEY, HK_METRIC_REVENUE, 125 },
  { NULL, N_("Spend"), HK_CELL_MONEY, HK_METRIC_SPEND, 125 },
  { NULL, N_("Orders"), HK_CELL_COUNT, HK_METRIC_ORDERS, 70 },
  { "decision", N_("Decision"), HK_CELL_DECISION, -1, 110 },
  { "score_low", N_("Score Low"), HK_CELL_RATIO, -1, 90, HK_COLUMN_EXPORT_ONLY },
  { "score_high", N_("Score High"), HK_CELL_RATIO, -1, 90, HK_COLUMN_EXPORT_ONLY },
  { "p_below_breakeven", N_("P(Below Break-even)"), HK_CELL_PERCENT, -1, 150, HK_COLUMN_EXPORT_ONLY },
  { "fair_rate", N_("Fair Rate"), HK_CELL_RATE, -1, 110, HK_COLUMN_EXPORT_ONLY },
  { "saving", N_("Saving"), HK_CELL_MONEY, -1, 0, HK_COLUMN_EXPORT_ONLY },
  { "category", N_("Category"), HK_CELL_VALUE, -1, 110, HK_COLUMN_EXPORT_ONLY },
  { "gender", N_("Gender"), HK_CELL_VALUE, -1, 90, HK_COLUMN_EXPORT_ONLY },
  { "follower_count", N_("Followers"), HK_CELL_COUNT, -1, 0, HK_COLUMN_EXPORT_ONLY },
  { NULL, N_("Posts"), HK_CELL_COUNT, HK_METRIC_POSTS, 70, HK_COLUMN_EXPORT_ONLY },
  { NULL, N_("Reach"), HK_CELL_COUNT, HK_METRIC_REACH, 0, HK_COLUMN_EXPORT_ONLY },
  { NULL, N_("Likes"), HK_CELL_COUNT, HK_METRIC_LIKES, 0, HK_COLUMN_EXPORT_ONLY },
  { NULL, N_("Comments"), HK_CELL_COUNT, HK_METRIC_COMMENTS, 0, HK_COLUMN_EXPORT_ONLY },
  { NULL, N_("Engagement"), HK_CELL_PERCENT, HK_METRIC_ENGAGEMENT_RATE, 0, HK_COLUMN_EXPORT_ONLY },
  { NULL, N_("Incremental Revenue"), HK_CELL_MONEY, HK_METRIC_INCREMENTAL_REVENUE, 160, HK_COLUMN_EXPORT_ONLY },
  { NULL, N_("iROAS"), HK_CELL_RATIO, HK_METRIC_INCREMENTAL_ROAS, 80, HK_COLUMN_EXPORT_ONLY },
  { NULL, N_("Cost per Order"), HK_CELL_MONEY, HK_METRIC_COST_PER_ORDER, 130, HK_COLUMN_EXPORT_ONLY },
  { "tier", N_("Tier"), HK_CELL_TIER, -1, 70, HK_COLUMN_EXPORT_ONLY },
  { NULL, N_("CPM"), HK_CELL_MONEY, HK_METRIC_CPM, 110, HK_COLUMN_EXPORT_ONLY },
  { NULL, N_("CPE"), HK_CELL_MONEY, HK_METRIC_CPE, 100, HK_COLUMN_EXPORT_ONLY },
  { NULL, N_("AOV"), HK_CELL_MONEY, HK_METRIC_AOV, 120, HK_COLUMN_EXPORT_ONLY },
  { NULL, N_("ROI"), HK_CELL_PERCENT, HK_METRIC_ROI, 100, HK_COLUMN_EXPORT_ONLY },
  { "iroas_method", N_("iROAS Method"), HK_CELL_TEXT, -1, 130, HK_COLUMN_EXPORT_ONLY },
};

/* The influencers table's column for each rank column but the first. */
static const guint *
rank_to_influencer_columns (void)
{
  static guint map[N_COLUMNS (rank_columns)];
  static gsize done;

  if (g_once_init_enter (&done))
    {
      for (guint c = 1; c < N_COLUMNS (rank_columns); c++)
        {
          const HkTableColumn *rc = &rank_columns[c];
          int i = hk_table_spec_find_column (&influencers_spec, rc->id ? rc->id : hk_metric_name (rc->metric));
          g_assert (i >= 0);
          map[c] = i;
        }
      g_once_init_leave (&done, 1);
    }
  return map;
}

static guint
ranked_group (HkAnalysis *analysis,
              gboolean    poor,
              guint       position)
{
  return poor ? hk_analysis_get_poor (analysis, position) : hk_analysis_get_top (analysis, position);
}

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
    if (influencer_matches (analysis, influencer_of_group (analysis, ranked_group (analysis, poor, i)), search))
      rows[k++] = i;
  *n_rows = k;
  return rows;
}

static double
rank_get_number (HkAnalysis *analysis,
                 gboolean    poor,
                 guint       row,
                 guint       column)
{
  if (column == 0)
    return row + 1;
  return influencers_get_number (analysis, ranked_group (analysis, poor, row),
                                 rank_to_influencer_columns ()[column]);
}

static const char *
rank_get_text (HkAnalysis *analysis,
               gboolean    poor,
               guint       row,
               guint       column)
{
  return influencers_get_text (analysis, ranked_group (analysis, poor, row),
                               rank_to_influencer_columns ()[column]);
}

#define RANK_SPEC(kind, poor, placeholder)                                                      \
static guint *kind##_dup_rows (HkAnalysis *a, guint param, const char *search, guint *n_rows)  \
{ return dup_rank_rows (a, poor, search, n_rows); }                                              \
static const HkMetrics *kind##_get_metrics (HkAnalysis *a, guint row, HkMetrics *scratch)       \
{ return hk_analysis_get_group (a, HK_DIM_INFLUENCER, ranked_group (a, poor, row)); }            \
static double kind##_get_number (HkAnalysis *a, guint row, guint column)                         \
{ return rank_get_number (a, poor, row, column); }                                               \
static const char *kind##_get_text (HkAnalysis *a, guint row, guint column)                      \
{ return rank_get_text (a, poor, row, column); }                                                 \
static int kind##_get_influencer (HkAnalysis *a, guint row)                                      \
{ return (int) influencer_of_group (a, ranked_group (a, poor, row)); }                           \
static const HkTableSpec kind##_spec = {                                                         \
  .name = #kind, .columns = rank_columns, .n_columns = N_COLUMNS (rank_columns),                \
  .search_placeholder = placeholder, .default_sort = -1,                                         \
  .dup_rows = kind##_dup_rows, .get_metrics = kind##_get_metrics,                                \
  .get_number = kind##_get_number, .get_text = kind##_get_text,                                  \
  .get_influencer = kind##_get_influencer,                                                       \
};

RANK_SPEC (top, FALSE, N_("Search top influencers"))
RANK_SPEC (poor, TRUE, N_("Search poor performers"))

/* ------------------------------------------------------------------------ */
/* Decisions: the influencers to scale, drop or renegotiate (rows are       */
/* influencer groups, in hk_analysis_dup_decided ()'s order)                */

static const HkTableColumn decision_columns[] = {
  { "name", N_("Influencer"), HK_CELL_TEXT, -1, 160 },
  { "influencer_id", N_("ID"), HK_CELL_TEXT, -1, 60 },
  { "platform", N_("Platform"), HK_CELL_VALUE, -1, 90 },
  { "tier", N_("Tier"), HK_CELL_TIER, -1, 70 },
  { "decision", N_("Decision"), HK_CELL_DECISION, -1, 110 },
  { NULL, N_("Spend"), HK_CELL_MONEY, HK_METRIC_SPEND, 125 },
  { NULL, N_("Revenue"), HK_CELL_MONEY, HK_METRIC_REVENUE, 125 },
  { NULL, N_("ROAS"), HK_CELL_RATIO, HK_METRIC_ROAS, 70 },
  { "score", N_("Score"), HK_CELL_RATIO, -1, 70 },
  { "p_below_breakeven", N_("P(Below Break-even)"), HK_CELL_PERCENT, -1, 150 },
  { "basis", N_("Basis"), HK_CELL_BASIS, -1, 85 },
  { "rate", N_("Rate"), HK_CELL_RATE, -1, 105 },
  { "fair_rate", N_("Fair Rate"), HK_CELL_RATE, -1, 110 },
  { "target_rate", N_("Rate for Target"), HK_CELL_RATE, -1, 130 },
  { "saving", N_("Saving"), HK_CELL_MONEY, -1, 0 },
  { NULL, N_("Orders"), HK_CELL_COUNT, HK_METRIC_ORDERS, 70 },
  { NULL, N_("Posts"), HK_CELL_COUNT, HK_METRIC_POSTS, 70 },
  { "score_low", N_("Score Low"), HK_CELL_RATIO, -1, 90, HK_COLUMN_EXPORT_ONLY },
  { "score_high", N_("Score High"), HK_CELL_RATIO, -1, 90, HK_COLUMN_EXPORT_ONLY },
  { "breakeven_roas", N_("Break-even ROAS"), HK_CELL_RATIO, -1, 130, HK_COLUMN_EXPORT_ONLY },
};

/* The influencers table's column for each decision column; -1 for basis, rate
 * and target_rate, read from the payout rows. */
static const int *
decision_to_influencer_columns (void)
{
  static int map[N_COLUMNS (decision_columns)];
  static gsize done;

  if (g_once_init_enter (&done))
    {
      for (guint c = 0; c < N_COLUMNS (decision_columns); c++)
        {
          const HkTableColumn *dc = &decision_columns[c];

          map[c] = hk_table_spec_find_column (&influencers_spec, dc->id ? dc->id : hk_metric_name (dc->metric));
          g_assert (map[c] >= 0 || g_str_equal (dc->id, "basis") || g_str_equal (dc->id, "rate") ||
                    g_str_equal (dc->id, "target_rate"));
        }
      g_once_init_leave (&done, 1);
    }
  return map;
}

static guint *
dup_decision_rows (HkAnalysis *analysis,
                   HkDecision  decision,
                   const char *search,
                   guint      *n_rows)
{
  guint n, k = 0;
  guint *rows = hk_analysis_dup_decided (analysis, decision, &n);

  for (guint i = 0; i < n; i++)
    if (influencer_matches (analysis, influencer_of_group (analysis, rows[i]), search))
      rows[k++] = rows[i];
  *n_rows = k;
  return rows;
}

static double
decision_get_number (HkAnalysis *analysis,
                     guint       row,
                     guint       column)
{
  const char *basis;
  double rate = NAN, units, target;
  HkScore s;

  if (decision_to_influencer_columns ()[column] >= 0)
    return influencers_get_number (analysis, row, decision_to_influencer_columns ()[column]);
  if (!hk_analysis_get_payout_info (analysis, row, &basis, &rate, &units))
    return NAN;
  if (g_str_equal (decision_columns[column].id, "rate"))
    return rate;
  /* The rate at which the score would meet the target ROAS. */
  hk_analysis_get_score (analysis, row, &s);
  target = hk_metrics_fair_rate (rate, s.score, hk_analysis_get_options (analysis)->target_roas);
  /* Rupees to the paisa; a commission as is. */
  return rate >= 1 ? hk_money_round (target) : target;
}

static const char *
decision_get_text (HkAnalysis *analysis,
                   guint       row,
                   guint       column)
{
  const char *basis = "";
  double rate, units;

  if (decision_to_influencer_columns ()[column] >= 0)
    return influencers_get_text (analysis, row, decision_to_influencer_columns ()[column]);
  if (!hk_analysis_get_payout_info (analysis, row, &basis, &rate, &units))
    return "";
  return basis;
}

#define DECISION_SPEC(kind, decision, placeholder)                                               \
static guint *kind##_dup_rows (HkAnalysis *a, guint param, const char *search, guint *n_rows)  \
{ return dup_decision_rows (a, decision, search, n_rows); }                                      \
static const HkTableSpec kind##_spec = {                                                         \
  .name = #kind, .columns = decision_columns, .n_columns = N_COLUMNS (decision_columns),        \
  .search_placeholder = placeholder, .default_sort = -1,                                         \
  .dup_rows = kind##_dup_rows, .get_metrics = influencers_get_metrics,                           \
  .get_number = decision_get_number, .get_text = decision_get_text,                              \
  .get_influencer = influencers_get_influencer,                                                   \
};

DECISION_SPEC (scale, HK_DECISION_SCALE, N_("Search influencers to scale"))
DECISION_SPEC (drop, HK_DECISION_DROP, N_("Search influencers to drop"))
DECISION_SPEC (renegotiate, HK_DECISION_RENEGOTIATE, N_("Search influencers to renegotiate"))
DECISION_SPEC (watch, HK_DECISION_WATCH, N_("Search influencers to watch"))

/* ------------------------------------------------------------------------ */
/* Groups of a dimension: ROAS by persona, city, brand, platform            */

#define GROUP_COLUMNS(key, title)                                                                 \
  { key, title, HK_CELL_VALUE, -1, 190 },                                                         \
  { NULL, N_("ROAS"), HK_CELL_RATIO, HK_METRIC_ROAS, 70 },                                        \
  { NULL, N_("Mean Influencer ROAS"), HK_CELL_RATIO, HK_METRIC_MEAN_INFLUENCER_ROAS, 165 },       \
  { NULL, N_("Top Influencer ROAS"), HK_CELL_RATIO, HK_METRIC_TOP_INFLUENCER_ROAS, 155 },         \
  { NULL, N_("Influencers"), HK_CELL_COUNT, HK_METRIC_INFLUENCERS, 95 },                          \
  { NULL, N_("Revenue"), HK_CELL_MONEY, HK_METRIC_REVENUE, 125 },                                 \
  { NULL, N_("Spend"), HK_CELL_MONEY, HK_METRIC_SPEND, 125 },                                     \
  { NULL, N_("Orders"), HK_CELL_COUNT, HK_METRIC_ORDERS, 70 },                                    \
  { NULL, N_("iROAS"), HK_CELL_RATIO, HK_METRIC_INCREMENTAL_ROAS, 80, HK_COLUMN_EXPORT_ONLY },    \
  { NULL, N_("Posts"), HK_CELL_COUNT, HK_METRIC_POSTS, 70, HK_COLUMN_EXPORT_ONLY },               \
  { NULL, N_("Reach"), HK_CELL_COUNT, HK_METRIC_REACH, 0, HK_COLUMN_EXPORT_ONLY },                \
  { NULL, N_("Engagement"), HK_CELL_PERCENT, HK_METRIC_ENGAGEMENT_RATE, 0, HK_COLUMN_EXPORT_ONLY }, \
  { NULL, N_("Incremental Revenue"), HK_CELL_MONEY, HK_METRIC_INCREMENTAL_REVENUE, 160, HK_COLUMN_EXPORT_ONLY }, \
  { NULL, N_("Cost per Order"), HK_CELL_MONEY, HK_METRIC_COST_PER_ORDER, 130, HK_COLUMN_EXPORT_ONLY }, \
  { "iroas_method", N_("iROAS Method"), HK_CELL_TEXT, -1, 130, HK_COLUMN_EXPORT_ONLY }

#define GROUP_METHOD_COLUMN 14

/* The empty value is shown "Unknown", and found by it. */
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
    {
      const char *key = hk_analysis_get_group_key (analysis, dim, g);

      if (search == NULL || hk_text_contains_folded (*key ? key : _("Unknown"), search))
        rows[k++] = g;
    }
  *n_rows = k;
  return rows;
}

static const char *
group_get_text (HkAnalysis  *analysis,
                HkDimension  dim,
                guint        row,
                guint        column)
{
  if (column == GROUP_METHOD_COLUMN)
    return methods_text (hk_analysis_get_group (analysis, dim, row)->methods);
  return hk_analysis_get_group_key (analysis, dim, row);
}

#define GROUP_SPEC(kind, dim, key, title, placeholder)                                           \
static const HkTableColumn kind##_columns[] = { GROUP_COLUMNS (key, title) };                   \
static guint *kind##_dup_rows (HkAnalysis *a, guint param, const char *search, guint *n_rows)  \
{ return dup_group_rows (a, dim, search, n_rows); }                                              \
static const HkMetrics *kind##_get_metrics (HkAnalysis *a, guint row, HkMetrics *scratch)       \
{ return hk_analysis_get_group (a, dim, row); }                                                  \
static const char *kind##_get_text (HkAnalysis *a, guint row, guint column)                      \
{ return group_get_text (a, dim, row, column); }                                                 \
static const HkTableSpec kind##_spec = {                                                         \
  .name = #kind, .columns = kind##_columns, .n_columns = N_COLUMNS (kind##_columns),            \
  .search_placeholder = placeholder, .default_sort = 1, .default_descending = TRUE,              \
  .dup_rows = kind##_dup_rows, .get_metrics = kind##_get_metrics, .get_text = kind##_get_text,  \
};

GROUP_SPEC (personas, HK_DIM_PERSONA, "persona", N_("Persona"), N_("Search personas"))
GROUP_SPEC (cities, HK_DIM_CITY, "city", N_("City"), N_("Search cities"))
GROUP_SPEC (brands, HK_DIM_BRAND, "brand", N_("Brand"), N_("Search brands"))
GROUP_SPEC (platforms, HK_DIM_PLATFORM, "platform", N_("Platform"), N_("Search platforms"))

G_STATIC_ASSERT (G_N_ELEMENTS (personas_columns) == GROUP_METHOD_COLUMN + 1);

/* ------------------------------------------------------------------------ */
/* Days                                                                     */

static const HkTableColumn day_columns[] = {
  { "date", N_("Date"), HK_CELL_DATE, -1, 110 },
  { NULL, N_("Orders"), HK_CELL_COUNT, HK_METRIC_ORDERS, 80 },
  { NULL, N_("Revenue"), HK_CELL_MONEY, HK_METRIC_REVENUE, 0 },
  { NULL, N_("Spend"), HK_CELL_MONEY, HK_METRIC_SPEND, 0 },
  { NULL, N_("ROAS"), HK_CELL_RATIO, HK_METRIC_ROAS, 80 },
  { NULL, N_("Posts"), HK_CELL_COUNT, HK_METRIC_POSTS, 70 },
  { NULL, N_("Reach"), HK_CELL_COUNT, HK_METRIC_REACH, 0 },
  { NULL, N_("Incremental Revenue"), HK_CELL_MONEY, HK_METRIC_INCREMENTAL_REVENUE, 160 },
};

static guint *
days_dup_rows (HkAnalysis *analysis,
               guint       param,
               const char *search,
               guint      *n_rows)
{
  return dup_group_rows (analysis, HK_DIM_DAY, search, n_rows);
}

static const HkMetrics *
days_get_metrics (HkAnalysis *analysis,
                  guint       row,
                  HkMetrics  *scratch)
{
  return hk_analysis_get_group (analysis, HK_DIM_DAY, row);
}

static double
days_get_number (HkAnalysis *analysis,
                 guint       row,
                 guint       column)
{
  return (double) hk_analysis_get_group_index (analysis, HK_DIM_DAY, row);
}

static const HkTableSpec days_spec = {
  .name = "days",
  .columns = day_columns,
  .n_columns = N_COLUMNS (day_columns),
  .search_placeholder = N_("Search days"),
  .default_sort = -1,
  .dup_rows = days_dup_rows,
  .get_metrics = days_get_metrics,
  .get_number = days_get_number,
};

/* ------------------------------------------------------------------------ */
/* Campaigns: what each one cost, brought in, and earned over what would    */
/* have come anyway                                                         */

enum {
  CAM_CAMPAIGN, CAM_BRAND, CAM_FIRST_DAY, CAM_LAST_DAY, CAM_SPEND, CAM_REVENUE, CAM_ROAS,
  CAM_INCREMENTAL_REVENUE, CAM_IROAS, CAM_IROAS_LOW, CAM_IROAS_HIGH, CAM_METHOD,
  CAM_INFLUENCERS, CAM_POSTS, CAM_ORDERS, CAM_EXPOSED_USERS, CAM_HOLDOUT_USERS,
  CAM_EXPOSED_BUYERS, CAM_HOLDOUT_BUYERS, N_CAM_COLUMNS
};

static const HkTableColumn campaign_columns[] = {
  [CAM_CAMPAIGN] = { "campaign", N_("Campaign"), HK_CELL_VALUE, -1, 250 },
  [CAM_BRAND] = { "brand", N_("Brand"), HK_CELL_VALUE, -1, 110 },
  [CAM_FIRST_DAY] = { "first_day", N_("First Day"), HK_CELL_DATE, -1, 110 },
  [CAM_LAST_DAY] = { "last_day", N_("Last Day"), HK_CELL_DATE, -1, 110 },
  [CAM_SPEND] = { NULL, N_("Spend"), HK_CELL_MONEY, HK_METRIC_SPEND, 0 },
  [CAM_REVENUE] = { NULL, N_("Revenue"), HK_CELL_MONEY, HK_METRIC_REVENUE, 0 },
  [CAM_ROAS] = { NULL, N_("ROAS"), HK_CELL_RATIO, HK_METRIC_ROAS, 80 },
  [CAM_INCREMENTAL_REVENUE] = { NULL, N_("Incremental Revenue"), HK_CELL_MONEY, HK_METRIC_INCREMENTAL_REVENUE, 160 },
  [CAM_IROAS] = { "iroas", N_("iROAS"), HK_CELL_RATIO, HK_METRIC_INCREMENTAL_ROAS, 80 },
  [CAM_IROAS_LOW] = { "iroas_low", N_("iROAS Low"), HK_CELL_RATIO, -1, 95 },
  [CAM_IROAS_HIGH] = { "iroas_high", N_("iROAS High"), HK_CELL_RATIO, -1, 95 },
  [CAM_METHOD] = { "method", N_("Method"), HK_CELL_METHOD, -1, 130 },
  [CAM_INFLUENCERS] = { NULL, N_("Influencers"), HK_CELL_COUNT, HK_METRIC_INFLUENCERS, 95 },
  [CAM_POSTS] = { NULL, N_("Posts"), HK_CELL_COUNT, HK_METRIC_POSTS, 70 },
  [CAM_ORDERS] = { NULL, N_("Orders"), HK_CELL_COUNT, HK_METRIC_ORDERS, 80 },
  [CAM_EXPOSED_USERS] = { "exposed_users", N_("Exposed Users"), HK_CELL_COUNT, -1, 120 },
  [CAM_HOLDOUT_USERS] = { "holdout_users", N_("Holdout Users"), HK_CELL_COUNT, -1, 120 },
  [CAM_EXPOSED_BUYERS] = { "exposed_buyers", N_("Exposed Buyers"), HK_CELL_COUNT, -1, 120 },
  [CAM_HOLDOUT_BUYERS] = { "holdout_buyers", N_("Holdout Buyers"), HK_CELL_COUNT, -1, 120 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (campaign_columns) == N_CAM_COLUMNS);

static guint *
campaigns_dup_rows (HkAnalysis *analysis,
                    guint       param,
                    const char *search,
                    guint      *n_rows)
{
  return dup_group_rows (analysis, HK_DIM_CAMPAIGN, search, n_rows);
}

static const HkMetrics *
campaigns_get_metrics (HkAnalysis *analysis,
                       guint       row,
                       HkMetrics  *scratch)
{
  return hk_analysis_get_group (analysis, HK_DIM_CAMPAIGN, row);
}

static double
campaigns_get_number (HkAnalysis *analysis,
                      guint       row,
                      guint       column)
{
  HkCampaignInfo info;

  if (!hk_analysis_get_campaign_info (analysis, row, &info))
    return NAN;
  switch (column)
    {
    case CAM_FIRST_DAY: return info.first_day == HK_DAY_NONE ? NAN : info.first_day;
    case CAM_LAST_DAY: return info.last_day == HK_DAY_NONE ? NAN : info.last_day;
    case CAM_IROAS_LOW: return info.iroas_low;
    case CAM_IROAS_HIGH: return info.iroas_high;
    case CAM_EXPOSED_USERS: return info.exposed_users;
    case CAM_HOLDOUT_USERS: return info.holdout_users;
    case CAM_EXPOSED_BUYERS: return info.exposed_buyers;
    case CAM_HOLDOUT_BUYERS: return info.holdout_buyers;
    default: g_return_val_if_reached (NAN);
    }
}

static const char *
campaigns_get_text (HkAnalysis *analysis,
                    guint       row,
                    guint       column)
{
  HkCampaignInfo info;

  switch (column)
    {
    case CAM_CAMPAIGN:
      return hk_analysis_get_group_key (analysis, HK_DIM_CAMPAIGN, row);
    case CAM_BRAND:
      return hk_analysis_get_campaign_info (analysis, row, &info) ? info.brand : "";
    case CAM_METHOD:
      return methods_text (hk_analysis_get_campaign_info (analysis, row, &info) ? info.method : 0);
    default:
      g_return_val_if_reached ("");
    }
}

static const HkTableSpec campaigns_spec = {
  .name = "campaigns",
  .columns = campaign_columns,
  .n_columns = N_COLUMNS (campaign_columns),
  .search_placeholder = N_("Search campaigns"),
  .default_sort = CAM_SPEND,
  .default_descending = TRUE,
  .dup_rows = campaigns_dup_rows,
  .get_metrics = campaigns_get_metrics,
  .get_number = campaigns_get_number,
  .get_text = campaigns_get_text,
};

/* ------------------------------------------------------------------------ */
/* Posts: every post the selection counts, and one influencer's posts       */

static const HkTableColumn post_columns[] = {
  { "date", N_("Date"), HK_CELL_DATE, -1, 110 },
  { "name", N_("Influencer"), HK_CELL_TEXT, -1, 170 },
  { "influencer_id", N_("ID"), HK_CELL_TEXT, -1, 90 },
  { "platform", N_("Platform"), HK_CELL_VALUE, -1, 100 },
  { "brand", N_("Brand"), HK_CELL_VALUE, -1, 110 },
  { "campaign", N_("Campaign"), HK_CELL_VALUE, -1, 245 },
  { "post_id", N_("Post ID"), HK_CELL_TEXT, -1, 90 },
  { "reach", N_("Reach"), HK_CELL_COUNT, HK_METRIC_REACH, 0 },
  { "likes", N_("Likes"), HK_CELL_COUNT, HK_METRIC_LIKES, 0 },
  { "comments", N_("Comments"), HK_CELL_COUNT, HK_METRIC_COMMENTS, 0 },
  { "engagement_rate", N_("Engagement"), HK_CELL_PERCENT, HK_METRIC_ENGAGEMENT_RATE, 0 },
  { "caption", N_("Caption"), HK_CELL_TEXT, -1, 280 },
  { "url", N_("URL"), HK_CELL_TEXT, -1, 240 },
};

static const HkPostColumn post_column_map[] = {
  HK_POST_COLUMN_DATE, HK_POST_COLUMN_INFLUENCER_NAME, HK_POST_COLUMN_INFLUENCER_ID,
  HK_POST_COLUMN_PLATFORM, HK_POST_COLUMN_BRAND, HK_POST_COLUMN_CAMPAIGN,
  HK_POST_COLUMN_POST_ID, HK_POST_COLUMN_REACH, HK_POST_COLUMN_LIKES,
  HK_POST_COLUMN_COMMENTS, HK_N_POST_COLUMNS /* a metric */, HK_POST_COLUMN_CAPTION,
  HK_POST_COLUMN_URL,
};

G_STATIC_ASSERT (G_N_ELEMENTS (post_columns) == G_N_ELEMENTS (post_column_map));

/* A post counted whole: its reach, likes and comments, for footers and the
 * engagement rate. */
static const HkMetrics *
post_metrics (HkAnalysis *analysis,
              guint       row,
              HkMetrics  *scratch)
{
  HkDataset *ds = hk_analysis_get_dataset (analysis);

  *scratch = (HkMetrics) {
    .posts = 1,
    .reach = hk_post_rows_get_number (ds, row, HK_POST_COLUMN_REACH),
    .likes = hk_post_rows_get_number (ds, row, HK_POST_COLUMN_LIKES),
    .comments = hk_post_rows_get_number (ds, row, HK_POST_COLUMN_COMMENTS),
  };
  return scratch;
}

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

static int
posts_get_influencer (HkAnalysis *analysis,
                      guint       row)
{
  g_autoptr(HkPost) post = hk_post_new (hk_analysis_get_dataset (analysis), row);

  return hk_post_get_influencer_index (post);
}

static const HkTableSpec posts_spec = {
  .name = "posts",
  .columns = post_columns,
  .n_columns = N_COLUMNS (post_columns),
  .search_placeholder = N_("Search influencers, post ids and captions"),
  .default_sort = 0, /* date */
  .default_descending = TRUE,
  .dup_rows = posts_dup_rows,
  .get_metrics = post_metrics,
  .get_number = posts_get_number,
  .get_text = posts_get_text,
  .get_influencer = posts_get_influencer,
};

static const HkTableColumn influencer_post_columns[] = {
  { "date", N_("Date"), HK_CELL_DATE, -1, 110 },
  { "platform", N_("Platform"), HK_CELL_VALUE, -1, 100 },
  { "brand", N_("Brand"), HK_CELL_VALUE, -1, 110 },
  { "campaign", N_("Campaign"), HK_CELL_VALUE, -1, 245 },
  { "post_id", N_("Post ID"), HK_CELL_TEXT, -1, 90 },
  { "reach", N_("Reach"), HK_CELL_COUNT, HK_METRIC_REACH, 0 },
  { "likes", N_("Likes"), HK_CELL_COUNT, HK_METRIC_LIKES, 0 },
  { "comments", N_("Comments"), HK_CELL_COUNT, HK_METRIC_COMMENTS, 0 },
  { "engagement_rate", N_("Engagement"), HK_CELL_PERCENT, HK_METRIC_ENGAGEMENT_RATE, 0 },
  { "caption", N_("Caption"), HK_CELL_TEXT, -1, 280 },
  { "url", N_("URL"), HK_CELL_TEXT, -1, 240 },
};

static const HkPostColumn influencer_post_column_map[] = {
  HK_POST_COLUMN_DATE, HK_POST_COLUMN_PLATFORM, HK_POST_COLUMN_BRAND, HK_POST_COLUMN_CAMPAIGN,
  HK_POST_COLUMN_POST_ID, HK_POST_COLUMN_REACH, HK_POST_COLUMN_LIKES, HK_POST_COLUMN_COMMENTS,
  HK_N_POST_COLUMNS /* a metric */, HK_POST_COLUMN_CAPTION, HK_POST_COLUMN_URL,
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

static const HkTableSpec influencer_posts_spec = {
  .name = "influencer-posts",
  .columns = influencer_post_columns,
  .n_columns = N_COLUMNS (influencer_post_columns),
  .search_placeholder = N_("Search captions, post ids and campaigns"),
  .default_sort = 0,
  .default_descending = TRUE,
  .dup_rows = influencer_posts_dup_rows,
  .get_metrics = post_metrics,
  .get_number = influencer_posts_get_number,
  .get_text = influencer_posts_get_text,
};

/* ------------------------------------------------------------------------ */
/* One influencer's attributed tracking rows                                */

enum {
  ORD_DATE, ORD_SOURCE, ORD_CAMPAIGN, ORD_PRODUCT, ORD_BRAND, ORD_ORDERS, ORD_REVENUE,
  ORD_USER, ORD_CITY, ORD_AB_GROUP,
};

static const HkTableColumn influencer_order_columns[] = {
  [ORD_DATE] = { "date", N_("Date"), HK_CELL_DATE, -1, 110 },
  [ORD_SOURCE] = { "source", N_("Source"), HK_CELL_SOURCE, -1, 100 },
  [ORD_CAMPAIGN] = { "campaign", N_("Campaign"), HK_CELL_VALUE, -1, 220 },
  [ORD_PRODUCT] = { "product", N_("Product"), HK_CELL_VALUE, -1, 220 },
  [ORD_BRAND] = { "brand", N_("Brand"), HK_CELL_VALUE, -1, 110 },
  [ORD_ORDERS] = { "orders", N_("Orders"), HK_CELL_COUNT, HK_METRIC_ORDERS, 80 },
  [ORD_REVENUE] = { "revenue", N_("Revenue"), HK_CELL_MONEY, HK_METRIC_REVENUE, 0 },
  [ORD_USER] = { "user_id", N_("User"), HK_CELL_TEXT, -1, 100 },
  [ORD_CITY] = { "city", N_("City"), HK_CELL_VALUE, -1, 125 },
  [ORD_AB_GROUP] = { "ab_group", N_("A/B Group"), HK_CELL_TEXT, -1, 90 },
};

static const HkMetrics *
influencer_orders_get_metrics (HkAnalysis *analysis,
                               guint       row,
                               HkMetrics  *scratch)
{
  g_autoptr(HkTrackingRow) record = hk_tracking_row_new (hk_analysis_get_dataset (analysis), row);

  *scratch = (HkMetrics) {
    .tracking_rows = 1,
    .orders = hk_tracking_row_get_orders (record),
    .revenue = hk_tracking_row_get_revenue (record),
  };
  return scratch;
}

static double
influencer_orders_get_number (HkAnalysis *analysis,
                              guint       row,
                              guint       column)
{
  g_autoptr(HkTrackingRow) record = hk_tracking_row_new (hk_analysis_get_dataset (analysis), row);

  g_return_val_if_fail (column == ORD_DATE, NAN);
  return hk_tracking_row_get_date (record);
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

static const HkTableSpec influencer_orders_spec = {
  .name = "influencer-orders",
  .columns = influencer_order_columns,
  .n_columns = N_COLUMNS (influencer_order_columns),
  .search_placeholder = N_("Search products, campaigns, sources and users"),
  .default_sort = ORD_DATE,
  .default_descending = TRUE,
  .dup_rows = influencer_orders_dup_rows,
  .get_metrics = influencer_orders_get_metrics,
  .get_number = influencer_orders_get_number,
  .get_text = influencer_orders_get_text,
};

/* ------------------------------------------------------------------------ */

static const HkTableSpec * const catalogue[] = {
  &influencers_spec,
  &payouts_spec,
  &posts_spec,
  &top_spec,
  &poor_spec,
  &scale_spec,
  &drop_spec,
  &renegotiate_spec,
  &watch_spec,
  &personas_spec,
  &cities_spec,
  &brands_spec,
  &platforms_spec,
  &days_spec,
  &campaigns_spec,
  &influencer_posts_spec,
  &influencer_orders_spec,
};

const HkTableSpec *
hk_table_spec_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (catalogue); i++)
    if (g_str_equal (catalogue[i]->name, name))
      return catalogue[i];
  return NULL;
}
