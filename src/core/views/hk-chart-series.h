/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hk-analysis.h"
#include "hk-types.h"

G_BEGIN_DECLS

/* Charts turn an analysis into plain series (this file, GTK-free); the painter
 * (src/chart/hk-chart-painter.h) maps a series to pixels; widgets and exports
 * call the painter. docs/charts.md describes each chart. */

typedef enum {
  HK_CHART_ROAS_BY_BRAND,          /* bars: pooled ROAS per brand */
  HK_CHART_ROAS_BY_PLATFORM,
  HK_CHART_ROAS_BY_PERSONA,
  HK_CHART_ROAS_BY_CITY,
  HK_CHART_REVENUE_VS_SPEND,       /* time series: revenue and spend per day */
  HK_CHART_SPEND_VS_REVENUE,       /* scatter: one point per influencer */
  HK_CHART_TOP_PAYOUTS,            /* bars: the largest spend per influencer */
  HK_CHART_SPEND_REVENUE_BY_BRAND, /* grouped bars: revenue and spend per brand */
  HK_CHART_IROAS_BY_CAMPAIGN,      /* bars: iROAS per campaign with its 95% interval */
  HK_N_CHART_KINDS
} HkChartKind;

typedef enum {
  HK_CHART_SHAPE_BARS,
  HK_CHART_SHAPE_TIME,
  HK_CHART_SHAPE_SCATTER,
} HkChartShape;

/* How a bar value reads: ROAS "3.25×", money "₹1.2 L", a count. */
typedef enum {
  HK_CHART_UNIT_RATIO,
  HK_CHART_UNIT_MONEY,
  HK_CHART_UNIT_COUNT,
} HkChartUnit;

/* "roas-by-brand", … "spend-revenue-by-brand": the CLI's --kind names. */
const char   *hk_chart_kind_name      (HkChartKind  kind);
gboolean      hk_chart_kind_from_name (const char  *name,
                                       HkChartKind *kind);
HkChartShape  hk_chart_kind_get_shape (HkChartKind  kind);
/* "ROAS by Brand", translated: the chart's heading on screen and in exports. */
const char   *hk_chart_kind_get_title (HkChartKind  kind);
/* The dimension a bar stands for (HK_DIM_BRAND…, HK_DIM_INFLUENCER for top
 * payouts), what a click on it filters by; HK_N_DIMS for other shapes. */
HkDimension   hk_chart_kind_get_dimension (HkChartKind kind);

/* Every series starts with this header; cast with HK_BAR_SERIES() and friends
 * after checking shape. Series are immutable once built and reference counted,
 * so a widget and an export may share one. */
typedef struct {
  HkChartKind   kind;
  HkChartShape  shape;
  char         *title;
  char         *subtitle;     /* the filters and dates in words (exports); NULL for none */
  /*< private >*/
  gint          ref_count;
} HkChartSeries;

typedef struct {
  char   *key;        /* the group's value as in the data ("" the empty value); an influencer's id */
  char   *label;      /* what the chart shows: "Unknown" for "", an influencer's name */
  double  value;      /* what the bar shows; NAN: undefined (drawn as "—", no bar) */
  double  value2;     /* grouped bars: the second measure; NAN otherwise */
  double  revenue;    /* for tooltips: the group's revenue, spend and mean influencer ROAS */
  double  spend;
  double  mean_roas;
  double  low;        /* the value's 95% interval, drawn as whiskers; NAN for none */
  double  high;
  gint64  influencer; /* dataset row for per-influencer bars; -1 otherwise */
  gboolean flagged;   /* drawn in the error colour, named by the series' flag_name:
                       * top payouts, a payout above the revenue it brought */
  guint   pooled;     /* an "Others" bar: how many groups it pools; 0 for a group's own */
} HkBarItem;

typedef struct {
  HkChartSeries parent;
  HkDimension   dimension;
  HkChartUnit   unit;
  char         *value_name;  /* "ROAS", "Spend", "Revenue" */
  char         *value2_name; /* "Spend" for grouped bars; NULL otherwise */
  double        reference;   /* a line drawn across the bars (ROAS = 1); NAN for none */
  char         *flag_name;   /* what a flagged bar means ("Payout exceeds revenue"); NULL */
  guint         n_total;     /* groups before max_items cut the list */
  GArray       *items;       /* HkBarItem, in drawing order (top first) */
} HkBarSeries;

typedef struct {
  HkChartSeries parent;
  gint32        first_day;   /* day i is first_day + i (hk-date.h) */
  guint         n_days;      /* every day from the first to the last, gaps as 0 */
  double       *revenue;     /* n_days each */
  double       *spend;
  guint         smoothing;   /* 0: per day; N: trailing N-day mean */
} HkTimeSeries;

typedef struct {
  double      spend;         /* x */
  double      revenue;       /* y */
  double      followers;     /* point size */
  guint       influencer;    /* dataset row */
  const char *key;           /* the influencer's id; owned by the series */
  const char *label;         /* the influencer's name; owned by the series */
} HkScatterPoint;

typedef struct {
  HkChartSeries parent;
  GArray       *points;      /* HkScatterPoint: influencers with revenue or spend */
  double        max_followers;
  double        breakeven;   /* the break-even ROAS line, 1 ÷ gross margin (default 1) */
  /*< private >*/
  GStringChunk *strings;
} HkScatterSeries;

