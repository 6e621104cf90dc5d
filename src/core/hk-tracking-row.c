/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>

#include "hk-dataset-private.h"
#include "hk-date.h"
#include "hk-tracking-row.h"

struct _HkTrackingRow
{
  GObject    parent_instance;

  HkDataset *dataset;
  guint      index;
};

G_DEFINE_FINAL_TYPE (HkTrackingRow, hk_tracking_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_INDEX,
  PROP_INFLUENCER_INDEX,
  PROP_INFLUENCER_ID,
  PROP_INFLUENCER_NAME,
  PROP_SOURCE,
  PROP_CAMPAIGN,
  PROP_PRODUCT,
  PROP_BRAND,
  PROP_USER_ID,
  PROP_DATE,
  PROP_DATE_TEXT,
  PROP_ORDERS,
  PROP_REVENUE,
  PROP_CITY,
  PROP_AB_GROUP,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static const char * const ab_group_names[] = { "", "exposed", "holdout" };

/* A record made by g_object_new() with no dataset or a bad index has none:
 * the getters refuse it rather than read outside the columns. */
#define RETURN_IF_NO_ROW(self, value) \
  g_return_val_if_fail (HK_IS_TRACKING_ROW (self) && (self)->dataset != NULL, value)

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
  guint group = hk_dataset_get_row_group (ds, HK_TABLE_TRACKING, row);

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
hk_tracking_row_dispose (GObject *object)
{
  HkTrackingRow *self = HK_TRACKING_ROW (object);

  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (hk_tracking_row_parent_class)->dispose (object);
}

static void
hk_tracking_row_constructed (GObject *object)
{
  HkTrackingRow *self = HK_TRACKING_ROW (object);

  G_OBJECT_CLASS (hk_tracking_row_parent_class)->constructed (object);

  if (self->dataset == NULL)
    g_critical ("%s: made without a dataset", G_OBJECT_TYPE_NAME (self));
  else if (self->index >= hk_dataset_get_n_rows (self->dataset, HK_TABLE_TRACKING))
    {
      g_critical ("%s: no row %u in the dataset", G_OBJECT_TYPE_NAME (self), self->index);
      g_clear_object (&self->dataset);
    }
}

static void
hk_tracking_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HkTrackingRow *self = HK_TRACKING_ROW (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;

    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;

    case PROP_INFLUENCER_INDEX:
      g_value_set_int (value, hk_tracking_row_get_influencer_index (self));
      break;

    case PROP_INFLUENCER_ID:
      g_value_set_string (value, hk_tracking_row_get_influencer_id (self));
      break;

    case PROP_INFLUENCER_NAME:
      g_value_set_string (value, hk_tracking_row_get_influencer_name (self));
      break;

    case PROP_SOURCE:
      g_value_set_string (value, hk_tracking_row_get_source (self));
      break;

    case PROP_CAMPAIGN:
      g_value_set_string (value, hk_tracking_row_get_campaign (self));
      break;

    case PROP_PRODUCT:
      g_value_set_string (value, hk_tracking_row_get_product (self));
      break;

    case PROP_BRAND:
      g_value_set_string (value, hk_tracking_row_get_brand (self));
      break;

    case PROP_USER_ID:
      g_value_set_string (value, hk_tracking_row_get_user_id (self));
      break;

    case PROP_DATE:
      g_value_set_int (value, hk_tracking_row_get_date (self));
      break;

    case PROP_DATE_TEXT:
      g_value_take_string (value, hk_tracking_row_dup_date_text (self));
      break;

    case PROP_ORDERS:
      g_value_set_int (value, hk_tracking_row_get_orders (self));
      break;

    case PROP_REVENUE:
      g_value_set_double (value, hk_tracking_row_get_revenue (self));
      break;

    case PROP_CITY:
      g_value_set_string (value, hk_tracking_row_get_city (self));
      break;

    case PROP_AB_GROUP:
      g_value_set_string (value, hk_tracking_row_get_ab_group (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hk_tracking_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HkTrackingRow *self = HK_TRACKING_ROW (object);

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
hk_tracking_row_class_init (HkTrackingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hk_tracking_row_dispose;
  object_class->constructed = hk_tracking_row_constructed;
  object_class->get_property = hk_tracking_row_get_property;
  object_class->set_property = hk_tracking_row_set_property;

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

  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CAMPAIGN] =
    g_param_spec_string ("campaign", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PRODUCT] =
    g_param_spec_string ("product", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_BRAND] =
    g_param_spec_string ("brand", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_USER_ID] =
    g_param_spec_string ("user-id", NULL, NULL,
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

  properties[PROP_ORDERS] =
    g_param_spec_int ("orders", NULL, NULL,
                      G_MININT32, G_MAXINT32, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_REVENUE] =
    g_param_spec_double ("revenue", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CITY] =
    g_param_spec_string ("city", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_AB_GROUP] =
    g_param_spec_string ("ab-group", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hk_tracking_row_init (HkTrackingRow *self)
{
}

HkTrackingRow *
hk_tracking_row_new (HkDataset *dataset,
                     guint      index)
{
  g_return_val_if_fail (HK_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (index < hk_dataset_get_n_rows (dataset, HK_TABLE_TRACKING), NULL);

  return g_object_new (HK_TYPE_TRACKING_ROW,
                       "dataset", dataset,
                       "index", index,
                       NULL);
}

HkDataset *
hk_tracking_row_get_dataset (HkTrackingRow *self)
{
  g_return_val_if_fail (HK_IS_TRACKING_ROW (self), NULL);

  return self->dataset;
}

guint
hk_tracking_row_get_index (HkTrackingRow *self)
{
  g_return_val_if_fail (HK_IS_TRACKING_ROW (self), 0);

  return self->index;
}

int
hk_tracking_row_get_influencer_index (HkTrackingRow *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, -1);

  ds = self->dataset;
  r = self->index;
  return influencer_index (ds, r);
}

const char *
hk_tracking_row_get_influencer_id (HkTrackingRow *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NULL);

  ds = self->dataset;
  r = self->index;
  return hk_dataset_get_row_influencer_id (ds, HK_TABLE_TRACKING, r);
}

const char *
hk_tracking_row_get_influencer_name (HkTrackingRow *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NULL);

  ds = self->dataset;
  r = self->index;
  return influencer_name (ds, r);
}

const char *
hk_tracking_row_get_source (HkTrackingRow *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NULL);

  ds = self->dataset;
  r = self->index;
  return pool (ds, HK_POOL_SOURCE, ds->trk_source[r]);
}

const char *
hk_tracking_row_get_campaign (HkTrackingRow *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NULL);

  ds = self->dataset;
  r = self->index;
  return pool (ds, HK_POOL_CAMPAIGN, ds->trk_campaign[r]);
}

const char *
hk_tracking_row_get_product (HkTrackingRow *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NULL);

  ds = self->dataset;
  r = self->index;
  return pool (ds, HK_POOL_PRODUCT, ds->trk_product[r]);
}

const char *
hk_tracking_row_get_brand (HkTrackingRow *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NULL);

  ds = self->dataset;
  r = self->index;
  return pool (ds, HK_POOL_BRAND, ds->trk_brand[r]);
}

