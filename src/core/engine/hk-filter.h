/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "hk-types.h"

G_BEGIN_DECLS

#define HK_TYPE_FILTER (hk_filter_get_type ())

/* What the user selected. Influencer filters (platform, category, persona,
 * gender, city, tier, name search) pick influencers; row filters (brand,
 * product, campaign, source, date range) pick posts and tracking rows. Each
 * dimension holds a set of allowed values; an empty set allows all. Values are
 * text as in the data ("" is the empty value), so a filter outlives a dataset. */
typedef struct _HkFilter HkFilter;

GType       hk_filter_get_type        (void) G_GNUC_CONST;
HkFilter   *hk_filter_new             (void);
HkFilter   *hk_filter_copy            (const HkFilter *filter);
void        hk_filter_free            (HkFilter       *filter);
gboolean    hk_filter_equal           (const HkFilter *a,
                                       const HkFilter *b);

/* Any dimension but HK_DIM_DAY (dates are a range). HK_DIM_INFLUENCER takes
 * influencer ids: an influencer filter keeping those influencers (one
 * influencer's own analysis, as the influencer dialog's chart has). */
void        hk_filter_add             (HkFilter       *filter,
                                       HkDimension     dim,
                                       const char     *value);
void        hk_filter_remove          (HkFilter       *filter,
                                       HkDimension     dim,
                                       const char     *value);
void        hk_filter_clear           (HkFilter       *filter,
                                       HkDimension     dim);
/* Sorted; NULL-terminated; empty when the dimension allows all. */
const char * const *hk_filter_get_values (const HkFilter *filter,
                                       HkDimension     dim);
gboolean    hk_filter_allows          (const HkFilter *filter,
                                       HkDimension     dim,
                                       const char     *value);

/* Inclusive days; HK_DAY_NONE leaves a side open. */
void        hk_filter_set_date_range  (HkFilter       *filter,
                                       gint32          first_day,
                                       gint32          last_day);
void        hk_filter_get_date_range  (const HkFilter *filter,
                                       gint32         *first_day,
                                       gint32         *last_day);

/* Case-insensitive substring of an influencer's name or id; NULL or "" for all. */
void        hk_filter_set_search      (HkFilter       *filter,
                                       const char     *text);
const char *hk_filter_get_search      (const HkFilter *filter);

gboolean    hk_filter_is_empty        (const HkFilter *filter);
/* Whether any row filter (brand, product, campaign, source, dates) is set. */
gboolean    hk_filter_has_row_filter  (const HkFilter *filter);

/* The filter in words for a chart's or a report's subtitle, e.g. "Brand:
 * MuscleBlaze · Platform: Instagram, YouTube · 1 Apr – 30 Sep 2025",
 * translated. A side of the date range the filter leaves open takes
 * first_day or last_day (the data's; HK_DAY_NONE when unknown). Nothing set
 * and no days: "All data". */
char       *hk_filter_dup_description (const HkFilter *filter,
                                       gint32          first_day,
                                       gint32          last_day);

/* "a{sv}" for settings: dimension names to "as", "from"/"to" as ISO dates, "search". */
GVariant   *hk_filter_serialize       (const HkFilter *filter);
HkFilter   *hk_filter_deserialize     (GVariant       *variant);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HkFilter, hk_filter_free)

/* The one case-insensitive search of names, ids and captions: whether text
 * contains a needle already folded with g_utf8_casefold(). */
gboolean    hk_text_contains_folded   (const char     *text,
                                       const char     *needle_folded);

G_END_DECLS
