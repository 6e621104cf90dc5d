/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "hk-influencer-dialog.h"
#include "hk-influencer-rows.h"
#include "hk-influencer-series.h"
#include "hk-line-chart.h"
#include "hk-table-source.h"

struct _HkInfluencerDialog
{
  AdwWindow            parent_instance;

  AdwViewSwitcherTitle *switcher_title;
  GtkLabel             *name_label;
  GtkLabel             *profile_label;
  GtkLabel             *metrics_label;
  GtkButton            *open_post_button;
  HkDataTable          *posts_table;
  HkDataTable          *orders_table;
  HkLineChart          *over_time_chart;

  guint                 influencer;
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (HkInfluencerDialog, hk_influencer_dialog, ADW_TYPE_WINDOW)

/* The URL of the selected post ("" for none; borrowed from the dataset). */
static const char *
selected_post_url (HkInfluencerDialog *self)
{
  GtkColumnView *view = hk_data_table_get_column_view (self->posts_table);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (view));
  gpointer item = gtk_single_selection_get_selected_item (selection);
  const HkTableSource *source = hk_data_table_get_source (self->posts_table);
  HkAnalysis *analysis = hk_data_table_get_analysis (self->posts_table);
  int column = hk_table_spec_find_column (source->spec, "url");

  if (item == NULL || analysis == NULL || column < 0)
    return "";
  return source->spec->get_text (analysis, source->item_get_row (item), column);
}

/* Only web addresses open: a URL cell may hold anything. */
static gboolean
is_web_url (const char *url)
{
  return g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://");
}

static void
update_open_post (HkInfluencerDialog *self)
{
  const char *url = selected_post_url (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.open-post", is_web_url (url));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->open_post_button),
                               is_web_url (url) ? url : _("Select a post with a web address"));
}

/* dialog.open-post: the selected post in the browser. */
static void
open_post_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HkInfluencerDialog *self = HK_INFLUENCER_DIALOG (widget);
  const char *url = selected_post_url (self);

  if (is_web_url (url))
    gtk_show_uri (GTK_WINDOW (self), url, GDK_CURRENT_TIME);
}

/* A double-click or Enter on a post opens it, as a link would. */
static void
on_posts_view_activate (HkInfluencerDialog *self,
                        guint               position,
                        GtkColumnView      *view)
{
  open_post_action (GTK_WIDGET (self), "dialog.open-post", NULL);
}

typedef struct {
  HkAnalysis *analysis;
  guint       influencer;
} SeriesJob;

static void
series_job_free (SeriesJob *job)
{
  hk_analysis_unref (job->analysis);
  g_free (job);
}

static void
series_run (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  SeriesJob *job = task_data;

  /* Per day: the chart draws its own 7-day average. */
  g_task_return_pointer (task, hk_chart_series_new_for_influencer (job->analysis, job->influencer, NULL),
                         (GDestroyNotify) hk_chart_series_unref);
}

static void
on_series_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  HkInfluencerDialog *self = HK_INFLUENCER_DIALOG (object);
  g_autoptr(HkTimeSeries) series = g_task_propagate_pointer (G_TASK (result), NULL);

  /* Closed meanwhile: the template's children are gone. */
  if (series == NULL || self->over_time_chart == NULL ||
      g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  hk_line_chart_set_series (self->over_time_chart, &series->parent);
}

/* One aggregation pass over the dataset: on a worker thread. */
static void
start_series (HkInfluencerDialog *self,
              HkAnalysis         *analysis)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_series_done, NULL);
  SeriesJob *job = g_new0 (SeriesJob, 1);

  job->analysis = hk_analysis_ref (analysis);
  job->influencer = self->influencer;
  g_task_set_task_data (task, job, (GDestroyNotify) series_job_free);
  g_task_run_in_thread (task, series_run);
}

static void
hk_influencer_dialog_dispose (GObject *object)
{
  HkInfluencerDialog *self = HK_INFLUENCER_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), HK_TYPE_INFLUENCER_DIALOG);

  G_OBJECT_CLASS (hk_influencer_dialog_parent_class)->dispose (object);
}