const char *
hk_tracking_row_get_user_id (HkTrackingRow *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NULL);

  ds = self->dataset;
  r = self->index;
  return pool (ds, HK_POOL_USER, ds->trk_user[r]);
}

gint32
hk_tracking_row_get_date (HkTrackingRow *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, HK_DAY_NONE);

  ds = self->dataset;
  r = self->index;
  return ds->trk_date[r];
}

char *
hk_tracking_row_dup_date_text (HkTrackingRow *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NULL);

  ds = self->dataset;
  r = self->index;
  return format_day (ds->trk_date[r]);
}

int
hk_tracking_row_get_orders (HkTrackingRow *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, 0);

  ds = self->dataset;
  r = self->index;
  return ds->trk_orders[r];
}

double
hk_tracking_row_get_revenue (HkTrackingRow *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NAN);

  ds = self->dataset;
  r = self->index;
  return ds->trk_revenue[r];
}

const char *
hk_tracking_row_get_city (HkTrackingRow *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NULL);

  ds = self->dataset;
  r = self->index;
  return ds->trk_city ? pool (ds, HK_POOL_CITY, ds->trk_city[r]) : "";
}

const char *
hk_tracking_row_get_ab_group (HkTrackingRow *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NULL);

  ds = self->dataset;
  r = self->index;
  return ab_group_names[ds->trk_flags[r] & HK_TRACKING_FLAG_AB_MASK];
}
