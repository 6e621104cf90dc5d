/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hk-big.h"
#include "hk-date.h"
#include "hk-halves.h"
#include "hk-import-private.h"

/* ------------------------------------------------------------------------ */
/* Settling dates                                                           */

/* Day-first unless some cell reads only month-first and none only day-first. */
void
_hk_import_settle_dates (Import   *imp,
                         Chunk   **chunks,
                         guint     n_chunks,
                         guint     state,
                         guint     role)
{
  gboolean ambiguous = FALSE, day_only = FALSE, month_only = FALSE, month_first;
  const char *file = imp->sources[chunks[0]->table].name;
  const char *column;

  for (guint i = 0; i < n_chunks; i++)
    {
      ambiguous |= chunks[i]->dates[state].any_ambiguous;
      day_only |= chunks[i]->dates[state].any_day_only;
      month_only |= chunks[i]->dates[state].any_month_only;
    }
  if (!ambiguous && !month_only)
    return;
  month_first = month_only && !day_only;
  column = header_of (chunks[0], role);

  if (month_first)
    {
      MonthOnly *mo = NULL;
      g_autofree char *msg = NULL;

      /* The first cell that reads only month-first, in whichever chunk. */
      for (guint i = 0; i < n_chunks && mo == NULL; i++)
        if (chunks[i]->dates[state].month_only->len > 0)
          mo = &g_array_index (chunks[i]->dates[state].month_only, MonthOnly, 0);
      g_assert (mo != NULL);
      msg = g_strdup_printf (_("%s: column \"%s\" is read month-first (M/D/YYYY): \"%s\" reads no other way and no date in it reads only day-first"),
                             file, column, mo->text);
      hk_import_report_add_warning (imp->report, chunks[0]->table, msg);
    }

  for (guint i = 0; i < n_chunks; i++)
    {
      Chunk *c = chunks[i];
      DateState *st = &c->dates[state];
      gint32 *days = state == 0 ? (c->table == HK_TABLE_HOLDOUT ? c->start : c->date) : c->end;

      if (st->any_ambiguous)
        for (guint r = 0; r < c->n_rows; r++)
          if (days[r] >= AMBIGUOUS_DATE)
            {
              int v = days[r], y = (v >> 10) & 0x3fff, a = (v >> 5) & 0x1f, b = v & 0x1f;

              days[r] = month_first ? hk_date_from_ymd (y, a, b) : hk_date_from_ymd (y, b, a);
            }

      if (!month_first)
        for (guint k = 0; k < st->month_only->len; k++)
          {
            MonthOnly *mo = &g_array_index (st->month_only, MonthOnly, k);
            Problem *p;

            /* A row is skipped once, for its first bad cell: a holdout row
             * may have a month-first start and end. */
            if (c->group[mo->row] == GROUP_SKIP)
              continue;
            p = _hk_import_chunk_problem_kind (c, "date/order");
            c->group[mo->row] = GROUP_SKIP;
            c->rows_skipped++;
            p->count++;
            if (p->n_first < N_FIRST && mo->text)
              {
                p->line[p->n_first] = mo->line;
                p->text[p->n_first] = g_strdup_printf (_("column \"%s\": \"%s\" is not a date when read day-first, as the column is"),
                                                      column, mo->text);
                p->n_first++;
              }
          }
    }
}

/* ------------------------------------------------------------------------ */
/* Putting the chunks together                                              */

typedef struct {
  guint32 *map[HK_N_POOLS]; /* local code -> dataset code */
} Remap;

typedef struct {
  const HkStrPool *pool, *from;
  guint            first, n;
  guint32         *codes;
} Lookups;

static gpointer
lookups_thread (gpointer data)
{
  Lookups *l = data;

  hk_str_pool_lookup_strings (l->pool, l->from, l->first, l->n, l->codes);
  return NULL;
}

/* Interns a chunk's pool into the dataset's; takes the pool itself when the
 * dataset's is still empty. frozen: the dataset's pool is only read from now
 * on (user ids; see hk_str_pool_lookup_strings). The map is an hk_big block. */
