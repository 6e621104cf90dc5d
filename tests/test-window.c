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
#include "hk-preferences-window.h"
#include "hk-filter-section.h"
#include "hk-filter-sidebar.h"
#include "hk-format.h"
#include "hk-influencer-rows.h"
#include "hk-influencer-series.h"
#include "hk-kpi-card.h"
#include "hk-payout.h"
#include "hk-post-rows.h"
#include "hk-row-model.h"
#include "hk-scatter-chart.h"
#include "hk-simulator.h"
#include "hk-snapshot-cache.h"
#include "hk-snapshot.h"
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
      double number = hk_metrics_get (totals, hk_kpi_get_metric (kpi_kinds[i].kpi));
      g_autofree char *text = hk_gui_format_number (kpi_kinds[i].kind, number, hk_window_get_money_style (window));

      /* Amounts short, whatever the money style, the exact amount on hover. */
      if (kpi_kinds[i].kind == HK_CELL_MONEY && !isnan (number))
        {
          g_autofree char *exact = hk_format_money (NULL, number, 2);
          const char *tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (card));

          g_free (text);
          text = hk_format_money_short (NULL, number);
          g_assert_nonnull (tooltip);
          g_assert_true (g_str_has_prefix (tooltip, exact));
        }
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
      int below = hk_table_spec_find_column (source->spec, "below_breakeven");
      double breakeven = hk_analysis_get_influencer_breakeven (shown, rows[k]);

      g_assert_cmpfloat (hk_table_spec_get_number (source->spec, shown, rows[k], flag), ==,
                         m->spend > m->revenue ? HK_PAYOUT_EXCEEDS_REVENUE : HK_PAYOUT_FINE);
      g_assert_cmpfloat (hk_table_spec_get_number (source->spec, shown, rows[k], below), ==,
                         m->spend > m->revenue ? HK_PAYOUT_EXCEEDS_REVENUE :
                         m->spend > 0 && m->revenue / m->spend < breakeven ? HK_PAYOUT_BELOW_BREAKEVEN : HK_PAYOUT_FINE);
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
  /* The tables' column choosers are popovers: only the sidebar's filters. */
  if (GTK_IS_POPOVER (widget))
    return;
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

    /* A first click on a number sorts it best first (largest spend). */
    gtk_column_view_sort_by_column (hk_data_table_get_column_view (table), spend, GTK_SORT_ASCENDING);
    wait_idle (window);
    assert_sorted (table, "spend", TRUE);
    /* The second turns it. */
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

  /* Overview: the KPIs, one row each, then the numbers their details quote;
   * plain numbers, the iROAS's interval and method in their own columns. */
  activate_app_action ("show-page", g_variant_new_string ("overview"));
  export_view (window, path, &csv);
  {
    static const HkMetric extras[] = {
      HK_METRIC_INCREMENTAL_REVENUE, HK_METRIC_AOV, HK_METRIC_ROI, HK_METRIC_CPM, HK_METRIC_CPE, HK_METRIC_REACH,
    };
    const HkMetrics *totals = hk_analysis_get_totals (expected);
    g_autofree char *methods = hk_iroas_methods_to_string (totals->methods);
    int value_column = find_column (&csv, "value");
    int low_column = find_column (&csv, "interval_low");
    int high_column = find_column (&csv, "interval_high");
    int method_column = find_column (&csv, "method");
    double low = NAN, high = NAN;

    g_assert_cmpstr (csv.header->pdata[0], ==, "metric");
    g_assert_cmpuint (csv.rows->len, ==, HK_N_KPIS + G_N_ELEMENTS (extras));
    if (!hk_analysis_get_iroas_interval (expected, &low, &high))
      low = high = NAN;
    for (guint k = 0; k < csv.rows->len; k++)
      {
        HkMetric metric = k < HK_N_KPIS ? hk_kpi_get_metric (k) : extras[k - HK_N_KPIS];
        gboolean iroas = metric == HK_METRIC_INCREMENTAL_ROAS;

        g_assert_cmpstr (csv_cell (&csv, k, 0), ==, hk_metric_name (metric));
        assert_same_number (csv_cell (&csv, k, value_column), hk_metric_export_value (totals, metric));
        assert_same_number (csv_cell (&csv, k, low_column), iroas ? low : NAN);
        assert_same_number (csv_cell (&csv, k, high_column), iroas ? high : NAN);
        g_assert_cmpstr (csv_cell (&csv, k, method_column), ==, iroas ? methods : "");
        /* No preformatted amount anywhere. */
        for (guint c = 0; c < csv.header->len; c++)
          g_assert_null (strstr (csv_cell (&csv, k, c), "₹"));
      }
    g_assert_cmpstr (methods, !=, "");
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

  /* Insights: every table the page shows, one section each ("# NAME", the
   * header, the rows): the decision list on view (Drop), top, personas,
   * cities; not the lists behind the other tabs. */
  table = show_table (window, "insights", "top");
  hk_data_table_set_search (hk_insights_page_get_table (hk_window_get_insights_page (window), "cities"), "a");
  wait_idle (window);
  export_view (window, path, &csv);
  {
    static const char * const names[] = { "personas", "cities", "top", "drop" };
    guint seen = 0;
    guint k = 0;

    /* read_csv took the first line, the first section's title, as the header. */
    g_ptr_array_insert (csv.rows, 0, g_steal_pointer (&csv.header));
    while (k < csv.rows->len)
      {
        GPtrArray *title = csv.rows->pdata[k];
        Csv section = { 0 };
        HkDataTable *shown;
        guint end;

        g_assert_cmpuint (title->len, ==, 1);
        g_assert_true (g_str_has_prefix (title->pdata[0], "# "));
        shown = hk_insights_page_get_table (hk_window_get_insights_page (window), (char *) title->pdata[0] + 2);
        g_assert_nonnull (shown);
        for (end = k + 2; end < csv.rows->len; end++)
          if (g_str_has_prefix (((GPtrArray *) csv.rows->pdata[end])->pdata[0], "# "))
            break;
        section.header = g_ptr_array_ref (csv.rows->pdata[k + 1]);
        section.rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
        for (guint r = k + 2; r < end; r++)
          g_ptr_array_add (section.rows, g_ptr_array_ref (csv.rows->pdata[r]));
        assert_csv_is_table (&section, shown);
        csv_clear (&section);
        for (guint n = 0; n < G_N_ELEMENTS (names); n++)
          if (g_str_equal (names[n], hk_data_table_get_source (shown)->name))
            seen |= 1u << n;
        k = end;
      }
    g_assert_cmpuint (seen, ==, (1u << G_N_ELEMENTS (names)) - 1);
  }
  csv_clear (&csv);
  hk_data_table_set_search (hk_insights_page_get_table (hk_window_get_insights_page (window), "cities"), NULL);

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

  /* A folder that cannot open at all: a status page says so (no dialog),
   * and the data shown stays behind it. */
  demo = hk_window_get_dataset (window);
  activate_app_action ("open-folder", g_variant_new_string (empty));
  wait_idle (window);
  pump_a_little ();
  g_assert_true (hk_window_get_dataset (window) == demo);
  g_assert_true (hk_window_get_folder_error_shown (window));
  g_assert_null (find_dialog (window, NULL));

  /* The app is alive: the demo opens again. */
  activate_app_action ("open-demo", NULL);
  wait_idle (window);
  g_assert_null (hk_dataset_get_folder (hk_window_get_dataset (window)));
  g_assert_false (hk_window_get_folder_error_shown (window));

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

  /* From the keyboard: arrows move from bar to bar, Enter clicks one. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "reset-filters", NULL);
  wait_idle (window);
  {
    HkBarSeries *bars = HK_BAR_SERIES (hk_chart_view_get_painted_series (brand_chart));
    g_autofree char *second = NULL;

    g_assert_cmpuint (bars->items->len, >, 1);
    second = g_strdup (HK_BAR_SERIES_ITEM (bars, 1)->key);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (brand_chart), "chart.move-highlight", "i", 1));
    g_assert_cmpint (hk_chart_view_get_highlight (brand_chart), ==, 0);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (brand_chart), "chart.move-highlight", "i", 1));
    g_assert_cmpint (hk_chart_view_get_highlight (brand_chart), ==, 1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (brand_chart), "chart.activate-highlight", NULL));
    wait_idle (window);
    g_assert_cmpstr (hk_filter_get_values (hk_window_get_filter (window), HK_DIM_BRAND)[0], ==, second);
  }

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

/* Every widget under root of type, in tree order. */
static void
collect_widgets (GtkWidget *root,
                 GType      type,
                 GPtrArray *into)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (into, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, into);
}

