/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>

#include "hk-influencer.h"
#include "hk-record-private.h"

struct _HkInfluencer
{
  HkRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (HkInfluencer, hk_influencer, HK_TYPE_RECORD)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_CATEGORY,
  PROP_GENDER,
  PROP_FOLLOWER_COUNT,
  PROP_PLATFORM,
  PROP_CITY,
  PROP_AGE_GROUP,
  PROP_PERSONA,
  PROP_TIER,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* The getters' guard and row (hk-record-private.h). */
#define GET_ROW_OR_RETURN(self, ds, r, value) \
  HK_RECORD_GET_ROW_OR_RETURN (HK_IS_INFLUENCER, self, ds, r, value)

static void
hk_influencer_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HkInfluencer *self = HK_INFLUENCER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, hk_influencer_get_id (self));
      break;

    case PROP_NAME:
      g_value_set_string (value, hk_influencer_get_name (self));
      break;

    case PROP_CATEGORY:
      g_value_set_string (value, hk_influencer_get_category (self));
      break;

    case PROP_GENDER:
      g_value_set_string (value, hk_influencer_get_gender (self));
      break;

    case PROP_FOLLOWER_COUNT:
      g_value_set_double (value, hk_influencer_get_follower_count (self));
      break;

    case PROP_PLATFORM:
      g_value_set_string (value, hk_influencer_get_platform (self));
      break;

    case PROP_CITY:
      g_value_set_string (value, hk_influencer_get_city (self));
      break;

    case PROP_AGE_GROUP:
      g_value_set_string (value, hk_influencer_get_age_group (self));
      break;

    case PROP_PERSONA:
      g_value_set_string (value, hk_influencer_get_persona (self));
      break;

    case PROP_TIER:
      g_value_set_string (value, hk_influencer_get_tier (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hk_influencer_class_init (HkInfluencerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = hk_influencer_get_property;

  HK_RECORD_CLASS (klass)->table = HK_TABLE_INFLUENCERS;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CATEGORY] =
    g_param_spec_string ("category", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_GENDER] =
    g_param_spec_string ("gender", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_FOLLOWER_COUNT] =
    g_param_spec_double ("follower-count", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PLATFORM] =
    g_param_spec_string ("platform", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CITY] =
    g_param_spec_string ("city", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_AGE_GROUP] =
    g_param_spec_string ("age-group", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PERSONA] =
    g_param_spec_string ("persona", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TIER] =
    g_param_spec_string ("tier", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hk_influencer_init (HkInfluencer *self)
{
}

HkInfluencer *
hk_influencer_new (HkDataset *dataset,
                   guint      index)
{
  g_return_val_if_fail (HK_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (index < hk_dataset_get_n_rows (dataset, HK_TABLE_INFLUENCERS), NULL);

  return g_object_new (HK_TYPE_INFLUENCER,
                       "dataset", dataset,
                       "index", index,
                       NULL);
}

const char *
hk_influencer_get_id (HkInfluencer *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return hk_dataset_get_pool_value (ds, HK_POOL_ID, ds->inf_id[r]);
}

const char *
hk_influencer_get_name (HkInfluencer *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return ds->inf_name[r];
}

const char *
hk_influencer_get_category (HkInfluencer *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return hk_dataset_get_pool_value (ds, HK_POOL_CATEGORY, ds->inf_category[r]);
}

const char *
hk_influencer_get_gender (HkInfluencer *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return hk_dataset_get_pool_value (ds, HK_POOL_GENDER, ds->inf_gender[r]);
}

double
hk_influencer_get_follower_count (HkInfluencer *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NAN);

  return ds->inf_followers[r];
}

const char *
hk_influencer_get_platform (HkInfluencer *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return hk_dataset_get_pool_value (ds, HK_POOL_PLATFORM, ds->inf_platform[r]);
}

const char *
hk_influencer_get_city (HkInfluencer *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return hk_dataset_get_pool_value (ds, HK_POOL_CITY, ds->inf_city[r]);
}

const char *
hk_influencer_get_age_group (HkInfluencer *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return hk_dataset_get_pool_value (ds, HK_POOL_AGE_GROUP, ds->inf_age_group[r]);
}

const char *
hk_influencer_get_persona (HkInfluencer *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return hk_dataset_get_pool_value (ds, HK_POOL_PERSONA, ds->inf_persona[r]);
}

const char *
hk_influencer_get_tier (HkInfluencer *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return hk_tier_name (ds->inf_tier[r]);
}
