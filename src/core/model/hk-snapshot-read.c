/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>
#include <string.h>

#include "hk-big.h"
#include "hk-date.h"
#include "hk-halves.h"
#include "hk-snapshot-private.h"

/* The file being read: every section found in the directory, checked to lie
 * inside the file. */
typedef struct {
  const guchar            *base;
  gsize                    size;
  const HkSnapshotHeader  *header;
  const HkSnapshotSection *dir;
  GHashTable              *by_id; /* kind << 32 | index -> section + 1 */
} Reader;

static gboolean
invalid (GError    **error,
         const char *what)
{
  g_set_error (error, HK_SNAPSHOT_ERROR, HK_SNAPSHOT_ERROR_INVALID, "not a usable snapshot: %s", what);
  return FALSE;
}

static inline gboolean
range_ok (gsize   size,
          guint64 offset,
          guint64 length)
{
  return offset <= size && length <= size - offset;
}

static gboolean
read_header (Reader  *r,
             GError **error)
{
  const HkSnapshotHeader *h = (const HkSnapshotHeader *) r->base;
  HkSnapshotHeader copy;
  guint64 sum;

  if (r->size < sizeof *h || memcmp (h->magic, HK_SNAPSHOT_MAGIC, sizeof h->magic) != 0)
    return invalid (error, "no snapshot header");
  if (h->byte_order != HK_SNAPSHOT_BYTE_ORDER)
    return invalid (error, "another byte order");
  if (h->version != HK_SNAPSHOT_VERSION)
    return invalid (error, "another format version");
  if (h->file_size != r->size)
    return invalid (error, "truncated or extended");
  if (h->meta_offset % 8 != 0 || !range_ok (r->size, h->meta_offset, h->meta_length) ||
      h->dir_offset % 8 != 0 || h->n_sections > r->size / sizeof (HkSnapshotSection) ||
      !range_ok (r->size, h->dir_offset, (guint64) h->n_sections * sizeof (HkSnapshotSection)))
    return invalid (error, "header out of bounds");
  copy = *h;
  copy.checksum = 0;
  sum = hk_snapshot_checksum (&copy, sizeof copy);
  sum ^= hk_snapshot_checksum (r->base + h->meta_offset, h->meta_length) * 3;
  sum ^= hk_snapshot_checksum (r->base + h->dir_offset, h->n_sections * sizeof (HkSnapshotSection)) * 5;
#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
  if (sum != h->checksum)
    return invalid (error, "header checksum");
#else
  (void) sum;
#endif
  r->header = h;
  r->dir = (const HkSnapshotSection *) (r->base + h->dir_offset);
  r->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint32 s = 0; s < h->n_sections; s++)
    {
      const HkSnapshotSection *sec = &r->dir[s];
      gint64 *id = (gint64 *) &sec->kind; /* kind and index: 8 bytes */

      G_STATIC_ASSERT (G_STRUCT_OFFSET (HkSnapshotSection, index) == 4);
      if (sec->kind == 0 || sec->kind >= HK_SNAP_N_KINDS || sec->offset % HK_SNAPSHOT_ALIGN != 0 ||
          !range_ok (r->size, sec->offset, sec->length) || g_hash_table_contains (r->by_id, id))
        return invalid (error, "section out of bounds");
      g_hash_table_add (r->by_id, id);
    }
  return TRUE;
}

/* The section of kind and index: its data and length; NULL when absent. */
static const void *
section (Reader  *r,
         guint32  kind,
         guint32  index,
         gsize   *length)
{
  HkSnapshotSection key = { kind, index, 0, 0, 0 };
  const HkSnapshotSection *sec = g_hash_table_lookup (r->by_id, &key.kind);

  if (sec == NULL)
    return NULL;
  *length = sec->length;
  return r->base + sec->offset;
}