static void
hk_influencer_dialog_class_init (HkInfluencerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hk_influencer_dialog_dispose;

  g_type_ensure (HK_TYPE_DATA_TABLE);
  g_type_ensure (HK_TYPE_LINE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/healthkart/InfluencerDashboard/hk-influencer-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HkInfluencerDialog, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, HkInfluencerDialog, name_label);
  gtk_widget_class_bind_template_child (widget_class, HkInfluencerDialog, profile_label);
  gtk_widget_class_bind_template_child (widget_class, HkInfluencerDialog, metrics_label);
  gtk_widget_class_bind_template_child (widget_class, HkInfluencerDialog, posts_table);
  gtk_widget_class_bind_template_child (widget_class, HkInfluencerDialog, orders_table);
  gtk_widget_class_bind_template_child (widget_class, HkInfluencerDialog, over_time_chart);
  gtk_widget_class_bind_template_child (widget_class, HkInfluencerDialog, open_post_button);
  gtk_widget_class_install_action (widget_class, "dialog.open-post", NULL, open_post_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hk_influencer_dialog_init (HkInfluencerDialog *self)
{
  GtkColumnView *posts_view;

  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  posts_view = hk_data_table_get_column_view (self->posts_table);
  g_signal_connect_object (posts_view, "activate", G_CALLBACK (on_posts_view_activate), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_column_view_get_model (posts_view), "notify::selected",
                           G_CALLBACK (update_open_post), self, G_CONNECT_SWAPPED);
  update_open_post (self);
}

/* The persona, which names the category ("Fitness · Female"); the category
 * alone when there is none, both when the persona does not name it. */
static char *
dup_persona (HkDataset *ds,
             guint      i)
{
  const char *category = hk_influencer_rows_get_text (ds, i, HK_INFLUENCER_COLUMN_CATEGORY);
  const char *persona = hk_influencer_rows_get_text (ds, i, HK_INFLUENCER_COLUMN_PERSONA);

  if (persona == NULL || *persona == '\0')
    return g_strdup (hk_gui_format_value (category));
  if (category == NULL || *category == '\0' || strstr (persona, category) != NULL)
    return g_strdup (persona);
  return g_strdup_printf ("%s · %s", category, persona);
}

static void
fill_labels (HkInfluencerDialog *self,
             HkAnalysis         *analysis,
             HkMoneyStyle        style)
{
  HkDataset *ds = hk_analysis_get_dataset (analysis);
  guint i = self->influencer;
  const char *name = hk_influencer_rows_get_text (ds, i, HK_INFLUENCER_COLUMN_NAME);
  const char *id = hk_influencer_rows_get_text (ds, i, HK_INFLUENCER_COLUMN_ID);
  g_autofree char *followers = hk_gui_format_number (HK_CELL_COUNT, hk_influencer_rows_get_follower_count (ds, i), style);
  g_autofree char *profile = NULL;
  g_autofree char *persona = dup_persona (ds, i);
  int group = hk_analysis_find_influencer (analysis, i);

  adw_view_switcher_title_set_title (self->switcher_title, name);
  {
    /* Translators: an influencer's ID, as in "ID INF_013". */
    g_autofree char *subtitle = g_strdup_printf (_("ID %s"), id);

    adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
  }
  gtk_window_set_title (GTK_WINDOW (self), name);
  gtk_label_set_text (self->name_label, name);

  /* Translators: platform · persona (or category) · city · followers · ID */
  profile = g_strdup_printf (_("%s · %s · %s · %s followers · ID %s"),
                             hk_gui_format_value (hk_influencer_rows_get_text (ds, i, HK_INFLUENCER_COLUMN_PLATFORM)),
                             persona,
                             hk_gui_format_value (hk_influencer_rows_get_text (ds, i, HK_INFLUENCER_COLUMN_CITY)),
                             followers, id);
  gtk_label_set_text (self->profile_label, profile);

  if (group >= 0)
    {
      const HkMetrics *m = hk_analysis_get_group (analysis, HK_DIM_INFLUENCER, group);
      g_autofree char *spend = hk_gui_format_money (m->spend, style);
      g_autofree char *revenue = hk_gui_format_money (m->revenue, style);
      g_autofree char *roas = hk_gui_format_number (HK_CELL_RATIO, hk_metrics_get (m, HK_METRIC_ROAS), style);
      g_autofree char *orders = hk_gui_format_number (HK_CELL_COUNT, m->orders, style);
      g_autofree char *text = g_strdup_printf (_("In the selection: spend %s · revenue %s · orders %s · ROAS %s"),
                                               spend, revenue, orders, roas);

      gtk_label_set_text (self->metrics_label, text);
    }
  else
    gtk_label_set_text (self->metrics_label, _("The filters leave this influencer out of the selection."));
}

HkInfluencerDialog *
hk_influencer_dialog_new (GtkWindow    *parent,
                          HkAnalysis   *analysis,
                          guint         influencer,
                          HkMoneyStyle  style)
{
  HkInfluencerDialog *self;

  g_return_val_if_fail (analysis != NULL, NULL);
  g_return_val_if_fail (influencer < hk_dataset_get_n_influencers (hk_analysis_get_dataset (analysis)), NULL);

  self = g_object_new (HK_TYPE_INFLUENCER_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->influencer = influencer;
  fill_labels (self, analysis, style);
  hk_data_table_set_money_style (self->posts_table, style);
  hk_data_table_set_money_style (self->orders_table, style);
  hk_data_table_set_influencer (self->posts_table, influencer);
  hk_data_table_set_influencer (self->orders_table, influencer);
  hk_data_table_set_analysis (self->posts_table, analysis);
  hk_data_table_set_analysis (self->orders_table, analysis);
  start_series (self, analysis);
  return self;
}

guint
hk_influencer_dialog_get_influencer (HkInfluencerDialog *self)
{
  g_return_val_if_fail (HK_IS_INFLUENCER_DIALOG (self), 0);

  return self->influencer;
}

HkLineChart *
hk_influencer_dialog_get_over_time_chart (HkInfluencerDialog *self)
{
  g_return_val_if_fail (HK_IS_INFLUENCER_DIALOG (self), NULL);

  return self->over_time_chart;
}

HkDataTable *
hk_influencer_dialog_get_table (HkInfluencerDialog *self,
                                const char         *source)
{
  g_return_val_if_fail (HK_IS_INFLUENCER_DIALOG (self), NULL);

  if (g_strcmp0 (source, "influencer-posts") == 0)
    return self->posts_table;
  if (g_strcmp0 (source, "influencer-orders") == 0)
    return self->orders_table;
  return NULL;
}
