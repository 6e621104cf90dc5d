/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hk-chart-series.h"
#include "hk-dataset-private.h"
#include "hk-date.h"

static const struct {
  const char   *name;
  const char   *title;
  HkChartShape  shape;
  HkDimension   dimension;
} kinds[HK_N_CHART_KINDS] = {
  /* Each title is the heading the app shows above the chart, so an export
   * reads as the screen did. */
  [HK_CHART_ROAS_BY_BRAND] = { "roas-by-brand", N_("ROAS by Brand"), HK_CHART_SHAPE_BARS, HK_DIM_BRAND },
  [HK_CHART_ROAS_BY_PLATFORM] = { "roas-by-platform", N_("ROAS by Platform"), HK_CHART_SHAPE_BARS, HK_DIM_PLATFORM },
  [HK_CHART_ROAS_BY_PERSONA] = { "roas-by-persona", N_("ROAS by Persona"), HK_CHART_SHAPE_BARS, HK_DIM_PERSONA },
  [HK_CHART_ROAS_BY_CITY] = { "roas-by-city", N_("ROAS by City"), HK_CHART_SHAPE_BARS, HK_DIM_CITY },
  [HK_CHART_REVENUE_VS_SPEND] = { "revenue-vs-spend", N_("Revenue and Spend over Time"), HK_CHART_SHAPE_TIME, HK_N_DIMS },
  [HK_CHART_SPEND_VS_REVENUE] = { "spend-vs-revenue", N_("Spend and Revenue per Influencer"), HK_CHART_SHAPE_SCATTER, HK_N_DIMS },
  [HK_CHART_TOP_PAYOUTS] = { "top-payouts", N_("Largest Payouts"), HK_CHART_SHAPE_BARS, HK_DIM_INFLUENCER },
  [HK_CHART_SPEND_REVENUE_BY_BRAND] = { "spend-revenue-by-brand", N_("Revenue and Spend by Brand"), HK_CHART_SHAPE_BARS, HK_DIM_BRAND },
  [HK_CHART_IROAS_BY_CAMPAIGN] = { "iroas-by-campaign", N_("Incremental ROAS by Campaign"), HK_CHART_SHAPE_BARS, HK_DIM_CAMPAIGN },
};

#define DEFAULT_TOP_PAYOUTS 15

G_DEFINE_BOXED_TYPE (HkChartSeries, hk_chart_series, hk_chart_series_ref, hk_chart_series_unref)

/* ------------------------------------------------------------------------ */
/* Kinds                                                                    */

const char *
hk_chart_kind_name (HkChartKind kind)
{
  g_return_val_if_fail (kind < HK_N_CHART_KINDS, NULL);
  return kinds[kind].name;
}

gboolean
hk_chart_kind_from_name (const char  *name,
                         HkChartKind *kind)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint k = 0; k < HK_N_CHART_KINDS; k++)
    if (g_str_equal (name, kinds[k].name))
      {
        if (kind)
          *kind = k;
        return TRUE;
      }
  return FALSE;
}

HkChartShape
hk_chart_kind_get_shape (HkChartKind kind)
{
  g_return_val_if_fail (kind < HK_N_CHART_KINDS, HK_CHART_SHAPE_BARS);
  return kinds[kind].shape;
}

const char *
hk_chart_kind_get_title (HkChartKind kind)
{
  g_return_val_if_fail (kind < HK_N_CHART_KINDS, NULL);
  return _(kinds[kind].title);
}

HkDimension
hk_chart_kind_get_dimension (HkChartKind kind)
{
  g_return_val_if_fail (kind < HK_N_CHART_KINDS, HK_N_DIMS);
  return kinds[kind].dimension;
}

/* ------------------------------------------------------------------------ */
/* Series                                                                   */

static void
series_init (HkChartSeries *series,
             HkChartKind    kind)
{
  series->kind = kind;
  series->shape = kinds[kind].shape;
  series->title = g_strdup (_(kinds[kind].title));
  series->ref_count = 1;
}

static void
bar_item_clear (gpointer data)
{
  HkBarItem *item = data;

  g_free (item->key);
  g_free (item->label);
}

