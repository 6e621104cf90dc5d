/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hk-dataset-private.h"
#include "hk-date.h"
#include "hk-parse.h"
#include "hk-pg-private.h"

/* Reading a dataset from PostgreSQL. Every query is one a Citus cluster
 * distributes as it is: influencers, posts, payouts and holdout groups are
 * plain scans; tracking is one GROUP BY that includes influencer_id (the
 * distribution column), so each worker aggregates its own shards. Holdout
 * tests need each tested user's sums: users with an ab_group are found by an
 * uncorrelated DISTINCT (which Citus plans on its own and broadcasts), and
 * only their rows keep the user in the key. */

struct _HkPgSource
{
  GObject  parent_instance;

  char    *conninfo;
  char    *schema;
  char    *schema_read; /* the schema the last load read */
  guint64  rows_fetched;
  guint64  bytes_fetched;
};

static void hk_pg_source_iface_init (HkSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HkPgSource, hk_pg_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HK_TYPE_SOURCE, hk_pg_source_iface_init))

typedef struct {
  HkPgSource       *self;
  PGconn           *conn;
  HkPgCatalog      *catalog;
  HkDatasetBuilder *builder;
  GCancellable     *cancellable;
  HkProgressFunc    progress;
  gpointer          progress_data;
  double            phase_start; /* of the progress bar, for the running query */
  double            phase_end;
  guint64           phase_rows;
} Load;

static void
report_progress (Load   *load,
                 double  fraction)
{
  if (load->progress)
    load->progress (fraction, load->progress_data);
}

/* ------------------------------------------------------------------------ */
/* Queries                                                                  */

typedef gboolean (*RowFunc) (Load     *load,
                             PGresult *row,
                             gpointer  data);

/* Runs sql and hands its rows to func one at a time (libpq's single-row
 * mode: nothing is held but the row), cancellable through PQcancel. */
static gboolean
stream_query (Load        *load,
              const char  *sql,
              const char  *what,
              RowFunc      func,
              gpointer     data,
              GError     **error)
{
  HkPgCancel *watch;
  PGresult *res;
  gboolean ok = TRUE;

  /* A cancel between queries has no query to stop. */
  if (g_cancellable_set_error_if_cancelled (load->cancellable, error))
    return FALSE;
  g_debug ("%s", sql);
  load->phase_rows = 0;
  if (!PQsendQuery (load->conn, sql) || !PQsetSingleRowMode (load->conn))
    {
      hk_pg_set_error (error, load->conn, NULL, what, load->cancellable);
      ok = FALSE;
    }
  /* Watched once sent: a cancel from now on (or since the check above: the
   * handler then runs at once) stops this query. */
  watch = hk_pg_cancel_watch (load->conn, load->cancellable);
  while ((res = PQgetResult (load->conn)) != NULL)
    {
      ExecStatusType st = PQresultStatus (res);

      if (st == PGRES_SINGLE_TUPLE && ok)
        {
          load->self->rows_fetched++;
          for (int f = 0; f < PQnfields (res); f++)
            load->self->bytes_fetched += PQgetlength (res, 0, f);
          ok = func (load, res, data);
          if ((++load->phase_rows & 0x3fff) == 0)
            /* How many rows come is unknown: creep towards the phase's end. */
            report_progress (load, load->phase_start + (load->phase_end - load->phase_start) *
                             (1 - 1 / (1 + load->phase_rows / 200000.0)));
        }
      else if (st != PGRES_SINGLE_TUPLE && st != PGRES_TUPLES_OK && ok)
        {
          hk_pg_set_error (error, load->conn, res, what, load->cancellable);
          ok = FALSE;
        }
      PQclear (res);
    }
  hk_pg_cancel_unwatch (watch);
  if (ok && g_cancellable_set_error_if_cancelled (load->cancellable, error))
    ok = FALSE;
  report_progress (load, load->phase_end);
  return ok;
}

static const char *
value_or_null (PGresult *res,
               int       field)
{
  return PQgetisnull (res, 0, field) ? NULL : PQgetvalue (res, 0, field);
}

/* ------------------------------------------------------------------------ */
/* Dates                                                                    */

/* A date column of text: its distinct values read as the importer reads a
 * file's column (day-first unless some value reads only month-first and none
 * only day-first), as a map from text to day. */
static gboolean
gather_date (Load     *load,
             PGresult *row,
             gpointer  data)
{
  g_ptr_array_add (data, g_strdup (PQgetvalue (row, 0, 0)));
  return TRUE;
}

