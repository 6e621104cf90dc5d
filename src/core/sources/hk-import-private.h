/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Internals of the importer, shared by its files: hk-import.c (finding the
 * files, the two threads, the import's steps and the public API),
 * hk-import-columns.c (where each column's cells wait in a chunk; the header
 * row), hk-import-rows.c (cells and rows: the hot path, a chunk at a time)
 * and hk-import-merge.c (settling dates, putting the chunks together into the
 * dataset, the report of each table). What the columns are called, what
 * their cells hold and where the dataset keeps them is the schema's
 * (hk-schema.h, hk_column_storage). */

#include "hk-csv-reader-private.h"
#include "hk-dataset-private.h"
#include "hk-import.h"
#include "hk-schema.h"
#include "hk-text-arena.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------------ */
/* The import as a whole                                                    */

typedef struct {
  char    *path;  /* NULL when from memory */
  GBytes  *bytes;
  char    *name;  /* the file name in messages */
  goffset  size;
  char    *problem; /* why a file of the table's name cannot be read */
} Source;

/* What a known column's cells may be, from its schema, found once a column
 * (see _hk_import_read_header()): cells test a bit, never the schema. */
typedef enum {
  RULE_EMPTY_OK     = 1 << 0, /* an empty cell is a value, not a bad cell */
  RULE_TRIM         = 1 << 1, /* text is trimmed: all but RAW_TEXT */
  RULE_NOT_NEGATIVE = 1 << 2, /* counts */
  RULE_WHOLE        = 1 << 3, /* a whole number in 32 bits */
  RULE_GENDER       = 1 << 4, /* m/male and f/female read Male, Female */
} CellRule;

typedef struct {
  HkTable     table;
  int         field[HK_MAX_ROLES]; /* field index of each role, -1 when absent */
  guint8      rule[HK_MAX_ROLES];  /* CellRule of each role */
  guint       n_fields;
  GArray     *extra_fields;       /* guint field indices of unknown columns kept */
  guint       n_ignored;          /* unknown columns past HK_IMPORT_MAX_EXTRA_COLUMNS */
  char      **written;            /* header cells as written, by field; NULL: ignored */
  HkCsvReader *reader;            /* positioned after the header */
} Header;

/* How influencer ids are written when they are numbers: see id_number(). */
typedef struct {
  char    prefix[16];   /* NUL-padded */
  guint   prefix_len;   /* 0 for plain numbers; at most 15 */
  guint   width;        /* digits; 0: any count up to 9, no leading zero */
  guint64 prefix64;     /* the first 8 bytes of prefix and their mask, */
  guint64 prefix_mask;  /* when prefix_len <= 8 */
} IdForm;

/* User ids read as numbers while every one has one form: a prefix, then 1
 * to 9 digits, as many in each when any has a leading zero. See
 * user_number() and HkUserForm. */
typedef struct {
  IdForm   form;        /* the first id's prefix; width unused */
  gboolean set;         /* form is set */
  gboolean numeric;     /* every id so far has the form */
  gboolean zero;        /* one had a leading zero */
  guint8   min_digits;
  guint8   max_digits;
  guint32  max_code;    /* the largest number + 1 */
} UserForm;

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

  /* Influencer ids are usually numbers ("42"), or numbers after a prefix
   * ("INF000042", "INF_42"): id_form says which form (see id_number()). When
   * every id of that form lies in a range not much larger than their count,
   * the group of each number in the range, G_MAXUINT32 for none. References
   * then find their influencer without hashing (see resolve_group()). */
  IdForm          id_form;
  guint32        *group_of_number;
  guint64         first_number;
  guint64         n_numbers;

  /* Without influencers every reference is an orphan: none is reported, but
   * the other tables are still read for the report (`check`). */
  gboolean        no_influencers;
  char           *text_dir;     /* where posts' texts are kept on disk, else NULL */
} Import;

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
  int           field[HK_MAX_ROLES]; /* the header's, at hand */
  guint8        rule[HK_MAX_ROLES];
  HkStrPool    *pool_of[HK_MAX_ROLES]; /* where a pooled column's cells intern */

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
  double       *revenue;     /* tracking: once cents is NULL */
  gint32       *cents;       /* tracking: revenue in paise while every value
                              * so far had at most two decimals (see
                              * revenue_cell()); else NULL */
  gboolean      revenue_doubles;
  guint32      *user;
  guint16      *source16, *brand16, *city16, *campaign16, *product16;
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

  /* User ids are numbers while they keep one form; after the first that
   * does not, they wait here to be interned in batches (see
   * hk_str_pool_intern_batch): a pool of millions of users is interned at
   * memory speed that way. */
  UserForm      user_form;
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
  gint64        read_time;   /* microseconds in _hk_import_chunk_read(), for debug output: */
  gint64        read_cpu;    /* wall-clock and the thread's CPU time, */
  gint64        read_sys;    /* of which in the kernel */
} Chunk;

