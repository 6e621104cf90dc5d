/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The application window under Xvfb, driven through its actions: every number
 * shown is checked against an analysis the test runs itself (a second engine
 * on the same dataset), or against sums made by hand from the row records. */
#include "config.h"

#include <math.h>
#include <string.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>

#include "hk-application.h"
#include "hk-cell.h"
#include "hk-csv-reader.h"
#include "hk-date.h"
#include "hk-influencer-rows.h"
#include "hk-kpi-card.h"
#include "hk-payout.h"
#include "hk-post-rows.h"
#include "hk-row-model.h"
#include "hk-simulator.h"
#include "hk-summary.h"
#include "hk-table-source.h"
#include "hk-tracking-row.h"
#include "hk-window-actions.h"
#include "hk-window.h"

static HkApplication *app;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */

typedef gboolean (*Check) (gpointer data);

static void
pump_until (Check    check,
            gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (!check (data))
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

/* A few more iterations, for what is queued behind a change. */
static void
pump_a_little (void)
{
  for (guint i = 0; i < 50; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

static gboolean
window_is_idle (gpointer data)
{
  HkWindow *window = data;

  return !hk_window_get_busy (window) && hk_window_get_analysis (window) != NULL;
}

static void
wait_idle (HkWindow *window)
{
  pump_a_little ();
  pump_until (window_is_idle, window);
}

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static HkWindow *
new_window (const char *folder)
{
  HkWindow *window = hk_window_new (GTK_APPLICATION (app), hk_application_get_settings (app));

  hk_window_actions_install (window);

  hk_window_load_initial (window, folder);
  gtk_window_present (GTK_WINDOW (window));
  wait_idle (window);
  return window;
}

static void
destroy_window (HkWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  pump_a_little ();
}

static void
activate_app_action (const char *name,
                     GVariant   *parameter)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), name, parameter);
}

static HkDataTable *
show_table (HkWindow   *window,
            const char *page,
            const char *source)
{
  HkDataTable *table = hk_window_get_table (window, source);

  activate_app_action ("show-page", g_variant_new_string (page));
  pump_until (widget_is_mapped, table);
  wait_idle (window);
  return table;
}

/* A table of the Insights page's decision stack, its stack page shown. */
static HkDataTable *
show_in_stack (HkWindow   *window,
               const char *source)
{
  HkDataTable *table = hk_window_get_table (window, source);

  gtk_stack_set_visible_child (GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (table), GTK_TYPE_STACK)),
                               GTK_WIDGET (table));
  pump_until (widget_is_mapped, table);
  wait_idle (window);
  return table;
}

/* An analysis of the window's dataset with the window's filter and options,
 * by an engine of its own. */
static HkAnalysis *
expected_analysis (HkWindow *window)
{
  g_autoptr(HkEngine) engine = hk_engine_new (hk_window_get_dataset (window));

  return hk_engine_analyze (engine, hk_window_get_filter (window), hk_window_get_options (window));
}