static guint32 *
merge_pool (HkStrPool **into,
            HkStrPool **from,
            gboolean    frozen)
{
  guint n = hk_str_pool_get_size (*from);
  guint32 *map = hk_big_alloc ((gsize) n * sizeof (guint32));

  if (hk_str_pool_get_size (*into) == 1)
    {
      hk_str_pool_free (*into);
      *into = *from;
      *from = hk_str_pool_new ();
      for (guint i = 0; i < n; i++)
        map[i] = i;
      return map;
    }
  if (frozen)
    {
      /* Millions of lookups (user ids) at memory speed: the second half on
       * another thread, the other core being idle then. */
      Lookups half = { *into, *from, n / 2, n - n / 2, map + n / 2 };
      GThread *thread = NULL;

      if (n >= 1 << 16)
        thread = g_thread_new ("hk-import-lookups", lookups_thread, &half);
      hk_str_pool_lookup_strings (*into, *from, 0, thread ? n / 2 : n, map);
      if (thread)
        g_thread_join (thread);
      hk_str_pool_append_missing (*into, *from, map);
      return map;
    }
  for (guint base = 0; base < n; base += 4096)
    {
      const char *strs[4096];
      guint32 lens[4096];
      guint m = MIN (n - base, 4096);

      for (guint k = 0; k < m; k++)
        {
          strs[k] = hk_str_pool_get (*from, base + k);
          lens[k] = strlen (strs[k]);
        }
      hk_str_pool_intern_batch (*into, strs, lens, m, map + base);
    }
  return map;
}

typedef struct {
  HkTable          table;
  guint            role;
  Chunk          **chunks;
  guint            n_chunks;
  Remap           *remaps;
  HkDataset       *ds;
  guint            n_total;
  gboolean         grouped;
} ScatterJob;

/* Tracking's revenue, which a chunk may hold in paise (Chunk.cents). */
static inline gboolean
is_revenue (const ScatterJob *job)
{
  return job->table == HK_TABLE_TRACKING && job->role == TRK_REVENUE;
}

/* Copies rows from .. to (counted over the chunks in turn) of one column into
 * out: rows go to the position their group gives them (grouped tables) or
 * stay in order (then from is 0); codes are remapped. */
static void
scatter_rows (const ScatterJob *job,
              void             *out,
              guint             from,
              guint             to)
{
  guint elt = hk_column_storage[job->table][job->role].elt;
  int pool = _hk_import_column_pool (job->table, job->role);
  guint pos = 0, base = 0;

  for (guint k = 0; k < job->n_chunks && base < to; base += job->chunks[k++]->n_rows)
    {
      Chunk *c = job->chunks[k];
      const void *in = CHUNK_COL (c, job->role);
      const guint32 *dst = c->group;
      const guint32 *remap = pool >= 0 ? job->remaps[k].map[pool] : NULL;
      guint lo = MAX (from, base) - base, hi = MIN (to, base + c->n_rows) - base;

      if (from >= base + c->n_rows)
        continue;
      /* A skipped row takes no place in either layout: grouped tables send
       * it after the last row (see lay_out_groups()), saving a test per row;
       * the others leave out GROUP_SKIP. */
#define SCATTER(T, VALUE) \
      { \
        if (job->grouped) \
          for (guint r = lo; r < hi; r++) \
            ((T *) out)[dst[r]] = (VALUE); \
        else \
          for (guint r = lo; r < hi; r++) \
            if (dst[r] != GROUP_SKIP) \
              ((T *) out)[pos++] = (VALUE); \
      }

      if (elt == 8)
        SCATTER (guint64, ((const guint64 *) in)[r])
      else if (elt == 4 && remap)
        SCATTER (guint32, remap[((const guint32 *) in)[r]])
      else if (elt == 4)
        SCATTER (guint32, ((const guint32 *) in)[r])
      else if (elt == 2)
        SCATTER (guint16, remap ? remap[((const guint16 *) in)[r]] : ((const guint16 *) in)[r])
      else
        SCATTER (guint8, ((const guint8 *) in)[r])
#undef SCATTER
    }
}

typedef struct {
  const ScatterJob *job;
  void             *out;
  guint             from, to;
} ScatterHalf;

