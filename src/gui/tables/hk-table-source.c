/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hk-row-model.h"
#include "hk-record.h"
#include "hk-table-model.h"
#include "hk-table-row.h"
#include "hk-table-source.h"

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

static GListModel *
update_post_model (GListModel  *model,
                   HkAnalysis  *analysis,
                   guint        param,
                   const guint *rows,
                   guint        n_rows)
{
  return update_row_model (model, analysis, HK_TABLE_POSTS, rows, n_rows);
}

static GListModel *
update_order_model (GListModel  *model,
                    HkAnalysis  *analysis,
                    guint        param,
                    const guint *rows,
                    guint        n_rows)
{
  return update_row_model (model, analysis, HK_TABLE_TRACKING, rows, n_rows);
}

static guint
record_get_row (gpointer item)
{
  return hk_record_get_index (HK_RECORD (item));
}

/* ------------------------------------------------------------------------ */
/* Footers: the rows' sums pooled by the core (hk_table_spec_sum)           */

static char *
money (const HkMetrics *m,
       HkMetric         metric,
       HkMoneyStyle     style)
{
  return hk_gui_format_money (hk_metrics_get (m, metric), style);
}

static char *
ratio (const HkMetrics *m,
       HkMetric         metric,
       HkCellKind       kind)
{
  return hk_gui_format_number (kind, hk_metrics_get (m, metric), HK_MONEY_FULL);
}

static char *
influencers_dup_totals (const HkTableSpec *spec,
                        HkAnalysis        *analysis,
                        const guint       *rows,
                        guint              n_rows,
                        HkMoneyStyle       style)
{
  HkMetrics total;
  g_autofree char *count = format_count (n_rows);
  g_autofree char *spend = NULL, *revenue = NULL, *orders = NULL, *roas = NULL;

  hk_table_spec_sum (spec, analysis, rows, n_rows, &total);
  spend = money (&total, HK_METRIC_SPEND, style);
  revenue = money (&total, HK_METRIC_REVENUE, style);
  orders = format_count (total.orders);
  roas = ratio (&total, HK_METRIC_ROAS, HK_CELL_RATIO);
  /* Translators: the totals under the influencers table */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s influencer · Spend %s · Revenue %s · Orders %s · ROAS %s",
                                       "%s influencers · Spend %s · Revenue %s · Orders %s · ROAS %s", n_rows),
                          count, spend, revenue, orders, roas);
}

static char *
payouts_dup_totals (const HkTableSpec *spec,
                    HkAnalysis        *analysis,
                    const guint       *rows,
                    guint              n_rows,
                    HkMoneyStyle       style)
{
  HkMetrics total;
  double flagged = hk_table_spec_sum_column (spec, analysis, rows, n_rows,
                                             hk_table_spec_find_column (spec, "payout_exceeds_revenue"));
  g_autofree char *count = format_count (n_rows);
  g_autofree char *spend = NULL, *revenue = NULL, *roas = NULL, *flagged_text = NULL;

  hk_table_spec_sum (spec, analysis, rows, n_rows, &total);
  spend = money (&total, HK_METRIC_SPEND, style);
  revenue = money (&total, HK_METRIC_REVENUE, style);
  roas = ratio (&total, HK_METRIC_ROAS, HK_CELL_RATIO);
  flagged_text = format_count (flagged);
  /* Translators: the totals under the payouts table */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s influencer paid · Payouts %s · Revenue %s · ROAS %s · %s paid more than they earned",
                                       "%s influencers paid · Payouts %s · Revenue %s · ROAS %s · %s paid more than they earned", n_rows),
                          count, spend, revenue, roas, flagged_text);
}

static char *
dup_post_totals (const HkTableSpec *spec,
                 HkAnalysis        *analysis,
                 const guint       *rows,
                 guint              n_rows,
                 gboolean           likes_and_comments)
{
  HkMetrics total;
  g_autofree char *count = format_count (n_rows);
  g_autofree char *reach = NULL, *likes = NULL, *comments = NULL, *rate = NULL;

  hk_table_spec_sum (spec, analysis, rows, n_rows, &total);
  reach = format_count (total.reach);
  likes = format_count (total.likes);
  comments = format_count (total.comments);
  rate = ratio (&total, HK_METRIC_ENGAGEMENT_RATE, HK_CELL_PERCENT);
  if (!likes_and_comments)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s post · Reach %s · Engagement %s",
                                         "%s posts · Reach %s · Engagement %s", n_rows),
                            count, reach, rate);
  /* Translators: the totals under the posts table */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s post · Reach %s · Likes %s · Comments %s · Engagement %s",
                                       "%s posts · Reach %s · Likes %s · Comments %s · Engagement %s", n_rows),
                          count, reach, likes, comments, rate);
}