/* Where a chunk keeps the cells of each known column, by role: the offset of
 * its column in Chunk; 0 for none (the ids of posts, tracking and payouts,
 * which become the row's group). The size of a value, its pool and where the
 * column goes in the dataset are the schema's (hk_column_storage). */
extern const gsize _hk_import_chunk_columns[HK_N_TABLES][HK_MAX_ROLES];

#define CHUNK_COL(c, role) (*(void **) ((char *) (c) + _hk_import_chunk_columns[(c)->table][role]))

/* ------------------------------------------------------------------------ */
/* Cells and names, at hand in every file                                   */
/* Every cell read goes through cell() and cell_len(): they stay inline.    */

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

/* A column's header as written, for messages. */
static inline const char *
header_of (const Chunk *c,
           guint        role)
{
  return c->hdr->written[c->hdr->field[role]];
}

/* The form of an id: its prefix (what comes before its trailing digits) and
 * how many digits; FALSE when it does not end in 1 to 9 digits or the prefix
 * is longer than 15 bytes. */
static inline gboolean
split_id (const char *id,
          gsize       len,
          gsize      *prefix_len,
          gsize      *digits)
{
  gsize p = len;

  while (p > 0 && g_ascii_isdigit (id[p - 1]))
    p--;
  *prefix_len = p;
  *digits = len - p;
  return *digits >= 1 && *digits <= 9 && p < sizeof ((IdForm *) NULL)->prefix;
}

static inline void
id_form_set_prefix (IdForm     *form,
                    const char *prefix,
                    gsize       len)
{
  guint64 ones = G_MAXUINT64;

  memset (form->prefix, 0, sizeof form->prefix);
  memcpy (form->prefix, prefix, len);
  form->prefix_len = len;
  form->prefix64 = form->prefix_mask = 0;
  if (len <= 8)
    {
      memcpy (&form->prefix64, form->prefix, 8);
      memcpy (&form->prefix_mask, &ones, len);
    }
}

/* Whether the id starts with the form's prefix and has more after it. */
static inline gboolean
id_has_prefix (const IdForm *form,
               const char   *id,
               gsize         len)
{
  guint64 head;

  if (form->prefix_len == 0)
    return TRUE;
  if (len <= form->prefix_len)
    return FALSE;
  /* One load and a mask when the cell has eight bytes to read. */
  if (len >= 8 && form->prefix_len <= 8)
    {
      memcpy (&head, id, 8);
      return (head & form->prefix_mask) == form->prefix64;
    }
  return memcmp (id, form->prefix, form->prefix_len) == 0;
}

/* The number of len digits (at most 9), else G_MAXUINT64. */
static inline guint64
digits_value (const char *digits,
              gsize       len)
{
  guint64 value = 0;

  for (gsize i = 0; i < len; i++)
    {
      guint digit = (guchar) digits[i] - '0';

      if (digit > 9)
        return G_MAXUINT64;
      value = value * 10 + digit;
    }
  return value;
}

/* The value of an id of the form (its prefix, then at most 9 digits: exactly
 * width of them, or with no leading zero when width is 0), else G_MAXUINT64.
 * Each number has one id of a form, so equal numbers are equal ids. */
