/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hk-bar-chart.h"
#include "hk-chart-actions.h"
#include "hk-csv-writer.h"
#include "hk-format.h"
#include "hk-influencer-rows.h"
#include "hk-kpi-card.h"
#include "hk-line-chart.h"
#include "hk-overview-page.h"

struct _HkOverviewPage
{
  GtkWidget     parent_instance;

  GtkLabel     *summary_label;
  GtkFlowBox   *kpi_box;
  HkKpiCard    *cards[HK_N_KPIS];
  GtkLabel     *unallocated_label;
  HkLineChart  *revenue_spend_chart;
  HkBarChart   *roas_by_brand_chart;
  HkBarChart   *roas_by_platform_chart;

  HkAnalysis   *analysis;
  HkMoneyStyle  money_style;
};

G_DEFINE_FINAL_TYPE (HkOverviewPage, hk_overview_page, GTK_TYPE_WIDGET)

static const struct {
  HkMetric    metric;
  HkCellKind  kind;
} kpis[HK_N_KPIS] = {
  [HK_KPI_SPEND] = { HK_METRIC_SPEND, HK_CELL_MONEY },
  [HK_KPI_REVENUE] = { HK_METRIC_REVENUE, HK_CELL_MONEY },
  [HK_KPI_ORDERS] = { HK_METRIC_ORDERS, HK_CELL_COUNT },
  [HK_KPI_ROAS] = { HK_METRIC_ROAS, HK_CELL_RATIO },
  [HK_KPI_IROAS] = { HK_METRIC_INCREMENTAL_ROAS, HK_CELL_RATIO },
  [HK_KPI_MEAN_INFLUENCER_ROAS] = { HK_METRIC_MEAN_INFLUENCER_ROAS, HK_CELL_RATIO },
  [HK_KPI_TOP_INFLUENCER_ROAS] = { HK_METRIC_TOP_INFLUENCER_ROAS, HK_CELL_RATIO },
  [HK_KPI_COST_PER_ORDER] = { HK_METRIC_COST_PER_ORDER, HK_CELL_MONEY },
  [HK_KPI_ENGAGEMENT_RATE] = { HK_METRIC_ENGAGEMENT_RATE, HK_CELL_PERCENT },
};

static char *
format_metric (const HkMetrics *m,
               HkMetric         metric,
               HkCellKind       kind,
               HkMoneyStyle     style)
{
  return hk_gui_format_number (kind, hk_metrics_get (m, metric), style);
}

/* The line of detail under a card; NULL for none. */
/* The influencer with the highest ROAS (the Top Influencer ROAS card's);
 * FALSE when none has one. */
static gboolean
find_top_roas (HkAnalysis *analysis,
               guint      *group)
{
  guint n = hk_analysis_get_n_groups (analysis, HK_DIM_INFLUENCER);
  double best = NAN;

  for (guint g = 0; g < n; g++)
    {
      double roas = hk_metrics_get (hk_analysis_get_group (analysis, HK_DIM_INFLUENCER, g), HK_METRIC_ROAS);

      if (!isnan (roas) && (isnan (best) || roas > best))
        best = roas, *group = g;
    }
  return !isnan (best);
}

static const char *
influencer_name (HkAnalysis *analysis,
                 guint       group)
{
  return hk_influencer_rows_get_text (hk_analysis_get_dataset (analysis),
                                      hk_analysis_get_group_index (analysis, HK_DIM_INFLUENCER, group),
                                      HK_INFLUENCER_COLUMN_NAME);
}

/* Whose the highest ROAS is and on what spend (a large ratio on ₹60 says
 * little), and who leads by score, the better bet (docs/metrics.md). */
static char *
dup_top_detail (HkAnalysis   *analysis,
                HkMoneyStyle  style)
{
  guint group = 0;
  g_autofree char *spend = NULL;

  if (!find_top_roas (analysis, &group) || hk_analysis_get_n_top (analysis) == 0)
    return NULL;
  spend = hk_gui_format_money (hk_analysis_get_group (analysis, HK_DIM_INFLUENCER, group)->spend, style);
  /* Translators: "Sai Mehta, on ₹60 of spend · best by score: Asha Rao" */
  return g_strdup_printf (_("%s, on %s of spend · best by score: %s"), influencer_name (analysis, group), spend,
                          influencer_name (analysis, hk_analysis_get_top (analysis, 0)));
}