HkBarSeries *
hk_bar_series_new (HkChartKind  kind,
                   HkChartUnit  unit,
                   const char  *value_name,
                   const char  *value2_name)
{
  HkBarSeries *self;

  g_return_val_if_fail (kind < HK_N_CHART_KINDS, NULL);
  g_return_val_if_fail (kinds[kind].shape == HK_CHART_SHAPE_BARS, NULL);

  self = g_new0 (HkBarSeries, 1);
  series_init (&self->parent, kind);
  self->dimension = kinds[kind].dimension;
  self->unit = unit;
  self->value_name = g_strdup (value_name);
  self->value2_name = g_strdup (value2_name);
  self->reference = unit == HK_CHART_UNIT_RATIO ? 1.0 : NAN;
  self->items = g_array_new (FALSE, TRUE, sizeof (HkBarItem));
  g_array_set_clear_func (self->items, bar_item_clear);
  return self;
}

void
hk_bar_series_add (HkBarSeries *series,
                   const char  *key,
                   const char  *label,
                   double       value,
                   double       value2)
{
  HkBarItem item = {
    .key = g_strdup (key ? key : ""),
    .label = g_strdup (label ? label : (key && *key ? key : _("Unknown"))),
    .value = value,
    .value2 = value2,
    .revenue = NAN,
    .spend = NAN,
    .low = NAN,
    .high = NAN,
    .mean_roas = NAN,
    .influencer = -1,
  };

  g_return_if_fail (series != NULL);
  g_array_append_val (series->items, item);
  series->n_total = MAX (series->n_total, series->items->len);
}

static int
compare_bars (gconstpointer a,
              gconstpointer b)
{
  const HkBarItem *x = a, *y = b;
  gboolean xd = !isnan (x->value), yd = !isnan (y->value);

  if (xd != yd)
    return xd ? -1 : 1;
  if (xd && x->value != y->value)
    return x->value > y->value ? -1 : 1;
  return g_utf8_collate (x->label, y->label);
}

void
hk_bar_series_sort (HkBarSeries *series)
{
  g_return_if_fail (series != NULL);
  g_array_sort (series->items, compare_bars);
}

HkTimeSeries *
hk_time_series_new (HkChartKind kind,
                    gint32      first_day,
                    guint       n_days)
{
  HkTimeSeries *self;

  g_return_val_if_fail (kind < HK_N_CHART_KINDS, NULL);
  g_return_val_if_fail (kinds[kind].shape == HK_CHART_SHAPE_TIME, NULL);

  self = g_new0 (HkTimeSeries, 1);
  series_init (&self->parent, kind);
  self->first_day = first_day;
  self->n_days = n_days;
  self->revenue = g_new0 (double, MAX (n_days, 1));
  self->spend = g_new0 (double, MAX (n_days, 1));
  return self;
}

static void
trailing_mean (const double *in,
               double       *out,
               guint         n,
               guint         window)
{
  double sum = 0;

  for (guint i = 0; i < n; i++)
    {
      sum += in[i];
      if (i >= window)
        sum -= in[i - window];
      out[i] = sum / MIN (i + 1, window);
    }
}

HkTimeSeries *
hk_time_series_smooth (const HkTimeSeries *series,
                       guint               window)
{
  HkTimeSeries *self;

  g_return_val_if_fail (series != NULL, NULL);

  self = hk_time_series_new (series->parent.kind, series->first_day, series->n_days);
  if (window <= 1)
    {
      memcpy (self->revenue, series->revenue, sizeof (double) * series->n_days);
      memcpy (self->spend, series->spend, sizeof (double) * series->n_days);
      self->smoothing = series->smoothing;
      hk_chart_series_set_subtitle (&self->parent, series->parent.subtitle);
      return self;
    }
  trailing_mean (series->revenue, self->revenue, series->n_days, window);
  trailing_mean (series->spend, self->spend, series->n_days, window);
  self->smoothing = window;
  hk_chart_series_set_subtitle (&self->parent, series->parent.subtitle);
  return self;
}

HkScatterSeries *
hk_scatter_series_new (HkChartKind kind)
{
  HkScatterSeries *self;

  g_return_val_if_fail (kind < HK_N_CHART_KINDS, NULL);
  g_return_val_if_fail (kinds[kind].shape == HK_CHART_SHAPE_SCATTER, NULL);

  self = g_new0 (HkScatterSeries, 1);
  series_init (&self->parent, kind);
  self->points = g_array_new (FALSE, TRUE, sizeof (HkScatterPoint));
  self->breakeven = 1;
  self->strings = g_string_chunk_new (4096);
  return self;
}

