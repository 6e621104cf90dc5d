/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "hk-file-writer.h"
#include "hk-folder-source.h"
#include "hk-import.h"
#include "hk-session.h"
#include "hk-simulator.h"
#include "hk-snapshot-cache.h"
#include "hk-snapshot-private.h"
#include "hk-summary.h"

/* The snapshot cache (issue 17): a dataset opened from its snapshot is the
 * dataset parsed from its files (every summary, the tables written back and
 * the import report, byte for byte); a snapshot of other files, or a damaged,
 * truncated or foreign one, is never used; writes are atomic; the cache stays
 * under its limit, least recently used first. */

static char *tmp_dir;

static char *
run_command (const char *command)
{
  g_autofree char *out = NULL;
  int status;

  g_assert_true (g_spawn_command_line_sync (command, &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static void
remove_tree (const char *path)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", path);

  g_free (run_command (cmd));
}

/* A folder of the simulator's CSV files. */
static char *
simulated_folder (const char *name,
                  guint       influencers,
                  guint       rows)
{
  char *dir = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  HkSimulatorOptions options;

  hk_simulator_options_init (&options);
  options.n_influencers = influencers;
  options.n_posts = influencers * 10;
  options.n_tracking_rows = rows;
  g_assert_true (hk_simulator_write_folder (&options, dir, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return dir;
}

static char *
copy_folder (const char *from,
             const char *name)
{
  char *dir = g_build_filename (tmp_dir, name, NULL);
  g_autofree char *cmd = g_strdup_printf ("cp -r '%s' '%s'", from, dir);

  remove_tree (dir);
  g_free (run_command (cmd));
  return dir;
}

/* Every summary (CSV and JSON), every table written back, and the import
 * report's text and messages, as one string. */
static char *
describe (HkDataset *ds)
{
  g_autofree char *dir = g_dir_make_tmp ("snapshot-describe-XXXXXX", NULL);
  g_autoptr(HkEngine) engine = hk_engine_new (ds);
  g_autoptr(HkFilter) filter = hk_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = hk_import_report_dup_messages (hk_dataset_get_report (ds));
  g_autofree char *report = hk_import_report_to_text (hk_dataset_get_report (ds));
  g_autofree char *cmd = NULL, *files = NULL;
  GString *out = g_string_new (report);
  HkAnalysisOptions options;
  HkAnalysis *analysis;
  const char *formats[] = { "csv", "json" };

  for (guint i = 0; i < messages->len; i++)
    g_string_append_printf (out, "%s\n", (char *) messages->pdata[i]);
  hk_analysis_options_init (&options);
  analysis = hk_engine_analyze (engine, filter, &options);
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *sub = g_build_filename (dir, formats[f], NULL);

      g_assert_true (hk_summary_write (analysis, sub, f == 0 ? HK_SUMMARY_CSV : HK_SUMMARY_JSON, NULL, &error));
      g_assert_no_error (error);
    }
  hk_analysis_unref (analysis);
  {
    g_autofree char *tables = g_build_filename (dir, "tables", NULL);

    g_assert_true (hk_dataset_write_folder (ds, tables, NULL, &error));
    g_assert_no_error (error);
  }
  for (guint d = 0; d < HK_N_DIMS; d++)
    {
      g_autoptr(GPtrArray) values = hk_dataset_dup_values (ds, d);

      for (guint i = 0; i < values->len; i++)
        g_string_append_printf (out, "%u %s %" G_GUINT64_FORMAT "\n", d, ((HkValueCount *) values->pdata[i])->value,
                                (guint64) ((HkValueCount *) values->pdata[i])->count);
    }
  cmd = g_strdup_printf ("sh -c \"cd '%s' && find . -type f | sort | xargs cat\"", dir);
  files = run_command (cmd);
  g_string_append (out, files);
  remove_tree (dir);
  return g_string_free (out, FALSE);
}

static HkDataset *
parse (const char *folder)
{
  g_autoptr(GError) error = NULL;
  HkDataset *ds = hk_import_folder (folder, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return ds;
}

/* Loads through a folder source with the cache; returns its state. */
static HkDataset *
load_cached (const char         *folder,
             HkFolderCacheState *state)
{
  g_autoptr(HkSource) source = hk_folder_source_new (folder);
  g_autoptr(GError) error = NULL;
  HkDataset *ds;

  hk_folder_source_set_use_cache (HK_FOLDER_SOURCE (source), TRUE);
  ds = hk_source_load (source, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  *state = hk_folder_source_get_cache_state (HK_FOLDER_SOURCE (source));
  if (*state == HK_FOLDER_CACHE_MISS)
    {
      /* With the engine's preparation, as the session stores it. */
      g_autoptr(HkEngine) engine = hk_engine_new (ds);
      g_autoptr(GBytes) prepared = hk_engine_save_prepared (engine);

      g_assert_false (hk_engine_get_restored (engine));
      /* Refused only when over the cache's limit (test_lru lowers it). */
      if (!hk_folder_source_store_snapshot (HK_FOLDER_SOURCE (source), ds, prepared, NULL, &error))
        g_assert_error (error, HK_SNAPSHOT_ERROR, HK_SNAPSHOT_ERROR_TOO_LARGE);
    }
  else if (*state == HK_FOLDER_CACHE_HIT)
    {
      g_assert_true (hk_snapshot_verify (ds, NULL, &error));
      g_assert_no_error (error);
    }
  return ds;
}

/* ---------------------------------------------------------------------- */

static void
test_round_trip (gconstpointer data)
{
  const char *which = data;
  g_autofree char *folder = NULL;
  g_autoptr(HkDataset) parsed = NULL, first = NULL, second = NULL;
  g_autofree char *expected = NULL, *got = NULL;
  HkFolderCacheState state;

  if (g_str_equal (which, "simulated"))
    folder = simulated_folder ("round-trip", 80, 6000);
  else
    folder = g_test_build_filename (G_TEST_DIST, "data", which, NULL);
  hk_snapshot_cache_discard (folder);
  parsed = parse (folder);
  expected = describe (parsed);

  first = load_cached (folder, &state);
  g_assert_cmpint (state, ==, HK_FOLDER_CACHE_MISS);
  g_assert_false (hk_snapshot_is_snapshot (first));
  second = load_cached (folder, &state);
  g_assert_cmpint (state, ==, HK_FOLDER_CACHE_HIT);
  g_assert_true (hk_snapshot_is_snapshot (second));
  g_assert_cmpstr (hk_dataset_get_folder (second), ==, hk_dataset_get_folder (parsed));
  {
    g_autoptr(HkEngine) engine = hk_engine_new (second);

    /* describe() then analyses with the preparation the snapshot kept. */
    g_assert_true (hk_engine_get_restored (engine));
  }
  got = describe (second);
  g_assert_cmpstr (got, ==, expected);
  hk_snapshot_cache_discard (folder);
}

/* Unknown columns keep 2-byte codes while they have at most 65,536 values
 * (the empty cell's included), 4 bytes past that; a snapshot keeps them so,
 * and both read back as written. */
static void
test_extra_widths (void)
{
  g_autofree char *folder = g_build_filename (tmp_dir, "extra-widths", NULL);
  g_autofree char *influencers = g_build_filename (folder, "influencers.csv", NULL);
  g_autofree char *tracking = g_build_filename (folder, "tracking_data.csv", NULL);
  g_autoptr(GString) text = g_string_new ("source,campaign,influencer_id,user_id,product,date,orders,revenue,"
                                          "narrow,wide,edge\n");
  g_autoptr(HkDataset) parsed = NULL, first = NULL, second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL, *got = NULL;
  HkDataset *both[2];
  HkFolderCacheState state;

  /* narrow: 3 values; wide: 65,536 values and the empty one; edge: 65,535
   * values and the empty one, the most that stay narrow. */
  for (guint r = 0; r < 65536 + 10; r++)
    {
      g_string_append_printf (text, "ig,c,1,u%u,p,2024-01-01,1,5,%s,", r % 7,
                              r % 3 == 0 ? "android" : r % 3 == 1 ? "ios" : "");
      if (r < 65536)
        g_string_append_printf (text, "w%u", r);
      g_string_append_c (text, ',');
      if (r < 65535)
        g_string_append_printf (text, "e%u", r);
      g_string_append_c (text, '\n');
    }
  remove_tree (folder);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (influencers, "id,name,category,gender,follower_count,platform\n"
                                      "1,Asha,Fitness,F,5000,Instagram\n", -1, &error));
  g_assert_true (g_file_set_contents (tracking, text->str, -1, &error));
  g_assert_no_error (error);

  hk_snapshot_cache_discard (folder);
  parsed = parse (folder);
  expected = describe (parsed);
  first = load_cached (folder, &state);
  g_assert_cmpint (state, ==, HK_FOLDER_CACHE_MISS);
  second = load_cached (folder, &state);
  g_assert_cmpint (state, ==, HK_FOLDER_CACHE_HIT);
  both[0] = parsed, both[1] = second;
  for (guint k = 0; k < 2; k++)
    {
      GPtrArray *extras = both[k]->tables[HK_TABLE_TRACKING].extras;
      const guint8 widths[] = { 2, 4, 2 };

      g_assert_cmpuint (extras->len, ==, 3);
      for (guint e = 0; e < 3; e++)
        g_assert_cmpuint (((HkExtraColumn *) extras->pdata[e])->width, ==, widths[e]);
      g_assert_cmpstr (hk_dataset_get_extra_cell (both[k], HK_TABLE_TRACKING, 1, 65535), ==, "w65535");
      g_assert_cmpstr (hk_dataset_get_extra_cell (both[k], HK_TABLE_TRACKING, 1, 65536), ==, "");
      g_assert_cmpstr (hk_dataset_get_extra_cell (both[k], HK_TABLE_TRACKING, 2, 65534), ==, "e65534");
      g_assert_cmpstr (hk_dataset_get_extra_cell (both[k], HK_TABLE_TRACKING, 2, 65535), ==, "");
      g_assert_cmpstr (hk_dataset_get_extra_cell (both[k], HK_TABLE_TRACKING, 0, 4), ==, "ios");
    }
  got = describe (second);
  g_assert_cmpstr (got, ==, expected);
  hk_snapshot_cache_discard (folder);
  remove_tree (folder);
}

static void
set_mtime (const char *path,
           gint64      seconds)
{
  struct timespec times[2] = { { seconds, 0 }, { seconds, 0 } };

  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
}

static HkFolderCacheState
state_after_load (const char *folder)
{
  g_autoptr(HkDataset) ds = NULL;
  HkFolderCacheState state;

  ds = load_cached (folder, &state);
  return state;
}

/* Any change to a table file, or a new one, makes the folder parsed again. */
static void
test_key (void)
{
  g_autofree char *base = simulated_folder ("key-base", 40, 3000);
  g_autofree char *folder = copy_folder (base, "key");
  g_autofree char *tracking = g_build_filename (folder, "tracking_data.csv", NULL);
  g_autofree char *holdout = g_build_filename (folder, "holdout_groups.csv", NULL);
  g_autofree char *notes = g_build_filename (folder, "notes.txt", NULL);
  g_autofree char *contents = NULL;
  struct stat st;
  gsize len;

  hk_snapshot_cache_discard (folder);
  g_remove (holdout);
  g_assert_cmpint (state_after_load (folder), ==, HK_FOLDER_CACHE_MISS);
  g_assert_cmpint (state_after_load (folder), ==, HK_FOLDER_CACHE_HIT);

  /* Touched: a new modification time. */
  g_assert_cmpint (g_stat (tracking, &st), ==, 0);
  set_mtime (tracking, st.st_mtime - 100);
  g_assert_cmpint (state_after_load (folder), ==, HK_FOLDER_CACHE_MISS);
  g_assert_cmpint (state_after_load (folder), ==, HK_FOLDER_CACHE_HIT);

  /* A byte changed near its end, with size and time put back as they were. */
  g_assert_cmpint (g_stat (tracking, &st), ==, 0);
  g_assert_true (g_file_get_contents (tracking, &contents, &len, NULL));
  contents[len - 10] = contents[len - 10] == '1' ? '2' : '1';
  {
    int fd = g_open (tracking, O_WRONLY, 0);

    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (pwrite (fd, contents + len - 10, 1, len - 10), ==, 1);
    close (fd);
  }
  set_mtime (tracking, st.st_mtime);
  g_assert_cmpint (state_after_load (folder), ==, HK_FOLDER_CACHE_MISS);

  /* A new table file; a file that is no table changes nothing. */
  g_assert_true (g_file_set_contents (notes, "not data\n", -1, NULL));
  g_assert_cmpint (state_after_load (folder), ==, HK_FOLDER_CACHE_HIT);
  g_assert_true (g_file_set_contents (holdout, "campaign,group,users\n", -1, NULL));
  g_assert_cmpint (state_after_load (folder), ==, HK_FOLDER_CACHE_MISS);
  g_assert_cmpint (state_after_load (folder), ==, HK_FOLDER_CACHE_HIT);

  /* Replaced by another file (another inode) of the same size and time. */
  {
    g_autofree char *copy = g_strconcat (tracking, ".new", NULL);
    g_autofree char *cmd = g_strdup_printf ("cp -p '%s' '%s'", tracking, copy);

    g_free (run_command (cmd));
    g_assert_cmpint (g_rename (copy, tracking), ==, 0);
  }
  g_assert_cmpint (state_after_load (folder), ==, HK_FOLDER_CACHE_MISS);
  hk_snapshot_cache_discard (folder);
}

/* ---------------------------------------------------------------------- */
/* Damaged snapshots                                                        */

static GBytes *
snapshot_bytes (const char *folder)
{
  g_autofree char *path = hk_snapshot_cache_dup_path (folder);
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (contents, len);
}

/* A copy of bytes with one byte changed (or cut at len), as aligned memory. */
static GBytes *
damaged (GBytes *bytes,
         gsize   at,
         guchar  xor_with,
         gsize   len)
{
  gsize size;
  const guchar *data = g_bytes_get_data (bytes, &size);
  guchar *copy = g_malloc (MAX (len, 1));

  memcpy (copy, data, MIN (size, len));
  if (at < len)
    copy[at] ^= xor_with;
  return g_bytes_new_take (copy, len);
}

/* Either refused by the reader, or caught by the check of checksums. */
static void
assert_not_used (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HkDataset) ds = hk_snapshot_load (bytes, NULL, NULL, &error);

  if (ds == NULL)
    {
      g_assert_error (error, HK_SNAPSHOT_ERROR, HK_SNAPSHOT_ERROR_INVALID);
      return;
    }
  g_assert_false (hk_snapshot_verify (ds, NULL, &error));
  g_assert_error (error, HK_SNAPSHOT_ERROR, HK_SNAPSHOT_ERROR_INVALID);
}

/* The engine's preparation kept in a snapshot is checked against its dataset:
 * changed anywhere, it is either refused (the engine prepares again and the
 * results are the parsed dataset's) or harmless, never read out of bounds
 * (ASan in CI). Its checksum, like every section's, then makes the session
 * parse the folder again. */
static void
test_prepared_damaged (void)
{
  g_autofree char *folder = simulated_folder ("prepared", 60, 5000);
  g_autoptr(HkDataset) parsed = parse (folder);
  g_autofree char *expected = describe (parsed);
  g_autoptr(HkDataset) first = NULL, second = NULL;
  g_autoptr(GBytes) good = NULL;
  const HkSnapshotHeader *header;
  const HkSnapshotSection *dir, *prepared = NULL;
  HkFolderCacheState state;
  guint refused = 0;
  gsize size;

  hk_snapshot_cache_discard (folder);
  first = load_cached (folder, &state);
  second = load_cached (folder, &state);
  g_assert_cmpint (state, ==, HK_FOLDER_CACHE_HIT);
  good = snapshot_bytes (folder);
  header = g_bytes_get_data (good, &size);
  dir = (const HkSnapshotSection *) ((const char *) header + header->dir_offset);
  for (guint s = 0; s < header->n_sections; s++)
    if (dir[s].kind == HK_SNAP_PREPARED)
      prepared = &dir[s];
  g_assert_nonnull (prepared);
  g_assert_cmpuint (prepared->length, >, 64);

  for (gsize at = 0; at < prepared->length; at += at < 128 ? 1 : 61)
    {
      g_autoptr(GBytes) bad = damaged (good, prepared->offset + at, 0xa5, size);
      g_autoptr(GError) error = NULL;
      g_autoptr(HkDataset) ds = hk_snapshot_load (bad, NULL, NULL, &error);
      g_autoptr(HkEngine) engine = NULL;

      g_assert_no_error (error);
      g_assert_false (hk_snapshot_verify (ds, NULL, NULL));
      engine = hk_engine_new (ds);
      if (!hk_engine_get_restored (engine))
        {
          g_autofree char *got = NULL;

          if (refused++ % 16 == 0) /* a sample: each describe() writes every summary */
            {
              got = describe (ds);
              g_assert_cmpstr (got, ==, expected);
            }
        }
      else
        {
          g_autoptr(HkFilter) filter = hk_filter_new ();
          HkAnalysisOptions options;

          hk_analysis_options_init (&options);
          hk_analysis_unref (hk_engine_analyze (engine, filter, &options));
        }
    }
  /* The header and the counts, codes and days are all checked. */
  g_assert_cmpuint (refused, >, 64);
  hk_snapshot_cache_discard (folder);
}

static void
test_damaged (void)
{
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "data", "real-world", NULL);
  g_autoptr(HkDataset) ds = NULL;
  g_autoptr(GBytes) good = NULL;
  g_autoptr(GError) error = NULL;
  HkFolderCacheState state;
  const HkSnapshotHeader *header;
  const HkSnapshotSection *dir;
  gsize size;

  hk_snapshot_cache_discard (folder);
  g_clear_object (&ds);
  ds = load_cached (folder, &state);
  g_assert_cmpint (state, ==, HK_FOLDER_CACHE_MISS);
  good = snapshot_bytes (folder);
  header = g_bytes_get_data (good, &size);
  dir = (const HkSnapshotSection *) ((const char *) header + header->dir_offset);
  {
    g_autoptr(GBytes) copy = damaged (good, size, 0, size);
    g_autoptr(HkDataset) fine = hk_snapshot_load (copy, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (hk_snapshot_verify (fine, NULL, &error));
    g_assert_no_error (error);
  }

  /* Truncated anywhere, extended, empty. */
  for (gsize len = 0; len < size; len += len < 256 ? 1 : 997)
    {
      g_autoptr(GBytes) cut = damaged (good, size, 0, len);
      assert_not_used (cut);
    }
  {
    g_autoptr(GBytes) longer = damaged (good, size, 0, size + 64);
    assert_not_used (longer);
  }

  /* A byte changed in the header, the metadata and directory, and inside
   * every section. */
  for (gsize at = 0; at < header->dir_offset + header->n_sections * sizeof *dir; at += at < 64 ? 1 : 7)
    {
      g_autoptr(GBytes) bad = NULL;

      if (at >= header->meta_offset + header->meta_length && at < header->dir_offset)
        continue; /* padding: no data */
      bad = damaged (good, at, 0x40, size);
      assert_not_used (bad);
    }
  for (guint s = 0; s < header->n_sections; s++)
    for (gsize k = 0; k < MIN (dir[s].length, 3); k++)
      {
        g_autoptr(GBytes) bad = damaged (good, dir[s].offset + (dir[s].length - 1) * k / 2, 0x01, size);
        assert_not_used (bad);
      }

  /* Another format version, even with a header that is right otherwise. */
  {
    g_autoptr(GBytes) foreign = damaged (good, size, 0, size);
    HkSnapshotHeader *h = (HkSnapshotHeader *) g_bytes_get_data (foreign, NULL);
    g_autoptr(HkDataset) none = NULL;
    guint64 sum;

    h->version = HK_SNAPSHOT_VERSION + 1;
    h->checksum = 0;
    sum = hk_snapshot_checksum (h, sizeof *h);
    sum ^= hk_snapshot_checksum ((const char *) h + h->meta_offset, h->meta_length) * 3;
    sum ^= hk_snapshot_checksum ((const char *) h + h->dir_offset, h->n_sections * sizeof *dir) * 5;
    h->checksum = sum;
    none = hk_snapshot_load (foreign, NULL, NULL, &error);
    g_assert_null (none);
    g_assert_error (error, HK_SNAPSHOT_ERROR, HK_SNAPSHOT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "version"));
    g_clear_error (&error);
  }

  /* Not a snapshot at all. */
  {
    g_autoptr(GBytes) csv = g_bytes_new_static ("id,name\n1,a\n", 12);
    assert_not_used (csv);
  }
  hk_snapshot_cache_discard (folder);
}

/* The column c's section in a copy of a snapshot. */
static guchar *
column_data (GBytes *bytes,
             gsize   offset_in_dataset,
             gsize  *length)
{
  const HkSnapshotHeader *header = g_bytes_get_data (bytes, NULL);
  const HkSnapshotSection *dir = (const HkSnapshotSection *) ((const char *) header + header->dir_offset);

  for (guint c = 0; c < hk_snapshot_n_columns; c++)
    if (hk_snapshot_columns[c].offset == offset_in_dataset)
      for (guint s = 0; s < header->n_sections; s++)
        if (dir[s].kind == HK_SNAP_COLUMN && dir[s].index == c)
          {
            *length = dir[s].length;
            return (guchar *) header + dir[s].offset;
          }
  g_assert_not_reached ();
}

/* Values no CSV file can give, whatever their checksums say, are refused
 * before the dataset is made: a code past its pool, an infinite revenue, a
 * day outside the dataset's range, in any position of the column. */
static void
test_bad_values (void)
{
  g_autofree char *folder = simulated_folder ("bad-values", 30, 2001);
  g_autoptr(HkDataset) ds = NULL;
  g_autoptr(GBytes) good = NULL;
  HkFolderCacheState state;
  gsize size, len;

  hk_snapshot_cache_discard (folder);
  ds = load_cached (folder, &state);
  g_assert_cmpint (state, ==, HK_FOLDER_CACHE_MISS);
  good = snapshot_bytes (folder);
  g_bytes_get_data (good, &size);
  for (guint kind = 0; kind < 4; kind++)
    for (guint where = 0; where < 3; where++)
      {
        g_autoptr(GBytes) bad = damaged (good, size, 0, size);
        g_autoptr(GError) error = NULL;
        g_autoptr(HkDataset) none = NULL;
        gsize offsets[] = { G_STRUCT_OFFSET (HkDataset, trk_product), G_STRUCT_OFFSET (HkDataset, trk_revenue),
                            G_STRUCT_OFFSET (HkDataset, trk_date), G_STRUCT_OFFSET (HkDataset, trk_source) };
        guchar *data = column_data (bad, offsets[kind], &len);
        gsize elt = kind == 1 ? 8 : kind == 3 ? 2 : 4;
        gsize n = len / elt, row = where == 0 ? 0 : where == 1 ? n / 2 + 1 : n - 1;

        if (kind == 0)
          ((guint32 *) data)[row] = hk_dataset_get_n_rows (ds, HK_TABLE_TRACKING) + 1000000;
        else if (kind == 1)
          ((double *) data)[row] = INFINITY;
        else if (kind == 2)
          ((gint32 *) data)[row] = 2000000;
        else
          ((guint16 *) data)[row] = 60000;
        none = hk_snapshot_load (bad, NULL, NULL, &error);
        g_assert_null (none);
        g_assert_error (error, HK_SNAPSHOT_ERROR, HK_SNAPSHOT_ERROR_INVALID);
      }
  hk_snapshot_cache_discard (folder);
}

/* A damaged snapshot in the cache: the session reads the files again, and
 * what it shows is what the files hold. */
static void
test_damaged_in_session (void)
{
  g_autofree char *folder = simulated_folder ("session-damage", 50, 4000);
  g_autofree char *path = hk_snapshot_cache_dup_path (folder);
  g_autoptr(HkDataset) parsed = parse (folder);
  g_autofree char *expected = describe (parsed);
  g_autofree char *contents = NULL;
  gsize len;

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(HkSession) session = hk_session_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *got = NULL;

      hk_session_set_use_cache (session, TRUE);
      g_assert_true (hk_session_load (session, folder, NULL, &error));
      g_assert_no_error (error);
      hk_session_wait_cache (session);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      got = describe (hk_session_get_dataset (session));
      g_assert_cmpstr (got, ==, expected);

      /* Damage a column for the next round. */
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      contents[len / 2] ^= 0x10;
      g_assert_true (g_file_set_contents (path, contents, len, NULL));
      g_clear_pointer (&contents, g_free);
    }
  hk_snapshot_cache_discard (folder);
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (hk_session_load_finish (HK_SESSION (object), result, NULL, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* The app's way: a snapshot whose columns are damaged shows at once, its
 * check fails on a worker thread, and the session reads the folder again and
 * shows what the files hold. */
static void
test_damaged_async (void)
{
  g_autofree char *folder = simulated_folder ("async-damage", 50, 4000);
  g_autofree char *path = hk_snapshot_cache_dup_path (folder);
  g_autoptr(HkDataset) parsed = parse (folder);
  g_autofree char *expected = describe (parsed);
  g_autoptr(HkSession) session = hk_session_new ();
  g_autofree char *contents = NULL, *got = NULL;
  gboolean loaded = FALSE;
  HkFolderCacheState state;
  gsize len;

  hk_snapshot_cache_discard (folder);
  g_clear_object (&parsed);
  parsed = load_cached (folder, &state);
  g_assert_cmpint (state, ==, HK_FOLDER_CACHE_MISS);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  contents[len / 2] ^= 0x10;
  g_assert_true (g_file_set_contents (path, contents, len, NULL));

  hk_session_set_use_cache (session, TRUE);
  hk_session_load_async (session, folder, NULL, on_loaded, &loaded);
  while (!loaded)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (hk_snapshot_is_snapshot (hk_session_get_dataset (session)));
  /* The check fails, the folder is read again, and its snapshot written. */
  hk_session_wait_cache (session);
  while (hk_session_get_loading (session))
    g_main_context_iteration (NULL, TRUE);
  hk_session_wait_cache (session);
  g_assert_false (hk_snapshot_is_snapshot (hk_session_get_dataset (session)));
  got = describe (hk_session_get_dataset (session));
  g_assert_cmpstr (got, ==, expected);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  hk_snapshot_cache_discard (folder);
}

/* ---------------------------------------------------------------------- */
/* Writing and the limit                                                    */

static guint
count_partials (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d && (name = g_dir_read_name (d)) != NULL)
    n += strstr (name, ".hk-partial-") != NULL;
  return n;
}

static void
test_atomic (void)
{
  g_autofree char *folder = simulated_folder ("atomic", 30, 2000);
  g_autofree char *path = g_build_filename (tmp_dir, "atomic.hksnap", NULL);
  g_autoptr(HkDataset) ds = parse (folder);
  g_autoptr(GVariant) key_a = g_variant_ref_sink (g_variant_new_string ("a"));
  g_autoptr(GVariant) key_b = g_variant_ref_sink (g_variant_new_string ("b"));
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(HkDataset) loaded = NULL;

  g_assert_true (hk_snapshot_write (ds, key_a, NULL, path, 0, NULL, &error));
  g_assert_no_error (error);
  /* Mapped while it is replaced: the mapping keeps the old file. */
  mapped = g_mapped_file_new (path, FALSE, &error);
  g_assert_no_error (error);
  bytes = g_mapped_file_get_bytes (mapped);

  /* A write that fails leaves the previous file as it was, and nothing else. */
  g_cancellable_cancel (cancelled);
  g_assert_false (hk_snapshot_write (ds, key_b, NULL, path, 0, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (count_partials (tmp_dir), ==, 0);
  {
    g_autoptr(GMappedFile) again = g_mapped_file_new (path, FALSE, &error);
    g_autoptr(GBytes) again_bytes = g_mapped_file_get_bytes (again);
    g_autoptr(HkDataset) old = hk_snapshot_load (again_bytes, key_a, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (old);
  }

  /* A write that succeeds replaces it in one step. */
  g_assert_true (hk_snapshot_write (ds, key_b, NULL, path, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_partials (tmp_dir), ==, 0);
  loaded = hk_snapshot_load (bytes, key_a, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (hk_snapshot_verify (loaded, NULL, &error));
  {
    g_autoptr(GMappedFile) now = g_mapped_file_new (path, FALSE, &error);
    g_autoptr(GBytes) now_bytes = g_mapped_file_get_bytes (now);
    g_autoptr(HkDataset) stale = hk_snapshot_load (now_bytes, key_a, NULL, &error);

    g_assert_null (stale);
    g_assert_error (error, HK_SNAPSHOT_ERROR, HK_SNAPSHOT_ERROR_STALE);
    g_clear_error (&error);
  }

  /* Over max_size: nothing written, the previous file kept. */
  {
    GStatBuf before, after;

    g_assert_cmpint (g_stat (path, &before), ==, 0);
    g_assert_false (hk_snapshot_write (ds, key_a, NULL, path, (guint64) before.st_size - 1, NULL, &error));
    g_assert_error (error, HK_SNAPSHOT_ERROR, HK_SNAPSHOT_ERROR_TOO_LARGE);
    g_clear_error (&error);
    g_assert_cmpuint (count_partials (tmp_dir), ==, 0);
    g_assert_cmpint (g_stat (path, &after), ==, 0);
    g_assert_cmpint (after.st_ino, ==, before.st_ino);
    g_assert_true (hk_snapshot_write (ds, key_a, NULL, path, (guint64) before.st_size, NULL, &error));
    g_assert_no_error (error);
  }
  g_remove (path);
}

static void
test_lru (void)
{
  g_autofree char *cache_dir = hk_snapshot_cache_get_dir ();
  char *folders[4];
  goffset sizes[4];
  g_autoptr(GError) error = NULL;

  g_assert_true (hk_snapshot_cache_clear (&error));
  g_assert_cmpuint (hk_snapshot_cache_get_size (), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *name = g_strdup_printf ("lru-%u", i);
      g_autofree char *path = NULL;
      g_autoptr(HkDataset) ds = NULL;
      HkFolderCacheState state;
      struct stat st;

      folders[i] = simulated_folder (name, 30, 2000);
      ds = load_cached (folders[i], &state);
      g_assert_cmpint (state, ==, HK_FOLDER_CACHE_MISS);
      path = hk_snapshot_cache_dup_path (folders[i]);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      sizes[i] = st.st_size;
      /* Used in this order: 0 the least recently. */
      set_mtime (path, 1000000 + i * 100);
    }
  g_assert_cmpuint (hk_snapshot_cache_get_size (), ==, sizes[0] + sizes[1] + sizes[2] + sizes[3]);

  /* Opening 0 makes it the most recently used; a limit for three removes 1. */
  g_assert_cmpint (state_after_load (folders[0]), ==, HK_FOLDER_CACHE_HIT);
  hk_snapshot_cache_trim (sizes[0] + sizes[2] + sizes[3]);
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = hk_snapshot_cache_dup_path (folders[i]);

      g_assert_cmpint (g_file_test (path, G_FILE_TEST_EXISTS), ==, i != 1);
    }

  /* A store keeps the cache under the limit set: 2 and 3 go, in that order. */
  hk_snapshot_cache_set_limit (sizes[0] + sizes[1] + 100);
  g_assert_cmpint (state_after_load (folders[1]), ==, HK_FOLDER_CACHE_MISS);
  g_assert_cmpuint (hk_snapshot_cache_get_size (), <=, sizes[0] + sizes[1] + 100);
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = hk_snapshot_cache_dup_path (folders[i]);

      g_assert_cmpint (g_file_test (path, G_FILE_TEST_EXISTS), ==, i <= 1);
    }
  /* A snapshot larger than the limit is not written; the cache still
   * keeps under it. */
  hk_snapshot_cache_set_limit (10);
  g_assert_cmpint (state_after_load (folders[2]), ==, HK_FOLDER_CACHE_MISS);
  g_assert_cmpuint (hk_snapshot_cache_get_size (), ==, 0);
  g_assert_cmpuint (count_partials (cache_dir), ==, 0);
  hk_snapshot_cache_set_limit (HK_SNAPSHOT_CACHE_DEFAULT_LIMIT);
  /* Through a session, as the app and the CLI store: a dataset whose columns
   * alone are over the limit gets no snapshot; the others are kept under
   * the limit. */
  {
    g_autofree char *tiny = simulated_folder ("lru-tiny", 3, 40);
    g_autoptr(HkDataset) parsed = parse (folders[3]);
    g_autoptr(HkSession) session = hk_session_new ();
    g_autofree char *kept = hk_snapshot_cache_dup_path (tiny);
    g_autofree char *skipped = hk_snapshot_cache_dup_path (folders[3]);
    GStatBuf st;

    g_assert_cmpint (state_after_load (tiny), ==, HK_FOLDER_CACHE_MISS);
    g_assert_cmpint (g_stat (kept, &st), ==, 0);
    g_assert_cmpuint (st.st_size, <, hk_snapshot_get_min_size (parsed));
    hk_snapshot_cache_set_limit (hk_snapshot_get_min_size (parsed) - 1);
    hk_session_set_use_cache (session, TRUE);
    g_assert_true (hk_session_load (session, folders[3], NULL, &error));
    g_assert_no_error (error);
    hk_session_wait_cache (session);
    g_assert_false (g_file_test (skipped, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (kept, G_FILE_TEST_EXISTS));
    g_assert_cmpuint (count_partials (cache_dir), ==, 0);
  }
  hk_snapshot_cache_set_limit (HK_SNAPSHOT_CACHE_DEFAULT_LIMIT);

  /* What a writer killed part way leaves (under a file-size limit, say):
   * Clear removes it too, though it is no snapshot yet. */
  {
    g_autofree char *stale = g_build_filename (cache_dir, ".0123.hksnap" HK_FILE_PARTIAL_INFIX "AbC123", NULL);

    g_assert_true (g_file_set_contents (stale, "half a snapshot", -1, NULL));
    g_assert_cmpuint (count_partials (cache_dir), ==, 1);
  }
  g_assert_true (hk_snapshot_cache_clear (&error));
  g_assert_cmpuint (count_partials (cache_dir), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    g_free (folders[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("test-snapshot-XXXXXX", NULL);
  /* Before GLib reads it: a cache of our own. */
  cache = g_build_filename (tmp_dir, "cache-home", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  g_test_add_data_func ("/snapshot/round-trip/simulated", "simulated", test_round_trip);
  g_test_add_data_func ("/snapshot/round-trip/real-world", "real-world", test_round_trip);
  g_test_add_data_func ("/snapshot/round-trip/assignment", "assignment-canonical", test_round_trip);
  g_test_add_func ("/snapshot/extra-widths", test_extra_widths);
  g_test_add_func ("/snapshot/key", test_key);
  g_test_add_func ("/snapshot/damaged", test_damaged);
  g_test_add_func ("/snapshot/prepared-damaged", test_prepared_damaged);
  g_test_add_func ("/snapshot/damaged-in-session", test_damaged_in_session);
  g_test_add_func ("/snapshot/bad-values", test_bad_values);
  g_test_add_func ("/snapshot/damaged-async", test_damaged_async);
  g_test_add_func ("/snapshot/atomic", test_atomic);
  g_test_add_func ("/snapshot/lru", test_lru);
  status = g_test_run ();
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