static char *
posts_dup_totals (const HkTableSpec *spec,
                  HkAnalysis        *analysis,
                  const guint       *rows,
                  guint              n_rows,
                  HkMoneyStyle       style)
{
  return dup_post_totals (spec, analysis, rows, n_rows, TRUE);
}

static char *
influencer_posts_dup_totals (const HkTableSpec *spec,
                             HkAnalysis        *analysis,
                             const guint       *rows,
                             guint              n_rows,
                             HkMoneyStyle       style)
{
  return dup_post_totals (spec, analysis, rows, n_rows, FALSE);
}

static char *
rank_dup_totals (const HkTableSpec *spec,
                 HkAnalysis        *analysis,
                 const guint       *rows,
                 guint              n_rows,
                 HkMoneyStyle       style)
{
  const HkMetrics *totals = hk_analysis_get_totals (analysis);
  g_autofree char *count = format_count (n_rows);
  g_autofree char *of = format_count (totals->roas_n);

  /* Translators: "10 of 150 influencers with a ROAS" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s influencer with a ROAS",
                                       "%s of %s influencers with a ROAS", totals->roas_n),
                          count, of);
}

/* The money at stake in a decision list: what it was paid and, to
 * renegotiate, what paying at the fair rate would save. */
static char *
decision_dup_totals (const HkTableSpec *spec,
                     HkAnalysis        *analysis,
                     const guint       *rows,
                     guint              n_rows,
                     HkMoneyStyle       style)
{
  HkMetrics total;
  g_autofree char *count = format_count (n_rows);
  g_autofree char *spend = NULL, *revenue = NULL, *saving_text = NULL;
  double saving = hk_table_spec_sum_column (spec, analysis, rows, n_rows,
                                            hk_table_spec_find_column (spec, "saving"));

  hk_table_spec_sum (spec, analysis, rows, n_rows, &total);
  spend = money (&total, HK_METRIC_SPEND, style);
  revenue = money (&total, HK_METRIC_REVENUE, style);
  saving_text = hk_gui_format_number (HK_CELL_MONEY, saving, style);
  /* Translators: the totals under a decision list (Scale, Drop, Renegotiate, Watch) */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s influencer · Paid %s · Revenue %s · Over break-even pay %s",
                                       "%s influencers · Paid %s · Revenue %s · Over break-even pay %s", n_rows),
                          count, spend, revenue, saving_text);
}

static char *
groups_dup_totals (const HkTableSpec *spec,
                   HkAnalysis        *analysis,
                   const guint       *rows,
                   guint              n_rows,
                   HkMoneyStyle       style)
{
  HkMetrics total;
  g_autofree char *count = format_count (n_rows);
  g_autofree char *spend = NULL, *revenue = NULL, *roas = NULL;

  hk_table_spec_sum (spec, analysis, rows, n_rows, &total);
  spend = money (&total, HK_METRIC_SPEND, style);
  revenue = money (&total, HK_METRIC_REVENUE, style);
  roas = ratio (&total, HK_METRIC_ROAS, HK_CELL_RATIO);
  if (g_str_equal (spec->name, "personas"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s persona · Revenue %s · Spend %s · ROAS %s",
                                         "%s personas · Revenue %s · Spend %s · ROAS %s", n_rows),
                            count, revenue, spend, roas);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s city · Revenue %s · Spend %s · ROAS %s",
                                       "%s cities · Revenue %s · Spend %s · ROAS %s", n_rows),
                          count, revenue, spend, roas);
}

static char *
campaigns_dup_totals (const HkTableSpec *spec,
                      HkAnalysis        *analysis,
                      const guint       *rows,
                      guint              n_rows,
                      HkMoneyStyle       style)
{
  HkMetrics total;
  g_autofree char *count = format_count (n_rows);
  g_autofree char *spend = NULL, *revenue = NULL, *incremental = NULL, *iroas = NULL;

  hk_table_spec_sum (spec, analysis, rows, n_rows, &total);
  spend = money (&total, HK_METRIC_SPEND, style);
  revenue = money (&total, HK_METRIC_REVENUE, style);
  incremental = money (&total, HK_METRIC_INCREMENTAL_REVENUE, style);
  iroas = ratio (&total, HK_METRIC_INCREMENTAL_ROAS, HK_CELL_RATIO);
  /* Translators: the totals under the campaigns table */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s campaign · Spend %s · Revenue %s · Incremental %s · iROAS %s",
                                       "%s campaigns · Spend %s · Revenue %s · Incremental %s · iROAS %s", n_rows),
                          count, spend, revenue, incremental, iroas);
}