void
hk_scatter_series_add (HkScatterSeries *series,
                       double           spend,
                       double           revenue,
                       double           followers,
                       guint            influencer,
                       const char      *key,
                       const char      *label)
{
  HkScatterPoint p = {
    .spend = spend,
    .revenue = revenue,
    .followers = followers,
    .influencer = influencer,
    .key = g_string_chunk_insert_const (series->strings, key ? key : ""),
    .label = g_string_chunk_insert (series->strings, label ? label : (key ? key : "")),
  };

  g_return_if_fail (series != NULL);
  g_array_append_val (series->points, p);
  if (isfinite (followers))
    series->max_followers = MAX (series->max_followers, followers);
}

void
hk_chart_series_set_subtitle (HkChartSeries *series,
                              const char    *subtitle)
{
  g_return_if_fail (series != NULL);

  if (series->subtitle == subtitle)
    return;
  g_free (series->subtitle);
  series->subtitle = g_strdup (subtitle);
}

#define LOG_SPREAD 100.0   /* max ÷ median from which a linear axis crowds the origin */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Whether the largest positive value is LOG_SPREAD times the median or more. */
static gboolean
spread_wide (GArray *values)
{
  double median, max;

  if (values->len < 3)
    return FALSE;
  g_array_sort (values, compare_doubles);
  median = g_array_index (values, double, values->len / 2);
  max = g_array_index (values, double, values->len - 1);
  return max >= LOG_SPREAD * median;
}

gboolean
hk_scatter_series_prefers_log (const HkScatterSeries *series)
{
  g_autoptr(GArray) spend = NULL, revenue = NULL;

  g_return_val_if_fail (series != NULL, FALSE);

  spend = g_array_sized_new (FALSE, FALSE, sizeof (double), series->points->len);
  revenue = g_array_sized_new (FALSE, FALSE, sizeof (double), series->points->len);
  for (guint i = 0; i < series->points->len; i++)
    {
      const HkScatterPoint *pt = HK_SCATTER_SERIES_POINT (series, i);

      if (pt->spend > 0 && isfinite (pt->spend))
        g_array_append_val (spend, pt->spend);
      if (pt->revenue > 0 && isfinite (pt->revenue))
        g_array_append_val (revenue, pt->revenue);
    }
  return spread_wide (spend) || spread_wide (revenue);
}

HkChartSeries *
hk_chart_series_ref (HkChartSeries *series)
{
  g_return_val_if_fail (series != NULL, NULL);
  g_atomic_int_inc (&series->ref_count);
  return series;
}

void
hk_chart_series_unref (HkChartSeries *series)
{
  g_return_if_fail (series != NULL);

  if (!g_atomic_int_dec_and_test (&series->ref_count))
    return;

  switch (series->shape)
    {
    case HK_CHART_SHAPE_BARS:
      {
        HkBarSeries *bars = HK_BAR_SERIES (series);

        g_array_unref (bars->items);
        g_free (bars->value_name);
        g_free (bars->value2_name);
        g_free (bars->flag_name);
        break;
      }
    case HK_CHART_SHAPE_TIME:
      g_free (HK_TIME_SERIES (series)->revenue);
      g_free (HK_TIME_SERIES (series)->spend);
      break;
    case HK_CHART_SHAPE_SCATTER:
      g_array_unref (HK_SCATTER_SERIES (series)->points);
      g_string_chunk_free (HK_SCATTER_SERIES (series)->strings);
      break;
    default:
      g_assert_not_reached ();
    }
  g_free (series->title);
  g_free (series->subtitle);
  g_free (series);
}

guint
hk_chart_series_get_n_items (const HkChartSeries *series)
{
  g_return_val_if_fail (series != NULL, 0);

  switch (series->shape)
    {
    case HK_CHART_SHAPE_BARS:
      return HK_BAR_SERIES (series)->items->len;
    case HK_CHART_SHAPE_TIME:
      return HK_TIME_SERIES (series)->n_days;
    case HK_CHART_SHAPE_SCATTER:
      return HK_SCATTER_SERIES (series)->points->len;
    default:
      g_assert_not_reached ();
    }
}

void
hk_chart_series_options_init (HkChartSeriesOptions *options)
{
  g_return_if_fail (options != NULL);
  options->max_items = 0;
  options->smoothing = 0;
  options->others = FALSE;
}

/* ------------------------------------------------------------------------ */
/* From an analysis                                                         */

