/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "hk-dataset-builder.h"
#include "hk-date.h"
#include "hk-folder-source.h"
#include "hk-import.h"
#include "hk-parse.h"
#include "hk-simulator-source.h"
#include "hk-summary.h"

/* The builder against the importer: the same rows, through the builder or
 * through CSV files, must give the same dataset. "The same" is checked through
 * what users see: row counts, every dimension's values, the import report, the
 * tables written back and every summary file, byte for byte. */

static char *tmp_dir;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static char *
fresh_dir (const char *name)
{
  char *path = g_build_filename (tmp_dir, name, NULL);

  remove_tree (path);
  return path;
}

/* Every file of a and b, byte for byte; returns how many. */
static guint
assert_same_files (const char *a,
                   const char *b)
{
  g_autoptr(GDir) dir = g_dir_open (a, 0, NULL);
  g_autoptr(GDir) other = g_dir_open (b, 0, NULL);
  const char *name;
  guint n = 0, n_other = 0;

  g_assert_nonnull (dir);
  g_assert_nonnull (other);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *pa = g_build_filename (a, name, NULL);
      g_autofree char *pb = g_build_filename (b, name, NULL);
      g_autofree char *ca = NULL, *cb = NULL;
      gsize la, lb;

      g_assert_true (g_file_get_contents (pa, &ca, &la, NULL));
      if (!g_file_get_contents (pb, &cb, &lb, NULL))
        g_error ("%s is missing", pb);
      if (la != lb || memcmp (ca, cb, la) != 0)
        g_error ("%s and %s differ", pa, pb);
      n++;
    }
  while (g_dir_read_name (other) != NULL)
    n_other++;
  g_assert_cmpuint (n, ==, n_other);
  return n;
}

static void
write_summaries (HkDataset       *dataset,
                 const char      *folder,
                 HkSummaryFormat  format)
{
  g_autoptr(HkEngine) engine = hk_engine_new (dataset);
  g_autoptr(HkFilter) filter = hk_filter_new ();
  g_autoptr(GError) error = NULL;
  HkAnalysisOptions options;
  HkAnalysis *analysis;

  hk_analysis_options_init (&options);
  analysis = hk_engine_analyze (engine, filter, &options);
  g_assert_true (hk_summary_write (analysis, folder, format, NULL, &error));
  g_assert_no_error (error);
  hk_analysis_unref (analysis);
}

static void
assert_same_reports (HkImportReport *a,
                     HkImportReport *b)
{
  g_autoptr(GPtrArray) ma = hk_import_report_dup_messages (a);
  g_autoptr(GPtrArray) mb = hk_import_report_dup_messages (b);

  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      g_assert_cmpint (hk_import_report_get_status (a, t), ==, hk_import_report_get_status (b, t));
      g_assert_cmpstr (hk_import_report_get_file_name (a, t), ==, hk_import_report_get_file_name (b, t));
      g_assert_cmpstr (hk_import_report_get_error (a, t), ==, hk_import_report_get_error (b, t));
      g_assert_cmpuint (hk_import_report_get_rows_read (a, t), ==, hk_import_report_get_rows_read (b, t));
      g_assert_cmpuint (hk_import_report_get_rows_skipped (a, t), ==, hk_import_report_get_rows_skipped (b, t));
      g_assert_cmpuint (hk_import_report_get_orphan_rows (a, t), ==, hk_import_report_get_orphan_rows (b, t));
    }
  g_assert_cmpfloat (hk_import_report_get_orphan_revenue (a), ==, hk_import_report_get_orphan_revenue (b));
  g_assert_cmpuint (ma->len, ==, mb->len);
  for (guint i = 0; i < ma->len; i++)
    g_assert_cmpstr (ma->pdata[i], ==, mb->pdata[i]);
}