static void
collect_label_texts (GtkWidget *widget,
                     GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  else if (HK_IS_CELL (widget))
    g_ptr_array_add (texts, g_strdup (hk_cell_get_text (HK_CELL (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_label_texts (child, texts);
}

static gboolean
widget_shows_text (GtkWidget  *widget,
                   const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  collect_label_texts (widget, texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (texts->pdata[i], text))
      return TRUE;
  return FALSE;
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("hk-test-window-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
write_small_dataset (const char *folder,
                     guint64     seed)
{
  HkSimulatorOptions options;
  g_autoptr(GError) error = NULL;

  hk_simulator_options_init (&options);
  options.seed = seed;
  options.n_influencers = 40;
  options.n_posts = 300;
  options.n_tracking_rows = 5000;
  g_assert_true (hk_simulator_write_folder (&options, folder, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

typedef struct {
  GPtrArray *header;
  GPtrArray *rows; /* of GPtrArray of char * */
} Csv;

static void
csv_clear (Csv *csv)
{
  g_clear_pointer (&csv->header, g_ptr_array_unref);
  g_clear_pointer (&csv->rows, g_ptr_array_unref);
}

static void
read_csv (const char *path,
          Csv        *csv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HkCsvReader) reader = hk_csv_reader_new_for_path (path, &error);
  HkCsvStatus status;

  g_assert_no_error (error);
  csv->header = NULL;
  csv->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  while ((status = hk_csv_reader_next (reader, &error)) == HK_CSV_RECORD)
    {
      GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);

      for (guint f = 0; f < hk_csv_reader_get_n_fields (reader); f++)
        g_ptr_array_add (fields, g_strdup (hk_csv_reader_get_field (reader, f, NULL)));
      if (csv->header == NULL)
        csv->header = fields;
      else
        g_ptr_array_add (csv->rows, fields);
    }
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, HK_CSV_END);
  g_assert_nonnull (csv->header);
}

static const char *
csv_cell (Csv   *csv,
          guint  row,
          guint  column)
{
  GPtrArray *fields = csv->rows->pdata[row];

  g_assert_cmpuint (column, <, fields->len);
  return fields->pdata[column];
}

static void
assert_same_number (const char *cell,
                    double      expected)
{
  if (isnan (expected))
    g_assert_cmpstr (cell, ==, "");
  else
    {
      char *end = NULL;
      double value = g_ascii_strtod (cell, &end);

      g_assert_true (end != cell && *end == '\0');
      /* The writer writes the shortest text that reads back as the same double. */
      g_assert_cmpfloat (value, ==, expected);
    }
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Exports the current view through the app's export-view action and reads it. */
static void
export_view (HkWindow   *window,
             const char *path,
             Csv        *csv)
{
  g_remove (path);
  activate_app_action ("export-view", g_variant_new_string (path));
  pump_until (file_exists, (gpointer) path);
  wait_idle (window);
  read_csv (path, csv);
}

/* The CSV holds exactly the table's rows, in its order, with its values. */
static void
assert_csv_is_table (Csv         *csv,
                     HkDataTable *table)
{
  const HkTableSource *source = hk_data_table_get_source (table);
  HkAnalysis *analysis = hk_data_table_get_analysis (table);
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (hk_data_table_get_column_view (table)));
  guint n_rows;
  const guint *rows = hk_data_table_get_rows (table, &n_rows);

  g_assert_cmpuint (csv->header->len, ==, source->spec->n_columns);
  for (guint c = 0; c < source->spec->n_columns; c++)
    g_assert_cmpstr (csv->header->pdata[c], ==, hk_table_spec_get_column_id (source->spec, c));

  /* What the column view lists is what the CSV holds. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_rows);
  g_assert_cmpuint (csv->rows->len, ==, n_rows);
  for (guint k = 0; k < n_rows; k++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, k);

      g_assert_cmpuint (source->item_get_row (item), ==, rows[k]);
      for (guint c = 0; c < source->spec->n_columns; c++)
        {
          HkCellKind kind = source->spec->columns[c].kind;
          const char *cell = csv_cell (csv, k, c);

          if (!hk_cell_kind_is_number (kind))
            g_assert_cmpstr (cell, ==, source->spec->get_text (analysis, rows[k], c));
          else if (kind == HK_CELL_FLAG)
            g_assert_cmpstr (cell, ==, hk_table_spec_get_number (source->spec, analysis, rows[k], c) != 0 ? "true" : "false");
          else if (kind == HK_CELL_DATE)
            {
              gint32 day;

              g_assert_true (hk_date_parse_iso (cell, &day));
              g_assert_cmpfloat (day, ==, hk_table_spec_get_number (source->spec, analysis, rows[k], c));
            }
          else if (kind == HK_CELL_MONEY)
            assert_same_number (cell, hk_money_round (hk_table_spec_get_number (source->spec, analysis, rows[k], c)));
          else
            assert_same_number (cell, hk_table_spec_get_number (source->spec, analysis, rows[k], c));
        }
    }
}

static int
find_column (Csv        *csv,
             const char *id)
{
  for (guint c = 0; c < csv->header->len; c++)
    if (g_str_equal (csv->header->pdata[c], id))
      return (int) c;
  g_assert_not_reached ();
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */

static const struct {
  HkKpi      kpi;
  HkCellKind kind;
} kpi_kinds[] = {
  { HK_KPI_SPEND, HK_CELL_MONEY },
  { HK_KPI_REVENUE, HK_CELL_MONEY },
  { HK_KPI_ORDERS, HK_CELL_COUNT },
  { HK_KPI_ROAS, HK_CELL_RATIO },
  { HK_KPI_IROAS, HK_CELL_RATIO },
  { HK_KPI_MEAN_INFLUENCER_ROAS, HK_CELL_RATIO },
  { HK_KPI_TOP_INFLUENCER_ROAS, HK_CELL_RATIO },
  { HK_KPI_COST_PER_ORDER, HK_CELL_MONEY },
  { HK_KPI_ENGAGEMENT_RATE, HK_CELL_PERCENT },
};

/* Every card shows the engine's number for the window's filter. */
static void
assert_kpis (HkWindow *window)
{
  g_autoptr(HkAnalysis) expected = expected_analysis (window);
  HkOverviewPage *page = hk_window_get_overview_page (window);
  const HkMetrics *totals = hk_analysis_get_totals (expected);

  for (guint i = 0; i < G_N_ELEMENTS (kpi_kinds); i++)
    {
      HkKpiCard *card = HK_KPI_CARD (hk_overview_page_get_card (page, kpi_kinds[i].kpi));
      g_autofree char *text = hk_gui_format_number (kpi_kinds[i].kind,
                                                    hk_metrics_get (totals, hk_kpi_get_metric (kpi_kinds[i].kpi)),
                                                    hk_window_get_money_style (window));

      g_assert_cmpstr (hk_kpi_card_get_value (card), ==, text);
    }
  /* The iROAS card names its method. */
  g_assert_nonnull (strstr (hk_kpi_card_get_detail (HK_KPI_CARD (hk_overview_page_get_card (page, HK_KPI_IROAS))),
                            hk_analysis_get_iroas_label (expected)));
}

static void
test_demo_overview (void)
{
  HkWindow *window = new_window (NULL);
  HkDataset *dataset = hk_window_get_dataset (window);
  const HkMetrics *totals = hk_analysis_get_totals (hk_window_get_analysis (window));
  double revenue = 0, orders = 0, spend = 0;
  g_autoptr(HkEngine) engine = NULL;

  g_assert_nonnull (dataset);
  g_assert_null (hk_dataset_get_folder (dataset));
  g_assert_cmpstr (hk_window_get_page (window), ==, "overview");
  pump_until (widget_is_mapped, hk_window_get_overview_page (window));
  assert_kpis (window);

  /* With no filter, revenue and orders are the attributed tracking rows, and
   * spend the payout amounts: sums made here from the records. */
  for (guint r = 0; r < hk_dataset_get_n_rows (dataset, HK_TABLE_TRACKING); r++)
    {
      g_autoptr(HkTrackingRow) row = hk_tracking_row_new (dataset, r);

      if (hk_tracking_row_get_influencer_index (row) >= 0)
        {
          revenue += hk_tracking_row_get_revenue (row);
          orders += hk_tracking_row_get_orders (row);
        }
    }
  engine = hk_engine_new (dataset);
  for (guint p = 0; p < hk_dataset_get_n_rows (dataset, HK_TABLE_PAYOUTS); p++)
    {
      g_autoptr(HkPayout) payout = hk_payout_new (dataset, p);

      if (hk_payout_get_influencer_index (payout) >= 0)
        spend += hk_engine_get_payout_amount (engine, p);
    }
  g_assert_cmpfloat_with_epsilon (totals->revenue, revenue, 1e-6 * revenue);
  g_assert_cmpfloat (totals->orders, ==, orders);
  g_assert_cmpfloat_with_epsilon (totals->spend, spend, 1e-6 * spend);

  destroy_window (window);
}

/* Each table lists what the engine computes for the filter. */
static void
assert_tables (HkWindow *window)
{
  g_autoptr(HkAnalysis) expected = expected_analysis (window);
  HkDataTable *table;
  guint n_rows;
  const guint *rows;
  HkAnalysis *shown;
  guint n_payouts = 0, n_expected;

  /* Influencers: every influencer the filters keep, revenue descending. */
  table = show_table (window, "influencers", "influencers");
  shown = hk_data_table_get_analysis (table);
  rows = hk_data_table_get_rows (table, &n_rows);
  g_assert_cmpuint (n_rows, ==, hk_analysis_get_n_groups (expected, HK_DIM_INFLUENCER));
  for (guint k = 0; k < n_rows; k++)
    {
      const char *id = hk_analysis_get_group_key (shown, HK_DIM_INFLUENCER, rows[k]);
      int group = -1;

      for (guint g = 0; g < hk_analysis_get_n_groups (expected, HK_DIM_INFLUENCER); g++)
        if (g_str_equal (hk_analysis_get_group_key (expected, HK_DIM_INFLUENCER, g), id))
          group = (int) g;
      g_assert_cmpint (group, >=, 0);
      g_assert_cmpfloat (hk_analysis_get_group (shown, HK_DIM_INFLUENCER, rows[k])->revenue, ==,
                         hk_analysis_get_group (expected, HK_DIM_INFLUENCER, group)->revenue);
      g_assert_cmpfloat (hk_analysis_get_group (shown, HK_DIM_INFLUENCER, rows[k])->spend, ==,
                         hk_analysis_get_group (expected, HK_DIM_INFLUENCER, group)->spend);
      if (k > 0)
        g_assert_cmpfloat (hk_analysis_get_group (shown, HK_DIM_INFLUENCER, rows[k - 1])->revenue, >=,
                           hk_analysis_get_group (shown, HK_DIM_INFLUENCER, rows[k])->revenue);
    }
  if (n_rows > 0)
    {
      /* The first row is on screen as the cells format it. */
      g_autofree char *revenue = hk_gui_format_money (hk_analysis_get_group (shown, HK_DIM_INFLUENCER, rows[0])->revenue,
                                                      hk_window_get_money_style (window));
      const char *name = hk_influencer_rows_get_text (hk_window_get_dataset (window),
                                                      hk_analysis_get_group_index (shown, HK_DIM_INFLUENCER, rows[0]),
                                                      HK_INFLUENCER_COLUMN_NAME);

      pump_a_little ();
      g_assert_true (widget_shows_text (GTK_WIDGET (table), name));
      g_assert_true (widget_shows_text (GTK_WIDGET (table), revenue));
    }

  /* Posts: as many as the engine counts. */
  table = show_table (window, "posts", "posts");
  hk_data_table_get_rows (table, &n_rows);
  g_assert_cmpfloat (n_rows, ==, hk_analysis_get_totals (expected)->posts);

  /* Payouts: the influencers with payout rows, total = their spend. */
  table = show_table (window, "payouts", "payouts");
  shown = hk_data_table_get_analysis (table);
  rows = hk_data_table_get_rows (table, &n_rows);
  for (guint g = 0; g < hk_analysis_get_n_groups (expected, HK_DIM_INFLUENCER); g++)
    {
      const char *basis;
      double rate, units;

      n_payouts += hk_analysis_get_payout_info (expected, g, &basis, &rate, &units);
    }
  g_assert_cmpuint (n_rows, ==, n_payouts);
  for (guint k = 0; k < n_rows; k++)
    {
      const HkMetrics *m = hk_analysis_get_group (shown, HK_DIM_INFLUENCER, rows[k]);
      const HkTableSource *source = hk_data_table_get_source (table);
      int flag = hk_table_spec_find_column (source->spec, "payout_exceeds_revenue");

      g_assert_cmpfloat (hk_table_spec_get_number (source->spec, shown, rows[k], flag), ==, m->spend > m->revenue);
    }

  /* Insights. */
  table = show_table (window, "insights", "top");
  hk_data_table_get_rows (table, &n_rows);
  g_assert_cmpuint (n_rows, ==, hk_analysis_get_n_top (expected));
  /* The decision lists lead; the bottom 10% is one click away, in their stack. */
  table = show_in_stack (window, "drop");
  g_free ((gpointer) hk_analysis_dup_decided (expected, HK_DECISION_DROP, &n_expected));
  hk_data_table_get_rows (table, &n_rows);
  g_assert_cmpuint (n_rows, ==, n_expected);
  table = show_in_stack (window, "poor");
  hk_data_table_get_rows (table, &n_rows);
  g_assert_cmpuint (n_rows, ==, hk_analysis_get_n_poor (expected));
  show_in_stack (window, "drop");
  hk_data_table_get_rows (hk_window_get_table (window, "personas"), &n_rows);
  g_assert_cmpuint (n_rows, ==, hk_analysis_get_n_groups (expected, HK_DIM_PERSONA));
  hk_data_table_get_rows (hk_window_get_table (window, "cities"), &n_rows);
  g_assert_cmpuint (n_rows, ==, hk_analysis_get_n_groups (expected, HK_DIM_CITY));
}

static void
test_pages (void)
{
  HkWindow *window = new_window (NULL);

  assert_tables (window);
  destroy_window (window);
}

/* A filter set through the window's action, then through the sidebar's own
 * check buttons: the KPIs and tables follow. */
static void
find_check_buttons (GtkWidget *widget,
                    GPtrArray *checks)
{
  /* A collapsed expander keeps its child out of the tree: open them all. */
  if (GTK_IS_EXPANDER (widget))
    gtk_expander_set_expanded (GTK_EXPANDER (widget), TRUE);
  if (GTK_IS_CHECK_BUTTON (widget))
    g_ptr_array_add (checks, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    find_check_buttons (child, checks);
}

static void
test_filters (void)
{
  HkWindow *window = new_window (NULL);
  HkDataset *dataset = hk_window_get_dataset (window);
  g_autoptr(GPtrArray) brands = hk_dataset_dup_values (dataset, HK_DIM_BRAND);
  const char *brand = ((HkValueCount *) brands->pdata[0])->value;
  const char *values[] = { brand, NULL };
  double all_revenue = hk_analysis_get_totals (hk_window_get_analysis (window))->revenue;
  double brand_revenue;
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();

  g_action_group_activate_action (G_ACTION_GROUP (window), "set-filter",
                                  g_variant_new ("(s^as)", "brand", values));
  wait_idle (window);
  g_assert_true (hk_filter_allows (hk_window_get_filter (window), HK_DIM_BRAND, brand));
  brand_revenue = hk_analysis_get_totals (hk_window_get_analysis (window))->revenue;
  g_assert_cmpfloat (brand_revenue, <, all_revenue);
  assert_kpis (window);
  assert_tables (window);

  /* A date range and a name search on top. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "set-filter",
                                  g_variant_new ("(s^as)", "from", (const char *[]) { "2025-05-01", NULL }));
  g_action_group_activate_action (G_ACTION_GROUP (window), "set-filter",
                                  g_variant_new ("(s^as)", "search", (const char *[]) { "a", NULL }));
  wait_idle (window);
  g_assert_cmpfloat (hk_analysis_get_totals (hk_window_get_analysis (window))->revenue, <, brand_revenue);
  assert_kpis (window);
  assert_tables (window);

  /* Reset, then the sidebar: checking the first platform. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "reset-filters", NULL);
  wait_idle (window);
  g_assert_true (hk_filter_is_empty (hk_window_get_filter (window)));
  g_assert_cmpfloat (hk_analysis_get_totals (hk_window_get_analysis (window))->revenue, ==, all_revenue);

  find_check_buttons (GTK_WIDGET (window), checks);
  g_assert_cmpuint (checks->len, >, 3);
  /* The sections are brand, platform, …: the first check is the first brand. */
  gtk_check_button_set_active (checks->pdata[0], TRUE);
  wait_idle (window);
  g_assert_cmpuint (g_strv_length ((char **) hk_filter_get_values (hk_window_get_filter (window), HK_DIM_BRAND)), ==, 1);
  g_assert_cmpfloat (hk_analysis_get_totals (hk_window_get_analysis (window))->revenue, ==, brand_revenue);
  assert_kpis (window);

  g_action_group_activate_action (G_ACTION_GROUP (window), "reset-filters", NULL);
  wait_idle (window);
  destroy_window (window);
}

/* Sorting by a column orders the rows by its numbers, undefined last in both
 * directions; text columns order by text. */
static void
assert_sorted (HkDataTable *table,
               const char  *column_id,
               gboolean     descending)
{
  const HkTableSource *source = hk_data_table_get_source (table);
  HkAnalysis *analysis = hk_data_table_get_analysis (table);
  int column = hk_table_spec_find_column (source->spec, column_id);
  guint n_rows;
  const guint *rows = hk_data_table_get_rows (table, &n_rows);
  gboolean seen_undefined = FALSE;
  guint n_undefined = 0;
  const char *sorted_id;
  gboolean sorted_descending;

  g_assert_true (hk_data_table_get_sort (table, &sorted_id, &sorted_descending));
  g_assert_cmpstr (sorted_id, ==, column_id);
  g_assert_cmpint (sorted_descending, ==, descending);

  for (guint k = 0; k < n_rows; k++)
    {
      double value = hk_table_spec_get_number (source->spec, analysis, rows[k], column);

      if (isnan (value))
        {
          seen_undefined = TRUE;
          n_undefined++;
          continue;
        }
      g_assert_false (seen_undefined); /* no number after an undefined one */
      if (k > 0)
        {
          double previous = hk_table_spec_get_number (source->spec, analysis, rows[k - 1], column);

          if (descending)
            g_assert_cmpfloat (previous, >=, value);
          else
            g_assert_cmpfloat (previous, <=, value);
        }
    }
  g_test_message ("%s %s: %u rows, %u undefined", column_id, descending ? "descending" : "ascending",
                  n_rows, n_undefined);
}

static void
test_sort (void)
{
  HkWindow *window = new_window (NULL);
  HkDataTable *table = show_table (window, "influencers", "influencers");
  const HkTableSource *source = hk_data_table_get_source (table);
  guint n_rows, n_undefined = 0;
  const guint *rows;
  GtkSorter *view_sorter = gtk_column_view_get_sorter (hk_data_table_get_column_view (table));
  int name = hk_table_spec_find_column (source->spec, "name");

  /* ROAS is undefined for influencers without spend: the demo has some. */
  rows = hk_data_table_get_rows (table, &n_rows);
  for (guint k = 0; k < n_rows; k++)
    n_undefined += isnan (hk_table_spec_get_number (source->spec, hk_data_table_get_analysis (table), rows[k],
                                                      hk_table_spec_find_column (source->spec, "roas")));
  g_assert_cmpuint (n_undefined, >, 0);

  hk_data_table_set_sort (table, "roas", FALSE);
  wait_idle (window);
  assert_sorted (table, "roas", FALSE);
  hk_data_table_set_sort (table, "roas", TRUE);
  wait_idle (window);
  assert_sorted (table, "roas", TRUE);

  /* The same through the column view's sorter, as a header click does it. */
  {
    GListModel *columns = gtk_column_view_get_columns (hk_data_table_get_column_view (table));
    g_autoptr(GtkColumnViewColumn) spend = g_list_model_get_item (columns, hk_table_spec_find_column (source->spec, "spend"));

    gtk_column_view_sort_by_column (hk_data_table_get_column_view (table), spend, GTK_SORT_ASCENDING);
    wait_idle (window);
    assert_sorted (table, "spend", FALSE);
    g_assert_nonnull (view_sorter);
  }

  /* A text column. */
  hk_data_table_set_sort (table, "name", FALSE);
  wait_idle (window);
  rows = hk_data_table_get_rows (table, &n_rows);
  for (guint k = 1; k < n_rows; k++)
    g_assert_cmpint (g_ascii_strcasecmp (source->spec->get_text (hk_data_table_get_analysis (table), rows[k - 1], name),
                                         source->spec->get_text (hk_data_table_get_analysis (table), rows[k], name)), <=, 0);

  /* Posts sort by reach, descending, across all of them. */
  table = show_table (window, "posts", "posts");
  hk_data_table_set_sort (table, "engagement_rate", TRUE);
  wait_idle (window);
  assert_sorted (table, "engagement_rate", TRUE);

  /* Payouts by rate: mixed payouts have none. */
  table = show_table (window, "payouts", "payouts");
  hk_data_table_set_sort (table, "rate", FALSE);
  wait_idle (window);
  assert_sorted (table, "rate", FALSE);
  hk_data_table_set_sort (table, "rate", TRUE);
  wait_idle (window);
  assert_sorted (table, "rate", TRUE);

  destroy_window (window);
}

/* Export Current View through the app's action writes what each table shows. */
static AdwMessageDialog *find_dialog (HkWindow   *window,
                                      const char *name);

static gboolean
dialog_shown (gpointer window)
{
  return find_dialog (window, NULL) != NULL;
}

static void
test_export_view (void)
{
  HkWindow *window = new_window (NULL);
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "view.csv", NULL);
  g_autoptr(HkAnalysis) expected = NULL;
  Csv csv;
  HkDataTable *table;
  const char *brand_values[] = { "MuscleBlaze", NULL };

  /* A filter and a sort, so the export must follow both. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "set-filter",
                                  g_variant_new ("(s^as)", "brand", brand_values));
  wait_idle (window);
  expected = expected_analysis (window);

  /* Overview: the KPIs, one row each. */
  activate_app_action ("show-page", g_variant_new_string ("overview"));
  export_view (window, path, &csv);
  g_assert_cmpuint (csv.rows->len, ==, HK_N_KPIS);
  for (guint k = 0; k < HK_N_KPIS; k++)
    {
      HkMetric metric = hk_kpi_get_metric (k);

      g_assert_cmpstr (csv_cell (&csv, k, 0), ==, hk_metric_name (metric));
      assert_same_number (csv_cell (&csv, k, 2), hk_metric_export_value (hk_analysis_get_totals (expected), metric));
    }
  csv_clear (&csv);

  /* Influencers sorted by ROAS: the rows of the table, and the engine's numbers. */
  table = show_table (window, "influencers", "influencers");
  hk_data_table_set_sort (table, "roas", TRUE);
  wait_idle (window);
  export_view (window, path, &csv);
  assert_csv_is_table (&csv, table);
  {
    int id_column = find_column (&csv, "influencer_id");
    int revenue_column = find_column (&csv, "revenue");
    int spend_column = find_column (&csv, "spend");

    g_assert_cmpuint (csv.rows->len, ==, hk_analysis_get_n_groups (expected, HK_DIM_INFLUENCER));
    for (guint k = 0; k < csv.rows->len; k++)
      for (guint g = 0; g < hk_analysis_get_n_groups (expected, HK_DIM_INFLUENCER); g++)
        if (g_str_equal (hk_analysis_get_group_key (expected, HK_DIM_INFLUENCER, g), csv_cell (&csv, k, id_column)))
          {
            assert_same_number (csv_cell (&csv, k, revenue_column), hk_money_round (hk_analysis_get_group (expected, HK_DIM_INFLUENCER, g)->revenue));
            assert_same_number (csv_cell (&csv, k, spend_column), hk_money_round (hk_analysis_get_group (expected, HK_DIM_INFLUENCER, g)->spend));
          }
  }
  csv_clear (&csv);

  /* Posts, payouts, and the Insights table last used (the Drop list, which
   * the page leads with). */
  table = show_table (window, "posts", "posts");
  export_view (window, path, &csv);
  assert_csv_is_table (&csv, table);
  g_assert_cmpfloat (csv.rows->len, ==, hk_analysis_get_totals (expected)->posts);
  csv_clear (&csv);

  table = show_table (window, "payouts", "payouts");
  export_view (window, path, &csv);
  assert_csv_is_table (&csv, table);
  csv_clear (&csv);

  table = show_table (window, "insights", "drop");
  export_view (window, path, &csv);
  assert_csv_is_table (&csv, table);
  csv_clear (&csv);

  /* A table searched: only the matching rows. */
  table = show_table (window, "influencers", "influencers");
  hk_data_table_set_search (table, "a");
  wait_idle (window);
  export_view (window, path, &csv);
  assert_csv_is_table (&csv, table);
  g_assert_cmpuint (csv.rows->len, <, hk_analysis_get_n_groups (expected, HK_DIM_INFLUENCER));
  csv_clear (&csv);
  hk_data_table_set_search (table, NULL);

  /* A failed export keeps the old file. */
  {
    g_autofree char *missing = g_build_filename (dir, "no-such-folder", "view.csv", NULL);

    activate_app_action ("export-view", g_variant_new_string (missing));
    wait_idle (window);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  }

  /* Export All Summaries writes the summary files. */
  {
    g_autofree char *summaries = g_build_filename (dir, "summaries", NULL);
    g_autofree char *performance = g_build_filename (summaries, "performance_summary.csv", NULL);

    activate_app_action ("export-summaries", g_variant_new_string (summaries));
    pump_until (file_exists, performance);
    wait_idle (window);
    read_csv (performance, &csv);
    g_assert_cmpuint (csv.rows->len, >, 0);
    csv_clear (&csv);
  }

  /* Issue 11: an export that fails part way replaced some files and kept
   * others while the dialog said nothing changed. Now it is all or nothing,
   * and the dialog names the file. */
  {
    g_autofree char *summaries = g_build_filename (dir, "summaries", NULL);
    g_autofree char *blocker = g_build_filename (summaries, "summary.json", NULL);
    g_autoptr(GDir) listing = NULL;
    AdwMessageDialog *dialog;
    const char *name;
    guint n_files = 0;

    listing = g_dir_open (summaries, 0, NULL);
    while ((name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *file = g_build_filename (summaries, name, NULL);

        g_assert_true (g_file_set_contents (file, "old\n", -1, NULL));
      }
    g_assert_cmpint (g_remove (blocker), ==, 0);
    g_assert_cmpint (g_mkdir (blocker, 0755), ==, 0);
    /* The failed view export's dialog, first. */
    while ((dialog = find_dialog (window, NULL)) != NULL)
      gtk_window_destroy (GTK_WINDOW (dialog));
    activate_app_action ("export-summaries", g_variant_new_string (summaries));
    wait_idle (window);
    pump_until (dialog_shown, window);
    dialog = find_dialog (window, NULL);
    g_test_message ("%s", adw_message_dialog_get_body (dialog));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "summary.json"));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "No file in"));
    gtk_window_destroy (GTK_WINDOW (dialog));

    g_dir_rewind (listing);
    while ((name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *file = g_build_filename (summaries, name, NULL);
        g_autofree char *contents = NULL;

        if (g_strcmp0 (name, "summary.json") == 0)
          continue;
        g_test_message ("%s", file);
        g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
        g_assert_cmpstr (contents, ==, "old\n");
        n_files++;
      }
    g_assert_cmpuint (n_files, ==, 12);  /* the twelve CSV summaries */
    g_assert_cmpint (g_rmdir (blocker), ==, 0);
  }

  g_action_group_activate_action (G_ACTION_GROUP (window), "reset-filters", NULL);
  wait_idle (window);
  destroy_window (window);
  remove_tree (dir);
}

/* A broken dataset opens with what was valid and shows the import report. */
static AdwMessageDialog *
find_dialog (HkWindow   *window,
             const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          gtk_window_get_transient_for (GTK_WINDOW (toplevel)) == GTK_WINDOW (window) &&
          (name == NULL || g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (toplevel)), name) == 0))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

static void
test_broken_dataset (void)
{
  HkWindow *window = new_window (NULL);
  HkDataset *demo = hk_window_get_dataset (window);
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *empty = make_temp_dir ();
  AdwMessageDialog *dialog;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  gboolean names_line = FALSE;

  write_file (dir, "influencers.csv",
              "id,name,category,gender,follower_count,platform\n"
              "1,Asha,Fitness,F,12000,Instagram\n"
              "2,Ravi,Nutrition,M,not-a-number,YouTube\n"
              "3,Meera,Yoga,F,560000,Instagram\n");
  write_file (dir, "tracking_data.csv",
              "source,campaign,influencer_id,user_id,product,date,orders,revenue\n"
              "instagram,MuscleBlaze_Summer,1,u1,Whey Gold,2025-05-01,1,2500\n"
              "instagram,MuscleBlaze_Summer,1,u2,Whey Gold,2025-05-02,2,12,5x\n"
              "youtube,HKVitals_Glow,3,u3,Biotin,2025-05-03,1,899\n"
              "youtube,HKVitals_Glow,3,u4,Biotin,not-a-date,1,899\n");

  activate_app_action ("open-folder", g_variant_new_string (dir));
  wait_idle (window);

  /* It opened, with the valid rows; the report lists file:line problems. */
  g_assert_cmpstr (hk_dataset_get_folder (hk_window_get_dataset (window)), ==, dir);
  g_assert_cmpuint (hk_dataset_get_n_influencers (hk_window_get_dataset (window)), ==, 2);
  dialog = find_dialog (window, "import-report-dialog");
  g_assert_nonnull (dialog);
  collect_label_texts (adw_message_dialog_get_extra_child (dialog), messages);
  for (guint i = 0; i < messages->len; i++)
    names_line |= strstr (messages->pdata[i], "tracking_data.csv:3") != NULL;
  g_assert_true (names_line);
  gtk_window_destroy (GTK_WINDOW (dialog));
  assert_kpis (window);

  /* A folder that cannot open at all: an error, and the data shown stays. */
  demo = hk_window_get_dataset (window);
  activate_app_action ("open-folder", g_variant_new_string (empty));
  wait_idle (window);
  pump_a_little ();
  g_assert_true (hk_window_get_dataset (window) == demo);
  dialog = find_dialog (window, NULL);
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The app is alive: the demo opens again. */
  activate_app_action ("open-demo", NULL);
  wait_idle (window);
  g_assert_null (hk_dataset_get_folder (hk_window_get_dataset (window)));

  destroy_window (window);
  remove_tree (dir);
  remove_tree (empty);
}

/* A window made after another was closed reopens its dataset, filters and sort. */
static void
test_settings_restore (void)
{
  g_autofree char *dir = make_temp_dir ();
  HkWindow *window;
  g_autoptr(HkFilter) filter = NULL;
  HkDataTable *table;
  const char *sorted_id;
  gboolean descending;
  const char *platforms[] = { "Instagram", NULL };

  write_small_dataset (dir, 7);
  window = new_window (dir);
  g_assert_cmpstr (hk_dataset_get_folder (hk_window_get_dataset (window)), ==, dir);
  g_action_group_activate_action (G_ACTION_GROUP (window), "set-filter",
                                  g_variant_new ("(s^as)", "platform", platforms));
  table = show_table (window, "payouts", "payouts");
  hk_data_table_set_sort (table, "roas", FALSE);
  wait_idle (window);
  filter = hk_filter_copy (hk_window_get_filter (window));
  destroy_window (window);

  window = new_window (NULL);
  g_assert_cmpstr (hk_dataset_get_folder (hk_window_get_dataset (window)), ==, dir);
  g_assert_true (hk_filter_equal (hk_window_get_filter (window), filter));
  g_assert_cmpstr (hk_window_get_page (window), ==, "payouts");
  g_assert_true (hk_data_table_get_sort (hk_window_get_table (window, "payouts"), &sorted_id, &descending));
  g_assert_cmpstr (sorted_id, ==, "roas");
  g_assert_false (descending);
  assert_kpis (window);

  /* Back to the defaults for the other tests. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "reset-filters", NULL);
  activate_app_action ("open-demo", NULL);
  activate_app_action ("show-page", g_variant_new_string ("overview"));
  wait_idle (window);
  destroy_window (window);
  remove_tree (dir);
}

/* Transient trouble never erases what the user chose: filter values the data
 * briefly lacks stay saved and apply again; a last folder that is away at
 * start shows a banner with Retry and stays the last folder. */
static gboolean
dataset_is_folder (gpointer data)
{
  gpointer *pair = data;
  HkDataset *ds = hk_window_get_dataset (pair[0]);

  return !hk_window_get_busy (pair[0]) && ds != NULL && g_strcmp0 (hk_dataset_get_folder (ds), pair[1]) == 0;
}

static void
test_settings_transient (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *away = g_strconcat (dir, "-away", NULL);
  static const char influencers[] =
    "id,name,category,gender,follower_count,platform,city\n"
    "1,Asha,Fitness,F,12000,Instagram,Pune\n"
    "2,Ravi,Nutrition,M,50000,YouTube,Delhi\n";
  const char *cities[] = { "Pune", NULL };
  GSettings *settings = hk_application_get_settings (app);
  g_autoptr(HkFilter) saved = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autofree char *last = NULL;
  HkWindow *window;
  gpointer pair[2];

  write_file (dir, "influencers.csv", influencers);
  write_file (dir, "tracking_data.csv",
              "source,campaign,influencer_id,user_id,product,date,orders,revenue\n"
              "instagram,MB,1,u1,Whey Gold,2025-05-01,1,2500\n"
              "youtube,MB,2,u2,Whey Gold,2025-05-02,1,1500\n");
  write_file (dir, "posts.csv",
              "influencer_id,platform,date,url,caption,reach,likes,comments\n"
              "1,Instagram,2025-05-01,u,c,1000,10,1\n");
  write_file (dir, "payouts.csv",
              "influencer_id,basis,rate,orders,total_payout\n"
              "1,post,500,,500\n");
  window = new_window (dir);
  /* Clean but for the holdout file, which is normal: no dialog. The report
   * opens from the menu all the same. */
  pump_a_little ();
  g_assert_null (find_dialog (window, NULL));
  g_action_group_activate_action (G_ACTION_GROUP (window), "import-report", NULL);
  pump_a_little ();
  {
    AdwMessageDialog *dialog = find_dialog (window, "import-report-dialog");

    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Import Report");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_action_group_activate_action (G_ACTION_GROUP (window), "set-filter",
                                  g_variant_new ("(s^as)", "city", cities));
  wait_idle (window);

  /* influencers.csv rewritten to a row without Pune: the filter shown drops
   * Pune (it would select nothing), the saved one keeps it. */
  write_file (dir, "influencers.csv",
              "id,name,category,gender,follower_count,platform,city\n"
              "2,Ravi,Nutrition,M,50000,YouTube,Delhi\n");
  hk_window_reload (window);
  wait_idle (window);
  g_assert_null (hk_filter_get_values (hk_window_get_filter (window), HK_DIM_CITY)[0]);
  value = g_settings_get_value (settings, "filter");
  saved = hk_filter_deserialize (value);
  g_assert_cmpstr (hk_filter_get_values (saved, HK_DIM_CITY)[0], ==, "Pune");

  /* Restored: Pune applies again. */
  write_file (dir, "influencers.csv", influencers);
  hk_window_reload (window);
  wait_idle (window);
  g_assert_cmpstr (hk_filter_get_values (hk_window_get_filter (window), HK_DIM_CITY)[0], ==, "Pune");
  destroy_window (window);

  /* The folder is away at start: the demo stands in, the banner offers
   * Retry, and neither the last folder nor the filter is forgotten. */
  g_assert_cmpint (g_rename (dir, away), ==, 0);
  window = new_window (NULL);
  g_assert_null (hk_dataset_get_folder (hk_window_get_dataset (window)));
  g_assert_cmpstr (hk_window_get_unavailable_folder (window), ==, dir);
  g_assert_null (find_dialog (window, NULL));
  last = g_settings_get_string (settings, "last-folder");
  g_assert_cmpstr (last, ==, dir);
  g_clear_pointer (&value, g_variant_unref);
  g_clear_pointer (&saved, hk_filter_free);
  value = g_settings_get_value (settings, "filter");
  saved = hk_filter_deserialize (value);
  g_assert_cmpstr (hk_filter_get_values (saved, HK_DIM_CITY)[0], ==, "Pune");

  /* Back: Retry opens it, with its filter. */
  g_assert_cmpint (g_rename (away, dir), ==, 0);
  g_action_group_activate_action (G_ACTION_GROUP (window), "retry-folder", NULL);
  pair[0] = window;
  pair[1] = dir;
  pump_until (dataset_is_folder, pair);
  wait_idle (window);
  g_assert_null (hk_window_get_unavailable_folder (window));
  g_assert_cmpstr (hk_filter_get_values (hk_window_get_filter (window), HK_DIM_CITY)[0], ==, "Pune");

  /* Back to the defaults for the other tests. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "reset-filters", NULL);
  activate_app_action ("open-demo", NULL);
  wait_idle (window);
  destroy_window (window);
  remove_tree (dir);
}

/* Each table the app shows that has a summary twin holds, for the same
 * filters, the same rows as the twin and, in every column both have, the
 * same values: one definition of each number, whichever way it is read. */
static guint
csv_column (Csv        *csv,
            const char *name)
{
  for (guint c = 0; c < csv->header->len; c++)
    if (g_str_equal (csv->header->pdata[c], name))
      return c;
  return G_MAXUINT;
}

static void
assert_twin (HkAnalysis *analysis,
             const char *source_name,
             const char *summary_dir,
             const char *summary_file,
             const char *key)
{
  const HkTableSource *source = hk_table_source_lookup (source_name);
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *view_path = g_build_filename (dir, "view.csv", NULL);
  g_autofree char *twin_path = g_build_filename (summary_dir, summary_file, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree guint *rows = NULL;
  Csv view, twin;
  guint n_rows, view_key, twin_key, common = 0;

  rows = source->spec->dup_rows (analysis, 0, NULL, &n_rows);
  g_assert_true (hk_table_source_write (source, analysis, rows, n_rows, view_path, NULL, &error));
  g_assert_no_error (error);
  read_csv (view_path, &view);
  read_csv (twin_path, &twin);
  g_test_message ("%s ↔ %s: %u rows", source_name, summary_file, view.rows->len);

  /* The same rows, in the same order (both in the rows' own order). */
  g_assert_cmpuint (view.rows->len, ==, twin.rows->len);
  view_key = csv_column (&view, key);
  twin_key = csv_column (&twin, key);
  g_assert_cmpuint (view_key, !=, G_MAXUINT);
  g_assert_cmpuint (twin_key, !=, G_MAXUINT);
  for (guint c = 0; c < view.header->len; c++)
    {
      guint t = csv_column (&twin, view.header->pdata[c]);

      if (t == G_MAXUINT)
        continue;
      common++;
      for (guint r = 0; r < view.rows->len; r++)
        {
          g_assert_cmpstr (csv_cell (&view, r, view_key), ==, csv_cell (&twin, r, twin_key));
          if (g_strcmp0 (csv_cell (&view, r, c), csv_cell (&twin, r, t)) != 0)
            g_error ("%s ↔ %s: row %s, column %s: “%s” ≠ “%s”", source_name, summary_file,
                     csv_cell (&view, r, view_key), (char *) view.header->pdata[c],
                     csv_cell (&view, r, c), csv_cell (&twin, r, t));
        }
    }
  /* More than the key in common, or the check says little. */
  g_assert_cmpuint (common, >=, 3);
  csv_clear (&view);
  csv_clear (&twin);
  remove_tree (dir);
}

static void
test_summary_twins (void)
{
  HkWindow *window = new_window (NULL);
  const char *brands[] = { "MuscleBlaze", NULL };
  static const struct { const char *source, *file, *key; } twins[] = {
    { "influencers", "roas_summary.csv", "influencer_id" },
    { "payouts", "payout_summary.csv", "influencer_id" },
    { "top", "top_influencers.csv", "influencer_id" },
    { "poor", "poor_influencers.csv", "influencer_id" },
    { "renegotiate", "renegotiation_list.csv", "influencer_id" },
    { "personas", "persona_roas.csv", "persona" },
    { "cities", "city_roas.csv", "city" },
    { "campaigns", "campaign_summary.csv", "campaign" },
  };

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autofree char *summaries = make_temp_dir ();
      g_autoptr(GError) error = NULL;
      HkAnalysis *analysis;

      if (pass == 1)
        {
          g_action_group_activate_action (G_ACTION_GROUP (window), "set-filter",
                                          g_variant_new ("(s^as)", "brand", brands));
          wait_idle (window);
        }
      analysis = hk_window_get_analysis (window);
      g_assert_true (hk_summary_write (analysis, summaries, HK_SUMMARY_CSV, NULL, &error));
      g_assert_no_error (error);
      for (guint i = 0; i < G_N_ELEMENTS (twins); i++)
        assert_twin (analysis, twins[i].source, summaries, twins[i].file, twins[i].key);

      /* Exported as the summaries write them, shown in words: tiers, bases. */
      {
        const HkTableSource *influencers = hk_table_source_lookup ("influencers");
        int tier = hk_table_spec_find_column (influencers->spec, "tier");
        g_autofree char *shown = hk_table_source_format_cell (influencers, analysis, 0, tier, HK_MONEY_FULL);
        const char *words[] = { "Nano", "Micro", "Macro", "Mega", NULL };

        g_assert_true (g_strv_contains (words, shown));
        g_assert_false (g_strv_contains (words, influencers->spec->get_text (analysis, 0, tier)));
      }
      remove_tree (summaries);
    }

  g_action_group_activate_action (G_ACTION_GROUP (window), "reset-filters", NULL);
  wait_idle (window);
  destroy_window (window);
}

/* A changed file reloads the dataset by itself. */
static gboolean
dataset_changed (gpointer data)
{
  gpointer *pair = data;

  return !hk_window_get_busy (pair[0]) && hk_window_get_dataset (pair[0]) != pair[1];
}

/* The charts show what the engine computes for the same filter; a click on a
 * brand bar filters the dashboard, a click on a point selects the influencer,
 * Export Chart writes the page's chart. */
static gboolean
bar_series_matches (HkChartView *chart,
                    HkAnalysis  *analysis,
                    HkDimension  dim)
{
  HkBarSeries *series = HK_BAR_SERIES (hk_chart_view_get_series (chart));
  guint n_defined = 0;

  if (series == NULL)
    return FALSE;
  for (guint g = 0; g < hk_analysis_get_n_groups (analysis, dim); g++)
    {
      const char *key = hk_analysis_get_group_key (analysis, dim, g);
      double roas = hk_metrics_get (hk_analysis_get_group (analysis, dim, g), HK_METRIC_ROAS);
      gboolean found = FALSE;

      for (guint i = 0; i < series->items->len; i++)
        {
          HkBarItem *item = HK_BAR_SERIES_ITEM (series, i);

          if (g_str_equal (item->key, key))
            {
              found = TRUE;
              if (isnan (roas) ? !isnan (item->value) : fabs (item->value - roas) > 1e-9 * roas)
                return FALSE;
            }
        }
      n_defined += !isnan (roas);
      if (!found && !isnan (roas))
        return FALSE;
    }
  return n_defined > 0;
}

static gboolean
influencer_selected (gpointer data)
{
  HkDataTable *table = data;
  GtkSelectionModel *model = gtk_column_view_get_model (hk_data_table_get_column_view (table));
  GtkBitset *selected = gtk_selection_model_get_selection (model);
  gboolean any = !gtk_bitset_is_empty (selected);

  gtk_bitset_unref (selected);
  return any;
}

static void
test_charts (void)
{
  HkWindow *window = new_window (NULL);
  HkChartView *brand_chart = hk_window_get_chart (window, HK_CHART_ROAS_BY_BRAND);
  HkChartView *scatter = hk_window_get_chart (window, HK_CHART_SPEND_VS_REVENUE);
  g_autoptr(HkAnalysis) before = expected_analysis (window);
  g_autoptr(HkAnalysis) after = NULL;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "chart.svg", NULL);
  HkScatterSeries *points;
  HkDataTable *influencers;
  g_autofree char *brand = NULL;

  pump_until (widget_is_mapped, brand_chart);
  g_assert_true (bar_series_matches (brand_chart, before, HK_DIM_BRAND));
  g_assert_true (bar_series_matches (hk_window_get_chart (window, HK_CHART_ROAS_BY_PLATFORM), before, HK_DIM_PLATFORM));
  g_assert_true (bar_series_matches (hk_window_get_chart (window, HK_CHART_ROAS_BY_PERSONA), before, HK_DIM_PERSONA));
  g_assert_true (bar_series_matches (hk_window_get_chart (window, HK_CHART_ROAS_BY_CITY), before, HK_DIM_CITY));

  /* A click on a brand's bar: the brand filter, and the KPIs follow. */
  brand = g_strdup (HK_BAR_SERIES_ITEM (HK_BAR_SERIES (hk_chart_view_get_series (brand_chart)), 0)->key);
  g_signal_emit_by_name (brand_chart, "bar-activated", (guint) HK_DIM_BRAND, brand);
  wait_idle (window);
  g_assert_cmpstr (hk_filter_get_values (hk_window_get_filter (window), HK_DIM_BRAND)[0], ==, brand);
  g_assert_null (hk_filter_get_values (hk_window_get_filter (window), HK_DIM_BRAND)[1]);
  after = expected_analysis (window);
  g_assert_cmpfloat (hk_analysis_get_totals (after)->revenue, <, hk_analysis_get_totals (before)->revenue);
  assert_kpis (window);
  g_assert_true (bar_series_matches (brand_chart, after, HK_DIM_BRAND));
  g_assert_cmpuint (HK_BAR_SERIES (hk_chart_view_get_series (brand_chart))->items->len, ==, 1);

  /* A click on a point: the Influencers page, that influencer selected. */
  points = HK_SCATTER_SERIES (hk_chart_view_get_series (scatter));
  g_assert_cmpuint (points->points->len, >, 0);
  g_signal_emit_by_name (scatter, "point-activated", HK_SCATTER_SERIES_POINT (points, 0)->influencer);
  influencers = hk_window_get_table (window, "influencers");
  pump_until (widget_is_mapped, influencers);
  wait_idle (window);
  pump_until (influencer_selected, influencers);
  g_assert_cmpstr (hk_window_get_page (window), ==, "influencers");
  {
    GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (hk_data_table_get_column_view (influencers)));
    guint n_rows;
    const guint *rows = hk_data_table_get_rows (influencers, &n_rows);
    guint p = gtk_single_selection_get_selected (selection);

    g_assert_cmpuint (p, <, n_rows);
    g_assert_cmpint (hk_data_table_get_source (influencers)->spec->get_influencer (hk_window_get_analysis (window), rows[p]),
                     ==, (int) HK_SCATTER_SERIES_POINT (points, 0)->influencer);
  }

  /* Export Chart through the File menu's action, on a page with a chart. */
  activate_app_action ("show-page", g_variant_new_string ("overview"));
  pump_a_little ();
  activate_app_action ("export-chart", g_variant_new_string (png));
  activate_app_action ("export-chart", g_variant_new_string (svg));
  pump_until (file_exists, png);
  pump_until (file_exists, svg);
  {
    g_autofree char *head = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (png, &head, &len, NULL));
    g_assert_cmpuint (len, >, 1000);
    g_assert_true (memcmp (head, "\x89PNG", 4) == 0);
  }
  /* The target ROAS of Preferences reaches the charts. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

    g_settings_set_double (settings, "target-roas", 2.5);
    g_assert_cmpfloat (hk_chart_view_get_target_roas (brand_chart), ==, 2.5);
    g_assert_cmpfloat (hk_chart_view_get_target_roas (scatter), ==, 2.5);
    g_settings_reset (settings, "target-roas");
  }

  /* No chart on the Posts page: the action is off. */
  activate_app_action ("show-page", g_variant_new_string ("posts"));
  pump_a_little ();
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "export-chart"));

  remove_tree (dir);
  destroy_window (window);
}