static HkStrPool *
read_pool (Reader   *r,
           guint32   arena_kind,
           guint32   index,
           gboolean  frozen,
           GError  **error)
{
  gsize arena_len = 0, offsets_len = 0;
  const char *arena = section (r, arena_kind, index, &arena_len);
  const guint32 *offsets = section (r, arena_kind + 1, index, &offsets_len);
  HkStrPool *pool;

  if (arena == NULL || offsets == NULL || offsets_len % sizeof (guint32) != 0 ||
      offsets_len / sizeof (guint32) >= G_MAXUINT32)
    {
      invalid (error, "string pool missing");
      return NULL;
    }
  pool = hk_str_pool_new_borrowed (arena, arena_len, offsets, offsets_len / sizeof (guint32), frozen, NULL);
  if (pool == NULL)
    invalid (error, "string pool out of bounds");
  return pool;
}

/* ------------------------------------------------------------------------ */
/* Columns and their values                                                 */

/* The rows of a table, from the counts (the tables' own are read later). */
static guint
table_rows (HkDataset *ds,
            HkTable    table)
{
  guint rows[HK_N_TABLES] = { ds->n_influencers, ds->n_posts, ds->n_tracking, ds->n_payouts, ds->n_holdout };

  return rows[table];
}

static gboolean
check_starts (const guint *start,
              gsize        n,
              guint        rows)
{
  if (n == 0 || start[0] != 0 || start[n - 1] != rows)
    return FALSE;
  for (gsize i = 1; i < n; i++)
    if (start[i] < start[i - 1])
      return FALSE;
  return TRUE;
}

/* The checks below read every value of the large columns before the data
 * shows, so they go 16 bytes at a time (GCC's and clang's vector types: the
 * compiler does not vectorise at -O2). A comparison gives -1 where true. */
typedef guint8 U8x16 __attribute__ ((vector_size (16)));
typedef guint16 U16x8 __attribute__ ((vector_size (16)));
typedef guint32 U32x4 __attribute__ ((vector_size (16)));
typedef gint32 I32x4 __attribute__ ((vector_size (16)));
typedef guint64 U64x2 __attribute__ ((vector_size (16)));

#define DEFINE_MAX(name, type, vec, lanes)                              \
  static guint32                                                       \
  name (const type *v,                                                 \
        gsize       n)                                                 \
  {                                                                    \
    vec acc = { 0 };                                                   \
    guint32 max = 0;                                                   \
    gsize i = 0;                                                       \
                                                                       \
    for (; i + (lanes) <= n; i += (lanes))                             \
      {                                                                \
        vec x, m;                                                      \
                                                                       \
        memcpy (&x, v + i, sizeof x);                                  \
        m = (vec) (x > acc);                                           \
        acc = (x & m) | (acc & ~m);                                    \
      }                                                                \
    for (guint k = 0; k < (lanes); k++)                                \
      max = MAX (max, acc[k]);                                         \
    for (; i < n; i++)                                                 \
      max = MAX (max, v[i]);                                           \
    return max;                                                        \
  }

DEFINE_MAX (max_u8, guint8, U8x16, 16)
DEFINE_MAX (max_u16, guint16, U16x8, 8)
DEFINE_MAX (max_u32, guint32, U32x4, 4)

/* The largest value of an unsigned column of elt bytes. */
static guint32
column_max (const void *data,
            guint8      elt,
            gsize       n)
{
  if (elt == 1)
    return max_u8 (data, n);
  if (elt == 2)
    return max_u16 (data, n);
  return max_u32 (data, n);
}

/* The days the importer can read: years 1 to 9999. */
static gboolean
readable_day (gint32 day)
{
  return day >= hk_date_from_ymd (1, 1, 1) && day <= hk_date_from_ymd (9999, 12, 31);
}

/* Whether every value is finite (or NaN, with nan_ok): by their exponent
 * bits, all ones for NaN and infinities. */
static gboolean
check_numbers (const double *values,
               gsize         n,
               gboolean      nan_ok)
{
  const guint64 exponent = G_GUINT64_CONSTANT (0x7ff0000000000000);
  /* With nan_ok, infinities only: a NaN has a mantissa. */
  const guint64 mask = nan_ok ? G_GUINT64_CONSTANT (0x7fffffffffffffff) : exponent;
  U64x2 bad = { 0 };
  gsize i = 0;

  for (; i + 2 <= n; i += 2)
    {
      U64x2 x;

      memcpy (&x, values + i, sizeof x);
      bad |= (U64x2) ((x & mask) == exponent);
    }
  for (; i < n; i++)
    if (!isfinite (values[i]) && !(nan_ok && isnan (values[i])))
      return FALSE;
  return (bad[0] | bad[1]) == 0;
}