/* built and imported hold the same data; name: a folder name for the files. */
static void
assert_same_datasets (HkDataset  *built,
                      HkDataset  *imported,
                      const char *name)
{
  g_autofree char *dir = fresh_dir (name);
  gint32 first_a, last_a, first_b, last_b;
  static const struct {
    const char     *name;
    HkSummaryFormat format;
  } formats[] = { { "csv", HK_SUMMARY_CSV }, { "json", HK_SUMMARY_JSON } };

  g_assert_cmpuint (hk_dataset_get_n_influencers (built), ==, hk_dataset_get_n_influencers (imported));
  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      const char * const *ea = hk_dataset_get_extra_columns (built, t);
      const char * const *eb = hk_dataset_get_extra_columns (imported, t);

      g_assert_cmpint (hk_dataset_has_table (built, t), ==, hk_dataset_has_table (imported, t));
      g_assert_cmpuint (hk_dataset_get_n_rows (built, t), ==, hk_dataset_get_n_rows (imported, t));
      g_assert_true (g_strv_equal ((const char **) ea, (const char **) eb));
    }
  g_assert_cmpint (hk_dataset_get_date_range (built, &first_a, &last_a), ==,
                   hk_dataset_get_date_range (imported, &first_b, &last_b));
  g_assert_cmpint (first_a, ==, first_b);
  g_assert_cmpint (last_a, ==, last_b);

  for (guint d = 0; d < HK_N_DIMS; d++)
    {
      g_autoptr(GPtrArray) va = hk_dataset_dup_values (built, d);
      g_autoptr(GPtrArray) vb = hk_dataset_dup_values (imported, d);

      g_assert_cmpuint (va->len, ==, vb->len);
      for (guint i = 0; i < va->len; i++)
        {
          HkValueCount *a = va->pdata[i], *b = vb->pdata[i];

          g_assert_cmpstr (a->value, ==, b->value);
          g_assert_cmpuint (a->count, ==, b->count);
        }
    }
  assert_same_reports (hk_dataset_get_report (built), hk_dataset_get_report (imported));

  /* Every stored cell, written back. */
  {
    g_autofree char *wa = g_build_filename (dir, "built-tables", NULL);
    g_autofree char *wb = g_build_filename (dir, "imported-tables", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_true (hk_dataset_write_folder (built, wa, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (hk_dataset_write_folder (imported, wb, NULL, &error));
    g_assert_no_error (error);
    assert_same_files (wa, wb);
  }

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *sa = g_strdup_printf ("%s/built-%s", dir, formats[f].name);
      g_autofree char *sb = g_strdup_printf ("%s/imported-%s", dir, formats[f].name);

      write_summaries (built, sa, formats[f].format);
      write_summaries (imported, sb, formats[f].format);
      /* Twelve summaries (the renegotiation list among them) and summary.json. */
      g_assert_cmpuint (assert_same_files (sa, sb), ==, 13);
    }
  remove_tree (dir);
}

/* ---------------------------------------------------------------------- */
/* The simulator: one generation, into the builder or into CSV files        */

static void
test_simulated (gconstpointer data)
{
  gboolean demo = GPOINTER_TO_INT (data) == 1;
  gboolean shaped = GPOINTER_TO_INT (data) == 2; /* every shape of issue 17 */
  HkSimulatorOptions options;
  g_autoptr(HkDataset) built = NULL;
  g_autoptr(HkDataset) imported = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = fresh_dir ("simulated");

  hk_simulator_options_init (&options);
  if (!demo)
    {
      options.seed = 7;
      options.n_influencers = 60;
      options.n_posts = 777;
      options.n_tracking_rows = 12345;
      options.start_day = hk_date_from_ymd (2025, 1, 10);
      options.end_day = hk_date_from_ymd (2025, 4, 20);
    }
  options.text_ids = options.long_names = options.extra_columns = shaped;
  options.decimals = options.quote_all = options.crlf = shaped;
  built = hk_simulator_generate_dataset (&options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (hk_simulator_write_folder (&options, folder, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  imported = hk_import_folder (folder, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_null (hk_dataset_get_folder (built));
  g_assert_cmpuint (hk_dataset_get_n_rows (built, HK_TABLE_TRACKING), ==, options.n_tracking_rows);
  g_assert_cmpuint (hk_dataset_get_n_rows (built, HK_TABLE_POSTS), ==, options.n_posts);
  g_assert_cmpuint (hk_import_report_get_rows_read (hk_dataset_get_report (built), HK_TABLE_TRACKING), ==,
                    options.n_tracking_rows);
  g_assert_false (hk_import_report_has_problems (hk_dataset_get_report (built)));
  assert_same_datasets (built, imported, demo ? "demo" : shaped ? "shaped" : "small");
  remove_tree (folder);
}

/* ---------------------------------------------------------------------- */
/* Rows as text: a table written as CSV, or set cell by cell                */

typedef struct {
  const char *header;  /* comma-separated */
  const char *rows[48]; /* comma-separated cells; NULL-terminated */
} TableText;

/* The rows set through the builder as a typed source would: numbers parsed,
 * dates as day numbers, the rest as text. */
static void
build_table (HkDatasetBuilder *builder,
             HkTable           table,
             const TableText  *text)
{
  g_auto(GStrv) header = g_strsplit (text->header, ",", -1);
  g_autofree int *role = g_new (int, g_strv_length (header));
  g_autofree int *extra = g_new (int, g_strv_length (header));
  int n_extras = 0;

  for (guint f = 0; header[f]; f++)
    {
      role[f] = hk_schema_find_role (table, header[f]);
      for (guint g = 0; g < f && role[f] >= 0; g++)
        if (role[g] == role[f])
          role[f] = -1; /* a second column of a role is an unknown one */
      extra[f] = role[f] < 0 ? n_extras++ : -1;
    }
  hk_dataset_builder_begin_table (builder, table, NULL, (const char * const *) header);
  for (guint r = 0; text->rows[r]; r++)
    {
      g_auto(GStrv) cells = g_strsplit (text->rows[r], ",", -1);

      g_assert_cmpuint (g_strv_length (cells), ==, g_strv_length (header));
      for (guint f = 0; cells[f]; f++)
        {
          HkColumnKind kind;
          const char *s = cells[f];
          gsize len = strlen (s);
          double value;
          gint32 day;

          if (extra[f] >= 0)
            {
              hk_dataset_builder_set_extra (builder, extra[f], s, -1);
              continue;
            }
          kind = hk_schema_get_column (table, role[f])->kind;
          hk_trim (&s, &len);
          if (kind == HK_COLUMN_DATE)
            {
              g_assert_true (len == 0 || hk_date_parse_iso (s, &day));
              hk_dataset_builder_set_day (builder, role[f], len == 0 ? HK_DAY_NONE : day);
            }
          else if (kind == HK_COLUMN_COUNT || kind == HK_COLUMN_NUMBER || kind == HK_COLUMN_WHOLE)
            {
              g_assert_true (len == 0 || hk_parse_double (s, len, &value));
              hk_dataset_builder_set_number (builder, role[f], len == 0 ? NAN : value);
            }
          else
            hk_dataset_builder_set_text (builder, role[f], cells[f], -1);
        }
      hk_dataset_builder_add_row (builder);
    }
  hk_dataset_builder_end_table (builder);
}

static GBytes *
table_bytes (const TableText *text)
{
  GString *out = g_string_new (text->header);

  g_string_append_c (out, '\n');
  for (guint r = 0; text->rows[r]; r++)
    g_string_append_printf (out, "%s\n", text->rows[r]);
  return g_string_free_to_bytes (out);
}

/* Both ways, which must agree, in failure too; NULL tables are missing.
 * Returns the built dataset (NULL when both failed). */
static HkDataset *
assert_both_ways (const TableText *tables[HK_N_TABLES],
                  const char      *name)
{
  g_autoptr(HkDatasetBuilder) builder = hk_dataset_builder_new ();
  g_autoptr(HkDataset) built = NULL;
  g_autoptr(HkDataset) imported = NULL;
  g_autoptr(HkImportReport) built_report = NULL;
  g_autoptr(HkImportReport) imported_report = NULL;
  g_autoptr(GError) built_error = NULL;
  g_autoptr(GError) imported_error = NULL;
  GBytes *files[HK_N_TABLES] = { NULL, };

  for (guint t = 0; t < HK_N_TABLES; t++)
    if (tables[t])
      {
        build_table (builder, t, tables[t]);
        files[t] = table_bytes (tables[t]);
      }
  built = hk_dataset_builder_finish (builder, &built_report, &built_error);
  imported = hk_import_bytes (files, NULL, NULL, &imported_report, &imported_error);
  for (guint t = 0; t < HK_N_TABLES; t++)
    g_clear_pointer (&files[t], g_bytes_unref);

  if (imported == NULL)
    {
      g_assert_null (built);
      g_assert_error (built_error, imported_error->domain, imported_error->code);
      g_assert_cmpstr (built_error->message, ==, imported_error->message);
      assert_same_reports (built_report, imported_report);
      return NULL;
    }
  g_assert_no_error (built_error);
  g_assert_no_error (imported_error);
  assert_same_datasets (built, imported, name);
  return g_steal_pointer (&built);
}

static const TableText influencers = {
  "ID,Name,Category,Gender,Follower Count,Platform,City,persona,notes",
  {
    "7,Asha Rao,Fitness,f,12000,Instagram,Pune,,first",
    "INF_2, Ravi Kumar ,Nutrition,MALE,250000,YouTube,,Gym Bro,",
    "42.0,Meera,Fitness,Female,900,Instagram,Delhi,,x",
    "7,Asha Again,Fitness,f,1,Instagram,Pune,,duplicate",
    ",No Id,Fitness,f,1,Instagram,Pune,,bad",
    "9,Negative,Fitness,f,-5,Instagram,Pune,,bad",
    "10,Zero,, ,0,Twitter,Mumbai,,ok",
    NULL,
  },
};

static const TableText posts = {
  "post_id,influencer_id,platform,post_date,post_url,caption,reach,likes,comments,brand,campaign,shares",
  {
    "p1,7,Instagram,2025-03-01, https://x/1 ,  Hello there ,1000,100,10,MuscleBlaze,MB_Summer,3",
    "p2,42,Instagram,2025-03-02,https://x/2,,500,50,5,,,",
    "p3,99,Instagram,2025-03-03,https://x/3,orphan,10,1,0,HKVitals,,",
    "p4,INF_2,YouTube,2025-02-27,https://x/4,bad,-1,1,0,,,",
    "p5,,YouTube,2025-02-27,https://x/5,bad,1,1,0,,,",
    NULL,
  },
};

static const TableText tracking = {
  "source,campaign,influencer_id,user_id,product,order_date,orders,revenue,brand,city,ab_group,tracking_id",
  {
    "instagram,MB_Summer,7,U1,Whey Gold,2025-03-02,1,2499,,Pune,exposed,t1",
    "organic,HKVitals_Glow,,U2,Biotin Plus,2025-03-03,2,998,,Delhi,,t2",
    "youtube,X_Promo,INF_2,U3,MuscleBlaze Creatine,2025-03-04,1,799,,,holdout,t3",
    "youtube,gritzo_kids,INF_2,U3,Something,2025-03-05,-1,-499,,,,t4",
    "youtube,Other,INF_2,U4,Thing,2025-03-05,1,100,musclebLAZE,,,t5",
    "twitter,MB_Summer,555,U5,Creatine,2025-03-06,1,300,,,,t6",
    "twitter,MB_Summer,556,U5,Creatine,2025-03-06,1,200,,,,t7",
    "twitter,MB_Summer,7,U5,Creatine,2025-03-06,1.5,200,,,,t8",
    "twitter,MB_Summer,7,U5,Creatine,2025-03-06,1,200,,,control,t9",
    "twitter,MB_Summer,7,U5,Creatine,2025-03-06,1,200,,,sometimes,t10",
    NULL,
  },
};

static const TableText payouts = {
  "payout_id,influencer_id,basis,rate,orders,posts_count,total_payout,campaign,brand",
  {
    "1,7,Per Post,500,,1,,MB_Summer,MuscleBlaze",
    "2,INF_2,order,40,3,,,,",
    "3,42,post,,,,1200,,",
    "4,42,hybrid,1,,,,,",
    "5,10,post,,,,,,",
    "6,1234,order,10,2,,20,,",
    NULL,
  },
};

static const TableText holdout = {
  "campaign,group,users,brand,start_date,end_date",
  {
    "MB_Summer,exposed,900,MuscleBlaze,2025-03-01,2025-03-31",
    "MB_Summer,holdout,100,MuscleBlaze,,",
    ",exposed,5,,,",
    "MB_Summer,maybe,5,,,",
    NULL,
  },
};

static void
test_rows (void)
{
  const TableText *all[HK_N_TABLES] = { &influencers, &posts, &tracking, &payouts, &holdout };
  const TableText *some[HK_N_TABLES] = { &influencers, NULL, &tracking, NULL, NULL };
  /* By hand, from the rows above: read, skipped, orphans. */
  static const guint expected[HK_N_TABLES][3] = {
    { 7, 3, 0 }, { 5, 2, 1 }, { 10, 2, 2 }, { 6, 2, 1 }, { 4, 2, 0 },
  };
  g_autoptr(HkDataset) dataset = assert_both_ways (all, "rows-all");
  g_autoptr(HkDataset) partial = assert_both_ways (some, "rows-some");
  HkImportReport *report = hk_dataset_get_report (dataset);
  g_autoptr(GPtrArray) brands = hk_dataset_dup_values (dataset, HK_DIM_BRAND);
  g_autoptr(GPtrArray) personas = hk_dataset_dup_values (dataset, HK_DIM_PERSONA);

  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      g_assert_cmpuint (hk_import_report_get_rows_read (report, t), ==, expected[t][0]);
      g_assert_cmpuint (hk_import_report_get_rows_skipped (report, t), ==, expected[t][1]);
      g_assert_cmpuint (hk_import_report_get_orphan_rows (report, t), ==, expected[t][2]);
    }
  g_assert_cmpfloat (hk_import_report_get_orphan_revenue (report), ==, 500);
  g_assert_cmpuint (hk_dataset_get_n_influencers (dataset), ==, 4);
  /* Brands of attributed rows, counted in tracking rows: by catalogue (Whey
   * Gold, Creatine), by prefix (MuscleBlaze Creatine), by campaign
   * (gritzo_kids) and by the cell in another case; the one post with a brand
   * lists its brand but is no tracking row. The unattributed HKVitals_Glow
   * row and the orphans do not count. */
  g_assert_cmpuint (brands->len, ==, 2);
  g_assert_cmpstr (((HkValueCount *) brands->pdata[0])->value, ==, "Gritzo");
  g_assert_cmpuint (((HkValueCount *) brands->pdata[0])->count, ==, 1);
  g_assert_cmpstr (((HkValueCount *) brands->pdata[1])->value, ==, "MuscleBlaze");
  g_assert_cmpuint (((HkValueCount *) brands->pdata[1])->count, ==, 4);
  /* The persona cell, else category · gender. */
  g_assert_cmpuint (personas->len, ==, 3);
  g_assert_cmpstr (((HkValueCount *) personas->pdata[0])->value, ==, "Fitness · Female");
  g_assert_cmpuint (((HkValueCount *) personas->pdata[0])->count, ==, 2);
  g_assert_cmpstr (((HkValueCount *) personas->pdata[1])->value, ==, "Gym Bro");
  g_assert_cmpstr (((HkValueCount *) personas->pdata[2])->value, ==, "Unknown · Unknown");
  g_assert_false (hk_dataset_has_table (partial, HK_TABLE_POSTS));
}

/* Without influencers, or with an unusable table, both fail alike. */
static void
test_missing (void)
{
  static const TableText no_revenue = {
    "source,campaign,influencer_id,user_id,product,date,orders",
    { "a,b,7,U1,p,2025-01-01,1", NULL },
  };
  const TableText *no_influencers[HK_N_TABLES] = { NULL, &posts, &tracking, &payouts, NULL };
  const TableText *bad_tracking[HK_N_TABLES] = { &influencers, &posts, &no_revenue, NULL, NULL };

  assert_both_ways (no_influencers, "missing-influencers");
  assert_both_ways (bad_tracking, "missing-column");
}

/* A cell the column accepts, and one that makes its row bad (NULL: none
 * does, as a typed source sets it). */
static const char *
good_cell (const HkSchemaColumn *col)
{
  switch (col->kind)
    {
    case HK_COLUMN_ID: return "1";
    case HK_COLUMN_GENDER: return "f";
    case HK_COLUMN_COUNT:
    case HK_COLUMN_NUMBER: return "5";
    case HK_COLUMN_WHOLE: return "2";
    case HK_COLUMN_DATE: return "2025-01-02";
    case HK_COLUMN_BASIS: return "post";
    case HK_COLUMN_AB_GROUP: return "exposed";
    case HK_COLUMN_NAME:
    case HK_COLUMN_TEXT:
    case HK_COLUMN_RAW_TEXT:
    case HK_COLUMN_POOLED:
    default:
      return "x";
    }
}

static const char *
bad_cell (const HkSchemaColumn *col,
          gboolean              empty)
{
  if (empty && !col->empty_ok)
    return "";
  switch (col->kind)
    {
    case HK_COLUMN_COUNT: return "-1";
    case HK_COLUMN_WHOLE: return "1.5";
    case HK_COLUMN_BASIS: return "hybrid";
    case HK_COLUMN_AB_GROUP: return "maybe";
    case HK_COLUMN_ID:
    case HK_COLUMN_NAME:
    case HK_COLUMN_TEXT:
    case HK_COLUMN_RAW_TEXT:
    case HK_COLUMN_POOLED:
    case HK_COLUMN_GENDER:
    case HK_COLUMN_NUMBER:
    case HK_COLUMN_DATE:
    default:
      return col->empty_ok ? NULL : "";
    }
}

/* A row of good cells but for columns a and b (-1: none); influencers' ids
 * are 1, 11, 12, … by row. */
static char *
make_row (const HkSchemaColumn *columns,
          guint                 n_columns,
          int                   a,
          int                   b,
          gboolean              empty,
          guint                 row)
{
  GString *text = g_string_new (NULL);

  for (guint r = 0; r < n_columns; r++)
    {
      g_autofree char *id = NULL;
      const char *cell = good_cell (&columns[r]);

      if ((int) r == a || (int) r == b)
        cell = bad_cell (&columns[r], empty);
      else if (columns[r].table == HK_TABLE_INFLUENCERS && r == INF_ID && row > 0)
        cell = id = g_strdup_printf ("1%u", row);
      g_string_append_printf (text, "%s%s", r ? "," : "", cell);
    }
  return g_string_free (text, FALSE);
}

/* A row with two bad cells is reported for the same one both ways: the
 * builder checks cells in the order the importer reads them. Every pair of
 * columns, with empty cells and with cells of a wrong value. */
static void
test_check_order (void)
{
  TableText tables[HK_N_TABLES];
  const TableText *all[HK_N_TABLES];
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HkDataset) dataset = NULL;

  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      const HkTableSchema *schema = hk_schema_get_table (t);
      GString *header = g_string_new (NULL);
      guint n = 0;

      for (guint r = 0; r < schema->n_columns; r++)
        g_string_append_printf (header, "%s%s", r ? "," : "", schema->columns[r].name);
      tables[t].header = g_string_free (header, FALSE);
      g_ptr_array_add (strings, (char *) tables[t].header);

      tables[t].rows[n++] = make_row (schema->columns, schema->n_columns, -1, -1, FALSE, 0);
      for (guint a = 0; a < schema->n_columns; a++)
        for (guint b = a + 1; b < schema->n_columns; b++)
          for (guint empty = 0; empty < 2; empty++)
            if (bad_cell (&schema->columns[a], empty) && bad_cell (&schema->columns[b], empty))
              {
                g_assert_cmpuint (n, <, G_N_ELEMENTS (tables[t].rows) - 1);
                tables[t].rows[n] = make_row (schema->columns, schema->n_columns, a, b, empty, n);
                n++;
              }
      tables[t].rows[n] = NULL;
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (strings, (char *) tables[t].rows[i]);
      all[t] = &tables[t];
    }
  dataset = assert_both_ways (all, "check-order");
  g_assert_nonnull (dataset);
  for (guint t = 0; t < HK_N_TABLES; t++)
    g_assert_cmpuint (hk_import_report_get_rows_skipped (hk_dataset_get_report (dataset), t), >, 0);
}

/* ---------------------------------------------------------------------- */
/* Sources                                                                  */

static void
on_progress (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

/* The simulator source is the generator into a builder; the folder source is
 * the importer. */
static void
test_sources (void)
{
  HkSimulatorOptions options;
  g_autoptr(HkSource) simulated = NULL;
  g_autoptr(HkSource) folder_source = NULL;
  g_autoptr(HkDataset) from_source = NULL;
  g_autoptr(HkDataset) generated = NULL;
  g_autoptr(HkDataset) from_folder = NULL;
  g_autoptr(HkDataset) imported = NULL;
  g_autoptr(HkImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autofree char *folder = fresh_dir ("source");
  g_autofree char *nowhere = g_build_filename (tmp_dir, "nowhere", NULL);
  double last_progress = -1;

  hk_simulator_options_init (&options);
  options.n_tracking_rows = 5000;
  simulated = hk_simulator_source_new (&options);
  from_source = hk_source_load (simulated, on_progress, &last_progress, NULL, &report, &error);
  g_assert_no_error (error);
  g_assert_null (report);
  g_assert_cmpfloat (last_progress, ==, 1.0);
  generated = hk_simulator_generate_dataset (&options, NULL, &error);
  g_assert_no_error (error);
  assert_same_datasets (from_source, generated, "source-simulated");

  g_assert_true (hk_simulator_write_folder (&options, folder, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  folder_source = hk_folder_source_new (folder);
  g_assert_cmpstr (hk_folder_source_get_folder (HK_FOLDER_SOURCE (folder_source)), ==, folder);
  from_folder = hk_source_load (folder_source, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hk_dataset_get_folder (from_folder), ==, folder);
  imported = hk_import_folder (folder, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_same_datasets (from_folder, imported, "source-folder");
  assert_same_datasets (from_source, from_folder, "source-both");

  /* A folder that cannot be read: the importer's error. */
  g_clear_object (&folder_source);
  folder_source = hk_folder_source_new (nowhere);
  g_assert_null (hk_source_load (folder_source, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, HK_IMPORT_ERROR, HK_IMPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Cancelled: no dataset. */
  g_cancellable_cancel (cancelled);
  g_assert_null (hk_source_load (simulated, NULL, NULL, cancelled, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  remove_tree (folder);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("hk-dataset-builder-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_data_func ("/dataset-builder/simulated/small", GINT_TO_POINTER (0), test_simulated);
  g_test_add_data_func ("/dataset-builder/simulated/demo", GINT_TO_POINTER (1), test_simulated);
  g_test_add_data_func ("/dataset-builder/simulated/shaped", GINT_TO_POINTER (2), test_simulated);
  g_test_add_func ("/dataset-builder/rows", test_rows);
  g_test_add_func ("/dataset-builder/missing", test_missing);
  g_test_add_func ("/dataset-builder/check-order", test_check_order);
  g_test_add_func ("/dataset-builder/sources", test_sources);
  status = g_test_run ();
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