static inline guint64
id_number (const IdForm *form,
           const char   *id,
           gsize         len)
{
  if (!id_has_prefix (form, id, len))
    return G_MAXUINT64;
  id += form->prefix_len;
  len -= form->prefix_len;
  if (form->width != 0 ? len != form->width : (len == 0 || len > 9 || (id[0] == '0' && len > 1)))
    return G_MAXUINT64;
  return digits_value (id, len);
}

/* The dataset's form of a chunk's numeric ids (n_codes aside). */
static inline HkUserForm
user_form_settled (const UserForm *u)
{
  HkUserForm form = { TRUE, "", u->form.prefix_len, u->zero ? u->max_digits : 0, 0 };

  memcpy (form.prefix, u->form.prefix, u->form.prefix_len);
  return form;
}

/* A user id's number + 1 when it keeps the form of the ids before it (the
 * first sets the prefix), else 0 and the form is unchanged. Ids of one form
 * and their numbers correspond one to one: "U7" and "U007" never share one. */
static inline guint32
user_number (UserForm   *u,
             const char *id,
             gsize       len)
{
  gsize p, n;
  guint64 value;
  gboolean zero;
  guint8 lo, hi;

  if (!u->set)
    {
      if (!split_id (id, len, &p, &n))
        return 0;
      id_form_set_prefix (&u->form, id, p);
      u->set = TRUE;
      u->min_digits = u->max_digits = n;
    }
  if (!id_has_prefix (&u->form, id, len))
    return 0;
  n = len - u->form.prefix_len;
  id += u->form.prefix_len;
  if (n == 0 || n > 9 || (value = digits_value (id, n)) == G_MAXUINT64)
    return 0;
  zero = u->zero || (id[0] == '0' && n > 1);
  lo = MIN (u->min_digits, n);
  hi = MAX (u->max_digits, n);
  if (zero && lo != hi)
    return 0;
  u->zero = zero;
  u->min_digits = lo;
  u->max_digits = hi;
  u->max_code = MAX (u->max_code, (guint32) value + 1);
  return value + 1;
}

/* ------------------------------------------------------------------------ */
/* Called across files                                                      */

/* hk-import.c */
void          _hk_import_debug_phase        (Import       *imp,
                                             const char   *phase);
HkCsvReader  *_hk_import_open_reader        (Import       *imp,
                                             HkTable       table,
                                             goffset       start,
                                             goffset       end,
                                             GError      **error);

/* hk-import-columns.c */
gboolean      _hk_import_chunk_has_column   (const Chunk  *c,
                                             guint         role);
int           _hk_import_column_pool        (HkTable       table,
                                             guint         role);
gboolean      _hk_import_read_header        (Import       *imp,
                                             HkTable       table);
void          _hk_import_header_clear       (Header       *h);

/* hk-import-rows.c */
Chunk        *_hk_import_chunk_new          (Import       *imp,
                                             HkTable       table,
                                             HkCsvReader  *reader,
                                             goffset       bytes);
void          _hk_import_chunk_free         (Chunk        *c);
/* A tracking chunk's revenue in paise, its first n rows, as doubles, and
 * from now on. */
void          _hk_import_revenue_to_doubles (Chunk        *c,
                                             guint         n);
void          _hk_import_chunk_read         (Chunk        *c,
                                             gboolean      main_thread);
Problem      *_hk_import_chunk_problem_kind (Chunk        *c,
                                             const char   *kind);
/* The numbers of a chunk's first n_rows user ids into its pool, as ids; the
 * chunk's users are no longer numbers. */
void          _hk_import_users_to_pool      (Chunk        *c,
                                             guint         n_rows);

/* hk-import-merge.c */
void          _hk_import_settle_dates       (Import       *imp,
                                             Chunk       **chunks,
                                             guint         n_chunks,
                                             guint         state,
                                             guint         role);
guint        *_hk_import_merge_table        (Import       *imp,
                                             HkTable       table,
                                             Chunk       **chunks,
                                             guint         n_chunks,
                                             guint32     **orphan_ids,
                                             gboolean      parallel);
void          _hk_import_report_chunks      (Import       *imp,
                                             HkTable       table,
                                             Chunk       **chunks,
                                             guint         n_chunks);

G_END_DECLS
