/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "hk-csv-writer.h"
#include "hk-dataset-private.h"
#include "hk-date.h"
#include "hk-file-writer.h"
#include "hk-summary.h"

/* A table is written cell by cell to either a CSV writer or a JSON array of
 * objects, so both formats come from one description of the columns. */
typedef struct {
  HkCsvWriter   *csv;
  GString       *json;
  GPtrArray     *columns;  /* names, for JSON keys */
  guint          column;   /* of the current row */
  gboolean       first_row;
} Table;

static void
table_begin (Table      *t,
             const char *first_column,
             ...)
{
  va_list args;
  const char *name;

  t->columns = g_ptr_array_new ();
  va_start (args, first_column);
  for (name = first_column; name; name = va_arg (args, const char *))
    g_ptr_array_add (t->columns, (gpointer) name);
  va_end (args);

  if (t->csv)
    {
      for (guint i = 0; i < t->columns->len; i++)
        hk_csv_writer_add_text (t->csv, t->columns->pdata[i]);
      hk_csv_writer_end_row (t->csv);
    }
  else
    g_string_append_c (t->json, '[');
  t->first_row = TRUE;
}

static void
json_key (Table *t)
{
  g_assert (t->column < t->columns->len);
  if (t->column == 0)
    g_string_append (t->json, t->first_row ? "\n  {" : ",\n  {");
  else
    g_string_append_c (t->json, ',');
  g_string_append_printf (t->json, "\"%s\": ", (const char *) t->columns->pdata[t->column]);
}

