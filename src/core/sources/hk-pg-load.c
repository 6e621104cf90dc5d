/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "hk-dataset-private.h"
#include "hk-import.h"
#include "hk-pg-private.h"

/* load-db: a CSV folder into PostgreSQL, so that a user can try the database
 * source on data they know. The folder is read by the importer (every rule of
 * DESIGN.md §2: aliases, day-first dates, "42.0" ids, bad rows skipped and
 * reported), written back normalized into a temporary folder, and each file
 * goes to the server with COPY. A source_line column keeps the file's order,
 * so that the database gives back the folder's dataset row for row. */

static const char *
sql_type (HkColumnKind kind)
{
  switch (kind)
    {
    case HK_COLUMN_COUNT:
      return "double precision";
    case HK_COLUMN_NUMBER:
      return "numeric";
    case HK_COLUMN_WHOLE:
      return "integer";
    case HK_COLUMN_DATE:
      return "date";
    case HK_COLUMN_ID:
    case HK_COLUMN_NAME:
    case HK_COLUMN_TEXT:
    case HK_COLUMN_RAW_TEXT:
    case HK_COLUMN_POOLED:
    case HK_COLUMN_GENDER:
    case HK_COLUMN_BASIS:
    case HK_COLUMN_AB_GROUP:
    default:
      return "text";
    }
}

/* The indexes of each table (docs/postgresql.md): by influencer and day for
 * what is grouped by them, by campaign and tested user for holdout tests. */
static const char * const table_indexes[HK_N_TABLES][3] = {
  [HK_TABLE_INFLUENCERS] = { "(id)" },
  [HK_TABLE_POSTS] = { "(influencer_id, date)" },
  [HK_TABLE_TRACKING] = { "(influencer_id, date)", "(campaign)", "(user_id) WHERE ab_group <> ''" },
  [HK_TABLE_PAYOUTS] = { "(influencer_id)" },
  [HK_TABLE_HOLDOUT] = { NULL },
};

/* CREATE TABLE for a table of ds, columns in the file's order: known columns
 * under their canonical names, the others under theirs; *columns receives the
 * quoted column list for COPY. */
static char *
create_sql (PGconn     *conn,
            HkDataset  *ds,
            HkTable     table,
            const char *qualified,
            char      **columns)
{
  HkTableData *td = &ds->tables[table];
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) list = g_string_new (NULL);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int role_of_field[256];

  for (guint f = 0; f < td->header->len && f < G_N_ELEMENTS (role_of_field); f++)
    role_of_field[f] = -1;
  for (guint r = 0; r < HK_MAX_ROLES; r++)
    if (td->field_of_role[r] >= 0 && td->field_of_role[r] < (int) G_N_ELEMENTS (role_of_field))
      role_of_field[td->field_of_role[r]] = r;

  g_string_append_printf (sql, "CREATE TABLE %s (source_line bigint GENERATED ALWAYS AS IDENTITY", qualified);
  for (guint f = 0; f < td->header->len && f < G_N_ELEMENTS (role_of_field); f++)
    {
      int role = role_of_field[f];
      const char *name = role >= 0 ? hk_schema_get_column (table, role)->name : td->header->pdata[f];
      g_autofree char *unique = g_ascii_strdown (name, -1);
      g_autofree char *quoted = NULL;

      /* Unknown columns keep their header; a repeated one gets a suffix. */
      for (guint k = 2; g_hash_table_contains (used, unique) || g_str_equal (unique, "source_line"); k++)
        {
          g_free (unique);
          unique = g_strdup_printf ("%s_%u", name, k);
        }
      g_hash_table_add (used, g_ascii_strdown (unique, -1));
      quoted = hk_pg_quote (conn, role >= 0 ? name : unique);
      g_string_append_printf (sql, ", %s %s", quoted,
                              role >= 0 ? sql_type (hk_schema_get_column (table, role)->kind) : "text");
      g_string_append_printf (list, "%s%s", list->len ? ", " : "", quoted);
    }
  g_string_append (sql, ")");
  *columns = g_strdup (list->str);
  return g_strdup (sql->str);
}

/* Streams a file into COPY … FROM STDIN. */
static gboolean
copy_file (PGconn        *conn,
           const char    *path,
           const char    *sql,
           const char    *what,
           guint64       *done,
           guint64        total,
           HkProgressFunc progress,
           gpointer       progress_data,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, cancellable, error);
  g_autoptr(PGresult) res = NULL;
  g_autofree char *buf = g_malloc (1 << 20);
  gssize n;

  if (in == NULL)
    return FALSE;
  res = PQexec (conn, sql);
  if (PQresultStatus (res) != PGRES_COPY_IN)
    {
      hk_pg_set_error (error, conn, res, what, cancellable);
      return FALSE;
    }
  g_clear_pointer (&res, PQclear);
  while ((n = g_input_stream_read (G_INPUT_STREAM (in), buf, 1 << 20, cancellable, error)) > 0)
    {
      if (PQputCopyData (conn, buf, n) != 1)
        break;
      *done += n;
      if (progress)
        progress ((double) *done / MAX (total, 1), progress_data);
    }
  if (n < 0)
    {
      PQputCopyEnd (conn, "cancelled");
      while ((res = PQgetResult (conn)) != NULL)
        g_clear_pointer (&res, PQclear);
      return FALSE;
    }
  PQputCopyEnd (conn, NULL);
  res = PQgetResult (conn);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    {
      hk_pg_set_error (error, conn, res, what, cancellable);
      g_clear_pointer (&res, PQclear);
      while ((res = PQgetResult (conn)) != NULL)
        g_clear_pointer (&res, PQclear);
      return FALSE;
    }
  g_clear_pointer (&res, PQclear);
  while ((res = PQgetResult (conn)) != NULL)
    g_clear_pointer (&res, PQclear);
  return TRUE;
}

