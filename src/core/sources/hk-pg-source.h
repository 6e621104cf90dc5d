/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hk-source.h"

G_BEGIN_DECLS

/* A PostgreSQL database (DESIGN.md §7), read through libpq: the tables of
 * DESIGN.md §2 (as tables or views, named as the CSV files are without
 * ".csv") in one schema. Influencers, posts, payouts and holdout groups are
 * read whole; tracking comes back as GROUP BY aggregates, one row per
 * influencer, day, brand, campaign, product, source and test group (and user,
 * for users in a holdout test) with its row count, so what is fetched grows
 * with influencers × days × attributes, never with tracking rows. The same
 * SQL runs on Citus (docs/postgresql.md). */
#define HK_TYPE_PG_SOURCE (hk_pg_source_get_type ())
G_DECLARE_FINAL_TYPE (HkPgSource, hk_pg_source, HK, PG_SOURCE, GObject)

#define HK_PG_ERROR (hk_pg_error_quark ())
typedef enum {
  HK_PG_ERROR_CONNECT,         /* no server, bad host or database */
  HK_PG_ERROR_AUTH,            /* wrong user name or password */
  HK_PG_ERROR_SCHEMA,          /* no such schema, or a required table missing */
  HK_PG_ERROR_QUERY,           /* the server refused a query */
  HK_PG_ERROR_CONNECTION_LOST, /* dropped while reading */
} HkPgError;

GQuark      hk_pg_error_quark          (void);

/* Whether a dataset location is a database: a "postgresql://" or
 * "postgres://" URI, or libpq keyword=value pairs ("host=… dbname=…"). */
gboolean    hk_pg_is_location          (const char  *location);
/* conninfo: any libpq connection string; passwords come from libpq's own
 * means (~/.pgpass, the service file, PGPASSWORD) unless it holds one.
 * schema: NULL for the connection's current schema (public unless
 * options=-csearch_path=… says otherwise). */
HkSource   *hk_pg_source_new           (const char  *conninfo,
                                        const char  *schema);
/* What the last load fetched: result rows and bytes of their values. */
void        hk_pg_source_get_fetched   (HkPgSource  *self,
                                        guint64     *rows,
                                        guint64     *bytes);
/* The connection string that also selects schema (through the standard
 * options=-csearch_path=…), so that a location alone names it. */
char       *hk_pg_location_with_schema (const char  *conninfo,
                                        const char  *schema);
/* The connection string without its password (for settings). */
char       *hk_pg_location_without_password (const char *conninfo);
/* The connection string with password as its password (replacing any). */
char       *hk_pg_location_with_password (const char *conninfo,
                                          const char *password);
/* The value of one libpq keyword ("host", "dbname"…), NULL when unset or
 * unreadable. */
char       *hk_pg_location_get         (const char  *conninfo,
                                        const char  *keyword);
/* user@host:port/database, without any password: for titles and messages. */
char       *hk_pg_location_describe    (const char  *conninfo);
/* Connects, finds the schema and the tables; on success *summary (may be
 * NULL) says what was found ("3 of 5 tables: …"). */
gboolean    hk_pg_test_connection      (const char  *conninfo,
                                        const char  *schema,
                                        char       **summary,
                                        GError     **error);
/* Creates the tables of schema (DDL with indexes, docs/postgresql.md) and
 * loads the dataset in folder into them with COPY; existing tables of those
 * names are replaced. */
gboolean    hk_pg_load_folder          (const char     *folder,
                                        const char     *conninfo,
                                        const char     *schema,
                                        HkProgressFunc  progress,
                                        gpointer        progress_data,
                                        GCancellable   *cancellable,
                                        GError        **error);

G_END_DECLS
