/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Folders as they turn up on real disks: a FIFO or a symbolic link loop under
 * a table's name, a folder name that is not UTF-8, a file that grows while it
 * is read. None may block, crash or put invalid UTF-8 into a message. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "hk-csv-reader.h"
#include "hk-import.h"

static char *tmp;

static const char influencers[] =
  "id,name,category,gender,follower_count,platform\n"
  "1,Asha,Fitness,F,50000,Instagram\n";
static const char posts[] =
  "influencer_id,platform,date,url,caption,reach,likes,comments\n"
  "1,Instagram,2025-01-05,u,c,10,1,1\n";
static const char tracking[] =
  "source,campaign,influencer_id,user_id,product,date,orders,revenue\n"
  "s,C,1,U,Whey Gold,2025-01-06,1,100\n";

static char *
folder (const char *name)
{
  char *dir = g_build_filename (tmp, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  return dir;
}

static void
put (const char *dir,
     const char *name,
     const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static void
assert_all_utf8 (HkImportReport *report)
{
  g_autoptr(GPtrArray) messages = hk_import_report_dup_messages (report);
  g_autofree char *text = hk_import_report_to_text (report);

  for (guint i = 0; i < messages->len; i++)
    g_assert_true (g_utf8_validate (messages->pdata[i], -1, NULL));
  g_assert_true (g_utf8_validate (text, -1, NULL));
}

/* A FIFO named like the tracking file is reported as what it is and never
 * opened (opening one blocks until a writer comes); the other tables are
 * still read. */
static void
test_fifo (void)
{
  g_autofree char *dir = folder ("fifo");
  g_autofree char *fifo = g_build_filename (dir, "tracking_data.csv", NULL);
  g_autoptr(HkImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HkDataset) ds = NULL;

  put (dir, "influencers.csv", influencers);
  put (dir, "posts.csv", posts);
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);

  ds = hk_import_folder (dir, NULL, NULL, NULL, &report, &error);
  g_assert_null (ds);
  g_assert_error (error, HK_IMPORT_ERROR, HK_IMPORT_ERROR_MISSING_TABLE);
  g_assert_cmpstr (error->message, ==, "tracking_data.csv: a named pipe, not a regular file; it is not read");
  g_assert_cmpint (hk_import_report_get_status (report, HK_TABLE_TRACKING), ==, HK_TABLE_STATUS_ERROR);
  g_assert_cmpuint (hk_import_report_get_rows_read (report, HK_TABLE_INFLUENCERS), ==, 1);
  g_assert_cmpuint (hk_import_report_get_rows_read (report, HK_TABLE_POSTS), ==, 1);

  /* The reader refuses it too, without blocking. */
  {
    g_autoptr(GError) reader_error = NULL;
    HkCsvReader *reader = hk_csv_reader_new_for_path (fifo, &reader_error);

    g_assert_null (reader);
    g_assert_error (reader_error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  }
}

/* A symbolic link loop and a dangling link are said to be so, not "missing". */
static void
test_links (void)
{
  g_autofree char *dir = folder ("links");
  g_autofree char *a = g_build_filename (dir, "posts.csv", NULL);
  g_autofree char *b = g_build_filename (dir, "other.csv", NULL);
  g_autofree char *c = g_build_filename (dir, "payouts.csv", NULL);
  g_autoptr(HkImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HkDataset) ds = NULL;

  put (dir, "influencers.csv", influencers);
  put (dir, "tracking_data.csv", tracking);
  g_assert_cmpint (symlink ("other.csv", a), ==, 0);
  g_assert_cmpint (symlink ("posts.csv", b), ==, 0);
  g_assert_cmpint (symlink ("gone.csv", c), ==, 0);

  ds = hk_import_folder (dir, NULL, NULL, NULL, &report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ds);
  report = NULL;
  g_assert_cmpstr (hk_import_report_get_error (hk_dataset_get_report (ds), HK_TABLE_POSTS), ==,
                   "posts.csv: a symbolic link that loops; it is not read");
  g_assert_cmpstr (hk_import_report_get_error (hk_dataset_get_report (ds), HK_TABLE_PAYOUTS), ==,
                   "payouts.csv: a symbolic link to a file that does not exist");
  g_assert_false (hk_dataset_has_table (ds, HK_TABLE_POSTS));
  g_assert_cmpuint (hk_dataset_get_n_rows (ds, HK_TABLE_TRACKING), ==, 1);
}

/* A folder whose name is not UTF-8: the message shows it escaped. */
static void
test_invalid_utf8_path (void)
{
  g_autofree char *dir = g_build_filename (tmp, "bad\xff" "folder", NULL);
  g_autofree char *missing = g_build_filename (dir, "nope", NULL);
  g_autoptr(HkImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(HkDataset) ds = NULL;
  g_autoptr(HkDataset) ds2 = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  ds = hk_import_folder (missing, NULL, NULL, NULL, &report, &error);
  g_assert_null (ds);
  g_assert_null (report);
  g_assert_error (error, HK_IMPORT_ERROR, HK_IMPORT_ERROR_NOT_FOUND);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, "it does not exist"));

  /* An empty folder of that name: the report is UTF-8 too. */
  ds2 = hk_import_folder (dir, NULL, NULL, NULL, &report, &error2);
  g_assert_null (ds2);
  g_assert_true (g_utf8_validate (error2->message, -1, NULL));
  assert_all_utf8 (report);
}

/* Rows appended while a file is read are not part of what was read: the
 * reader stops at the size the file had when it was opened. */
static void
test_growing_file (void)
{
  g_autofree char *dir = folder ("growing");
  g_autofree char *path = g_build_filename (dir, "tracking_data.csv", NULL);
  g_autoptr(GString) text = g_string_new ("a,b\n");
  g_autoptr(HkCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  FILE *f;
  guint n = 0;

  /* More than one read buffer, so the append lands before the reader is done. */
  for (guint i = 0; i < 200000; i++)
    g_string_append_printf (text, "%u,x\n", i);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  reader = hk_csv_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hk_csv_reader_next (reader, &error), ==, HK_CSV_RECORD); /* the header */

  f = fopen (path, "a");
  g_assert_nonnull (f);
  for (guint i = 0; i < 1000; i++)
    fprintf (f, "late%u,y\n", i);
  fclose (f);

  while (hk_csv_reader_next (reader, &error) == HK_CSV_RECORD)
    n++;
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 200000);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp = g_dir_make_tmp ("test-odd-files-XXXXXX", NULL);

  g_test_add_func ("/odd-files/fifo", test_fifo);
  g_test_add_func ("/odd-files/links", test_links);
  g_test_add_func ("/odd-files/invalid-utf8-path", test_invalid_utf8_path);
  g_test_add_func ("/odd-files/growing-file", test_growing_file);
  status = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp);
    (void) system (cmd);
  }
  g_free (tmp);
  return status;
}
