/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hk-dataset-private.h"
#include "hk-snapshot.h"

G_BEGIN_DECLS

/* The file, all integers in the writer's byte order (the header says which):
 *
 *   header (64 bytes)
 *   metadata: a GVariant of HK_SNAPSHOT_META_TYPE (key, counts, tables, report)
 *   directory: n_sections HkSnapshotSection
 *   sections, each at a multiple of 64 bytes: columns, pools, extra columns
 *
 * header.checksum covers the header (with the field zero), the metadata and
 * the directory; each section has its own. */
#define HK_SNAPSHOT_MAGIC "\x89HKSNAP\n"
#define HK_SNAPSHOT_BYTE_ORDER 0x01020304u
#define HK_SNAPSHOT_ALIGN 64

typedef struct {
  char    magic[8];
  guint32 version;
  guint32 byte_order;
  guint64 file_size;
  guint64 meta_offset;
  guint64 meta_length;
  guint64 dir_offset;
  guint32 n_sections;
  guint32 reserved;
  guint64 checksum;
} HkSnapshotHeader;

G_STATIC_ASSERT (sizeof (HkSnapshotHeader) == 64);

typedef enum {
  HK_SNAP_COLUMN = 1, /* index: a column of hk_snapshot_columns (offsets for text) */
  HK_SNAP_TEXT,       /* index: a text column: its NUL-terminated strings */
  HK_SNAP_POOL_ARENA, /* index: HkPool */
  HK_SNAP_POOL_OFFSETS,
  HK_SNAP_EXTRA_ARENA, /* index: table * HK_SNAP_EXTRAS_PER_TABLE + extra */
  HK_SNAP_EXTRA_OFFSETS,
  HK_SNAP_EXTRA_CELLS,
  HK_SNAP_PREPARED,    /* index 0: what the engine prepared (opaque here) */
  HK_SNAP_ROW_COUNTS,  /* index 0: hk_dataset_get_row_counts() */
  HK_SNAP_N_KINDS
} HkSnapshotKind;

#define HK_SNAP_EXTRAS_PER_TABLE 1024
G_STATIC_ASSERT (HK_IMPORT_MAX_EXTRA_COLUMNS <= HK_SNAP_EXTRAS_PER_TABLE);

typedef struct {
  guint32 kind;
  guint32 index;
  guint64 offset;
  guint64 length;
  guint64 checksum;
} HkSnapshotSection;

G_STATIC_ASSERT (sizeof (HkSnapshotSection) == 32);

/* Key; folder; location; n_influencers, n_posts, n_tracking, n_payouts,
 * n_holdout; first and last day; each pool frozen; per table: present, file
 * name, rows, header, field of each role, extra columns' names; report; the
 * user ids' form (HkUserForm: numeric, prefix, width, codes). */
#define HK_SNAPSHOT_META_TYPE "(vmsms(uuuuu)(ii)aba(bmsumasaias)mv(bsyu))"

/* How many values a column holds. */
typedef enum {
  HK_SNAP_N_INFLUENCERS,
  HK_SNAP_N_POSTS,
  HK_SNAP_N_TRACKING,
  HK_SNAP_N_PAYOUTS,
  HK_SNAP_N_HOLDOUT,
  HK_SNAP_N_STARTS,      /* n_influencers + 3 */
  HK_SNAP_N_ID_CODES,    /* the influencer id pool's size */
  HK_SNAP_N_POST_ORPHANS, /* rows of the orphan group */
  HK_SNAP_N_TRK_ORPHANS,
  HK_SNAP_N_PAY_ORPHANS,
} HkSnapshotCount;

/* What a loaded column's values must satisfy, so that no index read from a
 * damaged file leaves its array. */
typedef enum {
  HK_SNAP_ANY,         /* numbers: any value is safe */
  HK_SNAP_POOL_CODE,   /* < the pool's size */
  HK_SNAP_USER_CODE,   /* < hk_dataset_get_n_user_codes() */
  HK_SNAP_TEXT_COLUMN, /* const char **: offsets into a text section */
  HK_SNAP_DAY,         /* first_day ..  last_day */
  HK_SNAP_DAY_OR_NONE, /* a day the importer can read, or HK_DAY_NONE */
  HK_SNAP_FINITE,      /* a number, not NaN or infinite */
  HK_SNAP_FINITE_OR_NAN, /* a number, or NaN for an empty cell */
  HK_SNAP_TIER,        /* < HK_N_TIERS */
  HK_SNAP_BASIS,       /* HkBasis */
  HK_SNAP_AB,          /* HkAbGroup */
  HK_SNAP_FLAGS,       /* tracking flags */
  HK_SNAP_INFLUENCER,  /* < n_influencers or G_MAXUINT32 */
  HK_SNAP_STARTS,      /* 0, rising, ending at the table's rows */
} HkSnapshotCheck;

typedef struct {
  gsize   offset;   /* of the column pointer in HkDataset */
  guint8  elt;      /* bytes a value (of the offsets, for text) */
  guint8  count;    /* HkSnapshotCount */
  guint8  check;    /* HkSnapshotCheck */
  guint8  arg;      /* the pool of HK_SNAP_POOL_CODE, the table of HK_SNAP_STARTS */
  gboolean optional; /* may be NULL whatever the rows */
  gboolean g_free;  /* allocated with g_malloc (else hk_big) */
} HkSnapshotColumn;

extern const HkSnapshotColumn hk_snapshot_columns[];
extern const guint hk_snapshot_n_columns;

#define HK_SNAP_COLUMN_PTR(ds, c) G_STRUCT_MEMBER (gpointer, (ds), hk_snapshot_columns[c].offset)

/* The values column c holds in ds (its counts and starts already set). */
gsize hk_snapshot_column_count (HkDataset *ds,
                                guint      c);

G_END_DECLS
