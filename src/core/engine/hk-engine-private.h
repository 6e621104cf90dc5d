/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Internals of the analysis engine, shared by its files: hk-engine.c (what a
 * dataset allows before any filter), hk-aggregate.c (one influencer's rows
 * and posts), hk-holdout.c (holdout tests), hk-incrementality.c (the iROAS
 * methods), hk-ranking.c (top and
 * poor performers) and hk-analysis.c (the pass and its results). */

#include "hk-analysis.h"
#include "hk-dataset-private.h"
#include "hk-selection.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------------ */
/* The engine                                                               */

/* How a payout row's amount spreads over its units. */
typedef enum {
  ALLOC_NONE,      /* no unit in scope: unallocated */
  ALLOC_POSTS,     /* share per post */
  ALLOC_ORDERS,    /* share per order */
  ALLOC_REVENUE,   /* commission: share per rupee of revenue */
  ALLOC_ROWS,      /* weights summed to zero or less: share per tracking row */
} Alloc;

/* A post lacks brand (bit 0) and/or campaign (bit 1); it always lacks product
 * and source. A payout row notes which of the four kinds its posts are. */
#define LACKS_BRAND    1
#define LACKS_CAMPAIGN 2
#define N_MASKS        4

/* Row attributes a post may lack, in the order of the distributions below. */
enum { DIST_PRODUCT, DIST_SOURCE, DIST_BRAND, DIST_CAMPAIGN, N_DISTS };

typedef struct {
  guint32 code;
  double  fraction; /* of the payout row's in-scope revenue */
} Share;

typedef struct {
  guint32 campaign;       /* scope; 0: any */
  guint32 brand;          /* scope; 0: any */
  guint8  basis;
  guint8  alloc;
  guint8  masks;          /* bit m: an in-scope post has lacking mask m */
  double  amount;
  double  share;          /* per unit of its alloc */
  double  scope_revenue;  /* of in-scope attributed rows, any date */
  guint   dist[N_DISTS + 1]; /* range of engine->shares for each distribution */
} Payout;

/* Why a listed holdout test is not used (DESIGN.md §3). */
typedef enum {
  TEST_VALID,
  TEST_NO_ROWS,        /* its campaign matches no tracking row */
  TEST_NO_GROUP,       /* a group with no users listed */
  TEST_USERS_TOO_FEW,  /* a group's users below the distinct users seen in it */
  TEST_NO_PURCHASE,    /* its users bought nothing in its window */
} TestStatus;

/* Per group (0: exposed, 1: holdout) of a test: what its users bought within
 * the window (and the filters, for an analysis). */
typedef struct {
  double users[2];       /* listed, less the users seen in both groups */
  double buyers[2];
  double purchases[2];   /* tracking rows */
  double purchases_sq[2];/* Σ over users of (rows of the user)² */
  double revenue[2];
  double revenue_sq;     /* Σ over rows of revenue², both groups */
  double log_n;          /* purchases of positive revenue, both groups, */
  double log_sum;        /* and Σ, Σ² of the log of their revenue */
  double log_sq;
} HoldoutSums;

typedef struct {
  char   *name;
  guint32 campaign;
  guint32 brand;           /* holdout_groups.csv's brand, else the campaign's */
  gint32  first_day;       /* the window */
  gint32  last_day;
  double  exposed_users;   /* as listed */
  double  holdout_users;
  guint   seen[2];         /* distinct users seen in rows of each group */
  guint   excluded;        /* users seen in both groups */
  guint8  status;          /* TestStatus */
  char   *note;            /* its line of the report */
  /* Over the whole dataset, whatever the filters: what calibrates the
   * organic share. */
  HoldoutSums full;
  double  incremental;
  double  se;
  double  attributed;      /* the campaign's attributed revenue, whole dataset */
} HoldoutTest;

/* A test as its dataset's snapshot keeps it (hk-engine-prepared.c): what the
 * preparation found; the rest is listed from the dataset again. */
typedef struct {
  HoldoutSums full;
  gint32      first_day;
  gint32      last_day;
  guint32     brand;
  guint32     seen[2];
  guint32     excluded;
  guint32     has_rows;
  guint32     reserved;
} SavedTest;

/* What the holdout estimate reads of a tracking row of a test's user, copied
 * in test, group and user order so that each analysis reads them in
 * sequence. */
typedef struct {
  double  revenue;
  guint32 user;
  guint32 test;
  guint32 product;
  gint32  date;
  guint32 purchases;  /* tracking rows it stands for (1 but for a source
                       * that stores rows aggregated) */
  guint8  group;      /* HK_AB_EXPOSED or HK_AB_HOLDOUT */
} TestRow;

/* The tracking rows in their three stored ranges: attributed (grouped by
 * influencer), unattributed, orphans. */
typedef enum {
  RANGE_ATTRIBUTED,
  RANGE_UNATTRIBUTED,
  RANGE_ORPHANS,
  N_RANGES
} RowRange;

/* A campaign's first and last tracking day in each range (HK_DAY_NONE: no
 * row there): one pass at preparation serves the campaign periods and the
 * holdout windows. */
