/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <string.h>

#include "hk-date.h"
#include "hk-parse.h"
#include "hk-selection.h"

/* The pool code of a filter value as the importer would have read it:
 * trimmed, genders normalised, brands in any case; HK_STR_NONE if absent. */
static guint32
lookup_filter_value (HkDataset   *ds,
                     HkDimension  dim,
                     HkPool       pool,
                     const char  *value)
{
  gsize len = strlen (value);
  const char *gender;
  guint32 code;

  hk_trim (&value, &len);
  if (dim == HK_DIM_GENDER && (gender = hk_normalize_gender (value, len)) != NULL)
    {
      value = gender;
      len = strlen (gender);
    }
  code = hk_str_pool_lookup (ds->pools[pool], value, len);
  if (code == HK_STR_NONE && dim == HK_DIM_BRAND)
    for (guint32 k = 0; k < hk_str_pool_get_size (ds->pools[pool]); k++)
      {
        const char *brand = hk_str_pool_get (ds->pools[pool], k);

        if (strlen (brand) == len && g_ascii_strncasecmp (brand, value, len) == 0)
          return k;
      }
  return code;
}

/* A filter's values as a bitmap over a pool's codes; NULL when it allows all. */
static guint8 *
allow_map (HkDataset      *ds,
           const HkFilter *filter,
           HkDimension     dim)
{
  /* Influencers are filtered by id. */
  HkPool pool = dim == HK_DIM_INFLUENCER ? HK_POOL_ID : hk_dimension_storage[dim].pool;
  const char * const *values = hk_filter_get_values (filter, dim);
  guint n = hk_str_pool_get_size (ds->pools[pool]);
  guint8 *map;

  if (values[0] == NULL)
    return NULL;
  map = g_new0 (guint8, MAX (1, n));
  for (guint i = 0; values[i]; i++)
    {
      guint32 code = lookup_filter_value (ds, dim, pool, values[i]);
      if (code != HK_STR_NONE)
        map[code] = 1;
    }
  return map;
}

static gboolean
influencer_matches_search (HkDataset  *ds,
                           guint       i,
                           const char *needle_folded)
{
  return hk_text_contains_folded (ds->inf_name[i], needle_folded) ||
         hk_text_contains_folded (hk_str_pool_get (ds->pools[HK_POOL_ID], ds->inf_id[i]), needle_folded);
}

/* The influencer filters: attributes, ids, tier and the name or id search. */
static guint8 *
keep_influencers (HkDataset      *ds,
                  const HkFilter *filter)
{
  guint8 *keep = g_new (guint8, MAX (1, ds->n_influencers));
  const char *search = hk_filter_get_search (filter);
  g_autofree char *needle = search ? g_utf8_casefold (search, -1) : NULL;
  const char * const *tier_values = hk_filter_get_values (filter, HK_DIM_TIER);

  memset (keep, 1, MAX (1, ds->n_influencers));
  for (HkDimension d = 0; d < HK_N_DIMS; d++)
    {
      g_autofree guint8 *map = NULL;
      const guint32 *codes;

      if (hk_dimension_storage[d].inf_codes == 0)
        continue;
      map = allow_map (ds, filter, d);
      codes = HK_DIMENSION_INF_CODES (ds, d);
      if (map)
        for (guint i = 0; i < ds->n_influencers; i++)
          keep[i] &= map[codes[i]];
    }
  {
    g_autofree guint8 *ids = allow_map (ds, filter, HK_DIM_INFLUENCER);

    if (ids)
      for (guint i = 0; i < ds->n_influencers; i++)
        keep[i] &= ids[ds->inf_id[i]];
  }
  if (tier_values[0])
    {
      guint8 tiers[HK_N_TIERS] = { 0 };

      for (guint k = 0; tier_values[k]; k++)
        {
          HkTier t;
          if (hk_tier_from_name (tier_values[k], &t))
            tiers[t] = 1;
        }
      for (guint i = 0; i < ds->n_influencers; i++)
        keep[i] &= tiers[ds->inf_tier[i]];
    }
  if (needle)
    for (guint i = 0; i < ds->n_influencers; i++)
      if (keep[i])
        keep[i] = influencer_matches_search (ds, i, needle);
  return keep;
}

HkSelection *
hk_selection_new (HkDataset      *ds,
                  const HkFilter *filter)
{
  HkSelection *sel = g_new0 (HkSelection, 1);
  static const HkDimension row_values[] = { HK_DIM_BRAND, HK_DIM_PRODUCT, HK_DIM_CAMPAIGN, HK_DIM_SOURCE };

  for (guint k = 0; k < G_N_ELEMENTS (row_values); k++)
    {
      sel->allow[row_values[k]] = allow_map (ds, filter, row_values[k]);
      sel->value_filters |= sel->allow[row_values[k]] != NULL;
    }
  hk_filter_get_date_range (filter, &sel->first_day, &sel->last_day);
  sel->range_first = sel->first_day == HK_DAY_NONE ? G_MININT32 : sel->first_day;
  sel->range_span = (guint32) ((gint64) (sel->last_day == HK_DAY_NONE ? G_MAXINT32 : sel->last_day) - sel->range_first);
  sel->row_filter = hk_filter_has_row_filter (filter);
  sel->keep = keep_influencers (ds, filter);
  return sel;
}

void
hk_selection_free (HkSelection *sel)
{
  if (sel == NULL)
    return;
  for (guint d = 0; d < HK_N_DIMS; d++)
    g_free (sel->allow[d]);
  g_free (sel->keep);
  g_free (sel);
}