static char *
influencer_orders_dup_totals (const HkTableSpec *spec,
                              HkAnalysis        *analysis,
                              const guint       *rows,
                              guint              n_rows,
                              HkMoneyStyle       style)
{
  HkMetrics total;
  g_autofree char *count = format_count (n_rows);
  g_autofree char *orders = NULL, *revenue = NULL;

  hk_table_spec_sum (spec, analysis, rows, n_rows, &total);
  orders = format_count (total.orders);
  revenue = money (&total, HK_METRIC_REVENUE, style);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s tracking row · Orders %s · Revenue %s",
                                       "%s tracking rows · Orders %s · Revenue %s", n_rows),
                          count, orders, revenue);
}

/* ------------------------------------------------------------------------ */

/* Posts use an HkTableModel, not an HkRowModel: its items could not follow a
 * re-sort in place, and remaking the row widgets of every post on screen
 * costs frames. */
static HkTableSource sources[] = {
  { "influencers", NULL, influencers_dup_totals, update_table_model, table_row_get_row },
  { "payouts", NULL, payouts_dup_totals, update_table_model, table_row_get_row },
  { "posts", NULL, posts_dup_totals, update_table_model, table_row_get_row },
  { "top", NULL, rank_dup_totals, update_table_model, table_row_get_row },
  { "poor", NULL, rank_dup_totals, update_table_model, table_row_get_row },
  { "scale", NULL, decision_dup_totals, update_table_model, table_row_get_row },
  { "drop", NULL, decision_dup_totals, update_table_model, table_row_get_row },
  { "renegotiate", NULL, decision_dup_totals, update_table_model, table_row_get_row },
  { "watch", NULL, decision_dup_totals, update_table_model, table_row_get_row },
  { "personas", NULL, groups_dup_totals, update_table_model, table_row_get_row },
  { "cities", NULL, groups_dup_totals, update_table_model, table_row_get_row },
  { "campaigns", NULL, campaigns_dup_totals, update_table_model, table_row_get_row },
  { "influencer-posts", NULL, influencer_posts_dup_totals, update_post_model, record_get_row },
  { "influencer-orders", NULL, influencer_orders_dup_totals, update_order_model, record_get_row },
};

const HkTableSource *
hk_table_source_lookup (const char *name)
{
  static gsize done;

  g_return_val_if_fail (name != NULL, NULL);

  if (g_once_init_enter (&done))
    {
      for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
        {
          sources[i].spec = hk_table_spec_lookup (sources[i].name);
          g_assert (sources[i].spec != NULL);
        }
      g_once_init_leave (&done, 1);
    }
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    if (g_str_equal (sources[i].name, name))
      return &sources[i];
  return NULL;
}

char *
hk_table_source_format_cell (const HkTableSource *source,
                             HkAnalysis          *analysis,
                             guint                row,
                             guint                column,
                             HkMoneyStyle         style)
{
  const HkTableSpec *spec = source->spec;
  HkCellKind kind = spec->columns[column].kind;

  if (kind == HK_CELL_SOURCE)
    return g_strdup (hk_gui_format_source (spec->get_text (analysis, row, column),
                                           hk_gui_dataset_get_platforms (hk_analysis_get_dataset (analysis))));
  if (!hk_cell_kind_is_number (kind))
    return g_strdup (hk_gui_format_text (kind, spec->get_text (analysis, row, column)));
  return hk_gui_format_number (kind, hk_table_spec_get_number (spec, analysis, row, column), style);
}

gboolean
hk_table_source_write (const HkTableSource *source,
                       HkAnalysis          *analysis,
                       const guint         *rows,
                       guint                n_rows,
                       const char          *path,
                       GCancellable        *cancellable,
                       GError             **error)
{
  g_autoptr(HkFileWriter) out = hk_file_writer_new (path, error);

  if (out == NULL)
    return FALSE;
  return hk_table_spec_write (source->spec, analysis, rows, n_rows, NULL,
                              g_str_has_suffix (path, ".json") ? HK_TABLE_JSON : HK_TABLE_CSV,
                              out, cancellable, error);
}
