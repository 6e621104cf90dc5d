/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "hk-dataset-builder-private.h"
#include "hk-import-private.h"
#include "hk-snapshot-cache.h"


/* With G_MESSAGES_DEBUG=HkCore, how long each phase took, the resident
 * memory after it and the peak so far: the figures bench/README.md
 * discusses. */
void
_hk_import_debug_phase (Import     *imp,
                        const char *phase)
{
  gint64 now;
  unsigned long resident = 0, peak = 0;
  g_autofree char *status = NULL;

  if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    return;
  now = g_get_monotonic_time ();
  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    {
      const char *rss = strstr (status, "VmRSS:"), *hwm = strstr (status, "VmHWM:");

      if (rss)
        resident = strtoul (rss + 6, NULL, 10);
      if (hwm)
        peak = strtoul (hwm + 6, NULL, 10);
    }
  if (imp->phase_start != 0)
    g_debug ("import: %-22s %7.1f ms, resident %6.1f MB (peak %6.1f MB)", phase,
             (now - imp->phase_start) / 1e3, resident / 1024.0, peak / 1024.0);
  imp->phase_start = now;
}

/* ------------------------------------------------------------------------ */
/* Finding and opening files                                                */

static void
source_clear (Source *s)
{
  g_clear_pointer (&s->path, g_free);
  g_clear_pointer (&s->bytes, g_bytes_unref);
  g_clear_pointer (&s->name, g_free);
  g_clear_pointer (&s->problem, g_free);
}

/* Why path (a directory entry named like a table) cannot be read as one, or
 * NULL for a regular file. Nothing is opened: a FIFO would block. */
static char *
file_problem (const char *path,
              const char *name)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ELOOP)
        return g_strdup_printf (_("%s: a symbolic link that loops; it is not read"), name);
      if (saved_errno == ENOENT)
        return g_strdup_printf (_("%s: a symbolic link to a file that does not exist"), name);
      return g_strdup_printf ("%s: %s", name, g_strerror (saved_errno));
    }
  if (S_ISREG (st.st_mode))
    return NULL;
  if (S_ISDIR (st.st_mode))
    return g_strdup_printf (_("%s: a folder, not a file"), name);
  if (S_ISFIFO (st.st_mode))
    return g_strdup_printf (_("%s: a named pipe, not a regular file; it is not read"), name);
  return g_strdup_printf (_("%s: not a regular file; it is not read"), name);
}

/* The place of lower (a file name in lower case) among the table's names,
 * preferred first; -1 when it is none of them. */
static int
file_rank (HkTable     table,
           const char *lower)
{
  const HkTableSchema *schema = hk_schema_get_table (table);

  for (guint k = 0; k < G_N_ELEMENTS (schema->files) && schema->files[k]; k++)
    if (g_str_equal (lower, schema->files[k]))
      return k;
  return -1;
}

static gboolean
find_files (Import      *imp,
            const char  *folder,
            GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *entry;
  int rank[HK_N_TABLES];

  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL)
    {
      /* GLib's own message names the folder raw, which may not be UTF-8. */
      g_autofree char *display = g_filename_display_name (folder);
      const char *why = local_error->code == G_FILE_ERROR_NOENT ? _("it does not exist") :
                        local_error->code == G_FILE_ERROR_NOTDIR ? _("it is not a folder") :
                        local_error->code == G_FILE_ERROR_ACCES ? _("permission denied") :
                        _("it cannot be read");

      g_set_error (error, HK_IMPORT_ERROR, HK_IMPORT_ERROR_NOT_FOUND,
                   _("Cannot open the folder “%s”: %s"), display, why);
      return FALSE;
    }
  for (guint t = 0; t < HK_N_TABLES; t++)
    rank[t] = G_MAXINT;

  /* Names match case-insensitively; where two names of a table are present the
   * preferred one wins, whatever order the directory lists them in. */
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (entry, -1);

      for (guint t = 0; t < HK_N_TABLES; t++)
        {
          int k = file_rank (t, lower);
          g_autofree char *path = NULL;
          g_autofree char *problem = NULL;

          if (k < 0 || k > rank[t] || (k == rank[t] && g_strcmp0 (entry, imp->sources[t].name) >= 0))
            continue;
          path = g_build_filename (folder, entry, NULL);
          problem = file_problem (path, entry);
          if (problem != NULL)
            {
              /* Said only when no readable file of the table turns up. */
              if (imp->sources[t].path == NULL && imp->sources[t].problem == NULL)
                imp->sources[t].problem = g_steal_pointer (&problem);
              continue;
            }
          rank[t] = k;
          g_free (imp->sources[t].path);
          g_free (imp->sources[t].name);
          g_clear_pointer (&imp->sources[t].problem, g_free);
          imp->sources[t].path = g_steal_pointer (&path);
          imp->sources[t].name = g_strdup (entry);
        }
    }

  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      GStatBuf st;

      if (imp->sources[t].path && g_stat (imp->sources[t].path, &st) == 0)
        imp->sources[t].size = st.st_size;
    }
  return TRUE;
}