/* Each chart's title (what exports write) is the heading the page shows
 * above it; its subtitle names the filters; the scatter's Log Scale button
 * is remembered. */
static void
test_chart_headings (void)
{
  HkWindow *window = new_window (NULL);
  HkChartView *scatter = hk_window_get_chart (window, HK_CHART_SPEND_VS_REVENUE);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) toggles = g_ptr_array_new ();
  g_autoptr(GHashTable) headings = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkToggleButton *log_button = NULL;
  guint n_charts = 0;
  const char *brand;

  wait_idle (window);
  collect_widgets (GTK_WIDGET (window), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (labels->pdata[i], "title-4") || gtk_widget_has_css_class (labels->pdata[i], "heading"))
      g_hash_table_add (headings, (gpointer) gtk_label_get_text (labels->pdata[i]));
  for (HkChartKind kind = 0; kind < HK_N_CHART_KINDS; kind++)
    {
      HkChartView *chart = hk_window_get_chart (window, kind);

      if (chart == NULL)
        continue;
      n_charts++;
      g_test_message ("%s: %s", hk_chart_kind_name (kind), hk_chart_kind_get_title (kind));
      g_assert_true (g_hash_table_contains (headings, hk_chart_kind_get_title (kind)));
      g_assert_cmpstr (hk_chart_view_get_series (chart)->title, ==, hk_chart_kind_get_title (kind));
    }
  g_assert_cmpuint (n_charts, >=, 7);

  /* a brand filter: the subtitle says so */
  brand = hk_analysis_get_group_key (hk_window_get_analysis (window), HK_DIM_BRAND, 0);
  {
    g_autofree char *expected = g_strdup_printf ("Brand: %s · ", brand);
    const char *values[] = { brand, NULL };

    g_action_group_activate_action (G_ACTION_GROUP (window), "set-filter",
                                    g_variant_new ("(s^as)", "brand", values));
    wait_idle (window);
    g_assert_true (g_str_has_prefix (hk_chart_view_get_series (scatter)->subtitle, expected));
  }

  /* the Log Scale button beside the scatter's heading */
  collect_widgets (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON, toggles);
  for (guint i = 0; i < toggles->len; i++)
    if (g_strcmp0 (gtk_button_get_label (toggles->pdata[i]), "Log Scale") == 0)
      log_button = toggles->pdata[i];
  g_assert_nonnull (log_button);
  g_assert_cmpint (gtk_toggle_button_get_active (log_button), ==,
                   hk_scatter_chart_get_log_scale (HK_SCATTER_CHART (scatter)));
  gtk_toggle_button_set_active (log_button, TRUE);
  g_assert_true (hk_scatter_chart_get_log_scale (HK_SCATTER_CHART (scatter)));
  {
    g_autofree char *scale = g_settings_get_string (settings, "scatter-scale");

    g_assert_cmpstr (scale, ==, "log");
  }
  gtk_toggle_button_set_active (log_button, FALSE);
  g_assert_false (hk_scatter_chart_get_log_scale (HK_SCATTER_CHART (scatter)));
  {
    g_autofree char *scale = g_settings_get_string (settings, "scatter-scale");

    g_assert_cmpstr (scale, ==, "linear");
  }
  /* and the setting reaches the chart and its button */
  g_settings_set_string (settings, "scatter-scale", "log");
  g_assert_true (gtk_toggle_button_get_active (log_button));
  g_settings_reset (settings, "scatter-scale");
  g_assert_cmpint (hk_scatter_chart_get_scale (HK_SCATTER_CHART (scatter)), ==, HK_SCATTER_SCALE_AUTO);

  g_action_group_activate_action (G_ACTION_GROUP (window), "reset-filters", NULL);
  wait_idle (window);
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

