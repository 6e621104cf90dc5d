/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hk-dataset.h"
#include "hk-filter.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------------ */
/* Metrics (DESIGN.md §3; docs/metrics.md)                                  */

/* Sums over what the selection keeps, from which every metric derives. */
typedef struct {
  double  posts;
  double  reach;
  double  likes;
  double  comments;
  double  tracking_rows;      /* attributed rows */
  double  orders;
  double  revenue;
  double  spend;
  double  incremental_revenue;
  double  incremental_spend;  /* spend on what an iROAS method covers */
  double  roas_sum;           /* over influencers with a defined ROAS */
  double  roas_max;
  guint   roas_n;
  guint   influencers;        /* with non-zero revenue or spend */
  guint8  methods;            /* HkIroasMethodFlags used */
} HkMetrics;

typedef enum {
  HK_METRIC_POSTS,
  HK_METRIC_REACH,
  HK_METRIC_LIKES,
  HK_METRIC_COMMENTS,
  HK_METRIC_ENGAGEMENT_RATE,
  HK_METRIC_ORDERS,
  HK_METRIC_REVENUE,
  HK_METRIC_SPEND,
  HK_METRIC_ROAS,
  HK_METRIC_MEAN_INFLUENCER_ROAS,
  HK_METRIC_TOP_INFLUENCER_ROAS,
  HK_METRIC_INCREMENTAL_REVENUE,
  HK_METRIC_INCREMENTAL_ROAS,
  HK_METRIC_CPM,
  HK_METRIC_CPE,
  HK_METRIC_COST_PER_ORDER,
  HK_METRIC_AOV,
  HK_METRIC_ROI,
  HK_METRIC_INFLUENCERS,
  HK_N_METRICS
} HkMetric;

/* NAN when undefined (a zero denominator, no spend, no influencer with a
 * defined ROAS); callers show "—" or an empty cell. */
double      hk_metrics_get    (const HkMetrics *metrics,
                               HkMetric         metric);
/* ROAS from revenue and spend alone, for what carries just those two (a chart
 * point, a bar): revenue ÷ spend, NAN unless spend > 0. */
double      hk_metrics_roas   (double           revenue,
                               double           spend);
/* Adds m's sums into into: a footer's totals, pooled. */
void        hk_metrics_add    (HkMetrics       *into,
                               const HkMetrics *m);
/* The payouts table's flag: paid more than it brought in. */
gboolean    hk_metrics_payout_exceeds_revenue (const HkMetrics *metrics);
/* How a payout fares against what it returned, worst first: a table's flag
 * cell holds one of these (HK_CELL_FLAG). */
typedef enum {
  HK_PAYOUT_FINE,
  HK_PAYOUT_BELOW_BREAKEVEN, /* ROAS under 1 ÷ gross margin: loses money after the goods */
  HK_PAYOUT_EXCEEDS_REVENUE, /* paid more than it brought in at all */
} HkPayoutFlag;
HkPayoutFlag hk_metrics_payout_flag (const HkMetrics *metrics,
                                     double           breakeven);
/* "roas", "engagement_rate", …: the column names of exports. */
const char *hk_metric_name    (HkMetric         metric);
/* A metric as exports write it: hk_metrics_get(), with money rounded to the
 * paisa (sums of rupees and paise carry floating-point noise). */
double      hk_metric_export_value (const HkMetrics *metrics,
                                    HkMetric         metric);
/* Break-even ROAS of a gross margin: 1 ÷ margin (NAN unless margin > 0). */
double      hk_metrics_breakeven_roas (double       margin);
/* The rate at which an estimated ROAS would meet a target: rate × estimate ÷
 * target; NAN when any is undefined or the target is not above 0. */
double      hk_metrics_fair_rate (double            rate,
                                  double            estimate,
                                  double            target);