HkCsvReader *
_hk_import_open_reader (Import   *imp,
                        HkTable   table,
                        goffset   start,
                        goffset   end,
                        GError  **error)
{
  Source *s = &imp->sources[table];

  if (s->bytes)
    {
      gsize len;
      const char *data = g_bytes_get_data (s->bytes, &len);

      g_assert (start == 0 && end == -1);
      /* An empty GBytes has no data pointer; the reader would do
       * arithmetic on NULL (undefined behaviour) when it copies nothing. */
      return hk_csv_reader_new_for_data (data ? data : "", len);
    }
  if (start == 0 && end == -1)
    return hk_csv_reader_new_for_path (s->path, error);
  return hk_csv_reader_new_for_path_range (s->path, start, end, error);
}

/* ------------------------------------------------------------------------ */
/* The import                                                               */

typedef struct {
  Chunk   *chunks[4];
  guint    n;
  gboolean posts_merged;
} Work;

/* Posts are the first table to merge after influencers (see import_run()),
 * and nothing the other thread does while it reads tracking touches what
 * their merge writes (the platform, brand, campaign and orphan id pools, the
 * posts' columns, the report's posts part). */
static void
import_posts (Import *imp,
              Chunk  *posts)
{
  HkDataset *ds = imp->ds;

  _hk_import_settle_dates (imp, &posts, 1, 0, POST_DATE);
  _hk_import_report_chunks (imp, HK_TABLE_POSTS, &posts, 1);
  ds->post_start = _hk_import_merge_table (imp, HK_TABLE_POSTS, &posts, 1, &ds->post_orphan_id, FALSE);
  ds->n_posts = ds->tables[HK_TABLE_POSTS].n_rows;
  if (!imp->no_influencers)
    hk_dataset_report_orphans (ds, imp->report, HK_TABLE_POSTS, ds->post_start, ds->post_orphan_id, NULL);
}

static gpointer
work_thread (gpointer data)
{
  Work *w = data;

  for (guint i = 0; i < w->n; i++)
    if (!g_cancellable_is_cancelled (w->chunks[i]->imp->cancellable))
      {
        Chunk *c = w->chunks[i];

        _hk_import_chunk_read (c, FALSE);
        /* The second part of tracking: its user ids are all different and
         * will only be looked up in the first part's pool (see
         * _hk_import_merge_table()), so its index (tens of MB) can go now. */
        if (c->table == HK_TABLE_TRACKING)
          hk_str_pool_freeze (c->pools[HK_POOL_USER]);
        /* Merged here while the first thread still reads tracking, rather
         * than later while the other core waits. */
        if (c->table == HK_TABLE_POSTS && !g_cancellable_is_cancelled (c->imp->cancellable))
          {
            import_posts (c->imp, c);
            w->posts_merged = TRUE;
          }
      }
  return NULL;
}

/* Smaller tracking files are read on one thread: a second would not pay. */
static goffset split_threshold = 8 * 1024 * 1024;