/* Tables: columns wide enough for their usual values; a column chooser whose
 * choice is kept; cut text whole on hover; numbers sorted best first. */
static int
layout_width (GtkWidget  *widget,
              const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  g_object_unref (layout);
  return width;
}

static GtkColumnViewColumn *
view_column (HkDataTable *table,
             const char  *id)
{
  int c = hk_table_spec_find_column (hk_data_table_get_source (table)->spec, id);
  GtkColumnViewColumn *column;

  g_assert_cmpint (c, >=, 0);
  column = g_list_model_get_item (gtk_column_view_get_columns (hk_data_table_get_column_view (table)), c);
  g_object_unref (column);
  return column;
}

static void
test_table_columns (void)
{
  HkWindow *window = new_window (NULL);
  HkDataTable *table = show_table (window, "influencers", "influencers");
  GtkWidget *view = GTK_WIDGET (hk_data_table_get_column_view (table));
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GVariant) saved = NULL;
  g_auto(GStrv) shown = NULL;
  const char *id;
  gboolean descending;

  /* Widths: an id, a large ROAS, an amount under a crore, whole (cells pad 8 + 8). */
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (view_column (table, "influencer_id")), >=,
                   layout_width (view, "INF034786") + 16);
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (view_column (table, "roas")), >=,
                   layout_width (view, "1,234.56×") + 16);
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (view_column (table, "revenue")), >=,
                   layout_width (view, "₹99,99,999.00") + 16);
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (view_column (hk_window_get_table (window, "payouts"),
                                                                        "below_breakeven")), >=,
                   layout_width (view, "Below break-even") + 16 + 16);

  /* The chooser: export-only columns hidden at first, shown on request; the
   * choice is kept in settings and applies to a new window. */
  g_assert_false (gtk_column_view_column_get_visible (view_column (table, "gender")));
  g_assert_true (gtk_column_view_column_get_visible (view_column (table, "cpm")));
  {
    const char * const columns[] = { "name", "influencer_id", "revenue", "roas", "gender", NULL };

    hk_data_table_set_visible_columns (table, columns);
  }
  g_assert_true (gtk_column_view_column_get_visible (view_column (table, "gender")));
  g_assert_false (gtk_column_view_column_get_visible (view_column (table, "cpm")));
  shown = hk_data_table_dup_visible_columns (table);
  /* In the table's order, whatever the order asked. */
  g_assert_cmpuint (g_strv_length (shown), ==, 5);
  g_assert_cmpstr (shown[0], ==, "name");
  g_assert_cmpstr (shown[4], ==, "gender");
  saved = g_settings_get_value (settings, "table-columns");
  {
    g_autofree const char **kept = NULL;

    g_assert_true (g_variant_lookup (saved, "influencers", "^a&s", &kept));
    g_assert_true (g_strv_equal (kept, (const char * const *) shown));
  }
  destroy_window (window);
  window = new_window (NULL);
  table = hk_window_get_table (window, "influencers");
  g_assert_true (gtk_column_view_column_get_visible (view_column (table, "gender")));
  g_assert_false (gtk_column_view_column_get_visible (view_column (table, "cpm")));
  hk_data_table_set_visible_columns (table, NULL);
  g_assert_false (gtk_column_view_column_get_visible (view_column (table, "gender")));
  g_assert_true (gtk_column_view_column_get_visible (view_column (table, "cpm")));

  /* A first click on a number sorts best first: what the header does is
   * sort the column ascending; the table turns it. Costs stay ascending,
   * and a second click turns any column. */
  table = show_table (window, "influencers", "influencers");
  gtk_column_view_sort_by_column (hk_data_table_get_column_view (table), view_column (table, "orders"), GTK_SORT_ASCENDING);
  g_assert_true (hk_data_table_get_sort (table, &id, &descending));
  g_assert_cmpstr (id, ==, "orders");
  g_assert_true (descending);
  gtk_column_view_sort_by_column (hk_data_table_get_column_view (table), view_column (table, "orders"), GTK_SORT_ASCENDING);
  g_assert_true (hk_data_table_get_sort (table, &id, &descending));
  g_assert_false (descending);
  gtk_column_view_sort_by_column (hk_data_table_get_column_view (table), view_column (table, "cpm"), GTK_SORT_ASCENDING);
  g_assert_true (hk_data_table_get_sort (table, &id, &descending));
  g_assert_cmpstr (id, ==, "cpm");
  g_assert_false (descending);
  gtk_column_view_sort_by_column (hk_data_table_get_column_view (table), view_column (table, "name"), GTK_SORT_ASCENDING);
  g_assert_true (hk_data_table_get_sort (table, &id, &descending));
  g_assert_false (descending);
  /* Set by the code (restored settings): as asked. */
  hk_data_table_set_sort (table, "roas", FALSE);
  g_assert_true (hk_data_table_get_sort (table, &id, &descending));
  g_assert_cmpstr (id, ==, "roas");
  g_assert_false (descending);
  wait_idle (window);

  /* Cut text shows whole on hover. */
  {
    GtkWidget *narrow = gtk_window_new ();
    GtkWidget *cell = hk_cell_new (FALSE);

    gtk_widget_set_size_request (cell, 40, -1);
    gtk_widget_set_halign (cell, GTK_ALIGN_START);
    gtk_window_set_child (GTK_WINDOW (narrow), cell);
    hk_cell_set_text (HK_CELL (cell), "HKVitals_Festive_Sale_2025");
    gtk_window_present (GTK_WINDOW (narrow));
    pump_until (widget_is_mapped, cell);
    pump_a_little ();
    g_assert_true (gtk_widget_get_has_tooltip (cell));
    g_assert_true (hk_cell_get_ellipsized (HK_CELL (cell)));
    hk_cell_set_text (HK_CELL (cell), "Pune");
    pump_a_little ();
    g_assert_false (hk_cell_get_ellipsized (HK_CELL (cell)));
    gtk_window_destroy (GTK_WINDOW (narrow));
  }

  g_settings_reset (settings, "table-columns");
  g_settings_reset (settings, "table-sort");
  destroy_window (window);
}

