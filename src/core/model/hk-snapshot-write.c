/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <string.h>

#include "hk-file-writer.h"
#include "hk-snapshot-private.h"

/* A section to write: borrowed data, or data made for the file (owned). */
typedef struct {
  HkSnapshotSection entry;
  const void       *data;
  gpointer          owned;
} Section;

static void
section_clear (gpointer data)
{
  g_free (((Section *) data)->owned);
}

static void
add_section (GArray     *sections,
             guint32     kind,
             guint32     index,
             const void *data,
             gsize       length,
             gpointer    owned)
{
  Section s = { { kind, index, 0, length, 0 }, data, owned };

  g_array_append_val (sections, s);
}

/* A text column (const char **) as the offsets of its strings in one block
 * of NUL-terminated strings; G_MAXUINT32 for NULL. */
static gboolean
add_text_column (GArray       *sections,
                 guint         c,
                 const char  **texts,
                 gsize         n,
                 GError      **error)
{
  guint32 *offsets = g_new (guint32, MAX (n, 1));
  GString *blob = g_string_new (NULL);

  for (gsize r = 0; r < n; r++)
    {
      if (texts[r] == NULL)
        {
          offsets[r] = G_MAXUINT32;
          continue;
        }
      if (blob->len >= G_MAXUINT32 - strlen (texts[r]) - 1)
        {
          g_free (offsets);
          g_string_free (blob, TRUE);
          g_set_error_literal (error, HK_SNAPSHOT_ERROR, HK_SNAPSHOT_ERROR_TOO_LARGE,
                               "a text column is over 4 GiB");
          return FALSE;
        }
      offsets[r] = blob->len;
      g_string_append_len (blob, texts[r], strlen (texts[r]) + 1);
    }
  add_section (sections, HK_SNAP_COLUMN, c, offsets, n * sizeof (guint32), offsets);
  {
    gsize len = blob->len;
    char *data = g_string_free (blob, FALSE);

    add_section (sections, HK_SNAP_TEXT, c, data, len, data);
  }
  return TRUE;
}

static void
add_pool (GArray          *sections,
          guint32          arena_kind,
          guint32          index,
          const HkStrPool *pool)
{
  const char *arena;
  const guint32 *offsets;
  gsize arena_len;

  hk_str_pool_get_data (pool, &arena, &arena_len, &offsets);
  add_section (sections, arena_kind, index, arena, arena_len, NULL);
  add_section (sections, arena_kind + 1, index, offsets,
               (gsize) hk_str_pool_get_size (pool) * sizeof (guint32), NULL);
}

static gboolean
collect_sections (HkDataset  *ds,
                  GArray     *sections,
                  GError    **error)
{
  for (guint c = 0; c < hk_snapshot_n_columns; c++)
    {
      gpointer column = HK_SNAP_COLUMN_PTR (ds, c);
      gsize n = hk_snapshot_column_count (ds, c);

      if (column == NULL)
        continue;
      if (hk_snapshot_columns[c].check == HK_SNAP_TEXT_COLUMN)
        {
          if (!add_text_column (sections, c, column, n, error))
            return FALSE;
        }
      else
        add_section (sections, HK_SNAP_COLUMN, c, column, n * hk_snapshot_columns[c].elt, NULL);
    }
  for (guint p = 0; p < HK_N_POOLS; p++)
    add_pool (sections, HK_SNAP_POOL_ARENA, p, ds->pools[p]);
  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      HkTableData *td = &ds->tables[t];

      for (guint e = 0; td->extras && e < td->extras->len; e++)
        {
          HkExtraColumn *col = td->extras->pdata[e];
          guint32 index = t * HK_SNAP_EXTRAS_PER_TABLE + e;

          add_pool (sections, HK_SNAP_EXTRA_ARENA, index, col->pool);
          add_section (sections, HK_SNAP_EXTRA_CELLS, index, col->cells,
                       (gsize) hk_dataset_get_n_rows (ds, t) * col->width, NULL);
        }
    }
  return TRUE;
}

static GVariant *
strv_variant (GPtrArray *strings)
{
  if (strings == NULL)
    return g_variant_new_array (G_VARIANT_TYPE_STRING, NULL, 0);
  return g_variant_new_strv ((const char * const *) strings->pdata, strings->len);
}

static GVariant *
make_meta (HkDataset *ds,
           GVariant  *key)
{
  GVariantBuilder frozen, tables;

  g_variant_builder_init (&frozen, G_VARIANT_TYPE ("ab"));
  for (guint p = 0; p < HK_N_POOLS; p++)
    g_variant_builder_add (&frozen, "b", hk_str_pool_is_frozen (ds->pools[p]));
  g_variant_builder_init (&tables, G_VARIANT_TYPE ("a(bmsumasaias)"));
  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      HkTableData *td = &ds->tables[t];
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      GVariant *header = td->header ? strv_variant (td->header) : NULL;

      for (guint e = 0; td->extras && e < td->extras->len; e++)
        g_ptr_array_add (names, ((HkExtraColumn *) td->extras->pdata[e])->name);
      g_variant_builder_add (&tables, "(bmsum@as@ai@as)", td->present, td->file_name, td->n_rows, header,
                             g_variant_new_fixed_array (G_VARIANT_TYPE_INT32, td->field_of_role,
                                                        HK_MAX_ROLES, sizeof (gint32)),
                             strv_variant (names));
    }
  return g_variant_ref_sink (
    g_variant_new (HK_SNAPSHOT_META_TYPE, key, ds->folder, ds->location,
                   ds->n_influencers, ds->n_posts, ds->n_tracking, ds->n_payouts, ds->n_holdout,
                   ds->first_day, ds->last_day, &frozen, &tables,
                   ds->report ? hk_import_report_to_variant (ds->report) : NULL,
                   ds->user_form.numeric, ds->user_form.prefix, ds->user_form.width, ds->user_form.n_codes));
}

