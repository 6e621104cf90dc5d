/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hk-format.h"

#include "hk-bar-chart.h"
#include "hk-chart-actions.h"
#include "hk-insights-page.h"
#include "hk-scatter-chart.h"

struct _HkInsightsPage
{
  GtkWidget    parent_instance;

  HkDataTable *personas_table;
  HkDataTable *cities_table;
  HkDataTable *top_table;
  HkDataTable *poor_table;
  HkDataTable *drop_table;
  HkDataTable *scale_table;
  HkDataTable *renegotiate_table;
  HkDataTable *watch_table;
  GtkLabel    *stakes_label;
  HkBarChart  *roas_by_persona_chart;
  HkBarChart  *roas_by_city_chart;
  HkScatterChart *scatter_chart;

  HkDataTable *current_table;
};

G_DEFINE_FINAL_TYPE (HkInsightsPage, hk_insights_page, GTK_TYPE_WIDGET)

enum {
  INFLUENCER_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define N_TABLES 8

static void
get_tables (HkInsightsPage *self,
            HkDataTable    *all[N_TABLES])
{
  all[0] = self->personas_table;
  all[1] = self->cities_table;
  all[2] = self->top_table;
  all[3] = self->poor_table;
  all[4] = self->drop_table;
  all[5] = self->scale_table;
  all[6] = self->renegotiate_table;
  all[7] = self->watch_table;
}

static void
on_table_influencer_activated (HkInsightsPage *self,
                               guint           influencer,
                               HkDataTable    *table)
{
  g_signal_emit (self, signals[INFLUENCER_ACTIVATED], 0, influencer);
}

static void
on_chart_bar_activated (HkInsightsPage *self,
                        guint           dimension,
                        const char     *key)
{
  hk_chart_activate_bar (GTK_WIDGET (self), dimension, key);
}

static void
on_chart_point_activated (HkInsightsPage *self,
                          guint           influencer)
{
  hk_chart_activate_point (GTK_WIDGET (self), influencer);
}

static void
on_focus_enter (GtkEventControllerFocus *controller,
                HkInsightsPage          *self)
{
  self->current_table = HK_DATA_TABLE (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
}

static void
hk_insights_page_dispose (GObject *object)
{
  HkInsightsPage *self = HK_INSIGHTS_PAGE (object);
  GtkWidget *child;

  self->current_table = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), HK_TYPE_INSIGHTS_PAGE);
  /* Children the template does not name are unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (hk_insights_page_parent_class)->dispose (object);
}

static void
hk_insights_page_class_init (HkInsightsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hk_insights_page_dispose;

  signals[INFLUENCER_ACTIVATED] =
    g_signal_new ("influencer-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  g_type_ensure (HK_TYPE_DATA_TABLE);
  g_type_ensure (HK_TYPE_BAR_CHART);
  g_type_ensure (HK_TYPE_SCATTER_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/healthkart/InfluencerDashboard/hk-insights-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HkInsightsPage, personas_table);
  gtk_widget_class_bind_template_child (widget_class, HkInsightsPage, cities_table);
  gtk_widget_class_bind_template_child (widget_class, HkInsightsPage, top_table);
  gtk_widget_class_bind_template_child (widget_class, HkInsightsPage, poor_table);
  gtk_widget_class_bind_template_child (widget_class, HkInsightsPage, drop_table);
  gtk_widget_class_bind_template_child (widget_class, HkInsightsPage, scale_table);
  gtk_widget_class_bind_template_child (widget_class, HkInsightsPage, renegotiate_table);
  gtk_widget_class_bind_template_child (widget_class, HkInsightsPage, watch_table);
  gtk_widget_class_bind_template_child (widget_class, HkInsightsPage, stakes_label);
  gtk_widget_class_bind_template_child (widget_class, HkInsightsPage, roas_by_persona_chart);
  gtk_widget_class_bind_template_child (widget_class, HkInsightsPage, roas_by_city_chart);
  gtk_widget_class_bind_template_child (widget_class, HkInsightsPage, scatter_chart);
  gtk_widget_class_bind_template_callback (widget_class, on_table_influencer_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_chart_bar_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_chart_point_activated);
}

static void
hk_insights_page_init (HkInsightsPage *self)
{
  HkDataTable *all[N_TABLES];

  gtk_widget_init_template (GTK_WIDGET (self));

  get_tables (self, all);
  for (guint i = 0; i < N_TABLES; i++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect (focus, "enter", G_CALLBACK (on_focus_enter), self);
      gtk_widget_add_controller (GTK_WIDGET (all[i]), focus);
    }
  self->current_table = self->drop_table;
}

/* Money at stake, in a line above the lists: "Drop 12 (₹4.2 L paid) ·
 * Renegotiate 8 (₹1.1 L over break-even pay) · Scale 30 (₹9.8 L paid)". */
static void
update_stakes (HkInsightsPage *self,
               HkAnalysis     *analysis)
{
  static const HkDecision shown[] = { HK_DECISION_DROP, HK_DECISION_RENEGOTIATE, HK_DECISION_SCALE };
  double spend[G_N_ELEMENTS (shown)] = { 0 }, saving = 0;
  guint count[G_N_ELEMENTS (shown)] = { 0 };
  g_autofree char *drop = NULL, *renegotiate = NULL, *scale = NULL, *text = NULL;
  g_autofree char *s0 = NULL, *s1 = NULL, *s2 = NULL;

  for (guint g = 0; analysis && g < hk_analysis_get_n_groups (analysis, HK_DIM_INFLUENCER); g++)
    {
      HkScore s;

      hk_analysis_get_score (analysis, g, &s);
      for (guint k = 0; k < G_N_ELEMENTS (shown); k++)
        if (s.decision == shown[k])
          {
            count[k]++;
            spend[k] += hk_analysis_get_group (analysis, HK_DIM_INFLUENCER, g)->spend;
            if (shown[k] == HK_DECISION_RENEGOTIATE)
              saving += s.saving;
          }
    }
  s0 = hk_format_money_compact (NULL, spend[0]);
  s1 = hk_format_money_compact (NULL, saving);
  s2 = hk_format_money_compact (NULL, spend[2]);
  /* Translators: the money at stake above the decision lists */
  drop = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Drop %u influencer (%s paid)",
                                       "Drop %u influencers (%s paid)", count[0]), count[0], s0);
  renegotiate = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "renegotiate %u (%s over break-even pay)",
                                              "renegotiate %u (%s over break-even pay)", count[1]), count[1], s1);
  scale = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "scale %u (%s paid)", "scale %u (%s paid)", count[2]),
                           count[2], s2);
  text = g_strdup_printf ("%s · %s · %s", drop, renegotiate, scale);
  gtk_label_set_text (self->stakes_label, text);
}