static gboolean
chart_has_series (gpointer chart)
{
  return hk_chart_view_get_series (chart) != NULL;
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
  /* Sources read as the sidebar shows them: as the platform they name, else
   * capitalised; exports keep them as written. */
  {
    HkDataTable *table = hk_influencer_dialog_get_table (dialog, "influencer-orders");
    const HkTableSource *source = hk_data_table_get_source (table);
    int column = hk_table_spec_find_column (source->spec, "source");
    const guint *rows = hk_data_table_get_rows (table, &n_rows);
    const char * const platforms[] = { "Instagram", "YouTube", NULL };

    g_assert_cmpint (column, >=, 0);
    g_assert_cmpstr (hk_gui_format_source ("instagram", platforms), ==, "Instagram");
    g_assert_cmpstr (hk_gui_format_source ("youtube", platforms), ==, "YouTube");
    g_assert_cmpstr (hk_gui_format_source ("organic", platforms), ==, "Organic");
    g_assert_cmpstr (hk_gui_format_source ("", platforms), ==, "Unknown");
    for (guint k = 0; k < n_rows; k++)
      {
        const char *raw = source->spec->get_text (hk_data_table_get_analysis (table), rows[k], column);
        g_autofree char *shown = hk_table_source_format_cell (source, hk_data_table_get_analysis (table), rows[k],
                                                              column, HK_MONEY_FULL);

        g_assert_cmpstr (shown, ==, hk_gui_format_source (raw, hk_gui_dataset_get_platforms (dataset)));
        g_assert_true (*raw == '\0' || g_ascii_strcasecmp (shown, raw) == 0);
        g_assert_true (*raw == '\0' || g_unichar_isupper (g_utf8_get_char (shown)));
      }
  }
  /* Over Time: the influencer's revenue and spend per day, 7-day average. */
  {
    HkChartView *chart = HK_CHART_VIEW (hk_influencer_dialog_get_over_time_chart (dialog));
    g_autoptr(HkTimeSeries) expected_series = hk_chart_series_new_for_influencer (hk_window_get_analysis (window), 3, NULL);
    HkTimeSeries *shown;

    pump_until (chart_has_series, chart);
    shown = HK_TIME_SERIES (hk_chart_view_get_series (chart));
    g_assert_cmpuint (hk_line_chart_get_smoothing (HK_LINE_CHART (chart)), ==, 7);
    g_assert_cmpint (shown->first_day, ==, expected_series->first_day);
    g_assert_cmpuint (shown->n_days, ==, expected_series->n_days);
    g_assert_cmpuint (shown->n_days, >, 0);
    for (guint d = 0; d < shown->n_days; d++)
      {
        g_assert_cmpfloat (shown->revenue[d], ==, expected_series->revenue[d]);
        g_assert_cmpfloat (shown->spend[d], ==, expected_series->spend[d]);
      }
  }
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

/* ------------------------------------------------------------------------ */
/* Accessible names                                                         */

/* Opens every expander under root: a closed one keeps its child out of the
 * widget tree. */
static void
expand_all (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_EXPANDER (child))
        gtk_expander_set_expanded (GTK_EXPANDER (child), TRUE);
      expand_all (child);
    }
}