static GHashTable *
read_text_dates (Load       *load,
                 HkPgTable  *t,
                 HkPgColumn *col,
                 GError    **error)
{
  g_autofree char *qc = hk_pg_quote (load->conn, col->name);
  g_autofree char *sql = g_strdup_printf ("SELECT DISTINCT %s::text FROM %s WHERE %s IS NOT NULL",
                                          qc, t->qualified, qc);
  g_autofree char *what = g_strdup_printf ("%s.%s", t->name, col->name);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  GHashTable *map;
  gboolean day_only = FALSE, month_only = FALSE;

  if (!stream_query (load, sql, what, gather_date, values, error))
    return NULL;
  for (guint i = 0; i < values->len; i++)
    {
      gint32 d, m;
      HkDateReading reading = hk_date_parse (values->pdata[i], strlen (values->pdata[i]), &d, &m);

      day_only |= reading == HK_DATE_DAY_FIRST_ONLY;
      month_only |= reading == HK_DATE_MONTH_FIRST_ONLY;
    }
  map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < values->len; i++)
    {
      char *text = values->pdata[i];
      gint32 d, m;
      HkDateReading reading = hk_date_parse (text, strlen (text), &d, &m);
      gint32 day = reading == HK_DATE_INVALID ? HK_DAY_NONE :
                   reading == HK_DATE_MONTH_FIRST_ONLY || (month_only && !day_only && reading == HK_DATE_AMBIGUOUS) ? m : d;

      if (day != HK_DAY_NONE)
        g_hash_table_insert (map, g_strdup (text), GINT_TO_POINTER (day));
    }
  return map;
}

/* How a column is selected: dates as YYYY-MM-DD when the column is a date or
 * time type (the time of day dropped), else every value as text. */
static char *
select_expr (PGconn       *conn,
             HkTable       table,
             HkPgColumn   *col,
             const char   *alias)
{
  g_autofree char *qc = hk_pg_quote (conn, col->name);

  /* A date comes back as YYYY-MM-DD (DateStyle ISO, hk_pg_connect()). */
  if (col->role >= 0 && hk_schema_get_column (table, col->role)->kind == HK_COLUMN_DATE && col->category == 'D')
    return g_strdup_printf ("%s%s::date", alias, qc);
  return g_strdup_printf ("%s%s::text", alias, qc);
}

/* The day of a cell of a date column (HK_DAY_NONE: empty or unreadable). */
static gint32
cell_day (const char *text,
          HkPgColumn *col,
          GHashTable *text_dates)
{
  if (text == NULL)
    return HK_DAY_NONE;
  if (col->category == 'D')
    {
      gint32 day;
      return hk_date_parse_iso (text, &day) ? day : HK_DAY_NONE;
    }
  return text_dates ? GPOINTER_TO_INT (g_hash_table_lookup (text_dates, text) ? g_hash_table_lookup (text_dates, text)
                                                                               : GINT_TO_POINTER (HK_DAY_NONE))
                    : HK_DAY_NONE;
}

static void
set_cell (HkDatasetBuilder *builder,
          HkTable           table,
          HkPgColumn       *col,
          const char       *text,
          GHashTable       *text_dates)
{
  const HkSchemaColumn *sc = hk_schema_get_column (table, col->role);
  double value = NAN;

  switch (sc->kind)
    {
    case HK_COLUMN_COUNT:
    case HK_COLUMN_NUMBER:
    case HK_COLUMN_WHOLE:
      if (text && !hk_parse_double (text, strlen (text), &value))
        value = NAN;
      hk_dataset_builder_set_number (builder, col->role, value);
      break;
    case HK_COLUMN_DATE:
      hk_dataset_builder_set_day (builder, col->role, cell_day (text, col, text_dates));
      break;
    case HK_COLUMN_ID:
    case HK_COLUMN_NAME:
    case HK_COLUMN_TEXT:
    case HK_COLUMN_RAW_TEXT:
    case HK_COLUMN_POOLED:
    case HK_COLUMN_GENDER:
    case HK_COLUMN_BASIS:
    case HK_COLUMN_AB_GROUP:
    default:
      hk_dataset_builder_set_text (builder, col->role, text, -1);
      break;
    }
}

/* Whether the table has every required column; if not, the builder says
 * which are missing when the table begins. */