/* Rounds an amount of rupees to the paisa; NAN stays NAN. */
double      hk_money_round    (double           rupees);
/* Whether a metric is an amount of money (for formatting). */
gboolean    hk_metric_is_money (HkMetric        metric);

/* ------------------------------------------------------------------------ */
/* Options                                                                  */

typedef enum {
  HK_IROAS_AUTO,        /* holdout test where a campaign has a valid one, the calibrated
                         * share elsewhere (assumed when no test exists) */
  HK_IROAS_HOLDOUT,
  HK_IROAS_PRE_PERIOD,
  HK_IROAS_ASSUMED,
} HkIroasMethod;

typedef enum {
  HK_IROAS_USED_HOLDOUT    = 1 << 0,
  HK_IROAS_USED_PRE_PERIOD = 1 << 1,
  HK_IROAS_USED_ASSUMED    = 1 << 2,
  HK_IROAS_USED_CALIBRATED = 1 << 3, /* the organic share the holdout tests calibrate */
} HkIroasMethodFlags;

/* A brand's gross margin (revenue less the cost of goods, as a fraction of
 * revenue): its break-even ROAS is 1 ÷ margin. */
#define HK_MAX_BRAND_MARGINS 16
#define HK_BRAND_NAME_MAX    64

typedef struct {
  char   brand[HK_BRAND_NAME_MAX];
  double margin;
} HkBrandMargin;

typedef struct {
  HkIroasMethod method;
  guint         pre_period_days; /* default 28 */
  double        organic_share;   /* default 0.30 */
  guint         top_n;           /* default 10 */
  guint         row_dimensions;  /* bit (1 << HkDimension) for each row dimension
                                  * whose groups to keep; default all */
  double        default_margin;  /* gross margin of brands not listed; default 0.5 */
  double        target_roas;     /* what Scale asks for; default 3 (Preferences' default); 0: none */
  guint         n_margins;
  HkBrandMargin margins[HK_MAX_BRAND_MARGINS];
} HkAnalysisOptions;

#define HK_ROW_DIMENSIONS_ALL ((1u << HK_DIM_BRAND) | (1u << HK_DIM_PRODUCT) | \
                               (1u << HK_DIM_CAMPAIGN) | (1u << HK_DIM_SOURCE) | (1u << HK_DIM_DAY))

void        hk_analysis_options_init  (HkAnalysisOptions  *options);
/* "auto", "holdout", "pre-period[:DAYS]", "assumed[:SHARE]". */
gboolean    hk_analysis_options_parse_iroas (HkAnalysisOptions *options,
                                       const char         *text,
                                       GError            **error);
/* "holdout", "pre-period:28", "assumed:0.3", "auto" (round-trips the above). */
char       *hk_analysis_options_format_iroas (const HkAnalysisOptions *options);
/* "BRAND=M": M as "0.4" or "40%", above 0 and at most 1; a brand named again
 * replaces its margin, "*=M" sets the default. */
gboolean    hk_analysis_options_parse_margin (HkAnalysisOptions *options,
                                       const char         *text,
                                       GError            **error);
/* Sets a brand's margin (NULL or "*": the default); FALSE when the list is full. */
gboolean    hk_analysis_options_set_margin (HkAnalysisOptions *options,
                                       const char         *brand,
                                       double              margin);
/* The margin of a brand: its own, else the default. */
double      hk_analysis_options_get_margin (const HkAnalysisOptions *options,
                                       const char         *brand);
/* "holdout+calibrated" and the like, from the flags a result used; "" for none. */
char       *hk_iroas_methods_to_string (guint8              methods);

/* ------------------------------------------------------------------------ */
/* Engine and results                                                       */

#define HK_TYPE_ENGINE (hk_engine_get_type ())
G_DECLARE_FINAL_TYPE (HkEngine, hk_engine, HK, ENGINE, GObject)

#define HK_TYPE_ANALYSIS (hk_analysis_get_type ())
typedef struct _HkAnalysis HkAnalysis;