static char *
dup_detail (HkAnalysis   *analysis,
            HkKpi         kpi,
            HkMoneyStyle  style)
{
  const HkMetrics *m = hk_analysis_get_totals (analysis);

  switch (kpi)
    {
    case HK_KPI_SPEND:
      return g_strdup (_("Payouts allocated to the selection"));
    case HK_KPI_REVENUE:
      {
        g_autofree char *incremental = format_metric (m, HK_METRIC_INCREMENTAL_REVENUE, HK_CELL_MONEY, style);
        return g_strdup_printf (_("Incremental %s"), incremental);
      }
    case HK_KPI_ORDERS:
      {
        g_autofree char *aov = format_metric (m, HK_METRIC_AOV, HK_CELL_MONEY, style);
        return g_strdup_printf (_("Average order value %s"), aov);
      }
    case HK_KPI_ROAS:
      {
        g_autofree char *roi = format_metric (m, HK_METRIC_ROI, HK_CELL_PERCENT, style);
        return g_strdup_printf (_("Revenue ÷ spend · ROI %s"), roi);
      }
    case HK_KPI_IROAS:
      {
        const char *label = hk_analysis_get_iroas_label (analysis);
        double low, high;

        if (hk_analysis_get_iroas_interval (analysis, &low, &high))
          {
            g_autofree char *low_text = hk_gui_format_number (HK_CELL_RATIO, low, style);
            g_autofree char *high_text = hk_gui_format_number (HK_CELL_RATIO, high, style);

            /* Translators: the iROAS's 95% confidence interval, then its method
             * (which may be long: the card cuts it, never the interval) */
            return g_strdup_printf (_("95%% interval %s to %s · %s"), low_text, high_text, label);
          }
        return g_strdup (label);
      }
    case HK_KPI_MEAN_INFLUENCER_ROAS:
      {
        g_autofree char *n = hk_gui_format_number (HK_CELL_COUNT, m->roas_n, style);
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Unweighted mean over %s influencer",
                                             "Unweighted mean over %s influencers", m->roas_n), n);
      }
    case HK_KPI_TOP_INFLUENCER_ROAS:
      return dup_top_detail (analysis, style);
    case HK_KPI_COST_PER_ORDER:
      {
        g_autofree char *cpm = format_metric (m, HK_METRIC_CPM, HK_CELL_MONEY, style);
        g_autofree char *cpe = format_metric (m, HK_METRIC_CPE, HK_CELL_MONEY, style);
        return g_strdup_printf (_("CPM %s · CPE %s"), cpm, cpe);
      }
    case HK_KPI_ENGAGEMENT_RATE:
      {
        g_autofree char *reach = hk_format_count_compact (NULL, m->reach);
        return g_strdup_printf (_("(Likes + comments) ÷ reach · Reach %s"), reach);
      }
    case HK_N_KPIS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
dup_summary (HkAnalysis *analysis)
{
  HkDataset *ds = hk_analysis_get_dataset (analysis);
  const char *folder = hk_dataset_get_folder (ds);
  const char *location = hk_dataset_get_location (ds);
  g_autofree char *name = folder ? g_filename_display_basename (folder) :
                          location ? g_strdup (location) : g_strdup (_("Simulated demo data"));
  g_autofree char *influencers = hk_gui_format_number (HK_CELL_COUNT, hk_dataset_get_n_influencers (ds), HK_MONEY_FULL);
  g_autofree char *posts = hk_gui_format_number (HK_CELL_COUNT, hk_dataset_get_n_rows (ds, HK_TABLE_POSTS), HK_MONEY_FULL);
  g_autofree char *rows = hk_gui_format_number (HK_CELL_COUNT, hk_dataset_get_n_source_rows (ds, HK_TABLE_TRACKING),
                                                HK_MONEY_FULL);
  g_autofree char *selected = hk_gui_format_number (HK_CELL_COUNT, hk_analysis_get_n_groups (analysis, HK_DIM_INFLUENCER), HK_MONEY_FULL);
  gint32 first, last;

  if (hk_dataset_get_date_range (ds, &first, &last))
    {
      g_autofree char *from = hk_format_date_long (first);
      g_autofree char *to = hk_format_date_long (last);

      /* Translators: dataset name, counts, date range, then how many influencers the filters keep */
      return g_strdup_printf (_("%s · %s influencers, %s posts, %s tracking rows · %s to %s · %s influencers selected"),
                              name, influencers, posts, rows, from, to, selected);
    }
  return g_strdup_printf (_("%s · %s influencers, %s posts, %s tracking rows · %s influencers selected"),
                          name, influencers, posts, rows, selected);
}