void
hk_insights_page_set_analysis (HkInsightsPage *self,
                               HkAnalysis     *analysis)
{
  HkDataTable *all[N_TABLES];

  g_return_if_fail (HK_IS_INSIGHTS_PAGE (self));

  get_tables (self, all);
  for (guint i = 0; i < N_TABLES; i++)
    hk_data_table_set_analysis (all[i], analysis);
  update_stakes (self, analysis);
  hk_chart_view_show (HK_CHART_VIEW (self->roas_by_persona_chart), analysis, HK_CHART_ROAS_BY_PERSONA, 0);
  hk_chart_view_show (HK_CHART_VIEW (self->roas_by_city_chart), analysis, HK_CHART_ROAS_BY_CITY, 0);
  hk_chart_view_show (HK_CHART_VIEW (self->scatter_chart), analysis, HK_CHART_SPEND_VS_REVENUE, 0);
}

void
hk_insights_page_set_money_style (HkInsightsPage *self,
                                  HkMoneyStyle    style)
{
  HkDataTable *all[N_TABLES];

  g_return_if_fail (HK_IS_INSIGHTS_PAGE (self));

  get_tables (self, all);
  for (guint i = 0; i < N_TABLES; i++)
    hk_data_table_set_money_style (all[i], style);
}

HkDataTable *
hk_insights_page_get_table (HkInsightsPage *self,
                            const char     *source)
{
  HkDataTable *all[N_TABLES];

  g_return_val_if_fail (HK_IS_INSIGHTS_PAGE (self), NULL);

  get_tables (self, all);
  for (guint i = 0; i < N_TABLES; i++)
    if (g_strcmp0 (hk_data_table_get_source (all[i])->name, source) == 0)
      return all[i];
  return NULL;
}

HkDataTable *
hk_insights_page_get_current_table (HkInsightsPage *self)
{
  g_return_val_if_fail (HK_IS_INSIGHTS_PAGE (self), NULL);

  return self->current_table;
}

HkChartView *
hk_insights_page_get_chart (HkInsightsPage *self,
                            HkChartKind     kind)
{
  g_return_val_if_fail (HK_IS_INSIGHTS_PAGE (self), NULL);

  switch ((int) kind)
    {
    case HK_CHART_ROAS_BY_PERSONA: return HK_CHART_VIEW (self->roas_by_persona_chart);
    case HK_CHART_ROAS_BY_CITY: return HK_CHART_VIEW (self->roas_by_city_chart);
    case HK_CHART_SPEND_VS_REVENUE: return HK_CHART_VIEW (self->scatter_chart);
    default: return NULL;
    }
}
