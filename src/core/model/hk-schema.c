/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include "hk-parse.h"
#include "hk-schema.h"

/* One line a column: its role, name, aliases, kind, pool, whether a file must
 * have it, whether an empty cell is a value (else a bad cell). */
#define COLUMN(role, name, aliases, kind, pool, required, empty_ok) \
  [role] = { TABLE, role, name, aliases, HK_COLUMN_##kind, HK_POOL_##pool, required, empty_ok }

#define HK_POOL_NONE HK_N_POOLS
#define REQUIRED     TRUE
#define OPTIONAL     FALSE
#define EMPTY_OK     TRUE
#define NOT_EMPTY    FALSE
#define NO_ALIAS     { NULL }
#define DATES        { "post_date", "transaction_date", "order_date" }

#define TABLE HK_TABLE_INFLUENCERS
static const HkSchemaColumn influencer_columns[N_INF_ROLES] = {
  COLUMN (INF_ID,        "id",             { "influencer_id" }, ID,     NONE,      REQUIRED, NOT_EMPTY),
  COLUMN (INF_NAME,      "name",           NO_ALIAS,            NAME,   NONE,      REQUIRED, NOT_EMPTY),
  COLUMN (INF_CATEGORY,  "category",       NO_ALIAS,            POOLED, CATEGORY,  REQUIRED, EMPTY_OK),
  COLUMN (INF_GENDER,    "gender",         NO_ALIAS,            GENDER, GENDER,    REQUIRED, EMPTY_OK),
  COLUMN (INF_FOLLOWERS, "follower_count", { "followers" },     COUNT,  NONE,      REQUIRED, NOT_EMPTY),
  COLUMN (INF_PLATFORM,  "platform",       NO_ALIAS,            POOLED, PLATFORM,  REQUIRED, EMPTY_OK),
  COLUMN (INF_CITY,      "city",           NO_ALIAS,            POOLED, CITY,      OPTIONAL, EMPTY_OK),
  COLUMN (INF_AGE_GROUP, "age_group",      NO_ALIAS,            POOLED, AGE_GROUP, OPTIONAL, EMPTY_OK),
  COLUMN (INF_PERSONA,   "persona",        NO_ALIAS,            POOLED, PERSONA,   OPTIONAL, EMPTY_OK),
};
#undef TABLE

#define TABLE HK_TABLE_POSTS
static const HkSchemaColumn post_columns[N_POST_ROLES] = {
  COLUMN (POST_INFLUENCER, "influencer_id", NO_ALIAS,       ID,       NONE,     REQUIRED, NOT_EMPTY),
  COLUMN (POST_PLATFORM,   "platform",      NO_ALIAS,       POOLED,   PLATFORM, REQUIRED, EMPTY_OK),
  COLUMN (POST_DATE,       "date",          DATES,          DATE,     NONE,     REQUIRED, NOT_EMPTY),
  COLUMN (POST_URL,        "url",           { "post_url" }, TEXT,     NONE,     REQUIRED, EMPTY_OK),
  COLUMN (POST_CAPTION,    "caption",       NO_ALIAS,       RAW_TEXT, NONE,     REQUIRED, EMPTY_OK),
  COLUMN (POST_REACH,      "reach",         NO_ALIAS,       COUNT,    NONE,     REQUIRED, NOT_EMPTY),
  COLUMN (POST_LIKES,      "likes",         NO_ALIAS,       COUNT,    NONE,     REQUIRED, NOT_EMPTY),
  COLUMN (POST_COMMENTS,   "comments",      NO_ALIAS,       COUNT,    NONE,     REQUIRED, NOT_EMPTY),
  COLUMN (POST_ID,         "post_id",       NO_ALIAS,       TEXT,     NONE,     OPTIONAL, EMPTY_OK),
  COLUMN (POST_BRAND,      "brand",         NO_ALIAS,       POOLED,   BRAND,    OPTIONAL, EMPTY_OK),
  COLUMN (POST_CAMPAIGN,   "campaign",      NO_ALIAS,       POOLED,   CAMPAIGN, OPTIONAL, EMPTY_OK),
};
#undef TABLE

/* An empty influencer_id is an unattributed (organic) row, not a bad cell. */
#define TABLE HK_TABLE_TRACKING
static const HkSchemaColumn tracking_columns[N_TRK_ROLES] = {
  COLUMN (TRK_SOURCE,     "source",        NO_ALIAS, POOLED,   SOURCE,   REQUIRED, EMPTY_OK),
  COLUMN (TRK_CAMPAIGN,   "campaign",      NO_ALIAS, POOLED,   CAMPAIGN, REQUIRED, EMPTY_OK),
  COLUMN (TRK_INFLUENCER, "influencer_id", NO_ALIAS, ID,       NONE,     REQUIRED, EMPTY_OK),
  COLUMN (TRK_USER,       "user_id",       NO_ALIAS, POOLED,   USER,     REQUIRED, EMPTY_OK),
  COLUMN (TRK_PRODUCT,    "product",       NO_ALIAS, POOLED,   PRODUCT,  REQUIRED, EMPTY_OK),
  COLUMN (TRK_DATE,       "date",          DATES,    DATE,     NONE,     REQUIRED, NOT_EMPTY),
  COLUMN (TRK_ORDERS,     "orders",        NO_ALIAS, WHOLE,    NONE,     REQUIRED, NOT_EMPTY),
  COLUMN (TRK_REVENUE,    "revenue",       NO_ALIAS, NUMBER,   NONE,     REQUIRED, NOT_EMPTY),
  COLUMN (TRK_BRAND,      "brand",         NO_ALIAS, POOLED,   BRAND,    OPTIONAL, EMPTY_OK),
  COLUMN (TRK_CITY,       "city",          NO_ALIAS, POOLED,   CITY,     OPTIONAL, EMPTY_OK),
  COLUMN (TRK_AB,         "ab_group",      NO_ALIAS, AB_GROUP, NONE,     OPTIONAL, EMPTY_OK),
};
#undef TABLE

/* The counts and the total may be empty (the amount is then computed, and
 * the rate may be when the total is given: a rule across two cells). */
#define TABLE HK_TABLE_PAYOUTS
static const HkSchemaColumn payout_columns[N_PAY_ROLES] = {
  COLUMN (PAY_INFLUENCER, "influencer_id", NO_ALIAS,          ID,     NONE,     REQUIRED, NOT_EMPTY),
  COLUMN (PAY_BASIS,      "basis",         NO_ALIAS,          BASIS,  NONE,     REQUIRED, NOT_EMPTY),
  COLUMN (PAY_RATE,       "rate",          NO_ALIAS,          COUNT,  NONE,     REQUIRED, EMPTY_OK),
  COLUMN (PAY_ORDERS,     "orders",        NO_ALIAS,          COUNT,  NONE,     REQUIRED, EMPTY_OK),
  COLUMN (PAY_TOTAL,      "total_payout",  NO_ALIAS,          COUNT,  NONE,     REQUIRED, EMPTY_OK),
  COLUMN (PAY_POSTS,      "posts",         { "posts_count" }, COUNT,  NONE,     OPTIONAL, EMPTY_OK),
  COLUMN (PAY_CAMPAIGN,   "campaign",      NO_ALIAS,          POOLED, CAMPAIGN, OPTIONAL, EMPTY_OK),
  COLUMN (PAY_BRAND,      "brand",         NO_ALIAS,          POOLED, BRAND,    OPTIONAL, EMPTY_OK),
};
#undef TABLE

/* A test is found by its campaign: a group without one is a bad row. */
#define TABLE HK_TABLE_HOLDOUT
static const HkSchemaColumn holdout_columns[N_HO_ROLES] = {
  COLUMN (HO_CAMPAIGN, "campaign",   NO_ALIAS, POOLED,   CAMPAIGN, REQUIRED, NOT_EMPTY),
  COLUMN (HO_GROUP,    "group",      NO_ALIAS, AB_GROUP, NONE,     REQUIRED, NOT_EMPTY),
  COLUMN (HO_USERS,    "users",      NO_ALIAS, COUNT,    NONE,     REQUIRED, NOT_EMPTY),
  COLUMN (HO_BRAND,    "brand",      NO_ALIAS, POOLED,   BRAND,    OPTIONAL, EMPTY_OK),
  COLUMN (HO_START,    "start_date", NO_ALIAS, DATE,     NONE,     OPTIONAL, EMPTY_OK),
  COLUMN (HO_END,      "end_date",   NO_ALIAS, DATE,     NONE,     OPTIONAL, EMPTY_OK),
};
#undef TABLE

static const HkTableSchema tables[HK_N_TABLES] = {
  { HK_TABLE_INFLUENCERS, influencer_columns, N_INF_ROLES, { "influencers.csv", "influencers_data.csv" } },
  { HK_TABLE_POSTS, post_columns, N_POST_ROLES, { "posts.csv", "posts_data.csv" } },
  { HK_TABLE_TRACKING, tracking_columns, N_TRK_ROLES, { "tracking_data.csv", "tracking.csv" } },
  { HK_TABLE_PAYOUTS, payout_columns, N_PAY_ROLES, { "payouts.csv", "payouts_data.csv" } },
  { HK_TABLE_HOLDOUT, holdout_columns, N_HO_ROLES, { "holdout_groups.csv" } },
};

G_STATIC_ASSERT (N_TRK_ROLES <= HK_MAX_ROLES && N_POST_ROLES <= HK_MAX_ROLES);

const HkTableSchema *
hk_schema_get_table (HkTable table)
{
  g_return_val_if_fail (table < HK_N_TABLES, NULL);
  return &tables[table];
}

const HkSchemaColumn *
hk_schema_get_column (HkTable table,
                      guint   role)
{
  g_return_val_if_fail (table < HK_N_TABLES, NULL);
  g_return_val_if_fail (role < tables[table].n_columns, NULL);
  return &tables[table].columns[role];
}

int
hk_schema_find_role (HkTable     table,
                     const char *header)
{
  g_autofree char *norm = NULL;

  g_return_val_if_fail (table < HK_N_TABLES, -1);
  g_return_val_if_fail (header != NULL, -1);

  norm = hk_normalize_header (header);
  for (guint r = 0; r < tables[table].n_columns; r++)
    {
      const HkSchemaColumn *col = &tables[table].columns[r];

      if (g_str_equal (norm, col->name))
        return r;
      for (guint k = 0; k < G_N_ELEMENTS (col->aliases) && col->aliases[k]; k++)
        if (g_str_equal (norm, col->aliases[k]))
          return r;
    }
  return -1;
}
