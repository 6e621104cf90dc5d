/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>

#include "hk-date.h"
#include "hk-post.h"
#include "hk-record-private.h"

struct _HkPost
{
  HkRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (HkPost, hk_post, HK_TYPE_RECORD)

enum {
  PROP_0,
  /* These three in this order (hk_record_make_influencer_pspecs ()). */
  PROP_INFLUENCER_INDEX,
  PROP_INFLUENCER_ID,
  PROP_INFLUENCER_NAME,
  PROP_POST_ID,
  PROP_PLATFORM,
  PROP_DATE,
  PROP_DATE_TEXT,
  PROP_URL,
  PROP_CAPTION,
  PROP_REACH,
  PROP_LIKES,
  PROP_COMMENTS,
  PROP_BRAND,
  PROP_CAMPAIGN,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* The getters' guard and row (hk-record-private.h). */
#define RETURN_IF_NO_ROW(self, value) \
  HK_RECORD_RETURN_IF_NO_ROW (HK_IS_POST, self, value)
#define GET_ROW_OR_RETURN(self, ds, r, value) \
  HK_RECORD_GET_ROW_OR_RETURN (HK_IS_POST, self, ds, r, value)

static void
hk_post_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  HkPost *self = HK_POST (object);

  switch (prop_id)
    {
    case PROP_INFLUENCER_INDEX:
      g_value_set_int (value, hk_post_get_influencer_index (self));
      break;

    case PROP_INFLUENCER_ID:
      g_value_set_string (value, hk_post_get_influencer_id (self));
      break;

    case PROP_INFLUENCER_NAME:
      g_value_set_string (value, hk_post_get_influencer_name (self));
      break;

    case PROP_POST_ID:
      g_value_set_string (value, hk_post_get_post_id (self));
      break;

    case PROP_PLATFORM:
      g_value_set_string (value, hk_post_get_platform (self));
      break;

    case PROP_DATE:
      g_value_set_int (value, hk_post_get_date (self));
      break;

    case PROP_DATE_TEXT:
      g_value_take_string (value, hk_post_dup_date_text (self));
      break;

    case PROP_URL:
      g_value_set_string (value, hk_post_get_url (self));
      break;

    case PROP_CAPTION:
      g_value_set_string (value, hk_post_get_caption (self));
      break;

    case PROP_REACH:
      g_value_set_double (value, hk_post_get_reach (self));
      break;

    case PROP_LIKES:
      g_value_set_double (value, hk_post_get_likes (self));
      break;

    case PROP_COMMENTS:
      g_value_set_double (value, hk_post_get_comments (self));
      break;

    case PROP_BRAND:
      g_value_set_string (value, hk_post_get_brand (self));
      break;

    case PROP_CAMPAIGN:
      g_value_set_string (value, hk_post_get_campaign (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hk_post_class_init (HkPostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = hk_post_get_property;

  HK_RECORD_CLASS (klass)->table = HK_TABLE_POSTS;

  hk_record_make_influencer_pspecs (&properties[PROP_INFLUENCER_INDEX]);

  properties[PROP_POST_ID] =
    g_param_spec_string ("post-id", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PLATFORM] =
    g_param_spec_string ("platform", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_DATE] =
    g_param_spec_int ("date", NULL, NULL,
                      G_MININT32, G_MAXINT32, HK_DAY_NONE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_DATE_TEXT] =
    g_param_spec_string ("date-text", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CAPTION] =
    g_param_spec_string ("caption", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_REACH] =
    g_param_spec_double ("reach", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LIKES] =
    g_param_spec_double ("likes", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_COMMENTS] =
    g_param_spec_double ("comments", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_BRAND] =
    g_param_spec_string ("brand", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CAMPAIGN] =
    g_param_spec_string ("campaign", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hk_post_init (HkPost *self)
{
}

HkPost *
hk_post_new (HkDataset *dataset,
             guint      index)
{
  g_return_val_if_fail (HK_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (index < hk_dataset_get_n_rows (dataset, HK_TABLE_POSTS), NULL);

  return g_object_new (HK_TYPE_POST,
                       "dataset", dataset,
                       "index", index,
                       NULL);
}

int
hk_post_get_influencer_index (HkPost *self)
{
  RETURN_IF_NO_ROW (self, -1);

  return hk_record_get_influencer_index (HK_RECORD (self));
}

const char *
hk_post_get_influencer_id (HkPost *self)
{
  RETURN_IF_NO_ROW (self, NULL);

  return hk_record_get_influencer_id (HK_RECORD (self));
}

const char *
hk_post_get_influencer_name (HkPost *self)
{
  RETURN_IF_NO_ROW (self, NULL);

  return hk_record_get_influencer_name (HK_RECORD (self));
}

const char *
hk_post_get_post_id (HkPost *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return ds->post_id ? ds->post_id[r] : "";
}

const char *
hk_post_get_platform (HkPost *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return hk_dataset_get_pool_value (ds, HK_POOL_PLATFORM, ds->post_platform[r]);
}

gint32
hk_post_get_date (HkPost *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, HK_DAY_NONE);

  return ds->post_date[r];
}

char *
hk_post_dup_date_text (HkPost *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return hk_record_format_day (ds->post_date[r]);
}

const char *
hk_post_get_url (HkPost *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return ds->post_url[r];
}

const char *
hk_post_get_caption (HkPost *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return ds->post_caption[r];
}

double
hk_post_get_reach (HkPost *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NAN);

  return ds->post_reach[r];
}

double
hk_post_get_likes (HkPost *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NAN);

  return ds->post_likes[r];
}

double
hk_post_get_comments (HkPost *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NAN);

  return ds->post_comments[r];
}

const char *
hk_post_get_brand (HkPost *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return hk_dataset_get_pool_value (ds, HK_POOL_BRAND, ds->post_brand[r]);
}

const char *
hk_post_get_campaign (HkPost *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return hk_dataset_get_pool_value (ds, HK_POOL_CAMPAIGN, ds->post_campaign[r]);
}