/* Whether no tracking flag holds an A/B group past HK_AB_HOLDOUT. */
static gboolean
check_flags (const guint8 *flags,
             gsize         n)
{
  U8x16 bad = { 0 };
  const U8x16 mask = bad + HK_TRACKING_FLAG_AB_MASK;
  gsize i = 0;

  G_STATIC_ASSERT (HK_AB_HOLDOUT + 1 == HK_TRACKING_FLAG_AB_MASK);
  for (; i + 16 <= n; i += 16)
    {
      U8x16 x;

      memcpy (&x, flags + i, sizeof x);
      bad |= (U8x16) ((x & mask) == mask);
    }
  for (guint k = 0; k < 16; k++)
    if (bad[k])
      return FALSE;
  for (; i < n; i++)
    if ((flags[i] & HK_TRACKING_FLAG_AB_MASK) > HK_AB_HOLDOUT)
      return FALSE;
  return TRUE;
}

/* The smallest and largest of n days. */
static void
days_range (const gint32 *days,
            gsize         n,
            gint32       *lo,
            gint32       *hi)
{
  I32x4 vlo = { G_MAXINT32, G_MAXINT32, G_MAXINT32, G_MAXINT32 };
  I32x4 vhi = { G_MININT32, G_MININT32, G_MININT32, G_MININT32 };
  gsize i = 0;

  for (; i + 4 <= n; i += 4)
    {
      I32x4 x, m;

      memcpy (&x, days + i, sizeof x);
      m = x < vlo;
      vlo = (x & m) | (vlo & ~m);
      m = x > vhi;
      vhi = (x & m) | (vhi & ~m);
    }
  *lo = G_MAXINT32, *hi = G_MININT32;
  for (guint k = 0; k < 4; k++)
    *lo = MIN (*lo, vlo[k]), *hi = MAX (*hi, vhi[k]);
  for (; i < n; i++)
    *lo = MIN (*lo, days[i]), *hi = MAX (*hi, days[i]);
}

static gboolean
check_days (HkDataset    *ds,
            const gint32 *days,
            gsize         n)
{
  gint32 lo, hi;

  days_range (days, n, &lo, &hi);
  return n == 0 || (ds->first_day != HK_DAY_NONE && lo >= ds->first_day && hi <= ds->last_day);
}

static gboolean
check_values (HkDataset  *ds,
              guint       c,
              const void *data,
              gsize       n)
{
  const HkSnapshotColumn *col = &hk_snapshot_columns[c];
  guint32 max = 0;

  switch ((HkSnapshotCheck) col->check)
    {
    case HK_SNAP_ANY:
    case HK_SNAP_TEXT_COLUMN:
      return TRUE;
    case HK_SNAP_DAY:
      return check_days (ds, data, n);
    case HK_SNAP_DAY_OR_NONE:
      for (gsize i = 0; i < n; i++)
        if (((const gint32 *) data)[i] != HK_DAY_NONE && !readable_day (((const gint32 *) data)[i]))
          return FALSE;
      return TRUE;
    case HK_SNAP_FINITE:
    case HK_SNAP_FINITE_OR_NAN:
      return check_numbers (data, n, col->check == HK_SNAP_FINITE_OR_NAN);
    case HK_SNAP_STARTS:
      return check_starts (data, n, table_rows (ds, col->arg));
    case HK_SNAP_INFLUENCER:
      for (gsize i = 0; i < n; i++)
        if (((const guint32 *) data)[i] >= ds->n_influencers && ((const guint32 *) data)[i] != G_MAXUINT32)
          return FALSE;
      return TRUE;
    case HK_SNAP_FLAGS:
      return check_flags (data, n);
    case HK_SNAP_POOL_CODE:
    case HK_SNAP_USER_CODE:
    case HK_SNAP_TIER:
    case HK_SNAP_BASIS:
    case HK_SNAP_AB:
    default:
      break;
    }
  if (n == 0)
    return TRUE;
  max = column_max (data, col->elt, n);
  switch ((HkSnapshotCheck) col->check)
    {
    case HK_SNAP_POOL_CODE: return max < hk_str_pool_get_size (ds->pools[col->arg]);
    case HK_SNAP_USER_CODE: return max < hk_dataset_get_n_user_codes (ds);
    case HK_SNAP_TIER: return max < HK_N_TIERS;
    case HK_SNAP_BASIS: return max <= HK_BASIS_ORDER;
    case HK_SNAP_AB: return max <= HK_AB_HOLDOUT;
    default: return FALSE;
    }
}