static void
json_string (GString    *out,
             const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if ((guchar) *p < 0x20)
            g_string_append_printf (out, "\\u%04x", (guchar) *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
cell_text (Table      *t,
           const char *text)
{
  if (t->csv)
    hk_csv_writer_add_text (t->csv, text);
  else
    {
      json_key (t);
      json_string (t->json, text);
    }
  t->column++;
}

/* Undefined values (NAN) are empty cells, or null in JSON. */
static void
cell_number (Table  *t,
             double  value)
{
  char buf[32];

  if (t->csv)
    hk_csv_writer_add_double (t->csv, value);
  else
    {
      json_key (t);
      if (hk_format_double_roundtrip (value, buf))
        g_string_append (t->json, buf);
      else
        g_string_append (t->json, "null");
    }
  t->column++;
}

/* A metric of a row; money to the paisa, so that sums of rupees and paise
 * read 84268.1, not 84268.10000000005. */
static void
cell_metric (Table           *t,
             const HkMetrics *m,
             HkMetric         metric)
{
  cell_number (t, hk_metric_export_value (m, metric));
}

static void
cell_bool (Table    *t,
           gboolean  value)
{
  if (t->csv)
    hk_csv_writer_add_text (t->csv, value ? "true" : "false");
  else
    {
      json_key (t);
      g_string_append (t->json, value ? "true" : "false");
    }
  t->column++;
}

static void
end_row (Table *t)
{
  g_assert (t->column == t->columns->len);
  if (t->csv)
    hk_csv_writer_end_row (t->csv);
  else
    g_string_append_c (t->json, '}');
  t->column = 0;
  t->first_row = FALSE;
}

typedef struct {
  HkAnalysis      *analysis;
  HkDataset       *ds;
  const char      *folder;
  HkSummaryFormat  format;
  GCancellable    *cancellable;
  HkFileSet       *set;       /* every file, committed together */
} Ctx;

typedef void (*FillTable) (Ctx *ctx, Table *t);

static gboolean
write_table (Ctx         *ctx,
             const char  *name,
             FillTable    fill,
             GError     **error)
{
  g_autofree char *file = g_strconcat (name, ctx->format == HK_SUMMARY_CSV ? ".csv" : ".json", NULL);
  HkFileWriter *out = hk_file_set_add (ctx->set, file, error);
  Table t = { 0 };
  gboolean ok;

  if (out == NULL)
    return FALSE;
  if (ctx->format == HK_SUMMARY_CSV)
    {
      t.csv = hk_csv_writer_new_for_file_writer (out);
      fill (ctx, &t);
      ok = hk_csv_writer_close (t.csv, ctx->cancellable, error);
      hk_csv_writer_free (t.csv);
    }
  else
    {
      t.json = g_string_new (NULL);
      fill (ctx, &t);
      g_string_append (t.json, t.first_row ? "]\n" : "\n]\n");
      ok = hk_file_writer_write (out, t.json->str, t.json->len, error) &&
           hk_file_writer_close (out, ctx->cancellable, error);
      g_string_free (t.json, TRUE);
    }
  g_ptr_array_unref (t.columns);
  return ok;
}

/* ------------------------------------------------------------------------ */
/* The tables                                                               */

static void
influencer_cells (Ctx   *ctx,
                  Table *t,
                  guint  group)
{
  HkDataset *ds = ctx->ds;
  HkAnalysis *a = ctx->analysis;
  guint i = hk_analysis_get_group_index (a, HK_DIM_INFLUENCER, group);
  const HkMetrics *m = hk_analysis_get_group (a, HK_DIM_INFLUENCER, group);
  g_autofree char *methods = hk_iroas_methods_to_string (m->methods);

  cell_text (t, hk_analysis_get_group_key (a, HK_DIM_INFLUENCER, group));
  cell_text (t, ds->inf_name[i]);
  cell_text (t, hk_str_pool_get (ds->pools[HK_POOL_CATEGORY], ds->inf_category[i]));
  cell_text (t, hk_str_pool_get (ds->pools[HK_POOL_GENDER], ds->inf_gender[i]));
  cell_number (t, ds->inf_followers[i]);
  cell_text (t, hk_str_pool_get (ds->pools[HK_POOL_PLATFORM], ds->inf_platform[i]));
  cell_text (t, hk_str_pool_get (ds->pools[HK_POOL_CITY], ds->inf_city[i]));
  cell_text (t, hk_str_pool_get (ds->pools[HK_POOL_PERSONA], ds->inf_persona[i]));
  cell_metric (t, m, HK_METRIC_POSTS);
  cell_metric (t, m, HK_METRIC_REACH);
  cell_metric (t, m, HK_METRIC_LIKES);
  cell_metric (t, m, HK_METRIC_COMMENTS);
  cell_metric (t, m, HK_METRIC_ENGAGEMENT_RATE);
  cell_metric (t, m, HK_METRIC_ORDERS);
  cell_metric (t, m, HK_METRIC_REVENUE);
  cell_metric (t, m, HK_METRIC_SPEND);
  cell_metric (t, m, HK_METRIC_ROAS);
  cell_metric (t, m, HK_METRIC_INCREMENTAL_REVENUE);
  cell_metric (t, m, HK_METRIC_INCREMENTAL_ROAS);
  cell_metric (t, m, HK_METRIC_COST_PER_ORDER);
  cell_text (t, hk_tier_name (ds->inf_tier[i]));
  cell_metric (t, m, HK_METRIC_CPM);
  cell_metric (t, m, HK_METRIC_CPE);
  cell_metric (t, m, HK_METRIC_AOV);
  cell_metric (t, m, HK_METRIC_ROI);
  cell_text (t, methods);
  end_row (t);
}

#define INFLUENCER_COLUMNS \
  "influencer_id", "name", "category", "gender", "follower_count", "platform", "city", \
  "persona", "posts", "reach", "likes", "comments", "engagement_rate", "orders", "revenue", \
  "spend", "roas", "incremental_revenue", "incremental_roas", "cost_per_order", "tier", \
  "cpm", "cpe", "aov", "roi", "iroas_method"

static void
fill_roas (Ctx   *ctx,
           Table *t)
{
  table_begin (t, INFLUENCER_COLUMNS, NULL);
  for (guint g = 0; g < hk_analysis_get_n_groups (ctx->analysis, HK_DIM_INFLUENCER); g++)
    influencer_cells (ctx, t, g);
}

static void
fill_top (Ctx   *ctx,
          Table *t)
{
  table_begin (t, INFLUENCER_COLUMNS, NULL);
  for (guint k = 0; k < hk_analysis_get_n_top (ctx->analysis); k++)
    influencer_cells (ctx, t, hk_analysis_get_top (ctx->analysis, k));
}

static void
fill_poor (Ctx   *ctx,
           Table *t)
{
  table_begin (t, INFLUENCER_COLUMNS, NULL);
  for (guint k = 0; k < hk_analysis_get_n_poor (ctx->analysis); k++)
    influencer_cells (ctx, t, hk_analysis_get_poor (ctx->analysis, k));
}

/* Content performance: what the posts did and what followed. */
static void
fill_performance (Ctx   *ctx,
                  Table *t)
{
  HkAnalysis *a = ctx->analysis;
  HkDataset *ds = ctx->ds;

  table_begin (t, "influencer_id", "name", "platform", "posts", "reach", "likes", "comments",
               "engagement_rate", "orders", "revenue", "aov", "cpm", "cpe", NULL);
  for (guint g = 0; g < hk_analysis_get_n_groups (a, HK_DIM_INFLUENCER); g++)
    {
      guint i = hk_analysis_get_group_index (a, HK_DIM_INFLUENCER, g);
      const HkMetrics *m = hk_analysis_get_group (a, HK_DIM_INFLUENCER, g);

      cell_text (t, hk_analysis_get_group_key (a, HK_DIM_INFLUENCER, g));
      cell_text (t, ds->inf_name[i]);
      cell_text (t, hk_str_pool_get (ds->pools[HK_POOL_PLATFORM], ds->inf_platform[i]));
      cell_metric (t, m, HK_METRIC_POSTS);
      cell_metric (t, m, HK_METRIC_REACH);
      cell_metric (t, m, HK_METRIC_LIKES);
      cell_metric (t, m, HK_METRIC_COMMENTS);
      cell_metric (t, m, HK_METRIC_ENGAGEMENT_RATE);
      cell_metric (t, m, HK_METRIC_ORDERS);
      cell_metric (t, m, HK_METRIC_REVENUE);
      cell_metric (t, m, HK_METRIC_AOV);
      cell_metric (t, m, HK_METRIC_CPM);
      cell_metric (t, m, HK_METRIC_CPE);
      end_row (t);
    }
}

static void
fill_groups (Ctx         *ctx,
             Table       *t,
             HkDimension  dim)
{
  HkAnalysis *a = ctx->analysis;

  table_begin (t, hk_dimension_name (dim), "influencers", "orders", "revenue", "spend", "roas",
               "mean_influencer_roas", "incremental_roas", "posts", "reach", "engagement_rate",
               "incremental_revenue", "top_influencer_roas", "cost_per_order", "iroas_method", NULL);
  for (guint g = 0; g < hk_analysis_get_n_groups (a, dim); g++)
    {
      const HkMetrics *m = hk_analysis_get_group (a, dim, g);
      g_autofree char *methods = hk_iroas_methods_to_string (m->methods);

      cell_text (t, hk_analysis_get_group_key (a, dim, g));
      cell_metric (t, m, HK_METRIC_INFLUENCERS);
      cell_metric (t, m, HK_METRIC_ORDERS);
      cell_metric (t, m, HK_METRIC_REVENUE);
      cell_metric (t, m, HK_METRIC_SPEND);
      cell_metric (t, m, HK_METRIC_ROAS);
      cell_metric (t, m, HK_METRIC_MEAN_INFLUENCER_ROAS);
      cell_metric (t, m, HK_METRIC_INCREMENTAL_ROAS);
      cell_metric (t, m, HK_METRIC_POSTS);
      cell_metric (t, m, HK_METRIC_REACH);
      cell_metric (t, m, HK_METRIC_ENGAGEMENT_RATE);
      cell_metric (t, m, HK_METRIC_INCREMENTAL_REVENUE);
      cell_metric (t, m, HK_METRIC_TOP_INFLUENCER_ROAS);
      cell_metric (t, m, HK_METRIC_COST_PER_ORDER);
      cell_text (t, methods);
      end_row (t);
    }
}

static void fill_persona (Ctx *ctx, Table *t) { fill_groups (ctx, t, HK_DIM_PERSONA); }
static void fill_city (Ctx *ctx, Table *t) { fill_groups (ctx, t, HK_DIM_CITY); }
static void fill_brand (Ctx *ctx, Table *t) { fill_groups (ctx, t, HK_DIM_BRAND); }
static void fill_platform (Ctx *ctx, Table *t) { fill_groups (ctx, t, HK_DIM_PLATFORM); }

static void
fill_daily (Ctx   *ctx,
            Table *t)
{
  HkAnalysis *a = ctx->analysis;

  table_begin (t, "date", "orders", "revenue", "spend", "roas", "posts", "reach",
               "incremental_revenue", NULL);
  for (guint g = 0; g < hk_analysis_get_n_groups (a, HK_DIM_DAY); g++)
    {
      const HkMetrics *m = hk_analysis_get_group (a, HK_DIM_DAY, g);

      cell_text (t, hk_analysis_get_group_key (a, HK_DIM_DAY, g));
      cell_metric (t, m, HK_METRIC_ORDERS);
      cell_metric (t, m, HK_METRIC_REVENUE);
      cell_metric (t, m, HK_METRIC_SPEND);
      cell_metric (t, m, HK_METRIC_ROAS);
      cell_metric (t, m, HK_METRIC_POSTS);
      cell_metric (t, m, HK_METRIC_REACH);
      cell_metric (t, m, HK_METRIC_INCREMENTAL_REVENUE);
      end_row (t);
    }
}

/* One row per influencer with payout rows: its spend in the selection is
 * what the payouts come to there. */
static void
fill_payouts (Ctx   *ctx,
              Table *t)
{
  HkAnalysis *a = ctx->analysis;
  HkDataset *ds = ctx->ds;

  table_begin (t, "influencer_id", "name", "basis", "rate", "units", "total_payout", "revenue",
               "roas", "payout_exceeds_revenue", NULL);
  for (guint g = 0; g < hk_analysis_get_n_groups (a, HK_DIM_INFLUENCER); g++)
    {
      const HkMetrics *m = hk_analysis_get_group (a, HK_DIM_INFLUENCER, g);
      guint i = hk_analysis_get_group_index (a, HK_DIM_INFLUENCER, g);
      const char *basis;
      double rate, units;

      if (!hk_analysis_get_payout_info (a, g, &basis, &rate, &units))
        continue;
      cell_text (t, hk_analysis_get_group_key (a, HK_DIM_INFLUENCER, g));
      cell_text (t, ds->inf_name[i]);
      cell_text (t, basis);
      cell_number (t, rate);
      cell_number (t, units);
      cell_metric (t, m, HK_METRIC_SPEND);
      cell_metric (t, m, HK_METRIC_REVENUE);
      cell_metric (t, m, HK_METRIC_ROAS);
      cell_bool (t, hk_metrics_payout_exceeds_revenue (m));
      end_row (t);
    }
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

static const struct {
  const char *name;
  FillTable   fill;
} summary_files[] = {
  { "roas_summary", fill_roas },
  { "performance_summary", fill_performance },
  { "payout_summary", fill_payouts },
  { "persona_roas", fill_persona },
  { "city_roas", fill_city },
  { "poor_influencers", fill_poor },
  { "top_influencers", fill_top },
  { "brand_summary", fill_brand },
  { "platform_summary", fill_platform },
  { "daily_summary", fill_daily },
};

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
      write_table (part->ctx, summary_files[f].name, summary_files[f].fill, &part->error);
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
