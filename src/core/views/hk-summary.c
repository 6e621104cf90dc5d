/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "hk-date.h"
#include "hk-file-writer.h"
#include "hk-summary.h"
#include "hk-table-spec.h"

typedef struct {
  HkAnalysis      *analysis;
  HkDataset       *ds;
  const char      *folder;
  HkSummaryFormat  format;
  GCancellable    *cancellable;
  HkFileSet       *set;       /* every file, committed together */
} Ctx;

/* Each summary file is a table of the catalogue (hk-table-spec.h), with the
 * columns the original scripts wrote, in their order. */

#define INFLUENCER_COLUMNS \
  "influencer_id", "name", "category", "gender", "follower_count", "platform", "city", \
  "persona", "posts", "reach", "likes", "comments", "engagement_rate", "orders", "revenue", \
  "spend", "roas", "incremental_revenue", "incremental_roas", "cost_per_order", "tier", \
  "cpm", "cpe", "aov", "roi", "iroas_method", NULL

/* The influencer columns and the score beside them (DESIGN.md §3). */
#define SCORED_COLUMNS \
  "influencer_id", "name", "category", "gender", "follower_count", "platform", "city", \
  "persona", "posts", "reach", "likes", "comments", "engagement_rate", "orders", "revenue", \
  "spend", "roas", "incremental_revenue", "incremental_roas", "cost_per_order", "tier", \
  "cpm", "cpe", "aov", "roi", "iroas_method", "score", "score_low", "score_high", \
  "p_below_breakeven", "decision", "fair_rate", NULL

/* The renegotiation list a manager takes into a call. */
#define DECISION_COLUMNS \
  "influencer_id", "name", "platform", "tier", "decision", "spend", "revenue", "roas", \
  "score", "score_low", "score_high", "p_below_breakeven", "breakeven_roas", "basis", "rate", \
  "fair_rate", "target_rate", "saving", NULL

#define GROUP_COLUMNS(key) \
  key, "influencers", "orders", "revenue", "spend", "roas", "mean_influencer_roas", \
  "incremental_roas", "posts", "reach", "engagement_rate", "incremental_revenue", \
  "top_influencer_roas", "cost_per_order", "iroas_method", NULL

static const struct {
  const char *file;
  const char *table;
  const char *columns[40];
} summary_files[] = {
  { "roas_summary", "influencers", { SCORED_COLUMNS } },
  { "performance_summary", "influencers",
    { "influencer_id", "name", "platform", "posts", "reach", "likes", "comments",
      "engagement_rate", "orders", "revenue", "aov", "cpm", "cpe", NULL } },
  { "payout_summary", "payouts",
    { "influencer_id", "name", "basis", "rate", "units", "total_payout", "revenue", "roas",
      "payout_exceeds_revenue", "below_breakeven", NULL } },
  { "persona_roas", "personas", { GROUP_COLUMNS ("persona") } },
  { "city_roas", "cities", { GROUP_COLUMNS ("city") } },
  { "poor_influencers", "poor", { INFLUENCER_COLUMNS } },
  { "top_influencers", "top", { SCORED_COLUMNS } },
  { "renegotiation_list", "renegotiate", { DECISION_COLUMNS } },
  { "brand_summary", "brands", { GROUP_COLUMNS ("brand") } },
  { "platform_summary", "platforms", { GROUP_COLUMNS ("platform") } },
  { "campaign_summary", "campaigns",
    { "campaign", "brand", "first_day", "last_day", "influencers", "posts", "spend", "revenue",
      "orders", "roas", "incremental_revenue", "iroas", "iroas_low", "iroas_high", "method",
      "exposed_users", "holdout_users", "exposed_buyers", "holdout_buyers", NULL } },
  { "daily_summary", "days",
    { "date", "orders", "revenue", "spend", "roas", "posts", "reach", "incremental_revenue", NULL } },
};

static gboolean
write_table (Ctx      *ctx,
             guint     f,
             GError  **error)
{
  const HkTableSpec *spec = hk_table_spec_lookup (summary_files[f].table);
  g_autofree char *file = g_strconcat (summary_files[f].file, ctx->format == HK_SUMMARY_CSV ? ".csv" : ".json", NULL);
  HkFileWriter *out = hk_file_set_add (ctx->set, file, error);
  g_autofree guint *rows = NULL;
  guint n_rows;

  if (out == NULL)
    return FALSE;
  rows = spec->dup_rows (ctx->analysis, 0, NULL, &n_rows);
  return hk_table_spec_write (spec, ctx->analysis, rows, n_rows, summary_files[f].columns,
                              ctx->format == HK_SUMMARY_CSV ? HK_TABLE_CSV : HK_TABLE_JSON,
                              out, ctx->cancellable, error);
}