void
hk_import_set_split_threshold (goffset bytes)
{
  split_threshold = bytes > 0 ? bytes : 8 * 1024 * 1024;
}

/* Where the second thread starts in the tracking file: just after a newline
 * near the middle of the bytes to read. If that newline is inside a quoted
 * field, the first part's reader notices and reads on. */
static goffset
find_split (Import *imp,
            goffset from,
            goffset size,
            goffset other_bytes)
{
  /* Each thread gets about half of all the bytes left to read. */
  goffset split = from + (size - from + other_bytes) / 2;

  if (imp->sources[HK_TABLE_TRACKING].path == NULL || size - from < split_threshold ||
      split >= size - split_threshold / 8)
    return -1;
  return split;
}

/* The form most ids take, from the first id that ends in digits: its prefix
 * (often none); a fixed width when every id of that prefix has as many
 * digits, else numbers with no leading zero. Ids of another form still
 * resolve, through the pool. */
static void
choose_id_form (Import *imp)
{
  HkDataset *ds = imp->ds;
  IdForm *form = &imp->id_form;
  gsize first_len = 0, p, digits;
  gboolean found = FALSE, same_width = TRUE;

  memset (form, 0, sizeof *form);
  for (guint i = 0; i < ds->n_influencers; i++)
    {
      const char *id = hk_str_pool_get (ds->pools[HK_POOL_ID], ds->inf_id[i]);

      if (!split_id (id, strlen (id), &p, &digits))
        continue;
      if (!found)
        {
          found = TRUE;
          id_form_set_prefix (form, id, p);
          first_len = digits;
        }
      else if (p == form->prefix_len && memcmp (id, form->prefix, p) == 0 && digits != first_len)
        same_width = FALSE;
    }
  /* Numbers of as many digits each ("000042", "INF000042") are read with
   * that many; others with no leading zero ("42", not "042"). */
  form->width = found && same_width ? first_len : 0;
}

/* Influencer ids that are numbers, or numbers after a prefix, when dense
 * enough, get a table from number to influencer: see resolve_group(). */
static void
index_numeric_ids (Import *imp)
{
  HkDataset *ds = imp->ds;
  guint64 first = G_MAXUINT64, last = 0;
  guint n_numeric = 0;

  choose_id_form (imp);
  for (guint i = 0; i < ds->n_influencers; i++)
    {
      const char *id = hk_str_pool_get (ds->pools[HK_POOL_ID], ds->inf_id[i]);
      guint64 number = id_number (&imp->id_form, id, strlen (id));

      if (number == G_MAXUINT64)
        continue;
      first = MIN (first, number);
      last = MAX (last, number);
      n_numeric++;
    }
  /* Dense enough to be worth a table (4 bytes a number). */
  if (n_numeric > 0 && last - first < (guint64) n_numeric * 4 + 1024)
    {
      imp->first_number = first;
      imp->n_numbers = last - first + 1;
      imp->group_of_number = g_new (guint32, imp->n_numbers);
      for (guint64 k = 0; k < imp->n_numbers; k++)
        imp->group_of_number[k] = G_MAXUINT32;
      for (guint i = 0; i < ds->n_influencers; i++)
        {
          const char *id = hk_str_pool_get (ds->pools[HK_POOL_ID], ds->inf_id[i]);
          guint64 number = id_number (&imp->id_form, id, strlen (id));

          if (number != G_MAXUINT64)
            imp->group_of_number[number - first] = i;
        }
      g_debug ("influencer ids: %u of %u are numbers after \"%s\" (%u digits; 0: any), a table of %" G_GUINT64_FORMAT,
               n_numeric, ds->n_influencers, imp->id_form.prefix, imp->id_form.width, imp->n_numbers);
    }
}

