/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hk-dataset.h"
#include "hk-import-report.h"
#include "hk-schema.h"
#include "hk-str-pool.h"

G_BEGIN_DECLS

/* Where each dimension's values live: their pool (HK_N_POOLS for the
 * influencer, tier and day, which have none) and, for an influencer
 * attribute, the offset in HkDataset of the influencers' code column (0 for
 * row attributes). The one place that maps a dimension onto storage. */
typedef struct {
  HkPool pool;
  gsize  inf_codes;
} HkDimensionStorage;

extern const HkDimensionStorage hk_dimension_storage[HK_N_DIMS];

#define HK_DIMENSION_INF_CODES(ds, dim) \
  G_STRUCT_MEMBER (guint32 *, (ds), hk_dimension_storage[dim].inf_codes)

/* User ids that are all a number after one prefix ("U00196928", "U42"):
 * trk_user then holds each number + 1 (0: empty) and HK_POOL_USER stays
 * empty. Millions of users in a pool cost more time and memory than any other
 * column. See hk_dataset_get_user_id(). */
typedef struct {
  gboolean numeric;
  char     prefix[16];  /* NUL-terminated */
  guint8   prefix_len;
  guint8   width;       /* the digits of every id; 0: no leading zero */
  guint32  n_codes;     /* the largest number + 2 */
} HkUserForm;

/* A column the dataset does not interpret: kept and exported as written. */
typedef struct {
  char      *name;  /* header as written */
  HkStrPool *pool;
  gpointer   cells; /* one code per row, in the table's stored order */
  guint8     width; /* bytes of a code: 2 once narrowed, else 4 */
} HkExtraColumn;

/* Where each known column (hk-schema.h) of a table lives in HkDataset: the
 * offset of its column pointer, and the bytes of a value. Ids of posts,
 * tracking and payouts are not a column (offset 0): a row's influencer is its
 * group. Tracking's ab_group shares trk_flags with the derived-brand flag. */
typedef struct {
  gsize    offset;
  guint8   elt;
  gboolean only_if_present; /* NULL unless the table has the column */
} HkColumnStorage;

extern const HkColumnStorage hk_column_storage[HK_N_TABLES][HK_MAX_ROLES];

#define HK_COLUMN_DATA(ds, table, role) \
  G_STRUCT_MEMBER (gpointer, (ds), hk_column_storage[table][role].offset)

typedef struct {
  gboolean     present;     /* the file was found and its header read */
  char        *file_name;   /* as found on disk, for messages */
  guint        n_rows;      /* rows kept, including orphans */
  GPtrArray   *extras;      /* HkExtraColumn, in file order */
  GPtrArray   *header;      /* (char *) every header cell as written, by field */
  int          field_of_role[HK_MAX_ROLES]; /* by role (hk-schema.h); -1: absent */
  const char **extra_names; /* the extras' names (borrowed), NULL-terminated; made on first use */
} HkTableData;

/* Rows of posts, tracking and payouts are stored grouped by influencer, in file
 * order within each group, so a pass over one influencer touches contiguous
 * memory. start[g] .. start[g + 1] are the rows of group g: groups
 * 0 … n_influencers - 1 are influencers; group n_influencers holds the
 * unattributed rows (tracking only: empty influencer_id); group
 * n_influencers + 1 the orphans (ids that match no influencer; *_orphan_id[k]
 * is the id of the k-th orphan row). Each start array has n_influencers + 3
 * entries. */
#define HK_GROUP_UNATTRIBUTED(ds) ((ds)->n_influencers)
#define HK_GROUP_ORPHANS(ds)      ((ds)->n_influencers + 1)
#define HK_TRACKING_FLAG_AB_MASK       0x03 /* HkAbGroup */
#define HK_TRACKING_FLAG_BRAND_DERIVED 0x04 /* the brand cell was empty */

/* How many tracking rows row r stands for. */
#define HK_TRK_ROWS(ds, r) ((ds)->trk_rows ? (ds)->trk_rows[r] : 1u)

/* Tracking brand, source, city, campaign and product are 16-bit codes: a
 * tracking row is read on every filter change, and a dataset with more
 * values than that in one of them is refused with a message. */
#define HK_MAX_CODES16 65535

/* The code of an unknown column's row. Such columns (a device, a coupon)
 * mostly have few values, and at 10 million rows each 4-byte code is 40 MB:
 * hk_extra_column_narrow() keeps them in 2 bytes where the values allow. */
static inline guint32
hk_extra_cell (const HkExtraColumn *col,
               gsize                row)
{
  return col->width == 2 ? ((const guint16 *) col->cells)[row] : ((const guint32 *) col->cells)[row];
}

static inline void
hk_extra_cell_set (HkExtraColumn *col,
                   gsize          row,
                   guint32        code)
{
  if (col->width == 2)
    ((guint16 *) col->cells)[row] = code;
  else
    ((guint32 *) col->cells)[row] = code;
}

/* The width the column's pool allows. */
static inline guint8
hk_extra_column_width (const HkExtraColumn *col)
{
  return hk_str_pool_get_size (col->pool) <= HK_MAX_CODES16 + 1 ? 2 : 4;
}

void hk_extra_column_narrow (HkExtraColumn *col,
                             gsize          n_rows);

struct _HkDataset {
  GObject        parent_instance;

  char          *folder;  /* NULL for data that came from memory */
  char          *location; /* a database's description (no password), else NULL */
  HkStrPool     *pools[HK_N_POOLS];
  GPtrArray     *texts;   /* HkTextArena: names, urls, captions */
  HkTableData    tables[HK_N_TABLES];
  HkImportReport *report;