static void
cut_bars (HkBarSeries *series,
          guint        max_items)
{
  series->n_total = series->items->len;
  if (max_items > 0 && series->items->len > max_items)
    g_array_set_size (series->items, max_items);
}

/* What an "Others" bar shows of its pooled metrics. */
typedef enum {
  POOL_ROAS,
  POOL_INCREMENTAL_ROAS,
  POOL_REVENUE_AND_SPEND,
  POOL_SPEND,
} PoolValue;

/* Cuts the sorted bars to max_items, the last of them "Others": the groups
 * of dim cut off, their metrics pooled (hk_metrics_add) and every ratio asked
 * of hk-metrics. Without options->others, a plain cut. */
static void
cut_bars_pooled (HkBarSeries                *series,
                 HkAnalysis                 *analysis,
                 HkDimension                 dim,
                 PoolValue                   what,
                 guint                       max_items,
                 const HkChartSeriesOptions *options)
{
  g_autoptr(GHashTable) cut = NULL;
  HkMetrics pooled = { 0 };
  guint keep, n_groups, n_cut;
  HkBarItem *item;

  if (!options->others || max_items < 2 || series->items->len <= max_items)
    {
      cut_bars (series, max_items);
      return;
    }
  keep = max_items - 1;
  n_cut = series->items->len - keep;
  cut = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = keep; i < series->items->len; i++)
    g_hash_table_add (cut, HK_BAR_SERIES_ITEM (series, i)->key);
  n_groups = hk_analysis_get_n_groups (analysis, dim);
  for (guint g = 0; g < n_groups; g++)
    if (g_hash_table_contains (cut, hk_analysis_get_group_key (analysis, dim, g)))
      hk_metrics_add (&pooled, hk_analysis_get_group (analysis, dim, g));
  g_clear_pointer (&cut, g_hash_table_unref);  /* its keys go with the items */

  series->n_total = series->items->len;
  g_array_set_size (series->items, keep);
  switch (what)
    {
    case POOL_ROAS:
      hk_bar_series_add (series, NULL, _("Others"), hk_metrics_get (&pooled, HK_METRIC_ROAS), NAN);
      break;
    case POOL_INCREMENTAL_ROAS:
      hk_bar_series_add (series, NULL, _("Others"), hk_metrics_get (&pooled, HK_METRIC_INCREMENTAL_ROAS), NAN);
      break;
    case POOL_REVENUE_AND_SPEND:
      hk_bar_series_add (series, NULL, _("Others"), pooled.revenue, pooled.spend);
      break;
    case POOL_SPEND:
    default:
      hk_bar_series_add (series, NULL, _("Others"), pooled.spend, NAN);
      break;
    }
  series->n_total = MAX (series->n_total, series->items->len);
  item = HK_BAR_SERIES_ITEM (series, series->items->len - 1);
  item->revenue = pooled.revenue;
  item->spend = pooled.spend;
  /* an influencer's own ROAS counts once in a group of influencers (city,
   * persona…), but in every brand it posted for: only the former pool */
  if (!HK_DIM_IS_ROW (dim))
    item->mean_roas = hk_metrics_get (&pooled, HK_METRIC_MEAN_INFLUENCER_ROAS);
  item->pooled = n_cut;
  if (what == POOL_SPEND)
    item->flagged = hk_metrics_payout_flag (&pooled, hk_analysis_get_breakeven_roas (analysis)) != HK_PAYOUT_FINE;
}

static HkChartSeries *
roas_bars (HkAnalysis                 *analysis,
           HkChartKind                 kind,
           const HkChartSeriesOptions *options)
{
  HkDimension dim = kinds[kind].dimension;
  HkBarSeries *series = hk_bar_series_new (kind, HK_CHART_UNIT_RATIO, _("ROAS"), NULL);
  guint n = hk_analysis_get_n_groups (analysis, dim);

  /* Break-even is where revenue pays for the spend after the cost of goods. */
  series->reference = hk_analysis_get_breakeven_roas (analysis);

  for (guint g = 0; g < n; g++)
    {
      const HkMetrics *m = hk_analysis_get_group (analysis, dim, g);
      HkBarItem *item;

      hk_bar_series_add (series, hk_analysis_get_group_key (analysis, dim, g), NULL,
                         hk_metrics_get (m, HK_METRIC_ROAS), NAN);
      item = HK_BAR_SERIES_ITEM (series, series->items->len - 1);
      item->revenue = m->revenue;
      item->spend = m->spend;
      item->mean_roas = hk_metrics_get (m, HK_METRIC_MEAN_INFLUENCER_ROAS);
    }
  hk_bar_series_sort (series);
  cut_bars_pooled (series, analysis, dim, POOL_ROAS, options->max_items, options);
  return &series->parent;
}