static void
import_influencers (Import *imp)
{
  HkDataset *ds = imp->ds;
  Header *h = &imp->headers[HK_TABLE_INFLUENCERS];
  Chunk *c = _hk_import_chunk_new (imp, HK_TABLE_INFLUENCERS, g_steal_pointer (&h->reader),
                                   imp->sources[HK_TABLE_INFLUENCERS].size);
  guint n_ids;

  _hk_import_chunk_read (c, TRUE);
  _hk_import_report_chunks (imp, HK_TABLE_INFLUENCERS, &c, 1);
  ds->n_influencers = c->n_rows;
  _hk_import_merge_table (imp, HK_TABLE_INFLUENCERS, &c, 1, NULL, TRUE);

  n_ids = hk_str_pool_get_size (ds->pools[HK_POOL_ID]);
  ds->inf_of_id = g_new (guint32, n_ids);
  for (guint i = 0; i < n_ids; i++)
    ds->inf_of_id[i] = G_MAXUINT32;
  for (guint i = 0; i < ds->n_influencers; i++)
    ds->inf_of_id[ds->inf_id[i]] = i;
  _hk_import_chunk_free (c);
  index_numeric_ids (imp);
}

/* The chunks of the tables after influencers: tracking in one or two parts,
 * the others whole. */
typedef struct {
  Chunk *trk[2];
  guint  n_trk;
  Chunk *other[HK_N_TABLES];
  Work   work;       /* the second thread's chunks */
} Parts;

static void
parts_clear (Parts *parts)
{
  for (guint k = 0; k < 2; k++)
    _hk_import_chunk_free (parts->trk[k]);
  for (guint t = 0; t < HK_N_TABLES; t++)
    _hk_import_chunk_free (parts->other[t]);
}

/* Reads every table's header. Returns the required table that is missing
 * (influencers first), or HK_N_TABLES. */
static HkTable
read_headers (Import *imp)
{
  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      hk_import_report_set_file (imp->report, t, imp->sources[t].name);
      if (_hk_import_read_header (imp, t))
        imp->total_bytes += imp->sources[t].size;
    }
  imp->no_influencers = imp->headers[HK_TABLE_INFLUENCERS].reader == NULL;
  return imp->headers[HK_TABLE_INFLUENCERS].reader == NULL ? HK_TABLE_INFLUENCERS :
         imp->headers[HK_TABLE_TRACKING].reader == NULL ? HK_TABLE_TRACKING : HK_N_TABLES;
}

/* The first thread reads the first part of tracking; the second the rest,
 * then the small tables. */
static void
make_parts (Import *imp,
            Parts  *parts)
{
  Work *work = &parts->work;
  goffset other_bytes = 0;

  for (guint t = HK_TABLE_POSTS; t < HK_N_TABLES; t++)
    if (t != HK_TABLE_TRACKING && imp->headers[t].reader)
      other_bytes += imp->sources[t].size;

  if (imp->headers[HK_TABLE_TRACKING].reader != NULL)
    {
      Header *h = &imp->headers[HK_TABLE_TRACKING];
      goffset size = imp->sources[HK_TABLE_TRACKING].size;
      goffset from = hk_csv_reader_get_offset (h->reader);
      goffset split = find_split (imp, from, size, other_bytes);
      g_autoptr(GError) local_error = NULL;
      HkCsvReader *second = NULL;

      if (split > 0)
        second = _hk_import_open_reader (imp, HK_TABLE_TRACKING, split, -1, &local_error);
      if (second)
        {
          /* The second part starts after the first newline at or after split. */
          parts->trk[1] = _hk_import_chunk_new (imp, HK_TABLE_TRACKING, second, size - split);
          parts->trk[1]->start_offset = hk_csv_reader_get_offset (second);
          hk_csv_reader_set_end (h->reader, parts->trk[1]->start_offset);
          work->chunks[work->n++] = parts->trk[1];
        }
      parts->trk[0] = _hk_import_chunk_new (imp, HK_TABLE_TRACKING, g_steal_pointer (&h->reader),
                                            second ? split - from : size - from);
      parts->n_trk = second ? 2 : 1;
    }
  for (guint t = HK_TABLE_POSTS; t < HK_N_TABLES; t++)
    if (t != HK_TABLE_TRACKING && imp->headers[t].reader)
      {
        parts->other[t] = _hk_import_chunk_new (imp, t, g_steal_pointer (&imp->headers[t].reader),
                                                imp->sources[t].size);
        work->chunks[work->n++] = parts->other[t];
      }
}