static gboolean
has_required (HkTable    table,
              HkPgTable *t)
{
  const HkTableSchema *schema = hk_schema_get_table (table);

  for (guint r = 0; r < schema->n_columns; r++)
    if (schema->columns[r].required && t->column_of_role[r] < 0)
      return FALSE;
  return TRUE;
}

static void
date_map_free (gpointer map)
{
  if (map)
    g_hash_table_unref (map);
}

/* Text date columns' maps, by column index (NULL elsewhere). */
static GPtrArray *
read_date_maps (Load       *load,
                HkTable     table,
                HkPgTable  *t,
                GError    **error)
{
  g_autoptr(GPtrArray) maps = g_ptr_array_new_with_free_func (date_map_free);

  for (guint i = 0; i < t->columns->len; i++)
    {
      HkPgColumn *col = t->columns->pdata[i];
      GHashTable *map = NULL;

      if (col->role >= 0 && hk_schema_get_column (table, col->role)->kind == HK_COLUMN_DATE && col->category != 'D' &&
          (map = read_text_dates (load, t, col, error)) == NULL)
        return NULL;
      g_ptr_array_add (maps, map);
    }
  return g_steal_pointer (&maps);
}

static char *
table_display_name (Load    *load,
                    HkTable  table)
{
  HkPgTable *t = load->catalog->tables[table];

  return g_strdup_printf ("%s.%s", load->catalog->schema, t ? t->name : hk_pg_table_default_name (table));
}

/* ------------------------------------------------------------------------ */
/* Tables read whole: influencers, posts, payouts, holdout groups           */

typedef struct {
  HkTable     table;
  HkPgTable  *t;
  GPtrArray  *date_maps;
} WholeTable;

static gboolean
add_whole_row (Load     *load,
               PGresult *row,
               gpointer  data)
{
  WholeTable *w = data;
  guint field = 0, extra = 0;

  for (guint i = 0; i < w->t->columns->len; i++)
    {
      HkPgColumn *col = w->t->columns->pdata[i];
      const char *text;

      if (col->role == -2)
        continue;
      text = value_or_null (row, field++);
      if (col->role < 0)
        hk_dataset_builder_set_extra (load->builder, extra++, text, -1);
      else
        set_cell (load->builder, w->table, col, text, w->date_maps->pdata[i]);
    }
  hk_dataset_builder_add_row (load->builder);
  return TRUE;
}

static gboolean
read_whole_table (Load     *load,
                  HkTable   table,
                  GError  **error)
{
  HkPgTable *t = load->catalog->tables[table];
  g_autofree char *name = table_display_name (load, table);
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(GPtrArray) maps = NULL;
  WholeTable w = { table, t, NULL };
  gboolean ok = TRUE;
  int order;

  if (t == NULL)
    {
      hk_dataset_builder_set_table_name (load->builder, table, name);
      return TRUE;
    }
  for (guint i = 0; i < t->columns->len; i++)
    {
      HkPgColumn *col = t->columns->pdata[i];
      g_autofree char *expr = NULL;

      if (col->role == -2)
        continue;
      expr = select_expr (load->conn, table, col, "");
      g_string_append_printf (sql, "%s%s", header->len ? ", " : "", expr);
      g_ptr_array_add (header, col->name);
    }
  g_ptr_array_add (header, NULL);
  hk_dataset_builder_begin_table (load->builder, table, name, (const char * const *) header->pdata);
  if (has_required (table, t))
    {
      g_autofree char *qo = NULL;

      /* load-db's file order, else by the first column (the influencer id;
       * the campaign of a holdout group): the same order every time. */
      order = t->line_column >= 0 ? t->line_column : t->column_of_role[0];
      qo = hk_pg_quote (load->conn, ((HkPgColumn *) t->columns->pdata[order])->name);
      g_string_append_printf (sql, " FROM %s ORDER BY %s", t->qualified, qo);
      maps = read_date_maps (load, table, t, error);
      w.date_maps = maps;
      ok = maps && stream_query (load, sql->str, name, add_whole_row, &w, error);
    }
  hk_dataset_builder_end_table (load->builder);
  return ok;
}

/* ------------------------------------------------------------------------ */
/* Tracking, aggregated                                                     */

/* The fields of the tracking query, in order. */
enum { Q_INFLUENCER, Q_DATE, Q_BRAND, Q_CAMPAIGN, Q_PRODUCT, Q_SOURCE, Q_AB, Q_USER, Q_NULLS,
       Q_ORDERS, Q_REVENUE, Q_ROWS, N_Q };