static void
test_reload (void)
{
  g_autofree char *dir = make_temp_dir ();
  HkWindow *window;
  HkDataset *before;
  gpointer pair[2];

  write_small_dataset (dir, 11);
  window = new_window (dir);
  before = hk_window_get_dataset (window);

  /* Reload (F5). */
  activate_app_action ("reload", NULL);
  pair[0] = window;
  pair[1] = before;
  pump_until (dataset_changed, pair);
  before = hk_window_get_dataset (window);

  /* The files change on disk: the window reloads after a moment. */
  write_small_dataset (dir, 12);
  pair[1] = before;
  pump_until (dataset_changed, pair);
  g_assert_cmpstr (hk_dataset_get_folder (hk_window_get_dataset (window)), ==, dir);

  activate_app_action ("open-demo", NULL);
  wait_idle (window);
  destroy_window (window);
  remove_tree (dir);
}

/* A cancelled load leaves the data shown. */
static void
test_cancel_load (void)
{
  g_autofree char *dir = make_temp_dir ();
  HkSimulatorOptions options;
  g_autoptr(GError) error = NULL;
  HkWindow *window = new_window (NULL);
  HkDataset *demo = hk_window_get_dataset (window);

  hk_simulator_options_init (&options);
  options.n_tracking_rows = 400000;
  g_assert_true (hk_simulator_write_folder (&options, dir, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  activate_app_action ("open-folder", g_variant_new_string (dir));
  g_assert_true (hk_window_get_busy (window));
  g_action_group_activate_action (G_ACTION_GROUP (window), "cancel-load", NULL);
  wait_idle (window);
  g_assert_true (hk_window_get_dataset (window) == demo);

  destroy_window (window);
  remove_tree (dir);
}

/* An influencer's posts and orders, from any table. */
static gboolean
dialog_tables_ready (gpointer data)
{
  return !hk_data_table_get_busy (hk_influencer_dialog_get_table (data, "influencer-posts")) &&
         !hk_data_table_get_busy (hk_influencer_dialog_get_table (data, "influencer-orders"));
}

static void
test_influencer_dialog (void)
{
  HkWindow *window = new_window (NULL);
  HkDataset *dataset = hk_window_get_dataset (window);
  const char *id = hk_influencer_rows_get_text (dataset, 3, HK_INFLUENCER_COLUMN_ID);
  g_autoptr(HkRowModel) posts = hk_row_model_new_for_influencer (dataset, HK_TABLE_POSTS, 3);
  g_autoptr(HkRowModel) orders = hk_row_model_new_for_influencer (dataset, HK_TABLE_TRACKING, 3);
  HkInfluencerDialog *dialog;
  guint n_rows;

  dialog = hk_window_show_influencer (window, 3);
  g_assert_nonnull (dialog);
  pump_until (widget_is_mapped, dialog);
  pump_until (widget_is_mapped, hk_influencer_dialog_get_table (dialog, "influencer-posts"));
  pump_until (dialog_tables_ready, dialog);
  hk_data_table_get_rows (hk_influencer_dialog_get_table (dialog, "influencer-posts"), &n_rows);
  g_assert_cmpuint (n_rows, ==, g_list_model_get_n_items (G_LIST_MODEL (posts)));
  hk_data_table_get_rows (hk_influencer_dialog_get_table (dialog, "influencer-orders"), &n_rows);
  g_assert_cmpuint (n_rows, ==, g_list_model_get_n_items (G_LIST_MODEL (orders)));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* By id, through the window's action. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-influencer", g_variant_new_string (id));
  pump_a_little ();
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    gboolean found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

        if (HK_IS_INFLUENCER_DIALOG (toplevel))
          {
            g_assert_cmpuint (hk_influencer_dialog_get_influencer (HK_INFLUENCER_DIALOG (toplevel)), ==, 3);
            gtk_window_destroy (GTK_WINDOW (toplevel));
            found = TRUE;
            break;
          }
      }
    g_assert_true (found);
  }
  destroy_window (window);
}

