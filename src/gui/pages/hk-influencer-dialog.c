/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include <glib/gi18n.h>

#include "hk-influencer-dialog.h"
#include "hk-influencer-rows.h"

struct _HkInfluencerDialog
{
  AdwWindow            parent_instance;

  AdwViewSwitcherTitle *switcher_title;
  GtkLabel             *name_label;
  GtkLabel             *profile_label;
  GtkLabel             *metrics_label;
  HkDataTable          *posts_table;
  HkDataTable          *orders_table;

  guint                 influencer;
};

G_DEFINE_FINAL_TYPE (HkInfluencerDialog, hk_influencer_dialog, ADW_TYPE_WINDOW)

static void
hk_influencer_dialog_dispose (GObject *object)
{
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
  gtk_widget_class_set_template_from_resource (widget_class, "/com/healthkart/InfluencerDashboard/hk-influencer-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HkInfluencerDialog, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, HkInfluencerDialog, name_label);
  gtk_widget_class_bind_template_child (widget_class, HkInfluencerDialog, profile_label);
  gtk_widget_class_bind_template_child (widget_class, HkInfluencerDialog, metrics_label);
  gtk_widget_class_bind_template_child (widget_class, HkInfluencerDialog, posts_table);
  gtk_widget_class_bind_template_child (widget_class, HkInfluencerDialog, orders_table);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hk_influencer_dialog_init (HkInfluencerDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
  int group = hk_analysis_find_influencer (analysis, i);

  adw_view_switcher_title_set_title (self->switcher_title, name);
  adw_view_switcher_title_set_subtitle (self->switcher_title, id);
  gtk_window_set_title (GTK_WINDOW (self), name);
  gtk_label_set_text (self->name_label, name);

  /* Translators: ID · platform · category · city · persona · followers */
  profile = g_strdup_printf (_("%s · %s · %s · %s · %s · %s followers"), id,
                             hk_gui_format_value (hk_influencer_rows_get_text (ds, i, HK_INFLUENCER_COLUMN_PLATFORM)),
                             hk_gui_format_value (hk_influencer_rows_get_text (ds, i, HK_INFLUENCER_COLUMN_CATEGORY)),
                             hk_gui_format_value (hk_influencer_rows_get_text (ds, i, HK_INFLUENCER_COLUMN_CITY)),
                             hk_gui_format_value (hk_influencer_rows_get_text (ds, i, HK_INFLUENCER_COLUMN_PERSONA)),
                             followers);
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
  return self;
}

guint
hk_influencer_dialog_get_influencer (HkInfluencerDialog *self)
{
  g_return_val_if_fail (HK_IS_INFLUENCER_DIALOG (self), 0);

  return self->influencer;
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