typedef struct {
  HkPgTable  *t;
  GHashTable *dates; /* a text date column's map, else NULL */
} TrackingQuery;

static gboolean
add_tracking_row (Load     *load,
                  PGresult *row,
                  gpointer  data)
{
  TrackingQuery *q = data;
  HkDatasetBuilder *b = load->builder;
  HkPgColumn *date_col = q->t->columns->pdata[q->t->column_of_role[TRK_DATE]];
  int nulls = atoi (PQgetvalue (row, 0, Q_NULLS));
  double orders = NAN, revenue = NAN, rows = 1;

  hk_dataset_builder_set_text (b, TRK_INFLUENCER, value_or_null (row, Q_INFLUENCER), -1);
  hk_dataset_builder_set_day (b, TRK_DATE, cell_day (value_or_null (row, Q_DATE), date_col, q->dates));
  hk_dataset_builder_set_text (b, TRK_BRAND, value_or_null (row, Q_BRAND), -1);
  hk_dataset_builder_set_text (b, TRK_CAMPAIGN, value_or_null (row, Q_CAMPAIGN), -1);
  hk_dataset_builder_set_text (b, TRK_PRODUCT, value_or_null (row, Q_PRODUCT), -1);
  hk_dataset_builder_set_text (b, TRK_SOURCE, value_or_null (row, Q_SOURCE), -1);
  hk_dataset_builder_set_text (b, TRK_AB, value_or_null (row, Q_AB), -1);
  hk_dataset_builder_set_text (b, TRK_USER, value_or_null (row, Q_USER), -1);
  /* A row with an empty number is a bad row: so is the group of them. */
  if (!(nulls & 1) && !hk_parse_double (PQgetvalue (row, 0, Q_ORDERS), PQgetlength (row, 0, Q_ORDERS), &orders))
    orders = NAN;
  if (!(nulls & 2) && !hk_parse_double (PQgetvalue (row, 0, Q_REVENUE), PQgetlength (row, 0, Q_REVENUE), &revenue))
    revenue = NAN;
  hk_dataset_builder_set_number (b, TRK_ORDERS, orders);
  hk_dataset_builder_set_number (b, TRK_REVENUE, revenue);
  if (!hk_parse_double (PQgetvalue (row, 0, Q_ROWS), PQgetlength (row, 0, Q_ROWS), &rows) || rows < 1)
    rows = 1;
  hk_dataset_builder_set_row_count (b, (guint32) MIN (rows, G_MAXUINT32));
  hk_dataset_builder_add_row (b);
  return TRUE;
}

/* The column of role as an expression of alias t, or NULL when absent. */
static char *
tracking_column (PGconn    *conn,
                 HkPgTable *t,
                 guint      role,
                 gboolean   sum)
{
  HkPgColumn *col;
  g_autofree char *qc = NULL;

  if (t->column_of_role[role] < 0)
    return g_strdup ("NULL::text");
  col = t->columns->pdata[t->column_of_role[role]];
  qc = hk_pg_quote (conn, col->name);
  if (sum)
    /* Text numbers are summed as numeric: exact, like the importer's reading. */
    return g_strdup_printf (col->category == 'N' ? "sum(t.%s)" : "sum(t.%s::text::numeric)", qc);
  return select_expr (conn, HK_TABLE_TRACKING, col, "t.");
}

/* The tracking query (docs/postgresql.md): one row per influencer, day,
 * brand, campaign, product, source, test group and — for users with a test
 * group — user, with the sums of orders and revenue and the rows summed. */