/* The menu's actions exist and the window's toggles work. */
static void
test_actions (void)
{
  HkWindow *window = new_window (NULL);
  static const char * const app_actions[] = {
    "open-folder", "open-demo", "reload", "show-page", "export-view", "export-summaries",
    "quit", "preferences", "about", NULL,
  };
  g_autoptr(GVariant) state = NULL;
  gboolean shown;

  for (guint i = 0; app_actions[i]; i++)
    g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), app_actions[i]));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "show-sidebar"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "show-help-overlay"));

  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "show-sidebar");
  shown = g_variant_get_boolean (state);
  g_clear_pointer (&state, g_variant_unref);
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-sidebar", NULL);
  pump_a_little ();
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "show-sidebar");
  g_assert_cmpint (g_variant_get_boolean (state), !=, shown);
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-sidebar", NULL);
  pump_a_little ();

  for (guint i = 0; i < 5; i++)
    {
      static const char * const pages[] = { "overview", "influencers", "posts", "payouts", "insights" };

      activate_app_action ("show-page", g_variant_new_string (pages[i]));
      g_assert_cmpstr (hk_window_get_page (window), ==, pages[i]);
    }
  activate_app_action ("show-page", g_variant_new_string ("overview"));

  /* Preferences change the iROAS method: the analysis follows. */
  {
    GSettings *settings = hk_application_get_settings (app);

    g_settings_set_enum (settings, "iroas-method", HK_IROAS_ASSUMED);
    wait_idle (window);
    g_assert_cmpint (hk_analysis_get_options (hk_window_get_analysis (window))->method, ==, HK_IROAS_ASSUMED);
    assert_kpis (window);
    g_settings_reset (settings, "iroas-method");
    g_settings_set_enum (settings, "money-style", HK_MONEY_COMPACT);
    wait_idle (window);
    assert_kpis (window);
    g_settings_reset (settings, "money-style");
    wait_idle (window);
  }
  destroy_window (window);
}