static gpointer
scatter_half_thread (gpointer data)
{
  ScatterHalf *half = data;

  scatter_rows (half->job, half->out, half->from, half->to);
  return NULL;
}

/* One column of every chunk into the dataset, its rows split between two
 * threads (their positions are distinct; the skipped rows' one spare slot is
 * written by both, and never read). Then the chunks' column is freed, for the
 * next column's output to take its pages. */
static void
scatter_column (ScatterJob *job,
                gboolean    parallel)
{
  guint elt = hk_column_storage[job->table][job->role].elt;
  /* One more row: grouped tables send the skipped rows there. Every other
   * row is written, so recycled pages will do. */
  void *out = hk_big_alloc_dirty ((gsize) (job->n_total + 1) * elt);
  guint n_rows = 0;

  /* Revenue in paise is read by gather_column() only. */
  g_assert (!is_revenue (job));
  for (guint k = 0; k < job->n_chunks; k++)
    n_rows += job->chunks[k]->n_rows;
  if (parallel && job->grouped && n_rows >= (1u << 20))
    {
      ScatterHalf half = { job, out, n_rows / 2, n_rows };
      GThread *thread = g_thread_new ("hk-import-scatter", scatter_half_thread, &half);

      scatter_rows (job, out, 0, n_rows / 2);
      g_thread_join (thread);
    }
  else
    scatter_rows (job, out, 0, n_rows);

  for (guint k = 0; k < job->n_chunks; k++)
    {
      Chunk *c = job->chunks[k];

      /* Sized for the rows the file could hold: only the pages of the rows
       * read go to the next columns (the rest was never touched). */
      hk_big_free (hk_big_shrink (CHUNK_COL (c, job->role), (gsize) c->n_rows * elt));
      CHUNK_COL (c, job->role) = NULL;
    }
  HK_COLUMN_DATA (job->ds, job->table, job->role) = out;
}

/* The last column, in position order: an index of each position's row, made
 * from the positions, which then go. Its output fills page after page while
 * the index is given back page after page, so the chunks' positions, the
 * index and the whole output are never held at once: at 100 million rows a
 * scatter's peak was every column, the positions and this one twice. An
 * 8-byte column of one or two chunks, revenue in paise included. */
typedef struct {
  const ScatterJob *job;
  guint32          *index;   /* per position: its row, over the chunks */
  guint64          *out;
  guint             from, to;
} Gather;

static gpointer
gather_range (gpointer data)
{
  Gather *g = data;
  const ScatterJob *job = g->job;
  guint n0 = job->chunks[0]->n_rows;
  gboolean cents = is_revenue (job) && job->chunks[0]->cents != NULL;
  const guint64 *in[2] = { NULL, NULL };
  const gint32 *paise[2] = { NULL, NULL };
  const gsize step = (gsize) 1 << 19; /* 2 MiB of index */

  for (guint k = 0; k < job->n_chunks; k++)
    {
      in[k] = CHUNK_COL (job->chunks[k], job->role);
      paise[k] = job->chunks[k]->cents;
    }
  for (gsize p0 = g->from; p0 < g->to; p0 += step)
    {
      gsize p1 = MIN (p0 + step, g->to);

      /* The second chunk's rows are numbered from n0. */
#define GATHER(STORE) \
      for (gsize p = p0; p < p1; p++) \
        { \
          guint32 s = g->index[p]; \
          guint k = s >= n0; \
          guint32 r = s - (k ? n0 : 0); \
          STORE; \
        }
      if (cents)
        GATHER (((double *) g->out)[p] = paise[k][r] / 100.0)
      else
        GATHER (g->out[p] = in[k][r])
#undef GATHER
      hk_big_release (g->index, p0 * sizeof (guint32), p1 * sizeof (guint32));
    }
  return NULL;
}