/* What a dataset allows to compute before any filter: payout amounts and how
 * they spread over posts and orders, campaign periods, holdout groups. Built
 * once per dataset; analyses may run concurrently on any thread. */
HkEngine   *hk_engine_new                (HkDataset               *dataset);
HkDataset  *hk_engine_get_dataset        (HkEngine                *self);
/* The preparation as bytes, for the dataset's snapshot (hk_snapshot_write()):
 * hk_engine_new() on the dataset reopened from it skips the preparation. */
GBytes     *hk_engine_save_prepared      (HkEngine                *self);
/* Whether hk_engine_new() took the preparation from the dataset's snapshot. */
gboolean    hk_engine_get_restored       (HkEngine                *self);
/* One aggregation pass over the selection, on up to two threads. */
HkAnalysis *hk_engine_analyze            (HkEngine                *self,
                                          const HkFilter          *filter,
                                          const HkAnalysisOptions *options);
/* Amount of a payout row (never depends on filters; 0 where it computes to
 * nothing; NAN for a post-basis amount that needs the missing posts table). */
double      hk_engine_get_payout_amount  (HkEngine                *self,
                                          guint                    payout_row);
gboolean    hk_engine_is_payout_unallocated (HkEngine             *self,
                                          guint                    payout_row);
/* The holdout tests of the dataset in words, a line each: users and buyers
 * per group, a warning under 30 held-out buyers, users seen in both groups,
 * and why a test is not used. NULL when the dataset lists no test. */
char       *hk_engine_dup_holdout_report (HkEngine                *self);

GType       hk_analysis_get_type         (void) G_GNUC_CONST;
HkAnalysis *hk_analysis_ref              (HkAnalysis              *analysis);
void        hk_analysis_unref            (HkAnalysis              *analysis);
HkDataset  *hk_analysis_get_dataset      (HkAnalysis              *analysis);
/* The engine that made the analysis, for another analysis of its dataset. */
HkEngine   *hk_analysis_get_engine       (HkAnalysis              *analysis);
const HkFilter *hk_analysis_get_filter   (HkAnalysis              *analysis);
const HkAnalysisOptions *hk_analysis_get_options (HkAnalysis      *analysis);

const HkMetrics *hk_analysis_get_totals  (HkAnalysis              *analysis);
/* Spend of payout rows with no post or order in scope, of the influencers the
 * influencer filters keep; part of spend only while no row filter is set. */
double      hk_analysis_get_unallocated_spend (HkAnalysis         *analysis);

/* Groups of a dimension. HK_DIM_INFLUENCER: every influencer the influencer
 * filters keep (under a row filter, those with a post, an attributed tracking
 * row or spend in the selection), in file order; HK_DIM_DAY: each day with a post, an attributed
 * tracking row or spend, in date order; others: each value with revenue, orders
 * or spend, sorted by value (tiers nano to mega). */
guint       hk_analysis_get_n_groups     (HkAnalysis              *analysis,
                                          HkDimension              dim);
const HkMetrics *hk_analysis_get_group   (HkAnalysis              *analysis,
                                          HkDimension              dim,
                                          guint                    group);
/* The value ("" for the empty value; the influencer's id; the ISO date). */
const char *hk_analysis_get_group_key    (HkAnalysis              *analysis,
                                          HkDimension              dim,
                                          guint                    group);
/* HK_DIM_INFLUENCER: the influencer's row in the dataset. HK_DIM_DAY: the day number. */
gint64      hk_analysis_get_group_index  (HkAnalysis              *analysis,
                                          HkDimension              dim,
                                          guint                    group);
/* The group of an influencer (dataset row), or -1 when filtered out. */
gint        hk_analysis_find_influencer  (HkAnalysis              *analysis,
                                          guint                    influencer);

