/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hk-dataset.h"
#include "hk-filter.h"

G_BEGIN_DECLS

#define HK_TYPE_FILTER_SIDEBAR (hk_filter_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (HkFilterSidebar, hk_filter_sidebar, HK, FILTER_SIDEBAR, GtkWidget)

/* The filters: name search, date range, and a section of values with counts
 * for each of brand, platform, category, persona, city, product, campaign,
 * source and follower tier. Emits "changed" when the user changes one. */
void            hk_filter_sidebar_set_dataset (HkFilterSidebar *self,
                                               HkDataset       *dataset);
const HkFilter *hk_filter_sidebar_get_filter  (HkFilterSidebar *self);
/* Shows filter; no "changed". */
void            hk_filter_sidebar_set_filter  (HkFilterSidebar *self,
                                               const HkFilter  *filter);

void            hk_filter_sidebar_focus_search (HkFilterSidebar *self);

G_END_DECLS