/* The index for gather_column(); the chunks' positions are freed. */
static guint32 *
index_positions (ScatterJob *job)
{
  guint32 *index = hk_big_alloc_dirty ((gsize) MAX (job->n_total, 1) * sizeof (guint32));
  guint base = 0;

  for (guint k = 0; k < job->n_chunks; base += job->chunks[k++]->n_rows)
    {
      Chunk *c = job->chunks[k];

      /* Skipped rows went to position n_total: no place in the index. */
      for (guint r = 0; r < c->n_rows; r++)
        if (c->group[r] < job->n_total)
          index[c->group[r]] = base + r;
      g_clear_pointer (&c->group, hk_big_free);
    }
  return index;
}

static void
gather_column (ScatterJob *job,
               guint32    *index,
               gboolean    parallel)
{
  guint n_total = job->n_total;
  /* Fresh pages, each touched as the output fills. */
  guint64 *out = hk_big_alloc ((gsize) (n_total + 1) * sizeof (guint64));
  Gather halves[2] = {
    { job, index, out, 0, n_total / 2 },
    { job, index, out, n_total / 2, n_total },
  };

  /* Both chunks alike: paise, or as stored. */
  if (is_revenue (job) && job->n_chunks == 2 && (job->chunks[0]->cents == NULL) != (job->chunks[1]->cents == NULL))
    for (guint k = 0; k < 2; k++)
      if (job->chunks[k]->cents)
        _hk_import_revenue_to_doubles (job->chunks[k], job->chunks[k]->n_rows);
  hk_run_halves ("hk-import-gather", gather_range, &halves[0], &halves[1], parallel && n_total >= (1u << 20));
  HK_COLUMN_DATA (job->ds, job->table, job->role) = out;
  hk_big_free (index);
  for (guint k = 0; k < job->n_chunks; k++)
    {
      g_clear_pointer (&CHUNK_COL (job->chunks[k], job->role), hk_big_free);
      g_clear_pointer (&job->chunks[k]->cents, hk_big_free);
    }
}

static int
compare_jobs (gconstpointer a,
              gconstpointer b)
{
  const ScatterJob *ja = *(ScatterJob **) a, *jb = *(ScatterJob **) b;

  return (int) hk_column_storage[ja->table][ja->role].elt - (int) hk_column_storage[jb->table][jb->role].elt;
}

/* User ids stay numbers when every part of tracking kept one form: one
 * prefix, and as many digits in each id when any has a leading zero. Else
 * the parts' numbers go to their pools, as ids. */
static void
settle_users (HkDataset *ds,
              Chunk    **chunks,
              guint      n_chunks)
{
  HkUserForm *form = &ds->user_form;
  const UserForm *first = NULL;
  gboolean numeric = TRUE, zero = FALSE;
  guint8 lo = 9, hi = 0;
  guint32 max_code = 0;

  for (guint k = 0; k < n_chunks; k++)
    {
      const UserForm *u = &chunks[k]->user_form;

      if (!u->numeric || !u->set)
        {
          numeric = numeric && u->numeric;
          continue;
        }
      if (first == NULL)
        first = u;
      else if (u->form.prefix_len != first->form.prefix_len ||
               memcmp (u->form.prefix, first->form.prefix, first->form.prefix_len) != 0)
        numeric = FALSE;
      zero = zero || u->zero;
      lo = MIN (lo, u->min_digits);
      hi = MAX (hi, u->max_digits);
      max_code = MAX (max_code, u->max_code);
    }
  if (numeric && !(zero && lo != hi))
    {
      if (first != NULL)
        *form = user_form_settled (first);
      form->numeric = TRUE;
      form->width = zero ? hi : 0;
      form->n_codes = max_code + 1;
      return;
    }
  for (guint k = 0; k < n_chunks; k++)
    if (chunks[k]->user_form.numeric)
      {
        /* Its pool is empty, but may have been frozen. */
        hk_str_pool_free (chunks[k]->pools[HK_POOL_USER]);
        chunks[k]->pools[HK_POOL_USER] = hk_str_pool_new ();
        _hk_import_users_to_pool (chunks[k], chunks[k]->n_rows);
      }
}

/* Codes: every pool of every chunk, in file order, into the dataset's. A
 * chunk's pools are not needed once merged (but for its orphans' ids, see
 * lay_out_groups()). Numeric user ids need no map. */