/* Both threads at once; the second also merges posts (see work_thread()). */
static void
read_parts (Import *imp,
            Parts  *parts)
{
  Work *work = &parts->work;
  Chunk *first = parts->trk[0];
  GThread *thread = NULL;

  if (work->n > 0)
    thread = g_thread_new ("hk-import", work_thread, work);
  if (first)
    _hk_import_chunk_read (first, TRUE);
  if (thread)
    g_thread_join (thread);
  if (first && !g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    {
      g_debug ("import: first thread: tracking %u rows in %.1f ms (CPU %.1f ms, kernel %.1f ms)", first->n_rows,
               first->read_time / 1e3, first->read_cpu / 1e3, first->read_sys / 1e3);
      for (guint i = 0; i < work->n; i++)
        g_debug ("import: second thread: %s %u rows in %.1f ms (CPU %.1f ms, kernel %.1f ms)",
                 hk_table_file_name (work->chunks[i]->table), work->chunks[i]->n_rows, work->chunks[i]->read_time / 1e3,
                 work->chunks[i]->read_cpu / 1e3, work->chunks[i]->read_sys / 1e3);
    }
  _hk_import_debug_phase (imp, "parse");
}

/* Whether the two parts of tracking met where the second began. */
static void
join_tracking (Import *imp,
               Parts  *parts)
{
  Chunk **trk = parts->trk;

  if (parts->n_trk == 2 && (trk[0]->fatal || !trk[0]->done ||
                            hk_csv_reader_get_offset (trk[0]->reader) != trk[1]->start_offset))
    {
      /* The split fell inside a quoted field (or the first part stopped early):
       * the first part's reading is the true one; it reads on alone. */
      g_debug ("%s: the split at byte %" G_GOFFSET_FORMAT " fell inside a quoted field "
               "or the first part stopped early; reading on in one part",
               imp->sources[HK_TABLE_TRACKING].name, trk[1]->start_offset);
      if (trk[0]->fatal == NULL)
        {
          hk_csv_reader_set_end (trk[0]->reader, -1);
          trk[0]->done = FALSE;
          _hk_import_chunk_read (trk[0], TRUE);
        }
      g_clear_pointer (&trk[1], _hk_import_chunk_free);
      parts->n_trk = 1;
    }
  else if (parts->n_trk == 2)
    {
      trk[1]->line_base = hk_csv_reader_get_lines_read (trk[0]->reader);
      g_debug ("%s: read in two parts, split at byte %" G_GOFFSET_FORMAT " (line %" G_GUINT64_FORMAT ")",
               imp->sources[HK_TABLE_TRACKING].name, trk[1]->start_offset, trk[1]->line_base + 1);
    }
}

static void
settle_parts_dates (Import *imp,
                    Parts  *parts)
{
  Chunk **holdout = &parts->other[HK_TABLE_HOLDOUT];

  if (parts->n_trk > 0)
    _hk_import_settle_dates (imp, parts->trk, parts->n_trk, 0, TRK_DATE);
  if (*holdout && (*holdout)->hdr->field[HO_START] >= 0)
    _hk_import_settle_dates (imp, holdout, 1, 0, HO_START);
  if (*holdout && (*holdout)->hdr->field[HO_END] >= 0)
    _hk_import_settle_dates (imp, holdout, 1, 1, HO_END);
  _hk_import_debug_phase (imp, "settle dates");
}

/* The tracking column the dataset keeps in 16 bits whose values are in
 * pool, or NULL. */
static const char *
column16_name (HkPool pool)
{
  for (guint r = 0; r < N_TRK_ROLES; r++)
    if (hk_column_storage[HK_TABLE_TRACKING][r].elt == 2 &&
        hk_schema_get_column (HK_TABLE_TRACKING, r)->pool == pool)
      return hk_schema_get_column (HK_TABLE_TRACKING, r)->name;
  return NULL;
}

/* Fails when a 16-bit column has too many values. */
static gboolean
merge_tracking (Import   *imp,
                Parts    *parts,
                GError  **error)
{
  HkDataset *ds = imp->ds;

  if (parts->n_trk == 0)
    return TRUE;
  _hk_import_report_chunks (imp, HK_TABLE_TRACKING, parts->trk, parts->n_trk);
  ds->trk_start = _hk_import_merge_table (imp, HK_TABLE_TRACKING, parts->trk, parts->n_trk,
                                          &ds->trk_orphan_id, TRUE);
  ds->n_tracking = ds->tables[HK_TABLE_TRACKING].n_rows;
  for (guint p = 0; p < HK_N_POOLS; p++)
    if (column16_name (p) != NULL && hk_str_pool_get_size (ds->pools[p]) > HK_MAX_CODES16 + 1)
      {
        g_autofree char *msg = g_strdup_printf (_("%s: more than %u different values of %s"),
                                                imp->sources[HK_TABLE_TRACKING].name, HK_MAX_CODES16,
                                                column16_name (p));

        /* The report says why too: it is all a caller gets besides error. */
        hk_import_report_set_status (imp->report, HK_TABLE_TRACKING, HK_TABLE_STATUS_ERROR, msg);
        g_set_error_literal (error, HK_IMPORT_ERROR, HK_IMPORT_ERROR_MISSING_TABLE, msg);
        return FALSE;
      }
  if (!imp->no_influencers)
    hk_dataset_report_orphans (ds, imp->report, HK_TABLE_TRACKING, ds->trk_start, ds->trk_orphan_id, ds->trk_revenue);
  _hk_import_debug_phase (imp, "merge tracking");
  return TRUE;
}

static void
merge_small_tables (Import *imp,
                    Parts  *parts)
{
  HkDataset *ds = imp->ds;
  Chunk **payouts = &parts->other[HK_TABLE_PAYOUTS];
  Chunk **holdout = &parts->other[HK_TABLE_HOLDOUT];

  if (*payouts)
    {
      _hk_import_report_chunks (imp, HK_TABLE_PAYOUTS, payouts, 1);
      ds->pay_start = _hk_import_merge_table (imp, HK_TABLE_PAYOUTS, payouts, 1, &ds->pay_orphan_id, TRUE);
      ds->n_payouts = ds->tables[HK_TABLE_PAYOUTS].n_rows;
      if (!imp->no_influencers)
        hk_dataset_report_orphans (ds, imp->report, HK_TABLE_PAYOUTS, ds->pay_start, ds->pay_orphan_id, NULL);
    }
  if (*holdout)
    {
      _hk_import_report_chunks (imp, HK_TABLE_HOLDOUT, holdout, 1);
      _hk_import_merge_table (imp, HK_TABLE_HOLDOUT, holdout, 1, NULL, TRUE);
      ds->n_holdout = ds->tables[HK_TABLE_HOLDOUT].n_rows;
    }
  _hk_import_debug_phase (imp, "merge payouts, holdout");
}

static gboolean
import_run (Import   *imp,
            GError  **error)
{
  Parts parts = { { NULL } };
  HkTable missing;
  gboolean ok = FALSE;

  _hk_import_debug_phase (imp, NULL);
  /* A missing required table fails the import, but only after every other
   * table was read: the report then tells all that is wrong at once. */
  missing = read_headers (imp);
  if (!imp->no_influencers)
    import_influencers (imp);
  _hk_import_debug_phase (imp, "influencers");
  if (g_cancellable_set_error_if_cancelled (imp->cancellable, error))
    return FALSE;

  make_parts (imp, &parts);
  read_parts (imp, &parts);
  if (g_cancellable_set_error_if_cancelled (imp->cancellable, error))
    goto out;
  join_tracking (imp, &parts);
  if (g_cancellable_set_error_if_cancelled (imp->cancellable, error))
    goto out;
  settle_parts_dates (imp, &parts);

  /* Tables merge in their order (influencers, posts, tracking, payouts,
   * holdout): pools then list values in the order the data shows them, which
   * is what "the first spelling met" of a brand means. */
  g_assert (parts.other[HK_TABLE_POSTS] == NULL || parts.work.posts_merged);
  _hk_import_chunk_free (g_steal_pointer (&parts.other[HK_TABLE_POSTS]));
  if (!merge_tracking (imp, &parts, error))
    goto out;
  merge_small_tables (imp, &parts);

  if (missing != HK_N_TABLES)
    {
      g_set_error_literal (error, HK_IMPORT_ERROR, HK_IMPORT_ERROR_MISSING_TABLE,
                           hk_import_report_get_error (imp->report, missing));
      goto out;
    }
  hk_dataset_finish (imp->ds);
  _hk_import_debug_phase (imp, "finish");
  ok = TRUE;

out:
  parts_clear (&parts);
  return ok;
}

static HkDataset *
import_finish (Import          *imp,
               gboolean         ok,
               HkImportReport **report)
{
  HkDataset *ds = NULL;

  g_clear_pointer (&imp->group_of_number, g_free);
  g_clear_pointer (&imp->text_dir, g_free);
  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      source_clear (&imp->sources[t]);
      _hk_import_header_clear (&imp->headers[t]);
    }
  if (ok)
    {
      ds = g_steal_pointer (&imp->ds);
      ds->report = g_steal_pointer (&imp->report);
      if (report)
        *report = NULL;
    }
  else
    {
      g_clear_object (&imp->ds);
      if (report)
        *report = g_steal_pointer (&imp->report);
      else
        g_clear_pointer (&imp->report, hk_import_report_free);
    }
  if (ds && imp->progress)
    imp->progress (1.0, imp->progress_data);
  return ds;
}

