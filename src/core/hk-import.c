/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"
/* RUSAGE_THREAD */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "hk-big.h"
#include "hk-csv-reader-private.h"
#include "hk-dataset-private.h"
#include "hk-date.h"
#include "hk-import.h"
#include "hk-parse.h"
#include "hk-text-arena.h"

G_DEFINE_QUARK (hk-import-error-quark, hk_import_error)

/* ------------------------------------------------------------------------ */
/* What the columns of each table are called                                */

#define MAX_ROLES HK_MAX_ROLES

typedef struct {
  const char *names[5]; /* normalized headers that mean this column */
  gboolean    required;
} RoleSpec;

#define DATE_NAMES "date", "post_date", "transaction_date", "order_date"

static const RoleSpec inf_roles[N_INF_ROLES] = {
  [INF_ID]        = { { "id", "influencer_id" }, TRUE },
  [INF_NAME]      = { { "name" }, TRUE },
  [INF_CATEGORY]  = { { "category" }, TRUE },
  [INF_GENDER]    = { { "gender" }, TRUE },
  [INF_FOLLOWERS] = { { "follower_count", "followers" }, TRUE },
  [INF_PLATFORM]  = { { "platform" }, TRUE },
  [INF_CITY]      = { { "city" }, FALSE },
  [INF_AGE_GROUP] = { { "age_group" }, FALSE },
  [INF_PERSONA]   = { { "persona" }, FALSE },
};

static const RoleSpec post_roles[N_POST_ROLES] = {
  [POST_INFLUENCER] = { { "influencer_id" }, TRUE },
  [POST_PLATFORM]   = { { "platform" }, TRUE },
  [POST_DATE]       = { { DATE_NAMES }, TRUE },
  [POST_URL]        = { { "url", "post_url" }, TRUE },
  [POST_CAPTION]    = { { "caption" }, TRUE },
  [POST_REACH]      = { { "reach" }, TRUE },
  [POST_LIKES]      = { { "likes" }, TRUE },
  [POST_COMMENTS]   = { { "comments" }, TRUE },
  [POST_ID]         = { { "post_id" }, FALSE },
  [POST_BRAND]      = { { "brand" }, FALSE },
  [POST_CAMPAIGN]   = { { "campaign" }, FALSE },
};

static const RoleSpec trk_roles[N_TRK_ROLES] = {
  [TRK_SOURCE]     = { { "source" }, TRUE },
  [TRK_CAMPAIGN]   = { { "campaign" }, TRUE },
  [TRK_INFLUENCER] = { { "influencer_id" }, TRUE },
  [TRK_USER]       = { { "user_id" }, TRUE },
  [TRK_PRODUCT]    = { { "product" }, TRUE },
  [TRK_DATE]       = { { DATE_NAMES }, TRUE },
  [TRK_ORDERS]     = { { "orders" }, TRUE },
  [TRK_REVENUE]    = { { "revenue" }, TRUE },
  [TRK_BRAND]      = { { "brand" }, FALSE },
  [TRK_CITY]       = { { "city" }, FALSE },
  [TRK_AB]         = { { "ab_group" }, FALSE },
};

static const RoleSpec pay_roles[N_PAY_ROLES] = {
  [PAY_INFLUENCER] = { { "influencer_id" }, TRUE },
  [PAY_BASIS]      = { { "basis" }, TRUE },
  [PAY_RATE]       = { { "rate" }, TRUE },
  [PAY_ORDERS]     = { { "orders" }, TRUE },
  [PAY_TOTAL]      = { { "total_payout" }, TRUE },
  [PAY_POSTS]      = { { "posts", "posts_count" }, FALSE },
  [PAY_CAMPAIGN]   = { { "campaign" }, FALSE },
  [PAY_BRAND]      = { { "brand" }, FALSE },
};

static const RoleSpec ho_roles[N_HO_ROLES] = {
  [HO_CAMPAIGN] = { { "campaign" }, TRUE },
  [HO_GROUP]    = { { "group" }, TRUE },
  [HO_USERS]    = { { "users" }, TRUE },
  [HO_BRAND]    = { { "brand" }, FALSE },
  [HO_START]    = { { "start_date" }, FALSE },
  [HO_END]      = { { "end_date" }, FALSE },
};

static const struct {
  const RoleSpec *roles;
  guint           n_roles;
  const char     *files[3]; /* lower-case file names, preferred first */
} tables[HK_N_TABLES] = {
  [HK_TABLE_INFLUENCERS] = { inf_roles, N_INF_ROLES, { "influencers.csv", "influencers_data.csv" } },
  [HK_TABLE_POSTS]       = { post_roles, N_POST_ROLES, { "posts.csv", "posts_data.csv" } },
  [HK_TABLE_TRACKING]    = { trk_roles, N_TRK_ROLES, { "tracking_data.csv", "tracking.csv" } },
  [HK_TABLE_PAYOUTS]     = { pay_roles, N_PAY_ROLES, { "payouts.csv", "payouts_data.csv" } },
  [HK_TABLE_HOLDOUT]     = { ho_roles, N_HO_ROLES, { "holdout_groups.csv" } },
};

/* ------------------------------------------------------------------------ */
/* The import as a whole                                                    */

typedef struct {
  char    *path;  /* NULL when from memory */
  GBytes  *bytes;
  char    *name;  /* the file name in messages */
  goffset  size;
  char    *problem; /* why a file of the table's name cannot be read */
} Source;

typedef struct {
  HkTable     table;
  int         field[MAX_ROLES];   /* field index of each role, -1 when absent */
  guint       n_fields;
  GArray     *extra_fields;       /* guint field indices of unknown columns kept */
  guint       n_ignored;          /* unknown columns past HK_IMPORT_MAX_EXTRA_COLUMNS */
  char      **written;            /* header cells as written, by field; NULL: ignored */
  HkCsvReader *reader;            /* positioned after the header */
} Header;

typedef struct {
  HkDataset      *ds;
  HkImportReport *report;
  Source          sources[HK_N_TABLES];
  Header          headers[HK_N_TABLES];
  GCancellable   *cancellable;
  HkProgressFunc  progress;
  gpointer        progress_data;
  goffset         total_bytes;
  gssize          bytes_done;     /* atomic: bytes parsed by every thread */
  double          last_progress;
  gint64          phase_start;    /* for the phase timings in debug output */

  /* Influencer ids are usually numbers: when every id that is one (written
   * the one way, as "42") lies in a range not much larger than their count,
   * the group of each number in the range, G_MAXUINT32 for none. References
   * then find their influencer without hashing (see resolve_group()). */
  guint32        *group_of_number;
  guint64         first_number;
  guint64         n_numbers;

  /* Without influencers every reference is an orphan: none is reported, but
   * the other tables are still read for the report (`check`). */
  gboolean        no_influencers;
} Import;

/* Microseconds of CPU time the calling thread has used, in the kernel (page
 * faults, mostly) in *sys. */
static gint64
thread_cpu_time (gint64 *sys)
{
  struct rusage ru;

  *sys = 0;
#ifdef RUSAGE_THREAD
  if (getrusage (RUSAGE_THREAD, &ru) != 0)
#endif
    return 0;
  *sys = (gint64) ru.ru_stime.tv_sec * G_USEC_PER_SEC + ru.ru_stime.tv_usec;
  return *sys + (gint64) ru.ru_utime.tv_sec * G_USEC_PER_SEC + ru.ru_utime.tv_usec;
}

/* With G_MESSAGES_DEBUG=HkCore, how long each phase took, the resident
 * memory after it and the peak so far: the figures bench/README.md
 * discusses. */