static void
merge_codes (HkDataset *ds,
             Chunk    **chunks,
             guint      n_chunks,
             Remap     *remaps)
{
  for (guint k = 0; k < n_chunks; k++)
    for (guint p = 0; p < HK_N_POOLS; p++)
      {
        if (p == HK_POOL_ORPHAN_ID || (p == HK_POOL_USER && ds->user_form.numeric))
          continue;
        if (hk_str_pool_get_size (chunks[k]->pools[p]) > 1)
          remaps[k].map[p] = merge_pool (&ds->pools[p], &chunks[k]->pools[p], p == HK_POOL_USER);
        else
          remaps[k].map[p] = hk_big_alloc (sizeof (guint32));
        g_clear_pointer (&chunks[k]->pools[p], hk_str_pool_free);
      }
}

/* Counting sort: the rows of each group, then where each goes, which
 * replaces its group; skipped rows go after the last row. Returns the group
 * starts and, in *n_kept, the rows kept. */
static guint *
lay_out_groups (HkDataset *ds,
                Chunk    **chunks,
                guint      n_chunks,
                guint32  **orphan_ids,
                guint     *n_kept)
{
  guint n_groups = ds->n_influencers + 2;
  guint *start, *cursor;
  guint n_total, o = 0;

  start = g_new0 (guint, n_groups + 1);
  for (guint k = 0; k < n_chunks; k++)
    for (guint r = 0; r < chunks[k]->n_rows; r++)
      {
        guint32 g = chunks[k]->group[r];
        if (g != GROUP_SKIP)
          start[MIN (g, n_groups - 1) + 1]++;
      }
  for (guint g = 0; g < n_groups; g++)
    start[g + 1] += start[g];
  n_total = start[n_groups];
  cursor = g_memdup2 (start, sizeof (guint) * n_groups);
  *orphan_ids = g_new (guint32, MAX (1, start[n_groups] - start[n_groups - 1]));
  for (guint k = 0; k < n_chunks; k++)
    for (guint r = 0; r < chunks[k]->n_rows; r++)
      {
        guint32 g = chunks[k]->group[r];

        if (g == GROUP_SKIP)
          {
            chunks[k]->group[r] = n_total;
            continue;
          }
        if (g >= n_groups - 1)
          {
            const char *id = hk_str_pool_get (chunks[k]->pools[HK_POOL_ORPHAN_ID], g - (n_groups - 1));
            (*orphan_ids)[o++] = hk_str_pool_intern (ds->pools[HK_POOL_ORPHAN_ID], id, strlen (id));
            g = n_groups - 1;
          }
        chunks[k]->group[r] = cursor[g]++;
      }
  g_free (cursor);
  *n_kept = n_total;
  return start;
}

/* The known columns, a job each, smallest first: each job's output takes the
 * pages the jobs before it freed (hk_big_alloc_dirty()), so little fresh
 * memory is touched (the kernel zeroes each page, slowly on these VMs).
 * Returns the last job when it is left for gather_column(). */
static ScatterJob *
scatter_columns (HkDataset *ds,
                 HkTable    table,
                 Chunk    **chunks,
                 guint      n_chunks,
                 Remap     *remaps,
                 guint      n_total,
                 gboolean   grouped,
                 gboolean   parallel)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_free);
  ScatterJob *last = NULL;

  for (guint r = 0; r < HK_MAX_ROLES; r++)
    {
      ScatterJob *job;

      if (!_hk_import_chunk_has_column (chunks[0], r))
        {
          /* The dataset has tracking brands all the same: zeros, to be
           * derived. */
          if (table == HK_TABLE_TRACKING && r == TRK_BRAND)
            HK_COLUMN_DATA (ds, table, r) = hk_big_alloc ((gsize) (n_total + 1) * hk_column_storage[table][r].elt);
          continue;
        }
      job = g_new0 (ScatterJob, 1);
      *job = (ScatterJob) { table, r, chunks, n_chunks, remaps, ds, n_total, grouped };
      g_ptr_array_add (jobs, job);
    }
  g_ptr_array_sort (jobs, compare_jobs);
  /* The last, largest column is gathered after the unknown columns, if it
   * can be (see gather_column()): always tracking's revenue, which has two
   * parts at most. */
  if (grouped && jobs->len > 0 && n_chunks <= 2 &&
      hk_column_storage[table][((ScatterJob *) jobs->pdata[jobs->len - 1])->role].elt == 8)
    last = g_ptr_array_steal_index (jobs, jobs->len - 1);
  for (guint i = 0; i < jobs->len; i++)
    scatter_column (jobs->pdata[i], parallel);
  return last;
}

