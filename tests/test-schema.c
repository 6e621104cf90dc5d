/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "hk-csv-reader.h"
#include "hk-import.h"
#include "hk-influencer.h"
#include "hk-payout.h"
#include "hk-post.h"
#include "hk-schema.h"
#include "hk-tracking-row.h"

/* The schema (hk-schema.c) against the importer, which takes its names and
 * cell rules from it but reads each table's cells with code of its own (one
 * function a table, for speed): what the importer does with a file must be
 * what the schema says, column by column. Files are made from the schema and
 * read by the importer: every name and alias is known, exactly the required
 * columns are required, exactly the columns that may be empty may be, and
 * each kind rejects what it should. */

/* A cell every column of the kind accepts. */
static const char *
valid_cell (const HkSchemaColumn *col)
{
  switch (col->kind)
    {
    case HK_COLUMN_ID: return "1";
    case HK_COLUMN_NAME: return "Asha";
    case HK_COLUMN_GENDER: return "f";
    case HK_COLUMN_COUNT:
    case HK_COLUMN_NUMBER: return "5";
    case HK_COLUMN_WHOLE: return "2";
    case HK_COLUMN_DATE: return "2025-01-02";
    case HK_COLUMN_BASIS: return "post";
    case HK_COLUMN_AB_GROUP: return "exposed";
    case HK_COLUMN_TEXT:
    case HK_COLUMN_RAW_TEXT:
    case HK_COLUMN_POOLED:
    default:
      return "x";
    }
}

/* How one table of the files differs from the schema's own: a column under
 * another header, left out, or with another cell. */
typedef struct {
  HkTable     table;
  int         role;
  const char *header; /* NULL: the canonical name */
  gboolean    drop;
  const char *cell;   /* NULL: valid_cell() */
} Change;

/* Every table with every column, one valid row, but for change. */
static HkDataset *
import_with (const Change    *change,
             HkImportReport **report)
{
  GBytes *files[HK_N_TABLES];
  HkDataset *dataset;
  g_autoptr(GError) error = NULL;

  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      const HkTableSchema *schema = hk_schema_get_table (t);
      g_autoptr(GString) header = g_string_new (NULL);
      g_autoptr(GString) row = g_string_new (NULL);

      for (guint r = 0; r < schema->n_columns; r++)
        {
          const HkSchemaColumn *col = &schema->columns[r];
          gboolean changed = change->table == t && change->role == (int) r;

          if (changed && change->drop)
            continue;
          if (header->len > 0)
            {
              g_string_append_c (header, ',');
              g_string_append_c (row, ',');
            }
          g_string_append (header, changed && change->header ? change->header : col->name);
          g_string_append (row, changed && change->cell ? change->cell : valid_cell (col));
        }
      g_string_append_printf (header, "\n%s\n", row->str);
      files[t] = g_bytes_new (header->str, header->len);
    }
  dataset = hk_import_bytes (files, NULL, NULL, report, &error);
  for (guint t = 0; t < HK_N_TABLES; t++)
    g_bytes_unref (files[t]);
  return dataset;
}

static void
test_tables (void)
{
  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      const HkTableSchema *schema = hk_schema_get_table (t);

      g_assert_cmpint (schema->table, ==, t);
      g_assert_cmpstr (schema->files[0], ==, hk_table_file_name (t));
      for (guint k = 0; k < G_N_ELEMENTS (schema->files) && schema->files[k]; k++)
        {
          g_autofree char *upper = g_ascii_strup (schema->files[k], -1);

          g_assert_true (hk_import_is_table_file (schema->files[k]));
          g_assert_true (hk_import_is_table_file (upper));
        }
      g_assert_cmpuint (schema->n_columns, <=, HK_MAX_ROLES);
      for (guint r = 0; r < schema->n_columns; r++)
        {
          const HkSchemaColumn *col = hk_schema_get_column (t, r);

          g_assert_true (col == &schema->columns[r]);
          g_assert_cmpint (col->table, ==, t);
          g_assert_cmpuint (col->role, ==, r);
          g_assert_nonnull (col->name);
          g_assert_cmpint (col->pool != HK_N_POOLS, ==,
                           col->kind == HK_COLUMN_POOLED || col->kind == HK_COLUMN_GENDER);
        }
    }
  /* The role counts (hk-schema.h) that tables of roles are sized by. */
  g_assert_cmpuint (hk_schema_get_table (HK_TABLE_INFLUENCERS)->n_columns, ==, N_INF_ROLES);
  g_assert_cmpuint (hk_schema_get_table (HK_TABLE_POSTS)->n_columns, ==, N_POST_ROLES);
  g_assert_cmpuint (hk_schema_get_table (HK_TABLE_TRACKING)->n_columns, ==, N_TRK_ROLES);
  g_assert_cmpuint (hk_schema_get_table (HK_TABLE_PAYOUTS)->n_columns, ==, N_PAY_ROLES);
  g_assert_cmpuint (hk_schema_get_table (HK_TABLE_HOLDOUT)->n_columns, ==, N_HO_ROLES);
}

/* Each name of each column, as written in files ("Follower Count"), is the
 * column to the importer: never an unknown one. */