/* Top influencers (highest score first, then revenue, then id) and the poor
 * performers (the lowest ⌈n/10⌉ of the n with a defined ROAS). Positions are
 * HK_DIM_INFLUENCER groups. top_n limits top; 0 lists every one. */
guint       hk_analysis_get_n_top        (HkAnalysis              *analysis);
guint       hk_analysis_get_top          (HkAnalysis              *analysis,
                                          guint                    i);
guint       hk_analysis_get_n_poor       (HkAnalysis              *analysis);
guint       hk_analysis_get_poor         (HkAnalysis              *analysis,
                                          guint                    i);

/* The method requested and what it came to over the selection shown, with the
 * part of the revenue each method covers, e.g. "Auto: holdout test for 1
 * campaign (7% of revenue); organic share 41% calibrated on the holdout tests
 * (93% of revenue)". */
const char *hk_analysis_get_iroas_label  (HkAnalysis              *analysis);
/* 95% interval of the total iROAS shown: the holdout tests' sampling error,
 * through the campaigns they measure and the organic shares they calibrate.
 * FALSE when part of the number rests on the assumed share or a pre-period
 * baseline (which have none), or when nothing measured covers it. */
gboolean    hk_analysis_get_iroas_interval (HkAnalysis            *analysis,
                                          double                  *low,
                                          double                  *high);
/* Attributed revenue of the selection whose incremental revenue one method
 * (a single HkIroasMethodFlags bit) gave; 0 for no bit. Revenue no method
 * covers (under holdout: campaigns without a valid test) is method 0. */
double      hk_analysis_get_iroas_revenue (HkAnalysis             *analysis,
                                          guint8                   method);

/* A campaign's holdout test as the selection saw it: its users' purchases of
 * its brand in its window, within the product and date filters. */
typedef struct {
  const char *campaign;
  double      exposed_users;       /* as listed */
  double      holdout_users;
  double      exposed_revenue;     /* of the exposed users, in the selection */
  double      holdout_revenue;
  double      incremental_revenue; /* (per exposed user - per holdout user) × exposed users,
                                    * per user = purchases per user × revenue per purchase
                                    * of both groups (docs/metrics.md); NAN when not valid */
  double      low;                 /* 95% interval of incremental_revenue */
  double      high;
  double      exposed_buyers;      /* users who bought, in the selection */
  double      holdout_buyers;
  guint       excluded_users;      /* seen in both groups: left out */
  gboolean    valid;               /* FALSE: listed, not used (note says why) */
  gboolean    few_buyers;          /* under 30 held-out buyers: warn */
  const char *note;                /* its line of hk_engine_dup_holdout_report() */
} HkHoldoutTest;

/* The tests whose campaign and brand the selection's filters allow, valid or
 * not, in holdout_groups.csv order. */
guint       hk_analysis_get_n_holdout_tests (HkAnalysis           *analysis);
void        hk_analysis_get_holdout_test (HkAnalysis              *analysis,
                                          guint                    i,
                                          HkHoldoutTest           *test);

/* A campaign (an HK_DIM_CAMPAIGN group) as the selection saw it: what the
 * Campaigns page and campaign_summary.csv show beside the group's metrics. */
typedef struct {
  const char *brand;            /* the brand of most of its rows; "" for none */
  gint32      first_day;        /* first and last day with a post or an attributed */
  gint32      last_day;         /* row of it in the selection; HK_DAY_NONE if none */
  guint8      method;           /* the HkIroasMethodFlags of its incremental revenue; 0: none */
  double      incremental_low;  /* 95% interval of its incremental revenue in the */
  double      incremental_high; /* selection; NAN when its method has none */
  double      iroas_low;        /* the same over its spend (NAN when undefined) */
  double      iroas_high;
  double      exposed_users;    /* of its holdout test; NAN when no test was used */
  double      holdout_users;
  double      exposed_buyers;
  double      holdout_buyers;
  const char *note;             /* why its method is what it is, for a tooltip and the
                                 * report ("pre-period: 9 clean days, fell back to the
                                 * calibrated share"); NULL when there is nothing to say */
} HkCampaignInfo;

