/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include "hk-chart-actions.h"
#include "hk-date.h"

void
hk_chart_activate_bar (GtkWidget   *widget,
                       HkDimension  dimension,
                       const char  *key)
{
  const char *values[] = { key, NULL };

  if (dimension == HK_DIM_INFLUENCER)
    gtk_widget_activate_action (widget, "win.show-influencer", "s", key);
  else
    gtk_widget_activate_action_variant (widget, "win.set-filter",
                                        g_variant_new ("(s^as)", hk_dimension_name (dimension), values));
}

void
hk_chart_activate_day (GtkWidget *widget,
                       int        day)
{
  char iso[HK_DATE_ISO_LEN];
  const char *values[] = { iso, NULL };

  hk_date_format_iso (day, iso);
  gtk_widget_activate_action_variant (widget, "win.set-filter", g_variant_new ("(s^as)", "from", values));
  gtk_widget_activate_action_variant (widget, "win.set-filter", g_variant_new ("(s^as)", "to", values));
}

void
hk_chart_activate_point (GtkWidget *widget,
                         guint      influencer)
{
  gtk_widget_activate_action (widget, "win.select-influencer", "u", influencer);
}