typedef struct {
  gint32 first[N_RANGES];
  gint32 last[N_RANGES];
} CampaignDays;

struct _HkEngine {
  GObject     parent_instance;

  HkDataset  *ds;
  Payout     *payouts;
  GArray     *shares;          /* Share: how post spend spreads over row values */
  double     *unallocated;     /* per influencer */
  guint       max_payouts;     /* payout rows of one influencer, at most */
  gint64     *numeric_id;      /* per influencer: the id as an integer, or -1 */

  guint       n_campaigns;
  gint32     *campaign_first;  /* HK_DAY_NONE when the campaign has no post or row */
  gint32     *campaign_last;
  guint32    *campaign_brand;  /* the brand of most of its rows */
  gint       *campaign_test;   /* index into tests (valid or not), or -1 */
  double     *campaign_attributed; /* attributed revenue, whole dataset */
  CampaignDays *campaign_days; /* while preparing; NULL after */

  GArray     *tests;           /* HoldoutTest */
  TestRow    *test_rows;       /* rows of the tests' users, by test, group, user */
  guint       n_test_rows;

  guint       n_days;          /* dataset's first_day .. last_day */
  GBytes     *prepared;        /* from the dataset's snapshot: payouts and
                                * test_rows point into it */
};

static inline gboolean
row_in_scope (const HkDataset *ds,
              const Payout    *p,
              guint            r)
{
  return (p->campaign == 0 || ds->trk_campaign[r] == p->campaign) &&
         (p->brand == 0 || ds->trk_brand[r] == p->brand);
}

/* Posts that lack the attribute fall inside a scope. */
static inline gboolean
post_in_scope (const HkDataset *ds,
               const Payout    *p,
               guint            q)
{
  return (p->campaign == 0 || ds->post_campaign[q] == 0 || ds->post_campaign[q] == p->campaign) &&
         (p->brand == 0 || ds->post_brand[q] == 0 || ds->post_brand[q] == p->brand);
}

static inline guint
post_mask (const HkDataset *ds,
           guint            q)
{
  return (ds->post_brand[q] == 0 ? LACKS_BRAND : 0) | (ds->post_campaign[q] == 0 ? LACKS_CAMPAIGN : 0);
}

/* ------------------------------------------------------------------------ */
/* One analysis                                                             */

/* The row dimensions groups are kept for while walking rows. */
enum { ROW_BRAND, ROW_PRODUCT, ROW_CAMPAIGN, ROW_SOURCE, ROW_DAY, N_ROW_DIMS };

typedef struct {
  HkEngine          *engine;
  HkDataset         *ds;
  const HkFilter    *filter;
  const HkSelection *sel;
  HkAnalysisOptions  options;
  gboolean           dynamic_shares;    /* post spend needs the rows passing filters */
  guint              n_values[N_ROW_DIMS];
  double            *k;                 /* per campaign: incremental per rupee of revenue */
  guint8            *method;            /* per campaign: the flag of its method, 0 when uncovered */
  guint8             unallocated_method;
  double            *revenue;           /* per campaign: attributed revenue in the selection, every influencer */
  guint16           *clean_days;        /* per campaign: pre-period days used */
  guint8            *fell_back;         /* per campaign: the pre-period had too few clean days */
  gint              *pool;              /* per campaign with a calibrated share: its pool (a brand, or n_brands: all tests) */
  double            *test_incremental;  /* per test, in the selection's product and date filters */
  double            *test_se;
  HoldoutSums       *test_sums;
  double            *pool_q;            /* per pool: Σ incremental ÷ Σ attributed of its tests */
  double            *pool_se;           /* its standard error */
  double            *pool_a;            /* Σ attributed revenue of its tests */
  guint              n_pools;
  guint              row_dims;          /* bit d: keep groups of row dimension d */
  guint              active[N_ROW_DIMS]; /* summed per influencer: row_dims' and brand (the score's) */
  guint              n_active;
} Ctx;

/* Two doubles added lane by lane (gcc and clang vector extensions): one
 * SSE2 instruction where two scalar ones were, each lane rounding exactly as
 * a scalar addition does. */
typedef double HkPair __attribute__ ((vector_size (16)));

/* An influencer's sums in one value of a row dimension: rows add here, and
 * each influencer's sums join the groups once, with its ROAS there. The
 * row pass adds to up to five of these per row, so they are pairs. */
typedef struct {
  HkPair count;  /* rows, orders */
  HkPair money;  /* revenue, spend */
  HkPair credit; /* incremental revenue, spend a method covers */
  guint8 methods;
} RowSums;

/* An influencer's orders and revenue of one brand in the selection, as the
 * pass over its rows finds them (for the score's baskets and break-even). */
typedef struct {
  guint32 influencer;
  guint32 brand;
  double  orders;
  double  revenue;
  double  positive;  /* revenue of its rows with revenue */
} BrandMix;

