/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libpq-fe.h>

#include "hk-pg-source.h"
#include "hk-schema.h"

G_BEGIN_DECLS

/* What hk-pg-source.c (reading) and hk-pg-load.c (load-db) share:
 * connecting, errors that name what is wrong, the schema's catalogue. */

typedef struct {
  char *name;     /* as in the database */
  char  category; /* pg_type.typcategory: 'N' numeric, 'D' date/time, 'S' string, … */
  int   role;     /* in the table's schema (hk-schema.h), -1 for an unknown column */
} HkPgColumn;

typedef struct {
  char      *name;    /* the table or view, as in the database */
  char      *qualified; /* "schema"."name", quoted */
  GPtrArray *columns; /* HkPgColumn, in column order */
  int        column_of_role[HK_MAX_ROLES]; /* index in columns, -1: absent */
  int        line_column; /* source_line (load-db's file order), -1: absent */
} HkPgTable;

typedef struct {
  char      *schema;
  HkPgTable *tables[HK_N_TABLES]; /* NULL: the schema has none */
} HkPgCatalog;

/* Connects (the connection can be cancelled while it is made) and sets the
 * session up for reading (ISO dates, UTF-8). */
PGconn      *hk_pg_connect             (const char    *conninfo,
                                        GCancellable  *cancellable,
                                        GError       **error);
/* The schema's tables; schema NULL: the current schema. NULL with error when
 * the schema does not exist. */
HkPgCatalog *hk_pg_catalog_read        (PGconn        *conn,
                                        const char    *schema,
                                        GError       **error);
void         hk_pg_catalog_free        (HkPgCatalog   *catalog);
/* The name a table has in the database by default (the CSV file's name
 * without ".csv"). */
const char  *hk_pg_table_default_name  (HkTable        table);
/* An error for a failed command or query (res may be NULL): the connection
 * lost, a cancel, or the server's message, naming what was being read. */
void         hk_pg_set_error           (GError       **error,
                                        PGconn        *conn,
                                        PGresult      *res,
                                        const char    *what,
                                        GCancellable  *cancellable);
/* Runs a command; FALSE with error (hk_pg_set_error()) when it fails. */
gboolean     hk_pg_exec                (PGconn        *conn,
                                        const char    *sql,
                                        const char    *what,
                                        GError       **error);
/* Quotes an identifier (PQescapeIdentifier, g_free-able). */
char        *hk_pg_quote               (PGconn        *conn,
                                        const char    *name);

/* While it lives, cancelling cancellable cancels the connection's running
 * query (PQcancel, from any thread). */
typedef struct _HkPgCancel HkPgCancel;
HkPgCancel  *hk_pg_cancel_watch        (PGconn        *conn,
                                        GCancellable  *cancellable);
void         hk_pg_cancel_unwatch      (HkPgCancel    *watch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HkPgCatalog, hk_pg_catalog_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)

G_END_DECLS