static void
update (HkOverviewPage *self)
{
  const HkMetrics *m;
  double unallocated;

  if (self->analysis == NULL)
    return;
  m = hk_analysis_get_totals (self->analysis);
  for (guint k = 0; k < HK_N_KPIS; k++)
    {
      gboolean money = kpis[k].kind == HK_CELL_MONEY;
      double number = hk_metrics_get (m, kpis[k].metric);
      /* Headline amounts read best short ("₹3.11 Cr"), the exact amount on
       * hover; tables keep exact amounts in the chosen money style. */
      g_autofree char *value = money && !isnan (number) ? hk_format_money_short (NULL, number)
                                                         : format_metric (m, kpis[k].metric, kpis[k].kind, self->money_style);
      g_autofree char *exact = money && !isnan (number) ? hk_format_money (NULL, number, 2) : NULL;
      /* Amounts the detail quotes read short too; exact on hover. */
      g_autofree char *detail = dup_detail (self->analysis, k, HK_MONEY_COMPACT);
      g_autofree char *detail_exact = dup_detail (self->analysis, k, HK_MONEY_FULL);
      g_autoptr(GString) tooltip = g_string_new (exact);

      if (g_strcmp0 (detail, detail_exact) != 0 || k == HK_KPI_IROAS)
        {
          if (tooltip->len > 0)
            g_string_append_c (tooltip, '\n');
          /* The card shows three lines; the iROAS method can be longer. */
          g_string_append (tooltip, detail_exact);
        }
      hk_kpi_card_set_value (self->cards[k], value);
      hk_kpi_card_set_detail (self->cards[k], detail);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->cards[k]), tooltip->len > 0 ? tooltip->str : NULL);
    }
  {
    g_autofree char *summary = dup_summary (self->analysis);
    gtk_label_set_text (self->summary_label, summary);
  }

  unallocated = hk_analysis_get_unallocated_spend (self->analysis);
  if (unallocated > 0)
    {
      g_autofree char *amount = hk_gui_format_money (unallocated, self->money_style);
      g_autofree char *text = NULL;

      if (hk_filter_has_row_filter (hk_analysis_get_filter (self->analysis)))
        text = g_strdup_printf (_("%s of payouts cover no post or order and are left out while brand, product, campaign, source or date filters are set."), amount);
      else
        text = g_strdup_printf (_("Spend includes %s of payouts that cover no post or order (unallocated)."), amount);
      gtk_label_set_text (self->unallocated_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->unallocated_label), unallocated > 0);

  hk_chart_view_show (HK_CHART_VIEW (self->revenue_spend_chart), self->analysis, HK_CHART_REVENUE_VS_SPEND, 0);
  hk_chart_view_show (HK_CHART_VIEW (self->roas_by_brand_chart), self->analysis, HK_CHART_ROAS_BY_BRAND, 0);
  hk_chart_view_show (HK_CHART_VIEW (self->roas_by_platform_chart), self->analysis, HK_CHART_ROAS_BY_PLATFORM, 0);
}

static void
on_chart_bar_activated (HkOverviewPage *self,
                        guint           dimension,
                        const char     *key)
{
  hk_chart_activate_bar (GTK_WIDGET (self), dimension, key);
}

static void
on_chart_day_activated (HkOverviewPage *self,
                        int             day)
{
  hk_chart_activate_day (GTK_WIDGET (self), day);
}