static void
test_names (void)
{
  for (guint t = 0; t < HK_N_TABLES; t++)
    for (guint r = 0; r < hk_schema_get_table (t)->n_columns; r++)
      {
        const HkSchemaColumn *col = hk_schema_get_column (t, r);
        const char *names[G_N_ELEMENTS (col->aliases) + 1] = { col->name };

        memcpy (names + 1, col->aliases, sizeof col->aliases);
        for (guint k = 0; k < G_N_ELEMENTS (names) && names[k]; k++)
          {
            g_autofree char *spelled = g_ascii_strup (names[k], -1);

            g_strdelimit (spelled, "_", ' ');
            for (guint v = 0; v < 2; v++)
              {
                Change change = { t, r, v == 0 ? names[k] : spelled, FALSE, NULL };
                g_autoptr(HkDataset) dataset = import_with (&change, NULL);

                g_assert_cmpint (hk_schema_find_role (t, change.header), ==, r);
                g_assert_nonnull (dataset);
                g_assert_cmpint (hk_import_report_get_status (hk_dataset_get_report (dataset), t), ==,
                                 HK_TABLE_STATUS_OK);
                if (hk_dataset_get_extra_columns (dataset, t)[0] != NULL)
                  g_error ("%s: \"%s\" is an unknown column to the importer", hk_table_name (t), change.header);
                g_assert_cmpuint (hk_dataset_get_n_rows (dataset, t), ==, 1);
              }
          }
      }
  g_assert_cmpint (hk_schema_find_role (HK_TABLE_TRACKING, "shares"), ==, -1);
}

/* A file without a required column is an error naming it; without an
 * optional one it reads. */
static void
test_required (void)
{
  for (guint t = 0; t < HK_N_TABLES; t++)
    for (guint r = 0; r < hk_schema_get_table (t)->n_columns; r++)
      {
        const HkSchemaColumn *col = hk_schema_get_column (t, r);
        Change change = { t, r, NULL, TRUE, NULL };
        g_autoptr(HkImportReport) failed = NULL;
        g_autoptr(HkDataset) dataset = import_with (&change, &failed);
        HkImportReport *report = dataset ? hk_dataset_get_report (dataset) : failed;

        if (col->required)
          {
            g_autofree char *quoted = g_strdup_printf ("\"%s\"", col->name);

            g_assert_cmpint (hk_import_report_get_status (report, t), ==, HK_TABLE_STATUS_ERROR);
            g_assert_nonnull (strstr (hk_import_report_get_error (report, t), quoted));
          }
        else if (hk_import_report_get_status (report, t) != HK_TABLE_STATUS_OK)
          g_error ("%s: the importer requires \"%s\"", hk_table_name (t), col->name);
      }
}

/* A row with one empty cell is skipped unless the column may be empty. */
static void
test_empty (void)
{
  for (guint t = 0; t < HK_N_TABLES; t++)
    for (guint r = 0; r < hk_schema_get_table (t)->n_columns; r++)
      {
        const HkSchemaColumn *col = hk_schema_get_column (t, r);
        Change change = { t, r, NULL, FALSE, "" };
        g_autoptr(HkImportReport) failed = NULL;
        g_autoptr(HkDataset) dataset = import_with (&change, &failed);
        HkImportReport *report = dataset ? hk_dataset_get_report (dataset) : failed;

        if (hk_import_report_get_rows_skipped (report, t) != !col->empty_ok)
          g_error ("%s: an empty \"%s\" cell is %s to the importer", hk_table_name (t), col->name,
                   col->empty_ok ? "a bad cell" : "a value");
      }
}