#define HK_BAR_SERIES(s)     ((HkBarSeries *) (s))
#define HK_TIME_SERIES(s)    ((HkTimeSeries *) (s))
#define HK_SCATTER_SERIES(s) ((HkScatterSeries *) (s))
#define HK_BAR_SERIES_ITEM(s, i) (&g_array_index ((s)->items, HkBarItem, (i)))
#define HK_SCATTER_SERIES_POINT(s, i) (&g_array_index ((s)->points, HkScatterPoint, (i)))

typedef struct {
  guint    max_items;  /* bars: keep the first N after sorting (0: all; top payouts default 15) */
  guint    smoothing;  /* time series: 0 or a window in days, e.g. 7 */
  gboolean others;     /* bars cut by max_items: the first N - 1 and one "Others" bar
                        * pooling the rest (their revenue and spend summed, ROAS
                        * of the sums) */
} HkChartSeriesOptions;

void            hk_chart_series_options_init (HkChartSeriesOptions *options);

/* The series of a chart kind for an analysis. options NULL: the defaults.
 * Its subtitle names the analysis's filters and dates
 * (hk_filter_dup_description()). */
HkChartSeries  *hk_chart_series_new_for_analysis (HkAnalysis                 *analysis,
                                                  HkChartKind                 kind,
                                                  const HkChartSeriesOptions *options);

#define HK_TYPE_CHART_SERIES (hk_chart_series_get_type ())
GType           hk_chart_series_get_type (void) G_GNUC_CONST;
HkChartSeries  *hk_chart_series_ref     (HkChartSeries *series);
void            hk_chart_series_unref   (HkChartSeries *series);
/* Number of items a hit test can return: bars, days or points. */
guint           hk_chart_series_get_n_items (const HkChartSeries *series);

/* Sets the subtitle of a series being built (NULL for none). */
void            hk_chart_series_set_subtitle (HkChartSeries *series,
                                              const char    *subtitle);

/* Building series by hand (tests, benchmarks, the demo). */
HkBarSeries    *hk_bar_series_new       (HkChartKind    kind,
                                         HkChartUnit    unit,
                                         const char    *value_name,
                                         const char    *value2_name);
void            hk_bar_series_add       (HkBarSeries   *series,
                                         const char    *key,
                                         const char    *label,
                                         double         value,
                                         double         value2);
/* Defined values largest first, undefined last; ties by label. */
void            hk_bar_series_sort      (HkBarSeries   *series);

HkTimeSeries   *hk_time_series_new      (HkChartKind    kind,
                                         gint32         first_day,
                                         guint          n_days);
/* A new series whose values are the trailing window-day mean (the first days
 * average what they have); window 0 or 1 copies. */
HkTimeSeries   *hk_time_series_smooth   (const HkTimeSeries *series,
                                         guint          window);

HkScatterSeries *hk_scatter_series_new  (HkChartKind    kind);
void            hk_scatter_series_add   (HkScatterSeries *series,
                                         double         spend,
                                         double         revenue,
                                         double         followers,
                                         guint          influencer,
                                         const char    *key,
                                         const char    *label);

/* Whether log axes show this scatter better than linear ones: when most
 * points would crowd the origin, i.e. the largest spend or revenue is at
 * least 100 times the median (of the positive values). */
gboolean        hk_scatter_series_prefers_log (const HkScatterSeries *series);

/* ------------------------------------------------------------------------ */
/* Axis ticks                                                               */

#define HK_CHART_MAX_TICKS 32

typedef struct {
  double min;    /* the axis runs from min to max, both multiples of step */
  double max;
  double step;   /* 1, 2 or 5 × 10^k (log axes: the factor between ticks) */
  guint  n;
  double values[HK_CHART_MAX_TICKS];
} HkChartTicks;

/* "Nice" ticks covering [min, max] with at most max_ticks ticks (2 to
 * HK_CHART_MAX_TICKS): the smallest step of 1, 2 or 5 × 10^k that fits. An
 * empty range (min == max) widens to include 0, or to [v - 1, v + 1] around 0.
 * Non-finite input gives 0 … 1. */
void            hk_chart_nice_ticks     (double         min,
                                         double         max,
                                         guint          max_ticks,
                                         HkChartTicks  *ticks);
/* Ticks for a log axis over [min, max] (both > 0): powers of ten, with 2 and 5
 * between them when few decades are shown. */
void            hk_chart_log_ticks      (double         min,
                                         double         max,
                                         guint          max_ticks,
                                         HkChartTicks  *ticks);
/* Day ticks for a date axis over [first_day, last_day]: days, weeks (Mondays),
 * first of months, quarters or years, whichever gives at most max_ticks.
 * unit tells which: 'd', 'w', 'm', 'q' or 'y'. Returns the number of ticks. */
guint           hk_chart_date_ticks     (gint32         first_day,
                                         gint32         last_day,
                                         guint          max_ticks,
                                         gint32        *days,
                                         char          *unit);

static inline void hk_bar_series_unref (HkBarSeries *s) { hk_chart_series_unref (&s->parent); }
static inline void hk_time_series_unref (HkTimeSeries *s) { hk_chart_series_unref (&s->parent); }
static inline void hk_scatter_series_unref (HkScatterSeries *s) { hk_chart_series_unref (&s->parent); }

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HkChartSeries, hk_chart_series_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HkBarSeries, hk_bar_series_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HkTimeSeries, hk_time_series_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HkScatterSeries, hk_scatter_series_unref)

G_END_DECLS