static HkChartSeries *
brand_spend_revenue_bars (HkAnalysis                 *analysis,
                          const HkChartSeriesOptions *options)
{
  HkBarSeries *series = hk_bar_series_new (HK_CHART_SPEND_REVENUE_BY_BRAND, HK_CHART_UNIT_MONEY,
                                           _("Revenue"), _("Spend"));
  guint n = hk_analysis_get_n_groups (analysis, HK_DIM_BRAND);

  for (guint g = 0; g < n; g++)
    {
      const HkMetrics *m = hk_analysis_get_group (analysis, HK_DIM_BRAND, g);
      HkBarItem *item;

      hk_bar_series_add (series, hk_analysis_get_group_key (analysis, HK_DIM_BRAND, g), NULL,
                         m->revenue, m->spend);
      item = HK_BAR_SERIES_ITEM (series, series->items->len - 1);
      item->revenue = m->revenue;
      item->spend = m->spend;
      item->mean_roas = hk_metrics_get (m, HK_METRIC_MEAN_INFLUENCER_ROAS);
    }
  hk_bar_series_sort (series);
  cut_bars_pooled (series, analysis, HK_DIM_BRAND, POOL_REVENUE_AND_SPEND, options->max_items, options);
  return &series->parent;
}

/* Each campaign's iROAS with its interval, against break-even. */
static HkChartSeries *
campaign_iroas_bars (HkAnalysis                 *analysis,
                     const HkChartSeriesOptions *options)
{
  HkBarSeries *series = hk_bar_series_new (HK_CHART_IROAS_BY_CAMPAIGN, HK_CHART_UNIT_RATIO, _("iROAS"), NULL);
  guint n = hk_analysis_get_n_groups (analysis, HK_DIM_CAMPAIGN);

  /* A campaign pays back when its extra revenue, after the cost of goods,
   * covers its spend: iROAS at 1 ÷ gross margin. */
  series->reference = hk_analysis_get_breakeven_roas (analysis);

  for (guint g = 0; g < n; g++)
    {
      const HkMetrics *m = hk_analysis_get_group (analysis, HK_DIM_CAMPAIGN, g);
      HkCampaignInfo info;
      HkBarItem *item;

      hk_bar_series_add (series, hk_analysis_get_group_key (analysis, HK_DIM_CAMPAIGN, g), NULL,
                         hk_metrics_get (m, HK_METRIC_INCREMENTAL_ROAS), NAN);
      item = HK_BAR_SERIES_ITEM (series, series->items->len - 1);
      item->revenue = m->revenue;
      item->spend = m->spend;
      if (hk_analysis_get_campaign_info (analysis, g, &info))
        item->low = info.iroas_low, item->high = info.iroas_high;
    }
  hk_bar_series_sort (series);
  cut_bars_pooled (series, analysis, HK_DIM_CAMPAIGN, POOL_INCREMENTAL_ROAS, options->max_items, options);
  return &series->parent;
}