/* The pointers of a text column, made from its offsets into its strings. */
static const char **
read_text_column (Reader        *r,
                  guint          c,
                  const guint32 *offsets,
                  gsize          n)
{
  gsize len = 0;
  const char *blob = section (r, HK_SNAP_TEXT, c, &len);
  const char **texts;

  if (blob == NULL || (len > 0 && blob[len - 1] != '\0'))
    return NULL;
  texts = hk_big_alloc (MAX (n, 1) * sizeof (char *));
  for (gsize i = 0; i < n; i++)
    {
      if (offsets[i] == G_MAXUINT32)
        texts[i] = NULL;
      else if (offsets[i] < len)
        texts[i] = blob + offsets[i];
      else
        {
          hk_big_free (texts);
          return NULL;
        }
    }
  return texts;
}

/* The columns' values are checked on two threads, each taking about half of
 * the bytes: at L that is 400 MB read before the data can show. */
typedef struct {
  HkDataset   *ds;
  const void **data;  /* by column; NULL: absent */
  gsize       *n;
  guint        first, end;
  gboolean     ok;
} CheckPart;

static gpointer
check_part (gpointer user_data)
{
  CheckPart *part = user_data;

  part->ok = TRUE;
  for (guint c = part->first; c < part->end && part->ok; c++)
    if (part->data[c] != NULL)
      part->ok = check_values (part->ds, c, part->data[c], part->n[c]);
  return NULL;
}