static void
debug_phase (Import     *imp,
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
/* A chunk: the rows of one table (or one part of the tracking file) that one */
/* thread reads, with its own pools so threads never share a writable pool.  */

#define N_FIRST HK_REPORT_MESSAGES_PER_KIND

typedef struct {
  char    *kind;
  guint64  count;
  guint    n_first;
  guint64  line[N_FIRST];
  char    *text[N_FIRST]; /* the message after "file:line: " */
} Problem;

/* Per date column: which readings the column's cells allow. */
typedef struct {
  gboolean any_ambiguous;
  gboolean any_day_only;
  gboolean any_month_only;
  GArray  *month_only;     /* MonthOnly: cells that read only month-first */
  char     last[12];       /* the last unambiguous cell and its day: files */
  gsize    last_len;       /* sorted by date repeat it row after row */
  gint32   last_day;
} DateState;

typedef struct {
  guint   row;
  guint64 line;
  char   *text;            /* kept for the first few only */
} MonthOnly;

/* An ambiguous D/M/YYYY cell waits encoded until its column is decided. Day
 * numbers of years 1..9999 lie within ±2^22, so encoded values never collide. */
#define AMBIGUOUS_DATE (1 << 29)
#define ENCODE_DATE(y, a, b) (AMBIGUOUS_DATE | ((y) << 10) | ((a) << 5) | (b))

#define GROUP_SKIP G_MAXUINT32

typedef struct {
  Import       *imp;
  HkTable       table;
  const Header *hdr;
  HkCsvReader  *reader;
  goffset       start_offset;
  guint64       line_base;   /* added to the reader's lines in messages */
  guint64       line;        /* of the current record, relative */
  const char   *record;      /* the current record (see cell()) */
  const HkCsvField *fields;
  int           field[MAX_ROLES]; /* the header's, at hand */

  HkStrPool    *pools[HK_N_POOLS];
  HkTextArena  *text;
  guint         n_rows;
  guint         cap;
  guint32      *group;       /* influencer | n_inf (unattributed) | n_inf + 1 + orphan code */

  /* columns; each table fills its own */
  guint32      *id;
  const char  **name;
  guint32      *category, *gender, *platform, *city, *age_group, *persona;
  double       *followers;
  guint64      *inf_line;
  gint32       *date;
  const char  **post_id, **url, **caption;
  double       *reach, *likes, *comments;
  guint32      *brand, *campaign;
  gint32       *orders;
  double       *revenue;
  guint32      *product, *user;
  guint16      *source16, *brand16, *city16;
  guint8       *flags;
  guint8       *basis;
  double       *rate, *pay_orders, *pay_posts, *total;
  guint8       *ab;
  double       *users;
  gint32       *start, *end;

  guint         n_extras;
  guint         extra_cap;   /* rows extra_cells hold: grown with the rows */
  HkStrPool   **extra_pools;
  guint32     **extra_cells;

  /* User ids wait here to be interned in batches (see hk_str_pool_intern_batch):
   * a pool of millions of users is interned at memory speed that way. */
  guint         n_users;
  guint         user_row[256];
  guint32       user_len[256];
  const char   *user_str[256];
  gsize         user_text_used;
  char          user_text[256 * 24];

  DateState     dates[2];    /* posts/tracking: [0]; holdout: start [0], end [1] */
  GPtrArray    *problems;
  guint64       rows_read;
  guint64       rows_skipped;
  char         *fatal;       /* message after "file:line: ", ends the file */
  guint64       fatal_line;
  gboolean      cancelled;
  gboolean      done;        /* reached the end of its range */
  gint64        read_time;   /* microseconds in chunk_read(), for debug output: */
  gint64        read_cpu;    /* wall-clock and the thread's CPU time, */
  gint64        read_sys;    /* of which in the kernel */
} Chunk;

typedef struct {
  gsize  chunk_offset;
  guint  elt;
  int    pool;       /* HkPool to remap codes through, or -1 */
  gsize  ds_offset;
} ColumnMap;

#define CHUNK_COL(c, m)  (*(void **) ((char *) (c) + (m)->chunk_offset))
#define DS_COL(ds, m)    (*(void **) ((char *) (ds) + (m)->ds_offset))

#define COL(chunk_field, elt, pool, ds_field) \
  { offsetof (Chunk, chunk_field), elt, pool, offsetof (HkDataset, ds_field) }

static const ColumnMap post_columns[] = {
  COL (date, 4, -1, post_date),
  COL (platform, 4, HK_POOL_PLATFORM, post_platform),
  COL (post_id, sizeof (char *), -1, post_id),
  COL (url, sizeof (char *), -1, post_url),
  COL (caption, sizeof (char *), -1, post_caption),
  COL (reach, 8, -1, post_reach),
  COL (likes, 8, -1, post_likes),
  COL (comments, 8, -1, post_comments),
  COL (brand, 4, HK_POOL_BRAND, post_brand),
  COL (campaign, 4, HK_POOL_CAMPAIGN, post_campaign),
};

static const ColumnMap trk_columns[] = {
  COL (date, 4, -1, trk_date),
  COL (orders, 4, -1, trk_orders),
  COL (revenue, 8, -1, trk_revenue),
  COL (campaign, 4, HK_POOL_CAMPAIGN, trk_campaign),
  COL (product, 4, HK_POOL_PRODUCT, trk_product),
  COL (user, 4, HK_POOL_USER, trk_user),
  COL (source16, 2, HK_POOL_SOURCE, trk_source),
  COL (brand16, 2, HK_POOL_BRAND, trk_brand),
  COL (city16, 2, HK_POOL_CITY, trk_city),
  COL (flags, 1, -1, trk_flags),
};

static const ColumnMap pay_columns[] = {
  COL (basis, 1, -1, pay_basis),
  COL (rate, 8, -1, pay_rate),
  COL (pay_orders, 8, -1, pay_orders),
  COL (pay_posts, 8, -1, pay_posts),
  COL (total, 8, -1, pay_total),
  COL (campaign, 4, HK_POOL_CAMPAIGN, pay_campaign),
  COL (brand, 4, HK_POOL_BRAND, pay_brand),
};

/* Columns of the small tables, kept in file order. */
static const ColumnMap inf_columns[] = {
  COL (id, 4, HK_POOL_ID, inf_id),
  COL (name, sizeof (char *), -1, inf_name),
  COL (category, 4, HK_POOL_CATEGORY, inf_category),
  COL (gender, 4, HK_POOL_GENDER, inf_gender),
  COL (platform, 4, HK_POOL_PLATFORM, inf_platform),
  COL (city, 4, HK_POOL_CITY, inf_city),
  COL (age_group, 4, HK_POOL_AGE_GROUP, inf_age_group),
  COL (persona, 4, HK_POOL_PERSONA, inf_persona),
  COL (followers, 8, -1, inf_followers),
};

static const ColumnMap ho_columns[] = {
  COL (campaign, 4, HK_POOL_CAMPAIGN, ho_campaign),
  COL (brand, 4, HK_POOL_BRAND, ho_brand),
  COL (ab, 1, -1, ho_group),
  COL (users, 8, -1, ho_users),
  COL (start, 4, -1, ho_start),
  COL (end, 4, -1, ho_end),
};

static const struct {
  const ColumnMap *map;
  guint            n;
} column_maps[HK_N_TABLES] = {
  [HK_TABLE_INFLUENCERS] = { inf_columns, G_N_ELEMENTS (inf_columns) },
  [HK_TABLE_POSTS]       = { post_columns, G_N_ELEMENTS (post_columns) },
  [HK_TABLE_TRACKING]    = { trk_columns, G_N_ELEMENTS (trk_columns) },
  [HK_TABLE_PAYOUTS]     = { pay_columns, G_N_ELEMENTS (pay_columns) },
  [HK_TABLE_HOLDOUT]     = { ho_columns, G_N_ELEMENTS (ho_columns) },
};

static gboolean
chunk_has_column (const Chunk     *c,
                  const ColumnMap *m)
{
  const Header *h = c->hdr;

  /* Optional columns with no cells in the file are not stored at all (see
   * merge_table() for tracking brands, which are all derived then). */
  if (m->chunk_offset == offsetof (Chunk, city16))
    return h->field[TRK_CITY] >= 0;
  if (m->chunk_offset == offsetof (Chunk, brand16))
    return h->field[TRK_BRAND] >= 0;
  if (m->chunk_offset == offsetof (Chunk, post_id))
    return h->field[POST_ID] >= 0;
  return TRUE;
}

static void
chunk_reserve (Chunk *c,
               guint  rows)
{
  const ColumnMap *maps = column_maps[c->table].map;

  c->group = c->group ? hk_big_realloc (c->group, rows * sizeof (guint32))
                      : hk_big_alloc (rows * sizeof (guint32));
  for (guint i = 0; i < column_maps[c->table].n; i++)
    {
      const ColumnMap *m = &maps[i];
      void **col = &CHUNK_COL (c, m);

      if (!chunk_has_column (c, m))
        continue;
      *col = *col ? hk_big_realloc (*col, (gsize) rows * m->elt)
                  : hk_big_alloc ((gsize) rows * m->elt);
    }
  if (c->table == HK_TABLE_INFLUENCERS)
    c->inf_line = c->inf_line ? hk_big_realloc (c->inf_line, rows * sizeof (guint64))
                              : hk_big_alloc (rows * sizeof (guint64));
  c->cap = rows;
}

/* Unknown columns grow with the rows actually read, not with the guess from
 * the file's size: a wide file has few rows for its size. */
static void
chunk_reserve_extras (Chunk *c,
                      guint  rows)
{
  for (guint i = 0; i < c->n_extras; i++)
    c->extra_cells[i] = c->extra_cells[i] ? hk_big_realloc (c->extra_cells[i], rows * sizeof (guint32))
                                          : hk_big_alloc (rows * sizeof (guint32));
  c->extra_cap = rows;
}

static Chunk *
chunk_new (Import       *imp,
           HkTable       table,
           HkCsvReader  *reader,
           goffset       bytes)
{
  Chunk *c = g_new0 (Chunk, 1);
  const Header *h = &imp->headers[table];

  c->imp = imp;
  c->table = table;
  c->hdr = h;
  memcpy (c->field, h->field, sizeof c->field);
  c->reader = reader;
  for (guint p = 0; p < HK_N_POOLS; p++)
    c->pools[p] = hk_str_pool_new ();
  c->text = hk_text_arena_new ();
  c->n_extras = h->extra_fields->len;
  c->extra_pools = g_new0 (HkStrPool *, c->n_extras);
  c->extra_cells = g_new0 (guint32 *, c->n_extras);
  for (guint i = 0; i < c->n_extras; i++)
    c->extra_pools[i] = hk_str_pool_new ();
  for (guint i = 0; i < G_N_ELEMENTS (c->dates); i++)
    c->dates[i].month_only = g_array_new (FALSE, FALSE, sizeof (MonthOnly));
  c->problems = g_ptr_array_new ();
  /* Rows are rarely under 24 bytes; a low guess only costs a copy. */
  chunk_reserve (c, MAX (64, bytes / 24));
  chunk_reserve_extras (c, 64);
  return c;
}

static void
problem_free (Problem *p)
{
  g_free (p->kind);
  for (guint i = 0; i < p->n_first; i++)
    g_free (p->text[i]);
  g_free (p);
}

static void
chunk_free_columns (Chunk *c)
{
  const ColumnMap *maps = column_maps[c->table].map;

  for (guint i = 0; i < column_maps[c->table].n; i++)
    g_clear_pointer (&CHUNK_COL (c, &maps[i]), hk_big_free);
  g_clear_pointer (&c->group, hk_big_free);
  g_clear_pointer (&c->inf_line, hk_big_free);
  for (guint i = 0; i < c->n_extras; i++)
    g_clear_pointer (&c->extra_cells[i], hk_big_free);
}

static void
chunk_free (Chunk *c)
{
  if (c == NULL)
    return;
  chunk_free_columns (c);
  for (guint p = 0; p < HK_N_POOLS; p++)
    hk_str_pool_free (c->pools[p]);
  hk_text_arena_free (c->text);
  for (guint i = 0; i < c->n_extras; i++)
    hk_str_pool_free (c->extra_pools[i]);
  g_free (c->extra_pools);
  g_free (c->extra_cells);
  for (guint i = 0; i < G_N_ELEMENTS (c->dates); i++)
    {
      GArray *mo = c->dates[i].month_only;

      for (guint j = 0; j < mo->len; j++)
        g_free (g_array_index (mo, MonthOnly, j).text);
      g_array_unref (mo);
    }
  g_ptr_array_set_free_func (c->problems, (GDestroyNotify) problem_free);
  g_ptr_array_unref (c->problems);
  g_clear_pointer (&c->reader, hk_csv_reader_free);
  g_free (c->fatal);
  g_free (c);
}

/* ------------------------------------------------------------------------ */
/* Problems                                                                 */

/* A cell of the current record, by role (which the file must have): read in
 * place from the reader's fields, never copied. */
static inline const char *
cell (const Chunk *c,
      guint        role)
{
  return c->record + c->fields[c->field[role]].start;
}

static inline gsize
cell_len (const Chunk *c,
          guint        role)
{
  return c->fields[c->field[role]].len;
}

/* A cell as shown in a message: one line, at most 40 characters. */
static char *
display_value (const char *str,
               gsize       len)
{
  g_autofree char *copy = g_strndup (str, len);
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = copy; *p && n < 40; p = g_utf8_next_char (p), n++)
    {
      gunichar ch = g_utf8_get_char (p);
      g_string_append_unichar (out, g_unichar_iscntrl (ch) ? ' ' : ch);
    }
  if (n == 40 && g_utf8_strlen (copy, -1) > 40)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

static Problem *
chunk_problem_kind (Chunk      *c,
                    const char *kind)
{
  Problem *p;

  for (guint i = 0; i < c->problems->len; i++)
    {
      p = c->problems->pdata[i];
      if (g_str_equal (p->kind, kind))
        return p;
    }
  p = g_new0 (Problem, 1);
  p->kind = g_strdup (kind);
  g_ptr_array_add (c->problems, p);
  return p;
}

static void chunk_problem (Chunk      *c,
                           guint64     line,
                           const char *kind,
                           const char *format,
                           ...) G_GNUC_PRINTF (4, 5);

static void
chunk_problem (Chunk      *c,
               guint64     line,
               const char *kind,
               const char *format,
               ...)
{
  Problem *p = chunk_problem_kind (c, kind);
  va_list args;

  p->count++;
  if (p->n_first == N_FIRST)
    return;
  va_start (args, format);
  p->line[p->n_first] = line;
  p->text[p->n_first] = g_strdup_vprintf (format, args);
  p->n_first++;
  va_end (args);
}

static const char *
header_of (const Chunk *c,
           guint        role)
{
  return c->hdr->written[c->hdr->field[role]];
}

/* A bad cell: the row is skipped and the problem counted. */
static gboolean
bad_cell (Chunk      *c,
          guint       role,
          const char *reason_kind,
          const char *reason)
{
  g_autofree char *kind = g_strdup_printf ("%s/%s", tables[c->table].roles[role].names[0], reason_kind);
  g_autofree char *value = NULL;

  const char *s = cell (c, role);
  gsize len = cell_len (c, role);

  /* A cell of spaces is empty too. */
  hk_trim (&s, &len);
  if (len == 0 || g_str_equal (reason_kind, "empty"))
    chunk_problem (c, c->line, kind, _("column \"%s\" is empty"), header_of (c, role));
  else
    {
      value = display_value (cell (c, role), cell_len (c, role));
      /* TRANSLATORS: column "revenue": "12,5x" is not a number */
      chunk_problem (c, c->line, kind, _("column \"%s\": \"%s\" %s"), header_of (c, role), value, reason);
    }
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Cells                                                                    */

static inline gboolean
has_role (const Chunk *c,
          guint        role)
{
  return c->field[role] >= 0;
}

static inline void
trimmed (const Chunk *c,
         guint        role,
         const char **str,
         gsize       *len)
{
  *str = cell (c, role);
  *len = cell_len (c, role);
  hk_trim (str, len);
}

typedef enum {
  NUMBER_ANY,        /* may be negative */
  NUMBER_COUNT,      /* not negative */
  NUMBER_WHOLE,      /* a whole number in 32 bits, may be negative */
} NumberRule;

static G_GNUC_NO_INLINE gboolean
number_cell_parse (Chunk      *c,
                   guint       role,
                   NumberRule  rule,
                   gboolean    optional,
                   double     *value)
{
  const char *s;
  gsize len;

  trimmed (c, role, &s, &len);
  if (len == 0)
    {
      if (!optional)
        return bad_cell (c, role, "empty", NULL);
      *value = NAN;
      return TRUE;
    }
  if (!hk_parse_double (s, len, value))
    return bad_cell (c, role, "number", _("is not a number"));
  if (rule == NUMBER_COUNT && *value < 0)
    return bad_cell (c, role, "negative", _("is negative"));
  if (rule == NUMBER_WHOLE && (*value != floor (*value) || fabs (*value) > G_MAXINT32))
    return bad_cell (c, role, "whole", _("is not a whole number"));
  if (*value == 0)
    *value = 0; /* no negative zero */
  return TRUE;
}

/* optional: an empty cell is NAN rather than a bad cell. Most cells are plain
 * digits (not negative, not -0): read inline, the others out of line. */
static inline gboolean
number_cell (Chunk      *c,
             guint       role,
             NumberRule  rule,
             gboolean    optional,
             double     *value)
{
  if (rule != NUMBER_WHOLE && hk_parse_plain_number (cell (c, role), cell_len (c, role), value))
    return TRUE;
  return number_cell_parse (c, role, rule, optional, value);
}

/* A whole number in 32 bits. Most cells are a few digits, read here; the
 * others (spaces, "2.0", "1e3", bad cells) take number_cell()'s way. */
static inline gboolean
whole_cell (Chunk  *c,
            guint   role,
            gint32 *value)
{
  const char *s = cell (c, role);
  gsize len = cell_len (c, role);
  gsize i = len > 0 && s[0] == '-';
  gint32 v = 0;
  double d;

  if (i < len && len <= 9)
    {
      for (; i < len && (guint) ((guchar) s[i] - '0') <= 9; i++)
        v = v * 10 + (s[i] - '0');
      if (i == len)
        {
          *value = s[0] == '-' ? -v : v;
          return TRUE;
        }
    }
  if (!number_cell (c, role, NUMBER_WHOLE, FALSE, &d))
    return FALSE;
  *value = (gint32) d;
  return TRUE;
}

static inline guint32
intern_cell (Chunk    *c,
             guint     role,
             HkPool    pool)
{
  const char *s;
  gsize len;

  if (!has_role (c, role))
    return 0;
  trimmed (c, role, &s, &len);
  return hk_str_pool_intern (c->pools[pool], s, len);
}

static inline guint16
intern_cell16 (Chunk    *c,
               guint     role,
               HkPool    pool)
{
  guint32 code = intern_cell (c, role, pool);

  if (code > HK_MAX_CODES16 && c->fatal == NULL)
    {
      c->fatal_line = c->line;
      c->fatal = g_strdup_printf (_("column \"%s\" has more than %u different values"),
                                  header_of (c, role), HK_MAX_CODES16);
    }
  return code;
}

static inline const char *
text_cell (Chunk *c,
           guint  role,
           gboolean trim)
{
  const char *s = cell (c, role);
  gsize len = cell_len (c, role);

  if (trim)
    hk_trim (&s, &len);
  if (len == 0)
    return "";
  return hk_text_arena_add (c->text, s, len);
}

/* The id of an influencer as the key of the influencers table or a reference. */
static inline gboolean
id_cell (Chunk       *c,
         guint        role,
         gboolean     may_be_empty,
         const char **id,
         gsize       *len)
{
  *id = hk_normalize_id (cell (c, role), cell_len (c, role), len);
  if (*len == 0 && !may_be_empty)
    return bad_cell (c, role, "empty", NULL);
  return TRUE;
}

/* The value of an id that is a number written the one way (digits, no
 * leading zero, at most 9), else G_MAXUINT64. */
static inline guint64
id_number (const char *id,
           gsize       len)
{
  guint64 value = 0;

  if (len == 0 || len > 9 || (id[0] == '0' && len > 1))
    return G_MAXUINT64;
  for (gsize i = 0; i < len; i++)
    {
      guint digit = (guchar) id[i] - '0';

      if (digit > 9)
        return G_MAXUINT64;
      value = value * 10 + digit;
    }
  return value;
}

/* The number of a referenced id when the import has a table of numbers, else
 * G_MAXUINT64, for resolve_group(). The table is read at a place hard to
 * predict, even when it is small (it competes with everything a row touches
 * for the cache): ask for it now, read it after the row's other cells. */
static inline guint64
prefetch_group (const Chunk *c,
                const char  *id,
                gsize        len)
{
  const Import *imp = c->imp;
  guint64 number;

  if (imp->group_of_number == NULL)
    return G_MAXUINT64;
  number = id_number (id, len);
  if (number - imp->first_number < imp->n_numbers)
    __builtin_prefetch (&imp->group_of_number[number - imp->first_number]);
  return number;
}

/* Resolves a referenced id to a group (number: from prefetch_group());
 * orphans intern their id locally. */
static inline guint32
resolve_group (Chunk      *c,
               const char *id,
               gsize       len,
               guint64     number)
{
  const Import *imp = c->imp;
  HkDataset *ds = imp->ds;
  guint32 code;

  if (len == 0)
    return HK_GROUP_UNATTRIBUTED (ds);
  /* Every influencer id that is such a number is in the table. */
  if (number != G_MAXUINT64)
    {
      if (number - imp->first_number < imp->n_numbers &&
          imp->group_of_number[number - imp->first_number] != G_MAXUINT32)
        return imp->group_of_number[number - imp->first_number];
      goto orphan;
    }
  code = hk_str_pool_lookup (ds->pools[HK_POOL_ID], id, len);
  if (code != HK_STR_NONE && ds->inf_of_id[code] != G_MAXUINT32)
    return ds->inf_of_id[code];
orphan:
  return HK_GROUP_ORPHANS (ds) + hk_str_pool_intern (c->pools[HK_POOL_ORPHAN_ID], id, len);
}

/* memcmp (a, b, len) == 0 for the short cells of dates, without a call:
 * two overlapping 8-byte loads for 8 to 16 bytes. */
static inline gboolean
same_bytes (const char *a,
            const char *b,
            gsize       len)
{
  guint64 a0, a1, b0, b1;

  if (len < 8 || len > 16)
    return memcmp (a, b, len) == 0;
  memcpy (&a0, a, 8);
  memcpy (&b0, b, 8);
  memcpy (&a1, a + len - 8, 8);
  memcpy (&b1, b + len - 8, 8);
  return a0 == b0 && a1 == b1;
}

static G_GNUC_NO_INLINE gboolean
date_cell_parse (Chunk   *c,
                 guint    role,
                 guint    state,
                 gboolean optional,
                 gint32  *day)
{
  DateState *ds = &c->dates[state];
  const char *s;
  gsize len;
  gint32 df, mf;

  trimmed (c, role, &s, &len);
  if (len == 0 && optional)
    {
      *day = HK_DAY_NONE;
      return TRUE;
    }
  if (len == 0)
    return bad_cell (c, role, "empty", NULL);
  if (len == ds->last_len && same_bytes (s, ds->last, len))
    {
      *day = ds->last_day;
      return TRUE;
    }

  switch (hk_date_parse (s, len, &df, &mf))
    {
    case HK_DATE_UNAMBIGUOUS:
      *day = df;
      if (len <= sizeof ds->last)
        {
          memcpy (ds->last, s, len);
          ds->last_len = len;
          ds->last_day = df;
        }
      return TRUE;
    case HK_DATE_AMBIGUOUS:
      {
        /* D and M are the first two numbers, YYYY the third. */
        int a = 0, b = 0, y = 0;
        const char *p = s;

        while (g_ascii_isdigit (*p)) a = a * 10 + (*p++ - '0');
        p++;
        while (g_ascii_isdigit (*p)) b = b * 10 + (*p++ - '0');
        p++;
        while (g_ascii_isdigit (*p)) y = y * 10 + (*p++ - '0');
        *day = ENCODE_DATE (y, a, b);
        ds->any_ambiguous = TRUE;
        return TRUE;
      }
    case HK_DATE_DAY_FIRST_ONLY:
      *day = df;
      ds->any_day_only = TRUE;
      return TRUE;
    case HK_DATE_MONTH_FIRST_ONLY:
      {
        MonthOnly mo = { c->n_rows, c->line, NULL };

        if (ds->month_only->len < N_FIRST)
          mo.text = display_value (s, len);
        g_array_append_val (ds->month_only, mo);
        ds->any_month_only = TRUE;
        *day = mf;
        return TRUE;
      }
    case HK_DATE_INVALID:
    default:
      return bad_cell (c, role, "date", _("is not a date (YYYY-MM-DD, D-M-YYYY or D/M/YYYY)"));
    }
}

/* Files sorted by date repeat the last date row after row: that case inline,
 * the others out of line. */
static inline gboolean
date_cell (Chunk   *c,
           guint    role,
           guint    state,
           gboolean optional,
           gint32  *day)
{
  const DateState *ds = &c->dates[state];
  gsize len = cell_len (c, role);

  if (len == ds->last_len && len > 0 && same_bytes (cell (c, role), ds->last, len))
    {
      *day = ds->last_day;
      return TRUE;
    }
  return date_cell_parse (c, role, state, optional, day);
}

/* ------------------------------------------------------------------------ */
/* Rows, one function a table. Cells that can make the row bad are read     */
/* first, so a skipped row leaves nothing behind in the pools.              */

static gboolean
read_influencer (Chunk *c,
                 guint  r)
{
  const char *id, *s;
  const char *gender;
  gsize id_len, len;
  double followers;
  guint32 code;

  if (!id_cell (c, INF_ID, FALSE, &id, &id_len))
    return FALSE;
  trimmed (c, INF_NAME, &s, &len);
  if (len == 0)
    return bad_cell (c, INF_NAME, "empty", NULL);
  if (!number_cell (c, INF_FOLLOWERS, NUMBER_COUNT, FALSE, &followers))
    return FALSE;

  code = hk_str_pool_lookup (c->pools[HK_POOL_ID], id, id_len);
  if (code != HK_STR_NONE)
    {
      guint first = 0;
      g_autofree char *value = NULL;

      /* The cell as written ("1.0"), as in every other message. */
      trimmed (c, INF_ID, &s, &len);
      value = display_value (s, len);

      while (c->id[first] != code)
        first++;
      chunk_problem (c, c->line, "id/duplicate",
                     _("column \"%s\": \"%s\" repeats the id on line %" PRIu64 "; the first row is kept"),
                     header_of (c, INF_ID), value, (uint64_t) c->inf_line[first]);
      return FALSE;
    }

  c->id[r] = hk_str_pool_intern (c->pools[HK_POOL_ID], id, id_len);
  c->name[r] = text_cell (c, INF_NAME, TRUE);
  c->followers[r] = followers;
  c->category[r] = intern_cell (c, INF_CATEGORY, HK_POOL_CATEGORY);
  trimmed (c, INF_GENDER, &s, &len);
  gender = hk_normalize_gender (s, len);
  c->gender[r] = gender ? hk_str_pool_intern (c->pools[HK_POOL_GENDER], gender, strlen (gender))
                        : hk_str_pool_intern (c->pools[HK_POOL_GENDER], s, len);
  c->platform[r] = intern_cell (c, INF_PLATFORM, HK_POOL_PLATFORM);
  c->city[r] = intern_cell (c, INF_CITY, HK_POOL_CITY);
  c->age_group[r] = intern_cell (c, INF_AGE_GROUP, HK_POOL_AGE_GROUP);
  c->persona[r] = intern_cell (c, INF_PERSONA, HK_POOL_PERSONA);
  c->inf_line[r] = c->line + c->line_base;
  c->group[r] = r;
  return TRUE;
}

static gboolean
read_post (Chunk *c,
           guint  r)
{
  const char *id;
  gsize id_len;

  if (!id_cell (c, POST_INFLUENCER, FALSE, &id, &id_len) ||
      !number_cell (c, POST_REACH, NUMBER_COUNT, FALSE, &c->reach[r]) ||
      !number_cell (c, POST_LIKES, NUMBER_COUNT, FALSE, &c->likes[r]) ||
      !number_cell (c, POST_COMMENTS, NUMBER_COUNT, FALSE, &c->comments[r]) ||
      !date_cell (c, POST_DATE, 0, FALSE, &c->date[r]))
    return FALSE;

  c->group[r] = resolve_group (c, id, id_len, prefetch_group (c, id, id_len));
  c->platform[r] = intern_cell (c, POST_PLATFORM, HK_POOL_PLATFORM);
  if (c->post_id)
    c->post_id[r] = text_cell (c, POST_ID, TRUE);
  c->url[r] = text_cell (c, POST_URL, TRUE);
  c->caption[r] = text_cell (c, POST_CAPTION, FALSE);
  c->brand[r] = intern_cell (c, POST_BRAND, HK_POOL_BRAND);
  c->campaign[r] = intern_cell (c, POST_CAMPAIGN, HK_POOL_CAMPAIGN);
  return TRUE;
}

static void
flush_users (Chunk *c)
{
  guint32 codes[G_N_ELEMENTS (c->user_row)];

  hk_str_pool_intern_batch (c->pools[HK_POOL_USER], c->user_str, c->user_len, c->n_users, codes);
  for (guint k = 0; k < c->n_users; k++)
    c->user[c->user_row[k]] = codes[k];
  c->n_users = 0;
  c->user_text_used = 0;
}

static void
queue_user (Chunk *c,
            guint  r)
{
  const char *s;
  gsize len;

  trimmed (c, TRK_USER, &s, &len);
  if (len > 64)
    {
      c->user[r] = hk_str_pool_intern (c->pools[HK_POOL_USER], s, len);
      return;
    }
  if (c->n_users == G_N_ELEMENTS (c->user_row) || c->user_text_used + len > sizeof c->user_text)
    flush_users (c);
  memcpy (c->user_text + c->user_text_used, s, len);
  c->user_row[c->n_users] = r;
  c->user_str[c->n_users] = c->user_text + c->user_text_used;
  c->user_len[c->n_users] = len;
  c->n_users++;
  c->user_text_used += len;
}

static gboolean
read_tracking (Chunk *c,
               guint  r)
{
  const char *id;
  gsize id_len;
  guint64 number;
  HkAbGroup ab = HK_AB_NONE;
  guint16 brand;

  if (!id_cell (c, TRK_INFLUENCER, TRUE, &id, &id_len))
    return FALSE;
  number = prefetch_group (c, id, id_len);
  if (!whole_cell (c, TRK_ORDERS, &c->orders[r]) ||
      !number_cell (c, TRK_REVENUE, NUMBER_ANY, FALSE, &c->revenue[r]))
    return FALSE;
  if (has_role (c, TRK_AB) && cell_len (c, TRK_AB) > 0 &&
      !hk_parse_ab_group (cell (c, TRK_AB), cell_len (c, TRK_AB), &ab))
    return bad_cell (c, TRK_AB, "group", _("is not exposed or holdout"));
  if (!date_cell (c, TRK_DATE, 0, FALSE, &c->date[r]))
    return FALSE;

  c->source16[r] = intern_cell16 (c, TRK_SOURCE, HK_POOL_SOURCE);
  c->campaign[r] = intern_cell (c, TRK_CAMPAIGN, HK_POOL_CAMPAIGN);
  c->product[r] = intern_cell (c, TRK_PRODUCT, HK_POOL_PRODUCT);
  queue_user (c, r);
  brand = intern_cell16 (c, TRK_BRAND, HK_POOL_BRAND);
  if (c->brand16)
    c->brand16[r] = brand;
  if (c->city16)
    c->city16[r] = intern_cell16 (c, TRK_CITY, HK_POOL_CITY);
  c->flags[r] = ab | (brand == 0 ? HK_TRACKING_FLAG_BRAND_DERIVED : 0);
  c->group[r] = resolve_group (c, id, id_len, number);
  return TRUE;
}

static gboolean
read_payout (Chunk *c,
             guint  r)
{
  const char *id, *s;
  gsize id_len, len;
  HkBasis basis;

  if (!id_cell (c, PAY_INFLUENCER, FALSE, &id, &id_len))
    return FALSE;
  trimmed (c, PAY_BASIS, &s, &len);
  if (len == 0)
    return bad_cell (c, PAY_BASIS, "empty", NULL);
  if (!hk_parse_basis (s, len, &basis))
    return bad_cell (c, PAY_BASIS, "basis", _("is not post or order"));
  if (!number_cell (c, PAY_RATE, NUMBER_COUNT, TRUE, &c->rate[r]) ||
      !number_cell (c, PAY_ORDERS, NUMBER_COUNT, TRUE, &c->pay_orders[r]) ||
      !number_cell (c, PAY_TOTAL, NUMBER_COUNT, TRUE, &c->total[r]))
    return FALSE;
  if (has_role (c, PAY_POSTS))
    {
      if (!number_cell (c, PAY_POSTS, NUMBER_COUNT, TRUE, &c->pay_posts[r]))
        return FALSE;
    }
  else
    c->pay_posts[r] = NAN;
  if (isnan (c->rate[r]) && isnan (c->total[r]))
    {
      chunk_problem (c, c->line, "rate/empty",
                     _("column \"%s\" is empty and so is column \"%s\""),
                     header_of (c, PAY_RATE), header_of (c, PAY_TOTAL));
      return FALSE;
    }

  c->basis[r] = basis;
  c->group[r] = resolve_group (c, id, id_len, prefetch_group (c, id, id_len));
  c->campaign[r] = intern_cell (c, PAY_CAMPAIGN, HK_POOL_CAMPAIGN);
  c->brand[r] = intern_cell (c, PAY_BRAND, HK_POOL_BRAND);
  return TRUE;
}

static gboolean
read_holdout (Chunk *c,
              guint  r)
{
  const char *s;
  gsize len;
  HkAbGroup group;
  DateState start_state = c->dates[0];

  trimmed (c, HO_CAMPAIGN, &s, &len);
  if (len == 0)
    return bad_cell (c, HO_CAMPAIGN, "empty", NULL);
  if (!hk_parse_ab_group (cell (c, HO_GROUP), cell_len (c, HO_GROUP), &group))
    return bad_cell (c, HO_GROUP, "group", _("is not exposed or holdout"));
  if (group == HK_AB_NONE)
    return bad_cell (c, HO_GROUP, "empty", NULL);
  if (!number_cell (c, HO_USERS, NUMBER_COUNT, FALSE, &c->users[r]))
    return FALSE;
  if (has_role (c, HO_START))
    {
      if (!date_cell (c, HO_START, 0, TRUE, &c->start[r]))
        return FALSE;
    }
  else
    c->start[r] = HK_DAY_NONE;
  if (has_role (c, HO_END))
    {
      if (!date_cell (c, HO_END, 1, TRUE, &c->end[r]))
        {
          GArray *mo = c->dates[0].month_only;

          /* The row is skipped: forget what its start date noted, flags
           * included, or a skipped row would settle the column's order. */
          if (mo->len > 0 && g_array_index (mo, MonthOnly, mo->len - 1).row == r)
            {
              g_free (g_array_index (mo, MonthOnly, mo->len - 1).text);
              g_array_set_size (mo, mo->len - 1);
            }
          c->dates[0] = start_state;
          return FALSE;
        }
    }
  else
    c->end[r] = HK_DAY_NONE;

  c->ab[r] = group;
  c->campaign[r] = intern_cell (c, HO_CAMPAIGN, HK_POOL_CAMPAIGN);
  c->brand[r] = intern_cell (c, HO_BRAND, HK_POOL_BRAND);
  c->group[r] = r;
  return TRUE;
}

typedef gboolean (*ReadRow) (Chunk *c, guint r);

static const ReadRow read_row[HK_N_TABLES] = {
  read_influencer, read_post, read_tracking, read_payout, read_holdout,
};

/* ------------------------------------------------------------------------ */
/* Reading a chunk                                                          */

static void
report_progress (Import *imp)
{
  double fraction;

  if (imp->progress == NULL || imp->total_bytes == 0)
    return;
  fraction = (double) (gssize) g_atomic_pointer_get (&imp->bytes_done) / imp->total_bytes;
  fraction = CLAMP (fraction, 0, 1);
  if (fraction - imp->last_progress >= 0.01)
    {
      imp->last_progress = fraction;
      imp->progress (fraction, imp->progress_data);
    }
}

/* The reader says "LINE:COLUMN: message"; lines are renumbered later, so keep
 * the line apart and ":COLUMN: message" as the text. */
static void
split_reader_message (const char  *msg,
                      guint64      fallback_line,
                      guint64     *line,
                      char       **text)
{
  guint64 col = 0;
  int consumed = 0;

  if (sscanf (msg, "%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT ": %n", line, &col, &consumed) == 2 && consumed > 0)
    *text = g_strdup_printf (":%" G_GUINT64_FORMAT ": %s", col, msg + consumed);
  else
    {
      *line = fallback_line;
      *text = g_strdup (msg);
    }
}

/* main_thread: whether this thread may call the progress function. */
static void
chunk_read (Chunk    *c,
            gboolean  main_thread)
{
  const Header *h = c->hdr;
  ReadRow read = read_row[c->table];
  goffset last_offset = hk_csv_reader_get_offset (c->reader);
  guint tick = 0;
  gint64 start_time = g_get_monotonic_time ();
  gint64 start_sys, end_sys;
  gint64 start_cpu = thread_cpu_time (&start_sys);

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      HkCsvStatus status = hk_csv_reader_next (c->reader, &error);
      const HkCsvField *fields;
      const char *record;
      guint n;

      if (status == HK_CSV_END)
        {
          c->done = TRUE;
          break;
        }
      if (status == HK_CSV_FATAL)
        {
          split_reader_message (error->message, hk_csv_reader_get_line (c->reader),
                                &c->fatal_line, &c->fatal);
          break;
        }
      c->rows_read++;
      c->line = hk_csv_reader_get_line (c->reader);
      if (status == HK_CSV_BAD_RECORD)
        {
          g_autofree char *text = NULL;
          guint64 line;

          split_reader_message (error->message, c->line, &line, &text);
          chunk_problem (c, line, "record/encoding", "%s", text);
          c->rows_skipped++;
          continue;
        }

      record = hk_csv_reader_get_record (c->reader, &fields, &n);
      if (n != h->n_fields)
        {
          chunk_problem (c, c->line, "record/fields",
                         g_dngettext (GETTEXT_PACKAGE, "%u field where the header has %u",
                                      "%u fields where the header has %u", n),
                         n, h->n_fields);
          c->rows_skipped++;
          continue;
        }
      c->record = record;
      c->fields = fields;

      if (c->n_rows == c->cap)
        chunk_reserve (c, c->cap * 2);
      if (!read (c, c->n_rows))
        {
          c->rows_skipped++;
          continue;
        }
      if (c->n_rows == c->extra_cap && c->n_extras > 0)
        chunk_reserve_extras (c, c->extra_cap * 2);
      for (guint i = 0; i < c->n_extras; i++)
        {
          const HkCsvField *f = &fields[g_array_index (h->extra_fields, guint, i)];

          c->extra_cells[i][c->n_rows] = hk_str_pool_intern (c->extra_pools[i], record + f->start, f->len);
        }
      c->n_rows++;
      if (c->fatal)
        break;

      if (++tick == 8192)
        {
          goffset offset = hk_csv_reader_get_offset (c->reader);

          tick = 0;
          g_atomic_pointer_add (&c->imp->bytes_done, offset - last_offset);
          last_offset = offset;
          if (g_cancellable_is_cancelled (c->imp->cancellable))
            {
              c->cancelled = TRUE;
              break;
            }
          if (main_thread)
            report_progress (c->imp);
        }
    }
  if (c->n_users > 0)
    flush_users (c);
  g_atomic_pointer_add (&c->imp->bytes_done, hk_csv_reader_get_offset (c->reader) - last_offset);
  c->read_time += g_get_monotonic_time () - start_time;
  c->read_cpu += thread_cpu_time (&end_sys) - start_cpu;
  c->read_sys += end_sys - start_sys;
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
        for (int k = 0; k < 3 && tables[t].files[k]; k++)
          if (g_str_equal (lower, tables[t].files[k]) &&
              (k < rank[t] || (k == rank[t] && g_strcmp0 (entry, imp->sources[t].name) < 0)))
            {
              g_autofree char *path = g_build_filename (folder, entry, NULL);
              g_autofree char *problem = file_problem (path, entry);

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

static HkCsvReader *
open_reader (Import   *imp,
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

/* "tracking_data.csv: 99744 unknown columns beyond the first 256 are
 * ignored, from “x256” on", the name cut short if long. */
static void
report_ignored_columns (Import  *imp,
                        HkTable  table,
                        guint    first_ignored)
{
  Header *h = &imp->headers[table];
  g_autofree char *name = g_steal_pointer (&h->written[first_ignored]);
  g_autofree char *msg = NULL;

  if (g_utf8_strlen (name, -1) > 64)
    {
      g_autofree char *cut = g_utf8_substring (name, 0, 64);

      g_free (name);
      name = g_strconcat (cut, "…", NULL);
    }
  msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%s: %u unknown column beyond the first %u is ignored: “%s”",
                                      "%s: %u unknown columns beyond the first %u are ignored, from “%s” on",
                                      h->n_ignored),
                         imp->sources[table].name, h->n_ignored, HK_IMPORT_MAX_EXTRA_COLUMNS, name);
  hk_import_report_add_warning (imp->report, table, msg);
  hk_import_report_set_ignored_columns (imp->report, table, h->n_ignored);
}

/* Reads the header row and maps its columns. On failure the table is marked
 * missing or unusable in the report. */
static gboolean
read_header (Import  *imp,
             HkTable  table)
{
  Source *s = &imp->sources[table];
  Header *h = &imp->headers[table];
  const RoleSpec *roles = tables[table].roles;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) missing = NULL;
  guint n_missing = 0, first_ignored = 0;
  HkCsvStatus status;

  h->table = table;
  for (guint r = 0; r < MAX_ROLES; r++)
    h->field[r] = -1;
  h->extra_fields = g_array_new (FALSE, FALSE, sizeof (guint));

  if (s->problem != NULL)
    {
      hk_import_report_set_status (imp->report, table, HK_TABLE_STATUS_ERROR, s->problem);
      return FALSE;
    }
  if (s->path == NULL && s->bytes == NULL)
    {
      g_autofree char *msg = NULL;

      if (table == HK_TABLE_POSTS)
        msg = g_strdup_printf (_("%s: missing; post counts, reach and engagement are undefined"), s->name);
      else if (table == HK_TABLE_PAYOUTS)
        msg = g_strdup_printf (_("%s: missing; spend and ROAS are undefined"), s->name);
      else if (table == HK_TABLE_HOLDOUT)
        msg = g_strdup_printf (_("%s: missing; no holdout test is available"), s->name);
      else
        msg = g_strdup_printf (_("%s: missing; a dataset needs this table"), s->name);
      hk_import_report_set_status (imp->report, table, HK_TABLE_STATUS_MISSING, msg);
      return FALSE;
    }

  h->reader = open_reader (imp, table, 0, -1, &error);
  if (h->reader == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("%s: %s", s->name, error->message);
      hk_import_report_set_status (imp->report, table, HK_TABLE_STATUS_ERROR, msg);
      return FALSE;
    }

  status = hk_csv_reader_next (h->reader, &error);
  if (status != HK_CSV_RECORD)
    {
      g_autofree char *msg = NULL;

      if (status == HK_CSV_END)
        msg = g_strdup_printf (_("%s: the file is empty; it needs a header row"), s->name);
      else
        msg = g_strdup_printf ("%s:%s", s->name, error->message);
      hk_import_report_set_status (imp->report, table, HK_TABLE_STATUS_ERROR, msg);
      g_clear_pointer (&h->reader, hk_csv_reader_free);
      return FALSE;
    }

  h->n_fields = hk_csv_reader_get_n_fields (h->reader);
  h->written = g_new0 (char *, h->n_fields + 1);
  for (guint f = 0; f < h->n_fields; f++)
    {
      const char *cell = hk_csv_reader_get_field (h->reader, f, NULL);
      g_autofree char *norm = hk_normalize_header (cell);
      const char *written = cell;
      gsize len = strlen (cell);
      gboolean known = FALSE;

      if (len >= 3 && memcmp (written, "\xEF\xBB\xBF", 3) == 0)
        written += 3, len -= 3;
      hk_trim (&written, &len);
      h->written[f] = g_strndup (written, len);

      for (guint r = 0; r < tables[table].n_roles && !known; r++)
        for (guint k = 0; k < G_N_ELEMENTS (roles[r].names) && roles[r].names[k]; k++)
          if (g_str_equal (norm, roles[r].names[k]) && h->field[r] < 0)
            {
              h->field[r] = f;
              known = TRUE;
              break;
            }
      /* Past the cap, an unknown column is counted and forgotten: nothing
       * per column is kept for it, so a file of a million empty columns
       * loads in memory proportional to its size. */
      if (!known && h->extra_fields->len < HK_IMPORT_MAX_EXTRA_COLUMNS)
        g_array_append_val (h->extra_fields, f);
      else if (!known && h->n_ignored++ > 0)
        g_clear_pointer (&h->written[f], g_free);
      else if (!known)
        first_ignored = f;
    }

  missing = g_string_new (NULL);
  for (guint r = 0; r < tables[table].n_roles; r++)
    if (roles[r].required && h->field[r] < 0)
      {
        g_string_append_printf (missing, "%s\"%s\"", missing->len ? ", " : "", roles[r].names[0]);
        n_missing++;
      }
  if (n_missing > 0)
    {
      g_autofree char *msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%s: required column %s is missing",
                                                           "%s: required columns %s are missing",
                                                           n_missing),
                                              s->name, missing->str);
      hk_import_report_set_status (imp->report, table, HK_TABLE_STATUS_ERROR, msg);
      g_clear_pointer (&h->reader, hk_csv_reader_free);
      return FALSE;
    }

  if (h->n_ignored > 0)
    report_ignored_columns (imp, table, first_ignored);
  hk_import_report_set_status (imp->report, table, HK_TABLE_STATUS_OK, NULL);
  return TRUE;
}

static void
header_clear (Header *h)
{
  g_clear_pointer (&h->extra_fields, g_array_unref);
  /* Ignored columns left holes: not a string vector. */
  for (guint f = 0; h->written != NULL && f < h->n_fields; f++)
    g_free (h->written[f]);
  g_clear_pointer (&h->written, g_free);
  g_clear_pointer (&h->reader, hk_csv_reader_free);
}

/* ------------------------------------------------------------------------ */
/* Settling dates                                                           */

/* Day-first unless some cell reads only month-first and none only day-first. */
static void
settle_dates (Import   *imp,
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
            p = chunk_problem_kind (c, "date/order");
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
  const ColumnMap *map;
  Chunk          **chunks;
  guint            n_chunks;
  Remap           *remaps;
  HkDataset       *ds;
  guint            n_total;
  gboolean         grouped;
} ScatterJob;

/* Copies one column of every chunk into the dataset: rows go to the position
 * their group gives them (grouped tables) or stay in order; codes are remapped. */
static void
scatter_column (ScatterJob *job)
{
  const ColumnMap *m = job->map;
  /* One more row: grouped tables send the skipped rows there. */
  void *out = hk_big_alloc ((gsize) (job->n_total + 1) * m->elt);
  guint pos = 0;

  for (guint k = 0; k < job->n_chunks; k++)
    {
      Chunk *c = job->chunks[k];
      const void *in = CHUNK_COL (c, m);
      const guint32 *dst = c->group;
      const guint32 *remap = m->pool >= 0 ? job->remaps[k].map[m->pool] : NULL;

      /* A skipped row takes no place in either layout: grouped tables send
       * it after the last row (see merge_table()), saving a test per row;
       * the others leave out GROUP_SKIP. */
#define SCATTER(T, VALUE) \
      { \
        if (job->grouped) \
          for (guint r = 0; r < c->n_rows; r++) \
            ((T *) out)[dst[r]] = (VALUE); \
        else \
          for (guint r = 0; r < c->n_rows; r++) \
            if (dst[r] != GROUP_SKIP) \
              ((T *) out)[pos++] = (VALUE); \
      }

      if (m->elt == 8)
        SCATTER (guint64, ((const guint64 *) in)[r])
      else if (m->elt == 4 && remap)
        SCATTER (guint32, remap[((const guint32 *) in)[r]])
      else if (m->elt == 4)
        SCATTER (guint32, ((const guint32 *) in)[r])
      else if (m->elt == 2)
        SCATTER (guint16, remap ? remap[((const guint16 *) in)[r]] : ((const guint16 *) in)[r])
      else
        SCATTER (guint8, ((const guint8 *) in)[r])
#undef SCATTER
      g_clear_pointer (&CHUNK_COL (c, m), hk_big_free);
    }
  DS_COL (job->ds, m) = out;
}

typedef struct {
  GPtrArray *jobs;
  guint      next;   /* atomic: the next job to take */
} JobQueue;

static gpointer
run_jobs_thread (gpointer data)
{
  JobQueue *queue = data;
  guint i;

  while ((i = g_atomic_int_add (&queue->next, 1)) < queue->jobs->len)
    scatter_column (queue->jobs->pdata[i]);
  return NULL;
}

/* Columns are independent: two threads take them in turn, in the order
 * given (largest first balances them best). */
static void
run_scatter_jobs (GPtrArray *jobs,
                  gboolean   parallel)
{
  JobQueue queue = { jobs, 0 };
  GThread *thread = NULL;

  if (parallel && jobs->len > 1)
    thread = g_thread_new ("hk-import-scatter", run_jobs_thread, &queue);
  run_jobs_thread (&queue);
  if (thread)
    g_thread_join (thread);
}

static int
compare_jobs (gconstpointer a,
              gconstpointer b)
{
  const ScatterJob *ja = *(ScatterJob **) a, *jb = *(ScatterJob **) b;

  return (int) jb->map->elt - (int) ja->map->elt;
}

/* Lays one table out in the dataset: posts, tracking and payouts grouped by
 * influencer, the small tables in file order. Returns the group starts.
 * parallel: whether to use a second thread (none is idle while the other
 * thread still reads tracking). */
static guint *
merge_table (Import   *imp,
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
  guint n_groups = ds->n_influencers + 2;
  g_autofree Remap *remaps = g_new0 (Remap, n_chunks);
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_free);
  guint *start = NULL;
  guint n_total = 0;

  /* Codes: every pool of every chunk, in file order. A chunk's pools are
   * not needed once merged (but for its orphans' ids, below). */
  for (guint k = 0; k < n_chunks; k++)
    for (guint p = 0; p < HK_N_POOLS; p++)
      {
        if (p == HK_POOL_ORPHAN_ID)
          continue;
        if (hk_str_pool_get_size (chunks[k]->pools[p]) > 1)
          remaps[k].map[p] = merge_pool (&ds->pools[p], &chunks[k]->pools[p], p == HK_POOL_USER);
        else
          remaps[k].map[p] = hk_big_alloc (sizeof (guint32));
        g_clear_pointer (&chunks[k]->pools[p], hk_str_pool_free);
      }
  if (table == HK_TABLE_TRACKING)
    debug_phase (imp, "  pools");

  if (grouped)
    {
      guint *cursor;
      guint o = 0;

      /* Counting sort: the rows of each group, then where each goes. */
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
    }
  else
    for (guint k = 0; k < n_chunks; k++)
      for (guint r = 0; r < chunks[k]->n_rows; r++)
        n_total += chunks[k]->group[r] != GROUP_SKIP;
  if (table == HK_TABLE_TRACKING)
    debug_phase (imp, "  groups");

  for (guint i = 0; i < column_maps[table].n; i++)
    {
      const ColumnMap *m = &column_maps[table].map[i];
      ScatterJob *job;

      if (!chunk_has_column (chunks[0], m))
        {
          /* The dataset has tracking brands all the same: zeros, to be
           * derived. */
          if (m->chunk_offset == offsetof (Chunk, brand16))
            DS_COL (ds, m) = hk_big_alloc ((gsize) (n_total + 1) * m->elt);
          continue;
        }
      job = g_new0 (ScatterJob, 1);
      *job = (ScatterJob) { m, chunks, n_chunks, remaps, ds, n_total, grouped };
      g_ptr_array_add (jobs, job);
    }
  g_ptr_array_sort (jobs, compare_jobs);
  run_scatter_jobs (jobs, parallel);
  if (table == HK_TABLE_TRACKING)
    debug_phase (imp, "  scatter");

  /* Unknown columns: one pool each, the first chunk's. */
  td->extras = g_ptr_array_new ();
  for (guint e = 0; e < h->extra_fields->len; e++)
    {
      HkExtraColumn *col = g_new0 (HkExtraColumn, 1);
      guint pos = 0;

      col->name = g_strdup (h->written[g_array_index (h->extra_fields, guint, e)]);
      col->pool = hk_str_pool_new ();
      col->cells = hk_big_alloc ((gsize) (n_total + 1) * sizeof (guint32));
      for (guint k = 0; k < n_chunks; k++)
        {
          Chunk *c = chunks[k];
          guint32 *map = merge_pool (&col->pool, &c->extra_pools[e], FALSE);

          /* As in scatter_column(). */
          for (guint r = 0; r < c->n_rows; r++)
            if (grouped)
              col->cells[c->group[r]] = map[c->extra_cells[e][r]];
            else if (c->group[r] != GROUP_SKIP)
              col->cells[pos++] = map[c->extra_cells[e][r]];
          hk_big_free (map);
        }
      g_ptr_array_add (td->extras, col);
    }

  /* The columns kept, in file order: ignored ones are not written back. */
  td->header = g_ptr_array_new_with_free_func (g_free);
  for (guint r = 0; r < MAX_ROLES; r++)
    td->field_of_role[r] = -1;
  for (guint f = 0; f < h->n_fields; f++)
    {
      if (h->written[f] == NULL)
        continue;
      for (guint r = 0; r < MAX_ROLES; r++)
        if (h->field[r] == (int) f)
          td->field_of_role[r] = (int) td->header->len;
      g_ptr_array_add (td->header, g_strdup (h->written[f]));
    }
  td->present = TRUE;
  td->file_name = g_strdup (imp->sources[table].name);
  td->n_rows = n_total;

  for (guint k = 0; k < n_chunks; k++)
    {
      for (guint p = 0; p < HK_N_POOLS; p++)
        hk_big_free (remaps[k].map[p]);
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
static void
report_chunks (Import  *imp,
               HkTable  table,
               Chunk  **chunks,
               guint    n_chunks)
{
  const char *file = imp->sources[table].name;

  for (guint k = 0; k < n_chunks; k++)
    hk_import_report_add_rows (imp->report, table, chunks[k]->rows_read, chunks[k]->rows_skipped);

  /* Kinds in the order one reader would meet them, however the file was
   * split: the problems of each part, then those settle_dates() found once
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

static void
report_orphans (Import   *imp,
                HkTable   table,
                guint    *start,
                guint32  *orphan_ids,
                const double *revenue)
{
  HkDataset *ds = imp->ds;
  guint first = start[HK_GROUP_ORPHANS (ds)], end = start[HK_GROUP_ORPHANS (ds) + 1];
  g_autoptr(GString) examples = g_string_new (NULL);
  guint32 shown[3];
  guint n_shown = 0;
  double total = 0;

  if (first == end)
    return;
  for (guint r = first; r < end; r++)
    {
      gboolean seen = FALSE;

      if (revenue)
        total += revenue[r];
      for (guint i = 0; i < n_shown; i++)
        seen |= shown[i] == orphan_ids[r - first];
      if (!seen && n_shown < G_N_ELEMENTS (shown))
        {
          shown[n_shown++] = orphan_ids[r - first];
          g_string_append_printf (examples, "%s\"%s\"", examples->len ? ", " : "",
                                  hk_str_pool_get (ds->pools[HK_POOL_ORPHAN_ID], orphan_ids[r - first]));
        }
    }
  hk_import_report_add_orphans (imp->report, table, end - first, total, examples->str);
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

  settle_dates (imp, &posts, 1, 0, POST_DATE);
  report_chunks (imp, HK_TABLE_POSTS, &posts, 1);
  ds->post_start = merge_table (imp, HK_TABLE_POSTS, &posts, 1, &ds->post_orphan_id, FALSE);
  ds->n_posts = ds->tables[HK_TABLE_POSTS].n_rows;
  if (!imp->no_influencers)
    report_orphans (imp, HK_TABLE_POSTS, ds->post_start, ds->post_orphan_id, NULL);
}

static gpointer
work_thread (gpointer data)
{
  Work *w = data;

  for (guint i = 0; i < w->n; i++)
    if (!g_cancellable_is_cancelled (w->chunks[i]->imp->cancellable))
      {
        Chunk *c = w->chunks[i];

        chunk_read (c, FALSE);
        /* The second part of tracking: its user ids are all different and
         * will only be looked up in the first part's pool (see
         * merge_table()), so its index (tens of MB) can go now. */
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

static void
import_influencers (Import *imp)
{
  HkDataset *ds = imp->ds;
  Header *h = &imp->headers[HK_TABLE_INFLUENCERS];
  Chunk *c = chunk_new (imp, HK_TABLE_INFLUENCERS, g_steal_pointer (&h->reader),
                        imp->sources[HK_TABLE_INFLUENCERS].size);
  guint n_ids;

  chunk_read (c, TRUE);
  report_chunks (imp, HK_TABLE_INFLUENCERS, &c, 1);
  ds->n_influencers = c->n_rows;
  merge_table (imp, HK_TABLE_INFLUENCERS, &c, 1, NULL, TRUE);

  n_ids = hk_str_pool_get_size (ds->pools[HK_POOL_ID]);
  ds->inf_of_id = g_new (guint32, n_ids);
  for (guint i = 0; i < n_ids; i++)
    ds->inf_of_id[i] = G_MAXUINT32;
  for (guint i = 0; i < ds->n_influencers; i++)
    ds->inf_of_id[ds->inf_id[i]] = i;
  chunk_free (c);

  {
    guint64 first = G_MAXUINT64, last = 0;
    guint n_numeric = 0;

    for (guint i = 0; i < ds->n_influencers; i++)
      {
        const char *id = hk_str_pool_get (ds->pools[HK_POOL_ID], ds->inf_id[i]);
        guint64 number = id_number (id, strlen (id));

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
            guint64 number = id_number (id, strlen (id));

            if (number != G_MAXUINT64)
              imp->group_of_number[number - first] = i;
          }
      }
  }
}

static gboolean
import_run (Import   *imp,
            GError  **error)
{
  HkDataset *ds = imp->ds;
  Chunk *trk[2] = { NULL, NULL };
  Chunk *other[HK_N_TABLES] = { NULL };
  Work work = { { NULL }, 0 };
  GThread *thread = NULL;
  guint n_trk = 0;
  goffset other_bytes = 0;
  HkTable missing;
  gboolean ok = FALSE;

  debug_phase (imp, NULL);
  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      hk_import_report_set_file (imp->report, t, imp->sources[t].name);
      if (read_header (imp, t))
        imp->total_bytes += imp->sources[t].size;
    }
  /* A missing required table fails the import, but only after every other
   * table was read: the report then tells all that is wrong at once. */
  missing = imp->headers[HK_TABLE_INFLUENCERS].reader == NULL ? HK_TABLE_INFLUENCERS :
            imp->headers[HK_TABLE_TRACKING].reader == NULL ? HK_TABLE_TRACKING : HK_N_TABLES;
  imp->no_influencers = imp->headers[HK_TABLE_INFLUENCERS].reader == NULL;

  if (!imp->no_influencers)
    import_influencers (imp);
  debug_phase (imp, "influencers");
  if (g_cancellable_set_error_if_cancelled (imp->cancellable, error))
    return FALSE;

  /* The first thread reads the first part of tracking; the second the rest,
   * then the small tables. */
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
      second = open_reader (imp, HK_TABLE_TRACKING, split, -1, &local_error);
    if (second)
      {
        /* The second part starts after the first newline at or after split. */
        trk[1] = chunk_new (imp, HK_TABLE_TRACKING, second, size - split);
        trk[1]->start_offset = hk_csv_reader_get_offset (second);
        hk_csv_reader_set_end (h->reader, trk[1]->start_offset);
        work.chunks[work.n++] = trk[1];
      }
    trk[0] = chunk_new (imp, HK_TABLE_TRACKING, g_steal_pointer (&h->reader),
                        second ? split - from : size - from);
    n_trk = second ? 2 : 1;
  }
  for (guint t = HK_TABLE_POSTS; t < HK_N_TABLES; t++)
    if (t != HK_TABLE_TRACKING && imp->headers[t].reader)
      {
        other[t] = chunk_new (imp, t, g_steal_pointer (&imp->headers[t].reader), imp->sources[t].size);
        work.chunks[work.n++] = other[t];
      }

  if (work.n > 0)
    thread = g_thread_new ("hk-import", work_thread, &work);
  if (trk[0])
    chunk_read (trk[0], TRUE);
  if (thread)
    g_thread_join (thread);
  if (trk[0] && !g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    {
      g_debug ("import: first thread: tracking %u rows in %.1f ms (CPU %.1f ms, kernel %.1f ms)", trk[0]->n_rows,
               trk[0]->read_time / 1e3, trk[0]->read_cpu / 1e3, trk[0]->read_sys / 1e3);
      for (guint i = 0; i < work.n; i++)
        g_debug ("import: second thread: %s %u rows in %.1f ms (CPU %.1f ms, kernel %.1f ms)",
                 hk_table_file_name (work.chunks[i]->table), work.chunks[i]->n_rows, work.chunks[i]->read_time / 1e3,
                 work.chunks[i]->read_cpu / 1e3, work.chunks[i]->read_sys / 1e3);
    }
  debug_phase (imp, "parse");

  if (g_cancellable_set_error_if_cancelled (imp->cancellable, error))
    goto out;

  if (n_trk == 2 && (trk[0]->fatal || !trk[0]->done ||
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
          chunk_read (trk[0], TRUE);
        }
      g_clear_pointer (&trk[1], chunk_free);
      n_trk = 1;
    }
  else if (n_trk == 2)
    {
      trk[1]->line_base = hk_csv_reader_get_lines_read (trk[0]->reader);
      g_debug ("%s: read in two parts, split at byte %" G_GOFFSET_FORMAT " (line %" G_GUINT64_FORMAT ")",
               imp->sources[HK_TABLE_TRACKING].name, trk[1]->start_offset, trk[1]->line_base + 1);
    }
  if (g_cancellable_set_error_if_cancelled (imp->cancellable, error))
    goto out;

  if (n_trk > 0)
    settle_dates (imp, trk, n_trk, 0, TRK_DATE);
  if (other[HK_TABLE_HOLDOUT] && other[HK_TABLE_HOLDOUT]->hdr->field[HO_START] >= 0)
    settle_dates (imp, &other[HK_TABLE_HOLDOUT], 1, 0, HO_START);
  if (other[HK_TABLE_HOLDOUT] && other[HK_TABLE_HOLDOUT]->hdr->field[HO_END] >= 0)
    settle_dates (imp, &other[HK_TABLE_HOLDOUT], 1, 1, HO_END);
  debug_phase (imp, "settle dates");

  /* Tables merge in their order (influencers, posts, tracking, payouts,
   * holdout): pools then list values in the order the data shows them, which
   * is what "the first spelling met" of a brand means. */
  g_assert (other[HK_TABLE_POSTS] == NULL || work.posts_merged);
  chunk_free (g_steal_pointer (&other[HK_TABLE_POSTS]));

  if (n_trk == 0)
    goto small_tables;
  report_chunks (imp, HK_TABLE_TRACKING, trk, n_trk);
  ds->trk_start = merge_table (imp, HK_TABLE_TRACKING, trk, n_trk, &ds->trk_orphan_id, TRUE);
  ds->n_tracking = ds->tables[HK_TABLE_TRACKING].n_rows;
  for (guint p = HK_POOL_PLATFORM; p < HK_N_POOLS; p++)
    if ((p == HK_POOL_SOURCE || p == HK_POOL_BRAND || p == HK_POOL_CITY) &&
        hk_str_pool_get_size (ds->pools[p]) > HK_MAX_CODES16 + 1)
      {
        g_autofree char *msg = g_strdup_printf (_("%s: more than %u different values of %s"),
                                                imp->sources[HK_TABLE_TRACKING].name, HK_MAX_CODES16,
                                                p == HK_POOL_SOURCE ? "source" : p == HK_POOL_BRAND ? "brand" : "city");

        /* The report says why too: it is all a caller gets besides error. */
        hk_import_report_set_status (imp->report, HK_TABLE_TRACKING, HK_TABLE_STATUS_ERROR, msg);
        g_set_error_literal (error, HK_IMPORT_ERROR, HK_IMPORT_ERROR_MISSING_TABLE, msg);
        goto out;
      }
  if (!imp->no_influencers)
    report_orphans (imp, HK_TABLE_TRACKING, ds->trk_start, ds->trk_orphan_id, ds->trk_revenue);
  debug_phase (imp, "merge tracking");

small_tables:
  if (other[HK_TABLE_PAYOUTS])
    {
      report_chunks (imp, HK_TABLE_PAYOUTS, &other[HK_TABLE_PAYOUTS], 1);
      ds->pay_start = merge_table (imp, HK_TABLE_PAYOUTS, &other[HK_TABLE_PAYOUTS], 1, &ds->pay_orphan_id, TRUE);
      ds->n_payouts = ds->tables[HK_TABLE_PAYOUTS].n_rows;
      if (!imp->no_influencers)
        report_orphans (imp, HK_TABLE_PAYOUTS, ds->pay_start, ds->pay_orphan_id, NULL);
    }
  if (other[HK_TABLE_HOLDOUT])
    {
      report_chunks (imp, HK_TABLE_HOLDOUT, &other[HK_TABLE_HOLDOUT], 1);
      merge_table (imp, HK_TABLE_HOLDOUT, &other[HK_TABLE_HOLDOUT], 1, NULL, TRUE);
      ds->n_holdout = ds->tables[HK_TABLE_HOLDOUT].n_rows;
    }

  debug_phase (imp, "merge payouts, holdout");
  if (missing != HK_N_TABLES)
    {
      g_set_error_literal (error, HK_IMPORT_ERROR, HK_IMPORT_ERROR_MISSING_TABLE,
                           hk_import_report_get_error (imp->report, missing));
      goto out;
    }
  hk_dataset_finish (ds);
  debug_phase (imp, "finish");
  ok = TRUE;

out:
  for (guint k = 0; k < 2; k++)
    chunk_free (trk[k]);
  for (guint t = 0; t < HK_N_TABLES; t++)
    chunk_free (other[t]);
  return ok;
}

static HkDataset *
import_finish (Import          *imp,
               gboolean         ok,
               HkImportReport **report)
{
  HkDataset *ds = NULL;

  g_clear_pointer (&imp->group_of_number, g_free);
  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      source_clear (&imp->sources[t]);
      header_clear (&imp->headers[t]);
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
    for (guint k = 0; k < G_N_ELEMENTS (tables[t].files) && tables[t].files[k]; k++)
      if (g_str_equal (lower, tables[t].files[k]))
        return TRUE;
  return FALSE;
}
