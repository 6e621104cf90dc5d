/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hk-types.h"

G_BEGIN_DECLS

#define HK_TYPE_FILTER_SECTION (hk_filter_section_get_type ())
G_DECLARE_FINAL_TYPE (HkFilterSection, hk_filter_section, HK, FILTER_SECTION, GtkWidget)

/* The values of one dimension as check buttons with their row counts, in an
 * expander of the filter sidebar. No value checked means all are allowed. */
HkDimension  hk_filter_section_get_dimension (HkFilterSection    *self);
/* values: HkValueCount, as hk_dataset_dup_values () gives them; selected:
 * the values to check (others are ignored). Does not emit "changed". */
void         hk_filter_section_set_values    (HkFilterSection    *self,
                                              GPtrArray          *values,
                                              const char * const *selected);
/* Checks exactly these (values not listed are ignored); no "changed". */
void         hk_filter_section_set_selected  (HkFilterSection    *self,
                                              const char * const *selected);
/* The checked values, NULL-terminated. */
GStrv        hk_filter_section_dup_selected  (HkFilterSection    *self);

/* Values of another dimension (HkValueCount: the platforms) whose spelling a
 * value written in another case takes when shown ("youtube" → "YouTube");
 * call before hk_filter_section_set_values (). */
void        hk_filter_section_set_spellings (HkFilterSection    *self,
                                             GPtrArray          *values);

G_END_DECLS
