/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>
#include <string.h>

#include "hk-dataset-private.h"
#include "hk-date.h"
#include "hk-post-rows.h"
#include "hk-selection.h"

double
hk_post_rows_get_number (HkDataset    *ds,
                         guint         row,
                         HkPostColumn  column)
{
  g_return_val_if_fail (HK_IS_DATASET (ds), NAN);
  g_return_val_if_fail (row < ds->n_posts, NAN);

  switch (column)
    {
    case HK_POST_COLUMN_DATE:
      return ds->post_date[row];
    case HK_POST_COLUMN_REACH:
      return ds->post_reach[row];
    case HK_POST_COLUMN_LIKES:
      return ds->post_likes[row];
    case HK_POST_COLUMN_COMMENTS:
      return ds->post_comments[row];
    case HK_POST_COLUMN_INFLUENCER_ID:
    case HK_POST_COLUMN_INFLUENCER_NAME:
    case HK_POST_COLUMN_PLATFORM:
    case HK_POST_COLUMN_BRAND:
    case HK_POST_COLUMN_CAMPAIGN:
    case HK_POST_COLUMN_POST_ID:
    case HK_POST_COLUMN_URL:
    case HK_POST_COLUMN_CAPTION:
    case HK_N_POST_COLUMNS:
    default:
      g_return_val_if_reached (NAN);
    }
}

const char *
hk_post_rows_get_text (HkDataset    *ds,
                       guint         row,
                       HkPostColumn  column)
{
  guint group;

  g_return_val_if_fail (HK_IS_DATASET (ds), "");
  g_return_val_if_fail (row < ds->n_posts, "");

  switch (column)
    {
    case HK_POST_COLUMN_INFLUENCER_ID:
      return hk_dataset_get_row_influencer_id (ds, HK_TABLE_POSTS, row);
    case HK_POST_COLUMN_INFLUENCER_NAME:
      group = hk_dataset_get_row_group (ds, HK_TABLE_POSTS, row);
      return group < ds->n_influencers ? ds->inf_name[group] : "";
    case HK_POST_COLUMN_PLATFORM:
      return hk_dataset_get_pool_value (ds, HK_POOL_PLATFORM, ds->post_platform[row]);
    case HK_POST_COLUMN_BRAND:
      return hk_dataset_get_pool_value (ds, HK_POOL_BRAND, ds->post_brand[row]);
    case HK_POST_COLUMN_CAMPAIGN:
      return hk_dataset_get_pool_value (ds, HK_POOL_CAMPAIGN, ds->post_campaign[row]);
    case HK_POST_COLUMN_POST_ID:
      return ds->post_id ? ds->post_id[row] : "";
    case HK_POST_COLUMN_URL:
      return ds->post_url[row];
    case HK_POST_COLUMN_CAPTION:
      return ds->post_caption[row];
    case HK_POST_COLUMN_DATE:
    case HK_POST_COLUMN_REACH:
    case HK_POST_COLUMN_LIKES:
    case HK_POST_COLUMN_COMMENTS:
    case HK_N_POST_COLUMNS:
    default:
      g_return_val_if_reached ("");
    }
}

guint *
hk_post_rows_select (HkAnalysis *analysis,
                     const char *search,
                     guint      *n_rows)
{
  HkDataset *ds;
  const HkSelection *sel;
  g_autofree char *needle = NULL;
  guint *rows;
  guint n = 0;

  g_return_val_if_fail (analysis != NULL, NULL);
  g_return_val_if_fail (n_rows != NULL, NULL);

  ds = hk_analysis_get_dataset (analysis);
  sel = _hk_analysis_get_selection (analysis);
  if (search != NULL && *search != '\0')
    needle = g_utf8_casefold (search, -1);

  rows = g_new (guint, MAX (1, ds->n_posts));
  for (guint i = 0; i < ds->n_influencers; i++)
    {
      gboolean influencer_matches;

      if (ds->post_start[i] == ds->post_start[i + 1] ||
          hk_analysis_find_influencer (analysis, i) < 0)
        continue;
      influencer_matches = needle == NULL ||
                           hk_text_contains_folded (ds->inf_name[i], needle) ||
                           hk_text_contains_folded (hk_dataset_get_pool_value (ds, HK_POOL_ID, ds->inf_id[i]), needle);

      for (guint q = ds->post_start[i]; q < ds->post_start[i + 1]; q++)
        {
          if (!hk_selection_keeps_post (sel, ds, q))
            continue;
          if (!influencer_matches &&
              !hk_text_contains_folded (ds->post_caption[q], needle) &&
              !(ds->post_id && hk_text_contains_folded (ds->post_id[q], needle)))
            continue;
          rows[n++] = q;
        }
    }
  *n_rows = n;
  return rows;
}