/* ------------------------------------------------------------------------ */
/* summary.json                                                             */

static void
add_number (JsonBuilder *b,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (b, name);
  if (isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

static const HkMetric campaign_total_metrics[] = {
  HK_METRIC_POSTS, HK_METRIC_ORDERS, HK_METRIC_REVENUE, HK_METRIC_SPEND, HK_METRIC_ROAS,
  HK_METRIC_INCREMENTAL_REVENUE, HK_METRIC_INCREMENTAL_ROAS,
};

static void
add_metrics (JsonBuilder     *b,
             const HkMetrics *m)
{
  g_autofree char *methods = hk_iroas_methods_to_string (m->methods);

  json_builder_begin_object (b);
  for (guint k = 0; k < HK_N_METRICS; k++)
    add_number (b, hk_metric_name (k), hk_metric_export_value (m, k));
  json_builder_set_member_name (b, "iroas_method");
  json_builder_add_string_value (b, methods);
  json_builder_end_object (b);
}

/* The campaigns table's rows pooled: what campaigns cost and added, with
 * the interval of their iROAS where the methods give one. */
static void
add_campaign_totals (JsonBuilder *b,
                     HkAnalysis  *a)
{
  const HkTableSpec *spec = hk_table_spec_lookup ("campaigns");
  g_autofree guint *rows = NULL;
  guint n_rows;
  HkMetrics total;

  rows = spec->dup_rows (a, 0, NULL, &n_rows);
  hk_table_spec_sum (spec, a, rows, n_rows, &total);
  json_builder_set_member_name (b, "campaigns");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "count");
  json_builder_add_int_value (b, n_rows);
  for (guint k = 0; k < G_N_ELEMENTS (campaign_total_metrics); k++)
    add_number (b, hk_metric_name (campaign_total_metrics[k]),
                hk_metric_export_value (&total, campaign_total_metrics[k]));
  json_builder_end_object (b);
}

static gboolean
write_summary_json (Ctx     *ctx,
                    GError **error)
{
  HkAnalysis *a = ctx->analysis;
  const HkAnalysisOptions *o = hk_analysis_get_options (a);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  HkFileWriter *out = NULL;
  g_autofree char *method = hk_analysis_options_format_iroas (o);
  g_autofree char *text = NULL;
  const char * const *values;
  double low, high;
  gint32 first, last;
  char day[HK_DATE_ISO_LEN];

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "totals");
  add_metrics (b, hk_analysis_get_totals (a));
  add_number (b, "unallocated_spend", hk_analysis_get_unallocated_spend (a));

  json_builder_set_member_name (b, "iroas");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "method");
  json_builder_add_string_value (b, method);
  json_builder_set_member_name (b, "label");
  json_builder_add_string_value (b, hk_analysis_get_iroas_label (a));
  if (hk_analysis_get_iroas_interval (a, &low, &high))
    {
      add_number (b, "interval_low", low);
      add_number (b, "interval_high", high);
    }
  /* How much of the revenue each method's figure rests on. */
  json_builder_set_member_name (b, "revenue_by_method");
  json_builder_begin_object (b);
  for (guint bit = 0; bit < 4; bit++)
    {
      g_autofree char *name = hk_iroas_methods_to_string (1u << bit);

      add_number (b, name, hk_money_round (hk_analysis_get_iroas_revenue (a, 1u << bit)));
    }
  add_number (b, "none", hk_money_round (hk_analysis_get_iroas_revenue (a, 0)));
  json_builder_end_object (b);
  json_builder_set_member_name (b, "holdout_tests");
  json_builder_begin_array (b);
  for (guint k = 0; k < hk_analysis_get_n_holdout_tests (a); k++)
    {
      HkHoldoutTest test;

      hk_analysis_get_holdout_test (a, k, &test);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "campaign");
      json_builder_add_string_value (b, test.campaign);
      add_number (b, "exposed_users", test.exposed_users);
      add_number (b, "holdout_users", test.holdout_users);
      add_number (b, "exposed_revenue", test.exposed_revenue);
      add_number (b, "holdout_revenue", test.holdout_revenue);
      add_number (b, "incremental_revenue", test.incremental_revenue);
      add_number (b, "incremental_revenue_low", test.low);
      add_number (b, "incremental_revenue_high", test.high);
      add_number (b, "exposed_buyers", test.exposed_buyers);
      add_number (b, "holdout_buyers", test.holdout_buyers);
      json_builder_set_member_name (b, "excluded_users");
      json_builder_add_int_value (b, test.excluded_users);
      json_builder_set_member_name (b, "valid");
      json_builder_add_boolean_value (b, test.valid);
      json_builder_set_member_name (b, "few_buyers");
      json_builder_add_boolean_value (b, test.few_buyers);
      json_builder_set_member_name (b, "note");
      json_builder_add_string_value (b, test.note ? test.note : "");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "filter");
  json_builder_begin_object (b);
  for (guint d = 0; d < HK_N_DIMS; d++)
    if ((values = hk_filter_get_values (hk_analysis_get_filter (a), d))[0] != NULL)
      {
        json_builder_set_member_name (b, hk_dimension_name (d));
        json_builder_begin_array (b);
        for (guint k = 0; values[k]; k++)
          json_builder_add_string_value (b, values[k]);
        json_builder_end_array (b);
      }
  hk_filter_get_date_range (hk_analysis_get_filter (a), &first, &last);
  if (first != HK_DAY_NONE)
    {
      hk_date_format_iso (first, day);
      json_builder_set_member_name (b, "from");
      json_builder_add_string_value (b, day);
    }
  if (last != HK_DAY_NONE)
    {
      hk_date_format_iso (last, day);
      json_builder_set_member_name (b, "to");
      json_builder_add_string_value (b, day);
    }
  if (hk_filter_get_search (hk_analysis_get_filter (a)))
    {
      json_builder_set_member_name (b, "search");
      json_builder_add_string_value (b, hk_filter_get_search (hk_analysis_get_filter (a)));
    }
  json_builder_end_object (b);

  add_campaign_totals (b, a);
  json_builder_set_member_name (b, "influencers");
  json_builder_add_int_value (b, hk_analysis_get_n_groups (a, HK_DIM_INFLUENCER));
  json_builder_set_member_name (b, "import_report");
  json_builder_add_value (b, hk_import_report_to_json (hk_dataset_get_report (ctx->ds)));
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  out = hk_file_set_add (ctx->set, "summary.json", error);
  return out != NULL &&
         hk_file_writer_write (out, text, strlen (text), error) &&
         hk_file_writer_close (out, ctx->cancellable, error);
}