/* What one thread's influencers add up to, and its scratch space. */
typedef struct {
  HkMetrics *groups[N_ROW_DIMS];     /* NULL for dimensions not asked for */
  HkMetrics  lacking[N_ROW_DIMS];    /* posts that count in every group of a dimension */
  RowSums   *sums[N_ROW_DIMS];
  guint8    *seen[N_ROW_DIMS];
  guint32   *touched[N_ROW_DIMS];
  guint      n_touched[N_ROW_DIMS];
  double   (*numerator)[N_MASKS];     /* per payout row of the influencer */
  double   (*covered)[N_MASKS];
  double   (*lacking_spend)[N_MASKS];
  double    *campaign_revenue;       /* per campaign: attributed revenue of the kept influencers */
  gint32    *campaign_first;         /* per campaign: first and last day with a kept post or row */
  gint32    *campaign_last;
  GArray    *brand_mix;              /* BrandMix, influencer after influencer */
  double    *brand_positive;         /* scratch: per brand, the influencer's revenue of rows with revenue */
} Acc;

typedef struct {
  guint      n;
  guint32   *codes;   /* pool code, day offset, tier or influencer index */
  HkMetrics *metrics;
} Groups;

typedef struct {
  HkHoldoutTest  test;
  guint          index;     /* into engine->tests */
} TestResult;

/* Per campaign, what the analysis keeps for HkCampaignInfo. */
typedef struct {
  double  revenue;          /* attributed, kept influencers */
  gint32  first_day;
  gint32  last_day;
  guint8  method;
  double  low, high;        /* of its incremental revenue; NAN: none */
  char   *note;
} CampaignResult;

struct _HkAnalysis {
  gatomicrefcount    ref_count;
  HkEngine          *engine;
  HkFilter          *filter;
  HkAnalysisOptions  options;
  HkMetrics          totals;
  double             unallocated;
  Groups             groups[HK_N_DIMS];
  gint              *group_of_influencer;
  guint             *top;
  guint              n_top;
  guint             *poor;
  guint              n_poor;
  char              *iroas_label;
  gboolean           has_interval;
  double             iroas_low;
  double             iroas_high;
  TestResult        *tests;
  guint              n_tests;
  CampaignResult    *campaigns;          /* per campaign code */
  double             method_revenue[5];  /* revenue covered, by method bit */
  char             **day_keys;
  HkSelection       *selection;
  HkScore           *scores;        /* per influencer group */
  GArray            *brand_mix;   /* BrandMix of every kept influencer, while scoring; NULL after */
};

/* The dimension of a row dimension (ROW_BRAND → HK_DIM_BRAND, …). */
static inline HkDimension
row_dimension (guint d)
{
  static const HkDimension dims[N_ROW_DIMS] = {
    HK_DIM_BRAND, HK_DIM_PRODUCT, HK_DIM_CAMPAIGN, HK_DIM_SOURCE, HK_DIM_DAY,
  };
  return dims[d];
}

/* The selection's rules, by row dimension. */
static inline gboolean
allows (const Ctx *ctx,
        guint      d,
        guint32    code)
{
  return hk_selection_allows (ctx->sel, row_dimension (d), code);
}

static inline gboolean
day_in_range (const Ctx *ctx,
              gint32     day)
{
  return hk_selection_keeps_day (ctx->sel, day);
}

/* ------------------------------------------------------------------------ */
/* Called across files                                                      */

/* hk-metrics.c */
void _hk_metrics_add_roas    (HkMetrics  *group,
                              double      revenue,
                              double      spend);
/* numerator ÷ spend, NAN unless spend > 0: an iROAS bound. */
double _hk_metrics_per_spend (double      numerator,
                              double      spend);

/* hk-aggregate.c */
void _hk_acc_init            (Acc        *acc,
                              const Ctx  *ctx);
void _hk_acc_clear           (Acc        *acc);
void _hk_analyze_influencer  (const Ctx  *ctx,
                              Acc        *acc,
                              guint       influencer,
                              HkMetrics  *out);

/* hk-holdout.c */
void _hk_engine_prepare_tests (HkEngine  *engine);
void _hk_engine_free_tests   (HkEngine   *engine);
SavedTest *_hk_engine_save_tests (HkEngine *engine);
gboolean _hk_engine_restore_tests (HkEngine *engine,
                              const SavedTest *saved,
                              guint       n_saved);

/* hk-engine-prepared.c */
gboolean _hk_engine_restore_prepared (HkEngine *engine,
                                  GBytes     *bytes);
void _hk_engine_clear_prepared (HkEngine  *engine);
void _hk_holdout_sum         (HkEngine   *engine,
                              const HkSelection *sel,
                              HoldoutSums *sums);
void _hk_holdout_estimate    (const HoldoutSums *sums,
                              double     *incremental,
                              double     *se);

/* hk-incrementality.c */
void _hk_incrementality      (Ctx        *ctx,
                              HkAnalysis *analysis);
/* After the pass: what each method covers, the label, the interval, the
 * campaigns' results. */
void _hk_incrementality_finish (Ctx      *ctx,
                              HkAnalysis *analysis,
                              const double *campaign_revenue,
                              const gint32 *campaign_first,
                              const gint32 *campaign_last);


/* hk-score.c */
void _hk_score_influencers   (HkAnalysis *analysis);

/* hk-ranking.c */
void _hk_rank_influencers    (HkAnalysis *analysis);

G_END_DECLS
