/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hk-types.h"

G_BEGIN_DECLS

/* The dataset's tables and their columns, declared once (DESIGN.md §2): the
 * importer's header matching, the dataset builder's checks and the dataset's
 * CSV writing read these tables. */

/* Pools of interned values. Code 0 of each is the empty value ("Unknown"). */
typedef enum {
  HK_POOL_ID,        /* influencer ids */
  HK_POOL_ORPHAN_ID, /* ids that match no influencer */
  HK_POOL_PLATFORM,
  HK_POOL_CATEGORY,
  HK_POOL_GENDER,
  HK_POOL_CITY,
  HK_POOL_AGE_GROUP,
  HK_POOL_PERSONA,
  HK_POOL_BRAND,
  HK_POOL_PRODUCT,
  HK_POOL_CAMPAIGN,
  HK_POOL_SOURCE,
  HK_POOL_USER,      /* frozen once imported: lookups scan */
  HK_N_POOLS
} HkPool;

/* The known columns of each table: a column's role is its index in its
 * table's schema. */
enum { INF_ID, INF_NAME, INF_CATEGORY, INF_GENDER, INF_FOLLOWERS, INF_PLATFORM,
       INF_CITY, INF_AGE_GROUP, INF_PERSONA, N_INF_ROLES };
enum { POST_INFLUENCER, POST_PLATFORM, POST_DATE, POST_URL, POST_CAPTION, POST_REACH,
       POST_LIKES, POST_COMMENTS, POST_ID, POST_BRAND, POST_CAMPAIGN, N_POST_ROLES };
enum { TRK_SOURCE, TRK_CAMPAIGN, TRK_INFLUENCER, TRK_USER, TRK_PRODUCT, TRK_DATE,
       TRK_ORDERS, TRK_REVENUE, TRK_BRAND, TRK_CITY, TRK_AB, N_TRK_ROLES };
enum { PAY_INFLUENCER, PAY_BASIS, PAY_RATE, PAY_ORDERS, PAY_TOTAL, PAY_POSTS,
       PAY_CAMPAIGN, PAY_BRAND, N_PAY_ROLES };
enum { HO_CAMPAIGN, HO_GROUP, HO_USERS, HO_BRAND, HO_START, HO_END, N_HO_ROLES };

#define HK_MAX_ROLES 12

/* What a cell holds, and so how it is read, checked and stored. */
typedef enum {
  HK_COLUMN_ID,        /* an influencer id: trimmed, "42.0" is "42" */
  HK_COLUMN_NAME,      /* trimmed text */
  HK_COLUMN_TEXT,      /* trimmed text, stored as is (urls, post ids) */
  HK_COLUMN_RAW_TEXT,  /* text as written, spaces included (captions) */
  HK_COLUMN_POOLED,    /* trimmed, interned in the column's pool */
  HK_COLUMN_GENDER,    /* pooled; m/male and f/female read as Male, Female */
  HK_COLUMN_COUNT,     /* a number, not negative */
  HK_COLUMN_NUMBER,    /* a number, any sign */
  HK_COLUMN_WHOLE,     /* a whole number in 32 bits, any sign */
  HK_COLUMN_DATE,      /* a day */
  HK_COLUMN_BASIS,     /* post or order (HkBasis) */
  HK_COLUMN_AB_GROUP,  /* exposed or holdout (HkAbGroup) */
} HkColumnKind;

typedef struct {
  HkTable       table;
  guint         role;
  const char   *name;       /* canonical header, as normalized */
  const char   *aliases[4]; /* other normalized headers meaning it, NULL-terminated */
  HkColumnKind  kind;
  HkPool        pool;       /* where pooled kinds intern; else HK_N_POOLS */
  gboolean      required;   /* a file of the table must have the column */
  gboolean      empty_ok;   /* an empty cell is a value (empty, NaN, no day), not a bad cell */
} HkSchemaColumn;

typedef struct {
  HkTable               table;
  const HkSchemaColumn *columns;   /* indexed by role */
  guint                 n_columns;
  const char           *files[3];  /* lower-case file names, preferred first, NULL-terminated */
} HkTableSchema;

const HkTableSchema  *hk_schema_get_table  (HkTable     table);
const HkSchemaColumn *hk_schema_get_column (HkTable     table,
                                            guint       role);
/* The role of the column under header, matched as the importer matches
 * headers (hk_normalize_header(): trimmed, no BOM, case-insensitive, spaces,
 * dashes and dots as '_'), or -1 for a column the table does not know. */
int                   hk_schema_find_role  (HkTable     table,
                                            const char *header);

G_END_DECLS