/* Whether a control is labelled by a label with text inside it (GTK labels
 * an icon button by its image: no name). */
static gboolean
labelled_by_text (GtkWidget *control,
                  GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && *gtk_label_get_text (GTK_LABEL (child)) != '\0')
        {
          g_autofree char *mismatch = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (control),
                                                                          GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                                                          child, NULL);
          if (mismatch == NULL)
            return TRUE;
        }
      if (labelled_by_text (control, child))
        return TRUE;
    }
  return FALSE;
}

/* Whether a screen reader has a name to speak for a control. GTK 4.8 names
 * an accessible from its label property or its labelled-by relation (a
 * tooltip is a description; an expander's label widget is not its name) and
 * has no public getter: GTK's test-context functions read what was set. */
static gboolean
has_accessible_name (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      labelled_by_text (widget, widget))
    return TRUE;
  /* The inner button of a menu button, or the text of an entry: the outer
   * widget carries the name. */
  if (parent != NULL && (GTK_IS_MENU_BUTTON (parent) || GTK_IS_EDITABLE (parent)))
    return has_accessible_name (parent);
  return FALSE;
}

static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_EXPANDER (widget) ||
         GTK_IS_CHECK_BUTTON (widget) || GTK_IS_EDITABLE (widget) || GTK_IS_SWITCH (widget) ||
         GTK_IS_DROP_DOWN (widget);
}

/* Every control under root, shown or not (pages and popovers a click away). */
static void
collect_unnamed (GtkWidget *root,
                 gboolean   shown_pages,
                 GPtrArray *unnamed)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      /* Rows of a column view are cells of data, named by their column;
       * hidden widgets (a disabled search) are not shown to a screen reader. */
      if (GTK_IS_COLUMN_VIEW (child) || !gtk_widget_get_visible (child))
        continue;
      /* With shown_pages, only the page a stack shows. */
      if (shown_pages && GTK_IS_STACK (root) && child != gtk_stack_get_visible_child (GTK_STACK (root)))
        continue;
      if (is_control (child) && !has_accessible_name (child))
        {
          GtkWidget *p = gtk_widget_get_parent (child);
          g_autofree char *where = g_strdup_printf ("%s in %s in %s", G_OBJECT_TYPE_NAME (child),
                                                    G_OBJECT_TYPE_NAME (p),
                                                    gtk_widget_get_parent (p) ? G_OBJECT_TYPE_NAME (gtk_widget_get_parent (p)) : "-");
          g_ptr_array_add (unnamed, g_steal_pointer (&where));
        }
      collect_unnamed (child, shown_pages, unnamed);
    }
}

static void
assert_all_named (GtkWidget *root,
                  gboolean   shown_pages)
{
  g_autoptr(GPtrArray) unnamed = g_ptr_array_new_with_free_func (g_free);

  collect_unnamed (root, shown_pages, unnamed);
  for (guint i = 0; i < unnamed->len; i++)
    g_printerr ("no accessible name: %s\n", (char *) unnamed->pdata[i]);
  g_assert_cmpuint (unnamed->len, ==, 0);
}

/* Every button, expander, toggle and entry of the window and the influencer
 * dialog has a name a screen reader can speak. */