static gboolean
read_columns (Reader     *r,
              HkDataset  *ds,
              GError    **error)
{
  g_autofree const void **data = g_new0 (const void *, hk_snapshot_n_columns);
  g_autofree gsize *n = g_new0 (gsize, hk_snapshot_n_columns);
  CheckPart parts[2] = { { ds, data, n, 0, 0 }, { ds, data, n, 0, hk_snapshot_n_columns } };
  gsize bytes = 0, half = 0;

  for (guint c = 0; c < hk_snapshot_n_columns; c++)
    {
      const HkSnapshotColumn *col = &hk_snapshot_columns[c];
      gsize len = 0;

      n[c] = hk_snapshot_column_count (ds, c);
      data[c] = section (r, HK_SNAP_COLUMN, c, &len);
      if (data[c] == NULL)
        {
          if (col->optional || n[c] == 0)
            continue;
          return invalid (error, "column missing");
        }
      if (len / col->elt != n[c] || len % col->elt != 0)
        return invalid (error, "column out of bounds");
      /* Group starts at once: the orphans' counts come from them. */
      if (col->check == HK_SNAP_STARTS)
        {
          if (!check_values (ds, c, data[c], n[c]))
            return invalid (error, "column out of bounds");
          HK_SNAP_COLUMN_PTR (ds, c) = (gpointer) data[c];
          data[c] = NULL;
          continue;
        }
      bytes += len;
    }
  /* The first part: columns up to about half of the bytes. */
  while (parts[0].end < hk_snapshot_n_columns && half < bytes / 2)
    {
      guint c = parts[0].end++;

      half += data[c] ? n[c] * hk_snapshot_columns[c].elt : 0;
    }
  parts[1].first = parts[0].end;
  hk_run_halves ("hk-snapshot-check", check_part, &parts[0], &parts[1], bytes >= 16 * 1024 * 1024);
  if (!parts[0].ok || !parts[1].ok)
    return invalid (error, "column out of bounds");

  for (guint c = 0; c < hk_snapshot_n_columns; c++)
    {
      const void *column = data[c];

      if (column == NULL)
        continue;
      if (hk_snapshot_columns[c].check == HK_SNAP_TEXT_COLUMN)
        {
          column = read_text_column (r, c, column, n[c]);
          if (column == NULL)
            return invalid (error, "text out of bounds");
        }
      HK_SNAP_COLUMN_PTR (ds, c) = (gpointer) column;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Tables, extra columns and metadata                                       */

static gboolean
read_extras (Reader      *r,
             HkDataset   *ds,
             HkTable      t,
             GVariant    *names,
             GError     **error)
{
  HkTableData *td = &ds->tables[t];
  gsize n_extras = g_variant_n_children (names);
  gsize rows = hk_dataset_get_n_rows (ds, t);

  if (n_extras == 0)
    return TRUE;
  if (n_extras > HK_IMPORT_MAX_EXTRA_COLUMNS)
    return invalid (error, "too many extra columns");
  td->extras = g_ptr_array_new ();
  for (guint e = 0; e < n_extras; e++)
    {
      guint32 index = t * HK_SNAP_EXTRAS_PER_TABLE + e;
      HkExtraColumn *col = g_new0 (HkExtraColumn, 1);
      gsize len = 0;

      g_ptr_array_add (td->extras, col);
      g_variant_get_child (names, e, "s", &col->name);
      col->pool = read_pool (r, HK_SNAP_EXTRA_ARENA, index, TRUE, error);
      if (col->pool == NULL)
        return FALSE;
      col->cells = (gpointer) section (r, HK_SNAP_EXTRA_CELLS, index, &len);
      /* Narrowed as when it was built. */
      col->width = hk_extra_column_width (col);
      if (col->cells == NULL || len != rows * col->width ||
          (rows > 0 && column_max (col->cells, col->width, rows) >= hk_str_pool_get_size (col->pool)))
        {
          col->cells = NULL;
          return invalid (error, "extra column out of bounds");
        }
    }
  return TRUE;
}

static gboolean
read_table (Reader     *r,
            HkDataset  *ds,
            HkTable     t,
            GVariant   *table,
            GError    **error)
{
  HkTableData *td = &ds->tables[t];
  g_autoptr(GVariant) header = NULL, roles = NULL, names = NULL;
  const gint32 *fields;
  gsize n_fields = 0, n_header = 0;

  g_variant_get (table, "(bmsum@as@ai@as)", &td->present, &td->file_name, &td->n_rows, &header, &roles, &names);
  if (t != HK_TABLE_INFLUENCERS && td->n_rows != table_rows (ds, t))
    return invalid (error, "table rows");
  if (header != NULL)
    {
      g_autofree const char **cells = g_variant_get_strv (header, &n_header);

      td->header = g_ptr_array_new_with_free_func (g_free);
      for (gsize i = 0; i < n_header; i++)
        g_ptr_array_add (td->header, g_strdup (cells[i]));
    }
  fields = g_variant_get_fixed_array (roles, &n_fields, sizeof (gint32));
  if (n_fields != HK_MAX_ROLES)
    return invalid (error, "table roles");
  for (guint i = 0; i < HK_MAX_ROLES; i++)
    {
      if (fields[i] < -1 || (fields[i] >= 0 && (gsize) fields[i] >= n_header))
        return invalid (error, "table roles");
      td->field_of_role[i] = fields[i];
    }
  return read_extras (r, ds, t, names, error);
}

static gboolean
read_meta (Reader     *r,
           HkDataset  *ds,
           GVariant   *meta,
           GError    **error)
{
  g_autoptr(GVariant) frozen = NULL, tables = NULL, report = NULL, key = NULL;
  const guchar *is_frozen;
  gsize n_frozen = 0;
  HkUserForm *user = &ds->user_form;
  g_autofree char *user_prefix = NULL;

  g_variant_get (meta, HK_SNAPSHOT_META_TYPE, &key, &ds->folder, &ds->location,
                 &ds->n_influencers, &ds->n_posts, &ds->n_tracking, &ds->n_payouts, &ds->n_holdout,
                 &ds->first_day, &ds->last_day, NULL, NULL, &report,
                 &user->numeric, &user_prefix, &user->width, &user->n_codes);
  user->prefix_len = strlen (user_prefix);
  if (user->prefix_len >= sizeof user->prefix || user->width > 9 || user->n_codes > 1000000001u)
    return invalid (error, "user ids");
  memcpy (user->prefix, user_prefix, user->prefix_len);
  g_variant_get_child (meta, 5, "@ab", &frozen);
  g_variant_get_child (meta, 6, "@a(bmsumasaias)", &tables);
  is_frozen = g_variant_get_fixed_array (frozen, &n_frozen, sizeof (guchar));
  if (n_frozen != HK_N_POOLS || g_variant_n_children (tables) != HK_N_TABLES ||
      ds->n_influencers >= G_MAXUINT32 - 3 || (ds->first_day == HK_DAY_NONE) != (ds->last_day == HK_DAY_NONE) ||
      ds->first_day > ds->last_day ||
      (ds->first_day != HK_DAY_NONE && (!readable_day (ds->first_day) || !readable_day (ds->last_day))))
    return invalid (error, "metadata");
  if (report != NULL && (ds->report = hk_import_report_new_from_variant (report)) == NULL)
    return invalid (error, "import report");

  for (guint p = 0; p < HK_N_POOLS; p++)
    {
      hk_str_pool_free (ds->pools[p]);
      ds->pools[p] = read_pool (r, HK_SNAP_POOL_ARENA, p, is_frozen[p], error);
      if (ds->pools[p] == NULL)
        return FALSE;
    }
  if (!read_columns (r, ds, error))
    return FALSE;
  {
    /* Counts are any numbers: only their number is checked. */
    gsize len = 0, n = hk_str_pool_get_size (ds->pools[HK_POOL_BRAND]) + hk_str_pool_get_size (ds->pools[HK_POOL_PRODUCT]) +
                       hk_str_pool_get_size (ds->pools[HK_POOL_CAMPAIGN]) + hk_str_pool_get_size (ds->pools[HK_POOL_SOURCE]);
    const void *counts = section (r, HK_SNAP_ROW_COUNTS, 0, &len);

    if (counts != NULL && len == n * sizeof (guint64))
      ds->row_counts = (guint64 *) counts;
  }
  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      g_autoptr(GVariant) table = g_variant_get_child_value (tables, t);

      if (!read_table (r, ds, t, table, error))
        return FALSE;
    }
  return TRUE;
}

HkDataset *
hk_snapshot_load (GBytes    *bytes,
                  GVariant  *expected_key,
                  GVariant **key_out,
                  GError   **error)
{
  Reader r = { 0, };
  g_autoptr(GBytes) meta_bytes = NULL;
  g_autoptr(GVariant) meta = NULL, key = NULL;
  g_autoptr(HkDataset) ds = NULL;
  gboolean ok;

  g_return_val_if_fail (bytes != NULL, NULL);

  r.base = g_bytes_get_data (bytes, &r.size);
  /* Columns are read in place: doubles need their alignment. */
  if (r.base == NULL || (guintptr) r.base % 8 != 0 || !read_header (&r, error))
    {
      if (r.base == NULL || (guintptr) r.base % 8 != 0)
        invalid (error, "empty or unaligned");
      g_clear_pointer (&r.by_id, g_hash_table_unref);
      return NULL;
    }
  meta_bytes = g_bytes_new_from_bytes (bytes, r.header->meta_offset, r.header->meta_length);
  meta = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (HK_SNAPSHOT_META_TYPE), meta_bytes, FALSE));
  g_variant_get_child (meta, 0, "v", &key);
  if (key_out)
    *key_out = g_variant_ref (key);
  if (expected_key != NULL && !g_variant_equal (key, expected_key))
    {
      g_hash_table_unref (r.by_id);
      g_set_error_literal (error, HK_SNAPSHOT_ERROR, HK_SNAPSHOT_ERROR_STALE, "the snapshot is of other files");
      return NULL;
    }

  ds = hk_dataset_new_empty ();
  ds->snapshot = g_bytes_ref (bytes);
  ok = read_meta (&r, ds, meta, error);
  g_hash_table_unref (r.by_id);
  if (!ok)
    return NULL;
  ds->memory = hk_dataset_get_memory_size (ds);
  return g_steal_pointer (&ds);
}