/* Unknown columns: one pool each, the first chunk's. */
static void
merge_extras (HkTableData   *td,
              const Header  *h,
              Chunk        **chunks,
              guint          n_chunks,
              guint          n_total,
              gboolean       grouped)
{
  td->extras = g_ptr_array_new ();
  for (guint e = 0; e < h->extra_fields->len; e++)
    {
      HkExtraColumn *col = g_new0 (HkExtraColumn, 1);
      g_autofree guint32 **maps = g_new (guint32 *, n_chunks);
      guint pos = 0;

      col->name = g_strdup (h->written[g_array_index (h->extra_fields, guint, e)]);
      col->pool = hk_str_pool_new ();
      /* The whole pool first: it sets the width of the codes. */
      for (guint k = 0; k < n_chunks; k++)
        maps[k] = merge_pool (&col->pool, &chunks[k]->extra_pools[e], FALSE);
      col->width = hk_extra_column_width (col);
      col->cells = hk_big_alloc_dirty ((gsize) (n_total + 1) * col->width);
      for (guint k = 0; k < n_chunks; k++)
        {
          Chunk *c = chunks[k];
          const guint32 *map = maps[k];

          /* As in scatter_column(). */
          for (guint r = 0; r < c->n_rows; r++)
            if (grouped)
              hk_extra_cell_set (col, c->group[r], map[c->extra_cells[e][r]]);
            else if (c->group[r] != GROUP_SKIP)
              hk_extra_cell_set (col, pos++, map[c->extra_cells[e][r]]);
          hk_big_free (maps[k]);
          /* For the next column's pages, as in scatter_column(). */
          hk_big_free (hk_big_shrink (g_steal_pointer (&c->extra_cells[e]), (gsize) c->n_rows * sizeof (guint32)));
        }
      g_ptr_array_add (td->extras, col);
    }
}

/* The columns kept, in file order: ignored ones are not written back. */
static void
keep_header (HkTableData  *td,
             const Header *h)
{
  td->header = g_ptr_array_new_with_free_func (g_free);
  for (guint r = 0; r < HK_MAX_ROLES; r++)
    td->field_of_role[r] = -1;
  for (guint f = 0; f < h->n_fields; f++)
    {
      if (h->written[f] == NULL)
        continue;
      for (guint r = 0; r < HK_MAX_ROLES; r++)
        if (h->field[r] == (int) f)
          td->field_of_role[r] = (int) td->header->len;
      g_ptr_array_add (td->header, g_strdup (h->written[f]));
    }
}

/* Lays one table out in the dataset: posts, tracking and payouts grouped by
 * influencer, the small tables in file order. Returns the group starts.
 * parallel: whether to use a second thread (none is idle while the other
 * thread still reads tracking). */