  /* influencers, in file order (a duplicate id's later rows are skipped) */
  guint          n_influencers;
  guint32       *inf_id;        /* HK_POOL_ID */
  const char   **inf_name;
  guint32       *inf_category;
  guint32       *inf_gender;
  guint32       *inf_platform;
  guint32       *inf_city;
  guint32       *inf_age_group;
  guint32       *inf_persona;   /* the persona cell, else "category · gender" */
  double        *inf_followers;
  guint8        *inf_tier;      /* HkTier */
  guint32       *inf_of_id;     /* HK_POOL_ID code -> influencer index */

  /* posts: groups are influencers, then orphans */
  guint          n_posts;
  guint         *post_start;
  guint32       *post_orphan_id; /* HK_POOL_ORPHAN_ID, for the orphan rows */
  gint32        *post_date;
  guint32       *post_platform;
  const char   **post_id;       /* NULL when the file has no post_id column */
  const char   **post_url;
  const char   **post_caption;
  double        *post_reach;
  double        *post_likes;
  double        *post_comments;
  guint32       *post_brand;    /* 0: the post lacks a brand */
  guint32       *post_campaign; /* 0: the post lacks a campaign */

  /* tracking: groups are influencers, unattributed, then orphans */
  guint          n_tracking;
  guint         *trk_start;
  guint32       *trk_orphan_id;
  gint32        *trk_date;
  gint32        *trk_orders;
  double        *trk_revenue;
  guint16       *trk_campaign;
  guint16       *trk_product;
  guint32       *trk_user;      /* see user_form */
  guint16       *trk_source;
  guint16       *trk_brand;     /* derived when the cell was empty */
  guint16       *trk_city;      /* NULL when the file has no city column */
  guint8        *trk_flags;
  HkUserForm     user_form;
  GMutex         user_ids_lock; /* numeric user ids written out, for */
  GHashTable    *user_ids;      /* hk_dataset_get_user_id(): code -> id */
  guint32       *trk_rows;      /* rows each row stands for (a source that
                                 * aggregates, DESIGN.md §7); NULL: one each */

  /* payouts: groups are influencers, then orphans */
  guint          n_payouts;
  guint         *pay_start;
  guint32       *pay_orphan_id;
  guint8        *pay_basis;     /* HkBasis */
  double        *pay_rate;      /* NAN: empty cell */
  double        *pay_orders;    /* NAN: empty cell */
  double        *pay_posts;     /* NAN: empty cell or no column */
  double        *pay_total;     /* NAN: empty cell */
  guint32       *pay_campaign;  /* 0: any campaign */
  guint32       *pay_brand;     /* 0: any brand */

  /* holdout groups, in file order */
  guint          n_holdout;
  guint32       *ho_campaign;
  guint32       *ho_brand;
  guint8        *ho_group;      /* HkAbGroup */
  double        *ho_users;
  gint32        *ho_start;      /* HK_DAY_NONE when not given */
  gint32        *ho_end;

  gint32         first_day;     /* over posts and tracking; HK_DAY_NONE if none */
  gint32         last_day;
  gsize          memory;        /* bytes of the columns above, for reports */
  GBytes        *snapshot;      /* the mapped snapshot the columns point into
                                 * (hk-snapshot.h), else NULL */
  guint64       *row_counts;    /* per code of brand, product, campaign and
                                 * source in turn, G_MAXUINT64 where absent:
                                 * made once (hk_dataset_dup_values()) */
};

HkDataset *hk_dataset_new_empty (void);
/* The counts behind hk_dataset_dup_values() for brand, product, campaign and
 * source, in turn (n in all), made on first use; a snapshot keeps them. */
const guint64 *hk_dataset_get_row_counts (HkDataset *self,
                                          gsize     *n);
/* Derived values, once every table is in: canonical brands, tracking brands,
 * personas, tiers, the date range. */
void       hk_dataset_finish    (HkDataset *self);

/* For the row records and models. The group starts of a grouped table (posts,
 * tracking, payouts: n_influencers + 3 entries), else NULL; the group of one of
 * its rows (an influencer index, HK_GROUP_UNATTRIBUTED or HK_GROUP_ORPHANS);
 * the influencer id the row names ("" when unattributed); a pool's value. */
const guint *hk_dataset_get_group_starts      (HkDataset *self,
                                               HkTable    table);
guint        hk_dataset_get_row_group         (HkDataset *self,
                                               HkTable    table,
                                               guint      row);
const char  *hk_dataset_get_row_influencer_id (HkDataset *self,
                                               HkTable    table,
                                               guint      row);
const char  *hk_dataset_get_pool_value        (HkDataset *self,
                                               HkPool     pool,
                                               guint32    code);
/* The codes trk_user may hold (every code is below); the id a code stands
 * for, kept as long as the dataset (any thread may ask), or written into buf
 * (for a pass over every row). hk_user_form_format(): the id of a numeric
 * form's code (not 0), into buf. */
#define HK_USER_ID_BUF 32
const char  *hk_user_form_format              (const HkUserForm *form,
                                               guint32           code,
                                               char              buf[HK_USER_ID_BUF]);
guint32      hk_dataset_get_n_user_codes      (const HkDataset *self);
const char  *hk_dataset_get_user_id           (HkDataset *self,
                                               guint32    code);
const char  *hk_dataset_format_user_id        (HkDataset *self,
                                               guint32    code,
                                               char       buf[HK_USER_ID_BUF]);

G_END_DECLS