HkDataset *
hk_import_folder (const char      *folder,
                  HkProgressFunc   progress,
                  gpointer         progress_data,
                  GCancellable    *cancellable,
                  HkImportReport **report,
                  GError         **error)
{
  Import imp = { 0 };
  gboolean ok;

  g_return_val_if_fail (folder != NULL, NULL);

  imp.ds = hk_dataset_new_empty ();
  imp.report = hk_import_report_new ();
  imp.cancellable = cancellable;
  imp.progress = progress;
  imp.progress_data = progress_data;
  for (guint t = 0; t < HK_N_TABLES; t++)
    imp.sources[t].name = g_strdup (hk_table_file_name (t));
  imp.text_dir = hk_snapshot_cache_get_dir ();

  if (!find_files (&imp, folder, error))
    g_clear_pointer (&imp.report, hk_import_report_free); /* nothing was read */
  ok = imp.report != NULL && import_run (&imp, error);
  if (ok)
    imp.ds->folder = g_strdup (folder);
  return import_finish (&imp, ok, report);
}

HkDataset *
hk_import_bytes (GBytes          *files[HK_N_TABLES],
                 const char      *names[HK_N_TABLES],
                 GCancellable    *cancellable,
                 HkImportReport **report,
                 GError         **error)
{
  Import imp = { 0 };

  imp.ds = hk_dataset_new_empty ();
  imp.report = hk_import_report_new ();
  imp.cancellable = cancellable;
  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      imp.sources[t].name = g_strdup (names && names[t] ? names[t] : hk_table_file_name (t));
      if (files[t])
        {
          imp.sources[t].bytes = g_bytes_ref (files[t]);
          imp.sources[t].size = g_bytes_get_size (files[t]);
        }
    }
  return import_finish (&imp, import_run (&imp, error), report);
}

gboolean
hk_import_is_table_file (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint t = 0; t < HK_N_TABLES; t++)
    if (file_rank (t, lower) >= 0)
      return TRUE;
  return FALSE;
}