static void
test_accessible_names (void)
{
  HkWindow *window = new_window (NULL);
  HkInfluencerDialog *dialog;
  GtkWidget *check = gtk_button_new_from_icon_name ("edit-find-symbolic");

  /* The check itself fails on an icon button without a name. */
  g_object_ref_sink (check);
  g_assert_false (has_accessible_name (check));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, "Find", -1);
  g_assert_true (has_accessible_name (check));
  g_object_unref (check);

  static const char * const pages[] = { "overview", "influencers", "posts", "payouts", "insights" };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      activate_app_action ("show-page", g_variant_new_string (pages[i]));
      wait_idle (window);
    }
  expand_all (GTK_WIDGET (window));
  assert_all_named (GTK_WIDGET (window), FALSE);

  dialog = hk_window_show_influencer (window, 3);
  pump_until (widget_is_mapped, dialog);
  pump_until (dialog_tables_ready, dialog);
  assert_all_named (GTK_WIDGET (dialog), FALSE);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Preferences, with every row shown. */
  {
    HkPreferencesWindow *preferences = hk_preferences_window_new (GTK_WINDOW (window),
                                                                 hk_application_get_settings (app));

    gtk_window_present (GTK_WINDOW (preferences));
    pump_until (widget_is_mapped, preferences);
    expand_all (GTK_WIDGET (preferences));
    /* Its stack's other page is libadwaita's search, disabled here. */
    assert_all_named (GTK_WIDGET (preferences), TRUE);
    gtk_window_destroy (GTK_WINDOW (preferences));
  }
  destroy_window (window);
}

/* A table with no rows says why and offers the way out: the name search
 * (Clear Search), or the filters (Reset Filters). */
static gboolean
placeholder_shown (gpointer data)
{
  GtkWidget *placeholder = NULL;
  gboolean shown;

  g_object_get (data, "placeholder", &placeholder, NULL);
  shown = placeholder != NULL && gtk_widget_get_visible (placeholder) && !hk_data_table_get_busy (data);
  g_clear_object (&placeholder);
  return shown;
}

static AdwStatusPage *
table_status_page (HkDataTable *table)
{
  GtkWidget *placeholder = NULL;

  g_object_get (table, "placeholder", &placeholder, NULL);
  g_assert_true (ADW_IS_STATUS_PAGE (placeholder));
  g_object_unref (placeholder);
  return ADW_STATUS_PAGE (placeholder);
}

static void
test_status_pages (void)
{
  HkWindow *window = new_window (NULL);
  HkDataTable *table = show_table (window, "influencers", "influencers");
  const char *search[] = { "zzz-nobody", NULL };
  const char *brand[] = { "MuscleBlaze", NULL };
  g_autofree char *empty = make_temp_dir ();
  AdwStatusPage *page;
  GtkWidget *button;

  /* Nothing shown for rows that are there, and no dialog for a clean dataset. */
  g_assert_false (placeholder_shown (table));
  g_assert_null (find_dialog (window, NULL));

  /* A name no influencer has. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "set-filter",
                                  g_variant_new ("(s^as)", "search", search));
  wait_idle (window);
  pump_until (placeholder_shown, table);
  page = table_status_page (table);
  g_assert_nonnull (strstr (adw_status_page_get_title (page), "zzz-nobody"));
  button = adw_status_page_get_child (page);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.clear-search");
  g_signal_emit_by_name (button, "clicked");
  wait_idle (window);
  g_assert_cmpstr (hk_filter_get_search (hk_window_get_filter (window)) ?: "", ==, "");
  g_assert_false (placeholder_shown (table));

  /* Filters that leave nothing: a brand and a date range without its rows. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "set-filter",
                                  g_variant_new ("(s^as)", "brand", brand));
  {
    const char *from[] = { "1990-01-01", NULL };
    const char *to[] = { "1990-01-02", NULL };

    g_action_group_activate_action (G_ACTION_GROUP (window), "set-filter", g_variant_new ("(s^as)", "from", from));
    g_action_group_activate_action (G_ACTION_GROUP (window), "set-filter", g_variant_new ("(s^as)", "to", to));
  }
  wait_idle (window);
  pump_until (placeholder_shown, table);
  page = table_status_page (table);
  button = adw_status_page_get_child (page);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.reset-filters");
  g_signal_emit_by_name (button, "clicked");
  wait_idle (window);
  g_assert_true (hk_filter_is_empty (hk_window_get_filter (window)));
  g_assert_false (placeholder_shown (table));

  /* A clean dataset from a folder opens without any dialog. */
  {
    g_autofree char *clean = make_temp_dir ();

    write_small_dataset (clean, 7);
    activate_app_action ("open-folder", g_variant_new_string (clean));
    wait_idle (window);
    pump_a_little ();
    g_assert_cmpstr (hk_dataset_get_folder (hk_window_get_dataset (window)), ==, clean);
    g_assert_false (hk_import_report_has_problems (hk_dataset_get_report (hk_window_get_dataset (window))));
    g_assert_null (find_dialog (window, NULL));
    g_assert_false (hk_window_get_folder_error_shown (window));
    remove_tree (clean);
  }

  /* The user guide the Help item opens is in the app. */
  {
    g_autoptr(GBytes) guide = g_resources_lookup_data ("/com/healthkart/InfluencerDashboard/help/index.html",
                                                       G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

    g_assert_nonnull (guide);
    g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "help"));
  }

  /* A folder without data files: a status page, not a dialog; Back returns. */
  activate_app_action ("open-folder", g_variant_new_string (empty));
  wait_idle (window);
  pump_a_little ();
  g_assert_true (hk_window_get_folder_error_shown (window));
  g_assert_null (find_dialog (window, NULL));
  g_action_group_activate_action (G_ACTION_GROUP (window), "dismiss-folder-error", NULL);
  g_assert_false (hk_window_get_folder_error_shown (window));

  destroy_window (window);
  remove_tree (empty);
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

