/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "hk-dialogs.h"
#include "hk-import.h"
#include "hk-pg-source.h"
#include "hk-settings.h"
#include "hk-simulator.h"
#include "hk-chart-actions.h"
#include "hk-keyring.h"
#include "hk-window-private.h"

G_DEFINE_FINAL_TYPE (HkWindow, hk_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const page_names[] = {
  "overview", "campaigns", "influencers", "posts", "payouts", "insights", NULL,
};

const char * const *
hk_window_get_page_names (void)
{
  return page_names;
}

/* The file names a dataset is read from (DESIGN.md §2), lower case. */

static gboolean
is_disposed (HkWindow *self)
{
  return g_cancellable_is_cancelled (self->cancellable);
}

/* ------------------------------------------------------------------------ */
/* Busy state                                                               */

/* Every table of the window, by index; NULL past the last. */
HkDataTable *
_hk_window_get_table_at (HkWindow *self,
                         guint     i)
{
  static const char * const insights[] = {
    "top", "poor", "personas", "cities", "drop", "scale", "renegotiate", "watch",
  };

  switch (i)
    {
    case 0: return self->influencers_table;
    case 1: return self->posts_table;
    case 2: return self->payouts_table;
    case 3: return self->campaigns_table;
    default:
      return i - 4 < G_N_ELEMENTS (insights) ? hk_insights_page_get_table (self->insights_page, insights[i - 4]) : NULL;
    }
}

/* Whether a table is on the page shown (tables elsewhere compute nothing
 * until their page is shown). */
static gboolean
table_is_shown (HkWindow    *self,
                HkDataTable *table)
{
  GtkWidget *page = adw_view_stack_get_visible_child (self->stack);

  if (page == NULL || !(GTK_WIDGET (table) == page || gtk_widget_is_ancestor (GTK_WIDGET (table), page)))
    return FALSE;
  /* A table in a page of a stack within the page (Insights' decision lists)
   * shows only with its stack page. */
  for (GtkWidget *w = GTK_WIDGET (table); w != page; w = gtk_widget_get_parent (w))
    if (!gtk_widget_get_child_visible (w))
      return FALSE;
  return TRUE;
}

/* Whether what the window shows is still changing: an export waits for it. */
static gboolean
is_settling (HkWindow *self)
{
  if (hk_session_get_busy (self->session))
    return TRUE;
  for (guint i = 0; _hk_window_get_table_at (self, i) != NULL; i++)
    if (table_is_shown (self, _hk_window_get_table_at (self, i)) && hk_data_table_get_busy (_hk_window_get_table_at (self, i)))
      return TRUE;
  return FALSE;
}

void
_hk_window_update_busy (HkWindow *self)
{
  gboolean settling, busy;

  if (is_disposed (self))
    return;
  settling = is_settling (self);
  if (!settling && self->pending_exports->len > 0)
    _hk_window_run_pending_exports (self);
  busy = settling || self->n_exports > 0 || self->pending_exports->len > 0;
  if (busy != self->busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

void
_hk_window_toast (HkWindow   *self,
                  const char *title,
                  const char *folder_uri)
{
  AdwToast *toast = adw_toast_new (title);

  if (folder_uri != NULL)
    {
      adw_toast_set_button_label (toast, _("Open Folder"));
      adw_toast_set_action_name (toast, "win.show-uri");
      adw_toast_set_action_target_value (toast, g_variant_new_string (folder_uri));
    }
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ------------------------------------------------------------------------ */
/* Settings                                                                 */

static void
read_options (HkWindow *self)
{
  HkAnalysisOptions options;

  hk_analysis_options_init (&options);
  options.method = (HkIroasMethod) g_settings_get_enum (self->settings, "iroas-method");
  options.pre_period_days = g_settings_get_uint (self->settings, "pre-period-days");
  options.organic_share = g_settings_get_double (self->settings, "organic-share");
  options.target_roas = g_settings_get_double (self->settings, "target-roas");
  hk_analysis_options_set_margin (&options, NULL, g_settings_get_double (self->settings, "gross-margin"));
  {
    g_autoptr(GVariant) margins = g_settings_get_value (self->settings, "brand-margins");
    GVariantIter iter;
    const char *brand;
    double margin;

    g_variant_iter_init (&iter, margins);
    while (g_variant_iter_next (&iter, "{&sd}", &brand, &margin))
      if (margin > 0 && margin <= 1 && strlen (brand) < HK_BRAND_NAME_MAX)
        hk_analysis_options_set_margin (&options, brand, margin);
  }
  /* Of the groups of rows, the dashboard shows brands, campaigns and days. */
  options.row_dimensions = (1u << HK_DIM_BRAND) | (1u << HK_DIM_CAMPAIGN) | (1u << HK_DIM_DAY);
  hk_session_set_options (self->session, &options);
}

static void
on_settings_options_changed (HkWindow   *self,
                             const char *key,
                             GSettings  *settings)
{
  read_options (self);
}

static void
apply_money_style (HkWindow *self)
{
  self->money_style = (HkMoneyStyle) g_settings_get_enum (self->settings, "money-style");
  hk_overview_page_set_money_style (self->overview_page, self->money_style);
  hk_data_table_set_money_style (self->influencers_table, self->money_style);
  hk_data_table_set_money_style (self->posts_table, self->money_style);
  hk_data_table_set_money_style (self->payouts_table, self->money_style);
  hk_data_table_set_money_style (self->campaigns_table, self->money_style);
  hk_insights_page_set_money_style (self->insights_page, self->money_style);
}

static void
on_settings_money_style_changed (HkWindow   *self,
                                 const char *key,
                                 GSettings  *settings)
{
  apply_money_style (self);
}

static void
save_filter (HkWindow *self)
{
  g_settings_set_value (self->settings, "filter", hk_filter_serialize (self->chosen));
}

/* A new filter the user set: what it selects, plus the values chosen earlier
 * that the data shown lacks (a file briefly rewritten, a drive away), so they
 * apply again when they come back. Reset Filters forgets them too. */
static void
choose_filter (HkWindow       *self,
               const HkFilter *filter)
{
  HkFilter *chosen = hk_filter_copy (filter);

  if (hk_filter_is_empty (filter))
    g_clear_pointer (&self->absent, hk_filter_free);
  for (guint d = 0; d < HK_N_DIMS && self->absent; d++)
    for (const char * const *v = hk_filter_get_values (self->absent, d); *v; v++)
      hk_filter_add (chosen, d, *v);
  hk_filter_free (self->chosen);
  self->chosen = chosen;
  save_filter (self);
}

static void
on_table_notify_sort (HkWindow    *self,
                      GParamSpec  *pspec,
                      HkDataTable *table)
{
  g_autoptr(GVariant) saved = g_settings_get_value (self->settings, "table-sort");
  const char *name = hk_data_table_get_source (table)->name;
  g_autofree char *sort = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key, *value;

  g_object_get (table, "sort", &sort, NULL);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, saved);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    if (!g_str_equal (key, name))
      g_variant_builder_add (&builder, "{ss}", key, value);
  g_variant_builder_add (&builder, "{ss}", name, sort);
  g_settings_set_value (self->settings, "table-sort", g_variant_builder_end (&builder));
}

static void
on_table_notify_columns (HkWindow    *self,
                         GParamSpec  *pspec,
                         HkDataTable *table)
{
  g_autoptr(GVariant) saved = g_settings_get_value (self->settings, "table-columns");
  const char *name = hk_data_table_get_source (table)->name;
  g_auto(GStrv) columns = hk_data_table_dup_visible_columns (table);
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sas}"));
  g_variant_iter_init (&iter, saved);
  while (g_variant_iter_next (&iter, "{&s@as}", &key, &value))
    {
      if (!g_str_equal (key, name))
        g_variant_builder_add (&builder, "{s@as}", key, value);
      g_variant_unref (value);
    }
  g_variant_builder_add (&builder, "{s^as}", name, columns);
  g_settings_set_value (self->settings, "table-columns", g_variant_builder_end (&builder));
}

/* The columns chosen for each table (its column chooser), then kept. */
static void
restore_columns (HkWindow *self)
{
  g_autoptr(GVariant) saved = g_settings_get_value (self->settings, "table-columns");

  for (guint i = 0; _hk_window_get_table_at (self, i) != NULL; i++)
    {
      HkDataTable *table = _hk_window_get_table_at (self, i);
      g_autofree const char **columns = NULL;

      if (g_variant_lookup (saved, hk_data_table_get_source (table)->name, "^a&s", &columns))
        hk_data_table_set_visible_columns (table, columns);
      g_signal_connect_object (table, "notify::columns", G_CALLBACK (on_table_notify_columns), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
restore_sorts (HkWindow *self)
{
  g_autoptr(GVariant) saved = g_settings_get_value (self->settings, "table-sort");

  for (guint i = 0; _hk_window_get_table_at (self, i) != NULL; i++)
    {
      HkDataTable *table = _hk_window_get_table_at (self, i);
      const char *sort = NULL;

      if (g_variant_lookup (saved, hk_data_table_get_source (table)->name, "&s", &sort))
        {
          g_auto(GStrv) parts = g_strsplit (sort, ":", 2);

          if (parts[0] == NULL || *parts[0] == '\0')
            hk_data_table_set_sort (table, NULL, FALSE);
          else
            hk_data_table_set_sort (table, parts[0], g_strcmp0 (parts[1], "descending") == 0);
        }
      g_signal_connect_object (table, "notify::sort", G_CALLBACK (on_table_notify_sort), self,
                               G_CONNECT_SWAPPED);
    }
}

/* ------------------------------------------------------------------------ */
/* Analysis: the session's, shown                                           */

static void
on_session_notify_analysis (HkWindow   *self,
                            GParamSpec *pspec,
                            HkSession  *session)
{
  HkAnalysis *analysis = hk_session_get_analysis (session);

  if (analysis == NULL)
    return;
  hk_overview_page_set_analysis (self->overview_page, analysis);
  hk_data_table_set_analysis (self->influencers_table, analysis);
  hk_data_table_set_analysis (self->posts_table, analysis);
  hk_data_table_set_analysis (self->payouts_table, analysis);
  hk_data_table_set_analysis (self->campaigns_table, analysis);
  hk_insights_page_set_analysis (self->insights_page, analysis);
  _hk_window_update_placeholders (self);
  hk_chart_view_show (HK_CHART_VIEW (self->top_payouts_chart), analysis, HK_CHART_TOP_PAYOUTS, 5);
  hk_chart_view_show (HK_CHART_VIEW (self->campaigns_chart), analysis, HK_CHART_IROAS_BY_CAMPAIGN, 12);
  _hk_window_update_busy (self);
}

static void
on_session_notify_busy (HkWindow   *self,
                        GParamSpec *pspec,
                        HkSession  *session)
{
  _hk_window_update_busy (self);
}

static void
on_sidebar_changed (HkWindow        *self,
                    HkFilterSidebar *sidebar)
{
  const HkFilter *filter = hk_filter_sidebar_get_filter (sidebar);

  hk_session_set_filter (self->session, filter);
  choose_filter (self, filter);
}

/* ------------------------------------------------------------------------ */
/* Loading                                                                  */

typedef enum {
  LOAD_DEFAULT    = 0,
  LOAD_RELOAD     = 1 << 0,
  LOAD_REMEMBERED = 1 << 1, /* the last folder, at start: it may be away for now */
  LOAD_STAND_IN   = 1 << 2, /* the demo while the last folder is away: keep last-folder */
  LOAD_AUTOMATIC  = 1 << 3, /* a reload because the files changed on disk */
  LOAD_FALLBACK   = 1 << 4, /* the demo behind a folder that failed: its status page stays */
} LoadFlags;

typedef struct {
  HkWindow  *self;
  char      *folder;  /* NULL: the demo */
  LoadFlags  flags;
  guint64    serial;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_object_unref (job->self);
  g_free (job->folder);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadJob, load_job_free)

static gboolean
on_progress_tick (gpointer user_data)
{
  HkWindow *self = user_data;
  double progress = hk_session_get_progress (self->session);

  gtk_revealer_set_reveal_child (self->loading_revealer, TRUE);
  if (progress >= 0)
    gtk_progress_bar_set_fraction (self->progress_bar, progress);
  else
    gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
stop_loading (HkWindow *self)
{
  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_revealer_set_reveal_child (self->loading_revealer, FALSE);
}

static void start_load (HkWindow *self, const char *folder, LoadFlags flags);

/* A data file changed on disk: reload, once the writer is done (the session
 * waits for that). */
static void
on_session_files_changed (HkWindow  *self,
                          HkSession *session)
{
  HkDataset *dataset = hk_session_get_dataset (session);

  if (dataset != NULL && hk_dataset_get_folder (dataset) != NULL)
    start_load (self, hk_dataset_get_folder (dataset), LOAD_RELOAD | LOAD_AUTOMATIC);
}

/* A new dataset shows: the sidebar offers its values and applies what was
 * chosen less the values the data does not have; those stay chosen (and
 * saved) for when they come back. */
static void
on_session_notify_dataset (HkWindow   *self,
                           GParamSpec *pspec,
                           HkSession  *session)
{
  HkDataset *dataset = hk_session_get_dataset (session);
  const char *folder = hk_dataset_get_folder (dataset);
  g_autofree char *name = NULL;
  const HkFilter *applied;

  hk_filter_sidebar_set_filter (self->sidebar, self->chosen);
  hk_filter_sidebar_set_dataset (self->sidebar, dataset);
  applied = hk_filter_sidebar_get_filter (self->sidebar);
  hk_session_set_filter (self->session, applied);

  /* What the sidebar dropped is what the data lacks: kept for choose_filter(). */
  g_clear_pointer (&self->absent, hk_filter_free);
  self->absent = hk_filter_new ();
  for (guint d = 0; d < HK_N_DIMS; d++)
    for (const char * const *v = hk_filter_get_values (self->chosen, d); *v; v++)
      if (!g_strv_contains (hk_filter_get_values (applied, d), *v))
        hk_filter_add (self->absent, d, *v);

  gtk_revealer_set_reveal_child (self->demo_revealer, folder == NULL && hk_dataset_get_location (dataset) == NULL &&
                                 self->unavailable == NULL);
  name = folder ? g_filename_display_basename (folder) :
         hk_dataset_get_location (dataset) ? g_strdup (hk_dataset_get_location (dataset)) :
         g_strdup (_("Simulated demo data"));
  adw_view_switcher_title_set_subtitle (self->switcher_title, name);
}

/* The last folder could not be opened at start (an unmounted drive, a network
 * share away): say so, offer Retry, and keep it as the last folder. */
static void
show_unavailable (HkWindow   *self,
                  const char *folder)
{
  g_autofree char *display = folder ? g_filename_display_name (folder) : NULL;
  g_autofree char *text = NULL;
  HkDataset *dataset = hk_session_get_dataset (self->session);

  g_free (self->unavailable);
  self->unavailable = g_strdup (folder);
  if (folder)
    {
      text = g_strdup_printf (_("“%s” is not available (a drive that is not connected?). The demo data is shown meanwhile."),
                              display);
      gtk_label_set_text (self->unavailable_label, text);
    }
  gtk_revealer_set_reveal_child (self->unavailable_revealer, folder != NULL);
  gtk_revealer_set_reveal_child (self->demo_revealer,
                                 folder == NULL && dataset != NULL && hk_dataset_get_folder (dataset) == NULL &&
                                 hk_dataset_get_location (dataset) == NULL);
}

static void
show_load_error (HkWindow       *self,
                 LoadJob        *job,
                 HkImportReport *report,
                 const GError   *error)
{
  g_autoptr(GPtrArray) details = report ? hk_import_report_dup_messages (report) : NULL;
  g_autofree char *display = job->folder ? g_filename_display_name (job->folder) : NULL;
  g_autofree char *heading = display ? g_strdup_printf (_("Could Not Open “%s”"), display)
                                     : g_strdup (_("Could Not Make the Demo Data"));

  hk_dialogs_show_error (GTK_WINDOW (self), heading, error->message, details);
}

static void
on_load_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LoadJob) job = user_data;
  HkWindow *self = job->self;
  g_autoptr(HkImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  HkDataset *dataset = hk_session_load_finish (HK_SESSION (object), result, &report, &error);
  gboolean shown_before = hk_session_get_dataset (self->session) != dataset;

  if (is_disposed (self) || job->serial != self->load_serial)
    return; /* the window closed, or a newer load replaced this one */

  stop_loading (self);
  if (dataset == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _hk_window_toast (self, _("Loading cancelled: the data shown is unchanged"), NULL);
      else if ((job->flags & LOAD_REMEMBERED) && g_error_matches (error, HK_IMPORT_ERROR, HK_IMPORT_ERROR_NOT_FOUND))
        {
          show_unavailable (self, job->folder);
          if (hk_session_get_dataset (self->session) == NULL)
            start_load (self, NULL, LOAD_STAND_IN);
          return;
        }
      else if (!_hk_window_show_folder_error (self, job->folder, error))
        show_load_error (self, job, report, error);
      /* Something must be on screen: the demo, if nothing else is. */
      if (hk_session_get_dataset (self->session) == NULL && job->folder != NULL)
        start_load (self, NULL, LOAD_FALLBACK);
      return;
    }

  g_assert (!shown_before);
  /* New data replaces a folder's error page, unless it is the demo shown
   * behind that page. */
  if (!(job->flags & LOAD_FALLBACK))
    _hk_window_hide_folder_error (self);
  if (!(job->flags & LOAD_STAND_IN))
    show_unavailable (self, NULL);
  if (job->folder != NULL)
    {
      /* A database is remembered without its password. */
      g_autofree char *remembered = hk_pg_is_location (job->folder) ? hk_pg_location_without_password (job->folder)
                                                                   : g_strdup (job->folder);
      g_settings_set_string (self->settings, "last-folder", remembered);
    }
  else if (!(job->flags & (LOAD_RELOAD | LOAD_STAND_IN)))
    g_settings_set_string (self->settings, "last-folder", "");
  g_free (self->db_location);
  self->db_location = job->folder && hk_pg_is_location (job->folder) ? g_strdup (job->folder) : NULL;

  if (job->folder != NULL && hk_import_report_has_problems (hk_dataset_get_report (dataset)))
    {
      g_autofree char *holdout = hk_session_get_engine (self->session)
                                 ? hk_engine_dup_holdout_report (hk_session_get_engine (self->session)) : NULL;

      hk_dialogs_show_import_report (GTK_WINDOW (self), hk_dataset_get_report (dataset), holdout);
    }
  else if (job->flags & LOAD_AUTOMATIC)
    _hk_window_toast (self, _("Reloaded: the data files changed on disk"), NULL);
  else if (job->flags & LOAD_RELOAD)
    _hk_window_toast (self, _("Reloaded"), NULL);
}

static gboolean
location_has_password (const char *location)
{
  g_autofree char *password = hk_pg_location_get (location, "password");

  return password != NULL;
}

static void
on_keyring_looked_up (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  LoadJob *job = user_data;
  HkWindow *self = job->self;
  g_autofree char *password = hk_keyring_lookup_finish (result);

  if (is_disposed (self) || job->serial != self->load_serial)
    {
      load_job_free (job);
      return;
    }
  if (password)
    {
      char *location = hk_pg_location_with_password (job->folder, password);

      g_free (job->folder);
      job->folder = location;
    }
  hk_session_load_async (self->session, job->folder, NULL, on_load_done, job);
}

static void
start_load (HkWindow   *self,
            const char *folder,
            LoadFlags   flags)
{
  LoadJob *job;
  g_autofree char *display = NULL;
  g_autofree char *label = NULL;

  job = g_new0 (LoadJob, 1);
  job->self = g_object_ref (self);
  job->folder = g_strdup (folder);
  job->flags = flags;
  job->serial = ++self->load_serial;

  if (folder)
    {
      display = hk_pg_is_location (folder) ? hk_pg_location_describe (folder) : g_filename_display_basename (folder);
      label = g_strdup_printf (_("Loading “%s”…"), display);
    }
  else
    label = g_strdup (_("Making the demo data…"));
  gtk_label_set_text (self->loading_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  /* The bar shows only for loads that take a while: one from a snapshot
   * is done in about a third of a second, and a bar sliding in and out
   * meanwhile would only flash (and take a core from it to draw). */
  self->progress_source = g_timeout_add (500, on_progress_tick, self);

  /* A database with no password in its location: the keyring may keep one
   * (else libpq's ~/.pgpass and service file apply). */
  if (folder && hk_pg_is_location (folder) && !location_has_password (folder))
    {
      hk_keyring_lookup_async (folder, NULL, on_keyring_looked_up, job);
      return;
    }
  hk_session_load_async (self->session, folder, NULL, on_load_done, job);
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */

static void
on_influencer_activated (HkWindow  *self,
                         guint      influencer,
                         GtkWidget *source)
{
  hk_window_show_influencer (self, influencer);
}

static void
on_chart_bar_activated (HkWindow   *self,
                        guint       dimension,
                        const char *key)
{
  hk_chart_activate_bar (GTK_WIDGET (self), dimension, key);
}

static void
on_table_notify_busy (HkWindow    *self,
                      GParamSpec  *pspec,
                      HkDataTable *table)
{
  _hk_window_update_busy (self);
}

static void
on_stack_notify_visible_child (HkWindow     *self,
                               GParamSpec   *pspec,
                               AdwViewStack *stack)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GAction *export_chart = app ? g_action_map_lookup_action (G_ACTION_MAP (app), "export-chart") : NULL;

  /* Export Chart… is for pages with a chart. */
  if (G_IS_SIMPLE_ACTION (export_chart))
    g_simple_action_set_enabled (G_SIMPLE_ACTION (export_chart), hk_window_has_page_chart (self));
  _hk_window_update_busy (self);
}

/* A folder or CSV file dragged over the window: the window says it takes it. */
static GdkDragAction
on_drop_enter (GtkDropTarget *target,
               double         x,
               double         y,
               HkWindow      *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self->toast_overlay), "drop-highlight");
  return GDK_ACTION_COPY;
}

static void
on_drop_leave (GtkDropTarget *target,
               HkWindow      *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->toast_overlay), "drop-highlight");
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         HkWindow      *self)
{
  GSList *files;
  g_autofree char *path = NULL;

  on_drop_leave (target, self);
  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;
  path = g_file_get_path (files->data);
  g_slist_free (files);
  if (path == NULL)
    return FALSE;
  /* A CSV file opens its folder. */
  if (g_str_has_suffix (path, ".csv") || g_str_has_suffix (path, ".CSV"))
    {
      char *folder = g_path_get_dirname (path);
      g_free (path);
      path = folder;
    }
  hk_window_open_folder (self, path);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */

static gboolean
hk_window_close_request (GtkWindow *window)
{
  HkWindow *self = HK_WINDOW (window);
  int width, height;
  gboolean maximized = gtk_window_is_maximized (window);

  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  if (!maximized)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  return GTK_WINDOW_CLASS (hk_window_parent_class)->close_request (window);
}

static void
hk_window_constructed (GObject *object)
{
  HkWindow *self = HK_WINDOW (object);
  g_autoptr(GVariant) saved_filter = NULL;

  G_OBJECT_CLASS (hk_window_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = hk_settings_new (FALSE);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (self->settings, "sidebar-shown", self->flap, "reveal-flap", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "page", self->stack, "visible-child-name", G_SETTINGS_BIND_DEFAULT);

  saved_filter = g_settings_get_value (self->settings, "filter");
  self->chosen = hk_filter_deserialize (saved_filter);
  if (self->chosen == NULL)
    self->chosen = hk_filter_new ();
  hk_filter_sidebar_set_filter (self->sidebar, self->chosen);
  hk_session_set_filter (self->session, self->chosen);

  read_options (self);
  apply_money_style (self);
  restore_sorts (self);
  restore_columns (self);

  g_signal_connect_object (self->settings, "changed::iroas-method",
                           G_CALLBACK (on_settings_options_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::pre-period-days",
                           G_CALLBACK (on_settings_options_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::organic-share",
                           G_CALLBACK (on_settings_options_changed), self, G_CONNECT_SWAPPED);
  /* The target and margins drive the decisions. */
  g_signal_connect_object (self->settings, "changed::target-roas",
                           G_CALLBACK (on_settings_options_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::gross-margin",
                           G_CALLBACK (on_settings_options_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::brand-margins",
                           G_CALLBACK (on_settings_options_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::money-style",
                           G_CALLBACK (on_settings_money_style_changed), self, G_CONNECT_SWAPPED);

  /* Charts of ROAS draw the target from Preferences. */
  for (HkChartKind kind = 0; kind < HK_N_CHART_KINDS; kind++)
    if (hk_window_get_chart (self, kind) != NULL)
      g_settings_bind (self->settings, "target-roas", hk_window_get_chart (self, kind), "target-roas",
                       G_SETTINGS_BIND_GET);
  /* the scatter's Log Scale button, remembered */
  g_settings_bind (self->settings, "scatter-scale", hk_window_get_chart (self, HK_CHART_SPEND_VS_REVENUE), "scale",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
hk_window_dispose (GObject *object)
{
  HkWindow *self = HK_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->session)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      hk_session_cancel_load (self->session);
    }
  g_clear_handle_id (&self->progress_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), HK_TYPE_WINDOW);

  g_clear_pointer (&self->pending_exports, g_ptr_array_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->db_location, g_free);

  G_OBJECT_CLASS (hk_window_parent_class)->dispose (object);
}

static void
hk_window_finalize (GObject *object)
{
  HkWindow *self = HK_WINDOW (object);

  g_clear_pointer (&self->chosen, hk_filter_free);
  g_clear_pointer (&self->absent, hk_filter_free);
  g_clear_pointer (&self->unavailable, g_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (hk_window_parent_class)->finalize (object);
}

static void
hk_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HkWindow *self = HK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hk_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  HkWindow *self = HK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_set_object (&self->settings, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hk_window_class_init (HkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = hk_window_constructed;
  object_class->dispose = hk_window_dispose;
  object_class->finalize = hk_window_finalize;
  object_class->get_property = hk_window_get_property;
  object_class->set_property = hk_window_set_property;
  window_class->close_request = hk_window_close_request;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* What the window reads and writes: hk_window_new () passes the application's. */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HK_TYPE_FILTER_SIDEBAR);
  g_type_ensure (HK_TYPE_OVERVIEW_PAGE);
  g_type_ensure (HK_TYPE_DATA_TABLE);
  g_type_ensure (HK_TYPE_INSIGHTS_PAGE);
  g_type_ensure (HK_TYPE_BAR_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/healthkart/InfluencerDashboard/hk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HkWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, HkWindow, demo_revealer);
  gtk_widget_class_bind_template_child (widget_class, HkWindow, unavailable_revealer);
  gtk_widget_class_bind_template_child (widget_class, HkWindow, unavailable_label);
  gtk_widget_class_bind_template_child (widget_class, HkWindow, loading_revealer);
  gtk_widget_class_bind_template_child (widget_class, HkWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, HkWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, HkWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, HkWindow, folder_status);
  gtk_widget_class_bind_template_child (widget_class, HkWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, HkWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, HkWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, HkWindow, influencers_table);
  gtk_widget_class_bind_template_child (widget_class, HkWindow, posts_table);
  gtk_widget_class_bind_template_child (widget_class, HkWindow, payouts_table);
  gtk_widget_class_bind_template_child (widget_class, HkWindow, campaigns_table);
  gtk_widget_class_bind_template_child (widget_class, HkWindow, campaigns_chart);
  gtk_widget_class_bind_template_child (widget_class, HkWindow, top_payouts_chart);
  gtk_widget_class_bind_template_callback (widget_class, on_chart_bar_activated);
  gtk_widget_class_bind_template_child (widget_class, HkWindow, insights_page);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_influencer_activated);

}

static void
hk_window_init (HkWindow *self)
{
  GtkDropTarget *drop_target;

  self->cancellable = g_cancellable_new ();
  self->pending_exports = g_ptr_array_new ();
  self->session = hk_session_new ();
  /* Folders open again from their snapshots (issue 17). */
  hk_session_set_use_cache (self->session, TRUE);
  g_signal_connect_object (self->session, "notify::dataset", G_CALLBACK (on_session_notify_dataset),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::analysis", G_CALLBACK (on_session_notify_analysis),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::busy", G_CALLBACK (on_session_notify_busy),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "files-changed", G_CALLBACK (on_session_files_changed),
                           self, G_CONNECT_SWAPPED);

  gtk_widget_init_template (GTK_WIDGET (self));

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  for (guint i = 0; _hk_window_get_table_at (self, i) != NULL; i++)
    g_signal_connect_object (_hk_window_get_table_at (self, i), "notify::busy", G_CALLBACK (on_table_notify_busy),
                             self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->stack, "notify::visible-child", G_CALLBACK (on_stack_notify_visible_child),
                           self, G_CONNECT_SWAPPED);

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop_target, "drop", G_CALLBACK (on_drop), self);
  g_signal_connect (drop_target, "enter", G_CALLBACK (on_drop_enter), self);
  g_signal_connect (drop_target, "leave", G_CALLBACK (on_drop_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */

HkWindow *
hk_window_new (GtkApplication *application,
               GSettings      *settings)
{
  return g_object_new (HK_TYPE_WINDOW,
                       "application", application,
                       "settings", settings,
                       NULL);
}

void
hk_window_load_initial (HkWindow   *self,
                        const char *folder)
{
  g_autofree char *last = NULL;
  LoadFlags flags = LOAD_DEFAULT;

  g_return_if_fail (HK_IS_WINDOW (self));

  if (folder == NULL)
    {
      last = g_settings_get_string (self->settings, "last-folder");
      if (*last != '\0')
        {
          folder = last;
          flags = LOAD_REMEMBERED;
        }
    }
  start_load (self, folder, flags);
}

void
hk_window_open_folder (HkWindow   *self,
                       const char *folder)
{
  g_return_if_fail (HK_IS_WINDOW (self));
  g_return_if_fail (folder != NULL);

  start_load (self, folder, LOAD_DEFAULT);
}

void
hk_window_open_demo (HkWindow *self)
{
  g_return_if_fail (HK_IS_WINDOW (self));

  start_load (self, NULL, LOAD_DEFAULT);
}

void
hk_window_reload (HkWindow *self)
{
  g_return_if_fail (HK_IS_WINDOW (self));

  HkDataset *dataset = hk_session_get_dataset (self->session);

  if (dataset == NULL)
    return;
  start_load (self, hk_dataset_get_folder (dataset) ? hk_dataset_get_folder (dataset) : self->db_location,
              LOAD_RELOAD);
}

/* Tries the last folder again, after it could not be opened. */
void
hk_window_retry_folder (HkWindow *self)
{
  g_return_if_fail (HK_IS_WINDOW (self));

  if (self->unavailable != NULL)
    start_load (self, self->unavailable, LOAD_REMEMBERED);
}

const char *
hk_window_get_unavailable_folder (HkWindow *self)
{
  g_return_val_if_fail (HK_IS_WINDOW (self), NULL);

  return self->unavailable;
}

void
hk_window_cancel_load (HkWindow *self)
{
  g_return_if_fail (HK_IS_WINDOW (self));

  hk_session_cancel_load (self->session);
}

static void
on_folder_chosen (GFile    *file,
                  gpointer  user_data)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    hk_window_open_folder (HK_WINDOW (user_data), path);
}

void
hk_window_choose_folder (HkWindow *self)
{
  g_autofree char *last = NULL;
  HkDataset *dataset;
  const char *folder;

  g_return_if_fail (HK_IS_WINDOW (self));

  dataset = hk_session_get_dataset (self->session);
  last = g_settings_get_string (self->settings, "last-folder");
  folder = dataset && hk_dataset_get_folder (dataset) ? hk_dataset_get_folder (dataset) : last;

  /* The chooser opens at the folder shown, or the one opened last. */
  hk_dialogs_choose_folder (GTK_WINDOW (self), _("Open Data Folder"), _("_Open"), folder,
                            on_folder_chosen, self);
}

static void
on_export_file_chosen (GFile    *file,
                       gpointer  user_data)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    hk_window_export_view (HK_WINDOW (user_data), path);
}

void
hk_window_choose_export_view (HkWindow *self)
{
  HkDataTable *table;
  g_autofree char *name = NULL;

  g_return_if_fail (HK_IS_WINDOW (self));

  table = _hk_window_current_table (self);
  name = g_strdup_printf ("%s.csv", table ? hk_data_table_get_source (table)->name : "overview");
  hk_dialogs_choose_csv_file (GTK_WINDOW (self), _("Export Current View as CSV"), name,
                              on_export_file_chosen, self);
}

static void
on_summaries_folder_chosen (GFile    *file,
                            gpointer  user_data)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    hk_window_export_summaries (HK_WINDOW (user_data), path);
}

void
hk_window_choose_summaries_folder (HkWindow *self)
{
  g_return_if_fail (HK_IS_WINDOW (self));

  hk_dialogs_choose_folder (GTK_WINDOW (self), _("Export All Summaries"), _("_Export"), NULL,
                            on_summaries_folder_chosen, self);
}

gboolean
hk_window_show_page (HkWindow   *self,
                     const char *name)
{
  g_return_val_if_fail (HK_IS_WINDOW (self), FALSE);

  if (name == NULL || !g_strv_contains (page_names, name))
    return FALSE;
  adw_view_stack_set_visible_child_name (self->stack, name);
  return TRUE;
}

const char *
hk_window_get_page (HkWindow *self)
{
  g_return_val_if_fail (HK_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

void
hk_window_export_view (HkWindow   *self,
                       const char *path)
{
  g_return_if_fail (HK_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  _hk_window_queue_export (self, HK_WINDOW_EXPORT_VIEW, path);
}

void
hk_window_export_summaries (HkWindow   *self,
                            const char *folder)
{
  g_return_if_fail (HK_IS_WINDOW (self));
  g_return_if_fail (folder != NULL);

  _hk_window_queue_export (self, HK_WINDOW_EXPORT_SUMMARIES, folder);
}

HkDataset *
hk_window_get_dataset (HkWindow *self)
{
  g_return_val_if_fail (HK_IS_WINDOW (self), NULL);

  return hk_session_get_dataset (self->session);
}

HkAnalysis *
hk_window_get_analysis (HkWindow *self)
{
  g_return_val_if_fail (HK_IS_WINDOW (self), NULL);

  return hk_session_get_analysis (self->session);
}

const HkFilter *
hk_window_get_filter (HkWindow *self)
{
  g_return_val_if_fail (HK_IS_WINDOW (self), NULL);

  return hk_session_get_filter (self->session);
}

void
hk_window_set_filter (HkWindow       *self,
                      const HkFilter *filter)
{
  g_return_if_fail (HK_IS_WINDOW (self));
  g_return_if_fail (filter != NULL);

  if (hk_filter_equal (filter, hk_session_get_filter (self->session)))
    return;
  hk_session_set_filter (self->session, filter);
  hk_filter_sidebar_set_filter (self->sidebar, filter);
  choose_filter (self, filter);
}

const HkAnalysisOptions *
hk_window_get_options (HkWindow *self)
{
  g_return_val_if_fail (HK_IS_WINDOW (self), NULL);

  return hk_session_get_options (self->session);
}

HkMoneyStyle
hk_window_get_money_style (HkWindow *self)
{
  g_return_val_if_fail (HK_IS_WINDOW (self), HK_MONEY_FULL);

  return self->money_style;
}

gboolean
hk_window_get_busy (HkWindow *self)
{
  g_return_val_if_fail (HK_IS_WINDOW (self), FALSE);

  return self->busy;
}

HkDataTable *
hk_window_get_table (HkWindow   *self,
                     const char *source)
{
  g_return_val_if_fail (HK_IS_WINDOW (self), NULL);

  for (guint i = 0; _hk_window_get_table_at (self, i) != NULL; i++)
    if (g_strcmp0 (hk_data_table_get_source (_hk_window_get_table_at (self, i))->name, source) == 0)
      return _hk_window_get_table_at (self, i);
  return NULL;
}

HkOverviewPage *
hk_window_get_overview_page (HkWindow *self)
{
  g_return_val_if_fail (HK_IS_WINDOW (self), NULL);

  return self->overview_page;
}

HkInsightsPage *
hk_window_get_insights_page (HkWindow *self)
{
  g_return_val_if_fail (HK_IS_WINDOW (self), NULL);

  return self->insights_page;
}

HkChartView *
hk_window_get_chart (HkWindow    *self,
                     HkChartKind  kind)
{
  HkChartView *chart;

  g_return_val_if_fail (HK_IS_WINDOW (self), NULL);

  if (kind == HK_CHART_TOP_PAYOUTS)
    return HK_CHART_VIEW (self->top_payouts_chart);
  if (kind == HK_CHART_IROAS_BY_CAMPAIGN)
    return HK_CHART_VIEW (self->campaigns_chart);
  chart = hk_overview_page_get_chart (self->overview_page, kind);
  return chart ? chart : hk_insights_page_get_chart (self->insights_page, kind);
}

/* The chart Export Chart… writes on each page, NULL where there is none. */
static HkChartView *
page_chart (HkWindow *self)
{
  const char *page = hk_window_get_page (self);

  if (g_strcmp0 (page, "overview") == 0)
    return hk_window_get_chart (self, HK_CHART_REVENUE_VS_SPEND);
  if (g_strcmp0 (page, "payouts") == 0)
    return hk_window_get_chart (self, HK_CHART_TOP_PAYOUTS);
  if (g_strcmp0 (page, "campaigns") == 0)
    return hk_window_get_chart (self, HK_CHART_IROAS_BY_CAMPAIGN);
  if (g_strcmp0 (page, "insights") == 0)
    return hk_window_get_chart (self, HK_CHART_SPEND_VS_REVENUE);
  return NULL;
}

gboolean
hk_window_has_page_chart (HkWindow *self)
{
  g_return_val_if_fail (HK_IS_WINDOW (self), FALSE);

  return page_chart (self) != NULL;
}

void
hk_window_choose_export_chart (HkWindow *self)
{
  HkChartView *chart;

  g_return_if_fail (HK_IS_WINDOW (self));

  if ((chart = page_chart (self)) != NULL)
    gtk_widget_activate_action (GTK_WIDGET (chart), "chart.export-dialog", NULL);
}

void
hk_window_export_chart (HkWindow   *self,
                        const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *title = NULL;
  HkChartView *chart;
  gboolean twice;

  g_return_if_fail (HK_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if ((chart = page_chart (self)) == NULL)
    {
      _hk_window_toast (self, _("This page has no chart"), NULL);
      return;
    }
  twice = g_str_has_suffix (path, "@2x.png");
  if (!hk_chart_view_export (chart, path, twice ? 2 : 1, &error))
    {
      _hk_window_show_export_error (self, _("Could Not Export the Chart"), error);
      return;
    }
  file = g_file_new_for_path (path);
  folder = g_file_get_parent (file);
  uri = g_file_get_uri (folder);
  title = g_strdup_printf (_("Chart exported to %s"), path);
  _hk_window_toast (self, title, uri);
}

HkInfluencerDialog *
hk_window_show_influencer (HkWindow *self,
                           guint     influencer)
{
  HkInfluencerDialog *dialog;

  g_return_val_if_fail (HK_IS_WINDOW (self), NULL);

  HkAnalysis *analysis = hk_session_get_analysis (self->session);

  if (analysis == NULL || influencer >= hk_dataset_get_n_influencers (hk_analysis_get_dataset (analysis)))
    return NULL;
  dialog = hk_influencer_dialog_new (GTK_WINDOW (self), analysis, influencer, self->money_style);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
