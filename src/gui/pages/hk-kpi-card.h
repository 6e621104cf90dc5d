/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HK_TYPE_KPI_CARD (hk_kpi_card_get_type ())
G_DECLARE_FINAL_TYPE (HkKpiCard, hk_kpi_card, HK, KPI_CARD, GtkWidget)

/* One headline number of the Overview: a title, the value as shown, and a
 * line of detail (the iROAS method, an interval). */
const char *hk_kpi_card_get_title  (HkKpiCard  *self);
void        hk_kpi_card_set_title  (HkKpiCard  *self,
                                    const char *title);
const char *hk_kpi_card_get_value  (HkKpiCard  *self);
void        hk_kpi_card_set_value  (HkKpiCard  *self,
                                    const char *value);
const char *hk_kpi_card_get_detail (HkKpiCard  *self);
void        hk_kpi_card_set_detail (HkKpiCard  *self,
                                    const char *detail);

G_END_DECLS
