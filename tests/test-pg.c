/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PostgreSQL source's own behaviour against a real server: progress,
 * cancelling (PQcancel), rows fetched, the session loading a connection
 * string and keeping its dataset when a load fails. Run by pg-check.sh, which
 * starts the server, loads the simulated folder HK_PG_FOLDER into schema
 * "sim" and makes the schema "slow" (a tracking view that sleeps). */
#include "config.h"

#include <string.h>

#include "hk-dataset-private.h"
#include "hk-folder-source.h"
#include "hk-pg-source.h"
#include "hk-session.h"

static const char *conninfo;

static char *
location (const char *schema)
{
  return hk_pg_location_with_schema (conninfo, schema);
}

static void
on_progress (double   fraction,
             gpointer data)
{
  GArray *steps = data;

  g_array_append_val (steps, fraction);
}

static void
test_locations (void)
{
  g_autofree char *with = NULL;

  g_assert_true (hk_pg_is_location ("postgresql://u@h/db"));
  g_assert_true (hk_pg_is_location ("postgres://h"));
  g_assert_true (hk_pg_is_location ("host=h dbname=d"));
  g_assert_true (hk_pg_is_location ("service=analytics"));
  g_assert_false (hk_pg_is_location ("/data/folder"));
  g_assert_false (hk_pg_is_location ("./a=b"));
  g_assert_false (hk_pg_is_location ("data"));
  with = hk_pg_location_with_schema ("postgresql://u:secret@h:5433/db", "my schema");
  g_assert_nonnull (strstr (with, "options='-csearch_path=\"my\\\\ schema\"'"));
  g_free (g_steal_pointer (&with));
  with = hk_pg_location_describe ("postgresql://u:secret@h:5433/db");
  g_assert_cmpstr (with, ==, "u@h:5433/db");
}

static void
test_load (void)
{
  g_autoptr(HkSource) source = hk_pg_source_new (conninfo, "sim");
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(HkDataset) ds = NULL;
  g_autoptr(HkDataset) csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HkSource) folder = hk_folder_source_new (g_getenv ("HK_PG_FOLDER"));
  guint64 rows = 0, bytes = 0, read = 0;
  double last = 0;

  ds = hk_source_load (source, on_progress, steps, NULL, NULL, &error);
  g_assert_no_error (error);
  csv = hk_source_load (folder, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Progress only grows, and ends at 1. */
  g_assert_cmpuint (steps->len, >, 3);
  for (guint i = 0; i < steps->len; i++)
    {
      g_assert_cmpfloat (g_array_index (steps, double, i), >=, last);
      last = g_array_index (steps, double, i);
    }
  g_assert_cmpfloat (last, ==, 1);

  /* Fewer tracking rows than the folder's, standing for all of them. */
  g_assert_cmpuint (ds->n_tracking, <, csv->n_tracking);
  g_assert_nonnull (ds->trk_rows);
  for (guint r = 0; r < ds->n_tracking; r++)
    read += HK_TRK_ROWS (ds, r);
  g_assert_cmpuint (read, ==, csv->n_tracking);
  g_assert_cmpuint (ds->n_influencers, ==, csv->n_influencers);
  g_assert_cmpuint (ds->n_posts, ==, csv->n_posts);
  g_assert_cmpuint (ds->n_payouts, ==, csv->n_payouts);

  hk_pg_source_get_fetched (HK_PG_SOURCE (source), &rows, &bytes);
  g_assert_cmpuint (rows, >, 0);
  g_assert_cmpuint (bytes, >, 0);
  g_test_message ("fetched %" G_GUINT64_FORMAT " rows, %" G_GUINT64_FORMAT " bytes; %u tracking rows for %u",
                  rows, bytes, ds->n_tracking, csv->n_tracking);
}

static gboolean
cancel_later (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static gpointer
load_thread (gpointer data)
{
  GCancellable *cancellable = data;
  g_autoptr(HkSource) source = hk_pg_source_new (conninfo, "slow");
  GError *error = NULL;
  HkDataset *ds = hk_source_load (source, NULL, NULL, cancellable, NULL, &error);

  g_assert_null (ds);
  return error;
}

/* The slow view sleeps 4 s: a cancel after 0.5 s ends the query at once. */
static void
test_cancel (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  GThread *thread = g_thread_new ("load", load_thread, cancellable);

  g_timeout_add (500, cancel_later, cancellable);
  while (!g_cancellable_is_cancelled (cancellable))
    g_main_context_iteration (NULL, TRUE);
  error = g_thread_join (thread);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

/* A failed load leaves the session's dataset as it was. */
static void
test_session (void)
{
  g_autoptr(HkSession) session = hk_session_new ();
  g_autofree char *good = location ("sim");
  g_autofree char *bad = location ("nothing");
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  HkDataset *ds;

  g_assert_true (hk_session_load (session, good, NULL, &error));
  g_assert_no_error (error);
  ds = hk_session_get_dataset (session);
  g_assert_nonnull (ds);
  g_assert_nonnull (hk_session_analyze (session));

  g_assert_false (hk_session_load (session, bad, NULL, &error));
  g_assert_error (error, HK_PG_ERROR, HK_PG_ERROR_SCHEMA);
  g_assert_true (hk_session_get_dataset (session) == ds);
  g_clear_error (&error);

  g_assert_true (hk_pg_test_connection (conninfo, "sim", &summary, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (summary, "tracking"));
  g_assert_false (hk_pg_test_connection (conninfo, "nothing", NULL, &error));
  g_assert_error (error, HK_PG_ERROR, HK_PG_ERROR_SCHEMA);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  conninfo = g_getenv ("HK_PG_CONNINFO");
  g_test_add_func ("/pg/locations", test_locations);
  if (conninfo == NULL || g_getenv ("HK_PG_FOLDER") == NULL)
    {
      g_test_message ("HK_PG_CONNINFO and HK_PG_FOLDER unset: only the server-free checks run (pg-check.sh sets them)");
      return g_test_run ();
    }
  g_test_add_func ("/pg/load", test_load);
  g_test_add_func ("/pg/cancel", test_cancel);
  g_test_add_func ("/pg/session", test_session);
  return g_test_run ();
}
