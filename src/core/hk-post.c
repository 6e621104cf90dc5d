/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>

#include "hk-dataset-private.h"
#include "hk-date.h"
#include "hk-post.h"

struct _HkPost
{
  GObject    parent_instance;

  HkDataset *dataset;
  guint      index;
};

G_DEFINE_FINAL_TYPE (HkPost, hk_post, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_INDEX,
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

/* A record made by g_object_new() with no dataset or a bad index has none:
 * the getters refuse it rather than read outside the columns. */
#define RETURN_IF_NO_ROW(self, value) \
  g_return_val_if_fail (HK_IS_POST (self) && (self)->dataset != NULL, value)

static inline const char *
pool (HkDataset *ds,
      HkPool     pool,
      guint32    code)
{
  return hk_dataset_get_pool_value (ds, pool, code);
}

static int
influencer_index (HkDataset *ds,
                  guint      row)
{
  guint group = hk_dataset_get_row_group (ds, HK_TABLE_POSTS, row);

  return group < ds->n_influencers ? (int) group : -1;
}

static const char *
influencer_name (HkDataset *ds,
                 guint      row)
{
  int influencer = influencer_index (ds, row);

  return influencer >= 0 ? ds->inf_name[influencer] : "";
}

static char *
format_day (gint32 day)
{
  char buf[HK_DATE_ISO_LEN];

  if (day == HK_DAY_NONE)
    return g_strdup ("");
  hk_date_format_iso (day, buf);
  return g_strdup (buf);
}

static void
hk_post_dispose (GObject *object)
{
  HkPost *self = HK_POST (object);

  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (hk_post_parent_class)->dispose (object);
}

static void
hk_post_constructed (GObject *object)
{
  HkPost *self = HK_POST (object);

  G_OBJECT_CLASS (hk_post_parent_class)->constructed (object);

  if (self->dataset == NULL)
    g_critical ("%s: made without a dataset", G_OBJECT_TYPE_NAME (self));
  else if (self->index >= hk_dataset_get_n_rows (self->dataset, HK_TABLE_POSTS))
    {
      g_critical ("%s: no row %u in the dataset", G_OBJECT_TYPE_NAME (self), self->index);
      g_clear_object (&self->dataset);
    }
}

static void
hk_post_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  HkPost *self = HK_POST (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;

    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;

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
hk_post_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  HkPost *self = HK_POST (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      self->dataset = g_value_dup_object (value);
      break;

    case PROP_INDEX:
      self->index = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hk_post_class_init (HkPostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hk_post_dispose;
  object_class->constructed = hk_post_constructed;
  object_class->get_property = hk_post_get_property;
  object_class->set_property = hk_post_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         HK_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_INFLUENCER_INDEX] =
    g_param_spec_int ("influencer-index", NULL, NULL,
                      -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_INFLUENCER_ID] =
    g_param_spec_string ("influencer-id", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_INFLUENCER_NAME] =
    g_param_spec_string ("influencer-name", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

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

HkDataset *
hk_post_get_dataset (HkPost *self)
{
  g_return_val_if_fail (HK_IS_POST (self), NULL);

  return self->dataset;
}

guint
hk_post_get_index (HkPost *self)
{
  g_return_val_if_fail (HK_IS_POST (self), 0);

  return self->index;
}

int
hk_post_get_influencer_index (HkPost *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, -1);

  ds = self->dataset;
  r = self->index;
  return influencer_index (ds, r);
}

const char *
hk_post_get_influencer_id (HkPost *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NULL);

  ds = self->dataset;
  r = self->index;
  return hk_dataset_get_row_influencer_id (ds, HK_TABLE_POSTS, r);
}

const char *
hk_post_get_influencer_name (HkPost *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NULL);

  ds = self->dataset;
  r = self->index;
  return influencer_name (ds, r);
}

const char *
hk_post_get_post_id (HkPost *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NULL);

  ds = self->dataset;
  r = self->index;
  return ds->post_id ? ds->post_id[r] : "";
}

const char *
hk_post_get_platform (HkPost *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NULL);

  ds = self->dataset;
  r = self->index;
  return pool (ds, HK_POOL_PLATFORM, ds->post_platform[r]);
}

gint32
hk_post_get_date (HkPost *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, HK_DAY_NONE);

  ds = self->dataset;
  r = self->index;
  return ds->post_date[r];
}

char *
hk_post_dup_date_text (HkPost *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NULL);

  ds = self->dataset;
  r = self->index;
  return format_day (ds->post_date[r]);
}

const char *
hk_post_get_url (HkPost *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NULL);

  ds = self->dataset;
  r = self->index;
  return ds->post_url[r];
}

const char *
hk_post_get_caption (HkPost *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NULL);

  ds = self->dataset;
  r = self->index;
  return ds->post_caption[r];
}

double
hk_post_get_reach (HkPost *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NAN);

  ds = self->dataset;
  r = self->index;
  return ds->post_reach[r];
}

double
hk_post_get_likes (HkPost *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NAN);

  ds = self->dataset;
  r = self->index;
  return ds->post_likes[r];
}

double
hk_post_get_comments (HkPost *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NAN);

  ds = self->dataset;
  r = self->index;
  return ds->post_comments[r];
}

const char *
hk_post_get_brand (HkPost *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NULL);

  ds = self->dataset;
  r = self->index;
  return pool (ds, HK_POOL_BRAND, ds->post_brand[r]);
}

const char *
hk_post_get_campaign (HkPost *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NULL);

  ds = self->dataset;
  r = self->index;
  return pool (ds, HK_POOL_CAMPAIGN, ds->post_campaign[r]);
}