static char *
tracking_sql (PGconn    *conn,
              HkPgTable *t)
{
  g_autofree char *inf = tracking_column (conn, t, TRK_INFLUENCER, FALSE);
  g_autofree char *date = tracking_column (conn, t, TRK_DATE, FALSE);
  g_autofree char *brand = tracking_column (conn, t, TRK_BRAND, FALSE);
  g_autofree char *campaign = tracking_column (conn, t, TRK_CAMPAIGN, FALSE);
  g_autofree char *product = tracking_column (conn, t, TRK_PRODUCT, FALSE);
  g_autofree char *source = tracking_column (conn, t, TRK_SOURCE, FALSE);
  g_autofree char *ab = tracking_column (conn, t, TRK_AB, FALSE);
  g_autofree char *orders = tracking_column (conn, t, TRK_ORDERS, TRUE);
  g_autofree char *revenue = tracking_column (conn, t, TRK_REVENUE, TRUE);
  g_autofree char *q_orders = hk_pg_quote (conn, ((HkPgColumn *) t->columns->pdata[t->column_of_role[TRK_ORDERS]])->name);
  g_autofree char *q_revenue = hk_pg_quote (conn, ((HkPgColumn *) t->columns->pdata[t->column_of_role[TRK_REVENUE]])->name);
  g_autofree char *q_user = hk_pg_quote (conn, ((HkPgColumn *) t->columns->pdata[t->column_of_role[TRK_USER]])->name);
  g_autofree char *q_ab = t->column_of_role[TRK_AB] < 0 ? NULL :
                          hk_pg_quote (conn, ((HkPgColumn *) t->columns->pdata[t->column_of_role[TRK_AB]])->name);
  GString *sql = g_string_new (NULL);

  /* Users as stored (a join on trimmed text costs a second at M): keeping
   * the user of a row whose group is only spaces is harmless, it merely
   * splits an aggregate. */
  if (q_ab)
    g_string_append_printf (sql,
                            "WITH tested AS (SELECT DISTINCT %s AS u FROM %s "
                            "WHERE %s::text <> '' AND %s IS NOT NULL) ",
                            q_user, t->qualified, q_ab, q_user);
  g_string_append_printf (sql,
                          "SELECT %s, %s, %s, %s, %s, %s, %s, %s, "
                          "(t.%s IS NULL)::int + 2 * (t.%s IS NULL)::int, %s, %s, count(*) FROM %s AS t ",
                          inf, date, brand, campaign, product, source, ab, q_ab ? "tu.u::text" : "NULL::text",
                          q_orders, q_revenue, orders, revenue, t->qualified);
  if (q_ab)
    g_string_append_printf (sql, "LEFT JOIN tested AS tu ON tu.u = t.%s ", q_user);
  g_string_append (sql, "GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ");
  /* Each aggregate where its first row was: then values are met in the
   * order the table has them, so the dataset numbers campaigns, products, …
   * as the importer does for the folder (holdout tests are listed in that
   * order). Without load-db's source_line, an order that does not change. */
  if (t->line_column >= 0)
    {
      g_autofree char *q_line = hk_pg_quote (conn, ((HkPgColumn *) t->columns->pdata[t->line_column])->name);
      g_string_append_printf (sql, "ORDER BY min(t.%s)", q_line);
    }
  else
    g_string_append (sql, "ORDER BY 2, 1, 3, 4, 5, 6, 7, 8, 9");
  return g_string_free (sql, FALSE);
}

static gboolean
read_tracking (Load    *load,
               GError **error)
{
  static const guint roles[] = { TRK_INFLUENCER, TRK_DATE, TRK_BRAND, TRK_CAMPAIGN, TRK_PRODUCT, TRK_SOURCE,
                                 TRK_AB, TRK_USER, TRK_ORDERS, TRK_REVENUE };
  HkPgTable *t = load->catalog->tables[HK_TABLE_TRACKING];
  g_autofree char *name = table_display_name (load, HK_TABLE_TRACKING);
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autoptr(GHashTable) dates = NULL;
  g_autofree char *sql = NULL;
  TrackingQuery q = { t, NULL };
  gboolean ok = TRUE;

  if (t == NULL)
    {
      hk_dataset_builder_set_table_name (load->builder, HK_TABLE_TRACKING, name);
      return TRUE;
    }
  /* The columns the metrics need, under their names in the database; other
   * columns (city, tracking_id, …) do not survive aggregation. */
  for (guint k = 0; k < G_N_ELEMENTS (roles); k++)
    if (t->column_of_role[roles[k]] >= 0)
      g_ptr_array_add (header, ((HkPgColumn *) t->columns->pdata[t->column_of_role[roles[k]]])->name);
  g_ptr_array_add (header, NULL);
  hk_dataset_builder_begin_table (load->builder, HK_TABLE_TRACKING, name, (const char * const *) header->pdata);
  if (has_required (HK_TABLE_TRACKING, t))
    {
      HkPgColumn *date_col = t->columns->pdata[t->column_of_role[TRK_DATE]];

      if (date_col->category != 'D')
        ok = (q.dates = dates = read_text_dates (load, t, date_col, error)) != NULL;
      sql = tracking_sql (load->conn, t);
      ok = ok && stream_query (load, sql, name, add_tracking_row, &q, error);
    }
  hk_dataset_builder_end_table (load->builder);
  return ok;
}