static gsize
align (gsize offset)
{
  return (offset + HK_SNAPSHOT_ALIGN - 1) & ~(gsize) (HK_SNAPSHOT_ALIGN - 1);
}

static gboolean
write_padded (HkFileWriter  *writer,
              const void    *data,
              gsize          len,
              gsize         *offset,
              GError       **error)
{
  static const char zeros[HK_SNAPSHOT_ALIGN];
  gsize pad = align (*offset + len) - (*offset + len);

  if (len > 0 && !hk_file_writer_write (writer, data, len, error))
    return FALSE;
  *offset += len + pad;
  return pad == 0 || hk_file_writer_write (writer, zeros, pad, error);
}

guint64
hk_snapshot_get_min_size (HkDataset *ds)
{
  guint64 size = 0;

  g_return_val_if_fail (HK_IS_DATASET (ds), 0);

  for (guint c = 0; c < hk_snapshot_n_columns; c++)
    if (HK_SNAP_COLUMN_PTR (ds, c) != NULL && hk_snapshot_columns[c].check != HK_SNAP_TEXT_COLUMN)
      size += (guint64) hk_snapshot_column_count (ds, c) * hk_snapshot_columns[c].elt;
  return size;
}

static gboolean
too_large (GError **error,
           guint64  size,
           guint64  max_size)
{
  g_autofree char *at_least = g_format_size (size);
  g_autofree char *limit = g_format_size (max_size);

  g_set_error (error, HK_SNAPSHOT_ERROR, HK_SNAPSHOT_ERROR_TOO_LARGE,
               "the snapshot (%s or more) would be larger than %s", at_least, limit);
  return FALSE;
}

gboolean
hk_snapshot_write (HkDataset     *ds,
                   GVariant      *key,
                   GBytes        *prepared,
                   const char    *path,
                   guint64        max_size,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GArray) sections = g_array_new (FALSE, TRUE, sizeof (Section));
  g_autoptr(GVariant) meta = NULL;
  g_autofree HkSnapshotSection *dir = NULL;
  g_autoptr(HkFileWriter) writer = NULL;
  HkSnapshotHeader header = { HK_SNAPSHOT_MAGIC, HK_SNAPSHOT_VERSION, HK_SNAPSHOT_BYTE_ORDER, 0, };
  gsize offset, meta_len, dir_len;
  guint64 sum, min_size;

  g_return_val_if_fail (HK_IS_DATASET (ds), FALSE);
  g_return_val_if_fail (key != NULL && path != NULL, FALSE);

  g_array_set_clear_func (sections, section_clear);
  /* Over max_size already: the texts need not be gathered (seconds at
   * 100 M rows). */
  if (max_size > 0 && (min_size = hk_snapshot_get_min_size (ds)) > max_size)
    return too_large (error, min_size, max_size);
  if (!collect_sections (ds, sections, error))
    return FALSE;
  {
    gsize n;
    const guint64 *counts = hk_dataset_get_row_counts (ds, &n);

    add_section (sections, HK_SNAP_ROW_COUNTS, 0, counts, n * sizeof (guint64), NULL);
  }
  if (prepared != NULL)
    add_section (sections, HK_SNAP_PREPARED, 0, g_bytes_get_data (prepared, NULL), g_bytes_get_size (prepared),
                 NULL);
  meta = make_meta (ds, key);
  meta_len = g_variant_get_size (meta);
  dir_len = sections->len * sizeof (HkSnapshotSection);

  /* The layout and every checksum first: the file is written in one pass. */
  header.meta_offset = sizeof header;
  header.meta_length = meta_len;
  header.dir_offset = align (header.meta_offset + meta_len);
  header.n_sections = sections->len;
  offset = align (header.dir_offset + dir_len);
  for (guint s = 0; s < sections->len; s++)
    {
      Section *sec = &g_array_index (sections, Section, s);

      sec->entry.offset = offset;
      offset = align (offset + sec->entry.length);
    }
  header.file_size = offset;
  /* Known before a byte is read or written: a snapshot the cache would
   * drop at once is not written at all. */
  if (max_size > 0 && header.file_size > max_size)
    return too_large (error, header.file_size, max_size);
  dir = g_new0 (HkSnapshotSection, MAX (sections->len, 1));
  for (guint s = 0; s < sections->len; s++)
    {
      Section *sec = &g_array_index (sections, Section, s);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      sec->entry.checksum = hk_snapshot_checksum (sec->data, sec->entry.length);
      dir[s] = sec->entry;
    }
  sum = hk_snapshot_checksum (&header, sizeof header);
  sum ^= hk_snapshot_checksum (g_variant_get_data (meta), meta_len) * 3;
  sum ^= hk_snapshot_checksum (dir, dir_len) * 5;
  header.checksum = sum;

  writer = hk_file_writer_new (path, error);
  if (writer == NULL)
    return FALSE;
  offset = 0;
  if (!write_padded (writer, &header, sizeof header, &offset, error) ||
      !write_padded (writer, g_variant_get_data (meta), meta_len, &offset, error) ||
      !write_padded (writer, dir, dir_len, &offset, error))
    return FALSE;
  for (guint s = 0; s < sections->len; s++)
    {
      Section *sec = &g_array_index (sections, Section, s);

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !write_padded (writer, sec->data, sec->entry.length, &offset, error))
        return FALSE;
    }
  g_assert (offset == header.file_size);
  return hk_file_writer_close (writer, cancellable, error);
}