/* Each kind rejects what it should, and keeps what it should. */
static void
test_kinds (void)
{
  static const struct {
    HkColumnKind kind;
    const char  *cell;
    gboolean     bad;
  } cases[] = {
    { HK_COLUMN_COUNT, "-1", TRUE },
    { HK_COLUMN_COUNT, "1.5", FALSE },
    { HK_COLUMN_NUMBER, "-1.5", FALSE },
    { HK_COLUMN_NUMBER, "1x", TRUE },
    { HK_COLUMN_WHOLE, "-2", FALSE },
    { HK_COLUMN_WHOLE, "1.5", TRUE },
    { HK_COLUMN_DATE, "someday", TRUE },
    { HK_COLUMN_BASIS, "Per Order", FALSE },
    { HK_COLUMN_BASIS, "hybrid", TRUE },
    { HK_COLUMN_AB_GROUP, "control", FALSE },
    { HK_COLUMN_AB_GROUP, "maybe", TRUE },
    { HK_COLUMN_ID, "42.0", FALSE },
    { HK_COLUMN_NAME, "-1", FALSE },
    { HK_COLUMN_TEXT, "-1", FALSE },
    { HK_COLUMN_POOLED, "-1", FALSE },
    { HK_COLUMN_GENDER, "M", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint t = 0; t < HK_N_TABLES; t++)
      for (guint r = 0; r < hk_schema_get_table (t)->n_columns; r++)
        {
          const HkSchemaColumn *col = hk_schema_get_column (t, r);
          Change change = { t, r, NULL, FALSE, cases[i].cell };
          g_autoptr(HkImportReport) failed = NULL;
          g_autoptr(HkDataset) dataset = NULL;
          HkImportReport *report;

          if (col->kind != cases[i].kind)
            continue;
          dataset = import_with (&change, &failed);
          report = dataset ? hk_dataset_get_report (dataset) : failed;
          if (hk_import_report_get_rows_skipped (report, t) != (guint64) cases[i].bad)
            g_error ("%s: \"%s\" in \"%s\" is %s to the importer", hk_table_name (t), cases[i].cell,
                     col->name, cases[i].bad ? "kept" : "a bad cell");
        }
}

/* Cell role of table t's file in folder, the first row's. */
static char *
read_back (const char *folder,
           HkTable     t,
           guint       role)
{
  g_autofree char *path = g_build_filename (folder, hk_table_file_name (t), NULL);
  g_autoptr(HkCsvReader) reader = hk_csv_reader_new_for_path (path, NULL);

  g_assert_nonnull (reader);
  g_assert_cmpint (hk_csv_reader_next (reader, NULL), ==, HK_CSV_RECORD);
  g_assert_cmpstr (hk_csv_reader_get_field (reader, role, NULL), ==, hk_schema_get_column (t, role)->name);
  g_assert_cmpint (hk_csv_reader_next (reader, NULL), ==, HK_CSV_RECORD);
  return g_strdup (hk_csv_reader_get_field (reader, role, NULL));
}

static void
remove_files (const char *folder)
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

/* Each kind keeps what it should of a cell: text trimmed but for RAW_TEXT,
 * a gender's m/male and f/female as Male and Female. Cells are read back
 * from the dataset written out. */
static void
test_values (void)
{
  static const struct {
    HkColumnKind kind;
    const char  *cell;
    const char  *kept;
  } cases[] = {
    { HK_COLUMN_NAME, " Asha ", "Asha" },
    { HK_COLUMN_TEXT, " x ", "x" },
    { HK_COLUMN_RAW_TEXT, " x ", " x " },
    { HK_COLUMN_POOLED, " x ", "x" },
    { HK_COLUMN_GENDER, " m ", "Male" },
    { HK_COLUMN_GENDER, "FEMALE", "Female" },
    { HK_COLUMN_GENDER, " Other ", "Other" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("hk-schema-XXXXXX", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint t = 0; t < HK_N_TABLES; t++)
      for (guint r = 0; r < hk_schema_get_table (t)->n_columns; r++)
        {
          const HkSchemaColumn *col = hk_schema_get_column (t, r);
          Change change = { t, r, NULL, FALSE, cases[i].cell };
          g_autoptr(HkDataset) dataset = NULL;
          g_autofree char *folder = NULL;
          g_autofree char *kept = NULL;

          if (col->kind != cases[i].kind)
            continue;
          dataset = import_with (&change, NULL);
          g_assert_nonnull (dataset);
          folder = g_build_filename (tmp, "out", NULL);
          g_assert_true (hk_dataset_write_folder (dataset, folder, NULL, &error));
          g_assert_no_error (error);
          kept = read_back (folder, t, r);
          if (!g_str_equal (kept, cases[i].kept))
            g_error ("%s: \"%s\" in \"%s\" is kept as \"%s\"", hk_table_name (t), cases[i].cell,
                     col->name, kept);
          remove_files (folder);
        }
  g_rmdir (tmp);
}

/* Every column of the schema is a property of its table's record (the
 * GObject model the app's lists bind to), named as the column with dashes:
 * a column added to the schema and not to its record fails here. */
static void
test_records (void)
{
  const struct { HkTable table; GType (*type) (void); } records[] = {
    { HK_TABLE_INFLUENCERS, hk_influencer_get_type },
    { HK_TABLE_POSTS, hk_post_get_type },
    { HK_TABLE_TRACKING, hk_tracking_row_get_type },
    { HK_TABLE_PAYOUTS, hk_payout_get_type },
  };

  for (guint r = 0; r < G_N_ELEMENTS (records); r++)
    {
      const HkTableSchema *schema = hk_schema_get_table (records[r].table);
      g_autoptr(GTypeClass) klass = g_type_class_ref (records[r].type ());

      for (guint c = 0; c < schema->n_columns; c++)
        {
          g_autofree char *property = g_strdelimit (g_strdup (schema->columns[c].name), "_", '-');

          if (g_object_class_find_property (G_OBJECT_CLASS (klass), property) == NULL)
            g_error ("%s has no property “%s” for the column %s of %s", g_type_name (records[r].type ()),
                     property, schema->columns[c].name, schema->files[0]);
        }
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/schema/tables", test_tables);
  g_test_add_func ("/schema/records", test_records);
  g_test_add_func ("/schema/importer/names", test_names);
  g_test_add_func ("/schema/importer/required", test_required);
  g_test_add_func ("/schema/importer/empty", test_empty);
  g_test_add_func ("/schema/importer/kinds", test_kinds);
  g_test_add_func ("/schema/importer/values", test_values);
  return g_test_run ();
}