static void
find_widgets (GtkWidget *root,
              GType      type,
              GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      find_widgets (child, type, found);
    }
}

/* Date presets end on the data's last day; sources read as platforms do. */
static void
test_sidebar_extras (void)
{
  HkWindow *window = new_window (NULL);
  g_autoptr(GPtrArray) sidebars = g_ptr_array_new ();
  g_autoptr(GPtrArray) sections = g_ptr_array_new ();
  g_autoptr(GPtrArray) platforms = hk_dataset_dup_values (hk_window_get_dataset (window), HK_DIM_PLATFORM);
  gint32 first_day, last_day, from, to;
  int year, month, mday;
  guint n_sources = 0;

  find_widgets (GTK_WIDGET (window), HK_TYPE_FILTER_SIDEBAR, sidebars);
  g_assert_cmpuint (sidebars->len, ==, 1);
  g_assert_true (hk_dataset_get_date_range (hk_window_get_dataset (window), &first_day, &last_day));

  g_assert_true (gtk_widget_activate_action (sidebars->pdata[0], "sidebar.date-preset", "s", "30"));
  wait_idle (window);
  hk_filter_get_date_range (hk_window_get_filter (window), &from, &to);
  g_assert_cmpint (to, ==, last_day);
  g_assert_cmpint (from, ==, last_day - 29);

  g_assert_true (gtk_widget_activate_action (sidebars->pdata[0], "sidebar.date-preset", "s", "quarter"));
  wait_idle (window);
  hk_filter_get_date_range (hk_window_get_filter (window), &from, &to);
  hk_date_to_ymd (last_day, &year, &month, &mday);
  g_assert_cmpint (from, ==, hk_date_from_ymd (year, (month - 1) / 3 * 3 + 1, 1));
  g_assert_cmpint (to, ==, last_day);

  g_assert_true (gtk_widget_activate_action (sidebars->pdata[0], "sidebar.date-preset", "s", "all"));
  wait_idle (window);
  hk_filter_get_date_range (hk_window_get_filter (window), &from, &to);
  g_assert_cmpint (from, ==, HK_DAY_NONE);
  g_assert_cmpint (to, ==, HK_DAY_NONE);

  /* The Influencers table leaves searching to the sidebar: Ctrl+F opens it. */
  show_table (window, "influencers", "influencers");
  g_action_group_change_action_state (G_ACTION_GROUP (window), "show-sidebar", g_variant_new_boolean (FALSE));
  g_action_group_activate_action (G_ACTION_GROUP (window), "search", NULL);
  {
    g_autoptr(GVariant) shown = g_action_group_get_action_state (G_ACTION_GROUP (window), "show-sidebar");
    gboolean table_search = TRUE;

    g_assert_true (g_variant_get_boolean (shown));
    g_object_get (hk_window_get_table (window, "influencers"), "show-search", &table_search, NULL);
    g_assert_false (table_search);
  }

  /* Every source starts with a capital; one named like a platform is
   * spelled as the platform is. */
  find_widgets (GTK_WIDGET (window), HK_TYPE_FILTER_SECTION, sections);
  for (guint i = 0; i < sections->len; i++)
    {
      g_autoptr(GPtrArray) checks = g_ptr_array_new ();

      if (hk_filter_section_get_dimension (sections->pdata[i]) != HK_DIM_SOURCE)
        continue;
      expand_all (sections->pdata[i]);
      find_widgets (sections->pdata[i], GTK_TYPE_CHECK_BUTTON, checks);
      for (guint c = 0; c < checks->len; c++)
        {
          const char *label = gtk_check_button_get_label (checks->pdata[c]);

          g_test_message ("source shown as %s", label);
          g_assert_true (g_unichar_isupper (g_utf8_get_char (label)));
          for (guint p = 0; p < platforms->len; p++)
            if (g_ascii_strcasecmp (((HkValueCount *) platforms->pdata[p])->value, label) == 0)
              g_assert_cmpstr (label, ==, ((HkValueCount *) platforms->pdata[p])->value);
          n_sources++;
        }
    }
  g_assert_cmpuint (n_sources, >, 0);
  destroy_window (window);
}