/* The About window shows the app icon from the build tree too: the icons are
 * in the GResource under the application id, on the icon theme's resource path
 * that GtkApplication adds. */
static void
test_app_icon (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_auto(GStrv) resource_path = gtk_icon_theme_get_resource_path (theme);
  static const char * const icons[] = {
    "/com/healthkart/InfluencerDashboard/icons/scalable/apps/" APPLICATION_ID ".svg",
    "/com/healthkart/InfluencerDashboard/icons/symbolic/apps/" APPLICATION_ID "-symbolic.svg",
  };

  g_assert_nonnull (resource_path);
  g_assert_true (g_strv_contains ((const char * const *) resource_path, "/com/healthkart/InfluencerDashboard/icons/"));
  for (guint i = 0; i < G_N_ELEMENTS (icons); i++)
    {
      gsize size = 0;

      g_assert_true (g_resources_get_info (icons[i], G_RESOURCE_LOOKUP_FLAGS_NONE, &size, NULL, NULL));
      g_assert_cmpuint (size, >, 0);
    }
  g_assert_true (gtk_icon_theme_has_icon (theme, APPLICATION_ID));
  g_assert_true (gtk_icon_theme_has_icon (theme, APPLICATION_ID "-symbolic"));
}

/* With the schema installed (here: GSETTINGS_SCHEMA_DIR), the settings are
 * the usual ones on the default backend, and a window shares the
 * application's (in --screenshot mode, its settings in memory). */
