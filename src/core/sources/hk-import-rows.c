/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"
/* RUSAGE_THREAD */
#define _GNU_SOURCE

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gi18n.h>

#include "hk-big.h"
#include "hk-dataset-builder-private.h"
#include "hk-date.h"
#include "hk-import-private.h"
#include "hk-parse.h"

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

/* ------------------------------------------------------------------------ */
/* A chunk's columns, grown with its rows                                   */

static void
chunk_reserve (Chunk *c,
               guint  rows)
{
  c->group = c->group ? hk_big_realloc (c->group, rows * sizeof (guint32))
                      : hk_big_alloc (rows * sizeof (guint32));
  for (guint r = 0; r < HK_MAX_ROLES; r++)
    {
      gsize elt = hk_column_storage[c->table][r].elt;
      void **col;

      if (!_hk_import_chunk_has_column (c, r))
        continue;
      col = &CHUNK_COL (c, r);
      *col = *col ? hk_big_realloc (*col, (gsize) rows * elt)
                  : hk_big_alloc ((gsize) rows * elt);
    }
  if (c->table == HK_TABLE_INFLUENCERS)
    c->inf_line = c->inf_line ? hk_big_realloc (c->inf_line, rows * sizeof (guint64))
                              : hk_big_alloc (rows * sizeof (guint64));
  /* The revenue column is only reserved while cents holds the values. */
  if (c->table == HK_TABLE_TRACKING && !c->revenue_doubles)
    c->cents = c->cents ? hk_big_realloc (c->cents, rows * sizeof (gint32))
                        : hk_big_alloc (rows * sizeof (gint32));
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

Chunk *
_hk_import_chunk_new (Import       *imp,
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
  memcpy (c->rule, h->rule, sizeof c->rule);
  c->reader = reader;
  for (guint p = 0; p < HK_N_POOLS; p++)
    c->pools[p] = hk_str_pool_new ();
  for (guint r = 0; r < hk_schema_get_table (table)->n_columns; r++)
    {
      int pool = _hk_import_column_pool (table, r);

      c->pool_of[r] = pool >= 0 ? c->pools[pool] : NULL;
    }
  /* Captions and urls: a tenth of L's memory, read only for a table's
   * visible rows, a search or an export. No text is longer than its row. */
  c->text = table == HK_TABLE_POSTS && imp->text_dir ? hk_text_arena_new_on_disk (imp->text_dir, bytes + 4096)
                                                     : hk_text_arena_new ();
  c->user_form.numeric = TRUE;
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
  for (guint r = 0; r < HK_MAX_ROLES; r++)
    if (_hk_import_chunk_columns[c->table][r] != 0)
      g_clear_pointer (&CHUNK_COL (c, r), hk_big_free);
  g_clear_pointer (&c->group, hk_big_free);
  g_clear_pointer (&c->inf_line, hk_big_free);
  g_clear_pointer (&c->cents, hk_big_free);
  for (guint i = 0; i < c->n_extras; i++)
    g_clear_pointer (&c->extra_cells[i], hk_big_free);
}

void
_hk_import_chunk_free (Chunk *c)
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

Problem *
_hk_import_chunk_problem_kind (Chunk      *c,
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
  Problem *p = _hk_import_chunk_problem_kind (c, kind);
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

/* A bad cell: the row is skipped and the problem counted. */
static gboolean
bad_cell (Chunk      *c,
          guint       role,
          const char *reason_kind,
          const char *reason)
{
  g_autofree char *kind = g_strdup_printf ("%s/%s", hk_schema_get_column (c->table, role)->name, reason_kind);
  g_autofree char *value = NULL;

  const char *s = cell (c, role);
  gsize len = cell_len (c, role);

  /* A cell of spaces is empty too. */
  hk_trim (&s, &len);
  if (len == 0 || g_str_equal (reason_kind, "empty"))
    chunk_problem (c, c->line, kind, _("column \"%s\" is empty"), header_of (c, role));
  else
    {
      value = hk_cell_display_value (cell (c, role), cell_len (c, role));
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

/* An empty cell is NAN when the column may be empty, else a bad cell. */
static G_GNUC_NO_INLINE gboolean
number_cell_parse (Chunk  *c,
                   guint   role,
                   double *value)
{
  guint rule = c->rule[role];
  const char *s;
  gsize len;

  trimmed (c, role, &s, &len);
  if (len == 0)
    {
      if (!(rule & RULE_EMPTY_OK))
        return bad_cell (c, role, "empty", NULL);
      *value = NAN;
      return TRUE;
    }
  if (!hk_parse_double (s, len, value))
    return bad_cell (c, role, "number", _("is not a number"));
  if ((rule & RULE_NOT_NEGATIVE) && *value < 0)
    return bad_cell (c, role, "negative", _("is negative"));
  if ((rule & RULE_WHOLE) && (*value != floor (*value) || fabs (*value) > G_MAXINT32))
    return bad_cell (c, role, "whole", _("is not a whole number"));
  if (*value == 0)
    *value = 0; /* no negative zero */
  return TRUE;
}

/* A count or any number (whole numbers take whole_cell()). Most cells are
 * plain digits (not negative, not -0): read inline, the others out of line. */
static inline gboolean
number_cell (Chunk  *c,
             guint   role,
             double *value)
{
  if (hk_parse_plain_number (cell (c, role), cell_len (c, role), value))
    return TRUE;
  return number_cell_parse (c, role, value);
}

/* A whole number in 32 bits. Most cells are a few digits, read here; the
 * others (spaces, "2.0", "1e3", bad cells) are parsed out of line. */
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
  if (!number_cell_parse (c, role, &d))
    return FALSE;
  *value = (gint32) d;
  return TRUE;
}

/* A pooled cell's code in its column's pool; 0 (empty) when the file lacks
 * the column. Tracking reads its pooled cells here: none is a gender, and
 * pooled_cell()'s test would show on millions of rows. */
static inline guint32
intern_cell (Chunk *c,
             guint  role)
{
  const char *s;
  gsize len;

  if (!has_role (c, role))
    return 0;
  trimmed (c, role, &s, &len);
  return hk_str_pool_intern (c->pool_of[role], s, len);
}

/* m/male and f/female read Male, Female; other values as written. */
static G_GNUC_NO_INLINE guint32
gender_cell (Chunk *c,
             guint  role)
{
  const char *s, *gender;
  gsize len;

  if (!has_role (c, role))
    return 0;
  trimmed (c, role, &s, &len);
  gender = hk_normalize_gender (s, len);
  if (gender)
    s = gender, len = strlen (gender);
  return hk_str_pool_intern (c->pool_of[role], s, len);
}

/* A pooled cell as its column's kind says. */
static inline guint32
pooled_cell (Chunk *c,
             guint  role)
{
  if (G_UNLIKELY (c->rule[role] & RULE_GENDER))
    return gender_cell (c, role);
  return intern_cell (c, role);
}

static G_GNUC_NO_INLINE void
too_many_values (Chunk *c,
                 guint  role)
{
  if (c->fatal != NULL)
    return;
  c->fatal_line = c->line;
  c->fatal = g_strdup_printf (_("column \"%s\" has more than %u different values"),
                              header_of (c, role), HK_MAX_CODES16);
}

/* Past 16 bits, a code ends the file (the dataset keeps these in 16). */
static inline guint16
intern_cell16 (Chunk *c,
               guint  role)
{
  guint32 code = intern_cell (c, role);

  if (G_UNLIKELY (code > HK_MAX_CODES16))
    too_many_values (c, role);
  return code;
}

/* Text, trimmed unless kept as written. */
static inline const char *
text_cell (Chunk *c,
           guint  role)
{
  const char *s = cell (c, role);
  gsize len = cell_len (c, role);

  if (c->rule[role] & RULE_TRIM)
    hk_trim (&s, &len);
  if (len == 0)
    return "";
  return hk_text_arena_add (c->text, s, len);
}

/* The id of an influencer as the key of the influencers table or a reference. */
static inline gboolean
id_cell (Chunk       *c,
         guint        role,
         const char **id,
         gsize       *len)
{
  *id = hk_normalize_id (cell (c, role), cell_len (c, role), len);
  if (*len == 0 && !(c->rule[role] & RULE_EMPTY_OK))
    return bad_cell (c, role, "empty", NULL);
  return TRUE;
}

/* A trimmed cell; an empty one is a bad cell unless the column may be empty. */
static inline gboolean
trimmed_cell (Chunk       *c,
              guint        role,
              const char **str,
              gsize       *len)
{
  trimmed (c, role, str, len);
  if (*len == 0 && !(c->rule[role] & RULE_EMPTY_OK))
    return bad_cell (c, role, "empty", NULL);
  return TRUE;
}

/* An A/B group: exposed or holdout; none for an empty cell (or spaces) when
 * the column may be empty, else a bad cell. */
static inline gboolean
ab_cell (Chunk     *c,
         guint      role,
         HkAbGroup *group)
{
  gsize len = cell_len (c, role);

  *group = HK_AB_NONE;
  if (len > 0 && !hk_parse_ab_group (cell (c, role), len, group))
    return bad_cell (c, role, "group", _("is not exposed or holdout"));
  if (*group == HK_AB_NONE && !(c->rule[role] & RULE_EMPTY_OK))
    return bad_cell (c, role, "empty", NULL);
  return TRUE;
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
  number = id_number (&imp->id_form, id, len);
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

/* An empty cell is no day when the column may be empty, else a bad cell. */
static G_GNUC_NO_INLINE gboolean
date_cell_parse (Chunk   *c,
                 guint    role,
                 guint    state,
                 gint32  *day)
{
  DateState *ds = &c->dates[state];
  const char *s;
  gsize len;
  gint32 df, mf;

  trimmed (c, role, &s, &len);
  if (len == 0 && (c->rule[role] & RULE_EMPTY_OK))
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
          mo.text = hk_cell_display_value (s, len);
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
           gint32  *day)
{
  const DateState *ds = &c->dates[state];
  gsize len = cell_len (c, role);

  if (len == ds->last_len && len > 0 && same_bytes (cell (c, role), ds->last, len))
    {
      *day = ds->last_day;
      return TRUE;
    }
  return date_cell_parse (c, role, state, day);
}

/* ------------------------------------------------------------------------ */
/* Rows, one function a table. Cells that can make the row bad are read     */
/* first, so a skipped row leaves nothing behind in the pools; in the       */
/* schema's order, dates last, as a date notes what it read for its column  */
/* (DateState). The dataset builder checks cells in the same order.         */

static gboolean
read_influencer (Chunk *c,
                 guint  r)
{
  const char *id, *s;
  gsize id_len, len;
  double followers;
  guint32 code;

  if (!id_cell (c, INF_ID, &id, &id_len) ||
      !trimmed_cell (c, INF_NAME, &s, &len) ||
      !number_cell (c, INF_FOLLOWERS, &followers))
    return FALSE;

  code = hk_str_pool_lookup (c->pools[HK_POOL_ID], id, id_len);
  if (code != HK_STR_NONE)
    {
      guint first = 0;
      g_autofree char *value = NULL;

      /* The cell as written ("1.0"), as in every other message. */
      trimmed (c, INF_ID, &s, &len);
      value = hk_cell_display_value (s, len);

      while (c->id[first] != code)
        first++;
      chunk_problem (c, c->line, "id/duplicate",
                     _("column \"%s\": \"%s\" repeats the id on line %" PRIu64 "; the first row is kept"),
                     header_of (c, INF_ID), value, (uint64_t) c->inf_line[first]);
      return FALSE;
    }

  c->id[r] = hk_str_pool_intern (c->pools[HK_POOL_ID], id, id_len);
  c->name[r] = text_cell (c, INF_NAME);
  c->followers[r] = followers;
  c->category[r] = pooled_cell (c, INF_CATEGORY);
  c->gender[r] = pooled_cell (c, INF_GENDER);
  c->platform[r] = pooled_cell (c, INF_PLATFORM);
  c->city[r] = pooled_cell (c, INF_CITY);
  c->age_group[r] = pooled_cell (c, INF_AGE_GROUP);
  c->persona[r] = pooled_cell (c, INF_PERSONA);
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

  if (!id_cell (c, POST_INFLUENCER, &id, &id_len) ||
      !number_cell (c, POST_REACH, &c->reach[r]) ||
      !number_cell (c, POST_LIKES, &c->likes[r]) ||
      !number_cell (c, POST_COMMENTS, &c->comments[r]) ||
      !date_cell (c, POST_DATE, 0, &c->date[r]))
    return FALSE;

  c->group[r] = resolve_group (c, id, id_len, prefetch_group (c, id, id_len));
  c->platform[r] = pooled_cell (c, POST_PLATFORM);
  if (c->post_id)
    c->post_id[r] = text_cell (c, POST_ID);
  c->url[r] = text_cell (c, POST_URL);
  c->caption[r] = text_cell (c, POST_CAPTION);
  c->brand[r] = pooled_cell (c, POST_BRAND);
  c->campaign[r] = pooled_cell (c, POST_CAMPAIGN);
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

void
_hk_import_users_to_pool (Chunk *c,
                          guint  n_rows)
{
  HkUserForm form = user_form_settled (&c->user_form);

  c->user_form.numeric = FALSE;
  for (guint r = 0; r < n_rows; r++)
    if (c->user[r] != 0)
      {
        char buf[HK_USER_ID_BUF];
        const char *id = hk_user_form_format (&form, c->user[r], buf);

        c->user[r] = hk_str_pool_intern (c->pools[HK_POOL_USER], id, strlen (id));
      }
}

static void
queue_user (Chunk *c,
            guint  r)
{
  const char *s;
  gsize len;

  trimmed (c, TRK_USER, &s, &len);
  if (c->user_form.numeric)
    {
      guint32 code = len == 0 ? 0 : user_number (&c->user_form, s, len);

      if (len == 0 || code != 0)
        {
          c->user[r] = code;
          return;
        }
      /* The first id of another form: the ids before it go to the pool,
       * and every one after it. */
      _hk_import_users_to_pool (c, r);
    }
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

/* "123", "-123.4", "123.45", ".5": a plain number of at most two decimals,
 * in paise, under ten million rupees. */
static inline gboolean
plain_cents (const char *s,
             gsize       len,
             gboolean    negative_ok,
             gint32     *cents)
{
  gint32 v = 0;
  gsize i = negative_ok && len > 0 && s[0] == '-', first = i, decimals = 0;
  gboolean digits = FALSE;

  for (; i < len && (guint) ((guchar) s[i] - '0') <= 9; i++)
    {
      /* Eight digits are ten million rupees or more (and would overflow
       * with the paise): the caller reads those as doubles. */
      if (i - first == 7)
        return FALSE;
      v = v * 10 + (s[i] - '0'), digits = TRUE;
    }
  if (i < len && s[i] == '.')
    for (i++; i < len && decimals < 2 && (guint) ((guchar) s[i] - '0') <= 9; i++, decimals++)
      v = v * 10 + (s[i] - '0'), digits = TRUE;
  if (i != len || !digits)
    return FALSE;
  for (; decimals < 2; decimals++)
    v *= 10;
  /* No negative zero, as number_cell() reads none. */
  *cents = first ? -v : v;
  return TRUE;
}

G_GNUC_NO_INLINE void
_hk_import_revenue_to_doubles (Chunk *c,
                               guint  r)
{
  for (guint i = 0; i < r; i++)
    c->revenue[i] = c->cents[i] / 100.0;
  g_clear_pointer (&c->cents, hk_big_free);
  c->revenue_doubles = TRUE;
}

/* Revenue is kept in paise while each value allows: half the bytes of a
 * double while the file is read. cents / 100.0 is the very double the
 * text reads as: one correctly rounded division of the same exact value
 * (hk_parse_plain_number(), hk_parse_double()), and a negative one rounds
 * as its opposite. */
static inline gboolean
revenue_cell (Chunk *c,
              guint  r)
{
  if (c->cents != NULL)
    {
      if (plain_cents (cell (c, TRK_REVENUE), cell_len (c, TRK_REVENUE),
                       !(c->rule[TRK_REVENUE] & RULE_NOT_NEGATIVE), &c->cents[r]))
        return TRUE;
      _hk_import_revenue_to_doubles (c, r);
    }
  return number_cell (c, TRK_REVENUE, &c->revenue[r]);
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

  if (!id_cell (c, TRK_INFLUENCER, &id, &id_len))
    return FALSE;
  number = prefetch_group (c, id, id_len);
  if (!whole_cell (c, TRK_ORDERS, &c->orders[r]) ||
      !revenue_cell (c, r))
    return FALSE;
  /* Not ab_cell(): ab_group may be empty, and testing that on every row
   * would show (test-schema holds this to the schema). */
  if (has_role (c, TRK_AB) && cell_len (c, TRK_AB) > 0 &&
      !hk_parse_ab_group (cell (c, TRK_AB), cell_len (c, TRK_AB), &ab))
    return bad_cell (c, TRK_AB, "group", _("is not exposed or holdout"));
  if (!date_cell (c, TRK_DATE, 0, &c->date[r]))
    return FALSE;

  c->source16[r] = intern_cell16 (c, TRK_SOURCE);
  c->campaign16[r] = intern_cell16 (c, TRK_CAMPAIGN);
  c->product16[r] = intern_cell16 (c, TRK_PRODUCT);
  queue_user (c, r);
  brand = intern_cell16 (c, TRK_BRAND);
  if (c->brand16)
    c->brand16[r] = brand;
  if (c->city16)
    c->city16[r] = intern_cell16 (c, TRK_CITY);
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

  if (!id_cell (c, PAY_INFLUENCER, &id, &id_len) ||
      !trimmed_cell (c, PAY_BASIS, &s, &len))
    return FALSE;
  if (!hk_parse_basis (s, len, &basis))
    return bad_cell (c, PAY_BASIS, "basis", _("is not post or order"));
  if (!number_cell (c, PAY_RATE, &c->rate[r]) ||
      !number_cell (c, PAY_ORDERS, &c->pay_orders[r]) ||
      !number_cell (c, PAY_TOTAL, &c->total[r]))
    return FALSE;
  if (has_role (c, PAY_POSTS))
    {
      if (!number_cell (c, PAY_POSTS, &c->pay_posts[r]))
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
  c->campaign[r] = pooled_cell (c, PAY_CAMPAIGN);
  c->brand[r] = pooled_cell (c, PAY_BRAND);
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

  if (!trimmed_cell (c, HO_CAMPAIGN, &s, &len) ||
      !ab_cell (c, HO_GROUP, &group) ||
      !number_cell (c, HO_USERS, &c->users[r]))
    return FALSE;
  if (has_role (c, HO_START))
    {
      if (!date_cell (c, HO_START, 0, &c->start[r]))
        return FALSE;
    }
  else
    c->start[r] = HK_DAY_NONE;
  if (has_role (c, HO_END))
    {
      if (!date_cell (c, HO_END, 1, &c->end[r]))
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
  c->campaign[r] = pooled_cell (c, HO_CAMPAIGN);
  c->brand[r] = pooled_cell (c, HO_BRAND);
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
void
_hk_import_chunk_read (Chunk    *c,
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