/* The window fits a 360 px phone: no page, notice or status page asks for
 * more (a view stack measures every page, shown or not). */
static void
test_narrow (void)
{
  HkWindow *window = new_window (NULL);
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  int min;

  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, <=, 360);
  destroy_window (window);
}


/* ------------------------------------------------------------------------ */
/* The snapshot cache (issue 17)                                            */

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found)
        return found;
    }
  return NULL;
}

typedef struct {
  GtkWidget  *widget;
  const char *text;
} ShowsText;

static gboolean
shows_text (gpointer data)
{
  ShowsText *st = data;

  return widget_shows_text (st->widget, st->text);
}

static gboolean
cache_is_empty (gpointer data)
{
  return hk_snapshot_cache_get_size () == 0;
}

/* A folder opened is written as a snapshot in the background, and opened
 * from it the next time, showing the same; Preferences shows the cache's
 * size and clears it. */
static void
test_cache (void)
{
  g_autofree char *folder = make_temp_dir ();
  g_autofree char *path = hk_snapshot_cache_dup_path (folder);
  g_autofree char *size_text = NULL, *subtitle = NULL;
  HkPreferencesWindow *preferences;
  HkWindow *window;
  GtkWidget *clear;
  ShowsText st;
  g_autoptr(GError) error = NULL;
  double parsed_revenue, cached_revenue;

  g_assert_true (hk_snapshot_cache_clear (&error));
  write_small_dataset (folder, 11);
  window = new_window (folder);
  g_assert_false (hk_snapshot_is_snapshot (hk_window_get_dataset (window)));
  parsed_revenue = hk_analysis_get_totals (hk_window_get_analysis (window))->revenue;
  pump_until (file_exists, path);
  destroy_window (window);

  window = new_window (folder);
  g_assert_true (hk_snapshot_is_snapshot (hk_window_get_dataset (window)));
  cached_revenue = hk_analysis_get_totals (hk_window_get_analysis (window))->revenue;
  g_assert_cmpfloat (cached_revenue, ==, parsed_revenue);

  preferences = hk_preferences_window_new (GTK_WINDOW (window), hk_application_get_settings (app));
  gtk_window_present (GTK_WINDOW (preferences));
  pump_until (widget_is_mapped, preferences);
  size_text = g_format_size_full (hk_snapshot_cache_get_size (), G_FORMAT_SIZE_IEC_UNITS);
  subtitle = g_strdup_printf ("%s on disk", size_text);
  st = (ShowsText) { GTK_WIDGET (preferences), subtitle };
  pump_until (shows_text, &st);
  clear = find_button (GTK_WIDGET (preferences), "_Clear");
  g_assert_nonnull (clear);
  g_assert_true (gtk_widget_get_sensitive (clear));
  g_signal_emit_by_name (clear, "clicked");
  st = (ShowsText) { GTK_WIDGET (preferences), "Empty" };
  pump_until (shows_text, &st);
  pump_until (cache_is_empty, NULL);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (gtk_widget_get_sensitive (clear));

  /* The limit is a setting, in mebibytes. */
  g_assert_cmpuint (hk_snapshot_cache_get_limit (), ==, (guint64) 2 << 30);
  g_settings_set_uint (hk_application_get_settings (app), "cache-size-limit", 512);
  g_assert_cmpuint (hk_snapshot_cache_get_limit (), ==, (guint64) 512 << 20);
  g_settings_reset (hk_application_get_settings (app), "cache-size-limit");
  g_assert_cmpuint (hk_snapshot_cache_get_limit (), ==, (guint64) 2 << 30);
  gtk_window_destroy (GTK_WINDOW (preferences));
  destroy_window (window);
  remove_tree (folder);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* GTK's test accessibility backend keeps the names and roles set, for
   * /window/accessible-names (with "none", nothing is kept); it talks to no
   * bus, so it is as quiet as "none". */
  g_setenv ("GTK_A11Y", "test", TRUE);
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
  g_test_add_func ("/window/chart-headings", test_chart_headings);
  g_test_add_func ("/window/reload", test_reload);
  g_test_add_func ("/window/cancel-load", test_cancel_load);
  g_test_add_func ("/window/influencer-dialog", test_influencer_dialog);
  g_test_add_func ("/window/table-columns", test_table_columns);
  g_test_add_func ("/window/actions", test_actions);
  g_test_add_func ("/window/accessible-names", test_accessible_names);
  g_test_add_func ("/window/status-pages", test_status_pages);
  g_test_add_func ("/window/narrow", test_narrow);
  g_test_add_func ("/window/sidebar-extras", test_sidebar_extras);
  g_test_add_func ("/window/cache", test_cache);
  g_test_add_func ("/window/app-icon", test_app_icon);
  g_test_add_func ("/window/settings-backend", test_settings_backend);
  status = g_test_run ();

  g_clear_object (&app);
  return status;
}