/* Drops both names of a table: the source would prefer the other one. */
static gboolean
create_table (PGconn      *conn,
              HkDataset   *ds,
              HkTable      table,
              const char  *qschema,
              char       **qualified,
              char       **columns,
              GError     **error)
{
  const HkTableSchema *schema = hk_schema_get_table (table);
  g_autofree char *qtable = hk_pg_quote (conn, hk_pg_table_default_name (table));
  g_autofree char *create = NULL;

  for (guint k = 0; k < G_N_ELEMENTS (schema->files) && schema->files[k]; k++)
    {
      g_autofree char *base = g_strndup (schema->files[k], strlen (schema->files[k]) - strlen (".csv"));
      g_autofree char *qbase = hk_pg_quote (conn, base);
      g_autofree char *drop = g_strdup_printf ("DROP TABLE IF EXISTS %s.%s CASCADE", qschema, qbase);

      if (!hk_pg_exec (conn, drop, base, error))
        return FALSE;
    }
  *qualified = g_strdup_printf ("%s.%s", qschema, qtable);
  create = create_sql (conn, ds, table, *qualified, columns);
  return hk_pg_exec (conn, create, hk_pg_table_default_name (table), error);
}

static gboolean
index_table (PGconn      *conn,
             HkTable      table,
             const char  *qualified,
             GError     **error)
{
  for (guint k = 0; k < G_N_ELEMENTS (table_indexes[table]) && table_indexes[table][k]; k++)
    {
      const char *cols = table_indexes[table][k];
      g_autofree char *sql = g_strdup_printf ("CREATE %sINDEX ON %s %s",
                                              table == HK_TABLE_INFLUENCERS ? "UNIQUE " : "", qualified, cols);

      /* An index on a column the file did not have is left out. */
      if (!hk_pg_exec (conn, "SAVEPOINT idx", NULL, error))
        return FALSE;
      if (!hk_pg_exec (conn, sql, hk_pg_table_default_name (table), NULL) &&
          !hk_pg_exec (conn, "ROLLBACK TO SAVEPOINT idx", NULL, error))
        return FALSE;
    }
  return TRUE;
}

static guint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;
}

static void
remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_remove (path);
    }
  g_rmdir (folder);
}

static gboolean
load_tables (PGconn        *conn,
             HkDataset     *ds,
             const char    *tmp,
             const char    *schema,
             HkProgressFunc progress,
             gpointer       progress_data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *qschema = hk_pg_quote (conn, schema);
  g_autofree char *create_schema = g_strdup_printf ("CREATE SCHEMA IF NOT EXISTS %s", qschema);
  guint64 total = 0, done = 0;

  for (guint t = 0; t < HK_N_TABLES; t++)
    if (ds->tables[t].present)
      {
        g_autofree char *path = g_build_filename (tmp, ds->tables[t].file_name, NULL);
        total += file_size (path);
      }
  if (!hk_pg_exec (conn, "BEGIN", NULL, error) || !hk_pg_exec (conn, create_schema, schema, error))
    return FALSE;
  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      g_autofree char *qualified = NULL, *columns = NULL, *copy = NULL, *path = NULL, *analyze = NULL;

      if (!ds->tables[t].present)
        continue;
      if (!create_table (conn, ds, t, qschema, &qualified, &columns, error))
        return FALSE;
      path = g_build_filename (tmp, ds->tables[t].file_name, NULL);
      copy = g_strdup_printf ("COPY %s (%s) FROM STDIN (FORMAT csv, HEADER true)", qualified, columns);
      if (!copy_file (conn, path, copy, hk_pg_table_default_name (t), &done, total, progress, progress_data,
                      cancellable, error) ||
          !index_table (conn, t, qualified, error))
        return FALSE;
      analyze = g_strdup_printf ("ANALYZE %s", qualified);
      if (!hk_pg_exec (conn, analyze, hk_pg_table_default_name (t), error))
        return FALSE;
    }
  return hk_pg_exec (conn, "COMMIT", NULL, error);
}

gboolean
hk_pg_load_folder (const char     *folder,
                   const char     *conninfo,
                   const char     *schema,
                   HkProgressFunc  progress,
                   gpointer        progress_data,
                   GCancellable   *cancellable,
                   GError        **error)
{
  g_autoptr(HkDataset) ds = NULL;
  g_autoptr(HkImportReport) failed = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *name = NULL;
  gboolean ok;

  g_return_val_if_fail (folder != NULL && conninfo != NULL, FALSE);

  ds = hk_import_folder (folder, NULL, NULL, cancellable, &failed, error);
  if (ds == NULL)
    return FALSE;
  conn = hk_pg_connect (conninfo, cancellable, error);
  if (conn == NULL)
    return FALSE;
  if (schema == NULL || *schema == '\0')
    {
      g_autoptr(PGresult) res = PQexec (conn, "SELECT coalesce(current_schema(), 'public')");

      if (PQresultStatus (res) != PGRES_TUPLES_OK)
        {
          hk_pg_set_error (error, conn, res, _("the schema"), cancellable);
          return FALSE;
        }
      name = g_strdup (PQgetvalue (res, 0, 0));
      schema = name;
    }
  tmp = g_dir_make_tmp ("influencer-load-db-XXXXXX", error);
  if (tmp == NULL)
    return FALSE;
  ok = hk_dataset_write_folder (ds, tmp, cancellable, error) &&
       load_tables (conn, ds, tmp, schema, progress, progress_data, cancellable, error);
  remove_folder (tmp);
  return ok;
}