/* FALSE when group is out of range. */
gboolean    hk_analysis_get_campaign_info (HkAnalysis             *analysis,
                                          guint                    group,
                                          HkCampaignInfo          *info);

/* Payouts of an influencer group: basis ("post", "order" or "mixed"), the rate
 * when its payout rows share one basis and one rate (else NAN), and units (its posts or orders in the
 * selection; NAN when mixed). FALSE when the influencer has no payout row. */
gboolean    hk_analysis_get_payout_info  (HkAnalysis              *analysis,
                                          guint                    group,
                                          const char             **basis,
                                          double                  *rate,
                                          double                  *units);

/* ------------------------------------------------------------------------ */
/* Score and decision (DESIGN.md §3; docs/metrics.md)                       */

typedef enum {
  HK_DECISION_NONE,         /* no spend: nothing to decide */
  HK_DECISION_DROP,         /* P(true ROAS < break-even) ≥ 0.8 */
  HK_DECISION_SCALE,        /* P(true ROAS > target) ≥ 0.8 */
  HK_DECISION_WATCH,        /* the interval holds both break-even and target */
  HK_DECISION_RENEGOTIATE,  /* the estimate is below break-even */
  HK_DECISION_KEEP,
  HK_N_DECISIONS
} HkDecision;

/* An influencer's ROAS as its evidence supports it: shrunk toward its tier ×
 * platform peers (empirical Bayes), with a 90% interval. NAN throughout and
 * HK_DECISION_NONE when its ROAS is undefined. */
typedef struct {
  double     score;              /* estimated true ROAS */
  double     low;                /* 90% interval */
  double     high;
  double     p_below_breakeven;  /* P(true ROAS < break-even) */
  double     p_above_target;     /* P(true ROAS > target), the target raised to
                                  * break-even where it is below; NAN without one */
  double     breakeven;          /* 1 ÷ its revenue-weighted gross margin */
  double     fair_rate;          /* the rate at which the estimate meets break-even;
                                  * NAN unless one basis and one rate */
  double     saving;             /* spend less what the estimate at break-even would
                                  * cost, when positive; else 0 */
  HkDecision decision;
} HkScore;

/* FALSE when group is out of range. */
gboolean    hk_analysis_get_score        (HkAnalysis              *analysis,
                                          guint                    group,
                                          HkScore                 *score);
/* The selection's break-even ROAS: 1 ÷ its revenue-weighted gross margin
 * over brands (1 ÷ the default margin without revenue). */
double      hk_analysis_get_breakeven_roas (HkAnalysis            *analysis);
/* An influencer group's break-even (its brands' margins, as its score uses),
 * else the selection's. */
double      hk_analysis_get_influencer_breakeven (HkAnalysis      *analysis,
                                                  guint            group);
/* "drop", "scale", "watch", "renegotiate", "keep"; "" for none: exports. */
const char *hk_decision_name             (HkDecision               decision);
/* "Drop", "Scale"…, translated; "" for none. */
const char *hk_decision_label            (HkDecision               decision);
/* The reason in words, for a tooltip: "₹1.7 L paid, ROAS 0.97 (0.82–1.10), below
 * break-even 2.0 with 96% probability". NULL when there is no decision. */
char       *hk_analysis_dup_score_reason (HkAnalysis              *analysis,
                                          guint                    group);
/* Influencer groups with a decision, the worst first within it (Drop: most
 * spend first; Scale: highest score first; Renegotiate: largest saving first;
 * others: highest spend first). Free with g_free(). */
guint      *hk_analysis_dup_decided      (HkAnalysis              *analysis,
                                          HkDecision               decision,
                                          guint                   *n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HkAnalysis, hk_analysis_unref)

G_END_DECLS
