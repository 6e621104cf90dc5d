/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hk-analysis.h"
#include "hk-chart-view.h"

G_BEGIN_DECLS

/* What a click on a dashboard chart does, through the window's actions: a bar
 * filters by its value (an influencer's bar shows its posts and orders), a day
 * limits the dates to it, a point selects its influencer in the table. */
void hk_chart_activate_bar   (GtkWidget    *widget,
                              HkDimension   dimension,
                              const char   *key);
void hk_chart_activate_day   (GtkWidget    *widget,
                              int           day);
void hk_chart_activate_point (GtkWidget    *widget,
                              guint         influencer);

G_END_DECLS