static int
compare_descending (const void *a,
                    const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

static HkChartSeries *
top_payout_bars (HkAnalysis                 *analysis,
                 const HkChartSeriesOptions *options)
{
  HkDataset *ds = hk_analysis_get_dataset (analysis);
  HkBarSeries *series = hk_bar_series_new (HK_CHART_TOP_PAYOUTS, HK_CHART_UNIT_MONEY, _("Spend"), NULL);
  guint n = hk_analysis_get_n_groups (analysis, HK_DIM_INFLUENCER);
  guint max_items = options->max_items ? options->max_items : DEFAULT_TOP_PAYOUTS;
  guint n_paid = 0;
  double threshold = -INFINITY;

  /* Without an "Others" bar only the largest become bars: the rest (tens of
   * thousands of influencers) need no label, only counting. Ties at the
   * threshold all stay, so the sort below picks as it would among all. */
  if (!options->others)
    {
      g_autofree double *spends = g_new (double, MAX (1, n));

      for (guint g = 0; g < n; g++)
        {
          double spend = hk_analysis_get_group (analysis, HK_DIM_INFLUENCER, g)->spend;

          if (spend > 0)
            spends[n_paid++] = spend;
        }
      if (max_items > 0 && n_paid > max_items)
        {
          qsort (spends, n_paid, sizeof *spends, compare_descending);
          threshold = spends[max_items - 1];
        }
    }
  series->reference = NAN;
  /* the payouts table's flag, on the bars too */
  series->flag_name = g_strdup (_("Below break-even"));
  for (guint g = 0; g < n; g++)
    {
      const HkMetrics *m = hk_analysis_get_group (analysis, HK_DIM_INFLUENCER, g);
      guint row = hk_analysis_get_group_index (analysis, HK_DIM_INFLUENCER, g);
      HkBarItem *item;

      if (!(m->spend > 0) || m->spend < threshold)
        continue;
      hk_bar_series_add (series, hk_analysis_get_group_key (analysis, HK_DIM_INFLUENCER, g),
                         ds->inf_name[row], m->spend, NAN);
      item = HK_BAR_SERIES_ITEM (series, series->items->len - 1);
      item->revenue = m->revenue;
      item->spend = m->spend;
      item->mean_roas = hk_metrics_get (m, HK_METRIC_ROAS);
      item->influencer = row;
      item->flagged = hk_metrics_payout_flag (m, hk_analysis_get_influencer_breakeven (analysis, g)) != HK_PAYOUT_FINE;
    }
  hk_bar_series_sort (series);
  cut_bars_pooled (series, analysis, HK_DIM_INFLUENCER, POOL_SPEND, max_items, options);
  if (!options->others)
    series->n_total = n_paid;
  return &series->parent;
}

static HkChartSeries *
daily_series (HkAnalysis                 *analysis,
              const HkChartSeriesOptions *options)
{
  guint n = hk_analysis_get_n_groups (analysis, HK_DIM_DAY);
  gint32 first, last;
  HkTimeSeries *series;

  if (n == 0)
    return &hk_time_series_new (HK_CHART_REVENUE_VS_SPEND, 0, 0)->parent;

  first = hk_analysis_get_group_index (analysis, HK_DIM_DAY, 0);
  last = hk_analysis_get_group_index (analysis, HK_DIM_DAY, n - 1);
  g_assert (last >= first);
  series = hk_time_series_new (HK_CHART_REVENUE_VS_SPEND, first, (guint) (last - first) + 1);
  for (guint g = 0; g < n; g++)
    {
      const HkMetrics *m = hk_analysis_get_group (analysis, HK_DIM_DAY, g);
      gint32 day = hk_analysis_get_group_index (analysis, HK_DIM_DAY, g);

      series->revenue[day - first] = m->revenue;
      series->spend[day - first] = m->spend;
    }

  if (options->smoothing > 1)
    {
      HkTimeSeries *smooth = hk_time_series_smooth (series, options->smoothing);

      hk_chart_series_unref (&series->parent);
      return &smooth->parent;
    }
  return &series->parent;
}

static HkChartSeries *
influencer_scatter (HkAnalysis *analysis)
{
  HkDataset *ds = hk_analysis_get_dataset (analysis);
  HkScatterSeries *series = hk_scatter_series_new (HK_CHART_SPEND_VS_REVENUE);
  guint n = hk_analysis_get_n_groups (analysis, HK_DIM_INFLUENCER);

  g_array_set_size (series->points, 0);
  series->breakeven = hk_analysis_get_breakeven_roas (analysis);
  for (guint g = 0; g < n; g++)
    {
      const HkMetrics *m = hk_analysis_get_group (analysis, HK_DIM_INFLUENCER, g);
      guint row = hk_analysis_get_group_index (analysis, HK_DIM_INFLUENCER, g);

      if (m->spend == 0 && m->revenue == 0)
        continue;
      hk_scatter_series_add (series, m->spend, m->revenue, ds->inf_followers[row], row,
                             hk_analysis_get_group_key (analysis, HK_DIM_INFLUENCER, g),
                             ds->inf_name[row]);
    }
  return &series->parent;
}

/* The analysis's filters and the days its selection spans, in words. */
static char *
describe_analysis (HkAnalysis *analysis)
{
  guint n = hk_analysis_get_n_groups (analysis, HK_DIM_DAY);
  gint32 first = HK_DAY_NONE, last = HK_DAY_NONE;

  if (n > 0)
    {
      first = hk_analysis_get_group_index (analysis, HK_DIM_DAY, 0);
      last = hk_analysis_get_group_index (analysis, HK_DIM_DAY, n - 1);
    }
  return hk_filter_dup_description (hk_analysis_get_filter (analysis), first, last);
}

static HkChartSeries *
series_for_kind (HkAnalysis                 *analysis,
                 HkChartKind                 kind,
                 const HkChartSeriesOptions *options)
{
  switch (kind)
    {
    case HK_CHART_ROAS_BY_BRAND:
    case HK_CHART_ROAS_BY_PLATFORM:
    case HK_CHART_ROAS_BY_PERSONA:
    case HK_CHART_ROAS_BY_CITY:
      return roas_bars (analysis, kind, options);
    case HK_CHART_SPEND_REVENUE_BY_BRAND:
      return brand_spend_revenue_bars (analysis, options);
    case HK_CHART_TOP_PAYOUTS:
      return top_payout_bars (analysis, options);
    case HK_CHART_IROAS_BY_CAMPAIGN:
      return campaign_iroas_bars (analysis, options);
    case HK_CHART_REVENUE_VS_SPEND:
      return daily_series (analysis, options);
    case HK_CHART_SPEND_VS_REVENUE:
      return influencer_scatter (analysis);
    case HK_N_CHART_KINDS:
    default:
      g_assert_not_reached ();
    }
}

HkChartSeries *
hk_chart_series_new_for_analysis (HkAnalysis                 *analysis,
                                  HkChartKind                 kind,
                                  const HkChartSeriesOptions *options)
{
  HkChartSeriesOptions defaults;
  HkChartSeries *series;

  g_return_val_if_fail (analysis != NULL, NULL);
  g_return_val_if_fail (kind < HK_N_CHART_KINDS, NULL);

  if (options == NULL)
    {
      hk_chart_series_options_init (&defaults);
      options = &defaults;
    }
  series = series_for_kind (analysis, kind, options);
  series->subtitle = describe_analysis (analysis);
  return series;
}

/* ------------------------------------------------------------------------ */
/* Ticks                                                                    */

static void
fill_ticks (HkChartTicks *ticks,
            double        lo,
            double        step,
            guint         n)
{
  ticks->step = step;
  ticks->n = n;
  for (guint i = 0; i < n; i++)
    {
      /* Multiples of step written from their index, not by accumulating, so
       * 0.1 × 3 does not turn into 0.30000000000000004 in labels. */
      double k = round (lo / step) + i;
      double v = k * step;

      if (step < 1)
        {
          double inv = round (1 / step);
          if (fabs (inv * step - 1) < 1e-9)
            v = k / inv;
        }
      ticks->values[i] = v == 0 ? 0 : v; /* no −0 */
    }
  ticks->min = ticks->values[0];
  ticks->max = ticks->values[n - 1];
}

void
hk_chart_nice_ticks (double        min,
                     double        max,
                     guint         max_ticks,
                     HkChartTicks *ticks)
{
  static const double factors[] = { 1, 2, 5 };
  double span, magnitude;

  g_return_if_fail (ticks != NULL);

  max_ticks = CLAMP (max_ticks, 2, HK_CHART_MAX_TICKS);
  if (!isfinite (min) || !isfinite (max))
    min = 0, max = 1;
  if (min > max)
    {
      double t = min;
      min = max;
      max = t;
    }
  if (min == max)
    {
      if (min > 0)
        min = 0;
      else if (max < 0)
        max = 0;
      else
        min = -1, max = 1;
    }

  /* Across zero the ticks hold 0 and a step each side: two cannot. */
  if (min < 0 && max > 0)
    max_ticks = MAX (max_ticks, 3);

  span = max - min;
  magnitude = pow (10, floor (log10 (span / (max_ticks - 1))));
  for (int tries = 0; tries < 8; tries++, magnitude *= 10)
    for (guint f = 0; f < G_N_ELEMENTS (factors); f++)
      {
        double step = factors[f] * magnitude;
        double lo = floor (min / step + 1e-9) * step;
        double hi = ceil (max / step - 1e-9) * step;
        double count = round ((hi - lo) / step) + 1;

        if (count <= max_ticks)
          {
            fill_ticks (ticks, lo, step, (guint) MAX (count, 2));
            return;
          }
      }
  /* Not reached for finite ranges; the ends alone if it ever were. */
  fill_ticks (ticks, min, span, 2);
}

void
hk_chart_log_ticks (double        min,
                    double        max,
                    guint         max_ticks,
                    HkChartTicks *ticks)
{
  static const double mantissas[][3] = { { 1, 2, 5 }, { 1, 3, 0 }, { 1, 0, 0 } };
  int lo, hi;

  g_return_if_fail (ticks != NULL);

  max_ticks = CLAMP (max_ticks, 2, HK_CHART_MAX_TICKS);
  if (!(min > 0) || !isfinite (min))
    min = 1;
  if (!(max > min) || !isfinite (max))
    max = min * 10;
  lo = (int) floor (log10 (min) + 1e-9);
  hi = (int) ceil (log10 (max) - 1e-9);
  if (hi == lo)
    hi++;

  for (guint m = 0; m < G_N_ELEMENTS (mantissas); m++)
    {
      for (int every = 1; every <= 8; every++)
        {
          guint n = 0;

          if (m < G_N_ELEMENTS (mantissas) - 1 && every > 1)
            break;
          for (int e = lo; e <= hi && n <= max_ticks; e++)
            for (guint k = 0; k < 3 && mantissas[m][k] > 0; k++)
              {
                double v = mantissas[m][k] * pow (10, e);

                if ((e - lo) % every != 0 || v > pow (10, hi) * 1.0000001)
                  continue;
                if (n < HK_CHART_MAX_TICKS)
                  ticks->values[n] = v;
                n++;
              }
          if (n <= max_ticks)
            {
              ticks->n = n;
              ticks->min = pow (10, lo);
              ticks->max = pow (10, hi);
              ticks->step = pow (10, every);
              return;
            }
        }
    }
  /* Many decades: first and last only. */
  ticks->n = 2;
  ticks->values[0] = ticks->min = pow (10, lo);
  ticks->values[1] = ticks->max = pow (10, hi);
  ticks->step = ticks->max / ticks->min;
}

static int
floor_mod (gint64 a,
           int    b)
{
  int r = (int) (a % b);
  return r < 0 ? r + b : r;
}

guint
hk_chart_date_ticks (gint32  first_day,
                     gint32  last_day,
                     guint   max_ticks,
                     gint32 *days,
                     char   *unit)
{
  static const struct { char unit; int every; } steps[] = {
    { 'd', 1 }, { 'd', 2 }, { 'w', 1 }, { 'w', 2 }, { 'm', 1 }, { 'm', 2 },
    { 'q', 3 }, { 'q', 6 }, { 'y', 1 }, { 'y', 2 }, { 'y', 5 }, { 'y', 10 },
    { 'y', 20 }, { 'y', 50 }, { 'y', 100 },
  };

  g_return_val_if_fail (days != NULL, 0);

  max_ticks = CLAMP (max_ticks, 1, HK_CHART_MAX_TICKS);
  if (last_day < first_day)
    last_day = first_day;

  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    {
      guint n = 0;
      int every = steps[s].every;

      switch (steps[s].unit)
        {
        case 'd':
          for (gint64 d = first_day; d <= last_day && n <= max_ticks; d++)
            if ((d - first_day) % every == 0)
              {
                if (n < max_ticks)
                  days[n] = (gint32) d;
                n++;
              }
          break;
        case 'w':
          {
            /* 1970-01-05 (day 4) was a Monday. */
            gint64 d = first_day + floor_mod (4 - (gint64) first_day, 7);
            for (; d <= last_day && n <= max_ticks; d += 7 * every)
              {
                if (n < max_ticks)
                  days[n] = (gint32) d;
                n++;
              }
            break;
          }
        default:
          {
            /* months, quarters and years: the first of a month */
            int y, m, dd, months = steps[s].unit == 'y' ? 12 * every : every;
            hk_date_to_ymd (first_day, &y, &m, &dd);
            /* first aligned month on or after first_day */
            {
              int index = y * 12 + (m - 1);
              if (dd != 1)
                index++;
              index = (int) (((gint64) index + months - 1) / months) * months;
              for (;; index += months)
                {
                  gint32 d = hk_date_from_ymd (index / 12, index % 12 + 1, 1);
                  if (d > last_day || n > max_ticks)
                    break;
                  if (n < max_ticks)
                    days[n] = d;
                  n++;
                }
            }
            break;
          }
        }
      if (n <= max_ticks)
        {
          if (unit)
            *unit = steps[s].unit;
          return n;
        }
    }
  if (unit)
    *unit = 'y';
  days[0] = first_day;
  return 1;
}