guint *
_hk_import_merge_table (Import   *imp,
                        HkTable   table,
                        Chunk   **chunks,
                        guint     n_chunks,
                        guint32 **orphan_ids,
                        gboolean  parallel)
{
  HkDataset *ds = imp->ds;
  HkTableData *td = &ds->tables[table];
  const Header *h = &imp->headers[table];
  gboolean grouped = table == HK_TABLE_POSTS || table == HK_TABLE_TRACKING || table == HK_TABLE_PAYOUTS;
  g_autofree Remap *remaps = g_new0 (Remap, n_chunks);
  guint *start = NULL;
  guint n_total = 0;
  ScatterJob *last;
  guint32 *index;

  if (table == HK_TABLE_TRACKING)
    settle_users (ds, chunks, n_chunks);
  merge_codes (ds, chunks, n_chunks, remaps);
  if (table == HK_TABLE_TRACKING)
    _hk_import_debug_phase (imp, "  pools");

  if (grouped)
    start = lay_out_groups (ds, chunks, n_chunks, orphan_ids, &n_total);
  else
    for (guint k = 0; k < n_chunks; k++)
      for (guint r = 0; r < chunks[k]->n_rows; r++)
        n_total += chunks[k]->group[r] != GROUP_SKIP;
  if (table == HK_TABLE_TRACKING)
    _hk_import_debug_phase (imp, "  groups");

  /* Each column's output takes the pages of those freed before it; the
   * unknown columns first, whose parts' 4-byte codes usually shrink to 2. */
  hk_big_recycle_begin ();
  merge_extras (td, h, chunks, n_chunks, n_total, grouped);
  last = scatter_columns (ds, table, chunks, n_chunks, remaps, n_total, grouped, parallel);
  index = last ? index_positions (last) : NULL;
  /* The positions' pages, and any the columns left, go back here. */
  hk_big_recycle_end ();
  if (last)
    gather_column (last, index, parallel);
  g_free (last);
  if (table == HK_TABLE_TRACKING)
    _hk_import_debug_phase (imp, "  scatter");
  /* Every row is in place: the positions can go before the tables after. */
  for (guint k = 0; k < n_chunks; k++)
    g_clear_pointer (&chunks[k]->group, hk_big_free);
  keep_header (td, h);
  td->present = TRUE;
  td->file_name = g_strdup (imp->sources[table].name);
  td->n_rows = n_total;

  for (guint k = 0; k < n_chunks; k++)
    {
      for (guint p = 0; p < HK_N_POOLS; p++)
        hk_big_free (remaps[k].map[p]);
      hk_text_arena_seal (chunks[k]->text);
      g_ptr_array_add (ds->texts, g_steal_pointer (&chunks[k]->text));
    }
  return start;
}

/* What goes between "file:line" and a problem's text: nothing before a
 * reader's ":COLUMN: message", else ": " (a text may start with a digit:
 * "5 fields where the header has 6"). */
static const char *
position_separator (const char *text)
{
  return text[0] == ':' ? "" : ": ";
}

/* Problems, rows and fatal errors of a table's chunks into the report. */
void
_hk_import_report_chunks (Import  *imp,
                          HkTable  table,
                          Chunk  **chunks,
                          guint    n_chunks)
{
  const char *file = imp->sources[table].name;

  for (guint k = 0; k < n_chunks; k++)
    hk_import_report_add_rows (imp->report, table, chunks[k]->rows_read, chunks[k]->rows_skipped);

  /* Kinds in the order one reader would meet them, however the file was
   * split: the problems of each part, then those _hk_import_settle_dates() found once
   * the whole column was read, then a fatal error (only the last part read
   * can have one: it ends the file). */
  for (guint pass = 0; pass < 2; pass++)
    for (guint k = 0; k < n_chunks; k++)
      {
        Chunk *c = chunks[k];

        for (guint i = 0; i < c->problems->len; i++)
          {
            Problem *p = c->problems->pdata[i];

            if (g_str_equal (p->kind, "date/order") != (pass == 1))
              continue;
            for (guint j = 0; j < p->n_first; j++)
              {
                g_autofree char *msg = g_strdup_printf ("%s:%" G_GUINT64_FORMAT "%s%s", file,
                                                        p->line[j] + c->line_base,
                                                        position_separator (p->text[j]),
                                                        p->text[j]);
                hk_import_report_add_problem (imp->report, table, p->kind, 1, msg);
              }
            if (p->count > p->n_first)
              hk_import_report_add_problem (imp->report, table, p->kind, p->count - p->n_first, NULL);
          }
      }
  for (guint k = 0; k < n_chunks; k++)
    {
      Chunk *c = chunks[k];

      if (c->fatal)
        {
          g_autofree char *msg = g_strdup_printf (_("%s:%" PRIu64 "%s%s; the rows after it are not read"),
                                                  file, (uint64_t) (c->fatal_line + c->line_base),
                                                  position_separator (c->fatal), c->fatal);
          hk_import_report_add_problem (imp->report, table, "file/fatal", 1, msg);
        }
    }
}