typedef struct {
  Ctx     *ctx;
  guint    part;    /* files of this part: roas_summary alone, or the rest */
  GError  *error;
} Part;

static gpointer
write_part (gpointer data)
{
  Part *part = data;

  for (guint f = 0; f < G_N_ELEMENTS (summary_files) && part->error == NULL; f++)
    if ((f == 0) == (part->part == 0))
      write_table (part->ctx, f, &part->error);
  return NULL;
}

gboolean
hk_summary_write (HkAnalysis       *analysis,
                  const char       *folder,
                  HkSummaryFormat   format,
                  GCancellable     *cancellable,
                  GError          **error)
{
  g_autoptr(HkFileSet) set = NULL;
  Ctx ctx = { analysis, hk_analysis_get_dataset (analysis), folder, format, cancellable, NULL };
  Part parts[2] = { { &ctx, 0, NULL }, { &ctx, 1, NULL } };
  GThread *thread;

  g_return_val_if_fail (analysis != NULL && folder != NULL, FALSE);

  /* All files or none: each is written under a temporary name, and they
   * are renamed into place only once every one was written. */
  set = hk_file_set_new (folder, error);
  if (set == NULL)
    return FALSE;
  ctx.set = set;
  /* The widest file on one thread, the others on this one. */
  thread = g_thread_new ("hk-summary", write_part, &parts[0]);
  write_part (&parts[1]);
  g_thread_join (thread);
  for (guint p = 0; p < 2; p++)
    if (parts[p].error)
      {
        g_propagate_error (error, parts[p].error);
        g_clear_error (&parts[1 - p].error);
        return FALSE;
      }
  return write_summary_json (&ctx, error) && hk_file_set_commit (set, error);
}