static void
hk_overview_page_dispose (GObject *object)
{
  HkOverviewPage *self = HK_OVERVIEW_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), HK_TYPE_OVERVIEW_PAGE);
  /* Children the template does not name are unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->analysis, hk_analysis_unref);

  G_OBJECT_CLASS (hk_overview_page_parent_class)->dispose (object);
}

static void
hk_overview_page_class_init (HkOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hk_overview_page_dispose;

  g_type_ensure (HK_TYPE_KPI_CARD);
  g_type_ensure (HK_TYPE_BAR_CHART);
  g_type_ensure (HK_TYPE_LINE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/healthkart/InfluencerDashboard/hk-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HkOverviewPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, HkOverviewPage, kpi_box);
  gtk_widget_class_bind_template_child_full (widget_class, "spend_card", FALSE,
                                             G_STRUCT_OFFSET (HkOverviewPage, cards[HK_KPI_SPEND]));
  gtk_widget_class_bind_template_child_full (widget_class, "revenue_card", FALSE,
                                             G_STRUCT_OFFSET (HkOverviewPage, cards[HK_KPI_REVENUE]));
  gtk_widget_class_bind_template_child_full (widget_class, "orders_card", FALSE,
                                             G_STRUCT_OFFSET (HkOverviewPage, cards[HK_KPI_ORDERS]));
  gtk_widget_class_bind_template_child_full (widget_class, "roas_card", FALSE,
                                             G_STRUCT_OFFSET (HkOverviewPage, cards[HK_KPI_ROAS]));
  gtk_widget_class_bind_template_child_full (widget_class, "iroas_card", FALSE,
                                             G_STRUCT_OFFSET (HkOverviewPage, cards[HK_KPI_IROAS]));
  gtk_widget_class_bind_template_child_full (widget_class, "mean_roas_card", FALSE,
                                             G_STRUCT_OFFSET (HkOverviewPage, cards[HK_KPI_MEAN_INFLUENCER_ROAS]));
  gtk_widget_class_bind_template_child_full (widget_class, "top_roas_card", FALSE,
                                             G_STRUCT_OFFSET (HkOverviewPage, cards[HK_KPI_TOP_INFLUENCER_ROAS]));
  gtk_widget_class_bind_template_child_full (widget_class, "cost_per_order_card", FALSE,
                                             G_STRUCT_OFFSET (HkOverviewPage, cards[HK_KPI_COST_PER_ORDER]));
  gtk_widget_class_bind_template_child_full (widget_class, "engagement_card", FALSE,
                                             G_STRUCT_OFFSET (HkOverviewPage, cards[HK_KPI_ENGAGEMENT_RATE]));
  gtk_widget_class_bind_template_child (widget_class, HkOverviewPage, unallocated_label);
  gtk_widget_class_bind_template_child (widget_class, HkOverviewPage, revenue_spend_chart);
  gtk_widget_class_bind_template_child (widget_class, HkOverviewPage, roas_by_brand_chart);
  gtk_widget_class_bind_template_child (widget_class, HkOverviewPage, roas_by_platform_chart);
  gtk_widget_class_bind_template_callback (widget_class, on_chart_bar_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_chart_day_activated);
}

static void
hk_overview_page_init (HkOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

HkMetric
hk_kpi_get_metric (HkKpi kpi)
{
  g_return_val_if_fail (kpi < HK_N_KPIS, HK_METRIC_REVENUE);

  return kpis[kpi].metric;
}

HkAnalysis *
hk_overview_page_get_analysis (HkOverviewPage *self)
{
  g_return_val_if_fail (HK_IS_OVERVIEW_PAGE (self), NULL);

  return self->analysis;
}

void
hk_overview_page_set_analysis (HkOverviewPage *self,
                               HkAnalysis     *analysis)
{
  g_return_if_fail (HK_IS_OVERVIEW_PAGE (self));

  if (self->analysis == analysis)
    return;
  g_clear_pointer (&self->analysis, hk_analysis_unref);
  if (analysis)
    self->analysis = hk_analysis_ref (analysis);
  update (self);
}

void
hk_overview_page_set_money_style (HkOverviewPage *self,
                                  HkMoneyStyle    style)
{
  g_return_if_fail (HK_IS_OVERVIEW_PAGE (self));

  if (self->money_style == style)
    return;
  self->money_style = style;
  update (self);
}

GtkWidget *
hk_overview_page_get_card (HkOverviewPage *self,
                           HkKpi           kpi)
{
  g_return_val_if_fail (HK_IS_OVERVIEW_PAGE (self), NULL);
  g_return_val_if_fail (kpi < HK_N_KPIS, NULL);

  return GTK_WIDGET (self->cards[kpi]);
}

HkChartView *
hk_overview_page_get_chart (HkOverviewPage *self,
                            HkChartKind     kind)
{
  g_return_val_if_fail (HK_IS_OVERVIEW_PAGE (self), NULL);

  switch ((int) kind)
    {
    case HK_CHART_REVENUE_VS_SPEND: return HK_CHART_VIEW (self->revenue_spend_chart);
    case HK_CHART_ROAS_BY_BRAND: return HK_CHART_VIEW (self->roas_by_brand_chart);
    case HK_CHART_ROAS_BY_PLATFORM: return HK_CHART_VIEW (self->roas_by_platform_chart);
    default: return NULL;
    }
}

/* The numbers the cards show, and those their detail lines quote, one row
 * each: plain numbers (money to the paisa), the iROAS's interval and method
 * in columns of their own. */