/* ------------------------------------------------------------------------ */
/* The source                                                               */

static gboolean
run_phase (Load     *load,
           HkTable   table,
           double    end,
           GError  **error)
{
  load->phase_start = load->phase_end;
  load->phase_end = end;
  return table == HK_TABLE_TRACKING ? read_tracking (load, error) : read_whole_table (load, table, error);
}

static gboolean
hk_pg_source_fill (HkSource          *source,
                   HkDatasetBuilder  *builder,
                   HkProgressFunc     progress,
                   gpointer           progress_data,
                   GCancellable      *cancellable,
                   GError           **error)
{
  HkPgSource *self = HK_PG_SOURCE (source);
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(HkPgCatalog) catalog = NULL;
  /* Where each table's reading ends on the progress bar. */
  static const double ends[HK_N_TABLES] = { 0.1, 0.3, 0.9, 0.97, 1.0 };
  Load load = { self, NULL, NULL, builder, cancellable, progress, progress_data, 0, 0.05, 0 };

  self->rows_fetched = self->bytes_fetched = 0;
  conn = hk_pg_connect (self->conninfo, cancellable, error);
  if (conn == NULL)
    return FALSE;
  report_progress (&load, 0.02);
  /* One snapshot for every query: the tables agree with each other. JIT
   * compiling costs seconds and saves little on one scan; the aggregate's
   * hash and sort spill to disk at the default work_mem. This session only. */
  if (!hk_pg_exec (conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", NULL, error) ||
      !hk_pg_exec (conn, "SET LOCAL jit = off; SET LOCAL work_mem = '64MB'", NULL, error) ||
      (catalog = hk_pg_catalog_read (conn, self->schema, error)) == NULL)
    return FALSE;
  load.conn = conn;
  load.catalog = catalog;
  g_free (self->schema_read);
  self->schema_read = g_strdup (catalog->schema);
  report_progress (&load, 0.05);
  for (HkTable table = 0; table < HK_N_TABLES; table++)
    if (!run_phase (&load, table, ends[table], error))
      return FALSE;
  hk_pg_exec (conn, "COMMIT", NULL, NULL);
  return TRUE;
}

/* The default load, and the dataset says where it came from. */
static HkDataset *
hk_pg_source_load (HkSource         *source,
                   HkProgressFunc    progress,
                   gpointer          progress_data,
                   GCancellable     *cancellable,
                   HkImportReport  **report,
                   GError          **error)
{
  HkPgSource *self = HK_PG_SOURCE (source);
  g_autoptr(HkDatasetBuilder) builder = hk_dataset_builder_new ();
  g_autofree char *where = NULL;
  HkDataset *ds;

  if (!hk_pg_source_fill (source, builder, progress, progress_data, cancellable, error))
    return NULL;
  ds = hk_dataset_builder_finish (builder, report, error);
  if (ds)
    {
      where = hk_pg_location_describe (self->conninfo);
      /* TRANSLATORS: a database and the schema of its tables */
      ds->location = g_strdup_printf (_("%s, schema %s"), where, self->schema_read);
    }
  return ds;
}

static void
hk_pg_source_iface_init (HkSourceInterface *iface)
{
  iface->fill = hk_pg_source_fill;
  iface->load = hk_pg_source_load;
}

static void
hk_pg_source_finalize (GObject *object)
{
  HkPgSource *self = HK_PG_SOURCE (object);

  g_free (self->conninfo);
  g_free (self->schema);
  g_free (self->schema_read);

  G_OBJECT_CLASS (hk_pg_source_parent_class)->finalize (object);
}

static void
hk_pg_source_class_init (HkPgSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hk_pg_source_finalize;
}

static void
hk_pg_source_init (HkPgSource *self)
{
}

HkSource *
hk_pg_source_new (const char *conninfo,
                  const char *schema)
{
  HkPgSource *self;

  g_return_val_if_fail (conninfo != NULL, NULL);

  self = g_object_new (HK_TYPE_PG_SOURCE, NULL);
  self->conninfo = g_strdup (conninfo);
  self->schema = schema && *schema ? g_strdup (schema) : NULL;
  return HK_SOURCE (self);
}

void
hk_pg_source_get_fetched (HkPgSource *self,
                          guint64    *rows,
                          guint64    *bytes)
{
  g_return_if_fail (HK_IS_PG_SOURCE (self));

  if (rows)
    *rows = self->rows_fetched;
  if (bytes)
    *bytes = self->bytes_fetched;
}