static void
test_settings_backend (void)
{
  GSettings *settings = hk_application_get_settings (app);
  g_autoptr(GSettingsBackend) default_backend = g_settings_backend_get_default ();
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettings) window_settings = NULL;
  HkWindow *window;

  g_object_get (settings, "backend", &backend, NULL);
  g_assert_true (backend == default_backend);

  window = hk_window_new (GTK_APPLICATION (app), hk_application_get_settings (app));
  g_object_get (window, "settings", &window_settings, NULL);
  g_assert_true (window_settings == settings);
  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping the window tests\n");
      return 77;
    }
  adw_init ();

  app = hk_application_new ("com.healthkart.InfluencerDashboard.Test", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/window/demo-overview", test_demo_overview);
  g_test_add_func ("/window/pages", test_pages);
  g_test_add_func ("/window/filters", test_filters);
  g_test_add_func ("/window/sort", test_sort);
  g_test_add_func ("/window/export-view", test_export_view);
  g_test_add_func ("/window/broken-dataset", test_broken_dataset);
  g_test_add_func ("/window/settings-restore", test_settings_restore);
  g_test_add_func ("/window/settings-transient", test_settings_transient);
  g_test_add_func ("/window/summary-twins", test_summary_twins);
  g_test_add_func ("/window/charts", test_charts);
  g_test_add_func ("/window/reload", test_reload);
  g_test_add_func ("/window/cancel-load", test_cancel_load);
  g_test_add_func ("/window/influencer-dialog", test_influencer_dialog);
  g_test_add_func ("/window/actions", test_actions);
  g_test_add_func ("/window/app-icon", test_app_icon);
  g_test_add_func ("/window/settings-backend", test_settings_backend);
  status = g_test_run ();

  g_clear_object (&app);
  return status;
}
