/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hk-pg-private.h"

/* Connecting to PostgreSQL, naming what went wrong, and the schema's
 * catalogue: what the source and load-db share. */

G_DEFINE_QUARK (hk-pg-error-quark, hk_pg_error)

/* Seconds to wait for a server that does not answer (libpq's
 * connect_timeout, when the connection string has none). */
#define CONNECT_TIMEOUT 15

gboolean
hk_pg_is_location (const char *location)
{
  if (location == NULL)
    return FALSE;
  while (g_ascii_isspace (*location))
    location++;
  if (g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://"))
    return TRUE;
  /* keyword=value pairs: the first word holds '=' (a folder name seldom does,
   * and an existing folder is a folder; "./a=b" always is). */
  for (const char *p = location; *p && !g_ascii_isspace (*p) && *p != '/'; p++)
    if (*p == '=')
      return p > location && !g_file_test (location, G_FILE_TEST_IS_DIR);
  return FALSE;
}

/* The connection's parameters, parsed; NULL with error when malformed. */
static PQconninfoOption *
parse_conninfo (const char  *conninfo,
                GError     **error)
{
  char *message = NULL;
  PQconninfoOption *opts = PQconninfoParse (conninfo, &message);

  if (opts == NULL)
    {
      g_autofree char *text = g_strstrip (g_strdup (message ? message : ""));

      g_set_error (error, HK_PG_ERROR, HK_PG_ERROR_CONNECT,
                   _("Not a PostgreSQL connection string: %s"), text);
      PQfreemem (message);
    }
  return opts;
}

static const char *
option_value (PQconninfoOption *opts,
              const char       *keyword)
{
  for (PQconninfoOption *o = opts; o && o->keyword; o++)
    if (g_str_equal (o->keyword, keyword) && o->val && *o->val)
      return o->val;
  return NULL;
}

char *
hk_pg_location_describe (const char *conninfo)
{
  PQconninfoOption *opts = PQconninfoParse (conninfo, NULL);
  const char *host, *port, *user, *db, *service;
  GString *out;

  if (opts == NULL)
    return g_strdup (_("an unreadable connection string"));
  host = option_value (opts, "host");
  port = option_value (opts, "port");
  user = option_value (opts, "user");
  db = option_value (opts, "dbname");
  service = option_value (opts, "service");
  out = g_string_new (NULL);
  if (service)
    g_string_append_printf (out, "service=%s ", service);
  if (user)
    g_string_append_printf (out, "%s@", user);
  g_string_append (out, host ? host : "localhost");
  if (port)
    g_string_append_printf (out, ":%s", port);
  if (db)
    g_string_append_printf (out, "/%s", db);
  PQconninfoFree (opts);
  return g_string_free (out, FALSE);
}

/* Appends keyword=value, quoted as libpq reads it. */
static void
append_pair (GString    *out,
             const char *keyword,
             const char *value)
{
  if (out->len)
    g_string_append_c (out, ' ');
  g_string_append_printf (out, "%s='", keyword);
  for (const char *p = value; *p; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

char *
hk_pg_location_without_password (const char *conninfo)
{
  PQconninfoOption *opts = PQconninfoParse (conninfo, NULL);
  GString *out;

  if (opts == NULL)
    return g_strdup ("");
  out = g_string_new (NULL);
  for (PQconninfoOption *o = opts; o->keyword; o++)
    if (o->val && *o->val && !g_str_equal (o->keyword, "password"))
      append_pair (out, o->keyword, o->val);
  PQconninfoFree (opts);
  return g_string_free (out, FALSE);
}

char *
hk_pg_location_with_password (const char *conninfo,
                              const char *password)
{
  g_autofree char *bare = hk_pg_location_without_password (conninfo);
  GString *out = g_string_new (bare);

  g_return_val_if_fail (password != NULL, NULL);
  append_pair (out, "password", password);
  return g_string_free (out, FALSE);
}

char *
hk_pg_location_get (const char *conninfo,
                    const char *keyword)
{
  PQconninfoOption *opts = PQconninfoParse (conninfo, NULL);
  char *value = opts ? g_strdup (option_value (opts, keyword)) : NULL;

  PQconninfoFree (opts);
  return value;
}

char *
hk_pg_location_with_schema (const char *conninfo,
                            const char *schema)
{
  PQconninfoOption *opts;
  GString *out;
  gboolean done = FALSE;

  g_return_val_if_fail (conninfo != NULL, NULL);
  if (schema == NULL || *schema == '\0' || (opts = PQconninfoParse (conninfo, NULL)) == NULL)
    return g_strdup (conninfo);
  out = g_string_new (NULL);
  for (PQconninfoOption *o = opts; o->keyword; o++)
    {
      g_autofree char *value = NULL;

      if (g_str_equal (o->keyword, "options"))
        {
          /* search_path takes a quoted identifier; spaces in options are
           * escaped with a backslash. */
          g_autofree char *path = g_strdup_printf ("-csearch_path=\"%s\"", schema);
          g_autoptr(GString) escaped = g_string_new (NULL);

          for (const char *p = path; *p; p++)
            {
              if (*p == ' ' || *p == '\\')
                g_string_append_c (escaped, '\\');
              g_string_append_c (escaped, *p);
            }
          value = o->val && *o->val ? g_strdup_printf ("%s %s", o->val, escaped->str) : g_strdup (escaped->str);
          done = TRUE;
        }
      else if (o->val && *o->val)
        value = g_strdup (o->val);
      if (value)
        append_pair (out, o->keyword, value);
    }
  g_assert (done);
  PQconninfoFree (opts);
  return g_string_free (out, FALSE);
}

/* libpq's message, one line, without its "FATAL:" prefixes. */
static char *
first_line (const char *message)
{
  g_autofree char *copy = g_strdup (message ? message : "");
  char *nl = strchr (copy, '\n');
  char *s;

  if (nl)
    *nl = '\0';
  s = g_strstrip (copy);
  if (g_str_has_prefix (s, "FATAL:"))
    s = g_strstrip (s + strlen ("FATAL:"));
  if (g_str_has_prefix (s, "ERROR:"))
    s = g_strstrip (s + strlen ("ERROR:"));
  return g_strdup (s);
}

static void
set_connect_error (GError     **error,
                   PGconn      *conn,
                   const char  *conninfo)
{
  const char *message = conn ? PQerrorMessage (conn) : "";
  g_autofree char *where = hk_pg_location_describe (conninfo);
  g_autofree char *line = NULL;

  /* The libpq message of the server that said no, when several were tried. */
  if (strstr (message, "password authentication failed") || strstr (message, "no password supplied") ||
      strstr (message, "authentication failed") || (strstr (message, "role \"") && strstr (message, "does not exist")))
    {
      const char *p = strstr (message, "password authentication failed");

      line = first_line (p ? p : strstr (message, "no password supplied") ? strstr (message, "no password supplied") : message);
      g_set_error (error, HK_PG_ERROR, HK_PG_ERROR_AUTH,
                   _("The database at %s refused the login (%s). Check the user name; put the password in "
                     "~/.pgpass or a service file."), where, line);
      return;
    }
  line = first_line (message);
  if (strstr (message, "Connection refused") || strstr (message, "No such file or directory"))
    g_set_error (error, HK_PG_ERROR, HK_PG_ERROR_CONNECT,
                 _("No PostgreSQL server answers at %s: is it running, and on that host and port? (%s)"), where, line);
  else
    g_set_error (error, HK_PG_ERROR, HK_PG_ERROR_CONNECT,
                 _("Could not connect to the database at %s: %s"), where, line);
}

/* Waits for the socket as libpq asks, a tenth of a second at a time, so that
 * a cancel or the timeout ends the wait. */
static gboolean
wait_socket (PGconn                    *conn,
             PostgresPollingStatusType  status,
             GCancellable              *cancellable,
             gint64                     deadline)
{
  while (!g_cancellable_is_cancelled (cancellable) && g_get_monotonic_time () < deadline)
    {
      struct pollfd pfd = { PQsocket (conn), status == PGRES_POLLING_READING ? POLLIN : POLLOUT, 0 };
      int n = poll (&pfd, 1, 100);

      if (n != 0)
        return TRUE;
    }
  return FALSE;
}

/* NOTICEs ("table … does not exist, skipping") are not for users. */
static void
ignore_notice (void       *data,
               const char *message)
{
  g_debug ("%s", message);
}

PGconn *
hk_pg_connect (const char    *conninfo,
               GCancellable  *cancellable,
               GError       **error)
{
  PQconninfoOption *opts = parse_conninfo (conninfo, error);
  const char *keys[] = { "connect_timeout", "fallback_application_name", "client_encoding", "dbname", NULL };
  const char *values[] = { G_STRINGIFY (CONNECT_TIMEOUT), "influencer-dashboard", "UTF8", conninfo, NULL };
  const char *timeout;
  gint64 deadline;
  PostgresPollingStatusType status = PGRES_POLLING_WRITING;
  PGconn *conn;

  if (opts == NULL)
    return NULL;
  timeout = option_value (opts, "connect_timeout");
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC * (timeout && atoi (timeout) > 0 ? atoi (timeout) : CONNECT_TIMEOUT);
  PQconninfoFree (opts);

  /* libpq keeps the last value of a keyword, and the connection string is
   * expanded where dbname stands: last, so that it overrides these defaults. */
  conn = PQconnectStartParams (keys, values, 1);
  if (conn == NULL || PQstatus (conn) == CONNECTION_BAD)
    {
      set_connect_error (error, conn, conninfo);
      PQfinish (conn);
      return NULL;
    }
  while (status != PGRES_POLLING_OK && status != PGRES_POLLING_FAILED)
    {
      if (!wait_socket (conn, status, cancellable, deadline))
        {
          g_autofree char *where = hk_pg_location_describe (conninfo);

          PQfinish (conn);
          if (!g_cancellable_set_error_if_cancelled (cancellable, error))
            g_set_error (error, HK_PG_ERROR, HK_PG_ERROR_CONNECT,
                         _("No PostgreSQL server answered at %s in time"), where);
          return NULL;
        }
      status = PQconnectPoll (conn);
    }
  if (status == PGRES_POLLING_FAILED)
    {
      set_connect_error (error, conn, conninfo);
      PQfinish (conn);
      return NULL;
    }
  PQsetNoticeProcessor (conn, ignore_notice, NULL);
  /* Dates as YYYY-MM-DD, floats that read back exactly. */
  if (!hk_pg_exec (conn, "SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 3", NULL, error))
    {
      PQfinish (conn);
      return NULL;
    }
  return conn;
}

char *
hk_pg_quote (PGconn     *conn,
             const char *name)
{
  char *q = PQescapeIdentifier (conn, name, strlen (name));
  char *out = g_strdup (q ? q : "\"\"");

  PQfreemem (q);
  return out;
}

void
hk_pg_set_error (GError       **error,
                 PGconn        *conn,
                 PGresult      *res,
                 const char    *what,
                 GCancellable  *cancellable)
{
  const char *state = res ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;
  g_autofree char *line = first_line (res && *PQresultErrorMessage (res) ? PQresultErrorMessage (res)
                                                                           : PQerrorMessage (conn));

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return;
  /* 57P01: terminated by the administrator (a restart); 08*: connection
   * exceptions. */
  if (PQstatus (conn) == CONNECTION_BAD || (state && (g_str_has_prefix (state, "08") || g_str_equal (state, "57P01"))))
    g_set_error (error, HK_PG_ERROR, HK_PG_ERROR_CONNECTION_LOST,
                 _("The connection to the database was lost while reading %s (%s); the server may have "
                   "restarted. Try again."), what ? what : _("the data"), line);
  else
    g_set_error (error, HK_PG_ERROR, HK_PG_ERROR_QUERY, _("The database could not read %s: %s"),
                 what ? what : _("the data"), line);
}

gboolean
hk_pg_exec (PGconn      *conn,
            const char  *sql,
            const char  *what,
            GError     **error)
{
  g_autoptr(PGresult) res = PQexec (conn, sql);
  ExecStatusType st = PQresultStatus (res);

  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
    return TRUE;
  hk_pg_set_error (error, conn, res, what, NULL);
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Cancelling                                                               */

struct _HkPgCancel {
  PGcancel     *cancel;
  GCancellable *cancellable;
  gulong        handler;
};

static void
on_cancelled (GCancellable *cancellable,
              gpointer      data)
{
  PGcancel *cancel = data;
  char buf[256];

  /* Safe from any thread: the server stops the running query. */
  PQcancel (cancel, buf, sizeof buf);
}

HkPgCancel *
hk_pg_cancel_watch (PGconn       *conn,
                    GCancellable *cancellable)
{
  HkPgCancel *watch = g_new0 (HkPgCancel, 1);

  if (cancellable == NULL)
    return watch;
  watch->cancel = PQgetCancel (conn);
  watch->cancellable = g_object_ref (cancellable);
  if (watch->cancel)
    watch->handler = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), watch->cancel, NULL);
  return watch;
}

void
hk_pg_cancel_unwatch (HkPgCancel *watch)
{
  if (watch == NULL)
    return;
  if (watch->handler)
    g_cancellable_disconnect (watch->cancellable, watch->handler);
  if (watch->cancel)
    PQfreeCancel (watch->cancel);
  g_clear_object (&watch->cancellable);
  g_free (watch);
}

/* ------------------------------------------------------------------------ */
/* The catalogue                                                            */

const char *
hk_pg_table_default_name (HkTable table)
{
  static const char * const names[HK_N_TABLES] = {
    [HK_TABLE_INFLUENCERS] = "influencers",
    [HK_TABLE_POSTS] = "posts",
    [HK_TABLE_TRACKING] = "tracking",
    [HK_TABLE_PAYOUTS] = "payouts",
    [HK_TABLE_HOLDOUT] = "holdout_groups",
  };

  g_return_val_if_fail (table < HK_N_TABLES, NULL);
  return names[table];
}

static void
pg_table_free (HkPgTable *t)
{
  if (t == NULL)
    return;
  for (guint i = 0; i < t->columns->len; i++)
    {
      HkPgColumn *c = t->columns->pdata[i];
      g_free (c->name);
      g_free (c);
    }
  g_ptr_array_unref (t->columns);
  g_free (t->name);
  g_free (t->qualified);
  g_free (t);
}

void
hk_pg_catalog_free (HkPgCatalog *catalog)
{
  if (catalog == NULL)
    return;
  for (guint t = 0; t < HK_N_TABLES; t++)
    pg_table_free (catalog->tables[t]);
  g_free (catalog->schema);
  g_free (catalog);
}

/* Which table a relation is, by name: the CSV file names without ".csv",
 * any case; rank is the name's place among the table's names. */
static int
table_of_relation (const char *relname,
                   guint      *rank)
{
  g_autofree char *lower = g_ascii_strdown (relname, -1);

  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      const HkTableSchema *schema = hk_schema_get_table (t);

      for (guint k = 0; k < G_N_ELEMENTS (schema->files) && schema->files[k]; k++)
        {
          g_autofree char *name = g_strndup (schema->files[k], strlen (schema->files[k]) - strlen (".csv"));

          /* load-db's names ("tracking") come first. */
          if (g_str_equal (lower, name))
            {
              *rank = g_str_equal (lower, hk_pg_table_default_name (t)) ? 0 : k + 1;
              return t;
            }
        }
    }
  return -1;
}

static char *
current_schema (PGconn  *conn,
                GError **error)
{
  g_autoptr(PGresult) res = PQexec (conn, "SELECT current_schema(), current_setting('search_path')");

  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    {
      hk_pg_set_error (error, conn, res, _("the schema"), NULL);
      return NULL;
    }
  if (PQgetisnull (res, 0, 0))
    {
      const char *path = PQgetvalue (res, 0, 1);
      g_autofree char *name = g_strdup (path);

      /* One schema named (as --schema and the dialog name it): name it. */
      if (strchr (path, ',') == NULL)
        {
          g_strstrip (name);
          if (name[0] == '"' && strlen (name) > 1 && name[strlen (name) - 1] == '"')
            {
              name[strlen (name) - 1] = '\0';
              memmove (name, name + 1, strlen (name));
            }
          g_set_error (error, HK_PG_ERROR, HK_PG_ERROR_SCHEMA, _("The database has no schema “%s”"), name);
        }
      else
        g_set_error (error, HK_PG_ERROR, HK_PG_ERROR_SCHEMA,
                     _("No schema of the search path (%s) exists in the database"), path);
      return NULL;
    }
  return g_strdup (PQgetvalue (res, 0, 0));
}

HkPgCatalog *
hk_pg_catalog_read (PGconn      *conn,
                    const char  *schema,
                    GError     **error)
{
  static const char sql[] =
    "SELECT c.relname, a.attname, t.typcategory, n.nspname IS NOT NULL "
    "FROM (SELECT $1::name AS s) AS w "
    "LEFT JOIN pg_namespace n ON n.nspname = w.s "
    "LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r', 'v', 'm', 'p', 'f') "
    "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
    "LEFT JOIN pg_type t ON t.oid = a.atttypid "
    "ORDER BY c.relname, a.attnum";
  g_autoptr(HkPgCatalog) catalog = g_new0 (HkPgCatalog, 1);
  g_autoptr(PGresult) res = NULL;
  guint ranks[HK_N_TABLES] = { 0 };
  const char *params[1];

  catalog->schema = schema && *schema ? g_strdup (schema) : current_schema (conn, error);
  if (catalog->schema == NULL)
    return NULL;
  params[0] = catalog->schema;
  res = PQexecParams (conn, sql, 1, NULL, params, NULL, NULL, 0);
  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    {
      hk_pg_set_error (error, conn, res, _("the list of tables"), NULL);
      return NULL;
    }
  if (PQntuples (res) == 0 || PQgetvalue (res, 0, 3)[0] != 't')
    {
      g_set_error (error, HK_PG_ERROR, HK_PG_ERROR_SCHEMA, _("The database has no schema “%s”"), catalog->schema);
      return NULL;
    }
  for (int r = 0; r < PQntuples (res); r++)
    {
      const char *relname = PQgetvalue (res, r, 0);
      guint rank = 0;
      int table;
      HkPgTable *t;
      HkPgColumn *col;

      if (PQgetisnull (res, r, 0) || PQgetisnull (res, r, 1) || (table = table_of_relation (relname, &rank)) < 0)
        continue;
      t = catalog->tables[table];
      if (t && !g_str_equal (t->name, relname))
        {
          /* Two names of one table: the preferred one wins. */
          if (rank >= ranks[table])
            continue;
          pg_table_free (t);
          t = catalog->tables[table] = NULL;
        }
      if (t == NULL)
        {
          g_autofree char *qs = hk_pg_quote (conn, catalog->schema);
          g_autofree char *qt = hk_pg_quote (conn, relname);

          t = catalog->tables[table] = g_new0 (HkPgTable, 1);
          t->name = g_strdup (relname);
          t->qualified = g_strdup_printf ("%s.%s", qs, qt);
          t->columns = g_ptr_array_new ();
          t->line_column = -1;
          for (guint k = 0; k < HK_MAX_ROLES; k++)
            t->column_of_role[k] = -1;
          ranks[table] = rank;
        }
      col = g_new0 (HkPgColumn, 1);
      col->name = g_strdup (PQgetvalue (res, r, 1));
      col->category = PQgetvalue (res, r, 2)[0];
      col->role = hk_schema_find_role (table, col->name);
      if (g_str_equal (col->name, "source_line"))
        {
          t->line_column = t->columns->len;
          col->role = -2;
        }
      else if (col->role >= 0 && t->column_of_role[col->role] < 0)
        t->column_of_role[col->role] = t->columns->len;
      else
        col->role = -1;
      g_ptr_array_add (t->columns, col);
    }
  return g_steal_pointer (&catalog);
}

gboolean
hk_pg_test_connection (const char  *conninfo,
                       const char  *schema,
                       char       **summary,
                       GError     **error)
{
  g_autoptr(PGconn) conn = hk_pg_connect (conninfo, NULL, error);
  g_autoptr(HkPgCatalog) catalog = NULL;
  g_autoptr(GString) found = g_string_new (NULL);
  guint n = 0;

  if (conn == NULL || (catalog = hk_pg_catalog_read (conn, schema, error)) == NULL)
    return FALSE;
  for (guint t = 0; t < HK_N_TABLES; t++)
    if (catalog->tables[t])
      {
        g_string_append_printf (found, "%s%s", found->len ? ", " : "", catalog->tables[t]->name);
        n++;
      }
  if (catalog->tables[HK_TABLE_INFLUENCERS] == NULL || catalog->tables[HK_TABLE_TRACKING] == NULL)
    {
      g_set_error (error, HK_PG_ERROR, HK_PG_ERROR_SCHEMA,
                   _("The schema “%s” has no %s table: a dataset needs influencers and tracking"),
                   catalog->schema, catalog->tables[HK_TABLE_INFLUENCERS] == NULL ? "influencers" : "tracking");
      return FALSE;
    }
  if (summary)
    *summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Connected: schema “%s” has %u table: %s",
                                             "Connected: schema “%s” has %u tables: %s", n),
                                catalog->schema, n, found->str);
  return TRUE;
}