static const struct {
  HkMetric    metric;
  const char *title; /* NULL: the card's */
} export_extras[] = {
  { HK_METRIC_INCREMENTAL_REVENUE, N_("Incremental Revenue") },
  { HK_METRIC_AOV, N_("AOV") },
  { HK_METRIC_ROI, N_("ROI") },
  { HK_METRIC_CPM, N_("CPM") },
  { HK_METRIC_CPE, N_("CPE") },
  { HK_METRIC_REACH, N_("Reach") },
};

#define N_EXPORT_ROWS (HK_N_KPIS + G_N_ELEMENTS (export_extras))

typedef struct {
  char     *path;
  HkMetric  metrics[N_EXPORT_ROWS];
  char     *titles[N_EXPORT_ROWS];
  double    values[N_EXPORT_ROWS];
  double    iroas_low, iroas_high;  /* NAN: no interval */
  char     *iroas_method;           /* "holdout+calibrated" */
  char     *iroas_label;            /* in words */
  char     *top_influencer;         /* NULL: none */
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->path);
  for (guint k = 0; k < N_EXPORT_ROWS; k++)
    g_free (job->titles[k]);
  g_free (job->iroas_method);
  g_free (job->iroas_label);
  g_free (job->top_influencer);
  g_free (job);
}

static void
export_run (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(HkCsvWriter) writer = NULL;
  GError *error = NULL;

  writer = hk_csv_writer_new_for_path (job->path, &error);
  if (writer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  hk_csv_writer_add_row (writer, "metric", "title", "value", "interval_low", "interval_high",
                         "method", "method_description", "influencer", NULL);
  for (guint k = 0; k < N_EXPORT_ROWS; k++)
    {
      gboolean iroas = job->metrics[k] == HK_METRIC_INCREMENTAL_ROAS;
      gboolean top = job->metrics[k] == HK_METRIC_TOP_INFLUENCER_ROAS;

      hk_csv_writer_add_text (writer, hk_metric_name (job->metrics[k]));
      hk_csv_writer_add_text (writer, job->titles[k]);
      hk_csv_writer_add_double (writer, job->values[k]);
      hk_csv_writer_add_double (writer, iroas ? job->iroas_low : NAN);
      hk_csv_writer_add_double (writer, iroas ? job->iroas_high : NAN);
      hk_csv_writer_add_text (writer, iroas ? job->iroas_method : "");
      hk_csv_writer_add_text (writer, iroas ? job->iroas_label : "");
      hk_csv_writer_add_text (writer, top && job->top_influencer ? job->top_influencer : "");
      hk_csv_writer_end_row (writer);
    }
  if (hk_csv_writer_close (writer, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
hk_overview_page_export_async (HkOverviewPage      *self,
                               const char          *path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;
  const HkMetrics *m;

  g_return_if_fail (HK_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hk_overview_page_export_async);
  if (self->analysis == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("There is no data to export yet"));
      return;
    }
  m = hk_analysis_get_totals (self->analysis);
  job = g_new0 (ExportJob, 1);
  job->path = g_strdup (path);
  for (guint k = 0; k < N_EXPORT_ROWS; k++)
    {
      gboolean card = k < HK_N_KPIS;

      job->metrics[k] = card ? kpis[k].metric : export_extras[k - HK_N_KPIS].metric;
      job->titles[k] = g_strdup (card ? hk_kpi_card_get_title (self->cards[k]) : _(export_extras[k - HK_N_KPIS].title));
      job->values[k] = hk_metric_export_value (m, job->metrics[k]);
    }
  if (!hk_analysis_get_iroas_interval (self->analysis, &job->iroas_low, &job->iroas_high))
    job->iroas_low = job->iroas_high = NAN;
  job->iroas_method = hk_iroas_methods_to_string (m->methods);
  job->iroas_label = g_strdup (hk_analysis_get_iroas_label (self->analysis));
  {
    guint group = 0;

    job->top_influencer = find_top_roas (self->analysis, &group)
                          ? g_strdup (influencer_name (self->analysis, group)) : NULL;
  }
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_run);
}

gboolean
hk_overview_page_export_finish (HkOverviewPage  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
